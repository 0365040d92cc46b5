"""How a page is cut, without storing anything: for ``digestcite ingest --explain``.

Each item's block or line range, headline, outlet and date with where each came from, the
record shape the splitter found, and the blocks it dropped as furniture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO

from digestcite.corpus import DEFAULT_MAX_SIZE
from digestcite.errors import DigestciteError

if TYPE_CHECKING:
    from digestcite.corpus.digest import PageDefaults
    from digestcite.corpus.outlets import OutletRegistry


def explain_pages(
    specs: list[str], registry: OutletRegistry, *, defaults: PageDefaults | None = None, fmt: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE, stdin: BinaryIO | None = None,
) -> list[dict[str, Any]]:
    """One report per page: the cut, or the error that stopped reading it."""
    from digestcite.corpus.digest import split_page
    from digestcite.corpus.prepare import page_warnings
    from digestcite.corpus.readers import read_source

    reports: list[dict[str, Any]] = []
    for spec in specs:
        try:
            raw = read_source(spec, fmt=fmt, max_size=max_size, stdin=stdin)
        except DigestciteError as exc:
            reports.append({"path_or_url": spec, "error": str(exc) if exc.path else f"{spec}: {exc}"})
            continue
        page = split_page(raw.blocks or raw.text, registry, defaults, raw.meta)
        items = []
        for item in page.items:
            outlet = registry.canonical(item.outlet_as_printed)[0] if item.outlet_as_printed else None
            items.append({
                "position": item.position, "from": item.line, "to": item.line_end, "title": item.title,
                "title_from_text": item.title_from_text, "outlet": outlet, "outlet_as_printed": item.outlet_as_printed,
                "outlet_origin": item.outlet_origin, "published": item.published.iso() if item.published else None,
                "published_origin": item.published_origin, "published_reason": item.published_reason,
                "attribution": item.attribution, "author": item.author, "credited": list(item.credited),
                "paragraphs": len(item.paragraphs),
            })
        meta = raw.meta
        reports.append({
            "path_or_url": raw.path_or_url, "format": raw.format, "unit": raw.unit, "shape": page.shape, "title": page.title,
            "page": {"title": meta.title, "site_name": meta.site_name, "author": meta.author, "published": meta.published,
                     "is_article": meta.is_article},
            "items": items,
            "dropped": [{"at": at, "text": text, "why": why} for at, text, why in page.dropped],
            "warnings": [*page_warnings(raw.path_or_url, page.items, registry), *page.warnings],
            "error": None,
        })
    return reports
