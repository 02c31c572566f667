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

    return Pipeline(Settings(event_model=False))


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
