"""Machine translation of segments, with glossary terms protected through the engine.

``engine`` defines the interface every engine implements and the errors they raise; ``argos``
runs Argos Translate packages directly with CTranslate2 and SentencePiece; ``protect`` masks
glossary terms before translation, restores them as the target language's preferred terms
after it, and verifies the result.
"""

from __future__ import annotations

from transclean.translate.engine import (
    ENGINES,
    Engine,
    EngineUnavailableError,
    NoModelError,
    TranslationError,
    get_engine,
)
from transclean.translate.protect import (
    TERM_UNVERIFIED,
    SegmentTranslation,
    TranslationBatch,
    translate_protected,
)

__all__ = [
    "ENGINES",
    "TERM_UNVERIFIED",
    "Engine",
    "EngineUnavailableError",
    "NoModelError",
    "SegmentTranslation",
    "TranslationBatch",
    "TranslationError",
    "get_engine",
    "translate_protected",
]
