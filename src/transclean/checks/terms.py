"""Term checks: deprecated glossary terms, misspelt drug names, inconsistent terms, odd acids.

All four rules share one tokenisation and one glossary pass (see ``glossary.matcher``). Where a
glossary match and a rule without glossary cover the same words ("screaming acid" listed as
deprecated, and an unknown acid modifier), only the glossary flag is raised: it knows the fix.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache

from transclean.checks.base import CheckContext, Rule, make_flag
from transclean.glossary.matcher import TermMatch, Token, analyse, term_hints
from transclean.glossary.model import Glossary, Term
from transclean.glossary.morphology import (
    en_key,
    en_plurals,
    inflect_ru,
    match_case,
    normalise,
    possessive_length,
    ru_stem,
)
from transclean.glossary.spelling import (
    MIN_LENGTH,
    Candidate,
    FuzzyIndex,
    lexicon,
    max_edits,
    speller_for,
)
from transclean.model import Document, Flag, Severity
from transclean.segment.langmodel import latin_phrases

__all__ = ["RULES", "TermCheck", "term_hints"]

DEPRECATED = Rule("term.deprecated", "Deprecated glossary term", Severity.ERROR, True)
MISSPELLING = Rule("term.misspelling", "Misspelt drug name or term", Severity.ERROR, True)
INCONSISTENT = Rule("term.inconsistent", "One concept written two ways", Severity.WARNING, False)
SUSPICIOUS = Rule("term.suspicious", "Unknown chemical name", Severity.WARNING, False)
RULES = (DEPRECATED, MISSPELLING, INCONSISTENT, SUSPICIOUS)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words before "acid" that describe an acid without naming a compound ("strong acid", "gastric
# acid"), and function words ("the acid", "with acid"). Anything else that is not a known
# modifier is a suspect, such as the calque "screaming acid" for squaric acid.
_ACID_DESCRIPTORS = _wordset(
    """strong weak dilute diluted concentrated organic inorganic mineral gastric stomach total
    free excess residual aqueous glacial fuming hot cold warm boiling corrosive volatile
    nonvolatile conjugate conjugated saturated unsaturated monounsaturated polyunsaturated
    essential dietary trans cis omega amino fatty bile nucleic carboxylic sulfonic sulphonic
    phosphonic lewis bronsted brønsted fresh pure crude natural synthetic liquid solid
    battery industrial household excreted urinary serum plasma blood"""
)
_FUNCTION_WORDS = _wordset(
    """a an the this that these those which what whose any some each every no more most less
    much many other such same own and or nor but if than as of in on at to for with without by
    from into onto via per about after before under over between against through during is are
    was were be been being it its their his her our your my not also only even very so
    both either neither all one two three several"""
)


class TermCheck:
    """Check glossary terms, drug-name spelling and chemical names."""

    name = "terms"
    rules = RULES

    def run(self, context: CheckContext) -> Iterator[Flag]:
        document, glossary = context.document, context.glossary
        tokens, matches = analyse(document, glossary)
        yield from _deprecated(document, matches)
        yield from _inconsistent(document, matches)
        covered = _covered_tokens(tokens, matches)
        yield from _misspellings(document, glossary, tokens, covered)
        yield from _suspicious(document, tokens, covered)


def _covered_tokens(tokens: list[Token], matches: list[TermMatch]) -> set[int]:
    """Indexes of tokens inside a glossary match (matches are sorted and disjoint)."""
    # Bisect token starts per match instead of walking every token: matches are few.
    starts = [token.start for token in tokens]
    covered: set[int] = set()
    for match in matches:
        covered.update(range(bisect_left(starts, match.start), bisect_left(starts, match.end)))
    return covered


def _in_form_of(phrase: str, match: TermMatch, original: str) -> str:
    """Return ``phrase`` inflected and capitalised like the matched text ``original``."""
    if match.lang == "ru":
        phrase = inflect_ru(phrase, list(match.words))
    elif match.lang == "en" and match.plural:
        head, _, last = phrase.rpartition(" ")
        plurals = en_plurals(last)
        if plurals:
            phrase = f"{head} {plurals[0]}" if head else plurals[0]
    return match_case(original, phrase, match.term.text)


def _deprecated(document: Document, matches: list[TermMatch]) -> Iterator[Flag]:
    for match in matches:
        if not match.term.status.is_forbidden:
            continue
        original = document.text[match.start : match.end]
        status = match.term.status.value
        preferred = match.concept.preferred(match.lang)
        if preferred is None:
            message = f'"{original}" is a {status} term and the glossary has no replacement'
            yield make_flag(DEPRECATED, document, match.start, match.end, message)
            continue
        suggestion = _in_form_of(preferred.text, match, original)
        message = f'"{original}" is a {status} term; use "{suggestion}"'
        yield make_flag(
            DEPRECATED,
            document,
            match.start,
            match.end,
            message,
            suggestion=suggestion,
            replacement=suggestion,
            data={"concept": match.concept.id},
        )


def _inconsistent(document: Document, matches: list[TermMatch]) -> Iterator[Flag]:
    """Flag the minority forms of a concept used in two or more allowed forms in one language.

    Abbreviations are left out: "interleukin-4 (IL-4)" followed by "IL-4" is how an article
    introduces and then uses a short form, not an inconsistency. So are medical Latin names:
    "total alopecia" beside "alopecia totalis" is the vernacular and the Latin name used side by
    side, as medical writing does; two vernacular names ("anthralin", "dithranol") are flagged.
    """
    groups: dict[tuple[str, str], list[TermMatch]] = {}
    for match in matches:
        term = match.term
        if not term.status.is_forbidden and not _is_usage_only(term.text):
            groups.setdefault((match.concept.id, match.lang), []).append(match)
    for (_, lang), group in groups.items():
        if len(group) < 2:
            continue  # used once: one form
        counts: Counter[Term] = Counter(m.term for m in group)
        if len(counts) < 2:
            continue
        preferred = group[0].concept.preferred(lang)
        # The preferred term wins when used; else the most frequent form, then the first.
        canonical = preferred
        if canonical is None or canonical not in counts:
            order = {term: -index for index, term in enumerate(counts)}  # first use first
            canonical = max(counts, key=lambda t: (counts[t], order[t]))
        for match in group:
            if match.term == canonical:
                continue
            original = document.text[match.start : match.end]
            suggestion = _in_form_of(canonical.text, match, original)
            message = (
                f'"{original}" and "{canonical.text}" name the same concept in this document; '
                f'keep one form ("{canonical.text}")'
            )
            yield make_flag(
                INCONSISTENT,
                document,
                match.start,
                match.end,
                message,
                suggestion=suggestion,
                replacement=suggestion if canonical == preferred else None,
                data={"concept": match.concept.id},
            )


@lru_cache(maxsize=100_000)
def _is_usage_only(text: str) -> bool:
    """Is a term one whose use beside another form is no inconsistency (cached per term)?"""
    return _is_abbreviation(text) or _is_latin_name(text)


def _is_latin_name(text: str) -> bool:
    """A medical Latin name from the curated list ("alopecia totalis", "tinea capitis")."""
    return tuple(text.lower().split()) in latin_phrases().all


def _is_abbreviation(text: str) -> bool:
    """A short form such as "IL-4", "TNF-α" or "ВИЧ": mostly capitals and at most 8 letters."""
    letters = [ch for ch in text if ch.isalpha()]
    capitals = sum(ch.isupper() for ch in letters)
    return 0 < len(letters) <= 8 and capitals >= 2 and capitals * 2 >= len(letters)


@lru_cache(maxsize=200_000)
def _spelling_key(text: str, lang: str) -> tuple[str, str] | None:
    """Return (lowercase word, language) of a word worth spell-checking, else None.

    Worth checking: letters only, not an acronym, long enough, English or Russian. ``text`` and
    ``lang`` are a word token's; cached, as the same words come back in every article.
    """
    if lang not in ("en", "ru"):
        return None
    word = text[: len(text) - possessive_length(text)]
    if len(word) < MIN_LENGTH or not word.isalpha() or word.isupper():
        return None
    return (en_key(text) if lang == "en" else text.lower()), lang


def _coded_compounds(tokens: list[Token]) -> set[int]:
    """Indexes of the parts of hyphenated compounds with digits ("x-dumilumab-3" is a code).

    A compound is a run of words and punctuation marks written without spaces, each joined to
    the next by a hyphen on one side; only runs around a hyphen need looking at.
    """
    coded: set[int] = set()
    last = -1
    for hyphen in [index for index, token in enumerate(tokens) if token.key == "-"]:
        if hyphen <= last:
            continue  # part of the run just looked at
        first = last = hyphen
        while first > 0 and _joined(tokens[first - 1], tokens[first]):
            first -= 1
        while last + 1 < len(tokens) and _joined(tokens[last], tokens[last + 1]):
            last += 1
        run = range(first, last + 1)
        if any(ch.isdigit() for i in run for ch in tokens[i].text):
            coded.update(run)
    return coded


def _joined(left: Token, right: Token) -> bool:
    """Are two neighbouring tokens parts of one hyphenated compound?"""
    return (
        left.end == right.start
        and (left.key == "-" or right.key == "-")
        and left.kind in ("word", "punct")
        and right.kind in ("word", "punct")
    )


def _misspellings(
    document: Document, glossary: Glossary, tokens: list[Token], covered: set[int]
) -> Iterator[Flag]:
    skip = covered | _coded_compounds(tokens)
    checked = [
        (token, key)
        for index, token in enumerate(tokens)
        if token.kind == "word"
        and index not in skip
        and (key := _spelling_key(token.text, token.lang)) is not None
    ]
    if not checked:
        return
    corrections = speller_for(glossary).misspellings(
        (key for _, key in checked), lambda lang: _seen(tokens, lang)
    )
    for token, key in checked:
        candidates = corrections.get(key)
        if candidates:
            yield _misspelling_flag(document, token, candidates)


def _seen(tokens: list[Token], lang: str) -> frozenset[str]:
    """What the document's words are compared with suggestions by: words, or Russian stems."""
    if lang == "ru":
        return frozenset(ru_stem(t.text.lower()) for t in tokens if t.lang == "ru")
    return frozenset(t.key[3:] for t in tokens if t.lang == lang)


def _misspelling_flag(document: Document, token: Token, candidates: list[Candidate]) -> Flag:
    best = candidates[0]
    original = document.text[token.start : token.end]
    tied = [c for c in candidates if c.distance == best.distance]
    unique = len(tied) == 1
    # A tie is still settled when only the best candidate occurs elsewhere in the article.
    decided = unique or (best.seen and not tied[1].seen)
    suggestion = match_case(original, best.text)
    if decided:
        message = f'"{original}" is not a known word; did you mean "{suggestion}"?'
    else:
        options = " or ".join(f'"{match_case(original, c.text)}"' for c in tied[:3])
        message = f'"{original}" is not a known word; did you mean {options}?'
    strong = best.distance == 1 and unique
    return make_flag(
        MISSPELLING,
        document,
        token.start,
        token.end,
        message,
        suggestion=suggestion,
        replacement=suggestion if decided else None,
        severity=Severity.ERROR if strong else Severity.WARNING,
        data={
            "distance": str(best.distance),
            "unique": "yes" if unique else "no",
            "seen": "yes" if best.seen else "no",
            "target": best.target,
        },
    )


@cache
def _acid_modifier_index() -> FuzzyIndex:
    return FuzzyIndex(w for w in lexicon("unii_acid_modifiers.txt") if w.isalpha())


def _suspicious(document: Document, tokens: list[Token], covered: set[int]) -> Iterator[Flag]:
    """Flag "X acid" where X is neither a known acid modifier nor a generic description."""
    modifiers = lexicon("unii_acid_modifiers.txt")
    for index, token in enumerate(tokens):
        if token.key not in ("en:acid", "en:acids") or index == 0:
            continue
        first = index - 1
        # A hyphenated modifier ("alpha-lipoic", "5-aminolevulinic") is known as a whole or by
        # its last part; walk back over pieces written without spaces.
        while (
            first >= 2
            and tokens[first - 1].key == "-"
            and tokens[first - 2].end == tokens[first - 1].start
            and tokens[first - 1].end == tokens[first].start
        ):
            first -= 2
        modifier_token = tokens[index - 1]
        if modifier_token.kind != "word" or modifier_token.lang != "en" or index in covered:
            continue
        if any(i in covered for i in range(first, index)):
            continue
        last_part = modifier_token.text.lower()
        whole = normalise(document.text[tokens[first].start : modifier_token.end]).lower()
        if (
            not last_part.isalpha()  # digits, and possessives: "Meldrum's acid" is a name
            or whole in modifiers
            or last_part in modifiers
            or last_part in _ACID_DESCRIPTORS
            or last_part in _FUNCTION_WORDS
        ):
            continue
        start, end = tokens[first].start, token.end
        original = document.text[start:end]
        close = _acid_modifier_index().within(last_part, max_edits(len(last_part)))
        suggestion = None
        if len(close) == 1:
            suggestion = match_case(original, f"{close[0][0]} {token.text.lower()}")
        hint = f'; did you mean "{suggestion}"?' if suggestion else ""
        message = (
            f'"{original}" is not a known chemical name: '
            f'"{modifier_token.text}" is not a known acid modifier{hint}'
        )
        yield make_flag(SUSPICIOUS, document, start, end, message, suggestion=suggestion)
