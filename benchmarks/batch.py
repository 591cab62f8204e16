"""Measure ``transclean batch`` on generated folders: speed, parallel speed-up, memory, rerun.

Run from the repository root::

    python benchmarks/batch.py            # 1,000 articles (speed, rerun) and 5,000 (memory)
    python benchmarks/batch.py --quick    # 200 and 1,000: a quicker look, same tables
    python benchmarks/batch.py --repeat 5 # more --jobs 1 / --jobs 2 pairs (default 3)

What it prints:

1. Throughput in files/s (articles / wall time of the whole command, start-up included) of
   ``transclean batch --jobs 1`` and ``--jobs 2`` on N articles, run alternately ``--repeat``
   times, and the speed-up (target >= 1.7x on 2 cores): of the best run of each, of the median
   of each, and the median over the pairs of runs made one after the other; beside two
   baselines: one Python process cleaning the articles in a plain loop (the pipeline without any
   pool) and ``transclean clean`` started once per file (what a shell loop does: the pipeline is
   loaded for every article). Each run also shows its CPU time per file, the cores it kept busy,
   and the cores that two busy processes got just before it: the machine's cores may be shared
   with other work, and a speed-up needs two free cores to show. Because of that, each run also
   gets a wall time estimated from its processes' CPU times alone (what it would take with the
   machine's cores to itself; see :meth:`Run.free_core_estimate`), and the speed-up of those
   estimates, which other work on the machine barely moves.
2. The time of a rerun with nothing changed, as a share of the first run (target < 5%).
3. Peak memory of the whole run for N and 5N articles with ``--jobs 2`` (target: flat): the peak
   RSS (VmHWM) of the parent, of the forkserver and of the largest worker, and the peak of the
   sum of PSS over the whole process tree (shared pages counted once), sampled from /proc every
   0.1 s while the command runs, in runs of their own (sampling PSS costs CPU). Linux only.

Articles are generated deterministically (seeded; article i is the same whatever N is) with about
800 words each, half Russian and half English: sentences of the sample article and the test
fixture articles, general-language sentences from Lingua's test data in ``../shared/bench-data``
(web text, for a realistic vocabulary), and template sentences naming terms of the shipped
glossary; about one sentence in eight gets an injected error (a deprecated or misspelt term, a
doubled word, a space before punctuation, a Latin letter in a Cyrillic word), a few sentences are
left in the other language, and one article in four carries a line of site chrome.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench-data"
SAMPLE = ROOT / "samples" / "dupilumab-alopecia.txt"
FIXTURES = ROOT / "tests" / "data" / "articles"
SEED = 20240611
WORDS_PER_ARTICLE = 800
CHROME = {
    "ru": ["Смотрите самые интересные видео на нашем канале в Youtube",
           "Подписывайтесь на наш канал в Telegram", "Фото: depositphotos.com"],
    "en": ["Watch the most interesting videos on our channel in Youtube",
           "Add a comment", "My default image"],
}
TEMPLATES = {
    "ru": ["Пациенты, получавшие {term}, наблюдались в течение {n} недель.",
           "Термин «{term}» часто встречается в описаниях клинических случаев.",
           "В группе из {n} человек {term} отмечался у каждого третьего.",
           "Врачи рекомендуют обсудить {term} на первой консультации."],
    "en": ["Patients treated for {term} were followed for {n} weeks.",
           "The term {term} appears in {n} of the case reports we reviewed.",
           "In a cohort of {n} adults, {term} was reported by one in three.",
           "Clinicians should discuss {term} at the first visit."],
}
CORES = 2  # the speed-up target is for two cores
LATIN_FOR_CYRILLIC = {"о": "o", "а": "a", "е": "e", "с": "c", "р": "p"}


@dataclass
class Sources:
    """Everything articles are built from, per language."""

    medical: dict[str, list[str]]
    general: dict[str, list[str]]
    terms: dict[str, list[str]]
    deprecated: dict[str, list[tuple[str, str]]]  # (preferred, deprecated)


def load_sources() -> Sources:
    from transclean import api

    medical: dict[str, list[str]] = {"ru": [], "en": []}
    files = [SAMPLE, *sorted(p for p in FIXTURES.glob("*.txt"))]
    for path in files:
        document = api.segment_string(path.read_text(encoding="utf-8"))
        for unit in document.units:
            text = document.segment_text(unit).strip()
            if unit.lang in medical and len(text.split()) >= 4:
                medical[unit.lang].append(text)
    general = {
        lang: [line.strip() for line in (BENCH / f"langid_{lang}_sentences.txt").read_text(
            encoding="utf-8").splitlines() if len(line.split()) >= 4]
        for lang in ("ru", "en")
    }
    terms: dict[str, list[str]] = {"ru": [], "en": []}
    deprecated: dict[str, list[tuple[str, str]]] = {"ru": [], "en": []}
    for concept in api.load_glossaries().concepts:
        for lang in ("ru", "en"):
            preferred = concept.preferred(lang)
            if preferred is None:
                continue
            terms[lang].append(preferred.text)
            deprecated[lang] += [(preferred.text, t.text) for t in concept.terms_in(lang)
                                 if t.status.is_forbidden]
    return Sources(medical, general, terms, deprecated)


def inject_error(sentence: str, lang: str, sources: Sources, rng: random.Random) -> str:
    """Add one machine-translation or typing error of the kinds transclean flags."""
    words = sentence.split(" ")
    kind = rng.choice(["term", "doubled", "spacing", "script"])
    if kind == "term" and sources.deprecated[lang]:
        _, wrong = rng.choice(sources.deprecated[lang])
        template = rng.choice(TEMPLATES[lang])
        return template.format(term=wrong, n=rng.randint(2, 60))
    if kind == "doubled" and len(words) > 3:
        i = rng.randrange(1, len(words) - 1)
        return " ".join([*words[: i + 1], words[i], *words[i + 1 :]])
    if kind == "spacing":
        return re.sub(r"(\w)([,.;:])", r"\1 \2", sentence, count=1)
    if lang == "ru":
        for cyrillic, latin in LATIN_FOR_CYRILLIC.items():
            match = re.search(rf"\w*{cyrillic}\w*", sentence)
            if match and len(match[0]) > 3:
                word = match[0].replace(cyrillic, latin, 1)
                return sentence[: match.start()] + word + sentence[match.end() :]
    return sentence


def misspell(term: str, rng: random.Random) -> str:
    if len(term) < 6:
        return term
    i = rng.randrange(1, len(term) - 2)
    return term[:i] + term[i + 1] + term[i] + term[i + 2 :]


def make_article(index: int, sources: Sources) -> tuple[str, str]:
    """Article ``index``: (file name, text), the same for a given index whatever the folder size."""
    rng = random.Random(f"{SEED}:{index}")
    lang = "ru" if index % 2 == 0 else "en"
    other = "en" if lang == "ru" else "ru"
    title = rng.choice(sources.medical[lang]).rstrip(".")
    paragraphs, words = [title], len(title.split())
    while words < WORDS_PER_ARTICLE:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            roll = rng.random()
            if roll < 0.03:
                sentence = rng.choice(sources.medical[other])  # left untranslated
            elif roll < 0.43:
                sentence = rng.choice(sources.medical[lang])
            elif roll < 0.78:
                sentence = rng.choice(sources.general[lang])
            else:
                term = rng.choice(sources.terms[lang])
                if rng.random() < 0.1:
                    term = misspell(term, rng)
                sentence = rng.choice(TEMPLATES[lang]).format(term=term, n=rng.randint(2, 400))
            if sentence[-1] not in ".!?…»\")":  # a heading used as a sentence
                sentence += "."
            if rng.random() < 0.12:
                sentence = inject_error(sentence, lang, sources, rng)
            sentences.append(sentence)
        paragraphs.append(" ".join(sentences))
        words += sum(len(s.split()) for s in sentences)
        if index % 4 == 0 and len(paragraphs) == 4:
            paragraphs.append(rng.choice(CHROME[lang]))
    folder = f"{lang}/{index // 100:02}"
    return f"{folder}/article-{index:05}.{'md' if index % 10 == 9 else 'txt'}", \
        "\n\n".join(paragraphs) + "\n"


def generate(folder: Path, count: int, sources: Sources) -> int:
    """Write articles 0..count-1 under ``folder``; return the total number of words."""
    total = 0
    for index in range(count):
        name, text = make_article(index, sources)
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        total += len(text.split())
    return total


@dataclass
class Run:
    """One timed command with the memory of its process tree."""

    seconds: float
    returncode: int
    parent_mb: float = 0.0
    server_mb: float = 0.0
    worker_mb: float = 0.0
    tree_pss_mb: float = 0.0
    cpu_seconds: float = 0.0
    worker_cpu: list[float] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)
    parent_before: float = 0.0  # parent CPU until the first worker was seen
    parent_during: float = 0.0  # ... while workers were alive
    parent_after: float = 0.0  # ... after the last worker was gone
    server_cpu: float = 0.0

    @property
    def cores_used(self) -> float:
        """CPU time of the whole tree over wall time: how many cores the run kept busy."""
        return self.cpu_seconds / self.seconds

    def free_core_estimate(self, cores: int) -> float:
        """The wall time this run would take with ``cores`` cores to itself, from CPU times.

        The parent's start and planning, then the fork server's loading of the pipeline, run
        one after the other; then the workers run side by side while the parent collects their
        results: that takes the workers' CPU time shared out evenly between them (they take
        articles from one queue, a few at a time, so they end together), and no less than all
        of the workers' and the parent's CPU time spread over the cores; then the parent writes
        the summary. Waiting on the disk is not counted, and neither is the time other work on
        the machine takes from the run (but it still inflates the CPU time of what it slows).
        """
        serial = self.parent_before + self.server_cpu + self.parent_after
        if not self.worker_cpu:
            return serial
        workers = sum(self.worker_cpu)
        return serial + max(workers / len(self.worker_cpu),
                            (workers + self.parent_during) / cores)


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                kids += [int(p) for p in handle.read().split()]
    except OSError:
        pass
    return kids


def _kib(path: str, key: str) -> int:
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0


def _role(pid: int, parent_role: str | None) -> str | None:
    """What a child process is; None while it does not know yet (forked, not yet exec'd)."""
    if parent_role == "server":
        return "worker"  # forked from the fork server, which runs nothing else
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    if b"resource_tracker" in cmdline:
        return "tracker"
    if b"forkserver" in cmdline:
        return "server"
    if parent_role == "parent" and b"multiprocessing" not in cmdline:
        return None  # still a copy of the parent, about to exec the server or the tracker
    return "worker"  # the spawn start method's workers (no fork server)


def run_measured(command: list[str], env: dict[str, str], *, pss: bool = False) -> Run:
    """Run ``command``, sampling every process of its tree every 0.1 s.

    ``pss`` also samples the tree's PSS, for the memory runs only: reading a process's
    ``smaps_rollup`` walks its whole memory map (about 6 ms of CPU for a worker), so sampling it
    would take some 20% of a core, taken from the workers when they keep every core busy (with
    ``--jobs 2``, not ``--jobs 1``).
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=env)
    peaks: dict[int, int] = {}
    ticks: dict[int, int] = {}
    roles: dict[int, str] = {process.pid: "parent"}
    tree_pss = 0
    # the parent's CPU ticks when a worker was first seen and when one was last seen
    parent_marks: list[int] = []
    stop = threading.Event()

    def sample() -> None:
        nonlocal tree_pss
        while not stop.is_set():
            tree = 0
            workers_alive = False
            frontier = [process.pid]
            while frontier:
                pid = frontier.pop()
                kids = _children(pid)
                for kid in kids:
                    if kid not in roles:
                        role = _role(kid, roles.get(pid))
                        if role is not None:
                            roles[kid] = role
                frontier += kids
                peaks[pid] = max(peaks.get(pid, 0), _kib(f"/proc/{pid}/status", "VmHWM:"))
                ticks[pid] = max(ticks.get(pid, 0), _cpu_ticks(pid))
                if pss:
                    tree += _kib(f"/proc/{pid}/smaps_rollup", "Pss:")
                workers_alive |= roles.get(pid) == "worker"
            tree_pss = max(tree_pss, tree)
            if workers_alive:
                if not parent_marks:
                    parent_marks.append(ticks.get(process.pid, 0))
                parent_marks[1:] = [ticks.get(process.pid, 0)]
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode not in (0, 1):
        print(err.decode(errors="replace"), file=sys.stderr)

    def peak(role: str) -> float:
        return max((peaks.get(p, 0) for p, r in roles.items() if r == role), default=0) / 1024

    hertz = os.sysconf("SC_CLK_TCK")
    workers = sorted((ticks.get(p, 0) / hertz for p, r in roles.items() if r == "worker"),
                     reverse=True)
    parent = ticks.get(process.pid, 0)
    first, last = parent_marks or (parent, parent)
    server = sum(ticks.get(p, 0) for p, r in roles.items() if r == "server")
    return Run(seconds, process.returncode, peak("parent"), peak("server"), peak("worker"),
               tree_pss / 1024, sum(ticks.values()) / hertz, workers, roles,
               first / hertz, (last - first) / hertz, (parent - last) / hertz, server / hertz)


def batch_command(in_dir: Path, out_dir: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "transclean", "batch", str(in_dir), "-o", str(out_dir),
            "--jobs", str(jobs), "--quiet"]


def in_process_loop(in_dir: Path, out_dir: Path, limit: int) -> float:
    """Files/s of one process cleaning ``limit`` articles in a plain loop (after loading)."""
    from transclean import api
    from transclean.io.output import write_atomic
    from transclean.writers import get_writer

    paths = sorted(in_dir.rglob("*.txt"))[:limit]
    glossary = api.load_glossaries()
    writers = (get_writer("bilingual"), get_writer("json"))
    api.clean_document(api.read_document(paths[0]), glossary=glossary)  # warm the loaders
    started = time.perf_counter()
    for i, path in enumerate(paths):
        result = api.clean_document(api.read_document(path), glossary=glossary)
        for n, writer in enumerate(writers):
            write_atomic(out_dir / f"{i}.{n}.{writer.extension}", writer.write(result))
    return len(paths) / (time.perf_counter() - started)


def clean_per_file(in_dir: Path, out_dir: Path, limit: int) -> float:
    """Files/s of ``transclean clean`` started once per article (a shell loop)."""
    paths = sorted(in_dir.rglob("*.txt"))[:limit]
    started = time.perf_counter()
    for i, path in enumerate(paths):
        subprocess.run([sys.executable, "-m", "transclean", "clean", str(path), "-o",
                        str(out_dir / f"{i}.md"), "--report", str(out_dir / f"{i}.json")],
                       check=True, capture_output=True)
    return len(paths) / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 and 1,000 articles")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--repeat", type=int, default=3,
                        help="--jobs 1 / --jobs 2 pairs to run; the best of each is compared")
    args = parser.parse_args()
    if not BENCH.is_dir():
        print(f"bench data not found: {BENCH}", file=sys.stderr)
        return 2
    small, large = (200, 1000) if args.quick else (1000, 5000)
    work = args.keep or Path(tempfile.mkdtemp(prefix="transclean-batch-bench-"))
    try:
        return _bench(work, small, large, max(1, args.repeat))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _bench(work: Path, small: int, large: int, repeat: int) -> int:
    print(f"cores: {os.cpu_count()}, load average at start: {_load()}")
    sources = load_sources()
    corpus_small, corpus_large = work / f"in-{small}", work / f"in-{large}"
    words = generate(corpus_small, small, sources)
    generate(corpus_large, large, sources)
    print(f"generated {small} articles ({words / small:.0f} words each on average) "
          f"and {large} articles")
    # Every run uses one frozen copy of the code: a rerun redoes everything when transclean's
    # code changed, and in a shared checkout it may change during the benchmark.
    shutil.copytree(ROOT / "src" / "transclean", work / "code" / "transclean",
                    ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(work / "code", quiet=1)  # as installed: no compiling at each start
    env = dict(os.environ, PYTHONPATH=str(work / "code"))

    def batch(corpus: Path, out: Path, jobs: int, pss: bool = False) -> Run:
        return run_measured(batch_command(corpus, out, jobs), env, pss=pss)

    loop = in_process_loop(corpus_small, _fresh(work / "loop"), min(small, 200))
    per_file = clean_per_file(corpus_small, _fresh(work / "per-file"), 10)
    # The machine's cores are shared with other work that comes and goes: alternate the two
    # settings, note the cores free before each run, and compare the best run of each.
    rows, ones, twos = [], [], []
    for attempt in range(1, repeat + 1):
        for jobs, runs in ((1, ones), (2, twos)):
            free = _free_cores()
            run = batch(corpus_small, _fresh(work / f"out-j{jobs}"), jobs)
            runs.append(run)
            rows.append((f"transclean batch --jobs {jobs}, run {attempt}",
                         f"{small / run.seconds:.1f}", f"{run.seconds:.1f} s",
                         f"{1000 * run.cpu_seconds / small:.0f}", f"{run.cores_used:.2f}",
                         f"{free:.2f}", " + ".join(f"{c:.1f}" for c in run.worker_cpu),
                         f"{run.free_core_estimate(CORES):.1f} s"))
    one = min(ones, key=lambda r: r.seconds)
    two = min(twos, key=lambda r: r.seconds)
    pairs = [a.seconds / b.seconds for a, b in zip(ones, twos, strict=True)]
    medians = (statistics.median(r.seconds for r in ones)
               / statistics.median(r.seconds for r in twos))

    def serial(runs: list[Run]) -> float:
        return statistics.median(r.parent_before + r.server_cpu + r.parent_after for r in runs)

    def per_article(runs: list[Run]) -> float:
        return statistics.median(1000 * sum(r.worker_cpu) / small for r in runs)

    estimated = (statistics.median(r.free_core_estimate(CORES) for r in ones)
                 / statistics.median(r.free_core_estimate(CORES) for r in twos))
    rerun = batch(corpus_small, work / "out-j2", 2)
    middle = batch(corpus_small, _fresh(work / "out-memory"), 2, pss=True)
    big = batch(corpus_large, _fresh(work / "out-large"), 2, pss=True)
    for run in (*ones, *twos, rerun, middle, big):
        if run.returncode != 0:
            print(f"a batch failed (exit {run.returncode})", file=sys.stderr)
            return 1

    print(f"\n1. Throughput on {small} articles (files/s: articles / wall time of the whole "
          "command, start-up included; cores used: CPU time of all its processes / wall time; "
          "free cores: what two busy processes got just before the run; worker CPU: seconds "
          f"each worker computed; free-core estimate: the wall time from CPU times alone, on "
          f"{CORES} cores free of other work; serial CPU: the parent's before and after the "
          "workers and the fork server's, which loads the pipeline; workers' CPU per article "
          "is higher with --jobs 2 when the two workers, or other work, slow each other)")
    blank = ("",) * 5
    _table(("", "files/s", "wall", "CPU ms/file", "cores used", "free cores", "worker CPU s",
            "free-core estimate"), [
        *rows,
        ("  speed-up, best --jobs 2 / best --jobs 1", f"{one.seconds / two.seconds:.2f}x",
         "target >= 1.7x", *blank),
        ("  speed-up, median / median", f"{medians:.2f}x", "", *blank),
        ("  speed-up, median of the run pairs", f"{statistics.median(pairs):.2f}x",
         " ".join(f"{p:.2f}" for p in pairs), *blank),
        ("  speed-up of the free-core estimates", f"{estimated:.2f}x", "medians", *blank),
        ("  serial CPU s, --jobs 1 / --jobs 2", f"{serial(ones):.2f} / {serial(twos):.2f}",
         "medians", *blank),
        ("  parent's CPU s while workers run, --jobs 1 / --jobs 2",
         f"{statistics.median(r.parent_during for r in ones):.2f} / "
         f"{statistics.median(r.parent_during for r in twos):.2f}", "medians", *blank),
        ("  workers' CPU per article, --jobs 1 / --jobs 2",
         f"{per_article(ones):.1f} / {per_article(twos):.1f} ms", "medians", *blank),
        ("one process, plain loop, no pool", f"{loop:.1f}", "first 200, after loading",
         *blank),
        ("transclean clean once per file", f"{per_file:.2f}", "first 10 files", *blank),
    ])
    print(f"\n2. Rerun with nothing changed ({small} articles, --jobs 2)")
    _table(("", "seconds", "share of first run"), [
        ("first run (the last --jobs 2 run)", f"{twos[-1].seconds:.2f}", "100%"),
        ("rerun", f"{rerun.seconds:.2f}",
         f"{100 * rerun.seconds / twos[-1].seconds:.1f}% (target < 5%)"),
        ("  (share of the fastest --jobs 2 run)", "",
         f"{100 * rerun.seconds / two.seconds:.1f}%"),
    ])
    print("\n3. Peak memory, --jobs 2 (MB)")
    _table(("articles", "parent RSS", "forkserver RSS", "largest worker RSS", "tree PSS", "wall"), [
        (str(n), f"{r.parent_mb:.0f}", f"{r.server_mb:.0f}", f"{r.worker_mb:.0f}",
         f"{r.tree_pss_mb:.0f}", f"{r.seconds:.1f} s ({n / r.seconds:.1f} files/s)")
        for n, r in ((small, middle), (large, big))
    ])
    print(f"\nload average at end: {_load()} (other work on the machine slows every figure)")
    return 0


def _load() -> str:
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{load}; free cores measured: {_free_cores():.2f} of 2"


def _free_cores() -> float:
    """How many cores two busy processes actually get right now (2.0 on an idle machine)."""
    import multiprocessing

    alone = min(_timed_spin() for _ in range(3))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        started = time.perf_counter()
        pool.map(_spin, [SPIN, SPIN])
        both = time.perf_counter() - started
    return 2 * alone / both


SPIN = 5_000_000


def _timed_spin() -> float:
    started = time.perf_counter()
    _spin(SPIN)
    return time.perf_counter() - started


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("   " + "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    sys.exit(main())
