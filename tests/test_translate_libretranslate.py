"""The libretranslate engine against a real LibreTranslate server started by the tests.

The server (tests/libretranslate_server.py) runs the tiny copy models of tests/mt_model.py, so
exact outputs are known: Russian glossary forms come out in English (ru→en), English terms in
the Russian nominative (en→ru), everything else is copied. Only the mapping of HTTP failures the
real server cannot be made to produce (5xx, a required key) uses a stub server.
"""

from __future__ import annotations

import http.server
import json
import logging
import socket
import threading
from collections.abc import Iterator
from typing import ClassVar

import httpx
import pytest

from tests.libretranslate_server import Server, free_port, libretranslate_server  # noqa: F401
from tests.mt_model import tiny_model_dir  # noqa: F401  (fixture)
from transclean.api import load_glossaries
from transclean.glossary.model import Concept, Glossary, Term
from transclean.translate import Engine, NoModelError, TranslationError, get_engine
from transclean.translate.libretranslate import (
    ApiKeyError,
    LibreTranslateEngine,
    ServerUnreachableError,
)
from transclean.translate.protect import OK, translate_protected


@pytest.fixture
def server(libretranslate_server: Server) -> Server:  # noqa: F811
    return libretranslate_server


@pytest.fixture
def engine(server: Server) -> LibreTranslateEngine:
    return LibreTranslateEngine(server.url)


@pytest.fixture(autouse=True)
def no_user_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's own server and key out of the tests."""
    monkeypatch.delenv("TRANSCLEAN_LIBRETRANSLATE_URL", raising=False)
    monkeypatch.delenv("TRANSCLEAN_LIBRETRANSLATE_KEY", raising=False)


@pytest.mark.parametrize(
    ("source", "src", "tgt", "expected"),
    [
        ("Пациенты получали дупилумабом.", "ru", "en", "Пациенты получали dupilumab."),
        # The server splits sentences (spaCy's sentencizer) and joins them with a space.
        (
            "Лечение алопеции и атопического дерматита. Второе предложение!",
            "ru",
            "en",
            "Лечение alopecia и atopic dermatitis. Второе предложение!",
        ),
        (
            "Patients received dupilumab for atopic dermatitis.",
            "en",
            "ru",
            "Patients received дупилумаб for атопический дерматит.",
        ),
        # The server strips outer whitespace; the engine puts it back. Paragraph breaks inside
        # a text survive: the server translates line by line.
        ("  Первое.\n\nВторое!  ", "ru", "en", "  Первое.\n\nВторое!  "),
        ("", "ru", "en", ""),
        (" \n ", "ru", "en", " \n "),
        # The server's sentence splitter (spaCy's rule-based sentencizer) keeps an opening
        # bracket after a full stop with the sentence before it, so a placeholder there is cut in
        # two and comes back spaced out; protection reads "⟦ 2⟧" as "⟦2⟧" (see below).
        ("См. ⟦2⟧ и ⟦3⟧.", "ru", "en", "См. ⟦ 2⟧ и ⟦3⟧."),
    ],
)
def test_translates_through_the_real_server(
    engine: LibreTranslateEngine, source: str, src: str, tgt: str, expected: str
) -> None:
    assert engine.translate([source], src, tgt) == [expected]


def test_a_batch_is_one_request_and_comes_back_in_order(
    engine: LibreTranslateEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine.pairs()  # asked once, before counting
    sent: list[object] = []
    real_request = httpx.Client.request

    def counting(self: httpx.Client, method: str, url: str, **kwargs: object) -> httpx.Response:
        sent.append(kwargs.get("json"))
        return real_request(self, method, url, **kwargs)

    monkeypatch.setattr(httpx.Client, "request", counting)
    sources = ["Лечение алопеции.", "", "Пациенты получали дупилумабом.", "Без терминов."]
    assert engine.translate(sources, "ru", "en") == [
        "Лечение alopecia.",
        "",
        "Пациенты получали dupilumab.",
        "Без терминов.",
    ]
    assert sent == [
        {
            "q": ["Лечение алопеции.", "Пациенты получали дупилумабом.", "Без терминов."],
            "source": "ru",
            "target": "en",
            "format": "text",
        }
    ]
    # Nothing to translate: no request at all.
    assert engine.translate(["", "  "], "ru", "en") == ["", "  "]
    assert len(sent) == 1


def test_reports_the_servers_pairs_and_implements_the_protocol(
    engine: LibreTranslateEngine,
) -> None:
    # The server also lists each language as its own target; that is no translation.
    assert engine.pairs() == {("ru", "en"), ("en", "ru")}
    assert isinstance(engine, Engine)


@pytest.mark.parametrize(("src", "tgt"), [("ru", "de"), ("ru", "ru"), ("xx", "en")])
def test_a_pair_the_server_lacks_names_what_it_offers(
    engine: LibreTranslateEngine, server: Server, src: str, tgt: str
) -> None:
    with pytest.raises(NoModelError) as caught:
        engine.translate(["Текст."], src, tgt)
    line = caught.value.one_line()
    assert f"{src}->{tgt}" in line and "it offers: en->ru, ru->en" in line
    assert server.url in line and f"translate-{src}_{tgt}" in line
    assert "\n" not in line


def test_an_unreachable_server_is_one_clear_error(caplog: pytest.LogCaptureFixture) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    engine = LibreTranslateEngine(url, timeout=2, retries=2, backoff=0)
    with caplog.at_level(logging.INFO), pytest.raises(ServerUnreachableError) as caught:
        engine.pairs()
    line = caught.value.one_line()
    assert line.startswith(f"Cannot reach the LibreTranslate server at {url} (")
    assert "refused" in line.lower()
    assert "libretranslate --host 127.0.0.1" in line and "TRANSCLEAN_LIBRETRANSLATE_URL" in line
    assert "\n" not in line
    assert caplog.text.count("retrying") == 2  # every retry taken, then one error


def test_an_api_key_is_sent_and_a_wrong_one_refused(server: Server) -> None:
    keyed = LibreTranslateEngine(server.url, api_key=server.api_key)
    assert keyed.translate(["Лечение алопеции."], "ru", "en") == ["Лечение alopecia."]
    wrong = LibreTranslateEngine(server.url, api_key="not-a-key")
    with pytest.raises(ApiKeyError) as caught:
        wrong.translate(["Лечение алопеции."], "ru", "en")
    line = caught.value.one_line()
    assert "refused the request: Invalid API key" in line and "--api-key" in line


def test_server_and_key_come_from_the_environment(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSCLEAN_LIBRETRANSLATE_URL", server.url + "/")
    monkeypatch.setenv("TRANSCLEAN_LIBRETRANSLATE_KEY", "not-a-key")
    engine = get_engine("libretranslate")
    assert engine.pairs() == {("ru", "en"), ("en", "ru")}  # /languages needs no key
    with pytest.raises(ApiKeyError):
        engine.translate(["Лечение."], "ru", "en")
    # An explicit key wins over the environment's.
    keyed = get_engine("libretranslate", api_key=server.api_key)
    assert keyed.translate(["Лечение."], "ru", "en") == ["Лечение."]


def test_a_rate_limit_is_retried_then_reported(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    # This key is allowed one request a minute, and only this test uses it.
    engine = LibreTranslateEngine(server.url, api_key=server.limited_key, retries=1, backoff=0)
    assert engine.translate(["Лечение."], "ru", "en") == ["Лечение."]
    with caplog.at_level(logging.INFO), pytest.raises(TranslationError) as caught:
        engine.translate(["Лечение."], "ru", "en")
    assert "refusing requests as too many" in caught.value.one_line()
    assert caplog.text.count("HTTP 429") == 1


@pytest.mark.parametrize(
    ("server_url", "message"),
    [
        (None, "No LibreTranslate server given"),
        ("localhost:5000", "is not an http:// or https:// URL"),
    ],
)
def test_a_missing_or_malformed_address_says_how_to_give_one(
    server_url: str | None, message: str
) -> None:
    with pytest.raises(TranslationError, match=message):
        LibreTranslateEngine(server_url)


GLOSSARY = Glossary(
    (
        Concept("dupilumab", (Term("dupilumab", "en"), Term("дупилумаб", "ru"))),
        Concept(
            "atopic-dermatitis",
            (Term("atopic dermatitis", "en"), Term("атопический дерматит", "ru")),
        ),
        Concept("alopecia", (Term("alopecia", "en"), Term("алопеция", "ru"))),
    ),
    ("en", "ru"),
)


@pytest.mark.parametrize(
    ("source", "src", "tgt", "expected"),
    [
        # The sample's title with the shipped glossary: every term masked, carried through the
        # server, restored.
        (
            "Лечение алопеции и атопического дерматита: двойное действие дупилумаба",
            "ru",
            "en",
            "Лечение alopecia и atopic dermatitis: двойное действие dupilumab",
        ),
        # A placeholder first, last, and two sentences: the server's sentence splitting and
        # its punctuation and capitalisation fixes leave the brackets alone.
        (
            "Дупилумаб эффективен. Лечение алопеции",
            "ru",
            "en",
            "Dupilumab эффективен. Лечение alopecia",
        ),
        # A term just after a full stop: the server spaces its placeholder out (see above).
        (
            "Лечение эффективно. Дупилумаб помог.",
            "ru",
            "en",
            "Лечение эффективно. Dupilumab помог.",
        ),
        # Into Russian.
        (
            "Patients with atopic dermatitis received dupilumab.",
            "en",
            "ru",
            "Patients with атопический дерматит received дупилумаб.",
        ),
    ],
)
def test_glossary_placeholders_survive_the_real_server(
    engine: LibreTranslateEngine,
    source: str,
    src: str,
    tgt: str,
    expected: str,
) -> None:
    glossary = load_glossaries() if "двойное действие" in source else GLOSSARY
    [result] = translate_protected(engine, [source], src, tgt, glossary).segments
    assert (result.text, result.status, result.attempts, result.problems) == (
        expected,
        OK,
        1,
        (),
    )


# A stub for the answers the real server cannot be made to give on demand.
class _Stub(http.server.BaseHTTPRequestHandler):
    """Answer from a script of (status, JSON body) pairs shared by the test, in order."""

    script: ClassVar[list[tuple[int, object]]] = []
    paths: ClassVar[list[str]] = []

    def _answer(self) -> None:
        self.paths.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        status, body = self.script.pop(0)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture
def stub() -> Iterator[tuple[str, type[_Stub]]]:
    handler = type("Handler", (_Stub,), {"script": [], "paths": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


LANGUAGES = [{"code": "ru", "name": "Russian", "targets": ["en", "ru"]}]


def test_server_errors_are_retried(stub: tuple[str, type[_Stub]]) -> None:
    url, handler = stub
    handler.script += [
        (200, LANGUAGES),
        (503, {"error": "busy"}),
        (200, {"translatedText": ["Text."]}),
    ]
    engine = LibreTranslateEngine(url, retries=1, backoff=0)
    assert engine.translate(["Текст."], "ru", "en") == ["Text."]
    assert handler.paths == ["/languages", "/translate", "/translate"]


@pytest.mark.parametrize(
    ("status", "body", "error", "words"),
    [
        (500, {"error": "Cannot translate text: boom"}, TranslationError, "failed (HTTP 500)"),
        (
            400,
            {"error": "Please contact the server operator to get an API key"},
            ApiKeyError,
            "refused the request: Please contact",
        ),
        (
            400,
            {"error": "Invalid request: request (3) exceeds text limit (2)"},
            TranslationError,
            "rejected the request (HTTP 400): Invalid request: request (3) exceeds",
        ),
        (200, {"translated": "?"}, TranslationError, "does not answer like a LibreTranslate"),
        (404, {"error": "Not Found"}, TranslationError, "does not answer like a LibreTranslate"),
    ],
)
def test_http_failures_become_one_line_errors(
    stub: tuple[str, type[_Stub]],
    status: int,
    body: object,
    error: type[TranslationError],
    words: str,
) -> None:
    url, handler = stub
    handler.script += [(200, LANGUAGES), (status, body)]
    engine = LibreTranslateEngine(url, retries=0)
    with pytest.raises(error) as caught:
        engine.translate(["Текст."], "ru", "en")
    line = caught.value.one_line()
    assert words in line and url in line and "\n" not in line


def test_a_slow_server_times_out_without_retrying() -> None:
    # A socket that accepts connections (the kernel's backlog) but never answers.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        engine = LibreTranslateEngine(url, timeout=0.5, retries=3, backoff=0)
        with pytest.raises(TranslationError, match=r"did not answer .* within 0\.5 s"):
            engine.pairs()
