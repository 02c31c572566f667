"""Score events on whole real articles against the project's real-news gold.

Gold (`gold*.jsonl`, found recursively) follows `tests/data/realnews/GUIDELINE.md`: one JSON object
per article with its corpus line and events as character offsets into the corpus record's `text`.
Each article is read from the corpus and analysed as `analyze` would (cleaning included), so the
comparison is by sentence words, never by offsets.

Scoring is the shared guideline's (`../shared/eval/realnews/README.md`):
- only asserted system events count (not negated, not hypothetical); plain statements (010) are ignored;
- a system event matches a gold event of the same article when one of its sentences is one of the
  gold event's (after lowercasing and keeping letters and digits, one contains the other, or their
  word sets overlap with Jaccard >= 0.5), the CAMEO roots are equal, and source and target are the
  gold ones (strict: a side the gold names must be found and be the same actor, a side it leaves
  empty must be empty; lenient: a side the system leaves empty is not wrong);
- "same actor": the system mention's words or its actor's name share a content word with the gold
  mention or name, or the actor has the same country and a compatible sector; organisations match
  only by name;
- a symmetric gold event matches either direction; the two directions of a system pair are one event;
- precision = matching system events / asserted system events, recall = gold events matched / gold
  events; a second system event on an already matched gold event is counted right and reported as a
  duplicate.
"""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import EvalDataError
from newsgraph.ingest.read import RawDocument, Rejected
from newsgraph.model import Article, Event, Mention

DEFAULT_CORPUS = Path("../shared/corpus/news.jsonl.gz")
ORGANISATION_SECTORS = frozenset({"BUS", "MED", "NGO", "EDU", "REL", "LAB"})
UNKNOWN_SECTORS = frozenset({None, "", "UNK"})
# Words that name no one: function words and honorifics ("Mr." shares nothing with "Mr. Putin").
NON_CONTENT_WORDS = frozenset("""
a an the of and or for to in on at by with from as its his her their our your my this that these those
he she it they we you i him them us who whom which mr mrs ms dr s
""".split())
_ALNUM = re.compile(r"[a-z0-9]+")


def sentence_key(text: str) -> tuple[str, frozenset[str]]:
    words = _ALNUM.findall(text.lower())
    return "".join(words), frozenset(words)


def same_sentence(a: tuple[str, frozenset[str]], b: tuple[str, frozenset[str]]) -> bool:
    (joined_a, words_a), (joined_b, words_b) = a, b
    if not joined_a or not joined_b:
        return False
    if joined_a in joined_b or joined_b in joined_a:
        return True
    union = words_a | words_b
    return bool(union) and len(words_a & words_b) / len(union) >= 0.5


def content_words(*texts: str | None) -> set[str]:
    return {w for text in texts if text for w in _ALNUM.findall(text.lower()) if w not in NON_CONTENT_WORDS}


@dataclass(frozen=True, slots=True)
class GoldSide:
    words: frozenset[str]
    country: str | None
    sector: str | None

    @property
    def organisation(self) -> bool:
        return self.country in ("IGO", "NGO") or self.sector in ORGANISATION_SECTORS


@dataclass(frozen=True, slots=True)
class GoldEvent:
    sentences: tuple[tuple[str, frozenset[str]], ...]
    root: str
    source: GoldSide | None
    target: GoldSide | None
    symmetric: bool


def _gold_side(side: dict | None, text: str) -> GoldSide | None:
    if not side:
        return None
    span = side.get("span")
    mention = text[span[0]:span[1]] if span else None
    return GoldSide(frozenset(content_words(mention, side.get("name"))), side.get("country"), side.get("sector"))


def gold_events(record: dict, text: str) -> list[GoldEvent]:
    events = []
    for event in record.get("events", []):
        sentences = tuple(sentence_key(text[s:e]) for s, e in event["sentences"])
        if not sentences:
            continue
        events.append(GoldEvent(sentences, str(event.get("root") or event["cameo"][:2]),
                                _gold_side(event.get("source"), text), _gold_side(event.get("target"), text),
                                bool(event.get("symmetric"))))
    return events


def _system_words(mention: Mention) -> set[str]:
    return content_words(mention.text, mention.actor.name if mention.actor else None)


def same_actor(system: Mention, gold: GoldSide) -> bool:
    if _system_words(system) & gold.words:
        return True
    if gold.organisation or system.actor is None:
        return False
    actor = system.actor
    if actor.country is None or actor.country != gold.country:
        return False
    return actor.sector in UNKNOWN_SECTORS or gold.sector in UNKNOWN_SECTORS or actor.sector == gold.sector


def side_matches(system: Mention | None, gold: GoldSide | None, *, lenient: bool) -> bool:
    if gold is None:
        return system is None
    if system is None:
        return lenient
    return same_actor(system, gold)


def event_sentences(event: Event) -> list[tuple[str, frozenset[str]]]:
    texts = [event.sentence.text] + [m.sentence.text for m in event.mentions]
    return [sentence_key(t) for t in dict.fromkeys(texts)]


def matches(event: Event, gold: GoldEvent, *, lenient: bool) -> bool:
    if event.root != gold.root:
        return False
    if not any(same_sentence(s, g) for s in event_sentences(event) for g in gold.sentences):
        return False
    directions = [(event.source, event.target)]
    if gold.symmetric:
        directions.append((event.target, event.source))
    return any(side_matches(src, gold.source, lenient=lenient) and side_matches(tgt, gold.target, lenient=lenient)
               for src, tgt in directions)


def asserted(events: Iterable[Event]) -> list[Event]:
    """The events scored: asserted, not plain statements, the two directions of a pair taken once."""
    kept, seen = [], set()
    for event in events:
        if event.negated or event.hypothetical or event.cameo == "010":
            continue
        ends = (_side_key(event.source), _side_key(event.target))
        key = (event.sentence.start, event.cameo, frozenset(ends))
        if key in seen:
            continue
        seen.add(key)
        kept.append(event)
    return kept


def _side_key(mention: Mention | None) -> tuple | None:
    return None if mention is None else (mention.start, mention.end)


@dataclass
class Tally:
    system: int = 0
    right: int = 0
    duplicates: int = 0
    gold: int = 0
    found: int = 0
    gold_by_root: Counter = field(default_factory=Counter)
    found_by_root: Counter = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        for name in ("system", "right", "duplicates", "gold", "found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.gold_by_root.update(other.gold_by_root)
        self.found_by_root.update(other.found_by_root)

    def scores(self) -> dict:
        precision = self.right / self.system if self.system else 0.0
        recall = self.found / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                "system_events": self.system, "right": self.right, "duplicates": self.duplicates,
                "gold_events": self.gold, "found": self.found}


def score_article(events: list[Event], gold: list[GoldEvent], *, lenient: bool) -> tuple[Tally, list[bool]]:
    """Tally one article; also says, per scored system event, whether it matched."""
    tally = Tally(system=len(events), gold=len(gold))
    matched: set[int] = set()
    verdicts = []
    for event in events:
        hits = [i for i, g in enumerate(gold) if matches(event, g, lenient=lenient)]
        verdicts.append(bool(hits))
        if not hits:
            continue
        tally.right += 1
        fresh = [i for i in hits if i not in matched]
        if fresh:
            matched.add(fresh[0])
        else:
            tally.duplicates += 1
    for i, g in enumerate(gold):
        tally.gold_by_root[g.root] += 1
        if i in matched:
            tally.found_by_root[g.root] += 1
    tally.found = len(matched)
    return tally, verdicts


def load_gold(directory: Path) -> list[tuple[str, dict]]:
    """(part, record) for every gold article under `directory`; the part is the gold file's folder name."""
    files = sorted(p for p in Path(directory).rglob("gold*.jsonl") if p.is_file())
    if not files:
        raise EvalDataError(f"no real-news gold files (gold*.jsonl) under {directory}")
    records = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append((path.parent.name, json.loads(line)))
            except json.JSONDecodeError as error:
                raise EvalDataError(f"{path}:{n}: not JSON ({error.msg})") from None
    return records


def load_corpus_lines(corpus: Path, wanted: set[int]) -> dict[int, dict]:
    if not Path(corpus).is_file():
        raise EvalDataError(f"corpus {corpus} not found; give its path with --corpus")
    found = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line_no, row in enumerate(handle):
            if line_no in wanted:
                found[line_no] = json.loads(row)
    missing = wanted - found.keys()
    if missing:
        raise EvalDataError(f"corpus {corpus} has no line {min(missing)}: is it the corpus the gold refers to?")
    return found


def corpus_document(line_no: int, record: dict) -> RawDocument:
    return RawDocument(source=f"corpus:{line_no}", kind="text", content=record["text"],
                       id=f"corpus-{line_no}", title=record.get("title"), url=record.get("url"),
                       published=record.get("published"))


def analyse_gold_articles(pipeline, gold: list[tuple[str, dict]],
                          corpus: Path) -> tuple[dict[int, Article | Rejected], dict[int, dict]]:
    """Each gold article read from the corpus and analysed; also the corpus records by line."""
    lines = {record["corpus_line"] for _, record in gold}
    texts = load_corpus_lines(corpus, lines)
    ordered = sorted(lines)
    results = pipeline.analyze_batch([corpus_document(n, texts[n]) for n in ordered])
    return dict(zip(ordered, results)), texts


def evaluate_realnews(directory: Path, pipeline=None, *, corpus: Path = DEFAULT_CORPUS) -> dict:
    """Strict and lenient precision / recall / F1, recall per root, per part (folder) and overall."""
    gold = load_gold(directory)
    if pipeline is None:
        from newsgraph.pipeline import Pipeline

        pipeline = Pipeline()
    articles, texts = analyse_gold_articles(pipeline, gold, corpus)
    totals = {"strict": Tally(), "lenient": Tally()}
    parts: dict[str, dict[str, Tally]] = defaultdict(lambda: {"strict": Tally(), "lenient": Tally()})
    rejected = []
    for part, record in gold:
        line_no = record["corpus_line"]
        article = articles[line_no]
        events = [] if isinstance(article, Rejected) else asserted(article.events)
        if isinstance(article, Rejected):
            rejected.append(f"{line_no}: {article.reason}")
        gold_list = gold_events(record, texts[line_no]["text"])
        for mode in ("strict", "lenient"):
            tally, _ = score_article(events, gold_list, lenient=mode == "lenient")
            totals[mode].add(tally)
            parts[part][mode].add(tally)
    result = {mode: tally.scores() for mode, tally in totals.items()}
    result["recall_by_root"] = _recall_by_root(totals["strict"])
    result["articles"] = len(gold)
    result["rejected"] = rejected
    if len(parts) > 1:
        result["parts"] = {name: {mode: t.scores() for mode, t in modes.items()} for name, modes in sorted(parts.items())}
    return result


def _recall_by_root(tally: Tally) -> dict[str, dict]:
    return {root: {"gold": n, "found": tally.found_by_root[root], "recall": round(tally.found_by_root[root] / n, 3)}
            for root, n in sorted(tally.gold_by_root.items())}
