"""The real-news scorer (newsgraph/eval/realnews.py) on events and gold written here, and the shipped gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.eval.realnews import (GoldEvent, GoldSide, asserted, content_words, same_actor, same_sentence,
                                     score_article, sentence_key)
from newsgraph.model import ActorRef, Event, EventMention, Mention, Span

GOLD_DIR = Path(__file__).parent / "data" / "realnews"
SENTENCE = "Russia and North Korea signed a defence pact in Pyongyang on Wednesday, state media said."
PUTIN = ActorRef("vladimir-putin", "Vladimir Putin", "RUSGOV", "RUS", "GOV")
KIM = ActorRef("kim-jong-un", "Kim Jong Un", "PRKGOV", "PRK", "GOV")


def side(*names: str, country: str | None = None, sector: str | None = None) -> GoldSide:
    return GoldSide(frozenset(content_words(*names)), country, sector)


def event(root: str, source: Mention | None, target: Mention | None, sentence: str = SENTENCE, *,
          cameo: str | None = None, negated: bool = False) -> Event:
    span = Span(0, len(sentence), sentence)
    return Event(id="e", cameo=cameo or root + "0", trigger=Span(0, 1, "x"), sentence=span, source=source,
                 target=target, root=root, negated=negated, mentions=[EventMention(Span(0, 1, "x"), span, "r")])


def mention(text: str, actor: ActorRef | None = None, start: int = 0) -> Mention:
    return Mention(start, start + len(text), text, actor)


def gold(root: str, source: GoldSide | None, target: GoldSide | None, *, symmetric: bool = False,
         sentence: str = SENTENCE) -> GoldEvent:
    return GoldEvent((sentence_key(sentence),), root, source, target, symmetric)


def test_sentences_match_by_containment_or_word_overlap():
    full = sentence_key(SENTENCE)
    assert same_sentence(full, sentence_key("signed a defence pact in Pyongyang"))
    assert same_sentence(full, sentence_key("Russia and North Korea signed a defence pact in Pyongyang, media said"))
    assert not same_sentence(full, sentence_key("Seoul said it would monitor the visit closely."))


def test_same_actor_by_words_or_by_country_and_sector_but_organisations_only_by_name():
    assert same_actor(mention("Mr. Putin", PUTIN), side("Vladimir Putin", country="RUS", sector="GOV"))
    assert same_actor(mention("the Kremlin", ActorRef("rus", "Russia", "RUSGOV", "RUS", "GOV")),
                      side("Russian government", country="RUS", sector="GOV"))
    assert not same_actor(mention("Mr. Putin", PUTIN), side("Kim Jong Un", country="PRK", sector="GOV"))
    samsung = side("Samsung Electronics", country="KOR", sector="BUS")
    assert not same_actor(mention("the company", ActorRef("x", "LG", "KORBUS", "KOR", "BUS")), samsung)
    assert not same_actor(mention("he"), side("Vladimir Putin", country="RUS", sector="GOV"))


def test_strict_and_lenient_sides():
    truth = [gold("05", side("Vladimir Putin", country="RUS", sector="GOV"), side("Kim Jong Un", country="PRK"))]
    no_target = [event("05", mention("Putin", PUTIN), None)]
    strict, verdicts = score_article(no_target, truth, lenient=False)
    lenient, _ = score_article(no_target, truth, lenient=True)
    assert (strict.right, strict.found, verdicts) == (0, 0, [False])
    assert (lenient.right, lenient.found) == (1, 1)
    # a target the gold leaves empty must stay empty, leniently too
    extra_target = [event("05", mention("Putin", PUTIN), mention("Kim", KIM))]
    bare = [gold("05", side("Vladimir Putin", country="RUS", sector="GOV"), None)]
    assert score_article(extra_target, bare, lenient=True)[0].right == 0


def test_root_must_match_and_symmetric_gold_matches_either_direction():
    truth = [gold("04", side("Vladimir Putin"), side("Kim Jong Un"), symmetric=True)]
    backwards = [event("04", mention("Kim", KIM), mention("Putin", PUTIN))]
    assert score_article(backwards, truth, lenient=False)[0].found == 1
    wrong_root = [event("05", mention("Putin", PUTIN), mention("Kim", KIM))]
    assert score_article(wrong_root, truth, lenient=False)[0].found == 0
    one_way = [gold("04", side("Vladimir Putin"), side("Kim Jong Un"))]
    assert score_article(backwards, one_way, lenient=False)[0].found == 0


def test_duplicates_count_right_once_found():
    truth = [gold("05", side("Vladimir Putin"), side("Kim Jong Un"))]
    twice = [event("05", mention("Putin", PUTIN), mention("Kim", KIM)),
             event("05", mention("the Russian president", PUTIN, start=50), mention("Kim", KIM))]
    tally, _ = score_article(twice, truth, lenient=False)
    assert (tally.system, tally.right, tally.found, tally.duplicates) == (2, 2, 1, 1)
    assert tally.scores()["precision"] == 1.0 and tally.scores()["recall"] == 1.0


def test_only_asserted_events_are_scored_and_a_pair_counts_once():
    pair = [event("04", mention("Putin", PUTIN), mention("Kim", KIM, start=20)),
            event("04", mention("Kim", KIM, start=20), mention("Putin", PUTIN))]
    statement = event("01", mention("Putin", PUTIN), None, cameo="010")
    denied = event("05", mention("Putin", PUTIN), None, negated=True)
    assert len(asserted(pair + [statement, denied])) == 1


def test_shipped_gold_is_offsets_only_and_split_by_article():
    lines = {}
    for split in ("dev", "test"):
        records = [json.loads(row) for row in (GOLD_DIR / split / "gold.jsonl").read_text().splitlines()]
        lines[split] = {r["corpus_line"] for r in records}
        for record in records:
            assert set(record) <= {"corpus_line", "published", "events", "actors"}
            for item in record["events"]:
                assert all(isinstance(n, int) for s in item["sentences"] for n in s)
                assert item["root"] == item["cameo"][:2]
    assert lines["dev"] and lines["test"] and not lines["dev"] & lines["test"]
    sample = {int(row.split("\t")[0]): row.split("\t")[2]
              for row in (GOLD_DIR / "sample.tsv").read_text().splitlines() if row[:1].isdigit()}
    assert {n for n, split in sample.items() if split == "test"} == lines["test"]


@pytest.mark.shared
def test_gold_offsets_fall_inside_their_corpus_articles(shared):
    from newsgraph.eval.realnews import load_corpus_lines, load_gold

    gold_records = load_gold(GOLD_DIR / "dev")
    texts = load_corpus_lines(shared / "corpus" / "news.jsonl.gz", {r["corpus_line"] for _, r in gold_records})
    for _, record in gold_records:
        length = len(texts[record["corpus_line"]]["text"])
        for item in record["events"]:
            assert all(0 <= start < end <= length for start, end in item["sentences"])
