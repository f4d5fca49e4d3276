"""Loaders: reading, refusing and normalising seed files (no spaCy, no network)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import GeneratorError, LoadError
from generator.loaders import decode, is_seed, known_suffixes, load
from generator.loaders.normalize import normalize_inline, normalize_text, slugify
from generator.types import Document


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def load_error(path: Path, **kwargs: object) -> LoadError:
    with pytest.raises(LoadError) as info:
        load(path, **kwargs)  # type: ignore[arg-type]
    return info.value


# --- the registry and refusals ------------------------------------------------------------


def test_known_suffixes_are_sorted_and_include_text_and_markdown() -> None:
    suffixes = known_suffixes()
    assert list(suffixes) == sorted(suffixes)
    assert {".txt", ".md", ".markdown"} <= set(suffixes)


def test_load_error_is_a_generator_error_and_str_starts_with_the_path(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", "")
    error = load_error(path)
    assert isinstance(error, GeneratorError)
    assert error.path == path
    assert str(error) == f"{path}: {error.message}"


@pytest.mark.parametrize("content", ["", "   ", "\n\n\t \n", "\ufeff  \n"])
def test_empty_or_whitespace_only_file_is_refused(tmp_path: Path, content: str) -> None:
    error = load_error(write(tmp_path, "blank.txt", content))
    assert "empty" in error.message


def test_empty_markdown_file_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "blank.md", " \n"))
    assert "empty" in error.message


def test_binary_file_with_nul_bytes_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert "binary" in error.message
    assert "NUL" in error.message


def test_latin1_text_is_decoded_with_a_warning_naming_the_encoding(tmp_path: Path) -> None:
    path = write(
        tmp_path, "latin1.txt", "Caf\xe9 owners protested \x93loudly\x94.".encode("latin-1")
    )
    document = load(path)
    assert document.text == 'Café owners protested "loudly".'  # Windows-1252 quotes, normalised
    (warning,) = document.warnings
    assert "not UTF-8 (byte 0xe9 at offset 3); read as Windows-1252" in warning


def test_undecodable_bytes_name_the_encoding_and_the_byte_offset(tmp_path: Path) -> None:
    path = write(tmp_path, "noise.txt", b"abc\xff" + bytes(range(1, 32)) * 4)
    error = load_error(path)
    assert "is not valid UTF-8 (byte 0xff at offset 3)" in error.message
    assert "re-save the file with UTF-8 encoding" in error.message
    assert str(error).startswith(f"{path}: ")


def test_decode_refuses_a_nul_byte_anywhere_not_only_in_the_first_8_kib() -> None:
    # Issue 11, item 19: a NUL after the first 8 KB used to be decoded as text.
    for raw in (b"a" * 100 + b"\x00", b"a" * 9000 + b"\x00", b"a" * 500_000 + b"\x00b"):
        with pytest.raises(LoadError, match="binary"):
            decode(raw, "x.txt")


@pytest.mark.parametrize("name", ["slides.pptx", "report.epub", "notes.rtf"])
def test_unknown_suffix_lists_the_known_ones(tmp_path: Path, name: str) -> None:
    error = load_error(write(tmp_path, name, "Some text."))
    assert repr(Path(name).suffix) in error.message
    for suffix in (".md", ".txt"):
        assert suffix in error.message
    assert str(error).startswith(f"{tmp_path / name}: ")


def test_file_without_suffix_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "README", "Some text."))
    assert "without a suffix" in error.message
    assert ".txt" in error.message


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    document = load(write(tmp_path, "Shout.TXT", "Loud text."))
    assert document.text == "Loud text."
    assert document.slug == "shout"


def test_file_over_max_bytes_is_refused_and_names_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "x" * 2_000)
    error = load_error(path, max_bytes=1_000)
    assert "limit" in error.message
    assert "max_seed_bytes" in error.message
    assert str(error).startswith(f"{path}: ")
    assert load(path, max_bytes=2_000).text == "x" * 2_000  # exactly at the limit is fine


def test_limit_message_in_megabytes(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "y" * 1_600_000)
    error = load_error(path, max_bytes=1_500_000)
    assert "1.6 MB" in error.message
    assert "1.5 MB limit" in error.message


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    error = load_error(tmp_path / "gone.txt")
    assert "cannot read" in error.message


def test_display_path_is_used_in_errors_and_in_the_document(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", "")
    error = load_error(path, display_path="seeds/empty.txt")
    assert str(error).startswith("seeds/empty.txt: ")

    good = write(tmp_path, "good.txt", "Hello.")
    document = load(good, display_path="seeds/good.txt")
    assert document.source_path == "seeds/good.txt"
    assert document.slug == "good"


def test_utf8_bom_is_accepted_and_dropped(tmp_path: Path) -> None:
    document = load(write(tmp_path, "bom.txt", b"\xef\xbb\xbfHello world.\n"))
    assert document.text == "Hello world."


def test_utf8_bom_before_front_matter(tmp_path: Path) -> None:
    raw = "\ufeff---\ntitle: BOM title\n---\nBody text.\n".encode()
    document = load(write(tmp_path, "bom.md", raw))
    assert document.title == "BOM title"
    assert document.text == "Body text."


def test_is_seed_skips_hidden_and_backup_files(tmp_path: Path) -> None:
    for name in ("a.txt", ".hidden.txt", "~lock.txt", "a.txt~"):
        write(tmp_path, name, "x")
    (tmp_path / "folder.txt").mkdir()
    assert is_seed(tmp_path / "a.txt")
    assert not is_seed(tmp_path / ".hidden.txt")
    assert not is_seed(tmp_path / "~lock.txt")
    assert not is_seed(tmp_path / "a.txt~")
    assert not is_seed(tmp_path / "folder.txt")
    assert not is_seed(tmp_path / "missing.txt")


# --- plain text -----------------------------------------------------------------------------


def test_text_seed_becomes_a_document(tmp_path: Path) -> None:
    path = write(tmp_path, "Council Budget 2024.txt", "First line.\r\nSecond line.\r\n")
    document = load(path)
    assert document == Document(
        source_path=str(path),
        slug="council-budget-2024",
        title=None,
        text="First line.\n\nSecond line.",
    )


# --- normalize_inline / normalize_text ------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cQuoted\u201d and \u2018single\u2019", "\"Quoted\" and 'single'"),
        ("\u201eLow\u201f \u201a\u201b prime\u2032 \u2033", "\"Low\" '' prime' \""),
        ("it\u2019s", "it's"),
        ("well--known", "well\u2014known"),
        ("wait -- what", "wait\u2014what"),
        ("wait---what", "wait\u2014what"),
        ("Japan - the exporter", "Japan \u2014 the exporter"),
        ("Japan \u2013 the exporter", "Japan \u2014 the exporter"),
        ("from 1990\u201395", "from 1990\u201395"),
        ("pages 3\u20135 and well-known", "pages 3\u20135 and well-known"),
        ("a \u2015 b", "a \u2014 b"),
        ("non\u00a0breaking", "non breaking"),
        ("thin\u2009and\u202fnarrow\u2007figure", "thin and narrow figure"),
        ("zero\u200bwidth\u200c\u200d\u2060\ufeff", "zerowidth"),
        ("soft\u00adhyphen", "softhyphen"),
        ("tab\tseparated", "tab separated"),
        ("many     spaces   here", "many spaces here"),
        ("   padded   ", "padded"),
        ("cafe\u0301", "caf\u00e9"),  # NFC
    ],
)
def test_normalize_inline(raw: str, expected: str) -> None:
    assert normalize_inline(raw) == expected


def test_normalize_text_blank_lines_make_paragraphs_and_single_newlines_are_soft_wraps() -> None:
    raw = "Line one\nwraps here.\n\nSecond   paragraph\nalso wraps.\n  \n\n\nThird.\n\n\n"
    assert normalize_text(raw) == "Line one wraps here.\n\nSecond paragraph also wraps.\n\nThird."


def test_normalize_text_without_blank_lines_has_one_paragraph_per_line() -> None:
    assert normalize_text("One.\nTwo.\nThree.\n") == "One.\n\nTwo.\n\nThree."


def test_normalize_text_handles_crlf_and_cr() -> None:
    assert normalize_text("One.\r\nTwo.\r\n\r\nThree.") == "One. Two.\n\nThree."
    assert normalize_text("One.\rTwo.") == "One.\n\nTwo."


def test_normalize_text_whitespace_only_blank_lines_count_as_blank() -> None:
    # NBSP and tabs on a "blank" line still separate paragraphs.
    assert normalize_text("A\nb\n\u00a0\t\nC") == "A b\n\nC"


def test_normalize_text_removes_trailing_and_leading_blank_lines() -> None:
    assert normalize_text("\n\n  Text.  \n\n\n\n") == "Text."
    assert normalize_text("") == ""
    assert normalize_text("\u200b\n\u00a0\n") == ""


def test_normalize_text_applies_inline_rules_to_every_paragraph() -> None:
    raw = "\u201cYes\u201d -- she said.\n\nThe 1990\u201395 plan \u2013 revised\u00a0twice."
    assert (
        normalize_text(raw) == '"Yes"\u2014she said.\n\nThe 1990\u201395 plan \u2014 revised twice.'
    )


def test_normalize_text_is_idempotent() -> None:
    raw = "A \u201cb\u201d -- c\nd\n\ne \u2013 f\u00a0g   h\n"
    once = normalize_text(raw)
    assert normalize_text(once) == once


# --- slugify --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Council Budget 2024", "council-budget-2024"),
        ("japan-patriot-export", "japan-patriot-export"),
        ("\u00c9lan vital: \u00c7a va?", "elan-vital-ca-va"),
        ("  --Leading and trailing--  ", "leading-and-trailing"),
        ("snake_case.name", "snake-case-name"),
        ("!!!", "document"),
        ("", "document"),
        ("\u6771\u4eac", "document"),  # nothing ASCII survives
    ],
)
def test_slugify(name: str, expected: str) -> None:
    assert slugify(name) == expected


def test_slugify_is_at_most_80_chars_and_never_ends_with_a_hyphen() -> None:
    assert slugify("a" * 200) == "a" * 80
    slug = slugify("ab " * 40)  # the 80th char would be a hyphen
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert slug.startswith("ab-ab")


# --- Markdown -------------------------------------------------------------------------------


def test_markdown_front_matter_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Front Matter.md",
        "---\n"
        "title: The \u201cTitle\u201d\n"
        "date: 2024-11-05\n"
        "source: Reuters\n"
        "url: https://example.org/a?b=1\n"
        "tags: [defence, japan, defence]\n"
        "---\n"
        "Body text.\n",
    )
    document = load(path)
    assert document == Document(
        source_path=str(path),
        slug="front-matter",
        title='The "Title"',
        text="Body text.",
        date="2024-11-05",
        source="Reuters",
        url="https://example.org/a?b=1",
        tags=("defence", "japan"),
        provenance=(
            ("title", "front matter"),
            ("date", "front matter"),
            ("source", "front matter"),
            ("url", "front matter"),
        ),
    )


def test_markdown_datetime_becomes_an_iso_date(tmp_path: Path) -> None:
    document = load(write(tmp_path, "d.md", "---\ndate: 2024-11-05 10:30:00\n---\nBody.\n"))
    assert document.date == "2024-11-05"


@pytest.mark.parametrize("date", ["mid-November", "November 2024", "2024-11", "Q3 2024"])
def test_markdown_non_date_text_is_kept_as_written(tmp_path: Path, date: str) -> None:
    document = load(write(tmp_path, "d.md", f"---\ndate: {date}\n---\nBody.\n"))
    assert document.date == date


def test_markdown_quoted_date_string_is_kept_as_text(tmp_path: Path) -> None:
    document = load(write(tmp_path, "d.md", '---\ndate: "2024-11-05"\n---\nBody.\n'))
    assert document.date == "2024-11-05"


def test_markdown_tags_as_comma_separated_text_are_split_trimmed_and_deduplicated(
    tmp_path: Path,
) -> None:
    document = load(write(tmp_path, "t.md", "---\ntags: a,  b , a, , c\n---\nBody.\n"))
    assert document.tags == ("a", "b", "c")


def test_markdown_tags_as_block_list(tmp_path: Path) -> None:
    document = load(write(tmp_path, "t.md", "---\ntags:\n  - one\n  - 2\n  - one\n---\nBody.\n"))
    assert document.tags == ("one", "2")


def test_markdown_tags_mapping_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "t.md", "---\ntags:\n  a: 1\n---\nBody.\n"))
    assert "tags" in error.message


def test_markdown_empty_tag_list_item_is_skipped(tmp_path: Path) -> None:
    document = load(write(tmp_path, "t.md", "---\ntags:\n  - a\n  -\n  - b\n---\nBody.\n"))
    assert document.tags == ("a", "b")


def test_markdown_non_text_title_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "t.md", "---\ntitle: [a, b]\n---\nBody.\n"))
    assert "'title'" in error.message
    assert "list" in error.message


def test_markdown_syntax_is_stripped(tmp_path: Path) -> None:
    body = (
        "A [link](https://example.org) with *emphasis*, **strong**, _under_ and `code`.\n"
        "\n"
        "> A quoted\n> paragraph.\n"
        "\n"
        "- first item\n"
        "- second item\n"
        "\n"
        "Ampersand &amp; entity and a < sign.\n"
    )
    document = load(write(tmp_path, "m.md", body))
    assert document.text == (
        "A link with emphasis, strong, under and code.\n\n"
        "A quoted paragraph.\n\n"
        "first item\n\n"
        "second item\n\n"
        "Ampersand & entity and a < sign."
    )
    for marker in ("[", "](", "*", "`", ">"):
        assert marker not in document.text


def test_markdown_first_h1_becomes_the_title_and_section_headings_are_dropped(
    tmp_path: Path,
) -> None:
    body = "# The Title\n\nIntro.\n\n## Background\n\nMore text.\n\n# Another H1\n\nEnd.\n"
    document = load(write(tmp_path, "h.md", body))
    assert document.title == "The Title"
    assert document.text == "Intro.\n\nMore text.\n\nEnd."


def test_markdown_h1_after_text_is_not_a_title(tmp_path: Path) -> None:
    document = load(write(tmp_path, "h.md", "Intro first.\n\n# Late Heading\n\nMore.\n"))
    assert document.title is None
    assert document.text == "Intro first.\n\nMore."


def test_markdown_front_matter_title_wins_over_h1(tmp_path: Path) -> None:
    body = "---\ntitle: From front matter\n---\n# From heading\n\nBody.\n"
    document = load(write(tmp_path, "h.md", body))
    assert document.title == "From front matter"
    assert document.text == "Body."


def test_markdown_h1_used_when_front_matter_has_no_title(tmp_path: Path) -> None:
    body = "---\nsource: AP\n---\n# Heading \u201ctitle\u201d\n\nBody.\n"
    document = load(write(tmp_path, "h.md", body))
    assert document.title == 'Heading "title"'
    assert document.source == "AP"


def test_markdown_without_front_matter_or_heading_has_no_title(tmp_path: Path) -> None:
    document = load(write(tmp_path, "plain.md", "Just text.\n"))
    assert document.title is None
    assert document.date is None
    assert document.tags == ()


def test_markdown_empty_front_matter_is_allowed(tmp_path: Path) -> None:
    document = load(write(tmp_path, "e.md", "---\n---\nBody.\n"))
    assert document.text == "Body."
    assert document.title is None


def test_markdown_crlf_front_matter(tmp_path: Path) -> None:
    document = load(write(tmp_path, "crlf.md", "---\r\ntitle: CRLF\r\n---\r\nBody\r\nwraps.\r\n"))
    assert document.title == "CRLF"
    assert document.text == "Body wraps."


def test_markdown_invalid_yaml_front_matter_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", '---\ntitle: "unclosed\n---\nBody.\n')
    error = load_error(path)
    assert "not valid YAML" in error.message
    assert str(error).startswith(f"{path}: ")


def test_markdown_front_matter_that_is_a_list_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "list.md", "---\n- a\n- b\n---\nBody.\n"))
    assert "mapping" in error.message


def test_markdown_front_matter_that_is_a_scalar_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "scalar.md", "---\njust text\n---\nBody.\n"))
    assert "mapping" in error.message


@pytest.mark.parametrize(
    "content",
    [
        "---\ntitle: T\n---\n",
        "---\ntitle: T\n---\n\n  \n",
        "---\ntitle: T\n---\n# Only a heading\n",
    ],
)
def test_markdown_without_body_text_is_refused(tmp_path: Path, content: str) -> None:
    error = load_error(write(tmp_path, "nobody.md", content))
    assert "no body text" in error.message


def test_markdown_slug_comes_from_the_file_stem_not_the_title(tmp_path: Path) -> None:
    path = write(tmp_path, "My Seed File.markdown", "---\ntitle: Something Else\n---\nBody.\n")
    document = load(path)
    assert document.slug == "my-seed-file"
    assert document.title == "Something Else"


def test_markdown_horizontal_rule_is_not_front_matter_when_not_first(tmp_path: Path) -> None:
    document = load(write(tmp_path, "hr.md", "Intro.\n\n---\n\nAfter the rule.\n"))
    assert document.text == "Intro.\n\nAfter the rule."


def test_markdown_raw_html_block_text_after_a_heading_is_kept(tmp_path: Path) -> None:
    body = "# Title\n\n## Background\n\n<section>Important text.</section>\n\nLast.\n"
    document = load(write(tmp_path, "html.md", body))
    assert "Important text." in document.text
