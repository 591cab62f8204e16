"""qa.spacing: a space before punctuation, spaces in a row, no space after punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from transclean.checks.base import CheckContext, Rule, make_flag
from transclean.checks.qa._text import (
    EMOTICON_EYES,
    HSPACE,
    address_spans,
    block_spans,
    emoticon_mouth,
    inside,
)
from transclean.model import Document, Flag, Severity

RULE = Rule("qa.spacing", "Spacing around punctuation", Severity.INFO, autofix=True)

_CLOSERS = {")": "(", "]": "[", "»": "«"}
_OPENERS = "([«"
_STOPS = ",.;:!?"
_SPACE = f"[{HSPACE}]"
# The runs of spaces that may be wrong: two or more, or one after an opening bracket or before
# a mark or closing bracket. Each alternative takes a whole run; a lone space between words,
# nearly every run of a text, is never visited. The pattern starts with one character class,
# which lets the regex engine skip to the next space instead of trying each alternative.
_RUN = re.compile(
    f"{_SPACE}(?:(?<=[{re.escape(_OPENERS)}]{_SPACE}){_SPACE}*|{_SPACE}+"
    f"|{_SPACE}*(?=[{re.escape(_STOPS + ''.join(_CLOSERS))}]))"
)
# Punctuation after which a letter needs a space first; "«" needs a space before it instead.
# One leading class again: "[,;:!?.)»](?=letter)|(?<=letter)«" read in a single pass.
_MISSING = re.compile(r"[,;:!?.)»«](?:(?<=[,;:!?.)»])(?=[^\W\d_])|(?<=[^\W\d_]«))")
# ":)", ";-(", "=D" and the like: brackets and colons in them are no punctuation.
_EMOTICON_TAIL = re.compile(r"-?[()\[\]DPp|/\\]")
_HTML_ENTITY = re.compile(r"&#?\w+$")


class SpacingCheck:
    """Flag spacing errors and propose the exact fix.

    Measured inside one line of one block, so that indentation and trailing spaces, which are
    layout (Markdown reads two trailing spaces as a line break), are left alone:

    - whitespace before ``, . ; : ! ?`` ("many ways .") and before a closing bracket or
      guillemet, after an opening one ("( IL-4 )", "« текст »"): removed. Not flagged: a
      mark that starts a token (".5", ".NET"), an ellipsis ("and so on ..."), emoticons (" :)"),
      a closer nothing opened (a list marker or ")))").
    - two or more spaces between words: all but the last removed, so the fix never overlaps
      the qa.doubled-word fix, which deletes that last space with the repeated word.
    - no space after ``, ; : ! ? . ) »`` before a letter, or before ``«`` after a letter: the
      mark is replaced by itself plus a space. Not flagged: decimals and times ("1,5", "10:30",
      digits on both sides), addresses ("estet-portal.com", "a@b.ru"), abbreviations and
      initials ("e.g.", "т.е.", "U.S.", "A.S. Pushkin", "Ph.D."; a full stop needs a lowercase
      word of two or more letters before it and a capital after it), locants ("N,N-"),
      ratios ("CD4:CD8"), "(s)he". A spaced dash (" — ", " – ") is correct and never flagged.
    """

    name = "qa.spacing"
    rules = (RULE,)

    def run(self, context: CheckContext) -> Iterator[Flag]:
        document = context.document
        for start, end in block_spans(document):
            yield from _whitespace_runs(document, start, end)
            yield from _missing_spaces(document, start, end)


def _whitespace_runs(document: Document, start: int, end: int) -> Iterator[Flag]:
    text = document.text
    for run in _RUN.finditer(text, start, end):
        first, last = run.span()
        if first == start or last == end or text[first - 1] == "\n" or text[last] == "\n":
            continue  # indentation or a trailing space: layout, not prose
        message = _misplaced(text, start, end, first, last)
        if message:
            yield make_flag(RULE, document, first, last, message, replacement="")
        elif last - first >= 2:
            message = f"{last - first} spaces in a row"
            yield make_flag(RULE, document, first, last - 1, message, replacement="")


def _misplaced(text: str, start: int, end: int, first: int, last: int) -> str | None:
    """Say why the whitespace ``text[first:last]`` must go entirely, or None if it may stay."""
    before, after = text[first - 1], text[last]
    if after in _STOPS and _stray_mark(text, last, end, before):
        return f'Space before "{after}"'
    if after in _CLOSERS and _closes(text, start, first, after, end, last):
        return f'Space before closing "{after}"'
    if before in _OPENERS and not _bracket_run_or_emoticon(text, first - 1, start):
        return f'Space after opening "{before}"'
    return None


def _stray_mark(text: str, pos: int, end: int, before: str) -> bool:
    """Tell whether the mark at ``pos``, after a space, belongs to the preceding word."""
    mark = text[pos]
    following = text[pos + 1] if pos + 1 < end else ""
    if following.isalnum():
        return False  # ".5", ".NET", ":D"
    if mark in EMOTICON_EYES and _EMOTICON_TAIL.match(text, pos + 1, end):
        return False
    # "and so on ..." or a spaced ellipsis ". . ."
    ellipsis = following == "." or before in ".…" or text.startswith(" .", pos + 1)
    return not (mark == "." and ellipsis)


def _closes(text: str, start: int, first: int, closer: str, end: int, last: int) -> bool:
    """Tell whether ``closer`` after a space closes a bracket opened earlier in the block."""
    opener = _CLOSERS[closer]
    if last + 1 < end and text[last + 1] == closer:
        return False  # ")))" is a smiley
    return text.count(opener, start, first) > text.count(closer, start, first)


def _bracket_run_or_emoticon(text: str, pos: int, start: int) -> bool:
    """Tell whether the opener at ``pos`` is part of ":(", ":-(" or a run like "(((."""
    return emoticon_mouth(text, pos, start) or (pos > start and text[pos - 1] == text[pos])


def _missing_spaces(document: Document, start: int, end: int) -> Iterator[Flag]:
    text = document.text
    addresses: list[tuple[int, int]] | None = None  # found when first needed: few blocks need them
    for match in _MISSING.finditer(text, start, end):
        pos = match.start()
        if addresses is None:
            addresses = address_spans(text, start, end)
        if inside(addresses, pos) or not _needs_space(text, pos, start, end):
            continue
        mark = text[pos]
        if mark == "«":
            yield make_flag(RULE, document, pos, pos + 1, 'No space before "«"', replacement=" «")
        else:
            yield make_flag(
                RULE, document, pos, pos + 1, f'No space after "{mark}"', replacement=mark + " "
            )


def _needs_space(text: str, pos: int, start: int, end: int) -> bool:
    """Decide, for a mark followed by a letter (or "«" after one), whether a space is missing."""
    mark = text[pos]
    before = text[pos - 1] if pos > start else ""
    if mark == ",":
        single_letters = (
            before.isalpha()
            and (pos - 2 < start or not text[pos - 2].isalnum())
            and (pos + 2 >= end or not text[pos + 2].isalnum())
        )
        return (before.isalnum() or before in ")]»\"'”’") and not single_letters
    if mark == ";":
        return before.isalnum() and not _HTML_ENTITY.search(text, max(start, pos - 12), pos)
    if mark == ":":
        return before.isalpha() and before.islower()
    if mark in "!?":
        return before.isalpha()
    if mark == ".":
        word = re.search(r"[^\W\d_]+$", text[max(start, pos - 40) : pos])
        return (
            word is not None
            and len(word[0]) >= 2
            and before.islower()
            and text[pos + 1].isupper()
            and not (pos + 2 < end and text[pos + 2] == ".")  # "Ph.D."
        )
    if mark == ")":
        if emoticon_mouth(text, pos, start):
            return False
        opened = text.rfind("(", start, pos)
        return opened >= 0 and pos - opened > 2 and ")" not in text[opened + 1 : pos]
    if mark == "»":
        return text.rfind("«", start, pos) >= 0
    return True  # "«" right after a letter
