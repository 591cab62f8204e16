"""Glossary file formats, listed in one explicit, ordered registry.

Order matters twice: when a file's extension fits several formats, sniffing tries them in this
order (our table before OmegaT, whose header-less lines would also fit), and help texts list
them so. Each format is a small class, see
:class:`~transclean.glossary.formats.base.GlossaryFormat`.
"""

from __future__ import annotations

from transclean.glossary.formats.base import GlossaryFormat, LangPair, Written
from transclean.glossary.formats.omegat import OmegaTFormat
from transclean.glossary.formats.table import TableFormat
from transclean.glossary.formats.tbx3 import Tbx3Format
from transclean.glossary.formats.tbx2008 import Tbx2008Format

BUILTIN: tuple[GlossaryFormat, ...] = (
    Tbx2008Format(),
    Tbx3Format(),
    TableFormat("tsv", "\t", (".tsv", ".tab")),
    TableFormat("csv", ",", (".csv",)),
    OmegaTFormat(),
)

__all__ = ["BUILTIN", "GlossaryFormat", "LangPair", "Written"]
