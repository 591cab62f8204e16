"""Glossary term matching: one pass, word boundaries, spelling variants, Russian and English forms.

Each case is (text, expected matches); a match is written as the matched text, "=>", and the
glossary term it is a form of.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transclean import segment_string
from transclean.glossary.matcher import TermMatcher, analyse, term_hints, tokenize
from transclean.glossary.model import Concept, Glossary, Term, TermStatus
from transclean.glossary.morphology import (
    en_plurals,
    inflect_ru,
    match_case,
    ru_stem,
    stem_levels,
    strip_ending,
)
from transclean.model import Document, InlineSpan, Segment, SegmentKind, TermHint

P, A, D = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.DEPRECATED


def concept(cid: str, *terms: tuple[str, str, TermStatus] | Term) -> Concept:
    return Concept(cid, tuple(t if isinstance(t, Term) else Term(*t) for t in terms))


GLOSSARY = Glossary(
    (
        concept("dupilumab", ("dupilumab", "en", P), ("дупилумаб", "ru", P)),
        concept("ad", ("atopic dermatitis", "en", P), ("атопический дерматит", "ru", P)),
        concept("dermatitis", ("dermatitis", "en", P), ("дерматит", "ru", P)),
        concept("alopecia", ("alopecia", "en", P), ("алопеция", "ru", P)),
        concept(
            "squaric",
            ("squaric acid", "en", P),
            ("screaming acid", "en", D),
            ("скваровая кислота", "ru", P),
            ("скрипучая кислота", "ru", D),
        ),
        concept(
            "wfbmc",
            ("Wake Forest Baptist Medical Center", "en", P),
            ("Baku Snake Medical Center", "en", D),
        ),
        concept("il4", Term("IL-4", "en", P, case_sensitive=True), ("ИЛ-4", "ru", P)),
        concept("crohn", ("Crohn's disease", "en", P), ("болезнь Крона", "ru", P)),
        concept("nail", ("nail", "en", P), ("ноготь", "ru", P)),
        concept("antibody", ("antibody", "en", P), ("антитело", "ru", P)),
        concept("diagnosis", ("diagnosis", "en", P), ("диагноз", "ru", P)),
        concept("oedema", ("oedema", "en", P), ("отёк", "ru", P)),
        concept("diazepam", ("diazepam", "en", P), ("диазепам", "ru", P)),
        concept("anakinra", ("anakinra", "en", P), ("анакинра", "ru", P)),
    ),
    ("en", "ru"),
)


def found(text: str, glossary: Glossary = GLOSSARY) -> list[str]:
    document = segment_string(text)
    _, matches = analyse(document, glossary)
    return [f"{text[m.start : m.end]} => {m.term.text}" for m in matches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # case-insensitive, word boundaries
        ("Dupilumab works.", ["Dupilumab => dupilumab"]),
        ("DUPILUMAB works.", ["DUPILUMAB => dupilumab"]),
        ("Predupilumab and dupilumabs-like are other words.", ["dupilumabs => dupilumab"]),
        ("xdupilumab is not dupilumab.", ["dupilumab => dupilumab"]),
        # the longest term wins over the term inside it
        ("Severe atopic dermatitis.", ["atopic dermatitis => atopic dermatitis"]),
        ("Contact dermatitis.", ["dermatitis => dermatitis"]),
        # any whitespace between words, including NBSP and a line break within a paragraph
        ("Severe atopic\u00a0dermatitis.", ["atopic\u00a0dermatitis => atopic dermatitis"]),
        ("Severe atopic\ndermatitis.", ["atopic\ndermatitis => atopic dermatitis"]),
        ("Severe atopic  \t dermatitis.", ["atopic  \t dermatitis => atopic dermatitis"]),
        # soft hyphens and zero-width characters inside words
        ("Dupi\u00adlu\u00admab helps.", ["Dupi\u00adlu\u00admab => dupilumab"]),
        ("Дупи\u00adлумаб помогает.", ["Дупи\u00adлумаб => дупилумаб"]),
        # dash variants: hyphen, non-breaking hyphen, en dash, minus
        ("Levels of IL\u20114 rose.", ["IL\u20114 => IL-4"]),
        ("Levels of IL–4 rose.", ["IL–4 => IL-4"]),
        ("Уровень ИЛ—4 вырос.", ["ИЛ—4 => ИЛ-4"]),
        # ё and е are one letter
        ("Отек и отёк.", ["Отек => отёк", "отёк => отёк"]),
        # punctuation and paragraph breaks separate words of a term
        ("It is atopic. Dermatitis follows.", ["Dermatitis => dermatitis"]),
        ("It is atopic\n\ndermatitis follows.", ["dermatitis => dermatitis"]),
        # English plurals and possessives
        ("Two alopecias.", ["alopecias => alopecia"]),
        ("Antibodies rose.", ["Antibodies => antibody"]),
        ("Differential diagnoses.", ["diagnoses => diagnosis"]),
        ("Screaming acids.", ["Screaming acids => screaming acid"]),
        ("Dupilumab's effect.", ["Dupilumab => dupilumab"]),
        ("Dupilumab’s effect.", ["Dupilumab => dupilumab"]),
        (
            "Crohn's disease and Crohn’s disease.",
            ["Crohn's disease => Crohn's disease", "Crohn’s disease => Crohn's disease"],
        ),
        # a multi-word proper name across a line break
        (
            "Chair at Baku Snake\nMedical Center in Winston-Salem.",
            ["Baku Snake\nMedical Center => Baku Snake Medical Center"],
        ),
    ],
)
def test_matches(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # drug names pymorphy3 does not know, in every case
        ("Лечение дупилумабом.", ["дупилумабом => дупилумаб"]),
        ("Действие дупилумаба.", ["дупилумаба => дупилумаб"]),
        ("Дупилумабу доверяют.", ["Дупилумабу => дупилумаб"]),
        ("О дупилумабе.", ["дупилумабе => дупилумаб"]),
        ("Сравнение с другими дупилумабами.", ["дупилумабами => дупилумаб"]),
        # names ending like a case ending: "диазеп-ам", "анакинр-а"
        ("С диазепамом.", ["диазепамом => диазепам"]),
        ("Диазепам и диазепамы.", ["Диазепам => диазепам", "диазепамы => диазепам"]),
        ("С анакинрой.", ["анакинрой => анакинра"]),
        # an unknown noun: all forms of "алопеция" reduce to one stem
        ("Лечение алопеции.", ["алопеции => алопеция"]),
        ("С алопецией.", ["алопецией => алопеция"]),
        ("Тяжёлые алопеции.", ["алопеции => алопеция"]),
        # multi-word terms in agreement, unknown adjective + unknown noun
        ("Лечение атопического дерматита.", ["атопического дерматита => атопический дерматит"]),
        ("С атопическим дерматитом.", ["атопическим дерматитом => атопический дерматит"]),
        ("Об атопических дерматитах.", ["атопических дерматитах => атопический дерматит"]),
        ("Лечение скваровой кислотой.", ["скваровой кислотой => скваровая кислота"]),
        ("Скваровые кислоты.", ["Скваровые кислоты => скваровая кислота"]),
        # a dictionary word with a fleeting vowel: ноготь / ногтя
        ("Поражение ногтя.", ["ногтя => ноготь"]),
        ("Под ногтями.", ["ногтями => ноготь"]),
        # a noun + proper name: the second word keeps its own case
        ("При болезни Крона.", ["болезни Крона => болезнь Крона"]),
        # no match across words that only share a stem prefix
        ("Дерматологи и дерматоз.", []),
    ],
)
def test_russian_forms(text: str, expected: list[str]) -> None:
    assert found(text) == expected


RU_TERMS = Glossary(
    (
        concept("acne", ("acne", "en", P), ("обыкновенные угри", "ru", P)),
        concept("lichen-planus", ("lichen planus", "en", P), ("красный плоский лишай", "ru", P)),
        concept("jak-stat", ("JAK-STAT pathway", "en", P), ("путь JAK-STAT", "ru", P)),
        concept("azelaic", ("azelaic acid", "en", P), ("азелаиновая кислота", "ru", P)),
        concept("eosinophilia", ("eosinophilia", "en", P), ("эозинофилия", "ru", P)),
        concept("eosinophils", ("eosinophils", "en", P), ("эозинофилы", "ru", P)),
        concept("dermatology", ("dermatology", "en", P), ("дерматовенерология", "ru", P)),
        concept("dermatologist", ("dermatologist", "en", P), ("дерматовенеролог", "ru", P)),
        concept("steel", ("steel", "en", P), ("сталь", "ru", P)),
        concept("tiotropium", ("tiotropium", "en", P), ("тиотропий", "ru", P)),
    ),
    ("en", "ru"),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a form whose likeliest reading is another word's: "угреть", "лишать", "путём"
        ("Лечение обыкновенных угрей.", ["обыкновенных угрей => обыкновенные угри"]),
        ("При красном плоском лишае.", ["красном плоском лишае => красный плоский лишай"]),
        ("Красным плоским лишаем.", ["Красным плоским лишаем => красный плоский лишай"]),
        ("Он связан с путем JAK-STAT.", ["путем JAK-STAT => путь JAK-STAT"]),
        ("Путём JAK-STAT.", ["Путём JAK-STAT => путь JAK-STAT"]),
        # an unknown adjective, some of whose forms pymorphy3 knows as a surname's
        ("С азелаиновой кислотой.", ["азелаиновой кислотой => азелаиновая кислота"]),
        ("Азелаиновыми кислотами.", ["Азелаиновыми кислотами => азелаиновая кислота"]),
        ("Азелаиновую кислоту.", ["Азелаиновую кислоту => азелаиновая кислота"]),
        # nouns sharing letters up to the "и" of an "-ия" noun are told apart
        ("Уровень эозинофилов повышен.", ["эозинофилов => эозинофилы"]),
        ("При эозинофилии.", ["эозинофилии => эозинофилия"]),
        (
            "С эозинофилией и эозинофилами.",
            ["эозинофилией => эозинофилия", "эозинофилами => эозинофилы"],
        ),
        ("Консультация дерматовенеролога.", ["дерматовенеролога => дерматовенеролог"]),
        ("Успехи дерматовенерологии.", ["дерматовенерологии => дерматовенерология"]),
        (
            "Дерматовенерологи и дерматовенерология.",
            [
                "Дерматовенерологи => дерматовенеролог",
                "дерматовенерология => дерматовенерология",
            ],
        ),
        ("Лечение тиотропием.", ["тиотропием => тиотропий"]),
        # a noun reading unlikely: ordinary words are not terms
        ("Результаты стали известны.", []),
        ("Изделие из стали.", []),  # missed: "стали" is "стать" 97% of the time
        ("Это лишает пациента сна.", []),
        ("Их решили угреть у печи.", []),
        ("Путешествие было долгим.", []),
    ],
)
def test_russian_forms_of_ambiguous_and_unknown_words(text: str, expected: list[str]) -> None:
    assert found(text, RU_TERMS) == expected


def term_flags(text: str, glossary: Glossary) -> list[str]:
    from transclean.checks.base import CheckContext
    from transclean.checks.terms import TermCheck
    from transclean.config import Options

    flags = TermCheck().run(CheckContext(segment_string(text), glossary, Options()))
    return [f"{flag.rule}: {flag.text}" for flag in flags]


@pytest.mark.parametrize(
    ("text", "glossary", "expected"),
    [
        # Once "эозинофилов" was taken for a form of "эозинофилия": two forms of one concept.
        (
            "Эозинофилез описан. Уровень эозинофилов повышен.",
            Glossary((concept("e", ("эозинофилия", "ru", P), ("эозинофилез", "ru", A)),)),
            [],
        ),
        (
            "Эозинофилез описан. Эозинофилия тоже.",
            Glossary((concept("e", ("эозинофилия", "ru", P), ("эозинофилез", "ru", A)),)),
            ["term.inconsistent: Эозинофилез"],
        ),
        # Once "дерматовенеролога" was taken for a form of "дерматовенерология".
        (
            "Консультация дерматовенеролога.",
            Glossary((concept("d", ("дерматология", "ru", P), ("дерматовенерология", "ru", D)),)),
            [],
        ),
        (
            "Успехи дерматовенерологии.",
            Glossary((concept("d", ("дерматология", "ru", P), ("дерматовенерология", "ru", D)),)),
            ["term.deprecated: дерматовенерологии"],
        ),
    ],
)
def test_term_checks_do_not_take_one_noun_for_another(
    text: str, glossary: Glossary, expected: list[str]
) -> None:
    assert term_flags(text, glossary) == expected


EADV_EN = "European Academy of Dermatology and Venereology"
EADV_RU = "Европейская академия дерматологии и венерологии"
NAMES = Glossary(
    (
        concept(
            "eadv",
            Term(EADV_EN, "en", P, case_sensitive=True),
            Term(EADV_RU, "ru", P, case_sensitive=True),
        ),
        concept("dupixent", Term("Dupixent", "en", P, case_sensitive=True)),
        concept(
            "who",
            Term("WHO", "en", P, case_sensitive=True),
            Term("ВОЗ", "ru", P, case_sensitive=True),
        ),
        concept("ph", Term("pH", "en", P, case_sensitive=True)),
        concept("ph-disease", Term("PH", "en", P, case_sensitive=True)),
        concept("mg", Term("mg", "en", P, case_sensitive=True)),
    ),
    ("en", "ru"),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # case-sensitive term: IL-4 is an interleukin, il-4 is not that term
        ("Levels of IL-4 rose.", ["IL-4 => IL-4"]),
        ("Levels of il-4 rose.", []),
        ("Levels of Il-4 rose.", []),
    ],
)
def test_case_sensitive_terms(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # written in capitals, a name shows no case: it is the name
        (
            "ЕВРОПЕЙСКАЯ АКАДЕМИЯ ДЕРМАТОЛОГИИ И ВЕНЕРОЛОГИИ",
            ["ЕВРОПЕЙСКАЯ АКАДЕМИЯ ДЕРМАТОЛОГИИ И ВЕНЕРОЛОГИИ => " + EADV_RU],
        ),
        (
            "РЕКОМЕНДАЦИИ ЕВРОПЕЙСКОЙ АКАДЕМИИ ДЕРМАТОЛОГИИ И ВЕНЕРОЛОГИИ",
            ["ЕВРОПЕЙСКОЙ АКАДЕМИИ ДЕРМАТОЛОГИИ И ВЕНЕРОЛОГИИ => " + EADV_RU],
        ),
        (
            "Рекомендации Европейской академии дерматологии и венерологии",
            ["Европейской академии дерматологии и венерологии => " + EADV_RU],
        ),
        (
            "GUIDELINES OF THE EUROPEAN ACADEMY OF DERMATOLOGY AND VENEREOLOGY",
            ["EUROPEAN ACADEMY OF DERMATOLOGY AND VENEREOLOGY => " + EADV_EN],
        ),
        ("DUPIXENT IN ALOPECIA AREATA", ["DUPIXENT => Dupixent"]),
        ("Treated with DUPIXENT.", ["DUPIXENT => Dupixent"]),
        ("Treated with Dupixent.", ["Dupixent => Dupixent"]),
        ("ПО ДАННЫМ ВОЗ", ["ВОЗ => ВОЗ"]),
        # not in capitals, a case-sensitive term keeps its case
        ("Рекомендации европейской академии дерматологии и венерологии", []),
        ("Treated with dupixent.", []),
        ("Воз сена.", []),
        # a term without capitals, or with capitals inside a word, is told by its case alone
        ("Blood pH rose.", ["pH => pH"]),
        ("BLOOD PH ROSE.", ["PH => PH"]),  # the abbreviation PH, not pH
        ("Dose: 5 mg.", ["mg => mg"]),
        ("DOSE: 5 MG.", []),  # MG (myasthenia gravis) is not mg
        ("A single D.", []),  # one letter in capitals says nothing
    ],
)
def test_case_sensitive_terms_in_capitals(text: str, expected: list[str]) -> None:
    assert found(text, NAMES) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["nail"]),
        ("la", ["nail"]),  # medical Latin inside English text is matched as English
        ("de", []),  # "nail" is an English term; in a German sentence the letters are not it
    ],
)
def test_language_of_segment_decides_which_terms_match(lang: str, expected: list[str]) -> None:
    text = "Die nail ist."
    doc = Document(text, (Segment("p0", SegmentKind.TITLE, 0, len(text), 0, lang, 1.0),))
    assert [m.term.text for m in analyse(doc, GLOSSARY)[1]] == expected


def test_inline_spans_and_script_override_the_segment_language() -> None:
    text = "Алопеция (alopecia) и дупилумаб"
    inline = (InlineSpan(10, 18, "en"),)
    seg = Segment("p0", SegmentKind.TITLE, 0, len(text), 0, "ru", 1.0, inline)
    matches = analyse(Document(text, (seg,)), GLOSSARY)[1]
    assert [(m.lang, m.term.text) for m in matches] == [
        ("ru", "алопеция"),
        ("en", "alopecia"),
        ("ru", "дупилумаб"),
    ]
    # Without the inline span, the Latin script alone makes "alopecia" English.
    matches = analyse(Document(text, (replace(seg, inline=()),)), GLOSSARY)[1]
    assert [m.lang for m in matches] == ["ru", "en", "ru"]


def test_offsets_point_into_the_original_text() -> None:
    text = "Ранее: лечение  скваровой\u00a0кислотой.\nDupi\u00adlumab's and dupimab’s."
    spans = [(m.start, m.end) for m in analyse(segment_string(text), GLOSSARY)[1]]
    first = text.index("скваровой")
    second = text.index("Dupi")
    assert spans == [(first, text.index(".")), (second, text.index("'s"))]


def test_empty_glossary_and_empty_text() -> None:
    assert TermMatcher(Glossary()).find(tokenize("dupilumab")) == []
    assert TermMatcher(GLOSSARY).find([]) == []


def test_one_automaton_holds_every_term_and_english_plurals() -> None:
    matcher = TermMatcher(GLOSSARY)
    term_count = sum(len(c.terms) for c in GLOSSARY.concepts)
    assert term_count < len(matcher) <= term_count * 4


def test_term_hints_for_an_untranslated_russian_title() -> None:
    text = "Лечение алопеции и атопического дерматита: двойное действие дупилумаба\n\nText."
    document = segment_string(text)
    title = document.segments[0]
    assert term_hints(document, GLOSSARY, title, "en") == (
        TermHint("алопеция", "alopecia"),
        TermHint("атопический дерматит", "atopic dermatitis"),
        TermHint("дупилумаб", "dupilumab"),
    )
    # Terms already in the target language give no hint.
    assert term_hints(document, GLOSSARY, title, "ru") == ()


def test_term_hints_show_the_preferred_source_for_a_deprecated_term() -> None:
    document = segment_string("Лечение скрипучей кислотой")
    hints = term_hints(document, GLOSSARY, document.segments[0], "en")
    assert hints == (TermHint("скваровая кислота", "squaric acid"),)


@pytest.mark.parametrize(
    ("word", "stem", "ending"),
    [
        ("дупилумабом", "дупилумаб", "ом"),
        ("дупилумаб", "дупилумаб", ""),
        ("алопецией", "алопец", "ией"),
        ("атопического", "атопическ", "ого"),
        ("анакинрой", "анакинр", "ой"),
        ("ибу", "ибу", ""),  # at least three letters of stem stay
    ],
)
def test_strip_ending(word: str, stem: str, ending: str) -> None:
    assert strip_ending(word) == (stem, ending)


@pytest.mark.parametrize(
    ("forms", "stem"),
    [
        (["диазепам", "диазепама", "диазепамом", "диазепамами"], "диазеп"),
        (["анакинра", "анакинрой", "анакинрами"], "анакинр"),
        (["скваровая", "скваровой", "скваровыми"], "сквар"),
    ],
)
def test_every_form_of_an_unknown_name_has_one_last_stem(forms: list[str], stem: str) -> None:
    assert {ru_stem(form) for form in forms} == {stem}
    assert stem_levels(forms[1])[0] == (forms[1], "")


@pytest.mark.parametrize(
    ("phrase", "context", "expected"),
    [
        ("скваровая кислота", ["скрипучей", "кислотой"], "скваровой кислотой"),
        ("скваровая кислота", ["скрипучей", "кислоты"], "скваровой кислоты"),
        ("скваровая кислота", ["скрипучими", "кислотами"], "скваровыми кислотами"),
        ("скваровая кислота", ["скрипучая", "кислота"], "скваровая кислота"),
        ("дупилумаб", ["дюпилумабом"], "дупилумабом"),
        ("атопический дерматит", ["атопическом", "дерматите"], "атопическом дерматите"),
        # dependents after the head noun keep their case
        ("алопеция волосистой части головы", ["облысением"], "алопецией волосистой части головы"),
    ],
)
def test_inflect_russian_suggestion(phrase: str, context: list[str], expected: str) -> None:
    assert inflect_ru(phrase, context) == expected


@pytest.mark.parametrize(
    ("word", "plurals"),
    [
        ("acid", ("acids",)),
        ("antibody", ("antibodies",)),
        ("day", ("days",)),
        ("rash", ("rashes",)),
        ("dermatitis", ("dermatitises", "dermatitides", "dermatites")),
        ("naevus", ("naevuses", "naevi")),
        ("alopecia", ("alopecias", "alopeciae")),
        ("IL", ()),
    ],
)
def test_english_plurals(word: str, plurals: tuple[str, ...]) -> None:
    assert en_plurals(word) == plurals


@pytest.mark.parametrize(
    ("original", "written", "suggestion", "expected"),
    [
        ("dumilumab", "", "dupilumab", "dupilumab"),
        ("Dumilumab", "", "dupilumab", "Dupilumab"),
        ("DUMILUMAB", "", "dupilumab", "DUPILUMAB"),
        ("baku snake medical center", "", "Wake Forest Baptist", "Wake Forest Baptist"),
        ("Скрипучей кислотой", "", "скваровой кислотой", "Скваровой кислотой"),
        # capitals the glossary term has anyway are not the writer's choice
        ("IL-4", "IL-4", "interleukin-4", "interleukin-4"),
        ("Baku Snake", "Baku Snake", "wake forest", "wake forest"),
        ("SCREAMING ACID", "screaming acid", "squaric acid", "SQUARIC ACID"),
    ],
)
def test_match_case(original: str, written: str, suggestion: str, expected: str) -> None:
    assert match_case(original, suggestion, written) == expected


_WORDS = st.sampled_from(
    [
        "dupilumab",
        "atopic",
        "dermatitis",
        "alopecia",
        "the",
        "patient",
        "дупилумабом",
        "и",
        "кислотой",
    ]
)
_GAPS = st.sampled_from([" ", "\u00a0", "\n", "  ", ", ", ". ", " (", ") ", "\u00ad", "-"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_WORDS, _GAPS), max_size=12))
def test_matches_are_disjoint_word_bounded_and_sorted(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + g for w, g in parts)
    document = segment_string(text)
    matches = analyse(document, GLOSSARY)[1]
    previous_end = 0
    for match in matches:
        assert previous_end <= match.start < match.end <= len(text)
        assert match.start == 0 or not text[match.start - 1].isalnum()
        assert match.end == len(text) or not text[match.end].isalnum()
        previous_end = match.end


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("See a.com b.org dupilumab", ["word", "url", "url", "word"]),
        (
            "Mail me@x.org, or www.dupilumab.com/x.",
            ["word", "url", "punct", "word", "url", "punct"],
        ),
        ("Dupilumab. Next", ["word", "punct", "word"]),
    ],
)
def test_urls_and_addresses_are_single_tokens(text: str, kinds: list[str]) -> None:
    assert [t.kind for t in tokenize(text)] == kinds
