"""The whole analysis of one article: clean → parse → annotate.

`Pipeline` holds the resources every stage needs (spaCy, language guesser and,
as stages are added, the actor KB and lexicons), loads them once, and runs
stages in order over batches. Stage timings are kept for `newsgraph bench`.
"""
from __future__ import annotations

import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

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
from newsgraph.deadline import ItemClock
from newsgraph.errors import InputError, ItemTimeout, NewsgraphError
from newsgraph.ingest.read import RawDocument, Rejected
from newsgraph.model import Article
from newsgraph.nlp import load_nlp
from newsgraph.settings import Settings

T = TypeVar("T")
# Called before each step of a batch: ("clean", i), ("parse", None) for the batch,
# ("parse", i) for one item, ("annotate", i); i indexes the batch. Worker processes
# report these to their supervisor (batch.py), which thus knows what a worker is doing.
StepHook = Callable[[str, "int | None"], None]
FROM_SETTINGS = object()  # `item_timeout` default: the pipeline's own settings


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

    def analyze_batch(self, raws: list[RawDocument], *, item_timeout: float | None | object = FROM_SETTINGS,
                      ) -> list[Article | Rejected]:
        """Many documents, parsed together for speed; each result is an Article or a Rejected."""
        results: list[Article | Rejected | None] = [None] * len(raws)
        for index, result in self.analyze_each(raws, item_timeout=item_timeout):
            results[index] = result
        return results  # type: ignore[return-value]

    def analyze_each(self, raws: list[RawDocument], *, item_timeout: float | None | object = FROM_SETTINGS,
                     step: StepHook | None = None) -> Iterator[tuple[int, Article | Rejected]]:
        """(index in `raws`, result) for each document, as soon as its result is final.

        Each item may spend `item_timeout` seconds (default: the settings'; None: no
        limit) on cleaning, parsing and annotation together; one that runs longer is
        rejected with a reason and the rest of the batch goes on.
        """
        limit = self.settings.item_timeout if item_timeout is FROM_SETTINGS else item_timeout
        budgets = _Budgets(len(raws), limit)  # type: ignore[arg-type]
        step = step or (lambda stage, index: None)
        cleaned: list[tuple[int, CleanDocument]] = []
        rejected: list[tuple[int, Rejected]] = []  # yielded after each stage, so its timing holds no caller time
        with self.times.measure("clean"):
            for index, raw in enumerate(raws):
                step("clean", index)
                try:
                    cleaned.append((index, budgets.run([index], lambda: self._clean(raw))))
                except ItemTimeout:
                    rejected.append((index, Rejected(raw.source, budgets.too_long("cleaning"))))
                except NewsgraphError as error:
                    rejected.append((index, Rejected(raw.source, str(error))))
                except Exception as error:  # a bug costs one article, never the batch
                    rejected.append((index, Rejected(raw.source, _internal_error("cleaning", error))))
        yield from rejected
        with self.times.measure("parse"):
            parsed = list(self._parse(cleaned, budgets, step))
        for index, clean, doc in parsed:
            raw = raws[index]
            if isinstance(doc, str):
                yield index, Rejected(raw.source, doc)
                continue
            step("annotate", index)
            try:
                article = budgets.run([index], lambda: self._annotate(self._article(raw, clean), doc))
            except ItemTimeout:
                yield index, Rejected(raw.source, budgets.too_long("annotating"))
            except NewsgraphError as error:
                yield index, Rejected(raw.source, f"annotation failed: {error}")
            except Exception as error:  # a bug costs one article, never the batch
                yield index, Rejected(raw.source, _internal_error("annotation", error))
            else:
                yield index, article

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

    def _parse(self, cleaned: list[tuple[int, CleanDocument]], budgets: _Budgets, step: StepHook,
               ) -> Iterator[tuple[int, CleanDocument, Doc | str]]:
        """Parse the batch together (faster); if that runs out of time or fails, each
        item alone, so that only the item at fault is lost (its doc is then the reason)."""
        if len(cleaned) > 1:
            step("parse", None)
            texts = [clean.text for _, clean in cleaned]
            try:
                docs = budgets.run([index for index, _ in cleaned],
                                   lambda: list(self.nlp.pipe(texts, batch_size=self.settings.batch_size)),
                                   refund_on_timeout=True)
            except ItemTimeout:
                pass  # not any one item's fault yet: each is timed alone below
            except Exception:
                pass  # one item breaks the parser: found below, where it costs that item only
            else:
                for (index, clean), doc in zip(cleaned, docs):
                    yield index, clean, doc
                return
        for index, clean in cleaned:
            step("parse", index)
            try:
                doc = budgets.run([index], lambda: list(self.nlp.pipe([clean.text]))[0])
            except ItemTimeout:
                yield index, clean, budgets.too_long("parsing")
            except Exception as error:
                yield index, clean, _internal_error("parsing", error)
            else:
                yield index, clean, doc

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


class _Budgets:
    """The seconds each item of a batch has left, and the clock that enforces them."""

    def __init__(self, count: int, limit: float | None) -> None:
        self.limit = limit
        self.spent = [0.0] * count
        self.clock = ItemClock()

    def run(self, indexes: list[int], work: Callable[[], T], *, refund_on_timeout: bool = False) -> T:
        """`work` for the items `indexes` (all charged its time), within the least time any
        of them has left; raises ItemTimeout. With `refund_on_timeout`, time lost to a
        timeout is not charged (a batch step no single item can be blamed for)."""
        budget = None if self.limit is None else self.limit - max(self.spent[i] for i in indexes)
        start = time.perf_counter()
        charge = True
        try:
            with self.clock.limit(budget):
                return work()
        except ItemTimeout:
            charge = not refund_on_timeout
            raise
        finally:
            if charge:
                for i in indexes:
                    self.spent[i] += time.perf_counter() - start

    def too_long(self, stage: str) -> str:
        return f"took longer than {self.limit:g} s (stopped while {stage}); --item-timeout sets the limit"


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
