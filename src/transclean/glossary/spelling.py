"""Tell misspelt drug names and glossary terms from words that are merely unknown.

A word is a misspelling candidate only when no dictionary of its language knows it (English:
pyspellchecker's frequency list plus the UNII drug vocabulary; Russian: pymorphy3's dictionary
plus the Russian INN forms) and it lies within a few edits of a *clean* target: an INN or a
glossary term. Broad word lists are never fuzzy targets: "root" or "halo" in the drug vocabulary
would turn every typo of an ordinary word into a drug suggestion.

The fuzzy search compares a word only with targets of about its length (buckets), using
rapidfuzz's optimal-string-alignment distance, so a transposition counts as one edit. A
speller remembers each word's verdict and corrections, since articles repeat their words and
names, and searches the new unknown words of a document together.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TypeVar

from transclean.glossary.matcher import paused_gc
from transclean.glossary.model import Glossary
from transclean.glossary.morphology import RU_ENDINGS, analyzer, normalise, ru_stem, stem_levels

log = logging.getLogger(__name__)

__all__ = ["Candidate", "FuzzyIndex", "Speller", "lexicon", "max_edits", "speller_for"]

MIN_LENGTH = 5  # shorter words are too often abbreviations, and too close to everything
_EN_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_RU_WORD = re.compile(r"[а-я]+")
_EN_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("'s", ""))
_RU_SUFFIXES = RU_ENDINGS | {""}  # a word as it is, or a stem and one case ending
_K = TypeVar("_K")
_V = TypeVar("_V")


def max_edits(length: int) -> int:
    """Return how many edits a word of ``length`` letters may be from a target: 0, 1 or 2."""
    if length < MIN_LENGTH:
        return 0
    return 1 if length < 9 else 2


@cache
def lexicon(name: str) -> frozenset[str]:
    """Return the entries of a shipped lexicon file (see data/lexicon/SOURCES.md)."""
    path = resources.files("transclean").joinpath("data", "lexicon", name)
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


@cache
def english_words() -> frozenset[str]:
    """Return pyspellchecker's English word list (about 160,000 words), loaded once."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.dictionary)


@cache
def _base_known_en() -> frozenset[str]:
    inn_words = {w for name in lexicon("inn_en.txt") for w in _EN_WORD.findall(name)}
    return english_words() | lexicon("unii_drug_words.txt") | inn_words


@cache
def _inn_targets_en() -> frozenset[str]:
    """Single-word INNs, and the words of multi-word INNs that are not English words."""
    targets: set[str] = set()
    general = english_words()
    for name in lexicon("inn_en.txt"):
        words = _EN_WORD.findall(name)
        if len(words) == 1 and words[0] == name:
            targets.add(name)
        else:
            targets.update(w for w in words if w not in general and len(w) >= MIN_LENGTH)
    return frozenset(targets)


@cache
def _inn_targets_ru() -> frozenset[str]:
    return frozenset(w for w in lexicon("inn_ru_translit.txt") if _RU_WORD.fullmatch(w))


class FuzzyIndex:
    """Targets bucketed by length, searched within a number of OSA edits."""

    def __init__(self, targets: Iterable[str]) -> None:
        self._buckets: dict[int, list[str]] = {}
        for target in sorted(set(targets)):
            self._buckets.setdefault(len(target), []).append(target)

    def within(self, query: str, edits: int) -> list[tuple[str, int]]:
        """Return (target, distance) for every target at most ``edits`` edits from ``query``.

        Nearest first within each target length, shorter targets first, then in sorted order.
        """
        return self.within_many([(query, edits)])[0]

    def within_many(self, queries: Sequence[tuple[str, int]]) -> list[list[tuple[str, int]]]:
        """Return :meth:`within` of each (query, edits), searching all queries together.

        One rapidfuzz ``cdist`` per bucket compares every query of about that length at once:
        it packs several short queries into the lanes of a SIMD register, about five times the
        speed of one search per query. The result is the same as one search per query.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        groups: dict[tuple[int, int], list[int]] = {}
        for number, (query, edits) in enumerate(queries):
            for length in range(len(query) - edits, len(query) + edits + 1):
                if length in self._buckets:
                    groups.setdefault((length, edits), []).append(number)
        hits: list[list[tuple[int, int, int]]] = [[] for _ in queries]
        for (length, edits), numbers in groups.items():
            distances = process.cdist(
                [queries[number][0] for number in numbers],
                self._buckets[length],
                scorer=OSA.distance,
                score_cutoff=edits,  # farther pairs come out as edits + 1
            )
            rows, columns = (distances <= edits).nonzero()
            for row, column, distance in zip(
                rows.tolist(), columns.tolist(), distances[rows, columns].tolist(), strict=True
            ):
                hits[numbers[row]].append((length, distance, column))
        buckets = self._buckets
        return [[(buckets[size][at], edits) for size, edits, at in sorted(found)] for found in hits]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A correction: ``text`` is the target in the form the misspelt word was in."""

    text: str
    target: str  # the clean-list form (INN or glossary term) it came from
    distance: int
    from_glossary: bool
    seen: bool  # the target occurs elsewhere in the document
    ending: str = ""  # the Russian case ending the word was read with


def _glossary_words(
    glossary: Glossary,
) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Return English targets, English known words, Russian targets, Russian known words."""
    targets_en: set[str] = set()
    targets_ru: set[str] = set()
    known_en: set[str] = set()
    known_ru: set[str] = set()
    general = english_words()
    morph = analyzer()
    for concept in glossary.concepts:
        for term in concept.terms:
            text = normalise(term.text).lower()
            if term.lang == "en":
                words = _EN_WORD.findall(text)
                known_en.update(words)
                if not term.status.is_forbidden:
                    # A single-word term is a target even if it is an ordinary word ("eczema");
                    # in multi-word terms only the uncommon words are, so that "Forrest" is not
                    # taken for "Forest" of "Wake Forest".
                    targets_en.update(w for w in words if len(words) == 1 or w not in general)
            elif term.lang == "ru":
                words = _RU_WORD.findall(text)
                known_ru.update(words)
                if not term.status.is_forbidden:
                    targets_ru.update(
                        w for w in words if len(words) == 1 or not morph.word_is_known(w)
                    )
    return frozenset(targets_en), frozenset(known_en), frozenset(targets_ru), frozenset(known_ru)


class Speller:
    """Known-word tests and fuzzy suggestions for English and Russian, with a glossary's terms."""

    def __init__(self, glossary: Glossary) -> None:
        with paused_gc():
            self._glossary_en, self._known_en, self._glossary_ru, known_ru = _glossary_words(
                glossary
            )
            self._en = FuzzyIndex(_inn_targets_en() | self._glossary_en)
            # Russian names are found by their nominative ("диазепам") or by one of its stems
            # ("диазеп", "анакинр", "скваров") followed by one case ending.
            targets_ru = _inn_targets_ru() | self._glossary_ru
            self._ru_nominatives = targets_ru | known_ru
            self._ru_stems = frozenset(
                stem for w in self._ru_nominatives for stem, _ in stem_levels(w)[1:]
            )
            self._ru_keys: dict[str, list[str]] = {}
            for target in sorted(targets_ru):
                for key, _ in stem_levels(target):
                    self._ru_keys.setdefault(key, []).append(target)
            self._ru = FuzzyIndex(self._ru_keys)
        self._known: OrderedDict[tuple[str, str], bool] = OrderedDict()
        self._found: OrderedDict[tuple[str, str], tuple[Candidate, ...]] = OrderedDict()

    def is_known(self, word: str, lang: str) -> bool:
        """Is the lowercase, normalised ``word`` a word of ``lang`` (or a known drug name)?"""
        # Remembered per word: the same words come back in every article, and pymorphy3's
        # dictionary walk for a Russian word costs tens of microseconds.
        verdict = self._known.get((word, lang))
        if verdict is None:
            verdict = self._is_known(word, lang)
            _remember(self._known, (word, lang), verdict)
        return verdict

    def _is_known(self, word: str, lang: str) -> bool:
        if lang == "en":
            known = _base_known_en()
            if word in known or word in self._known_en:
                return True
            return any(
                word.endswith(suffix) and word[: len(word) - len(suffix)] + base in known
                for suffix, base in _EN_SUFFIXES
            )
        if lang == "ru":
            if word in self._ru_nominatives or analyzer().word_is_known(word):
                return True
            return any(
                suffix in RU_ENDINGS and (stem in self._ru_nominatives or stem in self._ru_stems)
                for stem, suffix in stem_levels(word)[1:]
            )
        return True  # no dictionary for other languages: never guess

    def misspellings(
        self, words: Iterable[tuple[str, str]], seen: Callable[[str], frozenset[str]]
    ) -> dict[tuple[str, str], list[Candidate]]:
        """Return the corrections of each unknown (word, language) near a target, best first.

        Words without a correction are left out. ``seen(lang)`` returns what :meth:`suggest`
        takes as ``seen`` for one language; it is called only when a word of that language
        has a correction, as building it takes a pass over the whole document.
        """
        unknown: list[tuple[str, str]] = []
        for item in dict.fromkeys(words):
            verdict = self._known.get(item)  # inline: most words of a page were seen before
            if not (self.is_known(*item) if verdict is None else verdict):
                unknown.append(item)
        seen_in: dict[str, frozenset[str]] = {}
        corrections: dict[tuple[str, str], list[Candidate]] = {}
        for (word, lang), found in zip(unknown, self._candidates(unknown), strict=True):
            if found:
                if lang not in seen_in:
                    seen_in[lang] = seen(lang)
                corrections[word, lang] = _ranked(word, lang, found, seen_in[lang])
        return corrections

    def suggest(self, word: str, lang: str, seen: frozenset[str] = frozenset()) -> list[Candidate]:
        """Return corrections of an unknown lowercase ``word``, best first.

        Ties in distance go to a target already ``seen`` in the document (words; last stems for
        Russian), then to glossary terms, then to the form that assumes the shortest case
        ending, then to the target most like the word from its start.
        """
        return _ranked(word, lang, self._candidates([(word, lang)])[0], seen)

    def _candidates(self, words: list[tuple[str, str]]) -> list[tuple[Candidate, ...]]:
        """Return the unranked corrections of each (word, language), searching new words at once.

        Candidates are remembered unmarked (``seen`` False): what was seen depends on the
        document, the candidates only on the word and the glossary.
        """
        known = {item: self._found.get(item) for item in words}
        missing = [item for item, found in known.items() if found is None]
        for item, found in zip(missing, self._search(missing), strict=True):
            known[item] = found
            _remember(self._found, item, found)
        return [known[item] or () for item in words]

    def _search(self, words: list[tuple[str, str]]) -> list[tuple[Candidate, ...]]:
        """Find the corrections of words, with one fuzzy search per index for all of them."""
        # What each word is compared by: English words as they are; Russian words also by
        # each stem followed by a single case ending, as "дюпилумабом" is three edits from
        # "дупилумаб" but its stem "дюпилумаб" is one.
        plans: list[list[tuple[str, str]]] = []
        queries: dict[str, dict[tuple[str, int], None]] = {"en": {}, "ru": {}}
        for word, lang in words:
            plan: list[tuple[str, str]] = []
            if max_edits(len(word)) and lang == "en":
                plan = [(word, "")]
            elif max_edits(len(word)) and lang == "ru":
                plan = [(s, suffix) for s, suffix in stem_levels(word) if suffix in _RU_SUFFIXES]
            for stem, _ in plan:
                queries[lang][stem, max_edits(len(stem))] = None
            plans.append(plan)
        hits = {
            lang: dict(zip(found, index.within_many(list(found)), strict=True))
            for (lang, found), index in zip(queries.items(), (self._en, self._ru), strict=True)
        }
        return [
            self._collect(lang, plan, hits[lang]) if plan else ()
            for (_, lang), plan in zip(words, plans, strict=True)
        ]

    def _collect(
        self,
        lang: str,
        plan: list[tuple[str, str]],
        hits: dict[tuple[str, int], list[tuple[str, int]]],
    ) -> tuple[Candidate, ...]:
        found: dict[str, Candidate] = {}
        for stem, suffix in plan:
            for key, distance in hits[stem, max_edits(len(stem))]:
                if lang == "en":
                    _keep(found, Candidate(key, key, distance, key in self._glossary_en, False))
                    continue
                for target in self._ru_keys[key]:
                    if key != target and not suffix:
                        continue  # a bare stem ("анакинр") is no word
                    glossary = target in self._glossary_ru
                    _keep(found, Candidate(key + suffix, target, distance, glossary, False, suffix))
        return tuple(found.values())


def _keep(found: dict[str, Candidate], candidate: Candidate) -> None:
    """Keep the nearest candidate of each spelling; the first found on a tie."""
    current = found.get(candidate.text)
    if current is None or candidate.distance < current.distance:
        found[candidate.text] = candidate


def _ranked(
    word: str, lang: str, candidates: Iterable[Candidate], seen: frozenset[str]
) -> list[Candidate]:
    """Mark the candidates seen in the document and sort them best first (see ``suggest``)."""
    from rapidfuzz.distance import JaroWinkler

    marked = [
        replace(c, seen=(c.target if lang == "en" else ru_stem(c.target)) in seen)
        for c in candidates
    ]
    return sorted(
        marked,
        key=lambda c: (
            c.distance,
            not c.seen,
            not c.from_glossary,
            len(c.ending),
            -JaroWinkler.similarity(word, c.text),
            c.text,
        ),
    )


_CACHE_SIZE = 200_000  # words remembered per speller: a long batch run's distinct words


def _remember(cache: OrderedDict[_K, _V], key: _K, value: _V) -> None:
    """Store ``value``, forgetting the oldest entry once the cache is full."""
    if len(cache) >= _CACHE_SIZE:
        cache.popitem(last=False)
    cache[key] = value


_SPELLERS: dict[int, tuple[Glossary, Speller]] = {}


def speller_for(glossary: Glossary) -> Speller:
    """Return the speller of ``glossary``, building it on first use."""
    cached = _SPELLERS.get(id(glossary))
    if cached is not None and cached[0] is glossary:
        return cached[1]
    speller = Speller(glossary)
    if len(_SPELLERS) >= 4:
        _SPELLERS.pop(next(iter(_SPELLERS)))
    _SPELLERS[id(glossary)] = (glossary, speller)
    return speller
