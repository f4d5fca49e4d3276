"""Topics in linear time (issue 11, item 14): the same topics, without ``Span.root``'s walk.

``Span.root`` walks each token's chain of heads up to the sentence root. In a long text with
no punctuation the parse is one sentence whose tree is as deep as the text is long ("policy
of policy of ..."), so every noun chunk paid for the whole depth: quadratic time (40k words
took 38 s, 199k words never finished). ``benchmarks/long_text.py`` prints the figures.
"""

from __future__ import annotations

import time

import pytest

from generator.extract import topics
from generator.extract.sentences import split_sentences
from generator.extract.topics import chunk_root, depths, extract_topics
from tests.conftest import ROOT

TEXTS = [
    "Japan agreed on Monday to sell six patrol boats to Chile, a shift in its export policy. "
    "Critics argue that the export policy could draw Japan into regional disputes.",
    " ".join(["policy of"] * 300),
    " ".join(["the big export control of the state said that"] * 60),
    "  Spaces , and ; punctuation  -- alone . The trade minister's plan . . .",
]


@pytest.mark.parametrize("text", TEXTS)
def test_chunk_root_is_span_root(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    depth = depths(doc)
    for token in doc:
        steps, current = 0, token
        while current.head.i != current.i:
            current, steps = current.head, steps + 1
        assert depth[token.i] == steps
    chunks = list(doc.noun_chunks)
    assert chunks
    for chunk in chunks:
        assert chunk_root(chunk, depth).i == chunk.root.i, chunk.text
    for start in range(0, len(doc), 7):  # any span, not only noun chunks
        span = doc[start : start + 5]
        assert chunk_root(span, depth).i == span.root.i


def test_topics_are_the_same_as_with_span_root(
    nlp,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [*TEXTS, " ".join(["the export control of the trade policy"] * 200)]
    texts.append((ROOT / "seeds" / "japan-patriot-export.txt").read_text(encoding="utf-8"))
    parsed = [split_sentences(nlp(text)) for text in texts]
    now = [extract_topics(p) for p in parsed]
    monkeypatch.setattr(topics, "chunk_root", lambda chunk, depth: chunk.root)
    assert [extract_topics(p) for p in parsed] == now
    assert any(now)


def test_topics_take_linear_time_on_a_deep_unpunctuated_text(nlp) -> None:  # type: ignore[no-untyped-def]
    timings = []
    for words in (3_000, 12_000):
        parsed = split_sentences(nlp(" ".join(["policy of"] * (words // 2))))
        assert max(depths(parsed.doc)) > words // 2  # one sentence, a tree as deep as the text
        started = time.perf_counter()
        extract_topics(parsed)
        timings.append(time.perf_counter() - started)
    # Four times the words: about four times the time when linear, sixteen when quadratic
    # (before: 0.16 s at 5k words, 3.4 s at 20k). The margin absorbs a busy machine.
    assert timings[1] < 10 * max(timings[0], 0.005), timings
