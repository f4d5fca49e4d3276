"""Word documents (``.docx``): paragraphs and tables as text, core properties as metadata."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import LoadError
from generator.loaders import human_size, register
from generator.loaders.boilerplate import clean_body
from generator.loaders.normalize import normalize_inline, normalize_text, slugify
from generator.types import Document

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

ORIGIN = "DOCX properties"

MAX_UNPACKED = 100_000_000
"""A .docx is a ZIP archive: a small file can unpack to gigabytes (a "zip bomb")."""

# python-docx's blank template stamps every new file with these; they describe the template.
_TEMPLATE_AUTHOR = "python-docx"
_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)


@register(".docx")
def load_docx(path: Path, raw: bytes) -> list[Document]:
    word = _open(raw, path)
    title: str | None = None
    paragraphs: list[str] = []
    for block in _blocks(word):
        style, text = block
        if not text:
            continue
        if style == "Title" and title is None and not paragraphs:
            title = text
        elif not style.startswith(("Heading", "Title")):
            paragraphs.append(text)  # section headings are navigation, as in Markdown
    text = normalize_text("\n\n".join(paragraphs))
    if not text:
        raise LoadError("has no text (no paragraphs or tables); add the text or delete it", path)
    core = word.core_properties
    cleaned = clean_body(text, titles=(t for t in (core.title, title) if t))
    provenance: list[tuple[str, str]] = []
    if stated := normalize_inline(core.title or ""):
        title = stated
        provenance.append(("title", ORIGIN))
    elif title:
        provenance.append(("title", "title style"))
    date = None
    if core.created is not None and core.created != _TEMPLATE_CREATED:
        date = core.created.date().isoformat()
        provenance.append(("date", ORIGIN))
    elif date := cleaned.date:
        provenance.append(("date", "text (dateline)"))
    author = normalize_inline(core.author or "") or None
    if author == _TEMPLATE_AUTHOR:
        author = None
    if author:
        provenance.append(("author", ORIGIN))
    return [
        Document(
            source_path=str(path),
            slug=slugify(path.stem),
            title=normalize_inline(title) if title else None,
            text=cleaned.text,
            date=date,
            author=author,
            provenance=tuple(provenance),
            set_aside=cleaned.set_aside,
            dateline=cleaned.dateline,
        )
    ]


def _open(raw: bytes, path: Path) -> WordDocument:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LoadError(
            f"is not a .docx file ({exc}): it is damaged, or an old .doc renamed; open it in "
            "Word or LibreOffice and save it again as .docx",
            path,
        ) from exc
    if "word/document.xml" not in names:
        raise LoadError(
            "is a ZIP archive but not a Word document (no word/document.xml); save the "
            "document as .docx from Word or LibreOffice",
            path,
        )
    if unpacked > MAX_UNPACKED:
        raise LoadError(
            f"unpacks to {human_size(unpacked)}, over the {human_size(MAX_UNPACKED)} limit for "
            "a .docx; save the text as .txt, or split the document",
            path,
        )
    import docx

    try:
        return docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx and lxml raise many kinds
        raise LoadError(
            f"cannot be read as a Word document ({type(exc).__name__}: {exc}); open it in "
            "Word or LibreOffice and save it again as .docx",
            path,
        ) from exc


def _blocks(word: WordDocument) -> list[tuple[str, str]]:
    """Return (style name, text) for each paragraph and table row, in reading order."""
    from docx.table import Table

    blocks: list[tuple[str, str]] = []
    for item in word.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = normalize_inline(cell.text)
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                blocks.append(("Table", " | ".join(cells)))
        else:
            style = item.style.name if item.style is not None else ""
            blocks.append((style or "", normalize_inline(item.text)))
    return blocks
