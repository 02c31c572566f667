"""Export stage: JSON Lines, Parquet, a human-readable text view (GDELT formats later)."""
