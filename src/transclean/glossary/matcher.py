"""Find every term of every glossary concept in a document in one Aho-Corasick pass.

The document is cut into tokens (words, single punctuation marks, paragraph breaks, URLs), each
word keyed by :mod:`transclean.glossary.morphology` and prefixed with its language ("ru:кислота",
"ru:дупилумаб~", "en:acid"). The keys, joined by spaces, form one string; every glossary term
is keyed the same way and added to one automaton, so one pass over that string finds all terms
at once, on word boundaries, in any case and inflection, across any whitespace (NBSP and line
breaks included).
Hits are token ranges, and tokens carry their offsets into ``Document.text``, so a match is
never searched for again in the text.

Why keys rather than all inflected forms of every term in the automaton: generating a Russian
term's forms takes a pymorphy3 ``inflect`` per case and number per word (a dozen or two calls
per term, too slow for a 100,000-term glossary to load in seconds), and forms guessed for
unknown drug names are unreliable; a key costs one cached lookup per distinct word, on both sides.
English plurals are the exception: they are few and regular enough to add as extra patterns.
So are the few Russian adjectives whose forms get two keys, because some of them are also a
noun's ("наружного": the adjective "наружный" or the noun "наружное"; see
:func:`_ru_adjective_variants`).
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, count, product, repeat
from operator import add
from typing import TYPE_CHECKING, Any, NamedTuple

from transclean.glossary.model import Concept, Glossary, Term
from transclean.glossary.morphology import (
    IGNORABLE,
    all_capitals,
    analyzer,
    en_key,
    en_plurals,
    normalise,
    ru_key,
    script,
    word_key,
)
from transclean.glossary.morphology import possessive_length as _possessive_length
from transclean.model import UNDETERMINED, Document, Segment, TermHint

if TYPE_CHECKING:
    import ahocorasick

__all__ = ["TermMatch", "TermMatcher", "Token", "matcher_for", "term_hints", "tokenize"]

# URLs and e-mail addresses are one opaque token: no term or spelling inside them. They are
# found in a pass of their own, because trying these alternatives at every word start would
# double the cost of tokenising.
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'»]*[^\s<>\"'».,;:!?)]"  # a final stop is the sentence's
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b(?:/[^\s<>\"'»]*[^\s<>\"'».,;:!?)])?"
)
# Every URL match holds one of these, and no URL match holds whitespace: _URL is run only over
# the stretches between spaces that hold one (in a page of prose, a few), since run over the
# whole text it tries its e-mail form at every letter of every word.
_URL_HINT = re.compile(r"https?://|www\.|@|\.[a-z]{2,6}\b")
_NOT_SPACE = re.compile(r"\S*")
# One capturing group, so that split() returns gaps and tokens alternately. A token is a word
# (letters and digits, with invisible characters and inner apostrophes: "Crohn's"), a blank
# line (it ends a paragraph: no multi-word term runs across it), or any other visible character,
# dashes included. Which of the three is told by its first character (see _token).
_TOKENS = re.compile(
    rf"([^\W_][\w{IGNORABLE}]*(?:['’ʼ][\w{IGNORABLE}]+)*"
    r"|\n[^\S\n]*\n"
    rf"|[^\s{IGNORABLE}])"
)
_PLAIN_TERM = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")
_BREAK_KEY = "¶"
_URL_KEY = "⌘"
# Languages written in Cyrillic; every other language is taken to be written in Latin script.
_CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg"})
_MATCHED_AS = {"la": "en"}  # see _token


class Token(NamedTuple):
    """One token of a text: offsets into it, its normalised form, language and matching key."""

    start: int
    end: int  # end of the word without an English possessive "'s"
    kind: str  # "word", "punct", "break" or "url"
    text: str  # normalised (see morphology.normalise), case kept
    lang: str  # for words with letters; "" otherwise
    key: str


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A glossary term found in the text: ``text[start:end]`` is a form of ``term``."""

    start: int
    end: int
    concept: Concept
    term: Term
    lang: str
    words: tuple[str, ...]  # the matched words as written, for inflecting suggestions
    plural: bool  # English: matched through a plural form of the term's last word


def effective_lang(word_script: str, context: str) -> str:
    """Return the language of a word: its context's, unless its script rules that out.

    A Latin-script word in a Russian sentence is English (an inline gloss such as "(alopecia
    totalis)" that language detection did not mark) and a Cyrillic word in English text is
    Russian; the context decides between languages sharing a script (English or German).
    """
    if not word_script:
        return ""
    if context != UNDETERMINED and (context in _CYRILLIC_LANGS) == (word_script == "cyrl"):
        return context
    return "ru" if word_script == "cyrl" else "en"


def tokenize(text: str, contexts: Iterable[tuple[int, int, str]] = ()) -> list[Token]:
    """Cut ``text`` into keyed tokens; ``contexts`` are sorted (start, end, lang) stretches.

    Later stretches override earlier ones that contain them, so inline spans listed after their
    sentence win. A word outside every stretch gets its language from its script.
    """
    # Tokens are cut by one split() and their offsets summed up by accumulate(), both in C, and
    # each token costs one cached lookup: a Python loop over regex matches cost three times as
    # much per token, and a page has thousands of tokens.
    parts = _TOKENS.split(text)
    raws = parts[1::2]
    bounds = list(accumulate(map(len, parts)))
    starts, ends = bounds[0:-1:2], bounds[1::2]
    infos: list[tuple[str, str, str, str, int]] = []
    at, context = 0, UNDETERMINED
    for change, next_context in [*_context_changes(contexts), (len(text) + 1, UNDETERMINED)]:
        first, last = bisect_left(starts, at), bisect_left(starts, change)
        infos += map(_token, raws[first:last], repeat(context, last - first))
        at, context = change, next_context
    new = tuple.__new__  # what Token() does, without a Python-level __new__ per token
    tokens: list[Token] = [
        new(Token, (start, end - possessive, kind, surface, lang, key))
        for start, end, (kind, surface, lang, key, possessive) in zip(
            starts, ends, infos, strict=True
        )
    ]
    for url in reversed(_urls(text)):  # one token for the whole URL
        first, last = bisect_left(starts, url.start()), bisect_left(starts, url.end())
        if first < last:
            tokens[first:last] = [Token(url.start(), url.end(), "url", url.group(), "", _URL_KEY)]
    return tokens


def _context_changes(contexts: Iterable[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """Return (offset, language context from there on) where a stretch starts or ends."""
    stretches = sorted(contexts, key=lambda c: (c[0], -c[1]))
    changes: list[tuple[int, str]] = []
    open_stretches: list[tuple[int, int, str]] = []
    next_stretch = 0
    for offset in sorted({edge for start, end, _ in stretches for edge in (start, end)}):
        while next_stretch < len(stretches) and stretches[next_stretch][0] <= offset:
            open_stretches.append(stretches[next_stretch])
            next_stretch += 1
        open_stretches = [s for s in open_stretches if s[1] > offset]
        changes.append((offset, open_stretches[-1][2] if open_stretches else UNDETERMINED))
    return changes


def _urls(text: str) -> list[re.Match[str]]:
    """Return the URL and e-mail matches of ``text``, as ``_URL.finditer(text)`` would."""
    found: list[re.Match[str]] = []
    end = 0
    for hint in _URL_HINT.finditer(text):
        start = hint.start()
        if start < end:
            continue  # in the stretch just searched
        while start > end and not text[start - 1].isspace():
            start -= 1
        match = _NOT_SPACE.match(text, hint.start())
        end = match.end() if match else start
        found.extend(_URL.finditer(text, start, end))
    return found


@lru_cache(maxsize=300_000)
def _token(raw: str, context: str) -> tuple[str, str, str, str, int]:
    """Return (kind, text, language, key, possessive length) of a token in a context."""
    if raw[0].isalnum():  # what [^\W_] matches
        return ("word", *_word(raw, context))
    if raw[0] == "\n":
        return "break", raw, "", _BREAK_KEY, 0
    return "punct", raw, "", normalise(raw), 0


def _word(raw: str, context: str) -> tuple[str, str, str, int]:
    """Return (normalised surface, language, key, possessive length) of a word in a context."""
    surface = normalise(raw)
    lang = effective_lang(script(surface), context)
    if not lang:  # digits: language-neutral, so "IL-4" matches wherever "IL" does
        return surface, "", surface.lower(), 0
    # Medical Latin is keyed as English: language detection rightly labels "alopecia totalis"
    # Latin, but in these articles it is English medical vocabulary and glossaries list it so.
    # The token keeps "la", so that Latin is not spell-checked as English.
    key_lang = _MATCHED_AS.get(lang, lang)
    possessive = _possessive_length(raw) if key_lang == "en" else 0
    return surface, lang, f"{key_lang}:{word_key(surface, key_lang)}", possessive


def clear_word_caches() -> None:
    """Forget every cached word key (for benchmarks that time a cold start)."""
    _token.cache_clear()
    ru_key.cache_clear()


def document_contexts(document: Document) -> list[tuple[int, int, str]]:
    """Return the language stretches of a segmented document: units, then inline spans."""
    contexts = [(s.start, s.end, s.lang) for s in document.units]
    contexts += [(i.start, i.end, i.lang) for s in document.units for i in s.inline]
    if not contexts and document.segments:
        contexts = [(s.start, s.end, s.lang) for s in document.segments]
    return contexts


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building big acyclic indexes.

    Building allocates hundreds of thousands of small objects, each allocation burst makes the
    collector walk the whole glossary, and none of it forms cycles: pausing halves build time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Entry(NamedTuple):
    concept: int
    term: int
    plural: bool
    case_words: tuple[str, ...] | None  # normalised surfaces to compare for case-sensitive terms
    in_capitals: bool  # a case-sensitive term that text written all in capitals is a form of


class TermMatcher:
    """An automaton of every term of a glossary; build once per glossary, reuse per document."""

    def __init__(self, glossary: Glossary) -> None:
        import ahocorasick

        self.glossary = glossary
        patterns: dict[str, tuple[int, list[_Entry]]] = {}
        with paused_gc():
            for c_index, concept in enumerate(glossary.concepts):
                for t_index, term in enumerate(concept.terms):
                    for pattern, plural, words in _term_patterns(term):
                        case_words = words if term.case_sensitive else None
                        capitals = term.case_sensitive and _fits_in_capitals(words)
                        entries = patterns.setdefault(pattern, (len(words), []))[1]
                        entries.append(_Entry(c_index, t_index, plural, case_words, capitals))
            # (words in the pattern, its entries, whether any entry is case-sensitive)
            self._entries: list[tuple[int, tuple[_Entry, ...], bool]] = []
            self._automaton: ahocorasick.Automaton | None = None
            if patterns:
                automaton = ahocorasick.Automaton()
                for pattern, (size, entries) in patterns.items():
                    automaton.add_word(pattern, len(self._entries))
                    sensitive = any(e.case_words is not None for e in entries)
                    self._entries.append((size, tuple(entries), sensitive))
                automaton.make_automaton()
                self._automaton = automaton

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, tokens: list[Token]) -> list[TermMatch]:
        """Return the longest, leftmost non-overlapping term matches among ``tokens``."""
        return [
            self._match(tokens, first, last, entries[0])
            for first, last, entries in self._spans(tokens)
        ]

    def find_readings(self, tokens: list[Token]) -> list[tuple[TermMatch, ...]]:
        """Return every concept's match where :meth:`find` returns one, its match first.

        Where terms of several concepts fit the same words ("рецидив": relapse, recurrence),
        :meth:`find` picks the one a check should trust; a translation must know that the
        words may be any of them. Each concept comes once, as its most trusted term.
        """
        readings: list[tuple[TermMatch, ...]] = []
        for first, last, entries in self._spans(tokens):
            by_concept: dict[int, _Entry] = {}
            for entry in entries:  # trusted first
                by_concept.setdefault(entry.concept, entry)
            readings.append(tuple(self._match(tokens, first, last, e) for e in by_concept.values()))
        return readings

    def _spans(self, tokens: list[Token]) -> list[tuple[int, int, list[_Entry]]]:
        """Return the token ranges of the matches, each with its fitting entries, trusted first."""
        if self._automaton is None or not tokens:
            return []
        stream, space_after = _key_stream(tokens)
        candidates: list[tuple[int, int, tuple[_Entry, ...]]] = []
        for end_pos, entry_id in self._automaton.iter(stream):
            size, entries, any_case_sensitive = self._entries[entry_id]
            last = bisect_left(space_after, end_pos)  # a pattern ends with a token's space
            first = last - size + 1
            fitting = entries
            if any_case_sensitive:
                fitting = tuple(e for e in entries if _case_fits(e, tokens, first))
            if fitting:
                candidates.append((first, last, fitting))
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        spans: list[tuple[int, int, list[_Entry]]] = []
        taken_until = -1
        for first, last, entries in candidates:
            if first <= taken_until:
                continue
            taken_until = last
            spans.append((first, last, sorted(entries, key=self._trust)))
        return spans

    def _trust(self, entry: _Entry) -> tuple[bool, int, int]:
        # A surface shared by two concepts: trust an allowed reading over a forbidden one,
        # then glossary order, so a conflicting glossary never makes a correct word an error.
        return self._term(entry).status.is_forbidden, entry.concept, entry.term

    def _match(self, tokens: list[Token], first: int, last: int, entry: _Entry) -> TermMatch:
        concept = self.glossary.concepts[entry.concept]
        term = concept.terms[entry.term]
        words = tuple(t.text for t in tokens[first : last + 1] if t.kind == "word")
        return TermMatch(
            tokens[first].start, tokens[last].end, concept, term, term.lang, words, entry.plural
        )

    def _term(self, entry: _Entry) -> Term:
        return self.glossary.concepts[entry.concept].terms[entry.term]


def _term_patterns(term: Term) -> Iterator[tuple[str, bool, tuple[str, ...]]]:
    """Yield (automaton pattern, is plural, word surfaces) for a term and its English plurals."""
    if _PLAIN_TERM.fullmatch(term.text):
        # Most terms are plain words and spaces: skip the tokeniser (a third of build time).
        words = [_token(raw, term.lang) for raw in term.text.split(" ")]
        keys = [key for _, _, _, key, _ in words]
        surfaces = tuple(surface for _, surface, _, _, _ in words)
        last_lang, last_kind = words[-1][2], "word"
    else:
        tokens = tokenize(term.text, [(0, len(term.text), term.lang)])
        if not any(t.kind == "word" for t in tokens) or any(t.kind == "url" for t in tokens):
            return
        keys = [t.key for t in tokens]
        surfaces = tuple(t.text for t in tokens)
        last_lang, last_kind = tokens[-1].lang, tokens[-1].kind
    yield " " + " ".join(keys) + " ", False, surfaces
    for variant in _ru_adjective_variants(keys):
        yield " " + " ".join(variant) + " ", False, surfaces
    if last_lang == "en" and last_kind == "word" and not _possessive_length(surfaces[-1]):
        for plural in en_plurals(surfaces[-1]):
            plural_keys = [*keys[:-1], f"en:{en_key(plural)}"]
            yield " " + " ".join(plural_keys) + " ", True, (*surfaces[:-1], plural)


def _ru_adjective_variants(keys: list[str]) -> Iterator[tuple[str, ...]]:
    """Yield a Russian term's keys again with its adjectives keyed by their other lemmas.

    An adjective with a noun among its own forms (the noun "наружное", neuter of "наружный")
    has forms keyed by either lemma, whichever reading of the form is likelier: "наружная" is
    "наружный", "наружного" is "наружное". Before its last word a term's words are the
    adjectives of its noun group, so there either key is a form of the term's word. A term's
    last word is not varied: the term "данные" ("data") is a noun, not "данной" ("this").
    """
    options = [(key, *_adjective_keys(key)) for key in keys[:-1]]
    if all(len(option) == 1 for option in options):
        return  # nearly every term
    for variant in product(*options):
        if list(variant) != keys[:-1]:
            yield (*variant, keys[-1])


_ADJECTIVE_LEMMA_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")


@lru_cache(maxsize=100_000)
def _adjective_keys(key: str) -> tuple[str, ...]:
    """Return the other keys of a Russian adjective's forms, if some of them are a noun's.

    The lemmas of such an adjective are its masculine nominative and each nominative form that
    is also a noun ("наружное", "данные", "лёгкое"): the keys its forms get (see ru_key).
    """
    lang, _, word = key.partition(":")
    # Only a lemma spelled like an adjective is looked up: most term words are not, and the
    # lookups are most of what these variants cost a large glossary's loading.
    if lang != "ru" or not word.endswith(_ADJECTIVE_LEMMA_ENDINGS):
        return ()
    lemmas = {word}
    for adjective in _adjective_lemmas(word):
        forms = (adjective, *filter(_is_noun_lemma, _other_nominatives(adjective)))
        lemmas.update(map(normalise, forms))
    return tuple(sorted(f"ru:{lemma}" for lemma in lemmas - {word}))


def _other_nominatives(adjective: str) -> tuple[str, str, str]:
    """Return the feminine, neuter and plural nominative of an adjective's lemma.

    A noun's lemma that is an adjective's form is one of these ("столовая", "наружное",
    "данные"); a masculine one ("больной") is the adjective's own lemma. Spelled by rule, so
    that only three words are looked up in the dictionary.
    """
    stem, ending = adjective[:-2], adjective[-2:]
    last = stem[-1:]
    soft = ending == "ий" and last not in "кгхжшщч"  # "синий"; "русский", "хороший" are hard
    feminine = stem + ("яя" if soft else "ая")
    neuter = stem + ("ое" if ending != "ий" or last in "кгх" else "ее")  # "хорошее", "синее"
    plural = stem + ("ие" if soft or last in "кгхжшщч" else "ые")  # "сухие", "большие"
    return feminine, neuter, plural


def _adjective_lemmas(word: str) -> set[str]:
    """Return the lemmas of a lowercase word's readings as an adjective, spelled with ё."""
    morph = analyzer()
    dictionary = morph.dictionary
    return {
        dictionary.build_normal_form(paradigm, index, fixed)
        for fixed, paradigms in dictionary.words.similar_items(word, morph.char_substitutes)
        for paradigm, index in paradigms
        if "ADJF" in dictionary.build_tag_info(paradigm, index).grammemes
    }


def _is_noun_lemma(word: str) -> bool:
    """Tell whether a lowercase word, spelled as the dictionary does, is a noun's lemma."""
    dictionary = analyzer().dictionary
    # Spelled with its ё, a word needs one exact lookup, not one that also tries each е as ё.
    return word in dictionary.words and any(
        index == 0 and "NOUN" in dictionary.build_tag_info(paradigm, 0).grammemes
        for paradigm, index in dictionary.words[word]
    )


def _key_stream(tokens: list[Token]) -> tuple[str, list[int]]:
    """Join token keys with spaces; return it and the position of the space after each token."""
    keys = [token.key for token in tokens]
    # The space after token i is at 1 + len(keys[0]) + ... + len(keys[i]) + i; summed in C.
    return " " + " ".join(keys) + " ", list(map(add, accumulate(map(len, keys)), count(1)))


def _case_fits(entry: _Entry, tokens: list[Token], first: int) -> bool:
    """Check a case-sensitive term letter by letter where its words and the text agree.

    Letters are compared up to the first that differs in more than case (an inflected ending).
    A text written all in capitals (a heading: "ЕВРОПЕЙСКАЯ АКАДЕМИЯ ДЕРМАТОЛОГИИ") fits a term
    whose capitals it cannot show (see :func:`_fits_in_capitals`).
    """
    if entry.case_words is None:
        return True
    span = tokens[first : first + len(entry.case_words)]
    if entry.in_capitals and all_capitals("".join(token.text for token in span)):
        return True
    for expected, token in zip(entry.case_words, span, strict=False):
        for want, got in zip(expected, token.text, strict=False):
            if want.lower() != got.lower():
                break
            if want != got:
                return False
    return True


def _fits_in_capitals(words: tuple[str, ...]) -> bool:
    """Tell whether text in capitals can be a case-sensitive term written as ``words``.

    It can where the term's capitals open its words or fill them ("Wake Forest", "IL-4"): in
    capitals a name looks like any other words. It cannot where the term has no capital or
    has capitals inside a word: "mg" and "pH" are told from the abbreviations "MG" and "PH"
    by their case alone.
    """
    has_capital = any(ch.isupper() for word in words for ch in word)
    return has_capital and all(word.isupper() or word[1:] == word[1:].lower() for word in words)


# One document and glossary are analysed once per run even though the check and the writer
# both ask: the last result is kept, keyed by identity (holding references keeps ids valid).
_MATCHERS: dict[int, tuple[Glossary, TermMatcher]] = {}
_MATCHER_CACHE_SIZE = 4
_LAST_ANALYSIS: list[tuple[Any, Any, list[Token], list[TermMatch]]] = []


def matcher_for(glossary: Glossary) -> TermMatcher:
    """Return the matcher of ``glossary``, building it on first use."""
    cached = _MATCHERS.get(id(glossary))
    if cached is not None and cached[0] is glossary:
        return cached[1]
    matcher = TermMatcher(glossary)
    if len(_MATCHERS) >= _MATCHER_CACHE_SIZE:
        _MATCHERS.pop(next(iter(_MATCHERS)))
    _MATCHERS[id(glossary)] = (glossary, matcher)
    return matcher


def analyse(document: Document, glossary: Glossary) -> tuple[list[Token], list[TermMatch]]:
    """Return the tokens of ``document`` and the glossary terms found among them."""
    if _LAST_ANALYSIS:
        doc, glo, tokens, matches = _LAST_ANALYSIS[0]
        if doc is document and glo is glossary:
            return tokens, matches
    tokens = tokenize(document.text, document_contexts(document))
    matches = matcher_for(glossary).find(tokens)
    _LAST_ANALYSIS[:] = [(document, glossary, tokens, matches)]
    return tokens, matches


def term_hints(
    document: Document, glossary: Glossary, segment: Segment, target_lang: str
) -> tuple[TermHint, ...]:
    """List the glossary terms of a segment with their preferred term in ``target_lang``.

    For a writer that keeps an untranslated segment: "алопеция — alopecia". Each concept is
    listed once, in order of first appearance, its source as the glossary writes it.
    """
    _, matches = analyse(document, glossary)
    hints: dict[str, TermHint] = {}
    for match in matches:
        if not segment.start <= match.start < segment.end or match.lang == target_lang:
            continue
        target = match.concept.preferred(target_lang)
        if target is None or match.concept.id in hints:
            continue
        source = match.term
        if source.status.is_forbidden:
            source = match.concept.preferred(match.lang) or source
        hints[match.concept.id] = TermHint(source.text, target.text)
    return tuple(hints.values())
