"""The one document model every stage reads and adds to.

Offsets (`start`, `end`) always index `Article.text`, as Python `str` indices
(code points), end exclusive. The JSON form is `article_to_dict`; its keys are
stable: later stages add fields, they never rename them.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Cut:
    """A piece of input removed by cleaning, with why it was removed."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Repair:
    """An in-place fix (mojibake, glued quote) that changed characters."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A canonical actor as linked from a mention."""

    id: str
    name: str
    code: str
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded location."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    id: str | None = None


@dataclass(slots=True)
class Entity:
    text: str
    start: int
    end: int
    label: str
    actor: ActorRef | None = None
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span that refers to an actor (speaker, event source or target).

    `kind` says how it refers: a name, a title or role ("the Russian president"),
    a pronoun ("he"), or a place standing for its government ("Moscow said").
    """

    start: int
    end: int
    text: str
    actor: ActorRef | None = None
    kind: Literal["name", "role", "pronoun", "metonym"] = "name"
    # named rules that decided the link where it was not a plain KB name
    # ("org-sector:suffix Inc.", "org-context:descriptor chipmaker")
    rules: tuple[str, ...] = ()

    @property
    def coded(self) -> bool:
        """Is it linked to an actor with a CAMEO code (a state, a body, a sector), not one known only by name?"""
        return self.actor is not None and bool(self.actor.code)


@dataclass(frozen=True, slots=True)
class ArticleActor:
    actor: ActorRef
    mentions: int


@dataclass(frozen=True, slots=True)
class Attribution:
    id: str
    content: Span
    kind: Literal["direct", "indirect", "mixed"] = "indirect"
    cue: Span | None = None
    source: Mention | None = None
    via: Mention | None = None
    # The named speaker `source` stands for: the source itself when it is a
    # name, the antecedent of a pronoun, a relative "who" or "the same source".
    speaker: Mention | None = None
    # every named rule that made it: the candidate pattern, the cue's lemma and
    # class, and how the speaker was chosen (`speaker:head`, `speaker:pronoun-link`, ...)
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Timex:
    id: str
    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None
    mod: str | None = None


_CALENDAR_VALUE = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|W(\d{2})|Q([1-4])))?(?:T.*)?$")


def timex_period(value: str | None) -> tuple[date, date] | None:
    """First and last day a TIMEX3 date value covers: `2024-06-19` one day, `2024-W24` its
    week, `2024-06` its month, `2024-Q2` its quarter, `2024` its year; None for values
    that name no calendar period (`PRESENT_REF`, `XXXX-WXX-3`, durations)."""
    match = _CALENDAR_VALUE.match(value or "")
    if not match:
        return None
    year, month, day, week, quarter = match.groups()
    try:
        if day:
            first = date(int(year), int(month), int(day))
            return first, first
        if month:
            first = date(int(year), int(month), 1)
            return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
        if week:
            first = date.fromisocalendar(int(year), int(week), 1)
            return first, first + timedelta(days=6)
        if quarter:
            first = date(int(year), 3 * int(quarter) - 2, 1)
            last_month = first.month + 2
            return first, date(first.year, last_month, calendar.monthrange(first.year, last_month)[1])
        return date(int(year), 1, 1), date(int(year), 12, 31)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class EventMention:
    trigger: Span
    sentence: Span
    rule: str


@dataclass(slots=True)
class Event:
    id: str
    cameo: str
    trigger: Span
    sentence: Span
    source: Mention | None = None
    target: Mention | None = None
    root: str = ""
    plover_type: str | None = None
    plover_mode: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    date: str | None = None
    date_source: str | None = None
    location: Place | None = None
    claimed_by: str | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.0
    rule: str = ""
    mentions: list[EventMention] = field(default_factory=list)
    # every named rule that fired for it (the trigger pattern first, then the senses and readings that
    # recoded it), and the decision model's probability that it is an asserted act (None: not scored)
    rules: list[str] = field(default_factory=list)
    score: float | None = None


@dataclass(slots=True)
class Article:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: Literal["metadata", "dateline", "given", "crawl"] | None = None
    language: str | None = None
    author: str | None = None
    site: str | None = None
    source: str | None = None
    content_hash: str | None = None
    removed: list[Cut] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # Every span the actor stage linked to an actor (names, roles, pronouns,
    # metonyms), sorted by start; later stages look speakers and event actors up here.
    mentions: list[Mention] = field(default_factory=list)
    actors: list[ArticleActor] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def article_to_dict(article: Article) -> dict[str, Any]:
    """The article's JSON form (plain dicts and lists, stable key names)."""
    record = asdict(article)
    record["actors"] = [
        {**asdict(item.actor), "mentions": item.mentions} for item in article.actors
    ]
    return record


def article_from_dict(record: dict[str, Any]) -> Article:
    """Rebuild an Article from its JSON form (inverse of `article_to_dict`)."""

    def actor(value: dict | None) -> ActorRef | None:
        return ActorRef(**value) if value else None

    def place(value: dict | None) -> Place | None:
        return Place(**value) if value else None

    def mention(value: dict | None) -> Mention | None:
        if not value:
            return None
        return Mention(**{**value, "actor": actor(value.get("actor")), "rules": tuple(value.get("rules", ()))})

    def span(value: dict | None) -> Span | None:
        return Span(**value) if value else None

    fields = dict(record)
    fields["removed"] = [Cut(**c) for c in record.get("removed", [])]
    fields["repairs"] = [Repair(**c) for c in record.get("repairs", [])]
    fields["entities"] = [
        Entity(**{**e, "actor": actor(e.get("actor")), "place": place(e.get("place"))})
        for e in record.get("entities", [])
    ]
    fields["mentions"] = [mention(m) for m in record.get("mentions", [])]
    fields["actors"] = [
        ArticleActor(
            actor=ActorRef(**{k: v for k, v in a.items() if k != "mentions"}),
            mentions=a["mentions"],
        )
        for a in record.get("actors", [])
    ]
    fields["attributions"] = [
        Attribution(
            **{
                **a,
                "content": span(a["content"]),
                "cue": span(a.get("cue")),
                "source": mention(a.get("source")),
                "via": mention(a.get("via")),
                "speaker": mention(a.get("speaker")),
                "rules": tuple(a.get("rules", ())),
            }
        )
        for a in record.get("attributions", [])
    ]
    fields["timexes"] = [Timex(**t) for t in record.get("timexes", [])]
    fields["events"] = [
        Event(
            **{
                **e,
                "trigger": span(e["trigger"]),
                "sentence": span(e["sentence"]),
                "source": mention(e.get("source")),
                "target": mention(e.get("target")),
                "location": place(e.get("location")),
                "mentions": [
                    EventMention(
                        trigger=span(m["trigger"]), sentence=span(m["sentence"]), rule=m["rule"]
                    )
                    for m in e.get("mentions", [])
                ],
            }
        )
        for e in record.get("events", [])
    ]
    return Article(**fields)
