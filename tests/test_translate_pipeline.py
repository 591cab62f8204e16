"""Machine translation inside the pipeline: translations are flags with fixes, checked like text.

Most cases use a fake engine whose output is known exactly; the acceptance cases run the real
argos engine on the tiny model the tests build (tests/mt_model.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.mt_model import tiny_model_dir  # noqa: F401  (fixture)
from transclean import api
from transclean.config import Options, TranslateMode, TranslationOptions
from transclean.edits import apply_edits, recover_original
from transclean.model import Action, Decision
from transclean.translate import NoModelError, pipeline

GLOSSARY = api.load_glossaries()
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "dupilumab-alopecia.txt"


class WordEngine:
    """Translate by a word table; words not in it are copied. Counts its calls."""

    name = "words"

    def __init__(self, table: dict[str, str], offered: set[tuple[str, str]]) -> None:
        self.table = table
        self.offered = offered
        self.calls: list[tuple[str, str, int]] = []

    def pairs(self) -> set[tuple[str, str]]:
        return self.offered

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        self.calls.append((src, tgt, len(texts)))
        return [" ".join(self.table.get(word, word) for word in text.split(" ")) for text in texts]


RU_EN = {
    "Пациенты": "Patients",
    "получали": "received",
    "лечение.": "treatment.",
    "Лечение": "Treatment",
    "и": "and",
    "двойное": "dual",
    "действие": "action",
    "Смотрите": "Watch",
    "видео": "videos",
}


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> WordEngine:
    fake = WordEngine(dict(RU_EN), {("ru", "en"), ("en", "ru")})
    monkeypatch.setattr(pipeline, "engine_for", lambda settings: fake)
    return fake


def translating(mode: TranslateMode = TranslateMode.COUNTERPART) -> Options:
    return Options(translation=TranslationOptions(mode=mode))


ARTICLE = (
    "Пациенты получали лечение.\n\n"
    "Patients received dupilumab for 16 weeks. Hair regrew in most of them.\n\n"
    "The study was small. The authors call for a larger trial.\n"
)


def test_clean_without_translate_calls_no_engine(engine: WordEngine) -> None:
    result = api.clean_document(api.segment_string(ARTICLE))
    assert engine.calls == []
    assert not [f for f in result.flags if f.rule.startswith("mt.")]


def test_counterpart_mode_proposes_the_translation_without_applying_it(engine: WordEngine) -> None:
    document = api.segment_string(ARTICLE)
    result = api.clean_document(document, translating())
    (flag,) = [f for f in result.flags if f.rule == "mt.translation"]
    assert flag.text == "Пациенты получали лечение." == document.text[flag.start : flag.end]
    assert flag.fix is not None and flag.fix.replacement == "Patients received treatment."
    assert flag.data["source_lang"] == "ru" and flag.data["target_lang"] == "en"
    assert not result.applied(flag)
    assert result.corrected.startswith("Пациенты получали лечение.")
    assert engine.calls == [("ru", "en", 1)]


def test_replace_mode_puts_the_translation_in_as_a_recorded_edit(engine: WordEngine) -> None:
    document = api.segment_string(ARTICLE)
    result = api.clean_document(document, translating(TranslateMode.REPLACE))
    assert result.corrected.startswith("Patients received treatment.\n\nPatients received")
    assert [e.rule for e in result.edits].count("mt.translation") == 1
    assert recover_original(result.corrected, result.edits) == document.text


@pytest.mark.parametrize(
    ("action", "text", "expected"),
    [
        (Action.ACCEPT, None, "Patients received treatment."),
        (Action.REJECT, None, "Пациенты получали лечение."),
        (Action.REPLACE, "The patients were treated.", "The patients were treated."),
    ],
)
def test_an_editor_decides_on_a_translation_like_any_flag(
    engine: WordEngine, action: Action, text: str | None, expected: str
) -> None:
    document = api.segment_string(ARTICLE)
    for mode in TranslateMode:
        first = api.clean_document(document, translating(mode))
        (flag,) = [f for f in first.flags if f.rule == "mt.translation"]
        decided = api.clean_document(
            document, translating(mode), decisions={flag.id: Decision(flag.id, action, text)}
        )
        assert decided.corrected.split("\n\n")[0] == expected


def test_chrome_in_another_language_is_removed_not_translated(engine: WordEngine) -> None:
    text = ARTICLE + "\nСмотрите самые интересные видео на нашем канале в Youtube\n"
    result = api.clean_document(api.segment_string(text), translating())
    translated = [f.text for f in result.flags if f.rule == "mt.translation"]
    assert translated == ["Пациенты получали лечение."]


def test_translations_are_checked_and_their_safe_fixes_applied(engine: WordEngine) -> None:
    # The engine leaves a deprecated term and a doubled word in its output.
    engine.table |= {"лечение.": "treatment treatment with dumilumab."}
    result = api.clean_document(api.segment_string(ARTICLE), translating())
    (flag,) = [f for f in result.flags if f.rule == "mt.translation"]
    assert flag.fix is not None
    assert flag.fix.replacement == "Patients received treatment with dupilumab."
    found = {f.rule: f for f in result.flags if f.data.get("in") == "translation"}
    assert {"term.deprecated", "qa.doubled-word"} <= found.keys()
    for finding in found.values():
        # Reported on the unit, in the document's own text; the translation's words in data.
        assert (finding.start, finding.end) == (flag.start, flag.end)
        assert finding.text == flag.text
        assert finding.data["fixed_in_translation"] == "yes"
        assert "In the machine translation" in finding.message
    assert len({f.id for f in result.flags}) == len(result.flags)


def test_no_model_for_any_pair_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = WordEngine({}, {("de", "en")})
    monkeypatch.setattr(pipeline, "engine_for", lambda settings: fake)
    with pytest.raises(NoModelError) as error:
        api.clean_document(api.segment_string(ARTICLE, source="a.txt"), translating())
    line = error.value.one_line()
    assert line.startswith("a.txt: ") and "ru→en" in line and "de→en" in line


def test_translate_document_translates_every_unit_not_in_the_target(engine: WordEngine) -> None:
    text = "Лечение и действие\n\nПациенты получали лечение. Patients received dupilumab.\n"
    document = api.segment_string(text)
    result = api.translate_document(document, "en", translating())
    assert result.target_language == "en" and result.target_lang == "en"
    assert (
        result.corrected == "Treatment and action\n\nPatients received treatment. "
        "Patients received dupilumab.\n"
    )
    assert recover_original(result.corrected, result.edits) == document.text


def test_translate_from_limits_the_units(engine: WordEngine) -> None:
    text = "Пациенты получали лечение. Patients received dupilumab.\n"
    options = Options(translation=TranslationOptions(source="en"))
    result = api.translate_document(api.segment_string(text), "ru", options)
    assert [f.text for f in result.flags if f.rule == "mt.translation"] == [
        "Patients received dupilumab."
    ]


# --- the real engine on the tiny test model -------------------------------------------------


def test_sample_title_gets_an_english_counterpart_with_glossary_terms(
    tiny_model_dir: Path,  # noqa: F811
) -> None:
    """Acceptance: clean --translate on the sample with the test model."""
    settings = TranslationOptions(model_dir=tiny_model_dir)
    result = api.clean_file(SAMPLE, Options(translation=settings))
    (flag,) = [f for f in result.flags if f.rule == "mt.translation"]
    assert flag.segment_id == "p0" and flag.text.startswith("Лечение алопеции")
    assert flag.fix is not None
    for term in ("alopecia", "atopic dermatitis", "dupilumab"):
        assert term in flag.fix.replacement
    for russian in ("алопеции", "атопического дерматита", "дупилумаба"):
        assert russian not in flag.fix.replacement
    assert flag.data["terms"] == "ok"
    assert not [f for f in result.flags if f.rule == "mt.term-unverified"]
    replaced = api.clean_file(
        SAMPLE, Options(translation=replace(settings, mode=TranslateMode.REPLACE))
    )
    assert replaced.corrected.splitlines()[0] == flag.fix.replacement


def test_a_lost_term_is_flagged_unverified_in_the_report(
    tiny_model_dir: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from transclean.translate.argos import ArgosEngine

    class Forgetful(ArgosEngine):
        """Drops every placeholder and every glossary term from the model's output."""

        def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
            out = super().translate(texts, src, tgt)
            return [t.replace("⟦1⟧", "").replace("dupilumab", "it") for t in out]

    monkeypatch.setattr(pipeline, "engine_for", lambda s: Forgetful(tiny_model_dir))
    result = api.clean_document(
        api.segment_string(ARTICLE.replace("лечение", "дупилумаб")), translating()
    )
    (unverified,) = [f for f in result.flags if f.rule == "mt.term-unverified"]
    assert "dupilumab" in unverified.message and unverified.severity.value == "warning"


class EveryPair(set[tuple[str, str]]):
    """Offers every pair: word salad may be detected as any language."""

    def __contains__(self, pair: object) -> bool:
        return True


class ReversingEngine:
    """Reverses each text: output unlike the input, with the same characters."""

    name = "reverse"

    def pairs(self) -> set[tuple[str, str]]:
        return EveryPair()

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        return [text[::-1] for text in texts]


WORDS = st.sampled_from(
    [
        "Пациенты",
        "получали",
        "дупилумаб",
        "лечение",
        "Patients",
        "received",
        "dupilumab",
        "treatment",
        "16",
        "недель",
        "weeks",
        "и",
        "and",
        "алопеции",
        "atopic",
        "dermatitis",
    ]
)
SENTENCES = st.lists(WORDS, min_size=1, max_size=8).map(lambda w: " ".join(w) + ".")
ARTICLES = st.lists(
    st.lists(SENTENCES, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4
).map("\n\n".join)


@settings(max_examples=40, deadline=None)
@given(text=ARTICLES, target=st.sampled_from(["en", "ru"]))
def test_translation_keeps_the_original_recoverable(text: str, target: str) -> None:
    """For any article, the source is the translation undone by the edit log, and each flag's
    text is the document's own text at its span."""
    document = api.segment_string(text)
    requests = pipeline.document_requests(document, None, target)
    flags = pipeline.translation_flags(document, requests, ReversingEngine(), GLOSSARY, Options())
    edits = api.applied_edits(
        flags, Options(translation=TranslationOptions(mode=TranslateMode.REPLACE))
    )
    corrected = apply_edits(document.text, edits)
    assert recover_original(corrected, edits) == document.text
    assert all(f.text == document.text[f.start : f.end] for f in flags)
    assert len({f.id for f in flags}) == len(flags)
    translated = {f.segment_id for f in flags if f.rule == "mt.translation"}
    assert translated == {r.unit.id for r in requests}


def test_writers_know_the_mt_rule_ids() -> None:
    """Writers keep their own copy of the ids so that writing loads no translation code."""
    from transclean.writers import _common

    assert pipeline.MT_TRANSLATION.id == _common.MT_RULE
    assert pipeline.MT_TERM_UNVERIFIED.id == _common.MT_UNVERIFIED_RULE
