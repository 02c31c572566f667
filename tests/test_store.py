"""Ingest into DuckDB: exact accounting, idempotence, interruption and resume, crashed runs,
readers beside a writer."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.batch import ingest
from newsgraph.errors import StoreError
from newsgraph.settings import Settings
from newsgraph.store import Store

REPO = Path(__file__).resolve().parent.parent

GOOD = [
    "Harbour reopens after storm\n\nThe harbour in Bergen reopened on Monday after a two-day storm, the port authority said.\n",
    "Rail strike ends\n\nTrain drivers in Finland ended their strike on Tuesday after the government offered a new contract.\n",
    "New bridge opens\n\nA new bridge over the Danube opened in Novi Sad on Wednesday, the city council announced.\n",
]


def write_mixed_folder(folder):
    folder.mkdir()
    for i, text in enumerate(GOOD):
        (folder / f"good{i}.txt").write_text(text)
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "feed-1", "text": "Ferry service resumes\n\nThe ferry between Helsinki and Tallinn resumed service on Thursday after repairs, the operator said."})
        + "\nthis line is not json\n"
        + json.dumps({"title": "no body"})
        + "\n"
    )
    (folder / "empty.txt").write_text("")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes("Le caf\xe9 est ferm\xe9 aujourd'hui.".encode("latin-1"))
    (folder / "french.txt").write_text(
        "Le port de Marseille a rouvert lundi après une tempête de deux jours, a indiqué la capitainerie du port.\n"
    )
    (folder / "nav.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>")
    (folder / "huge.txt").write_text("lorem ipsum dolor " * 400_000)
    return 4, 8  # good items, bad items


def test_mixed_folder_exact_accounting_and_idempotence(tmp_path, pipeline):
    good, bad = write_mixed_folder(tmp_path / "in")
    settings = Settings(max_input_bytes=2_000_000)
    with Store(tmp_path / "db.duckdb") as store:
        first = ingest([str(tmp_path / "in")], store, settings, pipeline=pipeline)
        assert (first.read, first.stored, first.skipped, first.failed) == (good + bad, good, 0, bad)
        second = ingest([str(tmp_path / "in")], store, settings, pipeline=pipeline)
        assert (second.stored, second.skipped, second.failed) == (0, good, bad)
        stats = store.stats()
        assert stats["read"] == stats["stored"] + stats["skipped"] + stats["failed"] == 2 * (good + bad)
        assert stats["tables"]["articles"] == good
        reasons = {r["reason"].split(" (")[0].split(":")[0] for r in stats["failure_reasons"]}
        assert "binary data, not text, HTML or JSON" in reasons
        assert any(r.startswith("text is in language 'fr'") for r in (x["reason"] for x in stats["failure_reasons"]))
        assert store.article("feed-1").title == "Ferry service resumes"


def test_duplicate_within_one_run_is_skipped(tmp_path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD[0])
    (folder / "b.txt").write_text(GOOD[0])
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([str(folder)], store, Settings(), pipeline=pipeline)
    assert (report.stored, report.skipped) == (1, 1)


def test_interrupted_run_is_consistent_and_resumes(tmp_path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"a{i}.txt").write_text(f"Report number {i}\n\nThe council of town {i} approved a new budget on Monday, officials said.\n")
    calls = {"n": 0}

    def interrupt_after_two(status):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt

    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([str(folder)], store, Settings(batch_size=2), pipeline=pipeline,
                        progress=interrupt_after_two, flush_every=1)
        assert report.interrupted
        stored_rows = store.db.execute("SELECT count(*) FROM ingest_log WHERE status='stored'").fetchone()[0]
        articles = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert stored_rows == articles < 6
        resumed = ingest([str(folder)], store, Settings(), pipeline=pipeline)
        assert resumed.stored == 6 - articles and resumed.skipped == articles
        assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 6


def test_failed_write_rolls_back(tmp_path, pipeline, analyze):
    from newsgraph.store.database import LogEntry

    article = analyze(GOOD[1])
    with Store(tmp_path / "db.duckdb") as store:
        run = store.begin_run(["x"])
        store.write(run, [article], [LogEntry("x", "stored", article.id, article.content_hash)])
        with pytest.raises(Exception):
            store.write(run, [article], [LogEntry("x", "stored", article.id, article.content_hash)])
        assert store.counts().stored == 1
        assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_two_workers_store_the_same_as_one(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(GOOD):
        (folder / f"g{i}.txt").write_text(text)
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([str(folder)], store, Settings(batch_size=1), workers=2)
        assert report.stored == len(GOOD)
        titles = {r[0] for r in store.db.execute("SELECT title FROM articles").fetchall()}
    assert titles == {t.split("\n")[0] for t in GOOD}


def test_a_file_name_that_is_not_utf8_is_stored_and_a_rerun_finishes(tmp_path, pipeline):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ((b"bad\xff.txt", GOOD[0]), (b"ok.txt", GOOD[1])):
        with open(os.path.join(os.fsencode(folder), name), "w") as handle:
            handle.write(text)
    (folder / "empty.txt").write_text("")
    with Store(tmp_path / "db.duckdb") as store:
        first = ingest([str(folder)], store, Settings(), pipeline=pipeline)
        assert (first.read, first.stored, first.skipped, first.failed) == (3, 2, 0, 1)
        again = ingest([str(folder)], store, Settings(), pipeline=pipeline)
        assert (again.stored, again.skipped, again.failed) == (0, 2, 1)
        sources = {row[0] for row in store.db.execute("SELECT source FROM articles").fetchall()}
        assert str(folder / "bad\\xff.txt") in sources
        stats = store.stats()
        assert stats["read"] == stats["stored"] + stats["skipped"] + stats["failed"] == 6
        assert [run["status"] for run in stats["runs"]] == ["finished", "finished"]


def test_a_lone_surrogate_cannot_cost_the_batch(tmp_path, pipeline):
    """Whatever reaches the store with half a surrogate pair is written, as U+FFFD."""
    from newsgraph.ingest.read import RawDocument
    from newsgraph.store.database import LogEntry

    text = "Harbour reopens\n\nThe harbour in Bergen reopened on Monday \udc8f after a two-day storm, the port authority said.\n"
    article = pipeline.analyze(RawDocument(source="in/bad\udcff.txt", kind="text", content=text))
    with Store(tmp_path / "db.duckdb") as store:
        run = store.begin_run(["in/bad\udcff.txt"])
        store.write(run, [article], [LogEntry(article.source, "stored", article.id, article.content_hash)])
        stored_text, source = store.db.execute("SELECT text, source FROM articles").fetchone()
        assert "Monday \ufffd after" in stored_text and len(stored_text) == len(article.text)
        assert source == "in/bad\ufffd.txt"
        assert store.db.execute("SELECT paths FROM runs").fetchone()[0] == "in/bad\ufffd.txt"
        assert store.article(article.id).entities == article.entities


# -- crashed runs and readers beside a writer: each case runs a second Python process

def python(code: str, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env, stderr=subprocess.PIPE)


def wait_for(path, process, *, limit=120.0):
    """Until the other process says it is ready (a generous bound, not a timing check)."""
    deadline = time.monotonic() + limit
    while not path.exists():
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the other process never got ready"
        time.sleep(0.05)


CRASH_MID_RUN = """
import os, signal, sys
from newsgraph.store import Store
store = Store(sys.argv[1])
store.begin_run(["feed.jsonl"])
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_run_killed_mid_way_is_shown_and_marked_crashed(tmp_path):
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        store.end_run(store.begin_run(["earlier"]), "finished")
    killed = python(CRASH_MID_RUN, str(db))
    assert killed.wait(120) == -signal.SIGKILL
    with Store(db, read_only=True) as reader:
        assert [r["status"] for r in reader.stats()["runs"]] == ["finished", "crashed"]
        stored = reader.db.execute("SELECT status, pid, host FROM runs WHERE run_id = 2").fetchone()
    assert stored == ("running", killed.pid, socket.gethostname())  # as the killed process left it
    with Store(db) as store:
        run = store.begin_run(["again"])
        statuses = store.db.execute("SELECT run_id, status FROM runs ORDER BY run_id").fetchall()
        assert statuses == [(1, "finished"), (2, "crashed"), (run, "running")]
        assert [r["status"] for r in store.stats()["runs"]] == ["finished", "crashed", "running"]


def test_a_run_left_running_in_an_old_store_is_marked_crashed(tmp_path):
    db = tmp_path / "db.duckdb"
    import duckdb

    with Store(db):
        pass
    with duckdb.connect(str(db)) as raw:  # a row as an older newsgraph (no pid, no host) would leave it
        raw.execute("INSERT INTO runs (run_id, started_at, status, paths) VALUES (7, now(), 'running', 'x')")
    with Store(db, read_only=True) as reader:
        assert reader.stats()["runs"][0]["status"] == "crashed"
    with Store(db) as store:
        assert store.mark_crashed_runs() == [7]
        assert store.mark_crashed_runs() == []


WRITER = """
import sys, time
from pathlib import Path
from newsgraph.store import Store
db, ready, done = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
with Store(db) as store:
    run = store.begin_run(["feed.jsonl"])
    ready.touch()
    limit = time.monotonic() + 120
    while not done.exists() and time.monotonic() < limit:
        store.has_hash("0" * 64)  # an ingest asks this for every item it reads
        time.sleep(0.01)
    store.end_run(run, "finished")
"""


def test_readers_get_in_while_a_writer_runs(tmp_path):
    db, ready, done = tmp_path / "db.duckdb", tmp_path / "ready", tmp_path / "done"
    with Store(db) as store:
        store.end_run(store.begin_run(["earlier"]), "finished")
    writer = python(WRITER, str(db), str(ready), str(done))
    try:
        wait_for(ready, writer)
        for _ in range(2):
            with Store(db, read_only=True, wait_seconds=120) as reader:
                runs = reader.stats()["runs"]
            assert [r["status"] for r in runs] == ["finished", "running"]  # alive: not taken for crashed
        with pytest.raises(StoreError, match=r"being written by another process \(pid \d+"):
            Store(db, wait_seconds=0.1)  # a second writer is refused in one line
    finally:
        done.touch()
        assert writer.wait(120) == 0, writer.stderr.read().decode()
    with Store(db, read_only=True) as reader:
        assert [r["status"] for r in reader.stats()["runs"]] == ["finished", "finished"]


HOLDER = """
import sys, time
from pathlib import Path
import duckdb
db, ready, done = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
connection = duckdb.connect(db)  # holds the file and never lets readers in
ready.touch()
limit = time.monotonic() + 120
while not done.exists() and time.monotonic() < limit:
    time.sleep(0.05)
"""


def test_a_reader_kept_out_gets_a_one_line_error_naming_the_holder(tmp_path):
    db, ready, done = tmp_path / "db.duckdb", tmp_path / "ready", tmp_path / "done"
    with Store(db):
        pass
    holder = python(HOLDER, str(db), str(ready), str(done))
    try:
        wait_for(ready, holder)
        with pytest.raises(StoreError) as caught:
            Store(db, read_only=True, wait_seconds=0.3)
    finally:
        done.touch()
        holder.wait(120)
    message = str(caught.value)
    assert f"is held by another process (pid {holder.pid})" in message and "\n" not in message
    assert not (tmp_path / ".db.duckdb.read-request").exists()


def _speech_article(article_id: str, published: str, pieces: list[tuple[str, str | None, str, str]]):
    """An article whose attributions are (source phrase, speaker actor id or None, speaker name, content)."""
    from newsgraph.model import ActorRef, Article, Attribution, Mention, Span

    text, attributions, mentions = "", [], []
    for number, (source, actor_id, speaker, content) in enumerate(pieces, 1):
        start = len(text)
        text += f"{source} said {content}. "
        actor = ActorRef(actor_id, speaker, "", None, None) if actor_id else None
        source_mention = Mention(start, start + len(source), source, actor=actor)
        spoken = text.index(content, start)
        name_at = start + source.find(speaker) if speaker in source else start
        speaker_mention = Mention(name_at, name_at + len(speaker), speaker, actor=actor)
        if actor is not None:
            mentions.append(speaker_mention)
        attributions.append(Attribution(
            id=f"a{number}", content=Span(spoken, spoken + len(content), content),
            cue=Span(start + len(source) + 1, start + len(source) + 5, "said"),
            source=source_mention, speaker=speaker_mention))
    from newsgraph.model import ArticleActor

    actors = {m.actor.id: ArticleActor(m.actor, 1) for m in mentions}
    return Article(id=article_id, text=text, title=f"title {article_id}", published=published,
                   content_hash=f"hash-{article_id}", mentions=mentions, attributions=attributions,
                   actors=list(actors.values()))


def test_quotes_match_the_resolved_speaker_not_words_of_the_source_phrase(tmp_path):
    from newsgraph.store.database import LogEntry

    trump, thurman = "donald-trump", "local:uma-thurman@1a2b3c4d"
    one = _speech_article("n1", "2024-05-01", [
        ("Uma Thurman, who spoke of President Trump's Washington,", thurman, "Uma Thurman", "the film was about power"),
        ("President Trump", trump, "President Trump", "the economy was strong"),
        ("A spokesman for Trump", None, "A spokesman for Trump", "the rally was cancelled"),
    ])
    two = _speech_article("n2", "2024-06-01", [("Donald Trump", trump, "Donald Trump", "the deal was done")])
    with Store(tmp_path / "q.duckdb") as store:
        run = store.begin_run(["x"])
        store.write(run, [one, two], [LogEntry("x", "stored", a.id, a.content_hash) for a in (one, two)])
        by_name = store.quotes("trump")
        by_id = store.quotes("donald-trump")
        by_alias = store.quotes("President Trump")
        by_full_name = store.quotes("Donald Trump")
        thurman_rows = store.quotes("thurman")
        nobody = store.quotes("spokesman")
        unnamed = store.quotes("a spokesman for trump")
    expected = ["the deal was done", "the economy was strong"]  # newest article first
    for rows in (by_name, by_id, by_alias, by_full_name):
        assert [r["content"] for r in rows] == expected
    assert [(r["published"], r["article_id"], r["title"]) for r in by_id] == [
        ("2024-06-01", "n2", "title n2"), ("2024-05-01", "n1", "title n1")]
    assert [r["content"] for r in thurman_rows] == ["the film was about power"]
    assert nobody == []  # a word inside an unresolved source phrase is not a speaker
    assert [r["content"] for r in unnamed] == ["the rally was cancelled"]  # its whole name is
