"""The edit log is complete: on any document, under any fix options, the original comes back.

Documents are random arrangements of fragments, in Russian and English, that trigger every rule
(chrome lines, deprecated and misspelt terms, doubled words, spacing, mixed scripts, glosses,
brackets, numbers, untranslated titles) among plain sentences, so fixes of every rule meet and
overlap: the correct stage must still apply a consistent set and record each change exactly.
"""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from transclean.api import builtin_checks, clean_document, load_glossaries, rules, segment_string
from transclean.checks import all_rules
from transclean.config import Options
from transclean.edits import apply_edits, recover_original
from transclean.glossary.model import Glossary
from transclean.model import CleanResult

FRAGMENTS = (
    # site chrome
    "Add a comment",
    "Watch the most interesting videos on our channel in Youtube",
    "My default image",
    "Thank you for staying with estet-portal.com. Read other interesting articles.",
    "In the article estet-portal.com you can read the results of the study in detail.",
    "Подписывайтесь на наш телеграм-канал, чтобы не пропустить новые статьи",
    "Смотрите самые интересные видео на нашем канале в Youtube",
    "Реклама",
    "Фото: depositphotos.com",
    # deprecated terms and misspellings
    "Treatment with topical screaming acid was not effective.",
    "Nine months after starting treatment with dumilumab, hair grew back.",
    "Department of Dermatology at Baku Snake Medical Center",
    "nested alopecia",
    "atopical dermatitis",
    "Patients received methotrexat and tofacitinb.",
    "squarric acid",
    "Frobnic acid",
    "Больным назначали метотрексад при коньюнктивит.",
    # doubled words and spacing
    "so prominent on the scalp that that there is",
    "in 30% of the the patients",
    "волосы отросли на голове и и бровях",
    "differs in many ways . Since both",
    "After 24 weeks.The patients improved",
    "раз в две недели , а детям",
    # mixed scripts, glosses, brackets, numbers
    "One patient stopped dupilumаb.",
    "Концентрация IgЕ снизилась.",
    "Alopecia totalis (alopecia totalis) is a generalized form.",
    "Гнездная алопеция (гнездная алопеция) — аутоиммунное заболевание.",
    "(see the FDA label for details.",
    "(с 1200 до 800 МЕ/мл.",
    "«Косметология",
    "children received 1,5 mg per kg and adults 2.5 mg",
    "In 10,000 patients followed since 2015",
    "около 2 % людей, т. е. примерно каждый пятидесятый, и у 40% из них",
    # language changes: Russian titles in English text and the reverse
    "Лечение алопеции и атопического дерматита: двойное действие дупилумаба",
    "Дупилумаб при гнездной алопеции у детей",
    "The drug was approved for atopic dermatitis in 2017.",
    # plain sentences
    "Dupilumab caused hair growth in a young patient with years of total alopecia.",
    "Clinical trials testing whether dupilumab can treat alopecia are warranted.",
    "Cyclosporine was stopped and ciclosporin restarted a month later.",
    "Атопический дерматит — хроническое воспалительное заболевание кожи.",
    "Препарат вводят подкожно в дозе 300 мг раз в две недели.",
)

SEPARATORS = ("", " ", "  ", "\n", "\n\n", "\n\n\n", ". ", ", ", " (", ") ", "\t")

DOCUMENTS = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), min_size=1, max_size=14
).map(lambda parts: "".join(fragment + sep for fragment, sep in parts))

FIX_ALL = Options(fix_rules=frozenset({"qa", "term", "boilerplate"}))
OPTIONS = {"fix-all": FIX_ALL, "defaults": Options(), "no-autofix": Options(autofix=False)}


@cache
def glossary() -> Glossary:
    return load_glossaries()


def clean(text: str, options: Options) -> CleanResult:
    return clean_document(segment_string(text), options, glossary())


@settings(max_examples=40, deadline=None)
@given(DOCUMENTS, st.sampled_from(sorted(OPTIONS)))
def test_original_is_recovered_from_corrected_text_and_edit_log(text: str, name: str) -> None:
    result = clean(text, OPTIONS[name])
    assert result.document.text == text
    assert result.corrected == apply_edits(text, result.edits)
    assert recover_original(result.corrected, result.edits) == text


@settings(max_examples=40, deadline=None)
@given(DOCUMENTS)
def test_edits_are_sorted_disjoint_and_record_their_span(text: str) -> None:
    result = clean(text, FIX_ALL)
    known = set(rules())
    fixes = {flag.fix for flag in result.flags if flag.fix is not None}
    for edit in result.edits:
        assert edit.rule in known
        assert edit in fixes  # every change comes from a flag that explains it
        assert text[edit.start : edit.end] == edit.original
        assert edit.original != edit.replacement
    for before, after in zip(result.edits, result.edits[1:], strict=False):
        assert before.end <= after.start, (before, after)


@settings(max_examples=40, deadline=None)
@given(DOCUMENTS)
def test_flag_ids_are_unique_and_stable(text: str) -> None:
    first, second = clean(text, Options()), clean(text, Options())
    ids = [flag.id for flag in first.flags]
    assert len(ids) == len(set(ids))
    assert ids == [flag.id for flag in second.flags]
    assert first.edits == second.edits
    assert first.corrected == second.corrected


def test_fragments_trigger_every_rule() -> None:
    """The pool is only a good test if every check's rule fires somewhere in it (the ``mt.*``
    rules need an engine: tests/test_translate_pipeline.py has their properties)."""
    text = "\n\n".join(FRAGMENTS)
    fired = {flag.rule for flag in clean(text, FIX_ALL).flags}
    checked = set(all_rules(builtin_checks()))
    assert checked == set(rules()) - {"mt.translation", "mt.term-unverified"}
    assert fired >= checked, sorted(checked - fired)
