"""Turn source documents into grounded briefing pages for an MkDocs site.

Public API:

- ``load(path) -> Document``: read and normalise one seed (see ``generator.loaders``).
- ``build_briefing(document, settings) -> Briefing``: the language analysis (spaCy, lazy).
- ``render(briefing) -> str``: the Markdown page.
- ``run(settings) -> Report``: the whole pipeline over ``settings.seeds_dir``.
- ``Settings`` / ``load_settings``: the one settings object.

Heavy dependencies (spaCy, MkDocs) are imported only when a function needs them, so
``import generator`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from generator.config import Settings, load_settings
    from generator.extract import build_briefing
    from generator.loaders import load
    from generator.pipeline import run
    from generator.render import render

_LAZY = {
    "Settings": "generator.config",
    "load_settings": "generator.config",
    "build_briefing": "generator.extract",
    "load": "generator.loaders",
    "run": "generator.pipeline",
    "render": "generator.render",
}

__all__ = ["Settings", "__version__", "build_briefing", "load", "load_settings", "render", "run"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
