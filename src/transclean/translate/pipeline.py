"""Machine translation as a stage of the pipeline: each translation is a flag with a fix.

A segment's translation is an ``mt.translation`` flag whose fix replaces the segment with the
translation, so it is applied, reviewed, accepted, rejected or rewritten exactly like any other
fix, and the edit log keeps the original recoverable. Whether the fix is applied decides where
the translation shows: in the corrected text (``replace``, and ``transclean translate``) or
beside the segment in the bilingual outputs (``counterpart``).

Each translation then goes through the same checks as any text. Their safe fixes are applied
to the translation before it becomes the fix; every finding is reported on the segment, with
the translation's wording in the message, so a flag's text is always the document's own text.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from transclean.checks.base import Rule, flag_id
from transclean.config import Options, TranslateMode, TranslationOptions
from transclean.edits import apply_edits
from transclean.glossary.model import Glossary
from transclean.model import UNDETERMINED, Document, Edit, Flag, Segment, Severity
from transclean.translate.engine import Engine, NoModelError
from transclean.translate.protect import (
    TERM_UNVERIFIED,
    UNVERIFIED,
    SegmentTranslation,
    translate_protected,
)

log = logging.getLogger(__name__)

MT_TRANSLATION = Rule(
    "mt.translation",
    "Machine translation of a segment left in another language",
    Severity.INFO,
    autofix=False,  # applied with --translate=replace, by ``translate``, or when accepted
)
MT_TERM_UNVERIFIED = Rule(
    TERM_UNVERIFIED,
    "Machine translation whose glossary terms could not be verified",
    Severity.WARNING,
    autofix=False,
)
MT_RULES = (MT_TRANSLATION, MT_TERM_UNVERIFIED)

# A translation is checked as its own small article; these joins keep each one a paragraph.
_JOIN = "\n\n"


@dataclass(frozen=True, slots=True)
class Request:
    """One unit to translate from ``src`` to ``tgt``."""

    unit: Segment
    src: str
    tgt: str


def untranslated_requests(document: Document, flags: Iterable[Flag]) -> list[Request]:
    """Units flagged ``qa.untranslated``, to be translated into the document's language.

    Units that site chrome covers are left out: the chrome is removed, not translated.
    """
    flags = list(flags)
    chrome = [f for f in flags if f.rule.startswith("boilerplate.")]
    units = {(u.start, u.end): u for u in document.units}
    requests: list[Request] = []
    for flag in flags:
        if flag.rule != "qa.untranslated":
            continue
        unit = units.get((flag.start, flag.end))
        if unit is None or any(c.start < unit.end and unit.start < c.end for c in chrome):
            continue
        requests.append(Request(unit, flag.data.get("lang", unit.lang), document.language))
    return requests


def document_requests(document: Document, src: str | None, tgt: str) -> list[Request]:
    """Every unit in ``src`` (default: any language but ``tgt``) to translate into ``tgt``.

    Units with no language (numbers, addresses) and units already in ``tgt`` stay as they are.
    """
    return [
        Request(unit, unit.lang, tgt)
        for unit in document.units
        if unit.lang not in (tgt, UNDETERMINED) and (src is None or unit.lang == src)
    ]


def translation_flags(
    document: Document,
    requests: Sequence[Request],
    engine: Engine,
    glossary: Glossary,
    options: Options,
) -> list[Flag]:
    """Translate the requested units and return their ``mt.*`` flags and their checks' flags.

    Raises NoModelError when the engine offers none of the pairs asked for; units of a pair it
    does not offer beside ones it does are left untranslated, with a warning in the log.
    """
    if not requests:
        return []
    offered = engine.pairs()
    pairs = sorted({(r.src, r.tgt) for r in requests})
    missing = [pair for pair in pairs if pair not in offered]
    if len(missing) == len(pairs):
        wanted = ", ".join(f"{s}→{t}" for s, t in missing)
        raise NoModelError(
            f"The {engine.name} engine has no model for {wanted}",
            hint=_offered_hint(offered),
            path=document.source,
        )
    for src, tgt in missing:
        log.warning("%s: no %s→%s model; its segments stay as they are", document.source, src, tgt)
    flags: list[Flag] = []
    for src, tgt in pairs:
        if (src, tgt) in missing:
            continue
        units = [r.unit for r in requests if (r.src, r.tgt) == (src, tgt)]
        sources = [document.segment_text(u) for u in units]
        batch = translate_protected(engine, sources, src, tgt, glossary)
        texts = [t.text for t in batch.segments]
        corrected, found = _check_translations(texts, tgt, glossary, options)
        for unit, source, outcome, final, unit_flags in zip(
            units, sources, batch.segments, corrected, found, strict=True
        ):
            flags.append(_translation_flag(unit, source, final, src, tgt, engine.name, outcome))
            if outcome.status == UNVERIFIED:
                flags.append(_unverified_flag(unit, source, outcome.problems))
            flags += [_relocated(flag, fixed, unit, source) for flag, fixed in unit_flags]
    flags.sort(key=lambda f: (f.start, f.end, f.rule))
    return flags


def replacing(options: Options) -> Options:
    """Options under which ``mt.translation`` fixes are applied (``--translate=replace``)."""
    return replace(options, fix_rules=options.fix_rules | {MT_TRANSLATION.id})


def wants_replace(options: Options) -> bool:
    """True when translations go into the corrected text."""
    return options.translation is not None and options.translation.mode is TranslateMode.REPLACE


def _unit_flag(
    rule: str,
    severity: Severity,
    unit: Segment,
    source: str,
    message: str,
    *,
    data: dict[str, str],
    suggestion: str | None = None,
    fix: Edit | None = None,
    id_key: str | None = None,
) -> Flag:
    """A flag on a whole unit, its text the unit's own; ``id_key`` tells apart several flags of
    one rule on the unit."""
    return Flag(
        id=flag_id(id_key or rule, unit.start, unit.end),
        rule=rule,
        severity=severity,
        start=unit.start,
        end=unit.end,
        text=source,
        message=message,
        segment_id=unit.id,
        suggestion=suggestion,
        fix=fix,
        data=data,
    )


def _translation_flag(
    unit: Segment,
    source: str,
    translation: str,
    src: str,
    tgt: str,
    engine: str,
    outcome: SegmentTranslation,
) -> Flag:
    return _unit_flag(
        MT_TRANSLATION.id,
        MT_TRANSLATION.severity,
        unit,
        source,
        f"Machine translation {src}→{tgt} ({engine})",
        suggestion=translation,  # reports and flags.csv show the translation as the suggestion
        fix=Edit(MT_TRANSLATION.id, unit.start, unit.end, source, translation),
        data={"source_lang": src, "target_lang": tgt, "engine": engine, "terms": outcome.status},
    )


def _unverified_flag(unit: Segment, source: str, problems: Sequence[str]) -> Flag:
    listed = "; ".join(problems)
    return _unit_flag(
        MT_TERM_UNVERIFIED.id,
        MT_TERM_UNVERIFIED.severity,
        unit,
        source,
        f"Glossary terms not verified in the machine translation: {listed}",
        data={"problems": listed},
    )


def _check_translations(
    texts: Sequence[str], tgt: str, glossary: Glossary, options: Options
) -> tuple[list[str], list[list[tuple[Flag, bool]]]]:
    """Check the translations as one article in ``tgt``; return them fixed, and each one's flags
    with whether its fix was applied.

    The safe fixes the options allow are applied to each translation; a flag or fix that would
    reach across two translations is dropped (it is about the joins, not the text).
    """
    from transclean import api  # the pipeline's own checks; api imports this module

    pieces = [" ".join(t.split("\n")) for t in texts]  # a translation stays one paragraph
    starts: list[int] = []
    at = 0
    for piece in pieces:
        starts.append(at)
        at += len(piece) + len(_JOIN)
    joined = _JOIN.join(pieces)
    document = replace(api.segment_string(joined), language=tgt)
    check_options = replace(options, translation=None)
    flags = api.check_document(document, check_options, glossary)
    edits = set(api.applied_edits(flags, check_options))
    found: list[list[tuple[Flag, bool]]] = [[] for _ in pieces]
    fixes: list[list[Edit]] = [[] for _ in pieces]
    for flag in flags:
        index = bisect_right(starts, flag.start) - 1
        begin, end = starts[index], starts[index] + len(pieces[index])
        if not begin <= flag.start <= flag.end <= end:
            continue
        local = _shift(flag, -begin)
        fixed = flag.fix is not None and flag.fix in edits
        found[index].append((local, fixed))
        if fixed and local.fix is not None:
            fixes[index].append(local.fix)
    corrected = [apply_edits(piece, fix) for piece, fix in zip(pieces, fixes, strict=True)]
    return corrected, found


def _shift(flag: Flag, by: int) -> Flag:
    fix = flag.fix
    if fix is not None:
        fix = replace(fix, start=fix.start + by, end=fix.end + by)
    return replace(flag, start=flag.start + by, end=flag.end + by, fix=fix)


def _relocated(flag: Flag, fixed: bool, unit: Segment, source: str) -> Flag:
    """A flag found in a unit's translation, reported on the unit itself.

    Its text stays the document's own (the unit), so decisions on it act on the document; the
    translation's wording, and the fix already applied to it, are in the message and data.
    """
    message = f"In the machine translation, “{flag.text}”: {flag.message}"
    if flag.fix is not None:
        change = f"“{flag.fix.original}” → “{flag.fix.replacement}”"
        message += f" Fixed in the translation: {change}." if fixed else f" Proposed: {change}."
    return _unit_flag(
        flag.rule,
        flag.severity,
        unit,
        source,
        message,
        id_key=f"{flag.rule}@mt:{flag.start}-{flag.end}",
        data={
            **flag.data,
            "in": "translation",
            "translation_text": flag.text,
            "translation_start": str(flag.start),
            "translation_end": str(flag.end),
            "fixed_in_translation": "yes" if fixed else "no",
        },
    )


def _offered_hint(offered: set[tuple[str, str]]) -> str:
    if not offered:
        return (
            "install a model package: `transclean models install FILE.argosmodel` "
            "(see README: Translation)"
        )
    return "it offers: " + ", ".join(f"{s}→{t}" for s, t in sorted(offered))


def engine_for(settings: TranslationOptions) -> Engine:
    """The engine the settings name, made once per process so its models load once."""
    return _engine(settings.engine, settings.model_dir, settings.server, settings.api_key)


@lru_cache(maxsize=4)
def _engine(name: str, model_dir: Path | None, server: str | None, api_key: str | None) -> Engine:
    from transclean.translate.engine import get_engine

    if name == "libretranslate":
        return get_engine(name, server=server, api_key=api_key)
    return get_engine(name, model_dir=model_dir)
