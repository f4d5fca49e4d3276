"""Measure generation speed: cold runs, no-change runs, and plain spaCy on the same texts.

    .venv/bin/python benchmarks/generate.py [--sizes 100 1000] [--eval-dir ../shared/eval]

Seeds are article-sized texts from ../shared/eval (news articles), written into a temporary
project (never into the repository); past the number of distinct articles, copies get a
numbered first line so every seed is a distinct document. For each size it prints:

- cold generation (empty cache, empty site_src/) in seconds and documents per second, with the
  default worker count (every core);
- plain spaCy ``nlp.pipe`` on the same texts with as many processes, the ceiling to compare with;
- a second, no-change run: in-process, and as the user runs it (``briefing generate``, a new
  process that also pays for its imports).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analysis import worker_count  # noqa: E402
from generator.config import load_settings  # noqa: E402
from generator.extract._nlp import pipeline_for  # noqa: E402
from generator.loaders.normalize import normalize_text  # noqa: E402
from generator.pipeline import run  # noqa: E402


def articles(eval_dir: Path) -> list[str]:
    texts = []
    for name in ("frank_dev.jsonl", "wikinews_salience_dev.jsonl"):
        with (eval_dir / name).open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def make_project(folder: Path, texts: list[str], size: int) -> list[str]:
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(
        ROOT / "site_src",
        folder / "site_src",
        ignore=shutil.ignore_patterns("briefings", "index.md"),
    )
    (folder / "seeds").mkdir()
    written = []
    for number in range(size):
        text = texts[number % len(texts)]
        if number >= len(texts):
            text = f"Copy {number // len(texts)} of a report.\n\n{text}"
        (folder / "seeds" / f"doc-{number:05d}.txt").write_text(text, encoding="utf-8")
        written.append(normalize_text(text))
    return written


def plain_spacy(texts: list[str], processes: int) -> float:
    """Return the seconds plain ``nlp.pipe`` takes on ``texts`` (model already loaded)."""
    import spacy

    nlp = spacy.load(load_settings(ROOT).model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16, n_process=processes):
        pass
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()
    if not args.eval_dir.is_dir():
        print(f"error: {args.eval_dir} not found; pass --eval-dir", file=sys.stderr)
        return 2
    texts = articles(args.eval_dir)
    cores = len(os.sched_getaffinity(0))
    print(f"# Generation speed ({cores} cores)\n")
    print(
        "| seeds | words | workers | cold run | docs/s | plain spaCy nlp.pipe | docs/s "
        "| cold / spaCy | no-change run (in-process) | no-change `briefing generate` |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            seeds = make_project(project, texts, size)
            words = sum(len(t.split()) for t in seeds)
            settings = load_settings(project)
            workers = worker_count(settings, size)
            pipeline_for(settings)  # load the model outside the timings, as for plain spaCy
            started = time.perf_counter()
            report = run(settings)
            cold = time.perf_counter() - started
            assert report.analysed == size and not report.failures
            spacy_seconds = plain_spacy(seeds, workers)
            started = time.perf_counter()
            again = run(settings)
            warm = time.perf_counter() - started
            assert again.analysed == 0
            command = [str(Path(sys.executable).parent / "briefing"), "generate", "-q"]
            started = time.perf_counter()
            subprocess.run([*command, "--project", str(project)], check=True)
            cli = time.perf_counter() - started
        print(
            f"| {size:,} | {words:,} | {workers} | {cold:.1f} s | {size / cold:.1f} "
            f"| {spacy_seconds:.1f} s | {size / spacy_seconds:.1f} | {spacy_seconds / cold:.0%} "
            f"| {warm:.2f} s | {cli:.2f} s |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
