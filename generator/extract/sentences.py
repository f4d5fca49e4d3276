"""Sentences with stable ids, and span helpers the extractors share."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.types import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


@dataclass(frozen=True)
class Parsed:
    """A parsed document: spaCy's ``Doc`` and its sentences with their ids."""

    doc: Doc
    spans: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    _starts: tuple[int, ...]

    def index_of(self, token: Token) -> int:
        """Return the index of the sentence holding ``token``."""
        return bisect.bisect_right(self._starts, token.i) - 1

    def sid(self, token: Token) -> str:
        return self.sentences[self.index_of(token)].id


def split_sentences(doc: Doc) -> Parsed:
    """Return the sentences of ``doc``; a paragraph break always ends a sentence."""
    breaks = [m.start() for m in re.finditer(r"\n\n", doc.text)]
    spans: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    spans.append(doc[start : token.i])
                start = token.i + 1
        if start < sent.end:
            spans.append(doc[start : sent.end])
    spans = _without_lone_punctuation(
        [span for span in spans if span.text.strip() and not all(t.is_space for t in span)]
    )
    sentences = tuple(
        Sentence(
            id=f"s{number}",
            text=span.text.strip(),
            paragraph=bisect.bisect_right(breaks, span.start_char),
        )
        for number, span in enumerate(spans, start=1)
    )
    return Parsed(doc, tuple(spans), sentences, tuple(span.start for span in spans))


LEAD_WORDS = 12
"""The lead is the first sentence of at least this many words that ends like a sentence: a
headline, a dateline, a byline or a caption above it is short or unpunctuated. 12 beat 8 by
0.012 P@3 on the Wikinews salience dev set (key actors, 2026-11-24)."""
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


def lead_index(parsed: Parsed) -> int:
    """Return the index of the lead: the first full sentence, below any headline."""
    for index, span in enumerate(parsed.spans):
        words = sum(1 for t in span if t.is_alpha)
        if words >= LEAD_WORDS and _SENTENCE_END.search(span.text.rstrip()):
            return index
    return 0


def _without_lone_punctuation(spans: list[Span]) -> list[Span]:
    """Return ``spans`` with a span of no letter or digit joined to the sentence before it.

    spaCy starts a sentence at the closing quote of the previous one ('...like migration.'
    then '"'); the quote belongs to the sentence it closes, and alone it is no sentence.
    """
    kept: list[Span] = []
    for span in spans:
        if any(ch.isalnum() for ch in span.text):
            kept.append(span)
            continue
        if kept and "\n\n" not in span.doc.text[kept[-1].end_char : span.start_char]:
            kept[-1] = span.doc[kept[-1].start : span.end]
    return kept


def text_of(tokens: Iterable[Token], replace: dict[int, str] | None = None) -> str:
    """Return the tokens' text with their original spacing, trimmed of edge punctuation.

    ``replace`` maps token indices to the words that stand in for them ("monitors" → "monitor").
    """
    replace = replace or {}
    ordered = sorted(tokens, key=lambda t: t.i)
    while (
        ordered and (ordered[0].is_punct or ordered[0].is_space) and ordered[0].text not in "\"'("
    ):
        ordered.pop(0)
    while (
        ordered
        and (ordered[-1].is_punct or ordered[-1].is_space)
        and ordered[-1].text not in "\"')"
    ):
        ordered.pop()
    parts = []
    for index, token in enumerate(ordered):
        follows = index + 1 < len(ordered) and ordered[index + 1].i == token.i + 1
        word = replace.get(token.i, token.text)
        parts.append(word + token.whitespace_ if follows else word + " ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def as_statement(text: str) -> str:
    """Return ``text`` with a capital first letter and a final full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?\"'" else text + "."


def trailing_clauses(root: Token) -> set[Token]:
    """Return the tokens of a sentence-final participial or appositive clause after a comma.

    "X marks a shift, reflecting Y." loses ", reflecting Y": the main clause still stands.
    """
    dropped: set[Token] = set()
    for child in root.rights:
        if child.dep_ in ("advcl", "npadvmod", "conj") and child.tag_ in ("VBG", "VBN"):
            left = child.left_edge
            if left.i > 0 and left.doc[left.i - 1].text in (",", "—", ";"):
                dropped.update(child.subtree)
                dropped.add(left.doc[left.i - 1])
    return dropped


def main_clause(span: Span) -> str:
    """Return the sentence without its trailing participial clause and leading connective."""
    root = span.root
    dropped = trailing_clauses(root)
    for child in root.lefts:
        # "However, ..." / "Meanwhile, ...": discourse connectives carry no content.
        if (
            child.dep_ in ("advmod", "cc")
            and child.i == span.start
            and child.pos_ in ("ADV", "CCONJ")
        ):
            dropped.add(child)
            nxt = child.doc[child.i + 1]
            if nxt.text == ",":
                dropped.add(nxt)
    kept = [t for t in span if t not in dropped and not t.is_space]
    return as_statement(text_of(kept))


def content_lemmas(span: Span | Sequence[Token]) -> Counter[str]:
    """Return the counts of content-word lemmas of ``span`` (lower case, no stop words)."""
    return Counter(
        t.lemma_.lower()
        for t in span
        if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha and len(t.text) > 1
    )


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0
