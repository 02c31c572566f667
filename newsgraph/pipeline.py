"""The whole analysis of one article: clean → parse → annotate.

`Pipeline` holds the resources every stage needs (spaCy, language guesser and,
as stages are added, the actor KB and lexicons), loads them once, and runs
stages in order over batches. Stage timings are kept for `newsgraph bench`.
"""
from __future__ import annotations

import time
import traceback
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from spacy.tokens import Doc

from newsgraph.annotate.actors import apply_links, link_actors
from newsgraph.annotate.attribution import CueLexicon, attribute
from newsgraph.annotate.entities import find_entities
from newsgraph.annotate.timex import TimexLexicon, set_dateline_published, tag_timexes
from newsgraph.annotate.kb import load_kb
from newsgraph.annotate.event_resources import EventLexicon, Gazetteer
from newsgraph.annotate.events import code_events
from newsgraph.annotate.events.decide import EventModel
from newsgraph.clean import CleanDocument, clean_document
from newsgraph.clean.language import LanguageGuesser
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.ingest.read import RawDocument, Rejected
from newsgraph.model import Article
from newsgraph.nlp import load_nlp
from newsgraph.settings import Settings


class StageTimes:
    """Seconds spent per stage, summed over all articles this process analysed."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def measure(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - start

    def merge(self, other: dict[str, float]) -> None:
        for stage, seconds in other.items():
            self.seconds[stage] += seconds


class Pipeline:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_nlp(self.settings.model, max_length=self.settings.max_text_chars)
        self.guesser = LanguageGuesser()
        self.times = StageTimes()
        self.timex_lexicon = TimexLexicon.load()
        self.actor_kb = load_kb(
            self.settings.actors_file, tokenize=lambda text: [t.text for t in self.nlp.tokenizer(text)]
        )
        self.cue_lexicon = CueLexicon.load()
        self.event_lexicon = EventLexicon()
        self.gazetteer = Gazetteer()
        # the learned decision over event candidates; without it the rules' events are the record
        self.event_model: EventModel | None = None
        if self.settings.event_model != "off":
            model = EventModel.load()
            self.event_model = model if self.settings.event_model == "decide" else model.scoring_only()

    # -- public API -------------------------------------------------------

    def analyze(self, raw: RawDocument) -> Article:
        """One document; raises InputError with a one-line reason if it has no usable article."""
        result = self.analyze_batch([raw])[0]
        if isinstance(result, Rejected):
            raise InputError(result.reason)
        return result

    def analyze_batch(self, raws: list[RawDocument]) -> list[Article | Rejected]:
        """Many documents, parsed together for speed; each result is an Article or a Rejected."""
        results: list[Article | Rejected | None] = [None] * len(raws)
        cleaned: list[tuple[int, CleanDocument]] = []
        with self.times.measure("clean"):
            for index, raw in enumerate(raws):
                try:
                    cleaned.append((index, self._clean(raw)))
                except NewsgraphError as error:
                    results[index] = Rejected(raw.source, str(error))
                except Exception as error:  # a bug costs one article, never the batch
                    results[index] = Rejected(raw.source, _internal_error("cleaning", error))
        with self.times.measure("parse"):
            docs = list(self.nlp.pipe((c.text for _, c in cleaned), batch_size=self.settings.batch_size))
        for (index, clean), doc in zip(cleaned, docs):
            raw = raws[index]
            try:
                results[index] = self._annotate(self._article(raw, clean), doc)
            except NewsgraphError as error:
                results[index] = Rejected(raw.source, f"annotation failed: {error}")
            except Exception as error:  # a bug costs one article, never the batch
                results[index] = Rejected(raw.source, _internal_error("annotation", error))
        return results  # type: ignore[return-value]

    def analyze_text(self, text: str, *, published: str | None = None, title: str | None = None) -> Article:
        """Analyse `text` exactly as given (no cleaning), so offsets index the input.

        Evaluation uses this: gold offsets refer to the original text.
        """
        with self.times.measure("parse"):
            doc = self.nlp(text)
        article = Article(
            id="text",
            text=text,
            title=title,
            published=published,
            published_source="given" if published else None,
            language="en",
        )
        return self._annotate(article, doc)

    # -- stages -----------------------------------------------------------

    def _clean(self, raw: RawDocument) -> CleanDocument:
        return clean_document(
            raw,
            guesser=self.guesser,
            languages=self.settings.languages,
            any_language=self.settings.any_language,
            max_chars=self.settings.max_text_chars,
            published=self.settings.published,
            url=self.settings.url,
        )

    @staticmethod
    def _article(raw: RawDocument, clean: CleanDocument) -> Article:
        content_hash = raw.content_hash
        return Article(
            id=raw.id or content_hash[:16],
            text=clean.text,
            title=clean.title,
            url=clean.url,
            published=clean.published,
            published_source=clean.published_source,  # type: ignore[arg-type]
            language=clean.language,
            author=clean.author,
            site=clean.site,
            source=raw.source,
            content_hash=content_hash,
            removed=clean.removed,
            repairs=clean.repairs,
        )

    def _annotate(self, article: Article, doc: Doc) -> Article:
        with self.times.measure("entities"):
            article.entities = find_entities(doc)
        with self.times.measure("timex"):
            # A dateline dates the article; actor codes depend on that date.
            set_dateline_published(article, lexicon=self.timex_lexicon)
        with self.times.measure("actors"):
            apply_links(article, link_actors(article, doc, kb=self.actor_kb))
            for entity in article.entities:
                if entity.place is not None:  # the actor stage names the place; the gazetteer gives its point
                    entity.place = self.gazetteer.locate(entity.place)
        with self.times.measure("timex"):
            article.timexes = tag_timexes(article, doc, lexicon=self.timex_lexicon)
        with self.times.measure("attribution"):
            article.attributions = attribute(article, doc, lexicon=self.cue_lexicon)
        with self.times.measure("events"):
            article.events = code_events(article, doc, lexicon=self.event_lexicon, gazetteer=self.gazetteer,
                                         kb=self.actor_kb, model=self.event_model)
        return article


def _internal_error(stage: str, error: Exception) -> str:
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    place = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    message = str(error).splitlines()[0] if str(error) else ""
    return f"internal error in {stage} ({type(error).__name__}{place}: {message}); please report it"


def analyze_documents(
    pipeline: Pipeline, raws: Iterable[RawDocument], *, batch_size: int = 32
) -> Iterator[Article | Rejected]:
    """Stream results in input order, `batch_size` documents at a time."""
    batch: list[RawDocument] = []
    for raw in raws:
        batch.append(raw)
        if len(batch) >= batch_size:
            yield from pipeline.analyze_batch(batch)
            batch = []
    if batch:
        yield from pipeline.analyze_batch(batch)
