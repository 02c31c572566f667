"""RSS and Atom feeds: one document per item, content or else summary, with link and date."""
import io
import sys

from newsgraph.ingest.read import RawDocument, Rejected, read_paths

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour News</title><link>https://harbour.example/</link>
  <item>
    <title>Port reopens after storm</title>
    <link>https://harbour.example/port-reopens</link>
    <pubDate>Mon, 17 Jun 2024 23:30:00 -0400</pubDate>
    <description>The port reopened.</description>
    <content:encoded><![CDATA[<p>The port of Bergen reopened on Monday after a two-day storm, officials said.</p>
      <p>Ferries to Stavanger resumed in the evening.</p><script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>Rail strike ends</title>
    <link>https://harbour.example/strike</link>
    <description>&lt;p&gt;Train drivers in Finland ended their strike on Tuesday.&lt;/p&gt;&lt;p&gt;Trains run again.&lt;/p&gt;</description>
  </item>
  <item><title>An item with nothing in it</title><link>https://harbour.example/empty</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Danube Daily</title><id>urn:danube</id><updated>2024-06-19T08:00:00Z</updated>
  <entry>
    <title>Bridge opens</title><id>urn:danube:1</id>
    <link rel="alternate" href="https://danube.example/bridge"/>
    <updated>2024-06-19T01:00:00+02:00</updated>
    <content type="html">&lt;p&gt;A new bridge over the Danube opened in Novi Sad on Wednesday, the council said.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Ferry resumes</title><id>urn:danube:2</id>
    <link href="https://danube.example/ferry"/>
    <published>2024-06-18T10:00:00Z</published><updated>2024-06-20T10:00:00Z</updated>
    <summary>The ferry between Helsinki and Tallinn resumed service after repairs.</summary>
  </entry>
</feed>
"""


def _read(*paths):
    return list(read_paths(paths))


def test_rss_items_with_content_summary_link_and_date(tmp_path):
    (tmp_path / "news.rss").write_text(RSS)
    first, second, empty = _read(tmp_path)
    assert isinstance(first, RawDocument) and first.source.endswith("news.rss:1")
    assert (first.kind, first.title, first.url) == ("text", "Port reopens after storm", "https://harbour.example/port-reopens")
    # the day as the feed writes it, not moved to UTC (which would make it the 18th)
    assert first.published == "2024-06-17"
    assert first.content == (
        "The port of Bergen reopened on Monday after a two-day storm, officials said.\n\n"
        "Ferries to Stavanger resumed in the evening."
    )
    # no content: the summary, its markup removed, paragraph by paragraph
    assert (second.kind, second.url, second.published) == ("text", "https://harbour.example/strike", None)
    assert second.content == "Train drivers in Finland ended their strike on Tuesday.\n\nTrains run again."
    assert isinstance(empty, Rejected) and empty.reason == "feed item has no content or summary"
    assert empty.source.endswith("news.rss:3")


def test_atom_entries_prefer_published_to_updated(tmp_path):
    (tmp_path / "danube.atom").write_text(ATOM)
    bridge, ferry = _read(tmp_path)
    assert (bridge.kind, bridge.url, bridge.published) == ("text", "https://danube.example/bridge", "2024-06-19")
    assert bridge.content == "A new bridge over the Danube opened in Novi Sad on Wednesday, the council said."
    assert (ferry.kind, ferry.url, ferry.published) == ("text", "https://danube.example/ferry", "2024-06-18")
    assert ferry.content.startswith("The ferry between Helsinki")


def test_feeds_are_recognised_by_content(tmp_path, monkeypatch):
    (tmp_path / "feed.xml").write_text(ATOM)
    (tmp_path / "feed").write_text(RSS)
    (tmp_path / "page.xml").write_text(
        '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>A page.</p></body></html>'
    )
    items = {i.source.rsplit("/", 1)[-1]: i for i in _read(tmp_path)}
    assert items["feed.xml:1"].url == "https://danube.example/bridge"
    assert items["feed:1"].url == "https://harbour.example/port-reopens"
    assert items["page.xml"].kind == "html"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(RSS.encode())))
    from_stdin = _read("-")
    assert [i.source for i in from_stdin] == ["-:1", "-:2", "-:3"]
    assert [i.url for i in from_stdin[:2]] == ["https://harbour.example/port-reopens", "https://harbour.example/strike"]


def test_a_file_that_is_no_feed_and_a_feed_with_no_items(tmp_path):
    (tmp_path / "broken.rss").write_text("this is not XML at all")
    (tmp_path / "empty.atom").write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>')
    items = {i.source.rsplit("/", 1)[-1]: i for i in _read(tmp_path)}
    assert items["broken.rss"].reason.startswith("not a readable RSS or Atom feed:")
    assert items["empty.atom"].reason == "feed has no items"
    assert all("\n" not in i.reason for i in items.values())
