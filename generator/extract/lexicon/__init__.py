"""Word classes the analysis reads the parse with, each with what it captures and why.

One module per concern: ``policy`` (policy actions and objects, and the words of a shift's
parts), ``agents`` (who can act: authorities, titles, people, sources), ``openness`` (what a
text flags as open).

A class is a small Python class: its docstring states what the words have in common and why
the analysis needs them; ``lemmas`` holds lower-case lemmas as spaCy gives them. Words enter a
class for what they mean in English news prose, never because one article needs them.
"""

from __future__ import annotations

from typing import ClassVar


class WordClass:
    """A set of lemmas sharing one grammatical or semantic role."""

    lemmas: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def has(cls, lemma: str) -> bool:
        return lemma.lower() in cls.lemmas


def words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


class PhraseClass:
    """Lemma sequences sharing one role; ``phrases`` are matched against a sentence's lemmas."""

    phrases: ClassVar[tuple[tuple[str, ...], ...]] = ()


def phrases_of(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in text.split(","))
