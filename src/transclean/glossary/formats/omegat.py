"""OmegaT's glossary: ``source<TAB>target[<TAB>comment]`` per line, no header, '#' comments.

The file names no languages, so they come from the caller (``LangPair``, ru → en by default),
and it has no statuses: every term read is preferred, and writing keeps only preferred and
admitted pairs, listing in the notes what was left out.
"""

from __future__ import annotations

from transclean.glossary.formats.base import (
    GlossaryFormat,
    LangPair,
    LossNotes,
    Written,
    decode_utf8,
    error,
    squash,
)
from transclean.glossary.formats.table import iter_records, looks_like_header
from transclean.glossary.model import Concept, Glossary, Term


class OmegaTFormat(GlossaryFormat):
    """OmegaT's tab-separated glossary (``.txt``, ``.utf8``, and header-less ``.tab``/``.tsv``)."""

    name = "omegat"
    title = "OmegaT glossary"
    extensions = (".txt", ".utf8")

    def sniff(self, head: bytes) -> bool:
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                cells = line.split("\t")
                return 2 <= len(cells) <= 3 and not looks_like_header(cells)
        return False

    def read(self, data: bytes, source: str, langs: LangPair) -> Glossary:
        concepts = []
        for line, cells in iter_records(decode_utf8(data, source), "\t", source):
            while len(cells) > 3 and not cells[-1].strip():
                cells.pop()  # trailing tabs
            if not 2 <= len(cells) <= 3:
                raise error(source, line, f"{len(cells)} tab-separated column(s); OmegaT "
                            "glossaries have 2 or 3: source term, target term, comment")
            src, tgt = cells[0].strip(), cells[1].strip()
            if not src or not tgt:
                side = "source" if not src else "target"
                raise error(source, line, f"missing {side} term text")
            note = cells[2].strip() if len(cells) == 3 else ""
            terms = (Term(src, langs.source), Term(tgt, langs.target))
            concepts.append(Concept(f"c{line}", terms, None, note or None, f"{source}:{line}"))
        return Glossary(tuple(concepts), (langs.source, langs.target), (source,))

    def write(self, glossary: Glossary, langs: LangPair) -> Written:
        losses = LossNotes()
        lines = []
        for concept in glossary.concepts:
            _note_losses(concept, langs, losses)
            target = concept.preferred(langs.target)
            sources = [t for t in concept.terms_in(langs.source) if not t.status.is_forbidden]
            if target is None or not sources:
                losses.add(f"concepts without an allowed {langs.source} and {langs.target} "
                           "term were left out", concept.id)
                continue
            comment = _cell(concept.note or "", concept.id, losses)
            for term in sources:
                cells = [_cell(term.text, concept.id, losses), _cell(target.text, concept.id,
                                                                     losses)]
                lines.append("\t".join([*cells, comment] if comment else cells) + "\n")
        return Written("".join(lines).encode("utf-8"), losses.notes())


def _note_losses(concept: Concept, langs: LangPair, losses: LossNotes) -> None:
    """Record everything about ``concept`` that OmegaT's three columns cannot hold."""
    target = concept.preferred(langs.target)
    for term in concept.terms:
        if term.lang not in (langs.source, langs.target):
            losses.add(f"terms in languages other than {langs.source} and {langs.target} "
                       "were left out", concept.id)
        elif term.status.is_forbidden:
            losses.add("deprecated and superseded terms were left out (OmegaT has no statuses)",
                       concept.id)
        elif term.lang == langs.target and term is not target:
            losses.add(f"only the preferred {langs.target} term was kept", concept.id)
        if term.part_of_speech or term.note or term.case_sensitive or term.source:
            losses.add("part of speech, term notes, case sensitivity and sources were left out",
                       concept.id)
    if concept.subject:
        losses.add("subject fields were left out", concept.id)


def _cell(text: str, concept_id: str, losses: LossNotes) -> str:
    if any(ch in text for ch in "\t\r\n"):
        losses.add("tabs or line breaks were replaced by spaces", concept_id)
        return squash(text)
    return text
