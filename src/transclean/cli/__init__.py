"""The ``transclean`` command: a thin click layer over :mod:`transclean.api`.

Subcommands are imported only when invoked, so ``transclean --help`` loads neither spaCy nor
pymorphy3 (click's documented LazyGroup pattern).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from transclean import __version__
from transclean.errors import EXIT_USAGE, TranscleanError

# name -> "module:attribute", in the order help lists them.
SUBCOMMANDS: dict[str, str] = {
    "clean": "transclean.cli.clean:clean_cli",
    "translate": "transclean.cli.translate:translate_cli",
    "batch": "transclean.cli.batch:batch_cli",
    "check": "transclean.cli.check:check_cli",
    "segment": "transclean.cli.segment:segment_cli",
    "glossary": "transclean.cli.glossary:glossary_cli",
    "review": "transclean.cli.review:review_cli",
    "decide": "transclean.cli.review:decide_cli",
    "models": "transclean.cli.models:models_cli",
}

_SHORT_HELP: dict[str, str] = {
    "clean": "Check an article, apply safe fixes, write the corrected bilingual version.",
    "translate": "Translate an article segment by segment, glossary terms enforced.",
    "batch": "Clean every article of a folder in parallel; reruns redo only what changed.",
    "check": "Report term errors, QA problems and site chrome without changing anything.",
    "segment": "Split an article into title, headings, paragraphs and sentences, with languages.",
    "glossary": "Check, convert and count glossary files (TBX 2008/v3, TSV/CSV, OmegaT).",
    "review": "Review the flags of an article or a batch folder in the browser (or --list).",
    "decide": "Accept, reject or replace one flag from the terminal (same decisions file).",
    "models": "List and install the offline translation models (Argos Translate packages).",
}


class LazyGroup(click.Group):
    """A group that imports each subcommand's module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = SUBCOMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _SHORT_HELP.get(name, "")) for name in SUBCOMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else None
        if name and not name.startswith("-") and name not in SUBCOMMANDS:
            import difflib

            close = difflib.get_close_matches(name, list(SUBCOMMANDS), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise click.UsageError(f"No such command '{name}'.{hint}", ctx)
        return super().resolve_command(ctx, args)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="""\b
Examples:
  transclean clean article.txt                     # bilingual review to stdout
  transclean clean article.txt --format html -o review.html
  transclean check --fail-on warning article.txt
  transclean translate article.txt --to en --model-dir models/
  transclean batch articles/ -o cleaned/
  transclean review article.txt
  transclean segment --format json article.md > segments.json""",
)
@click.version_option(__version__, prog_name="transclean")
def cli() -> None:
    """Clean machine-translated Russian/English articles: read, segment, check, correct, write."""


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; library errors become one line on stderr and exit code 2, never a traceback."""
    try:
        return cli.main(args=argv, prog_name="transclean", standalone_mode=True)
    except TranscleanError as exc:
        click.echo(f"transclean: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("transclean: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say so in one line, traceback only on request
        if os.environ.get("TRANSCLEAN_DEBUG"):
            raise
        click.echo(
            f"transclean: internal error: {type(exc).__name__}: {exc} "
            "(set TRANSCLEAN_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        sys.exit(EXIT_USAGE + 1)
