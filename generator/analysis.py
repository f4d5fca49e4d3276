"""Where the documents are analysed, and how one document's failure stays one message.

Three places, one result: this process (``nlp.pipe`` over every document), a pool of forked
processes (every core, ``Settings.workers``), or a Dask cluster (``Settings.scheduler``,
``generator.cluster``). Output is the same in each; the pipeline only sees ``analyse``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from generator.config import Settings
from generator.errors import ExtractError, GeneratorError
from generator.types import Briefing, Document

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger("generator")

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, seed)`` after each document is analysed."""


def worker_count(settings: Settings, jobs: int) -> int:
    """Return how many processes to analyse ``jobs`` documents with."""
    available = settings.workers or len(os.sched_getaffinity(0))
    # A worker costs a fork and a warm-up; below a few documents each, one process is faster.
    return max(1, min(available, jobs // 4))


_worker_settings: Settings | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _analyse_one(document: Document) -> Briefing | str:
    assert _worker_settings is not None
    return analysed(document, _worker_settings)


def analyse(
    documents: list[Document],
    settings: Settings,
    progress: Progress | None = None,
    failures: list[GeneratorError] | None = None,
) -> Iterator[Briefing]:
    """Yield the briefing of each document: here, in order, on every core when it pays; or on
    the Dask cluster of ``settings.scheduler`` (``generator.cluster``), as its tasks complete.

    A document whose analysis fails is one message, logged and added to ``failures``; the
    others go on.
    """
    if not documents:
        return
    if settings.scheduler:
        from generator.cluster import analyse_on_cluster

        results = analyse_on_cluster(documents, settings)
    else:
        results = _analyse_here(documents, settings)
    for done, (document, result) in enumerate(results, start=1):
        if isinstance(result, Briefing):
            yield result
        else:
            error = ExtractError(result, document.source_path)
            log.error("%s", error)
            if failures is not None:
                failures.append(error)
        if progress is not None:
            progress(done, len(documents), document.source_path)


def _analyse_here(
    documents: list[Document], settings: Settings
) -> Iterator[tuple[Document, Briefing | str]]:
    """Yield each document with its briefing or failure, in order, analysed on this machine."""
    from generator.extract._nlp import pipeline_for

    pipeline_for(settings)  # loaded before forking, so workers share it
    workers = worker_count(settings, len(documents))
    if workers == 1:
        yield from zip(documents, analyse_batch(documents, settings), strict=True)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    chunk = max(1, min(16, len(documents) // (workers * 4)))
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(settings,)
    ) as pool:
        yield from zip(documents, pool.map(_analyse_one, documents, chunksize=chunk), strict=True)


def analyse_batch(documents: list[Document], settings: Settings) -> Iterator[Briefing | str]:
    """Yield the briefing of each document, parsed in one ``nlp.pipe`` stream, or the message
    of its failed analysis (what one process does, here or on a Dask worker)."""
    from generator.extract._nlp import pipeline_for

    parsed = pipeline_for(settings).pipe((d.text for d in documents), batch_size=16)
    for document, doc in zip(documents, parsed, strict=True):
        yield analysed(document, settings, doc)


def analysed(document: Document, settings: Settings, doc: Doc | None = None) -> Briefing | str:
    """Return the briefing of ``document``, or the one-line message of its failed analysis.

    A ``GeneratorError`` (no pipeline, a bad alias file) stops every analysis, so it is
    raised, once; anything else is a defect met on this document alone.
    """
    from generator.extract import build_briefing

    try:
        return build_briefing(document, settings, doc)
    except GeneratorError:
        raise
    except Exception as exc:
        return analysis_failure(exc)


def analysis_failure(exc: BaseException) -> str:
    """Return the message of an analysis that raised ``exc``: one line, the same anywhere."""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())
    if len(detail) > 200:
        detail = detail[:199] + "…"
    return (
        f"the analysis failed ({detail}); please report this bug with the seed attached, "
        "and move the seed out of the seeds folder to leave it out meanwhile"
    )
