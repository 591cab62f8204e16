"""Library entry points: what the CLI calls, usable from Python as they are."""

from __future__ import annotations

from pathlib import Path

from transclean.io.reader import decode_bytes, read_path
from transclean.model import Document
from transclean.segment import segment_document


def read_document(path: str | Path) -> Document:
    """Read a file (``-`` for stdin) into a segmented Document; raises InputError on bad input."""
    result = read_path(path)
    source = "<stdin>" if str(path) == "-" else str(path)
    document = Document(result.text, source=source, encoding=result.encoding, notes=result.notes)
    return segment_document(document, markdown=result.format == "markdown")


def segment_string(text: str, *, source: str = "<text>", markdown: bool = False) -> Document:
    """Segment text already in memory."""
    return segment_document(Document(text, source=source), markdown=markdown)


def segment_bytes(data: bytes, *, source: str = "<bytes>", markdown: bool = False) -> Document:
    """Decode and segment raw bytes, as :func:`read_document` does for a file."""
    result = decode_bytes(data, source, "markdown" if markdown else "text")
    document = Document(result.text, source=source, encoding=result.encoding, notes=result.notes)
    return segment_document(document, markdown=markdown)
