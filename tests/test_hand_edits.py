"""Hand edits are never lost (issue 11, items 1-4, 12, 16, 18): whole pages, not only sections.

Each test reproduces a case the red-team pass found, on a real project and the real pipeline.
"""

from __future__ import annotations

import json
import logging
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.config import Settings, load_settings
from generator.pipeline import check, keep_mine, run
from generator.write import parse_page

pytestmark = pytest.mark.usefixtures("nlp")

TEXT = {
    "a": "Japan agreed on Monday to sell six patrol boats to Chile.\n"
    "Critics argue that the deal could draw Japan into regional disputes.\n",
    "b": "Kenya banned plastic bags in 2017, a shift in its environmental policy.\n"
    "It remains unclear how the ban will be enforced.\n",
}
NOTE = "\n## My notes\n\nChecked with the ministry on Tuesday.\n"


def seed(settings: Settings, name: str, text: str) -> Path:
    path = settings.path("seeds_dir") / name
    path.write_text(text, encoding="utf-8")
    return path


def page(settings: Settings, rel: str) -> Path:
    return settings.path("docs_dir") / rel


def append(path: Path, text: str) -> str:
    content = path.read_text(encoding="utf-8") + text
    path.write_text(content, encoding="utf-8")
    return content


# --- item 1: a page with notes is never deleted -----------------------------------------------


def test_notes_after_the_markers_keep_the_page_when_its_seed_is_removed(
    settings: Settings,
) -> None:
    seed(settings, "a.txt", TEXT["a"])
    seed(settings, "b.txt", TEXT["b"])
    run(settings)
    notes = append(page(settings, "briefings/a.md"), NOTE)
    (settings.path("seeds_dir") / "a.txt").unlink()
    report = run(settings)
    assert page(settings, "briefings/a.md").read_text(encoding="utf-8") == notes
    assert page(settings, "briefings/a.md") not in report.removed
    [message] = [c for c in report.conflicts if "briefings/a.md" in c]
    assert "is kept" in message and "briefing keep site_src/briefings/a.md" in message
    # `check` fails until someone decides; `keep` makes the page theirs (markers removed).
    assert not check(settings).ok
    assert keep_mine(settings, set()) == ["site_src/briefings/a.md"]
    kept = page(settings, "briefings/a.md").read_text(encoding="utf-8")
    assert "generator:" not in kept and NOTE in kept and "## Summary" in kept
    assert check(settings).ok
    assert run(settings).conflicts == []
    assert page(settings, "briefings/a.md").read_text(encoding="utf-8") == kept


def test_an_untouched_page_of_a_removed_seed_is_still_removed(settings: Settings) -> None:
    seed(settings, "a.txt", TEXT["a"])
    seed(settings, "b.txt", TEXT["b"])
    run(settings)
    (settings.path("seeds_dir") / "a.txt").unlink()
    assert "site_src/briefings/a.md: stale, its seed is gone" in check(settings).stale
    report = run(settings)
    assert not page(settings, "briefings/a.md").exists()
    assert page(settings, "briefings/a.md") in report.removed
    assert check(settings).ok


def test_a_line_added_after_a_misspelt_end_marker_keeps_the_page(settings: Settings) -> None:
    seed(settings, "a.txt", TEXT["a"])
    seed(settings, "b.txt", TEXT["b"])
    run(settings)
    path = page(settings, "briefings/a.md")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<!-- generator:end summary ", "<!-- generator:ned summary ", text)
    text = text.replace("## Key actors\n", "## Key actors\n\nAsk the embassy about Chile.\n")
    path.write_text(text, encoding="utf-8")
    (settings.path("seeds_dir") / "a.txt").unlink()
    run(settings)
    assert path.read_text(encoding="utf-8") == text


def test_an_edited_first_copy_of_a_duplicated_section_keeps_the_page(settings: Settings) -> None:
    seed(settings, "a.txt", TEXT["a"])
    seed(settings, "b.txt", TEXT["b"])
    run(settings)
    path = page(settings, "briefings/a.md")
    text = path.read_text(encoding="utf-8")
    block = re.search(r"<!-- generator:start summary -->.*?sum=\w+ -->\n", text, re.S)
    assert block is not None
    edited = block.group().replace("## Summary", "## Summary (my copy, annotated)")
    text = text.replace(block.group(), edited + block.group())
    path.write_text(text, encoding="utf-8")
    (settings.path("seeds_dir") / "a.txt").unlink()
    run(settings)
    assert path.read_text(encoding="utf-8") == text


def test_notes_on_an_actor_page_survive_the_actor_leaving(settings: Settings) -> None:
    seed(settings, "a.txt", TEXT["a"])
    seed(settings, "b.txt", TEXT["b"])
    run(settings)
    actor = page(settings, "actors/chile.md")
    notes = append(actor, NOTE)
    seed(settings, "a.txt", TEXT["a"].replace("Chile", "the navy"))
    report = run(settings)
    assert actor.read_text(encoding="utf-8") == notes
    assert any("actors/chile.md" in c for c in report.conflicts)
    assert not check(settings).ok


def test_notes_on_the_search_page_survive_a_change_of_search(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    seed(settings, "a.txt", TEXT["a"])
    toml = settings.project_dir / "briefing.toml"
    toml.write_text('search = "pagefind"\n', encoding="utf-8")
    run(load_settings(settings.project_dir))
    notes = append(page(settings, "search.md"), NOTE)
    toml.write_text('search = "material"\n', encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="generator"):
        run(load_settings(settings.project_dir))
    assert page(settings, "search.md").read_text(encoding="utf-8") == notes
    assert any("search.md: no longer generated" in m for m in caplog.messages)
    # Untouched, the page goes with the setting, and comes back with it.
    page(settings, "search.md").unlink()
    toml.write_text('search = "pagefind"\n', encoding="utf-8")
    run(load_settings(settings.project_dir))
    assert page(settings, "search.md").exists()
    toml.write_text('search = "material"\n', encoding="utf-8")
    report = run(load_settings(settings.project_dir))
    assert page(settings, "search.md") in report.removed


@pytest.mark.parametrize("with_note", [True, False])
def test_a_copy_of_a_page_is_never_deleted(settings: Settings, with_note: bool) -> None:
    seed(settings, "a.txt", TEXT["a"])
    run(settings)
    original = page(settings, "briefings/a.md").read_text(encoding="utf-8")
    copy = page(settings, "briefings/a-annotated.md")
    copy.write_text(original + (NOTE if with_note else ""), encoding="utf-8")
    before = copy.read_text(encoding="utf-8")
    report = run(settings)
    assert copy.read_text(encoding="utf-8") == before
    assert any("a-annotated.md" in c for c in report.conflicts)


# --- item 2: a seed keeps its page name --------------------------------------------------------


@pytest.mark.parametrize("forget_state", [False, True])
def test_a_new_seed_never_takes_the_page_of_an_existing_one(
    settings: Settings, forget_state: bool
) -> None:
    seed(settings, "a.txt", TEXT["a"])
    run(settings)
    notes = append(page(settings, "briefings/a.md"), NOTE)
    page(settings, "briefings/a-annotated.md").write_text(notes, encoding="utf-8")  # a copy
    seed(settings, "A.txt", TEXT["b"])
    if forget_state:  # the state is a cache: the page still says which seed it came from
        (settings.path("state_dir") / "state.json").unlink()
    run(settings)
    mine = page(settings, "briefings/a.md").read_text(encoding="utf-8")
    assert mine.startswith("---\ntitle:") and 'seed: "seeds/a.txt"' in mine
    assert mine.endswith(NOTE) and "patrol boats" in mine
    assert notes.split("<!-- generator:start source-text")[0] in mine
    other = page(settings, "briefings/a-txt.md").read_text(encoding="utf-8")
    assert 'seed: "seeds/A.txt"' in other and "plastic bags" in other
    names = json.loads((settings.path("state_dir") / "state.json").read_text())["pages"]
    assert names["a"]["seed"] == "seeds/a.txt" and names["a-txt"]["seed"] == "seeds/A.txt"


# --- item 3: carriage returns are kept ---------------------------------------------------------


def test_a_crlf_page_and_a_lone_cr_keep_every_byte_outside_the_markers(
    settings: Settings,
) -> None:
    seed(settings, "a.txt", TEXT["a"])
    run(settings)
    path = page(settings, "briefings/a.md")
    crlf = path.read_bytes().replace(b"\n", b"\r\n") + b"\r\nMy note\rwith a lone CR.\r\n"
    path.write_bytes(crlf)
    seed(settings, "a.txt", TEXT["a"].replace("six", "eight"))
    report = run(settings)
    after = path.read_bytes()
    assert after.endswith(b"\r\nMy note\rwith a lone CR.\r\n")
    assert b"eight patrol boats" in after  # untouched sections still follow the seed
    assert b"\n" not in after.replace(b"\r\n", b"")  # the page stays CRLF throughout
    assert report.conflicts == []
    mixed = path.read_bytes().replace(b"\r\n", b"\n") + b"Mixed\r\nline endings\r\n"
    path.write_bytes(mixed)
    seed(settings, "a.txt", TEXT["a"])
    run(settings)
    assert path.read_bytes().endswith(b"Mixed\r\nline endings\r\n")


# --- item 4: hand-deleted actor and timeline pages stay deleted -------------------------------


def test_actor_and_timeline_pages_deleted_by_hand_stay_deleted(settings: Settings) -> None:
    seed(settings, "a.txt", TEXT["a"])
    seed(settings, "b.txt", TEXT["b"])
    run(settings)
    gone = [page(settings, "actors/chile.md"), page(settings, "timeline.md")]
    for path in gone:
        path.unlink()
    report = run(settings)
    assert not any(p.exists() for p in gone)
    assert set(gone) <= set(report.deleted_by_hand)
    assert check(settings).ok
    run(load_settings(settings.project_dir, force=True))
    assert all(p.exists() for p in gone)


# --- item 12: a state.json in the wrong shape is a cache to rebuild ----------------------------


@pytest.mark.parametrize(
    "state",
    [
        "[]",
        '{"pages": []}',
        '{"pages": {"a": ["ab"]}}',
        '{"pages": {"a": {"seed": 1, "document": "x", "generator": "y", "settings": "z"}}}',
        '{"pages": {"a": 5}}',
        '{"written": {"briefings/a.md": 3}}',
        "not json",
        '"text"',
    ],
)
def test_a_state_file_in_the_wrong_shape_is_rebuilt_with_a_warning(
    settings: Settings, state: str, caplog: pytest.LogCaptureFixture
) -> None:
    seed(settings, "a.txt", TEXT["a"])
    run(settings)
    (settings.path("state_dir") / "state.json").write_text(state, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="generator"):
        report = run(settings)
    assert not report.failures
    assert any("state.json" in m and "rebuilding it" in m for m in caplog.messages)
    saved = json.loads((settings.path("state_dir") / "state.json").read_text())
    assert saved["pages"]["a"]["seed"] == "seeds/a.txt"
    assert check(settings).ok


# --- item 16: one run at a time ----------------------------------------------------------------

HOLD = """
import sys, time
from pathlib import Path
from generator.lock import project_lock
with project_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_second_run_waits_for_the_lock_and_says_who_holds_it(project: Path) -> None:
    seed(load_settings(project), "a.txt", TEXT["a"])
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(project / ".briefing"), "4"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "-j", "1", "--project", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started >= 2.0, "the second run did not wait"
    assert f"waiting for a process (pid {holder.pid} on " in result.stderr
    assert (project / "site_src" / "briefings" / "a.md").exists()


def test_two_runs_at_once_both_finish_and_agree(project: Path) -> None:
    settings = load_settings(project)
    for number in range(6):
        seed(settings, f"s{number}.txt", TEXT["ab"[number % 2]].replace("six", str(number + 2)))
    command = [sys.executable, "-m", "generator", "generate", "-q", "-j", "1"]
    runs = [
        subprocess.Popen([*command, "--project", str(project)], stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    errors = [r.communicate()[1] for r in runs]
    assert [r.returncode for r in runs] == [0, 0], errors
    assert not any("Traceback" in e for e in errors)
    assert check(settings).ok


# --- item 18: pages follow the umask ---------------------------------------------------------


def test_pages_and_state_are_written_with_the_umask_permissions(settings: Settings) -> None:
    seed(settings, "a.txt", TEXT["a"])
    command = [sys.executable, "-m", "generator", "generate", "-q", "-j", "1", "--project"]
    old = os.umask(0o022)
    try:
        subprocess.run([*command, str(settings.project_dir)], check=True)
    finally:
        os.umask(old)
    for path in (page(settings, "briefings/a.md"), settings.path("state_dir") / "state.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    # A page whose mode a person set keeps it.
    page(settings, "briefings/a.md").chmod(0o640)
    seed(settings, "a.txt", TEXT["a"].replace("six", "nine"))
    run(settings)
    assert stat.S_IMODE(page(settings, "briefings/a.md").stat().st_mode) == 0o640


def test_a_page_keeps_its_blocks_parsed_after_every_case() -> None:
    """The CRLF markers parse as blocks, and the parse is byte for byte."""
    text = "---\r\ntitle: x\r\n# generator:front-matter sum=abc\r\n---\r\nNote\r\n"
    text += "<!-- generator:start a -->\r\nA\r\n<!-- generator:end a sum=123 -->\r\nTail\r"
    parsed = parse_page(text)
    assert set(parsed.blocks) == {"front-matter", "a"}
    assert parsed.text() == text
