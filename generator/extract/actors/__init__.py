"""Key actors: people, organisations, states and groups, one entry per canonical actor.

The stage has four parts, one module each:

- ``mentions``: spaCy's entities and stakeholder groups ("Critics argue"), resolved through
  the alias files, countries (names, spellings, ISO codes), demonyms ("American" → United
  States) and capitals standing for their government ("Tokyo" → Japan);
- ``names``: coreference of short and long names ("Kyodo" → Kyodo News, "Bush" → George W.
  Bush, "NATO" → North Atlantic Treaty Organization);
- ``kinds``: the type by vote, and which names are not actors (places, credited sources);
- ``ranking`` and ``roles``: how central each actor is, and what the text says it did.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.extract.actors.kinds import actor_type, is_credited_source
from generator.extract.actors.mentions import (
    Mention,
    drop_product_names,
    entity_mention,
    fold_capitals,
    group_mentions,
)
from generator.extract.actors.names import merge_short_names
from generator.extract.actors.ranking import bare_group, named_in, prominence, salience
from generator.extract.actors.roles import role
from generator.extract.gazetteer import Gazetteer, name_key
from generator.extract.sentences import Parsed, lead_index
from generator.types import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

PASSIVE_MENTIONS = 2
"""An actor that never acts in the text is listed when named this often, in the lead, or as
a participant of a clause (see ``_participates``): the victim of a crime or the subject of
a ruling is central without acting; a country named once inside another phrase ("its
conflict with Russia") is not."""
PARTICIPANT_DEPS = frozenset({"dobj", "nsubjpass", "dative", "attr", "appos", "conj"})
"""Dependencies of a clause's own participants: "trailing Mike Huckabee", "Schiavo was
removed"; with a verb's prepositional arguments (``_verb_argument``). A name only inside a
noun's prepositional phrase is background."""


def _participates(group: list[Mention], lead: int) -> bool:
    if len(group) >= PASSIVE_MENTIONS or any(m.sentence <= lead for m in group):
        return True
    return any(m.root.dep_ in PARTICIPANT_DEPS or _verb_argument(m.root) for m in group)


def _verb_argument(token: Token) -> bool:
    """Return True for a verb's own prepositional argument ("exported missiles to the United
    States", "ruled against Miller"), not a noun's ("its conflict with Russia")."""
    return token.dep_ == "pobj" and token.head.head.pos_ in ("VERB", "AUX")


@dataclass(frozen=True)
class KeyEntities:
    """The actors of a text, and the places it is set in, each most salient first."""

    actors: tuple[Actor, ...]
    places: tuple[Actor, ...]


def extract_actors(
    parsed: Parsed,
    scores: list[float],
    gazetteer: Gazetteer,
    limit: int,
    title: str | None = None,
) -> KeyEntities:
    """Return the key actors and places of the document, most salient first.

    ``title`` is a headline kept apart from the text (front matter, a page's title, a first
    heading): an actor it names counts as named in the headline.
    """
    mentions = [m for ent in parsed.doc.ents if (m := entity_mention(ent, parsed, gazetteer))]
    mentions = fold_capitals(mentions, gazetteer)
    mentions = merge_short_names(mentions, gazetteer)
    mentions = drop_product_names(mentions, gazetteer)
    mentions += group_mentions(parsed, {m.root.i for m in mentions})
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: m.root.i):
        by_name[mention.canonical].append(mention)
    count = max(len(parsed.spans), 1)
    lead = lead_index(parsed)
    headlined = named_in(title, by_name) if title else set()
    ranked = []
    for name, group in by_name.items():
        kind = actor_type(group, gazetteer.types.get(name_key(name)))
        if kind is None or is_credited_source(group):
            continue
        first = min(m.sentence for m in group)
        central = salience(group, count, lead, in_title=name in headlined)
        order = (bare_group(group, kind), -prominence(group, central), first, name)
        ranked.append((order, kind, group, central))
    ranked.sort(key=lambda r: r[0])
    actors: list[Actor] = []
    places: list[Actor] = []
    for (_, _, _, name), kind, group, central in ranked:
        line, cites = role(group, parsed, scores)
        aliases = tuple(dict.fromkeys(m.surface for m in group))
        entry = Actor(name, kind, len(group), aliases, line, cites, round(central, 2))
        if kind == "place":
            if len(places) < limit:
                places.append(Actor(name, kind, len(group), aliases, "", cites, entry.salience))
            continue
        if len(actors) == limit:
            continue
        if not line and not _participates(group, lead) and name not in headlined:
            continue  # named in passing inside another phrase: a mention, not a key actor
        actors.append(entry)
    return KeyEntities(tuple(actors), tuple(places))
