"""The project ignore list `.transclean/ignore.tsv`: parsing, matching, discovery, remembering,
and that `check` and `clean` honour it (the library hook is `Options.ignore`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from transclean.api import check_document, segment_string
from transclean.cli import main
from transclean.config import Options
from transclean.errors import InputError, UsageError
from transclean.model import Flag, Severity
from transclean.review.ignore import (
    IgnoreEntry,
    default_ignore_file,
    drop_ignored,
    find_ignore_file,
    load_ignore,
    normalise_text,
    parse_ignore,
    remember,
)

EN = "Patients received dumilumab weekly. The the rash improved.\n\nAdd a comment\n"
RU = "Пациенты получали дупилумаб еженедельно. Сыпь сыпь уменьшилась.\n"


def flag(rule: str, text: str) -> Flag:
    return Flag(id="F1", rule=rule, severity=Severity.WARNING, start=0, end=len(text), text=text,
                message="m", segment_id="p0")


def run(*args: str) -> tuple[int, str, str]:
    with CliRunner().isolation() as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


# --- matching -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("entry", "rule", "text", "dropped"), [
    (IgnoreEntry("term.misspelling", "Dupixent"), "term.misspelling", "Dupixent", True),
    (IgnoreEntry("term.misspelling", "dupixent"), "term.misspelling", "DUPIXENT", True),
    (IgnoreEntry("term.misspelling", "Dupixent"), "term.deprecated", "Dupixent", False),
    (IgnoreEntry("term", "Dupixent"), "term.misspelling", "Dupixent", True),  # a family
    (IgnoreEntry("term.", "Dupixent"), "term.misspelling", "Dupixent", True),
    (IgnoreEntry("ter", "Dupixent"), "term.misspelling", "Dupixent", False),  # not a prefix match
    (IgnoreEntry("*", "estet-portal.com"), "boilerplate.chrome", "estet-portal.com", True),
    (IgnoreEntry("*", "Add a comment"), "boilerplate.chrome", " Add  a\ncomment ", True),
    (IgnoreEntry("*", "Add a comment"), "boilerplate.chrome", "Add a comment!", False),
    (IgnoreEntry("qa", "сыпь сыпь"), "qa.doubled-word", "Сыпь  Сыпь", True),
    (IgnoreEntry("qa", "ё"), "qa.mixed-script", "Ё", True),
])
def test_an_entry_drops_flags_of_its_rule_on_its_text(
    entry: IgnoreEntry, rule: str, text: str, dropped: bool
) -> None:
    assert entry.matches(rule, text) is dropped
    assert (drop_ignored([flag(rule, text)], [entry]) == []) is dropped


@given(st.text(), st.sampled_from(["qa.spacing", "term.deprecated", "boilerplate.chrome"]))
def test_a_flag_is_ignored_by_an_entry_made_from_it(text: str, rule: str) -> None:
    if not normalise_text(text):
        return  # nothing to remember: remember() refuses such entries
    entry = IgnoreEntry(rule, " ".join(text.split()))
    assert drop_ignored([flag(rule, text)], [entry]) == []
    assert drop_ignored([flag(rule, text)], []) == [flag(rule, text)]


# --- the file -----------------------------------------------------------------------------------

def test_parse_skips_comments_blank_lines_and_the_header() -> None:
    text = ("\ufeff# comment\nrule\ttext\tnote\n\nterm.misspelling\tDupixent\tbrand\n"
            "*\tAdd   a comment\n  # indented comment\nqa\tсыпь сыпь\tnote\twith tab\n")
    assert parse_ignore(text) == (
        IgnoreEntry("term.misspelling", "Dupixent", "brand"),
        IgnoreEntry("*", "Add a comment", ""),
        IgnoreEntry("qa", "сыпь сыпь", "note\twith tab"),
    )


@pytest.mark.parametrize("line", ["term.misspelling", "\tDupixent", "qa\t   "])
def test_a_line_without_rule_and_text_is_an_error_naming_it(line: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_ignore(f"# ok\n{line}\n", "ignore.tsv")
    assert caught.value.path == "ignore.tsv:2"


def test_remember_creates_the_list_and_never_adds_twice(tmp_path: Path) -> None:
    path = tmp_path / ".transclean" / "ignore.tsv"
    assert remember(path, IgnoreEntry("qa.doubled-word", "the\nthe", "ok here")) is True
    assert remember(path, IgnoreEntry("qa.doubled-word", "The The")) is False
    assert remember(path, IgnoreEntry("*", "Add a comment")) is True
    assert load_ignore(path) == (
        IgnoreEntry("qa.doubled-word", "the the", "ok here"),
        IgnoreEntry("*", "Add a comment", ""),
    )
    assert path.read_text(encoding="utf-8").startswith("# transclean ignore list")
    assert not list(path.parent.glob(".*.tmp"))


def test_remember_keeps_what_people_wrote(tmp_path: Path) -> None:
    path = tmp_path / "ignore.tsv"
    path.write_text("# ours\nterm\tDupixent", encoding="utf-8")  # no final newline
    remember(path, IgnoreEntry("*", "Add a comment"))
    assert path.read_text(encoding="utf-8") == "# ours\nterm\tDupixent\n*\tAdd a comment\n"


@pytest.mark.parametrize("entry", [IgnoreEntry("qa.spacing", "  "), IgnoreEntry("", "x"),
                                   IgnoreEntry("qa", "x", "two\nlines")])
def test_remember_refuses_what_cannot_be_stored(tmp_path: Path, entry: IgnoreEntry) -> None:
    with pytest.raises(UsageError):
        remember(tmp_path / "ignore.tsv", entry)


def test_the_list_is_found_from_the_input_folder_up_then_here(tmp_path: Path) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    deep = project / "articles" / "2024"
    deep.mkdir(parents=True)
    elsewhere.mkdir()
    article = deep / "a.txt"
    article.write_text("x", encoding="utf-8")
    assert find_ignore_file(article, cwd=elsewhere) is None
    here = default_ignore_file(elsewhere)
    remember(here, IgnoreEntry("*", "x"))
    assert find_ignore_file(article, cwd=elsewhere) == here.resolve()
    assert find_ignore_file("-", cwd=elsewhere) == here.resolve()
    ours = project / ".transclean" / "ignore.tsv"
    remember(ours, IgnoreEntry("*", "y"))
    assert find_ignore_file(article, cwd=elsewhere) == ours.resolve()  # nearest wins
    assert find_ignore_file(deep, cwd=elsewhere) == ours.resolve()  # a folder is a start too


# --- honoured by the library and the commands -----------------------------------------------------

@pytest.mark.parametrize(("text", "entry", "gone"), [
    (EN, IgnoreEntry("term.deprecated", "Dumilumab"), "term.deprecated"),
    (EN, IgnoreEntry("*", "add a comment"), "boilerplate.chrome"),
    (RU, IgnoreEntry("qa", "Сыпь"), "qa.doubled-word"),  # the flag is on the second " сыпь"
], ids=["en-term", "en-chrome", "ru-doubled"])
def test_check_document_drops_ignored_flags_only(text: str, entry: IgnoreEntry, gone: str) -> None:
    document = segment_string(text)
    before = check_document(document)
    after = check_document(document, Options(ignore=(entry,)))
    assert any(f.rule == gone for f in before)
    assert [f for f in before if not entry.matches(f.rule, f.text)] == list(after)
    assert len(after) < len(before)


@pytest.mark.parametrize("command", [["check", "--fail-on", "never"], ["clean"]])
def test_check_and_clean_find_the_project_list(tmp_path: Path, command: list[str]) -> None:
    article = tmp_path / "articles" / "a.txt"
    article.parent.mkdir()
    article.write_text(EN, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    old = Path.cwd()
    os.chdir(elsewhere)  # the list is found from the input's folder, not from here
    try:
        code, out, _ = run(*command, str(article))
        assert code == 0 and "dumilumab" in out.lower()
        remember(tmp_path / ".transclean" / "ignore.tsv", IgnoreEntry("term.deprecated",
                                                                      "dumilumab"))
        code, out, _ = run(*command, str(article))
        assert code == 0
        if command[0] == "check":
            assert "dumilumab" not in out
        else:
            assert "dupilumab" not in out  # the fix was not applied
    finally:
        os.chdir(old)


def test_an_explicit_ignore_file_wins_and_must_exist(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(EN, encoding="utf-8")
    listed = tmp_path / "mine.tsv"
    remember(listed, IgnoreEntry("*", "Add a comment"))
    _, out, _ = run("check", "--fail-on", "never", "--ignore-file", str(listed), str(article))
    assert "boilerplate.chrome" not in out and "term.deprecated" in out
    code, _, err = run("check", "--ignore-file", str(tmp_path / "missing.tsv"), str(article))
    assert code == 2 and err.startswith("transclean: error: ") and "no such ignore list" in err
