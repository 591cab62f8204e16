"""``json``: the check report plus the edits and the corrected text, for programs.

The flag record (:func:`flag_record`) is shared with the ``check`` report; its keys are a
stable interface documented in the README.
"""

from __future__ import annotations

from typing import Any

from transclean.model import CleanResult, Document, Edit, Flag
from transclean.report import dumps, line_column, segment_record


def flag_record(document: Document, flag: Flag, applied: bool = False) -> dict[str, Any]:
    """One flag as reports show it; ``line``/``column`` are 1-based, from ``flag.start``."""
    line, column = line_column(document.text, flag.start)
    return {
        "id": flag.id,
        "rule": flag.rule,
        "severity": flag.severity.value,
        "start": flag.start,
        "end": flag.end,
        "line": line,
        "column": column,
        "text": flag.text,
        "suggestion": flag.suggestion,
        "message": flag.message,
        "segment": flag.segment_id,
        "applied": applied,
    }


def edit_record(edit: Edit) -> dict[str, Any]:
    """One applied edit: offsets into the original text, what it replaced and with what."""
    return {
        "rule": edit.rule,
        "start": edit.start,
        "end": edit.end,
        "original": edit.original,
        "replacement": edit.replacement,
    }


def json_report(result: CleanResult) -> dict[str, Any]:
    """The ``clean`` report: file facts, segments, flags, applied edits, glossary hints for
    units in another language, corrected text."""
    document = result.document
    applied = result.applied
    return {
        "file": document.source,
        "language": document.language,
        "encoding": document.encoding,
        "notes": list(document.notes),
        "segments": [segment_record(document, s) for s in document.segments],
        "flags": [flag_record(document, f, applied(f)) for f in result.flags],
        "edits": [edit_record(e) for e in result.edits],
        "hints": {
            segment_id: [{"source": h.source, "target": h.target} for h in hints]
            for segment_id, hints in sorted(result.hints.items())
        },
        "corrected": result.corrected,
    }


class JsonWriter:
    """Write :func:`json_report` as indented UTF-8 JSON."""

    name = "json"
    extension = "json"
    media_type = "application/json"
    description = "Machine-readable report: segments, flags, applied edits, corrected text."

    def write(self, result: CleanResult) -> bytes:
        return dumps(json_report(result)).encode("utf-8")
