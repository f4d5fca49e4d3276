"""The second engine: the seed's site built by `briefing build --engine zensical`, read back.

Zensical ignores MkDocs plugins, so what the `briefing` plugin does (the parallel build, the
passthrough of the generator's HTML) must not be needed for a correct site: every citation
lands on its sentence, the tags page holds every tag, and the search holds the bottom line
but none of the page's chrome.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.site.build import ENGINES
from tests.conftest import GENERATED, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("nlp")]

if not ENGINES["zensical"].available():
    pytest.skip(
        "Zensical is not installed (pip install -e '.[dev]' installs it)",
        allow_module_level=True,
    )

BRIEFING = "briefings/japan-patriot-export"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("zensical-project")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copytree(
        ROOT / "site_src", project / "site_src", ignore=shutil.ignore_patterns(*GENERATED)
    )
    (project / "briefing.toml").write_text('engine = "zensical"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--project", str(project), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / ".mkdocs-build.yml").exists()  # the variant config is gone
    return project / "site"


def test_the_briefing_page_has_its_sections_and_every_citation_lands(site: Path) -> None:
    html = (site / BRIEFING / "index.html").read_text(encoding="utf-8")
    for section in ("Summary", "Key actors", "Policy shift", "Open questions", "Source text"):
        assert re.search(rf'<h2 id="[a-z-]+"[^>]*>{section}', html), section
    assert re.search(r'<p class="bottom-line"[^>]*><strong>Bottom line:</strong> Japan', html)
    cited = set(re.findall(r'<a class="cite" href="#(s\d+)">', html))
    sentences = set(re.findall(r'<span id="(s\d+)" class="sentence">', html))
    assert cited and cited <= sentences
    assert '<details class="quote">' in html  # the source text, without the passthrough
    assert 'href="../../actors/kyodo-news/"' in html


def test_the_tags_page_holds_every_tag_of_the_briefing(site: Path) -> None:
    html = (site / BRIEFING / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r'<a class="md-tag" href="\.\./\.\./tags/#(tag-[a-z0-9-]+)">', html)
    assert "tag-arms-export" in tags
    page = (site / "tags" / "index.html").read_text(encoding="utf-8")
    assert all(f'id="{anchor}"' in page for anchor in tags)
    assert "tags of one briefing each" in page  # a briefing alone: every tag folded


def test_the_search_holds_the_bottom_line_and_no_chrome(site: Path) -> None:
    items: list[dict[str, Any]] = json.loads((site / "search.json").read_text(encoding="utf-8"))[
        "items"
    ]
    briefing = [i for i in items if i["location"].startswith(BRIEFING)]
    assert briefing
    first = next(i["text"] for i in briefing if i["text"])
    assert first.startswith("<p>Bottom line: Japan's decision to export Patriot-type")
    text = " ".join(i["text"] for i in items)
    for chrome in ("Source and metadata", "Actors that appear", "proposed from the text"):
        assert chrome not in text
    # The listings (home, timeline, tags) repeat the briefings: they are not searched.
    assert not [i for i in items if i["location"] in ("", "timeline/", "tags/")]
    assert [i for i in items if i["location"].startswith("actors/kyodo-news")]
