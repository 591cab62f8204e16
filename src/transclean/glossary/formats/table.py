"""Our CSV/TSV glossary: one concept per row, a header naming languages and statuses.

The form is documented for users in ``glossaries/README.md``. It is read with the plain csv
module (TSV by splitting on tabs) and no per-term heavy work, so 100,000 terms load in about a
second. The header is strict — an unknown column is an error with a suggestion — because a
misspelt ``en:depreciated`` would otherwise turn forbidden variants into nothing at all.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from transclean.glossary.formats.base import (
    PARTS_OF_SPEECH,
    GlossaryFormat,
    LangPair,
    Written,
    decode_utf8,
    error,
    normalize_lang,
    parse_pos,
    suggest,
)
from transclean.glossary.model import Concept, Glossary, Term, TermStatus

# ISO 639-1: a bare header name must be one of these (optionally with a region), so that a
# typo such as "nte" for "note" is reported instead of becoming a language. "id" (Indonesian)
# is taken by the concept-id column; write "id:preferred" for Indonesian terms.
_ISO_639_1_CODES = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
vi vo wa wo xh yi yo za zh zu
"""
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
FIELDS = ("id", "pos", "case_sensitive", "subject", "note", "source")
_YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False,
        "false": False, "0": False, "": False}
_TERM_SEP = re.compile(r"\s*\|\s*")


@dataclass(frozen=True, slots=True)
class Column:
    """What one header cell means: a field name, or the terms of a language with a status."""

    field: str  # one of FIELDS, or "terms"
    lang: str | None = None
    status: TermStatus | None = None


def parse_column(name: str) -> Column | None:
    """Interpret a header cell; None when it is not a column we know."""
    key = name.strip().lower()
    if key in FIELDS:
        return Column(key)
    lang_part, _, status_part = key.partition(":")
    lang = normalize_lang(lang_part)
    if lang is None or lang.split("-")[0] not in ISO_639_1:
        return None
    if not status_part:
        return Column("terms", lang, TermStatus.PREFERRED)
    try:
        return Column("terms", lang, TermStatus(status_part.strip()))
    except ValueError:
        return None


def looks_like_header(cells: list[str]) -> bool:
    """Tell whether a first row was meant as our header (any known column name in it)."""
    return any(parse_column(cell) is not None for cell in cells if cell.strip())


class _Lines:
    """Physical lines with their numbers; comments and blank lines skipped between records.

    The csv reader pulls lines one by one, so skipping happens only at a record boundary: a
    quoted CSV cell may span lines, and a line inside it that starts with '#' is data.
    """

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.number = 0
        self.record_start = 0
        self.at_boundary = True

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        while True:
            line = next(self._lines)
            self.number += 1
            if self.at_boundary:
                if line.startswith("#") or not line.strip():
                    continue
                self.record_start = self.number
                self.at_boundary = False
            return line


def iter_records(text: str, delimiter: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, cells) of each non-comment record."""
    lines = _Lines(text)
    reader: Iterator[list[str]] = (
        (line.rstrip("\r\n").split("\t") for line in lines)
        if delimiter == "\t"
        else csv.reader(lines, delimiter=delimiter, strict=True)  # an unclosed quote is an error
    )
    while True:
        lines.at_boundary = True
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise error(source, lines.record_start, f"malformed CSV: {exc}",
                        'a quote opened at the start of a cell must close it; write "" for a '
                        "quote inside a quoted cell") from None
        yield lines.record_start, cells


class TableFormat(GlossaryFormat):
    """Our spreadsheet-friendly glossary: TSV (tabs, no quoting) or CSV (commas, quoting)."""

    title = "transclean table glossary"

    def __init__(self, name: str, delimiter: str, extensions: tuple[str, ...]) -> None:
        self.name = name
        self.delimiter = delimiter
        self.extensions = extensions

    def sniff(self, head: bytes) -> bool:
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                return looks_like_header(line.split(self.delimiter))
        return False

    def read(self, data: bytes, source: str, langs: LangPair) -> Glossary:
        records = iter_records(decode_utf8(data, source), self.delimiter, source)
        try:
            line, header = next(records)
        except StopIteration:
            raise error(source, None, "no header line: the file holds only comments or blanks",
                        "see glossaries/README.md") from None
        columns = _parse_header(header, source, line)
        concepts = [_concept(columns, cells, source, number) for number, cells in records]
        languages = tuple(dict.fromkeys(c.lang for c in columns if c.lang))
        return Glossary(tuple(concepts), languages, (source,))

    def write(self, glossary: Glossary, langs: LangPair) -> Written:
        from transclean.glossary.formats.table_writer import write_table

        return write_table(glossary, langs, self.delimiter)


def _parse_header(cells: list[str], source: str, line: int) -> list[Column]:
    columns: list[Column] = []
    unknown: list[str] = []
    seen: dict[Column, str] = {}
    for cell in cells:
        column = parse_column(cell)
        if column is None:
            unknown.append(cell.strip())
            continue
        if column in seen:
            raise error(source, line, f"columns '{seen[column]}' and '{cell.strip()}' repeat "
                        "each other", "list each language/status once; several terms go in "
                        "one cell separated by ' | '")
        seen[column] = cell.strip()
        columns.append(column)
    if unknown:
        known = [*FIELDS] + [f"{lang}:{s.value}" for lang in dict.fromkeys(
            c.lang for c in columns if c.lang) for s in TermStatus]
        close = {name: difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
                 for name in unknown}
        hints = [f"'{found[0]}'" + (f" for '{name}'" if len(unknown) > 1 else "")
                 for name, found in close.items() if found]
        listed = ", ".join(f"'{name}'" for name in unknown)
        raise error(source, line, f"unknown column(s) {listed} in the header",
                    f"did you mean {', '.join(hints)}?" if hints else "columns are id, a "
                    "language code (en, ru, en-US), LANG:preferred|admitted|deprecated|"
                    "superseded, " + ", ".join(FIELDS[1:]))
    if not any(c.field == "terms" for c in columns):
        raise error(source, line, "the header names no language column",
                    "add a column such as 'en' or 'ru:deprecated' (see glossaries/README.md)")
    return columns


def _concept(columns: list[Column], cells: list[str], source: str, line: int) -> Concept:
    if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
        raise error(source, line, f"{len(cells)} columns, but the header has {len(columns)}",
                    "a cell holds a stray separator; several terms go in one cell, "
                    "separated by ' | '")
    fields: dict[str, str] = {}
    found: list[tuple[str, str, TermStatus]] = []
    for column, cell in zip(columns, cells, strict=False):
        if column.field == "terms":
            assert column.lang is not None and column.status is not None
            for text in _TERM_SEP.split(cell.strip()):
                if text:
                    found.append((text, column.lang, column.status))
        else:
            fields[column.field] = cell.strip()
    if not found:
        raise error(source, line, "row has no term in any language column",
                    "fill at least one language cell or delete the row")
    pos = _pos(fields.get("pos", ""), source, line)
    case_sensitive = _yes_no(fields.get("case_sensitive", ""), source, line)
    term_source = fields.get("source") or None
    terms = tuple(Term(text, lang, status, pos, None, case_sensitive, term_source)
                  for text, lang, status in found)
    return Concept(fields.get("id") or f"c{line}", terms, fields.get("subject") or None,
                   fields.get("note") or None, f"{source}:{line}")


def _pos(value: str, source: str, line: int) -> str | None:
    if not value:
        return None
    pos = parse_pos(value)
    if pos is None:
        raise error(source, line, f"unknown part of speech '{value}'",
                    suggest(value, PARTS_OF_SPEECH) or "use one of " + ", ".join(PARTS_OF_SPEECH))
    return pos


def _yes_no(value: str, source: str, line: int) -> bool:
    try:
        return _YES[value.strip().lower()]
    except KeyError:
        raise error(source, line, f"case_sensitive is '{value}'", "write yes or no") from None


__all__ = ["Column", "TableFormat", "looks_like_header", "parse_column"]
