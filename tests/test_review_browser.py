"""The review page in real headless Chromium (Debian's `chromium` and `chromium-driver`).

Opens the sample, accepts one flag with the keyboard, rejects one with the button, types a
correction for a third, finishes, and checks the decisions file and the outputs; then reopens the
review and sees the decisions restored. The browser only ever visits 127.0.0.1.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLE
from transclean.api import clean_document, read_document
from transclean.model import Action, Decision
from transclean.review.web import ReviewServer, ReviewSession, start_server
from transclean.review.workspace import Article, open_file
from transclean.writers import get_writer

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("needs Debian's chromium and chromium-driver (apt-get install chromium "
                "chromium-driver); .ci/run installs them", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (the test extras)")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

WAIT = 30  # seconds; generous, since the machine is shared


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     "--window-size=1280,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT)
    yield driver
    driver.quit()


def serving(article: Article) -> ReviewServer:
    server = start_server(ReviewSession(article=article))
    threading.Thread(target=server.serve, daemon=True).start()
    return server


def until(driver: Any, condition: Callable[[Any], Any]) -> Any:
    return WebDriverWait(driver, WAIT).until(condition)


def open_page(driver: Any, server: ReviewServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    driver.get(server.url + "a/0")
    until(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-loaded"))


def current_flag(driver: Any) -> str:
    return str(driver.find_element(By.ID, "panel").get_attribute("data-flag-id"))


def show(driver: Any, flag_id: str) -> None:
    """Click the flag's words in the article until the panel shows that flag."""
    for _ in range(4):  # clicking shared words cycles through the flags on them
        if current_flag(driver) == flag_id:
            return
        words = driver.find_element(By.CSS_SELECTOR, f'#article [data-flags~="{flag_id}"]')
        # as a reader would, bring the words out from under the sticky header first
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", words)
        words.click()
    assert current_flag(driver) == flag_id


def saved(driver: Any, flag_id: str) -> None:
    until(driver, lambda d: d.find_element(By.ID, "status").text.startswith(f"Saved: {flag_id}"))


def test_review_the_sample_in_the_browser(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "dupilumab-alopecia.txt"
    shutil.copyfile(SAMPLE, path)
    article = open_file(path, ignore_file=tmp_path / "ignore.tsv")
    flags_all = article.flags
    flags = {f.text: f for f in reversed(article.flags)}  # the first flag on each text
    accept = flags["dumilumab"]  # the first of two
    reject = flags["Baku Snake Medical Center"]  # a safe fix the editor refuses
    replace = flags["screaming acid"]
    server = serving(article)
    try:
        open_page(browser, server)
        first = current_flag(browser)
        assert first == article.flags[0].id
        body = browser.find_element(By.TAG_NAME, "body")
        body.send_keys("j")  # next
        assert current_flag(browser) == article.flags[1].id
        body.send_keys("k")  # previous
        assert current_flag(browser) == first

        show(browser, accept.id)
        assert browser.find_element(By.ID, "flagged").text == "dumilumab"
        assert browser.find_element(By.ID, "proposed").text == "dupilumab"
        body.send_keys("a")
        saved(browser, accept.id)

        show(browser, reject.id)
        browser.find_element(By.ID, "reject").click()
        saved(browser, reject.id)

        show(browser, replace.id)
        body.send_keys("e")  # into the correction field
        field = browser.switch_to.active_element
        assert field.get_attribute("id") == "replacement"
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys("squaric acid (SQ)", Keys.ENTER)
        saved(browser, replace.id)

        progress = browser.find_element(By.ID, "progress").text
        assert f"3 of {len(flags_all)} flags decided" in progress
        inserted = f'#article ins[data-flags~="{replace.id}"]'
        replaced = browser.find_elements(By.CSS_SELECTOR, inserted)
        assert [e.text for e in replaced] == ["squaric acid (SQ)"]

        browser.find_element(By.ID, "finish").click()
        until(browser, lambda d: d.find_element(By.ID, "status").text.startswith("Finished"))
    finally:
        server.stop()

    decisions = json.loads((tmp_path / "dupilumab-alopecia.decisions.json").read_text("utf-8"))
    assert [(d["flag_id"], d["action"], d["text"], d["replacement"])
            for d in decisions["decisions"]] == [
        (replace.id, "replace", "screaming acid", "squaric acid (SQ)"),
        (accept.id, "accept", "dumilumab", "dupilumab"),
        (reject.id, "reject", "Baku Snake Medical Center", None),
    ]
    expected = clean_document(read_document(path), decisions={
        accept.id: Decision(accept.id, Action.ACCEPT),
        reject.id: Decision(reject.id, Action.REJECT),
        replace.id: Decision(replace.id, Action.REPLACE, "squaric acid (SQ)"),
    })
    for fmt in ("bilingual", "text"):
        written = tmp_path / f"dupilumab-alopecia.reviewed.{get_writer(fmt).extension}"
        assert written.read_bytes() == get_writer(fmt).write(expected)
    text = (tmp_path / "dupilumab-alopecia.reviewed.txt").read_text(encoding="utf-8")
    assert "topical squaric acid (SQ) and" in text
    assert "Baku Snake Medical Center" in text
    assert "treatment with dupilumab" in text

    reopened = serving(open_file(path))  # decisions come back
    try:
        open_page(browser, reopened)
        progress = browser.find_element(By.ID, "progress").text
        assert f"3 of {len(flags_all)} flags decided" in progress
        assert current_flag(browser) == article.flags[0].id  # the first open flag
    finally:
        reopened.stop()


def test_article_text_is_never_markup(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text('<img src=x onerror="document.title=1"> dumilumab <b>bold</b>\n',
                    encoding="utf-8")
    server = serving(open_file(path))
    try:
        open_page(browser, server)
        article = browser.find_element(By.ID, "article")
        assert article.find_elements(By.TAG_NAME, "img") == []
        assert article.find_elements(By.TAG_NAME, "b") == []
        assert "<b>bold</b>" in article.text
        assert browser.title.startswith("transclean review")
    finally:
        server.stop()
