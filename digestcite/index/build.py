"""Store → index: add or replace items, rebuild from scratch, compare for ``doctor``.

The index is derived data. A rebuild writes a fresh index beside the old one and swaps
it in with a rename, so a reader never sees a half-built index.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digestcite.errors import BusyError, CorpusError

if TYPE_CHECKING:
    from digestcite.corpus.folder import Corpus
    from digestcite.corpus.models import Item
    from digestcite.corpus.store import Store

log = logging.getLogger(__name__)

WRITE_WAIT_S = 10.0
VERSION_FILE = "LAYOUT"
BULK_THRESHOLD = 1000


def stamp_of(item: Item) -> str:
    """What the index must agree with for this item: text, title, outlet, date, tags, claims."""
    parts = [item.title, item.outlet or "", item.published or "", "\x1f".join(item.tags), "\x1e".join(item.paragraphs),
             str(len(item.claims))]
    return hashlib.blake2b("\x1d".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def item_document(item: Item, outlet_id: str | None) -> dict[str, Any]:
    """The Whoosh document for one item (with claims loaded)."""
    speakers = sorted({c.speaker for c in item.claims if c.speaker} | {c.credited for c in item.claims if c.credited})
    events: set[str] = set()
    for claim in item.claims:
        if claim.event_date:
            start, _, end = claim.event_date.partition("/")
            events.add(start)
            if end:
                events.add(end)
                events.update(_months_between(start, end))
    outlets = [o for o in {item.outlet, item.outlet_as_printed} if o]
    published = item.published or ""
    return {
        "key": item.key,
        "stamp": stamp_of(item),
        "title": item.title,
        "body": "\n".join(item.paragraphs),
        "outlet": "\n".join(outlets),
        "outlet_id": outlet_id or "",
        "speaker": "\n".join(speakers),
        "kind": ",".join(sorted({c.kind for c in item.claims})),
        "published": published,
        "event": ",".join(sorted(events)),
    }


def _months_between(start: str, end: str, most: int = 240) -> list[str]:
    """``YYYY-MM`` terms inside a range, so a range is found by any month it covers."""
    year, month = int(start[:4]), int(start[5:7]) if len(start) >= 7 else 1
    last = (int(end[:4]), int(end[5:7]) if len(end) >= 7 else 12)
    months: list[str] = []
    while (year, month) <= last and len(months) < most:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def open_index(path: Path, *, create: bool = False) -> Any:
    """Open the index for reading (no mmap: see DEPENDENCIES.md), creating it if asked."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import EmptyIndexError

    from digestcite.index.schema import SCHEMA_VERSION

    try:
        # NOTE: opening directly (no exists_in first) reads the table of contents once, not twice.
        ix = FileStorage(str(path), supports_mmap=False).open_index()
    except (EmptyIndexError, FileNotFoundError, OSError):
        if not create:
            raise CorpusError("the index is missing: run 'digestcite index rebuild'", path=str(path)) from None
        return _create(path)
    version = (path / VERSION_FILE).read_text("utf-8").strip() if (path / VERSION_FILE).exists() else "?"
    if version != SCHEMA_VERSION:
        raise CorpusError(
            f"the index has layout {version}, this digestcite writes {SCHEMA_VERSION}: run 'digestcite index rebuild'",
            path=str(path),
        )
    return ix


def _create(path: Path) -> Any:
    from whoosh import index

    from digestcite.index.schema import SCHEMA_VERSION, make_schema

    path.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(path), make_schema())
    (path / VERSION_FILE).write_text(SCHEMA_VERSION + "\n", "utf-8")
    return ix


def _writer(ix: Any, *, bulk: bool = False) -> Any:
    from whoosh.index import LockError

    try:
        if bulk:
            from digestcite.children import die_with_parent

            die_with_parent()  # Whoosh forks sub-writers
            return ix.writer(procs=2, multisegment=True, limitmb=256, timeout=WRITE_WAIT_S, delay=0.25)
        return ix.writer(timeout=WRITE_WAIT_S, delay=0.1)
    except LockError as exc:
        raise BusyError(
            f"another digestcite process is writing the index (waited {WRITE_WAIT_S:.0f} s); try again when it is done"
        ) from exc


def update(path: Path, corpus: Corpus, keys: Sequence[str], *, new: bool = False, merge: bool = True) -> int:
    """Add or replace these items in the index; return how many were written.

    :param new: the items are known not to be in the index yet (just ingested), so they
        are added without first looking for an older version to delete.
    :param merge: let Whoosh merge small segments into the new one (its MERGE_SMALL
        policy). A long ingest merges on its first batch only: Whoosh re-adds every posting
        of a merged segment in Python, so merging on every batch made indexing grow
        faster than the corpus (100k items: 547 s against 16 s for 10k).
    """
    ix = open_index(path, create=True)
    registry = corpus.registry
    wanted = list(dict.fromkeys(keys))
    writer = _writer(ix, bulk=len(wanted) >= BULK_THRESHOLD)
    count = 0
    try:
        for start in range(0, len(wanted), 500):
            for item in corpus.store.items(keys=wanted[start:start + 500], with_claims=True):
                outlet = registry.resolve(item.outlet) if item.outlet else None
                document = item_document(item, outlet.key if outlet else None)
                if new:
                    writer.add_document(**document)
                else:
                    writer.update_document(**document)
                count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit(merge=merge)
    return count


def delete(path: Path, keys: Iterable[str]) -> int:
    ix = open_index(path)
    writer = _writer(ix)
    count = 0
    with writer:
        for key in keys:
            count += writer.delete_by_term("key", key)
    return count


def rebuild(path: Path, corpus: Corpus) -> int:
    """Recreate the index from the store alone; swap it in atomically. Return item count."""
    fresh = path.with_name(path.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    ix = _create(fresh)
    registry = corpus.registry
    count = 0
    total = corpus.store.counts()["items"]
    writer = _writer(ix, bulk=total >= BULK_THRESHOLD)
    with writer:
        for item in iter_items(corpus.store):
            outlet = registry.resolve(item.outlet) if item.outlet else None
            writer.add_document(**item_document(item, outlet.key if outlet else None))
            count += 1
    old = path.with_name(path.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if path.exists():
        path.rename(old)
    fresh.rename(path)
    shutil.rmtree(old, ignore_errors=True)
    return count


def iter_items(store: Store, batch: int = 500) -> Iterable[Item]:
    """Every item with its claims, in batches so memory stays flat."""
    last = 0
    while True:
        keys = [r[0] for r in store.db.execute("SELECT key FROM items WHERE id > ? ORDER BY id LIMIT ?", (last, batch))]
        if not keys:
            return
        items = store.items(keys=keys, with_claims=True)
        items.sort(key=lambda i: i.id)
        yield from items
        last = items[-1].id


@dataclass
class IndexDiff:
    """How the index disagrees with the store."""

    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.stale or self.error)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "missing": self.missing, "extra": self.extra, "stale": self.stale, "error": self.error}


def compare(path: Path, store: Store) -> IndexDiff:
    """Items the index lacks, has but the store does not, or holds in an old version."""
    from whoosh import index

    diff = IndexDiff()
    if not index.exists_in(str(path)):
        diff.error = "the index is missing"
        diff.missing = [r[0] for r in store.db.execute("SELECT key FROM items ORDER BY id")]
        return diff
    try:
        ix = open_index(path)
    except CorpusError as exc:
        diff.error = exc.message
        return diff
    try:
        with ix.searcher() as searcher:
            indexed = {fields["key"]: fields.get("stamp") for fields in searcher.all_stored_fields()}
    except Exception as exc:  # noqa: BLE001 - any unreadable index is reported and rebuilt, never trusted
        diff.error = f"the index cannot be read: {type(exc).__name__}: {exc}"
        diff.missing = [r[0] for r in store.db.execute("SELECT key FROM items ORDER BY id")]
        return diff
    for item in iter_items(store):
        stamp = indexed.pop(item.key, None)
        if stamp is None:
            diff.missing.append(item.key)
        elif stamp != stamp_of(item):
            diff.stale.append(item.key)
    diff.extra = sorted(indexed)
    return diff


def reindex_outlet(corpus: Corpus, outlet: str) -> int:
    """Re-index every item of one outlet (after an alias changed it)."""
    keys = [r[0] for r in corpus.store.db.execute("SELECT key FROM items WHERE outlet = ?", (outlet,))]
    return update(corpus.index_dir, corpus, keys) if keys else 0
