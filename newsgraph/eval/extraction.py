"""Main-text extraction scored as the article-extraction-benchmark scores it.

Layout: `DIR/html/<id>.html.gz` and `DIR/ground-truth.json` ({id: {articleBody, url}}).
Tokens are `\\w+` matches; each text becomes a multiset of 4-token shingles;
per page TP/FP/FN are scaled to sum to 1; corpus precision and recall are means
over pages with a non-empty prediction / gold; F1 is their harmonic mean.
"""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from newsgraph.clean.html import extract_page
from newsgraph.clean.text import clean_text
from newsgraph.errors import EvalDataError, NoArticleError

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_scores(predicted: str, gold: str) -> tuple[float | None, float | None]:
    """(precision, recall) for one page; None where that side is empty."""
    pred, true = shingles(predicted), shingles(gold)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return (1.0 if pred else None, 1.0 if true else None)
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = (tp / (tp + fp) if tp + fp else 0.0) if pred else None
    recall = (tp / (tp + fn) if tp + fn else 0.0) if true else None
    return precision, recall


def extract_body(html: str, *, url: str | None = None, clean: bool = True) -> str:
    try:
        page = extract_page(html, url=url)
    except NoArticleError:
        return ""
    if not clean:
        return page.text
    return clean_text(page.text, title=page.title, find_title=False, after_extraction=True).text


def evaluate_extraction(directory: Path, *, clean: bool = True) -> dict:
    truth_path = Path(directory) / "ground-truth.json"
    if not truth_path.exists():
        raise EvalDataError(f"{truth_path} not found (expected the article-extraction-benchmark layout)")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    precisions, recalls, exact = [], [], 0
    for page_id, item in sorted(truth.items()):
        html_path = Path(directory) / "html" / f"{page_id}.html.gz"
        if not html_path.exists():
            raise EvalDataError(f"{html_path} is missing")
        html = gzip.decompress(html_path.read_bytes()).decode("utf-8", errors="replace")
        predicted = extract_body(html, url=item.get("url"), clean=clean)
        gold = item.get("articleBody", "")
        precision, recall = page_scores(predicted, gold)
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
        exact += _TOKEN.findall(predicted) == _TOKEN.findall(gold)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "accuracy": round(exact / len(truth), 4) if truth else 0.0,
        "n": len(truth),
    }
