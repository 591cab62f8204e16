"""Where ``clean`` and ``translate`` put their result: one output, an optional JSON report."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from transclean.errors import UsageError
from transclean.io.output import guard_overwrite, same_file, write_atomic
from transclean.model import CleanResult
from transclean.report import dumps
from transclean.writers import Writer

F = TypeVar("F", bound=Callable[..., Any])


def output_options(formats_help: str, report_help: str) -> Callable[[F], F]:
    """Add ``--format``, ``-o/--output`` and ``--report``, read the same by every command."""

    def decorate(func: F) -> F:
        func = click.option(
            "--report",
            "report_path",
            type=click.Path(dir_okay=False, path_type=Path),
            help=f"Also write the JSON report ({report_help}) to this file.",
        )(func)
        func = click.option(
            "-o",
            "--output",
            default="-",
            show_default=True,
            metavar="PATH",
            help="Where to write the result; '-' is standard output.",
        )(func)
        return click.option(
            "--format",
            "fmt",
            default="bilingual",
            show_default=True,
            metavar="FORMAT",
            help=formats_help,
        )(func)

    return decorate


def check_output_paths(
    file: str, output: str, report_path: Path | None, *, in_place: bool = False
) -> None:
    """Refuse, before any work, outputs that would overwrite the input or each other."""
    guard_overwrite(file, output, in_place=in_place)
    if report_path is not None and file != "-" and same_file(file, report_path):
        raise UsageError(
            "output is the input file", hint="--report needs its own path", path=str(report_path)
        )
    if report_path is not None and output != "-" and same_file(output, report_path):
        raise UsageError("--report and -o name the same file", path=str(report_path))


def write_result(
    result: CleanResult, writer: Writer, output: str, report_path: Path | None
) -> None:
    """Write ``result`` in ``writer``'s format to ``output`` ('-': stdout), atomically."""
    from transclean.writers import json_report

    data = writer.write(result)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, data)
    if report_path is not None:
        write_atomic(report_path, dumps(json_report(result)).encode("utf-8"))
