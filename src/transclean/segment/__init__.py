"""Segmentation: blocks (title, headings, paragraphs), sentences, and a language for each."""

from __future__ import annotations

from transclean.model import UNDETERMINED, Document, Segment, SegmentKind
from transclean.segment.fastpath import sentence_language
from transclean.segment.paragraphs import split_blocks
from transclean.segment.sentences import split_sentences

__all__ = ["segment_document", "segment_text"]


def segment_text(text: str, *, markdown: bool = False) -> tuple[Segment, ...]:
    """Return the blocks and sentences of ``text`` in document order, each with its language.

    A paragraph is followed by its sentences; titles and headings are single units.
    """
    return _segment(text, markdown)[0]


def segment_document(document: Document, *, markdown: bool = False) -> Document:
    """Return ``document`` with its segments and dominant language filled in."""
    from dataclasses import replace

    segments, language = _segment(document.text, markdown)
    return replace(document, segments=segments, language=language)


def _segment(text: str, markdown: bool) -> tuple[tuple[Segment, ...], str]:
    """Return the segments of ``text`` and its dominant language.

    The dominant language covers most characters of the units (titles, headings, sentences),
    weighted by confidence; it is weighed as the units come, in document order.
    """
    segments: list[Segment] = []
    sentence = SegmentKind.SENTENCE
    document_weights: dict[str, float] = {}
    for index, (block_start, block_end, kind) in enumerate(split_blocks(text, markdown)):
        block_id = f"p{index}"
        if kind is not SegmentKind.PARAGRAPH:
            start, end = block_start, block_end
            lang, confidence, inline = sentence_language(text, start, end)
            segments.append(
                Segment(block_id, kind, start, end, index, lang, confidence, inline, None)
            )
            if lang != UNDETERMINED:
                weight = (end - start) * confidence
                document_weights[lang] = document_weights.get(lang, 0.0) + weight
            continue
        # The sentence loop is the hot path of segmentation: the paragraph's language and the
        # document's are weighed as the sentences come.
        sentences: list[Segment] = []
        weights: dict[str, float] = {}
        for n, (start, end) in enumerate(split_sentences(text, block_start, block_end)):
            lang, confidence, inline = sentence_language(text, start, end)
            seg_id = f"{block_id}.s{n}"
            sentences.append(
                Segment(seg_id, sentence, start, end, index, lang, confidence, inline, block_id)
            )
            if lang != UNDETERMINED:
                weight = (end - start) * confidence
                weights[lang] = weights.get(lang, 0.0) + weight
                document_weights[lang] = document_weights.get(lang, 0.0) + weight
        lang, confidence = _heaviest(weights, bool(sentences))
        inline = tuple(span for s in sentences for span in s.inline if span.lang != lang)
        segments.append(
            Segment(
                block_id,
                SegmentKind.PARAGRAPH,
                block_start,
                block_end,
                index,
                lang,
                confidence,
                inline,
            )
        )
        segments.extend(sentences)
    # Every block holds at least one unit (a title, a heading or a sentence).
    return tuple(segments), _heaviest(document_weights, bool(segments))[0]


def _heaviest(weights: dict[str, float], any_segment: bool) -> tuple[str, float]:
    """The language of most weight and its share; 'und' when no segment has a language."""
    if not weights:
        return UNDETERMINED, 1.0 if any_segment else 0.0
    if len(weights) == 1:
        return next(iter(weights)), 1.0  # most paragraphs: one language has all the weight
    lang, weight = max(weights.items(), key=lambda item: item[1])
    return lang, round(weight / sum(weights.values()), 3)
