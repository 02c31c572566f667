"""The analysis of one article: clean text, metadata, entities, bad input."""
import pytest

from newsgraph.errors import InputError
from newsgraph.ingest.read import RawDocument
from newsgraph.model import article_from_dict, article_to_dict

TEXT = """Oslo hosts fishing talks

Norwegian Prime Minister Jonas Gahr Store met Icelandic officials in Oslo on Friday, the government said.

The talks “went well”according to a spokesperson.

NEXT Skiing season opens early in Tromso
"""


def test_offsets_index_the_clean_text(analyze):
    article = analyze(TEXT)
    assert article.title == "Oslo hosts fishing talks"
    assert "NEXT" not in article.text and "Oslo hosts" not in article.text
    assert "“went well” according" in article.text
    assert article.entities, "expected named entities"
    for entity in article.entities:
        assert article.text[entity.start : entity.end] == entity.text
    assert any(e.text == "Oslo" and e.label == "GPE" for e in article.entities)


def test_json_form_round_trips(analyze):
    article = analyze(TEXT, published="2024-02-02")
    record = article_to_dict(article)
    for key in ("id", "url", "title", "published", "language", "text", "removed", "entities"):
        assert key in record
    assert article_from_dict(record) == article


def test_html_metadata(pipeline):
    html = """<html><head><title>Talks in Oslo | Nordic News</title>
    <meta property="og:title" content="Talks in Oslo">
    <meta property="og:site_name" content="Nordic News">
    <meta name="author" content="Kari Nordmann">
    <meta property="article:published_time" content="2024-02-02T10:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article>
    <p>Norwegian and Icelandic officials met in Oslo on Friday to discuss fishing quotas for the coming season.</p>
    <p>The talks will continue next month in Reykjavik, the two governments said in a joint statement.</p>
    </article><footer>Subscribe to our newsletter</footer></body></html>"""
    article = pipeline.analyze(RawDocument("page.html", "html", html, url="https://nordic.example/talks"))
    assert article.title == "Talks in Oslo"
    assert article.published == "2024-02-02" and article.published_source == "metadata"
    assert article.author == "Kari Nordmann"
    assert article.site == "Nordic News"
    assert article.url == "https://nordic.example/talks"
    assert "Subscribe" not in article.text and "fishing quotas" in article.text
    assert any(c.text == "Subscribe to our newsletter" for c in article.removed)


def test_non_english_text_is_refused(pipeline):
    french = "Les ministres des affaires étrangères se sont réunis vendredi à Oslo pour discuter des quotas de pêche."
    with pytest.raises(InputError, match="language 'fr'"):
        pipeline.analyze(RawDocument("fr.txt", "text", french))


def test_page_without_article_is_refused(pipeline):
    html = "<html><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(InputError, match="no article"):
        pipeline.analyze(RawDocument("empty.html", "html", html))


def test_given_publication_date_wins(pipeline):
    from newsgraph.clean import clean_document

    raw = RawDocument("a.txt", "text", TEXT, published="2020-01-01")
    clean = clean_document(raw, guesser=pipeline.guesser, published="2024-06-19")
    assert clean.published == "2024-06-19" and clean.published_source == "given"
    clean = clean_document(raw, guesser=pipeline.guesser)
    assert clean.published == "2020-01-01" and clean.published_source == "metadata"


def test_sample_article(pipeline, shared):
    from newsgraph.ingest.read import read_paths

    (raw,) = read_paths([shared / "samples" / "putin-kim-agreement.txt"])
    article = pipeline.analyze(raw)
    assert article.title and article.title.startswith("Vladimir Putin and Kim Jong Un signed")
    assert article.title.split(":")[0] not in article.text
    assert "PREV" not in article.text and "NEXT" not in article.text
    assert not article.text.rstrip().endswith("North Korea")  # the tag line is gone
    assert "” while" in article.text and "”while" not in article.text
    reasons = {c.reason for c in article.removed}
    assert {"headline (taken as title)", "repeated headline", "tag line"} <= reasons


def test_a_bug_in_a_stage_costs_one_article_not_the_batch(pipeline, monkeypatch):
    import newsgraph.pipeline as pipeline_module

    real = pipeline_module.code_events

    def fragile(article, doc, **kwargs):
        if "Bravo" in article.text:
            raise IndexError("list index out of range")
        return real(article, doc, **kwargs)

    monkeypatch.setattr(pipeline_module, "code_events", fragile)
    body = " The talks in the capital went on for two days and ended with a joint statement on trade."
    raws = [RawDocument(f"{name}.txt", "text", f"{name} reported on the summit." + body) for name in ("Alpha", "Bravo", "Charlie")]
    results = pipeline.analyze_batch(raws)
    assert [type(r).__name__ for r in results] == ["Article", "Rejected", "Article"]
    assert results[1].reason.startswith("internal error in annotation (IndexError at test_pipeline.py:")
    assert "list index out of range" in results[1].reason and "\n" not in results[1].reason


# -- bounded work per item ---------------------------------------------------------

BATCH = [
    "Port reopens\n\nThe port of Gdansk reopened on Monday after a storm, the harbour master said.\n",
    "Runaway report\n\nThe council of Lodz approved a runaway budget on Tuesday, officials said.\n",
    "Bridge opens\n\nA new bridge over the Vistula opened in Torun on Wednesday, the mayor announced.\n",
]


def raw_batch():
    return [RawDocument(f"item{i}.txt", "text", text) for i, text in enumerate(BATCH)]


def spin_forever():
    while True:
        pass


def test_an_item_past_its_time_fails_and_the_batch_goes_on(pipeline, monkeypatch):
    annotate = pipeline._annotate

    def runaway_on_one(article, doc):
        if "runaway" in article.text:
            spin_forever()
        return annotate(article, doc)

    monkeypatch.setattr(pipeline, "_annotate", runaway_on_one)
    first, second, third = pipeline.analyze_batch(raw_batch(), item_timeout=1)
    assert first.title == "Port reopens" and third.title == "Bridge opens"
    assert second.source == "item1.txt"
    assert second.reason.startswith("took longer than 1 s (stopped while annotating)")


def test_a_batch_parse_past_its_time_is_retried_item_by_item(pipeline, monkeypatch):
    """A slow batch is no single item's fault: each item is then parsed alone, on its own time."""
    pipe = pipeline.nlp.pipe

    def slow_in_batches(texts, **kwargs):
        texts = list(texts)
        if len(texts) > 1:
            spin_forever()
        return pipe(texts, **kwargs)

    monkeypatch.setattr(pipeline.nlp, "pipe", slow_in_batches)
    results = pipeline.analyze_batch(raw_batch(), item_timeout=1)
    assert [r.title for r in results] == ["Port reopens", "Runaway report", "Bridge opens"]


def test_an_item_that_breaks_the_parser_costs_only_itself(pipeline, monkeypatch):
    pipe = pipeline.nlp.pipe

    def breaks_on_one(texts, **kwargs):
        texts = list(texts)
        if any("runaway" in text for text in texts):
            raise ValueError("parser bug")
        return pipe(texts, **kwargs)

    monkeypatch.setattr(pipeline.nlp, "pipe", breaks_on_one)
    first, second, third = pipeline.analyze_batch(raw_batch())
    assert first.title == "Port reopens" and third.title == "Bridge opens"
    assert second.reason.startswith("internal error in parsing (ValueError")
