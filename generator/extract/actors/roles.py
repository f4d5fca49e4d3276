"""Roles: what the text says an actor did, only where the actor is the agent of a clause.

A role line is the actor's own predicate, where the actor is the subject of a clause or the
"by" of a passive. It is given only for asserted clauses: not inside a "whether" or "if"
clause, a question, a negation's scope or an infinitive ("to be built by Intel" says the
plant is yet to be built). Where the actor acts nowhere, the line stays empty: no role is
better than a wrong one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.extract.actors.mentions import Mention
from generator.extract.grammar import DANGLING, asserted, unbalanced_quotes
from generator.extract.lexicon.agents import Causatives
from generator.extract.lexicon.openness import Saying
from generator.extract.sentences import Parsed, text_of, trailing_clauses

if TYPE_CHECKING:
    from spacy.tokens import Token

ROLE_MAX_WORDS = 22
"""A role line longer than this is cut at a comma (or at this many words, with an ellipsis)."""


def _predicate(subject: Token) -> list[Token]:
    """Return what the text says ``subject`` did: its verb phrase without the subject."""
    verb = subject.head if subject.dep_ != "conj" else subject.head.head
    left_of_subject = {
        t for child in verb.lefts if child.i < subject.left_edge.i for t in child.subtree
    }
    subject_tokens = set((subject.head if subject.dep_ == "conj" else subject).subtree)
    # An aside between subject and verb (", while confirming the export,") is not the role.
    asides = {
        t
        for child in verb.lefts
        if child.dep_ in ("advcl", "prep", "npadvmod", "punct") and child.i > subject.i
        for t in child.subtree
    }
    dropped = left_of_subject | subject_tokens | asides | trailing_clauses(verb)
    return [t for t in verb.subtree if t not in dropped and not t.is_space]


def _role_text(m: Mention, parsed: Parsed) -> str | None:
    """Return the role the mention gives its actor, or None when it is not an agent here."""
    text = _agent_role(m, parsed)
    if text is None:
        return None
    text = re.sub(r"\s*,(\s*,)+", ",", text).strip(" ,;:")
    if not text or unbalanced_quotes(text):
        return None  # a role cut out of a quotation ("is 'independent country")
    return text


def _in_quotation(token: Token) -> bool:
    """Return True inside a quotation, in double or (British style) single quotes.

    A single quote is a quotation mark only where the parser makes it punctuation; the
    possessive apostrophe ("the Joneses' house") is its ``case``.
    """
    before = token.doc[token.sent.start : token.i]
    double = sum(1 for t in before if t.text in ('"', "“", "”"))
    single = sum(1 for t in before if t.text in ("'", "‘", "’") and t.dep_ == "punct")
    return double % 2 == 1 or single % 2 == 1


def _bare_saying(verb: Token) -> bool:
    """Return True for "X said on Sunday" or "X told DW" with the words said elsewhere: no
    role in that. The object of "tell" is whom it was told to, not what."""
    said = (
        ("ccomp", "xcomp", "attr") if verb.lemma_ == "tell" else ("ccomp", "dobj", "xcomp", "attr")
    )
    return Saying.has(verb.lemma_) and not any(
        c.dep_ in said and c.i > verb.i for c in verb.children
    )


def _fronted_object(verb: Token, subject: Token) -> bool:
    """Return True when the verb's object is a wh-phrase before its subject ("how much
    pollution the United States belched"): the predicate alone has lost its object."""
    return any(
        t.tag_ in ("WDT", "WP", "WP$", "WRB") and t.i < subject.i
        for c in verb.children
        if c.i < subject.i
        for t in c.subtree
    )


def _caused(verb: Token) -> bool:
    """Return True when ``verb`` is not a clause the subject acts in: a predicate without a
    verb ("make Johnson the next leader") or the complement of a causative ("get Britain
    building again")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return True
    return verb.dep_ in ("ccomp", "xcomp") and Causatives.has(verb.head.lemma_)


def _agent_role(m: Mention, parsed: Parsed) -> str | None:
    root = m.root
    if _in_quotation(root):
        return None  # inside someone's words ("'Hong Kong today, Taiwan tomorrow' became ...")
    if root.dep_ in ("nsubj", "csubj") or (root.dep_ == "conj" and root.head.dep_ == "nsubj"):
        verb = root.head if root.dep_ != "conj" else root.head.head
        if not asserted(verb) or _bare_saying(verb) or _caused(verb):
            return None
        if _fronted_object(verb, root) or _non_finite(verb):
            return None
        return text_of(_predicate(root))
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        verb = root.head.head
        if not asserted(verb) or verb.tag_ != "VBN":
            return None
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            # "the repeal, which was signed by Obama": Obama signed the repeal
            noun = verb.head
            word = _hyphenated(verb)
            phrase = [t for t in noun.subtree if t not in set(verb.subtree) and t not in word]
            while phrase and phrase[-1].is_punct:
                phrase.pop()  # "the project, co-organized by ...": the comma before it
            return f"{text_of(word)} {_lower_first(phrase)}"
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if patients and patients[0].pos_ != "PRON":
            return f"{verb.text} {_lower_first(list(patients[0].subtree))}"
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
        # "According to Kyodo, a batch was completed": the actor reported it.
        span = parsed.spans[m.sentence]
        reported = set(root.head.head.subtree)
        edges = {min(t.i for t in reported) - 1, max(t.i for t in reported) + 1}
        # "This, according to Della, does nothing": the commas around the credit go with it
        rest = [
            t
            for t in span
            if t not in reported and not t.is_space and not (t.i in edges and t.text == ",")
        ]
        clause = text_of(rest)
        if clause:
            return "reported that " + clause[0].lower() + clause[1:]
    return None


def _non_finite(verb: Token) -> bool:
    """Return True for a participle with no auxiliary ("supervisors unfairly demanding
    credit"): a phrase the parser gave a subject, not a clause the text asserts."""
    return verb.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    )


def _hyphenated(verb: Token) -> list[Token]:
    """Return the tokens of ``verb``'s whole word: "co-organized" is three tokens."""
    doc = verb.doc
    start = verb.i
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
    ):
        start -= 2
    return list(doc[start : verb.i + 1])


def _lower_first(tokens: list[Token]) -> str:
    """Return the tokens' text with a lower-case first word unless it is a name."""
    text = text_of(tokens)
    first = min(tokens, key=lambda t: t.i) if tokens else None
    if first is not None and first.pos_ != "PROPN" and not text[:2].isupper():
        return text[:1].lower() + text[1:]
    return text


def _shorten(text: str) -> str:
    words = text.split()
    if len(words) <= ROLE_MAX_WORDS:
        return text.rstrip(",;: ")
    cut = " ".join(words[:ROLE_MAX_WORDS])
    comma = cut.rfind(",")
    if comma > len(cut) // 3:
        return cut[:comma]
    return cut.rstrip(",;: ") + " …"


def role(group: list[Mention], parsed: Parsed, scores: list[float]) -> tuple[str, tuple[str, ...]]:
    """Return the actor's role line (its best one or two predicates) and their sentence ids.

    An actor that acts nowhere gets an empty role; its cites are its first mention.
    """
    candidates = []
    for m in group:
        text = _role_text(m, parsed)
        if text and len(text.split()) >= 2 and text.split()[-1].lower() not in DANGLING:
            candidates.append((-scores[m.sentence], m.sentence, _shorten(text)))
    candidates.sort()
    picked: dict[int, str] = {}
    for _, sentence, text in candidates:
        if sentence not in picked and len(picked) < 2:
            picked[sentence] = text
    if picked:
        order = sorted(picked)
        return "; ".join(picked[i] for i in order), tuple(parsed.sentences[i].id for i in order)
    return "", (parsed.sentences[group[0].sentence].id,)
