"""Cross-document pages: actor pages and overview, timeline, related briefings, networks."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.site.network import Node, network_svg
from generator.render import actor_slug, has_page, tag_anchor

if TYPE_CHECKING:
    from jinja2 import Environment

    from generator.types import Actor, Briefing

RELATED_COUNT = 3
"""Related briefings listed at the foot of each page."""
COMMON_SHARE = 0.2
"""A feature (actor or topic) in more than this share of briefings relates too many of them
to tell anything ("United States" in a US-policy corpus); it is ignored for relatedness once
the corpus has more than 20 briefings."""
MAX_HOLDERS = 100
"""Nor does one held by more than this many briefings: it adds at most log(1 + n / 100) to a
score, and walking its holders for each of them made relating briefings quadratic (20,000
briefings: 29 minutes, benchmarks/site.py, 2026-12-01). With the cap the work per briefing is
bounded and the whole is linear; below 500 briefings the 20% share binds first, so small
sites relate exactly as before."""
NETWORK_SIZE = 25
"""Actors drawn in the overview network: the most connected ones (the table below it lists
them all). At 520 units across, 25 labels legible on a phone fill a picture about as tall as
it is wide; 80 make it twice as tall."""
EGO_SIZE = 10
"""Actors drawn on an actor's page: the actor and its most frequent co-actors."""


@dataclass(frozen=True)
class Appearance:
    briefing: Briefing
    actor: Actor


@dataclass(frozen=True)
class Profile:
    name: str
    slug: str
    type: str
    appearances: tuple[Appearance, ...]

    @property
    def mentions(self) -> int:
        return sum(a.actor.mentions for a in self.appearances)


def profiles(briefings: list[Briefing]) -> list[Profile]:
    """Return one profile per named actor, most frequent first (briefings, then mentions)."""
    seen: dict[str, list[Appearance]] = defaultdict(list)
    for briefing in briefings:
        for actor in briefing.actors:
            if has_page(actor):
                seen[actor.name].append(Appearance(briefing, actor))
    result = []
    for name, appearances in seen.items():
        types = Counter(a.actor.type for a in appearances)
        kind = sorted(types, key=lambda t: (-types[t], t))[0]
        ordered = sorted(
            appearances, key=lambda a: (a.briefing.document.date or "~", a.briefing.title)
        )
        result.append(Profile(name, actor_slug(name), kind, tuple(ordered)))
    return sorted(result, key=lambda p: (-len(p.appearances), -p.mentions, p.name))


def _features(briefing: Briefing) -> set[str]:
    return {f"actor:{a.name}" for a in briefing.actors if has_page(a)} | {
        f"topic:{t}" for t in briefing.topics
    }


def related(briefings: list[Briefing]) -> dict[str, list[tuple[Briefing, list[str]]]]:
    """Return, per briefing slug, the briefings sharing the most actors and topics with it.

    Shared features are weighted by rarity (inverse document frequency), so two briefings
    sharing a rare actor are closer than two sharing a ubiquitous one. Ties go to the slug.
    """
    features = {b.document.slug: _features(b) for b in briefings}
    holders: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(features):
        for feature in features[slug]:
            holders[feature].append(slug)
    total = len(briefings)
    by_slug = {b.document.slug: b for b in briefings}
    result: dict[str, list[tuple[Briefing, list[str]]]] = {}
    for slug in sorted(features):
        scores: dict[str, float] = defaultdict(float)
        shared: dict[str, list[str]] = defaultdict(list)
        for feature in sorted(features[slug]):
            others = holders[feature]
            if total > 20 and len(others) > min(COMMON_SHARE * total, MAX_HOLDERS):
                continue
            weight = math.log(1 + total / len(others))
            for other in others:
                if other != slug:
                    scores[other] += weight
                    shared[other].append(feature.split(":", 1)[1])
        best = sorted(scores, key=lambda s: (-round(scores[s], 9), s))[:RELATED_COUNT]
        result[slug] = [(by_slug[s], shared[s]) for s in best]
    return result


def co_occurrence(briefings: list[Briefing]) -> Counter[tuple[str, str]]:
    """Return how many briefings each pair of named actors appears in together."""
    pairs: Counter[tuple[str, str]] = Counter()
    for briefing in briefings:
        names = sorted({a.name for a in briefing.actors if has_page(a)})
        for i, first in enumerate(names):
            for second in names[i + 1 :]:
                pairs[(first, second)] += 1
    return pairs


def connected(people: list[Profile], pairs: Counter[tuple[str, str]]) -> list[Profile]:
    """Return the actors that appear with others, the most connected first: by the briefings
    they share with each other actor, summed; then by their own briefings and mentions."""
    degree: Counter[str] = Counter()
    for (a, b), n in pairs.items():
        degree[a] += n
        degree[b] += n
    ranked = [p for p in people if degree[p.name]]
    return sorted(
        ranked, key=lambda p: (-degree[p.name], -len(p.appearances), -p.mentions, p.name)
    )


def overview_network(drawn: list[Profile], pairs: Counter[tuple[str, str]]) -> str:
    index = {p.name: i for i, p in enumerate(drawn)}
    nodes = [Node(p.name, len(p.appearances)) for p in drawn]
    edges = {
        (min(index[a], index[b]), max(index[a], index[b])): n
        for (a, b), n in pairs.items()
        if a in index and b in index
    }
    return network_svg(nodes, edges, title="Actors that appear together in the briefings")


def partners_of(pairs: Counter[tuple[str, str]]) -> dict[str, Counter[str]]:
    """Return, for each actor, the actors it appears with and in how many briefings."""
    partners: dict[str, Counter[str]] = defaultdict(Counter)
    for (a, b), n in pairs.items():
        partners[a][b] += n
        partners[b][a] += n
    return partners


def ego_network(
    profile: Profile,
    by_name: dict[str, Profile],
    partners: dict[str, Counter[str]],
) -> str:
    """Return the drawing of an actor in the middle of its most frequent co-actors, with the
    lines between those co-actors too."""
    own = partners.get(profile.name, Counter())
    around = sorted(own, key=lambda n: (-own[n], n))[: EGO_SIZE - 1]
    if not around:
        return ""
    names = [profile.name, *around]
    nodes = [Node(n, len(by_name[n].appearances)) for n in names]
    edges = {(0, i + 1): own[n] for i, n in enumerate(around)}
    for i, first in enumerate(around, start=1):
        for j, second in enumerate(around[i:], start=i + 1):
            if shared := partners[first].get(second, 0):
                edges[(i, j)] = shared
    return network_svg(nodes, edges, title=f"Actors that appear with {profile.name}", centre=True)


def site_pages(briefings: list[Briefing], env: Environment) -> dict[str, str]:
    """Return the cross-document pages, by path under ``docs_dir``, rendered (not sealed)."""
    people = profiles(briefings)
    pairs = co_occurrence(briefings)
    by_name = {p.name: p for p in people}
    drawn = connected(people, pairs)[:NETWORK_SIZE]
    pages = {
        "actors/index.md": env.get_template("actors.md.j2").render(
            profiles=people, drawn=len(drawn), network=overview_network(drawn, pairs)
        ),
    }
    pages.update(timeline_pages(briefings, env))
    pages.update(tag_pages(briefings, env))
    template = env.get_template("actor.md.j2")
    partners = partners_of(pairs)
    for profile in people:
        pages[f"actors/{profile.slug}.md"] = template.render(
            profile=profile,
            partners=len(partners.get(profile.name, ())),
            network_size=EGO_SIZE,
            network=ego_network(profile, by_name, partners),
        )
    return pages


TIMELINE_ONE_PAGE = 300
"""Up to this many briefings the timeline is one page; beyond, one page per year (a
timeline of 5,000 briefings on one page would weigh megabytes)."""


def timeline_pages(briefings: list[Briefing], env: Environment) -> dict[str, str]:
    """Return the timeline: one page, or an index of years and a page per year."""
    template = env.get_template("timeline.md.j2")
    parts = timeline(briefings)
    months: list[tuple[str, list[Briefing]]] = parts["months"]  # type: ignore[assignment]
    undated: list[Briefing] = parts["undated"]  # type: ignore[assignment]
    if len(briefings) <= TIMELINE_ONE_PAGE:
        return {"timeline.md": template.render(title="Timeline", prefix="", years=[], **parts)}
    by_year: dict[str, list[tuple[str, list[Briefing]]]] = defaultdict(list)
    for month, items in months:
        by_year[month[:4]].append((month, items))
    years = [(year, sum(len(i) for _, i in by_year[year])) for year in sorted(by_year)]
    pages = {
        "timeline.md": template.render(title="Timeline", years=years, undated=undated, prefix="")
    }
    for year in by_year:
        pages[f"timeline/{year}.md"] = template.render(
            title=f"Timeline: {year}", months=by_year[year], undated=[], years=[], prefix="../"
        )
    if undated:
        pages["timeline/undated.md"] = template.render(
            title="Timeline: undated", months=[], undated=undated, years=[], prefix="../"
        )
    return pages


def timeline(briefings: list[Briefing]) -> dict[str, object]:
    """Return the dated briefings by month (oldest first) and the undated ones apart."""
    dated: dict[str, list[Briefing]] = defaultdict(list)
    undated = []
    for briefing in briefings:
        date = briefing.document.date or ""
        if len(date) >= 10 and date[:4].isdigit() and date[4] == "-" and date[7] == "-":
            dated[date[:7]].append(briefing)
        else:
            undated.append(briefing)
    months = [
        (month, sorted(dated[month], key=lambda b: (b.document.date or "", b.title)))
        for month in sorted(dated)
    ]
    return {"months": months, "undated": sorted(undated, key=lambda b: b.title.lower())}


@dataclass(frozen=True)
class Tag:
    name: str
    anchor: str
    briefings: tuple[Briefing, ...]


def tags(briefings: list[Briefing]) -> list[Tag]:
    """Return every topic tag with its briefings: the tags of two briefings or more first
    (the most used first), then the others, by name."""
    names: dict[str, str] = {}
    holders: dict[str, list[Briefing]] = defaultdict(list)
    for briefing in sorted(briefings, key=lambda b: (b.title.lower(), b.document.slug)):
        anchors: set[str] = set()
        for name in dict.fromkeys([*briefing.document.tags, *briefing.topics]):
            anchor = tag_anchor(name)
            names.setdefault(anchor, name)  # "Defence" and "defence" are one tag
            if anchor not in anchors:  # (not `briefing in holders[anchor]`: quadratic)
                anchors.add(anchor)
                holders[anchor].append(briefing)
    found = [Tag(names[a], a, tuple(holders[a])) for a in holders]
    return sorted(found, key=lambda t: (len(t.briefings) < 2, -len(t.briefings), t.name.lower()))


def tag_pages(briefings: list[Briefing], env: Environment) -> dict[str, str]:
    """Return the tags page: shared tags with their briefings, the others folded away."""
    found = tags(briefings)
    shared = [t for t in found if len(t.briefings) > 1]
    single = [t for t in found if len(t.briefings) == 1]
    return {"tags.md": env.get_template("tags.md.j2").render(shared=shared, single=single)}
