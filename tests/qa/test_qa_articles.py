"""All QA checks on whole articles: the sample and our own fixtures flag exactly what they should.

Each ``tests/data/articles/qa-*.txt`` may have a ``.expected.json`` beside it listing its flags
as ``{"rule", "at", "fix"}``: ``at`` is a unique stretch of the article with the flagged span
marked ⟦…⟧, ``fix`` the proposed replacement (null: none). An article without one must raise
no QA flag at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.qa.helpers import marked
from transclean.api import read_document, segment_string
from transclean.checks import CheckContext, all_rules, load_checks, run_checks
from transclean.config import Options
from transclean.correct import choose_edits
from transclean.edits import apply_edits
from transclean.glossary.model import Glossary
from transclean.model import Document, Flag

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"

QA_CHECKS = tuple(
    f"transclean.checks.qa.{target}"
    for target in (
        "untranslated:UntranslatedCheck",
        "doubled:DoubledWordCheck",
        "spacing:SpacingCheck",
        "gloss:RedundantGlossCheck",
        "script:MixedScriptCheck",
        "brackets:BracketsCheck",
        "numbers:NumbersCheck",
    )
)


def qa_flags(document: Document) -> list[Flag]:
    context = CheckContext(document, Glossary(), Options())
    return run_checks(context, load_checks(QA_CHECKS))


def summary(flags: list[Flag]) -> list[tuple[str, int, int, str | None]]:
    return [(f.rule, f.start, f.end, f.fix.replacement if f.fix else None) for f in flags]


def locate(text: str, at: str) -> tuple[int, int]:
    """Return the span marked in ``at``, which must occur exactly once in ``text``."""
    plain, [(start, end)] = marked(at)
    assert text.count(plain) == 1, f"{plain!r} must occur once"
    offset = text.index(plain)
    return offset + start, offset + end


def test_sample_flags_exactly_the_known_errors(sample_text: str) -> None:
    document = segment_string(sample_text)
    found = [(f.rule, f.text, f.fix.replacement if f.fix else None) for f in qa_flags(document)]
    assert found == [
        (
            "qa.untranslated",
            "Лечение алопеции и атопического дерматита: двойное действие дупилумаба",
            None,
        ),
        ("qa.redundant-gloss", " (alopecia totalis)", ""),
        ("qa.doubled-word", " that", ""),
        ("qa.spacing", " ", ""),
    ]
    flags = qa_flags(document)
    assert sample_text[flags[2].start - 4 : flags[2].end + 6] == "that that there"
    assert sample_text[flags[3].start - 4 : flags[3].end + 1] == "ways ."


def test_sample_correction_applies_only_the_safe_fixes(sample_text: str) -> None:
    flags = qa_flags(segment_string(sample_text))
    edits = choose_edits(flags, all_rules(load_checks(QA_CHECKS)), Options())
    expected = sample_text.replace("that that there", "that there").replace("ways .", "ways.")
    assert apply_edits(sample_text, edits) == expected
    # Asked for, the redundant gloss goes too.
    forced = choose_edits(
        flags, all_rules(load_checks(QA_CHECKS)), Options(fix_rules=frozenset({"qa"}))
    )
    assert "Alopecia totalis is a generalized" in apply_edits(sample_text, forced)


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("qa-*.txt")), ids=lambda p: p.name)
def test_article_fixture(path: Path) -> None:
    document = read_document(path)
    expected_file = path.with_suffix(".expected.json")
    expected = json.loads(expected_file.read_text("utf-8")) if expected_file.exists() else []
    want = sorted(
        (item["rule"], *locate(document.text, item["at"]), item["fix"]) for item in expected
    )
    got = sorted(summary(qa_flags(document)))
    assert got == want
