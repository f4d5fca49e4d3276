"""The site stage: cross-document pages, then a static site built by an engine.

Public API (nothing outside this package imports its modules):

- ``site_pages(briefings, env) -> {path: Markdown}``: actors, timeline, tags (``pages``).
- ``related(briefings)``: each briefing's closest others, for its "Related briefings" foot.
- ``search_engine(settings, briefings)``: the search the site uses.
- ``build_site(settings, briefings=…)``: build the site with the chosen engine (``build``).
- ``engine_for(settings)``: that engine, or a ``ConfigError`` saying how to install it.
- ``serve_command(settings, port)``: the command that previews the site with live reload.
- ``mkdocs_env(settings)``: the environment an engine runs in.

Modules: ``pages`` (the cross-document pages), ``network`` (actor networks as static SVG),
``build`` (the engines: MkDocs + Material, Zensical; the search index), ``plugin`` (the
``briefing`` MkDocs plugin), ``parallel`` (its build on every core) and ``passthrough`` (its
shortcut for the generator's own HTML). Heavy dependencies (MkDocs, networkx, Jinja2) load
only when a function needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.site.build import (
        build_site,
        engine_for,
        mkdocs_env,
        search_engine,
        serve_command,
    )
    from generator.site.pages import related, site_pages

_LAZY = {
    "build_site": "generator.site.build",
    "engine_for": "generator.site.build",
    "serve_command": "generator.site.build",
    "mkdocs_env": "generator.site.build",
    "search_engine": "generator.site.build",
    "related": "generator.site.pages",
    "site_pages": "generator.site.pages",
}

__all__ = [
    "build_site",
    "engine_for",
    "mkdocs_env",
    "related",
    "search_engine",
    "serve_command",
    "site_pages",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'generator.site' has no attribute {name!r}")
