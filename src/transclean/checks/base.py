"""What a check is: a small registered unit that measures a Document and yields Flags.

A check only measures; it may attach a proposed fix (an Edit) to a flag, and the correct stage
decides whether the fix is applied. Each rule a check can raise is declared up front with its id,
default severity and whether its fixes are safe to apply unreviewed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from transclean.model import Document, Edit, Flag, Severity

if TYPE_CHECKING:
    from transclean.config import Options
    from transclean.glossary.model import Glossary


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule id as it appears in reports, with its defaults."""

    id: str  # stable dotted id, e.g. "term.deprecated"
    title: str  # one user-facing line
    severity: Severity
    autofix: bool  # may its fixes be applied without review?


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Everything a check may look at."""

    document: Document
    glossary: Glossary
    options: Options


class Check(Protocol):
    """A family of rules run together because they share work (one pass, one index)."""

    name: str
    rules: tuple[Rule, ...]

    def run(self, context: CheckContext) -> Iterator[Flag]: ...


def flag_id(rule: str, start: int, end: int) -> str:
    """A flag id that depends only on what was flagged, so it is the same on every run."""
    digest = hashlib.blake2s(f"{rule}\0{start}\0{end}".encode(), digest_size=5).hexdigest()
    return f"F{digest}"


def make_flag(
    rule: Rule,
    document: Document,
    start: int,
    end: int,
    message: str,
    *,
    suggestion: str | None = None,
    replacement: str | None = None,
    severity: Severity | None = None,
    data: dict[str, str] | None = None,
) -> Flag:
    """Build a Flag on ``document.text[start:end]``; ``replacement`` proposes a fix of that span."""
    segment = document.segment_at(start)
    fix = (
        Edit(rule.id, start, end, document.text[start:end], replacement)
        if replacement is not None
        else None
    )
    return Flag(
        id=flag_id(rule.id, start, end),
        rule=rule.id,
        severity=severity or rule.severity,
        start=start,
        end=end,
        text=document.text[start:end],
        message=message,
        segment_id=segment.id if segment else "",
        suggestion=suggestion,
        fix=fix,
        data=data or {},
    )
