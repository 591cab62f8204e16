"""Checks, registered explicitly and run in this order.

BUILTIN_CHECKS is the one place where built-in checks are listed (spaCy learned this the hard
way: registration by import side effect is fragile).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from transclean.checks.base import Check, CheckContext, Rule
from transclean.model import Flag

# "module:class" of each built-in check, in run order; imported on first use.
BUILTIN_CHECKS: tuple[str, ...] = (
    "transclean.checks.boilerplate:BoilerplateCheck",
    "transclean.checks.terms:TermCheck",
    "transclean.checks.qa.untranslated:UntranslatedCheck",
    "transclean.checks.qa.doubled:DoubledWordCheck",
    "transclean.checks.qa.spacing:SpacingCheck",
    "transclean.checks.qa.gloss:RedundantGlossCheck",
    "transclean.checks.qa.script:MixedScriptCheck",
    "transclean.checks.qa.brackets:BracketsCheck",
    "transclean.checks.qa.numbers:NumbersCheck",
)


def load_checks(names: Iterable[str] = BUILTIN_CHECKS) -> list[Check]:
    """Instantiate checks from their "module:class" names."""
    checks: list[Check] = []
    for target in names:
        module_name, class_name = target.split(":")
        checks.append(getattr(importlib.import_module(module_name), class_name)())
    return checks


def all_rules(checks: Iterable[Check]) -> dict[str, Rule]:
    """Every rule id the given checks can raise, with its defaults."""
    return {rule.id: rule for check in checks for rule in check.rules}


def run_checks(context: CheckContext, checks: Iterable[Check]) -> list[Flag]:
    """Run ``checks`` and return their flags sorted by position, then rule id."""
    flags = [flag for check in checks for flag in check.run(context)]
    flags.sort(key=lambda f: (f.start, f.end, f.rule))
    return flags


__all__ = [
    "BUILTIN_CHECKS",
    "Check",
    "CheckContext",
    "Rule",
    "all_rules",
    "load_checks",
    "run_checks",
]
