"""Turn paths (files, folders, `-` for stdin) into raw documents.

Reads: bytes from disk or stdin — text, HTML, JSON/JSONL (newsgraph's own records
and news-please's), RSS/Atom feeds (`feed.py`), WARC archives (`warc.py`), and
gzip of these. Yields `RawDocument` for every item that could be read and
`Rejected` (with a one-line reason) for every item that could not, so that a
batch never loses an item without a trace. Sources are always valid Unicode
(bytes of a file name that are not UTF-8 are written as `\\xNN`), so every
item can be logged.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingInputError,
    InputError,
    RecordError,
    TooLargeInputError,
)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom"}
WARC_SUFFIXES = {".warc"}
XML_SUFFIXES = {".xml"}  # a feed, or a page: the content decides
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES | XML_SUFFIXES
GZIP_MAGIC = b"\x1f\x8b"
DEEP_JSON = "JSON nested too deeply"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read, before cleaning."""

    source: str  # path, with `:LINE` for JSONL records; `-` for stdin
    kind: str  # "text" | "html"
    content: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    # the day the page was fetched (WARC-Date, news-please's date_download): the
    # publication date only when the page itself gives none
    crawled: str | None = None
    author: str | None = None
    language: str | None = None  # as the input declares it; the language guesser decides

    @property
    def content_hash(self) -> str:
        """Identity of the input for idempotent ingest: same bytes in, same hash."""
        digest = hashlib.sha256()
        for part in (self.kind, self.content, self.url or "", self.published or ""):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input item that could not be read, with a one-line reason."""

    source: str
    reason: str


Item = RawDocument | Rejected


def read_paths(paths: Iterable[str | Path], *, max_bytes: int = 5_000_000) -> Iterator[Item]:
    """Yield every item under `paths`, in a stable order (folders sorted, recursive)."""
    for path in paths:
        if str(path) == "-":
            yield from _read_stdin(max_bytes)
            continue
        path = Path(path)
        try:
            mode = path.stat().st_mode
        except (FileNotFoundError, NotADirectoryError):
            yield Rejected(display_path(path), "no such file or folder")
            continue
        except OSError as error:
            yield Rejected(display_path(path), f"cannot read: {error.strerror or error}")
            continue
        if stat.S_ISDIR(mode):
            yield from _read_folder(path, max_bytes)
        else:
            # a named pipe given by name is read too: `analyze <(zcat feed.gz)`
            yield from _read_file(path, max_bytes)


def display_path(path: str | os.PathLike) -> str:
    """The path as valid Unicode: bytes that are not UTF-8 become `\\xNN`.

    Python keeps such bytes as lone surrogates, which the store (and a UTF-8
    terminal) cannot encode; the escaped form can always be logged.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read_folder(folder: Path, max_bytes: int) -> Iterator[Item]:
    for path, problem in _folder_entries(folder):
        if problem:
            yield Rejected(display_path(path), problem)
        else:
            yield from _read_file(path, max_bytes)


def _folder_entries(folder: Path) -> list[tuple[Path, str | None]]:
    """Every file under `folder`, sorted, with the reason it cannot be read (None when it can).

    Folders that cannot be listed and entries that are not regular files are
    returned with their reason rather than passed over, so that each gets a log row.
    """
    unlisted: list[OSError] = []
    entries: list[tuple[Path, str | None]] = []
    for directory, folders, files in os.walk(folder, onerror=unlisted.append):
        for name in folders:
            if os.path.islink(os.path.join(directory, name)):
                entries.append((Path(directory, name), "link to a folder, not followed (give the folder itself)"))
        entries += [(Path(directory, name), None) for name in files if not name.startswith(".")]
    entries = [(path, problem or _unreadable_file(path)) for path, problem in entries]
    entries += [(Path(error.filename), f"cannot read folder: {error.strerror or error}") for error in unlisted]
    return sorted(entries, key=lambda entry: entry[0])


def _unreadable_file(path: Path) -> str | None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "broken link (its target does not exist)" if path.is_symlink() else "no such file or folder"
    except OSError as error:
        return f"cannot read file: {error.strerror or error}"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe, socket or device)"
    return None


def _read_stdin(max_bytes: int) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    yield from _read_bytes(data, "-", kind=None, max_bytes=max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    source = display_path(path)
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    if compressed:
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    if suffix in WARC_SUFFIXES:
        # archives run to gigabytes: read record by record, never whole
        yield from _read_warc_file(path, source, max_bytes)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Rejected(source, f"cannot read file: {error.strerror or error}")
        return
    if compressed:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            yield Rejected(source, f"not a valid gzip file: {error}")
            return
    yield from _read_bytes(data, source, kind=_kind_for_suffix(suffix), max_bytes=max_bytes)


def _read_warc_file(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    from newsgraph.ingest.warc import read_warc

    try:
        stream = path.open("rb")
    except OSError as error:
        yield Rejected(source, f"cannot read file: {error.strerror or error}")
        return
    with stream:
        yield from read_warc(stream, source, max_bytes=max_bytes)


def _kind_for_suffix(suffix: str) -> str | None:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return None  # sniff the content


def _read_bytes(data: bytes, source: str, *, kind: str | None, max_bytes: int) -> Iterator[Item]:
    if kind is None:
        from newsgraph.ingest.feed import looks_like_feed
        from newsgraph.ingest.warc import looks_like_warc, read_warc

        if looks_like_warc(data[:1024]):
            yield from read_warc(io.BytesIO(data), source, max_bytes=max_bytes)
            return
        if data.startswith(GZIP_MAGIC):  # stdin, or a file whose name does not say
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError) as error:
                yield Rejected(source, f"not a valid gzip file: {error}")
                return
            yield from _read_bytes(data, source, kind=None, max_bytes=max_bytes)
            return
        if looks_like_feed(data):
            kind = "feed"
    if kind == "feed":
        from newsgraph.ingest.feed import read_feed

        yield from read_feed(data, source, max_bytes=max_bytes)
        return
    try:
        text = decode(data, source_kind=kind)
        kind = kind or sniff_kind(text)
        if kind == "json":
            yield from _read_json(text, source, max_bytes)
            return
        check_size(len(data), max_bytes)
        if not text.strip():
            raise EmptyInputError("empty input (no text)")
        yield RawDocument(source=source, kind=kind, content=text)
    except InputError as error:
        yield Rejected(source, str(error))


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise TooLargeInputError(
            f"input is {_size(size)}, over the {_size(max_bytes)} limit (raise it with --max-bytes)"
        )


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


def decode(data: bytes, *, source_kind: str | None = None) -> str:
    """Decode bytes as UTF-8 (or UTF-16 with a BOM); refuse binary data and bad bytes."""
    if not data.strip():
        raise EmptyInputError("empty input (no text)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise EncodingInputError(
                f"undecodable bytes: not valid UTF-16 at byte {error.start} (convert the file to UTF-8)"
            ) from None
    head = data[:8192]
    if b"\x00" in head or _looks_binary(head):
        raise BinaryInputError("binary data, not text, HTML or JSON")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if source_kind == "html" or (source_kind is None and _looks_like_html(data[:4096])):
            return _decode_html(data)
        raise EncodingInputError(
            f"undecodable bytes: not valid UTF-8 at byte {error.start} "
            "(convert the file to UTF-8)"
        ) from None


def _looks_binary(head: bytes) -> bool:
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(head) // 50)


def _looks_like_html(head: bytes) -> bool:
    lowered = head.lower()
    return b"<html" in lowered or b"<!doctype html" in lowered or b"<body" in lowered


def _decode_html(data: bytes) -> str:
    """HTML declares its own charset; trafilatura's decoder honours it."""
    from trafilatura.utils import decode_file

    text = decode_file(data)
    if not isinstance(text, str):
        raise EncodingInputError("undecodable bytes: HTML in an unknown encoding")
    return text


def sniff_kind(text: str) -> str:
    stripped = text.lstrip()[:2048].lower()
    if stripped.startswith(("{", "[")):
        return "json"
    if stripped.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in stripped:
        return "html"
    return "text"


def _read_json(text: str, source: str, max_bytes: int) -> Iterator[Item]:
    """A JSON object, a JSON array of objects, or JSON Lines (one object a line)."""
    stripped = text.strip()
    if not stripped:
        yield Rejected(source, "empty input (no text)")
        return
    records: list[tuple[str, str | object]]
    try:
        whole = json.loads(stripped)
    except json.JSONDecodeError:
        records = _json_lines(stripped, source)
    except RecursionError:
        records = _records_around_deep_json(stripped, source)
    else:
        items = whole if isinstance(whole, list) else [whole]
        records = [
            (f"{source}:{number}" if isinstance(whole, list) else source, item)
            for number, item in enumerate(items, start=1)
        ]
    for item_source, record in records:
        try:
            yield record_to_document(record, item_source, max_bytes)
        except InputError as error:
            yield Rejected(item_source, str(error))


def _json_lines(text: str, source: str) -> list[tuple[str, str | object]]:
    return [
        (f"{source}:{number}", line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


# A JSON string, or one of the characters that give JSON its structure.
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]')


def _records_around_deep_json(text: str, source: str) -> list[tuple[str, str | object]]:
    """The records of a JSON text whose first value is nested too deeply to parse.

    Python's parser recurses per level, so such a value cannot be read; it is cut
    out by counting brackets instead, and the records beside it are kept: the
    other lines of JSON Lines, or the other elements of an array.
    """
    first_end = _end_of_first_value(text)
    if first_end is not None and "\n" not in text[:first_end] and text[first_end:].strip():
        return _json_lines(text, source)
    if text.startswith("["):
        elements = _array_elements(text)
        if elements is not None:
            return [(f"{source}:{number}", element) for number, element in enumerate(elements, start=1)]
    return [(source, text)]


def _end_of_first_value(text: str) -> int | None:
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
        elif mark in "]}":
            depth -= 1
            if depth <= 0:
                return token.end()
        elif depth == 0:
            return token.end()  # a string at the top level
    return None


def _array_elements(text: str) -> list[str] | None:
    """The elements of a top-level JSON array, as text; None when the brackets do not balance."""
    elements: list[str] = []
    depth = 0
    start = 0
    for token in _JSON_TOKENS.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth == 1:
                start = token.end()
        elif mark in "]}":
            depth -= 1
            if depth == 0:
                last = text[start:token.start()].strip()
                if last or elements:
                    elements.append(last)
                return elements
        elif mark == "," and depth == 1:
            elements.append(text[start:token.start()].strip())
            start = token.end()
    return None


def record_to_document(record: str | object, source: str, max_bytes: int) -> RawDocument:
    """One JSON record: newsgraph's own (`text` or `html`, optional `id`, `title`, `url`,
    `published`) or news-please's (`maintext` or `text`, `title`, `url`, `date_publish`,
    `date_download`, `authors`, `language`)."""
    if isinstance(record, str):
        try:
            record = json.loads(record)
        except json.JSONDecodeError as error:
            raise RecordError(f"line is not JSON: {error.msg} at column {error.colno}") from None
        except RecursionError:
            raise RecordError(DEEP_JSON) from None
    if not isinstance(record, dict):
        raise RecordError(f"record is a JSON {type(record).__name__}, not an object")
    html, text, maintext = record.get("html"), record.get("text"), record.get("maintext")
    if isinstance(html, str) and html.strip():
        kind, content = "html", html
    elif isinstance(text, str) and text.strip():
        kind, content = "text", text
    elif isinstance(maintext, str) and maintext.strip():
        kind, content = "text", maintext
    else:
        raise RecordError("record has no non-empty `text` or `html` field (nor news-please's `maintext`)")
    check_size(len(content.encode("utf-8", "surrogatepass")), max_bytes)

    def optional(key: str) -> str | None:
        value = record.get(key)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None  # a nested value is no title or date
        return valid_unicode(str(value)) if value != "" else None

    authors = record.get("authors")
    if isinstance(authors, list):
        author = ", ".join(valid_unicode(a.strip()) for a in authors if isinstance(a, str) and a.strip()) or None
    else:
        author = optional("author")
    return RawDocument(
        source=source,
        kind=kind,
        content=valid_unicode(content),
        id=optional("id"),
        title=optional("title"),
        url=optional("url"),
        # newsgraph's own `published` is kept as given: it is part of the content hash
        published=optional("published") or _day(optional("date_publish")),
        crawled=_day(optional("date_download")),
        author=author,
        language=optional("language"),
    )


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?=$|[ T])")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _day(value: str | None) -> str | None:
    """`YYYY-MM-DD` from news-please's `YYYY-MM-DD HH:MM:SS`; other forms go on to the cleaner."""
    if value is None:
        return None
    match = _ISO_DAY.match(value.strip())
    return match.group() if match else value


def valid_unicode(text: str) -> str:
    """JSON may escape half of a surrogate pair (`\\ud83d`); such a half is no character, cannot
    be stored or printed, and becomes U+FFFD (one for one, so offsets stay the same)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
