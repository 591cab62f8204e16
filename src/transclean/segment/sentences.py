"""Sentence boundaries inside one paragraph, for Russian and English at once.

Designed like razdel: one regex finds candidate boundaries (sentence-final punctuation with the
closing quotes and brackets after it, followed by whitespace), then an ordered tuple of small named
rules (``rules``) looks at each candidate's context and may join it (veto) or split it; a
candidate that no rule decides is a boundary. List items and bullets force boundaries before them
(plain boundaries are told apart without the rules' context, see ``_plain_verdict``). No language is
passed in: the abbreviations of both languages apply at once, so a Russian sentence may follow an
English one in the same paragraph.

Speed matters (whole folders of articles go through here), so the text is scanned by compiled
regexes only; Python code runs per candidate, never per character, and spaCy gives its
abbreviation and stop-word lists (see ``abbreviations``), not tokenising on the hot path.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from transclean.segment.abbreviations import AbbreviationTable, abbreviation_table
from transclean.segment.rules import (
    _ALNUM,
    _BULLETS,
    _CLOSERS,
    _DASHES,
    _LEFT_WINDOW,
    _LETTERS_CHAIN,
    _MARKER_MAX,
    _MARKER_ONLY,
    _OPENERS,
    JOIN,
    RULES,
    SPLIT,
    Next,
    SplitContext,
    Verdict,
    decide,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "RULES",
    "SPACY_COMPONENT",
    "SplitContext",
    "register_spacy_component",
    "split_sentences",
]


# A run of . ? ! … (a spaced ellipsis ". . ." included), then closing quotes and brackets, maybe
# more punctuation after them ("?»."), maybe a citation ("[12]", "²"), then whitespace. Every
# pattern below starts with a character class, not a lookbehind, so that the regex engine skips
# ahead in C; what a lookbehind would check is checked in Python on the few matches.
_CANDIDATE = re.compile(
    rf"(?P<stop>[.?!…](?:[.?!…]|\x20\.(?=[\s.{re.escape(_CLOSERS)}]|\Z))*)"
    rf"(?:[{re.escape(_CLOSERS)}]+[.?!…]*)*"
    r"(?:\[\d{1,3}(?:[,–-]\d{1,3})*\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?"
    # Whitespace follows, but not a spaced dot: ". . . ." is one delimiter, never cut inside.
    r"(?=\s)(?!\s\.)"
)
# A text emoticon set off by spaces (";)", ":))") ends a sentence in informal Russian text too.
_EMOTICON = re.compile(r"[:;]-?(?:\)+|\(+)(?=\s)")

# Places where a new sentence starts whatever precedes it: a bullet; a list marker at the start
# of a line; "N)" after a semicolon ("в квартире; 2) отчуждать"); and inline list markers, which
# count only when they form a series (see _in_series).
_BULLET = re.compile(rf"[{_BULLETS}]")
_HINT = re.compile(rf"[{_BULLETS}\n;()]")
_LINE_MARKER = re.compile(r"\n[ \t]*((?:[-*]|\d{1,3}[.)]|[A-Za-zА-Яа-яЁё]\))(?=[ \t]))")
_SEMICOLON_MARKER = re.compile(r";\s+((?:\d{1,3}|[A-Za-zА-Яа-яЁё])\)(?=\s))")
# "1. The", "a. The", "1.) The" (an ordinal in prose, "jedem 2. oder 3. Gießen", is followed by a
# lowercase word), or "1) любой", "а) любой".
_FIRST_ITEM = re.compile(
    r"((?:\d{1,3}|[a-z])\.\)?(?=\s+[\dA-ZА-ЯЁ])|(?:\d{1,3}|[a-zа-яё])\)(?=\s))"
)
# The same markers after whitespace. Those that end in a period are candidate boundaries too and
# are picked from them (see _inline_items); those that end in ")" are found from it, as a pattern
# that starts at the whitespace would stop at every space of the text.
_PAREN_ITEM = re.compile(
    r"\)(?:(?<=\s\d\))|(?<=\s\d\d\))|(?<=\s\d\d\d\))|(?<=\s[a-zа-яё]\)))(?=\s)"
)
_ITEM_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁ")

# What follows a candidate: opening quotes or brackets, maybe a dash (dialogue, "– спросила"),
# then the first word, digit or other sign.
_RIGHT = re.compile(
    r"(?P<space>\s*)"
    rf"[{re.escape(_OPENERS)}]*(?P<dash>[{_DASHES}]+\s*)?[{re.escape(_OPENERS)}]*"
    r"(?P<word>[^\W\d_]+\.?|\d|\S)?"
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return sentence spans ``(start, end)`` tiling ``text[start:end]`` modulo whitespace.

    Spans are offsets into the whole ``text``, in order, non-empty and trimmed of whitespace.
    """
    return _split(text, start, len(text) if end is None else end, shortcut=True)


def _split(text: str, start: int, end: int, shortcut: bool) -> list[tuple[int, int]]:
    """Split as ``split_sentences`` does; without ``shortcut`` every candidate asks the rules."""
    tables = abbreviation_table()
    # One pass for the rare characters that call for more scanning, instead of a find for each.
    hints = frozenset(_HINT.findall(text, start, end))
    candidates = list(_candidates(text, start, end, hints))
    forced = _forced_cuts(text, start, end, hints, candidates)
    cuts: list[int] = []
    next_forced = 0
    sentence_start = start
    for match in candidates:
        while next_forced < len(forced) and forced[next_forced] <= match.start():
            sentence_start = forced[next_forced]
            cuts.append(sentence_start)
            next_forced += 1
        verdict = _plain_verdict(text, match, sentence_start, end, tables) if shortcut else None
        if verdict is JOIN:
            continue
        if verdict is SPLIT:
            cut = match.end()
        else:
            ctx = _context(text, start, sentence_start, end, match, tables)
            if ctx is None or decide(ctx) is not SPLIT:
                continue
            cut = ctx.cut
        cuts.append(cut)
        sentence_start = cut
    cuts.extend(forced[next_forced:])
    return _spans(text, start, end, cuts)


def _plain_verdict(
    text: str, match: re.Match[str], sentence_start: int, end: int, tables: AbbreviationTable
) -> Verdict | None:
    """Return the rules' verdict at ``match`` where it is plain to see, else None: ask them.

    Most candidates are one stop and one space before a word. Before a lower-case letter the
    sentence goes on (``continuation_follows``); before a capital it ends, unless the sentence
    so far has no letter or digit or is a list marker, or the stop is a period after an
    abbreviation or an initial, or after "[" or "(": those go to the rules.
    """
    stop = match.start()
    after = stop + 1
    if match.end() != after or after + 1 >= end or text[after] != " ":
        return None
    first = text[after + 1]
    if first.islower():
        return JOIN
    before = text[stop - 1]
    if not first.isupper() or before in "[(":
        return None
    if after - sentence_start <= _MARKER_MAX + 8:
        head = text[sentence_start:after].strip()
        if len(head) <= _MARKER_MAX and _MARKER_ONLY.fullmatch(head):
            return None
    if text[stop] != ".":  # ? ! …: only a period can end an abbreviation or an initial
        return SPLIT if _ALNUM.search(text, sentence_start, stop) else None
    if before.isspace():
        return None  # the word before the period is further back
    window = stop - _LEFT_WINDOW
    space = text.rfind(" ", window if window > sentence_start else sentence_start, stop)
    token = text[space + 1 : stop]
    # The word before the period as the rules read it: the last token of the window, openers
    # stripped; printable, it holds no whitespace but the space found.
    word = token.lstrip(_OPENERS)
    if space < 0 or not token.isprintable() or not (before.isalnum() or _ALNUM.search(word)):
        return None
    low = word.lower()
    if low in tables.tails or word in tables.cased or low in tables.caseless:
        return None
    if word.isupper() and _LETTERS_CHAIN.fullmatch(word):
        return None
    return SPLIT


def _candidates(text: str, start: int, end: int, hints: frozenset[str]) -> Iterable[re.Match[str]]:
    """Yield candidate boundaries in order: punctuation runs, and emoticons after a space."""
    found: Iterable[re.Match[str]] = _CANDIDATE.finditer(text, start, end)
    if "(" in hints or ")" in hints:
        emoticons = [
            m
            for m in _EMOTICON.finditer(text, start, end)
            # After a space or glued to a word ("понятно:) Дальше"), never after a digit ("3:(").
            if m.start() == start or not text[m.start() - 1].isdigit()
        ]
        if emoticons:
            found = heapq.merge(found, emoticons, key=lambda m: m.start())
    return found


def _context(
    text: str,
    paragraph_start: int,
    sentence_start: int,
    end: int,
    match: re.Match[str],
    tables: AbbreviationTable,
) -> SplitContext | None:
    """Describe the candidate ``match``, or return None when only whitespace follows it."""
    following = _RIGHT.match(text, match.end(), end)
    if following is None:
        return None
    right = following.end("space")
    if right >= end:
        return None
    word = following.group("word") or ""
    first = word[:1]
    if not first:
        kind = Next.NOTHING
    elif first.isupper():
        kind = Next.UPPER
    elif first.islower():
        kind = Next.LOWER
    elif first.isdigit():
        kind = Next.DIGIT
    else:
        kind = Next.OTHER
    return SplitContext(
        text=text,
        paragraph_start=paragraph_start,
        sentence_start=sentence_start,
        start=match.start(),
        end=match.end(),
        right=right,
        stop="" if match.re is _EMOTICON else match["stop"],
        delimiter=match.group(),
        newline="\n" in following.group("space"),
        next_kind=kind,
        next_word=word,
        dash=bool(following.group("dash")),
        cut=match.end(),
        tables=tables,
    )


def _forced_cuts(
    text: str, start: int, end: int, hints: frozenset[str], candidates: list[re.Match[str]]
) -> list[int]:
    """Return the starts of bullets, line-initial list items and list series, in order."""
    cuts: list[int] = []
    if not hints.isdisjoint(_BULLETS):
        cuts.extend(
            m.start()
            for m in _BULLET.finditer(text, start, end)
            if m.start() > start and text[m.start() - 1].isspace()
        )
    if "\n" in hints:
        cuts.extend(m.start(1) for m in _LINE_MARKER.finditer(text, start, end))
    if ";" in hints:
        cuts.extend(m.start(1) for m in _SEMICOLON_MARKER.finditer(text, start, end))
    first = _FIRST_ITEM.match(text, start, end)
    items = _inline_items(text, start, end, hints, candidates)
    if first:
        items.insert(0, (start, first.group(1)))
    if len(items) > 1:  # a series needs two markers
        # A marker right after a bullet ("• 9.") belongs to the bullet's item.
        items = [(pos, marker) for pos, marker in items if not _after_bullet(text, start, pos)]
        if len(items) > 1:
            cuts.extend(pos for pos in _in_series(items) if pos > start)
    return sorted(set(cuts)) if len(cuts) > 1 else cuts


def _inline_items(
    text: str, start: int, end: int, hints: frozenset[str], candidates: list[re.Match[str]]
) -> list[tuple[int, str]]:
    """Return (start, marker) of the list markers after whitespace inside ``text[start:end]``:
    "1." "12." "a." "1.)" before whitespace and a digit or a capital, and "1)" "а)" before
    whitespace. ``candidates`` are the paragraph's candidate boundaries."""
    items = []
    for match in candidates:
        dot = match.start()
        marker_end = match.end()
        if text[dot] != "." or not (
            marker_end == dot + 1 or (marker_end == dot + 2 and text[dot + 1] == ")")
        ):
            continue
        # One ASCII lower-case letter or one to three digits, after whitespace.
        begin = dot - 1
        if begin < 0 or not "a" <= text[begin] <= "z":
            begin = dot
            while begin > 0 and dot - begin < 3 and text[begin - 1].isdecimal():
                begin -= 1
            if begin == dot or (begin > 0 and text[begin - 1].isdecimal()):
                continue  # no digit, or a fourth one
        if begin < 1 or not text[begin - 1].isspace():
            continue
        # Then whitespace and a digit or a capital, inside the paragraph.
        after = marker_end
        while after < end and text[after].isspace():
            after += 1
        if after == marker_end or after >= end:
            continue
        if not (text[after].isdecimal() or text[after] in _ITEM_CAPITALS):
            continue
        # The whitespace before the marker must be inside the paragraph.
        if begin > start:
            items.append((begin, text[begin:marker_end]))
    if ")" in hints:
        for match in _PAREN_ITEM.finditer(text, start, end):
            begin = match.start()
            while not text[begin - 1].isspace():  # back over the digits or letter
                begin -= 1
            if begin > start:
                items.append((begin, text[begin : match.end()]))
        items.sort()
    return items


def _after_bullet(text: str, start: int, pos: int) -> bool:
    while pos > start and text[pos - 1] in " \t":
        pos -= 1
    return pos > start and text[pos - 1] in _BULLETS


def _in_series(items: list[tuple[int, str]]) -> list[int]:
    """Keep inline markers that continue or start a series: "1. … 2. …", "a. … b. … c. …"."""
    styles: dict[str, list[tuple[int, int]]] = {}
    for pos, marker in items:
        body = marker.rstrip(".)")
        if body.isdigit():
            script, value = "digit", int(body)
        else:
            script, value = "letter", ord(body) - ord("a" if body.isascii() else "а")
        # "1." and "1)" are different series, and so are Latin and Cyrillic letters.
        style = f"{script}{body.isascii()}{marker[len(body) :]}"
        styles.setdefault(style, []).append((pos, value))
    kept: list[int] = []
    for style, found in styles.items():
        # A letter series starts at "a"/"а": "c. … d. …" in prose is no list.
        if style.startswith("letter") and min(v for _, v in found) != 0:
            continue
        for i, (pos, value) in enumerate(found):
            before = i > 0 and found[i - 1][1] == value - 1
            after = i + 1 < len(found) and found[i + 1][1] == value + 1
            if before or after:
                kept.append(pos)
    return kept


def _spans(text: str, start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = start
    for cut in [*cuts, end]:
        left, right = pos, cut
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        if left < right:
            spans.append((left, right))
        if cut > pos:
            pos = cut
    return spans


SPACY_COMPONENT = "transclean_sentencizer"


def register_spacy_component() -> str:
    """Register the spaCy component that sets sentence starts from ``split_sentences``.

    Returns its name for ``nlp.add_pipe``. A sentence start that falls inside a spaCy token
    cannot be represented and is dropped.
    """
    from spacy.language import Language

    if not Language.has_factory(SPACY_COMPONENT):
        Language.component(SPACY_COMPONENT, func=_set_sentence_starts)
    return SPACY_COMPONENT


def _set_sentence_starts(doc: Doc) -> Doc:
    from transclean.segment.paragraphs import split_blocks

    text = doc.text
    starts = {
        s for block in split_blocks(text) for s, _ in split_sentences(text, block.start, block.end)
    }
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts
    return doc
