"""Cross-document pages: actors, timeline, related briefings and the actor network."""

from __future__ import annotations

import re

import pytest

from generator.config import Settings
from generator.pipeline import run
from generator.render import make_env
from generator.site.pages import profiles, related, site_pages, tags, timeline
from generator.types import Actor, Briefing, Document, Item, PolicyShift, Summary


def briefing(slug: str, actors: list[str], topics: tuple[str, ...] = (), date: str | None = None):  # type: ignore[no-untyped-def]
    return Briefing(
        document=Document(
            source_path=f"seeds/{slug}.txt", slug=slug, title=None, text="x", date=date
        ),
        title=slug.title(),
        sentences=(),
        summary=Summary(Item("x", ("s1",)), ()),
        actors=tuple(
            Actor(
                name,
                "group" if name == "Critics" else "state",
                2,
                (name,),
                f"role of {name}",
                ("s1",),
            )
            for name in actors
        ),
        policy_shift=PolicyShift(),
        open_questions=(),
        topics=topics,
    )


def test_profiles_count_briefings_and_mentions_and_skip_groups() -> None:
    people = profiles(
        [
            briefing("a", ["Japan", "Critics"]),
            briefing("b", ["Japan", "Chile"]),
            briefing("c", ["Chile"]),
        ]
    )
    assert [(p.name, len(p.appearances), p.mentions) for p in people] == [
        ("Chile", 2, 4),
        ("Japan", 2, 4),
    ]
    assert people[1].slug == "japan"


def test_related_prefers_rare_shared_actors_and_is_deterministic() -> None:
    corpus = [
        briefing("a", ["Japan", "Chile"], ("export",)),
        briefing("b", ["Japan", "Peru"]),
        briefing("c", ["Chile"], ("export",)),
        briefing("d", ["Norway"]),
    ]
    first = related(corpus)
    assert [b.document.slug for b, _ in first["a"]] == ["c", "b"]
    assert first["a"][0][1] == ["Chile", "export"]
    assert first["d"] == []
    assert related(list(reversed(corpus))) == first


def test_related_leaves_out_a_feature_too_many_briefings_share() -> None:
    # Of 1,000 briefings, 150 name "Commonland" (15%: under the old one-fifth rule, over the
    # 100-briefing cap) and pairs share a rare actor: the pair relates through its own actor,
    # and Commonland, which would make relating quadratic, is left out.
    corpus = [
        briefing(f"b{n:04d}", [f"Pair {n // 2}", *(["Commonland"] if n < 150 else [])])
        for n in range(1000)
    ]
    found = related(corpus)
    pair, shared = found["b0000"][0]
    assert pair.document.slug == "b0001"
    assert shared == ["Pair 0"]


def test_timeline_orders_dated_briefings_and_keeps_partial_dates_apart() -> None:
    parts = timeline(
        [
            briefing("late", [], date="2024-05-06"),
            briefing("early", [], date="2023-01-02"),
            briefing("vague", [], date="mid-November"),
            briefing("none", []),
        ]
    )
    assert [(m, [b.title for b in bs]) for m, bs in parts["months"]] == [  # type: ignore[attr-defined]
        ("2023-01", ["Early"]),
        ("2024-05", ["Late"]),
    ]
    assert [b.title for b in parts["undated"]] == ["None", "Vague"]  # type: ignore[attr-defined]


def test_tags_shared_by_two_briefings_come_first_the_others_folded() -> None:
    corpus = [
        briefing("a", [], ("arms export", "regulatory framework")),
        briefing("b", [], ("arms export", "carbon border tax")),
        briefing("c", [], ("carbon border tax", "Arms Export")),
        briefing("d", [], ("coal power",)),
    ]
    found = tags(corpus)
    assert [(t.name, [b.document.slug for b in t.briefings]) for t in found] == [
        ("arms export", ["a", "b", "c"]),  # "Arms Export" is the same tag
        ("carbon border tax", ["b", "c"]),
        ("coal power", ["d"]),
        ("regulatory framework", ["a"]),
    ]
    page = site_pages(corpus, make_env())["tags.md"]
    assert page.index("## arms export { #tag-arms-export }") < page.index(
        "## carbon border tax { #tag-carbon-border-tax }"
    )
    folded = page[page.index('??? note "2 tags of one briefing each"') :]
    assert "    - *coal power*{ #tag-coal-power }: [D](briefings/d.md)" in folded
    assert "## coal power" not in page


def test_the_tags_page_says_so_when_there_is_no_tag() -> None:
    page = site_pages([briefing("a", [])], make_env())["tags.md"]
    assert "No tags yet" in page and "search:\n  exclude: true" in page


@pytest.mark.usefixtures("nlp")
def test_run_writes_actor_pages_timeline_and_related_feet(settings: Settings) -> None:
    seeds = settings.path("seeds_dir")
    (seeds / "a.md").write_text(
        "---\ndate: 2024-03-01\n---\nJapan sold patrol boats to Chile on Monday.\n",
        encoding="utf-8",
    )
    (seeds / "b.txt").write_text("Chile thanked Japan for the patrol boats.\n", encoding="utf-8")
    run(settings)
    docs = settings.path("docs_dir")
    japan = (docs / "actors" / "japan.md").read_text(encoding="utf-8")
    assert "[\\[s1\\]](../briefings/a.md#s1)" in japan and "(../briefings/b.md)" in japan
    overview = (docs / "actors" / "index.md").read_text(encoding="utf-8")
    assert re.search(r"\| \[Chile\]\(chile\.md\) \| state \| 2 \|", overview)
    assert "<svg" in overview
    foot = (
        (docs / "briefings" / "a.md").read_text(encoding="utf-8").split("## Related briefings")[1]
    )
    assert "(b.md) — shares" in foot and "Japan" in foot
    stamp = (docs / "timeline.md").read_text(encoding="utf-8")
    assert stamp.index("## 2024-03") < stamp.index("## Undated")
