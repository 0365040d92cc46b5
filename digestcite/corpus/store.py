"""The SQLite store: the single source of truth for documents, items, claims and outlets.

Schema versioned with migrations (each inside a transaction, a backup copy taken first).
WAL mode so readers are never blocked; one writer at a time, a second waits briefly and
then fails with :class:`~digestcite.errors.BusyError`.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import struct
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digestcite.corpus.models import Claim, Document, Item
from digestcite.errors import BusyError, CorpusError, DiskFullError, SchemaVersionError, UnknownKeyError

if TYPE_CHECKING:
    from digestcite.bib.keys import KeySpace
    from digestcite.corpus.reports import Edit

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 10.0
WRITER_CACHE_KIB = 64 * 1024
NEW_STORE_WAIT_S = 2.0
WAL_CHECKPOINT_PAGES = 2500
WAL_SIZE_LIMIT = 16 * 1024 * 1024

MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    # 1: the first schema
    """
    CREATE TABLE documents(
        id INTEGER PRIMARY KEY,
        path_or_url TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL,
        publisher TEXT,
        url TEXT,
        title TEXT,
        size INTEGER NOT NULL,
        ingested TEXT NOT NULL,
        n_items INTEGER NOT NULL
    );
    CREATE TABLE items(
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        outlet TEXT,
        outlet_as_printed TEXT,
        outlet_origin TEXT,
        published TEXT,
        published_reason TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        paragraphs TEXT NOT NULL,
        captions TEXT NOT NULL DEFAULT '[]',
        attribution TEXT,
        title_from_text INTEGER NOT NULL DEFAULT 0,
        text_hash TEXT NOT NULL UNIQUE,
        n_shingles INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL
    );
    CREATE INDEX items_outlet ON items(outlet);
    CREATE INDEX items_published ON items(published);
    CREATE TABLE document_items(
        document_id INTEGER NOT NULL REFERENCES documents(id),
        item_id INTEGER NOT NULL REFERENCES items(id),
        position INTEGER NOT NULL,
        line INTEGER,
        PRIMARY KEY(document_id, item_id)
    );
    CREATE INDEX document_items_item ON document_items(item_id);
    CREATE TABLE claims(
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id),
        paragraph INTEGER NOT NULL,
        sentence INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT,
        credited TEXT,
        event_date TEXT,
        numbers TEXT NOT NULL DEFAULT '[]',
        UNIQUE(item_id, paragraph, sentence)
    );
    CREATE TABLE outlet_aliases(
        alias TEXT PRIMARY KEY,
        outlet TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE TABLE shingles(hash INTEGER NOT NULL, item_id INTEGER NOT NULL REFERENCES items(id));
    CREATE INDEX shingles_hash ON shingles(hash);
    CREATE TABLE near_duplicates(
        item_id INTEGER NOT NULL REFERENCES items(id),
        other_id INTEGER NOT NULL REFERENCES items(id),
        similarity REAL NOT NULL,
        PRIMARY KEY(item_id, other_id)
    );
    """,
    # 2: a claim's text is a span of its paragraph (stored once, in the item), and the
    # shingle table keeps its key as the table itself (half the size on disk).
    """
    ALTER TABLE claims ADD COLUMN text_start INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE claims ADD COLUMN text_end INTEGER NOT NULL DEFAULT 0;
    UPDATE claims SET text_start = instr(
        json_extract((SELECT paragraphs FROM items WHERE items.id = claims.item_id), '$[' || (paragraph - 1) || ']'),
        text) - 1;
    UPDATE claims SET text_end = text_start + length(text);
    ALTER TABLE claims DROP COLUMN text;
    CREATE TABLE shingles_new(
        hash INTEGER NOT NULL, item_id INTEGER NOT NULL REFERENCES items(id), PRIMARY KEY(hash, item_id)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO shingles_new(hash, item_id) SELECT hash, item_id FROM shingles;
    DROP TABLE shingles;
    ALTER TABLE shingles_new RENAME TO shingles;
    """,
    # 3: the item's own address when its source line gives one
    """
    ALTER TABLE items ADD COLUMN source_url TEXT;
    """,
]


def _migrate_sketches(db: sqlite3.Connection) -> None:
    """4: each item keeps its whole shingle sketch; the shingle table keeps only its
    SKETCH_KEYS smallest, to find candidates (see :meth:`Store.add_shingles`)."""
    # NOTE: a table of its own: as a column, the 384-byte blob packed fewer item rows per
    # page (items table +34%, against +21% for the blobs themselves).
    db.execute("CREATE TABLE sketches(item_id INTEGER PRIMARY KEY REFERENCES items(id), sketch BLOB NOT NULL)")
    pending: list[tuple[bytes, int]] = []
    current: int | None = None
    values: list[int] = []
    for item_id, value in db.execute("SELECT item_id, hash FROM shingles ORDER BY item_id, hash"):
        if item_id != current:
            if current is not None:
                pending.append((pack_sketch(values), current))
            current, values = item_id, []
        values.append(value)
    if current is not None:
        pending.append((pack_sketch(values), current))
    db.executemany("INSERT INTO sketches(sketch, item_id) VALUES (?, ?)", pending)
    db.execute("CREATE TABLE shingles_keys(hash INTEGER NOT NULL, item_id INTEGER NOT NULL REFERENCES items(id),"
               " PRIMARY KEY(hash, item_id)) WITHOUT ROWID")
    db.execute("INSERT INTO shingles_keys(hash, item_id) SELECT hash, item_id FROM (SELECT hash, item_id,"
               " ROW_NUMBER() OVER (PARTITION BY item_id ORDER BY hash) AS n FROM shingles) WHERE n <= ?",
               (SKETCH_KEYS,))
    db.execute("DROP TABLE shingles")
    db.execute("ALTER TABLE shingles_keys RENAME TO shingles")


MIGRATIONS.append(_migrate_sketches)
# 5: where an item's date came from, its byline, every outlet it credits; a document's own
# metadata (site name, author, date) as the page stated it
MIGRATIONS.append("""
    ALTER TABLE items ADD COLUMN published_origin TEXT;
    ALTER TABLE items ADD COLUMN author TEXT;
    ALTER TABLE items ADD COLUMN credited TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE documents ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE documents ADD COLUMN shape TEXT;
""")


def _migrate_edits(db: sqlite3.Connection) -> None:
    """6: corrections. A document keeps its own date (the date the page states, until someone
    corrects it), and every correction is kept: which item (by key, kept after the item is
    removed) or document, which field, the old and the new value, when, and which command.
    A removed item's row also keeps its text's identity, so the same text ingested again gets
    its key back."""
    db.execute("ALTER TABLE documents ADD COLUMN published TEXT")
    dated = [(page_date(json.loads(meta or "{}").get("published")), document_id)
             for document_id, meta in db.execute("SELECT id, meta FROM documents")]
    db.executemany("UPDATE documents SET published = ? WHERE id = ?", [d for d in dated if d[0]])
    db.execute("""
        CREATE TABLE edits(
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            item_key TEXT,
            document_id INTEGER,
            field TEXT NOT NULL,
            old TEXT,
            new TEXT,
            via TEXT NOT NULL,
            text_hash TEXT,
            CHECK ((item_key IS NULL) <> (document_id IS NULL))
        )""")
    db.execute("CREATE INDEX edits_item ON edits(item_key)")
    db.execute("CREATE INDEX edits_document ON edits(document_id)")
    db.execute("CREATE INDEX edits_removed_text ON edits(text_hash) WHERE text_hash IS NOT NULL")


def page_date(stated: object) -> str | None:
    """A page's own date as ISO 8601 (keeping its precision), or None when it states none we can read."""
    from digestcite.corpus.dates import PartialDate, parse_date
    from digestcite.errors import ParseError

    if not isinstance(stated, str) or not stated.strip():
        return None
    for read in (parse_date, lambda text: PartialDate.from_iso(text.strip()[:10])):
        try:
            return read(stated).iso()
        except ParseError:
            continue
    return None


MIGRATIONS.append(_migrate_edits)
# Migrations that rebuild a table, after which the file is compacted once.
_REBUILDS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_sketches,)
SCHEMA_VERSION = len(MIGRATIONS)

# Items that retell an earlier item with small edits are counted once where counts matter.
NOT_A_RETELLING = "id NOT IN (SELECT item_id FROM near_duplicates)"

_SKETCH_SIZE = 48  # shingles kept per item (the smallest hashes): its sketch
SKETCH_KEYS = 8  # of those, the smallest few go into the shingle table to find candidates
NEAR_DUPLICATE_THRESHOLD = 0.5
COMMON_SHINGLE = 64  # a shingle in more items than this is boilerplate, not a sign of a retelling


def normalize_text(text: str) -> str:
    """Case, width and spacing folded, for hashing and comparing item texts."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def text_hash(paragraphs: Sequence[str]) -> str:
    """The identity of an item's text: the same body in two digests is one item."""
    import hashlib  # NOTE: lazily: loading OpenSSL is ~6 ms of every fresh lookup

    return hashlib.sha256(normalize_text("\n".join(paragraphs)).encode("utf-8")).hexdigest()


def pack_sketch(values: Iterable[int]) -> bytes:
    """A sketch as stored with its item: sorted signed 64-bit integers, little-endian."""
    ordered = sorted(values)
    return struct.pack(f"<{len(ordered)}q", *ordered)


def unpack_sketch(blob: bytes | None) -> tuple[int, ...]:
    return struct.unpack(f"<{len(blob) // 8}q", blob) if blob else ()


def shingles(paragraphs: Sequence[str]) -> set[int]:
    """A bottom-k sample of the word 5-gram shingles of a text, as signed 64-bit hashes.

    Five words a shingle: the hash of words a..e is unrolled below.
    """
    words = [zlib.crc32(w.encode("utf-8")) for w in re.findall(r"\w+", normalize_text(" ".join(paragraphs)))]
    # value = ((((a·P + b)·P + c)·P + d)·P + e) mod 2^64: reducing once at the end is the
    # same as after every step, and unrolled it is three times faster than a loop.
    p = 1_000_003
    found: set[int] = set()
    for a, b, c, d, e in zip(words, words[1:], words[2:], words[3:], words[4:], strict=False):  # shorter tails end it
        value = ((((a * p + b) * p + c) * p + d) * p + e) & 0xFFFFFFFFFFFFFFFF
        found.add(value - (1 << 64) if value >= 1 << 63 else value)  # SQLite integers are signed
    # A bottom-k sketch: the same k smallest hashes stand for any text, long or short.
    return set(sorted(found)[:_SKETCH_SIZE])


class Store:
    """An open SQLite store."""

    def __init__(self, path: Path, *, create: bool = False, readonly: bool = False) -> None:
        """Open the store at ``path``.

        :param create: make the schema when the store is new or has none (``init``, or a
            first ingest into a folder with no store); otherwise a file without the
            digestcite schema (a 0-byte failed copy, another program's database) is refused.
        """
        self.path = path
        self._key_spaces: dict[str, KeySpace] = {}
        self._key_spaces_version: int | None = None
        if not create and not path.exists():
            raise CorpusError("no store in this corpus folder", path=str(path.parent))
        self.readonly = readonly
        # NOTE (CI, four ingests racing to create one corpus): while one process creates the
        # schema in rollback-journal mode, another's switch to WAL can get "database is
        # locked" at once, without SQLite's busy wait; that is a busy store, not a damaged
        # one: open again until BUSY_TIMEOUT_S has passed.
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                self._open(path, create=create, readonly=readonly)
                return
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if getattr(self, "db", None) is not None:
                    self.db.close()
                if not busy:
                    raise CorpusError(f"the store is damaged or not a digestcite store: {exc}", path=str(path)) from exc
                if time.monotonic() >= deadline:
                    raise BusyError(
                        f"another digestcite process is writing to this corpus (waited {BUSY_TIMEOUT_S:.0f} s); "
                        "try again when it is done", path=str(path.parent)) from exc
                time.sleep(0.05)

    def _open(self, path: Path, *, create: bool, readonly: bool) -> None:
        try:
            if readonly:
                self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            else:
                self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            if self._schemaless(create=create and not readonly) and not self._being_created():
                self.db.close()
                raise EmptyStoreError(path)
            if not readonly:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                # NOTE: fewer, larger WAL checkpoints: each one fsyncs (15% of store time at
                # 7,500 items); but each WAL page is disk an ingest needs free beside the
                # store, and the WAL file keeps its largest size: WAL_CHECKPOINT_PAGES and a
                # size limit keep it small (issue 12.17, measured in docs/RELIABILITY.md).
                self.db.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
                self.db.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
                # NOTE: near-duplicate lookups probe the shingle table at random; with the
                # default 2 MB page cache they miss more as the corpus grows (the store stage
                # per item doubled from 10k to 100k items).
                self.db.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.OperationalError as exc:
            if is_disk_full(exc):
                raise DiskFullError("disk full: the store could not be opened for writing", path=str(path)) from exc
            raise  # a busy store is opened again by __init__; anything else is reported there
        except sqlite3.DatabaseError as exc:
            if is_disk_full(exc):
                raise DiskFullError("disk full: the store could not be opened for writing", path=str(path)) from exc
            raise CorpusError(f"the store is damaged or not a digestcite store: {exc}", path=str(path)) from exc

    def close(self) -> None:
        self.db.close()

    def _schemaless(self, *, create: bool = False) -> bool:
        """No digestcite schema (version 0): a 0-byte file, or another program's database.

        :param create: a file with no tables at all may get the schema (``init``, a new corpus).
        """
        if self.version() != 0:
            return False
        return not create or self.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] > 0

    def _being_created(self) -> bool:
        """Whether another process is giving this new file its schema right now (it takes milliseconds).

        NOTE: two ingests started at once into a folder with no corpus: the second saw the
        first's file before its schema committed.
        """
        deadline = time.monotonic() + NEW_STORE_WAIT_S
        while time.monotonic() < deadline:
            try:
                if time.time() - self.path.stat().st_mtime > NEW_STORE_WAIT_S:
                    return False
            except OSError:
                return False
            time.sleep(0.05)
            if self.version() != 0:
                return True
        return False

    # --- schema --------------------------------------------------------------------------

    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.version()
        if current > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"the store has schema version {current}, newer than this digestcite knows ({SCHEMA_VERSION}): upgrade digestcite",
                path=str(self.path),
            )
        if current == SCHEMA_VERSION:
            return
        if self.readonly:
            raise CorpusError("the store needs a migration: run any writing command first", path=str(self.path))
        if current > 0:
            backup = self.path.with_name(f"{self.path.name}.v{current}.bak")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            import shutil

            shutil.copy2(self.path, backup)
            log.info("backed up the store to %s before migrating", backup)
        try:
            with self.transaction():
                for number in range(current, SCHEMA_VERSION):
                    step = MIGRATIONS[number]
                    if callable(step):
                        step(self.db)
                        continue
                    for statement in _statements(step):
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            raise CorpusError(
                f"upgrading the store from schema {current} to {SCHEMA_VERSION} failed ({exc}); it was left unchanged",
                path=str(self.path),
            ) from exc
        if current > 0 and any(MIGRATIONS[n] in _REBUILDS for n in range(current, SCHEMA_VERSION)):
            # NOTE: a table rebuilt inside a migration (the shingles, 4) leaves its old pages
            # free in the file; compacting once gives the space back.
            log.info("compacting the store after the upgrade")
            try:
                self.db.execute("VACUUM")
            except sqlite3.Error as exc:  # e.g. no room for the copy VACUUM makes: the store is fine as it is
                log.warning("could not compact the store after the upgrade (%s); it works as it is", exc)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back on any exception (Ctrl-C too)."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise BusyError(
                    f"another digestcite process is writing to this corpus (waited {BUSY_TIMEOUT_S:.0f} s); try again when it is done",
                    path=str(self.path.parent),
                ) from exc
            raise
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as exc:
            self._key_spaces.clear()  # they may hold keys of the items rolled back
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error) and is_disk_full(exc):
                raise DiskFullError(
                    "disk full: the change in progress was rolled back, everything committed before it is kept",
                    path=str(self.path.parent),
                ) from exc
            raise

    # --- writing -------------------------------------------------------------------------

    def document_by_hash(self, sha256: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM documents WHERE sha256 = ?", (sha256,)).fetchone()

    def key_exists(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM items WHERE key = ?", (key,)).fetchone() is not None

    def key_taken(self, key: str) -> bool:
        """Whether a key is in use or was used by an item since removed (a key is never given twice)."""
        return self.key_exists(key) or self.removal(key) is not None

    def item_id_by_hash(self, digest: str) -> tuple[int, str] | None:
        row = self.db.execute("SELECT id, key FROM items WHERE text_hash = ?", (digest,)).fetchone()
        return (row["id"], row["key"]) if row else None

    def insert_document(self, values: dict[str, Any]) -> int:
        cursor = self.db.execute(
            # NOTE: a page's number is never given again after the page is removed (its
            # corrections name it), though SQLite would reuse the highest rowid.
            "INSERT INTO documents(id, path_or_url, sha256, format, publisher, url, title, size, ingested, n_items, meta,"
            " shape, published) VALUES (1 + MAX(COALESCE((SELECT MAX(id) FROM documents), 0),"
            " COALESCE((SELECT MAX(document_id) FROM edits), 0)), :path_or_url, :sha256, :format, :publisher, :url,"
            " :title, :size, :ingested, :n_items, :meta, :shape, :published)",
            values,
        )
        return int(cursor.lastrowid or 0)

    def insert_item(self, values: dict[str, Any]) -> int:
        key = values["key"]
        if self._key_spaces:
            for end in range(len(key) + 1):
                space = self._key_spaces.get(key[:end])
                if space is not None:
                    space.take(key)
        cursor = self.db.execute(
            "INSERT INTO items(key, title, outlet, outlet_as_printed, outlet_origin, published, published_reason,"
            " tags, paragraphs, captions, attribution, title_from_text, text_hash, n_shingles, created, source_url,"
            " published_origin, author, credited)"
            " VALUES (:key, :title, :outlet, :outlet_as_printed, :outlet_origin, :published, :published_reason,"
            " :tags, :paragraphs, :captions, :attribution, :title_from_text, :text_hash, :n_shingles, :created,"
            " :source_url, :published_origin, :author, :credited)",
            values,
        )
        return int(cursor.lastrowid or 0)

    def key_space(self, base: str) -> KeySpace:
        """The keys taken under ``base`` (see :class:`~digestcite.bib.keys.KeySpace`), read once.

        Kept up to date by :meth:`insert_item`, dropped when a transaction rolls back or
        another process has written to the store since.
        """
        from digestcite.bib.keys import KeySpace

        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._key_spaces_version:
            self._key_spaces.clear()
            self._key_spaces_version = version
        space = self._key_spaces.get(base)
        if space is None:
            # Keys are [a-z0-9]: every key that begins with base sorts in [base, base + "{").
            # NOTE: removed items' keys are taken too: a key is never given to another item.
            rows = self.db.execute(
                "SELECT key FROM items WHERE key >= ? AND key < ?"
                " UNION SELECT item_key FROM edits WHERE field = 'removed' AND item_key >= ? AND item_key < ?",
                (base, base + "{", base, base + "{"))
            space = self._key_spaces[base] = KeySpace(base, (row[0] for row in rows))
        return space

    def link(self, document_id: int, item_id: int, position: int, line: int) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO document_items(document_id, item_id, position, line) VALUES (?, ?, ?, ?)",
            (document_id, item_id, position, line),
        )

    def insert_claims(self, item_id: int, rows: list[tuple[Any, ...]]) -> None:
        self.db.executemany(
            "INSERT INTO claims(item_id, paragraph, sentence, text_start, text_end, kind, speaker, credited, event_date, numbers)"
            f" VALUES ({item_id}, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def add_shingles(self, item_id: int, hashes: set[int]) -> list[tuple[int, float]]:
        """Store an item's shingle sketch; return the earlier items it nearly duplicates.

        The whole sketch stays with the item; only its SKETCH_KEYS smallest hashes go
        into the shingle table, where an item sharing any rare one of them becomes a
        candidate, and candidates are compared sketch to sketch. Two texts alike enough
        to be retellings (half their sketch shared) miss all of each other's few
        smallest hashes very rarely, and each item adds 8 rows at random places in the
        table instead of 48 (each page's COMMIT wrote every such B-tree page: 2.5 s of
        a 4.1 s store stage for 2,000 items added to a 100k corpus).
        """
        ordered = sorted(hashes)
        keys = ordered[:SKETCH_KEYS]
        self.db.execute("INSERT OR REPLACE INTO sketches(item_id, sketch) VALUES (?, ?)", (item_id, pack_sketch(ordered)))
        near: list[tuple[int, float]] = []
        if len(ordered) >= 3:
            # NOTE: a 5-gram that more than COMMON_SHINGLE items share is boilerplate, not
            # evidence of a retelling: it finds no candidates and counts on neither side
            # of the similarity. Counting each key's items stops at COMMON_SHINGLE + 1;
            # one `hash IN (…)` over all of them read every item of every common
            # shingle, which grew with the corpus (~960 rows per item at 100k items).
            rare = [r[0] for r in self.db.execute(
                "SELECT j.value FROM json_each(?) AS j WHERE"
                " (SELECT COUNT(*) FROM (SELECT 1 FROM shingles WHERE hash = j.value LIMIT ?)) <= ?",
                (json.dumps(keys), COMMON_SHINGLE + 1, COMMON_SHINGLE),
            )]
            boilerplate = set(keys) - set(rare)
            own = set(ordered) - boilerplate
            candidates: list[int] = []
            if rare:
                placeholders = ",".join("?" * len(rare))
                candidates = [r[0] for r in self.db.execute(
                    f"SELECT DISTINCT item_id FROM shingles WHERE hash IN ({placeholders})", rare)]
            for other in candidates:
                if other == item_id:
                    continue
                row = self.db.execute("SELECT sketch FROM sketches WHERE item_id = ?", (other,)).fetchone()
                theirs = set(unpack_sketch(row[0] if row else None)) - boilerplate
                similarity = len(own & theirs) / max(1, min(len(own), len(theirs)))
                if similarity >= NEAR_DUPLICATE_THRESHOLD:
                    near.append((other, round(similarity, 3)))
        self.db.executemany("INSERT OR IGNORE INTO shingles(hash, item_id) VALUES (?, ?)", [(h, item_id) for h in keys])
        for other, similarity in near:
            self.db.execute(
                "INSERT OR IGNORE INTO near_duplicates(item_id, other_id, similarity) VALUES (?, ?, ?)",
                (item_id, other, similarity),
            )
        return near

    def add_alias(self, alias: str, outlet: str, created: str) -> None:
        self.db.execute(
            "INSERT INTO outlet_aliases(alias, outlet, created) VALUES (?, ?, ?)"
            " ON CONFLICT(alias) DO UPDATE SET outlet = excluded.outlet",
            (alias, outlet, created),
        )

    def aliases(self) -> list[tuple[str, str]]:
        return [(r["alias"], r["outlet"]) for r in self.db.execute("SELECT alias, outlet FROM outlet_aliases ORDER BY created, alias")]

    # --- corrections ---------------------------------------------------------------------

    def record_edit(
        self, at: str, field: str, old: str | None, new: str | None, via: str, *,
        item_key: str | None = None, document_id: int | None = None, text_hash: str | None = None,
    ) -> None:
        """Keep one correction (of an item by key, or of a document by id) in the edits table."""
        self.db.execute(
            "INSERT INTO edits(at, item_key, document_id, field, old, new, via, text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (at, item_key, document_id, field, old, new, via, text_hash),
        )

    def removed_key(self, digest: str) -> str | None:
        """The key of a removed item with this text, free to be given back to it."""
        row = self.db.execute(
            "SELECT item_key FROM edits WHERE text_hash = ? AND field = 'removed' ORDER BY id DESC LIMIT 1",
            (digest,)).fetchone()
        return row[0] if row and not self.key_exists(row[0]) else None

    def set_columns(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        """Set some columns of one item or document row."""
        if table not in ("items", "documents"):
            raise ValueError(f"not a correctable table: {table}")
        if not values:
            return
        assignments = ", ".join(f"{column} = :{column}" for column in values)
        self.db.execute(f"UPDATE {table} SET {assignments} WHERE id = :row_id", {**values, "row_id": row_id})

    def replace_claims(self, item_id: int, rows: list[tuple[Any, ...]]) -> None:
        """An item's claims found again (its date changed, so its events' dates may too)."""
        self.db.execute("DELETE FROM claims WHERE item_id = ?", (item_id,))
        self.insert_claims(item_id, rows)

    def delete_item(self, item_id: int) -> None:
        """An item and everything that hangs on it: claims, links, shingles, retelling pairs.

        Each document that linked it declares one item fewer, so it still has as many links
        as it declares.
        """
        self.db.execute(
            "UPDATE documents SET n_items = n_items - 1 WHERE id IN (SELECT document_id FROM document_items WHERE item_id = ?)",
            (item_id,))
        for sql in ("DELETE FROM claims WHERE item_id = ?", "DELETE FROM document_items WHERE item_id = ?",
                    "DELETE FROM shingles WHERE item_id = ?", "DELETE FROM sketches WHERE item_id = ?",
                    "DELETE FROM near_duplicates WHERE item_id = ?1 OR other_id = ?1", "DELETE FROM items WHERE id = ?"):
            self.db.execute(sql, (item_id,))

    def delete_document(self, document_id: int) -> None:
        """A document and its links (its items are removed, or kept, by the caller)."""
        self.db.execute("DELETE FROM document_items WHERE document_id = ?", (document_id,))
        self.db.execute("DELETE FROM documents WHERE id = ?", (document_id,))

    def item_row(self, key: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM items WHERE key = ?", (key,)).fetchone()

    def document_row(self, document_id: int) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()

    def document_rows(self) -> list[sqlite3.Row]:
        """Every document with how many items link to it, in ingest order."""
        return self.db.execute(
            "SELECT d.*, (SELECT COUNT(*) FROM document_items di WHERE di.document_id = d.id) AS linked"
            " FROM documents d ORDER BY d.id").fetchall()

    def items_of(self, document_id: int) -> list[sqlite3.Row]:
        """A document's items in page order, each with how many documents carry it."""
        return self.db.execute(
            "SELECT i.*, (SELECT COUNT(*) FROM document_items o WHERE o.item_id = i.id) AS carried_by"
            " FROM document_items di JOIN items i ON i.id = di.item_id WHERE di.document_id = ? ORDER BY di.position",
            (document_id,)).fetchall()

    def edits(self, key: str | None = None, document_ids: Sequence[int] = ()) -> list[Edit]:
        """Corrections of an item and of the documents it was read in, oldest first."""
        ids = list(document_ids)
        rows = self.db.execute(
            f"SELECT * FROM edits WHERE item_key = ? OR document_id IN ({','.join('?' * len(ids))}) ORDER BY id",
            (key, *ids))
        return [edit_from_row(e) for e in rows]

    def removal(self, key: str) -> Edit | None:
        """The record of this key's item being removed, if it was."""
        row = self.db.execute("SELECT * FROM edits WHERE item_key = ? AND field = 'removed' ORDER BY id DESC LIMIT 1",
                              (key,)).fetchone()
        return edit_from_row(row) if row else None

    # --- reading -------------------------------------------------------------------------

    def item(self, key: str) -> Item:
        row = self.db.execute("SELECT * FROM items WHERE key = ?", (key,)).fetchone()
        if row is None:
            removed = self.removal(key)
            if removed is not None:
                raise UnknownKeyError(f"item {key!r} was removed on {removed.at} (by 'digestcite {removed.via}')")
            raise UnknownKeyError(f"no item with key {key!r}")
        return self._item(row, with_claims=True)

    def items(
        self, *, outlet: str | None = None, date_from: str | None = None, date_to: str | None = None,
        keys: Sequence[str] | None = None, with_claims: bool = False, limit: int | None = None,
    ) -> list[Item]:
        """Items in publication order (undated last), filtered by outlet and date range."""
        where: list[str] = []
        params: list[Any] = []
        if outlet:
            where.append("outlet = ?")
            params.append(outlet)
        if date_from:
            where.append("published >= ?")
            params.append(date_from)
        if date_to:
            where.append("substr(published, 1, ?) <= ?")
            params.extend([len(date_to), date_to])
        if keys is not None:
            where.append(f"key IN ({','.join('?' * len(keys))})")
            params.extend(keys)
        sql = "SELECT * FROM items"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY published IS NULL, published, id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = self.db.execute(sql, params).fetchall()
        edits = self._edits_of_items([r["key"] for r in rows])
        return [self._item(row, with_claims=with_claims, edits=edits.get(row["key"], [])) for row in rows]

    def _edits_of_items(self, keys: list[str]) -> dict[str, list[Edit]]:
        """The corrections of many items (and of their documents) in one query, by key."""
        # NOTE: one query per item cost a third of loading an item (35 of 106 µs).
        if not keys or self.db.execute("SELECT NOT EXISTS(SELECT 1 FROM edits)").fetchone()[0]:
            return {}
        found: dict[str, list[Edit]] = {}
        for row in self.db.execute(
            "SELECT e.*, e.item_key AS for_key FROM edits e WHERE e.item_key IN (SELECT value FROM json_each(?1))"
            " UNION ALL SELECT e.*, i.key AS for_key FROM items i JOIN document_items di ON di.item_id = i.id"
            " JOIN edits e ON e.document_id = di.document_id WHERE i.key IN (SELECT value FROM json_each(?1))"
            " ORDER BY id", (json.dumps(keys),),
        ):
            found.setdefault(row["for_key"], []).append(edit_from_row(row))
        return found

    def _item(self, row: sqlite3.Row, *, with_claims: bool, edits: list[Edit] | None = None) -> Item:
        documents = tuple(
            document_from_row(d)
            for d in self.db.execute(
                "SELECT d.* FROM documents d JOIN document_items di ON di.document_id = d.id"
                " WHERE di.item_id = ? ORDER BY d.id", (row["id"],),
            )
        )
        paragraphs = tuple(json.loads(row["paragraphs"]))
        claims: tuple[Claim, ...] = ()
        if with_claims:
            claims = tuple(self._claims(row["id"], row["key"], row["outlet"], row["published"], paragraphs))
        near = tuple(
            r["key"] for r in self.db.execute(
                "SELECT i.key FROM near_duplicates n JOIN items i ON i.id = CASE WHEN n.item_id = ? THEN n.other_id ELSE n.item_id END"
                " WHERE n.item_id = ? OR n.other_id = ? ORDER BY i.id", (row["id"], row["id"], row["id"]),
            )
        )
        return Item(
            key=row["key"], title=row["title"], outlet=row["outlet"], outlet_as_printed=row["outlet_as_printed"],
            published=row["published"], tags=tuple(json.loads(row["tags"])),
            paragraphs=paragraphs, documents=documents, claims=claims,
            published_reason=row["published_reason"], captions=tuple(json.loads(row["captions"])),
            attribution=row["attribution"], near_duplicates=near, id=row["id"], source_url=row["source_url"],
            outlet_origin=row["outlet_origin"], published_origin=row["published_origin"], author=row["author"],
            credited=tuple(json.loads(row["credited"] or "[]")),
            edits=tuple(self.edits(row["key"], [d.id for d in documents]) if edits is None else edits),
        )

    def _claims(
        self, item_id: int, key: str, outlet: str | None, published: str | None, paragraphs: Sequence[str],
    ) -> Iterator[Claim]:
        for c in self.db.execute("SELECT * FROM claims WHERE item_id = ? ORDER BY paragraph, sentence", (item_id,)):
            yield claim_from_row(c, key, outlet, published, paragraphs)

    def counts(self) -> dict[str, int]:
        one = self.db.execute
        return {
            "documents": one("SELECT COUNT(*) FROM documents").fetchone()[0],
            "items": one("SELECT COUNT(*) FROM items").fetchone()[0],
            "claims": one("SELECT COUNT(*) FROM claims").fetchone()[0],
            "outlets": one("SELECT COUNT(DISTINCT outlet) FROM items WHERE outlet IS NOT NULL").fetchone()[0],
            "stories": one(f"SELECT COUNT(*) FROM items WHERE {NOT_A_RETELLING}").fetchone()[0],
            "near_duplicate_pairs": one("SELECT COUNT(*) FROM near_duplicates").fetchone()[0],
            "undated_items": one("SELECT COUNT(*) FROM items WHERE published IS NULL").fetchone()[0],
            "unsourced_items": one("SELECT COUNT(*) FROM items WHERE outlet IS NULL").fetchone()[0],
        }

    def claim_kinds(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.execute("SELECT kind, COUNT(*) FROM claims GROUP BY kind ORDER BY kind")}

    def outlet_rows(self) -> list[sqlite3.Row]:
        """Per outlet: items (retellings counted once), date range, the names it was printed as."""
        return self.db.execute(
            "SELECT outlet, COUNT(*) AS items, MIN(published) AS first, MAX(published) AS last,"
            " json_group_array(DISTINCT outlet_as_printed) AS printed"
            f" FROM items WHERE outlet IS NOT NULL AND {NOT_A_RETELLING} GROUP BY outlet ORDER BY items DESC, outlet"
        ).fetchall()

    def relabel_outlet(self, alias_norm_matches: Sequence[str], outlet: str) -> int:
        """Point items printed under one of the given names at ``outlet``; return how many changed."""
        if not alias_norm_matches:
            return 0
        placeholders = ",".join("?" * len(alias_norm_matches))
        cursor = self.db.execute(
            f"UPDATE items SET outlet = ? WHERE outlet_as_printed IN ({placeholders}) AND outlet IS NOT ?",
            (outlet, *alias_norm_matches, outlet),
        )
        return cursor.rowcount

    def printed_names(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT outlet_as_printed FROM items WHERE outlet_as_printed IS NOT NULL")]


def document_from_row(d: sqlite3.Row) -> Document:
    """A :class:`Document` from its row."""
    return Document(
        id=d["id"], path_or_url=d["path_or_url"], publisher=d["publisher"], ingested=d["ingested"],
        format=d["format"], sha256=d["sha256"], title=d["title"], url=d["url"], n_items=d["n_items"],
        page=json.loads(d["meta"] or "{}"), shape=d["shape"], published=d["published"],
    )


def edit_from_row(e: sqlite3.Row) -> Edit:
    """An :class:`Edit` from its row."""
    from digestcite.corpus.reports import Edit

    return Edit(id=e["id"], at=e["at"], item_key=e["item_key"], document_id=e["document_id"], field=e["field"],
                old=e["old"], new=e["new"], via=e["via"])


class EmptyStoreError(CorpusError):
    """A store file with no digestcite schema (a 0-byte failed copy or sync, another program's database)."""

    def __init__(self, path: Path, indexed: int = 0) -> None:
        size = path.stat().st_size if path.exists() else 0
        what = "is empty (0 bytes)" if size == 0 else "has no digestcite schema"
        held = f" but the index holds {indexed} item(s)" if indexed else ""
        super().__init__(
            f"the store {what}{held}: restore store.sqlite from a backup"
            " ('digestcite init' starts a new, empty corpus here; the index is left as it is)",
            path=str(path),
        )
        self.store_path = path


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL ("database or disk is full") or the OS's ENOSPC."""
    if isinstance(exc, OSError):
        import errno

        return exc.errno == errno.ENOSPC
    return getattr(exc, "sqlite_errorcode", None) == 13  # SQLITE_FULL or "disk is full" in str(exc)


def claim_from_row(
    c: sqlite3.Row, key: str, outlet: str | None, published: str | None, paragraphs: Sequence[str],
) -> Claim:
    """A :class:`Claim` from its row and its item's key, outlet, date and paragraphs."""
    paragraph = paragraphs[c["paragraph"] - 1]
    text = quoted_sentence(paragraph, c["text_start"], c["text_end"])
    return Claim(
        id=f"{key}:{c['paragraph']}.{c['sentence']}", item_key=key, text=text, paragraph=c["paragraph"],
        sentence=c["sentence"], kind=c["kind"], speaker=c["speaker"], event_date=c["event_date"],
        numbers=tuple(json.loads(c["numbers"])), outlet=outlet, published=published, credited=c["credited"],
    )


_QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"), ("«", "»"))


def quoted_sentence(paragraph: str, start: int, end: int) -> str:
    """A sentence of a paragraph; one that closes a quotation opened before it opens with its mark.

    NOTE (issue 11, seed 002): "…a tough battle. Punish the key personnel who are
    involved.”" — the second sentence alone read as a dangling quotation.
    """
    text = paragraph[start:end]
    before = paragraph[:start]
    for opening, closing in _QUOTE_PAIRS:
        if before.count(opening) > before.count(closing) and closing in text and opening not in text.split(closing)[0]:
            return opening + text
    return text


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
