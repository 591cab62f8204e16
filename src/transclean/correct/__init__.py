"""Decide which proposed fixes are applied: the checks measure, this stage decides.

An editor's decision on a flag comes first: accept applies its fix (or its suggestion),
reject applies nothing, replace applies the editor's text. Otherwise a fix is applied when its
rule is enabled for fixing and the check judged the fix safe (``flag.data["safe"] != "no"``), or
when the user forced the rule with ``--fix``. Fixes that overlap are resolved by decisions
first, then rule priority (removing a chrome block beats fixing spacing inside it), then
position, so the outcome never depends on the order checks ran in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from transclean.checks.base import Rule
from transclean.config import Options
from transclean.model import Action, Decision, Edit, Flag

# Rule-id prefixes in the order their fixes win over overlapping ones; unlisted rules come last.
FIX_PRIORITY: tuple[str, ...] = (
    "boilerplate.",
    "mt.translation",  # a translated segment replaces the whole segment, small fixes included
    "term.deprecated",
    "term.misspelling",
    "qa.mixed-script",
    "qa.doubled-word",
    "qa.redundant-gloss",
    "qa.spacing",
)


def rule_matches(rule_id: str, selectors: Iterable[str]) -> bool:
    """True when ``rule_id`` is named by a selector: an exact id or a family prefix ("qa")."""
    return any(rule_id == s or rule_id.startswith(s.rstrip(".") + ".") for s in selectors)


def wants_fix(flag: Flag, rule: Rule | None, options: Options) -> bool:
    """Tell whether ``flag``'s proposed fix should be applied under ``options``."""
    if flag.fix is None or rule_matches(flag.rule, options.no_fix_rules):
        return False
    if rule_matches(flag.rule, options.fix_rules):
        return True
    return options.autofix and rule is not None and rule.autofix and flag.data.get("safe") != "no"


def decided_edit(flag: Flag, decision: Decision) -> Edit | None:
    """The edit an editor's decision asks for, or None (rejected, or nothing to apply)."""
    if decision.action is Action.REJECT:
        return None
    if decision.action is Action.REPLACE:
        replacement = decision.text or ""
    elif flag.fix is not None:
        return flag.fix
    elif flag.suggestion is not None:
        replacement = flag.suggestion
    else:
        return None
    return Edit(flag.rule, flag.start, flag.end, flag.text, replacement)


def choose_edits(
    flags: Iterable[Flag],
    rules: Mapping[str, Rule],
    options: Options,
    decisions: Mapping[str, Decision] | None = None,
) -> tuple[Edit, ...]:
    """Return the applied edits: decided and wanted fixes, without overlaps, sorted by position."""
    decisions = decisions or {}
    decided: list[Edit] = []
    wanted: list[Edit] = []
    for flag in flags:
        if flag.id in decisions:
            edit = decided_edit(flag, decisions[flag.id])
            if edit is not None:
                decided.append(edit)
        elif flag.fix is not None and wants_fix(flag, rules.get(flag.rule), options):
            wanted.append(flag.fix)
    decided.sort(key=lambda e: (e.start, e.end))
    wanted.sort(key=lambda e: (_priority(e.rule), e.start, e.end, e.rule, e.replacement))
    chosen: list[Edit] = []
    for edit in decided + wanted:
        if edit not in chosen and not any(_overlap(edit, other) for other in chosen):
            chosen.append(edit)
    chosen.sort(key=lambda e: (e.start, e.end))
    return tuple(chosen)


def _priority(rule_id: str) -> int:
    for index, prefix in enumerate(FIX_PRIORITY):
        if rule_id.startswith(prefix):
            return index
    return len(FIX_PRIORITY)


def _overlap(a: Edit, b: Edit) -> bool:
    """Edits conflict when their spans share a character, or one inserts at the other's spot."""
    if a.start < b.end and b.start < a.end:
        return True
    zero_a, zero_b = a.start == a.end, b.start == b.end
    return (zero_a and b.start <= a.start <= b.end) or (zero_b and a.start <= b.start <= a.end)
