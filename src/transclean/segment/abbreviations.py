"""Abbreviations of English and Russian that end in a period, each with how it behaves.

One table serves both languages at once: a paragraph may mix them, and no language is passed to the
sentence splitter. Our curated lists say how an abbreviation behaves before the next word;
spaCy's tokenizer exceptions (``spacy.lang.en`` / ``spacy.lang.ru``) add the many we did not list
(US states, months, Russian academic degrees). spaCy's stop words of both languages give the
words that typically open a sentence, which decide the ambiguous cases ("in the U.S. How about
you?" splits, "the U.S. Government" does not). Both spaCy lists are read from the copy in
``spacy_lists``, which the tests hold to the installed spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache


class AbbrevKind(str, Enum):
    """How an abbreviation's period behaves before a capitalised word or a number."""

    # Never ends a sentence: titles and words that announce what follows ("Prof.", "e.g.", "г.").
    NONFINAL = "nonfinal"
    # Announces a number ("p. 55", "No. 5", "рис. 3"); otherwise ambiguous.
    NUMERIC = "numeric"
    # Ends a sentence only before a word that typically opens one ("Co. It closed").
    AMBIGUOUS = "ambiguous"
    # A unit after a number ("2 нед.", "30 тыс."): it closes its phrase, so a capital after it
    # opens a sentence; without a number before it, ambiguous. Years and centuries ("гг.", "в.")
    # are not units here: "В 2010-2012 гг. Виктор…" is a fronted adverbial, not a sentence.
    UNIT = "unit"
    # Usually closes an enumeration, so a capital after it starts a sentence ("и т. д. Потом").
    TERMINAL = "terminal"


# Keys are written without the final period, with no space after inner periods ("т.е", "e.g"),
# and with one space between words that carry no period ("et al", "и др"). Lowercase keys match
# any case ("Т.е.", "PROF."); keys with a capital match exactly ("Mass." but not "mass.").
_CURATED: dict[AbbrevKind, str] = {
    AbbrevKind.NONFINAL: """
        prof dr mr mrs Ms messrs mme mlle st mt gen gov sen rep rev adm capt col lt sgt hon pres
        e.g i.e eg ie cf vs v.s viz approx ca incl esp
        т.е т.н т.к т.о т.ч напр см ср ул пр-т просп пер пл г гор проф акад доц зав зам
        канд им гр тов дж вс св оз пгт пос прибл букв арх
    """,
    AbbrevKind.NUMERIC: """
        no nos nr n° p pp vol vols ch chap sect fig figs tab tbl eq eqs ref refs suppl
        ed п пп ст ч чч гл стр абз с т рис табл кв д корп разд прил вып сб илл
    """,
    AbbrevKind.AMBIGUOUS: """
        a.m p.m inc ltd co corp bros jr sr ph.d m.d b.sc m.sc dept univ assoc inst est
        resp eds spp sp subsp var ser
        jan feb mar apr jun jul aug sep sept oct nov dec
        в вв гг обл изд ред сост нач сер пол
        англ лат греч нем фр рус др пр у.е н.э
    """,
    AbbrevKind.UNIT: """
        тыс млн млрд руб коп долл дол евро проц мес нед сут мин сек час
    """,
    AbbrevKind.TERMINAL: """
        etc т.д т.п
    """,
}

# Keys with spaces cannot sit in the whitespace-separated lists above.
_MULTIWORD: dict[str, AbbrevKind] = {
    "et al": AbbrevKind.AMBIGUOUS,
    "и т.д": AbbrevKind.TERMINAL,
    "и т.п": AbbrevKind.TERMINAL,
    "и др": AbbrevKind.TERMINAL,
    "и пр": AbbrevKind.TERMINAL,
    "в т.ч": AbbrevKind.NONFINAL,
    "до н.э": AbbrevKind.AMBIGUOUS,
}

# One-letter words that open sentences; spaCy's Russian stop words also list single letters
# ("г", "д") that are far more often initials or abbreviations, so letters come only from here.
_ONE_LETTER_STARTERS = frozenset(["a", "i", "а", "в", "и", "к", "о", "с", "у", "я"])

_INNER_PERIOD_SPACE = re.compile(r"\.\s+")
_LAST_PART = re.compile(r"[.\s]")


def normalize(key: str) -> str:
    """Return ``key`` as the tables spell it: no final period, no space after inner periods."""
    return _INNER_PERIOD_SPACE.sub(".", key.strip()).rstrip(".")


@dataclass(frozen=True, slots=True)
class AbbreviationTable:
    """Abbreviations of both languages, and the words that typically open a sentence."""

    cased: dict[str, AbbrevKind]
    caseless: dict[str, AbbrevKind]
    starters: frozenset[str]
    # Last parts of keys written in several tokens ("е" of "т. е.", "al" of "et al."): only
    # before these can a longer key match, which spares most lookups.
    tails: frozenset[str]

    def kind(self, key: str) -> AbbrevKind | None:
        """Return how the abbreviation ``key`` (normalised) behaves, or None if it is not one."""
        found = self.cased.get(key)
        if found is None:
            found = self.caseless.get(key.lower())
        return found

    def lookup(self, tokens: list[str]) -> tuple[AbbrevKind, int] | None:
        """Return the kind and length in tokens of the longest abbreviation ending ``tokens``."""
        if tokens[-1].lower() in self.tails:
            for size in range(len(tokens), 1, -1):
                found = self.kind(normalize(" ".join(tokens[-size:])))
                if found is not None:
                    return found, size
        found = self.kind(tokens[-1])
        return None if found is None else (found, 1)

    def is_starter(self, word: str) -> bool:
        """Tell whether ``word`` (any case) is one that typically opens a sentence."""
        return word.rstrip(".").lower() in self.starters


@lru_cache(maxsize=1)
def abbreviation_table() -> AbbreviationTable:
    """Build the table once: spaCy's exceptions and stop words, overridden by our curated lists."""
    from transclean.segment.spacy_lists import ABBREVIATIONS, STARTERS

    cased: dict[str, AbbrevKind] = {}
    caseless: dict[str, AbbrevKind] = {}
    for key in ABBREVIATIONS:
        _add(cased, caseless, key, AbbrevKind.AMBIGUOUS)
    for kind, words in _CURATED.items():
        for key in words.split():
            _add(cased, caseless, key, kind)
    for key, kind in _MULTIWORD.items():
        _add(cased, caseless, key, kind)
    tails = frozenset(
        _LAST_PART.split(key)[-1].lower() for key in (*cased, *caseless) if _LAST_PART.search(key)
    )
    return AbbreviationTable(cased, caseless, STARTERS | _ONE_LETTER_STARTERS, tails)


def _add(
    cased: dict[str, AbbrevKind], caseless: dict[str, AbbrevKind], key: str, kind: AbbrevKind
) -> None:
    key = normalize(key)
    if not key:
        return
    if key == key.lower():
        caseless[key] = kind
    else:
        cased[key] = kind
