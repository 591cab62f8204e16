"""Misspelt drug names and glossary terms: which words are unknown, and what each should be.

A word is flagged only when no dictionary of its language knows it and it lies within a few
edits of an INN or a glossary term. Each case is (text, expected flags as "word -> suggestion").
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transclean.checks.base import CheckContext
from transclean.checks.terms import TermCheck
from transclean.config import Options
from transclean.glossary.model import Concept, Glossary, Term, TermStatus
from transclean.glossary.spelling import FuzzyIndex, Speller, lexicon, max_edits, speller_for
from transclean.model import Document, Flag, Segment, SegmentKind, Severity

GLOSSARY = Glossary(
    (
        Concept("dupilumab", (Term("dupilumab", "en"), Term("дупилумаб", "ru"))),
        Concept("squaric", (Term("squaric acid", "en"), Term("скваровая кислота", "ru"))),
        Concept(
            "wfbmc",
            (
                Term("Wake Forest Baptist Medical Center", "en"),
                Term("Baku Snake Medical Center", "en", TermStatus.DEPRECATED),
            ),
        ),
        Concept("telogen", (Term("telogen effluvium", "en"), Term("телогеновое выпадение", "ru"))),
    ),
    ("en", "ru"),
)


def misspellings(text: str, glossary: Glossary = GLOSSARY) -> list[str]:
    return [f"{f.text} -> {f.suggestion}" for f in flags(text, glossary)]


def flags(text: str, glossary: Glossary = GLOSSARY) -> list[Flag]:
    """Run the check on ``text`` as one segment in the language of its script.

    The language is given rather than detected so that these cases test spelling alone; the
    term-check tests run the real segmenter.
    """
    lang = "ru" if any("а" <= ch.lower() <= "я" for ch in text) else "en"
    document = Document(text, (Segment("p0", SegmentKind.TITLE, 0, len(text), 0, lang, 1.0),))
    found = TermCheck().run(CheckContext(document, glossary, Options()))
    return [f for f in found if f.rule == "term.misspelling"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sample's misspelling, mid-sentence and at a sentence start
        ("Treatment with dumilumab helped.", ["dumilumab -> dupilumab"]),
        ("Dumilumab helped.", ["Dumilumab -> Dupilumab"]),
        ("DUMILUMAB", []),  # all capitals: an acronym or a shout, not checked
        # one edit of each kind on INNs that are in no glossary
        ("Given methotrexat weekly.", ["methotrexat -> methotrexate"]),  # deletion
        ("Given methotrexatte weekly.", ["methotrexatte -> methotrexate"]),  # insertion
        ("Given prednisome daily.", ["prednisome -> prednisone"]),  # substitution
        ("Given predinsone daily.", ["predinsone -> prednisone"]),  # transposition
        ("Given the drug dupilumba.", ["dupilumba -> dupilumab"]),  # transposition at the end
        # possessive: the flag covers the word, not the "'s"
        ("Dumilumab's effect.", ["Dumilumab -> Dupilumab"]),
        # a word of a multi-word glossary term that no dictionary knows
        ("Hair loss called telogne effluvium.", ["telogne -> telogen"]),
        # correct and ordinary words are never flagged
        ("Dupilumab, methotrexate, prednisone and anthralin.", []),
        ("Patients reported conjunctivitis, blepharitis and keratitis.", []),
        ("The quick brown fox jumps over the lazy dog.", []),
        ("Prof. Amy McMichael works in Winston-Salem, NC.", []),
        ("See estet-portal.com or write to dumilumab@example.org.", []),
        ("Dumilumab2 and x-dumilumab-3 are codes.", []),
        ("Short typos such as dupi are not checked.", []),
    ],
)
def test_english(text: str, expected: list[str]) -> None:
    assert misspellings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # inflected misspellings get an inflected suggestion
        ("Лечение дюпилумабом помогло.", ["дюпилумабом -> дупилумабом"]),
        ("Действие дюпилумаба.", ["дюпилумаба -> дупилумаба"]),
        ("Назначили дюпилумаб.", ["дюпилумаб -> дупилумаб"]),
        ("Дюпилумаб помог.", ["Дюпилумаб -> Дупилумаб"]),
        # INNs in their Russian forms, without a glossary entry
        ("Назначили метотрексад.", ["метотрексад -> метотрексат"]),
        ("Лечение метотрекастом.", ["метотрекастом -> метотрексатом"]),
        # names whose nominative ends like a case ending: диазепам (-ам), анакинра (-а)
        ("Лечение диазеапмом.", ["диазеапмом -> диазепамом"]),
        ("Назначили бромазепма.", ["бромазепма -> бромазепам"]),
        ("Лечение анакирной.", ["анакирной -> анакинрой"]),
        ("Назначили анакинр.", ["анакинр -> анакинра"]),
        # correct forms, dictionary words and names are never flagged
        ("Лечение дупилумабом и метотрексатом помогло.", []),
        ("Лечение диазепамом, диазепама и анакинрой, анакинры.", []),
        ("Врачи наблюдали пациентку девять месяцев.", []),
        ("Профессор Эми Макмайкл из Уинстон-Сейлема.", []),
    ],
)
def test_russian(text: str, expected: list[str]) -> None:
    assert misspellings(text) == expected


def test_flag_carries_what_the_correct_stage_needs() -> None:
    text = "Dupilumab was given. Later dumilumab was stopped."
    (flag,) = flags(text)
    assert flag.message == '"dumilumab" is not a known word; did you mean "dupilumab"?'
    assert flag.severity is Severity.ERROR
    assert flag.fix is not None and flag.fix.replacement == "dupilumab"
    assert flag.data == {"distance": "1", "unique": "yes", "seen": "yes", "target": "dupilumab"}
    (alone,) = flags("Later dumilumab was stopped.")
    assert alone.data["seen"] == "no"


def test_two_edits_is_a_weak_suggestion() -> None:
    (flag,) = flags("Treatment with dumilumap helped.")
    assert flag.suggestion == "dupilumab"
    assert flag.severity is Severity.WARNING
    assert flag.data["distance"] == "2"


def test_a_tie_is_settled_by_the_name_used_elsewhere() -> None:
    glossary = Glossary(
        (
            Concept("a", (Term("abcdexam", "en"),)),
            Concept("b", (Term("abcdezam", "en"),)),
        ),
        ("en",),
    )
    (undecided,) = flags("Given abcdeyam.", glossary)
    assert undecided.data["unique"] == "no"
    assert undecided.fix is None
    assert undecided.severity is Severity.WARNING
    assert '"abcdexam" or "abcdezam"' in undecided.message
    (decided,) = flags("Given abcdezam, then abcdeyam.", glossary)
    assert decided.data["unique"] == "no"
    assert decided.suggestion == "abcdezam"
    assert decided.fix is not None and decided.fix.replacement == "abcdezam"


@pytest.mark.parametrize(
    ("word", "lang", "known"),
    [
        ("dupilumab", "en", True),  # INN
        ("dupilumabs", "en", True),  # plural of a known word
        ("squaric", "en", True),  # drug vocabulary
        ("conjunctivitis", "en", True),  # English dictionary
        ("dumilumab", "en", False),
        ("дупилумабом", "ru", True),  # inflected Russian INN
        ("метотрексатом", "ru", True),
        ("скваровой", "ru", True),  # glossary word, inflected
        ("девочку", "ru", True),  # pymorphy3 dictionary
        ("дюпилумабом", "ru", False),
        ("dumilumab", "la", True),  # no dictionary: never guessed at
    ],
)
def test_known_words(word: str, lang: str, known: bool) -> None:
    assert Speller(GLOSSARY).is_known(word, lang) is known


def test_broad_word_lists_are_never_suggested() -> None:
    # "halo" and "root" are in the UNII drug vocabulary, which is a known-word list only.
    speller = Speller(Glossary())
    assert speller.is_known("halo", "en")
    assert all(c.target not in ("halos", "roots") for c in speller.suggest("haloss", "en"))


@pytest.mark.parametrize(("length", "edits"), [(3, 0), (4, 0), (5, 1), (8, 1), (9, 2), (20, 2)])
def test_allowed_edits_scale_with_length(length: int, edits: int) -> None:
    assert max_edits(length) == edits


def test_fuzzy_index_counts_a_transposition_as_one_edit() -> None:
    index = FuzzyIndex(["dupilumab", "tralokinumab", "abc"])
    assert index.within("dupilumba", 1) == [("dupilumab", 1)]
    assert index.within("dupilumab", 0) == [("dupilumab", 0)]
    assert index.within("xyz", 1) == []


_INNS_EN = sorted(w for w in lexicon("inn_en.txt") if w.isalpha())
_INNS_RU = sorted(w for w in lexicon("inn_ru_translit.txt") if w.isalpha())
_MASCULINE_ENDINGS = ("", "а", "у", "ом", "е", "ы", "ов", "ами", "ах")
_FEMININE_ENDINGS = ("а", "ы", "е", "у", "ой", "ами", "ах")


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(_INNS_EN), st.sampled_from(["", "s"]))
def test_a_correct_english_inn_is_never_unknown(name: str, plural: str) -> None:
    assert speller_for(GLOSSARY).is_known(name + plural, "en")


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(_INNS_RU), st.integers(min_value=0, max_value=8))
def test_a_correct_russian_inn_in_any_case_is_never_unknown(name: str, pick: int) -> None:
    if name.endswith("а"):
        form = name[:-1] + _FEMININE_ENDINGS[pick % len(_FEMININE_ENDINGS)]
    elif name[-1] in "еиоуыэюяйь":
        form = name  # declined otherwise, or not at all
    else:
        form = name + _MASCULINE_ENDINGS[pick]
    assert speller_for(GLOSSARY).is_known(form, "ru")
