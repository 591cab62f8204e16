"""TermCheck: deprecated terms, inconsistent terms, suspicious chemical names, and the sample.

Flags are written as "rule: text -> suggestion" (or "rule: text" without a suggestion).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from transclean import segment_string
from transclean.checks.base import CheckContext
from transclean.checks.terms import RULES, TermCheck
from transclean.config import Options
from transclean.glossary.model import Concept, Glossary, Term, TermStatus
from transclean.model import Flag, Severity

P, A, D, S = (
    TermStatus.PREFERRED,
    TermStatus.ADMITTED,
    TermStatus.DEPRECATED,
    TermStatus.SUPERSEDED,
)
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "dupilumab-alopecia.txt"


def concept(cid: str, *terms: tuple[str, str, TermStatus]) -> Concept:
    return Concept(cid, tuple(Term(*t) for t in terms))


GLOSSARY = Glossary(
    (
        concept("dupilumab", ("dupilumab", "en", P), ("дупилумаб", "ru", P)),
        concept("ad", ("atopic dermatitis", "en", P), ("атопический дерматит", "ru", P)),
        concept("alopecia", ("alopecia", "en", P), ("алопеция", "ru", P)),
        concept(
            "totalis",
            ("alopecia totalis", "en", P),
            ("total alopecia", "en", A),
            ("тотальная алопеция", "ru", P),
            ("полная алопеция", "ru", A),
        ),
        concept(
            "cyclosporine",
            ("cyclosporine", "en", P),
            ("ciclosporin", "en", A),
            ("циклоспорин", "ru", P),
        ),
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
            ("Медицинский центр Уэйк Форест", "ru", P),
        ),
        concept("eczema", ("eczema", "en", P), ("экзема", "ru", P), ("мокнущий лишай", "ru", S)),
        concept(
            "il4",
            ("interleukin-4", "en", P),
            ("IL-4", "en", A),
            ("интерлейкин-4", "ru", P),
            ("ИЛ-4", "ru", A),
        ),
        concept("orphan", ("dermatitis herpetiformis", "en", D)),
    ),
    ("en", "ru"),
)


def check(text: str, glossary: Glossary = GLOSSARY) -> list[Flag]:
    document = segment_string(text)
    return sorted(
        TermCheck().run(CheckContext(document, glossary, Options())), key=lambda f: f.start
    )


def summary(flags: list[Flag]) -> list[str]:
    return [f"{f.rule}: {f.text}" + (f" -> {f.suggestion}" if f.suggestion else "") for f in flags]


def test_rules_declare_their_defaults() -> None:
    declared = {r.id: (r.severity, r.autofix) for r in RULES}
    assert declared == {
        "term.deprecated": (Severity.ERROR, True),
        "term.misspelling": (Severity.ERROR, True),
        "term.inconsistent": (Severity.WARNING, False),
        "term.suspicious": (Severity.WARNING, False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Topical screaming acid.", ["term.deprecated: screaming acid -> squaric acid"]),
        ("Screaming acid was used.", ["term.deprecated: Screaming acid -> Squaric acid"]),
        ("Two screaming acids.", ["term.deprecated: screaming acids -> squaric acids"]),
        (
            "At Baku Snake Medical Center in NC.",
            ["term.deprecated: Baku Snake Medical Center -> Wake Forest Baptist Medical Center"],
        ),
        # Russian suggestions take the case and number of the deprecated words
        (
            "Лечение скрипучей кислотой.",
            ["term.deprecated: скрипучей кислотой -> скваровой кислотой"],
        ),
        ("Раствор скрипучей кислоты.", ["term.deprecated: скрипучей кислоты -> скваровой кислоты"]),
        (
            "Скрипучими кислотами не лечат.",
            ["term.deprecated: Скрипучими кислотами -> Скваровыми кислотами"],
        ),
        ("Скрипучая кислота.", ["term.deprecated: Скрипучая кислота -> Скваровая кислота"]),
        ("Признаки мокнущего лишая.", ["term.deprecated: мокнущего лишая -> экземы"]),
        # a deprecated term without a preferred one in its language: flagged, nothing proposed
        ("Dermatitis herpetiformis.", ["term.deprecated: Dermatitis herpetiformis"]),
        # preferred terms in any form are fine
        ("Squaric acid and скваровой кислотой.", []),
    ],
)
def test_deprecated(text: str, expected: list[str]) -> None:
    assert summary(check(text)) == expected


def test_deprecated_flag_message_fix_and_severity() -> None:
    (flag,) = check("Previous treatment with topical screaming acid failed.")
    assert flag.message == '"screaming acid" is a deprecated term; use "squaric acid"'
    assert flag.severity is Severity.ERROR
    assert flag.fix is not None
    assert (flag.fix.original, flag.fix.replacement) == ("screaming acid", "squaric acid")
    (superseded,) = check("Мокнущий лишай.")
    assert superseded.message == '"Мокнущий лишай" is a superseded term; use "Экзема"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the preferred form is used, so the admitted one is the odd one out
        (
            "Cyclosporine helped. Ciclosporin was stopped.",
            ["term.inconsistent: Ciclosporin -> Cyclosporine"],
        ),
        # a Latin name beside its vernacular name is medical usage, not an inconsistency
        ("Alopecia totalis is rare. Total alopecia is worse.", []),
        (
            "Тотальная алопеция редка. При полной алопеции хуже.",
            ["term.inconsistent: полной алопеции -> тотальной алопеции"],
        ),
        # one form in several inflections and capitalisations is consistent
        ("Total alopecia. Total alopecias. total alopecia.", []),
        ("Полная алопеция. С полной алопецией.", []),
        # the same concept in two languages is a translation, not an inconsistency
        ("Alopecia totalis (полная алопеция).", []),
        # an abbreviation introduced and then used is not an inconsistency
        ("Interleukin-4 (IL-4) rises. IL-4 and IL-4 again.", []),
        ("Интерлейкин-4 (ИЛ-4) растёт. ИЛ-4 снова.", []),
    ],
)
def test_inconsistent(text: str, expected: list[str]) -> None:
    assert summary(check(text)) == expected


def test_inconsistent_without_the_preferred_term_keeps_the_most_frequent_form() -> None:
    glossary = Glossary(
        (concept("x", ("hair loss", "en", A), ("effluvium", "en", A), ("alopecy", "en", P)),),
        ("en",),
    )
    flags = check("Effluvium. Hair loss. Effluvium again.", glossary)
    assert summary(flags) == ["term.inconsistent: Hair loss -> Effluvium"]
    assert flags[0].fix is None  # not the preferred term: nothing to propose
    assert flags[0].severity is Severity.WARNING


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Topical screaming acid.", ["term.suspicious: screaming acid"]),
        ("Some barking acids.", ["term.suspicious: barking acids"]),
        ("A typo: salicilic acid.", ["term.suspicious: salicilic acid -> salicylic acid"]),
        # known modifiers, hyphenated ones, descriptions and function words
        ("Squaric acid, folic acid, hyaluronic acid and 5-aminolevulinic acid.", []),
        ("Alpha-lipoic acid and amino acids.", []),
        ("Strong acid, gastric acid, and the acid.", []),
        ("Meldrum's acid.", []),
        ("Acid rain.", []),
    ],
)
def test_suspicious_without_glossary(text: str, expected: list[str]) -> None:
    assert summary(check(text, Glossary())) == expected


def test_glossary_wins_over_suspicious_on_the_same_span() -> None:
    assert summary(check("Topical screaming acid.")) == [
        "term.deprecated: screaming acid -> squaric acid"
    ]


def test_sample_with_its_glossary() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    flags = check(text)
    assert summary(flags) == [
        "term.deprecated: screaming acid -> squaric acid",
        "term.misspelling: dumilumab -> dupilumab",
        "term.deprecated: Baku Snake Medical Center -> Wake Forest Baptist Medical Center",
        "term.misspelling: dumilumab -> dupilumab",
    ]
    assert all(f.data.get("seen") == "yes" for f in flags if f.rule == "term.misspelling")


def test_sample_without_glossary_still_finds_the_drug_and_the_acid() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert summary(check(text, Glossary())) == [
        "term.suspicious: screaming acid",
        "term.misspelling: dumilumab -> dupilumab",
        "term.misspelling: dumilumab -> dupilumab",
    ]


RUSSIAN_SAMPLE = """\
Лечение алопеции и атопического дерматита: двойное действие дупилумаба

Помимо эффективного лечения стойкого атопического дерматита, дупилумаб вызвал рост волос у \
молодой пациентки с многолетней тотальной алопецией.

Предшествующее лечение тотальной алопеции местной скрипучей кислотой и антралином не было \
эффективным.

Через девять месяцев после начала лечения дюпилумабом у пациентки выросли волосы.

По мнению профессора Эми Макмайкл из Медицинского центра Уэйк Форест, экзема могла быть \
настолько выраженной, что у пациентки была ещё одна форма выпадения волос.
"""


def test_russian_version_of_the_sample() -> None:
    flags = check(RUSSIAN_SAMPLE)
    assert summary(flags) == [
        "term.deprecated: скрипучей кислотой -> скваровой кислотой",
        "term.misspelling: дюпилумабом -> дупилумабом",
    ]
    document = segment_string(RUSSIAN_SAMPLE)
    from transclean.glossary.matcher import analyse

    found = {m.term.text for m in analyse(document, GLOSSARY)[1]}
    assert found == {
        "алопеция",
        "атопический дерматит",
        "дупилумаб",
        "тотальная алопеция",
        "скрипучая кислота",
        "Медицинский центр Уэйк Форест",
        "экзема",
    }


def test_sample_with_the_default_glossary() -> None:
    """The acceptance case: the shipped glossary finds the sample's three known errors."""
    from transclean.glossary.io import default_glossary

    flags = check(SAMPLE.read_text(encoding="utf-8"), default_glossary())
    errors = [f for f in flags if f.severity is Severity.ERROR]
    assert summary(errors) == [
        "term.deprecated: screaming acid -> squaric acid",
        "term.deprecated: dumilumab -> dupilumab",
        "term.deprecated: Baku Snake Medical Center -> Wake Forest Baptist Medical Center",
        "term.deprecated: dumilumab -> dupilumab",
    ]
    # No term flag on any correct word: "total alopecia" beside "alopecia totalis" is usage.
    assert [f for f in flags if f.severity is not Severity.ERROR] == []
