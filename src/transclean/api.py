"""Library entry points: what the CLI calls, usable from Python as they are.

>>> from transclean import api
>>> result = api.clean_file("article.txt")
>>> result.corrected, result.flags, result.edits
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from transclean.checks import CheckContext, Rule, all_rules, load_checks, run_checks
from transclean.checks.base import Check
from transclean.config import Options
from transclean.correct import choose_edits
from transclean.edits import apply_edits
from transclean.glossary.model import Glossary
from transclean.io.reader import ReadResult, decode_bytes, read_path
from transclean.model import CleanResult, Decision, Document, Edit, Flag, TermHint
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
    """Every rule id the built-in checks and the translation stage can raise, with defaults."""
    from transclean.translate.pipeline import MT_RULES

    return all_rules(builtin_checks()) | {rule.id: rule for rule in MT_RULES}


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


def find_flags(
    document: Document, options: Options = DEFAULT_OPTIONS, glossary: Glossary | None = None
) -> tuple[Flag, ...]:
    """Every flag of ``document``: the checks', and with ``options.translation`` the translations'.

    With translation on, the segments left in another language are machine translated: each
    translation is an ``mt.translation`` flag whose fix puts it in place of the segment.
    """
    glossary = load_glossaries(options) if glossary is None else glossary
    flags = check_document(document, options, glossary)
    if options.translation is None:
        return flags
    from transclean.translate import pipeline

    requests = pipeline.untranslated_requests(document, flags)
    if not requests:
        return flags
    engine = pipeline.engine_for(options.translation)
    found = pipeline.translation_flags(document, requests, engine, glossary, options)
    return _sorted_flags(flags, _without_ignored(found, options))


def applied_edits(
    flags: Sequence[Flag],
    options: Options = DEFAULT_OPTIONS,
    decisions: Mapping[str, Decision] | None = None,
) -> tuple[Edit, ...]:
    """The edits the decisions and the fixes ``options`` allow make (translations in replace
    mode included)."""
    from transclean.translate import pipeline

    if pipeline.wants_replace(options):
        options = pipeline.replacing(options)
    return choose_edits(flags, rules(), options, decisions)


def clean_document(
    document: Document,
    options: Options = DEFAULT_OPTIONS,
    glossary: Glossary | None = None,
    decisions: Mapping[str, Decision] | None = None,
) -> CleanResult:
    """Check ``document``, apply the editor's decisions and the safe fixes ``options`` allow.

    With ``options.translation`` set, segments left in another language get a machine
    translation (see :func:`find_flags`): in their place in ``replace`` mode or when an editor
    accepts it, beside them in the bilingual outputs otherwise.
    """
    glossary = load_glossaries(options) if glossary is None else glossary
    flags = find_flags(document, options, glossary)
    return clean_result(document, flags, options, glossary, decisions)


def clean_result(
    document: Document,
    flags: Sequence[Flag],
    options: Options,
    glossary: Glossary,
    decisions: Mapping[str, Decision] | None = None,
) -> CleanResult:
    """The result of cleaning with flags already found (review keeps them while deciding)."""
    edits = applied_edits(flags, options, decisions)
    corrected = apply_edits(document.text, edits)
    hints = foreign_term_hints(document, glossary)
    return CleanResult(document, tuple(flags), edits, corrected, hints)


def translate_document(
    document: Document,
    target: str,
    options: Options = DEFAULT_OPTIONS,
    glossary: Glossary | None = None,
    decisions: Mapping[str, Decision] | None = None,
) -> CleanResult:
    """Translate every unit of ``document`` not already in ``target``, glossary terms enforced.

    The result is bilingual: ``corrected`` is the translation (each unit's ``mt.translation``
    fix applied) and the source stays ``document.text``. Only units in
    ``options.translation.source`` are translated when it is set. The translations go through
    the checks; their findings are flags on the units they came from.
    """
    from transclean.config import TranslationOptions
    from transclean.translate import pipeline

    glossary = load_glossaries(options) if glossary is None else glossary
    settings = options.translation or TranslationOptions()
    requests = pipeline.document_requests(document, settings.source, target)
    engine = pipeline.engine_for(settings)
    found = pipeline.translation_flags(document, requests, engine, glossary, options)
    flags = _sorted_flags((), _without_ignored(found, options))
    edits = choose_edits(flags, rules(), pipeline.replacing(options), decisions)
    corrected = apply_edits(document.text, edits)
    return CleanResult(document, flags, edits, corrected, target_language=target)


def _without_ignored(flags: Sequence[Flag], options: Options) -> tuple[Flag, ...]:
    return tuple(drop_ignored(flags, options.ignore)) if options.ignore else tuple(flags)


def _sorted_flags(*groups: Sequence[Flag]) -> tuple[Flag, ...]:
    return tuple(sorted((f for g in groups for f in g), key=lambda f: (f.start, f.end, f.rule)))


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
