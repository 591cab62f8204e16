"""TBX v3 (ISO 30042:2019), dialect TBX-Basic in DCA style: ``<tbx>`` / ``conceptEntry`` /
``langSec`` / ``termSec``. Read in DCA or DCT style, written in DCA style."""

from __future__ import annotations

from typing import Any

from transclean.glossary.formats.base import (
    GlossaryFormat,
    LangPair,
    LossNotes,
    Written,
    all_languages,
    error,
)
from transclean.glossary.formats.tbx2008 import root_name
from transclean.glossary.formats.tbx_read import (
    TBX3,
    TBX3_NAMESPACE_PREFIX,
    XML_LANG,
    local,
    parse_xml,
    read_tbx,
)
from transclean.glossary.formats.tbx_write import XML_DECLARATION, write_body
from transclean.glossary.model import Glossary

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
# TBX-Basic v3's partOfSpeech picklist has no properNoun.
_POS_MAP = {"properNoun": "noun"}


class Tbx3Format(GlossaryFormat):
    """TBX v3 TBX-Basic: namespace ``urn:iso:std:iso:30042:ed-2``, ``style="dca"``."""

    name = "tbx3"
    title = "TBX v3 (TBX-Basic, DCA)"
    extensions = (".tbx", ".xml")

    def sniff(self, head: bytes) -> bool:
        return root_name(head) == "tbx"

    def read(self, data: bytes, source: str, langs: LangPair) -> Glossary:
        root = parse_xml(data, source)
        namespace = root.tag.partition("}")[0].lstrip("{") if root.tag.startswith("{") else ""
        if local(root) != "tbx" or (namespace and not namespace.startswith(TBX3_NAMESPACE_PREFIX)):
            shown = f"{{{namespace}}}{local(root)}" if namespace else local(root)
            raise error(source, root.sourceline, f"root element is <{shown}>, not <tbx> in "
                        f"namespace {NAMESPACE} (TBX v3)", "TBX 2008 files start with <martif>")
        return read_tbx(root, TBX3, source)

    def write(self, glossary: Glossary, langs: LangPair) -> Written:
        from lxml import etree

        def sub(parent: Any, name: str, text: str | None = None, **attrs: str) -> Any:
            element = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}", attrs)
            element.text = text
            return element

        losses = LossNotes()
        langs_used = all_languages(glossary)
        root = etree.Element(
            f"{{{NAMESPACE}}}tbx",
            {"type": "TBX-Basic", "style": "dca",
             XML_LANG: langs_used[0] if langs_used else langs.source},
            nsmap={None: NAMESPACE},
        )
        sub(sub(sub(sub(root, "tbxHeader"), "fileDesc"), "sourceDesc"), "p",
            "Exported by transclean")
        text = sub(root, "text")
        body = sub(text, "body")
        write_body(body, glossary, TBX3, sub, _POS_MAP, losses)
        if not len(body):  # <body> is optional, but holds at least one entry when present
            text.remove(body)
        data = XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)
        return Written(data, losses.notes())
