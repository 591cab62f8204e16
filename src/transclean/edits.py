"""Apply recorded edits to text, map offsets through them, and undo them.

The corrected text is always the original with a list of edits applied, so the original is
recoverable from the corrected text plus the edit log, and every change can be explained.
"""

from __future__ import annotations

from bisect import bisect_left
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


class EditMap:
    """Map original offsets into the corrected text through sorted, non-overlapping edits.

    With ``after_insertions`` the point lies after any text inserted at the offset (a unit
    ending here keeps what was added at its end), otherwise before it (a unit starting here
    gets what was added at its start). An offset strictly inside a replaced span maps to the
    start of its replacement, so a replacement that crosses unit boundaries goes whole to one
    unit. Each lookup is a binary search: writers map every unit of long documents.
    """

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits = list(edits)
        self._ends = [e.end for e in edits]
        self._delta_before = [0]  # total length change of the edits before index i
        for edit in edits:
            change = len(edit.replacement) - (edit.end - edit.start)
            self._delta_before.append(self._delta_before[-1] + change)

    def __call__(self, offset: int, *, after_insertions: bool) -> int:
        index = bisect_left(self._ends, offset)  # edits ending before ``offset`` come first
        while index < len(self._edits) and self._ends[index] == offset:
            edit = self._edits[index]
            if edit.start == offset and not after_insertions:
                break  # an insertion at ``offset`` stays after the point
            index += 1
        if index < len(self._edits) and self._edits[index].start < offset:
            # Strictly inside a replaced span: its replacement starts here.
            return self._edits[index].start + self._delta_before[index]
        return offset + self._delta_before[index]
