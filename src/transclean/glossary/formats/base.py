"""What every glossary format shares: the format contract, and the vocabulary files use.

A format is one small class that declares its name, file extensions and a sniffing test, and
turns bytes into a :class:`~transclean.glossary.model.Glossary` and back. Writers return the
notes of what the target format could not carry, so nothing is lost silently.
"""

from __future__ import annotations

import codecs
import difflib
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass

from transclean.errors import GlossaryError
from transclean.glossary.model import Glossary, TermStatus

# TBX's partOfSpeech picklist (TBX-Basic 2008 adds properNoun; TBX-Basic v3 dropped it).
PARTS_OF_SPEECH: tuple[str, ...] = ("noun", "verb", "adjective", "adverb", "properNoun", "other")
_POS_ALIASES = {p.lower(): p for p in PARTS_OF_SPEECH} | {
    "n": "noun",
    "v": "verb",
    "adj": "adjective",
    "adv": "adverb",
    "proper noun": "properNoun",
    "proper_noun": "properNoun",
}

# Every spelling of a status seen in TBX files, lower-cased: the administrativeStatus picklist,
# the older normativeAuthorization values, bare words, and the normative statuses
# (standardized, legal, regulated) that all mean "the approved form".
_STATUS_WORDS = {
    TermStatus.PREFERRED: ("preferred", "standardized", "legal", "regulated"),
    TermStatus.ADMITTED: ("admitted",),
    TermStatus.DEPRECATED: ("deprecated", "notrecommended"),
    TermStatus.SUPERSEDED: ("superseded", "obsolete"),
}
STATUS_VALUES: dict[str, TermStatus] = {
    spelling: status
    for status, words in _STATUS_WORDS.items()
    for word in words
    for spelling in (word, f"{word}term", f"{word}term-admn-sts")
}
TBX_STATUS = {status: f"{status.value}Term-admn-sts" for status in TermStatus}

_LANG_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z0-9]{1,8}))*$")


@dataclass(frozen=True, slots=True)
class LangPair:
    """The two languages of a format that does not name them (OmegaT): source and target."""

    source: str = "ru"
    target: str = "en"


@dataclass(frozen=True, slots=True)
class Written:
    """A serialised glossary and the notes on what the format could not carry."""

    data: bytes
    notes: tuple[str, ...] = ()


class GlossaryFormat(ABC):
    """One glossary file format: a name, extensions, a sniffing test, a reader and a writer."""

    name: str
    title: str
    extensions: tuple[str, ...]

    @abstractmethod
    def sniff(self, head: bytes) -> bool:
        """Tell whether the first bytes of a file look like this format."""

    @abstractmethod
    def read(self, data: bytes, source: str, langs: LangPair) -> Glossary:
        """Parse ``data`` (the file ``source``); raise GlossaryError naming the line or entry."""

    @abstractmethod
    def write(self, glossary: Glossary, langs: LangPair) -> Written:
        """Serialise ``glossary``; what cannot be represented is listed in ``notes``."""


def error(source: str, line: int | None, message: str, hint: str | None = None) -> GlossaryError:
    """Build the one error a broken glossary gets: ``FILE:LINE: message``."""
    where = f"{source}:{line}" if line else source
    return GlossaryError(message, hint=hint, path=where)


def decode_utf8(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM); undecodable bytes name their line."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(
            source, line, f"byte 0x{data[exc.start]:02x} is not UTF-8",
            "save the glossary as UTF-8",
        ) from None


def normalize_lang(tag: str) -> str | None:
    """Return a language tag in BCP 47 case (``en``, ``en-US``, ``zh-Hant``), or None if invalid."""
    tag = tag.strip()
    if not _LANG_TAG.match(tag):
        return None
    primary, *rest = re.split(r"[-_]", tag)
    parts = [primary.lower()]
    for sub in rest:
        if len(sub) == 2 and sub.isalpha():
            parts.append(sub.upper())
        elif len(sub) == 4 and sub.isalpha():
            parts.append(sub.title())
        else:
            parts.append(sub.lower())
    return "-".join(parts)


def parse_status(value: str) -> TermStatus | None:
    """Map any known spelling of a term status to the model's; None when unknown."""
    return STATUS_VALUES.get(value.strip().lower().replace("_", "-"))


def parse_pos(value: str) -> str | None:
    """Map a part of speech to TBX's picklist (``Noun`` → ``noun``); None when unknown."""
    return _POS_ALIASES.get(" ".join(value.split()).lower())


def suggest(value: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """A "did you mean …?" hint for a misspelt name, or None."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def all_languages(glossary: Glossary) -> list[str]:
    """Languages in the glossary's declared order, then any others its terms use."""
    seen = dict.fromkeys(glossary.languages)
    for concept in glossary.concepts:
        for term in concept.terms:
            seen.setdefault(term.lang)
    return list(seen)


def squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks from pretty-printed XML, tabs) to one space."""
    return " ".join(text.split())


class LossNotes:
    """Collect what a writer had to drop, one note per kind of loss, naming a few concepts."""

    _SHOWN = 5

    def __init__(self) -> None:
        self._by_kind: dict[str, list[str]] = {}

    def add(self, kind: str, concept_id: str) -> None:
        ids = self._by_kind.setdefault(kind, [])
        if concept_id not in ids:
            ids.append(concept_id)

    def notes(self) -> tuple[str, ...]:
        out = []
        for kind, ids in self._by_kind.items():
            shown = ", ".join(ids[: self._SHOWN]) + (", …" if len(ids) > self._SHOWN else "")
            out.append(f"{kind}: {len(ids)} concept(s) ({shown})")
        return tuple(out)
