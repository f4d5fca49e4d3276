"""Topic tags: the key phrases of a document, from its noun phrases.

A tag is a phrase of two words, a modifier and a noun ("export control", "gravitational
wave"), that the document keeps coming back to. Never a bare common noun ("missile", "vote":
too broad to group briefings by), a name (places, people and organisations are actors, with
pages of their own), a place or an agency named by common nouns ("the border region", "the
defence ministry"), or a phrase whose modifier says nothing of the topic ("new feature").
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from generator.extract.sentences import Parsed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

TOPIC_COUNT = 3
"""Topic tags per briefing: enough to group related briefings, few enough to stay specific."""
GENERIC_HEADS = frozenset(
    """
    year day week month time thing way part lot number people person man woman report
    statement source official spokesman spokeswoman percent state country government
    """.split()
)
"""Heads too general to name a topic ("the year", "a number of")."""
PLACE_HEADS = frozenset(
    """
    region area city town village capital province district county territory street road
    nation continent island coast border zone neighbourhood neighborhood site place
    """.split()
)
"""Heads that make a phrase a place ("the border region", "the capital city")."""
AGENCY_HEADS = frozenset(
    """
    ministry agency department office bureau authority administration commission committee
    council court parliament assembly senate congress cabinet police army navy military
    force forces board service union party government regulator
    """.split()
)
"""Heads that make a phrase an agency or a body ("the defence ministry", "city council")."""
EMPTY_MODIFIERS = frozenset(
    """
    new old other many several more most few first last next previous recent current same
    such own certain various different main major minor key big large small little good
    bad great high low long short early late further final former latest top whole full
    possible important significant particular general additional real potential similar
    young total overall annual daily weekly monthly average usual
    """.split()
)
"""Modifiers that say nothing of what the noun is about ("new feature", "major role")."""


def depths(doc: Doc) -> list[int]:
    """Return, for every token, how many steps its head chain takes to its sentence's root.

    Computed once for the whole document in linear time. ``Span.root`` walks that chain again
    for every token of every span: on a long unpunctuated text (one sentence, a tree as deep
    as the text is long) that is quadratic, and 40k repeated words took 38 s.
    """
    heads = [t.head.i for t in doc]
    depth = [-1] * len(heads)
    for start in range(len(heads)):
        chain = []
        i = start
        while depth[i] < 0 and heads[i] != i:
            chain.append(i)
            i = heads[i]
            if len(chain) > len(heads):  # a cycle: spaCy refuses these (E039); so do we
                raise ValueError("the parse has a cycle")
        base = 0 if heads[i] == i and depth[i] < 0 else depth[i]
        if depth[i] < 0:
            depth[i] = 0
        for steps, j in enumerate(reversed(chain), start=1):
            depth[j] = base + steps
    return depth


def chunk_root(chunk: Span, depth: list[int]) -> Token:
    """Return ``chunk.root`` (the same token, by the same rule) using precomputed ``depths``.

    The token that is a sentence root, else the first of the tokens with the fewest steps to
    the root among those whose head is outside the span; a childless space or punctuation
    token counts as the furthest.
    """
    doc = chunk.doc
    start, end = chunk.start, chunk.end
    for i in range(start, end):
        if doc[i].head.i == i:
            return doc[i]
    best, root = len(doc), -1
    for i in range(start, end):
        token = doc[i]
        if start <= token.head.i < end:
            continue
        childless = token.n_lefts == 0 and token.n_rights == 0
        steps = len(doc) - 1 if (token.is_space or token.is_punct) and childless else depth[i]
        if steps < best:
            best, root = steps, i
    return doc[start] if root == -1 else doc[root]


def _phrase(chunk: Span, root: Token | None = None) -> tuple[str, str] | None:
    """Return a chunk as a topic, a modifier and its lemmatised head noun, and the same with
    the noun before them when there is one ("carbon border tax"); or None.

    ``root`` is the chunk's root when the caller has it (``chunk_root``); ``chunk.root`` costs
    time proportional to the depth of the parse tree.
    """
    words = [
        t
        for t in chunk
        if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "ADJ", "PROPN") and not t.ent_type_
    ]
    root = root if root is not None else chunk.root
    if len(words) < 2 or words[-1].i != root.i or root.pos_ != "NOUN" or len(root.text) < 3:
        return None
    head = root.lemma_.lower()
    if head in GENERIC_HEADS | PLACE_HEADS | AGENCY_HEADS:
        return None
    modifier = words[-2]  # "strict export controls" → "export control"
    if modifier.pos_ == "PROPN" or modifier.text.lower() in EMPTY_MODIFIERS:
        return None
    if modifier.tag_ in ("JJR", "JJS", "VBN", "VBG"):
        return None  # "boldest wine", "lost job": a quality of the thing, not its topic
    if len(modifier.text) < 3 or modifier.i != root.i - 1:
        return None  # a word between them ("of", a number) makes it no key phrase
    short = f"{_hyphenated(modifier)} {head}"
    before = words[-3] if len(words) > 2 else None
    if before is not None and before.pos_ == "NOUN" and before.i == modifier.i - 1:
        return short, f"{before.text.lower()} {short}"
    return short, short


def _hyphenated(token: Token) -> str:
    """Return the word with the words hyphenated to it before: "short-term", not "term"."""
    doc, start = token.doc, token.i
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].is_alpha
    ):
        start -= 2
    return doc[start : token.i + 1].text.lower()


def extract_topics(parsed: Parsed) -> tuple[str, ...]:
    """Return up to ``TOPIC_COUNT`` key phrases, most central first.

    A phrase scores by how often it recurs and how often its head noun recurs in the
    document (alone or in other phrases); ties go to the earliest phrase.
    """
    phrases: Counter[str] = Counter()
    heads: Counter[str] = Counter()
    longer: dict[str, Counter[str]] = {}
    first: dict[str, int] = {}
    compound: set[str] = set()
    depth = depths(parsed.doc)
    for chunk in parsed.doc.noun_chunks:
        root = chunk_root(chunk, depth)
        if root.pos_ == "NOUN" and not root.ent_type_:
            heads[root.lemma_.lower()] += 1
        found = _phrase(chunk, root)
        if found is None:
            continue
        phrase, long = found
        phrases[phrase] += 1
        longer.setdefault(phrase, Counter())[long] += 1
        first.setdefault(phrase, chunk.start)
        if root.nbor(-1).pos_ == "NOUN":
            compound.add(phrase)

    def score(phrase: str) -> tuple[int, int, int]:
        return (2 * phrases[phrase] + heads[phrase.split()[-1]], phrases[phrase], -first[phrase])

    chosen: list[str] = []
    for phrase in sorted(phrases, key=score, reverse=True):
        if phrases[phrase] + heads[phrase.split()[-1]] < 3:
            break  # a phrase met once, with a noun met once more, is not what the text is about
        if phrases[phrase] < 2 and phrase not in compound:
            continue  # "young girl" once: an adjective names a topic only when it recurs
        if any(phrase.split()[-1] == c.split()[-1] for c in chosen):
            continue  # one tag per head noun: "export control" or "arms export", not both
        chosen.append(phrase)
        if len(chosen) == TOPIC_COUNT:
            break
    # The three-word form when the text uses it more than once: "carbon border tax".
    tags = [_longest(longer[phrase]) or phrase for phrase in chosen]
    # "defence spending" says nothing "defence spending target" does not.
    return tuple(t for t in tags if not any(t != o and f" {t} " in f" {o} " for o in tags))


def _longest(forms: Counter[str]) -> str | None:
    long = [f for f in forms if len(f.split()) > 2 and forms[f] > 1]
    return max(long, key=lambda f: (forms[f], f)) if long else None
