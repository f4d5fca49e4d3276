"""The static site: an engine builds site_src/ with mkdocs.yml, then the search index it needs.

Two engines read the same mkdocs.yml and site_src/ (``ENGINES``, the ``engine`` setting):

- **MkDocs + Material** (the default): strict builds that check every link and anchor, the
  generator's ``briefing`` plugin (large sites on every core), Pagefind for large sites, and
  the file:// copy.
- **Zensical** (an optional extra, from the makers of Material): the same pages and theme,
  its own search; it ignores MkDocs plugins, and none is needed for a correct site.

Two searches for MkDocs: Material's built-in one (lunr; the browser downloads the whole index
before the first result) and Pagefind (a chunked index: the browser fetches only what a query
needs). Measured here at 5,000 briefings, the built-in index is 36 MB and the first result
comes 11-15 s after opening the site; ``search = "auto"`` switches to Pagefind past
``PAGEFIND_FROM`` briefings. The file:// copy (``offline``) always uses the built-in search,
which the offline plugin makes work without a server.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
PAGEFIND_PAGES = "{briefings,actors}/*/index.html"
"""What Pagefind indexes: the briefings and the actor pages, not the listings (home,
timeline, tags, all actors), whose every line repeats a briefing."""
PAGEFIND_SKIP = ".headerlink, a.cite, a.sentence-id"
"""Inside those pages, left out of the index: the "¶" of headings, the citation links
("[s3]") and the sentence ids of the source text."""


@dataclass(frozen=True)
class Engine:
    """A static site generator that builds mkdocs.yml: how to run it."""

    name: str
    module: str
    """Run as ``python -m MODULE``."""
    package: str
    """What to install when it is missing."""
    site_dir_flag: bool
    """Whether its build takes ``--site-dir`` (else the config names the output folder)."""
    searches: tuple[str, ...]
    """The searches it can build: the first is its own."""

    def available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def build_command(self, config: Path, target: Path, quiet: bool) -> list[str]:
        command = [sys.executable, "-m", self.module, "build", "--strict"]
        command += ["--config-file", str(config)]
        if self.site_dir_flag:
            command += ["--site-dir", str(target)]
        if quiet and self.name == "mkdocs":
            command.append("--quiet")
        return command

    def serve_command(self, config: Path, port: int) -> list[str]:
        return [
            sys.executable, "-m", self.module, "serve",
            "--config-file", str(config), "--dev-addr", f"127.0.0.1:{port}",
        ]  # fmt: skip


ENGINES = {
    "mkdocs": Engine("mkdocs", "mkdocs", "mkdocs-material", True, ("material", "pagefind")),
    "zensical": Engine(
        "zensical", "zensical", "briefing-generator[zensical]", False, ("zensical",)
    ),
}
"""The engines, by the name the ``engine`` setting and ``--engine`` give."""


def engine_for(settings: Settings) -> Engine:
    """Return the engine the settings choose, installed, or raise ``ConfigError``."""
    engine = ENGINES.get(settings.engine)
    if engine is None:
        raise ConfigError(
            f"engine must be one of {', '.join(ENGINES)}, got {settings.engine!r}"
        )
    if not engine.available():
        raise ConfigError(
            f"engine {engine.name!r} is not installed; install it with: "
            f".venv/bin/pip install '{engine.package}' (or set engine = \"mkdocs\")"
        )
    return engine


def search_engine(settings: Settings, briefings: int) -> str:
    """Return the search the site uses: "material", "pagefind" or "zensical"."""
    if settings.search not in SEARCH_ENGINES:
        raise ConfigError(
            f"search must be one of {', '.join(SEARCH_ENGINES)}, got {settings.search!r}"
        )
    engine = ENGINES.get(settings.engine)
    if engine is None:
        raise ConfigError(
            f"engine must be one of {', '.join(ENGINES)}, got {settings.engine!r}"
        )
    if engine.name != "mkdocs":
        if settings.search == "pagefind":
            raise ConfigError(
                f'search = "pagefind" needs engine = "mkdocs"; {engine.name} has its own '
                'search: set search = "auto"'
            )
        return engine.searches[0]
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
def mkdocs_config(
    settings: Settings, *, offline: bool, engine: str, target: Path | None = None
) -> Iterator[Path]:
    """Yield the config to build with: mkdocs.yml, or a variant inheriting from it.

    ``engine`` is the search ("material", "pagefind" or "zensical"); ``target``, when given,
    becomes the variant's ``site_dir`` (for engines without a ``--site-dir`` flag).
    """
    import yaml

    base = settings.project_dir / "mkdocs.yml"
    overrides: dict[str, Any] = {}
    if offline:
        # The offline plugin inlines the search index and rewrites links for file://; it
        # needs file URLs (index.html), not directory URLs.
        overrides = {
            "use_directory_urls": False,
            "plugins": ["search", "briefing", "offline"],
            # Search from file:// runs its web worker in an iframe. The offline plugin would
            # load that shim from unpkg.com; the site ships its own copy and loads nothing
            # from other hosts (no shim is added when a polyfill names it).
            "extra": {"polyfills": [IFRAME_WORKER_SHIM]},
        }
    elif engine == "pagefind":
        nav = list(read_mkdocs_yml(base).get("nav") or [])
        overrides = {"plugins": ["briefing"], "nav": [*nav, {"Search": "search.md"}]}
    if target is not None:
        overrides["site_dir"] = str(target)
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
    """Build the site in strict mode (and index it with Pagefind); return the exit status."""
    engine = engine_for(settings)
    search = search_engine(settings, briefings)
    if offline and search == "pagefind":
        search = "material"  # Pagefind needs a server; the built-in search works from file://
    target = target or settings.path("offline_dir" if offline else "site_dir")
    named = None if engine.site_dir_flag else target.resolve()
    with mkdocs_config(settings, offline=offline, engine=search, target=named) as config:
        command = engine.build_command(config, target, quiet)
        status = _run(
            command, env=mkdocs_env(settings), captured=engine.name != "mkdocs", quiet=quiet
        )
    if status == 0 and search == "pagefind":
        status = index_with_pagefind(target, quiet=quiet)
    if status == 0:
        log.info("site written to %s (engine: %s, search: %s)", target, engine.name, search)
    return status


def serve_command(settings: Settings, port: int) -> list[str]:
    """Return the command that serves the site on 127.0.0.1:``port``, rebuilding on change."""
    return engine_for(settings).serve_command(settings.project_dir / "mkdocs.yml", port)


def _run(command: list[str], *, env: dict[str, str], captured: bool, quiet: bool) -> int:
    """Run ``command``. When ``captured``, its output is shown once it ends (all of it unless
    ``quiet``, else only when it fails), less any Python traceback: the engine's own
    messages name the page and the problem, and no traceback reaches the reader."""
    if not captured:
        return subprocess.run(command, check=False, env=env).returncode
    done = subprocess.run(command, check=False, env=env, capture_output=True, text=True)
    if done.returncode != 0 or not quiet:
        output = done.stdout + done.stderr
        traceback = output.find("Traceback (most recent call last):")
        if traceback >= 0:
            last = output.rstrip().rsplit("\n", 1)[-1]
            output = output[:traceback] + f"error: {command[2]} stopped: {last}\n"
        sys.stderr.write(output)
    return done.returncode


def index_with_pagefind(site: Path, *, quiet: bool = False) -> int:
    """Write Pagefind's chunked search index into ``site/pagefind/``."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site), "--glob", PAGEFIND_PAGES,
        # Index the article only: not the navigation, header and footer of every page.
        "--root-selector", "article.md-content__inner",
        "--exclude-selectors", PAGEFIND_SKIP,
    ]  # fmt: skip
    if quiet:
        command.append("--quiet")
    return subprocess.run(command, check=False).returncode
