"""``tmx``: TMX 1.4b of the same pairs as the XLIFF: each unit as received and as corrected.

TMX pairs variants of one text in different languages, but after ``clean`` both variants are
in the same language. Rather than inventing language tags, each ``<tuv>`` carries its text's
true language and a property tells them apart: the first has ``<prop type="x-transclean-role">
original</prop>``, the second ``corrected``. Where the corrected text is a machine translation
(``translate``, ``--translate=replace``) its ``<tuv>`` is in the translation's language and names
the engine (``x-transclean-engine``); a translation not applied (``clean --translate``) is a
third ``<tuv>`` in its language, role ``machine-translation``. Every unit is written, changed or
not, so the file is a complete post-editing memory (unchanged pairs say the text needed no fix); a
``x-transclean-changed`` property on the ``<tu>`` says ``yes`` or ``no``. ``tuid`` is the unit id,
the ``<tu>`` ``srclang`` its language; the header's ``srclang`` is the document's language, or
``*all*`` when some units are in another language (a Russian title in an English article).
Flags become ``<note>``s of their ``<tu>``; flags outside every unit, header notes.

No dates are written unless given (``TmxWriter(creation_date="20250101T000000Z")``), so the
same result gives the same bytes. Characters XML 1.0 cannot hold become U+FFFD (logged).
"""

from __future__ import annotations

from dataclasses import dataclass

from transclean.model import CleanResult
from transclean.writers._common import (
    TOOL_NAME,
    flag_note,
    unit_views,
    unplaced_flags,
    xml_attr,
    xml_lang,
    xml_text,
)

ROLE_PROP = "x-transclean-role"
CHANGED_PROP = "x-transclean-changed"
ENGINE_PROP = "x-transclean-engine"
MT_ROLE = "machine-translation"
HEADER_NOTE = (
    "Each tu pairs a segment as received (tuv with x-transclean-role=original) with the same "
    "text corrected by transclean (x-transclean-role=corrected), both in the segment's language."
)
TRANSLATED_HEADER_NOTE = (
    "Each tu pairs a segment as received (tuv with x-transclean-role=original) with its text "
    "after transclean (x-transclean-role=corrected), each tuv in its own language. A corrected "
    "tuv with x-transclean-engine is a machine translation; a tuv with "
    f"x-transclean-role={MT_ROLE} is a machine translation not applied to the text."
)


@dataclass(frozen=True, slots=True)
class TmxWriter:
    """Write TMX 1.4b: per unit an original and a corrected variant in the unit's language."""

    creation_date: str | None = None  # TMX form YYYYMMDDThhmmssZ; omitted when None

    name = "tmx"
    extension = "tmx"
    media_type = "application/x-tmx+xml"
    description = "TMX 1.4b memory of original → corrected pairs, flags as notes."

    def write(self, result: CleanResult) -> bytes:
        from transclean import __version__

        document = result.document
        lang = xml_lang(document.language)
        views = unit_views(result)
        applied = result.applied
        translated = any(v.mt is not None for v in views)
        srclang = "*all*" if any(v.lang != lang for v in views) else lang
        date = f' creationdate="{xml_attr(self.creation_date)}"' if self.creation_date else ""
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
            '<tmx version="1.4">',
            f'  <header creationtool="{TOOL_NAME}" creationtoolversion="{xml_attr(__version__)}" '
            f'segtype="sentence" o-tmf="{TOOL_NAME}" adminlang="en" srclang="{srclang}" '
            f'datatype="plaintext"{date}>',
            f"    <note>{xml_text(TRANSLATED_HEADER_NOTE if translated else HEADER_NOTE)}</note>",
            *(
                f"    <note>{xml_text(flag_note(f, applied(f)))}</note>"
                for f in unplaced_flags(result)
            ),
            f'    <prop type="x-transclean-file">{xml_text(document.source)}</prop>',
            "  </header>",
            "  <body>",
        ]
        for view in views:
            unit_lang = xml_lang(view.lang)
            changed = "yes" if view.source != view.target else "no"
            mt = view.translation
            engine = _engine_prop(mt.engine) if mt is not None else ""
            out += [
                f'    <tu tuid="{xml_attr(view.id)}" srclang="{unit_lang}"{date}>',
                *(f"      <note>{xml_text(flag_note(f, applied(f)))}</note>" for f in view.flags),
                f'      <prop type="{CHANGED_PROP}">{changed}</prop>',
                f'      <tuv xml:lang="{unit_lang}"><prop type="{ROLE_PROP}">original</prop>'
                f"<seg>{xml_text(view.source)}</seg></tuv>",
                f'      <tuv xml:lang="{xml_lang(view.target_lang)}">'
                f'<prop type="{ROLE_PROP}">corrected</prop>{engine}'
                f"<seg>{xml_text(view.target)}</seg></tuv>",
            ]
            counterpart = view.counterpart
            if counterpart is not None:
                out.append(
                    f'      <tuv xml:lang="{xml_lang(counterpart.lang)}">'
                    f'<prop type="{ROLE_PROP}">{MT_ROLE}</prop>{_engine_prop(counterpart.engine)}'
                    f"<seg>{xml_text(counterpart.text)}</seg></tuv>"
                )
            out.append("    </tu>")
        out += ["  </body>", "</tmx>", ""]
        return "\n".join(out).encode("utf-8")


def _engine_prop(engine: str) -> str:
    return f'<prop type="{ENGINE_PROP}">{xml_text(engine)}</prop>'
