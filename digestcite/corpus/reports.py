"""What an ingest or a correction reports (one PageReport per page, the Changes it made, the
IngestReport), and the corrections as the store keeps them (Edit).

NOTE (issue 13, "Speed"): kept out of :mod:`digestcite.corpus.models`, which every lookup imports:
creating a frozen, slotted dataclass costs about 1 ms of a fresh process, and a lookup makes
none of these (an Edit only for an item that was corrected).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Edit:
    """One correction: a field of an item (by key) or of a document (by id), old and new value, when, how.

    ``field`` is ``removed`` when the item or document itself was removed (``old`` then says what it was).
    """

    id: int
    at: str
    item_key: str | None
    document_id: int | None
    field: str
    old: str | None
    new: str | None
    via: str  # the command: edit, edit-page, remove, remove --page, ingest --update

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at, "item_key": self.item_key, "document_id": self.document_id, "field": self.field,
                "old": self.old, "new": self.new, "via": self.via}


@dataclass(frozen=True, slots=True)
class PageReport:
    """What ingesting one page did."""

    path_or_url: str
    status: str  # added | updated | unchanged | failed
    items_added: tuple[str, ...] = ()
    items_linked: tuple[str, ...] = ()
    near_duplicates: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    changes: tuple[Change, ...] = ()  # what ``ingest --update`` corrected

    def to_json(self) -> dict[str, Any]:
        return {
            "path_or_url": self.path_or_url, "status": self.status,
            "items_added": list(self.items_added), "items_linked": list(self.items_linked),
            "near_duplicates": [list(p) for p in self.near_duplicates],
            "warnings": list(self.warnings), "error": self.error, "changes": [c.to_json() for c in self.changes],
        }


@dataclass(frozen=True, slots=True)
class Change:
    """One value a correction changed: an item's (by key) or a document's (by id)."""

    field: str
    old: str | None
    new: str | None
    item_key: str | None = None
    document_id: int | None = None

    def describe(self) -> str:
        """``outlet: Xinhua News Agency → Radio Free Asia`` (— for no value)."""
        return f"{self.field}: {self.old or '—'} → {self.new or '—'}"

    def to_json(self) -> dict[str, Any]:
        return {"item_key": self.item_key, "document_id": self.document_id, "field": self.field,
                "old": self.old, "new": self.new}


@dataclass(slots=True)
class IngestReport:
    """What a whole ``ingest`` run did: one :class:`PageReport` per input."""

    pages: list[PageReport] = field(default_factory=list)
    interrupted: bool = False
    unindexed: int = 0  # stored items not in the index yet (the next catch-up adds them)
    index_busy: bool = False  # another process held the index lock: this run's items wait for its catch-up
    stopped: str | None = None  # why the run stopped before its last page (store busy, disk full)
    not_ingested: int = 0  # pages left when it stopped
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def failed(self) -> list[PageReport]:
        return [p for p in self.pages if p.status == "failed"]

    def counts(self) -> dict[str, int]:
        return {
            "pages_added": sum(p.status == "added" for p in self.pages),
            "pages_updated": sum(p.status == "updated" for p in self.pages),
            "pages_unchanged": sum(p.status == "unchanged" for p in self.pages),
            "pages_failed": len(self.failed),
            "items_added": sum(len(p.items_added) for p in self.pages),
            "items_linked": sum(len(p.items_linked) for p in self.pages),
            "near_duplicates": sum(len(p.near_duplicates) for p in self.pages),
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.counts(), "interrupted": self.interrupted, "unindexed": self.unindexed,
                "stopped": self.stopped, "not_ingested": self.not_ingested,
                "timings": {k: round(v, 4) for k, v in self.timings.items()},
                "pages": [p.to_json() for p in self.pages]}
