"""Attribution stage: quotes and claims with their speakers, on sentences written for these tests."""
from __future__ import annotations

import pytest

from newsgraph.annotate.attribution import find_quotes


def _find(article, fragment: str):
    """The attribution whose content contains `fragment` (exactly one)."""
    found = [a for a in article.attributions if fragment in a.content.text]
    assert found, f"no attribution with {fragment!r}: {[a.content.text for a in article.attributions]}"
    return found[0]


def _speaker(attribution) -> str:
    return (attribution.speaker or attribution.source).text


def test_direct_quote_after_speech_verb(pipeline):
    article = pipeline.analyze_text("“We will not back down,” the defence minister said on Tuesday.")
    a = _find(article, "back down")
    assert a.kind == "direct"
    assert a.content.text == "“We will not back down,”"
    assert a.source.text == "the defence minister"
    assert a.cue.text == "said"


def test_straight_quotes_and_guillemets(pipeline):
    article = pipeline.analyze_text('"Prices will rise next year," the economist Carla Mendes warned.')
    assert _speaker(_find(article, "Prices will rise")) == "the economist Carla Mendes"
    article = pipeline.analyze_text("«We will stay in the coalition», said Prime Minister Anna Berg.")
    a = _find(article, "stay in the coalition")
    assert a.content.text.startswith("«") and a.kind == "direct"
    assert "Anna Berg" in _speaker(a)


def test_glued_quote_is_repaired_and_attributed(analyze):
    article = analyze("The envoy arrived in Vienna on Monday.\n\n“The talks were useful”declared the envoy Jean Dupont.")
    a = _find(article, "talks were useful")
    assert "Jean Dupont" in _speaker(a)
    assert a.kind == "direct"


def test_multi_sentence_quote_and_its_continuation(pipeline):
    text = ("“We are ready. We have always been ready,” said General Omar Haddad. "
            "“Nobody should doubt it.”\n\nThe ministry declined to comment.")
    article = pipeline.analyze_text(text)
    a = _find(article, "always been ready")
    assert a.content.text.startswith("“We are ready.")
    assert a.content.text.endswith("“Nobody should doubt it.”")
    assert "Omar Haddad" in _speaker(a)


def test_indirect_speech_keeps_that_and_drops_the_stop(pipeline):
    article = pipeline.analyze_text("The foreign ministry said that the border would reopen on Monday.")
    a = _find(article, "border would reopen")
    assert a.kind == "indirect"
    assert a.content.text == "that the border would reopen on Monday"
    assert a.source.text == "The foreign ministry"


def test_told_reporters_and_accused_of(pipeline):
    article = pipeline.analyze_text(
        "Defence Minister Lena Ortiz told reporters that the exercises were routine. "
        "The ministry accused Ruritania of violating the ceasefire."
    )
    assert "Lena Ortiz" in _speaker(_find(article, "exercises were routine"))
    accused = _find(article, "violating the ceasefire")
    assert accused.cue.text == "accused" and _speaker(accused) == "The ministry"


def test_mixed_quote(pipeline):
    article = pipeline.analyze_text("The president said the agreement was “a historic step” for the region.")
    a = _find(article, "historic step")
    assert a.kind == "mixed"
    assert _speaker(a) == "The president"


def test_according_to_and_plural_say(pipeline):
    article = pipeline.analyze_text(
        "According to the Interior Ministry, forty people were arrested. "
        "In return, Paris and Berlin say, Ruritania agreed to release the prisoners."
    )
    a = _find(article, "forty people were arrested")
    assert a.cue.text == "According to" and a.source.text == "the Interior Ministry"
    assert a.content.text == "forty people were arrested"
    b = _find(article, "agreed to release the prisoners")
    assert _speaker(b) == "Paris and Berlin"


def test_pronoun_and_same_source_resolve_to_the_named_speaker(pipeline):
    text = (
        "Foreign Minister Petra Novak met her counterpart in Oslo on Tuesday. "
        "According to her, the talks went well.\n\n"
        "Shells fell near the border overnight, according to the Ruritanian general staff. "
        "According to the same source, two soldiers were wounded."
    )
    article = pipeline.analyze_text(text)
    her = _find(article, "talks went well")
    assert her.source.text == "her" and her.source.kind == "pronoun"
    assert "Petra Novak" in her.speaker.text
    same = _find(article, "two soldiers were wounded")
    assert same.speaker.text == "the Ruritanian general staff"


def test_relay_is_via_not_speaker(pipeline):
    article = pipeline.analyze_text(
        "Mr. Ivanov indicated, according to the Interfax agency, that the summit would take place in May."
    )
    a = _find(article, "summit would take place")
    assert a.source.text == "Mr. Ivanov"
    assert a.via is not None and a.via.text == "the Interfax agency"
    assert not [x for x in article.attributions if x.source and "Interfax" in x.source.text]


def test_none_given_to_the_wrong_person(pipeline):
    article = pipeline.analyze_text(
        "The minister met John Smith in London. “We agreed on everything,” said the minister. "
        "Anna Berg criticised the plan, while Tom Reed said that it was sound."
    )
    assert _speaker(_find(article, "agreed on everything")) == "the minister"
    assert _speaker(_find(article, "it was sound")) == "Tom Reed"
    assert all("John Smith" not in _speaker(a) for a in article.attributions if a.source)


def test_quoted_heading_goes_to_the_next_speaker(pipeline):
    text = "“Stay calm”\n\nThe mayor of Lyon said on Friday that the river would not flood the centre."
    article = pipeline.analyze_text(text)
    heading = _find(article, "Stay calm")
    assert heading.kind == "direct" and _speaker(heading) == "The mayor of Lyon"


def test_reported_speech_inside_a_quote_is_not_a_new_attribution(pipeline):
    article = pipeline.analyze_text("“The report shows that we were right,” the governor said.")
    assert [a.cue.text for a in article.attributions] == ["said"]


def test_find_quotes_spans_sentences_and_ignores_apostrophes():
    text = "He said “One. Two.” and it’s over; ‘fine’ she said."
    quotes = [text[s:e] for s, e in find_quotes(text)]
    assert quotes == ["“One. Two.”", "‘fine’"]


def test_attributions_round_trip_and_store(pipeline, tmp_path):
    from newsgraph.model import article_from_dict, article_to_dict
    from newsgraph.store import Store
    from newsgraph.store.database import LogEntry

    article = pipeline.analyze_text("“We will win,” said Maria Lopez. According to her, the vote is close.")
    article.id, article.content_hash, article.title, article.published = "t1", "h1", "Vote", "2024-05-01"
    assert article_from_dict(article_to_dict(article)) == article
    with Store(tmp_path / "t.duckdb") as store:
        run = store.begin_run(["x"])
        store.write(run, [article], [LogEntry("x", "stored", "t1", "h1")])
        rows = store.quotes("lopez")
    assert {r["content"] for r in rows} >= {"“We will win,”", "the vote is close"}
    assert all(r["title"] == "Vote" and r["published"] == "2024-05-01" for r in rows)


@pytest.mark.shared
def test_sample_article_speakers(shared, analyze):
    text = (shared / "samples" / "putin-kim-agreement.txt").read_text(encoding="utf-8")
    article = analyze(text, published="2024-06-19")
    assert "Kim Jong Une" in _speaker(_find(article, "spirited friendship"))
    assert "Ushakov" in _speaker(_find(article, "nice gifts"))
    declared = _find(article, "several variations of images")
    assert declared.source.text == "he" and "Ushakov" in declared.speaker.text
    relayed = _find(article, "received works of art")
    assert "Ushakov" in _speaker(relayed) and "Tass" in relayed.via.text
    assert "Ushakov" in _speaker(_find(article, "second Aurus"))
    assert "general staff" in _speaker(_find(article, "was accidental"))
    assert "Washington and Seoul" in _speaker(_find(article, "expertise for its satellite program"))
    assert "Kirby" in _speaker(_find(article, "What concerns us"))
    assert "Stoltenberg" in _speaker(_find(article, "how dependent President Putin"))
    assert "Westerners" in _speaker(_find(article, "a strengthening of military cooperation"))
    for a in article.attributions:
        if a.source and a.source.text.lower() == "this visit":
            pytest.fail("a quoted clause's subject was taken as a speaker")


def test_eval_scores_exact_and_partial_spans(tmp_path):
    from newsgraph.eval.attribution import score_documents, read_gold
    from newsgraph.model import Article, Attribution, Mention, Span

    text = "The mayor said that the bridge will reopen. Critics say it is unsafe, the paper wrote."
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(text, encoding="utf-8")
    ann = [
        "T1\tSource 0 9\tThe mayor", "T2\tCue 10 14\tsaid", "T3\tContent 15 42\tthat the bridge will reopen",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        # discontinuous content around its cue: scored by its outer extent
        "T4\tSource 44 51\tCritics", "T5\tCue 52 55\tsay", "T6\tContent 44 51;56 68\tCritics it is unsafe",
    ]
    (tmp_path / "attributions" / "doc_ab12.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")

    def fake(t: str) -> Article:
        def span(s: int, e: int) -> Span:
            return Span(s, e, t[s:e])
        article = Article(id="x", text=t)
        article.attributions = [
            Attribution("a1", content=span(15, 42), cue=span(10, 14), source=Mention(0, 9, t[0:9])),
            Attribution("a2", content=span(56, 68), cue=span(52, 55), source=Mention(44, 51, t[44:51])),
        ]
        return article

    scores = score_documents(read_gold(tmp_path), fake)
    assert scores["n"] == 1
    assert scores["source"]["exact"]["f1"] == 1.0 and scores["cue"]["exact"]["f1"] == 1.0
    assert scores["content"]["exact"] == {"p": 0.5, "r": 0.5, "f1": 0.5}
    # a2's content tokens all lie inside the gold fragments; the gold has 4 of 5 tokens found
    assert scores["content"]["partial"]["p"] == 1.0
    assert scores["content"]["partial"]["r"] == round((1 + 3 / 4) / 2, 4)


def test_passive_and_as_reported(pipeline):
    article = pipeline.analyze_text(
        "The new tariffs were criticised by the farmers' union. "
        "As the Daily Courier reported, the mayor will resign in June."
    )
    passive = _find(article, "The new tariffs")
    assert passive.source.text == "the farmers' union"
    reported = _find(article, "the mayor will resign")
    assert reported.source.text == "the Daily Courier"


# -- lookups by offset: the same answers as scanning everything, in linear time ------------

def random_intervals(rng, count, *, disjoint=False, length=400):
    if disjoint:
        cuts = sorted(rng.sample(range(length), 2 * count))
        return [(cuts[k], cuts[k + 1]) for k in range(0, 2 * count, 2)]
    spans = set()
    while len(spans) < count:
        start = rng.randrange(length)
        spans.add((start, start + rng.randrange(1, 40)))
    return list(spans)


def test_quote_and_interval_lookups_match_a_full_scan():
    import random

    from newsgraph.annotate.attribution import _Intervals, _Quotes

    rng = random.Random(7)
    for _ in range(200):
        quotes = random_intervals(rng, rng.randrange(0, 12), disjoint=True)
        spans = random_intervals(rng, rng.randrange(0, 12))
        lookup, intervals = _Quotes(quotes), _Intervals(spans)
        for _ in range(30):
            a = rng.randrange(420)
            b = a + rng.randrange(0, 60)
            assert lookup.encloses((a, b)) == any(q[0] < a and b < q[1] for q in quotes)
            assert lookup.inside(a, b) == [q for q in quotes if q[0] >= a and q[1] <= b]
            exclude = rng.choice(spans) if spans and rng.random() < 0.5 else None
            assert intervals.any_covering(a, b, exclude=exclude) == any(
                s <= a and e >= b and (s, e) != exclude for s, e in spans)


def test_relay_hosts_and_speakers_match_a_full_scan():
    import random

    from newsgraph.annotate.attribution import Candidate, _ArticleIndex, _RelayHosts
    from newsgraph.model import ActorRef, Article, Entity, Mention

    rng = random.Random(11)
    for _ in range(200):
        verbs = []
        for _ in range(rng.randrange(0, 10)):
            cue_start = rng.randrange(300)
            cue = (cue_start, cue_start + rng.randrange(1, 8))
            content = None if rng.random() < 0.2 else (cue[1] + rng.randrange(-30, 60),) * 2
            verbs.append(Candidate(cue=cue, content=content, source=(0, 1), rule="verb-clause"))
        hosts = _RelayHosts(verbs)
        for offset in range(0, 320, 7):
            expected = next((v for v in verbs if v.content and v.cue[1] <= offset < v.content[0]), None)
            assert hosts.first_around(offset) is expected

        def actor(k):
            return ActorRef(id=f"a{k}", name=f"A{k}", code="", country=None, sector=None) if rng.random() < 0.7 else None

        kinds = ["name", "role", "pronoun", "metonym"]
        mentions = [Mention(s, e, "x", actor=actor(k), kind=rng.choice(kinds))
                    for k, (s, e) in enumerate(random_intervals(rng, 8))]
        entities = [Entity("x", s, e, rng.choice(["PERSON", "ORG"]), actor=actor(k))
                    for k, (s, e) in enumerate(random_intervals(rng, 8))]
        article = Article(id="t", text="x" * 450, mentions=mentions, entities=entities)
        index = _ArticleIndex(article, None)
        reach = _ArticleIndex.MAX_MENTION_CHARS
        for _ in range(40):
            a = rng.randrange(420)
            b = a + rng.randrange(1, 20)
            expected = None
            for items in (mentions, entities):
                covering = [m for m in items if m.start <= a and m.end >= b and m.start >= a - reach and m.actor]
                if covering:
                    expected = min(covering, key=lambda m: (m.end - m.start, -m.start)).actor
                    break
            assert index.actor_of(a, b) == expected
            for m in mentions:
                if m.actor is not None:
                    named = [x for x in mentions if x.actor == m.actor and x.kind in ("name", "role") and x.end <= a]
                    last = max(named, key=lambda x: (x.start, -x.end), default=None)
                    assert index.last_mention_of(m.actor.id, before=a) == last
            before = sorted((m for m in mentions if m.kind == "name" and m.end <= a),
                            key=lambda m: (m.start, -m.end), reverse=True)
            assert list(index.name_mentions_before(a)) == before[:40]


# -- speakers ---------------------------------------------------------------------------------


def _actor_id(attribution):
    speaker = attribution.speaker
    return speaker.actor.id if speaker is not None and speaker.actor is not None else None


def test_possessive_and_appositive_name_their_head_not_the_possessor(pipeline):
    article = pipeline.analyze_text(
        "Putin's spokesman Dmitry Peskov said the talks had been useful. "
        "Kremlin adviser Yuri Ushakov said the summit would take place in May.",
        published="2024-06-19",
    )
    peskov = _find(article, "talks had been useful")
    assert _actor_id(peskov) == "dmitry-peskov" and peskov.source.actor.id == "dmitry-peskov"
    assert "speaker:head" in peskov.rules
    assert _actor_id(_find(article, "summit would take place")) == "yuri-ushakov"
    invented = pipeline.analyze_text(
        "Governor Anton Kessler visited the port on Monday. Kessler's spokesman, Ivan Morel, said the "
        "harbour would reopen. A spokesman for Kessler said the budget was fixed."
    )
    morel = _find(invented, "harbour would reopen")
    assert _actor_id(morel) is not None and _actor_id(morel).startswith("local:ivan-morel")
    # an unnamed spokesman is nobody known: not the man he speaks for
    assert _actor_id(_find(invented, "budget was fixed")) is None


def test_his_lawyer_and_her_father_are_not_the_possessor(pipeline):
    article = pipeline.analyze_text(
        "Former minister Tomas Varga appeared in court on Monday. His lawyer said the trial was unfair.\n\n"
        "Activist Lena Hart was released on Sunday. Her father said she would keep protesting."
    )
    lawyer, father = _find(article, "trial was unfair"), _find(article, "keep protesting")
    assert lawyer.source.text == "His lawyer" and _actor_id(lawyer) is None and lawyer.source.actor is None
    assert father.source.text == "Her father" and _actor_id(father) is None


def test_a_role_noun_names_the_earlier_person_with_that_role(pipeline):
    article = pipeline.analyze_text(
        "Tomas Varga's lawyer Elena Brandt spoke to reporters outside the court on Monday. "
        "The hearing was short. His lawyer said the trial was unfair."
    )
    lawyer = _find(article, "trial was unfair")
    assert lawyer.speaker is not None and "Elena Brandt" in lawyer.speaker.text
    assert "speaker:role-antecedent" in lawyer.rules
    assert "varga" not in (_actor_id(lawyer) or "")


def test_pronoun_speaker_is_the_person_the_actor_stage_linked(pipeline):
    article = pipeline.analyze_text(
        "Donald Trump met Vladimir Putin in Helsinki. Later, Trump spoke to reporters. "
        "He said the meeting went very well.",
        published="2018-07-16",
    )
    he = _find(article, "meeting went very well")
    assert he.source.text == "He" and _actor_id(he) == "donald-trump" == he.source.actor.id
    assert "speaker:pronoun-link" in he.rules


def test_pronoun_never_names_someone_inside_its_own_words(pipeline):
    article = pipeline.analyze_text(
        "Speaking to reporters on Monday, the senator said the bill would pass. "
        "Trump, he said, had been briefed."
    )
    aside = _find(article, "had been briefed")
    assert aside.source.text == "he"
    assert aside.speaker is None or "Trump" not in aside.speaker.text
    assert aside.source.actor is None or aside.source.actor.id != "donald-trump"


def test_pronoun_with_no_compatible_antecedent_stays_unresolved(pipeline):
    article = pipeline.analyze_text("“He choked,” she said. The debate ended at ten.")
    she = _find(article, "He choked")
    assert she.source.text == "she" and she.speaker is None and "speaker:unresolved" in she.rules


def test_statement_saying_is_its_issuers_speech(pipeline):
    article = pipeline.analyze_text("The company issued a statement saying it would appeal the ruling.")
    a = _find(article, "would appeal the ruling")
    assert a.source.text == "The company" and a.cue.text == "saying"


# -- cue filters ----------------------------------------------------------------------------


def _filter_lines():
    from newsgraph.annotate.attribution import DEFAULT_FILTERS

    for line in DEFAULT_FILTERS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")[:3]


def test_the_filters_in_use_are_those_the_file_marks_yes(pipeline):
    assert pipeline.cue_lexicon.filters == tuple(name for name, use, _ in _filter_lines() if use == "yes")


@pytest.mark.parametrize("name, example", [pytest.param(n, e, id=n) for n, _, e in _filter_lines()])
def test_each_cue_filter_rejects_the_example_it_was_written_for(pipeline, name, example):
    """Every filter, in use or not, still does what its example says (so its measured effect
    on PolNeAR stays the effect of that rule)."""
    from dataclasses import replace

    from newsgraph.annotate.attribution import attribute_explained

    doc = pipeline.nlp(example)
    article = pipeline.analyze_text(example)
    kept, rejected = attribute_explained(article, doc, lexicon=replace(pipeline.cue_lexicon, filters=(name,)))
    assert not kept and rejected and {r.filter for r in rejected} == {name}
    # without the filter the verb would have been an attribution
    unfiltered, _ = attribute_explained(article, doc, lexicon=replace(pipeline.cue_lexicon, filters=()))
    assert unfiltered and {a.cue.text for a in unfiltered} <= {r.cue.text for r in rejected}


def test_speech_and_what_the_text_attributes_are_kept_with_their_rules(pipeline):
    article = pipeline.analyze_text(
        "Asked whether the plan would work, the minister nodded. Economists believe that prices will rise. "
        "The data shows that prices rose."
    )
    cues = {a.cue.text for a in article.attributions}
    assert {"Asked", "believe", "shows"} <= cues
    believe = next(a for a in article.attributions if a.cue.text == "believe")
    assert believe.rules[:2] == ("verb-clause", "cue:believe/belief")


def test_unknown_filter_name_is_reported(tmp_path):
    from newsgraph.annotate.attribution import CueFilterError, load_filter_names

    path = tmp_path / "filters.tsv"
    path.write_text("no-such-filter\tyes\texample\n")
    with pytest.raises(CueFilterError, match="unknown filter 'no-such-filter'"):
        load_filter_names(path)
