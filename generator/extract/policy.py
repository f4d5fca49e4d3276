"""Policy shift: the prior stance (from), the new one (to), its drivers and its limits.

Each part is found from cues the parser can see: a shift noun or verb for "to", markers of
long duration for "from", causal phrases for drivers and restrictive ones for limits. A text
without a shift cue has no shift: every part stays empty and the page says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract.sentences import Parsed, as_statement, main_clause, text_of
from generator.types import Item, PolicyShift

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SHIFT_NOUNS = frozenset(
    """
    shift reversal recalibration departure turnaround u-turn overhaul about-face pivot
    rethink realignment
    """.split()
)
SHIFT_VERBS = frozenset("reverse overturn abandon scrap loosen relax ease lift".split())
"""Verbs that change a standing rule; they count when their object is a rule-like noun."""
RULE_NOUNS = frozenset("ban policy rule restriction control embargo prohibition limit law".split())
PRIOR_CUES = (
    ("for", "decade"),
    ("for", "year"),
    ("long", "-", "standing"),
    ("longstanding",),
    ("traditionally",),
    ("historically",),
    ("previously",),
    ("until", "now"),
    ("until", "recently"),
    ("root", "in"),
    ("have", "long"),
    ("for", "the", "past"),
)
"""Lemma sequences marking a stance held before the change ("For decades, ...")."""
DURATION_NOUNS = frozenset("year decade century generation".split())
"""A stance held "for decades" / "for twenty years" is the one a shift departs from."""
CAUSE_VERBS = frozenset("drive cause prompt spur trigger fuel motivate force".split())
CAUSE_PREPOSITIONS = (("amid",), ("due", "to"), ("because", "of"), ("in", "response", "to"))
LIMIT_CUES = (
    ("exclusively",),
    ("solely",),
    ("only",),
    ("limit", "to"),
    ("restrict", "to"),
    ("on", "condition"),
    ("provide", "that"),
    ("as", "long", "as"),
    ("must", "not"),
)
MAX_ITEMS = 3


def _find(span: Span, cues: tuple[tuple[str, ...], ...]) -> Token | None:
    """Return the first token where one of the lemma sequences ``cues`` starts."""
    lemmas = [t.lemma_.lower() for t in span]
    for start in range(len(lemmas)):
        for cue in cues:
            if tuple(lemmas[start : start + len(cue)]) == cue:
                token = span[start]
                if cue == ("only",) and start > 0 and lemmas[start - 1] == "not":
                    continue  # "not only ... but also" is emphasis, not a limit
                return token
    return None


def _held_for_long(span: Span) -> Token | None:
    """Return the duration noun of "for (twenty) years" / "over decades", if any."""
    for token in span:
        if (
            token.lemma_.lower() in DURATION_NOUNS
            and token.tag_ == "NNS"
            and token.dep_ == "pobj"
            and token.head.lower_ in ("for", "over")
        ):
            return token
    return None


ANAPHORA = "\0anaphora"
"""What ``_shift_item`` returns when the change is named only by reference ("The deal")."""


def _anaphoric(subject: Token) -> bool:
    """Return True for "The deal", "This move": a short phrase pointing back in the text."""
    words = list(subject.subtree)
    return (
        len(words) <= 3
        and words[0].lower_ in ("the", "this", "that", "these", "such")
        and not any(t.pos_ == "PROPN" or t.dep_ == "poss" for t in words)
    )


def _shift_item(span: Span) -> str | None:
    """Return the new stance a sentence announces, or None when it announces no shift."""
    for token in span:
        lemma = token.lemma_.lower()
        if (
            token.pos_ == "NOUN"
            and lemma in SHIFT_NOUNS
            and token.dep_ in ("dobj", "attr", "nsubj")
        ):
            verb = token.head
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if token.dep_ != "nsubj" and subjects:
                if _anaphoric(subjects[0]):
                    return ANAPHORA
                return text_of(subjects[0].subtree)
            return main_clause(span)
        if token.pos_ == "VERB" and lemma in SHIFT_VERBS:
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if any(o.lemma_.lower() in RULE_NOUNS for o in objects):
                return main_clause(span)
    return None


def _clause_of(token: Token, span: Span) -> str:
    """Return the reported clause holding ``token`` ("that the missiles would be used ...")."""
    node = token
    while node.dep_ not in ("ccomp", "ROOT") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "ccomp":
        tokens = [t for t in node.subtree if not (t.dep_ == "mark" and t.head.i == node.i)]
        return as_statement(text_of(tokens))
    return main_clause(span)


def extract_policy_shift(parsed: Parsed) -> PolicyShift:
    """Return the document's policy shift, or an empty one when it states none."""
    to_items: list[Item] = []
    from_items: list[Item] = []
    drivers: list[Item] = []
    limits: list[Item] = []
    for sentence, span in zip(parsed.sentences, parsed.spans, strict=True):
        cite = (sentence.id,)
        shift = _shift_item(span)
        prior = _find(span, PRIOR_CUES) or _held_for_long(span)
        if prior is not None and shift is None:
            from_items.append(Item(main_clause(span), cite))
        elif shift == ANAPHORA and sentence.id != parsed.sentences[0].id:
            # "The deal marks a shift": the deal is what the lead sentence reports.
            lead = (parsed.sentences[0].id, sentence.id)
            to_items.append(Item(main_clause(parsed.spans[0]), lead))
        elif shift is not None:
            text = main_clause(span) if shift == ANAPHORA else shift
            to_items.append(Item(as_statement(text), cite))
        if any(
            t.lemma_.lower() in CAUSE_VERBS
            and t.tag_ == "VBN"
            and any(c.dep_ == "agent" for c in t.children)
            for t in span
        ):
            drivers.append(Item(main_clause(span), cite))
        elif (cause := _find(span, CAUSE_PREPOSITIONS)) is not None:
            objects = [t for t in cause.subtree if t.dep_ == "pobj"] or [cause]
            phrase = text_of(objects[0].subtree) if objects[0].i != cause.i else main_clause(span)
            drivers.append(Item(as_statement(phrase), cite))
        if (limit := _find(span, LIMIT_CUES)) is not None:
            limits.append(Item(_clause_of(limit, span), cite))
    if not to_items:
        return PolicyShift()
    return PolicyShift(
        from_=tuple(from_items[:MAX_ITEMS]),
        to=tuple(to_items[:MAX_ITEMS]),
        drivers=tuple(drivers[:MAX_ITEMS]),
        conditions=tuple(limits[:MAX_ITEMS]),
    )
