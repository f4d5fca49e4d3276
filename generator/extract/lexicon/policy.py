"""Policy actions and objects, and the words of a shift's parts."""

from __future__ import annotations

from typing import ClassVar

from generator.extract.lexicon import PhraseClass, WordClass, phrases_of, words_of

# --- policy actions: what a body does to a policy ----------------------------------------------


class PolicyAction(WordClass):
    """Verbs and nouns of one kind of act on a policy; ``status`` is what the act makes it."""

    status: ClassVar[str] = "decided"
    nouns: ClassVar[frozenset[str]] = frozenset()
    """Nominal forms ("the repeal of", "approval of"), heads of an event phrase."""


class Adopt(PolicyAction):
    """Acts that put a policy into force: a legislature passes, a head of state signs, a body
    adopts or ratifies. The policy exists afterwards, so the status is "enacted"."""

    lemmas = words_of("adopt pass approve sign ratify enact legalise legalize endorse implement")
    nouns = words_of("adoption passage approval ratification enactment legalisation legalization")
    status = "enacted"


class Restrict(PolicyAction):
    """Acts that create a restriction or duty: to ban, impose, require. "Ban", "prohibit",
    "outlaw" and "forbid" state a rule by themselves, whatever their object ("to ban
    smoking"); see ``SELF_RULING``."""

    lemmas = words_of("ban impose require prohibit outlaw forbid mandate criminalise criminalize")
    nouns = words_of("imposition prohibition")


class End(PolicyAction):
    """Acts that end or undo a policy: repeal, lift, abolish, reverse, overturn, strike down,
    scrap. The reversal of a rule is the clearest policy shift there is."""

    lemmas = words_of(
        "end repeal lift abolish reverse overturn scrap rescind revoke annul quash suspend"
        " withdraw drop abandon"
    )
    nouns = words_of("repeal lifting abolition reversal revocation suspension withdrawal")


class Block(PolicyAction):
    """Acts that stop a policy from taking effect: block, reject, veto. The policy object is
    someone else's proposal, so the status is "blocked"."""

    lemmas = words_of("block reject veto")
    nouns = words_of("veto rejection")
    status = "blocked"


class Propose(PolicyAction):
    """Acts that put a policy forward without deciding it: propose, plan, unveil, call for,
    draft, pledge. The status is "proposed"."""

    lemmas = words_of("propose plan unveil draft pledge table introduce")
    nouns = words_of("proposal")
    status = "proposed"


class Announce(PolicyAction):
    """Acts that make a decision public: announce, declare. With a plan or proposal as the
    object the policy is proposed; with a policy as the object it is decided."""

    lemmas = words_of("announce declare")
    nouns = words_of("announcement declaration")


class Change(PolicyAction):
    """Acts that change the terms of a standing policy: amend, expand, extend, tighten,
    loosen, ease, relax, raise or lower a limit, set a target. They are shifts only with a
    policy object ("amend the regulations", "raise the debt limit")."""

    lemmas = words_of(
        "amend revise reform expand extend tighten loosen ease relax raise lower cut set"
        " agree authorize authorise establish"
    )
    nouns = words_of("amendment expansion extension")


class Shift(PolicyAction):
    """Nouns that name a change of policy as such: "a shift in defence policy", "a reversal
    of the previous government's policy", "a U-turn on tuition fees". They count only with
    a policy object after "in", "of" or "on"."""

    nouns = words_of("shift change reversal departure turnaround u-turn about-face overhaul")


class Rule(PolicyAction):
    """A court's decision: to rule, uphold, strike down. Only a court (see ``Courts``) acts
    with these, and a ruling decides a case, so the status is "decided"."""

    lemmas = words_of("rule uphold")
    nouns = words_of("ruling")


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

SELF_RULING = words_of("ban prohibit outlaw forbid legalise legalize criminalise criminalize rule")
"""Actions whose verb states the rule itself: "France to ban smoking" is a policy whatever
"smoking" is, and a court's ruling is one whatever it rules on. Every other action needs a
policy object."""

PROPOSAL_OBJECTS = words_of("plan proposal pledge promise bid")
"""Policy objects that are not yet decided: "announced plans to" is a proposal."""


class PolicyObject(WordClass):
    """Nouns naming a policy instrument: what a body adopts, ends or blocks. A verb of the
    action classes is a policy shift only with one of these as its object (or subject when
    passive): "lifted the block on", "passed the bill", not "passed the ball". Besides laws,
    agreements, restrictions and programmes, a state's foreign policy acts on what it grants
    or withholds (access, aid, relations, talks) and on the forces it sends or withdraws."""

    lemmas = words_of(
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


class Thresholds(WordClass):
    """Policy objects that are also levels to reach: a country that "passed the old target"
    or "met the limit" has gone beyond it, not enacted it."""

    lemmas = words_of("target threshold limit level benchmark")


class EnactingPredicates(WordClass):
    """Verbs (with their particle) saying a policy takes effect: "the ban comes into force",
    "the law takes effect". A nominal policy phrase before one is an event by itself."""

    lemmas = words_of("come take enter go")
    particles: ClassVar[frozenset[str]] = words_of("force effect")


class RuleAdjectives(WordClass):
    """Predicate adjectives that state a rule: "it is illegal to import 75W bulbs"."""

    lemmas = words_of("illegal unlawful mandatory compulsory legal banned prohibited")


# --- the parts of a shift: what came before, why, and within what limits ------------------------


class PriorStance(PhraseClass):
    """Words marking a rule or stance that held before the change: "traditionally", "until
    now", "for decades", "in effect for 17 years", "currently", "the current law". A
    sentence with one, about the policy that changed, is the shift's "from"."""

    phrases = phrases_of(
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

    phrases = phrases_of(
        "amid,in the midst of,in response to,because of,because,due to,as a result of,"
        "in the wake of,in light of,in reaction to,prompt by,spark by,trigger by,cite"
    )


class SequelPhrases(PhraseClass):
    """Connectives that place a reported event after its occasion: "The move comes after",
    "The decision followed", "Iran's statements came as". With a subject pointing back to
    the event they state its drivers."""

    phrases = phrases_of("after,as,amid,in the midst of,following,in response to,because")


class CauseVerbs(WordClass):
    """Verbs whose passive names a cause ("driven by a shortage", "prompted by protests")."""

    lemmas = words_of("drive cause prompt spur trigger fuel motivate force spark")


class PurposeNouns(WordClass):
    """Nouns of a purpose: "part of the EU's strategy to cut greenhouse gases", "the aim is"."""

    lemmas = words_of("strategy effort aim goal objective purpose bid campaign drive push")


class LimitPhrases(PhraseClass):
    """Words that bound a policy: exceptions ("except", "other than"), conditions ("if",
    "unless", "provided", "on condition"), requirements ("requires an assessment", "the
    President must provide"), scope ("only", "exclusively", "apply to", "limited to"),
    effective dates and phase-ins ("take effect", "come into force", "phase out", "until"),
    and steps still needed ("must still be approved", "has to be reconciled", "before it can
    be signed", "is due to report", "is to monitor", "still face")."""

    phrases = phrases_of(
        "except,other than,exempt,exemption,unless,provided that,on condition,as long as,"
        "only,exclusively,solely,limit to,restrict to,apply to,remain restrict,remain in place,"
        "remain in force,remain ban,remain close,"
        "take effect,come into force,enter into force,phase out,phase in,be due to,"
        "must still,still have to,still need,have to be,need to be,must be,before it can,"
        "first have to,until,not define,no date,subject to,require,must,if,still,be to"
    )
