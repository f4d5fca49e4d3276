"""Build a large site on every core: MkDocs renders and writes pages one after another.

Two phases of a MkDocs build take the time, one page at a time: reading and converting each
page's Markdown (8.2 of 10.8 s for 1,000 briefings here, before this module) and then putting
each page through the theme's templates and writing it (2.6 s). Both are shared with forked
worker processes:

- **Rendering.** Before MkDocs reads the pages, ``RenderWorkers`` forks workers that read,
  pass through the ``on_pre_page`` and ``on_page_markdown`` plugin events and render the later
  pages, while MkDocs renders the earlier ones. When MkDocs reaches a page a worker rendered,
  the page's ``render`` takes the worker's result instead of converting again, provided the
  page's Markdown is byte for byte the Markdown the worker rendered; otherwise it renders as
  usual.
- **Writing.** Once every page is rendered, ``WriteWorkers`` forks workers that run MkDocs'
  own ``_build_page`` (template, ``on_page_context`` and ``on_post_page`` events, writing the
  file) for the later pages, and MkDocs' loop skips them. Plugin state changed in a worker is
  lost with it, so this runs only when every plugin with those events is known to keep no
  state there (``STATELESS_PAGE_PLUGINS``): with Material's built-in search, whose index is
  collected page by page, MkDocs writes every page itself.

Warnings a worker logs (a broken link, say) are logged again in the main process, so
``mkdocs build --strict`` still fails on them. Forking is the only start method used: a fresh
interpreter would load the configuration and the theme again, which costs more than it saves.
Where fork is unavailable, under ``mkdocs serve`` (other threads run), with ``--dirty``, or
for a small site, MkDocs builds as usual.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.briefing")

MIN_PAGES = 200
"""Sites with fewer pages build as usual: forking costs about 0.1 s, and 200 pages take
about a second to render."""

MAIN_SHARE = 0.75
"""The main process renders this fraction of an equal share of the pages: it also reads every
page and runs the plugin events of the workers' pages. At 1,000 briefings on 2 cores
(benchmarks/site.py), with an equal split the worker finished 2.2 s before the main process;
at 0.85 and 0.75 the main process never waited for the worker, at 0.65 it waited 0.4 s."""

CHUNK = 25
"""Pages per task sent to a worker: large enough to keep the overhead small, small enough for
the main process to get its first results early."""

STATELESS_PAGE_PLUGINS = frozenset({"material/tags", "tags", "briefing"})
"""Plugins whose ``on_page_context`` and ``on_post_page`` only change the page at hand."""


def workers_available(pages: int) -> int:
    """Return how many worker processes to fork (0: build in this process only)."""
    if pages < MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    if threading.active_count() > 1:
        # mkdocs serve: a forked child would inherit locks held by the server's threads.
        return 0
    return max((os.cpu_count() or 1) - 1, 0)


def digest(markdown: str) -> str:
    return hashlib.sha1(markdown.encode("utf-8")).hexdigest()


# --- in the workers --------------------------------------------------------------------------

_JOB: dict[str, Any] = {}
"""The build a forked worker works on: set in the parent just before forking."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Picklable: the message rendered now, no arguments or traceback objects.
        record.msg, record.args = record.getMessage(), ()
        record.exc_info = record.exc_text = None
        self.records.append(record)


def _collect_logs() -> _Collect:
    """Send this worker's MkDocs log records to a list the parent logs again."""
    collect = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers = [collect]
    mkdocs_log.propagate = False
    return collect


@dataclass(frozen=True)
class Rendered:
    """What ``Page.render`` leaves on a page, as a worker computed it."""

    src_uri: str
    digest: str
    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    records: tuple[logging.LogRecord, ...]


def _render_pages(indices: list[int]) -> list[Rendered]:
    """Read, pass through the plugins and render the pages at ``indices``."""
    from mkdocs.structure.pages import Page

    config, files, pages = _JOB["config"], _JOB["files"], _JOB["pages"]
    collect = _collect_logs()
    results = []
    for index in indices:
        page = pages[index]
        collect.records = []
        config._current_page = page
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        page.markdown = markdown
        Page.render(page, config, files)
        links = page.links_to_anchors
        results.append(
            Rendered(
                src_uri=page.file.src_uri,
                digest=digest(markdown),
                content=page.content or "",
                toc=page.toc,
                title=page._title_from_render,
                anchors=frozenset(page.present_anchor_ids or ()),
                links_to_anchors=(
                    None
                    if links is None
                    else {target.src_uri: dict(found) for target, found in links.items()}
                ),
                records=tuple(collect.records),
            )
        )
    return results


def _write_pages(indices: list[int]) -> list[logging.LogRecord]:
    """Put the pages at ``indices`` through the theme and write them, as MkDocs would."""
    build_page, config, doc_files, nav, env = (
        _JOB[k] for k in ("build_page", "config", "doc_files", "nav", "env")
    )
    collect = _collect_logs()
    for index in indices:
        file = doc_files[index]
        build_page(file.page, config, doc_files, nav, env)
    return collect.records


def _relay(records: Sequence[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


def _fork_pool(workers: int, **job: Any) -> Any:
    _JOB.update(job)
    try:
        return multiprocessing.get_context("fork").Pool(workers)
    finally:
        _JOB.clear()


def _split(count: int, workers: int, main_share: float) -> tuple[int, list[list[int]]]:
    """Return how many pages the main process takes first, and the workers' chunks."""
    mine = int(count * main_share / (workers + 1))
    theirs = list(range(mine, count))
    return mine, [theirs[i : i + CHUNK] for i in range(0, len(theirs), CHUNK)]


# --- in the main process ---------------------------------------------------------------------


class RenderWorkers:
    """Workers rendering the later pages, and the ``render`` that uses their work."""

    def __init__(self, config: MkDocsConfig, files: Files, pages: list[Page], workers: int):
        from mkdocs.structure.pages import Page

        mine, chunks = _split(len(pages), workers, MAIN_SHARE)
        self._pool = _fork_pool(workers, config=config, files=files, pages=pages)
        self._results: Iterator[list[Rendered]] = self._pool.imap(_render_pages, chunks)
        self._files = files
        self._done: dict[str, Rendered] = {}
        self.used = self.rerendered = 0
        for page in pages[mine:]:
            page.render = self._render_for(page, Page.render)  # type: ignore[method-assign]
        log.debug(
            "rendering %d of %d pages in %d worker(s)", len(pages) - mine, len(pages), workers
        )

    @classmethod
    def start(cls, config: MkDocsConfig, files: Files) -> RenderWorkers | None:
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        workers = workers_available(len(pages))
        return cls(config, files, pages, workers) if workers else None

    def _result_for(self, src_uri: str) -> Rendered | None:
        while src_uri not in self._done:
            batch = next(self._results, None)
            if batch is None:
                return None
            self._done.update((r.src_uri, r) for r in batch)
        return self._done.pop(src_uri)

    def _render_for(self, page: Page, original: Callable[..., None]) -> Callable[..., None]:
        def render(config: MkDocsConfig, files: Files) -> None:
            result = self._result_for(page.file.src_uri)
            if result is None or page.markdown is None or digest(page.markdown) != result.digest:
                self.rerendered += 1
                original(page, config, files)
                return
            self.used += 1
            page.content = result.content
            page.toc = result.toc
            page._title_from_render = result.title
            page.present_anchor_ids = set(result.anchors)
            if result.links_to_anchors is not None:
                page.links_to_anchors = {
                    target: found
                    for uri, found in result.links_to_anchors.items()
                    if (target := self._files.get_file_from_path(uri)) is not None
                }
            _relay(result.records)

        return render

    def close(self) -> None:
        log.debug("rendered by workers: %d used, %d rendered again", self.used, self.rerendered)
        self._pool.terminate()
        self._pool.join()


class WriteWorkers:
    """Workers putting the later pages through the theme; MkDocs' own loop skips them."""

    def __init__(
        self,
        config: MkDocsConfig,
        nav: Navigation,
        env: jinja2.Environment,
        doc_files: Sequence[File],
        workers: int,
    ):
        from mkdocs.commands import build

        # Pages are equal work here, and the main process has its own share to write.
        mine, chunks = _split(len(doc_files), workers, 1.0)
        self._build = build
        self._original = build._build_page
        self._pool = _fork_pool(
            workers, build_page=self._original, config=config, doc_files=doc_files, nav=nav, env=env
        )
        self._results = self._pool.map_async(_write_pages, chunks)
        skipped = {f.src_uri for f in doc_files[mine:]}
        original = self._original

        def build_page(page: Page, *args: Any, **kwargs: Any) -> None:
            if page.file.src_uri not in skipped:
                original(page, *args, **kwargs)

        # MkDocs looks this function up by name for every page it writes.
        build._build_page = build_page
        log.debug("writing %d of %d pages in %d worker(s)", len(skipped), len(doc_files), workers)

    @classmethod
    def start(
        cls, config: MkDocsConfig, files: Files, nav: Navigation, env: jinja2.Environment
    ) -> WriteWorkers | None:
        stateful = {
            name
            for name, plugin in config.plugins.items()
            if name not in STATELESS_PAGE_PLUGINS
            and any(hasattr(plugin, event) for event in ("on_page_context", "on_post_page"))
        }
        doc_files = files.documentation_pages()
        workers = workers_available(len(doc_files))
        if stateful or not workers:
            return None
        return cls(config, nav, env, doc_files, workers)

    def finish(self) -> None:
        """Wait for the workers and log what they logged; restore MkDocs' function."""
        try:
            for records in self._results.get():
                _relay(records)
        finally:
            self.close()

    def close(self) -> None:
        self._build._build_page = self._original
        self._pool.terminate()
        self._pool.join()
