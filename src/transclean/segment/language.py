"""Language of a segment, and inline spans of another language inside it.

(Placeholder rules; refined in the language work.)
"""

from __future__ import annotations

from transclean.model import UNDETERMINED, InlineSpan


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code or 'und', confidence in [0, 1]) for ``text``."""
    cyr = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    lat = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if not cyr and not lat:
        return UNDETERMINED, 1.0
    if cyr >= lat:
        return "ru", cyr / (cyr + lat)
    return "en", lat / (cyr + lat)


def find_inline_spans(text: str, start: int, end: int, lang: str) -> tuple[InlineSpan, ...]:
    """Return spans inside ``text[start:end]`` written in a language other than ``lang``."""
    return ()
