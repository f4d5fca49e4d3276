"""The MkDocs plugin: the same site, built faster; nothing a person edited is bypassed."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import markdown
import pytest
import yaml

from generator.site import parallel
from generator.site.passthrough import set_aside
from generator.write import seal
from tests.conftest import ROOT

GOLDEN_PAGE = ROOT / "tests" / "golden" / "japan-patriot-export" / "expected.md"
MARKER = re.compile(r"^<!-- generator:[^>]*-->\n", re.M)
EXTENSIONS = ["admonition", "pymdownx.details", "pymdownx.superfences", "attr_list", "tables"]


def sealed_seed_page() -> str:
    """The seed's page as ``briefing generate`` writes it (checksums in its markers),
    without the front matter (MkDocs hands plugins the Markdown after it)."""
    return seal(GOLDEN_PAGE.read_text(encoding="utf-8")).split("---\n", 2)[2]


def to_html(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def normalised(html: str) -> str:
    """HTML without the generator's marker comments and blank lines (all the plugin drops)."""
    return re.sub(r"\n+", "\n", MARKER.sub("", html + "\n")).strip()


def test_set_aside_html_comes_back_where_it_was() -> None:
    page = sealed_seed_page()
    text, aside = set_aside(page)
    assert len(aside.blocks) == 1  # the Source text
    assert len(aside.inline) == page.count('<a class="cite"')
    assert "<details" not in text and 'class="cite"' not in text
    assert "generator:start" not in text
    assert normalised(aside.restore(to_html(text))) == normalised(to_html(page))
    assert {"s1", "s2"} <= aside.anchors()


def test_an_edited_section_is_rendered_from_what_the_person_wrote() -> None:
    page = sealed_seed_page()
    # A person adds a sentence to the summary: its checksum no longer matches.
    note = 'My own <a class="cite" href="#s1">[s1]</a> note.'
    edited = page.replace("## Summary\n", f"## Summary\n\n{note}\n")
    text, aside = set_aside(edited)
    summary = text[text.index("<!-- generator:start summary -->") :]
    summary = summary[: summary.index("<!-- generator:end summary")]
    assert note in summary  # left for Markdown
    assert "generator:start actors" not in text  # the untouched sections are still set aside
    assert normalised(aside.restore(to_html(text))) == normalised(to_html(edited))


def test_a_page_without_generated_sections_is_left_alone() -> None:
    text = 'Hand written, <a class="cite" href="#s1">[s1]</a>.\n\n<details>\nx\n</details>\n'
    same, aside = set_aside(text)
    assert same == text and not aside


# --- whole builds ------------------------------------------------------------------------------


def make_site(folder: Path, plugins: list[str], briefings: int = 12) -> Path:
    """A project of synthetic briefings (benchmarks/site.py) with the given plugins."""
    from benchmarks.site import make_project

    folder.mkdir()
    make_project(folder, briefings, "material")
    config = folder / "mkdocs.yml"
    variant = folder / "variant.yml"
    variant.write_text(yaml.safe_dump({"INHERIT": config.name, "plugins": plugins}))
    return variant


def build(config: Path, site: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    loaded = load_config(str(config), site_dir=str(site), strict=True)
    loaded.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(loaded)
    finally:
        loaded.plugins.on_shutdown()


def html_files(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): normalised(p.read_text(encoding="utf-8"))
        for p in sorted(site.rglob("*.html"))
    }


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers even on a one-core machine, and on sites of a dozen pages."""
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_PAGES", 1)


@pytest.mark.slow
@pytest.mark.usefixtures("two_cores")
@pytest.mark.parametrize(
    ("plugins", "phases"),
    [
        (["search", "tags"], ["rendering"]),  # Material's search collects its index page by page
        (["tags"], ["rendering", "writing"]),  # as built for Pagefind
    ],
)
def test_the_site_is_the_same_with_the_plugin_and_workers_do_the_work(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, plugins: list[str], phases: list[str]
) -> None:
    build(make_site(tmp_path / "plain", plugins), tmp_path / "plain-site")
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.briefing"):
        build(make_site(tmp_path / "fast", [*plugins, "briefing"]), tmp_path / "fast-site")
    plain, fast = html_files(tmp_path / "plain-site"), html_files(tmp_path / "fast-site")
    assert plain.keys() == fast.keys() and len(fast) > 12
    assert plain == fast
    said = caplog.text
    for phase in ("rendering", "writing"):
        assert (f"{phase} " in said and "worker(s)" in said) == (phase in phases), said
    assert "0 rendered again" in said


@pytest.mark.slow
@pytest.mark.usefixtures("two_cores")
def test_a_broken_link_on_a_page_a_worker_rendered_still_fails_a_strict_build(
    tmp_path: Path,
) -> None:
    from mkdocs.exceptions import Abort

    config = make_site(tmp_path / "site", ["tags", "briefing"])
    pages = sorted((tmp_path / "site" / "site_src" / "briefings").glob("*.md"))
    with pages[-1].open("a", encoding="utf-8") as page:  # the last page: a worker's
        page.write("\nSee [the missing page](missing.md).\n")
    with pytest.raises(Abort, match="1 warning"):
        build(config, tmp_path / "out")


def test_no_workers_under_mkdocs_serve_or_for_small_sites(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 4)
    assert parallel.workers_available(parallel.MIN_PAGES) == 3
    assert parallel.workers_available(parallel.MIN_PAGES - 1) == 0
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)  # the server's threads
    assert parallel.workers_available(parallel.MIN_PAGES) == 0


def test_mkdocs_yml_uses_the_plugin_last() -> None:
    plugins = yaml.safe_load(
        re.sub(r"!ENV \[[^\]]*\]", "''", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    )["plugins"]
    assert plugins[-1] == "briefing"
    from importlib.metadata import entry_points  # how MkDocs finds the plugin

    assert [e.value for e in entry_points(group="mkdocs.plugins", name="briefing")] == [
        "generator.site.plugin:BriefingPlugin"
    ]
