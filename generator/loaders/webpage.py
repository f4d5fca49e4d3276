"""The main text of a web page: trafilatura with measured settings, and its fallbacks.

``benchmarks/extraction.py`` scores this text on 64 public pages with trafilatura's own gold
(chunks the main text must contain, and boilerplate it must not), beside trafilatura's
canonical settings; the constants below cite what it measured.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

EXTRACTION: dict[str, Any] = {
    "fast": False,
    "favor_precision": False,
    "favor_recall": False,
    "include_comments": False,
    "include_tables": True,
}
"""trafilatura's options (``bare_extraction``), chosen by measurement with this module's
fallbacks and the boilerplate filter in place (``benchmarks/extraction.py --sweep``, 64 dev
pages): tables off loses 5 of 189 gold chunks (recall 0.910); ``favor_precision`` gains half a
point of precision for two points of recall (0.972 / 0.915); ``favor_recall`` loses half a
point of precision for nothing (0.962 / 0.937). ``fast`` (no readability/justext rescue)
found one chunk more (recall 0.942), a single table row: not worth losing the rescue that
pages unlike these need. Chosen: trafilatura's canonical settings, 0.967 / 0.937."""

FALLBACK_RATIO = 2.0
"""The page's JSON-LD ``articleBody`` replaces the extracted text when it has at least this
many times its words: the extraction then caught a caption or a teaser, not the article
(scmp.com pages render their column from script, and state its text only there)."""

_RUN_ON = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z]{2}[.!?][\"\u201d])(?=[A-Z])")
_TAGS = re.compile(r"<[^>]{0,500}>")
_BLOCK_TAGS = re.compile(r"(?i)</?(?:p|div|br|li|h[1-6]|blockquote)\b[^>]{0,500}>")


@dataclass(frozen=True)
class MainText:
    text: str
    """One block (paragraph, heading, list item) per line."""
    via: str | None = None
    """Where the text came from when it is not trafilatura's extraction."""


JSON_LD = "the page's JSON-LD articleBody"


def choose_main_text(tree: Any, extracted: str) -> MainText:
    """Return the extraction, or the page's JSON-LD article body when that is much longer
    (or is what the extraction found: then with its paragraph breaks restored)."""
    bodies = sorted(json_ld_bodies(tree), key=lambda b: len(b.split()), reverse=True)
    if bodies and len(bodies[0].split()) >= FALLBACK_RATIO * max(1, len(extracted.split())):
        return MainText(bodies[0], JSON_LD)
    words = _fold(extracted)
    same = next((b for b in bodies if _fold(b) == words), None)
    return MainText(same, JSON_LD) if same else MainText(extracted)


def json_ld_scripts(tree: Any) -> Iterator[Any]:
    """Yield the parsed JSON-LD blocks of the page (those that are valid JSON)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        if not script.text:
            continue
        try:
            yield json.loads(str(script.text))
        except (ValueError, RecursionError):
            continue


def json_ld_values(data: Any, key: str, limit: int = 20) -> list[Any]:
    """Return the values of ``key`` anywhere in a JSON-LD block, in document order."""
    found: list[Any] = []
    stack: list[Any] = [data]
    while stack and len(found) < limit:  # a walk, not recursion: JSON can nest deeply
        item = stack.pop()
        if isinstance(item, dict):
            if key in item:
                found.append(item[key])
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


def json_ld_bodies(tree: Any) -> list[str]:
    """Return the article bodies the page states in JSON-LD, as one paragraph per line."""
    bodies = []
    for data in json_ld_scripts(tree):
        for key in ("articleBody", "reviewBody"):
            for value in json_ld_values(data, key):
                if isinstance(value, str) and value.strip():
                    bodies.append(_paragraphs(value))
    return [b for b in bodies if b]


def _paragraphs(value: str) -> str:
    """Return a JSON-LD body as paragraphs: its markup and entities resolved, and sentences
    run together where a paragraph break was dropped ("…drives.As AnandTech reports")."""
    text = _BLOCK_TAGS.sub("\n", html.unescape(value))
    text = html.unescape(_TAGS.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(_RUN_ON.sub("\n", line) for line in lines if line)


def captions(tree: Any) -> list[str]:
    """Return the page's image captions and alternative texts, from its markup."""
    found: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        classes = (element.get("class") or "").lower()
        if tag == "figcaption" or element.get("itemprop") == "caption" or "caption" in classes:
            found.append(element.text_content())
        elif tag == "img":
            found += [element.get("alt") or "", element.get("title") or ""]
    for data in json_ld_scripts(tree):
        found += [v for v in json_ld_values(data, "caption") if isinstance(v, str)]
    return list(dict.fromkeys(" ".join(c.split()) for c in found if c and c.strip()))


STANDFIRST_WORDS = 8
"""A description shorter than this is a tagline ("Visit the post for more."), not a dek."""


def standfirst(tree: Any, sitename: str | None = None) -> str | None:
    """Return the page's description when the page shows it (a standfirst under the
    headline), else None: a description the page never shows, shows only in its navigation
    or footer, or that names the site, is the site's tagline, not the article's."""
    names = ("description", "og:description", "twitter:description")
    values = [
        str(meta.get("content"))
        for meta in tree.iter("meta")
        if (meta.get("name") or meta.get("property") or "").strip().lower() in names
        and meta.get("content")
    ]
    for data in json_ld_scripts(tree):
        values += [v for v in json_ld_values(data, "description", 5) if isinstance(v, str)]
    candidates = [" ".join(html.unescape(v).split()) for v in values]
    site = _fold(sitename or "")
    candidates = [
        c
        for c in candidates
        if len(c.split()) >= STANDFIRST_WORDS and not (site and site in _fold(c))
    ]
    if not candidates:
        return None
    shown = _fold(_visible_text(tree))
    return next((c for c in candidates if _fold(c) in shown), None)


_HIDDEN = ("script", "style", "noscript", "template", "meta", "title", "nav", "footer", "aside")


def _visible_text(tree: Any) -> str:
    """Return the text of the page's body, less scripts, styles, navigation and footers."""
    import copy

    body = tree.find("body")
    if body is None:
        return ""
    body = copy.deepcopy(body)
    for element in list(body.iter(*_HIDDEN)):
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows the element
    return str(body.text_content())


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def with_standfirst(text: str, dek: str | None) -> str:
    """Return ``text`` opening with the page's standfirst when the extraction left it out."""
    if not dek or _fold(dek)[:80] in _fold(text):
        return text
    return f"{dek}\n{text}"
