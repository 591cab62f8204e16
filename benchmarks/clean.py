"""Measure the whole of `clean` on generated articles beside pySBD's sentence splitting alone.

Run from the repository root, with the venv active::

    python benchmarks/clean.py              # 1,000 articles of about 800 words
    python benchmarks/clean.py --quick      # 100 articles
    python benchmarks/clean.py --profile    # also profile the clean run (cProfile, top 25)

The articles are generated deterministically (seeded) from real material: sentences and headings
of the sample article and the Lingua test sentences in ``../shared/bench-data`` (nine in ten
articles English with a Russian title left untranslated, one in ten Russian), with errors
injected at realistic rates: deprecated glossary terms, misspelt INNs (one random edit of a
real INN), doubled words, spaces before punctuation and site-chrome lines. Each article is run
through what ``transclean clean`` does: decode and segment the bytes (``api.segment_bytes``),
check and correct (``api.clean_document``), and write the bilingual review, in one process that
loads the pipeline once (a warm-up article first; its time is shown apart).

pySBD (``Segmenter(clean=False, char_span=False)``, "en" or "ru" by the article's language)
then splits the same articles into sentences, one call per article, in a separate process so
that the peak memory figures (peak resident set size) of the two runs do not mix. Words are
whitespace-separated tokens. The target: the whole of `clean` faster than pySBD's splitting.

Reads ``../shared/bench-data`` beside the repository; writes nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench-data"
SAMPLE = ROOT / "samples" / "dupilumab-alopecia.txt"
GLOSSARY = ROOT / "glossaries" / "dermatology-pharmacology.ru-en.tsv"
LEXICON = ROOT / "src" / "transclean" / "data" / "lexicon"

SEED = 20240614
FULL, QUICK = 1000, 100
WORDS_PER_ARTICLE = 760  # the loop overshoots by half a paragraph: about 800 words
RUSSIAN_SHARE = 0.1

# Site chrome as scraped medical portals leave it (lines of the sample and their kind).
CHROME = {
    "en": (
        "Watch the most interesting videos on our channel in Youtube",
        "My default image",
        "Add a comment",
        "In the article estet-portal.com you can read the results of the study in detail.",
        "Thank you for staying with estet-portal.com. Read other interesting articles in the "
        '"Cosmetology" section.',
        "Subscribe to our Telegram channel so as not to miss new articles",
        "Photo: depositphotos.com",
        "Advertisement",
    ),
    "ru": (
        "Смотрите самые интересные видео на нашем канале в Youtube",
        "Подписывайтесь на наш телеграм-канал, чтобы не пропустить новые статьи",
        "Добавить комментарий",
        "Фото: depositphotos.com",
        "Реклама",
        "Больше статей о здоровье кожи читайте на medportal.ru.",
    ),
}

# Sentence templates that carry a drug name, so INNs (right or misspelt) appear in context.
DRUG_SENTENCES = {
    "en": (
        "The patient was switched to {drug} after {n} weeks of treatment.",
        "Treatment with {drug} was started at a dose of {n} mg.",
        "In the control group, {drug} was given once a week.",
    ),
    "ru": (
        "Пациенту назначили {drug} в дозе {n} мг.",
        "Через {n} недель лечение препаратом {drug} было прекращено.",
        "В контрольной группе применяли {drug} раз в неделю.",
    ),
}
TERM_SENTENCES = {
    "en": ("Previous treatment with {term} has not been effective.",
           "The authors describe {term} in {n} patients."),
    "ru": ("Ранее применяли {term}, но без эффекта.", "Авторы описали {term} у {n} пациентов."),
}  # fmt: skip

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ])")
_WORD = re.compile(r"\b\w+\b")


@dataclass(frozen=True)
class Material:
    """Real text the articles are assembled from."""

    sentences: dict[str, list[str]]
    headings: dict[str, list[str]]
    russian_titles: list[str]
    deprecated: dict[str, list[str]]
    preferred: dict[str, list[str]]
    inns: dict[str, list[str]]


@dataclass(frozen=True)
class Article:
    lang: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


# --- generation --------------------------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_material() -> Material:
    """Read the sample, the bench sentences, the shipped glossary's terms and the INN lists."""
    sample = [p.strip() for p in SAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    chrome = set(CHROME["en"])
    body = [p for p in sample[1:] if p not in chrome and not p.startswith("Thank you")]
    sample_sentences = [s for p in body if p[-1:] in ".!?" for s in _SENTENCE_END.split(p)]
    sample_headings = [p for p in body if p[-1:] not in ".!?"]
    english = read_lines(BENCH / "langid_en_sentences.txt")
    russian = read_lines(BENCH / "langid_ru_sentences.txt")
    deprecated: dict[str, list[str]] = {"en": [], "ru": []}
    preferred: dict[str, list[str]] = {"en": [], "ru": []}
    rows = [line.split("\t") for line in read_lines(GLOSSARY) if not line.startswith("#")]
    header, rows = rows[0], rows[1:]
    for row in rows:
        cells = dict(zip(header, row, strict=False))
        for lang in ("en", "ru"):
            preferred[lang].append(cells.get(lang, ""))
            deprecated[lang] += [t.strip() for t in cells.get(f"{lang}:deprecated", "").split("|")]
    return Material(
        sentences={"en": sample_sentences * 20 + english, "ru": russian},
        headings={
            "en": sample_headings + [s.rstrip(".") for s in english if len(s.split()) <= 7],
            "ru": [s.rstrip(".") for s in russian if 3 <= len(s.split()) <= 8],
        },
        russian_titles=[sample[0]] + [s.rstrip(".") for s in russian if 5 <= len(s.split()) <= 12],
        deprecated={lang: [t for t in terms if t] for lang, terms in deprecated.items()},
        preferred={lang: [t for t in terms if t] for lang, terms in preferred.items()},
        inns={
            "en": read_lines(LEXICON / "inn_en.txt"),
            "ru": read_lines(LEXICON / "inn_ru_translit.txt"),
        },
    )


def misspell(rng: random.Random, word: str) -> str:
    """One random edit: drop, double, swap or replace a letter away from the first one."""
    if len(word) < 6:
        return word
    i = rng.randrange(2, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    letters = "abcdefghijklmnopqrstuvwxyz" if word.isascii() else "абвгдежзиклмнопрстуфхя"
    return word[:i] + rng.choice(letters) + word[i + 1 :]


def double_a_word(rng: random.Random, sentence: str) -> str:
    words = list(_WORD.finditer(sentence))
    if len(words) < 3:
        return sentence
    word = rng.choice(words[1:])
    return sentence[: word.end()] + " " + word.group() + sentence[word.end() :]


def space_before_punctuation(rng: random.Random, sentence: str) -> str:
    marks = [m.start() for m in re.finditer(r"\w[.,;:](?=\s|$)", sentence)]
    if not marks:
        return sentence
    at = rng.choice(marks) + 1
    return sentence[:at] + " " + sentence[at:]


def drug_sentence(rng: random.Random, material: Material, lang: str) -> str:
    drug = rng.choice(material.inns[lang])
    if rng.random() < 0.5:
        drug = misspell(rng, drug)
    return rng.choice(DRUG_SENTENCES[lang]).format(drug=drug, n=rng.randint(2, 52))


def term_sentence(rng: random.Random, material: Material, lang: str) -> str:
    pool = material.deprecated[lang] if rng.random() < 0.4 else material.preferred[lang]
    sentence = rng.choice(TERM_SENTENCES[lang]).format(term=rng.choice(pool), n=rng.randint(2, 90))
    return sentence[0].upper() + sentence[1:]


def sentence(rng: random.Random, material: Material, lang: str) -> str:
    """A real sentence, a term or drug sentence, sometimes with a doubled word or bad spacing."""
    roll = rng.random()
    if roll < 0.06:
        text = drug_sentence(rng, material, lang)
    elif roll < 0.12:
        text = term_sentence(rng, material, lang)
    else:
        text = rng.choice(material.sentences[lang])
    roll = rng.random()
    if roll < 0.02:
        text = double_a_word(rng, text)
    elif roll < 0.04:
        text = space_before_punctuation(rng, text)
    return text


def make_article(rng: random.Random, material: Material, lang: str) -> Article:
    """About WORDS_PER_ARTICLE words: a title, headings, paragraphs of 1-6 sentences, chrome."""
    titles = material.russian_titles if lang == "en" else material.headings["ru"]
    title = rng.choice(titles)
    blocks = [title]
    words = 0
    while words < WORDS_PER_ARTICLE:
        if rng.random() < 0.12:
            blocks.append(rng.choice(material.headings[lang]))
        paragraph = " ".join(sentence(rng, material, lang) for _ in range(rng.randint(1, 6)))
        blocks.append(paragraph)
        words += len(paragraph.split())
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        blocks.insert(rng.randint(2, len(blocks)), rng.choice(CHROME[lang]))
    return Article(lang, "\n\n".join(blocks) + "\n")


def build_articles(count: int) -> list[Article]:
    """The same ``count`` articles on every run and in every process."""
    rng = random.Random(SEED)
    material = load_material()
    return [
        make_article(rng, material, "ru" if rng.random() < RUSSIAN_SHARE else "en")
        for _ in range(count)
    ]


# --- the runs ----------------------------------------------------------------------------------


def max_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB.

    Linux keeps ``ru_maxrss`` across fork and exec, so a child started by this script would
    report this script's peak; ``VmHWM`` belongs to the current address space only, so it is
    read first where it exists.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024 / (1024 if sys.platform == "darwin" else 1)  # macOS reports bytes


def clean_run(articles: list[Article]) -> tuple[dict[str, float], Callable[[], object]]:
    """Time read+segment, check+correct and writing for every article, in this process.

    Returns the figures and a function that runs the same articles again, for profiling.
    """
    rss_start = max_rss_mb()
    sys.path.insert(0, str(ROOT / "src"))
    from transclean.api import clean_document, load_glossaries, segment_bytes
    from transclean.config import Options
    from transclean.writers import get_writer

    options = Options()
    writer = get_writer("bilingual")
    started = time.perf_counter()
    glossary = load_glossaries(options)
    writer.write(clean_document(segment_bytes(SAMPLE.read_bytes()), options, glossary))
    warm_up = time.perf_counter() - started
    data = [article.text.encode("utf-8") for article in articles]
    rss_before = max_rss_mb()

    def one(index: int, payload: bytes, stages: list[float]) -> tuple[int, int]:
        t0 = time.perf_counter()
        document = segment_bytes(payload, source=f"article-{index}.txt")
        t1 = time.perf_counter()
        result = clean_document(document, options, glossary)
        t2 = time.perf_counter()
        output = writer.write(result)
        t3 = time.perf_counter()
        stages[0] += t1 - t0
        stages[1] += t2 - t1
        stages[2] += t3 - t2
        return len(result.edits), len(output)

    stages = [0.0, 0.0, 0.0]
    edits = written = 0
    started = time.perf_counter()
    for index, payload in enumerate(data):
        applied, size = one(index, payload, stages)
        edits += applied
        written += size
    seconds = time.perf_counter() - started
    figures = {
        "seconds": seconds,
        "segment": stages[0],
        "check": stages[1],
        "write": stages[2],
        "warm_up": warm_up,
        "edits": edits,
        "written": written,
        "rss_start": rss_start,
        "rss_before": rss_before,
        "rss_after": max_rss_mb(),
    }
    return figures, lambda: [one(i, p, [0.0, 0.0, 0.0]) for i, p in enumerate(data)]


def print_profile(run: Callable[[], object]) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(run)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs()
    print("\nProfile of the clean run (cProfile, same articles), top 25 by cumulative time:\n")
    stats.sort_stats("cumulative").print_stats(25)
    print("Top 25 by own time:\n")
    stats.sort_stats("tottime").print_stats(25)


def pysbd_run(articles: list[Article]) -> dict[str, float]:
    """Split every article into sentences with pySBD, one call per article."""
    import pysbd

    segmenters = {
        lang: pysbd.Segmenter(language=lang, clean=False, char_span=False) for lang in ("en", "ru")
    }
    for lang, segmenter in segmenters.items():
        segmenter.segment(CHROME[lang][-1] + ". " + CHROME[lang][0] + ".")  # warm-up
    rss_before = max_rss_mb()
    sentences = 0
    started = time.perf_counter()
    for article in articles:
        sentences += len(segmenters[article.lang].segment(article.text))
    return {
        "seconds": time.perf_counter() - started,
        "sentences": sentences,
        "rss_before": rss_before,
        "rss_after": max_rss_mb(),
    }


def pysbd_in_subprocess(count: int) -> dict[str, float]:
    """Run :func:`pysbd_run` in a fresh interpreter so its memory stays its own."""
    done = subprocess.run(
        [sys.executable, __file__, "--pysbd-worker", str(count)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


# --- report ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK} articles instead of {FULL}")
    parser.add_argument("--profile", action="store_true", help="cProfile the clean run, top 25")
    parser.add_argument("--pysbd-worker", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not BENCH.is_dir():
        print(f"bench data not found: {BENCH}", file=sys.stderr)
        return 2
    if args.pysbd_worker is not None:
        print(json.dumps(pysbd_run(build_articles(args.pysbd_worker))))
        return 0
    count = QUICK if args.quick else FULL
    articles = build_articles(count)
    words = sum(article.words for article in articles)
    russian = sum(article.lang == "ru" for article in articles)
    print(
        f"{count} articles (seed {SEED}), {words:,} words, {words / count:.0f} per article; "
        f"{count - russian} English with a Russian title, {russian} Russian"
    )
    ours, run_again = clean_run(articles)
    theirs = pysbd_in_subprocess(count)
    rows = [
        [
            "transclean clean (segment_bytes + clean_document + bilingual writer)",
            f"{ours['seconds']:.2f}",
            f"{words / ours['seconds']:,.0f}",
            f"{ours['rss_after']:.0f} ({ours['rss_before']:.0f} before)",
        ],
        [
            "pySBD sentence splitting alone (en/ru, clean=False)",
            f"{theirs['seconds']:.2f}",
            f"{words / theirs['seconds']:,.0f}",
            f"{theirs['rss_after']:.0f} ({theirs['rss_before']:.0f} before)",
        ],
    ]
    print()
    print_table(["run", "seconds", "words/s", "peak RSS MB"], rows)
    total = ours["seconds"]
    print(
        f"\n   clean stages: read+segment {ours['segment']:.2f} s "
        f"({100 * ours['segment'] / total:.0f}%), check+correct {ours['check']:.2f} s "
        f"({100 * ours['check'] / total:.0f}%), bilingual writer {ours['write']:.2f} s "
        f"({100 * ours['write'] / total:.0f}%); {ours['edits']:,.0f} edits applied, "
        f"{ours['written'] / 1e6:.1f} MB of review written; "
        f"loading the pipeline + first article: {ours['warm_up']:.2f} s (not counted)"
    )
    print(
        f"   clean memory: {ours['rss_start']:.0f} MB with the articles generated, "
        f"{ours['rss_before']:.0f} MB with the pipeline loaded, {ours['rss_after']:.0f} MB peak"
    )
    print(f"   pySBD: {theirs['sentences']:,.0f} sentences")
    ratio = theirs["seconds"] / total
    verdict = "met" if ratio > 1 else "NOT met"
    print(
        f"\n   clean / pySBD speed: {ratio:.2f}x "
        f"(target > 1: the whole of clean faster than pySBD's splitting alone) -> {verdict}"
    )
    if args.profile:
        print_profile(run_again)
    return 0


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print("   " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("   " + "  ".join("-" * w for w in widths))
    for row in rows:
        print("   " + "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    raise SystemExit(main())
