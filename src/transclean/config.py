"""One documented options object for the whole pipeline (instead of many keyword arguments)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from transclean.model import Severity
from transclean.review.ignore import IgnoreEntry


class TranslateMode(str, Enum):
    """Where machine translations of untranslated segments go."""

    COUNTERPART = "counterpart"  # beside the segment in bilingual outputs, applied on acceptance
    REPLACE = "replace"  # into the corrected text, as an edit


@dataclass(frozen=True, slots=True)
class TranslationOptions:
    """Which engine translates, and for ``translate`` which languages.

    engine: ``argos`` (model packages run locally) or ``libretranslate`` (a server).
    model_dir: an extra folder of ``.argosmodel`` packages.
    server / api_key: the LibreTranslate server; the key is never written to manifests.
    source / target: the languages of ``transclean translate`` (source None: the document's).
    """

    mode: TranslateMode = TranslateMode.COUNTERPART
    engine: str = "argos"
    model_dir: Path | None = None
    server: str | None = None
    api_key: str | None = field(default=None, repr=False, metadata={"secret": True})
    source: str | None = None
    target: str | None = None


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
    translation: translate the segments left in another language (None: do not translate).
    """

    glossaries: tuple[Path, ...] = ()
    use_default_glossary: bool = True
    fail_on: Severity | None = Severity.ERROR
    autofix: bool = True
    fix_rules: frozenset[str] = field(default_factory=frozenset)
    no_fix_rules: frozenset[str] = field(default_factory=frozenset)
    ignore: tuple[IgnoreEntry, ...] = ()
    translation: TranslationOptions | None = None
