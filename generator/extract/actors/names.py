"""Canonical names: the surface forms of one actor become one entry.

Names with the same core ("US Senate", "Senate") are one actor under the longest form; a
short name joins the one longer name it starts or ends ("Kyodo" → Kyodo News, "Bush" →
George W. Bush) or abbreviates ("NATO"); a short place name joins the state it names.
"""

from __future__ import annotations

from collections import defaultdict

from generator.extract.actors.mentions import Mention
from generator.extract.gazetteer import Gazetteer, name_key


def initials(name: str) -> str:
    words = [
        w for w in name.replace("-", " ").split() if w.lower() not in ("of", "and", "the", "for")
    ]
    return "".join(w[0] for w in words if w[:1].isupper())


LEGAL_SUFFIXES = frozenset("inc corp corporation ltd limited co llc plc ag sa gmbh".split())
"""Company-form words that do not change which organisation is meant ("Apple Inc." = Apple)."""


def core_name(name: str, gazetteer: Gazetteer) -> str:
    """Return the name without a leading country designator or trailing company form.

    "US Senate", "United States Senate" and "Senate" share the core "senate"; "Apple Inc."
    and "Apple" share "apple".
    """
    words = name.split()
    for size in (3, 2, 1):
        head = " ".join(words[:size])
        if len(words) > size and (gazetteer.country(head) or name_key(head) in gazetteer.demonyms):
            words = words[size:]
            break
    while len(words) > 1 and name_key(words[-1]) in LEGAL_SUFFIXES:
        words = words[:-1]
    return name_key(" ".join(words))


def merge_short_names(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Map each short name onto the one longer name of the document that refers to it.

    Names with the same core (see ``core_name``) are one actor under the longest form; then a
    name that starts or ends another ("Kyodo" / "Kyodo News", "Bush" / "George W. Bush"), or
    is its acronym ("NATO"), joins it when exactly one longer name qualifies.
    """
    names = {m.canonical: m.type for m in mentions}
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    for m in mentions:
        counts[m.canonical] += 1
        first[m.canonical] = min(first.get(m.canonical, m.root.i), m.root.i)
    target: dict[str, str] = {}
    by_core: dict[str, list[str]] = defaultdict(list)
    for name, kind in names.items():
        if kind != "state":
            by_core[core_name(name, gazetteer)].append(name)
    for same in by_core.values():
        longest = max(same, key=lambda n: (len(n.split()), counts[n], n))
        target.update({n: longest for n in same if n != longest})
    representatives = [n for n in names if n not in target]
    for short in representatives:
        if names[short] == "state" or name_key(short) in gazetteer.aliases:
            continue
        words = core_name(short, gazetteer).split()
        candidates: list[str] = []
        acronyms: list[str] = []
        for long in representatives:
            if long == short:
                continue
            # A state takes unresolved short forms of its name ("Korea" → South Korea).
            long_words = (
                name_key(long) if names[long] == "state" else core_name(long, gazetteer)
            ).split()
            if names[long] == "state":
                if names[short] != "place":
                    continue
            elif names[short] != names[long] and len(words) > 1:
                continue
            contained = len(long_words) > len(words) and (
                long_words[: len(words)] == words or long_words[-len(words) :] == words
            )
            acronym = short.isupper() and len(short) >= 2 and initials(long) == short
            if acronym:
                acronyms.append(long)
            elif contained:
                candidates.append(long)
        # "EU" is the initials of "European Union" but only the start of "EU Competition".
        candidates = acronyms or candidates
        # A name refers back to one of its own kind ("Brown" to Gordon Brown, not to the
        # misread "Labour Brown" organisation) when there is one.
        candidates = [c for c in candidates if names[c] == names[short]] or candidates
        if names[short] == "person" and len(words) == 1 and len(candidates) > 1:
            candidates = [principal_namesake(candidates, counts, first)]
        if len(candidates) == 1 or (candidates and same_head(candidates)):
            chosen = max(candidates, key=lambda c: (counts[c], len(c), c))
            target.update({n: chosen for n, t in list(target.items()) if t == short})
            target[short] = chosen
    if not target:
        return mentions
    return [
        Mention(
            target[m.canonical], names[target[m.canonical]], m.surface, m.root, m.sentence, m.label
        )
        if m.canonical in target
        else m
        for m in mentions
    ]


def principal_namesake(people: list[str], counts: dict[str, int], first: dict[str, int]) -> str:
    """Return the person a bare surname means when several full names end in it.

    News style gives the story's principal by surname after the first reference and names a
    namesake (a spouse, a relative) in full or by first name, so the surname means the one
    named most, and of equals the one introduced first ("Sheridan" → Tommy Sheridan, not Gail
    Sheridan, who is named once).
    """
    return min(people, key=lambda p: (-counts[p], first[p], p))


def same_head(candidates: list[str]) -> bool:
    """Return True when several long names are one name's variants ("Kyodo News" agency)."""
    shortest = min(candidates, key=len)
    return all(c.startswith(shortest) for c in candidates)
