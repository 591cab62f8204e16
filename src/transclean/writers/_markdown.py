"""Escape text for CommonMark so that it renders exactly as written.

The document model keeps text, not markup, so every character that Markdown would read as
markup is backslash-escaped: inline markers everywhere, block markers at the start of a line.
Raw HTML (``<script>``) and entity references (``&amp;``) are neutralised the same way, so a
rendered Markdown file cannot run anything from the article.
"""

from __future__ import annotations

import re

# Characters that start inline markup anywhere in a line (CommonMark backslash escapes).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# "&name;" and "&#123;" would render as the character they name.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Block markers that only matter at the start of a line.
_LINE_START = re.compile(
    r"^(?P<indent>[ ]{0,3})(?:(?P<hash>#)|(?P<bullet>[-+])(?=[ \t]|$)"
    r"|(?P<num>\d{1,9})(?P<delim>[.)])(?=[ \t]|$)|(?P<rule>(?:=+|(?:-[ \t]*){2,})[ \t]*$))"
)


def escape_inline(text: str) -> str:
    """Escape one line's inline markup (no block markers): for text inside a longer line."""
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))


def escape_line(line: str) -> str:
    """Escape a line that starts a Markdown line: inline markup plus block markers."""
    escaped = escape_inline(line)
    match = _LINE_START.match(escaped)
    if not match:
        return escaped
    cut = match.end("indent")
    if match.group("num"):
        cut = match.start("delim")
    return escaped[:cut] + "\\" + escaped[cut:]


def escape_block(text: str) -> str:
    """Escape multi-line text as one Markdown paragraph, keeping its line breaks (hard breaks)."""
    lines = text.split("\n")
    escaped = [escape_line(line.rstrip()) for line in lines]
    return "\\\n".join(escaped)


def escape_single_line(text: str) -> str:
    """Escape text for a place that must stay on one line (a list item, a heading)."""
    escaped = escape_inline(" ".join(text.split()))
    # A heading's closing "#"s would be dropped: "## Week #" renders as "Week".
    return escaped[:-1] + "\\#" if escaped.endswith("#") else escaped
