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


def test_a_bare_surname_means_the_namesake_named_most() -> None:
    # News style: the principal goes by surname; his wife is named in full, once.
    text = (
        "Tommy Sheridan will face a perjury trial, prosecutors said on Friday. "
        "Tommy Sheridan denies the charge. His wife Gail Sheridan was also charged. "
        "Sheridan won a defamation case in 2006. Sheridan founded a new party in 2007."
    )
    actors = actors_of(text)
    assert "Sheridan" not in actors
    assert "won a defamation case" in actors["Tommy Sheridan"][1]


def test_officials_of_no_one_rank_after_named_actors() -> None:
    text = (
        "Officials said the talks would resume. Officials met again on Monday. "
        "Officials called the meeting useful. Canada proposed a new tariff on steel."
    )
    names = [a.name for a in brief(text).actors]
    assert names.index("Canada") < names.index("Officials")


def test_a_name_met_only_as_where_things_happen_is_not_an_actor() -> None:
    text = (
        "North Korea shut down its main nuclear reactor at Yongbyon on Monday. "
        "Inspectors from the agency arrived at Yongbyon on Saturday. "
        "A man with tuberculosis was isolated at a hospital in Atlanta, Georgia."
    )
    briefing = brief(text)
    actors = {a.name for a in briefing.actors}
    places = {a.name for a in briefing.places}
    assert "Yongbyon" not in actors
    assert "Georgia" not in actors  # the US state, part of an address, not the country
    assert "Georgia" in places
    assert "North Korea" in actors


def test_a_list_of_countries_is_not_an_address() -> None:
    text = "The treaty was signed by France, Germany and Italy in Rome on Monday."
    assert "Germany" not in {a.name for a in brief(text).places}


def test_a_time_zone_is_not_an_actor() -> None:
    text = (
        "The Soyuz spacecraft launched from Kazakhstan at 2043 UTC on Thursday. "
        "It docked with the station at 0228 UTC on Friday, NASA said. "
        "The crew of three is led by Pavel Vinogradov."
    )
    assert "UTC" not in {a.name for a in brief(text).actors}


def test_a_party_adjective_is_not_an_actor() -> None:
    text = (
        "Republican Fred Thompson has officially withdrawn his bid for the presidency. "
        "This comes after his third place finish in the South Carolina Republican primary. "
        "The other Republican candidates had already started their campaigns."
    )
    assert "Republican" not in actors_of(text)


def test_no_role_inside_single_quotes_or_for_who_is_made_to_act() -> None:
    text = (
        "Ed Miliband told supporters a Labour government would 'get Britain building again'. "
        "Critics claim party figures plan to make Boris Johnson the next leader. "
        "Boris Johnson said nothing on Sunday."
    )
    actors = actors_of(text)
    assert actors.get("United Kingdom", ("", ""))[1] == ""
    assert "next leader" not in actors.get("Boris Johnson", ("", ""))[1]


def test_an_office_alone_is_not_an_actor() -> None:
    text = (
        "Tommy Sheridan was elected as MSP for Glasgow in 1999. "
        "Tommy Sheridan later founded a new party."
    )
    assert "MSP" not in actors_of(text)


def test_a_news_outlet_reporting_what_it_has_learned_is_a_source() -> None:
    text = (
        "Wikinews has learned that the flight was delayed by a bomb threat. "
        "Air France said the threat was false."
    )
    assert "Wikinews" not in actors_of(text)


def test_a_capital_the_inside_a_sentence_is_part_of_the_name() -> None:
    text = (
        "The European Union banned the sale of 75-watt bulbs on Wednesday. "
        "Writing about the ban, The Washington Times harshly criticized the rule."
    )
    names = actors_of(text)
    assert "The Washington Times" in names
    assert "European Union" in names  # a sentence's first "The" is not


def test_no_role_from_what_someone_else_argues() -> None:
    text = (
        "Historian Bruce Gilley argued that the German Reich was more benevolent than others. "
        "The German Reich ruled the colony until 1919."
    )
    role = actors_of(text)["German Reich"][1]
    assert "benevolent" not in role


def test_telling_a_newspaper_is_no_role() -> None:
    text = (
        "Activist Tahir Della told DW on Monday. "
        "Tahir Della leads the initiative, which renamed three streets."
    )
    assert "told DW" not in actors_of(text)["Tahir Della"][1]


def test_no_role_for_a_predicate_whose_object_went_before_its_subject() -> None:
    text = (
        "The first estimate of how much pollution the United States belched into the "
        "atmosphere last year is already in. The United States burned less coal in 2019."
    )
    role = actors_of(text)["United States"][1]
    assert "belched" not in role
    assert role.startswith("burned less coal")


def test_a_hyphenated_verb_stays_whole_in_a_role() -> None:
    text = (
        "The project, co-organized by the Berlin City Museum and three charities, will run "
        "for five years. The Berlin City Museum opened an exhibition on Friday."
    )
    role = actors_of(text)["Berlin City Museum"][1]
    assert role.startswith("co-organized the project")


def test_a_credit_takes_its_commas_with_it() -> None:
    text = (
        "Tahir Della leads the campaign. "
        "This, according to Tahir Della, does nothing to diminish the crimes."
    )
    role = actors_of(text)["Tahir Della"][1]
    assert "reported that this does nothing to diminish the crimes" in role


def test_no_role_from_a_participle_without_an_auxiliary() -> None:
    text = (
        "The report accused supervisors of unfairly demanding credit for research. "
        "Supervisors unfairly demanding credit for research were named in it. "
        "The University and College Union published the report on Monday."
    )
    assert "demanding credit" not in actors_of(text).get("Supervisors", ("", ""))[1]


def test_a_name_stops_before_a_verb_the_tagger_ran_it_into() -> None:
    text = (
        "Members of the World Trade Organization ended the year without an agreement to curb "
        "fishing subsidies, after India could not agree on exemptions."
    )
    names = actors_of(text)
    assert "World Trade Organization" in names
    assert not any("ended" in name for name in names)
