"""The citation stage: items into citation keys, CSL-JSON records and their exports.

keys (stable keys at ingest) → csl (the one internal citation model) → bibtex / ris /
render (pandoc citeproc notes, bibliographies and drafts) → check (drafts against the corpus).
"""
