"""``text``: the corrected article alone, as plain UTF-8 text."""

from __future__ import annotations

from transclean.model import CleanResult


class TextWriter:
    """Write ``result.corrected`` unchanged: the same paragraphs, line breaks and spacing."""

    name = "text"
    extension = "txt"
    media_type = "text/plain; charset=utf-8"
    description = "The corrected article alone, as plain text."

    def write(self, result: CleanResult) -> bytes:
        return result.corrected.encode("utf-8")
