"""Atheris fuzz target: any bytes through the whole ingest-a-page pipeline.

Reads the bytes as a page (text decoding, or HTML through pandoc when they look like
HTML), splits it into items, extracts claims, and exports the items as BibTeX and RIS.
Only DigestciteError subclasses may escape; anything else is a bug.

    python fuzz/ingest_fuzz.py -runs=100000          # longer, by hand
    python fuzz/ingest_fuzz.py -runs=500 -max_len=4096   # briefly, as the tests do
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from digestcite.bib.bibtex import to_bibtex
    from digestcite.bib.ris import to_ris
    from digestcite.corpus.claims import extract_claims
    from digestcite.corpus.digest import split_page
    from digestcite.corpus.outlets import OutletRegistry
    from digestcite.corpus.readers import read_bytes
    from digestcite.errors import DigestciteError

REGISTRY = OutletRegistry.bundled()


def one_page(data: bytes) -> None:
    try:
        page = read_bytes(data, "fuzz", fmt="txt")
    except DigestciteError:
        return
    split = split_page(page.text, REGISTRY)
    records = []
    for n, item in enumerate(split.items):
        claims = extract_claims(list(item.paragraphs), item.published)
        assert all(c.paragraph >= 1 and c.sentence >= 1 for c in claims)
        record = {"id": f"k{n}", "type": "article-newspaper", "title": item.title}
        if item.outlet_as_printed:
            record["container-title"] = item.outlet_as_printed
        records.append(record)
    bib = to_bibtex(records, biblatex=True)
    assert bib.count("@") >= len(records)
    ris = to_ris(records)
    assert ris.count("ER  - ") == len(records)


def main() -> None:
    atheris.Setup(sys.argv, one_page)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
