"""TBX 2008 (ISO 30042:2008, ``<martif>``): what OmegaT, translate-toolkit, MultiTerm and memoQ
exchange. Written in the TBX-Basic style (``tig``, administrativeStatus picklist values)."""

from __future__ import annotations

import re
from typing import Any

from transclean.errors import GlossaryError
from transclean.glossary.formats.base import (
    GlossaryFormat,
    LangPair,
    LossNotes,
    Written,
    all_languages,
    error,
)
from transclean.glossary.formats.tbx_read import TBX2008, XML_LANG, local, parse_xml, read_tbx
from transclean.glossary.formats.tbx_write import XML_DECLARATION, write_body
from transclean.glossary.model import Glossary

_DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">'
# The first element's name, after the XML declaration, comments and a DOCTYPE.
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[\s/>]")
_SKIP = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", re.S)


def root_name(head: bytes) -> str | None:
    """The root element's local name from a file's first bytes, without parsing it all."""
    match = _ROOT.search(_SKIP.sub(b"", head.lstrip(b"\xef\xbb\xbf")))
    return match.group(2).decode("ascii") if match else None


class Tbx2008Format(GlossaryFormat):
    """TBX 2008: ``martif`` / ``termEntry`` / ``langSet`` / ``tig`` or ``ntig``."""

    name = "tbx2008"
    title = "TBX 2008 (martif, TBX-Basic)"
    extensions = (".tbx", ".xml")

    def sniff(self, head: bytes) -> bool:
        return root_name(head) == "martif"

    def read(self, data: bytes, source: str, langs: LangPair) -> Glossary:
        root = parse_xml(data, source)
        if local(root) != "martif":
            raise error(source, root.sourceline, f"root element is <{local(root)}>, not "
                        "<martif> (TBX 2008)", "TBX v3 files start with <tbx>")
        return read_tbx(root, TBX2008, source)

    def write(self, glossary: Glossary, langs: LangPair) -> Written:
        from lxml import etree

        def sub(parent: Any, name: str, text: str | None = None, **attrs: str) -> Any:
            element = etree.SubElement(parent, name, attrs)
            element.text = text
            return element

        losses = LossNotes()
        langs_used = all_languages(glossary)
        root = etree.Element("martif", {"type": "TBX-Basic",
                                        XML_LANG: langs_used[0] if langs_used else langs.source})
        header = sub(root, "martifHeader")
        sub(sub(sub(header, "fileDesc"), "sourceDesc"), "p", "Exported by transclean")
        sub(sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
        body = sub(sub(root, "text"), "body")
        write_body(body, glossary, TBX2008, sub, {}, losses)
        if not len(body):
            raise GlossaryError("TBX 2008 cannot hold an empty glossary: its <body> needs at "
                                "least one <termEntry>", hint="write TBX v3 (--to tbx3) or a table")
        data = XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True,
                                                 doctype=_DOCTYPE)
        return Written(data, losses.notes())
