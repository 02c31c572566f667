"""Temporal expressions scored as TempEval-3 Task A (TE3-evaluation.py) scores them.

Reads TimeML `.tml` files found recursively under a folder. The document creation
time is the `<DCT>` TIMEX3; the raw text is `<TEXT>` with every tag removed and
XML entities decoded; gold TIMEX3 offsets index that raw text. Each text goes
through `Pipeline.analyze_text(text, published=DCT)` (no cleaning, so offsets match).

Strict match: identical extents. Relaxed match: overlapping extents (one character
is enough; gold and system spans are whole tokens, so this is token overlap).
P = matched system timexes / system timexes, R = matched gold / gold. Type and
value accuracy are over relaxed-matched pairs; value F1 = relaxed F1 × value accuracy.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import EvalDataError

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3[^>]*\bvalue=\"([^\"]+)\"", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    path: Path
    dct: str | None
    text: str
    timexes: list[GoldTimex]


def read_timeml(path: Path) -> TimeMLDoc:
    """Raw text, DCT (`YYYY-MM-DD`) and gold TIMEX3s of one TimeML file."""
    source = Path(path).read_text(encoding="utf-8")
    body = _TEXT.search(source)
    if body is None:
        raise EvalDataError(f"{path} has no <TEXT> element (expected TimeML)")
    dct_match = _DCT.search(source)
    dct = dct_match.group(1)[:10] if dct_match else None
    if dct and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct):
        dct = None
    pieces: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    content = body.group(1)
    position = 0
    for tag in _TAG.finditer(content):
        chunk = html.unescape(content[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(tag.group(3)))))
        elif open_timex:
            start, attrs = open_timex.pop()
            gold.append(GoldTimex(start, length, "", attrs.get("type", ""), attrs.get("value"), attrs.get("mod")))
    pieces.append(html.unescape(content[position:]))
    text = "".join(pieces)
    gold = [GoldTimex(g.start, g.end, text[g.start : g.end], g.type, g.value, g.mod) for g in gold]
    return TimeMLDoc(Path(path), dct, text, sorted(gold, key=lambda g: g.start))


def _prf(matched_system: int, system: int, matched_gold: int, gold: int) -> dict:
    p = matched_system / system if system else 0.0
    r = matched_gold / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def timeml_files(directory: Path, *, subset: str | None = None, limit: int | None = None) -> list[Path]:
    files = sorted(Path(directory).rglob("*.tml"))
    if subset:
        files = [f for f in files if subset.lower() in str(f.relative_to(directory)).lower()]
    if not files:
        raise EvalDataError(f"no .tml files under {directory} (expected TempEval-3 TimeML)")
    return files[:limit] if limit else files


def evaluate_timex(
    directory: Path,
    *,
    pipeline=None,
    subset: str | None = None,
    limit: int | None = None,
    errors: list | None = None,
) -> dict:
    """Scores over every `.tml` under `directory` (optionally only paths containing `subset`).

    `errors`, when given, receives (file, kind, gold text/type/value, system text/type/value)
    rows for misses, false alarms and wrong attributes, for error analysis.
    """
    if pipeline is None:
        from newsgraph.pipeline import Pipeline

        pipeline = Pipeline()
    files = timeml_files(directory, subset=subset, limit=limit)
    n_gold = n_system = strict_sys = strict_gold = relaxed_sys = relaxed_gold = 0
    pairs = type_ok = value_ok = 0
    for path in files:
        doc = read_timeml(path)
        article = pipeline.analyze_text(doc.text, published=doc.dct)
        system = sorted(article.timexes, key=lambda t: t.start)
        n_gold += len(doc.timexes)
        n_system += len(system)
        gold_spans = {(g.start, g.end) for g in doc.timexes}
        sys_spans = {(s.start, s.end) for s in system}
        strict_sys += sum((s.start, s.end) in gold_spans for s in system)
        strict_gold += sum((g.start, g.end) in sys_spans for g in doc.timexes)
        used: set[int] = set()
        matched_gold: set[int] = set()
        for s in system:
            overlapping = [
                i for i, g in enumerate(doc.timexes) if g.start < s.end and s.start < g.end
            ]
            if not overlapping:
                if errors is not None:
                    errors.append((path.name, "false", None, (s.text, s.type, s.value)))
                continue
            relaxed_sys += 1
            matched_gold.update(overlapping)
            free = [i for i in overlapping if i not in used] or overlapping
            g = doc.timexes[free[0]]
            used.add(free[0])
            pairs += 1
            type_ok += g.type == s.type
            value_ok += g.value is not None and g.value == s.value
            if errors is not None and (g.type != s.type or g.value != s.value or (g.start, g.end) != (s.start, s.end)):
                errors.append((path.name, "attr", (g.text, g.type, g.value), (s.text, s.type, s.value)))
        relaxed_gold += len(matched_gold)
        if errors is not None:
            for i, g in enumerate(doc.timexes):
                if i not in matched_gold:
                    errors.append((path.name, "miss", (g.text, g.type, g.value), None))
    relaxed = _prf(relaxed_sys, n_system, relaxed_gold, n_gold)
    type_accuracy = type_ok / pairs if pairs else 0.0
    value_accuracy = value_ok / pairs if pairs else 0.0
    return {
        "strict": _prf(strict_sys, n_system, strict_gold, n_gold),
        "relaxed": relaxed,
        "type_accuracy": round(type_accuracy, 4),
        "type_f1": round(relaxed["f1"] * type_accuracy, 4),
        "value": {"f1": round(relaxed["f1"] * value_accuracy, 4), "accuracy": round(value_accuracy, 4)},
        "n": len(files),
        "gold": n_gold,
        "system": n_system,
    }
