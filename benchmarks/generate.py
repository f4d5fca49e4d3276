"""Measure generation speed: the process pool, a Dask cluster and plain spaCy, in one run.

    .venv/bin/python benchmarks/generate.py [--sizes 100 1000] [--eval-dir ../shared/eval]
                                            [--repeat N] [--no-dask]

Seeds are article-sized texts from ../shared/eval (news articles), written into a temporary
project (never into the repository); past the number of distinct articles, copies get a
numbered first line so every seed is a distinct document. For each size, each measured with
as many worker processes as the default run uses (every core), it prints one row per engine:

- ``process pool``: a cold run (empty cache, empty site_src/) as ``briefing generate`` does it;
  the pipeline is loaded before the timing (the forked processes share it);
- ``Dask, warm``: the same cold run on a ``LocalCluster`` of as many worker processes (the one
  ``--scheduler local:N`` starts), started and run once on other seeds before the timing, so
  each worker has loaded its pipeline: what a running cluster gives;
- ``Dask local:N``: ``--scheduler local:N`` as a user runs it, the cluster's start and each
  worker's pipeline load included;
- ``plain spaCy``: ``nlp.pipe`` alone on the same texts with as many processes, the ceiling;

in seconds, documents per second and words per second per worker, and each engine's speed
beside the process pool's. With ``--repeat N`` the engines take turns N times and each keeps
its best time (the machine is shared: the best is the least disturbed). Then the no-change
runs: in-process, and as the user runs it (``briefing generate``, a new process that also
pays for its imports).
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
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analysis import worker_count  # noqa: E402
from generator.config import load_settings  # noqa: E402
from generator.extract._nlp import pipeline_for  # noqa: E402
from generator.loaders.normalize import normalize_text  # noqa: E402
from generator.pipeline import run  # noqa: E402

if TYPE_CHECKING:
    from distributed import LocalCluster


def articles(eval_dir: Path) -> list[str]:
    texts = []
    for name in ("frank_dev.jsonl", "wikinews_salience_dev.jsonl"):
        with (eval_dir / name).open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def make_project(folder: Path, texts: list[str], size: int, offset: int = 0) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(
        ROOT / "site_src",
        folder / "site_src",
        ignore=shutil.ignore_patterns("briefings", "index.md"),
    )
    (folder / "seeds").mkdir()
    written = []
    for number in range(offset, offset + size):
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


def spacy_run(folder: Path, texts: list[str], processes: int) -> float:
    """Return ``plain_spacy``'s seconds (``folder`` is left alone: spaCy writes nothing)."""
    return plain_spacy(texts, processes)


def cold_run(folder: Path, texts: list[str], size: int, **settings: object) -> float:
    """Return the seconds of a cold run of ``size`` seeds in a new project at ``folder``."""
    make_project(folder, texts, size)
    started = time.perf_counter()
    report = run(load_settings(folder, **settings))
    seconds = time.perf_counter() - started
    assert report.analysed == size and not report.failures, report.summary()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--repeat", type=int, default=1, help="turns per engine (best kept)")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask rows")
    args = parser.parse_args()
    if not args.eval_dir.is_dir():
        print(f"error: {args.eval_dir} not found; pass --eval-dir", file=sys.stderr)
        return 2
    texts = articles(args.eval_dir)
    cores = len(os.sched_getaffinity(0))
    print(f"# Generation speed ({cores} cores, load average {os.getloadavg()[0]:.1f})\n")
    speed_rows: list[str] = []
    unchanged_rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            seeds = make_project(folder / "texts", texts, size)
            words = sum(len(t.split()) for t in seeds)
            settings = load_settings(folder / "texts")
            workers = worker_count(settings, size)
            pipeline_for(settings)  # load the model outside the timings, as for plain spaCy
            engines: dict[str, Callable[[Path], float]] = {
                "process pool": partial(cold_run, texts=texts, size=size),
            }
            cluster = None
            if not args.no_dask:
                cluster = warm_cluster(Path(tmp) / "warm-up", texts, workers)
                address = cluster.scheduler_address
                engines[f"Dask, warm cluster of {workers}"] = partial(
                    cold_run, texts=texts, size=size, scheduler=address
                )
                engines[f"Dask `--scheduler local:{workers}`, start included"] = partial(
                    cold_run, texts=texts, size=size, scheduler=f"local:{workers}"
                )
            engines["plain spaCy `nlp.pipe`"] = partial(spacy_run, texts=seeds, processes=workers)
            best: dict[str, float] = {}
            for turn in range(args.repeat):
                for number, (name, measure) in enumerate(engines.items()):
                    project = folder / f"run-{turn}-{number}"
                    seconds = measure(project)
                    if number or turn < args.repeat - 1:  # the pool's last project stays
                        shutil.rmtree(project, ignore_errors=True)
                    best[name] = min(best.get(name, seconds), seconds)
                    print(f"{size:,} seeds, {name}: {seconds:.1f} s", file=sys.stderr)
            if cluster is not None:
                cluster.close()
            pool = best["process pool"]
            for name, seconds in best.items():
                speed_rows.append(
                    f"| {size:,} | {words:,} | {name} | {workers} | {seconds:.1f} s "
                    f"| {size / seconds:.1f} | {words / seconds / workers:,.0f} "
                    f"| {pool / seconds:.0%} |"
                )
            last_pool_run = folder / f"run-{args.repeat - 1}-0"
            unchanged_rows.append(unchanged(last_pool_run, size))
    print(
        "| seeds | words | engine | workers | cold run | docs/s | words/s per worker "
        "| speed / process pool |"
    )
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(speed_rows))
    print("\n| seeds | no-change run (in-process) | no-change `briefing generate` |")
    print("| ---: | ---: | ---: |")
    print("\n".join(unchanged_rows))
    return 0


def warm_cluster(folder: Path, texts: list[str], workers: int) -> LocalCluster:
    """Return the ``LocalCluster`` ``local:N`` starts, whose workers have analysed once."""
    from generator.cluster import local_cluster

    cluster = local_cluster(workers)
    # Other seeds than the measured ones, two tasks per worker: each loads its pipeline.
    cold_run(folder, texts[::-1], 4 * workers, scheduler=cluster.scheduler_address)
    shutil.rmtree(folder)
    return cluster


def unchanged(folder: Path, size: int) -> str:
    """Return the table row of the no-change runs of ``folder``, generated before."""
    settings = load_settings(folder)
    started = time.perf_counter()
    again = run(settings)
    warm = time.perf_counter() - started
    assert again.analysed == 0
    command = [str(Path(sys.executable).parent / "briefing"), "generate", "-q"]
    started = time.perf_counter()
    subprocess.run([*command, "--project", str(folder)], check=True)
    cli = time.perf_counter() - started
    shutil.rmtree(folder)
    return f"| {size:,} | {warm:.2f} s | {cli:.2f} s |"


if __name__ == "__main__":
    sys.exit(main())
