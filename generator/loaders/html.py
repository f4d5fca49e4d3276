"""HTML pages (``.html``, ``.htm``): the main text and the page's metadata, via trafilatura."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from generator.errors import LoadError
from generator.loaders import decode_text, register
from generator.loaders.boilerplate import clean_body, fold, thin_warning
from generator.loaders.metadata import iso_date, metadata_date, numeric_date
from generator.loaders.normalize import normalize_inline, normalize_text, slugify
from generator.loaders.webpage import (
    EXTRACTION,
    captions,
    choose_main_text,
    json_ld_scripts,
    json_ld_values,
    standfirst,
    with_standfirst,
)
from generator.types import Document

ORIGIN = "page metadata"

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

These, JSON-LD ``datePublished`` and ``<time pubdate>`` come first; then a date the title
ends with ("… | DW | 19.01.2020"); then htmldate, held to the page's markup (see
``published_date``): in its default search it pads partial dates to the 1st of the month and
guesses from free text, and a briefing must never show a date the page never gave."""

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


MARKUP_ALLOWANCE = 5
"""A saved news page is mostly markup and scripts: 0.7-1.3 MB for 5-10 kB of article text
(benchmarks/extraction.py's pages). Pages may weigh this many times ``max_seed_bytes``."""


@register(".html", ".htm", markup=MARKUP_ALLOWANCE)
def load_html(path: Path, raw: bytes) -> list[Document]:
    text, warnings = decode_html(raw, str(path))
    tree = parse_html(text, path)
    import trafilatura
    from trafilatura.settings import Document as Extracted

    try:
        result = trafilatura.bare_extraction(tree, with_metadata=True, **EXTRACTION)
    except Exception as exc:  # one hostile page must not stop the run
        raise LoadError(
            f"trafilatura could not extract the page ({type(exc).__name__}: {exc}); save "
            "the article's text as .txt, or fix the page's markup",
            path,
        ) from exc
    meta = result if isinstance(result, Extracted) else None
    extracted = (meta.text or "") if meta else ""
    sitename = normalize_inline(meta.sitename) if meta and meta.sitename else None
    main = choose_main_text(tree, with_standfirst(extracted, standfirst(tree, sitename)))
    if not main.text.strip():
        raise LoadError(
            "no main text found in the page (it may be empty, only navigation, or built by "
            "JavaScript); save the article's text as .txt instead",
            path,
        )
    headings = page_headings(tree)
    raw_title = page_title(tree) or (normalize_inline(meta.title) if meta and meta.title else None)
    title, title_date = clean_title(raw_title, sitename, headings) if raw_title else (None, None)
    cleaned = clean_body(
        # trafilatura puts one block (paragraph, heading, list item) per line.
        normalize_text("\n\n".join(main.text.splitlines())),
        titles=(t for t in (title, raw_title, *headings[:1]) if t),
        captions=captions(tree),
    )
    date, date_origin = published_date(tree, title_date)
    if date is None and cleaned.date:
        date, date_origin = cleaned.date, "text (dateline)"
    fields = {
        "title": title,
        "source": sitename,
        "url": normalize_inline(meta.url) if meta and meta.url else None,
        "author": normalize_inline(meta.author) if meta and meta.author else None,
    }
    values = {**fields, "date": date}
    origins = {**dict.fromkeys(fields, ORIGIN), "date": date_origin}
    provenance = [
        (name, origins[name])
        for name in ("title", "date", "source", "url", "author")
        if values[name]
    ]
    if main.via:
        provenance.append(("text", main.via))
    thin = thin_warning(cleaned)
    return [
        Document(
            source_path=str(path),
            slug=slugify(path.stem),
            title=title,
            text=cleaned.text,
            date=date,
            source=fields["source"],
            url=fields["url"],
            author=fields["author"],
            provenance=tuple(provenance),
            warnings=(*warnings, thin) if thin else warnings,
            set_aside=cleaned.set_aside,
            dateline=cleaned.dateline,
            thin=thin is not None,
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
    for data in json_ld_scripts(tree):
        candidates += [v for v in json_ld_values(data, "datePublished", 10) if isinstance(v, str)]
    candidates += [
        str(time.get("datetime"))
        for time in tree.iter("time")
        if time.get("datetime")
        and (time.get("itemprop") == "datePublished" or time.get("pubdate") is not None)
    ]
    dates = [d for d in (metadata_date(c) for c in candidates) if d]
    # A full date anywhere beats a partial one ("2024") listed first.
    return next((d for d in dates if _ISO_DATE.fullmatch(d)), dates[0] if dates else None)


# Markup htmldate must not read: links (a teaser's date is another page's), the text itself
# (a date in a sentence is an event), and the furniture around it.
_NOT_FOR_HTMLDATE = ".//a|.//p|.//li|.//blockquote|.//figure|.//aside|.//nav|.//footer|.//table"


def published_date(tree: Any, title_date: str | None) -> tuple[str | None, str]:
    """Return the page's publication date and where it came from.

    The page's metadata first (``stated_date``), then a date its title ends with, then
    htmldate on the page without its text and links, in its markup-only mode
    (``extensive_search=False``), which reads ``<time>``, dated elements and the URL but
    never pads a partial date.
    """
    date = stated_date(tree)
    if date:
        return date, ORIGIN
    if title_date:
        return title_date, f"{ORIGIN} (title)"
    import copy

    import htmldate

    bare = copy.deepcopy(tree)
    for element in bare.xpath(_NOT_FOR_HTMLDATE):
        if element.getparent() is not None:
            element.drop_tree()
    try:
        found = htmldate.find_date(bare, extensive_search=False, original_date=True)
    except Exception:  # a date is optional: a page htmldate cannot read still loads
        found = None
    return (found, f"{ORIGIN} (htmldate)") if found else (None, ORIGIN)


_TITLE_SEPARATOR = re.compile(r" (?:\||\u2014|\u2013|-|·|•|»|::) ")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([\w-]+)\.[a-z]{2,}(?:\.[a-z]{2})?/?$", re.I)


TITLE_META = ("og:title", "twitter:title")


def page_title(tree: Any) -> str | None:
    """Return the page's title as it states it: Open Graph first, then ``<title>``.

    trafilatura's own title is not used first: for a ``<title>`` it guesses which part is the
    headline, and "SimplyScience - Wie entsteht Erdöl?" became "SimplyScience".
    """
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in TITLE_META and (content := normalize_inline(meta.get("content") or "")):
            return content
    element = tree.find(".//title")
    text = normalize_inline(element.text_content()) if element is not None else ""
    return text or None


def page_headings(tree: Any) -> list[str]:
    """Return the page's level-1 headings, as normalised text, in order."""
    headings = (normalize_inline(h.text_content()) for h in tree.iter("h1"))
    return [h for h in headings if h]


def clean_title(title: str, sitename: str | None, headings: list[str]) -> tuple[str, str | None]:
    """Return the title without the site's name and sections, and the date it ends with.

    "Berlin confronts … | DW | 19.01.2020" → ("Berlin confronts …", "2020-01-19"). A part is
    the site's when it is (part of) the site's name or domain, or a section name after a
    "|"; the part the page's own heading repeats is the headline. A headline's own dashes
    ("Bad Grades – Until Now") stay, since neither part is the site's.
    """
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) == 1:
        # A lone word ("escenic") names the site's software, not the story.
        lone = len(title.split()) == 1 and _long_heading(headings)
        return lone or title, None
    site = fold(_DOMAIN.sub(r"\1", sitename)) if sitename else ""
    date = None
    for part in parts:
        found = numeric_date(part) or (iso_date(part) if len(part) <= 30 else None)
        if found and len(part.split()) <= 4:
            date = date or found
    keep = [
        p
        for p in parts
        if not (numeric_date(p) or (iso_date(p) and len(p) <= 30)) and not _is_site(p, site)
    ]
    folded_headings = {fold(h) for h in headings}
    for part in keep:
        if fold(part) in folded_headings:
            return part, date
    if " | " in title and keep:
        # After a "|" come the site's sections ("| Education | The Guardian"): the headline
        # is the first long part.
        return next((p for p in keep if len(p.split()) >= 3), keep[0]), date
    return _rejoin(title, keep), date


def _long_heading(headings: list[str]) -> str | None:
    return next((h for h in headings if len(h.split()) >= 3), None)


def _is_site(part: str, site: str) -> bool:
    key = fold(_DOMAIN.sub(r"\1", part))
    return bool(site and key and (key in site or site in key))


def _rejoin(title: str, keep: list[str]) -> str:
    """Return the kept parts as ``title`` had them, with their own separators."""
    if not keep:
        return title
    start = title.index(keep[0])
    return title[start : title.rindex(keep[-1]) + len(keep[-1])]
