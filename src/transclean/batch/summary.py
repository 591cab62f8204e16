"""The batch's closing figures and ``flags.csv``: from the workers as they finish, else the reports.

Each worker sends back its article's flags as :class:`FlagRow` tuples with its outcome; the
parent counts them into the :class:`Tally` and spools their CSV lines to an unnamed temporary
file as they arrive (:class:`FlagsCsv`), so no report is read back and nothing is left to do but
copy the lines, in sorted order, when the last article is done. Articles unchanged since an
earlier run get their rows from their ``<rel>.report.json``. The CSV and the tallies cover every
current article, are identical whatever order the workers finished in, and stay small in memory
(one article's rows at a time, plus counters and one file offset per article); the manifest keeps
a few facts per article, not every flag.

The manifest also records which articles the CSV was built from (:func:`entries_digest`), the
CSV's hash and the tally: a rerun that changes none of them keeps ``flags.csv`` as it is instead
of reading every report again (so a report garbled by hand since is not noticed; deleting it,
or ``--force``, has its article cleaned again).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from transclean import __version__
from transclean.batch.manifest import Entry, file_sha256, open_atomic
from transclean.batch.plan import Skipped, Task

CSV_COLUMNS = ("file", "line", "column", "rule", "severity", "text", "suggestion", "fixed")
TERM_FAMILY = "term."  # flags of glossary terms: the ones worth ranking by frequency
TOP_TERMS = 20

TermKey = tuple[str, str, str]  # rule, text and suggestion casefolded


class FlagRow(NamedTuple):
    """One flag as ``flags.csv`` and the tallies need it (a report's flag record, trimmed)."""

    line: int
    column: int
    rule: str
    severity: str
    text: str
    suggestion: str | None
    fixed: bool


def flag_rows(records: Iterable[Mapping[str, Any]]) -> tuple[FlagRow, ...]:
    """The rows of flag records as ``flag_record`` writes them (a report's ``flags``)."""
    return tuple(
        FlagRow(r["line"], r["column"], r["rule"], r["severity"], r["text"], r["suggestion"],
                bool(r["applied"]))
        for r in records
    )


@dataclass(frozen=True, slots=True)
class TermCount:
    """One flagged term (as first written) with its suggestion, how often and in how many files."""

    rule: str
    text: str
    suggestion: str | None
    count: int
    files: int


@dataclass(slots=True)
class Tally:
    """Counters over every flag of every current article, added article by article.

    Articles may be added in any order: a term's spelling is the one first written in sorted
    file order (the earliest ``(rel, position)``), not the first to arrive, so the tally does not
    depend on which worker finished first.
    """

    flags: int = 0
    fixed: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    fixed_by_rule: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    _terms: Counter[TermKey] = field(default_factory=Counter)
    _term_files: Counter[TermKey] = field(default_factory=Counter)
    # where each term was first written, and how: (rel, position), text, suggestion
    _spelling: dict[TermKey, tuple[tuple[str, int], str, str | None]] = field(
        default_factory=dict)

    def add(self, rel: str, rows: Sequence[FlagRow]) -> None:
        """Count the flags of article ``rel``."""
        seen: set[TermKey] = set()
        for position, row in enumerate(rows):
            self.flags += 1
            self.by_rule[row.rule] += 1
            self.by_severity[row.severity] += 1
            if row.fixed:
                self.fixed += 1
                self.fixed_by_rule[row.rule] += 1
            if row.rule.startswith(TERM_FAMILY):
                # One row for "Dumilumab" and "dumilumab": case is not a different mistake.
                key = (row.rule, row.text.casefold(), (row.suggestion or "").casefold())
                self._terms[key] += 1
                place = (rel, position)
                known = self._spelling.get(key)
                if known is None or place < known[0]:
                    self._spelling[key] = (place, row.text, row.suggestion)
                seen.add(key)
        self._term_files.update(seen)

    def top_terms(self, n: int = TOP_TERMS) -> list[TermCount]:
        """The ``n`` most frequent flagged terms; ties broken by rule and text, so stable."""
        ranked = sorted(self._terms.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return [
            TermCount(key[0], *self._spelling[key][1:], count, self._term_files[key])
            for key, count in ranked
        ]

    def record(self) -> dict[str, Any]:
        """The whole tally as JSON, in a stable order (kept in the manifest)."""
        return {
            "flags": self.flags,
            "fixed": self.fixed,
            "by_rule": dict(sorted(self.by_rule.items())),
            "fixed_by_rule": dict(sorted(self.fixed_by_rule.items())),
            "by_severity": dict(sorted(self.by_severity.items())),
            "terms": [
                [*key, count, self._term_files[key], *self._spelling[key][0],
                 *self._spelling[key][1:]]
                for key, count in sorted(self._terms.items())
            ],
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Tally:
        """Rebuild a tally from :meth:`record`; raises KeyError/TypeError/ValueError if foreign."""
        tally = cls(int(record["flags"]), int(record["fixed"]), Counter(record["by_rule"]),
                    Counter(record["fixed_by_rule"]), Counter(record["by_severity"]))
        for rule, text, suggestion, count, files, rel, position, spelt, suggested in (
                record["terms"]):
            key = (str(rule), str(text), str(suggestion))
            tally._terms[key] = int(count)
            tally._term_files[key] = int(files)
            tally._spelling[key] = ((str(rel), int(position)), str(spelt),
                                    None if suggested is None else str(suggested))
        return tally


class FlagsCsv:
    """The CSV lines of the articles cleaned in this run, spooled until ``flags.csv`` is written.

    The spool is a temporary file in OUT_DIR without a name (removed as soon as it is made, so
    even a killed run leaves nothing behind); only each article's offset stays in memory.
    """

    def __init__(self, folder: Path) -> None:
        self.tally = Tally()
        self._spool = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by __exit__)
        self._places: dict[str, tuple[int, int]] = {}
        self._end = 0  # the spool's size: appending needs no seek (each one flushes a write)

    def __enter__(self) -> FlagsCsv:
        return self

    def __exit__(self, *exc: object) -> None:
        self._spool.close()

    def add(self, rel: str, rows: Sequence[FlagRow]) -> None:
        """Count and spool the rows of an article cleaned in this run."""
        self.tally.add(rel, rows)
        data = _csv_lines(rel, rows).encode("utf-8")
        self._places[rel] = (self._end, len(data))
        self._spool.write(data)
        self._end += len(data)

    def write(
        self, out_root: Path, csv_path: Path, tasks: Iterable[Task]
    ) -> tuple[Tally, list[tuple[str, str]]]:
        """Write ``flags.csv`` for ``tasks`` (sorted); return the tally and any bad reports.

        Articles of this run are copied from the spool; the others' rows come from their
        reports. The CSV is UTF-8 with a byte-order mark, which spreadsheet programs need to
        show Cyrillic text correctly; ``fixed`` is ``yes`` or ``no``.
        """
        unreadable: list[tuple[str, str]] = []
        with open_atomic(csv_path, encoding="utf-8-sig") as handle:
            handle.write(_csv_text([CSV_COLUMNS]))
            for task in tasks:
                place = self._places.get(task.rel)
                if place is not None:
                    self._spool.seek(place[0])
                    handle.write(self._spool.read(place[1]).decode("utf-8"))
                    continue
                try:
                    report = json.loads((out_root / task.report).read_bytes())
                    rows = flag_rows(report["flags"])
                except (OSError, ValueError, KeyError, TypeError) as exc:
                    unreadable.append((task.rel, f"cannot read its report {task.report}: {exc} "
                                       "(delete the report and run the batch again)"))
                    continue
                self.tally.add(task.rel, rows)
                handle.write(_csv_lines(task.rel, rows))
        self._spool.seek(0, io.SEEK_END)  # where add() appends
        return self.tally, unreadable


def _csv_lines(rel: str, rows: Iterable[FlagRow]) -> str:
    """The CSV lines of article ``rel``'s rows."""
    return _csv_text(
        (rel, r.line, r.column, r.rule, r.severity, r.text, r.suggestion or "",
         "yes" if r.fixed else "no")
        for r in rows
    )


def _csv_text(rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def entries_digest(entries: Mapping[str, Entry], tasks: Iterable[Task]) -> str:
    """Hash what the CSV of ``tasks`` is made from: each article's recorded entry."""
    digest = hashlib.sha256()
    for task in tasks:
        entry = entries[task.rel]
        digest.update("\0".join((task.rel, entry.sha256, entry.settings, entry.tool, entry.code,
                                  *entry.outputs)).encode("utf-8") + b"\n")
    return digest.hexdigest()


def kept_tally(state: Mapping[str, Any] | None, digest: str, csv_path: Path) -> Tally | None:
    """The recorded tally when ``flags.csv`` is still the one built from ``digest``'s articles."""
    if not state or state.get("articles") != digest or state.get("csv") != file_sha256(csv_path):
        return None
    try:
        return Tally.from_record(state["tally"])
    except (KeyError, TypeError, ValueError):
        return None


def summary_record(
    articles: int,
    cleaned: int,
    unchanged: int,
    failed: list[tuple[str, str]],
    skipped: Iterable[Skipped],
    tally: Tally,
    formats: tuple[str, ...],
) -> dict[str, Any]:
    """``summary.json``: the run's counts, flags by rule and severity, top terms, what was left out.

    No clock or machine facts go in, so the same folder state gives the same bytes.
    """
    skipped = list(skipped)
    return {
        "tool": f"transclean {__version__}",
        "formats": list(formats),
        "files": {
            "articles": articles,
            "cleaned": cleaned,
            "unchanged": unchanged,
            "failed": len(failed),
            "skipped": len(skipped),
        },
        "flags": {
            "total": tally.flags,
            "fixed": tally.fixed,
            "by_rule": {
                rule: {"flags": tally.by_rule[rule], "fixed": tally.fixed_by_rule[rule]}
                for rule in sorted(tally.by_rule)
            },
            "by_severity": dict(sorted(tally.by_severity.items())),
        },
        "terms": [
            {"rule": t.rule, "text": t.text, "suggestion": t.suggestion, "count": t.count,
             "files": t.files}
            for t in tally.top_terms()
        ],
        "failed": [{"file": rel, "error": error} for rel, error in sorted(failed)],
        "skipped": [{"file": s.rel, "reason": s.reason} for s in skipped],
    }
