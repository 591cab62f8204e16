"""Language of a segment, and inline spans of another language inside it.

The documents are Russian or English, so the rules are built to tell those two apart with
certainty at any length (a single word included) and to name another language only on strong
evidence:

1. Script. Cyrillic against Latin letters; acronyms and units ("IL", "FDA", "mg") are neutral.
2. Cyrillic. Letters that only one language writes decide (ы э ё → ru, і ї є ґ → uk, ў → be,
   ъ before a consonant → bg). Where none is written, our curated word lists vote, then every
   other word: a word only Ukrainian's dictionary knows counts much, one Russian's knows a
   little, as far as its character n-grams look Russian, and one neither knows (a name, a
   typo) not at all. A tie stays Russian, and so does a single word that no letter or list
   decides. These rules live in ``cyrillic``.
3. Latin. English unless German wins on word frequencies (pyspellchecker's en/de lists) plus
   character n-grams, or a whole sentence is plainly Latin, French, Spanish, etc.
4. Medical Latin ("alopecia totalis", "per os") is an inline span and never changes the
   language of the segment around it: a segment that is only such a phrase is English, the
   language such a heading stands in.

The evidence (n-gram profiles, dictionary, frequency and word lists) lives in ``langmodel``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from transclean.model import UNDETERMINED, InlineSpan
from transclean.segment.cyrillic import (
    APOSTROPHES,
    CYRILLIC_LETTERS,
    HOMOGLYPHS,
    LETTER_EVIDENCE,
    cyrillic_evidence,
    cyrillic_language,
)
from transclean.segment.langmodel import (
    LATIN_LETTERS,
    frequencies,
    latin_phrases,
    ngram_scores,
    sure,
    word_list,
)

__all__ = ["detect_language", "find_inline_spans"]

_LAT = LATIN_LETTERS
_CYR = CYRILLIC_LETTERS
# Ukrainian and Belarusian write an apostrophe inside words (пам'ять), so it joins Cyrillic
# letters; Latin words are split at it, which is what the English word list expects ("don", "t").
_CYR_WORD = re.compile(
    f"(?<![{_LAT}{_CYR}])[{HOMOGLYPHS}]?[{_CYR}]+"
    # The separator is compulsory inside the repeat: with it optional, a long Cyrillic run
    # glued to a Latin letter ("порталадупилумабsponsored") backtracks exponentially.
    f"(?:(?:[{APOSTROPHES}]|[{HOMOGLYPHS}]+)[{_CYR}]+)*[{HOMOGLYPHS}]?(?![{_LAT}{_CYR}])"
)
_LAT_WORD = re.compile(f"(?<![{_LAT}{_CYR}])[{_LAT}]+(?![{_LAT}{_CYR}])")
_ASCII_WORD = re.compile("[A-Za-z]+")
_ANY_LATIN = re.compile(f"[{_LAT}]")
# Soft hyphens and zero-width characters hide inside words (Dupi\u00adlumab): ignored.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_DROP_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE))
_HAS_INVISIBLE = re.compile(f"[{_INVISIBLE}]")  # translate() is slow even when nothing changes
_TOKEN = f"[{_LAT}][{_LAT}0-9\u0370-\u03ff{_INVISIBLE}]*(?:[-.'\u2019][{_LAT}0-9\u0370-\u03ff]+)*"
_LAT_RUN = re.compile(f"(?<![{_LAT}{_CYR}0-9]){_TOKEN}(?:[ \t]+{_TOKEN})*(?![{_LAT}{_CYR}0-9])")
_CYR_RUN = re.compile(
    f"[{_CYR}]+(?:[-{APOSTROPHES}][{_CYR}]+)*(?:[ \t]+[{_CYR}]+(?:[-{APOSTROPHES}][{_CYR}]+)*)*"
)

# Roman numerals (XX век, стадия III) and single letters (витамин D3, группа A) are written in
# Latin letters in Russian text too, and belong to no language.
_NEUTRAL_RUN = re.compile("(?:[IVX]+|[A-Za-z])(?:[-.]?[0-9]+)?")
# Spans of one language are joined across spaces, commas, slashes and dashes ("IL-4, IL-13"),
# never across brackets or quotes, which would leave a span with an unbalanced bracket.
_GAP = re.compile("[ \t,;/&+\\-\u2013\u2014]*")
# URLs, e-mail addresses and bare domain names carry letters but no language.
_URL = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"\u00ab\u00bb]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|info|io|ru|ua|de|uk|eu)\b"
    r"(?:/[^\s<>\"\u00ab\u00bb]*)?",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"\.(?:com|org|net|edu|gov|info|io|ru|ua|de|uk|eu)\b", re.IGNORECASE)
_UNITS = frozenset({"mg", "mcg", "ml", "mL", "kg", "cm", "mm", "nm", "dl", "dL", "mmol", "kcal"})
# Evidence weights, in nats of log-odds (see ``sure``).
_KNOWN_WORD_EVIDENCE = 2.0  # a word on English's frequency list
_NGRAM_CLIP = 2.0  # an unlisted word (a name, a typo) is weak evidence, never enough alone
_SENTENCE_NGRAM_WEIGHT = 0.5  # in a sentence every word's n-grams vote too, at half weight
_SENTENCE_NGRAM_CLIP = 8.0
_EN_PRIOR = 2.5  # Latin-script text is English unless another language wins by this much
_LISTED_WORD_BONUS = 3.0  # being on a frequency list at all, before its log frequency
_OTHER_LATIN = ("fr", "es", "it", "pt", "nl", "sv", "da", "no", "pl", "cs", "ro", "tr", "fi")
_SHORT_WORD = 7  # longer unlisted ASCII words are mostly names and terms
_ENGLISH_SHARE = 0.75  # of the letters in words English lists: English, decided cheaply
_MIN_SENTENCE_WORDS = 4  # below this, only English, German or a known Latin phrase is named
_CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "sr", "mk"})


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code or 'und', confidence in [0, 1]) for ``text``.

    The confidence is the share of language evidence in the winning script times how sure the
    decision inside that script is; 'und' (no letters outside URLs and e-mail addresses) is
    certain, so it returns 1.0.
    """
    if _may_hold_url(text):
        text = _URL.sub(" ", text)
    if text.isascii():
        # Most English sentences: in ASCII text a maximal run of letters is a whole word, so the
        # plain pattern finds what _LAT_WORD would, without its look-arounds.
        lat, cyr = _ASCII_WORD.findall(text), []
    else:
        if _HAS_INVISIBLE.search(text):
            text = text.translate(_DROP_INVISIBLE)
        # Most Russian sentences hold no Latin letter: a plain search settles that first.
        lat = _LAT_WORD.findall(text) if _ANY_LATIN.search(text) else []
        cyr = _CYR_WORD.findall(text)
    if not cyr:
        if not lat:
            return UNDETERMINED, 1.0
        # Latin script only, the commonest case: no weighing between scripts.
        lang, sure = _latin_language(_content(lat) or lat)
        return lang, round(sure, 3)
    if lat:
        # A Latin phrase quoted in Russian text is neither Russian nor English evidence.
        phrases = _latin_phrase_spans(text, 0, len(text))
        if phrases:
            lat = _LAT_WORD.findall(_blank(text, phrases))
    cyr_words, lat_words = _content(cyr), _content(lat) if lat else lat
    if not cyr_words and not lat_words:
        # Only acronyms and units ("FDA", "США", "IL-4"): still tell the script, unsurely.
        cyr_words, lat_words = cyr, lat
    cyr_weight = float(sum(map(len, cyr_words)))
    lat_weight = float(sum(map(len, lat_words)))
    if cyr_weight and lat_weight:
        # Both scripts: names and terms quoted from the other language are rarely dictionary
        # words, so known words count fully and unknown ones a quarter.
        cyr_weight, lat_weight = cyrillic_evidence(cyr_words), _latin_evidence(lat_words)
    if cyr_weight >= lat_weight:
        lang, sure = cyrillic_language(cyr_words or cyr)
        share = cyr_weight / (cyr_weight + lat_weight)
    else:
        lang, sure = _latin_language(lat_words or lat)
        share = lat_weight / (cyr_weight + lat_weight)
    return lang, round(share * sure, 3)


def find_inline_spans(text: str, start: int, end: int, lang: str) -> tuple[InlineSpan, ...]:
    """Return spans inside ``text[start:end]`` written in a language other than ``lang``.

    In Cyrillic-script segments every Latin-script run outside URLs is a span: a known Latin
    phrase is 'la', anything else (a drug name, an abbreviation, a quoted title) 'en' unless it
    is a sentence plainly in another language. In Latin-script segments known Latin phrases are
    'la' and Cyrillic runs take the Cyrillic language they are written in. Neighbouring spans
    of one language with only spaces and punctuation between them are joined.
    """
    spans: list[InlineSpan] = []
    if lang in _CYRILLIC_LANGS:
        if not _ANY_LATIN.search(text, start, end):
            return ()
        # The URL pattern is slow and most Cyrillic sentences hold no Latin run: it runs only
        # once a run needs it.
        urls: list[tuple[int, int]] | None = None
        for match in _LAT_RUN.finditer(text, start, end):
            if _NEUTRAL_RUN.fullmatch(match.group()):
                continue
            if urls is None:
                urls = [m.span() for m in _URL.finditer(text, start, end)]
            if not any(a < match.end() and match.start() < b for a, b in urls):
                spans.extend(_latin_run_spans(text, match.start(), match.end()))
    elif lang != UNDETERMINED:
        segment = text[start:end]
        if lang != "la":
            spans.extend(_latin_phrase_spans(text, start, end, segment))
        if segment.isascii():
            # No Cyrillic run to look for, and the phrases found are already in order.
            return _join(text, [s for s in spans if s.lang != lang]) if spans else ()
        for match in _CYR_RUN.finditer(text, start, end):
            run_lang, _ = cyrillic_language(_CYR_WORD.findall(match.group()))
            spans.append(InlineSpan(match.start(), match.end(), run_lang))
        spans.sort(key=lambda s: s.start)
    return _join(text, [s for s in spans if s.lang != lang])


def _join(text: str, spans: list[InlineSpan]) -> tuple[InlineSpan, ...]:
    joined: list[InlineSpan] = []
    for span in spans:
        last = joined[-1] if joined else None
        if last and last.lang == span.lang and _GAP.fullmatch(text, last.end, span.start):
            joined[-1] = InlineSpan(last.start, span.end, span.lang)
        else:
            joined.append(span)
    return tuple(joined)


def _blank(text: str, spans: Iterable[InlineSpan]) -> str:
    """Replace the spans with spaces, keeping every other offset where it was."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def _content(words: list[str]) -> list[str]:
    """Drop acronyms, units and single Latin letters: they say nothing about the language.

    A single capital Cyrillic letter is a word (І, В, С opening a sentence), not an acronym.
    """
    return [
        w
        for w in words
        if not (w.isupper() and 1 < len(w) <= 6)
        and w not in _UNITS
        and not (len(w) == 1 and w.isascii())
    ]


def _may_hold_url(text: str) -> bool:
    """Cheap test before the URL pattern runs: most sentences hold none."""
    if "://" in text or "www." in text or "@" in text:
        return True
    # A domain is a period with letters after it: most sentences hold one period, at their end.
    return text.find(".", 0, len(text) - 1) >= 0 and _DOMAIN.search(text) is not None


# --- Latin script -----------------------------------------------------------------------------


def _latin_language(words: Sequence[str]) -> tuple[str, float]:
    """English unless German, Latin or (in a sentence) another language wins clearly.

    A segment that is only a medical Latin phrase ("Alopecia areata", "per os") is English:
    such terms are English medical vocabulary, and a heading made of one is no untranslated
    Latin. ``find_inline_spans`` still marks the phrase 'la'.
    """
    joined = " ".join(words)
    low = joined.lower().split()
    en = frequencies("en")
    known = list(filter(en[0].__contains__, low))
    plain = joined.isascii()
    # The words hold no space, and lowering ASCII keeps its length: count without a second pass.
    letters = len(joined) - len(low) + 1 if plain and low else sum(map(len, low))
    en_letters = sum(map(len, known))
    if len(low) <= latin_phrases().longest and _is_latin_phrase(low):
        return "en", sure(_EN_PRIOR)
    if plain and en_letters >= _ENGLISH_SHARE * letters:
        # Mostly English words and no letter English lacks: the usual case, decided cheaply.
        return "en", sure(_EN_PRIOR + _KNOWN_WORD_EVIDENCE * len(known))
    sentence = len(low) >= _MIN_SENTENCE_WORDS and en_letters < 0.5 * letters
    if sentence:
        # Latin: its function words (autem, eius, sunt) and its endings (-orum, -ibus, -ntur),
        # which neither English nor the Romance languages write.
        hits = len(word_list("latin_function_words.txt").intersection(low))
        endings = sum(1 for w in low if len(w) > 3 and _LATIN_ENDING.search(w) and w not in en[0])
        if hits >= 2 or (hits and hits + endings >= 3):
            return "la", sure(LETTER_EVIDENCE * (hits + endings - 1))
    de_margin = _german_margin(words)
    if de_margin > _EN_PRIOR:
        return "de", sure(de_margin - _EN_PRIOR)
    if len(low) >= _MIN_SENTENCE_WORDS and (sentence or not plain):
        other = _other_language(
            [w for w in low if w in en[0] or len(w) <= _SHORT_WORD or not w.isascii()]
        )
        if other:
            return other
    return "en", sure(_EN_PRIOR - de_margin)


def _other_language(voters: Sequence[str]) -> tuple[str, float] | None:
    """Name another language when the n-grams of the words plainly say so.

    Long ASCII words English does not list do not vote: they are mostly drug names and terms
    (dupilumab, tralokinumab), whose n-grams are anyone's guess.
    """
    if len(voters) < 2:
        return None
    langs = ("en", "de", *_OTHER_LATIN)
    scores = ngram_scores(voters, langs)
    best = max(range(len(langs)), key=lambda k: (scores[k], -k))
    margin = (scores[best] - scores[0]) / len(voters) - _EN_PRIOR
    return (langs[best], sure(margin)) if best > 1 and margin > 0 else None


def _german_margin(words: Sequence[str]) -> float:
    """Log-odds of German over English from word frequencies and character n-grams.

    A word either list knows votes by its frequencies; an unlisted one by an umlaut or ß, else
    weakly by its n-grams (a lone unlisted word is usually a name and never decides alone). In
    a sentence the n-grams of every word vote as well: over many words they are reliable.
    Capitalised listed words after the first count half: in English they are mostly names,
    which say little about the language around them (German capitalises every noun, so it
    loses less by this).
    """
    (en, en_total), (de, de_total) = frequencies("en"), frequencies("de")
    sentence = len(words) >= _MIN_SENTENCE_WORDS
    margin = 0.0
    for index, word in enumerate(words):
        low = word.lower()
        weight = 0.5 if index and word[0].isupper() else 1.0
        en_count, de_count = en.get(low, 0), de.get(low, 0)
        ngram = 0.0
        if sentence or not (en_count or de_count or _GERMAN_LETTERS.search(low)):
            ngram = _german_ngrams(low)
        if en_count or de_count:
            margin += weight * (_list_score(de_count, de_total) - _list_score(en_count, en_total))
        elif _GERMAN_LETTERS.search(low):
            margin += weight * LETTER_EVIDENCE  # an umlaut or ß in a word English does not list
        else:
            margin += max(-_NGRAM_CLIP, min(_NGRAM_CLIP, ngram))  # clipped already: no discount
        if sentence:
            clip = _SENTENCE_NGRAM_CLIP
            margin += weight * _SENTENCE_NGRAM_WEIGHT * max(-clip, min(clip, ngram))
    return margin


@lru_cache(maxsize=1 << 14)
def _german_ngrams(word: str) -> float:
    en_score, de_score = ngram_scores([word], ("en", "de"))
    return de_score - en_score


_GERMAN_LETTERS = re.compile("[äöüß]")
_LATIN_ENDING = re.compile("(?:ae|orum|arum|ibus|um|us|unt|ntur|tur|que)$")


# pyspellchecker lists a word once it is seen 50 times; in the smaller German corpus that is a
# relative frequency of about 4e-7, so frequencies are compared above that common floor.
_FREQUENCY_FLOOR = 4e-7


def _list_score(count: int, total: int) -> float:
    """Score a word on a frequency list: a bonus for being listed plus its log frequency."""
    if not count:
        return 0.0
    return _LISTED_WORD_BONUS + max(0.0, math.log(count / total / _FREQUENCY_FLOOR))


def _latin_evidence(words: Sequence[str]) -> float:
    en = frequencies("en")[0]
    return sum(len(w) if w.lower() in en or not w.isascii() else len(w) / 4 for w in words)


# --- Medical Latin phrases --------------------------------------------------------------------


def _is_latin_phrase(low: Sequence[str]) -> bool:
    return tuple(low) in latin_phrases().all


def _latin_phrase_spans(
    text: str, start: int, end: int, segment: str | None = None
) -> list[InlineSpan]:
    """Find the curated Latin phrases in ``text[start:end]``, the longest where they overlap.

    ``segment`` is ``text[start:end]`` when the caller has sliced it already.
    """
    phrases = latin_phrases()
    low = (text[start:end] if segment is None else segment).lower()
    # Most sentences hold no phrase; one set test settles that before the pattern runs.
    words = _ASCII_WORD.findall(low) if low.isascii() else _LAT_WORD.findall(low)
    if phrases.keys.isdisjoint(words):
        return []
    if low.isascii() and (start == 0 or text[start - 1].isascii()):
        # Lower-case ASCII keeps every offset. The character before ``start`` goes first, as
        # ``pattern`` looks behind at it.
        shift = 1 if start else 0
        low = text[start - shift : start].lower() + low
        found = phrases.lower_ascii.finditer(low, shift)
        return [InlineSpan(m.start() + start - shift, m.end() + start - shift, "la") for m in found]
    found = phrases.pattern.finditer(text, start, end)
    return [InlineSpan(m.start(), m.end(), "la") for m in found]


def _latin_run_spans(text: str, start: int, end: int) -> list[InlineSpan]:
    """Tag one Latin-script run inside Cyrillic text: Latin phrases 'la', the rest English."""
    spans = _latin_phrase_spans(text, start, end)
    if len(spans) == 1 and (spans[0].start, spans[0].end) == (start, end):
        return spans
    run_words = _LAT_WORD.findall(text, start, end)
    other = "en"
    if len(run_words) >= _MIN_SENTENCE_WORDS:
        other, _ = _latin_language(run_words)
    pieces: list[InlineSpan] = []
    pos = start
    for span in [*spans, InlineSpan(end, end, "")]:
        piece = text[pos : span.start]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            pieces.append(InlineSpan(pos + lead, span.start - trail, other))
        if span.lang:
            pieces.append(span)
        pos = span.end
    return pieces
