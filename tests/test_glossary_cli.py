"""`transclean glossary check|convert|stats`, and the analysis behind `check`.

Exit codes: 0 fine, 1 `check` found errors (or warnings with --strict), 2 bad input — always as
one line `transclean: error: FILE:LINE: …`, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.standards_validator import validate
from transclean.cli import cli
from transclean.glossary.checks import check_glossary, glossary_stats
from transclean.glossary.io import load_glossary, read_glossary_bytes

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "glossary"
SHIPPED = sorted((HERE.parent / "glossaries").glob("*.tsv"))



def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- check_glossary: the findings, as (kind, severity, line) ---------------------------------

HEADER = "id\ten\ten:deprecated\tru\tru:deprecated\tcase_sensitive\n"
CHECKS = [
    ("clean", "itch\titch\t\tзуд\t\tno\nrash\trash\t\tсыпь\t\tno\n", []),
    ("preferred here, deprecated there",
     "itch\titch\t\tзуд\t\tno\nscabies\tscabies\t\tчесотка\tзуд\tno\n",
     [("conflict", "error", 3)]),
    ("allowed and forbidden in one concept, case-folded",
     "itch\titch\tItch\tзуд\t\tno\n", [("conflict", "error", 2)]),
    ("ё and е are the same letter",
     "aa\talopecia areata\t\tгнёздная алопеция\t\tno\n"
     "x\tpatchy alopecia\t\tочаговая алопеция\tгнездная алопеция\tno\n",
     [("conflict", "error", 3)]),
    ("a term twice in one concept", "itch\titch | pruritus | itch\t\tзуд\t\tno\n",
     [("duplicate-term", "error", 2)]),
    ("one id for two concepts", "c1\titch\t\tзуд\t\tno\nc1\trash\t\tсыпь\t\tno\n",
     [("duplicate-id", "error", 3)]),
    ("the same entry twice", "c1\titch\t\tзуд\t\tno\nc2\titch\t\tзуд\t\tno\n",
     [("duplicate-entry", "error", 3)]),
    ("a homonym", "aa\tAA\t\tгнёздная алопеция\t\tno\naa2\tAA\t\tапластическая анемия\t\tno\n",
     [("homonym", "warning", 3)]),
    ("case-sensitive terms differ from case-folded ones",
     "il\tIL\t\tИЛ\t\tyes\nil2\til\t\til\t\tno\n", []),
    ("a forbidden term with two replacements",
     "dup\tdupilumab\tdumilumab\tдупилумаб\t\tno\ndup2\tdupixent\tdumilumab\tдупиксент\t\tno\n",
     [("ambiguous-fix", "warning", 3)]),
    ("a forbidden term with the same replacement twice is fine",
     "dup\tdupilumab\tdumilumab\tдупилумаб\t\tno\nx\tdupilumab\tdumilumab\tдупилумаб | DPL\t\tno\n",
     [("homonym", "warning", 3)]),
    ("only forbidden terms in a language", "x\t\tscreaming acid\tскваровая кислота\t\tno\n",
     [("no-allowed-term", "warning", 2)]),
]


@pytest.mark.parametrize(("rows", "expected"), [c[1:] for c in CHECKS], ids=[c[0] for c in CHECKS])
def test_check_findings(rows: str, expected: list[tuple[str, str, int]]) -> None:
    glossary = read_glossary_bytes((HEADER + rows).encode(), "g.tsv")
    found = [(f.kind, f.severity.value, int(f.origin.rsplit(":", 1)[1]))
             for f in check_glossary(glossary) if f.origin]
    assert found == expected


def test_conflict_message_names_both_places() -> None:
    rows = "itch\titch\t\tзуд\t\tno\nscabies\tscabies\t\tчесотка\tзуд\tno\n"
    (finding,) = check_glossary(read_glossary_bytes((HEADER + rows).encode(), "g.tsv"))
    assert finding.message == ("'зуд' (ru) is deprecated in scabies but preferred in itch "
                               "(g.tsv:2)")


def test_stats_count_per_language_and_status() -> None:
    stats = glossary_stats(load_glossary(DATA / "spec-example.tsv"))
    assert (stats["concepts"], stats["terms"], stats["concepts_in_every_language"]) == (2, 8, 2)
    assert stats["languages"] == {
        "en": {"concepts": 2, "terms": 5, "preferred": 3, "admitted": 0, "deprecated": 2,
               "superseded": 0},
        "ru": {"concepts": 2, "terms": 3, "preferred": 2, "admitted": 0, "deprecated": 1,
               "superseded": 0},
    }


# --- transclean glossary check ---------------------------------------------------------------


def test_check_clean_file_exits_0() -> None:
    code, out, err = run("glossary", "check", str(DATA / "spec-example.tsv"))
    assert (code, out) == (0, "")
    assert err.endswith("2 concepts, 8 terms: 0 error(s), 0 warning(s)\n")


def test_check_reports_each_finding_as_file_line_and_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", HEADER + "itch\titch\t\tзуд\t\tno\n"
                 "scabies\tscabies\t\tчесотка\tзуд\tno\n"
                 "aa\tAA\t\tгнёздная алопеция\t\tno\naa2\tAA\t\tапластическая анемия\t\tno\n")
    code, out, err = run("glossary", "check", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:3: error: 'зуд' (ru) is deprecated in scabies but preferred in itch ({path}:2)"
        " [conflict]",
        f"{path}:5: warning: 'AA' (en) is allowed in both aa2 and aa ({path}:4): a homonym, or "
        "two entries to merge [homonym]",
    ]
    assert "1 error(s), 1 warning(s)" in err


@pytest.mark.parametrize(("options", "code"), [((), 0), (("--strict",), 1)])
def test_warnings_fail_only_with_strict(options: tuple[str, ...], code: int, tmp_path: Path
                                        ) -> None:
    path = write(tmp_path, "g.tsv", HEADER + "x\t\tscreaming acid\tскваровая кислота\t\tno\n")
    assert run("glossary", "check", *options, str(path))[0] == code


def test_check_json(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "id,en,en:deprecated\nc1,itch,itch\n")
    code, out, _ = run("glossary", "check", "--format", "json", str(path))
    assert code == 1
    assert json.loads(out) == [{
        "kind": "conflict", "severity": "error", "concept": "c1", "origin": f"{path}:2",
        "message": "'itch' (en) is both deprecated and preferred in c1"}]


BAD = [
    ("bad.tsv", "id\ten\ten:depreciated\n", ":1: unknown column(s) 'en:depreciated'"),
    ("bad.tbx", "<martif>\n<text>", ":2: not well-formed XML"),
    ("bad.txt", "зуд\n", ":1: 1 tab-separated column(s)"),
    ("empty.csv", "", ": the glossary file is empty"),
]


@pytest.mark.parametrize("command", ["check", "stats"])
@pytest.mark.parametrize(("name", "text", "error"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_line_and_exit_2(command: str, name: str, text: str, error: str,
                                          tmp_path: Path) -> None:
    path = write(tmp_path, name, text)
    code, out, err = run("glossary", command, str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"transclean: error: {path}{error}")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code, _, err = run("glossary", "check", str(tmp_path / "nope.tsv"))
    assert (code, err) == (2, f"transclean: error: {tmp_path / 'nope.tsv'}: no such glossary "
                              "file\n")


@pytest.mark.skipif(not SHIPPED, reason="no shipped glossary yet")
@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_glossary_has_no_errors(path: Path) -> None:
    code, out, err = run("glossary", "check", str(path))
    assert code == 0, out + err


# --- transclean glossary convert -------------------------------------------------------------


@pytest.mark.parametrize(("out", "options"), [
    ("g.tbx", ()), ("g.xml", ("--to", "tbx3")), ("g.tbx", ("--to", "TBX3")),
])
def test_convert_to_tbx_validates(out: str, options: tuple[str, ...], tmp_path: Path) -> None:
    target = tmp_path / out
    code, _, err = run("glossary", "convert", str(DATA / "quoted.csv"), str(target), *options)
    assert code == 0, err
    assert validate(target) == []
    assert "transclean: note: " in err and "case-sensitive terms were written without it" in err
    assert err.endswith("quoted.csv → " + str(target) + ": 2 concepts\n")


def test_convert_round_trip_through_tbx_keeps_the_table(tmp_path: Path) -> None:
    source = DATA / "spec-example.tsv"
    assert run("glossary", "convert", str(source), str(tmp_path / "g.tbx"))[0] == 0
    assert run("glossary", "convert", str(tmp_path / "g.tbx"), str(tmp_path / "g.tsv"))[0] == 0
    original, back = load_glossary(source), load_glossary(tmp_path / "g.tsv")
    assert [(c.id, c.note, c.terms) for c in back.concepts] == [
        (c.id, c.note, c.terms) for c in original.concepts]


def test_convert_to_omegat_lists_what_it_leaves_out(tmp_path: Path) -> None:
    target = tmp_path / "g.txt"
    code, _, err = run("glossary", "convert", str(DATA / "spec-example.tsv"), str(target))
    assert code == 0
    assert target.read_text(encoding="utf-8").splitlines() == [
        "дупилумаб\tdupilumab\tanti-IL-4Rα monoclonal antibody",
        "дибутиловый эфир скваровой кислоты\tsquaric acid dibutyl ester",
    ]
    assert "deprecated and superseded terms were left out" in err


def test_convert_omegat_with_other_languages(tmp_path: Path) -> None:
    target = tmp_path / "g.tsv"
    code, _, _ = run("glossary", "convert", str(DATA / "omegat.txt"), str(target),
                     "--source-lang", "uk", "--target-lang", "de")
    assert code == 0
    assert target.read_text(encoding="utf-8").splitlines()[:2] == [
        "id\tuk\tde\tnote", "c2\tдупилумаб\tdupilumab\tanti-IL-4Rα antibody"]


@pytest.mark.parametrize(("target", "options", "error"), [
    ("g.docx", (), "transclean: error: cannot tell which format to write from '.docx'"),
    ("missing/g.tsv", (), "transclean: error: "),
])
def test_convert_errors_are_one_line(target: str, options: tuple[str, ...], error: str,
                                     tmp_path: Path) -> None:
    code, _, err = run("glossary", "convert", str(DATA / "omegat.txt"), str(tmp_path / target),
                       *options)
    assert code == 2
    assert err.startswith(error) and err.count("\n") == 1


def test_convert_to_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("glossary", "convert", str(DATA / "omegat.txt"), str(tmp_path / "g.x"),
                       "--to", "xlsx")
    assert code == 2 and "'xlsx' is not one of" in err


def test_reader_warnings_are_shown_on_stderr(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tbx", '<martif><text><body><termEntry><langSet xml:lang="en">'
                 '<tig><term>itch</term><termNote type="partOfSpeech">Subst.</termNote></tig>'
                 "</langSet></termEntry></body></text></martif>")
    code, _, err = run("glossary", "stats", str(path))
    assert code == 0
    assert (f"transclean: warning: {path}:1: part of speech 'Subst.' of 'itch' read as "
            "'other'") in err


# --- transclean glossary stats, help ---------------------------------------------------------


def test_stats_text() -> None:
    code, out, _ = run("glossary", "stats", str(DATA / "spec-example.tsv"))
    assert code == 0
    assert out.splitlines()[1:3] == [
        "  en: 5 terms in 2 concepts (preferred 3, admitted 0, deprecated 2, superseded 0)",
        "  ru: 3 terms in 2 concepts (preferred 2, admitted 0, deprecated 1, superseded 0)",
    ]


def test_stats_json() -> None:
    code, out, _ = run("glossary", "stats", "--format", "json", str(DATA / "omegat.txt"))
    report = json.loads(out)
    assert (code, report["concepts"], report["terms"], list(report["languages"])) == (
        0, 3, 6, ["ru", "en"])


@pytest.mark.parametrize("command", ["check", "convert", "stats"])
def test_help_has_examples(command: str) -> None:
    code, out, _ = run("glossary", command, "--help")
    assert code == 0
    assert "Examples:" in out and f"transclean glossary {command} " in out


def test_glossary_is_listed_in_the_main_help() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "glossary" in out
