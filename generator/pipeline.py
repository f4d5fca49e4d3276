"""The only place the stages meet: seeds → documents → briefings → pages."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import Settings
from generator.errors import GeneratorError, HandEditConflict, LoadError
from generator.loaders import is_seed, load
from generator.loaders.normalize import slugify
from generator.types import Briefing, Document
from generator.write import Written, is_generated, untouched, write_page

log = logging.getLogger("generator")

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, seed)`` after each document is analysed."""


@dataclass
class Report:
    briefings: list[Briefing] = field(default_factory=list)
    written: list[Written] = field(default_factory=list)
    failures: list[GeneratorError] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for w in self.written if w.status == status)

    def summary(self) -> str:
        parts = [
            f"{len(self.briefings)} briefing(s)",
            f"{self.count('created')} created",
            f"{self.count('updated')} updated",
            f"{self.count('unchanged')} unchanged",
        ]
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} hand-edit conflict(s)")
        if self.failures:
            parts.append(f"{len(self.failures)} seed(s) failed")
        return ", ".join(parts)


def shown(path: Path, settings: Settings) -> str:
    """Return ``path`` relative to the project when it is inside it."""
    try:
        return str(path.resolve().relative_to(settings.project_dir))
    except ValueError:
        return str(path)


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


def load_all(paths: list[Path], settings: Settings, report: Report) -> list[Document]:
    """Load every seed; failures are logged and collected, never fatal to the others."""
    documents: list[Document] = []
    slugs: set[str] = set()
    for path in paths:
        try:
            document = load(
                path, max_bytes=settings.max_seed_bytes, display_path=shown(path, settings)
            )
        except LoadError as exc:
            log.error("%s", exc)
            report.failures.append(exc)
            continue
        slug = unique_slug(document.slug, path, slugs)
        slugs.add(slug)
        if slug != document.slug:
            from dataclasses import replace

            document = replace(document, slug=slug)
        documents.append(document)
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


def analyse(
    documents: list[Document], settings: Settings, progress: Progress | None = None
) -> Iterator[Briefing]:
    """Yield the briefing of each document (spaCy's ``nlp.pipe`` parses them in batches)."""
    from generator.extract import build_briefing
    from generator.extract._nlp import pipeline_for

    if not documents:
        return
    nlp = pipeline_for(settings)
    texts = (d.text for d in documents)
    for done, (document, doc) in enumerate(
        zip(documents, nlp.pipe(texts, batch_size=16), strict=True), start=1
    ):
        yield build_briefing(document, settings, doc)
        if progress is not None:
            progress(done, len(documents), document.source_path)


def run(settings: Settings, progress: Progress | None = None) -> Report:
    """Generate every briefing page and the home page under ``settings.docs_dir``."""
    from generator.render import make_env, render, render_index

    report = Report()
    paths = discover(settings)
    documents = load_all(paths, settings, report)
    env = make_env(settings.path("templates_dir"))
    out_dir = settings.briefings_dir
    for briefing in analyse(documents, settings, progress):
        report.briefings.append(briefing)
        page = out_dir / f"{briefing.document.slug}.md"
        _write(page, render(briefing, env), settings, report)
    expected = {d.slug for d in documents} | {slugify(p.stem) for p in paths}
    _remove_stale(out_dir, expected, settings, report)
    listing = sorted(report.briefings, key=_listing_order)
    _write(settings.path("docs_dir") / "index.md", render_index(listing, env), settings, report)
    return report


def _listing_order(briefing: Briefing) -> tuple[int, str, str]:
    date = briefing.document.date or ""
    iso = len(date) >= 10 and date[:4].isdigit() and date[4] == "-"
    # Newest first: invert the ISO date's characters so an ascending sort puts it first.
    inverted = "".join(chr(0x7F - ord(c)) for c in date) if iso else ""
    return (0 if iso else 1, inverted, briefing.title.lower())


def _write(page: Path, text: str, settings: Settings, report: Report) -> None:
    try:
        written = write_page(page, text, force=settings.force)
    except HandEditConflict as exc:
        log.warning("%s", exc)
        report.conflicts.append(str(exc))
        return
    report.written.append(written)
    merge = written.merge
    if merge is None:
        return
    where = shown(page, settings)
    for name in merge.kept:
        log.info("%s: kept the hand-edited %s section", where, name)
    for name in merge.conflicts:
        message = (
            f"{where}: the {name!r} section was edited by hand and the generator's text changed "
            "too; your text is kept. Run with --force to take the generated text instead"
        )
        log.warning("%s", message)
        report.conflicts.append(message)
    for name in merge.overwritten:
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
            log.info("%s: removed (its seed is gone)", where)
        else:
            message = f"{where}: its seed is gone but the page has hand edits; kept"
            log.warning("%s", message)
            report.conflicts.append(message)
