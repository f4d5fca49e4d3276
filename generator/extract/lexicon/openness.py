"""What a text flags as open: unknowns, claims, risks, expectations and pending steps."""

from __future__ import annotations

from generator.extract.lexicon import WordClass, words_of

# --- open points: what a text flags as not settled ---------------------------------------------


class EventAnaphors(WordClass):
    """Nouns that point back to the news event: "the move", "the decision", "the ban".
    A sentence led by one is about the event: its occasion ("The move comes amid ...") or
    its consequences ("the move could set a precedent")."""

    lemmas = words_of(
        "move decision step change shift measure law bill ban policy plan deal agreement vote"
        " ruling reversal announcement u-turn proposal legislation statement remark export"
        " withdrawal repeal"
    )


class Uncertain(WordClass):
    """Predicate words saying a fact is not known: "the number remains undisclosed", "it is
    unclear whether". The fact they qualify is an open question as it stands."""

    lemmas = words_of(
        "unclear unknown undisclosed uncertain unconfirmed unspecified unannounced unanswered"
        " undecided unresolved tentative"
    )


class Disclosure(WordClass):
    """Verbs of telling; negated ("has not revealed what the offer included") they leave
    the told fact open."""

    lemmas = words_of("disclose reveal confirm specify announce say explain know decide")


class Asking(WordClass):
    """Verbs and nouns whose complement is a question someone put ("asked how", "looking
    into whether", "a decision over whether")."""

    lemmas = words_of(
        "ask wonder question query investigate examine consider decide determine look probe"
        " decision question doubt debate review controversy speculation uncertainty"
    )


class Dispute(WordClass):
    """Verbs of contested claims: what one side claims, alleges or contends and another may
    deny is a point the text leaves open."""

    lemmas = words_of(
        "claim allege accuse deny contend dispute argue insist suggest maintain assert"
        " believe doubt"
    )


class Denial(WordClass):
    """The disputing verbs that reject a claim: a question from what they deny is not asked
    "as X denies"."""

    lemmas = words_of("deny dispute doubt reject")


class Foresight(WordClass):
    """Verbs and nouns of stated risks, fears, hopes and predictions: "critics warn that the
    recovery could prove temporary", "the family hopes the courts will"."""

    lemmas = words_of(
        "fear warn worry caution hope expect predict estimate concern risk threaten"
        " speculate forecast"
    )


class Expectation(WordClass):
    """Predicates that put an event in the future without settling it: "is expected to",
    "is likely to", "is poised to", "is due to", "is set to", "plans to"."""

    lemmas = words_of("expect likely poised due set scheduled prepare plan intend bound")


class Obligation(WordClass):
    """Modals of obligation: what "must" or "should" happen is a step still to take, asked
    as whether it will."""

    lemmas = words_of("must should")


class Possibility(WordClass):
    """Epistemic modals: their clauses are possibilities, asked as "Could ...?". "Would" is
    left to reported speech, where it reports a claim ("said the levy would hit")."""

    lemmas = words_of("could may might")


class PendingSteps(WordClass):
    """Nouns of steps whose outcome is still to come: a trial, an appeal, a vote, an
    investigation. A clause about one in the future is an open point."""

    lemmas = words_of(
        "appeal trial retrial hearing investigation inquiry probe review verdict vote talks"
        " negotiation meeting deadline referendum election decision ruling sentencing charge"
        " summit consultation referral"
        # the acts themselves, as verbs
        " meet decide rule hear discuss consider negotiate retry sentence"
    )


class Awaiting(WordClass):
    """Verbs whose object is a step still to come: "still face trial", "awaits a hearing",
    "has lodged an appeal"."""

    lemmas = words_of("face await lodge file seek")


class Saying(WordClass):
    """Verbs of saying. What they report is the text's own account, not an open point,
    unless the report is a prediction ("said the delay would cause ...")."""

    lemmas = words_of("say tell add state announce report note remark write")
