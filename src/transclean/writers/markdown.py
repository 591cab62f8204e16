"""``md``: the corrected article as Markdown: ``#`` for the title, ``##`` for headings.

Blocks keep their order and are separated by one blank line. Text is escaped so that it renders
as written (see :mod:`transclean.writers._markdown`); a block that the corrections emptied
(a removed boilerplate line) is left out.
"""

from __future__ import annotations

from transclean.edits import EditMap
from transclean.model import CleanResult, SegmentKind
from transclean.writers._markdown import escape_block, escape_single_line

_PREFIX = {SegmentKind.TITLE: "# ", SegmentKind.HEADING: "## "}


class MarkdownWriter:
    """Write the corrected article with its title and headings as Markdown headings."""

    name = "md"
    extension = "md"
    media_type = "text/markdown; charset=utf-8"
    description = "The corrected article as Markdown (# title, ## headings)."

    def write(self, result: CleanResult) -> bytes:
        parts: list[str] = []
        mapping = EditMap(result.edits)
        previous_end = -1
        for block in result.document.blocks:
            start = mapping(block.start, after_insertions=block.start == previous_end)
            end = mapping(block.end, after_insertions=True)
            previous_end = block.end
            text = result.corrected[start : max(start, end)].strip()
            if not text:
                continue
            prefix = _PREFIX.get(block.kind)
            if prefix:
                parts.append(prefix + escape_single_line(text))
            else:
                parts.append(escape_block(text))
        return ("\n\n".join(parts) + "\n" if parts else "").encode("utf-8")
