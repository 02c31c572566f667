"""Scorers, one per task, each on gold data in its own published format."""
