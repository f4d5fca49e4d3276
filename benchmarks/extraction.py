"""Measure the HTML loader's main text on public pages, beside trafilatura's canonical settings.

    .venv/bin/python benchmarks/extraction.py [--eval-dir ../shared/eval] [--sweep] [--quiet]

Prints:
- Main text: precision, recall and F1 over the text chunks of ``extraction/extraction_dev.json``
  (64 pages with trafilatura's own gold: ``with`` chunks the main text must contain,
  ``without`` chunks of boilerplate it must not), scored exactly as ``../shared/eval/README.md``
  says, for trafilatura's canonical settings and for this loader (the text the briefing
  analyses; and that text under its title), in the same run. Then, per page, the ``without``
  chunks that leaked in and the ``with`` chunks that were lost.
- Real pages: the 8 news pages of ``pages/`` (no gold), loaded as a seed is: the title and date
  against what a person judged by reading each page, the dateline, the lines set aside, and
  any sentence left that looks like furniture to a broader net than the loader's own.
- Clean text: the boilerplate filter and the dateline reader on the news articles of the
  other eval files (clean text, no furniture): every line they would set aside is listed, as
  it is a line taken from a real article.
- ``--sweep``: the same score for each combination of trafilatura's options, with the
  loader's fallback and filter in place (how ``webpage.EXTRACTION`` was chosen).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.errors import LoadError  # noqa: E402
from generator.loaders import load_documents, webpage  # noqa: E402
from generator.loaders.boilerplate import filter_text, sentences  # noqa: E402
from generator.loaders.metadata import read_dateline  # noqa: E402
from generator.loaders.normalize import normalize_text  # noqa: E402

# --- the scoring rule of ../shared/eval/README.md ---------------------------------------------

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u00a0": " ",
        "\u2026": "...",
    }
)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return ``text`` folded as the scoring rule says: NFKC, quotes, dashes, spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD)).strip()


@dataclass
class Score:
    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    lost: dict[str, list[str]] = field(default_factory=dict)
    leaked: dict[str, list[str]] = field(default_factory=dict)

    def add(self, page: str, text: str, gold: dict[str, Any]) -> None:
        """Score one page's extracted ``text`` against its ``with``/``without`` chunks."""
        folded = fold(text)
        lost = [c for c in gold["with"] if fold(c) not in folded]
        leaked = [c for c in gold["without"] if fold(c) in folded]
        self.true_positives += len(gold["with"]) - len(lost)
        self.false_negatives += len(lost)
        self.false_positives += len(leaked)
        if lost:
            self.lost[page] = lost
        if leaked:
            self.leaked[page] = leaked

    @property
    def precision(self) -> float:
        return self.true_positives / max(1, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return self.true_positives / max(1, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str, seconds: float) -> str:
        counts = f"{self.true_positives} / {self.false_positives} / {self.false_negatives}"
        return (
            f"| {name} | {self.precision:.3f} | {self.recall:.3f} | {self.f1:.3f} | {counts} "
            f"| {seconds:.1f} s |"
        )


Extractor = Callable[[Path], str]


def score(extractor: Extractor, gold: dict[str, Any], pages: Path) -> tuple[Score, float]:
    result = Score()
    started = time.perf_counter()
    for entry in gold.values():
        result.add(entry["file"], extractor(pages / entry["file"]), entry)
    return result, time.perf_counter() - started


def trafilatura_canonical(path: Path) -> str:
    """Return trafilatura's text with the canonical settings of the eval README."""
    import trafilatura

    text = trafilatura.extract(
        path.read_bytes(), fast=False, include_comments=False, include_tables=True
    )
    return text or ""


def loader_text(path: Path) -> str:
    """Return the text this project analyses: the loader's ``Document.text``."""
    try:
        return load_documents(path)[0].text
    except LoadError:
        return ""


def loader_title_and_text(path: Path) -> str:
    """Return the document as its page shows it: the title, then the text."""
    try:
        document = load_documents(path)[0]
    except LoadError:
        return ""
    return f"{document.title or ''}\n{document.text}"


# --- the 8 real pages, as a person judged them ------------------------------------------------

JUDGED: dict[str, tuple[str, str]] = {
    "dw.com.colonial.html": ("2020-01-19", "df9f400821d2"),
    "dw.com.uncork.html": ("2013-06-10", "fb62e19c66c6"),
    "nature.com.telescope.html": ("2019-09-24", "908cd4a27703"),
    "reuters.com.parasite.html": ("2020-01-19", "aeef47a99cc5"),
    "salon.com.emissions.html": ("2020-01-10", "6c8571879754"),
    "scmp.com.playbook.html": ("2020-01-20", "9c5efc15ae30"),
    "theguardian.com.academics.html": ("2020-01-20", "8a4875075611"),
    "theverge.com.ios13.html": ("2019-07-03", "e42476eada0e"),
}
"""Page → (publication date, title digest), judged by reading each page: the date the page
gives for its publication (for DW, the "Date" line and the title's suffix), and the headline
without the site's name. The title is kept as the first 12 hex digits of the SHA-256 of its
folded text (``title_digest``), so that no page text is copied into the project; a mismatch
prints the loaded title for a person to judge."""

FURNITURE_NET = re.compile(
    r"read (?:more|also)|credits?\s*:|\(credit|photo(?:graph)?\s*:|getty|editing by|reporting by"
    r"|©|copyright|all rights reserved|subscri|newsletter|sign up|^\W*related\b|our standards"
    r"|trust principles|pic\.twitter|https?://|\(@\w+\)|advertisement|share (?:this|on)"
    r"|follow us|^\W*update[sd]?\b[^:]{0,40}:|^[A-Z][\w ]+ \d+, \d+[-\u2013]\d+ \("
    r"|(?-i:^\W*By [A-Z]\w+ [A-Z]\w+\W*$)",
    re.IGNORECASE,
)
"""A broader net than the loader's rules, for sentences a person should look at."""


def title_digest(title: str) -> str:
    return hashlib.sha256(fold(title).casefold().encode()).hexdigest()[:12]


def real_pages(folder: Path, quiet: bool) -> int:
    """Print the 8 pages' title, date and leftovers; return how many checks failed."""
    failed = 0
    print("| page | title | date | dateline | set aside | furniture left |")
    print("| --- | --- | --- | --- | ---: | ---: |")
    details: list[str] = []
    for path in sorted(folder.glob("*.html")):
        document = load_documents(path)[0]
        date_wanted, digest = JUDGED.get(path.name, ("?", "?"))
        title_ok = title_digest(document.title or "") == digest
        date_ok = document.date == date_wanted
        lines = [s for p in document.text.split("\n\n") for s in sentences(p)]
        headline = fold(document.title or "").casefold()
        left = [
            s
            for s in lines
            if FURNITURE_NET.search(s)
            or not any(ch.isalnum() for ch in s)
            or fold(s).casefold() == headline
        ]
        failed += (not title_ok) + (not date_ok) + bool(left)
        title_cell = "ok" if title_ok else f"**{document.title!r}**"
        date_cell = (
            f"{document.date} ok" if date_ok else f"**{document.date}** (want {date_wanted})"
        )
        print(
            f"| {path.name} | {title_cell} | {date_cell} | {document.dateline or ''} "
            f"| {len(document.set_aside)} | {len(left)} |"
        )
        details += [
            f"- {path.name}: set aside ({s.reason}): {s.text!r}" for s in document.set_aside
        ]
        details += [f"- {path.name}: **left**: {s!r}" for s in left]
        details += [f"- {path.name}: warning: {w}" for w in document.warnings]
    if not quiet and details:
        print()
        print("\n".join(details))
    return failed


# --- clean text: what the filter would take from real articles --------------------------------


def clean_texts(eval_dir: Path) -> Iterable[tuple[str, str]]:
    """Yield (id, text) of the news articles of the eval files: clean text, no furniture."""
    for name in ("frank_dev.jsonl", "wikinews_salience_dev.jsonl", "briefing_gold_dev.jsonl"):
        path = eval_dir / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    yield f"{name.split('_')[0]}:{row['id']}", row["text"]


def clean_text_check(eval_dir: Path) -> None:
    documents = paragraphs = 0
    taken: list[str] = []
    datelines: list[str] = []
    for doc_id, text in clean_texts(eval_dir):
        normalized = normalize_text(text)
        documents += 1
        paragraphs += normalized.count("\n\n") + 1
        taken += [f"- {doc_id} ({s.reason}): {s.text!r}" for s in filter_text(normalized).set_aside]
        found = read_dateline(normalized)
        if found.dateline:
            datelines.append(f"- {doc_id}: dateline {found.dateline!r} → date {found.date}")
    print(
        f"{documents} articles, {paragraphs} paragraphs: {len(taken)} line(s) set aside, "
        f"{len(datelines)} dateline(s) read"
    )
    print("\n".join(taken + datelines))


# --- main --------------------------------------------------------------------------------------


def sweep(gold: dict[str, Any], pages: Path) -> None:
    """Score the loader under every combination of trafilatura's options."""
    print("| fast | favor_precision | favor_recall | include_tables | P | R | F1 |")
    print("| --- | --- | --- | --- | ---: | ---: | ---: |")
    chosen = dict(webpage.EXTRACTION)
    for fast, precision, recall, tables in itertools.product((False, True), repeat=4):
        if precision and recall:
            continue
        webpage.EXTRACTION.update(
            fast=fast, favor_precision=precision, favor_recall=recall, include_tables=tables
        )
        result, _ = score(loader_text, gold, pages)
        cells = " | ".join(str(v) for v in (fast, precision, recall, tables))
        print(f"| {cells} | {result.precision:.3f} | {result.recall:.3f} | {result.f1:.3f} |")
    webpage.EXTRACTION.clear()
    webpage.EXTRACTION.update(chosen)
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--sweep", action="store_true", help="Score every trafilatura option.")
    parser.add_argument("--quiet", action="store_true", help="Only the tables.")
    args = parser.parse_args()
    gold_file = args.eval_dir / "extraction" / "extraction_dev.json"
    if not gold_file.exists():
        print(f"error: {gold_file} not found; pass --eval-dir", file=sys.stderr)
        return 2
    import logging

    logging.disable(logging.WARNING)  # trafilatura logs every page it finds thin
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    pages = gold_file.parent / "pages"
    chunks = (
        sum(len(e["with"]) for e in gold.values()),
        sum(len(e["without"]) for e in gold.values()),
    )
    if args.sweep:
        sweep(gold, pages)
    print(f"# Main text — {len(gold)} pages, {chunks[0]} `with` and {chunks[1]} `without` chunks\n")
    print("| extraction | precision | recall | F1 | found / leaked / lost | time |")
    print("| --- | ---: | ---: | ---: | --- | ---: |")
    systems: list[tuple[str, Extractor]] = [
        ("trafilatura, canonical settings", trafilatura_canonical),
        ("**this loader** (the text the briefing analyses)", loader_text),
        ("this loader, title and text (as the page shows them)", loader_title_and_text),
    ]
    results = {}
    for name, extractor in systems:
        results[name], seconds = score(extractor, gold, pages)
        print(results[name].row(name, seconds))
    if not args.quiet:
        for name, result in results.items():
            print(f"\n## {name}: leaked `without` chunks, lost `with` chunks\n")
            for page in sorted(set(result.leaked) | set(result.lost)):
                for chunk in result.leaked.get(page, []):
                    print(f"- {page}: leaked {chunk!r}")
                for chunk in result.lost.get(page, []):
                    print(f"- {page}: lost {chunk!r}")
    print(f"\n# Real pages — {args.eval_dir / 'pages'}\n")
    failed = real_pages(args.eval_dir / "pages", args.quiet)
    print(f"\n{failed} check(s) failed (title, date or furniture left, per page)")
    print("\n# Clean text — the filter and the dateline reader on clean news articles\n")
    clean_text_check(args.eval_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
