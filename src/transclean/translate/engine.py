"""The interface every translation engine implements, the errors they raise, and the registry."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from transclean.errors import TranscleanError


class TranslationError(TranscleanError):
    """Translation cannot run: no engine, no model for the language pair, a broken package."""


class EngineUnavailableError(TranslationError):
    """The engine's libraries are not installed, or its name is unknown."""


class NoModelError(TranslationError):
    """The engine has no model for the requested language pair."""


@runtime_checkable
class Engine(Protocol):
    """Translate batches of plain-text segments from one language to another."""

    name: str

    def pairs(self) -> set[tuple[str, str]]:
        """Return the (source, target) language codes this engine can translate."""
        ...

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        """Return one translation per text, in order; raise NoModelError for an unknown pair."""
        ...


ENGINES = ("argos",)
"""Engine names, the default first."""


def get_engine(name: str = "argos", *, model_dir: str | Path | None = None) -> Engine:
    """Return the engine called ``name``; ``model_dir`` is an extra folder of model packages."""
    if name == "argos":
        from transclean.translate.argos import ArgosEngine

        return ArgosEngine(model_dir)
    raise EngineUnavailableError(
        f"Unknown translation engine {name!r}", hint=f"choose one of: {', '.join(ENGINES)}"
    )
