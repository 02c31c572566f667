"""After coding: mentions of one event in one article merged into one event, the confidence of an
event, and when two parties are one actor."""
from __future__ import annotations

from newsgraph.model import Event, Mention


# Confidence of a coded event: a base plus bonuses for parties the actor KB codes (a government, an
# army, a rebel group: political actors), less for a noun trigger and for an event between no coded
# actors (much of it business, entertainment, crime). A party known only by name (code "") gets no
# bonus, and neither does a pattern with a frame: on hand-judged real news neither told right from
# wrong. Checked on a hand-judged sample of the corpus and on the even PLOVER half (rerun
# `newsgraph eval events` before changing).
BASE_CONFIDENCE = 0.5


SOURCE_CODED_BONUS = 0.2


TARGET_CODED_BONUS = 0.1


NO_CODED_ACTOR_PENALTY = 0.1


NOUN_TRIGGER_PENALTY = 0.15


# How often a root's triggers are what they say, on 410 hand-judged events of real news (corpus lines
# 1200-1219, 1700-1719, 2200-2219; README): verbal acts (statements, appeals, investigations, demands,
# criticism, rejections) were right 71-100% of the time, intents, yielding, threats, protest and
# shows of force 20-44% (figures of speech, plans, habits read as acts). The rest move nothing.
RELIABLE_ROOTS = frozenset({"01", "02", "09", "10", "11", "12"})
DOUBTFUL_ROOTS = frozenset({"03", "08", "13", "14", "15"})
ROOT_ADJUSTMENT = 0.1


def _coded(mention: Mention | None) -> bool:
    return mention is not None and mention.coded


def _confidence(source: Mention | None, target: Mention | None, noun: bool, code: str) -> float:
    confidence = BASE_CONFIDENCE
    if code[:2] in RELIABLE_ROOTS:
        confidence += ROOT_ADJUSTMENT
    elif code[:2] in DOUBTFUL_ROOTS:
        confidence -= ROOT_ADJUSTMENT
    if _coded(source):
        confidence += SOURCE_CODED_BONUS
    if _coded(target):
        confidence += TARGET_CODED_BONUS
    if not _coded(source) and not _coded(target):
        confidence -= NO_CODED_ACTOR_PENALTY
    if noun:
        confidence -= NOUN_TRIGGER_PENALTY
    return round(min(max(confidence, 0.05), 1.0), 2)


def _same_actor(source: Mention, target: Mention) -> bool:
    """One actor on both sides ("Lula and Milei signed" must not pair Milei with himself)."""
    if (source.start, source.end) == (target.start, target.end) or source.text.lower() == target.text.lower():
        return True
    if source.actor is None or target.actor is None:
        return False
    # "the United States denied entry to the United States": one country, whichever stage linked it
    one_country = source.actor.code == source.actor.country and target.actor.code == target.actor.country \
        and source.actor.country is not None and source.actor.country == target.actor.country
    return source.actor.id == target.actor.id or one_country


def _actor_key(mention: Mention | None) -> str:
    if mention is None:
        return ""
    if mention.actor is not None:
        return mention.actor.code[:3] if mention.actor.country is None else mention.actor.country
    return mention.text.lower()


def _merge(events: list[Event]) -> list[Event]:
    """One event per (source, target, base code, date, negated, hypothetical); mentions pooled.

    An event without a target joins one with the same source and code in the same
    sentence ("the visit by the leader, who visited ..." is one visit)."""
    merged: dict[tuple, Event] = {}
    for event in events:
        key = (_actor_key(event.source), _actor_key(event.target), event.cameo[:3], event.date, event.negated,
               event.hypothetical)
        known = merged.get(key)
        if known is None and event.target is None:
            known = next((e for e in merged.values() if e.sentence == event.sentence
                          and _actor_key(e.source) == key[0] and e.cameo[:3] == key[2]
                          and (e.negated, e.hypothetical) == (event.negated, event.hypothetical)), None)
        if known is None:
            merged[key] = event
            continue
        if (event.trigger.start, event.trigger.end) not in {(m.trigger.start, m.trigger.end) for m in known.mentions}:
            known.mentions.extend(event.mentions)
        if event.confidence > known.confidence and len(event.cameo) >= len(known.cameo):
            known.cameo, known.plover_type, known.plover_mode = event.cameo, event.plover_type, event.plover_mode
            known.goldstein, known.confidence = event.goldstein, event.confidence
        known.rules = list(dict.fromkeys(known.rules + event.rules))
        known.claimed_by = known.claimed_by or event.claimed_by
        known.location = known.location or event.location
    out = list(merged.values())
    for number, event in enumerate(out, 1):
        event.id = f"e{number}"
    return out
