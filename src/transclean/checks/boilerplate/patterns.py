"""Pattern lists of site chrome: their syntax, parsing, and loading of the shipped lists.

The syntax is documented in the header of ``glossaries/boilerplate.en.txt``. Entries of one
section are merged into a few regexes (:class:`Section`) so that each unit of a document is
scanned once per kind of entry. A unit is read the three ways entries match it once
(:class:`Probe`), and one screen per group of sections, the union of all their entries, rules
out most units of an article with one scan instead of one per section.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from transclean.errors import GlossaryError

if TYPE_CHECKING:  # importlib.resources.abc is new in Python 3.11
    from importlib.resources.abc import Traversable

log = logging.getLogger(__name__)

VOCABULARIES = ("keep", "cta-verbs", "site-nouns", "self-reference", "second-person", "image-words")
_DEFAULT_DIR = Path(__file__).resolve().parents[4] / "glossaries"
_LIST_NAME = re.compile(r"boilerplate\.[\w-]+\.txt")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_LEADING = re.compile(r"^[\W_]+")
_HEAD = r"(?<![\w-])"  # a phrase starts a word: no letter, digit or hyphen before it
_ATOM = re.compile(r"\\.|[^\\[(]")  # one literal character of a phrase regex, escaped or not
_NORMALIZE = str.maketrans("ёЁ’‘`“”«»„\u00a0", 'еЕ\'\'\'""""" ')


@dataclass(frozen=True, slots=True)
class Pattern:
    """One entry of a pattern list, compiled."""

    section: str
    kind: str  # "free", "start", "whole" or "regex"
    regex: re.Pattern[str]
    origin: str  # "file:line", for messages

    @property
    def anchored(self) -> bool:
        return self.kind in ("start", "whole") or (
            self.kind == "regex" and self.regex.pattern.startswith("^")
        )


class Probe(NamedTuple):
    """A unit read the three ways entries match it, computed once and shared by every section."""

    text: str  # normalized unit: free and regex entries search it
    head: str  # leading bullets, quotes and dashes dropped: start entries match here
    whole: str  # surrounding punctuation dropped: whole-unit entries must match all of it

    @classmethod
    def of(cls, unit: str) -> Probe:
        # [\W_] is exactly what str.isalnum() rejects: most units start with a letter, and
        # headings end with one, so there is nothing to drop.
        if not unit[:1].isalnum():
            return cls(unit, _LEADING.sub("", unit), _EDGES.sub("", unit))
        return cls(unit, unit, unit if unit[-1:].isalnum() else _EDGES.sub("", unit))


class Section:
    """The entries of one section merged into a few regexes, so a unit is scanned once per kind."""

    def __init__(self, name: str, patterns: Iterable[Pattern]) -> None:
        self.name = name
        self.patterns = tuple(patterns)
        self._start = _union(p for p in self.patterns if p.kind == "start")
        self._whole = _union(p for p in self.patterns if p.kind == "whole")
        self._free = _union(p for p in self.patterns if p.kind == "free")
        # first() reports which entry matched, so it keeps the list's order of alternatives.
        self._free_first = _union((p for p in self.patterns if p.kind == "free"), ordered=True)
        # Regex entries stay apart: their own anchors, groups and inline flags must not leak.
        regexes = [p for p in self.patterns if p.kind == "regex"]
        self._anchored = [p.regex for p in regexes if p.anchored]
        self._unanchored = [p.regex for p in regexes if not p.anchored]
        self._regexes = [p.regex for p in regexes]
        self._searched = ([self._free_first] if self._free_first else []) + self._regexes

    def score(self, unit: str | Probe) -> int:
        """3 when an anchored entry matches ``unit`` (normalized), 2 for a free one, else 0."""
        probe = unit if isinstance(unit, Probe) else Probe.of(unit)
        text = probe.text
        if (
            (self._start and self._start.match(probe.head))
            or (self._whole and self._whole.fullmatch(probe.whole))
            or any(r.search(text) for r in self._anchored)
        ):
            return 3
        if (self._free and self._free.search(text)) or any(
            r.search(text) for r in self._unanchored
        ):
            return 2
        return 0

    def matches(self, unit: str | Probe) -> bool:
        """Tell whether any entry matches ``unit``: ``score(unit) > 0`` in fewer scans."""
        probe = unit if isinstance(unit, Probe) else Probe.of(unit)
        return bool(
            (self._free and self._free.search(probe.text))
            or (self._start and self._start.match(probe.head))
            or (self._whole and self._whole.fullmatch(probe.whole))
            or any(r.search(probe.text) for r in self._regexes)
        )

    def first(self, unit: str | Probe) -> re.Match[str] | None:
        """The leftmost match in ``unit`` of a free or regex entry."""
        text = unit.text if isinstance(unit, Probe) else unit
        found = [m for r in self._searched if (m := r.search(text))]
        # min() keeps the first of equals: the free entries, then regexes in list order.
        return min(found, key=lambda m: m.start()) if found else None


def _union(patterns: Iterable[Pattern], *, ordered: bool = False) -> re.Pattern[str] | None:
    """One regex for many phrases; the word-start check is factored out of the alternatives,
    which lets the regex engine skip ahead on literal prefixes (seven times faster).

    Unless ``ordered``, alternatives that start alike are merged as well (see ``_trie``): the
    regex then matches where it did, but another entry may win where several match at one place.
    """
    headed: list[str] = []
    bare: list[str] = []
    for pattern in patterns:
        source = pattern.regex.pattern
        (headed if source.startswith(_HEAD) else bare).append(source.removeprefix(_HEAD))
    join = (lambda sources: "|".join(f"(?:{s})" for s in sources)) if ordered else _trie
    parts = [f"{_HEAD}(?:{join(headed)})"] if headed else []
    parts.extend([join(bare)] if bare else [])
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _trie(sources: list[str]) -> str:
    """Merge phrase regexes into a trie on their leading literal characters: "add|admin" gives
    "ad(?:d|min)". The engine tries each alternative at each word start in turn; the trie rejects
    most of them on their first letter together (four times faster on the vocabularies).

    Phrase regexes (``_phrase_regex``) are escaped literal characters up to their first class or
    group, so what follows the shared characters is each alternative's own rest, unchanged.
    """
    branches: list[tuple[list[str], str]] = []
    for source in sources:
        atoms: list[str] = []
        position = 0
        while (atom := _ATOM.match(source, position)) is not None:
            atoms.append(atom.group())
            position = atom.end()
        branches.append((atoms, source[position:]))
    return _branch(branches)


def _branch(branches: list[tuple[list[str], str]]) -> str:
    groups: dict[str, list[tuple[list[str], str]]] = {}
    ends: list[str] = []
    for atoms, rest in branches:
        if atoms:
            groups.setdefault(atoms[0], []).append((atoms[1:], rest))
        else:
            ends.append(rest)
    alternatives = [atom + _branch(group) for atom, group in groups.items()] + ends
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"


@dataclass(frozen=True, slots=True)
class PatternSet:
    """Every pattern list merged: chrome categories and the heuristics' vocabularies."""

    chrome: tuple[Section, ...]
    vocab: dict[str, Section] = field(default_factory=dict)
    # Every entry in one section, every chrome entry in another, every vocabulary word in a
    # third: a unit that matches no screen (most sentences of an article) matches no section
    # it covers. A union matches wherever one of its alternatives does: the screens are exact.
    _screen: Section = field(init=False, repr=False, compare=False)
    _chrome_screen: Section = field(init=False, repr=False, compare=False)
    _vocab_screen: Section = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        chrome = [p for s in self.chrome for p in s.patterns]
        vocab = [p for s in self.vocab.values() for p in s.patterns]
        object.__setattr__(self, "_screen", Section("every list", chrome + vocab))
        object.__setattr__(self, "_chrome_screen", Section("chrome", chrome))
        object.__setattr__(self, "_vocab_screen", Section("vocabularies", vocab))

    def matches(self, unit: Probe) -> bool:
        """Tell whether any entry of any list matches ``unit``: one scan for most sentences."""
        return self._screen.matches(unit)

    def chrome_scores(self, unit: Probe) -> list[tuple[str, int]]:
        """The chrome categories ``unit`` matches, in list order, with their scores."""
        if not self._chrome_screen.matches(unit):
            return []
        return [(section.name, score) for section in self.chrome if (score := section.score(unit))]

    def uses_vocabulary(self, unit: Probe) -> bool:
        """Tell whether any vocabulary matches ``unit``; if not, no ``first`` or ``has`` will."""
        return self._vocab_screen.matches(unit)

    def first(self, section: str, unit: str | Probe) -> re.Match[str] | None:
        """The leftmost match in ``unit`` of any word of vocabulary ``section``."""
        return self.vocab[section].first(unit) if section in self.vocab else None

    def has(self, section: str, unit: str | Probe) -> bool:
        return section in self.vocab and self.vocab[section].matches(unit)


def normalize(text: str) -> str:
    """Fold what pattern lists do not spell out: ё as е, curly quotes and «» as straight ones."""
    return text.translate(_NORMALIZE)


def parse_patterns(text: str, origin: str) -> list[Pattern]:
    """Parse one pattern list (syntax in the header of ``glossaries/boilerplate.en.txt``)."""
    patterns: list[Pattern] = []
    section: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{origin}:{number}"
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            continue
        if section is None:
            raise GlossaryError(
                f"pattern {line!r} comes before any [section]",
                hint="start the list with a section such as [call-to-action]",
                path=where,
            )
        patterns.append(_compile(line, section, where))
    return patterns


def _compile(line: str, section: str, where: str) -> Pattern:
    line = normalize(line)
    if line.startswith("re:"):
        kind, source = "regex", line[3:].strip()
    elif line[0] in "^=":
        kind, source = ("start" if line[0] == "^" else "whole"), _phrase_regex(line[1:])
    else:
        kind, source = "free", _phrase_regex(line)
    try:
        regex = re.compile(source, re.IGNORECASE)
    except re.error as error:
        raise GlossaryError(
            f"bad regular expression {source!r}: {error}",
            hint="write a Python regular expression after re:, or drop re: for a plain phrase",
            path=where,
        ) from error
    if not source or regex.match(""):
        raise GlossaryError(f"pattern {line!r} matches empty text", path=where)
    return Pattern(section, kind, regex, where)


def _phrase_regex(phrase: str) -> str:
    """Turn a phrase with ``*`` wildcards into a regex bounded by word edges."""
    parts: list[str] = []
    star = False
    for token in phrase.split():
        if token == "*":
            star = bool(parts)  # a leading or trailing lone * adds nothing
            continue
        if parts:
            parts.append(r"(?:[\s-]+\S+)*?[\s-]+" if star else r"[\s-]+")
        parts.append(r"[\w-]*".join(re.escape(bit) for bit in token.split("*")))
        star = False
    words = [t for t in phrase.split() if t != "*"]
    if not words:
        return ""
    head = _HEAD if _is_word_char(words[0][0]) else ""
    tail = r"(?![\w-])" if _is_word_char(words[-1][-1]) or words[-1].endswith("*") else ""
    return head + "".join(parts) + tail


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def default_pattern_files() -> tuple[Path | Traversable, ...]:
    """The pattern lists shipped with transclean, every language, in name order.

    As for the glossary, a source checkout's top-level ``glossaries/`` folder wins over a
    packaged copy in ``transclean/data/glossaries``.
    """
    folder: Path | Traversable = _DEFAULT_DIR
    if not _DEFAULT_DIR.is_dir():
        folder = resources.files("transclean") / "data" / "glossaries"
    if not folder.is_dir():
        return ()
    names = (e for e in folder.iterdir() if _LIST_NAME.fullmatch(e.name) and e.is_file())
    return tuple(sorted(names, key=lambda e: e.name))


@lru_cache(maxsize=8)
def load_patterns(paths: tuple[Path | Traversable, ...]) -> PatternSet:
    """Read and merge pattern lists; raises GlossaryError naming the bad line."""
    if not paths:
        raise GlossaryError(
            f"no boilerplate pattern lists (boilerplate.*.txt) found in {_DEFAULT_DIR}",
            hint="reinstall transclean, or pass pattern_files to BoilerplateCheck",
        )
    patterns: list[Pattern] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise GlossaryError(f"cannot read pattern list: {error}", path=path.name) from error
        patterns.extend(parse_patterns(text, path.name))
    sections = dict.fromkeys(p.section for p in patterns)
    merged = {name: Section(name, (p for p in patterns if p.section == name)) for name in sections}
    vocab = {name: merged[name] for name in VOCABULARIES if name in merged}
    chrome = tuple(section for name, section in merged.items() if name not in VOCABULARIES)
    log.debug(
        "loaded %d patterns in %d sections from %d lists", len(patterns), len(merged), len(paths)
    )
    return PatternSet(chrome, vocab)
