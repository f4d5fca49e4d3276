"""Hand edits under attack: random rounds of whole-page operations, and the strings lost.

Each round (a hypothesis example) starts a fresh project and plays 3-10 random steps on it:
seeds added, removed, renamed (onto names that compete for the same page) and changed;
notes written on any generated page (briefings, actor, timeline, tags, home and search pages) at
the end, before a section, inside one, after a misspelt end marker, or on a page saved with
CRLF or holding a lone CR; sections duplicated; pages copied, or deleted by hand; the
``search`` setting switched; ``briefing keep``; and ``briefing generate`` after each step.
After every run, every note written on a page still existing (a person may delete a page,
and with it their notes) must still be in that page, byte for byte. A page deleted by hand
must still be gone after the next run.

The real pipeline runs every step; the analysis cache is shared by all rounds, so spaCy
parses each (seed name, text) once. ``tests/test_hand_edit_rounds.py`` runs a few dozen
rounds; this script runs 1,000 and prints the figures:

    .venv/bin/python benchmarks/hand_edits.py [--rounds 1000]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.config import load_settings  # noqa: E402
from generator.pipeline import keep_mine, run  # noqa: E402

NAMES = ("a.txt", "A.txt", "b.txt", "c.md")
TEXTS = (
    "Japan agreed on Monday to sell six patrol boats to Chile.\n"
    "Critics argue that the deal could draw Japan into regional disputes.\n",
    "Kenya banned plastic bags in 2017, a shift in its environmental policy.\n"
    "It remains unclear how the ban will be enforced.\n",
    "Norway lifted its ban on arms exports to Brazil on Friday.\n"
    "Officials said the decision marks a shift in policy.\n",
    "---\ntitle: Egypt and India\ndate: 2024-03-05\n---\n"
    "Egypt and India signed a trade deal on Tuesday.\n",
)
GENERATED = ("briefings", "actors", "timeline", "index.md", "timeline.md", "tags.md", "search.md")
WHERE = ("end", "before a section", "inside a section", "after a damaged marker", "crlf", "cr")
_START = re.compile(r"^<!-- generator:start [a-z0-9-]+ -->\r?\n", re.M)
_END = re.compile(r"^<!-- generator:end [a-z0-9-]+ sum=\w+ -->\r?\n", re.M)
_BLOCK = re.compile(
    r"^<!-- generator:start ([a-z0-9-]+) -->\r?\n.*?^<!-- generator:end \1 sum=\w+ -->\r?\n",
    re.M | re.S,
)


@dataclass
class Figures:
    rounds: int = 0
    steps: int = 0
    runs: int = 0
    notes: int = 0
    lost: list[str] = field(default_factory=list)
    """Notes missing from their page after a run ("page: note")."""
    resurrected: list[str] = field(default_factory=list)
    """Pages deleted by hand that a run wrote again."""
    kept_conflicts: int = 0
    seconds: float = 0.0


def new_project(folder: Path) -> Path:
    """Return a project folder in ``folder``: mkdocs.yml and the static part of site_src."""
    project = folder / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(
        ROOT / "site_src",
        project / "site_src",
        ignore=lambda d, names: (
            {n for n in names if n in GENERATED} if Path(d) == ROOT / "site_src" else set()
        ),
    )
    (project / "seeds").mkdir()
    return project


def reset(project: Path) -> None:
    """Empty the project for a new round; the analysis cache stays."""
    for name in GENERATED:
        target = project / "site_src" / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
    for extra in (project / "site_src" / "briefings").glob("*"):
        extra.unlink()
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    (project / ".briefing" / "state.json").unlink(missing_ok=True)
    (project / "briefing.toml").unlink(missing_ok=True)


def pages(project: Path) -> list[Path]:
    docs = project / "site_src"
    found = [
        p for folder in ("briefings", "actors", "timeline") for p in docs.glob(f"{folder}/*.md")
    ]
    loose = ("index.md", "timeline.md", "tags.md", "search.md")
    found += [docs / n for n in loose if (docs / n).exists()]
    return sorted(found)


class Round:
    """One round: the project, the notes written so far, and the pages deleted by hand."""

    def __init__(self, project: Path, figures: Figures) -> None:
        self.project = project
        self.figures = figures
        self.notes: dict[Path, list[str]] = {}
        self.deleted: set[Path] = set()

    def note(self, data: st.DataObject, where: str) -> None:
        candidates = pages(self.project)
        if not candidates:
            return
        page = data.draw(st.sampled_from(candidates), label="page")
        text = page.read_bytes().decode("utf-8")
        number = self.figures.notes
        words = data.draw(st.text(alphabet="abcdefghij ", max_size=12), label="words")
        note = f"NOTE{number} {words}"
        if where == "crlf":
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
            note = f"{note} (saved with CRLF)"
        elif where == "cr":
            note = f"{note}\rafter a lone CR"
        line = f"\n{note}\n" if where != "crlf" else f"\r\n{note}\r\n"
        starts = list(_START.finditer(text))
        ends = list(_END.finditer(text))
        if where == "before a section" and starts:
            at = data.draw(st.sampled_from(starts), label="section").start()
            text = text[:at] + line.lstrip("\r\n") + text[at:]
        elif where == "inside a section" and starts:
            at = data.draw(st.sampled_from(starts), label="section").end()
            text = text[:at] + line.lstrip("\r\n") + text[at:]
        elif where == "after a damaged marker" and ends:
            end = data.draw(st.sampled_from(ends), label="marker")
            damaged = end.group().replace("generator:end", "generator:ned")
            text = text[: end.start()] + damaged + line.lstrip("\r\n") + text[end.end() :]
        else:
            text += line
        page.write_bytes(text.encode("utf-8"))
        self.notes.setdefault(page, []).append(note)
        self.figures.notes += 1

    def duplicate(self, data: st.DataObject) -> None:
        candidates = [p for p in pages(self.project) if _BLOCK.search(p.read_text())]
        if not candidates:
            return
        page = data.draw(st.sampled_from(candidates), label="page")
        text = page.read_bytes().decode("utf-8")
        block = data.draw(st.sampled_from(list(_BLOCK.finditer(text))), label="block")
        note = f"NOTE{self.figures.notes} in the first copy of {block.group(1)}"
        first = block.group().replace("\n", f"\n{note}\n", 1)
        page.write_bytes((text[: block.start()] + first + text[block.start() :]).encode())
        self.notes.setdefault(page, []).append(note)
        self.figures.notes += 1

    def copy(self, data: st.DataObject) -> None:
        candidates = [p for p in pages(self.project) if p.parent.name == "briefings"]
        if not candidates:
            return
        page = data.draw(st.sampled_from(candidates), label="page")
        copy = page.with_name(f"{page.stem}-annotated.md")
        note = f"NOTE{self.figures.notes} on a copy"
        with_note = data.draw(st.booleans(), label="with a note")
        copy.write_bytes(page.read_bytes() + (f"\n{note}\n".encode() if with_note else b""))
        self.notes[copy] = [*self.notes.get(page, []), *([note] if with_note else [])]
        self.figures.notes += 1

    def delete(self, data: st.DataObject) -> None:
        candidates = pages(self.project)
        if candidates:
            page = data.draw(st.sampled_from(candidates), label="page")
            page.unlink()
            self.notes.pop(page, None)
            self.deleted.add(page)

    def generate(self, *, keep: bool = False) -> None:
        options = load_settings(self.project, workers=1)
        if keep:
            keep_mine(options, set())
        else:
            report = run(options)
            self.figures.runs += 1
            self.figures.kept_conflicts += len(report.conflicts)
            for page in sorted(self.deleted):
                if page.exists():
                    self.figures.resurrected.append(str(page))
        self.deleted.clear()
        for page, notes in self.notes.items():
            if not page.exists():
                self.figures.lost.extend(f"{page.name}: {n} (page gone)" for n in notes)
                continue
            text = page.read_bytes().decode("utf-8")
            self.figures.lost.extend(f"{page.name}: {n}" for n in notes if n not in text)
        self.notes = {p: n for p, n in self.notes.items() if p.exists()}


STEPS = ("add", "remove", "rename", "change", "note", "duplicate", "copy", "delete")
STEPS += ("search", "keep")


def play(data: st.DataObject, project: Path, figures: Figures) -> None:
    """Play one round on ``project`` (emptied first)."""
    reset(project)
    game = Round(project, figures)
    seeds = project / "seeds"
    for name in data.draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True)):
        (seeds / name).write_text(data.draw(st.sampled_from(TEXTS)), encoding="utf-8")
    game.generate()
    for _ in range(data.draw(st.integers(3, 10), label="steps")):
        step = data.draw(st.sampled_from(STEPS), label="step")
        figures.steps += 1
        present = sorted(p.name for p in seeds.iterdir())
        if step == "add" or (step in ("remove", "rename", "change") and not present):
            name = data.draw(st.sampled_from(NAMES), label="seed")
            (seeds / name).write_text(data.draw(st.sampled_from(TEXTS)), encoding="utf-8")
        elif step == "remove":
            (seeds / data.draw(st.sampled_from(present), label="seed")).unlink()
        elif step == "rename":
            old = data.draw(st.sampled_from(present), label="seed")
            (seeds / old).rename(seeds / data.draw(st.sampled_from(NAMES), label="to"))
        elif step == "change":
            name = data.draw(st.sampled_from(present), label="seed")
            (seeds / name).write_text(data.draw(st.sampled_from(TEXTS)), encoding="utf-8")
        elif step == "note":
            game.note(data, data.draw(st.sampled_from(WHERE), label="where"))
        elif step == "duplicate":
            game.duplicate(data)
        elif step == "copy":
            game.copy(data)
        elif step == "delete":
            game.delete(data)
        elif step == "search":
            engine = data.draw(st.sampled_from(["pagefind", "material", "auto"]), label="search")
            (project / "briefing.toml").write_text(f'search = "{engine}"\n', encoding="utf-8")
        game.generate(keep=step == "keep")


def rounds(count: int, folder: Path | None = None) -> Figures:
    """Play ``count`` rounds (hypothesis examples) and return the figures."""
    figures = Figures()
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        project = new_project(Path(tmp))

        @settings(
            max_examples=count,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(data=st.data())
        def one_round(data: st.DataObject) -> None:
            figures.rounds += 1
            play(data, project, figures)

        started = time.perf_counter()
        one_round()
        figures.seconds = time.perf_counter() - started
    return figures


def main() -> None:
    import logging

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1000)
    options = parser.parse_args()
    logging.getLogger("generator").setLevel(logging.ERROR)
    figures = rounds(options.rounds)
    print(f"rounds: {figures.rounds}")
    print(f"steps: {figures.steps}, generate runs: {figures.runs}")
    print(f"notes written: {figures.notes}")
    print(f"notes lost: {len(figures.lost)}")
    for lost in figures.lost[:20]:
        print(f"  {lost}")
    print(f"pages deleted by hand and written again: {len(figures.resurrected)}")
    print(f"pages kept and reported (conflicts): {figures.kept_conflicts}")
    print(f"time: {figures.seconds:.0f} s ({figures.seconds / max(figures.rounds, 1):.2f} s/round)")
    sys.exit(1 if figures.lost or figures.resurrected else 0)


if __name__ == "__main__":
    main()
