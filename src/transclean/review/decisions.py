"""The decisions file: what an editor decided on each flag of one article.

``<article>.decisions.json`` sits beside the article's outputs and is rewritten atomically after
every decision, so a closed browser or a lost SSH session loses nothing. Each record keeps what
was flagged, what the check suggested and what the editor chose, with the language, so the file
alone is enough for ``transclean glossary learn``::

    {"version": 1, "file": "article.txt", "sha256": "…", "language": "en",
     "decisions": [{"flag_id": "F0a1b2c3d4e", "rule": "term.deprecated", "start": 10,
                    "end": 19, "text": "dumilumab", "action": "accept",
                    "replacement": "dupilumab", "suggestion": "dupilumab", "lang": "en",
                    "sentence_start": false}]}

``sha256`` is the hash of the article's text when the file was written. A decision applies
only while a flag with its id still flags the same text; others are *stale*: reported, kept in
the file, never applied.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transclean.correct import decided_edit
from transclean.errors import InputError
from transclean.model import UNDETERMINED, Action, Decision, Document, Flag

FORMAT_VERSION = 1
DECISIONS_SUFFIX = ".decisions.json"
# Openers that may stand before the first word of a sentence.
_OPENERS = " \t\n\"'«„“‘(["


def text_sha256(text: str) -> str:
    """The hash the decisions file records of an article's text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """One decision as stored: the flag it is about, and what the editor chose.

    ``replacement`` is the text the decision puts in place of ``text``: the editor's own for
    REPLACE, the fix or suggestion for ACCEPT (None when accepting changes nothing), None for
    REJECT. ``sentence_start`` tells whether the flagged text opened its sentence, so that a
    capital there is not taken for part of the term.
    """

    flag_id: str
    rule: str
    start: int
    end: int
    text: str
    action: Action
    replacement: str | None
    suggestion: str | None
    lang: str
    sentence_start: bool = False

    @property
    def decision(self) -> Decision:
        """The decision the correction stage applies."""
        text = self.replacement if self.action is Action.REPLACE else None
        return Decision(self.flag_id, self.action, text)

    def to_json(self) -> dict[str, Any]:
        return {
            "flag_id": self.flag_id,
            "rule": self.rule,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "action": self.action.value,
            "replacement": self.replacement,
            "suggestion": self.suggestion,
            "lang": self.lang,
            "sentence_start": self.sentence_start,
        }


@dataclass(frozen=True, slots=True)
class DecisionsFile:
    """The contents of one decisions file."""

    file: str
    sha256: str
    language: str
    records: tuple[DecisionRecord, ...] = ()

    def to_json(self) -> dict[str, Any]:
        items = [r.to_json() for r in self.records]
        # by position; the whole record breaks ties (a stale record may share a current id)
        items.sort(key=lambda d: (d["start"], d["end"], d["rule"], json.dumps(d, sort_keys=True)))
        return {
            "version": FORMAT_VERSION,
            "file": self.file,
            "sha256": self.sha256,
            "language": self.language,
            "decisions": items,
        }


def record_for(
    document: Document, flag: Flag, action: Action, text: str | None = None
) -> DecisionRecord:
    """Build the record of deciding ``action`` on ``flag`` (``text``: the editor's, for REPLACE)."""
    decision = Decision(flag.id, action, text if action is Action.REPLACE else None)
    edit = decided_edit(flag, decision)
    segment = document.segment_at(flag.start)
    lang = segment.lang if segment is not None else UNDETERMINED
    opening = document.text[segment.start : flag.start] if segment is not None else ""
    return DecisionRecord(
        flag_id=flag.id,
        rule=flag.rule,
        start=flag.start,
        end=flag.end,
        text=flag.text,
        action=action,
        replacement=edit.replacement if edit is not None else None,
        suggestion=flag.suggestion,
        lang=document.language if lang == UNDETERMINED else lang,
        sentence_start=not opening.strip(_OPENERS),
    )


def split_stale(
    records: Iterable[DecisionRecord], flags: Iterable[Flag]
) -> tuple[dict[str, DecisionRecord], list[DecisionRecord]]:
    """Split records into those that apply to ``flags`` (by flag id) and the stale rest.

    A record applies when a flag has its id and still flags the same text; an id alone is not
    enough, since ids hash the rule and offsets, and an edited input can move other text there.
    """
    current = {flag.id: flag for flag in flags}
    applicable: dict[str, DecisionRecord] = {}
    stale: list[DecisionRecord] = []
    for record in records:
        flag = current.get(record.flag_id)
        if flag is not None and flag.text == record.text:
            applicable[record.flag_id] = record
        else:
            stale.append(record)
    return applicable, stale


def as_decisions(records: Mapping[str, DecisionRecord]) -> dict[str, Decision]:
    """The decisions the correction stage takes, keyed by flag id."""
    return {flag_id: record.decision for flag_id, record in records.items()}


def load_decisions(path: str | Path) -> DecisionsFile | None:
    """Read a decisions file; None when there is none yet, InputError when it is broken."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read the decisions file: {exc}", path=str(path)) from None
    try:
        return _from_json(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(
            f"not a transclean decisions file ({type(exc).__name__}: {exc})",
            path=str(path),
            hint="move it away to start the review afresh",
        ) from None


def save_decisions(path: str | Path, decisions: DecisionsFile) -> None:
    """Write the decisions file atomically, deterministically (sorted by position)."""
    from transclean.io.output import write_atomic
    from transclean.report import dumps

    write_atomic(path, dumps(decisions.to_json()).encode("utf-8"))


def _from_json(data: Any) -> DecisionsFile:
    if not isinstance(data, dict) or not isinstance(data.get("decisions"), list):
        raise ValueError("no 'decisions' list")
    if data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise ValueError(f"version {data.get('version')!r}, expected {FORMAT_VERSION}")
    records = tuple(
        DecisionRecord(
            flag_id=str(item["flag_id"]),
            rule=str(item["rule"]),
            start=int(item["start"]),
            end=int(item["end"]),
            text=str(item["text"]),
            action=Action(item["action"]),
            replacement=_optional_str(item.get("replacement")),
            suggestion=_optional_str(item.get("suggestion")),
            lang=str(item.get("lang") or UNDETERMINED),
            sentence_start=bool(item.get("sentence_start", False)),
        )
        for item in data["decisions"]
    )
    return DecisionsFile(
        file=str(data.get("file", "")),
        sha256=str(data.get("sha256", "")),
        language=str(data.get("language") or UNDETERMINED),
        records=records,
    )


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)
