"""qa.mixed-script: a word mixing Cyrillic and Latin letters, a Cyrillic "а" inside "dupilumаb"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from transclean.checks.base import CheckContext, Rule, make_flag
from transclean.checks.qa._text import block_spans, script
from transclean.model import Flag, Severity

RULE = Rule(
    "qa.mixed-script", "Word mixing Cyrillic and Latin letters", Severity.WARNING, autofix=True
)

# Cyrillic letters drawn exactly like a Latin letter, and back.
CYRILLIC_TO_LATIN = dict(zip("аеорсухАВЕКМНОРСТУХ", "aeopcyxABEKMHOPCTYX", strict=True))
LATIN_TO_CYRILLIC = {latin: cyrillic for cyrillic, latin in CYRILLIC_TO_LATIN.items()}
_TO = {"latin": CYRILLIC_TO_LATIN, "cyrillic": LATIN_TO_CYRILLIC}

# Lowercase letters before a capital of the other script that make it a new word.
GLUED_MIN_LETTERS = 3
# Letters only: hyphens, digits and apostrophes end a word, so "Th2-клетки" and "B-лимфоциты",
# compounds of two scripts, are two words, each in one script.
_WORD = re.compile(r"[^\W\d_]+")
# A block that may hold a mixed word. A regex class tells the script of two kinds of letter
# exactly: ASCII letters are Latin, those of the basic Cyrillic block (U+0400-U+04FF) Cyrillic.
# A word made of those alone mixes scripts just when a Latin letter touches a Cyrillic one; any
# other letter ("é", "α", "µ") sends its block to the letter-by-letter reading below. Each case
# has a non-ASCII character, which the pattern starts with: English text is skipped at C speed.
_CANDIDATE = re.compile(
    r"[^\x00-\x7f](?:(?<=[^\W\d_A-Za-z\u0400-\u04ff])"  # a letter of another kind
    r"|(?<=[A-Za-z][\u0400-\u04ff])|(?<=[\u0400-\u04ff])(?=[A-Za-z]))"  # a Latin/Cyrillic seam
)


class MixedScriptCheck:
    """Flag a word whose letters come from both the Cyrillic and the Latin alphabet.

    The fix writes the intruding letters in the word's script: the script into which every
    intruder has a look-alike ("dupilumаb": Latin, since "d", "l", "b" have no Cyrillic twin),
    and when both scripts could take the word, the one with more letters in it. When neither
    can, or both can with as many letters ("рН": pH or рН?), the word is flagged without fix.
    Two words run together ("субъективнаяCroatia") get a space, proposed for review only.
    """

    name = "qa.mixed-script"
    rules = (RULE,)

    def run(self, context: CheckContext) -> Iterator[Flag]:
        document = context.document
        text = document.text
        for block_start, block_end in block_spans(document):
            if not _CANDIDATE.search(text, block_start, block_end):
                continue  # most blocks: one script per word, told without reading each letter
            for word in _WORD.finditer(text, block_start, block_end):
                scripts = [script(ch) for ch in word[0]]
                latin, cyrillic = scripts.count("latin"), scripts.count("cyrillic")
                if not latin or not cyrillic:
                    continue
                glued = _glued(word[0], scripts)
                if glued:
                    left, right = word[0][:glued], word[0][glued:]
                    yield make_flag(
                        RULE,
                        document,
                        word.start(),
                        word.end(),
                        f'"{word[0]}" looks like two words without a space: "{left}" and "{right}"',
                        suggestion=f"{left} {right}",
                        replacement=f"{left} {right}",
                        data={"safe": "no"},
                    )
                    continue
                target = _target(word[0], scripts, latin, cyrillic)
                if target is None:
                    yield make_flag(
                        RULE,
                        document,
                        word.start(),
                        word.end(),
                        f'"{word[0]}" mixes Cyrillic and Latin letters; retype it in one script',
                    )
                    continue
                intruders = [i for i, s in enumerate(scripts) if s not in (target, None)]
                first, last = intruders[0], intruders[-1] + 1
                table = _TO[target]
                replacement = "".join(table.get(ch, ch) for ch in word[0][first:last])
                other = "Cyrillic" if target == "latin" else "Latin"
                yield make_flag(
                    RULE,
                    document,
                    word.start() + first,
                    word.start() + last,
                    f'{target.capitalize()} word "{word[0]}" has {other} letters that look alike',
                    suggestion=word[0][:first] + replacement + word[0][last:],
                    replacement=replacement,
                )


def _glued(word: str, scripts: list[str | None]) -> int:
    """Return where a capital of the other script starts a new word, or 0.

    A capital right after three or more lowercase letters of the other script starts a word
    that lost its space ("субъективнаяCroatia", "компаниейT.T.A."); "IgЕ" is too short to tell.
    """
    run = 0
    for i, (char, kind) in enumerate(zip(word, scripts, strict=True)):
        if i and kind and scripts[i - 1] and kind != scripts[i - 1]:
            if char.isupper() and run >= GLUED_MIN_LETTERS:
                return i
            run = 0
        run = run + 1 if char.islower() else 0
    return 0


def _target(word: str, scripts: list[str | None], latin: int, cyrillic: int) -> str | None:
    """Return the script the whole word can be written in, or None when that is unclear."""
    letters = list(zip(word, scripts, strict=True))
    can_latin = all(ch in CYRILLIC_TO_LATIN for ch, s in letters if s == "cyrillic")
    can_cyrillic = all(ch in LATIN_TO_CYRILLIC for ch, s in letters if s == "latin")
    if can_latin and (not can_cyrillic or latin > cyrillic):
        return "latin"
    if can_cyrillic and (not can_latin or cyrillic > latin):
        return "cyrillic"
    return None
