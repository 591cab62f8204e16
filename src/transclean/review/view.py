"""What the review page shows: the article cut into pieces, each with the flags covering it.

The page shows the original text with the current edits inline (what an edit removes as
``del``, what it puts in as ``ins``) and every flag marked on the words it covers. Offsets are
primary: pieces are cut at flag and edit boundaries, never found by searching the text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from transclean.model import Edit, Flag
from transclean.report import line_column
from transclean.review.workspace import Article

Piece = dict[str, Any]  # {"t": text, "k": "text" | "del" | "ins" | "point", "f": [flag ids]}


def pieces(text: str, flags: Sequence[Flag], edits: Sequence[Edit]) -> list[Piece]:
    """Cut ``text`` at flag and edit boundaries; ``edits`` are sorted and non-overlapping.

    Joined in order, the ``text`` and ``del`` pieces give back ``text`` and the ``text`` and
    ``ins`` pieces give the corrected text. A flag on no characters (an insertion point) is a
    ``point`` piece, shown as a caret unless the text its edit inserts shows it.
    """
    edit_flag = {(f.rule, f.start, f.end): f.id for f in flags}
    bounds = sorted({0, len(text)} | {f.start for f in flags} | {f.end for f in flags}
                    | {e.start for e in edits} | {e.end for e in edits})
    spans = [f for f in flags if f.start < f.end]
    points: dict[int, list[str]] = {}
    for flag in flags:
        if flag.start == flag.end:
            points.setdefault(flag.start, []).append(flag.id)
    ends: dict[int, list[Edit]] = {}
    for edit in edits:
        ends.setdefault(edit.end, []).append(edit)
    starts = [e.start for e in edits]
    out: list[Piece] = []
    for index, here in enumerate(bounds):
        shown: set[str] = set()
        for edit in ends.get(here, ()):  # replacements close where the replaced text ends
            owner = edit_flag.get((edit.rule, edit.start, edit.end))
            wider = [f.id for f in spans if f.start <= edit.start and edit.end <= f.end]
            ids = [owner, *(i for i in wider if i != owner)] if owner else wider
            if edit.replacement:
                _add(out, edit.replacement, "ins", ids)
                shown.update(ids)
        unshown = [i for i in points.get(here, ()) if i not in shown]
        if unshown:
            _add(out, "", "point", unshown)
        if index + 1 == len(bounds):
            break
        after = bounds[index + 1]
        covering = [f.id for f in spans if f.start <= here and after <= f.end]
        at = bisect_right(starts, here) - 1
        inside = at >= 0 and after <= edits[at].end  # edits[at] starts at or before ``here``
        _add(out, text[here:after], "del" if inside else "text", covering)
    return out


def _add(out: list[Piece], text: str, kind: str, flag_ids: list[str]) -> None:
    """Append a piece, merging it into the previous one when kind and flags are the same."""
    if not text and kind != "point":
        return
    if out and kind != "point" and out[-1]["k"] == kind and out[-1]["f"] == flag_ids:
        out[-1]["t"] += text
        return
    out.append({"t": text, "k": kind, "f": flag_ids})


def article_view(article: Article) -> dict[str, Any]:
    """The article as the page's JSON: flags with their decisions, pieces, notes, counts."""
    document = article.document
    edits = article.edits()
    applied = {(e.rule, e.start, e.end) for e in edits}
    flags = []
    for flag in article.flags:
        line, column = line_column(document.text, flag.start)
        record = article.decisions.get(flag.id)
        proposed = flag.fix.replacement if flag.fix is not None else flag.suggestion
        flags.append({
            "id": flag.id,
            "rule": flag.rule,
            "severity": flag.severity.value,
            "message": flag.message,
            "text": flag.text,
            "suggestion": flag.suggestion,
            "proposed": proposed,
            "line": line,
            "column": column,
            "applied": (flag.rule, flag.start, flag.end) in applied,
            "decision": None if record is None else {
                "action": record.action.value, "replacement": record.replacement,
            },
        })
    return {
        "source": document.source,
        "language": document.language,
        "notes": list(document.notes) + article.notes,
        "stale": [r.to_json() for r in article.stale],
        "flags": flags,
        "pieces": pieces(document.text, article.flags, edits),
        "decided": len(article.decisions),
        "open": article.open_count,
        "outputs": [str(path) for path in article.output_paths()],
        "ignore_file": str(article.ignore_file),
    }

