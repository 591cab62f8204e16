"""Russian word keys: every form of a term's word shares one key, and other words keep theirs.

A key is what the matcher compares words by (see ``glossary.morphology``): a dictionary word's
likely noun or adjective lemma, or, for a word pymorphy3 does not know, its marked stem. Cases
are lists of words that must share a key, pairs that must not, and single words with the key
they must have.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transclean.glossary.morphology import (
    STEM_MARK,
    normalise,
    ru_key,
    ru_stem,
    stem_levels,
    strip_ending,
)


def key(word: str) -> str:
    return ru_key(normalise(word).lower())


@pytest.mark.parametrize(
    "forms",
    [
        # a noun reading outweighs a verb or preposition reading of the same letters
        ["угорь", "угри", "угрей", "угрям", "угрями"],  # "угрей": also "угреть"
        ["лишай", "лишая", "лишаем", "лишае", "лишаи"],  # "лишаем": also "лишать"
        ["путь", "пути", "путем", "путём", "путями"],  # "путём": also a preposition
        # an unknown adjective, some forms of which pymorphy3 knows as a surname's
        ["азелаиновая", "азелаиновой", "азелаиновую", "азелаиновые", "азелаиновым"],
        ["азелаиновых", "азелаиновыми", "азелаинового", "азелаиновом", "азелаиновая"],
        # unknown nouns in "-ия" and "-ий", the "и" kept in their stem
        ["эозинофилия", "эозинофилии", "эозинофилию", "эозинофилией", "эозинофилиям"],
        ["эозинофилиями", "эозинофилиях", "эозинофилий", "эозинофилия"],
        ["дерматовенерология", "дерматовенерологии", "дерматовенерологией"],
        # "-гий"/"-хий": the genitive plural of an unknown "-гия"/"-хия" noun, no adjective
        ["дерматовенерология", "дерматовенерологий", "дерматовенерологиям", "дерматовенерологию"],
        ["трихология", "трихологий", "трихологии", "трихологиями", "трихологиях"],
        ["брахиалгия", "брахиалгий", "брахиалгией"],
        ["фототрихология", "фототрихологий"],
        # adjectives in "-гий"/"-хий"/"-кий" stay adjectives, known or not
        ["строгий", "строгого", "строгие", "строгих", "строгая"],
        ["тихий", "тихого", "тихие", "тихим"],
        ["мягкий", "мягкого", "мягкие", "мягкими"],
        ["пологий", "пологого", "пологие"],  # "пологий": also a plural of the name "Пология"
        ["тиотропий", "тиотропия", "тиотропию", "тиотропием", "тиотропии"],
        # unknown nouns and adjectives of other kinds
        ["эозинофилы", "эозинофил", "эозинофила", "эозинофилов", "эозинофилам"],
        ["атопический", "атопического", "атопическим", "атопические", "атопических"],
        ["диазепам", "диазепама", "диазепамом", "диазепамами"],
        # dictionary words: one lemma, whatever the case
        ["дерматовенеролог", "дерматовенеролога", "дерматовенерологи", "дерматовенерологов"],
        ["зуд", "зуда", "зуде", "зудом"],  # "зуде": also a rare noun "зуда"
        ["ринит", "ринита", "рините"],  # "рините": also the name "Ринита"
        ["данный", "данной", "данного"],  # "данной": also the participle and "Данна"
        ["выраженный", "выраженной", "выраженного"],
    ],
)
def test_forms_of_a_word_share_its_key(forms: list[str]) -> None:
    assert len({key(form) for form in forms}) == 1, {form: key(form) for form in forms}


@pytest.mark.parametrize(
    ("word", "other"),
    [
        # an "-ия" noun and a noun sharing its letters up to the "и"
        ("эозинофилия", "эозинофилов"),
        ("эозинофилии", "эозинофилы"),
        ("эозинофилией", "эозинофилом"),
        ("дерматовенерология", "дерматовенеролога"),
        ("дерматовенерологии", "дерматовенерологи"),
        ("тиотропий", "тиотроп"),
        ("дерматовенерологий", "дерматовенерологов"),  # "-логия" and "-лог" keep apart
        ("трихологий", "трихолог"),
        ("строгий", "строгость"),
        # an unknown word's stem and a dictionary word it spells
        ("ракова", "рак"),  # "Ракова" is known only as a surname, so keyed by its stem
        ("раковой", "раком"),
        # ordinary words whose noun reading is unlikely keep their own lemma
        ("стали", "сталь"),  # "стать" 97% of the time
        ("лишает", "лишай"),
        ("угреть", "угорь"),
        ("иду", "ида"),
    ],
)
def test_different_words_do_not_share_a_key(word: str, other: str) -> None:
    assert key(word) != key(other)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # one lemma in the dictionary: that lemma
        ("дерматитом", "дерматит"),
        ("ногтя", "ноготь"),
        ("отёка", "отек"),
        ("лечения", "лечение"),
        # several: the likely noun or adjective lemma, probabilities summed per lemma
        ("угрей", "угорь"),
        ("путем", "путь"),  # a preposition 84% of the time, a noun 15%
        ("кислоты", "кислота"),
        ("печи", "печь"),
        ("больные", "больной"),
        ("главного", "главный"),  # adjective 65%, the noun "главное" 35%
        ("им", "они"),  # a pronoun is nominal too, not a form of "имя"
        # noun readings unlikely: the likeliest lemma of any kind
        ("стали", "стать"),
        ("лишает", "лишать"),
        ("иду", "идти"),  # the name "Ида" is no common noun reading
        # participles keep the verb's lemma when the word has no adjective reading
        ("пораженной", "поразить"),
        # unknown words and surname-only words: their last stem, marked
        ("алопецией", "алопеци" + STEM_MARK),
        ("азелаиновой", "азелаин" + STEM_MARK),
        ("дупилумабом", "дупилумаб" + STEM_MARK),
        ("паркинсона", "паркинсон" + STEM_MARK),
        # words without Cyrillic letters are their own key
        ("il", "il"),
    ],
)
def test_key(word: str, expected: str) -> None:
    assert key(word) == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("алопеция", "алопеци"),
        ("алопецией", "алопеци"),
        ("алопециями", "алопеци"),
        ("алопеций", "алопеци"),  # genitive plural
        ("тиотропием", "тиотропи"),
        ("тиотропиев", "тиотропи"),
        # "-ий" and "-ие" after к, г, х, ж, ш, щ, ч are adjective endings
        ("атопический", "атопическ"),
        ("атопические", "атопическ"),
        ("свежий", "свеж"),
        ("строгий", "строг"),
        ("тихий", "тих"),
        ("пологий", "полог"),  # a genitive plural only of the name "Пология"
        # ... unless pymorphy3 reads "-гий"/"-хий" as the genitive plural of an "-ия" noun
        ("дерматовенерологий", "дерматовенерологи"),
        ("брахиалгий", "брахиалги"),
        # endings that start with "и" but are no noun's in "-ия"
        ("атопическими", "атопическ"),
        ("атопических", "атопическ"),
        ("эозинофилы", "эозинофил"),
        # other words: stripped until nothing is left to strip
        ("диазепамом", "диазеп"),
        ("азелаиновой", "азелаин"),
    ],
)
def test_stem_keeps_the_i_of_ia_nouns(word: str, stem: str) -> None:
    assert ru_stem(word) == stem


def test_the_speller_still_strips_every_ending() -> None:
    # It asks whether a word is spelled as some form of a term: "эозинофилов" is.
    assert stem_levels("эозинофилией") == [("эозинофилией", ""), ("эозинофил", "ией")]
    assert strip_ending("алопецией") == ("алопец", "ией")


# Made-up words pymorphy3 cannot know: "зорб" and letters, ending in a consonant that takes
# "-ы" in the plural and is no adjective's before "-ий".
_STEMS = st.builds(
    lambda middle, last: "зорб" + middle + last,
    st.text("аоуэлмнрптдвзс", max_size=4),
    st.sampled_from("лмнрптдвзсб"),
)
_IA_NOUN = ["ия", "ии", "ию", "ией", "иею", "ий", "иям", "иями", "иях"]
_HARD_NOUN = ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"]
_ADJECTIVE = ["ный", "ного", "ному", "ным", "ном", "ная", "ной", "ную", "ное", "ные", "ных", "ными"]


@settings(max_examples=150, deadline=None)
@given(_STEMS)
def test_made_up_words_have_one_key_per_word_and_none_in_common(stem: str) -> None:
    ia_noun = {key(stem + ending) for ending in _IA_NOUN}
    hard_noun = {key(stem + ending) for ending in _HARD_NOUN}
    adjective = {key(stem + ending) for ending in _ADJECTIVE}
    assert len(ia_noun) == len(hard_noun) == len(adjective) == 1
    assert ia_noun != hard_noun
    assert all(k.endswith(STEM_MARK) for k in ia_noun | hard_noun | adjective)
