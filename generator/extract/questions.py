"""Open questions: what the text leaves open, turned into questions that cite their source.

Sources of questions, in the order a reader meets them:
- facts the text says are unknown ("the exact number ... remains undisclosed");
- explicit doubts ("raises questions about the scale of ...");
- possible consequences and critics' fears ("the move could set a precedent ...");
- tests still to come ("X's ability to do Y will be a key test");
- questions the text asks itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract.sentences import Parsed, text_of
from generator.types import Item

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

UNKNOWN_WORDS = frozenset(
    """
    undisclosed unclear unknown uncertain unconfirmed unspecified unannounced unanswered
    """.split()
)
DISCLOSURE_VERBS = frozenset("disclose reveal confirm specify announce say know explain".split())
DOUBT_NOUNS = frozenset("question concern doubt uncertainty".split())
POSSIBILITY_MODALS = {"could": "Could", "may": "Could", "might": "Could", "can": "Can"}
"""Epistemic modals: their clauses are possibilities, asked as "Could ...?". "Would" and
"should" are left out: in news they report conditions and advice, not open outcomes."""
TEST_NOUNS = frozenset("test challenge".split())
PRONOUN_SUBJECTS = frozenset("it this that they these those he she we".split())
MAX_QUESTIONS = 8


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _np(token: Token) -> str:
    """Return the noun phrase of ``token`` with a lower-case first word (unless a name)."""
    tokens = sorted(token.subtree, key=lambda t: t.i)
    text = text_of(tokens)
    if tokens and tokens[0].pos_ != "PROPN" and text[:1].isupper() and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    return text


def _what_is(subject: Token) -> str:
    verb = "are" if subject.tag_ in ("NNS", "NNPS") else "is"
    return f"What {verb} {_np(subject)}?"


def _conjuncts(token: Token) -> list[Token]:
    """Return ``token`` and the nouns coordinated with it, each without the others."""
    return [token, *[c for c in token.conjuncts if c.pos_ in ("NOUN", "PROPN")]]


def _strip_conjuncts(token: Token) -> str:
    own = [t for t in token.subtree if not any(t in set(c.subtree) for c in token.conjuncts)]
    own = [t for t in own if not (t.dep_ == "cc" and t.head.i == token.i)]
    text = text_of(own)
    if own and own[0].pos_ != "PROPN" and not text[:2].isupper():
        text = text[:1].lower() + text[1:]
    return text


def _unknown_facts(span: Span) -> list[str]:
    questions = []
    for token in span:
        lemma = token.lemma_.lower()
        is_unknown = lemma in UNKNOWN_WORDS and token.dep_ in ("acomp", "oprd", "attr")
        negated = lemma in DISCLOSURE_VERBS and any(c.dep_ == "neg" for c in token.children)
        if not (is_unknown or negated):
            continue
        verb = token.head if is_unknown else token
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if is_unknown and subjects and subjects[0].lower_ not in PRONOUN_SUBJECTS:
            questions.append(_what_is(subjects[0]))
        elif is_unknown and (phrase := _misparsed_subject(verb)):
            questions.append(phrase)
        elif negated:
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if objects and objects[0].lower_ not in PRONOUN_SUBJECTS:
                questions.append(_what_is(objects[0]))
            elif subjects and token.tag_ == "VBN" and subjects[0].lower_ not in PRONOUN_SUBJECTS:
                questions.append(_what_is(subjects[0]))
    return questions


def _misparsed_subject(copula: Token) -> str | None:
    """Return "What is X?" when the parser took "X remains unknown" for a noun phrase.

    The small English model reads "the number of units delivered remains undisclosed" with
    "remains" as a noun; the subject is then the noun phrase the copula hangs from.
    """
    node = copula
    while node.dep_ in ("dobj", "acl", "pobj", "prep", "relcl") and node.head.i != node.i:
        node = node.head
        if node.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in node.children):
            break  # "number of units delivered remains": the participle ends the phrase
    if node.dep_ in ("nsubj", "nsubjpass") and node.pos_ in ("NOUN", "PROPN"):
        head = node
    elif node.pos_ == "VERB" and node.i != copula.i:
        head = next(c for c in node.children if c.dep_ == "nsubj")
    else:
        return None
    excluded = set(copula.subtree)
    tokens = [
        t
        for t in node.subtree
        if t not in excluded and not (t.dep_ in ("mark", "punct") and t.head.i == node.i)
    ]
    if len(tokens) < 2 or head.lower_ in PRONOUN_SUBJECTS:
        return None
    verb = "are" if head.tag_ in ("NNS", "NNPS") else "is"
    text = text_of(tokens)
    return f"What {verb} {text[:1].lower() + text[1:]}?"


WH_WORDS = frozenset("how why when where what who which whether if".split())
ASKING_VERBS = frozenset("ask wonder question query".split())
DO_SUPPORT = {"VBZ": "does", "VBD": "did", "VBP": "do"}


def embedded_question(clause: Token) -> str | None:
    """Return the indirect question headed by ``clause`` as a direct one.

    "(asked) how the new libraries would be staffed" → "How would the new libraries be
    staffed?"; "(unclear) whether the plan will work" → "Will the plan work?".
    """
    tokens = sorted(clause.subtree, key=lambda t: t.i)
    if not tokens or tokens[0].lower_ not in WH_WORDS:
        return None
    wh = tokens[0]
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.i == wh.i:  # "what happened" is already a question
        return _cap(text_of(tokens)) + "?"
    auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass") and c.i < clause.i]
    dropped = set(subject.subtree) | {wh}
    if auxiliaries:
        lead = auxiliaries[0].lower_
        dropped.add(auxiliaries[0])
        verb_text = None
    elif clause.tag_ in DO_SUPPORT:
        lead = DO_SUPPORT[clause.tag_]
        verb_text = clause.lemma_
    else:
        return None
    replace = {clause.i: verb_text} if verb_text else {}
    body = text_of([t for t in tokens if t not in dropped], replace)
    opener = "" if wh.lower_ in ("whether", "if") else _cap(wh.lower_) + " "
    question = f"{opener}{lead} {_np(subject)} {body}".strip()
    return _cap(question) + "?"


def _asked(span: Span) -> list[str]:
    """Questions the text reports as asked or unresolved ("X asked how ...", "unclear whether")."""
    questions = []
    for token in span:
        if token.dep_ != "ccomp":
            continue
        head = token.head
        asking = head.lemma_.lower() in ASKING_VERBS
        unknown = head.lemma_.lower() in UNKNOWN_WORDS or any(
            c.lemma_.lower() in UNKNOWN_WORDS and c.dep_ in ("acomp", "oprd") for c in head.children
        )
        negated = head.lemma_.lower() in DISCLOSURE_VERBS and any(
            c.dep_ == "neg" for c in head.children
        )
        if asking or unknown or negated:
            question = embedded_question(token)
            if question:
                questions.append(question)
    return questions


def _explicit_doubts(span: Span) -> list[str]:
    questions = []
    for token in span:
        if token.lemma_.lower() not in DOUBT_NOUNS or token.pos_ != "NOUN":
            continue
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in (
                "about",
                "over",
                "on",
                "regarding",
                "around",
            ):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    for topic in _conjuncts(obj):
                        verb = "are" if topic.tag_ in ("NNS", "NNPS") else "is"
                        questions.append(f"What {verb} {_strip_conjuncts(topic)}?")
    return questions


def _invert(verb: Token, modal: Token) -> str | None:
    """Return the clause of ``verb`` as a yes/no question led by its modal."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].lower_ in PRONOUN_SUBJECTS:
        return None
    subject = subjects[0]
    subject_tokens = set(subject.subtree)
    dropped = set(subject_tokens) | {modal}
    for child in verb.children:
        if child.i < subject.left_edge.i or child.dep_ == "mark":
            dropped.update(child.subtree)
        elif child.dep_ in ("advcl", "npadvmod") and child.i > verb.i:
            left = child.left_edge
            if left.i > 0 and left.doc[left.i - 1].text in (",", ";"):
                dropped.update(child.subtree)
                dropped.add(left.doc[left.i - 1])
    rest = [t for t in verb.subtree if t not in dropped and not t.is_space]
    if not rest:
        return None
    word = POSSIBILITY_MODALS.get(modal.lower_, _cap(modal.lower_))
    return f"{word} {_np(subject)} {text_of(rest)}?"


def _is_people(token: Token) -> bool:
    from generator.extract.actors import PEOPLE_NOUNS

    return token.ent_type_ == "PERSON" or token.lemma_.lower() in PEOPLE_NOUNS


def _possibilities(span: Span) -> list[str]:
    questions = []
    for token in span:
        if token.dep_ != "aux" or token.lower_ not in POSSIBILITY_MODALS:
            continue
        subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and _is_people(subjects[0]):
            continue  # "Residents may comment": a permission, not an open outcome
        question = _invert(token.head, token)
        if question is None:
            continue
        head = token.head
        if head.dep_ == "ccomp" and head.head.pos_ == "VERB":
            sayers = [c for c in head.head.children if c.dep_ == "nsubj"]
            if sayers and sayers[0].tag_ in ("NNS", "NNPS", "NNP"):
                # "Critics argue that X could Y" asks whether X could Y, as the critics argue.
                question = f"{question[:-1]}, as {_np(sayers[0])} {head.head.text}?"
        questions.append(question)
    return questions


def _tests_to_come(span: Span) -> list[str]:
    questions = []
    for token in span:
        if token.lemma_.lower() not in TEST_NOUNS or token.dep_ != "attr":
            continue
        verb = token.head
        if not any(c.lower_ == "will" for c in verb.children):
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            continue
        subject = subjects[0]
        owners = [c for c in subject.children if c.dep_ == "poss"]
        actions = [c for c in subject.children if c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB"]
        if subject.lemma_.lower() == "ability" and owners and actions:
            action = [t for t in actions[0].subtree if not (t.dep_ == "aux" and t.lower_ == "to")]
            owner = text_of(t for t in owners[0].subtree if t.dep_ != "case")
            questions.append(f"Can {owner} {text_of(action)}?")
        else:
            questions.append(f"What will {_np(subject)} show?")
    return questions


def _direct_questions(span: Span) -> list[str]:
    """A question the text itself asks, outside a quotation, stays a question."""
    text = span.text.strip()
    if text.endswith("?") and not text.startswith(('"', "'")):
        return [text]
    return []


EXTRACTORS = (
    _direct_questions,
    _unknown_facts,
    _asked,
    _explicit_doubts,
    _possibilities,
    _tests_to_come,
)


def extract_questions(parsed: Parsed) -> tuple[Item, ...]:
    """Return the open questions in source order, each citing its sentence."""
    items: list[Item] = []
    seen: set[str] = set()
    for sentence, span in zip(parsed.sentences, parsed.spans, strict=True):
        for extractor in EXTRACTORS:
            for question in extractor(span):
                key = question.lower()
                if key not in seen and len(question.split()) >= 3:
                    seen.add(key)
                    items.append(Item(_cap(question), (sentence.id,)))
    return tuple(items[:MAX_QUESTIONS])
