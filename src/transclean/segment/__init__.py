"""Segmentation: blocks (title, headings, paragraphs), sentences, and a language for each."""

from __future__ import annotations

from transclean.model import UNDETERMINED, Document, Segment, SegmentKind
from transclean.segment.language import detect_language, find_inline_spans
from transclean.segment.paragraphs import split_blocks
from transclean.segment.sentences import split_sentences

__all__ = ["segment_document", "segment_text"]


def segment_text(text: str, *, markdown: bool = False) -> tuple[Segment, ...]:
    """Return the blocks and sentences of ``text`` in document order, each with its language.

    A paragraph is followed by its sentences; titles and headings are single units.
    """
    segments: list[Segment] = []
    sentence = SegmentKind.SENTENCE
    for index, block in enumerate(split_blocks(text, markdown)):
        block_id = f"p{index}"
        if block.kind is not SegmentKind.PARAGRAPH:
            segments.append(_unit(text, block_id, block.kind, block.start, block.end, index, None))
            continue
        # The sentence loop is the hot path of segmentation: _unit inlined, and the paragraph's
        # language weighed as the sentences come (as _dominant does).
        sentences: list[Segment] = []
        weights: dict[str, float] = {}
        for n, (start, end) in enumerate(split_sentences(text, block.start, block.end)):
            lang, confidence = detect_language(text[start:end])
            inline = find_inline_spans(text, start, end, lang)
            seg_id = f"{block_id}.s{n}"
            sentences.append(
                Segment(seg_id, sentence, start, end, index, lang, confidence, inline, block_id)
            )
            if lang != UNDETERMINED:
                weights[lang] = weights.get(lang, 0.0) + (end - start) * confidence
        lang, confidence = _heaviest(weights, bool(sentences))
        inline = tuple(
            span for s in sentences if s.inline for span in s.inline if span.lang != lang
        )
        segments.append(
            Segment(
                block_id,
                SegmentKind.PARAGRAPH,
                block.start,
                block.end,
                index,
                lang,
                confidence,
                inline,
            )
        )
        segments.extend(sentences)
    return tuple(segments)


def segment_document(document: Document, *, markdown: bool = False) -> Document:
    """Return ``document`` with its segments and dominant language filled in."""
    from dataclasses import replace

    segments = segment_text(document.text, markdown=markdown)
    units = [s for s in segments if s.kind is not SegmentKind.PARAGRAPH]
    language, _ = _dominant(document.text, units)
    return replace(document, segments=segments, language=language)


def _unit(
    text: str,
    seg_id: str,
    kind: SegmentKind,
    start: int,
    end: int,
    paragraph: int,
    parent: str | None,
) -> Segment:
    lang, confidence = detect_language(text[start:end])
    inline = find_inline_spans(text, start, end, lang)
    return Segment(seg_id, kind, start, end, paragraph, lang, confidence, inline, parent)


def _dominant(text: str, segments: list[Segment]) -> tuple[str, float]:
    """The language covering most characters, weighted by confidence."""
    weights: dict[str, float] = {}
    for seg in segments:
        if seg.lang != UNDETERMINED:
            weights[seg.lang] = weights.get(seg.lang, 0.0) + (seg.end - seg.start) * seg.confidence
    return _heaviest(weights, bool(segments))


def _heaviest(weights: dict[str, float], any_segment: bool) -> tuple[str, float]:
    """The language of most weight and its share; 'und' when no segment has a language."""
    if not weights:
        return UNDETERMINED, 1.0 if any_segment else 0.0
    lang, weight = max(weights.items(), key=lambda item: item[1])
    return lang, round(weight / sum(weights.values()), 3)
