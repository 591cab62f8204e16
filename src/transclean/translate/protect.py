"""Carry glossary terms through machine translation unchanged in meaning.

Before translation every glossary term of a segment (any inflected form, found by the glossary
matcher, :mod:`transclean.glossary.matcher`) is replaced by a placeholder ``⟦n⟧``: brackets an
engine copies as they are (never ``_``, which Argos's decoder turns into spaces). Words that are
a term of several concepts are masked as the one the matcher trusts, and the segment is marked
unverified. After translation each placeholder becomes its concept's preferred term in
the target language, inflected for Russian targets. The output is then verified: each
placeholder came back exactly once and the glossary finds every expected concept in it.
Failing that, the segment is translated again with the target terms written into the source;
failing again, it is marked unverified, which the pipeline reports as ``mt.term-unverified``.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from transclean.glossary.matcher import TermMatch, matcher_for, tokenize
from transclean.glossary.model import Glossary
from transclean.glossary.morphology import match_case
from transclean.translate.engine import Engine

TERM_UNVERIFIED = "mt.term-unverified"
OK, UNVERIFIED = "ok", "unverified"

_PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧")  # engines may space the brackets out
_BRACKET = re.compile(r"[⟦⟧]")
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+)$")
_PREVIOUS_WORD = re.compile(r"([\w-]+)\s*$")
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def placeholder(number: int) -> str:
    """Return the placeholder that stands for the ``number``-th term of a segment."""
    return f"⟦{number}⟧"


@dataclass(frozen=True, slots=True)
class ProtectedTerm:
    """A glossary term masked in a source segment: ``source`` is ``text[start:end]``."""

    number: int
    start: int
    end: int
    source: str
    concept_id: str
    target: str  # the preferred target term, as the glossary writes it
    plural: bool  # English source matched through a plural form


@dataclass(frozen=True, slots=True)
class Masked:
    """A source segment with its glossary terms replaced by placeholders.

    ``problems`` names source words that are terms of several concepts: one of them is
    masked, and the translation cannot be verified against the others.
    """

    source: str
    text: str
    terms: tuple[ProtectedTerm, ...]
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SegmentTranslation:
    """The translation of one segment, whether its glossary terms were verified, and why not."""

    source: str
    text: str
    status: str  # OK or UNVERIFIED
    terms: tuple[ProtectedTerm, ...]
    attempts: int  # 1: placeholders held; 2: retried with the target terms in the source
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TranslationBatch:
    """Translations in input order, and the time protection added beside the engine's."""

    segments: tuple[SegmentTranslation, ...]
    protect_seconds: float  # masking, restoring and verifying
    engine_seconds: float


def mask(text: str, src: str, tgt: str, glossary: Glossary) -> Masked:
    """Replace each glossary term of ``text`` that has a ``tgt`` term by a placeholder."""
    terms: list[ProtectedTerm] = []
    parts: list[str] = []
    problems: list[str] = []
    at = 0
    for readings in _find_terms(text, src, glossary):
        # A word in a third language, or a concept the glossary leaves untranslated, is left
        # to the engine.
        options = [
            (match, preferred.text)
            for match in readings
            if match.lang == src and (preferred := match.concept.preferred(tgt))
        ]
        if not options:
            continue
        match, target = options[0]
        surface = text[match.start : match.end]
        targets = sorted({target for _, target in options})
        if len(targets) > 1:
            problems.append(f"{surface!r} may be any of {', '.join(map(repr, targets))}")
        number = len(terms) + 1
        terms.append(
            ProtectedTerm(
                number, match.start, match.end, surface, match.concept.id, target, match.plural
            )
        )
        parts += [text[at : match.start], placeholder(number)]
        at = match.end
    parts.append(text[at:])
    return Masked(text, "".join(parts), tuple(terms), tuple(problems))


def _find_terms(text: str, lang: str, glossary: Glossary) -> list[tuple[TermMatch, ...]]:
    """Return the glossary's terms in a ``lang`` segment, each as every concept it may be."""
    # The segment's language is given, not detected: detection on a short segment can
    # mislabel it (Russian as Ukrainian), and word keys are per language.
    return matcher_for(glossary).find_readings(tokenize(text, [(0, len(text), lang)]))


def restore(translation: str, masked: Masked, tgt: str) -> tuple[str, list[str]]:
    """Put each term's target form where its placeholder came back; list what went wrong."""
    by_number = {term.number: term for term in masked.terms}
    seen = Counter(int(m.group(1)) for m in _PLACEHOLDER.finditer(translation))
    problems = [f"placeholder {placeholder(n)} lost" for n in by_number if seen[n] == 0]
    problems += [f"placeholder {placeholder(n)} repeated" for n in sorted(seen) if seen[n] > 1]
    problems += [
        f"unknown placeholder {placeholder(n)}" for n in sorted(seen) if n not in by_number
    ]

    def replace(found: re.Match[str]) -> str:
        term = by_number.get(int(found.group(1)))
        if term is None:
            return found.group(0)
        return target_form(term, translation[: found.start()], tgt)

    return _PLACEHOLDER.sub(replace, translation), problems


def target_form(term: ProtectedTerm, before: str, tgt: str) -> str:
    """Return the term's target form for the place after ``before`` in the translation."""
    text = term.target
    if tgt == "ru":
        previous = _PREVIOUS_WORD.search(before)
        case = _GOVERNED_CASE.get(previous.group(1).lower(), "nomn") if previous else "nomn"
        text = inflect_ru_to(text, case, "plur" if term.plural else "sing")
    if _SENTENCE_START.search(before) and text[:1].islower():
        text = text[:1].upper() + text[1:]  # the term now opens the sentence
    # A source written in capitals ("ДУПИЛУМАБ") stays in capitals; a capital that only opened
    # the source sentence does not follow the term to the middle of the translation.
    return match_case(term.source, text, term.target) if term.source.isupper() else text


# The case a Russian preposition governs, for a term placed right after it. "в" and "на" also
# take the accusative (direction); the prepositional is the likelier reading in medical prose.
_GOVERNED_CASE = dict.fromkeys(
    [
        "без",
        "для",
        "до",
        "из",
        "от",
        "у",
        "около",
        "после",
        "против",
        "вокруг",
        "кроме",
        "среди",
        "вследствие",
        "из-за",
    ],
    "gent",
)
_GOVERNED_CASE |= dict.fromkeys(["к", "ко", "благодаря", "согласно"], "datv")
_GOVERNED_CASE |= dict.fromkeys(["с", "со", "над", "под", "перед", "между"], "ablt")
_GOVERNED_CASE |= dict.fromkeys(["о", "об", "обо", "при", "в", "во", "на"], "loct")


def inflect_ru_to(phrase: str, case: str, number: str) -> str:
    """Put a Russian noun group in its lemma form into ``case`` and ``number``.

    As in :func:`transclean.glossary.morphology.inflect_ru`, only the words up to and including
    the head noun agree; dependents after it ("волосистой части головы") stay as written. A
    word pymorphy3 does not know is declined regularly or left as written, never by a guess
    that changes its stem ("дапсона", not "дапсна").
    """
    if (case, number) == ("nomn", "sing"):
        return phrase
    from transclean.glossary.morphology import analyzer, regular_form

    parts = re.split(r"(\w+)", phrase)
    for index in range(1, len(parts), 2):
        word = parts[index]
        if parts[index + 1] == "-" and _CYRILLIC.match(parts[index + 2][:1]):
            continue  # "альфа-субъединица", "Т-хелперы": only the part after the hyphen declines
        parses = analyzer().parse(word.lower())
        if _CYRILLIC.search(word) and not any(p.is_known for p in parses):
            regular = regular_form(word.lower(), case, number)
            if regular is None:
                break  # no regular declension to follow: leave it and the rest as written
            parts[index] = match_case(word, regular[0])
            if regular[1] == "NOUN":
                break
            continue
        parse = next(
            (p for p in parses if p.tag.case == "nomn" and {"NOUN", "ADJF"} & p.tag.grammemes),
            None,
        )
        if parse is None:
            break  # a Latin name or an unknown word: leave it and the rest as written
        inflected = parse.inflect({case, number})
        if inflected is not None:
            parts[index] = match_case(word, inflected.word)
        if "NOUN" in parse.tag:
            break
    return "".join(parts)


def verify(text: str, masked: Masked, tgt: str, glossary: Glossary) -> list[str]:
    """List the expected target terms the glossary cannot find in ``text``, and stray brackets."""
    found: Counter[str] = Counter()
    for readings in _find_terms(text, tgt, glossary):
        # Words that are a term of several concepts stand for each of them here.
        found.update({match.concept.id for match in readings if match.lang == tgt})
    expected = Counter(term.concept_id for term in masked.terms)
    targets = {term.concept_id: term.target for term in masked.terms}
    problems = [
        f"{targets[concept]!r} missing from the translation"
        for concept, count in expected.items()
        if found[concept] < count
    ]
    if _BRACKET.search(text):
        problems.append("placeholder brackets left in the translation")
    return problems


def with_targets(masked: Masked) -> str:
    """Return the source with each protected term written as its target term (the retry)."""
    parts: list[str] = []
    at = 0
    for term in masked.terms:
        parts += [masked.source[at : term.start], term.target]
        at = term.end
    parts.append(masked.source[at:])
    return "".join(parts)


def translate_protected(
    engine: Engine, texts: Sequence[str], src: str, tgt: str, glossary: Glossary
) -> TranslationBatch:
    """Translate ``texts`` with glossary terms protected, verified and, if need be, retried."""
    protect = engine_time = 0.0
    started = time.perf_counter()
    masked = [mask(text, src, tgt, glossary) for text in texts]
    protect += time.perf_counter() - started

    started = time.perf_counter()
    first = engine.translate([m.text for m in masked], src, tgt)
    engine_time += time.perf_counter() - started

    started = time.perf_counter()
    outcomes: list[tuple[str, list[str]]] = []
    for item, output in zip(masked, first, strict=True):
        restored, problems = restore(output, item, tgt)
        problems += verify(restored, item, tgt, glossary)
        outcomes.append((restored, problems))
    retry = [i for i, (_, problems) in enumerate(outcomes) if problems]
    protect += time.perf_counter() - started

    started = time.perf_counter()
    second = engine.translate([with_targets(masked[i]) for i in retry], src, tgt) if retry else []
    engine_time += time.perf_counter() - started

    started = time.perf_counter()
    retried = dict(zip(retry, second, strict=True))
    results: list[SegmentTranslation] = []
    for index, (item, (restored, problems)) in enumerate(zip(masked, outcomes, strict=True)):
        text, attempts = restored, 1
        if index in retried:
            attempts = 2
            again = verify(retried[index], item, tgt, glossary)
            # Keep whichever attempt lost less; both attempts' problems are reported.
            if len(again) < len(problems):
                text = retried[index]
            problems = [*problems, *again] if again else []
        # An ambiguous source word is no reason to retry: the retry would write the same guess.
        problems = [*item.problems, *problems]
        status = UNVERIFIED if problems else OK
        results.append(
            SegmentTranslation(item.source, text, status, item.terms, attempts, tuple(problems))
        )
    protect += time.perf_counter() - started
    return TranslationBatch(tuple(results), protect, engine_time)
