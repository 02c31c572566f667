-- newsgraph store. Every article row is written in the same transaction as its
-- ingest-log row, so the log and the data never disagree, whatever interrupts a run.
CREATE SEQUENCE IF NOT EXISTS run_ids START 1;

CREATE TABLE IF NOT EXISTS runs (
    run_id      INTEGER PRIMARY KEY,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status      VARCHAR NOT NULL,          -- running | finished | interrupted | crashed
    paths       VARCHAR NOT NULL,
    pid         INTEGER,                   -- the process that ran it, and its host
    host        VARCHAR
);
-- stores written before runs recorded their process
ALTER TABLE runs ADD COLUMN IF NOT EXISTS pid INTEGER;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS host VARCHAR;

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

CREATE TABLE IF NOT EXISTS timexes (
    article_id VARCHAR NOT NULL,
    id         VARCHAR NOT NULL,         -- t1, t2... in text order
    text       VARCHAR NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    type       VARCHAR NOT NULL,         -- DATE | TIME | DURATION | SET (TimeML TIMEX3)
    value      VARCHAR,                  -- TimeML value: 2024-06-19, 2024-W24, P9M, PAST_REF...
    mod        VARCHAR                   -- APPROX, MORE_THAN, START...
);

-- Actors as linked by the actor stage. A person's code depends on the article's
-- date, so article_actors keeps the code as coded for that article; `actors`
-- keeps the latest seen. `local:` ids are names not in the KB: a person's carries
-- its article's key (`local:jane-roe@1a2b3c4d`), an organisation's is its name.
CREATE TABLE IF NOT EXISTS actors (
    id      VARCHAR PRIMARY KEY,
    name    VARCHAR NOT NULL,
    code    VARCHAR,
    country VARCHAR,
    sector  VARCHAR
);

CREATE TABLE IF NOT EXISTS article_actors (
    article_id VARCHAR NOT NULL,
    actor_id   VARCHAR NOT NULL,
    code       VARCHAR,
    country    VARCHAR,
    sector     VARCHAR,
    mentions   INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    actor_id   VARCHAR
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

-- Events (one row per merged event) and their mentions (one row per trigger).
CREATE TABLE IF NOT EXISTS events (
    article_id    VARCHAR NOT NULL,
    event_id      VARCHAR NOT NULL,        -- e1, e2 ... within the article
    cameo         VARCHAR NOT NULL,
    root          VARCHAR NOT NULL,
    plover_type   VARCHAR,
    plover_mode   VARCHAR,
    quad_class    INTEGER,
    goldstein     DOUBLE,
    source_text   VARCHAR,
    source_actor  VARCHAR,
    source_code   VARCHAR,
    source_country VARCHAR,
    target_text   VARCHAR,
    target_actor  VARCHAR,
    target_code   VARCHAR,
    target_country VARCHAR,
    date          VARCHAR,                 -- TIMEX3 value: 2024-06-19, 2024-W24, 2024-06 ...
    date_source   VARCHAR,
    day_first     DATE,                    -- first and last day the date covers (null if none)
    day_last      DATE,
    place         VARCHAR,
    place_country VARCHAR,
    lat           DOUBLE,
    lon           DOUBLE,
    claimed_by    VARCHAR,
    negated       BOOLEAN NOT NULL,
    hypothetical  BOOLEAN NOT NULL,
    confidence    DOUBLE NOT NULL,
    rule          VARCHAR NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    trigger_text  VARCHAR NOT NULL,
    score         DOUBLE,                  -- the decision model's probability (null: not scored)
    rules         VARCHAR                  -- every rule that fired, space-separated
);
-- stores written before events had a score and rules
ALTER TABLE events ADD COLUMN IF NOT EXISTS score DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS rules VARCHAR;

CREATE TABLE IF NOT EXISTS event_mentions (
    article_id     VARCHAR NOT NULL,
    event_id       VARCHAR NOT NULL,
    idx            INTEGER NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger_text   VARCHAR NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    rule           VARCHAR NOT NULL
);
