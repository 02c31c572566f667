-- newsgraph store. Every article row is written in the same transaction as its
-- ingest-log row, so the log and the data never disagree, whatever interrupts a run.
CREATE SEQUENCE IF NOT EXISTS run_ids START 1;

CREATE TABLE IF NOT EXISTS runs (
    run_id      INTEGER PRIMARY KEY,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status      VARCHAR NOT NULL,          -- running | finished | interrupted
    paths       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS ingest_log (
    run_id       INTEGER NOT NULL,
    source       VARCHAR NOT NULL,         -- path, path:LINE for JSON Lines, '-' for stdin
    status       VARCHAR NOT NULL,         -- stored | skipped | failed
    article_id   VARCHAR,
    content_hash VARCHAR,
    reason       VARCHAR,
    logged_at    TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    id               VARCHAR PRIMARY KEY,
    content_hash     VARCHAR NOT NULL UNIQUE,
    url              VARCHAR,
    title            VARCHAR,
    published        VARCHAR,
    published_source VARCHAR,
    language         VARCHAR,
    author           VARCHAR,
    site             VARCHAR,
    source           VARCHAR,
    text             VARCHAR NOT NULL,
    record           JSON NOT NULL,        -- the full JSON form of the article
    run_id           INTEGER,
    ingested_at      TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS removed (
    article_id VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    label      VARCHAR NOT NULL,
    actor_id   VARCHAR,
    place      VARCHAR
);

-- Who said what: one row per attribution. `speaker` is the named speaker (the
-- antecedent when the source is a pronoun or "the same source").
CREATE TABLE IF NOT EXISTS attributions (
    article_id    VARCHAR NOT NULL,
    idx           INTEGER NOT NULL,
    kind          VARCHAR NOT NULL,         -- direct | indirect | mixed
    content       VARCHAR NOT NULL,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    cue           VARCHAR,
    source        VARCHAR,
    speaker       VARCHAR,
    actor_id      VARCHAR,
    actor_name    VARCHAR,
    via           VARCHAR,
    via_actor_id  VARCHAR
);
