"""The bottom line comes from news structure: the lead, below any headline, byline or date."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Settings
from generator.extract import build_briefing
from generator.types import Document

pytestmark = pytest.mark.usefixtures("nlp")


def bottom_line(text: str) -> str:
    document = Document(source_path="t.txt", slug="t", title=None, text=text)
    return build_briefing(
        document, Settings(project_dir=Path("/nonexistent"))
    ).summary.bottom_line.text


def test_the_lead_below_headline_date_and_byline_is_the_bottom_line() -> None:
    text = (
        "Senate passes stimulus package\n\n"
        "February 10, 2009\n\n"
        "By Jane Smith, staff writer\n\n"
        "The United States Senate passed a stimulus package worth $838 billion on Tuesday, "
        "aimed at creating millions of new jobs. The vote was 61 to 37. Senators argued about "
        "the package for a week, and the economy, the package and the jobs were discussed at "
        "length by every senator who spoke about the package and the economy."
    )
    assert bottom_line(text).startswith("The United States Senate passed a stimulus package")


def test_the_lead_wins_over_a_more_central_later_sentence() -> None:
    text = (
        "The city council approved a new budget for the coming year on Tuesday evening after "
        "a long debate. Parks, roads and libraries get more money. The budget for parks, the "
        "budget for roads and the budget for libraries all grow, and the budget is balanced."
    )
    assert bottom_line(text).startswith("The city council approved a new budget")
