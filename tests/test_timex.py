"""Temporal expressions: finding, normalisation against the publication date, datelines, store."""
from __future__ import annotations

import pytest

from newsgraph.annotate.timex import TimexLexicon, dateline_date, duration_value, _Amount

# 2024-06-19 is a Wednesday, in ISO week 25.
DCT = "2024-06-19"


@pytest.fixture
def timexes(pipeline):
    def run(text: str, published: str | None = DCT):
        article = pipeline.analyze_text(text, published=published)
        return {t.text: (t.type, t.value, t.mod) for t in article.timexes}

    return run


def value(found, text):
    return found[text][1]


# -- expression classes --------------------------------------------------------------------


def test_absolute_dates_keep_their_granularity(timexes):
    found = timexes(
        "The treaty was signed on June 20, 2021, ratified in March 2022 and revised in 1998; "
        "the dispute goes back to the 1990s."
    )
    assert found["June 20, 2021"] == ("DATE", "2021-06-20", None)
    assert value(found, "March 2022") == "2022-03"
    assert value(found, "1998") == "1998"
    assert value(found, "the 1990s") == "199X"


def test_month_alone_is_a_month_not_a_day(timexes):
    found = timexes("In March, the council voted to end the monitoring mission.")
    assert found["March"] == ("DATE", "2024-03", None)


def test_relative_units_are_weeks_months_years(timexes):
    found = timexes(
        "The ministry said last week that prices rose last month, and it expects growth next year. "
        "Talks resumed this week."
    )
    assert value(found, "last week") == "2024-W24"
    assert value(found, "last month") == "2024-05"
    assert value(found, "next year") == "2025"
    assert value(found, "this week") == "2024-W25"


def test_deictic_days(timexes):
    found = timexes("The minister arrived yesterday and will leave tomorrow; talks continue today.")
    assert value(found, "yesterday") == "2024-06-18"
    assert value(found, "tomorrow") == "2024-06-20"
    assert value(found, "today") == "2024-06-19"


def test_durations_with_modifiers(timexes):
    found = timexes(
        "The talks lasted about two hours. It was the second incursion in less than two weeks, "
        "after a siege of more than three years and a 30-day truce."
    )
    assert found["two hours"] == ("DURATION", "PT2H", "APPROX")
    assert found["less than two weeks"] == ("DURATION", "P2W", "LESS_THAN")
    assert found["more than three years"] == ("DURATION", "P3Y", "MORE_THAN")
    assert value(found, "30-day") == "P30D"


def test_vague_and_fractional_durations():
    assert duration_value(_Amount(None, "H")) == "PTXH"
    assert duration_value(_Amount(5.5, "H")) == "PT5H30M"
    assert duration_value(_Amount(2.0, "DE")) == "P20Y"
    assert duration_value(_Amount(0.25, "CE")) == "P25Y"


def test_ago_shifts_the_publication_date_at_the_unit_granularity(timexes):
    found = timexes("Two years ago the plant closed; three days ago it reopened.")
    assert value(found, "Two years ago") == "2022"
    assert value(found, "three days ago") == "2024-06-16"


def test_quarter_of_a_century_ago_is_a_past_year_not_1924(timexes):
    found = timexes("He last visited nearly a quarter of a century ago, shortly after he came to power.")
    assert found["nearly a quarter of a century ago"] == ("DATE", "1999", "APPROX")
    assert not any(v[1] == "1924" for v in found.values())


def test_anchored_durations_are_not_resolved_against_the_dct(timexes):
    found = timexes("The trip comes nine months after the leaders met in the Far East.")
    assert found["nine months"] == ("DURATION", "P9M", None)
    found = timexes("The ceasefire collapsed two days later. The following year the border reopened.")
    assert found["two days later"][:2] == ("DURATION", "P2D")
    assert value(found, "The following year") == "XXXX"


def test_times_of_day(timexes):
    found = timexes("The vote closed at 10:30 p.m. local time, and the result came at noon.")
    assert found["10:30 p.m."] == ("TIME", "2024-06-19T22:30", None)
    assert value(found, "noon") == "2024-06-19T12:00"


def test_sets(timexes):
    found = timexes("The ferry sails daily, and inspectors visit every Monday and twice a year.")
    assert found["daily"] == ("SET", "P1D", None)
    assert value(found, "every Monday") == "XXXX-WXX-1"
    assert value(found, "twice a year") == "P1Y"


def test_words_that_only_look_like_dates(timexes):
    found = timexes("We may march on the capital, the leaders said, but nobody will spring a surprise.")
    assert found == {}


def test_month_names_as_surnames_are_not_dates(timexes):
    found = timexes("Theresa May said the vote would take place in May.")
    assert list(found) == ["May"]
    assert value(found, "May") == "2025-05"  # "would take place": ahead of June 2024


def test_holidays_and_quarters(timexes):
    found = timexes("Profits fell in the third quarter, and the board will meet after Thanksgiving.")
    assert value(found, "the third quarter") == "2023-Q3"  # past tense, and Q3 has not begun
    assert value(found, "Thanksgiving") == "2024-11-28"


def test_reference_words(timexes):
    found = timexes("The government is now in talks; it recently signed a deal and will sign another in the future.")
    assert value(found, "now") == "PRESENT_REF"
    assert value(found, "recently") == "PAST_REF"
    assert value(found, "the future") == "FUTURE_REF"


# -- tense decides direction -------------------------------------------------------------------


def test_past_tense_looks_back_future_looks_forward(timexes):
    found = timexes("The ministry said Thursday that it will meet the envoys Friday.")
    assert value(found, "Thursday") == "2024-06-13"
    assert value(found, "Friday") == "2024-06-21"


def test_infinitive_after_plan_looks_forward(timexes):
    found = timexes("The delegation planned to leave on Saturday.")
    assert value(found, "Saturday") == "2024-06-22"


def test_same_weekday_as_publication_is_that_day(timexes):
    found = timexes("The two leaders signed the agreement on Wednesday.")
    assert value(found, "Wednesday") == "2024-06-19"


def test_month_direction_follows_tense(timexes):
    found = timexes("The army withdrew in September. Elections will be held in February.")
    assert value(found, "September") == "2023-09"
    assert value(found, "February") == "2025-02"


def test_weekday_before_a_date_fixes_the_year(timexes):
    found = timexes("The summit opened on Monday, Oct. 26, in the capital.", published="1998-04-20")
    assert value(found, "Monday, Oct. 26") == "1998-10-26"


# -- no publication date -------------------------------------------------------------------------


def test_without_publication_date_relative_values_stay_underspecified(timexes):
    found = timexes(
        "Officials said Thursday that prices rose last week, and on June 20 the bank met; "
        "the law dates from 1998.",
        published=None,
    )
    assert value(found, "Thursday") == "XXXX-WXX-4"
    assert value(found, "last week") == "XXXX-WXX"
    assert value(found, "June 20") == "XXXX-06-20"
    assert value(found, "1998") == "1998"


# -- datelines ---------------------------------------------------------------------------------


def test_dateline_with_year_sets_publication_date():
    lexicon = TimexLexicon.load()
    assert dateline_date("KYIV, June 20, 2024 (Reuters) - Drones struck the port.", lexicon=lexicon) == "2024-06-20"
    assert dateline_date("WASHINGTON, 3 March 2023 (AP) — The Senate voted.", lexicon=lexicon) == "2023-03-03"
    # no year: we would have to guess it, so no date
    assert dateline_date("KYIV, June 20 (Reuters) - Drones struck the port.", lexicon=lexicon) is None
    # an ordinary first sentence is not a dateline
    assert dateline_date("Officials met on June 20, 2024 - a long meeting.", lexicon=lexicon) is None


def test_a_dateline_beats_a_crawl_date_but_not_metadata():
    from newsgraph.annotate.timex import set_dateline_published
    from newsgraph.model import Article

    lexicon = TimexLexicon.load()
    text = "KYIV, June 20, 2024 (Reuters) - Drones struck the port."
    crawled = Article(id="a", text=text, published="2024-06-23", published_source="crawl")
    set_dateline_published(crawled, lexicon=lexicon)
    assert (crawled.published, crawled.published_source) == ("2024-06-20", "dateline")
    dated = Article(id="b", text=text, published="2024-06-21", published_source="metadata")
    set_dateline_published(dated, lexicon=lexicon)
    assert (dated.published, dated.published_source) == ("2024-06-21", "metadata")


def test_dateline_anchors_relative_dates(analyze):
    article = analyze(
        "KYIV, June 20, 2024 (Reuters) - Russian drones struck the port on Wednesday, officials said.\n\n"
        "The governor said repairs would take two weeks."
    )
    assert article.published == "2024-06-20"
    assert article.published_source == "dateline"
    by_text = {t.text: t.value for t in article.timexes}
    assert by_text["Wednesday"] == "2024-06-19"


def test_known_date_wins_over_dateline(analyze):
    article = analyze(
        "KYIV, June 20, 2024 (Reuters) - Russian drones struck the port on Wednesday.", published="2024-07-01"
    )
    assert article.published == "2024-07-01"
    assert article.published_source != "dateline"


# -- store and JSON -------------------------------------------------------------------------------


def test_timexes_are_stored(tmp_path, analyze):
    from newsgraph.store import Store

    article = analyze("The ministry said on Monday that the talks lasted three hours.", published=DCT)
    with Store(tmp_path / "t.duckdb") as store:
        run = store.begin_run(["test"])
        store.write(run, [article], [])
        rows = store.db.execute("SELECT text, type, value FROM timexes ORDER BY start").fetchall()
    assert rows == [("Monday", "DATE", "2024-06-17"), ("three hours", "DURATION", "PT3H")]


def test_sample_article_values(shared, pipeline):
    text = (shared / "samples" / "putin-kim-agreement.txt").read_text(encoding="utf-8")
    article = pipeline.analyze_text(text, published=DCT)
    values = [(t.text.lower(), t.value) for t in article.timexes]
    assert ("wednesday", "2024-06-19") in values
    assert ("monday", "2024-06-17") in values
    assert ("thursday", "2024-06-13") in values
    assert ("last week", "2024-W24") in values
    assert ("last month", "2024-05") in values
    assert ("march", "2024-03") in values
    assert ("two hours", "PT2H") in values
    assert ("nine months", "P9M") in values
    assert ("less than two weeks", "P2W") in values


# -- evaluator ----------------------------------------------------------------------------------

_TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>made-up</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-06-19" functionInDocument="CREATION_TIME">2024-06-19</TIMEX3></DCT>
<TEXT>
The ministry <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2024-06-17">Monday</TIMEX3> that talks &amp; visits
<EVENT eid="e2">lasted</EVENT> <TIMEX3 tid="t2" type="DURATION" value="PT3H">three hours</TIMEX3> <TIMEX3 tid="t3" type="DATE" value="2024-W24">last week</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_timeml_reader_and_scores(tmp_path, pipeline):
    from newsgraph.eval.timex import evaluate_timex, read_timeml

    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "doc.tml"
    path.write_text(_TIMEML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.dct == "2024-06-19"
    assert "talks & visits" in doc.text
    assert [(g.text, g.value) for g in doc.timexes] == [
        ("Monday", "2024-06-17"), ("three hours", "PT3H"), ("last week", "2024-W24")
    ]
    scores = evaluate_timex(tmp_path, pipeline=pipeline)
    assert scores["n"] == 1 and scores["gold"] == 3
    assert scores["relaxed"]["f1"] == 1.0
    assert scores["value"]["accuracy"] == 1.0


def test_shift_back_keeps_the_grain_of_the_duration():
    from newsgraph.annotate.timex import shift_back

    assert shift_back("2024-06-19", "P9M") == "2023-09"
    assert shift_back("2024-06-19", "P2Y") == "2022"
    assert shift_back("2024-06-19", "P3D") == "2024-06-16"
    assert shift_back("2024-06", "P1M") == "2024-05"
    assert shift_back("2024-06-19", "PXY") is None and shift_back("PAST_REF", "P1Y") is None
