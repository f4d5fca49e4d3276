"""Actor networks (who appears with whom) drawn as static SVG: no JavaScript, no CDN."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

SIZE = 640
"""Width and height of the drawing, in SVG user units (it scales to the page width)."""


@dataclass(frozen=True)
class Node:
    name: str
    weight: int
    """Briefings the actor appears in: the circle's area grows with it."""


def network_svg(
    nodes: list[Node], edges: dict[tuple[int, int], int], *, title: str, centre: bool = False
) -> str:
    """Return an SVG drawing of ``nodes`` on a circle joined by weighted ``edges``.

    With ``centre``, the first node sits in the middle (an actor and its co-actors). The
    layout depends only on the input order, so the same data always gives the same bytes.
    """
    if not nodes:
        return ""
    half = SIZE / 2
    ring = half - 170
    positions: list[tuple[float, float]] = []
    around = nodes[1:] if centre else nodes
    if centre:
        positions.append((half, half))
    for index in range(len(around)):
        angle = 2 * math.pi * index / max(len(around), 1) - math.pi / 2
        positions.append((half + ring * math.cos(angle), half + ring * math.sin(angle)))
    heaviest = max(edges.values(), default=1)
    biggest = max(n.weight for n in nodes)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'role="img" aria-label="{escape(title)}" class="actor-network">',
        f"<title>{escape(title)}</title>",
    ]
    for (a, b), weight in sorted(edges.items()):
        (x1, y1), (x2, y2) = positions[a], positions[b]
        width = 0.5 + 4 * weight / heaviest
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{width:.2f}" class="edge"><title>{escape(nodes[a].name)} and '
            f"{escape(nodes[b].name)}: {weight} briefing(s)</title></line>"
        )
    for index, node in enumerate(nodes):
        x, y = positions[index]
        radius = 5 + 13 * math.sqrt(node.weight / biggest)
        anchor = "middle" if centre and index == 0 else ("start" if x >= half else "end")
        dx = 0 if anchor == "middle" else (radius + 4 if anchor == "start" else -radius - 4)
        dy = -radius - 6 if anchor == "middle" else 4
        # No links inside the drawing: raw HTML hrefs would break in the file:// build,
        # where page URLs differ; the list below each drawing links every actor.
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" class="node">'
            f"<title>{escape(node.name)}: {node.weight} briefing(s)</title></circle>"
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">'
            f"{escape(node.name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
