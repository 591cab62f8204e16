"""The HTML review page: self-contained, every fix and flag highlighted, all text escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.test_writers_common import article, clean, flag_on, small_article
from transclean.model import CleanResult, Edit, Flag, Severity
from transclean.writers import get_writer


class _Page(HTMLParser):
    """Collect what a browser would act on: elements, their attributes, text per element id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[str | None] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if tag not in ("meta", "input", "br"):
            self._open.append(dict(attrs).get("id"))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        if tag not in ("meta", "input", "br") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        for element_id in self._open:
            if element_id:
                self.text_by_id[element_id] = self.text_by_id.get(element_id, "") + data


def render(result: CleanResult) -> tuple[str, _Page]:
    html = get_writer("html").write(result).decode("utf-8")
    page = _Page()
    page.feed(html)
    return html, page


def test_page_fetches_nothing() -> None:
    html, page = render(small_article())
    assert [t for t, _ in page.tags if t in ("link", "img", "iframe", "object", "embed")] == []
    assert all("src" not in attrs for _, attrs in page.tags)
    hrefs = [attrs["href"] for _, attrs in page.tags if "href" in attrs]
    assert hrefs and all(h is not None and h.startswith("#") for h in hrefs)
    assert "@import" not in html and "url(" not in html and "http" not in html.split("<main>")[0]


def test_article_text_is_escaped_never_markup() -> None:
    html, page = render(small_article())
    # Only our own script element exists; the article's <script> is text.
    assert len([t for t, _ in page.tags if t == "script"]) == 1
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;" in html
    assert page.text_by_id["p2"].startswith("It grew hair in a patient with <script>")


def test_attribute_values_are_escaped() -> None:
    doc = article(("paragraph", "en", ['Say "A & B" <now>.']))
    flag = flag_on(doc, '"A & B"', "qa.quote", 'Quote "x" <y> & z.', suggestion="'A and B'")
    _, page = render(clean(doc, (flag,)))
    marks = [attrs for tag, attrs in page.tags if tag == "mark"]
    assert marks[0]["title"] == "[warning] qa.quote: Quote \"x\" <y> & z. Suggestion: 'A and B'"


def test_applied_fix_shows_replacement_and_keeps_original_in_del() -> None:
    html, page = render(small_article())
    fix = next(attrs for tag, attrs in page.tags if tag == "span" and attrs.get("class") == "fix")
    assert fix["data-flags"] == "f1"
    assert fix["title"] is not None and fix["title"].startswith(
        "term.deprecated: “screaming acid” → “squaric acid”"
    )
    assert "<del>screaming acid</del><ins>squaric acid</ins>" in html


def test_unfixed_flag_is_marked_with_its_severity() -> None:
    _, page = render(small_article())
    marks = [attrs for tag, attrs in page.tags if tag == "mark"]
    assert [(m["class"], m["data-flags"], m["id"]) for m in marks] == [("error", "f2", "at-f2")]
    assert page.text_by_id["at-f2"] == "dumilumab"


def test_flags_are_listed_by_rule_with_links_to_the_text() -> None:
    html, page = render(small_article())
    summaries = html.split('<section id="flags">')[1]
    assert summaries.index("qa.misspelled-term") < summaries.index("term.deprecated")
    assert page.text_by_id["f1"].startswith("warning p2.s1 screaming acid — Deprecated term")
    assert '<a href="#at-f2">p2.s2</a>' in html


def test_overlapping_flags_share_marks_and_each_gets_one_anchor() -> None:
    doc = article(("paragraph", "en", ["alpha beta gamma"]))
    first = flag_on(doc, "alpha beta", "qa.a", "A.")
    second = flag_on(doc, "beta gamma", "qa.b", "B.", severity=Severity.ERROR)
    html, page = render(clean(doc, (first, second)))
    marks = [(a["data-flags"], a.get("id"), a["class"]) for t, a in page.tags if t == "mark"]
    # "alpha |beta| gamma": the shared middle carries both flags and the worse severity.
    assert marks == [("f1", "at-f1", "warning"), ("f1 f2", "at-f2", "error"), ("f2", None, "error")]
    assert "<mark" in html and html.count('id="at-f1"') == 1


def test_deletion_and_point_flag() -> None:
    doc = article(("paragraph", "en", ["Read more here. Real text."]))
    chrome = flag_on(doc, "Read more here. ", "boilerplate.link", "Site chrome.", replacement="")
    point = Flag("Fpt", "qa.missing-space", Severity.INFO, 20, 20, "", "Space?", "p0.s1")
    html, page = render(clean(doc, (chrome, point), (chrome,)))
    deletion = next(a for t, a in page.tags if t == "span" and a.get("class") == "fix deletion")
    assert deletion["title"] is not None and "Site chrome." in deletion["title"]
    assert "<del>Read more here. </del><ins></ins>" in html
    assert any(t == "mark" and a["class"] == "info point" for t, a in page.tags)


def test_removed_paragraph_is_drawn_where_it_was() -> None:
    doc = article(
        ("paragraph", "en", ["Keep this."]),
        ("paragraph", "en", ["Watch our videos."]),
        ("paragraph", "en", ["And this."]),
    )
    start = doc.text.index("Watch")
    cut = Edit("boilerplate.cta", start, doc.text.index("And"), "Watch our videos.\n\n", "")
    html, _ = render(clean(doc, extra_edits=(cut,)))
    assert '<p id="p1"><span class="fix deletion"' in html
    assert '<p id="p2">And this.</p>' in html
    assert html.count("Watch our videos.") == 2  # once in <del>, once in the title


def test_block_in_another_language_says_so() -> None:
    html, _ = render(small_article())
    assert '<article lang="en">' in html
    assert '<h1 id="p0" lang="ru">Лечение' in html
    assert '<h2 id="p1">An unexpected effect</h2>' in html


@pytest.mark.parametrize(
    ("result", "text"),
    [
        (clean(article()), "No text."),
        (clean(article(("paragraph", "en", ["Fine."]))), "No flags."),
    ],
    ids=["empty", "no-flags"],
)
def test_empty_and_clean_documents_say_so(result: CleanResult, text: str) -> None:
    html, _ = render(result)
    assert text in html
