"""The decision over event candidates: which act, if any, does the article assert at this word?

The coder proposes candidates: every rule trigger, with the events the rules coded from it, and every
other verb, event noun or light verb's object that has an actor-like argument. A model trained on the
project's real-news gold (`scripts/train_event_model.py`; data, seed and scores in the model file's
`meta`) reads named features of each candidate — its words, the rules that fired and what they coded,
its parties, its modality, the kind of article — and gives a probability per CAMEO root (or none).
A candidate is an event when its best root reaches the model's threshold: the rules' events of that
root are kept as they are; otherwise the coder codes the word anew with that root (rule
`model:<pos>:<lemma>`). Every kept event carries its `score` and the `rules` that fired.

Reads: the candidates. Returns: the events decided (negated and hypothetical events of the rules are
kept as they are: they are reported, not asserted, and the model is trained on asserted acts).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Span as SpacySpan, Token

from newsgraph.errors import NewsgraphError
from newsgraph.model import Article, Event, Mention

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "data" / "models" / "event_decision.json"
NO_EVENT = "none"
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "IGO"})
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "can", "shall", "'ll", "wo", "ca"})
QUOTE_CHARS = "\"\u201c\u201d"
VECTOR_PREFIX = "vec"  # features vec0, vec1, ...: the parser's context vector of the trigger


class EventModelError(NewsgraphError):
    """The event decision model file is missing or malformed."""


@dataclass(slots=True)
class Candidate:
    """A word that may state an act, with what the rules made of it and the features the model reads."""

    token: Token
    sent: SpacySpan
    rule_events: list[Event]
    features: dict[str, float] = field(default_factory=dict)
    vector: np.ndarray | None = None  # the trigger's context vector (`trigger_vector`)


@dataclass(frozen=True, slots=True)
class Argument:
    """A phrase of the candidate's sentence that may be its source or target."""

    mention: Mention
    token: Token | None  # its head word; None for the speaker of the words the sentence is in
    path: str  # the dependency path from it to the trigger ("nsubj^", "pobj^prep:with^", "speaker")


@dataclass(frozen=True, slots=True)
class LogisticModel:
    """Logistic regression over named features: a weight per (feature, class); two classes or more.
    The word vector's weights (features `vec0`, `vec1`, ...) are kept as one matrix, for speed."""

    classes: tuple[str, ...]
    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    threshold: float
    vector_weights: np.ndarray | None = None  # classes x vector size

    @classmethod
    def from_dict(cls, data: dict) -> LogisticModel:
        classes = tuple(data["classes"])
        weights = {name: row for name, row in data["weights"].items() if not name.startswith(VECTOR_PREFIX)}
        size = max((int(name[len(VECTOR_PREFIX):]) + 1 for name in data["weights"]
                    if name.startswith(VECTOR_PREFIX)), default=0)
        vector_weights = None
        if size:
            vector_weights = np.zeros((len(classes), size))
            for name, row in data["weights"].items():
                if name.startswith(VECTOR_PREFIX):
                    for label, weight in row.items():
                        vector_weights[classes.index(label), int(name[len(VECTOR_PREFIX):])] = weight
        return cls(classes, weights, data["bias"], float(data["threshold"]), vector_weights)

    def probabilities(self, features: dict[str, float], vector: np.ndarray | None = None) -> dict[str, float]:
        totals = dict(self.bias)
        for name, value in features.items():
            for label, weight in self.weights.get(name, {}).items():
                totals[label] += weight * value
        if vector is not None and self.vector_weights is not None:
            for label, value in zip(self.classes, self.vector_weights @ vector[: self.vector_weights.shape[1]]):
                totals[label] += float(value)
        if len(self.classes) == 2:  # binary: one weight vector, for the second class
            positive = totals[self.classes[1]]
            p = 1.0 / (1.0 + math.exp(-max(min(positive, 30.0), -30.0)))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(totals.values())
        exps = {label: math.exp(total - top) for label, total in totals.items()}
        norm = sum(exps.values())
        return {label: e / norm for label, e in exps.items()}


@dataclass(frozen=True, slots=True)
class EventModel:
    """Three decisions: the root of a candidate (or none), and which phrase is its source, its target."""

    root: LogisticModel  # its threshold admits a root the rules also coded the word with
    source: LogisticModel
    target: LogisticModel
    new_threshold: float  # admits a root the rules did not code the word with: the model's own event
    meta: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> EventModel:
        try:
            data = json.loads(Path(path or DEFAULT_MODEL).read_text(encoding="utf-8"))
            return cls(root=LogisticModel.from_dict(data["root"]), source=LogisticModel.from_dict(data["source"]),
                       target=LogisticModel.from_dict(data["target"]), new_threshold=float(data["new_threshold"]),
                       meta=data.get("meta", {}))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise EventModelError(f"event model {path or DEFAULT_MODEL} cannot be read ({error})") from None

    @property
    def adds_events(self) -> bool:
        """Does it code words the rules did not (a finite threshold for its own events)?"""
        return math.isfinite(self.new_threshold)

    def scoring_only(self) -> EventModel:
        """The same model deciding nothing: every rule event kept and scored, no event of its own."""
        return EventModel(LogisticModel(self.root.classes, self.root.weights, self.root.bias, 0.0,
                                        self.root.vector_weights), self.source, self.target, math.inf, self.meta)

    def best_root(self, features: dict[str, float], rule_roots: set[str],
                  vector: np.ndarray | None = None) -> tuple[str | None, float]:
        """The root decided for a candidate and its probability (see `choose_root`)."""
        return choose_root(self.root.probabilities(features, vector), rule_roots, self.root.threshold,
                           self.new_threshold)

    def best_argument(self, role: str, arguments: list[Argument], features: list[dict[str, float]],
                      exclude: Mention | None = None) -> tuple[Argument | None, float]:
        model = self.source if role == "source" else self.target
        scored = [(model.probabilities(f)["1"], a) for a, f in zip(arguments, features)
                  if exclude is None or not _same_span(a.mention, exclude)]
        if not scored:
            return None, 0.0
        probability, best = max(scored, key=lambda x: x[0])
        return (best if probability >= model.threshold else None), probability


def choose_root(probabilities: dict[str, float], rule_roots: set[str], rule_threshold: float,
                new_threshold: float) -> tuple[str | None, float]:
    """The rules' reading stands when the model gives it `rule_threshold` or more (the most probable of
    the roots the rules coded the word with); otherwise the model's most probable root is its own event
    when it reaches `new_threshold`. None: no event."""
    ruled = [(probabilities.get(root, 0.0), root) for root in sorted(rule_roots)]
    if ruled:
        probability, root = max(ruled)
        if probability >= rule_threshold:
            return root, probability
    root, probability = max(((c, p) for c, p in probabilities.items() if c != NO_EVENT), key=lambda x: x[1])
    if root not in rule_roots and probability >= new_threshold:
        return root, probability
    return None, probability


def _same_span(a: Mention, b: Mention) -> bool:
    return (a.start, a.end) == (b.start, b.end) or a.actor is not None and b.actor is not None and a.actor.id == b.actor.id


ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "dative", "attr",
                           "compound", "npadvmod", "agent", "ROOT", "ccomp", "oprd"})


def dependency_path(token: Token, trigger: Token, *, limit: int = 6) -> str:
    """Dependency labels from `token` up to the lowest head it shares with `trigger`, and how many steps
    down from there the trigger is: "nsubj^" (the trigger's subject), "pobj^prep:with^" (its "with"
    object), "nsubj^v1" (the subject of the verb the trigger depends on), "far" beyond `limit` steps."""
    depth = {t.i: n for n, t in enumerate([trigger, *trigger.ancestors])}
    up, node = [], token
    while node.i not in depth:
        if len(up) >= limit or node.head.i == node.i:
            return "far"
        up.append(node.dep_ if node.dep_ != "prep" else f"prep:{node.lower_}")
        node = node.head
    down = depth[node.i]
    return "^".join(up) + ("^" if up else "") + (f"v{down}" if down else "")


def article_features(article: Article) -> dict[str, float]:
    """What kind of news the article is, read from its actors: political news is coded far more reliably."""
    total = sum(a.mentions for a in article.actors) or 1
    political = sum(a.mentions for a in article.actors if (a.actor.sector or "") in STATE_SECTORS
                    or a.actor.country and a.actor.code == a.actor.country)
    share = political / total
    bucket = "high" if share >= 0.5 else "mid" if share >= 0.2 else "low"
    return {f"article.political={bucket}": 1.0}


def _side(prefix: str, mentions: list[Mention]) -> dict[str, float]:
    if not mentions:
        return {f"{prefix}=none": 1.0}
    mention = mentions[0]
    features = {f"{prefix}.kind={mention.kind}": 1.0}
    actor = mention.actor
    if actor is None:
        features[f"{prefix}=unlinked"] = 1.0
        return features
    features[f"{prefix}.sector={actor.sector or '-'}"] = 1.0
    features[f"{prefix}.coded={bool(actor.code)}"] = 1.0
    features[f"{prefix}.state={actor.country is not None and actor.code == actor.country}"] = 1.0
    features[f"{prefix}.local={actor.id.startswith('local:')}"] = 1.0
    return features


def _in_quotes(token: Token) -> bool:
    # the sentence's own words: reading the Doc's text would rebuild the whole article per candidate
    sent = token.sent
    before = "".join(t.text_with_ws for t in sent[: token.i - sent.start])
    return sum(before.count(q) for q in QUOTE_CHARS) % 2 == 1


def candidate_features(token: Token, rule_events: list[Event], sources: list[Mention], targets: list[Mention],
                       lexicon_roots: set[str], article_level: dict[str, float]) -> dict[str, float]:
    """The named features of a candidate; the same function serves training and the pipeline."""
    lemma = token.lemma_.lower()
    features: dict[str, float] = {f"lemma={lemma}": 1.0, f"pos={token.pos_}": 1.0, f"tag={token.tag_}": 1.0,
                                  f"dep={token.dep_}": 1.0, f"head.dep={token.head.dep_}": 1.0}
    if token.dep_ in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "relcl", "acl", "dobj", "pobj"):
        features[f"head.lemma={token.head.lemma_.lower()}"] = 1.0
    for child in token.children:
        if child.dep_ == "prt":
            features[f"lemma.prt={lemma}|{child.lower_}"] = 1.0
        elif child.dep_ == "prep":
            features[f"lemma.prep={lemma}|{child.lower_}"] = 1.0
        elif child.dep_ in ("dobj", "nsubjpass"):
            features[f"lemma.obj={lemma}|{child.lemma_.lower()}"] = 1.0
            features[f"obj={child.lemma_.lower()}"] = 1.0
        elif child.dep_ == "neg":
            features["negated"] = 1.0
        elif child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS:
            features[f"modal={child.lower_}"] = 1.0
        elif child.dep_ == "mark":
            features[f"mark={child.lower_}"] = 1.0
    if token.dep_ == "dobj":
        features[f"light={token.head.lemma_.lower()}|{lemma}"] = 1.0
    for root in lexicon_roots:
        features[f"lexicon.root={root}"] = 1.0
    if not lexicon_roots:
        features["lexicon.none"] = 1.0
    for event in rule_events:
        state = "negated" if event.negated else "hypothetical" if event.hypothetical else "asserted"
        features[f"rule.root={event.root}|{state}"] = 1.0
        for rule in event.rules or [event.rule]:
            features[f"rule={rule}"] = 1.0
    if not rule_events:
        features["rule.none"] = 1.0
    features.update(_side("src", sources))
    features.update(_side("tgt", targets))
    if token.sent.start == 0:
        features["first_sentence"] = 1.0
    if _in_quotes(token):
        features["in_quotes"] = 1.0
    if token.sent.text.rstrip().endswith("?"):
        features["question"] = 1.0
    features.update(article_level)
    return features


def trigger_vector(token: Token) -> np.ndarray | None:
    """The parser's own context vector of the word: what the lemma lists cannot say of unseen words."""
    tensor = token.doc.tensor
    if tensor is None or len(tensor) <= token.i or not tensor.shape[-1]:
        return None
    return np.asarray(tensor[token.i], dtype=float)


def vector_features(vector: np.ndarray | None) -> dict[str, float]:
    """The vector as named features, as the training script hands them to scikit-learn."""
    return {} if vector is None else {f"{VECTOR_PREFIX}{n}": round(float(v), 4) for n, v in enumerate(vector)}


def argument_features(argument: Argument, trigger: Token, root: str, rule_events: list[Event]) -> dict[str, float]:
    """The named features of one phrase as a party to a candidate decided as `root`."""
    mention, lemma = argument.mention, trigger.lemma_.lower()
    up = argument.path.split("^")
    features = {f"path={argument.path}": 1.0, f"path.root={argument.path}|{root}": 1.0,
                f"path.lemma={argument.path}|{lemma}": 1.0, f"kind={mention.kind}": 1.0,
                f"path.first={up[0]}": 1.0, f"path.first.root={up[0]}|{root}": 1.0,
                f"path.last={up[-1][:2] if up[-1].startswith('v') else up[-1] or '-'}": 1.0,
                f"path.length={min(len(up), 5)}": 1.0}
    if argument.token is not None:
        features[f"side={'before' if argument.token.i < trigger.i else 'after'}"] = 1.0
        distance = abs(argument.token.i - trigger.i)
        features[f"distance={min(distance, 8) if distance < 8 else '8+'}"] = 1.0
        features[f"ent={argument.token.ent_type_ or '-'}"] = 1.0
    actor = mention.actor
    if actor is None:
        features["unlinked"] = 1.0
    else:
        features[f"sector={actor.sector or '-'}"] = 1.0
        features[f"sector.root={actor.sector or '-'}|{root}"] = 1.0
        features[f"coded={bool(actor.code)}"] = 1.0
    for event in rule_events:
        if event.source is not None and _same_span(event.source, mention):
            features["rule.source"] = 1.0
        if event.target is not None and _same_span(event.target, mention):
            features["rule.target"] = 1.0
    return features


def decide(candidates: list[Candidate], model: EventModel, coder) -> list[Event]:
    """The events the model accepts, and the rules' negated and hypothetical events as they are.

    `coder` lists each candidate's argument phrases (`argument_mentions`) and builds the event (`build`)."""
    events: list[Event] = []
    for candidate in candidates:
        reported = [e for e in candidate.rule_events if e.negated or e.hypothetical]
        events.extend(reported)
        if reported:
            continue
        root, probability = model.best_root(candidate.features, {e.root for e in candidate.rule_events},
                                            candidate.vector)
        if root is None:
            continue
        rule_coded = [e for e in candidate.rule_events if e.root == root]
        if rule_coded:  # the rules read this act the same way: their parties (one event per pair) stand
            for event in rule_coded:
                event.score = round(probability, 3)
            events.extend(rule_coded)
            continue
        code = model.meta.get("root_codes", {}).get(root, root + "0")
        arguments = coder.argument_mentions(candidate)
        features = [argument_features(a, candidate.token, root, candidate.rule_events) for a in arguments]
        source, _ = model.best_argument("source", arguments, features)
        target, _ = model.best_argument("target", arguments, features,
                                        exclude=source.mention if source is not None else None)
        rules = [f"model:{candidate.token.pos_.lower()}:{candidate.token.lemma_.lower()}"] + list(dict.fromkeys(
            r for e in candidate.rule_events for r in e.rules))
        event = coder.build(candidate, code, source.mention if source else None,
                            target.mention if target else None, rules, round(probability, 3))
        events.append(event)
    return events
