"""The JSON report: the project's stable machine interface (documented in the README)."""

from __future__ import annotations

import json
from typing import Any

from transclean.model import Document, Segment


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
