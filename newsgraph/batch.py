"""Run the pipeline over many inputs, on one or several worker processes.

`ingest` reads items, skips those already stored (same content hash), sends the
rest to the workers in bounded batches, and writes results to the store in
transactions that keep articles and the ingest log together. Ctrl-C or a crash
leaves only whole articles behind; a re-run picks up where the last one stopped.

Every item handed to the analysis comes back exactly once, as an Article or as
Rejected with a one-line reason: also an item that ran past the item time limit,
and one whose worker process died or stopped answering (see `WorkerPool`).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from newsgraph.errors import WorkerError
from newsgraph.ingest.read import RawDocument, Rejected, display_path, read_paths
from newsgraph.model import Article
from newsgraph.pipeline import Pipeline
from newsgraph.settings import Settings
from newsgraph.store.database import LogEntry, Store

Result = Article | Rejected
ProgressHook = Callable[[str], None]  # called once per item with its status

# A test hook: "kill:TEXT" or "hang:TEXT" makes a worker process kill itself, or hang
# where its item timer cannot interrupt it, when it starts on an item containing TEXT.
# The tests use it to check that a dead or stuck worker is detected and replaced.
FAULT_ENV = "NEWSGRAPH_TEST_WORKER_FAULT"
# How often the supervisor looks at its workers while none reports.
POLL_SECONDS = 0.5
# A worker that keeps dying while loading the pipeline makes the run fail after this many.
MAX_START_FAILURES = 3


@dataclass(frozen=True, slots=True)
class IngestReport:
    run_id: int
    read: int
    stored: int
    skipped: int
    failed: int
    interrupted: bool = False


def limit_threads() -> None:
    """One BLAS/OpenMP thread per worker: N workers on N cores, no oversubscription."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def stuck_after(item_timeout: float | None) -> float | None:
    """Seconds a busy worker may stay silent. A worker reports before every step, and its
    own clock ends a step at `item_timeout`; only work that clock cannot interrupt (one
    long call into compiled code) runs on, so the margin is generous."""
    return None if item_timeout is None else 2 * item_timeout + 10


def analyze_stream(
    raws: Iterable[RawDocument],
    settings: Settings,
    *,
    workers: int = 1,
    batch_size: int = 16,
    pipeline: Pipeline | None = None,
    times: dict[str, float] | None = None,
) -> Iterator[Result]:
    """Analyse `raws`, yielding one result per item in input order.

    With one worker the pipeline runs in this process (its clock bounds each item);
    with more, batches go to that many supervised processes, at most two batches per
    worker in flight, so memory stays bounded on any corpus size.
    """
    batches = _batched(raws, batch_size)
    if workers <= 1:
        pipeline = pipeline or Pipeline(settings)
        for batch in batches:
            before = dict(pipeline.times.seconds)
            yield from pipeline.analyze_batch(batch, item_timeout=settings.item_timeout)
            if times is not None:
                for stage, seconds in pipeline.times.seconds.items():
                    times[stage] = times.get(stage, 0.0) + seconds - before.get(stage, 0.0)
        return
    with WorkerPool(settings, workers) as pool:
        yield from pool.analyze(batches, times=times)


def _batched(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    batch: list[RawDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- worker processes -----------------------------------------------------------


@dataclass(slots=True)
class _Item:
    order: int  # position in the whole stream: results leave in this order
    raw: RawDocument
    alone: bool = False  # sent again on its own after its worker was lost


@dataclass(slots=True, eq=False)  # workers are compared by identity
class _Worker:
    process: multiprocessing.process.BaseProcess
    tasks: Connection  # supervisor → worker: a batch of RawDocuments, or None to stop
    reports: Connection  # worker → supervisor: (kind, ...) messages
    ready: bool = False  # the pipeline is loaded
    task: list[_Item] | None = None  # the batch it is working on
    finished: set[int] = field(default_factory=set)  # indexes in `task` with a result
    step: tuple[str, int | None] | None = None  # what it said it started last
    heard: float = 0.0  # when it last reported (time.monotonic)


class WorkerPool:
    """`size` worker processes supervised by this one, each with its own pipes.

    A worker takes one batch at a time and reports before each step (cleaning an
    item, parsing the batch, annotating an item) and each item's result. Its own
    clock ends an item at the item time limit; a worker silent for longer than
    `stuck_after` is stuck in work that clock cannot interrupt: it is killed and
    replaced, and the item it was on fails ("took longer than N s"). A worker that
    dies (killed, out of memory) is replaced too, and the items it had not finished
    are sent again, each on its own: an item that loses its worker a second time
    fails with the reason, and the others are analysed.
    """

    def __init__(self, settings: Settings, size: int) -> None:
        self.settings = settings
        self.size = size
        self.stuck_after = stuck_after(settings.item_timeout)
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []
        self.start_failures = 0
        self.queue: deque[list[_Item]] = deque()  # batches waiting for a free worker
        self.done: dict[int, Result] = {}  # results by `_Item.order`, until their turn comes
        self.times: dict[str, float] | None = None  # stage seconds, summed over workers

    def __enter__(self) -> "WorkerPool":
        limit_threads()
        self.workers = [self._start() for _ in range(self.size)]
        return self

    def __exit__(self, exc_type: type | None, *exc_info: object) -> None:
        # After all results, idle workers are asked to stop; when the run is cut short
        # (Ctrl-C, an error) they are killed at once, in the middle of whatever they do.
        if exc_type is None:
            for worker in self.workers:
                try:
                    worker.tasks.send(None)
                except OSError:
                    pass
            deadline = time.monotonic() + 5
            for worker in self.workers:
                worker.process.join(max(0.0, deadline - time.monotonic()))
        for worker in self.workers:
            self._stop(worker)
        self.workers = []

    def wait_ready(self) -> None:
        """Block until every worker has loaded its pipeline (for benchmarks)."""
        while not all(w.ready for w in self.workers):
            self._listen(POLL_SECONDS)
            self._supervise()

    def analyze(self, batches: Iterable[list[RawDocument]], *, times: dict[str, float] | None = None,
                ) -> Iterator[Result]:
        """One result per item, in input order."""
        self.times = times
        window = 2 * self.size * max(1, self.settings.batch_size)  # items read but not yet returned
        source = iter(batches)
        exhausted = False
        read = returned = 0
        while True:
            while not exhausted and read - returned < window:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                self.queue.append([_Item(read + k, raw) for k, raw in enumerate(batch)])
                read += len(batch)
            for worker in list(self.workers):
                if self.queue and worker.ready and worker.task is None:
                    self._assign(worker, self.queue.popleft())
            while returned in self.done:
                yield self.done.pop(returned)
                returned += 1
            if exhausted and returned == read:
                return
            self._listen(POLL_SECONDS)
            self._supervise()

    # -- supervision --------------------------------------------------------------

    def _start(self) -> _Worker:
        task_reader, task_writer = self.context.Pipe(duplex=False)
        report_reader, report_writer = self.context.Pipe(duplex=False)
        process = self.context.Process(
            target=_worker_main,
            args=(self.settings, task_reader, report_writer, os.environ.get(FAULT_ENV)),
            daemon=True,
        )
        process.start()
        # the child holds its own ends; closing ours lets a dead child read as end-of-file
        task_reader.close()
        report_writer.close()
        return _Worker(process, task_writer, report_reader, heard=time.monotonic())

    def _stop(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.tasks.close()
        worker.reports.close()

    def _assign(self, worker: _Worker, items: list[_Item]) -> None:
        worker.task, worker.finished, worker.step = items, set(), None
        worker.heard = time.monotonic()
        try:
            worker.tasks.send([item.raw for item in items])
        except OSError:
            self._lost(worker, stuck=False)

    def _listen(self, timeout: float) -> None:
        """Read every report that has arrived, waiting up to `timeout` for the first.
        All are read before any worker is judged silent, so that time this process spent
        elsewhere (writing to the store) never counts against a worker."""
        while True:
            by_pipe = {worker.reports: worker for worker in self.workers}
            ready = wait(list(by_pipe), timeout)
            if not ready:
                return
            timeout = 0
            for pipe in ready:
                worker = by_pipe[pipe]  # type: ignore[index]
                if worker not in self.workers:
                    continue  # replaced while this round was read
                try:
                    message = worker.reports.recv()
                except (EOFError, OSError):
                    self._lost(worker, stuck=False)
                    continue
                self._hear(worker, message)

    def _hear(self, worker: _Worker, message: tuple) -> None:
        worker.heard = time.monotonic()
        kind = message[0]
        if kind == "ready":
            worker.ready = True
        elif kind == "step":
            worker.step = (message[1], message[2])
        elif kind == "result" and worker.task is not None:
            index, result = message[1], message[2]
            worker.finished.add(index)
            self.done[worker.task[index].order] = result
        elif kind == "done":
            worker.task = None
            if self.times is not None:
                for stage, seconds in message[1].items():
                    self.times[stage] = self.times.get(stage, 0.0) + seconds
        elif kind == "failed":  # it could not load the pipeline: every worker would fail alike
            raise WorkerError(f"worker process could not start: {message[1]}")

    def _supervise(self) -> None:
        now = time.monotonic()
        for worker in list(self.workers):
            if not worker.process.is_alive():
                self._lost(worker, stuck=False)
            elif (worker.task is not None and self.stuck_after is not None
                  and now - worker.heard > self.stuck_after):
                self._lost(worker, stuck=True)

    def _lost(self, worker: _Worker, *, stuck: bool) -> None:
        """Replace a dead or stuck worker; settle or resend the items it had not finished."""
        self._stop(worker)
        self.workers[self.workers.index(worker)] = self._start()
        if not worker.ready:
            self.start_failures += 1
            if self.start_failures >= MAX_START_FAILURES:
                raise WorkerError("worker processes keep dying while loading the pipeline "
                                  f"({_describe_exit(worker.process.exitcode)})")
        if worker.task is None:
            return
        unfinished = [(index, item) for index, item in enumerate(worker.task) if index not in worker.finished]
        stage, at = worker.step if worker.step is not None else ("", None)
        if stuck and at is not None:
            # it said which item it was on: that item, and no other, is at fault
            for index, item in unfinished:
                if index == at:
                    self.done[item.order] = Rejected(item.raw.source, _too_long(self.settings.item_timeout, stage))
            rest = [item for index, item in unfinished if index != at]
            if rest:
                self.queue.appendleft(rest)
            return
        if stuck:
            reason = f"its worker process stopped answering for {self.stuck_after:g} s and was replaced"
        else:
            reason = f"its worker process died ({_describe_exit(worker.process.exitcode)})"
        for _, item in reversed(unfinished):
            if item.alone:
                self.done[item.order] = Rejected(item.raw.source, reason)
            else:  # which item was at fault is not known: each is tried once more on its own
                self.queue.appendleft([_Item(item.order, item.raw, alone=True)])


def _too_long(limit: float | None, stage: str) -> str:
    doing = {"clean": "cleaning", "parse": "parsing", "annotate": "annotating"}.get(stage, stage)
    return (f"took longer than {limit:g} s (stopped while {doing}; its worker process was replaced);"
            " --item-timeout sets the limit")


def _describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def _worker_main(settings: Settings, tasks: Connection, reports: Connection, fault: str | None) -> None:
    """A worker process: load the pipeline once, then analyse batches until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the supervisor's to handle
    try:
        pipeline = Pipeline(settings)
    except Exception as error:
        reports.send(("failed", f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"))
        return
    reports.send(("ready",))
    while True:
        try:
            raws = tasks.recv()
        except (EOFError, OSError):
            return  # the supervisor is gone
        if raws is None:
            return
        before = dict(pipeline.times.seconds)

        def step(stage: str, index: int | None) -> None:
            reports.send(("step", stage, index))
            if fault and stage == "clean" and index is not None:
                _fault(fault, raws[index])  # as if the item's own cleaning died or hung

        try:
            for index, result in pipeline.analyze_each(raws, item_timeout=settings.item_timeout, step=step):
                _send_result(reports, index, result, raws[index])
            after = pipeline.times.seconds
            reports.send(("done", {k: after[k] - before.get(k, 0.0) for k in after}))
        except (BrokenPipeError, EOFError):
            return


def _send_result(reports: Connection, index: int, result: Result, raw: RawDocument) -> None:
    try:
        reports.send(("result", index, result))
    except (BrokenPipeError, EOFError):
        raise
    except Exception as error:  # a result that cannot be sent costs that item, not the worker
        reports.send(("result", index, Rejected(raw.source, f"internal error sending the result ({error}); please report it")))


def _fault(fault: str, raw: RawDocument) -> None:
    action, _, marker = fault.partition(":")
    if not marker or marker not in raw.content:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "hang":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # its own clock cannot end this
        while True:
            time.sleep(60)


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
