"""Options shared by several commands, declared once so they read the same everywhere."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from transclean.config import Options, TranslateMode, TranslationOptions

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


def ignore_option(func: F) -> F:
    """Add ``--ignore-file``: the project ignore list check, clean and batch honour."""
    return click.option(
        "--ignore-file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Ignore list to honour (default: .transclean/ignore.tsv found from the input up, "
        "or here).",
    )(func)


def fix_options(func: F) -> F:
    """Add ``--fix RULES``, ``--no-fix RULES`` and ``--no-autofix``."""
    func = click.option("--no-autofix", is_flag=True, help="Apply no fix unless named with --fix.")(
        func
    )
    func = click.option(
        "--no-fix",
        "no_fix",
        multiple=True,
        metavar="RULES",
        help="Never apply fixes of these rules.",
    )(func)
    func = click.option(
        "--fix",
        "fix",
        multiple=True,
        metavar="RULES",
        help="Also apply fixes of these rules (ids or families, comma-separated).",
    )(func)
    return func


def build_options(
    source: str | Path,
    glossaries: tuple[Path, ...],
    no_default_glossary: bool,
    ignore_file: Path | None,
    fix: tuple[str, ...] = (),
    no_fix: tuple[str, ...] = (),
    no_autofix: bool = False,
) -> Options:
    """The Options the shared flags ask for; the ignore list is found from ``source`` up."""
    from transclean.review.ignore import project_ignore

    return Options(
        glossaries=glossaries,
        use_default_glossary=not no_default_glossary,
        autofix=not no_autofix,
        fix_rules=split_rules(fix),
        no_fix_rules=split_rules(no_fix),
        ignore=project_ignore(source, ignore_file),
    )


ENGINE_NAMES = ("argos", "libretranslate")  # as transclean.translate.ENGINES, without importing it


def engine_options(func: F) -> F:
    """Add ``--engine``, ``--model-dir``, ``--server`` and ``--api-key``."""
    func = click.option(
        "--api-key",
        envvar="TRANSCLEAN_LIBRETRANSLATE_KEY",
        metavar="KEY",
        help="LibreTranslate API key [env TRANSCLEAN_LIBRETRANSLATE_KEY]; never written to files.",
    )(func)
    func = click.option(
        "--server",
        envvar="TRANSCLEAN_LIBRETRANSLATE_URL",
        metavar="URL",
        help="LibreTranslate server [env TRANSCLEAN_LIBRETRANSLATE_URL], e.g. "
        "http://127.0.0.1:5000.",
    )(func)
    func = click.option(
        "--model-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of .argosmodel packages, searched before $TRANSCLEAN_MODEL_DIR, "
        "transclean's own models folder and Argos Translate's packages.",
    )(func)
    func = click.option(
        "--engine",
        type=click.Choice(ENGINE_NAMES),
        default=ENGINE_NAMES[0],
        show_default=True,
        help="argos: Argos Translate packages run offline; libretranslate: a server.",
    )(func)
    return func


def translation_settings(
    engine: str,
    model_dir: Path | None,
    server: str | None,
    api_key: str | None,
    *,
    mode: str = "counterpart",
    source: str | None = None,
    target: str | None = None,
) -> TranslationOptions:
    """The TranslationOptions the engine flags ask for."""
    return TranslationOptions(
        mode=TranslateMode(mode),
        engine=engine,
        model_dir=model_dir,
        server=server,
        api_key=api_key,
        source=source,
        target=target,
    )


def translate_option(func: F) -> F:
    """Add ``--translate[=counterpart|replace]`` and the engine flags.

    The command receives them as one ``translation`` argument: TranslationOptions, or None
    when ``--translate`` is not given.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        mode = kwargs.pop("translate_mode")
        engine = [kwargs.pop(name) for name in ("engine", "model_dir", "server", "api_key")]
        settings = translation_settings(*engine, mode=mode) if mode is not None else None
        return func(*args, translation=settings, **kwargs)

    decorated = engine_options(cast(F, wrapper))
    return click.option(
        "--translate",
        "translate_mode",
        type=click.Choice(["counterpart", "replace"]),
        is_flag=False,
        flag_value="counterpart",
        default=None,
        help="Machine-translate the segments left in another language: shown beside them "
        "(--translate) or put in their place as a fix (--translate=replace).",
    )(decorated)
