"""Writing results without ever leaving a half-written file behind."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from transclean.errors import OutputError, UsageError


def write_atomic(path: str | Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    ``durable`` flushes the file to disk before the rename. A caller writing many files may pass
    False and sync once before it records them (as batch does before saving its manifest).
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", path=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        replace_keeping_mode(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(target)) from None


def replace_keeping_mode(tmp: str | Path, target: Path) -> None:
    """Rename the finished temporary file onto ``target`` with the mode ``target`` had.

    mkstemp makes 0600 files; a new output gets the usual umask-based mode instead.
    """
    if target.exists():
        shutil.copymode(target, tmp)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, target)


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when two paths name the same existing file (or the same path)."""
    pa, pb = Path(a), Path(b)
    try:
        return pa.resolve() == pb.resolve() or (pa.exists() and pb.exists() and pa.samefile(pb))
    except OSError:
        return False


def guard_overwrite(source: str, output: str, in_place: bool) -> None:
    """Refuse to write over the input unless asked; with ``in_place`` keep a backup first."""
    if output == "-" or source == "-" or not same_file(source, output):
        return
    if not in_place:
        raise UsageError(
            "output is the input file",
            hint="pass --in-place to overwrite it (a .bak backup is kept)",
            path=output,
        )
    backup = Path(str(source) + ".bak")
    try:
        shutil.copy2(source, backup)
    except OSError as exc:
        raise OutputError(
            f"cannot keep a backup: {exc.strerror or exc}", path=str(backup)
        ) from None
