"""Benchmark glossary matching and misspelling detection; prints every figure in one run.

    python benchmarks/glossary.py            # from the repository root, with the venv active

1. Matching time per 1,000 words with generated 10-, 10,000- and 100,000-term glossaries
   (seeded; single- and multi-word, Russian and English, a tenth of concepts with deprecated
   variants), beside two peers: plain Aho-Corasick over lowercased text (no morphology, no
   language) and a Python ``re`` alternation of the terms.
2. Loading a 100,000-term glossary: TSV written to a temp dir, ``load_glossary`` + matcher build.
3. Misspelling recall on real INNs (English) and their Russian forms, one random edit each,
   each in a sentence run through the real TermCheck; beside pyspellchecker (distance 1) with
   the same INN list loaded.
4. False flags of the full TermCheck (default glossary) per 10,000 words of ordinary text.

Reads ``../shared`` (bench data and lexicon); writes only to a temporary folder.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from transclean import segment_string  # noqa: E402
from transclean.checks.base import CheckContext  # noqa: E402
from transclean.checks.terms import TermCheck  # noqa: E402
from transclean.config import Options  # noqa: E402
from transclean.glossary.io import default_glossary, load_glossary  # noqa: E402
from transclean.glossary.matcher import (  # noqa: E402
    TermMatcher,
    clear_word_caches,
    document_contexts,
    tokenize,
)
from transclean.glossary.model import Concept, Glossary, Term, TermStatus  # noqa: E402
from transclean.glossary.morphology import RU_ENDINGS, analyzer  # noqa: E402
from transclean.glossary.spelling import Speller, english_words, lexicon  # noqa: E402

SEED = 20240611
EN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
RU_LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
_WORD = re.compile(r"\w+")


def words_in(text: str) -> int:
    return len(_WORD.findall(text))


# --- glossary generation ---------------------------------------------------------------------


def vocabularies() -> dict[str, list[str]]:
    """Word pools: uncommon English words, INNs, Russian nouns/adjectives, Russian INN forms."""
    from spellchecker import SpellChecker

    frequency = SpellChecker(language="en", distance=1).word_frequency
    by_count = sorted(frequency.dictionary.items(), key=lambda item: (-item[1], item[0]))
    ranked = [w for w, _ in by_count if w.isalpha() and len(w) >= 4]
    nouns: list[str] = []
    adjectives: list[str] = []
    # Lemmas of the first 600,000 dictionary forms: enough distinct Russian words to make the
    # build cost realistic without walking all five million forms.
    for index, (_, tag, normal, _, form) in enumerate(analyzer().dictionary.iter_known_words()):
        if index >= 600_000:
            break
        if form == 0 and not {"Name", "Surn", "Patr", "Geox", "Abbr"} & tag.grammemes:
            if tag.POS == "NOUN":
                nouns.append(normal)
            elif tag.POS == "ADJF":
                adjectives.append(normal)
    return {
        "en_common": ranked[:20_000],
        "en_rare": ranked[20_000:120_000],
        "en_inn": sorted(w for w in lexicon("inn_en.txt") if w.isalpha()),
        "ru_noun": sorted(set(nouns)),
        "ru_adj": sorted(set(adjectives)),
        "ru_inn": sorted(w for w in lexicon("inn_ru_translit.txt") if w.isalpha()),
    }


def generate_glossary(size: int, pools: dict[str, list[str]], seed: int = SEED) -> Glossary:
    """Return a glossary of exactly ``size`` terms, the same for the same seed."""
    rng = random.Random(seed)
    morph = analyzer()
    concepts: list[Concept] = []
    terms_made = 0
    seen: set[str] = set()

    def en_term() -> str:
        if rng.random() < 0.4:
            return rng.choice(pools["en_inn"] if rng.random() < 0.5 else pools["en_rare"])
        modifiers = [
            rng.choice(pools["en_common"] + pools["en_rare"])
            for _ in range(rng.choice((1, 1, 2, 3)))
        ]
        head = rng.choice(pools["en_rare"] + pools["en_inn"])
        return " ".join([*modifiers, head])

    def ru_term() -> str:
        if rng.random() < 0.4:
            return rng.choice(pools["ru_inn"] if rng.random() < 0.5 else pools["ru_noun"])
        noun = rng.choice(pools["ru_noun"])
        tag = morph.parse(noun)[0].tag
        gender = next((g for g in ("masc", "femn", "neut") if g in tag), "masc")
        words = []
        for _ in range(rng.choice((1, 1, 2))):
            parse = morph.parse(rng.choice(pools["ru_adj"]))[0]
            agreed = parse.inflect({gender, "sing", "nomn"}) or parse
            words.append(agreed.word)
        words.append(noun)
        if rng.random() < 0.2:  # a genitive dependent: "… кожи головы"
            dependent = morph.parse(rng.choice(pools["ru_noun"]))[0]
            words.append((dependent.inflect({"gent"}) or dependent).word)
        return " ".join(words)

    def fresh(make: Callable[[], str]) -> str:
        while True:
            text = make()
            if text not in seen:
                seen.add(text)
                return text

    while terms_made < size:
        terms = [Term(fresh(en_term), "en"), Term(fresh(ru_term), "ru")]
        if len(concepts) % 10 == 9:
            terms += [
                Term(fresh(en_term), "en", TermStatus.DEPRECATED),
                Term(fresh(ru_term), "ru", TermStatus.DEPRECATED),
            ]
        terms = terms[: size - terms_made]
        terms_made += len(terms)
        concepts.append(Concept(f"c{len(concepts)}", tuple(terms)))
    return Glossary(tuple(concepts), ("en", "ru"))


def write_tsv(glossary: Glossary, path: Path) -> None:
    """Write our TSV glossary form: one concept per row, terms of one column joined by " | "."""
    columns = [
        ("en", TermStatus.PREFERRED),
        ("en", TermStatus.DEPRECATED),
        ("ru", TermStatus.PREFERRED),
        ("ru", TermStatus.DEPRECATED),
    ]
    header = ["id"] + [
        lang if s is TermStatus.PREFERRED else f"{lang}:{s.value}" for lang, s in columns
    ]
    lines = ["\t".join(header)]
    for concept in glossary.concepts:
        cells = [concept.id]
        for lang, status in columns:
            cells.append(
                " | ".join(t.text for t in concept.terms if t.lang == lang and t.status is status)
            )
        lines.append("\t".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- 1. matching speed ------------------------------------------------------------------------


def bench_text() -> str:
    """About 28,000 words: the sample article and ordinary English and Russian sentences."""
    parts = [(ROOT / "samples" / "dupilumab-alopecia.txt").read_text(encoding="utf-8")]
    for lang in ("en", "ru"):
        lines = (SHARED / "bench-data" / f"langid_{lang}_sentences.txt").read_text(encoding="utf-8")
        parts.append("\n\n".join(lines.splitlines()))
    return "\n\n".join(parts)


def timed(action: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall time of ``repeat`` runs, and the last result."""
    times = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def regex_peer(glossary: Glossary) -> Callable[[str], int]:
    pattern = re.compile(
        r"\b(?:"
        + "|".join(
            sorted(
                (re.escape(t.text) for c in glossary.concepts for t in c.terms),
                key=len,
                reverse=True,
            )
        )
        + r")\b",
        re.IGNORECASE,
    )
    return lambda text: sum(1 for _ in pattern.finditer(text))


def plain_ac_peer(glossary: Glossary) -> Callable[[str], int]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for concept in glossary.concepts:
        for term in concept.terms:
            automaton.add_word(term.text.lower(), term.text)
    automaton.make_automaton()
    return lambda text: sum(1 for _ in automaton.iter(text.lower()))


def bench_matching(pools: dict[str, list[str]]) -> dict[int, Glossary]:
    text = bench_text()
    document = segment_string(text)
    contexts = document_contexts(document)
    thousands = words_in(text) / 1000
    print(f"\n1. Matching time per 1,000 words ({words_in(text):,} words of text; median of 5)")
    start = time.perf_counter()
    tokenize(text, contexts)
    print(
        f"   first tokenisation (computes every word key, pymorphy3 included): "
        f"{(time.perf_counter() - start) / thousands * 1000:.2f} ms/1k words"
    )
    glossaries: dict[int, Glossary] = {}
    rows = []
    for size in (10, 10_000, 100_000):
        glossary = generate_glossary(size, pools)
        glossaries[size] = glossary
        matcher = TermMatcher(glossary)
        seconds, matches = timed(lambda m=matcher: m.find(tokenize(text, contexts)), 5)
        found = len(matches)  # type: ignore[arg-type]
        plain = plain_ac_peer(glossary)
        plain_s, _ = timed(lambda p=plain: p(text), 5)
        if size <= 10_000:
            regex = regex_peer(glossary)
            regex_s, _ = timed(lambda r=regex: r(text), 1 if size > 10 else 5)
            regex_ms = f"{regex_s / thousands * 1000:9.2f}"
        else:
            regex_ms = "  skipped"  # a 100,000-way alternation takes minutes per run
        rows.append((size, seconds / thousands * 1000, found, plain_s / thousands * 1000, regex_ms))
    print(
        "   terms      transclean   matches   plain-AC(lowercase)   re-alternation"
        "   (ms per 1k words)"
    )
    for size, ms, found, plain_ms, regex_ms in rows:
        print(f"   {size:>7,}   {ms:10.2f}   {found:7,}   {plain_ms:19.2f}   {regex_ms:>14}")
    ratio = rows[2][1] / rows[0][1]
    print(f"   100,000-term time / 10-term time: {ratio:.2f}x (target within 2x)")
    return glossaries


# --- 2. loading -------------------------------------------------------------------------------


def bench_loading(glossary: Glossary) -> None:
    print("\n2. Loading a 100,000-term glossary (TSV in a temp dir)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.ru-en.tsv"
        write_tsv(glossary, path)
        clear_word_caches()  # no help from keys computed by part 1
        cpu_start = time.process_time()
        start = time.perf_counter()
        loaded = load_glossary(path)
        loaded_at = time.perf_counter()
        matcher = TermMatcher(loaded)
        built_at = time.perf_counter()
        cpu_total = time.process_time() - cpu_start
        Speller(loaded)
        spelled_at = time.perf_counter()
    terms = sum(len(c.terms) for c in loaded.concepts)
    total = built_at - start
    print(
        f"   {terms:,} terms in {len(loaded.concepts):,} concepts: load_glossary "
        f"{loaded_at - start:.2f} s + matcher build {built_at - loaded_at:.2f} s "
        f"({len(matcher):,} patterns) = {total:.2f} s wall, {cpu_total:.2f} s CPU (target < 5 s)"
    )
    print(f"   speller for its terms (built on first check): {spelled_at - built_at:.2f} s")


# --- 3. misspelling recall --------------------------------------------------------------------


def one_edit(word: str, rng: random.Random, letters: str) -> tuple[str, str]:
    kind = rng.choice(("insertion", "deletion", "substitution", "transposition"))
    i = rng.randrange(len(word))
    if kind == "insertion":
        return kind, word[:i] + rng.choice(letters) + word[i:]
    if kind == "deletion":
        return kind, word[:i] + word[i + 1 :]
    if kind == "substitution":
        return kind, word[:i] + rng.choice(letters.replace(word[i], "")) + word[i + 1 :]
    i = min(i, len(word) - 2)
    return kind, word[:i] + word[i + 1] + word[i] + word[i + 2 :]


EN_TEMPLATES = (
    "The patient was treated with {} for six weeks.",
    "{} was stopped after two months.",
    "We compared {} with placebo in adults.",
)
RU_TEMPLATES = ("Пациенту назначили {} на шесть недель.", "{} отменили через два месяца.")
RU_INSTRUMENTAL = "Лечение {} продолжали год."


_VOWEL_FINAL = "аеёиоуыэюяйь"


def real_word(word: str, lang: str, names: frozenset[str]) -> bool:
    """Is ``word`` another real word or INN (or, in Russian, a correct case form of an INN)?

    Decided without the checker's own dictionary logic: English by pyspellchecker's list and the
    UNII drug words; Russian by pymorphy3's dictionary, or an INN (minus its final vowel) plus
    one case ending.
    """
    if word in names:
        return True
    if lang == "en":
        return word in english_words() or word in lexicon("unii_drug_words.txt")
    if analyzer().word_is_known(word):
        return True
    for ending in ("", *RU_ENDINGS):
        base = word[: len(word) - len(ending)] if ending and word.endswith(ending) else None
        if base is None:
            continue
        if base in names or any(base + vowel in names for vowel in _VOWEL_FINAL):
            return True
    return False


def misspelt_cases(
    lang: str, count: int, rng: random.Random
) -> Iterator[tuple[str, str, str, str]]:
    """Yield (kind, sentence, misspelt word, expected suggestion) for ``count`` names."""
    names = frozenset(
        w for w in lexicon("inn_en.txt" if lang == "en" else "inn_ru_translit.txt") if w.isalpha()
    )
    letters = EN_LETTERS if lang == "en" else RU_LETTERS
    made = 0
    for name in rng.sample(sorted(names), len(names)):
        if made == count:
            return
        for _ in range(5):  # retry edits that give another real word or INN
            kind, wrong = one_edit(name, rng, letters)
            expected = name
            template = rng.choice(EN_TEMPLATES if lang == "en" else RU_TEMPLATES)
            consonant_final = lang == "ru" and name[-1] not in _VOWEL_FINAL
            if consonant_final and wrong[-1] not in _VOWEL_FINAL and rng.random() < 0.5:
                wrong, expected, template = wrong + "ом", name + "ом", RU_INSTRUMENTAL
            if not real_word(wrong, lang, names):
                break
        else:
            continue
        if template.startswith("{}"):
            wrong, expected = wrong.capitalize(), expected.capitalize()
        made += 1
        yield kind, template.format(wrong), wrong, expected


def bench_recall(glossary: Glossary) -> None:
    print("\n3. Misspelling recall: one random edit of a real name, in a sentence, real TermCheck")
    check = TermCheck()
    for lang, count in (("en", 600), ("ru", 600)):
        rng = random.Random(SEED + len(lang) + ord(lang[0]))
        peer = _peer_speller(lang)
        stats: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        kinds_found: Counter[str] = Counter()
        start = time.perf_counter()
        for kind, sentence, wrong, expected in misspelt_cases(lang, count, rng):
            document = segment_string(sentence)
            flags = [
                f
                for f in check.run(CheckContext(document, glossary, Options()))
                if f.rule == "term.misspelling"
            ]
            hit = next((f for f in flags if f.text == wrong), None)
            stats["cases"] += 1
            kinds[kind] += 1
            if hit is not None:
                stats["found"] += 1
                kinds_found[kind] += 1
                stats["right first"] += hit.suggestion == expected
            stats["other flags"] += sum(1 for f in flags if f is not hit)
            lowered = wrong.lower()
            if peer.unknown([lowered]):
                stats["peer found"] += 1
                stats["peer right"] += (peer.correction(lowered) or "") == expected.lower()
        seconds = time.perf_counter() - start
        n = stats["cases"]
        print(
            f"   {lang}: {n} names; recall {stats['found'] / n:.1%} "
            f"(target {'95' if lang == 'en' else '90'}%), right suggestion first "
            f"{stats['right first'] / max(stats['found'], 1):.1%} of found (target 95%), "
            f"other flags {stats['other flags']}; {seconds / n * 1000:.1f} ms/sentence"
        )
        by_kind = ", ".join(f"{k} {kinds_found[k]}/{kinds[k]}" for k in sorted(kinds))
        print(f"       by edit: {by_kind}")
        print(
            f"       peer pyspellchecker(distance=1, INNs loaded): recall "
            f"{stats['peer found'] / n:.1%}, right first "
            f"{stats['peer right'] / max(stats['peer found'], 1):.1%} of found"
        )


def _peer_speller(lang: str):  # type: ignore[no-untyped-def]
    from spellchecker import SpellChecker

    peer = SpellChecker(language=lang, distance=1)
    names = lexicon("inn_en.txt" if lang == "en" else "inn_ru_translit.txt")
    peer.word_frequency.load_words([w for w in names if w.isalpha()])
    return peer


# --- 4. false flags ---------------------------------------------------------------------------


def bench_false_flags() -> None:
    glossary = default_glossary()
    print(
        f"\n4. False flags of TermCheck on ordinary text (default glossary: "
        f"{sum(len(c.terms) for c in glossary.concepts):,} terms)"
    )
    check = TermCheck()
    for lang in ("en", "ru"):
        lines = (SHARED / "bench-data" / f"langid_{lang}_sentences.txt").read_text(encoding="utf-8")
        text = "\n\n".join(lines.splitlines())
        document = segment_string(text)
        start = time.perf_counter()
        flags = list(check.run(CheckContext(document, glossary, Options())))
        seconds = time.perf_counter() - start
        words = words_in(text)
        print(
            f"   {lang}: {len(flags)} flags in {words:,} words = "
            f"{len(flags) / words * 10_000:.2f} per 10,000 words (target <= 1); "
            f"check {seconds:.2f} s"
        )
        for flag in flags:
            print(f"       {flag.rule}: {flag.text!r}: {flag.message}")
        # The peer flags every word it does not know and can correct (no clean target list).
        peer = _peer_speller(lang)
        candidates = [w.lower() for w in _WORD.findall(text) if w.isalpha() and len(w) >= 5]
        unknown = [
            w for w in candidates if peer.unknown([w]) and peer.correction(w) not in (None, w)
        ]
        print(
            f"       peer pyspellchecker(distance=1, INNs loaded), words of 5+ letters it would "
            f"correct: {len(unknown) / words * 10_000:.1f} per 10,000 words"
        )


def main() -> None:
    start = time.perf_counter()
    english_words()  # load shared lists once, outside every timing
    pools = vocabularies()
    glossaries = bench_matching(pools)
    bench_loading(glossaries[100_000])
    bench_recall(default_glossary())
    bench_false_flags()
    print(f"\nwhole run: {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
