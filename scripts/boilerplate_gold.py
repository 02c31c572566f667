"""Agreement, adjudication packets and the gold of the line-labelled boilerplate set.

    python scripts/boilerplate_gold.py pair ROUND2_ANNOTATIONS --sample tests/data/boilerplate/sample2.tsv
    python scripts/boilerplate_gold.py build ROUND1_ANNOTATIONS ROUND2_ANNOTATIONS --shared ../shared
    python scripts/boilerplate_gold.py build tests/data/boilerplate/annotations --from-trail

`--sample` (repeatable) names the drawn items; by default every `tests/data/boilerplate/sample*.tsv`
(one per round). Several ANNOTATIONS folders (one per round) are read as one.

ANNOTATIONS holds `ann1/*.jsonl` and `ann2/*.jsonl` (the two annotators' lists:
`{"item": "corpus:12", "meta": [n...], "boilerplate": [n...], "notes"}`, every other non-empty line
is body) and `adj/*.decisions.jsonl` (the adjudicator's `{"item", "decisions": {"n": label}, "notes"}`
for the lines the two labelled differently). `pair` prints the agreement and writes
`adj/packets.txt`, the disputed items for the adjudicator; `build` writes
`tests/data/boilerplate/{dev,test}/gold.jsonl` and the trail in `tests/data/boilerplate/annotations/`
(line numbers only: the repo keeps no text).

With `--from-trail`, ANNOTATIONS is the repo's trail (`first.jsonl`, `second.jsonl`,
`adjudication.jsonl`, in the same record formats as the annotators' and adjudicator's files), so
the gold is rebuilt from the repo alone plus the item texts in SHARED; the rebuild is
byte-identical (check with `git diff --exit-code tests/data/boilerplate`). `--out` writes the gold
and the trail under another folder.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from boilerplate_sample import corpus_records, item_text, line_hash, read_sample

REPO_DATA = Path("tests/data/boilerplate")


def read_lists(folder: Path) -> dict[str, dict]:
    lists: dict[str, dict] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for row in path.read_text(encoding="utf-8").splitlines():
            if row.strip():
                record = json.loads(row)
                lists[record["item"]] = record
    return lists


def labels_of(record: dict | None, numbers: list[int]) -> dict[int, str]:
    labels = {n: "body" for n in numbers}
    if record:
        labels.update({int(n): "meta" for n in record.get("meta", []) if int(n) in labels})
        labels.update({int(n): "boilerplate" for n in record.get("boilerplate", []) if int(n) in labels})
    return labels


def read_list_file(path: Path) -> dict[str, dict]:
    if not path.is_file():
        raise SystemExit(f"{path} not found")
    return {record["item"]: record for record in map(json.loads, filter(str.strip, path.read_text(encoding="utf-8").splitlines()))}


def annotators_lists(folders: list[Path], from_trail: bool) -> tuple[dict[str, dict], dict[str, dict]]:
    first: dict[str, dict] = {}
    second: dict[str, dict] = {}
    for annotations in folders:
        if from_trail:
            first |= read_list_file(annotations / "first.jsonl")
            second |= read_list_file(annotations / "second.jsonl")
        else:
            first |= read_lists(annotations / "ann1")
            second |= read_lists(annotations / "ann2")
    return first, second


def adjudications(folders: list[Path], from_trail: bool) -> dict[str, dict]:
    decisions: dict[str, dict] = {}
    for annotations in folders:
        decisions |= read_list_file(annotations / "adjudication.jsonl") if from_trail else read_lists(annotations / "adj")
    return decisions


def load(folders: list[Path], samples: list[Path], shared: Path, from_trail: bool = False):
    rows = [row for sample in samples for row in read_sample(sample)]
    records = corpus_records(shared)
    texts = {f"{kind}:{item}": item_text(shared, kind, item, records) for kind, item, _ in rows}
    first, second = annotators_lists(folders, from_trail)
    return rows, texts, first, second


def pair(folders: list[Path], samples: list[Path], shared: Path, from_trail: bool = False, out: Path = REPO_DATA) -> None:
    rows, texts, first, second = load(folders, samples, shared, from_trail)
    agree = total = both_boiler = only_first = only_second = 0
    packets = []
    for kind, item, _ in rows:
        key = f"{kind}:{item}"
        lines = texts[key].split("\n")
        numbers = [n for n, line in enumerate(lines) if line.strip()]
        if key not in first or key not in second:
            print(f"{key}: missing from {'first' if key not in first else 'second'} annotator")
        a, b = labels_of(first.get(key), numbers), labels_of(second.get(key), numbers)
        disputed = [n for n in numbers if a[n] != b[n]]
        total += len(numbers)
        agree += len(numbers) - len(disputed)
        both_boiler += sum(a[n] == b[n] == "boilerplate" for n in numbers)
        only_first += sum(a[n] == "boilerplate" != b[n] for n in numbers)
        only_second += sum(b[n] == "boilerplate" != a[n] for n in numbers)
        if disputed:
            body = [f"=== ITEM {key} (disputed lines: {', '.join(map(str, disputed))})"]
            for n in numbers:
                mark = f"   <-- DISPUTED: first says {a[n]}, second says {b[n]}" if n in disputed else ""
                body.append(f"[{n}] {lines[n]}{mark}")
            notes = [r.get("notes") for r in (first.get(key), second.get(key)) if r and r.get("notes")]
            body += [f"(annotator note: {note})" for note in notes]
            packets.append("\n".join(body) + "\n")
    f1 = 2 * both_boiler / (2 * both_boiler + only_first + only_second) if both_boiler else 0.0
    print(f"lines {total}, same label {agree} ({agree / max(total, 1):.3f}); boilerplate lines: "
          f"both {both_boiler}, first only {only_first}, second only {only_second}, F1 {f1:.3f}; "
          f"items with disputes {len(packets)}")
    if from_trail:  # the trail keeps no text, and the repo no packets
        return
    (folders[0] / "adj").mkdir(exist_ok=True)
    (folders[0] / "adj" / "packets.txt").write_text("\n".join(packets), encoding="utf-8")


def build(folders: list[Path], samples: list[Path], shared: Path, from_trail: bool = False, out: Path = REPO_DATA) -> None:
    rows, texts, first, second = load(folders, samples, shared, from_trail)
    decisions = adjudications(folders, from_trail)
    gold: dict[str, list[dict]] = {"dev": [], "test": []}
    trail = {"first": [], "second": [], "adjudication": []}
    problems = 0
    for kind, item, part in rows:
        key = f"{kind}:{item}"
        lines = texts[key].split("\n")
        numbers = [n for n, line in enumerate(lines) if line.strip()]
        a, b = labels_of(first.get(key), numbers), labels_of(second.get(key), numbers)
        decided = {int(n): label for n, label in decisions.get(key, {}).get("decisions", {}).items()}
        final = []
        for n in numbers:
            label = a[n] if a[n] == b[n] else decided.get(n)
            if label not in ("body", "meta", "boilerplate"):
                print(f"{key} line {n}: no decision")
                problems += 1
                label = "body"
            final.append([n, line_hash(lines[n]), label])
        gold[part].append({"kind": kind, "item": item, "lines": final})
        for name, labels in (("first", a), ("second", b)):
            trail[name].append({"item": key, "meta": [n for n in numbers if labels[n] == "meta"],
                                "boilerplate": [n for n in numbers if labels[n] == "boilerplate"]})
        if decided:
            trail["adjudication"].append({"item": key, "decisions": {str(n): lab for n, lab in sorted(decided.items())}})
    for part, items in gold.items():
        (out / part).mkdir(parents=True, exist_ok=True)
        _write_jsonl(out / part / "gold.jsonl", items)
    (out / "annotations").mkdir(parents=True, exist_ok=True)
    for name, records in trail.items():
        _write_jsonl(out / "annotations" / f"{name}.jsonl", records)
    counts = {part: {"items": len(items), "lines": sum(len(i["lines"]) for i in items),
                     "boilerplate": sum(label == "boilerplate" for i in items for _, _, label in i["lines"])}
              for part, items in gold.items()}
    print(json.dumps(counts | {"problems": problems}))


def _write_jsonl(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("pair", "build"))
    parser.add_argument("annotations", type=Path, nargs="+")
    parser.add_argument("--sample", type=Path, action="append",
                        help="drawn items (repeatable; default: every tests/data/boilerplate/sample*.tsv)")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--from-trail", action="store_true",
                        help="ANNOTATIONS is the repo's trail (first/second/adjudication.jsonl)")
    parser.add_argument("--out", type=Path, default=REPO_DATA, help="where build writes the gold and the trail")
    args = parser.parse_args()
    samples = args.sample or sorted(REPO_DATA.glob("sample*.tsv"))
    (pair if args.command == "pair" else build)(args.annotations, samples, args.shared, args.from_trail, args.out)


if __name__ == "__main__":
    main()
