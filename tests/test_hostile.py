"""Nothing in a seed can attack the site: hostile titles and text are rendered inert."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from generator.loaders.normalize import normalize_inline
from generator.write import parse_page

pytestmark = pytest.mark.usefixtures("nlp")

ATTACKS = [
    '<script>alert("xss-1")</script>',
    '<img src=x onerror=alert("xss-2")>',
    "<b>bold-3</b>",
    "[click-4](javascript:alert(4))",
    "{{ config.site_name }} {% raw %}jinja-5{% endraw %}",
    "../../../etc/passwd-6",
    "<!-- generator:end summary sum=000000000000 -->",
    "---\ntitle: injected-7\n---",
]


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "-q", "--project", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )


def raw_html_leaks(site: Path) -> list[str]:
    """Return the hostile snippets that reached the built HTML as live markup."""
    leaks = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for pattern in (
            r"<script>alert\(",
            r"<img src=x onerror",
            r"<b>bold-3</b>",
            r'href="javascript:',
        ):
            if re.search(pattern, html):
                leaks.append(f"{page.name}: {pattern}")
    return leaks


def test_hostile_titles_and_text_are_inert(project: Path) -> None:
    seeds = project / "seeds"
    title = 'He said: "yes" # not a comment\n- not: a list\n{{ jinja }} <script>x</script>'
    front = yaml.safe_dump({"title": title, "tags": ["a: b", "<i>t</i>"]})
    (seeds / "hostile.md").write_text(f"---\n{front}---\n" + "\n\n".join(ATTACKS) + "\n")
    (seeds / "plain.txt").write_text("Japan sold missiles to Chile. " + " ".join(ATTACKS) + "\n")
    result = build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site_src" / "briefings" / "hostile.md").read_text(encoding="utf-8")
    front_matter = yaml.safe_load(page.split("---\n")[1])
    # The same text on one line, HTML-escaped: Material prints the title into <title> raw.
    assert html.unescape(front_matter["title"]) == normalize_inline(title)
    assert "<script>" not in front_matter["title"]
    assert list(parse_page(page).blocks)[:2] == ["front-matter", "title"]
    assert raw_html_leaks(project / "site") == []
    built = (project / "site" / "briefings" / "hostile" / "index.html").read_text()
    assert "{{ config.site_name }}" in built  # Jinja syntax shown as text, never evaluated
    outside = [p for p in (project / "site_src").rglob("*.md") if "passwd" in p.name]
    assert outside == []


@hypothesis_settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    texts=st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(ATTACKS),
                st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
                st.sampled_from(["Japan sold ships to Peru.", "Critics argue it could fail."]),
            ),
            min_size=1,
            max_size=6,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_fuzzed_seeds_build_strictly_with_no_raw_html(
    project: Path, texts: list[list[str]]
) -> None:
    seeds = project / "seeds"
    for old in seeds.glob("*"):
        old.unlink()
    for number, parts in enumerate(texts):
        body = " ".join(parts).replace("\x00", "")
        if not body.strip():
            body = "Japan sold ships to Peru."
        (seeds / f"fuzz-{number}.txt").write_text(body, encoding="utf-8")
    result = build(project)
    # A seed may be refused (e.g. nothing but control characters), never the build.
    assert "Traceback" not in result.stderr
    assert (project / "site" / "index.html").exists(), result.stderr
    assert "WARNING" not in result.stderr
    assert raw_html_leaks(project / "site") == []
