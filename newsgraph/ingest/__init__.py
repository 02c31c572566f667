"""Read stage: files, HTML, JSON/JSONL (news-please too), RSS/Atom feeds, WARC archives, gzip,
folders and stdin → raw documents."""
from newsgraph.ingest.read import RawDocument, Rejected, read_paths

__all__ = ["RawDocument", "Rejected", "read_paths"]
