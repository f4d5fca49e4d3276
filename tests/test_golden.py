"""Golden tests: each tests/golden/<case>/ holds an input and the reviewed expected outputs.

A case's input is ``input.txt`` / ``input.md``, or ``input.path`` naming a seed of the
repository. Run ``pytest --update-goldens`` to rewrite the expected files, then read the diff
before committing it: the expected files are reviewed by a person, not copied blindly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.extract import build_briefing
from generator.loaders import load
from generator.render import render

GOLDEN = Path(__file__).parent / "golden"
ROOT = GOLDEN.parent.parent
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def case_input(case: Path) -> tuple[Path, str]:
    pointer = case / "input.path"
    if pointer.exists():
        relative = pointer.read_text(encoding="utf-8").strip()
        return ROOT / relative, relative
    (source,) = sorted(case.glob("input.*"))
    return source, f"{case.name}/{source.name}"


def outputs(case_name: str) -> tuple[str, str]:
    source, shown = case_input(GOLDEN / case_name)
    document = load(source, display_path=shown)
    briefing = build_briefing(document, load_settings(ROOT))
    return render(briefing), json.dumps(briefing.to_dict(), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("case_name", CASES)
def test_golden(case_name: str, request: pytest.FixtureRequest, nlp: object) -> None:
    markdown, as_json = outputs(case_name)
    case = GOLDEN / case_name
    if request.config.getoption("--update-goldens"):
        (case / "expected.md").write_text(markdown, encoding="utf-8")
        (case / "expected.json").write_text(as_json, encoding="utf-8")
    assert markdown == (case / "expected.md").read_text(encoding="utf-8")
    assert as_json == (case / "expected.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("case_name", CASES)
def test_deterministic(case_name: str, nlp: object) -> None:
    """The same input renders to the same bytes, run after run."""
    first = outputs(case_name)
    for _ in range(3):
        assert outputs(case_name) == first
