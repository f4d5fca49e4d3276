"""Real web pages become clean documents: furniture set aside, datelines read, titles and dates
trusted. Every page here is a small one made for its test (no eval data, no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import LoadError
from generator.loaders import load, load_documents
from generator.loaders.boilerplate import filter_text, kind_of
from generator.loaders.metadata import numeric_date, read_dateline
from generator.types import Document, SetAside

ARTICLE = (
    "<p>The city council approved the new harbour plan on Monday after a long debate about "
    "its cost and its effect on the fishing fleet that works from the old port.</p>"
    "<p>The plan will widen the harbour entrance and build a new quay for ferries, officials "
    "said in a statement released after the vote by the full council.</p>"
    "<p>Opponents said the plan would cost too much and promised to challenge it in court "
    "before the end of the year, when the first contracts are due to be signed.</p>"
)
"""Three paragraphs, 86 words: a whole article, not a thin one."""


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def web_page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def article(*extra: str, before: str = "", title: str = "Council approves harbour plan") -> str:
    """Return a news page: the headline, ``before``, the article, then ``extra`` paragraphs."""
    head = f"<title>{title} | Example Gazette</title>"
    body = f"<article><h1>{title}</h1>{before}{ARTICLE}{''.join(extra)}</article>"
    return web_page(head, body)


def load_page(tmp_path: Path, html: str, name: str = "page.html") -> Document:
    return load(write(tmp_path, name, html))


def furniture(document: Document) -> list[SetAside]:
    """Return what was set aside, less the headline the page repeats (tested on its own)."""
    return [s for s in document.set_aside if s.reason != "repeated headline"]


# --- one test per kind of furniture, each on a page made for it ----------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Read more: Harbour plan faces new delays", "link line"),
        ("Related: Ferry company orders two new ships", "link line"),
        ("(Credit: Sam Poe / Example Gazette)", "credit"),
        ("Photo: AP", "credit"),
        ("Additional reporting by Ann Lee; Editing by Tom Ray", "credit"),
        ("By Jane Roe", "byline"),
        ("© Example Gazette 2024", "copyright or site notice"),
        ("Our Standards: The Example Trust Principles.", "copyright or site notice"),
        ("Nature 574, 16-17 (2019)", "copyright or site notice"),
        ("Subscribe now to our newsletter for the full story.", "call to action"),
        ("Share this article", "call to action"),
        ('"', "lone punctuation"),
        ("Update March 3, 8:05AM ET: Added the mayor's statement.", "editor's note"),
        ("pic.twitter.com/U7PMa4oNGN", "link line"),
    ],
)
def test_each_kind_of_furniture_is_set_aside_with_its_reason(
    tmp_path: Path, text: str, reason: str
) -> None:
    document = load_page(tmp_path, article(f"<p>{text}</p>"))
    assert text not in document.text
    [aside] = furniture(document)
    assert aside.text == text
    assert aside.reason.startswith(reason)
    assert document.text.count("\n\n") == 2  # the article's three paragraphs, all kept
    assert not document.thin


def test_a_caption_the_markup_gives_as_one_is_set_aside(tmp_path: Path) -> None:
    caption = "Fishing boats moored in the old harbour at dawn on Monday."
    # The page prints the picture's description under it, as a paragraph of its own.
    document = load_page(
        tmp_path, article(before=f'<img src="a.jpg" alt="{caption}"><p>{caption}</p>')
    )
    assert caption not in document.text
    assert furniture(document) == [SetAside(caption, "caption")]


def test_the_headline_repeated_in_the_text_is_set_aside(tmp_path: Path) -> None:
    document = load_page(tmp_path, article())
    assert document.title == "Council approves harbour plan"
    assert document.text.startswith("The city council approved")
    assert document.set_aside == (SetAside("Council approves harbour plan", "repeated headline"),)


def test_a_credit_ending_a_paragraph_is_cut_from_it_alone(tmp_path: Path) -> None:
    html = article("<p>Ferries will use the new quay from next spring. Photo: AP</p>")
    document = load_page(tmp_path, html)
    assert document.text.endswith("Ferries will use the new quay from next spring.")
    assert furniture(document) == [SetAside("Photo: AP", "credit")]


@pytest.mark.parametrize(
    "statement",
    [
        "By the end of the year, prices rose by a third.",
        "Copyright law was changed by parliament on Tuesday.",
        "Reporting by the BBC found that the minister had misled parliament.",
        "Pictures by the artist were sold at auction for a record price.",
        "Subscribers to the service rose by five percent last year.",
        '"Don\'t miss this chance," the mayor told the council.',
        "Related companies were also fined by the regulator.",
        "Share prices fell sharply after the announcement.",
    ],
)
def test_statements_that_look_like_furniture_are_kept(statement: str) -> None:
    assert kind_of(statement) is None
    assert filter_text(statement).set_aside == ()


def test_a_gallery_keeps_its_captions_as_its_text_and_says_so(tmp_path: Path) -> None:
    captions = [
        f"Costume number {n}: wear a long black coat, a wide hat and a silver mask for the "
        "evening, then add boots and gloves to finish the look."
        for n in range(1, 8)
    ]
    slides = "".join(f"<figure><figcaption>{c}</figcaption></figure><p>{c}</p>" for c in captions)
    document = load_page(
        tmp_path, web_page("<title>Costumes</title>", f"<article>{slides}</article>")
    )
    assert "Costume number 7" in document.text  # the captions are the page's text
    assert document.thin
    assert "mostly image captions" in document.warnings[-1]


# --- when the extraction misses the article ------------------------------------------------


def test_the_json_ld_article_body_replaces_an_extraction_that_caught_a_caption(
    tmp_path: Path,
) -> None:
    body_text = " ".join(
        f"Paragraph {n} of the column argues that the chief executive should study how the "
        "island's president won re-election against the odds."
        for n in range(1, 9)
    )
    data = {"@type": "NewsArticle", "headline": "A column", "articleBody": body_text}
    head = f'<title>A column</title><script type="application/ld+json">{json.dumps(data)}</script>'
    body = "<article><p>The president speaks during a televised debate. Photo: AP</p></article>"
    document = load_page(tmp_path, web_page(head, body))
    assert document.text.startswith("Paragraph 1 of the column")
    assert ("text", "the page's JSON-LD articleBody") in document.provenance
    assert not document.thin


def test_json_ld_paragraphs_run_together_are_split(tmp_path: Path) -> None:
    paragraphs = [
        "Hard drives will soon hold eighty terabytes, the maker said on Tuesday in Tokyo.",
        "As the trade press reports, the new platters use heat to write smaller bits.",
    ] * 5
    data = {"@type": "NewsArticle", "articleBody": "".join(paragraphs)}
    head = f'<title>Drives</title><script type="application/ld+json">{json.dumps(data)}</script>'
    document = load_page(tmp_path, web_page(head, "<article><p>Drives.</p></article>"))
    assert document.text.split("\n\n")[:2] == paragraphs[:2]


def test_a_standfirst_the_page_shows_opens_the_text(tmp_path: Path) -> None:
    dek = "The harbour will get a new quay and a wider entrance after a long fight over its cost."
    head = f'<title>Harbour plan</title><meta name="description" content="{dek}">'
    body = f'<header><h1>Harbour plan</h1><p class="standfirst">{dek}</p></header>'
    document = load_page(tmp_path, web_page(head, f"{body}<article>{ARTICLE}</article>"))
    assert document.text.startswith(dek)


def test_a_description_the_page_never_shows_is_not_text(tmp_path: Path) -> None:
    dek = "The best local news from the harbour town, every day, since eighteen ninety."
    head = f'<title>Harbour plan</title><meta name="description" content="{dek}">'
    document = load_page(tmp_path, web_page(head, f"<article>{ARTICLE}</article>"))
    assert dek not in document.text


# --- a thin extraction is loud --------------------------------------------------------------


def test_a_thin_extraction_warns_and_is_marked(tmp_path: Path) -> None:
    body = (
        "<article><p>The president speaks during a televised debate in the capital on "
        "Sunday evening.</p><p>Photo: AP</p></article>"
    )
    document = load_page(tmp_path, web_page("<title>A column</title>", body))
    assert document.thin
    [warning] = document.warnings
    assert warning.startswith("only 1 sentence (13 words) could be extracted; check the source")
    assert ".txt" in warning


def test_a_whole_article_is_not_thin(tmp_path: Path) -> None:
    document = load_page(tmp_path, article())
    assert not document.thin
    assert document.warnings == ()


# --- titles and dates of web pages ----------------------------------------------------------


def test_site_suffix_is_removed_from_the_title_and_its_date_kept(tmp_path: Path) -> None:
    head = (
        "<title>Berlin renames three streets | DW | 19.01.2020</title>"
        '<meta property="og:site_name" content="DW.COM">'
    )
    body = (
        f"<article>{ARTICLE}</article>"
        '<div class="teasers"><a href="/x"><h2>Older story <span class="date">01.08.2019'
        "</span></h2></a></div>"
    )
    document = load_page(tmp_path, web_page(head, body))
    assert document.title == "Berlin renames three streets"
    assert document.date == "2020-01-19"
    assert ("date", "page metadata (title)") in document.provenance


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Harbour plan approved - The Verge", "The Verge", "Harbour plan approved"),
        ("Harbour plan approved | Local | The Gazette", "The Gazette", "Harbour plan approved"),
        ("SimplyScience - Wie entsteht Erdöl?", "SimplyScience", "Wie entsteht Erdöl?"),
        # A headline's own dash stays: neither part is the site's.
        (
            "Students fined for bad grades – until now",
            "Civil Liberties",
            "Students fined for bad grades — until now",
        ),
    ],
)
def test_site_names_and_sections_leave_the_title(
    tmp_path: Path, title: str, site: str, expected: str
) -> None:
    head = f'<title>{title}</title><meta property="og:site_name" content="{site}">'
    document = load_page(tmp_path, web_page(head, f"<article>{ARTICLE}</article>"))
    assert document.title == expected


def test_a_dated_element_outside_links_gives_the_date_through_htmldate(tmp_path: Path) -> None:
    dated = '<div class="byline"><span class="date">2024-03-12</span></div>'
    body = f"{dated}<article>{ARTICLE}</article>"
    document = load_page(tmp_path, web_page("<title>Harbour plan</title>", body))
    assert document.date == "2024-03-12"
    assert ("date", "page metadata (htmldate)") in document.provenance


def test_dates_in_links_and_in_the_text_are_not_the_page_date(tmp_path: Path) -> None:
    body = (
        f"<article>{ARTICLE}<p>The vote on the plan was held on 2024-03-12.</p></article>"
        '<a href="/old"><span class="date">2019-08-01</span> An older story</a>'
    )
    document = load_page(tmp_path, web_page("<title>Harbour plan</title>", body))
    assert document.date is None


def test_a_web_page_may_weigh_more_than_the_text_limit(tmp_path: Path) -> None:
    scripts = "<script>var x = 1;</script>" * 200  # 5.4 kB of markup
    html = web_page("<title>Harbour plan</title>" + scripts, f"<article>{ARTICLE}</article>")
    path = write(tmp_path, "heavy.html", html)
    assert load_documents(path, max_bytes=3_000)[0].text.startswith("The city council")
    with pytest.raises(LoadError) as info:
        load_documents(path, max_bytes=1_000)
    assert "over the 5.0 kB limit for this format (5 × max_seed_bytes)" in info.value.message


# --- plain text: the headline and the dateline ---------------------------------------------

BODY = (
    "The European Union agreed new rules for ports on Wednesday. Ministers said the rules "
    "would take effect next year."
)


def test_a_txt_headline_on_line_one_is_the_title(tmp_path: Path) -> None:
    document = load(write(tmp_path, "eu.txt", f"EU agrees new port rules\n\n{BODY}\n"))
    assert document.title == "EU agrees new port rules"
    assert document.text == BODY
    assert ("title", "first line") in document.provenance


@pytest.mark.parametrize(
    "first",
    [
        "The European Union agreed new rules for ports on Wednesday.",  # a sentence
        "Summary",  # one word: a label
        "By Jane Roe",  # a byline
        "May 26, 2006",  # a dateline
    ],
)
def test_a_first_line_that_is_not_a_headline_is_not_the_title(tmp_path: Path, first: str) -> None:
    assert load(write(tmp_path, "eu.txt", f"{first}\n\n{BODY}\n")).title is None


def test_a_single_paragraph_txt_has_no_title(tmp_path: Path) -> None:
    assert load(write(tmp_path, "eu.txt", "EU agrees new port rules")).title is None


@pytest.mark.parametrize(
    ("opening", "dateline", "date"),
    [
        ("BRUSSELS, 12 March 2025 — ", "BRUSSELS, 12 March 2025", "2025-03-12"),
        (
            "WASHINGTON, March 12, 2025 (Reuters) - ",
            "WASHINGTON, March 12, 2025 (Reuters)",
            "2025-03-12",
        ),
        ("LOS ANGELES (Reuters) — ", "LOS ANGELES (Reuters)", None),
        ("WASHINGTON, March 12 (Reuters) - ", "WASHINGTON, March 12 (Reuters)", "March 12"),
        ("May 26, 2006\n\n", "May 26, 2006", "2006-05-26"),
    ],
)
def test_a_dateline_becomes_metadata_not_text(
    tmp_path: Path, opening: str, dateline: str, date: str | None
) -> None:
    document = load(write(tmp_path, "eu.txt", f"EU agrees new port rules\n\n{opening}{BODY}\n"))
    assert document.text == BODY
    assert document.dateline == dateline
    assert document.date == date  # a partial date stays as written, never completed
    assert (("date", "text (dateline)") in document.provenance) == (date is not None)


@pytest.mark.parametrize(
    "text",
    [
        "NATO — The alliance met on Tuesday.",  # a short name in capitals is not a place
        "U.S. - China talks resumed on Monday.",
        "Brussels — The city council met on Tuesday.",  # ordinary case needs a date
        "The EU said on 12 March 2025 that it would act.",
    ],
)
def test_text_that_is_not_a_dateline_is_left_alone(text: str) -> None:
    assert read_dateline(text).text == text
    assert read_dateline(text).dateline is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [("19.01.2020", "2020-01-19"), ("2020/01/19", "2020-01-19"), ("19/01/2020", "2020-01-19")],
)
def test_numeric_dates(value: str, iso: str) -> None:
    assert numeric_date(value) == iso


def test_an_ambiguous_numeric_date_is_not_guessed() -> None:
    assert numeric_date("03/04/2020") is None  # 3 April or 4 March
    assert numeric_date("31.02.2020") is None


def test_markdown_loses_its_furniture_too(tmp_path: Path) -> None:
    text = f"# EU agrees port rules\n\nBRUSSELS (AP) — {BODY}\n\nRead more: Ports in Europe\n"
    document = load(write(tmp_path, "eu.md", text))
    assert document.text == BODY
    assert document.dateline == "BRUSSELS (AP)"
    assert document.set_aside == (SetAside("Read more: Ports in Europe", "link line"),)


def test_a_statement_glued_to_furniture_is_kept() -> None:
    # Copied pages glue the share widget's words to the next sentence.
    text = "Share this withEmailFacebookCopy this linkHe was speaking in a BBC interview on Monday."
    filtered = filter_text(text)
    assert filtered.text == "He was speaking in a BBC interview on Monday."
    assert [s.text for s in filtered.set_aside] == ["Share this withEmailFacebookCopy this link"]


def test_a_site_tagline_in_the_footer_is_not_a_standfirst(tmp_path: Path) -> None:
    tagline = "Harbour news you can trust, from the town's only independent newsroom since 1890."
    head = f'<title>Harbour plan</title><meta name="description" content="{tagline}">'
    body = f"<article>{ARTICLE}</article><footer><p>{tagline}</p></footer>"
    assert tagline not in load_page(tmp_path, web_page(head, body)).text


def test_every_text_format_reads_datelines_and_sets_furniture_aside(tmp_path: Path) -> None:
    line = {"title": "EU port rules", "text": f"BRUSSELS (AP) — {BODY}\n\nRead more: Ports"}
    [document] = load_documents(write(tmp_path, "wire.jsonl", json.dumps(line) + "\n"))
    assert document.text == BODY
    assert document.dateline == "BRUSSELS (AP)"
    assert document.set_aside == (SetAside("Read more: Ports", "link line"),)
