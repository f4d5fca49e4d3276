"""The language analysis: a ``Document`` becomes a grounded ``Briefing``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract._nlp import pipeline_for
from generator.extract.actors import extract_actors
from generator.extract.bottom_line import bottom_line_index
from generator.extract.gazetteer import load_gazetteer
from generator.extract.policy import extract_policy_shift
from generator.extract.questions import extract_questions
from generator.extract.sentences import Parsed, split_sentences, text_of
from generator.extract.summary import sentence_scores, summarise
from generator.extract.topics import extract_topics
from generator.types import Briefing, Document

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from generator.config import Settings

TITLE_WORDS = (3, 16)
"""A proposed title is the bottom line's subject when it has this many words (inclusive)."""


def build_briefing(document: Document, settings: Settings, doc: Doc | None = None) -> Briefing:
    """Return the briefing of ``document``; ``doc`` skips parsing when already done."""
    if doc is None:
        doc = pipeline_for(settings)(document.text)
    parsed = split_sentences(doc)
    aliases = settings.path("aliases_file")
    gazetteer = load_gazetteer(aliases if aliases.exists() else None)
    scores = sentence_scores(parsed)
    summary = summarise(parsed, scores)
    entities = extract_actors(parsed, scores, gazetteer, settings.max_actors, document.title)
    return Briefing(
        document=document,
        title=document.title or propose_title(parsed, scores, document),
        sentences=parsed.sentences,
        summary=summary,
        actors=entities.actors,
        places=entities.places,
        policy_shift=extract_policy_shift(parsed, _parsed_title(document, doc, settings)),
        open_questions=extract_questions(parsed),
        topics=extract_topics(parsed),
        warnings=(*document.warnings, *language_warnings(doc)),
    )


def _parsed_title(document: Document, doc: Doc, settings: Settings) -> Span | None:
    """Return the seed's title parsed on its own, when it is kept apart from the text."""
    title = document.title
    if not title or doc.text.lstrip().startswith(title):
        return None
    return pipeline_for(settings)(title)[:]


ENGLISH_STOP_SHARE = 0.15
"""English prose is 40-55% stop words ("the", "of", "and"); French or German text read by an
English model scores under 10%. Below this share of a long enough text, the page warns."""


def language_warnings(doc: Doc) -> tuple[str, ...]:
    """Return a warning when the text does not look like English."""
    words = [t for t in doc if t.is_alpha]
    if len(words) < 20:
        return ()
    share = sum(1 for t in words if t.is_stop) / len(words)
    if share >= ENGLISH_STOP_SHARE:
        return ()
    return (
        "the text does not look like English (only "
        f"{share:.0%} of its words are common English words); the analysis is for English, "
        "so its summary, actors and questions may be wrong",
    )


def propose_title(parsed: Parsed, scores: list[float], document: Document) -> str:
    """Return a title from the text: the subject of its bottom line, or the file's name."""
    if parsed.spans:
        root = parsed.spans[bottom_line_index(parsed, scores)].root
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            title = text_of(subjects[0].subtree)
            if TITLE_WORDS[0] <= len(title.split()) <= TITLE_WORDS[1]:
                return title[0].upper() + title[1:]
    return document.slug.replace("-", " ").capitalize()
