"""Reviewing a batch output folder: articles found through the manifest (or their reports),
text recovered from each report, decisions beside the reports, "Finish" rewriting the outputs."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner

from transclean.api import check_document, clean_file, read_document, segment_string
from transclean.cli import main
from transclean.errors import InputError
from transclean.model import Action
from transclean.report import dumps
from transclean.review.batch import BatchFolder
from transclean.review.ignore import IgnoreEntry, remember
from transclean.writers import get_writer, json_report

EN = ("Treatment with dumilumab\n\nDumilumab was given weekly. The the rash improved , and "
      "topical screaming acid was used.\n\nAdd a comment\n")
RU = "# Лечение дупилумабом\n\nСыпь сыпь уменьшилась , и пациентам назначали дюпилумаб.\n"
N_EN = len(check_document(segment_string(EN)))  # counted, so changes to the checks don't matter
N_RU = len(check_document(segment_string(RU, markdown=True)))


def make_batch(tmp_path: Path, articles: dict[str, str], formats: tuple[str, ...] = (
        "bilingual", "text"), manifest: bool = True) -> Path:
    """Lay out OUT_DIR as `transclean batch` does: `<rel>.<ext>`, `<rel>.report.json`, manifest."""
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    files = {}
    for rel, text in articles.items():
        source = in_dir / rel
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(text, encoding="utf-8")
        result = clean_file(source)
        stem = str(PurePosixPath(rel).with_suffix(""))
        outputs = [f"{stem}.{get_writer(name).extension}" for name in formats]
        (out_dir / stem).parent.mkdir(parents=True, exist_ok=True)
        for name, output in zip(formats, outputs, strict=True):
            (out_dir / output).write_bytes(get_writer(name).write(result))
        (out_dir / f"{stem}.report.json").write_text(dumps(json_report(result)), encoding="utf-8")
        files[rel] = {"sha256": "x", "settings": "x", "tool": "x", "code": "x",
                      "outputs": [*outputs, f"{stem}.report.json"]}
    if manifest:
        (out_dir / ".transclean-manifest.json").write_text(
            json.dumps({"format": 1, "tool": "x", "files": files}), encoding="utf-8")
    return out_dir


def run(*args: str) -> tuple[int, str, str]:
    with CliRunner().isolation() as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


@pytest.mark.parametrize("manifest", [True, False], ids=["manifest", "reports-only"])
def test_articles_are_found_with_their_formats(tmp_path: Path, manifest: bool) -> None:
    out = make_batch(tmp_path, {"en.txt": EN, "ru/a.md": RU}, ("bilingual", "xliff2", "md"),
                     manifest=manifest)
    folder = BatchFolder(out)
    assert folder.rels == ("en", "ru/a")
    article = folder.open("ru/a")
    assert article.outputs.formats == ("bilingual", "md", "xliff2") if not manifest else (
        "bilingual", "xliff2", "md")
    assert [p.relative_to(out).as_posix() for p in article.output_paths()][-1] == (
        "ru/a.report.json")


@pytest.mark.parametrize(("rel", "text"), [("en.txt", EN), ("ru/a.md", RU)])
def test_an_article_is_the_one_batch_read(tmp_path: Path, rel: str, text: str) -> None:
    out = make_batch(tmp_path, {rel: text})
    article = BatchFolder(out).open(str(PurePosixPath(rel).with_suffix("")))
    original = read_document(tmp_path / "in" / rel)
    assert article.document == original  # same text, segments (markdown too) and facts
    assert article.flags == check_document(original)
    assert not article.notes


def test_review_a_batch_article_and_finish(tmp_path: Path) -> None:
    out = make_batch(tmp_path, {"sub/en.txt": EN, "ru.md": RU})
    folder = BatchFolder(out)
    assert [(s.rel, s.open) for s in folder.summaries()] == [("ru", N_RU), ("sub/en", N_EN)]
    article = folder.open("sub/en")
    acid = next(f for f in article.flags if f.text == "screaming acid")
    doubled = next(f for f in article.flags if f.rule == "qa.doubled-word")
    article.decide(acid.id, Action.REPLACE, "squaric acid (SQ)")
    article.decide(doubled.id, Action.REJECT)
    assert (out / "sub" / "en.decisions.json").is_file()
    assert [(s.rel, s.open) for s in folder.summaries()] == [("ru", N_RU), ("sub/en", N_EN - 2)]
    article.finish()
    for name in ("sub/en.txt", "sub/en.bilingual.md"):
        assert "squaric acid (SQ)" in (out / name).read_text(encoding="utf-8")
    assert "The the rash" in (out / "sub/en.txt").read_text(encoding="utf-8")
    report = json.loads((out / "sub/en.report.json").read_text(encoding="utf-8"))
    assert "squaric acid (SQ)" in report["corrected"]
    again = BatchFolder(out).open("sub/en")  # the rewritten report still gives the text back
    assert again.document.text == EN and set(again.decisions) == {acid.id, doubled.id}
    assert again.stale == ()


def test_the_ignore_list_counts_in_the_folder_list(tmp_path: Path) -> None:
    out = make_batch(tmp_path, {"en.txt": EN})
    ignore = tmp_path / "ignore.tsv"
    remember(ignore, IgnoreEntry("*", "Add a comment"))
    folder = BatchFolder(out, ignore_file=ignore)
    assert [s.open for s in folder.summaries()] == [N_EN - 1]
    assert all(f.text != "Add a comment" for f in folder.open("en").flags)


def test_a_report_that_does_not_give_the_text_back_is_an_error(tmp_path: Path) -> None:
    out = make_batch(tmp_path, {"en.txt": EN})
    report = json.loads((out / "en.report.json").read_text(encoding="utf-8"))
    report["corrected"] = report["corrected"].replace("dupilumab", "XX")
    (out / "en.report.json").write_text(json.dumps(report), encoding="utf-8")
    with pytest.raises(InputError, match="cannot give back"):
        BatchFolder(out).open("en")


def test_the_terminal_lists_folders_and_decides_on_reports(tmp_path: Path) -> None:
    out = make_batch(tmp_path, {"sub/en.txt": EN, "clean.txt": "Nothing to see here.\n"})
    code, listed, err = run("review", str(out), "--list")
    assert code == 0 and listed == f"sub/en  {N_EN} open of {N_EN} flags\n"
    assert f"2 articles, 1 with open flags, {N_EN} open flags" in err
    report = str(out / "sub" / "en.report.json")
    code, flags, _ = run("review", report, "--list")
    assert code == 0 and len(flags.splitlines()) == N_EN
    first = flags.split()[0]
    code, _, err = run("decide", report, first, "reject")
    assert code == 0, err
    code, listed, _ = run("review", str(out), "--list")
    assert listed == f"sub/en  {N_EN - 1} open of {N_EN} flags\n"
    code, _, err = run("review", str(out), "--finish")
    assert code == 0 and "sub/en.txt" in err and "clean" not in err  # only reviewed articles
