"""`transclean translate`, `clean --translate` and `transclean models`, as a user runs them.

Everything runs the real argos engine on the tiny model the tests build (tests/mt_model.py);
HOME and XDG folders point into tmp_path so no user's models are seen or touched.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.mt_model import tiny_model_dir  # noqa: F401  (fixture)
from tests.test_clean_cli import run


@pytest.fixture(autouse=True)
def no_user_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    for name in ("TRANSCLEAN_MODEL_DIR", "ARGOS_PACKAGES_DIR", "TRANSCLEAN_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    shutil.copyfile(SAMPLE, path)
    return path


def test_translate_writes_the_translation_beside_the_source(
    article: Path,
    tiny_model_dir: Path,  # noqa: F811
) -> None:
    code, out, err = run(
        "translate",
        str(article),
        "--to",
        "en",
        "--model-dir",
        str(tiny_model_dir),
        "--format",
        "json",
    )
    assert code == 0, err
    report = json.loads(out)
    (translation,) = [f for f in report["flags"] if f["rule"] == "mt.translation"]
    assert "atopic dermatitis" in translation["suggestion"] and translation["applied"]
    assert [e["replacement"] for e in report["edits"]] == [translation["suggestion"]]
    assert "1 segments translated into en, 0 with unverified terms" in err


def test_translate_text_output_is_the_translated_article(
    article: Path,
    tmp_path: Path,
    tiny_model_dir: Path,  # noqa: F811
) -> None:
    target = tmp_path / "article.en.txt"
    code, _, err = run(
        "translate",
        str(article),
        "--to",
        "en",
        "--model-dir",
        str(tiny_model_dir),
        "--format",
        "text",
        "-o",
        str(target),
    )
    assert code == 0, err
    lines = target.read_text(encoding="utf-8").splitlines()
    assert "dupilumab" in lines[0] and "дупилумаба" not in lines[0]
    assert lines[2:] == article.read_text(encoding="utf-8").splitlines()[2:]


def test_clean_translate_and_replace(article: Path, tiny_model_dir: Path) -> None:  # noqa: F811
    code, out, err = run(
        "clean", str(article), "--translate", "--model-dir", str(tiny_model_dir), "--format", "text"
    )
    assert code == 0, err
    assert out.decode().startswith("Лечение алопеции")  # a counterpart only
    code, out, err = run(
        "clean",
        str(article),
        "--translate=replace",
        "--model-dir",
        str(tiny_model_dir),
        "--format",
        "text",
    )
    assert code == 0, err
    first = out.decode().splitlines()[0]
    assert "alopecia" in first and "atopic dermatitis" in first and "dupilumab" in first


@pytest.mark.parametrize("command", [("translate", "--to", "en"), ("clean", "--translate")])
def test_no_model_is_one_line_saying_how_to_get_one(
    article: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    empty = tmp_path / "no-models"
    empty.mkdir()
    code, out, err = run(command[0], str(article), *command[1:], "--model-dir", str(empty))
    assert code == 2 and out == b""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "no model for ru→en" in err and "transclean models install" in err


def test_translate_requires_a_target_language(article: Path) -> None:
    code, _, err = run("translate", str(article))
    assert code == 2 and "--to" in err


def test_models_install_then_list(tmp_path: Path, tiny_model_dir: Path) -> None:  # noqa: F811
    (package,) = tiny_model_dir.glob("*.argosmodel")
    code, out, err = run("models", "list")
    assert code == 0 and out == b"" and "No translation models found" in err
    code, out, err = run("models", "install", str(package))
    assert code == 0, err
    installed = tmp_path / "xdg_data_home" / "transclean" / "models" / package.name
    assert installed.read_bytes() == package.read_bytes()
    assert not list(installed.parent.glob(".install-*"))  # no staging file left
    code, out, err = run("models", "list")
    assert out.decode().split("\t")[:2] == ["ru→en", "translate-ru_en-tiny-copy"]
    # The installed package is used without --model-dir.
    article = tmp_path / "a.txt"
    article.write_text("Пациенты получали дупилумабом.\n", encoding="utf-8")
    code, out, err = run("translate", str(article), "--to", "en", "--format", "text")
    assert code == 0, err
    assert "dupilumab" in out.decode()


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken"])
def test_models_install_refuses_what_is_not_a_package(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(content)
    code, _, err = run("models", "install", str(bad))
    assert code == 2 and err.count("\n") == 1
    assert "bad.argosmodel" in err and "not a usable Argos Translate package" in err
    assert not (tmp_path / "xdg_data_home" / "transclean" / "models" / "bad.argosmodel").exists()


def test_batch_translates_untranslated_segments_and_keeps_the_key_secret(
    tmp_path: Path,
    tiny_model_dir: Path,  # noqa: F811
) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    (in_dir / "sub").mkdir(parents=True)
    shutil.copyfile(SAMPLE, in_dir / "sample.txt")
    (in_dir / "sub" / "b.txt").write_text(
        "Пациенты получали дупилумабом.\n\nPatients were treated for 16 weeks. "
        "Most of them improved.\n",
        encoding="utf-8",
    )
    code, _, err = run(
        "batch",
        str(in_dir),
        "-o",
        str(out_dir),
        "--jobs",
        "1",
        "-q",
        "--translate=replace",
        "--model-dir",
        str(tiny_model_dir),
        "--api-key",
        "SECRET-KEY",
        "--format",
        "text",
    )
    assert code == 0, err
    assert "dupilumab" in (out_dir / "sub" / "b.txt").read_text(encoding="utf-8").splitlines()[0]
    rows = (out_dir / "flags.csv").read_text(encoding="utf-8")
    assert rows.count(",mt.translation,") == 2
    manifest = (out_dir / ".transclean-manifest.json").read_text(encoding="utf-8")
    assert "SECRET-KEY" not in manifest and '"engine": "argos"' in manifest


def test_review_decides_on_a_translation_and_finish_applies_it(
    article: Path,
    tiny_model_dir: Path,  # noqa: F811
) -> None:
    engine = ("--translate", "--model-dir", str(tiny_model_dir))
    code, out, err = run("review", str(article), "--list", *engine)
    assert code == 0, err
    (line,) = [row for row in out.decode().splitlines() if "mt.translation" in row]
    flag_id = line.split()[0]
    code, _, err = run("decide", str(article), flag_id, "accept", *engine)
    assert code == 0, err
    code, _, err = run("review", str(article), "--finish", "--format", "text", *engine)
    assert code == 0, err
    (reviewed,) = article.parent.glob("*.reviewed.txt")
    first = reviewed.read_text(encoding="utf-8").splitlines()[0]
    assert "atopic dermatitis" in first and "dupilumab" in first


def test_the_engine_choice_lists_every_engine() -> None:
    """The CLI keeps its own copy of the names so its help imports no translation code."""
    from transclean.cli._options import ENGINE_NAMES
    from transclean.translate import ENGINES

    assert ENGINE_NAMES == ENGINES


def test_an_installed_package_gets_the_usual_file_mode(
    tmp_path: Path,
    tiny_model_dir: Path,  # noqa: F811
) -> None:
    (package,) = tiny_model_dir.glob("*.argosmodel")
    code, _, err = run("models", "install", str(package), "--model-dir", str(tmp_path / "m"))
    assert code == 0, err
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "m" / package.name).stat().st_mode & 0o777 == 0o666 & ~umask
