"""Bounded work per item: runaway items, dead and stuck workers end in one logged failure each,
and the batch goes on (read = stored + skipped + failed in every run)."""
import os
import subprocess
import sys
from collections import deque

import pytest

from newsgraph.batch import FAULT_ENV, WorkerPool, _Item, _Worker, ingest
from newsgraph.ingest.read import RawDocument, Rejected
from newsgraph.settings import Settings
from newsgraph.store import Store

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def news_folder(folder, count=5, extra=None):
    folder.mkdir()
    for i in range(count):
        (folder / f"a{i}.txt").write_text(
            f"Budget passed in town {i}\n\nThe council of town {i} approved a new budget on Monday, officials said.\n"
        )
    for name, text in (extra or {}).items():
        (folder / name).write_text(text)
    return folder


def accounting(store):
    stats = store.stats()
    assert stats["read"] == stats["stored"] + stats["skipped"] + stats["failed"]
    return stats


def ingest_in_subprocess(folder, db, *options, fault=None):
    """The CLI in its own process, so that a hang fails this test instead of stalling the suite."""
    env = dict(os.environ, PYTHONPATH=REPO)
    if fault:
        env[FAULT_ENV] = fault
    return subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", str(db), "--no-progress", *options],
        env=env, capture_output=True, text=True, timeout=600,
    )


# -- the supervisor's decisions, without processes --------------------------------


class FakeProcess:
    def __init__(self, exitcode):
        self.exitcode = exitcode

    def is_alive(self):
        return False

    def join(self, timeout=None):
        pass


class FakePipe:
    def close(self):
        pass


def pool_with_lost_worker(items, *, finished=(), step=None, exitcode=-9):
    pool = WorkerPool(Settings(item_timeout=5), 1)
    pool._start = lambda: _Worker(FakeProcess(None), FakePipe(), FakePipe())
    worker = _Worker(FakeProcess(exitcode), FakePipe(), FakePipe(), ready=True, task=items,
                     finished=set(finished), step=step)
    pool.workers = [worker]
    return pool, worker


def items(count, *, alone=False):
    return [_Item(k, RawDocument(f"doc{k}.txt", "text", f"text {k}"), alone=alone) for k in range(count)]


def test_a_dead_workers_unfinished_items_are_each_tried_once_more_alone():
    pool, worker = pool_with_lost_worker(items(3), finished={0})
    pool._lost(worker, stuck=False)
    assert pool.done == {}
    assert [[(i.order, i.alone) for i in task] for task in pool.queue] == [[(1, True)], [(2, True)]]
    assert pool.workers[0] is not worker


def test_an_item_that_loses_its_worker_again_fails_with_the_reason():
    pool, worker = pool_with_lost_worker(items(1, alone=True))
    pool._lost(worker, stuck=False)
    assert pool.done[0] == Rejected("doc0.txt", "its worker process died (killed by SIGKILL)")
    assert pool.queue == deque()


def test_a_stuck_worker_names_the_item_it_was_on():
    pool, worker = pool_with_lost_worker(items(3), finished={0}, step=("annotate", 1))
    pool._lost(worker, stuck=True)
    assert pool.done[1].reason.startswith("took longer than 5 s (stopped while annotating;")
    assert [[i.order for i in task] for task in pool.queue] == [[2]]


# -- real workers -------------------------------------------------------------------


@pytest.mark.slow
def test_a_killed_worker_ends_in_a_logged_failure_not_a_hang(tmp_path):
    folder = news_folder(tmp_path / "in", extra={
        "doomed.txt": "Port closes\n\nThe port of KILLWORKER closed on Friday after a strike, the union said.\n"})
    done = ingest_in_subprocess(folder, tmp_path / "db.duckdb", "--workers", "2", fault="kill:KILLWORKER")
    assert done.returncode == 1, done.stderr
    assert "read 6 = stored 5 + skipped 0 + failed 1" in done.stdout
    with Store(tmp_path / "db.duckdb") as store:
        stats = accounting(store)
    assert stats["failure_reasons"] == [{"reason": "its worker process died (killed by SIGKILL)", "count": 1}]


@pytest.mark.slow
def test_a_stuck_worker_is_replaced_and_its_item_fails(tmp_path):
    folder = news_folder(tmp_path / "in", extra={
        "stuck.txt": "Port closes\n\nThe port of HANGWORKER closed on Friday after a strike, the union said.\n"})
    done = ingest_in_subprocess(folder, tmp_path / "db.duckdb", "--workers", "2", "--item-timeout", "1",
                                fault="hang:HANGWORKER")
    assert done.returncode == 1, done.stderr
    assert "read 6 = stored 5 + skipped 0 + failed 1" in done.stdout
    with Store(tmp_path / "db.duckdb") as store:
        (failure,) = accounting(store)["failure_reasons"]
    assert failure["reason"].startswith("took longer than 1 s (stopped while cleaning; its worker process was replaced)")


# -- long inputs ---------------------------------------------------------------------

PEOPLE = [("Norway", "Anniken Huitfeldt", "Oslo", "she"), ("Finland", "Pekka Haavisto", "Helsinki", "he"),
          ("Estonia", "Urmas Reinsalu", "Tallinn", "he")]


def long_prose(chars):
    """News paragraphs with quotes and claims, none repeated (a repeated line would be cut)."""
    paragraphs, size, i = [], 0, 0
    while size < chars:
        country, minister, city, pronoun = PEOPLE[i % len(PEOPLE)]
        paragraphs.append(
            f"The foreign minister of {country}, {minister}, said on Monday that talks on fishing rights would "
            f"resume in {city} in week {i}. \"We are ready to meet them halfway,\" {pronoun} told reporters. "
            f"According to the Tass agency, Kremlin spokesman Dmitry Peskov rejected the proposal. Police arrested "
            f"{12 + i} protesters outside the parliament in Kyiv, officials said.\n\n")
        size += len(paragraphs[-1])
        i += 1
    return "".join(paragraphs)[:chars].rsplit(" ", 1)[0] + "."


def table_page(size):
    rows, total, i = [], 0, 0
    while total < size:
        rows.append(f"<tr><td><time datetime='2024-03-{i % 28 + 1:02d}'>March {i % 28 + 1}</time></td>"
                    f"<td>Team {i % 40}</td><td>{i % 5} - {i % 3}</td><td>Team {(i * 7) % 40}</td></tr>\n")
        total += len(rows[-1])
        i += 1
    return "<html><body><h1>Match results</h1><table>\n" + "".join(rows) + "</table></body></html>\n"


@pytest.mark.slow
def test_a_million_characters_of_prose_and_a_megabyte_table_finish_or_time_out(tmp_path, pipeline):
    folder = news_folder(tmp_path / "in", count=2, extra={
        "prose.txt": "Talks to resume\n\n" + long_prose(1_000_000),
        "table.html": table_page(1_000_000),
    })
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([str(folder)], store, Settings(item_timeout=60), pipeline=pipeline)
        stats = accounting(store)
        logged = dict(store.db.execute("SELECT source, coalesce(reason, status) FROM ingest_log").fetchall())
    assert report.read == 4 and report.read == report.stored + report.skipped + report.failed
    assert logged[str(folder / "a0.txt")] == logged[str(folder / "a1.txt")] == "stored"
    for name in ("prose.txt", "table.html"):
        outcome = logged[str(folder / name)]
        assert outcome == "stored" or outcome.startswith("took longer than 60 s"), outcome
    assert stats["read"] == 4
