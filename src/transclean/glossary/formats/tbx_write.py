"""Write the body of a TBX file (entries, language sections, terms) for either generation.

What we write must validate with the TBX schemas (``tests/standards/validate.py``): ids are
made valid, unique XML names, and data categories stay inside TBX-Basic. Case sensitivity has
no TBX-Basic data category, so it is dropped with a note.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from transclean.errors import GlossaryError
from transclean.glossary.formats.base import TBX_STATUS, LossNotes, all_languages
from transclean.glossary.formats.tbx_read import XML_LANG, Structure
from transclean.glossary.model import Concept, Glossary, Term

if TYPE_CHECKING:
    from lxml import etree

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
Maker = Callable[..., "etree._Element"]


def write_body(
    body: etree._Element,
    glossary: Glossary,
    structure: Structure,
    sub: Maker,
    pos_map: dict[str, str],
    losses: LossNotes,
) -> None:
    """Append one entry per concept to ``body``; ``sub(parent, name, text=None, **attrs)``."""
    order = {lang: i for i, lang in enumerate(all_languages(glossary))}
    ids = _unique_ids(glossary.concepts, losses)
    for concept, entry_id in zip(glossary.concepts, ids, strict=True):
        if not concept.terms:
            losses.add("concepts without terms were left out", concept.id)
            continue
        try:
            _entry(body, concept, entry_id, structure, sub, pos_map, order, losses)
        except ValueError as exc:  # lxml refuses control characters and the like
            raise GlossaryError(f"concept {concept.id} cannot be written as XML: {exc}") from None


def _entry(
    body: etree._Element,
    concept: Concept,
    entry_id: str,
    structure: Structure,
    sub: Maker,
    pos_map: dict[str, str],
    order: dict[str, int],
    losses: LossNotes,
) -> None:
    entry = sub(body, structure.entry, id=entry_id)
    if concept.subject:
        sub(entry, "descrip", concept.subject, type="subjectField")
    if concept.note:
        sub(entry, "note", concept.note)
    by_lang: dict[str, list[Term]] = {}
    for term in sorted(concept.terms, key=lambda t: order[t.lang]):
        by_lang.setdefault(term.lang, []).append(term)
    for lang, terms in by_lang.items():
        sec = sub(entry, structure.lang_sec, **{XML_LANG: lang})
        for term in terms:
            tig = sub(sec, structure.term_secs[0])
            sub(tig, "term", term.text)
            if term.part_of_speech:
                pos = pos_map.get(term.part_of_speech, term.part_of_speech)
                if pos != term.part_of_speech:
                    losses.add(f"part of speech '{term.part_of_speech}' is not in this TBX "
                               f"dialect's picklist and was written as '{pos}'", concept.id)
                sub(tig, "termNote", pos, type="partOfSpeech")
            sub(tig, "termNote", TBX_STATUS[term.status], type="administrativeStatus")
            if term.source:
                sub(tig, "admin", term.source, type="source")
            if term.note:
                sub(tig, "note", term.note)
            if term.case_sensitive:
                losses.add("TBX has no case-sensitivity field; case-sensitive terms were "
                           "written without it", concept.id)


def _unique_ids(concepts: tuple[Concept, ...], losses: LossNotes) -> list[str]:
    """Concept ids as valid, unique XML ids (NCName: a letter or '_' first, no spaces)."""
    used: set[str] = set()
    out = []
    for index, concept in enumerate(concepts, 1):
        cid = "".join(ch if _name_char(ch) else "-" for ch in concept.id.strip())
        if not cid or not (_name_char(cid[0]) and cid[0] not in "0123456789.-"):
            cid = f"c{cid or index}"
        base, n = cid, 1
        while cid in used:
            n += 1
            cid = f"{base}-{n}"
        if cid != concept.id:
            losses.add("ids that were not unique XML names were adjusted", concept.id)
        used.add(cid)
        out.append(cid)
    return out


def _name_char(ch: str) -> bool:
    """A character XML allows in a name (letters from U+00C0 on, ASCII letters, digits, ._-)."""
    if ch.isascii():
        return ch.isalnum() or ch in "._-"
    return ch.isalpha() and ord(ch) >= 0xC0
