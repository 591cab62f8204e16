"""Sentence boundaries inside one paragraph, for Russian and English alike.

(Placeholder rules; refined in the segmenter work.)
"""

from __future__ import annotations

import re

_CANDIDATE = re.compile(r"[.!?…]+[\"'»”’)\]]*\s+")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return sentence spans ``(start, end)`` tiling ``text[start:end]`` modulo whitespace."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for match in _CANDIDATE.finditer(text, start, end):
        nxt = match.end()
        if nxt < end and text[nxt].isupper():
            boundary = match.end() - len(match.group()) + len(match.group().rstrip())
            spans.append((pos, boundary))
            pos = nxt
    if pos < end:
        spans.append((pos, end))
    return spans
