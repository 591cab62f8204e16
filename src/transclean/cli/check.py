"""``transclean check``: report glossary term errors and QA problems without changing anything."""

from __future__ import annotations

from pathlib import Path

import click

from transclean.api import check_file
from transclean.cli._options import build_options, glossary_options, ignore_option
from transclean.errors import EXIT_FLAGS, EXIT_OK
from transclean.model import Severity
from transclean.report import check_report, dumps, line_column


@click.command("check")
@click.argument("file", type=click.Path(allow_dash=True))
@glossary_options
@ignore_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per flag for people; json: the check report (see README).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a flag at or above this severity is found.",
)
def check_cli(
    file: str,
    glossaries: tuple[Path, ...],
    no_default_glossary: bool,
    ignore_file: Path | None,
    fmt: str,
    fail_on: str,
) -> None:
    """Check FILE for term errors, QA problems and site chrome; change nothing.

    Exit status: 0 no flag at or above --fail-on, 1 some, 2 bad usage or unreadable input or
    glossary.

    \b
    Examples:
      transclean check article.txt
      transclean check --glossary our-terms.tbx --fail-on warning article.txt
      transclean check --format json article.txt > report.json
    """
    options = build_options(file, glossaries, no_default_glossary, ignore_file)
    document, flags = check_file(file, options)
    if fmt == "json":
        click.echo(dumps(check_report(document, flags)), nl=False)
    else:
        for flag in flags:
            line, column = line_column(document.text, flag.start)
            arrow = f" → {flag.suggestion}" if flag.suggestion is not None else ""
            click.echo(
                f"{document.source}:{line}:{column}: {flag.severity.value} {flag.rule}: "
                f"{flag.text!r}{arrow}  ({flag.message})"
            )
        counts = {s: sum(f.severity is s for f in flags) for s in Severity}
        click.echo(
            f"{len(flags)} flags: {counts[Severity.ERROR]} errors, "
            f"{counts[Severity.WARNING]} warnings, {counts[Severity.INFO]} info",
            err=True,
        )
    threshold = None if fail_on == "never" else Severity(fail_on)
    failed = threshold is not None and any(f.severity.rank >= threshold.rank for f in flags)
    raise SystemExit(EXIT_FLAGS if failed else EXIT_OK)
