"""Who said what on a fresh random sample of corpus articles: readers' lists and judges' verdicts.

    python scripts/attribution_judge.py dump OUT_DIR --count 30 --seed 11 --batches 3   # for the judges
    python scripts/attribution_judge.py keep OUT_DIR tests/data/attribution/verdicts/NAME.jsonl
    python scripts/attribution_judge.py tally tests/data/attribution/verdicts/NAME.jsonl

The sample is drawn like the real-news gold (eligible articles, political stratum more than half)
from corpus lines in no earlier sample, gold or judged set. Each judge works in two steps, with the
rubric (`tests/data/attribution/JUDGING.md`): first, from the article alone (`articlesN.json`), they
list every quote and claim a reader sees, with its speaker; only then they open what newsgraph found
(`systemN.json`) and mark each listed item found or not, and each attribution found right or wrong
(is it speech or its kin, and is the speaker the one the article says). The repo keeps the verdicts
with offsets, never the article's words.
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

from realnews_judge import used_lines as realnews_used_lines
from realnews_sample import eligible, political_density

CORPUS = REPO.parent / "shared" / "corpus" / "news.jsonl.gz"
VERDICTS = ("right", "wrong-speaker", "not-an-attribution")


def used_lines() -> set[int]:
    lines = realnews_used_lines()
    for path in (REPO / "tests/data/attribution/verdicts").glob("*.jsonl"):
        lines |= {json.loads(row)["corpus_line"] for row in path.read_text().splitlines() if row.strip()}
    return lines


def _who(mention) -> dict | None:
    if mention is None:
        return None
    actor = mention.actor
    return {"words": mention.text, "actor": actor.name if actor else None, "actor_id": actor.id if actor else None}


def dump(out: Path, count: int, seed: int, batches: int) -> None:
    from newsgraph.eval.realnews import corpus_document
    from newsgraph.ingest.read import Rejected
    from newsgraph.pipeline import Pipeline

    skip = used_lines()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        records = {n: json.loads(row) for n, row in enumerate(handle)}
    political = [n for n, r in records.items() if n not in skip and eligible(r) and political_density(r["text"]) >= 0.02]
    other = [n for n, r in records.items() if n not in skip and eligible(r) and political_density(r["text"]) < 0.02]
    rng = random.Random(seed)
    drawn = sorted(rng.sample(political, count * 55 // 100) + rng.sample(other, count - count * 55 // 100))
    articles = Pipeline().analyze_batch([corpus_document(n, records[n]) for n in drawn])
    out.mkdir(parents=True, exist_ok=True)
    texts, found = [], []
    for line, article in zip(drawn, articles):
        if isinstance(article, Rejected):
            continue
        texts.append({"corpus_line": line, "text": article.text})
        found.append({"corpus_line": line, "attributions": [
            {"id": a.id, "content": a.content.text, "content_at": [a.content.start, a.content.end],
             "cue": a.cue.text if a.cue else None, "source": _who(a.source),
             "speaker": _who(a.speaker), "via": _who(a.via)} for a in article.attributions]})
    for batch in range(batches):
        (out / f"articles{batch + 1}.json").write_text(json.dumps(texts[batch::batches], indent=1, ensure_ascii=False))
        (out / f"system{batch + 1}.json").write_text(json.dumps(found[batch::batches], indent=1, ensure_ascii=False))
        print(f"batch {batch + 1}: {len(texts[batch::batches])} articles, "
              f"{sum(len(i['attributions']) for i in found[batch::batches])} attributions")


def keep(folder: Path, target: Path) -> None:
    """Judges' files -> one verdict file in the repo, with offsets and verdicts only."""
    dumped = {}
    for path in sorted(folder.glob("system*.json")):
        for item in json.loads(path.read_text()):
            for attribution in item["attributions"]:
                dumped[(item["corpus_line"], attribution["id"])] = attribution
    rows = []
    for path in sorted(folder.glob("judge*.verdicts.jsonl")):
        judge = path.name.split(".")[0]
        for row in path.read_text().splitlines():
            if not row.strip():
                continue
            verdict = json.loads(row)
            if "id" in verdict:  # an attribution newsgraph found
                if verdict["verdict"] not in VERDICTS:
                    raise SystemExit(f"{path}: verdict {verdict['verdict']!r} not one of {VERDICTS}")
                attribution = dumped[(verdict["corpus_line"], verdict["id"])]
                rows.append({"corpus_line": verdict["corpus_line"], "kind": "found", "attribution": verdict["id"],
                             "content_at": attribution["content_at"], "verdict": verdict["verdict"], "judge": judge})
            else:  # a quote or claim the reader listed before seeing newsgraph's output
                rows.append({"corpus_line": verdict["corpus_line"], "kind": "listed", "item": verdict["item"],
                             "found": verdict.get("found"), "judge": judge})
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(f"{len(rows)} rows kept in {target}")


def tally(path: Path) -> None:
    rows = [json.loads(r) for r in path.read_text().splitlines() if r.strip()]
    found = [r for r in rows if r["kind"] == "found"]
    listed = [r for r in rows if r["kind"] == "listed"]
    verdicts = Counter(r["verdict"] for r in found)
    real = verdicts["right"] + verdicts["wrong-speaker"]
    print(json.dumps({
        "articles": len({r["corpus_line"] for r in rows}),
        "attributions_found": len(found), "verdicts": dict(verdicts),
        "right_speaker_of_found": round(verdicts["right"] / len(found), 3) if found else 0.0,
        "right_speaker_of_real_attributions": round(verdicts["right"] / real, 3) if real else 0.0,
        "listed_by_readers": len(listed),
        "listed_found": round(sum(r["found"] is not None for r in listed) / len(listed), 3) if listed else 0.0,
    }, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--count", type=int, default=30)
    d.add_argument("--seed", type=int, default=11)
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
