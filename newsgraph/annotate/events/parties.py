"""The parties of an act: a noun phrase resolved to a `Mention` from what the actor stage linked
(mentions, then entities), with affiliations, communities and country adjectives."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsgraph.annotate.events.syntax import _children, _personal_pronoun, _pobj
from newsgraph.annotate.events.words import (
    ACTOR_LABELS, ACTOR_NOUNS, AFFILIATION_LABELS, AFFILIATION_PREPS, BACKERS, LOCATED_BODIES, NON_ACTOR_LABELS,
    NP_EXCLUDED_DEPS, PERSONAL_PRONOUNS, PLACE_LABELS, POSSESSIVE_PRONOUNS, PUBLIC_TITLES, QUANTITY_NOUNS,
)
from newsgraph.annotate.actors import sided_with
from newsgraph.annotate.kb import ActorKB
from newsgraph.model import Article, Mention


class _Actors:
    """Resolves a noun phrase to a Mention from what the actor stage linked (mentions, then entities)."""

    def __init__(self, article: Article, doc: Doc, kb: ActorKB | None) -> None:
        self.mentions = sorted(article.mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        # a place the actor stage kept as a place ("visited Kenya", "arrived in Lima") is, as the
        # one an act is done to or by, its country: CAMEO codes it so
        self.entities = sorted((e for e in article.entities if e.actor is not None or (
            kb is not None and e.place is not None and e.place.country)), key=lambda e: e.start)
        self.entity_starts = [e.start for e in self.entities]
        self.kb = kb
        self.doc = doc
        self.text = doc.text  # once: Doc.text is rebuilt from the tokens on every read

    def _covering(self, starts: list[int], items: list, start: int, end: int):
        index = bisect_right(starts, end - 1) - 1
        while index >= 0 and items[index].start < end:
            if items[index].end > start:
                return items[index]
            if start - items[index].start > 200:
                break
            index -= 1
        return None

    @staticmethod
    def phrase(token: Token) -> tuple[int, int]:
        """Token span of the noun phrase headed by `token` (no clauses, preps, conjuncts)."""
        left = right = token.i
        stack = [token]
        while stack:
            tok = stack.pop()
            for child in tok.children:
                if child.dep_ in NP_EXCLUDED_DEPS or (tok.i == token.i and child.dep_ == "case"):
                    continue
                left, right = min(left, child.i), max(right, child.i)
                stack.append(child)
        return left, right + 1

    @staticmethod
    def phrase_ents(token: Token) -> set[str]:
        """Names of actors in the phrase headed by `token` ("Greek and Turkish ministers" names two)."""
        left, right = _Actors.phrase(token)
        return {t.ent_type_ + ":" + t.lower_ for t in token.doc[left:right] if t.ent_type_ in ACTOR_LABELS
                and t.ent_iob_ == "B"}

    def mention(self, token: Token) -> Mention:
        doc = self.doc
        head_mention = self._covering(self.starts, self.mentions, token.idx, token.idx + len(token))
        if head_mention is not None and _is_ethnic(token):
            return self._community(token, head_mention)
        if head_mention is not None:
            return self._with_affiliation(head_mention)
        left, right = self.phrase(token)
        if doc[left].lower_ in POSSESSIVE_PRONOUNS and doc[left].head.i == token.i and left < token.i:
            left += 1  # "his Argentine counterpart" is not the "his"
        span = doc[left:right]
        start, end = span.start_char, span.end_char
        inner = self._covering(self.starts, self.mentions, start, end)
        if inner is not None:
            return self._with_affiliation(inner)
        kind = "pronoun" if _personal_pronoun(token) else "name" if token.ent_type_ else "role"
        entity = self._covering(self.entity_starts, self.entities, start, end)
        if entity is not None and any(t.idx == entity.start and _backer(t) for t in span):
            entity = None  # "US-backed rebels", "pro-Russian separatists": the name is whom they side with
        if entity is not None:
            actor = entity.actor or self.kb.country_ref(entity.place.country)  # type: ignore[union-attr]
            return Mention(start, end, span.text, actor, kind)  # type: ignore[arg-type]
        if kind == "role":
            affiliated = self._affiliation(token)
            if affiliated is not None:
                return affiliated
        country = self._country_modifier(token) or self._country_adjective(token)
        if country is not None:
            return Mention(start, end, span.text, self.kb.country_ref(country), kind)  # type: ignore[union-attr,arg-type]
        return Mention(start, end, span.text, None, kind)  # type: ignore[arg-type]

    def coordinated_countries(self, head: Token, mention: Mention) -> list[Mention]:
        """"Indian and Chinese troops", "U.S. and South Korean forces": one phrase, an actor for each
        country named before its head (empty when the phrase names fewer than two)."""
        if self.kb is None or mention.actor is None:
            return []
        modifiers = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i]
        if not modifiers:
            return []
        words = head.doc[min(t.left_edge.i for t in modifiers):head.i]
        parts: list[list[Token]] = [[]]
        for token in words:
            if token.lower_ in ("and", ",", "&"):
                parts.append([])
            else:
                parts[-1].append(token)
        if len(parts) < 2 or not all(parts):
            return []
        countries = [self.kb.country_of_word(" ".join(t.text for t in part)) for part in parts]
        if None in countries or len(set(countries)) < len(countries):
            return []
        sector, end = mention.actor.sector, head.idx + len(head)
        return [replace(mention, start=part[0].idx, end=end, text=" ".join(t.text for t in part) + " " + head.text,
                        actor=self.kb.agent_ref(iso, sector) if sector else self.kb.country_ref(iso))
                for part, iso in zip(parts, countries)]

    def _country_modifier(self, token: Token) -> str | None:
        """"Nigerian helicopters fired", "Chilean landowners went on strike": a doer or target
        described by its country, which the actor stage leaves alone when the noun is no role."""
        if self.kb is None or _personal_pronoun(token) or _is_ethnic(token):
            return None
        if not _can_be_actor(token):
            return None  # "a British accent": a thing described by its country is no actor
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("NORP", "GPE") \
                    and child.i < token.i and not _backer(child):
                country = self.kb.country_of_word(child.text)
                if country is not None:
                    return country
        return None

    def _country_adjective(self, token: Token) -> str | None:
        """"Venezuelan riots", "Chilean strikes": the country adjective before an act's noun is its doer."""
        if self.kb is None or token.dep_ not in ("amod", "compound") or token.ent_type_ != "NORP" \
                or token.head.pos_ != "NOUN" or _is_ethnic(token.head) or sided_with(token):
            return None
        return self.kb.country_of_word(token.text)

    def _with_affiliation(self, mention: Mention) -> Mention:
        """"NATO spokesman X", "Arab League Secretary General X": a person the actor stage knows only by
        sector (code GOV, no country) belongs to the country or body named inside the mention."""
        actor = mention.actor
        if actor is None or actor.country is not None or actor.code != actor.sector:
            return mention
        index = bisect_right(self.starts, mention.end - 1) - 1
        while index >= 0 and self.mentions[index].end > mention.start:
            named = self.mentions[index].actor
            if self.mentions[index] is not mention and self.mentions[index].start >= mention.start \
                    and named is not None and named.code != named.sector:
                return replace(mention, actor=replace(actor, code=named.code + (actor.sector or ""),
                                                      country=named.country))
            index -= 1
        return mention

    def _community(self, token: Token, mention: Mention) -> Mention:
        """"Ethnic Albanians in Serbia": an ethnic community is not the state its name comes from;
        CAMEO codes it by the country it lives in, when the phrase names one."""
        for prep in _children(token, "prep"):
            obj = _pobj(prep) if prep.lower_ == "in" else None
            if obj is not None and obj.ent_type_ in ("GPE", "LOC"):
                named = self.mention(obj)
                if named.actor is not None:
                    start = self.doc[self.phrase(token)[0]].idx
                    return Mention(start, named.end, self.text[start:named.end], named.actor, "role")
        return replace(mention, actor=None)

    def _affiliation(self, token: Token) -> Mention | None:
        """"The government of Chile", "soldiers from Peru", "officials in Lima": a role is the named
        country's or organisation's when the phrase itself names none. The mention spans the name
        even when nobody linked it, so that its text says whose role it is."""
        if token.lemma_.lower() not in ACTOR_NOUNS:
            return None
        for prep in _children(token, "prep"):
            obj = _pobj(prep) if prep.lower_ in AFFILIATION_PREPS else None
            if prep.lower_ == "in" and token.lemma_.lower() in LOCATED_BODIES:
                continue  # "a group in Syria" is based there; it is not Syria
            if obj is None or not (obj.ent_type_ in AFFILIATION_LABELS or obj.pos_ == "PROPN" and not obj.ent_type_):
                continue
            named = self.mention(obj)
            start = self.doc[self.phrase(token)[0]].idx
            return Mention(start, named.end, self.text[start:named.end], named.actor, "role")
        return None


def _backer(token: Token) -> bool:
    """Is the word the backer in "X-backed", "X-funded", or the side in "pro-X", "anti-X" (it supports
    or opposes the actor, it is not the actor)?"""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ in BACKERS \
        or sided_with(token)


def _in_long_name(token: Token) -> bool:
    """Is the token one word of a name of several words?"""
    doc = token.doc
    return token.ent_iob_ == "I" or token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I"


def _is_ethnic(token: Token) -> bool:
    return any(c.dep_ in ("amod", "advmod") and c.lower_ == "ethnic" for c in token.children)


def _is_actor_like(token: Token, actors: _Actors) -> bool:
    if token.lemma_.lower() in QUANTITY_NOUNS or token.ent_type_ in ("CARDINAL", "ORDINAL"):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = _pobj(prep)
                return obj is not None and _is_actor_like(obj, actors)
    if token.ent_type_ in NON_ACTOR_LABELS:
        return False
    if token.ent_type_ in ACTOR_LABELS or token.lower_ in PERSONAL_PRONOUNS or token.pos_ == "PROPN":
        return True
    if token.lemma_.lower() in ACTOR_NOUNS:
        return True
    if actors._covering(actors.starts, actors.mentions, token.idx, token.idx + len(token)) is not None:
        return True
    # "the Russian army", "Seoul officials": a name modifying the head; not "Pyongyang's support"
    return _can_be_actor(token) and any(
        t.ent_type_ in ACTOR_LABELS for t in token.children if t.dep_ in ("compound", "amod", "nmod"))


def _can_be_actor(token: Token) -> bool:
    """Can a noun described by a country or a name be an actor: a role or body, or people or vehicles
    in the plural ("Italian coastguards", "Israeli positions"), not one thing ("a British accent")?"""
    return token.lemma_.lower() in ACTOR_NOUNS or token.tag_ in ("NNS", "NNPS")


def _counted(token: Token) -> Token:
    """"Hundreds of Kurdish fighters", "a group of students": the people counted, not the count."""
    if token.lemma_.lower() in QUANTITY_NOUNS or token.ent_type_ == "CARDINAL" and token.pos_ in ("NOUN", "NUM"):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = _pobj(prep)
                if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
    return token


def _names_actor(token: Token) -> bool:
    """Does the phrase headed by `token` contain a name ("Recent US raids", "ethnic Uzbek militias")?"""
    return bool(_Actors.phrase_ents(_counted(token)))


def _known(mentions: list[Mention], head: Token | None) -> bool:
    """Is the party linked to an actor or called by a name ("Ruritania", "Okonkwo"), not a common noun?"""
    return any(m.actor is not None for m in mentions) or head is not None and (
        head.pos_ == "PROPN" or head.ent_type_ in ACTOR_LABELS | PLACE_LABELS)


def _public(token: Token | None) -> bool:
    """Is the party a state, a body or someone holding a public title (by its words, when the actor
    stage knows nobody: "Bree President Romendacil", "Mordor")?"""
    if token is None:
        return False
    if token.ent_type_ in ("GPE", "ORG", "NORP", "LOC", "FAC"):
        return True
    return any(t.lemma_.lower() in PUBLIC_TITLES for t in token.subtree)
