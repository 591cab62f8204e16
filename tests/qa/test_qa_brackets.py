"""qa.brackets: brackets and quotation marks without a partner in their paragraph."""

from __future__ import annotations

import pytest

from tests.qa.helpers import check_marked
from transclean.checks.qa.brackets import BracketsCheck

CHECK = BracketsCheck()


@pytest.mark.parametrize(
    "spec",
    [
        "the interleukin-4 ⟦(⟧IL-4 receptor alpha antagonist.",
        "the interleukin-4 IL-4⟦)⟧ receptor.",
        "Интерлейкин-4 ⟦(⟧ИЛ-4 и ИЛ-13.",
        "раздел ⟦«⟧Косметология.",
        "раздел Косметология⟦»⟧.",
        # Crossed pairs: "]" closes "[", so the "(" inside it is left open and ")" is lone.
        "a [b ⟦(⟧c] d⟦)⟧ e",
        "He said ⟦“⟧so.",
        "Он сказал ⟦„⟧так.",
        # An odd number of straight quotes flags the last one.
        'The "Cosmetology" section and the ⟦"⟧Beauty section.',
        # Each paragraph is balanced on its own.
        "One ⟦(⟧open.\n\nAnd closed⟦)⟧ later.",
        # With a "«" open, a spaced "»" closes it; the stray one is flagged.
        "кому « Южный орех » и ⟦»⟧тому",
        # A lone ")" inside a line is no list marker.
        "see item 2⟦)⟧ for details",
    ],
)
def test_unbalanced_marks_are_flagged(spec: str) -> None:
    _, flags = check_marked(CHECK, spec)
    assert all(f.fix is None for f in flags)


@pytest.mark.parametrize(
    "text",
    [
        "The interleukin-4 (IL-4) receptor [see (ref. 2)] {x}.",
        "Раздел «Косметология» и «Красота „без границ“» и «„вложенные“ кавычки».",
        "He said “so” and „так“ and „так”.",
        'The "Cosmetology" section and the "Beauty" section.',
        # List markers: at line starts and after ":", ";" or ",".
        "Options:\n1) surgery;\n2) drugs;\niv) rest.",
        "Два варианта: а) операция; б) лекарства, в) отдых.",
        # A marker-like ")" closes an open "(".
        "(see item 2) for details",
        # Emoticons and Russian smileys.
        "Great result :) and a sad one :-( and =) here. Отлично ))) Ужас (((",
        # Brackets after a colon are brackets when they hold something.
        "Note:[1] and see:(2) here; (all fine :)",
        # A "»" between spaces with no "«" open is a breadcrumb separator.
        "Home » Dermatology » Psoriasis",
        # Apostrophes and single quotes are not counted.
        "The patient's 'hair' grew. Don't.",
    ],
)
def test_balanced_text_is_not_flagged(text: str) -> None:
    check_marked(CHECK, text)
