"""One bad file never stops the others (issue 11, items 5-11, 13, 15, 17, 19, 20).

Each test reproduces a case the red-team pass found: a seed, a setting or a template that
used to crash the whole run, hang it, publish a file from outside the project, or put live
HTML into the site. Each now gets one message naming the file, and the others still run.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from generator.config import Settings, load_settings
from generator.errors import ConfigError, GeneratorError, RenderError
from generator.loaders import load_documents
from generator.pipeline import compose_pages, run
from generator.render import make_env, render
from generator.types import Actor, Briefing, Document, Item, PolicyShift, Summary
from generator.write import seal

GOOD = "Japan agreed on Monday to sell six patrol boats to Chile.\n"


def seeds(settings: Settings) -> Path:
    return settings.path("seeds_dir")


def generate(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args, "--project", str(project)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def failed(report: object) -> dict[str, str]:
    return {str(e.path): e.message for e in report.failures}  # type: ignore[attr-defined]


# --- items 8, 13, 19: front matter ------------------------------------------------------------

BOMB = "---\ntitle: t\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, c in zip("abcde", "bcdef", strict=True)
)


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("date: 2024-02-30", "2024-02-30 is not a real date"),
        ("date: 0000-00-00", "0000-00-00 is not a real date"),
        ('date: "0000-00-00"', "'date' '0000-00-00' is not a real date"),
        ("tags: [[a, b], c]", "tag 1 is a list"),
        ("tags:\n  - {a: b}", "tag 1 is a mapping"),
        (BOMB.removeprefix("---\n") + "tags: *f", "YAML aliases (*a) are not accepted"),
    ],
)
def test_bad_front_matter_is_that_seeds_error_and_the_others_are_generated(
    settings: Settings, front: str, message: str
) -> None:
    (seeds(settings) / "bad.md").write_text(f"---\n{front}\n---\nKenya bought ships.\n")
    (seeds(settings) / "good.txt").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    report = run(settings)
    assert time.monotonic() - started < 60
    assert message in failed(report)["seeds/bad.md"]
    assert [b.document.slug for b in report.briefings] == ["good"]


def test_an_impossible_date_in_the_alias_file_is_one_message(project: Path) -> None:
    (project / "aliases.yml").write_text("aliases:\n  2024-02-30: Japan\n", encoding="utf-8")
    (project / "seeds" / "good.txt").write_text(GOOD, encoding="utf-8")
    result = generate(project, "generate", "-q")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "aliases.yml" in line and "2024-02-30 is not a real date" in line
    with pytest.raises(ConfigError, match="aliases"):
        (project / "aliases.yml").write_text("a: &x [1]\ndrop: *x\n", encoding="utf-8")
        run(load_settings(project))


# --- item 19: dates that are no dates, partial feed dates, settings ---------------------------


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-03 10:00", "2024-03 10:00"),  # feedparser read it as 2024-03-01
        ("2024-03T10:00:00Z", "2024-03T10:00:00Z"),
        ("2024-W10-1", "2024-W10-1"),  # feedparser read it as 2024-12-01
        ("Fri, 05 Jan 2024 10:00:00 GMT", "2024-01-05"),
    ],
)
def test_a_partial_feed_date_is_never_completed(
    tmp_path: Path, published: str, expected: str
) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<rss version="2.0"><channel><title>t</title><item><title>x</title>'
        f"<description>Some text here.</description><pubDate>{published}</pubDate>"
        "</item></channel></rss>"
    )
    (document,) = load_documents(feed)
    assert document.date == expected


def test_a_json_lines_date_that_is_no_date_is_ignored_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(
        '{"text": "Japan sold ships.", "date": "0000-00-00"}\n'
        '{"text": "Chile bought tanks.", "date": "2024-01-<img src=x onerror=alert(1)>"}\n'
    )
    first, second = load_documents(path)
    assert first.date is None and second.date is None
    assert any("'0000-00-00' is not a real date" in w for w in first.warnings)


def test_a_bad_search_value_is_reported_at_once_with_its_file(tmp_path: Path) -> None:
    (tmp_path / "briefing.toml").write_text('search = "lunr"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert info.value.path == tmp_path / "briefing.toml"
    assert "search must be one of auto, material, pagefind, got 'lunr'" in info.value.message


# --- items 7, 9, 15: entries of the seeds folder -----------------------------------------------


@pytest.mark.usefixtures("nlp")
def test_links_out_of_the_seeds_folder_fifos_and_broken_links_each_get_a_message(
    settings: Settings,
) -> None:
    folder = seeds(settings)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    (folder / "same.txt").symlink_to(folder / "good.txt")  # inside: used
    os.mkfifo(folder / "pipe.txt")
    report = run(settings)
    problems = failed(report)
    assert "outside the seeds folder" in problems["seeds/passwd.txt"]
    assert "broken link" in problems["seeds/dangling.txt"]
    assert "FIFO" in problems["seeds/pipe.txt"]
    assert [b.document.slug for b in report.briefings] == ["good"]
    assert report.briefings[0].document.also_from == ("seeds/same.txt",)
    built = "".join(p.read_text() for p in settings.path("docs_dir").rglob("*.md"))
    assert "root:x:0:0" not in built


def test_show_on_a_fifo_answers_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "show", str(tmp_path / "pipe.txt")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert "is a FIFO (named pipe), not a document" in result.stderr


@pytest.mark.usefixtures("nlp")
def test_an_unreadable_seed_or_folder_is_its_own_error(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = seeds(settings)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "secret.txt").write_text("Chile bought tanks.\n", encoding="utf-8")
    (folder / "closed").mkdir()
    (folder / "closed" / "inside.txt").write_text("Peru bought ships.\n", encoding="utf-8")
    # As root, chmod 000 does not stop a read: refuse it the way the system would.
    secret, closed = folder / "secret.txt", folder / "closed"
    denied = PermissionError(13, "Permission denied")
    real_open, real_read, real_scandir = os.open, Path.read_bytes, os.scandir

    def no_open(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == secret:
            raise denied
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def no_read(path: Path) -> bytes:
        if path == secret:
            raise denied
        return real_read(path)

    def no_listing(path: object = ".") -> object:
        if Path(str(path)) == closed:
            raise denied
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "open", no_open)
    monkeypatch.setattr(Path, "read_bytes", no_read)
    monkeypatch.setattr(os, "scandir", no_listing)
    report = run(settings)
    problems = failed(report)
    assert "cannot read the file (Permission denied)" in problems["seeds/secret.txt"]
    assert "cannot list this folder (Permission denied)" in problems["seeds/closed"]
    assert [b.document.slug for b in report.briefings] == ["good"]


# --- item 10: a library that fails to import ---------------------------------------------------


@pytest.mark.usefixtures("nlp")
def test_a_loader_whose_library_fails_to_import_fails_only_its_seeds(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    (seeds(settings) / "good.txt").write_text(GOOD, encoding="utf-8")
    (seeds(settings) / "page.html").write_text(f"<html><body><p>{GOOD * 20}</p></body></html>")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura fails
    report = run(settings)
    message = failed(report)["seeds/page.html"]
    assert "the library 'trafilatura' failed to import" in message
    assert "pip install -e ." in message
    assert [b.document.slug for b in report.briefings] == ["good"]


def test_lxml_html_clean_is_a_declared_dependency() -> None:
    import tomllib

    from tests.conftest import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [
        d.split(">")[0].split("[")[0].lower().replace("-", "_") for d in project["dependencies"]
    ]
    assert "lxml_html_clean" in names or any("html-clean" in d for d in project["dependencies"])


# --- item 11: a broken override of any template ------------------------------------------------


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize(
    "name",
    ["actor.md.j2", "actors.md.j2", "timeline.md.j2", "related.md.j2", "index.md.j2", "tags.md.j2"],
)
@pytest.mark.parametrize("broken", ["{% if %}\n", "{{ no_such_thing.field }}\n"])
def test_a_broken_override_of_any_template_is_one_message_naming_it(
    settings: Settings, name: str, broken: str
) -> None:
    (seeds(settings) / "good.txt").write_text(GOOD, encoding="utf-8")
    templates = settings.path("templates_dir")
    templates.mkdir()
    (templates / name).write_text(broken, encoding="utf-8")
    with pytest.raises(RenderError) as info:
        run(settings)
    assert info.value.path == templates / name
    assert f"template {name!r} failed, line 1" in info.value.message


def test_a_broken_template_through_the_command_line_has_no_traceback(project: Path) -> None:
    (project / "seeds" / "good.txt").write_text(GOOD, encoding="utf-8")
    (project / "templates").mkdir()
    (project / "templates" / "timeline.md.j2").write_text("{{ 1 / 0 }}\n", encoding="utf-8")
    result = generate(project, "generate", "-q", "-j", "1")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "timeline.md.j2' failed, line 1 (ZeroDivisionError" in result.stderr


# --- items 5, 6: metadata escaped in every template --------------------------------------------

HOSTILE_DATE = "2024-01-<img src=x onerror=alert(1)>"
HOSTILE_NAME = "seeds/a\n\n<img src=x onerror=alert(2)>\n\nb.txt"


def fake(slug: str, actors: tuple[str, ...] = (), **document: object) -> Briefing:
    document.setdefault("source_path", f"seeds/{slug}.txt")
    doc = Document(slug=slug, title=None, text="x", **document)  # type: ignore[arg-type]
    return Briefing(
        document=doc,
        title=slug.title(),
        sentences=(),
        summary=Summary(Item("x", ("s1",)), ()),
        actors=tuple(Actor(n, "state", 2, (n,), "sold", ("s1",)) for n in actors),
        policy_shift=PolicyShift(),
        open_questions=(),
    )


def test_a_hostile_date_and_file_name_reach_no_page_as_html(settings: Settings) -> None:
    env = make_env()
    briefings = [
        fake("a", date=HOSTILE_DATE),
        fake("b", source_path=HOSTILE_NAME, date="2024-01-05"),
    ]
    pages = compose_pages(
        briefings, {b.document.slug: seal(render(b, env)) for b in briefings}, settings, env
    )
    import markdown

    extensions = ["attr_list", "tables", "admonition", "pymdownx.details", "md_in_html"]
    for path, text in pages.items():
        # The front matter is YAML, where the value is quoted (and MkDocs prints no date).
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        assert "<img" not in markdown.markdown(body, extensions=extensions), path
    front = yaml.safe_load(pages[settings.briefings_dir / "a.md"].split("---\n")[1])
    assert front["date"] == HOSTILE_DATE
    briefing_b = pages[settings.briefings_dir / "b.md"]
    assert "**Seed:** `seeds/a\\n\\n<img src=x onerror=alert(2)>\\n\\nb.txt`\n" in briefing_b
    assert "<code>seeds/a\\n\\n&lt;img src=x onerror=alert(2)&gt;\\n\\nb.txt</code>" in briefing_b


# --- item 17: actor page names ----------------------------------------------------------------


def test_actor_page_names_are_unique_readable_and_never_the_overview(settings: Settings) -> None:
    env = make_env()
    names = ("INDEX", "Владимир Путин", "Дмитрий Медведев", "Kyodo News", "KYODO NEWS")
    briefings = [fake("a", names[:3]), fake("b", names[3:])]
    sealed = {b.document.slug: seal(render(b, env)) for b in briefings}
    pages = compose_pages(briefings, sealed, settings, env)
    actors = settings.path("docs_dir") / "actors"
    assert pages[actors / "index.md"].startswith("---\ntitle: Actors\n")
    named = {p.stem: t for p, t in pages.items() if p.parent == actors and p.stem != "index"}
    assert "vladimir-putin" in named and "dmitriy-medvedev" in named
    assert any(s.startswith("index-") for s in named)
    assert "kyodo-news" in named and named["kyodo-news"].startswith('---\ntitle: "Kyodo News"')
    assert len(named) == 4  # the two spellings of Kyodo News are one page, listing both
    for text in sealed.values():  # every actor link lands on a page that exists
        for slug in __import__("re").findall(r"\]\(\.\./actors/([^)]+)\.md\)", text):
            assert slug in named, slug


# --- item 20: serve and running outside a project ---------------------------------------------


def test_serve_on_a_busy_port_is_one_line_and_a_failure(project: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = generate(project, "serve", "-q", "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: cannot serve on 127.0.0.1:{port} (Address already in use); give a free "
        "port with --port, or stop what is using it"
    ]


def test_serve_on_an_invalid_port_is_refused(project: Path) -> None:
    result = generate(project, "serve", "--port", "70000")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "70000 is not in the range 1<=x<=65535" in result.stderr


@pytest.mark.parametrize("command", ["generate", "build", "check"])
def test_outside_a_project_the_commands_say_so_and_write_nothing(
    tmp_path: Path, command: str
) -> None:
    result = generate(tmp_path, command)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: {tmp_path}: no mkdocs.yml here, so this is not a briefing project; run the "
        "command in the project's folder (the one holding mkdocs.yml and seeds/) or give "
        "--project DIR"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_generator_error_is_the_family_of_every_new_error() -> None:
    from generator.lock import LockTimeout

    assert issubclass(LockTimeout, GeneratorError)
    logging.getLogger("generator").info("")  # the logger exists before any command runs
