"""Start a real LibreTranslate server on 127.0.0.1 with the tests' tiny models, fully offline.

LibreTranslate pins old libraries, so it lives in its own virtual environment,
``.venv-libretranslate/``, made by ``.ci/libretranslate-setup``. Without it the tests that need
the server skip, unless ``TRANSCLEAN_REQUIRE_LIBRETRANSLATE=1`` (set by ``.ci/run``) makes them
fail instead.

What LibreTranslate 1.9.6 needs to start and translate with no network (read from its source):

* at least two installed packages: with fewer, it "updates language models" at start, which
  fetches Argos's package index and MiniSBD's sentence models, retrying each of the latter ten
  times with doubling waits. So both tiny packages are installed: ru→en and its reverse, en→ru.
* a sentence splitter that needs no download: Argos's default, MiniSBD, downloads an ONNX model
  per language on first use. With ``ARGOS_CHUNK_TYPE=SPACY`` Argos instead loads a spaCy pipeline
  from the package's ``spacy/`` folder and adds spaCy's rule-based sentencizer; a blank pipeline
  of the source language, written by the server venv's own spaCy, is all it takes. Importing
  Argos in that mode also looks for a cached ``xx_sent_ud_sm`` model and downloads it when its
  folder is missing; the package's own pipeline is used instead, so an empty folder stands in.
* its own home: ``HOME``, ``XDG_*`` and ``ARGOS_PACKAGES_DIR`` point into a temporary folder, and
  the server runs there (it writes its API-key database and upload folder under the working
  directory), so nothing of the user's is read or touched.

The server is started with ``--api-keys``: requests without a key are served, a known key is
served within its request limit, and an unknown key is refused with HTTP 403.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.mt_model import REVERSE_METADATA, REVERSE_TERMS, build_package

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv-libretranslate"
REQUIRE_ENV = "TRANSCLEAN_REQUIRE_LIBRETRANSLATE"
API_KEY = "transclean-test-key"
LIMITED_KEY = "transclean-one-request-a-minute"
START_TIMEOUT = 90.0
"""Seconds the server may take to answer /languages (about 4 s on an idle 2-core machine)."""

# Run by the server venv's Python: a blank spaCy pipeline per package (its source language),
# and the API-key database with a key of ample limit and one allowed a single request a minute.
_PREPARE = """
import sys
import spacy
from libretranslate.api_keys import Database

packages, database, key, limited = sys.argv[1:]
for folder, lang in (("translate-ru_en-tiny-copy", "ru"), ("translate-en_ru-tiny-copy", "en")):
    spacy.blank(lang).to_disk(f"{packages}/{folder}/spacy")
keys = Database(database)
keys.add(100000, key)
keys.add(1, limited)
"""


@dataclass(frozen=True, slots=True)
class Server:
    """A running server: its root URL, a valid API key and its log file."""

    url: str
    api_key: str
    limited_key: str
    log: Path


def _unavailable(reason: str) -> None:
    """Skip, or fail where the server is required (CI)."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_env(home: Path) -> dict[str, str]:
    """Return the server's environment: ours without LibreTranslate's, Argos's or XDG settings,
    and a home of its own."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("LT_", "ARGOS_", "XDG_")) and name not in ("HOME", "PYTHONPATH")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        ARGOS_PACKAGES_DIR=str(home / "packages"),
        ARGOS_CHUNK_TYPE="SPACY",
        ARGOS_INTRA_THREADS="1",  # a shared 2-core machine; the tiny model needs no more
        PYTHONWARNINGS="ignore",  # its pinned requests warns about newer urllib3 at every start
    )
    return env


def _install_packages(model_dir: Path, home: Path) -> None:
    """Unpack both tiny packages into the server's Argos package folder, as Argos installs them."""
    [forward] = model_dir.glob("translate-ru_en-*.argosmodel")
    reverse = build_package(
        home / "built", "translate-en_ru-tiny-copy", terms=REVERSE_TERMS, metadata=REVERSE_METADATA
    )
    for package in (forward, reverse):
        with zipfile.ZipFile(package) as archive:
            archive.extractall(home / "packages")
    (home / "cache" / "argos-translate" / "spacy" / "senter" / "model").mkdir(parents=True)


def _wait_until_ready(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"LibreTranslate exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/languages", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"LibreTranslate did not answer within {START_TIMEOUT:g} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def libretranslate_server(
    tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A LibreTranslate server with the tiny ru→en and en→ru models, for the whole session."""
    executable = VENV / "bin" / "libretranslate"
    if not executable.is_file():
        _unavailable(f"no LibreTranslate in {VENV}: run .ci/libretranslate-setup")
    home = tmp_path_factory.mktemp("libretranslate")
    _install_packages(tiny_model_dir, home)
    database = home / "db" / "api_keys.db"
    prepared = subprocess.run(
        [
            VENV / "bin" / "python",
            "-c",
            _PREPARE,
            home / "packages",
            database,
            API_KEY,
            LIMITED_KEY,
        ],
        env=_server_env(home),
        capture_output=True,
        text=True,
    )
    if prepared.returncode != 0:
        pytest.fail(f"Preparing the LibreTranslate home failed:\n{prepared.stderr}")
    port = free_port()
    log = home / "server.log"
    command = [
        executable,
        *("--host", "127.0.0.1", "--port", str(port), "--load-only", "ru,en"),
        *("--api-keys", "--api-keys-db-path", str(database)),
        *("--disable-web-ui", "--disable-files-translation", "--threads", "2"),
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=home, env=_server_env(home), stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(process, url, log)
        yield Server(url, API_KEY, LIMITED_KEY, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
