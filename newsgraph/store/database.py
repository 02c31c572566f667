"""DuckDB store: articles and what the stages found, plus an ingest log.

Writes happen in batches, each in one transaction that holds the articles and
their log rows together: after a crash or Ctrl-C the database holds whole
articles only, and a re-run skips them by content hash.

DuckDB lets one process at a time open a database file for writing, and no
other process may even read it meanwhile. So that `stats`, `show` and the other
readers work while an ingest runs, a reader that finds the file locked leaves a
read request beside it and retries; the writer, between two of its calls (no
transaction is open then), sees the request, closes the file until the reader is
done, and opens it again. A reader that is not let in within `wait_seconds` gets
a one-line error saying who holds the database.

The writer also holds a lease (an OS file lock beside the database) for as long
as it is open. The lease, not DuckDB's lock, says whether a writer is alive: the
OS drops it when its process dies, so a run left 'running' with no lease holder
has crashed. The next run marks it so; `stats` shows it so at once.
"""
from __future__ import annotations

import json
import os
import re
import socket
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsgraph.errors import StoreError
from newsgraph.model import Article, article_from_dict, article_to_dict, timex_period

try:
    import fcntl
except ImportError:  # not POSIX: no lease, and runs left 'running' by a crash stay so
    fcntl = None

# how long a reader retries while a writer holds the database
DEFAULT_WAIT_SECONDS = 10.0
POLL_SECONDS = 0.05
# how long a writer that saw a read request waits for the reader to get in; a request
# older than REQUEST_FRESH_SECONDS is left by a reader that gave up or died
READER_ENTRY_SECONDS = 2.0
REQUEST_FRESH_SECONDS = 1.0
# how long a writer waits for readers it let in before it gives up its run
READER_LIMIT_SECONDS = 600.0
_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")


@dataclass(frozen=True, slots=True)
class LogEntry:
    source: str
    status: str  # stored | skipped | failed
    article_id: str | None = None
    content_hash: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    read: int
    stored: int
    skipped: int
    failed: int


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Store:
    def __init__(self, path: str | Path = "newsgraph.duckdb", *, read_only: bool = False,
                 wait_seconds: float = DEFAULT_WAIT_SECONDS) -> None:
        """`wait_seconds`: how long to retry while another process holds the database."""
        self.path = Path(path)
        self.read_only = read_only
        self._column_types: dict[str, list[pa.DataType]] = {}
        self._read_request = self.path.with_name(f".{self.path.name}.read-request")
        self._lease = WriterLease(self.path)
        self._own_runs: set[int] = set()
        if read_only and not self.path.exists():
            raise StoreError(f"no database at {self.path} (run `newsgraph ingest` first, or pass --db)")
        if not read_only:
            self._lease.acquire(wait_seconds)
        try:
            self.db = self._connect(wait_seconds)
        except BaseException:
            self._lease.release()
            raise
        self._connected = True
        if not read_only:
            self.db.execute(resources.files("newsgraph.store").joinpath("schema.sql").read_text())

    def _connect(self, wait_seconds: float) -> duckdb.DuckDBPyConnection:
        """Open the file, retrying while another process holds it; a reader asks the
        writer to let it in meanwhile."""
        deadline = time.monotonic() + wait_seconds
        asked = False
        try:
            while True:
                try:
                    return duckdb.connect(str(self.path), read_only=self.read_only)
                except duckdb.Error as error:
                    if not _is_lock_conflict(error):
                        raise StoreError(f"cannot open database {self.path}: {_first_line(error)}") from None
                    if time.monotonic() >= deadline:
                        raise StoreError(self._busy_message(error, wait_seconds)) from None
                if self.read_only:
                    _touch(self._read_request)  # again each time: another reader may have removed it
                    asked = True
                time.sleep(POLL_SECONDS)
        finally:
            if asked:
                _remove(self._read_request)

    def _busy_message(self, error: duckdb.Error, waited: float) -> str:
        holder = _LOCK_HOLDER.search(str(error))
        who = f"another process (pid {holder.group(1)})" if holder else "another process"
        if self.read_only:
            return (f"database {self.path} is held by {who}, most likely a running `newsgraph ingest`, which did not"
                    f" let this reader in within {waited:g} s; try again when it has ended")
        return f"database {self.path} is in use by {who}; try again when it has ended"

    def _let_readers_in(self) -> None:
        """Called by the writer between its calls, when no transaction is open: if a reader
        asked, close the file until it is done."""
        if self.read_only or (self._connected and not self._read_request.exists()):
            return
        if self._connected:  # else a Ctrl-C came while readers were in: just open again
            self.db.close()
            self._connected = False
            entry_deadline = time.monotonic() + READER_ENTRY_SECONDS
            while time.monotonic() < entry_deadline and _age(self._read_request) < REQUEST_FRESH_SECONDS:
                time.sleep(POLL_SECONDS / 2)
        try:
            self.db = self._connect(READER_LIMIT_SECONDS)
        except StoreError as error:
            raise StoreError(f"{error} (a reader held it; re-run the ingest to continue)") from None
        self._connected = True

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self._lease.release()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs and log -----------------------------------------------------

    def begin_run(self, paths: Sequence[str]) -> int:
        self._let_readers_in()
        self.mark_crashed_runs()
        run_id = int(self.db.execute("SELECT nextval('run_ids')").fetchone()[0])
        self.db.execute(
            "INSERT INTO runs (run_id, started_at, finished_at, status, paths, pid, host)"
            " VALUES (?, ?, NULL, 'running', ?, ?, ?)",
            [run_id, _now(), _storable(" ".join(paths)), os.getpid(), socket.gethostname()],
        )
        self._own_runs.add(run_id)
        return run_id

    def end_run(self, run_id: int, status: str) -> None:
        self._let_readers_in()
        self.db.execute(
            "UPDATE runs SET finished_at = ?, status = ? WHERE run_id = ?", [_now(), status, run_id]
        )
        self._own_runs.discard(run_id)

    def mark_crashed_runs(self) -> list[int]:
        """Mark 'crashed' the runs left 'running' by a process that died; returns their ids.
        Holding the lease, this store is the only writer, so every other run still
        'running' has lost its process."""
        if not self._lease.held:
            return []
        rows = self.db.execute(
            "SELECT run_id FROM runs WHERE status = 'running' AND NOT list_contains(?, run_id)",
            [sorted(self._own_runs)],
        ).fetchall()
        crashed = [run_id for (run_id,) in rows]
        if crashed:
            self.db.execute("UPDATE runs SET status = 'crashed' WHERE list_contains(?, run_id)", [crashed])
        return crashed

    def has_hash(self, content_hash: str) -> str | None:
        self._let_readers_in()
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ?", [content_hash]
        ).fetchone()
        return row[0] if row else None

    def has_id(self, article_id: str) -> bool:
        self._let_readers_in()
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def write(self, run_id: int, articles: Iterable[Article], log: Iterable[LogEntry]) -> None:
        """Articles and log rows together, in one transaction; each table gets one bulk insert."""
        articles, log = list(articles), list(log)
        if not articles and not log:
            return
        self._let_readers_in()
        now = _now()
        rows: dict[str, list[list[Any]]] = defaultdict(list)
        actors: dict[str, list[Any]] = {}  # one row per actor id: the latest seen wins
        for article in articles:
            _add_article_rows(article, run_id, now, rows)
            for item in article.actors:
                actor = item.actor
                actors[actor.id] = [actor.id, actor.name, actor.code, actor.country, actor.sector]
        rows["ingest_log"] = [[run_id, e.source, e.status, e.article_id, e.content_hash, e.reason, now] for e in log]
        self.db.execute("BEGIN TRANSACTION")
        try:
            for table, table_rows in rows.items():
                self._insert_rows(table, table_rows)
            self._insert_rows("actors", list(actors.values()), replace=True)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _insert_rows(self, table: str, rows: list[list[Any]], *, replace: bool = False) -> None:
        """Bulk insert through Arrow: DuckDB's executemany goes row by row, and was the
        bottleneck of a multi-worker ingest."""
        if not rows:
            return
        types = self._arrow_types(table)
        try:
            columns = [pa.array([row[i] for row in rows], type=types[i]) for i in range(len(types))]
        except UnicodeEncodeError:
            # A lone surrogate (an undecodable file name, half an escaped emoji) cannot be
            # written as UTF-8; one bad string must not cost the batch, nor every re-run.
            rows = [[_storable(value) for value in row] for row in rows]
            columns = [pa.array([row[i] for row in rows], type=types[i]) for i in range(len(types))]
        batch = pa.Table.from_arrays(columns, names=[f"c{i}" for i in range(len(columns))])
        self.db.register("incoming_rows", batch)
        try:
            verb = "INSERT OR REPLACE" if replace else "INSERT"
            self.db.execute(f"{verb} INTO {table} SELECT * FROM incoming_rows")
        finally:
            self.db.unregister("incoming_rows")

    def _arrow_types(self, table: str) -> list[pa.DataType]:
        """The table's column types as Arrow types, so a batch converts the same way every time."""
        if table not in self._column_types:
            rows = self.db.execute(
                "SELECT data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            self._column_types[table] = [ARROW_TYPES[data_type] for (data_type,) in rows]
        return self._column_types[table]

    # -- reading ------------------------------------------------------------

    def counts(self) -> Counts:
        row = self.db.execute(
            """SELECT count(*),
                      count(*) FILTER (status = 'stored'),
                      count(*) FILTER (status = 'skipped'),
                      count(*) FILTER (status = 'failed')
               FROM ingest_log"""
        ).fetchone()
        return Counts(*map(int, row))

    def stats(self) -> dict[str, Any]:
        counts = self.counts()
        tables = {
            name: self.db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in (
                "articles", "entities", "removed", "actors", "mentions", "timexes", "attributions",
                "events", "event_mentions",
            )
        }
        reasons = self.db.execute(
            """SELECT reason, count(*) AS n FROM ingest_log WHERE status = 'failed'
               GROUP BY reason ORDER BY n DESC, reason LIMIT 10"""
        ).fetchall()
        runs = self.db.execute(
            """SELECT r.run_id, r.status, r.started_at,
                      count(l.source), count(l.source) FILTER (l.status = 'stored'),
                      count(l.source) FILTER (l.status = 'skipped'),
                      count(l.source) FILTER (l.status = 'failed')
               FROM runs r LEFT JOIN ingest_log l USING (run_id)
               GROUP BY ALL ORDER BY r.run_id"""
        ).fetchall()
        # a run still 'running' while no process holds the writer's lease has crashed
        writer_alive = self._lease.held or self._lease.held_elsewhere()
        return {
            "read": counts.read,
            "stored": counts.stored,
            "skipped": counts.skipped,
            "failed": counts.failed,
            "tables": tables,
            "failure_reasons": [{"reason": r, "count": n} for r, n in reasons],
            "runs": [
                {
                    "run_id": r[0],
                    "status": "crashed" if r[1] == "running" and not writer_alive else r[1],
                    "started_at": r[2].isoformat(sep=" ", timespec="seconds"),
                    "read": r[3],
                    "stored": r[4],
                    "skipped": r[5],
                    "failed": r[6],
                }
                for r in runs
            ],
        }

    def quotes(self, speaker: str, *, limit: int = 100) -> list[dict[str, Any]]:
        """What `speaker` was reported to say, newest article first.

        `speaker` is matched against the resolved speaker, never against words of the
        source phrase ("a spokesman for Putin" and "Uma Thurman, who spoke of President
        Trump's Washington" are not Putin's or Trump's words): an actor id (exact), the
        words of an actor's canonical name ("putin", "Vladimir Putin"), or a whole name the
        actor was mentioned by in a stored article ("Mr. Putin"); a speaker no actor was
        linked to matches by its whole name only. Case and punctuation are ignored."""
        words = _name_words(speaker)
        if not words:
            return []
        rows = self.db.execute(
            f"""WITH matched AS (
                   SELECT id FROM actors WHERE ' ' || {_SQL_WORDS.format('name')} || ' ' LIKE $pattern
                   UNION SELECT DISTINCT actor_id FROM mentions
                         WHERE kind <> 'pronoun' AND actor_id IS NOT NULL AND {_SQL_WORDS.format('text')} = $words)
               SELECT a.article_id, r.title, r.published, a.kind, coalesce(a.speaker, a.source),
                      a.actor_id, a.actor_name, a.cue, a.content, a.via
               FROM attributions a JOIN articles r ON r.id = a.article_id
               WHERE lower(a.actor_id) = lower($id)
                     OR ' ' || {_SQL_WORDS.format('a.actor_name')} || ' ' LIKE $pattern
                     OR a.actor_id IN (SELECT id FROM matched)
                     OR a.actor_id IS NULL AND {_SQL_WORDS.format('coalesce(a.speaker, a.source)')} = $words
               ORDER BY r.published DESC NULLS LAST, a.article_id, a.idx
               LIMIT $limit""",
            {"id": speaker.strip(), "pattern": f"% {words} %", "words": words, "limit": limit},
        ).fetchall()
        keys = ("article_id", "title", "published", "kind", "speaker", "actor_id", "actor", "cue", "content", "via")
        return [dict(zip(keys, row)) for row in rows]

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT record FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2", [article_id + "%"]
            ).fetchall()
            if len(row) > 1:
                raise StoreError(f"id prefix '{article_id}' matches several articles; give more of the id")
            if not row:
                return None
            row = row[0]
        return article_from_dict(json.loads(row[0]))

    def actors(self, query: str | None = None, *, limit: int = 100) -> list[dict[str, Any]]:
        """Stored actors whose id, name or code contains `query`, most mentioned first."""
        like = f"%{(query or '').lower()}%"
        rows = self.db.execute(
            """SELECT a.id, a.name, a.code, a.country, a.sector,
                      count(DISTINCT aa.article_id) AS articles, coalesce(sum(aa.mentions), 0) AS mentions
               FROM actors a LEFT JOIN article_actors aa ON aa.actor_id = a.id
               WHERE lower(a.id) LIKE ? OR lower(a.name) LIKE ? OR lower(coalesce(a.code, '')) LIKE ?
               GROUP BY ALL ORDER BY mentions DESC, a.id LIMIT ?""",
            [like, like, like, limit],
        ).fetchall()
        keys = ("id", "name", "code", "country", "sector", "articles", "mentions")
        return [dict(zip(keys, row)) for row in rows]

    def records(self) -> Iterator[dict[str, Any]]:
        cursor = self.db.execute("SELECT record FROM articles ORDER BY ingested_at, id")
        while batch := cursor.fetchmany(256):
            for (record,) in batch:
                yield json.loads(record)

    def events(self, *, actor: str | None = None, target: str | None = None, since: str | None = None,
               until: str | None = None, root: str | None = None, include_negated: bool = False,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Stored events filtered by source / target code or country, date range and CAMEO root."""
        where, params = [], []
        for column, value in (("source", actor), ("target", target)):
            if value:
                where.append(f"(upper({column}_code) LIKE ? OR upper({column}_country) = ?)")
                params += [value.upper() + "%", value.upper()]
        # a week or a month is kept when it overlaps the range ("2024-W24" is 10-16 June 2024)
        if since:
            where.append("day_last >= CAST(? AS DATE)")
            params.append(since)
        if until:
            where.append("day_first <= CAST(? AS DATE)")
            params.append(until)
        if root:
            where.append("root = ?")
            params.append(root.zfill(2))
        if not include_negated:
            where.append("NOT negated")
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY day_first NULLS LAST, date, article_id, event_id" + (f" LIMIT {int(limit)}" if limit else "")
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def export_parquet(self, out: Path) -> int:
        out = Path(out)
        try:
            self.db.execute(
                f"COPY (SELECT * FROM articles ORDER BY ingested_at, id) TO '{_sql_path(out)}' (FORMAT parquet)"
            )
        except duckdb.IOException as error:
            raise StoreError(f"cannot write {out}: {str(error).splitlines()[0]}") from None
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])


class WriterLease:
    """An OS lock on a hidden file beside the database, held by its one writer from
    opening to closing. The OS drops it when the process dies, however it dies."""

    def __init__(self, db_path: Path) -> None:
        self.database = db_path
        self.path = db_path.with_name(f".{db_path.name}.writer")
        self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self, wait_seconds: float) -> None:
        if fcntl is None:
            return
        try:
            handle = open(self.path, "a+", encoding="utf-8")
        except OSError as error:
            raise StoreError(f"cannot open database {self.database} for writing: {error.strerror}") from None
        deadline = time.monotonic() + min(wait_seconds, READER_ENTRY_SECONDS)
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() >= deadline:  # longer than a reader's look: another writer has it
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    handle.close()
                    raise StoreError(f"database {self.database} is being written by another process ({holder});"
                                     " wait for that ingest to end") from None
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} on {socket.gethostname()}")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file drops the lock
            self._handle = None

    def held_elsewhere(self) -> bool:
        """Whether some process holds the lease now (True when this cannot be known)."""
        if fcntl is None:
            return True
        try:
            handle = open(self.path, encoding="utf-8")
        except FileNotFoundError:
            return False
        except OSError:
            return True
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False


def _is_lock_conflict(error: duckdb.Error) -> bool:
    return "Could not set lock" in str(error) or "Conflicting lock" in str(error)


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _touch(path: Path) -> None:
    try:
        path.touch()
    except OSError:  # a folder this reader may not write to: it can still retry
        pass


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _age(path: Path) -> float:
    """Seconds since `path` was last touched; infinite when it is gone."""
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return float("inf")


ARROW_TYPES = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
}


def _add_article_rows(article: Article, run_id: int, now: datetime, rows: dict[str, list[list[Any]]]) -> None:
    """The rows of every table for one article (the `actors` table is filled by `Store.write`)."""
    record = article_to_dict(article)
    rows["articles"].append([
        article.id, article.content_hash, article.url, article.title, article.published,
        article.published_source, article.language, article.author, article.site, article.source,
        article.text, json.dumps(record, ensure_ascii=False), run_id, now,
    ])
    rows["removed"] += [[article.id, i, c.text, c.reason] for i, c in enumerate(article.removed)]
    rows["entities"] += [
        [article.id, i, e.text, e.start, e.end, e.label, e.actor.id if e.actor else None,
         e.place.name if e.place else None]
        for i, e in enumerate(article.entities)
    ]
    rows["timexes"] += [[article.id, t.id, t.text, t.start, t.end, t.type, t.value, t.mod] for t in article.timexes]
    rows["article_actors"] += [
        [article.id, i.actor.id, i.actor.code, i.actor.country, i.actor.sector, i.mentions] for i in article.actors
    ]
    rows["mentions"] += [
        [article.id, i, m.start, m.end, m.text, m.kind, m.actor.id if m.actor else None]
        for i, m in enumerate(article.mentions)
    ]
    rows["attributions"] += [_attribution_row(article.id, i, a) for i, a in enumerate(article.attributions)]
    rows["events"] += [_event_row(article.id, e) for e in article.events]
    rows["event_mentions"] += [
        [article.id, e.id, i, m.trigger.start, m.trigger.end, m.trigger.text, m.sentence.start, m.sentence.end, m.rule]
        for e in article.events
        for i, m in enumerate(e.mentions)
    ]


# A name as lower-case words separated by single spaces, in SQL and in Python alike.
_SQL_WORDS = "trim(regexp_replace(lower({}), '[^\\p{{L}}\\p{{N}}]+', ' ', 'g'))"
_NOT_WORD = re.compile(r"[\W_]+")


def _name_words(name: str) -> str:
    return _NOT_WORD.sub(" ", name.lower()).strip()


def _attribution_row(article_id: str, number: int, a) -> list[Any]:
    speaker = a.speaker or a.source
    actor = (speaker.actor if speaker else None) or (a.source.actor if a.source else None)
    return [
        article_id, number, a.kind, a.content.text, a.content.start, a.content.end,
        a.cue.text if a.cue else None,
        a.source.text if a.source else None,
        speaker.text if speaker else None,
        actor.id if actor else None,
        actor.name if actor else None,
        a.via.text if a.via else None,
        a.via.actor.id if a.via and a.via.actor else None,
    ]


def _event_row(article_id: str, e) -> list[Any]:
    def side(m):
        actor = m.actor if m is not None else None
        return [m.text if m else None, actor.id if actor else None, actor.code if actor else None,
                actor.country if actor else None]

    place = e.location
    first, last = timex_period(e.date) or (None, None)
    return [
        article_id, e.id, e.cameo, e.root, e.plover_type, e.plover_mode, e.quad_class, e.goldstein,
        *side(e.source), *side(e.target), e.date, e.date_source, first, last,
        place.name if place else None, place.country if place else None,
        place.lat if place else None, place.lon if place else None,
        e.claimed_by, e.negated, e.hypothetical, e.confidence, e.rule,
        e.trigger.start, e.trigger.end, e.trigger.text, e.score, " ".join(e.rules) or e.rule,
    ]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _storable(value: Any) -> Any:
    """A string DuckDB can hold: lone surrogates become U+FFFD, one for one, so offsets hold."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return _SURROGATE.sub("\ufffd", value)
    return value


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
