"""The news of a text: the policy events it reports, what they make the new policy, and
its status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.extract.events import PolicyEvent, action_class_of
from generator.extract.lexicon import PhraseClass
from generator.extract.lexicon.openness import EventAnaphors
from generator.extract.lexicon.policy import (
    Adopt,
    End,
    PolicyObject,
    PriorStance,
    Restrict,
)
from generator.extract.sentences import Parsed, as_statement, lead_index, main_clause, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


NEWS_AFTER_LEAD = 3
"""Sentences after the lead that still belong to the news: a lead often states the event in
steps ("The board adopted ... It also asked ..."), and a quoted reaction may come first. On
the briefing gold dev set (2026-12-01), 2 found 19 of 26 shifts and 3 found 20, with no
shift invented either way."""

STATUS_RANK = {"enacted": 3, "decided": 2, "blocked": 2, "proposed": 1}
"""When the news holds several events on one policy, the furthest step is the status:
"the House agreed to the bill ... Obama signed it into law" is enacted."""


def has_phrase(span: Span, phrases: type[PhraseClass]) -> Token | None:
    """Return the first token of ``span`` where one of the class's phrases starts."""
    lemmas = [t.lemma_.lower() for t in span]
    for start in range(len(lemmas)):
        for phrase in phrases.phrases:
            if tuple(lemmas[start : start + len(phrase)]) != phrase:
                continue
            if phrase == ("due", "to") and start and lemmas[start - 1] == "be":
                continue  # "is due to report": a schedule, not a cause
            if phrase == ("only",) and start and lemmas[start - 1] == "not":
                continue  # "not only ... but also" is emphasis, not a limit
            return span[start]
    return None


def marked_prior(event: PolicyEvent, parsed: Parsed) -> bool:
    """Return True when the event's own clause is marked as before the change."""
    action = parsed.doc[event.action]
    if any(c.lemma_ == "have" and c.tag_ == "VBD" for c in action.children if c.dep_ == "aux"):
        return True  # past perfect: "had passed", "had imposed"
    cue = has_phrase(parsed.spans[event.sentence], PriorStance)
    if cue is None:
        return False
    return cue in set(action.subtree) or cue.head.i == action.i or cue.head.head.i == action.i


@dataclass(frozen=True)
class News:
    """The events the article reports as its news, and what the other parts are tied to."""

    events: tuple[PolicyEvent, ...]
    sentences: tuple[int, ...]
    policies: frozenset[str]
    """Lemmas of the policy objects and nominal actions of the news events."""
    topic: frozenset[str]
    """Lemmas of the nouns and names in the news events' clauses: what the shift is about."""


def find_news(
    parsed: Parsed, events: list[PolicyEvent], headline: frozenset[tuple[str, str]]
) -> News | None:
    last = lead_index(parsed) + NEWS_AFTER_LEAD
    # "For decades, Norway has banned drilling": an act marked as prior is the "from".
    news = tuple(
        e
        for e in events
        if (e.sentence <= last or (e.status == "enacted" and e.agent is not None))
        and not marked_prior(e, parsed)
        and (not e.implied_agent or act(e, parsed.doc) in headline)
    )
    if not any(
        e.agent is not None or e.implied_agent or parsed.doc[e.action].pos_ != "VERB" for e in news
    ):
        # An agentless passive ("measures have been voted down") only supports an event
        # whose agent is named; alone it is often background.
        return None
    doc = parsed.doc
    # "lift the restrictions ... states that imposed restrictions": the act the news undoes
    # is the "from", not a second "to".
    first = news[0]
    undone = opposite(first)
    policy = doc[first.policy].lemma_.lower() if first.policy is not None else None
    news = tuple(
        e
        for e in news
        if not (
            e.lemma in undone and e.policy is not None and doc[e.policy].lemma_.lower() == policy
        )
    )
    policies = {doc[e.policy].lemma_.lower() for e in news if e.policy is not None}
    policies |= {e.lemma for e in news if doc[e.action].pos_ == "NOUN"}
    # Only body sentences are cited as "to" when the lead states the event: a headline
    # repeats it in fewer words.
    body = [e.sentence for e in news if e.sentence >= lead_index(parsed)]
    sentences = tuple(dict.fromkeys(body or [e.sentence for e in news]))
    topic = {
        t.lemma_.lower()
        for e in news
        if e.sentence in sentences
        for t in event_tokens(e, parsed)[2]
        if t.pos_ in ("NOUN", "PROPN") and not t.is_stop
    }
    return News(news, sentences, frozenset(policies), frozenset(topic | policies))


def act(event: PolicyEvent, doc: Doc) -> tuple[str, str]:
    """Return what an event does to what: (action lemma, policy lemma)."""
    policy = doc[event.policy].lemma_.lower() if event.policy is not None else ""
    return event.lemma, policy


def shift_status(news: News) -> str:
    first = news.events[0].status
    best = max(news.events, key=lambda e: STATUS_RANK[e.status]).status
    if first in ("blocked", "proposed"):
        return first
    return best


def anaphoric(subject: Token) -> bool:
    """Return True for "The deal", "This move": a short phrase pointing back in the text."""
    words = list(subject.subtree)
    return (
        len(words) <= 3
        and words[0].lower_ in ("the", "this", "that", "these", "such")
        and not any(t.pos_ == "PROPN" or t.dep_ == "poss" for t in words)
    )


def event_clause(event: PolicyEvent, parsed: Parsed) -> tuple[str, tuple[int, ...]]:
    """Return the text stating the new policy of ``event`` and the sentences it rests on."""
    text, sentences, _ = event_tokens(event, parsed)
    return text, sentences


def event_tokens(event: PolicyEvent, parsed: Parsed) -> tuple[str, tuple[int, ...], list[Token]]:
    """Return ``event_clause``'s text and sentences, and the tokens the text comes from."""
    doc = parsed.doc
    action = doc[event.action]
    span = parsed.spans[event.sentence]
    if (
        action.pos_ == "NOUN"
        and action.dep_ in ("dobj", "attr")
        and action.lemma_.lower()
        in (
            "shift",
            "change",
            "reversal",
            "departure",
            "turnaround",
            "u-turn",
            "about-face",
            "overhaul",
        )
    ):
        subjects = [c for c in action.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and anaphoric(subjects[0]) and event.sentence > 0:
            # "The deal marks a shift": the deal is what the lead sentence reports.
            lead = lead_index(parsed)
            lead_span = parsed.spans[lead]
            return main_clause(lead_span), (lead, event.sentence), list(lead_span)
        if subjects:
            tokens = list(subjects[0].subtree)
            return as_statement(text_of(tokens)), (event.sentence,), tokens
    node = action
    while node.dep_ not in ("ccomp", "ROOT") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "ccomp" and node.head.lemma_.lower() not in ("be",):
        tokens = [t for t in node.subtree if not (t.dep_ == "mark" and t.head.i == node.i)]
        return as_statement(text_of(tokens)), (event.sentence,), tokens
    return main_clause(span), (event.sentence,), list(span)


def about_policy(span: Span, policies: frozenset[str]) -> bool:
    """Return True when ``span`` names one of the news policies or points back to one."""
    for token in span:
        lemma = token.lemma_.lower()
        if lemma in policies and token.pos_ in ("NOUN", "PROPN"):
            return True
        if EventAnaphors.has(lemma) and any(
            c.lower_ in ("the", "this", "that") for c in token.children
        ):
            return True
    return False


def states_policy(span: Span) -> bool:
    """Return True when ``span`` has a policy action verb or names a policy instrument."""
    return any(
        (t.pos_ == "VERB" and action_class_of(t.lemma_.lower()) is not None)
        or (t.pos_ == "NOUN" and PolicyObject.has(t.lemma_))
        for t in span
    )


def opposite(event: PolicyEvent) -> frozenset[str]:
    """Return the action lemmas that undo (or create) what ``event`` does to its policy."""
    action_class = action_class_of(event.lemma) or action_class_of(event.lemma, noun=True)
    if action_class is End:
        return Restrict.lemmas | Adopt.lemmas
    if action_class in (Restrict, Adopt):
        return End.lemmas
    return frozenset()
