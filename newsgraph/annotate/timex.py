"""Temporal expressions (TimeML TIMEX3): find them, then normalise them.

Reads: `article.text`, `article.published` (the document creation time, DCT) and
the spaCy parse (for the tense of the verb that governs each expression).
Returns a list of `Timex`; the caller attaches it to the article.

Finding is rule-based in HeidelTime's manner: precompiled patterns over the text
(built from `newsgraph/data/timex.json`) propose candidates; overlapping ones are
settled longest-first; a few parse checks drop look-alikes ("may", "to march",
"Theresa May", "a fall in prices", "quarterly dividend"). A modifier just before a
candidate becomes `mod`: bounds and parts ("more than", "nearly", "early", "mid-")
join the extent, hedges ("about", "around") stay outside it, as in TimeBank.

Normalisation is ours too; `dateutil.relativedelta` only does the arithmetic.
- Granularity is kept: "in March" is `2024-03`, "last week" `2024-W24`,
  "the third quarter" `2023-Q3`, "two years ago" `2022`, "six weeks ago" a week.
- Expressions without a year take a direction from the governing verb
  (`governing_tense`): past looks back, future (will, modals, "planned to",
  verbs of planning) forward. A weekday with no cue is the latest one on or
  before the DCT; a month with no cue the one nearest the DCT.
- Durations anchored on another event ("nine months after the visit", "two days
  later", "a year earlier") stay DURATIONs (`P9M`, `P2D`, `P1Y`); "the following
  year" is `XXXX`. Only "ago" and "from now" shift the DCT.
- "nearly a quarter of a century ago" → DATE, value DCT year − 25, mod APPROX.
- Without a DCT, relative values stay underspecified (`XXXX-06-20`, `XXXX-WXX-3`,
  `XXXX-WXX`); absolute ones ("June 20, 2024", "1998") are still resolved.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc

from newsgraph.errors import DataFileError
from newsgraph.model import Article, Timex, timex_period

PAST, PRESENT, FUTURE = "past", "present", "future"


# Months after the DCT that a past-tense verb still leaves in the DCT's year. Set from
# TimeBank errors (0 → 2: value F1 0.760 → 0.768 there, AQUAINT unchanged); rerun
# `newsgraph eval timex` on both halves before changing.
PAST_SLACK_MONTHS = 2

_UNIT_GRAIN = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "year", "CE": "year"}


# -- lexicon and patterns -------------------------------------------------------------


_UNIT_WORD = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|weeks?|fortnight|months?|quarters?|years?|decades?|century|centuries)\b",
    re.IGNORECASE,
)
_TRIGGERS = {
    "ago": re.compile(r"\b(?:ago|now|hence)\b", re.IGNORECASE),
    "anchored": re.compile(r"\b(?:earlier|later)\b", re.IGNORECASE),
    "duration": _UNIT_WORD,
    "duration_bare": _UNIT_WORD,
    "unit_sg": _UNIT_WORD,
}
# Characters before a trigger word that its rule may span ("more than a quarter of a century ago").
TRIGGER_WINDOW = 80


def _alt(words, *, capital: bool = False) -> str:
    """Regex alternation, longest first; `capital` requires an upper-case initial."""
    out = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        if capital:
            escaped = f"(?-i:{escaped[0].upper()}){escaped[1:]}"
        out.append(escaped)
    return "(?:" + "|".join(out) + ")"


@dataclass(frozen=True, slots=True)
class TimexLexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague: frozenset[str]
    units: dict[str, str]
    seasons: dict[str, str]
    parts: dict[str, str]
    sets: dict[str, str]
    references: dict[str, str]
    modifiers: dict[str, str]
    forward_verbs: frozenset[str]
    holidays: dict[str, object]
    # (rule, pattern, trigger): a rule with a trigger always contains the trigger's word
    # and is only tried around its hits, which keeps slow optional prefixes cheap.
    patterns: tuple[tuple[str, re.Pattern, re.Pattern | None], ...]
    modifier_before: re.Pattern

    @classmethod
    def load(cls, path=None) -> "TimexLexicon":
        try:
            if path is None:
                raw = (Path(__file__).resolve().parent.parent / "data" / "timex.json").read_text(encoding="utf-8")
            else:
                raw = open(path, encoding="utf-8").read()
            data = json.loads(raw)
            fields = {
                "months": data["months"],
                "weekdays": data["weekdays"],
                "numbers": data["numbers"],
                "vague": frozenset(data["vague_numbers"]),
                "units": data["units"],
                "seasons": data["seasons"],
                "parts": data["parts_of_day"],
                "sets": data["sets"],
                "references": data["references"],
                "modifiers": data["modifiers"],
            }
            forward = frozenset(data["forward_verbs"])
            holidays = data["holidays"]
        except (OSError, ValueError, KeyError) as error:
            raise DataFileError(f"timex lexicon is unreadable or malformed ({error}); reinstall newsgraph") from None
        patterns, modifier_before = _build_patterns(**fields, holidays=holidays)
        return cls(**fields, forward_verbs=forward, holidays=holidays, patterns=patterns,
                   modifier_before=modifier_before)


def _build_patterns(*, months, weekdays, numbers, vague, units, seasons, parts, sets, references, modifiers, holidays):
    full_months = [m for m in months if len(m) > 4 or m in ("may", "june", "july")]
    abbrev = [m for m in months if m not in full_months]
    MONTH = "(?P<month>" + _alt(full_months, capital=True) + "|" + _alt(abbrev, capital=True) + r"\.?(?!\w))"
    FULL_MONTH = "(?P<month>" + _alt(full_months, capital=True) + ")"
    WEEKDAY = "(?P<wd>" + _alt([w for w in weekdays if len(w) > 4], capital=True) + ")"
    NUMWORD = _alt([n for n in numbers])
    NUM = (
        r"(?P<num>\d+(?:[.,]\d+)?(?:\s+1/2)?|(?:"
        + _alt(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
        + r"-(?:one|two|three|four|five|six|seven|eight|nine))|"
        + r"a\s+quarter\s+of\s+an?|half\s+an?|"
        + NUMWORD
        + "|"
        + _alt(vague)
        + r")(?:\s+and\s+a\s+half)?"
    )
    UNIT = "(?P<unit>" + _alt([u for u in units if not u.startswith("weekend")]) + ")"
    UNIT_SG = "(?P<unit>" + _alt([u for u in units if not u.endswith("s") and u != "weekend"]) + ")"
    PLURAL = "(?P<unit>" + _alt(["years", "months", "weeks", "days", "decades", "centuries", "hours", "minutes"]) + ")"
    SEASON = "(?P<season>" + _alt(seasons) + ")"
    PART = "(?P<part>" + _alt([p for p in parts if p != "overnight"]) + ")"
    YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d,.]\d|\s*%|-\w)"
    DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:|\s*%)"
    REL = r"(?P<rel>last|next|this|past|coming|previous|following|current|the\s+past|the\s+coming|the\s+previous|the\s+following|the\s+current|the\s+same|the\s+last|the\s+next|earlier\s+this|later\s+this)"
    ORD = r"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
    NO_AGE = r"(?![\s-]+old\b)"
    defs: list[tuple[str, str]] = [
        ("holiday", r"\b(?:(?P<rel>last|next|this)\s+)?(?P<name>" + _alt(holidays, capital=True).replace("'", "['’]") + r")\b(?:\s+(?P<year>(?:1[6-9]|20)\d\d)\b)?"),
        ("spoken_year", r"\b(?:the\s+year\s+)?(?P<spoken>(?-i:nineteen|Nineteen)[\s-]+(?:" + _alt(["ten","eleven","twelve","thirteen","fourteen","fifteen","sixteen","seventeen","eighteen","nineteen"]) + r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)|two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)\b"),
        ("iso", r"\b(?P<year>\d{4})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("slash", r"\b(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d{2})\b"),
        ("mdy", rf"\b{MONTH}\s*{DAY}(?:\s*,\s*|\s+){YEAR}\b"),
        ("dmy", rf"\b{DAY}\s+(?:of\s+)?{MONTH}(?:\s*,?\s*{YEAR})?\b"),
        ("md", rf"\b{MONTH}\s+{DAY}\b"),
        ("my", rf"\b{MONTH}(?:\s+of)?\s*,?\s+{YEAR}\b"),
        ("month", rf"\b{FULL_MONTH}\b(?!\s*\d)"),
        ("year", rf"(?<![\d$.,/])(?<!\d-)\b(?:the\s+year\s+|fiscal\s+(?:year\s+)?)?{YEAR}\b(?!\s*(?:percent|per|people|troops|soldiers|\w+s\b)(?<!years))"),
        ("decade", r"\b(?:the\s+)?(?:(?P<cent>1[6-9]|20)(?P<dec>\d)0s|'(?P<sdec>\d)0s)\b"),
        ("weekday", rf"\b(?:(?P<rel>last|next|this|coming|past)\s+)?{WEEKDAY}(?:\s+{PART})?\b"),
        ("part_deictic", rf"\b(?P<when>this|yesterday|tomorrow|last|early\s+this|late\s+this|later\s+this|earlier\s+this)\s+{PART}\b"),
        ("of_the_unit", r"\b(?:end|beginning|start|middle|rest|remainder)\s+of\s+(?P<x>the\s+(?P<unit>year|month|week))\b"),
        ("the_weekend", r"\b(?:the|this|last|next|past)\s+weekend\b"),
        ("deictic", r"\b(?P<word>today|tonight|yesterday|tomorrow|overnight)\b"),
        ("rel_unit", rf"\b{REL}\s+(?:fiscal\s+)?(?P<unit>week|month|year|quarter|weekend|decade|century|half)\b"),
        ("rel_month", rf"\b(?P<rel>last|next|this|past|coming)\s+{MONTH}"),
        ("rel_season", rf"\b(?:(?P<rel>last|next|this|past|coming|the\s+coming|the\s+past)\s+)?{SEASON}(?:\s+(?:of\s+)?{YEAR})?\b"),
        ("quarter", rf"\b(?:the\s+)?(?:(?P<pre>latest|current|same|year-earlier|year-ago|fiscal|comparable)\s+)?(?:fiscal\s+)?{ORD}(?:-|\s+)(?:fiscal\s+)?(?P<q>quarter|half)(?:\s+(?:of\s+)?(?:fiscal\s+)?{YEAR})?\b"),
        ("the_quarter", r"\bthe\s+(?:(?P<pre>latest|current|same|year-earlier|year-ago)\s+)?(?P<q>quarter|period)\b(?!\s+(?:of|century))"),
        ("ago", rf"\b(?:{NUM}\s+)?{UNIT}\s+(?P<dir>ago|from\s+now|hence)\b"),
        ("anchored", rf"\b{NUM}\s+{UNIT}\s+(?P<dir>earlier|later)\b(?!\s+than)"),
        ("year_quarter", rf"\b(?P<rel>this|last|next)\s+year['’]s\s+(?:fiscal\s+)?{ORD}(?:-|\s+)(?P<q>quarter|half)\b"),
        ("month_rel_year", rf"\b{MONTH}(?:\s+of)?\s+(?P<rel>this|last|next|past)\s+year\b"),
        ("quarter_year", rf"\b(?:the\s+)?{YEAR}\s+(?:fiscal\s+)?{ORD}(?:-|\s+)(?P<q>quarter|half)\b"),
        ("duration", rf"\b(?:(?P<det>the\s+(?:past|last|next|first|coming|previous|following|final|latest|remaining|other|same|full)|(?:past|last|next|first|coming|previous|following|final)|the)\s+)?{NUM}(?:\s+|-){UNIT}{NO_AGE}(?:-long)?\b"),
        ("duration_bare", rf"\b(?:(?P<det>recent|coming|the\s+past|the\s+next|the\s+coming|the\s+last|past|next|several)\s+){PLURAL}\b"),
        ("for_plural", rf"\b(?:for|over|within)\s+(?P<x>{PLURAL})\b"),
        ("unit_sg", rf"\b(?P<det>a\s+full|a\s+whole|an\s+entire|the\s+whole|the\s+entire)\s+{UNIT_SG}\b"),
        ("set_word", r"\b(?P<word>" + _alt(sets) + r")\b"),
        ("set_every", rf"\b(?:every|each)\s+(?:other\s+)?(?:(?P<unit>day|week|month|year|quarter|morning|evening|night|weekend|summer|winter)|{WEEKDAY})\b"),
        ("set_per", r"\b(?P<times>once|twice|three\s+times|\d+\s+times)\s+(?:a|per|each)\s+(?P<unit>day|week|month|year)\b"),
        ("set_plural_wd", r"\b(?P<wd>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))s\b"),
        ("clock", r"\b(?:(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]\.?\s?m\b)|(?P<hour24>[0-2]?\d):(?P<minute24>[0-5]\d)(?=\s*(?:GMT|UTC|local|hours?|h\b)))(?:\s*\(?(?P<tz>GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST)\b\)?)?"),
        ("noon", r"\b(?P<word>noon|midnight|midday)\b"),
        ("reference", r"\b(?P<word>" + _alt(references) + r")\b"),
    ]
    compiled = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in defs)
    compiled = tuple(
        (name, pattern, _TRIGGERS.get(name)) for name, pattern in compiled
    )
    mod_words = _alt([m for m in modifiers if m != "mid"])
    modifier_before = re.compile(rf"(?:\b(?P<mod>{mod_words})\s+|\b(?P<mid>mid)-?\s*)$", re.IGNORECASE)
    return compiled, modifier_before


def _none() -> None:
    return None


# -- candidates ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    priority: int
    mod: str | None = None


def _candidates(text: str, lexicon: TimexLexicon) -> list[_Candidate]:
    found: list[_Candidate] = []
    for priority, (rule, pattern, trigger) in enumerate(lexicon.patterns):
        if trigger is None:
            matches = pattern.finditer(text)
        else:
            spans: dict[tuple[int, int], re.Match] = {}
            for hit in trigger.finditer(text):
                for match in pattern.finditer(text, max(0, hit.start() - TRIGGER_WINDOW), hit.end() + 12):
                    if match.start() <= hit.start() and match.end() >= hit.end():
                        spans.setdefault(match.span(), match)
            matches = spans.values()
        for match in matches:
            start, end = match.span("x") if "x" in pattern.groupindex else match.span()
            if end > start:
                found.append(_Candidate(start, end, rule, defaultdict(_none, match.groupdict()), priority))
    found.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
    taken: list[_Candidate] = []
    occupied = bytearray(len(text) + 1)
    for cand in found:
        if any(occupied[cand.start : cand.end]):
            continue
        occupied[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        taken.append(cand)
    taken.sort(key=lambda c: c.start)
    return taken


# -- tense --------------------------------------------------------------------------------

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_PAST_AUX = {"had", "did", "was", "were", "'d"}


def _token_at(doc: Doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def governing_tense(doc: Doc, start: int, end: int, forward_verbs: frozenset[str] = frozenset()) -> str | None:
    """PAST, PRESENT, FUTURE or None (no verb) for the verb that governs the span.

    Future: "will"/"shall", modals ("might come Tuesday"), "going to", infinitives
    ("planned to leave Saturday"), verbs of planning or putting off (`forward_verbs`)
    A simple present is PRESENT: weekdays read it as scheduled ("meets Tuesday").
    """
    token = _token_at(doc, start, end)
    steps = 0
    while token is not None and token.pos_ not in ("VERB", "AUX") and token.head is not token and steps < 6:
        token = token.head
        steps += 1
    if token is None or token.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or any(a.tag_ == "MD" for a in auxes):
        return FUTURE
    if token.lemma_.lower() in forward_verbs:
        return FUTURE
    if "going" in words or any(c.lower_ == "going" for c in token.head.children if token.dep_ == "xcomp"):
        return FUTURE
    if token.dep_ == "xcomp" and token.head.lower_ == "going":
        return FUTURE
    if token.dep_ == "xcomp" and token.tag_ == "VB":
        return FUTURE
    if words & _PAST_AUX or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if token.tag_ == "VBD":
        return PAST
    if token.tag_ == "VBN" and (not auxes or words & {"has", "have", "'s", "'ve"}):
        return PAST
    if token.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am"}:
        return FUTURE
    if token.tag_ == "MD":
        return FUTURE
    if token.tag_ in ("VBZ", "VBP") and not auxes:
        return PRESENT
    return None


# -- values -------------------------------------------------------------------------------


def _fmt(grain: str, day: date | None, extra: str = "") -> str:
    if day is None:
        masks = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                 "half": "XXXX-HX", "year": "XXXX", "decade": "XXX", "century": "XX"}
        return masks[grain] + extra
    if grain == "day":
        return day.isoformat() + extra
    if grain == "week":
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}" + extra
    if grain == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if grain == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if grain == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if grain == "decade":
        return f"{day.year // 10:03d}X"
    if grain == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def _shift(day: date, unit: str, amount: int) -> date:
    if unit == "D":
        return day + timedelta(days=amount)
    if unit in ("W", "WE"):
        return day + timedelta(weeks=amount)
    if unit == "M":
        return day + relativedelta(months=amount)
    if unit == "Q":
        return day + relativedelta(months=3 * amount)
    if unit == "H":
        return day + relativedelta(months=6 * amount)
    if unit == "DE":
        return day + relativedelta(years=10 * amount)
    if unit == "CE":
        return day + relativedelta(years=100 * amount)
    return day + relativedelta(years=amount)


_WHOLE_DURATION = re.compile(r"^P(\d+)([DWMY])$")
_DURATION_GRAIN = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def shift_back(value: str, duration: str) -> str | None:
    """The date `duration` (a TIMEX3 value such as `P9M`) before the date `value`, at the
    duration's grain: `shift_back("2024-06-19", "P9M")` is `2023-09`. None when either is vague."""
    period = timex_period(value)
    match = _WHOLE_DURATION.match(duration or "")
    if period is None or match is None:
        return None
    amount, unit = int(match.group(1)), match.group(2)
    return _fmt(_DURATION_GRAIN[unit], _shift(period[0], unit, -amount))


def _holiday_date(rule, year: int) -> date:
    if isinstance(rule, str):
        month, day = map(int, rule.split("-"))
        return date(year, month, day)
    month, weekday, nth = rule
    if nth == 0:  # the Tuesday after the first Monday
        first = date(year, month, 1)
        monday = first + timedelta(days=(1 - first.isoweekday()) % 7)
        return monday + timedelta(days=1)
    if nth < 0:
        last = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    if len(text) == 2:
        value += 1900 if value >= 30 else 2000
    return value


@dataclass(frozen=True, slots=True)
class _Amount:
    number: float | None  # None: vague ("several", "a few")
    unit: str


def _amount(lexicon: TimexLexicon, num: str | None, unit: str) -> _Amount:
    code = lexicon.units.get(unit.lower(), "Y")
    multiplier = 1.0
    if code == "2W":
        code, multiplier = "W", 2.0
    if num is None:
        return _Amount(1.0 * multiplier, code)
    raw = " ".join(num.lower().split())
    half = raw.endswith(" and a half")
    raw = raw.removesuffix(" and a half")
    if raw.startswith("a quarter of"):
        number = 0.25
    elif raw.startswith("half"):
        number = 0.5
    elif raw in lexicon.numbers:
        number = float(lexicon.numbers[raw])
    elif "-" in raw and all(part in lexicon.numbers for part in raw.split("-")):
        number = float(sum(lexicon.numbers[part] for part in raw.split("-")))
    elif raw in lexicon.vague:
        return _Amount(None, code)
    else:
        digits = raw.replace(",", "")
        if digits.endswith(" 1/2"):
            digits, half = digits[:-4], True
        try:
            number = float(digits)
        except ValueError:
            return _Amount(None, code)
    return _Amount((number + (0.5 if half else 0.0)) * multiplier, code)


_LETTER = {"MIN": "M"}
_DOWN = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "S"),
         "Q": (3, "M"), "DE": (10, "Y"), "CE": (100, "Y")}


def duration_value(amount: _Amount) -> str:
    """ISO-8601 / TimeML duration: `P9M`, `PT2H`, `P25Y`, `PXY` (vague)."""
    number, unit = amount.number, amount.unit
    if unit == "DE" and number is not None:
        number, unit = number * 10, "Y"
    if unit == "CE" and number is not None:
        number, unit = number * 100, "Y"
    rest = ""
    if number is not None and number != int(number) and unit in _DOWN:
        factor, smaller = _DOWN[unit]
        whole, part = int(number), (number - int(number)) * factor
        if whole and part == int(part):
            rest = f"{int(part)}{_LETTER.get(smaller, smaller)}"
            number = whole
        else:
            number, unit = number * factor, smaller
    count = "X" if number is None else (str(int(number)) if number == int(number) else f"{number:g}")
    timed = unit in ("H", "MIN", "S")
    if rest and not timed and smaller in ("H", "MIN", "S"):
        rest = "T" + rest
    return f"PT{count}{_LETTER.get(unit, unit)}{rest}" if timed else f"P{count}{_LETTER.get(unit, unit)}{rest}"


_YEAR_LEAD = re.compile(
    r"\b(?:in|since|of|by|until|till|from|before|after|during|through|early|late|mid-?|and|to)\s*$", re.I
)
_ORDINAL_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_NAME_LABELS = {"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "EVENT"}
_LONG_PERIODS = {"P1Q", "P1Y", "P6M"}
_SEASON_LEAD = re.compile(r"\b(?:in|during|this|since|until|by|through|over|late|early)\s+(?:the\s+)?$", re.I)
_ANCHORED_REL = {"the following", "following", "the previous", "previous", "the same"}
_GRAINS = {"week", "month", "year", "quarter", "half", "decade", "century"}


class _Normalizer:
    """Values for one document: the DCT and the parse stay fixed."""

    def __init__(self, lexicon: TimexLexicon, doc: Doc, dct: date | None) -> None:
        self.lex = lexicon
        self.doc = doc
        self.dct = dct

    def tense(self, cand: _Candidate) -> str | None:
        return governing_tense(self.doc, cand.start, cand.end, self.lex.forward_verbs)

    # each returns (type, value) or None to drop the candidate
    def __call__(self, cand: _Candidate, text: str) -> tuple[str, str | None] | None:
        handler: Callable = getattr(self, "_" + cand.rule)
        return handler(cand, cand.groups, text)

    def _month_of(self, name: str) -> int:
        return self.lex.months[name.lower().rstrip(".")]

    def _day_value(self, year: int | None, month: int, day: int, cand: _Candidate) -> str | None:
        if year is None and self.dct is not None:
            year = self._direct_year(month, day, cand)
        if year is None:
            return f"XXXX-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None

    def _direct_year(self, month: int, day: int, cand: _Candidate) -> int:
        """Year of a month (and day) given without one.

        Past tense: the latest such month not after the DCT's month; future: the
        earliest not before it; no tense cue: the one nearest the DCT.
        """
        dct = self.dct
        tense = self.tense(cand)
        if tense == PAST:
            # A month just ahead under a past verb is mostly a reported plan ("said it
            # would pay on Dec. 7"), not last year's.
            return dct.year - (1 if month > dct.month + PAST_SLACK_MONTHS else 0)
        if tense == FUTURE:
            return dct.year + (1 if month < dct.month else 0)
        distance = month - dct.month
        if distance > 6:
            return dct.year - 1
        if distance < -6:
            return dct.year + 1
        return dct.year

    def _iso(self, cand, g, text):
        try:
            return "DATE", date(int(g["year"]), int(g["mnum"]), int(g["day"])).isoformat()
        except ValueError:
            return None

    def _slash(self, cand, g, text):
        value = self._day_value(_year(g["year"]), int(g["mnum"]), int(g["day"]), cand)
        return ("DATE", value) if value and 1 <= int(g["mnum"]) <= 12 else None

    def _mdy(self, cand, g, text):
        value = self._day_value(_year(g["year"]), self._month_of(g["month"]), int(g["day"]), cand)
        return ("DATE", value) if value else None

    _dmy = _mdy
    _md = _mdy

    def _my(self, cand, g, text):
        return "DATE", f"{int(g['year']):04d}-{self._month_of(g['month']):02d}"

    def _month(self, cand, g, text):
        token = _token_at(self.doc, cand.start, cand.end)
        if token is not None and (token.tag_ == "MD" or token.pos_ in ("VERB", "AUX") or token.ent_type_ in _NAME_LABELS):
            return None  # "may", "to march", "Theresa May", "June Carter"
        if token is not None and token.i > 0:
            previous = token.doc[token.i - 1]
            if previous.pos_ == "PROPN" and previous.is_title and previous.lower_ not in self.lex.months:
                return None  # a surname after a given name: "Theresa May", "Brian March"
        month = self._month_of(g["month"])
        if self.dct is None:
            return "DATE", f"XXXX-{month:02d}"
        return "DATE", f"{self._direct_year(month, 1, cand):04d}-{month:02d}"

    def _year(self, cand, g, text):
        """A bare four-digit number is a year when the parser calls it a DATE or a
        temporal preposition ("in", "since", "by"...) or "fiscal"/"the year" leads it."""
        surface = text[cand.start : cand.end].lower()
        if "fiscal" in surface or "year" in surface:
            return "DATE", g["year"]
        token = _token_at(self.doc, cand.start, cand.end)
        lead = text[max(0, cand.start - 12) : cand.start]
        if token is not None and token.ent_type_ != "DATE" and not _YEAR_LEAD.search(lead):
            return None
        return "DATE", g["year"]

    def _spoken_year(self, cand, g, text):
        words = re.split(r"[\s-]+", g["spoken"].lower())
        nums = self.lex.numbers
        if words[0] == "nineteen":
            return "DATE", str(1900 + sum(int(nums[w]) for w in words[1:]))
        rest = [w for w in words[2:] if w != "and"]
        if not rest and "the year" not in text[cand.start : cand.end].lower():
            return None  # "two thousand" alone is usually a count
        return "DATE", str(2000 + sum(int(nums[w]) for w in rest))

    def _holiday(self, cand, g, text):
        name = re.sub(r"[\u2019]", "'", " ".join(g["name"].lower().split()))
        rule = self.lex.holidays[name]
        year = _year(g["year"])
        rel = (g["rel"] or "").lower()
        month = int(rule.split("-")[0]) if isinstance(rule, str) else rule[0]
        if year is None and self.dct is None:
            return "DATE", f"XXXX-{rule}" if isinstance(rule, str) else f"XXXX-{month:02d}"
        if year is None:
            provisional = _holiday_date(rule, self.dct.year)
            if rel == "last":
                year = self.dct.year - (1 if provisional >= self.dct else 0)
            elif rel == "next":
                year = self.dct.year + (1 if provisional <= self.dct else 0)
            else:
                year = self._direct_year(month, provisional.day, cand)
        return "DATE", _holiday_date(rule, year).isoformat()

    def _decade(self, cand, g, text):
        if g["cent"]:
            return "DATE", f"{g['cent']}{g['dec']}X"
        if self.dct is None:
            return "DATE", f"XX{g['sdec']}X"
        century = self.dct.year // 100 - (1 if int(g["sdec"]) * 10 > self.dct.year % 100 else 0)
        return "DATE", f"{century:02d}{g['sdec']}X"

    def _weekday_date(self, weekday: int, rel: str | None, cand: _Candidate) -> date | None:
        dct = self.dct
        if dct is None:
            return None
        delta = weekday - dct.isoweekday()
        rel = (rel or "").lower()
        if rel in ("last", "past"):
            back = (dct.isoweekday() - weekday) % 7 or 7
            return dct - timedelta(days=back)
        if rel in ("next", "coming"):
            ahead = (weekday - dct.isoweekday()) % 7 or 7
            return dct + timedelta(days=ahead)
        if delta == 0:
            return dct
        tense = self.tense(cand)
        back = dct - timedelta(days=(dct.isoweekday() - weekday) % 7)
        ahead = dct + timedelta(days=(weekday - dct.isoweekday()) % 7)
        if tense == FUTURE:
            return ahead
        return back

    def _weekday(self, cand, g, text):
        weekday = self.lex.weekdays[g["wd"].lower()]
        day = self._weekday_date(weekday, g["rel"], cand)
        part = self.lex.parts.get((g["part"] or "").lower())
        if day is None:
            value = f"XXXX-WXX-{weekday}"
        else:
            value = day.isoformat()
        if part:
            # TimeML's part-of-day value; TimeBank/AQUAINT type these mostly as DATE.
            return "DATE", f"{value}T{part}"
        return "DATE", value

    def _part_deictic(self, cand, g, text):
        part = self.lex.parts[g["part"].lower()]
        when = g["when"].lower().split()[-1]
        if when == "last" and part != "NI":
            return None
        offset = {"yesterday": -1, "tomorrow": 1}.get(when, -1 if when == "last" else 0)
        day = self.dct + timedelta(days=offset) if self.dct else None
        return "TIME", f"{_fmt('day', day)}T{part}"

    def _of_the_unit(self, cand, g, text):
        # "the end of the year": the DCT's own year (month, week); the modifier gives END.
        grain = g["unit"].lower()
        return "DATE", _fmt(grain, self.dct)

    def _the_weekend(self, cand, g, text):
        if self.dct is None:
            return "DATE", "XXXX-WXX-WE"
        first = text[cand.start : cand.end].split()[0].lower()
        dct = self.dct
        if first in ("last", "past") or (first == "the" and self.tense(cand) == PAST and dct.isoweekday() < 6):
            dct = dct - timedelta(weeks=1)
        elif first == "next":
            dct = dct + timedelta(weeks=1)
        return "DATE", _fmt("week", dct, "-WE")

    def _deictic(self, cand, g, text):
        word = g["word"].lower()
        if word in ("tonight", "overnight"):
            return "TIME", f"{_fmt('day', self.dct)}TNI"
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[word]
        return "DATE", _fmt("day", self.dct + timedelta(days=offset) if self.dct else None)

    def _rel_step(self, rel: str) -> int:
        rel = rel.lower().split()[-1]
        return {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)

    def _rel_unit(self, cand, g, text):
        unit = g["unit"].lower()
        rel = " ".join(g["rel"].lower().split())
        step = self._rel_step(rel)
        if rel in _ANCHORED_REL:
            # "the following year", "the same week": counted from another event, not the DCT.
            grain = {"weekend": "week", "half": "half"}.get(unit, unit)
            return "DATE", _fmt(grain if grain in _GRAINS else "year", None)
        if rel == "the next" or rel == "the last" or rel == "the past" and unit != "year":
            code = {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "weekend": "D", "decade": "DE",
                    "century": "CE", "half": "H"}[unit]
            if code == "H":
                return "DURATION", "P6M"
            return "DURATION", duration_value(_Amount(2.0 if unit == "weekend" else 1.0, code))
        grain = {"week": "week", "month": "month", "year": "year", "quarter": "quarter", "weekend": "week",
                 "decade": "decade", "century": "century", "half": "half"}[unit]
        code = {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "weekend": "W", "decade": "DE",
                "century": "CE", "half": "H"}[unit]
        day = _shift(self.dct, code, step) if self.dct else None
        return "DATE", _fmt(grain, day, "-WE" if unit == "weekend" else "")

    def _month_rel_year(self, cand, g, text):
        month = self._month_of(g["month"])
        if self.dct is None:
            return "DATE", f"XXXX-{month:02d}"
        return "DATE", f"{self.dct.year + self._rel_step(g['rel']):04d}-{month:02d}"

    def _year_quarter(self, cand, g, text):
        number = _ORDINAL_QUARTER[g["ord"].lower()]
        letter = "Q" if g["q"].lower() == "quarter" else "H"
        if self.dct is None:
            return "DATE", f"XXXX-{letter}{number}"
        return "DATE", f"{self.dct.year + self._rel_step(g['rel']):04d}-{letter}{number}"

    def _quarter_year(self, cand, g, text):
        return self._quarter(cand, g, text)

    def _rel_month(self, cand, g, text):
        month = self._month_of(g["month"])
        rel = g["rel"].lower()
        if self.dct is None:
            return "DATE", f"XXXX-{month:02d}"
        year = self.dct.year
        if rel in ("last", "past") and month >= self.dct.month:
            year -= 1
        elif rel in ("next", "coming") and month <= self.dct.month:
            year += 1
        return "DATE", f"{year:04d}-{month:02d}"

    def _rel_season(self, cand, g, text):
        season = self.lex.seasons[g["season"].lower()]
        if g["year"]:
            return "DATE", f"{g['year']}-{season}"
        rel = (g["rel"] or "").lower().split()
        if not rel:
            # A bare season word is a date only after a preposition ("in spring", "during
            # the summer"); otherwise "fall" is usually a drop and "spring" a verb.
            lead = text[max(0, cand.start - 16) : cand.start]
            tail = text[cand.end : cand.end + 4]
            if not _SEASON_LEAD.search(lead) or re.match(r"\s+(?:of|in)\b", tail):
                return None
            if self.dct is None:
                return "DATE", f"XXXX-{season}"
            return "DATE", f"{self.dct.year:04d}-{season}"
        if self.dct is None:
            return "DATE", f"XXXX-{season}"
        step = self._rel_step(rel[-1])
        return "DATE", f"{self.dct.year + step:04d}-{season}"

    def _quarter_date(self, number: int, kind: str, year: int | None, pre: str | None, cand) -> str:
        letter = "Q" if kind == "quarter" else "H"
        if year is None and self.dct is not None:
            current = (self.dct.month - 1) // 3 + 1 if letter == "Q" else (1 if self.dct.month <= 6 else 2)
            year = self.dct.year
            if pre in ("year-earlier", "year-ago"):
                year -= 1
            elif number > current:
                year -= 1
        return f"{year:04d}-{letter}{number}" if year is not None else f"XXXX-{letter}{number}"

    def _quarter(self, cand, g, text):
        ordinal = g["ord"].lower()
        kind = g["q"].lower()
        number = _ORDINAL_QUARTER[ordinal]
        if kind == "half" and number > 2:
            return None
        pre = (g["pre"] or "").lower() or None
        return "DATE", self._quarter_date(int(number), kind, _year(g["year"]), pre, cand)

    def _the_quarter(self, cand, g, text):
        pre = (g["pre"] or "").lower()
        if g["q"].lower() == "period" and pre not in ("year-earlier", "year-ago"):
            return None
        if self.dct is None:
            return "DATE", "XXXX-QX"
        day = self.dct
        # Results are reported for the quarter just ended: "the latest quarter", "the
        # year-ago quarter" and "the quarter" under a past-tense verb mean that one.
        if pre in ("year-earlier", "year-ago", "latest") or self.tense(cand) == PAST:
            day = day - relativedelta(months=3)
        if pre in ("year-earlier", "year-ago"):
            day = day - relativedelta(years=1)
        return "DATE", _fmt("quarter", day)

    def _ago(self, cand, g, text):
        amount = _amount(self.lex, g["num"], g["unit"])
        direction = g["dir"].lower().split()[0]
        sign = 1 if direction in ("from", "hence") else -1
        if amount.number is None:
            return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF"
        unit = amount.unit
        if unit in ("H", "MIN", "S"):
            return "DATE", _fmt("day", self.dct)
        number = amount.number
        if unit == "CE":
            number, unit = number * 100, "Y"
        elif unit == "DE":
            number, unit = number * 10, "Y"
        while number != int(number) and unit in _DOWN:
            factor, unit = _DOWN[unit]
            number *= factor
        grain = _UNIT_GRAIN.get(unit, "day")
        if self.dct is None:
            return "DATE", _fmt(grain, None)
        try:
            day = _shift(self.dct, unit, sign * int(number))
        except (ValueError, OverflowError):  # "8,000 years ago": before year 1
            return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF"
        return "DATE", _fmt(grain, day)

    def _duration(self, cand, g, text):
        num = g["num"]
        if num and num.lower() in ("a", "an", "one") and g.get("det") is None:
            # "a year" after a number or amount is a rate ("$5 million a year"): SET.
            lead = text[max(0, cand.start - 20) : cand.start]
            if re.search(r"(\d|million|billion|percent|%|times|once|twice)\s*$", lead, re.I):
                return "SET", duration_value(_amount(self.lex, "1", g["unit"]))
        unit = g["unit"].lower()
        if num and num.isdigit() and len(num) == 4 and unit.startswith(("second", "quarter", "half")):
            return None  # "the 1988 second quarter", "the 1988 quarter": a year, not a count
        if unit.startswith("weekend") or (unit == "second" and num and num.lower() in ("a", "the")):
            return None
        if num and num.lower() in ("a", "an") and unit in ("day", "year", "week", "month") and g.get("det") is None:
            tail = text[cand.end : cand.end + 12].lower()
            if tail.startswith(" or ") or tail.startswith(" and "):
                return None
        return "DURATION", duration_value(_amount(self.lex, num, g["unit"]))

    def _anchored(self, cand, g, text):
        # "two days later", "a year earlier": counted from the event just narrated, so a
        # DURATION; resolving it against the DCT would date it wrongly.
        return "DURATION", duration_value(_amount(self.lex, g["num"], g["unit"]))

    def _duration_bare(self, cand, g, text):
        det = (g["det"] or "").lower()
        if det == "recent" and g["unit"].lower() == "years":
            return "DATE", "PAST_REF"
        return "DURATION", duration_value(_amount(self.lex, "several", g["unit"]))

    def _for_plural(self, cand, g, text):
        return "DURATION", duration_value(_amount(self.lex, "several", g["unit"]))

    def _unit_sg(self, cand, g, text):
        return "DURATION", duration_value(_amount(self.lex, "1", g["unit"]))

    def _set_word(self, cand, g, text):
        token = _token_at(self.doc, cand.start, cand.end)
        # "quarterly dividend", "annual report": a long period before a noun names a kind
        # of thing, not a recurring time (TimeBank leaves them untagged; "daily flights" it tags).
        if (
            self.lex.sets[g["word"].lower()] in _LONG_PERIODS
            and token is not None
            and token.dep_ in ("amod", "compound")
            and token.head.i > token.i
        ):
            return None
        return "SET", self.lex.sets[g["word"].lower()]

    def _set_every(self, cand, g, text):
        if g["wd"]:
            return "SET", f"XXXX-WXX-{self.lex.weekdays[g['wd'].lower()]}"
        unit = g["unit"].lower()
        if unit in self.lex.parts:
            return "SET", f"TXX{self.lex.parts[unit]}" if unit != "night" else "TNI"
        if unit in self.lex.seasons:
            return "SET", f"XXXX-{self.lex.seasons[unit]}"
        if unit == "weekend":
            return "SET", "XXXX-WXX-WE"
        return "SET", duration_value(_amount(self.lex, "1", unit))

    def _set_per(self, cand, g, text):
        return "SET", duration_value(_amount(self.lex, "1", g["unit"]))

    def _set_plural_wd(self, cand, g, text):
        return "SET", f"XXXX-WXX-{self.lex.weekdays[g['wd'].lower()]}"

    def _clock(self, cand, g, text):
        if g["hour24"] is not None:
            hour, minute = int(g["hour24"]), int(g["minute24"])
        else:
            hour, minute = int(g["hour"]), int(g["minute"] or 0)
            if not 1 <= hour <= 12:
                return None
            pm = g["ampm"].lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
        if hour > 24:
            return None
        return "TIME", f"{_fmt('day', self.dct)}T{hour:02d}:{minute:02d}"

    def _noon(self, cand, g, text):
        word = g["word"].lower()
        clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[word]
        return "TIME", f"{_fmt('day', self.dct)}T{clock}"

    def _reference(self, cand, g, text):
        word = " ".join(g["word"].lower().split())
        token = _token_at(self.doc, cand.start, cand.end)
        if word in ("recent", "future") and token is not None and token.dep_ in ("amod", "compound"):
            head = token.head.lower_
            if head not in ("years", "months", "weeks", "days", "period", "times", "situation"):
                return None
        return "DATE", self.lex.references[word]


# -- the stage ---------------------------------------------------------------------------

_MOD_FOR_DATES = {"START", "MID", "END", "APPROX"}


def _parse_dct(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Za-z\u00C0-\u017F.'\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.\- ]{1,30})?)"
    r"\s*,?\s*(?P<date>(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:\s*,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?|\d{4}-\d{2}-\d{2}))?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{1,20})\))?\s*(?:-|\u2013|\u2014|_|:)",
)


def dateline_date(text: str, *, lexicon: TimexLexicon) -> str | None:
    """The publication date a dateline gives (`KYIV, June 20, 2024 (Reuters) -`), as YYYY-MM-DD.

    Only a dateline with a year yields a date: "June 20" alone would force us to
    guess the year. A dateline needs an agency in brackets or an upper-case place,
    so an ordinary first sentence is never read as one.
    """
    match = _DATELINE.match(text[:200])
    if not match or not match.group("date"):
        return None
    if not match.group("agency") and not match.group("place").split(",")[0].strip().isupper():
        return None
    raw = match.group("date")
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)
    try:
        if iso:
            return date(*map(int, iso.groups())).isoformat()
        parts = re.findall(r"[A-Za-z]+|\d+", raw)
        words = [p for p in parts if p.isalpha()]
        numbers = [int(p) for p in parts if p.isdigit()]
        if len(words) != 1 or len(numbers) != 2 or words[0].lower() not in lexicon.months:
            return None
        day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
        return date(year, lexicon.months[words[0].lower()], day).isoformat()
    except ValueError:
        return None


def set_dateline_published(article: Article, *, lexicon: TimexLexicon) -> None:
    """Fill `article.published` from a dateline when metadata and the user gave none
    (a crawl date only says when the page was fetched, so a dateline wins over it)."""
    if article.published and article.published_source != "crawl":
        return
    found = dateline_date(article.text, lexicon=lexicon)
    if found:
        article.published = found
        article.published_source = "dateline"


def tag_timexes(article: Article, doc: Doc, *, lexicon: TimexLexicon) -> list[Timex]:
    """Every temporal expression in `article.text`, normalised against `article.published`."""
    text = article.text
    normalizer = _Normalizer(lexicon, doc, _parse_dct(article.published))
    found: list[tuple[_Candidate, str, str | None]] = []
    for cand in _candidates(text, lexicon):
        result = normalizer(cand, text)
        if result is not None:
            found.append((cand, *result))
    found = _merge_time_and_day(found, text)
    out: list[Timex] = []
    previous_end = 0
    for cand, kind, value in found:
        start, mod = cand.start, None
        surface = text[cand.start : cand.end]
        if surface.isupper() and len(surface) > 2 and _CAPS_BEFORE.search(text, 0, cand.start):
            continue  # "USA TODAY", "NEWS NOW": part of an all-capitals name or heading
        if cand.rule == "duration" and _THE_HYPHENATED.match(surface):
            # TimeML leaves the article out of adjectival durations: "the [eight-year] war".
            start = cand.start + 4
        window = text[max(previous_end, start - 24) : start]
        match = lexicon.modifier_before.search(window)
        if match and cand.rule not in ("reference", "deictic", "set_word", "set_every", "set_per"):
            word = " ".join((match.group("mod") or "mid").lower().split())
            candidate_mod = lexicon.modifiers.get(word, "MID")
            if kind == "DURATION" or candidate_mod in _MOD_FOR_DATES or cand.rule == "ago":
                if not (kind == "DURATION" and candidate_mod in ("START", "MID", "END")):
                    mod = candidate_mod
                    # TimeML leaves hedges ("about", "around") outside the extent but
                    # takes bounds ("more than", "nearly") and parts ("early", "mid-") in.
                    if word not in _HEDGES:
                        start = start - len(window) + match.start()
        previous_end = cand.end
        out.append(
            Timex(id=f"t{len(out) + 1}", text=text[start : cand.end], start=start, end=cand.end,
                  type=kind, value=value, mod=mod)  # type: ignore[arg-type]
        )
    return out


_CAPS_BEFORE = re.compile(r"\b[A-Z]{2,}[\s-]+$")
_THE_HYPHENATED = re.compile(r"(?i)the\s\S+-")
_HEDGES = {"about", "around", "approximately", "roughly", "some", "close to"}
_JOIN = re.compile(r"\s*,?\s*(?:on\s+)?")


def _weekday_year(value: str, weekday_name: str, cand: _Candidate) -> str:
    """ "Monday, Oct. 26" without a year: of the years next to the guess, take the one where Oct. 26 is a Monday."""
    if cand.groups["year"] or value.startswith("X"):
        return value
    guess = date.fromisoformat(value)
    wanted = _WEEKDAY_NUMBER.get(weekday_name.lower()[:3])
    for year in (guess.year, guess.year - 1, guess.year + 1):
        try:
            day = guess.replace(year=year)
        except ValueError:
            continue
        if day.isoweekday() == wanted:
            return day.isoformat()
    return value


_WEEKDAY_NUMBER = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}


def _merge_time_and_day(found, text):
    """Join "9 a.m. Tuesday" (TIME + day) and "Monday, Oct. 26" (weekday + date) into one expression."""
    merged = []
    for item in found:
        if merged:
            last, last_kind, last_value = merged[-1]
            cand, kind, value = item
            gap = text[last.end : cand.start]
            if _JOIN.fullmatch(gap) and value and kind == "DATE" and re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", value):
                joined = _Candidate(last.start, cand.end, last.rule, last.groups, last.priority)
                if last.rule in ("clock", "noon") and last_value and "T" in last_value:
                    merged[-1] = (joined, "TIME", value + last_value[last_value.index("T"):])
                    continue
                if last.rule == "weekday" and last_kind == "DATE" and "on" not in gap:
                    merged[-1] = (joined, "DATE", _weekday_year(value, last.groups["wd"], cand))
                    continue
        merged.append(item)
    return merged
