"""Output formats of ``transclean clean``: each writer turns a CleanResult into bytes.

A writer is a pure function of the result: the same result gives byte-identical output (no
clocks, no randomness, no environment). BUILTIN_WRITERS is the one place where the built-in
formats are listed, in the order help shows them; the first is the default of ``clean``.
The writer modules import only the standard library, so listing formats stays cheap.
"""

from __future__ import annotations

import difflib
from typing import Protocol

from transclean.errors import UsageError
from transclean.model import CleanResult
from transclean.writers.bilingual import BilingualWriter
from transclean.writers.html import HtmlWriter
from transclean.writers.json import JsonWriter, flag_record, json_report
from transclean.writers.markdown import MarkdownWriter
from transclean.writers.text import TextWriter
from transclean.writers.tmx import TmxWriter
from transclean.writers.xliff import XliffWriter
from transclean.writers.xliff2 import Xliff2Writer


class Writer(Protocol):
    """What every output format declares and does."""

    @property
    def name(self) -> str:
        """The format's name on the command line and in configs (stable interface)."""
        ...

    @property
    def extension(self) -> str:
        """File name ending without the leading dot, unique among formats (``xliff2.xlf``)."""
        ...

    @property
    def media_type(self) -> str: ...

    @property
    def description(self) -> str:
        """One user-facing line for ``--help``."""
        ...

    def write(self, result: CleanResult) -> bytes: ...


BUILTIN_WRITERS: tuple[Writer, ...] = (
    BilingualWriter(),
    TextWriter(),
    MarkdownWriter(),
    HtmlWriter(),
    XliffWriter(),
    Xliff2Writer(),
    TmxWriter(),
    JsonWriter(),
)

DEFAULT_WRITER = BUILTIN_WRITERS[0].name


def writer_names() -> list[str]:
    """Names of the built-in formats, in help order."""
    return [writer.name for writer in BUILTIN_WRITERS]


def get_writer(name: str) -> Writer:
    """Return the writer called ``name``; a wrong name lists the valid ones and the closest."""
    for writer in BUILTIN_WRITERS:
        if writer.name == name:
            return writer
    names = writer_names()
    close = difflib.get_close_matches(name.lower(), names, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise UsageError(f"Unknown format '{name}'.{hint}", hint=f"choose one of: {', '.join(names)}")


__all__ = [
    "BUILTIN_WRITERS",
    "DEFAULT_WRITER",
    "BilingualWriter",
    "HtmlWriter",
    "JsonWriter",
    "MarkdownWriter",
    "TextWriter",
    "TmxWriter",
    "Writer",
    "Xliff2Writer",
    "XliffWriter",
    "flag_record",
    "get_writer",
    "json_report",
    "writer_names",
]
