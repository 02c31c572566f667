import gzip
import json

import pytest

from newsgraph.errors import EvalDataError
from newsgraph.eval.boilerplate import evaluate_boilerplate, line_hash

TEXT = (
    "The council approved the budget on Tuesday after a long debate.\n"
    "Advertisement\n"
    "The mayor said the vote was a relief for the city's schools.\n"
    "Sign up for our morning newsletter and never miss a story."
)


def _write(tmp_path, labels, text=TEXT):
    corpus = tmp_path / "corpus.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "unused"}) + "\n")
        handle.write(json.dumps({"text": text, "title": "Council approves budget"}) + "\n")
    gold = tmp_path / "gold"
    gold.mkdir()
    lines = [[n, line_hash(line), label] for (n, line), label in zip(enumerate(TEXT.split("\n")), labels)]
    (gold / "gold.jsonl").write_text(json.dumps({"kind": "corpus", "item": "1", "lines": lines}) + "\n")
    return gold, corpus


def test_cut_lines_scored_against_boilerplate_labels(tmp_path):
    gold, corpus = _write(tmp_path, ["body", "boilerplate", "body", "boilerplate"])
    scores = evaluate_boilerplate(gold, corpus=corpus, errors=True)
    cut = scores["all"]["boilerplate_lines"]
    # the advert marker is cut; the newsletter line is a sentence and is only cut if the cleaner knows it
    assert cut["gold"] == 2 and cut["predicted"] >= 1 and cut["precision"] == 1.0
    assert scores["all"]["body_lines"]["recall"] == 1.0
    assert all(mistake["gold"] == "boilerplate" for mistake in scores["errors"])


def test_meta_lines_are_not_scored_and_changed_lines_are_reported(tmp_path):
    gold, corpus = _write(tmp_path, ["meta", "boilerplate", "body", "body"],
                          text=TEXT.replace("mayor", "governor"))
    scores = evaluate_boilerplate(gold, corpus=corpus)
    assert scores["misaligned_lines"] == 1
    assert scores["all"]["body_lines"]["gold"] == 1  # line 0 is meta, line 2 changed


def test_missing_gold_is_a_clear_error(tmp_path):
    with pytest.raises(EvalDataError, match="no gold.jsonl"):
        evaluate_boilerplate(tmp_path)
