"""Metadata shared by the loaders: full dates made ISO, partial dates kept as written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_PATTERNS = (
    # 2005-03-21 (optionally followed by a time)
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    # March 21, 2005 / Mar. 21 2005
    re.compile(
        rf"\b(?P<mon>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})\b", re.I
    ),
    # 21 March 2005
    re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<mon>{_MONTH})\.? (?P<y>\d{{4}})\b", re.I),
)


def iso_date(text: str) -> str | None:
    """Return the ISO date of ``text`` if it states a full date (day, month and year)."""
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        parts = match.groupdict()
        month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["mon"].lower().rstrip(".")]
        try:
            return dt.date(int(parts["y"]), month, int(parts["d"])).isoformat()
        except ValueError:
            continue  # "February 30, 2005" is not a date
    return None


_NUMERIC = re.compile(
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"  # 19.01.2020: day first, always
    r"|(?P<y2>\d{4})[/.](?P<m2>\d{1,2})[/.](?P<d2>\d{1,2})"  # 2020/01/19
    r"|(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y3>\d{4})"  # 01/19/2020 or 19/01/2020
)


def numeric_date(text: str) -> str | None:
    """Return the ISO date of a value that is only a numeric date ("19.01.2020"), else None.

    "03/04/2020" is refused: it is 3 April in Europe and 4 March in the United States.
    """
    match = _NUMERIC.fullmatch(text.strip())
    if match is None:
        return None
    if match["y"]:
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    elif match["y2"]:
        year, month, day = int(match["y2"]), int(match["m2"]), int(match["d2"])
    else:
        first, second = int(match["a"]), int(match["b"])
        if first <= 12 and second <= 12 and first != second:
            return None
        year = int(match["y3"])
        month, day = (first, second) if second > 12 else (second, first)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_DATE_SHAPED = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d])")


def impossible_date(value: str) -> str | None:
    """Return why ``value`` is no date although it starts like a numeric one, else None.

    "0000-00-00" and "2024-02-30" look like dates; kept as written, they would be listed on
    the timeline as if they were. "2024-03" or "mid-November" are partial dates, not this.
    """
    match = _DATE_SHAPED.match(value.strip())
    if match is None:
        return None
    try:
        dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError as exc:
        return f"is not a real date ({exc})"
    return None


def normalise_date(value: str) -> str:
    """Return ``value`` as an ISO date when it is a full date, else exactly as written."""
    stripped = value.strip()
    found = iso_date(stripped)
    # Only a value that is nothing but a date is rewritten: "mid-November" stays as it is.
    if found and len(stripped) <= 40:
        return found
    return stripped


DATELINE_PARAGRAPHS = 3
"""A document's own date is stated in its first lines (a dateline); later dates are events."""

_FULL_DATE = "|".join(
    (
        rf"(?i:{_MONTH})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}",
        rf"\d{{1,2}} (?i:{_MONTH})\.?,? \d{{4}}",
        r"\d{4}-\d{2}-\d{2}",
    )
)
_PARTIAL_DATE = rf"(?i:{_MONTH})\.? \d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}} (?i:{_MONTH})\b\.?"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?"
_DATE_LINE = re.compile(
    rf"(?:(?:published|posted|updated|dated)(?: on)?:?\s*)?(?:{_WEEKDAY},?\s*)?"
    rf"(?P<date>{_FULL_DATE})(?:,?\s*(?:at\s*)?{_TIME})?\.?",
    re.IGNORECASE,
)
# "LOS ANGELES (Reuters) —", "BRUSSELS, 12 March 2025 —", "WASHINGTON, March 12, 2025
# (Reuters) -", "ST. LOUIS, Mo. —": a place in capitals (a region may follow), then a date
# and/or a news agency in brackets, then a dash.
_CAPS_PLACE = r"[A-Z][A-Z.'\u2019/-]+(?: [A-Z][A-Z.'\u2019/-]+){0,3}"
_REGION = r"(?:, [A-Z][a-z.]+(?: [A-Z][a-z.]+)?)?"
_AGENCY = r"\((?P<agency>[A-Za-z][\w .&/-]{0,30})\)"
_DASH = r"\s*[\u2014\u2013-]\s*"
_PLACE_DATELINE = re.compile(
    rf"^(?P<line>(?P<place>{_CAPS_PLACE}){_REGION}"
    rf"(?:,\s*(?P<date>{_FULL_DATE}|{_PARTIAL_DATE}))?(?:\s*{_AGENCY})?){_DASH}(?=\S)"
)
BARE_PLACE_LETTERS = 5
"""A place in capitals with neither date nor agency ("BERLIN — The…") needs this many
letters or two words: "NATO — The alliance…" and "U.S. - China talks" are not datelines."""
# "Brussels, 12 March 2025 — ": a place in ordinary case counts only with a full date.
_TITLE_PLACE_DATELINE = re.compile(
    rf"^(?P<line>[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}{_REGION},\s*(?P<date>{_FULL_DATE})"
    rf"(?:\s*{_AGENCY})?){_DASH}(?=\S)",
)


@dataclass(frozen=True)
class Dateline:
    text: str
    """The text without its dateline."""
    dateline: str | None = None
    """The dateline as written, without its closing dash."""
    date: str | None = None
    """ISO for a full date, as written for a partial one ("March 12"), None without one."""


def read_dateline(text: str) -> Dateline:
    """Return ``text`` without the dateline it opens with, and the dateline's parts.

    A dateline opens one of the first paragraphs: a line that is only a date ("May 26,
    2006", "Published on Monday, 12 March 2025"), or a place in capitals with a date, a news
    agency or both, before a dash ("LOS ANGELES (Reuters) — …"). Nothing else is taken out.
    """
    paragraphs = text.split("\n\n")
    for index, paragraph in enumerate(paragraphs[:DATELINE_PARAGRAPHS]):
        if len(paragraph) <= 60 and (line := _DATE_LINE.fullmatch(paragraph.strip())):
            rest = paragraphs[:index] + paragraphs[index + 1 :]
            if not any(p.strip() for p in rest):
                return Dateline(text)  # a date and nothing else: that is the text
            return Dateline("\n\n".join(rest), paragraph.strip(), iso_date(line["date"]))
        found = _place_dateline(paragraph)
        if found is not None:
            match, body = found
            date = match["date"]
            paragraphs = [*paragraphs[:index], body, *paragraphs[index + 1 :]]
            return Dateline(
                "\n\n".join(paragraphs),
                match["line"].strip(),
                normalise_date(date) if date else None,
            )
    return Dateline(text)


def _place_dateline(paragraph: str) -> tuple[re.Match[str], str] | None:
    """Return the dateline match opening ``paragraph`` and the paragraph after it."""
    match = _PLACE_DATELINE.match(paragraph)
    if match is not None:
        place, body = match["place"], paragraph[match.end() :]
        letters = sum(ch.isalpha() for ch in place)
        bare = letters >= BARE_PLACE_LETTERS or " " in place
        if match["date"] or match["agency"] or (bare and "." not in place and body[:1].isupper()):
            return match, body
    match = _TITLE_PLACE_DATELINE.match(paragraph)
    if match is not None:
        return match, paragraph[match.end() :]
    return None


def dateline(text: str) -> str | None:
    """Return the ISO date a document states at its top, if it states a full one."""
    found = read_dateline(text).date
    if found and _ISO.fullmatch(found):
        return found
    for paragraph in text.split("\n\n")[:DATELINE_PARAGRAPHS]:
        if len(paragraph) <= 60:  # a line of its own, not a date inside a sentence
            found = iso_date(paragraph)
            if found:
                return found
    return None


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ]\S.*)?")
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|2[0-9])\d{2}(?!\d)")


def timestamp_date(value: str) -> str | None:
    """Return the ISO date of an ISO 8601 timestamp ("2024-01-05T10:00:00Z"), else None."""
    match = _TIMESTAMP.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
    except ValueError:
        return None


def metadata_date(value: str) -> str | None:
    """Return the date a metadata field states: ISO for a full date, as written for a partial
    one ("March 2024"), None for a value that names no year (an epoch number, "yesterday")."""
    stripped = " ".join(value.split())
    if not stripped:
        return None
    found = timestamp_date(stripped)
    if found:
        return found
    written = normalise_date(stripped)
    if written != stripped:
        return written
    return stripped if len(stripped) <= 40 and _YEAR.search(stripped) else None
