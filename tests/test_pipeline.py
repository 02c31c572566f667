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
