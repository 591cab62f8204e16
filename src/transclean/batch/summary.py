"""The batch's closing figures and ``flags.csv``, rebuilt from the per-article reports.

Each article's ``<rel>.report.json`` already holds its flags, so the CSV and the tallies are
rebuilt from the reports of every current article, cleaned in this run or unchanged since an
earlier one, in sorted order. That keeps them complete after a partial rerun, identical whatever
order the workers finished in, and small in memory (one report at a time, plus counters), and it
keeps the manifest down to a few facts per article instead of every flag of every article.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transclean import __version__
from transclean.batch.manifest import open_atomic
from transclean.batch.plan import Skipped, Task

CSV_COLUMNS = ("file", "line", "column", "rule", "severity", "text", "suggestion", "fixed")
TERM_FAMILY = "term."  # flags of glossary terms: the ones worth ranking by frequency
TOP_TERMS = 20


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
    """Counters over every flag of every current article."""

    flags: int = 0
    fixed: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    fixed_by_rule: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    _terms: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    _term_files: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    _spelling: dict[tuple[str, str, str], tuple[str, str | None]] = field(default_factory=dict)

    def add_report(self, flags: list[dict[str, Any]]) -> None:
        """Count one article's flag records (as ``flag_record`` writes them)."""
        seen: set[tuple[str, str, str]] = set()
        for flag in flags:
            rule = flag["rule"]
            self.flags += 1
            self.by_rule[rule] += 1
            self.by_severity[flag["severity"]] += 1
            if flag["applied"]:
                self.fixed += 1
                self.fixed_by_rule[rule] += 1
            if rule.startswith(TERM_FAMILY):
                # One row for "Dumilumab" and "dumilumab": case is not a different mistake.
                key = (rule, flag["text"].casefold(), (flag["suggestion"] or "").casefold())
                self._terms[key] += 1
                self._spelling.setdefault(key, (flag["text"], flag["suggestion"]))
                seen.add(key)
        self._term_files.update(seen)

    def top_terms(self, n: int = TOP_TERMS) -> list[TermCount]:
        """The ``n`` most frequent flagged terms; ties broken by rule and text, so stable."""
        ranked = sorted(self._terms.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return [
            TermCount(key[0], *self._spelling[key], count, self._term_files[key])
            for key, count in ranked
        ]


def write_flags_csv(
    out_root: Path, csv_path: Path, tasks: Iterable[Task]
) -> tuple[Tally, list[tuple[str, str]]]:
    """Stream every flag of ``tasks``' reports into ``csv_path``; return the tally and bad reports.

    The CSV is UTF-8 with a byte-order mark, which spreadsheet programs need to show Cyrillic
    text correctly; ``fixed`` is ``yes`` or ``no``.
    """
    tally = Tally()
    unreadable: list[tuple[str, str]] = []
    with open_atomic(csv_path, encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for task in tasks:
            try:
                flags = json.loads((out_root / task.report).read_bytes())["flags"]
            except (OSError, ValueError, KeyError, TypeError) as exc:
                unreadable.append((task.rel, f"cannot read its report {task.report}: {exc} "
                                   "(delete the report and run the batch again)"))
                continue
            tally.add_report(flags)
            for flag in flags:
                writer.writerow((
                    task.rel, flag["line"], flag["column"], flag["rule"], flag["severity"],
                    flag["text"], flag["suggestion"] or "", "yes" if flag["applied"] else "no",
                ))
    return tally, unreadable


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
