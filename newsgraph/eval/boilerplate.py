"""Plain-text cleaning scored line by line against the project's line-labelled set.

Gold (`gold.jsonl` under DIRECTORY, tests/data/boilerplate/GUIDELINE.md) names items — a corpus
article's text, or the main text extracted from a page of the extraction benchmark — and labels
each non-empty line `body`, `meta` (headline, byline, date line: not scored) or `boilerplate`,
by its number in `text.split("\\n")` and a hash of its text. Each item's text is rebuilt from its
source and cleaned as the pipeline cleans it (`clean_text`, with the title the input gives); a
line counts as cut when the cleaner gives a reason for it.

Scores: precision and recall of the cut lines against the boilerplate lines (the cleaner's job),
and of the kept lines against the body lines (what must not be lost). A line whose hash differs
from the gold's is reported as misaligned (the extractor changed) and not scored. An item with no
body line should be refused as a whole.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from newsgraph.errors import EvalDataError

DEFAULT_CORPUS = Path("../shared/corpus/news.jsonl.gz")
DEFAULT_PAGES = Path("../shared/eval/extraction/html")
LABELS = ("body", "meta", "boilerplate")


def line_hash(line: str) -> str:
    return hashlib.sha1(line.strip().encode("utf-8")).hexdigest()[:12]


def read_gold(directory: Path) -> list[dict]:
    paths = sorted(Path(directory).rglob("gold.jsonl"))
    if not paths:
        raise EvalDataError(f"no gold.jsonl under {directory}")
    items = []
    for path in paths:
        for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not row.strip():
                continue
            item = json.loads(row)
            if item.get("kind") not in ("corpus", "html") or any(label not in LABELS for _, _, label in item["lines"]):
                raise EvalDataError(f"{path}:{number}: not a boilerplate gold item")
            items.append(item)
    return items


def item_inputs(items: list[dict], corpus: Path, pages: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(kind, item) -> (text the plain-text cleaner receives, title the input gives)."""
    from newsgraph.clean.html import extract_page

    wanted = {int(item["item"]) for item in items if item["kind"] == "corpus"}
    inputs: dict[tuple[str, str], tuple[str, str | None]] = {}
    if wanted:
        if not Path(corpus).is_file():
            raise EvalDataError(f"corpus {corpus} not found; give its path with --corpus")
        with gzip.open(corpus, "rt", encoding="utf-8") as handle:
            for number, row in enumerate(handle):
                if number in wanted:
                    record = json.loads(row)
                    inputs[("corpus", str(number))] = (record.get("text", ""), record.get("title"))
    for item in items:
        if item["kind"] != "html":
            continue
        path = Path(pages) / f"{item['item']}.html.gz"
        if not path.is_file():
            raise EvalDataError(f"page {path} not found; give the pages' folder with --pages")
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            page = extract_page(handle.read())
        inputs[("html", item["item"])] = (page.text, page.title)
    missing = [key for key in ((i["kind"], i["item"]) for i in items) if key not in inputs]
    if missing:
        raise EvalDataError(f"item {missing[0][0]}:{missing[0][1]} not found in its source")
    return inputs


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _scores(true_positive: int, predicted: int, actual: int) -> dict:
    precision, recall = _ratio(true_positive, predicted), _ratio(true_positive, actual)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "predicted": predicted, "gold": actual}


def evaluate_boilerplate(directory: Path, *, corpus: Path = DEFAULT_CORPUS, pages: Path = DEFAULT_PAGES,
                         errors: bool = False) -> dict:
    from newsgraph.clean.text import clean_text

    items = read_gold(directory)
    inputs = item_inputs(items, corpus, pages)
    counts = {kind: {"cut_right": 0, "cut": 0, "boilerplate": 0, "kept_right": 0, "kept": 0, "body": 0}
              for kind in ("all", "corpus", "html")}
    misaligned = 0
    only_boilerplate = refused = 0
    mistakes: list[dict] = []
    for item in items:
        text, title = inputs[(item["kind"], item["item"])]
        lines = text.split("\n")
        cleaned = clean_text(text, title=title, find_title=False, after_extraction=item["kind"] == "html")
        if not any(label == "body" for _, _, label in item["lines"]):
            only_boilerplate += 1
            refused += not cleaned.text.strip()
        for number, digest, label in item["lines"]:
            if number >= len(lines) or line_hash(lines[number]) != digest:
                misaligned += 1
                continue
            if label == "meta":
                continue
            reason = cleaned.line_reasons[number] if number < len(cleaned.line_reasons) else None
            cut = reason is not None
            for kind in ("all", item["kind"]):
                tally = counts[kind]
                tally["cut"] += cut
                tally["kept"] += not cut
                tally["boilerplate"] += label == "boilerplate"
                tally["body"] += label == "body"
                tally["cut_right"] += cut and label == "boilerplate"
                tally["kept_right"] += (not cut) and label == "body"
            if errors and cut != (label == "boilerplate"):
                mistakes.append({"item": f"{item['kind']}:{item['item']}", "line": number, "gold": label,
                                 "cut": reason, "text": lines[number][:160]})
    result = {"items": len(items), "misaligned_lines": misaligned,
              "boilerplate_only_items": only_boilerplate, "boilerplate_only_refused": refused}
    for kind, tally in counts.items():
        result[kind] = {
            "boilerplate_lines": _scores(tally["cut_right"], tally["cut"], tally["boilerplate"]),
            "body_lines": _scores(tally["kept_right"], tally["kept"], tally["body"]),
        }
    if errors:
        result["errors"] = mistakes
    return result


def format_boilerplate(scores: dict) -> str:
    rows = [(f"{scores['items']} items; {scores['misaligned_lines']} misaligned lines; boilerplate-only "
             f"items refused {scores['boilerplate_only_refused']}/{scores['boilerplate_only_items']}"),
            f"{'part':<8} {'cut P':>7} {'cut R':>7} {'cut F1':>7} {'body P':>7} {'body R':>7}"]
    for kind in ("all", "corpus", "html"):
        cut, body = scores[kind]["boilerplate_lines"], scores[kind]["body_lines"]
        rows.append(f"{kind:<8} {cut['precision']:>7.3f} {cut['recall']:>7.3f} {cut['f1']:>7.3f} "
                    f"{body['precision']:>7.3f} {body['recall']:>7.3f}")
    for mistake in scores.get("errors", []):
        rows.append(f"  {mistake['item']} [{mistake['line']}] gold {mistake['gold']}, cut {mistake['cut']}: {mistake['text']}")
    return "\n".join(rows)
