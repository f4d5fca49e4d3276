"""The property: random rounds of whole-page operations never lose a hand-written string.

``benchmarks/hand_edits.py`` plays the rounds (seed removal and rename with notes outside
the markers, damaged and duplicated markers, actor, timeline, home and search pages, copies,
CRLF and lone CR, pages deleted by hand); here a few dozen rounds run with every test run,
and the benchmark runs 1,000 (``.venv/bin/python benchmarks/hand_edits.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.hand_edits import rounds

pytestmark = [pytest.mark.usefixtures("nlp"), pytest.mark.slow]


def test_no_string_is_lost_over_random_rounds_of_whole_page_operations(tmp_path: Path) -> None:
    figures = rounds(40, tmp_path)
    assert figures.rounds >= 40
    assert figures.notes >= 20, "the rounds wrote too few notes to tell anything"
    assert figures.lost == []
    assert figures.resurrected == []
