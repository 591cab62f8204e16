"""``xliff2``: XLIFF 2.1, one ``<unit>`` with one ``<segment>`` per title, heading and sentence.

``<source>`` is the unit as received and ``<target>`` the corrected text; ``srcLang`` is the
document's language and ``trgLang`` the corrected text's (the same for ``clean``, the
translation's for ``translate``), since XLIFF 2 requires every ``<source>`` and ``<target>`` to
be in exactly those languages. Content in another language than its side of the file (a Russian
title in an English article, an English sentence left as it was in a translated Russian one)
says so with the ITS module, whose ``itsm:lang`` on a marker tells the language of content: its
whole content is wrapped in ``<mrk type="its:generic" itsm:lang="ru">``, with the same id on
both sides. A stretch of another language inside a unit (``Segment.inline``: "(alopecia
totalis)" in a Russian sentence) gets its own marker, in the target too unless an edit cut
across its ends.

A machine translation not applied (``clean --translate``) is a translation candidate (the
Translation Candidates module): an ``<mtc:match type="mt" origin="ENGINE" ref="#mt">`` in the
unit, whose ``ref`` points at an ``<mrk id="mt" type="mtc:match">`` around the source content,
as the module's annotation does. The match's own language markers use other ids (``mt-lang``),
so ids stay unique across the unit.

Flags become unit ``<note>``s (id = flag id, ``category`` = rule id, ``priority`` from the
severity: error 1, warning 2, info 3); a segment with a flag left unfixed has
``subState="transclean:review"``. Flags outside every unit become file notes. Characters XML
1.0 cannot hold are kept as ``<cp hex="…"/>``. An empty document still needs one unit or
group per ``<file>``: it gets an empty ``<group id="empty"/>``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from transclean.model import CleanResult, Flag
from transclean.writers._common import (
    NOTE_PRIORITY,
    LangSpan,
    UnitView,
    flag_note,
    unit_views,
    unplaced_flags,
    xml_attr,
    xml_lang,
    xml_text,
)
from transclean.writers.xliff import FILE_NOTE, TRANSLATED_FILE_NOTE

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
ITS_NS = "http://www.w3.org/2005/11/its"
ITSM_NS = "urn:oasis:names:tc:xliff:itsm:2.1"
MTC_NS = "urn:oasis:names:tc:xliff:matches:2.0"
LANG_MARKER_ID = "lang"
MATCH_MARKER_ID = "mt"
MATCH_LANG_MARKER_ID = "mt-lang"


class Xliff2Writer:
    """Write XLIFF 2.1: source as received, target corrected, flags as notes."""

    name = "xliff2"
    extension = "xliff2.xlf"
    media_type = "application/xliff+xml"
    description = "XLIFF 2.1: source as received, target corrected, flags as notes."

    def write(self, result: CleanResult) -> bytes:
        document = result.document
        src_lang = xml_lang(document.language)
        trg_lang = xml_lang(result.target_lang)
        views = unit_views(result)
        applied = result.applied
        other_langs = any(
            v.lang != src_lang
            or v.target_lang != trg_lang
            or v.source_inline
            or (v.counterpart is not None and v.counterpart.lang != trg_lang)
            for v in views
        )
        modules = (
            f' xmlns:its="{ITS_NS}" xmlns:itsm="{ITSM_NS}" its:version="2.0"' if other_langs else ""
        )
        if any(v.counterpart for v in views):
            modules += f' xmlns:mtc="{MTC_NS}"'
        file_note = FILE_NOTE if src_lang == trg_lang else TRANSLATED_FILE_NOTE
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<xliff xmlns="{XLIFF2_NS}" version="2.1" srcLang="{src_lang}" '
            f'trgLang="{trg_lang}"{modules}>',
            f'  <file id="f1" original="{xml_attr(document.source)}">',
            "    <notes>",
            f'      <note category="transclean">{xml_text(file_note)}</note>',
            *_notes(unplaced_flags(result), applied, "      "),
            "    </notes>",
        ]
        for view in views:
            out += _unit(view, src_lang, trg_lang, applied)
        if not views:
            out.append('    <group id="empty"/>')
        out += ["  </file>", "</xliff>", ""]
        return "\n".join(out).encode("utf-8")


def _unit(
    view: UnitView, src_lang: str, trg_lang: str, applied: Callable[[Flag], bool]
) -> list[str]:
    """One ``<unit>``: translation candidate, notes, and its segment."""
    open_review = any(not applied(f) for f in view.flags)
    sub_state = ' subState="transclean:review"' if open_review else ""
    source_lang = view.lang if view.lang != src_lang else None
    target_lang = view.target_lang if view.target_lang != trg_lang else None
    counterpart = view.counterpart
    annotation = f'id="{MATCH_MARKER_ID}" type="mtc:match"' if counterpart is not None else None
    source = _content(view.source, source_lang, view.source_inline, annotation=annotation)
    target = _content(view.target, target_lang, view.target_inline)
    out = [f'    <unit id="{xml_attr(view.id)}" xml:space="preserve">']
    if counterpart is not None:
        match_lang = counterpart.lang if counterpart.lang != trg_lang else None
        match_source = _content(view.source, source_lang, (), MATCH_LANG_MARKER_ID)
        match_target = _content(counterpart.text, match_lang, (), MATCH_LANG_MARKER_ID)
        out += [
            "      <mtc:matches>",
            f'        <mtc:match ref="#{MATCH_MARKER_ID}" type="mt" '
            f'origin="{xml_attr(counterpart.engine)}">',
            f"          <source>{match_source}</source>",
            f"          <target>{match_target}</target>",
            "        </mtc:match>",
            "      </mtc:matches>",
        ]
    if view.flags:
        out += ["      <notes>", *_notes(view.flags, applied, "        "), "      </notes>"]
    return [
        *out,
        f'      <segment state="translated"{sub_state}>',
        f"        <source>{source}</source>",
        f"        <target>{target}</target>",
        "      </segment>",
        "    </unit>",
    ]


def _content(
    text: str,
    lang: str | None,
    spans: Sequence[LangSpan | None],
    marker_id: str = LANG_MARKER_ID,
    annotation: str | None = None,
) -> str:
    """Escaped text; inline spans of another language and the unit's own language as markers.

    Marker ids are ``lang`` for the whole content and ``lang1``, ``lang2``… for the spans,
    numbered by their place in the source so that a span keeps its id in the target.
    ``annotation`` (a marker's attributes) marks all of the content inside its language marker,
    which stays outermost: it is what tells the whole content's language.
    """
    parts: list[str] = []
    cursor = 0
    for n, span in enumerate(spans, 1):
        if span is None:
            continue
        start, end, span_lang = span
        parts.append(_escape(text[cursor:start]))
        parts.append(
            f'<mrk id="{marker_id}{n}" type="its:generic" itsm:lang="{xml_lang(span_lang)}">'
            f"{_escape(text[start:end])}</mrk>"
        )
        cursor = end
    parts.append(_escape(text[cursor:]))
    content = "".join(parts)
    if annotation is not None:
        content = f"<mrk {annotation}>{content}</mrk>"
    if lang is None:
        return content
    return f'<mrk id="{marker_id}" type="its:generic" itsm:lang="{xml_lang(lang)}">{content}</mrk>'


def _escape(text: str) -> str:
    return xml_text(text, forbidden=lambda ch: f'<cp hex="{ord(ch):04X}"/>')


def _notes(flags: tuple[Flag, ...], applied: Callable[[Flag], bool], indent: str) -> list[str]:
    lines: list[str] = []
    seen: set[str] = set()
    for flag in flags:
        # Note ids must be unique in their unit; the same flag twice gets a counter.
        note_id, n = flag.id, 1
        while note_id in seen:
            n += 1
            note_id = f"{flag.id}-{n}"
        seen.add(note_id)
        priority = NOTE_PRIORITY.get(flag.severity.value, 1)
        lines.append(
            f'{indent}<note id="{xml_attr(note_id)}" category="{xml_attr(flag.rule)}" '
            f'priority="{priority}">{xml_text(flag_note(flag, applied(flag)))}</note>'
        )
    return lines
