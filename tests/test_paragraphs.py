"""Blocks: paragraphs split on blank lines; short unpunctuated lines before one are headings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transclean.api import segment_string
from transclean.model import SegmentKind
from transclean.segment.paragraphs import split_blocks

T, H, P = SegmentKind.TITLE, SegmentKind.HEADING, SegmentKind.PARAGRAPH


def kinds(text: str, markdown: bool = False) -> list[tuple[SegmentKind, str]]:
    return [(b.kind, text[b.start : b.end]) for b in split_blocks(text, markdown)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Заголовок статьи\n\nТекст абзаца.", [(T, "Заголовок статьи"), (P, "Текст абзаца.")]),
        (
            "Title\n\nBody one.\n\nA heading\n\nBody two.",
            [(T, "Title"), (P, "Body one."), (H, "A heading"), (P, "Body two.")],
        ),
        # A line ending in punctuation is a paragraph, not a heading.
        ("Это предложение.\n\nДругое.", [(P, "Это предложение."), (P, "Другое.")]),
        ("Что делать?\n\nЛечить.", [(P, "Что делать?"), (P, "Лечить.")]),
        # The last block heads nothing: it is a paragraph.
        ("Body.\n\nAdd a comment", [(P, "Body."), (P, "Add a comment")]),
        # Closing quotes or brackets after the final punctuation still count.
        ("He said «нет.»\n\nNext.", [(P, "He said «нет.»"), (P, "Next.")]),
        # Several blank lines and whitespace-only lines separate blocks too.
        ("One.\n \n\t\n\nTwo.", [(P, "One."), (P, "Two.")]),
        # A long line without final punctuation is no heading.
        (" ".join(["word"] * 25) + "\n\nBody.", [(P, " ".join(["word"] * 25)), (P, "Body.")]),
        # Lines without a blank line between them are one block.
        ("Line one\nline two\n\nBody.", [(P, "Line one\nline two"), (P, "Body.")]),
        ("", []),
        ("\n\n  \n", []),
    ],
)
def test_blocks(text: str, expected: list[tuple[SegmentKind, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Заголовок\n\nТекст.", [(T, "Заголовок"), (P, "Текст.")]),
        ("Intro.\n## Methods ##\nWe did it.", [(P, "Intro."), (H, "Methods"), (P, "We did it.")]),
        ("#hashtag is not a heading", [(P, "#hashtag is not a heading")]),
    ],
)
def test_markdown_headings(text: str, expected: list[tuple[SegmentKind, str]]) -> None:
    assert kinds(text, markdown=True) == expected


def test_sample_structure(sample_text: str) -> None:
    doc = segment_string(sample_text)
    blocks = doc.blocks
    assert blocks[0].kind is T
    assert doc.text[blocks[0].start : blocks[0].end].startswith("Лечение алопеции")
    headings = {doc.text[b.start : b.end] for b in blocks if b.kind is H}
    assert "Similarities in the pathogenesis of atopic dermatitis and alopecia" in headings
    assert "An unexpected effect of dupilumab" in headings


PIECES = [*"abc АБВ.!?…\n\n  \t«»()-1,#\u00a0", "Dr. ", "т. е. ", "\r\n", "Word. ", "Слово. "]
TEXT = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@given(TEXT, st.booleans())
def test_segments_tile_the_text(text: str, markdown: bool) -> None:
    """Blocks tile the text and sentences tile their block, modulo whitespace (and '#' marks)."""
    doc = segment_string(text, markdown=markdown)
    blocks = doc.blocks
    pos = 0
    for block in blocks:
        gap = text[pos : block.start]
        assert gap.strip() == "" or (markdown and gap.replace("#", "").strip() == ""), gap
        assert block.start < block.end
        pos = block.end
        sentences = [s for s in doc.segments if s.parent == block.id]
        if block.kind is SegmentKind.PARAGRAPH:
            assert sentences, "a paragraph has at least one sentence"
            inner = block.start
            for sentence in sentences:
                assert text[inner : sentence.start].strip() == ""
                assert sentence.start < sentence.end
                assert text[sentence.start : sentence.end] == doc.segment_text(sentence)
                assert (
                    text[sentence.start : sentence.end].strip()
                    == text[sentence.start : sentence.end]
                )
                inner = sentence.end
            assert text[inner : block.end].strip() == ""
        else:
            assert not sentences
    tail = text[pos:]
    assert tail.strip() == "" or (markdown and tail.replace("#", "").strip() == "")
    ids = [s.id for s in doc.segments]
    assert len(ids) == len(set(ids))


@given(TEXT)
def test_segment_at_is_the_smallest_segment_holding_the_offset(text: str) -> None:
    """The indexed lookup agrees with the plain definition (first of equally small ones)."""
    doc = segment_string(text)
    for offset in range(len(text) + 1):
        best = None
        for seg in doc.segments:
            if seg.start <= offset < seg.end and (
                best is None or seg.end - seg.start < best.end - best.start
            ):
                best = seg
        assert doc.segment_at(offset) == best
