"""Apply recorded edits to text, map offsets through them, and undo them.

The corrected text is always the original with a list of edits applied, so the original is
recoverable from the corrected text plus the edit log, and every change can be explained.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from transclean.model import Edit


def check_edits(text: str, edits: Sequence[Edit]) -> None:
    """Raise ValueError unless ``edits`` are sorted, non-overlapping and match ``text``."""
    pos = 0
    for edit in edits:
        if edit.start < pos or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"edit {edit} overlaps another or lies outside the text")
        if text[edit.start : edit.end] != edit.original:
            raise ValueError(f"edit {edit} does not match the text it replaces")
        pos = edit.end


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Return ``text`` with sorted, non-overlapping ``edits`` applied."""
    check_edits(text, edits)
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def shifted(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Return where each edit's replacement lies in the corrected text, as ``(start, end)``."""
    out: list[tuple[int, int]] = []
    delta = 0
    for edit in edits:
        start = edit.start + delta
        out.append((start, start + len(edit.replacement)))
        delta += len(edit.replacement) - (edit.end - edit.start)
    return out


def recover_original(corrected: str, edits: Sequence[Edit]) -> str:
    """Undo ``edits`` on ``corrected``: the inverse of :func:`apply_edits`."""
    parts: list[str] = []
    pos = 0
    for edit, (start, end) in zip(edits, shifted(edits), strict=True):
        if corrected[start:end] != edit.replacement:
            raise ValueError(f"corrected text does not hold {edit.replacement!r} at {start}")
        parts.append(corrected[pos:start])
        parts.append(edit.original)
        pos = end
    parts.append(corrected[pos:])
    return "".join(parts)


class OffsetMap:
    """Map offsets in the original text to offsets in the corrected text.

    An offset inside a replaced span maps to the start of its replacement; offsets after it
    move by the edit's length change.
    """

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._starts = [e.start for e in edits]
        self._edits = list(edits)
        self._deltas: list[int] = []
        delta = 0
        for edit in edits:
            delta += len(edit.replacement) - (edit.end - edit.start)
            self._deltas.append(delta)

    def __call__(self, offset: int) -> int:
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return offset
        edit = self._edits[index]
        before = self._deltas[index - 1] if index else 0
        if offset < edit.end:
            # Inside (or at the start of) a replaced span: its replacement starts here.
            return edit.start + before
        return offset + self._deltas[index]
