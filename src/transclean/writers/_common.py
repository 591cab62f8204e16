"""What every writer needs: each unit's corrected text, its flags, note texts, XML escaping.

Writers see the article as units (titles, headings, sentences: ``Document.units``). Each unit's
*target* is the stretch of ``CleanResult.corrected`` that its original span became, so the
targets, put back together with the text between units, are exactly the corrected text and
every applied edit lands in exactly one unit.

A unit the translation stage translated has an ``mt.translation`` flag over its whole span.
Where that fix is applied (``translate``, ``clean --translate=replace``, or accepted in review)
the target *is* the translation, in the translation's language; otherwise the translation is the
unit's *counterpart*, which bilingual formats show beside it. Both are decided here, once.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from transclean.edits import EditMap
from transclean.model import UNDETERMINED, CleanResult, Edit, Flag, Segment

logger = logging.getLogger(__name__)

TOOL_NAME = "transclean"

LangSpan = tuple[int, int, str]

# The translation stage's rule ids (transclean.translate.pipeline), named here so that writers
# do not import the stage and what it loads.
MT_RULE = "mt.translation"
MT_UNVERIFIED_RULE = "mt.term-unverified"


@dataclass(frozen=True, slots=True)
class MachineTranslation:
    """A unit's machine translation: what it says, in which language, and whether it is used.

    ``applied``: the unit's target is this translation (or an editor's rewrite of it: then
    ``revised``); otherwise it is a counterpart shown beside the unit.
    """

    text: str
    source_lang: str
    lang: str
    engine: str
    verified: bool  # every glossary term was found in the translation
    applied: bool
    revised: bool = False


@dataclass(frozen=True, slots=True)
class UnitView:
    """One unit as writers show it: the text as received, as corrected, and its flags."""

    segment: Segment
    source: str
    target: str
    flags: tuple[Flag, ...]
    # Stretches in another language, as (start, end, lang) relative to ``source`` ...
    source_inline: tuple[LangSpan, ...] = ()
    # ... and where each lies in ``target`` (None when an edit cut across its ends).
    target_inline: tuple[LangSpan | None, ...] = ()
    mt: MachineTranslation | None = None

    @property
    def id(self) -> str:
        return self.segment.id

    @property
    def lang(self) -> str:
        return self.segment.lang or UNDETERMINED

    @property
    def translation(self) -> MachineTranslation | None:
        """The machine translation that ``target`` is (or an editor's rewrite of), if any."""
        return self.mt if self.mt is not None and self.mt.applied else None

    @property
    def counterpart(self) -> MachineTranslation | None:
        """The machine translation to show beside the unit: one that was not applied."""
        return self.mt if self.mt is not None and not self.mt.applied else None

    @property
    def target_lang(self) -> str:
        """The language ``target`` is written in: a translation's when one was applied."""
        return self.translation.lang if self.translation is not None else self.lang


def unit_views(result: CleanResult) -> list[UnitView]:
    """Return every unit with its source, target and flags, in document order."""
    document = result.document
    mapping = EditMap(result.edits)
    owned = _flags_by_unit(result)
    # An editor's rewrite of a translation is an edit of the same rule over the same span.
    translated = {(e.start, e.end) for e in result.edits if e.rule == MT_RULE}
    views: list[UnitView] = []
    previous_end = -1
    for unit in document.units:
        # An insertion where one unit ends and the next begins belongs to the first.
        start = mapping(unit.start, after_insertions=unit.start == previous_end)
        end = mapping(unit.end, after_insertions=True)
        previous_end = unit.end
        spans = _inline_spans(unit)
        flags = tuple(owned.get(unit.id, ()))
        views.append(
            UnitView(
                segment=unit,
                source=document.text[unit.start : unit.end],
                target=result.corrected[start : max(start, end)],
                flags=flags,
                source_inline=tuple((a - unit.start, b - unit.start, lang) for a, b, lang in spans),
                target_inline=tuple(
                    _mapped_span(mapping, result.edits, s, (start, end)) for s in spans
                ),
                mt=_machine_translation(result, unit, flags, translated),
            )
        )
    return views


def _machine_translation(
    result: CleanResult,
    unit: Segment,
    flags: tuple[Flag, ...],
    translated: set[tuple[int, int]],
) -> MachineTranslation | None:
    """The unit's translation from its ``mt.translation`` flag, if the stage made one."""
    flag = next(
        (f for f in flags if f.rule == MT_RULE and (f.start, f.end) == (unit.start, unit.end)),
        None,
    )
    if flag is None or flag.fix is None:
        return None
    by_machine = result.applied(flag)
    return MachineTranslation(
        text=flag.fix.replacement,
        source_lang=flag.data.get("source_lang", unit.lang or UNDETERMINED),
        lang=flag.data.get("target_lang", result.target_lang),
        engine=flag.data.get("engine", ""),
        verified=flag.data.get("terms") == "ok",
        applied=by_machine or (flag.start, flag.end) in translated,
        revised=not by_machine and (flag.start, flag.end) in translated,
    )


def languages(result: CleanResult) -> str:
    """The document's language for a review header, "ru → en" when the text was translated."""
    language = result.document.language
    if result.target_lang != language:
        language += f" → {result.target_lang}"
    return language


def translation_summary(views: Sequence[UnitView]) -> str:
    """The review header's count of machine translations and applied ones ("" if none)."""
    translations = [v.mt for v in views if v.mt is not None]
    if not translations:
        return ""
    applied = sum(1 for mt in translations if mt.applied)
    return f" · machine translations: {len(translations)} ({applied} applied)"


def mt_status(mt: MachineTranslation) -> str:
    """The few words every format adds to a translation: engine, revised, terms unverified."""
    words = f"machine translation by {mt.engine}" if mt.engine else "machine translation"
    if mt.revised:
        words += ", revised by the editor"
    if not mt.verified:
        words += "; glossary terms not verified"
    return words


def _inline_spans(unit: Segment) -> list[LangSpan]:
    """The unit's stretches in another language, in order, without overlaps."""
    spans: list[LangSpan] = []
    for span in sorted(unit.inline, key=lambda s: (s.start, s.end)):
        inside = unit.start <= span.start < span.end <= unit.end
        if inside and span.lang != unit.lang and (not spans or span.start >= spans[-1][1]):
            spans.append((span.start, span.end, span.lang))
    return spans


def _mapped_span(
    mapping: EditMap, edits: Sequence[Edit], span: LangSpan, target: tuple[int, int]
) -> LangSpan | None:
    """Where an original span lies in the unit's target; None if an edit cuts across an end."""
    start, end, lang = span
    if any(e.start < p < e.end for e in edits for p in (start, end)):
        return None
    mapped_start = mapping(start, after_insertions=False)
    mapped_end = mapping(end, after_insertions=True)
    if not target[0] <= mapped_start < mapped_end <= target[1]:
        return None
    return (mapped_start - target[0], mapped_end - target[0], lang)


def unplaced_flags(result: CleanResult) -> tuple[Flag, ...]:
    """Flags that lie in no unit (between paragraphs, say): writers show them file-wide."""
    return tuple(_flags_by_unit(result).get(None, ()))


def _flags_by_unit(result: CleanResult) -> dict[str | None, list[Flag]]:
    """Group flags by unit id: their own segment, else the unit where they start (None: none)."""
    units = result.document.units
    ids = {u.id for u in units}
    starts = [u.start for u in units]
    owned: dict[str | None, list[Flag]] = {}
    for flag in result.flags:
        owner: str | None = None
        if flag.segment_id in ids:
            owner = flag.segment_id
        else:
            index = bisect_right(starts, flag.start) - 1
            if index >= 0 and flag.start < units[index].end:
                owner = units[index].id
        owned.setdefault(owner, []).append(flag)
    return owned


def flag_note(flag: Flag, applied: bool) -> str:
    """One line that explains a flag wherever a tool shows notes (CAT tools, TMX, Markdown)."""
    return f"[{flag.severity.value}] {flag.rule}: {flag_detail(flag, applied)}"


def flag_detail(flag: Flag, applied: bool) -> str:
    """The flag's message and what was done about it: fixed, proposed, or a suggestion.

    A translation's fix is the whole unit and its translation, which every format already
    shows as the unit's target or counterpart: the note only says which.
    """
    parts = [flag.message]
    if flag.rule == MT_RULE and flag.fix is not None:
        parts.append(_MT_APPLIED if applied else _MT_PROPOSED)
    elif flag.fix is not None and applied:
        parts.append(f"Fixed: “{flag.fix.original}” → “{flag.fix.replacement}”.")
    elif flag.fix is not None:
        parts.append(f"Proposed, not applied: “{flag.fix.original}” → “{flag.fix.replacement}”.")
    elif flag.suggestion:
        parts.append(f"Suggestion: {flag.suggestion}")
    return " ".join(parts)


_MT_APPLIED = "Applied: the segment is replaced by its translation."
_MT_PROPOSED = "Proposed as the segment's translation, not applied."

# Severity to XLIFF note priority (1 is the most important).
NOTE_PRIORITY = {"error": 1, "warning": 2, "info": 3}

# Characters XML 1.0 cannot hold at all, even as character references.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def replace_forbidden(text: str, where: str) -> str:
    """Replace characters XML 1.0 forbids with U+FFFD, logging it (formats without <cp>)."""
    if not _XML_FORBIDDEN.search(text):
        return text
    logger.warning("%s: replaced characters XML cannot hold with U+FFFD", where)
    return _XML_FORBIDDEN.sub("\ufffd", text)


def xml_text(text: str, forbidden: Callable[[str], str] | None = None) -> str:
    """Escape text content; ``forbidden`` renders each XML-forbidden character (default U+FFFD)."""
    out = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        # A literal CR would be read back as LF; a character reference survives parsing.
        .replace("\r", "&#13;")
    )
    if not _XML_FORBIDDEN.search(out):
        return out
    if forbidden is None:
        return replace_forbidden(out, "XML text")
    return _XML_FORBIDDEN.sub(lambda m: forbidden(m.group()), out)


def xml_attr(text: str) -> str:
    """Escape an attribute value; whitespace controls become references so parsers keep them."""
    escaped = xml_text(text).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
    return escaped


def xml_lang(lang: str) -> str:
    """The language tag to write: segments with no language say ``und`` (BCP 47: undetermined)."""
    return lang or UNDETERMINED
