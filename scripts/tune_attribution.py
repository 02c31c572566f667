"""Score the attribution stage on a PolNeAR split with parses cached on disk.

Tuning loop for the rules: the spaCy parse is the slow part, so it is done
once per split/limit and kept in a DocBin; each run then re-runs only the
attribution stage. The official figure comes from `newsgraph eval attribution`.

    python scripts/tune_attribution.py ../shared/eval/attribution/polnear/data/train --limit 150

`--filters` also reports each cue filter (data/attribution_filters.tsv) on its own: how
many candidates it drops, and how many of those are gold cues (exact / overlapping), with
the scores each filter alone costs or gains (run every filter listed, whether in use or not).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from spacy.tokens import DocBin

from newsgraph.annotate.attribution import (
    CUE_FILTERS,
    CueLexicon,
    attribute,
    filter_candidates,
    find_candidates,
    find_quotes,
)
from newsgraph.annotate.entities import find_entities
from newsgraph.eval.attribution import read_gold, score_documents
from newsgraph.model import Article
from newsgraph.nlp import load_nlp


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newsgraph-attr-cache")
    parser.add_argument("--show", type=int, default=0, help="print N files' predicted vs gold spans")
    parser.add_argument("--filters", action="store_true", help="report each cue filter on its own")
    parser.add_argument("--no-filters", action="store_true", help="score with no cue filter")
    args = parser.parse_args()
    documents = list(read_gold(args.directory, limit=args.limit))
    nlp = load_nlp()
    args.cache.mkdir(parents=True, exist_ok=True)
    cache = args.cache / f"{args.directory.name}-{args.limit}-{'p' if 'newsgraph_paragraphs' in nlp.pipe_names else ''}.spacy"
    texts = sorted({d.text for d in documents})
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(texts, batch_size=16))
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    by_text = {doc.text: doc for doc in docs}
    lexicon = CueLexicon.load()
    if args.no_filters:
        lexicon = replace(lexicon, filters=())
    elapsed = 0.0

    def analyze(text: str) -> Article:
        nonlocal elapsed
        doc = by_text[text]
        article = Article(id="t", text=text)
        article.entities = find_entities(doc)
        start = time.perf_counter()
        article.attributions = attribute(article, doc, lexicon=lexicon)
        elapsed += time.perf_counter() - start
        return article

    scores = score_documents(iter(documents), analyze)
    scores["attribution_seconds"] = round(elapsed, 2)
    json.dump(scores, sys.stdout, indent=1)
    print()
    if args.filters:
        report_filters(documents, by_text, lexicon, analyze)


def report_filters(documents, by_text, lexicon: CueLexicon, analyze) -> None:
    """Per filter: candidates dropped, of which gold cues (exact, overlapping), and the exact
    F1 of every role with that filter alone and with all filters but it."""
    def f1(scores) -> str:
        return " ".join(f"{role} {scores[role]['exact']['f1']:.4f}" for role in ("source", "cue", "content"))

    def analyze_with(filters: tuple[str, ...]):
        with_filters = replace(lexicon, filters=filters)

        def run(text: str) -> Article:
            doc = by_text[text]
            article = Article(id="t", text=text)
            article.entities = find_entities(doc)
            article.attributions = attribute(article, doc, lexicon=with_filters)
            return article
        return run

    # every filter known, in use or not, is measured on its own
    print("none:", f1(score_documents(iter(documents), analyze_with(()))))
    print("all in use:", f1(score_documents(iter(documents), analyze_with(lexicon.filters))))
    for name in CUE_FILTERS:
        dropped = exact = overlap = 0
        examples = []
        for document in documents:
            doc = by_text[document.text]
            gold = [(g[0][0], g[-1][1]) for g in document.spans["cue"]]
            candidates = find_candidates(doc, lexicon, find_quotes(document.text))
            _, rejected = filter_candidates(doc, candidates, lexicon, names=[name])
            for r in rejected:
                dropped += 1
                exact += any((r.cue.start, r.cue.end) == g for g in gold)
                hit = any(r.cue.start < e and s < r.cue.end for s, e in gold)
                overlap += hit
                if len(examples) < 4:
                    sent = doc.char_span(r.cue.start, r.cue.end, alignment_mode="expand").sent.text
                    examples.append(f"{'GOLD ' if hit else ''}[{r.cue.text}] {sent[:110]!r}")
        others = tuple(n for n in lexicon.filters if n != name)
        print(f"{name}: drops {dropped}, gold cue exact {exact}, overlapping {overlap}; "
              f"alone: {f1(score_documents(iter(documents), analyze_with((name,))))}; "
              f"all but it: {f1(score_documents(iter(documents), analyze_with(others)))}")
        for line in examples:
            print("    ", line)


if __name__ == "__main__":
    main()
