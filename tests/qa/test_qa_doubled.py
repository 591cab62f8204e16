"""qa.doubled-word: a word written twice in a row, deleted unless it may be grammatical."""

from __future__ import annotations

import pytest

from tests.qa.helpers import build, check_marked, fixed, run
from transclean.checks.qa.doubled import DoubledWordCheck
from transclean.model import SegmentKind

CHECK = DoubledWordCheck()
P = SegmentKind.PARAGRAPH


@pytest.mark.parametrize(
    ("spec", "corrected"),
    [
        # The flag covers the repeated word and the one space before it.
        ("the⟦ the⟧ patient", "the patient"),
        ("The⟦ the⟧ patient", "The patient"),
        ("on the scalp that⟦ that⟧ there is", "on the scalp that there is"),
        ("He knew that⟦ that⟧ the drug works.", "He knew that the drug works."),
        ("лечение и⟦ и⟧ профилактика", "лечение и профилактика"),
        ("препарат не⟦ не⟧ помог", "препарат не помог"),
        ("в⟦ в⟧ коже", "в коже"),
        ("Лечение⟦ лечение⟧ алопеции", "Лечение алопеции"),
        # All-capital doubles are slips too.
        ("blocks IL-4⟦ IL-4⟧ signalling", "blocks IL-4 signalling"),
        # Three in a row: two deletions, side by side.
        ("the⟦ the⟧⟦ the⟧ end", "the end"),
        # A line break between the two is still a double.
        ("is a form of⟦\nof⟧ hair loss", "is a form of hair loss"),
        # With two spaces between, the other space is qa.spacing's to remove.
        ("и ⟦ и⟧ не", "и  не"),
    ],
)
def test_doubles_are_deleted(spec: str, corrected: str) -> None:
    document, flags = check_marked(CHECK, spec)
    assert all(f.data.get("safe") != "no" for f in flags)
    assert fixed(document, flags, safe_only=True) == corrected


@pytest.mark.parametrize(
    ("spec", "corrected"),
    [
        # Grammatical readings: the fix is proposed, marked unsafe, and not applied unreviewed.
        ("He said that⟦ that⟧ was fine.", "He said that was fine."),
        ("I knew that⟦ that⟧ man.", "I knew that man."),
        ("What it is⟦ is⟧ a question of dose.", "What it is a question of dose."),
        ("What it was⟦ was⟧ luck.", "What it was luck."),
    ],
)
def test_maybe_grammatical_doubles_need_review(spec: str, corrected: str) -> None:
    document, flags = check_marked(CHECK, spec)
    assert [f.data.get("safe") for f in flags] == ["no"]
    assert fixed(document, flags, safe_only=True) == document.text
    assert fixed(document, flags) == corrected


@pytest.mark.parametrize(
    "text",
    [
        "She had had alopecia since the age of two.",
        "Doses of 10 10 mg and 5 5 мг are typos of numbers, not words.",
        "It grew back so much that. That was new.",
        "Он сказал, что. Что было дальше?",
        "It happened in Walla Walla and on Bora Bora.",
        "The patient improved that That was not expected.",
        "Еле-еле, чуть-чуть и давным-давно: повторы через дефис.",
        "IL-4 and IL-13, the the-ory.",
        "the\n\nthe",
    ],
)
def test_legitimate_repetitions_are_not_flagged(text: str) -> None:
    check_marked(CHECK, text)


def test_doubles_in_other_languages_need_review() -> None:
    document = build([(P, [("de", "Die Stadt, die die Burg hat.")])], language="de")
    flags = run(CHECK, document)
    assert [(f.text, f.data.get("safe")) for f in flags] == [(" die", "no")]
