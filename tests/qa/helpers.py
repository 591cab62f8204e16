"""Test notation for the QA checks: flagged spans are marked inline, ⟦like this⟧.

``marked("many ways⟦ ⟧.")`` gives the plain text and the spans a check must flag, so a table row
shows at a glance what is flagged and what is not.
"""

from __future__ import annotations

from transclean.api import segment_string
from transclean.checks.base import Check, CheckContext
from transclean.config import Options
from transclean.edits import apply_edits
from transclean.glossary.model import Glossary
from transclean.model import Document, Flag, Segment, SegmentKind

OPEN, CLOSE = "⟦", "⟧"


def marked(spec: str) -> tuple[str, list[tuple[int, int]]]:
    """Return (text without marks, spans between ⟦ and ⟧)."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    start = -1
    for char in spec:
        if char == OPEN:
            start = len(text)
        elif char == CLOSE:
            spans.append((start, len(text)))
        else:
            text.append(char)
    return "".join(text), spans


def run(check: Check, document: Document) -> list[Flag]:
    """Run one check on a document; flags sorted by position."""
    context = CheckContext(document, Glossary(), Options())
    return sorted(check.run(context), key=lambda f: (f.start, f.end))


def spans(flags: list[Flag]) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in flags]


def fixed(document: Document, flags: list[Flag], *, safe_only: bool = False) -> str:
    """Apply every proposed fix (only the safe ones with ``safe_only``) to the document text."""
    edits = [
        f.fix for f in flags if f.fix is not None and not (safe_only and f.data.get("safe") == "no")
    ]
    return apply_edits(document.text, sorted(edits, key=lambda e: (e.start, e.end)))


def check_marked(check: Check, spec: str) -> tuple[Document, list[Flag]]:
    """Segment the text of ``spec``, run ``check`` and assert it flags exactly the marked spans."""
    text, expected = marked(spec)
    document = segment_string(text)
    flags = run(check, document)
    found = [(f.start, f.end, f.text) for f in flags]
    assert spans(flags) == expected, found
    return document, flags


def build(parts: list[tuple[SegmentKind, list[tuple[str, str]]]], language: str) -> Document:
    """Build a Document with the languages given, independent of language detection.

    ``parts`` lists blocks as (kind, [(lang, text), …]); a paragraph holds several sentences,
    joined by one space; blocks are separated by a blank line.
    """
    text = ""
    segments: list[Segment] = []
    for index, (kind, units) in enumerate(parts):
        if text:
            text += "\n\n"
        block_start = len(text)
        sentences: list[Segment] = []
        for n, (lang, unit_text) in enumerate(units):
            if n:
                text += " "
            start = len(text)
            text += unit_text
            if kind is SegmentKind.PARAGRAPH:
                sentences.append(
                    Segment(
                        f"p{index}.s{n}",
                        SegmentKind.SENTENCE,
                        start,
                        len(text),
                        index,
                        lang,
                        0.99,
                        parent=f"p{index}",
                    )
                )
        block_lang = units[0][0] if kind is not SegmentKind.PARAGRAPH else language
        segments.append(Segment(f"p{index}", kind, block_start, len(text), index, block_lang, 0.99))
        segments.extend(sentences)
    return Document(text, tuple(segments), language=language)
