"""Seconds per pipeline stage over the first N corpus articles, and the events stage's share.

Stand-in for `newsgraph bench` (whose module is not on this branch):
    PYTHONPATH=$PWD python scripts/stage_times.py --limit 150
"""
from __future__ import annotations

import argparse
import time

from newsgraph.ingest.read import Rejected, read_paths
from newsgraph.pipeline import Pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default="../shared/corpus/news.jsonl.gz")
    parser.add_argument("--limit", type=int, default=150)
    args = parser.parse_args()
    pipeline = Pipeline()
    raws = []
    for item in read_paths([args.corpus]):
        if not isinstance(item, Rejected):
            raws.append(item)
        if len(raws) >= args.limit:
            break
    start = time.perf_counter()
    results = pipeline.analyze_batch(raws)
    total = time.perf_counter() - start
    events = sum(len(r.events) for r in results if not isinstance(r, Rejected))
    print({stage: round(seconds, 2) for stage, seconds in pipeline.times.seconds.items()},
          f"total {total:.2f}s, {len(results)} articles, {events} events")
    print(f"events stage: {100 * pipeline.times.seconds['events'] / total:.1f}% of pipeline time")


if __name__ == "__main__":
    main()
