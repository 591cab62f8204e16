"""The review server's HTTP interface, through Flask's test client (no socket traffic):
the token and host guards, the JSON API, escaping, and the batch folder page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from transclean.api import check_document, segment_string
from transclean.review.web import TOKEN_HEADER, ReviewServer, ReviewSession, start_server
from transclean.review.workspace import open_file

EN = ("Treatment with dumilumab\n\nDumilumab was given weekly. The the rash improved , and "
      "topical screaming acid was used.\n\nAdd a comment\n")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ReviewServer]:
    path = tmp_path / "article.txt"
    path.write_text(EN, encoding="utf-8")
    running = start_server(ReviewSession(article=open_file(path,
                                                            ignore_file=tmp_path / "ignore.tsv")))
    yield running
    running.server.server_close()  # bound, never served: the test client calls the app directly


class Client:
    """Flask's test client, every request addressed to one host name."""

    def __init__(self, web: FlaskClient, base_url: str) -> None:
        self.web, self.base_url = web, base_url

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.web.get(path, base_url=self.base_url, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.web.post(path, base_url=self.base_url, **kwargs)


def client(server: ReviewServer, host: str | None = None) -> Client:
    base = server.url.rstrip("/") if host is None else f"http://{host}"
    return Client(server.app.test_client(), base)


def api(server: ReviewServer, path: str, body: Any = None, token: str | None = None) -> Any:
    headers = {TOKEN_HEADER: server.token if token is None else token}
    web = client(server)
    if body is None:
        return web.get(path, headers=headers)
    return web.post(path, headers=headers, json=body)


def flag_id(view: dict[str, Any], rule: str, text: str | None = None) -> str:
    return next(f["id"] for f in view["flags"]
                if f["rule"] == rule and (text is None or f["text"] == text))


# --- guards --------------------------------------------------------------------------------------

@pytest.mark.parametrize("token", ["", "wrong", "x" * 43])
def test_the_api_needs_the_session_token(server: ReviewServer, token: str) -> None:
    assert api(server, "/api/a/0", token=token).status_code == 403
    assert api(server, "/api/a/0/finish", {}, token=token).status_code == 403
    assert not list(Path(server.url).parent.glob("*.reviewed.*"))


def test_posts_must_be_json(server: ReviewServer) -> None:
    response = client(server).post("/api/a/0/decide", headers={TOKEN_HEADER: server.token},
                                   data={"flag_id": "x", "action": "reject"})
    assert response.status_code == 415


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.2:1"])
def test_only_loopback_host_names_are_answered(server: ReviewServer, host: str) -> None:
    # A rebinding attack reaches the port under another host name: refuse it, page and API.
    assert client(server, host).get("/a/0").status_code == 403
    response = client(server, host).get("/api/a/0", headers={TOKEN_HEADER: server.token})
    assert response.status_code == 403


def test_the_page_embeds_the_token_and_sends_a_strict_policy(server: ReviewServer) -> None:
    response = client(server).get("/a/0")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<meta name="transclean-token" content="{server.token}">' in page
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "http" not in page.replace(server.url, "")  # nothing loaded from elsewhere
    assert client(server).get("/").headers["Location"].endswith("/a/0")
    assert client(server).get("/a/1").status_code == 404


def test_names_from_files_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "<img src=x onerror=alert(1)>.txt"
    path.write_text("<script>alert(1)</script> dumilumab\n", encoding="utf-8")
    running = start_server(ReviewSession(article=open_file(path)))
    try:
        page = client(running).get("/a/0").get_data(as_text=True)
        assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
        view = api(running, "/api/a/0").get_json()  # data, drawn as text by the page
        assert "".join(p["t"] for p in view["pieces"] if p["k"] != "ins").startswith("<script>")
    finally:
        running.server.server_close()


# --- the API -------------------------------------------------------------------------------------

def test_decisions_through_the_api_are_saved_at_once(server: ReviewServer, tmp_path: Path) -> None:
    view = api(server, "/api/a/0").get_json()
    assert view["decided"] == 0 and view["open"] == len(view["flags"])
    acid = flag_id(view, "term.deprecated", "screaming acid")
    doubled = flag_id(view, "qa.doubled-word")
    chrome = flag_id(view, "boilerplate.chrome")
    view = api(server, "/api/a/0/decide", {"flag_id": acid, "action": "replace",
                                            "text": "squaric acid (SQ)"}).get_json()
    view = api(server, "/api/a/0/decide", {"flag_id": doubled, "action": "reject"}).get_json()
    view = api(server, "/api/a/0/decide", {"flag_id": chrome, "action": "ignore",
                                            "note": "our footer"}).get_json()
    assert view["decided"] == 3
    decisions = {f["id"]: f["decision"] for f in view["flags"] if f["decision"]}
    assert decisions == {acid: {"action": "replace", "replacement": "squaric acid (SQ)"},
                         doubled: {"action": "reject", "replacement": None},
                         chrome: {"action": "reject", "replacement": None}}
    saved = json.loads((tmp_path / "article.decisions.json").read_text(encoding="utf-8"))
    assert {d["flag_id"] for d in saved["decisions"]} == set(decisions)
    assert "Add a comment\tour footer" in (tmp_path / "ignore.tsv").read_text(encoding="utf-8")
    corrected = "".join(p["t"] for p in view["pieces"] if p["k"] in ("text", "ins"))
    assert "squaric acid (SQ)" in corrected and "The the rash" in corrected
    view = api(server, "/api/a/0/decide", {"flag_id": doubled, "action": "undo"}).get_json()
    assert view["decided"] == 2


@pytest.mark.parametrize(("body", "message"), [
    ({"flag_id": "F000", "action": "accept"}, "no flag 'F000'"),
    ({"flag_id": "{first}", "action": "maybe"}, "unknown action 'maybe'"),
    ({"flag_id": "{first}", "action": "replace"}, "replace needs the text"),
])
def test_bad_requests_get_one_line_errors(server: ReviewServer, body: dict[str, str],
                                          message: str) -> None:
    first = api(server, "/api/a/0").get_json()["flags"][0]["id"]
    body = {k: v.replace("{first}", first) for k, v in body.items()}
    response = api(server, "/api/a/0/decide", body)
    assert response.status_code == 400
    assert message in response.get_json()["error"]


def test_finish_writes_the_outputs(server: ReviewServer, tmp_path: Path) -> None:
    view = api(server, "/api/a/0").get_json()
    acid = flag_id(view, "term.deprecated", "screaming acid")
    api(server, "/api/a/0/decide", {"flag_id": acid, "action": "reject"})
    done = api(server, "/api/a/0/finish", {}).get_json()["finished"]
    assert [Path(p).name for p in done["paths"]] == ["article.reviewed.bilingual.md",
                                                     "article.reviewed.txt"]
    text = (tmp_path / "article.reviewed.txt").read_text(encoding="utf-8")
    assert "screaming acid" in text and "with dupilumab" in text  # rejected; safe fix applied


# --- a batch folder ----------------------------------------------------------------------------

def test_the_folder_page_lists_articles_with_open_flags(tmp_path: Path) -> None:
    from tests.test_review_batch import make_batch
    from transclean.review.batch import BatchFolder

    out = make_batch(tmp_path, {"b/<i>one&.txt": EN, "a.txt": "Clean text here.\n"})
    running = start_server(ReviewSession(batch=BatchFolder(out)))
    try:
        page = client(running).get("/").get_data(as_text=True)
        assert "&lt;i&gt;one&amp;" in page and "<i>one" not in page
        rows = api(running, "/api/articles").get_json()
        count = len(check_document(segment_string(EN)))
        assert [(r["name"], r["open"]) for r in rows] == [("a", 0), ("b/<i>one&", count)]
        view = api(running, "/api/a/1").get_json()
        api(running, "/api/a/1/decide", {"flag_id": view["flags"][0]["id"], "action": "reject"})
        rows = api(running, "/api/articles").get_json()
        assert rows[1]["open"] == count - 1
    finally:
        running.server.server_close()
