"""Open questions: the points a text flags as open, asked in the text's own words.

Each finder reads one kind of open point off the parse and builds its question with the
question grammar (``grammar``); every question passes ``grammar.check`` or is dropped.

- **asked and unknown**: questions the text reports ("investigators are looking into
  whether the shooting was a hate crime", "it is unclear how ...") and facts it says are
  not known ("the exact number ... remains undisclosed");
- **disputes, risks and hopes**: what one side claims, fears, warns or hopes ("critics claim
  the agenda is influenced by Iran" → "Is the agenda influenced by Iran, as critics claim?");
- **pending steps**: what is expected, due, scheduled or required ("X is expected to
  campaign", "the restrictions must be lifted by 2011") and what will happen at a trial,
  vote or appeal;
- **possibilities**: "the move could set a precedent" → "Could the move set a precedent?";
- **conditions**: "if the bill fails, ..." → "Will the bill fail?".

Fewer, better questions beat many: each sentence gives at most one, and a briefing shows the
strongest few (``question_count``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.extract.grammar import (
    EMBEDDING_WORDS,
    Question,
    check,
    embedded,
    invert,
    noun_phrase,
    shared_subject,
    subject_of,
)
from generator.extract.lexicon.agents import OfficeTitles, People
from generator.extract.lexicon.openness import (
    Asking,
    Awaiting,
    Denial,
    Disclosure,
    Dispute,
    EventAnaphors,
    Expectation,
    Foresight,
    Obligation,
    PendingSteps,
    Possibility,
    Saying,
    Uncertain,
)
from generator.extract.lexicon.policy import PurposeNouns
from generator.extract.sentences import Parsed
from generator.types import Item

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(frozen=True)
class OpenPoint:
    """A question drawn from one sentence, and how strongly the sentence flags it as open."""

    sentence: int
    strength: float
    question: Question
    kind: str


Finder = Callable[["Span"], Iterator[tuple[str, Question | None]]]

STRENGTH = {
    "asked": 3.0,
    "unknown": 3.0,
    "disputed": 2.5,
    "pending": 2.0,
    "conditional": 2.0,
    "expected": 2.0,
    "predicted": 2.0,
    "required": 1.2,
    "possible": 1.2,
    "future": 1.0,
}
"""How surely each kind of cue marks a point the text leaves open. On the briefing gold dev
set (2026-12-01), the questions of each kind cited a sentence a gold question rests on:
reported questions and unknown facts 7 in 8, disputes 7 in 10, pending steps,
conditions, expectations and predictions about 1 in 2, obligations, possibilities and
plain futures about 1 in 3 (base rate: 1 sentence in 5). Questions the text asks itself
matched 0 in 2 and are not asked again: in news they are mostly rhetorical ("Sounds
simple, right?")."""
NEWS_PART = 1 / 3
LEAD_DISCOUNT = 0.6
"""An open point in the first third of a text counts this much: the top of a news story
reports what happened, its open points come further down. On the dev set, questions from
the first third cited a gold source 3 times in 10, from the rest 5 to 6 times in 10."""


def _is_people(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or People.has(token.lemma_) or OfficeTitles.has(token.lemma_)


def _singular(token: Token) -> bool:
    return token.tag_ in ("NN", "NNP")


ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
"""The verb's own arguments: a pending step must be one of them ("will face trial"), not a
word deep in a modifier ("a focal point for regulatory decisions")."""
PERSONAL = frozenset({"he", "she"})
NON_PERSONAL = frozenset({"it", "they"})
BODY_LABELS = frozenset({"ORG", "GPE", "NORP"})


def antecedent(pronoun: Token) -> str | None:
    """Return what a subject pronoun refers to, or None when it is not certain.

    In a reported clause the pronoun is most often the speaker ("the government has denied
    that it supports the militia"); otherwise "he" or "she" is the one person named in the
    previous sentence or earlier in this one. Two candidates: no answer.
    """
    word = pronoun.lower_
    if word not in PERSONAL | NON_PERSONAL:
        return None
    clause = pronoun.head
    if pronoun.dep_ in ("nsubj", "nsubjpass") and clause.dep_ == "ccomp":
        for sayer in (c for c in clause.head.children if c.dep_ == "nsubj"):
            # The speaker must agree: "her parents contend that she is viable" is not about
            # the parents, and "the minister said it may be hard" not about the minister.
            agrees = (word in PERSONAL) == _is_people(sayer) and (
                _singular(sayer) == (word != "they")
            )
            if sayer.pos_ != "PRON" and agrees and not sayer.conjuncts:
                return noun_phrase(sayer)
    if word not in PERSONAL or pronoun.conjuncts:
        # "it" and "they" are too often expletive or plural beyond one name ("it was only a
        # year ago that", "she and her allies"): only the speaker rule above resolves them.
        return None
    sentence = pronoun.sent
    start = pronoun.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    names: dict[str, None] = {}
    for ent in pronoun.doc[start : pronoun.i].ents:
        if ent.label_ == "PERSON":
            names[re.sub(r"['’]s$", "", ent.text)] = None
    return next(iter(names)) if len(names) == 1 else None


def _subject_antecedent(verb: Token) -> str | None:
    subject = subject_of(verb)
    return antecedent(subject) if subject is not None and subject.pos_ == "PRON" else None


def _asked(span: Span) -> Iterator[tuple[str, Question | None]]:
    """Questions the text reports as asked or unresolved, and facts it says are unknown."""
    for token in span:
        first = token.left_edge
        if token.dep_ in ("ccomp", "pcomp", "advcl", "xcomp", "csubj") and (
            first.lower_ in EMBEDDING_WORDS and first.i < token.i
        ):
            head = token.head
            asking = (
                Asking.has(head.lemma_)
                or Uncertain.has(head.lemma_)
                or any(Uncertain.has(c.lemma_) for c in head.children if c.dep_ == "acomp")
                or (Disclosure.has(head.lemma_) and any(c.dep_ == "neg" for c in head.children))
                or (head.dep_ == "prep" and Asking.has(head.head.lemma_))
            )
            if first.lower_ == "whether" or asking:
                yield "asked", embedded(token)
        if Uncertain.has(token.lemma_) and token.dep_ in ("acomp", "oprd", "attr"):
            yield "unknown", _unknown_fact(token.head)
        if Asking.has(token.lemma_) and token.pos_ == "NOUN":
            # "raises questions about the scale of ...": what is the scale of ...?
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("about", "over", "around"):
                    for topic in (c for c in prep.children if c.dep_ == "pobj"):
                        yield "asked", _what_is(topic, exclude=_conjoined(topic))


def _ask(verb: Token, lead: str | None = None, subject: Token | None = None) -> Question | None:
    """Return ``grammar.invert`` of ``verb``, a pronoun subject replaced by its antecedent."""
    pronoun = subject if subject is not None else subject_of(verb) or shared_subject(verb)
    named = antecedent(pronoun) if pronoun is not None and pronoun.pos_ == "PRON" else None
    return invert(verb, lead, subject=subject, antecedent=named)


def _what_is(subject: Token, exclude: set[Token] | None = None) -> Question | None:
    """Return "What is X?" for a thing X; never for a person or a name ("What is Howard?")."""
    if subject.pos_ != "NOUN" or subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return None
    phrase = noun_phrase(subject, exclude or set())
    verb = "are" if subject.tag_ in ("NNS", "NNPS") else "is"
    return Question(f"What {verb} {phrase}?", phrase)


def _conjoined(token: Token) -> set[Token]:
    """Return the conjuncts of ``token`` and their conjunction: "X and Y" asks about X."""
    dropped = {t for c in token.conjuncts for t in c.subtree}
    dropped.update(c for c in token.children if c.dep_ == "cc")
    return dropped


def _unknown_fact(copula: Token) -> Question | None:
    """Return "What is X?" for "X remains undisclosed" / "X is unknown".

    The small English parser often reads "the number of units delivered remains
    undisclosed" as if "delivered" were the verb and "remains" its object; the fact is then
    the subject of that participle, with the participle.
    """
    subject = subject_of(copula)
    if subject is not None:
        return _what_is(subject)
    verb = copula.head
    if copula.dep_ in ("dobj", "ccomp", "conj") and verb.tag_ == "VBN":
        subject = subject_of(verb)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            kept = [*subject.subtree, verb]
            phrase = noun_phrase(subject) + " " + verb.text
            verb_word = "are" if subject.tag_ in ("NNS", "NNPS") else "is"
            if len(kept) >= 2:
                return Question(f"What {verb_word} {phrase}?", phrase)
    return None


def _claimed_clause(clause: Token) -> Question | None:
    modal = next(
        (c for c in clause.children if c.dep_ == "aux" and Possibility.has(c.lower_)), None
    )
    return _ask(clause, "Could") if modal is not None else _ask(clause)


def _reported(span: Span) -> Iterator[tuple[str, Question | None]]:
    """What one side claims, fears, warns, hopes or predicts, asked as a question."""
    for token in span:
        claims = Dispute.has(token.lemma_) or Foresight.has(token.lemma_)
        saying = Saying.has(token.lemma_)
        if not (claims or saying) or token.pos_ not in ("VERB", "NOUN"):
            continue
        for clause in (c for c in token.children if c.dep_ in ("ccomp", "acl")):
            if saying and not any(
                c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in ("can", "ca")
                for c in clause.children
            ):
                continue  # "said that X happened" reports; "said that X will" predicts
            question = _claimed_clause(clause)
            if question is None:
                continue
            sayers = [c for c in token.children if c.dep_ == "nsubj"]
            asserting = Dispute.has(token.lemma_) and not Denial.has(token.lemma_)
            if (
                (asserting or Foresight.has(token.lemma_))
                and sayers
                and sayers[0].pos_ in ("NOUN", "PROPN")
                and noun_phrase(sayers[0]) != question.subject
            ):
                sayer = noun_phrase(sayers[0])
                longer = f"{question.text[:-1]}, as {sayer} {token.text}?"
                if len(longer.split()) <= 25 and len(sayer.split()) <= 4:
                    question = Question(longer, question.subject)
            yield ("disputed" if claims else "predicted"), question


def _modal(span: Span) -> Iterator[tuple[str, Question | None]]:
    """Possibilities ("could"), obligations ("must") and futures ("will")."""
    for token in span:
        if token.dep_ != "aux" or (token.head.dep_ == "ccomp" and _reported_by(token.head)):
            continue
        verb = token.head
        subject = subject_of(verb)
        if subject is None or (_is_people(subject) and Possibility.has(token.lower_)):
            continue  # "Residents may comment": a permission, not an open outcome
        if Possibility.has(token.lower_):
            yield "possible", _ask(verb, "Could")
        elif Obligation.has(token.lower_):
            yield "required", _ask(verb, "Will")
        elif token.lower_ in ("will", "'ll"):
            arguments = [verb, *(c for c in verb.children if c.dep_ in ARGUMENT_DEPS)]
            pending = any(PendingSteps.has(t.lemma_) for t in arguments)
            yield ("pending" if pending else "future"), _ask(verb)


def _reported_by(clause: Token) -> bool:
    head = clause.head
    return Dispute.has(head.lemma_) or Foresight.has(head.lemma_) or Saying.has(head.lemma_)


def _expected(span: Span) -> Iterator[tuple[str, Question | None]]:
    """ "X is expected to V", "X is due to V", "X is to V", "X has to V": will X V?"""
    for token in span:
        to_be = token.lemma_ == "be" and token.dep_ == "ROOT"
        if not (Expectation.has(token.lemma_) or token.lemma_ == "have" or to_be):
            continue
        actions = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        if not actions or not any(c.lower_ == "to" for c in actions[0].children):
            continue
        subject = subject_of(token) or subject_of(token.head)
        if subject is None or (
            to_be and (PurposeNouns.has(subject.lemma_) or subject.lower_ == "it")
        ):
            continue  # "the goal is to find the recorders" states an aim, not a step
        kind = "required" if token.lemma_ == "have" else "expected"
        yield kind, _ask(actions[0], "Will", subject=subject)


def _awaited(span: Span) -> Iterator[tuple[str, Question | None]]:
    """A step someone faces or awaits: "three journalists still face trial"."""
    for token in span:
        if not Awaiting.has(token.lemma_) or token.pos_ != "VERB":
            continue
        if any(PendingSteps.has(c.lemma_) for c in token.children if c.dep_ == "dobj"):
            yield "pending", _ask(token)


def _conditional(span: Span) -> Iterator[tuple[str, Question | None]]:
    """ "If the bill fails, ...": will the bill fail?"""
    for token in span:
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children
        ):
            yield "conditional", _ask(token, "Will")


FINDERS: tuple[Finder, ...] = (
    _asked,
    _reported,
    _expected,
    _awaited,
    _conditional,
    _modal,
)
"""Every kind of open point; a sentence keeps its strongest question, the first on a tie
(a condition before the consequence it conditions)."""


def question_count(sentence_count: int) -> int:
    """Return how many questions a text of ``sentence_count`` sentences shows at most (3-5).

    On the briefing gold dev set (2026-12-01), at most 3, 4, 5 and 6 per text gave question
    recall 0.35, 0.37, 0.38, 0.39 at precision 0.59, 0.57, 0.56, 0.56 (with ``MIN_WEIGHT``).
    """
    return max(3, min(5, sentence_count // 4))


MIN_WEIGHT = 1.0
"""Weaker points are not asked at all: a plain future in the top third of a text (0.6) is
the news itself more often than an open point. Without this floor, precision fell from 0.56
to 0.53 at the same recall on the dev set."""


def open_points(parsed: Parsed) -> list[OpenPoint]:
    """Return every checked question of the text, at most one per sentence."""
    points: list[OpenPoint] = []
    seen: set[str] = set()
    for index, span in enumerate(parsed.spans):
        best: OpenPoint | None = None
        for finder in FINDERS:
            for kind, question in finder(span):
                if question is None or check(question) or question.text.lower() in seen:
                    continue
                if best is None or STRENGTH[kind] > best.strength:
                    best = OpenPoint(index, STRENGTH[kind], question, kind)
        if best is not None:
            seen.add(best.question.text.lower())
            points.append(best)
    return points


EVENT_BONUS = 0.3
"""A question about the news event itself ("Could the move set a precedent?") is asked
before an equally strong one about a side issue."""


def _weight(point: OpenPoint, sentence_count: int) -> float:
    early = point.sentence < NEWS_PART * sentence_count
    about_event = EventAnaphors.has(point.question.subject_lemma)
    return point.strength * (LEAD_DISCOUNT if early else 1.0) + EVENT_BONUS * about_event


def extract_questions(parsed: Parsed) -> tuple[Item, ...]:
    """Return the strongest open questions in source order, each citing its sentence."""
    count = len(parsed.spans)
    points = [p for p in open_points(parsed) if _weight(p, count) >= MIN_WEIGHT]
    ranked = sorted(points, key=lambda p: (-_weight(p, count), p.sentence))
    chosen = sorted(ranked[: question_count(len(parsed.spans))], key=lambda p: p.sentence)
    return tuple(Item(p.question.text, (parsed.sentences[p.sentence].id,)) for p in chosen)
