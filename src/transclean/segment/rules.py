"""The rules that decide a candidate sentence boundary, asked in order (see ``sentences``).

Each rule reads one candidate and what surrounds it (a ``SplitContext``) and may join it (veto)
or split it; the first verdict wins, and a candidate that no rule decides is a boundary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from transclean.segment.abbreviations import AbbreviationTable, AbbrevKind

__all__ = ["JOIN", "RULES", "SPLIT", "Next", "Rule", "SplitContext", "Verdict", "decide"]

_CLOSERS = "\"'»”’“)]}›"
_OPENERS = "\"'«“„‘([{‹"
_DASHES = "-–—"
_BULLETS = "•⁃‣◦▪●"

# A sentence so far that is only a list marker: "4.", "8.1.", "IV.", "§2.", "a.", "• 9.", "1.)".
_MARKER_ONLY = re.compile(
    rf"(?:[{_BULLETS}*-][ \t]*)?"
    r"(?:\d{1,3}(?:\.\d{1,3})*|[IVXLCDM]+|[^\W\d_]|§[ \t]*\d+(?:\.\d+)*)(?:\.\)|[.)])"
)
_MARKER_MAX = 16
_LEFT_WINDOW = 40
_CLOSE_ONLY = "»”’)]}›"
_ALNUM = re.compile(r"[^\W_]")
_NUMBER = re.compile(r"[\d.,–-]*\d|[IVXLCDM]+")
_YEAR = re.compile(r"(?:\d{4}[–-])?\d{4}")
_LETTERS_CHAIN = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
_CONTINUATIONS = "&,;:%/"


class Verdict(Enum):
    """What a rule decides about one candidate boundary."""

    JOIN = "join"
    SPLIT = "split"


JOIN = Verdict.JOIN
SPLIT = Verdict.SPLIT


class Next(Enum):
    """The kind of the first word after a candidate, quotes, brackets and dashes skipped."""

    UPPER = "upper"
    LOWER = "lower"
    DIGIT = "digit"
    OTHER = "other"
    NOTHING = "nothing"


@dataclass(slots=True)
class SplitContext:
    """One candidate boundary and what surrounds it; rules read it, and may move ``cut``."""

    text: str
    paragraph_start: int
    sentence_start: int
    start: int  # first character of the punctuation
    end: int  # after the punctuation, closing marks and citation
    right: int  # first character after the whitespace
    stop: str  # the . ? ! … run itself ("" for an emoticon)
    delimiter: str  # text[start:end]
    newline: bool  # the whitespace holds a line break
    next_kind: Next
    next_word: str  # the first word after, with its period if it has one ("С.")
    dash: bool  # a dash comes before that word
    cut: int  # where the sentence ends if the verdict is SPLIT
    tables: AbbreviationTable = field(repr=False)
    _left: list[str] | None = field(default=None, repr=False)

    @property
    def detached(self) -> bool:
        """Tell whether a space precedes the punctuation ("is . . . I", "ways . Since")."""
        return self.start > self.sentence_start and self.text[self.start - 1].isspace()

    def left_tokens(self) -> list[str]:
        """Return up to three whitespace-separated tokens before the punctuation."""
        if self._left is None:
            window = self.text[max(self.sentence_start, self.start - _LEFT_WINDOW) : self.start]
            self._left = window.split()[-3:]
            if self._left:
                self._left[-1] = self._left[-1].lstrip(_OPENERS)
        return self._left

    def abbreviation(self) -> tuple[AbbrevKind, bool] | None:
        """Return the kind of the abbreviation that the period ends, and whether a number
        stands right before it ("2 нед.", "XX в.")."""
        tokens = self.left_tokens()
        if not tokens:
            return None
        found = self.tables.lookup(tokens)
        if found is None:
            return None
        kind, size = found
        number = tokens[-size - 1] if size < len(tokens) else ""
        if not _NUMBER.fullmatch(number):
            return kind, False
        # "г." is "год" after a year and "город" before a name, but "грамм" after a quantity.
        if size == 1 and tokens[-1].lower() == "г" and not _YEAR.fullmatch(number):
            return AbbrevKind.UNIT, True
        return kind, True


Rule = Callable[[SplitContext], Verdict | None]


def nothing_before(ctx: SplitContext) -> Verdict | None:
    """Join when the sentence so far is only punctuation: a sentence needs words."""
    if not _ALNUM.search(ctx.text, ctx.sentence_start, ctx.start):
        return JOIN
    return None


def omission_in_brackets(ctx: SplitContext) -> Verdict | None:
    """Join at "[...]" and "(…)": an omission mark inside a quotation, not a sentence end."""
    return JOIN if ctx.text[ctx.start - 1] in "[(" else None


def period_before_ellipsis(ctx: SplitContext) -> Verdict | None:
    """Split "compounds. . . . The" after the period: the ellipsis opens the next sentence."""
    if (
        not ctx.detached
        and ctx.stop.startswith(". .")
        and ctx.stop.count(".") >= 4
        and ctx.next_kind is Next.UPPER
    ):
        ctx.cut = ctx.start + 1
        return SPLIT
    return None


def detached_ellipsis(ctx: SplitContext) -> Verdict | None:
    """Join at a spaced ellipsis set off by a space ("the thing is . . . I didn't"): in that
    style an ellipsis ending a sentence has four dots. "…" and "..." after a space do end one
    ("Я слышу … Ты плачешь")."""
    if ctx.detached and ctx.stop == ". . .":
        return JOIN
    return None


def closing_mark_follows(ctx: SplitContext) -> Verdict | None:
    """Join when a closing quote or bracket follows after a space ("кто они такие… »")."""
    first = ctx.text[ctx.right]
    if first in _CLOSE_ONLY:
        return JOIN
    after = ctx.right + 1
    if first in "\"'" and (after >= len(ctx.text) or ctx.text[after].isspace()):
        return JOIN
    return None


def continuation_follows(ctx: SplitContext) -> Verdict | None:
    """Join before a lowercase word or a sign that cannot open a sentence ("Yahoo! in the",
    "т. е. алопеция", "D. & J."), unless a line ends here."""
    if ctx.newline:
        return None
    if ctx.next_kind is Next.LOWER or ctx.next_word[:1] in _CONTINUATIONS:
        return JOIN
    return None


def speech_in_guillemets(ctx: SplitContext) -> Verdict | None:
    """Join before a dash inside «…»: the quotation goes on after the author's words."""
    if ctx.dash:
        opened = ctx.text.count("«", ctx.paragraph_start, ctx.start)
        if opened > ctx.text.count("»", ctx.paragraph_start, ctx.start):
            return JOIN
    return None


def list_marker_only(ctx: SplitContext) -> Verdict | None:
    """Join after a list marker that opens the sentence ("4. Я присутствовал", "IV. Диабет")."""
    if ctx.end - ctx.sentence_start > _MARKER_MAX + 8:
        return None
    head = ctx.text[ctx.sentence_start : ctx.end].strip()
    if len(head) <= _MARKER_MAX and _MARKER_ONLY.fullmatch(head):
        return JOIN
    return None


def abbreviation(ctx: SplitContext) -> Verdict | None:
    """Decide at the period of a known abbreviation (Prof., e.g., et al., т. е., и т. д., гг.)."""
    if ctx.delimiter != ".":
        return None
    found = ctx.abbreviation()
    if found is None:
        return None
    kind, after_number = found
    if kind is AbbrevKind.NONFINAL:
        return JOIN
    if kind is AbbrevKind.TERMINAL:
        return SPLIT
    if ctx.next_kind is Next.UPPER:
        if _is_initial(ctx.next_word):  # "к.п.н. И. П. Карташов"
            return JOIN
        if (kind is AbbrevKind.UNIT and after_number) or ctx.tables.is_starter(ctx.next_word):
            return SPLIT
        return JOIN
    if ctx.next_kind in (Next.DIGIT, Next.LOWER):
        return JOIN
    return None


def initials(ctx: SplitContext) -> Verdict | None:
    """Join after initials and capital acronyms ("А. С. Пушкин", "U.S. Government").

    They end a sentence only before a word that typically opens one ("in the U.S. How about").
    """
    if ctx.delimiter != ".":
        return None
    tokens = ctx.left_tokens()
    if not tokens or not tokens[-1].isupper() or not _LETTERS_CHAIN.fullmatch(tokens[-1]):
        return None
    if ctx.next_kind is Next.LOWER:
        return JOIN
    if ctx.next_kind is Next.UPPER:
        if _is_initial(ctx.next_word):
            return JOIN
        return SPLIT if ctx.tables.is_starter(ctx.next_word) else JOIN
    return None


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[1] == "." and word[0].isupper()


RULES: tuple[Rule, ...] = (
    nothing_before,
    omission_in_brackets,
    period_before_ellipsis,
    detached_ellipsis,
    closing_mark_follows,
    continuation_follows,
    speech_in_guillemets,
    list_marker_only,
    abbreviation,
    initials,
)
"""The rules in the order they are asked; the first verdict wins, and no verdict splits."""


def decide(ctx: SplitContext) -> Verdict:
    """Return the verdict of the first rule that has one; no verdict splits."""
    for rule in RULES:
        verdict = rule(ctx)
        if verdict is not None:
            return verdict
    return SPLIT
