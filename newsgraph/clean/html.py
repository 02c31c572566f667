"""Main text and metadata from an HTML page, with trafilatura.

Reads: HTML. Returns the extracted body (paragraphs separated by blank lines)
and the page's title, date, author, site, URL and language.
"""
from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from newsgraph.errors import NoArticleError


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
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
        favor_recall=True,
    )
    if document is None or not (document.text or "").strip():
        raise NoArticleError("page has no article text (only navigation or markup)")
    text = "\n\n".join(line.strip() for line in document.text.split("\n") if line.strip())
    return ExtractedPage(
        text=text,
        title=_clean(document.title),
        published=_clean(document.date),
        author=_clean(document.author),
        site=_clean(document.sitename),
        url=_clean(document.url) or url,
        language=_clean(document.language),
    )


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
