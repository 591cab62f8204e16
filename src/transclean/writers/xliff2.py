"""``xliff2``: XLIFF 2.1, one ``<unit>`` with one ``<segment>`` per title, heading and sentence.

``<source>`` is the unit as received and ``<target>`` the corrected text; ``srcLang`` and
``trgLang`` are both the document's language, since XLIFF 2 requires every ``<source>`` and
``<target>`` to be in exactly those languages. A unit in another language (a Russian title in
an English article) says so with the ITS module, whose ``itsm:lang`` on a marker tells the
language of content: its whole content is wrapped in ``<mrk type="its:generic"
itsm:lang="ru">``, on both sides with the same id. A stretch of another language inside a unit
(``Segment.inline``: "(alopecia totalis)" in a Russian sentence) gets its own marker, in the
target too unless an edit cut across its ends.

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
    flag_note,
    unit_views,
    unplaced_flags,
    xml_attr,
    xml_lang,
    xml_text,
)
from transclean.writers.xliff import FILE_NOTE

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
ITS_NS = "http://www.w3.org/2005/11/its"
ITSM_NS = "urn:oasis:names:tc:xliff:itsm:2.1"
LANG_MARKER_ID = "lang"


class Xliff2Writer:
    """Write XLIFF 2.1: source as received, target corrected, flags as notes."""

    name = "xliff2"
    extension = "xliff2.xlf"
    media_type = "application/xliff+xml"
    description = "XLIFF 2.1: source as received, target corrected, flags as notes."

    def write(self, result: CleanResult) -> bytes:
        document = result.document
        lang = xml_lang(document.language)
        views = unit_views(result)
        applied = result.applied
        other_langs = any(v.lang != lang or v.source_inline for v in views)
        its = (
            f' xmlns:its="{ITS_NS}" xmlns:itsm="{ITSM_NS}" its:version="2.0"' if other_langs else ""
        )
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<xliff xmlns="{XLIFF2_NS}" version="2.1" srcLang="{lang}" trgLang="{lang}"{its}>',
            f'  <file id="f1" original="{xml_attr(document.source)}">',
            "    <notes>",
            f'      <note category="transclean">{xml_text(FILE_NOTE)}</note>',
            *_notes(unplaced_flags(result), applied, "      "),
            "    </notes>",
        ]
        for view in views:
            open_review = any(not applied(f) for f in view.flags)
            sub_state = ' subState="transclean:review"' if open_review else ""
            marker = view.lang if view.lang != lang else None
            out.append(f'    <unit id="{xml_attr(view.id)}" xml:space="preserve">')
            if view.flags:
                out += ["      <notes>", *_notes(view.flags, applied, "        "), "      </notes>"]
            out += [
                f'      <segment state="translated"{sub_state}>',
                f"        <source>{_content(view.source, marker, view.source_inline)}</source>",
                f"        <target>{_content(view.target, marker, view.target_inline)}</target>",
                "      </segment>",
                "    </unit>",
            ]
        if not views:
            out.append('    <group id="empty"/>')
        out += ["  </file>", "</xliff>", ""]
        return "\n".join(out).encode("utf-8")


def _content(text: str, lang: str | None, spans: Sequence[LangSpan | None]) -> str:
    """Escaped text; inline spans of another language and the unit's own language as markers.

    Marker ids are ``lang`` for the whole content and ``lang1``, ``lang2``… for the spans,
    numbered by their place in the source so that a span keeps its id in the target.
    """
    parts: list[str] = []
    cursor = 0
    for n, span in enumerate(spans, 1):
        if span is None:
            continue
        start, end, span_lang = span
        parts.append(_escape(text[cursor:start]))
        parts.append(
            f'<mrk id="{LANG_MARKER_ID}{n}" type="its:generic" itsm:lang="{xml_lang(span_lang)}">'
            f"{_escape(text[start:end])}</mrk>"
        )
        cursor = end
    parts.append(_escape(text[cursor:]))
    content = "".join(parts)
    if lang is None:
        return content
    return (
        f'<mrk id="{LANG_MARKER_ID}" type="its:generic" itsm:lang="{xml_lang(lang)}">'
        f"{content}</mrk>"
    )


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
