"""End to end: generate from seeds/, build with `mkdocs build --strict`, read the HTML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GENERATED, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("nlp")]


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    project = tmp_path_factory.mktemp("site-project")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copytree(
        ROOT / "site_src",
        project / "site_src",
        ignore=shutil.ignore_patterns(*GENERATED),
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--project", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    return project / "site", result


def test_strict_build_passes_without_warnings(
    built: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    site, result = built
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (site / "index.html").exists()


def test_seed_page_has_the_four_sections_and_working_citations(
    built: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    site, _ = built
    html = (site / "briefings" / "japan-patriot-export" / "index.html").read_text(encoding="utf-8")
    for section in ("Summary", "Key actors", "Policy shift", "Open questions", "Source text"):
        assert re.search(rf"<h2 id=\"[a-z-]+\">{section}", html), section
    cited = set(re.findall(r'<a class="cite" href="#(s\d+)">\[\1\]</a>', html))
    anchors = set(re.findall(r'<a class="sentence-id" href="#(s\d+)" id="\1">|id="(s\d+)"', html))
    anchor_ids = {a for pair in anchors for a in pair if a}
    assert cited and cited <= anchor_ids
    assert "<details" in html  # the source text is collapsible
    assert "Kyodo News" in html and "United States" in html


def test_home_page_lists_the_briefing_and_nothing_loads_from_other_hosts(
    built: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    site, _ = built
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="briefings/japan-patriot-export/"' in home
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', text), page
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_search_index_holds_the_briefing(
    built: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    site, _ = built
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"]: doc for doc in index["docs"]}
    page = locations["briefings/japan-patriot-export/"]
    assert page["title"].startswith("Japan's decision to export Patriot")
    sections = [
        d for loc, d in locations.items() if loc.startswith("briefings/japan-patriot-export/#")
    ]
    assert any("Kyodo News" in d["text"] for d in sections)


def test_sidebar_does_not_list_briefings(
    built: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    site, _ = built
    html = (site / "tags" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S)
    assert nav is not None
    assert "japan-patriot-export" not in nav.group(0)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(predicate: object, seconds: float) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.5)
    return False


def test_serve_previews_on_loopback_and_regenerates_when_a_seed_changes(project: Path) -> None:
    seed = project / "seeds" / "note.txt"
    seed.write_text("Japan sold missiles to the United States on Monday.\n", encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "--project",
            str(project),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = f"http://127.0.0.1:{port}/briefings/note/"
    try:
        assert _wait_for(lambda: "Japan sold missiles" in _fetch(page), 60)
        seed.write_text("Canada bought tanks from Germany on Friday.\n", encoding="utf-8")
        assert _wait_for(lambda: "Canada bought tanks" in _fetch(page), 60)
    finally:
        server.terminate()
        server.wait(timeout=20)
