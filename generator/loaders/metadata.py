"""Metadata shared by the loaders: full dates made ISO, partial dates kept as written."""

from __future__ import annotations

import datetime as dt
import re

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


def dateline(text: str) -> str | None:
    """Return the ISO date a document states at its top, if it states a full one."""
    for paragraph in text.split("\n\n")[:DATELINE_PARAGRAPHS]:
        if len(paragraph) <= 60:  # a line of its own, not a date inside a sentence
            found = iso_date(paragraph)
            if found:
                return found
    return None


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
