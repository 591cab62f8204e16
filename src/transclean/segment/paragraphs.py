"""Split text into blocks: title, headings and paragraphs.

Blocks are separated by blank lines. A short single line with no final punctuation that is
followed by another block reads as a heading (editors' and scrapers' files carry no markup); the
first block, when it reads so, is the title. In Markdown input, ``#`` lines are headings and the
segment starts after the ``#`` marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from transclean.model import SegmentKind

HEADING_MAX_WORDS = 20
HEADING_MAX_CHARS = 200
# A line ending in one of these is a sentence, not a heading.
_FINAL_PUNCTUATION = frozenset(".!?;:,…")
_CLOSERS = "\"'»”’)]"
_BLANK_LINES = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")
_MD_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")


class Block(NamedTuple):
    """One block: ``text[start:end]`` is a title, a heading or a paragraph."""

    start: int
    end: int
    kind: SegmentKind


def split_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Return the blocks of ``text`` in order; between blocks is whitespace (or ``#`` marks)."""
    raw = list(_raw_blocks(text, markdown))
    blocks: list[Block] = []
    for index, (start, end, md_heading) in enumerate(raw):
        # A block too long to be a heading is not sliced to ask (most blocks are paragraphs).
        if md_heading or (
            index + 1 < len(raw)
            and end - start <= HEADING_MAX_CHARS
            and looks_like_heading(text[start:end])
        ):
            kind = SegmentKind.HEADING
        else:
            kind = SegmentKind.PARAGRAPH
        if kind is SegmentKind.HEADING and index == 0:
            kind = SegmentKind.TITLE
        blocks.append(Block(start, end, kind))
    return blocks


def looks_like_heading(line: str) -> bool:
    """Tell whether one block reads as a heading: one short line without final punctuation."""
    if "\n" in line:
        return False
    stripped = line.rstrip(_CLOSERS)
    if not stripped or stripped[-1] in _FINAL_PUNCTUATION:
        return False
    return len(line) <= HEADING_MAX_CHARS and len(line.split()) <= HEADING_MAX_WORDS


def _raw_blocks(text: str, markdown: bool) -> Iterator[tuple[int, int, bool]]:
    """Yield (start, end, is_markdown_heading) for each run of non-blank lines, trimmed."""
    pos = 0
    for sep in _BLANK_LINES.finditer(text + "\n\n"):
        chunk_start, chunk_end = pos, min(sep.start(), len(text))
        pos = sep.end()
        if markdown:
            yield from _markdown_blocks(text, chunk_start, chunk_end)
        else:
            span = _trim(text, chunk_start, chunk_end)
            if span:
                yield (*span, False)


def _markdown_blocks(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """Split a chunk at ATX heading lines, which need no blank line around them."""
    para_start = start
    line_start = start
    while line_start < end:
        nl = text.find("\n", line_start, end)
        line_end = end if nl == -1 else nl
        match = _MD_HEADING.match(text, line_start, line_end)
        if match:
            span = _trim(text, para_start, line_start)
            if span:
                yield (*span, False)
            if match.group(2):
                yield match.start(2), match.end(2), True
            para_start = line_end
        line_start = line_end + 1
    span = _trim(text, para_start, end)
    if span:
        yield (*span, False)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
