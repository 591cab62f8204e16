"""Smoke run of benchmarks/translate.py's core: generated sentences keep their glossary terms.

The full benchmark (hundreds of sentences, peers, timings) is run by hand; here twenty
sentences go through the same generator, the tiny model and ``translate_protected``, and no
lost term may go unflagged.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.mt_model import tiny_model_dir  # noqa: F401  (fixture)

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "translate.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_translate", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_generated_sentences_keep_their_terms(
    bench: ModuleType,
    tiny_model_dir: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    result = bench.run(20, seed=7, model_dir=tiny_model_dir, cache=tmp_path / "cache")
    assert result.sentences == 20 and result.terms >= 20
    assert result.silent == []
    assert result.kept == result.terms  # the copy model keeps every placeholder


def test_generation_is_deterministic(bench: ModuleType) -> None:
    glossary = bench.default_glossary()
    first = bench.generate_ru(glossary, 10, random.Random(3))
    again = bench.generate_ru(glossary, 10, random.Random(3))
    assert [c.text for c in first] == [c.text for c in again]
    assert all(1 <= len(c.forms) <= 3 for c in first)
