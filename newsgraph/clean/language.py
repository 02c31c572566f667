"""Language identification of the clean body: the script its letters are written in,
then py3langid's guess.

A text is refused when it is not in an accepted language, however short: a text
written mostly in another script (Chinese, Arabic, Cyrillic...) is refused outright,
and a Latin-script text when py3langid is sure enough of another language.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

# A guess this likely refuses a Latin-script text outright.
MIN_CONFIDENCE = 0.9
# A short text (a headline, one sentence) seldom reaches MIN_CONFIDENCE, but a short
# Spanish or Polish sentence leaves English all but ruled out. Checked on the English
# articles among the first 6,000 of ../shared/corpus: of 30,211 headlines, line starts
# (39 characters), paragraphs (300) and whole texts, 8 were refused, 4 of them Spanish
# lines quoted in an English article.
LIKELY = 0.5
RULED_OUT = 0.01
# py3langid's label for text without linguistic content (markup, codes): not a language
NO_LANGUAGE = "zxx"
LATIN = "LATIN"
SAMPLE_CHARS = 5000


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: str  # py3langid's best guess, ISO 639-1
    probability: float
    accepted_probability: float  # of the likeliest accepted language
    script: str  # of most letters: LATIN, CJK, ARABIC, CYRILLIC... ('' for a text without letters)


class LanguageGuesser:
    """Loaded once per process."""

    def __init__(self) -> None:
        self._identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)

    def guess(self, text: str, accepted: tuple[str, ...] = ("en",)) -> LanguageGuess:
        sample = text[:SAMPLE_CHARS]
        ranked = self._identifier.rank(sample)
        language, probability = ranked[0]
        by_language = dict(ranked)
        accepted_probability = max((by_language.get(code, 0.0) for code in accepted), default=0.0)
        return LanguageGuess(language, float(probability), float(accepted_probability), main_script(sample))


def refusal(guess: LanguageGuess, accepted: tuple[str, ...]) -> str | None:
    """Why the text is not in an accepted language; None when it is, or may be."""
    if guess.language in accepted:
        return None
    supported = ", ".join(accepted)
    if guess.script and guess.script != LATIN:
        # a script alone tells a Chinese or Arabic text from an English one, at any length
        return (f"text is in language '{guess.language}' ({guess.script.lower()} script, "
                f"p={guess.probability:.2f}); supported: {supported}")
    if guess.language == NO_LANGUAGE:
        return None
    if guess.probability >= MIN_CONFIDENCE or (guess.probability >= LIKELY and guess.accepted_probability < RULED_OUT):
        return f"text is in language '{guess.language}' (p={guess.probability:.2f}); supported: {supported}"
    return None


def main_script(text: str) -> str:
    """The Unicode script of most letters ('' when there are none); Latin when at least
    half the letters are Latin, so an English text quoting a Chinese name stays Latin."""
    scripts: Counter[str] = Counter()
    for char in text:
        if not char.isalpha():
            continue
        # everything below U+0250 that is a letter is Latin (ASCII, Latin-1, Extended-A/B)
        scripts[LATIN if char < "\u0250" else unicodedata.name(char, "").partition(" ")[0]] += 1
    letters = sum(scripts.values())
    if not letters:
        return ""
    if scripts[LATIN] * 2 >= letters:
        return LATIN
    del scripts[LATIN]
    return scripts.most_common(1)[0][0]
