"""``xliff``: XLIFF 1.2 (strict), the bilingual format every CAT tool opens.

One ``<trans-unit>`` per unit (title, heading, sentence), in document order, with the unit's
id. ``<source>`` is the unit as received and ``<target>`` the corrected text. ``source-language``
is the document's language and ``target-language`` the corrected text's: the same for
``clean`` ("as received → corrected"), the translation's for ``translate``. A source or target in
another language than its side of the file (a Russian title in an English article, an English
sentence left as it was in a translated Russian article) carries its own ``xml:lang``, which
XLIFF 1.2 allows on both.

A target that is a machine translation has ``state-qualifier="leveraged-mt"``. A machine
translation not applied (``clean --translate``) is an ``<alt-trans origin="ENGINE">`` of its
unit, XLIFF 1.2's place for proposals, with the translation as its ``<target xml:lang>``.
Flags become ``<note from="transclean" annotates="target">`` elements, the one
channel OmegaT, memoQ and Trados all show; ``priority`` follows the severity (error 1,
warning 2, info 3). A target whose unit has a flag left unfixed is ``needs-review-translation``,
any other ``translated``. Flags outside every unit become notes in the file header.

Characters XML 1.0 cannot hold (C0 controls other than tab/LF/CR) are written as U+FFFD with
a logged warning; XLIFF 2 keeps them as ``<cp>`` (see :mod:`transclean.writers.xliff2`).
"""

from __future__ import annotations

from transclean.model import CleanResult, Flag
from transclean.writers._common import (
    NOTE_PRIORITY,
    TOOL_NAME,
    UnitView,
    flag_note,
    unit_views,
    unplaced_flags,
    xml_attr,
    xml_lang,
    xml_text,
)

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
FILE_NOTE = (
    "Source: the article as received; target: the same text corrected by transclean "
    "(same language). Notes list each flag."
)
TRANSLATED_FILE_NOTE = (
    "Source: the article as received; target: its machine translation, checked by transclean. "
    "Notes list each flag."
)


class XliffWriter:
    """Write XLIFF 1.2: source as received, target corrected, flags as notes."""

    name = "xliff"
    extension = "xlf"
    media_type = "application/xliff+xml"
    description = "XLIFF 1.2 for CAT tools: source as received, target corrected, flags as notes."

    def write(self, result: CleanResult) -> bytes:
        document = result.document
        src_lang = xml_lang(document.language)
        trg_lang = xml_lang(result.target_lang)
        applied = result.applied
        file_note = FILE_NOTE if src_lang == trg_lang else TRANSLATED_FILE_NOTE
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<xliff xmlns="{XLIFF12_NS}" version="1.2">',
            f'  <file original="{xml_attr(document.source)}" source-language="{src_lang}" '
            f'target-language="{trg_lang}" datatype="plaintext" tool-id="{TOOL_NAME}">',
            "    <header>",
            f'      <tool tool-id="{TOOL_NAME}" tool-name="{TOOL_NAME}"/>',
            f"      {_note(file_note, None)}",
            *(f"      {_note(flag_note(f, applied(f)), f)}" for f in unplaced_flags(result)),
            "    </header>",
            "    <body>",
        ]
        for view in unit_views(result):
            open_review = any(not applied(f) for f in view.flags)
            state = "needs-review-translation" if open_review else "translated"
            # XLIFF 1.2's own word for a target that comes from machine translation.
            qualifier = ' state-qualifier="leveraged-mt"' if view.translation else ""
            out += [
                f'      <trans-unit id="{xml_attr(view.id)}" xml:space="preserve">',
                f"        <source{_lang(view.lang, src_lang)}>{xml_text(view.source)}</source>",
                f'        <target{_lang(view.target_lang, trg_lang)} state="{state}"{qualifier}>'
                f"{xml_text(view.target)}</target>",
                *(f"        {_note(flag_note(f, applied(f)), f)}" for f in view.flags),
                *_alt_trans(view),
                "      </trans-unit>",
            ]
        out += ["    </body>", "  </file>", "</xliff>", ""]
        return "\n".join(out).encode("utf-8")


def _lang(lang: str, file_lang: str) -> str:
    """``xml:lang`` for a source or target whose language is not its side of the file's."""
    return f' xml:lang="{xml_lang(lang)}"' if xml_lang(lang) != file_lang else ""


def _alt_trans(view: UnitView) -> list[str]:
    """The unit's machine translation not applied, as a proposal in its own language."""
    mt = view.counterpart
    if mt is None:
        return []
    return [
        f'        <alt-trans origin="{xml_attr(mt.engine)}" alttranstype="proposal">',
        f'          <target xml:lang="{xml_lang(mt.lang)}">{xml_text(mt.text)}</target>',
        "        </alt-trans>",
    ]


def _note(text: str, flag: Flag | None) -> str:
    if flag is None:
        return f'<note from="{TOOL_NAME}">{xml_text(text)}</note>'
    priority = NOTE_PRIORITY.get(flag.severity.value, 1)
    return (
        f'<note from="{TOOL_NAME}" annotates="target" priority="{priority}">{xml_text(text)}</note>'
    )
