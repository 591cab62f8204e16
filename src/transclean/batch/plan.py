"""Walk IN_DIR into a plan: which files are articles, where each one's outputs go, what is skipped.

Safety rules, decided once here so every later stage can trust the plan:

- Only regular files ending in ``.txt``, ``.md`` or ``.markdown`` are articles; anything else is
  listed as skipped with a reason, so a user sees what was left out and why.
- Symlinked folders are never followed: following them could leave IN_DIR or visit one folder
  twice. A symlinked *file* is never cleaned under its own name either: if it points at an article
  inside IN_DIR, that article is cleaned once, under its real name; if it points outside IN_DIR
  (or nowhere), it is skipped, because what gets read and copied into OUT_DIR must be what lies in
  IN_DIR.
- Hidden entries (``.git``, editor files) are skipped, a hidden folder as one entry.
- OUT_DIR inside IN_DIR is not walked; OUT_DIR equal to IN_DIR, or IN_DIR inside OUT_DIR (where
  outputs could land on inputs), is refused.
- Outputs go to ``OUT_DIR/<relative path without suffix>.<extension>``; when two articles of one
  folder share a stem (``a.txt`` and ``a.md``), or an output would hit another article's output or
  one of the batch's own files, the article's full name is kept (``a.txt.report.json``); see
  :func:`_name_outputs`. The worker checks again, just
  before writing, that every output's folder resolves inside OUT_DIR (a symlink planted in OUT_DIR
  cannot redirect a write).
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from transclean.errors import InputError, UsageError
from transclean.io.reader import MARKDOWN_SUFFIXES

INPUT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)
REPORT_SUFFIX = "report.json"
MANIFEST_NAME = ".transclean-manifest.json"
SUMMARY_NAME = "summary.json"
CSV_NAME = "flags.csv"
LOCK_NAME = ".transclean-batch.lock"
RESERVED_NAMES = frozenset({MANIFEST_NAME, SUMMARY_NAME, CSV_NAME, LOCK_NAME})


@dataclass(frozen=True, slots=True)
class Task:
    """One article to clean: its key, the path to read and the outputs to write.

    ``rel`` (POSIX, relative to IN_DIR) names the article in the manifest, the CSV and the
    summary. ``source`` is the path as the user spelled IN_DIR, so reports name the file exactly
    as ``transclean clean IN_DIR/rel`` would. ``outputs`` pairs each format name with its path
    relative to OUT_DIR (POSIX); the JSON report comes last, under the name ``report``.
    """

    rel: str
    source: str
    outputs: tuple[tuple[str, str], ...]

    @property
    def report(self) -> str:
        return self.outputs[-1][1]


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry of IN_DIR that is not cleaned, with the reason shown to the user."""

    rel: str
    reason: str


@dataclass(frozen=True, slots=True)
class Plan:
    """Every article (sorted by ``rel``) and every skipped entry, found in one walk."""

    in_dir: Path
    out_dir: Path
    tasks: tuple[Task, ...]
    skipped: tuple[Skipped, ...]


def check_folders(in_dir: Path, out_dir: Path) -> tuple[Path, Path]:
    """Return both folders resolved; refuse a missing IN_DIR and overlapping folders."""
    if not in_dir.exists():
        raise InputError("no such folder", path=str(in_dir))
    if not in_dir.is_dir():
        raise InputError("is a file, not a folder", hint="use 'transclean clean' for one file",
                         path=str(in_dir))
    in_root = in_dir.resolve()
    out_root = out_dir.resolve()
    if out_root == in_root:
        raise UsageError("OUT_DIR is IN_DIR", hint="write the outputs to another folder",
                         path=str(out_dir))
    if in_root.is_relative_to(out_root):
        raise UsageError("IN_DIR lies inside OUT_DIR, where outputs could overwrite articles",
                         hint="choose an OUT_DIR outside IN_DIR", path=str(out_dir))
    if out_root.exists() and not out_root.is_dir():
        raise UsageError("OUT_DIR is a file", path=str(out_dir))
    return in_root, out_root


def plan_batch(in_dir: Path, out_dir: Path, extensions: tuple[tuple[str, str], ...]) -> Plan:
    """Walk ``in_dir`` in sorted order and plan every article's outputs.

    ``extensions`` pairs format names with file endings (``("bilingual", "bilingual.md")``); the
    report is added to each task. Raises for the folder errors of :func:`check_folders`.
    """
    in_root, out_root = check_folders(in_dir, out_dir)
    articles: list[str] = []
    skipped: list[Skipped] = []
    links: list[tuple[str, Path]] = []
    for folder, dirs, files in os.walk(in_root, onerror=lambda e: _unreadable(e, in_root, skipped)):
        here = Path(folder)
        kept = []
        for name in sorted(dirs):
            path = here / name
            rel = _rel(path, in_root)
            if path.is_symlink():
                skipped.append(Skipped(rel + "/", "symlinked folder (not followed)"))
            elif name.startswith("."):
                skipped.append(Skipped(rel + "/", "hidden folder"))
            elif path == out_root:
                skipped.append(Skipped(rel + "/", "OUT_DIR (outputs are not inputs)"))
            else:
                kept.append(name)
        dirs[:] = kept  # os.walk descends only into what is left here, in this order
        for name in sorted(files):
            path = here / name
            rel = _rel(path, in_root)
            reason = _file_reason(path, name)
            if reason == "symlink":
                links.append((rel, path))
            elif reason:
                skipped.append(Skipped(rel, reason))
            else:
                articles.append(rel)
    article_set = set(articles)
    for rel, path in links:
        skipped.append(Skipped(rel, _link_reason(path, in_root, article_set)))
    tasks, clashes = _name_outputs(sorted(articles), in_dir, extensions)
    skipped.extend(clashes)
    return Plan(in_dir, out_dir, tasks, tuple(sorted(skipped, key=lambda s: s.rel)))


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _unreadable(error: OSError, root: Path, skipped: list[Skipped]) -> None:
    name = Path(error.filename).relative_to(root).as_posix() if error.filename else "?"
    skipped.append(Skipped(name + "/", f"cannot read folder: {error.strerror or error}"))


def _file_reason(path: Path, name: str) -> str | None:
    """Why a file is not an article ("symlink" is decided later), or None when it is one."""
    if path.is_symlink():
        return "symlink"
    if name.startswith("."):
        return "hidden file"
    if not name.lower().endswith(INPUT_SUFFIXES):
        return "not an article (" + ", ".join(INPUT_SUFFIXES) + ")"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot stat: {exc.strerror or exc}"
    if not stat.S_ISREG(mode):  # a FIFO named .txt would block the reader forever
        return "not a regular file"
    return None


def _link_reason(path: Path, in_root: Path, articles: set[str]) -> str:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "broken symlink"
    if not target.is_relative_to(in_root):
        return "symlink pointing outside IN_DIR (not read)"
    rel = _rel(target, in_root)
    if rel in articles:
        return f"symlink to {rel} (cleaned under that name)"
    return f"symlink to {rel}, which is not an article"


def _name_outputs(
    articles: list[str], in_dir: Path, extensions: tuple[tuple[str, str], ...]
) -> tuple[tuple[Task, ...], list[Skipped]]:
    """Give each article its outputs; keep the full name where the short one would clash.

    The short name (the suffix dropped) is shared by ``a.txt`` and ``a.md``: both keep their
    full name. Articles are named in sorted order, each taking the first name whose outputs are
    all free, so ``x.report.txt`` (``x.report.json`` in the ``json`` format) pushes ``x.txt``'s
    report to ``x.txt.report.json``. An article for which no name is free is skipped, naming
    the article it clashes with; nothing is ever overwritten.
    """
    endings = (*extensions, ("report", REPORT_SUFFIX))
    stems = {rel: str(PurePosixPath(rel).with_suffix("")) for rel in articles}
    shared = Counter(stems.values())
    owners: dict[str, str] = dict.fromkeys(RESERVED_NAMES, "the batch itself")
    tasks: list[Task] = []
    clashes: list[Skipped] = []
    for rel in articles:
        candidates = [rel] if shared[stems[rel]] > 1 else [stems[rel], rel]
        for stem in candidates:
            outputs = tuple((name, f"{stem}.{ending}") for name, ending in endings)
            taken = next((owners[path] for _, path in outputs if path in owners), None)
            if taken is None:
                owners.update((path, rel) for _, path in outputs)
                tasks.append(Task(rel, str(in_dir / rel), outputs))
                break
        else:
            clashes.append(Skipped(rel, f"its outputs would overwrite those of {taken}"))
    return tuple(tasks), clashes
