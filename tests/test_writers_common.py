"""Writers' shared ground: test articles built in code, unit targets, the format registry.

The builders here (``article``, ``flag_on``, ``clean``) make Documents with hand-set segments,
so writer tests depend on no segmenter or language detector and stay exact.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transclean.checks.base import flag_id
from transclean.edits import EditMap, apply_edits
from transclean.errors import UsageError
from transclean.model import (
    CleanResult,
    Document,
    Edit,
    Flag,
    Segment,
    SegmentKind,
    Severity,
    TermHint,
)
from transclean.writers import BUILTIN_WRITERS, DEFAULT_WRITER, get_writer, writer_names
from transclean.writers._common import unit_views, unplaced_flags

Block = tuple[str, str, "str | list[str]"]


def article(*blocks: Block, source: str = "article.txt", language: str = "en") -> Document:
    """Build a Document: each block is (kind, lang, text) or (paragraph, lang, [sentences])."""
    text = ""
    segments: list[Segment] = []
    for index, (kind, lang, body) in enumerate(blocks):
        if index:
            text += "\n\n"
        block_id = f"p{index}"
        start = len(text)
        if isinstance(body, str):
            text += body
            segments.append(
                Segment(block_id, SegmentKind(kind), start, len(text), index, lang, 1.0)
            )
            continue
        sentences: list[Segment] = []
        for n, sentence in enumerate(body):
            if n:
                text += " "
            s_start = len(text)
            text += sentence
            sentences.append(
                Segment(
                    f"{block_id}.s{n}",
                    SegmentKind.SENTENCE,
                    s_start,
                    len(text),
                    index,
                    lang,
                    1.0,
                    parent=block_id,
                )
            )
        segments.append(
            Segment(block_id, SegmentKind.PARAGRAPH, start, len(text), index, lang, 1.0)
        )
        segments.extend(sentences)
    return Document(text, tuple(segments), source=source, language=language)


def flag_on(
    document: Document,
    needle: str,
    rule: str,
    message: str,
    *,
    replacement: str | None = None,
    suggestion: str | None = None,
    severity: Severity = Severity.WARNING,
) -> Flag:
    """A flag on the first occurrence of ``needle`` (test data only: real checks use offsets)."""
    start = document.text.index(needle)
    end = start + len(needle)
    segment = document.segment_at(start)
    fix = Edit(rule, start, end, needle, replacement) if replacement is not None else None
    return Flag(
        flag_id(rule, start, end),
        rule,
        severity,
        start,
        end,
        needle,
        message,
        segment.id if segment else "",
        suggestion,
        fix,
    )


def clean(
    document: Document,
    flags: tuple[Flag, ...] = (),
    applied: tuple[Flag, ...] = (),
    hints: dict[str, tuple[TermHint, ...]] | None = None,
    extra_edits: tuple[Edit, ...] = (),
) -> CleanResult:
    """A CleanResult applying the fixes of ``applied`` (plus edits no flag proposed)."""
    edits = tuple(
        sorted(
            [f.fix for f in applied if f.fix is not None] + list(extra_edits),
            key=lambda e: (e.start, e.end),
        )
    )
    return CleanResult(document, flags, edits, apply_edits(document.text, edits), hints or {})


def small_article() -> CleanResult:
    """The snapshot article: a Russian title, English sentences, two flags, one applied fix."""
    doc = article(
        ("title", "ru", "Лечение алопеции и атопического дерматита: дупилумаб"),
        ("heading", "en", "An unexpected effect"),
        (
            "paragraph",
            "en",
            [
                "It grew hair in a patient with <script>alert('x')</script> & \"quotes\".",
                "Previous treatment with topical screaming acid was not effective.",
                "Nine months after starting treatment with dumilumab, hair grew.",
            ],
        ),
        source="small-article.txt",
    )
    screaming = flag_on(
        doc,
        "screaming acid",
        "term.deprecated",
        "Deprecated term; the glossary prefers “squaric acid”.",
        replacement="squaric acid",
        suggestion="squaric acid",
    )
    dumilumab = flag_on(
        doc,
        "dumilumab",
        "qa.misspelled-term",
        "“dumilumab” looks like a misspelling of “dupilumab”.",
        suggestion="dupilumab",
        severity=Severity.ERROR,
    )
    hints = {
        "p0": (
            TermHint("алопеция", "alopecia"),
            TermHint("атопический дерматит", "atopic dermatitis"),
            TermHint("дупилумаб", "dupilumab"),
        )
    }
    return clean(doc, (screaming, dumilumab), (screaming,), hints)


# --- the registry -------------------------------------------------------------------------


def test_registry_lists_every_format_once_in_order() -> None:
    assert writer_names() == ["bilingual", "text", "md", "html", "xliff", "xliff2", "tmx", "json"]
    assert DEFAULT_WRITER == "bilingual"
    extensions = [w.extension for w in BUILTIN_WRITERS]
    assert len(set(extensions)) == len(extensions), "output files of one run must not collide"


@pytest.mark.parametrize("name", writer_names())
def test_get_writer_returns_the_named_writer(name: str) -> None:
    writer = get_writer(name)
    assert writer.name == name
    assert writer.description and writer.media_type and not writer.extension.startswith(".")


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ("xlif", "Unknown format 'xlif'. Did you mean 'xliff'?"),
        ("XLIFF2", "Unknown format 'XLIFF2'. Did you mean 'xliff2'?"),
        ("htm", "Unknown format 'htm'. Did you mean 'html'?"),
        ("docx", "Unknown format 'docx'."),
    ],
)
def test_unknown_format_lists_names_and_suggests_the_closest(wrong: str, message: str) -> None:
    with pytest.raises(UsageError) as info:
        get_writer(wrong)
    assert info.value.message == message
    assert info.value.hint == "choose one of: " + ", ".join(writer_names())


# --- unit targets -------------------------------------------------------------------------


def test_unit_targets_follow_the_applied_edits() -> None:
    result = small_article()
    views = {v.id: v for v in unit_views(result)}
    assert views["p2.s1"].source.startswith("Previous treatment with topical screaming acid was")
    assert views["p2.s1"].target.startswith("Previous treatment with topical squaric acid was")
    assert views["p0"].target == views["p0"].source
    assert [f.rule for f in views["p2.s2"].flags] == ["qa.misspelled-term"]


@pytest.mark.parametrize(
    ("edit", "targets"),
    [
        # "One.|Two." — an insertion where a unit ends belongs to that unit ...
        (Edit("r", 4, 4, "", "!"), ["One.!", "Two."]),
        # ... and one where a unit starts (after a gap), to the unit that starts there.
        (Edit("r", 5, 5, "", "So "), ["One.", "So Two."]),
        # A replacement crossing the boundary goes whole to the later unit.
        (Edit("r", 3, 6, ". T", "; t"), ["One", "; two."]),
        # A deletion of a whole unit leaves it empty.
        (Edit("r", 0, 5, "One. ", ""), ["", "Two."]),
    ],
)
def test_each_edit_lands_in_exactly_one_unit(edit: Edit, targets: list[str]) -> None:
    doc = article(("paragraph", "en", ["One.", "Two."]))
    result = clean(doc, extra_edits=(edit,))
    assert [v.target for v in unit_views(result)] == targets


def test_a_flag_outside_every_unit_is_unplaced() -> None:
    doc = article(("paragraph", "en", ["One."]), ("paragraph", "en", ["Two."]))
    gap = Flag("Fgap", "qa.blank-lines", Severity.INFO, 4, 6, "\n\n", "Blank lines.", "")
    inside = flag_on(doc, "Two", "qa.x", "Inside.")
    result = clean(doc, (gap, inside))
    assert unplaced_flags(result) == (gap,)
    assert [f.id for v in unit_views(result) for f in v.flags] == [inside.id]


@st.composite
def texts_with_edits(draw: st.DrawFn) -> tuple[Document, tuple[Edit, ...]]:
    sentences = draw(st.lists(st.text("ab .", min_size=1, max_size=6), min_size=1, max_size=4))
    doc = article(("paragraph", "en", sentences))
    cuts = sorted(draw(st.lists(st.integers(0, len(doc.text)), max_size=6)))
    edits: list[Edit] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if edits and a < edits[-1].end:
            continue
        edits.append(Edit("r", a, b, doc.text[a:b], draw(st.text("xy", max_size=3))))
    return doc, tuple(edits)


def reference_map(edits: tuple[Edit, ...], offset: int, after_insertions: bool) -> int:
    """The mapping spelled out edit by edit: what EditMap's binary search must agree with."""
    delta = 0
    for edit in edits:
        ends_before = edit.end < offset or (
            edit.end == offset and (edit.start < offset or after_insertions)
        )
        if ends_before:
            delta += len(edit.replacement) - (edit.end - edit.start)
        elif edit.start < offset:
            return edit.start + delta
        else:
            break
    return offset + delta


@given(texts_with_edits(), st.booleans())
def test_edit_map_agrees_with_the_reference(
    case: tuple[Document, tuple[Edit, ...]], after: bool
) -> None:
    doc, edits = case
    mapping = EditMap(edits)
    for offset in range(len(doc.text) + 1):
        assert mapping(offset, after_insertions=after) == reference_map(edits, offset, after)


@given(texts_with_edits())
def test_units_and_gaps_rebuild_the_corrected_text(case: tuple[Document, tuple[Edit, ...]]) -> None:
    doc, edits = case
    result = clean(doc, extra_edits=edits)
    mapping = EditMap(edits)
    pieces: list[str] = []
    previous = 0
    previous_end = -1
    for view in unit_views(result):
        unit = view.segment
        start = mapping(unit.start, after_insertions=unit.start == previous_end)
        pieces.append(result.corrected[previous:start])
        pieces.append(view.target)
        previous = max(start, mapping(unit.end, after_insertions=True))
        previous_end = unit.end
    pieces.append(result.corrected[previous:])
    assert "".join(pieces) == result.corrected
