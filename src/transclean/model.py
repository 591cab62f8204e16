"""The one data model every pipeline stage shares.

Reading produces ``Document.text``, which is never mutated. Segments, inline spans, flags and
edits are all half-open spans ``[start, end)`` of Python string indices into that text, so
``document.text[segment.start:segment.end]`` is always the segment's text and every later stage
can point back at exactly what it measured.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import Enum

UNDETERMINED = "und"
"""ISO 639-3 code for "no language can be told" (numbers, URLs, punctuation)."""


class SegmentKind(str, Enum):
    """What a segment is: block-level units hold sentences; titles and headings are not split."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"


class Severity(str, Enum):
    """How much a flag matters; ordered so that ``error`` ranks highest."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class InlineSpan:
    """A stretch of another language inside a segment: "(alopecia totalis)" in Russian text."""

    start: int
    end: int
    lang: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A title, heading, paragraph or sentence of the document, with its language.

    ``id`` is stable for the same text: ``p3`` is the fourth block (0-based paragraph index) and
    ``p3.s1`` its second sentence. ``parent`` is the block id of a sentence, ``None`` for blocks.
    """

    id: str
    kind: SegmentKind
    start: int
    end: int
    paragraph: int
    lang: str
    confidence: float
    inline: tuple[InlineSpan, ...] = ()
    parent: str | None = None

    @property
    def is_block(self) -> bool:
        return self.kind is not SegmentKind.SENTENCE


@dataclass(frozen=True, slots=True)
class Document:
    """Decoded text of one input plus its segments; the text is the ground truth for offsets."""

    text: str
    segments: tuple[Segment, ...] = ()
    source: str = "<text>"
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()
    language: str = UNDETERMINED
    # Derived once from ``segments``: every check asks segment_at for every flag it makes, and
    # a scan of all segments per flag is quadratic on long documents.
    _blocks: tuple[Segment, ...] = field(init=False, repr=False, compare=False)
    _units: tuple[Segment, ...] = field(init=False, repr=False, compare=False)
    _index: tuple[_SpanIndex, _SpanIndex] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        blocks = tuple(s for s in self.segments if s.is_block)
        units = tuple(s for s in self.segments if s.kind is not SegmentKind.PARAGRAPH)
        object.__setattr__(self, "_blocks", blocks)
        object.__setattr__(self, "_units", units)
        object.__setattr__(self, "_index", (_SpanIndex(units), _SpanIndex(blocks)))

    def segment_text(self, segment: Segment) -> str:
        return self.text[segment.start : segment.end]

    @property
    def blocks(self) -> tuple[Segment, ...]:
        """Titles, headings and paragraphs, in document order."""
        return self._blocks

    @property
    def units(self) -> tuple[Segment, ...]:
        """The smallest segments that tile the text: titles, headings and sentences."""
        return self._units

    def segment_at(self, offset: int) -> Segment | None:
        """Return the smallest segment containing ``offset``, or None between segments.

        Of equally small ones the first in document order wins: a paragraph of one sentence
        rather than that sentence.
        """
        unit_index, block_index = self._index
        unit, block = unit_index.at(offset), block_index.at(offset)
        if unit is None or (
            block is not None and (block.start, block.end) == (unit.start, unit.end)
        ):
            return block
        return unit


class _SpanIndex:
    """Segments that do not overlap, found by offset with a binary search.

    Every check asks ``segment_at`` for each flag it makes; a scan of all segments per flag
    is quadratic on long documents.
    """

    __slots__ = ("_segments", "_starts")

    def __init__(self, segments: tuple[Segment, ...]) -> None:
        self._segments = sorted(segments, key=lambda s: (s.start, s.end))
        self._starts = [s.start for s in self._segments]

    def at(self, offset: int) -> Segment | None:
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self._segments[index].end:
            return self._segments[index]
        return None


@dataclass(frozen=True, slots=True)
class Edit:
    """One change to the text: replace ``text[start:end]`` (``original``) with ``replacement``."""

    rule: str
    start: int
    end: int
    original: str
    replacement: str


@dataclass(frozen=True, slots=True)
class Flag:
    """One finding of a check, with an optional proposed fix; the correct stage decides on it."""

    id: str
    rule: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    segment_id: str
    suggestion: str | None = None
    fix: Edit | None = None
    data: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class TermHint:
    """A glossary term found in a segment, with its counterpart in the document's language."""

    source: str  # as the glossary writes it, e.g. "атопический дерматит"
    target: str  # e.g. "atopic dermatitis"


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Everything one run produced: what writers turn into bytes.

    ``edits`` are the applied changes, sorted and non-overlapping, with offsets into
    ``document.text``; ``corrected`` is the text with them applied; ``flags`` are all findings
    (a flag whose fix was applied has ``flag.fix`` among ``edits``).
    """

    document: Document
    flags: tuple[Flag, ...]
    edits: tuple[Edit, ...]
    corrected: str
    hints: dict[str, tuple[TermHint, ...]] = field(default_factory=dict)
    # The language ``corrected`` is written in, where a translation changed it (``translate``).
    target_language: str | None = None
    _applied: frozenset[Edit] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Writers ask this for every flag of long documents: one set lookup, not a scan.
        object.__setattr__(self, "_applied", frozenset(self.edits))

    @property
    def target_lang(self) -> str:
        """The language of the corrected text: the translation's, else the document's."""
        return self.target_language or self.document.language

    def applied(self, flag: Flag) -> bool:
        """Tell whether ``flag``'s proposed fix is among the applied edits."""
        return flag.fix is not None and flag.fix in self._applied


class Action(str, Enum):
    """What an editor decided about one flag."""

    ACCEPT = "accept"  # apply the flag's proposed fix (or its suggestion)
    REJECT = "reject"  # leave the text as it is
    REPLACE = "replace"  # replace the flagged span with the editor's own text


@dataclass(frozen=True, slots=True)
class Decision:
    """An editor's decision on the flag ``flag_id``; ``text`` is set for REPLACE."""

    flag_id: str
    action: Action
    text: str | None = None
