"""Draw the line-labelled boilerplate set and write the annotators' packets.

    python scripts/boilerplate_sample.py sample ../shared > tests/data/boilerplate/sample.tsv
    python scripts/boilerplate_sample.py packets ../shared tests/data/boilerplate/sample.tsv OUT_DIR

An item is a text as it reaches newsgraph's plain-text cleaner (`newsgraph.clean.text.clean_text`):
a corpus article's `text` (feeds and JSON arrive like this) or the main text trafilatura extracts
from a page of the extraction benchmark (`newsgraph.clean.html.extract_page`). Its lines are
`text.split("\\n")`; empty lines are not labelled. The draw is reproducible (fixed seed) and reads
only the inputs, never the cleaner's output. Corpus articles are drawn per source dataset, weighted
towards the scraped sources where boilerplate occurs (the curated wire sets, TempEval and the 5W1H
gold, are clean by construction and left out); each item goes to `dev` (rules, training) or
`test` (never read while writing rules or training) by a second seeded draw.

The repo keeps no text: `sample.tsv` names the items, and the gold names each line by its number
and a hash of its text, so a changed extractor is detected rather than silently misaligned.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

from newsgraph.eval.boilerplate import line_hash  # noqa: F401  (the gold's line hash)

# Each round: its seed, test share, corpus source dataset -> articles drawn, and HTML pages drawn from
# the extraction benchmark. Round 2 (more training data after the first model was short of it) draws
# corpus text only, from items no earlier round drew, with a few clean wire texts so that cutting
# prose is measured too.
ROUNDS = {
    1: {"seed": 20261208, "test_share": 0.4, "html_pages": 30,
        "corpus": {"giveme5w1h-news_cluster": 40, "fnc-1": 30, "polnear": 15, "ngec-guardian-sample": 15}},
    2: {"seed": 20261209, "test_share": 0.3, "html_pages": 0,
        "corpus": {"giveme5w1h-news_cluster": 60, "fnc-1": 40, "polnear": 20, "ngec-guardian-sample": 20,
                   "tempeval3-tbaq": 5, "giveme5w1h-gold_standard": 5}},
}
MIN_WORDS, MAX_WORDS = 60, 2000


def corpus_records(shared: Path) -> list[dict]:
    with gzip.open(shared / "corpus" / "news.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(row) for row in handle]


def draw(shared: Path, round_number: int = 1) -> list[tuple[str, str, str]]:
    """(kind, item, part) rows: kind `corpus` (item = 0-based corpus line) or `html` (item = page id)."""
    plan = ROUNDS[round_number]
    drawn_before = {(kind, item) for earlier in range(1, round_number) for kind, item, _ in draw(shared, earlier)}
    rng = random.Random(plan["seed"])
    records = corpus_records(shared)
    rows: list[tuple[str, str]] = []
    for source, count in plan["corpus"].items():
        eligible = [n for n, record in enumerate(records) if record.get("source_dataset") == source
                    and MIN_WORDS <= len(record.get("text", "").split()) <= MAX_WORDS
                    and ("corpus", str(n)) not in drawn_before]
        rows += [("corpus", str(n)) for n in sorted(rng.sample(eligible, count))]
    if plan["html_pages"]:
        pages = sorted(path.name.removesuffix(".html.gz")
                       for path in (shared / "eval" / "extraction" / "html").glob("*.html.gz"))
        rows += [("html", page) for page in sorted(rng.sample(pages, plan["html_pages"]))]
    split_rng = random.Random(plan["seed"] + 1)
    return [(kind, item, "test" if split_rng.random() < plan["test_share"] else "dev") for kind, item in rows]


def item_text(shared: Path, kind: str, item: str, records: list[dict] | None = None) -> str:
    """The text the plain-text cleaner receives for this item."""
    if kind == "corpus":
        records = records if records is not None else corpus_records(shared)
        return records[int(item)]["text"]
    from newsgraph.clean.html import extract_page

    with gzip.open(shared / "eval" / "extraction" / "html" / f"{item}.html.gz", "rt", encoding="utf-8") as handle:
        html = handle.read()
    return extract_page(html).text


def read_sample(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("kind\t"):
            kind, item, part = line.split("\t")
            rows.append((kind, item, part))
    return rows


def write_packets(shared: Path, sample: Path, out: Path, per_packet: int = 20) -> None:
    """Numbered lines per item, in packets for annotators (outside the repo: they hold text)."""
    records = corpus_records(shared)
    out.mkdir(parents=True, exist_ok=True)
    rows = read_sample(sample)
    for number, start in enumerate(range(0, len(rows), per_packet), 1):
        with (out / f"packet{number:02d}.txt").open("w", encoding="utf-8") as handle:
            for kind, item, _part in rows[start:start + per_packet]:
                handle.write(f"=== ITEM {kind}:{item}\n")
                for n, line in enumerate(item_text(shared, kind, item, records).split("\n")):
                    if line.strip():
                        handle.write(f"[{n}] {line}\n")
                handle.write("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sample = sub.add_parser("sample")
    sample.add_argument("shared", type=Path)
    sample.add_argument("--round", type=int, choices=sorted(ROUNDS), default=1)
    packets = sub.add_parser("packets")
    packets.add_argument("shared", type=Path)
    packets.add_argument("sample", type=Path)
    packets.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.command == "sample":
        seed = ROUNDS[args.round]["seed"]
        sys.stdout.write(f"# drawn by scripts/boilerplate_sample.py --round {args.round} (seed {seed})\nkind\titem\tpart\n")
        for row in draw(args.shared, args.round):
            sys.stdout.write("\t".join(row) + "\n")
    else:
        write_packets(args.shared, args.sample, args.out)


if __name__ == "__main__":
    main()
