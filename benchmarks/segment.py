"""Measure transclean's sentence splitting and language detection beside peer tools, in one run.

Run from the repository root::

    python benchmarks/segment.py            # full: ~5 MB throughput text, all language items
    python benchmarks/segment.py --quick    # ~0.5 MB throughput text, 200 items per language file

Three tables:

1. Sentence splits: exact-match accuracy (a case counts when the list of sentence strings, each
   stripped, equals the expected list) on the pySBD golden rules (en, ru), razdel's unit cases and
   the project's abbreviation probe, for ours (one segmenter, no language passed), pySBD in
   English and Russian mode, razdel, and spaCy's blank sentencizer (``spacy.blank(lang)`` plus
   ``sentencizer``).
2. Language: accuracy of ``transclean.segment.language.detect_language`` and of langdetect alone
   (seeded) on Lingua's test lines, one item per line, label = the file's language.
3. Throughput in MB/s (10^6 bytes of UTF-8 per second, after a warm-up, the best of three timed
   runs each, so that a moment of load on a shared machine does not decide) on a mixed
   Russian/English text built deterministically from the bench sentences and the sample
   article: ours through ``transclean.api.segment_bytes`` (read + segment + language), ours
   sentence splitting alone, spaCy's blank sentencizer, razdel, and pySBD on a 200 KB slice.
   Every tool starts from the text: the peers' runs include splitting it into paragraphs at
   blank lines, as ours finds its paragraphs itself. This table runs in a fresh interpreter and
   builds each tool just before timing it: what the sections above leave in memory
   (langdetect's n-gram tables, the splitters) would otherwise weigh on the garbage collector
   during the timed runs of whichever tool keeps many objects, as ours keeps its segments.

Reads ``../shared/bench-data`` beside the repository; nothing here is shipped or tested.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench-data"
SAMPLE = ROOT / "samples" / "dupilumab-alopecia.txt"

SEGMENTATION_SETS = {  # file: (label, target for ours)
    "golden_rules_en.json": ("pySBD golden EN", 47),
    "golden_rules_ru.json": ("pySBD golden RU", 37),
    "razdel_unit_ru.json": ("razdel unit RU", 33),
    "abbrev_probe.json": ("abbrev probe", 33),
}
LANGUAGES = ("en", "ru", "uk", "de", "la")
LENGTHS = ("words", "pairs", "sentences")
FULL_BYTES, QUICK_BYTES, PYSBD_BYTES = 5_000_000, 500_000, 200_000
TIMED_RUNS = 3
SEED = 20240601

Splitter = Callable[[str], list[str]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller text and language sample")
    parser.add_argument("--throughput-bytes", type=int, help=argparse.SUPPRESS)  # table 3 only
    args = parser.parse_args()
    if not BENCH.is_dir():
        print(f"bench data not found: {BENCH}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    if args.throughput_bytes:
        throughput_table(args.throughput_bytes)
        return 0
    splitters = make_splitters()
    segmentation_table(splitters)
    language_table(limit=200 if args.quick else None)
    sys.stdout.flush()
    size = QUICK_BYTES if args.quick else FULL_BYTES
    command = [sys.executable, __file__, "--throughput-bytes", str(size)]
    return subprocess.run(command, check=False).returncode


# --- splitters ---------------------------------------------------------------------------------


def make_splitters() -> dict[str, Splitter]:
    """Return every segmenter under comparison as text -> list of stripped sentence strings."""
    import pysbd
    import razdel
    import spacy

    from transclean.segment.sentences import split_sentences

    def ours(text: str) -> list[str]:
        return [text[s:e] for s, e in split_sentences(text)]

    def pysbd_splitter(lang: str) -> Splitter:
        segmenter = pysbd.Segmenter(language=lang, clean=False)
        return lambda text: [s.strip() for s in segmenter.segment(text) if s.strip()]

    def spacy_splitter(lang: str) -> Splitter:
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        return lambda text: [s.text.strip() for s in nlp(text).sents if s.text.strip()]

    return {
        "ours": ours,
        "pysbd-en": pysbd_splitter("en"),
        "pysbd-ru": pysbd_splitter("ru"),
        "razdel": lambda text: [s.text for s in razdel.sentenize(text)],
        "spacy-en": spacy_splitter("en"),
        "spacy-ru": spacy_splitter("ru"),
    }


# --- 1. segmentation accuracy ------------------------------------------------------------------


def segmentation_table(splitters: dict[str, Splitter]) -> None:
    names = list(splitters)
    print("\n1. Sentence splits: exact-match accuracy (cases right / cases)\n")
    rows = []
    for filename, (label, target) in SEGMENTATION_SETS.items():
        cases = json.loads((BENCH / filename).read_text(encoding="utf-8"))
        row = [label]
        for name in names:
            right = sum(
                splitters[name](case["text"]) == [s.strip() for s in case["sentences"]]
                for case in cases
            )
            row.append(f"{right}/{len(cases)}")
        row.append(f">= {target}/{len(cases)}")
        rows.append(row)
    print_table(["data set", *names, "target (ours)"], rows)


# --- 2. language accuracy ----------------------------------------------------------------------


def language_table(limit: int | None) -> None:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    from transclean.segment.language import detect_language

    DetectorFactory.seed = 0

    def langdetect_label(text: str) -> str:
        try:
            return str(detect(text))
        except LangDetectException:
            return "und"

    def ours_label(text: str) -> str:
        return detect_language(text)[0]

    sample = "all items" if limit is None else f"first {limit} items of each file"
    print(f"\n2. Language: accuracy vs the file's language ({sample})\n")
    rows = []
    latin_answers: Counter[str] = Counter()
    for lang in LANGUAGES:
        for length in LENGTHS:
            lines = read_lines(BENCH / f"langid_{lang}_{length}.txt", limit)
            ours_answers = [ours_label(line) for line in lines]
            theirs = [langdetect_label(line) for line in lines]
            if lang == "la":
                latin_answers.update(ours_answers)
            rows.append(
                [
                    lang,
                    length,
                    str(len(lines)),
                    percent(sum(a == lang for a in ours_answers), len(lines)),
                    percent(sum(a == lang for a in theirs), len(lines)),
                ]
            )
    print_table(["lang", "length", "items", "ours", "langdetect"], rows)
    total = sum(latin_answers.values())
    spread = ", ".join(f"{k} {percent(v, total)}" for k, v in latin_answers.most_common())
    said_latin = percent(latin_answers["la"], total)
    print(f"\n   'la' items: ours says 'la' for {said_latin}; all answers: {spread}")
    print("   (langdetect has no Latin profile, so it can never answer 'la'.)")


# --- 3. throughput -----------------------------------------------------------------------------


def throughput_table(size: int) -> None:
    from transclean.api import segment_bytes
    from transclean.segment.paragraphs import split_blocks
    from transclean.segment.sentences import split_sentences

    text = build_text(size)
    data = text.encode("utf-8")
    paragraphs = text.split("\n\n")
    pysbd_text = "\n\n".join(leading(paragraphs, PYSBD_BYTES))
    pysbd_bytes = len(pysbd_text.encode("utf-8"))
    print(
        f"\n3. Throughput on {len(data) / 1e6:.2f} MB of mixed ru/en text "
        f"({len(paragraphs)} paragraphs, seed {SEED}); pySBD on the first "
        f"{pysbd_bytes / 1e3:.0f} KB\n"
    )
    # Warm-up: lazy tables and detectors. The sample's Russian title is decided by its letters,
    # so a Russian sentence that no letter decides, with a word Russian's dictionary lacks,
    # loads the Russian and Ukrainian dictionaries too.
    segment_bytes(SAMPLE.read_bytes() + "\n\nПрепарат дупилумабом назначают.".encode())

    def ours_run() -> None:
        segment_bytes(data)

    def ours_split_only() -> None:
        for block in split_blocks(text):
            split_sentences(text, block.start, block.end)

    # The peers are imported as they are built, after ours has run: a module imported earlier
    # would sit in memory during ours' runs (segmenting imports no spaCy).
    def spacy_run(lang: str) -> Callable[[], None]:
        import spacy

        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        nlp.max_length = max(nlp.max_length, len(text) + 1)
        nlp("Warm up. Разогрев.")

        def run() -> None:
            for doc in nlp.pipe(text.split("\n\n")):
                list(doc.sents)

        return run

    def pysbd_run(lang: str) -> Callable[[], None]:
        import pysbd

        segmenter = pysbd.Segmenter(language=lang, clean=False)

        def run() -> None:
            for paragraph in pysbd_text.split("\n\n"):
                segmenter.segment(paragraph)

        return run

    def razdel_run() -> Callable[[], None]:
        import razdel

        def run() -> None:
            for paragraph in text.split("\n\n"):
                list(razdel.sentenize(paragraph))

        return run

    # (name, bytes, setup): setup builds the tool and returns one run of it.
    runs: list[tuple[str, int, Callable[[], Callable[[], object]]]] = [
        ("ours: segment_bytes (read+segment+language)", len(data), lambda: ours_run),
        ("ours: sentence splitting alone", len(data), lambda: ours_split_only),
        ("spaCy blank('en') + sentencizer", len(data), partial(spacy_run, "en")),
        ("spaCy blank('ru') + sentencizer", len(data), partial(spacy_run, "ru")),
        ("razdel.sentenize", len(data), razdel_run),
        ("pySBD en (200 KB slice)", pysbd_bytes, partial(pysbd_run, "en")),
        ("pySBD ru (200 KB slice)", pysbd_bytes, partial(pysbd_run, "ru")),
    ]
    speeds: dict[str, float] = {}
    rows = []
    for name, nbytes, setup in runs:
        run = setup()
        seconds = float("inf")
        for _ in range(TIMED_RUNS):
            started = time.perf_counter()
            run()
            seconds = min(seconds, time.perf_counter() - started)
        speeds[name] = nbytes / seconds / 1e6
        rows.append([name, f"{nbytes / 1e6:.2f}", f"{seconds:.2f}", f"{speeds[name]:.2f}"])
    print_table(["tool", "MB", "seconds", "MB/s"], rows)
    ours = speeds[runs[0][0]]
    spacy_best = max(speeds[runs[2][0]], speeds[runs[3][0]])
    pysbd_best = max(speeds[runs[5][0]], speeds[runs[6][0]])
    print(
        f"\n   ours (segment_bytes) / faster spaCy blank sentencizer: {ours / spacy_best:.2f}x "
        f"(target >= 1); / faster pySBD: {ours / pysbd_best:.1f}x (target >= 10)"
    )


def build_text(size: int) -> str:
    """Build about ``size`` bytes of paragraphs mixing Russian and English, the same every run."""
    rng = random.Random(SEED)
    english = read_lines(BENCH / "langid_en_sentences.txt", None)
    russian = read_lines(BENCH / "langid_ru_sentences.txt", None)
    cases = [
        case["text"]
        for filename in SEGMENTATION_SETS
        for case in json.loads((BENCH / filename).read_text(encoding="utf-8"))
    ]
    article = SAMPLE.read_text(encoding="utf-8")
    article_paragraphs = [p.strip() for p in article.split("\n\n") if p.strip()]
    paragraphs: list[str] = []
    total = 0
    while total < size:
        roll = rng.random()
        if roll < 0.1:
            paragraph = rng.choice(article_paragraphs)
        elif roll < 0.2:
            paragraph = rng.choice(cases)
        else:
            # Mostly one language per paragraph, sometimes a Russian sentence after English.
            pools = [english, russian] if rng.random() < 0.25 else [rng.choice([english, russian])]
            paragraph = " ".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(1, 6)))
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(paragraphs)


# --- helpers -----------------------------------------------------------------------------------


def read_lines(path: Path, limit: int | None) -> list[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    return lines if limit is None else lines[:limit]


def leading(paragraphs: Iterable[str], size: int) -> list[str]:
    """Return the first paragraphs holding at least ``size`` bytes."""
    taken: list[str] = []
    total = 0
    for paragraph in paragraphs:
        if total >= size:
            break
        taken.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return taken


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    print("   " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("   " + line)
    for row in rows:
        print("   " + "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    raise SystemExit(main())
