"""GDELT 2.0 export: Events (61 columns), Mentions (16) and GKG 2.1 (27), tab-separated,
no header, in the column order of GDELT's codebooks (`data/gdelt/columns.tsv`), so
tools that read GDELT's files read these.

Only events that happened between coded actors are exported: negated and
hypothetical events, and events with no coded actor on either side, have no place
in GDELT's record (they stay in the JSON and the database). GlobalEventIDs
are numbered from `first_id` in export order. Tone fields are 0: newsgraph does not
score tone. Geographic country codes are FIPS 10-4, as GDELT's are; actor country
codes are the CAMEO/ISO alpha-3 codes. An actor with a country gets that country's
point as its geography (type 1, country level); the action's geography is the
event's geocoded location. Every cell goes through `tsv_cell`: no character in it
ends a row for any reader, and text a spreadsheet would run as a formula is
prefixed with an apostrophe (numbers stay numbers).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsgraph.errors import DataFileError
from newsgraph.export.safe_text import tsv_cell
from newsgraph.model import Article, Event, Mention, Place, timex_period

COLUMNS_FILE = Path(__file__).resolve().parent.parent / "data" / "gdelt" / "columns.tsv"
FILES = {"events": "newsgraph.export.CSV", "mentions": "newsgraph.mentions.CSV", "gkg": "newsgraph.gkg.csv"}
COUNTRY_LEVEL = 1  # GDELT geo type 1 = country; 4 = world city
WORLD_CITY = 4
WEB_SOURCE = 1
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")


def gdelt_columns() -> dict[str, list[str]]:
    columns: dict[str, list[str]] = {}
    for line in COLUMNS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        table, _, name = line.partition("\t")
        columns.setdefault(table, []).append(name.strip())
    expected = {"events": 61, "mentions": 16, "gkg": 27}
    for table, size in expected.items():
        if len(columns.get(table, [])) != size:
            raise DataFileError(f"{COLUMNS_FILE}: {table} must list {size} columns; fix the file")
    return columns


@dataclass
class _Dates:
    day: str  # YYYYMMDD

    @classmethod
    def of(cls, value: str | None, fallback: str | None) -> "_Dates":
        for candidate in (value, fallback):
            period = timex_period(candidate)
            if period is not None:  # a week, month or year is dated by its first day
                return cls(period[0].strftime("%Y%m%d"))
        return cls("")

    @property
    def fraction(self) -> str:
        if not self.day:
            return ""
        d = date(int(self.day[:4]), int(self.day[4:6]), int(self.day[6:8]))
        return f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"

    @property
    def stamp(self) -> str:
        return self.day + "000000" if self.day else ""


def exportable(event: Event) -> bool:
    """GDELT records acts that happened between coded actors: negated and hypothetical events,
    and events with no coded actor on either side ("the rebels attacked a convoy"), stay out."""
    if event.negated or event.hypothetical:
        return False
    return any(m is not None and m.coded for m in (event.source, event.target))


def _actor(mention: Mention | None) -> list[str]:
    if mention is None:
        return [""] * 10
    actor = mention.actor
    code = actor.code if actor else ""
    name = (actor.name if actor else mention.text).upper()
    country = actor.country if actor and actor.country else ""
    sector = actor.sector if actor and actor.sector else ""
    return [code, name, country, "", "", "", "", sector, "", ""]


class GdeltWriter:
    def __init__(self, fips_by_iso3: dict[str, str] | None = None, countries: Mapping[str, Place] | None = None,
                 first_id: int = 1) -> None:
        """`countries`: country name → Place (the gazetteer's), for country-level geography."""
        self.columns = gdelt_columns()
        self.fips = fips_by_iso3 or {}
        self.country_names = {name.lower() for name in countries or {}}
        # an actor's geography is its country's point, as GDELT gives for country-coded actors
        self.country_places = {place.country: place for place in (countries or {}).values() if place.country}
        self.next_id = first_id

    def _actor_place(self, mention: Mention | None) -> Place | None:
        if mention is None or mention.actor is None or not mention.actor.country:
            return None
        return self.country_places.get(mention.actor.country)

    def _geo(self, place: Place | None) -> list[str]:
        if place is None:
            return ["0", "", "", "", "", "", "", ""]
        kind = COUNTRY_LEVEL if place.name.lower() in self.country_names else WORLD_CITY
        fips = self.fips.get(place.country or "", "")
        feature = (place.id or "").removeprefix("geonames:")
        return [str(kind), place.name, fips, fips if kind == COUNTRY_LEVEL else "", "",
                "" if place.lat is None else f"{place.lat:.4f}", "" if place.lon is None else f"{place.lon:.4f}",
                feature]

    def event_rows(self, article: Article) -> tuple[list[list[str]], list[list[str]]]:
        events_out, mentions_out = [], []
        lead_end = article.text.find("\n\n")
        lead_end = len(article.text) if lead_end < 0 else lead_end
        for event in article.events:
            if not exportable(event):
                continue
            gid = str(self.next_id)
            self.next_id += 1
            dates = _Dates.of(event.date, article.published)
            published = _Dates.of(article.published, event.date)
            row = [gid, dates.day, dates.day[:6], dates.day[:4], dates.fraction,
                   *_actor(event.source), *_actor(event.target),
                   "1" if event.trigger.start < lead_end else "0",
                   event.cameo, event.cameo[:3], event.cameo[:2], event.quad_class,
                   event.goldstein, str(len(event.mentions) or 1), "1", "1", "0",
                   *self._geo(self._actor_place(event.source)), *self._geo(self._actor_place(event.target)),
                   *self._geo(event.location),
                   published.stamp, article.url or article.source or ""]
            events_out.append([tsv_cell(v) for v in row])
            for mention in event.mentions or []:
                sentence_id = 1 + len(_SENTENCE_END.findall(article.text, 0, mention.sentence.start))
                mentions_out.append([tsv_cell(v) for v in [
                    gid, dates.stamp, published.stamp, WEB_SOURCE, article.site or "",
                    article.url or article.source or article.id, sentence_id,
                    event.source.start if event.source else -1, event.target.start if event.target else -1,
                    mention.trigger.start, 1, round(event.confidence * 100), len(article.text), 0, "",
                    f"<RULE>{mention.rule}</RULE>",
                ]])
        return events_out, mentions_out

    def gkg_row(self, article: Article, number: int) -> list[str]:
        published = _Dates.of(article.published, None)
        places = [(e.place, e.start) for e in article.entities if e.place is not None]
        places += [(ev.location, ev.trigger.start) for ev in article.events if ev.location is not None]
        v1_locations, v2_locations, seen = [], [], set()
        for place, offset in places:
            geo = self._geo(place)
            v2_locations.append("#".join([*geo, str(offset)]))
            if place.name not in seen:
                seen.add(place.name)
                v1_locations.append("#".join([geo[0], geo[1], geo[2], geo[3], geo[5], geo[6], geo[7]]))
        persons = [(e.text, e.start) for e in article.entities if e.label == "PERSON"]
        orgs = [(e.text, e.start) for e in article.entities if e.label == "ORG"]
        names = [(e.text, e.start) for e in article.entities if e.label in ("PERSON", "ORG", "NORP", "GPE", "EVENT")]
        dates = []
        for timex in article.timexes:
            value = timex.value or ""
            match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
            if match:
                year, month, day = match.group(1), match.group(2) or "0", match.group(3) or "0"
                resolution = 1 if match.group(3) else 2 if match.group(2) else 3
                dates.append(f"{resolution}#{int(month)}#{int(day)}#{year}#{timex.start}")
        quotes = [
            f"{a.content.start}|{a.content.end - a.content.start}|{a.cue.text if a.cue else ''}|{a.content.text}"
            for a in article.attributions if a.kind == "direct"
        ]
        words = len(article.text.split())
        row = [
            f"{published.stamp or '0'}-{number}", published.stamp, WEB_SOURCE, article.site or "",
            article.url or article.source or article.id, "", "", "", "",
            ";".join(v1_locations), ";".join(v2_locations),
            ";".join(dict.fromkeys(p.lower() for p, _ in persons)), ";".join(f"{p},{o}" for p, o in persons),
            ";".join(dict.fromkeys(o.lower() for o, _ in orgs)), ";".join(f"{p},{o}" for p, o in orgs),
            f"0,0,0,0,0,0,{words}", ";".join(dates), f"wc:{words}", "", "", "", "",
            "#".join(q.replace("#", " ") for q in quotes), ";".join(f"{n},{o}" for n, o in names), "", "",
            f"<PAGE_TITLE>{article.title or ''}</PAGE_TITLE>",
        ]
        return [tsv_cell(v) for v in row]


def write_gdelt(articles: Iterable[Article], out_dir: Path, *, fips_by_iso3: dict[str, str] | None = None,
                countries: Mapping[str, Place] | None = None) -> dict[str, int]:
    """Write the three GDELT files into `out_dir`; returns rows written per table, and under
    `left_out` the events that are not GDELT records (see `exportable`)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    writer = GdeltWriter(fips_by_iso3, countries)
    counts = {"events": 0, "mentions": 0, "gkg": 0, "left_out": 0}
    handles = {table: open(out_dir / name, "w", encoding="utf-8", newline="") for table, name in FILES.items()}
    try:
        tsv = {table: csv.writer(h, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None, quotechar=None,
                                 lineterminator="\n") for table, h in handles.items()}
        for number, article in enumerate(articles, 1):
            events, mentions = writer.event_rows(article)
            tsv["events"].writerows(events)
            tsv["mentions"].writerows(mentions)
            tsv["gkg"].writerow(writer.gkg_row(article, number))
            counts["events"] += len(events)
            counts["left_out"] += len(article.events) - len(events)
            counts["mentions"] += len(mentions)
            counts["gkg"] += 1
    finally:
        for handle in handles.values():
            handle.close()
    return counts


def read_gdelt(out_dir: Path) -> dict[str, list[dict[str, str]]]:
    """Read the three files back with GDELT's column lists (as a GDELT reader would)."""
    columns = gdelt_columns()
    tables: dict[str, list[dict[str, str]]] = {}
    for table, name in FILES.items():
        path = Path(out_dir) / name
        rows = []
        # rows end with "\n" only: splitlines() would also split on U+2028, \x85, \x0c...
        with open(path, encoding="utf-8", newline="") as handle:
            lines = handle.read().split("\n")
        for line in lines[:-1] if lines[-1] == "" else lines:
            values = line.split("\t")
            if len(values) != len(columns[table]):
                raise DataFileError(f"{path}: a row has {len(values)} fields, GDELT {table} has {len(columns[table])}")
            rows.append(dict(zip(columns[table], values)))
        tables[table] = rows
    return tables
