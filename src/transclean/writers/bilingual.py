"""``bilingual``: a Markdown review document, unit by unit (the default of ``clean``).

Each title, heading and sentence shows its language, the text as received, the corrected
text (marked "unchanged" or "removed" where that is so) and its flags. Under a unit the
glossary terms found in it are listed with their counterparts (``result.hints``): what a
reader of the English article needs to understand a Russian title. Hints keyed by a
paragraph id follow its last sentence.

Machine translations: a unit whose translation was applied shows it as its corrected text,
marked as such; one whose translation was not applied (``clean --translate``) gets a line
"Machine translation (en, argos): …" under its original. The header says "ru → en" when the
corrected text is in another language than the document.
"""

from __future__ import annotations

from collections.abc import Callable

from transclean.model import CleanResult, Flag, TermHint
from transclean.writers._common import (
    MT_RULE,
    MT_UNVERIFIED_RULE,
    UnitView,
    languages,
    mt_status,
    translation_summary,
    unit_views,
    unplaced_flags,
)
from transclean.writers._markdown import escape_block, escape_single_line


class BilingualWriter:
    """Write the original and corrected text of every unit side by side, with flags and terms."""

    name = "bilingual"
    extension = "bilingual.md"
    media_type = "text/markdown; charset=utf-8"
    description = "Markdown review: each segment as received and corrected, flags, glossary terms."

    def write(self, result: CleanResult) -> bytes:
        document = result.document
        views = unit_views(result)
        applied = result.applied
        changed = sum(1 for v in views if v.source != v.target)
        fixed = sum(1 for f in result.flags if applied(f))
        lines = [
            f"# Bilingual review: {escape_single_line(document.source)}",
            "",
            f"Language: {languages(result)} · encoding: {document.encoding} · "
            f"units: {len(views)} · changed: {changed} · "
            f"flags: {len(result.flags)} ({fixed} fixed){translation_summary(views)}",
        ]
        for note in document.notes:
            lines += ["", f"Note: {escape_single_line(note)}"]
        if not views:
            lines += ["", "_No text._"]
        last_of_parent = _last_units(views)
        for view in views:
            lines += ["", *_unit_lines(view, applied)]
            hints = list(result.hints.get(view.id, ()))
            parent = view.segment.parent
            if parent is not None and last_of_parent.get(parent) == view.id:
                hints += result.hints.get(parent, ())
            if hints:
                lines += ["", f"**Terms:** {_terms(hints)}"]
        others = unplaced_flags(result)
        if others:
            lines += ["", "## Other flags", ""]
            lines += [_flag_line(f, applied(f)) for f in others]
        return ("\n".join(lines) + "\n").encode("utf-8")


def _unit_lines(view: UnitView, applied: Callable[[Flag], bool]) -> list[str]:
    segment = view.segment
    mt = view.translation
    # Every unit shows its corrected text; a mark makes the changed ones stand out.
    if not view.target.strip():
        corrected = "_(removed)_"
    elif view.target == view.source:
        corrected = f"{escape_block(view.target)} _(unchanged)_"
    elif mt is not None:
        corrected = f"{escape_block(view.target)} _({mt_status(mt)})_"
    else:
        corrected = escape_block(view.target)
    lang = view.lang if view.target_lang == view.lang else f"{view.lang} → {view.target_lang}"
    lines = [
        f"## {segment.id} · {segment.kind.value} · {lang}",
        "",
        f"**Original:** {escape_block(view.source)}\\",
    ]
    counterpart = view.counterpart
    if counterpart is not None:
        label = f"Machine translation ({counterpart.lang}, {counterpart.engine})"
        warning = "" if counterpart.verified else " _(glossary terms not verified)_"
        text = escape_block(counterpart.text)
        lines.append(f"**{escape_single_line(label)}:** {text}{warning}\\")
    lines.append(f"**Corrected:** {corrected}")
    if view.flags:
        lines += ["", *(_flag_line(f, applied(f)) for f in view.flags)]
    return lines


def _flag_line(flag: Flag, applied: bool) -> str:
    text = f"“{escape_single_line(flag.text)}”"
    if flag.rule in (MT_RULE, MT_UNVERIFIED_RULE) or flag.data.get("in") == "translation":
        # The whole unit and its translation are shown above; the message quotes the wording.
        text = "(fixed)" if applied else "(proposed)" if flag.fix is not None else ""
    elif flag.fix is not None and not flag.fix.replacement:
        text += " → deleted (fixed)" if applied else " → delete (proposed)"
    elif flag.fix is not None:
        state = "fixed" if applied else "proposed"
        text += f" → “{escape_single_line(flag.fix.replacement)}” ({state})"
    elif flag.suggestion:
        text += f" → {escape_single_line(flag.suggestion)}"
    head = f"- **{flag.severity.value}** `{flag.rule}`" + (f" {text}" if text else "")
    return f"{head}: {escape_single_line(flag.message)}"


def _terms(hints: list[TermHint]) -> str:
    return "; ".join(
        f"{escape_single_line(h.source)} — {escape_single_line(h.target)}" for h in hints
    )


def _last_units(views: list[UnitView]) -> dict[str, str]:
    """Map each paragraph id to the id of its last sentence."""
    last: dict[str, str] = {}
    for view in views:
        if view.segment.parent is not None:
            last[view.segment.parent] = view.id
    return last
