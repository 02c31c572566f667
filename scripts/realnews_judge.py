"""A fresh random sample of corpus articles, its events as newsgraph asserts them, and judges' verdicts.

    python scripts/realnews_judge.py dump OUT_DIR --count 30 --seed 7 --batches 3   # for the judges
    python scripts/realnews_judge.py keep OUT_DIR tests/data/realnews/verdicts/NAME.jsonl  # verdicts -> repo
    python scripts/realnews_judge.py tally tests/data/realnews/verdicts/NAME.jsonl

The sample is drawn like the gold (`realnews_sample.py`: eligible articles, political stratum more
than half) from lines in no earlier sample and not in the gold. Judges get the guideline, the article
and the system's asserted events (never the gold). Verdicts are kept in the repo as data, with the
event's trigger offsets into the clean text and the model's score, never the article's words.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from realnews_sample import earlier_lines, eligible, political_density  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "news.jsonl.gz"
VERDICTS = ("right", "wrong")
REASONS = ("not-an-event", "not-asserted", "wrong-root", "wrong-source", "wrong-target", "duplicate", "other")


def used_lines() -> set[int]:
    lines = earlier_lines(str(REPO / "tests/data/judged_samples.txt"))
    for sample in (REPO / "tests/data/realnews").glob("sample*.tsv"):
        lines |= {int(row.split("\t")[0]) for row in sample.read_text().splitlines() if row[:1].isdigit()}
    for path in (REPO / "tests/data/realnews/verdicts").glob("*.jsonl"):
        lines |= {json.loads(row)["corpus_line"] for row in path.read_text().splitlines() if row.strip()}
    return lines


def dump(out: Path, count: int, seed: int, batches: int) -> None:
    from newsgraph.eval.realnews import asserted, corpus_document
    from newsgraph.ingest.read import Rejected
    from newsgraph.pipeline import Pipeline

    skip = used_lines()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        records = {n: json.loads(row) for n, row in enumerate(handle)}
    political = [n for n, r in records.items() if n not in skip and eligible(r) and political_density(r["text"]) >= 0.02]
    other = [n for n, r in records.items() if n not in skip and eligible(r) and political_density(r["text"]) < 0.02]
    rng = random.Random(seed)
    drawn = sorted(rng.sample(political, count * 55 // 100) + rng.sample(other, count - count * 55 // 100))
    pipeline = Pipeline()
    articles = pipeline.analyze_batch([corpus_document(n, records[n]) for n in drawn])
    out.mkdir(parents=True, exist_ok=True)
    items = []
    for line, article in zip(drawn, articles):
        if isinstance(article, Rejected):
            continue
        events = []
        for event in asserted(article.events):
            def who(mention):
                if mention is None:
                    return None
                actor = mention.actor
                return {"words": mention.text, "actor": actor.name if actor else None,
                        "country": actor.country if actor else None, "sector": actor.sector if actor else None}
            events.append({"id": event.id, "sentence": event.sentence.text, "trigger": event.trigger.text,
                           "trigger_at": [event.trigger.start, event.trigger.end], "cameo": event.cameo,
                           "name": pipeline.event_lexicon.info(event.cameo).name, "source": who(event.source),
                           "target": who(event.target), "score": event.score})
        items.append({"corpus_line": line, "text": article.text, "events": events})
    for batch in range(batches):
        part = items[batch::batches]
        (out / f"judge{batch + 1}.json").write_text(json.dumps(part, indent=1, ensure_ascii=False))
        print(f"judge{batch + 1}.json: {len(part)} articles, {sum(len(i['events']) for i in part)} events")


def keep(folder: Path, target: Path) -> None:
    """Judges' verdict files (judgeN.verdicts.jsonl) -> one verdict file in the repo, without any text."""
    dumped = {}
    for path in sorted(folder.glob("judge*.json")):
        for item in json.loads(path.read_text()):
            for event in item["events"]:
                dumped[(item["corpus_line"], event["id"])] = event
    rows = []
    for path in sorted(folder.glob("judge*.verdicts.jsonl")):
        for row in path.read_text().splitlines():
            if not row.strip():
                continue
            verdict = json.loads(row)
            event = dumped[(verdict["corpus_line"], verdict["id"])]
            if verdict["verdict"] not in VERDICTS:
                raise SystemExit(f"{path}: verdict {verdict['verdict']!r} not one of {VERDICTS}")
            rows.append({"corpus_line": verdict["corpus_line"], "event": verdict["id"], "cameo": event["cameo"],
                         "trigger_at": event["trigger_at"], "score": event["score"], "verdict": verdict["verdict"],
                         "reason": verdict.get("reason") if verdict["verdict"] == "wrong" else None,
                         "judge": path.name.split(".")[0]})
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(f"{len(rows)} verdicts kept in {target}")


def tally(path: Path) -> None:
    rows = [json.loads(r) for r in path.read_text().splitlines() if r.strip()]
    right = sum(r["verdict"] == "right" for r in rows)
    reasons = Counter(r["reason"] for r in rows if r["verdict"] == "wrong")
    print(json.dumps({"events": len(rows), "right": right, "precision": round(right / len(rows), 3) if rows else 0,
                      "articles": len({r["corpus_line"] for r in rows}), "wrong_by_reason": dict(reasons)}, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--count", type=int, default=30)
    d.add_argument("--seed", type=int, default=7)
    d.add_argument("--batches", type=int, default=3)
    k = sub.add_parser("keep")
    k.add_argument("folder", type=Path)
    k.add_argument("target", type=Path)
    t = sub.add_parser("tally")
    t.add_argument("path", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.count, args.seed, args.batches)
    elif args.command == "keep":
        keep(args.folder, args.target)
    else:
        tally(args.path)


if __name__ == "__main__":
    main()
