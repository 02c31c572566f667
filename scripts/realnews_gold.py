"""Turn annotators' real-news lists into offset gold, check them, and merge two lists for adjudication.

    python scripts/realnews_gold.py check A1.jsonl            # every quote found? every field valid?
    python scripts/realnews_gold.py offsets A1.jsonl OUT.jsonl  # quotes -> offsets (what the repo keeps)

Annotators copy sentences, triggers and mentions from the corpus text (GUIDELINE.md); the repo keeps
only corpus line numbers and character offsets into the corpus record's `text`, never the words.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsgraph.eval.realnews import ORGANISATION_SECTORS, content_words, same_sentence, sentence_key  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "news.jsonl.gz"
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "CVL", "BUS", "MED", "LAB", "CRM",
           "NGO", "EDU", "REL", "ELI", "UNK"}
ROOT_01_ALLOWED = {"011", "012", "013", "014", "015", "016", "017", "018", "019"}
QUOTE_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                            "\u2014": "-", "\u00a0": " "})


def load_corpus(path: Path = CORPUS) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(row) for row in handle]


def _folded(text: str) -> tuple[str, list[int]]:
    """Text with quotes folded and whitespace runs collapsed, and each folded char's original index."""
    chars, index = [], []
    previous_space = False
    for i, char in enumerate(text.translate(QUOTE_FOLD)):
        if char.isspace():
            if previous_space:
                continue
            char, previous_space = " ", True
        else:
            previous_space = False
        chars.append(char)
        index.append(i)
    return "".join(chars), index


def locate(quote: str, text: str, within: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Offsets of `quote` in `text` (inside `within` when given), tolerant of quote style and spacing."""
    lo, hi = within or (0, len(text))
    region = text[lo:hi]
    exact = region.find(quote)
    if exact >= 0:
        return lo + exact, lo + exact + len(quote)
    folded_region, index = _folded(region)
    folded_quote, _ = _folded(quote.strip())
    if not folded_quote:
        return None
    at = folded_region.find(folded_quote)
    if at < 0:
        at = folded_region.lower().find(folded_quote.lower())
    if at < 0:
        return None
    start = index[at]
    end = index[at + len(folded_quote) - 1] + 1
    return lo + start, lo + end


def _check_actor(side: str, actor, problems: list[str]) -> None:
    if actor is None:
        return
    if not isinstance(actor, dict) or "name" not in actor:
        problems.append(f"{side}: must be null or an object with name, country, sector")
        return
    country = actor.get("country")
    if country is not None and not re.fullmatch(r"[A-Z]{3}", str(country)):
        problems.append(f"{side}: country {country!r} is not ISO alpha-3, IGO, NGO or null")
    if actor.get("sector") not in SECTORS:
        problems.append(f"{side}: sector {actor.get('sector')!r} not one of {sorted(SECTORS)}")


def convert_article(annotation: dict, text: str) -> tuple[dict, list[str]]:
    """One annotated article in quote form -> offset form, with the problems found."""
    problems: list[str] = []
    events = []
    for n, event in enumerate(annotation.get("events", [])):
        where = f"event {n}"
        quotes = [event.get("sentence")] + list(event.get("more_sentences") or [])
        sentences = []
        for quote in quotes:
            span = locate(quote or "", text)
            if span is None:
                problems.append(f"{where}: sentence not found in the text: {str(quote)[:80]!r}")
            else:
                sentences.append(list(span))
        cameo = str(event.get("cameo", ""))
        if not re.fullmatch(r"\d{3,4}", cameo) or not ("02" <= cameo[:2] <= "20" or cameo[:3] in ROOT_01_ALLOWED):
            problems.append(f"{where}: cameo {cameo!r} is not a 3-4 digit code of roots 02-20 or 011-019")
        first = tuple(sentences[0]) if sentences else None
        trigger = locate(event.get("trigger") or "", text, first) if first else None
        if first and trigger is None:
            problems.append(f"{where}: trigger {event.get('trigger')!r} not inside the sentence")
        record = {"sentences": sentences, "trigger": list(trigger) if trigger else None, "cameo": cameo,
                  "root": cameo[:2], "symmetric": bool(event.get("symmetric", False)), "claimed_by": None}
        for side in ("source", "target"):
            actor = event.get(side)
            _check_actor(f"{where} {side}", actor, problems)
            if not isinstance(actor, dict):
                record[side] = None
                continue
            span = None
            if actor.get("mention"):
                span = locate(actor["mention"], text, first) if first else None
                if span is None and first:
                    problems.append(f"{where} {side}: mention {actor['mention']!r} not inside the sentence")
            record[side] = {"span": list(span) if span else None, "name": actor.get("name"),
                            "country": actor.get("country"), "sector": actor.get("sector")}
        if event.get("claimed_by"):
            span = locate(event["claimed_by"], text, first) if first else None
            if span is None and first:
                problems.append(f"{where}: claimed_by {event['claimed_by']!r} not inside the sentence")
            record["claimed_by"] = list(span) if span else None
        events.append(record)
    actors = []
    for n, actor in enumerate(annotation.get("actors", [])):
        _check_actor(f"actor {n}", actor, problems)
        spans = []
        for form in actor.get("forms") or []:
            span = locate(form, text)
            if span is None:
                problems.append(f"actor {n}: form {form!r} not found in the text")
            else:
                spans.append(list(span))
        actors.append({"name": actor.get("name"), "forms": spans, "mentions": int(actor.get("mentions") or 0),
                       "country": actor.get("country"), "sector": actor.get("sector")})
    return {"corpus_line": annotation["corpus_line"], "events": events, "actors": actors}, problems


def _words(*texts) -> set[str]:
    return content_words(*(str(t) for t in texts if t))


def _sentence_keys(event: dict) -> list[tuple[str, frozenset]]:
    return [sentence_key(str(quote or "")) for quote in [event.get("sentence")] + list(event.get("more_sentences") or [])]


def _same_side(a: dict | None, b: dict | None) -> bool:
    if not a or not b:
        return not a and not b
    if _words(a.get("mention"), a.get("name")) & _words(b.get("mention"), b.get("name")):
        return True
    if a.get("sector") in ORGANISATION_SECTORS or b.get("sector") in ORGANISATION_SECTORS:
        return False
    return a.get("country") is not None and a.get("country") == b.get("country") and a.get("sector") == b.get("sector")


def same_event(a: dict, b: dict) -> bool:
    """Two annotators' events are one: a shared sentence, the same root, the same parties (either way if
    either calls it symmetric), by the scoring rule of the guideline."""
    if str(a.get("cameo", ""))[:2] != str(b.get("cameo", ""))[:2]:
        return False
    if not any(same_sentence(x, y) for x in _sentence_keys(a) for y in _sentence_keys(b)):
        return False
    if _same_side(a.get("source"), b.get("source")) and _same_side(a.get("target"), b.get("target")):
        return True
    symmetric = a.get("symmetric") or b.get("symmetric")
    return bool(symmetric) and _same_side(a.get("source"), b.get("target")) and _same_side(a.get("target"), b.get("source"))


def pair_events(first: list[dict], second: list[dict]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Greedy one-to-one pairing of two annotators' events; the unpaired of each."""
    pairs, used = [], set()
    for i, a in enumerate(first):
        j = next((j for j, b in enumerate(second) if j not in used and same_event(a, b)), None)
        if j is not None:
            used.add(j)
            pairs.append((i, j))
    paired_first = {i for i, _ in pairs}
    return pairs, [i for i in range(len(first)) if i not in paired_first], [j for j in range(len(second)) if j not in used]


def read_annotations(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise SystemExit(f"{path}:{n}: not JSON ({error})")
    return rows


# Round 1 (sample.tsv, batches 1-8): eight annotators in a ring. Round 2 (sample2.tsv, batches 9-10):
# two annotators who both did both batches.
ROUND_BATCHES = {1: range(1, 9), 2: range(9, 11)}
FIRST_ROUND_ANNOTATORS = 8


def annotators_of(batch: int) -> tuple[str, str]:
    """Batch k of round 1 was annotated first by Ak and second by A(k-1) (A8 for batch 1); batch 9 by
    A9 then A10, batch 10 by A10 then A9."""
    if batch in ROUND_BATCHES[1]:
        return f"A{batch}", f"A{(batch - 2) % FIRST_ROUND_ANNOTATORS + 1}"
    return {9: ("A9", "A10"), 10: ("A10", "A9")}[batch]


def pair_batches(folder: Path, out: Path, batches: range) -> dict:
    """Adjudication packets per batch (agreed events, those of one annotator only, both actor lists) and
    the agreement of the two annotators."""
    out.mkdir(parents=True, exist_ok=True)
    totals = {"first": 0, "second": 0, "agreed": 0, "articles": 0}
    by_root: dict[str, list[int]] = {}
    for batch in batches:
        first_name, second_name = annotators_of(batch)
        first = {r["corpus_line"]: r for r in read_annotations(folder / first_name / f"batch{batch}.jsonl")}
        second = {r["corpus_line"]: r for r in read_annotations(folder / second_name / f"batch{batch}.jsonl")}
        packets = []
        for line in sorted(first.keys() & second.keys()):
            a, b = first[line].get("events", []), second[line].get("events", [])
            pairs, only_a, only_b = pair_events(a, b)
            agreed = []
            for i, j in pairs:
                event = dict(a[i])
                extra = [q for q in [b[j].get("sentence")] + list(b[j].get("more_sentences") or [])
                         if q and q != event.get("sentence") and q not in (event.get("more_sentences") or [])]
                event["more_sentences"] = list(event.get("more_sentences") or []) + extra
                agreed.append(event)
            packets.append({"corpus_line": line, "agreed": agreed, "only_first": [a[i] for i in only_a],
                            "only_second": [b[j] for j in only_b], "actors_first": first[line].get("actors", []),
                            "actors_second": second[line].get("actors", [])})
            totals["first"] += len(a)
            totals["second"] += len(b)
            totals["agreed"] += len(pairs)
            totals["articles"] += 1
            for i, _ in pairs:
                by_root.setdefault(str(a[i].get("cameo", ""))[:2], [0, 0])[0] += 2
            for event in [a[i] for i in only_a] + [b[j] for j in only_b]:
                by_root.setdefault(str(event.get("cameo", ""))[:2], [0, 0])[1] += 1
        (out / f"batch{batch}.packets.json").write_text(json.dumps(packets, indent=1, ensure_ascii=False))
    f1 = 2 * totals["agreed"] / (totals["first"] + totals["second"]) if totals["first"] + totals["second"] else 0.0
    return {**totals, "f1": round(f1, 3),
            "f1_by_root": {root: round(agreed / (agreed + alone), 3) for root, (agreed, alone) in sorted(by_root.items())}}


def build_gold(folder: Path, samples: list[Path], repo_data: Path, corpus: list[dict]) -> dict:
    """Agreed events plus the adjudicator's decisions -> offset gold per split, and the trail as offsets."""
    splits = {}
    for row in (row for sample in samples for row in sample.read_text(encoding="utf-8").splitlines()):
        if row[:1].isdigit():
            line, _, split = row.split("\t")
            splits[int(line)] = split
    gold: dict[str, list[dict]] = {"dev": [], "test": []}
    problems = 0
    trail = repo_data / "annotations"
    trail.mkdir(parents=True, exist_ok=True)
    for batch in (batch for batches in ROUND_BATCHES.values() for batch in batches):
        packets = json.loads((folder / "adj" / f"batch{batch}.packets.json").read_text(encoding="utf-8"))
        decisions = {r["corpus_line"]: r for r in read_annotations(folder / "adj" / f"batch{batch}.decisions.jsonl")}
        for name, source in zip(("first", "second"), annotators_of(batch)):
            records = [convert_article(r, corpus[r["corpus_line"]]["text"])[0]
                       for r in read_annotations(folder / source / f"batch{batch}.jsonl")]
            _write_jsonl(trail / f"batch{batch}.{name}.jsonl", records)
        adjudicated = []
        for packet in packets:
            line = packet["corpus_line"]
            decision = decisions.get(line)
            if decision is None:
                print(f"line {line}: no adjudication")
                problems += 1
                continue
            final = {"corpus_line": line, "events": packet["agreed"] + list(decision.get("events", [])),
                     "actors": decision.get("actors", [])}
            record, found = convert_article(final, corpus[line]["text"])
            record["published"] = corpus[line].get("published")
            for problem in found:
                print(f"line {line}: {problem}")
            problems += len(found)
            gold[splits[line]].append(record)
            kept, _ = convert_article({"corpus_line": line, "events": decision.get("events", []), "actors": []},
                                      corpus[line]["text"])
            # reasons may quote the article: quotes are cut, so no article text enters the repo
            reasons = [_QUOTED.sub("…", str(reason)) for reason in decision.get("dropped", [])]
            adjudicated.append({"corpus_line": line, "kept": kept["events"], "dropped": reasons})
        _write_jsonl(trail / f"batch{batch}.adjudication.jsonl", adjudicated)
    for split, records in gold.items():
        (repo_data / split).mkdir(parents=True, exist_ok=True)
        _write_jsonl(repo_data / split / "gold.jsonl", sorted(records, key=lambda r: r["corpus_line"]))
    return {split: {"articles": len(r), "events": sum(len(x["events"]) for x in r)} for split, r in gold.items()} | {
        "problems": problems}


_QUOTED = re.compile(r"'[^']{3,}'|\"[^\"]{3,}\"|‘[^’]{3,}’|“[^”]{3,}”")


def _write_jsonl(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check")
    check.add_argument("annotations", type=Path)
    offsets = sub.add_parser("offsets")
    offsets.add_argument("annotations", type=Path)
    offsets.add_argument("out", type=Path)
    pair = sub.add_parser("pair", help="adjudication packets and agreement from both annotators' folders")
    pair.add_argument("folder", type=Path)
    pair.add_argument("out", type=Path)
    pair.add_argument("--round", type=int, choices=sorted(ROUND_BATCHES), default=max(ROUND_BATCHES))
    build = sub.add_parser("build", help="the gold per split and the trail, from the annotators' and adjudicators' files")
    build.add_argument("folder", type=Path)
    build.add_argument("--sample", type=Path, action="append",
                       help="the drawn lines and their split (default: every tests/data/realnews/sample*.tsv)")
    build.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "tests/data/realnews")
    args = parser.parse_args()
    if args.command == "build":
        samples = args.sample or sorted((REPO / "tests/data/realnews").glob("sample*.tsv"))
        print(json.dumps(build_gold(args.folder, samples, args.out, load_corpus()), indent=1))
        return
    if args.command == "pair":
        print(json.dumps(pair_batches(args.folder, args.out, ROUND_BATCHES[args.round]), indent=1))
        return

    corpus = load_corpus()
    converted, failures = [], 0
    for annotation in read_annotations(args.annotations):
        line = annotation.get("corpus_line")
        if not isinstance(line, int) or not 0 <= line < len(corpus):
            print(f"corpus_line {line!r}: not a corpus line number")
            failures += 1
            continue
        record, problems = convert_article(annotation, corpus[line]["text"])
        record["published"] = corpus[line].get("published")
        for problem in problems:
            print(f"line {line}: {problem}")
        failures += len(problems)
        converted.append(record)
    if args.command == "offsets":
        with args.out.open("w", encoding="utf-8") as handle:
            for record in converted:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(converted)} articles, {sum(len(r['events']) for r in converted)} events, {failures} problems",
          file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
