"""Attribution (source / cue / content) scored on PolNeAR's brat-standoff layout.

Layout: `DIR/text/<article>.txt` and `DIR/attributions/<article>_<annotator>.ann`.
Each `.ann` file is one document (an article annotated twice counts twice),
as in the published PolNeAR results.

Definitions (per role, summed over documents):
- A span is compared by its outer extent with surrounding whitespace trimmed.
  A discontinuous gold span ("start end;start end") counts as the extent from
  its first fragment's start to its last fragment's end; the system only
  predicts contiguous spans, and the gap is almost always a cue or a source
  inside the content ("..., he said, ...").
- Exact: a predicted span is correct when its extent equals a gold span of the
  same role. P = correct predicted / predicted, R = matched gold / gold.
- Partial (token overlap): tokens are `\\w+` or single non-space symbols. A
  predicted span earns |tokens shared with the best-overlapping gold span of
  the same role| / |its tokens|; P is the sum of these over predicted spans
  divided by their number. R is the same with gold and predicted swapped.
  For discontinuous gold spans only the tokens in their fragments count.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import EvalDataError
from newsgraph.model import Article

ROLES = ("source", "cue", "content")
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass(slots=True)
class GoldDocument:
    name: str
    text: str
    # role -> list of spans, each a list of (start, end) fragments
    spans: dict[str, list[list[tuple[int, int]]]] = field(default_factory=dict)


def read_ann(path: Path) -> dict[str, list[list[tuple[int, int]]]]:
    """Source/Cue/Content spans of one brat file (Content2 counts as Content)."""
    spans: dict[str, list[list[tuple[int, int]]]] = {role: [] for role in ROLES}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        kind, _, offsets = parts[1].partition(" ")
        role = kind.lower()
        if role not in spans:
            continue
        fragments = []
        for piece in offsets.split(";"):
            start, end = piece.split()
            fragments.append((int(start), int(end)))
        spans[role].append(fragments)
    return spans


def read_gold(directory: Path, *, limit: int | None = None) -> Iterator[GoldDocument]:
    directory = Path(directory)
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalDataError(f"{directory} has no text/ and attributions/ folders (give a PolNeAR split folder)")
    files = sorted(ann_dir.glob("*.ann"))
    if limit:
        files = files[:limit]
    for ann in files:
        article = ann.stem.rsplit("_", 1)[0]
        text_path = text_dir / f"{article}.txt"
        if not text_path.exists():
            raise EvalDataError(f"{ann.name} has no text file {text_path.name}")
        yield GoldDocument(ann.stem, text_path.read_text(encoding="utf-8"), read_ann(ann))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _Tokens:
    """Token positions of a text, to turn a character span into token indices."""

    def __init__(self, text: str) -> None:
        self.starts = [m.start() for m in _TOKEN.finditer(text)]

    def ids(self, start: int, end: int) -> set[int]:
        return set(range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)))


@dataclass(slots=True)
class RoleCounts:
    predicted: int = 0
    gold: int = 0
    exact_pred: int = 0
    exact_gold: int = 0
    partial_pred: float = 0.0
    partial_gold: float = 0.0

    def add_document(self, text: str, tokens: _Tokens, pred: list[tuple[int, int]],
                     gold: list[list[tuple[int, int]]]) -> None:
        pred_extents = {x for x in (_trim(text, s, e) for s, e in pred) if x[0] < x[1]}
        gold_extents = {_trim(text, g[0][0], g[-1][1]) for g in gold}
        self.predicted += len(pred_extents)
        self.gold += len(gold_extents)
        self.exact_pred += len(pred_extents & gold_extents)
        self.exact_gold += len(gold_extents & pred_extents)
        pred_tokens = [tokens.ids(*x) for x in pred_extents]
        gold_tokens = []
        for fragments in gold:
            ids: set[int] = set()
            for s, e in fragments:
                ids |= tokens.ids(s, e)
            gold_tokens.append(ids)
        for p in pred_tokens:
            if p:
                self.partial_pred += max((len(p & g) for g in gold_tokens), default=0) / len(p)
        for g in gold_tokens:
            if g:
                self.partial_gold += max((len(p & g) for p in pred_tokens), default=0) / len(g)

    def scores(self) -> dict[str, dict[str, float]]:
        return {
            "exact": _prf(self.exact_pred, self.predicted, self.exact_gold, self.gold),
            "partial": _prf(self.partial_pred, self.predicted, self.partial_gold, self.gold),
        }


def _prf(tp_pred: float, predicted: int, tp_gold: float, gold: int) -> dict[str, float]:
    p = tp_pred / predicted if predicted else 0.0
    r = tp_gold / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def predicted_spans(article: Article) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    for a in article.attributions:
        spans["content"].append((a.content.start, a.content.end))
        if a.cue:
            spans["cue"].append((a.cue.start, a.cue.end))
        if a.source:
            spans["source"].append((a.source.start, a.source.end))
    return spans


def score_documents(
    documents: Iterator[GoldDocument], analyze: Callable[[str], Article]
) -> dict:
    """Run `analyze` on each gold document's raw text and score its attributions."""
    counts = {role: RoleCounts() for role in ROLES}
    n = 0
    for document in documents:
        article = analyze(document.text)
        tokens = _Tokens(document.text)
        predicted = predicted_spans(article)
        for role in ROLES:
            counts[role].add_document(document.text, tokens, predicted[role], document.spans[role])
        n += 1
    if n == 0:
        raise EvalDataError("no .ann files found (give a PolNeAR split folder)")
    result: dict = {role: counts[role].scores() for role in ROLES}
    result["n"] = n
    return result


def evaluate_attribution(directory: Path, pipeline, *, limit: int | None = None) -> dict:
    """Score `pipeline` (a newsgraph Pipeline) on a PolNeAR split folder."""
    return score_documents(read_gold(directory, limit=limit), pipeline.analyze_text)
