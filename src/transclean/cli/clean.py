"""``transclean clean``: the main job — check, apply safe fixes, write the corrected version."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from transclean.api import clean_file
from transclean.cli._options import (
    build_options,
    fix_options,
    glossary_options,
    ignore_option,
    translate_option,
)
from transclean.cli._output import check_output_paths, output_options, write_result
from transclean.config import TranslationOptions


@click.command("clean")
@click.argument("file", type=click.Path(allow_dash=True))
@glossary_options
@ignore_option
@output_options(
    "bilingual (Markdown review), text, md, html, xliff (1.2), xliff2 (2.1), tmx, json.",
    "flags and edits",
)
@fix_options
@translate_option
@click.option("--in-place", is_flag=True, help="Allow -o to be the input file; keeps FILE.bak.")
def clean_cli(
    file: str,
    glossaries: tuple[Path, ...],
    no_default_glossary: bool,
    ignore_file: Path | None,
    fmt: str,
    output: str,
    report_path: Path | None,
    fix: tuple[str, ...],
    no_fix: tuple[str, ...],
    no_autofix: bool,
    translation: TranslationOptions | None,
    in_place: bool,
) -> None:
    """Clean FILE: find term errors, QA problems and site chrome, apply the safe fixes, and
    write the corrected article with every change recorded.

    Safe fixes are applied on their own (deprecated terms, sure misspellings, clear chrome,
    doubled words, spacing, mixed-script letters); everything else is only flagged.

    \b
    Examples:
      transclean clean article.txt                      # bilingual review to stdout
      transclean clean article.txt --format html -o review.html
      transclean clean article.txt --format xliff -o article.xlf --report report.json
      transclean clean article.txt --format text -o article.txt --in-place
      transclean clean article.txt --no-autofix --fix term.deprecated
      transclean clean article.txt --translate --model-dir models/   # MT beside Russian lines
      transclean clean article.txt --translate=replace --format text -o article.en.txt
    """
    from transclean.writers import get_writer

    writer = get_writer(fmt)  # fail on a bad format before any work
    check_output_paths(file, output, report_path, in_place=in_place)
    options = build_options(
        file, glossaries, no_default_glossary, ignore_file, fix, no_fix, no_autofix
    )
    options = replace(options, translation=translation)
    result = clean_file(file, options)
    write_result(result, writer, output, report_path)
    applied = len(result.edits)
    click.echo(
        f"{result.document.source}: {len(result.flags)} flags, {applied} fixes applied", err=True
    )
