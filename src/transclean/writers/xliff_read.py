"""Read XLIFF 1.2, XLIFF 2.x and TMX back into units: the check that what we wrote holds.

Used by the tests to prove round trips (the text read back equals the text written) and usable
by anyone who wants the pairs back from a file a translator edited. Only the parts transclean
writes are read: plain text with inline markers, ``<cp>`` code points, notes, languages, and a
machine translation proposed beside the unit (XLIFF 1.2 ``<alt-trans>``, XLIFF 2
``<mtc:match>``, a TMX ``<tuv>`` of role ``machine-translation``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from transclean.errors import InputError

if TYPE_CHECKING:
    from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLIFF12 = "{urn:oasis:names:tc:xliff:document:1.2}"
XLIFF2 = "{urn:oasis:names:tc:xliff:document:2.0}"
ITSM_LANG = "{urn:oasis:names:tc:xliff:itsm:2.1}lang"
MTC = "{urn:oasis:names:tc:xliff:matches:2.0}"
ROLE_PROP = "x-transclean-role"
MT_ROLE = "machine-translation"


@dataclass(frozen=True, slots=True)
class ReadUnit:
    """One unit as read back: its id, source and target text, note texts and languages.

    ``translation`` is a machine translation proposed beside the unit, in ``translation_lang``.
    """

    id: str
    source: str
    target: str | None
    notes: tuple[str, ...]
    lang: str
    target_lang: str = ""
    translation: str | None = None
    translation_lang: str = ""


def read_units(data: bytes, source: str = "<bytes>") -> list[ReadUnit]:
    """Return the units of an XLIFF 1.2, XLIFF 2.x or TMX file, in file order."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc}", path=source) from exc
    if root.tag == f"{XLIFF12}xliff":
        return _xliff12(root)
    if root.tag == f"{XLIFF2}xliff":
        return _xliff2(root)
    if root.tag == "tmx":
        return _tmx(root)
    raise InputError(f"not XLIFF 1.2, XLIFF 2 or TMX (root element {root.tag!r})", path=source)


def _xliff12(root: etree._Element) -> list[ReadUnit]:
    units: list[ReadUnit] = []
    for file in root.iter(f"{XLIFF12}file"):
        file_lang = file.get("source-language", "")
        target_lang = file.get("target-language", "")
        for unit in file.iter(f"{XLIFF12}trans-unit"):
            src = unit.find(f"{XLIFF12}source")
            trg = unit.find(f"{XLIFF12}target")
            alt = unit.find(f"{XLIFF12}alt-trans/{XLIFF12}target")
            units.append(
                ReadUnit(
                    id=unit.get("id", ""),
                    source=_text(src) if src is not None else "",
                    target=_text(trg) if trg is not None else None,
                    notes=tuple(_text(n) for n in unit.findall(f"{XLIFF12}note")),
                    lang=(src.get(XML_LANG) if src is not None else None) or file_lang,
                    target_lang=(trg.get(XML_LANG) if trg is not None else None) or target_lang,
                    translation=_text(alt) if alt is not None else None,
                    translation_lang=(alt.get(XML_LANG) if alt is not None else None) or "",
                )
            )
    return units


def _xliff2(root: etree._Element) -> list[ReadUnit]:
    src_lang = root.get("srcLang", "")
    trg_lang = root.get("trgLang", "")
    units: list[ReadUnit] = []
    for unit in root.iter(f"{XLIFF2}unit"):
        sources = unit.findall(f"{XLIFF2}segment/{XLIFF2}source")
        targets = unit.findall(f"{XLIFF2}segment/{XLIFF2}target")
        notes = unit.findall(f"{XLIFF2}notes/{XLIFF2}note")
        match = unit.find(f"{MTC}matches/{MTC}match[@type='mt']/{XLIFF2}target")
        units.append(
            ReadUnit(
                id=unit.get("id", ""),
                source="".join(_text(s) for s in sources),
                target="".join(_text(t) for t in targets) if targets else None,
                notes=tuple(_text(n) for n in notes),
                lang=_content_lang(sources[0], src_lang) if sources else src_lang,
                target_lang=_content_lang(targets[0], trg_lang) if targets else trg_lang,
                translation=_text(match) if match is not None else None,
                translation_lang=_content_lang(match, trg_lang) if match is not None else "",
            )
        )
    return units


def _content_lang(content: etree._Element, file_lang: str) -> str:
    """The language of a source or target: a marker wrapping all of it (ITS module), else
    its xml:lang, else its side of the file's."""
    children = list(content)
    if len(children) == 1 and not (content.text or "") and not (children[0].tail or ""):
        marker_lang = children[0].get(ITSM_LANG)
        if children[0].tag == f"{XLIFF2}mrk" and marker_lang:
            return str(marker_lang)
    return str(content.get(XML_LANG) or file_lang)


def _tmx(root: etree._Element) -> list[ReadUnit]:
    units: list[ReadUnit] = []
    for tu in root.iter("tu"):
        variants = tu.findall("tuv")
        by_role = {_role(v): v for v in variants}
        original = by_role.get("original", variants[0] if variants else None)
        corrected = by_role.get("corrected", variants[1] if len(variants) > 1 else None)
        proposed = by_role.get(MT_ROLE)
        units.append(
            ReadUnit(
                id=tu.get("tuid", ""),
                source=_seg(original),
                target=_seg(corrected) if corrected is not None else None,
                notes=tuple(_text(n) for n in tu.findall("note")),
                lang=(original.get(XML_LANG, "") if original is not None else ""),
                target_lang=(corrected.get(XML_LANG, "") if corrected is not None else ""),
                translation=_seg(proposed) if proposed is not None else None,
                translation_lang=(proposed.get(XML_LANG, "") if proposed is not None else ""),
            )
        )
    return units


def _role(tuv: etree._Element) -> str | None:
    for prop in tuv.findall("prop"):
        if prop.get("type") == ROLE_PROP:
            return (prop.text or "").strip()
    return None


def _seg(tuv: etree._Element | None) -> str:
    seg = tuv.find("seg") if tuv is not None else None
    return _text(seg) if seg is not None else ""


def _text(element: etree._Element) -> str:
    """All text inside ``element``, with XLIFF 2 ``<cp hex>`` turned back into characters."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag == f"{XLIFF2}cp":
            parts.append(chr(int(child.get("hex", "FFFD"), 16)))
        elif isinstance(child.tag, str):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
