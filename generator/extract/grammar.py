"""Question grammar: a declarative clause of the parse becomes a question, and every
question is checked before anyone sees it.

Transformations (each keeps the source's own words):

- **inversion**: "the bill will pass" → "Will the bill pass?"; "the court is poised to rule"
  → "Is the court poised to rule?"; with do-support when there is no auxiliary: "the offer
  included missiles" → "Did the offer include missiles?";
- **a given auxiliary**: an obligation or expectation asks whether it will happen ("the
  restrictions must be lifted by 2011" → "Will the restrictions be lifted by 2011?");
- **embedded questions**: "(unclear) how the ministry will monitor catches" → "How will the
  ministry monitor catches?".

The check (``check``) refuses: more than one wh-word, no finite verb or no subject, more
than ``MAX_WORDS`` words, a pronoun or first/second person as the subject, unbalanced quotes
or brackets, two sentences run together, and a dangling last word ("... paid for?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.extract.lexicon.openness import Dispute, Uncertain
from generator.extract.sentences import text_of

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_WORDS = 25
"""A question a reader takes in at a glance; longer ones are dropped, not cut."""
WH_WORDS = frozenset("how why when where what who whom whose which".split())
EMBEDDING_WORDS = WH_WORDS | {"whether", "if"}
NOT_NAMES = frozenset({"", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "DATE", "TIME", "MONEY"})
"""Entity labels of words that keep no capital inside a sentence ("Three journalists")."""
FINITE = frozenset({"VBD", "VBZ", "VBP"})
DO_SUPPORT = {"VBZ": "does", "VBD": "did", "VBP": "do"}
MODAL_WORDS = frozenset("will would shall should can could may might must 'll wo ca".split())
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"})
"""A verb's complements: a question missing one is a fragment ("Will Britain take?")."""
RELATIVES = frozenset("which who whom whose".split())
VAGUE_SUBJECTS = frozenset(
    "it this that these those they them he she him her we us i you one there which who".split()
)
"""Subjects that leave the reader asking "who?": a question built on one is dropped."""
PRONOUNS_AND_NOBODY = frozenset(
    "he she it they we i you no-one nobody nothing everyone everybody anyone anybody"
    " someone".split()
)
"""First words of a subject that name no one a reader can find: "she and her allies",
"Could no-one predict ...?"."""
DANGLING = frozenset(
    "of for to in on at by with from about as and or but nor the a an that than if because"
    " whether into onto over under".split()
)
"""Words a question cannot end on: what follows them was cut away."""
TRAILING_DEPS = frozenset({"advcl", "npadvmod", "conj", "parataxis", "appos", "relcl", "acl"})
"""Clause-like dependents dropped when they follow a comma at the end of the predicate."""


@dataclass(frozen=True)
class Question:
    """A question and the words it was built from (for the check)."""

    text: str
    subject: str
    subject_lemma: str = ""
    """Lemma of the subject's head word ("move" for "the move")."""


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def noun_phrase(token: Token, exclude: Iterable[Token] = ()) -> str:
    """Return the phrase of ``token``, lower-casing a first word that is not a name."""
    excluded = set(exclude)
    tokens = sorted((t for t in token.subtree if t not in excluded), key=lambda t: t.i)
    closed = False
    while len(tokens) > 1 and tokens[-1].text in (",", ";", ":", "—", "-"):
        closed = closed or tokens[-1].text == ","
        tokens.pop()  # "The telescope, in Guizhou province," as a subject: its closing comma
    commas = [t for t in tokens if t.text == ","]
    if closed and len(commas) == 1:
        tokens.remove(commas[0])  # ... and the comma that opened the aside
    text = text_of(tokens)
    first = tokens[0] if tokens else None
    if first is not None and first.text == "The" and _starts_sentence(first):
        # "The Office for Students should ..." asked as "Should the Office ...?"; a "The"
        # inside a sentence belongs to the name ("told The Washington Times").
        return "the" + text[3:]
    if (
        first is not None
        and first.pos_ != "PROPN"
        and first.ent_type_ in NOT_NAMES
        and text[:1].isupper()
        and not text[:2].isupper()
        and first.lower_ != "i"
    ):
        text = text[0].lower() + text[1:]
    return text


def _starts_sentence(token: Token) -> bool:
    if token.i == token.sent.start:
        return True
    before = token.doc[token.i - 1]
    return before.is_space or (before.is_punct and before.text != ",")


def subject_of(verb: Token) -> Token | None:
    """Return the subject of ``verb``, following "X is expected to V" to X."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    return None


HEDGES = frozenset({"whether", "if", "unless"})


def asserted(verb: Token) -> bool:
    """Return True when the text asserts the clause of ``verb`` happened or holds.

    Not when it sits in a "whether"/"if" clause, under "unclear", in what someone claims or
    argues, in a question, or is an infinitive: "it is unclear whether France will seek
    exemptions" asserts nothing of France, "Gilley argued that the Reich was more
    benevolent" nothing of the Reich, and "a plant to be built by Intel" nothing of Intel yet.
    """
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    node = verb
    adverbial = False
    while True:
        if any(c.dep_ == "mark" and c.lower_ in HEDGES for c in node.children):
            return False
        if node.dep_ == "ccomp" and Dispute.has(node.head.lemma_) and not adverbial:
            # An adverbial on the way up ("..., while supporters view it as") is most often
            # the parser's attachment of a contrast, not part of the claim.
            return False
        adverbial = adverbial or node.dep_ == "advcl"
        if Uncertain.has(node.lemma_) or any(
            Uncertain.has(c.lemma_) for c in node.children if c.dep_ == "acomp"
        ):
            return False
        if node.head.i == node.i or node.dep_ not in ("ccomp", "advcl", "xcomp", "conj", "acl"):
            break
        node = node.head
    sentence = verb.sent.text.rstrip()
    return not sentence.endswith("?")


def shared_subject(verb: Token) -> Token | None:
    """Return the subject a conjoined verb shares with the one before it: "He was remanded
    on bail and will await a hearing" → He."""
    if verb.dep_ != "conj" or subject_of(verb) is not None:
        return None
    return subject_of(verb.head)


def _dropped_edges(verb: Token, subject: Token) -> set[Token]:
    """Return leading adverbials and trailing comma-clauses of ``verb`` to leave out."""
    dropped: set[Token] = set()
    for child in verb.children:
        if child.i < subject.left_edge.i and child.dep_ not in ("aux", "auxpass", "neg"):
            dropped.update(child.subtree)  # "However, ...", "On Tuesday, ..."
        elif child.dep_ == "mark" or (child.dep_ == "cc" and child.i < verb.i):
            dropped.update(child.subtree)
        elif child.dep_ == "conj" and (
            subject_of(child) is not None
            or (verb.tag_ in FINITE and child.tag_ in FINITE)
            # "could not reach X and won Y"; a VBP has the base form, so the tag is no sign
            or (verb.tag_ == "VB" and child.tag_ in ("VBD", "VBZ"))
            or any(c.dep_ == "aux" for c in child.children)  # "is viable and could recover"
        ):
            # "... be 200 billion and it could go up", "was more benevolent and brought ...":
            # a second clause, or a second finite predicate the inversion cannot carry; a
            # bare one shares the auxiliary ("could undermine X and embolden Y").
            dropped.update(child.subtree)
            dropped.update(c for c in verb.children if c.dep_ == "cc" and c.i < child.i)
        elif child.i > verb.i and child.dep_ in TRAILING_DEPS | {"prep"}:
            left = child.left_edge
            before = left.doc[left.i - 1] if left.i > 0 else None
            if before is not None and before.text in (",", ";", "—", "-", ":", "("):
                dropped.update(child.subtree)
                dropped.add(before)
        if child.dep_ == "punct" and child.i > verb.i and child.text in (",", ";", ":", "—"):
            dropped.add(child)
        if child.dep_ == "punct" and subject.i < child.i < verb.i and child.text == ",":
            dropped.add(child)  # "The telescope, in Guizhou province, will give": no comma left
    # Everything after a clause-ending colon or semicolon belongs to another sentence.
    for token in verb.subtree:
        if token.text in (";", ":") and token.i > verb.i:
            dropped.update(t for t in verb.subtree if t.i >= token.i)
    return dropped


DASHES = frozenset("— – --".split())


def _without_dashed_asides(tokens: list[Token]) -> list[Token] | None:
    """Return ``tokens`` without asides between paired dashes ("a blueprint—or a cautionary
    tale—for others"); None when a dash is left unpaired inside the question."""
    marks = [n for n, t in enumerate(tokens) if t.text in DASHES]
    if not marks:
        return tokens
    if len(marks) % 2:
        return None
    kept: list[Token] = []
    previous = 0
    for start, end in zip(marks[::2], marks[1::2], strict=True):
        kept.extend(tokens[previous:start])
        previous = end + 1
    kept.extend(tokens[previous:])
    return kept


QUOTE_MARKS = frozenset({'"', "“", "”"})
ASIDE_DEPS = frozenset({"relcl", "acl"})
"""Dependents that add to a noun after a comma without saying which one it is: "an ammonia
pump module, which shut down Saturday", "documents, described as 'diplomatic dynamite'". An
apposition stays: it often names the noun ("her opponent, Harry Reid")."""


def _comma_asides(verb: Token, subject: Token) -> set[Token]:
    """Return the non-restrictive relative clauses in ``verb``'s clause: a question asks
    about the noun, not what the text adds about it."""
    asides: set[Token] = set()
    doc = verb.doc
    for token in verb.subtree:
        if token.dep_ not in ASIDE_DEPS or token in subject.subtree or token.head.i == verb.i:
            continue
        start = token.left_edge.i
        if start > 0 and doc[start - 1].text == ",":
            asides.update(token.subtree)
            asides.add(doc[start - 1])
            end = token.right_edge.i + 1
            if end < len(doc) and doc[end].text == ",":
                asides.add(doc[end])
    return asides


def invert(
    verb: Token,
    lead: str | None = None,
    *,
    keep_to: bool = False,
    subject: Token | None = None,
    antecedent: str | None = None,
) -> Question | None:
    """Return the clause of ``verb`` as a yes/no question.

    ``lead`` replaces the clause's modal ("must be lifted" asked as "Will ... be lifted?");
    without it the first auxiliary moves to the front, or do-support supplies one.
    ``subject`` stands in for a clause without its own ("X is expected to rule": rule);
    ``antecedent`` replaces a pronoun subject with what it refers to.
    """
    subject = subject or subject_of(verb) or shared_subject(verb)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN", "NUM", "PRON", "DET"):
        return None  # a clause or gerund as subject makes a question hard to read
    if verb.dep_ in ("relcl", "acl"):
        return None  # "a risk Britain should take": the object is the noun outside the clause
    infinitive = next(
        (
            c
            for c in verb.children
            if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
        ),
        None,
    )
    if (
        lead is not None
        and verb.lemma_ == "be"
        and infinitive is not None
        and subject.lower_ != "it"  # "it may be hard to find them": no one finds anything
    ):
        # "if they are to have a future" asks "Will they have a future?"
        return invert(infinitive, lead, subject=subject, antecedent=antecedent)
    auxiliaries = [
        c
        for c in verb.children
        if c.dep_ in ("aux", "auxpass") and c.i < verb.i and c.i > subject.i
    ]
    dropped = set(subject.subtree) | _dropped_edges(verb, subject)
    replace: dict[int, str] = {}
    if lead is not None:
        # The lead stands in for the clause's modal, do-support and infinitive marker.
        modals = [
            a
            for a in auxiliaries
            if a.tag_ == "MD"
            or a.lower_ in MODAL_WORDS
            or a.lemma_ == "do"
            or (a.lower_ == "to" and not keep_to)
        ]
        dropped.update(modals)
        first = lead
        rest_aux = [a for a in auxiliaries if a not in modals]
        if not rest_aux and verb.tag_ in ("VBZ", "VBD", "VBP", "VBN") and verb.lemma_ != "be":
            replace[verb.i] = verb.lemma_
        elif not rest_aux and verb.lemma_ == "be":
            replace[verb.i] = "be"
        for aux in rest_aux:
            if aux.lemma_ == "be" and aux.tag_ in ("VBZ", "VBP", "VBD"):
                replace[aux.i] = "be"
            elif aux.lemma_ == "have" and aux.tag_ in ("VBZ", "VBP", "VBD"):
                replace[aux.i] = "have"
    elif auxiliaries and auxiliaries[0].tag_ != "TO":
        first = auxiliaries[0].lower_
        if first in ("'ll", "wo"):
            first = "will"
        elif first == "ca":
            first = "can"
        elif first == "'s" or first == "'re":
            return None
        dropped.add(auxiliaries[0])
    elif verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP", "VBD"):
        first = verb.lower_
        dropped.add(verb)
    elif verb.tag_ in DO_SUPPORT:
        first = DO_SUPPORT[verb.tag_]
        replace[verb.i] = verb.lemma_
    else:
        return None
    dropped.update(_comma_asides(verb, subject))
    body = _without_dashed_asides([t for t in verb.subtree if t not in dropped and not t.is_space])
    if body is None:
        return None
    if unbalanced_quotes(text_of(body)):
        # The clause took a quotation's opening or closing mark but not both ("Miller "will
        # continue ..."): the question asks in its own words, without the marks.
        body = [t for t in body if t.text not in QUOTE_MARKS]
    while body and (
        (body[-1].is_punct and body[-1].text not in ("'", '"', "”", ")"))
        or body[-1].pos_ == "CCONJ"
    ):
        body.pop()  # "... in its arsenal, and" once a second clause is left out
    if not body or body[0].tag_ == "MD" or body[0].lower_ in MODAL_WORDS:
        return None  # a second modal after the subject: the parse put it elsewhere
    kept = set(body)
    if any(c.dep_ in COMPLEMENTS and c not in kept for c in verb.children):
        return None  # "what the outcome will be" fronts the complement: "Will the outcome be?"
    subject_text = antecedent if antecedent and subject.pos_ == "PRON" else noun_phrase(subject)
    text = f"{_cap(first)} {subject_text} {text_of(body, replace)}?"
    return Question(re.sub(r"\s+", " ", text), subject_text, subject.lemma_.lower())


def embedded(clause: Token) -> Question | None:
    """Return the indirect question headed by ``clause`` as a direct one.

    "(asked) how the new libraries would be staffed" → "How would the new libraries be
    staffed?"; "(unclear) whether the plan will work" → "Will the plan work?".
    """
    tokens = sorted(clause.subtree, key=lambda t: t.i)
    if not tokens or tokens[0].lower_ not in EMBEDDING_WORDS:
        return None
    wh = tokens[0]
    subject = subject_of(clause)
    if subject is None:
        return None
    if subject.i == wh.i:  # "what happened" is already in question order
        body = [t for t in tokens if not t.is_space]
        return Question(_cap(text_of(body)) + "?", wh.lower_)
    question = invert(clause)
    if question is None:
        return None
    if wh.lower_ in ("whether", "if"):
        text = question.text
    else:
        # "how the ministry will monitor" → "How will the ministry monitor"
        rest = question.text
        without_wh = re.sub(rf"\b{re.escape(wh.text)}\s+", "", rest, count=1)
        text = f"{_cap(wh.lower_)} {without_wh[:1].lower()}{without_wh[1:]}"
    return Question(text, question.subject)


def _single_quotes(text: str) -> int:
    """Return the number of single quotation marks used as quotes, not apostrophes."""
    return len(re.findall(r"(?:(?<=\s)|^)['‘]|['’](?=[\s?,.;:!]|$)", text)) - len(
        re.findall(r"s'(?=[\s?,.;:!]|$)", text)  # a plural possessive: "the bankers' bonus"
    )


def unbalanced_quotes(text: str) -> bool:
    """Return True when ``text`` opens a quotation it does not close, or closes one it did
    not open."""
    return bool(
        text.count('"') % 2 or text.count("“") != text.count("”") or _single_quotes(text) % 2
    )


ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr gen sen rep gov lt col co inc corp no vs".split())
"""Words a full stop abbreviates mid-sentence ("Mr. Smith"), besides dotted ones ("a.m.")."""


def _sentence_break(text: str) -> bool:
    """Return True when a full stop or "!" inside ``text`` ends a sentence: not the stop of
    an abbreviation ("6:55 a.m. EDT", "the U.S. Senate", "Dr. Smith")."""
    for match in re.finditer(r"(\S+)[.!]\s+[A-Z\"“]", text):
        word = match.group(1)
        if "." in word or word.lower().lstrip('("“') in ABBREVIATIONS:
            continue
        return True
    return False


def check(question: Question) -> str:
    """Return why ``question`` must not be shown, or "" when it may."""
    text = question.text
    words = text.split()
    if not text.endswith("?") or text.count("?") > 1:
        return "not one question"
    if len(words) > MAX_WORDS:
        return f"over {MAX_WORDS} words"
    wh = [w for w in words if w.lower().strip(",;:") in WH_WORDS]
    if len(wh) > 1:
        return "more than one wh-word"
    if wh and words[0].lower() not in WH_WORDS and words[1].lower().strip(",;:") in WH_WORDS:
        # "Could what happen ...?", "Can who win?": a relative or subject left in place.
        # Further in, a wh-clause is a complement: "Will the court decide who pays?"
        return "a wh-word out of place"
    subject = question.subject.lower().strip()
    if (
        not subject
        or subject in VAGUE_SUBJECTS
        or subject.split()[0] in PRONOUNS_AND_NOBODY  # "she and her allies", "no-one"
        or set(subject.split()) & {"i", "you", "we"}  # "Jeri and I": the speaker
        or set(subject.split()) & RELATIVES  # "some of which", "those who"
    ):
        return "no subject a reader can identify"
    for index, word in enumerate(words[2:-1], start=2):
        if word.lower() in WH_WORDS and words[index - 1].lower() in DANGLING:
            return "a wh-word out of place"  # "have in what they thought"
    if _sentence_break(text) or re.search(r"[.!;]\s*\?$", text):
        return "two sentences run together"
    for opening, closing in ("()", "[]"):
        if text.count(opening) != text.count(closing):
            return "unbalanced brackets"
    if unbalanced_quotes(text):
        return "unbalanced quotation marks"
    last = words[-1].rstrip("?").strip("\"'”’").lower()
    if last in DANGLING or not last:
        return "ends on a dangling word"
    return ""
