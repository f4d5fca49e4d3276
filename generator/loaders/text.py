"""Plain text (``.txt``) and Markdown (``.md``, with optional YAML front matter)."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from generator.errors import LoadError
from generator.loaders import decode_text, register
from generator.loaders.boilerplate import clean_body, kind_of
from generator.loaders.metadata import impossible_date, normalise_date, read_dateline
from generator.loaders.normalize import normalize_inline, normalize_text, slugify
from generator.loaders.yamlsafe import load_yaml, yaml_problem
from generator.types import Document

FRONT_MATTER_KEYS = ("title", "date", "source", "url", "tags", "author")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


HEADLINE_WORDS = (2, 20)
"""A first line of this many words (inclusive), with no final stop, reads as a headline."""
_NOT_A_HEADLINE_END = (".", ",", ";", ":", "…", "—")


@register(".txt")
def load_text(path: Path, raw: bytes) -> list[Document]:
    text, warnings = decode_text(raw, str(path))
    title, body = split_headline(normalize_text(text))
    cleaned = clean_body(body, titles=(title,) if title else ())
    provenance = [("title", "first line")] if title else []
    if cleaned.date:
        provenance.append(("date", "text (dateline)"))
    return [
        Document(
            source_path=str(path),
            slug=slugify(path.stem),
            title=title,
            text=cleaned.text,
            date=cleaned.date,
            provenance=tuple(provenance),
            warnings=warnings,
            set_aside=cleaned.set_aside,
            dateline=cleaned.dateline,
        )
    ]


def split_headline(text: str) -> tuple[str | None, str]:
    """Return the text's first line as its title when it reads as a headline, and the rest.

    A headline is short (``HEADLINE_WORDS``), has no final stop, and is followed by more
    text; a dateline, a byline or a credit is not one.
    """
    first, _, rest = text.partition("\n\n")
    words = len(first.split())
    if (
        not rest.strip()
        or not HEADLINE_WORDS[0] <= words <= HEADLINE_WORDS[1]
        or first.endswith(_NOT_A_HEADLINE_END)
        or not (first[:1].isupper() or first[:1].isdigit() or first[:1] in "\"'")
        or kind_of(first) is not None
        or read_dateline(text).dateline == first
    ):
        return None, text
    return first, rest


@register(".md", ".markdown")
def load_markdown(path: Path, raw: bytes) -> list[Document]:
    text, warnings = decode_text(raw, str(path))
    meta, body = split_front_matter(text, path)
    heading, plain = markdown_to_text(body)
    normalized = normalize_text(plain)
    if not normalized:
        raise LoadError("has front matter but no body text; add the document's text", path)
    titles = tuple(t for t in (_as_text(meta.get("title"), "title", path), heading) if t)
    cleaned = clean_body(normalized, titles=titles)
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
    elif cleaned.date:
        date = cleaned.date
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
            text=cleaned.text,
            date=date,
            tags=_as_tags(meta.get("tags"), path),
            provenance=tuple(provenance),
            warnings=warnings,
            source=source,
            url=url,
            author=author,
            set_aside=cleaned.set_aside,
            dateline=cleaned.dateline,
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
        meta = load_yaml(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        raise LoadError(f"front matter {yaml_problem(exc, first_line=2)}", path) from exc
    except RecursionError as exc:
        raise LoadError("front matter is nested too deeply; simplify it", path) from exc
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
    """Return an ISO date for a full date; any other text is kept exactly as written.

    A value shaped like a numeric date that is no date ("0000-00-00", "2024-02-30") is
    refused: shown as written it would pass for a date on the timeline.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _as_text(value, "date", path)
    if text and (problem := impossible_date(text)):
        raise LoadError(
            f"front matter 'date' {text!r} {problem}; write a real date (YYYY-MM-DD), or remove it",
            path,
        )
    return normalise_date(text) if text else None


def _as_tags(value: Any, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise LoadError("front matter 'tags' must be a list or comma-separated text", path)
    for number, item in enumerate(items, start=1):
        if isinstance(item, (list, dict, bool)):
            kind = {list: "a list", dict: "a mapping", bool: "true/false"}[type(item)]
            raise LoadError(
                f"front matter 'tags' must be a flat list of text, but tag {number} is {kind}; "
                "write each tag as text on its own '- ' line (quote yes/no/true/false)",
                path,
            )
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
