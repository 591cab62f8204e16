"""``transclean segment``: show how an article is split and which language each part is in."""

from __future__ import annotations

import click

from transclean.api import read_document
from transclean.report import dumps, segment_report


@click.command("segment")
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per segment for people; json: the segment report (see README).",
)
def segment_cli(file: str, fmt: str) -> None:
    """Split FILE into title, headings, paragraphs and sentences, each with its language.

    FILE may be '-' for standard input. Any common encoding is accepted (UTF-8/16,
    Windows-1251, KOI8-R); what the reader did is listed as notes.

    \b
    Examples:
      transclean segment samples/dupilumab-alopecia.txt
      transclean segment --format json article.md
    """
    document = read_document(file)
    if fmt == "json":
        click.echo(dumps(segment_report(document)), nl=False)
        return
    click.echo(f"# {document.source}: {document.language}, {document.encoding}")
    for note in document.notes:
        click.echo(f"# note: {note}")
    for seg in document.segments:
        indent = "    " if seg.parent else ""
        text = document.text[seg.start : seg.end].replace("\n", " ")
        inline = (
            "".join(f" [{s.lang}: {document.text[s.start : s.end]}]" for s in seg.inline)
            if seg.parent or seg.kind.value != "paragraph"
            else ""
        )
        click.echo(
            f"{indent}{seg.id:<8} {seg.kind.value:<9} {seg.lang} {seg.confidence:.2f}"
            f"  {text}{inline}"
        )
