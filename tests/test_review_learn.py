"""`transclean glossary learn`: accepted and typed term corrections grow a glossary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from transclean.api import check_document, read_document
from transclean.cli import main
from transclean.config import Options
from transclean.glossary.io import load_glossary
from transclean.glossary.model import Concept, Glossary, Term, TermStatus
from transclean.model import Action
from transclean.review.decisions import DecisionRecord, DecisionsFile
from transclean.review.learn import Lesson, add_lessons, dictionary_form, lessons
from transclean.review.workspace import open_file

EN = "Treatment with dumilumab\n\nDumilumab was given weekly; topical screaming acid was used.\n"
RU = "Лечение дюпилумабом\n\nПациентам назначали лечение дюпилумабом еженедельно.\n"


def run(*args: str) -> tuple[int, str, str]:
    with CliRunner().isolation() as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


def record(rule: str, action: Action, text: str, replacement: str | None,
           suggestion: str | None = None, lang: str = "en", opens: bool = False) -> DecisionRecord:
    return DecisionRecord("F0", rule, 0, len(text), text, action, replacement, suggestion, lang,
                          opens)


# --- which decisions teach what ------------------------------------------------------------------

@pytest.mark.parametrize(("decision", "learned"), [
    (record("term.deprecated", Action.ACCEPT, "dumilumab", "dupilumab", "dupilumab"),
     ("en", "dumilumab", "dupilumab")),
    (record("term.misspelling", Action.ACCEPT, "Dumilumab", "Dupilumab", opens=True),
     ("en", "dumilumab", "dupilumab")),  # a capital that only opens the sentence goes
    (record("term.deprecated", Action.ACCEPT, "Baku Snake Medical Center",
            "Wake Forest Baptist Medical Center", opens=True),
     ("en", "Baku Snake Medical Center", "Wake Forest Baptist Medical Center")),  # names stay
    (record("term.inconsistent", Action.REPLACE, "total alopecia", "alopecia totalis"),
     ("en", "total alopecia", "alopecia totalis")),  # typed: any term flag teaches
    (record("term.misspelling", Action.ACCEPT, "дюпилумабом", "дупилумабом", lang="ru"),
     ("ru", "дюпилумаб", "дупилумаб")),  # Russian terms in the nominative
    (record("term.suspicious", Action.REPLACE, "кричащей кислотой", "скваровой кислотой",
            lang="ru"),
     ("ru", "кричащая кислота", "скваровая кислота")),
    (record("term.inconsistent", Action.ACCEPT, "total alopecia", "alopecia totalis"), None),
    (record("term.deprecated", Action.REJECT, "dumilumab", None, "dupilumab"), None),
    (record("term.deprecated", Action.ACCEPT, "foo", None, None), None),  # nothing to prefer
    (record("term.deprecated", Action.REPLACE, "Dumilumab", "dumilumab"), None),  # case only
    (record("term.deprecated", Action.REPLACE, "dumilumab", "  "), None),  # a deletion
    (record("qa.doubled-word", Action.ACCEPT, " the", ""), None),
    (record("boilerplate.chrome", Action.REPLACE, "Add a comment", "Comment"), None),
    (record("term.deprecated", Action.ACCEPT, "x", "y", lang="und"), None),  # no language
])
def test_what_a_decision_teaches(decision: DecisionRecord,
                                 learned: tuple[str, str, str] | None) -> None:
    found = lessons(DecisionsFile("a.txt", "", "und", (decision,)), "a.decisions.json")
    assert [(x.lang, x.deprecated, x.preferred) for x in found] == ([learned] if learned else [])


@pytest.mark.parametrize(("text", "lang", "opens", "form"), [
    ("атопического  дерматита", "ru", False, "атопический дерматит"),
    ("атопических экзем", "ru", False, "атопическая экзема"),  # gender from the head noun
    ("Тотальную алопецию", "ru", True, "тотальная алопеция"),
    ("алопецией волосистой части головы", "ru", False, "алопеция волосистой части головы"),
    ("лечение алопеции", "ru", False, "лечение алопеции"),  # already nominative
    ("ингибиторов JAK", "ru", False, "ингибитор JAK"),
    ("Screaming acid", "en", True, "screaming acid"),
    ("Screaming acid", "en", False, "Screaming acid"),  # mid-sentence capitals are meant
    ("IL-4", "en", True, "IL-4"),
    ("Alopecia Areata", "en", True, "Alopecia Areata"),
])
def test_terms_are_stored_in_dictionary_form(text: str, lang: str, opens: bool,
                                             form: str) -> None:
    assert dictionary_form(text, lang, opens) == form


# --- merging into a glossary ---------------------------------------------------------------------

EXISTING = Glossary((
    Concept("dupilumab", (Term("dupilumab", "en"), Term("dumilumab", "en", TermStatus.DEPRECATED),
                          Term("дупилумаб", "ru"))),
    Concept("alopecia", (Term("alopecia totalis", "en"),
                         Term("total alopecia", "en", TermStatus.ADMITTED))),
), ("en", "ru"))


def lesson(lang: str, wrong: str, right: str) -> Lesson:
    return Lesson(lang, wrong, right, "a.decisions.json: F0")


def test_a_lesson_joins_the_concept_of_its_preferred_term() -> None:
    report = add_lessons(EXISTING, [lesson("ru", "дюпилумаб", "дупилумаб")])
    assert report.added == 1 and len(report.glossary) == 2
    assert Term("дюпилумаб", "ru", TermStatus.DEPRECATED) in report.glossary.concepts[0].terms


def test_known_pairs_are_not_added_again_and_contradictions_are_noted() -> None:
    report = add_lessons(EXISTING, [
        lesson("en", "Dumilumab", "dupilumab"),  # already deprecated (case-insensitive)
        lesson("en", "total alopecia", "alopecia totalis"),  # allowed in the glossary
        lesson("en", "dupilumabum", "dumilumab"),  # the "right" form is deprecated there
    ])
    assert report.added == 0 and report.glossary.concepts == EXISTING.concepts
    assert len(report.notes) == 2
    assert "allowed term" in report.notes[0] and "itself deprecated" in report.notes[1]


def test_new_pairs_make_new_concepts_once_with_stable_ids() -> None:
    learned = [lesson("en", "screaming acid", "squaric acid"),
               lesson("en", "screaming acids", "squaric acid"),  # joins the new concept
               lesson("en", "screaming acid", "squaric acid")]  # a repeat
    first = add_lessons(Glossary(), learned)
    assert first.added == 2 and len(first.glossary) == 1
    concept = first.glossary.concepts[0]
    assert [t.text for t in concept.terms] == ["squaric acid", "screaming acid", "screaming acids"]
    assert concept.id == add_lessons(EXISTING, learned).glossary.concepts[-1].id
    assert first.glossary.languages == ("en",)


# --- the command, end to end ---------------------------------------------------------------------

def decided(tmp_path: Path, name: str, text: str, choose: dict[str, tuple[Action, str | None]]
            ) -> Path:
    """Review an article: decide on the flags whose text is a key of ``choose``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = open_file(path)
    for flag in article.flags:
        if flag.text in choose:
            article.decide(flag.id, *choose[flag.text])
    assert {r.text for r in article.decisions.values()} == set(choose), "a flag went missing"
    return article.outputs.decisions


@pytest.mark.parametrize("suffix", [".tsv", ".csv", ".tbx"])
def test_learned_terms_are_flagged_in_later_articles(tmp_path: Path, suffix: str) -> None:
    en = decided(tmp_path, "en.txt", EN, {"dumilumab": (Action.ACCEPT, None),
                                          "screaming acid": (Action.REPLACE, "squaric acid")})
    ru = decided(tmp_path, "ru.txt", RU, {"дюпилумабом": (Action.ACCEPT, None)})
    output = tmp_path / f"learned{suffix}"
    code, _, err = run("glossary", "learn", str(en), str(ru), "-o", str(output))
    assert code == 0, err
    assert "3 term(s) learned" in err
    before = output.read_bytes()
    code, _, err = run("glossary", "learn", str(en), str(ru), "-o", str(output))
    assert code == 0 and "0 term(s) learned" in err and output.read_bytes() == before
    options = Options(glossaries=(output,), use_default_glossary=False)
    fresh = tmp_path / "later.txt"
    fresh.write_text("Dumilumab and screaming acid.\n\nДюпилумаба не было.\n", encoding="utf-8")
    flags = check_document(read_document(fresh), options)
    assert [(f.rule, f.text, f.suggestion) for f in flags if f.rule.startswith("term.")] == [
        ("term.deprecated", "Dumilumab", "Dupilumab"),
        ("term.deprecated", "screaming acid", "squaric acid"),
        ("term.deprecated", "Дюпилумаба", "Дупилумаба"),
    ]
    assert len(load_glossary(output)) == 3


def test_learn_merges_into_any_format_and_reports_bad_input(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parents[1] / "glossaries"
    glossary = tmp_path / "ours.tsv"
    shutil.copyfile(next(shipped.glob("*.tsv")), glossary)
    size = len(load_glossary(glossary))
    en = decided(tmp_path, "en.txt", EN, {"screaming acid": (Action.REPLACE, "squaric acid")})
    code, _, err = run("glossary", "learn", str(en), "-o", str(glossary))
    assert code == 0, err
    assert len(load_glossary(glossary)) == size  # the shipped glossary knows it already
    code, _, err = run("glossary", "learn", str(tmp_path / "missing.json"), "-o", str(glossary))
    assert code == 2 and err.startswith("transclean: error: ") and "missing.json" in err
