"""Every input format, and every kind of bad input, read into documents or rejections."""
import gzip
import io
import json
import sys

from newsgraph.ingest.read import RawDocument, Rejected, read_paths

ARTICLE = "Ministers meet in Oslo\n\nForeign ministers from five countries met in Oslo on Friday to discuss fishing quotas, officials said.\n"
HTML = (
    "<html><head><title>Ministers meet in Oslo</title></head><body><article>"
    "<p>Foreign ministers from five countries met in Oslo on Friday to discuss fishing quotas.</p>"
    "</article></body></html>"
)


def _read(*paths, max_bytes=5_000_000):
    return list(read_paths(paths, max_bytes=max_bytes))


def test_text_html_json_jsonl_and_gzip(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.html").write_text(HTML)
    (tmp_path / "c.json").write_text(json.dumps({"id": "c1", "text": ARTICLE, "published": "2024-01-05"}))
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"text": ARTICLE, "title": "T"}) + "\n" + json.dumps({"html": HTML, "url": "https://x.org/a"}) + "\n"
    )
    (tmp_path / "e.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    items = _read(tmp_path)
    assert all(isinstance(i, RawDocument) for i in items), items
    kinds = {i.source.split("/")[-1]: i.kind for i in items}
    assert kinds == {"a.txt": "text", "b.html": "html", "c.json": "text", "d.jsonl:1": "text", "d.jsonl:2": "html", "e.txt.gz": "text"}
    by_source = {i.source.split("/")[-1]: i for i in items}
    assert by_source["c.json"].id == "c1" and by_source["c.json"].published == "2024-01-05"
    assert by_source["d.jsonl:2"].url == "https://x.org/a"


def test_folders_are_read_recursively(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.txt").write_text(ARTICLE)
    assert len(_read(tmp_path)) == 1


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    (item,) = _read("-")
    assert isinstance(item, RawDocument) and item.source == "-" and item.kind == "text"


def test_bad_inputs_are_rejected_with_one_line_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("   \n\n ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait pour tout le monde.".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("word " * 300_000)
    (tmp_path / "lines.jsonl").write_text('{"text": "fine text here"}\nnot json at all\n{"title": "no text"}\n[1, 2]\n')
    (tmp_path / "broken.gz").write_bytes(b"not gzip")
    items = {i.source.split("/")[-1]: i for i in _read(tmp_path, max_bytes=1_000_000)}
    reasons = {name: item.reason for name, item in items.items() if isinstance(item, Rejected)}
    assert reasons["empty.txt"].startswith("empty input")
    assert reasons["blank.txt"].startswith("empty input")
    assert reasons["binary.txt"].startswith("binary data")
    assert reasons["latin1.txt"].startswith("undecodable bytes")
    assert "over the 1.0 MB limit" in reasons["huge.txt"]
    assert reasons["lines.jsonl:2"].startswith("line is not JSON")
    assert "no non-empty `text` or `html`" in reasons["lines.jsonl:3"]
    assert "not an object" in reasons["lines.jsonl:4"]
    assert reasons["broken.gz"].startswith("not a valid gzip file")
    assert isinstance(items["lines.jsonl:1"], RawDocument)
    assert all("\n" not in reason for reason in reasons.values())


def test_missing_path_is_rejected(tmp_path):
    (item,) = _read(tmp_path / "nope.txt")
    assert isinstance(item, Rejected) and item.reason == "no such file or folder"


def test_content_hash_is_stable_and_content_sensitive():
    a = RawDocument("x", "text", "same text")
    assert a.content_hash == RawDocument("y", "text", "same text").content_hash
    assert a.content_hash != RawDocument("x", "text", "other text").content_hash
