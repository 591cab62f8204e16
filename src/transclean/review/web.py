"""The review server: a small Flask app on 127.0.0.1 behind ``transclean review``.

Flask is well kept and small, and werkzeug (which it brings) serves it from a thread, which is
all one editor on one machine needs. Pages are server-rendered Jinja templates with autoescaping;
the article itself is drawn by ``static/review.js`` from ``GET /api/a/<n>`` using text nodes
only, so nothing from an article is ever parsed as HTML.

Other pages in the same browser must not be able to act for the editor, so every ``/api/``
request needs the random per-session token the page embeds (in the ``X-Transclean-Token``
header), POST bodies must be JSON, the server listens on 127.0.0.1 only and answers only to a
``Host`` of 127.0.0.1 or localhost on its own port (against DNS rebinding).
"""

from __future__ import annotations

import logging
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask import Flask, abort, jsonify, redirect, render_template, request
from werkzeug.serving import BaseWSGIServer, make_server

from transclean.errors import TranscleanError, UsageError
from transclean.model import Action
from transclean.review.view import article_view
from transclean.review.workspace import Article

if TYPE_CHECKING:
    from flask.typing import ResponseReturnValue
    from werkzeug.wrappers import Response

    from transclean.review.batch import BatchFolder

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
TOKEN_HEADER = "X-Transclean-Token"
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class ReviewSession:
    """What one server reviews: a single article, or a batch folder opened article by article."""

    article: Article | None = None
    batch: BatchFolder | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    _open: dict[int, Article] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.article is None) == (self.batch is None):
            raise ValueError("review one article or one batch folder")

    @property
    def names(self) -> list[str]:
        if self.batch is not None:
            return list(self.batch.rels)
        assert self.article is not None
        return [self.article.document.source]

    def get(self, index: int) -> Article:
        """The article ``index`` of :attr:`names`, opened (checked) on first use."""
        if not 0 <= index < len(self.names):
            abort(404)
        if self.article is not None:
            return self.article
        assert self.batch is not None
        if index not in self._open:
            self._open[index] = self.batch.open(self.batch.rels[index])
        return self._open[index]

    def summaries(self) -> list[dict[str, Any]]:
        """Each article's name and counts, for the folder page."""
        if self.batch is None:
            assert self.article is not None
            article = self.article
            return [{"name": self.names[0], "flags": len(article.flags),
                     "open": article.open_count}]
        return [{"name": s.rel, "flags": s.flags, "open": s.open}
                for s in self.batch.summaries()]


def create_app(session: ReviewSession, token: str) -> Flask:
    """Build the Flask app serving ``session``; ``token`` guards every ``/api/`` call."""
    app = Flask(__name__)
    app.config["TRANSCLEAN_HOSTS"] = set()  # filled in by :func:`start_server` once bound
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the view's order

    @app.before_request
    def guard() -> None:
        hosts: set[str] = app.config["TRANSCLEAN_HOSTS"]
        if hosts and request.host not in hosts:
            abort(403)
        if request.path.startswith("/api/"):
            sent = request.headers.get(TOKEN_HEADER, "")
            if not secrets.compare_digest(sent, token):
                abort(403)
            if request.method == "POST" and not request.is_json:
                abort(415)

    @app.after_request
    def secure(response: Response) -> Response:
        response.headers.update(_SECURITY_HEADERS)
        return response

    @app.errorhandler(TranscleanError)
    def failed(error: TranscleanError) -> ResponseReturnValue:
        return jsonify({"error": error.one_line()}), 400

    @app.get("/")
    def index() -> ResponseReturnValue:
        if session.batch is None:
            return redirect("/a/0")
        with session.lock:
            rows = session.summaries()
        return render_template("index.html", root=str(session.batch.root), rows=rows,
                               open_total=sum(r["open"] for r in rows))

    @app.get("/a/<int:index>")
    def page(index: int) -> ResponseReturnValue:
        names = session.names
        if not 0 <= index < len(names):
            abort(404)
        return render_template("review.html", token=token, index=index, name=names[index],
                               batch=session.batch is not None)

    @app.get("/api/a/<int:index>")
    def show(index: int) -> ResponseReturnValue:
        with session.lock:
            return jsonify(article_view(session.get(index)))

    @app.post("/api/a/<int:index>/decide")
    def decide(index: int) -> ResponseReturnValue:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            abort(400)
        with session.lock:
            article = session.get(index)
            _apply(article, body)
            return jsonify(article_view(article))

    @app.post("/api/a/<int:index>/finish")
    def finish(index: int) -> ResponseReturnValue:
        with session.lock:
            article = session.get(index)
            done = article.finish()
            view = article_view(article)
        view["finished"] = {"paths": [str(p) for p in done.paths], "applied": done.applied}
        return jsonify(view)

    @app.get("/api/articles")
    def articles() -> ResponseReturnValue:
        with session.lock:
            return jsonify(session.summaries())

    return app


def _apply(article: Article, body: dict[str, Any]) -> None:
    """Carry out one request of the page: a decision, an undo, or "always ignore"."""
    flag_id = str(body.get("flag_id", ""))
    action = str(body.get("action", ""))
    text = body.get("text")
    if action == "undo":
        article.undo(flag_id)
    elif action == "ignore":
        article.ignore(flag_id, note=str(body.get("note") or ""))
    elif action in {a.value for a in Action}:
        article.decide(flag_id, Action(action), None if text is None else str(text))
    else:
        raise UsageError(f"unknown action '{action}'",
                         hint="accept, reject, replace, undo or ignore")


@dataclass
class ReviewServer:
    """A running review server; :meth:`serve` blocks, :meth:`stop` ends it from another thread."""

    server: BaseWSGIServer
    app: Flask
    url: str
    token: str

    def serve(self) -> None:
        self.server.serve_forever()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_server(session: ReviewSession, port: int = 0) -> ReviewServer:
    """Bind the review app to 127.0.0.1 (``port`` 0 takes a free one); call ``serve`` to run.

    Raises OSError when the port cannot be had.
    """
    token = secrets.token_urlsafe(32)
    app = create_app(session, token)
    # Bind the socket here: werkzeug prints and exits when its own bind fails, and a library
    # raises instead (OSError, e.g. the port is taken).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, port))
        listener.listen(64)
        server = make_server(HOST, port, app, threaded=True, fd=listener.fileno())
    finally:
        listener.close()  # the server keeps its own duplicate of the socket
    bound = server.port
    app.config["TRANSCLEAN_HOSTS"] = {f"{HOST}:{bound}", f"localhost:{bound}"}
    return ReviewServer(server, app, f"http://{HOST}:{bound}/", token)


def run(session: ReviewSession, port: int = 0, on_ready: Callable[[str], None] | None = None,
        open_browser: bool = True) -> None:
    """Serve ``session`` until interrupted; ``on_ready`` gets the URL once the port is bound."""
    server = start_server(session, port)
    if on_ready is not None:
        on_ready(server.url)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve()
    finally:
        server.server.server_close()
