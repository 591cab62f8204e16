"""Which Cyrillic language: Russian, Ukrainian, Belarusian, Bulgarian, Serbian or Macedonian.

Letters that only one language writes decide (ы э ё → ru, і ї є ґ → uk, ў → be, ъ before a
consonant → bg). Where none is written, our curated word lists vote, then every other word: a
word only Ukrainian's dictionary knows counts much, one Russian's knows a little, as far as its
character n-grams look Russian, and one neither knows (a name, a typo) not at all. A tie stays
Russian, and so does a single word that no letter or list decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from transclean.segment.langmodel import (
    Memo,
    curated,
    russian_dictionary,
    russian_or_ukrainian,
    sure,
)

__all__ = [
    "APOSTROPHES",
    "CYRILLIC_LETTERS",
    "HOMOGLYPHS",
    "LETTER_EVIDENCE",
    "cyrillic_evidence",
    "cyrillic_language",
    "russian_or_ukrainian_text",
]

CYRILLIC_LETTERS = "\u0400-\u04ff"
APOSTROPHES = "'\u2019\u02bc"
# Latin letters that look Cyrillic. Ukrainian web text often types Latin "i" for "і" (вiн), and
# machine translation leaves stray "o", "c", "p" inside Russian words; inside a Cyrillic word
# they are read as the Cyrillic letter, and a Latin word never starts or ends next to Cyrillic.
HOMOGLYPHS = "aceopxyiABCEHKMOPTXI"
_TO_CYRILLIC = str.maketrans(HOMOGLYPHS, "асеорхуіАВСЕНКМОРТХІ")
_HOMOGLYPH = re.compile(f"[{HOMOGLYPHS}]")
# Letters of Belarusian, Macedonian and Serbian: one search before the three tests for them.
_RARE_LETTER = re.compile("[ўѓќѕђћјљњџ]")
# Letters only one language writes. ъ separates a prefix from е ё ю я in Russian (объект);
# Bulgarian writes it as a vowel before consonants (път, България), which Russian never does.
_RU_MARK = re.compile("[ыэё]|ъ(?=[еёюя])")
# Two searches that each start with a character class scan faster than one alternation; the
# apostrophe leads (a look-behind checks the letter before it) so that it is the class scanned.
_UK_LETTER = re.compile("[іїєґ]")
_UK_APOSTROPHE = re.compile(f"[{APOSTROPHES}](?<=[{CYRILLIC_LETTERS}].)(?=[яюєї])")
_BG_MARK = re.compile("ъ(?=[бвгджзйклмнпрстфхцчшщ])")

# Evidence weights, in nats of log-odds (see ``sure``).
LETTER_EVIDENCE = 4.0  # one word written with a letter only that language uses
_LIST_WORD_EVIDENCE = 3.0  # a word on the curated ru-only / uk-only lists
_UNKNOWN_MAJORITY = 2.0  # two words or more, half or more of them only Ukrainian's dictionary knows
_ENDING_EVIDENCE = 3.0  # a curated ending only one of them writes; the word may be a name
_RU_PRIOR = 1.0  # the documents are Russian far more often than Ukrainian
_DECISIVE = 6.0  # two telling words one way and none the other: single words are not asked
_LONE_WORD_PRIOR = 2.5  # one word, no telling letter: below a list word


def cyrillic_language(words: Sequence[str]) -> tuple[str, float]:
    """Tell ru, uk, be, bg, sr and mk apart: letters first, then word lists and single words."""
    text = " ".join(words)
    if _HOMOGLYPH.search(text):
        text = text.translate(_TO_CYRILLIC)
    low = text.lower()
    if _RARE_LETTER.search(low):
        if "ў" in low:
            return "be", sure(LETTER_EVIDENCE * low.count("ў"))
        if any(ch in low for ch in "ѓќѕ"):
            return "mk", sure(LETTER_EVIDENCE)
        if any(ch in low for ch in "ђћјљњџ"):
            return "sr", sure(LETTER_EVIDENCE)
    has_uk, has_bg, has_ru = _uk_mark(low), _BG_MARK.search(low), _RU_MARK.search(low)
    if not has_uk and not has_bg and has_ru:
        # The common case, a Russian sentence: decided without looking at single words.
        return "ru", sure(LETTER_EVIDENCE * len(_RU_MARK.findall(low)))
    tokens = low.split()
    # A mark never spans a space, so words are searched only when the whole text holds one.
    ru_marked = [w for w in tokens if _RU_MARK.search(w)] if has_ru else []
    uk_marked = [w for w in tokens if _uk_mark(w)] if has_uk else []
    if len(tokens) > 2 and "и" not in low and _long(ru_marked) and _long(uk_marked):
        return "be", sure(LETTER_EVIDENCE)  # і beside ы/э and no и: Belarusian without ў
    bg_marked = [w for w in tokens if _BG_MARK.search(w)] if has_bg else []
    if bg_marked and not ru_marked and len(bg_marked) >= len(uk_marked):
        return "bg", sure(LETTER_EVIDENCE * max(1, len(bg_marked) - len(uk_marked)))
    return russian_or_ukrainian_text(text)


def _long(words: Iterable[str]) -> bool:
    return any(len(w) > 2 for w in words)


def _uk_mark(text: str) -> bool:
    """Tell whether ``text`` writes a letter or an apostrophe that only Ukrainian writes."""
    return _UK_LETTER.search(text) is not None or _UK_APOSTROPHE.search(text) is not None


def russian_or_ukrainian_text(text: str) -> tuple[str, float]:
    """Weigh the words of ``text`` one by one; a positive score means Russian.

    A word written with a letter only one language uses, or on one of the curated word lists,
    counts most, then a curated ending only one language writes (-ние, -ння). Every other word
    votes by ``russian_or_ukrainian`` unless letters and lists already decide. A tie stays
    Russian, and so does one word alone that no letter or listed word decides: most Ukrainian
    words of that kind are Russian words too.
    """
    tokens = text.lower().split()
    lone = len(tokens) == 1
    for_ru = for_uk = 0.0
    pending: list[str] = []
    for word, (ru, uk, kind) in zip(tokens, map(_EVIDENCE.__getitem__, tokens), strict=True):
        if kind == _LETTERS_OR_LIST:
            for_ru += ru
            for_uk += uk
        elif lone:
            break
        elif kind == _ENDING:
            for_ru += ru
            for_uk += uk
        elif kind == _PENDING:
            pending.append(word)
    score = (_LONE_WORD_PRIOR if lone else _RU_PRIOR) + for_ru - for_uk
    if min(for_ru, for_uk) or max(for_ru, for_uk) < _DECISIVE:
        # Single words only when letters and lists are silent, weak or disagree: they are slow.
        capitalised = {w.lower() for w in text.split() if w[0].isupper()}
        votes = [russian_or_ukrainian(word, word in capitalised) for word in pending]
        score += sum(vote for vote, _ in votes)
        unknown = sum(1 for _, unknown in votes if unknown)
        if unknown >= 2 and 2 * unknown >= len(votes):
            # One may be a loan; half the words being Ukrainian ones Russian lacks is not Russian.
            score -= _UNKNOWN_MAJORITY
    return ("ru" if score >= 0 else "uk"), sure(score)


# What one word is to russian_or_ukrainian_text, by the first test it meets.
_LETTERS_OR_LIST, _ENDING, _PENDING, _SHARED = "letters or list", "ending", "pending", "shared"


def _word_evidence(word: str) -> tuple[float, float, str]:
    """Return one lower-case word's evidence for Russian and for Ukrainian, and which test
    gave it: the letters, the lists and the endings are asked the same of each word."""
    ru_marked, uk_marked = _RU_MARK.search(word) is not None, _uk_mark(word)
    if ru_marked or uk_marked:
        # A word with both kinds of letter is a typo or a mixed-up encoding: no vote.
        return (
            LETTER_EVIDENCE * (ru_marked and not uk_marked),
            LETTER_EVIDENCE * (uk_marked and not ru_marked),
            _LETTERS_OR_LIST,
        )
    russian, ukrainian = curated("lang_ru_words.txt"), curated("lang_uk_words.txt")
    if word in russian.words:
        return _LIST_WORD_EVIDENCE, 0.0, _LETTERS_OR_LIST
    if word in ukrainian.words:
        return 0.0, _LIST_WORD_EVIDENCE, _LETTERS_OR_LIST
    if russian.endings.search(word):
        return _ENDING_EVIDENCE, 0.0, _ENDING
    if ukrainian.endings.search(word):
        return 0.0, _ENDING_EVIDENCE, _ENDING
    return 0.0, 0.0, (_PENDING if len(word) > 2 else _SHARED)  # в, на, до, по: both


_EVIDENCE = Memo(_word_evidence)


def cyrillic_evidence(words: Sequence[str]) -> float:
    return sum(len(w) if _known_cyrillic(w.lower()) else len(w) / 4 for w in words)


@lru_cache(maxsize=1 << 14)
def _known_cyrillic(word: str) -> bool:
    return _uk_mark(word) or bool(russian_dictionary().word_is_known(word))
