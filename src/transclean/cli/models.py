"""``transclean models``: the offline translation models the argos engine can use."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("models")
def models_cli() -> None:
    """List and install Argos Translate model packages (.argosmodel) for offline translation.

    \b
    Examples:
      transclean models list
      transclean models install translate-ru_en-1_9.argosmodel
      transclean models install translate-en_ru-1_9.argosmodel --model-dir models/
    """


@models_cli.command("list")
@click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also look in this folder (first).",
)
def list_cli(model_dir: Path | None) -> None:
    """List the packages found, one per line: pair, name, path; then the folders searched."""
    from transclean.translate.argos import find_packages, search_dirs

    dirs = search_dirs(model_dir)
    packages = find_packages(dirs)
    for package in packages:
        click.echo(f"{package.from_code}→{package.to_code}\t{package.name}\t{package.path}")
    if not packages:
        click.echo("No translation models found.", err=True)
        click.echo(
            "Get Argos Translate packages (e.g. translate-ru_en) on a machine with internet and "
            "run `transclean models install FILE.argosmodel`.",
            err=True,
        )
    click.echo("Searched: " + ", ".join(str(d) for d in dirs), err=True)


@models_cli.command("install")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--model-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Install here (default: $TRANSCLEAN_MODEL_DIR, else transclean's own folder).",
)
def install_cli(files: tuple[Path, ...], model_dir: Path | None) -> None:
    """Check each package FILE and copy it where the argos engine finds it."""
    from transclean.translate.argos import install_package

    for file in files:
        package = install_package(file, model_dir)
        click.echo(
            f"installed {package.from_code}→{package.to_code} {package.name}: {package.path}"
        )
