"""Review a ``transclean batch`` output folder: list its articles, open one for review.

A batch folder holds, per article, ``<rel>.<ext>`` outputs and ``<rel>.report.json`` (the
``json`` report: file facts, flags, applied edits and corrected text), and a manifest
``.transclean-manifest.json`` whose ``files`` map each input to the outputs written for it.
Articles are found through the manifest (else by their reports), and "Finish" rewrites exactly
the outputs batch wrote, with the decisions applied.

The article's text is recovered from its report (corrected text + edit log, which is exact), so
the folder can be reviewed where the inputs are not, and decisions refer to the text batch saw.
Batch does not record its options, so pass review the same ``--glossary`` files; when checking
again finds flags the report does not have, the page says so.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from transclean.config import Options
from transclean.edits import recover_original
from transclean.errors import InputError, UsageError
from transclean.io.reader import MARKDOWN_SUFFIXES
from transclean.model import Document, Edit
from transclean.review.decisions import DECISIONS_SUFFIX, load_decisions
from transclean.review.ignore import IgnoreEntry, is_ignored
from transclean.review.workspace import REPORT_EXTENSION, Article, Outputs, ignore_entries

log = logging.getLogger(__name__)

MANIFEST = ".transclean-manifest.json"
REPORT_SUFFIX = "." + REPORT_EXTENSION
# What the reader takes for Markdown; the report keeps the input's name, so its suffix tells.


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One article of a batch folder as the list shows it."""

    rel: str  # path of the article relative to the folder, without extension
    source: str  # the input file as batch named it
    flags: int
    decided: int

    @property
    def open(self) -> int:
        return self.flags - self.decided


class BatchFolder:
    """A batch output folder: its articles, named ``rel`` as their reports are (``sub/a``)."""

    def __init__(self, root: str | Path, options: Options | None = None,
                 ignore_file: str | Path | None = None) -> None:
        self.root = Path(root)
        if not self.root.is_dir():
            raise InputError("not a folder", path=str(root))
        self.options = options or Options()
        self.ignore_file = ignore_file
        # rel -> the batch outputs besides the report, or None: find them by name
        self._outputs: dict[str, tuple[str, ...] | None] = dict(
            _manifest_outputs(self.root / MANIFEST)
        ) or dict.fromkeys(_report_rels(self.root))
        self.rels: tuple[str, ...] = tuple(sorted(self._outputs))

    def report_path(self, rel: str) -> Path:
        return self.root / f"{rel}{REPORT_SUFFIX}"

    def summaries(self) -> list[ArticleSummary]:
        """Every article with its flag and decision counts, read from files (no checking)."""
        return [self._summary(rel) for rel in self.rels]

    def open(self, rel: str) -> Article:
        """Open the article ``rel`` for review (the folder's options plus the ignore list)."""
        if rel not in self.rels:
            raise UsageError(f"no article '{rel}' in this folder", path=str(self.root))
        report = _read_report(self.report_path(rel))
        source = str(report.get("file") or rel)
        entries, ignore_path = ignore_entries(source, self.ignore_file)
        options = replace(self.options, ignore=self.options.ignore + entries)
        outputs = Outputs(
            folder=(self.root / rel).parent,
            base=Path(rel).name,
            decisions=self.root / f"{rel}{DECISIONS_SUFFIX}",
            formats=self._formats(rel),
            report=True,
        )
        article = Article(document_from_report(report, self.report_path(rel)), options, outputs,
                          ignore_path)
        reported = {str(flag.get("id")) for flag in report.get("flags", [])}
        if any(flag.id not in reported for flag in article.flags):
            article.notes.append(
                "Checking again found flags the batch report does not have "
                "(were the glossary or the options changed since?)."
            )
        return article

    def _summary(self, rel: str) -> ArticleSummary:
        report = _read_report(self.report_path(rel))
        source = str(report.get("file") or rel)
        entries: tuple[IgnoreEntry, ...] = self.options.ignore + ignore_entries(
            source, self.ignore_file
        )[0]
        flags = {
            str(f["id"]): str(f["text"])
            for f in report.get("flags", [])
            if not is_ignored(str(f["rule"]), str(f["text"]), entries)
        }
        stored = load_decisions(self.root / f"{rel}{DECISIONS_SUFFIX}")
        records = stored.records if stored is not None else ()
        decided = sum(1 for r in records if flags.get(r.flag_id) == r.text)
        return ArticleSummary(rel, source, len(flags), decided)

    def _formats(self, rel: str) -> tuple[str, ...]:
        """The formats batch wrote for ``rel``: from the manifest, else the files that exist."""
        from transclean.writers import BUILTIN_WRITERS

        outputs = self._outputs.get(rel)
        if outputs is None:
            outputs = tuple(f"{rel}.{w.extension}" for w in BUILTIN_WRITERS
                            if (self.root / f"{rel}.{w.extension}").is_file())
        formats = []
        for output in outputs:  # names are exact: "a.xliff2.xlf" is xliff2, "a.xlf" xliff
            writer = next((w for w in BUILTIN_WRITERS if output == f"{rel}.{w.extension}"), None)
            if writer is None:
                log.warning("%s: output %s is not one review can rewrite", self.root, output)
            else:
                formats.append(writer.name)
        return tuple(formats)


def document_from_report(report: dict[str, Any], path: Path) -> Document:
    """Rebuild the segmented Document a ``json`` report was made from (text exactly as read)."""
    from transclean.segment import segment_document

    try:
        edits = [
            Edit(str(e["rule"]), int(e["start"]), int(e["end"]), str(e["original"]),
                 str(e["replacement"]))
            for e in report["edits"]
        ]
        text = recover_original(str(report["corrected"]), edits)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"the report cannot give back the article's text ({exc})",
                         path=str(path), hint="run transclean batch again") from None
    source = str(report.get("file") or path)
    document = Document(text, source=source, encoding=str(report.get("encoding") or "utf-8"),
                        notes=tuple(str(n) for n in report.get("notes", ())))
    return segment_document(document, markdown=source.lower().endswith(MARKDOWN_SUFFIXES))


def find_batch_root(report: Path) -> Path:
    """The batch folder a report belongs to: the nearest folder up with a manifest, else its own."""
    for folder in report.resolve().parents:
        if (folder / MANIFEST).is_file():
            return folder
    return report.resolve().parent


def rel_of_report(root: Path, report: Path) -> str:
    """The article name ``rel`` of a report path inside ``root``."""
    relative = report.resolve().relative_to(root.resolve()).as_posix()
    return relative.removesuffix(REPORT_SUFFIX)


def _report_rels(root: Path) -> list[str]:
    rels: list[str] = []
    for path in root.rglob(f"*{REPORT_SUFFIX}"):
        parts = path.relative_to(root).parts
        if path.is_file() and not any(part.startswith(".") for part in parts):
            rels.append(path.relative_to(root).as_posix().removesuffix(REPORT_SUFFIX))
    return rels


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no {what}", path=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read the {what}: {exc}", path=str(path)) from None


def _read_report(path: Path) -> dict[str, Any]:
    report = _read_json(path, "report")
    if not isinstance(report, dict) or not isinstance(report.get("flags"), list):
        raise InputError("not a transclean report (no 'flags' list)", path=str(path))
    return report


def _manifest_outputs(path: Path) -> dict[str, tuple[str, ...]]:
    """Each article's outputs from the manifest (report excluded), keyed by the report's rel."""
    if not path.is_file():
        return {}
    manifest = _read_json(path, "batch manifest")
    files = manifest.get("files") if isinstance(manifest, dict) else None
    found: dict[str, tuple[str, ...]] = {}
    for entry in (files or {}).values():
        outputs = [str(o) for o in entry.get("outputs", ())] if isinstance(entry, dict) else []
        reports = [o for o in outputs if o.endswith(REPORT_SUFFIX)]
        if reports:
            rel = reports[-1].removesuffix(REPORT_SUFFIX)
            found[rel] = tuple(o for o in outputs if o != reports[-1])
    return found
