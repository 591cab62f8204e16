"""Find what makes a glossary contradict itself: conflicts, duplicates, homonyms, dead ends.

``transclean glossary check`` prints these. Errors are mistakes to fix (a term both allowed
and forbidden, an entry listed twice); warnings may be intended (a genuine homonym such as
"AA") but leave the term checker guessing.

Terms are compared the way a reader sees them: Unicode-normalised, whitespace collapsed,
ё = е, and case-folded unless the term is marked case-sensitive.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from transclean.glossary.formats.base import all_languages
from transclean.glossary.model import Concept, Glossary, Term, TermStatus
from transclean.model import Severity

KINDS = {
    "conflict": "a term allowed in one place and forbidden in another",
    "duplicate-term": "a term listed twice in one concept",
    "duplicate-id": "two concepts with the same id",
    "duplicate-entry": "two concepts with exactly the same terms",
    "homonym": "an allowed term in two different concepts",
    "ambiguous-fix": "a forbidden term with different replacements in two concepts",
    "no-allowed-term": "a language with only forbidden terms: nothing to suggest",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a glossary, reported at the concept (file:line) where it shows."""

    kind: str  # a key of KINDS
    severity: Severity
    message: str
    concept_id: str
    origin: str | None


def term_key(term: Term) -> str:
    """The form two terms must share to count as the same term."""
    text = " ".join(unicodedata.normalize("NFC", term.text).split())
    text = text.replace("ё", "е").replace("Ё", "Е")
    return text if term.case_sensitive else text.casefold()


def check_glossary(glossary: Glossary) -> list[Finding]:
    """Every finding, in file order (then by kind)."""
    findings: list[tuple[int, Finding]] = []
    concepts = glossary.concepts
    for index, finding in _duplicate_ids(concepts):
        findings.append((index, finding))
    # (lang, key) -> [(concept index, term)] across the whole glossary
    seen: dict[tuple[str, str], list[tuple[int, Term]]] = defaultdict(list)
    for index, concept in enumerate(concepts):
        findings.extend((index, f) for f in _within(concept))
        for term in concept.terms:
            seen[(term.lang, term_key(term))].append((index, term))
    pairs: set[tuple[int, int]] = set()  # concept pairs already reported as repeat or homonym
    for (lang, _), uses in seen.items():
        if len({i for i, _ in uses}) > 1:
            findings.extend(_across(concepts, lang, uses, pairs))
    findings.sort(key=lambda pair: (pair[0], pair[1].kind, pair[1].message))
    return [finding for _, finding in findings]


def _finding(kind: str, severity: Severity, message: str, concept: Concept) -> Finding:
    return Finding(kind, severity, message, concept.id, concept.origin)


def _where(concept: Concept) -> str:
    return f"{concept.id} ({concept.origin})" if concept.origin else concept.id


def _duplicate_ids(concepts: tuple[Concept, ...]) -> list[tuple[int, Finding]]:
    first: dict[str, Concept] = {}
    out = []
    for index, concept in enumerate(concepts):
        if concept.id in first:
            message = f"concept id '{concept.id}' is already used by {_where(first[concept.id])}"
            out.append((index, _finding("duplicate-id", Severity.ERROR, message, concept)))
        else:
            first[concept.id] = concept
    return out


def _within(concept: Concept) -> list[Finding]:
    """Terms repeated inside one concept, and languages with nothing to suggest."""
    out = []
    groups: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for term in concept.terms:
        groups[(term.lang, term_key(term))].append(term)
    for (lang, _), terms in groups.items():
        if len(terms) < 2:
            continue
        statuses = sorted({t.status.value for t in terms})
        if len({t.status.is_forbidden for t in terms}) > 1:
            message = f"'{terms[0].text}' ({lang}) is both {' and '.join(statuses)} in {concept.id}"
            out.append(_finding("conflict", Severity.ERROR, message, concept))
        else:
            message = f"'{terms[0].text}' ({lang}) is listed {len(terms)} times in {concept.id}"
            out.append(_finding("duplicate-term", Severity.ERROR, message, concept))
    for lang in dict.fromkeys(t.lang for t in concept.terms):
        in_lang = concept.terms_in(lang)
        if all(t.status.is_forbidden for t in in_lang):
            message = (f"{concept.id} has only forbidden {lang} terms "
                       f"({', '.join(repr(t.text) for t in in_lang)}): nothing to suggest instead")
            out.append(_finding("no-allowed-term", Severity.WARNING, message, concept))
    return out


def _across(
    concepts: tuple[Concept, ...], lang: str, uses: list[tuple[int, Term]],
    pairs: set[tuple[int, int]],
) -> list[tuple[int, Finding]]:
    """The same term in several concepts: a conflict, a repeated entry, or a homonym."""
    allowed = list(dict.fromkeys(i for i, t in uses if not t.status.is_forbidden))
    forbidden = list(dict.fromkeys(i for i, t in uses if t.status.is_forbidden))
    text = uses[0][1].text
    status = {i: t.status.value for i, t in uses}
    out = []
    if allowed:
        first = concepts[allowed[0]]
        for index in forbidden:
            if index in allowed:
                continue  # reported by _within as a conflict inside the concept
            message = (f"'{text}' ({lang}) is {status[index]} in {concepts[index].id} but "
                       f"{status[allowed[0]]} in {_where(first)}")
            out.append((index, _finding("conflict", Severity.ERROR, message, concepts[index])))
    for earlier, later in itertools.pairwise(allowed):
        if (earlier, later) in pairs:
            continue  # two concepts sharing several terms are one finding
        pairs.add((earlier, later))
        a, b = concepts[earlier], concepts[later]
        if _signature(a) == _signature(b):
            message = f"{b.id} repeats {_where(a)} (the same terms with the same statuses)"
            out.append((later, _finding("duplicate-entry", Severity.ERROR, message, b)))
        else:
            message = (f"'{text}' ({lang}) is allowed in both {b.id} and {_where(a)}: "
                       "a homonym, or two entries to merge")
            out.append((later, _finding("homonym", Severity.WARNING, message, b)))
    for earlier, later in itertools.pairwise(forbidden):
        a, b = concepts[earlier], concepts[later]
        fix_a, fix_b = a.preferred(lang), b.preferred(lang)
        if fix_a and fix_b and term_key(fix_a) != term_key(fix_b):
            message = (f"'{text}' ({lang}) is forbidden in {b.id} with '{fix_b.text}' to use "
                       f"instead, and in {_where(a)} with '{fix_a.text}'")
            out.append((later, _finding("ambiguous-fix", Severity.WARNING, message, b)))
    return out


def _signature(concept: Concept) -> frozenset[tuple[str, str, str]]:
    return frozenset((t.lang, term_key(t), t.status.value) for t in concept.terms)


def glossary_stats(glossary: Glossary) -> dict[str, object]:
    """Counts for ``transclean glossary stats``: concepts, terms per language and status."""
    per_lang: dict[str, dict[str, int]] = {}
    for lang in all_languages(glossary):
        per_lang[lang] = {"concepts": 0, "terms": 0} | {s.value: 0 for s in TermStatus}
    complete = 0
    for concept in glossary.concepts:
        langs = {t.lang for t in concept.terms}
        complete += langs >= per_lang.keys()
        for lang in langs:
            per_lang[lang]["concepts"] += 1
        for term in concept.terms:
            per_lang[term.lang]["terms"] += 1
            per_lang[term.lang][term.status.value] += 1
    terms = [t for c in glossary.concepts for t in c.terms]
    return {
        "concepts": len(glossary.concepts),
        "terms": len(terms),
        "languages": per_lang,
        "concepts_in_every_language": complete,
        "case_sensitive_terms": sum(t.case_sensitive for t in terms),
        "terms_with_part_of_speech": sum(t.part_of_speech is not None for t in terms),
        "concepts_with_subject": sum(c.subject is not None for c in glossary.concepts),
    }
