"""Grow a glossary from review: accepted and typed term corrections become glossary entries.

An editor who accepts "dumilumab → dupilumab" or replaces "screaming acid" by "squaric acid"
has said which form is wrong and which is right. :func:`lessons` reads those pairs from
decisions files (no rerun needed: each record keeps the flagged text, the suggestion, the
replacement and the language); :func:`add_lessons` adds each as a deprecated → preferred pair,
to the concept that already has the preferred term or to a new concept, never twice.

Terms are stored in dictionary form so the matcher and the suggestion inflection work: a
Russian noun group goes into the nominative singular ("атопической экземы" → "атопическая
экзема"), and a capital that only marks the start of a sentence is dropped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from transclean.errors import InputError
from transclean.glossary.model import Concept, Glossary, Term, TermStatus
from transclean.model import UNDETERMINED, Action
from transclean.review.decisions import DecisionRecord, DecisionsFile, load_decisions

# Rules whose accepted suggestion names a wrong form and its right one; an inconsistency or
# an odd chemical name only teaches something when the editor types the right form.
ACCEPT_TEACHES = ("term.deprecated", "term.misspelling")
REPLACE_TEACHES_FAMILY = "term."
_WORD_OR_GAP = re.compile(r"(\w+)")
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Lesson:
    """One pair learned from a decision: ``deprecated`` is wrong, ``preferred`` is right."""

    lang: str
    deprecated: str
    preferred: str
    origin: str  # "decisions file: flag id", for notes and the concept's origin


@dataclass
class LearnReport:
    """What learning did: the new glossary and a note on every pair not added."""

    glossary: Glossary
    added: int = 0
    notes: list[str] = field(default_factory=list)


def lessons(decisions: DecisionsFile, origin: str, lang: str | None = None) -> list[Lesson]:
    """The deprecated → preferred pairs in one decisions file, in dictionary form.

    ``lang`` overrides each decision's own language (the language of its sentence).
    """
    found: list[Lesson] = []
    for record in decisions.records:
        preferred = _taught(record)
        if preferred is None:
            continue
        language = lang or (record.lang if record.lang != UNDETERMINED else decisions.language)
        if language == UNDETERMINED:
            continue
        wrong = dictionary_form(record.text, language, record.sentence_start)
        right = dictionary_form(preferred, language, record.sentence_start)
        if wrong and right and wrong.casefold() != right.casefold():
            found.append(Lesson(language, wrong, right, f"{origin}: {record.flag_id}"))
    return found


def _taught(record: DecisionRecord) -> str | None:
    """The right form a decision teaches, or None when it teaches nothing."""
    if record.action is Action.ACCEPT and record.rule in ACCEPT_TEACHES:
        right = record.replacement if record.replacement is not None else record.suggestion
    elif record.action is Action.REPLACE and record.rule.startswith(REPLACE_TEACHES_FAMILY):
        right = record.replacement
    else:
        return None
    return right if right and right.strip() else None


def dictionary_form(text: str, lang: str, sentence_start: bool = False) -> str:
    """Return ``text`` as a glossary writes a term: one spacing, nominative, no sentence capital."""
    phrase = " ".join(text.split())
    if sentence_start:
        phrase = _drop_sentence_capital(phrase)
    if lang == "ru" and _CYRILLIC.search(phrase):
        phrase = nominative_ru(phrase)
    return phrase


def _drop_sentence_capital(phrase: str) -> str:
    """Lowercase a capital that only opens the sentence: "Screaming acid", not "Baku Snake"."""
    words = phrase.split(" ")
    first = words[0]
    title_case = first[:1].isupper() and first[1:] == first[1:].lower()
    later_capitals = any(ch.isupper() for word in words[1:] for ch in word)
    if title_case and not later_capitals and len(first) > 1:
        return first[:1].lower() + phrase[1:]
    return phrase


def nominative_ru(phrase: str) -> str:
    """Put a Russian noun group into the nominative singular ("атопического дерматита").

    The group is the leading adjectives and the head noun they agree with (case, number and,
    in the singular, gender); words after the head ("алопеция волосистой части") are left as
    written, as ``inflect_ru`` leaves them. Without such a group the phrase is kept as it is.
    """
    from transclean.glossary.morphology import match_case

    parts = _WORD_OR_GAP.split(phrase)
    group = _noun_group([parts[i] for i in range(1, len(parts), 2)])
    if group is None:
        return phrase
    *modifiers, head = group
    nominative = head.inflect({"nomn", "sing"}) or head.inflect({"nomn"})
    if nominative is None:
        return phrase
    agree = {"nomn", str(nominative.tag.number)}
    if nominative.tag.number == "sing" and nominative.tag.gender:
        agree.add(str(nominative.tag.gender))
    forms = [m.inflect(agree) or m.inflect({"nomn"}) for m in modifiers] + [nominative]
    for position, form in enumerate(forms):
        index = 1 + 2 * position
        if form is not None:
            parts[index] = match_case(parts[index], form.word)
    return "".join(parts)


# Guesses pymorphy3 makes for words it does not know, which no term is declined like.
_NOT_A_HEAD = frozenset({"Name", "Surn", "Patr", "Abbr", "Fixd"})


def _noun_group(words: list[str]) -> list[Any] | None:
    """The parses of the leading words that form "[adjectives] noun", agreeing; else None."""
    from transclean.glossary.morphology import analyzer, normalise

    parses = []
    for word in words:
        if not _CYRILLIC.search(word):
            break
        parses.append(analyzer().parse(normalise(word).lower()))
    # The longest group wins: pymorphy3 guesses noun readings for unknown adjectives too.
    for head_at in reversed(range(len(parses))):
        for head in parses[head_at]:
            if "NOUN" not in head.tag or not head.tag.case or _NOT_A_HEAD & head.tag.grammemes:
                continue
            modifiers = [_agreeing(options, head) for options in parses[:head_at]]
            if all(m is not None for m in modifiers):
                return [*modifiers, head]
    return None


def _agreeing(options: list[Any], head: Any) -> Any | None:
    """The parse among ``options`` of an adjective or participle agreeing with ``head``."""
    for parse in options:
        tag = parse.tag
        if not {"ADJF", "PRTF"} & tag.grammemes:
            continue
        same = tag.case == head.tag.case and tag.number == head.tag.number
        if same and (tag.number != "sing" or tag.gender in (None, head.tag.gender)):
            return parse
    return None


def term_key(text: str, lang: str) -> str:
    """Compare terms as the matcher does: word by word, by each word's key."""
    from transclean.glossary.morphology import normalise, word_key

    return " ".join(word_key(normalise(w), lang) for w in re.findall(r"\w+", text))


def add_lessons(glossary: Glossary, learned: Iterable[Lesson]) -> LearnReport:
    """Add each lesson to ``glossary`` unless it is there already or contradicts it."""
    concepts = list(glossary.concepts)
    known: dict[tuple[str, str], tuple[int, Term]] = {}

    def index(position: int) -> None:
        for term in concepts[position].terms:
            known.setdefault((term.lang, term_key(term.text, term.lang)), (position, term))

    for position in range(len(concepts)):
        index(position)
    report = LearnReport(glossary)
    languages = list(glossary.languages)
    for lesson in learned:
        wrong = known.get((lesson.lang, term_key(lesson.deprecated, lesson.lang)))
        right = known.get((lesson.lang, term_key(lesson.preferred, lesson.lang)))
        if wrong is not None:
            if not wrong[1].status.is_forbidden:
                report.notes.append(f"{lesson.origin}: not learned: '{lesson.deprecated}' is an "
                                    f"allowed term of concept {concepts[wrong[0]].id}")
            continue  # already deprecated: nothing to add
        if right is not None and right[1].status.is_forbidden:
            report.notes.append(f"{lesson.origin}: not learned: '{lesson.preferred}' is itself "
                                f"{right[1].status.value} in concept {concepts[right[0]].id}")
            continue
        deprecated = Term(lesson.deprecated, lesson.lang, TermStatus.DEPRECATED)
        if right is not None:
            position = right[0]
            concepts[position] = replace(concepts[position],
                                         terms=(*concepts[position].terms, deprecated))
        else:
            position = len(concepts)
            concepts.append(Concept(
                id=_concept_id(lesson, {c.id for c in concepts}),
                terms=(Term(lesson.preferred, lesson.lang), deprecated),
                note="learned from review",
                origin=lesson.origin,
            ))
        index(position)
        report.added += 1
        if lesson.lang not in languages:
            languages.append(lesson.lang)
    report.glossary = Glossary(tuple(concepts), tuple(languages), glossary.sources)
    return report


def _concept_id(lesson: Lesson, taken: set[str]) -> str:
    """A stable id for a learned concept: the same pair always gets the same id."""
    seed = f"{lesson.lang}\0{lesson.preferred.casefold()}"
    digest = hashlib.blake2s(seed.encode(), digest_size=4).hexdigest()
    candidate, n = f"learned-{digest}", 1
    while candidate in taken:
        n += 1
        candidate = f"learned-{digest}-{n}"
    return candidate


def learn_files(
    decision_files: Sequence[str | Path],
    output: str | Path,
    fmt: str | None = None,
    *,
    lang: str | None = None,
    source_lang: str = "ru",
    target_lang: str = "en",
) -> tuple[LearnReport, tuple[str, ...]]:
    """Learn from decisions files into ``output`` (merged with it if it exists); save atomically.

    Returns the report and the notes on what the output format could not carry.
    """
    from transclean.glossary.io import load_glossary, save_glossary

    learned: list[Lesson] = []
    for path in decision_files:
        stored = load_decisions(path)
        if stored is None:
            raise InputError("no such decisions file", path=str(path))
        learned += lessons(stored, str(path), lang)
    target = Path(output)
    existing = (
        load_glossary(target, fmt=fmt, source_lang=source_lang, target_lang=target_lang)
        if target.exists() and target.stat().st_size > 0
        else Glossary()
    )
    report = add_lessons(existing, learned)
    notes = save_glossary(report.glossary, target, fmt, source_lang=source_lang,
                          target_lang=target_lang)
    return report, notes
