"""The language check: a text not in an accepted language is refused, whatever its length or script."""
import pytest

from newsgraph.clean.language import main_script, refusal
from newsgraph.errors import LanguageError
from newsgraph.ingest.read import RawDocument

# short texts written for these tests: one line each, under the 40 characters once let through as English
CHINESE = "市政府周一宣布新桥通车。"  # "The city government announced on Monday that the new bridge is open."
CHINESE_HEADLINE = "北京今天下雨"  # "Rain in Beijing today"
ARABIC = "افتتح الجسر الجديد يوم الاثنين."  # "The new bridge opened on Monday."
ARABIC_HEADLINE = "الطقس جميل اليوم"  # "The weather is nice today"
SPANISH = "El puerto reabrió el lunes."
ENGLISH_HEADLINES = ["Dam opens in Laos", "Port strike ends", "Kyiv, Ukraine — Reuters", "Storm hits Manila",
                     "Police arrest 3 in Lagos", "Merkel meets Macron in Paris"]


def clean(pipeline, text, **options):
    from newsgraph.clean import clean_document

    return clean_document(RawDocument("t.jsonl:1", "text", text), guesser=pipeline.guesser, **options)


@pytest.mark.parametrize("text", [CHINESE, CHINESE_HEADLINE, ARABIC, ARABIC_HEADLINE, SPANISH])
def test_short_text_not_in_english_is_refused(pipeline, text):
    with pytest.raises(LanguageError, match="text is in language '(zh|ja|ar|fa|ur|es)'"):
        clean(pipeline, text)


def test_refusal_names_the_script(pipeline):
    with pytest.raises(LanguageError, match="cjk script.*supported: en"):
        clean(pipeline, CHINESE)
    with pytest.raises(LanguageError, match="arabic script.*supported: en"):
        clean(pipeline, ARABIC)


def test_long_chinese_and_arabic_are_refused_by_the_whole_pipeline(pipeline):
    from newsgraph.errors import InputError

    for text in (CHINESE * 20, ARABIC * 10):
        with pytest.raises(InputError, match="text is in language"):
            pipeline.analyze(RawDocument("t.txt", "text", text))


@pytest.mark.parametrize("text", ENGLISH_HEADLINES)
def test_short_english_is_kept(pipeline, text):
    assert clean(pipeline, text).language == "en"


def test_english_quoting_a_chinese_name_is_kept(pipeline):
    text = "Xi Jinping (习近平) met the Brazilian president in Beijing on Tuesday."
    assert main_script(text) == "LATIN"
    assert clean(pipeline, text).language == "en"


def test_any_language_keeps_them_with_their_language(pipeline):
    assert clean(pipeline, CHINESE, any_language=True).language == "zh"
    assert clean(pipeline, ARABIC, any_language=True).language == "ar"
    assert clean(pipeline, ARABIC, languages=("en", "ar")).language == "ar"


def test_main_script():
    assert main_script(CHINESE) == "CJK"
    assert main_script(ARABIC) == "ARABIC"
    assert main_script("Здравствуй, мир") == "CYRILLIC"
    assert main_script("Ça va très bien") == "LATIN"
    assert main_script("12 345 — !") == ""


def test_refusal_rules():
    from newsgraph.clean.language import LanguageGuess

    assert refusal(LanguageGuess("zh", 0.3, 0.01, "CJK"), ("en",)) is not None  # script: no confidence needed
    assert refusal(LanguageGuess("fr", 0.95, 0.02, "LATIN"), ("en",)) is not None
    assert refusal(LanguageGuess("es", 0.6, 0.001, "LATIN"), ("en",)) is not None
    assert refusal(LanguageGuess("fr", 0.6, 0.05, "LATIN"), ("en",)) is None  # English still possible
    assert refusal(LanguageGuess("af", 0.2, 0.07, "LATIN"), ("en",)) is None
    assert refusal(LanguageGuess("zxx", 0.8, 0.001, "LATIN"), ("en",)) is None  # markup, no language
    assert refusal(LanguageGuess("en", 0.99, 0.99, "LATIN"), ("en",)) is None
