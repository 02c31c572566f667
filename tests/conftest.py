"""Shared fixtures: the pipeline is loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def pipeline():
    from newsgraph.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def rules_pipeline():
    """The pipeline without the trained event decision: the rules' events as they are."""
    from newsgraph.pipeline import Pipeline
    from newsgraph.settings import Settings

    return Pipeline(Settings(event_model="off"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the repository; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def analyze(pipeline):
    """Analyse a text written by the test, as a .txt file would be."""
    from newsgraph.ingest.read import RawDocument

    def run(text: str, *, published: str | None = None, title: str | None = None):
        import dataclasses

        raw = RawDocument(source="test.txt", kind="text", content=text, title=title, published=published)
        article = pipeline.analyze(raw)
        if published and article.published_source is None:
            article = dataclasses.replace(article, published=published, published_source="given")
        return article

    return run


@pytest.fixture
def make_warc():
    """A WARC written with warcio: `make_warc(records, gzip=...)` → (bytes, offset of each record).

    A record is `(url, payload)` for an HTML page fetched on 2024-06-19, or a dict
    with `url`, `payload` and any of `content_type`, `status`, `type`, `date`.
    """
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def write(records, *, gzip: bool = False) -> tuple[bytes, list[int]]:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=gzip)
        offsets = []
        for record in records:
            if isinstance(record, tuple):
                record = {"url": record[0], "payload": record[1]}
            kind = record.get("type", "response")
            http = None
            if kind in ("response", "request"):
                http = StatusAndHeaders(
                    record.get("status", "200 OK"),
                    [("Content-Type", record.get("content_type", "text/html; charset=utf-8"))],
                    protocol="HTTP/1.1",
                )
                if kind == "request":
                    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            payload = record["payload"]
            warc_record = writer.create_warc_record(
                record["url"], kind,
                payload=io.BytesIO(payload.encode() if isinstance(payload, str) else payload),
                http_headers=http,
                warc_headers_dict={"WARC-Date": record.get("date", "2024-06-19T08:15:00Z")},
            )
            offsets.append(buffer.tell())
            writer.write_record(warc_record)
        return buffer.getvalue(), offsets

    return write
