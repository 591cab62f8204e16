"""Evidence behind language identification: n-gram profiles, dictionaries and word lists.

Everything here is loaded lazily, once, and cached: langdetect's stored n-gram profiles
(Apache-2.0), pymorphy3's Russian and Ukrainian dictionaries, pyspellchecker's word frequencies
and our own curated lists. ``language.py`` holds the rules that weigh this evidence.

The n-gram model scores langdetect's profiles directly instead of calling ``langdetect.detect``:
that function samples n-grams with the global ``random`` module, so its answer depends on a seed
it sets process-wide; a plain naive-Bayes sum over the same profiles is deterministic, several
times faster and leaves global state alone.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"


_K = TypeVar("_K")
_V = TypeVar("_V")


class Memo(dict[_K, _V]):
    """A function's answers, each worked out once on first use: words repeat (Zipf).

    A plain dict rather than ``lru_cache``, whose every hit reorders its list of recent keys;
    a hit is one look-up, and ``map(memo.__getitem__, words)`` asks for many in C. It stops
    growing at ``limit`` keys, after which new keys are worked out every time.
    """

    def __init__(self, function: Callable[[_K], _V], limit: int = 1 << 16) -> None:
        super().__init__()
        self._function = function
        self._limit = limit

    def __missing__(self, key: _K) -> _V:
        value = self._function(key)
        if len(self) < self._limit:
            self[key] = value
        return value


def sure(margin: float) -> float:
    """Turn a log-odds margin between the winner and the runner-up into a probability."""
    return 1.0 / (1.0 + math.exp(-abs(margin)))


# --- Russian or Ukrainian, one word at a time ---------------------------------------------------

# Weights in nats of log-odds, positive for Russian. A word Russian's dictionary knows is often
# a Ukrainian word too (справа, великий, роком), so knowing it counts little. A word only
# Ukrainian's dictionary knows counts much. A word neither knows is a name, a typo or a rare
# term (дупилумаб, пушистик) and says nothing.
_KNOWN_WORD = 0.5
_UKRAINIAN_WORD = 3.0  # unknown to Russian's dictionary, known to Ukrainian's
_UKRAINIAN_FORM = 1.0  # known only as a form Russian rarely uses and Ukrainian uses daily
_KNOWN_NGRAM_WEIGHT = 0.15  # per nat of n-gram log-likelihood
_NGRAM_CLIP = 6.0
# Russian's profile is the larger and closer to a word without і ї є ґ ы э ё, so such a word
# scores about this much more Russian than Ukrainian whichever it is: the vote is centred there.
_NGRAM_CENTRE = -3.0

# Forms Russian's dictionary knows that Ukrainian writes every day and modern Russian seldom:
# the instrumental in -ою/-ею (радою, метою), an imperative in -и that is a Ukrainian plural
# (постанови, засади) and the imperfective past gerund in -в (писав, стояв: the Ukrainian past
# tense; Russian's perfective gerund, сказав, is common and not counted).
_INSTRUMENTAL_OYU = frozenset({"V-oy", "V-ej"})
_UKRAINIAN_LOOKING_ENDINGS = ("ою", "ею", "и", "в")


@lru_cache(maxsize=1 << 16)
def russian_or_ukrainian(word: str, capitalised: bool = False) -> tuple[float, bool]:
    """Return log-odds of Russian over Ukrainian for one lower-case word, and whether it is a
    Ukrainian word that Russian's dictionary does not know.

    Meant for words neither language's letters nor our word lists decide. A capitalised word
    that Russian's dictionary does not know is a name or a term (Дупиксент, Ющенко) and says
    nothing. Cached: words repeat (Zipf), and dictionary look-ups and n-gram sums are the slow
    part of Cyrillic text.
    """
    morph = russian_dictionary()
    if not morph.word_is_known(word):
        if capitalised or not ukrainian_dictionary().word_is_known(word):
            return 0.0, False
        return -_UKRAINIAN_WORD, True
    centred = _ukrainian_ngrams(word) - _NGRAM_CENTRE
    ngram = _KNOWN_NGRAM_WEIGHT * max(-_NGRAM_CLIP, min(_NGRAM_CLIP, centred))
    # Parsing is the slow step: only words that may be such a form are parsed.
    if word.endswith(_UKRAINIAN_LOOKING_ENDINGS) and all(
        _ukrainian_looking(p) for p in morph.parse(word) if p.is_known
    ):
        return -_UKRAINIAN_FORM - ngram, False
    return _KNOWN_WORD - ngram, False


def _ukrainian_looking(parse: Any) -> bool:
    grammemes, word = parse.tag.grammemes, parse.word
    return bool(
        grammemes & _INSTRUMENTAL_OYU
        or ("impr" in grammemes and word.endswith("и"))
        or ({"GRND", "impf"} <= grammemes and word.endswith("в"))
    )


def _ukrainian_ngrams(word: str) -> float:
    ru, uk = ngram_scores([word], ("ru", "uk"))
    return uk - ru


# --- n-gram profiles ----------------------------------------------------------------------------


@cache
def profile(lang: str) -> tuple[dict[str, float], tuple[float, float, float]]:
    """Load langdetect's n-gram profile as log probabilities, with a floor per n-gram length.

    The profiles keep only n-grams above a relative frequency of about 1e-4, so an n-gram
    missing from one language's profile gets half of that language's smallest kept frequency.
    """
    import langdetect

    path = Path(langdetect.__file__).parent / "profiles" / lang
    data = json.loads(path.read_text(encoding="utf-8"))
    freq: dict[str, int] = data["freq"]
    totals: list[int] = data["n_words"]
    logp = {g: math.log(c / totals[len(g) - 1]) for g, c in freq.items() if g.islower()}
    least = [min((c for g, c in freq.items() if len(g) == n), default=1) for n in (1, 2, 3)]
    floors = [math.log(0.5 * least[n] / totals[n]) for n in range(3)]
    return logp, (floors[0], floors[1], floors[2])


def ngram_scores(words: Iterable[str], langs: tuple[str, ...]) -> list[float]:
    """Naive-Bayes log-likelihood of lower-case ``words`` under each language's profile.

    Only n-grams that at least one candidate profile knows are scored, as langdetect does.
    """
    rows = _ngram_rows(langs)
    found = []
    for word in words:
        padded = f" {word} "
        for n in (1, 2, 3):
            for i in range(len(padded) - n + 1):
                gram = padded[i : i + n]
                row = rows.get(gram, _UNSEEN)
                if row is _UNSEEN:
                    row = rows[gram] = _ngram_row(langs, gram)
                if row:
                    found.append(row)
    return [sum(column) for column in zip(*found, strict=True)] if found else [0.0] * len(langs)


_UNSEEN: tuple[float, ...] = (math.nan,)


@cache
def _ngram_rows(langs: tuple[str, ...]) -> dict[str, tuple[float, ...]]:
    """Each n-gram's log probabilities under ``langs`` (empty if none knows it), filled lazily."""
    return {}


def _ngram_row(langs: tuple[str, ...], gram: str) -> tuple[float, ...]:
    profiles = [profile(lang) for lang in langs]
    if all(gram not in logp for logp, _ in profiles):
        return ()
    return tuple(logp.get(gram, floors[len(gram) - 1]) for logp, floors in profiles)


# --- dictionaries and word lists ----------------------------------------------------------------


@cache
def russian_dictionary() -> Any:
    """Load pymorphy3's Russian dictionary once."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@cache
def ukrainian_dictionary() -> Any:
    """Load pymorphy3's Ukrainian dictionary once."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


@cache
def frequencies(lang: str) -> tuple[dict[str, int], int]:
    """Return pyspellchecker's word counts for ``lang`` and the size of its corpus."""
    from spellchecker import SpellChecker

    frequency = SpellChecker(language=lang, distance=1).word_frequency
    return frequency.dictionary, frequency.total_words


@cache
def word_list(name: str) -> frozenset[str]:
    """Read one of our curated word lists: one entry a line, '#' starts a comment."""
    raw = files("transclean").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.strip().lower() for line in raw.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


class Curated(NamedTuple):
    """A curated list of one language's telling words and word endings."""

    words: frozenset[str]
    endings: re.Pattern[str]  # search() finds a listed ending after at least two letters


@cache
def curated(name: str) -> Curated:
    """Split a curated list into words and endings (entries written "-ння")."""
    entries = word_list(name)
    endings = sorted((e[1:] for e in entries if e.startswith("-")), key=lambda e: (-len(e), e))
    return Curated(
        frozenset(e for e in entries if not e.startswith("-")),
        re.compile(f"..(?:{'|'.join(endings)})$" if endings else "(?!)"),
    )


class Phrases(NamedTuple):
    """The curated medical Latin phrases and patterns that find any of them."""

    all: frozenset[tuple[str, ...]]
    keys: frozenset[str]  # the rarest English word of each: without it the phrase is absent
    pattern: re.Pattern[str]
    # The same search in lower-case ASCII text, written to start with a character class (the
    # first letters) that the regex engine scans for in C: ``pattern`` starts with a
    # look-behind and ignores case, so the engine tries it at every position.
    lower_ascii: re.Pattern[str]
    longest: int  # words in the longest phrase: a longer segment is no phrase, unhashed


@cache
def latin_phrases() -> Phrases:
    """Load the Latin phrases, with one pattern that finds any of them.

    The pattern is a trie (phrases sharing a prefix share a branch), so it tries one branch
    per position instead of every phrase; words are separated by whitespace only.
    """
    phrases = frozenset(tuple(p.split()) for p in word_list("latin_medical.txt"))
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for word in phrase:
            node = node.setdefault(word, {})
        node[""] = {}
    edge = f"[{LATIN_LETTERS}0-9]"
    english = frequencies("en")[0]
    # By first letter, each group keeping the order of the trie's branches: the letter, then the
    # look-behind of ``pattern`` (the character before the letter is no edge), then the rest.
    groups: dict[str, list[str]] = {}
    for word in _branch_order(trie):
        groups.setdefault(word[0], []).append(_branch(word[1:], trie[word]))
    first_letters = "|".join(
        f"{re.escape(letter)}(?<!{edge}.)(?:{'|'.join(rests)})" for letter, rests in groups.items()
    )
    return Phrases(
        phrases,
        frozenset(min(p, key=lambda w: english.get(w, 0)) for p in phrases),
        re.compile(f"(?<!{edge}){_trie_pattern(trie)}(?!{edge})", re.IGNORECASE),
        re.compile(f"(?:{first_letters})(?!{edge})"),
        max(map(len, phrases), default=0),
    )


def _trie_pattern(node: dict[str, Any]) -> str:
    return f"(?:{'|'.join(_branch(word, node[word]) for word in _branch_order(node))})"


def _branch_order(node: dict[str, Any]) -> list[str]:
    """The words of a trie node, longest first: the regex takes the first branch that fits."""
    return sorted((w for w in node if w), key=lambda w: (-len(w), w))


def _branch(word: str, child: dict[str, Any]) -> str:
    rest = _trie_pattern(child) if any(child) else ""
    if not rest:
        return re.escape(word)
    if "" in child:
        return f"{re.escape(word)}(?:\\s+{rest})?"
    return f"{re.escape(word)}\\s+{rest}"
