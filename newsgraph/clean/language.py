"""Language identification of the clean body, with py3langid."""
from __future__ import annotations

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

# Below this probability the guess is not trusted enough to refuse an article.
MIN_CONFIDENCE = 0.9
# Short texts are too short to judge; they pass as the default language.
MIN_CHARS = 40


class LanguageGuesser:
    """Loaded once per process; `guess` returns (ISO 639-1 code, probability)."""

    def __init__(self) -> None:
        self._identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)

    def guess(self, text: str) -> tuple[str, float]:
        sample = text[:5000]
        if len(sample.strip()) < MIN_CHARS:
            return "en", 0.0
        language, probability = self._identifier.classify(sample)
        return language, float(probability)
