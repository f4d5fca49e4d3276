"""Policy events: an agent with authority acting on a policy, found in the parse.

An event has three parts, each read off spaCy's dependency parse, never off phrases:

- an **action** from one of the classes in ``lexicon`` (adopt, restrict, end, block,
  propose, change, rule), as a verb ("the Senate passed the bill"), a passive ("was approved
  by the Senate"), a headline infinitive ("France to ban smoking"), a noun ("the repeal of
  the act", "a ban on smoking ... comes into force") or a rule adjective ("it is illegal to");
- a **policy object** (``PolicyObject``): the verb's object, the passive's subject, the noun's
  "of"/"on" phrase, or the action itself when it states a rule ("ban", "prohibit");
- an **agent with authority**: a state, government, legislature, court, international body,
  party or organisation, or a person named with an office title. An agentless passive
  ("the limits will be lifted") or a rule taking effect is an event without a named agent.

The shift stage (``policy``) and the question stage read the same events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from generator.extract.agents import (
    RELATIVE,
    is_authority,
    is_court,
    is_person,
    resolve_pronoun,
    titled_people,
)
from generator.extract.lexicon.policy import (
    ACTION_CLASSES,
    PROPOSAL_OBJECTS,
    SELF_RULING,
    Adopt,
    EnactingPredicates,
    End,
    PolicyAction,
    PolicyObject,
    Propose,
    Restrict,
    Rule,
    RuleAdjectives,
    Thresholds,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SURPASSING = frozenset("pass meet".split())
"""Adoption verbs that also mean going beyond a level ("passed the target")."""
INTENT_VERBS = frozenset("plan propose want seek aim intend call promise pledge vow".split())
"""Verbs whose complement is not yet decided: "plans to ban" is a proposal."""
PHRASAL = {("strike", "down"): "overturn", ("call", "for"): "propose", ("vote", "down"): "reject"}
"""Phrasal verbs that name a policy action only with their particle or preposition."""


@dataclass(frozen=True)
class PolicyEvent:
    """One act on a policy in one sentence."""

    sentence: int
    """Index of the sentence in ``Parsed.spans`` (-1 for the title kept apart)."""
    action: int
    """Document index of the action's token."""
    lemma: str
    status: str
    """enacted, decided, proposed or blocked."""
    agent: int | None
    """Document index of the agent's head token, or None for an agentless event."""
    policy: int | None
    """Document index of the policy object's head token (None when the action is the rule)."""
    implied_agent: bool = False
    """True when the agent is a pronoun the text leaves unresolved ("it will end ..."): the
    event stands only if the headline names the same act with its agent."""


@cache
def action_class_of(lemma: str, *, noun: bool = False) -> type[PolicyAction] | None:
    """Return the class of the policy action ``lemma`` (a verb, or with ``noun`` a noun)."""
    for action_class in ACTION_CLASSES:
        if lemma in (action_class.nouns if noun else action_class.lemmas):
            return action_class
    return None


def action_lemma(token: Token) -> str:
    """Return the action a verb names, resolving phrasal verbs ("strike down" → overturn)."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep") and (lemma, child.lower_) in PHRASAL:
            return PHRASAL[(lemma, child.lower_)]
    return lemma


def _subject(verb: Token) -> Token | None:
    """Return the subject of ``verb``, inherited through "voted to X" and "X and Y"."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        if node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
            node = node.head
            continue
        return None
    return None


def _owner(noun: Token) -> Token | None:
    """Return who holds a plan or decision: "Japan's decision", "Australia ... with plans"."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return owners[0]
    node = noun
    while node.dep_ in ("pobj", "prep", "dobj") and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return _subject(node)
    return None


def _by_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


def _policy_head(token: Token) -> Token | None:
    """Return the policy object among ``token`` and its conjuncts, or a nominal action; or
    one level down, in its "of"/"with"/"on" phrase ("compliance with inspections and other
    nuclear cooperation")."""
    for candidate in (token, *token.conjuncts):
        lemma = candidate.lemma_.lower()
        if PolicyObject.has(lemma) or action_class_of(lemma, noun=True):
            return candidate
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "with", "on"):
            for inner in (c for c in prep.children if c.dep_ == "pobj"):
                for candidate in (inner, *inner.conjuncts):
                    if PolicyObject.has(candidate.lemma_):
                        return candidate
    return None


def _objects(verb: Token) -> list[Token]:
    """Return what ``verb`` acts on: direct objects, "agree to X", "vote for X", attributes."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    for prep in (c for c in verb.children if c.dep_ in ("prep", "prt")):
        if prep.lower_ in ("to", "on", "for", "with", "down"):
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ == "neg" for c in verb.head.children if verb.dep_ == "xcomp"
    )


def _status(verb: Token, action_class: type[PolicyAction]) -> str:
    """Return the status an action has in its clause: intent makes it a proposal; an
    adoption, ending or restriction done ("passed", "has lifted") is enacted, one still to
    come ("will lift", "to ban") is decided."""
    node = verb
    while node.dep_ in ("xcomp", "ccomp", "conj", "advcl") and node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in INTENT_VERBS or Propose.has(node.lemma_):
            return "proposed"
    future = verb.tag_ in ("VB", "VBG") or any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ == "to") for c in verb.children
    )
    if action_class in (Adopt, End, Restrict) and not future:
        return "enacted"  # "passed the bill", "has cut off access", "lifted the ban"
    if action_class is Adopt:
        return "decided"  # "will pass", "to sign": adopted, not yet in force
    return action_class.status


def _verbal_event(verb: Token, titled: frozenset[str], sentence: int) -> PolicyEvent | None:
    lemma = action_lemma(verb)
    action_class = action_class_of(lemma)
    if action_class is None or _negated(verb):
        return None
    modifies_noun = verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN")
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl"
    )
    if passive:
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if modifies_noun and (not patients or patients[0].lower_ in RELATIVE):
            patients = [verb.head]  # "a measure voted by the House", "the repeal, which was"
        agent = _by_agent(verb)
    else:
        patients = _objects(verb)
        agent = _subject(verb)
        if agent is None and modifies_noun and verb.tag_ == "VBG":
            agent = verb.head  # "the watchdog adopting the resolution"
        elif agent is None and modifies_noun and any(c.lower_ == "to" for c in verb.children):
            agent = _owner(verb.head)  # "Australia will press on with plans to withdraw"
    if agent is not None and agent.lower_ in RELATIVE and modifies_noun:
        agent = verb.head  # "the board, which adopted the resolution"
    implied = False
    if agent is not None and agent.pos_ == "PRON":
        agent = resolve_pronoun(agent, titled)
        implied = agent is None
    policy = next((p for t in patients if (p := _policy_head(t)) is not None), None)
    if policy is None and lemma not in SELF_RULING:
        return None
    if policy is not None and lemma in SURPASSING and Thresholds.has(policy.lemma_):
        return None  # "Germany has already passed the old target": gone beyond it
    if policy is None and any(is_person(p, titled) or p.pos_ == "PRON" for p in patients):
        return None  # "a teacher was banned from the classroom": a sanction on a person
    if agent is not None and not any(is_authority(a, titled) for a in (agent, *agent.conjuncts)):
        return None
    if action_class is Rule and (agent is None or not is_court(agent)):
        return None
    if agent is None and not passive and lemma not in SELF_RULING and not implied:
        return None  # an active verb with no subject at all is a fragment, not an event
    status = _status(verb, action_class)
    if policy is not None and policy.lemma_.lower() in PROPOSAL_OBJECTS and status != "blocked":
        status = "proposed"  # "announced plans to", "approved a proposal to"
    return PolicyEvent(
        sentence,
        verb.i,
        lemma,
        status,
        agent.i if agent is not None else None,
        policy.i if policy is not None else None,
        implied,
    )


def _nominal_event(noun: Token, titled: frozenset[str], sentence: int) -> PolicyEvent | None:
    """Return the event a noun phrase names when it takes effect ("the ban comes into force")
    or when it names a change to a stated policy ("the repeal of the act")."""
    lemma = noun.lemma_.lower()
    action_class = action_class_of(lemma, noun=True)
    verb = noun.head
    takes_effect = (
        noun.dep_ == "nsubj"
        and EnactingPredicates.has(verb.lemma_)
        and any(
            EnactingPredicates.particles & {t.lower_ for t in c.subtree}
            for c in verb.children
            if c.dep_ in ("prep", "dobj", "prt")
        )
    )
    if takes_effect and (action_class is not None or PolicyObject.has(lemma)):
        agent = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("poss", "compound", "amod") and is_authority(c, titled)
            ),
            None,
        )
        return PolicyEvent(sentence, noun.i, lemma, "enacted", agent.i if agent else None, noun.i)
    if action_class is None:
        return None
    objects = [
        c
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in ("of", "on", "in")
        for c in prep.children
        if c.dep_ == "pobj"
    ]
    policy = next((p for t in objects if (p := _policy_head(t)) is not None), None)
    agent = next(
        (c for c in noun.children if c.dep_ in ("poss", "compound") and is_authority(c, titled)),
        None,
    )
    by_agent = next(
        (
            c
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ == "by"
            for c in prep.children
            if c.dep_ == "pobj" and is_authority(c, titled)
        ),
        None,
    )
    if policy is None and by_agent is None:
        return None  # "the withdrawal" alone names no policy; "the adoption by the board" does
    agent = agent or by_agent or _owner_of_clause(noun, titled)
    return PolicyEvent(
        sentence,
        noun.i,
        lemma,
        action_class.status,
        agent.i if agent is not None else None,
        policy.i if policy is not None else None,
    )


def _owner_of_clause(noun: Token, titled: frozenset[str]) -> Token | None:
    """Return the authority owning the subject of the verb ``noun`` is the object of:
    "Japan's decision to export ... marks a shift in policy" → Japan."""
    if noun.dep_ not in ("dobj", "attr"):
        return None
    for subject in (c for c in noun.head.children if c.dep_ == "nsubj"):
        for owner in subject.children:
            if owner.dep_ in ("poss", "compound") and is_authority(owner, titled):
                return owner
    return None


def _rule_adjective(adjective: Token, sentence: int) -> PolicyEvent | None:
    """Return the rule "it is illegal to import X" states, as an event in force."""
    if not RuleAdjectives.has(adjective.lemma_) or adjective.dep_ != "acomp":
        return None
    if not any(c.dep_ == "xcomp" for c in adjective.head.children):
        return None
    return PolicyEvent(sentence, adjective.i, adjective.lemma_.lower(), "enacted", None, None)


def find_events(spans: Iterable[Span], *, first_sentence: int = 0) -> list[PolicyEvent]:
    """Return the policy events of ``spans`` in reading order (sentence indices count from
    ``first_sentence``)."""
    events: list[PolicyEvent] = []
    spans = list(spans)
    if not spans:
        return events
    titled = titled_people(spans[0].doc)
    for offset, span in enumerate(spans):
        sentence = first_sentence + offset
        for token in span:
            event: PolicyEvent | None = None
            if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
                event = _verbal_event(token, titled, sentence)
            if event is None and token.pos_ == "NOUN":
                event = _nominal_event(token, titled, sentence)
            if event is None and token.pos_ == "ADJ":
                event = _rule_adjective(token, sentence)
            if event is not None:
                events.append(event)
    return events
