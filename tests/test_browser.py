"""In a real browser, as a reader at 1280 px and on a 390 px phone: every page, search,
citations, tags and the actor networks; a screenshot of each page at both widths.

The site is generated from seeds/ and the ten articles of tests/corpus/ (eleven briefings)
into a temporary project, built with `briefing build`, and served over http:// on 127.0.0.1
(Material's search runs in a web worker, which file:// pages cannot start). Chromium is
Debian's (/usr/bin/chromium), driven by Playwright's Python package; Playwright's own browser
downloads are never used. Without either, the module is skipped. The screenshots go to
test-output/pages/.
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
BOTTOM_LINE = (
    "Japan's decision to export Patriot-type surface-to-air missiles to the United States marks"
)
SCREENSHOT = ROOT / "test-output" / "briefing-page.png"
SHOTS = ROOT / "test-output" / "pages"
CORPUS = ROOT / "tests" / "corpus"
TIMEOUT_MS = 15_000
DESKTOP, PHONE = 1280, 390
PAGES = {
    "home": "",
    "briefing": BRIEFING,
    "actors": "actors/",
    "actor": "actors/japan/",
    "timeline": "timeline/",
    "tags": "tags/",
}
TAGS_PAGE_MAX_PX = 1600
"""The tags page of the eleven briefings at 1280 px: two shared tags with their briefings and
the folded rest measure about 1,000 px (9,900 px when every tag of one briefing was a section
of its own): under two screens."""

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)",
        allow_module_level=True,
    )
try:
    from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
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
    """The seed and the test articles (eleven briefings) built by `briefing build`."""
    return _build(tmp_path_factory.mktemp("browser-project"), "", corpus=True)


def _build(project: Path, settings: str = "", *options: str, corpus: bool = False) -> Path:
    if settings:
        (project / "briefing.toml").write_text(settings, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    if corpus:
        for article in CORPUS.glob("*-*.md"):
            shutil.copy(article, project / "seeds" / article.name)
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
    if "--offline" in options:
        return project / "site-offline"
    if "--site-dir" in options:
        return Path(options[options.index("--site-dir") + 1])
    return project / "site"


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


def test_citation_link_lands_on_the_cited_sentence(reader: Page, base_url: str) -> None:
    page = reader
    page.goto(base_url + BRIEFING)
    sentence = page.locator("[id='s5']")
    expect(sentence).to_be_hidden()  # the "Source text" block starts collapsed
    page.locator("article a[href='#s5']", has_text="[s5]").first.click()
    page.wait_for_function("window.location.hash === '#s5'")
    expect(sentence).to_be_visible()
    expect(sentence).to_be_in_viewport()
    assert sentence.evaluate("node => node.closest('details').open") is True
    # The whole sentence lights up, not only its id, and nothing covers any of its lines:
    # not the header, not "Back to top" (which shows as soon as the reader scrolls up).
    expect(sentence).to_contain_text("The United States reportedly approached Tokyo")
    assert _highlighted(sentence) and _covered(sentence) == []
    page.evaluate("window.scrollBy(0, -60)")
    page.wait_for_timeout(400)
    expect(page.locator(".md-top")).to_be_visible()
    assert _covered(sentence) == []
    width = page.viewport_size["width"] if page.viewport_size else 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"citation-{width}.png"))


def _highlighted(node: Locator) -> bool:
    colour = node.evaluate("node => getComputedStyle(node).backgroundColor")
    return colour not in ("", "transparent", "rgba(0, 0, 0, 0)")


def _covered(node: Locator) -> list[str]:
    """Return the points of ``node``'s lines where something else is on top of it."""
    covered: list[str] = node.evaluate(
        """node => [...node.getClientRects()].flatMap(r => [0.1, 0.5, 0.9].map(f => {
             const x = r.left + f * r.width, y = r.top + r.height / 2;
             if (y < 0 || y > innerHeight) return null;
             const top = document.elementFromPoint(x, y);
             return top && node.contains(top) ? null : `${x},${y}: ${top && top.className}`;
           })).filter(Boolean)"""
    )
    return covered


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


# --- every page, at both widths --------------------------------------------------------------

OVERFLOW = """() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth) found.push(`page: ${root.scrollWidth} > ${innerWidth}`);
  const boxes = document.querySelectorAll(
    ".md-typeset__scrollwrap, article table, article svg:not(svg svg), .pagefind-ui");
  for (const box of boxes) {
    if (box.scrollWidth > box.clientWidth + 1)
      found.push(`${box.tagName}.${box.className.baseVal ?? box.className}: ` +
                 `${box.scrollWidth} > ${box.clientWidth}`);
    const edge = box.getBoundingClientRect();
    if (edge.right > innerWidth + 1)
      found.push(`${box.tagName} ends at ${edge.right} px`);
  }
  return found;
}"""


@pytest.fixture(params=[DESKTOP, PHONE], ids=["1280px", "390px"])
def reader(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page at a desktop's width, then at a phone's (touch, as on a phone)."""
    context = browser.new_context(
        viewport={"width": request.param, "height": 900}, has_touch=request.param == PHONE
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_fits_the_screen_and_is_photographed(
    reader: Page, base_url: str, name: str
) -> None:
    reader.goto(base_url + PAGES[name], wait_until="networkidle")
    width = reader.viewport_size["width"] if reader.viewport_size else 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    reader.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    # Nothing scrolls sideways: neither the page nor a table or picture in its scroll box.
    assert reader.evaluate(OVERFLOW) == []


def test_the_search_fits_the_screen_and_is_photographed(reader: Page, base_url: str) -> None:
    reader.goto(base_url + BRIEFING)
    _search(reader, "arms export")
    width = reader.viewport_size["width"] if reader.viewport_size else 0
    reader.screenshot(path=str(SHOTS / f"search-{width}.png"))
    assert reader.evaluate(OVERFLOW) == []


def test_the_pagefind_search_page_fits_the_screen(reader: Page, pagefind_url: str) -> None:
    reader.goto(pagefind_url + "search/?q=Kyodo")
    expect(reader.locator(".pagefind-ui__result").first).to_be_visible()
    width = reader.viewport_size["width"] if reader.viewport_size else 0
    reader.screenshot(path=str(SHOTS / f"search-pagefind-{width}.png"), full_page=True)
    assert reader.evaluate(OVERFLOW) == []


def _search(page: Page, query: str) -> Locator:
    """Type ``query`` into Material's search box; return the results once they show."""
    # The box in the header on a desktop, the magnifier on a phone.
    page.locator(
        "label.md-header__button[for='__search']:visible, input.md-search__input:visible"
    ).first.click()
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    return results


# --- search shows the right text -------------------------------------------------------------

RUN_ON = re.compile(r"Actors that appear|\d briefings?\b.*\d briefings?\b|Source and metadata")
"""What the search must never show: the networks' labels and tooltips run together, and the
briefing's metadata box."""


def test_search_previews_the_bottom_line_and_never_the_pictures(page: Page, base_url: str) -> None:
    page.goto(base_url)
    results = _search(page, "Japan")
    # "Japan" is in the networks of many actor pages: none of their labels is a result.
    shown = page.locator(".md-search-result__article").all_inner_texts()
    assert shown and not [t for t in shown if RUN_ON.search(t)]
    briefing = results.filter(has=page.locator(f"a[href*='{BRIEFING}']")).first
    preview = briefing.locator("a.md-search-result__link > article > p").first
    expect(preview).to_have_text(re.compile("^Bottom line: " + re.escape(BOTTOM_LINE)))


def test_pagefind_previews_the_bottom_line(page: Page, pagefind_url: str) -> None:
    page.goto(pagefind_url + "search/?q=Japan")
    result = page.locator(".pagefind-ui__result", has=page.locator(f"a[href*='{BRIEFING}']"))
    excerpt = result.first.locator(".pagefind-ui__result-excerpt").first
    expect(excerpt).to_have_text(re.compile("^" + re.escape(BOTTOM_LINE)))
    expect(excerpt).not_to_contain_text("[s1]")
    shown = page.locator(".pagefind-ui__result-excerpt").all_inner_texts()
    assert not [t for t in shown if RUN_ON.search(t)]


# --- tags, home and the networks -------------------------------------------------------------


def test_the_tags_page_shows_shared_tags_first_and_folds_the_rest(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "tags/")
    headings = [h.rstrip("¶") for h in page.locator("article h2").all_inner_texts()]
    assert headings[:2] == ["arms export", "carbon border tax"] and headings[-1] == "Other tags"
    expect(page.locator("#tag-arms-export + ul li")).to_have_count(3)
    folded = page.locator("article details")
    expect(folded).to_have_count(1)
    assert folded.evaluate("node => node.open") is False
    expect(folded.locator("summary")).to_contain_text("tags of one briefing each")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= TAGS_PAGE_MAX_PX


def test_a_tag_of_the_briefing_opens_its_place_on_the_tags_page(page: Page, base_url: str) -> None:
    page.goto(base_url + BRIEFING)
    tag = page.locator("article p.briefing-tags a.md-tag", has_text="regulatory framework")
    tag.click()
    expect(page).to_have_url(re.compile(r"/tags/#tag-regulatory-framework$"))
    target = page.locator("#tag-regulatory-framework")
    expect(target).to_be_visible()  # folded away with the tags of one briefing, and opened
    expect(target).to_be_in_viewport()


def test_home_lists_each_briefing_with_its_bottom_line_and_a_shift_only_when_there_is_one(
    reader: Page, base_url: str
) -> None:
    page = reader
    page.goto(base_url)
    items = page.locator(
        "article li:has(> a.briefing-title), article li:has(> p > a.briefing-title)"
    )
    expect(items).to_have_count(11)
    japan = items.filter(has_text=TITLE)
    expect(japan.locator(".briefing-bottom-line")).to_contain_text(BOTTOM_LINE)
    expect(japan.locator(".briefing-meta")).to_contain_text("Japan, United States")
    shifts = page.locator("article .briefing-shift").count()
    assert 0 < shifts < 11  # only briefings whose text describes a shift say so
    expect(page.locator("article")).not_to_contain_text("No policy shift")
    # No title squeezed into a narrow column: each runs across the article (the table of
    # before took 4-6 lines at 1280 px for the longest, 84 characters).
    lines = items.evaluate_all(
        "items => items.map(i => i.querySelector('a.briefing-title').getClientRects().length)"
    )
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert max(lines) <= (2 if width == DESKTOP else 4), lines


NETWORK = """svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const size = parseFloat(svg.querySelector("g.labels").getAttribute("font-size")) * scale;
  const labels = [...svg.querySelectorAll("text")]
    .map(t => [t.textContent, t.getBoundingClientRect()]);
  const nodes = [...svg.querySelectorAll("circle")].map(c => c.getBoundingClientRect());
  const found = [];
  const inside = r => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 &&
                      r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
  const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
                         a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  labels.forEach(([text, r], i) => {
    if (!inside(r)) found.push(`${text} leaves the picture`);
    labels.slice(i + 1).forEach(([other, o]) => meet(r, o) && found.push(`${text} / ${other}`));
    nodes.forEach(n => {
      const cx = (n.left + n.right) / 2, cy = (n.top + n.bottom) / 2, rad = n.width / 2;
      const x = Math.min(Math.max(cx, r.left), r.right);
      const y = Math.min(Math.max(cy, r.top), r.bottom);
      if ((x - cx) ** 2 + (y - cy) ** 2 < (rad - 0.5) ** 2) found.push(`${text} covers a node`);
    });
  });
  return {size, nodes: nodes.length, found};
}"""


@pytest.mark.parametrize("path", ["actors/", "actors/japan/"])
def test_the_networks_are_legible_at_both_widths(reader: Page, base_url: str, path: str) -> None:
    reader.goto(base_url + path)
    svg = reader.locator("figure.actor-network svg")
    expect(svg).to_be_visible()
    drawn = svg.evaluate(NETWORK)
    # Measured on the labels as this browser draws them, with its own fonts.
    assert drawn["found"] == []
    assert 11 <= drawn["size"] <= 17, drawn["size"]  # px: readable on a phone, not shouting
    assert 2 <= drawn["nodes"] <= 25


def test_zensical_builds_the_same_site_with_a_working_search(
    page: Page, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The second engine: the seed built with `briefing build --engine zensical`, searched."""
    project = tmp_path_factory.mktemp("zensical-project")
    site = _build(project, "", "--engine", "zensical", "--site-dir", str(project / "zsite"))
    for url in _serve(site):
        page.goto(url + BRIEFING)
        expect(page.locator("article h1")).to_contain_text(TITLE)
        expect(page.locator("article p.bottom-line")).to_contain_text(BOTTOM_LINE)
        page.locator("button.md-search__button").click()
        page.keyboard.type("Kyodo", delay=20)
        expect(page.get_by_text("Organisation, named in 1 briefing").first).to_be_visible()
        expect(page.get_by_text(TITLE).first).to_be_visible()
