"""The shipped Russian-English dermatology and pharmacology glossary, as a specification.

The file is data that every run of transclean uses, so its shape, its key translations and, above
all, its forbidden variants are pinned here: a wrong deprecated entry would flag correct text.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from transclean.glossary.model import Concept, Glossary, TermStatus

GLOSSARY = Path(__file__).resolve().parents[1] / "glossaries" / "dermatology-pharmacology.ru-en.tsv"
COLUMNS = ["id", "en", "en:admitted", "en:deprecated", "ru", "ru:admitted", "ru:deprecated",
           "pos", "case_sensitive", "subject", "note", "source"]
TERM_COLUMNS = COLUMNS[1:7]
CYRILLIC = re.compile(r"[\u0400-\u04FF]")

# Every forbidden variant in the file, with the concept it belongs to. Adding one means adding it
# here too, after making sure the form is never correct usage.
DEPRECATED = {
    ("en", "dumilumab"): "dupilumab",  # misspelling in the sample's MT output
    ("en", "screaming acid"): "squaric-acid",  # MT calque of "скваровая кислота" in the sample
    ("en", "Baku Snake Medical Center"): "wake-forest-baptist-medical-center",  # sample's MT
    ("en", "atopical dermatitis"): "atopic-dermatitis",  # wrong adjective, never correct
    ("en", "nested alopecia"): "alopecia-areata",  # calque of "гнездная алопеция"
    ("ru", "коньюнктивит"): "conjunctivitis",  # soft sign instead of the hard sign
}

# Key translations the glossary must carry as preferred terms (en, ru).
KEY_PAIRS = [
    ("dupilumab", "дупилумаб"),
    ("tralokinumab", "тралокинумаб"),
    ("lebrikizumab", "лебрикизумаб"),
    ("nemolizumab", "немолизумаб"),
    ("omalizumab", "омализумаб"),
    ("baricitinib", "барицитиниб"),
    ("ritlecitinib", "ритлецитиниб"),
    ("tofacitinib", "тофацитиниб"),
    ("ruxolitinib", "руксолитиниб"),
    ("upadacitinib", "упадацитиниб"),
    ("abrocitinib", "аброцитиниб"),
    ("prednisone", "преднизон"),
    ("prednisolone", "преднизолон"),
    ("methotrexate", "метотрексат"),
    ("cyclosporine", "циклоспорин"),
    ("anthralin", "дитранол"),
    ("squaric acid", "скваровая кислота"),
    ("squaric acid dibutyl ester", "дибутиловый эфир скваровой кислоты"),
    ("diphencyprone", "дифенципрон"),
    ("minoxidil", "миноксидил"),
    ("topical corticosteroid", "топический глюкокортикостероид"),
    ("atopic dermatitis", "атопический дерматит"),
    ("eczema", "экзема"),
    ("alopecia areata", "гнездная алопеция"),
    ("alopecia totalis", "тотальная алопеция"),
    ("alopecia universalis", "универсальная алопеция"),
    ("androgenetic alopecia", "андрогенетическая алопеция"),
    ("telogen effluvium", "телогеновое выпадение волос"),
    ("vitiligo", "витилиго"),
    ("psoriasis", "псориаз"),
    ("acne", "акне"),
    ("conjunctivitis", "конъюнктивит"),
    ("blepharitis", "блефарит"),
    ("keratitis", "кератит"),
    ("xerophthalmia", "ксерофтальмия"),
    ("oral herpes", "оральный герпес"),
    ("interleukin-4", "интерлейкин-4"),
    ("interleukin-13", "интерлейкин-13"),
    ("interleukin-31", "интерлейкин-31"),
    ("interleukin-4 receptor", "рецептор интерлейкина-4"),
    ("interleukin-4 receptor alpha", "альфа-субъединица рецептора интерлейкина-4"),
    ("Th2 cells", "Т-хелперы 2-го типа"),
    ("B cells", "В-лимфоциты"),
    ("U.S. Food and Drug Administration",
     "Управление по санитарному надзору за качеством пищевых продуктов и медикаментов США"),
    ("European Medicines Agency", "Европейское агентство лекарственных средств"),
    ("Wake Forest Baptist Medical Center", "Медицинский центр Уэйк Форест Баптист"),
]

# Admitted variants that a careful translator uses and that must not be flagged.
KEY_ADMITTED = [
    ("en", "ciclosporin", "cyclosporine"),
    ("en", "dithranol", "anthralin"),
    ("en", "total alopecia", "alopecia-totalis"),
    ("en", "atopic eczema", "atopic-dermatitis"),
    ("en", "IL-4", "interleukin-4"),
    ("en", "FDA", "fda"),
    ("ru", "очаговая алопеция", "alopecia-areata"),
    ("ru", "угревая болезнь", "acne"),
    ("ru", "телогеновая алопеция", "telogen-effluvium"),
    ("ru", "Th2-клетки", "th2-cells"),
    ("ru", "В-клетки", "b-cells"),
    ("ru", "ИЛ-4", "interleukin-4"),
]

# English drug names: the WHO INNs used (checked against the INN-tagged names of the FDA UNII
# Names list, public domain), and the names that are deliberately not INNs, with the reason.
INNS = frozenset({
    "abrocitinib", "acitretin", "adalimumab", "adapalene", "aciclovir", "apremilast",
    "azathioprine", "azelaic acid", "baricitinib", "benralizumab", "betamethasone",
    "bilastine", "bimekizumab", "brodalumab", "calcipotriol", "certolizumab pegol",
    "cetirizine", "ciclosporin", "clobetasol", "crisaborole", "dapsone", "deucravacitinib",
    "deuruxolitinib", "dexamethasone", "dithranol", "doxycycline", "dupilumab", "dutasteride",
    "etanercept", "finasteride", "golimumab", "guselkumab", "hydrocortisone",
    "hydroxychloroquine", "hydroxyzine", "infliximab", "isotretinoin", "ivermectin",
    "ixekizumab", "ketoconazole", "lebrikizumab", "loratadine", "mepolizumab", "methotrexate",
    "methylprednisolone", "metronidazole", "minoxidil", "mometasone", "nemolizumab",
    "netakimab", "omalizumab", "pimecrolimus", "prednisolone", "prednisone", "risankizumab",
    "ritlecitinib", "rituximab", "roflumilast", "ruxolitinib", "secukinumab", "spesolimab",
    "spironolactone", "tacrolimus", "terbinafine", "tezepelumab", "tildrakizumab",
    "tofacitinib", "tralokinumab", "tretinoin", "triamcinolone", "upadacitinib", "ustekinumab",
    "valaciclovir"
})
NOT_INNS = {
    "cyclosporine": "USAN", "cyclosporin": "former BAN", "cyclosporin A": "chemical name",
    "cyclosporine A": "chemical name", "anthralin": "USAN", "acyclovir": "USAN",
    "valacyclovir": "USAN", "calcipotriene": "USAN",
    "triamcinolone acetonide": "INN ester", "clobetasol propionate": "INN ester",
    "mometasone furoate": "INN ester", "mycophenolate mofetil": "INN ester (USAN)",
    "benzoyl peroxide": "pharmacopoeial name", "salicylic acid": "pharmacopoeial name",
    "squaric acid": "chemical name", "squaric acid dibutyl ester": "chemical name",
    "squaric acid dibutylester": "chemical name", "SADBE": "chemical abbreviation",
    "diphencyprone": "chemical name", "diphenylcyclopropenone": "chemical name",
    "DPCP": "chemical abbreviation",
}
DRUG_SUBJECTS = frozenset({
    "biologic", "JAK inhibitor", "corticosteroid", "immunosuppressant", "antimalarial",
    "PDE4 inhibitor", "hair growth drug", "antiandrogen", "calcineurin inhibitor", "retinoid",
    "antifungal", "antibiotic", "antiparasitic", "antiviral", "antihistamine", "topical treatment",
})
NOT_DRUGS = frozenset({"emollient", "retinoid", "antihistamine"})  # classes, not substances


def split_terms(cell: str) -> list[str]:
    return cell.split(" | ") if cell else []


def key(text: str) -> str:
    """Compare terms as the matcher does: NFC, ё as е, any case, single spaces."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text.replace("ё", "е").replace("Ё", "Е").casefold()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    lines = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    from transclean.glossary.io import load_glossary

    return load_glossary(GLOSSARY)


@pytest.fixture(scope="module")
def by_id(glossary: Glossary) -> dict[str, Concept]:
    return {concept.id: concept for concept in glossary.concepts}


# -- the file itself --------------------------------------------------------------------------


def test_file_opens_with_a_comment_block_on_licence_and_checking() -> None:
    head = GLOSSARY.read_text(encoding="utf-8").split("\nid\t", 1)[0]
    assert all(line.startswith("#") for line in head.splitlines())
    assert "MIT" in head
    assert "checked" in head


def test_header_is_the_documented_one() -> None:
    header = next(line for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
                  if not line.startswith("#"))
    assert header.split("\t") == COLUMNS


def test_every_row_has_every_column_and_valid_codes(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert None not in row and None not in row.values(), row["id"]
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", row["id"]), row["id"]
        assert row["pos"] in {"noun", "adjective", "verb", "properNoun"}, row["id"]
        assert row["case_sensitive"] in {"yes", "no"}, row["id"]
        assert row["subject"] and row["source"], row["id"]


def test_ids_are_unique(rows: list[dict[str, str]]) -> None:
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("column", TERM_COLUMNS)
def test_terms_are_clean_and_in_the_right_script(rows: list[dict[str, str]], column: str) -> None:
    for row in rows:
        for term in split_terms(row[column]):
            assert term and term == term.strip() and "|" not in term, (row["id"], term)
            assert "ё" not in term.lower(), (row["id"], term)  # written with е, see the header
            if column.startswith("ru"):
                assert CYRILLIC.search(term), (row["id"], term)
            else:
                assert not CYRILLIC.search(term), (row["id"], term)


def test_organisations_and_places_are_case_sensitive(rows: list[dict[str, str]]) -> None:
    # "WHO" / "who", "EMA" / "Ema": a proper name must not match an ordinary word.
    for row in rows:
        if row["pos"] == "properNoun":
            assert row["case_sensitive"] == "yes", row["id"]


# -- loaded through the project's loader -----------------------------------------------------


def test_loads_with_at_least_150_complete_concepts(glossary: Glossary) -> None:
    complete = [c for c in glossary.concepts
                if any(t.status is TermStatus.PREFERRED for t in c.terms_in("en"))
                and any(t.status is TermStatus.PREFERRED for t in c.terms_in("ru"))]
    assert len(complete) >= 150
    assert set(glossary.languages) == {"en", "ru"}


def test_one_preferred_term_per_language_per_concept(glossary: Glossary) -> None:
    for concept in glossary.concepts:
        for lang in ("en", "ru"):
            preferred = [t for t in concept.terms_in(lang) if t.status is TermStatus.PREFERRED]
            assert len(preferred) == 1, (concept.id, lang)


def test_statuses_are_preferred_admitted_or_deprecated(glossary: Glossary) -> None:
    used = {t.status for c in glossary.concepts for t in c.terms}
    assert used <= {TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.DEPRECATED}


def test_no_term_appears_in_two_concepts(glossary: Glossary) -> None:
    # Stricter than "no preferred duplicates" and "never preferred here, deprecated there":
    # every written form, whatever its status, belongs to exactly one concept.
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for concept in glossary.concepts:
        for term in concept.terms:
            owners[(term.lang, key(term.text))].add(concept.id)
    shared = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def test_passes_the_project_glossary_lint(glossary: Glossary) -> None:
    from transclean.glossary.checks import check_glossary

    assert check_glossary(glossary) == []


def test_the_forbidden_variants_are_exactly_the_listed_ones(glossary: Glossary) -> None:
    found = {(t.lang, t.text): c.id for c in glossary.concepts for t in c.terms
             if t.status.is_forbidden}
    assert found == DEPRECATED


@pytest.mark.parametrize(("wrong", "concept_id", "right"), [
    ("screaming acid", "squaric-acid", "squaric acid"),
    ("dumilumab", "dupilumab", "dupilumab"),
    ("Baku Snake Medical Center", "wake-forest-baptist-medical-center",
     "Wake Forest Baptist Medical Center"),
])
def test_the_sample_errors_point_to_the_right_term(
    by_id: dict[str, Concept], wrong: str, concept_id: str, right: str
) -> None:
    concept = by_id[concept_id]
    [term] = [t for t in concept.terms_in("en") if t.text == wrong]
    assert term.status is TermStatus.DEPRECATED
    preferred = concept.preferred("en")
    assert preferred is not None and preferred.text == right


@pytest.mark.parametrize(("en", "ru"), KEY_PAIRS)
def test_key_translations(glossary: Glossary, en: str, ru: str) -> None:
    pairs = {(c.preferred("en").text, c.preferred("ru").text)  # type: ignore[union-attr]
             for c in glossary.concepts}
    assert (en, ru) in pairs


@pytest.mark.parametrize(("lang", "text", "concept_id"), KEY_ADMITTED)
def test_key_admitted_variants(by_id: dict[str, Concept], lang: str, text: str,
                               concept_id: str) -> None:
    statuses = {t.status for t in by_id[concept_id].terms_in(lang) if t.text == text}
    assert statuses == {TermStatus.ADMITTED}


def test_eczema_and_atopic_dermatitis_stay_distinct(by_id: dict[str, Concept]) -> None:
    ad = {key(t.text) for t in by_id["atopic-dermatitis"].terms}
    assert "eczema" not in ad and "экзема" not in ad
    assert by_id["eczema"].preferred("en").text == "eczema"  # type: ignore[union-attr]


def test_english_drug_names_are_inns_or_declared_exceptions(glossary: Glossary) -> None:
    for concept in glossary.concepts:
        if concept.subject not in DRUG_SUBJECTS or concept.id in NOT_DRUGS:
            continue
        for term in concept.terms_in("en"):
            if term.status.is_forbidden:
                continue
            assert term.text in INNS or term.text in NOT_INNS, (concept.id, term.text)


def test_every_declared_drug_name_is_used(glossary: Glossary) -> None:
    # Keeps the two tables above honest: no stale entries that would hide a typo.
    used = {t.text for c in glossary.concepts for t in c.terms_in("en")}
    assert INNS | set(NOT_INNS) <= used


# -- what the glossary finds in text ---------------------------------------------------------


def forbidden_hits(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    from transclean import segment_string
    from transclean.glossary.matcher import analyse

    document = segment_string(text)
    _, matches = analyse(document, glossary)
    return [(document.text[m.start:m.end], m.concept.id) for m in matches
            if m.term.status.is_forbidden]


def test_the_sample_article_has_exactly_its_three_known_errors(glossary: Glossary) -> None:
    sample = GLOSSARY.parents[1] / "samples" / "dupilumab-alopecia.txt"
    hits = forbidden_hits(glossary, sample.read_text(encoding="utf-8"))
    assert sorted(set(hits)) == [
        ("Baku Snake Medical Center", "wake-forest-baptist-medical-center"),
        ("dumilumab", "dupilumab"),
        ("screaming acid", "squaric-acid"),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    # correct prose in both languages: nothing forbidden
    ("Dupilumab, an IL-4 receptor alpha antagonist, improved atopic dermatitis and total "
     "alopecia; topical squaric acid dibutyl ester and dithranol had failed.", []),
    ("Дупилумаб блокирует альфа-субъединицу рецептора интерлейкина-4; при гнездной алопеции "
     "применяют дифенципрон и дитранол, конъюнктивит встречается часто.", []),
    ("The FDA and the European Medicines Agency approved baricitinib for alopecia areata.", []),
    # invented errors of the kinds the glossary forbids
    ("She had atopical dermatitis and nested alopecia.",
     [("atopical dermatitis", "atopic-dermatitis"), ("nested alopecia", "alopecia-areata")]),
    ("На фоне лечения развился коньюнктивит.", [("коньюнктивит", "conjunctivitis")]),
    ("Topical Screaming Acid was stopped.", [("Screaming Acid", "squaric-acid")]),
])
def test_forbidden_variants_in_text(glossary: Glossary, text: str,
                                    expected: list[tuple[str, str]]) -> None:
    assert forbidden_hits(glossary, text) == expected
