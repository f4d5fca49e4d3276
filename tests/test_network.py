"""The actor networks, read back from their SVG: no label covers another label or a node, and
everything is inside the picture, at 10, 30 and 80 actors; text legible on a phone."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from generator.render import make_env
from generator.site.network import Node, network_svg
from generator.site.pages import NETWORK_SIZE, site_pages
from generator.types import Actor, Briefing, Document, Item, PolicyShift, Summary

SVG = "{http://www.w3.org/2000/svg}"
PHONE_ARTICLE_PX = 358
"""Width of the article on a 390 px phone (Material's 0.8 rem margins): the picture's width."""
ASCENT, DESCENT = 0.93, 0.24
"""How far a line of text reaches above and below its baseline, in em: DejaVu Sans, the
tallest of the common system fonts (the browser test measures the real boxes)."""

NAMES = [
    *"Japan China Russia Ukraine Germany France India Brazil Canada Kenya Nigeria".split(),
    *"Mexico Turkey Poland Indonesia Vietnam Egypt Chile Norway Sweden Reuters AP".split(),
    "United States",
    "South Korea",
    "Kyodo News",
    "Constitutional Court of Turkey",
    "University and College Union",
    "North Atlantic Treaty Organization",
    "Academy of Motion Picture Arts and Sciences",
    "European Commission",
    "World Trade Organization",
    "International Monetary Fund",
    "Information and Communication Technologies Authority",
    "Tsai Ing-wen",
    "Ngozi Okonjo-Iweala",
    "Frühburgunder Forum",
    "Pinot Noir Précoce",
    "Chinese Academy of Sciences",
    "Shanghai Astronomical Observatory",
    "West Virginia University",
    "Screen Actors Guild",
    "Office for Students",
    "Self-Defense Forces",
    "Japanese Defense Ministry",
    "Emissions Trading System",
    "East African Community",
    "Freedom of Expression Association",
    "Universities and Colleges Employers Association",
    "Taiwan Affairs Office",
    "Democratic Progressive Party",
    "Senate Foreign Relations Committee",
    "Stimson Center",
    "Greenpeace",
    "IG BCE",
]
NAMES += [
    f"{first} {last}"
    for first in ("Maria", "Tom", "Li", "Jonas")
    for last in "Delgado Becker Wen Weber Hill Okafor Sato Novak Costa Ruiz".split()
]


@dataclass(frozen=True)
class Drawn:
    width: float
    height: float
    font: float
    circles: list[tuple[float, float, float]]
    labels: list[tuple[str, float, float, float, float]]
    """Each line of text: (text, left, top, right, bottom)."""


def read(svg: str) -> Drawn:
    root = ET.fromstring(svg)
    x0, y0, width, height = map(float, root.attrib["viewBox"].split())
    assert (x0, y0) == (0, 0)
    circles = [
        (float(c.attrib["cx"]), float(c.attrib["cy"]), float(c.attrib["r"]))
        for c in root.iter(f"{SVG}circle")
    ]
    group = root.find(f"{SVG}g[@class='labels']")
    assert group is not None
    font = float(group.attrib["font-size"])
    assert group.attrib["text-anchor"] == "middle"
    labels = []
    for text in group.iter(f"{SVG}text"):
        x, y, length = (float(text.attrib[k]) for k in ("x", "y", "textLength"))
        labels.append(
            (text.text or "", x - length / 2, y - ASCENT * font, x + length / 2, y + DESCENT * font)
        )
    return Drawn(width, height, font, circles, labels)


def problems(drawn: Drawn) -> list[str]:
    """Return every label that overlaps a label or a node, or leaves the picture."""
    found = []
    for i, (text, left, top, right, bottom) in enumerate(drawn.labels):
        if left < 0 or top < 0 or right > drawn.width or bottom > drawn.height:
            found.append(f"{text!r} is outside the picture")
        for other, o_left, o_top, o_right, o_bottom in drawn.labels[i + 1 :]:
            if left < o_right and o_left < right and top < o_bottom and o_top < bottom:
                found.append(f"{text!r} overlaps {other!r}")
        for cx, cy, r in drawn.circles:
            nearest_x, nearest_y = min(max(cx, left), right), min(max(cy, top), bottom)
            if (nearest_x - cx) ** 2 + (nearest_y - cy) ** 2 < r * r:
                found.append(f"{text!r} covers the node at ({cx}, {cy})")
    for cx, cy, r in drawn.circles:
        if cx - r < 0 or cy - r < 0 or cx + r > drawn.width or cy + r > drawn.height:
            found.append(f"the node at ({cx}, {cy}) is outside the picture")
    return found


def graph(size: int, seed: int = 1) -> tuple[list[Node], dict[tuple[int, int], int]]:
    """A network like the briefings give: each briefing joins a handful of its actors."""
    rng = random.Random(seed)
    nodes = [Node(NAMES[i], rng.randint(1, 6)) for i in range(size)]
    edges: dict[tuple[int, int], int] = {}
    for _ in range(size):
        cast = sorted(rng.sample(range(size), min(size, rng.randint(2, 6))))
        for i, a in enumerate(cast):
            for b in cast[i + 1 :]:
                edges[(a, b)] = edges.get((a, b), 0) + 1
    return nodes, edges


def test_the_checks_see_an_overlap() -> None:
    # Guard against checks that cannot fail: two labels drawn at the same place.
    svg = network_svg([Node("Japan", 1), Node("China", 1)], {(0, 1): 1}, title="t")
    one = re.search(r"<text [^>]*>Japan</text>", svg)
    assert one is not None
    clash = svg.replace("</g></svg>", one.group(0).replace("Japan", "Other") + "</g></svg>")
    assert any("overlaps" in p for p in problems(read(clash)))


@pytest.mark.parametrize("size", [10, 30, 80])
@pytest.mark.parametrize("centre", [False, True], ids=["overview", "around-an-actor"])
def test_no_label_covers_a_label_or_a_node_and_all_is_inside(size: int, centre: bool) -> None:
    nodes, edges = graph(size)
    if centre:
        edges = {**edges, **{(0, i): 1 for i in range(1, size)}}
    drawn = read(network_svg(nodes, edges, title="t", centre=centre))
    assert len(drawn.circles) == size
    assert {t for t, *_ in drawn.labels} >= {n.name for n in nodes if len(n.name) <= 18}
    assert problems(drawn) == []
    # On a phone the picture is as wide as the article: its text must still be 11 px.
    assert drawn.font * PHONE_ARTICLE_PX / drawn.width >= 11


@pytest.mark.parametrize("size", [10, 30, 80])
def test_the_picture_stays_about_as_tall_as_it_is_wide(size: int) -> None:
    nodes, edges = graph(size)
    drawn = read(network_svg(nodes, edges, title="t"))
    # No empty middle, no endless column: 80 actors (more than the site ever draws) fit in
    # two and a half widths, 25 in one and a half.
    assert drawn.height <= drawn.width * (1.5 if size <= NETWORK_SIZE + 5 else 2.5)


def test_the_same_actors_give_the_same_bytes() -> None:
    nodes, edges = graph(30)
    assert network_svg(nodes, edges, title="t") == network_svg(nodes, edges, title="t")


def briefing(number: int, cast: list[str]) -> Briefing:
    slug = f"b{number}"
    return Briefing(
        document=Document(source_path=f"seeds/{slug}.txt", slug=slug, title=None, text="x"),
        title=f"Briefing {number}",
        sentences=(),
        summary=Summary(Item("x", ("s1",)), ()),
        actors=tuple(Actor(n, "state", 1, (n,), "role", ("s1",)) for n in cast),
        policy_shift=PolicyShift(),
        open_questions=(),
    )


@pytest.mark.parametrize("size", [10, 30, 80])
def test_the_overview_draws_the_most_connected_actors_and_lists_them_all(size: int) -> None:
    rng = random.Random(size)
    names = NAMES[:size]
    corpus = [briefing(i, rng.sample(names, 5)) for i in range(size)]
    corpus.append(briefing(size, names[:3]))  # the first three appear together once more
    page = site_pages(corpus, make_env())["actors/index.md"]
    svg = page[page.index("<svg") : page.index("</svg>") + 6]
    drawn = read(svg)
    named = {a.name for b in corpus for a in b.actors}
    assert len(drawn.circles) == min(len(named), NETWORK_SIZE)
    assert problems(drawn) == []
    # The table under the picture still lists every actor.
    assert all(f"[{name}](" in page for name in named)
    if len(named) > NETWORK_SIZE:
        assert f"the {NETWORK_SIZE} most connected actors" in page
        assert "Every actor is in the table below." in page


def test_the_drawing_is_kept_out_of_both_search_indexes_and_escaped() -> None:
    svg = network_svg([Node("A <b>", 3), Node("B & C", 1)], {(0, 1): 2}, title="Who & whom")
    root = ET.fromstring(svg)
    assert root.attrib["data-search-exclude"] == "true"  # Material's (and Zensical's) search
    assert root.attrib["data-pagefind-ignore"] == "all"
    assert "<script" not in svg and "href" not in svg
    assert "A &lt;b&gt;" in svg and "B &amp; C" in svg
    assert svg.count("<circle") == 2 and svg.count("<line") == 1
    assert network_svg([], {}, title="t") == ""
