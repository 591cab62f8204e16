"""What a batch has already done, so a rerun cleans only what changed.

``OUT_DIR/.transclean-manifest.json`` maps each article (its path relative to IN_DIR) to the
sha256 of its bytes, the hash of the settings that shape outputs, the tool version and code
fingerprint, and the outputs written. An entry is added only after every output of the article
was written atomically, and the manifest itself is replaced atomically, so an interrupted run
can never record an article whose outputs are partial: the next run simply cleans it again.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from transclean import __version__
from transclean.config import Options
from transclean.glossary.model import Glossary
from transclean.io.output import replace_keeping_mode

log = logging.getLogger(__name__)

MANIFEST_FORMAT = 1
_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps would build one per call
# write_atomic's temporary names: ".<target name>.<8 random characters>.tmp"
_TMP_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp")


@dataclass(frozen=True, slots=True)
class Entry:
    """One finished article: enough to tell on a rerun whether its outputs are still current."""

    sha256: str
    settings: str
    tool: str
    code: str
    outputs: tuple[str, ...]


class Manifest:
    """The per-article record of a batch folder, loaded at start and saved as work completes."""

    def __init__(self, path: Path, entries: dict[str, Entry] | None = None) -> None:
        self.path = path
        self.entries: dict[str, Entry] = entries or {}
        self.options: dict[str, Any] = {}  # the last run's options, for ``review`` to reuse
        # what flags.csv was last built from, and its tally (see batch.summary.kept_tally)
        self.summary: dict[str, Any] | None = None
        self._unsynced = False  # entries recorded since the last save

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read the manifest; an unreadable or foreign one is ignored (everything is redone)."""
        summary = None
        try:
            raw = json.loads(path.read_bytes())
            entries = {
                str(rel): Entry(
                    str(e["sha256"]), str(e["settings"]), str(e["tool"]), str(e["code"]),
                    tuple(str(o) for o in e["outputs"]),
                )
                for rel, e in raw["files"].items()
            } if raw.get("format") == MANIFEST_FORMAT else {}
            if entries and isinstance(raw.get("summary"), dict):
                summary = raw["summary"]
        except FileNotFoundError:
            entries = {}
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning("%s: unreadable manifest, every article is cleaned again (%s)", path, exc)
            entries = {}
        manifest = cls(path, entries)
        manifest.summary = summary
        return manifest

    def record(self, rel: str, entry: Entry) -> None:
        """Note that ``rel`` is finished (its outputs written) with ``entry``'s facts."""
        self.entries[rel] = entry
        self._unsynced = True

    def current(self, rel: str, entry: Entry, out_root: Path) -> bool:
        """True when ``rel`` was finished with exactly ``entry``'s facts and its outputs exist."""
        return self.entries.get(rel) == entry and all(
            (out_root / output).is_file() for output in entry.outputs
        )

    def keep_only(self, rels: Iterable[str]) -> None:
        """Forget articles that are no longer in IN_DIR (their outputs are left in place)."""
        wanted = set(rels)
        for rel in [r for r in self.entries if r not in wanted]:
            del self.entries[rel]

    def save(self) -> None:
        """Replace the manifest file atomically, entries sorted (same state, same bytes).

        One line per article, streamed: saving the record of thousands of articles every few
        seconds never builds the whole text in memory, and a diff shows which articles changed.
        """
        head = {"format": MANIFEST_FORMAT, "tool": __version__, "options": self.options,
                "summary": self.summary}
        # Workers write outputs without fsync; what the manifest records must be on disk first.
        # (Only when it records new ones: the sync waits for every file system's writes.)
        if self._unsynced:
            os.sync()
            self._unsynced = False
        encode = _ENCODER.encode
        with open_atomic(self.path) as handle:
            handle.write(encode(head)[:-1] + ', "files": {')
            for n, rel in enumerate(sorted(self.entries)):
                e = self.entries[rel]
                entry = encode({"sha256": e.sha256, "settings": e.settings, "tool": e.tool,
                                "code": e.code, "outputs": e.outputs})
                handle.write(f"{',' if n else ''}\n{encode(rel)}: {entry}")
            handle.write("\n}}\n")


def file_sha256(path: str | Path) -> str | None:
    """Hash a file's bytes; None when it cannot be read (the worker reports why).

    Read a megabyte at a time: the batch also hashes its own flags.csv, which grows with the
    folder (10 MB for 5,000 articles), and memory must not.
    """
    digest = hashlib.sha256()
    try:
        with open(path, "rb", buffering=0) as handle:  # read straight into each chunk
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def settings_hash(options: Options, glossary: Glossary, formats: tuple[str, ...]) -> str:
    """Hash everything besides the article and the code that changes an article's outputs.

    The effective glossary is hashed by value (its concepts, terms, statuses and origins), so
    editing any glossary file, the shipped one included, redoes the batch while renaming or
    touching one does not. Every other option is included whatever it is, so an option added
    later cannot be forgotten here.
    """
    digest = hashlib.sha256()
    digest.update(repr(glossary).encode("utf-8"))
    for item in dataclasses.fields(options):
        if item.name != "glossaries":
            value = _canonical(getattr(options, item.name), _path_digest)
            digest.update(f"{item.name}={value!r};".encode())
    digest.update(("formats=" + ",".join(formats)).encode("utf-8"))
    return digest.hexdigest()


def options_record(options: Options, formats: tuple[str, ...]) -> dict[str, Any]:
    """The run's options as JSON (paths absolute), so a later command can rebuild them."""
    record: dict[str, Any] = {"formats": list(formats)}
    for item in dataclasses.fields(options):
        record[item.name] = _canonical(getattr(options, item.name), lambda p: str(p.resolve()))
    return record


def _canonical(value: Any, path: Callable[[Path], Any] = lambda p: str(p)) -> Any:
    """A plain value whose repr is the same in every process (set order varies by hash seed)."""
    if isinstance(value, (set, frozenset)):
        return sorted(_canonical(v, path) for v in value)
    if isinstance(value, (tuple, list)):
        return [_canonical(v, path) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Path):
        return path(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {  # secrets (an API key) never reach the manifest, nor change the outputs
            f.name: _canonical(getattr(value, f.name), path)
            for f in dataclasses.fields(value)
            if not f.metadata.get("secret")
        }
    return value


def _path_digest(path: Path) -> str | None:
    return file_sha256(path) if path.is_file() else str(path)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash transclean's own code and data files, so a changed checkout redoes its outputs.

    The version alone would not do in a source checkout, where checks change between releases;
    for an installed release it changes exactly when the version does.
    """
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(folder) / name
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def sweep_temporaries(out_root: Path, outputs: Iterable[str]) -> int:
    """Delete temporary files that a killed writer left beside our outputs; return how many.

    Only ``.<name>.XXXXXXXX.tmp`` files whose ``<name>`` is one of ``outputs`` (POSIX paths
    relative to ``out_root``) are ours; anything else in OUT_DIR is left alone.
    """
    wanted: dict[Path, set[str]] = {}
    for output in outputs:
        path = out_root / output
        wanted.setdefault(path.parent, set()).add(path.name)
    removed = 0
    for folder, names in wanted.items():
        try:
            candidates = [e for e in os.scandir(folder) if e.name.endswith(".tmp")]
        except OSError:  # folder not created yet: nothing to sweep
            continue
        for entry in candidates:
            match = _TMP_NAME.fullmatch(entry.name)
            if match and match["target"] in names and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
    if removed:
        log.info("%s: removed %d temporary files left by an interrupted run", out_root, removed)
    return removed


@contextmanager
def open_atomic(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Stream text into ``path`` through a temporary file that replaces it only when complete.

    The streaming twin of :func:`transclean.io.output.write_atomic` (same temporary names, so
    the start-of-run sweep also removes ones a kill left behind), for outputs too large to build
    in memory first.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        replace_keeping_mode(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
