"""PDF documents (``.pdf``): the text layer as paragraphs, and the document's metadata."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import LoadError
from generator.loaders import register
from generator.loaders.boilerplate import clean_body
from generator.loaders.capture import library_logs, summarise
from generator.loaders.normalize import normalize_inline, normalize_text, slugify
from generator.types import Document

if TYPE_CHECKING:
    from pypdf import PdfReader

ORIGIN = "PDF metadata"

SHORT_LINE = 0.75
"""A line that ends this far short of the page's longest line, after a full stop, ends its
paragraph: text extraction gives lines, and the ragged last line is what marks a paragraph."""
HEADING_LINE = 0.5
"""A line this short without closing punctuation, followed by a capital, is a heading."""

_PDF_DATE = re.compile(r"(?:D:)?(?P<y>\d{4})(?P<m>\d{2})?(?P<d>\d{2})?")
_PLACEHOLDER_TITLE = re.compile(
    r"(?i)^(untitled.*|title|document\d*|microsoft (word|powerpoint) - .*"
    r"|.*\.(docx?|pdf|rtf|odt|pptx?|xlsx?|indd|tex|dvi|txt|qxd))$"
)
"""Titles that export tools write for the file rather than the document."""
_ENDS_SENTENCE = re.compile(r"""[.!?:;]["'”’)\]]*$""")
_BROKEN_WORD = re.compile(r"[^\W\d_]-$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # glyphs without a character

_CORRUPT = "the file is damaged or incomplete: re-export the PDF (or download it again)"


@register(".pdf")
def load_pdf(path: Path, raw: bytes) -> list[Document]:
    with library_logs("pypdf") as problems:
        reader = _open(raw, path)
        pages, empty = _pages(reader, path)
        info = _info(reader)
    if not any(pages):
        if not pages:
            raise LoadError(f"has no pages; {_CORRUPT}", path)
        raise LoadError(
            "has no text layer (scanned?); run OCR, e.g. ocrmypdf, and use the result",
            path,
        )
    warnings: list[str] = []
    if empty:
        pages_named = f"page{'s' if len(empty) > 1 else ''} {_numbers(empty)} of {len(pages)}"
        warnings.append(
            f"no text layer (scanned?) on {pages_named}, so that text is missing; run OCR, "
            "e.g. ocrmypdf, and use the result to include it"
        )
    if problems:
        warnings.append(
            f"pypdf found problems in the file ({summarise(problems)}); if text is missing "
            "or garbled, re-export the PDF"
        )
    title, author, date = info["title"], info["author"], info["date"]
    cleaned = clean_body(
        normalize_text("\n\n".join(page for page in pages if page)),
        titles=(title,) if title else (),
    )
    provenance = [(name, ORIGIN) for name, value in info.items() if value]
    if not date and (date := cleaned.date):
        provenance.append(("date", "text (dateline)"))
    return [
        Document(
            source_path=str(path),
            slug=slugify(path.stem),
            title=title,
            text=cleaned.text,
            date=date,
            author=author,
            provenance=tuple(provenance),
            warnings=tuple(warnings),
            set_aside=cleaned.set_aside,
            dateline=cleaned.dateline,
        )
    ]


def _open(raw: bytes, path: Path) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(raw))
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise LoadError(f"cannot be read as a PDF ({_describe(exc)}); {_CORRUPT}", path) from exc
    if reader.is_encrypted:
        # Many PDFs are "encrypted" only to restrict printing or copying, with an empty
        # password for reading: those open like any other.
        try:
            opened = bool(reader.decrypt(""))
        except DependencyError as exc:
            raise LoadError(
                f"is encrypted with a method that needs an extra package ({exc}); install "
                "'pypdf[crypto]', or save an unencrypted copy of the PDF",
                path,
            ) from exc
        except Exception as exc:  # as above
            raise LoadError(
                f"is encrypted and cannot be opened ({_describe(exc)}); save an unencrypted "
                "copy of the PDF",
                path,
            ) from exc
        if not opened:
            raise LoadError(
                "is encrypted (it needs a password to open); save an unencrypted copy",
                path,
            )
    return reader


def _pages(reader: PdfReader, path: Path) -> tuple[list[str], list[int]]:
    """Return each page's text as paragraphs, and the numbers of the pages without text."""
    pages: list[str] = []
    empty: list[int] = []
    try:
        for number, page in enumerate(reader.pages, start=1):
            text = "\n\n".join(paragraphs(page.extract_text()))
            pages.append(text)
            if not text:
                empty.append(number)
    except Exception as exc:  # as in _open
        where = f"page {len(pages) + 1}: " if pages else ""
        raise LoadError(
            f"cannot be read as a PDF ({where}{_describe(exc)}); {_CORRUPT}", path
        ) from exc
    return pages, empty


def paragraphs(page_text: str) -> list[str]:
    """Return the paragraphs of one page's extracted lines, line-end hyphens rejoined."""
    lines = [" ".join(_CONTROL.sub("", line).split()) for line in page_text.splitlines()]
    width = max((len(line) for line in lines), default=0)
    found: list[str] = []
    current = ""
    for line in lines:
        if not line:
            found.append(current)
            current = ""
        elif not current:
            current = line
        elif _ends_paragraph(current.rsplit("\n", 1)[-1], line, width):
            found.append(current)
            current = line
        elif _BROKEN_WORD.search(current) and line[0].islower():
            current = current[:-1] + line  # "defen-" + "ce policy"
        elif current.endswith("-"):
            current += line  # "Anglo-" + "French": a hyphenated compound
        else:
            current += "\n" + line
    found.append(current)
    return [normalize_inline(p.replace("\n", " ")) for p in found if p.strip()]


def _ends_paragraph(previous: str, line: str, width: int) -> bool:
    if _ENDS_SENTENCE.search(previous):
        return len(previous) < SHORT_LINE * width
    return (
        len(previous) < HEADING_LINE * width
        and line[0].isupper()
        and not previous.endswith((",", "-"))
    )


def _info(reader: PdfReader) -> dict[str, str | None]:
    """Return the title, author and date the PDF's document information states."""
    try:
        meta: Any = reader.metadata
        title = _text(meta.title) if meta else None
        author = _text(meta.author) if meta else None
        created = _text(meta.get("/CreationDate")) if meta else None
    except Exception:  # damaged metadata costs the fields, not the text
        return {"title": None, "author": None, "date": None}
    if title and _PLACEHOLDER_TITLE.match(title):
        title = None
    return {"title": title, "author": author, "date": pdf_date(created) if created else None}


def pdf_date(value: str) -> str | None:
    """Return a PDF date ("D:20240105093000+01'00'") as ISO, or as far as it goes ("2024-03")."""
    match = _PDF_DATE.match(value.strip())
    if match is None:
        return None
    year, month, day = match["y"], match["m"], match["d"]
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat()
        if month:
            return f"{year}-{dt.date(int(year), int(month), 1):%m}"
    except ValueError:
        return None
    return year


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return normalize_inline(str(value)) or None


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _numbers(numbers: list[int]) -> str:
    """Return "3", "3 and 5" or "3, 5, 8 and 4 more"."""
    shown = [str(n) for n in numbers[:3]]
    if len(numbers) > 3:
        return f"{', '.join(shown)} and {len(numbers) - 3} more"
    return " and ".join([", ".join(shown[:-1]), shown[-1]]) if len(shown) > 1 else shown[0]
