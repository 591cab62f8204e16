"""Every writer with machine translations: applied (``translate``, ``--translate=replace``) and
beside the unit (``clean --translate``), ru → en and en → ru, with real languages on each side.

Results come from the real API (``api.translate_document``, ``api.clean_document``) with a small
word-for-word engine in place of a model, so each translation is known exactly; the glossary
protection, the checks on the translation and the correction stage are the real ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from unittest import mock

import pytest

from tests.standards_validator import validate
from tests.test_writers_common import article, small_article
from tests.test_writers_html import render
from tests.test_writers_xml import read_with_translate_toolkit, write
from transclean import api
from transclean.config import Options, TranslateMode, TranslationOptions
from transclean.glossary.model import Concept, Glossary, Term
from transclean.model import Action, CleanResult, Decision, Document
from transclean.translate import pipeline
from transclean.writers import get_writer
from transclean.writers._common import MT_RULE, unit_views
from transclean.writers.xliff_read import read_units

GLOSSARY = Glossary(
    (
        Concept("dupilumab", (Term("dupilumab", "en"), Term("дупилумаб", "ru"))),
        Concept(
            "atopic-dermatitis",
            (Term("atopic dermatitis", "en"), Term("атопический дерматит", "ru")),
        ),
        Concept("alopecia", (Term("alopecia", "en"), Term("алопеция", "ru"))),
    ),
    ("en", "ru"),
)

WORDS = {
    ("ru", "en"): {
        "лечение": "treatment",
        "и": "and",
        "неожиданный": "unexpected",
        "эффект": "effect",
        "пациент": "patient",
        "с": "with",
        "получал": "received",
        "волосы": "hair",
        "выросли": "grew",
        "через": "after",
        "девять": "nine",
        "месяцев": "months",
        "весьма": "very very",  # an engine that stutters: the check on its output fixes it
    },
    ("en", "ru"): {
        "an": "",
        "a": "",
        "was": "",
        "unexpected": "неожиданный",
        "effect": "эффект",
        "patient": "пациент",
        "with": "с",
        "treated": "лечился",
        "hair": "волосы",
        "grew": "выросли",
        "after": "через",
        "nine": "девять",
        "months": "месяцев",
    },
}


@dataclass
class WordEngine:
    """Translate word for word from ``WORDS``; other words and ``⟦n⟧`` placeholders pass through.

    In a text containing ``lossy_on`` placeholders and words missing from the table are dropped
    instead: its glossary terms cannot survive, not even the retry with the terms written in.
    """

    lossy_on: str | None = None
    name: str = "words"

    def pairs(self) -> set[tuple[str, str]]:
        return set(WORDS)

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        return [self._one(text, WORDS[(src, tgt)]) for text in texts]

    def _one(self, text: str, table: dict[str, str]) -> str:
        lossy = self.lossy_on is not None and self.lossy_on in text
        if lossy:
            text = re.sub(r"⟦\d+⟧", "", text)

        def word(match: re.Match[str]) -> str:
            found = table.get(match.group().lower())
            if found is None:
                return "" if lossy else match.group()
            return found.capitalize() if match.group()[0].isupper() else found

        return " ".join(re.sub(r"[^\W\d_]+", word, text).split())


@contextmanager
def using(engine: WordEngine) -> Iterator[None]:
    """Run the pipeline with ``engine`` wherever it would load one from the options."""
    with mock.patch.object(pipeline, "engine_for", lambda settings: engine):
        yield


def translated(document: Document, target: str, engine: WordEngine | None = None) -> CleanResult:
    """``transclean translate --to TARGET``."""
    with using(engine or WordEngine()):
        return api.translate_document(document, target, Options(), GLOSSARY)


def cleaned(
    document: Document,
    mode: TranslateMode,
    engine: WordEngine | None = None,
    decisions: dict[str, Decision] | None = None,
) -> CleanResult:
    """``transclean clean --translate[=replace]``."""
    options = Options(translation=TranslationOptions(mode=mode))
    with using(engine or WordEngine()):
        return api.clean_document(document, options, GLOSSARY, decisions)


def russian_article() -> Document:
    """A Russian article with one paragraph left in English."""
    return article(
        ("title", "ru", "Лечение алопеции дупилумабом"),
        ("heading", "ru", "Неожиданный эффект"),
        ("paragraph", "ru", ["Пациент с атопическим дерматитом получал дупилумаб."]),
        ("paragraph", "en", ["Hair grew after nine months."]),
        source="ru-article.txt",
        language="ru",
    )


def english_article(*extra: tuple[str, str, str | list[str]]) -> Document:
    """An English article with its title left in Russian."""
    return article(
        ("title", "ru", "Лечение алопеции и атопического дерматита дупилумабом"),
        ("heading", "en", "An unexpected effect"),
        ("paragraph", "en", ["A patient with atopic dermatitis was treated with dupilumab."]),
        *extra,
        source="en-article.txt",
    )


def translated_article() -> CleanResult:
    """Snapshot case: ``translate --to en`` of the Russian article."""
    return translated(russian_article(), "en")


def counterpart_article() -> CleanResult:
    """Snapshot case: ``clean --translate``, one translation verified, one not."""
    doc = english_article(
        ("paragraph", "ru", ["Волосы выросли через девять месяцев с дупилумабом."])
    )
    return cleaned(doc, TranslateMode.COUNTERPART, WordEngine(lossy_on="девять"))


CASES = {
    "translate ru→en": translated_article,
    "translate en→ru": lambda: translated(english_article(), "ru"),
    "replace ru→en": lambda: cleaned(english_article(), TranslateMode.REPLACE),
    "counterpart ru→en": counterpart_article,
    "counterpart en→ru": lambda: cleaned(russian_article(), TranslateMode.COUNTERPART),
}


# --- what the writers see -----------------------------------------------------------------


# (case, unit, its target language, its translation, applied?) for every translated unit.
TRANSLATED_UNITS = [
    ("translate ru→en", "p0", "en", "Treatment alopecia dupilumab", True),
    ("translate ru→en", "p1", "en", "Unexpected effect", True),
    ("translate ru→en", "p2.s0", "en", "Patient with atopic dermatitis received dupilumab.", True),
    ("translate en→ru", "p1", "ru", "неожиданный эффект", True),
    (
        "translate en→ru",
        "p2.s0",
        "ru",
        "пациент с атопическим дерматитом лечился с дупилумабом.",
        True,
    ),
    ("replace ru→en", "p0", "en", "Treatment alopecia and atopic dermatitis dupilumab", True),
    ("counterpart ru→en", "p0", "ru", "Treatment alopecia and atopic dermatitis dupilumab", False),
    ("counterpart ru→en", "p3.s0", "ru", "Hair grew after nine months with.", False),
    ("counterpart en→ru", "p3.s0", "en", "Волосы выросли через девять месяцев.", False),
]


@pytest.mark.parametrize(("case", "unit", "target_lang", "text", "applied"), TRANSLATED_UNITS)
def test_translated_units_carry_their_translation_and_language(
    case: str, unit: str, target_lang: str, text: str, applied: bool
) -> None:
    view = {v.id: v for v in unit_views(CASES[case]())}[unit]
    assert view.mt is not None
    assert (view.mt.text, view.mt.applied, view.target_lang) == (text, applied, target_lang)
    if applied:  # the target is the translation, nothing is left beside it
        assert (view.target, view.counterpart) == (text, None)
    else:  # the target is the original, the translation is its counterpart
        assert (view.target, view.counterpart) == (view.source, view.mt)


@pytest.mark.parametrize("case", CASES)
def test_units_without_a_translation_keep_their_own_language(case: str) -> None:
    listed = {unit for c, unit, *_ in TRANSLATED_UNITS if c == case}
    for view in unit_views(CASES[case]()):
        assert (view.mt is not None) == (view.id in listed), view.id
        if view.mt is None:
            assert (view.target, view.target_lang) == (view.source, view.lang)


def test_without_translations_nothing_changes() -> None:
    views = unit_views(small_article())
    assert all(v.mt is None and v.target_lang == v.lang for v in views)


def test_only_the_lost_terms_are_unverified() -> None:
    views = {v.id: v for v in unit_views(counterpart_article())}
    assert views["p0"].mt is not None and views["p0"].mt.verified
    assert views["p3.s0"].mt is not None and not views["p3.s0"].mt.verified
    assert "mt.term-unverified" in [f.rule for f in views["p3.s0"].flags]


def test_an_editors_rewrite_of_a_translation_is_applied_and_revised() -> None:
    doc = english_article()
    [proposed] = [f for f in cleaned(doc, TranslateMode.COUNTERPART).flags if f.rule == MT_RULE]
    decision = Decision(proposed.id, Action.REPLACE, "Alopecia in atopic dermatitis")
    result = cleaned(doc, TranslateMode.COUNTERPART, decisions={proposed.id: decision})
    view = unit_views(result)[0]
    assert view.mt is not None and view.mt.applied and view.mt.revised
    assert (view.target, view.target_lang) == ("Alopecia in atopic dermatitis", "en")
    assert "_(machine translation by words, revised by the editor)_" in write_text(
        "bilingual", result
    )


def write_text(name: str, result: CleanResult) -> str:
    return get_writer(name).write(result).decode("utf-8")


# --- bilingual Markdown ---------------------------------------------------------------------


def test_bilingual_translate_shows_the_translation_as_corrected_text() -> None:
    text = write_text("bilingual", translated_article())
    assert "Language: ru → en · encoding: utf-8 · units: 4 · changed: 3 · " in text
    assert "machine translations: 3 (3 applied)" in text
    assert (
        "## p0 · title · ru → en\n\n"
        "**Original:** Лечение алопеции дупилумабом\\\n"
        "**Corrected:** Treatment alopecia dupilumab _(machine translation by words)_\n\n"
        "- **info** `mt.translation` (fixed): Machine translation ru→en (words)\n"
    ) in text
    # The English paragraph was not translated: it stays as it was, in English.
    assert "## p3.s0 · sentence · en\n" in text
    assert "**Corrected:** Hair grew after nine months. _(unchanged)_" in text


def test_bilingual_counterpart_stands_beside_the_original() -> None:
    text = write_text("bilingual", counterpart_article())
    assert "Language: en · " in text and "machine translations: 2 (0 applied)" in text
    assert (
        "## p0 · title · ru\n\n"
        "**Original:** Лечение алопеции и атопического дерматита дупилумабом\\\n"
        "**Machine translation (en, words):** "
        "Treatment alopecia and atopic dermatitis dupilumab\\\n"
        "**Corrected:** Лечение алопеции и атопического дерматита дупилумабом _(unchanged)_\n"
    ) in text
    assert (
        "**Machine translation (en, words):** Hair grew after nine months with. "
        "_(glossary terms not verified)_\\\n"
    ) in text
    assert "- **warning** `mt.term-unverified`: Glossary terms not verified" in text
    assert "- **info** `mt.translation` (proposed): Machine translation ru→en (words)" in text


def test_bilingual_en_to_ru() -> None:
    text = write_text("bilingual", translated(english_article(), "ru"))
    assert "Language: en → ru · " in text
    assert "## p1 · heading · en → ru\n" in text
    assert "**Corrected:** неожиданный эффект _(machine translation by words)_" in text
    # The Russian title is already in the target language.
    assert "## p0 · title · ru\n" in text


def test_bilingual_shows_findings_in_the_translation_by_their_wording() -> None:
    doc = english_article(("paragraph", "ru", ["Эффект весьма неожиданный."]))
    text = write_text("bilingual", cleaned(doc, TranslateMode.COUNTERPART))
    # The translation's doubled word was fixed in the translation, and reported on the unit.
    assert "**Machine translation (en, words):** Effect very unexpected.\\\n" in text
    [line] = [line for line in text.splitlines() if "`qa.doubled-word`" in line]
    assert line.startswith("- **warning** `qa.doubled-word`: In the machine translation, “")
    assert "Fixed in the translation:" in line


# --- HTML -----------------------------------------------------------------------------------


def test_html_translate_page_is_in_the_target_language() -> None:
    html, page = render(translated_article())
    assert '<html lang="en">' in html and '<article lang="en">' in html
    assert "language ru → en · " in html
    # Translated blocks read in English; the replaced Russian says it is Russian.
    assert '<h1 id="p0">' in html
    assert '<del lang="ru">Лечение алопеции дупилумабом</del><ins>Treatment alopecia' in html
    assert page.text_by_id["p3"] == "Hair grew after nine months."
    assert "<aside" not in html


def test_html_en_to_ru_marks_the_block_left_in_english() -> None:
    html, _ = render(translated(english_article(), "ru"))
    assert '<html lang="ru">' in html and "language en → ru · " in html
    assert '<h1 id="p0">Лечение алопеции' in html  # Russian already: the page's language
    assert '<h2 id="p1"><span' in html and '<del lang="en">An unexpected effect</del>' in html


def test_html_counterpart_is_an_aside_after_its_block() -> None:
    html, page = render(counterpart_article())
    assert '<html lang="en">' in html and "language en · " in html
    title = html.index('<h1 id="p0"')
    aside = html.index('<aside class="mt" id="mt-p0"')
    assert title < aside < html.index('<h2 id="p1"')
    assert page.text_by_id["mt-p0"] == (
        "Machine translation (en, words) of p0: Treatment alopecia and atopic dermatitis dupilumab"
    )
    assert page.text_by_id["mt-p3.s0"].endswith(
        "Hair grew after nine months with. glossary terms not verified"
    )
    assert '<span class="sev warning">glossary terms not verified</span></aside>' in html
    assert "aside.mt{" in html  # the style comes only with asides
    assert "aside.mt{" not in render(small_article())[0]


def test_html_translation_text_is_escaped() -> None:
    hostile = "Волосы выросли через девять месяцев <script>x()</script> & «лечение»."
    html, page = render(
        cleaned(english_article(("paragraph", "ru", [hostile])), TranslateMode.COUNTERPART)
    )
    assert "<script>x" not in html
    assert "месяцев &lt;script&gt;x()&lt;/script&gt; &amp; «лечение»." in html  # the original
    assert (
        '<span lang="en">Hair grew after nine months &lt;script&gt;x()&lt;/script&gt; &amp; '
        "«treatment».</span>"
    ) in html  # the translation
    assert page.scripts and all("x()" not in s for s in page.scripts)


# --- XLIFF 1.2, XLIFF 2.1, TMX --------------------------------------------------------------

XML_FORMATS = ["xliff", "xliff2", "tmx"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("name", XML_FORMATS)
def test_xml_is_valid(name: str, case: str, tmp_path: Path) -> None:
    _, path = write(name, CASES[case](), tmp_path)
    assert validate(path) == []


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("name", XML_FORMATS)
def test_own_reader_gets_back_languages_and_translations(name: str, case: str) -> None:
    result = CASES[case]()
    got = [
        (u.id, u.source, u.target, u.lang, u.target_lang, u.translation, u.translation_lang)
        for u in read_units(get_writer(name).write(result))
    ]
    expected = [
        (
            v.id,
            v.source,
            v.target,
            v.lang,
            v.target_lang,
            v.counterpart.text if v.counterpart else None,
            v.counterpart.lang if v.counterpart else "",
        )
        for v in unit_views(result)
    ]
    assert got == expected


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("name", XML_FORMATS)
def test_translate_toolkit_still_reads_sources_and_targets(
    name: str, case: str, tmp_path: Path
) -> None:
    result = CASES[case]()
    _, path = write(name, result, tmp_path)
    got = [(s, t) for s, t, _ in read_with_translate_toolkit(name, path)]
    assert got == [(v.source, v.target) for v in unit_views(result)]


@pytest.mark.parametrize(
    ("case", "languages"),
    [
        ("translate ru→en", 'source-language="ru" target-language="en"'),
        ("translate en→ru", 'source-language="en" target-language="ru"'),
        ("counterpart ru→en", 'source-language="en" target-language="en"'),
    ],
)
def test_xliff12_file_languages(case: str, languages: str) -> None:
    assert languages in write_text("xliff", CASES[case]())


def test_xliff12_translate_units() -> None:
    data = write_text("xliff", translated_article())
    assert (
        "<source>Лечение алопеции дупилумабом</source>\n"
        '        <target state="translated" state-qualifier="leveraged-mt">'
        "Treatment alopecia dupilumab</target>"
    ) in data
    # The English paragraph: English source in a Russian file, target in the file's English.
    assert (
        '<source xml:lang="en">Hair grew after nine months.</source>\n'
        '        <target state="translated">Hair grew after nine months.</target>'
    ) in data
    assert "<alt-trans" not in data


def test_xliff12_counterpart_is_an_alt_trans(tmp_path: Path) -> None:
    data = write_text("xliff", counterpart_article())
    assert (
        '<target xml:lang="ru" state="needs-review-translation">'
        "Лечение алопеции и атопического дерматита дупилумабом</target>"
    ) in data
    assert (
        '<alt-trans origin="words" alttranstype="proposal">\n'
        '          <target xml:lang="en">'
        "Treatment alopecia and atopic dermatitis dupilumab</target>\n"
        "        </alt-trans>"
    ) in data
    from translate.storage import xliff

    path = tmp_path / "c.xlf"
    path.write_text(data, encoding="utf-8")
    unit = xliff.xlifffile.parsefile(str(path)).units[0]
    [alt] = unit.getalttrans()
    assert (alt.source, alt.target) == (
        unit.source,
        "Treatment alopecia and atopic dermatitis dupilumab",
    )


@pytest.mark.parametrize(
    ("case", "languages"),
    [
        ("translate ru→en", 'srcLang="ru" trgLang="en"'),
        ("translate en→ru", 'srcLang="en" trgLang="ru"'),
        ("counterpart en→ru", 'srcLang="ru" trgLang="ru"'),
    ],
)
def test_xliff2_file_languages(case: str, languages: str) -> None:
    assert languages in write_text("xliff2", CASES[case]())


def test_xliff2_translate_marks_only_content_in_another_language() -> None:
    data = write_text("xliff2", translated_article())
    assert "<target>Treatment alopecia dupilumab</target>" in data
    assert (
        '<source><mrk id="lang" type="its:generic" itsm:lang="en">Hair grew after nine months.'
        "</mrk></source>\n        <target>Hair grew after nine months.</target>"
    ) in data
    assert "mtc:" not in data


def test_xliff2_counterpart_is_a_translation_candidate() -> None:
    data = write_text("xliff2", counterpart_article())
    assert 'xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"' in data
    assert (
        "<mtc:matches>\n"
        '        <mtc:match ref="#mt" type="mt" origin="words">\n'
        '          <source><mrk id="mt-lang" type="its:generic" itsm:lang="ru">'
        "Лечение алопеции и атопического дерматита дупилумабом</mrk></source>\n"
        "          <target>Treatment alopecia and atopic dermatitis dupilumab</target>\n"
        "        </mtc:match>\n"
        "      </mtc:matches>"
    ) in data
    assert (
        '<source><mrk id="lang" type="its:generic" itsm:lang="ru"><mrk id="mt" type="mtc:match">'
        "Лечение алопеции и атопического дерматита дупилумабом</mrk></mrk></source>"
    ) in data


@pytest.mark.parametrize("case", ["counterpart ru→en", "counterpart en→ru"])
def test_xliff2_match_refs_point_into_their_segment(case: str) -> None:
    """The module's rule the XSD cannot check (matches.sch mtc2): ``ref`` names an element of
    the same unit that is, or lies in, a ``<segment>``."""
    from lxml import etree

    root = etree.fromstring(get_writer("xliff2").write(CASES[case]()))
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0", "m": "urn:oasis:names:tc:xliff:matches:2.0"}
    matches = root.findall(".//m:match", ns)
    assert matches
    for match in matches:
        unit = match.getparent().getparent()
        target_id = match.get("ref").removeprefix("#")
        found = unit.xpath(
            ".//x:segment//*[@id=$id] | .//x:segment[@id=$id]", namespaces=ns, id=target_id
        )
        assert len(found) == 1 and found[0].get("type") == "mtc:match"


def test_tmx_variants_carry_their_languages() -> None:
    data = write_text("tmx", translated(english_article(), "ru"))
    assert (
        '<tuv xml:lang="en"><prop type="x-transclean-role">original</prop>'
        "<seg>An unexpected effect</seg></tuv>\n"
        '      <tuv xml:lang="ru"><prop type="x-transclean-role">corrected</prop>'
        '<prop type="x-transclean-engine">words</prop><seg>неожиданный эффект</seg></tuv>'
    ) in data
    assert "each tuv in its own language" in data


def test_tmx_counterpart_is_a_third_variant() -> None:
    data = write_text("tmx", counterpart_article())
    assert (
        '<tuv xml:lang="ru"><prop type="x-transclean-role">corrected</prop>'
        "<seg>Лечение алопеции и атопического дерматита дупилумабом</seg></tuv>\n"
        '      <tuv xml:lang="en"><prop type="x-transclean-role">machine-translation</prop>'
        '<prop type="x-transclean-engine">words</prop>'
        "<seg>Treatment alopecia and atopic dermatitis dupilumab</seg></tuv>\n"
        "    </tu>"
    ) in data


# --- JSON, text, Markdown -------------------------------------------------------------------


def test_json_reports_the_target_language_and_each_translation() -> None:
    report = json.loads(write_text("json", counterpart_article()))
    assert report["language"] == report["target_language"] == "en"
    first, second = report["translations"]
    assert first == {
        "flag": first["flag"],
        "segment": "p0",
        "start": 0,
        "end": 53,
        "source_lang": "ru",
        "target_lang": "en",
        "engine": "words",
        "terms": "ok",
        "text": "Treatment alopecia and atopic dermatitis dupilumab",
        "applied": False,
    }
    assert (second["segment"], second["terms"], second["applied"]) == ("p3.s0", "unverified", False)
    translated_report = json.loads(write_text("json", translated_article()))
    assert (translated_report["language"], translated_report["target_language"]) == ("ru", "en")
    assert [t["applied"] for t in translated_report["translations"]] == [True, True, True]


def test_json_without_translation_has_no_translation_keys() -> None:
    report = json.loads(write_text("json", small_article()))
    assert "target_language" not in report and "translations" not in report


def test_json_of_a_translate_run_with_nothing_to_translate() -> None:
    doc = replace(english_article(), segments=english_article().segments[1:])  # no Russian title
    report = json.loads(write_text("json", translated(doc, "en")))
    assert (report["target_language"], report["translations"]) == ("en", [])


@pytest.mark.parametrize("case", CASES)
def test_text_is_the_corrected_text(case: str) -> None:
    result = CASES[case]()
    assert write_text("text", result) == result.corrected


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "translate ru→en",
            "# Treatment alopecia dupilumab\n\n## Unexpected effect\n\n"
            "Patient with atopic dermatitis received dupilumab.\n\n"
            "Hair grew after nine months.\n",
        ),
        (
            "translate en→ru",
            "# Лечение алопеции и атопического дерматита дупилумабом\n\n## неожиданный эффект\n\n"
            "пациент с атопическим дерматитом лечился с дупилумабом.\n",
        ),
    ],
)
def test_markdown_is_the_translated_article(case: str, expected: str) -> None:
    assert write_text("md", CASES[case]()) == expected
