"""Key actors you can trust: real actors, typed by vote, with a role only where they act.

Each case is a short text written for the purpose; the expected reading is a person's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Settings
from generator.extract import build_briefing
from generator.types import Briefing, Document

pytestmark = pytest.mark.usefixtures("nlp")


def brief(text: str, title: str | None = None) -> Briefing:
    document = Document(source_path="t.txt", slug="t", title=title, text=text)
    return build_briefing(document, Settings(project_dir=Path("/nonexistent")))


def actors_of(text: str) -> dict[str, tuple[str, str]]:
    return {a.name: (a.type, a.role) for a in brief(text).actors}


def test_no_role_for_a_clause_the_text_does_not_assert() -> None:
    actors = actors_of(
        "Germany has asked for an exemption from the rule. "
        "It is unclear whether France will seek a similar exemption."
    )
    assert actors["Germany"][1].startswith("has asked for an exemption")
    assert actors.get("France", ("", ""))[1] == ""


def test_no_role_for_the_agent_of_an_infinitive_passive() -> None:
    actors = actors_of(
        "Germany approved a new chip plant near Magdeburg, to be built by Intel over five years."
    )
    assert actors["Germany"][1].startswith("approved a new chip plant")
    assert actors.get("Intel", ("", ""))[1] == ""


def test_a_passive_agent_acts() -> None:
    actors = actors_of("The new budget rule was approved by the Senate on Monday evening.")
    assert actors["Senate"][1] == "approved the new budget rule"


def test_a_person_needs_more_than_one_word_once() -> None:
    # "Hope" is tagged a person once: no title, no second mention, no full name.
    names = actors_of("Hope rose in the town after the rescue. Rescuers worked all night long.")
    assert "Hope" not in names


def test_a_full_name_is_a_person_even_when_the_surname_is_misread() -> None:
    text = (
        "Former senator Fred Thompson has withdrawn from the presidential race. "
        "Thompson said he would back the nominee. Thompson finished third in the primary."
    )
    assert actors_of(text)["Fred Thompson"][0] == "person"


def test_a_news_agency_credited_for_the_report_is_not_an_actor() -> None:
    text = (
        "The government raised fuel taxes on Monday, according to Reuters. "
        "Officials told Reuters the rise was needed to close the deficit."
    )
    assert "Reuters" not in actors_of(text)


def test_a_news_agency_the_story_is_about_stays() -> None:
    text = "Reuters cut 500 jobs on Monday. The agency said the cuts were painful but needed."
    assert "Reuters" in actors_of(text)


def test_a_country_named_only_as_the_setting_is_a_place() -> None:
    briefing = brief(
        "Australian troops in Iraq will return home in June, the defence minister said. "
        "The minister spoke to reporters in Canberra on Monday."
    )
    assert "Iraq" not in {a.name for a in briefing.actors}
    assert "Iraq" in {p.name for p in briefing.places}


def test_actors_who_act_rank_above_names_in_passing() -> None:
    text = (
        "The Senate passed the stimulus bill on Tuesday after a long debate in Washington. "
        "The Senate said the bill would create jobs. Washington was cold that day."
    )
    assert brief(text).actors[0].name == "Senate"


def test_a_titled_person_after_at_is_no_place() -> None:
    briefing = brief(
        "De Niro used his speech at the dinner to take a veiled shot at U.S. President "
        "Donald Trump. The actor was given a lifetime achievement award."
    )
    assert "Donald Trump" not in {p.name for p in briefing.places}


def test_a_role_never_ends_on_a_dangling_word() -> None:
    for actor in brief(
        "Germany has up to 5,000 troops in the region. Germany said it would keep them there."
    ).actors:
        assert not actor.role.endswith((" to", " of", " up to"))


def test_a_street_is_a_place_and_an_observatory_an_organisation() -> None:
    briefing = brief(
        "Petersallee is to be divided into two streets, the city said on Monday. "
        "Researchers at the Arecibo Observatory welcomed the news. Arecibo Observatory "
        "said it would send a team."
    )
    actors = {a.name: a.type for a in briefing.actors}
    assert "Petersallee" not in actors
    assert "Petersallee" in {p.name for p in briefing.places}
    assert actors.get("Arecibo Observatory", "organisation") == "organisation"


def test_a_product_code_is_no_full_name() -> None:
    names = actors_of("The XS Max ships in May. Apple said the phone would cost more.")
    assert "XS Max" not in names or names["XS Max"][0] != "person"


def test_no_role_from_inside_a_quotation_or_a_bare_said() -> None:
    actors = actors_of(
        '"Hong Kong today, Taiwan tomorrow" became her call to arms in the campaign. '
        '"We are grateful," Joaquin Phoenix said on Sunday in Los Angeles.'
    )
    assert actors.get("Hong Kong", ("", ""))[1] == ""
    assert actors.get("Joaquin Phoenix", ("", ""))[1] == ""
