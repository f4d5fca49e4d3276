"""Reviewing pages without generating them: ``check``, ``conflicts`` (diff) and ``keep_mine``.

``check`` tells, without analysing anything, whether a run would change a page, finds a hand
edit in conflict, or a page kept for its hand-written text although it is no longer
generated; ``conflicts`` lists the edits beside the generator's text; ``keep_mine`` resolves
them in favour of the person.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cache import State
from generator.config import Settings
from generator.errors import GeneratorError, HandEditConflict
from generator.lock import project_lock
from generator.owned import kept_message, orphans, relative, tracked
from generator.pipeline import Plan, expected_pages, plan, shown
from generator.write import adopt, atomic_write, merge, parse_page, read_page

if TYPE_CHECKING:
    from jinja2 import Environment

log = logging.getLogger("generator")


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
        elif State.record(document.source_path, key) != {
            k: v for k, v in recorded.items() if k != "wanted"
        } or (document.slug not in work.entries):
            report.stale.append(f"{where}: stale, {key.reason_against(recorded)}")
            fresh = False
    docs = settings.path("docs_dir")
    if fresh:
        expected = expected_pages(work, make_env(settings.path("templates_dir")))
    else:  # the site-wide pages depend on every briefing: only the briefings can be told
        expected = {settings.briefings_dir / f"{d.slug}.md": "" for d in work.documents}
    kept = work.kept_pages()
    for orphan in orphans(docs, set(expected), kept, work.state, briefings_only=not fresh):
        where = shown(orphan.path, settings)
        if orphan.removable:
            gone = (
                "its seed is gone" if orphan.rel.startswith("briefings/") else "no longer generated"
            )
            report.stale.append(f"{where}: stale, {gone}")
        else:
            report.conflicts.append(kept_message(where))
    if not fresh:
        return report
    for page, text in expected.items():
        if not page.exists() and tracked(work.state, relative(page, docs)):
            continue  # deleted by hand on purpose
        _check_page(page, text, shown(page, settings), report)
    return report


def _check_page(page: Path, sealed: str, where: str, report: CheckReport) -> None:
    if not page.exists():
        report.stale.append(f"{where}: missing")
        return
    try:
        existing = read_page(page)
        result = merge(existing, sealed, path=page)
    except HandEditConflict as exc:
        report.conflicts.append(str(exc))
        return
    for name in result.conflicts:
        report.conflicts.append(f"{where}: the {name!r} section has hand edits in conflict")
    if result.text != existing:
        report.stale.append(f"{where}: stale, differs from what the generator would write")


def keep_mine(settings: Settings, pages: set[str]) -> list[str]:
    """Resolve conflicts in favour of the hand edits; return the pages changed.

    A page no longer generated but kept for its hand-written text becomes the person's: its
    generator markers are removed, so no run touches it again.
    """
    from generator.render import make_env
    from generator.write import keep_edits

    with project_lock(settings.path("state_dir")):
        work = plan(settings)
        env = make_env(settings.path("templates_dir"))
        changed = []
        for page, text in _current_pages(work, env):
            where = shown(page, settings)
            if pages and where not in pages:
                continue
            existing = read_page(page)
            updated = keep_edits(existing, text)
            if updated != existing:
                atomic_write(page, updated)
                changed.append(where)
        if work.expected is None:
            return changed
        docs = settings.path("docs_dir")
        kept = work.kept_pages()
        for orphan in orphans(docs, set(work.expected), kept, work.state, briefings_only=False):
            where = shown(orphan.path, settings)
            if orphan.removable or (pages and where not in pages):
                continue
            atomic_write(orphan.path, adopt(read_page(orphan.path)))
            log.info("%s: now yours (its generator markers removed); no run will touch it", where)
            changed.append(where)
        return changed


def conflicts(settings: Settings) -> Iterator[tuple[str, str, str, str]]:
    """Yield (page, section, hand-edited text, generated text) for each conflict."""
    from generator.render import make_env

    work = plan(settings)
    for page, text in _current_pages(work, make_env(settings.path("templates_dir"))):
        try:
            existing = read_page(page)
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
