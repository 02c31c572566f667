"""WARC web archives (CC-NEWS, Heritrix, wget, warcio) → one raw document per HTML page.

Reads: a seekable WARC or WARC.gz stream, with warcio. Yields a `RawDocument`
(kind html) for every successful HTML response, with its target URL and crawl
date, and a `Rejected` for every HTML response that cannot be read and for
every corrupt stretch of the file. After a corrupt record, reading goes on at
the next record that parses. Requests, metadata, revisits, redirects, error
pages and non-HTML responses are not articles, and are passed over.
"""
from __future__ import annotations

import codecs
import gzip
import re
from collections.abc import Iterator
from typing import BinaryIO

from newsgraph.errors import InputError, TooLargeInputError
from newsgraph.ingest.read import (
    RawDocument,
    Rejected,
    _looks_binary,
    _looks_like_html,
    _size,
    decode,
)

GZIP_MAGIC = b"\x1f\x8b\x08"
HTML_TYPES = {"text/html", "application/xhtml+xml"}
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SCAN_CHUNK = 1 << 20


def looks_like_warc(head: bytes) -> bool:
    """A WARC file starts with its version line; a WARC.gz with a gzip member holding it."""
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(GZIP_MAGIC):
        import zlib

        try:
            start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
        return start.startswith(b"WARC/")
    return False


def read_warc(stream: BinaryIO, source: str, *, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    """Every HTML page in the archive; `source@OFFSET` names a record by its byte offset."""
    start = stream.read(3)
    if not start:
        yield Rejected(source, "empty input (no WARC records)")
        return
    compressed = start == GZIP_MAGIC
    yield from _read_records(stream, source, compressed=compressed, max_bytes=max_bytes)


def _read_records(
    stream: BinaryIO, source: str, *, compressed: bool, max_bytes: int, skip: int = 0
) -> Iterator[RawDocument | Rejected]:
    from warcio.archiveiterator import WARCIterator

    start: int | None = 0
    handled: set[int] = set()  # offsets of records already read (and logged, when they were pages)
    seen = 0
    resyncing = False  # after a corrupt record, candidates that do not parse are not logged again
    while start is not None:
        stream.seek(start)
        records = WARCIterator(stream)  # WARC only: anything read as ARC here is damage
        try:
            for record in records:
                offset = records.offset
                handled.add(offset)
                resyncing = False
                seen += 1
                if seen <= skip:
                    continue
                item = _record_item(record, f"{source}@{offset}", max_bytes)
                if item is not None:
                    yield item
            # warcio ends quietly at a record cut off inside its header
            failed_at, reason = records.offset, "unreadable WARC record (truncated or corrupt header)"
            if not _has_data_after(stream, failed_at):
                return
        except Exception as error:  # warcio's many failures (format, gzip, HTTP headers) all cost one record
            if compressed and "non-chunked gzip" in str(error):
                # gzipped as a whole rather than record by record: read it through one decompressor
                stream.seek(0)
                yield from _read_records(
                    gzip.GzipFile(fileobj=stream), source, compressed=False, max_bytes=max_bytes, skip=seen
                )
                return
            failed_at, reason = records.offset, f"corrupt WARC record: {_failure(error)}"
        if failed_at not in handled and not resyncing:
            yield Rejected(f"{source}@{failed_at}", reason)
        resyncing = True
        try:
            start = _next_record_start(stream, failed_at + 1, compressed=compressed)
        except (OSError, EOFError) as read_error:
            yield Rejected(f"{source}@{failed_at}", f"cannot read on in WARC file: {_one_line(read_error)}")
            return


def _next_record_start(stream: BinaryIO, position: int, *, compressed: bool) -> int | None:
    """Where the next record may begin: a gzip member header, or a `WARC/` version line."""
    marker = GZIP_MAGIC if compressed else b"\nWARC/"
    stream.seek(position)
    carried = b""
    base = position
    while True:
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        window = carried + chunk
        found = window.find(marker)
        if found >= 0:
            return base + found + (0 if compressed else 1)
        keep = len(marker) - 1
        carried = window[-keep:]
        base += len(window) - len(carried)


def _has_data_after(stream: BinaryIO, position: int) -> bool:
    try:
        stream.seek(position)
        return bool(stream.read(4096).strip())
    except (OSError, EOFError):
        return True


def _record_item(record, source: str, max_bytes: int) -> RawDocument | Rejected | None:
    """A page, a rejection with its reason, or None for a record that is no article.

    Any record, page or not, that the file cuts short is reported: warcio itself
    reads a truncated record as if it were whole.
    """
    if record.format == "warc" and record.rec_headers.get_header("Content-Length") is None:
        return Rejected(source, "corrupt WARC record: its header has no Content-Length (truncated?)")
    item = _page_item(record, source, max_bytes)
    try:
        missing = _bytes_missing(record)
    except Exception as error:  # the rest of the record does not decompress
        return Rejected(source, f"corrupt WARC record: {_one_line(error)}")
    if missing:
        return Rejected(source, f"truncated WARC record: {missing:,} bytes are missing")
    return item


def _bytes_missing(record) -> int:
    """How many of the bytes the header announced the file does not hold.

    Reads the rest of the record, which warcio would read anyway to reach the next one.
    """
    while record.raw_stream.read(_SCAN_CHUNK):
        pass
    return getattr(record.raw_stream, "limit", 0)


def _page_item(record, source: str, max_bytes: int) -> RawDocument | Rejected | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None  # redirects and error pages are not articles
    content_type = record.http_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return None
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>") or None
    crawled = record.rec_headers.get_header("WARC-Date") or ""
    try:
        payload = record.content_stream().read(max_bytes + 1)
        if len(payload) > max_bytes:
            raise TooLargeInputError(
                f"page is over the {_size(max_bytes)} limit (raise it with --max-bytes)"
            )
        if not mime and not _looks_like_html(payload[:4096]):
            return None
        text = _decode_page(payload, content_type)
    except InputError as error:
        return Rejected(source, str(error))
    except Exception as error:  # a broken chunked or compressed body costs this record only
        return Rejected(source, f"corrupt WARC record: {_one_line(error)}")
    return RawDocument(
        source=source,
        kind="html",
        content=text,
        url=url,
        crawled=crawled[:10] if _ISO_DAY.match(crawled) else None,
    )


def _decode_page(payload: bytes, content_type: str) -> str:
    """The charset the server declared wins; else UTF-8, else what the page declares."""
    declared = _CHARSET.search(content_type.encode("latin-1", "replace"))
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            codec = None
        head = payload[:8192]
        if codec and codec != "utf-8" and payload.strip() and b"\x00" not in head and not _looks_binary(head):
            try:
                return payload.decode(codec)
            except UnicodeDecodeError:
                pass
    return decode(payload, source_kind="html")


def _failure(error: Exception) -> str:
    found = str(error).partition("first line:")[2]
    if str(error).startswith("Invalid WARC record") and found:
        # warcio quotes the whole line, which in a damaged WARC.gz is compressed bytes
        return f'no WARC header where a record should start (found "{_one_line(found)[:24].strip()}")'
    return _one_line(error)


def _one_line(error: object) -> str:
    """A reason to log: warcio quotes the bad bytes, which may be binary, and at length."""
    text = "".join(c if " " <= c <= "~" else " " for c in str(error))
    text = " ".join(text.split())
    return (text[:80] + "…" if len(text) > 80 else text) or type(error).__name__
