"""Actor resolution scored on the NGEC test cases (`ngec_actor_cases.tsv`, see its README).

Which rows count: `status=run` rows (the cases NGEC's own test suite ran) except
task `co_actors` (splitting compound phrases, a different task). Each mention is
resolved as a short phrase on the case's date: newsgraph links it like an
article sentence (unqualified role nouns allowed) and takes the actor whose
mention holds the phrase's syntactic head, else the longest mention, else the
country of a place it names.

- country_accuracy over rows with an `expected_country`; sector_accuracy over rows
  with an `expected_code_1` (our sector against NGEC's first code); name_accuracy
  over rows with an `expected_wiki` (our canonical name against the Wikipedia
  title, case and accents folded); none_accuracy over `result: <none>` rows (no
  actor, or only an article-local name with neither country nor sector).
- Value conventions as in the README: `<empty>` = must be empty, `!= X` = must
  differ, `one of: A | B` = either, `X && Y` = contradictory (always wrong).
- Mapping from newsgraph's CAMEO-style codes to NGEC's: IGO actors have no
  country; their bloc (IGOUNO… → UNO, IGOEUR… → EUR, others IGO) is the country
  NGEC expects. Sector MED (media) is NGEC's JRN, our HLT (health) is NGEC's MED,
  and the IGO sector is no sector in NGEC.
- Dates: "today" or none means NGEC's index date; the README puts it at about
  2022–2023, so EVAL_TODAY is used. Other forms are parsed by dateutil.
Rows are split by id parity (odd = dev, used while writing the KB; even = held
out) and both halves are reported.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dateutil import parser as date_parser

from newsgraph.annotate.actors import link_actors
from newsgraph.annotate.entities import find_entities
from newsgraph.errors import EvalDataError
from newsgraph.model import ActorRef, Article
from newsgraph.pipeline import Pipeline

EVAL_TODAY = date(2023, 1, 1)  # NGEC's Wikipedia index date, per the cases' README
SECTOR_TO_NGEC = {"MED": "JRN", "HLT": "MED", "IGO": ""}
SKIPPED_TASKS = frozenset({"co_actors"})


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    task: str
    mention: str
    day: date
    country: str
    sector: str
    wiki: str
    none: bool


def read_cases(directory: Path) -> list[Case]:
    path = Path(directory) / "ngec_actor_cases.tsv"
    if not path.is_file():
        raise EvalDataError(f"{path} not found; pass the folder that holds ngec_actor_cases.tsv")
    cases = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["status"] != "run" or row["task"] in SKIPPED_TASKS:
                continue
            cases.append(Case(
                id=row["id"], task=row["task"], mention=row["mention"].strip(), day=_day(row["date"]),
                country=row["expected_country"].strip(), sector=row["expected_code_1"].strip(),
                wiki=row["expected_wiki"].strip(), none="result: <none>" in row["expected_other"],
            ))
    return cases


def _day(value: str) -> date:
    value = value.strip()
    if not value or value.lower() == "today":
        return EVAL_TODAY
    try:
        return date_parser.parse(value).date()
    except (ValueError, OverflowError):
        return EVAL_TODAY


def resolve_phrase(pipeline: Pipeline, text: str, day: date) -> ActorRef | None:
    """The actor a short phrase names on `day`, or None."""
    doc = pipeline.nlp(text)
    article = Article(id="eval", text=text, published=day.isoformat(), entities=find_entities(doc))
    links = link_actors(article, doc, kb=pipeline.actor_kb, bare_roles=True)
    if links.mentions:
        root = next((s.root for s in doc.sents), None)
        if root is not None:
            for mention in links.mentions:
                if mention.start <= root.idx < mention.end:
                    return mention.actor
        return max(links.mentions, key=lambda m: m.end - m.start).actor
    for entity in links.entities:
        if entity.place is not None and entity.place.country:
            return ActorRef(id=f"country:{entity.place.country}", name=entity.place.name,
                            code=entity.place.country, country=entity.place.country, sector=None)
    return None


def _ngec_country(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    if ref.code.startswith("IGO"):
        return ref.code[3:6] if ref.code[3:6] in ("UNO", "EUR") else "IGO"
    return ref.country or ""


def _ngec_sector(ref: ActorRef | None) -> str:
    if ref is None or not ref.sector:
        return ""
    return SECTOR_TO_NGEC.get(ref.sector, ref.sector)


def _passes(expected: str, got: str) -> bool:
    if "&&" in expected:
        return False
    if expected == "<empty>":
        return got == ""
    if expected.startswith("!="):
        return got != expected[2:].strip()
    if expected.startswith("one of:"):
        return got in {v.strip() for v in expected[len("one of:"):].split("|")}
    return got == expected


def _fold(text: str) -> str:
    from newsgraph.annotate.kb import fold

    return fold(text).replace("_", " ").strip()


def score(results: list[tuple[Case, ActorRef | None]]) -> dict[str, float | int | None]:
    country = [_passes(c.country, _ngec_country(r)) for c, r in results if c.country]
    sector = [_passes(c.sector, _ngec_sector(r)) for c, r in results if c.sector]
    name = [r is not None and _fold(r.name) == _fold(c.wiki) for c, r in results if c.wiki]
    # An article-local actor with neither country nor sector is a name newsgraph does not
    # know, which is what NGEC's "must not resolve" asks.
    none = [r is None or (r.id.startswith("local:") and not r.country and not r.sector) for c, r in results if c.none]

    def rate(values: list[bool]) -> float | None:
        return round(sum(values) / len(values), 4) if values else None

    return {
        "country_accuracy": rate(country), "sector_accuracy": rate(sector), "name_accuracy": rate(name),
        "none_accuracy": rate(none), "n": len(results), "n_country": len(country), "n_sector": len(sector),
        "n_name": len(name), "n_none": len(none),
    }


def evaluate_actors(directory: Path, *, pipeline: Pipeline | None = None, show_errors: bool = False) -> dict:
    pipeline = pipeline or Pipeline()
    cases = read_cases(directory)
    results = [(case, resolve_phrase(pipeline, case.mention, case.day)) for case in cases]
    scores = score(results)
    scores["dev_odd_ids"] = score([(c, r) for c, r in results if int(c.id.split("-")[-1]) % 2 == 1])
    scores["heldout_even_ids"] = score([(c, r) for c, r in results if int(c.id.split("-")[-1]) % 2 == 0])
    scores["by_task"] = {task: score([(c, r) for c, r in results if c.task == task])
                         for task in sorted({c.task for c in cases})}
    if show_errors:
        scores["errors"] = [
            {"id": c.id, "mention": c.mention, "want": [c.country, c.sector, c.wiki],
             "got": [_ngec_country(r), _ngec_sector(r), r.name if r else None]}
            for c, r in results
            if (c.country and not _passes(c.country, _ngec_country(r)))
            or (c.sector and not _passes(c.sector, _ngec_sector(r)))
        ]
    return scores
