"""qa.untranslated: a title, heading or sentence left in another language than the article's."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from transclean.checks.base import CheckContext, Rule, make_flag
from transclean.checks.qa._text import ADDRESS, language_name, language_script, script
from transclean.model import UNDETERMINED, Flag, Segment, Severity

RULE = Rule(
    "qa.untranslated",
    "Sentence or heading in another language than the document",
    Severity.WARNING,
    autofix=False,
)

# The segmenter's language is trusted when it is more likely than not; below that the unit is
# too mixed or too short for anyone to say it was left untranslated.
MIN_CONFIDENCE = 0.5
# A unit needs this many ordinary words in its language's script to be "left untranslated":
# "OK", "IL-4", "FDA" or a lone Latin term are names and labels every language writes alike.
MIN_WORDS = 2
# Words of two or more letters; all-capital ones (abbreviations) do not tell a language.
_WORD = re.compile(r"[^\W\d_]{2,}")


class UntranslatedCheck:
    """Flag each title, heading or sentence whose language differs from the document's.

    Only the smallest units are flagged (never the paragraph around a sentence), and only
    through the segmenter's decision: a Russian sentence with an English term or gloss inside,
    "гнездная алопеция (alopecia areata)", stays Russian and is not flagged. The unit must
    also hold two ordinary words (not abbreviations, not addresses) in its language's script,
    and more of them than words in the document's script: "Источник: JAMA Dermatology" or
    "Фото: depositphotos.com" is a Russian label with a name, whatever the detector says.
    """

    name = "qa.untranslated"
    rules = (RULE,)

    def run(self, context: CheckContext) -> Iterator[Flag]:
        document = context.document
        if document.language == UNDETERMINED:
            return
        for unit in document.units:
            if self._foreign(unit, document.language, document.segment_text(unit)):
                where = unit.kind.value.capitalize()
                yield make_flag(
                    RULE,
                    document,
                    unit.start,
                    unit.end,
                    f"{where} in {language_name(unit.lang)}, but the document is in "
                    f"{language_name(document.language)}: translate it or remove it",
                    data={"lang": unit.lang, "document_lang": document.language},
                )

    @staticmethod
    def _foreign(unit: Segment, language: str, text: str) -> bool:
        if unit.lang in (language, UNDETERMINED) or unit.confidence < MIN_CONFIDENCE:
            return False
        words = [w for w in _WORD.findall(ADDRESS.sub(" ", text)) if not w.isupper()]
        scripts = Counter(script(word[0]) for word in words)
        foreign, own = language_script(unit.lang), language_script(language)
        if foreign == own:  # English in a German article: the segmenter's word is all we have
            return len(words) >= MIN_WORDS
        return scripts[foreign] >= MIN_WORDS and scripts[foreign] > scripts[own]
