"""Key actors: named entities and stakeholder groups, one entry per canonical actor.

Surface forms are resolved in this order: the alias files, countries (names, spellings, ISO
codes), demonyms ("American" → United States), capitals standing for their government
("Tokyo" → Japan), then coreference of short and long names within the document ("Kyodo" →
Kyodo News, "Bush" → George W. Bush, "NATO" → North Atlantic Treaty Organization).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.extract.gazetteer import Gazetteer, name_key
from generator.extract.sentences import Parsed, main_clause, text_of, trailing_clauses
from generator.types import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ENTITY_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "NORP": "group"}
"""spaCy labels that can name an actor. LOC (bare regions), FAC, PRODUCT, EVENT, LAW, dates
and numbers never do."""

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

TITLES = frozenset(
    """
    president prime minister mr mrs ms dr sen senator gov governor king queen prince
    princess chancellor secretary general gen judge justice rep representative mayor ceo
    chairman chairwoman chief pope sir lord lady premier ambassador commissioner spokesman
    spokeswoman leader colonel col lt captain capt officer director professor prof rev
    sheikh emir sultan imam ayatollah rabbi bishop archbishop cardinal father sister
    lieutenant major sergeant admiral marshal commander dame madam mister
    """.split()
)
"""Words of rank stripped from the front of a person's name ("President Bush" → Bush)."""

STANCE_VERBS = frozenset(
    """
    say argue warn claim contend insist fear worry view see believe urge call criticize
    criticise oppose support welcome condemn demand question suggest note accuse praise
    describe propose reject express raise complain doubt caution stress maintain predict
    """.split()
)
"""Verbs of saying and judging: their plural common-noun subjects are stakeholder groups."""

PEOPLE_NOUNS = frozenset(
    """
    critic supporter opponent proponent analyst expert official lawmaker legislator
    politician activist protester protestor resident citizen voter diplomat observer
    investor economist scientist researcher leader member advocate campaigner worker union
    farmer environmentalist policymaker commentator skeptic sceptic ally adversary
    neighbor neighbour rival partner family victim survivor student teacher doctor patient
    consumer spokesperson authority police troop soldier rebel militant insurgent
    businessman executive employee group organisation organization campaigner
    """.split()
)
"""Common nouns naming people; with a stance verb, any agent noun (-ist, -er, -or…) also does."""

QUANTIFIERS = frozenset("many several some few other most numerous various more".split())

AGENT_SUFFIXES = ("ist", "er", "or", "ian", "ant", "ent", "ic")

ROLE_MAX_WORDS = 22
"""A role line longer than this is cut at a comma (or at this many words, with an ellipsis)."""

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass(frozen=True)
class Mention:
    canonical: str
    type: str
    surface: str
    root: Token
    sentence: int


def extract_actors(
    parsed: Parsed,
    scores: list[float],
    gazetteer: Gazetteer,
    limit: int,
    title: str | None = None,
) -> tuple[Actor, ...]:
    """Return the key actors of the document, most salient first.

    ``title`` is a headline kept apart from the text (front matter, a page's title, a first
    heading): an actor it names counts as named in the headline.
    """
    mentions = [m for ent in parsed.doc.ents if (m := _entity_mention(ent, parsed, gazetteer))]
    mentions = _fold_capitals(mentions, gazetteer)
    mentions = _merge_short_names(mentions, gazetteer)
    mentions = _drop_product_names(mentions, gazetteer)
    mentions += _group_mentions(parsed, {m.root.i for m in mentions})
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: m.root.i):
        by_name[mention.canonical].append(mention)
    count = max(len(parsed.spans), 1)
    lead = lead_end(parsed)
    headlined = named_in(title, by_name) if title else set()
    ranked = []
    for name, group in by_name.items():
        first = min(m.sentence for m in group)
        score = salience(group, count, lead, in_title=name in headlined)
        ranked.append((-score, first, name, group))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    actors = []
    for _, _, name, group in ranked[:limit]:
        role, cites = _role(group, parsed, scores)
        actor_type = gazetteer.types.get(name_key(name), group[0].type)
        aliases = tuple(dict.fromkeys(m.surface for m in group))
        actors.append(Actor(name, actor_type, len(group), aliases, role, cites))
    return tuple(actors)


WEIGHTS = {
    "mention": 1.0,
    "agent": 1.5,
    "early": 8.0,
    "headline": 2.0,
    "lead": 6.0,
    "title": 6.0,
    "group": 0.3,
}
"""Salience weights: per mention, per mention as agent, for an early first mention (scaled
0..1 by position), for a mention in the first sentence (a headline, or the lead itself), for
a first mention in the lead (see ``LEAD_WORDS``), for a name in a title kept apart from the
text, and the factor applied to unnamed stakeholder groups. Chosen on the Wikinews salience
dev set (benchmarks/quality.py):
- 2026-11-24, from 1/1.5/2/0/1, sweeping early 0-8, a first-sentence bonus 0-8, agent
  0.5-1.5, group 0.3-1 and mention 0.5-1 raised P@3 from 0.482 to 0.558 and R@5 from 0.573
  to 0.626; early mentions matter most (early 2→8 alone: +0.02 P@3), agents and mention
  counts are flat in that range, and groups below 0.5 only break ties.
- 2026-11-24 (later), a lead bonus (0, 4, 6, 8) beside a headline bonus (0, 2, 4): lead 6 with
  headline 2 raised P@3 from 0.566 to 0.596 and R@5 from 0.635 to 0.649; with the lead
  bonus, early 4 or 12 and agent 0.5 or mention 1.5 each moved P@3 by under 0.01.
- 2026-11-24 (later), the title bonus, for an actor a title kept apart from the text names
  (front matter, an HTML page's title, a Markdown first heading): with each Wikinews headline
  moved out of the text into the title, P@3/R@5 were 0.581/0.635 without it, 0.586/0.639 at
  2, 0.586/0.656 at 4, 0.588/0.656 at 6 and 0.588/0.656 at 8."""

LEAD_WORDS = 12
"""The lead runs from the top to the first sentence of at least this many words: a headline
and a dateline above it are short. 12 beat 8 by 0.012 P@3 on the Wikinews dev set."""


def lead_end(parsed: Parsed) -> int:
    """Return the index of the last sentence of the lead (the first full sentence)."""
    for index, span in enumerate(parsed.spans):
        if sum(1 for t in span if t.is_alpha) >= LEAD_WORDS:
            return index
    return len(parsed.spans) - 1


def named_in(title: str, actors: dict[str, list[Mention]]) -> set[str]:
    """Return the actors whose name or one of whose surface forms the title contains."""
    found = set()
    for name, group in actors.items():
        for form in {name, *(m.surface for m in group)}:
            if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", title):
                found.add(name)
                break
    return found


def salience(
    group: list[Mention], sentence_count: int, lead: int, *, in_title: bool = False
) -> float:
    """Return how central an actor is: how often, how actively and how early it is named.

    ``lead`` is the index of the lead's last sentence (see ``lead_end``); ``in_title`` says
    whether a headline kept apart from the text names the actor.
    """
    agentive = sum(1 for m in group if _is_agentive(m.root))
    first = min(m.sentence for m in group)
    score = (
        WEIGHTS["mention"] * len(group)
        + WEIGHTS["agent"] * agentive
        + WEIGHTS["early"] * (1 - first / sentence_count)
        + WEIGHTS["headline"] * (first == 0)
        + WEIGHTS["title"] * in_title
        + WEIGHTS["lead"] * (first <= lead)
    )
    return score * (WEIGHTS["group"] if group[0].type == "group" else 1.0)


def _clean_tokens(ent: Span) -> list[Token]:
    tokens = list(ent)
    possessive = [i for i, t in enumerate(tokens) if t.dep_ == "case" or t.text in ("'s", "'")]
    if possessive and possessive[-1] < len(tokens) - 1:
        # "Japan's Self-Defense Forces" names the forces; Japan is its own entity.
        tokens = tokens[possessive[-1] + 1 :]
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct):
        tokens.pop(0)
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
        while len(tokens) > 1 and tokens[0].lower_.rstrip(".") in TITLES:
            tokens.pop(0)
    return tokens


def _entity_mention(ent: Span, parsed: Parsed, gazetteer: Gazetteer) -> Mention | None:
    if ent.label_ not in ENTITY_TYPES:
        return None
    tokens = _clean_tokens(ent)
    if not tokens or not any(ch.isalpha() for t in tokens for ch in t.text):
        return None
    surface = text_of(tokens)
    key = name_key(surface)
    if not key or key in gazetteer.drop:
        return None
    root = ent.root if ent.root in tokens else tokens[-1]
    sentence = parsed.index_of(root)
    canonical: str | None = gazetteer.aliases.get(key)
    if canonical is None:
        canonical = gazetteer.country(surface)
    if canonical is None:
        # Any label: the tagger calls "Greeks" a PERSON as often as a NORP.
        canonical = gazetteer.demonyms.get(key)
    if canonical is None and ent.label_ == "GPE" and key in gazetteer.capitals:
        if _is_locative(root):
            # "held in Tokyo": the city as a place, not its government
            return Mention(surface, "place", surface, root, sentence)
        canonical = gazetteer.capitals[key]
    if canonical is not None:
        canonical_key = name_key(canonical)
        if canonical_key in gazetteer.drop:
            return None
        kind = "state" if gazetteer.is_country(canonical) else ENTITY_TYPES[ent.label_]
        return Mention(canonical, kind, surface, root, sentence)
    if tokens[-1].lemma_.lower() in GEOGRAPHIC_HEADS:
        return None
    return Mention(surface, ENTITY_TYPES[ent.label_], surface, root, sentence)


def _fold_capitals(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
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
        Mention(gazetteer.capitals[name_key(m.surface)], "state", m.surface, m.root, m.sentence)
        if m.type == "place" and name_key(m.surface) in governing
        else m
        for m in mentions
    ]


def _is_locative(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS


def _is_agentive(token: Token) -> bool:
    if token.dep_ in ("nsubj", "csubj"):
        return True
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return True
    return token.dep_ == "conj" and token.head.dep_ in ("nsubj", "csubj")


def _drop_product_names(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Drop names only ever used to modify a thing ("Patriot missiles", "Patriot-type")."""
    modifiers: dict[str, list[bool]] = defaultdict(list)
    kinds = {m.canonical: m.type for m in mentions}
    for m in mentions:
        head = m.root.head
        is_modifier = (
            m.root.dep_ in ("compound", "nmod", "amod")
            and head.pos_ == "NOUN"
            # "NASA scientists", "Google engineers": people of an organisation, not a product
            and head.lemma_.lower() not in PEOPLE_NOUNS
        )
        modifiers[m.canonical].append(is_modifier)
    products = {
        name
        for name, flags in modifiers.items()
        if all(flags)
        and not gazetteer.is_country(name)
        and name_key(name) not in gazetteer.aliases
        and kinds[name] != "place"
    }
    kept = [m for m in mentions if m.canonical not in products]
    # A demonym or country adjective ("American license") still names the state: keep it.
    return kept


def _initials(name: str) -> str:
    words = [
        w for w in name.replace("-", " ").split() if w.lower() not in ("of", "and", "the", "for")
    ]
    return "".join(w[0] for w in words if w[:1].isupper())


LEGAL_SUFFIXES = frozenset("inc corp corporation ltd limited co llc plc ag sa gmbh".split())
"""Company-form words that do not change which organisation is meant ("Apple Inc." = Apple)."""


def core_name(name: str, gazetteer: Gazetteer) -> str:
    """Return the name without a leading country designator or trailing company form.

    "US Senate", "United States Senate" and "Senate" share the core "senate"; "Apple Inc."
    and "Apple" share "apple".
    """
    words = name.split()
    for size in (3, 2, 1):
        head = " ".join(words[:size])
        if len(words) > size and (gazetteer.country(head) or name_key(head) in gazetteer.demonyms):
            words = words[size:]
            break
    while len(words) > 1 and name_key(words[-1]) in LEGAL_SUFFIXES:
        words = words[:-1]
    return name_key(" ".join(words))


def _merge_short_names(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Map each short name onto the one longer name of the document that refers to it.

    Names with the same core (see ``core_name``) are one actor under the longest form; then a
    name that starts or ends another ("Kyodo" / "Kyodo News", "Bush" / "George W. Bush"), or
    is its acronym ("NATO"), joins it when exactly one longer name qualifies.
    """
    names = {m.canonical: m.type for m in mentions}
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        counts[m.canonical] += 1
    target: dict[str, str] = {}
    by_core: dict[str, list[str]] = defaultdict(list)
    for name, kind in names.items():
        if kind != "state":
            by_core[core_name(name, gazetteer)].append(name)
    for same in by_core.values():
        longest = max(same, key=lambda n: (len(n.split()), counts[n], n))
        target.update({n: longest for n in same if n != longest})
    representatives = [n for n in names if n not in target]
    for short in representatives:
        if names[short] == "state" or name_key(short) in gazetteer.aliases:
            continue
        words = core_name(short, gazetteer).split()
        candidates: list[str] = []
        acronyms: list[str] = []
        for long in representatives:
            if long == short:
                continue
            # A state takes unresolved short forms of its name ("Korea" → South Korea).
            long_words = (
                name_key(long) if names[long] == "state" else core_name(long, gazetteer)
            ).split()
            if names[long] == "state":
                if names[short] != "place":
                    continue
            elif names[short] != names[long] and len(words) > 1:
                continue
            contained = len(long_words) > len(words) and (
                long_words[: len(words)] == words or long_words[-len(words) :] == words
            )
            acronym = short.isupper() and len(short) >= 2 and _initials(long) == short
            if acronym:
                acronyms.append(long)
            elif contained:
                candidates.append(long)
        # "EU" is the initials of "European Union" but only the start of "EU Competition".
        candidates = acronyms or candidates
        if len(candidates) == 1 or (candidates and _same_head(candidates)):
            chosen = max(candidates, key=lambda c: (counts[c], len(c), c))
            target.update({n: chosen for n, t in list(target.items()) if t == short})
            target[short] = chosen
    if not target:
        return mentions
    return [
        Mention(target[m.canonical], names[target[m.canonical]], m.surface, m.root, m.sentence)
        if m.canonical in target
        else m
        for m in mentions
    ]


def _same_head(candidates: list[str]) -> bool:
    """Return True when several long names are one name's variants ("Kyodo News" agency)."""
    shortest = min(candidates, key=len)
    return all(c.startswith(shortest) for c in candidates)


def _group_mentions(parsed: Parsed, taken: set[int]) -> list[Mention]:
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
        if lemma not in PEOPLE_NOUNS and not (stance and lemma.endswith(AGENT_SUFFIXES)):
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


def _role_candidates(m: Mention, parsed: Parsed) -> list[tuple[int, str]]:
    """Return (priority, role text) for the mention: 0 = it acts, 1 = its stated aim."""
    root = m.root
    if root.dep_ in ("nsubj", "csubj") or (root.dep_ == "conj" and root.head.dep_ == "nsubj"):
        return [(0, text_of(_predicate(root)))]
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        verb = root.head.head
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            noun = verb.head
            phrase = [t for t in noun.subtree if t not in set(verb.subtree)]
            return [(0, f"{verb.text} {_lower_first(phrase)}")]
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if patients:
            return [(0, f"{verb.text} {_lower_first(list(patients[0].subtree))}")]
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
        span = parsed.spans[m.sentence]
        reported = set(root.head.head.subtree)
        rest = [t for t in span if t not in reported and not t.is_space]
        clause = text_of(rest)
        if clause:
            return [(0, "reported that " + clause[0].lower() + clause[1:])]
    if root.dep_ == "poss" and any(
        c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB" for c in root.head.children
    ):
        phrase = [t for t in root.head.subtree if t not in set(root.subtree)]
        return [(1, text_of(phrase))]
    return []


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


def _role(group: list[Mention], parsed: Parsed, scores: list[float]) -> tuple[str, tuple[str, ...]]:
    """Return the actor's role line (its best one or two predicates) and their sentence ids."""
    candidates = []
    for m in group:
        for priority, text in _role_candidates(m, parsed):
            if len(text.split()) >= 2:
                candidates.append((priority, -scores[m.sentence], m.sentence, _shorten(text)))
    candidates.sort()
    picked: dict[int, str] = {}
    for _, _, sentence, text in candidates:
        if sentence not in picked and len(picked) < 2:
            picked[sentence] = text
    if picked:
        order = sorted(picked)
        return "; ".join(picked[i] for i in order), tuple(parsed.sentences[i].id for i in order)
    first = group[0]
    context = _context_phrase(first.root) or main_clause(parsed.spans[first.sentence])
    return f"named in: {_shorten(context)}", (parsed.sentences[first.sentence].id,)


def _context_phrase(token: Token) -> str:
    """Return the noun phrase a passive mention sits in ("the support of Ukraine ...")."""
    node = token
    while node.dep_ in ("pobj", "prep", "compound", "poss", "nmod", "amod", "conj", "appos"):
        node = node.head
        if node.pos_ == "NOUN" and len(list(node.subtree)) >= 4:
            return text_of(node.subtree)
    return ""
