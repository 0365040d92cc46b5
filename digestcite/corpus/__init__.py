"""The corpus stage: pages in, items and claims out, kept in the SQLite store.

readers (file/URL → text) → digest (text → items) → claims (items → claims) → store.
"""
