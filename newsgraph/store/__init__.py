"""Store stage: the embedded DuckDB database."""
from newsgraph.store.database import Store

__all__ = ["Store"]
