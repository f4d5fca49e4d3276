"""Writing pages without ever losing a hand edit (the cog checksum model).

Generated text sits between ``<!-- generator:start NAME -->`` and
``<!-- generator:end NAME sum=HASH -->``; the front matter carries its own
``# generator:front-matter sum=HASH`` line. HASH is the checksum of the text the generator
wrote. On regeneration a block whose text still matches its checksum follows the seed; a
block a person edited is kept as they left it (a conflict when the generator's text changed
too, overwritten only with ``force``). Text outside the markers is kept byte for byte, and a
page whose bytes would not change is not rewritten, so ``mkdocs serve`` does not loop.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import HandEditConflict

_START = re.compile(r"^<!-- generator:start ([a-z0-9-]+) -->\n", re.M)
_END = "<!-- generator:end {name}{sum} -->"
_END_ANY = re.compile(r"^<!-- generator:end ([a-z0-9-]+)(?: sum=([0-9a-f]+))? -->(?:\n|\Z)", re.M)
_FRONT_MATTER = re.compile(r"\A---\n(.*?)^---(?:\n|\Z)", re.S | re.M)
_FM_SUM = re.compile(r"^# generator:front-matter sum=([0-9a-f]+)\n", re.M)
FRONT_MATTER = "front-matter"


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Block:
    name: str
    body: str
    recorded: str | None

    @property
    def edited(self) -> bool:
        return self.recorded is None or checksum(self.body) != self.recorded

    def text(self) -> str:
        if self.name == FRONT_MATTER:
            return f"---\n{self.body}# generator:front-matter sum={self.recorded}\n---\n"
        end = _END.format(name=self.name, sum=f" sum={self.recorded}" if self.recorded else "")
        return f"<!-- generator:start {self.name} -->\n{self.body}{end}\n"


@dataclass(frozen=True)
class Page:
    segments: tuple[str | Block, ...]

    @property
    def blocks(self) -> dict[str, Block]:
        return {s.name: s for s in self.segments if isinstance(s, Block)}

    def text(self) -> str:
        return "".join(s if isinstance(s, str) else s.text() for s in self.segments)


def parse_page(text: str) -> Page:
    """Split a page into its managed blocks and the free text around them."""
    segments: list[str | Block] = []
    rest = text
    fm = _FRONT_MATTER.match(rest)
    if fm and _FM_SUM.search(fm.group(1)):
        content = fm.group(1)
        recorded = _FM_SUM.search(content)
        assert recorded is not None
        segments.append(Block(FRONT_MATTER, _FM_SUM.sub("", content, count=1), recorded.group(1)))
        rest = rest[fm.end() :]
    position = 0
    while (start := _START.search(rest, position)) is not None:
        end = _END_ANY.search(rest, start.end())
        if end is None or end.group(1) != start.group(1):
            break  # an unbalanced marker: everything from here on is free text
        if start.start() > position:
            segments.append(rest[position : start.start()])
        segments.append(Block(start.group(1), rest[start.end() : end.start()], end.group(2)))
        position = end.end()
    if position < len(rest):
        segments.append(rest[position:])
    return Page(tuple(segments))


def seal(rendered: str) -> str:
    """Return the rendered page with the checksum of every block written into its markers."""
    page = parse_page(_mark_front_matter(rendered))
    return Page(
        tuple(
            Block(s.name, s.body, checksum(s.body)) if isinstance(s, Block) else s
            for s in page.segments
        )
    ).text()


def _mark_front_matter(rendered: str) -> str:
    fm = _FRONT_MATTER.match(rendered)
    if not fm or _FM_SUM.search(fm.group(1)):
        return rendered
    return f"---\n{fm.group(1)}# generator:front-matter sum=0\n---\n{rendered[fm.end() :]}"


@dataclass
class Merge:
    text: str
    kept: list[str] = field(default_factory=list)
    """Hand-edited blocks kept; the generator's text for them did not change."""
    conflicts: dict[str, str] = field(default_factory=dict)
    """Hand-edited blocks kept although the generator's text changed: name → new text."""
    overwritten: list[str] = field(default_factory=list)
    """Hand-edited blocks replaced because ``force`` was given."""


def merge(existing: str, sealed: str, *, force: bool = False, path: Path | None = None) -> Merge:
    """Return the page to write: ``sealed``'s blocks where untouched, the person's elsewhere."""
    old = parse_page(existing)
    new_blocks = parse_page(sealed).blocks
    if not old.blocks:
        raise HandEditConflict(
            "this page has no generator markers, so a person wrote it; it is left alone. "
            "Rename it or the seed to generate the briefing",
            path,
        )
    result = Merge(text="")
    segments: list[str | Block] = []
    for segment in old.segments:
        if isinstance(segment, str):
            segments.append(segment)
            continue
        fresh = new_blocks.get(segment.name)
        if not segment.edited:
            if fresh is not None:
                segments.append(fresh)
            continue  # untouched and no longer generated: it goes
        if fresh is None or fresh.recorded == segment.recorded:
            result.kept.append(segment.name)
            segments.append(segment)
        elif force:
            result.overwritten.append(segment.name)
            segments.append(fresh)
        else:
            result.conflicts[segment.name] = fresh.text()
            segments.append(segment)
    result.text = Page(tuple(segments)).text()
    return result


def keep_edits(existing: str, sealed: str) -> str:
    """Return ``existing`` with its conflicting blocks marked as reviewed against ``sealed``.

    The person's text stays; its end marker takes the checksum of the generator's current text,
    so the block is no longer in conflict until the generator's text changes again.
    """
    fresh = parse_page(sealed).blocks
    segments: list[str | Block] = []
    for segment in parse_page(existing).segments:
        if isinstance(segment, Block) and segment.edited and segment.name in fresh:
            segment = Block(segment.name, segment.body, fresh[segment.name].recorded)
        segments.append(segment)
    return Page(tuple(segments)).text()


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename: old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Written:
    path: Path
    status: str
    """``created``, ``updated`` or ``unchanged``."""
    merge: Merge | None = None


def write_page(path: Path, text: str, *, force: bool = False, sealed: bool = False) -> Written:
    """Write the page to ``path``, keeping hand edits; skip unchanged bytes.

    ``text`` is the rendered page, or with ``sealed`` the page ``seal`` already returned.
    """
    sealed_text = text if sealed else seal(text)
    if not path.exists():
        atomic_write(path, sealed_text)
        return Written(path, "created")
    existing = path.read_text(encoding="utf-8")
    result = merge(existing, sealed_text, force=force, path=path)
    if result.text == existing:
        return Written(path, "unchanged", result)
    atomic_write(path, result.text)
    return Written(path, "updated", result)


def is_generated(path: Path) -> bool:
    """Return True when ``path`` carries generator markers."""
    try:
        return bool(parse_page(path.read_text(encoding="utf-8")).blocks)
    except (OSError, UnicodeDecodeError):
        return False


def untouched(path: Path) -> bool:
    """Return True when no generated block of ``path`` was edited by hand."""
    blocks = parse_page(path.read_text(encoding="utf-8")).blocks
    return bool(blocks) and not any(b.edited for b in blocks.values())
