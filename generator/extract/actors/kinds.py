"""What kind of actor a name is, and whether it is an actor at all.

- **Type by vote.** Each mention of an actor suggests a type (spaCy's label, the gazetteer);
  the actor takes the type most of its mentions suggest. A person needs more: the person
  label on more than one mention, a title or role noun ("Minister", "Sen.", "comedian",
  ", a lawyer"), or a full name ("Fred Thompson", whose later "Thompson"s the tagger calls
  an organisation). A single one-word "person" is more often a thing the tagger misread
  ("Coal", "Hope", a street) than a person; a "person" met "at" or "in" is a place.
- **Places are not actors.** A city or region named as where something happened is the
  setting, and so is a country named only that way ("troops in Iraq"); a capital acting
  for its government is already its state.
- **Sources are not actors.** A news organisation whose every mention credits it for the
  report ("according to Reuters", "told CNN", "(AP)", "Reuters reported") is not one of the
  story's actors; one the story is about (it confirms, sues, is fined) stays.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from generator.extract.actors.mentions import Mention, is_locative, is_modifier
from generator.extract.lexicon.agents import (
    Authorities,
    InstitutionHeads,
    PersonNouns,
    Reporting,
    StreetNames,
    Titles,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

ACTOR_TYPES = ("state", "organisation", "person", "group", "place")
"""Types a name may have; a "place" is the setting, listed apart from the actors."""
PERSON_VOTES = 2
"""Person labels needed without a title: one label alone is too often a misread thing."""


def _titled(token: Token) -> bool:
    """Return True when a title or role noun introduces the person at ``token``."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1  # the first word of the name
    before = [doc[i] for i in range(max(0, start - 3), start)]
    if any(Titles.has(t.lower_.rstrip(".")) or PersonNouns.has(t.lemma_) for t in before):
        return True
    if any(Titles.has(t.lower_.rstrip(".")) for t in doc[start : token.i + 1]):
        return True
    for child in token.children:
        if child.dep_ in ("appos", "compound") and any(
            Titles.has(t.lower_.rstrip(".")) or PersonNouns.has(t.lemma_) for t in child.subtree
        ):
            return True
    # "the lawyer, Lisa McElroy"
    return token.dep_ == "appos" and PersonNouns.has(token.head.lemma_)


def _full_name(mention: Mention) -> bool:
    """Return True for a person-labelled given name and surname ("Fred Thompson"): the
    tagger's misreadings are single words ("Coal", "Hope"), rarely two capitalised ones."""
    words = mention.surface.split()
    return (
        mention.label == "PERSON"
        and len(words) >= 2
        and not InstitutionHeads.has(words[-1])
        and all(
            w[:1].isupper()
            and w.replace("-", "").replace(".", "").isalpha()
            and any(c.islower() for c in w)  # "XS Max" is a product, not a name
            for w in words
        )
    )


def actor_type(group: list[Mention], forced: str | None = None) -> str | None:
    """Return the actor's type by vote of its mentions, or None when it is not an actor."""
    if forced:
        return forced
    if StreetNames.names(group[0].canonical):
        return "place"
    if InstitutionHeads.has(group[0].canonical.split()[-1]) and not any(
        m.type == "state" for m in group
    ):
        return "organisation"
    if _only_where(group):
        return "place"
    votes = Counter(m.type for m in group)
    if votes["state"]:
        # A country named only as where things happen ("troops in Iraq", "the Iraq war")
        # is the setting; a country that acts anywhere in the text is an actor.
        setting = all(is_locative(m.root) or is_modifier(m) for m in group)
        return "place" if setting else "state"
    person_labels = sum(1 for m in group if m.label == "PERSON")
    person_ok = (
        person_labels >= PERSON_VOTES
        or any(_full_name(m) for m in group)
        or any(_titled(m.root) for m in group)
    )
    ranked = sorted(votes, key=lambda kind: (-votes[kind], _order(kind)))
    for kind in ranked:
        if kind in ACTOR_TYPES and (kind != "person" or person_ok):
            if kind == "group" and all(is_modifier(m) for m in group):
                # "Republican candidates", "Islamic leaders": the adjective says what kind of
                # candidates; the candidates, if anyone, are the actor.
                return None
            return kind
    return None


def _only_where(group: list[Mention]) -> bool:
    """Return True for a one-word "organisation" met only as where things happen ("shut down
    the reactor at Yongbyon", "the conference in Copenhagen"): the tagger's misread place.
    A body named by its kind ("a vote in Congress", "in Parliament") stays an actor."""
    return all(
        m.label == "ORG"
        and len(m.surface.split()) == 1
        and not Authorities.has(m.surface)
        and is_locative(m.root)
        for m in group
    )


def _order(kind: str) -> int:
    return ACTOR_TYPES.index(kind) if kind in ACTOR_TYPES else len(ACTOR_TYPES)


def _credit(token: Token) -> bool:
    """Return True when the mention at ``token`` credits a source for the report."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if token.dep_ in ("nsubj",) and Reporting.has(head.lemma_):
        return True
    if token.dep_ == "pobj" and head.dep_ == "agent" and Reporting.has(head.head.lemma_):
        return True  # "it has been reported by philly.com"
    if token.dep_ in ("dobj", "dative") and head.lemma_ == "tell":
        return True  # "told CNN", "told The Atlanta Journal-Constitution"
    doc = token.doc
    left, right = token.left_edge.i, token.right_edge.i
    in_brackets = left > 0 and right + 1 < len(doc)
    return in_brackets and doc[left - 1].text == "(" and doc[right + 1].text == ")"


def is_credited_source(group: list[Mention]) -> bool:
    """Return True when every mention of an organisation credits it for the report."""
    return all(m.label == "ORG" for m in group) and all(_credit(m.root) for m in group)
