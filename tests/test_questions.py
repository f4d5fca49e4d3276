"""Open questions: built from what a text flags as open, and checked before they are shown.

The expected questions are a person's reading of each sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Settings
from generator.extract import build_briefing
from generator.extract.grammar import Question, check
from generator.types import Document

pytestmark = pytest.mark.usefixtures("nlp")

FILLER = (
    "The meeting took place in the capital on Monday morning. "
    "Officials from both sides attended the session in the main hall. "
)
"""Two plain sentences first: the top of a story is its news, not its open points."""


def questions_of(text: str) -> list[str]:
    document = Document(source_path="t.txt", slug="t", title=None, text=FILLER + text)
    briefing = build_briefing(document, Settings(project_dir=Path("/nonexistent")))
    return [q.text for q in briefing.open_questions]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        # an unknown fact, with the small model's misreading of "remains"
        (
            "The exact number of units delivered remains undisclosed.",
            "What is the exact number of units delivered?",
        ),
        # doubts the text raises
        (
            "This raises questions about the cost of the program.",
            "What is the cost of the program?",
        ),
        # a reported question
        (
            "It remains unclear how the ministry will monitor catches at sea.",
            "How will the ministry monitor catches at sea?",
        ),
        (
            "Investigators are looking into whether the shooting was a hate crime.",
            "Was the shooting a hate crime?",
        ),
        # a possibility, its trailing participle dropped
        (
            "The move could set a precedent for future arms deals, potentially reshaping trade.",
            "Could the move set a precedent for future arms deals?",
        ),
        # a claim, with who makes it
        (
            "Critics argue that the export could undermine the constitution.",
            "Could the export undermine the constitution, as critics argue?",
        ),
        (
            "Critics claim the station's agenda is influenced by Iran.",
            "Is the station's agenda influenced by Iran, as critics claim?",
        ),
        # a denial: the pronoun is the speaker
        (
            "The Sudanese government has denied that it supports the militia.",
            "Does the Sudanese government support the militia?",
        ),
        # an obligation asks whether it will happen
        (
            "Under EU law, these restrictions must be lifted by 2011.",
            "Will these restrictions be lifted by 2011?",
        ),
        # an expectation
        (
            "The senator is expected to campaign on the issue in the next election.",
            "Will the senator campaign on the issue in the next election?",
        ),
        # a step still to come
        (
            "Three Sun journalists still face trial at the Old Bailey.",
            "Do three Sun journalists still face trial at the Old Bailey?",
        ),
        # a condition
        (
            "If the bill fails, the premier will call an early election.",
            "Will the bill fail?",
        ),
        # a prediction someone reports
        (
            "Egeland said that the delay would cause the situation to become worse.",
            "Would the delay cause the situation to become worse?",
        ),
        # a verb sharing its subject with the verb before it
        (
            "Stephen Docherty pleaded guilty on Wednesday. "
            "He was remanded on bail and will await a hearing on June 12.",
            "Will Stephen Docherty await a hearing on June 12?",
        ),
        # what a relative clause after a comma adds is left out
        (
            "The senator is expected to campaign on the issue in the next federal election,"
            " which is expected next year.",
            "Will the senator campaign on the issue in the next federal election?",
        ),
        # a quotation's mark left without its pair is dropped, not the question
        (
            'His rival said Miller "will continue to pursue his baseless claims in federal'
            ' court until his money runs out."',
            "Will Miller continue to pursue his baseless claims in federal court until his"
            " money runs out?",
        ),
        # a second predicate in another tense is not under the modal
        (
            "Spain said it could not reach the new target without cutting social spending and"
            " won an exemption.",
            "Could Spain not reach the new target without cutting social spending?",
        ),
        # the commas around an aside in the subject go with it
        (
            "The largest radio telescope, in Guizhou province, will give foreign astronomers"
            " more observing time from next year.",
            "Will the largest radio telescope in Guizhou province give foreign astronomers more"
            " observing time from next year?",
        ),
        # a dashed aside leaves the question
        (
            "The choices may serve as a blueprint—or a cautionary tale—for other nations.",
            "Could the choices serve as a blueprint for other nations?",
        ),
    ],
)
def test_an_open_point_becomes_a_question(sentence: str, question: str) -> None:
    assert question in questions_of(sentence)


def test_a_condition_with_be_to_asks_about_the_infinitive() -> None:
    questions = questions_of("The party needs more votes if its leaders are to have a future.")
    assert "Will its leaders have a future?" in questions


def test_a_second_predicate_is_left_out_of_the_question() -> None:
    questions = questions_of(
        "Critics claim the old regime was harsher than others and brought no stability."
    )
    assert "Was the old regime harsher than others, as critics claim?" in questions


def test_a_pronoun_takes_a_speaker_only_when_they_agree() -> None:
    text = (
        "Terri Schiavo has been in a hospice for fifteen years. "
        "Her parents contend that she is viable and could recover with treatment."
    )
    assert "Is Terri Schiavo viable, as her parents contend?" in questions_of(text)


@pytest.mark.parametrize(
    "sentence",
    [
        # a relative clause: its object is the noun outside it
        "That is not a risk Britain should take with its economy this year.",
        # an aim stated with "be to", not a step someone takes
        "The main goal for search crews will be to find the flight data recorder.",
        # a relative pronoun as the subject
        "The files, some of which may be embarrassing, will be published on Sunday night.",
    ],
)
def test_no_question_from_a_gapped_or_aimless_clause(sentence: str) -> None:
    questions = questions_of(sentence)
    assert not any(
        q.startswith(
            ("Will Britain take", "Will the main goal for search crews find", "Could some of")
        )
        for q in questions
    )


def test_it_is_never_replaced_by_a_guess() -> None:
    text = (
        "Hong Kong voted on Sunday. "
        "It may be only a year before the city votes again on the same question."
    )
    assert not any("Hong Kong" in q for q in questions_of(text))


@pytest.mark.parametrize(
    "sentence",
    [
        # plain statements of fact
        "The ministry confirmed the sale of the building on Friday.",
        # a permission, not an open outcome
        "Residents may comment on the plan at a public hearing.",
        # a vague subject nobody can identify
        "It could take years before anyone knows the answer.",
        # first person inside a quotation
        '"We will build 200,000 homes a year," he said.',
        # a report of what happened, not a prediction
        "The minister said that the talks ended without agreement.",
    ],
)
def test_no_open_point_no_question(sentence: str) -> None:
    assert questions_of(sentence) == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Could what happen at the Oscars on Feb. 9?", "a wh-word out of place"),
        ("Can who win?", "a wh-word out of place"),
        ("What is the same and who said it?", "more than one wh-word"),
        ("Will it rain?", "no subject a reader can identify"),
        ("Will the bill pass. The House votes?", "two sentences run together"),
        ("Will the leave be paid for?", "ends on a dangling word"),
        ('Will the "plan work?', "unbalanced quotation marks"),
        ("Will the plan (announced work?", "unbalanced brackets"),
        (" ".join(["Will the plan"] + ["really"] * 23 + ["work?"]), "over 25 words"),
    ],
)
def test_the_check_refuses_malformed_questions(text: str, reason: str) -> None:
    subject = "it" if text == "Will it rain?" else "the plan"
    assert check(Question(text, subject)) == reason


def test_a_well_formed_question_passes_the_check() -> None:
    assert check(Question("Will the bulbs be phased out in 2012?", "the bulbs")) == ""


@pytest.mark.parametrize(
    "text",
    [
        "Will the first spacewalk begin Friday at 6:55 a.m. EDT?",
        "Will the U.S. Senate pass the bill?",
        "Will Dr. Smith testify at the hearing?",
    ],
)
def test_an_abbreviation_does_not_end_a_sentence(text: str) -> None:
    assert check(Question(text, "the spacewalk")) == ""


def test_the_speaker_is_no_subject_even_after_a_name() -> None:
    question = Question("Will Jeri and I always be grateful?", "Jeri and I")
    assert check(question) == "no subject a reader can identify"


def test_fewer_better_questions_at_most_five() -> None:
    text = " ".join(
        f"Analyst number {n} warns that the plan could fail in year {n}." for n in range(12)
    )
    assert 1 <= len(questions_of(text)) <= 5


def test_a_subject_that_names_no_one_is_refused() -> None:
    question = Question("Could no-one predict the result?", "no-one")
    assert check(question) == "no subject a reader can identify"
    allies = Question("Will she and her allies have a political future?", "she and her allies")
    assert check(allies) == "no subject a reader can identify"


def test_a_sentence_initial_the_is_lower_cased_in_the_question() -> None:
    questions = questions_of(
        "The Office for Students should demand that universities disclose their staff numbers."
    )
    assert any(q.startswith("Will the Office for Students demand") for q in questions)
