"""Language per segment and inline spans of another language: the specification as data.

Inline spans are written in the text itself: ``[la:alopecia totalis]`` marks a span whose
language is ``la``; the brackets and the tag are removed before the text is checked.
"""

from __future__ import annotations

import re
from importlib.resources import files
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transclean.model import InlineSpan, SegmentKind
from transclean.segment import segment_text
from transclean.segment.fastpath import fast_answer, sentence_language
from transclean.segment.langmodel import Memo, curated, latin_phrases, russian_or_ukrainian
from transclean.segment.language import _latin_phrase_spans, detect_language, find_inline_spans

# (text, expected language); every text written for these tests.
LANGUAGE_CASES = [
    # Russian: letters ы э ё ъ, word lists, dictionaries; a lone word without a telling letter
    ("Лечение алопеции и атопического дерматита: двойное действие дупилумаба", "ru"),
    ("Пациентка получала еженедельные инъекции дупилумаба.", "ru"),
    ("лечение", "ru"),
    ("препарат назначают", "ru"),
    ("объявление", "ru"),
    ("что это", "ru"),
    ("Ёж", "ru"),
    ("США", "ru"),
    ("Ребёнку назначили преднизолон, но улучшения не было.", "ru"),
    ("кращий", "ru"),  # Ukrainian, but one word without і ї є ґ stays Russian in a ru/en product
    ("програма", "ru"),  # likewise: a lone word is Ukrainian only by a letter or the word list
    ("кредитування", "ru"),  # even with an ending no Russian word has
    # Russian without ы э ё ъ: medical terms the dictionary lacks do not make it Ukrainian
    ("лечение алопеции дупилумабом", "ru"),
    ("Дупилумаб применяют при атопическом дерматите", "ru"),
    ("препарат назначают по показаниям", "ru"),
    ("Лечение атопического дерматита у подростков", "ru"),
    ("Пациентка получала инъекции дупилумаба", "ru"),
    ("Дупиксент одобрен для лечения", "ru"),  # a capitalised unknown word is a name
    # Ukrainian: і ї є ґ, the apostrophe, the Ukrainian word list, Latin "i" typed for "і"
    ("Лікування алопеції та атопічного дерматиту", "uk"),
    ("Дякуємо за увагу", "uk"),
    ("що це таке", "uk"),
    ("пам'ятати", "uk"),
    ("вiн прийшов додому", "uk"),
    ("Ґудзик", "uk"),
    ("дуже добре", "uk"),
    ("Дякую", "uk"),  # on the word list, and no Russian word
    # Ukrainian without і ї є ґ: listed words, endings, Ukrainian spellings of Russian words
    ("ми будемо вдома", "uk"),
    ("вона пише листа", "uk"),
    ("Препарат вводять щодня", "uk"),  # вводять: Russian вводят
    ("форми випуску", "uk"),  # формы, выпуску
    ("малих дозах", "uk"),  # малых
    ("програма навчання", "uk"),  # -ння, which Russian writes -ние
    ("Робота з документами", "uk"),
    ("Зараз ситуація стабільна", "uk"),
    ("сильно болить голова", "uk"),  # болить: a word only Ukrainian's dictionary knows
    # Russian words no dictionary knows (names, typos, diminutives) say nothing
    ("арнольд пушистик", "ru"),
    ("джевл поспешно", "ru"),
    # Belarusian, Bulgarian, Serbian, Macedonian: their own letters
    ("Беларусь — дзяржава ва Усходняй Еўропе", "be"),
    ("Гэта мая радзіма і мая мова", "be"),
    ("България е държава в Югоизточна Европа", "bg"),
    ("Това е по-добре, защото пътят е дълъг", "bg"),
    ("Србија је држава у југоисточној Европи", "sr"),
    ("Ќе дојдам утре", "mk"),
    # English: the default for Latin script, at every length
    ("Treatment of alopecia and atopic dermatitis", "en"),
    ("dupilumab", "en"),
    ("hair", "en"),
    ("links", "en"),  # also a German word; one word is not enough to leave English
    ("kindergarten", "en"),
    ("The patient had alopecia totalis (alopecia totalis) since the age of two.", "en"),
    ("The café served crème brûlée to Dr. Müller and Mr. Nuñez.", "en"),
    ("IL-4", "en"),  # an abbreviation alone: Latin script, so English, with low confidence
    ("xdupilumab is not dupilumab.", "en"),  # unknown drug names do not vote for a language
    ("Dupilumab, tralokinumab and lebrikizumab.", "en"),
    ("Dupi\u00adlumab's and dupimab\u2019s.", "en"),  # a soft hyphen inside a word
    # German: umlauts and ß, the German frequency list, n-grams over a sentence
    ("Der Patient wurde sechs Monate lang mit Dupilumab behandelt.", "de"),
    ("Behandlung", "de"),
    ("schöne Grüße", "de"),
    ("Straße", "de"),
    ("Haarausfall und Neurodermitis bei Kindern", "de"),
    # A medical Latin phrase alone is English (a heading in an English article); the phrase is
    # still an inline 'la' span. Latin: a sentence of Latin function words and endings.
    ("alopecia totalis", "en"),
    ("Alopecia areata", "en"),
    ("Per os.", "en"),
    ("in vitro", "en"),
    ("Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae.", "la"),
    ("Quod erat demonstrandum, et cetera.", "la"),
    # Other Latin-script languages only as whole sentences
    ("Le patient a été traité par dupilumab pendant six mois.", "fr"),
    ("El paciente fue tratado con dupilumab durante seis meses.", "es"),
    ("Il paziente è stato trattato con dupilumab per sei mesi.", "it"),
    ("O paciente foi tratado com dupilumab durante seis meses.", "pt"),
    # No letters, or letters only inside URLs and e-mail addresses
    ("", "und"),
    ("   ", "und"),
    ("2017", "und"),
    ("12.03.2017", "und"),
    ("+7 (495) 123-45-67", "und"),
    ("60 %", "und"),
    ("— … «»", "und"),
    ("https://estet-portal.com/news?id=5", "und"),
    ("www.medscape.com", "und"),
    ("info@estet-portal.com", "und"),
]


@pytest.mark.parametrize(("text", "expected"), LANGUAGE_CASES)
def test_detect_language(text: str, expected: str) -> None:
    lang, confidence = detect_language(text)
    assert lang == expected
    assert 0.0 <= confidence <= 1.0


@pytest.mark.xfail(strict=True, reason="known limit: Dutch is read as German (no Dutch word list)")
def test_dutch_is_told_from_german() -> None:
    assert detect_language("De patiënt werd zes maanden met dupilumab behandeld.")[0] == "nl"


@pytest.mark.xfail(strict=True, reason="known limit: words Russian's dictionary shares, no uk list")
@pytest.mark.parametrize("text", ["великий порядок", "справа автора"])
def test_ukrainian_made_of_russian_words(text: str) -> None:
    assert detect_language(text)[0] == "uk"


# Every Cyrillic letter but those only Ukrainian, Belarusian, Bulgarian, Serbian or Macedonian
# writes, so a generated word has no letter that names another language.
SHARED_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщьыэюяё"


@settings(max_examples=200, deadline=None)
@given(st.text(SHARED_CYRILLIC, min_size=1, max_size=14))
def test_one_word_without_a_ukrainian_letter_is_russian(word: str) -> None:
    """A single Russian word is never called Ukrainian, whatever its spelling or ending."""
    if word not in curated("lang_uk_words.txt").words:
        assert detect_language(word)[0] == "ru"
        assert detect_language(word.capitalize() + ".")[0] == "ru"


@pytest.mark.parametrize(
    ("text", "at_least"),
    [
        ("Пациентка получала еженедельные инъекции дупилумаба.", 0.95),
        ("The dual efficacy of the receptor antagonist can be explained.", 0.95),
        ("", 1.0),  # no letters: certainly undetermined
    ],
)
def test_clear_text_is_confident(text: str, at_least: float) -> None:
    assert detect_language(text)[1] >= at_least


@pytest.mark.parametrize(
    ("text", "below"),
    [
        ("IL-4", 1.0),  # an abbreviation alone says little
        ("Препарат вводят in vitro и in vivo, treatment guidelines.", 0.8),  # mixed scripts
    ],
)
def test_weak_evidence_lowers_confidence(text: str, below: float) -> None:
    assert detect_language(text)[1] < below


def test_latin_inside_russian_does_not_lower_confidence() -> None:
    with_latin = detect_language("Тотальная алопеция (alopecia totalis) — форма алопеции.")
    assert with_latin[0] == "ru"
    assert with_latin[1] >= 0.9


SPAN = re.compile(r"\[([a-z]{2,3}):([^\]]+)\]")


def parse_marked(marked: str) -> tuple[str, list[tuple[str, str]]]:
    """Return the plain text and the (span text, language) pairs marked in it."""
    return SPAN.sub(r"\2", marked), [(m.group(2), m.group(1)) for m in SPAN.finditer(marked)]


INLINE_CASES = [
    # Russian segments: every Latin-script run is a span; known Latin phrases are 'la'
    ("ru", "Тотальная алопеция ([la:alopecia totalis]) — форма гнёздной алопеции."),
    ("ru", "Дупилумаб ([en:dupilumab, Dupixent]) одобрен [en:FDA] в марте 2017 г."),
    ("ru", "Препарат принимают [la:per os] по 300 [en:mg] в сутки."),
    ("ru", "Антагонист [en:IL-4] и [en:IL-13] — дупилумаб."),
    ("ru", "Клинический случай: [la:alopecia areata] [en:treatment] у подростка."),
    ("ru", "Опыты [la:in vitro] и [la:in vivo] подтвердили эффект."),
    ("ru", "В XX веке описали стадии I–IV; витамин D3 и группа A здесь ни при чём."),
    ("ru", "Согласно [en:Smith] [la:et al], эффект был слабым."),
    ("ru", "Лечение дупи\u00adлумабом ([en:Dupi\u00adxent]) начали в 2017 г."),
    ("ru", "Подробнее на estet-portal.com и https://medscape.com/viewarticle/1 в разделе."),
    ("ru", "В немецкой статье об этом случае сказано: «[de:Die Behandlung wurde gut vertragen]»."),
    # Ukrainian segment: the same rules
    ("uk", "Препарат [en:dupilumab] призначають [la:per os]."),
    # A segment that is only a Latin phrase is English, and the phrase its 'la' span
    ("en", "[la:alopecia totalis]"),
    ("en", "[la:Alopecia areata]"),
    ("en", "[la:Per os]."),
    # English segments: Latin phrases and Cyrillic runs
    ("en", "[la:Alopecia totalis] ([la:alopecia totalis]) is a form of [la:alopecia areata]."),
    ("en", "Samples were tested [la:in vitro] and [la:in vivo]."),
    ("en", "The patient said «[ru:спасибо, доктор]» and left."),
    ("en", "The word [uk:лікування] means treatment."),
    ("en", "Punctuation breaks a phrase: in, vitro."),
    ("en", "Infection with [la:Staphylococcus aureus] was ruled out."),
    # German segment: Latin phrases still marked
    ("de", "Die Studie wurde [la:in vitro] durchgeführt."),
    # Nothing to mark: a Latin sentence holds no span of its own language
    ("und", "2017-03-28"),
    ("la", "Quod erat demonstrandum, et cetera."),
]


@pytest.mark.parametrize(("lang", "marked"), INLINE_CASES)
def test_inline_spans(lang: str, marked: str) -> None:
    text, expected = parse_marked(marked)
    assert detect_language(text)[0] == lang
    spans = find_inline_spans(text, 0, len(text), lang)
    assert [(text[s.start : s.end], s.lang) for s in spans] == expected


def test_inline_spans_are_offsets_into_the_whole_text() -> None:
    before = "Первое предложение без латиницы. "
    sentence = "Лечение [la:alopecia totalis] дупилумабом."
    after = " Third sentence, in English."
    plain, expected = parse_marked(sentence)
    text = before + plain + after
    start, end = len(before), len(before) + len(plain)
    spans = find_inline_spans(text, start, end, "ru")
    assert [(text[s.start : s.end], s.lang) for s in spans] == expected
    assert all(start <= s.start < s.end <= end for s in spans)


def test_sample_article_title_is_russian_and_the_rest_english() -> None:
    path = Path(__file__).resolve().parents[1] / "samples" / "dupilumab-alopecia.txt"
    text = path.read_text(encoding="utf-8")
    units = [s for s in segment_text(text) if s.kind is not SegmentKind.PARAGRAPH]
    assert units[0].kind is SegmentKind.TITLE
    assert units[0].lang == "ru"
    assert {s.lang for s in units[1:]} == {"en"}
    latin = [s for s in units if "(alopecia totalis)" in text[s.start : s.end]]
    assert latin
    for unit in latin:
        assert unit.lang == "en"
        assert ("alopecia totalis", "la") in [(text[i.start : i.end], i.lang) for i in unit.inline]


def test_results_do_not_depend_on_call_order() -> None:
    texts = [text for text, _ in LANGUAGE_CASES]
    forward = [detect_language(t) for t in texts]
    backward = [detect_language(t) for t in reversed(texts)][::-1]
    assert forward == backward == [detect_language(t) for t in texts]


@pytest.mark.parametrize(
    ("name", "script"),
    [
        ("lang_ru_words.txt", "Cyrillic"),
        ("lang_uk_words.txt", "Cyrillic"),
        ("latin_function_words.txt", "Latin"),
        ("latin_medical.txt", "Latin"),
    ],
)
def test_word_lists_are_clean(name: str, script: str) -> None:
    raw = files("transclean").joinpath("data", name).read_text(encoding="utf-8")
    entries = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    assert len(entries) == len(set(entries)), "duplicates"
    letters = "а-яёіїєґ" if script == "Cyrillic" else "a-z"
    ending = "-?" if script == "Cyrillic" else ""  # "-ння": an ending
    assert all(re.fullmatch(f"{ending}[{letters}]+(?: [{letters}]+)*", e.lower()) for e in entries)


def test_language_lists_are_what_they_claim() -> None:
    data = files("transclean").joinpath("data")

    def read(name: str) -> set[str]:
        raw = data.joinpath(name).read_text(encoding="utf-8").splitlines()
        return {line for line in raw if line and not line.startswith("#")}

    ru, uk = read("lang_ru_words.txt"), read("lang_uk_words.txt")
    assert not ru & uk
    # A Ukrainian-only word is listed because it has no telling letter; Russian ones likewise.
    assert not any(set(w) & set("ыэёъіїєґ") for w in uk | ru)
    # No listed word of one language ends as only the other language writes.
    russian, ukrainian = curated("lang_ru_words.txt"), curated("lang_uk_words.txt")
    assert not [w for w in ukrainian.words if russian.endings.search(w)]
    assert not [w for w in russian.words if ukrainian.endings.search(w)]
    assert len(read("latin_medical.txt")) >= 150


@pytest.mark.parametrize(
    ("word", "russian"),
    [
        # Known to Russian's dictionary, Russian-looking n-grams
        ("получала", True),
        ("подростков", True),
        # Unknown to Russian's dictionary, known to Ukrainian's
        ("ходити", False),  # ходить: the infinitive in -ти
        ("малих", False),  # малых: и for ы
        ("вводять", False),  # вводят
        ("впирався", False),  # упирался: в- for у-, -вся for -лся
        # Known only in a form Ukrainian uses daily and Russian seldom
        ("радою", False),  # instrumental in -ою
        ("писав", False),  # imperfective gerund in -в: the Ukrainian past tense
    ],
)
def test_single_word_evidence(word: str, russian: bool) -> None:
    vote, _ = russian_or_ukrainian(word)
    assert (vote > 0) is russian


def test_capitalised_unknown_words_are_silent() -> None:
    """Names and brand names (Дупиксент) say nothing about Russian or Ukrainian."""
    assert russian_or_ukrainian("дупиксент", True) == (0.0, False)
    assert russian_or_ukrainian("ходити", True) == (0.0, False)


@pytest.mark.parametrize("word", ["пушистик", "джинни", "еперь", "джевл", "дупилумаб"])
def test_words_neither_dictionary_knows_are_silent(word: str) -> None:
    """A diminutive, a name, a typo or a drug name written in lower case is no evidence."""
    assert russian_or_ukrainian(word) == (0.0, False)


@pytest.mark.parametrize(
    ("name", "word", "found"),
    [
        ("lang_uk_words.txt", "навчання", True),
        ("lang_uk_words.txt", "ння", False),  # an ending needs two letters before it
        ("lang_ru_words.txt", "обучение", True),
        ("lang_ru_words.txt", "ие", False),
    ],
)
def test_curated_endings(name: str, word: str, found: bool) -> None:
    assert bool(curated(name).endings.search(word)) is found


CODE = re.compile(r"[a-z]{2}|und")
PIECES = [
    "лечение",
    "алопеции",
    "що",
    "і",
    "дуже",
    "ў",
    "път",
    "treatment",
    "the",
    "hair",
    "Straße",
    "alopecia totalis",
    "per os",
    "in vitro",
    "IL-4",
    "FDA",
    "mg",
    "300",
    "https://x.com/a",
    "a@b.ru",
    "(",
    ")",
    ",",
    ".",
    "«",
    "»",
    "—",
    "'",
    "-",
    " ",
    "\n",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=25).map(" ".join),
    st.data(),
)
def test_spans_stay_inside_the_segment_sorted_and_disjoint(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lang, confidence = detect_language(text[start:end])
    assert CODE.fullmatch(lang)
    assert 0.0 <= confidence <= 1.0
    spans = find_inline_spans(text, start, end, lang)
    assert all(start <= s.start < s.end <= end for s in spans)
    assert all(a.end <= b.start for a, b in pairwise(spans))
    assert all(CODE.fullmatch(s.lang) and s.lang != lang for s in spans)


def test_long_cyrillic_run_glued_to_latin_is_read_in_linear_time() -> None:
    """Scrapers drop spaces ("субъективнаяCroatia"); a long glued run must not backtrack."""
    text = "Текст нашего " + "порталадупилумаб" * 5 + "sponsored и ещё немного слов."
    assert detect_language(text)[0] == "ru"


# --- fast paths: the general rules' answers, reached sooner ------------------------------------

# (text, whether a fast path answers it); whichever path answers, the answer is the general one.
FAST_PATH_CASES = [
    ("The patient was treated with dupilumab every two weeks.", True),
    ("Hair regrowth was seen in 40% of patients (FDA, 300 mg) by week 24.", True),
    ("I did.", True),  # single letters and short words
    ("It’s “the” drug — 300 µg, ½ of a dose…", True),  # typographic marks around ASCII letters
    ("2017", True),  # no letters: 'und'
    ("Пациентка получала еженедельные инъекции дупилумаба.", True),  # ы: Russian
    ("Объявление о приёме.", True),  # ъ before е, ё
    ("Препарат назначают по показаниям.", True),  # no telling letter: the words are weighed
    ("Препарат вводять щодня", True),  # the same weighing finds Ukrainian
    ("— … «»", True),  # no letters
    ("Лікування алопеції", False),  # і: Ukrainian letters go to the general rules
    ("Это правда.", True),  # a capital Э
    ("ВОЗ и СЭС рекомендуют", True),  # Э in an acronym is not counted: the words are weighed
    ("пам'ять", False),  # an apostrophe inside a word
    ("Тотальная алопеция (alopecia totalis).", False),  # a Latin run: inline spans
    ("Дупилумаб\u00adом", False),  # an invisible character joins words
    ("See https://estet-portal.com for details.", False),  # an address
    ("The patient had alopecia totalis.", False),  # a Latin phrase: an inline span
    ("Dupilumab, tralokinumab and lebrikizumab.", False),  # mostly words English does not list
    ("Der Patient wurde sechs Monate lang behandelt.", False),
    ("FDA", False),  # only an acronym
    ("The café", False),  # not ASCII, and Latin letters
    ("The hair grew back. " * 205, False),  # 4,100 characters: longer than the tallies hold
]


def _general(text: str, start: int, end: int) -> tuple[str, float, tuple[InlineSpan, ...]]:
    lang, confidence = detect_language(text[start:end])
    return lang, confidence, find_inline_spans(text, start, end, lang)


@pytest.mark.parametrize(("text", "fast"), FAST_PATH_CASES)
def test_fast_paths(text: str, fast: bool) -> None:
    assert (fast_answer(text) is not None) is fast
    assert sentence_language(text, 0, len(text)) == _general(text, 0, len(text))


# English with acronyms, units, single letters and the key words of Latin phrases; Russian with
# and without ы э ё ъ, capital Ы Э Ё Ъ (in acronyms too), Ukrainian without its letters; then
# what the fast paths hand over: Ukrainian letters, apostrophes, addresses, other scripts.
ENGLISH = "The patient was treated with dupilumab for atopic dermatitis and hair loss I a A IL FDA"
ENGLISH += " US mg mL kcal in vitro per os se al OS AL totalis Vitro it’s “it” — µg ½ № …"
CYRILLIC = "Пациентка получала инъекции дупилумаба препарат назначают по показаниям объект"
CYRILLIC += " съезд подъём ёж это мы що дуже вводять програма ВОЗ США Дупиксент москва Москва и в"
CYRILLIC += " СЭС ЪЕ ЁЖ Это СЪЕЗД"
OTHER = "Лікування алопеції ЪБ път ўсё Straße café вiн пам'ять пам’ять don't"
OTHER += " dupi\u00adlumab https://x.com a@b.ru ://"
POOLS = [ENGLISH.split(), CYRILLIC.split(), (ENGLISH + " " + CYRILLIC + " " + OTHER).split()]
SEPARATORS = [" ", " ", " ", ", ", ". ", "! ", " (", ") ", " — ", "\n", "«", "»", "-", "1"]
SENTENCES = (
    st.sampled_from(POOLS)
    .flatmap(
        lambda pool: st.lists(
            st.tuples(st.sampled_from(pool), st.sampled_from(SEPARATORS)), max_size=14
        )
    )
    .map(lambda pairs: "".join(word + separator for word, separator in pairs))
)


@settings(max_examples=300, deadline=None)
@given(SENTENCES, st.text(max_size=3), st.text(max_size=3))
def test_fast_paths_agree_with_the_general_rules(middle: str, before: str, after: str) -> None:
    text = before + middle + after
    start, end = len(before), len(before) + len(middle)
    assert sentence_language(text, start, end) == _general(text, start, end)


# Letters, signs and marks near the edges of what the fast paths take: a soft hyphen, the
# Kelvin sign (it lowers to an ASCII k), µ and ² (word characters to a pattern), é, ß, я, і,
# capital Russian letters and ъ before a consonant.
EDGE_CHARACTERS = "ab Kk.:/@ —’“«»µ²½\u00ad\u212a\u2060éßяыъеіЫЪЭЁБ'"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.text(EDGE_CHARACTERS, max_size=30))
def test_fast_paths_agree_on_any_text(text: str) -> None:
    assert sentence_language(text, 0, len(text)) == _general(text, 0, len(text))


# Curated phrases, some of their words alone and in capitals, and letters that ignoring case
# treats specially (ı İ).
PHRASES = "alopecia areata|alopecia totalis|in vitro|in vivo|per os|et al|pityriasis rubra pilaris"
WORDS_OF_PHRASES = "in vitro VITRO Alopecia ALOPECIA totalis areata per os et al x 1 - , é ı İ"
PHRASE_PIECES = PHRASES.split("|") + WORDS_OF_PHRASES.split()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(PHRASE_PIECES), st.sampled_from(["", " ", "  ", "\n", "x", "."])),
        max_size=8,
    ).map(lambda pairs: "".join(piece + gap for piece, gap in pairs)),
    st.data(),
)
def test_latin_phrases_found_in_lower_case_ascii_as_the_caseless_pattern_finds_them(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [(m.start(), m.end()) for m in latin_phrases().pattern.finditer(text, start, end)]
    assert [(s.start, s.end) for s in _latin_phrase_spans(text, start, end)] == expected


def test_memo_works_each_key_out_once_and_stops_growing_at_its_limit() -> None:
    calls: list[int] = []

    def double(key: int) -> int:
        calls.append(key)
        return 2 * key

    memo = Memo(double, limit=2)
    assert [memo[key] for key in (1, 2, 1, 3, 3)] == [2, 4, 2, 6, 6]
    assert calls == [1, 2, 3, 3]  # 3 came after the limit: worked out each time
    assert dict(memo) == {1: 2, 2: 4}
