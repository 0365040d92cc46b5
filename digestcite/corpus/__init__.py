"""The corpus stage: pages in, items and claims out, kept in the SQLite store.

readers (file/URL → text) → digest (text → items) → claims (items → claims) → store.
"""

# The largest page read by default (``--max-size`` raises it); here so that the façade,
# the readers and the ingest worker share it without importing each other.
DEFAULT_MAX_SIZE = 50 * 1024 * 1024
