"""RSS and Atom feeds (``.rss``, ``.atom``, feed ``.xml``): one document per entry."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
from contextlib import suppress
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from generator.errors import LoadError
from generator.loaders import register
from generator.loaders.boilerplate import clean_body
from generator.loaders.capture import MAX_LISTED
from generator.loaders.metadata import metadata_date
from generator.loaders.normalize import normalize_inline, normalize_text, slugify
from generator.types import Document

ORIGIN = "feed entry"

_NUMBER = re.compile(r"\d+")
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?")
_MONTH_NAMES = ("jan feb mar apr may jun jul aug sep oct nov dec").split()
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@register(".rss", ".atom", ".xml")
def load_feed(path: Path, raw: bytes) -> list[Document]:
    # Bytes, never text: feedparser.parse fetches a string that looks like a URL.
    import feedparser

    parsed: Any = feedparser.parse(raw)
    if not parsed.get("version"):
        problem = f" ({parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
        if path.suffix.lower() == ".xml":
            raise LoadError(
                f"is not an RSS or Atom feed{problem}; only feeds are read from .xml files: "
                "save the document as .txt or .md, or move it out of seeds/",
                path,
            )
        raise LoadError(
            f"is not a readable RSS or Atom feed{problem}; check that the file is the feed "
            "itself (not a web page about it), or save its text as .txt",
            path,
        )
    source = normalize_inline(_plain(parsed.feed, "title")) or None
    documents: list[Document] = []
    skipped: list[str] = []
    for number, entry in enumerate(parsed.entries, start=1):
        document = _entry_document(path, number, entry, source)
        if document is None:
            skipped.append(f"feed entry {number} skipped: no text")
        else:
            documents.append(document)
    if not documents:
        why = f"its {len(parsed.entries)} entries have no text" if parsed.entries else "no entries"
        raise LoadError(f"feed has no usable entry ({why}); check the feed's content", path)
    warnings: list[str] = []
    if parsed.get("bozo"):
        warnings.append(
            f"the feed is not well-formed ({parsed.get('bozo_exception')}); its entries were "
            "read leniently, so check them against the source"
        )
    warnings += skipped[:MAX_LISTED]
    if len(skipped) > MAX_LISTED:
        warnings.append(f"{len(skipped) - MAX_LISTED} more feed entries skipped: no text")
    documents[0] = replace(documents[0], warnings=(*documents[0].warnings, *warnings))
    return documents


def _entry_document(path: Path, number: int, entry: Any, source: str | None) -> Document | None:
    title = normalize_inline(_plain(entry, "title")) or None
    cleaned = clean_body(normalize_text(_entry_text(entry)), titles=(title,) if title else ())
    if not cleaned.text:
        return None
    detail = entry.get("author_detail") or {}
    author = normalize_inline(detail.get("name") or entry.get("author") or "") or None
    url = (entry.get("link") or "").strip() or None
    date = entry_date(entry)
    provenance = [
        (name, ORIGIN)
        for name, value in (("title", title), ("date", date), ("url", url), ("author", author))
        if value
    ]
    if not date and (date := cleaned.date):
        provenance.append(("date", "text (dateline)"))
    if source:
        provenance.append(("source", "feed title"))
    stem = slugify(path.stem)
    return Document(
        source_path=f"{path}#{number}",
        slug=slugify(f"{stem}-{slugify(title or str(number))}"),
        title=title,
        text=cleaned.text,
        date=date,
        source=source,
        url=url,
        author=author,
        provenance=tuple(provenance),
        set_aside=cleaned.set_aside,
        dateline=cleaned.dateline,
    )


def _plain(item: Any, key: str) -> str:
    """Return a title-like field as plain text (feeds may give it as HTML)."""
    value = item.get(key) or ""
    detail = item.get(f"{key}_detail") or {}
    return (
        html_to_text(value)
        if detail.get("type") in {"text/html", "application/xhtml+xml"}
        else value
    )


def _entry_text(entry: Any) -> str:
    """Return the longest of the entry's content and summary, as plain text."""
    parts = [*entry.get("content", []), entry.get("summary_detail") or {}]
    texts = [
        part.get("value") or ""
        if part.get("type") == "text/plain"
        else html_to_text(part.get("value") or "")
        for part in parts
    ]
    return max(texts, key=len, default="")


def entry_date(entry: Any) -> str | None:
    """Return the entry's published (else updated) date: ISO when it is a full date."""
    for key in ("published", "updated"):
        # `in` first: feedparser answers a missing "updated" with "published", and warns.
        written = " ".join(((entry.get(key) if key in entry else None) or "").split())
        found = metadata_date(written) if written else None
        if found and _ISO_DATE.fullmatch(found):
            return found
        name = f"{key}_parsed"
        parsed: time.struct_time | None = entry.get(name) if name in entry else None
        # feedparser reads formats the date helpers do not ("Fri, 5 Jan 24 10:00 GMT"), but
        # it pads "2024", "2024-03" or "2024-03 10:00" to a full date: its reading counts
        # only when the date as written states that day, month and year.
        if parsed is not None:
            # The RFC 822 date as written, not feedparser's, which is moved to UTC.
            local = email.utils.parsedate_tz(written)
            year, month, day = local[:3] if local else parsed[:3]
            if states_date(written, year, month, day):
                with suppress(ValueError):
                    return dt.date(year, month, day).isoformat()
        if found:
            return found
    return None


def states_date(written: str, year: int, month: int, day: int) -> bool:
    """Return True when ``written`` states this year, month and day (not a time's numbers)."""
    text = _TIME.sub(" ", written)
    numbers = [int(n) for n in _NUMBER.findall(text)]
    words = {w.lower()[:3] for w in re.findall(r"[A-Za-z]+", text)}
    # A two-digit year ("5 Jan 24") is feedparser's to expand.
    for stated in (year, year % 100):
        if stated in numbers:
            numbers.remove(stated)
            break
    else:
        return False
    if _MONTH_NAMES[month - 1] not in words:
        if month not in numbers:
            return False
        numbers.remove(month)
    return day in numbers


_BLOCKS = {
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_SKIPPED = {"script", "style", "template", "noscript"}


class _Stripper(HTMLParser):
    """Collect the text of an HTML fragment, a paragraph break at each block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(" ".join(data.split("\n")))


def html_to_text(fragment: str) -> str:
    """Return the plain text of an HTML fragment, paragraphs separated by blank lines."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    stripper = _Stripper()
    stripper.feed(fragment)
    stripper.close()
    return "".join(stripper.parts)
