"""The standards validator, for tests that check what transclean writes.

``tests/standards`` is a copy of ``../shared/standards`` without the two TBX v3 schema files,
which LTAC publishes with no licence (see SOURCES.md). Where a checkout has ``../shared`` beside
it (as CI does), the full set there is used; elsewhere TBX v3 validation is skipped, not faked.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parent
COPY = HERE / "standards"
SHARED = HERE.parent.parent / "shared" / "standards"
TBX3_SCHEMA = Path("schemas") / "tbx-v3" / "TBXcoreStructV03.rng"


def standards_dir() -> Path:
    """Where the schemas, examples and negative cases are read from."""
    return SHARED if (SHARED / TBX3_SCHEMA).is_file() else COPY


@cache
def _module() -> ModuleType:
    location = standards_dir() / "validate.py"
    spec = importlib.util.spec_from_file_location("standards_validate", location)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def validate(path: str | Path) -> list[str]:
    """Validation errors of ``path`` ([] when valid); skips TBX v3 without its schema."""
    if not (standards_dir() / TBX3_SCHEMA).is_file():
        head = Path(path).read_bytes()[:2000]
        if b"urn:iso:std:iso:30042:ed-2" in head:
            pytest.skip("TBX v3 schema is not shipped (no licence); run beside ../shared/standards")
    errors: list[str] = _module().validate(str(path))
    return errors
