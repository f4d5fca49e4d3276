"""Word classes the analysis reads the parse with, each with what it captures and why.

A class is a small Python class: its docstring states what the words have in common and why
the analysis needs them; ``lemmas`` holds lower-case lemmas as spaCy gives them. Words enter a
class for what they mean in English news prose, never because one article needs them.
"""

from __future__ import annotations

from typing import ClassVar


class WordClass:
    """A set of lemmas sharing one grammatical or semantic role."""

    lemmas: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def has(cls, lemma: str) -> bool:
        return lemma.lower() in cls.lemmas


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- policy actions: what a body does to a policy ----------------------------------------------


class PolicyAction(WordClass):
    """Verbs and nouns of one kind of act on a policy; ``status`` is what the act makes it."""

    status: ClassVar[str] = "decided"
    nouns: ClassVar[frozenset[str]] = frozenset()
    """Nominal forms ("the repeal of", "approval of"), heads of an event phrase."""


class Adopt(PolicyAction):
    """Acts that put a policy into force: a legislature passes, a head of state signs, a body
    adopts or ratifies. The policy exists afterwards, so the status is "enacted"."""

    lemmas = _words("adopt pass approve sign ratify enact legalise legalize endorse implement")
    nouns = _words("adoption passage approval ratification enactment legalisation legalization")
    status = "enacted"


class Restrict(PolicyAction):
    """Acts that create a restriction or duty: to ban, impose, require. "Ban", "prohibit",
    "outlaw" and "forbid" state a rule by themselves, whatever their object ("to ban
    smoking"); see ``SELF_RULING``."""

    lemmas = _words("ban impose require prohibit outlaw forbid mandate criminalise criminalize")
    nouns = _words("imposition prohibition")


class End(PolicyAction):
    """Acts that end or undo a policy: repeal, lift, abolish, reverse, overturn, strike down,
    scrap. The reversal of a rule is the clearest policy shift there is."""

    lemmas = _words(
        "end repeal lift abolish reverse overturn scrap rescind revoke annul quash suspend"
        " withdraw drop abandon"
    )
    nouns = _words("repeal lifting abolition reversal revocation suspension withdrawal")


class Block(PolicyAction):
    """Acts that stop a policy from taking effect: block, reject, veto. The policy object is
    someone else's proposal, so the status is "blocked"."""

    lemmas = _words("block reject veto")
    nouns = _words("veto rejection")
    status = "blocked"


class Propose(PolicyAction):
    """Acts that put a policy forward without deciding it: propose, plan, unveil, call for,
    draft, pledge. The status is "proposed"."""

    lemmas = _words("propose plan unveil draft pledge table introduce")
    nouns = _words("proposal")
    status = "proposed"


class Announce(PolicyAction):
    """Acts that make a decision public: announce, declare. With a plan or proposal as the
    object the policy is proposed; with a policy as the object it is decided."""

    lemmas = _words("announce declare")
    nouns = _words("announcement declaration")


class Change(PolicyAction):
    """Acts that change the terms of a standing policy: amend, expand, extend, tighten,
    loosen, ease, relax, raise or lower a limit, set a target. They are shifts only with a
    policy object ("amend the regulations", "raise the debt limit")."""

    lemmas = _words(
        "amend revise reform expand extend tighten loosen ease relax raise lower cut set"
        " agree authorize authorise establish"
    )
    nouns = _words("amendment expansion extension")


class Shift(PolicyAction):
    """Nouns that name a change of policy as such: "a shift in defence policy", "a reversal
    of the previous government's policy", "a U-turn on tuition fees". They count only with
    a policy object after "in", "of" or "on"."""

    nouns = _words("shift change reversal departure turnaround u-turn about-face overhaul")


class Rule(PolicyAction):
    """A court's decision: to rule, uphold, strike down. Only a court (see ``Courts``) acts
    with these, and a ruling decides a case, so the status is "decided"."""

    lemmas = _words("rule uphold")
    nouns = _words("ruling")


ACTION_CLASSES: tuple[type[PolicyAction], ...] = (
    Adopt,
    Restrict,
    End,
    Block,
    Propose,
    Announce,
    Change,
    Shift,
    Rule,
)
"""Every policy-action class; a lemma belongs to the first class that lists it."""

SELF_RULING = _words("ban prohibit outlaw forbid legalise legalize criminalise criminalize rule")
"""Actions whose verb states the rule itself: "France to ban smoking" is a policy whatever
"smoking" is, and a court's ruling is one whatever it rules on. Every other action needs a
policy object."""

PROPOSAL_OBJECTS = _words("plan proposal pledge promise bid")
"""Policy objects that are not yet decided: "announced plans to" is a proposal."""


class PolicyObject(WordClass):
    """Nouns naming a policy instrument: what a body adopts, ends or blocks. A verb of the
    action classes is a policy shift only with one of these as its object (or subject when
    passive): "lifted the block on", "passed the bill", not "passed the ball". Besides laws,
    agreements, restrictions and programmes, a state's foreign policy acts on what it grants
    or withholds (access, aid, relations, talks) and on the forces it sends or withdraws."""

    lemmas = _words(
        # laws and their parts
        "law bill act legislation amendment statute constitution code ordinance decree"
        " directive regulation rule provision clause"
        # agreements between bodies
        " treaty accord pact convention protocol agreement deal resolution charter"
        # restrictions and their levers
        " ban embargo moratorium restriction limit cap ceiling quota sanction tariff tax levy"
        " duty control requirement prohibition curb"
        # programmes and positions
        " policy plan proposal programme program scheme reform measure package strategy"
        " target stance position zone exemption subsidy fund budget standard guideline"
        " mandate referendum"
        # what a state grants, withholds or cuts: access, aid, ties and engagements
        " access aid funding cooperation relations ties talks negotiations membership"
        " participation recognition"
        # forces a state sends or withdraws
        " troop force soldier peacekeeper deployment"
    )


class EnactingPredicates(WordClass):
    """Verbs (with their particle) saying a policy takes effect: "the ban comes into force",
    "the law takes effect". A nominal policy phrase before one is an event by itself."""

    lemmas = _words("come take enter go")
    particles: ClassVar[frozenset[str]] = _words("force effect")


class RuleAdjectives(WordClass):
    """Predicate adjectives that state a rule: "it is illegal to import 75W bulbs"."""

    lemmas = _words("illegal unlawful mandatory compulsory legal banned prohibited")


# --- who can make policy -----------------------------------------------------------------------


class Authorities(WordClass):
    """Common nouns for bodies and office-holders that can make policy: governments,
    legislatures, courts, international bodies, parties, organisations and officials named by
    their office ("the minister"). A policy act needs one of these, or a named state,
    organisation or titled person, as its agent."""

    lemmas = _words(
        "government administration cabinet ministry department agency authority parliament"
        " senate congress house assembly legislature council board commission committee"
        " court tribunal judge justice party union federation bloc alliance country state"
        " nation province city region municipality organisation organization body regulator"
        " minister president premier chancellor governor mayor secretary official lawmaker"
        " legislator leader leadership prosecutor voter electorate company firm"
    )


class People(WordClass):
    """Common nouns naming people by role, trade or relation ("critics", "residents",
    "a teacher"). Plural ones acting as subjects are stakeholder groups among the actors; a
    person on the receiving end of a ban is a sanction, not a policy."""

    lemmas = _words(
        "critic supporter opponent proponent analyst expert official lawmaker legislator"
        " politician activist protester protestor resident citizen voter diplomat observer"
        " investor economist scientist researcher leader member advocate campaigner worker"
        " union farmer environmentalist policymaker commentator skeptic sceptic ally adversary"
        " neighbor neighbour rival partner family victim survivor student teacher doctor"
        " patient consumer spokesperson authority police troop soldier rebel militant"
        " insurgent businessman executive employee group organisation organization man woman"
        " boy girl child parent pupil player driver athlete coach journalist reporter priest"
        " nurse officer pilot passenger prisoner detainee suspect defendant"
    )


class Courts(WordClass):
    """Bodies that rule: only these take the ``Rule`` actions ("the court ruled")."""

    lemmas = _words("court tribunal judge justice panel")


class Titles(WordClass):
    """Words of office or rank before a person's name ("President Bush", "Sen. Clinton"): a
    person so named acts with authority. Also stripped from the front of names."""

    lemmas = _words(
        "president prime minister mr mrs ms dr sen senator gov governor king queen prince"
        " princess chancellor secretary general gen judge justice rep representative mayor ceo"
        " chairman chairwoman chief pope sir lord lady premier ambassador commissioner"
        " spokesman spokeswoman leader colonel col lt captain capt officer director professor"
        " prof rev sheikh emir sultan imam ayatollah rabbi bishop archbishop cardinal father"
        " sister lieutenant major sergeant admiral marshal commander dame madam mister"
    )


class OfficeTitles(WordClass):
    """The subset of ``Titles`` that holds public office: a person with one of these acts
    for a state or body ("President Bush signed"). "Mr", "Dr" and ranks do not."""

    lemmas = _words(
        "president prime minister sen senator gov governor king queen chancellor secretary"
        " judge justice rep representative mayor premier ambassador commissioner emir sultan"
        " pope chairman chairwoman ceo director"
    )


# --- the parts of a shift: what came before, why, and within what limits ------------------------


class PhraseClass:
    """Lemma sequences sharing one role; ``phrases`` are matched against a sentence's lemmas."""

    phrases: ClassVar[tuple[tuple[str, ...], ...]] = ()


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in text.split(","))


class PriorStance(PhraseClass):
    """Words marking a rule or stance that held before the change: "traditionally", "until
    now", "for decades", "in effect for 17 years", "currently", "the current law". A
    sentence with one, about the policy that changed, is the shift's "from"."""

    phrases = _phrases(
        "traditionally,historically,previously,formerly,until now,until recently,up to now,"
        "for decade,for year,for the past,long - standing,longstanding,have long,had long,"
        "in effect for,in place for,in force for,currently,current law,current policy,"
        "current rule,current system,so far,used to,root in,originally"
    )


class CausePhrases(PhraseClass):
    """Connectives that introduce a cause of what a clause reports: "amid", "in response
    to", "because of", "due to", "in the wake of", and the reason its agent cites ("rejected
    the bill, citing its timetable"). On a policy event's own verb they give its drivers.
    Bare "after" and "as" are left to ``SequelPhrases``: inside an event's clause they
    mostly date it ("shortly after midnight")."""

    phrases = _phrases(
        "amid,in the midst of,in response to,because of,because,due to,as a result of,"
        "in the wake of,in light of,in reaction to,prompt by,spark by,trigger by,cite"
    )


class SequelPhrases(PhraseClass):
    """Connectives that place a reported event after its occasion: "The move comes after",
    "The decision followed", "Iran's statements came as". With a subject pointing back to
    the event they state its drivers."""

    phrases = _phrases("after,as,amid,in the midst of,following,in response to,because")


class CauseVerbs(WordClass):
    """Verbs whose passive names a cause ("driven by a shortage", "prompted by protests")."""

    lemmas = _words("drive cause prompt spur trigger fuel motivate force spark")


class PurposeNouns(WordClass):
    """Nouns of a purpose: "part of the EU's strategy to cut greenhouse gases", "the aim is"."""

    lemmas = _words("strategy effort aim goal objective purpose bid campaign drive push")


class LimitPhrases(PhraseClass):
    """Words that bound a policy: exceptions ("except", "other than"), conditions ("if",
    "unless", "provided", "on condition"), requirements ("requires an assessment", "the
    President must provide"), scope ("only", "exclusively", "apply to", "limited to"),
    effective dates and phase-ins ("take effect", "come into force", "phase out", "until"),
    and steps still needed ("must still be approved", "has to be reconciled", "before it can
    be signed", "is due to report", "is to monitor", "still face")."""

    phrases = _phrases(
        "except,other than,exempt,exemption,unless,provided that,on condition,as long as,"
        "only,exclusively,solely,limit to,restrict to,apply to,remain restrict,remain in place,"
        "remain in force,remain ban,remain close,"
        "take effect,come into force,enter into force,phase out,phase in,be due to,"
        "must still,still have to,still need,have to be,need to be,must be,before it can,"
        "first have to,until,not define,no date,subject to,require,must,if,still,be to"
    )


# --- open points: what a text flags as not settled ---------------------------------------------


class EventAnaphors(WordClass):
    """Nouns that point back to the news event: "the move", "the decision", "the ban".
    A sentence led by one is about the event: its occasion ("The move comes amid ...") or
    its consequences ("the move could set a precedent")."""

    lemmas = _words(
        "move decision step change shift measure law bill ban policy plan deal agreement vote"
        " ruling reversal announcement u-turn proposal legislation statement remark export"
        " withdrawal repeal"
    )


class Uncertain(WordClass):
    """Predicate words saying a fact is not known: "the number remains undisclosed", "it is
    unclear whether". The fact they qualify is an open question as it stands."""

    lemmas = _words(
        "unclear unknown undisclosed uncertain unconfirmed unspecified unannounced unanswered"
        " undecided unresolved tentative"
    )


class Disclosure(WordClass):
    """Verbs of telling; negated ("has not revealed what the offer included") they leave
    the told fact open."""

    lemmas = _words("disclose reveal confirm specify announce say explain know decide")


class Asking(WordClass):
    """Verbs and nouns whose complement is a question someone put ("asked how", "looking
    into whether", "a decision over whether")."""

    lemmas = _words(
        "ask wonder question query investigate examine consider decide determine look probe"
        " decision question doubt debate review controversy speculation uncertainty"
    )


class Dispute(WordClass):
    """Verbs of contested claims: what one side claims, alleges or contends and another may
    deny is a point the text leaves open."""

    lemmas = _words(
        "claim allege accuse deny contend dispute argue insist suggest maintain assert"
        " believe doubt"
    )


class Denial(WordClass):
    """The disputing verbs that reject a claim: a question from what they deny is not asked
    "as X denies"."""

    lemmas = _words("deny dispute doubt reject")


class Foresight(WordClass):
    """Verbs and nouns of stated risks, fears, hopes and predictions: "critics warn that the
    recovery could prove temporary", "the family hopes the courts will"."""

    lemmas = _words(
        "fear warn worry caution hope expect predict estimate concern risk threaten"
        " speculate forecast"
    )


class Expectation(WordClass):
    """Predicates that put an event in the future without settling it: "is expected to",
    "is likely to", "is poised to", "is due to", "is set to", "plans to"."""

    lemmas = _words("expect likely poised due set scheduled prepare plan intend bound")


class Obligation(WordClass):
    """Modals of obligation: what "must" or "should" happen is a step still to take, asked
    as whether it will."""

    lemmas = _words("must should")


class Possibility(WordClass):
    """Epistemic modals: their clauses are possibilities, asked as "Could ...?". "Would" is
    left to reported speech, where it reports a claim ("said the levy would hit")."""

    lemmas = _words("could may might")


class PendingSteps(WordClass):
    """Nouns of steps whose outcome is still to come: a trial, an appeal, a vote, an
    investigation. A clause about one in the future is an open point."""

    lemmas = _words(
        "appeal trial retrial hearing investigation inquiry probe review verdict vote talks"
        " negotiation meeting deadline referendum election decision ruling sentencing charge"
        " summit consultation referral"
        # the acts themselves, as verbs
        " meet decide rule hear discuss consider negotiate retry sentence"
    )


class Awaiting(WordClass):
    """Verbs whose object is a step still to come: "still face trial", "awaits a hearing",
    "has lodged an appeal"."""

    lemmas = _words("face await lodge file seek")


class Saying(WordClass):
    """Verbs of saying. What they report is the text's own account, not an open point,
    unless the report is a prediction ("said the delay would cause ...")."""

    lemmas = _words("say tell add state announce report note remark write")


# --- who is an actor ----------------------------------------------------------------------------


class Reporting(WordClass):
    """Verbs of reporting news: an organisation that only reports, quotes or is told things
    is the story's source, credited for it, not one of its actors."""

    lemmas = _words("report quote cite tell broadcast publish air carry")


class PersonNouns(WordClass):
    """Role nouns that introduce a person by trade ("comedian Ben Elton", "Lisa McElroy, a
    lawyer"): like a title, they show the name is a person's."""

    lemmas = People.lemmas | _words(
        "comedian actor actress singer writer author lawyer attorney judge manager coach"
        " chairman founder professor spokesman spokeswoman spokesperson director editor"
        " presenter host star veteran candidate widow son daughter wife husband mother father"
        " brother sister friend neighbour neighbor"
    )
