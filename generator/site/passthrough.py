"""Let the generator's own HTML skip Markdown: it is HTML already.

A briefing page carries three kinds of HTML the generator wrote: the "Source text" block (a
``<details>`` element, every sentence with its anchor), dozens of citation links
(``<a class="cite" href="#s3">[s3]</a>``) and the comment markers around each generated
section. Python-Markdown copies them to its output unchanged, but first runs block HTML
through an HTML parser and tries every inline pattern around each inline tag: measured on
benchmark pages, that is a third of a page's Markdown time (source text 14%, citations 22%,
markers 15%).

In a generated section no one has edited (its checksum still matches, see
``generator.write``), ``set_aside`` replaces the ``<details>`` blocks with placeholder
paragraphs and the citations with placeholder words, and drops the marker comments (they
only matter in the Markdown file); ``SetAside.restore`` puts the HTML back into the page's
HTML. An edited section is Markdown's to render, like any other text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from generator.write import parse_page

RAW_BLOCK = re.compile(r"^<details\b[^\n]*\n.*?^</details>\n", re.S | re.M)
"""A raw HTML block as the templates write it: ``<details`` at the start of a line, to the
``</details>`` that closes it at the start of a line."""

CITATION = re.compile(r'<a class="cite" href="#[A-Za-z0-9_-]+">\[[A-Za-z0-9_-]+\]</a>')
"""A citation link as ``generator.render.cites`` writes it."""

_ID = re.compile(r'\bid="([^"]+)"')


@dataclass
class SetAside:
    """HTML taken out of one page's Markdown, to put back into its HTML."""

    key: str
    """Part of every placeholder: a digest of the page, so no text of the page contains it."""
    blocks: list[str] = field(default_factory=list)
    inline: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.blocks or self.inline)

    def block_placeholder(self, index: int) -> str:
        return f"briefingblock{self.key}x{index}"

    def inline_placeholder(self, index: int) -> str:
        return f"briefinginline{self.key}x{index}"

    def anchors(self) -> set[str]:
        """Return the ids the set-aside HTML defines (MkDocs checks links to them)."""
        return {found for html in self.blocks for found in _ID.findall(html)}

    def restore(self, html: str) -> str:
        def block(match: re.Match[str]) -> str:
            return self.blocks[int(match.group(1))].rstrip("\n")

        def inline(match: re.Match[str]) -> str:
            return self.inline[int(match.group(1))]

        html = re.sub(f"<p>briefingblock{self.key}x([0-9]+)</p>", block, html)
        return re.sub(f"briefinginline{self.key}x([0-9]+)", inline, html)


def set_aside(markdown: str) -> tuple[str, SetAside]:
    """Return the Markdown with the generator's HTML in unedited sections replaced by
    placeholders (and their markers dropped), and what was set aside."""
    aside = SetAside(hashlib.sha1(markdown.encode("utf-8")).hexdigest()[:12])

    def swap_block(match: re.Match[str]) -> str:
        aside.blocks.append(match.group(0))
        return f"\n{aside.block_placeholder(len(aside.blocks) - 1)}\n\n"

    def swap_inline(match: re.Match[str]) -> str:
        aside.inline.append(match.group(0))
        return aside.inline_placeholder(len(aside.inline) - 1)

    parts = []
    untouched = False
    for segment in parse_page(markdown).segments:
        if isinstance(segment, str):
            parts.append(segment)
        elif segment.edited:  # a checksum per section, computed once
            parts.append(segment.text())
        else:
            untouched = True
            # Blank lines where the markers were keep the sections apart, as the markers did.
            body = CITATION.sub(swap_inline, RAW_BLOCK.sub(swap_block, segment.body))
            parts.append(f"\n{body}\n")
    return ("".join(parts) if untouched else markdown), aside
