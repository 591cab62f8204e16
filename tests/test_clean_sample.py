"""`clean` on the real sample article: issue 4's acceptance, then one snapshot per output format.

The expected corrected text is built here independently of the pipeline, from the sample's
paragraphs and a few located replacements, so "changes nothing else" is checked character for
character. Snapshots live in ``tests/snapshots/sample.<extension>``; after an intended change,
regenerate them with ``TRANSCLEAN_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_clean_sample.py``
and review the diff.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE
from transclean.api import clean_file
from transclean.model import CleanResult, Flag, Severity, TermHint
from transclean.writers import BUILTIN_WRITERS, Writer

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("TRANSCLEAN_UPDATE_SNAPSHOTS") == "1"

# Paragraphs that belong to the portal, not to the article: each is removed whole.
CHROME = (
    "In the article estet-portal.com you can read the results of the study in detail.",
    "Watch the most interesting videos on our channel in Youtube",
    "My default image",
    "Thank you for staying with estet-portal.com. Read other interesting articles in the "
    '"Cosmetology" section. You might be interested in Beauty under any conditions: skin care '
    "for atopic dermatitis on the face",
    "Add a comment",
)

# (before, after, how often): machine-translation errors fixed in running text, with enough
# context that each names one place.
FIXES = (
    ("topical screaming acid and", "topical squaric acid and", 1),
    ("with dumilumab,", "with dupilumab,", 1),
    ("as soon as dumilumab was", "as soon as dupilumab was", 1),
    ("at Baku Snake Medical Center in", "at Wake Forest Baptist Medical Center in", 1),
    ("scalp that that there", "scalp that there", 1),
    ("in many ways . Since", "in many ways. Since", 1),
)

# The applied edits as (rule, original without surrounding whitespace, replacement).
EXPECTED_EDITS = Counter(
    [
        *(("boilerplate.chrome", line, "") for line in CHROME),
        ("term.deprecated", "screaming acid", "squaric acid"),
        ("term.deprecated", "dumilumab", "dupilumab"),
        ("term.deprecated", "dumilumab", "dupilumab"),
        ("term.deprecated", "Baku Snake Medical Center", "Wake Forest Baptist Medical Center"),
        ("qa.doubled-word", "that", ""),  # "that⟦ that⟧ there"
        ("qa.spacing", "", ""),  # "many ways⟦ ⟧."
    ]
)

# The only term flags the sample deserves: its real errors.
TERM_ERRORS = {
    ("term.deprecated", "screaming acid"),
    ("term.deprecated", "dumilumab"),
    ("term.deprecated", "Baku Snake Medical Center"),
}

TITLE_HINTS = (
    TermHint("алопеция", "alopecia"),
    TermHint("атопический дерматит", "atopic dermatitis"),
    TermHint("дупилумаб", "dupilumab"),
)


@pytest.fixture(scope="module")
def result() -> Iterator[CleanResult]:
    """Clean the sample by its path relative to the repository, as writers show the source."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        yield clean_file(SAMPLE.relative_to(ROOT))


def expected_corrected(text: str) -> str:
    """The sample without its chrome paragraphs and with its errors fixed, built by hand."""
    paragraphs = text.split("\n\n")
    for line in CHROME:
        assert paragraphs.count(line) == 1, line
    text = "\n\n".join(p for p in paragraphs if p not in CHROME)
    for before, after, count in FIXES:
        assert text.count(before) == count, before
        text = text.replace(before, after)
    return text


def only(flags: list[Flag]) -> Flag:
    assert len(flags) == 1, [(f.rule, f.text) for f in flags]
    return flags[0]


def test_applied_edits_are_exactly_the_known_errors(result: CleanResult) -> None:
    found = Counter((e.rule, e.original.strip(), e.replacement) for e in result.edits)
    assert found == EXPECTED_EDITS


def test_nothing_else_changes(result: CleanResult) -> None:
    assert result.corrected == expected_corrected(result.document.text)


def test_every_edit_records_what_it_replaced(result: CleanResult) -> None:
    spans = [(edit.start, edit.end) for edit in result.edits]
    assert spans == sorted(spans)
    for edit in result.edits:
        assert result.document.text[edit.start : edit.end] == edit.original


def test_russian_title_is_flagged_untranslated_with_term_hints(result: CleanResult) -> None:
    title = result.document.units[0]
    title_text = result.document.segment_text(title)
    assert title_text.startswith("Лечение алопеции и атопического дерматита")
    flag = only([f for f in result.flags if f.rule == "qa.untranslated"])
    assert (flag.start, flag.end, flag.segment_id) == (title.start, title.end, title.id)
    assert not result.applied(flag)
    hints = result.hints.get(title.id, ())
    assert set(TITLE_HINTS) <= set(hints), hints


def test_redundant_gloss_is_flagged_and_kept(result: CleanResult) -> None:
    flag = only([f for f in result.flags if f.rule == "qa.redundant-gloss"])
    assert flag.text.strip() == "(alopecia totalis)"
    assert not result.applied(flag)
    assert "Alopecia totalis (alopecia totalis) is" in result.corrected


def test_unsure_chrome_heading_is_a_warning_kept_in_the_text(result: CleanResult) -> None:
    line = "Causes of baldness: scientists have discovered new aspects at the cellular level"
    flag = only([f for f in result.flags if f.text.strip() == line])
    assert flag.rule == "boilerplate.chrome"
    assert flag.severity.rank >= Severity.WARNING.rank
    assert not result.applied(flag)
    assert line in result.corrected


def test_no_term_flag_on_a_correct_word(result: CleanResult) -> None:
    term_flags = {(f.rule, f.text) for f in result.flags if f.rule.startswith("term.")}
    assert term_flags <= TERM_ERRORS, sorted(term_flags - TERM_ERRORS)


def test_every_fix_applied_comes_from_a_flag(result: CleanResult) -> None:
    fixes = {f.fix for f in result.flags if f.fix is not None}
    assert set(result.edits) <= fixes


@pytest.mark.parametrize("writer", BUILTIN_WRITERS, ids=lambda w: w.name)
def test_output_matches_snapshot(result: CleanResult, writer: Writer) -> None:
    data = writer.write(result)
    path = SNAPSHOTS / f"sample.{writer.extension}"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"no snapshot {path.name}: run with TRANSCLEAN_UPDATE_SNAPSHOTS=1"
    assert data == path.read_bytes(), f"{path.name} changed; regenerate and review the diff"
