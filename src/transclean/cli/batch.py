"""``transclean batch``: clean a whole folder of articles in parallel, resumably."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from transclean.cli._options import (
    build_options,
    fix_options,
    glossary_options,
    ignore_option,
    translate_option,
)
from transclean.config import TranslationOptions

if TYPE_CHECKING:
    from transclean.batch import BatchResult, Outcome, Skipped

SHOWN_FAILURES = 20
SHOWN_SKIPPED = 10
SHOWN_TERMS = 10
PLAIN_LINES = 10  # progress lines when stderr is not a terminal (a log, CI)


@click.command("batch")
@click.argument("in_dir", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", required=True, metavar="OUT_DIR",
              type=click.Path(path_type=Path),
              help="Folder for the outputs, created if missing; not IN_DIR itself (inside it is "
                   "fine: it is not read as input).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes.  [default: the number of cores]")
@glossary_options
@click.option(
    "--format", "formats", multiple=True, metavar="FORMATS",
    help="Output formats, repeatable or comma-separated: bilingual, text, md, html, xliff, "
         "xliff2, tmx, json.  [default: bilingual]",
)
@fix_options
@ignore_option
@translate_option
@click.option("--force", is_flag=True, help="Clean every article again, even unchanged ones.")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress and no summary; failed files are still named on stderr.")
@click.pass_context
def batch_cli(
    ctx: click.Context,
    in_dir: Path,
    out_dir: Path,
    jobs: int | None,
    glossaries: tuple[Path, ...],
    no_default_glossary: bool,
    formats: tuple[str, ...],
    fix: tuple[str, ...],
    no_fix: tuple[str, ...],
    no_autofix: bool,
    ignore_file: Path | None,
    translation: TranslationOptions | None,
    force: bool,
    quiet: bool,
) -> None:
    """Clean every article (.txt, .md) under IN_DIR into OUT_DIR, in parallel.

    Each article's outputs and its JSON report go to the same relative path under OUT_DIR
    (IN_DIR/a/b.txt gives OUT_DIR/a/b.bilingual.md and OUT_DIR/a/b.report.json), exactly as
    'transclean clean' writes them. OUT_DIR also gets summary.json and flags.csv (one row per
    flag, for spreadsheets). Other files are listed as skipped; symlinked folders are not
    followed and symlinks pointing outside IN_DIR are not read.

    A rerun cleans only what changed since the last one (the article, the glossaries, the
    options or transclean itself), as recorded in OUT_DIR/.transclean-manifest.json; after
    Ctrl-C it finishes the rest. A file that cannot be cleaned is named with its error and
    the others go on (failed files are tried again on every run).

    Exit status: 0 when every article was cleaned, 1 when any failed, 2 for bad arguments,
    130 when interrupted by Ctrl-C (143 by SIGTERM).

    \b
    Examples:
      transclean batch articles/ -o cleaned/
      transclean batch articles/ -o cleaned/ --format bilingual,html --jobs 4
      transclean batch articles/ -o cleaned/ --glossary clinic.tbx --no-autofix
      transclean batch articles/ -o cleaned/ --quiet || echo "some articles failed"
      transclean batch articles/ -o cleaned/ --translate --model-dir models/
    """
    from transclean.batch import BatchInterrupted, run_batch

    options = build_options(
        in_dir, glossaries, no_default_glossary, ignore_file, fix, no_fix, no_autofix
    )
    options = replace(options, translation=translation)
    names = tuple(part.strip() for value in formats for part in value.split(",") if part.strip())
    listener = _listener(quiet)
    received: list[int] = []
    try:
        with listener, _stopping_signals(received):
            result = run_batch(in_dir, out_dir, options, names or ("bilingual",), jobs,
                               force=force, listener=listener)
    except BatchInterrupted as stop:
        click.echo(f"interrupted: {stop.done} done, rerun to finish", err=True)
        ctx.exit(128 + (received[0] if received else signal.SIGINT))
    if not quiet:
        _print_summary(result, out_dir)
    ctx.exit(result.exit_code)


@contextmanager
def _stopping_signals(received: list[int]) -> Iterator[None]:
    """Stop on SIGTERM or SIGHUP (kill, a closed terminal, a CI timeout) as on Ctrl-C.

    The batch then records what finished instead of dying mid-way; the signal is kept in
    ``received`` so that the exit status says which one (128 + its number).
    """
    def stop(signum: int, frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():  # only there can we listen
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, stop) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class _Plain:
    """Progress as a few plain lines on stderr (a log file, CI), failures as they happen."""

    def __init__(self, show_progress: bool) -> None:
        self.show_progress = show_progress
        self.todo = self.finished_count = self.failed = 0
        self.started = time.perf_counter()

    def __enter__(self) -> _Plain:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def planned(self, todo: int, unchanged: int, skipped: Sequence[Skipped], jobs: int) -> None:
        self.todo, self.started = todo, time.perf_counter()
        if self.show_progress:
            workers = f", {jobs} worker{'s' if jobs > 1 else ''}" if todo else ""
            self.say(f"transclean batch: {todo} to clean, {unchanged} unchanged, "
                     f"{len(skipped)} skipped{workers}")

    def finished(self, outcome: Outcome) -> None:
        self.finished_count += 1
        if outcome.error is not None:
            self.failed += 1
            self.say(f"transclean: error: {outcome.rel}: {outcome.error}")
        step = max(1, self.todo // PLAIN_LINES)
        if self.show_progress and (self.finished_count % step == 0
                                   or self.finished_count == self.todo):
            self.say(f"transclean batch: {self.finished_count}/{self.todo} done, "
                     f"{self.failed} failed, {self.rate():.1f} files/s")

    def rate(self) -> float:
        return self.finished_count / max(time.perf_counter() - self.started, 1e-9)

    def say(self, line: str) -> None:
        click.echo(line, err=True)


class _Bar(_Plain):
    """A rich progress bar on a terminal: files done, failed, rate and time left."""

    def __init__(self) -> None:
        super().__init__(show_progress=True)
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"), TextColumn("{task.fields[rate]} files/s"),
            TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self.task: Any = None

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def planned(self, todo: int, unchanged: int, skipped: Sequence[Skipped], jobs: int) -> None:
        super().planned(todo, unchanged, skipped, jobs)
        self.task = self.progress.add_task("batch", total=todo, failed=0, rate="-")

    def finished(self, outcome: Outcome) -> None:
        self.finished_count += 1
        if outcome.error is not None:
            self.failed += 1
            self.say(f"transclean: error: {outcome.rel}: {outcome.error}")
        self.progress.update(self.task, advance=1, failed=self.failed, rate=f"{self.rate():.1f}")

    def say(self, line: str) -> None:
        self.progress.console.print(line, markup=False, highlight=False)


def _listener(quiet: bool) -> _Plain:
    if not quiet and sys.stderr.isatty():
        return _Bar()
    return _Plain(show_progress=not quiet)


def _print_summary(result: BatchResult, out_dir: Path) -> None:
    """The closing summary on stdout: counts, flags by rule, top terms, failures, skipped."""
    tally = result.tally
    cleaned = result.cleaned
    rate = f", {cleaned / result.seconds:.1f} files/s" if cleaned and result.seconds else ""
    click.echo(
        f"{cleaned} cleaned, {result.unchanged} unchanged, {len(result.failed)} failed, "
        f"{len(result.skipped)} skipped in {result.seconds:.1f} s{rate}"
    )
    if tally.flags:
        click.echo(f"\nFlags by rule ({tally.flags} flags, {tally.fixed} fixed):")
        width = max(len(rule) for rule in tally.by_rule)
        for rule, count in sorted(tally.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            click.echo(f"  {rule:<{width}}  {count:>7}  {tally.fixed_by_rule[rule]:>7} fixed")
    terms = tally.top_terms(SHOWN_TERMS)
    if terms:
        click.echo("\nMost frequent flagged terms:")
        for term in terms:
            arrow = f" → {term.suggestion}" if term.suggestion else ""
            click.echo(f"  {term.text}{arrow}  ({term.rule}): {term.count} in {term.files} "
                       f"file{'s' if term.files > 1 else ''}")
    _listing("Failed", [f"{rel}: {error}" for rel, error in result.failed], SHOWN_FAILURES)
    _listing("Skipped", [f"{s.rel}: {s.reason}" for s in result.skipped], SHOWN_SKIPPED)
    click.echo(f"\nSummary: {out_dir / result.summary_path.name}; "
               f"every flag: {out_dir / result.csv_path.name}")


def _listing(title: str, lines: list[str], limit: int) -> None:
    if not lines:
        return
    click.echo(f"\n{title}:")
    for line in lines[:limit]:
        click.echo(f"  {line}")
    if len(lines) > limit:
        click.echo(f"  … and {len(lines) - limit} more (see summary.json)")
