"""Writing pages: checksummed markers, merging with hand edits, atomic unchanged-aware writes."""

from __future__ import annotations

import os
import re
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import HandEditConflict
from generator.write import (
    FRONT_MATTER,
    Block,
    Page,
    atomic_write,
    checksum,
    is_generated,
    merge,
    parse_page,
    seal,
    untouched,
    write_page,
)

END_WITH_SUM = re.compile(r"^<!-- generator:end ([a-z0-9-]+) sum=([0-9a-f]{12}) -->$", re.M)
FM_SUM = re.compile(r"^# generator:front-matter sum=([0-9a-f]{12})$", re.M)


def rendered(
    title: str = "Japan exports missiles",
    summary: str = "Japan exported missiles.",
    actors: str = "| Japan | state |",
    *,
    front_title: str | None = None,
    extra: dict[str, str] | None = None,
) -> str:
    """Return an unsealed page shaped like the shipped template's output."""
    blocks = {"title": f"# {title}\n", "summary": f"## Summary\n\n{summary}\n"}
    blocks["actors"] = f"## Key actors\n\n{actors}\n"
    blocks.update(extra or {})
    body = "\n".join(
        f"<!-- generator:start {name} -->\n{text}<!-- generator:end {name} -->\n"
        for name, text in blocks.items()
    )
    return f'---\ntitle: "{front_title or title}"\ntags:\n  - "japan"\n---\n{body}'


def edit(page: str, old: str, new: str) -> str:
    assert page.count(old) == 1, f"{old!r} must occur once"
    return page.replace(old, new)


# --- seal and parse -------------------------------------------------------------------------


def test_seal_adds_a_checksum_to_every_end_marker() -> None:
    sealed = seal(rendered())
    ends = END_WITH_SUM.findall(sealed)
    assert [name for name, _ in ends] == ["title", "summary", "actors"]
    assert "<!-- generator:end title -->" not in sealed
    blocks = parse_page(sealed).blocks
    for name, recorded in ends:
        assert recorded == checksum(blocks[name].body)
    assert blocks["title"].body == "# Japan exports missiles\n"


def test_seal_adds_a_checksum_line_inside_the_front_matter() -> None:
    sealed = seal(rendered())
    front, rest = sealed.split("\n---\n", 1)
    sums = FM_SUM.findall(front)
    assert len(sums) == 1
    assert front.endswith(f"# generator:front-matter sum={sums[0]}")
    assert sums[0] == checksum('title: "Japan exports missiles"\ntags:\n  - "japan"\n')
    assert rest.startswith("<!-- generator:start title -->\n")
    assert parse_page(sealed).blocks[FRONT_MATTER].recorded == sums[0]


def test_sealed_front_matter_is_still_yaml_with_the_same_values() -> None:
    import yaml

    sealed = seal(rendered())
    front = sealed.split("---\n")[1]
    assert yaml.safe_load(front) == {"title": "Japan exports missiles", "tags": ["japan"]}


def test_seal_is_idempotent_and_leaves_no_block_edited() -> None:
    sealed = seal(rendered())
    assert seal(sealed) == sealed
    page = parse_page(sealed)
    assert set(page.blocks) == {FRONT_MATTER, "title", "summary", "actors"}
    assert not any(block.edited for block in page.blocks.values())


def test_seal_without_front_matter() -> None:
    page = "Intro\n<!-- generator:start only -->\nText.\n<!-- generator:end only -->\nOutro\n"
    sealed = seal(page)
    assert "front-matter" not in sealed
    recorded = checksum("Text.\n")
    assert sealed == page.replace(
        "<!-- generator:end only -->", f"<!-- generator:end only sum={recorded} -->"
    )


def test_checksum_is_short_hex_and_text_sensitive() -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", checksum("x"))
    assert checksum("x") == checksum("x")
    assert checksum("x") != checksum("x\n")


@pytest.mark.parametrize(
    "text",
    [
        seal(rendered()),
        seal(rendered()) + "\n## My notes\n\nAdded by hand.\n",
        "Intro without newline" + seal(rendered()).split("---\n", 2)[2],
        "No markers at all.\n",
        "",
        "<!-- generator:start a -->\nunbalanced, no end\n",
        "<!-- generator:start a -->\nx\n<!-- generator:end b sum=abc -->\nmismatched\n",
        "<!-- generator:start a -->\nno sum\n<!-- generator:end a -->\nafter\n",
    ],
)
def test_parse_page_round_trips_byte_for_byte(text: str) -> None:
    assert parse_page(text).text() == text


def test_parse_page_segments() -> None:
    text = "Before\n<!-- generator:start a -->\nA\n<!-- generator:end a sum=123 -->\nAfter\n"
    page = parse_page(text)
    assert page.segments == (
        "Before\n",
        Block("a", "A\n", "123"),
        "After\n",
    )


def test_unbalanced_markers_make_the_rest_free_text() -> None:
    text = (
        "<!-- generator:start a -->\nA\n<!-- generator:end a sum=1 -->\n"
        "<!-- generator:start b -->\nB, end marker deleted\n"
        "<!-- generator:start c -->\nC\n<!-- generator:end c sum=2 -->\n"
    )
    page = parse_page(text)
    assert set(page.blocks) == {"a"}
    assert page.text() == text


def test_block_edited() -> None:
    assert not Block("a", "x\n", checksum("x\n")).edited
    assert Block("a", "y\n", checksum("x\n")).edited
    assert Block("a", "x\n", None).edited  # no checksum: the generator cannot vouch for it


# --- merge ----------------------------------------------------------------------------------


def test_merge_of_untouched_page_takes_the_new_text_exactly() -> None:
    old = seal(rendered())
    new = seal(rendered(title="New title", summary="New summary.", actors="| China | state |"))
    result = merge(old, new)
    assert result.text == new
    assert (result.kept, result.conflicts, result.overwritten) == ([], {}, [])


def test_merge_hand_edit_kept_when_generator_text_unchanged() -> None:
    old = seal(rendered())
    edited = edit(old, "Japan exported missiles.", "Japan exported missiles (my wording).")
    new = seal(rendered(title="New title"))
    result = merge(edited, new)
    assert result.kept == ["summary"]
    assert result.conflicts == {}
    assert "Japan exported missiles (my wording)." in result.text
    assert "# New title\n" in result.text  # untouched blocks still follow the seed
    assert result.text == edit(
        new, "Japan exported missiles.", "Japan exported missiles (my wording)."
    )


def test_merge_hand_edit_is_a_conflict_when_generator_text_changed() -> None:
    old = seal(rendered())
    edited = edit(old, "Japan exported missiles.", "My summary.")
    new = seal(rendered(summary="The generator's new summary."))
    result = merge(edited, new)
    assert result.kept == []
    assert list(result.conflicts) == ["summary"]
    assert "The generator's new summary." in result.conflicts["summary"]
    assert result.conflicts["summary"] == parse_page(new).blocks["summary"].text()
    assert "My summary." in result.text
    assert "The generator's new summary." not in result.text
    assert result.overwritten == []
    # The conflicting block keeps its old checksum, so the next run still sees the edit.
    assert parse_page(result.text).blocks["summary"].edited


def test_merge_force_overwrites_the_hand_edit_and_reports_it() -> None:
    old = seal(rendered())
    edited = edit(old, "Japan exported missiles.", "My summary.")
    new = seal(rendered(summary="The generator's new summary."))
    result = merge(edited, new, force=True)
    assert result.overwritten == ["summary"]
    assert result.conflicts == {}
    assert result.text == new


def test_merge_force_still_keeps_edits_the_generator_did_not_change() -> None:
    old = seal(rendered())
    edited = edit(old, "Japan exported missiles.", "My summary.")
    result = merge(edited, seal(rendered(title="Other")), force=True)
    assert result.kept == ["summary"]
    assert result.overwritten == []
    assert "My summary." in result.text


def test_merge_keeps_text_outside_markers_byte_for_byte() -> None:
    old = seal(rendered())
    first_block = "<!-- generator:start title -->"
    between = "<!-- generator:start summary -->"
    edited = edit(old, first_block, "Note before the blocks.\n\n" + first_block)
    edited = edit(edited, between, "## My section\n\nKept  exactly\t as typed.  \n\n" + between)
    edited += "\n## Notes\n\nAfter everything, no final newline"
    new = seal(rendered(title="New", summary="New summary.", actors="none"))
    result = merge(edited, new)
    expected = edit(new, first_block, "Note before the blocks.\n\n" + first_block)
    expected = edit(expected, between, "## My section\n\nKept  exactly\t as typed.  \n\n" + between)
    expected += "\n## Notes\n\nAfter everything, no final newline"
    assert result.text == expected


def test_merge_keeps_hand_edited_front_matter() -> None:
    old = seal(rendered())
    edited = edit(old, '  - "japan"\n', '  - "japan"\n  - "my-tag"\n')
    new = seal(rendered(title="New title", front_title="Japan exports missiles"))
    result = merge(edited, new)
    assert result.kept == [FRONT_MATTER]
    assert result.text.startswith(edited.split("<!--")[0])
    assert '  - "my-tag"\n' in result.text
    assert "# New title\n" in result.text


def test_merge_front_matter_conflict_when_title_changed_too() -> None:
    old = seal(rendered())
    edited = edit(old, '  - "japan"\n', '  - "japan"\n  - "my-tag"\n')
    result = merge(edited, seal(rendered(front_title="Changed")))
    assert list(result.conflicts) == [FRONT_MATTER]
    assert '  - "my-tag"\n' in result.text
    assert 'title: "Changed"' not in result.text


def test_merge_untouched_front_matter_follows_the_seed() -> None:
    result = merge(seal(rendered()), seal(rendered(front_title="Changed")))
    assert result.text.startswith('---\ntitle: "Changed"\n')


def test_merge_drops_an_untouched_block_the_generator_no_longer_writes() -> None:
    old = seal(rendered(extra={"old-section": "Old.\n"}))
    result = merge(old, seal(rendered()))
    assert "old-section" not in result.text
    assert "Old." not in result.text


def test_merge_keeps_an_edited_block_the_generator_no_longer_writes() -> None:
    old = seal(rendered(extra={"old-section": "Old.\n"}))
    edited = edit(old, "Old.\n", "Old, with my note.\n")
    result = merge(edited, seal(rendered()))
    assert result.kept == ["old-section"]
    assert "Old, with my note.\n" in result.text


def test_merge_does_not_bring_back_a_section_the_person_deleted() -> None:
    old = seal(rendered())
    start = old.index("<!-- generator:start actors -->")
    without_actors = old[:start]
    result = merge(without_actors, seal(rendered(actors="changed")))
    assert "generator:start actors" not in result.text


def test_merge_block_without_checksum_counts_as_edited() -> None:
    old = seal(rendered())
    edited = re.sub(r"(<!-- generator:end summary) sum=[0-9a-f]+", r"\1", old)
    result = merge(edited, seal(rendered(summary="Changed.")))
    assert list(result.conflicts) == ["summary"]


@pytest.mark.parametrize("existing", ["# My own page\n\nWritten by a person.\n", ""])
def test_merge_page_without_markers_is_a_hand_edit_conflict(existing: str) -> None:
    with pytest.raises(HandEditConflict) as info:
        merge(existing, seal(rendered()), path=Path("site_src/briefings/x.md"))
    assert str(info.value).startswith("site_src/briefings/x.md: ")
    assert "no generator markers" in info.value.message


# --- writing --------------------------------------------------------------------------------


def _set_old_mtime(path: Path) -> int:
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    return path.stat().st_mtime_ns


def test_write_page_created_then_unchanged_then_updated(tmp_path: Path) -> None:
    path = tmp_path / "briefings" / "page.md"
    first = write_page(path, rendered())
    assert first.status == "created"
    assert first.path == path
    assert first.merge is None
    assert path.read_text(encoding="utf-8") == seal(rendered())

    mtime = _set_old_mtime(path)
    again = write_page(path, rendered())
    assert again.status == "unchanged"
    assert path.stat().st_mtime_ns == mtime  # not rewritten: mkdocs serve must not loop

    changed = write_page(path, rendered(title="New title"))
    assert changed.status == "updated"
    assert changed.merge is not None
    assert path.read_text(encoding="utf-8") == seal(rendered(title="New title"))
    assert path.stat().st_mtime_ns != mtime


def test_write_page_keeps_hand_edits_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    write_page(path, rendered())
    text = path.read_text(encoding="utf-8")
    text = edit(text, "Japan exported missiles.", "Edited by hand.") + "\nMy notes.\n"
    path.write_text(text, encoding="utf-8")

    mtime = _set_old_mtime(path)
    same = write_page(path, rendered())
    assert same.status == "unchanged"
    assert same.merge is not None
    assert same.merge.kept == ["summary"]
    assert path.stat().st_mtime_ns == mtime

    conflict = write_page(path, rendered(summary="Generator changed it."))
    assert conflict.status == "unchanged"
    assert conflict.merge is not None
    assert list(conflict.merge.conflicts) == ["summary"]
    assert path.read_text(encoding="utf-8") == text

    forced = write_page(path, rendered(summary="Generator changed it."), force=True)
    assert forced.status == "updated"
    assert forced.merge is not None
    assert forced.merge.overwritten == ["summary"]
    written = path.read_text(encoding="utf-8")
    assert "Generator changed it." in written
    assert "Edited by hand." not in written
    assert written.endswith("\nMy notes.\n")


def test_write_page_leaves_a_page_without_markers_alone(tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text("# Mine\n", encoding="utf-8")
    mtime = _set_old_mtime(path)
    with pytest.raises(HandEditConflict) as info:
        write_page(path, rendered())
    assert info.value.path == path
    assert path.read_text(encoding="utf-8") == "# Mine\n"
    assert path.stat().st_mtime_ns == mtime


def test_atomic_write_creates_parents_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "page.md"
    atomic_write(path, "one\n")
    atomic_write(path, "two\r\nünïcode\n")
    assert path.read_bytes() == "two\r\nünïcode\n".encode()
    assert sorted(p.name for p in path.parent.iterdir()) == ["page.md"]


def test_atomic_write_failure_keeps_the_old_file_and_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "page.md"
    path.write_text("old\n", encoding="utf-8")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_is_generated_and_untouched(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    write_page(page, rendered())
    assert is_generated(page)
    assert untouched(page)

    page.write_text(edit(page.read_text(encoding="utf-8"), "Japan exported", "I wrote"), "utf-8")
    assert is_generated(page)
    assert not untouched(page)

    mine = tmp_path / "mine.md"
    mine.write_text("# By hand\n", encoding="utf-8")
    assert not is_generated(mine)
    assert not untouched(mine)

    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\xff\xfe\x00")
    assert not is_generated(binary)
    assert not is_generated(tmp_path / "missing.md")


# --- property: hand edits and added text always survive a merge ------------------------------

NAMES = ("title", "summary", "actors", "policy-shift", "open-questions")
# No "<" or "-": random text must not forge a marker or a front matter fence.
SAFE = string.ascii_letters + string.digits + " .,;:!?'\"#*()[]_\n"
safe_text = st.text(alphabet=SAFE, max_size=40)


@st.composite
def generation(draw: st.DrawFn) -> dict[str, str]:
    """Block name → body of one run of the generator (front matter included)."""
    names = draw(st.lists(st.sampled_from(NAMES), unique=True, min_size=1))
    blocks = {FRONT_MATTER: f'title: "T{draw(st.integers(0, 3))}"\n'}
    for name in sorted(names, key=NAMES.index):
        line = draw(st.text(alphabet=string.ascii_letters + " .", min_size=1, max_size=20))
        blocks[name] = f"## {name}\n\n{line}\n"
    return blocks


def page_of(blocks: dict[str, str]) -> str:
    front = blocks.get(FRONT_MATTER)
    body = "".join(
        f"<!-- generator:start {n} -->\n{t}<!-- generator:end {n} -->\n\n"
        for n, t in blocks.items()
        if n != FRONT_MATTER
    )
    return (f"---\n{front}---\n" if front is not None else "") + body


@st.composite
def regenerated(draw: st.DrawFn, old: dict[str, str]) -> dict[str, str]:
    """A later run: each old block is kept, changed or gone; new blocks may appear."""
    new = {FRONT_MATTER: old[FRONT_MATTER]}
    if draw(st.booleans()):
        new[FRONT_MATTER] = 'title: "changed"\n'
    for name in NAMES:
        choice = draw(st.sampled_from(["same", "changed", "gone"]))
        if choice == "gone":
            continue
        if choice == "same" and name in old:
            new[name] = old[name]
        else:
            new[name] = f"## {name}\n\nregenerated {draw(st.integers(0, 9))}\n"
    return new


@settings(max_examples=150, deadline=None, derandomize=True)
@given(data=st.data(), force=st.booleans())
def test_merge_never_loses_a_hand_edit_or_added_text(data: st.DataObject, force: bool) -> None:
    old_blocks = data.draw(generation(), label="old")
    new_blocks = data.draw(regenerated(old_blocks), label="new")
    sealed_old = parse_page(seal(page_of(old_blocks)))

    segments: list[str | Block] = []
    added: list[str] = []
    edited: dict[str, str] = {}
    for index, segment in enumerate(sealed_old.segments):
        if data.draw(st.booleans(), label=f"add text before segment {index}"):
            note = f"NOTE{len(added)} {data.draw(safe_text)}\n"
            added.append(note)
            segments.append(note)
        if isinstance(segment, Block) and data.draw(st.booleans(), label=f"edit {segment.name}"):
            at = data.draw(st.integers(0, len(segment.body)), label="at")
            # Edits inside the front matter end with a newline so they stay YAML-shaped lines.
            tail = "\n" if segment.name == FRONT_MATTER else data.draw(st.sampled_from(["", "\n"]))
            insert = f"EDIT{len(edited)} {data.draw(safe_text)}{tail}"
            body = segment.body[:at] + insert + segment.body[at:]
            edited[segment.name] = body
            segment = Block(segment.name, body, segment.recorded)
        segments.append(segment)
    if data.draw(st.booleans(), label="add text at the end"):
        note = f"NOTE{len(added)} {data.draw(safe_text)}"
        added.append(note)
        segments.append(note)
    existing = Page(tuple(segments)).text()

    result = merge(existing, seal(page_of(new_blocks)), force=force).text

    positions = []
    for note in added:
        assert note in result
        positions.append(result.index(note))
    assert positions == sorted(positions), "added text keeps its order"
    if not force:
        for name, body in edited.items():
            assert body in result, f"hand edit of {name!r} lost"
    else:
        # With force, an edit only goes when the generator rewrote that very block.
        final = parse_page(result).blocks
        for name, body in edited.items():
            if name in final and final[name].body != body:
                assert name in new_blocks
                assert final[name].body == new_blocks[name]


@settings(max_examples=100, deadline=None, derandomize=True)
@given(data=st.data())
def test_merge_untouched_blocks_follow_the_new_text(data: st.DataObject) -> None:
    old_blocks = data.draw(generation(), label="old")
    new_blocks = data.draw(regenerated(old_blocks), label="new")
    old_page = parse_page(seal(page_of(old_blocks)))
    # Notes (whole lines) between the blocks, never before the front matter.
    segments: list[str | Block] = []
    for index, segment in enumerate(old_page.segments):
        segments.append(segment)
        if data.draw(st.booleans(), label=f"note after {index}"):
            segments.append(f"note {index}: {data.draw(safe_text)}\n")
    existing = Page(tuple(segments)).text()

    result = merge(existing, seal(page_of(new_blocks)))

    assert result.kept == []
    assert result.conflicts == {}
    final = parse_page(result.text).blocks
    expected = {n: b for n, b in new_blocks.items() if n in old_blocks}
    assert {n: b.body for n, b in final.items()} == expected
    assert not any(b.edited for b in final.values())
