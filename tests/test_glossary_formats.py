"""Glossary formats: one contract suite run for every format, then each format's own cases.

The contract (as translate-toolkit's storage ``test_base.py``): a glossary written and read back
equals the original, modulo exactly what that format cannot carry — spelled out below per
format — and the writer's notes say so whenever something was lost.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.standards_validator import standards_dir, validate
from transclean.errors import GlossaryError, InputError, OutputError, UsageError
from transclean.glossary.formats import BUILTIN, LangPair
from transclean.glossary.io import (
    default_glossary,
    detect_format,
    get_format,
    load_glossary,
    load_glossary_folder,
    read_glossary_bytes,
    save_glossary,
)
from transclean.glossary.model import Concept, Glossary, Term, TermStatus

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "glossary"
STANDARDS = standards_dir()
FORMATS = [f.name for f in BUILTIN]
EXTENSION = {"tbx2008": ".tbx", "tbx3": ".tbx", "tsv": ".tsv", "csv": ".csv", "omegat": ".txt"}
DEFAULT_LANGS = LangPair()  # ru -> en
P, A, D, S = (TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.DEPRECATED,
              TermStatus.SUPERSEDED)




def t(text: str, lang: str, status: TermStatus = P, **kw: object) -> Term:
    return Term(text, lang, status, **kw)  # type: ignore[arg-type]


# Every feature of the model, in Russian and English.
RICH = Glossary(
    (
        Concept("dupilumab", (
            t("дупилумаб", "ru", part_of_speech="noun", source="WHO INN"),
            t("дюпилумаб", "ru", D, part_of_speech="noun", source="WHO INN"),
            t("dupilumab", "en", part_of_speech="noun", source="WHO INN"),
            t("dumilumab", "en", D, part_of_speech="noun", source="WHO INN"),
        ), subject="biologic", note="anti-IL-4Rα antibody, approved in 2017"),
        Concept("alopecia-areata", (
            t("гнёздная алопеция", "ru", part_of_speech="noun"),
            t("очаговая алопеция", "ru", A, part_of_speech="noun"),
            t("alopecia areata", "en", part_of_speech="noun"),
            t("focal baldness", "en", S, part_of_speech="noun"),
        ), subject="dermatology"),
        Concept("fda", (
            t("Управление по санитарному надзору за качеством пищевых продуктов и медикаментов",
              "ru", part_of_speech="properNoun", case_sensitive=True),
            t("U.S. Food and Drug Administration", "en", part_of_speech="properNoun",
              case_sensitive=True),
            t("FDA", "en", A, part_of_speech="properNoun", case_sensitive=True),
        )),
        Concept("squaric-acid", (
            t("скваровая кислота", "ru"),
            t("squaric acid", "en", part_of_speech="noun"),
            t("screaming acid", "en", D, part_of_speech="noun",
              note="Known machine-translation error; never use."),
        )),
    ),
    ("ru", "en"),
)


def shape(glossary: Glossary, *, ids: bool = True) -> list[tuple[object, ...]]:
    """What a round trip must preserve: everything but origins and the order of terms."""
    return [
        (c.id if ids else None, c.subject, c.note, tuple(sorted(c.terms, key=repr)))
        for c in glossary.concepts
    ]


def carried(fmt: str, glossary: Glossary, langs: LangPair = DEFAULT_LANGS) -> Glossary:
    """The glossary as ``fmt`` can hold it: the specification of each format's losses."""
    concepts: list[Concept] = []
    for c in glossary.concepts:
        if fmt in ("tbx2008", "tbx3"):  # no case sensitivity in TBX; no properNoun in v3
            terms = tuple(replace(
                x, case_sensitive=False,
                part_of_speech="noun" if fmt == "tbx3" and x.part_of_speech == "properNoun"
                else x.part_of_speech) for x in c.terms)
            concepts.append(replace(c, terms=terms))
        elif fmt in ("tsv", "csv"):  # one pos/case/source per row; term notes join the note
            first = c.terms[0]
            notes = [c.note] if c.note else []
            notes += [f"{x.text}: {x.note}" for x in c.terms if x.note]
            terms = tuple(replace(x, part_of_speech=first.part_of_speech, note=None,
                                  case_sensitive=first.case_sensitive, source=first.source)
                          for x in c.terms)
            concepts.append(replace(c, terms=terms, note="; ".join(notes) or None))
        else:  # omegat: each allowed source term with the preferred target term, nothing else
            target = c.preferred(langs.target)
            for x in c.terms_in(langs.source):
                if target and not x.status.is_forbidden:
                    concepts.append(Concept("", (Term(x.text, langs.source),
                                                 Term(target.text, langs.target)), None, c.note))
    return Glossary(tuple(concepts), glossary.languages)


def round_trip(fmt: str, glossary: Glossary, tmp_path: Path) -> tuple[Glossary, tuple[str, ...]]:
    path = tmp_path / f"glossary{EXTENSION[fmt]}"
    notes = save_glossary(glossary, path, fmt)
    return load_glossary(path, fmt=fmt), notes


# --- the contract, for every format ----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_what_the_format_carries(fmt: str, tmp_path: Path) -> None:
    back, notes = round_trip(fmt, RICH, tmp_path)
    assert shape(back, ids=fmt != "omegat") == shape(carried(fmt, RICH), ids=fmt != "omegat")
    assert notes, "RICH uses features no format carries in full: the losses must be noted"


@pytest.mark.parametrize("fmt", FORMATS)
def test_writing_is_deterministic_and_a_fixpoint(fmt: str, tmp_path: Path) -> None:
    first = get_format(fmt).write(RICH, LangPair()).data
    assert get_format(fmt).write(RICH, LangPair()).data == first
    back, _ = round_trip(fmt, RICH, tmp_path)
    again = get_format(fmt).write(back, LangPair())
    assert (again.data, again.notes) == (first, ())  # after one trip, nothing more is lost


@pytest.mark.parametrize("fmt", ["tbx3", "tsv", "csv"])
def test_empty_glossary_round_trips(fmt: str, tmp_path: Path) -> None:
    back, notes = round_trip(fmt, Glossary(), tmp_path)
    assert (len(back), notes) == (0, ())


@pytest.mark.parametrize(("fmt", "message"), [
    ("tbx2008", "TBX 2008 cannot hold an empty glossary"),  # <body> needs a <termEntry>
    ("omegat", "the glossary file is empty"),  # an OmegaT file with no entry is an empty file
])
def test_formats_that_cannot_hold_an_empty_glossary_say_so(fmt: str, message: str,
                                                           tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=message):
        round_trip(fmt, Glossary(), tmp_path)


@pytest.mark.parametrize("fmt", ["tbx2008", "tbx3", "tsv", "csv"])
def test_lossless_glossary_round_trips_exactly_without_notes(fmt: str, tmp_path: Path) -> None:
    simple = Glossary((RICH.concepts[0], RICH.concepts[1]), ("ru", "en"))
    back, notes = round_trip(fmt, simple, tmp_path)
    assert (shape(back), notes) == (shape(simple), ())


_word = st.text("абвгдеёжзиклмнопрстуфхцчшщыьэюяabcdefghijklmnopqrstuvwxyzIL-", min_size=1,
                max_size=8).filter(lambda w: w.strip("-"))
_text = st.lists(_word, min_size=1, max_size=3).map(" ".join)
_lossless_concept = st.builds(
    lambda terms, pos, source, subject, note: (terms, pos, source, subject, note),
    st.lists(st.tuples(_text, st.sampled_from(["ru", "en"]), st.sampled_from(list(TermStatus))),
             min_size=1, max_size=5),
    st.sampled_from([None, "noun", "verb", "adjective", "adverb", "other"]),
    st.one_of(st.none(), _text),
    st.one_of(st.none(), _text),
    st.one_of(st.none(), _text),
)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(_lossless_concept, min_size=1, max_size=6))
@pytest.mark.parametrize("fmt", ["tbx2008", "tbx3", "tsv", "csv"])
def test_property_round_trip_of_what_every_format_carries(fmt: str, specs: list, tmp_path: Path
                                                          ) -> None:
    concepts = tuple(
        Concept(f"c{i}", tuple(Term(text, lang, status, pos, None, False, source)
                               for text, lang, status in terms), subject, note)
        for i, (terms, pos, source, subject, note) in enumerate(specs)
    )
    glossary = Glossary(concepts, ("ru", "en"))
    back, notes = round_trip(fmt, glossary, tmp_path)
    assert (shape(back), notes) == (shape(glossary), ())


# --- what we write validates -----------------------------------------------------------------


WEIRD_IDS = Glossary(tuple(
    Concept(cid, (t(f"термин {i}", "ru"), t(f"term {i}", "en", part_of_speech="properNoun")))
    for i, cid in enumerate(["1", "c 1", "дупилумаб", "a:b", "dup", "dup", "", "-x", ".y"])
), ("ru", "en"))


@pytest.mark.parametrize(("fmt", "glossary"), [
    ("tbx2008", RICH), ("tbx2008", WEIRD_IDS), ("tbx3", RICH), ("tbx3", WEIRD_IDS),
    ("tbx3", Glossary()),
])
def test_written_tbx_validates(fmt: str, glossary: Glossary, tmp_path: Path) -> None:
    path = tmp_path / "out.tbx"
    save_glossary(glossary, path, fmt)
    assert validate(path) == []


def test_validator_rejects_the_broken_standard_examples() -> None:
    """The validation above can fail: each negative example is reported invalid."""
    negatives = sorted((STANDARDS / "negative").glob("tbx*.tbx"))
    assert len(negatives) == 3
    assert all(validate(path) for path in negatives)


def test_adjusted_ids_are_unique_and_noted(tmp_path: Path) -> None:
    notes = save_glossary(WEIRD_IDS, tmp_path / "out.tbx")
    ids = [c.id for c in load_glossary(tmp_path / "out.tbx").concepts]
    assert len(set(ids)) == len(ids) == 9
    assert ids[:3] == ["c1", "c-1", "дупилумаб"]
    assert any("ids that were not unique XML names" in n for n in notes)


# --- reading real files ----------------------------------------------------------------------


def terms_of(concept: Concept) -> list[tuple[str, str, str, str | None]]:
    return [(x.lang, x.text, x.status.value, x.part_of_speech) for x in concept.terms]


def test_reads_the_tbx2008_standard_example() -> None:
    glossary = load_glossary(STANDARDS / "examples" / "glossary.tbx2008.tbx")
    (concept,) = glossary.concepts
    assert (concept.id, concept.subject, glossary.languages) == (
        "c1", "chemistry; dermatology", ("en", "ru"))
    assert terms_of(concept) == [
        ("en", "squaric acid", "preferred", "noun"),
        ("en", "screaming acid", "deprecated", "noun"),
        ("ru", "скваровая кислота", "preferred", "noun"),
    ]
    assert concept.terms[1].note == "Known machine-translation error; never use."


def test_reads_the_tbx3_standard_example() -> None:
    glossary = load_glossary(STANDARDS / "examples" / "glossary.tbx-basic.v3.tbx")
    first, second = glossary.concepts
    assert first.note is not None and first.note.startswith("3,4-dihydroxycyclobut")
    assert terms_of(second) == [
        ("en", "alopecia areata", "preferred", "noun"),
        ("en", "focal baldness", "deprecated", "noun"),
        ("ru", "гнёздная алопеция", "preferred", "noun"),
        ("ru", "очаговая алопеция", "admitted", "noun"),
    ]
    tbx2008 = load_glossary(STANDARDS / "examples" / "glossary.tbx2008.tbx")
    assert terms_of(first) == terms_of(tbx2008.concepts[0])  # the same concept in both


def test_reads_real_world_tbx2008_variants() -> None:
    entry, no_id = load_glossary(DATA / "realworld-2008.tbx").concepts
    assert terms_of(entry) == [
        ("en-US", "atopic dermatitis", "preferred", "noun"),  # Noun, termNote beside termGrp
        ("en-US", "atopic eczema", "admitted", None),  # <hi> inline; normativeAuthorization
        ("ru-RU", "атопический дерматит", "preferred", "noun"),  # lang="ru-ru", wrapped text
        ("ru-RU", "атопичный дерматит", "deprecated", None),
    ]
    assert entry.subject == "Dermatology"  # the descripGrp's admin is not the subject
    assert entry.note == "en-US: An eczematous, itchy skin disease."
    assert entry.terms[0].source == "ICD-10 L20"
    assert entry.terms[3].note == "Calque from English."
    assert (no_id.id, no_id.note) == ("c52", "Entry without an id.")
    assert no_id.terms[1].part_of_speech == "noun"  # "N"


def test_reads_tbx3_dct_style_in_another_iso_namespace() -> None:
    (concept,) = load_glossary(DATA / "realworld-v3-dct.tbx").concepts
    assert (concept.id, concept.subject, concept.note) == (
        "jak", "pharmacology", "en: Janus kinase inhibitor.")
    assert terms_of(concept) == [
        ("en", "JAK inhibitor", "preferred", "noun"),
        ("en", "jakinib", "superseded", "noun"),
        ("ru", "ингибитор JAK", "preferred", None),
    ]
    assert concept.terms[1].source == "older literature"


def test_unknown_part_of_speech_in_tbx_reads_as_other_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "pos.tbx"
    tig = '<tig><term>зуд</term><termNote type="partOfSpeech">Subst.</termNote></tig>'
    path.write_text(TBX2008_ONE_TERM.format(tig=tig), encoding="utf-8")
    (concept,) = load_glossary(path).concepts
    assert concept.terms[0].part_of_speech == "other"
    assert "pos.tbx:3: part of speech 'Subst.' of 'зуд' read as 'other'" in caplog.text


def test_reads_the_issue_example_table_with_bom_comments_and_a_short_row() -> None:
    dupilumab, squaric = load_glossary(DATA / "spec-example.tsv").concepts
    assert [(x.lang, x.text, x.status.value) for x in dupilumab.terms] == [
        ("en", "dupilumab", "preferred"), ("en", "dumilumab", "deprecated"),
        ("ru", "дупилумаб", "preferred"), ("ru", "дюпилумаб", "deprecated"),
    ]
    assert dupilumab.note == "anti-IL-4Rα monoclonal antibody"
    assert [x.text for x in squaric.terms_in("en")] == [
        "squaric acid dibutyl ester", "SADBE", "screaming acid dibutyl ester"]
    assert (squaric.note, squaric.origin) == (None, f"{DATA / 'spec-example.tsv'}:6")


def test_reads_quoted_csv_with_any_case_headers_and_a_multiline_cell() -> None:
    alopecia, il4 = load_glossary(DATA / "quoted.csv").concepts
    assert [(x.text, x.status.value) for x in alopecia.terms_in("ru")] == [
        ("гнёздная алопеция", "preferred"), ("очаговая алопеция", "superseded")]
    assert (alopecia.subject, alopecia.note) == ("dermatology", "Patchy hair loss, autoimmune")
    assert [x.text for x in il4.terms] == ["IL-4", "interleukin-4", "ИЛ-4", "интерлейкин-4"]
    assert all(x.case_sensitive and x.source == "HGNC" for x in il4.terms)
    assert il4.note == ('Say "IL-4", not "Il-4".\n'
                        "# this line is inside the quoted note, not a comment")


@pytest.mark.parametrize(("langs", "expected"), [
    ({}, ("ru", "en")),
    ({"source_lang": "en", "target_lang": "ru"}, ("en", "ru")),
])
def test_reads_omegat_in_the_languages_given(langs: dict[str, str], expected: tuple[str, str]
                                             ) -> None:
    glossary = load_glossary(DATA / "omegat.txt", **langs)
    assert glossary.languages == expected
    assert [(c.id, [x.text for x in c.terms], c.note) for c in glossary.concepts] == [
        ("c2", ["дупилумаб", "dupilumab"], "anti-IL-4Rα antibody"),
        ("c3", ["атопический дерматит", "atopic dermatitis"], None),
        ("c6", ["гнёздная алопеция", "alopecia areata"], None),
    ]
    assert {x.lang for x in glossary.concepts[0].terms} == set(expected)
    assert all(x.status is P for c in glossary.concepts for x in c.terms)


# --- broken input: one clear error naming file and line --------------------------------------


TBX2008_ONE_TERM = """<martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc>
<p/></sourceDesc></fileDesc></martifHeader><text><body><termEntry id="c1">
<langSet xml:lang="en">{tig}</langSet></termEntry></body></text></martif>"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol2;</term></tig></langSet>
</termEntry></body></text></martif>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&secret;</term></tig>
</langSet></termEntry></body></text></martif>"""


def one_term(tig: str) -> bytes:
    return TBX2008_ONE_TERM.format(tig=tig).encode()


BROKEN = [
    # (file name, content, line or None, what the message says)
    ("empty.tbx", b"", None, "the glossary file is empty"),
    ("blank.tsv", b"\xef\xbb\xbf \n\n", None, "the glossary file is empty"),
    ("not-xml.tbx", b"id\ten\nc1\tdupilumab\n", 1, "not well-formed XML"),
    ("truncated.tbx", b"<martif>\n<text><body>", 2, "not well-formed XML"),
    ("wrong-root.tbx", b'<?xml version="1.0"?>\n<html><body/></html>', 2,
     "root element is <html>, not <martif>"),
    ("wrong-ns.tbx", b'<tbx xmlns="http://example.com/x" type="TBX-Basic"/>', 1,
     "not <tbx> in namespace urn:iso:std:iso:30042:ed-2"),
    ("no-lang.tbx", one_term("").replace(b' xml:lang="en"', b""), 3, "<langSet> without xml:lang"),
    ("bad-lang.tbx", one_term("<tig><term>x</term></tig>").replace(b'"en">', b'"english">'), 3,
     'xml:lang="english" is not a language tag'),
    ("no-term.tbx", one_term(""), 3, "holds no term"),
    ("no-term-element.tbx", one_term('<tig><termNote type="partOfSpeech">noun</termNote></tig>'),
     3, "<tig> has no <term>"),
    ("empty-term.tbx", one_term("<tig><term> \n </term></tig>"), 3, "empty <term>"),
    ("bad-status.tbx", one_term('<tig><term>зуд</term><termNote type="administrativeStatus">'
                                "forbiddenTerm-admn-sts</termNote></tig>"), 3,
     "unknown administrativeStatus 'forbiddenTerm-admn-sts' for 'зуд'"),
    ("no-langset.tbx", TBX2008_ONE_TERM.replace('<langSet xml:lang="en">{tig}</langSet>', "")
     .encode(), 2, "<termEntry> c1 has no <langSet>"),
    ("latin1.tbx", one_term("<tig><term>caf@@</term></tig>").replace(b"@@", b"\xe9"), 3,
     "not well-formed XML"),
    ("laughs.tbx", BILLION_LAUGHS, 1, "declares XML entities"),
    ("xxe.tbx", EXTERNAL_ENTITY, 1, "declares XML entities"),
    ("typo.tsv", b"# comment\nid\ten\ten:depreciated\n", 2,
     "unknown column(s) 'en:depreciated' in the header (did you mean 'en:deprecated'?)"),
    ("words.csv", b"term,translation\nzud,itch\n", 1, "unknown column(s) 'term', 'translation'"),
    ("no-lang.tsv", b"id\tpos\tnote\nc1\tnoun\tx\n", 1, "the header names no language column"),
    ("twice.tsv", b"en\tEN:preferred\nitch\tpruritus\n", 1, "columns 'en' and 'EN:preferred'"),
    ("bad-status.tsv", b"id\ten\ten:forbidden\n", 1, "unknown column(s) 'en:forbidden'"),
    ("extra-cell.tsv", b"id\ten\tru\nc1\titch\t\xd0\xb7\xd1\x83\xd0\xb4\tpruritus\n", 2,
     "4 columns, but the header has 3"),
    ("no-term.tsv", b"id\ten\tru\tnote\n\nc1\t\t\tjust a note\n", 3, "row has no term"),
    ("bad-pos.csv", "en,ru,pos\nitch,зуд,nuon\n".encode(), 2,
     "unknown part of speech 'nuon' (did you mean 'noun'?)"),
    ("bad-case.tsv", b"en\tcase_sensitive\nIL-4\tmaybe\n", 2, "case_sensitive is 'maybe'"),
    ("cp1251.tsv", "id\ten\tru\nc1\titch\tзуд\n".encode("cp1251"), 2, "byte 0xe7 is not UTF-8"),
    ("comments.tsv", b"# only\n# comments\n", None, "no header line"),
    ("unclosed.csv", b'en,ru\n"itch,\xd0\xb7\xd1\x83\xd0\xb4\nrash,x\n', 2, "malformed CSV"),
    ("one-column.txt", "зуд\titch\npruritus\n".encode(), 2, "1 tab-separated column(s)"),
    ("four-columns.txt", b"a\tb\tc\td\n", 1, "4 tab-separated column(s)"),
    ("no-target.txt", "зуд\t\tкомментарий\n".encode(), 1, "missing target term text"),
    ("bad-bytes.txt", b"a\tb\n\xff\tc\n", 2, "byte 0xff is not UTF-8"),
    ("mystery.dat", b"\x00\x01\x02 binary", None, "cannot tell which glossary format"),
]


@pytest.mark.parametrize(("name", "content", "line", "message"), BROKEN,
                         ids=[case[0] for case in BROKEN])
def test_broken_input_gets_one_error_naming_file_and_line(
    name: str, content: bytes, line: int | None, message: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    where = f"{path}:{line}: " if line else f"{path}: "
    one_line = caught.value.one_line()
    assert one_line.startswith(where), one_line
    assert message in one_line
    assert "\n" not in one_line


def test_entities_are_never_expanded(tmp_path: Path) -> None:
    """Even parsed directly, the entity stays a reference: no file read, no blow-up."""
    from transclean.glossary.formats.tbx_read import parse_xml

    with pytest.raises(GlossaryError):
        parse_xml(EXTERNAL_ENTITY, "xxe.tbx")
    from lxml import etree  # the parser settings alone already keep /etc/passwd out

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    assert b"root:" not in etree.tostring(etree.fromstring(EXTERNAL_ENTITY, parser))


@pytest.mark.parametrize(("path", "error"), [
    ("missing.tsv", "no such glossary file"),
    (".", "is a folder, not a glossary file"),
])
def test_unreadable_paths_are_input_errors(path: str, error: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=error):
        load_glossary(tmp_path / path)


# --- choosing the format ---------------------------------------------------------------------


SNIFF = [
    ("x.tbx", b'<?xml version="1.0"?>\n<!-- c --><!DOCTYPE martif SYSTEM "x.dtd">\n<martif>',
     "tbx2008"),
    ("x.tbx", b'<tbx xmlns="urn:iso:std:iso:30042:ed-2">', "tbx3"),
    ("x.xml", b"\xef\xbb\xbf<?xml version='1.0'?><tbx:tbx xmlns:tbx='urn:iso:std:iso:30042:ed-2'>",
     "tbx3"),
    ("x.tbx", b"garbage", "tbx2008"),  # whose reader then says what is wrong
    ("x.tsv", "# c\nid\ten\tru\nc1\titch\tзуд\n".encode(), "tsv"),
    ("x.tsv", "зуд\titch\tcomment\n".encode(), "omegat"),
    ("x.tab", "зуд\titch\n".encode(), "omegat"),
    ("x.tab", b"EN\tRU:deprecated\n", "tsv"),
    ("x.tsv", b"id\tenglish\n", "tsv"),  # our header with a typo: the table reader reports it
    ("x.csv", b"en,ru\n", "csv"),
    ("x.txt", b"en\tru\n", "omegat"),
    ("x.utf8", "зуд\titch\n".encode(), "omegat"),
    ("x.glossary", b"<martif>", "tbx2008"),
    ("x.dat", b"en\tru\n", "tsv"),
    ("x.dat", "зуд\titch\n".encode(), "omegat"),
]


@pytest.mark.parametrize(("name", "head", "expected"), SNIFF)
def test_format_is_chosen_by_extension_and_content(name: str, head: bytes, expected: str) -> None:
    assert detect_format(name, head).name == expected


def test_format_can_be_named_and_a_wrong_name_is_helped(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text("id\ten\tru\tnote\n", encoding="utf-8")  # our header: an empty table
    assert len(load_glossary(path)) == 0
    with pytest.raises(GlossaryError, match="4 tab-separated column"):  # named, it is OmegaT
        load_glossary(path, fmt="omegat")
    with pytest.raises(UsageError) as caught:
        load_glossary(path, fmt="tbx4")
    assert caught.value.hint == "did you mean 'tbx3'?"


def test_read_from_memory_names_the_source_in_origins() -> None:
    glossary = read_glossary_bytes("ru\tru:deprecated\nзуд\tчесотка\n".encode(), "mem.tsv")
    assert glossary.concepts[0].origin == "mem.tsv:2"


# --- saving ----------------------------------------------------------------------------------


def test_save_replaces_atomically_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    save_glossary(RICH, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["glossary.tsv"]  # no temporary file left
    assert len(load_glossary(path)) == len(RICH)


def test_a_failed_save_leaves_the_old_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text("id\ten\nc1\titch\n", encoding="utf-8")
    piped = Glossary((Concept("c1", (t("A|B", "en"),)),), ("en",))
    with pytest.raises(GlossaryError, match=re.escape("contains '|'")):
        save_glossary(piped, path)
    assert path.read_text(encoding="utf-8") == "id\ten\nc1\titch\n"
    assert [p.name for p in tmp_path.iterdir()] == ["glossary.tsv"]


@pytest.mark.parametrize(("name", "error"), [
    ("missing-folder/g.tsv", OutputError),
    ("g.docx", UsageError),
])
def test_save_errors(name: str, error: type[Exception], tmp_path: Path) -> None:
    with pytest.raises(error):
        save_glossary(RICH, tmp_path / name)


def test_tsv_cells_lose_tabs_and_line_breaks_with_a_note(tmp_path: Path) -> None:
    glossary = Glossary((Concept("c1", (t("itch", "en"),), note="line one\nline\ttwo"),), ("en",))
    back, notes = round_trip("tsv", glossary, tmp_path)
    assert back.concepts[0].note == "line one line two"
    assert any("tabs or line breaks" in n for n in notes)
    back, notes = round_trip("csv", glossary, tmp_path)  # CSV quotes them instead
    assert (back.concepts[0].note, notes) == ("line one\nline\ttwo", ())


# --- the shipped glossary --------------------------------------------------------------------


def test_folder_loads_every_glossary_file_in_name_order(tmp_path: Path) -> None:
    assert len(load_glossary_folder(tmp_path)) == 0
    (tmp_path / "b.tsv").write_text("id\ten\tru\nitch\titch\tзуд\n", encoding="utf-8")
    save_glossary(RICH, tmp_path / "a.tbx")
    (tmp_path / "README.md").write_text("# not a glossary\n", encoding="utf-8")
    (tmp_path / "boilerplate.en.txt").write_text("Watch our videos\tnot a glossary\n")
    glossary = load_glossary_folder(tmp_path)
    assert [c.id for c in glossary.concepts] == [*(c.id for c in RICH.concepts), "itch"]


def test_default_glossary_is_the_repository_folder_loaded_once() -> None:
    folder = HERE.parent / "glossaries"
    assert default_glossary() is default_glossary()
    assert shape(default_glossary()) == shape(load_glossary_folder(folder))
