"""Formatted notes kept beside the corpus, so a repeated lookup does not run pandoc again.

pandoc with citeproc needs ~0.1 s to format one note (most of it reading the CSL style),
more than the whole rest of a fresh ``digestcite cite``. A note depends only on the
style file, the CSL records cited (the item's and its digest's) and the citation's markup;
it is formatted once per item and style with a sentinel paragraph number, which each lookup replaces with the
claim's own (every CSL style prints a locator's number as given). Keys are hashes of
all of these, so an item whose record changes, or an edited style file, is formatted
afresh. The cache is derived data: deleting ``notes.sqlite`` loses nothing, and any
failure to read or write it (read-only folder, a busy writer) only means pandoc runs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CACHE_FILE = "notes.sqlite"
SENTINEL = "918273645"  # stands for the paragraph number while the note is formatted


def note_key(style: Path, records: list[dict[str, Any]], template: str) -> str:
    """What a formatted note depends on (style file, records, citation markup), hashed."""
    try:
        stat = style.stat()
        identity = f"{style.resolve()}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}"
    except OSError:
        identity = str(style)
    parts = [identity, json.dumps(records, sort_keys=True, ensure_ascii=False), template]
    return hashlib.blake2b("\x1e".join(parts).encode("utf-8"), digest_size=16).hexdigest()


class NoteCache:
    """Best-effort key → (note, reference, digest reference) store in one small SQLite file."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_FILE
        self._db: sqlite3.Connection | None = None

    def _open(self) -> sqlite3.Connection | None:
        if self._db is None:
            try:
                self._db = sqlite3.connect(self.path, timeout=0.5, isolation_level=None)
                self._db.execute("CREATE TABLE IF NOT EXISTS citations(key TEXT PRIMARY KEY, note TEXT NOT NULL,"
                                 " reference TEXT NOT NULL, digest_reference TEXT NOT NULL) WITHOUT ROWID")
            except sqlite3.Error as exc:
                log.debug("note cache unavailable (%s): formatting with pandoc", exc)
                return None
        return self._db

    def get(self, key: str) -> tuple[str, str, str] | None:
        db = self._open()
        if db is None:
            return None
        try:
            row = db.execute("SELECT note, reference, digest_reference FROM citations WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            log.debug("note cache unreadable (%s)", exc)
            return None
        return (row[0], row[1], row[2]) if row else None

    def put(self, key: str, note: str, reference: str, digest_reference: str = "") -> None:
        db = self._open()
        if db is None:
            return
        try:
            db.execute("INSERT OR REPLACE INTO citations(key, note, reference, digest_reference) VALUES (?, ?, ?, ?)",
                       (key, note, reference, digest_reference))
        except sqlite3.Error as exc:
            log.debug("note cache not written (%s)", exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
