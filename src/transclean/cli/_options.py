"""Options shared by several commands, declared once so they read the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def glossary_options(func: F) -> F:
    """Add ``--glossary PATH`` (repeatable) and ``--no-default-glossary``."""
    func = click.option(
        "--no-default-glossary",
        is_flag=True,
        help="Do not load the glossary shipped with transclean.",
    )(func)
    func = click.option(
        "--glossary",
        "glossaries",
        multiple=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="Extra glossary (TBX, CSV/TSV, OmegaT); repeatable; merged after the shipped one.",
    )(func)
    return func


def split_rules(values: tuple[str, ...]) -> frozenset[str]:
    """Accept ``--fix a,b --fix c`` alike."""
    return frozenset(part.strip() for value in values for part in value.split(",") if part.strip())
