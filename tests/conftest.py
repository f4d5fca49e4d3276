"""Shared fixtures: the project root, settings on a temp project, the spaCy pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.config import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "japan-patriot-export.txt"
GENERATED = ("briefings", "actors", "index.md", "tags.md", "timeline.md", "timeline")
"""What `briefing generate` writes into site_src/ (not copied into test projects)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite tests/golden/*/expected.* from the current output (review the diff!).",
    )


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The default spaCy pipeline, loaded once per test session."""
    from generator.extract._nlp import load_pipeline

    return load_pipeline(Settings().model)


COUNTRIES = ["Japan", "Canada", "Brazil", "Kenya", "Norway", "Chile", "India", "Egypt"]


def seed_text(number: int) -> str:
    """Return a short news text with a policy shift, a claim and an open point; ``number``
    varies its countries and figures, so seeds differ but share actors."""
    country = COUNTRIES[number % len(COUNTRIES)]
    other = COUNTRIES[(number + 3) % len(COUNTRIES)]
    return (
        f"{country} agreed on Monday to sell {number + 2} patrol boats to {other}.\n"
        f"For decades, {country} has banned arms exports, so the sale marks a shift in policy.\n"
        f"Critics argue that the deal could draw {country} into regional disputes.\n"
        f"It remains unclear how many boats will be delivered this year.\n"
    )


def new_project(folder: Path) -> Path:
    """Make ``folder`` a fresh project: mkdocs.yml, site_src/ static files, empty seeds/."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", folder / "site_src", ignore=skip_generated)
    (folder / "seeds").mkdir()
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project: mkdocs.yml, site_src/ static files and an empty seeds/ folder."""
    return new_project(tmp_path)


def skip_generated(folder: str, names: list[str]) -> set[str]:
    """``shutil.copytree`` filter: leave out what the generator writes into site_src/."""
    if Path(folder).resolve() == (ROOT / "site_src").resolve():
        return {n for n in names if n in GENERATED}
    return set()


@pytest.fixture
def settings(project: Path) -> Settings:
    return load_settings(project)
