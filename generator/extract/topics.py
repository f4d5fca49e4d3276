"""Topic tags: the key phrases of a document, from its noun phrases, never stop words."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from generator.extract.sentences import Parsed

if TYPE_CHECKING:
    from spacy.tokens import Span

TOPIC_COUNT = 3
"""Topic tags per briefing: enough to group related briefings, few enough to stay specific."""
GENERIC_HEADS = frozenset(
    """
    year day week month time thing way part lot number people person man woman report
    statement source official spokesman spokeswoman percent state country government
    """.split()
)
"""Heads too general to name a topic ("the year", "a number of")."""


def _phrase(chunk: Span) -> str | None:
    """Return a chunk as a topic: its content words, lemmatised head, no names or numbers."""
    words = [
        t
        for t in chunk
        if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "ADJ", "PROPN") and not t.ent_type_
    ]
    if not words or words[-1].i != chunk.root.i or chunk.root.pos_ != "NOUN":
        return None
    if chunk.root.lemma_.lower() in GENERIC_HEADS or len(chunk.root.text) < 3:
        return None
    words = words[-2:]  # "strict export controls" → "export control"
    lemmas = [t.lemma_.lower() if t.i == chunk.root.i else t.text.lower() for t in words]
    return " ".join(lemmas)


def extract_topics(parsed: Parsed) -> tuple[str, ...]:
    """Return up to ``TOPIC_COUNT`` key phrases, most central first.

    A phrase scores by how often its head noun recurs in the document, with multi-word
    phrases preferred when they recur themselves; ties go to the earliest phrase.
    """
    phrases: Counter[str] = Counter()
    heads: Counter[str] = Counter()
    first: dict[str, int] = {}
    for chunk in parsed.doc.noun_chunks:
        phrase = _phrase(chunk)
        if phrase is None:
            continue
        phrases[phrase] += 1
        heads[phrase.split()[-1]] += 1
        first.setdefault(phrase, chunk.start)

    def score(phrase: str) -> tuple[float, int]:
        words = phrase.split()
        bonus = 0.5 * (len(words) - 1) * min(phrases[phrase], 2)
        return (heads[words[-1]] + phrases[phrase] + bonus, -first[phrase])

    chosen: list[str] = []
    for phrase in sorted(phrases, key=score, reverse=True):
        if phrases[phrase] + heads[phrase.split()[-1]] < 3:
            break  # a phrase met once or twice is not what the document is about
        if any(phrase.split()[-1] == c.split()[-1] for c in chosen):
            continue  # one tag per head noun: "export control" or "arms export", not both
        chosen.append(phrase)
        if len(chosen) == TOPIC_COUNT:
            break
    return tuple(chosen)
