"""qa.numbers: decimals against the language's separator; percent signs spaced two ways."""

from __future__ import annotations

import pytest

from tests.qa.helpers import build, check_marked, fixed, run
from transclean.checks.qa.numbers import RULE, NumbersCheck
from transclean.model import SegmentKind

CHECK = NumbersCheck()
P = SegmentKind.PARAGRAPH


def test_fixes_are_proposed_not_applied_unreviewed() -> None:
    assert RULE.autofix is False


@pytest.mark.parametrize(
    ("spec", "corrected"),
    [
        # English writes a decimal point.
        ("a dose of 1⟦,⟧5 mg daily", "a dose of 1.5 mg daily"),
        ("p < 0⟦,⟧05 and 0⟦,⟧500 ml", "p < 0.05 and 0.500 ml"),
        ("about 12⟦,⟧75 cm", "about 12.75 cm"),
        ("1234⟦,⟧5 units", "1234.5 units"),
        # Russian writes a decimal comma.
        ("в дозе 1⟦.⟧5 мг", "в дозе 1,5 мг"),
        ("в 2⟦.⟧5 раза чаще", "в 2,5 раза чаще"),
        # A word merely ending like a reference word ("тип" and "п.") is no reference.
        ("тип 2⟦.⟧5 встречается у 1⟦.⟧5 % больных", "тип 2,5 встречается у 1,5 % больных"),
        ("различие достоверно, p < 0⟦.⟧05", "различие достоверно, p < 0,05"),
        ("в дозе 1⟦.⟧5мг", "в дозе 1,5мг"),
    ],
)
def test_decimal_separators_follow_the_language(spec: str, corrected: str) -> None:
    document, flags = check_marked(CHECK, spec)
    assert fixed(document, flags) == corrected


@pytest.mark.parametrize(
    "text",
    [
        # Thousands separators.
        "In 10,000 cases and 1,500 patients, 12,345,678 cells.",
        "В 1.500 случаях из 10.000.",
        # Each language's own decimals.
        "A dose of 1.5 mg and p < 0.05.",
        "Доза 1,5 мг, p < 0,05.",
        # Dates, versions, times, addresses.
        "Released 03.12.2024, version v1.2.3, build 1.2.3.4; see 127.0.0.1.",
        "Выпущено 03.12.2024, версия 2.1, в v1.2.3.",
        # Locants, citations, reference numbers.
        "1,25-dihydroxyvitamin D and 2,3-diphosphoglycerate; IL-4,5.",
        "As shown before [1,2] and (3,4), in disease1,2.",
        "См. рис. 1.3, табл. 2.1, раздел 4.2 и п. 3.1.",
        "See Figure 1,2 and Table 2,1.",
        # Verses after a colon.
        "As in Lk. 19:8,9 and Ин. 3:16,17.",
        # A list: two numbers, a comma and a space.
        "Groups 1, 2 and 3.",
    ],
)
def test_numbers_written_right_are_not_flagged(text: str) -> None:
    check_marked(CHECK, text)


def test_the_language_of_the_sentence_decides() -> None:
    document = build(
        [(P, [("ru", "Доза 1,5 мг."), ("en", "A dose of 1,5 mg.")])],
        language="ru",
    )
    flags = run(CHECK, document)
    assert [(f.text, f.suggestion) for f in flags] == [(",", "1.5")]
    assert document.text[flags[0].start - 1 : flags[0].end + 1] == "1,5"
    assert flags[0].start > document.text.index("A dose")


@pytest.mark.parametrize(
    ("spec", "corrected"),
    [
        # The minority style is flagged.
        (
            "60% of patients, 30% of women and 10⟦ ⟧% of men",
            "60% of patients, 30% of women and 10% of men",
        ),
        ("у 60 % больных, 30 % женщин и 10⟦%⟧ мужчин", "у 60 % больных, 30 % женщин и 10 % мужчин"),
        # The spacing character of the majority is reused.
        ("60\u00a0%, 30\u00a0% и 1,5⟦%⟧", "60\u00a0%, 30\u00a0% и 1,5\u00a0%"),
        # A tie: the language's convention decides.
        ("about 60% and 30⟦ ⟧% of them", "about 60% and 30% of them"),
        ("около 60 % и 30⟦%⟧ из них", "около 60 % и 30 % из них"),
    ],
)
def test_percent_spacing_is_consistent(spec: str, corrected: str) -> None:
    document, flags = check_marked(CHECK, spec)
    assert fixed(document, flags) == corrected


@pytest.mark.parametrize(
    "text",
    ["60% and 30% and 1.5%", "60 % и 30 % и 1,5 %", "у 60% больных и 30% здоровых", "only 60 %"],
)
def test_one_percent_style_is_not_flagged(text: str) -> None:
    check_marked(CHECK, text)
