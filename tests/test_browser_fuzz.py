"""Nothing in a seed can run in the site: hostile metadata in every format, in a real browser.

Every metadata field of every seed format (title, date, source, url, author, tags, and the
file name) carries script: ``<img onerror>``, ``<script>``, ``javascript:`` links, quotes
that would end an attribute, a forged generator marker, Jinja syntax. The project is built
with ``briefing build`` (MkDocs in strict mode), and every built page is opened in Chromium
(Debian's /usr/bin/chromium, driven by Playwright): no dialog may fire. This is the check
that caught a raw date on the timeline and a file name breaking out of the "Seed" line.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.site import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import new_project

if not CHROMIUM.exists():
    pytest.skip(f"the browser fuzz needs Debian's Chromium at {CHROMIUM}", allow_module_level=True)
try:
    from playwright.sync_api import sync_playwright
except ImportError:
    pytest.skip("the browser fuzz needs Playwright's Python package", allow_module_level=True)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("nlp")]

BODY = (
    "Japan agreed on Monday to sell six patrol boats to Chile, a shift in its export policy. "
    "Critics argue that the deal could draw Japan into regional disputes. "
    "It remains unclear how many boats will be delivered this year."
)


def payloads() -> Iterator[str]:
    """Yield hostile values without end, each firing its own numbered dialog if it ran."""
    forms = [
        "<img src=x onerror=alert({n})>",
        '"><script>alert({n})</script>',
        "</title><script>alert({n})</script><title>",
        "javascript:alert({n})",
        "<svg onload=alert({n})>",
        "2024-01-<img src=x onerror=alert({n})>",
        "`<img src=x onerror=alert({n})>`",
        "[link](javascript:alert({n}))",
        "<!-- generator:end metadata sum=000000000000 -->\n<script>alert({n})</script>",
        '{{{{ 7*7 }}}}<iframe srcdoc="<script>parent.alert({n})</script>"></iframe>',
        "' onmouseover='alert({n})' x='",
        "<details open ontoggle=alert({n})>",
        'http://x.org/"><img src=x onerror=alert({n})>',
    ]
    number = 100
    while True:
        for form in forms:
            number += 1
            yield form.format(n=number)


def hostile_seeds(folder: Path) -> int:
    """Write one seed or more per format, every metadata field hostile; return the count."""
    from tests.test_formats import make_pdf

    values = payloads()
    dates = (f"2024-01-<img src=x onerror=alert({n})>" for n in range(1000, 2000))
    names = (f"a\n\n<img src=x onerror=alert({n})>\n\nb" for n in range(2000, 3000))
    written = 0

    def put(name: str, data: str | bytes) -> None:
        nonlocal written
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        written += 1

    def body() -> str:  # each seed its own text: the same text twice is one briefing
        return f"{BODY} Chile ordered {written + 2} more boats on day {written + 3}."

    for _ in range(2):
        # Plain text: the title is the first line; the file name is hostile too.
        title = next(values).replace("\n", " ")
        put(f"{next(names)}{written}.txt", f"{title}\n\n{body()}\n")
        put(f"a\n\n{next(values).replace('/', '')}\n\nb{written}.txt", f"{title}!\n\n{body()}\n")
        front = {
            "title": next(values),
            "date": next(dates),
            "source": next(values),
            "url": next(values),
            "author": next(values),
            "tags": [next(values), next(values)],
        }
        put(f"{next(names)}{written}.md", f"---\n{yaml.safe_dump(front)}---\n{body()}\n")
        front["date"] = next(values)
        put(f"front-{written}.md", f"---\n{yaml.safe_dump(front)}---\n{body()}\n")
        page = (
            "<html><head>"
            f"<title>{next(values)}</title>"
            f'<meta property="og:title" content="{_attr(next(values))}">'
            f'<meta name="date" content="{_attr(next(dates))}">'
            f'<meta name="author" content="{_attr(next(values))}">'
            f'<meta property="og:site_name" content="{_attr(next(values))}">'
            f'<meta property="og:url" content="{_attr(next(values))}">'
            '<script type="application/ld+json">'
            + json.dumps({"@type": "NewsArticle", "datePublished": next(values)})
            + "</script></head><body><article>"
            + "".join(f"<p>{body()} Paragraph {n}.</p>" for n in range(4))
            + "</article></body></html>"
        )
        put(f"page-{written}.html", page)
        put(f"time-{written}.html", page.replace('name="date"', 'name="x"').replace("day", "night"))
        item = (
            f"<item><title>{_xml(next(values))}</title><link>{_xml(next(values))}</link>"
            f"<author>{_xml(next(values))}</author><pubDate>{_xml(next(dates))}</pubDate>"
            f"<description>{_xml(body())}</description></item>"
        )
        feed = f'<rss version="2.0"><channel><title>{_xml(next(values))}</title>{item}'
        put(f"feed-{written}.rss", feed + "</channel></rss>")
        lines = [
            {
                "text": body() + f" Line {n}.",
                "title": next(values),
                "date": next(dates) if n else next(values),
                "url": next(values),
                "source": next(values),
            }
            for n in range(3)
        ]
        put(f"wire-{written}.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
        info = {"Title": _pdf(next(values)), "Author": _pdf(next(values))}
        text = body()
        put(f"report-{written}.pdf", make_pdf([[text[:80], text[80:160], text[160:]]], info))
        put(f"memo-{written}.docx", _docx(body(), title=next(values), author=next(values)))
    return written


def _docx(text: str, **properties: str) -> bytes:
    import io

    import docx

    word = docx.Document()
    for key, value in properties.items():
        setattr(word.core_properties, key, value)
    word.core_properties.created = dt.datetime(2024, 1, 5, tzinfo=dt.UTC)
    word.add_paragraph(text)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;")


def _xml(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pdf(value: str) -> str:
    ascii_value = value.replace("\n", " ").encode("ascii", "replace").decode("ascii")
    return ascii_value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, int]]:
    project = new_project(tmp_path_factory.mktemp("hostile-project"))
    count = hostile_seeds(project / "seeds")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-j", "1", "--project", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    site = project / "site"
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, f"http://127.0.0.1:{server.server_address[1]}/", count
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_hostile_metadata_in_every_format_fires_no_dialog_in_any_page(
    hostile_site: tuple[Path, str, int],
) -> None:
    site, base_url, seeds = hostile_site
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(("assets/", "search/"))
    )
    briefings = [p for p in pages if p.startswith("briefings/")]
    assert len(briefings) >= seeds, "some hostile seeds were not generated"
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.set_default_timeout(15_000)
            page = context.new_page()

            def record(dialog: Any) -> None:
                dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
                dialog.dismiss()

            page.on("dialog", record)
            for path in pages:
                page.goto(base_url + path, wait_until="load")
                # Open every collapsed block and hover every element: handlers that need an
                # event (ontoggle, onmouseover) get their chance too.
                page.evaluate(
                    """() => {
                      document.querySelectorAll('details').forEach(d => { d.open = true; });
                      for (const el of document.querySelectorAll('body *')) {
                        el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                      }
                    }"""
                )
                page.wait_for_timeout(50)
        finally:
            browser.close()
    print(
        f"\nbrowser fuzz: {seeds} hostile seeds, {len(pages)} pages opened, {len(dialogs)} dialogs"
    )
    assert dialogs == []
