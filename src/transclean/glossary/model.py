"""Glossary model: concepts with terms per language, each term with a status.

Statuses follow TBX's administrativeStatus picklist. ``superseded`` is kept distinct from
``deprecated`` so that files round-trip, but both mean "do not use: suggest the preferred term".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class TermStatus(str, Enum):
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"

    @property
    def is_forbidden(self) -> bool:
        return self in (TermStatus.DEPRECATED, TermStatus.SUPERSEDED)


@dataclass(frozen=True, slots=True)
class Term:
    """One written form of a concept in one language."""

    text: str
    lang: str
    status: TermStatus = TermStatus.PREFERRED
    part_of_speech: str | None = None
    note: str | None = None
    case_sensitive: bool = False
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Concept:
    """One meaning, with every term for it in every language."""

    id: str
    terms: tuple[Term, ...]
    subject: str | None = None
    note: str | None = None
    origin: str | None = None  # "file:line" or "file:entry id", for error messages

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.lang == lang)

    def preferred(self, lang: str) -> Term | None:
        """The preferred term in ``lang``, else the first admitted one."""
        terms = self.terms_in(lang)
        for status in (TermStatus.PREFERRED, TermStatus.ADMITTED):
            for term in terms:
                if term.status is status:
                    return term
        return None


@dataclass(frozen=True, slots=True)
class Glossary:
    """An ordered collection of concepts, possibly merged from several files."""

    concepts: tuple[Concept, ...] = ()
    languages: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=())

    def merged(self, other: Glossary) -> Glossary:
        """Return this glossary followed by ``other``'s concepts (later files add, not replace)."""
        langs = tuple(dict.fromkeys(self.languages + other.languages))
        return Glossary(self.concepts + other.concepts, langs, self.sources + other.sources)

    def __len__(self) -> int:
        return len(self.concepts)
