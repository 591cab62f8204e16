"""The JSON report: the project's stable machine interface (documented in the README)."""

from __future__ import annotations

import json
from typing import Any

from transclean.model import Document, Flag, Segment


def segment_record(document: Document, segment: Segment) -> dict[str, Any]:
    """One segment as the report shows it."""
    return {
        "id": segment.id,
        "kind": segment.kind.value,
        "start": segment.start,
        "end": segment.end,
        "paragraph": segment.paragraph,
        "lang": segment.lang,
        "confidence": round(segment.confidence, 3),
        "text": document.text[segment.start : segment.end],
        "inline": [
            {"start": s.start, "end": s.end, "lang": s.lang, "text": document.text[s.start : s.end]}
            for s in segment.inline
        ],
    }


def segment_report(document: Document) -> dict[str, Any]:
    """The ``segment`` report: file, dominant language, encoding, notes and every segment."""
    return {
        "file": document.source,
        "language": document.language,
        "encoding": document.encoding,
        "notes": list(document.notes),
        "segments": [segment_record(document, s) for s in document.segments],
    }


def dumps(report: dict[str, Any]) -> str:
    """Serialise a report deterministically (same input, byte-identical output)."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (columns count characters)."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def check_report(document: Document, flags: tuple[Flag, ...]) -> dict[str, Any]:
    """The ``check`` report: the segment report plus every flag."""
    from transclean.writers.json import flag_record

    report = segment_report(document)
    report["flags"] = [flag_record(document, flag) for flag in flags]
    return report
