"""Exports and printed views carry article-derived strings safely: no terminal escapes,
no broken TSV rows, no spreadsheet formulas."""
import dataclasses
import json

from newsgraph.export.safe_text import for_terminal, json_for_terminal, tsv_cell

# every character some reader takes for a line end, and other controls
ROW_BREAKERS = "\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00\x1b\x7f\x9b"


def test_terminal_text_loses_escape_sequences_and_controls_but_keeps_lines():
    title = "Talks resume \x1b]0;owned\x07in Oslo"  # OSC: would retitle the terminal window
    assert for_terminal(title) == "Talks resume in Oslo"
    link = "see \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\ now"  # OSC 8 hyperlink
    assert for_terminal(link) == "see here now"
    assert for_terminal("\x1b[2J\x1b[31mred\x1b[0m\x1bc") == "red"  # clear screen, colour, reset
    assert for_terminal("a\rb\x08c\x9b31md\x00") == "abc31md"
    assert for_terminal("unended \x1b]52;c;cGFzdGU=\nnext line\tcell") == "unended \nnext line\tcell"
    assert for_terminal("Café “quoted” — 北京") == "Café “quoted” — 北京"


def test_json_for_terminal_escapes_c1_controls_and_stays_the_same_value():
    value = {"title": "a\x9b31mb\x7fc\x1b]0;x\x07", "name": "Zoë"}
    line = json_for_terminal(json.dumps(value, ensure_ascii=False))
    assert not any(0x7F <= ord(c) <= 0x9F or ord(c) < 0x20 for c in line)
    assert "Zoë" in line and json.loads(line) == value


def test_tsv_cell_never_breaks_a_row():
    cell = tsv_cell("https://news.example/a" + ROW_BREAKERS + "b")
    assert cell.startswith("https://news.example/a") and cell.endswith("b")
    assert len(cell.splitlines()) == 1 and "\t" not in cell
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in cell)
    assert tsv_cell(None) == ""


def test_tsv_cell_neutralises_formulas_but_not_numbers():
    for formula in ("=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", " =1"):
        assert tsv_cell(formula).startswith("'"), formula
    for number in ("-1.5", "-33.8650", "+7", "-1", "-2e3", "0.25", "-"):
        assert tsv_cell(number) == number
    assert tsv_cell(-1.5) == "-1.5" and tsv_cell(-10) == "-10"
    assert tsv_cell("Kenya") == "Kenya"


def test_gdelt_export_survives_hostile_strings(pipeline, tmp_path):
    from newsgraph.export.gdelt import read_gdelt, write_gdelt

    article = pipeline.analyze_text("Kenya sent food aid to Somalia. Uganda criticized Rwanda in Kampala.",
                                    published="2023-05-02")
    article = dataclasses.replace(
        article, url="=HYPERLINK(\"http://evil.example\")/a\u2028b\x85c\x0cd\re\tf\ng",
        site="@site\x1b]0;x\x07", title="Title\u2029with\x0bbreaks",
    )
    counts = write_gdelt([article], tmp_path, fips_by_iso3=pipeline.gazetteer.fips_by_iso3,
                         countries=pipeline.gazetteer.countries)
    tables = read_gdelt(tmp_path)  # raises when a row has the wrong number of fields
    assert counts["events"] == len(tables["events"]) >= 2 and len(tables["gkg"]) == 1
    for name in ("newsgraph.export.CSV", "newsgraph.mentions.CSV", "newsgraph.gkg.csv"):
        raw = (tmp_path / name).read_text(encoding="utf-8")
        assert not any(c in raw for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x1b\x07"), name
    for row in tables["events"]:
        assert row["SOURCEURL"].startswith("'=HYPERLINK(") and "\n" not in row["SOURCEURL"]
    criticism = next(r for r in tables["events"] if r["EventCode"].startswith("11"))
    assert float(criticism["GoldsteinScale"]) < 0 and not criticism["GoldsteinScale"].startswith("'")
    gkg = tables["gkg"][0]
    assert gkg["V2SOURCECOMMONNAME"].startswith("'@site ")
    assert gkg["V2EXTRASXML"] == "<PAGE_TITLE>Title with breaks</PAGE_TITLE>"


def test_gdelt_reader_splits_rows_on_newlines_only(tmp_path):
    from newsgraph.export.gdelt import FILES, gdelt_columns, read_gdelt

    columns = gdelt_columns()
    for table, name in FILES.items():
        row = ["x"] * len(columns[table])
        row[1] = "a\u2028b\x85c"  # written by another tool: the reader must not split here
        (tmp_path / name).write_text("\t".join(row) + "\n", encoding="utf-8", newline="")
    tables = read_gdelt(tmp_path)
    assert all(len(rows) == 1 for rows in tables.values())
