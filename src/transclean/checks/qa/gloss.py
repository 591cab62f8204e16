"""qa.redundant-gloss: a parenthesis repeating the words before it, "Tinea (tinea)"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from transclean.checks.base import CheckContext, Rule, make_flag
from transclean.checks.qa._text import HSPACE, block_spans
from transclean.model import Flag, Severity

RULE = Rule(
    "qa.redundant-gloss",
    "Parenthesis repeating the words before it",
    Severity.WARNING,
    autofix=False,
)

_PARENTHESIS = re.compile(r"\(([^()\n]{1,120})\)")
# Differences in these are tolerated: "alopecia-totalis (alopecia totalis)" is still a repeat.
_IGNORED = frozenset(HSPACE + "\n-\u2010\u2011\u2012\u2013'’")


class RedundantGlossCheck:
    """Flag a parenthesis whose words repeat, in the same language, the words just before it.

    Comparison ignores case, "ё"/"е", spaces, hyphens and apostrophes, and the repeated words
    must start at a word boundary. A gloss in the other language ("гнездная алопеция (alopecia
    areata)") or an abbreviation ("interleukin-4 (IL-4)") differs, so it is not flagged. The
    proposed fix deletes the parenthesis and the space before it; it is not applied unreviewed,
    because a writer may repeat a term on purpose.
    """

    name = "qa.redundant-gloss"
    rules = (RULE,)

    def run(self, context: CheckContext) -> Iterator[Flag]:
        document = context.document
        text = document.text
        for block_start, block_end in block_spans(document):
            for match in _PARENTHESIS.finditer(text, block_start, block_end):
                inner = match[1]
                if not all(ch.isalnum() or ch in _IGNORED for ch in inner):
                    continue  # punctuation inside: a remark, not a gloss
                key = _normalise(inner)
                if len(key) < 2 or not any(ch.isalpha() for ch in key):
                    continue
                repeated = _repeated_start(text, block_start, match.start(), key)
                if repeated is None:
                    continue
                start = match.start()
                while start > block_start and text[start - 1] in HSPACE:
                    start -= 1
                words = text[repeated : match.start()].strip()
                yield make_flag(
                    RULE,
                    document,
                    start,
                    match.end(),
                    f'The parenthesis repeats "{words}" just before it',
                    suggestion=words,
                    replacement="",
                )


def _normalise(text: str) -> str:
    return "".join(ch for ch in text.casefold().replace("ё", "е") if ch.isalnum())


def _repeated_start(text: str, floor: int, opening: int, key: str) -> int | None:
    """Return where the words before ``opening`` that spell ``key`` start, or None."""
    collected = ""
    pos = opening - 1
    while pos >= floor and len(collected) < len(key):
        char = text[pos]
        if char.isalnum():
            collected = _normalise(char) + collected
        elif char not in _IGNORED:
            return None
        pos -= 1
    # A hyphen or apostrophe before the words makes them the tail of a longer word:
    # "anti-alopecia (alopecia)" does not repeat itself.
    at_boundary = (
        pos < floor or text[pos].isspace() or not (text[pos].isalnum() or text[pos] in _IGNORED)
    )
    return pos + 1 if collected == key and at_boundary else None
