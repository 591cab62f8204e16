"""The term check's fast paths give exactly what their plain definitions give.

The tokenizer cuts a text with one split and runs the URL pattern only where a URL can be; a
Russian word's key skips ranking pymorphy3's parses when the dictionary gives one lemma; the
speller remembers its verdicts across documents and searches all unknown words of a document at
once; hyphenated codes are looked for only around hyphens. Each case compares a fast path with
the plain definition it stands for, on cases written here or generated.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from transclean.checks.base import CheckContext
from transclean.checks.terms import TermCheck
from transclean.config import Options
from transclean.glossary.matcher import _TOKENS, _URL, _urls, _word, tokenize
from transclean.glossary.model import Concept, Glossary, Term
from transclean.glossary.morphology import (
    STEM_MARK,
    _likeliest_lemma,
    analyzer,
    normalise,
    ru_key,
    ru_stem,
)
from transclean.glossary.spelling import FuzzyIndex, Speller
from transclean.model import UNDETERMINED, Document, Segment, SegmentKind

# --- tokenizer ---------------------------------------------------------------------------------

_BREAK_KEY, _URL_KEY = "¶", "⌘"


def plain_tokenize(text: str, contexts: list[tuple[int, int, str]]) -> list[tuple[object, ...]]:
    """The definition: every match of the token pattern in turn, a URL over it replacing it."""
    stretches = sorted(contexts, key=lambda c: (c[0], -c[1]))
    urls = list(_URL.finditer(text))
    tokens: list[tuple[object, ...]] = []
    for found in _TOKENS.finditer(text):
        start, raw = found.start(), found.group()
        url = next((u for u in urls if u.start() <= start < u.end()), None)
        if url is not None:
            if not tokens or tokens[-1][0] != url.start():
                tokens.append((url.start(), url.end(), "url", url.group(), "", _URL_KEY))
            continue
        if raw.startswith("\n"):
            tokens.append((start, found.end(), "break", raw, "", _BREAK_KEY))
        elif not re.match(r"[^\W_]", raw):
            tokens.append((start, found.end(), "punct", raw, "", raw.translate(_DASHES)))
        else:
            # The innermost stretch holding the word: the last one in sorted order.
            holding = [lang for s, e, lang in stretches if s <= start < e]
            context = holding[-1] if holding else UNDETERMINED
            surface, lang, key, possessive = _word(raw, context)
            tokens.append((start, found.end() - possessive, "word", surface, lang, key))
    return tokens


_DASHES = str.maketrans(dict.fromkeys("-‐‑‒–—―−", "-") | dict.fromkeys("'’ʼ‘", "'"))
_PIECES = st.sampled_from(
    [
        "dupilumab", "Dupilumab's", "du\u00adpilumab", "IL-4", "TNF-α", "alopecia", "totalis",
        "дупилумабом", "Алопеция", "ёлка", "Crohn’s", "x2", "42", "_", "-", "–", ".", ",", "(",
        ")", "«", "»", '"', "'", "@", "/", ":", " ", " ", " ", "\u00a0", "\n", "\n\n", "\n \n",
        "www.example.com", "https://a.org/x?y=1.", "me@mail.ru", "estet-portal.com", "e.g.",
        "a.b", "x.COM", "1.5", ".org", "\u2028",
    ]
)  # fmt: skip


@st.composite
def texts_with_contexts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = "".join(draw(st.lists(_PIECES, max_size=30)))
    offsets = st.integers(min_value=0, max_value=len(text))
    langs = st.sampled_from(["en", "ru", "la", "de", "uk", UNDETERMINED])
    contexts = [
        (min(a, b), max(a, b), lang)
        for a, b, lang in draw(st.lists(st.tuples(offsets, offsets, langs), max_size=5))
    ]
    return text, contexts


@settings(max_examples=300, deadline=None)
@given(texts_with_contexts())
def test_tokenize_cuts_as_the_plain_definition(
    case: tuple[str, list[tuple[int, int, str]]],
) -> None:
    text, contexts = case
    assert [tuple(t) for t in tokenize(text, contexts)] == plain_tokenize(text, contexts)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_urls_are_those_of_a_search_over_the_whole_text(text: str) -> None:
    def spans(matches: list[re.Match[str]]) -> list[tuple[int, int]]:
        return [m.span() for m in matches]

    assert spans(_urls(text)) == spans(list(_URL.finditer(text)))


# --- Russian keys ------------------------------------------------------------------------------

# Written for this test: ordinary and medical prose, with words read several ways ("стали",
# "путем", "угрей", "лишаем", "данной"), surnames, unknown drug names and "-ия" nouns.
RUSSIAN_PROSE = """
В данной работе Иванова и Раков описали 42 пациента с обыкновенными угрями и красным плоским
лишаем. Результаты стали известны путем опроса: им назначали азелаиновую кислоту, дупилумаб и
тиотропий. При эозинофилии уровень эозинофилов повышался; консультация дерматовенеролога
требовалась вечером. Угрей лечили долго, печи и стали в клинике не было, а главного врача
Паркинсона ждали ночью. Воз сена, идти домой, больные, выраженной, пораженной, Северная
Каролина, Ростов, зуде, рините, эритематозной, псориатическими, дерматовенерологии.
"""


def plain_ru_key(word: str) -> str:
    """The definition: every reading pymorphy3 parses, weighed (module doc of morphology)."""
    parses = [parse for parse in analyzer().parse(word) if parse.is_known]
    if all("Surn" in parse.tag for parse in parses):
        return ru_stem(word) + STEM_MARK
    return _likeliest_lemma(parses)


def test_russian_keys_are_those_of_weighing_every_reading() -> None:
    words = sorted({normalise(w).lower() for w in re.findall(r"[а-яё]+", RUSSIAN_PROSE, re.I)})
    assert {w: ru_key(w) for w in words} == {w: plain_ru_key(w) for w in words}


# --- fuzzy search ------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text("abc", min_size=1, max_size=7), max_size=40),
    st.lists(st.tuples(st.text("abcd", max_size=8), st.integers(0, 2)), max_size=8),
)
def test_many_queries_at_once_find_what_comparing_every_target_finds(
    targets: list[str], queries: list[tuple[str, int]]
) -> None:
    index = FuzzyIndex(targets)
    for (query, edits), found in zip(queries, index.within_many(queries), strict=True):
        every = [(t, OSA.distance(query, t)) for t in set(targets)]
        close = sorted((len(t), d, t) for t, d in every if d <= edits)
        assert found == [(t, d) for _, d, t in close]  # shorter, then nearer, then sorted
        assert found == index.within(query, edits)


# --- remembered verdicts -----------------------------------------------------------------------

# Two made-up drug names one letter apart: a misspelling between them is a tie that only what
# else the document says can settle, so a verdict remembered from one document must not decide
# the next one.
TIED = Glossary(
    (
        Concept("zorbumab", (Term("zorbumab", "en"), Term("зорбумаб", "ru"))),
        Concept("zorbimab", (Term("zorbimab", "en"), Term("зорбимаб", "ru"))),
    ),
    ("en", "ru"),
)
TIED_CASES = {
    "en-u": ("Zorbumab works. Then zorbamab failed.", ["zorbamab -> zorbumab"]),
    "en-i": ("Zorbimab works. Then zorbamab failed.", ["zorbamab -> zorbimab"]),
    "en-neither": ("Then zorbamab failed.", ["zorbamab -> zorbimab | zorbumab"]),
    "ru-u": ("Зорбумаб помог. Затем зорбамабом лечили.", ["зорбамабом -> зорбумабом"]),
    "ru-i": ("Зорбимаб помог. Затем зорбамабом лечили.", ["зорбамабом -> зорбимабом"]),
}


def misspellings(text: str) -> list[str]:
    lang = "ru" if re.search("[а-я]", text) else "en"
    document = Document(text, (Segment("p0", SegmentKind.PARAGRAPH, 0, len(text), 0, lang, 1.0),))
    flags = TermCheck().run(CheckContext(document, TIED, Options()))
    return [
        f"{f.text} -> {f.suggestion if f.fix else ' | '.join(sorted(_options(f.message)))}"
        for f in flags
        if f.rule == "term.misspelling"
    ]


def _options(message: str) -> list[str]:
    return [word.lower() for word in re.findall(r'"([^"]+)"', message)[1:]]


@pytest.mark.parametrize(
    "order",
    [
        ["en-u", "en-i", "en-neither", "ru-u", "ru-i"],
        ["ru-i", "en-neither", "en-i", "ru-u", "en-u"],
        ["en-i", "en-i", "en-u", "en-u", "ru-u", "ru-i", "ru-u"],
    ],
)
def test_a_remembered_verdict_is_settled_by_each_document_anew(order: list[str]) -> None:
    for name in order:
        text, expected = TIED_CASES[name]
        assert misspellings(text) == expected, name


def test_the_document_is_read_for_seen_words_only_when_a_word_has_a_correction() -> None:
    speller = Speller(TIED)
    asked: list[str] = []

    def seen(lang: str) -> frozenset[str]:
        asked.append(lang)
        return frozenset({"zorbimab"})

    words = [("ordinary", "en"), ("unheardof", "en"), ("обычный", "ru")]
    assert speller.misspellings(words, seen) == {}
    assert asked == []
    found = speller.misspellings([*words, ("zorbamab", "en"), ("zorbamab", "en")], seen)
    assert asked == ["en"]
    assert found == {("zorbamab", "en"): speller.suggest("zorbamab", "en", seen("en"))}
    assert found[("zorbamab", "en")][0].text == "zorbimab"


# --- hyphenated codes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The dumilumab-2 arm.", []),  # a code: digits joined by a hyphen
        ("The dumilumab–2 arm.", []),  # any dash
        ("Batch 3-dumilumab-x failed.", []),  # the digits anywhere in the run
        ("Treatment with anti-dumilumab antibodies.", ["dumilumab -> dupilumab"]),  # no digits
        ("The dumilumab-based arm.", ["dumilumab -> dupilumab"]),
        ("The dumilumab - 2 arm.", ["dumilumab -> dupilumab"]),  # spaced: no compound
        ("The dumilumab -2 arm.", ["dumilumab -> dupilumab"]),  # the hyphen is the number's
        ("See dumilumab-2-x and dumilumab.", ["dumilumab -> dupilumab"]),  # only the free one
        ("Препарат дюпилумаб-3 испытан.", []),
        ("Препарат дюпилумаб-ингибитор.", ["дюпилумаб -> дупилумаб"]),
        ("Препарат дюпилумаб — 3 раза.", ["дюпилумаб -> дупилумаб"]),
        ("Лечение анти-дюпилумабом.", ["дюпилумабом -> дупилумабом"]),
    ],
)
def test_hyphenated_compounds_with_digits_are_codes(text: str, expected: list[str]) -> None:
    glossary = Glossary(
        (Concept("dupilumab", (Term("dupilumab", "en"), Term("дупилумаб", "ru"))),), ("en", "ru")
    )
    lang = "ru" if re.search("[а-я]", text) else "en"
    document = Document(text, (Segment("p0", SegmentKind.PARAGRAPH, 0, len(text), 0, lang, 1.0),))
    flags = TermCheck().run(CheckContext(document, glossary, Options()))
    found = [f"{f.text} -> {f.suggestion}" for f in flags if f.rule == "term.misspelling"]
    assert found == expected
