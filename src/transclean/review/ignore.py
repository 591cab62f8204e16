"""The project ignore list: flags an editor rejected for good, honoured by check, clean and batch.

The list lives in ``.transclean/ignore.tsv`` in the project (found from the input file's folder
upwards, else in the current directory). One exception per line, tab-separated::

    # rule            text                  note
    term.misspelling  Baricitinib-Lilly     brand name in our house style
    *                 estet-portal.com      the publisher's name is wanted

``rule`` is a rule id, a family (``qa`` covers every ``qa.*`` rule) or ``*`` for any rule;
``text`` is compared with the flagged text case-insensitively, with runs of whitespace taken as
one space and the ends trimmed. ``note`` is free text for people. Lines starting with ``#`` and
blank lines are skipped, and so is an optional header line ``rule<TAB>text<TAB>note``.

This module imports only the standard library (it is imported by ``config``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from transclean.errors import InputError, UsageError

if TYPE_CHECKING:
    from transclean.model import Flag

IGNORE_FOLDER = ".transclean"
IGNORE_NAME = "ignore.tsv"
ANY_RULE = "*"
_PREAMBLE = (
    "# transclean ignore list: flags never to raise again in this project.\n"
    "# rule<TAB>text<TAB>note; rule is an id, a family (qa) or * for any rule; text is\n"
    "# compared case-insensitively with whitespace normalised. Edit freely.\n"
)


def normalise_text(text: str) -> str:
    """Return the form flagged texts are compared in: casefolded, whitespace runs as one space."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    """One exception: flags of ``rule`` on ``text`` are dropped."""

    rule: str
    text: str
    note: str = ""

    def covers_rule(self, rule_id: str) -> bool:
        """Tell whether this entry's rule selector names ``rule_id``."""
        selector = self.rule.rstrip(".")
        return selector == ANY_RULE or rule_id == selector or rule_id.startswith(selector + ".")

    def matches(self, rule_id: str, text: str) -> bool:
        """Tell whether a flag of ``rule_id`` on ``text`` is one this entry drops."""
        return normalise_text(text) == normalise_text(self.text) and self.covers_rule(rule_id)


def is_ignored(rule_id: str, text: str, entries: Iterable[IgnoreEntry]) -> bool:
    """Tell whether any of ``entries`` drops a flag of ``rule_id`` on ``text``."""
    return any(entry.matches(rule_id, text) for entry in entries)


def drop_ignored(flags: Iterable[Flag], entries: Iterable[IgnoreEntry]) -> list[Flag]:
    """Return ``flags`` without those an entry matches, keeping their order."""
    by_text: dict[str, list[IgnoreEntry]] = {}
    for entry in entries:
        by_text.setdefault(normalise_text(entry.text), []).append(entry)
    if not by_text:
        return list(flags)
    kept: list[Flag] = []
    for flag in flags:
        candidates = by_text.get(normalise_text(flag.text), ())
        if not any(entry.covers_rule(flag.rule) for entry in candidates):
            kept.append(flag)
    return kept


def find_ignore_file(path: str | Path | None = None, cwd: str | Path | None = None) -> Path | None:
    """Find the project's ``.transclean/ignore.tsv`` for an input ``path``.

    Looked for in the folder of ``path`` (or ``path`` itself when it is a folder) and each of
    its parents, then in the current directory ``cwd``; None when there is none. ``-`` (stdin)
    or None looks only in ``cwd``.
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    folders: list[Path] = []
    if path is not None and str(path) != "-":
        start = Path(path).resolve()
        if not start.is_dir():
            start = start.parent
        folders += [start, *start.parents]
    folders.append(here.resolve())
    for folder in folders:
        candidate = folder / IGNORE_FOLDER / IGNORE_NAME
        if candidate.is_file():
            return candidate
    return None


def default_ignore_file(cwd: str | Path | None = None) -> Path:
    """Where a new ignore list is created: ``.transclean/ignore.tsv`` in the current directory.

    The current directory is where editors run transclean from, so later runs of check, clean
    and batch started there find it whatever input they are given.
    """
    return (Path(cwd) if cwd is not None else Path.cwd()) / IGNORE_FOLDER / IGNORE_NAME


def parse_ignore(text: str, source: str = "<ignore list>") -> tuple[IgnoreEntry, ...]:
    """Parse the text of an ignore list; a malformed line raises InputError naming it."""
    entries: list[IgnoreEntry] = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if [c.lower() for c in cells[:2]] == ["rule", "text"]:
            continue  # the optional header
        if len(cells) < 2 or not cells[0] or not normalise_text(cells[1]):
            raise InputError(
                "an ignore entry needs a rule and a text separated by a tab",
                path=f"{source}:{number}",
                hint="write rule<TAB>text<TAB>note, with * as the rule for any rule",
            )
        entries.append(IgnoreEntry(cells[0], " ".join(cells[1].split()), "\t".join(cells[2:])))
    return tuple(entries)


def load_ignore(path: str | Path) -> tuple[IgnoreEntry, ...]:
    """Read an ignore list file; a missing or unreadable file raises InputError."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such ignore list", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise InputError(f"cannot read the ignore list: {reason}", path=str(path)) from None
    return parse_ignore(text, str(path))


def project_ignore(path: str | Path | None, explicit: str | Path | None = None) -> tuple[
    IgnoreEntry, ...
]:
    """The entries in force for input ``path``: ``explicit`` if given, else the project's list."""
    found = Path(explicit) if explicit is not None else find_ignore_file(path)
    return load_ignore(found) if found is not None else ()


def remember(path: str | Path, entry: IgnoreEntry) -> bool:
    """Add ``entry`` to the ignore list at ``path`` (created if need be); False if already there.

    The file is rewritten atomically, so a crash never leaves half a line behind.
    """
    from transclean.io.output import write_atomic

    text = " ".join(entry.text.split())
    if not normalise_text(text):
        raise UsageError("there is no text to remember", hint="only flags on words can be ignored")
    if not entry.rule or "\t" in entry.rule or any(c in entry.note for c in "\t\r\n"):
        raise UsageError(f"cannot store rule {entry.rule!r} with note {entry.note!r} in the list")
    target = Path(path)
    existing = load_ignore(target) if target.exists() else ()
    wanted = IgnoreEntry(entry.rule, text, entry.note)
    key = normalise_text(text)
    if any(e.rule == wanted.rule and normalise_text(e.text) == key for e in existing):
        return False
    old = target.read_text(encoding="utf-8") if target.exists() else _PREAMBLE
    if old and not old.endswith("\n"):
        old += "\n"
    line = "\t".join((wanted.rule, wanted.text, wanted.note)).rstrip("\t") + "\n"
    os.makedirs(target.parent, exist_ok=True)
    write_atomic(target, (old + line).encode("utf-8"))
    return True
