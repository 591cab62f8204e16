"""Language of the commonest sentences, reached with a few scans instead of the general rules.

Most sentences of a Russian/English document are English in ASCII letters (typographic marks
aside), or Cyrillic text without a Latin letter. ``sentence_language`` answers exactly what
``detect_language`` and ``find_inline_spans`` answer for them, with the work those rules need in
the general case left out (URL patterns, Latin runs, homoglyphs, Ukrainian apostrophes); any
sentence for which that cannot be shown goes to the general rules. The tests hold both paths to
the same answers.
"""

from __future__ import annotations

import re
from functools import cache

from transclean.model import UNDETERMINED, InlineSpan
from transclean.segment.cyrillic import APOSTROPHES, LETTER_EVIDENCE, russian_or_ukrainian_text
from transclean.segment.langmodel import LATIN_LETTERS, Memo, frequencies, latin_phrases, sure
from transclean.segment.language import (
    _EN_PRIOR,
    _ENGLISH_SHARE,
    _INVISIBLE,
    _KNOWN_WORD_EVIDENCE,
    _content,
    _may_hold_url,
    detect_language,
    find_inline_spans,
)

__all__ = ["fast_answer", "sentence_language"]

Answer = tuple[str, float, tuple[InlineSpan, ...]]

# In ASCII text a word is a maximal run of letters: every other byte becomes a space, and
# bytes.translate and str.split find the words in C, far faster than a pattern's findall.
_LETTERS_ONLY = bytes(b if b < 128 and chr(b).isalpha() else 32 for b in range(256))
# What decides English, tallied over a sentence's words: content words (see _content), those
# English lists, words that are the key of a Latin phrase, and the letters of the first two.
# Each word's tally is one integer of five 12-bit fields, so one sum() adds them all; a sentence
# shorter than 4096 characters overflows none.
_FIELD = 12
_CONTENT, _KNOWN, _KEY, _LETTERS, _KNOWN_LETTERS = (1 << (_FIELD * i) for i in range(5))
_MASK = (1 << _FIELD) - 1
# Typographic marks English text carries besides ASCII: no-break space, Latin-1 signs, dashes,
# curly quotes, ellipsis, guillemets, primes, €, №, minus. None is a letter of the rules, none
# changes under lower(); the soft hyphen (U+00AD), which joins words, is left out.
_TYPOGRAPHY = "\u00a0-\u00ac\u00ae-\u00bf\u00d7\u00f7\u2010-\u2027\u2030-\u205e\u20ac\u2116\u2212"
_NOT_ASCII_TEXT = re.compile(f"[^\x00-\x7f{_TYPOGRAPHY}]")
# What the Cyrillic fast path cannot answer alone: Latin letters (homoglyphs, Latin runs, inline
# spans), invisible characters that join words, apostrophes inside words, what may start an
# address ("@", "://"), letters of Ukrainian, Belarusian, Serbian and Macedonian, and ъ that is
# not Russian's separating sign before е ё ю я.
# Each pattern starts with one character class, which the regex engine scans for in C; the
# look-arounds after it tell the colon and the hard sign apart.
_TROUBLE = f"{LATIN_LETTERS}{_INVISIBLE}{APOSTROPHES}@ІЇЄҐіїєґЎўЃѓЌќЅѕЂђЋћЈјЉљЊњЏџ"
_NOT_PLAIN_CYRILLIC = re.compile(
    f"[{_TROUBLE}:ъЪ](?:(?<=[{_TROUBLE}])|(?<=:)(?=//)|(?<=[ъЪ])(?![еёюяЕЁЮЯ]))"
)
# Russian's own letters (ъ only before е ё ю я), as detect_language counts them. A capital one
# may sit in an acronym, which the rules do not count: the words are looked at then.
_RUSSIAN_LETTER = re.compile("[ыэёъЫЭЁЪ](?:(?<![ъЪ])|(?=[еёюяЕЁЮЯ]))")
_CAPITALS = frozenset("ЫЭЁЪ")
# Without Latin letters or apostrophes, a Cyrillic word is a plain run of Cyrillic letters.
_CYRILLIC_RUN = re.compile("[\u0400-\u04ff]+")


def sentence_language(text: str, start: int, end: int) -> Answer:
    """Return the language, confidence and inline spans of ``text[start:end]``.

    The same answer as ``detect_language`` then ``find_inline_spans`` give, reached quickly for
    English in ASCII letters and for Cyrillic text without Latin letters.
    """
    segment = text[start:end]
    answer = fast_answer(segment)
    if answer is not None:
        return answer
    lang, confidence = detect_language(segment)
    return lang, confidence, find_inline_spans(text, start, end, lang)


def fast_answer(segment: str) -> Answer | None:
    """Return the answer for ``segment`` alone if a fast path reaches it, else None.

    Its inline spans, when there are any, would need the text around the segment: a fast path
    answers only segments that have none.
    """
    if segment.isascii():
        return _english(segment, segment.encode("ascii"))
    if _NOT_ASCII_TEXT.search(segment) is None:
        # ASCII letters between typographic marks: the marks separate words, as in the rules.
        return _english(segment, segment.encode("ascii", "replace"))
    if _NOT_PLAIN_CYRILLIC.search(segment) is None:
        return _plain_cyrillic(segment)
    return None


def _english(segment: str, ascii_bytes: bytes) -> Answer | None:
    """English (or no language) as ``_latin_language`` decides it in its usual case, else None.

    That case: mostly words English lists, no Latin phrase, no address. ``ascii_bytes`` is
    ``segment`` with every character outside ASCII made a byte that is no letter. A Latin phrase
    holds its key word, so a sentence without any key word holds no phrase and no inline span.
    """
    if _may_hold_url(segment) or len(segment) > _MASK:
        return None
    words = ascii_bytes.translate(_LETTERS_ONLY).decode("ascii").split()
    if not words:
        return UNDETERMINED, 1.0, ()
    tally = sum(map(_TALLIES.__getitem__, words))
    content = tally & _MASK
    if not content or (tally // _KEY) & _MASK:
        return None  # only acronyms and units, or maybe a Latin phrase: the rules weigh them
    if tally // _KNOWN_LETTERS < _ENGLISH_SHARE * ((tally // _LETTERS) & _MASK):
        return None
    return _english_answer((tally // _KNOWN) & _MASK)


def _word_tally(word: str) -> int:
    """Return what one word of ASCII letters adds to a sentence's tally."""
    low = word.lower()
    tally = _KEY if low in latin_phrases().keys else 0
    if not _content([word]):
        return tally  # acronyms, units and single letters say nothing
    if low in frequencies("en")[0]:
        return tally + _CONTENT + _KNOWN + len(word) * (_LETTERS + _KNOWN_LETTERS)
    return tally + _CONTENT + len(word) * _LETTERS


_TALLIES = Memo(_word_tally)


def _plain_cyrillic(segment: str) -> Answer:
    """Russian or Ukrainian (or no language) for Cyrillic text that ``_NOT_PLAIN_CYRILLIC`` passes.

    Such text holds no letter of uk, be, bg, sr or mk and no Latin run, so no inline span: a
    letter only Russian writes decides it, and without one the words are weighed.
    """
    words: list[str] | None = None
    found = _RUSSIAN_LETTER.findall(segment)
    marks = len(found)
    if marks and not _CAPITALS.isdisjoint(found):
        words = _content_words(segment)
        marks = len(_RUSSIAN_LETTER.findall(" ".join(words).lower()))
    if marks:
        return _russian_answer(marks)
    if words is None:
        words = _content_words(segment)
    if not words:
        return UNDETERMINED, 1.0, ()
    lang, certainty = russian_or_ukrainian_text(" ".join(words))
    return lang, round(certainty, 3), ()


def _content_words(segment: str) -> list[str]:
    """Return the Cyrillic words as the rules weigh them: acronyms only when all are."""
    words = _CYRILLIC_RUN.findall(segment)
    return _content(words) or words


# The answers depend on one count each: made once, shared by every sentence that gives them.


@cache
def _english_answer(known: int) -> Answer:
    return "en", round(sure(_EN_PRIOR + _KNOWN_WORD_EVIDENCE * known), 3), ()


@cache
def _russian_answer(marks: int) -> Answer:
    return "ru", round(sure(LETTER_EVIDENCE * marks), 3), ()
