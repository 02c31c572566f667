"""Train the event decision model on the real-news gold's dev part (never the test part).

    pip install -e '.[train]'
    python scripts/train_event_model.py          # writes newsgraph/data/models/event_decision.json

Candidates are what `newsgraph.annotate.events.coder.propose` gives for each dev article (every rule
trigger and every other predicate with an actor-like argument). Three logistic regressions are fitted:
- root: a candidate is labelled with the CAMEO root of the gold event whose sentence it is in and whose
  trigger words hold it, else `none`;
- source and target: for each labelled candidate, each actor-like phrase of its sentence (and the
  speaker of the words it is in) is labelled 1 when it is the gold event's source (target) by the
  "same actor" rule of `newsgraph eval realnews`.
Regularisation and the three thresholds are chosen by 5-fold cross-validation over articles,
maximising the strict F1 that `newsgraph eval realnews` would give on the held-out folds, with the
events built exactly as the pipeline builds them. Deterministic (fixed folds, seed, lbfgs).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsgraph.annotate.events.coder import propose  # noqa: E402
from newsgraph.annotate.events.decide import NO_EVENT, argument_features, choose_root, vector_features  # noqa: E402
from newsgraph.eval.realnews import (_ALNUM, GoldEvent, analyse_gold_articles, gold_events, load_gold,  # noqa: E402
                                     matches, same_actor, same_sentence, sentence_key)
from newsgraph.ingest.read import Rejected  # noqa: E402
from newsgraph.pipeline import Pipeline  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402

SEED = 13
ROOT_C = (0.3, 1.0, 3.0)
ARGUMENT_C = 1.0
RULE_THRESHOLDS = (0.0, 0.01) + tuple(round(float(t), 3) for t in np.arange(0.02, 0.6, 0.02))
NEW_THRESHOLDS = tuple(round(float(t), 3) for t in np.arange(0.1, 1.01, 0.05)) + (2.0,)  # 2.0: no events of its own
ARGUMENT_THRESHOLDS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
MIN_WEIGHT = 1e-3  # smaller weights move no probability by more than a rounding error; left out of the file
GUARD_MARGIN = 0.01  # how much found the decision may lose, and extra gain, on the guard sentences


class ArticleData:
    """One dev article: its coder, candidates, gold, labels, and (per fold) the scores of its arguments."""

    def __init__(self, line: int, coder, candidates, gold: list[GoldEvent], gold_triggers: list[tuple]) -> None:
        self.line, self.coder, self.candidates, self.gold = line, coder, candidates, gold
        self.aligned = [aligned_gold(c, gold, gold_triggers) for c in candidates]
        self.labels = [g.root if g is not None else NO_EVENT for g in self.aligned]
        self.arguments = [coder.argument_mentions(c) for c in candidates]
        self.scores: dict[tuple[int, str], tuple[list[float], list[float]]] = {}
        self.lenient = False  # sentence items guard the coding of acts, not the choice of parties
        self.built: dict[tuple, list[frozenset]] = {}

    def argument_rows(self, index: int, root: str) -> list[dict]:
        candidate = self.candidates[index]
        return [argument_features(a, candidate.token, root, candidate.rule_events) for a in self.arguments[index]]

    def hits(self, index: int, root: str, probability: float, source_t: float, target_t: float,
             root_codes: dict[str, str]) -> list[frozenset]:
        """Gold ids hit by what the pipeline would assert for candidate `index` decided as `root`."""
        candidate = self.candidates[index]
        if any(e.negated or e.hypothetical for e in candidate.rule_events):
            return []
        rule_coded = [e for e in candidate.rule_events if e.root == root]
        if rule_coded:
            key = (index, root, "rules")
            if key not in self.built:
                self.built[key] = [frozenset((self.line, i) for i, g in enumerate(self.gold)
                                             if matches(e, g, lenient=self.lenient)) for e in rule_coded if e.cameo != "010"]
            return self.built[key]
        source_scores, target_scores = self.scores[(index, root)]
        arguments = self.arguments[index]
        source = _pick(arguments, source_scores, source_t)
        target = _pick(arguments, target_scores, target_t, exclude=source)
        key = (index, root, source, target)
        if key not in self.built:
            code = root_codes.get(root, root + "0")
            event = self.coder.build(candidate, code, arguments[source].mention if source is not None else None,
                                     arguments[target].mention if target is not None else None, ["train"], probability)
            self.built[key] = [] if event.negated or event.hypothetical or event.cameo == "010" else [
                frozenset((self.line, i) for i, g in enumerate(self.gold) if matches(event, g, lenient=self.lenient))]
        return self.built[key]


def _pick(arguments, scores: list[float], threshold: float, exclude: int | None = None) -> int | None:
    best = None
    for i, score in enumerate(scores):
        if i == exclude or (exclude is not None and _same(arguments[i].mention, arguments[exclude].mention)):
            continue
        if score >= threshold and (best is None or score > scores[best]):
            best = i
    return best


def _same(a, b) -> bool:
    return (a.start, a.end) == (b.start, b.end) or a.actor is not None and b.actor is not None and a.actor.id == b.actor.id


def aligned_gold(candidate, gold: list[GoldEvent], gold_triggers: list[tuple]) -> GoldEvent | None:
    key = sentence_key(candidate.sent.text)
    word = candidate.token.lower_
    found = [g for g, words in zip(gold, gold_triggers) if word in words and any(same_sentence(key, s) for s in g.sentences)]
    if not found:
        return None
    root = Counter(g.root for g in found).most_common(1)[0][0]
    return next(g for g in found if g.root == root)


def argument_labels(article: ArticleData, index: int) -> tuple[list[int], list[int]]:
    gold = article.aligned[index]
    sources, targets = [], []
    for argument in article.arguments[index]:
        mention = argument.mention
        is_source = gold.source is not None and same_actor(mention, gold.source)
        is_target = gold.target is not None and same_actor(mention, gold.target)
        if gold.symmetric:
            is_source = is_target = is_source or is_target
        sources.append(int(is_source))
        targets.append(int(is_target))
    return sources, targets


def load_articles(gold_dir: Path, corpus: Path) -> tuple[list[ArticleData], int, dict[str, str]]:
    gold = load_gold(gold_dir)
    if any(part == "test" for part, _ in gold):
        raise SystemExit("refusing to train on the test part")
    pipeline = Pipeline(Settings(event_model="off"))
    analysed, texts = analyse_gold_articles(pipeline, gold, corpus)
    articles, gold_count, codes = [], 0, Counter()
    for _, record in gold:
        line = record["corpus_line"]
        text = texts[line]["text"]
        gold_list = gold_events(record, text)
        gold_count += len(gold_list)
        triggers = []
        for event in record["events"]:
            if not event["sentences"]:
                continue
            trigger = text[event["trigger"][0]:event["trigger"][1]] if event.get("trigger") else ""
            triggers.append(set(_ALNUM.findall(trigger.lower())))
            codes[(event["cameo"][:2], event["cameo"])] += 1
        article = analysed[line]
        if isinstance(article, Rejected):
            continue
        doc = pipeline.nlp(article.text)
        coder, candidates = propose(article, doc, lexicon=pipeline.event_lexicon, gazetteer=pipeline.gazetteer,
                                    kb=pipeline.actor_kb)
        articles.append(ArticleData(line, coder, candidates, gold_list, triggers))
    root_codes: dict[str, str] = {}
    for (root, code), _ in sorted(codes.items(), key=lambda x: -x[1]):
        if code[:3] != "010":
            root_codes.setdefault(root, code)
    return articles, gold_count, root_codes


def load_sentences(path: Path, pipeline, *, part: str = "tuning") -> list[ArticleData]:
    """The project's own labelled event sentences (PLOVER record format with a CAMEO `cameo`), one
    item per sentence: the tuning part (ids not 3 mod 4) for training, the held-out part (or a whole
    held-out set, `part="all"`) as a guard."""
    from newsgraph.eval.events import held_out
    from newsgraph.eval.realnews import GoldSide, content_words
    by_text: dict[str, list[dict]] = {}
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("cameo") and record.get("text") and (part == "all" or held_out(record["id"]) == (part == "held out")):
            by_text.setdefault(record["text"], []).append(record)

    def side(actors) -> GoldSide | None:
        if not actors or not isinstance(actors, list):
            return None
        first = actors[0]
        code = str(first.get("code") or "")
        return GoldSide(frozenset(content_words(first.get("actorText"))), code if len(code) == 3 else None,
                        first.get("sector"))

    items = []
    for number, (text, records) in enumerate(sorted(by_text.items())):
        article = pipeline.analyze_text(text)
        doc = pipeline.nlp(text)
        coder, candidates = propose(article, doc, lexicon=pipeline.event_lexicon, gazetteer=pipeline.gazetteer,
                                    kb=pipeline.actor_kb)
        gold = [GoldEvent((sentence_key(text),), r["cameo"][:2], side(r.get("source")), side(r.get("target")), False)
                for r in records]
        triggers = [set(_ALNUM.findall(str(r.get("eventText", "")).lower())) for r in records]
        items.append(ArticleData(-1 - number, coder, candidates, gold, triggers))
    return items


def inputs(candidate) -> dict[str, float]:
    """The candidate's named features with its trigger vector, as one row for scikit-learn."""
    return {**candidate.features, **vector_features(candidate.vector)}


def fit(features, labels, c: float):
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    model.fit(vectorizer.fit_transform(features), labels)
    return model, vectorizer


def root_probabilities(model, vectorizer, features) -> list[dict[str, float]]:
    if not features:
        return []
    probabilities = model.predict_proba(vectorizer.transform(features))
    classes = [str(c) for c in model.classes_]
    return [dict(zip(classes, map(float, row))) for row in probabilities]


def possible_roots(probabilities: dict[str, float], rule_roots: set[str]) -> set[str]:
    """The roots `choose_root` may give the candidate, whatever the thresholds."""
    top = max((c for c in probabilities if c != NO_EVENT), key=lambda c: probabilities[c])
    return set(rule_roots) | {top}


def argument_data(articles: list[ArticleData], indices) -> tuple[list[dict], list[int], list[int]]:
    rows, sources, targets = [], [], []
    for i in indices:
        article = articles[i]
        for index, gold in enumerate(article.aligned):
            if gold is None:
                continue
            rows += article.argument_rows(index, gold.root)
            s, t = argument_labels(article, index)
            sources += s
            targets += t
    return rows, sources, targets


def positive_scores(model, vectorizer, rows: list[dict]) -> list[float]:
    if not rows:
        return []
    return [float(p) for p in model.predict_proba(vectorizer.transform(rows))[:, list(model.classes_).index(1)]]


def evaluate(articles, decisions, thresholds: tuple[float, float], source_t, target_t, gold_count, root_codes) -> dict:
    """Strict scores of the events built when a root the rules gave the word is admitted at
    `thresholds[0]` and another root at `thresholds[1]`."""
    rule_t, new_t = thresholds
    system = right = 0
    found: set = set()
    for article, decided in zip(articles, decisions):
        for index, probabilities in enumerate(decided):
            rule_roots = {e.root for e in article.candidates[index].rule_events}
            root, probability = choose_root(probabilities, rule_roots, rule_t, new_t)
            if root is None:
                continue
            for hits in article.hits(index, root, probability, source_t, target_t, root_codes):
                system += 1
                right += bool(hits)
                found |= hits
    precision = right / system if system else 0.0
    recall = len(found) / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "system": system, "right": right}


def export(model, vectorizer, threshold: float) -> dict:
    classes = [str(c) for c in model.classes_]
    coefficients = model.coef_
    binary = len(classes) == 2
    weights: dict[str, dict[str, float]] = {}
    for j, name in enumerate(vectorizer.get_feature_names_out()):
        if binary:
            row = {classes[1]: round(float(coefficients[0, j]), 4)} if abs(coefficients[0, j]) >= MIN_WEIGHT else {}
        else:
            row = {classes[k]: round(float(coefficients[k, j]), 4) for k in range(len(classes))
                   if abs(coefficients[k, j]) >= MIN_WEIGHT}
        if row:
            weights[name] = row
    intercepts = model.intercept_
    bias = {classes[0]: 0.0, classes[1]: round(float(intercepts[0]), 4)} if binary else \
        {c: round(float(b), 4) for c, b in zip(classes, intercepts)}
    return {"classes": classes, "threshold": threshold, "bias": bias, "weights": dict(sorted(weights.items()))}


def _shown(path: Path) -> str:
    resolved = path.resolve()
    return str(resolved.relative_to(REPO)) if resolved.is_relative_to(REPO) else str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=REPO / "tests/data/realnews/dev")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpus/news.jsonl.gz")
    parser.add_argument("--out", type=Path, default=REPO / "newsgraph/data/models/event_decision.json")
    parser.add_argument("--sentences", type=Path, nargs="*",
                        default=[REPO / "tests/data/events_dev/PLOVER_GSR_newsgraph_dev.json"],
                        help="labelled event sentences added to every training fold (tuning part only; "
                             "their held-out part guards the thresholds)")
    parser.add_argument("--guard", type=Path, nargs="*",
                        default=[REPO / "tests/data/events_heldout/PLOVER_GSR_newsgraph_heldout.json"],
                        help="held-out labelled sentences: the decision may not lose the rules' acts there")
    args = parser.parse_args()

    articles, gold_count, root_codes = load_articles(args.gold, args.corpus)
    pipeline = Pipeline(Settings(event_model="off"))
    extra = [item for path in args.sentences for item in load_sentences(path, pipeline)]
    print(f"{len(extra)} labelled sentences added to training", file=sys.stderr)
    labels_all = Counter(label for a in articles for label in a.labels)
    print(f"{len(articles)} articles, {gold_count} gold events, {sum(labels_all.values())} candidates, "
          f"{sum(n for l, n in labels_all.items() if l != NO_EVENT)} aligned to gold", file=sys.stderr)

    groups = np.arange(len(articles))
    folds = list(GroupKFold(n_splits=5).split(groups, groups, groups))
    # out-of-fold argument scores for every candidate under every root a root model may give it
    root_models = {c: [None] * len(articles) for c in ROOT_C}
    for train, held in folds:
        pool = [articles[i] for i in train] + extra
        rows, sources, targets = argument_data(pool, range(len(pool)))
        source_model = fit(rows, sources, ARGUMENT_C)
        target_model = fit(rows, targets, ARGUMENT_C)
        features = [inputs(c) for a in pool for c in a.candidates]
        labels = [l for a in pool for l in a.labels]
        for c in ROOT_C:
            model, vectorizer = fit(features, labels, c)
            for i in held:
                root_models[c][i] = root_probabilities(model, vectorizer,
                                                       [inputs(cand) for cand in articles[i].candidates])
        for i in held:
            article = articles[i]
            roots_needed = {(index, root) for c in ROOT_C for index, probabilities in enumerate(root_models[c][i])
                            for root in possible_roots(probabilities, {e.root for e in
                                                                       article.candidates[index].rule_events})}
            for index, root in roots_needed:
                rows_i = article.argument_rows(index, root)
                article.scores[(index, root)] = (positive_scores(*source_model, rows_i),
                                                 positive_scores(*target_model, rows_i))

    # the guard: the held-out part of the project's own sentences, coded by models fitted on everything
    # (their thresholds not yet chosen); the decision may not lose the rules' acts there
    guard = [item for path in args.sentences for item in load_sentences(path, pipeline, part="held out")]
    guard += [item for path in args.guard for item in load_sentences(path, pipeline, part="all")]
    for item in guard:
        item.lenient = True
    final_models = {}
    pool = articles + extra
    rows, sources, targets = argument_data(pool, range(len(pool)))
    source_model, target_model = fit(rows, sources, ARGUMENT_C), fit(rows, targets, ARGUMENT_C)
    for c in ROOT_C:
        final_models[c] = fit([inputs(cand) for a in pool for cand in a.candidates],
                              [l for a in pool for l in a.labels], c)
    guard_decisions = {}
    for c in ROOT_C:
        guard_decisions[c] = [root_probabilities(*final_models[c], [inputs(cand) for cand in item.candidates])
                              for item in guard]
        for item, decided in zip(guard, guard_decisions[c]):
            for index, probabilities in enumerate(decided):
                for root in possible_roots(probabilities, {e.root for e in item.candidates[index].rule_events}):
                    rows_i = item.argument_rows(index, root)
                    item.scores[(index, root)] = (positive_scores(*source_model, rows_i),
                                                  positive_scores(*target_model, rows_i))
    guard_gold = sum(len(item.gold) for item in guard)
    rules_guard = evaluate(guard, guard_decisions[ROOT_C[0]], (0.0, 2.0), 0.5, 0.5, guard_gold, root_codes) if guard else None
    rules_extra = (rules_guard["system"] - rules_guard["right"]) / guard_gold if guard else 0.0

    def guarded(c, thresholds) -> bool:
        if not guard:
            return True
        result = evaluate(guard, guard_decisions[c], thresholds, 0.5, 0.5, guard_gold, root_codes)
        # as PLOVER's records are scored: acts found, and events matching none of them per record
        extra = (result["system"] - result["right"]) / guard_gold
        return result["recall"] >= rules_guard["recall"] - GUARD_MARGIN and extra <= rules_extra + GUARD_MARGIN

    best = None
    for c in ROOT_C:
        decisions = root_models[c]
        source_t = target_t = 0.3
        for _ in range(2):  # coordinate search: root thresholds, then the argument thresholds
            allowed = [(r, n) for r in RULE_THRESHOLDS for n in NEW_THRESHOLDS if n >= r and guarded(c, (r, n))]
            root_best = max(allowed, key=lambda t: evaluate(articles, decisions, t, source_t, target_t,
                                                            gold_count, root_codes)["f1"])
            pairs = [(s, t) for s in ARGUMENT_THRESHOLDS for t in ARGUMENT_THRESHOLDS]
            source_t, target_t = max(pairs, key=lambda p: evaluate(articles, decisions, root_best, p[0], p[1],
                                                                   gold_count, root_codes)["f1"])
        result = evaluate(articles, decisions, root_best, source_t, target_t, gold_count, root_codes)
        print(f"root C={c}: thresholds {root_best}/{source_t}/{target_t} -> {result}", file=sys.stderr)
        if best is None or result["f1"] > best["f1"]:
            best = {"C": c, "rule_t": root_best[0], "new_t": root_best[1], "source_t": source_t, "target_t": target_t,
                    **result}

    root_model = final_models[best["C"]]
    guard_result = None
    if guard:
        chosen = evaluate(guard, guard_decisions[best["C"]], (best["rule_t"], best["new_t"]), 0.5, 0.5, guard_gold,
                          root_codes)
        guard_result = {"data": [_shown(p) + " (held-out part, ids 3 mod 4)" for p in args.sentences]
                        + [_shown(p) for p in args.guard], "scoring": "lenient, as eval realnews",
                        "rules_only": {"found": round(rules_guard["recall"], 3), "extra": round(rules_extra, 3)},
                        "with_model": {"found": round(chosen["recall"], 3),
                                       "extra": round((chosen["system"] - chosen["right"]) / guard_gold, 3)}}
    meta = {
        "guard": guard_result,
        "trained": date.today().isoformat(),
        "script": "scripts/train_event_model.py",
        "data": {"gold": _shown(args.gold), "articles": len(articles), "gold_events": gold_count,
                 "sentences": [_shown(p) for p in args.sentences], "sentence_items": len(extra),
                 "candidates": len(labels), "aligned": sum(l != NO_EVENT for l in labels),
                 "argument_rows": len(rows)},
        "seed": SEED, "sklearn": sklearn.__version__, "root_C": best["C"], "argument_C": ARGUMENT_C,
        "selection": "5 grouped folds over dev articles; C and thresholds maximise strict F1 of the events built",
        "cross_validated": {k: round(best[k], 3) for k in ("precision", "recall", "f1")},
        "root_codes": root_codes,
    }
    model = {"meta": meta, "root": export(*root_model, best["rule_t"]), "new_threshold": best["new_t"],
             "source": export(*source_model, best["source_t"]), "target": export(*target_model, best["target_t"])}
    args.out.write_text(json.dumps(model, indent=0, sort_keys=False) + "\n")
    print(f"wrote {args.out}: cross-validated {meta['cross_validated']}", file=sys.stderr)


if __name__ == "__main__":
    main()
