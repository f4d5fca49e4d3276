"""Policy shift: the new policy (to), the one before (from), its drivers and its limits.

The shift is a policy event (see ``events``) that the article reports as its news: in the
headline or the lead. A text whose news holds no event has no shift, and every part stays
empty: a gap costs the reader less than an invented shift.

- **to**: the clause of each news event, citing its sentence;
- **from**: a sentence about the same policy that states the rule or stance before: marked
  as prior ("traditionally", "until now", "in effect for 17 years", "currently"), or acting
  on the same policy in the opposite direction ("imposed restrictions" against "lift the
  restrictions");
- **drivers**: causes and purposes tied to the event: a cause clause on the event's verb,
  or a sentence whose subject points back to the event ("The move comes amid a recession",
  "The decision followed a review"), or one that places it in a strategy;
- **limits**: exceptions, conditions, scope, effective dates, phase-ins and steps still
  needed, in sentences about the same policy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract.events import find_events
from generator.extract.policy.news import act, event_clause, find_news, shift_status
from generator.extract.policy.parts import driver_items, limit_items, prior_items
from generator.extract.sentences import Parsed
from generator.types import Item, PolicyShift

if TYPE_CHECKING:
    from spacy.tokens import Span

MAX_ITEMS = 3

MAX_LIMITS = 2
"""Limits shown, in reading order: the first ones bound the news itself, later ones drift to
side issues. On the dev set (2026-12-01) 2, 3 and 4 gave limits F1 0.60, 0.56 and 0.55."""


def extract_policy_shift(parsed: Parsed, title: Span | None = None) -> PolicyShift:
    """Return the document's policy shift, or an empty one when its news holds none.

    ``title`` is the seed's headline, parsed apart from the text: an act it names with its
    agent ("Iran to end nuclear cooperation") lets the lead's "it will end ... cooperation"
    stand although the lead's pronoun is unresolved.
    """
    events = find_events(parsed.spans)
    headline = (
        frozenset(act(e, title.doc) for e in find_events([title]) if e.agent is not None)
        if title is not None
        else frozenset()
    )
    news = find_news(parsed, events, headline)
    if news is None:
        return PolicyShift()
    to_items: list[Item] = []
    for event in news.events:
        if event.sentence not in news.sentences:
            continue
        text, sentences = event_clause(event, parsed)
        cites = tuple(parsed.sentences[i].id for i in sentences)
        same = next((n for n, item in enumerate(to_items) if set(item.cites) & set(cites)), None)
        if same is None:
            to_items.append(Item(text, cites))
        else:
            # "Canada signed the agreement ... The deal marks a shift": one new policy, told
            # twice; its item cites both sentences.
            merged = tuple(dict.fromkeys((*to_items[same].cites, *cites)))
            to_items[same] = Item(to_items[same].text, merged)
    cited = {c for item in to_items for c in item.cites}
    return PolicyShift(
        from_=tuple(_dedupe(prior_items(parsed, news), cited)[:MAX_ITEMS]),
        to=tuple(to_items[:MAX_ITEMS]),
        drivers=tuple(_dedupe(driver_items(parsed, news), set())[:MAX_ITEMS]),
        conditions=tuple(_dedupe(limit_items(parsed, news), set())[:MAX_LIMITS]),
        status=shift_status(news),
    )


def _dedupe(items: list[Item], taken: set[str]) -> list[Item]:
    """Return ``items`` without repeats of one sentence or of sentences in ``taken``."""
    kept: list[Item] = []
    seen = set(taken)
    for item in items:
        if seen.issuperset(item.cites):
            continue
        seen.update(item.cites)
        kept.append(item)
    return kept
