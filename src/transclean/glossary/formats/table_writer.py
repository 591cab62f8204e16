"""Write a glossary as our CSV/TSV table: one row per concept, only the columns in use."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from transclean.errors import GlossaryError
from transclean.glossary.formats.base import LangPair, LossNotes, Written, all_languages, squash
from transclean.glossary.model import Concept, Glossary, Term, TermStatus


def write_table(glossary: Glossary, langs: LangPair, delimiter: str) -> Written:
    """Serialise ``glossary``; per-term details a row cannot hold are noted, never lost silently."""
    losses = LossNotes()
    present = {(t.lang, t.status) for c in glossary.concepts for t in c.terms}
    languages = all_languages(glossary)
    term_columns = [(lang, s) for lang in languages for s in TermStatus if (lang, s) in present]
    if not term_columns:  # an empty glossary still gets a header that reads back
        term_columns = [(langs.source, TermStatus.PREFERRED), (langs.target, TermStatus.PREFERRED)]
    fields = _fields_in_use(glossary)
    header = ["id"] + [lang if s is TermStatus.PREFERRED else f"{lang}:{s.value}"
                       for lang, s in term_columns] + fields
    clean = _cleaner(delimiter, losses)
    rows = [header]
    for index, concept in enumerate(glossary.concepts, 1):
        if not concept.terms:
            losses.add("concepts without terms were left out", concept.id)
            continue
        rows.append(_row(concept, index, term_columns, fields, clean, losses))
    if delimiter == "\t":
        text = "".join("\t".join(row) + "\n" for row in rows)
    else:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
        text = buffer.getvalue()
    return Written(text.encode("utf-8"), losses.notes())


def _fields_in_use(glossary: Glossary) -> list[str]:
    terms = [t for c in glossary.concepts for t in c.terms]
    used = {
        "pos": any(t.part_of_speech for t in terms),
        "case_sensitive": any(t.case_sensitive for t in terms),
        "subject": any(c.subject for c in glossary.concepts),
        "note": any(c.note for c in glossary.concepts) or any(t.note for t in terms),
        "source": any(t.source for t in terms),
    }
    return [name for name, in_use in used.items() if in_use]


def _cleaner(delimiter: str, losses: LossNotes) -> Callable[[str, str], str]:
    """Make cell text safe: TSV has no quoting, so tabs and line breaks become spaces."""

    def clean(text: str, concept_id: str) -> str:
        if delimiter == "\t" and any(ch in text for ch in "\t\r\n"):
            losses.add("tabs or line breaks in cells were replaced by spaces", concept_id)
            return squash(text)
        return text

    return clean


def _row(
    concept: Concept,
    index: int,
    term_columns: list[tuple[str, TermStatus]],
    fields: list[str],
    clean: Callable[[str, str], str],
    losses: LossNotes,
) -> list[str]:
    cid = clean(concept.id, concept.id)
    if not cid.strip() or cid.startswith("#"):
        # a first cell starting with '#' would read back as a comment line
        losses.add("ids that were empty or began with '#' were renumbered", concept.id)
        cid = f"c{index}"
    cells = [cid]
    for lang, status in term_columns:
        texts = [t.text for t in concept.terms if t.lang == lang and t.status is status]
        for text in texts:
            if "|" in text:
                raise GlossaryError(
                    f"term '{text}' of concept {concept.id} contains '|', which the table "
                    "format uses to separate terms", hint="convert to TBX instead")
        cells.append(" | ".join(clean(text, concept.id) for text in texts))
    values = {
        "pos": _shared(concept, lambda t: t.part_of_speech or "", "parts of speech", losses),
        "case_sensitive": "yes" if _shared(
            concept, lambda t: "yes" if t.case_sensitive else "", "case sensitivity", losses
        ) else "no",
        "subject": concept.subject or "",
        "note": _note(concept, losses),
        "source": _shared(concept, lambda t: t.source or "", "sources", losses),
    }
    return cells + [clean(values[name], concept.id) for name in fields]


def _shared(concept: Concept, value: Callable[[Term], str], what: str, losses: LossNotes) -> str:
    """The row's value of a per-term attribute: the first term's, noting when terms differ."""
    values = [value(t) for t in concept.terms]
    if len(set(values)) > 1:
        losses.add(f"terms with different {what} share one cell per row; the first term's "
                   "value was kept", concept.id)
    return values[0]


def _note(concept: Concept, losses: LossNotes) -> str:
    """The concept note, with term notes appended as 'term: note' (the table has no term notes)."""
    parts = [concept.note] if concept.note else []
    for term in concept.terms:
        if term.note:
            losses.add("term notes were merged into the concept note", concept.id)
            parts.append(f"{term.text}: {term.note}")
    return "; ".join(parts)
