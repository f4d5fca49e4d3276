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
import stat
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.errors import HandEditConflict

# Markers end with "\n" or, on a page an editor saved with Windows line endings, "\r\n".
_START = re.compile(r"^<!-- generator:start ([a-z0-9-]+) -->(\r?\n)", re.M)
_END = "<!-- generator:end {name}{sum} -->"
_END_ANY = re.compile(
    r"^<!-- generator:end ([a-z0-9-]+)(?: sum=([0-9a-f]+))? -->(?:\r?\n|\Z)", re.M
)
_FRONT_MATTER = re.compile(r"\A---(\r?\n)(.*?)^---(?:\r?\n|\Z)", re.S | re.M)
_FM_SUM = re.compile(r"^# generator:front-matter sum=([0-9a-f]+)\r?\n", re.M)
FRONT_MATTER = "front-matter"


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def page_hash(text: str) -> str:
    """Return the hash of a whole page: what ``.briefing/state.json`` records as written."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class Block:
    name: str
    body: str
    recorded: str | None
    eol: str = "\n"
    """The line ending of the block's markers: "\r\n" on a page saved with Windows endings."""

    @property
    def edited(self) -> bool:
        # Line endings alone are not an edit: an editor may convert a whole page to CRLF.
        return self.recorded is None or checksum(self.body.replace("\r\n", "\n")) != self.recorded

    def with_eol(self, eol: str) -> Block:
        """Return the block written with ``eol`` line endings (a generated block has "\n")."""
        if eol == self.eol:
            return self
        return Block(self.name, self.body.replace("\n", eol), self.recorded, eol)

    def text(self) -> str:
        eol = self.eol
        if self.name == FRONT_MATTER:
            return f"---{eol}{self.body}# generator:front-matter sum={self.recorded}{eol}---{eol}"
        end = _END.format(name=self.name, sum=f" sum={self.recorded}" if self.recorded else "")
        return f"<!-- generator:start {self.name} -->{eol}{self.body}{end}{eol}"


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
    if fm and _FM_SUM.search(fm.group(2)):
        content = fm.group(2)
        recorded = _FM_SUM.search(content)
        assert recorded is not None
        body = _FM_SUM.sub("", content, count=1)
        segments.append(Block(FRONT_MATTER, body, recorded.group(1), fm.group(1)))
        rest = rest[fm.end() :]
    position = 0
    while (start := _START.search(rest, position)) is not None:
        end = _END_ANY.search(rest, start.end())
        if end is None or end.group(1) != start.group(1):
            break  # an unbalanced marker: everything from here on is free text
        if start.start() > position:
            segments.append(rest[position : start.start()])
        body = rest[start.end() : end.start()]
        segments.append(Block(start.group(1), body, end.group(2), start.group(2)))
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
    if not fm or _FM_SUM.search(fm.group(2)):
        return rendered
    return f"---\n{fm.group(2)}# generator:front-matter sum=0\n---\n{rendered[fm.end() :]}"


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
                segments.append(fresh.with_eol(segment.eol))
            continue  # untouched and no longer generated: it goes
        if fresh is None or fresh.recorded == segment.recorded:
            result.kept.append(segment.name)
            segments.append(segment)
        elif force:
            result.overwritten.append(segment.name)
            segments.append(fresh.with_eol(segment.eol))
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
            segment = Block(segment.name, segment.body, fresh[segment.name].recorded, segment.eol)
        segments.append(segment)
    return Page(tuple(segments)).text()


def adopt(text: str) -> str:
    """Return the page without its generator markers: a page a person owns from now on.

    Only the marker lines (and the front matter's checksum line) go; every other byte stays.
    """
    segments: list[str] = []
    for segment in parse_page(text).segments:
        if isinstance(segment, str):
            segments.append(segment)
        elif segment.name == FRONT_MATTER:
            segments.append(f"---{segment.eol}{segment.body}---{segment.eol}")
        else:
            segments.append(segment.body)
    return "".join(segments)


def read_page(path: Path) -> str:
    """Return the page's text exactly as stored: no newline translation, so a CR survives."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HandEditConflict(
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}), so it is "
            "left alone; re-save it as UTF-8 or delete it",
            path,
        ) from exc


@lru_cache(maxsize=1)
def _umask() -> int:
    """Return the process's umask (read without changing it where Linux allows)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """Return the permissions to write ``path`` with: its own, else what the umask allows."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename: old or new, never half.

    The bytes are written as given (no newline translation); the file gets the permissions
    it had, or those the umask gives a new file (``mkstemp`` alone would make it 0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
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
    existing = read_page(path)
    result = merge(existing, sealed_text, force=force, path=path)
    if result.text == existing:
        return Written(path, "unchanged", result)
    atomic_write(path, result.text)
    return Written(path, "updated", result)


def is_generated(path: Path) -> bool:
    """Return True when ``path`` carries generator markers."""
    try:
        return bool(parse_page(read_page(path)).blocks)
    except (OSError, HandEditConflict):
        return False


def untouched(path: Path) -> bool:
    """Return True when no generated block of ``path`` was edited by hand.

    Only the blocks are checked: whether a page may be deleted is decided on its whole
    content instead (``pipeline``: the page must still be exactly what the generator wrote).
    """
    blocks = parse_page(read_page(path)).segments
    found = [b for b in blocks if isinstance(b, Block)]
    return bool(found) and not any(b.edited for b in found)
