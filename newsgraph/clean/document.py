"""From a raw document to clean text plus metadata, ready for the parser.

Reads: RawDocument. Returns CleanDocument, or raises an InputError subclass
with a one-line reason (no article, wrong language, too long).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newsgraph.clean.html import extract_page
from newsgraph.clean.language import LanguageGuesser, refusal
from newsgraph.clean.text import clean_text
from newsgraph.errors import InputError, LanguageError, NoArticleError, TooLargeInputError
from newsgraph.ingest.read import RawDocument
from newsgraph.model import Cut, Repair

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(slots=True)
class CleanDocument:
    text: str
    title: str | None
    url: str | None
    published: str | None
    published_source: str | None
    language: str
    author: str | None = None
    site: str | None = None
    removed: list[Cut] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)


def clean_document(
    raw: RawDocument,
    *,
    guesser: LanguageGuesser,
    languages: tuple[str, ...] = ("en",),
    any_language: bool = False,
    max_chars: int = 1_000_000,
    published: str | None = None,
    url: str | None = None,
) -> CleanDocument:
    """`published` and `url` given by the user win over what the input says. A text in a
    language outside `languages` is refused, unless `any_language`."""
    author, site, page_language = raw.author, None, raw.language
    page_published = raw.published
    page_url = raw.url
    title = raw.title
    if raw.kind == "html":
        page = extract_page(raw.content, url=url or raw.url)
        text = page.text
        title = title or page.title
        page_published = page_published or page.published
        page_url = page_url or page.url
        author, site = author or page.author, page.site
        page_language = page_language or page.language
        cleaned = clean_text(text, title=title, find_title=False, after_extraction=True)
        cleaned.removed[:0] = [Cut(line, "outside the main text (page boilerplate)") for line in page.left_out]
    else:
        cleaned = clean_text(raw.content, title=title, find_title=title is None)
    if not cleaned.text.strip():
        raise NoArticleError(only_boilerplate_reason(cleaned.removed))
    if len(cleaned.text) > max_chars:
        raise TooLargeInputError(
            f"article text is {len(cleaned.text):,} characters, over the {max_chars:,} limit"
        )
    guess = guesser.guess(cleaned.text, languages)
    reason = refusal(guess, languages)
    if reason and not any_language:
        raise LanguageError(reason)
    language = guess.language
    if language not in languages and not reason:  # too unsure of another language to record it
        language = page_language if page_language in languages else languages[0]

    published_source = None
    if published:
        published_value, published_source = normalize_date(published, strict=True), "given"
    else:
        published_value = normalize_date(page_published) if page_published else None
        published_source = "metadata" if published_value else None
        if published_value is None and raw.crawled:
            # a crawl date bounds the publication date from above; a dateline still beats it
            published_value = normalize_date(raw.crawled)
            published_source = "crawl" if published_value else None
    return CleanDocument(
        text=cleaned.text,
        title=cleaned.title,
        url=url or page_url,
        published=published_value,
        published_source=published_source,
        language=language,
        author=author,
        site=site,
        removed=cleaned.removed,
        repairs=cleaned.repairs,
    )


def only_boilerplate_reason(removed: list[Cut]) -> str:
    """One line: the text held no article, and what its lines were cut as (most frequent first)."""
    if not removed:
        return "no article text: the input is empty"
    counts: dict[str, int] = {}
    for cut in removed:
        kind = cut.reason.split(" (")[0]
        counts[kind] = counts.get(kind, 0) + 1
    kinds = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    listed = ", ".join(f"{count} {kind}" for kind, count in kinds[:4]) + (", ..." if len(kinds) > 4 else "")
    return f"no article text left after removing boilerplate ({len(removed)} lines cut: {listed})"


def normalize_date(value: str, *, strict: bool = False) -> str | None:
    """`YYYY-MM-DD` from an ISO-like date or timestamp; other forms via dateparser."""
    match = _ISO_DATE.match(value.strip())
    if match:
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            pass
    if not strict:
        import dateparser

        parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
        if parsed:
            return parsed.date().isoformat()
        return None
    raise InputError(f"publication date '{value}' is not a date (use YYYY-MM-DD)")
