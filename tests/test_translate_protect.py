"""Glossary protection through machine translation: mask, restore, verify, retry.

End-to-end cases run the real argos engine on the tiny test model (tests/mt_model.py); engines
that misbehave on purpose are small wrappers named for what they break.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.mt_model import tiny_model_dir  # noqa: F401  (fixture)
from transclean.api import load_glossaries
from transclean.glossary.model import Concept, Glossary, Term, TermStatus
from transclean.translate import TERM_UNVERIFIED, translate_protected
from transclean.translate.argos import ArgosEngine
from transclean.translate.protect import (
    OK,
    UNVERIFIED,
    inflect_ru_to,
    mask,
    restore,
    target_form,
    verify,
)

GLOSSARY = Glossary(
    (
        Concept("dupilumab", (Term("dupilumab", "en"), Term("дупилумаб", "ru"))),
        Concept(
            "atopic-dermatitis",
            (
                Term("atopic dermatitis", "en"),
                Term("атопический дерматит", "ru"),
                Term("атопическая экзема", "ru", TermStatus.ADMITTED),
            ),
        ),
        Concept("alopecia", (Term("alopecia", "en"), Term("алопеция", "ru"))),
        Concept("ru-only", (Term("волосяной фолликул", "ru"),)),  # no English term
    ),
    ("en", "ru"),
)


@pytest.fixture
def engine(tiny_model_dir: Path, tmp_path: Path) -> ArgosEngine:  # noqa: F811
    return ArgosEngine(tiny_model_dir, cache=tmp_path / "cache")


@pytest.mark.parametrize(
    ("source", "src", "tgt", "masked", "targets"),
    [
        ("Пациенты получали дупилумабом.", "ru", "en", "Пациенты получали ⟦1⟧.", ["dupilumab"]),
        (
            "Лечение алопеции и атопического дерматита",
            "ru",
            "en",
            "Лечение ⟦1⟧ и ⟦2⟧",
            ["alopecia", "atopic dermatitis"],
        ),
        # An admitted synonym is masked too, and restored as the preferred term.
        ("при атопической экземе", "ru", "en", "при ⟦1⟧", ["atopic dermatitis"]),
        # A concept without a target term is left for the engine.
        ("Волосяной фолликул цел.", "ru", "en", "Волосяной фолликул цел.", []),
        (
            "Dupilumab treats atopic dermatitis and alopecia.",
            "en",
            "ru",
            "⟦1⟧ treats ⟦2⟧ and ⟦3⟧.",
            ["дупилумаб", "атопический дерматит", "алопеция"],
        ),
        ("No terms here.", "en", "ru", "No terms here.", []),
    ],
)
def test_mask(source: str, src: str, tgt: str, masked: str, targets: list[str]) -> None:
    result = mask(source, src, tgt, GLOSSARY)
    assert result.text == masked
    assert [t.target for t in result.terms] == targets
    assert all(source[t.start : t.end] == t.source for t in result.terms)


@pytest.mark.parametrize(
    ("translation", "restored", "problems"),
    [
        ("Patients received ⟦1⟧.", "Patients received dupilumab.", []),
        ("Patients received ⟦ 1 ⟧.", "Patients received dupilumab.", []),  # spaced out
        ("⟦1⟧ was given.", "Dupilumab was given.", []),  # a sentence starts with it
        ("Patients received.", "Patients received.", ["placeholder ⟦1⟧ lost"]),
        ("⟦1⟧ and ⟦1⟧.", "Dupilumab and dupilumab.", ["placeholder ⟦1⟧ repeated"]),
        ("⟦1⟧ and ⟦7⟧.", "Dupilumab and ⟦7⟧.", ["unknown placeholder ⟦7⟧"]),
    ],
)
def test_restore(translation: str, restored: str, problems: list[str]) -> None:
    masked = mask("Пациенты получали дупилумабом.", "ru", "en", GLOSSARY)
    assert restore(translation, masked, "en") == (restored, problems)


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("Treatment of ", "атопический дерматит"),  # no governing preposition: as written
        ("Лечение при ", "атопическом дерматите"),
        ("Препарат для ", "атопического дерматита"),
        ("Пациенты с ", "атопическим дерматитом"),
        ("Переход к ", "атопическому дерматиту"),
        ("", "Атопический дерматит"),
    ],
)
def test_russian_targets_are_inflected_for_the_preposition_before_them(
    before: str, expected: str
) -> None:
    [term] = mask("atopic dermatitis", "en", "ru", GLOSSARY).terms
    assert target_form(term, before, "ru") == expected


def test_verify_finds_inflected_russian_terms_and_stray_brackets() -> None:
    masked = mask("Dupilumab treats atopic dermatitis.", "en", "ru", GLOSSARY)
    assert verify("Дупилумабом лечат атопический дерматит.", masked, "ru", GLOSSARY) == []
    assert verify("Дупилумабом лечат ⟦2.", masked, "ru", GLOSSARY) == [
        "'атопический дерматит' missing from the translation",
        "placeholder brackets left in the translation",
    ]


def test_the_sample_title_keeps_its_terms(engine: ArgosEngine) -> None:
    title = "Лечение алопеции и атопического дерматита: двойное действие дупилумаба"
    batch = translate_protected(engine, [title], "ru", "en", load_glossaries())
    [result] = batch.segments
    assert (result.status, result.attempts, result.problems) == (OK, 1, ())
    assert result.text == "Лечение alopecia и atopic dermatitis: двойное действие dupilumab"
    assert batch.protect_seconds > 0 and batch.engine_seconds > 0


class PlaceholderDroppingEngine:
    """Wrap an engine and delete every placeholder from its output: a lost placeholder."""

    name = "placeholder-dropping"

    def __init__(self, inner: ArgosEngine) -> None:
        self.inner = inner
        self.inputs: list[str] = []

    def pairs(self) -> set[tuple[str, str]]:
        return self.inner.pairs()

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        import re

        self.inputs += texts
        return [re.sub(r"⟦\d+⟧", "", t) for t in self.inner.translate(texts, src, tgt)]


def test_a_lost_placeholder_is_retried_with_the_target_term_in_the_source(
    engine: ArgosEngine,
) -> None:
    dropping = PlaceholderDroppingEngine(engine)
    batch = translate_protected(
        dropping, ["Пациенты получали дупилумабом.", "Без терминов."], "ru", "en", GLOSSARY
    )
    assert dropping.inputs == [
        "Пациенты получали ⟦1⟧.",
        "Без терминов.",
        "Пациенты получали dupilumab.",  # the retry: only the failed segment
    ]
    first, second = batch.segments
    assert (first.text, first.status, first.attempts) == ("Пациенты получали dupilumab.", OK, 2)
    assert (second.text, second.status, second.attempts) == ("Без терминов.", OK, 1)


class TermDroppingEngine:
    """Translate every segment as the same fixed sentence: no term ever survives."""

    name = "term-dropping"

    def pairs(self) -> set[tuple[str, str]]:
        return {("ru", "en")}

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        return ["Patients were treated." for _ in texts]


def test_a_term_lost_twice_is_unverified() -> None:
    batch = translate_protected(
        TermDroppingEngine(), ["Пациенты получали дупилумабом."], "ru", "en", GLOSSARY
    )
    [result] = batch.segments
    assert (result.status, result.attempts) == (UNVERIFIED, 2)
    assert result.problems == (
        "placeholder ⟦1⟧ lost",
        "'dupilumab' missing from the translation",
        "'dupilumab' missing from the translation",
    )
    assert TERM_UNVERIFIED == "mt.term-unverified"


class IdentityEngine:
    """Return the source as its own translation: protection must be lossless around it."""

    name = "identity"

    def pairs(self) -> set[tuple[str, str]]:
        return {("ru", "en"), ("en", "ru")}

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        return list(texts)


_RU_WORDS = ["лечение", "и", "при", "пациенты", "дупилумаб", "алопеция", "атопический дерматит"]


@given(st.lists(st.sampled_from(_RU_WORDS), min_size=1, max_size=8))
def test_every_term_comes_back_exactly_once(words: list[str]) -> None:
    text = "и " + " ".join(words) + "."
    [result] = translate_protected(IdentityEngine(), [text], "ru", "en", GLOSSARY).segments
    assert result.status == OK and result.attempts == 1
    english = {"дупилумаб": "dupilumab", "алопеция": "alopecia"}
    english["атопический дерматит"] = "atopic dermatitis"
    assert result.text == "и " + " ".join(english.get(w, w) for w in words) + "."


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # The shipped glossary's "эозинофилия"/"эозинофилы" and "дерматовенерология"/
        # "дерматовенеролог" share letters up to the "и"; each form is one concept's.
        ("Уровень эозинофилов повышен.", "eosinophils"),
        ("При эозинофилии", "eosinophilia"),
        ("Консультация дерматовенеролога", "dermatologist"),
        ("Успехи дерматовенерологии", "dermatology"),
        # Forms whose likeliest reading is another word's ("угреть", "лишать"), an unknown
        # adjective pymorphy3 knows some forms of as a surname's, a name in capitals.
        ("Лечение обыкновенных угрей", "acne"),
        ("При красном плоском лишае", "lichen planus"),
        ("С азелаиновой кислотой", "azelaic acid"),
        ("ДАННЫЕ ВСЕМИРНОЙ ОРГАНИЗАЦИИ ЗДРАВООХРАНЕНИЯ", "World Health Organization"),
        # An adjective some of whose forms are the noun "наружное" ("наружного" is keyed as
        # the noun, "наружной" as the adjective): every form is the term's.
        ("Согласно наружному глюкокортикостероиду", "topical corticosteroid"),
        ("Вместе с наружным глюкокортикостероидом", "topical corticosteroid"),
        ("Пациенты с наружными глюкокортикостероидами", "topical corticosteroid"),
        ("О наружной терапии", "topical therapy"),
        ("О наружных терапиях", "topical therapy"),
        ("Речь идёт о наружных лечениях", "topical therapy"),
        ("НАРУЖНОГО ЛЕЧЕНИЯ", "topical therapy"),
    ],
)
def test_mask_finds_the_right_concept(source: str, target: str) -> None:
    masked = mask(source, "ru", "en", load_glossaries())
    assert [t.target for t in masked.terms] == [target]
    assert masked.problems == ()


@pytest.mark.parametrize(
    "translation",
    [
        "Наружная терапия.",
        "При наружной терапии.",
        "С наружными терапиями.",  # "наружными" is keyed as the noun "наружное"
        "О наружных терапиях.",
    ],
)
def test_verify_finds_every_form_of_a_russian_target(translation: str) -> None:
    masked = mask("Topical therapy.", "en", "ru", load_glossaries())
    assert [t.target for t in masked.terms] == ["наружная терапия"]
    assert verify(translation, masked, "ru", load_glossaries()) == []


_DATA = Glossary(
    (
        Concept("data", (Term("data", "en"), Term("данные", "ru"))),
        Concept("topical", (Term("topical therapy", "en"), Term("наружная терапия", "ru"))),
    ),
    ("en", "ru"),
)


@pytest.mark.parametrize(
    ("source", "masked"),
    [
        ("Данные получены.", "⟦1⟧ получены."),
        ("Анализ данных.", "Анализ ⟦1⟧."),
        # "данный" ("this") has the noun "данные" among its forms, but a term's last word is
        # its noun: only a term's adjectives are read as either.
        ("В данной работе.", "В данной работе."),
        ("Наружным способом.", "Наружным способом."),
    ],
)
def test_a_noun_term_is_not_taken_for_an_adjective(source: str, masked: str) -> None:
    assert mask(source, "ru", "en", _DATA).text == masked


_TWO_MEANINGS = Glossary(
    (
        Concept("relapse", (Term("relapse", "en"), Term("рецидив", "ru"))),
        Concept("recurrence", (Term("recurrence", "en"), Term("рецидив", "ru"))),
    ),
    ("en", "ru"),
)


def test_a_term_of_two_concepts_is_masked_but_unverified_and_not_retried() -> None:
    engine = IdentityEngine()
    [result] = translate_protected(engine, ["Риск рецидива."], "ru", "en", _TWO_MEANINGS).segments
    assert (result.text, result.status, result.attempts) == ("Риск relapse.", UNVERIFIED, 1)
    assert result.problems == ("'рецидива' may be any of 'recurrence', 'relapse'",)


@pytest.mark.parametrize("source", ["Risk of relapse.", "Risk of recurrence."])
def test_a_target_term_of_two_concepts_verifies_either(source: str) -> None:
    [result] = translate_protected(IdentityEngine(), [source], "en", "ru", _TWO_MEANINGS).segments
    assert (result.text, result.status, result.attempts) == ("Risk of рецидив.", OK, 1)


def test_capitals_come_back_in_capitals_and_verify() -> None:
    source = "ДАННЫЕ ВСЕМИРНОЙ ОРГАНИЗАЦИИ ЗДРАВООХРАНЕНИЯ"
    [result] = translate_protected(
        IdentityEngine(), [source], "ru", "en", load_glossaries()
    ).segments
    assert (result.text, result.status) == ("ДАННЫЕ WORLD HEALTH ORGANIZATION", OK)


@pytest.mark.parametrize(
    ("phrase", "case", "number", "expected"),
    [
        ("атопический дерматит", "loct", "sing", "атопическом дерматите"),
        # Only the part after a hyphen declines.
        (
            "альфа-субъединица рецептора интерлейкина-4",
            "gent",
            "plur",
            "альфа-субъединиц рецептора интерлейкина-4",
        ),
        (
            "генно-инженерный биологический препарат",
            "ablt",
            "plur",
            "генно-инженерными биологическими препаратами",
        ),
        ("дупилумаб", "nomn", "sing", "дупилумаб"),
        # Words pymorphy3 does not know decline regularly: the written word stays their stem
        # (its guesses would give "дапсна", "дапсном" like "сон", "циклоспориным" like a name).
        ("дапсон", "gent", "sing", "дапсона"),
        ("дапсон", "ablt", "sing", "дапсоном"),
        ("дапсон", "loct", "sing", "дапсоне"),
        ("циклоспорин", "ablt", "sing", "циклоспорином"),
        ("циклоспорин", "gent", "plur", "циклоспоринов"),
        ("тиотропий", "ablt", "sing", "тиотропием"),
        ("дупилумаб", "ablt", "sing", "дупилумабом"),  # guessed a name's, which is regular
        ("дерматовенерология", "gent", "plur", "дерматовенерологий"),
        # A dictionary word is inflected by the dictionary.
        ("дерматит", "ablt", "sing", "дерматитом"),
        ("сон", "gent", "sing", "сна"),
        # Multi-word terms: unknown adjective and noun, unknown noun and a known dependent.
        ("азелаиновая кислота", "ablt", "sing", "азелаиновой кислотой"),
        ("атопический дапсон", "loct", "sing", "атопическом дапсоне"),
        (
            "циклоспорин для наружного применения",
            "ablt",
            "sing",
            "циклоспорином для наружного применения",
        ),
        ("Циклоспорин", "datv", "sing", "Циклоспорину"),
    ],
)
def test_inflect_ru_to(phrase: str, case: str, number: str, expected: str) -> None:
    assert inflect_ru_to(phrase, case, number) == expected
