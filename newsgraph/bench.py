"""`newsgraph bench`: throughput of the whole pipeline beside spaCy alone.

Both run in this process on the same texts in the same run, so the ratio is
meaningful on any machine; absolute figures depend on the machine. Then the
pipeline runs in a pool of 1 worker and a pool of N workers (same start-up,
model loaded before timing) to measure scaling across cores.
"""
from __future__ import annotations

import gzip
import json
import resource
import time
from collections.abc import Callable
from pathlib import Path

from newsgraph.batch import WorkerPool
from newsgraph.errors import EvalDataError
from newsgraph.ingest.read import RawDocument, Rejected
from newsgraph.pipeline import Pipeline
from newsgraph.settings import Settings

BATCH = 16


def load_corpus(path: Path, limit: int) -> list[RawDocument]:
    """`limit` articles spread evenly over the corpus (it is grouped by source)."""
    if not Path(path).exists():
        raise EvalDataError(f"corpus {path} not found (pass --corpus)")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    stride = max(1, len(records) // limit)
    chosen = records[::stride][:limit]
    return [
        RawDocument(
            source=f"{path}:{r['id']}", kind="text", content=r["text"], id=r["id"],
            title=r.get("title"), url=r.get("url"), published=r.get("published"),
        )
        for r in chosen
    ]


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _pool_run(raws: list[RawDocument], settings: Settings, workers: int) -> tuple[float, int]:
    batches = [raws[i : i + BATCH] for i in range(0, len(raws), BATCH)]
    with WorkerPool(settings, workers) as pool:
        pool.wait_ready()  # model loading is not throughput
        start = time.perf_counter()
        stored = sum(1 for r in pool.analyze(batches) if not isinstance(r, Rejected))
        return time.perf_counter() - start, stored


def run_bench(
    corpus: Path,
    settings: Settings,
    *,
    limit: int = 400,
    workers: int = 2,
    progress: Callable[[str], None] = lambda message: None,
) -> dict:
    raws = load_corpus(corpus, limit)
    words = sum(len(r.content.split()) for r in raws)
    pipeline = Pipeline(settings)
    texts = [r.content for r in raws]
    list(pipeline.nlp.pipe(texts[:20]))  # warm-up: first calls allocate

    progress(f"spaCy alone on {len(raws)} articles ({words:,} words)...")
    ours = [name for name in pipeline.nlp.pipe_names if name.startswith("newsgraph_")]
    with pipeline.nlp.select_pipes(disable=ours):  # the model exactly as published
        start = time.perf_counter()
        for _ in pipeline.nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        spacy_seconds = time.perf_counter() - start
    spacy_peak = _peak_mb()

    progress("whole pipeline, same texts...")
    pipeline.times.seconds.clear()
    start = time.perf_counter()
    analysed = 0
    for i in range(0, len(raws), BATCH):
        analysed += sum(1 for r in pipeline.analyze_batch(raws[i : i + BATCH]) if not isinstance(r, Rejected))
    pipeline_seconds = time.perf_counter() - start
    pipeline_peak = _peak_mb()
    stage_seconds = dict(pipeline.times.seconds)

    result = {
        "corpus": str(corpus),
        "articles": len(raws),
        "analysed": analysed,
        "words": words,
        "spacy": _rates(len(raws), words, spacy_seconds, spacy_peak),
        "pipeline": _rates(len(raws), words, pipeline_seconds, pipeline_peak),
        "pipeline_vs_spacy": round(spacy_seconds / pipeline_seconds, 3),
        "stage_share": {
            stage: round(seconds / pipeline_seconds, 4) for stage, seconds in sorted(stage_seconds.items())
        },
    }
    if workers > 1:
        progress("pool of 1 worker...")
        one_seconds, _ = _pool_run(raws, settings, 1)
        progress(f"pool of {workers} workers...")
        many_seconds, _ = _pool_run(raws, settings, workers)
        result["workers"] = {
            "1": _rates(len(raws), words, one_seconds, None),
            str(workers): _rates(len(raws), words, many_seconds, _peak_mb(resource.RUSAGE_CHILDREN)),
            "speedup": round(one_seconds / many_seconds, 3),
        }
    return result


def _rates(articles: int, words: int, seconds: float, peak_mb: float | None) -> dict:
    rates = {
        "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 2),
        "words_per_s": round(words / seconds),
    }
    if peak_mb is not None:
        rates["peak_mb"] = round(peak_mb)
    return rates


def format_table(result: dict) -> str:
    lines = [
        f"{result['articles']} articles, {result['words']:,} words from {result['corpus']}",
        "",
        "| run | articles/s | words/s | peak MB |",
        "|---|---:|---:|---:|",
    ]
    for name, key in (("spaCy alone", "spacy"), ("newsgraph pipeline", "pipeline")):
        r = result[key]
        lines.append(f"| {name} | {r['articles_per_s']} | {r['words_per_s']:,} | {r['peak_mb']} |")
    if "workers" in result:
        for key, r in result["workers"].items():
            if key != "speedup":
                lines.append(
                    f"| pipeline, {key} worker(s) | {r['articles_per_s']} | {r['words_per_s']:,} | {r.get('peak_mb', '')} |"
                )
    lines += ["", f"pipeline keeps {result['pipeline_vs_spacy']:.1%} of spaCy's throughput"]
    if "workers" in result:
        n = [k for k in result["workers"] if k not in ("1", "speedup")][0]
        lines.append(f"{n} workers vs 1: {result['workers']['speedup']:.2f}x")
    lines.append("time share by stage: " + ", ".join(f"{k} {v:.1%}" for k, v in result["stage_share"].items()))
    return "\n".join(lines)
