"""Policy shift as an event: agent with authority + policy action + policy object.

Each case is a short text written for the purpose; the expected reading is a person's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Settings
from generator.extract import build_briefing
from generator.types import PolicyShift

pytestmark = pytest.mark.usefixtures("nlp")


def shift_of(text: str) -> PolicyShift:
    from generator.types import Document

    document = Document(source_path="t.txt", slug="t", title=None, text=text)
    return build_briefing(document, Settings(project_dir=Path("/nonexistent"))).policy_shift


@pytest.mark.parametrize(
    ("text", "status", "cited"),
    [
        # active voice, a legislature and a law
        ("The Senate passed the stimulus bill on Tuesday by a vote of 61 to 37.", "enacted", "s1"),
        # passive voice with the agent in a by-phrase
        ("The new budget rule was approved by the federal parliament on Monday.", "enacted", "s1"),
        # headline grammar, then the lead
        (
            "France to ban smoking in public places\n\n"
            "The French government said on Sunday that it would ban smoking in all cafes.",
            "decided",
            "s2",
        ),
        # a nominal event taking effect
        ("The EU ban on 75W light bulbs comes into force across the union today.", "enacted", "s1"),
        # blocking someone else's proposal
        ("The White House has rejected the proposed war spending bill today.", "blocked", "s1"),
        # an announced plan is a proposal
        (
            "The finance minister announced plans to raise the fuel tax by two cents next year.",
            "proposed",
            "s1",
        ),
        # lifting a restriction, the agent a titled person
        (
            "President Sarkozy said the country would lift job restrictions on citizens of "
            "Poland and seven other states from July.",
            "decided",
            "s1",
        ),
        # a court's ruling
        (
            "Yesterday, the Alaska Supreme Court ruled against the candidate over the counting "
            "of write-in votes.",
            "decided",
            "s1",
        ),
    ],
)
def test_a_policy_event_is_a_shift_with_its_status(text: str, status: str, cited: str) -> None:
    shift = shift_of(text)
    assert shift.to, "no shift found"
    assert shift.status == status
    assert shift.to[0].cites == (cited,)


@pytest.mark.parametrize(
    "text",
    [
        # no authority: a player, not a body
        "The striker passed the ball to the winger in the final minute of the match.",
        # a sanction on a person is not a policy
        "A teacher has been banned from the classroom for two years after a cheating scandal.",
        # negated: nothing was adopted
        "The Senate did not pass the spending bill before the summer recess began this week.",
        # an action with no policy object
        "The government announced a visit by the prime minister to Tokyo next week in May.",
        # an agentless passive alone is background, not the news
        "Both parties' budget measures have been voted down, and the deficit keeps on growing.",
        # a criminal sentence
        "A Kenyan court jailed seven pirates for the attempted hijack of a Maltese ship.",
        # going beyond a level is not enacting it
        "Germany, Poland and the Baltic states have already passed the old spending target.",
    ],
)
def test_no_event_no_shift(text: str) -> None:
    shift = shift_of(text)
    assert shift.is_empty and shift.status == ""
    assert not (shift.from_ or shift.drivers or shift.conditions)


def test_a_pronoun_agent_resolves_to_the_reporting_subject() -> None:
    shift = shift_of(
        "The Prime Minister said he will amend the Working Time regulations this year."
    )
    assert shift.to and "amend the Working Time regulations" in shift.to[0].text


def test_an_act_marked_as_prior_is_the_from() -> None:
    shift = shift_of(
        "For decades, Norway has banned oil drilling in the Arctic Sea and its coastal waters. "
        "On Monday the Norwegian parliament lifted the ban on drilling in the Barents Sea."
    )
    assert [i.cites for i in shift.to] == [("s2",)]
    assert [i.cites for i in shift.from_] == [("s1",)]


def test_the_same_policy_acted_on_in_the_opposite_direction_is_the_from() -> None:
    shift = shift_of(
        "France said on Tuesday that it would lift job restrictions on workers from Poland. "
        "The announcement was made in Warsaw during a short visit by the president. "
        "France was one of many states that imposed employment restrictions on them in 2004."
    )
    assert shift.to[0].cites == ("s1",)
    assert [i.cites for i in shift.from_] == [("s3",)]


def test_drivers_are_causes_tied_to_the_event() -> None:
    shift = shift_of(
        "The United States Senate passed an $838 billion stimulus package on Tuesday. "
        "The move comes in the midst of a recession which has claimed 3.6 million jobs. "
        "Senators spent the evening at a dinner in the capital."
    )
    assert [i.cites for i in shift.drivers] == [("s2",)]


def test_limits_are_steps_still_needed_and_exceptions() -> None:
    shift = shift_of(
        "France will lift job restrictions on workers from eight EU states, the president said. "
        "However, jobs in France will remain restricted for workers from Romania and Bulgaria. "
        "The weather in Paris was mild for the time of year."
    )
    assert [i.cites for i in shift.conditions] == [("s2",)]


def test_a_headline_naming_the_act_lets_the_lead_pronoun_stand() -> None:
    from generator.types import Document

    text = (
        "Iran's president said on Saturday that if any country refers it to the Security "
        "Council, it will end its cooperation with the nuclear watchdog, the IAEA."
    )
    settings = Settings(project_dir=Path("/nonexistent"))
    plain = Document(source_path="t.txt", slug="t", title=None, text=text)
    headed = Document(
        source_path="t.txt", slug="t", title="Iran to end nuclear cooperation", text=text
    )
    assert build_briefing(plain, settings).policy_shift.is_empty
    shift = build_briefing(headed, settings).policy_shift
    assert [i.cites for i in shift.to] == [("s1",)]


def test_a_duration_alone_is_no_prior_policy() -> None:
    shift = shift_of(
        "The House passed the bill on Sunday to keep the patient on life support. "
        "The patient has been on life support for over fifteen years in a hospice."
    )
    assert shift.to and not shift.from_


@pytest.mark.parametrize(
    "limit",
    [
        "The law requires an assessment of the risks before any transfer can take place.",
        "If the court rejects the appeal, the result will be certified within a week.",
        "The committee is due to report back to Congress in December.",
    ],
)
def test_requirements_conditions_and_pending_steps_are_limits(limit: str) -> None:
    shift = shift_of("Congress passed the transfer bill on Tuesday by a wide margin. " + limit)
    assert [i.cites for i in shift.conditions] == [("s2",)]


@pytest.mark.parametrize(
    "aside",
    [
        # "only" bounding a number or a name, not the policy
        "Only 30% of voters believed the change would matter to them.",
        # someone else's relative clause
        "Obama, who is due to be sworn in next month, made no comment on the bill.",
        # a finished event in the simple past
        "Brazil started to phase out the same subsidies in 2005.",
        # words inside a quotation
        'Critics said the senator "will fight the bill until his money runs out."',
    ],
)
def test_asides_are_not_limits(aside: str) -> None:
    shift = shift_of("Congress passed the subsidy bill on Tuesday by a wide margin. " + aside)
    assert shift.to and not shift.conditions


def test_the_members_of_a_body_act_for_it() -> None:
    shift = shift_of(
        "Members of the North Atlantic Treaty Organization agreed on Wednesday to raise their "
        "defence spending target to 3.5% of national income by 2035."
    )
    assert shift.to and shift.to[0].cites == ("s1",)
    assert shift.status == "decided"  # agreed to raise it by 2035: not yet in force


def test_members_of_no_body_are_no_authority() -> None:
    shift = shift_of("Members of the public agreed on Sunday to raise the spending target.")
    assert shift.is_empty
