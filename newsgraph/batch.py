"""Run the pipeline over many inputs, on one or several worker processes.

`ingest` reads items, skips those already stored (same content hash), sends the
rest to the workers in bounded batches, and writes results to the store in
transactions that keep articles and the ingest log together. Ctrl-C or a crash
leaves only whole articles behind; a re-run picks up where the last one stopped.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from newsgraph.ingest.read import RawDocument, Rejected, display_path, read_paths
from newsgraph.model import Article
from newsgraph.pipeline import Pipeline
from newsgraph.settings import Settings
from newsgraph.store.database import LogEntry, Store

Result = Article | Rejected
ProgressHook = Callable[[str], None]  # called once per item with its status


@dataclass(frozen=True, slots=True)
class IngestReport:
    run_id: int
    read: int
    stored: int
    skipped: int
    failed: int
    interrupted: bool = False


# -- worker processes ---------------------------------------------------------

_worker_pipeline: Pipeline | None = None  # one per worker process, built by its initializer


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings)


def _work(batch: list[RawDocument]) -> tuple[list[Result], dict[str, float]]:
    assert _worker_pipeline is not None
    before = dict(_worker_pipeline.times.seconds)
    results = _worker_pipeline.analyze_batch(batch)
    after = _worker_pipeline.times.seconds
    return results, {k: after[k] - before.get(k, 0.0) for k in after}


def limit_threads() -> None:
    """One BLAS/OpenMP thread per worker: N workers on N cores, no oversubscription."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def analyze_stream(
    raws: Iterable[RawDocument],
    settings: Settings,
    *,
    workers: int = 1,
    batch_size: int = 16,
    pipeline: Pipeline | None = None,
    times: dict[str, float] | None = None,
) -> Iterator[Result]:
    """Analyse `raws`, yielding results in input order.

    With `workers` > 1, batches go to that many processes, at most two batches
    per worker in flight, so memory stays bounded on any corpus size.
    """
    batches = _batched(raws, batch_size)
    if workers <= 1:
        pipeline = pipeline or Pipeline(settings)
        for batch in batches:
            before = dict(pipeline.times.seconds)
            yield from pipeline.analyze_batch(batch)
            if times is not None:
                for stage, seconds in pipeline.times.seconds.items():
                    times[stage] = times.get(stage, 0.0) + seconds - before.get(stage, 0.0)
        return
    limit_threads()
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_work, (batch,)))
            while len(pending) >= 2 * workers:
                yield from _collect(pending.popleft(), times)
        while pending:
            yield from _collect(pending.popleft(), times)


def _collect(job, times: dict[str, float] | None) -> list[Result]:
    results, stage_times = job.get()
    if times is not None:
        for stage, seconds in stage_times.items():
            times[stage] = times.get(stage, 0.0) + seconds
    return results


def _batched(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    batch: list[RawDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- ingest -------------------------------------------------------------------


def ingest(
    paths: list[str],
    store: Store,
    settings: Settings,
    *,
    workers: int = 1,
    progress: ProgressHook | None = None,
    flush_every: int = 32,
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """Read, analyse and store everything under `paths`; every item is logged once."""
    run_id = store.begin_run([display_path(p) for p in paths])
    counts = {"stored": 0, "skipped": 0, "failed": 0}
    pending_articles: list[Article] = []
    pending_log: list[LogEntry] = []
    queued_hashes: set[str] = set()
    queued_ids: set[str] = set()

    def record(entry: LogEntry, article: Article | None = None) -> None:
        counts[entry.status] += 1
        pending_log.append(entry)
        if article is not None:
            pending_articles.append(article)
        if progress:
            progress(entry.status)
        if len(pending_log) >= flush_every:
            flush()

    def flush() -> None:
        store.write(run_id, pending_articles, pending_log)
        pending_articles.clear()
        pending_log.clear()

    def to_analyse() -> Iterator[RawDocument]:
        """Log unreadable and already-stored items here; yield only new ones."""
        for item in read_paths(paths, max_bytes=settings.max_input_bytes):
            if isinstance(item, Rejected):
                record(LogEntry(item.source, "failed", reason=item.reason))
                continue
            content_hash = item.content_hash
            existing = store.has_hash(content_hash)
            if existing or content_hash in queued_hashes:
                reason = f"already stored as {existing}" if existing else "duplicate of an item earlier in this run"
                record(LogEntry(item.source, "skipped", existing, content_hash, reason))
                continue
            if item.id and (item.id in queued_ids or store.has_id(item.id)):
                record(
                    LogEntry(
                        item.source, "failed", None, content_hash,
                        f"id '{item.id}' is already used by a different article",
                    )
                )
                continue
            queued_hashes.add(content_hash)
            if item.id:
                queued_ids.add(item.id)
            yield item

    interrupted = False
    try:
        for result in analyze_stream(
            to_analyse(), settings, workers=workers, batch_size=settings.batch_size, pipeline=pipeline
        ):
            if isinstance(result, Rejected):
                record(LogEntry(result.source, "failed", reason=result.reason))
            else:
                record(
                    LogEntry(result.source or "", "stored", result.id, result.content_hash), result
                )
    except KeyboardInterrupt:
        interrupted = True
    finally:
        # Items that were queued but not analysed are not logged: they were never
        # stored, so a re-run reads and stores them.
        flush()
        store.end_run(run_id, "interrupted" if interrupted else "finished")
    read = sum(counts.values())
    return IngestReport(run_id, read, counts["stored"], counts["skipped"], counts["failed"], interrupted)
