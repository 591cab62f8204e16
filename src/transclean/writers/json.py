"""``json``: the check report plus the edits and the corrected text, for programs.

The flag record (:func:`flag_record`) is shared with the ``check`` report; its keys are a
stable interface documented in the README.

A run that translated (``translate``, ``clean --translate``) adds ``target_language`` (the
language of ``corrected``) and ``translations``, one record per machine translation with its
text, which a flag record does not carry. Runs without translation keep the report as it was.
"""

from __future__ import annotations

from typing import Any

from transclean.model import CleanResult, Document, Edit, Flag
from transclean.report import dumps, line_column, segment_record
from transclean.writers._common import MT_RULE


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


def translation_record(flag: Flag, applied: bool) -> dict[str, Any]:
    """One machine translation: its unit, languages, engine, term check and text."""
    return {
        "flag": flag.id,
        "segment": flag.segment_id,
        "start": flag.start,
        "end": flag.end,
        "source_lang": flag.data.get("source_lang"),
        "target_lang": flag.data.get("target_lang"),
        "engine": flag.data.get("engine"),
        "terms": flag.data.get("terms"),
        "text": flag.fix.replacement if flag.fix is not None else None,
        "applied": applied,
    }


def json_report(result: CleanResult) -> dict[str, Any]:
    """The ``clean`` report: file facts, segments, flags, applied edits, glossary hints for
    units in another language, corrected text (and translations, where there are some)."""
    document = result.document
    applied = result.applied
    report: dict[str, Any] = {
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
    }
    translations = [f for f in result.flags if f.rule == MT_RULE]
    if translations or result.target_language is not None:
        report["target_language"] = result.target_lang
        report["translations"] = [translation_record(f, applied(f)) for f in translations]
    report["corrected"] = result.corrected
    return report


class JsonWriter:
    """Write :func:`json_report` as indented UTF-8 JSON."""

    name = "json"
    extension = "json"
    media_type = "application/json"
    description = "Machine-readable report: segments, flags, applied edits, corrected text."

    def write(self, result: CleanResult) -> bytes:
        return dumps(json_report(result)).encode("utf-8")
