"""The frozen values the pipeline stages pass to each other."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SetAside:
    """A line or sentence of a seed kept out of the analysis, and why (a credit, a link...)."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}


@dataclass(frozen=True)
class Document:
    """One normalised seed, ready for analysis."""

    source_path: str
    """The seed's path as given (relative to the project when possible)."""
    slug: str
    """Stable, URL-safe name of the briefing page."""
    title: str | None
    """Title given by the seed (front matter or heading); None lets the analysis propose one."""
    text: str
    """Normalised text: paragraphs separated by one blank line."""
    date: str | None = None
    source: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    author: str | None = None
    provenance: tuple[tuple[str, str], ...] = ()
    """(field, where its value came from): "front matter", "page metadata", "text"..."""
    also_from: tuple[str, ...] = ()
    """Other seeds with the same normalised text: one briefing, every source listed."""
    warnings: tuple[str, ...] = ()
    """What the reader should know about the loading (encoding guessed, entries skipped...)."""
    set_aside: tuple[SetAside, ...] = ()
    """Site furniture found in the seed (credits, "Read more" links...), in reading order:
    not in ``text``, so never analysed, but listed so that nothing is silently lost."""
    dateline: str | None = None
    """The dateline the text opened with ("LOS ANGELES (Reuters)", "BRUSSELS, 12 March
    2025"): metadata, taken out of ``text`` so a place or agency is not analysed as prose."""
    thin: bool = False
    """The extraction gave too little text to be the whole document (a warning says so)."""


@dataclass(frozen=True)
class Sentence:
    id: str
    """Stable id, ``s1``, ``s2``… in reading order."""
    text: str
    paragraph: int


@dataclass(frozen=True)
class Item:
    """One statement of the briefing and the sentence ids it rests on."""

    text: str
    cites: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "cites": list(self.cites)}


@dataclass(frozen=True)
class Summary:
    bottom_line: Item
    points: tuple[Item, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "bottom_line": self.bottom_line.text,
            "bottom_line_cites": list(self.bottom_line.cites),
            "points": [p.to_dict() for p in self.points],
        }


@dataclass(frozen=True)
class Actor:
    name: str
    """Canonical name: one entry per actor, whatever the surface form."""
    type: str
    """One of: state, organisation, person, group; "place" in ``Briefing.places``."""
    mentions: int
    aliases: tuple[str, ...]
    """Surface forms seen in the text, in order of first appearance."""
    role: str
    """What the text says the actor did, where it is the agent of a clause; "" otherwise."""
    cites: tuple[str, ...]
    salience: float = 0.0
    """How central the actor is to the text (mentions, agency, early naming), 2 decimals."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "mentions": self.mentions,
            "aliases": list(self.aliases),
            "role": self.role,
            "cites": list(self.cites),
            "salience": self.salience,
        }


@dataclass(frozen=True)
class PolicyShift:
    from_: tuple[Item, ...] = ()
    to: tuple[Item, ...] = ()
    drivers: tuple[Item, ...] = ()
    conditions: tuple[Item, ...] = ()
    """The limits: exceptions, conditions, scope, effective dates and steps still needed."""
    status: str = ""
    """enacted, decided, proposed or blocked; "" when there is no shift."""

    @property
    def is_empty(self) -> bool:
        return not (self.from_ or self.to)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": [i.to_dict() for i in self.from_],
            "to": [i.to_dict() for i in self.to],
            "drivers": [i.to_dict() for i in self.drivers],
            "conditions": [i.to_dict() for i in self.conditions],
            "status": self.status,
        }


@dataclass(frozen=True)
class Briefing:
    document: Document
    title: str
    sentences: tuple[Sentence, ...]
    summary: Summary
    actors: tuple[Actor, ...]
    policy_shift: PolicyShift
    open_questions: tuple[Item, ...]
    topics: tuple[str, ...] = ()
    """Key phrases of the text, used as topic tags."""
    places: tuple[Actor, ...] = ()
    """Places the text is set in (cities, regions), most salient first: not actors."""
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON contract documented in the README."""
        doc = self.document
        return {
            "title": self.title,
            "slug": doc.slug,
            "source_path": doc.source_path,
            "date": doc.date,
            "source": doc.source,
            "url": doc.url,
            "tags": list(doc.tags),
            "author": doc.author,
            "also_from": list(doc.also_from),
            "provenance": dict(doc.provenance),
            "topics": list(self.topics),
            "warnings": list(self.warnings),
            "dateline": doc.dateline,
            "set_aside": [s.to_dict() for s in doc.set_aside],
            "summary": self.summary.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "policy_shift": self.policy_shift.to_dict(),
            "open_questions": [q.to_dict() for q in self.open_questions],
            "sentences": {s.id: s.text for s in self.sentences},
        }


def to_record(briefing: Briefing) -> dict[str, Any]:
    """Return every field of ``briefing`` as JSON-ready data (the cache format, lossless)."""
    return dataclasses.asdict(briefing)


def _actor(row: dict[str, Any]) -> Actor:
    return Actor(**{**row, "aliases": tuple(row["aliases"]), "cites": tuple(row["cites"])})


def document_from_record(record: dict[str, Any]) -> Document:
    """Return the document ``dataclasses.asdict`` (or ``to_record``) turned into ``record``."""
    doc = dict(record)
    for name in ("tags", "also_from", "warnings"):
        doc[name] = tuple(doc[name])
    doc["provenance"] = tuple(tuple(pair) for pair in doc["provenance"])
    doc["set_aside"] = tuple(SetAside(**row) for row in doc.get("set_aside", ()))
    return Document(**doc)


def from_record(record: dict[str, Any]) -> Briefing:
    """Return the briefing ``to_record`` produced."""

    def items(rows: list[dict[str, Any]]) -> tuple[Item, ...]:
        return tuple(Item(row["text"], tuple(row["cites"])) for row in rows)

    summary = record["summary"]
    shift = record["policy_shift"]
    return Briefing(
        document=document_from_record(record["document"]),
        title=record["title"],
        sentences=tuple(Sentence(**s) for s in record["sentences"]),
        summary=Summary(
            Item(summary["bottom_line"]["text"], tuple(summary["bottom_line"]["cites"])),
            items(summary["points"]),
        ),
        actors=tuple(_actor(a) for a in record["actors"]),
        places=tuple(_actor(a) for a in record.get("places", ())),
        policy_shift=PolicyShift(
            items(shift["from_"]),
            items(shift["to"]),
            items(shift["drivers"]),
            items(shift["conditions"]),
            shift.get("status", ""),
        ),
        open_questions=items(record["open_questions"]),
        topics=tuple(record["topics"]),
        warnings=tuple(record["warnings"]),
    )
