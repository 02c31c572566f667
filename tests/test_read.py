"""Every input format, and every kind of bad input, read into documents or rejections."""
import gzip
import io
import json
import os
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


# -- news-please ----------------------------------------------------------------

NEWS_PLEASE = {
    "authors": ["Kari Nordmann", "Ola Hansen"],
    "date_download": "2024-06-18 01:02:03",
    "date_modify": None,
    "date_publish": "2024-06-17 09:30:00",
    "description": "The harbour reopened.",
    "filename": "https%3A%2F%2Fnews.example%2Fharbour.json",
    "image_url": None,
    "language": "en",
    "localpath": None,
    "maintext": "The harbour in Bergen reopened on Monday after a two-day storm, the port authority said.",
    "source_domain": "news.example",
    "title": "Harbour reopens",
    "title_page": None,
    "title_rss": None,
    "url": "https://news.example/harbour",
}


def test_news_please_records_keep_their_date_url_and_authors(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps(NEWS_PLEASE, indent=4))  # news-please writes one object a file
    (tmp_path / "many.json").write_text(json.dumps([NEWS_PLEASE, {**NEWS_PLEASE, "date_publish": None}]))
    older = {**NEWS_PLEASE, "text": NEWS_PLEASE["maintext"], "date_publish": "2019-03-05T10:00:00"}
    del older["maintext"]  # news-please before 1.5 called the body `text`
    (tmp_path / "lines.jsonl").write_text(json.dumps(older) + "\n" + json.dumps({**NEWS_PLEASE, "maintext": None}) + "\n")
    items = {i.source.rsplit("/", 1)[-1]: i for i in _read(tmp_path)}
    one = items["one.json"]
    assert (one.kind, one.title, one.url, one.published) == ("text", "Harbour reopens", "https://news.example/harbour", "2024-06-17")
    assert one.content == NEWS_PLEASE["maintext"]
    assert (one.crawled, one.author, one.language) == ("2024-06-18", "Kari Nordmann, Ola Hansen", "en")
    assert items["many.json:1"].published == "2024-06-17"
    assert (items["many.json:2"].published, items["many.json:2"].crawled) == (None, "2024-06-18")
    assert items["lines.jsonl:1"].published == "2019-03-05"
    assert "nor news-please's `maintext`" in items["lines.jsonl:2"].reason


def test_newsgraph_published_is_kept_as_given():
    from newsgraph.ingest.read import record_to_document

    record = {"text": "Some text.", "published": "2024-01-05T10:00", "date_publish": "2023-01-01 00:00:00"}
    assert record_to_document(record, "x", 1_000).published == "2024-01-05T10:00"


# -- bounded reading ---------------------------------------------------------------

DEEP_ARRAY = "[" * 5000 + "]" * 5000
DEEP_OBJECT = '{"a": ' * 5000 + "1" + "}" * 5000


def test_deeply_nested_json_costs_only_its_own_item(tmp_path):
    before, after = json.dumps({"text": "The first article."}), json.dumps({"text": "The last article."})
    (tmp_path / "middle.jsonl").write_text(f"{before}\n{DEEP_ARRAY}\n{after}\n")
    (tmp_path / "first.jsonl").write_text(f"{DEEP_OBJECT}\n{after}\n")
    (tmp_path / "array.json").write_text(f'[{before},\n{DEEP_ARRAY}, {{"text": "brackets ] in a string }}, and a \\" quote"}}, {after}]')
    (tmp_path / "whole.json").write_text("{\n" + '"text": "x", "deep":\n' + "[\n" * 3000 + "]\n" * 3000 + "}\n")
    items = {i.source.rsplit("/", 1)[-1]: i for i in _read(tmp_path)}
    assert items["middle.jsonl:2"].reason == "JSON nested too deeply"
    assert items["middle.jsonl:1"].content == "The first article." and items["middle.jsonl:3"].content == "The last article."
    assert items["first.jsonl:1"].reason == "JSON nested too deeply"
    assert items["first.jsonl:2"].content == "The last article."
    assert items["array.json:2"].reason == "JSON nested too deeply"
    assert items["array.json:1"].content == "The first article."
    assert items["array.json:3"].content == 'brackets ] in a string }, and a " quote'
    assert items["array.json:4"].content == "The last article."
    assert items["whole.json"].reason == "JSON nested too deeply"
    assert len(items) == 10


def test_a_file_name_that_is_not_utf8_is_read_under_an_escaped_name(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"bad\xff.txt"), "wb") as handle:
        handle.write(ARTICLE.encode())
    with open(os.path.join(folder, b"empty\xfe.txt"), "wb"):
        pass
    items = {i.source.rsplit("/", 1)[-1]: i for i in _read(tmp_path)}
    assert set(items) == {"bad\\xff.txt", "empty\\xfe.txt"}
    assert isinstance(items["bad\\xff.txt"], RawDocument) and items["bad\\xff.txt"].content == ARTICLE
    assert items["empty\\xfe.txt"].reason.startswith("empty input")
    for item in items.values():
        item.source.encode("utf-8")  # what the store and the terminal need
    (missing,) = _read(os.fsdecode(folder + b"/gone\xff.txt"))
    assert missing.source.endswith("gone\\xff.txt") and missing.reason == "no such file or folder"


def _unreadable_folder_and_file(tmp_path, monkeypatch):
    """Make `in/locked/` unlistable and `in/secret.txt` unreadable, for root (who reads anything) too."""
    import pathlib

    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "x.txt").write_text(ARTICLE)
    (folder / "secret.txt").write_text(ARTICLE)
    (folder / "ok.txt").write_text(ARTICLE)
    if os.geteuid() != 0:
        (folder / "locked").chmod(0)
        (folder / "secret.txt").chmod(0)
        return folder
    real_scandir, real_read_bytes = os.scandir, pathlib.Path.read_bytes

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    def read_bytes(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    return folder


def test_unreadable_folders_and_files_are_logged_and_the_rest_is_read(tmp_path, monkeypatch):
    folder = _unreadable_folder_and_file(tmp_path, monkeypatch)
    try:
        items = {i.source.rsplit("/", 1)[-1]: i for i in _read(folder)}
    finally:
        (folder / "locked").chmod(0o755)
        (folder / "secret.txt").chmod(0o644)
    assert items["locked"].reason == "cannot read folder: Permission denied"
    assert items["secret.txt"].reason == "cannot read file: Permission denied"
    assert isinstance(items["ok.txt"], RawDocument)
    assert len(items) == 3


def test_special_entries_in_a_folder_are_logged(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(ARTICLE)
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    items = {i.source[len(str(tmp_path)) + 1 :]: i for i in _read(tmp_path)}
    assert isinstance(items["real/a.txt"], RawDocument)
    assert items["linked"].reason.startswith("link to a folder, not followed")
    assert items["dangling.txt"].reason.startswith("broken link")
    assert items["pipe.txt"].reason.startswith("not a regular file")
    assert len(items) == 4


def test_broken_utf16_and_half_surrogates_are_handled(tmp_path):
    (tmp_path / "utf16.txt").write_bytes(b"\xff\xfe" + "Hello".encode("utf-16-le") + b"\x00\xd8")
    (tmp_path / "half.jsonl").write_text('{"text": "An emoji cut in half: \\ud83d and the rest.", "title": ["not", "a", "title"]}\n')
    items = {i.source.rsplit("/", 1)[-1]: i for i in _read(tmp_path)}
    assert items["utf16.txt"].reason.startswith("undecodable bytes: not valid UTF-16")
    assert items["half.jsonl"].content == "An emoji cut in half: \ufffd and the rest."
    assert items["half.jsonl"].title is None
