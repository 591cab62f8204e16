"""The interface every translation engine implements, the errors they raise, and the registry."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from transclean.errors import TranscleanError


class TranslationError(TranscleanError):
    """Translation cannot run: no engine, no model for the language pair, a broken package."""


class EngineUnavailableError(TranslationError):
    """The engine's libraries are not installed, its name is unknown, or its server is down."""


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


ENGINES = ("argos", "libretranslate")
"""Engine names, the default first."""


def get_engine(
    name: str = "argos",
    *,
    model_dir: str | Path | None = None,
    server: str | None = None,
    api_key: str | None = None,
) -> Engine:
    """Return the engine called ``name``.

    ``model_dir`` is an extra folder of model packages (argos); ``server`` and ``api_key`` say
    where a LibreTranslate server is and how to use it (libretranslate; both fall back on
    environment variables). Options of the other engine are ignored.
    """
    if name == "argos":
        from transclean.translate.argos import ArgosEngine

        return ArgosEngine(model_dir)
    if name == "libretranslate":
        from transclean.translate.libretranslate import LibreTranslateEngine

        return LibreTranslateEngine(server, api_key)
    raise EngineUnavailableError(
        f"Unknown translation engine {name!r}", hint=f"choose one of: {', '.join(ENGINES)}"
    )
