"""The ``briefing`` command: help, the JSON contract, exit codes and messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import ROOT, SEED

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(cli.commands[command].help or "") > 20


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"briefing {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.usefixtures("nlp")
def test_show_json_follows_the_documented_contract() -> None:
    result = CliRunner().invoke(cli, ["show", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {
        "title",
        "summary",
        "actors",
        "policy_shift",
        "open_questions",
        "sentences",
    }
    assert isinstance(data["summary"]["bottom_line"], str) and data["summary"]["points"]
    assert all(set(p) == {"text", "cites"} for p in data["summary"]["points"])
    for actor in data["actors"]:
        assert set(actor) == {"name", "type", "mentions", "aliases", "role", "cites", "salience"}
        assert actor["type"] in {"state", "organisation", "person", "group"}
        assert isinstance(actor["mentions"], int) and isinstance(actor["aliases"], list)
    assert all(place["type"] == "place" for place in data["places"])
    assert set(data["policy_shift"]) == {"from", "to", "drivers", "conditions", "status"}
    assert data["policy_shift"]["status"] in {"enacted", "decided", "proposed", "blocked"}
    cited = [c for q in data["open_questions"] for c in q["cites"]]
    assert cited and set(cited) <= set(data["sentences"])
    assert data["sentences"]["s1"].startswith("Japan's decision to export Patriot")


@pytest.mark.usefixtures("nlp")
def test_show_md_prints_the_page_without_writing(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["show", str(SEED), "--project", str(tmp_path)])
    assert result.exit_code == 0
    assert "## Summary" in result.output and "## Open questions" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("nlp")
def test_generate_reports_bad_seeds_and_exits_non_zero(project: Path) -> None:
    (project / "seeds" / "good.txt").write_text("Japan sold missiles to the United States.\n")
    (project / "seeds" / "empty.txt").write_text("")
    result = CliRunner().invoke(cli, ["generate", "--project", str(project)])
    assert result.exit_code == 1
    assert "error: seeds/empty.txt: file is empty" in result.output
    assert "1 seed(s) could not be processed" in result.output
    assert (project / "site_src" / "briefings" / "good.md").exists()


def test_entry_point_turns_errors_into_one_line(tmp_path: Path) -> None:
    """The console script prints "error: PATH: message" and exits 1, no traceback."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--project", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: seeds: seeds folder not found; create it and put .txt or .md documents in it "
        "(or set seeds_dir in briefing.toml)"
    )


@pytest.mark.usefixtures("nlp")
def test_show_picks_one_entry_of_a_file_holding_several(tmp_path: Path) -> None:
    seed = tmp_path / "wire.jsonl"
    seed.write_text(
        '{"title": "First", "text": "Japan sold ships to Peru."}\n'
        '{"title": "Second", "text": "Chile bought tanks from Germany."}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["show", str(seed), "--entry", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["title"] == "Second"
    too_far = CliRunner().invoke(cli, ["show", str(seed), "--entry", "3"])
    assert too_far.exit_code == 1 and "holds 2 document(s); give --entry 1 to 2" in too_far.output
