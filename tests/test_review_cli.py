"""`transclean review FILE --list|--finish` and `transclean decide`: review from the terminal,
on the same decisions file as the page; errors are one line and exit 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from transclean.api import check_document, segment_string
from transclean.cli import main

EN = ("Treatment with dumilumab\n\nDumilumab was given weekly. The the rash improved , and "
      "topical screaming acid was used.\n\nAdd a comment\n")
N = len(check_document(segment_string(EN)))  # 6 today; counted so check changes don't matter
LINE = re.compile(r"^(F[0-9a-f]{10})  (\d+):(\d+)  ([a-z.-]+)  '(.*)'( → .*)?  \[(.+)\]$")


def run(*args: str) -> tuple[int, str, str]:
    with CliRunner().isolation() as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(EN, encoding="utf-8")
    return path


def listed(article: Path, *options: str) -> dict[str, tuple[str, ...]]:
    code, out, _ = run("review", str(article), "--list", *options)
    assert code == 0
    rows = [LINE.match(line) for line in out.splitlines()]
    assert all(rows), out
    return {m.group(5): m.groups() for m in rows if m}


def assert_one_line_error(code: int, err: str, *parts: str) -> None:
    assert code == 2
    assert err.startswith("transclean: error: ") and err.count("\n") == 1, err
    for part in parts:
        assert part in err, err


def test_list_prints_one_line_per_flag(article: Path) -> None:
    code, out, err = run("review", str(article), "--list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("  1:16  term.deprecated  'dumilumab' → dupilumab  [open]")
    assert all(LINE.match(line) for line in lines) and len(lines) == N
    assert err == f"{article}: {N} flags, 0 decided, {N} open\n"


def test_decide_accept_reject_replace_undo_on_the_same_file(article: Path) -> None:
    ids = {text: row[0] for text, row in listed(article).items()}
    acid, doubled = ids["screaming acid"], ids[" the"]
    assert run("decide", str(article), acid, "replace", "squaric acid (SQ)")[0] == 0
    assert run("decide", str(article), ids["dumilumab"], "accept")[0] == 0
    code, _, err = run("decide", str(article), doubled, "reject")
    assert code == 0
    assert err == f"{doubled}: reject ' the' ({article.parent}/article.decisions.json)\n"
    states = {text: row[6] for text, row in listed(article).items()}
    assert states == {"dumilumab": "accept", "Dumilumab": "open", " the": "reject",
                      "screaming acid": "replace 'squaric acid (SQ)'", " ": "open",
                      "Add a comment": "open"}
    assert run("decide", str(article), doubled, "undo")[0] == 0
    assert listed(article)[" the"][6] == "open"
    code, _, err = run("review", str(article), "--finish")
    assert code == 0 and "2 decisions applied" in err
    corrected = (article.parent / "article.reviewed.txt").read_text(encoding="utf-8")
    assert "squaric acid (SQ)" in corrected


def test_decisions_follow_the_output_folder(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = next(iter(listed(article, "-o", str(out)).values()))[0]
    assert run("decide", str(article), first, "reject", "-o", str(out))[0] == 0
    assert (out / "article.decisions.json").is_file()
    assert not (article.parent / "article.decisions.json").exists()
    assert run("review", str(article), "-o", str(out), "--finish", "--format",
               "html,json")[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "article.decisions.json", "article.reviewed.html", "article.reviewed.json"]


def test_reject_remember_adds_to_the_ignore_list(article: Path, tmp_path: Path) -> None:
    ignore = tmp_path / "project-ignore.tsv"
    ids = {text: row[0] for text, row in listed(article).items()}
    code, _, err = run("decide", str(article), ids["Add a comment"], "reject", "--remember",
                       "--note", "our footer", "--ignore-file", str(ignore))
    assert code == 0 and "added to" in err
    assert "boilerplate.chrome\tAdd a comment\tour footer\n" in ignore.read_text(encoding="utf-8")
    assert "Add a comment" not in listed(article, "--ignore-file", str(ignore))
    code, out, _ = run("check", "--fail-on", "never", "--ignore-file", str(ignore), str(article))
    assert "boilerplate.chrome" not in out


def test_an_unknown_flag_id_is_one_line_naming_close_ids(article: Path) -> None:
    real = next(iter(listed(article).values()))[0]
    code, _, err = run("decide", str(article), real[:-1], "accept")
    assert_one_line_error(code, err, f"no flag '{real[:-1]}'", f"did you mean {real}")
    assert not (article.parent / "article.decisions.json").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["replace"], "replace needs the text"),
    (["accept", "text"], "accept takes no text"),
    (["accept", "--remember"], "--remember goes with reject"),
    (["undo", "text"], "undo takes no text"),
])
def test_decide_checks_its_arguments(article: Path, args: list[str], message: str) -> None:
    real = next(iter(listed(article).values()))[0]
    code, _, err = run("decide", str(article), real, *args)
    assert_one_line_error(code, err, message)


def test_bad_formats_and_inputs_fail_before_any_work(article: Path, tmp_path: Path) -> None:
    code, _, err = run("review", str(article), "--finish", "--format", "xlif")
    assert_one_line_error(code, err, "Unknown format 'xlif'", "xliff")
    broken = article.with_name("article.decisions.json")
    broken.write_text("{", encoding="utf-8")
    code, _, err = run("review", str(article), "--list")
    assert_one_line_error(code, err, "article.decisions.json", "decisions file")
    code, _, _ = run("review", str(tmp_path / "missing.txt"))
    assert code == 2


def test_stale_decisions_are_reported_on_list(article: Path) -> None:
    first = listed(article)["Add a comment"][0]
    run("decide", str(article), first, "reject")
    article.write_text(EN.replace("Add a comment", "Add a  comment, or two"), encoding="utf-8")
    code, _, err = run("review", str(article), "--list")
    assert code == 0 and f"stale decision {first}" in err
    saved = json.loads(article.with_name("article.decisions.json").read_text(encoding="utf-8"))
    assert [d["flag_id"] for d in saved["decisions"]] == [first]  # kept, not applied


def test_review_serves_on_loopback_and_stops_on_ctrl_c(article: Path) -> None:
    import signal
    import subprocess
    import sys
    import urllib.request

    process = subprocess.Popen(
        [sys.executable, "-m", "transclean", "review", str(article), "--no-browser"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url), url
        with urllib.request.urlopen(url + "a/0", timeout=30) as response:  # 127.0.0.1 only
            page = response.read().decode("utf-8")
        assert 'name="transclean-token"' in page and "article.txt" in page
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "decisions are saved" in err and "Traceback" not in err


def test_a_taken_port_is_a_one_line_error(article: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code, _, err = run("review", str(article), "--no-browser", "--port", str(port))
    assert_one_line_error(code, err, f"cannot serve on port {port}", "--port")
