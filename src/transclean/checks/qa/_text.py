"""Helpers the QA checks share: where the blocks are, which language a position is in, scripts."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from transclean.model import UNDETERMINED, Document, Segment

LANGUAGE_NAMES = {
    "ru": "Russian",
    "en": "English",
    "uk": "Ukrainian",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "la": "Latin",
}

_CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk"})

# Horizontal spaces only: a newline inside a paragraph is layout, never a spacing error.
HSPACE = " \t\u00a0\u2007\u2009\u202f"

# Web addresses, e-mails and bare domains ("estet-portal.com"): punctuation inside them is no
# prose punctuation. Bare domains need a known top-level domain so that "disease.the" is no domain.
_TLDS = (
    "com|org|net|edu|gov|info|biz|io|ru|su|рф|ua|by|kz|uk|us|ca|au|de|fr|es|it|nl|ch|eu|pl|cz|me"
)
ADDRESS = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"«»]+[^\s<>\"«».,;:!?)\]]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?<![\w.@-])[\w-]+(?:\.[\w-]+)*\.(?:{_TLDS})(?![\w-])",
    re.IGNORECASE,
)


# The eyes of ":)", ";-(", "=)".
EMOTICON_EYES = ":;="


def block_spans(document: Document) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each title, heading and paragraph (all text if unsegmented)."""
    blocks = document.blocks
    if not blocks and document.text:
        yield 0, len(document.text)
    for block in blocks:
        yield block.start, block.end


def address_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the spans of URLs, e-mail addresses and domains in ``text[start:end]``."""
    return [m.span() for m in ADDRESS.finditer(text, start, end)]


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Tell whether ``offset`` lies in one of ``spans`` (a block holds few addresses)."""
    return any(start <= offset < end for start, end in spans)


class LanguageMap:
    """Answer "which language is this offset written in?" from the document's units.

    An inline span of another language wins over its unit; a unit of undetermined language
    (numbers, a URL) falls back to the document's language.
    """

    def __init__(self, document: Document) -> None:
        self._default = document.language
        self._units: list[Segment] = sorted(document.units, key=lambda s: s.start)
        self._starts = [s.start for s in self._units]

    def at(self, offset: int) -> str:
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self._units[index].end:
            unit = self._units[index]
            for span in unit.inline:
                if span.start <= offset < span.end:
                    return span.lang
            if unit.lang != UNDETERMINED:
                return unit.lang
        return self._default


def language_script(code: str) -> str:
    """Return the script ("cyrillic" or "latin") a language is written in."""
    return "cyrillic" if code in _CYRILLIC_LANGUAGES else "latin"


def language_name(code: str) -> str:
    """Return the English name of a language code, or the code itself when it is not listed."""
    return LANGUAGE_NAMES.get(code, code)


@lru_cache(maxsize=4096)
def script(char: str) -> str | None:
    """Return "latin" or "cyrillic" for a letter of those scripts, else None."""
    if char.isascii():
        return "latin" if char.isalpha() else None
    name = unicodedata.name(char, "")
    if name.startswith("LATIN ") and char.isalpha():
        return "latin"
    if name.startswith("CYRILLIC ") and char.isalpha():
        return "cyrillic"
    return None


def emoticon_mouth(text: str, pos: int, start: int) -> bool:
    """Tell whether the bracket at ``pos`` follows the eyes of ":)", ":-(" or "=)"."""
    before = text[pos - 1] if pos > start else ""
    if before == "-" and pos - 2 >= start:
        before = text[pos - 2]
    return before != "" and before in EMOTICON_EYES
