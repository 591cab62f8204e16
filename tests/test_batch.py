"""`transclean batch`: a folder in, the same outputs as `clean` per article, resumable, safe.

The corpus is built per test session from the repository's sample and article fixtures: nested
folders, a cp1251 file, an empty file, a broken (binary) file, symlinks of every kind, a hidden
folder and a non-article. Interruption is tested for real: SIGINT to a running `transclean
batch` process group, and a worker process that dies in the middle of an article.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import transclean
from tests.conftest import ROOT, SAMPLE
from transclean.batch import BatchInterrupted, Outcome, run_batch
from transclean.batch import runner as batch_runner
from transclean.batch.manifest import sweep_temporaries
from transclean.batch.plan import MANIFEST_NAME, Task, _name_outputs, plan_batch
from transclean.batch.summary import FlagRow, Tally, TermCount
from transclean.batch.worker import clean_task
from transclean.cli import cli, main
from transclean.errors import UsageError

ARTICLES = ROOT / "tests" / "data" / "articles"

# rel path in IN_DIR -> (fixture file, encoding it is written in)
CORPUS = {
    "sample.txt": (SAMPLE, "utf-8"),
    "empty.txt": (None, "utf-8"),
    "nested/en-errors.txt": (ARTICLES / "qa-en-errors.txt", "utf-8"),
    "nested/ru-cp1251.txt": (ARTICLES / "chrome-ru-eczema.txt", "cp1251"),
    "nested/deeper/ru-leftovers.md": (ARTICLES / "qa-ru-leftovers.txt", "utf-8"),
}
BROKEN = "broken.txt"
ARTICLE_NAMES = sorted([*CORPUS, BROKEN])
CLEANED = sorted(CORPUS)

# Everything in IN_DIR that is not an article, with the reason the summary gives.
SKIPPED = {
    ".drafts/": "hidden folder",
    "alias.txt": "symlink to sample.txt (cleaned under that name)",
    "dangling.md": "broken symlink",
    "image.png": "not an article (.txt, .md, .markdown)",
    "linked-folder/": "symlinked folder (not followed)",
    "outside.txt": "symlink pointing outside IN_DIR (not read)",
}


def make_corpus(root: Path) -> Path:
    """Write the test corpus under ``root/in`` (and its outside targets under ``root``)."""
    in_dir = root / "in"
    for rel, (fixture, encoding) in CORPUS.items():
        path = in_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = fixture.read_text(encoding="utf-8") if fixture else ""
        path.write_bytes(text.encode(encoding))
    (in_dir / BROKEN).write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (in_dir / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (in_dir / ".drafts").mkdir()
    (in_dir / ".drafts" / "draft.txt").write_text("Черновик.", encoding="utf-8")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Not part of the corpus.", encoding="utf-8")
    (in_dir / "alias.txt").symlink_to("sample.txt")
    (in_dir / "outside.txt").symlink_to(outside / "secret.txt")
    (in_dir / "linked-folder").symlink_to(outside, target_is_directory=True)
    (in_dir / "dangling.md").symlink_to("missing.txt")
    return in_dir


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def tree(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` (relative POSIX path) with its modification time in ns."""
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One batch of the corpus, then a rerun with nothing changed."""
    root = tmp_path_factory.mktemp("batch")
    in_dir, out_dir = make_corpus(root), root / "out"
    first = run_cli("batch", str(in_dir), "-o", str(out_dir), "--jobs", "2")
    first_tree = tree(out_dir)
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    csv_bytes = (out_dir / "flags.csv").read_bytes()
    rerun = run_cli("batch", str(in_dir), "-o", str(out_dir), "--jobs", "2")
    return {
        "in": in_dir, "out": out_dir, "first": first, "first_tree": first_tree,
        "summary": summary, "csv": csv_bytes, "rerun": rerun, "rerun_tree": tree(out_dir),
        "rerun_summary": json.loads((out_dir / "summary.json").read_text(encoding="utf-8")),
    }


# --- one run over the corpus -------------------------------------------------------------------


def test_broken_file_fails_alone_with_one_line_and_exit_1(runs: dict) -> None:
    code, out, err = runs["first"]
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("transclean: error:")]
    assert errors == ["transclean: error: broken.txt: is a PDF document, not a text file "
                      "(save it as plain text (.txt) or Markdown (.md))"]
    assert "5 cleaned, 0 unchanged, 1 failed, 6 skipped" in out


@pytest.mark.parametrize("rel", CLEANED)
def test_outputs_under_the_same_relative_path(runs: dict, rel: str) -> None:
    stem = rel.rsplit(".", 1)[0]
    out: Path = runs["out"]
    assert (out / f"{stem}.bilingual.md").is_file()
    report = json.loads((out / f"{stem}.report.json").read_text(encoding="utf-8"))
    assert report["file"] == str(runs["in"] / rel)


def test_no_outputs_for_failed_or_skipped_entries(runs: dict) -> None:
    written = {name.split(".")[0] for name in runs["first_tree"]}
    assert not written & {"broken", "alias", "outside", "dangling", "image", "linked-folder"}
    assert not any(name.startswith(".drafts") for name in runs["first_tree"])


@pytest.mark.parametrize("rel", CLEANED)
def test_each_article_gets_exactly_what_clean_writes(
    runs: dict, rel: str, tmp_path: Path
) -> None:
    source = str(runs["in"] / rel)
    code, _, _ = run_cli("clean", source, "-o", str(tmp_path / "out.md"),
                         "--report", str(tmp_path / "report.json"))
    assert code == 0
    stem = runs["out"] / rel.rsplit(".", 1)[0]
    assert Path(f"{stem}.bilingual.md").read_bytes() == (tmp_path / "out.md").read_bytes()
    assert Path(f"{stem}.report.json").read_bytes() == (tmp_path / "report.json").read_bytes()


def test_cp1251_and_empty_files_are_read_like_clean_reads_them(runs: dict) -> None:
    out: Path = runs["out"]
    cp1251 = json.loads((out / "nested/ru-cp1251.report.json").read_text(encoding="utf-8"))
    assert cp1251["encoding"] == "cp1251"
    assert cp1251["corrected"].startswith("Атопический дерматит у детей")
    empty = json.loads((out / "empty.report.json").read_text(encoding="utf-8"))
    assert (empty["flags"], empty["corrected"]) == ([], "")


def test_summary_counts_and_lists_what_was_left_out(runs: dict) -> None:
    summary = runs["summary"]
    assert summary["files"] == {"articles": 6, "cleaned": 5, "unchanged": 0, "failed": 1,
                                "skipped": 6}
    assert {s["file"]: s["reason"] for s in summary["skipped"]} == SKIPPED
    assert [f["file"] for f in summary["failed"]] == [BROKEN]


def test_flags_csv_has_one_row_per_flag_of_every_report(runs: dict) -> None:
    out: Path = runs["out"]
    rows = list(csv.DictReader(runs["csv"].decode("utf-8-sig").splitlines(keepends=True)))
    assert list(rows[0]) == ["file", "line", "column", "rule", "severity", "text", "suggestion",
                             "fixed"]
    expected = []
    for rel in CLEANED:
        report = json.loads((out / f"{rel.rsplit('.', 1)[0]}.report.json").read_text("utf-8"))
        expected += [
            {"file": rel, "line": str(f["line"]), "column": str(f["column"]), "rule": f["rule"],
             "severity": f["severity"], "text": f["text"], "suggestion": f["suggestion"] or "",
             "fixed": "yes" if f["applied"] else "no"}
            for f in report["flags"]
        ]
    assert rows == expected
    assert len(rows) > 20  # the fixtures are full of errors: an empty CSV would be a bug


def test_summary_tallies_match_the_csv(runs: dict) -> None:
    rows = list(csv.DictReader(runs["csv"].decode("utf-8-sig").splitlines(keepends=True)))
    flags = runs["summary"]["flags"]
    assert flags["total"] == len(rows)
    assert flags["fixed"] == sum(r["fixed"] == "yes" for r in rows)
    assert {rule: v["flags"] for rule, v in flags["by_rule"].items()} == Counter(
        r["rule"] for r in rows)
    terms = {(t["text"], t["suggestion"]): t["count"] for t in runs["summary"]["terms"]}
    assert terms[("dumilumab", "dupilumab")] == 2  # the sample misspells it twice


def test_printed_summary_names_rules_terms_failures_and_files(runs: dict) -> None:
    _, out, _ = runs["first"]
    assert "Flags by rule" in out and "term.deprecated" in out
    assert "dumilumab → dupilumab  (term.deprecated): 2 in 1 file" in out
    assert "broken.txt: is a PDF document" in out
    assert "summary.json" in out and "flags.csv" in out


def test_manifest_records_each_finished_article_and_the_options(runs: dict) -> None:
    manifest = json.loads((runs["out"] / MANIFEST_NAME).read_text(encoding="utf-8"))
    files = manifest["files"]
    assert sorted(files) == CLEANED  # the broken file is not recorded: a rerun tries it again
    for rel, entry in files.items():
        assert entry["sha256"] == hashlib.sha256((runs["in"] / rel).read_bytes()).hexdigest()
        stem = rel.rsplit(".", 1)[0]
        assert entry["outputs"] == [f"{stem}.bilingual.md", f"{stem}.report.json"]
    options = manifest["options"]
    assert (options["formats"], options["use_default_glossary"], options["autofix"]) == (
        ["bilingual"], True, True)


# --- rerun: incremental ------------------------------------------------------------------------


def test_rerun_skips_every_unchanged_article(runs: dict) -> None:
    code, out, _ = runs["rerun"]
    assert code == 1  # the broken file is tried again and fails again
    assert "0 cleaned, 5 unchanged, 1 failed, 6 skipped" in out
    before, after = runs["first_tree"], runs["rerun_tree"]
    rewritten = sorted(name for name in before if before[name] != after[name])
    # flags.csv was built from exactly these articles' outputs: it is kept, not rebuilt
    assert rewritten == [MANIFEST_NAME, "summary.json"]


def test_rerun_rebuilds_the_same_csv_and_tallies(runs: dict) -> None:
    assert (runs["out"] / "flags.csv").read_bytes() == runs["csv"]
    first, rerun = runs["summary"], runs["rerun_summary"]
    assert rerun["files"]["unchanged"] == 5 and rerun["files"]["cleaned"] == 0
    assert {k: v for k, v in rerun.items() if k != "files"} == {
        k: v for k, v in first.items() if k != "files"}


def test_only_what_changed_is_cleaned_again(tmp_path: Path) -> None:
    in_dir, out_dir = make_corpus(tmp_path), tmp_path / "out"
    (in_dir / BROKEN).unlink()
    assert run_batch(in_dir, out_dir, jobs=1).cleaned == 5
    edited = in_dir / "nested" / "en-errors.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    (in_dir / "new.md").write_text("# New\n\nA new article.\n", encoding="utf-8")
    (in_dir / "sample.txt").touch()  # a newer date alone is no change
    again = run_batch(in_dir, out_dir, jobs=1)
    assert (again.cleaned, again.unchanged) == (2, 4)
    # the CSV and tallies of two articles' rows and four reports: those of a fresh batch
    fresh = run_batch(in_dir, tmp_path / "fresh", jobs=2)
    assert (out_dir / "flags.csv").read_bytes() == (tmp_path / "fresh" / "flags.csv").read_bytes()
    assert again.tally == fresh.tally
    # Another glossary or other fix options change every output: all are cleaned again.
    glossary = tmp_path / "extra.tsv"
    glossary.write_text("id\ten\tru\nc1\tpruritus\tзуд\n", encoding="utf-8")
    assert run_batch(in_dir, out_dir, jobs=1).unchanged == 6
    from transclean.config import Options

    assert run_batch(in_dir, out_dir, Options(glossaries=(glossary,)), jobs=1).cleaned == 6
    assert run_batch(in_dir, out_dir, Options(autofix=False), jobs=1).cleaned == 6
    assert run_batch(in_dir, out_dir, formats=["html"], jobs=1).cleaned == 6
    assert (out_dir / "sample.html").is_file()
    assert run_batch(in_dir, out_dir, formats=["html"], jobs=1, force=True).cleaned == 6


def test_a_deleted_output_is_written_again(tmp_path: Path) -> None:
    in_dir, out_dir = make_corpus(tmp_path), tmp_path / "out"
    run_batch(in_dir, out_dir, jobs=1)
    (out_dir / "nested" / "en-errors.bilingual.md").unlink()
    result = run_batch(in_dir, out_dir, jobs=1)
    assert (result.cleaned, result.unchanged) == (1, 4)
    assert (out_dir / "nested" / "en-errors.bilingual.md").is_file()


def test_the_longest_articles_are_cleaned_first(tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    sizes = {"a.txt": 2, "b.txt": 40, "c.md": 1, "d/e.txt": 9}
    for rel, sentences in sizes.items():
        (in_dir / rel).parent.mkdir(exist_ok=True)
        (in_dir / rel).write_text("Dupilumab blocks IL-4. " * sentences, encoding="utf-8")

    class Order:
        def __init__(self) -> None:
            self.rels: list[str] = []

        def planned(self, *args: object) -> None:
            pass

        def finished(self, outcome: Outcome) -> None:
            self.rels.append(outcome.rel)

    order = Order()
    run_batch(in_dir, tmp_path / "out", jobs=1, listener=order)
    assert order.rels == ["b.txt", "d/e.txt", "a.txt", "c.md"]


def test_a_csv_changed_or_deleted_since_is_built_again(tmp_path: Path) -> None:
    in_dir, out_dir = make_corpus(tmp_path), tmp_path / "out"
    (in_dir / BROKEN).unlink()
    first = run_batch(in_dir, out_dir, jobs=1)
    csv_path = out_dir / "flags.csv"
    built = csv_path.read_bytes()
    assert run_batch(in_dir, out_dir, jobs=1).tally == first.tally  # kept, with its tally
    csv_path.write_bytes(built.replace(b",yes\n", b",no\n", 1))  # edited by hand
    assert run_batch(in_dir, out_dir, jobs=1).tally == first.tally
    assert csv_path.read_bytes() == built
    csv_path.unlink()
    assert run_batch(in_dir, out_dir, jobs=1).tally == first.tally
    assert csv_path.read_bytes() == built


# --- interruption ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signum", "to_group", "status"),
    [
        (signal.SIGINT, True, 130),  # Ctrl-C in a terminal: the whole process group
        (signal.SIGTERM, False, 143),  # kill, a CI timeout: the batch process alone
    ],
)
def test_a_signal_stops_cleanly_and_a_rerun_finishes(
    tmp_path: Path, signum: int, to_group: bool, status: int
) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    text = SAMPLE.read_text(encoding="utf-8")
    total = 40
    for i in range(total):
        path = in_dir / f"part{i % 4}" / f"article-{i:03}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Article {i}\n\n{text}", encoding="utf-8")
    command = [sys.executable, "-m", "transclean", "batch", str(in_dir), "-o", str(out_dir),
               "--jobs", "1"]
    # Both runs use one frozen copy of the code: the manifest rightly redoes everything when
    # transclean's code changes, which in a working checkout may happen between the two runs.
    code = tmp_path / "code" / "transclean"
    shutil.copytree(Path(transclean.__file__).parent, code,
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ, PYTHONPATH=str(code.parent))
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, env=env)
    deadline = time.monotonic() + 60
    while not list(out_dir.rglob("*.report.json")) and time.monotonic() < deadline:
        time.sleep(0.01)
    (os.killpg if to_group else os.kill)(process.pid, signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == status, err.decode()
    done = int(re.search(rb"interrupted: (\d+) done, rerun to finish", err)[1])
    assert 0 < done < total
    assert b"Traceback" not in err
    manifest = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert len(manifest) == done
    assert temporaries(out_dir) == []
    for entry in manifest.values():  # whatever is recorded is complete
        for output in entry["outputs"]:
            if output.endswith(".json"):
                json.loads((out_dir / output).read_text(encoding="utf-8"))
    kept = tree(out_dir)

    rerun = subprocess.run(command, capture_output=True, timeout=120, env=env)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert f"{total - done} cleaned, {done} unchanged, 0 failed".encode() in rerun.stdout
    assert temporaries(out_dir) == []
    after = tree(out_dir)
    assert all(after[name] == kept[name] for name in kept if name.endswith(".md"))
    assert sum(name.endswith(".report.json") for name in after) == total


def deadly_clean_tasks(tasks: list[Task]) -> list[Outcome]:
    """Clean like a worker does, but die mid-write on reaching any article named 'poison'.

    Dying leaves what a killed ``write_atomic`` leaves: a temporary file beside the output.
    """
    outcomes = []
    for task in tasks:
        if "poison" in task.rel:
            out_root = Path(task.source).parents[1] / "out"
            (out_root / f".{Path(task.report).name}.abcd1234.tmp").write_bytes(b'{"fla')
            os.kill(os.getpid(), signal.SIGKILL)
        outcomes.append(clean_task(task))
    return outcomes


def test_a_worker_that_dies_fails_only_its_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    fine = [f"fine-{i:02}.txt" for i in range(40)]  # enough for calls of several articles
    for i, name in enumerate(fine):
        (in_dir / name).write_text(f"Dupilumab article {i}.\n", encoding="utf-8")
    (in_dir / "poison.txt").write_text("Dupilumab article.\n", encoding="utf-8")
    monkeypatch.setattr(batch_runner, "clean_tasks", deadly_clean_tasks)
    result = run_batch(in_dir, out_dir, jobs=2)
    assert result.failed == (("poison.txt", batch_runner.WORKER_DIED),)
    assert result.cleaned == len(fine)
    assert temporaries(out_dir) == []
    manifest = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert sorted(manifest) == fine


def collector_state(tasks: list[Task]) -> list[Outcome]:
    """Report, as each article's error, whether the worker collects garbage and froze the rest."""
    state = f"collecting {gc.isenabled()}, frozen {gc.get_freeze_count() > 0}"
    return [Outcome(task.rel, None, error=state) for task in tasks]


def test_workers_collect_garbage_and_leave_the_shared_pipeline_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "a.txt").write_text("Dupilumab.\n", encoding="utf-8")
    monkeypatch.setattr(batch_runner, "clean_tasks", collector_state)
    result = run_batch(in_dir, tmp_path / "out", jobs=1)
    frozen = "forkserver" in multiprocessing.get_all_start_methods()  # else nothing is shared
    assert result.failed == (("a.txt", f"collecting True, frozen {frozen}"),)


def dying_init_worker(*args: object) -> None:
    """A worker that dies while loading the pipeline (as out of memory would kill it)."""
    os.kill(os.getpid(), signal.SIGKILL)


def test_workers_that_cannot_start_fail_every_article_and_the_batch_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    for name in ("a.txt", "b.txt", "c.md"):
        (in_dir / name).write_text("Dupilumab.\n", encoding="utf-8")
    monkeypatch.setattr(batch_runner, "init_worker", dying_init_worker)
    result = run_batch(in_dir, tmp_path / "out", jobs=2)
    assert result.failed == tuple((name, batch_runner.WORKER_DIED)
                                  for name in ("a.txt", "b.txt", "c.md"))
    assert result.exit_code == 1


def test_interrupt_records_only_finished_articles(tmp_path: Path) -> None:
    in_dir, out_dir = make_corpus(tmp_path), tmp_path / "out"

    class StopAfterTwo:
        finished_count = 0

        def planned(self, *args: object) -> None:
            pass

        def finished(self, outcome: Outcome) -> None:
            self.finished_count += 1
            if self.finished_count == 2:
                raise KeyboardInterrupt

    with pytest.raises(BatchInterrupted) as info:
        run_batch(in_dir, out_dir, jobs=1, listener=StopAfterTwo())
    manifest = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert 1 <= len(manifest) == info.value.done < 5
    assert not (out_dir / "summary.json").exists()
    for entry in manifest.values():
        assert all((out_dir / output).is_file() for output in entry["outputs"])
    assert run_batch(in_dir, out_dir, jobs=1).unchanged == info.value.done


def test_stale_temporaries_of_ours_are_swept_and_others_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    ours = [out / "a" / ".b.report.json.k2j4_x9q.tmp", out / ".summary.json.00000000.tmp"]
    theirs = [out / "a" / ".notes.txt.k2j4_x9q.tmp", out / "a" / "b.report.json.tmp",
              out / "a" / ".b.report.json.tmp"]
    for path in ours + theirs:
        path.write_bytes(b"partial")
    assert sweep_temporaries(out, ["a/b.report.json", "summary.json"]) == 2
    assert [p.exists() for p in ours + theirs] == [False, False, True, True, True]


# --- folders and paths: safety -----------------------------------------------------------------


def test_out_dir_inside_in_dir_is_not_read_as_input(tmp_path: Path) -> None:
    in_dir = make_corpus(tmp_path)
    (in_dir / BROKEN).unlink()
    out_dir = in_dir / "cleaned"
    assert run_batch(in_dir, out_dir, jobs=1).cleaned == 5
    again = run_batch(in_dir, out_dir, jobs=1)
    assert (again.cleaned, again.unchanged) == (0, 5)
    assert ("cleaned/", "OUT_DIR (outputs are not inputs)") in {
        (s.rel, s.reason) for s in again.skipped}


@pytest.mark.parametrize(
    ("in_rel", "out_rel", "message"),
    [
        ("missing", "out", "missing: no such folder"),
        ("in/sample.txt", "out", "is a file, not a folder"),
        ("in", "in", "OUT_DIR is IN_DIR"),
        ("in", ".", "IN_DIR lies inside OUT_DIR"),
        ("in", "in/sample.txt", "OUT_DIR is a file"),
    ],
)
def test_bad_folders_are_one_line_and_exit_2(
    tmp_path: Path, in_rel: str, out_rel: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make_corpus(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(["batch", str(tmp_path / in_rel), "-o", str(tmp_path / out_rel)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err and err.startswith("transclean: ")


def test_bad_format_fails_before_any_work(tmp_path: Path) -> None:
    in_dir = make_corpus(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(["batch", str(in_dir), "-o", str(tmp_path / "out"), "--format", "bilingual,xlif"])
    assert info.value.code == 2
    assert not (tmp_path / "out").exists()


def test_a_symlink_planted_in_out_dir_cannot_redirect_writes(tmp_path: Path) -> None:
    in_dir, out_dir = make_corpus(tmp_path), tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out_dir.mkdir()
    (out_dir / "nested").symlink_to(elsewhere, target_is_directory=True)
    result = run_batch(in_dir, out_dir, jobs=1)
    failed = dict(result.failed)
    assert set(failed) == {BROKEN, "nested/en-errors.txt", "nested/ru-cp1251.txt",
                           "nested/deeper/ru-leftovers.md"}
    assert "outside OUT_DIR" in failed["nested/en-errors.txt"]
    assert list(elsewhere.iterdir()) == []


def test_two_batches_cannot_write_one_folder(tmp_path: Path) -> None:
    import fcntl

    in_dir, out_dir = make_corpus(tmp_path), tmp_path / "out"
    out_dir.mkdir()
    with open(out_dir / ".transclean-batch.lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(UsageError, match="another transclean batch"):
            run_batch(in_dir, out_dir, jobs=1)


# --- tallies ----------------------------------------------------------------------------------

flag_row = st.builds(
    FlagRow, line=st.integers(1, 9), column=st.integers(1, 9),
    rule=st.sampled_from(["term.deprecated", "term.misspelt", "qa.doubled-word"]),
    severity=st.sampled_from(["error", "warning"]),
    text=st.sampled_from(["Dumilumab", "dumilumab", "зуд", "Зуд", "the the"]),
    suggestion=st.sampled_from([None, "", "dupilumab", "прурит"]), fixed=st.booleans(),
)
articles = st.dictionaries(st.sampled_from(["a.txt", "b.md", "d/a.txt", "z.txt"]),
                           st.lists(flag_row, max_size=6))


@given(articles, st.randoms())
def test_a_tally_does_not_depend_on_which_article_finished_first(
    rows: dict[str, list[FlagRow]], rng: random.Random
) -> None:
    in_order, shuffled = Tally(), Tally()
    for rel in sorted(rows):
        in_order.add(rel, rows[rel])
    for rel in rng.sample(sorted(rows), len(rows)):
        shuffled.add(rel, rows[rel])
    assert shuffled == in_order
    assert Tally.from_record(json.loads(json.dumps(in_order.record()))) == in_order


def test_a_term_is_shown_as_first_written_in_file_order() -> None:
    tally = Tally()
    row = FlagRow(1, 1, "term.deprecated", "error", "Dumilumab", "dupilumab", True)
    tally.add("b.txt", [row])
    tally.add("a.txt", [row._replace(text="DUMILUMAB"), row._replace(text="dumilumab")])
    assert tally.top_terms() == [
        TermCount("term.deprecated", "DUMILUMAB", "dupilumab", count=3, files=2)]


BILINGUAL, JSON = (("bilingual", "bilingual.md"),), (("json", "json"),)


@pytest.mark.parametrize(
    ("names", "formats", "expected"),
    [
        (["a.txt", "b.md"], BILINGUAL, {"a.txt": "a", "b.md": "b"}),
        (["a.txt", "a.md"], BILINGUAL, {"a.md": "a.md", "a.txt": "a.txt"}),  # same stem
        (["d/a.txt", "a.md"], BILINGUAL, {"a.md": "a", "d/a.txt": "d/a"}),  # other folders
        (["summary.txt", "flags.md"], BILINGUAL, {"flags.md": "flags", "summary.txt": "summary"}),
        # x.report.txt's json output is x.report.json, the short report name of x.txt
        (["x.report.txt", "x.txt"], JSON, {"x.report.txt": "x.report", "x.txt": "x.txt"}),
        # summary.txt's json output would be OUT_DIR/summary.json, the batch's own summary
        (["summary.txt"], JSON, {"summary.txt": "summary.txt"}),
    ],
)
def test_output_names(
    names: list[str], formats: tuple[tuple[str, str], ...], expected: dict[str, str]
) -> None:
    tasks, clashes = _name_outputs(sorted(names), Path("in"), formats)
    assert clashes == []
    assert {t.rel: t.report.removesuffix(".report.json") for t in tasks} == expected


names = st.lists(
    st.builds(lambda d, s, x: f"{d}{s}{x}", st.sampled_from(["", "d/", "d/e/"]),
              st.sampled_from(["a", "a.txt", "a.md", "b", "summary", "flags"]),
              st.sampled_from([".txt", ".md", ".markdown"])),
    unique=True,
)


@given(names)
def test_no_two_articles_share_an_output(rels: list[str]) -> None:
    tasks, clashes = _name_outputs(sorted(rels), Path("in"), (("json", "json"), ("md", "md")))
    outputs = [o for t in tasks for _, o in t.outputs]
    assert len(outputs) == len(set(outputs))
    assert sorted([t.rel for t in tasks] + [s.rel for s in clashes]) == sorted(rels)
    assert not {"summary.json", "flags.csv", MANIFEST_NAME} & set(outputs)


def test_walk_is_sorted_and_stable(tmp_path: Path) -> None:
    in_dir = make_corpus(tmp_path)
    plan = plan_batch(in_dir, tmp_path / "out", (("bilingual", "bilingual.md"),))
    assert [t.rel for t in plan.tasks] == ARTICLE_NAMES
    assert [s.rel for s in plan.skipped] == sorted(SKIPPED)


def test_the_project_ignore_list_is_honoured(tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    shutil.copy(SAMPLE, in_dir / "article.txt")
    (in_dir / ".transclean").mkdir()
    (in_dir / ".transclean" / "ignore.tsv").write_text(
        "qa.untranslated\tЛечение алопеции и атопического дерматита: двойное действие "
        "дупилумаба\ttitle kept on purpose\n",
        encoding="utf-8",
    )
    out_dir = tmp_path / "out"
    code, _, err = run_cli("batch", str(in_dir), "-o", str(out_dir), "--jobs", "1", "--quiet")
    assert code == 0, err
    report = json.loads((out_dir / "article.report.json").read_text(encoding="utf-8"))
    rules = {flag["rule"] for flag in report["flags"]}
    assert "qa.untranslated" not in rules
    assert "term.deprecated" in rules
