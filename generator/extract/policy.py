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

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.extract.events import PolicyEvent, action_class_of, find_events
from generator.extract.lexicon import (
    ACTION_CLASSES,
    Adopt,
    CausePhrases,
    CauseVerbs,
    End,
    EventAnaphors,
    LimitPhrases,
    PhraseClass,
    PolicyObject,
    PriorStance,
    PurposeNouns,
    Restrict,
    SequelPhrases,
)
from generator.extract.sentences import Parsed, as_statement, lead_index, main_clause, text_of
from generator.types import Item, PolicyShift

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_ITEMS = 3
MAX_LIMITS = 2
"""Limits shown, in reading order: the first ones bound the news itself, later ones drift to
side issues. On the dev set (2026-12-01) 2, 3 and 4 gave limits F1 0.60, 0.56 and 0.55."""
NEWS_AFTER_LEAD = 3
"""Sentences after the lead that still belong to the news: a lead often states the event in
steps ("The board adopted ... It also asked ..."), and a quoted reaction may come first. On
the briefing gold dev set (2026-12-01), 2 found 19 of 26 shifts and 3 found 20, with no
shift invented either way."""
STATUS_RANK = {"enacted": 3, "decided": 2, "blocked": 2, "proposed": 1}
"""When the news holds several events on one policy, the furthest step is the status:
"the House agreed to the bill ... Obama signed it into law" is enacted."""
ACCOMPANY_VERBS = frozenset("come follow mark reflect".split())
"""Verbs relating an event to its circumstances: "comes after", "follows a review"."""


def _has_phrase(span: Span, phrases: type[PhraseClass]) -> Token | None:
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


def _marked_prior(event: PolicyEvent, parsed: Parsed) -> bool:
    """Return True when the event's own clause is marked as before the change."""
    action = parsed.doc[event.action]
    if any(c.lemma_ == "have" and c.tag_ == "VBD" for c in action.children if c.dep_ == "aux"):
        return True  # past perfect: "had passed", "had imposed"
    cue = _has_phrase(parsed.spans[event.sentence], PriorStance)
    if cue is None:
        return False
    return cue in set(action.subtree) or cue.head.i == action.i or cue.head.head.i == action.i


@dataclass(frozen=True)
class _News:
    """The events the article reports as its news, and what the other parts are tied to."""

    events: tuple[PolicyEvent, ...]
    sentences: tuple[int, ...]
    policies: frozenset[str]
    """Lemmas of the policy objects and nominal actions of the news events."""
    topic: frozenset[str]
    """Lemmas of the nouns and names in the news events' clauses: what the shift is about."""


def _news(
    parsed: Parsed, events: list[PolicyEvent], headline: frozenset[tuple[str, str]]
) -> _News | None:
    last = lead_index(parsed) + NEWS_AFTER_LEAD
    # "For decades, Norway has banned drilling": an act marked as prior is the "from".
    news = tuple(
        e
        for e in events
        if (e.sentence <= last or (e.status == "enacted" and e.agent is not None))
        and not _marked_prior(e, parsed)
        and (not e.implied_agent or _act(e, parsed.doc) in headline)
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
    undone = _opposite(first)
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
        for t in _event_tokens(e, parsed)[2]
        if t.pos_ in ("NOUN", "PROPN") and not t.is_stop
    }
    return _News(news, sentences, frozenset(policies), frozenset(topic | policies))


def _act(event: PolicyEvent, doc: Doc) -> tuple[str, str]:
    """Return what an event does to what: (action lemma, policy lemma)."""
    policy = doc[event.policy].lemma_.lower() if event.policy is not None else ""
    return event.lemma, policy


def _status(news: _News) -> str:
    first = news.events[0].status
    best = max(news.events, key=lambda e: STATUS_RANK[e.status]).status
    if first in ("blocked", "proposed"):
        return first
    return best


def _anaphoric(subject: Token) -> bool:
    """Return True for "The deal", "This move": a short phrase pointing back in the text."""
    words = list(subject.subtree)
    return (
        len(words) <= 3
        and words[0].lower_ in ("the", "this", "that", "these", "such")
        and not any(t.pos_ == "PROPN" or t.dep_ == "poss" for t in words)
    )


def _event_clause(event: PolicyEvent, parsed: Parsed) -> tuple[str, tuple[int, ...]]:
    """Return the text stating the new policy of ``event`` and the sentences it rests on."""
    text, sentences, _ = _event_tokens(event, parsed)
    return text, sentences


def _event_tokens(event: PolicyEvent, parsed: Parsed) -> tuple[str, tuple[int, ...], list[Token]]:
    """Return ``_event_clause``'s text and sentences, and the tokens the text comes from."""
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
        if subjects and _anaphoric(subjects[0]) and event.sentence > 0:
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


def _about_policy(span: Span, policies: frozenset[str]) -> bool:
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


def _states_policy(span: Span) -> bool:
    """Return True when ``span`` has a policy action verb or names a policy instrument."""
    return any(
        (t.pos_ == "VERB" and action_class_of(t.lemma_.lower()) is not None)
        or (t.pos_ == "NOUN" and PolicyObject.has(t.lemma_))
        for t in span
    )


def _opposite(event: PolicyEvent) -> frozenset[str]:
    """Return the action lemmas that undo (or create) what ``event`` does to its policy."""
    for action_class in ACTION_CLASSES:
        if event.lemma in action_class.lemmas or event.lemma in action_class.nouns:
            if action_class is End:
                return Restrict.lemmas | Adopt.lemmas
            if action_class in (Restrict, Adopt):
                return End.lemmas
    return frozenset()


def _prior(parsed: Parsed, news: _News) -> list[Item]:
    """Return sentences stating the rule or stance before the change (module docstring)."""
    items: list[Item] = []
    doc = parsed.doc
    undoing = _opposite(news.events[0])
    objects = {doc[e.policy].lemma_.lower() for e in news.events if e.policy is not None}
    for index, span in enumerate(parsed.spans):
        if index in news.sentences or index < lead_index(parsed) - 1 or _quoted(span):
            continue
        cue = _prior_cue(span)
        marked = (
            cue == "marker" and (_about_policy(span, news.topic) or _states_policy(span))
        ) or (cue == "duration" and _states_policy(span))
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


DURATION_NOUNS = frozenset("year decade century generation".split())
"""A stance held "for twenty years" or "over decades" is the one a shift departs from."""


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
    cue = _has_phrase(span, PriorStance)
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


def _quoted(span: Span) -> bool:
    """Return True for a sentence that opens with a quotation: someone's words, in which
    "we have supported reform for years" is a stance, not the rule before the change."""
    return span.text.lstrip()[:1] in "\"“'‘"


def _topic_lemmas(parsed: Parsed, news: _News) -> frozenset[str]:
    """Return the nouns of the news sentences' policy objects and agents (the shift's topic)."""
    doc = parsed.doc
    lemmas: set[str] = set()
    for event in news.events:
        for index in (event.policy, event.agent):
            if index is not None:
                lemmas.update(
                    t.lemma_.lower()
                    for t in doc[index].subtree
                    if t.pos_ in ("NOUN", "PROPN") and not t.is_stop
                )
    return frozenset(lemmas)


def _drivers(parsed: Parsed, news: _News) -> list[Item]:
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
            if _has_phrase(doc[phrase[0].i : phrase[0].i + 4], CausePhrases) is not None:
                if child.pos_ == "VERB":  # "citing a recovery of cod": the recovery
                    objects = [c for c in child.children if c.dep_ in ("dobj", "prep")]
                    phrase = sorted(objects[0].subtree, key=lambda t: t.i) if objects else phrase
                cite = (parsed.sentences[event.sentence].id,)
                items.append(Item(as_statement(text_of(phrase)), cite))
    for index, span in enumerate(parsed.spans):
        if index < lead_index(parsed) or index in news.sentences:
            continue
        if _occasion(span, news) or (_caused(span) and _about_policy(span, news.topic)):
            items.append(Item(main_clause(span), (parsed.sentences[index].id,)))
    return items


def _occasion(span: Span, news: _News) -> bool:
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
        return verb == "follow" or _has_phrase(after, SequelPhrases) is not None
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


def _limits(parsed: Parsed, news: _News) -> list[Item]:
    """Return the exceptions, conditions, scope, dates and pending steps of the news."""
    items: list[Item] = []
    for index, span in enumerate(parsed.spans):
        if index < lead_index(parsed) or _quoted(span):
            continue
        cue = _limit_cue(span)
        if cue is None or _past_event(cue):
            continue
        follows_news = any(0 < index - n <= 2 for n in news.sentences)
        if index in news.sentences or follows_news or _about_policy(span, news.topic):
            items.append(Item(_clause_of(cue, span), (parsed.sentences[index].id,)))
    return items


SCOPE_WORDS = frozenset("only exclusively solely".split())


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


QUOTES = frozenset('"“”')


def _in_quotation(token: Token) -> bool:
    """Return True inside a quotation: someone's words ("will pursue his claims until his
    money runs out"), not a term of the policy."""
    before = token.doc[token.sent.start : token.i]
    return sum(1 for t in before if t.text in QUOTES) % 2 == 1


def _generic_you(cue: Token) -> bool:
    """Return True for "if you look at the polls": a manner of speaking, not a condition."""
    return any(c.lower_ == "you" for c in cue.head.children if c.dep_ == "nsubj")


def _past_event(cue: Token) -> bool:
    """Return True when the cue's clause reports a finished event in the simple past
    ("Brazil started to phase out bulbs in 2005"): a limit bounds what is or will be in
    force ("said the missiles would be used exclusively by ...")."""
    verb = next((a for a in (cue, *cue.ancestors) if a.pos_ in ("VERB", "AUX")), cue)
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head  # "started to phase out": the tense is the governing verb's
    return verb.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _clause_of(token: Token, span: Span) -> str:
    """Return the reported clause holding ``token`` ("that the missiles would be used ...")."""
    node = token
    while node.dep_ not in ("ccomp", "ROOT") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "ccomp":
        tokens = [t for t in node.subtree if not (t.dep_ == "mark" and t.head.i == node.i)]
        return as_statement(text_of(tokens))
    return main_clause(span)


def extract_policy_shift(parsed: Parsed, title: Span | None = None) -> PolicyShift:
    """Return the document's policy shift, or an empty one when its news holds none.

    ``title`` is the seed's headline, parsed apart from the text: an act it names with its
    agent ("Iran to end nuclear cooperation") lets the lead's "it will end ... cooperation"
    stand although the lead's pronoun is unresolved.
    """
    events = find_events(parsed.spans)
    headline = (
        frozenset(_act(e, title.doc) for e in find_events([title]) if e.agent is not None)
        if title is not None
        else frozenset()
    )
    news = _news(parsed, events, headline)
    if news is None:
        return PolicyShift()
    to_items: list[Item] = []
    for event in news.events:
        if event.sentence not in news.sentences:
            continue
        text, sentences = _event_clause(event, parsed)
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
        from_=tuple(_dedupe(_prior(parsed, news), cited)[:MAX_ITEMS]),
        to=tuple(to_items[:MAX_ITEMS]),
        drivers=tuple(_dedupe(_drivers(parsed, news), set())[:MAX_ITEMS]),
        conditions=tuple(_dedupe(_limits(parsed, news), set())[:MAX_LIMITS]),
        status=_status(news),
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
