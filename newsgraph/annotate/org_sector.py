"""Organisations beyond the knowledge base: what the text says of them decides their code.

Reads: the spaCy Doc, the KB alias matches and the mentions of the actor stage
(`newsgraph.annotate.actors`), and `ActorKB.org_descriptors` (org_descriptors.tsv) and
org_context_words.tsv. Called by the actor linker at two points (`OrgReader`):

1. `with_context`: a KB name that is also a common word ("Apple", "Shell", "Time"; the
   `context` column of companies.tsv and media.tsv) stays a KB candidate only with company or
   media context: spaCy tags it an organisation, a legal suffix or descriptor is next to it
   ("Shell plc", "oil major Shell", "Apple, the iPhone maker,"), or, away from a sentence's
   first word, a company or media word is in its sentence ("Apple shares", "told Time").
2. `code_organisations`: an organisation the KB does not know (an article-local actor) gets
   a sector from its legal suffix or name's last words ("Foo Inc.", "Foo Airlines", "Foo
   University"), from a descriptor before it ("the chipmaker Foo") or in apposition ("Foo,
   the credit reporting agency,"), and a country from the words around those ("the
   California-based", "South Korean electronics giant", "based in Seoul"). A role mention
   that is only the title or apposition of a named organisation ("the US chipmaker" in "the
   US chipmaker Foo") is linked to that organisation instead of a separate sector actor.

Every decision is recorded on the mention as a named rule (`Mention.rules`): `org-context:*`
for 1, `org-sector:*`, `org-country:*` and `org-title` for 2.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from spacy.tokens import Doc, Span as SpacySpan

from newsgraph.annotate.kb import DATA_DIR, ActorKB, Target, _rows, fold, slug
from newsgraph.model import ActorRef, Mention

# Legal-form suffixes and name-final words are read over at most this many tokens after a name.
SUFFIX_WINDOW = 4
# An apposition ("Foo, the California-based maker of chips,") is read over at most this many tokens.
APPOSITION_WINDOW = 10
DETERMINERS = frozenset({"the", "a", "an"})
BASED_WORDS = frozenset({"based", "headquartered"})
# Only organisations with these sectors are read for context words (companies, news media).
CONTEXT_SECTORS = frozenset({"BUS", "MED"})


class _Match(Protocol):
    start: int
    end: int
    targets: list[Target]


@dataclass(frozen=True, slots=True)
class OrgReading:
    """What the text says of one organisation: sector, country, and the rules that said it."""

    sector: str | None = None
    country: str | None = None
    rules: tuple[str, ...] = ()


def read_context_words(path: Path | None = None) -> dict[str, str]:
    path = path or DATA_DIR / "org_context_words.tsv"
    return {row["word"].lower(): row["sector"] for _, row in _rows(path.read_text(encoding="utf-8"), path.name)}


class OrgReader:
    """Reads what one article says of its organisations (made per article by the linker)."""

    def __init__(self, doc: Doc, kb: ActorKB, ents: Iterable[SpacySpan]) -> None:
        self.doc, self.kb = doc, kb
        self.descriptors = kb.org_descriptors
        self.keys = [fold(t.text) for t in doc]
        self.org_tokens = {i for e in ents if e.label_ == "ORG" for i in range(e.start, e.end)}
        self._context_words: dict[str, str] | None = None

    # -- 1. common-word names ----------------------------------------------------

    def with_context(self, matches: list[_Match]) -> tuple[list[_Match], dict[int, str]]:
        """The matches without common-word KB names that lack context, and the rule that let
        each kept one through, by its first token."""
        kept: list[_Match] = []
        rules: dict[int, str] = {}
        for m in matches:
            if not any(t.needs_context for t in m.targets):
                kept.append(m)
                continue
            targets = []
            for target in m.targets:
                if not target.needs_context:
                    targets.append(target)
                    continue
                rule = self._context(m.start, m.end, self._sector_of(target))
                if rule is not None:
                    targets.append(target)
                    rules[m.start] = rule
            if targets:
                m.targets = targets
                kept.append(m)
        return kept, rules

    def _sector_of(self, target: Target) -> str | None:
        actor = self.kb.actors.get(target.key)
        return actor.terms[0].sector if actor is not None and actor.terms else None

    def _context(self, start: int, end: int, sector: str | None) -> str | None:
        doc = self.doc
        last = doc[end - 1]
        # "Amazon basin", "Shell casings", "Target areas": the word modifies a common noun
        modified = last.head if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= end \
            and last.head.pos_ == "NOUN" else None
        words = self._words()
        if modified is not None and sector is not None and words.get(modified.lemma_.lower()) == sector:
            return f"org-context:modified-noun {modified.lower_}"  # "Apple shares"
        suffix = self._suffix_after(end)
        legal = suffix is not None and fold(suffix[0]) in self.descriptors.legal  # type: ignore[union-attr]
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and nxt.is_alpha and nxt.text[:1].isupper() and not legal:
            return None  # "National" of "National News Agency": a word of another name
        if modified is None and all(i in self.org_tokens for i in range(start, end)):
            return "org-context:entity"
        if legal:
            return f"org-context:suffix {suffix[0]}"  # type: ignore[index]
        before = self._descriptor_before(start)
        if before is not None:
            return f"org-context:descriptor {before[0]}"
        after = self._apposition(end)
        if after is not None and after[0] is not None:
            return f"org-context:apposition {after[0]}"
        sentence = doc[start].sent
        if modified is not None or start == sentence.start or sector not in CONTEXT_SECTORS:
            return None  # a capitalised first word says nothing: "Target areas", "Shell casings"
        for token in sentence:
            if start <= token.i < end:
                continue
            if words.get(token.lemma_.lower()) == sector or words.get(token.lower_) == sector:
                return f"org-context:word {token.lower_}"
        return None

    def _words(self) -> dict[str, str]:
        if self._context_words is None:
            self._context_words = read_context_words()
        return self._context_words

    # -- 2. organisations the KB does not know ----------------------------------------

    def code_organisations(self, mentions: list[Mention], context_rules: dict[int, str]) -> list[Mention]:
        """The mentions with article-local organisations coded from what the text says of
        them, titles and appositions of named organisations linked to them, and the rules
        recorded."""
        doc = self.doc
        mentions = sorted(mentions + self._unlabelled_orgs(mentions), key=lambda m: (m.start, -m.end))
        spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in mentions]
        readings: dict[str, OrgReading] = {}
        retyped: dict[str, ActorRef] = {}  # unknown "people" described as organisations → the organisation
        for k, (mention, span) in enumerate(zip(mentions, spans)):
            actor = mention.actor
            if span is None or actor is None or mention.kind != "name":
                continue
            if actor.id in retyped:
                actor = retyped[actor.id]
                mentions[k] = mention = replace(mention, actor=actor)
            elif _local_person(actor):
                rule = self._described_as_org(span.start, span.end)
                if rule is None:
                    continue
                org = ActorRef(id=actor.id.split("@")[0], name=actor.name, code="", country=None, sector=None)
                retyped[actor.id] = org
                mentions[k] = mention = replace(mention, actor=org)
                actor = org
            if not _local_org(actor):
                continue
            reading = self.read(span.start, span.end, known=readings.get(actor.id))
            readings[actor.id] = reading
        out: list[Mention] = []
        org_at: dict[int, Mention] = {}  # first token of an organisation name → its mention
        for mention, span in zip(mentions, spans):
            actor = mention.actor
            if actor is not None and actor.id in readings and mention.kind == "name":
                reading = readings[actor.id]
                country, sector = actor.country or reading.country, actor.sector or reading.sector
                if (country, sector) != (actor.country, actor.sector):
                    actor = replace(actor, country=country, sector=sector, code=f"{country or ''}{sector or ''}")
                mention = replace(mention, actor=actor, rules=mention.rules + reading.rules)
            elif span is not None and span.start in context_rules and mention.kind == "name":
                mention = replace(mention, rules=mention.rules + (context_rules[span.start],))
            if span is not None and mention.kind == "name" and self._org(mention.actor):
                org_at[span.start] = mention
            out.append(mention)
        return self._titles_to_orgs(out, spans, org_at)

    def _described_as_org(self, start: int, end: int) -> str | None:
        """An unknown name spaCy took for a person, described as an organisation ("the chipmaker
        Zorvex", "Zorvex, the chipmaker,"): the rule that says so, or None. Only descriptors that
        stand alone and are not person roles count ("developer", "founder" may be people)."""
        assert self.descriptors is not None
        for found in (self._descriptor_before(start), self._apposition(end)):
            if found is None or found[0] is None:
                continue
            phrase = found[0]
            role = self.kb.roles.get(phrase)
            if phrase in self.descriptors.standalone and not (role is not None and role.person):
                return f"org-type:descriptor {phrase}"
        return None

    def _unlabelled_orgs(self, mentions: list[Mention]) -> list[Mention]:
        """Proper names spaCy left untagged that the text calls an organisation: a legal suffix
        after them or a descriptor in apposition ("Equifax, the credit reporting agency,")."""
        doc = self.doc
        if self.descriptors is None:
            return []
        covered = {i for e in doc.ents for i in range(e.start, e.end)}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                covered.update(range(span.start, span.end))
        added: list[Mention] = []
        i = 0
        while i < len(doc):
            if doc[i].pos_ != "PROPN" or i in covered or not doc[i].text[:1].isupper():
                i += 1
                continue
            end = i
            while end < len(doc) and doc[end].pos_ == "PROPN" and end not in covered and doc[end].text[:1].isupper():
                end += 1
            suffix = self._suffix_after(end)
            apposition = self._apposition(end)
            legal = suffix is not None and fold(suffix[0]) in self.descriptors.legal
            if legal or (apposition is not None and apposition[0] in self.descriptors.standalone):
                span = doc[i:end]
                ref = ActorRef(id=f"local:{slug(span.text)}", name=span.text, code="", country=None, sector=None)
                added.append(Mention(span.start_char, span.end_char, span.text, ref, "name", ("org-type:unlabelled",)))
            i = end
        return added

    def read(self, start: int, end: int, *, known: OrgReading | None = None) -> OrgReading:
        """Sector and country of the organisation named at tokens [start, end)."""
        sector, country = (known.sector, known.country) if known else (None, None)
        rules = list(known.rules) if known else []
        name_final = self._name_final(start, end)
        found: list[tuple[str, str | None, str | None]] = []  # (rule, sector, country)
        suffix = self._suffix_after(end)
        if suffix is not None:
            found.append((f"org-sector:suffix {suffix[0]}", suffix[1], None))
        if name_final is not None:
            found.append((f"org-sector:name-ends {name_final[0]}", name_final[1], None))
        before = self._descriptor_before(start)
        if before is not None:
            phrase, s, first = before
            found.append((f"org-sector:descriptor {phrase}", s, None))
            c = self._country_before(first)
            if c is not None:
                found.append((f"org-country:{c[1]}", None, c[0]))
        after = self._apposition(end)
        if after is not None:
            phrase, s, c = after
            if phrase is not None:
                found.append((f"org-sector:apposition {phrase}", s, None))
            if c is not None:
                found.append((f"org-country:apposition {c[1]}", None, c[0]))
        based = self._based_in(end)
        if based is not None:
            found.append((f"org-country:based-in {based[1]}", None, based[0]))
        for rule, s, c in found:
            used = False
            if s is not None and sector is None:
                sector, used = s, True
            if c is not None and country is None:
                country, used = c, True
            if used and rule not in rules:
                rules.append(rule)
        return OrgReading(sector, country, tuple(rules))

    def _titles_to_orgs(self, mentions: list[Mention], spans: list[SpacySpan | None],
                        org_at: dict[int, Mention]) -> list[Mention]:
        """A sector actor that is only an organisation's title ("the US chipmaker" before
        "Foo") or apposition ("Foo, the US chipmaker,") is that organisation."""
        doc = self.doc
        ends = {span.end: org_at[span.start] for span in spans
                if span is not None and span.start in org_at}
        out = []
        for mention, span in zip(mentions, spans):
            actor = mention.actor
            if span is not None and mention.kind == "role" and actor is not None and actor.id.startswith("agent:"):
                org = org_at.get(span.end)
                before = span.start - 1
                if before > 0 and doc[before].lower_ in DETERMINERS:
                    before -= 1
                if org is None and before >= 1 and doc[before].text == ",":
                    org = ends.get(before)
                if org is not None and org.actor is not None and actor.sector == org.actor.sector \
                        and actor.country in (None, org.actor.country):
                    mention = replace(mention, actor=org.actor, rules=mention.rules + ("org-title",))
            out.append(mention)
        return out

    # -- reading the words ---------------------------------------------------------

    def _phrase_ending(self, last: int, table: dict[str, str], first_limit: int) -> tuple[str, str, int] | None:
        """The longest phrase of `table` ending at token `last` and starting at or after
        `first_limit`: (phrase, sector, first token)."""
        assert self.descriptors is not None
        for size in range(min(self.descriptors.longest, last - first_limit + 1), 0, -1):
            first = last - size + 1
            phrase = " ".join(self.keys[first:last + 1])
            if phrase in table:
                return phrase, table[phrase], first
            # "credit-reporting agency" is tokenised with hyphens; the table writes words
            phrase = phrase.replace(" - ", "-")
            if phrase in table:
                return phrase, table[phrase], first
        return None

    def _suffix_after(self, end: int) -> tuple[str, str] | None:
        """A legal-form suffix or name-final word right after the name ("Foo Inc.", "Foo, Ltd.")."""
        if self.descriptors is None or end >= len(self.doc):
            return None
        doc = self.doc
        start = end + 1 if doc[end].text == "," and end + 1 < len(doc) else end
        if not doc[start].text[:1].isupper():
            return None
        for last in range(min(len(doc), start + SUFFIX_WINDOW) - 1, start - 1, -1):
            found = self._phrase_ending(last, self.descriptors.name_final, start)
            if found is not None and found[2] == start and all(doc[i].text[:1].isupper() or not doc[i].is_alpha
                                                               for i in range(start, last + 1)):
                return doc[start:last + 1].text, found[1]
        return None

    def _name_final(self, start: int, end: int) -> tuple[str, str] | None:
        """The last word(s) of the name itself ("Foo Airlines", "Foo University")."""
        if self.descriptors is None or end - start < 2:
            return None
        found = self._phrase_ending(end - 1, self.descriptors.name_final, start + 1)
        return (self.doc[found[2]:end].text, found[1]) if found else None

    def _descriptor_before(self, start: int) -> tuple[str, str, int] | None:
        """A descriptor right before the name, in its noun phrase ("the chipmaker Foo")."""
        if self.descriptors is None or start == 0 or not self.doc[start - 1].is_alpha:
            return None
        return self._phrase_ending(start - 1, self.descriptors.beside_name, max(0, start - self.descriptors.longest))

    def _apposition(self, end: int) -> tuple[str | None, str | None, tuple[str, str] | None] | None:
        """'Foo, the California-based credit reporting agency, ...': (descriptor, sector, (country, rule))."""
        doc = self.doc
        if self.descriptors is None or end + 2 >= len(doc) or doc[end].text != ",":
            return None
        i = end + 1
        if doc[i].lower_ not in DETERMINERS:
            return None
        words = []
        j = i + 1
        while j < len(doc) and j - i <= APPOSITION_WINDOW:
            token = doc[j]
            if token.text == "-" or (token.lower_ in BASED_WORDS and j > 0 and doc[j - 1].text == "-"):
                words.append(j)
                j += 1
                continue
            if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ", "DET"):
                break
            words.append(j)
            j += 1
        if not words or (j < len(doc) and doc[j].pos_ in ("VERB", "AUX")):
            return None  # "..., the company said": a clause, not an apposition
        found = self._phrase_ending(words[-1], self.descriptors.beside_name, words[0])
        country = self._country_before(found[2] if found else words[-1] + 1, limit=i + 1)
        if found is None and country is None:
            return None
        return (found[0] if found else None), (found[1] if found else None), country

    def _country_before(self, first: int, *, limit: int | None = None) -> tuple[str, str] | None:
        """A country named by the words before a descriptor ("South Korean", "California-based",
        "Seoul-based"): (ISO3, rule)."""
        doc = self.doc
        lowest = limit if limit is not None else max(0, first - 6)
        j = first - 1
        while j >= lowest:
            token = doc[j]
            if token.is_punct and token.text != "-":
                break
            if token.lower_ in DETERMINERS:
                break
            if token.lower_ in BASED_WORDS and j >= 2 and doc[j - 1].text == "-":
                iso = self._country_ending(j - 2, lowest)
                if iso is not None:
                    return iso, "based"
            iso = self._country_ending(j, lowest)
            if iso is not None:
                return iso, "adjective"
            j -= 1
        return None

    def _based_in(self, end: int) -> tuple[str, str] | None:
        """'Foo, based in Seoul,' / 'Foo, headquartered in Atlanta': (ISO3, the place)."""
        doc = self.doc
        for j in range(end, min(len(doc) - 2, end + APPOSITION_WINDOW)):
            if doc[j].text in (".", ";") or doc[j].is_sent_end:
                break
            if doc[j].lower_ in BASED_WORDS and doc[j + 1].lower_ == "in":
                iso = self._country_starting(j + 2)
                if iso is not None:
                    return iso
                break
        return None

    def _country_ending(self, last: int, lowest: int) -> str | None:
        for first in range(max(lowest, last - 3), last + 1):
            iso = self._country_at(first, last + 1)
            if iso is not None:
                return iso
        return None

    def _country_starting(self, first: int) -> tuple[str, str] | None:
        for last in range(min(len(self.doc), first + 4), first, -1):
            iso = self._country_at(first, last)
            if iso is not None:
                return iso, self.doc[first:last].text
        return None

    def _country_at(self, first: int, end: int) -> str | None:
        """ISO3 of the country, demonym, capital or place written at tokens [first, end)."""
        words = tuple(self.keys[first:end])
        if not words or not self.doc[first].text[:1].isupper():
            return None
        for tokens, targets in self.kb.table.get(words[0], ()):
            if tokens != words:
                continue
            for target in targets:
                if target.kind in ("country", "adjective", "capital", "seat"):
                    return target.key
                if target.kind == "place" and self.kb.places.get(target.key):
                    return self.kb.places[target.key]
        return None


    def _org(self, actor: ActorRef | None) -> bool:
        """A named organisation: a KB organisation or an article-local one."""
        if actor is None:
            return False
        known = self.kb.actors.get(actor.id)
        return known.type == "org" if known is not None else _local_org(actor)


def _local_person(actor: ActorRef) -> bool:
    return actor.id.startswith("local:") and "@" in actor.id


def _local_org(actor: ActorRef) -> bool:
    """An organisation the KB does not know (an unknown person's local id carries '@')."""
    return actor.id.startswith("local:") and "@" not in actor.id
