"""RSS and Atom feeds → one raw document per item.

Reads: the feed's bytes (feedparser honours the encoding the XML declares).
Yields a `RawDocument` per item — its content, or, when the item has no
content, its summary — with the item's link, title and date, and a `Rejected`
for each item that holds neither, or for a file that is no feed.

An item's HTML is a fragment that feedparser has already sanitised, not a page:
it becomes plain text here, one paragraph per block element, and goes on to
the plain-text cleaning. Main-text extraction is made for whole pages; on a
fragment it drops one-paragraph items and runs paragraphs together.
"""
from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from newsgraph.errors import InputError, RecordError
from newsgraph.ingest.read import RawDocument, Rejected, check_size

# The first element after the XML prolog, comments and doctype names the format.
_FEED_ROOT = re.compile(
    rb"^(?:\s|<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)*<(?:[\w.-]+:)?(?:rss|feed|rdf)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
    "section", "article", "figure", "figcaption", "pre", "table", "dd", "dt",
}


def looks_like_feed(data: bytes) -> bool:
    """RSS (`<rss>`, RSS 1.0's `<rdf:RDF>`) or Atom (`<feed>`) by its root element."""
    head = data[:4096]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return _FEED_ROOT.match(head) is not None


def read_feed(data: bytes, source: str, *, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    import feedparser

    # A file-like object, never a string: given a string, feedparser may open it as a path or URL.
    feed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    if not feed.entries:
        if feed.bozo:
            problem = _one_line(feed.get("bozo_exception")) or "unrecognised format"
            yield Rejected(source, f"not a readable RSS or Atom feed: {problem}")
        else:
            yield Rejected(source, "feed has no items")
        return
    for number, entry in enumerate(feed.entries, start=1):
        item_source = f"{source}:{number}"
        try:
            yield _entry_document(entry, item_source, max_bytes)
        except InputError as error:
            yield Rejected(item_source, str(error))


def _entry_document(entry, source: str, max_bytes: int) -> RawDocument:
    content = _entry_text(entry)
    if not content.strip():
        raise RecordError("feed item has no content or summary")
    check_size(len(content.encode("utf-8", "surrogatepass")), max_bytes)
    return RawDocument(
        source=source,
        kind="text",
        content=content,
        title=_text_or_none(entry.get("title")),
        url=_text_or_none(entry.get("link")),
        published=_entry_day(entry),
        author=_text_or_none(entry.get("author")),
    )


def _entry_text(entry) -> str:
    """The item's content, else its summary, as plain text."""
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        body = next((c for c in contents if c.get("type") in _HTML_TYPES), contents[0])
    else:
        body = {"value": entry.get("summary") or "", "type": (entry.get("summary_detail") or {}).get("type")}
    if body.get("type") in _HTML_TYPES:
        return html_fragment_text(body["value"])
    return body["value"]


def html_fragment_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one paragraph per block element."""
    import lxml.html
    from lxml.etree import ParserError

    if "<" not in fragment:
        return html.unescape(fragment).strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment.strip()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _entry_day(entry) -> str | None:
    """The item's date as written (the day in its own time zone), published before updated."""
    for key in ("published", "updated", "created"):
        written = entry.get(key)
        if written:
            day = _parse_day(str(written))
            if day:
                return day
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            try:
                return date(*parsed[:3]).isoformat()
            except (TypeError, ValueError):
                continue
    return None


def _parse_day(written: str) -> str | None:
    try:
        return parsedate_to_datetime(written).date().isoformat()  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(written.strip().replace("Z", "+00:00")).date().isoformat()  # Atom: RFC 3339
    except ValueError:
        return None


def _text_or_none(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _one_line(error: object) -> str:
    return " ".join(str(error or "").split())
