"""Read a seed file into a normalised ``Document``; one loader per suffix, in a registry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.errors import LoadError
from generator.types import Document

Loader = Callable[[Path, bytes], list[Document]]
"""A loader gets the path (as shown to the user) and the file's bytes, and returns the
documents in it: one for most formats, one per entry for feeds and JSON Lines."""

_LOADERS: dict[str, Loader] = {}
_MARKUP: dict[str, int] = {}


def register(*suffixes: str, markup: int = 1) -> Callable[[Loader], Loader]:
    """Register a loader for the given suffixes (``".txt"``).

    ``markup`` is how many times ``max_seed_bytes`` a file of the format may weigh, when most
    of its bytes are markup rather than text; the text it yields is held to the limit itself.
    """

    def decorate(loader: Loader) -> Loader:
        for suffix in suffixes:
            _LOADERS[suffix.lower()] = loader
            _MARKUP[suffix.lower()] = markup
        return loader

    return decorate


def known_suffixes() -> tuple[str, ...]:
    return tuple(sorted(_LOADERS))


def is_seed(path: Path) -> bool:
    """Return True for files the loaders claim; hidden and editor backup files are not seeds."""
    return path.is_file() and not path.name.startswith((".", "~")) and not path.name.endswith("~")


def load_documents(
    path: Path, *, max_bytes: int = 1_000_000, display_path: str | None = None
) -> list[Document]:
    """Return the documents in ``path`` or raise ``LoadError`` naming the file and the fix."""
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
    markup = _MARKUP.get(suffix, 1)
    if size > max_bytes * markup:
        allowance = f" for this format ({markup} × max_seed_bytes)" if markup > 1 else ""
        raise LoadError(
            f"file is {human_size(size)}, over the {human_size(max_bytes * markup)} limit"
            f"{allowance}; split it into smaller documents or raise max_seed_bytes in "
            "briefing.toml",
            shown,
        )
    raw = path.read_bytes()
    empty = LoadError(
        "file is empty (no text to analyse); add the document's text or delete it", shown
    )
    if not raw.strip():
        raise empty
    documents = [d for d in loader(Path(shown), raw) if d.text.strip()]
    if not documents:
        raise empty
    longest = max(len(d.text.encode("utf-8")) for d in documents)
    if markup > 1 and longest > max_bytes:
        raise LoadError(
            f"its text is {human_size(longest)}, over the {human_size(max_bytes)} limit; split "
            "it into smaller documents or raise max_seed_bytes in briefing.toml",
            shown,
        )
    return documents


def load(path: Path, *, max_bytes: int = 1_000_000, display_path: str | None = None) -> Document:
    """Return the (first) document in ``path``; see ``load_documents`` for files of many."""
    return load_documents(path, max_bytes=max_bytes, display_path=display_path)[0]


def human_size(size: int) -> str:
    """Return ``size`` bytes as "12 bytes", "3.4 kB" or "5.0 MB"."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1e6:.1f} MB"


FALLBACK_ENCODINGS = ("cp1252", "latin-1")
"""Tried, in order, when a file is not UTF-8: Windows-1252 is what "Latin-1" text files from
Windows usually are, and Latin-1 decodes any byte."""
MAX_CONTROL_SHARE = 0.005
"""Text has (almost) no control characters; more than this share means binary data."""


def decode(raw: bytes, shown: str) -> str:
    """Return ``raw`` decoded as UTF-8 (BOM allowed), refusing binary data."""
    return decode_text(raw, shown)[0]


def decode_text(raw: bytes, shown: str) -> tuple[str, tuple[str, ...]]:
    """Return the text of ``raw`` and any warning about how it was decoded.

    UTF-8 first; otherwise Windows-1252, then Latin-1, when the result reads as text (with a
    warning naming the encoding). NUL bytes or control characters mean a binary file.
    """
    if b"\x00" in raw[:8192]:
        raise LoadError(
            "looks like a binary file (it contains NUL bytes), not text; export the document "
            "as plain text (.txt) or Markdown (.md)",
            shown,
        )
    try:
        return raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        error = exc
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
        controls += sum(1 for ch in text if 0x80 <= ord(ch) <= 0x9F)
        if controls <= MAX_CONTROL_SHARE * len(text):
            name = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}[encoding]
            return text, (
                f"not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); read as "
                f"{name}. Re-save the file as UTF-8 if any character looks wrong",
            )
    raise LoadError(
        f"is not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}) and does "
        "not read as Windows-1252 or Latin-1 text either; re-save the file with UTF-8 encoding",
        shown,
    )


def _register_all() -> None:
    """Import every module of this package: each registers its formats, so adding a format
    is adding one module. Helpers without a loader (normalize, metadata, capture) are cheap."""
    import importlib
    import pkgutil

    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")


_register_all()
