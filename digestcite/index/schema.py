"""The Whoosh schema: one document per item, with its claims' facets as multi-valued fields.

Claims are found by searching items and then re-scoring the sentences of the best
items (cheaper than one document per sentence; see DEPENDENCIES.md). Dates are ISO
strings in ID fields, so ranges at any precision are term ranges, not DateRanges.
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = "3"  # 3: stems stemmed to a fixed point (issue 11)
TITLE_BOOST = 2.5


def make_schema() -> Any:
    from whoosh import fields

    from digestcite.index.analyzers import name_analyzer, text_analyzer

    text = text_analyzer()
    return fields.Schema(
        key=fields.ID(stored=True, unique=True),
        stamp=fields.STORED(),
        # NOTE: no spelling=True: its shadow fields doubled the postings (and, lacking a
        # lengths column, cost a file stat per posting); suggestions use the body's terms.
        title=fields.TEXT(analyzer=text, field_boost=TITLE_BOOST, multitoken_query="phrase"),
        body=fields.TEXT(analyzer=text, multitoken_query="phrase"),
        outlet=fields.TEXT(analyzer=name_analyzer(), multitoken_query="phrase"),
        # NOTE: scorable keyword fields get a lengths column; without one, whoosh-reloaded
        # stats the missing column file once per posting while writing (measured: half the
        # index time on a 2,000-item ingest).
        outlet_id=fields.KEYWORD(lowercase=True, commas=True, scorable=True),
        speaker=fields.TEXT(analyzer=name_analyzer(), multitoken_query="phrase"),
        kind=fields.KEYWORD(lowercase=True, commas=True, scorable=True),
        published=fields.ID(stored=True),
        event=fields.KEYWORD(commas=True, scorable=True),
    )
