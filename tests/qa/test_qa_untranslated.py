"""qa.untranslated: titles, headings and sentences left in another language than the article's."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.qa.helpers import build, run
from transclean.checks.qa.untranslated import UntranslatedCheck
from transclean.model import Document, InlineSpan, SegmentKind

CHECK = UntranslatedCheck()
T, H, P = SegmentKind.TITLE, SegmentKind.HEADING, SegmentKind.PARAGRAPH


def flagged(document: Document) -> list[str]:
    return [f.text for f in run(CHECK, document)]


def test_russian_title_of_an_english_article() -> None:
    document = build(
        [
            (T, [("ru", "Лечение алопеции: двойное действие дупилумаба")]),
            (P, [("en", "Dupilumab caused hair growth."), ("en", "It was approved in 2017.")]),
        ],
        language="en",
    )
    [flag] = run(CHECK, document)
    assert flag.text == "Лечение алопеции: двойное действие дупилумаба"
    assert flag.segment_id == "p0"
    assert "Russian" in flag.message and "English" in flag.message
    assert flag.fix is None


def test_only_the_sentence_is_flagged_not_its_paragraph() -> None:
    document = build(
        [
            (H, [("en", "An unexpected effect")]),
            (
                P,
                [
                    ("en", "Hair grew back."),
                    ("ru", "Пациентка довольна результатом."),
                    ("en", "Fine."),
                ],
            ),
        ],
        language="en",
    )
    [flag] = run(CHECK, document)
    assert flag.text == "Пациентка довольна результатом."
    assert flag.segment_id == "p1.s1"


def test_english_leftovers_in_a_russian_article() -> None:
    document = build(
        [
            (H, [("en", "Similarities in pathogenesis")]),
            (P, [("ru", "Атопический дерматит связан с ИЛ-4."), ("en", "Add a comment")]),
        ],
        language="ru",
    )
    assert flagged(document) == ["Similarities in pathogenesis", "Add a comment"]
    assert run(CHECK, document)[0].message.startswith("Heading in English")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # Labels and abbreviations read the same in every language.
        ("en", "OK"),
        ("en", "IL-4"),
        ("en", "FDA, EMA"),
        ("en", "Dupilumab."),
        # Undetermined: numbers, addresses.
        ("und", "2017–2019, estet-portal.com"),
        # The article's own language.
        ("ru", "Гнездная алопеция встречается часто."),
    ],
)
def test_short_undetermined_and_same_language_units_are_not_flagged(lang: str, text: str) -> None:
    document = build([(P, [("ru", "Это статья на русском языке."), (lang, text)])], language="ru")
    assert flagged(document) == []


@pytest.mark.parametrize(
    "text",
    [
        # Labels in the document's language with a name or an address, however detected.
        "Источник: JAMA Dermatology",
        "Фото: depositphotos.com",
        "Читайте на estet-portal.com",
    ],
)
def test_labels_with_names_are_not_untranslated(text: str) -> None:
    document = build([(P, [("ru", "Это статья на русском языке."), ("en", text)])], language="ru")
    assert flagged(document) == []


def test_a_gloss_inside_a_sentence_is_not_untranslated() -> None:
    sentence = "Гнездная алопеция (alopecia areata) встречается часто."
    document = build([(P, [("ru", sentence)])], language="ru")
    start = sentence.index("(alopecia")
    unit = document.segments[1]
    inline = (InlineSpan(start + 1, start + 1 + len("alopecia areata"), "en"),)
    document = replace(document, segments=(document.segments[0], replace(unit, inline=inline)))
    assert flagged(document) == []


def test_an_unsure_language_decision_is_not_flagged() -> None:
    document = build([(P, [("ru", "Текст статьи."), ("en", "Maybe English words here.")])], "ru")
    unsure = replace(document.segments[2], confidence=0.4)
    document = replace(document, segments=(*document.segments[:2], unsure))
    assert flagged(document) == []


def test_a_document_of_undetermined_language_is_not_checked() -> None:
    document = build([(P, [("ru", "Текст."), ("en", "Some English text.")])], language="und")
    assert flagged(document) == []
