"""``transclean review`` and ``transclean decide``: review flags in the browser or the terminal.

Both are thin layers over :mod:`transclean.review`; the browser page, ``--list`` and ``decide``
read and write the same decisions file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from transclean.cli._options import glossary_options, split_rules, translate_option
from transclean.config import Options, TranslationOptions
from transclean.errors import UsageError

F = TypeVar("F", bound=Callable[..., Any])
ACTIONS = ("accept", "reject", "replace", "undo")


def _article_options(func: F) -> F:
    """Options that say how an article is opened: glossaries, ignore list, output folder."""
    func = click.option(
        "-o", "--output-dir", "out_dir", type=click.Path(file_okay=False, path_type=Path),
        help="Folder for the decisions file and outputs of FILE (default: FILE's folder).",
    )(func)
    func = click.option(
        "--ignore-file", type=click.Path(dir_okay=False, path_type=Path),
        help="Ignore list to honour and add to (default: .transclean/ignore.tsv found from "
        "FILE up, or here; created here when there is none).",
    )(func)
    return translate_option(glossary_options(func))


def _open(target: Path, glossaries: tuple[Path, ...], no_default_glossary: bool,
          ignore_file: Path | None, out_dir: Path | None,
          translation: TranslationOptions | None, formats: tuple[str, ...] = ()) -> Any:
    """Open TARGET: a folder is a batch folder, ``*.report.json`` one article of it, else a file."""
    from transclean.review.batch import REPORT_SUFFIX, BatchFolder, find_batch_root, rel_of_report
    from transclean.review.workspace import DEFAULT_FORMATS, open_file

    options = Options(glossaries=glossaries, use_default_glossary=not no_default_glossary,
                      translation=translation)
    if target.is_dir():
        return BatchFolder(target, options, ignore_file)
    if target.name.endswith(REPORT_SUFFIX):
        root = find_batch_root(target)
        return BatchFolder(root, options, ignore_file).open(rel_of_report(root, target))
    chosen = tuple(sorted(split_rules(formats), key=_format_order)) or DEFAULT_FORMATS
    return open_file(target, options, out_dir=out_dir, formats=chosen, ignore_file=ignore_file)


def _format_order(name: str) -> int:
    """Keep the formats in help order, whatever order they were given in."""
    from transclean.writers import get_writer, writer_names

    return writer_names().index(get_writer(name).name)


@click.command("review")
@click.argument("target", metavar="FILE|OUT_DIR", type=click.Path(exists=True, path_type=Path))
@_article_options
@click.option("--format", "formats", multiple=True, metavar="FORMATS",
              help="Outputs \"Finish\" writes for FILE, comma-separated (default: bilingual,text).")
@click.option("--list", "list_only", is_flag=True,
              help="Print the flags (or OUT_DIR's articles with open flags) and exit.")
@click.option("--finish", is_flag=True,
              help="Write the outputs with the saved decisions and exit, as the page's Finish.")
@click.option("--no-browser", is_flag=True,
              help="Only print the page's address (also what happens without a display).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1; 0 takes a free one.")
def review_cli(target: Path, glossaries: tuple[Path, ...], no_default_glossary: bool,
               ignore_file: Path | None, out_dir: Path | None,
               translation: TranslationOptions | None, formats: tuple[str, ...],
               list_only: bool, finish: bool, no_browser: bool, port: int) -> None:
    """Review the flags of FILE, or of every article in a batch OUT_DIR, in the browser.

    Each flag is shown in the article; accept its suggestion, reject it, or type your own
    correction. Decisions are saved at once to FILE's decisions file (<stem>.decisions.json,
    beside FILE or in -o) and come back when the review is reopened. "Finish" writes
    <stem>.reviewed.<ext> for each format (for OUT_DIR: rewrites the batch outputs).

    \b
    Examples:
      transclean review article.txt
      transclean review article.txt --no-browser --port 8765
      transclean review article.txt --list
      transclean review out/                 # a batch folder: articles with open flags
      transclean review article.txt --finish --format bilingual,html
      transclean review article.txt --translate --model-dir models/   # review translations too
    """
    from transclean.review.batch import BatchFolder

    opened = _open(target, glossaries, no_default_glossary, ignore_file, out_dir, translation,
                   formats)
    if list_only:
        if isinstance(opened, BatchFolder):
            _list_folder(opened)
        else:
            _list_flags(opened)
        return
    if finish:
        articles = (
            [opened.open(rel) for rel in opened.rels if _has_decisions(opened, rel)]
            if isinstance(opened, BatchFolder) else [opened]
        )
        for article in articles:
            done = article.finish()
            click.echo(f"{article.document.source}: {done.applied} decisions applied, wrote "
                       + ", ".join(str(p) for p in done.paths), err=True)
        return
    _serve(opened, port, not no_browser and _graphical())


def _graphical() -> bool:
    """Tell whether a browser window can open here; over SSH Python would start a text browser
    in the terminal instead, so there the address is only printed."""
    import os
    import sys

    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def _has_decisions(folder: Any, rel: str) -> bool:
    from transclean.review.decisions import DECISIONS_SUFFIX

    return bool((folder.root / f"{rel}{DECISIONS_SUFFIX}").is_file())


def _list_flags(article: Any) -> None:
    from transclean.report import line_column

    for flag in article.flags:
        line, column = line_column(article.document.text, flag.start)
        arrow = f" → {flag.suggestion}" if flag.suggestion is not None else ""
        record = article.decisions.get(flag.id)
        if record is None:
            state = "open"
        elif record.action.value == "replace":
            state = f"replace {record.replacement!r}"
        else:
            state = record.action.value
        click.echo(f"{flag.id}  {line}:{column}  {flag.rule}  {flag.text!r}{arrow}  [{state}]")
    for record in article.stale:
        click.echo(f"transclean: warning: stale decision {record.flag_id}: {record.action.value} "
                   f"on {record.rule} {record.text!r} (no such flag now; not applied)", err=True)
    click.echo(f"{article.document.source}: {len(article.flags)} flags, "
               f"{len(article.decisions)} decided, {article.open_count} open", err=True)


def _list_folder(folder: Any) -> None:
    summaries = folder.summaries()
    for summary in summaries:
        if summary.open:
            click.echo(f"{summary.rel}  {summary.open} open of {summary.flags} flags")
    waiting = sum(1 for s in summaries if s.open)
    click.echo(f"{folder.root}: {len(summaries)} articles, {waiting} with open flags, "
               f"{sum(s.open for s in summaries)} open flags", err=True)


def _serve(opened: Any, port: int, open_browser: bool) -> None:
    from transclean.review.batch import BatchFolder
    from transclean.review.web import ReviewSession, run

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    if isinstance(opened, BatchFolder):
        session = ReviewSession(batch=opened)
    else:
        session = ReviewSession(article=opened)

    def ready(url: str) -> None:
        click.echo(url)
        click.echo("transclean: review server on 127.0.0.1; press Ctrl+C to stop", err=True)

    try:
        run(session, port, on_ready=ready, open_browser=open_browser)
    except KeyboardInterrupt:
        pass  # werkzeug's loop ends quietly on Ctrl+C; an interrupt elsewhere lands here
    except OSError as exc:  # the port is taken, most likely
        raise UsageError(f"cannot serve on port {port}: {exc.strerror or exc}",
                         hint="pick another --port, or 0 for a free one") from None
    click.echo("transclean: review stopped; decisions are saved", err=True)


@click.command("decide")
@click.argument("target", metavar="FILE", type=click.Path(exists=True, dir_okay=False,
                                                          path_type=Path))
@click.argument("flag_id")
@click.argument("action", type=click.Choice(ACTIONS))
@click.argument("text", required=False)
@_article_options
@click.option("--remember", is_flag=True,
              help="With reject: add the flag to the project ignore list, never raised again.")
@click.option("--note", default="", help="A note for the ignore list entry (with --remember).")
def decide_cli(target: Path, flag_id: str, action: str, text: str | None,
               glossaries: tuple[Path, ...], no_default_glossary: bool,
               ignore_file: Path | None, out_dir: Path | None,
               translation: TranslationOptions | None, remember: bool, note: str) -> None:
    """Decide on the flag FLAG_ID of FILE: accept, reject, replace TEXT, or undo.

    The decision is saved in the same decisions file the review page uses; write the outputs
    with `transclean review FILE --finish`. FILE may also be a batch `<rel>.report.json`.

    \b
    Examples:
      transclean review article.txt --list
      transclean decide article.txt F46437caf68 accept
      transclean decide article.txt F46437caf68 replace "dupilumab (Dupixent)"
      transclean decide article.txt F0a1b2c3d4e reject --remember --note "house style"
    """
    from transclean.model import Action

    if remember and action != "reject":
        raise UsageError("--remember goes with reject", hint="only rejected flags are ignored")
    article = _open(target, glossaries, no_default_glossary, ignore_file, out_dir, translation)
    flag = article.flag(flag_id)
    if action == "undo":
        if text is not None:
            raise UsageError("undo takes no text")
        article.undo(flag_id)
        click.echo(f"{flag_id}: decision undone ({article.outputs.decisions})", err=True)
        return
    if remember:
        if text is not None:
            raise UsageError("reject takes no text", hint="use replace to type your own")
        added = article.ignore(flag_id, note)  # records the rejection too
        where = "added to" if added else "already in"
        click.echo(f"{flag_id}: reject; {flag.rule} {flag.text!r} {where} {article.ignore_file}",
                   err=True)
        return
    record = article.decide(flag_id, Action(action), text)
    outcome = f" → {record.replacement!r}" if record.replacement is not None else ""
    click.echo(f"{flag_id}: {action} {flag.text!r}{outcome} ({article.outputs.decisions})",
               err=True)
