"""Invariants every QA check keeps on any text: exact spans, disjoint fixes, determinism."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.qa.helpers import fixed, run
from tests.qa.test_qa_articles import QA_CHECKS
from transclean.api import segment_string
from transclean.checks import load_checks
from transclean.checks.base import Check
from transclean.edits import check_edits

CHECKS = load_checks(QA_CHECKS)

_PIECES = st.sampled_from(
    [
        *"aрeсoх АBЕК,.;:!?()[]«»„“”\"%-  \u00a0\n\n1",
        "the", "the", "that", "и", "и", "dupilumab", "алопеция", "IL-4", "1,5", "2.5", "60 %",
        "60%", "e.g.", "т. е.", "estet-portal.com", "(alopecia)", "alopecia", "Гнездная",
    ]
)  # fmt: skip
TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_flags_point_at_their_text_and_fixes_do_not_overlap(text: str) -> None:
    document = segment_string(text)
    for check in CHECKS:
        flags = run(check, document)
        assert flags == run(check, document)  # deterministic
        for flag in flags:
            assert flag.rule in {rule.id for rule in check.rules}
            assert flag.text == text[flag.start : flag.end]
            if flag.fix:
                assert (flag.fix.start, flag.fix.end) == (flag.start, flag.end)
                assert flag.fix.original == flag.text
        edits = sorted((f.fix for f in flags if f.fix), key=lambda e: (e.start, e.end))
        check_edits(text, edits)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_safe_fixes_leave_nothing_safe_to_fix(text: str) -> None:
    """After its safe fixes, a check proposes no further safe fix: fixes are complete."""
    for check in CHECKS:
        document = segment_string(text)
        flags = run(check, document)
        again = run(check, segment_string(fixed(document, flags, safe_only=True)))
        assert [
            f for f in again if f.fix and f.data.get("safe") != "no" and _autofix(check, f.rule)
        ] == []


def _autofix(check: Check, rule_id: str) -> bool:
    return any(rule.id == rule_id and rule.autofix for rule in check.rules)
