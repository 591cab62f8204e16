"""Clean a folder of articles in worker processes, resumably: the library side of ``batch``.

Design (after trafilatura's folder mode: a process pool, per-file isolation, exit code from
failures):

- Workers come from the *forkserver* start method where the platform has it (Linux, macOS),
  else from *spawn*. Plain ``fork`` would copy the parent mid-run, while it runs the progress
  display's thread and the pool's own management thread (a known deadlock risk, and a pool is
  restarted mid-run when a worker dies); forkserver starts every worker from a small, clean,
  single-threaded server instead, and that server imports the pipeline's modules once (see
  :mod:`transclean.batch.preload`), so each worker, restarts included, skips spaCy's second-long
  import. Each worker then loads the glossary and checks once (:func:`worker.init_worker`).
- Work is handed out in a bounded window (a few calls per worker), never all at once, and
  only counters and small outcomes come back, so the parent's memory does not grow with the
  folder; workers write their own outputs atomically. The largest articles go first and each
  call carries a few articles, fewer as the queue runs out, so the workers' calls cost the
  parent little and the workers finish together.
- A file that fails is reported with its one-line error and the batch goes on. A worker that
  dies (killed, out of memory) breaks the pool: the articles it might have been on are run again
  one at a time in a fresh pool, and only one that kills its worker alone is failed.
- Ctrl-C: the parent stops handing out work, lets each worker finish the articles it was
  handed (a few), records what finished and raises :class:`BatchInterrupted`; a rerun
  finishes the rest.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Protocol

from transclean import __version__
from transclean.batch.manifest import (
    Entry,
    Manifest,
    code_fingerprint,
    file_sha256,
    options_record,
    settings_hash,
    sweep_temporaries,
)
from transclean.batch.plan import (
    CSV_NAME,
    LOCK_NAME,
    MANIFEST_NAME,
    SUMMARY_NAME,
    Plan,
    Skipped,
    Task,
    check_folders,
    plan_batch,
)
from transclean.batch.summary import (
    FlagsCsv,
    Tally,
    entries_digest,
    kept_tally,
    summary_record,
)
from transclean.batch.worker import Outcome, clean_tasks, init_worker
from transclean.config import Options
from transclean.errors import OutputError, TranscleanError, UsageError
from transclean.io.output import write_atomic
from transclean.report import dumps
from transclean.writers import DEFAULT_WRITER, get_writer

log = logging.getLogger(__name__)

CALLS_PER_WORKER = 3  # calls in flight per worker: one running, the next ones already queued
CHUNK = 4  # articles per call at most: each call costs the parent a round trip ...
TAIL = 4  # ... but calls shrink to one article as the queue runs out: workers end together
SAVE_EVERY_SECONDS = 2.0  # how much finished work an abrupt kill of the parent can forget
SAVE_SHARE = 0.02  # ... unless saving would take more than this share of the parent's time
WORKER_DIED = "the worker process died while cleaning this file (out of memory, or killed)"
MAX_IDLE_DEATHS = 3  # pools in a row whose workers die before any work: something is broken


class WorkerError(TranscleanError):
    """Worker processes cannot run at all (they die before taking any work)."""


class Listener(Protocol):
    """What a caller (the CLI's progress display) hears while a batch runs."""

    def planned(self, todo: int, unchanged: int, skipped: Sequence[Skipped], jobs: int) -> None:
        """The walk is done: ``todo`` articles will be cleaned by ``jobs`` workers."""

    def finished(self, outcome: Outcome) -> None:
        """One article is done (``outcome.error`` is None) or failed."""


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch did; ``summary`` is what ``summary.json`` holds."""

    cleaned: int
    unchanged: int
    failed: tuple[tuple[str, str], ...]
    skipped: tuple[Skipped, ...]
    tally: Tally
    jobs: int
    seconds: float
    summary_path: Path
    csv_path: Path

    @property
    def exit_code(self) -> int:
        """0 when every article was cleaned or unchanged, 1 when any failed."""
        return 1 if self.failed else 0


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped the batch after ``done`` articles; what finished is in the manifest."""

    def __init__(self, done: int, remaining: int) -> None:
        super().__init__(f"interrupted: {done} done, rerun to finish")
        self.done = done
        self.remaining = remaining


def default_jobs() -> int:
    """The number of cores this process may use (affinity and container limits respected)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batch(
    in_dir: str | Path,
    out_dir: str | Path,
    options: Options | None = None,
    formats: Sequence[str] = (DEFAULT_WRITER,),
    jobs: int | None = None,
    *,
    force: bool = False,
    listener: Listener | None = None,
) -> BatchResult:
    """Clean every article under ``in_dir`` into ``out_dir``, skipping what is unchanged.

    Raises InputError/UsageError/GlossaryError before any work for bad folders, formats or
    glossaries, and :class:`BatchInterrupted` on Ctrl-C. Failed articles do not raise: they are
    in the result (and ``summary.json``), whose ``exit_code`` is then 1.
    """
    started = time.perf_counter()
    options = Options() if options is None else options
    in_path, out_path = Path(in_dir), Path(out_dir)
    formats = tuple(dict.fromkeys(formats)) or (DEFAULT_WRITER,)
    writers = [get_writer(name) for name in formats]  # a wrong name fails before any work
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    _, out_root = check_folders(in_path, out_path)
    from transclean.api import load_glossaries

    settings = settings_hash(options, load_glossaries(options), formats)
    try:
        out_root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create OUT_DIR: {exc.strerror or exc}",
                          path=str(out_path)) from None
    with _exclusive(out_root):
        plan = plan_batch(in_path, out_path, tuple((w.name, w.extension) for w in writers))
        manifest = Manifest.load(out_root / MANIFEST_NAME)
        manifest.keep_only(task.rel for task in plan.tasks)
        manifest.options = options_record(options, formats)
        ours = [o for task in plan.tasks for _, o in task.outputs]
        ours += [MANIFEST_NAME, SUMMARY_NAME, CSV_NAME]
        sweep_temporaries(out_root, ours)  # what a killed earlier run left
        facts = _Facts(settings, __version__, code_fingerprint())
        todo = [t for t in plan.tasks if force or not _current(manifest, t, facts, out_root)]
        todo.sort(key=_size, reverse=True)  # the longest first: none is left to run alone
        unchanged = len(plan.tasks) - len(todo)
        jobs = max(1, min(jobs or default_jobs(), len(todo)))
        if listener is not None:
            listener.planned(len(todo), unchanged, plan.skipped, jobs)
        failed: list[tuple[str, str]] = []
        with FlagsCsv(out_root) as flags_csv:
            if todo:
                pool = _Pool(options, formats, out_root, jobs, manifest, facts, listener,
                             flags_csv)
                try:
                    failed = pool.run(todo)
                finally:
                    manifest.save()  # whatever finished, even if the run stopped with an error
                    sweep_temporaries(out_root, ours)  # what a worker that died this run left
            return _finish(plan, out_root, manifest, flags_csv, formats, len(todo) - len(failed),
                           unchanged, failed, jobs, time.perf_counter() - started)


@dataclass(frozen=True, slots=True)
class _Facts:
    settings: str
    tool: str
    code: str

    def entry(self, task: Task, sha256: str) -> Entry:
        return Entry(sha256, self.settings, self.tool, self.code, tuple(o for _, o in task.outputs))


def _current(manifest: Manifest, task: Task, facts: _Facts, out_root: Path) -> bool:
    digest = file_sha256(task.source)
    return digest is not None and manifest.current(task.rel, facts.entry(task, digest), out_root)


def _size(task: Task) -> int:
    try:
        return os.path.getsize(task.source)
    except OSError:  # the worker reports why
        return 0


def _finish(
    plan: Plan,
    out_root: Path,
    manifest: Manifest,
    flags_csv: FlagsCsv,
    formats: tuple[str, ...],
    cleaned: int,
    unchanged: int,
    failed: list[tuple[str, str]],
    jobs: int,
    seconds: float,
) -> BatchResult:
    """Write flags.csv and summary.json over every current article, and save the manifest.

    flags.csv is kept as it is when it was built from exactly the current articles' entries
    (a rerun that changed nothing); otherwise it is written from this run's rows and, for the
    articles unchanged since an earlier run, from their reports.
    """
    current = [task for task in plan.tasks if task.rel in manifest.entries]
    csv_path, summary_path = out_root / CSV_NAME, out_root / SUMMARY_NAME
    digest = entries_digest(manifest.entries, current)
    tally = kept_tally(manifest.summary, digest, csv_path)
    if tally is None:
        tally, unreadable = flags_csv.write(out_root, csv_path, current)
        for rel, _ in unreadable:  # its outputs are not trustworthy: clean it again next time
            manifest.entries.pop(rel, None)
        if unreadable:
            current = [task for task in current if task.rel in manifest.entries]
            digest = entries_digest(manifest.entries, current)
        failed = failed + unreadable
    failed = sorted(failed)
    record = summary_record(len(plan.tasks), cleaned, unchanged, failed, plan.skipped, tally,
                            formats)
    write_atomic(summary_path, dumps(record).encode("utf-8"))
    manifest.summary = {"articles": digest, "csv": file_sha256(csv_path),
                        "tally": tally.record()}
    manifest.save()
    return BatchResult(cleaned, unchanged, tuple(failed), plan.skipped, tally, jobs, seconds,
                       summary_path, csv_path)


class _Pool:
    """The worker pool and the bookkeeping of one run's articles."""

    def __init__(
        self,
        options: Options,
        formats: tuple[str, ...],
        out_root: Path,
        jobs: int,
        manifest: Manifest,
        facts: _Facts,
        listener: Listener | None,
        flags_csv: FlagsCsv,
    ) -> None:
        self.initargs = (options, formats, out_root)
        self.flags_csv = flags_csv
        self.jobs = jobs
        self.manifest = manifest
        self.facts = facts
        self.listener = listener
        self.done = 0
        self.failed: list[tuple[str, str]] = []
        self.saved_at = time.monotonic()
        self.save_every = SAVE_EVERY_SECONDS
        self.alone: Task | None = None  # a suspect running with nothing beside it
        self._idle_deaths = 0  # pools that broke with no work in them, since the last outcome

    def _submit(
        self,
        executor: ProcessPoolExecutor,
        queue: deque[Task],
        suspects: deque[Task],
        in_flight: dict[Future[list[Outcome]], list[Task]],
    ) -> bool:
        """Keep the window full (or run the next suspect alone); False if the pool broke.

        A task leaves its queue only once submitted, so a pool that breaks while work is
        handed out loses nothing.
        """
        try:
            if suspects and not in_flight:
                in_flight[executor.submit(clean_tasks, [suspects[0]])] = [suspects[0]]
                self.alone = suspects.popleft()
            elif not suspects:
                while queue and len(in_flight) < self.jobs * CALLS_PER_WORKER:
                    size = max(1, min(CHUNK, len(queue) // (self.jobs * TAIL)))
                    chunk = [queue[i] for i in range(min(size, len(queue)))]
                    in_flight[executor.submit(clean_tasks, chunk)] = chunk
                    for _ in chunk:
                        queue.popleft()
        except BrokenProcessPool:
            return False
        return True

    def run(self, todo: list[Task]) -> list[tuple[str, str]]:
        """Clean ``todo``; return the failures. Raises BatchInterrupted on Ctrl-C."""
        queue = deque(todo)
        suspects: deque[Task] = deque()  # in flight when a worker died: rerun one at a time
        in_flight: dict[Future[list[Outcome]], list[Task]] = {}
        executor = self._executor()
        try:
            while queue or suspects or in_flight:
                submitted = self._submit(executor, queue, suspects, in_flight)
                if submitted:
                    wait(in_flight, return_when=FIRST_COMPLETED)
                if self._collect(in_flight) and submitted:
                    continue
                # A worker died. Once the broken pool is shut down every future is settled:
                # record those that finished; any other may be the one that killed the worker.
                executor.shutdown(wait=True, cancel_futures=True)
                self._collect(in_flight)
                lost = [task for chunk in in_flight.values() for task in chunk]
                in_flight.clear()
                if len(lost) == 1 and lost[0] is self.alone:
                    self._record(lost[0], Outcome(lost[0].rel, None, error=WORKER_DIED))
                elif lost:
                    log.warning("a worker process died; cleaning its %d articles one by one",
                                len(lost))
                    suspects.extend(lost)
                else:
                    self._idle_deaths += 1
                    if self._idle_deaths > MAX_IDLE_DEATHS:
                        raise WorkerError("worker processes keep dying before they get any work",
                                          hint="see the messages above; TRANSCLEAN_DEBUG=1 "
                                               "shows the tracebacks")
                self.alone = None
                executor = self._executor()
        except KeyboardInterrupt:
            self.manifest.save()  # first what surely finished, in case a second Ctrl-C comes
            executor.shutdown(wait=True, cancel_futures=True)
            self._collect(in_flight)
            self.manifest.save()
            raise BatchInterrupted(self.done, len(todo) - self.done - len(self.failed)) from None
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
        return self.failed

    def _executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=_context(), initializer=init_worker,
            initargs=self.initargs,
        )

    def _collect(self, in_flight: dict[Future[list[Outcome]], list[Task]]) -> bool:
        """Record every finished call; False when the pool broke (those stay in flight)."""
        intact = True
        for future in [f for f in in_flight if f.done() and not f.cancelled()]:
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                intact = False
                continue
            for task, outcome in zip(in_flight.pop(future), outcomes, strict=True):
                if task is self.alone:
                    self.alone = None
                self._record(task, outcome)
        return intact

    def _record(self, task: Task, outcome: Outcome) -> None:
        self._idle_deaths = 0
        if outcome.error is None:
            self.manifest.record(task.rel, self.facts.entry(task, outcome.sha256 or ""))
            self.flags_csv.add(task.rel, outcome.rows)
            self.done += 1
        else:  # old outputs of this article, if any, no longer match it: forget them
            self.manifest.entries.pop(task.rel, None)
            self.failed.append((task.rel, outcome.error))
        if self.listener is not None:
            self.listener.finished(outcome)
        if time.monotonic() - self.saved_at >= self.save_every:
            # A save costs time in proportion to the folder: with thousands of articles, save
            # less often rather than take the parent's time (and a core) from the workers.
            started = time.monotonic()
            self.manifest.save()
            self.saved_at = time.monotonic()
            self.save_every = max(SAVE_EVERY_SECONDS, (self.saved_at - started) / SAVE_SHARE)


def _context() -> BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["transclean.batch.preload"])
        return context
    return multiprocessing.get_context("spawn")


@contextmanager
def _exclusive(out_root: Path) -> Iterator[None]:
    """Hold OUT_DIR for this run: two batches writing one folder would undo each other."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; one batch per folder is on the user
        yield
        return
    with open(out_root / LOCK_NAME, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError("another transclean batch is writing to OUT_DIR",
                             hint="wait for it to finish", path=str(out_root)) from None
        yield
