"""`transclean segment`: the sample's acceptance criteria, the JSON report, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SAMPLE
from transclean.cli import cli, main


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_sample_languages_and_boundaries() -> None:
    code, out, _ = run("segment", "--format", "json", str(SAMPLE))
    assert code == 0
    report = json.loads(out)
    segments = report["segments"]
    title = segments[0]
    assert (title["kind"], title["lang"]) == ("title", "ru")
    assert all(s["lang"] == "en" for s in segments[1:]), [
        (s["id"], s["lang"]) for s in segments[1:] if s["lang"] != "en"
    ]
    assert report["language"] == "en"
    sentences = [s["text"] for s in segments if s["kind"] == "sentence"]
    assert any("according to Prof. Amy McMichael, Chair" in s for s in sentences)
    assert any(
        "approved by the US Food and Drug Administration in March 2017" in s for s in sentences
    )
    totalis = next(
        s for s in segments if s["text"].startswith("Alopecia totalis (alopecia totalis)")
    )
    assert totalis["lang"] == "en"


def test_json_report_shape() -> None:
    _, out, _ = run("segment", "--format", "json", str(SAMPLE))
    report = json.loads(out)
    assert set(report) == {"file", "language", "encoding", "notes", "segments"}
    text = SAMPLE.read_text(encoding="utf-8")
    for seg in report["segments"]:
        assert set(seg) == {
            "id",
            "kind",
            "start",
            "end",
            "paragraph",
            "lang",
            "confidence",
            "text",
            "inline",
        }
        assert text[seg["start"] : seg["end"]] == seg["text"]
        assert seg["kind"] in {"title", "heading", "paragraph", "sentence"}
        assert 0.0 <= seg["confidence"] <= 1.0
        for span in seg["inline"]:
            assert seg["start"] <= span["start"] < span["end"] <= seg["end"]
            assert text[span["start"] : span["end"]] == span["text"]


def test_json_is_deterministic() -> None:
    assert (
        run("segment", "--format", "json", str(SAMPLE))[1]
        == run("segment", "--format", "json", str(SAMPLE))[1]
    )


def test_stdin_and_legacy_encoding() -> None:
    code, out, _ = run(
        "segment", "--format", "json", "-", input="Привет, мир. Как дела?".encode("cp1251")
    )
    assert code == 0
    report = json.loads(out)
    assert report["file"] == "<stdin>"
    assert report["encoding"] == "cp1251"
    assert [s["text"] for s in report["segments"] if s["kind"] == "sentence"] == [
        "Привет, мир.",
        "Как дела?",
    ]


def test_empty_file_gives_no_segments(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, out, err = run("segment", "--format", "json", str(path))
    assert code == 0
    assert json.loads(out)["segments"] == []
    assert err == ""


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x00\x01\x02\x03binary", "NUL bytes"),
        (b"%PDF-1.4\n", "PDF"),
        (bytes(range(128, 256)) * 3, "cannot tell the text encoding"),
    ],
)
def test_bad_input_one_line_exit_2(tmp_path: Path, data: bytes, problem: str, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(SystemExit) as info:
        main(["segment", str(path)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"transclean: error: {path}: ")
    assert problem in err
    assert "Traceback" not in err


def test_missing_file_exit_2(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as info:
        main(["segment", "no/such/file.txt"])
    assert info.value.code == 2
    assert "no such file" in capsys.readouterr().err


def test_unknown_command_suggests() -> None:
    code, _, err = run("segmnt", "x")
    assert code == 2
    assert "Did you mean 'segment'?" in err


def test_help_imports_no_spacy() -> None:
    code = (
        "import sys; from transclean.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('spacy', 'pymorphy3', 'langdetect', 'lxml') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_python_m_transclean() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "transclean", "--version"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "transclean" in out
