"""qa.spacing: spaces before punctuation, spaces in a row, missing spaces after punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.qa.helpers import check_marked, fixed, run
from transclean.api import segment_string
from transclean.checks.qa.spacing import SpacingCheck
from transclean.edits import check_edits

CHECK = SpacingCheck()


@pytest.mark.parametrize(
    ("spec", "corrected"),
    [
        # Whitespace before punctuation goes.
        ("It differs in many ways⟦ ⟧. Since both", "It differs in many ways. Since both"),
        ("Препарат эффективен⟦ ⟧, но дорог.", "Препарат эффективен, но дорог."),
        ("Why⟦  ⟧? Because it works.", "Why? Because it works."),
        ("Примечание⟦ ⟧: см. ниже.", "Примечание: см. ниже."),
        ("Итак⟦\u00a0⟧! Всё.", "Итак! Всё."),
        # Spaces inside brackets and guillemets go.
        ("the receptor (⟦ ⟧IL-4⟦ ⟧) antagonist", "the receptor (IL-4) antagonist"),
        ("в разделе «⟦ ⟧Косметология⟦ ⟧».", "в разделе «Косметология»."),
        ("a list [⟦ ⟧1, 2]", "a list [1, 2]"),
        # Runs of spaces keep their last space.
        ("two⟦ ⟧ spaces", "two spaces"),
        ("три⟦  ⟧ пробела", "три пробела"),
        ("10⟦ ⟧\u00a0000 пациентов", "10\u00a0000 пациентов"),
        # A missing space after punctuation is added.
        ("it is effective⟦,⟧but costly", "it is effective, but costly"),
        ("препарат эффективен⟦,⟧но дорог", "препарат эффективен, но дорог"),
        ("after treatment⟦.⟧The patient", "after treatment. The patient"),
        ("после лечения⟦.⟧Пациентка", "после лечения. Пациентка"),
        ("according to Prof⟦.⟧Amy McMichael", "according to Prof. Amy McMichael"),
        ("Why⟦?⟧Because.", "Why? Because."),
        ("Note⟦:⟧see below", "Note: see below"),
        ("weekly⟦;⟧then monthly", "weekly; then monthly"),
        ("the (IL-4⟦)⟧receptor", "the (IL-4) receptor"),
        ("в разделе⟦«⟧Косметология» и", "в разделе «Косметология» и"),
        ("в разделе «Косметология⟦»⟧можно", "в разделе «Косметология» можно"),
        ("IL-4⟦,⟧IL-13 and IL-31", "IL-4, IL-13 and IL-31"),
    ],
)
def test_spacing_errors_are_fixed(spec: str, corrected: str) -> None:
    document, flags = check_marked(CHECK, spec)
    assert fixed(document, flags) == corrected


@pytest.mark.parametrize(
    "text",
    [
        # Decimals, times, thousands with no-break and thin spaces, ratios.
        "Doses of 1.5 mg and 1,5 мг at 10:30; 10\u00a0000 and 10\u2009000 cells; CD4:CD8 ratio.",
        "p<0.05 and a value of .5 in the .NET runtime.",
        # Addresses.
        "In the article estet-portal.com you can read it. Write to info@estet-portal.com today.",
        "See https://example.org/a?x=1,y=2;z=3 and www.medscape.com/viewarticle/1.",
        # Abbreviations and initials.
        "e.g. dupilumab, i.e. an antibody, cleared by the U.S. FDA; A.S. Pushkin; a Ph.D. student.",
        "Препараты, т. е. антитела, т.е. белки, и т. д., и т.д., и др. Смотри: А.С. Пушкин.",
        "Node.js and ASP.NET are names.",
        # Dashes: a spaced dash is correct.
        "Atopic alopecia – pathological hair loss. Алопеция — это болезнь. 2017–2019.",
        # Hyphens, locants, (s)he.
        "IL-4, IL-13 and IL-31; N,N-dimethylformamide; 1,25-dihydroxyvitamin D; (s)he.",
        # Ellipses, spaced or not, with a space before them.
        "Wait... and so on ... and so forth . . . fine. И так далее…",
        # Emoticons and Russian smiley brackets.
        "Great result :) and a sad one :-( here. Отлично )))",
        # List markers and quotes.
        "Options:\n1) surgery;\n2) drugs.",
        'The "Cosmetology" section and «Косметология» and „Косметология“.',
        # Indentation and trailing spaces are layout.
        "First line  \n    second line\n\tthird line.",
        # Dates and versions.
        "Version v1.2.3 released 03.12.2024 and 2024-12-03.",
    ],
)
def test_correct_text_is_not_flagged(text: str) -> None:
    check_marked(CHECK, text)


def test_doubled_space_before_a_mark_is_one_fix() -> None:
    _, flags = check_marked(CHECK, "many ways⟦   ⟧. Next")
    assert [f.message for f in flags] == ['Space before "."']


def test_flags_are_separate_per_block() -> None:
    # Blank lines between blocks are not "spaces in a row".
    check_marked(CHECK, "Title\n\n\n\nBody text.   \n\nMore text.")


_ALPHABET = st.sampled_from([*"ab АБ,.;:!?()«»  \u00a0\n-1", "ab", "Аб", "e.g."])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_fixes_are_exact_disjoint_and_final(text: str) -> None:
    """Every fix matches the text, fixes never overlap, and the fixed text raises no new flag."""
    document = segment_string(text)
    flags = run(CHECK, document)
    edits = sorted((f.fix for f in flags if f.fix), key=lambda e: (e.start, e.end))
    check_edits(text, edits)
    again = segment_string(fixed(document, flags))
    assert run(CHECK, again) == []
