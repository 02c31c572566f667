"""WARC archives: HTML responses become documents with URL and crawl date; corrupt records cost one record."""
import gzip
import io
import sys

import pytest

from newsgraph.ingest.read import RawDocument, Rejected, read_paths


def page(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body><article><p>{body}</p></article></body></html>"


PAGES = [
    ("https://news.example/a", page("Port reopens", "The port of Bergen reopened on Monday after a storm, officials said.")),
    ("https://news.example/b", page("Strike ends", "Train drivers in Finland ended their strike on Tuesday, the union said.")),
    ("https://news.example/c", page("Bridge opens", "A new bridge over the Danube opened in Novi Sad on Wednesday.")),
]


def _read(*paths, max_bytes=5_000_000):
    return list(read_paths(paths, max_bytes=max_bytes))


def _name(item):
    return item.source.rsplit("/", 1)[-1]


@pytest.mark.parametrize("suffix,compressed", [(".warc", False), (".warc.gz", True)])
def test_html_responses_become_documents_and_other_records_are_passed_over(tmp_path, make_warc, suffix, compressed):
    data, offsets = make_warc(
        [
            {"url": "https://news.example/a", "type": "request", "payload": b""},
            PAGES[0],
            {"url": "https://news.example/logo.png", "payload": b"\x89PNG\r\n\x1a\n", "content_type": "image/png"},
            {"url": "https://news.example/old", "payload": b"", "status": "301 Moved Permanently"},
            {"url": "https://news.example/missing", "payload": page("Not found", "No such page."), "status": "404 Not Found"},
            {"url": "https://news.example/meta", "type": "metadata", "payload": b"fetchTimeMs: 12"},
            {**dict(zip(("url", "payload"), PAGES[1])), "date": "2023-12-31T23:59:59Z"},
        ],
        gzip=compressed,
    )
    (tmp_path / f"crawl{suffix}").write_bytes(data)
    items = _read(tmp_path)
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    first, second = items
    assert (first.kind, first.url, first.crawled, first.published) == ("html", "https://news.example/a", "2024-06-19", None)
    assert (second.url, second.crawled) == ("https://news.example/b", "2023-12-31")
    assert "Port reopens" in first.content
    # a record is named by its byte offset, as CDX indexes name it
    assert _name(first) == f"crawl{suffix}@{offsets[1]}" and _name(second) == f"crawl{suffix}@{offsets[6]}"


@pytest.mark.parametrize("compressed", [False, True])
def test_a_corrupt_record_is_logged_and_the_rest_of_the_file_is_read(tmp_path, make_warc, compressed):
    data, offsets = make_warc(PAGES, gzip=compressed)
    broken = bytearray(data)
    broken[offsets[1] : offsets[1] + 8] = b"GARBAGE!"
    (tmp_path / "crawl.warc").write_bytes(bytes(broken))
    items = _read(tmp_path)
    assert [type(i) for i in items] == [RawDocument, Rejected, RawDocument]
    assert [i.url for i in items if isinstance(i, RawDocument)] == ["https://news.example/a", "https://news.example/c"]
    assert _name(items[1]) == f"crawl.warc@{offsets[1]}"
    assert items[1].reason.startswith('corrupt WARC record: no WARC header where a record should start (found "GARBAGE!')
    assert "\n" not in items[1].reason and len(items[1].reason) < 120


def test_truncated_records_are_logged(tmp_path, make_warc):
    data, offsets = make_warc(PAGES)
    # the last record is cut off in its page, after its header's first lines, and in its header
    (tmp_path / "in_page.warc").write_bytes(data[:-44])  # 40 bytes of the page, and the blank lines after it
    (tmp_path / "early_in_header.warc").write_bytes(data[: offsets[2] + 60])
    (tmp_path / "in_header.warc").write_bytes(data[: offsets[2] + 200])
    items = {_name(i): i for i in _read(tmp_path)}
    assert items[f"in_page.warc@{offsets[2]}"].reason == "truncated WARC record: 40 bytes are missing"
    assert "no Content-Length (truncated?)" in items[f"early_in_header.warc@{offsets[2]}"].reason
    assert items[f"in_header.warc@{offsets[2]}"].reason.startswith("unreadable WARC record (truncated")
    assert sum(isinstance(i, RawDocument) for i in items.values()) == 6


def test_an_empty_warc_and_a_file_that_is_no_warc(tmp_path):
    (tmp_path / "empty.warc").write_bytes(b"")
    (tmp_path / "notes.warc").write_text("These are my notes, not an archive.\n")
    items = {_name(i): i for i in _read(tmp_path)}
    assert items["empty.warc"].reason == "empty input (no WARC records)"
    assert items["notes.warc@0"].reason.startswith("corrupt WARC record: no WARC header where a record should start")
    assert len(items) == 2


def test_a_warc_gzipped_as_a_whole_is_read(tmp_path, make_warc):
    data, _ = make_warc(PAGES)
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress(data))
    assert [i.url for i in _read(tmp_path)] == [url for url, _ in PAGES]


def test_a_page_over_the_limit_and_a_page_in_a_declared_charset(tmp_path, make_warc):
    latin = page("Café reopens", "The café in Lyon reopened on Monday after repairs, the owner said.").encode("latin-1")
    data, offsets = make_warc(
        [
            {"url": "https://news.example/big", "payload": page("Big", "word " * 5000)},
            {"url": "https://news.example/cafe", "payload": latin, "content_type": "text/html; charset=ISO-8859-1"},
        ]
    )
    (tmp_path / "crawl.warc").write_bytes(data)
    big, cafe = _read(tmp_path, max_bytes=10_000)
    assert isinstance(big, Rejected) and "over the 10,000 bytes limit" in big.reason
    assert isinstance(cafe, RawDocument) and "Café reopens" in cafe.content


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_on_stdin_and_under_another_name(tmp_path, make_warc, monkeypatch, compressed):
    data, _ = make_warc(PAGES[:1], gzip=compressed)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (from_stdin,) = _read("-")
    assert isinstance(from_stdin, RawDocument) and from_stdin.url == PAGES[0][0] and from_stdin.source == "-@0"
    (tmp_path / "CC-NEWS-20240619.dat").write_bytes(data)
    (from_file,) = _read(tmp_path)
    assert isinstance(from_file, RawDocument) and from_file.url == PAGES[0][0]
