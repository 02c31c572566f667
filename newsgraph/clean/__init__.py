"""Clean stage: HTML main-text extraction and scrape/translation-noise repair."""
from newsgraph.clean.document import CleanDocument, clean_document
from newsgraph.clean.text import clean_text

__all__ = ["CleanDocument", "clean_document", "clean_text"]
