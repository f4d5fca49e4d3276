"""The whole pipeline on a temporary project: bad seeds, hand edits, stale pages."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from generator.config import Settings
from generator.errors import LoadError
from generator.pipeline import run
from generator.types import SetAside
from tests.conftest import SEED

pytestmark = pytest.mark.usefixtures("nlp")

GOOD = "Japan exported missiles to the United States. Critics argue that it could anger China.\n"


def page(settings: Settings, slug: str) -> Path:
    return settings.briefings_dir / f"{slug}.md"


def test_bad_seeds_are_reported_and_the_rest_generated(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    seeds = settings.path("seeds_dir")
    (seeds / "good.txt").write_text(GOOD, encoding="utf-8")
    (seeds / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (seeds / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (seeds / "latin1.txt").write_bytes("Caf\xe9 owners protested.".encode("latin-1"))
    (seeds / "slides.pptx").write_bytes(b"PK\x03\x04")
    with caplog.at_level(logging.WARNING, logger="generator"):
        report = run(settings)
    assert [b.document.slug for b in report.briefings] == ["good", "latin1"]
    assert page(settings, "good").exists()
    failed = sorted(str(e.path) for e in report.failures)
    assert failed == ["seeds/binary.txt", "seeds/empty.txt", "seeds/slides.pptx"]
    messages = "\n".join(caplog.messages)
    assert "seeds/empty.txt: file is empty" in messages
    assert "seeds/binary.txt: looks like a binary file" in messages
    assert "seeds/latin1.txt: not UTF-8 (byte 0xe9 at offset 3); read as Windows-1252" in messages
    assert "seeds/slides.pptx: no loader for '.pptx'" in messages
    assert "3 seed(s) failed" in report.summary()
    assert "read as Windows-1252" in page(settings, "latin1").read_text(encoding="utf-8")


def test_missing_seeds_folder_is_one_clear_error(settings: Settings) -> None:
    shutil.rmtree(settings.path("seeds_dir"))
    with pytest.raises(LoadError, match="seeds folder not found; create it"):
        run(settings)


def test_unchanged_seed_does_not_rewrite_its_page(settings: Settings) -> None:
    (settings.path("seeds_dir") / "good.txt").write_text(GOOD, encoding="utf-8")
    run(settings)
    before = page(settings, "good").stat().st_mtime_ns
    report = run(settings)
    assert page(settings, "good").stat().st_mtime_ns == before
    assert report.count("created") == report.count("updated") == 0


def test_hand_edits_survive_regeneration_after_the_seed_changes(settings: Settings) -> None:
    seed = settings.path("seeds_dir") / "seed.txt"
    shutil.copy(SEED, seed)
    run(settings)
    target = page(settings, "seed")
    text = target.read_text(encoding="utf-8")
    note = "\n> Analyst note: confirm the delivery numbers with the ministry.\n"
    edited = text.replace("## Open questions\n", "## Open questions\n\n- My own question?\n")
    edited = edited.replace(
        "<!-- generator:start source-text -->", note + "<!-- generator:start source-text -->"
    )
    target.write_text(edited, encoding="utf-8")

    addition = (
        "\nChina criticised the sale on Friday. It is unclear whether Beijing will retaliate.\n"
    )
    seed.write_text(seed.read_text(encoding="utf-8") + addition, encoding="utf-8")
    report = run(settings)
    after = target.read_text(encoding="utf-8")
    assert "- My own question?" in after
    assert note in after
    assert "China criticised the sale on Friday." in after  # untouched sections follow the seed
    # The generator now asks "Will Beijing retaliate?": the person's section still wins, and
    # the run says so.
    assert "Will Beijing retaliate?" not in after
    assert any("'open-questions' section was edited by hand" in c for c in report.conflicts)


def test_removed_seed_removes_its_untouched_page_but_keeps_an_edited_one(
    settings: Settings,
) -> None:
    seeds = settings.path("seeds_dir")
    (seeds / "a.txt").write_text(GOOD, encoding="utf-8")
    (seeds / "b.txt").write_text(GOOD.replace("Japan", "Korea"), encoding="utf-8")
    run(settings)
    edited = page(settings, "b")
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("## Summary", "## Summary (checked)")
    )
    (seeds / "a.txt").unlink()
    (seeds / "b.txt").unlink()
    report = run(settings)
    assert not page(settings, "a").exists()
    assert edited.exists() and "(checked)" in edited.read_text(encoding="utf-8")
    assert page(settings, "a") in report.removed and edited not in report.removed


def test_hand_written_pages_are_never_touched(settings: Settings) -> None:
    (settings.path("seeds_dir") / "notes.txt").write_text(GOOD, encoding="utf-8")
    mine = page(settings, "notes")
    mine.parent.mkdir(parents=True)
    mine.write_text("# My notes\n\nWritten by hand.\n", encoding="utf-8")
    report = run(settings)
    assert mine.read_text(encoding="utf-8") == "# My notes\n\nWritten by hand.\n"
    assert any("no generator markers" in c for c in report.conflicts)


def test_seeds_with_the_same_stem_get_distinct_slugs(settings: Settings) -> None:
    seeds = settings.path("seeds_dir")
    (seeds / "report.txt").write_text(GOOD, encoding="utf-8")
    (seeds / "report.md").write_text("---\ntitle: Other\n---\nKenya bought two ships.\n")
    report = run(settings)
    assert sorted(b.document.slug for b in report.briefings) == ["report", "report-txt"]


def test_home_page_lists_every_briefing(settings: Settings) -> None:
    seeds = settings.path("seeds_dir")
    (seeds / "old.md").write_text("---\ntitle: Older\ndate: 2020-01-02\n---\nOld news.\n" + GOOD)
    (seeds / "new.md").write_text("---\ntitle: Newer\ndate: 2024-05-06\n---\nNew news.\n" + GOOD)
    (seeds / "undated.txt").write_text(GOOD)
    run(settings)
    home = (settings.path("docs_dir") / "index.md").read_text(encoding="utf-8")
    rows = [line for line in home.splitlines() if line.startswith("- [")]
    assert [r.split("]")[0] for r in rows] == ["- [Newer", "- [Older", "- [Undated"]
    assert (
        "(briefings/new.md)" in rows[0] and "2024-05-06" in rows[0] and "United States" in rows[0]
    )


def test_the_same_text_twice_is_one_briefing_listing_both_sources(settings: Settings) -> None:
    seeds = settings.path("seeds_dir")
    (seeds / "a.txt").write_text(GOOD, encoding="utf-8")
    (seeds / "b.md").write_text("---\nsource: Wire\n---\n" + GOOD.replace(" ", "  "))
    report = run(settings)
    assert [b.document.slug for b in report.briefings] == ["a"]
    assert report.briefings[0].document.also_from == ("seeds/b.md",)
    text = page(settings, "a").read_text(encoding="utf-8")
    assert "**Seeds (same text):** `seeds/a.txt`, `seeds/b.md`" in text
    assert not page(settings, "b").exists()


def test_a_100_mb_seed_is_refused_before_it_is_read_and_the_rest_generated(
    settings: Settings,
) -> None:
    seeds = settings.path("seeds_dir")
    with (seeds / "huge.txt").open("wb") as handle:
        handle.truncate(100_000_000)  # sparse: 100 MB on paper, nothing written
    (seeds / "good.txt").write_text(GOOD, encoding="utf-8")
    report = run(settings)
    [failure] = report.failures
    assert str(failure) == (
        "seeds/huge.txt: file is 100.0 MB, over the 1.0 MB limit; split it into smaller "
        "documents or raise max_seed_bytes in briefing.toml"
    )
    assert [b.document.slug for b in report.briefings] == ["good"]


def test_a_non_english_seed_is_processed_with_a_warning_on_its_page(settings: Settings) -> None:
    text = (
        "Le gouvernement japonais a confirmé mardi la vente de missiles Patriot aux États-Unis, "
        "une décision critiquée par les opposants qui craignent une escalade dans la région.\n"
    )
    (settings.path("seeds_dir") / "fr.txt").write_text(text, encoding="utf-8")
    report = run(settings)
    assert not report.failures
    assert "the text does not look like English" in report.briefings[0].warnings[0]
    assert "Read with care" in page(settings, "fr").read_text(encoding="utf-8")


def test_entries_of_a_feed_that_fails_to_load_keep_their_pages(settings: Settings) -> None:
    seeds = settings.path("seeds_dir")
    lines = [
        '{"title": "First", "text": "Japan sold ships to Peru on Monday."}',
        '{"title": "Second", "text": "Chile bought tanks from Germany on Friday."}',
    ]
    (seeds / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = run(settings)
    pages = sorted(p.name for p in settings.briefings_dir.glob("*.md"))
    assert len(first.briefings) == 2 and len(pages) == 2
    (seeds / "wire.jsonl").write_bytes(b"\x00\x01 broken")
    second = run(settings)
    assert [str(e.path) for e in second.failures] == ["seeds/wire.jsonl"]
    assert sorted(p.name for p in settings.briefings_dir.glob("*.md")) == pages


def test_a_thin_web_page_warns_and_does_not_lead_the_home_page(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    seeds = settings.path("seeds_dir")
    thin = (
        "<html><head><title>A column</title>"
        '<meta property="article:published_time" content="2030-01-20T10:00:00Z"></head>'
        "<body><article><p>Tokyo exported missiles to the United States on Sunday.</p>"
        "<p>Photo: AP</p></article></body></html>"
    )
    (seeds / "column.html").write_text(thin, encoding="utf-8")
    (seeds / "old.md").write_text("---\ntitle: Older\ndate: 2020-01-02\n---\n" + GOOD)
    (seeds / "undated.txt").write_text(GOOD.replace("China", "Korea"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="generator"):
        report = run(settings)
    warning = "seeds/column.html: only 1 sentence (9 words) could be extracted; check the source"
    assert any(r.getMessage().startswith(warning) for r in caplog.records)
    assert "only 1 sentence" in page(settings, "column").read_text(encoding="utf-8")
    home = (settings.path("docs_dir") / "index.md").read_text(encoding="utf-8")
    rows = [line for line in home.splitlines() if line.startswith("- [")]
    # The newest date, yet listed after the undated briefing: it is not a whole article.
    assert [r.split("]")[0] for r in rows] == ["- [Older", "- [Undated", "- [A column"]
    assert "thin extraction" in rows[-1]
    assert report.briefings[0].document.set_aside == (SetAside("Photo: AP", "credit"),)
