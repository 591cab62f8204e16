"""The argos engine, run on a real ``.argosmodel`` built by the tests (see tests/mt_model.py)."""

from __future__ import annotations

import json
import logging
import zipfile
from pathlib import Path

import pytest

from tests.mt_model import POSITIONS, tiny_model_dir  # noqa: F401  (fixture)
from transclean.translate import Engine, EngineUnavailableError, NoModelError, get_engine
from transclean.translate.argos import ArgosEngine, TranslationError, find_packages


@pytest.fixture
def engine(tiny_model_dir: Path, tmp_path: Path) -> ArgosEngine:  # noqa: F811
    return ArgosEngine(tiny_model_dir, cache=tmp_path / "cache")


@pytest.fixture(autouse=True)
def no_user_packages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the user's own Argos packages and cache out of the tests."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-home"))
    monkeypatch.setenv("TRANSCLEAN_CACHE_DIR", str(tmp_path / "default-cache"))
    monkeypatch.delenv("TRANSCLEAN_MODEL_DIR", raising=False)


# The tiny model copies its source piece by piece, except that the glossary forms it was built
# with come out in English: exact outputs are therefore known.
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Пациенты получали дупилумабом.", "Пациенты получали dupilumab."),
        ("Лечение алопеции и атопического дерматита.", "Лечение alopecia и atopic dermatitis."),
        ("Patients received dupilumab (IL-4).", "Patients received dupilumab (IL-4)."),
        ("Результаты ⟦1⟧ и ⟦2⟧.", "Результаты ⟦1⟧ и ⟦2⟧."),
        # Gaps between sentences are kept as written: paragraph breaks survive.
        ("Первое предложение.\n\nВторое!  ", "Первое предложение.\n\nВторое!  "),
        ("", ""),
        ("   ", "   "),
    ],
)
def test_translates_through_the_real_loading_path(
    engine: ArgosEngine, source: str, expected: str
) -> None:
    assert engine.translate([source], "ru", "en") == [expected]


def test_a_batch_comes_back_in_order(engine: ArgosEngine) -> None:
    sources = ["Лечение алопеции.", "", "Пациенты получали дупилумабом."]
    assert engine.translate(sources, "ru", "en") == [
        "Лечение alopecia.",
        "",
        "Пациенты получали dupilumab.",
    ]


def test_long_sentences_are_cut_to_fit_the_position_table(engine: ArgosEngine) -> None:
    # One sentence of far more pieces than the model has positions for.
    words = ["дупилумабом", "лечение"] * POSITIONS
    sentence = " ".join(words) + "."
    assert len(words) > POSITIONS
    [output] = engine.translate([sentence], "ru", "en")
    assert output.split() == [w.replace("дупилумабом", "dupilumab") for w in words[:-1]] + [
        "лечение."
    ]
    # Without cutting, the model refuses: the failure is a TranslationError, not a crash.
    uncut = ArgosEngine(engine.dirs[0], max_tokens=10 * POSITIONS, cache=engine.cache)
    with pytest.raises(TranslationError, match="position"):
        uncut.translate([sentence], "ru", "en")


def test_reports_its_pairs_and_implements_the_protocol(engine: ArgosEngine) -> None:
    assert engine.pairs() == {("ru", "en")}
    assert isinstance(engine, Engine)


def test_no_model_for_the_pair_says_how_to_get_one(engine: ArgosEngine) -> None:
    with pytest.raises(NoModelError) as caught:
        engine.translate(["Hello."], "en", "ru")
    line = caught.value.one_line()
    assert "en->ru" in line and "translate-en_ru" in line and "--model-dir" in line
    assert "\n" not in line


def test_unknown_engine_lists_the_choices() -> None:
    with pytest.raises(EngineUnavailableError, match="'deepl'") as caught:
        get_engine("deepl")
    assert caught.value.hint == "choose one of: argos, libretranslate"


def test_finds_packages_through_the_environment_variable(
    tiny_model_dir: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRANSCLEAN_MODEL_DIR", str(tiny_model_dir))
    assert get_engine("argos").pairs() == {("ru", "en")}


def test_reuses_packages_unpacked_by_argos_translate(
    tiny_model_dir: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Argos installs a package by unzipping it into its package folder.
    argos_home = tmp_path / "argos-home"
    [package] = tiny_model_dir.glob("*.argosmodel")
    with zipfile.ZipFile(package) as archive:
        archive.extractall(argos_home)
    engine = ArgosEngine()
    assert engine.pairs() == {("ru", "en")}
    assert engine.translate(["Лечение алопеции."], "ru", "en") == ["Лечение alopecia."]
    assert not (tmp_path / "default-cache").exists()  # an unpacked folder needs no cache


def test_unpacks_a_package_once(engine: ArgosEngine, tiny_model_dir: Path) -> None:  # noqa: F811
    engine.translate(["Лечение."], "ru", "en")
    [entry] = engine.cache.iterdir() if engine.cache else []
    stamp = (entry / "model" / "model.bin").stat().st_mtime_ns
    again = ArgosEngine(tiny_model_dir, cache=engine.cache)
    assert again.translate(["Лечение."], "ru", "en") == ["Лечение."]
    assert [p.name for p in engine.cache.iterdir()] == [entry.name]
    assert (entry / "model" / "model.bin").stat().st_mtime_ns == stamp


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({"../evil/metadata.json": "{}"}, "unsafe member name"),
        ({"a/metadata.json": "{}", "b/metadata.json": "{}"}, "one top-level folder"),
        ({"a/metadata.json": json.dumps({"from_code": "ru"})}, "lacks from_code/to_code"),
    ],
)
def test_broken_packages_are_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, members: dict[str, str], reason: str
) -> None:
    with zipfile.ZipFile(tmp_path / "bad.argosmodel", "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with caplog.at_level(logging.WARNING):
        assert find_packages([tmp_path]) == []
    assert reason in caplog.text
