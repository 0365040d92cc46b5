"""Health checks of a corpus: SQLite integrity, provenance links, unique keys, store vs index."""

from __future__ import annotations

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
    index: IndexDiff | None = None
    repaired: list[str] = field(default_factory=list)

    @property
    def store_ok(self) -> bool:
        return (self.integrity == "ok" and not self.orphan_claims and not self.orphan_links
                and not self.items_without_document and not self.duplicate_keys)

    @property
    def ok(self) -> bool:
        return self.store_ok and (self.index is None or self.index.ok)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "store": {
                "ok": self.store_ok, "integrity": self.integrity, "orphan_claims": self.orphan_claims,
                "orphan_links": self.orphan_links, "items_without_document": self.items_without_document,
                "duplicate_keys": self.duplicate_keys,
            },
            "index": self.index.to_json() if self.index else None,
            "repaired": self.repaired,
        }


def diagnose(corpus: Corpus) -> Diagnosis:
    """Check the store and compare the index with it."""
    from digestcite.index.build import compare

    db = corpus.store.db
    result = Diagnosis()
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
    result.index = compare(corpus.index_dir, corpus.store)
    return result


def repair(corpus: Corpus, diagnosis: Diagnosis) -> Diagnosis:
    """Bring the index back in line with the store (the store is the truth)."""
    from digestcite.index import build

    diff = diagnosis.index
    if diff is not None and not diff.ok:
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
    after = diagnose(corpus)
    after.repaired = diagnosis.repaired
    return after
