"""One article under review: its flags (checked once), the editor's decisions, its outputs.

The browser page, ``transclean review --list`` and ``transclean decide`` all work through
:class:`Article`, so a decision means the same wherever it is made. An article comes from

- an input file (:func:`open_file`): the decisions file is ``<stem>.decisions.json`` beside the
  file (or in ``out_dir``), and "Finish" writes ``<stem>.reviewed.<ext>`` for each format, so
  nothing is ever written over the input;
- a batch output folder (:mod:`transclean.review.batch`): the article's text is recovered from
  its ``<rel>.report.json`` (the corrected text and the edit log), and "Finish" rewrites the
  batch outputs ``<rel>.<ext>`` and the report with the decisions applied.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from transclean.api import (
    applied_edits,
    clean_result,
    find_flags,
    load_glossaries,
    read_document,
)
from transclean.config import Options
from transclean.edits import apply_edits
from transclean.errors import OutputError, UsageError
from transclean.io.output import write_atomic
from transclean.model import Action, Document, Edit, Flag
from transclean.report import dumps
from transclean.review.decisions import (
    DECISIONS_SUFFIX,
    DecisionRecord,
    DecisionsFile,
    as_decisions,
    load_decisions,
    record_for,
    save_decisions,
    split_stale,
    text_sha256,
)
from transclean.review.ignore import (
    IgnoreEntry,
    default_ignore_file,
    find_ignore_file,
    is_ignored,
    load_ignore,
    remember,
)

log = logging.getLogger(__name__)

DEFAULT_FORMATS = ("bilingual", "text")
REVIEWED = "reviewed"  # FILE mode outputs are "<stem>.reviewed.<ext>"
REPORT_EXTENSION = "report.json"  # batch folders keep "<rel>.report.json" beside the outputs


@dataclass(frozen=True, slots=True)
class Outputs:
    """Where one article's review files go: ``folder/<base>.<ext>`` per format."""

    folder: Path
    base: str
    decisions: Path
    formats: tuple[str, ...] = DEFAULT_FORMATS
    report: bool = False  # also write ``<base>.report.json`` (batch folders keep one)

    def path(self, extension: str) -> Path:
        return self.folder / f"{self.base}.{extension}"


@dataclass(frozen=True, slots=True)
class Finished:
    """What "Finish" wrote, and how many decisions it applied."""

    paths: tuple[Path, ...]
    applied: int
    flags: int


@dataclass
class Article:
    """An article under review; decisions are saved to its decisions file as they are made.

    ``ignore_file`` is where "always ignore" adds entries (the list in force, or a new one in
    the current directory). Decisions whose flag is gone are ``stale``: kept in the file,
    reported, never applied; those on flags the ignore list now drops are simply settled.
    """

    document: Document
    options: Options
    outputs: Outputs
    ignore_file: Path
    notes: list[str] = field(default_factory=list)
    flags: tuple[Flag, ...] = ()
    decisions: dict[str, DecisionRecord] = field(default_factory=dict)
    stale: tuple[DecisionRecord, ...] = ()
    _kept: tuple[DecisionRecord, ...] = ()

    def __post_init__(self) -> None:
        self.glossary = load_glossaries(self.options)
        self.flags = find_flags(self.document, self.options, self.glossary)
        self._by_id = {flag.id: flag for flag in self.flags}
        stored = load_decisions(self.outputs.decisions)
        records = stored.records if stored is not None else ()
        self.decisions, unmatched = split_stale(records, self.flags)
        self._kept = tuple(unmatched)
        ignore = self.options.ignore
        self.stale = tuple(r for r in unmatched if not is_ignored(r.rule, r.text, ignore))
        if stored is not None and stored.sha256 != text_sha256(self.document.text):
            self.notes.append("The text changed since the decisions were saved.")
        if self.stale:
            self.notes.append(
                f"{len(self.stale)} saved decision(s) no longer match a flag and are not applied."
            )

    @property
    def open_count(self) -> int:
        """Flags without a decision."""
        return len(self.flags) - len(self.decisions)

    def flag(self, flag_id: str) -> Flag:
        """Return the flag ``flag_id``; an unknown id raises UsageError naming close ones."""
        found = self._by_id.get(flag_id)
        if found is not None:
            return found
        close = difflib.get_close_matches(flag_id, list(self._by_id), n=3, cutoff=0.5)
        hint = (
            f"did you mean {', '.join(close)}?"
            if close
            else "list the ids with: transclean review FILE --list"
        )
        source = self.document.source
        raise UsageError(f"no flag '{flag_id}' in this article", hint=hint, path=source)

    def decide(self, flag_id: str, action: Action, text: str | None = None) -> DecisionRecord:
        """Record ``action`` on a flag (``text`` is the editor's correction for REPLACE); save."""
        flag = self.flag(flag_id)
        if action is Action.REPLACE and text is None:
            raise UsageError("replace needs the text to put in place of the flagged words")
        if action is not Action.REPLACE and text is not None:
            raise UsageError(f"{action.value} takes no text", hint="use replace to type your own")
        record = record_for(self.document, flag, action, text)
        self.decisions[flag_id] = record
        self.save()
        return record

    def undo(self, flag_id: str) -> None:
        """Forget the decision on a flag (it is open again); save."""
        self.flag(flag_id)
        if self.decisions.pop(flag_id, None) is not None:
            self.save()

    def ignore(self, flag_id: str, note: str = "") -> bool:
        """Reject a flag and add it to the ignore list; False if the list already had it."""
        flag = self.flag(flag_id)
        added = remember(self.ignore_file, IgnoreEntry(flag.rule, flag.text, note))
        self.decide(flag_id, Action.REJECT)
        log.info("%s: %s '%s' added to %s", self.document.source, flag.rule, flag.text,
                 self.ignore_file)
        return added

    def save(self) -> None:
        """Write the decisions file atomically (the article's current text hash included)."""
        _make_folder(self.outputs.decisions.parent)
        save_decisions(
            self.outputs.decisions,
            DecisionsFile(
                file=self.document.source,
                sha256=text_sha256(self.document.text),
                language=self.document.language,
                records=(*self.decisions.values(), *self._kept),
            ),
        )

    def edits(self) -> tuple[Edit, ...]:
        """The edits the current decisions and the safe fixes make, as "Finish" would apply them."""
        return applied_edits(self.flags, self.options, as_decisions(self.decisions))

    def corrected(self) -> str:
        return apply_edits(self.document.text, self.edits())

    def output_paths(self) -> list[Path]:
        """The files "Finish" writes: one per format, then the report if the folder keeps one."""
        from transclean.writers import get_writer

        paths = [self.outputs.path(get_writer(name).extension) for name in self.outputs.formats]
        if self.outputs.report:
            paths.append(self.outputs.path(REPORT_EXTENSION))
        return paths

    def finish(self) -> Finished:
        """Write every output with the decisions applied, through the api and the writers."""
        from transclean.writers import get_writer, json_report

        # The flags found on opening: checking (and translating) again would give the same ones.
        result = clean_result(
            self.document, self.flags, self.options, self.glossary, as_decisions(self.decisions)
        )
        data = [get_writer(name).write(result) for name in self.outputs.formats]
        if self.outputs.report:
            data.append(dumps(json_report(result)).encode("utf-8"))
        paths = self.output_paths()
        _make_folder(self.outputs.folder)
        for path, content in zip(paths, data, strict=True):
            write_atomic(path, content)
        decided = {f.id for f in result.flags} & set(self.decisions)
        return Finished(tuple(paths), len(decided), len(result.flags))


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or exc
        raise OutputError(f"cannot make the folder: {reason}", path=str(folder)) from None


def ignore_entries(path: str | Path | None, explicit: str | Path | None) -> tuple[
    tuple[IgnoreEntry, ...], Path
]:
    """The ignore entries in force for ``path``, and the file "always ignore" adds to."""
    found = Path(explicit) if explicit is not None else find_ignore_file(path)
    entries = load_ignore(found) if found is not None and found.exists() else ()
    return entries, found if found is not None else default_ignore_file()


def open_file(
    path: str | Path,
    options: Options | None = None,
    *,
    out_dir: str | Path | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    ignore_file: str | Path | None = None,
) -> Article:
    """Open an input file for review; options' ignore list is the project's unless given."""
    if str(path) == "-":
        raise UsageError("review needs a file, not standard input",
                         hint="save the article to a file first")
    from transclean.writers import get_writer

    for name in formats:
        get_writer(name)  # fail on a bad format before any work
    source = Path(path)
    entries, ignore_path = ignore_entries(source, ignore_file)
    folder = Path(out_dir) if out_dir is not None else source.parent
    outputs = Outputs(
        folder=folder,
        base=f"{source.stem}.{REVIEWED}",
        decisions=folder / f"{source.stem}{DECISIONS_SUFFIX}",
        formats=tuple(dict.fromkeys(formats)),
    )
    options = options or Options()
    document = read_document(source)
    options = replace(options, ignore=options.ignore + entries)
    return Article(document, options, outputs, ignore_path)
