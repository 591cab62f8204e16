"""qa.redundant-gloss: a parenthesis repeating, in the same language, the words before it."""

from __future__ import annotations

import pytest

from tests.qa.helpers import check_marked, fixed
from transclean.checks.qa.gloss import RULE, RedundantGlossCheck

CHECK = RedundantGlossCheck()


def test_rule_is_not_applied_unreviewed() -> None:
    assert RULE.autofix is False


@pytest.mark.parametrize(
    ("spec", "corrected"),
    [
        (
            "Alopecia totalis⟦ (alopecia totalis)⟧ is a generalized form.",
            "Alopecia totalis is a generalized form.",
        ),
        ("Гнездная алопеция⟦ (гнездная алопеция)⟧ — болезнь.", "Гнездная алопеция — болезнь."),
        # Whitespace, hyphen, case and ё differences are tolerated.
        ("a T-helper cell⟦ (T helper  cell)⟧ response", "a T-helper cell response"),
        ("ёлочный узор⟦ (ЕЛОЧНЫЙ УЗОР)⟧ на коже", "ёлочный узор на коже"),
        ("the IL-4⟦ (IL4)⟧ pathway", "the IL-4 pathway"),
        # Only the words just before count: the same number of words as inside.
        (
            "the form of alopecia areata⟦ (areata)⟧ in children",
            "the form of alopecia areata in children",
        ),
    ],
)
def test_repeats_are_flagged_with_a_deletion(spec: str, corrected: str) -> None:
    document, flags = check_marked(CHECK, spec)
    assert fixed(document, flags) == corrected


@pytest.mark.parametrize(
    "text",
    [
        # A gloss in the other language is the point of a gloss.
        "Гнездная алопеция (alopecia areata) встречается часто.",
        "Alopecia areata (гнездная алопеция) is common.",
        # Abbreviations and expansions.
        "The interleukin-4 (IL-4) receptor and the T-helper-2 (TH2) response.",
        "Интерлейкин-4 (ИЛ-4) и атопический дерматит (АтД).",
        # The words must start at a word boundary.
        "patients (s) and anti-alopecia (alopecia) and antibodies (bodies).",
        # Remarks with punctuation, numbers and years are no glosses.
        "Dupilumab (approved in 2017, in the U.S.) and dupilumab (2017).",
        "In 2017 (2017) it was approved.",
        # A different order of words is not a repeat.
        "totalis alopecia (alopecia totalis)",
    ],
)
def test_glosses_that_add_something_are_not_flagged(text: str) -> None:
    check_marked(CHECK, text)
