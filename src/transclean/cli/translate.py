"""``transclean translate``: translate an article segment by segment, glossary terms enforced."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from transclean.cli._options import (
    build_options,
    engine_options,
    glossary_options,
    ignore_option,
    translation_settings,
)
from transclean.cli._output import check_output_paths, output_options, write_result


@click.command("translate")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option(
    "--to",
    "target",
    required=True,
    metavar="LANG",
    help="Language to translate into (ISO 639-1: en, ru, ...).",
)
@click.option(
    "--from",
    "source",
    metavar="LANG",
    help="Translate only the segments in this language (default: every segment "
    "not already in --to).",
)
@engine_options
@glossary_options
@ignore_option
@output_options(
    "bilingual (Markdown, side by side), text (the translation), md, html, xliff (1.2), "
    "xliff2 (2.1), tmx, json.",
    "translations and their flags",
)
def translate_cli(
    file: str,
    target: str,
    source: str | None,
    engine: str,
    model_dir: Path | None,
    server: str | None,
    api_key: str | None,
    glossaries: tuple[Path, ...],
    no_default_glossary: bool,
    ignore_file: Path | None,
    fmt: str,
    output: str,
    report_path: Path | None,
) -> None:
    """Translate FILE into --to, segment by segment, keeping its paragraphs and headings.

    Glossary terms are protected through the engine and written as the glossary's preferred
    target terms; a segment whose terms cannot be verified is flagged mt.term-unverified.
    The translations then pass the same checks as any text; their findings are in the report.
    Writes the bilingual version: source and translation side by side (XLIFF and TMX carry
    the real source and target languages).

    \b
    Examples:
      transclean translate article.txt --to en                     # side by side, to stdout
      transclean translate article.txt --to en --format text -o article.en.txt
      transclean translate article.txt --to en --format xliff -o article.xlf --model-dir models/
      transclean translate article.txt --to ru --engine libretranslate --server http://127.0.0.1:5000
    """
    from transclean.api import read_document, translate_document
    from transclean.translate.pipeline import MT_TERM_UNVERIFIED, MT_TRANSLATION
    from transclean.writers import get_writer

    writer = get_writer(fmt)
    check_output_paths(file, output, report_path)
    options = build_options(file, glossaries, no_default_glossary, ignore_file)
    settings = translation_settings(
        engine, model_dir, server, api_key, mode="replace", source=source, target=target
    )
    options = replace(options, translation=settings)
    result = translate_document(read_document(file), target, options)
    write_result(result, writer, output, report_path)
    translated = sum(1 for edit in result.edits if edit.rule == MT_TRANSLATION.id)
    unverified = sum(1 for flag in result.flags if flag.rule == MT_TERM_UNVERIFIED.id)
    click.echo(
        f"{result.document.source}: {translated} segments translated into {target}, "
        f"{unverified} with unverified terms, {len(result.flags)} flags",
        err=True,
    )
