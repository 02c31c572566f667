"""Evaluation guard: the scores of `newsgraph eval` on ../shared/eval must not fall below the
floors pinned in tests/eval_floors.json (a change that lowers one is caught here, not later).
The evaluations themselves live in newsgraph/eval/; this only compares their results."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))
MARGIN = FLOORS["margin"]

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def at_least(name: str, value: float, floor: float) -> None:
    assert value >= floor - MARGIN, f"{name} = {value:.4f}, below its floor {floor} (tests/eval_floors.json)"


def test_extraction_floor(shared):
    from newsgraph.eval.extraction import evaluate_extraction

    scores = evaluate_extraction(shared / "eval" / "extraction")
    at_least("extraction f1", scores["f1"], FLOORS["extraction"]["f1"])


def test_actors_floor(shared, pipeline):
    from newsgraph.eval.actors import evaluate_actors

    scores = evaluate_actors(shared / "eval" / "actors", pipeline=pipeline)
    at_least("actors country", scores["country_accuracy"], FLOORS["actors"]["country_accuracy"])
    at_least("actors sector", scores["sector_accuracy"], FLOORS["actors"]["sector_accuracy"])


def test_attribution_floor(shared, pipeline):
    from newsgraph.eval.attribution import evaluate_attribution

    scores = evaluate_attribution(shared / "eval" / "attribution" / "polnear" / "data" / "dev", pipeline)
    floors = FLOORS["attribution_dev"]
    at_least("attribution source exact f1", scores["source"]["exact"]["f1"], floors["source_exact_f1"])
    at_least("attribution content exact f1", scores["content"]["exact"]["f1"], floors["content_exact_f1"])


def test_timex_floor(shared, pipeline):
    from newsgraph.eval.timex import evaluate_timex

    scores = evaluate_timex(shared / "eval" / "timex", pipeline=pipeline)
    at_least("timex relaxed f1", scores["relaxed"]["f1"], FLOORS["timex"]["relaxed_f1"])
    at_least("timex value f1", scores["value"]["f1"], FLOORS["timex"]["value_f1"])


def test_events_floor(shared, pipeline):
    from newsgraph.eval.events import evaluate_events

    plover = evaluate_events(shared / "eval" / "events", pipeline)["plover"]
    at_least("events PLOVER found", plover["found"], FLOORS["events"]["plover_found"])
    ceiling = FLOORS["events"]["plover_extra_at_most"]
    assert plover["extra"] <= ceiling + MARGIN, f"events PLOVER extra = {plover['extra']:.4f}, above {ceiling}"


def test_realnews_floor(shared, pipeline):
    from newsgraph.eval.realnews import evaluate_realnews

    scores = evaluate_realnews(Path(__file__).parent / "data" / "realnews" / "test", pipeline,
                               corpus=shared / "corpus" / "news.jsonl.gz")
    floors = FLOORS["realnews_test"]
    at_least("real-news test strict precision", scores["strict"]["precision"], floors["strict_precision"])
    at_least("real-news test strict recall", scores["strict"]["recall"], floors["strict_recall"])


def test_boilerplate_floor(shared):
    from newsgraph.eval.boilerplate import evaluate_boilerplate

    scores = evaluate_boilerplate(Path(__file__).parent / "data" / "boilerplate" / "test",
                                  corpus=shared / "corpus" / "news.jsonl.gz", pages=shared / "eval" / "extraction" / "html")
    floors = FLOORS["boilerplate_test"]
    at_least("boilerplate test cut precision", scores["all"]["boilerplate_lines"]["precision"], floors["cut_precision"])
    at_least("boilerplate test cut recall", scores["all"]["boilerplate_lines"]["recall"], floors["cut_recall"])
    at_least("boilerplate test body recall", scores["all"]["body_lines"]["recall"], floors["body_recall"])
