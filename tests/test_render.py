"""Rendering: the Markdown/YAML filters and template overrides, on a hand-built Briefing."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest
import yaml

from generator.errors import RenderError
from generator.render import (
    anchored,
    cites,
    make_env,
    md_escape,
    render,
    render_index,
    table_cell,
    tag_anchor,
    yaml_scalar,
)
from generator.types import (
    Actor,
    Briefing,
    Document,
    Item,
    PolicyShift,
    Sentence,
    SetAside,
    Summary,
    from_record,
    to_record,
)
from generator.write import parse_page, seal

# The extensions of the shipped mkdocs.yml that matter for inline text.
SITE_EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "tables",
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
    "toc",
]


def to_html(markdown_text: str) -> str:
    import markdown

    return markdown.markdown(markdown_text, extensions=SITE_EXTENSIONS)


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def briefing(title: str | None = "Japan exports missiles", **document: object) -> Briefing:
    doc = Document(
        source_path="seeds/japan.txt",
        slug="japan",
        title=title,
        text="Japan exported missiles. Critics argue it could anger China.",
        **document,  # type: ignore[arg-type]
    )
    return Briefing(
        document=doc,
        title=title or "Japan",
        sentences=(
            Sentence("s1", "Japan exported *missiles*.", 0),
            Sentence("s2", "Critics argue it could anger China.", 1),
        ),
        summary=Summary(Item("Japan exported missiles.", ("s1",)), (Item("Critics.", ("s2",)),)),
        actors=(
            Actor("Japan", "state", 2, ("Japan",), "exporter", ("s1",)),
            Actor("Critics", "group", 1, ("Critics",), "argue", ("s2",)),
        ),
        policy_shift=PolicyShift(),
        open_questions=(Item("Will China respond?", ("s2",)),),
        topics=("export control",),
    )


# --- md_escape ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", r"&lt;script&gt;alert\(1\)&lt;/script&gt;"),
        ("[link](x)", r"\[link\]\(x\)"),
        ("*em*", r"\*em\*"),
        ("_em_", r"\_em\_"),
        ("# heading", r"\# heading"),
        ("a | b", r"a \| b"),
        ("`code`", r"\`code\`"),
        ("back\\slash", r"back\\slash"),
        ("!image {attr} +plus ~tilde", r"\!image \{attr\} \+plus ~tilde"),
        ("AT&T", "AT&amp;T"),
        ("two\nlines", "two lines"),
        ("plain text, 1990–95.", "plain text, 1990–95."),
    ],
)
def test_md_escape(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_md_escape_accepts_non_strings() -> None:
    assert md_escape(42) == "42"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[link](https://evil.example)",
        "![img](https://evil.example/x.png)",
        "*em* and **strong** and _under_",
        "`code`",
        "# heading",
        "a | b",
    ],
)
def test_md_escape_output_is_inert_when_rendered(text: str) -> None:
    rendered = to_html(md_escape(text))
    assert rendered.startswith("<p>")
    for tag in ("<script", "<img", "<a ", "<em>", "<strong>", "<code>", "<h1", "<table"):
        assert tag not in rendered


@pytest.mark.parametrize("text", ["a [b] (c) *d* _e_ `f` #g +h !i {j} \\k & l > m | n"])
def test_md_escape_renders_back_to_the_same_visible_text(text: str) -> None:
    assert visible_text(to_html(md_escape(text))) == text


@pytest.mark.parametrize("text", ["costs < 5%", "about ~300 troops"])
def test_md_escape_shows_no_stray_backslash(text: str) -> None:
    assert visible_text(to_html(md_escape(text))) == text


def test_table_cell_escapes_pipes_so_the_row_keeps_its_cells() -> None:
    cells = [table_cell("a | b"), table_cell("two\nlines")]
    row = f"| {cells[0]} | {cells[1]} |"
    table = to_html(f"| X | Y |\n| --- | --- |\n{row}\n")
    assert table.count("<td>") == 2
    assert "<td>a | b</td>" in table
    assert "<td>two lines</td>" in table


# --- yaml_scalar ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "Plain title",
        'He said "no"',
        "It's: a colon",
        "key: value",
        "# not a comment",
        "title #with hash",
        "- leading dash",
        "? question",
        "[flow, list]",
        "{flow: map}",
        "{{ jinja }}",
        "line one\nline two",
        "   padded   ",
        "yes",
        "null",
        "1e3",
        "2024-11-05",
        "&anchor *alias !tag",
        "@at `tick` %percent",
        "back\\slash\ttab",
        "Ünïcödé — “quotes”",
        "",
        "---",
        "...",
    ],
)
def test_yaml_scalar_parses_back_to_the_same_string(value: str) -> None:
    scalar = yaml_scalar(value)
    assert "\n" not in scalar
    assert yaml.safe_load(f"title: {scalar}\n") == {"title": value}
    assert yaml.safe_load(f"- {scalar}\n") == [value]


def test_yaml_scalar_of_none_and_numbers() -> None:
    assert yaml.safe_load(yaml_scalar(None)) == ""
    assert yaml.safe_load(yaml_scalar(2024)) == "2024"


def test_yaml_scalar_keeps_non_ascii_readable() -> None:
    assert yaml_scalar("Zürich") == '"Zürich"'


# --- cites and anchored ---------------------------------------------------------------------


def test_cites() -> None:
    # Links to the sentence anchors, shown with brackets: "[s1]".
    assert cites(["s1", "s3"]) == (
        '<a class="cite" href="#s1">[s1]</a> <a class="cite" href="#s3">[s3]</a>'
    )
    assert cites(("s2",)) == '<a class="cite" href="#s2">[s2]</a>'
    assert cites([]) == ""


def test_cites_render_as_links_to_the_sentence_anchors() -> None:
    rendered = to_html(cites(["s1", "s3"]))
    assert rendered == (
        '<p><a class="cite" href="#s1">[s1]</a> <a class="cite" href="#s3">[s3]</a></p>'
    )


def test_anchored() -> None:
    sentences = [Sentence("s1", "First *one*.", 0), Sentence("s2", "Second <b>.", 0)]
    assert anchored(sentences) == (
        '<span id="s1" class="sentence"><a class="sentence-id" href="#s1">s1</a> First *one*.'
        '</span> <span id="s2" class="sentence"><a class="sentence-id" href="#s2">s2</a> '
        "Second &lt;b&gt;.</span>"
    )
    assert anchored([]) == ""


def test_anchored_renders_anchors_and_inert_text() -> None:
    # The source text is a raw HTML block (as in the template): Markdown leaves it alone.
    paragraph = anchored([Sentence("s7", "[x](y) *z*", 0)])
    block = f"<details>\n<summary>s</summary>\n<p>{paragraph}</p>\n</details>"
    rendered = to_html(block)
    assert '<a class="sentence-id" href="#s7">s7</a> [x](y) *z*</span></p>' in rendered


# --- templates ------------------------------------------------------------------------------


def front_matter(page: str) -> dict[str, object]:
    match = re.match(r"---\n(.*?)\n---\n", page, re.S)
    assert match, "page starts with front matter"
    loaded = yaml.safe_load(match.group(1))
    assert isinstance(loaded, dict)
    return loaded


def test_render_shipped_template_with_a_fake_briefing() -> None:
    page = render(briefing(date="2024-11-05", tags=("defence",)))
    meta = front_matter(page)
    assert meta["title"] == "Japan exports missiles"
    assert meta["date"] == "2024-11-05"
    assert meta["seed"] == "seeds/japan.txt"
    # Topic tags only (the source's, the text's key phrases): actors have pages of their own.
    assert meta["tags"] == ["defence", "export control"]
    assert meta["actors"] == ["Japan", "Critics"]
    assert "source" not in meta
    assert "# Japan exports missiles\n" in page
    assert f"**Bottom line:** Japan exported missiles. {cites(['s1'])}" in page
    assert f"- Will China respond? {cites(['s2'])}" in page
    assert "No policy shift" in page
    # The source text is raw HTML, which Markdown leaves alone: no Markdown escapes there.
    assert 'href="#s1">s1</a> Japan exported *missiles*.' in page
    blocks = parse_page(seal(page)).blocks
    assert list(blocks) == [
        "front-matter",
        "title",
        "metadata",
        "summary",
        "actors",
        "policy-shift",
        "open-questions",
        "source-text",
    ]


def test_a_briefing_opens_with_its_tags_and_bottom_line_and_keeps_chrome_out_of_search() -> None:
    page = to_html(render(briefing(tags=("Defence & [war]",))).split("---\n", 2)[2])
    start = page.index("<h1")
    tags = page.index('<p class="briefing-tags"')
    bottom = page.index('<p class="bottom-line"')
    source = page.index('<div class="briefing-source"')
    summary = page.index('<h2 id="summary"')
    # What the built-in search previews for a page is its text before the first section:
    # there, everything but the bottom line is kept out of the index.
    assert start < tags < bottom < source < summary
    assert 'data-search-exclude="true"' in page[tags:bottom]
    assert 'data-pagefind-ignore="all"' in page[tags:bottom]
    assert 'data-search-exclude="true"' in page[source : page.index("</div>", source)]
    assert 'data-pagefind-meta="bottom_line"' in page[bottom : page.index("</p>", bottom)]
    assert "Bottom line:" not in page[summary:]  # said once, at the top
    # Each tag links to its entry on the tags page, its text inert.
    assert '<a class="md-tag" href="../tags.md#tag-defence-war">Defence &amp; [war]</a>' in page
    assert '<a class="md-tag" href="../tags.md#tag-export-control">export control</a>' in page


def test_tag_anchors_are_stable_ids_for_any_tag() -> None:
    assert tag_anchor("Export controls") == "tag-export-controls"
    assert tag_anchor("export-controls") == tag_anchor("Export controls")  # one tag
    assert re.fullmatch(r"tag-[0-9a-f]{10}", tag_anchor("日本"))  # nothing to slugify
    assert tag_anchor("日本") != tag_anchor("中国")


@pytest.mark.parametrize(
    "title",
    ['Quote " and colon: here', "# hash", "- dash", "{{ not jinja }}", "two\nlines", "a --- b"],
)
def test_render_tricky_title_cannot_break_the_front_matter(title: str) -> None:
    page = render(briefing(title=title, source='Wire: "AP"', url="https://x.example/?a=1#f"))
    meta = front_matter(page)
    # Titles are HTML-escaped for the theme, which prints them raw into <title>.
    assert html.unescape(meta["title"]) == title
    assert meta["source"] == 'Wire: "AP"'
    assert meta["url"] == "https://x.example/?a=1#f"


def test_render_index_lists_briefings() -> None:
    index = render_index([briefing(date="2024-11-05")])
    assert "1 briefing, newest first" in index
    item = next(line for line in index.splitlines() if line.startswith("- "))
    assert item.startswith("- [Japan exports missiles](briefings/japan.md){ .briefing-title } ")
    assert '<span class="briefing-meta">2024-11-05 · Japan, Critics</span>' in item
    assert '<span class="briefing-bottom-line">Japan exported missiles.</span>' in item
    assert "briefing-shift" not in item  # "No policy shift" is not repeated on every line
    assert "No briefings yet" in render_index([])


def test_make_env_user_template_overrides_the_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text(
        "Custom {{ b.title | md }} {{ b.summary.bottom_line.cites | cites }}\n", encoding="utf-8"
    )
    env = make_env(tmp_path)
    assert render(briefing(title="*T*"), env) == f"Custom \\*T\\* {cites(['s1'])}\n"
    # Templates the user did not override still come from the package.
    assert "1 briefing" in render_index([briefing()], env)


def test_make_env_missing_user_folder_falls_back_to_shipped_templates(tmp_path: Path) -> None:
    env = make_env(tmp_path / "no-such-folder")
    assert render(briefing(), env) == render(briefing())
    assert render(briefing(), make_env(None)) == render(briefing())


def test_make_env_filters_and_strict_undefined(tmp_path: Path) -> None:
    env = make_env()
    assert {"md", "cell", "yaml", "cites", "anchored"} <= set(env.filters)
    (tmp_path / "briefing.md.j2").write_text("{{ b.no_such_field }}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"briefing\.md\.j2"):
        render(briefing(), make_env(tmp_path))


def test_broken_user_template_is_a_render_error(tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text("{% if %}\n", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        render(briefing(), make_env(tmp_path))
    assert "fix or remove the override" in info.value.message


# --- what the loader set aside, the dateline, the title's origin ---------------------------


def test_the_page_counts_the_lines_set_aside_and_shows_the_dateline() -> None:
    aside = (
        SetAside("Read more: Ports", "link line"),
        SetAside("Photo: AP", "credit"),
        SetAside("Read more: Ships", "link line"),
    )
    page = render(briefing(set_aside=aside, dateline="BRUSSELS (AP)"))
    assert "- **Set aside:** 3 lines (link line ×2, credit) *(not analysed;" in page
    assert "- **Dateline:** BRUSSELS \\(AP\\) *(text, not analysed)*" in page
    assert "Read more" not in page  # listed by `briefing show --format json`, not on the page


def test_a_page_with_nothing_set_aside_says_nothing_about_it() -> None:
    page = render(briefing())
    assert "Set aside" not in page and "Dateline" not in page


@pytest.mark.parametrize(
    ("title", "origin"),
    [("Japan", "from the file name"), ("Japan exported missiles", "proposed from the text")],
)
def test_a_title_the_seed_did_not_give_says_where_it_came_from(title: str, origin: str) -> None:
    untitled = dataclasses.replace(briefing(title=title), document=briefing(title=None).document)
    assert f"- **Title:** {title} *({origin})*" in render(untitled)


def test_the_json_contract_lists_the_lines_set_aside_and_the_cache_keeps_them() -> None:
    aside = (SetAside("Photo: AP", "credit"),)
    original = briefing(set_aside=aside, dateline="BRUSSELS (AP)", thin=True)
    data = original.to_dict()
    assert data["set_aside"] == [{"text": "Photo: AP", "reason": "credit"}]
    assert data["dateline"] == "BRUSSELS (AP)"
    record = json.loads(json.dumps(to_record(original)))
    assert from_record(record) == original


def test_a_thin_extraction_is_marked_on_the_home_page() -> None:
    index = render_index([briefing(date="2024-11-05", thin=True)])
    assert "*(thin extraction: check the source)*" in index
    assert "then thin extractions" in index
    assert "thin" not in render_index([briefing(date="2024-11-05")])
