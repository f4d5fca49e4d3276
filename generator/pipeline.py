"""The only place the stages meet: seeds → documents → briefings → pages.

``run`` generates; ``check`` tells, without analysing anything, whether a run would change a
page or finds a hand edit in conflict; ``conflicts`` lists those edits beside the generator's
text for review.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.analysis import Progress, analyse
from generator.cache import Cache, Entry, Key, State, keys_for
from generator.config import Settings
from generator.errors import GeneratorError, HandEditConflict, LoadError
from generator.loaders import load_documents
from generator.loaders.discover import find_seeds
from generator.loaders.normalize import slugify
from generator.lock import project_lock
from generator.owned import (
    Names,
    assign_names,
    kept_message,
    orphans,
    previous_names,
    relative,
    tracked,
)
from generator.types import Briefing, Document
from generator.write import (
    Written,
    page_hash,
    seal,
    write_page,
)

if TYPE_CHECKING:
    from jinja2 import Environment

log = logging.getLogger("generator")


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


def discover(settings: Settings, failures: list[GeneratorError] | None = None) -> list[Path]:
    """Return every seed file, sorted; each entry that cannot be a seed is one failure."""
    seeds = settings.path("seeds_dir")
    if not seeds.is_dir():
        raise LoadError(
            "seeds folder not found; create it and put .txt or .md documents in it "
            "(or set seeds_dir in briefing.toml)",
            shown(seeds, settings),
        )
    found = find_seeds(seeds)
    for path, problem in found.problems:
        error = LoadError(problem, shown(path, settings))
        log.error("%s", error)
        if failures is not None:
            failures.append(error)
    return found.seeds


def load_all(
    paths: list[Path],
    settings: Settings,
    failures: list[GeneratorError],
    names: Names | None = None,
    wanted: dict[str, str] | None = None,
) -> list[Document]:
    """Load every seed; failures are logged and collected, never fatal to the others.

    Documents with the same normalised text are one document, listing every source. Each
    keeps the page name ``names`` says it had; the others get theirs in sorted order.
    ``wanted`` receives, by page name, the name each document asked for.
    """
    documents: list[Document] = []
    origins: list[Path] = []
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
            by_text[document.text] = len(documents)
            documents.append(document)
            origins.append(path)
    named = assign_names(documents, origins, names or Names({}, {}))
    if wanted is not None:
        wanted.update({d.slug: o.slug for d, o in zip(named, documents, strict=True)})
    return named


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
    wanted: dict[str, str] = field(default_factory=dict)
    """By page name, the name each document asked for (its file name's slug)."""
    expected: dict[Path, str] | None = None
    """The generated pages, once ``expected_pages`` has computed them."""

    def failed(self, seed: str) -> bool:
        """Return True when ``seed`` (or the folder holding it) failed to load this run."""
        file = seed_file(seed)
        failed = {str(e.path) for e in self.failures}
        return file in failed or any(file.startswith(f"{f}/") for f in failed)

    def kept_for_failures(self) -> dict[str, dict[str, str]]:
        """Return the state rows of seeds that failed to load: their pages stay as they are."""
        return {slug: row for slug, row in self.state.pages.items() if self.failed(row["seed"])}

    def kept_pages(self) -> set[Path]:
        """Return the pages of seeds that failed to load (kept until they load again)."""
        briefings = self.settings.briefings_dir
        by_name = {briefings / f"{slugify(Path(str(e.path)).stem)}.md" for e in self.failures}
        return {briefings / f"{s}.md" for s in self.kept_for_failures()} | by_name


def plan(settings: Settings) -> Plan:
    """Load every seed and look its analysis up in the cache."""
    from generator.config import check_aliases_file

    check_aliases_file(settings)
    failures: list[GeneratorError] = []
    paths = discover(settings, failures)
    state_dir = settings.path("state_dir")
    state = State.load(state_dir / "state.json")
    wanted: dict[str, str] = {}
    names = previous_names(state, settings.briefings_dir)
    documents = load_all(paths, settings, failures, names, wanted)
    cache = Cache(state_dir / "cache")
    keys = keys_for(documents, settings)
    entries = {slug: e for slug, key in keys.items() if (e := cache.get(key)) is not None}
    return Plan(settings, paths, documents, keys, entries, state, cache, failures, wanted)


def run(settings: Settings, progress: Progress | None = None) -> Report:
    """Generate every page under ``settings.docs_dir``: briefings and the site-wide pages.

    The project is locked for the run (``generator.lock``): a second run waits for this one.
    """
    with project_lock(settings.path("state_dir")):
        return _run(settings, progress)


def _run(settings: Settings, progress: Progress | None) -> Report:
    from generator.render import make_env, render

    work = plan(settings)
    report = Report(failures=work.failures)
    _sweep_temporary_files(settings)
    env = make_env(settings.path("templates_dir"))
    missing = [d for d in work.documents if d.slug not in work.entries]
    for briefing in analyse(missing, settings, progress, report.failures):
        entry = Entry(briefing, seal(render(briefing, env)))
        slug = briefing.document.slug
        work.cache.put(work.keys[slug], entry)  # before the page: a crash loses no analysis
        work.entries[slug] = entry
        report.analysed += 1
    # A seed whose analysis failed is left out, as one that failed to load: its page stays.
    work.documents = [d for d in work.documents if d.slug in work.entries]
    report.briefings = [work.entries[d.slug].briefing for d in work.documents]
    docs = settings.path("docs_dir")
    old = work.state
    pages: dict[str, dict[str, str]] = {
        d.slug: State.record(d.source_path, work.keys[d.slug], work.wanted.get(d.slug))
        for d in work.documents
    }
    expected = expected_pages(work, env)
    written = {relative(page, docs): [page_hash(text)] for page, text in expected.items()}
    # A seed that failed to load keeps its pages (and their state) until it loads again.
    for slug, row in work.kept_for_failures().items():
        pages.setdefault(slug, row)
        rel = f"briefings/{slug}.md"
        if rel in old.written:
            written.setdefault(rel, old.written[rel])
    if any(set(v) - set(old.written.get(k, ())) for k, v in written.items()):
        # Before any page changes, the state vouches for both its old and its new bytes: a
        # run killed halfway leaves no page that the next run would not recognise as its own.
        both = {k: [*old.written.get(k, ()), *v] for k, v in written.items()}
        State(old.path, {**old.pages, **pages}, {**old.written, **both}).save()
    seeds = {f"briefings/{slug}.md": row["seed"] for slug, row in pages.items()}
    for page, text in expected.items():
        rel = relative(page, docs)
        # A briefing page counts as deleted by hand only while it still belongs to its seed.
        same = rel not in seeds or old.pages.get(page.stem, {}).get("seed") == seeds[rel]
        if not page.exists() and tracked(old, rel) and same and not settings.force:
            log.info(
                "%s: deleted by hand, so not generated again (--force brings it back)",
                shown(page, settings),
            )
            report.deleted_by_hand.append(page)
            continue
        _write(page, text, settings, report)
    for orphan in orphans(docs, set(expected), work.kept_pages(), old, briefings_only=False):
        where = shown(orphan.path, settings)
        if orphan.removable:
            orphan.path.unlink()
            report.removed.append(orphan.path)
            log.info("%s: removed (no longer generated)", where)
        else:
            message = kept_message(where)
            log.warning("%s", message)
            report.conflicts.append(message)
    State(old.path, pages, written).save()
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
    from generator.render import one_page_per_actor, render_index
    from generator.site import related, site_pages

    briefings_by_page = one_page_per_actor(briefings)
    neighbours = related(briefings_by_page)
    related_template = env.get_template("related.md.j2")
    pages: dict[Path, str] = {}
    for briefing in briefings:
        slug = briefing.document.slug
        foot = seal(related_template.render(related=neighbours[slug]))
        pages[settings.briefings_dir / f"{slug}.md"] = f"{sealed[slug]}\n{foot}"
    docs = settings.path("docs_dir")
    pages[docs / "index.md"] = seal(render_index(sorted(briefings, key=_listing_order), env))
    for path, text in site_pages(briefings_by_page, env).items():
        pages[docs / path] = seal(text)
    from generator.site import search_engine

    if search_engine(settings, len(briefings)) == "pagefind":
        pages[docs / "search.md"] = seal(env.get_template("search.md.j2").render())
    return pages


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


def __getattr__(name: str) -> object:
    """Keep ``pipeline.check``, ``conflicts`` and ``keep_mine`` importable from here."""
    if name in ("CheckReport", "check", "conflicts", "keep_mine"):
        from generator import review

        return getattr(review, name)
    raise AttributeError(name)
