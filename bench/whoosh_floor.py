"""The least a fresh process can do to answer a lookup from the Whoosh index.

``python bench/whoosh_floor.py INDEX WORD...``: import Whoosh (with digestcite's lean
import), open the index, run an OR of the analysed words ranked by BM25 and print the
best three keys. No click, no store, no claims, no citation: what every Whoosh-backed
fresh lookup pays at least. The benchmark times it beside ``digestcite cite``.
"""

from __future__ import annotations

import sys

from digestcite.index.analyzers import terms
from digestcite.index.build import open_index


def main() -> None:
    from pathlib import Path

    from whoosh.query import Or, Term

    ix = open_index(Path(sys.argv[1]))
    words = [t for w in sys.argv[2:] for t in terms(w)] or ["the"]
    with ix.searcher() as searcher:
        hits = searcher.search(Or([Term("body", w) for w in words] + [Term("title", w) for w in words]), limit=3)
        print([hit["key"] for hit in hits])


if __name__ == "__main__":
    main()
