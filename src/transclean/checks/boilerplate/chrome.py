"""Find site chrome left by scraping: calls to action, image placeholders, portal promotion,
sign-offs, and headlines of other articles spliced between paragraphs.

Each unit is judged on its own: a one-sentence block, or each sentence of a longer paragraph.
Named signals add up to a score (see ``_score_unit`` and ``_score_structure``):

==================  =====  ==================================================================
signal              score  when
==================  =====  ==================================================================
pattern:<category>  3 / 2  an entry of the pattern lists matches, anchored (``^``, ``=``) / free
site-promotion      3      a domain or URL together with a call-to-action verb or "you"
site-mention        1      a domain or URL alone (a reference is content; a portal rarely is)
call-to-action      2      a call-to-action verb among the first four words and a site noun
self-promotion      1      the site speaks of itself: "our" with a site noun
reader-address      1      the site speaks to the reader: "you" with a site noun
ui-label            1      a block of at most four words, unpunctuated, with a verb or site noun
image-placeholder   2      a block of at most eight words, unpunctuated, naming an image
page-edge           1      a ui-label or image placeholder in the page's header or trailer
orphan-heading      1      a heading followed directly by another heading: it heads nothing
off-topic           1      a heading-like block sharing under half of its words with the article
on-topic           -1      a heading-like block, no pattern, sharing 60% or more of its words
neighbour           1      a sentence next to clear chrome in the same paragraph
long-unit          -1      more than 40 words: chrome is short
==================  =====  ==================================================================

A unit scoring 3 or more is clear chrome: flagged with a fix that removes it and one adjacent
separator. A unit scoring 2 is uncertain: flagged without a fix. A unit matching the ``[keep]``
list (source credits such as "Adapted from Medscape") is never flagged, unless it names an image.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from transclean.checks.base import CheckContext, Rule, make_flag
from transclean.checks.boilerplate.patterns import (
    PatternSet,
    Probe,
    default_pattern_files,
    load_patterns,
    normalize,
)
from transclean.model import Document, Edit, Flag, Segment, SegmentKind, Severity
from transclean.segment.paragraphs import looks_like_heading

if TYPE_CHECKING:  # importlib.resources.abc is new in Python 3.11
    from importlib.resources.abc import Traversable

CHROME = Rule(
    "boilerplate.chrome",
    "Site chrome left by scraping: calls to action, image placeholders, portal promotion",
    Severity.WARNING,
    autofix=True,
)

CLEAR = 3  # score at which a unit is removed
UNCERTAIN = 2  # score at which a unit is flagged for review
CTA_WINDOW = 4  # a call-to-action verb must come among the unit's first words
LABEL_MAX_WORDS = 4
IMAGE_MAX_WORDS = 8
LONG_UNIT_WORDS = 40
EDGE_PARAGRAPH_WORDS = 12  # a paragraph this long is article body: chrome lies outside it
OFF_TOPIC, ON_TOPIC = 0.5, 0.6  # shares under half of its words; shares most of them
MIN_CONTEXT_WORDS = 60  # topicality is not measured against a shorter article

_TLD = (
    r"\.(?:com|ru|net|org|info|io|ua|by|kz|su|рф|biz|me|tv|co|uk|de|online|site|health|media|news|pro)"
    r"(?![\w-])"
)
_DOMAIN = re.compile(
    rf"(?:https?://|www\.)[^\s/]+\S*|(?<![\w@.-])[\w-]+(?:\.[\w-]+)*{_TLD}", re.IGNORECASE
)
# What every match of _DOMAIN contains: a text without it names no site. Searching for it is
# several times faster than for _DOMAIN, which tries a word at every word start.
_DOMAIN_HINT = re.compile(rf"https?://|www\.|{_TLD}", re.IGNORECASE)
# Hosts of authorities (who.int, cdc.gov, nhs.uk, ox.ac.uk) are references, not portals.
_AUTHORITY = re.compile(r"(?:^|\.)(?:gov|edu|int|mil|ac|nhs)(?:\.[a-z]{2})?$", re.IGNORECASE)
_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)
_PATH = re.compile(r"[/?#:]")
_WORD = re.compile(r"[\w-]+")
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_END = frozenset(".!?…")
_DIGITS = tuple("0123456789")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    # spaCy's curated en and ru stop words, as the segmenter's copy holds them (importing spaCy
    # takes half a second); the one-letter words the copy leaves out are no content words anyway.
    from transclean.segment.spacy_lists import STARTERS

    return frozenset(normalize(w) for w in STARTERS)


def content_words(text: str) -> set[str]:
    """The content words of ``text``, lowercased: no stop words, no short words, no domains."""
    text = normalize(text).lower()
    if _DOMAIN_HINT.search(text):
        text = _DOMAIN.sub(" ", text)
    stop = _stop_words()
    return {w for w in _LETTER_WORD.findall(text) if len(w) >= 4 and w not in stop}


def same_word(a: str, b: str) -> bool:
    """Tell whether two words are likely forms of one word, without a morphological analyser.

    They must share a prefix that leaves at most three letters of the shorter word, and is at
    least four letters long (five when both words have six or more): алопеции/алопеция,
    caused/causes, cells/cellular match; common/comment and discovered/discontinued do not.
    """
    shorter = min(len(a), len(b))
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), shorter)
    return common >= max(5 if shorter >= 6 else 4, shorter - 3)


@dataclass(slots=True)
class Unit:
    """One thing that is flagged or not: a one-sentence block or a sentence of a paragraph."""

    segment: Segment
    text: str  # normalized
    words: int
    signals: dict[str, int] = field(default_factory=dict)
    keep: bool = False

    @property
    def score(self) -> int:
        return sum(self.signals.values())

    @property
    def patterned(self) -> bool:
        return any(name.startswith("pattern:") for name in self.signals)


class BoilerplateCheck:
    """Site chrome left by scraping: remove what is clear, warn about what is not."""

    name = "boilerplate"
    rules = (CHROME,)

    def __init__(self, pattern_files: Sequence[Path | Traversable] | None = None) -> None:
        self._files = tuple(pattern_files) if pattern_files is not None else None

    @property
    def patterns(self) -> PatternSet:
        files = self._files if self._files is not None else default_pattern_files()
        return load_patterns(files)

    def run(self, context: CheckContext) -> Iterator[Flag]:
        yield from find_chrome(context.document, self.patterns)


def find_chrome(document: Document, patterns: PatternSet) -> list[Flag]:
    """Flag the chrome of ``document``: clear chrome with a removal fix, uncertain without."""
    blocks = list(document.blocks)
    sentences: dict[str, list[Segment]] = {}
    for segment in document.segments:
        if segment.parent is not None:
            sentences.setdefault(segment.parent, []).append(segment)
    groups = [_units(document, block, sentences.get(block.id, [])) for block in blocks]
    for group in groups:
        for unit in group:
            _score_unit(unit, patterns)
    _score_structure(document, blocks, groups)
    removed = {i for i, group in enumerate(groups) if _all_clear(group)}
    block_spans = _removal_spans(document.text, blocks, removed, whole_lines=True)
    flags: list[Flag] = []
    for index, group in enumerate(groups):
        if index in removed:
            flags.append(_flag(document, blocks[index], group, block_spans[index]))
            continue
        # Some sentences are content: remove only the clear chrome ones.
        clear = {i for i, u in enumerate(group) if u.score >= CLEAR and not u.keep}
        spans = _removal_spans(document.text, [u.segment for u in group], clear, whole_lines=False)
        for i, unit in enumerate(group):
            if not unit.keep and unit.score >= UNCERTAIN:
                flags.append(_flag(document, unit.segment, [unit], spans.get(i)))
    return flags


def _units(document: Document, block: Segment, sentences: list[Segment]) -> list[Unit]:
    """The units of a block: the block itself, or its sentences when it has several."""
    segments = sentences if len(sentences) > 1 else [block]
    units = []
    for segment in segments:
        text = normalize(document.segment_text(segment)).strip()
        units.append(Unit(segment, text, len(_WORD.findall(text))))
    return units


def _score_unit(unit: Unit, patterns: PatternSet) -> None:
    """Add the signals a unit shows on its own: patterns and wording."""
    text, signals = unit.text, unit.signals
    probe = Probe.of(text)
    image = verb = None
    listed = site_noun = addresses_reader = False
    matches = patterns.matches(probe)  # one scan for every list: most sentences match none
    for name, score in patterns.chrome_scores(probe) if matches else ():
        signals[f"pattern:{name}"] = score
    if matches and patterns.uses_vocabulary(probe):
        image = patterns.first("image-words", probe)
        listed = patterns.has("keep", probe)
        verb = patterns.first("cta-verbs", probe)
        site_noun = patterns.has("site-nouns", probe)
        addresses_reader = patterns.has("second-person", probe)
    # "Photo 1. Scalp before treatment" is a numbered caption: content, not a placeholder.
    names_image = image is not None and not text[image.end() :].lstrip().startswith(_DIGITS)
    unit.keep = listed and not names_image
    if _names_site(text):
        promoting = verb is not None or addresses_reader
        signals["site-promotion" if promoting else "site-mention"] = 3 if promoting else 1
    if verb is not None and site_noun and verb.start() < _window_end(text):
        signals["call-to-action"] = 2
    if site_noun and patterns.has("self-reference", probe):
        signals["self-promotion"] = 1
    if site_noun and addresses_reader:
        signals["reader-address"] = 1
    bare = unit.segment.kind is not SegmentKind.SENTENCE and _unpunctuated(text)
    if bare and unit.words <= LABEL_MAX_WORDS and (verb is not None or site_noun):
        signals["ui-label"] = 1
    if bare and unit.words <= IMAGE_MAX_WORDS and names_image:
        signals["image-placeholder"] = 2
    if unit.words > LONG_UNIT_WORDS:
        signals["long-unit"] = -1


def _score_structure(document: Document, blocks: list[Segment], groups: list[list[Unit]]) -> None:
    """Add the signals that depend on a unit's place: edges, orphan headings, topicality."""
    chrome = {i for i, group in enumerate(groups) if _all_clear(group)}
    body = [
        i
        for i, group in enumerate(groups)
        if i not in chrome
        and blocks[i].kind is SegmentKind.PARAGRAPH
        and sum(u.words for u in group) >= EDGE_PARAGRAPH_WORDS
    ]
    words = [content_words(document.segment_text(b)) for b in blocks]
    vocabulary = _Vocabulary(words, chrome)
    for index, group in enumerate(groups):
        block = blocks[index]
        # Chrome sentences cluster (a sign-off paragraph): a sentence with some evidence of its
        # own is more likely chrome beside a clear one. Judged on scores before this bonus.
        base = [u.score for u in group]
        for n, unit in enumerate(group):
            beside = [base[m] for m in (n - 1, n + 1) if 0 <= m < len(group)]
            if len(group) > 1 and base[n] > 0 and max(beside) >= CLEAR:
                unit.signals["neighbour"] = 1
        if len(group) != 1:
            continue
        unit = group[0]
        signals = unit.signals
        at_edge = not body or index < body[0] or index > body[-1]
        if at_edge and ("ui-label" in signals or "image-placeholder" in signals):
            signals["page-edge"] = 1
        if not _heading_like(block, document):
            continue
        following = next((j for j in range(index + 1, len(blocks)) if j not in chrome), None)
        if block.kind is SegmentKind.HEADING and (
            following is None or blocks[following].kind is SegmentKind.HEADING
        ):
            signals["orphan-heading"] = 1
        # Word overlap says nothing across languages (a Russian title over an English text).
        share = vocabulary.topicality(index) if block.lang == document.language else None
        if share is None:
            continue
        if share < OFF_TOPIC and len(words[index]) >= 3:
            signals["off-topic"] = 1
        elif share >= ON_TOPIC and len(words[index]) >= 2 and not unit.patterned:
            signals["on-topic"] = -1


class _Vocabulary:
    """Which blocks of the article use each content word, to measure a block's topicality."""

    def __init__(self, words: list[set[str]], excluded: set[int]) -> None:
        self._words = words
        self._blocks: dict[str, dict[str, set[int]]] = {}  # 4-letter prefix -> word -> blocks
        for index, block_words in enumerate(words):
            if index not in excluded:
                for word in block_words:
                    self._blocks.setdefault(word[:4], {}).setdefault(word, set()).add(index)
        self._size = sum(len(w) for i, w in enumerate(words) if i not in excluded)

    def topicality(self, index: int) -> float | None:
        """Share of block ``index``'s content words used elsewhere (None: too little text)."""
        own = self._words[index]
        if not own or self._size - len(own) < MIN_CONTEXT_WORDS:
            return None
        found = 0
        for word in own:
            forms = self._blocks.get(word[:4], {})
            found += any(blocks - {index} and same_word(word, c) for c, blocks in forms.items())
        return found / len(own)


def _heading_like(block: Segment, document: Document) -> bool:
    if block.kind in (SegmentKind.HEADING, SegmentKind.TITLE):
        return True
    return looks_like_heading(document.segment_text(block))


def _names_site(text: str) -> bool:
    """Tell whether ``text`` names a website other than an authority's."""
    if not _DOMAIN_HINT.search(text):
        return False
    for match in _DOMAIN.finditer(text):
        host = _PATH.split(_SCHEME.sub("", match.group()), maxsplit=1)[0]
        host = host.rstrip(".,;!?)»\"'")
        if not _AUTHORITY.search(host):
            return True
    return False


def _window_end(text: str) -> int:
    words = list(_WORD.finditer(text))
    return words[min(CTA_WINDOW, len(words)) - 1].end() if words else 0


def _unpunctuated(text: str) -> bool:
    stripped = text.rstrip("\"')]» ")
    return "\n" not in text and bool(stripped) and stripped[-1] not in _SENTENCE_END


def _all_clear(group: list[Unit]) -> bool:
    return all(u.score >= CLEAR and not u.keep for u in group)


def _removal_spans(
    text: str, items: Sequence[Segment], removed: Iterable[int], *, whole_lines: bool
) -> dict[int, tuple[int, int]]:
    """Spans that delete each removed item with one adjacent separator.

    An item followed by a kept one is removed up to that item's start, taking the separator after
    it; items of a trailing run (nothing kept after them) take the separator before them instead.
    Spans never overlap, so any subset of them applies cleanly and never leaves two separators
    side by side. ``whole_lines`` starts spans at
    the line start, taking markup before a block (Markdown ``#`` marks) along.
    """
    removed = set(removed)

    def lead(i: int) -> int:
        start = items[i].start
        if not whole_lines:
            return start
        floor = items[i - 1].end if i else 0
        return max(text.rfind("\n", 0, start) + 1, floor)

    spans: dict[int, tuple[int, int]] = {}
    last_kept = max((i for i in range(len(items)) if i not in removed), default=-1)
    for i in sorted(removed):
        if i < last_kept:
            spans[i] = (lead(i), lead(i + 1))
        elif i > 0:
            spans[i] = (items[i - 1].end, items[i].end)
        else:  # every item is removed: the first has no separator left to take
            spans[i] = (lead(i), items[i].end)
    return spans


def _flag(
    document: Document, segment: Segment, units: list[Unit], span: tuple[int, int] | None
) -> Flag:
    signals: dict[str, int] = {}
    for unit in units:
        for name, value in unit.signals.items():
            signals[name] = max(signals.get(name, value), value)
    score = min(u.score for u in units)
    clear = span is not None
    # The two strongest signals, as words: "pattern:sign-off" -> "sign off".
    ranked = sorted(((-v, k) for k, v in signals.items() if v > 0))
    names = dict.fromkeys(k.removeprefix("pattern:").replace("-", " ") for _, k in ranked)
    reason = ", ".join(list(names)[:2])
    if clear:
        message = f"Site chrome left by scraping ({reason}): remove it."
        suggestion = None
    else:
        message = f"Possibly not part of the article ({reason}): review it."
        suggestion = "delete it if it belongs to the website rather than the article"
    flag = make_flag(
        CHROME,
        document,
        segment.start,
        segment.end,
        message,
        suggestion=suggestion,
        data={
            "confidence": "clear" if clear else "uncertain",
            "score": str(score),
            "signals": ",".join(f"{k}={v}" for k, v in sorted(signals.items())),
        },
    )
    fix = None
    if span is not None:
        start, end = span
        fix = Edit(CHROME.id, start, end, document.text[start:end], "")
    return replace(flag, fix=fix, segment_id=segment.id)
