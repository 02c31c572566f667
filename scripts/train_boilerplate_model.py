"""Train the boilerplate line model on the DEV part of the line-labelled set (never the test part).

    pip install -e '.[train]'
    python scripts/train_boilerplate_model.py --shared ../shared
        # writes newsgraph/data/models/boilerplate_lines.json and its card boilerplate_lines.md

Each non-empty line of a dev item (tests/data/boilerplate/dev/gold.jsonl: its text rebuilt from
../shared as `newsgraph eval boilerplate` rebuilds it) gets the features of
`newsgraph.clean.lines.line_features`, computed after the cleaner's own rules (`rule_pass`), exactly
as `clean_text` computes them. Label: 1 for `boilerplate`, 0 for `body`; `meta` lines are left out
(not scored). A logistic regression (lbfgs, fixed seed) is fitted; its regularisation and threshold
are chosen by 5-fold cross-validation grouped by item, maximising the F1 of the cut lines (the
cleaner's rules or the model) against the boilerplate lines on the held-out folds among the choices
that keep at least 99% of body lines (losing the story is worse than leaving furniture in). Words
(the first twelve of a line and its last four) are features when they occur in at least four items.
Candidates → decision: the model decides only the lines where a named rule fired; it is fitted on
those lines, and a line no rule fired on is never cut by it. The scores kept in
the card are those held-out figures; the final model is then fitted on all dev lines.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsgraph.clean.lines import DEFAULT_MODEL, is_candidate, line_features
from newsgraph.clean.text import rule_pass
from newsgraph.eval.boilerplate import item_inputs, line_hash, read_gold

SEED = 20261208
FOLDS = 5
MIN_ITEMS_PER_WORD = 4
# A cleaner that loses the story is worse than one that leaves furniture in: the threshold is the
# best held-out F1 among those that keep at least this share of body lines.
MIN_BODY_RECALL = 0.99
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.10, 0.91, 0.05))
DEV = REPO / "tests" / "data" / "boilerplate" / "dev"


def dataset(shared: Path) -> tuple[list[dict], np.ndarray, np.ndarray, np.ndarray, int]:
    items = read_gold(DEV)
    inputs = item_inputs(items, shared / "corpus" / "news.jsonl.gz", shared / "eval" / "extraction" / "html")
    rows, labels, groups, rule_cut = [], [], [], []
    for index, item in enumerate(items):
        text, title = inputs[(item["kind"], item["item"])]
        raw_lines = text.split("\n")
        lines, reasons, _ = rule_pass(text, title=title, find_title=False)
        features = line_features(lines, [reason is not None for reason in reasons])
        for number, digest, label in item["lines"]:
            if label == "meta" or number >= len(raw_lines) or line_hash(raw_lines[number]) != digest:
                continue
            if features[number] is None:  # a line the repair emptied: nothing to decide
                continue
            rows.append(features[number][0])
            labels.append(int(label == "boilerplate"))
            groups.append(index)
            rule_cut.append(reasons[number] is not None)
    return rows, np.array(labels), np.array(groups), np.array(rule_cut), len(items)


def scores(cut: np.ndarray, y: np.ndarray) -> dict:
    right = int((cut & (y == 1)).sum())
    precision = right / max(1, int(cut.sum()))
    recall = right / max(1, int((y == 1).sum()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    body_kept = int((~cut & (y == 0)).sum()) / max(1, int((y == 0).sum()))
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "body_recall": round(body_kept, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    args = parser.parse_args()

    rows, y, groups, rule_cut, item_count = dataset(args.shared)
    # a word is a feature only when it occurs in several items: a word of one page would be learnt
    # as that page's furniture, not the furniture of pages in general
    items_of_word: dict[str, set[int]] = {}
    for row, group in zip(rows, groups):
        for name in row:
            if name.startswith(("word:", "tail:")):
                items_of_word.setdefault(name, set()).add(int(group))
    rare = {name for name, items in items_of_word.items() if len(items) < MIN_ITEMS_PER_WORD}
    rows = [{name: value for name, value in row.items() if name not in rare} for row in rows]
    # candidates → decision: the model decides only lines where a named rule fired (on the line)
    candidate = np.array([is_candidate(row) for row in rows])
    vectorizer = DictVectorizer(sparse=True, sort=True)
    x = vectorizer.fit_transform(rows)
    folds = list(GroupKFold(n_splits=FOLDS).split(x, y, groups))
    best = None
    for c in C_GRID:
        held_out = np.zeros(len(y))
        for train, test in folds:
            train = train[candidate[train]]
            model = LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit(x[train], y[train])
            held_out[test] = model.predict_proba(x[test])[:, 1] * candidate[test]
        for threshold in THRESHOLDS:
            result = scores(rule_cut | (held_out >= threshold), y)
            if result["body_recall"] < MIN_BODY_RECALL:
                continue
            if best is None or result["f1"] > best[2]["f1"]:
                best = (c, threshold, result)
    c, threshold, cv = best
    rules_only = scores(rule_cut.astype(bool), y)
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit(x[candidate], y[candidate])
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
               if abs(w) > 0.01}
    meta = {
        "trained": date.today().isoformat(),
        "script": "scripts/train_boilerplate_model.py",
        "command": "python scripts/train_boilerplate_model.py --shared ../shared",
        "data": {"gold": "tests/data/boilerplate/dev/gold.jsonl", "items": item_count, "lines": len(y),
                 "boilerplate_lines": int(y.sum()), "body_lines": int((y == 0).sum()),
                 "left_out": "meta lines (not scored); the test part is never read"},
        "seed": SEED,
        "estimator": f"LogisticRegression(C={c}, lbfgs) on DictVectorizer features, scikit-learn {sklearn.__version__}",
        "selection": f"{FOLDS}-fold cross-validation grouped by item over C in {list(C_GRID)} and thresholds "
                     f"{THRESHOLDS[0]}..{THRESHOLDS[-1]}, maximising the held-out F1 of cut lines with body recall >= {MIN_BODY_RECALL}",
        "cv_held_out": {"rules_and_model": cv, "cleaner_rules_only": rules_only},
    }
    out = {"meta": meta, "threshold": threshold, "bias": round(float(model.intercept_[0]), 5),
           "weights": dict(sorted(weights.items()))}
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    card = args.out.with_suffix(".md")
    card.write_text(
        "# Boilerplate line model\n\n"
        "Decides which lines of a plain text are page furniture (`newsgraph/clean/lines.py`). Logistic regression "
        f"over {len(weights)} named line features: the hits of the named rules in "
        "`newsgraph/data/clean/boilerplate_rules.json` on the line and its neighbours, the line's shape "
        "(length, final stop, capitals), its position, whether it repeats another line, and its first twelve and "
        f"last four words (a word is a feature when it occurs in at least {MIN_ITEMS_PER_WORD} dev items). It decides only the "
        "lines a named rule (pattern or structural) fired on: candidates → decision.\n\n"
        f"- Data: {meta['data']['gold']} (dev part only): {item_count} items, {len(y)} body/boilerplate lines "
        f"({int(y.sum())} boilerplate). Meta lines left out. The test part is never read.\n"
        f"- Seed {SEED}; {meta['estimator']}; threshold {threshold}.\n"
        f"- Selection: {meta['selection']}.\n"
        f"- Held-out (cross-validated) scores on dev, cut lines vs boilerplate lines: precision {cv['precision']}, "
        f"recall {cv['recall']}, F1 {cv['f1']}, body recall {cv['body_recall']} "
        f"(the cleaner's older rules alone: precision {rules_only['precision']}, recall {rules_only['recall']}).\n"
        f"- Rebuild: `{meta['command']}` (needs the `train` extra).\n",
        encoding="utf-8")
    print(json.dumps({"C": c, "threshold": threshold, "cv": cv, "rules_only": rules_only, "features": len(weights)}))


if __name__ == "__main__":
    main()
