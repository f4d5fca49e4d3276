"""HTML pages (``.html``, ``.htm``): the main text and the page's metadata, via trafilatura."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Any

from generator.errors import LoadError
from generator.loaders import decode_text, register
from generator.loaders.metadata import dateline, metadata_date
from generator.loaders.normalize import normalize_inline, normalize_text, slugify
from generator.types import Document

ORIGIN = "HTML metadata"

MAX_DEPTH = 255
"""libxml2 stops building the tree below 256 nested elements (unless told to read "huge"
trees, which also lifts its other safety limits); deeper content would be lost silently."""

DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "citation_publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
)
"""``<meta>`` names and properties that state a page's publication date, most trusted first.

trafilatura's own date (htmldate) is not used: it pads partial dates to the 1st of the
month and guesses from free text, and a briefing must never show a date the page never gave."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
# Characters XML forbids: libxml2 refuses a string that holds any of them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@register(".html", ".htm")
def load_html(path: Path, raw: bytes) -> list[Document]:
    text, warnings = decode_html(raw, str(path))
    tree = parse_html(text, path)
    date = stated_date(tree)
    import trafilatura
    from trafilatura.settings import Document as Extracted

    try:
        result = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False)
    except Exception as exc:  # one hostile page must not stop the run
        raise LoadError(
            f"trafilatura could not extract the page ({type(exc).__name__}: {exc}); save "
            "the article's text as .txt, or fix the page's markup",
            path,
        ) from exc
    if not isinstance(result, Extracted) or not (body := _main_text(result.text, result.title)):
        raise LoadError(
            "no main text found in the page (it may be empty, only navigation, or built by "
            "JavaScript); save the article's text as .txt instead",
            path,
        )
    date_origin = ORIGIN
    if date is None and (date := dateline(body)):
        date_origin = "text (dateline)"
    fields = {
        name: normalize_inline(value) if value else None
        for name, value in (
            ("title", result.title),
            ("source", result.sitename),
            ("url", result.url),
            ("author", result.author),
        )
    }
    origins = {**dict.fromkeys(fields, ORIGIN), "date": date_origin}
    values = {**fields, "date": date}
    provenance = tuple(
        (name, origins[name])
        for name in ("title", "date", "source", "url", "author")
        if values[name]
    )
    return [
        Document(
            source_path=str(path),
            slug=slugify(path.stem),
            title=fields["title"],
            text=body,
            date=date,
            source=fields["source"],
            url=fields["url"],
            author=fields["author"],
            provenance=provenance,
            warnings=warnings,
        )
    ]


def decode_html(raw: bytes, shown: str) -> tuple[str, tuple[str, ...]]:
    """Return the page's text, honouring a byte-order mark or a declared charset."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace"), ()
    head = raw[:4096]
    declared = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if declared:
        try:
            codec = codecs.lookup(declared[1].decode("ascii")).name
        except LookupError:
            codec = "utf-8"  # an unknown name: decode_text below reads it as UTF-8 or warns
        # The HTML standard reads "iso-8859-1" and "us-ascii" as Windows-1252, and a UTF-16
        # label on a page without a byte-order mark as UTF-8.
        if codec in {"iso8859-1", "ascii"}:
            codec = "cp1252"
        if codec != "utf-8" and not codec.startswith("utf-16"):
            try:
                return raw.decode(codec), ()
            except UnicodeDecodeError:
                pass  # mislabelled: fall back to sniffing
    return decode_text(raw, shown)


def parse_html(text: str, path: Path) -> Any:
    """Return the lxml tree of ``text``, refusing markup nested past the parser's limit."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
    )
    cleaned = _NOT_XML.sub("", _XML_DECLARATION.sub("", text, count=1))
    try:
        tree = lxml.html.document_fromstring(cleaned, parser=parser)
    except (ValueError, lxml.etree.LxmlError) as exc:
        raise LoadError(
            f"cannot be read as HTML ({exc}); check that it is a web page, or save its "
            "text as .txt",
            path,
        ) from exc
    if any("excessive depth" in entry.message.lower() for entry in parser.error_log):
        raise LoadError(
            f"HTML is nested more than {MAX_DEPTH} elements deep, past the parser's limit, so "
            "part of the page would be lost; save the article's text as .txt, or fix the "
            "page's markup",
            path,
        )
    return tree


def stated_date(tree: Any) -> str | None:
    """Return the publication date the page's metadata states: ISO when it is a full date."""
    by_key: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        content = meta.get("content")
        if content and key.strip().lower() in DATE_META:
            by_key.setdefault(key.strip().lower(), str(content))
    candidates = [by_key[key] for key in DATE_META if key in by_key]
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            candidates += _json_ld_dates(str(script.text))
    candidates += [
        str(time.get("datetime"))
        for time in tree.iter("time")
        if time.get("datetime")
        and (time.get("itemprop") == "datePublished" or time.get("pubdate") is not None)
    ]
    dates = [d for d in (metadata_date(c) for c in candidates) if d]
    # A full date anywhere beats a partial one ("2024") listed first.
    return next((d for d in dates if _ISO_DATE.fullmatch(d)), dates[0] if dates else None)


def _json_ld_dates(text: str) -> list[str]:
    """Return the ``datePublished`` values of a JSON-LD block (none if it is not JSON)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    found: list[str] = []
    stack: list[Any] = [data]
    while stack and len(found) < 10:  # a walk, not recursion: JSON can nest deeply too
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                found.append(value)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


def _main_text(text: str | None, title: str | None) -> str:
    """Return trafilatura's text as paragraphs, without a first line that repeats the title."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if lines and title and _same(lines[0], title):
        lines = lines[1:]
    # trafilatura puts one block (paragraph, heading, list item) per line.
    return normalize_text("\n\n".join(lines))


def _same(line: str, title: str) -> bool:
    return normalize_inline(line).casefold() == normalize_inline(title).casefold()
