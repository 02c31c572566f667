"""The actor knowledge base: countries, organisations, office-holders, role nouns.

Reads the TSV files under `newsgraph/data/actors/` (organisations, people and
office-holders, merged by id; and an optional user file in the same format as
`people.tsv` / `organizations.tsv`), and compiles them once
into a token-level alias table that `newsgraph.annotate.actors` matches against
a spaCy Doc. Loading is done by `Pipeline.__init__`; the KB is read-only after.

Actor file format (tab-separated, UTF-8, `#` comment lines, one header row):

    id  name  aliases  country  sector  code  roles  start  end  [type]

One row per term: several rows with the same id give a person several offices
(e.g. Putin as prime minister, then president). `aliases` and `roles` are
`|`-separated; `country` is ISO 3166 alpha-3 (empty for IGOs); `code` defaults
to country+sector; `start`/`end` are YYYY-MM-DD (end exclusive, empty = open);
`type` is `person` or `org` (default: `person` in people.tsv and for rows that
give roles, else `org`).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsgraph.errors import DataFileError
from newsgraph.model import ActorRef


class ActorFileError(DataFileError):
    """An actor TSV file (shipped or user-supplied) is malformed."""


ACTOR_COLUMNS = ("id", "name", "aliases", "country", "sector", "code", "roles", "start", "end")
REQUIRED_COLUMNS = ("id", "name")
SECTORS = frozenset(
    "GOV MIL LEG JUD COP SPY MED BUS OPP REB CVL IGO NGO ELI PTY UAF PRM CRM EDU LAB AGR HLT REL "
    "REF PRE UNK JRN".split()
)
# A state's own organs: government, military, legislature, judiciary, intelligence, police.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP"})
# Sectors of office whose holders become "former elites" (ELI) once out of office.
ELITE_SECTORS = STATE_SECTORS | {"IGO"}
SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "LEG": "legislature", "JUD": "judiciary",
    "COP": "police", "SPY": "intelligence", "MED": "media", "BUS": "business", "OPP": "opposition",
    "REB": "rebels", "CVL": "civilians", "IGO": "intergovernmental", "NGO": "NGO", "ELI": "former elites",
    "PTY": "party", "UAF": "armed group", "PRM": "paramilitary", "CRM": "criminals", "EDU": "education",
    "LAB": "labour", "AGR": "agriculture", "HLT": "health", "REL": "religious", "REF": "refugees",
    "PRE": "breakaway state", "UNK": "unidentified",
}
ISO3 = re.compile(r"^[A-Z]{3}$")
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
# Shipped actor files in load order; rows for the same id in several files are merged.
SHIPPED_ACTOR_FILES = (
    ("organizations.tsv", "org"), ("people.tsv", "person"), ("office_holders.tsv", "person"),
    ("companies.tsv", "org"), ("media.tsv", "org"), ("agencies.tsv", "org"),
)
# Generated lists (scripts/build_companies.py, scripts/build_agencies.py): their names match
# only when capitalised in the text ("Home Office", not "home office"; "Secret Service", not
# "the Russian secret service"), as a list this long holds names made of ordinary words.
CAPITALISED_ACTOR_FILES = frozenset({"companies.tsv", "media.tsv", "agencies.tsv"})



def fold(text: str) -> str:
    """Lower-case, accents stripped, curly apostrophes straightened: the alias key form."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


# words of place names that are also plain English ("the far east of Syria", "the west bank of the
# river"): a place named only by them must be written with a capital
COMMON_PLACE_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "far", "near", "middle",
    "central", "upper", "lower", "great", "greater", "bank", "strip", "coast", "gulf", "horn", "valley",
    "river", "sea", "lakes", "lake", "plain", "plains", "highlands", "islands", "island", "peninsula", "land",
    "north-east", "north-west", "south-east", "south-west", "northeast", "northwest", "southeast", "southwest",
})

@dataclass(frozen=True, slots=True)
class Term:
    country: str | None
    sector: str | None
    code: str | None
    roles: tuple[str, ...]
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(slots=True)
class KBActor:
    id: str
    name: str
    type: str  # person | org
    aliases: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    # names that are also common words ("Apple", "Shell"): linked only with context (org_sector.py)
    context_aliases: frozenset[str] = frozenset()
    capitalised: bool = False  # every name must be capitalised in the text (CAPITALISED_ACTOR_FILES)

    def at(self, day: date) -> ActorRef:
        """The actor as coded on `day`: the office held then, ELI after office, else its first term."""
        current = [t for t in self.terms if t.covers(day)]
        if current:
            term = max(current, key=lambda t: t.start or date.min)
            return self._ref(term.country, term.sector, term.code)
        past = [t for t in self.terms if t.end is not None and t.end <= day]
        if past:
            term = max(past, key=lambda t: t.end)
            if self.type == "person" and term.sector in ELITE_SECTORS:
                return self._ref(term.country, "ELI", None)
            return self._ref(term.country, term.sector, term.code)
        if not self.terms:
            return self._ref(None, None, None)
        first = min(self.terms, key=lambda t: t.start or date.min)
        if self.type == "person" and first.start is not None and first.start > day:
            # Not yet in office: only the country is known.
            return self._ref(first.country, None, None)
        return self._ref(first.country, first.sector, first.code)

    def roles_at(self, day: date) -> set[str]:
        return {role for t in self.terms if t.covers(day) for role in t.roles}

    def _ref(self, country: str | None, sector: str | None, code: str | None) -> ActorRef:
        return ActorRef(
            id=self.id, name=self.name, code=code or f"{country or ''}{sector or ''}",
            country=country, sector=sector,
        )


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str


@dataclass(frozen=True, slots=True)
class Role:
    phrase: str
    sector: str
    office: str | None
    person: bool


@dataclass(frozen=True, slots=True)
class Target:
    """What an alias points to. kind: actor | country | adjective | capital | seat | place | role."""

    kind: str
    key: str  # actor id, ISO3, place name or role phrase
    surface: str  # the alias as written in the KB
    exact_case: bool  # must match the text's case exactly (acronyms, ambiguous words)
    title_case: bool  # must be capitalised in the text
    # a common word that names this actor only with company or media context ("Apple", "Time")
    needs_context: bool = False


@dataclass(slots=True)
class ActorKB:
    actors: dict[str, KBActor]
    countries: dict[str, Country]
    places: dict[str, str | None]  # place name → ISO3 (None: a region of several countries)
    roles: dict[str, Role]
    # first folded token → [(folded token tuple, targets)], longest first
    table: dict[str, list[tuple[tuple[str, ...], list[Target]]]] = field(default_factory=dict)
    # (country ISO3 or IGO actor id, office) → person ids holding it at some time
    offices: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # folded name token → person/org ids, for blocking fuzzy candidates
    name_tokens: dict[str, set[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    things: frozenset[str] = frozenset()  # nouns a role word may modify without naming an actor
    # what a text says an organisation is ("chipmaker", "Inc.", "University") → sector, by where it is read
    org_descriptors: "OrgDescriptors | None" = None
    common_surnames: frozenset[str] = frozenset()  # one-word person aliases that need support

    # -- building ------------------------------------------------------------

    def compile(self, tokenize: Callable[[str], list[str]]) -> "ActorKB":
        """Build the alias table with the same tokenizer that parses articles."""
        self.common_surnames = frozenset(_read_lines("common_surnames.txt"))
        ambiguous = frozenset(_read_lines("ambiguous.txt")) | self.common_surnames
        entries: dict[tuple[str, ...], list[Target]] = defaultdict(list)

        def add(alias: str, kind: str, key: str, *, capitalised: bool = False, context: bool = False) -> None:
            alias = alias.strip()
            if not alias:
                return
            tokens = tuple(fold(t) for t in tokenize(alias) if t.strip())
            # "the UN" is matched as "UN": a leading article would shadow longer names ("the UN Security Council").
            if len(tokens) > 1 and tokens[0] == "the":
                tokens = tokens[1:]
            if not tokens:
                return
            letters = re.sub(r"[^A-Za-z]", "", alias)
            acronym = bool(letters) and letters.isupper() and len(letters) <= 6
            single = len(tokens) == 1
            exact = acronym or (single and len(tokens[0]) <= 2)
            title = kind != "role" and (capitalised or context or single and (tokens[0] in ambiguous or len(tokens[0]) <= 3))
            if kind == "place" and all(t in COMMON_PLACE_WORDS for t in tokens):
                title = True  # "the Far East", not "the far east of Syria"; "West Bank", not a river's west bank
            target = Target(kind, key, alias, exact, title, context)
            if not any(t.kind == kind and t.key == key for t in entries[tokens]):
                entries[tokens].append(target)

        for actor in self.actors.values():
            for alias in [actor.name, *actor.aliases]:
                add(alias, "actor", actor.id, capitalised=actor.capitalised, context=alias in actor.context_aliases)
        for role in self.roles.values():
            for form in _role_forms(role.phrase):
                add(form, "role", role.phrase)
        for place, iso in self.places.items():
            add(place, "place", place)
        for iso, facts in self._country_facts.items():
            for kind in ("country", "adjective", "capital", "seat"):
                for alias in facts.get(kind, ()):
                    add(alias, kind, iso)
        table: dict[str, list[tuple[tuple[str, ...], list[Target]]]] = defaultdict(list)
        for tokens, targets in entries.items():
            targets.sort(key=lambda t: KIND_PRIORITY[t.kind])
            table[tokens[0]].append((tokens, targets))
        for candidates in table.values():
            candidates.sort(key=lambda item: -len(item[0]))
        self.table = dict(table)

        offices: dict[tuple[str, str], list[str]] = defaultdict(list)
        name_tokens: dict[str, set[str]] = defaultdict(set)
        for actor in self.actors.values():
            for term in actor.terms:
                holder = term.country or _igo_key(term.code)
                for role in term.roles:
                    if holder and actor.id not in offices[(holder, role)]:
                        offices[(holder, role)].append(actor.id)
            for alias in [actor.name, *actor.aliases]:
                if alias in actor.context_aliases:
                    continue  # "Amazon" is repaired to the company only with context, never by fuzzy matching
                for token in fold(alias).replace("-", " ").split():
                    if len(token) > 2:
                        name_tokens[token].add(actor.id)
        self.offices = dict(offices)
        self.name_tokens = dict(name_tokens)
        return self

    _country_facts: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    # -- queries -------------------------------------------------------------

    def country_ref(self, iso3: str) -> ActorRef:
        country = self.countries.get(iso3)
        return ActorRef(id=f"country:{iso3}", name=country.name if country else iso3, code=iso3,
                        country=iso3, sector=None)

    def agent_ref(self, iso3: str | None, sector: str | None) -> ActorRef:
        """A country (or country-less) sector actor, CAMEO-style: RUSGOV, PRKMIL, MIL."""
        code = f"{iso3 or ''}{sector or ''}"
        if iso3 is None:
            name = SECTOR_NAMES.get(sector or "", sector or "actor")
        else:
            country = self.countries[iso3].name if iso3 in self.countries else iso3
            name = f"{country} ({SECTOR_NAMES.get(sector or '', sector or '')})" if sector else country
        return ActorRef(id=f"agent:{code}", name=name, code=code, country=iso3, sector=sector)

    def country_of_word(self, word: str) -> str | None:
        """ISO3 of the country a word names or describes ("Israeli", "Algerian", "Chad", "South Korean")."""
        words = tuple(fold(w) for w in word.split()) or (fold(word),)
        for tokens, targets in self.table.get(words[0], ()):
            if tokens == words:
                return next((t.key for t in targets if t.kind in ("country", "adjective")), None)
        return None

    def names_people(self, phrase: str) -> bool:
        """Is the phrase a people by its country's demonym ("Palestinians", "Bosnian Serbs"), not the state?"""
        key = fold(phrase.split()[-1]) if phrase.split() else ""
        for tokens, targets in self.table.get(key, ()):
            if tokens == (key,):
                return bool(targets) and targets[0].kind == "adjective"
        return False

    def office_holder(self, holder: str, office: str, day: date) -> KBActor | None:
        """Who held `office` for `holder` (ISO3 or IGO key) on `day`."""
        for actor_id in self.offices.get((holder, office), ()):
            actor = self.actors[actor_id]
            for term in actor.terms:
                if term.covers(day) and office in term.roles and (term.country or _igo_key(term.code)) == holder:
                    return actor
        return None

    def search(self, query: str | None = None) -> list[KBActor]:
        key = fold(query or "")
        return [a for a in self.actors.values()
                if not key or key in fold(a.name) or key in a.id or any(key in fold(x) for x in a.aliases)]


# Role nouns without a plural of their own ("police", "staff") or already plural.
UNCOUNTED = frozenset({"police", "media", "staff", "displaced", "mujahideen", "gendarmerie", "intelligence", "men", "women"})
KIND_PRIORITY = {"actor": 0, "seat": 1, "country": 2, "capital": 3, "adjective": 4, "place": 5, "role": 6}


def _igo_key(code: str | None) -> str | None:
    """IGO office-holders are keyed by their organisation code (IGOUNO, IGOWSTNAT...)."""
    return code if code and code.startswith("IGO") else None


def _role_forms(phrase: str) -> list[str]:
    """A role noun and its regular plural ("soldier" → "soldiers", "spy" → "spies")."""
    if " of " in phrase:  # "head of state" → "heads of state"
        head, rest = phrase.split(" of ", 1)
        return [phrase] + [f"{form} of {rest}" for form in _role_forms(head)[1:]]
    words = phrase.split()
    last = words[-1]
    if last.endswith("s") or last in UNCOUNTED:
        return [phrase]
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        plural = last[:-1] + "ies"
    elif last.endswith(("ch", "sh", "x")):
        plural = last + "es"
    else:
        plural = last + "s"
    return [phrase, " ".join(words[:-1] + [plural])]


def _read_lines(name: str) -> set[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return {line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def _rows(text: str, source: str, required: tuple[str, ...] = ()) -> Iterable[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row of a TSV with one header row and # comments.
    Trailing empty cells may be left out; a header without the `required` columns is an error."""
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\r").split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise ActorFileError(
                    f"{source}:{number}: the header lacks column(s) {', '.join(missing)}; the first line that is "
                    f"not a # comment must name the columns, tab-separated ({' '.join(ACTOR_COLUMNS)})"
                )
            continue
        if len(cells) > len(header):
            raise ActorFileError(
                f"{source}:{number}: {len(cells)} columns but the header has {len(header)}; "
                "separate columns with single tabs"
            )
        yield number, dict(zip(header, [c.strip() for c in cells] + [""] * (len(header) - len(cells))))
    if header is None:
        raise ActorFileError(f"{source}: no header row; the first line must name the columns ({' '.join(ACTOR_COLUMNS)})")


def _parse_date(value: str, source: str, number: int, column: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ActorFileError(f"{source}:{number}: {column} '{value}' is not a YYYY-MM-DD date") from None


def read_actor_file(text: str, source: str, *, default_type: str | None = None) -> dict[str, KBActor]:
    """Parse one actor TSV (format in the module docstring); raises ActorFileError naming the line."""
    actors: dict[str, KBActor] = {}
    for number, row in _rows(text, source, REQUIRED_COLUMNS):
        actor_id, name = row.get("id", ""), row.get("name", "")
        if not actor_id or not name:
            raise ActorFileError(f"{source}:{number}: empty id or name; every row needs both")
        country = row.get("country", "") or None
        if country and not ISO3.match(country):
            raise ActorFileError(f"{source}:{number}: country '{country}' is not an ISO 3166 alpha-3 code such as RUS")
        sector = row.get("sector", "") or None
        if sector and sector not in SECTORS:
            raise ActorFileError(f"{source}:{number}: unknown sector '{sector}'; use one of {' '.join(sorted(SECTORS))}")
        start = _parse_date(row.get("start", ""), source, number, "start")
        end = _parse_date(row.get("end", ""), source, number, "end")
        if start and end and end <= start:
            raise ActorFileError(f"{source}:{number}: end {end} is not after start {start}")
        roles = tuple(r.strip().lower() for r in row.get("roles", "").split("|") if r.strip())
        kind = row.get("type", "") or default_type or ("person" if roles else "org")
        if kind not in ("person", "org"):
            raise ActorFileError(f"{source}:{number}: type '{kind}' must be person or org")
        actor = actors.setdefault(actor_id, KBActor(id=actor_id, name=name, type=kind))
        for alias in row.get("aliases", "").split("|"):
            if alias.strip() and alias.strip() not in actor.aliases:
                actor.aliases.append(alias.strip())
        actor.terms.append(Term(country, sector, row.get("code", "") or None, roles, start, end))
        context = frozenset(a.strip() for a in row.get("context", "").split("|") if a.strip())
        if context - {actor.name, *actor.aliases}:
            raise ActorFileError(f"{source}:{number}: context names {', '.join(sorted(context))} must be among "
                                 "the row's name and aliases")
        actor.context_aliases |= context
    return actors


def load_kb(user_file: Path | None = None, *, tokenize: Callable[[str], list[str]] | None = None) -> ActorKB:
    """The shipped KB, plus `user_file` (same format) whose rows add to or replace shipped ids."""
    data = DATA_DIR
    actors: dict[str, KBActor] = {}
    for name, default_type in SHIPPED_ACTOR_FILES:
        for actor_id, actor in read_actor_file(data.joinpath(name).read_text(encoding="utf-8"), name,
                                               default_type=default_type).items():
            actor.capitalised = name in CAPITALISED_ACTOR_FILES
            known = actors.get(actor_id)
            if known is None:
                actors[actor_id] = actor
                continue
            # Shipped files complement each other: more terms and aliases for the same id.
            known.aliases.extend(a for a in actor.aliases if a not in known.aliases)
            known.terms.extend(actor.terms)
    sources = ["newsgraph/data/actors"]
    if user_file is not None:
        path = Path(user_file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise ActorFileError(f"cannot read actor file {path}: {error.strerror}; check the --actors path") from None
        except UnicodeDecodeError:
            raise ActorFileError(f"actor file {path} is not UTF-8 text; save it as UTF-8 TSV") from None
        actors.update(read_actor_file(text, str(path)))
        sources.append(str(path))

    countries: dict[str, Country] = {}
    facts: dict[str, dict[str, list[str]]] = {}
    for _, row in _rows(data.joinpath("countries.tsv").read_text(encoding="utf-8"), "countries.tsv"):
        countries[row["iso3"]] = Country(row["iso3"], row["name"])
        facts[row["iso3"]] = {
            "country": _split(row["names"]), "adjective": _split(row["adjectives"]),
            "capital": _split(row["capitals"]), "seat": _split(row["seats"]),
        }
    places: dict[str, str] = {}
    for _, row in _rows(data.joinpath("places.tsv").read_text(encoding="utf-8"), "places.tsv"):
        # Regions larger than a country ("Latin America") have none.
        places[row["name"]] = row["country"] or None
        for alias in _split(row.get("aliases", "")):
            places[alias] = row["country"] or None
    roles: dict[str, Role] = {}
    for _, row in _rows(data.joinpath("roles.tsv").read_text(encoding="utf-8"), "roles.tsv"):
        roles[row["phrase"]] = Role(row["phrase"], row["sector"], row["office"] or None, row["person"] == "1")
    descriptors = read_org_descriptors(data.joinpath("org_descriptors.tsv").read_text(encoding="utf-8"),
                                       "org_descriptors.tsv")
    for phrase, sector in descriptors.standalone.items():
        # "the South Korean chipmaker": an organisation noun is an agent noun like "company"
        roles.setdefault(phrase, Role(phrase, sector, None, False))
    kb = ActorKB(actors=actors, countries=countries, places=places, roles=roles, sources=sources)
    kb._country_facts = facts
    kb.things = frozenset(_read_lines("thing_nouns.txt"))
    kb.org_descriptors = descriptors
    return kb.compile(tokenize or _simple_tokens)


@dataclass(frozen=True, slots=True)
class OrgDescriptors:
    """org_descriptors.tsv: folded phrase → sector, by where a phrase may be read."""

    standalone: dict[str, str]  # where=any: next to a name, as a name's last words, and as a role noun
    beside_name: dict[str, str]  # any + apposition: before or in apposition to a name
    name_final: dict[str, str]  # all: the last word(s) of a name ("Foo Airlines", "Foo Inc.")
    legal: frozenset[str]  # legal forms ("inc.", "gmbh"): say a name is a company's
    longest: int  # words in the longest phrase


def read_org_descriptors(text: str, source: str) -> OrgDescriptors:
    standalone: dict[str, str] = {}
    beside: dict[str, str] = {}
    final: dict[str, str] = {}
    legal: set[str] = set()
    for number, row in _rows(text, source, ("phrase", "sector", "where")):
        phrase, sector, where = fold(row["phrase"]), row["sector"], row["where"]
        if sector not in SECTORS:
            raise ActorFileError(f"{source}:{number}: unknown sector '{sector}'; use one of {' '.join(sorted(SECTORS))}")
        if where not in ("any", "apposition", "suffix", "legal"):
            raise ActorFileError(f"{source}:{number}: where '{where}' must be any, apposition, suffix or legal")
        if where == "legal":
            legal.add(phrase)
        if where == "any":
            standalone.setdefault(phrase, sector)
        if where in ("any", "apposition"):
            beside.setdefault(phrase, sector)
        final.setdefault(phrase, sector)
    longest = max((len(p.split()) for p in final), default=1)
    return OrgDescriptors(standalone, beside, final, frozenset(legal), longest)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _simple_tokens(text: str) -> list[str]:
    return re.findall(r"\w+(?:\.\w+)*\.?|'s|[^\w\s]", text)
