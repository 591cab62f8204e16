"""``xliff``: XLIFF 1.2 (strict), the bilingual format every CAT tool opens.

One ``<trans-unit>`` per unit (title, heading, sentence), in document order, with the unit's
id. ``<source>`` is the unit as received and ``<target>`` the corrected text: the file says "as
received → corrected" in one language, so ``source-language`` and ``target-language`` are both
the document's language. A unit in another language (a Russian title in an English article)
carries its own language as ``xml:lang`` on its ``<source>`` and ``<target>``, which XLIFF 1.2
allows on both. Flags become ``<note from="transclean" annotates="target">`` elements, the one
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


class XliffWriter:
    """Write XLIFF 1.2: source as received, target corrected, flags as notes."""

    name = "xliff"
    extension = "xlf"
    media_type = "application/xliff+xml"
    description = "XLIFF 1.2 for CAT tools: source as received, target corrected, flags as notes."

    def write(self, result: CleanResult) -> bytes:
        document = result.document
        lang = xml_lang(document.language)
        applied = result.applied
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<xliff xmlns="{XLIFF12_NS}" version="1.2">',
            f'  <file original="{xml_attr(document.source)}" source-language="{lang}" '
            f'target-language="{lang}" datatype="plaintext" tool-id="{TOOL_NAME}">',
            "    <header>",
            f'      <tool tool-id="{TOOL_NAME}" tool-name="{TOOL_NAME}"/>',
            f"      {_note(FILE_NOTE, None)}",
            *(f"      {_note(flag_note(f, applied(f)), f)}" for f in unplaced_flags(result)),
            "    </header>",
            "    <body>",
        ]
        for view in unit_views(result):
            lang_attr = f' xml:lang="{xml_lang(view.lang)}"' if view.lang != lang else ""
            open_review = any(not applied(f) for f in view.flags)
            state = "needs-review-translation" if open_review else "translated"
            out += [
                f'      <trans-unit id="{xml_attr(view.id)}" xml:space="preserve">',
                f"        <source{lang_attr}>{xml_text(view.source)}</source>",
                f'        <target{lang_attr} state="{state}">{xml_text(view.target)}</target>',
                *(f"        {_note(flag_note(f, applied(f)), f)}" for f in view.flags),
                "      </trans-unit>",
            ]
        out += ["    </body>", "  </file>", "</xliff>", ""]
        return "\n".join(out).encode("utf-8")


def _note(text: str, flag: Flag | None) -> str:
    if flag is None:
        return f'<note from="{TOOL_NAME}">{xml_text(text)}</note>'
    priority = NOTE_PRIORITY.get(flag.severity.value, 1)
    return (
        f'<note from="{TOOL_NAME}" annotates="target" priority="{priority}">{xml_text(text)}</note>'
    )
