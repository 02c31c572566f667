"""Turn paths (files, folders, `-` for stdin) into raw documents.

Reads: bytes from disk or stdin. Yields `RawDocument` for every item that could
be read and `Rejected` (with a one-line reason) for every item that could not,
so that a batch never loses an item without a trace.
"""
from __future__ import annotations

import gzip
import hashlib
import json
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
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES


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
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith("."):
                    continue
                yield from _read_file(child, max_bytes)
        elif path.exists():
            yield from _read_file(path, max_bytes)
        else:
            yield Rejected(str(path), "no such file or folder")


def _read_stdin(max_bytes: int) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    yield from _read_bytes(data, "-", kind=None, max_bytes=max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Rejected(str(path), f"cannot read file: {error.strerror or error}")
        return
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            yield Rejected(str(path), f"not a valid gzip file: {error}")
            return
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    kind = _kind_for_suffix(suffix)
    yield from _read_bytes(data, str(path), kind=kind, max_bytes=max_bytes)


def _kind_for_suffix(suffix: str) -> str | None:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None  # sniff the content


def _read_bytes(data: bytes, source: str, *, kind: str | None, max_bytes: int) -> Iterator[Item]:
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
        return data.decode("utf-16")
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
    records: list[tuple[str, str]]
    try:
        whole = json.loads(stripped)
    except json.JSONDecodeError:
        whole = None
        records = [
            (f"{source}:{number}", line)
            for number, line in enumerate(stripped.splitlines(), start=1)
            if line.strip()
        ]
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


def record_to_document(record: str | object, source: str, max_bytes: int) -> RawDocument:
    """One JSON record (`text` or `html`, optional `id`, `title`, `url`, `published`)."""
    if isinstance(record, str):
        try:
            record = json.loads(record)
        except json.JSONDecodeError as error:
            raise RecordError(f"line is not JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(record, dict):
        raise RecordError(f"record is a JSON {type(record).__name__}, not an object")
    html, text = record.get("html"), record.get("text")
    if isinstance(html, str) and html.strip():
        kind, content = "html", html
    elif isinstance(text, str) and text.strip():
        kind, content = "text", text
    else:
        raise RecordError("record has no non-empty `text` or `html` field")
    check_size(len(content.encode("utf-8", "surrogatepass")), max_bytes)

    def optional(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    return RawDocument(
        source=source,
        kind=kind,
        content=content,
        id=optional("id"),
        title=optional("title"),
        url=optional("url"),
        published=optional("published"),
    )
