"""The MkDocs plugin ``briefing``: glue between a MkDocs build and the generator.

It builds large sites on every core (``generator.site.parallel``) and lets the raw HTML of
generated sections skip Markdown (``generator.site.passthrough``). It goes after the other plugins
in mkdocs.yml::

    plugins:
      - search
      - tags
      - briefing
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from mkdocs.plugins import BasePlugin, event_priority

from generator.site import parallel, passthrough

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


class BriefingPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def __init__(self) -> None:
        self._dirty = False
        self._nav: Navigation | None = None
        self._render: parallel.RenderWorkers | None = None
        self._write: parallel.WriteWorkers | None = None
        self._set_aside: dict[File, passthrough.SetAside] = {}

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self._dirty = dirty  # --dirty builds only changed pages: nothing to share out

    @event_priority(-100)  # last: after every plugin that changes the navigation
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        if not self._dirty:
            self._render = parallel.RenderWorkers.start(config, files)
        return nav

    @event_priority(-100)  # last: on the Markdown every other plugin has seen
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        markdown, aside = passthrough.set_aside(markdown)
        if aside:
            self._set_aside[page.file] = aside
        return markdown

    @event_priority(100)  # first: every other plugin sees the whole page
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        aside = self._set_aside.pop(page.file, None)
        if aside is None:
            return html
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= aside.anchors()
        return aside.restore(html)

    @event_priority(-100)  # last: every page is rendered, every plugin has seen them
    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        self._stop_rendering()
        if not self._dirty and self._nav is not None:
            self._write = parallel.WriteWorkers.start(config, files, self._nav, env)
        return env

    @event_priority(100)  # first: the pages are all written before any plugin reads them
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._write is not None:
            write, self._write = self._write, None
            write.finish()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_rendering()
        if self._write is not None:
            self._write.close()
            self._write = None

    def _stop_rendering(self) -> None:
        if self._render is not None:
            self._render.close()
            self._render = None
