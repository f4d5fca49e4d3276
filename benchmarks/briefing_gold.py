"""Score the briefings on the briefing gold (../shared/eval/briefing_gold_dev.jsonl).

    .venv/bin/python benchmarks/briefing_gold.py [--eval-dir ../shared/eval] [--explain]
                                                 [--only ID ...]

Each article is written as a ``.txt`` seed and goes through what ``briefing show --format
json`` runs: the loader, the analysis and ``Briefing.to_dict()``. The scoring is exactly the
rule in ``../shared/eval/README.md``:

- a briefing item matches a gold quote when one of the sentences it cites covers the quote:
  both lower-cased and cut into runs of letters and digits (Unicode NFKC first), at least 80%
  of the quote's distinct words are in the sentence, or at least 80% of the sentence's
  distinct words are in the quote;
- bottom line: share of articles whose bottom line cites a sentence matching a gold quote;
- shift: present = ``policy_shift.to`` is non-empty; P/R/F1 against the gold ``present``;
  "to" = share of gold shifts whose ``to`` items cite a sentence matching a gold ``to`` quote;
- from / drivers / limits (the JSON's ``conditions``): over all articles, the distinct
  sentences each part cites; P = cited sentences matching a gold quote of the part / cited,
  R = gold quotes matched / gold quotes;
- questions: recall = share of gold questions for which a generated question cites a sentence
  matching one of its quotes; precision = share of generated questions citing a sentence that
  matches any gold question's quote;
- actors: P@3 and R@5 (over min(5, gold actors)), name or alias equal ignoring case, each gold
  actor matched at most once; averaged over articles.

Malformed questions are counted by a check of this script's own (``malformed``), which parses
each shown question on its own and does not call the generator's question code, so the
generator's filter cannot mark its own homework.

``--explain`` prints, per article, what was expected and what came out, so a person can read
each miss.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.config import Settings  # noqa: E402
from generator.extract import build_briefing  # noqa: E402
from generator.extract._nlp import pipeline_for  # noqa: E402
from generator.loaders import load_documents  # noqa: E402

MATCH_SHARE = 0.8
PARTS = (("from", "from"), ("drivers", "drivers"), ("limits", "conditions"))
"""(gold part, JSON part): the JSON contract calls a shift's limits ``conditions``."""


def words(text: str) -> set[str]:
    """Return the distinct lower-case runs of letters and digits of ``text`` (NFKC first)."""
    return set(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).lower()))


def covers(sentence: str, quote: str) -> bool:
    """Return True when ``sentence`` matches ``quote`` by the gold's 80% rule."""
    s, q = words(sentence), words(quote)
    if not s or not q:
        return False
    common = len(s & q)
    return common >= MATCH_SHARE * len(q) or common >= MATCH_SHARE * len(s)


def cited_texts(briefing: dict[str, Any], cites: Iterable[str]) -> list[str]:
    return [briefing["sentences"][c] for c in cites if c in briefing["sentences"]]


def any_match(briefing: dict[str, Any], cites: Iterable[str], quotes: Iterable[str]) -> bool:
    quotes = list(quotes)
    return any(covers(s, q) for s in cited_texts(briefing, cites) for q in quotes)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --- malformed questions: this script's own judge ---------------------------------------------

WH = frozenset("what which who whom whose why how when where".split())
FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
DANGLING_END = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "PRON"})
MAX_WORDS = 25
AUXILIARIES = frozenset(
    "will would can could may might must shall should is are was were do does did has have had"
    " need dare".split()
)


def malformed(question: str, nlp: Any) -> str:
    """Return why ``question`` is not a well-formed question, or "" when it is."""
    text = question.strip()
    if not text.endswith("?"):
        return "does not end with a question mark"
    if len(text.split()) > MAX_WORDS:
        return f"over {MAX_WORDS} words"
    if not text[:1].isupper():
        return "does not start with a capital"
    for opening, closing in ("()", "[]"):
        if text.count(opening) != text.count(closing):
            return f"unbalanced {opening}{closing}"
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return "unbalanced quotation marks"
    doc = nlp(text)
    tokens = [t for t in doc if not t.is_space]
    wh = [t for t in tokens if t.lower_ in WH and t.tag_ in ("WDT", "WP", "WP$", "WRB")]
    if len(wh) > 1:
        return "more than one wh-word"
    # "Could what happen ...?", "Can who win?": a wh-word left in place after inversion.
    if wh and 0 < wh[0].i <= 2 and tokens[0].tag_ in ("MD", "VBZ", "VBD", "VBP"):
        return "wh-word after an inverted auxiliary"
    inner_end = [t for t in tokens[:-1] if t.text in ".!?" and t.i > 0]
    if inner_end:
        return "runs two sentences together"
    # The small parser often misreads questions, so an inverted auxiliary in first place
    # counts as the finite verb, and the noun phrase right after it as the subject.
    inverted = tokens[0].lower_ in AUXILIARIES
    if not inverted and not any(t.tag_ in FINITE_TAGS for t in tokens):
        return "no finite verb"
    if inverted:
        if len(tokens) < 3 or tokens[1].tag_ in FINITE_TAGS or tokens[1].pos_ == "PUNCT":
            return "no subject"
    elif not any(t.dep_ in SUBJECT_DEPS for t in tokens) and not (
        wh and wh[0].dep_ in SUBJECT_DEPS
    ):
        return "no subject"
    last = tokens[-2] if len(tokens) >= 2 else tokens[0]
    # A particle ("take up", "go down") may end a question; a preposition without its
    # object, a determiner or a conjunction may not.
    if (
        last.pos_ in DANGLING_END
        and last.tag_ != "RP"
        and last.dep_ != "prt"
        and last.lower_ not in ("it", "them", "this", "that", "him", "her")
    ):
        return f"ends on a dangling {last.pos_.lower()} ({last.text!r})"
    finite = [t for t in tokens if t.tag_ == "MD" or (t.dep_ == "aux" and t.lemma_ == "do")]
    if len(finite) > 1 and finite[0].head.i == finite[1].head.i:
        return "two finite auxiliaries in one clause"
    quotes = len(re.findall(r"(?:(?<=\s)|^)'|'(?=[\s?,.;:!]|$)", text))
    if (quotes - len(re.findall(r"s'(?=[\s?,.;:!]|$)", text))) % 2:
        return "unbalanced single quotation marks"
    return ""


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Tally:
    bottom_hits: int = 0
    articles: int = 0
    shift_tp: int = 0
    shift_fp: int = 0
    shift_fn: int = 0
    to_hits: int = 0
    part_cited: dict[str, int] = field(default_factory=dict)
    part_correct: dict[str, int] = field(default_factory=dict)
    part_gold: dict[str, int] = field(default_factory=dict)
    part_gold_hit: dict[str, int] = field(default_factory=dict)
    gold_questions: int = 0
    gold_questions_hit: int = 0
    questions: int = 0
    questions_hit: int = 0
    malformed: int = 0
    p3: list[float] = field(default_factory=list)
    r5: list[float] = field(default_factory=list)
    status_right: int = 0


def actor_keys(names: Iterable[str]) -> set[str]:
    return {" ".join(n.lower().split()) for n in names if n}


def actor_scores(briefing: dict[str, Any], gold: list[dict[str, Any]]) -> tuple[float, float]:
    """Return P@3 and R@5 of the ranked actors, each gold actor matched at most once."""
    hits = actor_hits(briefing, gold)
    return sum(hits[:3]) / 3, sum(hits[:5]) / max(1, min(5, len(gold)))


def actor_hits(briefing: dict[str, Any], gold: list[dict[str, Any]]) -> list[bool]:
    """Return, per ranked actor, whether it matches a gold actor not matched before it."""
    gold_keys = [actor_keys([g["name"], *g.get("aliases", [])]) for g in gold]
    used: set[int] = set()
    hits: list[bool] = []
    for actor in briefing["actors"]:
        keys = actor_keys([actor["name"], *actor["aliases"]])
        match = next((i for i, k in enumerate(gold_keys) if i not in used and k & keys), None)
        if match is not None:
            used.add(match)
        hits.append(match is not None)
    return hits


def score(row: dict[str, Any], briefing: dict[str, Any], tally: Tally, nlp: Any) -> list[str]:
    """Add one article to ``tally``; return its explanation lines."""
    notes: list[str] = []
    say = notes.append
    tally.articles += 1
    summary = briefing["summary"]
    bottom_ok = any_match(briefing, summary["bottom_line_cites"], row["bottom_line"])
    tally.bottom_hits += bottom_ok
    say(
        f"bottom line {'ok ' if bottom_ok else 'MISS'} {summary['bottom_line_cites']}: "
        f"{summary['bottom_line']}"
    )
    if not bottom_ok:
        for quote in row["bottom_line"]:
            say(f"    expected: {quote}")

    gold_shift, shift = row["shift"], briefing["policy_shift"]
    found = bool(shift["to"])
    present = bool(gold_shift["present"])
    tally.shift_tp += found and present
    tally.shift_fp += found and not present
    tally.shift_fn += present and not found
    verdict = {
        (True, True): "ok",
        (False, False): "ok (none)",
        (True, False): "INVENTED",
        (False, True): "MISSED",
    }[(found, present)]
    say(f"shift {verdict}; status {shift.get('status', '')!r}, gold {gold_shift['status']!r}")
    if found and present and shift.get("status", "") == gold_shift["status"]:
        tally.status_right += 1
    if present:
        to_ok = any(any_match(briefing, i["cites"], gold_shift["to"]) for i in shift["to"])
        tally.to_hits += to_ok
        say(f"  to {'ok' if to_ok else 'MISS'}")
        for quote in gold_shift["to"]:
            say(f"    expected: {quote}")
    for item in shift["to"]:
        say(f"    got {item['cites']}: {item['text']}")
    for gold_part, json_part in PARTS:
        quotes = gold_shift[gold_part]
        cited = list(dict.fromkeys(c for i in shift.get(json_part, []) for c in i["cites"]))
        texts = cited_texts(briefing, cited)
        correct = [s for s in texts if any(covers(s, q) for q in quotes)]
        matched = [q for q in quotes if any(covers(s, q) for s in texts)]
        tally.part_cited[gold_part] = tally.part_cited.get(gold_part, 0) + len(texts)
        tally.part_correct[gold_part] = tally.part_correct.get(gold_part, 0) + len(correct)
        tally.part_gold[gold_part] = tally.part_gold.get(gold_part, 0) + len(quotes)
        tally.part_gold_hit[gold_part] = tally.part_gold_hit.get(gold_part, 0) + len(matched)
        if quotes or texts:
            say(
                f"  {gold_part}: {len(correct)}/{len(texts)} cited right, "
                f"{len(matched)}/{len(quotes)} gold found"
            )
            for quote in quotes:
                say(f"    {'found' if quote in matched else 'expected'}: {quote}")
            for item in shift.get(json_part, []):
                say(f"    got {item['cites']}: {item['text']}")

    gold_questions = row["questions"]
    tally.gold_questions += len(gold_questions)
    all_quotes = [q for g in gold_questions for q in g["quotes"]]
    for gold in gold_questions:
        hit = any(
            any_match(briefing, q["cites"], gold["quotes"]) for q in briefing["open_questions"]
        )
        tally.gold_questions_hit += hit
        say(f"  gold question {'found' if hit else 'MISSED'}: {gold['question']}")
        if not hit:
            for quote in gold["quotes"]:
                say(f"      from: {quote}")
    for question in briefing["open_questions"]:
        tally.questions += 1
        hit = any_match(briefing, question["cites"], all_quotes)
        tally.questions_hit += hit
        why = malformed(question["text"], nlp)
        tally.malformed += bool(why)
        label = "MALFORMED (" + why + ")" if why else ("matches gold" if hit else "not in gold")
        say(f"  question {question['cites']} {label}: {question['text']}")

    p3, r5 = actor_scores(briefing, row["actors"])
    tally.p3.append(p3)
    tally.r5.append(r5)
    say(f"  actors P@3 {p3:.2f} R@5 {r5:.2f}: gold " + ", ".join(g["name"] for g in row["actors"]))
    say(
        "    got: "
        + "; ".join(
            f"{'✓' if hit else '✗'} {a['name']} ({a['type']})"
            f"{' — ' + a['role'] if a['role'] else ''}"
            for a, hit in zip(
                briefing["actors"][:6], actor_hits(briefing, row["actors"]), strict=False
            )
        )
    )
    return notes


def report(tally: Tally, elapsed: float) -> None:
    gold_shifts = tally.shift_tp + tally.shift_fn
    p = tally.shift_tp / max(1, tally.shift_tp + tally.shift_fp)
    r = tally.shift_tp / max(1, gold_shifts)
    q_r = tally.gold_questions_hit / max(1, tally.gold_questions)
    q_p = tally.questions_hit / max(1, tally.questions)
    parts = {}
    for part, _ in PARTS:
        pp = tally.part_correct[part] / max(1, tally.part_cited[part])
        pr = tally.part_gold_hit[part] / max(1, tally.part_gold[part])
        parts[part] = (pp, pr, f1(pp, pr))
    rows = [
        (
            "bottom line cites a gold bottom-line sentence",
            f"{tally.bottom_hits / tally.articles:.2f}",
            "≥ 0.95",
        ),
        (
            "shift detected: precision / recall / F1",
            f"{p:.2f} / {r:.2f} / {f1(p, r):.2f} ({tally.shift_tp} of {gold_shifts} found, "
            f"{tally.shift_fp} invented)",
            "F1 ≥ 0.85",
        ),
        (
            '"to" cites the gold new-policy sentence',
            f"{tally.to_hits / max(1, gold_shifts):.2f}",
            "≥ 0.80",
        ),
        *[
            (f"{part}: P / R / F1", " / ".join(f"{v:.2f}" for v in parts[part]), "F1 ≥ 0.60")
            for part, _ in PARTS
        ],
        ("status right, of shifts found", f"{tally.status_right} of {tally.shift_tp}", ""),
        (
            "open questions: recall / precision / malformed shown",
            f"{q_r:.2f} / {q_p:.2f} / {tally.malformed} of {tally.questions}",
            "≥ 0.60 / ≥ 0.60 / 0",
        ),
        (
            "principal actors P@3 / R@5",
            f"{statistics.mean(tally.p3):.2f} / {statistics.mean(tally.r5):.2f}",
            "P@3 ≥ 0.80",
        ),
    ]
    print(
        f"# Briefing gold (dev): {tally.articles} articles, {gold_shifts} with a shift, "
        f"{tally.gold_questions} gold questions\n"
    )
    print("| dev gold | generator | target |")
    print("| --- | ---: | ---: |")
    for label, value, target in rows:
        print(f"| {label} | {value} | {target} |")
    print(f"\n({elapsed:.1f} s)")
    print(
        f"bottom {tally.bottom_hits / tally.articles:.2f} | shift F1 {f1(p, r):.2f} "
        f"to {tally.to_hits / max(1, gold_shifts):.2f} | from/drivers/limits F1 "
        + "/".join(f"{parts[x][2]:.2f}" for x, _ in PARTS)
    )
    print(
        f"questions R {q_r:.3f} P {q_p:.3f} malformed {tally.malformed}/{tally.questions} | "
        f"actors P@3 {statistics.mean(tally.p3):.3f} R@5 {statistics.mean(tally.r5):.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--explain", action="store_true", help="Print each article's misses.")
    parser.add_argument("--only", nargs="*", default=[], help="Score only these article ids.")
    args = parser.parse_args()
    gold_file = args.eval_dir / "briefing_gold_dev.jsonl"
    if not gold_file.exists():
        print(f"error: {gold_file} not found; pass --eval-dir", file=sys.stderr)
        return 2
    with gold_file.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    if args.only:
        rows = [r for r in rows if r["id"] in set(args.only)]
    settings = Settings(project_dir=ROOT)
    nlp = pipeline_for(settings)
    tally = Tally()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for row in rows:
            seed = Path(folder) / f"{row['id']}.txt"
            seed.write_text(row["text"], encoding="utf-8")
            document = load_documents(seed, max_bytes=settings.max_seed_bytes)[0]
            briefing = build_briefing(document, settings).to_dict()
            notes = score(row, briefing, tally, nlp)
            if args.explain:
                print(f"\n## {row['id']}: {row['title'] or row['text'][:70]}")
                print("\n".join(notes))
    if args.explain:
        print()
    report(tally, time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
