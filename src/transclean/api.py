"""Library entry points: what the CLI calls, usable from Python as they are.

>>> from transclean import api
>>> result = api.clean_file("article.txt")
>>> result.corrected, result.flags, result.edits
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from transclean.checks import CheckContext, Rule, all_rules, load_checks, run_checks
from transclean.checks.base import Check
from transclean.config import Options
from transclean.correct import choose_edits
from transclean.edits import apply_edits
from transclean.glossary.model import Glossary
from transclean.io.reader import ReadResult, decode_bytes, read_path
from transclean.model import CleanResult, Decision, Document, Flag, TermHint
from transclean.review.ignore import drop_ignored
from transclean.segment import segment_document


def read_document(path: str | Path) -> Document:
    """Read a file (``-`` for stdin) into a segmented Document; raises InputError on bad input."""
    source = "<stdin>" if str(path) == "-" else str(path)
    return _segmented(read_path(path), source)


def segment_string(text: str, *, source: str = "<text>", markdown: bool = False) -> Document:
    """Segment text already in memory."""
    return segment_document(Document(text, source=source), markdown=markdown)


def segment_bytes(data: bytes, *, source: str = "<bytes>", markdown: bool = False) -> Document:
    """Decode and segment raw bytes, as :func:`read_document` does for a file."""
    return _segmented(decode_bytes(data, source, "markdown" if markdown else "text"), source)


DEFAULT_OPTIONS = Options()


def _segmented(result: ReadResult, source: str) -> Document:
    """The segmented Document of what the reader decoded."""
    document = Document(result.text, source=source, encoding=result.encoding, notes=result.notes)
    return segment_document(document, markdown=result.format == "markdown")


def load_glossaries(options: Options = DEFAULT_OPTIONS) -> Glossary:
    """The shipped glossary (unless disabled) merged with every ``options.glossaries`` file."""
    return _load_glossaries(options.use_default_glossary, tuple(str(p) for p in options.glossaries))


@lru_cache(maxsize=8)
def _load_glossaries(use_default: bool, paths: tuple[str, ...]) -> Glossary:
    from transclean.glossary.io import default_glossary, load_glossary

    glossary = default_glossary() if use_default else Glossary()
    for path in paths:
        glossary = glossary.merged(load_glossary(path))
    return glossary


@lru_cache(maxsize=1)
def builtin_checks() -> tuple[Check, ...]:
    """The built-in checks, instantiated once per process (they keep their indexes)."""
    return tuple(load_checks())


def rules() -> dict[str, Rule]:
    """Every rule id the built-in checks can raise, with its defaults."""
    return all_rules(builtin_checks())


def check_document(
    document: Document, options: Options = DEFAULT_OPTIONS, glossary: Glossary | None = None
) -> tuple[Flag, ...]:
    """Run every built-in check on a segmented document; flags sorted by position.

    Flags matched by ``options.ignore`` (the project ignore list) are dropped.
    """
    glossary = load_glossaries(options) if glossary is None else glossary
    context = CheckContext(document, glossary, options)
    flags = run_checks(context, builtin_checks())
    if options.ignore:
        flags = drop_ignored(flags, options.ignore)
    return tuple(flags)


def clean_document(
    document: Document,
    options: Options = DEFAULT_OPTIONS,
    glossary: Glossary | None = None,
    decisions: Mapping[str, Decision] | None = None,
) -> CleanResult:
    """Check ``document``, apply the editor's decisions and the safe fixes ``options`` allow."""
    glossary = load_glossaries(options) if glossary is None else glossary
    flags = check_document(document, options, glossary)
    edits = choose_edits(flags, rules(), options, decisions)
    corrected = apply_edits(document.text, edits)
    return CleanResult(document, flags, edits, corrected, foreign_term_hints(document, glossary))


def check_file(
    path: str | Path, options: Options = DEFAULT_OPTIONS
) -> tuple[Document, tuple[Flag, ...]]:
    """Read and check one file."""
    document = read_document(path)
    return document, check_document(document, options)


def clean_file(
    path: str | Path,
    options: Options = DEFAULT_OPTIONS,
    decisions: Mapping[str, Decision] | None = None,
) -> CleanResult:
    """Read, check and correct one file."""
    return clean_document(read_document(path), options, decisions=decisions)


def foreign_term_hints(document: Document, glossary: Glossary) -> dict[str, tuple[TermHint, ...]]:
    """Glossary terms found in each unit written in another language than the document's."""
    from transclean.checks.terms import term_hints

    hints: dict[str, tuple[TermHint, ...]] = {}
    for segment in document.units:
        if segment.lang not in (document.language, "und"):
            found = term_hints(document, glossary, segment, document.language)
            if found:
                hints[segment.id] = found
    return hints
