"""qa.brackets: brackets and quotation marks left open or closed without opening, per paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator

from transclean.checks.base import CheckContext, Rule, make_flag
from transclean.checks.qa._text import block_spans, emoticon_mouth
from transclean.model import Document, Flag, Severity

RULE = Rule(
    "qa.brackets", "Unbalanced brackets or quotation marks", Severity.WARNING, autofix=False
)

_OPENER_OF = {")": "(", "]": "[", "}": "{", "»": "«", "”": "“„"}
_OPENERS = "([{«„"
# "“" opens in English and closes a German-style „…“ quotation in Russian.
_AMBIGUOUS = "“"
# Every mark the check reads: the scan visits these and skips the prose between them.
_MARK = re.compile("[" + re.escape('"' + _AMBIGUOUS + _OPENERS + "".join(_OPENER_OF)) + "]")
# "1)", "a)", "б)", "iv)" at the start of a line or after ":", ";" or ",": a list marker.
_MARKER = re.compile(r"(?:^|(?<=[:;,]\s))[ \t]*(?:\d{1,3}|[^\W\d_]|[ivxIVX]{1,4})$")


class BracketsCheck:
    """Flag every bracket or quotation mark without its partner in the same block.

    Pairs: ( ) [ ] { } « » “ ” „ “ (and „ ”); nesting such as «„…“» is fine. Straight double
    quotes cannot be paired, so an odd number of them in a block flags the last one. Not
    brackets: list markers ("1) text", "options: a) …; b) …") when no "(" is open, emoticons
    (":)", ";-(") and runs of smiley brackets (")))"), and a "»" between spaces when no "«" is
    open: a breadcrumb separator ("Home » Dermatology").
    """

    name = "qa.brackets"
    rules = (RULE,)

    def run(self, context: CheckContext) -> Iterator[Flag]:
        document = context.document
        for start, end in block_spans(document):
            yield from _unbalanced(document, start, end)


def _unbalanced(document: Document, start: int, end: int) -> Iterator[Flag]:
    text = document.text
    stack: list[int] = []  # positions of open marks
    lonely: list[int] = []  # positions of marks without partner
    straight: list[int] = []
    for mark in _MARK.finditer(text, start, end):
        pos = mark.start()
        char = text[pos]
        if char == '"':
            straight.append(pos)
        elif char == _AMBIGUOUS:
            if stack and text[stack[-1]] == "„":
                stack.pop()
            else:
                stack.append(pos)
        elif char in _OPENERS:
            if not (char == "(" and _sad_face(text, pos, start, end)):
                stack.append(pos)
        elif char in _OPENER_OF:
            if _closes_nothing(text, pos, start, end, {text[i] for i in stack}):
                continue
            openers = _OPENER_OF[char]
            match = next(
                (i for i in range(len(stack) - 1, -1, -1) if text[stack[i]] in openers), None
            )
            if match is None:
                if not (char == ")" and _list_marker(text, pos, start)):
                    lonely.append(pos)
                continue
            lonely.extend(stack[match + 1 :])  # opened inside, never closed: "(a [b) c"
            del stack[match:]
    lonely.extend(stack)
    # Russian smileys ")))" or "(((" are no brackets, wherever they stand in the block.
    lonely = [pos for pos in lonely if not _smiley_run(text, pos, start, end)]
    for pos in sorted(lonely):
        state = "opened but never closed" if text[pos] in _OPENERS + _AMBIGUOUS else "never opened"
        yield make_flag(RULE, document, pos, pos + 1, f'"{text[pos]}" {state} in this paragraph')
    if len(straight) % 2:
        pos = straight[-1]
        yield make_flag(
            RULE,
            document,
            pos,
            pos + 1,
            f"Odd number of straight quotes ({len(straight)}) in this paragraph",
        )


def _list_marker(text: str, pos: int, start: int) -> bool:
    """Tell whether the ")" at ``pos`` ends a list marker on its line."""
    line_start = max(start, text.rfind("\n", start, pos) + 1)
    return _MARKER.search(text[line_start:pos]) is not None


def _sad_face(text: str, pos: int, start: int, end: int) -> bool:
    """Tell whether the "(" at ``pos`` is the mouth of ":(" rather than "see:(1)"."""
    return emoticon_mouth(text, pos, start) and not (pos + 1 < end and text[pos + 1].isalnum())


def _closes_nothing(text: str, pos: int, start: int, end: int, open_marks: set[str]) -> bool:
    """Tell whether the closer at ``pos`` is meant alone: ":)", or "»" in "Home » Dermatology"."""
    char = text[pos]
    if char == ")":
        return "(" not in open_marks and emoticon_mouth(text, pos, start)
    return char == "»" and "«" not in open_marks and _separator(text, pos, start, end)


def _separator(text: str, pos: int, start: int, end: int) -> bool:
    """Tell whether the mark at ``pos`` stands between spaces, as in "Home » Dermatology"."""
    before_space = pos == start or text[pos - 1].isspace()
    return before_space and (pos + 1 == end or text[pos + 1].isspace())


def _smiley_run(text: str, pos: int, start: int, end: int) -> bool:
    """Tell whether the lone bracket at ``pos`` is part of ")))" or "(((", a Russian smiley."""
    char = text[pos]
    return char in "()" and (
        (pos > start and text[pos - 1] == char) or (pos + 1 < end and text[pos + 1] == char)
    )
