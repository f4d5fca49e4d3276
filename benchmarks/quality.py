"""Measure briefing quality on public gold data (../shared/eval), beside baselines.

    .venv/bin/python benchmarks/quality.py [--eval-dir ../shared/eval] [--limit N]

Prints one table:
- Summary: ROUGE-1/2/L F1 (rouge-score, Porter stemming, rougeL), averaged per document, of
  the generator's first three summary statements (the bottom line and the first two key
  points, as a reader meets them) on the CNN/DailyMail documents of frank_dev.jsonl, beside
  Lead-3 and TextRank computed here on the same sentences, and beside the published systems'
  outputs shipped in the file.
- Key entities: P@3, P@5, R@5, R@10 of the ranked named entities against the salient
  entities (score >= 2) of wikinews_salience_dev.jsonl, beside spaCy entities ranked by first
  mention; and the duplicate rate (share of top-10 entries matching an entity already matched
  higher). The salience gold counts places (cities, regions) as salient, and the briefing lists
  places apart from its key actors (issue 10: key actors stay actors), so the first row ranks
  the briefing's actors and places together by their ``salience``; the second row scores the
  key actors alone. The principal actors of benchmarks/briefing_gold.py are the primary
  measure of the actors; this is a secondary one.
- Throughput: words per second of the whole generator (normalise, parse, extract, render).

What is measured is what ships: the generator's output goes through ``Briefing.to_dict()``,
the same objects ``briefing show --format json`` prints.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.config import Settings  # noqa: E402
from generator.extract import build_briefing  # noqa: E402
from generator.extract._nlp import pipeline_for  # noqa: E402
from generator.loaders.normalize import normalize_text  # noqa: E402
from generator.render import make_env, render  # noqa: E402
from generator.types import Document  # noqa: E402

NUMERIC_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_WORD = re.compile(r"[a-z0-9]+")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --- summaries -------------------------------------------------------------------------------


def textrank(sentences: list[str], count: int = 3) -> list[str]:
    """Return the ``count`` TextRank sentences (Mihalcea & Tarau 2004) in source order."""
    from spacy.lang.en.stop_words import STOP_WORDS

    bags = [{w for w in _WORD.findall(s.lower()) if w not in STOP_WORDS} for s in sentences]
    n = len(sentences)
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if i != j and len(bags[i]) > 1 and len(bags[j]) > 1:
                overlap = len(bags[i] & bags[j])
                weights[i][j] = overlap / (math.log(len(bags[i])) + math.log(len(bags[j])))
    totals = [sum(row) for row in weights]
    scores = [1.0] * n
    for _ in range(50):  # PageRank, damping 0.85
        scores = [
            0.15 + 0.85 * sum(weights[j][i] / totals[j] * scores[j] for j in range(n) if totals[j])
            for i in range(n)
        ]
    best = sorted(range(n), key=lambda i: (-scores[i], i))[:count]
    return [sentences[i] for i in sorted(best)]


def generator_points(briefing: dict[str, Any]) -> list[str]:
    """Return the generator's three key statements: the bottom line, then the first points."""
    summary = briefing["summary"]
    return [summary["bottom_line"], *(p["text"] for p in summary["points"])][:3]


# --- actors ----------------------------------------------------------------------------------


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


def match_entities(names: list[str], entities: list[dict[str, Any]]) -> list[int]:
    """Return the indices of the gold entities an actor (its canonical name and surface
    forms) matches: equal to the entity's name or one of its aliases, case-insensitive."""
    keys = [{_norm(n) for n in [e["name"], *e["aliases"]] if n} for e in entities]
    wanted = {_norm(n) for n in names}
    return [i for i, k in enumerate(keys) if wanted & k]


def ranking_scores(ranked: list[list[str]], entities: list[dict[str, Any]]) -> dict[str, float]:
    """Return P@3, P@5, R@5, R@10 and duplicate counts for one document's ranked actors."""
    salient = {i for i, e in enumerate(entities) if e["score"] >= 2}
    seen: set[int] = set()
    hits: list[bool] = []
    duplicates = 0
    for position, names in enumerate(ranked):
        matched = set(match_entities(names, entities))
        new = matched - seen
        if position < 10 and matched and not new:
            duplicates += 1
        hits.append(bool(new & salient))
        seen |= matched

    def recall(k: int) -> float:
        found: set[int] = set()
        for names in ranked[:k]:
            found |= set(match_entities(names, entities)) & salient
        return len(found) / len(salient)

    return {
        "P@3": sum(hits[:3]) / 3,
        "P@5": sum(hits[:5]) / 5,
        "R@5": recall(5),
        "R@10": recall(10),
        "dup": duplicates,
        "top10": min(10, len(ranked)),
    }


def oracle_order(candidates: list[list[str]], entities: list[dict[str, Any]]) -> list[list[str]]:
    """Return the candidates in the best order for these gold entities: each candidate that
    adds a salient entity first. Its scores bound what any re-ranking of them can reach."""
    salient = {i for i, e in enumerate(entities) if e["score"] >= 2}
    found: set[int] = set()
    best: list[list[str]] = []
    for names in candidates:
        new = set(match_entities(names, entities)) & salient - found
        if new:
            best.append(names)
            found |= new
    return best + [names for names in candidates if names not in best]


def spacy_first_mention(doc: Any) -> list[list[str]]:
    """Baseline: spaCy's entities, de-duplicated by text, in order of first mention."""
    ranked: dict[str, list[str]] = {}
    for ent in doc.ents:
        if ent.label_ not in NUMERIC_LABELS:
            ranked.setdefault(_norm(ent.text), [ent.text])
    return list(ranked.values())


# --- main ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--limit", type=int, default=0, help="Use only the first N documents.")
    args = parser.parse_args()
    frank = args.eval_dir / "frank_dev.jsonl"
    wikinews = args.eval_dir / "wikinews_salience_dev.jsonl"
    if not frank.exists() or not wikinews.exists():
        message = f"error: evaluation data not found in {args.eval_dir}; pass --eval-dir"
        print(message, file=sys.stderr)
        return 2
    from rouge_score import rouge_scorer

    settings = Settings(project_dir=ROOT)
    nlp = pipeline_for(settings)
    env = make_env()
    cnndm = [r for r in read_jsonl(frank) if r["category"] == "cnndm"]
    news = read_jsonl(wikinews)
    if args.limit:
        cnndm, news = cnndm[: args.limit], news[: args.limit]

    words = 0
    elapsed = 0.0

    def brief(doc_id: str, text: str) -> tuple[dict[str, Any], Any]:
        nonlocal words, elapsed
        started = time.perf_counter()
        document = Document(source_path=doc_id, slug=doc_id, title=None, text=normalize_text(text))
        parsed = nlp(document.text)
        briefing = build_briefing(document, settings, parsed)
        render(briefing, env)
        elapsed += time.perf_counter() - started
        words += len(text.split())
        return briefing.to_dict(), parsed

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    rouge: dict[str, list[dict[str, float]]] = {}

    def add(system: str, reference: str, summary: str) -> None:
        scores = scorer.score(reference, summary)
        rouge.setdefault(system, []).append({k: v.fmeasure * 100 for k, v in scores.items()})

    for row in cnndm:
        sentences = [line.strip() for line in row["text"].split("\n") if line.strip()]
        briefing, _ = brief(str(row["id"]), row["text"])
        add("generator (3 key points)", row["reference"], "\n".join(generator_points(briefing)))
        add("Lead-3", row["reference"], "\n".join(sentences[:3]))
        add("TextRank", row["reference"], "\n".join(textrank(sentences)))
        for name, output in sorted(row["systems"].items()):
            add(f"published: {name}", row["reference"], output)

    oracle = "ceiling: generator's candidates, ideal order"
    actor_rows: dict[str, list[dict[str, float]]] = {
        "generator: actors and places": [],
        "generator: key actors": [],
        "spaCy first mention": [],
        oracle: [],
    }
    every_candidate = Settings(project_dir=ROOT, max_actors=10_000)
    for row in news:
        briefing, parsed = brief(str(row["id"]), row["text"])
        if not any(e["score"] >= 2 for e in row["entities"]):
            continue
        ranked = [[a["name"], *a["aliases"]] for a in briefing["actors"]]
        actor_rows["generator: key actors"].append(ranking_scores(ranked, row["entities"]))
        entities = sorted(
            briefing["actors"] + briefing["places"], key=lambda a: -a["salience"]
        )  # stable: an actor before a place of equal salience
        named = [[a["name"], *a["aliases"]] for a in entities]
        actor_rows["generator: actors and places"].append(ranking_scores(named, row["entities"]))
        baseline = ranking_scores(spacy_first_mention(parsed), row["entities"])
        actor_rows["spaCy first mention"].append(baseline)
        document = Document(source_path="", slug="", title=None, text=parsed.text)
        every = build_briefing(document, every_candidate, parsed)
        candidates = [*every.actors, *every.places]
        best = oracle_order([[a.name, *a.aliases] for a in candidates], row["entities"])
        actor_rows[oracle].append(ranking_scores(best, row["entities"]))

    print(f"# Briefing quality — {len(cnndm)} CNN/DM documents, {len(news)} Wikinews documents\n")
    print("| summary (CNN/DM) | ROUGE-1 | ROUGE-2 | ROUGE-L |")
    print("| --- | ---: | ---: | ---: |")
    for system, rows in rouge.items():
        means = [statistics.mean(r[k] for r in rows) for k in ("rouge1", "rouge2", "rougeL")]
        print(f"| {system} | {means[0]:.2f} | {means[1]:.2f} | {means[2]:.2f} |")
    print()
    print("| key entities (Wikinews) | P@3 | P@5 | R@5 | R@10 | duplicate rate (top 10) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for system, rows in actor_rows.items():
        means = [statistics.mean(r[k] for r in rows) for k in ("P@3", "P@5", "R@5", "R@10")]
        dup = sum(r["dup"] for r in rows) / max(1, sum(r["top10"] for r in rows))
        cells = " | ".join(f"{m:.3f}" for m in means)
        print(f"| {system} | {cells} | {dup:.1%} |")
    salient = [e for row in news for e in row["entities"] if e["score"] >= 2]
    nameless = sum(1 for e in salient if not (e["name"] or e["aliases"]))
    print(
        f"\n{nameless} of {len(salient)} salient entities have neither name nor alias in the gold "
        "file: no system can match them (they stay in the recall denominators). The ceiling row "
        "puts every actor and place the generator finds (no cut at max_actors) in the best order "
        "for the gold answers: no ranking of those candidates scores higher. The rest of the gap "
        "is salient entities that are neither (topics, products, events)."
    )
    print()
    rate = words / elapsed
    print(f"throughput: {rate:,.0f} words/s ({words:,} words in {elapsed:.1f} s, one process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
