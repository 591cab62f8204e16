"""qa.doubled-word: the same word twice in a row, "the the", "и и"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice, pairwise
from operator import eq

from transclean.checks.base import CheckContext, Rule, make_flag
from transclean.checks.qa._text import LanguageMap, block_spans
from transclean.model import Flag, Severity

RULE = Rule("qa.doubled-word", "Word written twice in a row", Severity.WARNING, autofix=True)

# A word: letters and digits, joined by inner hyphens or apostrophes ("IL-4", "don't").
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")

# Languages whose grammatical doubles are listed below; in any other ("die die", a German
# article and relative pronoun) every double is flagged for review only.
KNOWN_LANGUAGES = frozenset({"en", "ru"})
# Doubles that are always grammatical English: the past perfect of "have".
NEVER_DOUBLED = frozenset({("had", "had")})
# Doubles that are grammatical in some sentences: flagged with a fix that needs review.
# "What it is is simple" and "What it was was luck" are pseudo-clefts.
SOMETIMES_DOUBLED = frozenset({("is", "is"), ("was", "was")})
# After "that that", a word that can only start a new clause or noun phrase shows the second
# "that" is a slip ("so prominent that that there is"); any other word leaves a grammatical
# reading ("said that that was fine", "knew that that man"), so the fix then needs review.
CLAUSE_STARTERS = frozenset(
    {
        *("the", "a", "an", "this", "these", "those", "there", "some", "any", "each", "every"),
        *("no", "it", "he", "she", "we", "they", "i", "you"),
        *("his", "her", "its", "our", "their", "my", "your"),
    }
)


class DoubledWordCheck:
    """Flag a word repeated with only whitespace between, and propose deleting the repeat.

    Two tokens are a double when they are equal ignoring case and the second is not a
    capitalised word: "The the" is a double, but "Bora Bora", "Walla Walla" and "that That"
    (a sentence boundary missing its full stop) are not. Tokens made only of digits ("10 10")
    are numbers, not words; punctuation between the tokens ("that. That") means no double.
    "had had" is never flagged; "is is", "was was" and "that that" before a word that could
    continue a grammatical sentence get a fix marked unsafe (``data["safe"] == "no"``), to be
    applied only after review. Russian has no such list: its reduplications are hyphenated
    ("еле-еле") and so are one token. In any other language every double needs review.

    The fix removes the second word and the one space before it. If more whitespace lies
    between, qa.spacing removes the rest, so the two fixes never overlap.
    """

    name = "qa.doubled-word"
    rules = (RULE,)

    def run(self, context: CheckContext) -> Iterator[Flag]:
        document = context.document
        text = document.text
        languages: LanguageMap | None = None  # built for the first double: most texts have none
        for block_start, block_end in block_spans(document):
            # A double is two neighbouring tokens equal ignoring case, whatever lies around them:
            # a block without such a pair is passed over in C, token matches never built.
            words = list(map(str.casefold, _TOKEN.findall(text, block_start, block_end)))
            if not any(map(eq, words, islice(words, 1, None))):
                continue
            languages = languages or LanguageMap(document)
            tokens = [m for m in _TOKEN.finditer(text, block_start, block_end) if _has_letter(m[0])]
            for index, (first, second) in enumerate(pairwise(tokens)):
                gap = text[first.end() : second.start()]
                if not gap or not gap.isspace() or not _same(first[0], second[0]):
                    continue
                pair = (first[0].casefold(), second[0].casefold())
                if pair in NEVER_DOUBLED:
                    continue
                after = tokens[index + 2][0] if index + 2 < len(tokens) else ""
                unsafe = (
                    languages.at(second.start()) not in KNOWN_LANGUAGES
                    or pair in SOMETIMES_DOUBLED
                    or (pair == ("that", "that") and after.casefold() not in CLAUSE_STARTERS)
                )
                start = second.start() - 1
                message = f'"{second[0]}" is written twice'
                if unsafe:
                    message += "; it may be grammatical here, so check before deleting"
                yield make_flag(
                    RULE,
                    document,
                    start,
                    second.end(),
                    message,
                    suggestion=first[0],
                    replacement="",
                    data={"safe": "no"} if unsafe else None,
                )


def _has_letter(token: str) -> bool:
    return any(ch.isalpha() for ch in token)


def _same(first: str, second: str) -> bool:
    """Equal ignoring case, unless the second is capitalised like a name or a new sentence."""
    capitalised = second[0].isupper() and (len(second) == 1 or not second.isupper())
    return not capitalised and first.casefold() == second.casefold()
