"""The ``briefing`` command: a thin click layer over ``generator.pipeline``."""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from generator import __version__
from generator.errors import GeneratorError

log = logging.getLogger("generator")

CONTEXT = {"help_option_names": ["-h", "--help"]}


def project_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options every command that reads the project shares."""
    for option in reversed(
        [
            click.option(
                "--project",
                "project_dir",
                type=click.Path(file_okay=False, path_type=Path),
                default=".",
                show_default=True,
                help="Project folder (holds mkdocs.yml, seeds/, site_src/, briefing.toml).",
            ),
            click.option(
                "--seeds", "seeds_dir", type=click.Path(path_type=Path), help="Seeds folder."
            ),
            click.option("--model", help="spaCy pipeline to use (an installed package name)."),
            click.option("-q", "--quiet", is_flag=True, help="Only print warnings and errors."),
        ]
    ):
        func = option(func)
    return func


def generate_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = scheduler_option(func)
    func = click.option(
        "-j",
        "--workers",
        type=click.IntRange(min=0),
        help="Processes for the analysis (default: every core; 0 means every core).",
    )(func)
    return click.option(
        "--force",
        is_flag=True,
        default=None,
        help="Take the generated text over hand-edited sections, and bring back pages deleted "
        "by hand (each one is reported).",
    )(func)


def scheduler_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="Analyse on a Dask cluster: its scheduler's address (tcp://HOST:8786), or local:N "
        "to start N worker processes here. Needs: pip install 'briefing-generator[cluster]'.",
    )(func)


def _settings(
    project_dir: Path, quiet: bool = False, *, project: bool = True, **overrides: Any
) -> Any:
    """Return the settings; with ``project``, first check that there is a project there."""
    from generator.config import load_settings, require_project

    _setup_logging(quiet)
    settings = load_settings(project_dir, **overrides)
    if project:
        require_project(settings)
    return settings


def _setup_logging(quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    log.handlers[:] = [handler]
    log.setLevel(logging.WARNING if quiet else logging.INFO)
    log.propagate = False


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        prefix = {logging.ERROR: "error: ", logging.WARNING: "warning: "}.get(record.levelno, "")
        return prefix + record.getMessage()


def _progress(quiet: bool) -> Callable[[int, int, str], None] | None:
    """Return a progress printer: a bar on a terminal, a plain line per 10% otherwise."""
    if quiet:
        return None
    interactive = sys.stderr.isatty()
    started = time.monotonic()

    def report(done: int, total: int, seed: str) -> None:
        elapsed = max(time.monotonic() - started, 1e-9)
        rate = done / elapsed
        if interactive:
            width = 30
            filled = width * done // total
            left = (total - done) / rate if rate else 0
            bar = "#" * filled + "-" * (width - filled)
            click.echo(
                f"\r[{bar}] {done}/{total} {rate:.1f} docs/s, {left:.0f} s left  ",
                nl=done == total,
                err=True,
            )
        elif done == total or done % max(1, total // 10) == 0:
            click.echo(f"analysed {done}/{total} documents ({rate:.1f} docs/s)", err=True)

    return report


def _generate(settings: Any, quiet: bool) -> int:
    return _generate_counted(settings, quiet)[0]


def _generate_counted(settings: Any, quiet: bool) -> tuple[int, int]:
    """Run the pipeline; return the exit status and the number of briefings."""
    from generator.pipeline import run

    report = run(settings, progress=_progress(quiet))
    log.info("%s", report.summary())
    if report.failures:
        log.error(
            "%d seed(s) could not be processed (see the messages above); the others were generated",
            len(report.failures),
        )
        return 1, len(report.briefings)
    return 0, len(report.briefings)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version")
def cli() -> None:
    """Turn the documents in seeds/ into grounded briefing pages and an MkDocs site."""


@cli.command(context_settings=CONTEXT)
@project_options
@generate_options
def generate(project_dir: Path, quiet: bool, **overrides: Any) -> None:
    """Write one briefing page per seed, and the home page, into site_src/."""
    settings = _settings(project_dir, quiet, **overrides)
    sys.exit(_generate(settings, quiet))


@cli.command(context_settings=CONTEXT)
@project_options
@generate_options
@click.option("--site-dir", type=click.Path(path_type=Path), help="Output folder (default: site).")
@click.option(
    "--offline",
    is_flag=True,
    help="Build a copy that works from file:// (search included) into site-offline/.",
)
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    help="What builds the site from mkdocs.yml (default: the engine setting, mkdocs).",
)
def build(
    project_dir: Path, quiet: bool, site_dir: Path | None, offline: bool, **overrides: Any
) -> None:
    """Generate the pages, then build the static site with MkDocs (strict mode)."""
    from generator.site import build_site, engine_for

    settings = _settings(project_dir, quiet, site_dir=site_dir, **overrides)
    engine_for(settings)  # a missing engine is reported before the seeds are analysed
    # One lock over both steps: a `generate` run meanwhile would change pages under MkDocs.
    with _lock(settings):
        status, count = _generate_counted(settings, quiet)
        target = settings.path("site_dir") if site_dir is not None else None
        built = build_site(settings, briefings=count, offline=offline, quiet=quiet, target=target)
    sys.exit(built or status)


@cli.command(context_settings=CONTEXT)
@project_options
@generate_options
@click.option("--message", "-m", help="Commit message for the gh-pages branch.")
@click.option("--remote", default="origin", show_default=True, help="Git remote to push to.")
def publish(
    project_dir: Path, quiet: bool, message: str | None, remote: str, **overrides: Any
) -> None:
    """Generate, then publish the site to GitHub Pages (mkdocs gh-deploy, gh-pages branch)."""
    from generator.site import build_site

    settings = _settings(project_dir, quiet, **overrides)
    with _lock(settings):
        status, count = _generate_counted(settings, quiet)
        if status:
            raise click.ClickException("some seeds failed (see above); fix them before publishing")
        if not settings.site_url:
            log.warning("site_url is not set in briefing.toml; links in the sitemap are relative")
        site = settings.path("site_dir")
        if build_site(settings, briefings=count, quiet=quiet):
            raise click.ClickException("the site did not build (see above); nothing was published")
    # The same push `mkdocs gh-deploy` makes, of the site built above (with its search index).
    command = [sys.executable, "-m", "ghp_import", "--no-jekyll", "--push", "--force",
               "--remote", remote, "--branch", "gh-pages",
               "--message", message or "Publish briefings", str(site)]  # fmt: skip
    sys.exit(subprocess.run(command, check=False).returncode)


def _lock(settings: Any) -> Any:
    from generator.lock import project_lock

    return project_lock(settings.path("state_dir"))


def _port_problem(port: int) -> str | None:
    """Return why the server cannot listen on 127.0.0.1:``port``, or None if it can."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


@cli.command(context_settings=CONTEXT)
@project_options
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port on 127.0.0.1.",
)
def serve(project_dir: Path, quiet: bool, port: int, **overrides: Any) -> None:
    """Generate, serve the site on 127.0.0.1, and regenerate whenever a seed changes."""
    from generator.site import mkdocs_env, serve_command

    settings = _settings(project_dir, quiet, **overrides)
    problem = _port_problem(port)
    if problem:
        raise click.ClickException(
            f"cannot serve on 127.0.0.1:{port} ({problem}); give a free port with --port, "
            "or stop what is using it"
        )
    _generate(settings, quiet)
    server = subprocess.Popen(serve_command(settings, port), env=mkdocs_env(settings))
    # On SIGTERM, leave through `finally` so the MkDocs server child is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    seeds = settings.path("seeds_dir")
    stamp = _seed_stamp(seeds)
    try:
        while server.poll() is None:
            time.sleep(1.0)
            current = _seed_stamp(seeds)
            if current != stamp:
                stamp = current
                log.info("seeds changed: regenerating")
                _generate(settings, quiet)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    if server.returncode not in (0, -signal.SIGTERM, None):
        raise click.ClickException(
            f"the MkDocs server stopped (exit status {server.returncode}); see its message above"
        )


def _seed_stamp(seeds: Path) -> tuple[tuple[str, int, int], ...]:
    if not seeds.is_dir():
        return ()
    return tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(seeds.rglob("*"))
        if p.is_file()
    )


@cli.command(context_settings=CONTEXT)
@project_options
def check(project_dir: Path, quiet: bool, **overrides: Any) -> None:
    """Exit 1 if any page is stale (its seed or the generator changed) or in conflict.

    Nothing is analysed or written: a CI job can run this to guard a published site.
    """
    from generator.review import check as check_pages

    settings = _settings(project_dir, quiet, **overrides)
    report = check_pages(settings)
    for line in report.stale:
        click.echo(line)
    for line in report.conflicts:
        click.echo(line)
    for failure in report.failures:
        click.echo(f"{failure}")
    if report.ok:
        log.info("every page is up to date")
        sys.exit(0)
    log.error(
        "%d stale page(s), %d conflict(s), %d bad seed(s); run: briefing generate",
        len(report.stale),
        len(report.conflicts),
        len(report.failures),
    )
    sys.exit(1)


@cli.command(context_settings=CONTEXT)
@project_options
@click.argument("pages", nargs=-1, type=click.Path(path_type=Path))
def diff(project_dir: Path, quiet: bool, pages: tuple[Path, ...], **overrides: Any) -> None:
    """Show each hand-edited section in conflict beside the generator's text for it.

    Give PAGES (briefing pages under site_src/) to limit the output to them. Run
    ``briefing generate`` first, so the generator's text is current.
    """
    import difflib

    from generator.review import conflicts

    settings = _settings(project_dir, quiet, **overrides)
    wanted = {str(p) for p in pages}
    found = 0
    for page, section, mine, generated in conflicts(settings):
        if wanted and page not in wanted and not any(page.endswith(w) for w in wanted):
            continue
        found += 1
        click.echo(
            "".join(
                difflib.unified_diff(
                    mine.splitlines(keepends=True),
                    generated.splitlines(keepends=True),
                    fromfile=f"{page} [{section}] (yours, kept)",
                    tofile=f"{page} [{section}] (generated, not applied)",
                )
            ),
            nl=False,
        )
    if not found:
        log.info("no hand-edited section is in conflict")


@cli.command(context_settings=CONTEXT)
@project_options
@click.argument("pages", nargs=-1, type=click.Path(path_type=Path))
def keep(project_dir: Path, quiet: bool, pages: tuple[Path, ...], **overrides: Any) -> None:
    """Resolve conflicts by keeping your edited sections (all pages, or only PAGES).

    Your text stays; the conflict is cleared until the generator's text changes again.
    """
    from generator.review import keep_mine

    settings = _settings(project_dir, quiet, **overrides)
    for page in keep_mine(settings, {str(p) for p in pages}):
        log.info("%s: kept your sections; conflict resolved", page)


@cli.command(context_settings=CONTEXT)
@click.argument("seed", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["md", "json"]),
    default="md",
    show_default=True,
    help="md: the briefing page; json: the contract documented in the README.",
)
@click.option(
    "--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default="."
)
@click.option("--model", help="spaCy pipeline to use (an installed package name).")
@click.option(
    "--entry",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Which document of a file holding several (a feed's entries, JSON Lines' lines).",
)
def show(seed: Path, output_format: str, project_dir: Path, model: str | None, entry: int) -> None:
    """Print the briefing of one SEED file without writing anything."""
    from generator.config import check_aliases_file
    from generator.extract import build_briefing
    from generator.loaders import load_documents
    from generator.render import make_env, render

    settings = _settings(project_dir, True, project=False, model=model)
    check_aliases_file(settings)
    if not seed.exists():
        raise click.ClickException(f"{seed}: no such file; give the path of a seed document")
    documents = load_documents(seed, max_bytes=settings.max_seed_bytes)
    if entry > len(documents):
        raise click.ClickException(
            f"{seed}: holds {len(documents)} document(s); give --entry 1 to {len(documents)}"
        )
    for warning in documents[entry - 1].warnings:
        log.warning("%s: %s", seed, warning)
    briefing = build_briefing(documents[entry - 1], settings)
    if output_format == "json":
        click.echo(json.dumps(briefing.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render(briefing, make_env(settings.path("templates_dir"))), nl=False)


def main() -> None:
    """Run the CLI, turning the generator's errors into one clear message each."""
    try:
        cli.main(prog_name="briefing")
    except GeneratorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
