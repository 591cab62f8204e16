"""Load and save glossaries in any supported format; find the glossary shipped with transclean.

    >>> from transclean.glossary.io import load_glossary, save_glossary
    >>> glossary = load_glossary("terms.tsv")
    >>> notes = save_glossary(glossary, "terms.tbx")   # what TBX could not carry, if anything

The format comes from ``fmt`` or else from the extension and the first bytes: ``.tbx``/``.xml``
are TBX 2008 or v3 by their root element; ``.tsv``/``.tab`` are our table when the first line
is our header, else OmegaT; ``.csv`` is our table; ``.txt``/``.utf8`` are OmegaT.
"""

from __future__ import annotations

import logging
import os
import tempfile
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from transclean.errors import GlossaryError, InputError, OutputError, UsageError
from transclean.glossary.formats import BUILTIN, GlossaryFormat, LangPair
from transclean.glossary.formats.base import suggest
from transclean.glossary.model import Glossary

log = logging.getLogger(__name__)

FORMATS: dict[str, GlossaryFormat] = {f.name: f for f in BUILTIN}
# What a file of each extension is written as; TBX 2008 for .tbx because more tools import it.
WRITE_BY_EXTENSION = {".tbx": "tbx2008", ".xml": "tbx2008", ".tsv": "tsv", ".tab": "tsv",
                      ".csv": "csv", ".txt": "omegat", ".utf8": "omegat"}
SHIPPED_SUFFIXES = (".tsv", ".csv", ".tbx")
_SNIFF_BYTES = 8192


def get_format(name: str) -> GlossaryFormat:
    """The format called ``name``; a wrong name lists the valid ones."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        hint = suggest(name.lower(), list(FORMATS)) or "formats: " + ", ".join(FORMATS)
        raise UsageError(f"unknown glossary format '{name}'", hint=hint) from None


def detect_format(path: str | Path, head: bytes) -> GlossaryFormat:
    """Choose the reader for a file from its extension and first bytes."""
    ext = Path(path).suffix.lower()
    if ext in (".tbx", ".xml"):
        # an undecided file goes to the TBX 2008 reader, which reports what is wrong with it
        return FORMATS["tbx3"] if FORMATS["tbx3"].sniff(head) else FORMATS["tbx2008"]
    if ext in (".tsv", ".tab"):
        if not FORMATS["tsv"].sniff(head) and FORMATS["omegat"].sniff(head):
            return FORMATS["omegat"]
        return FORMATS["tsv"]
    if ext == ".csv":
        return FORMATS["csv"]
    if ext in (".txt", ".utf8"):
        return FORMATS["omegat"]
    for candidate in BUILTIN:
        if candidate.sniff(head):
            return candidate
    raise GlossaryError(
        "cannot tell which glossary format this is", path=str(path),
        hint="name it .tbx, .tsv, .csv or .txt, or pass the format (" + ", ".join(FORMATS) + ")",
    )


def read_glossary_bytes(
    data: bytes, source: str, *, fmt: str | None = None, langs: LangPair | None = None
) -> Glossary:
    """Parse a glossary already in memory; ``source`` names it in errors and origins."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise GlossaryError("the glossary file is empty", path=source)
    reader = get_format(fmt) if fmt else detect_format(source, data[:_SNIFF_BYTES])
    glossary = reader.read(data, source, langs or LangPair())
    log.debug("%s: %d concepts read as %s", source, len(glossary), reader.name)
    return glossary


def load_glossary(
    path: str | Path, *, fmt: str | None = None, source_lang: str = "ru", target_lang: str = "en"
) -> Glossary:
    """Read a glossary file; broken files raise one GlossaryError naming file and line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such glossary file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a glossary file", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the glossary: {exc.strerror}", path=str(path)) from None
    return read_glossary_bytes(data, str(path), fmt=fmt, langs=LangPair(source_lang, target_lang))


def save_glossary(
    glossary: Glossary,
    path: str | Path,
    fmt: str | None = None,
    *,
    source_lang: str = "ru",
    target_lang: str = "en",
) -> tuple[str, ...]:
    """Write ``glossary`` atomically; return notes on what the format could not carry."""
    path = Path(path)
    if fmt is None:
        name = WRITE_BY_EXTENSION.get(path.suffix.lower())
        if name is None:
            raise UsageError(f"cannot tell which format to write from '{path.suffix or path.name}'",
                             hint="use .tbx, .tsv, .csv or .txt, or name the format ("
                             + ", ".join(FORMATS) + ")")
        fmt = name
    written = get_format(fmt).write(glossary, LangPair(source_lang, target_lang))
    _write_atomically(path, written.data)
    for note in written.notes:
        log.info("%s: %s", path, note)
    return written.notes


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it over: never a half file."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror}", path=str(path)) from None
    try:
        os.chmod(temp, _file_mode(path))  # mkstemp makes 0600; give the usual permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"cannot write the glossary: {exc.strerror}", path=str(path)) from None


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The glossary shipped with transclean (every file in ``glossaries/``), loaded once.

    A source checkout's top-level ``glossaries/`` folder wins over a packaged copy in
    ``transclean/data/glossaries``; with neither, the glossary is empty.
    """
    folder = Path(__file__).resolve().parents[3] / "glossaries"
    if folder.is_dir():
        return load_glossary_folder(folder)
    packaged = resources.files("transclean") / "data" / "glossaries"
    if packaged.is_dir():
        return load_glossary_folder(packaged)
    return Glossary()


def load_glossary_folder(folder: Path | Traversable) -> Glossary:
    """Merge every ``*.tsv``, ``*.csv`` and ``*.tbx`` file of ``folder``, in file-name order."""
    glossary = Glossary()
    entries = sorted((e for e in folder.iterdir() if e.is_file()
                      and e.name.lower().endswith(SHIPPED_SUFFIXES)), key=lambda e: e.name)
    for entry in entries:
        source = str(entry) if isinstance(entry, Path) else entry.name
        glossary = glossary.merged(read_glossary_bytes(entry.read_bytes(), source))
    return glossary
