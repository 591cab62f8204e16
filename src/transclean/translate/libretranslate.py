"""Translate through a self-hosted LibreTranslate server.

LibreTranslate serves Argos Translate models over HTTP; this engine is a small client of its API:
``GET /languages`` lists what the server offers (each language with its ``targets``) and
``POST /translate`` translates a whole batch in one request (``q`` as a list, ``source``,
``target``, ``format: "text"``, and ``api_key`` when one is given).

Where the server is:

* ``--server URL`` or ``$TRANSCLEAN_LIBRETRANSLATE_URL``, e.g. ``http://127.0.0.1:5000`` (a
  server started with ``--url-prefix`` is given with its prefix);
* ``--api-key`` or ``$TRANSCLEAN_LIBRETRANSLATE_KEY``, needed only by servers started with
  ``--api-keys`` that require one.

Connection failures, 5xx and 429 answers are retried with exponential backoff; everything else
fails at once with a one-line error that says what to do. The server strips each text's outer
whitespace and translates blank texts to nothing, so blank texts are not sent and outer
whitespace is put back, as the argos engine keeps it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from transclean.translate.engine import EngineUnavailableError, NoModelError, TranslationError

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

URL_ENV = "TRANSCLEAN_LIBRETRANSLATE_URL"
KEY_ENV = "TRANSCLEAN_LIBRETRANSLATE_KEY"
CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a connection: a server that is up answers at once."""
MAX_RETRY_AFTER = 30.0
"""Longest wait a 429 answer's Retry-After header may impose between two attempts."""

_START_HINT = (
    "start one with 'pip install libretranslate && libretranslate --host 127.0.0.1 --port 5000', "
    f"or give its address with --server URL or ${URL_ENV}"
)


class ServerUnreachableError(EngineUnavailableError):
    """The LibreTranslate server does not answer: wrong address, not started, or down."""


class ApiKeyError(TranslationError):
    """The LibreTranslate server refuses the API key, or requires one that was not given."""


class LibreTranslateEngine:
    """Translate with a LibreTranslate server (see the module docstring)."""

    name = "libretranslate"

    def __init__(
        self,
        server: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = 120.0,
        retries: int = 2,
        backoff: float = 0.5,
    ) -> None:
        """``timeout`` bounds each answer in seconds (a big batch on a CPU server takes a while);
        ``retries`` is the number of extra attempts, ``backoff`` the first wait between them."""
        server = server or os.environ.get(URL_ENV)
        if not server:
            raise EngineUnavailableError(
                "No LibreTranslate server given", hint=f"pass --server URL or set ${URL_ENV}"
            )
        if not server.startswith(("http://", "https://")):
            raise EngineUnavailableError(
                f"LibreTranslate server {server!r} is not an http:// or https:// URL",
                hint="write it in full, e.g. http://127.0.0.1:5000",
            )
        self.server = server.rstrip("/")
        self.api_key = api_key if api_key is not None else os.environ.get(KEY_ENV) or None
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._pairs: set[tuple[str, str]] | None = None

    def pairs(self) -> set[tuple[str, str]]:
        """Return the pairs the server offers, asked once (a language's translation to itself,
        which LibreTranslate lists as a target, is left out: it is no translation)."""
        if self._pairs is None:
            languages = self._request("GET", "/languages")
            try:
                self._pairs = {
                    (str(language["code"]), str(target))
                    for language in languages
                    for target in language["targets"]
                    if target != language["code"]
                }
            except (TypeError, KeyError) as error:
                raise self._not_libretranslate(
                    "/languages", "its answer is not a list of languages with targets"
                ) from error
        return self._pairs

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        """Translate ``texts`` in one request; blank texts come back as they are."""
        if (src, tgt) not in self.pairs():
            offered = ", ".join(f"{s}->{t}" for s, t in sorted(self.pairs())) or "nothing"
            raise NoModelError(
                f"The LibreTranslate server at {self.server} has no model for {src}->{tgt}; "
                f"it offers: {offered}",
                hint=f"install the Argos Translate package translate-{src}_{tgt} on the server "
                "and restart it (with both languages in --load-only, if it uses that)",
            )
        sent = [i for i, text in enumerate(texts) if text.strip()]
        if not sent:
            return list(texts)
        payload: dict[str, Any] = {
            "q": [texts[i].strip() for i in sent],
            "source": src,
            "target": tgt,
            "format": "text",
        }
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = self._request("POST", "/translate", payload)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, list) or len(translated) != len(sent):
            raise self._not_libretranslate(
                "/translate", f"expected {len(sent)} translations in 'translatedText'"
            )
        results = list(texts)
        for index, output in zip(sent, translated, strict=True):
            text = texts[index]
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            results[index] = lead + str(output).strip() + trail
        return results

    def _request(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        """Send one request, retrying what may pass (see the module docstring); return its JSON."""
        try:
            import httpx
        except ImportError as error:  # a dependency of transclean: only a broken install lacks it
            raise EngineUnavailableError(
                "The libretranslate engine needs httpx", hint="pip install httpx"
            ) from error
        url = self.server + path
        timeout = httpx.Timeout(self.timeout, connect=min(CONNECT_TIMEOUT, self.timeout))
        with httpx.Client(timeout=timeout) as client:
            for attempt in range(self.retries + 1):
                last = attempt == self.retries
                try:
                    response = client.request(method, url, json=payload)
                except (httpx.ConnectError, httpx.ConnectTimeout) as error:
                    if not last:  # nothing reached the server: always safe to try again
                        self._wait(attempt, f"{url}: {error!r}")
                        continue
                    raise ServerUnreachableError(
                        f"Cannot reach the LibreTranslate server at {self.server} "
                        f"({_reason(error)})",
                        hint=_START_HINT,
                    ) from error
                except httpx.TimeoutException as error:
                    # The server took the request and is slow: trying again would only repeat it.
                    raise TranslationError(
                        f"The LibreTranslate server at {self.server} did not answer {url} "
                        f"within {self.timeout:g} s",
                        hint="give it more time with a larger timeout, "
                        "or translate fewer segments at once",
                    ) from error
                except httpx.TransportError as error:
                    if not last:  # the connection broke mid-answer, e.g. a server restarting
                        self._wait(attempt, f"{url}: {error!r}")
                        continue
                    raise TranslationError(
                        f"Lost the connection to the LibreTranslate server at {self.server} "
                        f"({_reason(error)})",
                        hint="see the server's log",
                    ) from error
                if (response.status_code == 429 or response.status_code >= 500) and not last:
                    self._wait(attempt, f"{url}: HTTP {response.status_code}", response)
                    continue
                return self._answer(response, path)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _answer(self, response: httpx.Response, path: str) -> Any:
        """Return a successful answer's JSON, or raise the error its status stands for."""
        status = response.status_code
        if status == 200:
            try:
                return response.json()
            except ValueError as error:
                raise self._not_libretranslate(path, "its answer is not JSON") from error
        message = _error_message(response)
        where = f"The LibreTranslate server at {self.server}"
        if status == 403 or (status == 400 and "api key" in message.lower()):
            raise ApiKeyError(
                f"{where} refused the request: {message}",
                hint=f"check the key given with --api-key or ${KEY_ENV}",
            )
        if status == 404:
            raise self._not_libretranslate(path, "HTTP 404")
        if status == 429:
            raise TranslationError(
                f"{where} keeps refusing requests as too many: {message}",
                hint="wait a minute, or use an API key with a higher limit",
            )
        if status >= 500:
            raise TranslationError(
                f"{where} failed (HTTP {status}): {message}", hint="see the server's log"
            )
        raise TranslationError(f"{where} rejected the request (HTTP {status}): {message}")

    def _wait(self, attempt: int, what: str, response: httpx.Response | None = None) -> None:
        """Sleep before the next attempt: doubling backoff, or the server's Retry-After."""
        delay = self.backoff * 2**attempt
        retry_after = response.headers.get("Retry-After", "") if response is not None else ""
        if retry_after.isdigit():
            delay = max(delay, min(float(retry_after), MAX_RETRY_AFTER))
        log.info("retrying in %.1f s after %s", delay, what)
        time.sleep(delay)

    def _not_libretranslate(self, path: str, why: str) -> TranslationError:
        return TranslationError(
            f"{self.server}{path} does not answer like a LibreTranslate server ({why})",
            hint="check the URL: it is the server's root, with its --url-prefix if it has one",
        )


def _reason(error: BaseException) -> str:
    """Return the innermost cause's words, e.g. 'Connection refused' (httpx wraps OSErrors)."""
    while (inner := error.__cause__ or error.__context__) is not None:
        error = inner
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _error_message(response: httpx.Response) -> str:
    """Return LibreTranslate's ``{"error": ...}`` text, or the start of whatever came back."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and body.get("error"):
        return str(body["error"])
    text = " ".join(response.text.split())
    return text[:200] or response.reason_phrase or f"HTTP {response.status_code}"
