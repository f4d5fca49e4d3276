"""Canonical names for actors: countries from countryinfo, then shipped and user alias files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from generator.errors import ExtractError

ACTOR_TYPES = ("state", "organisation", "person", "group", "place")

_DOTS = re.compile(r"\.")
_SPACES = re.compile(r"\s+")


def name_key(text: str) -> str:
    """Return the lookup key of a name: lower case, no dots, no possessive, single spaces."""
    text = _DOTS.sub("", text.strip())
    text = re.sub(r"(?:'s|')$", "", text)
    return _SPACES.sub(" ", text).lower().strip()


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, str] = field(default_factory=dict)
    """Country names, alternative spellings and ISO codes → canonical country name."""
    codes: frozenset[str] = frozenset()
    """Keys that are ISO codes: matched only when written in capitals ("US", not "us")."""
    demonyms: dict[str, str] = field(default_factory=dict)
    """Demonyms, singular and plural ("American", "Americans") → canonical country name."""
    capitals: dict[str, str] = field(default_factory=dict)
    """Capital cities → canonical country name (the capital stands for the government)."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Shipped, then user, aliases: any surface form → canonical name."""
    drop: frozenset[str] = frozenset()
    """Keys of names that are never actors."""
    types: dict[str, str] = field(default_factory=dict)
    """Canonical name key → actor type forced by the alias files."""

    def country(self, surface: str) -> str | None:
        key = name_key(surface)
        if key in self.codes and not surface.replace(".", "").isupper():
            return None
        return self.countries.get(key)

    country_names: frozenset[str] = frozenset()
    """Keys of the canonical country names (set by ``load_gazetteer``)."""

    def is_country(self, name: str) -> bool:
        return name_key(name) in self.country_names


def _country_tables() -> tuple[dict[str, str], set[str], dict[str, str], dict[str, str]]:
    from countryinfo import CountryInfo

    countries: dict[str, str] = {}
    codes: set[str] = set()
    demonyms: dict[str, tuple[int, str]] = {}
    capitals: dict[str, tuple[int, str]] = {}
    # Sorted, so that a spelling two countries share resolves the same way on every machine.
    for _, info in sorted(CountryInfo.all().items()):
        name = info.get("name")
        if not name:
            continue
        population = int(info.get("population") or 0)
        iso = info.get("ISO") or {}
        iso_codes = {str(iso.get(k)) for k in ("alpha2", "alpha3") if iso.get(k)}
        for alt in [name, *(info.get("altSpellings") or [])]:
            key = name_key(alt)
            if alt in iso_codes or (alt.isupper() and len(alt) <= 3):
                codes.add(key)
            countries.setdefault(key, name)
        for code in iso_codes:
            codes.add(name_key(code))
            countries.setdefault(name_key(code), name)
        # Where a demonym or capital is shared ("American": United States and American Samoa),
        # the most populous country is the one a news text means.
        demonym = str(info.get("demonym") or "").strip()
        if demonym:
            for form in (demonym, demonym + "s"):
                best = demonyms.get(name_key(form))
                if best is None or best[0] < population:
                    demonyms[name_key(form)] = (population, name)
        raw_capitals: str | list[str] = info.get("capital") or []
        for capital in [raw_capitals] if isinstance(raw_capitals, str) else raw_capitals:
            capital = str(capital).strip()
            for form in sorted({capital, re.sub(r",? D\.?C\.?$", "", capital)} - {""}):
                best = capitals.get(name_key(form))
                if best is None or best[0] < population:
                    capitals[name_key(form)] = (population, name)
    # A name that is itself a country ("Mexico", "Singapore") is the country, not a capital.
    capital_map = {k: v[1] for k, v in capitals.items() if k not in countries}
    return countries, codes, {k: v[1] for k, v in demonyms.items()}, capital_map


def _read_alias_file(path: Path | None, text: str | None = None) -> dict[str, Any]:
    import yaml

    from generator.loaders.yamlsafe import load_yaml

    try:
        raw = text if text is not None else path.read_text(encoding="utf-8") if path else ""
        # The loaders' YAML reader: no aliases (a billion laughs), dates checked.
        data = load_yaml(raw) or {}
    except (OSError, UnicodeDecodeError, RecursionError, yaml.YAMLError) as exc:
        raise ExtractError(f"cannot read the alias file ({exc}); fix its YAML", path) from exc
    if not isinstance(data, dict):
        raise ExtractError("the alias file must be a mapping with 'aliases', 'drop', 'types'", path)
    unknown = sorted(set(data) - {"aliases", "drop", "types"})
    if unknown:
        raise ExtractError(
            f"unknown key(s) {', '.join(map(repr, unknown))} in the alias file; "
            "known: 'aliases' (name: canonical), 'drop' (list), 'types' (name: type)",
            path,
        )
    aliases, drop, types = (
        data.get("aliases") or {},
        data.get("drop") or [],
        data.get("types") or {},
    )
    if not isinstance(aliases, dict) or not isinstance(types, dict) or not isinstance(drop, list):
        raise ExtractError(
            "'aliases' and 'types' must be mappings and 'drop' a list in the alias file", path
        )
    bad = sorted({str(t) for t in types.values()} - set(ACTOR_TYPES))
    if bad:
        raise ExtractError(
            f"unknown actor type(s) {', '.join(map(repr, bad))}; known: {', '.join(ACTOR_TYPES)}",
            path,
        )
    return {"aliases": aliases, "drop": drop, "types": types}


@lru_cache(maxsize=8)
def load_gazetteer(user_file: Path | None = None) -> Gazetteer:
    """Return the gazetteer: countryinfo data, the shipped aliases, then ``user_file``'s."""
    countries, codes, demonyms, capitals = _country_tables()
    shipped = resources.files("generator").joinpath("data/aliases.yml").read_text("utf-8")
    layers = [_read_alias_file(None, shipped)]
    if user_file is not None and user_file.exists():
        layers.append(_read_alias_file(user_file))
    aliases: dict[str, str] = {}
    drop: set[str] = set()
    types: dict[str, str] = {}
    for layer in layers:
        aliases.update({name_key(str(k)): str(v) for k, v in layer["aliases"].items()})
        drop.update(name_key(str(d)) for d in layer["drop"])
        types.update({name_key(str(k)): str(v) for k, v in layer["types"].items()})
    return Gazetteer(
        countries=countries,
        country_names=frozenset(name_key(n) for n in countries.values()),
        codes=frozenset(codes),
        demonyms=demonyms,
        capitals=capitals,
        aliases=aliases,
        drop=frozenset(drop),
        types=types,
    )
