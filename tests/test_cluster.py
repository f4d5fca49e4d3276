"""The analysis on a Dask cluster (generator/cluster.py): the pages of a local run, faults
survived, one clear line when there is no cluster.

Real schedulers and worker processes on 127.0.0.1 (a ``LocalCluster``); faults are put into the
workers with a Dask worker plugin that wraps ``build_briefing`` for one seed there.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")

import cloudpickle  # noqa: E402  (comes with distributed)
from click.testing import CliRunner  # noqa: E402
from distributed.diagnostics.plugin import WorkerPlugin  # noqa: E402

from generator.cli import cli  # noqa: E402
from generator.config import load_settings  # noqa: E402
from generator.pipeline import run  # noqa: E402
from tests.conftest import new_project, seed_text  # noqa: E402

pytestmark = [pytest.mark.usefixtures("nlp"), pytest.mark.slow]

# The workers cannot import this test module: the fault plugin travels by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

SEEDS = 12
"""On 2 workers: 4 tasks of 3 documents (cluster.batch_size), so a fault hits one task."""
FAILURE = "no verb found in sentence s3"


def make_project(folder: Path) -> Path:
    new_project(folder)
    for number in range(SEEDS):
        (folder / "seeds" / f"seed-{number:03d}.txt").write_text(seed_text(number))
    return folder


def snapshot(project: Path) -> dict[str, bytes]:
    """Every page written, and every cache entry (the briefings as the client received them)."""
    files = [*(project / "site_src").rglob("*"), *(project / ".briefing" / "cache").rglob("*")]
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(files) if p.is_file()}


@pytest.fixture(scope="module", autouse=True)
def no_thread_left() -> Iterator[None]:
    """Stop the thread Dask leaves in this process (its offload executor's) after the module:
    the ``briefing`` MkDocs plugin builds in one process when it sees other threads (as under
    ``mkdocs serve``), and tests/test_plugin.py runs in this process too."""
    yield
    from concurrent.futures import ThreadPoolExecutor

    from distributed import utils

    utils._offload_executor.shutdown(wait=True)
    # A new one starts its thread only when used, as the first one did.
    utils._offload_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="Dask-Offload")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What a local run in one process (-j 1) writes for the seeds."""
    project = make_project(tmp_path_factory.mktemp("reference"))
    report = run(load_settings(project, workers=1))
    assert report.analysed == SEEDS and not report.failures
    return snapshot(project)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A scheduler and 2 worker processes on 127.0.0.1, and a client of the test's own.

    The scheduler sends a worker one task at a time (Dask's default is one running and one
    queued behind it): which task runs where, and ends when, follows from the faults alone.
    """
    import dask
    from distributed import Client

    from generator.cluster import local_cluster

    with (
        dask.config.set({"distributed.scheduler.worker-saturation": 1.0}),
        local_cluster(2) as local,
        Client(local) as client,
    ):
        yield client


class Fault(WorkerPlugin):
    """On every worker (restarted ones too), wrap ``build_briefing`` for the seed ``slug``:
    "fail" raises, "slow" sleeps first, "die" kills the worker's process (once, when ``marker``
    is given: the marker file, holding the dead process's id, says it was done)."""

    name = "briefing-test-fault"

    def __init__(self, slug: str, action: str, marker: Path | None = None) -> None:
        self.slug, self.action, self.marker = slug, action, marker

    def setup(self, worker: Any) -> None:
        import generator.extract as extract

        self.original = original = extract.build_briefing
        slug, action, marker = self.slug, self.action, self.marker

        def build_briefing(document: Any, settings: Any, doc: Any = None) -> Any:
            if document.slug == slug:
                if action == "fail":
                    raise RuntimeError(FAILURE)
                if action == "slow":
                    time.sleep(3)
                if action == "die" and not (marker and marker.exists()):
                    if marker:
                        marker.write_text(str(os.getpid()))
                    os.kill(os.getpid(), signal.SIGKILL)
            return original(document, settings, doc)

        extract.build_briefing = build_briefing

    def teardown(self, worker: Any) -> None:
        import generator.extract as extract

        extract.build_briefing = self.original


@pytest.fixture
def fault(cluster: Any) -> Iterator[Any]:
    """Return a function installing a ``Fault`` on the cluster's workers, removed after."""
    installed = []

    def install(slug: str, action: str, marker: Path | None = None) -> None:
        cluster.register_plugin(Fault(slug, action, marker))
        installed.append(Fault.name)

    yield install
    for name in installed:
        cluster.unregister_worker_plugin(name)


def test_local_2_writes_byte_identical_pages_to_one_process(
    tmp_path: Path, reference: dict[str, bytes]
) -> None:
    project = make_project(tmp_path)
    result = CliRunner().invoke(
        cli, ["generate", "--project", str(project), "--scheduler", "local:2"]
    )
    assert result.exit_code == 0, result.output
    assert f"{SEEDS} analysed" in result.output
    assert snapshot(project) == reference


def test_progress_follows_the_tasks_as_they_complete(
    tmp_path: Path, cluster: Any, fault: Any
) -> None:
    fault("seed-000", "slow")  # the first task ends last
    calls: list[tuple[int, int, str]] = []
    settings = load_settings(make_project(tmp_path), scheduler=cluster.scheduler.address)
    run(settings, progress=lambda done, total, seed: calls.append((done, total, seed)))
    assert [(done, total) for done, total, _ in calls] == [(n, SEEDS) for n in range(1, 13)]
    numbers = [int(re.sub(r"\D", "", seed)) for _, _, seed in calls]
    # Three at a time, one task's documents together, in the order the tasks completed:
    tasks = [sorted(numbers[i : i + 3]) for i in range(0, SEEDS, 3)]
    assert sorted(tasks) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]]
    assert tasks[-1] == [0, 1, 2], "the slow first task is counted when it completes"
    # Each worker process loaded the spaCy pipeline once: 2 loads for 4 tasks.
    from generator.extract._nlp import load_pipeline

    loads = cluster.run(lambda: load_pipeline.cache_info())
    assert [info.misses for info in loads.values()] == [1, 1], loads
    assert sum(info.hits + info.misses for info in loads.values()) >= 4, loads


def test_a_worker_killed_mid_run_has_its_task_retried_and_the_pages_are_the_same(
    tmp_path: Path, cluster: Any, fault: Any, reference: dict[str, bytes]
) -> None:
    marker = tmp_path / "killed.pid"
    fault("seed-007", "die", marker)  # in the third task
    before = set(cluster.run(os.getpid).values())
    project = make_project(tmp_path / "project")
    report = run(load_settings(project, scheduler=cluster.scheduler.address))
    killed = int(marker.read_text())
    assert killed in before, "a worker process of the cluster was killed"
    assert report.analysed == SEEDS and not report.failures
    assert snapshot(project) == reference
    cluster.wait_for_workers(2, timeout=60)  # the nanny started a new one
    assert killed not in cluster.run(os.getpid).values()


def test_a_seed_failing_to_analyse_gets_the_local_message_and_the_others_finish(
    tmp_path: Path, cluster: Any, fault: Any
) -> None:
    messages = []
    for where in ("one process", "process pool", "cluster"):
        project = make_project(tmp_path / where.replace(" ", "-"))
        if where != "cluster":
            here = Fault("seed-004", "fail")
            here.setup(None)  # in this process, and so in the processes it forks
            try:
                report = run(load_settings(project, workers=1 if where == "one process" else 2))
            finally:
                here.teardown(None)
        else:
            fault("seed-004", "fail")
            report = run(load_settings(project, scheduler=cluster.scheduler.address))
        assert report.analysed == SEEDS - 1
        assert [str(e.path) for e in report.failures] == ["seeds/seed-004.txt"]
        pages = sorted(p.stem for p in (project / "site_src" / "briefings").glob("*.md"))
        assert pages == [f"seed-{n:03d}" for n in range(SEEDS) if n != 4]
        messages.append(str(report.failures[0]))
    assert messages[0] == messages[1] == messages[2]
    assert messages[0].startswith(
        f"seeds/seed-004.txt: the analysis failed (RuntimeError: {FAILURE}); please report"
    )
    assert "\n" not in messages[0]


def test_a_seed_that_kills_every_worker_fails_alone(
    tmp_path: Path, cluster: Any, fault: Any
) -> None:
    # The scheduler gives up on a task after one death, not Dask's default 3: faster. (Every
    # task on a dying worker counts a death: one queued behind the culprit would fail too,
    # were the scheduler not sending one task at a time to each worker here.)
    def allowed_failures(dask_scheduler: Any, count: int) -> int:
        previous: int = dask_scheduler.allowed_failures
        dask_scheduler.allowed_failures = count
        return previous

    default = cluster.run_on_scheduler(allowed_failures, count=0)
    try:
        fault("seed-010", "die")
        report = run(load_settings(make_project(tmp_path), scheduler=cluster.scheduler.address))
    finally:
        cluster.run_on_scheduler(allowed_failures, count=default)
        cluster.wait_for_workers(2, timeout=60)
    assert report.analysed == SEEDS - 1
    assert [str(e) for e in report.failures] == [
        "seeds/seed-010.txt: every Dask worker that analysed it died (out of memory, or a crash "
        "in the analysis); please report this bug with the seed attached, and move the seed "
        "out of the seeds folder to leave it out meanwhile"
    ]


def test_an_unreachable_scheduler_is_one_line_naming_it_and_exit_status_1(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    project = make_project(tmp_path)
    address = f"tcp://127.0.0.1:{port}"
    command = [sys.executable, "-m", "generator", "generate", "-q", "--project", str(project)]
    result = subprocess.run(
        [*command, "--scheduler", address],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"},
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: cannot reach the Dask scheduler at {address} (Timed out trying to connect to "
        f"{address} after 1 s); check the address (--scheduler, or scheduler in briefing.toml) "
        "and that the scheduler runs there"
    )
    assert not (project / "site_src" / "briefings").exists()


def test_without_dask_the_scheduler_setting_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator.cluster import connect
    from generator.errors import ClusterError

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(ClusterError) as error, connect("local:2"):
        pass
    assert str(error.value) == (
        "scheduler 'local:2' needs Dask, which is not installed; run: "
        "pip install 'briefing-generator[cluster]'"
    )


def test_a_scheduler_without_workers_says_how_to_start_some() -> None:
    import dask
    from distributed import LocalCluster

    from generator.cluster import connect
    from generator.errors import ClusterError

    with (
        LocalCluster(
            n_workers=0,
            host="127.0.0.1",
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        ) as empty,
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(ClusterError) as error,
        connect(empty.scheduler_address),
    ):
        pass
    address = empty.scheduler_address
    assert str(error.value) == (
        f"the Dask scheduler at {address} has no workers (none joined in 1 s); start some "
        f"with: dask worker {address} --nthreads 1"
    )


def test_a_seed_failing_to_analyse_on_a_later_run_keeps_its_page(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    run(load_settings(project, workers=1))
    page = project / "site_src" / "briefings" / "seed-004.md"
    before = page.read_bytes()
    changed = seed_text(4) + "Officials said more talks would follow.\n"
    (project / "seeds" / "seed-004.txt").write_text(changed)  # to analyse again
    fault = Fault("seed-004", "fail")
    fault.setup(None)
    try:
        report = run(load_settings(project, workers=1))
    finally:
        fault.teardown(None)
    assert [str(e.path) for e in report.failures] == ["seeds/seed-004.txt"]
    assert report.analysed == 0 and not report.removed
    assert page.read_bytes() == before
