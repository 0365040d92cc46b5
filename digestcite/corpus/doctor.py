"""Health checks of a corpus: SQLite integrity, provenance links, unique keys, store vs index."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digestcite.corpus.folder import Corpus
    from digestcite.index.build import IndexDiff


@dataclass
class Diagnosis:
    """What ``doctor`` found, and what ``--repair`` did about it."""

    integrity: str = "ok"
    orphan_claims: int = 0
    orphan_links: int = 0
    items_without_document: int = 0
    duplicate_keys: list[str] = field(default_factory=list)
    items: int = 0
    index: IndexDiff | None = None
    repaired: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what doctor will not repair, and why

    @property
    def store_ok(self) -> bool:
        return (self.integrity == "ok" and not self.orphan_claims and not self.orphan_links
                and not self.items_without_document and not self.duplicate_keys)

    @property
    def ok(self) -> bool:
        return self.store_ok and (self.index is None or self.index.ok) and not self.warnings

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "store": {
                "ok": self.store_ok, "integrity": self.integrity, "orphan_claims": self.orphan_claims,
                "orphan_links": self.orphan_links, "items_without_document": self.items_without_document,
                "duplicate_keys": self.duplicate_keys,
            },
            "index": self.index.to_json() if self.index else None,
            "repaired": self.repaired, "warnings": self.warnings,
        }


def diagnose(corpus: Corpus) -> Diagnosis:
    """Check the store and compare the index with it; never raises for a damaged store or index."""
    from digestcite.index.build import compare

    db = corpus.store.db
    result = Diagnosis()
    try:
        rows = [r[0] for r in db.execute("PRAGMA integrity_check")]
        result.integrity = "ok" if rows == ["ok"] else "; ".join(rows[:5])
        result.orphan_claims = db.execute(
            "SELECT COUNT(*) FROM claims WHERE item_id NOT IN (SELECT id FROM items)").fetchone()[0]
        result.orphan_links = db.execute(
            "SELECT COUNT(*) FROM document_items WHERE item_id NOT IN (SELECT id FROM items)"
            " OR document_id NOT IN (SELECT id FROM documents)").fetchone()[0]
        result.items_without_document = db.execute(
            "SELECT COUNT(*) FROM items WHERE id NOT IN (SELECT item_id FROM document_items)").fetchone()[0]
        result.duplicate_keys = [r[0] for r in db.execute("SELECT key FROM items GROUP BY key HAVING COUNT(*) > 1")]
        result.items = db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        result.integrity = f"the store is damaged ({exc}): restore store.sqlite from a backup"
        return result  # NOTE: the index is not compared with (nor repaired from) a damaged store
    try:
        result.index = compare(corpus.index_dir, corpus.store)
    except sqlite3.DatabaseError as exc:
        result.integrity = f"the store is damaged ({exc}): restore store.sqlite from a backup"
        result.index = None
        return result
    diff = result.index
    if diff.indexed and len(diff.extra) > result.items:
        result.warnings.append(
            f"the store is empty but the index holds {diff.indexed} item(s): restore store.sqlite from a backup;"
            " the index is kept" if result.items == 0 else
            f"the index holds {len(diff.extra)} item(s) the store does not have, more than the store's {result.items}:"
            " restore store.sqlite from a backup; the index is kept")
    return result


def repair(corpus: Corpus, diagnosis: Diagnosis) -> Diagnosis:
    """Bring the index back in line with the store (the store is the truth).

    Never from a damaged store, and never deleting an index that holds more items than
    the store (a store lost or replaced by an empty one: the index is its last trace).
    Runs under the index-writer lock, comparing again once it has it, so an ingest
    running beside it loses nothing.
    """
    from digestcite.index import build

    if not diagnosis.store_ok and diagnosis.integrity != "ok":
        after = diagnose(corpus)
        after.repaired = ["nothing: the store itself is damaged, so the index was left as it is"]
        return after
    with build.writing(corpus.index_dir, wait=build.CATCH_UP_WAIT_S):
        current = diagnose(corpus)
        diff = current.index
        if diff is not None and not diff.ok and not current.warnings:
            if diff.error or len(diff.missing) + len(diff.stale) + len(diff.extra) > 500:
                count = build.rebuild(corpus.index_dir, corpus)
                diagnosis.repaired.append(f"rebuilt the index from the store ({count} items)")
            else:
                if diff.extra:
                    build.delete(corpus.index_dir, diff.extra)
                    diagnosis.repaired.append(f"removed {len(diff.extra)} item(s) the store does not have")
                if diff.missing or diff.stale:
                    build.update(corpus.index_dir, corpus, diff.missing + diff.stale)
                    diagnosis.repaired.append(f"indexed {len(diff.missing)} missing and {len(diff.stale)} stale item(s)")
                build.catch_up(corpus.index_dir, corpus)
    after = diagnose(corpus)
    after.repaired = diagnosis.repaired
    return after
