"""transclean: clean machine-translated Russian/English articles.

The pipeline is read → segment → check → correct → write; each stage works on one immutable
:class:`~transclean.model.Document` and spans of character offsets into its text.
"""

from transclean.api import read_document, segment_bytes, segment_string
from transclean.errors import InputError, TranscleanError
from transclean.model import Document, Edit, Flag, InlineSpan, Segment, SegmentKind, Severity

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Edit",
    "Flag",
    "InlineSpan",
    "InputError",
    "Segment",
    "SegmentKind",
    "Severity",
    "TranscleanError",
    "__version__",
    "read_document",
    "segment_bytes",
    "segment_string",
]
