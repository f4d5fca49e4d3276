"""`import generator` stays cheap: spaCy, MkDocs, Jinja2, networkx and Dask load only when
needed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "mkdocs", "jinja2", "networkx", "zensical", "dask", "distributed")


def imported_after(code: str) -> list[str]:
    """Return the heavy top-level modules in ``sys.modules`` after running ``code``."""
    probe = (
        f"{code}\n"
        "import json, sys\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "code",
    [
        "import generator",
        "import generator.cli",
        "import generator, generator.cli",
        "import generator.loaders, generator.config, generator.write, generator.errors",
        "import generator; generator.load; generator.load_settings; generator.__version__",
        "import generator.site; generator.site.build_site; generator.site.site_pages",
        "import generator.pipeline, generator.analysis, generator.cluster",
    ],
)
def test_importing_the_package_does_not_import_heavy_dependencies(code: str) -> None:
    assert imported_after(code) == []


def test_the_probe_does_see_a_heavy_import() -> None:
    # Guard against a probe that can never fail: building the template environment needs Jinja2.
    assert imported_after("from generator.render import make_env; make_env()") == ["jinja2"]


def test_unknown_attribute_is_an_attribute_error() -> None:
    import generator

    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = generator.no_such_thing  # type: ignore[attr-defined]
