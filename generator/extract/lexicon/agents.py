"""Who can act: bodies with authority, titles, people, and the sources a report credits."""

from __future__ import annotations

from generator.extract.lexicon import WordClass, words_of

# --- who can make policy -----------------------------------------------------------------------


class Authorities(WordClass):
    """Common nouns for bodies and office-holders that can make policy: governments,
    legislatures, courts, international bodies, parties, organisations and officials named by
    their office ("the minister"). A policy act needs one of these, or a named state,
    organisation or titled person, as its agent."""

    lemmas = words_of(
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

    lemmas = words_of(
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

    lemmas = words_of("court tribunal judge justice panel")


class Titles(WordClass):
    """Words of office or rank before a person's name ("President Bush", "Sen. Clinton"): a
    person so named acts with authority. Also stripped from the front of names."""

    lemmas = words_of(
        "president prime minister mr mrs ms dr sen senator gov governor king queen prince"
        " princess chancellor secretary general gen judge justice rep representative mayor ceo"
        " chairman chairwoman chief pope sir lord lady premier ambassador commissioner"
        " spokesman spokeswoman leader colonel col lt captain capt officer director professor"
        " prof rev sheikh emir sultan imam ayatollah rabbi bishop archbishop cardinal father"
        " sister lieutenant major sergeant admiral marshal commander dame madam mister"
        " mp msp mep mla mpp"
    )


class OfficeTitles(WordClass):
    """The subset of ``Titles`` that holds public office: a person with one of these acts
    for a state or body ("President Bush signed"). "Mr", "Dr" and ranks do not."""

    lemmas = words_of(
        "president prime minister sen senator gov governor king queen chancellor secretary"
        " judge justice rep representative mayor premier ambassador commissioner emir sultan"
        " pope chairman chairwoman ceo director"
    )


# --- who is an actor ----------------------------------------------------------------------------


class Reporting(WordClass):
    """Verbs of reporting news: an organisation that only reports, quotes or is told things
    is the story's source, credited for it, not one of its actors ("Wikinews has learned
    that", newsroom style for a report of its own)."""

    lemmas = words_of("report quote cite tell broadcast publish air carry learn")


class PersonNouns(WordClass):
    """Role nouns that introduce a person by trade ("comedian Ben Elton", "Lisa McElroy, a
    lawyer"): like a title, they show the name is a person's."""

    lemmas = People.lemmas | words_of(
        "comedian actor actress singer writer author lawyer attorney judge manager coach"
        " chairman founder professor spokesman spokeswoman spokesperson director editor"
        " presenter host star veteran candidate widow son daughter wife husband mother father"
        " brother sister friend neighbour neighbor"
    )


class InstitutionHeads(WordClass):
    """Last words that make a name an institution, never a person, whatever the tagger says:
    "Arecibo Observatory", "Frühburgunder Forum", "Berlin City Museum"."""

    lemmas = words_of(
        "observatory forum museum institute institution university college school academy"
        " council committee commission agency authority association society foundation fund"
        " center centre group company corporation bank court party union league federation"
        " ministry department office board service network station hospital laboratory"
    )


class StreetNames(WordClass):
    """Heads and endings of street and square names: "Petersallee", "Lüderitzstrasse",
    "Downing Street" are places, not people or organisations."""

    lemmas = words_of("street avenue road square boulevard lane plaza place")
    suffixes: tuple[str, ...] = ("allee", "strasse", "straße", "platz", "gasse", "weg", "damm")

    @classmethod
    def names(cls, surface: str) -> bool:
        last = surface.split()[-1].lower() if surface.split() else ""
        return cls.has(last) or last.endswith(cls.suffixes)


class TimeZones(WordClass):
    """Time-zone abbreviations, which the tagger often labels organisations ("at 0643 UTC",
    "9 a.m. EST"): a clock time's zone is never an actor."""

    lemmas = words_of("utc gmt bst cet cest eet eest est edt cst cdt mst mdt pst pdt ist jst aest")


class Causatives(WordClass):
    """Verbs that make someone else the subject of their complement ("make Johnson the next
    leader", "get Britain building again", "let the rebels leave"): that subject is acted
    upon, the causer is the agent."""

    lemmas = words_of("make get let have help keep see watch")


class MemberNouns(WordClass):
    """Nouns for the members of a body, who act for it together: "Members of the North
    Atlantic Treaty Organization agreed to raise the target", "delegates of the party voted"."""

    lemmas = words_of("member delegate representative signatory")
