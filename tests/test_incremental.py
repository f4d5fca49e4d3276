"""Regeneration: incremental, deterministic, parallel, crash-safe; `check` and `diff`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from generator import cache as cache_module
from generator.cli import cli
from generator.config import Settings, load_settings
from generator.pipeline import check, conflicts, run
from generator.write import parse_page
from tests.conftest import COUNTRIES, ROOT, seed_text, skip_generated

pytestmark = pytest.mark.usefixtures("nlp")


def make_seeds(settings: Settings, count: int) -> None:
    for number in range(count):
        (settings.path("seeds_dir") / f"seed-{number:03d}.txt").write_text(
            seed_text(number), encoding="utf-8"
        )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_unchanged_seeds_are_not_analysed_and_pages_not_rewritten(settings: Settings) -> None:
    make_seeds(settings, 3)
    first = run(settings)
    assert first.analysed == 3
    mtimes = {p: p.stat().st_mtime_ns for p in settings.briefings_dir.glob("*.md")}
    second = run(settings)
    assert second.analysed == 0
    assert second.count("created") == second.count("updated") == 0 and second.count("unchanged")
    assert {p: p.stat().st_mtime_ns for p in settings.briefings_dir.glob("*.md")} == mtimes
    (settings.path("seeds_dir") / "seed-001.txt").write_text(seed_text(7), encoding="utf-8")
    third = run(settings)
    assert third.analysed == 1
    updated = {w.path.name for w in third.written if w.status == "updated"}
    # The changed briefing and the site-wide pages follow; other briefings may change only in
    # their "Related briefings" foot.
    assert {"seed-001.md", "index.md"} <= updated


def test_a_generator_change_makes_every_page_stale(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_seeds(settings, 2)
    run(settings)
    assert check(settings).ok
    monkeypatch.setattr(cache_module, "fingerprint", lambda model: "0" * 16)
    report = check(settings)
    assert [line.split(": ", 1)[1] for line in report.stale] == [
        "stale, the generator changed",
        "stale, the generator changed",
    ]
    assert run(settings).analysed == 2


def test_check_reports_stale_seeds_conflicts_and_removed_seeds(settings: Settings) -> None:
    make_seeds(settings, 3)
    runner = CliRunner()
    project = ["--project", str(settings.project_dir)]
    assert runner.invoke(cli, ["check", *project]).exit_code == 1  # nothing generated yet
    run(settings)
    result = runner.invoke(cli, ["check", *project])
    assert result.exit_code == 0, result.output

    seeds = settings.path("seeds_dir")
    (seeds / "seed-000.txt").write_text(seed_text(5), encoding="utf-8")
    result = runner.invoke(cli, ["check", *project])
    assert result.exit_code == 1
    assert "site_src/briefings/seed-000.md: stale, its seed changed" in result.output
    run(settings)

    # A hand edit the generator agrees with is fine; one it disagrees with is a conflict.
    page = settings.briefings_dir / "seed-001.md"
    page.write_text(page.read_text().replace("## Open questions", "## Open questions (mine)"))
    assert check(settings).ok
    more = "Analysts expect that Chile will respond with sanctions next month.\n"
    (seeds / "seed-001.txt").write_text(seed_text(1) + more, encoding="utf-8")
    run(settings)
    report = check(settings)
    assert report.conflicts == [
        "site_src/briefings/seed-001.md: the 'open-questions' section has hand edits in conflict"
    ]
    assert not report.stale

    (seeds / "seed-002.txt").unlink()
    assert "site_src/briefings/seed-002.md: stale, its seed is gone" in check(settings).stale


def test_diff_shows_the_kept_text_beside_the_generated_text(settings: Settings) -> None:
    make_seeds(settings, 1)
    run(settings)
    page = settings.briefings_dir / "seed-000.md"
    page.write_text(page.read_text().replace("## Summary", "## Summary (checked by Ana)"))
    (settings.path("seeds_dir") / "seed-000.txt").write_text(seed_text(4), encoding="utf-8")
    run(settings)
    [(where, section, mine, generated)] = list(conflicts(settings))
    assert (where, section) == ("site_src/briefings/seed-000.md", "summary")
    assert "checked by Ana" in mine and "Norway" in generated
    result = CliRunner().invoke(cli, ["diff", "--project", str(settings.project_dir)])
    assert "+++ site_src/briefings/seed-000.md [summary] (generated, not applied)" in result.output
    assert "-## Summary (checked by Ana)" in result.output

    # `keep` resolves the conflict in favour of the person, until the seed changes again.
    assert not check(settings).ok
    CliRunner().invoke(cli, ["keep", "--project", str(settings.project_dir)])
    assert check(settings).ok and "checked by Ana" in page.read_text()
    assert run(settings).conflicts == []
    (settings.path("seeds_dir") / "seed-000.txt").write_text(seed_text(2), encoding="utf-8")
    assert run(settings).conflicts and "checked by Ana" in page.read_text()


def test_a_page_deleted_by_hand_stays_deleted_unless_forced(project: Path) -> None:
    settings = load_settings(project)
    make_seeds(settings, 2)
    run(settings)
    page = settings.briefings_dir / "seed-000.md"
    page.unlink()
    report = run(settings)
    assert not page.exists() and report.deleted_by_hand == [page]
    assert check(settings).ok
    run(load_settings(project, force=True))
    assert page.exists()


def test_output_is_identical_whatever_the_worker_count_and_listing_order(
    tmp_path: Path,
) -> None:
    outputs = []
    for workers, order in [(1, 1), (2, -1), (3, 1)]:
        project = tmp_path / f"w{workers}"
        shutil.copytree(ROOT / "site_src", project / "site_src", ignore=skip_generated)
        (project / "seeds").mkdir()
        for number in list(range(12))[::order]:  # files created in a different order
            (project / "seeds" / f"seed-{number:03d}.txt").write_text(seed_text(number))
        report = run(load_settings(project, workers=workers))
        assert report.analysed == 12
        outputs.append(snapshot(project / "site_src"))
    assert outputs[0] == outputs[1] == outputs[2]
    briefings = [name for name in outputs[0] if name.startswith("briefings/")]
    actors = [name for name in outputs[0] if name.startswith("actors/")]
    assert len(briefings) == 12 and len(actors) == len(COUNTRIES) + 1  # + the overview


def test_a_killed_run_leaves_whole_pages_and_the_next_run_completes(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    killed = tmp_path / "killed"
    for project in (reference, killed):
        shutil.copytree(ROOT / "site_src", project / "site_src", ignore=skip_generated)
        (project / "seeds").mkdir()
        for number in range(40):
            (project / "seeds" / f"seed-{number:03d}.txt").write_text(seed_text(number))
    run(load_settings(reference, workers=1))

    command = [sys.executable, "-m", "generator", "generate", "-q", "-j", "1"]
    child = subprocess.Popen([*command, "--project", str(killed)])
    cache_dir = killed / ".briefing" / "cache"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(cache_dir.glob("*.json"))) < 5:
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert len(list(cache_dir.glob("*.json"))) < 40, "the run ended before it was killed"
    briefings = killed / "site_src" / "briefings"
    for page in briefings.glob("*.md") if briefings.exists() else []:
        blocks = parse_page(page.read_text(encoding="utf-8")).blocks
        assert "source-text" in blocks, f"{page.name} is half-written"

    finished = run(load_settings(killed, workers=1))
    assert not finished.failures
    assert snapshot(killed / "site_src") == snapshot(reference / "site_src")
    assert not list(killed.rglob(".*.tmp")), "temporary files were left behind"


@hypothesis_settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(["summary", "actors", "policy-shift", "open-questions"]),
            st.text(alphabet="abcdefghij ", min_size=3, max_size=20),
        ),
        min_size=1,
        max_size=3,
    ),
    note=st.text(alphabet="klmnopqrst ", min_size=3, max_size=20),
    seed_change=st.integers(min_value=0, max_value=7),
)
def test_no_hand_edit_is_ever_lost(
    project: Path, edits: list[tuple[str, str]], note: str, seed_change: int
) -> None:
    """Random edits in random sections, a note outside them, then a random seed change."""
    settings = load_settings(project)
    seeds = settings.path("seeds_dir")
    for old in seeds.glob("*"):
        old.unlink()
    shutil.rmtree(settings.briefings_dir, ignore_errors=True)
    shutil.rmtree(settings.path("state_dir"), ignore_errors=True)
    (seeds / "doc.txt").write_text(seed_text(0), encoding="utf-8")
    run(settings)
    page = settings.briefings_dir / "doc.md"
    text = page.read_text(encoding="utf-8")
    marked = []
    for section, words in edits:
        marker = f"EDIT<{section}:{words}>"
        start = f"<!-- generator:start {section} -->\n"
        text = text.replace(start, start + marker + "\n", 1)
        marked.append(marker)
    note_line = f"\nNOTE<{note}>\n"
    text = text.replace(
        "<!-- generator:start source-text -->", note_line + "<!-- generator:start source-text -->"
    )
    page.write_text(text, encoding="utf-8")

    (seeds / "doc.txt").write_text(seed_text(seed_change), encoding="utf-8")
    run(settings)
    after = page.read_text(encoding="utf-8")
    for marker in marked:
        assert marker in after
    assert note_line in after
    json.dumps(check(settings).conflicts)  # check runs and reports without raising
