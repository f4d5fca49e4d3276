"""In a real browser: search, citation links, actor links and a screenshot of a briefing page.

The site is generated from seeds/ into a temporary project, built with `briefing build`, and
served over http:// on 127.0.0.1 (Material's search runs in a web worker, which file:// pages
cannot start). Chromium is Debian's (/usr/bin/chromium), driven by Playwright's Python package;
Playwright's own browser downloads are never used. Without either, the module is skipped.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from benchmarks.site import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import ROOT

BRIEFING = "briefings/japan-patriot-export/"
TITLE = "Japan's decision to export Patriot-type"
SCREENSHOT = ROOT / "test-output" / "briefing-page.png"
TIMEOUT_MS = 15_000

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)",
        allow_module_level=True,
    )
try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:
    pytest.skip(
        "browser tests need Playwright's Python package (pip install -e '.[dev]')",
        allow_module_level=True,
    )

pytestmark = pytest.mark.slow


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built into a site by `briefing build` in a temporary project."""
    return _build(tmp_path_factory.mktemp("browser-project"))


def _build(project: Path, settings: str = "", *options: str) -> Path:
    if settings:
        (project / "briefing.toml").write_text(settings, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    generated = ("briefings", "actors", "index.md", "tags.md", "timeline.md", "timeline")
    shutil.copytree(
        ROOT / "site_src",
        project / "site_src",
        ignore=lambda folder, names: (
            {n for n in names if n in generated} if Path(folder) == ROOT / "site_src" else set()
        ),
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--project", str(project), *options],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"`briefing build` failed:\n{result.stdout}\n{result.stderr}")
    return project / ("site-offline" if "--offline" in options else "site")


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The built site, served on 127.0.0.1 from a background thread."""
    yield from _serve(site)


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seeds built with Pagefind's search (the default for large sites), served."""
    site = _build(tmp_path_factory.mktemp("pagefind-project"), 'search = "pagefind"\n')
    yield from _serve(site)


def _serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def test_search_finds_the_briefing(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.locator("label.md-search__icon[for='__search'], input.md-search__input").first.click()
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    search.press_sequentially("Kyodo", delay=30)
    hit = page.locator(f".md-search-result a[href*='{BRIEFING}']").first
    expect(hit).to_be_visible()
    items = page.locator(".md-search-result__item")
    expect(items.filter(has_text=TITLE).first).to_be_visible()


def test_citation_link_lands_on_the_cited_sentence(page: Page, base_url: str) -> None:
    page.goto(base_url + BRIEFING)
    sentence = page.locator("[id='s5']")
    expect(sentence).to_be_hidden()  # the "Source text" block starts collapsed
    page.locator("article a[href='#s5']", has_text="[s5]").first.click()
    page.wait_for_function("window.location.hash === '#s5'")
    expect(sentence).to_be_visible()
    expect(sentence).to_be_in_viewport()
    assert sentence.evaluate("node => node.closest('details').open") is True


def test_actor_link_opens_the_actor_page(page: Page, base_url: str) -> None:
    page.goto(base_url + BRIEFING)
    table = page.locator("xpath=//h2[@id='key-actors']/following::table[1]")
    links = table.locator("a[href*='actors/']")
    kyodo = links.filter(has_text="Kyodo News")
    link = kyodo.first if kyodo.count() else links.first
    name = link.inner_text().strip()
    assert name
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert "/actors/" in page.url
    assert response is not None and response.ok, f"{page.url}: HTTP {response and response.status}"
    expect(page.locator("article h1")).to_contain_text(name)


def test_full_page_screenshot_of_the_briefing(page: Page, base_url: str) -> None:
    page.goto(base_url + BRIEFING)
    expect(page.locator("article h1")).to_contain_text(TITLE)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    data = SCREENSHOT.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000, f"{SCREENSHOT}: only {len(data)} bytes"


@pytest.mark.parametrize(
    "path", ["", BRIEFING, "actors/", "actors/kyodo-news/", "timeline/", "tags/", "404.html"]
)
def test_pages_load_without_script_errors_or_missing_files(
    page: Page, base_url: str, path: str
) -> None:
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(f"console: {message.text}"),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and problems.append(f"HTTP {response.status}: {response.url}")
        ),
    )
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    page.goto(base_url + path, wait_until="networkidle")
    assert problems == []


def test_pagefind_search_finds_the_briefing(page: Page, pagefind_url: str) -> None:
    """Large sites search with Pagefind: the Search page fetches only the index it needs."""
    page.goto(pagefind_url + "search/")
    page.locator(".pagefind-ui__search-input").press_sequentially("Kyodo", delay=30)
    hit = page.locator(f".pagefind-ui__result-link[href*='{BRIEFING}']").first
    expect(hit).to_be_visible()
    expect(hit).to_contain_text(TITLE)
    hit.click()
    expect(page).to_have_url(f"{pagefind_url}{BRIEFING}")


def test_pagefind_sites_have_a_search_box_in_the_header(page: Page, pagefind_url: str) -> None:
    """Material's own box is off with Pagefind: the header box opens the Search page."""
    page.goto(pagefind_url + BRIEFING)
    box = page.locator(".md-header .briefing-search input")
    box.fill("Kyodo")
    box.press("Enter")
    expect(page).to_have_url(f"{pagefind_url}search/?q=Kyodo")
    hit = page.locator(f".pagefind-ui__result-link[href*='{BRIEFING}']").first
    expect(hit).to_be_visible()
    expect(page.locator(".md-header .briefing-search input")).to_have_value("Kyodo")


def test_sites_with_the_built_in_search_have_no_second_box(page: Page, base_url: str) -> None:
    page.goto(base_url + BRIEFING)
    expect(page.locator("input.md-search__input")).to_be_attached()
    expect(page.locator(".briefing-search")).to_have_count(0)


def test_key_actors_fit_a_phone_screen_without_sideways_scrolling(
    page: Page, base_url: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(base_url + BRIEFING)
    table = page.locator("#key-actors + * table, #key-actors + table").first
    expect(table).to_contain_text("Kyodo News")
    overflow = page.evaluate(
        """() => {
          const box = document.querySelector("#key-actors").nextElementSibling;
          return box.scrollWidth - box.clientWidth;
        }"""
    )
    assert overflow <= 1
    expect(table.locator("thead")).to_be_hidden()


def test_the_offline_copy_works_from_file_urls_search_included(
    page: Page, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`briefing build --offline`: opened from disk, no server; links and search still work."""
    site = _build(tmp_path_factory.mktemp("offline-project"), "", "--offline")
    elsewhere: list[str] = []
    page.on("request", lambda r: r.url.startswith("file:") or elsewhere.append(r.url))
    page.goto((site / "index.html").as_uri())
    page.locator("label.md-search__icon[for='__search'], input.md-search__input").first.click()
    page.keyboard.type("Kyodo", delay=30)
    hit = page.locator(".md-search-result__link[href*='japan-patriot-export.html']").first
    expect(hit).to_be_visible()
    hit.click()
    briefing = (site / "briefings" / "japan-patriot-export.html").as_uri()
    expect(page).to_have_url(re.compile(re.escape(briefing) + r"(\?h=.*)?$"))  # h: highlight
    page.locator("a.cite[href='#s2']").first.click()
    expect(page.locator("#s2")).to_be_in_viewport()
    page.locator("#key-actors + * a, #key-actors + table a").filter(
        has_text="Kyodo News"
    ).first.click()
    expect(page).to_have_url((site / "actors" / "kyodo-news.html").as_uri())
    assert elsewhere == []  # nothing from a CDN or any other host
