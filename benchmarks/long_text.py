"""Long unpunctuated text: time per 10k words at 10k, 50k and 200k words (issue 11, item 14).

With no full stop, the parse is one sentence whose tree is as deep as the text is long
("policy of policy of ..."). ``Span.root`` walks that depth for every noun chunk, so the
topics took quadratic time: 40k words took 38 s and 199k words never finished. The topics now
read the depths computed once (``extract/topics.py``). This prints, per size, the time per
10k words of spaCy's parse, of the topics (the old way too, while it stays short), and of the
whole analysis after the parse (``build_briefing`` given the parsed ``Doc``):

    .venv/bin/python benchmarks/long_text.py [--words 10000 50000 200000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.config import Settings
from generator.extract import build_briefing
from generator.extract._nlp import pipeline_for
from generator.extract.sentences import split_sentences
from generator.extract.topics import _phrase, extract_topics
from generator.types import Document

OLD_WAY_UP_TO = 50_000
"""Words up to which the old way (``Span.root`` per chunk) is timed too; beyond, it runs for
minutes."""


def old_topics_seconds(parsed: object) -> float:
    """Return the time the chunks' phrases took the old way (``chunk.root`` each time)."""
    started = time.perf_counter()
    for chunk in parsed.doc.noun_chunks:  # type: ignore[attr-defined]
        _phrase(chunk)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    options = parser.parse_args()
    settings = Settings(max_seed_bytes=2_000_000)
    nlp = pipeline_for(settings)
    print(
        "| words | parse / 10k words | topics / 10k words | topics the old way / 10k words "
        "| whole analysis after the parse / 10k words | peak memory |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for words in options.words:
        text = " ".join(["policy of"] * (words // 2))
        started = time.perf_counter()
        doc = nlp(text)
        parse = time.perf_counter() - started
        parsed = split_sentences(doc)
        started = time.perf_counter()
        extract_topics(parsed)
        topics = time.perf_counter() - started
        old = old_topics_seconds(parsed) if words <= OLD_WAY_UP_TO else None
        document = Document(source_path="long.txt", slug="long", title=None, text=text)
        started = time.perf_counter()
        build_briefing(document, settings, doc)
        whole = time.perf_counter() - started
        scale = 10_000 / words
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        old_cell = f"{old * scale:.2f} s" if old is not None else "(not run)"
        print(
            f"| {words:,} | {parse * scale:.2f} s | {topics * scale:.3f} s | {old_cell} "
            f"| {whole * scale:.2f} s | {peak:,.0f} MB |",
            flush=True,
        )


if __name__ == "__main__":
    main()
