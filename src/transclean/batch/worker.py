"""What runs inside each worker process: load the pipeline once, then clean article after article.

The initializer loads the glossary and the checks and cleans a tiny text, so spaCy's tables,
pymorphy3's dictionaries and the term indexes are built once per worker, not once per file.
Each article is then read, cleaned and written exactly as ``transclean clean`` does it (same
reader, same :func:`transclean.api.clean_document`, same writers, the report being the ``json``
writer's bytes), and only a small :class:`Outcome` travels back to the parent: the article's
hash, and its flags as the rows ``flags.csv`` and the summary need, so the parent never reads a
report back.
"""

from __future__ import annotations

import gc
import hashlib
import signal
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from transclean import api
from transclean.batch.plan import Task
from transclean.batch.summary import FlagRow, flag_rows
from transclean.config import Options
from transclean.errors import OutputError, TranscleanError
from transclean.glossary.model import Glossary
from transclean.io.output import write_atomic
from transclean.writers import Writer, flag_record, get_writer

# Russian and English, a glossary term, a misspelling and site chrome: wakes every lazy loader.
WARM_UP_TEXT = (
    "Лечение алопеции дупилумабом\n\n"
    "Атопический дерматит лечат дупилумабом. Смотрите видео на нашем канале.\n\n"
    "Dupilumab blocks the interleukin-4 (IL-4) receptor in atopic dermatitis.\n"
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the parent learns about one article: its hash, counts and flags, or its error.

    ``error`` is one line that does not repeat the article's name (``rel`` is beside it); it
    names any other file involved, such as an output that could not be written. ``rows`` are the
    article's flags as ``flags.csv`` and the summary need them (a few kilobytes, where the
    report is tens).
    """

    rel: str
    sha256: str | None
    flags: int = 0
    fixes: int = 0
    error: str | None = None
    rows: tuple[FlagRow, ...] = ()


@dataclass(slots=True)
class _State:
    options: Options
    glossary: Glossary
    writers: tuple[Writer, ...]
    out_root: Path


_state: _State | None = None
_init_error: str | None = None


def init_worker(options: Options, formats: tuple[str, ...], out_root: Path) -> None:
    """Load the pipeline once for this process; a failure is reported with every article.

    Ctrl-C is left to the parent, which stops handing out work and lets each worker finish
    (and atomically write) the article it is on, rather than every process printing a traceback.
    """
    global _state, _init_error
    gc.enable()  # the fork server loads the pipeline with it disabled (see batch.preload)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        glossary = api.load_glossaries(options)
        api.builtin_checks()
        writers = tuple(get_writer(name) for name in (*formats, "json"))
        # The warm-up text is not an article: translating it would ask the engine for pairs
        # the batch never needs. The engine loads with the first article that needs it.
        warm_up = replace(options, translation=None)
        api.clean_document(api.segment_string(WARM_UP_TEXT), warm_up, glossary)
        _state = _State(options, glossary, writers, out_root)
    except TranscleanError as exc:  # a glossary that broke since the parent read it
        _init_error = exc.one_line()
    except Exception as exc:  # a bug must fail the files, not break the pool
        _init_error = f"internal error while loading the pipeline: {type(exc).__name__}: {exc}"


def clean_tasks(tasks: Sequence[Task]) -> list[Outcome]:
    """Clean a few articles handed out together (one round trip to the parent for them all)."""
    return [clean_task(task) for task in tasks]


def clean_task(task: Task) -> Outcome:
    """Clean one article and write its outputs; any failure becomes the Outcome's error line."""
    if _state is None:
        return Outcome(task.rel, None, error=_init_error or "worker not initialised")
    try:
        return _clean(task, _state)
    except TranscleanError as exc:
        if exc.path == task.source:  # the Outcome already names the article
            exc.path = None
        return Outcome(task.rel, None, error=exc.one_line())
    except Exception as exc:  # a bug on one file never stops the batch
        return Outcome(task.rel, None, error=f"internal error: {type(exc).__name__}: {exc}")


def _clean(task: Task, state: _State) -> Outcome:
    # Hash the bytes first: if the file changes while we read it, the recorded hash is the older
    # one, so the next run sees a difference and cleans it again (never the other way round).
    try:
        digest = hashlib.sha256(Path(task.source).read_bytes()).hexdigest()
    except OSError:
        digest = None  # read_document below raises the InputError that says why
    result = api.clean_document(api.read_document(task.source), state.options, state.glossary)
    for writer, (_, output) in zip(state.writers, task.outputs, strict=True):
        # Not synced one by one: the parent syncs once before the manifest records them.
        write_atomic(safe_output(state.out_root, output), writer.write(result), durable=False)
    applied = result.applied
    rows = flag_rows(flag_record(result.document, f, applied(f)) for f in result.flags)
    return Outcome(task.rel, digest, len(result.flags), len(result.edits), rows=rows)


def safe_output(out_root: Path, output: str) -> Path:
    """Create the output's folder and return its path, refusing any folder outside OUT_DIR.

    The folder is checked before and after it is created: a symlink planted in OUT_DIR would
    otherwise let ``mkdir`` and the write land elsewhere. The file itself may be a symlink: the
    atomic rename replaces the link, never writes through it.
    """
    path = out_root / output
    _check_inside(path, out_root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror or exc}",
                          path=str(path.parent)) from None
    _check_inside(path, out_root)
    return path


def _check_inside(path: Path, out_root: Path) -> None:
    if not path.parent.resolve().is_relative_to(out_root):
        raise OutputError("output would be written outside OUT_DIR (through a symlink?)",
                          path=str(path))
