"""Read a seed file into a normalised ``Document``; one loader per suffix, in a registry."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import stat
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
    from generator.loaders.discover import is_backup

    return path.is_file() and not is_backup(path.name)


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
    markup = _MARKUP.get(suffix, 1)
    raw = read_seed(path, shown, max_bytes * markup, markup)
    empty = LoadError(
        "file is empty (no text to analyse); add the document's text or delete it", shown
    )
    if not raw.strip():
        raise empty
    loaded = _run_loader(loader, suffix, Path(shown), raw)
    documents = [_checked_date(d) for d in loaded if d.text.strip()]
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


def read_seed(path: Path, shown: str, limit: int, markup: int = 1) -> bytes:
    """Return the bytes of the seed, refusing what is not a regular file or is over ``limit``.

    The file is opened without blocking and checked on the open descriptor: a FIFO named like
    a seed must not hang the run (``briefing show`` waited forever on one).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        fix = (
            "make it readable (chmod u+r) or move it out of the seeds folder"
            if isinstance(exc, PermissionError)
            else "check that the file exists and can be read"
        )
        raise LoadError(f"cannot read the file ({exc.strerror or exc}); {fix}", shown) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
            raise LoadError(f"is {kind}, not a document; give the path of a file", shown)
        size = info.st_size
        if size > limit:
            allowance = f" for this format ({markup} × max_seed_bytes)" if markup > 1 else ""
            raise LoadError(
                f"file is {human_size(size)}, over the {human_size(limit)} limit"
                f"{allowance}; split it into smaller documents or raise max_seed_bytes in "
                "briefing.toml",
                shown,
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:  # the file grew since it was measured
            raise LoadError(f"file is over the {human_size(limit)} limit; split it", shown)
        return raw
    except OSError as exc:
        raise LoadError(
            f"cannot read the file ({exc.strerror or exc}); check its permissions", shown
        ) from exc
    finally:
        os.close(fd)


def _checked_date(document: Document) -> Document:
    """Return ``document`` without a date that looks numeric but is no date, with a warning.

    The timeline files "2024-01-<b>" or "0000-00-00" under a month as if they were dates; a
    partial date ("2024-03", "mid-November") is kept as written.
    """
    date = document.date
    if not date or not (len(date) >= 10 and date[:4].isdigit() and date[4] == date[7] == "-"):
        return document
    if _ISO.fullmatch(date):
        try:
            dt.date.fromisoformat(date)
            return document
        except ValueError:
            pass
    return dataclasses.replace(
        document,
        date=None,
        provenance=tuple(p for p in document.provenance if p[0] != "date"),
        warnings=(*document.warnings, f"the date {date!r} is not a real date; it was ignored"),
    )


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _run_loader(loader: Loader, suffix: str, path: Path, raw: bytes) -> list[Document]:
    """Run ``loader``; any failure of its own or of a library it uses is this seed's error."""
    try:
        return loader(path, raw)
    except LoadError:
        raise
    except ImportError as exc:
        package = exc.name or str(exc)
        raise LoadError(
            f"cannot read {suffix} files: the library {package!r} failed to import ({exc}); "
            "reinstall the generator's dependencies (pip install -e .) to read this seed",
            path,
        ) from exc
    except RecursionError as exc:
        raise LoadError(
            "is nested too deeply to read; simplify the file or save its text as .txt", path
        ) from exc
    except Exception as exc:  # one seed that breaks a library must not stop the others
        raise LoadError(
            f"could not be read ({type(exc).__name__}: {exc}); save its text as .txt, or "
            "report the file if it opens elsewhere",
            path,
        ) from exc


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
    warning naming the encoding). A NUL byte anywhere, or control characters, mean a binary
    file.
    """
    if b"\x00" in raw:
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
