"""Plain text (``.txt``) and Markdown (``.md``, with optional YAML front matter)."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from generator.errors import LoadError
from generator.loaders import decode_text, register
from generator.loaders.metadata import dateline, normalise_date
from generator.loaders.normalize import normalize_inline, normalize_text, slugify
from generator.types import Document

FRONT_MATTER_KEYS = ("title", "date", "source", "url", "tags", "author")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


@register(".txt")
def load_text(path: Path, raw: bytes) -> list[Document]:
    text, warnings = decode_text(raw, str(path))
    normalized = normalize_text(text)
    date = dateline(normalized)
    return [
        Document(
            source_path=str(path),
            slug=slugify(path.stem),
            title=None,
            text=normalized,
            date=date,
            provenance=(("date", "text (dateline)"),) if date else (),
            warnings=warnings,
        )
    ]


@register(".md", ".markdown")
def load_markdown(path: Path, raw: bytes) -> list[Document]:
    text, warnings = decode_text(raw, str(path))
    meta, body = split_front_matter(text, path)
    heading, plain = markdown_to_text(body)
    normalized = normalize_text(plain)
    if not normalized:
        raise LoadError("has front matter but no body text; add the document's text", path)
    provenance = []
    title = _as_text(meta.get("title"), "title", path)
    if title:
        provenance.append(("title", "front matter"))
    elif heading:
        title = heading
        provenance.append(("title", "first heading"))
    date = _as_date(meta.get("date"), path)
    if date:
        provenance.append(("date", "front matter"))
    elif found := dateline(normalized):
        date = found
        provenance.append(("date", "text (dateline)"))
    source, url, author = (_as_text(meta.get(k), k, path) for k in ("source", "url", "author"))
    provenance += [
        (key, "front matter")
        for key, value in (("source", source), ("url", url), ("author", author))
        if value
    ]
    return [
        Document(
            source_path=str(path),
            slug=slugify(path.stem),
            title=normalize_inline(title) if title else None,
            text=normalized,
            date=date,
            tags=_as_tags(meta.get("tags"), path),
            provenance=tuple(provenance),
            warnings=warnings,
            source=source,
            url=url,
            author=author,
        )
    ]


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """Return the YAML front matter (``{}`` if none) and the body after it."""
    text = text.replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        raise LoadError(
            f"front matter is not valid YAML ({exc}); fix it or remove it", path
        ) from exc
    if not isinstance(meta, dict):
        raise LoadError(
            "front matter must be a YAML mapping (key: value lines) like 'title: ...'", path
        )
    return meta, text[match.end() :]


def _as_text(value: Any, key: str, path: Path) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return normalize_inline(str(value)) or None
    hint = " (YAML reads yes/no/true/false as booleans: put the value in quotes)"
    raise LoadError(
        f"front matter {key!r} must be text, got {type(value).__name__}"
        + (hint if isinstance(value, bool) else ""),
        path,
    )


def _as_date(value: Any, path: Path) -> str | None:
    """Return an ISO date for a full date; any other text is kept exactly as written."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _as_text(value, "date", path)
    return normalise_date(text) if text else None


def _as_tags(value: Any, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise LoadError("front matter 'tags' must be a list or comma-separated text", path)
    tags = (normalize_inline(str(item)) for item in items if item is not None)
    return tuple(dict.fromkeys(tag for tag in tags if tag))


_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "div", "dd"}


class _TextCollector(HTMLParser):
    """Collect the text of rendered Markdown, one paragraph per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._tag = "p"
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
            self._tag = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
            self._tag = "p"  # text after a heading closes is body text, not more heading

    def handle_data(self, data: str) -> None:
        self._parts.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.blocks.append((self._tag, text))
        self._parts = []

    def close(self) -> None:
        super().close()
        self._flush()


def markdown_to_text(body: str) -> tuple[str | None, str]:
    """Return the first level-1 heading (as title) and the body as plain paragraphs."""
    import markdown

    collector = _TextCollector()
    collector.feed(markdown.markdown(body, output_format="html"))
    collector.close()
    title = None
    paragraphs: list[str] = []
    for tag, text in collector.blocks:
        if tag == "h1" and title is None and not paragraphs:
            title = text
        elif tag.startswith("h"):
            continue  # section headings are navigation, not statements to analyse
        else:
            paragraphs.append(text)
    return title, "\n\n".join(paragraphs)
