"""The scoring code of benchmarks/quality.py, on tiny made-up cases (no evaluation data)."""

from __future__ import annotations

import pytest

from benchmarks.quality import generator_points, ranking_scores, textrank

ENTITIES = [
    {"name": "George W. Bush", "aliases": ["bush", "president bush"], "score": 3.0},
    {"name": "Florida", "aliases": ["florida"], "score": 1.0},
    {"name": "Terri Schiavo", "aliases": ["schiavo"], "score": 2.5},
    {"name": None, "aliases": [], "score": 2.0},
]


def test_precision_and_recall_count_each_salient_entity_once() -> None:
    ranked = [["George W. Bush", "Bush"], ["President Bush"], ["Florida"], ["Schiavo"]]
    scores = ranking_scores(ranked, ENTITIES)
    # Three salient entities (one nameless); the second actor repeats the first: a miss.
    assert scores["P@3"] == pytest.approx(1 / 3)
    assert scores["P@5"] == pytest.approx(2 / 5)
    assert scores["R@5"] == pytest.approx(2 / 3)
    assert scores["dup"] == 1 and scores["top10"] == 4


def test_matching_ignores_case_and_spacing_but_not_spelling() -> None:
    assert ranking_scores([["  TERRI   schiavo "]], ENTITIES)["P@3"] == pytest.approx(1 / 3)
    assert ranking_scores([["Terry Schiavo"]], ENTITIES)["P@3"] == 0


def test_textrank_returns_central_sentences_in_source_order() -> None:
    sentences = [
        "The weather was mild on Tuesday.",
        "The senate passed the budget bill after a long budget debate.",
        "Budget debate in the senate lasted all night.",
        "The budget bill now goes to the president.",
        "A dog barked.",
    ]
    chosen = textrank(sentences, count=2)
    assert len(chosen) == 2
    assert all("budget" in s.lower() for s in chosen)
    assert chosen == sorted(chosen, key=sentences.index)


def test_generator_points_are_the_first_three_statements_a_reader_sees() -> None:
    briefing = {
        "summary": {
            "bottom_line": "A.",
            "points": [{"text": "B.", "cites": []}, {"text": "C.", "cites": []}, {"text": "D."}],
        }
    }
    assert generator_points(briefing) == ["A.", "B.", "C."]
