"""The only place the stages meet: seeds → documents → briefings → pages.

``run`` generates; ``check`` tells, without analysing anything, whether a run would change a
page or finds a hand edit in conflict; ``conflicts`` lists those edits beside the generator's
text for review.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cache import Cache, Entry, Key, State, keys_for
from generator.config import Settings
from generator.errors import GeneratorError, HandEditConflict, LoadError
from generator.loaders import is_seed, load_documents
from generator.loaders.normalize import slugify
from generator.types import Briefing, Document
from generator.write import Written, is_generated, merge, parse_page, seal, untouched, write_page

if TYPE_CHECKING:
    from jinja2 import Environment

log = logging.getLogger("generator")

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, seed)`` after each document is analysed."""


@dataclass
class Report:
    briefings: list[Briefing] = field(default_factory=list)
    analysed: int = 0
    written: list[Written] = field(default_factory=list)
    failures: list[GeneratorError] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    deleted_by_hand: list[Path] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for w in self.written if w.status == status)

    def summary(self) -> str:
        parts = [
            f"{len(self.briefings)} briefing(s)",
            f"{self.analysed} analysed",
            f"{self.count('created')} created",
            f"{self.count('updated')} updated",
            f"{self.count('unchanged')} unchanged",
        ]
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        if self.deleted_by_hand:
            parts.append(f"{len(self.deleted_by_hand)} deleted by hand (kept deleted)")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} hand-edit conflict(s)")
        if self.failures:
            parts.append(f"{len(self.failures)} seed(s) failed")
        return ", ".join(parts)


def shown(path: Path, settings: Settings) -> str:
    """Return ``path`` relative to the project when it is inside it."""
    for candidate in (path, path.resolve()):  # resolving is slow: only when needed
        try:
            return str(candidate.relative_to(settings.project_dir))
        except ValueError:
            continue
    return str(path)


def seed_file(source_path: str) -> str:
    """Return the file of a document: "seeds/feed.xml#3" and "seeds/a.jsonl:4" are entries."""
    return re.sub(r"(#|:)\d+$", "", source_path)


def discover(settings: Settings) -> list[Path]:
    """Return every seed file, sorted, skipping hidden files and folders."""
    seeds = settings.path("seeds_dir")
    if not seeds.is_dir():
        raise LoadError(
            "seeds folder not found; create it and put .txt or .md documents in it "
            "(or set seeds_dir in briefing.toml)",
            shown(seeds, settings),
        )
    return sorted(
        p
        for p in seeds.rglob("*")
        if is_seed(p) and not any(part.startswith(".") for part in p.relative_to(seeds).parts)
    )


def load_all(
    paths: list[Path], settings: Settings, failures: list[GeneratorError]
) -> list[Document]:
    """Load every seed; failures are logged and collected, never fatal to the others.

    Documents with the same normalised text are one document, listing every source.
    """
    documents: list[Document] = []
    slugs: set[str] = set()
    by_text: dict[str, int] = {}
    for path in paths:
        try:
            loaded = load_documents(
                path, max_bytes=settings.max_seed_bytes, display_path=shown(path, settings)
            )
        except LoadError as exc:
            log.error("%s", exc)
            failures.append(exc)
            continue
        for document in loaded:
            for warning in document.warnings:
                log.warning("%s: %s", document.source_path, warning)
            first = by_text.get(document.text)
            if first is not None:
                original = documents[first]
                log.info(
                    "%s: same text as %s; one briefing lists both",
                    document.source_path,
                    original.source_path,
                )
                also = (*original.also_from, document.source_path)
                documents[first] = replace(original, also_from=also)
                continue
            slug = unique_slug(document.slug, path, slugs)
            slugs.add(slug)
            by_text[document.text] = len(documents)
            documents.append(replace(document, slug=slug) if slug != document.slug else document)
    return documents


def unique_slug(slug: str, path: Path, taken: set[str]) -> str:
    """Return ``slug``, or ``slug-<suffix>`` (then numbered) when another seed has it."""
    if slug not in taken:
        return slug
    candidate = slugify(f"{slug}-{path.suffix.lstrip('.')}")
    number = 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def worker_count(settings: Settings, jobs: int) -> int:
    """Return how many processes to analyse ``jobs`` documents with."""
    available = settings.workers or len(os.sched_getaffinity(0))
    # A worker costs a fork and a warm-up; below a few documents each, one process is faster.
    return max(1, min(available, jobs // 4))


_worker_settings: Settings | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _analyse_one(document: Document) -> Briefing:
    from generator.extract import build_briefing

    assert _worker_settings is not None
    return build_briefing(document, _worker_settings)


def analyse(
    documents: list[Document], settings: Settings, progress: Progress | None = None
) -> Iterator[Briefing]:
    """Yield the briefing of each document, in order, using every core when it pays."""
    from generator.extract._nlp import pipeline_for

    if not documents:
        return
    nlp = pipeline_for(settings)  # loaded before forking, so workers share it
    workers = worker_count(settings, len(documents))
    if workers == 1:
        from generator.extract import build_briefing

        parsed = nlp.pipe((d.text for d in documents), batch_size=16)
        results: Iterator[Briefing] = (
            build_briefing(d, settings, doc) for d, doc in zip(documents, parsed, strict=True)
        )
        yield from _with_progress(results, documents, progress)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    chunk = max(1, min(16, len(documents) // (workers * 4)))
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(settings,)
    ) as pool:
        results = pool.map(_analyse_one, documents, chunksize=chunk)
        yield from _with_progress(results, documents, progress)


def _with_progress(
    results: Iterator[Briefing], documents: list[Document], progress: Progress | None
) -> Iterator[Briefing]:
    for done, (briefing, document) in enumerate(zip(results, documents, strict=True), start=1):
        yield briefing
        if progress is not None:
            progress(done, len(documents), document.source_path)


@dataclass
class Plan:
    """The seeds of a run, each with its cache key and, where cached, its analysis."""

    settings: Settings
    paths: list[Path]
    documents: list[Document]
    keys: dict[str, Key]
    entries: dict[str, Entry]
    state: State
    cache: Cache
    failures: list[GeneratorError]
    expected: dict[Path, str] | None = None
    """The generated pages, once ``expected_pages`` has computed them."""


def plan(settings: Settings) -> Plan:
    """Load every seed and look its analysis up in the cache."""
    failures: list[GeneratorError] = []
    paths = discover(settings)
    documents = load_all(paths, settings, failures)
    state_dir = settings.path("state_dir")
    cache = Cache(state_dir / "cache")
    keys = keys_for(documents, settings)
    entries = {slug: e for slug, key in keys.items() if (e := cache.get(key)) is not None}
    return Plan(
        settings,
        paths,
        documents,
        keys,
        entries,
        State.load(state_dir / "state.json"),
        cache,
        failures,
    )


def run(settings: Settings, progress: Progress | None = None) -> Report:
    """Generate every page under ``settings.docs_dir``: briefings and the site-wide pages."""
    from generator.render import make_env, render

    work = plan(settings)
    report = Report(failures=work.failures)
    _sweep_temporary_files(settings)
    env = make_env(settings.path("templates_dir"))
    missing = [d for d in work.documents if d.slug not in work.entries]
    for briefing in analyse(missing, settings, progress):
        entry = Entry(briefing, seal(render(briefing, env)))
        slug = briefing.document.slug
        work.cache.put(work.keys[slug], entry)  # before the page: a crash loses no analysis
        work.entries[slug] = entry
        report.analysed += 1
    report.briefings = [work.entries[d.slug].briefing for d in work.documents]
    new_state: dict[str, dict[str, str]] = {}
    for document in work.documents:
        new_state[document.slug] = State.record(document.source_path, work.keys[document.slug])
    for page, text in expected_pages(work, env).items():
        slug = page.stem
        is_briefing = page.parent == settings.briefings_dir
        if is_briefing and not page.exists() and slug in work.state.pages and not settings.force:
            log.info(
                "%s: deleted by hand, so not generated again (--force brings it back)",
                shown(page, settings),
            )
            report.deleted_by_hand.append(page)
            continue
        _write(page, text, settings, report)
    # A seed that failed to load keeps its pages (and their state) until it loads again.
    failed = {str(e.path) for e in work.failures}
    for slug, record in work.state.pages.items():
        if seed_file(record["seed"]) in failed:
            new_state.setdefault(slug, record)
    expected = set(new_state) | {slugify(p.stem) for p in work.paths}
    _remove_stale(settings.briefings_dir, expected, settings, report)
    for folder in ("actors", "timeline"):
        path = settings.path("docs_dir") / folder
        _remove_stale(path, {p.stem for p in expected_pages_in(work, path)}, settings, report)
    search_page = settings.path("docs_dir") / "search.md"
    stale_search = search_page not in (work.expected or {}) and search_page.exists()
    # Only a search page the generator wrote, untouched, goes with the Pagefind search.
    if stale_search and is_generated(search_page) and untouched(search_page):
        search_page.unlink()
        report.removed.append(search_page)
    work.state.pages = new_state
    work.state.save()
    work.cache.prune({k.value for k in work.keys.values()})
    return report


def expected_pages(work: Plan, env: Environment) -> dict[Path, str]:
    """Return every generated page, sealed, as a run would write it (before hand edits)."""
    if work.expected is None:
        analysed = [d.slug for d in work.documents if d.slug in work.entries]
        work.expected = compose_pages(
            [work.entries[slug].briefing for slug in analysed],
            {slug: work.entries[slug].page for slug in analysed},
            work.settings,
            env,
        )
    return work.expected


def compose_pages(
    briefings: list[Briefing], sealed: dict[str, str], settings: Settings, env: Environment
) -> dict[Path, str]:
    """Return every page of the site: each briefing's sealed page with its related-briefings
    foot, the home page, and the cross-document pages (actors, timeline, tags)."""
    from generator.render import render_index
    from generator.site import related, site_pages

    neighbours = related(briefings)
    related_template = env.get_template("related.md.j2")
    pages: dict[Path, str] = {}
    for briefing in briefings:
        slug = briefing.document.slug
        foot = seal(related_template.render(related=neighbours[slug]))
        pages[settings.briefings_dir / f"{slug}.md"] = f"{sealed[slug]}\n{foot}"
    docs = settings.path("docs_dir")
    pages[docs / "index.md"] = seal(render_index(sorted(briefings, key=_listing_order), env))
    for path, text in site_pages(briefings, env).items():
        pages[docs / path] = seal(text)
    from generator.site import search_engine

    if search_engine(settings, len(briefings)) == "pagefind":
        pages[docs / "search.md"] = seal(env.get_template("search.md.j2").render())
    return pages


def expected_pages_in(work: Plan, folder: Path) -> list[Path]:
    return [p for p in (work.expected or {}) if p.parent == folder]


def _sweep_temporary_files(settings: Settings) -> None:
    """Delete the temporary files a killed run left (``atomic_write`` names them ``.*.tmp``)."""
    for folder in (settings.path("docs_dir"), settings.path("state_dir")):
        if folder.is_dir():
            for leftover in folder.rglob(".*.tmp"):
                leftover.unlink(missing_ok=True)


def _listing_order(briefing: Briefing) -> tuple[int, int, str, str]:
    date = briefing.document.date or ""
    iso = len(date) >= 10 and date[:4].isdigit() and date[4] == "-"
    # Newest first: invert the ISO date's characters so an ascending sort puts it first.
    inverted = "".join(chr(0x7F - ord(c)) for c in date) if iso else ""
    # A thin extraction (a caption, a paywall stub) never leads the home page as if whole.
    return (int(briefing.document.thin), 0 if iso else 1, inverted, briefing.title.lower())


def _write(page: Path, sealed: str, settings: Settings, report: Report) -> None:
    try:
        written = write_page(page, sealed, force=settings.force, sealed=True)
    except HandEditConflict as exc:
        log.warning("%s", exc)
        report.conflicts.append(str(exc))
        return
    report.written.append(written)
    result = written.merge
    if result is None:
        return
    where = shown(page, settings)
    for name in result.kept:
        log.info("%s: kept the hand-edited %s section", where, name)
    for name in result.conflicts:
        message = (
            f"{where}: the {name!r} section was edited by hand and the generator's text changed "
            f"too; your text is kept. See both with: briefing diff {where}; "
            "take the generated text with --force"
        )
        log.warning("%s", message)
        report.conflicts.append(message)
    for name in result.overwritten:
        log.warning("%s: --force overwrote the hand-edited %s section", where, name)


def _remove_stale(out_dir: Path, expected: set[str], settings: Settings, report: Report) -> None:
    """Delete generated pages whose seed is gone, unless a person edited them."""
    if not out_dir.is_dir():
        return
    for page in sorted(out_dir.glob("*.md")):
        if page.stem in expected:
            continue
        where = shown(page, settings)
        if not is_generated(page):
            continue  # a page a person wrote from scratch is never touched
        if untouched(page):
            page.unlink()
            report.removed.append(page)
            log.info("%s: removed (no longer generated)", where)
        else:
            message = f"{where}: its seed is gone but the page has hand edits; kept"
            log.warning("%s", message)
            report.conflicts.append(message)


@dataclass
class CheckReport:
    stale: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    failures: list[GeneratorError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.stale or self.conflicts or self.failures)


def check(settings: Settings) -> CheckReport:
    """Report pages a run would change and hand edits in conflict, without analysing."""
    from generator.render import make_env

    work = plan(settings)
    report = CheckReport(failures=work.failures)
    fresh = True
    for document in work.documents:
        where = shown(settings.briefings_dir / f"{document.slug}.md", settings)
        recorded = work.state.pages.get(document.slug)
        key = work.keys[document.slug]
        if recorded is None:
            report.stale.append(f"{where}: not generated yet")
            fresh = False
        elif State.record(document.source_path, key) != recorded or (
            document.slug not in work.entries
        ):
            report.stale.append(f"{where}: stale, {key.reason_against(recorded)}")
            fresh = False
    out_dir = settings.briefings_dir
    if out_dir.is_dir():
        current = {d.slug for d in work.documents} | {slugify(p.stem) for p in work.paths}
        for page in sorted(out_dir.glob("*.md")):
            if page.stem not in current and is_generated(page) and untouched(page):
                report.stale.append(f"{shown(page, settings)}: stale, its seed is gone")
    if not fresh:
        return report  # the site-wide pages depend on every briefing: stale anyway
    for page, text in expected_pages(work, make_env(settings.path("templates_dir"))).items():
        deleted = page.parent == out_dir and page.stem in work.state.pages
        if deleted and not page.exists():
            continue  # deleted by hand on purpose
        _check_page(page, text, shown(page, settings), report)
    return report


def _check_page(page: Path, sealed: str, where: str, report: CheckReport) -> None:
    if not page.exists():
        report.stale.append(f"{where}: missing")
        return
    existing = page.read_text(encoding="utf-8")
    try:
        result = merge(existing, sealed, path=page)
    except HandEditConflict as exc:
        report.conflicts.append(str(exc))
        return
    for name in result.conflicts:
        report.conflicts.append(f"{where}: the {name!r} section has hand edits in conflict")
    if result.text != existing:
        report.stale.append(f"{where}: stale, differs from what the generator would write")


def keep_mine(settings: Settings, pages: set[str]) -> list[str]:
    """Resolve conflicts in favour of the hand edits; return the pages changed."""
    from generator.render import make_env
    from generator.write import atomic_write, keep_edits

    work = plan(settings)
    changed = []
    for page, text in _current_pages(work, make_env(settings.path("templates_dir"))):
        where = shown(page, settings)
        if pages and where not in pages:
            continue
        existing = page.read_text(encoding="utf-8")
        updated = keep_edits(existing, text)
        if updated != existing:
            atomic_write(page, updated)
            changed.append(where)
    return changed


def conflicts(settings: Settings) -> Iterator[tuple[str, str, str, str]]:
    """Yield (page, section, hand-edited text, generated text) for each conflict."""
    from generator.render import make_env

    work = plan(settings)
    for page, text in _current_pages(work, make_env(settings.path("templates_dir"))):
        existing = page.read_text(encoding="utf-8")
        try:
            result = merge(existing, text, path=page)
        except HandEditConflict:
            continue
        mine = parse_page(existing).blocks
        generated = parse_page(text).blocks
        for name in result.conflicts:
            yield shown(page, settings), name, mine[name].body, generated[name].body


def _current_pages(work: Plan, env: Environment) -> Iterator[tuple[Path, str]]:
    """Yield the existing pages and their generated text, when every seed is analysed."""
    if any(d.slug not in work.entries for d in work.documents):
        log.warning("some pages are stale; run `briefing generate` first")
        return
    for page, text in expected_pages(work, env).items():
        if page.exists():
            yield page, text
