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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project: mkdocs.yml, site_src/ static files and an empty seeds/ folder."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", tmp_path / "site_src", ignore=_generated)
    (tmp_path / "seeds").mkdir()
    return tmp_path


def _generated(folder: str, names: list[str]) -> set[str]:
    if Path(folder).resolve() == (ROOT / "site_src").resolve():
        return {n for n in names if n in GENERATED}
    return set()


@pytest.fixture
def settings(project: Path) -> Settings:
    return load_settings(project)
