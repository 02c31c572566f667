"""DuckDB store: articles and what the stages found, plus an ingest log.

Writes happen in batches, each in one transaction that holds the articles and
their log rows together: after a crash or Ctrl-C the database holds whole
articles only, and a re-run skips them by content hash.
"""
from __future__ import annotations

import json
import re
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
    def __init__(self, path: str | Path = "newsgraph.duckdb", *, read_only: bool = False) -> None:
        self.path = Path(path)
        self._column_types: dict[str, list[pa.DataType]] = {}
        if read_only and not self.path.exists():
            raise StoreError(f"no database at {self.path} (run `newsgraph ingest` first, or pass --db)")
        try:
            self.db = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(f"cannot open database {self.path}: {error}") from None
        if not read_only:
            self.db.execute(resources.files("newsgraph.store").joinpath("schema.sql").read_text())

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs and log -----------------------------------------------------

    def begin_run(self, paths: Sequence[str]) -> int:
        run_id = self.db.execute("SELECT nextval('run_ids')").fetchone()[0]
        self.db.execute(
            "INSERT INTO runs VALUES (?, ?, NULL, 'running', ?)", [run_id, _now(), _storable(" ".join(paths))]
        )
        return int(run_id)

    def end_run(self, run_id: int, status: str) -> None:
        self.db.execute(
            "UPDATE runs SET finished_at = ?, status = ? WHERE run_id = ?", [_now(), status, run_id]
        )

    def has_hash(self, content_hash: str) -> str | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ?", [content_hash]
        ).fetchone()
        return row[0] if row else None

    def has_id(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def write(self, run_id: int, articles: Iterable[Article], log: Iterable[LogEntry]) -> None:
        """Articles and log rows together, in one transaction; each table gets one bulk insert."""
        articles, log = list(articles), list(log)
        if not articles and not log:
            return
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
                    "status": r[1],
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
        """What `speaker` (an actor id, or part of a speaker's or actor's name) was reported
        to say, newest article first."""
        pattern = f"%{speaker.lower()}%"
        rows = self.db.execute(
            """SELECT a.article_id, r.title, r.published, a.kind, coalesce(a.speaker, a.source),
                      a.actor_id, a.actor_name, a.cue, a.content, a.via
               FROM attributions a JOIN articles r ON r.id = a.article_id
               WHERE a.actor_id = ? OR lower(a.speaker) LIKE ? OR lower(a.source) LIKE ?
                     OR lower(a.actor_name) LIKE ?
               ORDER BY r.published DESC NULLS LAST, a.article_id, a.idx
               LIMIT ?""",
            [speaker, pattern, pattern, pattern, limit],
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
