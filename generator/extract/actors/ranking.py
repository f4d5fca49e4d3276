"""Ranking: how central an actor is to the story.

An actor ranks by how often it is named, how often as the agent of a clause, how early it
is first named (the headline, the lead), and whether the seed's title names it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.extract.actors.mentions import Mention, is_modifier

if TYPE_CHECKING:
    from spacy.tokens import Token


WEIGHTS = {
    "mention": 1.0,
    "agent": 1.5,
    "early": 8.0,
    "headline": 2.0,
    "lead": 6.0,
    "title": 6.0,
    "group": 0.3,
}
"""Salience weights: per mention, per mention as agent, for an early first mention (scaled
0..1 by position, counting mentions that are not mere modifiers like "U.S. officials"), for
a mention in the first sentence (a headline, or the lead itself), for a first mention in the
lead (see ``sentences.lead_index``), for a name in a title kept apart from the text, and the
factor applied to unnamed stakeholder groups ("Critics", "Officials"). Chosen on the
Wikinews salience dev set (benchmarks/quality.py):
- 2026-11-24, from 1/1.5/2/0/1, sweeping early 0-8, a first-sentence bonus 0-8, agent
  0.5-1.5, group 0.3-1 and mention 0.5-1 raised P@3 from 0.482 to 0.558 and R@5 from 0.573
  to 0.626; early mentions matter most (early 2→8 alone: +0.02 P@3), agents and mention
  counts are flat in that range, and groups below 0.5 only break ties.
- 2026-11-24 (later), a lead bonus (0, 4, 6, 8) beside a headline bonus (0, 2, 4): lead 6 with
  headline 2 raised P@3 from 0.566 to 0.596 and R@5 from 0.635 to 0.649; with the lead
  bonus, early 4 or 12 and agent 0.5 or mention 1.5 each moved P@3 by under 0.01.
- 2026-11-24 (later), the title bonus, for an actor a title kept apart from the text names
  (front matter, an HTML page's title, a Markdown first heading): with each Wikinews headline
  moved out of the text into the title, P@3/R@5 were 0.581/0.635 without it, 0.586/0.639 at
  2, 0.586/0.656 at 4, 0.588/0.656 at 6 and 0.588/0.656 at 8."""


def named_in(title: str, actors: dict[str, list[Mention]]) -> set[str]:
    """Return the actors whose name or one of whose surface forms the title contains."""
    found = set()
    for name, group in actors.items():
        for form in {name, *(m.surface for m in group)}:
            if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", title):
                found.add(name)
                break
    return found


def salience(
    group: list[Mention], sentence_count: int, lead: int, *, in_title: bool = False
) -> float:
    """Return how central an actor is: how often, how actively and how early it is named.

    ``lead`` is the index of the lead's sentence (see ``sentences.lead_index``); ``in_title`` says
    whether a headline kept apart from the text names the actor.
    """
    agentive = sum(1 for m in group if is_agentive(m.root))
    named = [m for m in group if not is_modifier(m)] or group
    first = min(m.sentence for m in named)
    score = (
        WEIGHTS["mention"] * len(group)
        + WEIGHTS["agent"] * agentive
        + WEIGHTS["early"] * (1 - first / sentence_count)
        + WEIGHTS["headline"] * (first == 0)
        + WEIGHTS["title"] * in_title
        + WEIGHTS["lead"] * (first <= lead)
    )
    return score * (WEIGHTS["group"] if unnamed_group(group) else 1.0)


def unnamed_group(group: list[Mention]) -> bool:
    """Return True for a stakeholder group named by a common noun ("Critics", "Officials")."""
    return all(m.type == "group" and not m.label for m in group)


def bare_group(group: list[Mention], kind: str) -> bool:
    """Return True for a group with nothing saying whose it is ("Officials", "Men", "Drivers").

    A reader cannot tell which officials act, so such a group is listed after every named
    actor and every qualified group ("Argentinian police", "human rights groups"). A
    nationality or party ("Republicans", spaCy's NORP) says whose, and is not bare.
    """
    return (
        kind == "group"
        and all(len(m.canonical.split()) == 1 for m in group)
        and not any(m.label == "NORP" for m in group)
    )


def is_agentive(token: Token) -> bool:
    if token.dep_ in ("nsubj", "csubj"):
        return True
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return True
    return token.dep_ == "conj" and token.head.dep_ in ("nsubj", "csubj")


AGENCY = 12.0
"""Extra weight per mention as the agent of a clause, for the order of the key actors.

``salience`` says how central a name is to the text; the key actors are ordered by how much
they act in it as well. On the briefing gold dev set (2026-12-01, principal actors P@3),
salience alone gave 0.69; adding 3.5, 6.5, 10, 12, 15 and 25 per agentive mention gave 0.73,
0.74, 0.76, 0.77, 0.77 and 0.76. Raising the agent weight inside ``salience`` instead costs
the Wikinews salience measure (0.59 to 0.53 at 5), which ranks by ``salience``."""


def prominence(group: list[Mention], central: float) -> float:
    """Return the order key of a key actor: its salience plus what it does in the text."""
    acts = AGENCY * sum(1 for m in group if is_agentive(m.root))
    return central + acts * (WEIGHTS["group"] if unnamed_group(group) else 1.0)
