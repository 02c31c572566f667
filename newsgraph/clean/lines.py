"""Which lines of a plain text are page furniture: captions, credits, adverts, newsletter blocks,
related links, share prompts, tip lines, pull quotes, "about" boxes.

Named rules (newsgraph/data/clean/boilerplate_rules.json, one per guideline category, each with an
example) find candidates; a logistic line model (newsgraph/data/models/boilerplate_lines.json,
trained by scripts/train_boilerplate_model.py on the dev part of tests/data/boilerplate; data, seed
and cross-validated scores in its `meta`) decides, from the rules that fired on the line and its
neighbours and from the line's shape (length, final stop, capitals, position, repetition of
another line's words). Every cut line's reason names its score and the rules that fired.

Reads: the text's lines (and which of them the cleaner's own rules already cut). Returns one reason
or None per line. Work is linear in the number of lines.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsgraph.errors import NewsgraphError

DATA = Path(__file__).resolve().parents[1] / "data"
DEFAULT_RULES = DATA / "clean" / "boilerplate_rules.json"
DEFAULT_MODEL = DATA / "models" / "boilerplate_lines.json"

# A line of this many words or fewer, with no final stop, reads as a heading or a link's title.
TITLE_LIKE_MAX_WORDS = 16
# Sentences this short repeat by chance ("He said no."); longer ones repeated are copies.
REPEAT_MIN_WORDS = 5

_WORD = re.compile(r"[^\W_][\w'’.-]*")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,20}")
_URL = re.compile(r"https?://|www\.|\.com\b|\.co\.uk\b", re.IGNORECASE)
_HANDLE = re.compile(r"(?<!\w)@\w{2,}")
# the words of a line that are features of their own: the first ones say what a line is
# ("Photo:", "Sign up", "Read more"); a long line's later words are the story's
LEXICAL_WORDS = 12
TAIL_WORDS = 4
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+")
_END_STOP = re.compile(r"[.!?…:;,][\"”’')\]]*$")


class LineModelError(NewsgraphError):
    """The boilerplate line rules or model file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class LineRule:
    id: str
    reason: str
    pattern: re.Pattern[str]
    weak: bool = False  # it matches words story prose also uses: a feature of its own


@dataclass(frozen=True, slots=True)
class LineModel:
    """Logistic regression over named line features; a line is cut when its score reaches `threshold`."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def score(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load_rules(path: Path = DEFAULT_RULES) -> tuple[LineRule, ...]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return tuple(LineRule(rule["id"], rule["reason"],
                              re.compile(rule["pattern"], re.IGNORECASE if rule.get("ignore_case") else 0),
                              bool(rule.get("weak")))
                     for rule in data["rules"])
    except (OSError, ValueError, KeyError, re.error) as error:
        raise LineModelError(f"boilerplate rules {path} unreadable: {error}") from error


@cache
def load_model(path: Path = DEFAULT_MODEL) -> LineModel | None:
    """The shipped line model, or None when it has not been trained yet (rules alone then cut nothing)."""
    if not Path(path).is_file():
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return LineModel(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                         threshold=float(data["threshold"]))
    except (OSError, ValueError, KeyError) as error:
        raise LineModelError(f"boilerplate line model {path} unreadable: {error}") from error


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _sentence_keys(line: str) -> list[str]:
    keys = (_key(part) for part in _SENTENCE_END.split(line))
    return [key for key in keys if key.count(" ") + 1 >= REPEAT_MIN_WORDS]


def _title_like(line: str, words: int) -> bool:
    return 1 <= words <= TITLE_LIKE_MAX_WORDS and not _END_STOP.search(line) and line[:1].isupper()


def line_features(lines: list[str], cleaner_cut: list[bool] | None = None,
                  rules: tuple[LineRule, ...] | None = None) -> list[tuple[dict[str, float], list[str]] | None]:
    """Per line: (named features, ids of the rules that fired), or None for an empty line.
    `cleaner_cut` marks the lines the cleaner's own rules cut (a feature of them and their neighbours)."""
    rules = rules if rules is not None else load_rules()
    weak = {rule.id for rule in rules if rule.weak}
    numbers = [n for n, line in enumerate(lines) if line.strip()]
    count = len(numbers)
    hits: dict[int, list[str]] = {}
    words: dict[int, int] = {}
    for n in numbers:
        line = lines[n].strip()
        hits[n] = [rule.id for rule in rules if rule.pattern.search(line)]
        if cleaner_cut and cleaner_cut[n]:
            hits[n].append("cleaner")
        words[n] = len(line.split())
    # repetition: exact copies, and lines whose every sentence is found in a longer line
    line_keys: dict[str, int] = {}
    sentence_lines: dict[str, set[int]] = {}
    for n in numbers:
        key = _key(lines[n])
        line_keys[key] = line_keys.get(key, 0) + 1
        for sentence in _sentence_keys(lines[n]):
            sentence_lines.setdefault(sentence, set()).add(n)
    title_like = {n: _title_like(lines[n].strip(), words[n]) for n in numbers}
    # the trailing run of title-like lines (a list of other stories' headlines at the end)
    trailing: set[int] = set()
    for n in reversed(numbers):
        if not title_like[n] and "cleaner" not in hits[n]:
            break
        trailing.add(n)
    about_seen = False
    after_related = False
    out: list[tuple[dict[str, float], list[str]] | None] = [None] * len(lines)
    for position, n in enumerate(numbers):
        line = lines[n].strip()
        fired = hits[n]
        prev_n = numbers[position - 1] if position > 0 else None
        next_n = numbers[position + 1] if position + 1 < count else None
        key = _key(line)
        sentences = _sentence_keys(line)
        features: dict[str, float] = {f"rule:{rule_id}": 1.0 for rule_id in fired if rule_id in weak}
        if any(rule_id not in weak for rule_id in fired):
            features["rule:furniture"] = 1.0
        features.update({
            "log_words": math.log1p(words[n]) / 4,
            "ends_with_stop": float(bool(_END_STOP.search(line))),
            "title_like": float(title_like[n]),
            "in_trailing_titles": float(n in trailing and len(trailing) < count),
            "duplicate_line": float(len(key) > 20 and line_keys.get(key, 0) > 1),
            "repeats_longer_line": float(bool(sentences) and all(
                any(words[m] > words[n] for m in sentence_lines[s] if m != n) for s in sentences)),
            "after_about_heading": float(about_seen),
            "after_related_heading": float(after_related),
            "previous_rules": float(prev_n is not None and bool(hits[prev_n])),
            "next_rules": float(next_n is not None and bool(hits[next_n])),
            "has_url": float(bool(_URL.search(line))),
            "has_handle": float(bool(_HANDLE.search(line))),
            "parenthesised": float(line[:1] in "([" and line[-1:] in ")]"),
            "upper_share": sum(c.isupper() for c in line) / max(1, sum(c.isalpha() for c in line)),
            "first_line": float(position == 0),
            "last_line": float(position == count - 1),
            "previous_title_like": float(prev_n is not None and title_like[prev_n]),
            "next_title_like": float(next_n is not None and title_like[next_n]),
        })
        letter_words = [w.casefold() for w in _LETTER_WORD.findall(line)]
        for word in dict.fromkeys(letter_words[:LEXICAL_WORDS]):
            features[f"word:{word}"] = 1.0
        # a caption or a footer often ends with its credit ("... (AP Photo/Jane Doe)", "Getty Images")
        for word in dict.fromkeys(letter_words[-TAIL_WORDS:]):
            features[f"tail:{word}"] = 1.0
        out[n] = (features, fired)
        if "about_heading" in fired:
            about_seen = True
        # a related heading opens a list of headlines: it runs while lines stay title-like
        after_related = "related_heading" in fired or (after_related and title_like[n])
    return out


# structural rules: a line in a list of headlines after a "related" heading or at the end of the text,
# a pull quote repeating a longer line (a line repeated whole is not one: recipes and refrains repeat)
STRUCTURAL_RULES = ("after_related_heading", "in_trailing_titles", "repeats_longer_line")


def is_candidate(features: dict[str, float]) -> bool:
    """Does a named rule, a pattern or a structural one, fire on the line? Only such a line is decided."""
    return any(name.startswith("rule:") for name in features) or any(features.get(name) for name in STRUCTURAL_RULES)


def model_reasons(lines: list[str], cleaner_cut: list[bool] | None = None, *,
                  model: LineModel | None = None, rules: tuple[LineRule, ...] | None = None) -> list[str | None]:
    """A reason per line the model cuts (its score and the rules that fired), else None."""
    model = model if model is not None else load_model()
    if model is None:
        return [None] * len(lines)
    rules = rules if rules is not None else load_rules()
    names = {rule.id: rule.reason for rule in rules}
    reasons: list[str | None] = [None] * len(lines)
    for n, entry in enumerate(line_features(lines, cleaner_cut, rules)):
        if entry is None:
            continue
        features, fired = entry
        if not is_candidate(features):
            continue  # candidates → decision: only a line a named rule fired on is decided
        score = model.score(features)
        if score >= model.threshold:
            named = [names[rule_id] for rule_id in fired if rule_id in names]
            lead = named[0] if named else "page furniture by its shape and neighbours"
            reasons[n] = f"{lead} (boilerplate model {score:.2f}; rules: {', '.join(fired) or 'none'})"
    return reasons
