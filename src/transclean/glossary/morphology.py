"""Word keys and inflection for term matching: Russian case and number, English plurals.

A *key* is what a word is compared by. Two written forms of the same word get the same key, so
"дупилумабом", "Дупилумаба" and "дупилумаб" all match the glossary term "дупилумаб", and
"dupilumab's" matches "dupilumab". Keys are computed once per distinct word (cached).

Russian keys are the pymorphy3 lemma for dictionary words and, for words pymorphy3 does not
know, the word with its case endings stripped: pymorphy3 guesses lemmas of unknown drug names
by analogy and often guesses differently for different forms of one name ("алопеции" comes out
as an indeclinable abbreviation, "алопеция" as a noun), whereas stripping endings maps every
form to one stem. Glossary terms are keyed by the same function, so both sides always agree.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse

# Characters that may sit inside a word without being part of it: soft hyphen, zero-width
# (non-)joiners and spaces, word joiner, BOM, and the combining acute used as a stress mark.
IGNORABLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u0301"
_IGNORABLE_RE = re.compile(f"[{IGNORABLE}]")
APOSTROPHES = "'’ʼ‘"
DASHES = "-‐‑‒–—―−"

# Case endings of Russian nouns and adjectives, longest first so that "-ами" wins over "-и".
_RU_ENDINGS: tuple[str, ...] = tuple(
    sorted(
        re.findall(
            r"\w+",
            """ого его ому ему ыми ими ами ями ией иям иями иях ием ой ей ый ий ая яя ое ее ую юю
            ым им ых их ые ою ею ом ем ам ям ах ях ов ев ью ия ие ии ию а я у ю е ы и о ь й""",
        ),
        key=len,
        reverse=True,
    )
)
RU_ENDINGS = frozenset(_RU_ENDINGS)
_RU_MIN_STEM = 3
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_LATIN = re.compile("[a-z]", re.IGNORECASE)
_VOWELS_BEFORE_Y = frozenset("aeiou")
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")


@cache
def analyzer() -> MorphAnalyzer:
    """Return the one pymorphy3 analyzer of the process (loading it takes ~0.1 s and 15 MB)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def normalise(word: str) -> str:
    """Return ``word`` without invisible characters, with ё→е and uniform apostrophes/dashes."""
    word = _IGNORABLE_RE.sub("", word)
    return word.translate(_NORMALISE_TABLE)


_NORMALISE_TABLE = str.maketrans(
    {"ё": "е", "Ё": "Е"} | dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(DASHES, "-")
)


def script(word: str) -> str:
    """Return "cyrl", "latn" or "" (digits and signs only) for ``word``."""
    if _CYRILLIC.search(word):
        return "cyrl"
    if _LATIN.search(word) or any(ch.isalpha() for ch in word):
        return "latn"
    return ""


def possessive_length(word: str) -> int:
    """Return how many trailing characters of an English word are a possessive "'s"."""
    if len(word) > 2 and word[-2] in APOSTROPHES and word[-1] in "sS":
        return 2
    return 0


def strip_ending(word: str) -> tuple[str, str]:
    """Split a lowercase Russian word into (stem, case ending), keeping at least 3 stem letters."""
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _RU_MIN_STEM:
            return word[: -len(ending)], ending
    return word, ""


def stem_levels(word: str) -> list[tuple[str, str]]:
    """Return (stem, suffix) pairs of ``word`` as endings are stripped again and again.

    The first pair is the word itself. Unknown drug names end in letters that look like case
    endings ("диазепам" looks like a dative plural), so stripping once gives "диазеп" for the
    name but "диазепам" for "диазепамом"; stripping until nothing is left to strip brings
    every form to the same last stem.
    """
    levels = [(word, "")]
    stem = word
    while True:
        shorter, _ = strip_ending(stem)
        if shorter == stem:
            return levels
        stem = shorter
        levels.append((stem, word[len(stem) :]))


@lru_cache(maxsize=200_000)
def ru_stem(word: str) -> str:
    """Return the last stem of a lowercase Russian word (see :func:`stem_levels`)."""
    return stem_levels(word)[-1][0]


@lru_cache(maxsize=200_000)
def ru_key(word: str) -> str:
    """Return the matching key of a lowercase, normalised Russian word (see the module doc)."""
    if not _CYRILLIC.search(word):
        return word
    morph = analyzer()
    # One dictionary lookup tells whether the word is known and lists its readings; when they
    # all share one lemma (most words), that is the answer without pymorphy3 building and
    # ranking full parses, which halves the cost of loading a large glossary.
    dictionary = morph.dictionary
    readings = dictionary.words.similar_items(word, morph.char_substitutes)
    if not readings:
        return ru_stem(word)
    lemmas = {
        dictionary.build_normal_form(para_id, index, fixed)
        for fixed, paradigms in readings
        for para_id, index in paradigms
    }
    if len(lemmas) == 1:
        return normalise(lemmas.pop())
    return normalise(morph.parse(word)[0].normal_form)  # the most probable reading's lemma


def en_key(word: str) -> str:
    """Return the matching key of a normalised English word: lowercase, possessive dropped."""
    return word[: len(word) - possessive_length(word)].lower()


def word_key(word: str, lang: str) -> str:
    """Return the key of a normalised word in ``lang``; other languages compare lowercase.

    Keys ignore case; the matcher checks case-sensitive terms against the surface afterwards.
    """
    if lang == "ru":
        return ru_key(word.lower())
    if lang == "en":
        return en_key(word)
    return word.lower()


def en_plurals(word: str) -> tuple[str, ...]:
    """Return plural forms of an English (or Latin-derived medical) noun, regular ones first.

    Over-generation is harmless here: the forms are only matched as the last word of a
    glossary term, where an unlikely form simply never occurs.
    """
    lower = word.lower()
    if len(lower) < 3 or not lower.isalpha():
        return ()
    forms: list[str] = []
    if lower.endswith("y") and lower[-2] not in _VOWELS_BEFORE_Y:
        forms.append(word[:-1] + "ies")
    elif lower.endswith(_SIBILANT_ENDINGS):
        forms.append(word + "es")
    else:
        forms.append(word + "s")
    # Greek and Latin plurals of medical nouns.
    if lower.endswith("itis"):
        forms.append(word[:-1] + "des")  # dermatitis → dermatitides
    if lower.endswith("is"):
        forms.append(word[:-2] + "es")  # diagnosis → diagnoses
    elif lower.endswith("us"):
        forms.append(word[:-2] + "i")  # naevus → naevi
    elif lower.endswith(("um", "on")):
        forms.append(word[:-2] + "a")  # criterion → criteria
    elif lower.endswith("a"):
        forms.append(word + "e")  # alopecia → alopeciae
    elif lower.endswith(("ex", "ix")):
        forms.append(word[:-2] + "ices")  # appendix → appendices
    return tuple(dict.fromkeys(forms))


def match_case(original: str, suggestion: str, written: str = "") -> str:
    """Give ``suggestion`` the capitalisation of ``original`` (Dumilumab → Dupilumab).

    ``written`` is how the glossary writes the matched term: capitals it already has ("IL-4")
    are not the writer's, so they are not carried over. Only raises case: a proper name in the
    suggestion keeps its capitals after a lowercase original.
    """
    if _all_capitals(original) and not _all_capitals(written):
        return suggestion.upper()
    starts_upper = original.lstrip()[:1].isupper() and not written.lstrip()[:1].isupper()
    if starts_upper and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _all_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


_WORD_OR_GAP = re.compile(r"(\w+)")


def inflect_ru(phrase: str, matched_words: list[str]) -> str:
    """Put a Russian phrase in its lemma form into the case and number of ``matched_words``.

    Russian terms are noun groups "[adjectives] noun [dependents]"; only the words up to and
    including the first noun agree with the context, so the rest ("волосистой части головы")
    is left as written.
    """
    target = _case_number(matched_words)
    if target is None or target == ("nomn", "sing"):
        return phrase
    parts = _WORD_OR_GAP.split(phrase)
    for index in range(1, len(parts), 2):
        word = parts[index]
        if not _CYRILLIC.search(word):
            continue
        parse = _nominative_parse(word.lower())
        if parse is None:
            break
        inflected = parse.inflect(set(target)) or parse.inflect({_BASE_CASE[target[0]], target[1]})
        if inflected is not None:
            parts[index] = match_case(word, inflected.word)
        if "NOUN" in parse.tag:
            break
    return "".join(parts)


# Second genitive and locative ("чаю", "в лесу") fall back to the ordinary case when a word
# has no such form.
_BASE_CASE = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "gen1": "gent", "loc1": "loct"}
_BASE_CASE |= {c: c for c in ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")}


def _nominative_parse(word: str) -> Parse | None:
    """The best parse of a lemma-form word as a nominative noun or adjective."""
    for parse in analyzer().parse(word):
        if parse.tag.case == "nomn" and ({"NOUN", "ADJF"} & parse.tag.grammemes):
            return parse
    return None


def _case_number(words: list[str]) -> tuple[str, str] | None:
    """The (case, number) that all Cyrillic ``words`` can share, best-scored reading first."""
    readings: list[list[tuple[str, str]]] = []
    for word in words:
        if not _CYRILLIC.search(word):
            continue
        options = [
            (str(p.tag.case), str(p.tag.number))
            for p in analyzer().parse(normalise(word).lower())
            if p.tag.case and p.tag.number
        ]
        if options:
            readings.append(list(dict.fromkeys(options)))
        if options and any("NOUN" in p.tag for p in analyzer().parse(normalise(word).lower())[:1]):
            break  # the head noun closes the agreeing group
    if not readings:
        return None
    for option in readings[-1]:
        if all(option in other for other in readings):
            return option
    return readings[-1][0]
