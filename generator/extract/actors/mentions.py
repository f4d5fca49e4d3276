"""Mentions of actors: named entities and stakeholder groups, each with its surface form."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.extract.gazetteer import Gazetteer, name_key
from generator.extract.lexicon.agents import People, TimeZones, Titles
from generator.extract.sentences import Parsed, text_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ENTITY_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "NORP": "group",
    "LOC": "place",
}
"""spaCy labels that can name an actor or a place (GPE and LOC: the setting, unless a
state). FAC, PRODUCT, EVENT, LAW, dates and numbers never do."""

GEOGRAPHIC_HEADS = frozenset(
    """
    region area zone coast peninsula sea ocean continent basin valley gulf strait bay belt
    corridor hemisphere mainland subcontinent border frontier
    """.split()
)
"""Head nouns that make a name a bare region ("the Indo-Pacific region"), not an actor."""

LOCATIVE_PREPOSITIONS = frozenset(
    """
    in at near inside outside around across within throughout
    """.split()
)
"""A capital after these is the city as a place ("stationed in Tokyo"), not its government."""

STANCE_VERBS = frozenset(
    """
    say argue warn claim contend insist fear worry view see believe urge call criticize
    criticise oppose support welcome condemn demand question suggest note accuse praise
    describe propose reject express raise complain doubt caution stress maintain predict
    """.split()
)
"""Verbs of saying and judging: their plural common-noun subjects are stakeholder groups."""

QUANTIFIERS = frozenset("many several some few other most numerous various more".split())

AGENT_SUFFIXES = ("ist", "er", "or", "ian")
"""Agent-noun endings ("analysts", "lawmakers", "investors"); "-ent" and "-ant" are left out
as they end as many things ("commitments", "payments") as people (those are in People)."""


@dataclass(frozen=True)
class Mention:
    canonical: str
    type: str
    """The type this mention suggests: state, organisation, person, group or place."""
    surface: str
    root: Token
    sentence: int
    label: str = ""
    """spaCy's entity label for this mention ("" for a stakeholder group)."""


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
"""Finite verb tags: a name never holds one after its first word ("Save the Children" starts
with a base form)."""


def clean_tokens(ent: Span) -> list[Token]:
    """Return the entity's tokens without a possessor, articles, edge punctuation or titles."""
    tokens = list(ent)
    possessive = [i for i, t in enumerate(tokens) if t.dep_ == "case" or t.text in ("'s", "'")]
    if possessive and possessive[-1] < len(tokens) - 1:
        # "Japan's Self-Defense Forces" names the forces; Japan is its own entity.
        tokens = tokens[possessive[-1] + 1 :]
    while tokens and (
        (tokens[0].lower_ in ("the", "a", "an") and not _name_article(tokens[0]))
        or tokens[0].is_punct
    ):
        tokens.pop(0)
    finite = next((n for n, t in enumerate(tokens) if n > 0 and t.tag_ in FINITE_TAGS), None)
    if finite is not None:
        # "World Trade Organization ended the year": the tagger ran the name into its verb.
        tokens = tokens[:finite]
    while tokens and (
        tokens[-1].dep_ == "case"
        or tokens[-1].is_punct
        or tokens[-1].is_space
        or tokens[-1].pos_ in ("CCONJ", "ADP", "DET")
    ):
        # A name cut short by the tagger ("Philippine Atmospheric, Geophysical and") ends
        # at its last real word.
        tokens.pop()
    if ent.label_ == "PERSON":
        while len(tokens) > 1 and Titles.has(tokens[0].lower_.rstrip(".")):
            tokens.pop(0)
    return tokens


def _name_article(token: Token) -> bool:
    """Return True for an article that is part of a name: a capital "The" inside a sentence
    ("told The Washington Times", "to The Hague"), which writers capitalise only then."""
    if token.text != "The" or token.i == token.sent.start:
        return False
    # After a quotation mark, a bracket, a colon or a dash "The" may start a quotation or a
    # clause; after a word or a comma ("Writing about it, The Washington Times said") only
    # a name capitalises it.
    before = token.doc[token.i - 1]
    return not (before.is_space or (before.is_punct and before.text != ","))


def is_locative(token: Token) -> bool:
    """Return True where a name says where: "in Iraq", and an address's larger part ("Fulton
    County, Georgia"; "L'Aquila, Italy"), which places the smaller one."""
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    if token.dep_ not in ("appos", "conj") or token.head.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    if token.dep_ == "conj" and any(
        c.dep_ == "cc" for t in (token, *token.conjuncts) for c in t.children
    ):
        return False  # a list ("France, Germany and Italy"), not an address
    return token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ","


def entity_mention(ent: Span, parsed: Parsed, gazetteer: Gazetteer) -> Mention | None:
    """Return the mention ``ent`` makes, resolved to a canonical name, or None."""
    if ent.label_ not in ENTITY_TYPES:
        return None
    tokens = clean_tokens(ent)
    if not tokens or not any(ch.isalpha() for t in tokens for ch in t.text):
        return None
    surface = text_of(tokens)
    key = name_key(surface)
    if not key or key in gazetteer.drop or TimeZones.has(key):
        return None
    root = ent.root if ent.root in tokens else tokens[-1]
    if len(tokens) == 1 and Titles.has(key) and root.dep_ not in ("nsubj", "nsubjpass"):
        return None  # "elected as MSP for Glasgow": an office, not who holds it
    sentence = parsed.index_of(root)
    label = ent.label_
    canonical: str | None = gazetteer.aliases.get(key)
    if canonical is None:
        canonical = gazetteer.country(surface)
    if canonical is None:
        # Any label: the tagger calls "Greeks" a PERSON as often as a NORP.
        canonical = gazetteer.demonyms.get(key)
    if canonical is None and ent.label_ == "GPE" and key in gazetteer.capitals:
        if is_locative(root):
            # "held in Tokyo": the city as a place, not its government
            return Mention(surface, "place", surface, root, sentence, label)
        canonical = gazetteer.capitals[key]
    if canonical is not None:
        if name_key(canonical) in gazetteer.drop:
            return None
        kind = "state" if gazetteer.is_country(canonical) else ENTITY_TYPES[ent.label_]
        return Mention(canonical, kind, surface, root, sentence, label)
    if tokens[-1].lemma_.lower() in GEOGRAPHIC_HEADS:
        return None
    kind = ENTITY_TYPES[ent.label_]
    if ent.label_ == "PERSON" and is_locative(root) and len(tokens) == 1:
        kind = "place"  # "at Gallipoli", "in Kosovo": one-word "people" where things happen
    return Mention(surface, kind, surface, root, sentence, label)


def fold_capitals(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Fold "in Pyongyang" into North Korea when the text also uses Pyongyang for it.

    A capital that stands for its government elsewhere in the same text is that actor; only
    a capital that is never more than a place stays a place.
    """
    governing = {
        name_key(m.surface)
        for m in mentions
        if m.type == "state" and name_key(m.surface) in gazetteer.capitals
    }
    return [
        Mention(
            gazetteer.capitals[name_key(m.surface)],
            "state",
            m.surface,
            m.root,
            m.sentence,
            m.label,
        )
        if m.type == "place" and name_key(m.surface) in governing
        else m
        for m in mentions
    ]


def is_modifier(mention: Mention) -> bool:
    """Return True when the mention only modifies a noun ("Patriot missiles", "US officials")."""
    root = mention.root
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ in ("NOUN", "PROPN")


def drop_product_names(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Drop names only ever used to modify a thing ("Patriot missiles", "Patriot-type")."""
    modifiers: dict[str, list[bool]] = defaultdict(list)
    kinds = {m.canonical: m.type for m in mentions}
    for m in mentions:
        head = m.root.head
        modifies_thing = (
            m.root.dep_ in ("compound", "nmod", "amod")
            and head.pos_ == "NOUN"
            # "NASA scientists", "Google engineers": people of an organisation, not a product
            and not People.has(head.lemma_)
        )
        modifiers[m.canonical].append(modifies_thing)
    products = {
        name
        for name, flags in modifiers.items()
        if all(flags)
        and not gazetteer.is_country(name)
        and name_key(name) not in gazetteer.aliases
        and kinds[name] != "place"
    }
    # A demonym or country adjective ("American license") still names the state: keep it.
    return [m for m in mentions if m.canonical not in products]


def group_mentions(parsed: Parsed, taken: set[int]) -> list[Mention]:
    """Return stakeholder groups: plural people nouns that act as subjects ("Critics argue")."""
    found = []
    for token in parsed.doc:
        if token.i in taken or token.pos_ != "NOUN" or token.tag_ != "NNS" or token.ent_type_:
            continue
        if token.dep_ not in ("nsubj", "nsubjpass") and not (
            token.dep_ == "conj" and token.head.dep_ == "nsubj"
        ):
            continue
        lemma = token.lemma_.lower()
        verb = token.head if token.dep_ != "conj" else token.head.head
        stance = verb.lemma_.lower() in STANCE_VERBS
        if not People.has(lemma) and not (stance and lemma.endswith(AGENT_SUFFIXES)):
            continue
        if any(c.dep_ == "poss" for c in token.children):
            continue  # "whose members argue", "its officials said": part of another actor
        modifiers = [
            c
            for c in token.lefts
            if (c.dep_ == "compound" and not c.ent_type_)
            or (c.dep_ == "amod" and c.lower_ not in QUANTIFIERS)
        ]
        name = text_of([*modifiers, token])
        name = name[0].upper() + name[1:]
        found.append(
            Mention(name, "group", text_of([*modifiers, token]), token, parsed.index_of(token))
        )
    return found
