"""Find glossary terms for translation: the matcher's finds, and the forms its keys miss.

Protecting a term that the matcher does not find is impossible: it goes through the engine
unprotected, and nothing then expects it in the translation, so the loss is silent. The matcher
keys a Russian word by one lemma, its likeliest reading's, or by its stem when pymorphy3 does
not know it. A form whose likeliest reading is another word's ("угрей": "угреть", not "угорь";
"лишаем": "лишать", not "лишай"), or an unknown word of which pymorphy3 happens to know an
inflected form ("азелаиновой"), then gets another key than the glossary's term. Here a text
word also fits a term's word when one of its dictionary noun or adjective readings has the same
lemma (glossary terms are noun groups) and that reading is not unlikely ("стали" is read as
"стать" 97% of the time, so it is not "сталь"), or, when pymorphy3 does not know one of the two,
when both share a stem and the text's word is a regular form of the term's. A case-sensitive
term written in capitals ("ВСЕМИРНАЯ ОРГАНИЗАЦИЯ ЗДРАВООХРАНЕНИЯ"), which the matcher refuses,
is accepted: capitals say nothing about case.

Where the terms of several concepts fit one span (unknown words sharing a stem: "эозинофилы",
"эозинофилия"), every concept is returned, and :func:`is_form_of` tells which terms the words
can be forms of.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from transclean.glossary.matcher import TermMatch, Token, matcher_for, tokenize
from transclean.glossary.model import Concept, Glossary, Term

__all__ = ["TermFinder", "finder_for", "inflects_to", "is_form_of"]


class _Word(NamedTuple):
    """A token of the text as compared: its key, and for a Russian word its stem."""

    key: str
    stem: str  # the word with case endings stripped (Russian); else the key
    text: str  # lowercase
    russian: bool


class _TermWord(NamedTuple):
    """A token of a glossary term as compared: a text word, and its dictionary lemmas."""

    key: str
    stem: str
    text: str
    russian: bool
    lemmas: frozenset[str]  # of all its dictionary noun and adjective readings (Russian)
    known: bool  # pymorphy3's dictionary has it (Russian)


class _Entry(NamedTuple):
    order: int  # in the glossary
    concept: Concept
    term: Term
    words: tuple[_TermWord, ...]  # per token of the term
    case_words: tuple[str, ...] | None  # the term's token surfaces, if it is case-sensitive


class TermFinder:
    """Find one language's terms of a glossary (see the module doc); build once, reuse."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.glossary = glossary
        self.lang = lang
        self.matcher = matcher_for(glossary)
        self.entries: dict[str, list[_Entry]] = {}  # by every handle of the term's first word
        self._targets: dict[tuple[int, str], str | None] = {}  # the finder keeps concepts alive
        terms = [(c, t) for c in glossary.concepts for t in c.terms_in(lang)]
        for order, (concept, term) in enumerate(terms):
            if lang != "ru" and not term.case_sensitive:
                continue  # words without lemmas fit only on their keys: the matcher's job
            tokens = tokenize(term.text, [(0, len(term.text), lang)])
            if not any(t.kind == "word" for t in tokens) or any(t.kind == "url" for t in tokens):
                continue
            case_words = tuple(t.text for t in tokens) if term.case_sensitive else None
            words = tuple(_term_word(t.key, t.text, t.lang == "ru") for t in tokens)
            entry = _Entry(order, concept, term, words, case_words)
            # A text word is looked up by its key and stem, and can be a form of this term's
            # first word if either is the first word's key, stem or one of its lemmas.
            first = entry.words[0]
            for handle in dict.fromkeys((first.key, first.stem, *sorted(first.lemmas))):
                self.entries.setdefault(handle, []).append(entry)

    def target(self, match: TermMatch, tgt: str) -> str | None:
        """Return the preferred ``tgt`` term of the match's concept, if it has one."""
        key = (id(match.concept), tgt)
        if key not in self._targets:
            preferred = match.concept.preferred(tgt)
            self._targets[key] = preferred.text if preferred else None
        return self._targets[key]

    def find(self, text: str) -> list[list[TermMatch]]:
        """Return the terms of ``text``, leftmost longest; each as its concepts, likeliest first.

        The matcher's reading of a span comes first, then the other concepts whose terms fit
        it, in glossary order.
        """
        # The segment's language is given, not detected: detection on a short segment can
        # mislabel it (Russian as Ukrainian), and word keys are per language.
        tokens = tokenize(text, [(0, len(text), self.lang)])
        spans: dict[tuple[int, int], list[TermMatch]] = {}
        for match in self.matcher.find(tokens):
            spans.setdefault((match.start, match.end), []).append(match)
        loose: dict[tuple[int, int], dict[int, tuple[_Entry, int]]] = {}
        words = [_word(t.key, t.text, t.lang == "ru") for t in tokens]
        entries = self.entries
        for first, word in enumerate(words):
            if word.key not in entries and word.stem not in entries:
                continue
            candidates = {
                entry.order: entry
                for handle in (word.key, word.stem)
                for entry in entries.get(handle, ())
                if first + len(entry.words) <= len(words)
            }
            for order, entry in candidates.items():
                end = first + len(entry.words)
                pairs = zip(entry.words, words[first:end], strict=True)
                if all(_fits(wanted, got) for wanted, got in pairs) and _case_fits(
                    entry, tokens[first:end]
                ):
                    span = (tokens[first].start, tokens[end - 1].end)
                    loose.setdefault(span, {})[order] = (entry, first)
        for span, fitting in loose.items():
            options = spans.setdefault(span, [])
            for order in sorted(fitting):
                entry, first = fitting[order]
                if all(option.concept is not entry.concept for option in options):
                    options.append(_match(entry, tokens[first : first + len(entry.words)]))
        found: list[list[TermMatch]] = []
        taken_until = -1
        for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
            if start >= taken_until:
                found.append(spans[(start, end)])
                taken_until = end
        return found


def _match(entry: _Entry, tokens: Sequence[Token]) -> TermMatch:
    words = tuple(t.text for t in tokens if t.kind == "word")
    term = entry.term
    return TermMatch(tokens[0].start, tokens[-1].end, entry.concept, term, term.lang, words, False)


_FINDERS: dict[tuple[int, str], TermFinder] = {}
_FINDER_CACHE_SIZE = 8


def finder_for(glossary: Glossary, lang: str) -> TermFinder:
    """Return the finder of ``glossary``'s ``lang`` terms, built on first use and reused."""
    cached = _FINDERS.get((id(glossary), lang))
    if cached is not None and cached.glossary is glossary:
        return cached
    finder = TermFinder(glossary, lang)
    if len(_FINDERS) >= _FINDER_CACHE_SIZE:
        _FINDERS.pop(next(iter(_FINDERS)))
    _FINDERS[(id(glossary), lang)] = finder
    return finder


@lru_cache(maxsize=100_000)
def _word(key: str, surface: str, russian: bool) -> _Word:
    if not russian:
        return _Word(key, key, key, False)
    from transclean.glossary.morphology import ru_stem

    word = surface.lower()
    return _Word(key, ru_stem(word), word, True)


@lru_cache(maxsize=100_000)
def _term_word(key: str, surface: str, russian: bool) -> _TermWord:
    word = _word(key, surface, russian)
    if not russian:
        return _TermWord(*word, frozenset(), False)
    readings = _dictionary_readings(word.text)
    lemmas = frozenset(lemma for lemma, nominal in readings if nominal)
    return _TermWord(*word, lemmas, bool(readings))


_NOMINAL = frozenset({"NOUN", "ADJF", "PRTF"})
_LIKELY = 0.1
"""Least probability (pymorphy3's) of a text word's noun readings for their lemma to count."""


def _dictionary_readings(word: str) -> set[tuple[str, bool]]:
    """Return (lemma, is a noun or adjective) of each dictionary reading of a lowercase word."""
    from transclean.glossary.morphology import analyzer, normalise

    # Straight from pymorphy3's dictionary, as ru_key does: a third of the cost of parse(),
    # which also guesses unknown words and ranks readings.
    morph = analyzer()
    dictionary = morph.dictionary
    return {
        (
            normalise(dictionary.build_normal_form(paradigm, index, fixed)),
            dictionary.build_tag_info(paradigm, index).POS in _NOMINAL,
        )
        for fixed, paradigms in dictionary.words.similar_items(word, morph.char_substitutes)
        for paradigm, index in paradigms
    }


@lru_cache(maxsize=100_000)
def _likely_lemmas(word: str) -> tuple[frozenset[str], bool]:
    """Return the lemmas of a text word's likely noun and adjective readings, and if it is known.

    Looked up only for a word that may be part of a term: a dictionary lookup costs more than
    everything else done per word.
    """
    from transclean.glossary.morphology import analyzer, normalise

    readings = _dictionary_readings(word)
    lemmas = {lemma for lemma, nominal in readings if nominal}
    if len({lemma for lemma, _ in readings}) > 1 and lemmas:
        weights: dict[str, float] = {}
        for parse in analyzer().parse(word):
            if parse.is_known and parse.tag.POS in _NOMINAL:
                lemma = normalise(parse.normal_form)
                weights[lemma] = weights.get(lemma, 0.0) + parse.score
        lemmas = {lemma for lemma, weight in weights.items() if weight >= _LIKELY}
    return frozenset(lemmas), bool(readings)


def _fits(wanted: _TermWord, got: _Word) -> bool:
    """Tell whether the text's word ``got`` can be the term's word ``wanted``."""
    if wanted.key == got.key:
        return True
    if not (wanted.russian and got.russian):
        return False
    lemmas, known = _likely_lemmas(got.text)
    if wanted.lemmas & lemmas:
        return True
    # Stems decide only where the dictionary cannot: for a word it does not know.
    unknown = not (wanted.known and known)
    return unknown and wanted.stem == got.stem and inflects_to(wanted.text, got.text)


def _case_fits(entry: _Entry, tokens: Sequence[Token]) -> bool:
    """Check a case-sensitive term's letters against the text's, as the matcher does.

    Letters are compared up to the first that differs in more than case (an inflected ending).
    A term written all in capitals in the text fits, whatever case the glossary gives it.
    """
    if entry.case_words is None:
        return True
    if _all_capitals("".join(t.text for t in tokens)):
        return True
    for wanted, token in zip(entry.case_words, tokens, strict=True):
        for want, have in zip(wanted, token.text, strict=False):
            if want.lower() != have.lower():
                break
            if want != have:
                return False
    return True


def _all_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


_WORD = re.compile(r"\w+")
_ADJECTIVE = "ый ий ой ая яя ое ее ые ие ого его ому ему ым им ом ем ую юю ых их ыми ими ою ею"
# Endings of the forms of a Russian noun or adjective by the last letters of its lemma, the
# first that fits winning ("-": no ending). Generous on purpose: a real form must never be
# rejected; it only has to tell apart terms that share a stem ("эозинофилы", "эозинофилия").
_PARADIGMS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (lemma_ending, frozenset(forms.split()))
    for lemma_endings, forms in (
        ("ия", "ия ии ию ией иею ий иям иями иях"),
        ("ый ий ой ая яя ое ее ые ие", _ADJECTIVE),
        ("ь", "ь и ью я ю ей ем е ям ями ях"),
        ("а", "а ы и е у ой ою ей ею ам ями ами ах ях -"),
        ("я", "я и е ю ей ею ь й ям ями ях"),
        ("о", "о а у ом е ам ами ах -"),
        ("е", "е я ю ем и й ий ям ями ях"),
        ("ы", "ы ов ам ами ах -"),
        ("и", "и ей ов ев ам ям ами ями ах ях -"),
        ("й", "й я ю ем е и ев ей ям ями ях"),
        ("-", "- а у ом ем е ы и ов ев ей ам ами ах"),  # a consonant: masculine
    )
    for lemma_ending in lemma_endings.replace("-", "").split() or [""]
)


def is_form_of(surface: str, term: str) -> bool:
    """Tell whether each word of ``surface`` can be an inflected form of the term's word."""
    from transclean.glossary.morphology import normalise

    got = _WORD.findall(normalise(surface).lower())
    wanted = _WORD.findall(normalise(term).lower())
    return len(got) == len(wanted) and all(map(inflects_to, wanted, got))


def inflects_to(lemma: str, form: str) -> bool:
    """Tell whether ``form`` can be a form of the lowercase word ``lemma`` (regular endings)."""
    from transclean.glossary.morphology import en_plurals

    if lemma == form or form in en_plurals(lemma) or form == lemma + "'s":
        return True
    # The last paradigm's ending is empty: one always fits.
    ending, forms = next((e, f) for e, f in _PARADIGMS if lemma.endswith(e))
    stem = lemma[: len(lemma) - len(ending)]
    return form.startswith(stem) and (form[len(stem) :] or "-") in forms
