"""Run Argos Translate model packages directly with CTranslate2 and SentencePiece.

An ``.argosmodel`` is a zip with one top-level folder holding ``metadata.json`` (``from_code``,
``to_code``, ...), ``sentencepiece.model`` and a CTranslate2 model folder ``model/``. Reading it
needs neither argostranslate nor stanza nor torch: this module unzips a package once into a
cache folder, encodes with SentencePiece, translates with ``ctranslate2.Translator`` and decodes.
Packages are looked for in ``--model-dir``, in ``$TRANSCLEAN_MODEL_DIR``, in transclean's
own folder (``transclean models install``) and in Argos Translate's own package folder, so
packages installed with Argos are reused as they are.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from transclean.io.output import replace_keeping_mode
from transclean.translate.engine import EngineUnavailableError, NoModelError, TranslationError

if TYPE_CHECKING:
    import sentencepiece

log = logging.getLogger(__name__)

MODEL_DIR_ENV = "TRANSCLEAN_MODEL_DIR"
CACHE_DIR_ENV = "TRANSCLEAN_CACHE_DIR"
PACKAGE_SUFFIX = ".argosmodel"
MAX_TOKENS = 200
"""Longest input, in SentencePiece pieces, given to the model at once: longer sentences are cut.

Argos models are trained on sentences; 200 pieces is far beyond a normal sentence and within
every position table we know of (the tests' tiny model has 256 positions)."""


def argos_package_dir() -> Path:
    """Return the folder where Argos Translate installs packages (as argostranslate decides)."""
    if os.environ.get("ARGOS_PACKAGES_DIR"):
        return Path(os.environ["ARGOS_PACKAGES_DIR"])
    return _data_home() / "argos-translate" / "packages"


def models_dir() -> Path:
    """Return transclean's own package folder, where ``transclean models install`` puts them."""
    return _data_home() / "transclean" / "models"


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def install_dir(model_dir: str | Path | None = None) -> Path:
    """Return where an install goes: ``--model-dir``, else ``$TRANSCLEAN_MODEL_DIR``, else ours."""
    if model_dir:
        return Path(model_dir)
    if os.environ.get(MODEL_DIR_ENV):
        return Path(os.environ[MODEL_DIR_ENV])
    return models_dir()


def search_dirs(model_dir: str | Path | None = None) -> list[Path]:
    """Return the folders searched for packages, in priority order."""
    dirs = [Path(model_dir)] if model_dir else []
    if os.environ.get(MODEL_DIR_ENV):
        dirs.append(Path(os.environ[MODEL_DIR_ENV]))
    dirs += [models_dir(), argos_package_dir()]
    return list(dict.fromkeys(dirs))


def install_package(file: str | Path, model_dir: str | Path | None = None) -> ArgosPackage:
    """Check that ``file`` is an ``.argosmodel`` package and copy it into the install folder.

    The copy is written under a temporary name and renamed, so an interrupted install leaves
    no half package for the engine to trip on; a package of the same name is replaced.
    """
    source = Path(file)
    try:
        package = _read_package(source) if source.is_file() else None
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        raise TranslationError(
            f"{source}: not a usable Argos Translate package ({error})",
            hint="download the .argosmodel file again",
        ) from error
    if package is None:
        raise TranslationError(
            f"{source}: not an {PACKAGE_SUFFIX} file",
            hint="give the path of a downloaded Argos Translate package",
        )
    folder = install_dir(model_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    handle, staging = tempfile.mkstemp(prefix=".install-", suffix=".part", dir=folder)
    os.close(handle)
    try:
        shutil.copyfile(source, staging)
        replace_keeping_mode(staging, target)  # not mkstemp's owner-only mode
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
    return ArgosPackage(target, package.from_code, package.to_code, package.name)


@dataclass(frozen=True, slots=True)
class ArgosPackage:
    """One package: an ``.argosmodel`` file or an unpacked package folder."""

    path: Path
    from_code: str
    to_code: str
    name: str


def find_packages(dirs: Sequence[Path]) -> list[ArgosPackage]:
    """List the packages in ``dirs`` (not recursive), in priority and then name order."""
    found: list[ArgosPackage] = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            try:
                package = _read_package(entry)
            except (OSError, ValueError, zipfile.BadZipFile) as error:
                log.warning("skipping %s: %s", entry, error)
                continue
            if package is not None:
                found.append(package)
    return found


def _read_package(entry: Path) -> ArgosPackage | None:
    """Read a package's metadata without unpacking it; None for anything not a package."""
    if entry.is_dir() and (entry / "metadata.json").is_file():
        metadata = json.loads((entry / "metadata.json").read_text(encoding="utf-8"))
    elif entry.is_file() and entry.suffix == PACKAGE_SUFFIX:
        with zipfile.ZipFile(entry) as archive:
            top = _top_folder(archive)
            metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
    else:
        return None
    if not isinstance(metadata, dict) or not {"from_code", "to_code"} <= metadata.keys():
        raise ValueError("metadata.json lacks from_code/to_code")
    name = str(metadata.get("code") or entry.stem)
    return ArgosPackage(entry, str(metadata["from_code"]), str(metadata["to_code"]), name)


def _top_folder(archive: zipfile.ZipFile) -> str:
    """Return the zip's one top-level folder; refuse absolute or escaping member names."""
    tops = set()
    for member in archive.namelist():
        parts = Path(member).parts
        if not parts or member.startswith("/") or ".." in parts:
            raise ValueError(f"unsafe member name {member!r}")
        tops.add(parts[0])
    if len(tops) != 1:
        raise ValueError(f"expected one top-level folder, found {len(tops)}")
    return tops.pop()


def cache_dir() -> Path:
    """Return the folder where ``.argosmodel`` files are unpacked, once each."""
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "transclean" / "argos"


def unpacked(package: ArgosPackage, cache: Path | None = None) -> Path:
    """Return the package's folder, unpacking an ``.argosmodel`` into the cache on first use.

    The cache entry is named by the file's content hash, so a replaced file is unpacked again;
    unpacking goes to a temporary folder renamed into place, so a crash leaves no half entry.
    """
    if package.path.is_dir():
        return package.path
    digest = hashlib.sha256()
    with package.path.open("rb") as handle:  # in blocks: a model is hundreds of megabytes
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    target = (cache or cache_dir()) / f"{package.path.stem}-{digest.hexdigest()[:16]}"
    if not target.is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=target.parent))
        try:
            with zipfile.ZipFile(package.path) as archive:
                top = _top_folder(archive)
                archive.extractall(staging)
            try:
                (staging / top).rename(target)
            except OSError:
                if not target.is_dir():  # not merely another process winning the race
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


class ArgosEngine:
    """Translate with Argos Translate packages, loaded directly (see the module docstring)."""

    name = "argos"

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        beam_size: int = 2,
        max_tokens: int = MAX_TOKENS,
        cache: Path | None = None,
    ) -> None:
        self.dirs = search_dirs(model_dir)
        self.beam_size = beam_size
        self.max_tokens = max_tokens
        self.cache = cache
        self._packages: list[ArgosPackage] | None = None
        self._loaded: dict[tuple[str, str], tuple[Any, sentencepiece.SentencePieceProcessor]] = {}

    def packages(self) -> list[ArgosPackage]:
        """Return the packages found, scanning the folders once."""
        if self._packages is None:
            self._packages = find_packages(self.dirs)
        return self._packages

    def pairs(self) -> set[tuple[str, str]]:
        return {(p.from_code, p.to_code) for p in self.packages()}

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        """Translate ``texts`` sentence by sentence in one batch; blank texts come back as is."""
        translator, processor = self._load(src, tgt)
        plans = [_plan(text, processor, self.max_tokens) for text in texts]
        inputs = [chunk for plan in plans for _, chunks, _ in plan for chunk in chunks]
        outputs = iter(self._run(translator, processor, inputs))
        results: list[str] = []
        for plan in plans:
            parts: list[str] = []
            for before, chunks, after in plan:
                translated = " ".join(next(outputs) for _ in chunks)
                parts.append(before + translated + after)
            results.append("".join(parts))
        return results

    def _run(self, translator: Any, processor: Any, inputs: list[list[str]]) -> list[str]:
        if not inputs:
            return []
        longest = max(len(chunk) for chunk in inputs)
        try:
            batch = translator.translate_batch(
                inputs,
                beam_size=self.beam_size,
                max_input_length=0,  # chunks already fit; never let CTranslate2 truncate silently
                max_decoding_length=min(2 * longest + 10, 2 * self.max_tokens),
            )
        except RuntimeError as error:  # CTranslate2 reports every failure as RuntimeError
            raise TranslationError(
                f"The translation model failed: {error}",
                hint=f"inputs are cut at {self.max_tokens} pieces; try a smaller limit",
            ) from error
        return [processor.decode(result.hypotheses[0]).strip() for result in batch]

    def _load(self, src: str, tgt: str) -> tuple[Any, sentencepiece.SentencePieceProcessor]:
        """Load (once) the model for ``src``→``tgt``, the first package found for that pair."""
        if (src, tgt) in self._loaded:
            return self._loaded[(src, tgt)]
        try:
            import ctranslate2
            import sentencepiece
        except ImportError as error:
            raise EngineUnavailableError(
                f"The argos engine needs ctranslate2 and sentencepiece ({error.name} is missing)",
                hint="pip install ctranslate2 sentencepiece",
            ) from error
        package = next((p for p in self.packages() if (p.from_code, p.to_code) == (src, tgt)), None)
        if package is None:
            raise NoModelError(
                f"No Argos Translate model for {src}->{tgt} in "
                + ", ".join(str(d) for d in self.dirs),
                hint=f"put a translate-{src}_{tgt} .argosmodel package in --model-dir or "
                f"${MODEL_DIR_ENV}, or install one with 'argospm install translate-{src}_{tgt}'",
            )
        folder = unpacked(package, self.cache)
        try:
            translator = ctranslate2.Translator(str(folder / "model"), device="cpu")
            processor = sentencepiece.SentencePieceProcessor(
                model_file=str(folder / "sentencepiece.model")
            )
        except (RuntimeError, OSError, ValueError) as error:
            raise TranslationError(
                f"Cannot load Argos package {package.path}: {error}",
                hint="the package may be damaged: download it again",
            ) from error
        log.info("loaded %s for %s->%s", package.path, src, tgt)
        self._loaded[(src, tgt)] = (translator, processor)
        return translator, processor


# One planned sentence: (whitespace before it, its input chunks, whitespace after it).
_Sentence = tuple[str, list[list[str]], str]


def _plan(text: str, processor: Any, max_tokens: int) -> list[_Sentence]:
    """Cut ``text`` into sentences, each into chunks of at most ``max_tokens`` - 1 pieces.

    The gaps between sentences are kept as written, so paragraph breaks survive translation.
    One piece of room is left for the ``</s>`` that some models add to the source.
    """
    from transclean.segment.sentences import split_sentences

    spans = split_sentences(text)
    if not spans:
        return [(text, [], "")] if text else []
    plan: list[_Sentence] = []
    previous = 0
    for index, (start, end) in enumerate(spans):
        after = text[end:] if index == len(spans) - 1 else ""
        pieces = processor.encode(text[start:end], out_type=str)
        plan.append((text[previous:start], _chunks(pieces, max_tokens - 1), after))
        previous = end
    return plan


def _chunks(pieces: list[str], size: int) -> list[list[str]]:
    """Cut a sentence's pieces into runs of at most ``size``, at word starts where possible."""
    chunks: list[list[str]] = []
    while len(pieces) > size:
        cut = max((i for i in range(1, size + 1) if pieces[i].startswith("▁")), default=size)
        chunks.append(pieces[:cut])
        pieces = pieces[cut:]
    if pieces:
        chunks.append(pieces)
    return chunks
