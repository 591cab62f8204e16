"""`transclean check`: the JSON report (the stable machine interface), text output, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SAMPLE
from transclean.cli import main

FLAG_KEYS = {
    "id",
    "rule",
    "severity",
    "start",
    "end",
    "line",
    "column",
    "text",
    "suggestion",
    "message",
    "segment",
    "applied",
}


def run(*args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        return code, out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture(scope="module")
def report() -> dict:  # type: ignore[type-arg]
    code, out, _ = run("check", "--format", "json", "--fail-on", "never", str(SAMPLE))
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def test_report_shape(report: dict) -> None:  # type: ignore[type-arg]
    assert set(report) == {"file", "language", "encoding", "notes", "segments", "flags"}
    text = SAMPLE.read_text(encoding="utf-8")
    segment_ids = {s["id"] for s in report["segments"]}
    for flag in report["flags"]:
        assert set(flag) == FLAG_KEYS
        assert flag["severity"] in {"error", "warning", "info"}
        assert text[flag["start"] : flag["end"]] == flag["text"]
        line, column = flag["line"], flag["column"]
        assert text.splitlines()[line - 1][column - 1 :].startswith(flag["text"].split("\n")[0])
        assert flag["segment"] in segment_ids
        assert flag["suggestion"] is None or isinstance(flag["suggestion"], str)
        assert flag["applied"] is False  # check changes nothing


def test_sample_term_flags(report: dict) -> None:  # type: ignore[type-arg]
    terms = sorted(
        (f["rule"], f["text"], f["suggestion"])
        for f in report["flags"]
        if f["rule"].startswith("term.")
    )
    assert terms == [
        ("term.deprecated", "Baku Snake Medical Center", "Wake Forest Baptist Medical Center"),
        ("term.deprecated", "dumilumab", "dupilumab"),
        ("term.deprecated", "dumilumab", "dupilumab"),
        ("term.deprecated", "screaming acid", "squaric acid"),
    ]


def test_flag_ids_are_stable_and_unique(report: dict) -> None:  # type: ignore[type-arg]
    _, again, _ = run("check", "--format", "json", "--fail-on", "never", str(SAMPLE))
    ids = [f["id"] for f in report["flags"]]
    assert ids == [f["id"] for f in json.loads(again)["flags"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("never", 0)])
def test_exit_code_follows_fail_on(fail_on: str, code: int) -> None:
    assert run("check", "--fail-on", fail_on, str(SAMPLE))[0] == code


def test_correct_text_exits_0_even_at_warning_level(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text(
        "Dupilumab is used for atopic dermatitis.\n\nIt blocks interleukin-4 and interleukin-13.\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", "--fail-on", "warning", str(path))
    assert code == 0
    assert out == ""


def test_text_output_is_line_column_rule_text_suggestion() -> None:
    _, out, err = run("check", "--fail-on", "never", str(SAMPLE))
    line = next(row for row in out.splitlines() if "screaming acid" in row)
    assert line.startswith(
        f"{SAMPLE}:21:198: error term.deprecated: 'screaming acid' → squaric acid"
    )
    assert "flags:" in err


def test_russian_article_with_inflected_terms(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_text(
        "Лечение дюпилумабом\n\nПациентка получала лечение дюпилумабом и местно "
        "скваровой кислотой.",
        encoding="utf-8",
    )
    _, out, _ = run("check", "--format", "json", "--fail-on", "never", str(path))
    found = {
        (f["text"], f["suggestion"])
        for f in json.loads(out)["flags"]
        if f["rule"].startswith("term.")
    }
    assert ("дюпилумабом", "дупилумабом") in found


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--glossary", "missing.tbx"), "missing.tbx"),
        (("--format", "xml"), "Invalid value for '--format'"),
    ],
)
def test_bad_usage_exit_2(args: tuple[str, ...], message: str) -> None:
    code, _, err = run("check", *args, str(SAMPLE))
    assert code == 2
    assert message in err
    assert "Traceback" not in err
