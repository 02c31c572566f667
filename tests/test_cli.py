"""The command line, end to end, on files written here."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main

REPO = Path(__file__).resolve().parent.parent

ARTICLE = "Dam opens in Laos\n\nLaos opened a new hydroelectric dam on the Mekong on Saturday, the energy ministry said.\n\nPREV Rice prices fall\n"


@pytest.fixture
def runner():
    return CliRunner()


def test_analyze_json(tmp_path, runner):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = runner.invoke(main, ["analyze", str(path), "--published", "2024-03-02", "--url", "https://x.org/dam"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["title"] == "Dam opens in Laos"
    assert record["published"] == "2024-03-02" and record["url"] == "https://x.org/dam"
    assert {"text": "PREV Rice prices fall", "reason": "navigation link (previous/next article)"} in record["removed"]
    assert all(record["text"][e["start"] : e["end"]] == e["text"] for e in record["entities"])
    assert all(e["actor"] is None or isinstance(e["actor"], dict) for e in record["entities"])


def test_analyze_text_view_and_bad_date(tmp_path, runner):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = runner.invoke(main, ["analyze", str(path), "--format", "text"])
    assert result.exit_code == 0 and result.stdout.startswith("# Dam opens in Laos")
    bad = runner.invoke(main, ["analyze", str(path), "--published", "yesterday"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_analyze_reports_failures_and_goes_on(tmp_path, runner):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text("")
    result = runner.invoke(main, ["analyze", str(tmp_path)])
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1
    assert "b.txt: empty input" in result.stderr


def test_ingest_stats_show_export(tmp_path, runner):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.jsonl").write_text(json.dumps({"id": "b1", "text": "Port strike ends\n\nDock workers in Antwerp ended a three-day strike on Friday, the union said."}) + "\n{oops\n")
    db = str(tmp_path / "n.duckdb")
    result = runner.invoke(main, ["ingest", str(folder), "--db", db, "--no-progress"])
    assert result.exit_code == 1  # one bad line
    assert "read 3 = stored 2 + skipped 0 + failed 1" in result.stdout
    again = runner.invoke(main, ["ingest", str(folder), "--db", db, "--no-progress"])
    assert "stored 0 + skipped 2 + failed 1" in again.stdout
    stats = json.loads(runner.invoke(main, ["stats", "--db", db, "--json"]).stdout)
    assert stats["read"] == 6 and stats["read"] == stats["stored"] + stats["skipped"] + stats["failed"]
    shown = runner.invoke(main, ["show", "b1", "--db", db, "--format", "json"])
    assert json.loads(shown.stdout)["title"] == "Port strike ends"
    assert runner.invoke(main, ["show", "nope", "--db", db]).exit_code != 0
    out = tmp_path / "out.jsonl"
    assert runner.invoke(main, ["export", "--db", db, "--format", "jsonl", "--out", str(out)]).exit_code == 0
    assert len(out.read_text().splitlines()) == 2
    parquet = tmp_path / "out.parquet"
    assert runner.invoke(main, ["export", "--db", db, "--format", "parquet", "--out", str(parquet)]).exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).num_rows == 2


def test_missing_database_is_a_clear_error(tmp_path, runner):
    result = runner.invoke(main, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and result.stderr.startswith("Error: no database at")


def test_extraction_scorer_rules():
    from newsgraph.eval.extraction import page_scores, shingles

    assert sum(shingles("one two three four five").values()) == 2
    assert page_scores("a b c d e", "a b c d e") == (1.0, 1.0)
    precision, recall = page_scores("a b c d e f g", "a b c d e")
    assert recall == 1.0 and precision < 1.0
    assert page_scores("", "a b c d") == (None, 0.0)


# -- archives, crawler output and feeds, end to end ------------------------------------

def _page(title, body, head=""):
    return f"<html><head><title>{title}</title>{head}</head><body><article><p>{body}</p></article></body></html>"


WARC_PAGES = [
    ("https://news.example/port", _page("Port reopens after storm", "The port of Bergen reopened on Monday after a two-day storm, the harbour master told reporters.")),
    {"url": "https://news.example/logo.png", "payload": b"\x89PNG\r\n\x1a\n", "content_type": "image/png"},
    ("https://news.example/broken", _page("Broken", "This record is damaged on disk before anyone reads it.")),
    ("https://news.example/strike", _page(
        "Rail strike ends", "Train drivers in Finland ended their strike on Tuesday after the government offered a new contract.",
        head='<meta property="article:published_time" content="2024-06-11T09:00:00Z">',
    )),
]
NEWS_PLEASE_RECORD = {
    "title": "Bridge opens on the Danube", "maintext": "A new bridge over the Danube opened in Novi Sad on Wednesday, the city council announced.",
    "date_publish": "2024-06-12 14:00:00", "date_download": "2024-06-13 02:00:00", "url": "https://danube.example/bridge",
    "language": "en", "authors": ["Ana Petrovic"], "description": None, "source_domain": "danube.example",
}
FEED_RSS = """<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Ferries</title>
<item><title>Ferry service resumes</title><link>https://ferry.example/resumes</link><pubDate>Thu, 13 Jun 2024 07:00:00 +0300</pubDate>
<content:encoded><![CDATA[<p>The ferry between Helsinki and Tallinn resumed service on Thursday after repairs to its engines, the operator said.</p>]]></content:encoded></item>
<item><title>Timetable changes</title><link>https://ferry.example/timetable</link><pubDate>Fri, 14 Jun 2024 07:00:00 +0300</pubDate>
<description>The operator said the summer timetable for the ferries between Helsinki and Tallinn starts next week.</description></item>
<item><title>Empty</title><link>https://ferry.example/empty</link></item>
</channel></rss>"""
FEED_ATOM = """<feed xmlns="http://www.w3.org/2005/Atom"><title>Alps</title><id>urn:alps</id><updated>2024-06-15T00:00:00Z</updated>
<entry><title>Tunnel reopens</title><id>urn:alps:1</id><link href="https://alps.example/tunnel"/><updated>2024-06-15T06:00:00+02:00</updated>
<content type="html">&lt;p&gt;The Gotthard road tunnel reopened to traffic on Saturday after a rockfall, Swiss police said.&lt;/p&gt;</content></entry></feed>"""


def _write_sources(folder, make_warc):
    import os

    folder.mkdir()
    data, offsets = make_warc(WARC_PAGES, gzip=True)
    broken = bytearray(data)
    broken[offsets[2] : offsets[2] + 8] = b"GARBAGE!"
    (folder / "crawl.warc.gz").write_bytes(bytes(broken))
    (folder / "harbour.json").write_text(json.dumps(NEWS_PLEASE_RECORD, indent=4))
    (folder / "ferries.rss").write_text(FEED_RSS)
    (folder / "alps.atom").write_text(FEED_ATOM)
    deep = "[" * 3000 + "]" * 3000
    (folder / "lines.jsonl").write_text(
        json.dumps({"text": "Dock workers in Antwerp ended a three-day strike on Friday, the union said."}) + f"\n{deep}\n"
    )
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "w") as handle:
        handle.write("Cafe reopens\n\nThe oldest cafe in Vienna reopened on Sunday after a year of repairs, its owner said.\n")
    # stored: 2 pages, 1 news-please, 2 RSS, 1 Atom, 1 JSONL line, 1 oddly named file
    # failed: the corrupt record, the empty RSS item, the deep line
    return 8, 3


def test_ingest_warc_news_please_feeds_with_dates_and_urls(tmp_path, runner, make_warc):
    import duckdb

    stored, failed = _write_sources(tmp_path / "in", make_warc)
    db = str(tmp_path / "n.duckdb")
    first = runner.invoke(main, ["ingest", str(tmp_path / "in"), "--db", db, "--no-progress"])
    assert first.exit_code == 1, first.output
    assert f"read {stored + failed} = stored {stored} + skipped 0 + failed {failed}" in first.stdout
    again = runner.invoke(main, ["ingest", str(tmp_path / "in"), "--db", db, "--no-progress"])
    assert f"read {stored + failed} = stored 0 + skipped {stored} + failed {failed}" in again.stdout
    stats = json.loads(runner.invoke(main, ["stats", "--db", db, "--json"]).stdout)
    assert stats["read"] == stats["stored"] + stats["skipped"] + stats["failed"] == 2 * (stored + failed)
    assert all(run["read"] == run["stored"] + run["skipped"] + run["failed"] for run in stats["runs"])
    reasons = {r["reason"] for r in stats["failure_reasons"]}
    assert "JSON nested too deeply" in reasons and "feed item has no content or summary" in reasons
    assert any(r.startswith("corrupt WARC record:") for r in reasons)
    with duckdb.connect(db, read_only=True) as con:
        rows = con.execute("SELECT url, published, published_source, source FROM articles").fetchall()
    dated = {url: (published, how) for url, published, how, _ in rows}
    assert dated["https://news.example/port"] == ("2024-06-19", "crawl")  # no date on the page: when it was fetched
    assert dated["https://news.example/strike"] == ("2024-06-11", "metadata")  # the page's own date wins
    assert dated["https://danube.example/bridge"] == ("2024-06-12", "metadata")
    assert dated["https://ferry.example/resumes"] == ("2024-06-13", "metadata")
    assert dated["https://ferry.example/timetable"] == ("2024-06-14", "metadata")
    assert dated["https://alps.example/tunnel"] == ("2024-06-15", "metadata")
    assert any(source.endswith("caf\\xe9.txt") for *_, source in rows)
    assert any(source.endswith("crawl.warc.gz@0") for *_, source in rows)


def test_analyze_warc_and_feed(tmp_path, runner, make_warc):
    data, _ = make_warc(WARC_PAGES[:1])
    (tmp_path / "crawl.warc").write_bytes(data)
    (tmp_path / "alps.atom").write_text(FEED_ATOM)
    result = runner.invoke(main, ["analyze", str(tmp_path / "crawl.warc"), str(tmp_path / "alps.atom")])
    assert result.exit_code == 0, result.output
    port, tunnel = (json.loads(line) for line in result.stdout.splitlines())
    assert (port["url"], port["published"], port["published_source"]) == ("https://news.example/port", "2024-06-19", "crawl")
    assert port["title"] == "Port reopens after storm" and port["text"].startswith("The port of Bergen")
    assert (tunnel["url"], tunnel["published"], tunnel["title"]) == ("https://alps.example/tunnel", "2024-06-15", "Tunnel reopens")


# -- safe output: what articles carry never reaches a terminal or a spreadsheet raw

OSC = "\x1b]0;owned\x07"  # would retitle the terminal window
LONG_ID = "wire-2024-06-19-kenya-aid-" + OSC + "a1"  # longer than the 12 characters listings once kept
HOSTILE = [
    {"id": LONG_ID, "title": "Aid for Somalia " + OSC + "today", "url": "https://news.example/a\u2028b\x85c",
     "text": "Kenya sent food aid to Somalia on Monday, officials in Nairobi said.\n\n"
             "\"We will keep helping our neighbours,\" Foreign Minister Musalia Mudavadi said.",
     "published": "2024-06-19"},
    {"id": LONG_ID, "text": "A different article that claims the same id as the first one, on purpose."},
]
SAFE_ID = "wire-2024-06-19-kenya-aid-a1"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, pipeline):
    from newsgraph.batch import ingest
    from newsgraph.settings import Settings
    from newsgraph.store import Store

    folder = tmp_path_factory.mktemp("hostile")
    feed = folder / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in HOSTILE) + "\n", encoding="utf-8")
    db = folder / "news.duckdb"
    with Store(db) as store:
        report = ingest([str(feed)], store, Settings(), pipeline=pipeline)
    assert (report.stored, report.failed) == (1, 1)  # the second one fails on its id, which holds the OSC
    return db


def assert_no_controls(text):
    assert not any(ord(c) < 0x20 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F for c in text), repr(text)


def test_terminal_views_strip_escape_sequences(hostile_db, runner):
    db = str(hostile_db)
    views = {
        "show": ["show", SAFE_ID[:10], "--db", db],
        "stats": ["stats", "--db", db],
        "events": ["events", "--db", db],
        "quotes": ["quotes", "--speaker", "Mudavadi", "--db", db],
        "actors": ["actors", "--db", db],
        "explain": ["explain", SAFE_ID[:10], "--db", db],
    }
    outputs = {}
    for name, args in views.items():
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (name, result.output)
        assert_no_controls(result.output)
        outputs[name] = result.output
    assert outputs["show"].startswith("# Aid for Somalia today")
    assert "already used by a different article" in outputs["stats"]
    assert "Aid for Somalia today" in outputs["quotes"] and "Aid for Somalia today" in outputs["explain"]
    for json_view in (["show", SAFE_ID[:10], "--db", db, "--format", "json"], ["events", "--db", db, "--json"]):
        result = runner.invoke(main, json_view)
        assert_no_controls(result.stdout.replace("\n", ""))
        assert LONG_ID in result.stdout.replace("\\u001b", "\x1b").replace("\\u0007", "\x07")


def test_listings_show_whole_article_ids(hostile_db, runner):
    events = runner.invoke(main, ["events", "--db", str(hostile_db)])
    assert events.exit_code == 0 and "sent" in events.stdout
    assert all(SAFE_ID in line.split() for line in events.stdout.splitlines() if line.strip())
    quotes = runner.invoke(main, ["quotes", "--speaker", "Mudavadi", "--db", str(hostile_db)])
    assert SAFE_ID in quotes.stdout


def test_analyze_text_view_strips_escape_sequences(tmp_path, runner):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(HOSTILE[0]) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(feed), "--format", "text"])
    assert result.exit_code == 0 and result.stdout.startswith("# Aid for Somalia today\n")
    assert_no_controls(result.stdout)


def test_export_out_dash_streams_or_is_refused(hostile_db, runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    streamed = runner.invoke(main, ["export", "--db", str(hostile_db), "--out", "-"])
    assert streamed.exit_code == 0 and json.loads(streamed.stdout)["title"] == "Aid for Somalia " + OSC + "today"
    assert "\x1b" not in streamed.stdout  # escaped in the JSON, the same value
    for fmt in ("parquet", "gdelt"):
        refused = runner.invoke(main, ["export", "--db", str(hostile_db), "--format", fmt, "--out", "-"])
        assert refused.exit_code == 2 and refused.stderr.count("\n") == 1
        assert refused.stderr.startswith(f"Error: --format {fmt} writes files, not a stream")
    assert not (tmp_path / "-").exists()


def test_export_onto_the_wrong_kind_of_path_is_one_clear_line(hostile_db, runner, tmp_path):
    existing = tmp_path / "existing.tsv"
    existing.write_text("keep me")
    folder = tmp_path / "folder"
    folder.mkdir()
    cases = [("gdelt", existing, "is a file; --format gdelt writes three files into a folder"),
             ("jsonl", folder, "is a folder; --format jsonl writes one file"),
             ("parquet", folder, "is a folder; --format parquet writes one file"),
             ("jsonl", tmp_path / "missing" / "out.jsonl", "does not exist")]
    for fmt, out, message in cases:
        result = runner.invoke(main, ["export", "--db", str(hostile_db), "--format", fmt, "--out", str(out)])
        assert result.exit_code == 2 and message in result.stderr, result.output
        assert result.stderr.count("\n") == 1 and "Errno" not in result.stderr
    assert existing.read_text() == "keep me"
    replaced = runner.invoke(main, ["export", "--db", str(hostile_db), "--out", str(existing)])
    assert replaced.exit_code == 0 and json.loads(existing.read_text())["id"] == LONG_ID


@pytest.mark.parametrize("args", [
    ["stats"], ["export", "--out", "-"], ["events"], ["quotes", "--speaker", "Mudavadi"], ["show", SAFE_ID[:10]],
])
def test_output_into_a_closed_pipe_ends_quietly(hostile_db, args):
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # as `| head` does once it has what it wants; here before the first write
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    try:
        done = subprocess.run([sys.executable, "-m", "newsgraph.cli", *args, "--db", str(hostile_db)],
                              stdout=write_end, stderr=subprocess.PIPE, env=env, timeout=300)
    finally:
        os.close(write_end)
    assert done.stderr == b"" and done.returncode == 141  # as for a writer killed by SIGPIPE


def test_any_language_flag_keeps_what_is_otherwise_refused(tmp_path, runner):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "zh1", "text": "市政府周一宣布新桥通车。"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    kept = runner.invoke(main, ["analyze", str(feed), "--any-language"])
    assert kept.exit_code == 0 and json.loads(kept.stdout)["language"] == "zh"
    refused = runner.invoke(main, ["analyze", str(feed), "--languages", "en,fr"])
    assert refused.exit_code == 1 and "text is in language 'zh'" in refused.stderr and "supported: en, fr" in refused.stderr


def test_item_timeout_option(tmp_path, runner):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    unlimited = runner.invoke(main, ["analyze", str(path), "--item-timeout", "0"])
    assert unlimited.exit_code == 0, unlimited.output
    assert json.loads(unlimited.stdout)["title"] == "Dam opens in Laos"
    negative = runner.invoke(main, ["ingest", str(path), "--item-timeout", "-5"])
    assert negative.exit_code == 2 and "--item-timeout" in negative.output


def test_quotes_by_resolved_speaker_id_and_name_not_by_words_of_the_source(tmp_path, runner):
    path = tmp_path / "speech.txt"
    path.write_text(
        "Talks in Moscow\n\n"
        "Russian President Vladimir Putin said on Tuesday that the talks had been frank.\n\n"
        "Putin's spokesman Dmitry Peskov said the next round would be in May.\n\n"
        "A spokesman for Putin said the Kremlin had no further comment.\n\n"
        "Uma Thurman, who spoke of President Trump's Washington, said the film was about power.\n"
    )
    db = str(tmp_path / "q.duckdb")
    assert runner.invoke(main, ["ingest", str(path), "--db", db]).exit_code == 0
    by_id = runner.invoke(main, ["quotes", "--speaker", "vladimir-putin", "--db", db])
    by_name = runner.invoke(main, ["quotes", "--speaker", "Putin", "--db", db])
    assert by_id.exit_code == 0 and by_id.stdout == by_name.stdout
    assert "talks had been frank" in by_id.stdout and "Talks in Moscow" in by_id.stdout
    assert "next round" not in by_id.stdout and "no further comment" not in by_id.stdout
    peskov = runner.invoke(main, ["quotes", "--speaker", "dmitry-peskov", "--db", db, "--json"])
    assert [json.loads(line)["content"] for line in peskov.stdout.splitlines()] == ["the next round would be in May"]
    trump = runner.invoke(main, ["quotes", "--speaker", "trump", "--db", db])
    assert "film was about power" not in trump.stdout and "no quotes" in trump.output
