"""The index stage: the SQLite store in, a Whoosh full-text index out, and searches over it.

schema/analyzers (what is indexed and how words are analysed) → build (store → index,
rebuild, compare) → search (query → ranked claim or item hits with highlights).
"""

from digestcite.index._lean import import_whoosh_lightly

import_whoosh_lightly()
