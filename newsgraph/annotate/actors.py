"""Actor linking: every name, title, pronoun and metonym linked to a canonical actor.

Reads: the spaCy Doc, `article.entities`, `article.published` (term-dependent codes)
and the `ActorKB`. Returns `ActorLinks`: mentions sorted by start (organisations and
seats inside a title are also mentions of their own, nested in the title's), the
article's actors with mention counts, and the entities with `actor` / `place` set
(plus KB names spaCy missed, e.g. lower-cased "kyiv"). `apply_links` attaches them.

How it decides (candidates first, then decisions):
1. KB aliases are matched over the tokens (longest match, case-insensitive except
   acronyms and names that are also common words).
2. Each person/organisation name takes the title words on its left ("Kremlin
   diplomatic advisor Yuri Ushakov", "NATO Secretary General Jens Stoltenberg").
   Known names link to their KB actor as coded on the article date; misspelled
   ones are repaired by fuzzy matching with a token-by-token guard; unknown ones
   get an article-local actor (`local:boris-zhukovsky@<article key>`) whose country and sector
   come from the title.
3. Roles without a name ("the Russian president", "the South Korean general
   staff") link to the office-holder on the article date when the KB knows one,
   else to a country+sector actor (`agent:KORMIL`).
4. Country names, capitals and seats of government are actors when they act
   (subject, possessive, object, "between Moscow and Pyongyang") and places when
   they are places ("in Pyongyang", "to Ukraine": `Entity.place`, no actor).
   A capital or seat acting stands for its government (Pyongyang → PRKGOV); a
   country name stands for the state (Russia → RUS), as in CAMEO.
5. Short names ("Mr. Ushakov") and he/she/him/her/his link to a person named before.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span as SpacySpan, Token

from newsgraph.annotate.kb import ActorKB, KBActor, Target, fold, slug
from newsgraph.annotate.org_sector import OrgReader
from newsgraph.model import ActorRef, Article, ArticleActor, Entity, Mention, Place

# Prepositions after which a country or capital is a location, not an actor
# ("in Pyongyang", "to Ukraine"); after others ("between", "against", "on") it acts.
LOCATIVE_PREPS = frozenset(
    "in at to from into inside near across throughout within around via through toward towards over "
    "outside beyond along of off".split()
)
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "dative", "agent", "ROOT", "appos", "attr", "poss", "npadvmod"})
# Tokens that can sit inside a title before a name or role ("Kremlin diplomatic advisor").
TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "NUM", "PART", "ADV"})
MAX_TITLE_TOKENS = 8
# Person nouns too vague to set a sector when the title has one ("intelligence agency officer").
GENERIC_HEADS = frozenset(
    "official officer spokesperson spokesman spokeswoman adviser advisor aide member chief head director "
    "representative employee staffer source".split()
)
# Role nouns that companies, campaigns and churches have as well as governments: in
# apposition to a name they say "government" only with a country or public body named.
UNTIED_ROLES = frozenset(
    "spokesperson spokesman spokeswoman adviser advisor aide president vice president secretary "
    "speaker official director chairman".split()
)
# Head nouns that take the sector of the organisation before them ("CIA official" SPY,
# "Boko Haram gunmen" REB), unlike offices with their own ("GOP senators" stay LEG).
ORG_MEMBER_SECTORS = frozenset({"GOV", "UAF", "UNK", "CVL"})
# "pro-Russian separatists", "anti-American protesters": whom they side with or against, not their country
STANCE_PREFIXES = frozenset({"pro", "anti"})
STANCE_KINDS = frozenset({"country", "adjective", "capital", "seat"})
FORMER_WORDS = frozenset({"former", "ex", "ex-", "retired", "erstwhile", "disgraced"})
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "madam", "mme", "m."})
NOT_A_NAME = re.compile(r"://|www\.|@|\.(com|org|net)\b")
PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
FEMININE = frozenset({"she", "her", "hers", "herself", "mrs", "mrs.", "ms", "ms.", "madam", "mme", "queen"})
MASCULINE = frozenset({"he", "him", "his", "himself", "mr", "mr.", "sir", "king"})
# How far back (in sentences) a pronoun looks for its person; longer reaches
# mostly hit unrelated trailing text in scraped pages.
PRONOUN_SENTENCE_WINDOW = 3
# Fuzzy repair of misspelled names: a candidate must score at least this
# (rapidfuzz ratio on folded names) and pass `_same_name_tokens`. Chosen by hand:
# one dropped, added or changed letter in a name of 7+ letters scores above 85
# ("Kim Jong Une" ~ "Kim Jong Un": 95.7); the token guard, not the score, keeps
# similar names apart (Kim Jong Un / Kim Jong Il / Kim Yo Jong).
FUZZY_MIN_SCORE = 85.0
FUZZY_NAME_LABELS = frozenset({"PERSON", "ORG"})
# Words right after a name shared by a country and a region of another country that
# mark the region ("Georgia Republicans", "Georgia's governor").
REGION_CUES = frozenset(
    "governor gov. state county counties legislature senator sen. republicans democrats gop primary primaries "
    "lawmakers voters attorney general".split()
)
# Verbs whose subject is a place, not its government ("Panama City is bustling").
PLACE_VERBS = frozenset("bustle teem sprawl swelter shiver flood glitter sparkle lie nestle overlook".split())
# Parts of speech a name never has: "Fed up", "Chad" as a verb would be the word, not the name.
NOT_NAME_POS = frozenset({"VERB", "AUX", "ADP", "ADV", "PRON", "DET", "SCONJ", "CCONJ"})


@dataclass(slots=True)
class ActorLinks:
    mentions: list[Mention]
    actors: list[ArticleActor]
    # The article's entities with `actor` / `place` set, plus names spaCy missed that the
    # KB knows (often lower-cased ones: "kyiv"), sorted by start.
    entities: list[Entity] = field(default_factory=list)


@dataclass(slots=True)
class _Match:
    start: int  # token indices, end exclusive
    end: int
    targets: list[Target]

    def first(self, *kinds: str) -> Target | None:
        return next((t for t in self.targets if t.kind in kinds), None)


@dataclass(slots=True)
class _Title:
    """What the words before a name or role say: country, organisation, sector, former."""

    country: str | None = None
    org: KBActor | None = None
    sector: str | None = None
    office: str | None = None
    person_role: bool = False
    former: bool = False
    # The country comes from a region of it ("Ontario premier"): its offices are the region's.
    regional: bool = False
    start: int | None = None  # first token of the title
    # organisations and seats named inside the title ("NATO", "Kremlin"): (start, end, actor, kind)
    parts: list[tuple[int, int, ActorRef, str]] = field(default_factory=list)


def sided_with(token: Token) -> bool:
    """Is the word the object of a stance ("pro-Russian separatists", "anti-American protesters")?
    They side with or against that country; it is not theirs."""
    doc, i = token.doc, token.i
    return i >= 2 and doc[i - 1].text in ("-", "–") and doc[i - 2].lower_ in STANCE_PREFIXES


def article_day(article: Article) -> date:
    """The date term-dependent codes are resolved at: the article's publication date.

    Without one (or with an unreadable one) today's date is used, so an undated
    article is coded as if it were current news.
    """
    if article.published:
        try:
            return date.fromisoformat(article.published[:10])
        except ValueError:
            pass
    return date.today()


def mention_at(article: Article, start: int, end: int) -> Mention | None:
    """The linked mention that overlaps the character span [start, end) most; on a tie the
    tighter one ("NATO" rather than "NATO Secretary General Jens Stoltenberg" for "NATO").

    Attribution and event stages use it to turn a speaker or actor span into an actor.
    """
    best, best_score = None, (0, 0)
    for mention in article.mentions:
        if mention.start >= end:
            break
        score = (min(end, mention.end) - max(start, mention.start), -(mention.end - mention.start))
        if score[0] > 0 and score > best_score:
            best, best_score = mention, score
    return best


def link_actors(article: Article, doc: Doc, *, kb: ActorKB, bare_roles: bool = False) -> ActorLinks:
    """Link the article's mentions to actors. `bare_roles` also links unqualified role
    nouns ("soldiers", "police") to country-less sector actors (used to code short phrases)."""
    return _Linker(article, doc, kb, bare_roles).run()


def apply_links(article: Article, links: ActorLinks) -> None:
    article.mentions = links.mentions
    article.actors = links.actors
    article.entities = links.entities


class _Linker:
    def __init__(self, article: Article, doc: Doc, kb: ActorKB, bare_roles: bool) -> None:
        self.article, self.doc, self.kb = article, doc, kb
        self.day = article_day(article)
        self.bare_roles = bare_roles
        self.keys = [fold(t.text) for t in doc]
        self.mentions: list[Mention] = []
        self.places: list[tuple[int, int, Place]] = []  # char spans
        self.taken = [False] * len(doc)  # tokens already inside a mention
        self.person_mentions: list[tuple[int, Mention]] = []  # (token index, mention) for pronouns
        self.local: dict[str, ActorRef] = {}
        self.article_key = hashlib.sha1(article.id.encode("utf-8")).hexdigest()[:8]
        self.placed: set[int] = set()  # tokens of KB names, places and demonyms
        self.dominant: str | None = None  # the country the article is about, if one dominates
        self.match_at: dict[int, _Match] = {}  # token → KB match over it (set when places are linked)
        self.sentences: list[SpacySpan] | None = None
        self.sentence_at: dict[int, int] = {}  # first token of each sentence → its index
        self.longest_match = 0  # tokens in the longest KB name matched (bounds a look-back)
        # KB people the KB has no office for on this date, coded by a title in this article.
        self.titled: dict[str, ActorRef] = {}
        self.gender: dict[str, str] = {}  # actor id → "f" / "m", learnt while linking pronouns
        self.redefined: set[str] = set()  # acronyms the article defines as names of its own

    # -- driver ----------------------------------------------------------------

    def run(self) -> ActorLinks:
        ents = [e for e in self.doc.ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE", "FAC", "LOC")]
        # organisations beyond the KB (issue 14, org_sector.py): common-word company names need
        # context; unknown organisations are coded from what the text says of them, at the end
        orgs = OrgReader(self.doc, self.kb, ents)
        matches, org_context = orgs.with_context(self._without_redefined_acronyms(self._match_aliases()))
        self.longest_match = max((m.end - m.start for m in matches), default=0)
        named = Counter(self._match_country(m) for m in matches)  # how often each country is named
        self.dominant = _dominant_country(named)
        self._rank_shared_names(matches, named)
        matches = self._inside_person_names(self._place_or_country(matches), ents)
        self._link_names(matches, ents)
        self._link_roles(matches)
        self._link_leftover_orgs(matches)
        self._link_places(matches)
        self._link_demonyms(matches)
        self._link_short_names(ents)
        self._link_pronouns()
        self.mentions = orgs.code_organisations(self.mentions, org_context)
        return self._result()

    # -- candidates ------------------------------------------------------------

    def _match_aliases(self) -> list[_Match]:
        """Longest KB alias at each token, left to right, never overlapping."""
        doc, keys, table = self.doc, self.keys, self.kb.table
        matches: list[_Match] = []
        i, n = 0, len(doc)
        while i < n:
            found = None
            for tokens, targets in table.get(keys[i], ()):
                size = len(tokens)
                if i + size > n or tuple(keys[i:i + size]) != tokens:
                    continue
                text = doc[i:i + size].text
                usable = [t for t in targets if self._case_ok(t, text, doc[i])
                          and not (size == 1 and t.title_case and doc[i].pos_ in NOT_NAME_POS)
                          and not (t.kind in STANCE_KINDS and sided_with(doc[i]))]
                if usable:
                    found = _Match(i, i + size, usable)
                    break
            if found:
                matches.append(found)
                i = found.end
            else:
                i += 1
        return matches

    def _without_redefined_acronyms(self, matches: list[_Match]) -> list[_Match]:
        """An acronym the article defines for a name of its own ("Montenegro Municipality Association
        (AKK)") is not the KB actor it abbreviates elsewhere (it becomes an actor of the article's own);
        a definition that fits the KB actor ("North Atlantic Treaty Organization (NATO)") or spells
        its letters keeps the KB link."""
        doc = self.doc
        redefined: set[str] = set()
        for m in matches:
            if m.end - m.start != 1 or m.first("actor") is None or not doc[m.start].text.isupper():
                continue
            i = m.start
            if not (0 < i - 1 and i + 1 < len(doc) and doc[i - 1].text == "(" and doc[i + 1].text == ")"):
                continue
            long_form = _name_before(doc, i - 1)
            if not long_form:
                continue
            keys = {t.key for t in m.targets}
            spelt = "".join(t.text[0] for t in long_form if t.text[:1].isupper()).upper()
            named_here = any(t.key in keys for other in matches if other.start >= long_form[0].i
                             and other.end <= long_form[-1].i + 1 for t in other.targets)
            if spelt != doc[i].text.upper() and not named_here:
                redefined.add(doc[i].text)
        self.redefined = redefined
        return [m for m in matches if not (m.end - m.start == 1 and doc[m.start].text in redefined)]

    def _rank_shared_names(self, matches: list[_Match], named: Counter[str | None]) -> None:
        """A name several KB actors share ("CBI": India's police, Iran's central bank): the
        actor whose country the article names most comes first (KB order on a tie)."""
        shared = [m for m in matches if sum(t.kind == "actor" for t in m.targets) > 1]
        if not shared:
            return

        def weight(target: Target) -> int:
            return -named[self.kb.actors[target.key].at(self.day).country] if target.kind == "actor" else 0

        for m in shared:
            m.targets.sort(key=weight)  # stable: kinds keep their KB priority among equals

    def _match_country(self, m: _Match) -> str | None:
        """The country a name stands for or lies in (None for roles and IGOs)."""
        target = m.targets[0]
        if target.kind in ("country", "adjective", "capital", "seat"):
            return target.key
        if target.kind == "place":
            return self.kb.places.get(target.key)
        if target.kind == "actor" and sum(t.kind == "actor" for t in m.targets) == 1:
            return self.kb.actors[target.key].at(self.day).country
        return None

    def _place_or_country(self, matches: list[_Match]) -> list[_Match]:
        """A name that is a country and also a region of another country ("Georgia", a US
        state): the region when its context says so, else the country."""
        tally: _PlaceTally | None = None  # built at the first name that is both
        ending_at: dict[int, _Match] = {}
        for m in matches:
            ending_at.setdefault(m.end, m)
        for m in matches:
            country, place = m.first("country"), m.first("place")
            if country is None or place is None:
                continue
            region_iso = self.kb.places.get(place.key)
            if region_iso is None or region_iso == country.key:
                continue
            tally = tally or _PlaceTally(self.kb, matches)
            keep = place if self._region_context(m, ending_at, tally, region_iso, country.key) else country
            tally.count(m, -1)
            m.targets = [keep] + [t for t in m.targets if t.kind not in ("country", "place")]
            tally.count(m, +1)
        return matches

    def _region_context(self, m: _Match, ending_at: dict[int, _Match], tally: _PlaceTally,
                        region_iso: str, iso: str) -> bool:
        """The region reading: a place of its country just before ("Atlanta, Georgia"), a
        cue word after ("Georgia's governor"), or more places of the region's country in
        the article than signs of the homonym country (its capital, adjective, places)."""
        doc = self.doc
        nxt = m.end + (1 if m.end < len(doc) and doc[m.end].text in ("'s", "’s") else 0)
        if nxt < len(doc) and doc[nxt].lower_ in REGION_CUES:
            return True
        before = ending_at.get(m.start - 1)
        if before is not None and doc[m.start - 1].text == "," and self._place_country(before) == region_iso:
            return True
        # m names a place, so it is never among the signs of the homonym country
        return tally.region_places[region_iso] > tally.country_signs[iso] + tally.places[iso]

    def _place_country(self, m: _Match) -> str | None:
        target = m.targets[0]
        return self.kb.places.get(target.key) if target.kind == "place" else None

    def _inside_person_names(self, matches: list[_Match], ents: list[SpacySpan]) -> list[_Match]:
        """Drop place names that are part of a longer name made of unknown words: inside a
        person's name ("Victoria Nuland"), or ending an organisation's ("Denzel Washington",
        which spaCy often calls an ORG)."""
        covered = {i for m in matches for i in range(m.start, m.end)}
        by_start = sorted(matches, key=lambda m: m.start)
        starts = [m.start for m in by_start]
        drop: set[int] = set()
        for ent in ents:
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            end = ent.end
            while end > ent.start and self.doc[end - 1].text in ("'s", "’s"):
                end -= 1
            if all(i in covered for i in range(ent.start, end)):
                continue  # the whole name is known ("Burkina Faso's" tagged as a person)
            # only matches that start inside the name can lie inside it
            for m in by_start[bisect.bisect_left(starts, ent.start) : bisect.bisect_right(starts, end)]:
                if m.end > end or m.first("actor"):
                    continue
                if m.targets[0].kind not in ("country", "capital", "place"):
                    continue
                # An organisation only when the rest is proper-name words ("Denzel Washington"),
                # not "Bank of Mexico" or "Kyiv Independent".
                others = [self.doc[i] for i in range(ent.start, end) if not m.start <= i < m.end]
                if ent.label_ == "PERSON" or (m.end == end and m.start > ent.start and all(
                        t.pos_ == "PROPN" and i not in covered for t, i in ((t, t.i) for t in others))):
                    drop.add(m.start)
        return [m for m in matches if m.start not in drop]

    @staticmethod
    def _case_ok(target: Target, text: str, first: Token) -> bool:
        if target.exact_case:
            return text.replace("’", "'") == target.surface.replace("’", "'") or (
                text.isupper() and text == target.surface.upper() and len(text) > 2
            )
        if target.title_case:
            return first.text[:1].isupper()
        return True

    # -- names -----------------------------------------------------------------

    def _link_names(self, matches: list[_Match], ents: list[SpacySpan]) -> None:
        by_start = {m.start: m for m in matches}
        # Entities over KB names are linked through the KB (possibly later, as part of a title).
        placed = {i for m in matches if m.targets[0].kind in ("seat", "country", "capital", "place", "adjective", "actor")
                  for i in range(m.start, m.end)}
        role_tokens = {i for m in matches if m.first("role") for i in range(m.start, m.end)}
        self.placed = placed
        # People first, so that organisations in their titles ("NATO Secretary General
        # Jens Stoltenberg") become part of the title.
        ordered = sorted(matches, key=lambda m: not (m.first("actor") and self.kb.actors[m.first("actor").key].type == "person"))
        next_match = {a.start: b for a, b in zip(matches, matches[1:])}
        named_in_full = {m.first("actor").key for m in matches if m.first("actor") and m.end - m.start > 1}
        for m in ordered:
            if any(self.taken[i] for i in range(m.start, m.end)):
                continue
            after = next_match.get(m.start)
            if after is not None and after.start == m.end and after.targets[0].kind == "role":
                continue  # "NATO Secretary General": a title, linked with its role (organisations left over are linked last)
            target = m.first("actor")
            if target is None or (m.first("seat", "country", "capital") and not self._acts_as_org(m)):
                continue
            actor = self.kb.actors[target.key]
            title = self._title(m.start, by_start)
            ref = actor.at(self.day)
            if actor.type == "org" and m.first("role") and title.country and ref.country and title.country != ref.country:
                continue  # "Chile's Defense Department" is not the Pentagon: a role of Chile
            if (actor.type == "person" and m.end - m.start == 1 and self.keys[m.start] in self.kb.common_surnames
                    and actor.id not in named_in_full and title.start is None
                    and not (m.start > 0 and self.keys[m.start - 1] in HONORIFICS)):
                continue  # "Austin" alone is a city until Lloyd Austin is named or titled
            self._add_named(m.start, m.end, ref, title, person=actor.type == "person")
        for ent in ents:
            if self._place_named_org(ent, by_start, role_tokens):
                continue
            if ent.label_ not in FUZZY_NAME_LABELS or any(self.taken[i] or i in placed for i in range(ent.start, ent.end)):
                continue
            if ent.end - 1 in role_tokens and all(
                i in role_tokens or i in placed or not self.doc[i].text[:1].isupper() or self.doc[i].pos_ == "DET"
                for i in range(ent.start, ent.end)
            ):
                continue  # "the National Guard", "Defense Minister", "Chile's Defense Ministry": a role, linked as one
            start, end = ent.start, ent.end
            while end > start and self.doc[end - 1].text in ("'s", "’s", "'", "’"):
                end -= 1
            if end <= start or self._word_not_name(start, end):
                continue
            # A title word spaCy put inside the entity ("President Ushakov") belongs to the title.
            while start < end - 1 and self._role_key(start) is not None:
                start += 1
            repaired = self._fuzzy(self.doc[start:end].text, ent.label_)
            if repaired is not None:
                title = self._title(start, by_start)
                self._add_named(start, end, repaired.at(self.day), title, person=repaired.type == "person")
                continue
            if end - start == 1:
                continue  # a lone surname or short name: resolved after all full names are known
            if not any(c.isalpha() for c in self.doc[start].text) or NOT_A_NAME.search(self.doc[start:end].text):
                continue
            title = self._title(start, by_start)
            if ent.label_ == "ORG" and end - 1 in role_tokens and title.sector is None:
                # "Amherst College": a proper name whose head noun says what it is.
                head = _Title()
                self._apply_roles(head, [self._role_key(end - 1) or ""])
                title.sector = head.sector
            appositive = self._appositive(start, end, by_start) if ent.label_ == "PERSON" else None
            if appositive is not None and title.country is None and title.sector is None:
                title.country, title.sector, title.org = appositive[2].country, appositive[2].sector, appositive[2].org
            ref = self._local(self.doc[start:end].text, title, person=ent.label_ == "PERSON")
            self._add_named(start, end, ref, title, person=ent.label_ == "PERSON")
            if appositive is not None:
                self._add(appositive[0], appositive[1], ref, "role")

    def _place_named_org(self, ent: SpacySpan, by_start: dict[int, _Match], role_tokens: set[int]) -> bool:
        """An organisation whose name holds a place among other proper words ("The Times of
        India", "Edinburgh Evening News"): an organisation of that place's country, not the
        place; a misspelled KB organisation ("Agence France-Press") is repaired. Names with
        role words or other KB names ("Moscow City Court", "Bank of Mexico") are titles,
        read as such."""
        start = ent.start + (1 if self.doc[ent.start].lower_ == "the" else 0)
        end = ent.end
        while end > start and self.doc[end - 1].text in ("'s", "’s"):
            end -= 1
        if ent.label_ != "ORG" or not any(i in self.placed for i in range(start, end)) \
                or any(self.taken[i] for i in range(start, end)):
            return False
        inside = [by_start[i] for i in range(start, end) if i in by_start and by_start[i].end <= end]
        place = next((m for m in inside if m.targets[0].kind in ("place", "country", "capital")), None)
        if place is None or place.end - place.start == end - start:
            return False
        repaired = self._fuzzy(self.doc[start:end].text, "ORG")
        if repaired is not None:
            self._add(start, end, repaired.at(self.day), "name")
            return True
        rest = [i for i in range(start, end) if not place.start <= i < place.end]
        if len(inside) > 1 or any(i in role_tokens for i in rest):
            return False
        if not any(self.doc[i].pos_ == "PROPN" and self.doc[i].text[:1].isupper() for i in rest):
            return False
        title = _Title()
        self._read_target(place, title, [])
        title.parts.clear()
        self._add(start, end, self._local(self.doc[start:end].text, title), "name")
        return True

    def _appositive(self, start: int, end: int, by_start: dict[int, _Match]) -> tuple[int, int, _Title] | None:
        """'Yuri Ivanov, a Russian diplomat, ...': the role in apposition to a name, read as its title."""
        doc = self.doc
        if end >= len(doc) or doc[end].text != ",":
            return None
        name_root = doc[start:end].root
        for m in (by_start.get(j) for j in range(end + 1, min(end + 8, len(doc)))):
            if m is None or m.first("role") is None:
                continue
            head = doc[m.end - 1]
            if head.dep_ != "appos" or head.head.i != name_root.i or any(self.taken[i] for i in range(m.start, m.end)):
                return None
            title = self._title(m.start, by_start)
            self._apply_roles(title, [m.first("role").key])
            if title.sector == "GOV" and title.country is None and title.org is None \
                    and _singular(m.first("role").key) in UNTIED_ROLES:
                title.sector = None  # "a spokeswoman for the company": no state named, no government
            return (title.start if title.start is not None else m.start), m.end, title
        return None

    def _add_named(self, start: int, end: int, ref: ActorRef, title: _Title, *, person: bool) -> None:
        """A name, with its title when it names a person ("Russian President Vladimir Putin")."""
        if person and ref.sector is None and title.sector is not None and ref.id in self.kb.actors:
            # A known person before any office the KB knows: the title says what they are now.
            country = ref.country or title.country
            ref = replace(ref, country=country, sector=title.sector, code=f"{country or ''}{title.sector}")
            self.titled[ref.id] = ref
        if person and title.start is not None:
            self._add(title.start, end, ref, "name", person=True)
            for part_start, part_end, part_ref, kind in title.parts:
                self._add(part_start, part_end, part_ref, kind, nested=True)
        else:
            if person and start > 0 and fold(self.doc[start - 1].text) in HONORIFICS:
                start -= 1
            self._add(start, end, ref, "name", person=person)

    def _word_not_name(self, start: int, end: int) -> bool:
        """A one-word entity that is an ordinary word, not a name: one the parser reads as a
        verb or function word ("Fed up with delays"), an adjective or common noun ("Coastal
        states", "Takfiri groups"), or a capitalised word of an all-capitals headline
        ("STORM IN THE CITY"). spaCy tags such words as names mostly at sentence starts."""
        if end - start != 1:
            return False
        token = self.doc[start]
        return token.pos_ in NOT_NAME_POS or token.pos_ in ("ADJ", "NOUN") or self._headline_word(token)

    def _headline_word(self, token: Token) -> bool:
        """An all-capitals word of 4+ letters next to other all-capitals words: a headline
        written in capitals, where every word looks like an acronym."""
        if not (token.is_alpha and token.is_upper and len(token) >= 4):
            return False
        doc = self.doc
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc) and doc[i].is_alpha]
        return any(t.is_upper and len(t) >= 2 for t in neighbours)

    def _acts_as_org(self, m: _Match) -> bool:
        """An alias that is both an organisation and a place ("Vatican"): organisation only when acting."""
        return self._acts(m)

    def _role_key(self, index: int) -> str | None:
        for tokens, targets in self.kb.table.get(self.keys[index], ()):
            if len(tokens) == 1 and any(t.kind == "role" for t in targets):
                return tokens[0]
        return None

    def _fuzzy(self, text: str, label: str) -> KBActor | None:
        """A known actor whose name is `text` misspelled, or None (see FUZZY_MIN_SCORE)."""
        if text in self.redefined:
            return None
        query = fold(text)
        tokens = query.replace("-", " ").split()
        candidates: set[str] = set()
        for token in tokens:
            candidates |= self.kb.name_tokens.get(token, set())
        if not candidates:
            return None
        scored = []
        for actor_id in candidates:
            actor = self.kb.actors[actor_id]
            if (label == "PERSON") != (actor.type == "person"):
                continue
            for alias in [actor.name, *actor.aliases]:
                key = fold(alias)
                score = fuzz.ratio(query, key)
                if score >= FUZZY_MIN_SCORE and _same_name_tokens(tokens, key.replace("-", " ").split()):
                    scored.append((score, actor_id))
        if not scored:
            return None
        best = max(scored)
        rivals = {a for s, a in scored if a != best[1] and s >= best[0] - 1}
        return None if rivals else self.kb.actors[best[1]]

    def _local(self, text: str, title: _Title, *, person: bool = False) -> ActorRef:
        """An article-local actor for an unknown name, coded from its title when it has one.

        A person's id also carries the article's key: two unknown people of the same
        name in two articles are usually two people, while an unknown organisation's
        name ("Salesforce") names the same one everywhere."""
        if text.lower().startswith("the "):
            text = text[4:]
        key = fold(text)
        if key in self.local:
            return self.local[key]
        country, sector = title.country, title.sector
        if title.org is not None:
            org = title.org.at(self.day)
            country, sector = org.country, sector or org.sector
        if title.former and sector:
            sector = "ELI"
        local_id = f"local:{slug(text)}@{self.article_key}" if person else f"local:{slug(text)}"
        ref = ActorRef(id=local_id, name=text, code=f"{country or ''}{sector or ''}",
                       country=country, sector=sector)
        self.local[key] = ref
        return ref

    # -- titles and roles --------------------------------------------------------

    def _title(self, head: int, by_start: dict[int, _Match]) -> _Title:
        """Read the title words left of token `head` (a name or a role noun)."""
        doc = self.doc
        title = _Title()
        i = head - 1
        first = None
        # Title words belong to the head's noun phrase: nothing left of its left edge
        # ("Reuters | North Korean leader Kim Jong Un" in a photo credit).
        limit = 0
        if head < len(doc):
            anchor = doc[head]
            while anchor.dep_ in ("compound", "flat", "amod") and anchor.head.i > anchor.i:
                anchor = anchor.head
            limit = anchor.left_edge.i
        while i >= limit and head - i <= MAX_TITLE_TOKENS:
            token = doc[i]
            if token.is_sent_end and i != head - 1 and token.is_punct:
                break
            if token.text in ("'s", "’s"):
                i -= 1
                continue
            # "a Somalia-based group": the hyphenated place qualifies the head.
            hyphen_based = token.lower_ == "based" and i > 0 and doc[i - 1].text == "-"
            if token.pos_ not in TITLE_POS and token.text != "-" and not hyphen_based and fold(token.text) not in FORMER_WORDS:
                break
            if token.ent_type_ == "PERSON" and not self._in_match(i, by_start):
                break
            if self.taken[i]:
                break
            first = i
            i -= 1
        while first is not None and first < head and by_start.get(first) is None and fold(doc[first].text) not in FORMER_WORDS:
            first = first + 1 if first + 1 < head else None  # words before the first known title word are not title
        if first is None:
            return title
        title.start = first
        j = first
        roles: list[str] = []
        while j < head:
            m = by_start.get(j)
            if m is None:
                if fold(doc[j].text) in FORMER_WORDS:
                    title.former = True
                j += 1
                continue
            self._read_target(m, title, roles)
            j = m.end
        self._apply_roles(title, roles)
        return title

    def _in_match(self, i: int, by_start: dict[int, _Match]) -> bool:
        # a match over token i starts at most longest_match - 1 tokens before it
        return any(j in by_start and by_start[j].end > i for j in range(max(0, i - self.longest_match + 1), i + 1))

    def _read_target(self, m: _Match, title: _Title, roles: list[str]) -> None:
        target = m.targets[0]
        if target.kind == "role" and len(m.targets) == 1:
            roles.append(target.key)
        elif target.kind == "actor":
            actor = self.kb.actors[target.key]
            if actor.type == "org":
                ref = actor.at(self.day)
                title.org = title.org or actor
                title.country = title.country or ref.country
                title.parts.append((m.start, m.end, ref, "name"))
        elif target.kind in ("country", "adjective", "capital", "seat"):
            title.country = title.country or target.key
            if target.kind == "seat":
                title.parts.append((m.start, m.end, self.kb.agent_ref(target.key, "GOV"), "metonym"))
        elif target.kind == "place":
            iso = self.kb.places.get(target.key)
            if title.country is None and iso is not None:
                title.country = iso
                title.regional = iso not in self.kb.countries or fold(target.key) != fold(self.kb.countries[iso].name)
        else:
            roles.append(target.key)

    def _apply_roles(self, title: _Title, roles: list[str]) -> None:
        for phrase in roles:
            role = self.kb.roles.get(phrase) or self.kb.roles.get(_singular(phrase))
            if role is None:
                continue
            if title.sector is None:
                title.sector = role.sector
            if role.office and title.office is None:
                title.office = role.office
            title.person_role = title.person_role or role.person
        if title.former and title.sector:
            title.sector = "ELI"

    def _link_roles(self, matches: list[_Match]) -> None:
        by_start = {m.start: m for m in matches}
        for index, m in enumerate(matches):
            if m.first("role") is None or any(self.taken[i] for i in range(m.start, m.end)):
                continue
            if m.targets[0].kind != "role" and not (m.first("actor") and len(m.targets) > 1):
                continue
            last = self.doc[m.end - 1]
            if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= m.end and last.head.lemma_.lower() in self.kb.things:
                continue  # "terrorist attacks", "missile launches": the role word only describes a thing
            # Consecutive role words form one title ("foreign minister spokesperson"): the last is the head.
            nxt = matches[index + 1] if index + 1 < len(matches) else None
            if nxt is not None and nxt.start == m.end and nxt.targets[0].kind == "role":
                continue
            title = self._title(m.start, by_start)
            self._complement(m.end, title, by_start)
            head = _Title()
            head_phrase = m.first("role").key
            self._apply_roles(head, [head_phrase])
            # The head noun names what the actor is and title words only qualify it, except
            # after an organisation ("CIA official", "Boko Haram gunmen": the organisation's
            # people) or when the head says little ("intelligence agency officer").
            org_sector = title.org.at(self.day).sector if title.org is not None else None
            if (head.person_role and org_sector not in (None, "IGO") and not title.former
                    and head.sector in ORG_MEMBER_SECTORS):
                title.sector = org_sector
            elif _singular(head_phrase) in GENERIC_HEADS and title.sector is not None:
                pass
            elif head.sector not in (None, "IGO") or title.sector is None:
                title.sector = head.sector
            title.office, title.person_role = head.office, head.person_role
            if title.former:
                title.sector = "ELI"
            if title.start is None:
                title.start = m.start
            ref = self._role_actor(title)
            if ref is None and "ministry" in head_phrase and title.sector == "GOV" and self.dominant:
                # "the Finance Ministry", "the foreign ministry": a ministry of the state the article is about.
                ref = self.kb.agent_ref(self.dominant, "GOV")
            if ref is None:
                continue
            start = title.start if title.start is not None else m.start
            self._add(start, m.end, ref, "role", person=title.person_role and not ref.id.startswith("agent:"))
            for part_start, part_end, part_ref, kind in title.parts:
                if part_ref.id != ref.id:
                    self._add(part_start, part_end, part_ref, kind, nested=True)

    def _link_leftover_orgs(self, matches: list[_Match]) -> None:
        for m in matches:
            target = m.targets[0]
            if target.kind == "actor" and self.kb.actors[target.key].type == "org" \
                    and not any(self.taken[i] for i in range(m.start, m.end)):
                self._add(m.start, m.end, self.kb.actors[target.key].at(self.day), "name")

    def _complement(self, end: int, title: _Title, by_start: dict[int, _Match]) -> None:
        """A qualifier after the role: 'president of Russia', 'secretary general of NATO' (part of
        the mention), 'trade unions in Denmark', 'protesters from Syria' (the place stays a place).
        Not 'ambassador to Poland': the ambassador is not Poland's."""
        if title.country or title.org or end >= len(self.doc):
            return
        prep = fold(self.doc[end].text)
        if prep not in ("of", "in", "from"):
            return
        j = end + 1
        if j < len(self.doc) and self.doc[j].lower_ == "the":
            j += 1
        m = by_start.get(j)
        if m is None or (prep != "of" and m.targets[0].kind not in ("country", "capital", "place")):
            return
        if m.targets[0].kind == "adjective" or (m.end < len(self.doc) and self.doc[m.end].pos_ in ("PROPN", "NOUN")):
            return  # "president of the American Farm Bureau": the complement is something else
        self._read_target(m, title, [])
        if prep == "of" and (title.country or title.org):
            for i in range(end, m.end):
                self.taken[i] = True

    def _role_actor(self, title: _Title) -> ActorRef | None:
        holder = title.country
        if title.org is not None:
            org_ref = title.org.at(self.day)
            # Offices of a national body ("president of the Riigikogu") are not the country's.
            holder = org_ref.code if org_ref.code.startswith("IGO") else None
            if not title.person_role and title.sector == org_ref.sector:
                return org_ref  # "Likud party", "CIA agency": the organisation itself
        if title.office and title.person_role and holder and not title.former and not title.regional:
            person = self.kb.office_holder(holder, title.office, self.day)
            if person is None and title.office == "leader":
                for office in ("head of state", "president", "prime minister"):
                    person = self.kb.office_holder(holder, office, self.day)
                    if person:
                        break
            if person is not None:
                return person.at(self.day)
        if title.org is not None:
            org_ref = title.org.at(self.day)
            if org_ref.code.startswith("IGO"):
                return org_ref if title.sector in (None, "IGO") else replace(org_ref, sector=title.sector)
            return self.kb.agent_ref(org_ref.country, title.sector or org_ref.sector)
        if title.country:
            return self.kb.agent_ref(title.country, title.sector)
        if self.bare_roles and title.sector:
            return self.kb.agent_ref(None, title.sector)
        return None

    # -- places and metonyms -----------------------------------------------------

    def _link_places(self, matches: list[_Match]) -> None:
        self.match_at = {i: m for m in matches for i in range(m.start, m.end)}
        for m in matches:
            if any(self.taken[i] for i in range(m.start, m.end)):
                continue
            target = m.first("seat", "country", "capital", "place")
            if target is None or m.targets[0].kind in ("role", "adjective"):
                continue
            span = self.doc[m.start:m.end]
            if target.kind == "seat":
                self._add(m.start, m.end, self.kb.agent_ref(target.key, "GOV"), "metonym")
                continue
            iso = self.kb.places.get(target.key) if target.kind == "place" else target.key
            acts = target.kind != "place" and self._acts(m)
            if acts and target.kind == "country":
                self._add(m.start, m.end, self.kb.country_ref(iso), "name")
            elif acts and target.kind == "capital":
                self._add(m.start, m.end, self.kb.agent_ref(iso, "GOV"), "metonym")
            else:
                name = self.kb.countries[iso].name if target.kind == "country" and iso in self.kb.countries else target.surface
                self.places.append((span.start_char, span.end_char, Place(name=name, country=iso)))

    def _acts(self, m: _Match) -> bool:
        """Is this place name doing something (an actor) rather than locating something?"""
        doc = self.doc
        if self._dateline(m):
            return False
        if m.end < len(doc) and doc[m.end].text in ("'s", "’s", "'", "’"):
            return True
        root = doc[m.start:m.end].root
        if self._described_place(m, root):
            return False
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if root.dep_ == "pobj":
            return fold(root.head.text) not in LOCATIVE_PREPS
        if root.dep_ == "compound" or root.dep_ == "amod":
            return False
        return root.dep_ in ACTING_DEPS

    def _described_place(self, m: _Match, root: Token) -> bool:
        """A city named as a place although it is a subject or object: modified like a
        place ("a united Jerusalem", "the old Havana"), the subject of a verb that only a
        place does ("Panama City is bustling"), or coordinated with a plain place ("between
        Oakland and San Jose", a city that is also some country's capital)."""
        doc = self.doc
        before = doc[m.start - 1] if m.start > 0 else None
        if before is not None and before.head.i == root.i and m.targets[0].kind == "capital" and (
                before.dep_ == "amod" or before.lower_ in ("a", "an")):
            return True
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in PLACE_VERBS:
            return True
        for other in [root.head] * (root.dep_ == "conj") + [t for t in root.children if t.dep_ == "conj"]:
            match = self.match_at.get(other.i)
            if match is not None and match.targets[0].kind == "place" or (
                    match is None and other.ent_type_ in ("GPE", "LOC")):
                return True
        return False

    def _dateline(self, m: _Match) -> bool:
        """A dateline names where the story was filed: a place opening a line, followed by
        the agency or a dash ("LONDON (Reuters) -", "Moscow — ") or, in capitals, a date
        ("WASHINGTON, Dec. 22")."""
        doc = self.doc
        if m.start > 0 and not (doc[m.start - 1].is_space or doc[m.start - 1].text.endswith("\n")):
            return False
        if m.end >= len(doc):
            return False
        after = doc[m.end].text
        return after in ("(", "—", "–", "-", "--") or (after in (",", ":") and doc[m.start:m.end].text.isupper())

    def _link_demonyms(self, matches: list[_Match]) -> None:
        """'Russians', 'two Chinese' as nouns: the people of that country; 'Bosnian Serbs', 'Kosovo
        Albanians': the people of the country named before them."""
        ends = {m.end: m for m in matches if m.targets[0].kind in ("adjective", "country")}
        for m in matches:
            if m.targets[0].kind != "adjective" or any(self.taken[i] for i in range(m.start, m.end)):
                continue
            token = self.doc[m.end - 1]
            if token.pos_ in ("NOUN", "PROPN") and token.tag_ in ("NNS", "NNPS") and token.dep_ not in ("compound", "amod"):
                start, country = m.start, m.targets[0].key
                modifier = ends.get(m.start)
                if modifier is not None and self.doc[modifier.end - 1].head.i == token.i \
                        and not any(self.taken[i] for i in range(modifier.start, modifier.end)):
                    start, country = modifier.start, modifier.targets[0].key
                self._add(start, m.end, self.kb.country_ref(country), "name")

    # -- coreference -------------------------------------------------------------

    def _link_short_names(self, ents: list[SpacySpan]) -> None:
        """Lone surnames ("Mr. Ushakov", "Putin") → the person named in full in this article."""
        owners: dict[str, set[str]] = {}
        refs: dict[str, ActorRef] = {}
        for _, mention in self.person_mentions:
            if mention.kind != "name" or mention.actor is None:
                continue
            actor = mention.actor
            words = [fold(w) for w in (self.kb.actors[actor.id].name if actor.id in self.kb.actors else actor.name).split()]
            # The surname, and the first word of three-word names (family name first:
            # "Kim" of Kim Jong Un), never a given name ("Joe" of Joe Biden).
            # Korean-style hyphenated given names put the family name first too ("Moon" of Moon Jae-in).
            keys = {words[-1]} | ({words[0]} if len(words) >= 3 or (len(words) == 2 and "-" in words[-1]) else set())
            for word in keys:
                if len(word) > 2:
                    owners.setdefault(word, set()).add(actor.id)
                    refs[actor.id] = actor
        # Short names of organisations named in full before: "the Post" after "The Washington
        # Post", "the Journal" after "The Wall Street Journal" (when one name ends so).
        person_ids = {m.actor.id for _, m in self.person_mentions if m.actor is not None}
        tails: dict[str, set[ActorRef]] = {}
        for mention in self.mentions:
            words = mention.text.split()
            if mention.kind == "name" and mention.actor is not None and len(words) > 1 \
                    and mention.actor.id not in person_ids and not mention.actor.id.startswith(("country:", "agent:")):
                tails.setdefault(fold(words[-1]), set()).add(mention.actor)
        for ent in ents:
            if any(self.taken[i] or i in self.placed for i in range(ent.start, ent.end)):
                continue
            if ent.label_ == "ORG" and ent.end - ent.start <= 2 and len(tails.get(self.keys[ent.end - 1], ())) == 1 \
                    and (ent.end - ent.start == 1 or self.doc[ent.start].lower_ == "the"):
                self._add(ent.start, ent.end, next(iter(tails[self.keys[ent.end - 1]])), "name")
                continue
            if ent.label_ not in FUZZY_NAME_LABELS and not self._surname_as_place(ent, owners):
                continue
            if not any(c.isalpha() for c in ent.text) or NOT_A_NAME.search(ent.text):
                continue
            if self._word_not_name(ent.start, ent.end) and fold(ent[0].text) not in owners:
                continue  # "Demographic shifts"; but "Jobs" after Steve Jobs is his short name
            person = ent.label_ == "PERSON"
            end = ent.end
            while end > ent.start and self.doc[end - 1].text in ("'s", "’s"):
                end -= 1
            words = [fold(t.text) for t in self.doc[ent.start:end] if fold(t.text) not in HONORIFICS]
            if len(words) != 1:
                if words:
                    self._add(ent.start, end, self._local(self.doc[ent.start:end].text, _Title(), person=person), "name", person=person)
                continue
            ids = owners.get(words[0], set())
            start = ent.start
            if start > 0 and fold(self.doc[start - 1].text) in HONORIFICS:
                start -= 1
                person = True
            if len(ids) == 1:
                self._add(start, end, refs[next(iter(ids))], "name", person=True)
            elif not ids:
                self._add(start, end, self._local(self.doc[ent.start:end].text, _Title(), person=person), "name", person=person)

    def _surname_as_place(self, ent: SpacySpan, owners: dict[str, set[str]]) -> bool:
        """A lone surname spaCy took for a place ("Branson said"), of a person named in
        full before; names the KB knows as places never reach here."""
        words = [t for t in ent if t.text not in ("'s", "’s")]
        return ent.label_ == "GPE" and len(words) == 1 and fold(words[0].text) in owners

    def _link_pronouns(self) -> None:
        if not self.person_mentions:
            return
        persons = sorted(self.person_mentions, key=lambda item: item[0])
        # Gender is learnt as the text goes: from honorifics ("Mrs. Horomanski") and from
        # pronouns already linked, so "she" does not jump to the last man named.
        for i, mention in persons:
            word = fold(self.doc[i].text)
            if mention.actor is not None and (word in FEMININE or word in MASCULINE):
                self.gender[mention.actor.id] = "f" if word in FEMININE else "m"
        for token in self.doc:
            if token.lower_ not in PRONOUNS or token.pos_ != "PRON" or self.taken[token.i]:
                continue
            antecedent = self._antecedent(token, persons)
            if antecedent is not None:
                self.gender.setdefault(antecedent.id, "f" if token.lower_ in FEMININE else "m")
                self._add(token.i, token.i + 1, antecedent, "pronoun", person=True)
                # where a stable sort of all person mentions would put it: after its equals
                bisect.insort_right(persons, self.person_mentions[-1], key=_token_index)

    def _antecedent(self, pronoun: Token, persons: list[tuple[int, Mention]]) -> ActorRef | None:
        sentence = pronoun.sent
        want = "f" if pronoun.lower_ in FEMININE else "m"

        def between(start: int, end: int) -> list[tuple[int, Mention]]:
            """Persons of the wanted gender at tokens start..end-1 (`persons` is sorted by token)."""
            first = bisect.bisect_left(persons, start, key=_token_index)
            last = bisect.bisect_left(persons, end, lo=first, key=_token_index)
            return [(i, m) for i, m in persons[first:last] if self.gender.get(m.actor.id, want) == want]

        same = between(sentence.start, pronoun.i)
        if same:
            return same[-1][1].actor
        if self.sentences is None:
            self.sentences = list(self.doc.sents)
            for k, sent in enumerate(self.sentences):
                self.sentence_at.setdefault(sent.start, k)
        sentences = self.sentences
        index = self.sentence_at.get(sentence.start, 0)
        for back in range(1, PRONOUN_SENTENCE_WINDOW + 1):
            if index - back < 0:
                break
            sent = sentences[index - back]
            inside = between(sent.start, sent.end)
            if not inside:
                continue
            for i, mention in inside:
                head = self._mention_head(i, mention)
                if head.dep_ in ("nsubj", "nsubjpass") and head.head.i == sent.root.i:
                    return mention.actor
            return inside[0][1].actor
        return None

    def _mention_head(self, i: int, mention: Mention) -> Token:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span.root if span is not None else self.doc[i]

    # -- output ------------------------------------------------------------------

    def _add(self, start: int, end: int, ref: ActorRef, kind: str, *, person: bool = False, nested: bool = False) -> None:
        if ref.sector is None and ref.id in self.titled:
            ref = self.titled[ref.id]
        span = self.doc[start:end]
        if span.text.lower().startswith("the ") and kind != "role":
            span = self.doc[start + 1:end]
        mention = Mention(start=span.start_char, end=span.end_char, text=span.text, actor=ref, kind=kind)  # type: ignore[arg-type]
        self.mentions.append(mention)
        for i in range(start, end):
            self.taken[i] = True
        if person and not nested:
            self.person_mentions.append((start, mention))

    def _result(self) -> ActorLinks:
        mentions = sorted(self.mentions, key=lambda m: (m.start, -m.end))
        counts: Counter[str] = Counter()
        first: dict[str, ActorRef] = {}
        for mention in mentions:
            if mention.actor is not None:
                counts[mention.actor.id] += 1
                first.setdefault(mention.actor.id, mention.actor)
        actors = [ArticleActor(actor=ref, mentions=counts[actor_id]) for actor_id, ref in first.items()]
        person_spans = {(m.start, m.end) for _, m in self.person_mentions}
        mention_spans = _Overlaps([(m.start, m.end) for m in mentions])
        place_spans = _Overlaps([(s, e) for s, e, _ in self.places])
        entities: list[Entity] = []
        for entity in self.article.entities:
            # "Russian" in "Russian President Vladimir Putin" is not Putin.
            skip = person_spans if entity.label != "PERSON" else set()
            near = [mentions[k] for k in mention_spans.overlapping(entity.start, entity.end)]
            mention = _overlapping(near, entity, skip)
            actor, place = None, None
            if mention is not None and (mention.kind in ("name", "metonym") or entity.label in ("NORP", "ORG", "PERSON")):
                actor = mention.actor
            else:
                first_place = place_spans.overlapping(entity.start, entity.end)[:1]
                place = self.places[first_place[0]][2] if first_place else None
            entities.append(replace(entity, actor=actor, place=place))
        entities += self._missed_entities(entities, mentions, person_spans)
        entities.sort(key=lambda e: (e.start, e.end))
        return ActorLinks(mentions=mentions, actors=actors, entities=entities)

    def _missed_entities(self, entities: list[Entity], mentions: list[Mention],
                         person_spans: set[tuple[int, int]]) -> list[Entity]:
        spans = _Reach([e.start for e in entities] + [m.start for m in mentions] + [s for s, _, _ in self.places])
        for entity in entities:
            spans.add(entity.start, entity.end)

        def free(start: int, end: int) -> bool:
            return spans.furthest_end(before=end) <= start  # no span starts before `end` and reaches past `start`

        added = []
        for mention in mentions:
            if mention.kind not in ("name", "metonym") or not free(mention.start, mention.end):
                continue
            actor = mention.actor
            label = ("PERSON" if (mention.start, mention.end) in person_spans
                     else "GPE" if actor is not None and actor.id.startswith(("country:", "agent:")) else "ORG")
            added.append(Entity(text=mention.text, start=mention.start, end=mention.end, label=label, actor=actor))
            spans.add(mention.start, mention.end)
        for start, end, place in self.places:
            if free(start, end):
                added.append(Entity(text=self.article.text[start:end], start=start, end=end, label="GPE", place=place))
                spans.add(start, end)
        return added


def _token_index(person: tuple[int, Mention]) -> int:
    return person[0]


# -- lookups by offset ---------------------------------------------------------
# The linker asks, for each entity, mention or name, which others lie near it. Scanning
# all of them each time made long texts quadratic (a 200,000-character text spent 13 s
# in `_result` alone); these read only the spans near the query.


class _Overlaps:
    """Which spans of a fixed list overlap a query span."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self.starts = [spans[k][0] for k in self.order]
        self.reach: list[int] = []  # the furthest end among spans up to each in start order
        for k in self.order:
            self.reach.append(max(spans[k][1], self.reach[-1]) if self.reach else spans[k][1])

    def overlapping(self, start: int, end: int) -> list[int]:
        """Positions in the list, in list order, of the spans with s < end and start < e."""
        found = []
        k = bisect.bisect_left(self.starts, end) - 1
        while k >= 0 and self.reach[k] > start:
            if self.spans[self.order[k]][1] > start:
                found.append(self.order[k])
            k -= 1
        return sorted(found)


class _Reach:
    """Spans added one at a time (their starts known in advance); answers how far the
    spans that start before an offset reach (a Fenwick tree of maximum ends)."""

    def __init__(self, starts: list[int]) -> None:
        self.keys = sorted(set(starts))
        self.tree = [-1] * (len(self.keys) + 1)

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_left(self.keys, start) + 1
        while k < len(self.tree):
            self.tree[k] = max(self.tree[k], end)
            k += k & -k

    def furthest_end(self, *, before: int) -> int:
        """The largest end among spans starting before `before` (-1 when there is none)."""
        best, k = -1, bisect.bisect_left(self.keys, before)
        while k > 0:
            best = max(best, self.tree[k])
            k -= k & -k
        return best


class _PlaceTally:
    """Counts, per country, of the matches that read as its places or name it, for telling
    a region from its homonym country ("Georgia"); kept current as readings change."""

    def __init__(self, kb: ActorKB, matches: list[_Match]) -> None:
        self.kb = kb
        self.places: Counter[str | None] = Counter()  # first reading a place of that country
        self.region_places: Counter[str | None] = Counter()  # ... and no country reading at all
        self.country_signs: Counter[str] = Counter()  # no place reading, some country/capital/adjective/seat one
        for m in matches:
            self.count(m, +1)

    def count(self, m: _Match, sign: int) -> None:
        first = m.targets[0]
        if first.kind == "place":
            iso = self.kb.places.get(first.key)
            self.places[iso] += sign
            if not m.first("country"):
                self.region_places[iso] += sign
        if not m.first("place"):
            for iso in {t.key for t in m.targets if t.kind in ("country", "capital", "adjective", "seat")}:
                self.country_signs[iso] += sign


def _overlapping(mentions: list[Mention], entity: Entity, skip: set[tuple[int, int]]) -> Mention | None:
    """The mention that fits the entity best: most overlap, then least text outside it.
    `mentions` may be only those near the entity; among equals the first wins.

    Mentions in `skip` that reach beyond the entity are ignored."""
    best, best_score = None, None
    for mention in mentions:
        if (mention.start, mention.end) in skip and (mention.start < entity.start or mention.end > entity.end):
            continue
        if mention.start < entity.end and entity.start < mention.end:
            overlap = min(entity.end, mention.end) - max(entity.start, mention.start)
            score = (overlap, -(mention.end - mention.start))
            if best_score is None or score > best_score:
                best, best_score = mention, score
    return best


# small words inside a name ("Movement for the Actualization of the Sovereign State of Biafra")
_NAME_JOINERS = frozenset({"of", "for", "the", "and", "de", "du", "la", "&"})


def _name_before(doc: Doc, end: int) -> list[Token]:
    """The capitalised name ending just before token `end` (at most eight words), or []."""
    words: list[Token] = []
    i = end - 1
    while i >= 0 and len(words) < 8 and (doc[i].text[:1].isupper() or doc[i].lower_ in _NAME_JOINERS and words):
        words.insert(0, doc[i])
        i -= 1
    while words and words[0].lower_ in _NAME_JOINERS:
        words.pop(0)
    return words if len(words) >= 2 else []


def _dominant_country(named: Counter[str | None]) -> str | None:
    """The country the article is about: named (or its capital, adjective, places) at
    least twice and at least twice as often as any other; None when none dominates."""
    top = Counter({c: n for c, n in named.items() if c}).most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[0][1] < 2 * top[1][1]):
        return None
    return top[0][0]


def _singular(phrase: str) -> str:
    if phrase.endswith("ies"):
        return phrase[:-3] + "y"
    if phrase.endswith("men"):
        return phrase[:-3] + "man"
    return phrase[:-1] if phrase.endswith("s") else phrase


def _same_name_tokens(query: list[str], name: list[str]) -> bool:
    """The false-merge guard: names must align token by token, each pair equal or one
    small typo apart (1 edit for tokens of 3-6 letters, 2 for longer; never on 1-2
    letter tokens), and at least one token must match exactly. So "Kim Jong Une" ~
    "Kim Jong Un", but "Kim Jong Il" ≁ "Kim Jong Un" and "Kim Yo Jong" ≁ either."""
    if len(query) != len(name):
        return False
    exact = 0
    for a, b in zip(query, name):
        if a == b:
            exact += 1
            continue
        shortest = min(len(a), len(b))
        allowed = 0 if shortest < 2 else 1 if shortest < 7 else 2
        if min(len(a), len(b)) <= 2 and max(len(a), len(b)) <= 2:
            return False
        if Levenshtein.distance(a, b) > allowed:
            return False
    return exact >= 1 or len(query) == 1
