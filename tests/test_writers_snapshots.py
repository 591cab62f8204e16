"""Every writer against its snapshot file, plus the contract every writer keeps.

Snapshots live in ``tests/snapshots/<article>.<extension>``. After an intended change,
regenerate them with ``TRANSCLEAN_UPDATE_SNAPSHOTS=1 python -m pytest
tests/test_writers_snapshots.py`` and review the diff. Each test run uses a new hash seed, so
a snapshot that still matches also shows the output does not depend on iteration order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_writers_common import article, clean, flag_on, small_article
from tests.test_writers_translation import counterpart_article, translated_article
from transclean.model import CleanResult, Severity
from transclean.writers import BUILTIN_WRITERS, Writer, get_writer, writer_names

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("TRANSCLEAN_UPDATE_SNAPSHOTS") == "1"

ARTICLES: dict[str, Callable[[], CleanResult]] = {
    "small-article": small_article,
    # ``translate --to en`` of a Russian article, and ``clean --translate`` of an English one.
    "translated-article": translated_article,
    "counterpart-article": counterpart_article,
}


@pytest.mark.parametrize("name", writer_names())
@pytest.mark.parametrize("article_name", ARTICLES)
def test_output_matches_snapshot(article_name: str, name: str) -> None:
    writer = get_writer(name)
    data = writer.write(ARTICLES[article_name]())
    path = SNAPSHOTS / f"{article_name}.{writer.extension}"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"no snapshot {path.name}: run with TRANSCLEAN_UPDATE_SNAPSHOTS=1"
    assert data == path.read_bytes(), f"{path.name} changed; regenerate and review the diff"


def _one_flag_without_fix() -> CleanResult:
    doc = article(("paragraph", "en", ["Nine months after dumilumab."]))
    flag = flag_on(doc, "dumilumab", "qa.misspelled-term", "Misspelling?", severity=Severity.ERROR)
    return clean(doc, (flag,))


CONTRACT_CASES: dict[str, Callable[[], CleanResult]] = {
    "small": small_article,
    "translated": translated_article,
    "counterpart": counterpart_article,
    "empty": lambda: clean(article()),
    "no-flags": lambda: clean(article(("title", "en", "Title"), ("paragraph", "en", ["Text."]))),
    "flag-without-fix": _one_flag_without_fix,
}


@pytest.mark.parametrize("case", CONTRACT_CASES)
@pytest.mark.parametrize("writer", BUILTIN_WRITERS, ids=lambda w: w.name)
def test_every_writer_is_deterministic_utf8(writer: Writer, case: str) -> None:
    first = writer.write(CONTRACT_CASES[case]())
    second = writer.write(CONTRACT_CASES[case]())
    assert first == second
    first.decode("utf-8")  # raises if not UTF-8


@pytest.mark.parametrize("writer", BUILTIN_WRITERS, ids=lambda w: w.name)
def test_every_writer_shows_the_corrected_text(writer: Writer) -> None:
    data = writer.write(small_article()).decode("utf-8")
    if writer.name == "html":
        # The page shows the replaced text in a <del> and the rest through inline markup.
        data = re.sub(r"<[^>]+>", "", re.sub(r"<del>.*?</del>", "", data))
    assert "squaric acid was not effective" in data
