"""The QA checks' fast paths skip text only where the full reading would find nothing.

Each check first asks one regex whether a block can hold a finding at all; these tests pin the
claims that make the skips exact, on tables of cases and on any text (hypothesis).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.qa.helpers import check_marked
from transclean.checks.qa._text import HSPACE, script
from transclean.checks.qa.brackets import BracketsCheck
from transclean.checks.qa.doubled import DoubledWordCheck
from transclean.checks.qa.numbers import _DECIMAL
from transclean.checks.qa.script import _CANDIDATE, _WORD, MixedScriptCheck
from transclean.checks.qa.spacing import _MISSING, _RUN

# Letters whose script a regex class cannot tell, beside the ones it can: Latin-1 and Latin
# Extended letters, Greek, Cyrillic outside the basic block (Komi "ԁ", small capital "ᴫ"),
# the micro sign and a superscript digit, which are word characters but no digits.
_LETTERS = "aBzZаБяЁёїґєѣѵéñßøąőαβΩԁᴫµ²ﬁ"
_TEXT = st.text(alphabet=_LETTERS + "1-' .,\n\u00a0", max_size=40)


def test_the_letters_a_class_tells_are_of_the_script_it_says() -> None:
    """ASCII letters are Latin and every letter of U+0400-U+04FF is Cyrillic, as script() says."""
    assert all(script(chr(c)) == "latin" for c in range(128) if chr(c).isalpha())
    cyrillic = [chr(c) for c in range(0x400, 0x500) if chr(c).isalpha()]
    assert len(cyrillic) > 200 and all(script(ch) == "cyrillic" for ch in cyrillic)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_text_without_a_mixed_script_candidate_has_no_mixed_word(text: str) -> None:
    if _CANDIDATE.search(text) is None:
        for word in _WORD.findall(text):
            scripts = {script(ch) for ch in word}
            assert not {"latin", "cyrillic"} <= scripts, word


@pytest.mark.parametrize(
    "spec",
    [
        "the dupilum⟦а⟧b dose",  # a Cyrillic "а" between Latin letters
        "вτ⟦e⟧к",  # the Latin "e" touches Greek tau, and no Cyrillic letter
        "the ⟦ԁose⟧ here",  # Komi "ԁ" (U+0501) is Cyrillic, outside the basic block
        "Ωмега",  # Greek and Cyrillic: no Latin letter, no mix
    ],
)
def test_mixed_words_beyond_the_basic_blocks_are_still_found(spec: str) -> None:
    check_marked(MixedScriptCheck(), spec)


_SPACES = st.text(alphabet="ab ([«»]),.;:!?\t\u00a0\u202f-", max_size=30)


@settings(max_examples=300, deadline=None)
@given(_SPACES)
def test_spacing_visits_every_run_that_may_be_wrong(text: str) -> None:
    """Visit every maximal run of two or more spaces, or after "([«", or before ",.;:!?)]»"."""
    every = re.finditer(f"[{HSPACE}]+", text)
    wanted = [
        run.span()
        for run in every
        if run.end() - run.start() >= 2
        or (run.start() > 0 and text[run.start() - 1] in "([«")
        or (run.end() < len(text) and text[run.end()] in ",.;:!?)]»")
    ]
    assert [run.span() for run in _RUN.finditer(text)] == wanted


# The fast regexes start with one character class; these are their readable forms.
READABLE = [
    (_MISSING, re.compile(r"[,;:!?.)»](?=[^\W\d_])|(?<=[^\W\d_])«")),
    (_DECIMAL, re.compile(r"(?<![\w.,:])(\d+)([.,])(\d+)(?!\d|[.,]\d)")),
]


_PIECES = st.lists(st.sampled_from([*"1250.,:;!?)»« -_aZяЁé²", "12", "1.5", "1,25"]), max_size=12)


@settings(max_examples=400, deadline=None)
@given(_PIECES.map("".join), st.data())
def test_fast_regexes_match_as_their_readable_forms(text: str, data: st.DataObject) -> None:
    """Same matches, groups included, in any stretch of a text (checks scan block by block)."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for fast, readable in READABLE:
        found = [(m.span(), m.groups()) for m in fast.finditer(text, start, end)]
        assert found == [(m.span(), m.groups()) for m in readable.finditer(text, start, end)]


@pytest.mark.parametrize(
    "spec",
    [
        # Equal ignoring case by casefold(), though not letter by letter: "ß" folds to "ss".
        "die Straße⟦ strasse⟧ ist lang",
        "the⟦ the⟧⟦ the⟧ end",  # each repeat is its own double
        # Numbers between words are tokens too: "10 10" is no double, and no word is doubled
        # across them.
        "add 10 10 add",
        "Он сказал, что что-то⟦ что-то⟧ случилось.",
    ],
)
def test_doubles_found_ignoring_case_as_casefold_does(spec: str) -> None:
    check_marked(DoubledWordCheck(), spec)


def test_a_smiley_run_inside_a_paragraph_is_no_bracket() -> None:
    check_marked(BracketsCheck(), "Отлично ))) Мы довольны.")


def test_a_smiley_run_ending_a_paragraph_is_no_bracket() -> None:
    check_marked(BracketsCheck(), "Мы довольны. Отлично )))")


def test_a_smiley_run_does_not_hide_a_real_lonely_bracket() -> None:
    check_marked(BracketsCheck(), "Текст ⟦[⟧без закрытия. Отлично )))")
