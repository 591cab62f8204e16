"""The text, md, bilingual and json writers, and the Markdown escaping they share."""

from __future__ import annotations

import json

import pytest

from tests.test_writers_common import article, clean, flag_on, small_article
from transclean.model import Edit, Severity, TermHint
from transclean.writers import flag_record, get_writer
from transclean.writers._markdown import escape_block, escape_line, escape_single_line

# --- Markdown escaping --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("Plain words, no markup.", "Plain words, no markup."),
        ("# not a heading", "\\# not a heading"),
        ("- not a bullet", "\\- not a bullet"),
        ("+ not a bullet", "\\+ not a bullet"),
        ("* not a bullet", "\\* not a bullet"),
        ("1. not a list", "1\\. not a list"),
        ("2017) not a list", "2017\\) not a list"),
        ("---", "\\---"),
        ("===", "\\==="),
        ("> not a quote", "\\> not a quote"),
        ("*stars* and _under_", "\\*stars\\* and \\_under\\_"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("AT&T & &amp; &#169;", "AT&T & \\&amp; \\&#169;"),
        (
            "[link](http://x) `code` a|b ~~s~~",
            "\\[link\\](http://x) \\`code\\` a\\|b \\~\\~s\\~\\~",
        ),
        ("C:\\path", "C:\\\\path"),
        ("Алопеция — 60% волос", "Алопеция — 60% волос"),
        ("3.5 mg", "3.5 mg"),
    ],
)
def test_escape_line(line: str, escaped: str) -> None:
    assert escape_line(line) == escaped


def test_escape_block_keeps_line_breaks_as_hard_breaks() -> None:
    assert escape_block("One line\n- second") == "One line\\\n\\- second"


def test_heading_text_keeps_a_final_hash() -> None:
    assert escape_single_line("Week  #") == "Week \\#"


# --- text and md --------------------------------------------------------------------------


def test_text_is_the_corrected_text_exactly() -> None:
    result = small_article()
    assert get_writer("text").write(result) == result.corrected.encode("utf-8")


def test_md_marks_title_and_headings() -> None:
    md = get_writer("md").write(small_article()).decode()
    assert md.splitlines()[:4] == [
        "# Лечение алопеции и атопического дерматита: дупилумаб",
        "",
        "## An unexpected effect",
        "",
    ]
    assert "topical squaric acid was" in md
    assert "\\<script\\>" in md and "<script>" not in md


def test_md_leaves_out_a_block_the_corrections_emptied() -> None:
    doc = article(
        ("paragraph", "en", ["Keep."]),
        ("paragraph", "en", ["Watch our videos."]),
        ("paragraph", "en", ["Also keep."]),
    )
    start = doc.text.index("Watch")
    cut = Edit("boilerplate.cta", start, doc.text.index("Also"), "Watch our videos.\n\n", "")
    assert get_writer("md").write(clean(doc, extra_edits=(cut,))) == b"Keep.\n\nAlso keep.\n"


@pytest.mark.parametrize("name", ["text", "md"])
def test_empty_document_gives_empty_output(name: str) -> None:
    assert get_writer(name).write(clean(article())) == b""


# --- bilingual ----------------------------------------------------------------------------


def test_bilingual_shows_each_unit_with_language_original_corrected_flags() -> None:
    md = get_writer("bilingual").write(small_article()).decode()
    unit = md[md.index("## p2.s1") : md.index("## p2.s2")]
    assert unit.splitlines() == [
        "## p2.s1 · sentence · en",
        "",
        "**Original:** Previous treatment with topical screaming acid was not effective.\\",
        "**Corrected:** Previous treatment with topical squaric acid was not effective.",
        "",
        "- **warning** `term.deprecated` “screaming acid” → “squaric acid” (fixed): "
        "Deprecated term; the glossary prefers “squaric acid”.",
        "",
    ]
    assert "- **error** `qa.misspelled-term` “dumilumab” → dupilumab: " in md


def test_bilingual_lists_glossary_terms_under_the_other_language_title() -> None:
    md = get_writer("bilingual").write(small_article()).decode()
    title = md[md.index("## p0") : md.index("## p1")]
    assert "## p0 · title · ru" in title
    unchanged = "Лечение алопеции и атопического дерматита: дупилумаб _(unchanged)_"
    assert f"**Corrected:** {unchanged}" in title
    assert (
        "**Terms:** алопеция — alopecia; атопический дерматит — atopic dermatitis; "
        "дупилумаб — dupilumab"
    ) in title
    assert md.count("**Terms:**") == 1


def test_bilingual_paragraph_hints_follow_its_last_sentence() -> None:
    doc = article(
        ("paragraph", "ru", ["Первое предложение.", "Лечение алопеции."]),
        language="en",
    )
    hints = {"p0": (TermHint("алопеция", "alopecia"),)}
    md = get_writer("bilingual").write(clean(doc, hints=hints)).decode()
    assert md.index("**Terms:** алопеция — alopecia") > md.index("## p0.s1")


def test_bilingual_header_counts_and_proposed_fix() -> None:
    doc = article(("paragraph", "en", ["The the cat sat."]))
    flag = flag_on(doc, "The the", "qa.doubled-word", "Doubled word.", replacement="The")
    md = get_writer("bilingual").write(clean(doc, (flag,))).decode()
    assert "units: 1 · changed: 0 · flags: 1 (0 fixed)" in md
    assert "“The the” → “The” (proposed): Doubled word." in md


def test_bilingual_empty_document() -> None:
    md = get_writer("bilingual").write(clean(article(source="empty.txt"))).decode()
    assert md == (
        "# Bilingual review: empty.txt\n\n"
        "Language: en · encoding: utf-8 · units: 0 · changed: 0 · flags: 0 (0 fixed)\n\n"
        "_No text._\n"
    )


# --- json ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needle", "line", "column"),
    [
        ("Dumilumab helps.", "Dumilumab", 1, 1),
        ("Title\n\nIt is dumilumab.", "dumilumab", 3, 7),
        ("Заголовок\n\nЛечение дюпилумабом.", "дюпилумабом", 3, 9),
    ],
)
def test_flag_record_line_and_column_are_one_based(
    text: str, needle: str, line: int, column: int
) -> None:
    blocks = [("paragraph", "en", [b]) for b in text.split("\n\n")]
    doc = article(*blocks)
    record = flag_record(doc, flag_on(doc, needle, "qa.x", "Check."))
    assert (record["line"], record["column"]) == (line, column)
    assert record["text"] == needle and record["applied"] is False


def test_json_report_carries_flags_edits_and_corrected_text() -> None:
    result = small_article()
    report = json.loads(get_writer("json").write(result))
    assert list(report) == [
        "file",
        "language",
        "encoding",
        "notes",
        "segments",
        "flags",
        "edits",
        "hints",
        "corrected",
    ]
    assert report["hints"]["p0"][0] == {"source": "алопеция", "target": "alopecia"}
    assert [s["id"] for s in report["segments"]] == ["p0", "p1", "p2", "p2.s0", "p2.s1", "p2.s2"]
    flags = {f["rule"]: f for f in report["flags"]}
    assert list(flags["term.deprecated"]) == [
        "id",
        "rule",
        "severity",
        "start",
        "end",
        "line",
        "column",
        "text",
        "suggestion",
        "message",
        "segment",
        "applied",
    ]
    assert flags["term.deprecated"]["applied"] is True
    assert flags["qa.misspelled-term"]["applied"] is False
    assert flags["qa.misspelled-term"]["severity"] == Severity.ERROR.value
    assert flags["qa.misspelled-term"]["segment"] == "p2.s2"
    start = result.document.text.index("screaming acid")
    assert report["edits"] == [
        {
            "rule": "term.deprecated",
            "start": start,
            "end": start + len("screaming acid"),
            "original": "screaming acid",
            "replacement": "squaric acid",
        }
    ]
    assert report["corrected"] == result.corrected


def test_json_keeps_non_ascii_readable() -> None:
    data = get_writer("json").write(small_article())
    assert "Лечение".encode() in data and b"\\u" not in data
