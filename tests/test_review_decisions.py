"""The decisions file and the article under review: records, atomic saves, reopening, stale
decisions after the input changed, and "Finish" producing what `clean_document` produces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transclean.api import clean_document, read_document
from transclean.errors import InputError, UsageError
from transclean.model import Action, Decision, Flag, Severity
from transclean.review.decisions import (
    DecisionRecord,
    DecisionsFile,
    load_decisions,
    record_for,
    save_decisions,
    split_stale,
    text_sha256,
)
from transclean.review.workspace import Article, open_file
from transclean.writers import get_writer

EN = ("Treatment with dumilumab\n\nDumilumab was given weekly. The the rash improved , and "
      "topical screaming acid was used.\n\nAdd a comment\n")
RU = "Лечение дупилумабом\n\nСыпь сыпь уменьшилась , и пациентам назначали дупилумаб.\n"


@pytest.fixture
def article_path(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(EN, encoding="utf-8")
    return path


def by_rule(article: Article, rule: str, text: str | None = None) -> Flag:
    return next(f for f in article.flags if f.rule == rule and (text is None or f.text == text))


# --- records -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("action", "typed", "replacement"), [
    (Action.ACCEPT, None, "dupilumab"),  # the fix the check proposed
    (Action.REJECT, None, None),
    (Action.REPLACE, "dupilumab (Dupixent)", "dupilumab (Dupixent)"),
    (Action.REPLACE, "", ""),  # typing nothing deletes the words
])
def test_a_record_keeps_what_was_flagged_and_what_replaces_it(
    article_path: Path, action: Action, typed: str | None, replacement: str | None
) -> None:
    article = open_file(article_path)
    flag = by_rule(article, "term.deprecated", "dumilumab")
    record = record_for(article.document, flag, action, typed)
    assert (record.flag_id, record.rule, record.text) == (flag.id, "term.deprecated", "dumilumab")
    assert (record.start, record.end) == (flag.start, flag.end)
    assert record.replacement == replacement
    assert record.suggestion == "dupilumab" and record.lang == "en"
    assert record.decision == Decision(flag.id, action, typed if action is Action.REPLACE else None)


@pytest.mark.parametrize(("text", "word", "opens"), [
    (EN, "Dumilumab", True),  # "|Dumilumab was given"
    (EN, "dumilumab", False),  # "Treatment with |dumilumab"
    (RU, "дупилумаб", False),
])
def test_a_record_tells_whether_the_words_open_their_sentence(
    tmp_path: Path, text: str, word: str, opens: bool
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path)
    start = document.text.index(word)
    flag = Flag("F1", "term.deprecated", Severity.ERROR, start, start + len(word), word, "m", "")
    record = record_for(document, flag, Action.REJECT)
    assert record.sentence_start is opens
    assert record.lang == ("ru" if text is RU else "en")


records = st.builds(
    DecisionRecord,
    flag_id=st.from_regex(r"F[0-9a-f]{10}", fullmatch=True),
    rule=st.sampled_from(["term.deprecated", "qa.spacing", "boilerplate.chrome"]),
    start=st.integers(0, 1000),
    end=st.integers(1000, 2000),
    text=st.text(),
    action=st.sampled_from(list(Action)),
    replacement=st.none() | st.text(),
    suggestion=st.none() | st.text(),
    lang=st.sampled_from(["en", "ru", "und"]),
    sentence_start=st.booleans(),
)


@given(st.lists(records, max_size=6), st.text())
def test_the_decisions_file_round_trips(tmp_path_factory: pytest.TempPathFactory,
                                        items: list[DecisionRecord], text: str) -> None:
    path = tmp_path_factory.mktemp("d") / "a.decisions.json"
    stored = DecisionsFile("a.txt", text_sha256(text), "en", tuple(items))
    save_decisions(path, stored)
    loaded = load_decisions(path)
    assert loaded is not None
    assert sorted(loaded.records, key=repr) == sorted(items, key=repr)
    assert (loaded.file, loaded.sha256, loaded.language) == ("a.txt", stored.sha256, "en")
    first = path.read_bytes()
    save_decisions(path, DecisionsFile("a.txt", stored.sha256, "en", tuple(reversed(items))))
    assert path.read_bytes() == first  # deterministic: sorted, whatever the order decided


@pytest.mark.parametrize("content", ['{"decisions": [{"flag_id": "F1"}]}', "[1, 2]", "{",
                                     '{"version": 2, "decisions": []}'])
def test_a_broken_decisions_file_is_an_input_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "a.decisions.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_decisions(path)
    assert caught.value.path == str(path)


def test_a_decision_applies_only_while_its_flag_flags_the_same_text() -> None:
    def make(flag_id: str, text: str) -> Flag:
        return Flag(flag_id, "term.deprecated", Severity.ERROR, 0, len(text), text, "m", "")

    def record(flag_id: str, text: str) -> DecisionRecord:
        return DecisionRecord(flag_id, "term.deprecated", 0, len(text), text, Action.ACCEPT,
                              "x", "x", "en")

    kept, gone, moved = record("F1", "abc"), record("F2", "abc"), record("F3", "abc")
    applicable, stale = split_stale([kept, gone, moved], [make("F1", "abc"), make("F3", "xyz")])
    assert applicable == {"F1": kept}
    assert stale == [gone, moved]


# --- the article under review --------------------------------------------------------------------

def test_decisions_are_saved_at_once_and_restored_on_reopening(article_path: Path) -> None:
    article = open_file(article_path)
    decisions_file = article_path.with_name("article.decisions.json")
    assert not decisions_file.exists() and article.open_count == len(article.flags)
    deprecated = by_rule(article, "term.deprecated", "screaming acid")
    doubled = by_rule(article, "qa.doubled-word")
    article.decide(deprecated.id, Action.REPLACE, "squaric acid (SQ)")
    article.decide(doubled.id, Action.REJECT)
    saved = json.loads(decisions_file.read_text(encoding="utf-8"))
    assert saved["file"] == str(article_path) and saved["sha256"] == text_sha256(EN)
    assert [d["action"] for d in saved["decisions"]] == ["reject", "replace"]  # by position
    reopened = open_file(article_path)
    assert reopened.decisions == article.decisions
    assert reopened.open_count == len(article.flags) - 2
    reopened.undo(doubled.id)
    assert list(open_file(article_path).decisions) == [deprecated.id]
    assert not list(article_path.parent.glob(".*.tmp"))


def test_decisions_go_to_the_output_folder_when_given(article_path: Path, tmp_path: Path) -> None:
    article = open_file(article_path, out_dir=tmp_path / "out")
    article.decide(article.flags[0].id, Action.REJECT)
    assert (tmp_path / "out" / "article.decisions.json").is_file()
    done = article.finish()
    assert {p.name for p in done.paths} == {"article.reviewed.bilingual.md",
                                            "article.reviewed.txt"}
    assert all(p.parent == tmp_path / "out" for p in done.paths)


@pytest.mark.parametrize(("action", "text", "message"), [
    (Action.REPLACE, None, "replace needs the text"),
    (Action.ACCEPT, "x", "accept takes no text"),
    (Action.REJECT, "x", "reject takes no text"),
])
def test_decisions_need_exactly_the_text_they_use(
    article_path: Path, action: Action, text: str | None, message: str
) -> None:
    article = open_file(article_path)
    with pytest.raises(UsageError, match=message):
        article.decide(article.flags[0].id, action, text)


def test_an_unknown_flag_id_names_the_close_ones(article_path: Path) -> None:
    article = open_file(article_path)
    real = article.flags[0].id
    with pytest.raises(UsageError) as caught:
        article.decide(real[:-1] + ("0" if real[-1] != "0" else "1"), Action.ACCEPT)
    assert real in (caught.value.hint or "")
    with pytest.raises(UsageError) as caught:
        article.flag("nonsense")
    assert "--list" in (caught.value.hint or "")


def test_decisions_whose_flag_is_gone_are_stale_not_applied(article_path: Path) -> None:
    article = open_file(article_path)
    chrome = by_rule(article, "boilerplate.chrome")
    deprecated = by_rule(article, "term.deprecated", "screaming acid")
    article.decide(chrome.id, Action.REJECT)
    article.decide(deprecated.id, Action.REPLACE, "squaric acid (SQ)")
    # The editor then inserts a sentence at the top: every offset after it moves.
    article_path.write_text("New first line.\n\n" + EN, encoding="utf-8")
    reopened = open_file(article_path)
    assert reopened.decisions == {}
    assert {r.flag_id for r in reopened.stale} == {chrome.id, deprecated.id}
    assert any("changed" in note for note in reopened.notes)
    assert "(SQ)" not in reopened.corrected()
    reopened.decide(reopened.flags[0].id, Action.REJECT)  # stale records stay in the file
    stored = load_decisions(article_path.with_name("article.decisions.json"))
    assert stored is not None and len(stored.records) == 3


def test_a_flag_rejected_for_good_is_settled_not_stale(article_path: Path, tmp_path: Path) -> None:
    ignore_file = tmp_path / "project" / "ignore.tsv"
    article = open_file(article_path, ignore_file=ignore_file)
    chrome = by_rule(article, "boilerplate.chrome")
    assert article.ignore(chrome.id, note="our footer") is True
    assert article.decisions[chrome.id].action is Action.REJECT
    assert "Add a comment\tour footer" in ignore_file.read_text(encoding="utf-8")
    reopened = open_file(article_path, ignore_file=ignore_file)
    assert chrome.id not in {f.id for f in reopened.flags}
    assert reopened.stale == ()


def test_finish_writes_what_clean_document_makes_with_the_decisions(article_path: Path) -> None:
    article = open_file(article_path, formats=("text", "json", "bilingual"))
    deprecated = by_rule(article, "term.deprecated", "screaming acid")
    first = by_rule(article, "term.deprecated", "dumilumab")
    doubled = by_rule(article, "qa.doubled-word")
    article.decide(first.id, Action.ACCEPT)
    article.decide(doubled.id, Action.REJECT)  # a safe fix the editor refuses
    article.decide(deprecated.id, Action.REPLACE, "squaric acid")
    done = article.finish()
    expected = clean_document(read_document(article_path), decisions={
        first.id: Decision(first.id, Action.ACCEPT),
        doubled.id: Decision(doubled.id, Action.REJECT),
        deprecated.id: Decision(deprecated.id, Action.REPLACE, "squaric acid"),
    })
    names = ["article.reviewed.txt", "article.reviewed.json", "article.reviewed.bilingual.md"]
    assert [p.name for p in done.paths] == names
    for path, fmt in zip(done.paths, ["text", "json", "bilingual"], strict=True):
        assert path.read_bytes() == get_writer(fmt).write(expected)
    corrected = done.paths[0].read_text(encoding="utf-8")
    assert "The the rash" in corrected and "squaric acid" in corrected
    assert "with dupilumab" in corrected
    assert article_path.read_text(encoding="utf-8") == EN  # the input is never written
    assert done.applied == 3 and article.corrected() == expected.corrected


def test_review_refuses_standard_input() -> None:
    with pytest.raises(UsageError):
        open_file("-")
