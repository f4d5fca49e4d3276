"""Loaders for HTML, PDF, feeds, JSON Lines and Word: happy paths and hostile files.

Every input is built here, in ``tmp_path``: no fixture files, no network.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import LoadError
from generator.loaders import known_suffixes, load, load_documents
from generator.loaders.pdf import paragraphs, pdf_date

ROOT = Path(__file__).resolve().parent.parent

BODY = (
    "The ministry announced a new defence policy on Monday after long talks with its allies. "
    "Officials said the change would take effect next year."
)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_documents(path)
    error = info.value
    assert error.path == path
    assert str(error).startswith(f"{path}: "), "the message names the file"
    return error


def test_every_format_is_registered() -> None:
    expected = {".html", ".htm", ".pdf", ".rss", ".atom", ".xml", ".jsonl", ".docx"}
    assert expected <= set(known_suffixes())


def test_importing_the_loaders_does_not_import_the_format_libraries() -> None:
    heavy = {"trafilatura", "lxml", "pypdf", "feedparser", "docx"}
    probe = (
        "import json, sys, generator.loaders\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {heavy!r})))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(completed.stdout) == []


# --- HTML -----------------------------------------------------------------------------------


def page(head: str = "", body: str = f"<article><p>{BODY}</p></article>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    head = (
        "<title>Defence review | Gazette</title>"
        '<meta property="og:site_name" content="Gazette">'
        '<meta name="author" content="Jane Roe">'
        '<meta property="article:published_time" content="2024-01-05T10:00:00Z">'
        '<link rel="canonical" href="https://example.org/defence-review">'
    )
    body = (
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Defence review</h1><p>{BODY}</p>"
        "<p>A second paragraph explains the budget in some detail for readers.</p></article>"
    )
    document = load(write(tmp_path, "review.html", page(head, body)))
    assert document.title == "Defence review"
    assert document.text.startswith("The ministry announced")  # the title is not repeated
    assert document.text.count("\n\n") == 1  # two paragraphs
    assert "Home" not in document.text
    assert document.date == "2024-01-05"
    assert document.source == "Gazette"
    assert document.url == "https://example.org/defence-review"
    assert document.author == "Jane Roe"
    assert dict(document.provenance) == {
        "title": "page metadata",
        "date": "page metadata",
        "source": "page metadata",
        "url": "page metadata",
        "author": "page metadata",
    }
    assert document.slug == "review"


def test_html_partial_date_is_kept_as_written_and_none_is_invented(tmp_path: Path) -> None:
    partial = page('<title>X</title><meta name="date" content="March 2024">')
    assert load(write(tmp_path, "partial.htm", partial)).date == "March 2024"
    # A month in the text is not a publication date (htmldate would make it 2024-03-01).
    body = f"<article><p>Published in March 2024.</p><p>{BODY}</p></article>"
    assert load(write(tmp_path, "undated.html", page("<title>X</title>", body))).date is None


def test_html_date_from_a_dateline_when_the_metadata_has_none(tmp_path: Path) -> None:
    body = f"<article><p>5 January 2024</p><p>{BODY}</p></article>"
    document = load(write(tmp_path, "dateline.html", page("", body)))
    assert document.date == "2024-01-05"
    assert ("date", "text (dateline)") in document.provenance


def test_html_script_content_never_reaches_the_text(tmp_path: Path) -> None:
    body = f"<article><p>{BODY}</p><script>alert(1)</script><p>More text here.</p></article>"
    document = load(write(tmp_path, "script.html", page("", body)))
    assert "alert" not in document.text
    assert "<script" not in document.text
    assert "ministry" in document.text


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    html = page('<meta charset="windows-1252">', f"<article><p>Café policy. {BODY}</p></article>")
    document = load(write(tmp_path, "latin.html", html.encode("cp1252")))
    assert document.text.startswith("Café policy.")
    # No warning about the encoding (the page is short, and is flagged as thin for that).
    assert not any("UTF-8" in w or "Windows" in w for w in document.warnings)


def test_deeply_nested_html_is_refused_not_a_crash(tmp_path: Path) -> None:
    nested = "<div>" * 5000 + f"<p>{BODY}</p>" + "</div>" * 5000
    error = load_error(write(tmp_path, "nested.html", page("", nested)))
    assert "nested more than" in error.message
    assert ".txt" in error.message


def test_html_without_main_text_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "blank.html", page("", "<script>app()</script>")))
    assert "no main text found" in error.message


# --- PDF ------------------------------------------------------------------------------------


def make_pdf(pages: list[list[str]], info: dict[str, str] | None = None) -> bytes:
    """Return a minimal valid PDF with one Helvetica text line per string (no library)."""
    objects: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", b""]
    kids: list[int] = []
    for lines in pages:
        ops = ["BT /F1 11 Tf 14 TL 72 720 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        stream = "\n".join([*ops, "ET"]).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 1 0 R >> >> /Contents %d 0 R >>" % (len(objects))
        )
        kids.append(len(objects))
    refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1 + bool(info), len(objects))
    if info:
        entries = " ".join(f"/{key} ({value})" for key, value in info.items())
        objects.append(f"<< {entries} >>".encode("latin-1"))
        trailer += b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


REPORT_PAGES = [
    [
        "Defence review",
        "The ministry announced a new defen-",
        "ce policy on Monday after long talks with",
        "its allies in the region.",
        "A second paragraph starts here and it",
        "runs on to a second line.",
    ],
    ["Page two has its own text."],
]


def test_pdf_text_paragraphs_and_metadata(tmp_path: Path) -> None:
    info = {
        "Title": "Defence Review 2024",
        "Author": "Jane Roe",
        "CreationDate": "D:20240105093000+01'00'",
    }
    document = load(write(tmp_path, "review.pdf", make_pdf(REPORT_PAGES, info)))
    assert document.text.split("\n\n") == [
        "Defence review",
        "The ministry announced a new defence policy on Monday after long talks with its "
        "allies in the region.",
        "A second paragraph starts here and it runs on to a second line.",
        "Page two has its own text.",
    ]
    assert document.title == "Defence Review 2024"
    assert document.author == "Jane Roe"
    assert document.date == "2024-01-05"
    assert dict(document.provenance) == {
        "title": "PDF metadata",
        "author": "PDF metadata",
        "date": "PDF metadata",
    }
    assert document.warnings == ()


def test_pdf_without_metadata_and_with_a_file_name_for_title(tmp_path: Path) -> None:
    info = {"Title": "Microsoft Word - draft3.docx"}
    document = load(write(tmp_path, "plain.pdf", make_pdf(REPORT_PAGES, info)))
    assert document.title is None
    assert document.date is None
    assert document.provenance == ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("D:20240105093000+01'00'", "2024-01-05"),
        ("D:20240105", "2024-01-05"),
        ("D:202403", "2024-03"),
        ("D:2024", "2024"),
        ("D:20241332", None),
        ("yesterday", None),
    ],
)
def test_pdf_dates(value: str, expected: str | None) -> None:
    assert pdf_date(value) == expected


def test_pdf_paragraphs_keep_compounds_and_split_at_blank_lines() -> None:
    assert paragraphs("An Anglo-\nFrench deal was signed.\n\nNext part.") == [
        "An Anglo-French deal was signed.",
        "Next part.",
    ]


def test_corrupt_pdf_is_refused_with_the_fix(tmp_path: Path) -> None:
    good = make_pdf(REPORT_PAGES)
    error = load_error(write(tmp_path, "broken.pdf", good[: len(good) // 2]))
    assert "re-export the PDF" in error.message


def test_pdf_problems_pypdf_recovers_from_are_a_warning_not_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    good = make_pdf(REPORT_PAGES)
    wrong_pointer = re.sub(rb"startxref\n\d+", b"startxref\n12", good)
    document = load(write(tmp_path, "repaired.pdf", wrong_pointer))
    assert "defence policy" in document.text
    assert any("startxref" in w and "re-export the PDF" in w for w in document.warnings)
    assert capfd.readouterr().err == ""


def test_not_a_pdf_at_all_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "notes.pdf", "just some text, not a PDF"))
    assert "cannot be read as a PDF" in error.message


def encrypted(user_password: str, owner_password: str | None = None, algorithm: str = "") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(REPORT_PAGES))))
    writer.encrypt(user_password, owner_password, algorithm=algorithm or None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "secret.pdf", encrypted("pw")))
    assert "is encrypted" in error.message
    assert "save an unencrypted copy" in error.message


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128"])
def test_pdf_encrypted_with_an_empty_password_opens(tmp_path: Path, algorithm: str) -> None:
    data = encrypted("", owner_password="owner", algorithm=algorithm)
    document = load(write(tmp_path, "restricted.pdf", data))
    assert "defence policy" in document.text


def test_scanned_pdf_without_text_layer_is_refused_with_ocr_hint(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    error = load_error(write(tmp_path, "scan.pdf", out.getvalue()))
    assert "has no text layer (scanned?)" in error.message
    assert "ocrmypdf" in error.message


def test_pdf_with_some_pages_scanned_loads_and_warns(tmp_path: Path) -> None:
    document = load(write(tmp_path, "mixed.pdf", make_pdf([*REPORT_PAGES, []])))
    assert "Page two" in document.text
    assert any("page 3 of 3" in w and "ocrmypdf" in w for w in document.warnings)


# --- feeds ----------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Defence Gazette</title><link>https://example.org/</link>
<item><title>Ministry changes course</title><link>https://example.org/a</link>
<pubDate>Fri, 05 Jan 2024 10:00:00 GMT</pubDate>
<author>jane@example.org (Jane Roe)</author>
<description>&lt;p&gt;The ministry announced a new policy.&lt;/p&gt;
&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Allies welcomed it.&lt;/p&gt;</description></item>
<item><title>Nothing here</title><link>https://example.org/b</link></item>
<item><title>Budget note</title><pubDate>March 2024</pubDate>
<description>Plain text summary &amp; more.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Atom entry</title><link href="https://example.org/x"/>
<updated>2024-02-03T00:00:00Z</updated><published>2024-02-01T00:30:00+01:00</published>
<author><name>A. Writer</name></author>
<content type="html">&lt;p&gt;Atom body text.&lt;/p&gt;
&lt;p&gt;Second paragraph.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_one_document_per_entry_and_malformed_entry_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "gazette.rss", RSS)
    first, third = load_documents(path)
    assert first.source_path == f"{path}#1"
    assert third.source_path == f"{path}#3"
    assert first.slug == "gazette-ministry-changes-course"
    assert first.title == "Ministry changes course"
    assert first.text == "The ministry announced a new policy.\n\nAllies welcomed it."
    assert "alert" not in first.text
    assert first.date == "2024-01-05"
    assert first.url == "https://example.org/a"
    assert first.author == "Jane Roe"
    assert first.source == "Defence Gazette"
    assert ("title", "feed entry") in first.provenance
    assert ("date", "feed entry") in first.provenance
    assert first.warnings == ("feed entry 2 skipped: no text",)
    assert third.text == "Plain text summary & more."
    assert third.date == "March 2024"  # a partial date, kept as written
    assert third.warnings == ()


def test_atom_entry(tmp_path: Path) -> None:
    (document,) = load_documents(write(tmp_path, "desk.atom", ATOM))
    assert document.title == "Atom entry"
    assert document.text == "Atom body text.\n\nSecond paragraph."
    assert document.date == "2024-02-01"  # published, as written (not moved to UTC)
    assert document.author == "A. Writer"
    assert document.source == "Atom Desk"
    assert document.url == "https://example.org/x"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("Fri, 5 Jan 24 23:30:00 -0500", "2024-01-05"),  # as written, not moved to UTC
        ("2024-01-05T23:30:00-05:00", "2024-01-05"),
        ("2024-03", "2024-03"),  # feedparser pads it to 2024-03-01; no day is invented
        ("2024", "2024"),
        ("sometime", None),
    ],
)
def test_feed_dates(tmp_path: Path, published: str, expected: str | None) -> None:
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>E</title>'
        f"<published>{published}</published><summary>Some text.</summary></entry></feed>"
    )
    (document,) = load_documents(write(tmp_path, "dates.atom", feed))
    assert document.date == expected


def test_xml_feed_is_read(tmp_path: Path) -> None:
    assert len(load_documents(write(tmp_path, "feed.xml", ATOM))) == 1


def test_xml_that_is_not_a_feed_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "config.xml", "<config><a>1</a></config>"))
    assert "not an RSS or Atom feed" in error.message


def test_broken_feed_still_yields_its_entries_with_a_warning(tmp_path: Path) -> None:
    truncated = RSS.split("<item><title>Nothing here")[0]  # unclosed channel and rss
    (document,) = load_documents(write(tmp_path, "cut.rss", truncated))
    assert document.title == "Ministry changes course"
    assert any("not well-formed" in w for w in document.warnings)


def test_feed_without_usable_entry_is_refused(tmp_path: Path) -> None:
    feed = (
        "<rss version='2.0'><channel><title>T</title><item><title>x</title></item></channel></rss>"
    )
    error = load_error(write(tmp_path, "empty.rss", feed))
    assert "no usable entry" in error.message


# --- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_one_document_per_line_bad_lines_skipped_with_warnings(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": BODY, "title": "Policy shift", "date": "2024-01-05T09:00:00Z"}),
        json.dumps({"text": "Second record.", "url": "https://example.org/2", "source": "Wire"}),
        "",
        "{not json",
        json.dumps({"title": "No text"}),
        json.dumps({"text": "Third record.", "date": "spring 2024"}),
    ]
    path = write(tmp_path, "records.jsonl", "\n".join(lines) + "\n")
    first, second, third = load_documents(path)
    assert first.source_path == f"{path}:1"
    assert first.slug == "policy-shift"
    assert first.title == "Policy shift"
    assert first.date == "2024-01-05"
    assert dict(first.provenance) == {"title": "JSON Lines fields", "date": "JSON Lines fields"}
    assert second.source_path == f"{path}:2"
    assert second.slug == "records-2"
    assert (second.url, second.source) == ("https://example.org/2", "Wire")
    assert third.source_path == f"{path}:6"
    assert third.date == "spring 2024"
    assert len(first.warnings) == 2
    assert first.warnings[0].startswith("line 4 is not JSON (")
    assert first.warnings[0].endswith("fix or remove it")
    assert first.warnings[1].startswith('line 5 has no "text"')


def test_jsonl_without_usable_line_names_the_first_bad_line(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "bad.jsonl", '\n["a list"]\n{"text": ""}\n'))
    assert "line 2 is not a JSON object" in error.message


# --- Word -----------------------------------------------------------------------------------


def make_docx(**properties: object) -> bytes:
    import docx

    word = docx.Document()
    for key, value in properties.items():
        setattr(word.core_properties, key, value)
    word.add_paragraph("Defence review", style="Title")
    word.add_heading("Background", level=1)
    word.add_paragraph(BODY)
    word.add_paragraph("A second paragraph on the budget.")
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Budget"
    table.rows[0].cells[1].text = "4 billion"
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_docx_paragraphs_and_core_properties(tmp_path: Path) -> None:
    import datetime as dt

    data = make_docx(
        title="Defence Review 2024",
        author="Jane Roe",
        created=dt.datetime(2024, 1, 5, 9, 30, tzinfo=dt.UTC),
    )
    document = load(write(tmp_path, "review.docx", data))
    assert document.text.split("\n\n") == [
        BODY,
        "A second paragraph on the budget.",
        "Budget | 4 billion",
    ]
    assert (document.title, document.author, document.date) == (
        "Defence Review 2024",
        "Jane Roe",
        "2024-01-05",
    )
    assert dict(document.provenance) == {
        "title": "DOCX properties",
        "author": "DOCX properties",
        "date": "DOCX properties",
    }


def test_docx_template_defaults_are_not_metadata(tmp_path: Path) -> None:
    document = load(write(tmp_path, "plain.docx", make_docx()))
    assert document.title == "Defence review"  # from the Title style
    assert document.author is None  # "python-docx", the template's
    assert document.date is None  # the template's 2013 timestamp
    assert document.provenance == (("title", "title style"),)


def test_corrupt_docx_is_refused(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "broken.docx", make_docx()[:500]))
    assert "save it again as .docx" in error.message
