"""Annotation stages: each reads the Article and its spaCy Doc and returns what it found."""
