"""Settings: defaults, then briefing.toml, then overrides; bad values are ConfigErrors."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest

from generator.config import SETTINGS_FILE, Settings, load_settings
from generator.errors import ConfigError, GeneratorError
from generator.loaders import load

KNOWN = [
    "aliases_file",
    "docs_dir",
    "engine",
    "force",
    "max_actors",
    "max_seed_bytes",
    "model",
    "offline_dir",
    "scheduler",
    "search",
    "seeds_dir",
    "site_dir",
    "site_url",
    "state_dir",
    "templates_dir",
    "workers",
]


def write_toml(project: Path, text: str) -> Path:
    path = project / SETTINGS_FILE
    path.write_text(text, encoding="utf-8")
    return path


def config_error(project: Path, **overrides: object) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_settings(project, **overrides)
    return info.value


def test_defaults_without_a_settings_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings == Settings(project_dir=tmp_path.resolve())
    assert settings.seeds_dir == Path("seeds")
    assert settings.docs_dir == Path("site_src")
    assert settings.force is False
    assert settings.max_actors == 12


def test_loader_default_limit_matches_the_settings_default() -> None:
    default = inspect.signature(load).parameters["max_bytes"].default
    assert default == Settings.max_seed_bytes


def test_settings_file_values_are_applied(tmp_path: Path) -> None:
    write_toml(
        tmp_path,
        'seeds_dir = "documents"\n'
        'docs_dir = "/abs/docs"\n'
        'model = "en_core_web_md"\n'
        "max_seed_bytes = 2_000_000\n"
        "max_actors = 5\n"
        "force = true\n",
    )
    settings = load_settings(tmp_path)
    assert settings.seeds_dir == Path("documents")
    assert isinstance(settings.seeds_dir, Path)
    assert settings.docs_dir == Path("/abs/docs")
    assert settings.model == "en_core_web_md"
    assert settings.max_seed_bytes == 2_000_000
    assert settings.max_actors == 5
    assert settings.force is True
    assert settings.site_dir == Path("site")  # untouched settings keep their default


def test_overrides_beat_the_settings_file_and_none_means_not_given(tmp_path: Path) -> None:
    write_toml(tmp_path, 'seeds_dir = "documents"\nmodel = "from_file"\nforce = true\n')
    settings = load_settings(tmp_path, seeds_dir="cli-seeds", model=None, force=False)
    assert settings.seeds_dir == Path("cli-seeds")
    assert settings.model == "from_file"
    assert settings.force is False


def test_overrides_without_a_settings_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, seeds_dir=Path("x"), max_actors=3)
    assert settings.seeds_dir == Path("x")
    assert settings.max_actors == 3


def test_every_path_setting_becomes_a_path(tmp_path: Path) -> None:
    names = ["seeds_dir", "docs_dir", "site_dir", "aliases_file", "templates_dir"]
    write_toml(tmp_path, "".join(f'{name} = "custom/{name}"\n' for name in names))
    settings = load_settings(tmp_path)
    for name in names:
        assert getattr(settings, name) == Path("custom", name)


def test_paths_are_taken_from_the_project(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, site_dir="/elsewhere/site")
    project = tmp_path.resolve()
    assert settings.project_dir == project
    assert settings.path("seeds_dir") == project / "seeds"
    assert settings.path("site_dir") == Path("/elsewhere/site")
    assert settings.briefings_dir == project / "site_src" / "briefings"


def test_project_dir_is_resolved_and_defaults_to_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "proj").mkdir()
    monkeypatch.chdir(tmp_path)
    assert load_settings(Path("proj")).project_dir == (tmp_path / "proj").resolve()
    write_toml(tmp_path, "max_actors = 4\n")
    settings = load_settings()
    assert settings.project_dir == tmp_path.resolve()
    assert settings.max_actors == 4


def test_settings_are_frozen(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.force = True  # type: ignore[misc]


def test_unknown_key_in_the_settings_file_is_named_and_known_keys_listed(tmp_path: Path) -> None:
    config = write_toml(tmp_path, 'seed_dir = "typo"\n')
    error = config_error(tmp_path)
    assert isinstance(error, GeneratorError)
    assert error.path == config
    assert str(error).startswith(f"{config}: ")
    assert "'seed_dir'" in error.message
    assert "known: " + ", ".join(KNOWN) in error.message
    assert "project_dir" not in error.message  # not a setting of the file


def test_several_unknown_keys_are_all_named_in_order(tmp_path: Path) -> None:
    write_toml(tmp_path, 'zeta = 1\nalpha = 2\nmodel = "x"\n')
    error = config_error(tmp_path)
    assert "unknown setting(s) 'alpha', 'zeta';" in error.message


def test_toml_table_is_an_unknown_key(tmp_path: Path) -> None:
    write_toml(tmp_path, "[tool.briefing]\nmodel = 'x'\n")
    assert "'tool'" in config_error(tmp_path).message


def test_project_dir_in_the_settings_file_is_refused(tmp_path: Path) -> None:
    write_toml(tmp_path, 'project_dir = "/tmp"\n')
    assert "'project_dir'" in config_error(tmp_path).message


def test_unknown_override_without_a_settings_file(tmp_path: Path) -> None:
    error = config_error(tmp_path, colour="blue")
    assert error.path is None
    assert str(error).startswith("unknown setting(s) 'colour'")


def test_invalid_toml_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    config = write_toml(tmp_path, "model = \n")
    error = config_error(tmp_path)
    assert error.path == config
    assert "TOML" in error.message


def test_settings_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_bytes('model = "caf\xe9"\n'.encode("latin-1"))
    assert config_error(tmp_path).path == tmp_path.resolve() / SETTINGS_FILE


@pytest.mark.parametrize("name", ["max_seed_bytes", "max_actors"])
@pytest.mark.parametrize("value", ["0", "-1", '"big"', "1.5", "[1]"])
def test_bad_limits_in_the_settings_file(tmp_path: Path, name: str, value: str) -> None:
    write_toml(tmp_path, f"{name} = {value}\n")
    error = config_error(tmp_path)
    assert error.message.startswith(f"{name} must be a positive integer, got ")


@pytest.mark.parametrize("value", [0, -5, "1000", 2.0])
def test_bad_max_seed_bytes_override(tmp_path: Path, value: object) -> None:
    error = config_error(tmp_path, max_seed_bytes=value)
    assert error.message == f"max_seed_bytes must be a positive integer, got {value!r}"


def test_boolean_max_seed_bytes_is_refused(tmp_path: Path) -> None:
    write_toml(tmp_path, "max_seed_bytes = true\n")
    config_error(tmp_path)


def test_non_boolean_force_is_refused(tmp_path: Path) -> None:
    write_toml(tmp_path, 'force = "false"\n')
    config_error(tmp_path)


def test_non_string_path_setting_is_a_config_error(tmp_path: Path) -> None:
    write_toml(tmp_path, "seeds_dir = 3\n")
    assert "seeds_dir" in config_error(tmp_path).message


def test_bad_limit_error_names_the_settings_file(tmp_path: Path) -> None:
    config = write_toml(tmp_path, "max_seed_bytes = 0\n")
    assert config_error(tmp_path).path == config


@pytest.mark.parametrize("value", ["", "tcp://10.0.0.5:8786", "tls://scheduler:8786", "local:2"])
def test_scheduler_takes_an_address_local_n_or_nothing(tmp_path: Path, value: str) -> None:
    write_toml(tmp_path, f'scheduler = "{value}"\n')
    assert load_settings(tmp_path).scheduler == value


@pytest.mark.parametrize("value", ["10.0.0.5:8786", "local", "local:0", "local:two", "dask"])
def test_a_scheduler_that_is_no_address_is_refused_naming_the_file(
    tmp_path: Path, value: str
) -> None:
    config = write_toml(tmp_path, f'scheduler = "{value}"\n')
    error = config_error(tmp_path)
    assert error.path == config
    assert repr(value) in error.message
    assert "tcp://HOST:8786" in error.message and "local:N" in error.message
