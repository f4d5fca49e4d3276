"""Which pages the generator owns, and what it may do with them.

- A seed keeps its page name for as long as it exists: ``.briefing/state.json`` records the
  name each seed was given (``names``), so a seed added later never takes it over.
- A page is deleted only when its whole content is still what the generator wrote: the state
  records the hash of every page it writes (``written``). A page with anything else in it
  (notes outside the markers, text after a damaged marker, a duplicated section, a copy made
  by hand) is kept and reported, and ``briefing check`` fails until someone decides:
  delete it, or make it theirs with ``briefing keep PAGE`` (which removes its markers).
- A page the generator wrote and a person deleted stays deleted (``--force`` brings it back).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from generator.cache import State
from generator.errors import HandEditConflict
from generator.loaders.normalize import slugify
from generator.types import Document
from generator.write import page_hash, parse_page, read_page

FOLDERS = ("briefings", "actors", "timeline")
"""Folders under ``docs_dir`` holding generated pages (and any copy of one)."""
LOOSE_PAGES = ("search.md",)
"""Generated pages directly under ``docs_dir`` that a setting may stop generating."""
_SEED_LINE = re.compile(r'^seed: (".*")\r?$', re.M)


def relative(page: Path, docs: Path) -> str:
    """Return the page's path under ``docs_dir`` as the state records it ("actors/x.md")."""
    return page.relative_to(docs).as_posix()


@dataclass(frozen=True)
class Names:
    """The page name each seed had: by (seed, name it asked for), and by seed alone."""

    by_wanted: dict[tuple[str, str], str]
    by_seed: dict[str, str]

    def get(self, seed: str, wanted: str) -> str | None:
        return self.by_wanted.get((seed, wanted)) or self.by_seed.get(seed)


def previous_names(state: State, briefings: Path) -> Names:
    """Return the names the last run gave; without a state, read them off the pages."""
    by_wanted: dict[tuple[str, str], str] = {}
    by_seed: dict[str, str] = {}
    for slug, row in sorted(state.pages.items()):
        if "wanted" in row:
            by_wanted.setdefault((row["seed"], row["wanted"]), slug)
        else:
            by_seed.setdefault(row["seed"], slug)
    if state.pages or not briefings.is_dir():
        return Names(by_wanted, by_seed)
    # The state was deleted: each page still says which seed it came from (``seed:`` in its
    # front matter), so a seed keeps its page even then. A copy names the same seed too: the
    # page whose name the seed would ask for anyway wins, else the shortest name.
    import json

    found: dict[str, list[str]] = {}
    for page in sorted(briefings.glob("*.md")):
        try:
            head = read_page(page)[:4000]
        except (OSError, HandEditConflict):
            continue
        match = _SEED_LINE.search(head)
        if match:
            try:
                seed = json.loads(match.group(1))
            except ValueError:
                continue
            if isinstance(seed, str):
                found.setdefault(seed, []).append(page.stem)
    for seed, stems in found.items():
        natural = slugify(Path(re.sub(r"(#|:)\d+$", "", seed)).stem)
        by_seed[seed] = min(stems, key=lambda stem: (stem != natural, len(stem), stem))
    return Names(by_wanted, by_seed)


def tracked(state: State, rel: str) -> bool:
    """Return True when the last run owned the page ``rel`` (so a missing one was deleted)."""
    if rel in state.written:
        return True
    # A state written before pages were tracked one by one knew the briefings only.
    folder, _, name = rel.partition("/")
    return not state.written and folder == "briefings" and name[:-3] in state.pages


@dataclass(frozen=True)
class Orphan:
    """A page that exists, carries generator markers, and is no longer generated."""

    path: Path
    rel: str
    removable: bool
    """True when the page is byte for byte what the generator last wrote there."""


def orphans(
    docs: Path, expected: set[Path], keep: set[Path], state: State, *, briefings_only: bool
) -> Iterator[Orphan]:
    """Yield the generated pages not in ``expected``: under ``FOLDERS``, the loose pages, and
    any page the last run wrote (only under ``briefings/`` with ``briefings_only``).

    ``keep`` holds pages that stay although they are not generated this run (the pages of a
    seed that failed to load). Pages without markers are a person's: never yielded.
    """
    folders = FOLDERS[:1] if briefings_only else FOLDERS
    candidates: set[Path] = set()
    for folder in folders:
        if (docs / folder).is_dir():
            candidates.update((docs / folder).glob("*.md"))
    if not briefings_only:
        candidates.update(docs / name for name in LOOSE_PAGES)
    candidates.update(
        docs / rel
        for rel in state.written
        if rel.split("/", 1)[0] in folders or ("/" not in rel and not briefings_only)
    )
    for page in sorted(candidates - expected - keep):
        if not page.is_file():
            continue
        try:
            text = read_page(page)
        except (OSError, HandEditConflict):
            continue  # not text the generator could have written
        if not parse_page(text).blocks:
            continue
        rel = relative(page, docs)
        yield Orphan(page, rel, page_hash(text) in state.written.get(rel, ()))


def kept_message(where: str) -> str:
    return (
        f"{where}: no longer generated (its seed, actor or setting is gone), but it holds text "
        "the generator did not write, so it is kept. Delete it, or make it yours with: "
        f"briefing keep {where}"
    )


def assign_names(documents: list[Document], origins: list[Path], names: Names) -> list[Document]:
    """Return the documents with unique page names, each seed keeping the one it had."""
    slugs: list[str | None] = [None] * len(documents)
    taken: set[str] = set()
    for index, document in enumerate(documents):
        previous = names.get(document.source_path, document.slug)
        if previous is not None and previous not in taken:
            slugs[index] = previous
            taken.add(previous)
    for index, document in enumerate(documents):
        if slugs[index] is None:
            slug = unique_slug(document.slug, origins[index], taken)
            slugs[index] = slug
            taken.add(slug)
    return [
        d if d.slug == slug else replace(d, slug=str(slug))
        for d, slug in zip(documents, slugs, strict=True)
    ]


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
