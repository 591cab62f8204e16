"""`transclean clean`: output destinations, safe writing, fix options and one-line errors.

Every run goes through ``main`` (the console entry point) inside CliRunner's isolation, so typed
errors are turned into their exit code and one line on stderr exactly as a user sees them.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SAMPLE
from transclean.api import clean_file
from transclean.cli import main
from transclean.writers import get_writer

SUMMARY = re.compile(r"^.+: \d+ flags, \d+ fixes applied\n$")


def run(*args: str, input: bytes | None = None) -> tuple[int, bytes, str]:
    """Run ``transclean ARGS``; return (exit code, stdout bytes, stderr text)."""
    with CliRunner().isolation(input=input) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue().decode("utf-8")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """A copy of the sample in its own folder, so tests may write beside it."""
    path = tmp_path / "article.txt"
    shutil.copyfile(SAMPLE, path)
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write may have left behind."""
    return sorted(p.name for p in folder.glob(".*.tmp"))


def assert_one_line_error(code: int, err: str, *parts: str) -> None:
    assert code == 2
    assert err.startswith("transclean: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for part in parts:
        assert part in err, err


# --- where the output goes ---------------------------------------------------------------------


def test_default_is_the_bilingual_review_on_stdout(article: Path) -> None:
    code, out, err = run("clean", str(article))
    assert code == 0
    assert out == get_writer("bilingual").write(clean_file(str(article)))
    assert SUMMARY.match(err) and err.startswith(f"{article}: "), err


def test_stdin_to_stdout() -> None:
    code, out, err = run("clean", "--format", "text", "-", input=b"The the drug works .\n")
    assert code == 0
    assert out == b"The drug works.\n"
    assert err.startswith("<stdin>: ")


def test_output_file_is_written_atomically(article: Path) -> None:
    target = article.parent / "article.clean.txt"
    code, out, err = run("clean", str(article), "--format", "text", "-o", str(target))
    assert (code, out) == (0, b"")
    assert SUMMARY.match(err)
    assert target.read_bytes() == get_writer("text").write(clean_file(str(article)))
    assert leftovers(article.parent) == []
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.clean.txt", "article.txt"]


def test_failed_run_leaves_an_existing_output_untouched(tmp_path: Path) -> None:
    source, target = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_bytes(b"\x00\x01\x02binary")
    target.write_text("previous result", encoding="utf-8")
    code, _, err = run("clean", str(source), "-o", str(target))
    assert_one_line_error(code, err, str(source))
    assert target.read_text(encoding="utf-8") == "previous result"
    assert leftovers(tmp_path) == []


def test_output_into_a_missing_folder_is_one_line(article: Path) -> None:
    target = article.parent / "no" / "such" / "out.md"
    code, _, err = run("clean", str(article), "-o", str(target))
    assert_one_line_error(code, err, str(target))
    assert not target.parent.exists()


@pytest.mark.parametrize("spelling", ["same", "dotted"])
def test_output_equal_to_input_is_refused(article: Path, spelling: str) -> None:
    target = article if spelling == "same" else article.parent / "." / article.name
    before = article.read_bytes()
    code, out, err = run("clean", str(article), "--format", "text", "-o", str(target))
    assert_one_line_error(code, err, "output is the input file", "--in-place")
    assert out == b""
    assert article.read_bytes() == before
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.txt"]


def test_report_equal_to_input_is_refused(article: Path) -> None:
    before = article.read_bytes()
    code, _, err = run("clean", str(article), "--report", str(article))
    assert article.read_bytes() == before
    assert_one_line_error(code, err, "output is the input file")


def test_report_equal_to_output_is_refused(article: Path) -> None:
    target = article.parent / "out.json"
    code, _, err = run("clean", str(article), "-o", str(target), "--report", str(target))
    assert_one_line_error(code, err, "--report and -o name the same file")
    assert not target.exists()


def test_in_place_overwrites_and_keeps_a_backup(article: Path) -> None:
    before = article.read_bytes()
    expected = get_writer("text").write(clean_file(str(article)))
    code, _, _ = run("clean", str(article), "--format", "text", "-o", str(article), "--in-place")
    assert code == 0
    assert article.read_bytes() == expected != before
    assert (article.parent / "article.txt.bak").read_bytes() == before
    assert leftovers(article.parent) == []


# --- the JSON report ---------------------------------------------------------------------------

FLAG_KEYS = {"id", "rule", "severity", "start", "end", "line", "column", "text", "suggestion",
             "message", "segment", "applied"}  # fmt: skip
EDIT_KEYS = {"rule", "start", "end", "original", "replacement"}
REPORT_KEYS = {
    "file", "language", "encoding", "notes", "segments", "flags", "edits", "hints", "corrected"
}


def test_report_json_shape(article: Path) -> None:
    report_path = article.parent / "report.json"
    code, out, _ = run("clean", str(article), "--format", "text", "--report", str(report_path))
    assert code == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert set(report) == REPORT_KEYS
    assert report["file"] == str(article)
    assert report["corrected"].encode("utf-8") == out
    text = article.read_text(encoding="utf-8")
    for flag in report["flags"]:
        assert set(flag) == FLAG_KEYS
        assert text[flag["start"] : flag["end"]] == flag["text"]
        assert flag["severity"] in {"info", "warning", "error"}
    for edit in report["edits"]:
        assert set(edit) == EDIT_KEYS
        assert text[edit["start"] : edit["end"]] == edit["original"]
    applied = sum(flag["applied"] for flag in report["flags"])
    assert applied == len(report["edits"]) > 0
    assert leftovers(article.parent) == []


# --- which fixes are applied -------------------------------------------------------------------


def text_output(article: Path, *options: str) -> str:
    code, out, _ = run("clean", str(article), "--format", "text", *options)
    assert code == 0
    return out.decode("utf-8")


def test_no_autofix_changes_nothing(article: Path) -> None:
    assert text_output(article, "--no-autofix") == article.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "present", "absent"),
    [
        ((), ["squaric acid", "Alopecia totalis (alopecia totalis) is"],
         ["screaming acid", "dumilumab", "Add a comment"]),
        (("--fix", "qa.redundant-gloss"), ["Alopecia totalis is a generalized"],
         ["(alopecia totalis)"]),
        (("--no-fix", "term"), ["screaming acid", "with dumilumab,", "Baku Snake Medical Center"],
         ["squaric", "Add a comment", "that that"]),
        (("--no-fix", "term.deprecated,boilerplate"), ["screaming acid", "Add a comment"],
         ["that that"]),
        (("--no-autofix", "--fix", "term.deprecated"),
         ["squaric acid", "that that", "Add a comment"], ["screaming acid", "dumilumab"]),
    ],
    ids=["defaults", "fix-gloss", "no-fix-term", "no-fix-two-rules", "only-deprecated"],
)  # fmt: skip
def test_fix_options(article: Path, options: tuple[str, ...], present: list[str],
                     absent: list[str]) -> None:  # fmt: skip
    text = text_output(article, *options)
    for part in present:
        assert part in text, part
    for part in absent:
        assert part not in text, part


def test_extra_glossary_adds_a_fix(article: Path) -> None:
    glossary = article.parent / "house.tsv"
    glossary.write_text(
        "id\ten\ten:deprecated\tru\tru:deprecated\tcase_sensitive\n"
        "interruption\ttreatment interruption\ttreatment break\tперерыв в лечении\t\tno\n",
        encoding="utf-8",
    )
    assert "2-month treatment break due" in text_output(article)
    assert "2-month treatment interruption due" in text_output(article, "--glossary", str(glossary))


# --- bad usage and bad input -------------------------------------------------------------------


def test_unknown_format_suggests_the_close_one(article: Path) -> None:
    code, out, err = run("clean", str(article), "--format", "xlif")
    assert_one_line_error(code, err, "Unknown format 'xlif'. Did you mean 'xliff'?")
    assert out == b""


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"\x00\x01\x02\x03binary", "NUL bytes"), (b"%PDF-1.4\n", "PDF")],
)
def test_binary_input_is_one_line(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    code, out, err = run("clean", str(path))
    assert_one_line_error(code, err, f"{path}: ", problem)
    assert out == b""


def test_missing_input_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("clean", str(tmp_path / "nope.txt"))
    assert_one_line_error(code, err, "no such file")
