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


def test_item_timeout_option(tmp_path, runner):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    unlimited = runner.invoke(main, ["analyze", str(path), "--item-timeout", "0"])
    assert unlimited.exit_code == 0, unlimited.output
    assert json.loads(unlimited.stdout)["title"] == "Dam opens in Laos"
    negative = runner.invoke(main, ["ingest", str(path), "--item-timeout", "-5"])
    assert negative.exit_code == 2 and "--item-timeout" in negative.output
