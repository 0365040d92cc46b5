"""The first half of ingest, which needs no store: read a page, split it, find its claims.

It runs in a worker process when many pages are ingested, so reading and splitting the
next pages overlaps with storing and indexing the previous ones (two cores: about half
of an ingest's time is this half). Everything it returns is picklable.
"""

from __future__ import annotations

import signal
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from digestcite.corpus import DEFAULT_MAX_SIZE
from digestcite.errors import DigestciteError

if TYPE_CHECKING:
    from digestcite.corpus.claims import ClaimDraft
    from digestcite.corpus.digest import PageDefaults, ParsedItem
    from digestcite.corpus.outlets import OutletRegistry
    from digestcite.corpus.readers import RawPage


@dataclass(frozen=True, slots=True)
class PreparedItem:
    """An item with its claims, text identity and shingles, ready to store."""

    parsed: ParsedItem
    claims: tuple[ClaimDraft, ...]
    digest: str
    shingles: frozenset[int]


@dataclass(frozen=True, slots=True)
class PreparedPage:
    """A page read and split, or the error that stopped it."""

    spec: str
    raw: RawPage | None
    title: str | None = None
    items: tuple[PreparedItem, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    shape: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """What every page of one ingest shares."""

    aliases: tuple[tuple[str, str], ...] = ()
    defaults: PageDefaults | None = None
    fmt: str | None = None
    max_size: int = DEFAULT_MAX_SIZE


def prepare(
    spec: str, settings: Settings, registry: OutletRegistry, *, raw: RawPage | None = None,
    stdin: BinaryIO | None = None,
) -> PreparedPage:
    """Read (unless ``raw`` is given), split and extract claims for one page."""
    from digestcite.corpus.claims import extract_claims
    from digestcite.corpus.digest import split_page
    from digestcite.corpus.readers import read_source
    from digestcite.corpus.store import shingles, text_hash

    timings = {"read": 0.0, "split": 0.0, "claims": 0.0}
    started = time.perf_counter()
    if raw is None:
        try:
            raw = read_source(spec, fmt=settings.fmt, max_size=settings.max_size, stdin=stdin)
        except DigestciteError as exc:
            return PreparedPage(spec, None, error=str(exc) if exc.path else f"{spec}: {exc}")
    timings["read"] = time.perf_counter() - started
    started = time.perf_counter()
    page = split_page(raw.blocks or raw.text, registry, settings.defaults, raw.meta)
    timings["split"] = time.perf_counter() - started
    started = time.perf_counter()
    items = tuple(
        PreparedItem(parsed, tuple(extract_claims(list(parsed.paragraphs), parsed.published)),
                     text_hash(parsed.paragraphs), frozenset(shingles(parsed.paragraphs)))
        for parsed in page.items
    )
    timings["claims"] = time.perf_counter() - started
    warnings = page_warnings(raw.path_or_url, page.items, registry)
    warnings.extend(f"{raw.path_or_url}: {doubt} (see how it was cut: digestcite ingest --explain {raw.path_or_url})"
                    for doubt in page.warnings)
    return PreparedPage(spec, raw, page.title, items, tuple(warnings), timings=timings, shape=page.shape)


def page_warnings(name: str, items: list[ParsedItem], registry: OutletRegistry) -> list[str]:
    """Notes for the person ingesting: items without dates or outlets, unknown outlets."""
    warnings = []
    if not items:
        warnings.append(f"{name}: no items found")
    no_date = [i for i in items if i.published is None]
    if no_date:
        reasons = sorted({i.published_reason or "no date" for i in no_date})
        warnings.append(f"{name}: {len(no_date)} item(s) without a publication date ({'; '.join(reasons)})")
    no_outlet = [i for i in items if not i.outlet_as_printed]
    if no_outlet:
        warnings.append(f"{name}: {len(no_outlet)} item(s) without an outlet (give one with --source)")
    unknown = sorted({i.outlet_as_printed for i in items if i.outlet_as_printed and not registry.resolve(i.outlet_as_printed)})
    if unknown:
        warnings.append(f"{name}: outlet(s) not in the registry, kept as printed: {', '.join(unknown)}")
    return warnings


# --- in a worker process ----------------------------------------------------------------

_worker: tuple[Settings, OutletRegistry] | None = None


def start_worker(settings: Settings) -> None:
    """Worker initializer: Ctrl-C is the parent's to handle; build the registry once."""
    global _worker
    from digestcite.corpus.outlets import OutletRegistry

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    registry = OutletRegistry.bundled()
    for alias, outlet in settings.aliases:
        registry.add_alias(alias, outlet)
    _worker = (settings, registry)


def prepare_in_worker(spec: str) -> PreparedPage:
    assert _worker is not None, "start_worker was not called"
    settings, registry = _worker
    return prepare(spec, settings, registry)
