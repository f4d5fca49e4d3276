"""Read a seed file into a normalised ``Document``; one loader per suffix, in a registry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.errors import LoadError
from generator.types import Document

Loader = Callable[[Path, str], Document]
"""A loader gets the path and its decoded text, and returns the document."""

_LOADERS: dict[str, Loader] = {}


def register(*suffixes: str) -> Callable[[Loader], Loader]:
    """Register a loader for the given suffixes (``".txt"``)."""

    def decorate(loader: Loader) -> Loader:
        for suffix in suffixes:
            _LOADERS[suffix.lower()] = loader
        return loader

    return decorate


def known_suffixes() -> tuple[str, ...]:
    return tuple(sorted(_LOADERS))


def is_seed(path: Path) -> bool:
    """Return True for files the loaders claim; hidden and editor backup files are not seeds."""
    return path.is_file() and not path.name.startswith((".", "~")) and not path.name.endswith("~")


def load(path: Path, *, max_bytes: int = 1_000_000, display_path: str | None = None) -> Document:
    """Return the document in ``path`` or raise ``LoadError`` naming the file and the fix."""
    shown = display_path or str(path)
    suffix = path.suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        known = ", ".join(known_suffixes())
        raise LoadError(
            f"no loader for {suffix or 'files without a suffix'!r}; known: {known}. "
            "Convert the file to one of these formats or move it out of seeds/",
            shown,
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"cannot read the file ({exc.strerror})", shown) from exc
    if size > max_bytes:
        raise LoadError(
            f"file is {human_size(size)}, over the {human_size(max_bytes)} limit; split it "
            "into smaller documents or raise max_seed_bytes in briefing.toml",
            shown,
        )
    raw = path.read_bytes()
    text = decode(raw, shown)
    if not text.strip():
        raise LoadError(
            "file is empty (no text to analyse); add the document's text or delete it", shown
        )
    return loader(Path(shown), text)


def human_size(size: int) -> str:
    """Return ``size`` bytes as "12 bytes", "3.4 kB" or "5.0 MB"."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1e6:.1f} MB"


def decode(raw: bytes, shown: str) -> str:
    """Return ``raw`` decoded as UTF-8 (BOM allowed), refusing binary data."""
    if b"\x00" in raw[:8192]:
        raise LoadError(
            "looks like a binary file (it contains NUL bytes), not text; export the document "
            "as plain text (.txt) or Markdown (.md)",
            shown,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "re-save the file with UTF-8 encoding",
            shown,
        ) from exc


# Importing the loader modules registers them.
from generator.loaders import text as _text  # noqa: E402, F401
