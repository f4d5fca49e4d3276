"""Library log messages caught during a load, to become document warnings, not stray stderr."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

MAX_LISTED = 5
"""A damaged file can make a library log hundreds of lines; the reader needs the first few."""


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        if message and message not in self.messages:
            self.messages.append(message)


@contextmanager
def library_logs(*names: str) -> Iterator[list[str]]:
    """Collect the distinct WARNING+ messages the named loggers emit inside the block.

    pypdf logs to loggers with no handler, so Python's last-resort handler would print its
    messages ("EOF marker not found") bare on stderr, with no file name; here they are kept
    for a warning that names the file instead.
    """
    collector = _Collector()
    loggers = [logging.getLogger(name) for name in names]
    saved = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(collector)
        logger.propagate = False
    try:
        yield collector.messages
    finally:
        for logger, propagate in zip(loggers, saved, strict=True):
            logger.removeHandler(collector)
            logger.propagate = propagate


def summarise(messages: list[str]) -> str:
    """Return the first few messages joined with "; " and how many more there were."""
    shown = "; ".join(messages[:MAX_LISTED])
    more = len(messages) - MAX_LISTED
    return f"{shown}; and {more} more" if more > 0 else shown
