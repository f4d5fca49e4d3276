"""The static site: MkDocs with the right configuration, then the search index it needs.

Two searches: Material's built-in one (lunr; the browser downloads the whole index before the
first result) and Pagefind (a chunked index: the browser fetches only what a query needs).
Measured here at 5,000 briefings, the built-in index is 36 MB and the first result comes
11-15 s after opening the site; ``search = "auto"`` switches to Pagefind past
``PAGEFIND_FROM`` briefings. The file:// copy (``offline``) always uses the built-in search,
which Material's offline plugin makes work without a server.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.config import Settings
from generator.errors import ConfigError

log = logging.getLogger("generator")

PAGEFIND_FROM = 500
"""Briefings from which ``search = "auto"`` uses Pagefind. The built-in index grows by about
7-10 KB per briefing (9.7 MB at 1,000, 36 MB at 5,000 in benchmarks/site.py) and the browser
reads all of it before answering: past a few hundred briefings that is seconds."""
SEARCH_ENGINES = ("auto", "material", "pagefind")
IFRAME_WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
"""iframe-worker 1.0.4 from npm (MIT), in site_src/: what Material's offline plugin needs."""


def search_engine(settings: Settings, briefings: int) -> str:
    """Return the search the site uses: "material" or "pagefind"."""
    if settings.search not in SEARCH_ENGINES:
        raise ConfigError(
            f"search must be one of {', '.join(SEARCH_ENGINES)}, got {settings.search!r}"
        )
    if settings.search == "auto":
        return "pagefind" if briefings >= PAGEFIND_FROM else "material"
    return settings.search


def mkdocs_env(settings: Settings) -> dict[str, str]:
    # Material 9.7+ prints a multi-line banner about its successor on every build.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if settings.site_url:
        env["BRIEFING_SITE_URL"] = settings.site_url
    return env


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    """Return mkdocs.yml as data; MkDocs' own tags (``!ENV``) read as None."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader)
    return data if isinstance(data, dict) else {}


@contextmanager
def mkdocs_config(settings: Settings, *, offline: bool, engine: str) -> Iterator[Path]:
    """Yield the MkDocs config to build with: mkdocs.yml, or a variant inheriting from it."""
    import yaml

    base = settings.project_dir / "mkdocs.yml"
    overrides: dict[str, Any] = {}
    if offline:
        # Material's offline plugin inlines the search index and rewrites links for file://;
        # it needs file URLs (index.html), not directory URLs.
        overrides = {
            "use_directory_urls": False,
            "plugins": ["search", "tags", "briefing", "offline"],
            # Search from file:// runs its web worker in an iframe. The offline plugin would
            # load that shim from unpkg.com; the site ships its own copy and loads nothing
            # from other hosts (the plugin adds none when a polyfill names iframe-worker).
            "extra": {"polyfills": [IFRAME_WORKER_SHIM]},
        }
    elif engine == "pagefind":
        nav = list(read_mkdocs_yml(base).get("nav") or [])
        overrides = {"plugins": ["tags", "briefing"], "nav": [*nav, {"Search": "search.md"}]}
    if not overrides:
        yield base
        return
    variant = settings.project_dir / ".mkdocs-build.yml"
    variant.write_text(
        yaml.safe_dump({"INHERIT": base.name, **overrides}, sort_keys=False), encoding="utf-8"
    )
    try:
        yield variant
    finally:
        variant.unlink(missing_ok=True)


def build_site(
    settings: Settings,
    *,
    briefings: int,
    offline: bool = False,
    quiet: bool = False,
    target: Path | None = None,
) -> int:
    """Build the site with MkDocs in strict mode (and index it with Pagefind); return status."""
    engine = "material" if offline else search_engine(settings, briefings)
    target = target or settings.path("offline_dir" if offline else "site_dir")
    with mkdocs_config(settings, offline=offline, engine=engine) as config:
        command = [
            sys.executable, "-m", "mkdocs", "build", "--strict",
            "--config-file", str(config), "--site-dir", str(target),
        ]  # fmt: skip
        if quiet:
            command.append("--quiet")
        status = subprocess.run(command, check=False, env=mkdocs_env(settings)).returncode
    if status == 0 and engine == "pagefind":
        status = index_with_pagefind(target, quiet=quiet)
    if status == 0:
        log.info("site written to %s (search: %s)", target, engine)
    return status


def index_with_pagefind(site: Path, *, quiet: bool = False) -> int:
    """Write Pagefind's chunked search index into ``site/pagefind/``."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site),
        # Index the article only: not the navigation, header and footer of every page.
        "--root-selector", "article.md-content__inner",
        "--exclude-selectors", ".headerlink",  # the "¶" permalinks of headings
    ]  # fmt: skip
    if quiet:
        command.append("--quiet")
    return subprocess.run(command, check=False).returncode
