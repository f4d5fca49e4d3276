"""The parts of a shift besides the new policy: the one before (from), its drivers and
its limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract.lexicon.openness import EventAnaphors
from generator.extract.lexicon.policy import (
    CausePhrases,
    CauseVerbs,
    LimitPhrases,
    PriorStance,
    PurposeNouns,
    SequelPhrases,
)
from generator.extract.sentences import Parsed, as_statement, lead_index, main_clause, text_of
from generator.types import Item

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

from generator.extract.policy.news import (
    News,
    about_policy,
    has_phrase,
    opposite,
    states_policy,
)

ACCOMPANY_VERBS = frozenset("come follow mark reflect".split())
"""Verbs relating an event to its circumstances: "comes after", "follows a review"."""

DURATION_NOUNS = frozenset("year decade century generation".split())
"""A stance held "for twenty years" or "over decades" is the one a shift departs from."""

SCOPE_WORDS = frozenset("only exclusively solely".split())

QUOTES = frozenset('"“”')


def prior_items(parsed: Parsed, news: News) -> list[Item]:
    """Return sentences stating the rule or stance before the change (module docstring)."""
    items: list[Item] = []
    doc = parsed.doc
    undoing = opposite(news.events[0])
    objects = {doc[e.policy].lemma_.lower() for e in news.events if e.policy is not None}
    for index, span in enumerate(parsed.spans):
        if index in news.sentences or index < lead_index(parsed) - 1 or quoted(span):
            continue
        cue = _prior_cue(span)
        marked = (cue == "marker" and (about_policy(span, news.topic) or states_policy(span))) or (
            cue == "duration" and states_policy(span)
        )
        reversed_rule = any(
            t.lemma_.lower() in undoing
            and t.pos_ == "VERB"
            and (
                t.lemma_.lower() in objects  # "banned the export" before "lifted the ban"
                or any(o.lemma_.lower() in objects for o in t.subtree if o.pos_ == "NOUN")
            )
            for t in span
        )
        if marked or reversed_rule:
            items.append(Item(main_clause(span), (parsed.sentences[index].id,)))
    return items[:2]


def _prior_cue(span: Span) -> str:
    """Return how the sentence's own predicate is marked as holding before the change:
    "marker" ("traditionally", "until now", "currently"), "duration" ("for twenty years",
    weaker: it also dates things that are no policy), or "" when it is not.

    The cue must bear on a verb or on the main subject ("For decades, Japan has maintained",
    "DADT, in effect for 17 years, was repealed"), not sit deep in a noun phrase ("a
    recalibration of these long-standing policies" is about the new policy).
    """
    root = span.root
    subject = {t for c in root.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    kind = "marker"
    cue = has_phrase(span, PriorStance)
    if cue is None:
        kind = "duration"
        cue = next(
            (
                t.head
                for t in span
                if t.lemma_.lower() in DURATION_NOUNS
                and t.tag_ == "NNS"
                and t.dep_ == "pobj"
                and t.head.lower_ in ("for", "over")
            ),
            None,
        )
    if cue is None:
        return ""
    heads = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    node = cue
    while node.head.i != node.i:
        node = node.head
        if node in heads:
            return kind  # "DADT, in effect for 17 years, was repealed"
        if node.pos_ in ("VERB", "AUX"):
            main = node.i == root.i or (node.dep_ == "conj" and node.head.i == root.i)
            return kind if main else ""
        if node.pos_ in ("NOUN", "PROPN") and node not in subject:
            return ""  # deep in a noun phrase: "a recalibration of long-standing policies"
    return kind if cue.i == root.i else ""


def quoted(span: Span) -> bool:
    """Return True for a sentence that opens with a quotation: someone's words, in which
    "we have supported reform for years" is a stance, not the rule before the change."""
    return span.text.lstrip()[:1] in "\"“'‘"


def driver_items(parsed: Parsed, news: News) -> list[Item]:
    """Return the causes and purposes tied to the news events (see the module docstring)."""
    items: list[Item] = []
    doc = parsed.doc
    for event in news.events:
        verb = doc[event.action]
        while verb.pos_ != "VERB" and verb.head.i != verb.i:
            verb = verb.head  # "marks a shift ..., amid tensions": the clause of the noun
        for child in (*verb.children, *(g for c in verb.children for g in c.children)):
            if child.dep_ not in ("advcl", "prep", "npadvmod") or child.i < verb.i:
                continue
            phrase = sorted(child.subtree, key=lambda t: t.i)
            if has_phrase(doc[phrase[0].i : phrase[0].i + 4], CausePhrases) is not None:
                if child.pos_ == "VERB":  # "citing a recovery of cod": the recovery
                    objects = [c for c in child.children if c.dep_ in ("dobj", "prep")]
                    phrase = sorted(objects[0].subtree, key=lambda t: t.i) if objects else phrase
                cite = (parsed.sentences[event.sentence].id,)
                items.append(Item(as_statement(text_of(phrase)), cite))
    for index, span in enumerate(parsed.spans):
        if index < lead_index(parsed) or index in news.sentences:
            continue
        if _occasion(span, news) or (_caused(span) and about_policy(span, news.topic)):
            items.append(Item(main_clause(span), (parsed.sentences[index].id,)))
    return items


def _occasion(span: Span, news: News) -> bool:
    """Return True for "The move comes amid a recession", "The decision followed a review",
    "The phase-out is part of the EU's strategy to cut emissions": a sentence whose subject
    points back to the event and whose verb gives its occasion or purpose."""
    root = span.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return False
    subject = subjects[0]
    words = {t.lemma_.lower() for t in subject.subtree}
    if not (EventAnaphors.has(subject.lemma_) or words & news.topic):
        return False
    verb = root.lemma_.lower()
    if verb in ACCOMPANY_VERBS:
        after = doc_after(root)
        return verb == "follow" or has_phrase(after, SequelPhrases) is not None
    return verb == "be" and any(
        PurposeNouns.has(t.lemma_) for t in root.subtree if t.dep_ in ("attr", "pobj")
    )


def doc_after(token: Token) -> Span:
    """Return the part of ``token``'s sentence after it."""
    return token.doc[token.i + 1 : token.sent.end]


def _caused(span: Span) -> bool:
    """Return True when ``span`` names a cause with a passive cause verb ("driven by")."""
    return any(
        CauseVerbs.has(t.lemma_) and t.tag_ == "VBN" and any(c.dep_ == "agent" for c in t.children)
        for t in span
    )


def limit_items(parsed: Parsed, news: News) -> list[Item]:
    """Return the exceptions, conditions, scope, dates and pending steps of the news."""
    items: list[Item] = []
    for index, span in enumerate(parsed.spans):
        if index < lead_index(parsed) or quoted(span):
            continue
        cue = _limit_cue(span)
        if cue is None or past_event(cue):
            continue
        follows_news = any(0 < index - n <= 2 for n in news.sentences)
        if index in news.sentences or follows_news or about_policy(span, news.topic):
            items.append(Item(clause_of(cue, span), (parsed.sentences[index].id,)))
    return items


def _limit_cue(span: Span) -> Token | None:
    """Return the first limit cue of ``span`` that bounds a clause of the sentence itself.

    "Only", "exclusively" and "solely" count when they bound a verb or its phrase ("used
    exclusively by U.S. units", "allowed only to countries that"), not a number or a name
    ("only 30% believed", "only Austria maintains") or a modal ("could only escalate"). A
    cue inside a relative clause or an apposition bounds someone else ("Obama, who is due to
    be sworn in").
    """
    lemmas = [t.lemma_.lower() for t in span]
    for start in range(len(lemmas)):
        for phrase in LimitPhrases.phrases:
            if tuple(lemmas[start : start + len(phrase)]) != phrase:
                continue
            cue = span[start]
            if phrase[0] in SCOPE_WORDS and (
                cue.head.pos_ not in ("VERB", "AUX", "ADP")
                or (start > 0 and span[start - 1].tag_ == "MD")
            ):
                continue
            if any(a.dep_ in ("relcl", "acl", "appos") for a in (cue, *cue.ancestors)):
                continue
            if _in_quotation(cue) or (phrase == ("if",) and _generic_you(cue)):
                continue
            return cue
    return None


def _in_quotation(token: Token) -> bool:
    """Return True inside a quotation: someone's words ("will pursue his claims until his
    money runs out"), not a term of the policy."""
    before = token.doc[token.sent.start : token.i]
    return sum(1 for t in before if t.text in QUOTES) % 2 == 1


def _generic_you(cue: Token) -> bool:
    """Return True for "if you look at the polls": a manner of speaking, not a condition."""
    return any(c.lower_ == "you" for c in cue.head.children if c.dep_ == "nsubj")


def past_event(cue: Token) -> bool:
    """Return True when the cue's clause reports a finished event in the simple past
    ("Brazil started to phase out bulbs in 2005"): a limit bounds what is or will be in
    force ("said the missiles would be used exclusively by ...")."""
    verb = next((a for a in (cue, *cue.ancestors) if a.pos_ in ("VERB", "AUX")), cue)
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head  # "started to phase out": the tense is the governing verb's
    return verb.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def clause_of(token: Token, span: Span) -> str:
    """Return the reported clause holding ``token`` ("that the missiles would be used ...")."""
    node = token
    while node.dep_ not in ("ccomp", "ROOT") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "ccomp":
        tokens = [t for t in node.subtree if not (t.dep_ == "mark" and t.head.i == node.i)]
        return as_statement(text_of(tokens))
    return main_clause(span)
