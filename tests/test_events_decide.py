"""The learned decision over event candidates (newsgraph/annotate/events/decide.py)."""
from __future__ import annotations

import json

import pytest

from newsgraph.annotate.events.decide import (DEFAULT_MODEL, EventModel, EventModelError, LogisticModel,
                                              choose_root, dependency_path)


def test_the_rules_reading_stands_when_the_model_gives_it_enough():
    probabilities = {"none": 0.5, "11": 0.3, "05": 0.2}
    assert choose_root(probabilities, {"05"}, 0.1, 0.6) == ("05", 0.2)
    # the rules' root is too unlikely, and the model's own best is under its (higher) threshold
    assert choose_root(probabilities, {"05"}, 0.25, 0.6) == (None, 0.3)
    # with a lower bar for its own events the model's root is coded instead
    assert choose_root(probabilities, {"05"}, 0.25, 0.3) == ("11", 0.3)
    assert choose_root(probabilities, set(), 0.1, 0.35)[0] is None


def test_logistic_model_binary_and_multiclass():
    binary = LogisticModel(("0", "1"), {"f": {"1": 2.0}}, {"0": 0.0, "1": -1.0}, 0.5)
    assert binary.probabilities({"f": 1.0})["1"] == pytest.approx(1 / (1 + 2.718281828 ** -1.0), rel=1e-6)
    multi = LogisticModel(("none", "04", "11"), {"lemma=meet": {"04": 3.0}}, {"none": 0.0, "04": 0.0, "11": 0.0}, 0.2)
    probabilities = multi.probabilities({"lemma=meet": 1.0})
    assert max(probabilities, key=probabilities.get) == "04" and sum(probabilities.values()) == pytest.approx(1.0)


def test_dependency_paths_name_how_a_phrase_hangs_on_the_trigger(pipeline):
    doc = pipeline.nlp("Russia accused Ukraine of shelling the town, and Moscow wants talks with Kyiv.")
    accused, wants, talks = doc[1], doc[10], doc[11]
    assert dependency_path(doc[0], accused) == "nsubj^"
    assert dependency_path(doc[2], accused) == "dobj^"
    assert dependency_path(doc[9], talks) == "nsubj^v1"  # the subject of the verb "talks" hangs on
    assert dependency_path(doc[13], talks) == "pobj^prep:with^"
    assert wants.lemma_ == "want"


def test_a_malformed_model_file_is_one_clear_error(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"root": {}}))
    with pytest.raises(EventModelError, match="cannot be read"):
        EventModel.load(path)


def test_the_shipped_model_records_its_data_seed_and_score():
    meta = json.loads(DEFAULT_MODEL.read_text())["meta"]
    assert meta["data"]["gold"] == "tests/data/realnews/dev" and meta["data"]["articles"] >= 90
    assert isinstance(meta["seed"], int) and 0 < meta["cross_validated"]["f1"] < 1
    assert not meta["data"]["gold"].rstrip("/").endswith("test")


def test_events_carry_rules_and_score_and_explain_shows_them(pipeline, tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import main

    text = ("Kenyan President William Ruto met Somali President Hassan Sheikh Mohamud in Nairobi on Monday.\n\n"
            "Ruto later accused Ethiopia of blocking food aid to the region, the presidency said.\n")
    article = pipeline.analyze_text(text, published="2023-05-02")
    asserted = [e for e in article.events if not (e.negated or e.hypothetical)]
    assert asserted and all(e.rules and e.score is not None and 0 < e.score <= 1 for e in asserted)
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    explained = CliRunner().invoke(main, ["explain", str(path), "--published", "2023-05-02"])
    assert explained.exit_code == 0, explained.output
    assert "model score" in explained.output and "rules:" in explained.output


def test_without_the_model_the_rules_events_are_the_record(analyze):
    from newsgraph.pipeline import Pipeline
    from newsgraph.settings import Settings

    rules_only = Pipeline(Settings(event_model="off"))
    article = rules_only.analyze_text("Kenya sent food aid to Somalia on Monday, officials said.",
                                      published="2023-05-02")
    assert [e.cameo for e in article.events] == ["073"] and article.events[0].score is None
