"""Who acts with authority: bodies, titled people, and what a subject pronoun stands for.

The policy-event matcher (``events``) asks these questions of the agent of each candidate
event: is it a state, government, legislature, court, international body, party or
organisation, or a person named with an office title? And when the agent is "he", "it" or
"they", which of them does it stand for?
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract.lexicon.agents import (
    Authorities,
    Courts,
    MemberNouns,
    OfficeTitles,
    People,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

AUTHORITY_ENTITIES = frozenset({"ORG", "GPE", "NORP"})
"""Entity labels that name a body able to make policy: states, organisations, parties."""


def titled_people(doc: Doc) -> frozenset[str]:
    """Return the lower-case name words of people the text names with an office title."""
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        before = doc[ent.start - 1] if ent.start > 0 else None
        inside = [t for t in ent if OfficeTitles.has(t.lower_.rstrip("."))]
        appositive = any(
            OfficeTitles.has(t.lemma_)
            for c in ent.root.children
            if c.dep_ == "appos"
            for t in c.subtree
        )
        if not appositive and ent.end < len(doc) and doc[ent.end].text == ",":
            # "Kofi Annan, retiring UN Secretary General, said": the parser may not see the
            # apposition, but the words up to the next comma are its title.
            after = doc[ent.end + 1 : ent.end + 7]
            stop = next((t.i for t in after if t.text in ",;.:"), None)
            appositive = stop is not None and any(
                OfficeTitles.has(t.lower_) for t in doc[ent.end + 1 : stop]
            )
        if inside or appositive or (before is not None and OfficeTitles.has(before.lower_)):
            names.update(t.lower_ for t in ent if t.is_alpha and not OfficeTitles.has(t.lower_))
    return frozenset(names)


def is_acronym(token: Token) -> bool:
    """Return True for "G8", "IAEA", "CPS": the tagger often labels these persons."""
    text = token.text.replace(".", "")
    return len(text) >= 2 and text.isupper() and any(c.isalpha() for c in text)


def is_authority(token: Token, titled: frozenset[str]) -> bool:
    """Return True when ``token`` heads a phrase naming a body or office-holder."""
    if token.ent_type_ in AUTHORITY_ENTITIES or (token.pos_ != "PRON" and is_acronym(token)):
        return True
    if token.ent_type_ == "PERSON":
        return token.lower_ in titled or any(
            OfficeTitles.has(c.lower_.rstrip(".")) for c in token.children if c.dep_ == "compound"
        )
    if token.pos_ in ("NOUN", "PROPN") and MemberNouns.has(token.lemma_):
        # "Members of NATO" act for NATO; "members of the public" for no one.
        return any(
            g.dep_ == "pobj" and is_authority(g, titled)
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
        )
    if token.pos_ in ("NOUN", "PROPN"):
        return Authorities.has(token.lemma_)
    return False


def is_court(token: Token) -> bool:
    return Courts.has(token.lemma_) or any(Courts.has(t.lemma_) for t in token.subtree)


PERSONAL = frozenset("he she".split())
NEUTER = frozenset("it they we".split())
RELATIVE = frozenset("which that who whom".split())


def is_person(token: Token, titled: frozenset[str]) -> bool:
    return (
        token.ent_type_ == "PERSON"
        or OfficeTitles.has(token.lemma_)
        or token.lower_ in titled
        or People.has(token.lemma_)
    )


def resolve_pronoun(pronoun: Token, titled: frozenset[str]) -> Token | None:
    """Return the authority a subject pronoun stands for, or None when unsure.

    Two places are safe: the subject of the reporting verb the pronoun's clause hangs from
    ("The Prime Minister said he will amend ...") and the subject of the previous sentence's
    main verb ("Alison Saunders was forced ... She abandoned ..."). Only a candidate that
    agrees with the pronoun (a person for he/she, a body for it/they/we) is taken.
    """
    word = pronoun.lower_
    if word not in PERSONAL | NEUTER:
        return None
    candidates: list[Token] = []
    clause = pronoun.head
    if clause.dep_ in ("ccomp", "xcomp") and clause.head.i != clause.i:
        candidates += [c for c in clause.head.children if c.dep_ == "nsubj"]
    sentence = pronoun.sent
    if sentence.start > 0 and pronoun.i - sentence.start <= 3:
        previous = pronoun.doc[sentence.start - 1].sent
        candidates += [c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    for candidate in candidates:
        if candidate.pos_ == "PRON" or not is_authority(candidate, titled):
            continue
        if word in PERSONAL and is_person(candidate, titled):
            return candidate
        if word == "it" and not is_person(candidate, titled):
            return candidate
        if word in ("they", "we") and candidate.ent_type_ != "PERSON":
            return candidate
    return None
