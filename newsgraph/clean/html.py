"""Main text and metadata from an HTML page, with trafilatura.

Reads: HTML. Returns the extracted body (paragraphs separated by blank lines)
and the page's title, date, author, site, URL and language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml.etree import ParserError

from newsgraph.errors import NoArticleError

MIN_ARTICLE_WORDS = 10
# trafilatura's fallbacks (readability, and justext, whose paragraph revision is quadratic:
# a 400 KB table took 122 s) run only on pages with at most this many block elements. The
# pages of the extraction benchmark have up to about 950; a 1 MB data table has ~45,000.
# Above it trafilatura runs in its fast mode, main extractor only, in linear time.
MAX_FALLBACK_BLOCKS = 5000
_BLOCK_TAG = re.compile(
    r"<(?:p|div|li|td|th|tr|dd|dt|h[1-6]|pre|blockquote|table|ul|ol|dl|section|article|header|footer"
    r"|nav|aside|form|br)\b",
    re.IGNORECASE,
)

_BLOCKS = (
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br",
    "header", "footer", "nav", "aside", "section", "article", "figcaption", "blockquote", "a", "span",
)


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
    left_out: list[str]  # visible page lines outside the main text
    title: str | None
    published: str | None
    author: str | None
    site: str | None
    url: str | None
    language: str | None


def extract_page(html: str, *, url: str | None = None) -> ExtractedPage:
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        fast=count_blocks(html, stop_after=MAX_FALLBACK_BLOCKS) > MAX_FALLBACK_BLOCKS,
    )
    # trafilatura's balanced default: on the two halves of the extraction benchmark
    # (ids sorted, even/odd) favor_precision won one half and lost the other, and
    # favor_recall lost both, so neither bias generalises. Rerun eval before changing.
    words = len((document.text or "").split()) if document is not None else 0
    if words < MIN_ARTICLE_WORDS:
        # trafilatura falls back to any text it finds; a few words are a menu, not an article.
        raise NoArticleError(f"page has no article text ({words} words outside markup)")
    text = "\n\n".join(line.strip() for line in document.text.split("\n") if line.strip())
    return ExtractedPage(
        text=text,
        left_out=visible_lines_outside(html, text),
        title=_clean(document.title),
        published=_clean(document.date),
        author=_clean(document.author),
        site=_clean(document.sitename),
        url=_clean(document.url) or url,
        language=_clean(document.language),
    )


def count_blocks(html: str, *, stop_after: int) -> int:
    """Block-level start tags in the page (what justext makes paragraphs of), counted up
    to one past `stop_after`."""
    count = 0
    for _ in _BLOCK_TAG.finditer(html):
        count += 1
        if count > stop_after:
            break
    return count


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def visible_lines_outside(html: str, body: str) -> list[str]:
    """The page's visible text lines that are not part of the extracted body.

    trafilatura drops navigation, headers, footers and adverts without saying
    what; this keeps a record of them so that nothing vanishes without a trace.
    """
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    for element in tree.xpath("//script|//style|//noscript|//head|//template|//svg"):
        element.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    body_key = " ".join(body.split()).casefold()
    left_out, seen = [], set()
    # Page lines inside the body come in the body's order: each is first looked for from
    # where the last one was found, so a long body is not searched from its start for
    # every line (that made large pages quadratic); a line not found there is looked for
    # in the rest, so the test is still "anywhere in the body".
    position = 0
    for line in tree.text_content().split("\n"):
        line = " ".join(line.split())
        key = line.casefold()
        if not line or key in seen:
            continue
        found = body_key.find(key, position)
        if found < 0:
            found = body_key.find(key, 0, position + len(key))
        if found >= 0:
            position = found
            continue
        seen.add(key)
        left_out.append(line)
    return left_out
