"""The index stage: the SQLite store in, a Whoosh full-text index out, and searches over it.

schema/analyzers (what is indexed and how words are analysed) → build (store → index,
rebuild, compare) → search (query → ranked claim or item hits with highlights).
"""
