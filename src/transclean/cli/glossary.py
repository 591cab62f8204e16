"""``transclean glossary``: check, convert and count glossary files.

Each subcommand is a thin layer over :mod:`transclean.glossary.io` and
:mod:`transclean.glossary.checks`, usable from Python as they are.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from transclean.errors import EXIT_FLAGS, TranscleanError
from transclean.glossary.formats import BUILTIN

F = TypeVar("F", bound=Callable[..., Any])
FORMAT_NAMES = tuple(f.name for f in BUILTIN)


class _Failed(click.ClickException):
    """A library error shown as the one line every transclean error is: ``transclean: error: …``."""

    def __init__(self, error: TranscleanError) -> None:
        super().__init__(error.one_line())
        self.exit_code = error.exit_code  # type: ignore[misc]  # click declares a default

    def show(self, file: Any = None) -> None:
        click.echo(f"transclean: error: {self.message}", err=True)


class _StderrHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"transclean: warning: {record.getMessage()}", err=True)


@contextmanager
def _warnings_shown() -> Iterator[None]:
    """Show the glossary readers' logged warnings (e.g. an unknown part of speech) on stderr."""
    logger = logging.getLogger("transclean.glossary")
    handler = _StderrHandler(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _reported(command: F) -> F:
    """Turn library errors into one line on stderr and their exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with _warnings_shown():
                return command(*args, **kwargs)
        except TranscleanError as exc:
            raise _Failed(exc) from None

    return wrapper  # type: ignore[return-value]


_from_option = click.option(
    "--from", "from_fmt", type=click.Choice(FORMAT_NAMES, case_sensitive=False),
    help="Input format, when the extension and content do not tell it.",
)
_lang_options = (
    click.option("--source-lang", default="ru", show_default=True, metavar="LANG",
                 help="Language of the first column of an OmegaT glossary."),
    click.option("--target-lang", default="en", show_default=True, metavar="LANG",
                 help="Language of the second column of an OmegaT glossary."),
)


def _with_langs(command: F) -> F:
    for option in reversed(_lang_options):
        command = option(command)
    return command


@click.group("glossary", context_settings={"help_option_names": ["-h", "--help"]})
def glossary_cli() -> None:
    """Check, convert and count glossary files.

    \b
    Formats (chosen by extension and content, or with --from/--to):
      tbx2008  TBX 2008 <martif> (.tbx, .xml), TBX-Basic style
      tbx3     TBX v3 TBX-Basic <tbx> (.tbx, .xml)
      tsv/csv  our table: a header naming languages and statuses (.tsv, .tab, .csv),
               documented in glossaries/README.md
      omegat   OmegaT's source<TAB>target<TAB>comment (.txt, .utf8, header-less .tab/.tsv)
    """


@glossary_cli.command("check", short_help="Report conflicts and duplicates in a glossary.")
@click.argument("file", type=click.Path(dir_okay=False))
@_from_option
@_with_langs
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too (homonyms, dead ends).")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one line per finding; json: a list of findings.")
@click.pass_context
@_reported
def check_cli(ctx: click.Context, file: str, from_fmt: str | None, source_lang: str,
              target_lang: str, strict: bool, output: str) -> None:
    """Report conflicts and duplicates in the glossary FILE.

    A conflict is a term allowed (preferred/admitted) in one place and forbidden
    (deprecated/superseded) in another; duplicates are repeated terms, entries and
    ids. Homonyms and languages with nothing to suggest are warnings.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 the file
    cannot be read.

    \b
    Examples:
      transclean glossary check glossaries/dermatology-pharmacology.ru-en.tsv
      transclean glossary check --strict --format json terms.tbx
    """
    from transclean.glossary.checks import check_glossary
    from transclean.glossary.io import load_glossary
    from transclean.model import Severity

    glossary = load_glossary(file, fmt=from_fmt, source_lang=source_lang, target_lang=target_lang)
    findings = check_glossary(glossary)
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    if output == "json":
        records = [{"kind": f.kind, "severity": f.severity.value, "concept": f.concept_id,
                    "origin": f.origin, "message": f.message} for f in findings]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for f in findings:
            click.echo(f"{f.origin or file}: {f.severity.value}: {f.message} [{f.kind}]")
        terms = sum(len(c.terms) for c in glossary.concepts)
        click.echo(f"{file}: {len(glossary)} concepts, {terms} terms: "
                   f"{errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        ctx.exit(EXIT_FLAGS)


@glossary_cli.command("convert", short_help="Convert a glossary to another format.")
@click.argument("source", metavar="IN", type=click.Path(dir_okay=False))
@click.argument("target", metavar="OUT", type=click.Path(dir_okay=False))
@_from_option
@click.option("--to", "to_fmt", type=click.Choice(FORMAT_NAMES, case_sensitive=False),
              help="Output format; by default from OUT's extension (.tbx is written as tbx2008).")
@_with_langs
@_reported
def convert_cli(source: str, target: str, from_fmt: str | None, to_fmt: str | None,
                source_lang: str, target_lang: str) -> None:
    """Convert the glossary IN to OUT, in the format OUT's extension or --to names.

    OUT is replaced atomically. What the output format cannot carry (statuses in
    OmegaT, case sensitivity in TBX, per-term notes in a table) is listed as notes
    on stderr.

    \b
    Examples:
      transclean glossary convert terms.tsv terms.tbx
      transclean glossary convert terms.tsv terms-v3.tbx --to tbx3
      transclean glossary convert omegat-glossary.txt terms.tsv --source-lang ru --target-lang en
    """
    from transclean.glossary.io import load_glossary, save_glossary

    glossary = load_glossary(source, fmt=from_fmt, source_lang=source_lang,
                             target_lang=target_lang)
    notes = save_glossary(glossary, target, to_fmt, source_lang=source_lang,
                          target_lang=target_lang)
    for note in notes:
        click.echo(f"transclean: note: {target}: {note}", err=True)
    click.echo(f"{source} → {target}: {len(glossary)} concepts", err=True)


@glossary_cli.command("stats", short_help="Count concepts and terms per language and status.")
@click.argument("file", type=click.Path(dir_okay=False))
@_from_option
@_with_langs
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: a short summary; json: every count.")
@_reported
def stats_cli(file: str, from_fmt: str | None, source_lang: str, target_lang: str,
              output: str) -> None:
    """Count the concepts and terms of the glossary FILE, per language and status.

    \b
    Examples:
      transclean glossary stats glossaries/dermatology-pharmacology.ru-en.tsv
      transclean glossary stats --format json terms.tbx
    """
    from transclean.glossary.checks import glossary_stats
    from transclean.glossary.io import load_glossary

    glossary = load_glossary(file, fmt=from_fmt, source_lang=source_lang, target_lang=target_lang)
    stats = glossary_stats(glossary)
    if output == "json":
        click.echo(json.dumps({"file": file, **stats}, ensure_ascii=False, indent=2))
        return
    languages: dict[str, dict[str, int]] = stats["languages"]  # type: ignore[assignment]
    click.echo(f"{file}: {stats['concepts']} concepts, {stats['terms']} terms, "
               f"languages: {', '.join(languages) or 'none'}")
    for lang, counts in languages.items():
        by_status = ", ".join(f"{name} {counts[name]}" for name in
                              ("preferred", "admitted", "deprecated", "superseded"))
        click.echo(f"  {lang}: {counts['terms']} terms in {counts['concepts']} concepts "
                   f"({by_status})")
    click.echo(f"  concepts in every language: {stats['concepts_in_every_language']}; "
               f"case-sensitive terms: {stats['case_sensitive_terms']}; "
               f"terms with part of speech: {stats['terms_with_part_of_speech']}")


@glossary_cli.command("learn", short_help="Grow a glossary from review decisions.")
@click.argument("decisions", metavar="DECISIONS...", nargs=-1, required=True,
                type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Glossary to create or extend (merged with it, never duplicated).")
@click.option("--format", "to_fmt", type=click.Choice(FORMAT_NAMES, case_sensitive=False),
              help="Glossary format; by default from the output's extension.")
@click.option("--lang", metavar="LANG",
              help="Language of the learned terms (default: each decision's sentence language).")
@_with_langs
@_reported
def learn_cli(decisions: tuple[str, ...], output: str, to_fmt: str | None, lang: str | None,
              source_lang: str, target_lang: str) -> None:
    """Turn accepted and typed term corrections of review DECISIONS files into glossary entries.

    Each accepted deprecated-term or misspelling flag, and each term flag the editor corrected
    by hand, becomes a deprecated → preferred pair in OUTPUT: the flagged form is deprecated,
    the accepted or typed form preferred (in dictionary form: Russian nominative, no sentence
    capital). Pairs OUTPUT already has are skipped; pairs that contradict it are reported.

    \b
    Examples:
      transclean glossary learn article.decisions.json -o learned.tsv
      transclean glossary learn out/*.decisions.json -o our-terms.tbx --format tbx3
    """
    from transclean.review.learn import learn_files

    report, notes = learn_files(decisions, output, to_fmt, lang=lang, source_lang=source_lang,
                                target_lang=target_lang)
    for note in report.notes:
        click.echo(f"transclean: note: {note}", err=True)
    for note in notes:
        click.echo(f"transclean: note: {output}: {note}", err=True)
    click.echo(f"{output}: {report.added} term(s) learned from {len(decisions)} decisions "
               f"file(s); {len(report.glossary)} concepts", err=True)
