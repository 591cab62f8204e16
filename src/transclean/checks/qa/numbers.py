"""qa.numbers: numbers written against the language's convention or two ways in one article."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from transclean.checks.base import CheckContext, Rule, make_flag
from transclean.checks.qa._text import LanguageMap, block_spans, language_name
from transclean.model import Document, Flag, Severity

RULE = Rule("qa.numbers", "Number written inconsistently", Severity.WARNING, autofix=False)

# The decimal separator each language writes.
DECIMAL_MARK = {"en": ".", "ru": ","}
# With no majority, the space before "%" each language's style guide asks for (AMA: "60%";
# GOST 8.417: "60 %").
PERCENT_SPACED = {"en": False, "ru": True}

# One separator between two digit groups; a second separator ("03.12.2024", "v1.2.3", "1,2,3"),
# a word character ("v1.2", "disease1,2" citing references 1 and 2) or a colon before it
# ("Lk. 19:8,9", verses 8 and 9) means no decimal.
# The look-behind follows the first digit, so the pattern starts with a digit and the regex
# engine skips to the next one instead of testing the look-behind at every character.
_DECIMAL = re.compile(r"(\d(?<![\w.,:]\d)\d*)([.,])(\d+)(?!\d|[.,]\d)")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)([ \u00a0\u2009\u202f]*)%")
# A number after these words is a figure, section or version number, not a decimal: "рис. 1.3".
_REFERENCE_WORD = re.compile(
    r"\b(?:рис|рисунок|рисунке|табл|таблица|таблице|раздел|разделе|глава|главе|гл|п|пп|пункт|стр|"
    r"версия|версии|fig|figure|table|section|chapter|version|ver|v)\.?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Percent:
    number: str
    digits_end: int
    sign: int
    space: str


class NumbersCheck:
    """Flag decimals against the language's separator and percent signs spaced both ways.

    Decimals: in English text a decimal comma ("1,5 mg") is flagged with "1.5"; in Russian a
    decimal point ("1.5 мг") with "1,5". A group of exactly three digits after the separator
    ("10,000", "1,500 patients", "1.500") reads as thousands and is left alone, as are dates,
    versions, locants ("1,25-dihydroxy"), citations ("[1,2]") and figure or section numbers
    ("рис. 1.3", "Table 2.1"). The language is that of the sentence (or inline span) holding the
    number.

    Percent: "60 %" and "60%" in one article are flagged where they are the minority; with no
    majority the language's convention decides. Fixes are proposed, not applied unreviewed.
    """

    name = "qa.numbers"
    rules = (RULE,)

    def run(self, context: CheckContext) -> Iterator[Flag]:
        document = context.document
        languages = LanguageMap(document)
        flags: list[Flag] = []
        percents: list[_Percent] = []
        for start, end in block_spans(document):
            flags.extend(_decimals(document, languages, start, end))
            percents.extend(
                _Percent(m[1], m.end(1), m.end() - 1, m[2])
                for m in _PERCENT.finditer(document.text, start, end)
            )
        flags.extend(_percent_flags(document, percents))
        yield from sorted(flags, key=lambda f: (f.start, f.end))


def _decimals(document: Document, languages: LanguageMap, start: int, end: int) -> Iterator[Flag]:
    text = document.text
    for match in _DECIMAL.finditer(text, start, end):
        whole, mark, fraction = match.groups()
        lang = languages.at(match.start())
        wanted = DECIMAL_MARK.get(lang)
        if wanted is None or mark == wanted or _not_a_decimal(text, match, start, end):
            continue
        number = f"{whole}{wanted}{fraction}"
        yield make_flag(
            RULE,
            document,
            match.start(2),
            match.end(2),
            f'Decimal "{match[0]}" in {language_name(lang)} text: write "{number}"',
            suggestion=number,
            replacement=wanted,
        )


def _not_a_decimal(text: str, match: re.Match[str], start: int, end: int) -> bool:
    whole, _, fraction = match.groups()
    if len(fraction) == 3 and len(whole) <= 3 and not whole.startswith("0"):
        return True  # thousands, or too ambiguous to call
    before = text[match.start() - 1] if match.start() > start else ""
    after = text[match.end()] if match.end() < end else ""
    if after == "-" or (
        before == "-" and match.start() - 2 >= start and text[match.start() - 2].isalnum()
    ):
        return True  # locants "1,25-dihydroxy", "IL-4,5"
    if before and after and before in "[(" and after in "])":
        return True  # citations "[1,2]"
    return _REFERENCE_WORD.search(text, max(start, match.start() - 12), match.start()) is not None


def _percent_flags(document: Document, percents: list[_Percent]) -> Iterator[Flag]:
    spaced = [p for p in percents if p.space]
    tight = [p for p in percents if not p.space]
    if not spaced or not tight:
        return
    if len(spaced) != len(tight):
        prefer_spaced = len(spaced) > len(tight)
    elif document.language in PERCENT_SPACED:
        prefer_spaced = PERCENT_SPACED[document.language]
    else:
        return
    if prefer_spaced:
        space = Counter(p.space for p in spaced).most_common(1)[0][0]
        for p in tight:
            yield make_flag(
                RULE,
                document,
                p.sign,
                p.sign + 1,
                f'"{p.number}%" has no space before "%", unlike most of the document',
                suggestion=f"{p.number}{space}%",
                replacement=f"{space}%",
            )
    else:
        for p in spaced:
            yield make_flag(
                RULE,
                document,
                p.digits_end,
                p.sign,
                f'"{p.number}{p.space}%" has a space before "%", unlike most of the document',
                suggestion=f"{p.number}%",
                replacement="",
            )
