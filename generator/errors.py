"""The one exception family of the generator: every failure names its file and the fix."""

from __future__ import annotations

from pathlib import Path


class GeneratorError(Exception):
    """Base of every error the generator raises on purpose."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message


class LoadError(GeneratorError):
    """A seed could not be read as a document."""


class ExtractError(GeneratorError):
    """The language analysis could not run (missing model, bad alias file)."""


class RenderError(GeneratorError):
    """A template could not be found or rendered."""


class ConfigError(GeneratorError):
    """A setting has a bad value."""


class HandEditConflict(GeneratorError):
    """A page was edited by hand where the generator wants to write."""


class ClusterError(GeneratorError):
    """The Dask cluster of the ``scheduler`` setting could not be reached or used."""
