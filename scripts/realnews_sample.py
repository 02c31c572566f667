"""Draw the real-news gold sample: whole articles from the corpus, stratified by topic, split by article.

    python scripts/realnews_sample.py ../shared/corpus/news.jsonl.gz > tests/data/realnews/sample.tsv

The draw is reproducible (fixed seed) and reads only the corpus text, never system output. Articles
are eligible when they are mostly English prose of 80 to 1,200 words (92% of the corpus is under
1,200 words; longer ones cost annotators most and are left for later rounds) and were not in a sample
judged or read while writing rules in earlier rounds (`EARLIER_SAMPLES`). The political stratum
(politics, conflict, diplomacy, crime and justice) is recognised by counting words of those fields;
it is drawn so that it makes up more than half of the sample, as the guideline asks. Each drawn
article is assigned to `dev` (rules, training) or `test` (never read while writing rules or training)
by a second seeded draw.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys

# Corpus lines read while writing rules in the rounds of 2026-11 and 2026-12 (README, judged samples).
EARLIER_RANGES = [(3600, 3615), (3700, 3720), (4100, 4120), (4200, 4220), (4300, 4320), (1700, 1720),
                  (1200, 1220), (2200, 2220), (2600, 2620)]
EARLIER_SAMPLES_FILE = "tests/data/judged_samples.txt"

POLITICAL_WORDS = frozenset("""
government minister ministry president prime parliament senate congress election campaign vote voters
party opposition lawmakers senator governor mayor official officials diplomat diplomatic embassy
ambassador talks summit treaty agreement sanctions military army troops soldiers forces war attack
attacks killed bomb bombing rebels militants insurgents police arrested arrest court judge prosecutors
charged sentenced protest protesters demonstrators strike nato un united nations security council
regime coup ceasefire invasion airstrike airstrikes missile nuclear terror terrorist terrorism
islamic refugees border foreign
""".split())

WORD = re.compile(r"[A-Za-z]+")


def political_density(text: str) -> float:
    words = [w.lower() for w in WORD.findall(text)]
    if not words:
        return 0.0
    return sum(w in POLITICAL_WORDS for w in words) / len(words)


def earlier_lines(path: str) -> set[int]:
    lines = {n for start, end in EARLIER_RANGES for n in range(start, end)}
    try:
        with open(path, encoding="utf-8") as handle:
            for row in handle:
                if row.strip().startswith("lines:"):
                    lines.update(int(n) for n in row.split(":", 1)[1].split())
    except FileNotFoundError:
        pass
    return lines


def excluded_lines(paths: list[str]) -> set[int]:
    lines: set[int] = set()
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for row in handle:
                if row[:1].isdigit():
                    lines.add(int(row.split("\t", 1)[0]))
                elif row.startswith("{"):
                    lines.add(int(json.loads(row)["corpus_line"]))
    return lines


def eligible(record: dict) -> bool:
    text = record["text"]
    words = len(text.split())
    if not 80 <= words <= 1200:
        return False
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) / len(letters) > 0.97


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--political", type=int, default=90, help="articles from the political stratum")
    parser.add_argument("--other", type=int, default=70, help="articles from the rest")
    parser.add_argument("--test-share", type=float, default=0.4)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--exclude", action="append", default=[], metavar="FILE",
                        help="also leave out the corpus lines of an earlier draw (its sample.tsv) or of a verdicts "
                             "file (JSON Lines with corpus_line); repeatable")
    args = parser.parse_args()

    skip = earlier_lines(EARLIER_SAMPLES_FILE) | excluded_lines(args.exclude)
    political, other = [], []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        for line_no, row in enumerate(handle):
            record = json.loads(row)
            if line_no in skip or not eligible(record):
                continue
            # 2% of words from the political fields marks an article as political news.
            (political if political_density(record["text"]) >= 0.02 else other).append(line_no)

    rng = random.Random(args.seed)
    drawn = [(n, "political") for n in rng.sample(political, args.political)]
    drawn += [(n, "other") for n in rng.sample(other, args.other)]
    drawn.sort()
    split_rng = random.Random(args.seed + 1)
    test_lines = set(split_rng.sample([n for n, _ in drawn], round(len(drawn) * args.test_share)))

    out = sys.stdout
    excluded = f"; excluded {', '.join(args.exclude)}" if args.exclude else ""
    out.write(f"# seed {args.seed}; eligible political {len(political)}, other {len(other)}{excluded}\n")
    out.write("corpus_line\tstratum\tsplit\n")
    for line_no, stratum in drawn:
        out.write(f"{line_no}\t{stratum}\t{'test' if line_no in test_lines else 'dev'}\n")


if __name__ == "__main__":
    main()
