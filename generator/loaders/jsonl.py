"""JSON Lines (``.jsonl``): one document per line, ``{"text": ..., "title": ..., ...}``."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.errors import LoadError
from generator.loaders import decode_text, register
from generator.loaders.boilerplate import clean_body
from generator.loaders.capture import MAX_LISTED
from generator.loaders.metadata import normalise_date, timestamp_date
from generator.loaders.normalize import normalize_inline, normalize_text, slugify
from generator.types import Document

ORIGIN = "JSON Lines fields"
OPTIONAL = ("title", "date", "url", "source")


@register(".jsonl")
def load_jsonl(path: Path, raw: bytes) -> list[Document]:
    text, decoding = decode_text(raw, str(path))
    documents: list[Document] = []
    problems: list[str] = []
    # Split on newlines only: str.splitlines also breaks at U+2028, which JSON strings may hold.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            documents.append(_line_document(path, number, line, problems))
        except _BadLine as bad:
            problems.append(str(bad))
    if not documents:
        first = f"; line {problems[0]}" if problems else ""
        raise LoadError(f"has no usable line{first}", path)
    warnings = [*decoding, *(f"line {p}" for p in problems[:MAX_LISTED])]
    if len(problems) > MAX_LISTED:
        warnings.append(f"{len(problems) - MAX_LISTED} more lines skipped or with problems")
    documents[0] = replace(documents[0], warnings=(*documents[0].warnings, *warnings))
    return documents


class _BadLine(Exception):
    """A line that cannot be a document: its message follows "line N"."""


def _line_document(path: Path, number: int, line: str, problems: list[str]) -> Document:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        reason = (
            f"{exc.msg} at column {exc.colno}"
            if isinstance(exc, json.JSONDecodeError)
            else "nested too deeply"
        )
        raise _BadLine(f"{number} is not JSON ({reason}); fix or remove it") from exc
    if not isinstance(record, dict):
        raise _BadLine(f'{number} is not a JSON object ({{"text": ...}}); fix or remove it')
    body = record.get("text")
    if not isinstance(body, str) or not (text := normalize_text(body)):
        missing = "no" if body is None else "an empty" if isinstance(body, str) else "a non-text"
        raise _BadLine(f'{number} has {missing} "text"; add the document\'s text or remove it')
    fields: dict[str, str | None] = {}
    for key in OPTIONAL:
        value: Any = record.get(key)
        if value is None:
            fields[key] = None
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            fields[key] = normalize_inline(str(value)) or None
        else:
            fields[key] = None
            problems.append(f'{number}: "{key}" must be text, got {type(value).__name__}; ignored')
    if fields["date"]:
        fields["date"] = timestamp_date(fields["date"]) or normalise_date(fields["date"])
    title = fields["title"]
    cleaned = clean_body(text, titles=(title,) if title else ())
    date = fields["date"]
    provenance = [(key, ORIGIN) for key in OPTIONAL if fields[key]]
    if not date and (date := cleaned.date):
        provenance.append(("date", "text (dateline)"))
    return Document(
        source_path=f"{path}:{number}",
        slug=slugify(title) if title else slugify(f"{path.stem}-{number}"),
        title=title,
        text=cleaned.text,
        date=date,
        source=fields["source"],
        url=fields["url"],
        provenance=tuple(provenance),
        set_aside=cleaned.set_aside,
        dateline=cleaned.dateline,
    )
