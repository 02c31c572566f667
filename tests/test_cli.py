"""The command line, end to end, on files written here."""
import json

import pytest
from click.testing import CliRunner

from newsgraph.cli import main

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
    assert any(source.endswith(f"crawl.warc.gz@0") for *_, source in rows)


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
