"""Topic tags are key phrases: never a bare place, agency or single common noun."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from generator.extract.topics import AGENCY_HEADS, PLACE_HEADS, extract_topics
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("nlp")


def topics(nlp: Any, text: str) -> tuple[str, ...]:
    return extract_topics(SimpleNamespace(doc=nlp(text)))  # type: ignore[arg-type]


def test_key_phrases_not_bare_nouns_places_or_agencies(nlp: Any) -> None:
    text = (
        "The defence ministry announced new export controls on Monday. "
        "Export controls on drones will also apply, the defence ministry said. "
        "Officials in the border region said export controls would hurt the border region. "
        "Missiles, missiles and more missiles were sold. The missiles were old. "
        "Critics said the export controls came too late."
    )
    found = topics(nlp, text)
    assert found and found[0] == "export control"
    assert all(len(t.split()) >= 2 for t in found)  # never "missile"
    assert "defence ministry" not in found and "border region" not in found


def test_a_compound_the_text_repeats_is_kept_whole(nlp: Any) -> None:
    text = (
        "The carbon border tax starts in January. Importers will pay the carbon border tax "
        "on steel. Critics of the carbon border tax say it is a trade barrier."
    )
    assert topics(nlp, text)[0] == "carbon border tax"


def test_a_quality_or_a_name_is_no_topic(nlp: Any) -> None:
    text = (
        "The boldest wines came from a small valley. The boldest wines were red. "
        "Japan's Patriot missiles were shipped. Patriot missiles are made under license. "
        "A new feature arrived; the new feature is popular and every new feature ships late."
    )
    found = topics(nlp, text)
    assert not {"boldest wine", "patriot missile", "new feature"} & set(found)


@pytest.mark.parametrize(
    "article", sorted((ROOT / "tests" / "corpus").glob("*-*.md")), ids=lambda p: p.stem
)
def test_the_test_articles_get_only_key_phrases(nlp: Any, article: Any) -> None:
    text = article.read_text(encoding="utf-8").split("---\n", 2)[2]
    for tag in topics(nlp, text):
        words = tag.split()
        assert 2 <= len(words) <= 3, tag
        assert words[-1] not in PLACE_HEADS | AGENCY_HEADS, tag
        assert tag == tag.lower(), tag  # names are actors, not topics
