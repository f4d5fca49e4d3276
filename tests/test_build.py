"""Choosing the site search and the MkDocs configuration of a build."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.config import load_settings
from generator.errors import ConfigError
from generator.site.build import PAGEFIND_FROM, mkdocs_config, search_engine
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("setting", "briefings", "engine"),
    [
        ("auto", PAGEFIND_FROM - 1, "material"),
        ("auto", PAGEFIND_FROM, "pagefind"),
        ("material", 10_000, "material"),
        ("pagefind", 1, "pagefind"),
    ],
)
def test_search_engine_follows_the_setting_and_the_site_size(
    tmp_path: Path, setting: str, briefings: int, engine: str
) -> None:
    assert search_engine(load_settings(tmp_path, search=setting), briefings) == engine


def test_unknown_search_engine_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="search must be one of auto, material, pagefind"):
        search_engine(load_settings(tmp_path, search="lunr"), 1)


def test_build_configs_inherit_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = load_settings(tmp_path)
    with mkdocs_config(settings, offline=False, engine="material") as config:
        assert config == tmp_path / "mkdocs.yml"
    with mkdocs_config(settings, offline=False, engine="pagefind") as config:
        variant = yaml.safe_load(config.read_text(encoding="utf-8"))
        assert variant["INHERIT"] == "mkdocs.yml"
        assert variant["plugins"] == ["tags", "briefing"]  # no built-in search: Pagefind indexes
        assert variant["nav"][-1] == {"Search": "search.md"}
        assert {"Actors": "actors/index.md"} in variant["nav"]
    assert not config.exists()  # the variant is removed after the build
    with mkdocs_config(settings, offline=True, engine="material") as config:
        variant = yaml.safe_load(config.read_text(encoding="utf-8"))
        assert variant["use_directory_urls"] is False
        assert "offline" in variant["plugins"]
