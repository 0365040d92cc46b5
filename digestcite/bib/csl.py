"""Items into CSL-JSON records: the one internal citation model every export derives from.

An item is cited as what its outlet published (title, outlet, publication date), read as
summarized in a digest (the digest's publisher and URL, and when it was ingested). When
the item's text credits another outlet ("told Radio Free Asia", "Sohu recently
reported"), the record keeps that in ``custom.credited`` and in its note.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digestcite.corpus.models import Item
    from digestcite.corpus.outlets import OutletRegistry

_CJK = re.compile(r"[\u4e00-\u9fff]")


def date_parts(iso: str | None) -> dict[str, Any] | None:
    """``2020-10`` → ``{"date-parts": [[2020, 10]]}``; partial dates stay partial."""
    if not iso:
        return None
    parts = [int(p) for p in iso[:10].split("-") if p.isdigit()]
    return {"date-parts": [parts]} if parts else None


def digest_reference(item: Item) -> tuple[str | None, str | None]:
    """``(publisher, where)`` of the first digest the item was read in."""
    document = item.document
    if document is None:
        return None, None
    where = document.url or document.title or Path(document.path_or_url).name
    return document.publisher, where


def credited_outlets(item: Item, registry: OutletRegistry | None) -> list[str]:
    """Outlets or sources the item's text credits, other than the item's own outlet."""
    found: list[str] = []
    for claim in item.claims:
        for name in (claim.credited, claim.speaker):
            if not name:
                continue
            known = registry.resolve(name) if registry is not None else None
            canonical = known.name if known else (name if name == claim.credited else None)
            if canonical and canonical != item.outlet and canonical not in found:
                found.append(canonical)
    return found


def to_csl(item: Item, registry: OutletRegistry | None = None) -> dict[str, Any]:
    """The CSL-JSON record for an item."""
    publisher, where = digest_reference(item)
    credited = credited_outlets(item, registry)
    if item.outlet:
        kind = "article-newspaper"
    elif publisher or where:
        kind = "webpage"
    else:
        kind = "article"
    record: dict[str, Any] = {"id": item.key, "type": kind, "title": item.title}
    if item.outlet:
        record["container-title"] = item.outlet
    elif publisher:
        record["container-title"] = publisher
    issued = date_parts(item.published)
    if issued:
        record["issued"] = issued
    document = item.document
    if item.source_url:
        record["URL"] = item.source_url  # the item's own address, from its source line
    elif document is not None and document.url:
        record["URL"] = document.url
    if document is not None:
        accessed = date_parts(document.ingested)
        if accessed:
            record["accessed"] = accessed
    note_parts = []
    if credited:
        note_parts.append("As reported by " + ", ".join(credited))
    if publisher or where:
        summarized = ", ".join(p for p in (publisher, where) if p)
        note_parts.append(f"Summarized in {summarized}")
    if note_parts:
        record["note"] = "; ".join(note_parts)
    record["language"] = "zh" if _CJK.search(item.title) else "en"
    custom: dict[str, Any] = {}
    if credited:
        custom["credited"] = credited
    if item.outlet_as_printed and item.outlet_as_printed != item.outlet:
        custom["outlet_as_printed"] = item.outlet_as_printed
    if publisher:
        custom["digest_publisher"] = publisher
    if where:
        custom["digest"] = where
    if custom:
        record["custom"] = custom
    return record


def summarized_suffix(item: Item) -> str:
    """The text a note adds after the locator: ``as summarized in PUBLISHER[, DIGEST]``.

    The digest's URL is left out when the record already carries it as its URL.
    """
    publisher, where = digest_reference(item)
    document = item.document
    if document is not None and document.url and where == document.url and not item.source_url:
        where = None
    parts = [p for p in (publisher, where) if p]
    return f"as summarized in {', '.join(parts)}" if parts else ""
