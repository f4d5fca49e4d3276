"""Measure the site build and the built site at 1,000 and 5,000 briefings, with each engine.

    .venv/bin/python benchmarks/site.py [--sizes 1000 5000] [--engines briefing mkdocs zensical]
                                        [--search auto|material|pagefind] [--browser | --no-browser]

For each size, synthetic briefing pages (``site_src/briefings/b-00001.md`` …) are written into
a temporary project (never into the repository) in the shape of a real generated page
(tests/golden/japan-patriot-export/expected.md: YAML front matter with title, date, tags and
actors; Summary, Key actors table, Policy shift, Open questions, and the collapsible "Source
text" block with its sentence anchors; 600-800 words), with words, titles, dates and tags drawn
from a seeded ``random.Random``, so every run writes the same pages. The home page lists them all
in one table, like the generated one (``--home-rows N`` lists only the newest N, to see what
that table costs). The project's own mkdocs.yml and static files are used, with the
cross-document pages the generator writes (actors, timeline, tags). Then the same pages are
built, each time from scratch and in a new process, by each engine:

- ``briefing``: ``briefing build`` (MkDocs + Material with the generator's ``briefing`` plugin,
  then Pagefind when the search is Pagefind's);
- ``mkdocs``: plain MkDocs + Material, the same mkdocs.yml without the ``briefing`` plugin;
- ``zensical``: ``briefing build --engine zensical`` (Zensical, its own search).

One Markdown table is printed: per size, each engine's build time (wall and CPU), then the
pages ``briefing build`` made: median and largest briefing HTML page, home page, total site
size, search index.

Targets: ``briefing build`` ahead of plain MkDocs + Material; 1,000 briefings in under 8 s,
5,000 in under 40 s; the median briefing page under 40 KB.

A second table follows the scale of ``briefing build`` (for the plan at a million documents):
per size, the time of each phase (the generator composing and writing every page from the
briefings; MkDocs; Pagefind's index), each also per 1,000 briefings, so the rows show whether
the build stays linear; and the peak memory of each phase (the proportional set size of this
process while it composes; of the processes the build starts, summed, while it builds),
sampled from /proc every 0.2 s. ``--sizes 1000 5000 20000 --engines briefing`` is the scale
run (long, and a few GB of disk: run it with ``nice``).

With ``--browser`` (the default when /usr/bin/chromium and Playwright's Python package are both
there), the largest site is served on 127.0.0.1 and Chromium measures, on the home page and on
one briefing page, the page's load time and the time from its load to the first search result
after typing a query (a word found in most pages).
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.config import load_settings  # noqa: E402
from generator.pipeline import compose_pages  # noqa: E402
from generator.render import make_env, render, render_index  # noqa: E402
from generator.site import build as site_build  # noqa: E402
from generator.site import build_site, mkdocs_env, search_engine  # noqa: E402
from generator.site.build import index_with_pagefind, read_mkdocs_yml  # noqa: E402
from generator.types import (  # noqa: E402
    Actor,
    Briefing,
    Document,
    Item,
    PolicyShift,
    Sentence,
    Summary,
)
from generator.write import seal  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach the internet at start-up,
# and this machine has no internet.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
GENERATED = ("briefings", "actors", "index.md", "tags.md", "timeline.md", "timeline")
ENGINES = ("briefing", "mkdocs", "zensical")
"""The builds compared (see the module's docstring)."""
CITATION = re.compile(r"<a [^>]*>s\d+</a>|\[\\\[s\d+\\\]\]\(#s\d+\)")
WORD = re.compile(r"[A-Za-z][\w'-]*")
QUERY = "sanctions"  # in the verb/noun pools below: found in most pages

STATES = [
    *"Japan China Russia Ukraine Germany France India Brazil Canada Australia Kenya".split(),
    *"Nigeria Mexico Turkey Poland Indonesia Vietnam Egypt Chile Norway Sweden".split(),
    *("United States", "South Korea", "Saudi Arabia", "South Africa", "Argentina"),
]
ORGANISATIONS = [
    "Kyodo News",
    "European Commission",
    "World Trade Organization",
    "International Monetary Fund",
    "North Atlantic Treaty Organization",
    "African Union",
    "Defense Ministry",
    "Finance Ministry",
    "Central Bank",
    "Reuters",
    "United Nations",
    "Energy Agency",
    "Supreme Court",
    "Parliament",
    "Trade Commission",
]
GROUPS = ["Critics", "Supporters", "Analysts", "Farmers", "Unions", "Investors", "Officials"]
TOPICS = (
    "export controls|arms sales|grain tariffs|energy subsidies|carbon pricing|border security|"
    "data protection|fishing rights|rare earth supply|vaccine procurement|steel quotas|"
    "rail investment|water sharing|migration policy|chip manufacturing|nuclear safety|"
    "debt relief|space cooperation|telecom licensing|pension reform"
).split("|")
TAGS = [*TOPICS, "security", "trade", "energy", "regulation"]
VERBS = (
    "expands tightens lifts suspends renews reviews announces delays approves rejects "
    "negotiates extends eases imposes confirms"
).split()
NOUNS = (
    "policy framework agreement ban quota programme deal review license treaty sanctions "
    "budget reform strategy timeline mandate oversight partnership tariff shortage demand "
    "commitment precedent alliance dispute forecast report statement proposal"
).split()
ADJECTIVES = (
    "strict urgent long-standing pragmatic regional global domestic bilateral gradual "
    "significant limited broader complex contentious strategic temporary cautious new"
).split()
FILLER = (
    "the a its their this that these with under after before amid while despite over into "
    "from within across between toward and but as"
).split()
WORDS = NOUNS + ADJECTIVES + FILLER + [t.split()[-1] for t in TOPICS]


def sentence(rng: random.Random, actors: list[str], topic: str) -> str:
    words = [rng.choice(actors), rng.choice(VERBS), "the", rng.choice(ADJECTIVES), topic]
    words += [rng.choice(NOUNS) if rng.random() < 0.4 else rng.choice(WORDS) for _ in range(11)]
    words += ["with", rng.choice(actors), "over", rng.choice(NOUNS)]
    if rng.random() < 0.5:
        words += ["and", QUERY]
    return " ".join(words) + "."


def item(text: str, *ids: int) -> Item:
    return Item(text, tuple(f"s{i}" for i in ids))


def briefing(number: int, rng: random.Random) -> Briefing:
    """Return one synthetic briefing, shaped like the generator's (rendered by its templates)."""
    topic = rng.choice(TOPICS)
    actors = rng.sample(STATES, 3) + rng.sample(ORGANISATIONS, 3) + rng.sample(GROUPS, 2)
    title = f"{actors[0]} {rng.choice(VERBS)} {topic} with {actors[1]} ({number})"
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(11 * 365))
    count = rng.randint(12, 14)
    texts = [sentence(rng, actors, topic) for _ in range(count)]
    points = sorted(rng.sample(range(2, count + 1), 4))
    cast = []
    for position, name in enumerate(actors):
        kind = "state" if position < 3 else "organisation" if position < 6 else "group"
        cited = sorted(rng.sample(range(1, count + 1), 2))
        role = f"{rng.choice(VERBS)} " + " ".join(rng.choice(WORDS) for _ in range(10))
        cast.append(
            Actor(name, kind, rng.randint(1, 12), (name,), role, tuple(f"s{i}" for i in cited))
        )
    shift = [item(texts[i - 1], i) for i in (rng.randrange(2, count + 1) for _ in range(4))]
    questions = []
    for _ in range(3):
        words = " ".join(rng.choice(WORDS) for _ in range(12))
        asked = rng.randrange(2, count + 1)
        questions.append(item(f"Could {rng.choice(actors)} {rng.choice(VERBS)} {words}?", asked))
    slug = f"b-{number:05d}"
    return Briefing(
        document=Document(
            source_path=f"seeds/{slug}.txt",
            slug=slug,
            title=title,
            text="\n\n".join(texts),
            date=day.isoformat(),
            tags=tuple(rng.sample(TAGS, 2)),
            provenance=(("title", "front matter"), ("date", "front matter")),
        ),
        title=title,
        sentences=tuple(Sentence(f"s{i}", t, i - 1) for i, t in enumerate(texts, 1)),
        summary=Summary(item(texts[0], 1), tuple(item(texts[i - 1], i) for i in points)),
        actors=tuple(cast),
        policy_shift=PolicyShift(*([s] for s in shift)),  # type: ignore[arg-type]
        open_questions=tuple(questions),
        topics=(topic,),
    )


def visible_words(page: str) -> int:
    """Words a reader sees: no front matter, no sentence ids, no Markdown syntax."""
    body = CITATION.sub("", page.split("---\n", 2)[2])
    return len(WORD.findall(body))


def make_project(folder: Path, size: int, search: str, home_rows: int | None = None) -> int:
    """Write the project with every page the generator writes; return words per briefing."""
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(
        ROOT / "site_src",
        folder / "site_src",
        ignore=lambda here, names: (
            {n for n in names if n in GENERATED} if Path(here) == ROOT / "site_src" else set()
        ),
    )
    rng = random.Random(20261124)
    briefings = [briefing(number, rng) for number in range(1, size + 1)]
    settings = load_settings(folder, search=search)
    env = make_env()
    sealed = {b.document.slug: seal(render(b, env)) for b in briefings}
    pages = compose_pages(briefings, sealed, settings, env)
    if home_rows is not None:
        index = settings.path("docs_dir") / "index.md"
        pages[index] = seal(render_index(briefings[:home_rows], env))
    words = 0
    for path, text in pages.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if path.parent == settings.briefings_dir:
            words += visible_words(text)
    return words // size


class Memory:
    """Sample, every 0.2 s, the memory of this process and of its descendants (the processes
    a build starts, and theirs), so a phase's peak can be read afterwards."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, int, int]] = []
        """(time, this process's memory, its descendants' summed), in bytes (``_rss``)."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> Memory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            me = os.getpid()
            parents: dict[int, list[int]] = {}
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue  # the process ended meanwhile
                parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
            below, todo = [], list(parents.get(me, []))
            while todo:
                pid = todo.pop()
                below.append(pid)
                todo += parents.get(pid, [])
            self.samples.append((time.perf_counter(), _rss(me), sum(map(_rss, below))))

    def peak(self, start: float, end: float, *, children: bool) -> float:
        """Return the peak, in MB, between ``start`` and ``end``: of the descendants' summed
        memory with ``children``, else of this process's."""
        values = [c if children else m for t, m, c in self.samples if start <= t <= end]
        return max(values, default=0) / 1024**2


def _rss(pid: int) -> int:
    """Return the proportional set size of ``pid``: the pages a forked worker shares with its
    parent count half in each, so the sum over processes is the memory they take."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@contextmanager
def pagefind_timed(phases: dict[str, tuple[float, float]]) -> Iterator[None]:
    """Record when ``briefing build``'s Pagefind indexing starts and ends, as ``phases``'
    "pagefind" entry (the rest of the build is MkDocs)."""
    original = site_build.index_with_pagefind

    def timed(site: Path, *, quiet: bool = False) -> int:
        started = time.perf_counter()
        try:
            return original(site, quiet=quiet)
        finally:
            phases["pagefind"] = (started, time.perf_counter())

    site_build.index_with_pagefind = timed
    try:
        yield
    finally:
        site_build.index_with_pagefind = original


def build(folder: Path, search: str, engine: str) -> tuple[float, float, Path]:
    """Build the pages with ``engine`` from scratch; return the wall time, the CPU time (user +
    system, the steadier figure on a shared machine) and the site's folder; NaN times when the
    build failed."""
    target = folder / f"site-{engine}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.rmtree(folder / ".cache", ignore_errors=True)  # Zensical's incremental cache
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    if engine == "mkdocs":
        status = plain_mkdocs(folder, search, target)
    else:
        settings = load_settings(
            folder,
            search=search if engine == "briefing" else "auto",
            engine="zensical" if engine == "zensical" else "mkdocs",
        )
        status = build_site(settings, briefings=0, quiet=True, target=target)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if status != 0:
        print(f"{engine}: the build failed (see above)", file=sys.stderr)
        return float("nan"), float("nan"), target
    return seconds, cpu, target


def plain_mkdocs(folder: Path, search: str, target: Path) -> int:
    """Build with MkDocs + Material alone: mkdocs.yml less the ``briefing`` plugin."""
    nav = list(read_mkdocs_yml(folder / "mkdocs.yml").get("nav") or [])
    config: dict[str, Any] = {"INHERIT": "mkdocs.yml", "plugins": ["search"]}
    if search == "pagefind":
        config = {"INHERIT": "mkdocs.yml", "plugins": [], "nav": [*nav, {"Search": "search.md"}]}
    (folder / "plain.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "--config-file", str(folder / "plain.yml"), "--site-dir", str(target)]  # fmt: skip
    status = subprocess.run(command, check=False, env=mkdocs_env(load_settings(folder))).returncode
    if status == 0 and search == "pagefind":
        status = index_with_pagefind(target, quiet=True)
    return status


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(
    folder: Path, size: int, search: str, engines: list[str], home_rows: int | None = None
) -> dict[str, Any]:
    phases: dict[str, tuple[float, float]] = {}
    with Memory() as memory:
        started = time.perf_counter()
        words = make_project(folder, size, search, home_rows)
        phases["compose"] = (started, time.perf_counter())
        times = {}
        for engine in engines:
            started = time.perf_counter()
            with pagefind_timed(phases):
                times[engine] = build(folder, search, engine)[:2]
            if engine == "briefing":
                phases["build"] = (started, time.perf_counter())
    scale = {
        name: (end - start, memory.peak(start, end, children=name != "compose"))
        for name, (start, end) in phases.items()
    }
    if "pagefind" in scale and "build" in scale:  # the build's time less Pagefind's
        scale["mkdocs"] = (scale["build"][0] - scale["pagefind"][0], scale["build"][1])
    site = folder / "site-briefing"
    if not site.exists():
        return {"pages": size, "words": words, "times": times, "scale": scale}
    pages = [p.stat().st_size for p in (site / "briefings").glob("*/index.html")]
    assert len(pages) == size, f"{len(pages)} briefing pages built, expected {size}"
    return {
        "pages": size,
        "words": words,
        "times": times,
        "scale": scale,
        "median": statistics.median(pages) / 1024,
        "largest": max(pages) / 1024,
        "home": (site / "index.html").stat().st_size / 1024,
        "total": folder_bytes(site) / 1024**2,
        "index": (
            folder_bytes(site / "pagefind")
            if search == "pagefind"
            else (site / "search" / "search_index.json").stat().st_size
        )
        / 1024**2,
    }


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def browser_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return CHROMIUM.exists()


def search_timings(site: Path, paths: list[str], search: str) -> list[dict[str, Any]]:
    """Serve ``site``; for each page, its load time and load → first search result (s)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    timings = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                for path in paths:
                    # A new context each time: nothing cached from the previous page.
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    context.set_default_timeout(300_000)
                    page = context.new_page()
                    page.goto(url + path, wait_until="load")
                    loaded = time.perf_counter()
                    load = page.evaluate(
                        "() => performance.getEntriesByType('navigation')[0].loadEventEnd / 1000"
                    )
                    if search == "pagefind":
                        # The Search page in the nav; the query typed as a reader would.
                        page.goto(url + "search/", wait_until="load")
                        page.locator(".pagefind-ui__search-input").click()
                        page.keyboard.type(QUERY, delay=30)
                        page.locator(".pagefind-ui__result").first.wait_for(state="visible")
                        first = time.perf_counter() - loaded
                        meta = page.locator(".pagefind-ui__message").inner_text()
                    else:
                        page.locator("input.md-search__input").click()
                        page.keyboard.type(QUERY, delay=30)
                        page.locator(".md-search-result__item").first.wait_for(state="visible")
                        first = time.perf_counter() - loaded
                        meta = page.locator(".md-search-result__meta").inner_text()
                    timings.append({"page": "/" + path, "load": load, "first": first, "meta": meta})
                    context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument(
        "--browser",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="measure the search in Chromium (default: when Chromium and Playwright exist)",
    )
    parser.add_argument(
        "--home-rows",
        type=int,
        default=None,
        metavar="N",
        help="list only the newest N briefings on the home page (default: all), to see its cost",
    )
    parser.add_argument(
        "--search",
        choices=["auto", "material", "pagefind"],
        default="auto",
        help="site search, as the `search` setting (default: auto, as the generator chooses)",
    )
    parser.add_argument(
        "--engines",
        nargs="+",
        choices=ENGINES,
        default=list(ENGINES),
        help="the builds to compare (default: all three)",
    )
    args = parser.parse_args()
    use_browser = browser_available() if args.browser is None else args.browser
    if use_browser and not browser_available():
        print(f"error: --browser needs {CHROMIUM} and Playwright's Python package", file=sys.stderr)
        return 2
    largest = max(args.sizes)
    rows: list[dict[str, Any]] = []
    timings: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="site-bench-") as tmp:
        for size in sorted(args.sizes):
            folder = Path(tmp) / str(size)
            folder.mkdir()
            search = search_engine(load_settings(ROOT, search=args.search), size)
            row = measure(folder, size, search, args.engines, args.home_rows)
            rows.append({**row, "search": search})
            for engine, (seconds, _) in row["times"].items():
                print(f"{engine}: built {size:,} briefings in {seconds:.1f} s", file=sys.stderr)
            if use_browser and size == largest and "briefing" in args.engines:
                site = folder / "site-briefing"
                timings = search_timings(site, ["", "briefings/b-00001/"], search)
            shutil.rmtree(folder)
    if args.home_rows is not None:
        print(f"Home page limited to the newest {args.home_rows:,} briefings.\n")
    names = {
        "briefing": "briefing build",
        "mkdocs": "plain MkDocs + Material",
        "zensical": "Zensical",
    }
    print(
        "| briefings | search | "
        + " | ".join(f"{names[e]} (s, CPU s)" for e in args.engines)
        + " |"
    )
    print("| ---: | --- |" + " ---: |" * len(args.engines))
    for r in rows:
        cells = " | ".join(
            f"{r['times'][e][0]:.1f} ({r['times'][e][1]:.1f})"
            if r["times"][e][0] == r["times"][e][0]  # not NaN: the build succeeded
            else "failed"
            for e in args.engines
        )
        print(f"| {r['pages']:,} | {r['search']} | {cells} |")
    print("\nZensical always builds its own search index.")
    if "briefing" in args.engines:
        print("\nThe site `briefing build` made:\n")
        print(
            "| briefings | words/page | median page (KB) | largest page (KB) | home page (KB) "
            "| site (MB) | search index (MB) |"
        )
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in rows:
            print(
                f"| {r['pages']:,} | {r['words']} | {r['median']:.1f} | {r['largest']:.1f} "
                f"| {r['home']:,.0f} | {r['total']:,.1f} | {r['index']:.1f} |"
            )
    if "briefing" in args.engines:
        print_scale(rows)
    if timings:
        print(f"\nChromium, {largest:,} briefings, query '{QUERY}':\n")
        print("| page | page load (s) | load → first search result (s) | results |")
        print("| --- | ---: | ---: | --- |")
        for t in timings:
            print(f"| {t['page']} | {t['load']:.2f} | {t['first']:.2f} | {t['meta']} |")
    return 0


def print_scale(rows: list[dict[str, Any]]) -> None:
    """Print the phases of ``briefing build`` per size: time, time per 1,000, peak memory."""
    print("\nThe scale of `briefing build` (s, s per 1,000 briefings, peak memory in MB):\n")
    print(
        "| briefings | compose pages | MkDocs | Pagefind | whole build "
        "| peak memory: compose / MkDocs + Pagefind |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        scale = r["scale"]

        def cell(name: str, r: dict[str, Any] = r, scale: dict[str, Any] = scale) -> str:
            if name not in scale:
                return "—"
            seconds = scale[name][0]
            return f"{seconds:,.1f} ({seconds / r['pages'] * 1000:.1f})"

        build = scale.get("build", (0.0, 0.0))[1]
        print(
            f"| {r['pages']:,} | {cell('compose')} | {cell('mkdocs')} | {cell('pagefind')} "
            f"| {cell('build')} | {scale['compose'][1]:,.0f} / {build:,.0f} |"
        )


if __name__ == "__main__":
    sys.exit(main())
