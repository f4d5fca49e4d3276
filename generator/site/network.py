"""Actor networks (who appears with whom) drawn as static SVG: no JavaScript, no CDN.

The nodes are placed by networkx (a force-directed layout, or a centre and a ring for an
actor's own network); this module only scales that layout to the picture and puts each
label inside it, where it touches no other label and no node.

Every label is sized here, not by the browser: it carries ``textLength``, so it is drawn
exactly as wide as it was measured whatever the reader's font, and its box is known. The
picture is ``WIDTH`` units wide and its text ``FONT`` units high; it scales with the page
(see briefing.css), and at 390 px (a phone: the article is about 358 px wide) the text is
``FONT * 358 / WIDTH`` = 11 px or more.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 520.0
"""Width of every drawing, in SVG user units."""
FONT = 16.0
"""Label font size in user units: at 358 px across (a 390 px phone) that is 11 px."""
LINE = 1.2 * FONT
"""Height of a label's line."""
ASCENT, DESCENT = 0.95 * FONT, 0.25 * FONT
"""A label's box above and below its baseline: more than any common font's extent
(DejaVu Sans 0.93 / 0.24 em, Liberation Sans and Arial 0.91 / 0.21 em)."""
WRAP = 18
"""Labels longer than this many characters go on two lines."""
PAD = 4.0
"""Free space around the picture's edge, and between one footprint and the next below it."""
SPACE = 14.0
"""Free space between footprints side by side: labels on one line must not read as one."""
GAP = 3.0
"""Space between a node and its label."""
SEED = 7
"""Seed of the force-directed layout: the same actors always give the same picture."""
NODE_SPAN = 170.0
"""Width a node's neighbourhood takes across the picture: two nodes span 340 units of the 520
and sit around the middle, three or more the whole width."""
RANK_SHARE = 0.5
"""Share of a node's rank in its place in a force-directed layout (see ``_footprints``); a
ring around a centre is already evenly spread."""
MAX_SHIFT = WIDTH / 4
"""How far sideways a footprint may move from where the layout put it, to stay beside its
neighbours rather than go further down."""

# Advance widths of Helvetica (Arial has the same), in thousandths of an em, for the
# printable ASCII characters from " " on. Other characters take the width of their base letter
# ("é" as "e"), 1 em when wide (CJK), and 0.6 em otherwise.
_WIDTHS = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 "
    "556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 "
    "556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 "
    "500 500 500 334 260 334 584"
).split()
_ADVANCE = {chr(32 + i): int(w) / 1000 for i, w in enumerate(_WIDTHS)}
SAFETY = 1.1
"""Labels are measured 10% wider than Helvetica: other system fonts (San Francisco, Roboto,
DejaVu Sans) run up to that much wider, and ``textLength`` then only tightens the spacing."""


@dataclass(frozen=True)
class Node:
    name: str
    weight: int
    """Briefings the actor appears in: the circle's area grows with it."""


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def touches_circle(self, x: float, y: float, r: float) -> bool:
        nearest_x = min(max(x, self.left), self.right)
        nearest_y = min(max(y, self.top), self.bottom)
        return (nearest_x - x) ** 2 + (nearest_y - y) ** 2 < r * r

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


def text_width(text: str, size: float = FONT) -> float:
    """Return the width ``text`` is drawn at (its ``textLength``), in user units."""
    total = 0.0
    for char in text:
        if char in _ADVANCE:
            total += _ADVANCE[char]
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            total += 1.0
        else:
            base = unicodedata.normalize("NFD", char)[0]
            total += _ADVANCE.get(base, 0.6)
    return round(total * size * SAFETY, 1)


def label_lines(name: str) -> list[str]:
    """Return the name on one line, or on two balanced ones when it is long."""
    words = name.split()
    if len(name) <= WRAP or len(words) < 2:
        return [name]
    best = min(
        range(1, len(words)),
        key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))),
    )
    return [" ".join(words[:best]), " ".join(words[best:])]


def radius(weight: int, heaviest: int) -> float:
    return 4 + 8 * math.sqrt(weight / max(heaviest, 1))


@dataclass(frozen=True)
class Label:
    lines: tuple[str, ...]
    widths: tuple[float, ...]
    box: Box


def _footprints(
    points: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    height: float,
    rank_share: float,
) -> list[list[float]]:
    """Return each node's footprint (its circle, and its label below it) as [left, top,
    width, height], where the layout put the node in a picture ``height`` high.

    Each coordinate is half the layout's, scaled, and half its rank among the nodes: a
    cluster of nodes spreads out and an outlier does not push the others together.
    """
    xs = _spread([p[0] for p in points], rank_share)
    ys = _spread([p[1] for p in points], rank_share)
    # A few nodes keep near the middle rather than at the picture's far edges.
    across = min(WIDTH - 2 * PAD, NODE_SPAN * len(points))
    left = (WIDTH - across) / 2
    return [
        [left + x * (across - w), PAD + y * (height - 2 * PAD - h), w, h]
        for x, y, (w, h) in zip(xs, ys, sizes, strict=True)
    ]


def _spread(values: Sequence[float], rank_share: float) -> list[float]:
    """Return each value between 0 and 1: part its scaled value, part its rank."""
    low, high = min(values), max(values)
    if len(values) < 2 or high == low:
        return [0.5] * len(values)
    ranks = {v: i / (len(values) - 1) for i, v in enumerate(sorted(values))}
    return [rank_share * ranks[v] + (1 - rank_share) * (v - low) / (high - low) for v in values]


def _settle(boxes: list[list[float]]) -> None:
    """Move footprints so that none overlaps another, each as little as it can.

    Top to bottom, each footprint takes the free place nearest where the layout put it: there,
    else beside a footprint already placed (within ``MAX_SHIFT``), else on the first free
    level below. The last level, below every placed footprint, is always free.
    """
    placed: list[list[float]] = []
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        x, y, w, h = box
        levels = sorted({y} | {b[1] + b[3] + PAD for b in placed if b[1] + b[3] + PAD > y})
        for level in levels:
            near = [b for b in placed if b[1] < level + h + PAD and level < b[1] + b[3] + PAD]
            options = {x} | {b[0] - SPACE - w for b in near} | {b[0] + b[2] + SPACE for b in near}
            for left in sorted(options, key=lambda o: (abs(o - x), o)):
                if abs(left - x) > MAX_SHIFT or left < PAD or left + w > WIDTH - PAD:
                    continue
                if not any(left < b[0] + b[2] + SPACE and b[0] < left + w + SPACE for b in near):
                    box[0], box[1] = left, level
                    break
            else:
                continue
            break
        placed.append(box)


def layout(
    nodes: Sequence[Node], edges: dict[tuple[int, int], int], *, centre: bool
) -> tuple[list[tuple[float, float]], list[Label], float]:
    """Return each node's position, each label, and the picture's height.

    networkx places the nodes: a force-directed layout (Fruchterman-Reingold), or with
    ``centre`` the first node in the middle of a ring of the others. Each node then takes a
    footprint, its circle with its label centred below it, and footprints that overlap move
    apart: no label can cover another label or a node.
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(range(len(nodes)))
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(edges.items()))
    if centre and len(nodes) > 1:
        raw = nx.shell_layout(graph, nlist=[[0], list(range(1, len(nodes)))], rotate=0)
    elif len(nodes) > 1:
        raw = nx.forceatlas2_layout(
            graph, seed=SEED, max_iter=200, weight="weight", strong_gravity=True
        )
    else:
        raw = {0: (0.0, 0.0)}
    points = [(float(raw[i][0]), float(raw[i][1])) for i in range(len(nodes))]
    heaviest = max(n.weight for n in nodes)
    radii = [radius(n.weight, heaviest) for n in nodes]
    texts = [label_lines(n.name) for n in nodes]
    widths = [tuple(text_width(line) for line in lines) for lines in texts]
    text_heights = [LINE * (len(lines) - 1) + ASCENT + DESCENT for lines in texts]
    sizes = [
        (max(max(w) + 2, 2 * r), 2 * r + GAP + h)
        for w, r, h in zip(widths, radii, text_heights, strict=True)
    ]
    # Start about as tall as the footprints need, stacked in rows as wide as the picture.
    area = sum((w + PAD) * (h + PAD) for w, h in sizes)
    height = max(WIDTH * (0.7 if centre else 0.5), 1.3 * area / WIDTH)
    boxes = _footprints(points, sizes, height, 0.0 if centre else RANK_SHARE)
    _settle(boxes)
    top = min(b[1] for b in boxes) - PAD
    positions, labels = [], []
    for box, r, lines, w, h in zip(boxes, radii, texts, widths, text_heights, strict=True):
        x, y = box[0] + box[2] / 2, box[1] - top + r
        positions.append((x, y))
        half = (max(w) + 2) / 2
        labels.append(Label(tuple(lines), w, Box(x - half, y + r + GAP, x + half, y + r + GAP + h)))
    height = max(b[1] + b[3] for b in boxes) - top + PAD
    return positions, labels, round(height, 1)


def network_svg(
    nodes: Sequence[Node], edges: dict[tuple[int, int], int], *, title: str, centre: bool = False
) -> str:
    """Return an SVG drawing of ``nodes`` joined by weighted ``edges``.

    With ``centre``, the first node sits in the middle and the others around it (an actor and
    its co-actors). The drawing depends only on its input, so the same data always gives the
    same bytes. It is kept out of both search indexes (Material's and Pagefind's): a list of
    names run together is no search result.
    """
    if not nodes:
        return ""
    positions, labels, height = layout(nodes, edges, centre=centre)
    heaviest_edge = max(edges.values(), default=1)
    heaviest = max(n.weight for n in nodes)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {height:g}" '
        f'role="img" aria-label="{escape(title)}" class="actor-network" '
        'data-search-exclude="true" data-pagefind-ignore="all">',
        f"<title>{escape(title)}</title>",
        '<g class="edges">',
    ]
    for (a, b), weight in sorted(edges.items()):
        (x1, y1), (x2, y2) = positions[a], positions[b]
        stroke = 0.6 + 1.8 * weight / heaviest_edge
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{stroke:.2f}"><title>{escape(nodes[a].name)} and '
            f"{escape(nodes[b].name)}: {_briefings(weight)}</title></line>"
        )
    parts.append('</g><g class="nodes">')
    for (x, y), node in zip(positions, nodes, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius(node.weight, heaviest):.1f}">'
            f"<title>{escape(node.name)}: {_briefings(node.weight)}</title></circle>"
        )
    # No links inside the drawing: raw HTML hrefs would break in the file:// build, where
    # page URLs differ; the list below each drawing links every actor.
    parts.append(f'</g><g class="labels" font-size="{FONT:g}" text-anchor="middle">')
    for label in labels:
        box = label.box
        middle = (box.left + box.right) / 2
        for number, (line, length) in enumerate(zip(label.lines, label.widths, strict=True)):
            parts.append(
                f'<text x="{middle:.1f}" y="{box.top + ASCENT + number * LINE:.1f}" '
                f'textLength="{length:g}">{escape(line)}</text>'
            )
    parts.append("</g></svg>")
    return "".join(parts)


def _briefings(count: int) -> str:
    return f"{count} briefing{'s' if count != 1 else ''}"
