"""Finding the seeds: every regular file under the seeds folder, and why any other entry is not.

Hidden files and folders and editor backups (``~``) are skipped quietly. Anything else that
cannot be a seed gets a message of its own: a FIFO, socket or device (reading one would block
or never end), a broken link, a link that leads outside the seeds folder (a pull request
adding ``seeds/x.txt -> /etc/passwd`` must not publish the runner's files), a folder that
cannot be listed, and a name that is not valid UTF-8 (no page could be named after it).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Found:
    seeds: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)
    """Unusable entries, each with the message that says why and what to do."""


def is_backup(name: str) -> bool:
    """Return True for names that are never seeds: hidden files and editor backups."""
    return name.startswith((".", "~")) or name.endswith("~")


def find_seeds(folder: Path) -> Found:
    """Return the seed files under ``folder`` (sorted) and the entries that cannot be seeds."""
    found = Found()
    root = folder.resolve()
    _walk(folder, root, found)
    found.seeds.sort()
    found.problems.sort()
    return found


def _walk(directory: Path, root: Path, found: Found) -> None:
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        found.problems.append(
            (
                directory,
                f"cannot list this folder ({exc.strerror or exc}); its seeds are skipped. "
                "Make it readable (chmod u+rx) or move it out of the seeds folder",
            )
        )
        return
    for entry in entries:
        path = Path(entry.path)
        if is_backup(entry.name):
            continue
        try:
            entry.name.encode("utf-8")
        except UnicodeEncodeError:
            found.problems.append(
                (path, "its name is not valid UTF-8, so no page can be named after it; rename it")
            )
            continue
        problem = _problem(entry, path, root, found)
        if problem:
            found.problems.append((path, problem))


def _problem(entry: os.DirEntry[str], path: Path, root: Path, found: Found) -> str | None:
    """Add ``entry`` to ``found`` if it is a seed (or walk it); return why it cannot be one."""
    try:
        if entry.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return "is a broken link (its target does not exist); fix the link or delete it"
            if not target.is_relative_to(root):
                return (
                    f"is a link to {target}, outside the seeds folder; links are only followed "
                    "inside it. Copy the document into the seeds folder instead"
                )
            if target.is_dir():
                return None  # a folder inside seeds/: its files are read where they are
            mode = target.stat().st_mode
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, root, found)
            return None
        else:
            mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as exc:
        return f"cannot be examined ({exc.strerror or exc}); check its permissions"
    if not stat.S_ISREG(mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "not a regular file"
        return f"is {kind}, not a document; move it out of the seeds folder"
    found.seeds.append(path)
    return None
