"""Score event coding on gold sentence records, in the two published formats.

Finds, recursively under a folder, PLOVER gold-standard records (a JSON array,
`PLOVER_GSR_*.txt` / `*.json`) and PETRARCH validation records (`*records*.xml`).
Each sentence is analysed alone (`Pipeline.analyze_text`). Coded events are those
newsgraph asserts: negated events ("did not sign") and hypothetical ones ("fear an
attack", "would send if") do not count. (The GDELT export further leaves out events
with no CAMEO-coded actor on either side; the scores here do not.)

Figures follow UD-PETRARCH's report, as fractions of gold events:
found = correct / gold events, missed = 1 - found, extra = coded events that
match no gold event / records. PLOVER lists one event per record, so a sentence
with two events is two records; an event coded for the other one is not extra.

- PLOVER: an act coded for several actor pairs (coordination, symmetric codes)
  counts as one coded event, as PLOVER records list compound actors in one event.
  A gold event is *correct* when the sentence has a coded event of the
  same PLOVER type (0.5b1 labels mapped to the current 16 types) whose source,
  when the coder linked it to a country, is one of the gold source codes (a
  sector-only code such as `GOV`, for an official of unknown country, links none).
  `type_accuracy` is taken over the gold events whose trigger (`eventText`) the
  coder coded at all: the share of those coded with the gold type.
  `source_linked` is the share of correct events whose source the coder linked to
  a country or organisation code, and `source_match` the share of those equal to
  a gold source code (1.0 by construction for PLOVER, where a conflicting linked
  source is not correct).
- PETRARCH: the records' actors are fictional, so their codes are read at eval
  time from the test dictionaries beside the records (never shipped). Their event
  codes follow a WEIS-derived verb dictionary, not current CAMEO, so a gold event
  is *correct* when a coded event links the same source and target (first three
  letters of the codes); `type_accuracy` is the share of those with the gold root.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.annotate.kb import SECTORS
from newsgraph.errors import EvalDataError
from newsgraph.model import Event, Mention

# PLOVER 0.5b1 (2016) labels → the current PLOVER types (PLOVER manual; the README of the records)
PLOVER_05_TO_CURRENT = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass
class Tally:
    gold: int = 0
    correct: int = 0
    extra: int = 0
    records: int = 0
    detected: int = 0
    detected_right_type: int = 0
    source_linked: int = 0
    source_right: int = 0
    errors: list[str] = field(default_factory=list)

    def scores(self) -> dict:
        gold = self.gold or 1
        out = {
            "found": round(self.correct / gold, 4),
            "missed": round(1 - self.correct / gold, 4),
            "extra": round(self.extra / (self.records or 1), 4),
            "type_accuracy": round(self.detected_right_type / self.detected, 4) if self.detected else None,
            "n": self.gold,
            "records": self.records,
        }
        if self.correct and self.source_linked:
            out["source_linked"] = round(self.source_linked / self.correct, 4)
            out["source_match"] = round(self.source_right / self.source_linked, 4)
        return out


def _coded(events: list[Event]) -> list[Event]:
    return [e for e in events if not (e.negated or e.hypothetical)]


def _country(mention: Mention | None) -> str | None:
    if mention is None or mention.actor is None:
        return None
    if mention.actor.country:
        return mention.actor.country.upper()
    code = (mention.actor.code or "").upper()
    if code[:3] in ("IGO", "NGO"):
        return code[:3]
    # a country-less sector code ("GOV" for an official of unknown country) names no country
    return None if code[:3] in SECTORS else code[:3] or None


def _gold_codes(actors) -> set[str]:
    if not isinstance(actors, list):
        return set()
    return {str(a.get("code", ""))[:3].upper() for a in actors if isinstance(a, dict) and a.get("code")}


def _plover_records(path: Path) -> list[dict]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise EvalDataError(f"{path}: not a PLOVER JSON array ({error})") from None
    return [r for r in records if isinstance(r, dict) and r.get("event") not in (None, "DOCUMENT") and r.get("text")]


def _text(record: dict) -> str:
    return record["text"].strip().strip("{}").strip()


def _gold(record: dict) -> tuple[str, set[str]]:
    return PLOVER_05_TO_CURRENT.get(record["event"], record["event"]), _gold_codes(record.get("source"))


def _fits(event: Event, gold_type: str, sources: set[str]) -> bool:
    country = _country(event.source)
    return event.plover_type == gold_type and (country is None or not sources or country in sources)


def score_plover(pipeline, records: list[dict], sentence_gold: dict[str, list] | None = None) -> Tally:
    """`sentence_gold`: every gold event of each sentence text (records list one event each, so a
    sentence with two events is two records); a coded event that is one of them is not extra."""
    tally = Tally()
    for record in records:
        text = _text(record)
        gold_type, sources = _gold(record)
        others = list((sentence_gold or {}).get(text, []))
        if (gold_type, sources) in others:
            others.remove((gold_type, sources))
        article = pipeline.analyze_text(text)
        events = _coded(article.events)
        tally.records += 1
        tally.gold += 1
        # one act coded for several actor pairs is one coded event, as PLOVER lists compound actors
        units: dict[tuple[int, str], list[Event]] = {}
        for event in events:
            units.setdefault((event.trigger.start, event.cameo), []).append(event)
        match = None
        for unit in units.values():
            match = next((event for event in unit if _fits(event, gold_type, sources)), None)
            if match is not None:
                break
        if match is not None:
            tally.correct += 1
            country = _country(match.source)
            if country is not None:
                tally.source_linked += 1
                tally.source_right += country in sources
        tally.extra += sum(1 for unit in units.values() if not any(
            e is match or any(_fits(e, *other) for other in others) for e in unit))
        trigger = str(record.get("eventText") or "")
        where = text.find(trigger) if trigger else -1
        if where >= 0:
            at_trigger = [e for e in events if where <= e.trigger.start < where + len(trigger)]
            if at_trigger:
                tally.detected += 1
                tally.detected_right_type += any(e.plover_type == gold_type for e in at_trigger)
    return tally


# -- PETRARCH ------------------------------------------------------------------

_DICT_LINE = re.compile(r"^\s*([^\[#<!{+\s][^\[{#]*?)\s*(?:\{[^}]*\})?\s*\[([^\]\s]+)[^\]]*\]")


def _petrarch_actors(folder: Path) -> dict[str, str]:
    """Actor names → code, from PETR.Validate.actors.txt (eval-time interpretation only)."""
    names: dict[str, str] = {}
    path = next(iter(sorted(folder.glob("*actors*.txt"))), None)
    if path is None:
        return names
    code = None
    pending: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<"):
            continue
        if line.lstrip().startswith("+"):
            alias = line.strip()[1:].strip()
            if code:
                names[alias.replace("_", " ").strip().upper()] = code
            else:
                pending.append(alias)
            continue
        match = _DICT_LINE.match(line)
        if match:
            code = match.group(2).lstrip("~")
            names[match.group(1).replace("_", " ").strip().upper()] = code
        elif line.strip() and not line.startswith((" ", "\t", "[")):
            code = None
            pending = [line.strip()]
        elif line.strip().startswith("[") and pending:
            code = line.strip()[1:].split("]")[0].split()[0].lstrip("~")
            for alias in pending:
                names[alias.replace("_", " ").strip().upper()] = code
            pending = []
    return names


class _ActorCoder:
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.longest = max((len(n.split()) for n in names), default=1)

    def code(self, mention: Mention | None) -> str | None:
        if mention is None:
            return None
        words = re.findall(r"[\w'.-]+", mention.text.upper())
        for size in range(min(self.longest, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start:start + size])
                for key in (phrase, phrase.removesuffix("'S"), phrase.rstrip("S")):
                    if key in self.names:
                        return self.names[key][:3].upper()
        return None


def score_petrarch(pipeline, path: Path) -> Tally:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise EvalDataError(f"{path}: not PETRARCH XML records ({error})") from None
    actors = _ActorCoder(_petrarch_actors(path.parent))
    tally = Tally()
    for sentence in root.iter("Sentence"):
        text_node = sentence.find("Text")
        codings = sentence.findall("EventCoding")
        if text_node is None or not (text_node.text or "").strip():
            continue
        if any(c.get("error") for c in codings):
            continue
        text = " ".join(text_node.text.split())
        events = _coded(pipeline.analyze_text(text).events)
        tally.records += 1
        coded = [(actors.code(e.source), actors.code(e.target), e.cameo) for e in events]
        used: set[int] = set()
        for coding in codings:
            if coding.get("noevents", "").lower() == "true":
                continue
            tally.gold += 1
            source = (coding.get("sourcecode") or "")[:3].upper()
            target = (coding.get("targetcode") or "")[:3].upper()
            for index, (s, t, code) in enumerate(coded):
                if index not in used and s == source and (t == target or not target or target == "---"):
                    used.add(index)
                    tally.correct += 1
                    tally.detected += 1
                    tally.detected_right_type += code[:2] == (coding.get("eventcode") or "")[:2]
                    break
        tally.extra += len(coded) - len(used)
    return tally


def evaluate_events(directory: Path, pipeline=None, *, limit: int | None = None) -> dict:
    """Scores per format found under `directory`; PLOVER also for the records rules were tuned on and
    for those held out (see `held_out`)."""
    directory = Path(directory)
    plover_files = [p for p in sorted(directory.rglob("*")) if p.is_file() and p.name.startswith("PLOVER_GSR")]
    petrarch_files = [p for p in sorted(directory.rglob("*.xml")) if "records" in p.name.lower()]
    if not plover_files and not petrarch_files:
        raise EvalDataError(f"no PLOVER (PLOVER_GSR_*) or PETRARCH (*records*.xml) files under {directory}")
    if pipeline is None:
        from newsgraph.pipeline import Pipeline

        pipeline = Pipeline()
    result: dict = {}
    if plover_files:
        records = [r for path in plover_files for r in _plover_records(path)][:limit]
        tuning = [r for r in records if not held_out(r["id"])]
        kept = [r for r in records if held_out(r["id"])]
        sentence_gold: dict[str, list] = {}
        for record in records:
            sentence_gold.setdefault(_text(record), []).append(_gold(record))
        parts = {"tuning (ids not 3 mod 4)": score_plover(pipeline, tuning, sentence_gold),
                 "held out (ids 3 mod 4)": score_plover(pipeline, kept, sentence_gold)}
        total = _merge(*parts.values())
        result["plover"] = {**total.scores(), "parts": {name: tally.scores() for name, tally in parts.items()}}
    if petrarch_files:
        tallies = [score_petrarch(pipeline, path) for path in petrarch_files]
        result["petrarch"] = _merge(*tallies).scores() if len(tallies) > 1 else tallies[0].scores()
    return result


def held_out(record_id: str) -> bool:
    """Was the record kept aside while writing rules? Rules were written looking at the even-numbered
    PLOVER records, later also at those numbered 1 mod 4; the records numbered 3 mod 4 were never read."""
    return _number(record_id) % 4 == 3


def _number(record_id: str) -> int:
    digits = re.findall(r"\d+", record_id.rsplit("-", 1)[-1])
    return int(digits[0]) if digits else 0


def _merge(*tallies: Tally) -> Tally:
    total = Tally()
    for tally in tallies:
        for name in ("gold", "correct", "extra", "records", "detected", "detected_right_type",
                     "source_linked", "source_right"):
            setattr(total, name, getattr(total, name) + getattr(tally, name))
    return total
