"""One writer at a time: the project lock, ``<state_dir>/lock``.

Two runs at once would each sweep the other's temporary files and race on the same pages, and
a run during ``briefing build`` would change ``site_src/`` under MkDocs. Every command that
writes takes this lock; a second one waits for it, saying who holds it, and gives up after
``WAIT_SECONDS`` with a message naming the holder. The lock is an ``fcntl`` record lock: the
system drops it when its process ends, even on ``kill -9``, so a stale lock file never blocks
anyone. It is re-entrant within a process (``briefing build`` holds it over the generation
and the MkDocs build); forked analysis workers do not inherit it.
"""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from generator.errors import GeneratorError

log = logging.getLogger("generator")

WAIT_SECONDS = 600.0
"""How long a second run waits for the first before it gives up (a cold build of 1,000 seeds
takes under a minute on two cores: benchmarks/generate.py)."""
POLL_SECONDS = 0.2

_held: dict[Path, tuple[IO[str], int]] = {}
"""Locks this process holds: path → (open file, depth)."""


class LockTimeout(GeneratorError):
    """Another run held the project lock for longer than ``WAIT_SECONDS``."""


def _holder(handle: IO[str]) -> str:
    handle.seek(0)
    text = handle.read().strip()
    return text or "another briefing process"


@contextmanager
def project_lock(state_dir: Path, *, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the project's lock for the duration of the block (re-entrant in one process)."""
    path = (state_dir / "lock").absolute()
    if path in _held:
        handle, depth = _held[path]
        _held[path] = (handle, depth + 1)
        try:
            yield
        finally:
            handle, depth = _held[path]
            _held[path] = (handle, depth - 1)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        _acquire(handle, path, wait)
        handle.seek(0)
        handle.truncate()
        program = Path(sys.argv[0]).name if sys.argv else ""
        ours = program in ("briefing", "__main__.py") and len(sys.argv) > 1
        command = f"briefing {sys.argv[1]}" if ours else "a process"
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        handle.write(f"{command} (pid {os.getpid()} on {socket.gethostname()}, since {started})\n")
        handle.flush()
        _held[path] = (handle, 1)
        try:
            yield
        finally:
            del _held[path]
            handle.seek(0)
            handle.truncate()
            handle.flush()
    finally:
        handle.close()  # closing the file releases the lock


def _acquire(handle: IO[str], path: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            holder = _holder(handle)
        if time.monotonic() >= deadline:
            raise LockTimeout(
                f"the project is locked by {holder}; wait for it to finish, or stop it "
                "(the lock goes with its process)",
                path,
            )
        if not told:
            log.warning("%s: waiting for %s to finish", path, holder)
            told = True
        time.sleep(POLL_SECONDS)
