"""One documented options object for the whole pipeline (instead of many keyword arguments)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from transclean.model import Severity
from transclean.review.ignore import IgnoreEntry


@dataclass(frozen=True, slots=True)
class Options:
    """What a run should do; the CLI builds one from its flags, Python users build their own.

    glossaries: extra glossary files merged after the shipped one.
    use_default_glossary: load the glossary shipped in ``glossaries/``.
    fail_on: lowest severity that makes ``check`` exit 1 (None: never).
    autofix: apply safe fixes at all.
    fix_rules / no_fix_rules: rule ids (or prefixes such as ``qa``) to force on or off.
    ignore: exceptions editors recorded (the project's ``.transclean/ignore.tsv``); matching
        flags are dropped.
    """

    glossaries: tuple[Path, ...] = ()
    use_default_glossary: bool = True
    fail_on: Severity | None = Severity.ERROR
    autofix: bool = True
    fix_rules: frozenset[str] = field(default_factory=frozenset)
    no_fix_rules: frozenset[str] = field(default_factory=frozenset)
    ignore: tuple[IgnoreEntry, ...] = ()
