"""What makes regeneration incremental: a cache of analysed seeds and the run's state.

Everything lives under ``<project>/.briefing/`` (``Settings.state_dir``):

- ``cache/<key>.json``: one analysed seed, the briefing and its sealed page, keyed by the
  hash of the normalised document, the generator's own code (its fingerprint) and the
  settings that shape output. An unchanged seed is never analysed twice.
- ``state.json``: for each page the last run generated, the key it was generated from and the
  parts of that key, so ``briefing check`` can tell what is stale and why, and a page a
  person deleted is not brought back.

Both are written atomically; a run killed at any point leaves them old or new, never torn.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from generator import __version__
from generator.config import Settings
from generator.types import Briefing, Document, from_record, to_record
from generator.write import atomic_write

log = logging.getLogger("generator")


def _sha(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


@lru_cache(maxsize=4)
def fingerprint(model: str) -> str:
    """Return the hash of everything in the generator that shapes a page.

    The package's code, templates and data, the spaCy version and the pipeline's version:
    editing any of them makes every page stale, without anyone bumping a version number.
    """
    from importlib import metadata, util

    parts = [__version__.encode()]
    package = resources.files("generator")
    for path in sorted(Path(str(package)).rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".yml", ".yaml"):
            parts += [str(path.relative_to(Path(str(package)))).encode(), path.read_bytes()]
    try:
        parts.append(metadata.version("spacy").encode())
    except metadata.PackageNotFoundError:
        parts.append(b"no spacy")
    spec = util.find_spec(model)
    meta = Path(spec.origin).parent / "meta.json" if spec and spec.origin else None
    parts.append(meta.read_bytes() if meta and meta.exists() else model.encode())
    return _sha(*parts)[:16]


def settings_hash(settings: Settings) -> str:
    """Return the hash of the settings and user files that change what a page says."""
    parts = [settings.model.encode(), str(settings.max_actors).encode()]
    aliases = settings.path("aliases_file")
    parts.append(aliases.read_bytes() if aliases.is_file() else b"no aliases")
    templates = settings.path("templates_dir")
    if templates.is_dir():
        for path in sorted(templates.rglob("*")):
            if path.is_file():
                parts += [str(path.relative_to(templates)).encode(), path.read_bytes()]
    return _sha(*parts)[:16]


def document_hash(document: Document) -> str:
    """Return the hash of a normalised document (its text, metadata, path and slug)."""
    return _sha(json.dumps(asdict(document), sort_keys=True).encode())[:16]


@dataclass(frozen=True)
class Key:
    document: str
    generator: str
    settings: str

    @property
    def value(self) -> str:
        return f"{self.document}-{self.generator}-{self.settings}"

    def reason_against(self, recorded: dict[str, str]) -> str:
        """Return why a page generated under ``recorded`` is stale under this key."""
        if recorded.get("document") != self.document:
            return "its seed changed"
        if recorded.get("generator") != self.generator:
            return "the generator changed"
        return "the settings, aliases or templates changed"


def keys_for(documents: list[Document], settings: Settings) -> dict[str, Key]:
    """Return each document's cache key by slug; the generator and settings parts are
    computed once per run (they read the package, the alias file and the templates)."""
    generator, shaping = fingerprint(settings.model), settings_hash(settings)
    return {d.slug: Key(document_hash(d), generator, shaping) for d in documents}


@dataclass(frozen=True)
class Entry:
    briefing: Briefing
    page: str
    """The sealed page the generator would write (before merging with hand edits)."""


class Cache:
    """Analysed seeds on disk, one JSON file per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, key: Key) -> Path:
        return self.folder / f"{key.value}.json"

    def get(self, key: Key) -> Entry | None:
        path = self._file(key)
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            return Entry(from_record(record["briefing"]), record["page"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.info("%s: unreadable cache entry (%s); analysing again", path, exc)
            return None

    def put(self, key: Key, entry: Entry) -> None:
        record = {"briefing": to_record(entry.briefing), "page": entry.page}
        atomic_write(self._file(key), json.dumps(record, ensure_ascii=False))

    def prune(self, keep: set[str]) -> None:
        """Delete entries no current seed uses, so the cache does not grow without bound."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)


STATE_VERSION = 2
_PAGE_KEYS = ("seed", "document", "generator", "settings")


class _BadState(ValueError):
    """``state.json`` does not have the shape this version writes."""


@dataclass
class State:
    """What the last run generated.

    ``pages``: briefing slug → {seed, wanted, document, generator, settings}; ``wanted`` is the
    name the seed asked for (its file name), so a seed keeps the page name it was given for
    as long as it exists. ``written``: every page the generator owns (path under
    ``docs_dir``) → the hash of the whole page it would write, so that a page is deleted only
    when it is still byte for byte what the generator wrote, and a page deleted by hand is
    known as such.
    """

    path: Path
    pages: dict[str, dict[str, str]] = field(default_factory=dict)
    written: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> State:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("%s: unreadable state (%s); it is a cache: rebuilding it", path, exc)
            return cls(path)
        try:
            return cls(path, *_parse_state(json.loads(text)))
        except (ValueError, RecursionError) as exc:
            log.warning(
                "%s: not the state this version writes (%s); it is a cache: rebuilding it "
                "(pages deleted by hand may come back, and pages of removed seeds are kept)",
                path,
                exc,
            )
            return cls(path)

    @staticmethod
    def record(seed: str, key: Key, wanted: str | None = None) -> dict[str, str]:
        """Return the state row of a page generated from ``seed`` under ``key``."""
        row = {
            "seed": seed,
            "document": key.document,
            "generator": key.generator,
            "settings": key.settings,
        }
        if wanted is not None:
            row["wanted"] = wanted
        return row

    def save(self) -> None:
        data = {
            "version": STATE_VERSION,
            "pages": dict(sorted(self.pages.items())),
            "written": {k: sorted(set(v)) for k, v in sorted(self.written.items())},
        }
        atomic_write(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")


def _parse_state(data: Any) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    """Return the pages and written hashes of ``data``, or raise ``_BadState`` saying why."""
    if not isinstance(data, dict):
        raise _BadState(f"a JSON object was expected, got {type(data).__name__}")
    pages = data.get("pages", {})
    written = data.get("written", {})
    if not isinstance(pages, dict) or not isinstance(written, dict):
        raise _BadState("'pages' and 'written' must be JSON objects")
    checked: dict[str, dict[str, str]] = {}
    for slug, row in pages.items():
        if not isinstance(row, dict) or not all(isinstance(row.get(k), str) for k in _PAGE_KEYS):
            raise _BadState(f"page {slug!r} lacks one of {', '.join(_PAGE_KEYS)}")
        if not all(isinstance(v, str) for v in row.values()):
            raise _BadState(f"page {slug!r} has a value that is not text")
        checked[slug] = dict(row)
    hashes: dict[str, list[str]] = {}
    for page, value in written.items():
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise _BadState(f"written page {page!r} must list hashes")
        hashes[page] = list(values)
    return checked, hashes
