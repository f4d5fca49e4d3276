"""Choosing the site search and the MkDocs configuration of a build."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import yaml

from generator.config import load_settings
from generator.errors import ConfigError
from generator.site.build import (
    ENGINES,
    PAGEFIND_FROM,
    _run,
    engine_for,
    mkdocs_config,
    search_engine,
)
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
        assert variant["plugins"] == ["briefing"]  # no built-in search: Pagefind indexes
        assert variant["nav"][-1] == {"Search": "search.md"}
        assert {"Actors": "actors/index.md"} in variant["nav"]
    assert not config.exists()  # the variant is removed after the build
    with mkdocs_config(settings, offline=True, engine="material") as config:
        variant = yaml.safe_load(config.read_text(encoding="utf-8"))
        assert variant["use_directory_urls"] is False
        assert "offline" in variant["plugins"]
    with mkdocs_config(
        settings, offline=False, engine="zensical", target=tmp_path / "out"
    ) as config:
        variant = yaml.safe_load(config.read_text(encoding="utf-8"))
        # Zensical has no --site-dir: the variant names the output folder.
        assert variant == {"INHERIT": "mkdocs.yml", "site_dir": str(tmp_path / "out")}


def test_zensical_uses_its_own_search_at_any_size(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, engine="zensical")
    assert search_engine(settings, 1) == "zensical"
    assert search_engine(settings, 10 * PAGEFIND_FROM) == "zensical"
    with pytest.raises(ConfigError, match='search = "pagefind" needs engine = "mkdocs"'):
        search_engine(load_settings(tmp_path, engine="zensical", search="pagefind"), 1)


def test_unknown_engine_is_a_config_error_naming_the_known_ones(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, engine="hugo")
    with pytest.raises(ConfigError, match="engine must be one of mkdocs, zensical, got 'hugo'"):
        search_engine(settings, 1)
    with pytest.raises(ConfigError, match="engine must be one of mkdocs, zensical"):
        engine_for(settings)


def test_a_missing_engine_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(type(ENGINES["zensical"]), "available", lambda self: False)
    with pytest.raises(ConfigError, match=r"pip install 'briefing-generator\[zensical\]'"):
        engine_for(load_settings(tmp_path, engine="zensical"))


def test_an_engine_that_fails_shows_its_messages_but_no_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    crash = "print('page does not exist: a.md'); raise RuntimeError('Aborted because of warnings')"
    status = _run([sys.executable, "-c", crash], env=dict(os.environ), captured=True, quiet=True)
    shown = capsys.readouterr().err
    assert status == 1
    assert "page does not exist: a.md" in shown
    assert "Traceback" not in shown and "RuntimeError: Aborted because of warnings" in shown
