"""Finding glossary terms for translation: every form the matcher finds, and those its keys miss.

A term the finder misses goes through the engine unprotected and nothing expects it in the
translation, so these cases are the forms that would be lost silently.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transclean.glossary.matcher import matcher_for, tokenize
from transclean.glossary.model import Concept, Glossary, Term
from transclean.translate.termfinder import finder_for, inflects_to, is_form_of


def concept(cid: str, en: str, *ru: str, case_sensitive: bool = False) -> Concept:
    terms = [Term(en, "en", case_sensitive=case_sensitive)]
    terms += [Term(text, "ru", case_sensitive=case_sensitive) for text in ru]
    return Concept(cid, tuple(terms))


GLOSSARY = Glossary(
    (
        concept("acne", "acne", "обыкновенные угри"),
        concept("lichen-planus", "lichen planus", "красный плоский лишай"),
        concept("azelaic-acid", "azelaic acid", "азелаиновая кислота"),
        concept("jak-stat", "JAK-STAT signaling pathway", "путь JAK-STAT"),
        concept("case-report", "case report", "клинический случай"),
        concept("steel", "steel", "сталь"),
        # Unknown words that share a stem, and so a matcher key: glossary order decides there.
        concept("eosinophilia", "eosinophilia", "эозинофилия"),
        concept("eosinophils", "eosinophils", "эозинофилы"),
        concept(
            "who",
            "World Health Organization",
            "Всемирная организация здравоохранения",
            "ВОЗ",
            case_sensitive=True,
        ),
    ),
    ("en", "ru"),
)


def found(text: str, lang: str = "ru") -> list[tuple[str, list[str]]]:
    """Each term found as (text[start:end], its concepts' ids, likeliest first)."""
    return [
        (text[options[0].start : options[0].end], [o.concept.id for o in options])
        for options in finder_for(GLOSSARY, lang).find(text)
    ]


@pytest.mark.parametrize(
    ("text", "term", "concepts"),
    [
        # The likeliest reading of the word is another word's: "угреть", "лишать", "путём".
        ("Лечение обыкновенных угрей.", "обыкновенных угрей", ["acne"]),
        ("При красном плоском лишае", "красном плоском лишае", ["lichen-planus"]),
        ("связан с путем JAK-STAT", "путем JAK-STAT", ["jak-stat"]),
        ("Перед клиническим случаем", "клиническим случаем", ["case-report"]),
        # A word pymorphy3 does not know, of which it knows an inflected form (as a surname).
        ("с азелаиновой кислотой", "азелаиновой кислотой", ["azelaic-acid"]),
        # A case-sensitive term in capitals: capitals say nothing about case.
        (
            "ДАННЫЕ ВСЕМИРНОЙ ОРГАНИЗАЦИИ ЗДРАВООХРАНЕНИЯ",
            "ВСЕМИРНОЙ ОРГАНИЗАЦИИ ЗДРАВООХРАНЕНИЯ",
            ["who"],
        ),
        ("по данным ВОЗ", "ВОЗ", ["who"]),
        # Unknown words sharing a stem: both concepts fit, the matcher's reading first.
        ("Уровень эозинофилов повышен.", "эозинофилов", ["eosinophilia", "eosinophils"]),
    ],
)
def test_forms_the_matcher_keys_miss_are_found(text: str, term: str, concepts: list[str]) -> None:
    assert found(text) == [(term, concepts)]


@pytest.mark.parametrize(
    "text",
    [
        "Результаты стали известны.",  # "стали" reads as "стать" 97% of the time
        "Воз сена стоял у дороги.",  # "ВОЗ" is case-sensitive; "Воз" is not all capitals
        "воз сена",
        "Пациенты получали лечение в течение 16 недель.",
    ],
)
def test_ordinary_words_are_not_terms(text: str) -> None:
    assert found(text) == []


def test_english_case_sensitive_terms_in_capitals() -> None:
    text = "DATA OF THE WORLD HEALTH ORGANIZATION; the World Health Organization; world health"
    assert found(text, "en") == [
        ("WORLD HEALTH ORGANIZATION", ["who"]),
        ("World Health Organization", ["who"]),
    ]


@pytest.mark.parametrize(
    ("lemma", "form", "expected"),
    [
        ("эозинофилы", "эозинофилам", True),
        ("эозинофилия", "эозинофилам", False),
        ("эозинофилия", "эозинофилии", True),
        ("эозинофилы", "эозинофилии", False),
        ("дерматовенеролог", "дерматовенеролога", True),
        ("дерматовенерология", "дерматовенеролога", False),
        ("азелаиновая", "азелаиновой", True),
        ("лишай", "лишаем", True),
        ("путь", "путем", True),
        ("сталь", "стали", True),  # a form it can be; the dictionary tells the likely reading
        ("dermatitis", "dermatitides", True),
        ("dupilumab", "dupilumab's", True),
        ("dupilumab", "dupilumabum", False),
    ],
)
def test_inflects_to(lemma: str, form: str, expected: bool) -> None:
    assert inflects_to(lemma, form) is expected


def test_is_form_of_compares_word_by_word() -> None:
    assert is_form_of("Красным плоским лишаем", "красный плоский лишай")
    assert not is_form_of("красным лишаем", "красный плоский лишай")


_WORDS = [
    "и",
    "при",
    "стали",
    "пациенты",
    "обыкновенных",
    "угрей",
    "угри",
    "красном",
    "плоском",
    "лишае",
    "азелаиновой",
    "кислоте",
    "эозинофилов",
    "ВОЗ",
    "воз",
    "Всемирной",
    "организации",
    "здравоохранения",
    ",",
]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12))
def test_every_term_the_matcher_finds_is_found(words: list[str]) -> None:
    text = " ".join(words)
    spans = [(o[0].start, o[0].end) for o in finder_for(GLOSSARY, "ru").find(text)]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in pairwise(spans))
    for match in matcher_for(GLOSSARY).find(tokenize(text, [(0, len(text), "ru")])):
        # Found as it is, or inside a longer term found instead.
        assert any(start <= match.start and match.end <= end for start, end in spans)
