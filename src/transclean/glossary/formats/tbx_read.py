"""Read TBX 2008 and TBX v3 alike: both are entry → language section → term section.

The reader accepts what real files contain, not only what the schemas allow: ``tig`` and
``ntig``/``termGrp`` (with term notes inside or beside ``termGrp``), ``xml:lang`` or plain
``lang``, DCA (``<termNote type="partOfSpeech">``) and DCT (``<min:partOfSpeech>``) styles,
``administrativeStatus``, ``normativeAuthorization`` and ``usageStatus`` with their picklist
spellings, data categories wrapped in ``*Grp`` elements. XML is parsed without entity
expansion, DTD loading or network access, and files declaring entities are refused.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from transclean.glossary.formats.base import (
    TBX_STATUS,
    error,
    normalize_lang,
    parse_pos,
    parse_status,
    squash,
)
from transclean.glossary.model import Concept, Glossary, Term, TermStatus

if TYPE_CHECKING:
    from lxml import etree

log = logging.getLogger(__name__)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX3_NAMESPACE_PREFIX = "urn:iso:std:iso:30042"
_STATUS_CATEGORIES = {"administrativeStatus", "normativeAuthorization", "usageStatus"}
# Elements whose ``type`` attribute names the data category (DCA style).
_TYPED = {"descrip", "termNote", "admin", "transac", "ref", "xref", "transacNote", "adminNote"}


@dataclass(frozen=True, slots=True)
class Structure:
    """Element names of one TBX generation."""

    entry: str
    lang_sec: str
    term_secs: tuple[str, ...]


TBX2008 = Structure("termEntry", "langSet", ("tig", "ntig"))
TBX3 = Structure("conceptEntry", "langSec", ("termSec",))


def local(element: etree._Element) -> str:
    """The element's name without namespace ('' for comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def parse_xml(data: bytes, source: str) -> etree._Element:
    """Parse safely and return the root; broken XML names its line."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise error(source, line, f"not well-formed XML: {exc.msg}",
                    "is this really a TBX file?") from None
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise error(source, 1, "the file declares XML entities (<!ENTITY …>)",
                    "entities are refused for safety; replace them by their text")
    return tree.getroot()


def read_tbx(root: etree._Element, structure: Structure, source: str) -> Glossary:
    """Turn a parsed TBX document into a Glossary."""
    concepts = [_concept(entry, structure, source)
                for entry in root.iter(f"{{*}}{structure.entry}")]
    languages = tuple(dict.fromkeys(t.lang for c in concepts for t in c.terms))
    return Glossary(tuple(concepts), languages, (source,))


def categories(container: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """Yield (data category, element) for the container's own data categories.

    ``descripGrp`` etc. wrap a category with its source or note: only the wrapped category is
    the container's. Language and term sections are not descended into.
    """
    for child in container:
        name = local(child)
        if name in ("descripGrp", "termNoteGrp", "adminGrp"):
            first = next((c for c in child if local(c)), None)
            if first is not None:
                yield _category(first), first
        elif name and not name.endswith("Grp"):
            yield _category(child), child


def _category(element: etree._Element) -> str:
    name = local(element)
    if name in _TYPED:
        return element.get("type") or ""
    return name  # "note", "term", or a DCT-style element such as <basic:subjectField>


def _text(element: etree._Element) -> str:
    return squash("".join(element.itertext()))


def _concept(entry: etree._Element, structure: Structure, source: str) -> Concept:
    subjects: list[str] = []
    notes: list[str] = []
    terms: list[Term] = []
    for category, element in categories(entry):
        if category == "subjectField":
            subjects.append(_text(element))
        elif category in ("note", "definition"):
            notes.append(_text(element))
    for sec in entry:
        if local(sec) == structure.lang_sec:
            lang = _lang(sec, source)
            for category, element in categories(sec):
                if category in ("note", "definition"):
                    notes.append(f"{lang}: {_text(element)}")
            secs = [t for t in sec if local(t) in structure.term_secs]
            if not secs:
                raise error(source, sec.sourceline, f"<{structure.lang_sec} xml:lang=\"{lang}\"> "
                            "holds no term")
            terms.extend(_term(t, lang, source) for t in secs)
    entry_id = entry.get("id") or f"c{entry.sourceline}"
    if not terms:
        raise error(source, entry.sourceline, f"<{structure.entry}> {entry_id} has no "
                    f"<{structure.lang_sec}>", "every entry needs terms in at least one language")
    return Concept(entry_id, tuple(terms), "; ".join(filter(None, subjects)) or None,
                   "; ".join(filter(None, notes)) or None, f"{source}:{entry.sourceline}")


def _lang(sec: etree._Element, source: str) -> str:
    raw = sec.get(XML_LANG) or sec.get("lang")
    if not raw:
        raise error(source, sec.sourceline, f"<{local(sec)}> without xml:lang",
                    'every language section needs xml:lang="en" or similar')
    lang = normalize_lang(raw)
    if lang is None:
        raise error(source, sec.sourceline, f"xml:lang=\"{raw}\" is not a language tag")
    return lang


def _term(sec: etree._Element, lang: str, source: str) -> Term:
    group = next((c for c in sec if local(c) == "termGrp"), None)  # ntig wraps term in termGrp
    holders = [sec] if group is None else [group, sec]
    term = next((c for h in holders for c in h if local(c) == "term"), None)
    if term is None:
        raise error(source, sec.sourceline, f"<{local(sec)}> has no <term>")
    text = _text(term)
    if not text:
        raise error(source, term.sourceline, "empty <term>", "write the term text or delete it")
    status, pos, notes, origin = TermStatus.PREFERRED, None, [], None
    for category, element in (pair for h in holders for pair in categories(h)):
        value = _text(element)
        if category in _STATUS_CATEGORIES:
            found = parse_status(value)
            if found is None:
                raise error(source, element.sourceline, f"unknown {category} '{value}' for "
                            f"'{text}'", "use one of " + ", ".join(TBX_STATUS.values()))
            status = found
        elif category == "partOfSpeech":
            pos = parse_pos(value)
            if pos is None:
                log.warning("%s:%s: part of speech '%s' of '%s' read as 'other'",
                            source, element.sourceline, value, text)
                pos = "other"
        elif category == "note":
            notes.append(value)
        elif category == "source" and origin is None:
            origin = value or None
    return Term(text, lang, status, pos, "; ".join(filter(None, notes)) or None, False, origin)
