"""The analysis on a Dask cluster: documents go out in batches, briefings come back as data.

``briefing generate --scheduler tcp://HOST:8786`` (or ``scheduler = "…"`` in briefing.toml)
sends the documents that need analysing to that Dask scheduler as tasks; ``local:N`` starts a
``LocalCluster`` of N worker processes on this machine first (a real scheduler and real
workers). Only the analysis moves: loading, the cache, the hand-edit merge and every write
stay in this process, in ``generator.pipeline``, exactly as in a run without a cluster.

- A task carries a batch of about ``BATCH`` documents as plain data (``dataclasses.asdict``)
  and returns, for each, its briefing as the JSON text of ``types.to_record`` (the cache's
  format; the document itself is not sent back) or the one-line message of a failed analysis
  (``analysis.analysis_failure``, the message a local run gives).
- Each worker process loads the spaCy pipeline once, on its first task
  (``extract._nlp.load_pipeline`` is a per-process singleton): it is never pickled or sent.
- The user's alias file travels with the tasks, so a worker on another machine reads the same
  aliases; templates are not needed there (pages are rendered here).
- At most ``IN_FLIGHT`` tasks per worker thread are out at a time, so neither this process nor
  the scheduler holds the tasks of a million documents at once.
- A worker that dies (killed, out of memory) has its tasks retried on the others by the
  scheduler. A batch whose workers all die (``distributed.scheduler.allowed-failures``) is
  split into single documents, so only a document that kills every worker it meets fails.
- Every worker must run the same generator, spaCy and pipeline as this process (the cache key
  depends on them): a worker whose fingerprint differs stops the run with a message.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from generator.analysis import analyse_batch
from generator.config import Settings
from generator.errors import ClusterError, GeneratorError
from generator.types import Briefing, Document, document_from_record, from_record, to_record

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

BATCH = 50
"""Documents per task at most. spaCy's maintainers advise batches of this order for large
corpora: one ``nlp.pipe`` stream per task, and the scheduler's cost per task (about 1 ms)
is nothing beside 50 analyses (about 2.5 s on one core)."""
IN_FLIGHT = 4
"""Tasks out per worker thread: enough that no worker waits for this process between two
tasks, few enough that the documents wait here, not in the scheduler's memory."""
ALIASES = "aliases.yml"

Result = Briefing | str


def analyse_on_cluster(
    documents: list[Document], settings: Settings
) -> Iterator[tuple[Document, Result]]:
    """Yield each document with its briefing, or the message of its failed analysis, as the
    cluster's tasks complete; raise ``ClusterError`` when the cluster cannot be used."""
    aliases = _aliases(settings)
    with connect(settings.scheduler) as client:
        yield from _Dispatch(client, documents, settings, aliases).results()


def _aliases(settings: Settings) -> bytes | None:
    """Return the user's alias file, checked here first: a bad one is one message, as locally."""
    from generator.extract.gazetteer import load_gazetteer

    path = settings.path("aliases_file")
    load_gazetteer(path if path.exists() else None)
    return path.read_bytes() if path.is_file() else None


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """Yield a client of the scheduler at ``address``, or of a new ``LocalCluster`` for
    ``local:N``; raise ``ClusterError`` naming the address when there is no cluster to use."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError(
            f"scheduler {address!r} needs Dask, which is not installed; run: "
            "pip install 'briefing-generator[cluster]'"
        ) from exc
    with _dask_quiet():
        if address.startswith("local:"):
            workers = int(address.removeprefix("local:"))
            try:
                cluster = local_cluster(workers)
            except Exception as exc:
                raise ClusterError(
                    f"could not start a Dask cluster of {workers} worker process(es) "
                    f"({_one_line(exc)}); give fewer with local:N, or leave out --scheduler"
                ) from exc
            try:
                with Client(cluster) as client:
                    yield client
            finally:
                cluster.close()
            return
        try:
            client = Client(address)
        except (OSError, ValueError, TimeoutError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {address} ({_one_line(exc)}); check the "
                "address (--scheduler, or scheduler in briefing.toml) and that the scheduler "
                "runs there"
            ) from exc
        try:
            _wait_for_workers(client, address)
            yield client
        finally:
            client.close()


def local_cluster(workers: int) -> LocalCluster:
    """Return a new ``LocalCluster`` on 127.0.0.1: ``workers`` processes of one thread each
    (the analysis is CPU-bound Python: a second thread would wait for the GIL)."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        # Its HTTP server (health checks; no dashboard) on a free port, not 8787: another
        # cluster on this machine may hold that one.
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.CRITICAL,
    )


def _wait_for_workers(client: Client, address: str) -> None:
    from dask.config import get
    from dask.utils import parse_timedelta

    timeout = parse_timedelta(get("distributed.comm.timeouts.connect"), "s")
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as exc:
        raise ClusterError(
            f"the Dask scheduler at {address} has no workers (none joined in {timeout:g} s); "
            f"start some with: dask worker {address} --nthreads 1"
        ) from exc


@contextmanager
def _dask_quiet() -> Iterator[None]:
    """Keep Dask's own log lines (a worker lost, a slow event loop) off the console: what
    matters reaches the user as the generator's one-line messages."""
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def batch_size(documents: int, threads: int) -> int:
    """Return the documents per task: ``BATCH``, or fewer so each thread gets two tasks."""
    return max(1, min(BATCH, -(-documents // (2 * max(1, threads)))))


class _Dispatch:
    """One run's tasks: batches out, at most ``IN_FLIGHT`` per worker thread, results back."""

    def __init__(
        self, client: Client, documents: list[Document], settings: Settings, aliases: bytes | None
    ) -> None:
        from distributed import as_completed

        from generator.cache import fingerprint

        self.client = client
        self.address = settings.scheduler
        self.settings = settings
        self.aliases = aliases
        self.fingerprint = fingerprint(settings.model)
        self.threads = self._threads()
        self.checked = time.monotonic()
        size = batch_size(len(documents), self.threads)
        self.waiting = deque(documents[i : i + size] for i in range(0, len(documents), size))
        self.batches: dict[str, list[Document]] = {}
        self.running = as_completed(loop=client.loop)  # not the default client's

    def _threads(self) -> int:
        threads: dict[str, int] = self.client.nthreads()
        return max(1, sum(threads.values()))

    def _submit(self) -> None:
        """Send waiting batches while fewer than ``IN_FLIGHT`` per worker thread are out."""
        if time.monotonic() - self.checked > 1.0:  # workers may join or leave mid-run
            self.threads, self.checked = self._threads(), time.monotonic()
        while self.waiting and self.running.count() < IN_FLIGHT * self.threads:
            batch = self.waiting.popleft()
            key = f"briefing-analyse-{uuid4().hex}"
            future = self.client.submit(
                analyse_on_worker, [asdict(d) for d in batch], self.settings, self.aliases, key=key
            )
            self.batches[key] = batch
            self.running.add(future)

    def results(self) -> Iterator[tuple[Document, Result]]:
        from distributed import KilledWorker

        self._submit()
        try:
            for future in self.running:
                batch = self.batches.pop(str(future.key))
                try:
                    outcome = future.result()
                except KilledWorker:
                    yield from self._killed(batch)
                    continue
                finally:
                    self._submit()
                yield from self._decode(batch, outcome, future)
        except GeneratorError:
            raise
        except ImportError as exc:  # a worker without the generator
            raise ClusterError(
                f"the Dask workers at {self.address} cannot run the analysis "
                f"({_one_line(exc)}); install the generator on every worker, the same version "
                "as here"
            ) from exc
        except Exception as exc:  # the scheduler lost, a task that could not run there
            raise ClusterError(
                f"the Dask cluster at {self.address} stopped the run ({_one_line(exc)}); "
                "the briefings analysed so far are cached: run again to finish, or leave out "
                "--scheduler"
            ) from exc
        finally:
            self.running.clear()

    def _killed(self, batch: list[Document]) -> Iterator[tuple[Document, Result]]:
        """Split a batch whose workers all died; a single document is a failure then."""
        if len(batch) > 1:
            self.waiting.extendleft([d] for d in reversed(batch))
            self._submit()
            return
        yield (
            batch[0],
            (
                "every Dask worker that analysed it died (out of memory, or a crash in the "
                "analysis); please report this bug with the seed attached, and move the seed out "
                "of the seeds folder to leave it out meanwhile"
            ),
        )

    def _decode(
        self, batch: list[Document], outcome: dict[str, Any], future: Future[Any]
    ) -> Iterator[tuple[Document, Result]]:
        if "fatal" in outcome:
            raise ClusterError(
                f"the Dask worker at {outcome['worker']} cannot analyse: {outcome['fatal']}"
            )
        if outcome["fingerprint"] != self.fingerprint:
            raise ClusterError(
                f"the Dask worker at {outcome['worker']} runs another version of the "
                "generator, spaCy or the pipeline than this machine (its pages would not match "
                "the cache); install the same versions on every worker"
            )
        future.release()
        for document, result in zip(batch, outcome["results"], strict=True):
            if "error" in result:
                yield document, result["error"]
            else:
                record = json.loads(result["briefing"])
                record["document"] = asdict(document)
                yield document, from_record(record)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# On the workers.

_ANALYSING = threading.Lock()
"""One analysis at a time per worker process: a worker with several threads shares one spaCy
pipeline, which is not made for concurrent calls (and the GIL would serialise them anyway)."""


def analyse_on_worker(
    rows: list[dict[str, Any]], settings: Settings, aliases: bytes | None
) -> dict[str, Any]:
    """Analyse one batch on a Dask worker; return plain data: the worker's address and
    fingerprint, and for each document its briefing's record as JSON text or an error."""
    from distributed import get_worker

    from generator.cache import fingerprint

    here = _worker_settings(settings, aliases)
    documents = [document_from_record(row) for row in rows]
    worker = get_worker().address
    results: list[dict[str, str]] = []
    with _ANALYSING:
        try:
            for result in analyse_batch(documents, here):
                if isinstance(result, str):
                    results.append({"error": result})
                else:
                    record = to_record(result)
                    del record["document"]  # the client has it
                    results.append({"briefing": json.dumps(record, ensure_ascii=False)})
        except GeneratorError as exc:  # no pipeline on this worker, say
            return {"worker": worker, "fatal": str(exc)}
    return {"worker": worker, "fingerprint": fingerprint(here.model), "results": results}


def _worker_settings(settings: Settings, aliases: bytes | None) -> Settings:
    """Return ``settings`` reading the client's alias file from this machine's temporary
    folder (written once per content), whatever the client's folders are."""
    digest = hashlib.sha256(aliases).hexdigest()[:16] if aliases is not None else "none"
    folder = Path(tempfile.gettempdir()) / f"briefing-aliases-{digest}"
    if aliases is not None and not (folder / ALIASES).is_file():
        folder.mkdir(exist_ok=True)
        temporary = folder / f".{ALIASES}.{os.getpid()}.tmp"
        temporary.write_bytes(aliases)
        temporary.replace(folder / ALIASES)  # atomic: other workers here read it whole
    return replace(settings, project_dir=folder, aliases_file=Path(ALIASES))
