"""Edits: applying, undoing and mapping offsets; the correction stage's choice of fixes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transclean.checks.base import Rule
from transclean.config import Options
from transclean.correct import choose_edits, rule_matches
from transclean.edits import EditMap, apply_edits, recover_original
from transclean.model import Edit, Flag, Severity


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text(alphabet="ab вг .\n", max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits: list[Edit] = []
    pos = 0
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a < pos:
            continue
        replacement = draw(st.text(alphabet="xyz ё", max_size=4))
        edits.append(Edit("test", a, b, text[a:b], replacement))
        pos = max(b, a + 1)
    return text, edits


@given(text_and_edits())
def test_original_is_recoverable(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    corrected = apply_edits(text, edits)
    assert recover_original(corrected, edits) == text


@given(text_and_edits())
def test_offset_map_moves_text_after_edits(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    corrected = apply_edits(text, edits)
    mapping = EditMap(edits)
    touched = {i for e in edits for i in range(e.start, max(e.end, e.start + 1))}
    for offset, char in enumerate(text):
        if offset not in touched:
            assert corrected[mapping(offset, after_insertions=True)] == char


def test_edit_must_match_text() -> None:
    with pytest.raises(ValueError, match="does not match"):
        apply_edits("abc", [Edit("r", 0, 1, "x", "y")])


def flag(rule: str, start: int, end: int, original: str, replacement: str, **data: str) -> Flag:
    return Flag(
        id=f"{rule}{start}",
        rule=rule,
        severity=Severity.WARNING,
        start=start,
        end=end,
        text=original,
        message="",
        segment_id="p0",
        suggestion=replacement,
        fix=Edit(rule, start, end, original, replacement),
        data=data,
    )


RULES = {
    "qa.spacing": Rule("qa.spacing", "", Severity.WARNING, autofix=True),
    "qa.redundant-gloss": Rule("qa.redundant-gloss", "", Severity.WARNING, autofix=False),
    "boilerplate.chrome": Rule("boilerplate.chrome", "", Severity.WARNING, autofix=True),
    "term.misspelling": Rule("term.misspelling", "", Severity.ERROR, autofix=True),
}


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (Options(), {"qa.spacing", "boilerplate.chrome", "term.misspelling"}),
        (Options(autofix=False), set()),
        (Options(autofix=False, fix_rules=frozenset({"qa"})), {"qa.spacing", "qa.redundant-gloss"}),
        (Options(no_fix_rules=frozenset({"boilerplate"})), {"qa.spacing", "term.misspelling"}),
        (
            Options(fix_rules=frozenset({"qa.redundant-gloss"})),
            {"qa.spacing", "qa.redundant-gloss", "boilerplate.chrome", "term.misspelling"},
        ),
    ],
)
def test_options_decide_which_fixes_apply(options: Options, expected: set[str]) -> None:
    flags = [
        flag("qa.spacing", 0, 1, " ", ""),
        flag("qa.redundant-gloss", 5, 8, "(x)", ""),
        flag("boilerplate.chrome", 20, 30, "x" * 10, ""),
        flag("term.misspelling", 40, 45, "abcde", "abcdf"),
    ]
    assert {e.rule for e in choose_edits(flags, RULES, options)} == expected


def test_unsafe_fix_needs_to_be_forced() -> None:
    unsafe = flag("term.misspelling", 0, 5, "abcde", "abcdf", safe="no")
    assert choose_edits([unsafe], RULES, Options()) == ()
    forced = Options(fix_rules=frozenset({"term.misspelling"}))
    assert len(choose_edits([unsafe], RULES, forced)) == 1


def test_overlapping_fixes_resolved_by_priority() -> None:
    chrome = flag("boilerplate.chrome", 0, 20, "x" * 20, "")
    spacing = flag("qa.spacing", 5, 6, "x", "")
    assert [e.rule for e in choose_edits([spacing, chrome], RULES, Options())] == [
        "boilerplate.chrome"
    ]


@pytest.mark.parametrize(
    ("rule", "selectors", "matches"),
    [
        ("qa.spacing", {"qa"}, True),
        ("qa.spacing", {"qa.spacing"}, True),
        ("qa.spacing", {"q"}, False),
        ("qa.spacing", {"qa.spacing-extra"}, False),
    ],
)
def test_rule_selectors(rule: str, selectors: set[str], matches: bool) -> None:
    assert rule_matches(rule, selectors) is matches


def test_editor_decisions_override_defaults() -> None:
    from transclean.model import Action, Decision

    spacing = flag("qa.spacing", 0, 1, " ", "")
    gloss = flag("qa.redundant-gloss", 5, 8, "(x)", "")
    word = flag("term.misspelling", 10, 15, "abcde", "abcdf")
    decisions = {
        spacing.id: Decision(spacing.id, Action.REJECT),
        gloss.id: Decision(gloss.id, Action.ACCEPT),
        word.id: Decision(word.id, Action.REPLACE, "ABCDE"),
    }
    edits = choose_edits([spacing, gloss, word], RULES, Options(), decisions)
    assert [(e.rule, e.replacement) for e in edits] == [
        ("qa.redundant-gloss", ""),
        ("term.misspelling", "ABCDE"),
    ]
