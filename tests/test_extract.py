"""The language analysis, one behaviour at a time, on short texts written for the purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Settings
from generator.extract import build_briefing
from generator.types import Briefing, Document

pytestmark = pytest.mark.usefixtures("nlp")


def brief(text: str, **settings: object) -> Briefing:
    document = Document(source_path="t.txt", slug="t", title=None, text=text)
    return build_briefing(document, Settings(project_dir=Path("/nonexistent"), **settings))


def actor_names(text: str) -> list[str]:
    return [a.name for a in brief(text).actors]


def test_sentence_ids_are_stable_and_follow_reading_order() -> None:
    briefing = brief("Japan signed the deal. Korea objected.\n\nChina said nothing.")
    assert [(s.id, s.text) for s in briefing.sentences] == [
        ("s1", "Japan signed the deal."),
        ("s2", "Korea objected."),
        ("s3", "China said nothing."),
    ]
    assert [s.paragraph for s in briefing.sentences] == [0, 0, 1]


def test_surface_forms_of_a_country_merge_into_one_actor() -> None:
    text = (
        "The United States asked Japan for missiles. U.S. officials said the need was urgent. "
        "American diplomats agreed. Washington will pay for them."
    )
    actors = {a.name: a for a in brief(text).actors}
    assert "United States" in actors
    assert not any(name == "U.S." or name == "American" for name in actors)
    assert set(actors["United States"].aliases) >= {"United States", "U.S.", "American"}
    assert actors["United States"].type == "state"


def test_a_capital_acting_stands_for_its_government_but_not_as_a_place() -> None:
    acting = {a.name: a for a in brief("Tokyo rejected the request from Seoul.").actors}
    assert "Japan" in acting and "Tokyo" not in acting
    assert "Tokyo" in acting["Japan"].aliases
    placed = brief("The talks were held in Tokyo. Canada attended.")
    assert "Japan" not in {a.name for a in placed.actors}
    assert [(p.name, p.type) for p in placed.places] == [("Tokyo", "place")]


def test_short_names_corefer_with_the_long_name() -> None:
    text = "Kyodo News confirmed the sale on Monday. According to Kyodo, the missiles were shipped."
    actors = {a.name: a for a in brief(text).actors}
    assert "Kyodo News" in actors and "Kyodo" not in actors
    assert actors["Kyodo News"].mentions == 2
    assert "reported" in actors["Kyodo News"].role


def test_person_titles_and_surnames_resolve_to_the_full_name() -> None:
    text = "George W. Bush met the press on Monday. President Bush said the plan would work."
    actors = {a.name: a for a in brief(text).actors}
    assert "George W. Bush" in actors
    assert "Bush" not in actors and "President Bush" not in actors
    assert actors["George W. Bush"].type == "person"


def test_products_regions_and_dates_are_not_actors() -> None:
    text = (
        "Japan will ship Patriot missiles to the United States in November. "
        "The Indo-Pacific region is tense. Patriot-type batteries are costly."
    )
    names = [name.lower() for name in actor_names(text)]
    assert not any("patriot" in n for n in names)
    assert not any("region" in n or "indo-pacific" in n for n in names)
    assert not any("november" in n for n in names)
    assert "japan" in names and "united states" in names


def test_stakeholder_groups_are_actors_with_their_stance() -> None:
    text = "Critics argue that the sale could embolden rivals, while supporters view it as wise."
    actors = {a.name: a for a in brief(text).actors}
    assert actors["Critics"].type == "group"
    assert actors["Critics"].role.startswith("argue that the sale could embolden rivals")
    assert "Supporters" in actors


def test_a_role_is_given_only_where_the_actor_acts() -> None:
    briefing = brief(
        "Japan exported missiles to the United States. Russia and Ukraine are at war. "
        "The sale was confirmed by Kyodo News."
    )
    ids = {s.id for s in briefing.sentences}
    actors = {a.name: a for a in briefing.actors}
    assert actors["Japan"].role == "exported missiles to the United States"
    assert actors["Kyodo News"].role == "confirmed the sale"
    assert actors["United States"].role == ""  # on the receiving end: no role, not a wrong one
    for actor in briefing.actors:
        assert actor.cites and set(actor.cites) <= ids


def test_alias_file_merges_renames_and_drops(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yml"
    aliases.write_text(
        "aliases:\n  SDF: Japan Self-Defense Forces\n"
        "  Self-Defense Forces: Japan Self-Defense Forces\n"
        "drop:\n  - Kyodo News\ntypes:\n  Japan Self-Defense Forces: organisation\n",
        encoding="utf-8",
    )
    document = Document(
        source_path="t.txt",
        slug="t",
        title=None,
        text="The Self-Defense Forces trained with U.S. troops. Kyodo News reported the drill.",
    )
    briefing = build_briefing(document, Settings(project_dir=tmp_path))
    names = [a.name for a in briefing.actors]
    assert "Japan Self-Defense Forces" in names
    assert "Self-Defense Forces" not in names
    assert "Kyodo News" not in names


def test_summary_has_a_bottom_line_and_three_to_five_points_in_source_order() -> None:
    text = " ".join(
        f"Sentence number {word} describes the budget talks between the ministry and unions."
        for word in [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
    summary = brief(text).summary
    assert summary.bottom_line.text and summary.bottom_line.cites
    assert 3 <= len(summary.points) <= 5
    order = [int(p.cites[0][1:]) for p in summary.points]
    assert order == sorted(order)
    assert summary.bottom_line.cites[0] not in [p.cites[0] for p in summary.points]


def test_no_shift_gives_empty_parts() -> None:
    shift = brief("The council met on Tuesday. It reviewed the budget for next year.").policy_shift
    assert shift.is_empty
    assert not (shift.from_ or shift.to or shift.drivers or shift.conditions)


def test_title_is_proposed_from_the_text_when_the_seed_has_none() -> None:
    briefing = brief("Japan's decision to export missiles marks a shift in policy. It is new.")
    assert briefing.title == "Japan's decision to export missiles"


def test_a_shift_named_by_reference_points_back_to_the_lead() -> None:
    text = (
        "Canada signed a fishing agreement with Norway on Monday, ending a long dispute.\n\n"
        "For years, Canada has banned foreign trawlers. The deal marks a shift in policy."
    )
    [to] = brief(text).policy_shift.to
    assert to.text == "Canada signed a fishing agreement with Norway on Monday."
    assert to.cites == ("s1", "s3")


def test_an_acronym_joins_the_name_it_abbreviates_not_a_name_it_starts() -> None:
    text = (
        "The European Union fined the company on Monday. EU Competition Commissioner Ann Lee "
        "said the fine was fair. The EU will review the case next year."
    )
    actors = {a.name: a for a in brief(text).actors}
    assert "EU" not in actors
    assert "EU" in actors["European Union"].aliases


def test_a_short_place_name_joins_the_state_it_names() -> None:
    text = "South Korea signed the treaty. The launch in Korea went ahead on Friday."
    actors = {a.name: a for a in brief(text).actors}
    assert "Korea" not in actors
    assert "Korea" in actors["South Korea"].aliases


def test_a_place_named_only_as_a_modifier_is_still_a_place() -> None:
    text = "Officials searched the Chicago area for the fish. The search found nothing."
    briefing = brief(text)
    assert "Chicago" not in actor_names(text)
    assert [p.name for p in briefing.places] == ["Chicago"]


def test_a_name_cut_short_by_the_tagger_loses_its_dangling_word() -> None:
    from generator.extract._nlp import pipeline_for
    from generator.extract.actors.mentions import clean_tokens as _clean_tokens

    doc = pipeline_for(Settings(project_dir=Path("/nonexistent")))("Reports and Greeks")
    assert [t.text for t in _clean_tokens(doc[0:2])] == ["Reports"]


def test_the_lead_ends_at_the_first_full_sentence_below_a_headline() -> None:
    from generator.extract._nlp import pipeline_for
    from generator.extract.sentences import lead_index as lead_end
    from generator.extract.sentences import split_sentences

    text = (
        "Storm hits coast\n\nMarch 3, 2025\n\n"
        "A powerful storm struck the coast of Louisiana on Monday, cutting power to thousands "
        "of homes. Officials in Texas said the damage was light."
    )
    parsed = split_sentences(pipeline_for(Settings(project_dir=Path("/nonexistent")))(text))
    assert parsed.spans[lead_end(parsed)].text.startswith("A powerful storm")


def test_an_actor_named_in_the_lead_outranks_one_named_often_later() -> None:
    text = (
        "Talks resume\n\nMay 2, 2024\n\n"
        "Negotiators met on Tuesday to resume talks with Chile on the disputed fishing rights "
        "and quotas. The talks lasted four hours. The meeting ended without a deal. "
        "Peru said it was hopeful. Peru will send the same team to the next round in June. "
        "A new round is planned."
    )
    salience = {a.name: a.salience for a in brief(text).actors}
    assert salience["Chile"] > salience["Peru"]


def test_an_organisation_named_only_through_its_people_is_still_an_actor() -> None:
    text = (
        "NASA scientists found water on the Moon. The water came from comets, NASA researchers "
        "said on Monday. Patriot missiles are not involved."
    )
    names = actor_names(text)
    assert "NASA" in names
    assert not any("patriot" in n.lower() for n in names)


def test_an_actor_named_in_a_title_kept_apart_from_the_text_ranks_higher() -> None:
    text = (
        "Officials met on Tuesday to discuss the disputed fishing rights and quotas in the "
        "region. The talks lasted four hours. Peru said it was hopeful. Chile attended the "
        "talks. Peru will send the same team to the next round."
    )
    settings = Settings(project_dir=Path("/nonexistent"))

    def salience(title: str | None) -> dict[str, float]:
        document = Document(source_path="t.md", slug="t", title=title, text=text)
        return {a.name: a.salience for a in build_briefing(document, settings).actors}

    assert salience(None)["Peru"] > salience(None)["Chile"]
    titled = salience("Chile rejects the fishing deal")
    assert titled["Chile"] > titled["Peru"]


def test_a_closing_quote_is_never_a_sentence_of_its_own() -> None:
    text = (
        '"Colonialism is not over," Della said. "There are still dependent relationships '
        'that have led to migration."\n\nFreedom fighters replace colonial leaders.'
    )
    sentences = [s.text for s in brief(text).sentences]
    assert all(any(ch.isalnum() for ch in s) for s in sentences)
    assert sentences[1].endswith('migration."')
