"""Repair scrape and machine-translation noise in plain text.

Reads: text (and a known title, if any). Returns the clean body, the title, the
lines it cut (each with a reason) and the in-place repairs it made. Rules work
line by line, because scraped noise (repeated headlines, PREV/NEXT links, tag
lines, advert markers) comes as whole lines; inline repairs (mojibake, glued
quotes, stray whitespace) then run on the lines that stay.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import ftfy

from newsgraph.clean.lines import LineModel, model_reasons
from newsgraph.model import Cut, Repair

# Longest first line still taken for a headline; real headlines are well under it.
TITLE_MAX_WORDS = 30
TITLE_MAX_CHARS = 300
# A trailing line of bare capitalised names this long or shorter is a tag line.
TAG_LINE_MAX_WORDS = 25

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False, normalization="NFC")

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")

# Each rule: (reason, pattern matched against the whole stripped line).
_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "navigation link (previous/next article)",
        re.compile(
            r"^(?:(?:PREV|PREVIOUS|NEXT)\b(?:\s+(?:ARTICLE|STORY|POST))?\s*[:»›>|-]?\s+\S.*"
            r"|(?:Prev|Previous|Next)\s+(?:article|story|post|page)\b.*"
            r"|(?:Prev|Previous|Next)\s*:\s*\S.*"
            r"|[«‹<]\s*(?:Prev|Previous)\b.*|.*\b(?:Next|NEXT)\s*[»›>]"
            r"|(?:PREV|PREVIOUS|NEXT|Prev|Previous|Next)\s*)$"
        ),
    ),
    (
        "navigation link (related content)",
        re.compile(
            r"^(?:READ\s+ALSO|Read\s+also|READ\s+MORE|Read\s+more|Also\s+read|ALSO\s+READ|See\s+also"
            r"|SEE\s+ALSO|Related(?:\s+(?:articles?|stories|news|posts|content|coverage|topics))?"
            r"|RELATED(?:\s+(?:ARTICLES?|STORIES|NEWS))?|More\s+from\b[^.]*|MORE\s+FROM\b[^.]*"
            r"|You\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|Recommended(?:\s+for\s+you)?"
            r"|Most\s+(?:read|popular|viewed)|Trending(?:\s+now)?|Top\s+stories|Latest\s+news)"
            r"\s*(?:[:|»›>-].*|\s\S.{0,160})?$"
            # a link list scraped with its heading glued on: "RelatedJames Foley Beheading: ...",
            # "RelatedISIS: ...", "Related2014 review" (no word of prose starts so)
            r"|^(?:Related|RELATED|Read\s+[Mm]ore|READ\s+MORE|See\s+[Aa]lso)(?=[A-Z0-9\"'‘“]).*$"
        ),
    ),
    (
        "advert marker",
        re.compile(
            r"^(?:ADVERTISEMENT|Advertisement|Advertising|ADVERTISING|Sponsored(?:\s+content)?"
            r"|SPONSORED|Ad|AD|Paid\s+content|Story\s+continues\s+below(?:\s+advertisement)?"
            r"|Continue\s+reading\s+(?:below|the\s+main\s+story)|Scroll\s+to\s+continue.*"
            r"|Article\s+continues\s+below.*)\s*$"
        ),
    ),
    (
        "social or newsletter prompt",
        re.compile(
            r"^(?:Share\s+(?:this|on)\b.{0,80}|SHARE|Share|Tweet|Follow\s+us\s+on\b.{0,80}"
            r"|Subscribe\s+(?:to|now)\b.{0,120}|Sign\s+up\s+(?:for|to)\b.{0,120}"
            r"|Click\s+here\s+to\b.{0,120}|Join\s+our\s+(?:newsletter|channel)\b.{0,80}"
            r"|Download\s+(?:our|the)\s+app\b.{0,80})$"
        ),
    ),
    ("tag line", re.compile(r"^(?:Tags?|TAGS?|Topics?|TOPICS?|Keywords?|KEYWORDS?)\s*:.*$")),
    (
        "copyright notice",
        re.compile(r"^(?:©|\(c\)|Copyright\b|All\s+rights\s+reserved).{0,200}$", re.IGNORECASE),
    ),
    (
        "photo credit",
        re.compile(
            r"^\(?(?:Photo|Photograph|Image|Picture|Credit|Illustration)s?(?:\s+(?:credit|source)s?)?\s*:\s*\S.{0,160}$"
            r"|^(?:Source|Sources|Image\s+source)\s*:\s*\S.{0,60}$",
            re.IGNORECASE,
        ),
    ),
    (
        # "Getty - Contributor Jane and ...", "Reuters   Hungry: Kim looking at ...", "GettyKim ...":
        # a picture caption led by the agency's credit. A sentence about an agency goes on with a
        # verb ("Reuters reported"), never with a dash, a run of spaces, a glued capital or a
        # short label and a colon.
        "photo caption",
        re.compile(
            r"^(?:Getty(?:\s+Images)?|GETTY(?:\s+IMAGES)?|Reuters|REUTERS|AFP|EPA|PA(?:\s+Images)?|Shutterstock"
            r"|Alamy|Rex(?:\s+Features)?|AP(?:\s+Photo)?)(?:\s+[-–|]\s*|\s{2,}|(?=[A-Z][a-z])|\s+(?=[A-Z][\w'’ -]{0,30}:\s))\S.{0,300}$"
        ),
    ),
)

_SENTENCE_PUNCT = re.compile(r"[.!?,;:\"“”«»()]")
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_QUOTES = re.compile(r"[“”\"]")


@dataclass(slots=True)
class CleanText:
    text: str
    title: str | None
    removed: list[Cut] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    # one entry per input line (`raw.split("\n")`): why it was cut, or None (kept or empty)
    line_reasons: list[str | None] = field(default_factory=list)


def clean_text(raw: str, *, title: str | None = None, find_title: bool = True,
               line_model: LineModel | None = None, after_extraction: bool = False) -> CleanText:
    """Clean `raw`; take its first line as the title when it looks like one and none is known.
    `line_model` decides the page-furniture lines (default: the shipped model) of a text that arrived
    as plain text. Text that an HTML extractor already separated from the page (`after_extraction`)
    gets the named rules only: the line model, trained mostly on plain text, cut lines the extraction
    benchmark counts as body (Zyte F1 0.963 → 0.951), and its precision on extracted text was 0.58."""
    removed: list[Cut] = []
    repairs: list[Repair] = []
    lines, line_reasons, title = rule_pass(raw, title=title, find_title=find_title, removed=removed, repairs=repairs)
    furniture = ([None] * len(lines) if after_extraction
                 else model_reasons(lines, [reason is not None for reason in line_reasons], model=line_model))
    # the trailing tag lines' own rule names them better than the model's shape reason
    tag_lines = _trailing_tag_lines([line if line and not line_reasons[n] else None
                                     for n, line in enumerate(lines)])
    for number in tag_lines:
        furniture[number] = "tag line"

    kept: list[str | None] = []  # None marks a paragraph break
    kept_lines: list[int] = []  # the input line of each entry of `kept`
    for number, line in enumerate(lines):
        if not line:
            kept.append(None)
            kept_lines.append(number)
            continue
        reason = line_reasons[number] or furniture[number]
        if reason:
            removed.append(Cut(line, reason))
            line_reasons[number] = reason
            continue
        kept.append(line)
        kept_lines.append(number)

    body = _join_paragraphs(kept)
    body = _unglue_quotes(body, repairs)
    body = _straighten_apostrophes(body, repairs)
    return CleanText(text=body, title=title, removed=removed, repairs=repairs, line_reasons=line_reasons)


def rule_pass(raw: str, *, title: str | None = None, find_title: bool = True, removed: list[Cut] | None = None,
              repairs: list[Repair] | None = None) -> tuple[list[str], list[str | None], str | None]:
    """The repaired lines, the reason of each line the cleaner's own rules cut (headline taken as the
    title, noise patterns, the repeated headline, a line echoed right after itself), and the title."""
    removed = removed if removed is not None else []
    repairs = repairs if repairs is not None else []
    lines = [_repair_line(line, repairs) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    line_reasons: list[str | None] = [None] * len(lines)
    if title is None and find_title:
        title = _take_title(lines, removed, line_reasons)
    title_key = _line_key(title) if title else None
    previous_key: str | None = None
    for number, line in enumerate(lines):
        if not line:
            continue
        key = _line_key(line)
        reason = _noise_reason(line)
        if reason is None and title_key and key == title_key:
            reason = "repeated headline"
        # Only a line repeated right after itself is a scraping echo; the same line
        # further on is often real content (recipes, lists, refrains).
        if reason is None and key == previous_key and len(key) > 20:
            reason = "repeated line"
        if reason:
            line_reasons[number] = reason
        else:
            previous_key = key
    return lines, line_reasons, title


def _repair_line(line: str, repairs: list[Repair]) -> str:
    fixed = ftfy.fix_text(line, _FTFY)
    if fixed != line and _mojibake_changed(line, fixed):
        repairs.append(Repair(line.strip()[:200], f"mojibake repaired: {fixed.strip()[:200]}"))
    fixed = _INVISIBLE.sub("", fixed)
    fixed = _SPACES.sub(" ", fixed)
    return "".join(ch for ch in fixed if ch == "\t" or unicodedata.category(ch) != "Cc").strip()


def _mojibake_changed(before: str, after: str) -> bool:
    """True when ftfy changed letters, not just Unicode normal form or width."""
    return unicodedata.normalize("NFKC", before) != unicodedata.normalize("NFKC", after)


def _line_key(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


def _take_title(lines: list[str], removed: list[Cut], line_reasons: list[str | None]) -> str | None:
    """The first non-empty line is the headline if it is short and not a sentence."""
    indexes = [i for i, line in enumerate(lines) if line]
    if len(indexes) < 2:
        return None
    first = indexes[0]
    line = lines[first]
    words = line.split()
    if len(words) > TITLE_MAX_WORDS or len(line) > TITLE_MAX_CHARS:
        return None
    if line.endswith((".", ",", ";")) and not line.endswith("..."):
        return None
    if _noise_reason(line):
        return None
    followed_by_break = first + 1 < len(lines) and not lines[first + 1]
    repeated = any(_line_key(lines[i]) == _line_key(line) for i in indexes[1:])
    if not (followed_by_break or repeated):
        return None
    removed.append(Cut(line, "headline (taken as title)"))
    line_reasons[first] = "headline (taken as title)"
    lines[first] = ""
    return line


def _noise_reason(line: str) -> str | None:
    for reason, pattern in _LINE_RULES:
        if pattern.match(line):
            return reason
    return None


def _looks_like_tag_line(line: str) -> bool:
    """Bare capitalised names with no sentence punctuation: `Putin Kim Jong Un Russia`."""
    if _SENTENCE_PUNCT.search(line):
        return False
    words = line.split()
    if not 2 <= len(words) <= TAG_LINE_MAX_WORDS:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in {"#", "|", "/", "-", "·", "•"} for w in words)


def _trailing_tag_lines(kept: list[str | None]) -> list[int]:
    """Tag lines trail the body; a capitalised line mid-article is a subheading and stays.
    `kept` holds the lines still kept (None for the others); returns the tag lines' indexes."""
    trailing: list[int] = []
    for index in range(len(kept) - 1, -1, -1):
        line = kept[index]
        if line is None:
            continue
        if not _looks_like_tag_line(line):
            break
        trailing.append(index)
    content_lines = sum(1 for line in kept if line is not None)
    if not trailing or len(trailing) >= content_lines:
        return []
    return sorted(trailing)


def _join_paragraphs(kept: list[str | None]) -> str:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in kept:
        if line is None:
            if current:
                paragraphs.append(current)
                current = []
        else:
            current.append(line)
    if current:
        paragraphs.append(current)
    return "\n\n".join("\n".join(p) for p in paragraphs)


# An opening single quote typed (or translated) for an apostrophe: "Trump‘s", "don‘t".
_OPENING_QUOTE_AS_APOSTROPHE = re.compile(r"(?<=[A-Za-z])‘(?=(?:s|t|re|ve|ll|d|m)\b)")


def _straighten_apostrophes(text: str, repairs: list[Repair]) -> str:
    """`Trump‘s` → `Trump’s`: with the wrong quote the tokenizer keeps "Trump‘s" as one word,
    and the name is no longer found. One character for one, so no offset moves."""
    for match in _OPENING_QUOTE_AS_APOSTROPHE.finditer(text):
        start, end = max(0, match.start() - 12), min(len(text), match.end() + 12)
        repairs.append(Repair(text[start:end], "opening quote used as apostrophe"))
    return _OPENING_QUOTE_AS_APOSTROPHE.sub("’", text)


def _unglue_quotes(text: str, repairs: list[Repair]) -> str:
    """Put a space between a closing quote and a word glued to it (`”while` → `” while`).

    Machine translation drops that space; without it the tokenizer merges the
    quote into the next word and the quote is lost to later stages. Straight
    quotes are paired within each paragraph to tell closing from opening.
    """
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        out.append(_unglue_paragraph(paragraph, repairs))
    return "\n\n".join(out)


def _unglue_paragraph(paragraph: str, repairs: list[Repair]) -> str:
    inserts: list[int] = []
    straight_open = False
    for match in _QUOTES.finditer(paragraph):
        quote, index = match.group(), match.start()
        closing = quote == "”" or (quote == '"' and straight_open)
        if quote == '"':
            straight_open = not straight_open
        after = paragraph[index + 1] if index + 1 < len(paragraph) else ""
        before = paragraph[index - 1] if index > 0 else ""
        if closing and after and (after.isalnum() or after == "“"):
            inserts.append(index + 1)
        elif not closing and before.isalnum() and after and (after.isalnum() or after in "‘'"):
            inserts.append(index)
    for position in reversed(inserts):
        start, end = max(0, position - 12), min(len(paragraph), position + 12)
        repairs.append(Repair(paragraph[start:end], "glued quote separated"))
    # one join, not an insert per quote (each insert moved the rest of a long paragraph)
    pieces = [paragraph[a:b] for a, b in zip([0, *inserts], [*inserts, len(paragraph)])]
    return " ".join(pieces)
