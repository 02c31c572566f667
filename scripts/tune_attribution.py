"""Score the attribution stage on a PolNeAR split with parses cached on disk.

Tuning loop for the rules: the spaCy parse is the slow part, so it is done
once per split/limit and kept in a DocBin; each run then re-runs only the
attribution stage. The official figure comes from `newsgraph eval attribution`.

    python scripts/tune_attribution.py ../shared/eval/attribution/polnear/data/train --limit 150
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from spacy.tokens import DocBin

from newsgraph.annotate.attribution import CueLexicon, attribute
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


if __name__ == "__main__":
    main()
