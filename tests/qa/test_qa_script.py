"""qa.mixed-script: words mixing Cyrillic and Latin letters, fixed to one script when clear."""

from __future__ import annotations

import pytest

from tests.qa.helpers import check_marked, fixed
from transclean.checks.qa.script import CYRILLIC_TO_LATIN, MixedScriptCheck

CHECK = MixedScriptCheck()

# Cyrillic look-alikes written as escapes, so the table shows which letter is which.
a, e, p, c, x = "\u0430\u0435\u0440\u0441\u0445"  # а е р с х
E, K, M, T = "\u0415\u041a\u041c\u0422"  # Е К М Т
# The Latin intruders in Cyrillic words below are plain ASCII: u, y, A, o.


@pytest.mark.parametrize(
    ("spec", "corrected"),
    [
        # Cyrillic letters inside Latin words.
        (f"treated with dupilum⟦{a}⟧b weekly", "treated with dupilumab weekly"),
        (f"elevated Ig⟦{E}⟧ levels", "elevated IgE levels"),
        (f"the ⟦{p}ati{e}⟧nt", "the patient"),
        (f"the ⟦{c}⟧ytokines and IL-4 e⟦{x}⟧pression", "the cytokines and IL-4 expression"),
        (f"⟦{M}⟧ethotrexate and ⟦{K}⟧eratitis", "Methotrexate and Keratitis"),
        (f"S⟦{T}⟧OP", "STOP"),
        # Latin letters inside Cyrillic words.
        # "u" has no Cyrillic twin, "д" no Latin one: flagged, no fix.
        ("лечение ⟦дuпилумабом⟧", None),
        ("лечение дупил⟦y⟧мабом", "лечение дупилумабом"),
        ("⟦A⟧лопеция и ⟦o⟧блысение", "Алопеция и облысение"),
        # One flag per word, from the first to the last intruder.
        ("к⟦o⟧жа г⟦oлo⟧вы", "кожа головы"),
    ],
)
def test_homoglyphs_are_replaced_by_the_words_script(spec: str, corrected: str | None) -> None:
    document, flags = check_marked(CHECK, spec)
    if corrected is None:
        assert all(f.fix is None for f in flags)
    else:
        assert fixed(document, flags) == corrected


@pytest.mark.parametrize(
    ("spec", "corrected"),
    [
        ("моя ⟦субъективнаяCroatia⟧, или Хорватия", "моя субъективная Croatia, или Хорватия"),
        ("компанией ⟦ЭкспортT⟧.T.A.", "компанией Экспорт T.T.A."),
        (f"the ⟦clinic{M}осква⟧", "the clinic Москва"),
    ],
)
def test_two_words_run_together_get_a_space_for_review(spec: str, corrected: str) -> None:
    document, flags = check_marked(CHECK, spec)
    assert [f.data.get("safe") for f in flags] == ["no"]
    assert fixed(document, flags) == corrected


def test_a_tie_between_scripts_is_not_fixed() -> None:
    # "рН" with Cyrillic р and Latin H: pH or рН? Two letters each way.
    _, flags = check_marked(CHECK, f"⟦{p}H⟧ кожи")
    assert flags[0].fix is None


@pytest.mark.parametrize(
    "text",
    [
        # Compounds of two scripts joined by a hyphen or a digit are two words.
        "Th2-клетки, B-лимфоциты, IL-4-зависимый, ИЛ-4 и Th2клетки.",
        # Greek letters are neither Cyrillic nor Latin.
        "IL-4Rα and TNF-α; ИЛ-4Rα и ФНО-α.",
        # Whole words in one script, even of look-alike letters only.
        "Cyrillic сор and Latin cop, вес and BEC.",
        "Гнездная алопеция (alopecia areata) и dupilumab.",
    ],
)
def test_single_script_words_are_not_flagged(text: str) -> None:
    check_marked(CHECK, text)


def test_lookalike_tables_are_inverse() -> None:
    assert all(ch.isalpha() and not ch.isascii() for ch in CYRILLIC_TO_LATIN)
    assert all(ch.isascii() for ch in CYRILLIC_TO_LATIN.values())
