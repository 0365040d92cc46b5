"""Store → index: add or replace items, rebuild from scratch, compare for ``doctor``.

The index is derived data. A rebuild writes a fresh index beside the old one and swaps
it in with a rename, so a reader never sees a half-built index.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from digestcite.errors import BusyError, CorpusError, DiskFullError

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


MARK_FILE = "STORE_MARK"
LOCK_FILE = "index.lock"
CATCH_UP_WAIT_S = 120.0
SWAP_WAIT_S = 5.0


# --- one writer of the index at a time ---------------------------------------------------

_held: dict[Path, tuple[Any, int]] = {}


@contextmanager
def writing(path: Path, *, wait: float = WRITE_WAIT_S) -> Iterator[None]:
    """Hold the corpus's one index-writer lock (re-entrant within a process).

    Every change of the index — an ingest's batch, a catch-up, ``doctor --repair``,
    ``index rebuild`` — runs under it, so a rebuild can never swap out an index that an
    ingest is writing into. The lock is ``flock`` on ``index.lock`` beside the index: the
    kernel releases it when its holder dies, even by SIGKILL.

    :raises BusyError: another process held it for ``wait`` seconds (0: do not wait).
    """
    lock_path = path.with_name(LOCK_FILE)
    if lock_path in _held:
        handle, depth = _held[lock_path]
        _held[lock_path] = (handle, depth + 1)
        try:
            yield
        finally:
            handle, depth = _held[lock_path]
            _held[lock_path] = (handle, depth - 1)
        return
    handle = _acquire(lock_path, wait)
    _held[lock_path] = (handle, 1)
    try:
        yield
    finally:
        del _held[lock_path]
        handle.close()  # closing the file releases the flock


def _acquire(lock_path: Path, wait: float) -> Any:
    try:
        import fcntl
    except ImportError:  # NOTE: not POSIX: Whoosh's own write lock is the only guard
        return open(lock_path, "a")  # noqa: SIM115 - held open until released
    try:
        handle = open(lock_path, "a")  # noqa: SIM115 - held open until released
    except OSError as exc:
        raise CorpusError(f"cannot open the index lock: {exc.strerror}", path=str(lock_path)) from exc
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                raise BusyError(
                    f"another digestcite process is writing the index (waited {wait:.0f} s); try again when it is done",
                ) from None
            time.sleep(0.05)


def is_writing(path: Path) -> bool:
    """Whether this process holds the index-writer lock."""
    return path.with_name(LOCK_FILE) in _held


# --- the store mark: how far the index has caught up with the store ----------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """Every store item with ``id <= item_id`` is in the index.

    ``key`` is that item's key (an item removed and its id reused shows as a different
    key); ``generation`` is the index generation the mark was written for: a commit the
    mark did not see (a writer killed between its commit and the mark) means the items
    above the mark may be in the index already, so a catch-up replaces instead of adding.
    """

    item_id: int
    key: str | None
    generation: int


def read_mark(path: Path) -> Mark | None:
    """The index's store mark, or None (no index, an index from before marks, a damaged mark)."""
    try:
        data = json.loads((path / MARK_FILE).read_text("utf-8"))
        return Mark(int(data["item_id"]), data.get("key"), int(data["generation"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_mark(path: Path, ix: Any, item_id: int, key: str | None) -> None:
    mark = {"item_id": item_id, "key": key, "generation": ix.latest_generation()}
    temp = path / (MARK_FILE + ".tmp")
    temp.write_text(json.dumps(mark) + "\n", "utf-8")
    os.replace(temp, path / MARK_FILE)


def _after_commit(path: Path, ix: Any, *, added_above: bool = False) -> None:
    """Keep the mark's generation current after a commit that did not move it.

    :param added_above: the commit added items above the mark; the mark keeps its old
        generation so the next catch-up replaces them instead of adding them twice.
    """
    mark = read_mark(path)
    if mark is not None and not added_above:
        _write_mark(path, ix, mark.item_id, mark.key)


def behind(path: Path, store: Store) -> int | None:
    """How many stored items are above the index's mark (None: the index keeps no mark).

    Cheap enough for every lookup: a small file and one range count on the rowid.
    """
    mark = read_mark(path)
    if mark is None:
        return None
    return int(store.db.execute("SELECT COUNT(*) FROM items WHERE id > ?", (mark.item_id,)).fetchone()[0])


def catch_up(path: Path, corpus: Corpus, *, wait: float = CATCH_UP_WAIT_S, merge: bool = True) -> int:
    """Index every stored item the index lacks (above its mark); return how many.

    A killed ingest, an ingest that could not get the index lock, a crash between a
    store commit and the index batch: all leave committed items above the mark, and the
    next catch-up adds them. An index without a mark (or one whose mark's item was
    removed) is compared key by key once.

    :raises BusyError: another process held the index lock for ``wait`` seconds.
    :raises DiskFullError: no room left for the index (every stored item is kept).
    """
    try:
        return _catch_up(path, corpus, wait=wait, merge=merge)
    except OSError as exc:
        _raise_translated(exc)


def _catch_up(path: Path, corpus: Corpus, *, wait: float, merge: bool) -> int:
    with writing(path, wait=wait):
        try:
            ix = open_index(path, create=True)
            mark = read_mark(path)
            indexed = _indexed_keys(ix) if mark is None or not _mark_holds(corpus.store, mark) else None
        except CorpusError as exc:  # damaged, or of another layout: it is derived, so it is made again
            log.warning("%s; rebuilding the index from the store", exc)
            return rebuild(path, corpus)
        store = corpus.store
        replace = True
        if indexed is None:
            assert mark is not None
            rows = store.db.execute("SELECT id, key FROM items WHERE id > ? ORDER BY id", (mark.item_id,)).fetchall()
            replace = mark.generation != ix.latest_generation()
            top_id, top_key = (rows[-1][0], rows[-1][1]) if rows else (mark.item_id, mark.key)
        else:
            every = store.db.execute("SELECT id, key FROM items ORDER BY id").fetchall()
            rows = [r for r in every if r[1] not in indexed]
            replace = False  # compared key by key: none of them is in the index
            top_id, top_key = (every[-1][0], every[-1][1]) if every else (0, None)
        keys = [r[1] for r in rows]
        count = _write_items(ix, corpus, keys, new=not replace, merge=merge) if keys else 0
        if keys or mark is None or (mark.item_id, mark.key) != (top_id, top_key):
            _write_mark(path, ix, top_id, top_key)
        _finish_pending(path, corpus)
        return count


def _mark_holds(store: Store, mark: Mark) -> bool:
    if mark.item_id == 0:
        return True
    row = store.db.execute("SELECT key FROM items WHERE id = ?", (mark.item_id,)).fetchone()
    return row is not None and row[0] == mark.key


def _indexed_keys(ix: Any) -> set[str]:
    with ix.searcher() as searcher:
        return {fields["key"] for fields in searcher.all_stored_fields()}


# --- opening ------------------------------------------------------------------------------


def open_index(path: Path, *, create: bool = False) -> Any:
    """Open the index for reading (no mmap: see DEPENDENCIES.md), creating it if asked.

    A rebuild killed between its two renames left a complete ``index.new`` and no index:
    the swap is finished here. A damaged index is one error line that says to repair it.
    """
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import EmptyIndexError

    from digestcite.index.schema import SCHEMA_VERSION

    if not path.exists():
        _finish_swap(path)
    try:
        # NOTE: opening directly (no exists_in first) reads the table of contents once, not twice.
        ix = FileStorage(str(path), supports_mmap=False).open_index()
    except (EmptyIndexError, FileNotFoundError):
        if not create:
            raise CorpusError("the index is missing: run 'digestcite index rebuild'", path=str(path)) from None
        with writing(path):
            return _create(path)
    except Exception as exc:  # noqa: BLE001 - a damaged derived file (Whoosh raises pickle, struct, EOF, Unicode… errors)
        if create and is_writing(path) and _is_damage(exc):
            log.warning("the index is damaged (%s); starting a new one", exc)
            return _create(path, replace=True)
        raise damaged(path, exc) from exc
    try:
        version = (path / VERSION_FILE).read_bytes().decode("utf-8", "replace").strip()
    except OSError:
        version = "?"
    if version not in (SCHEMA_VERSION, "?") and not (version.isascii() and version.isalnum() and len(version) <= 8):
        raise CorpusError(f"the index is damaged (its {VERSION_FILE} file is unreadable): run 'digestcite doctor --repair'",
                          path=str(path))
    if version != SCHEMA_VERSION:
        raise CorpusError(
            f"the index has layout {version}, this digestcite writes {SCHEMA_VERSION}: run 'digestcite index rebuild'",
            path=str(path),
        )
    return _Checked(ix, path)


class _Checked:
    """An open index whose segments, read when a searcher or reader opens, turn damage into one error line.

    NOTE: Whoosh reads a segment's files only then: a truncated segment raised EOFError
    (which click prints as a bare "Aborted!"), a garbled one OSError or UnpicklingError.
    """

    def __init__(self, ix: Any, path: Path) -> None:
        self._ix = ix
        self._path = path

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ix, name)

    def searcher(self, **kwargs: Any) -> Any:
        try:
            return self._ix.searcher(**kwargs)
        except Exception as exc:  # noqa: BLE001 - a damaged derived file, see the class note
            raise damaged(self._path, exc) from exc

    def reader(self, **kwargs: Any) -> Any:
        try:
            return self._ix.reader(**kwargs)
        except Exception as exc:  # noqa: BLE001 - a damaged derived file, see the class note
            raise damaged(self._path, exc) from exc


def _is_damage(exc: BaseException) -> bool:
    return not isinstance(exc, (MemoryError, RecursionError)) and isinstance(exc, Exception)


def damaged(path: Path, exc: BaseException) -> CorpusError:
    """The one error line for an index that cannot be read."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM):
        return CorpusError(f"the index cannot be read: {reason}", path=str(path))
    return CorpusError(f"the index is damaged ({reason[:200]}): run 'digestcite doctor --repair'", path=str(path))


def _finish_swap(path: Path) -> None:
    """A complete ``index.new`` beside no index: a rebuild died between its renames, or is renaming now."""
    fresh = path.with_name(path.name + ".new")
    if not (fresh / MARK_FILE).exists():
        return
    try:
        with writing(path, wait=0):
            if not path.exists() and (fresh / MARK_FILE).exists():
                fresh.rename(path)
                log.warning("finished the swap of a rebuilt index that was interrupted")
                shutil.rmtree(path.with_name(path.name + ".old"), ignore_errors=True)
    except BusyError:  # the rebuild is alive and renaming: give it a moment
        deadline = time.monotonic() + SWAP_WAIT_S
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    except (OSError, CorpusError) as exc:  # a read-only corpus folder: it stays as it is
        log.warning("could not finish the swap of the rebuilt index: %s", exc)


def _create(path: Path, *, replace: bool = False) -> Any:
    from whoosh import index

    from digestcite.index.schema import SCHEMA_VERSION, make_schema

    if replace:
        shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(path), make_schema())
    (path / VERSION_FILE).write_text(SCHEMA_VERSION + "\n", "utf-8")
    return ix


# --- writing ------------------------------------------------------------------------------


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


def _cancel(writer: Any) -> None:
    """Cancel a writer; a multi-process writer's sub-writers are stopped too.

    NOTE: Whoosh's MpWriter.cancel only flags its sub-writer objects in this process; the
    forked sub-writers go on waiting for jobs, and the interpreter's exit then waits for them.
    """
    for task in getattr(writer, "tasks", ()):
        task.terminate()
    for task in getattr(writer, "tasks", ()):
        task.join(5)
    if not getattr(writer, "is_closed", False):  # a commit that failed half-way may have closed it
        writer.cancel()


def _write_items(ix: Any, corpus: Corpus, keys: Sequence[str], *, new: bool, merge: bool = True) -> int:
    registry = corpus.registry
    writer = _writer(ix, bulk=len(keys) >= BULK_THRESHOLD)
    count = 0
    try:
        for start in range(0, len(keys), 500):
            for item in corpus.store.items(keys=keys[start:start + 500], with_claims=True):
                outlet = registry.resolve(item.outlet) if item.outlet else None
                document = item_document(item, outlet.key if outlet else None)
                if new:
                    writer.add_document(**document)
                else:
                    writer.update_document(**document)
                count += 1
        writer.commit(merge=merge)
    except BaseException as exc:
        _cancel(writer)
        _raise_translated(exc)
    return count


def _raise_translated(exc: BaseException) -> NoReturn:
    """Re-raise a failed index write; a full disk becomes one line saying what was kept."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        raise DiskFullError(
            "disk full while writing the index: every stored item is kept; free some space and run"
            " 'digestcite doctor --repair' (or ingest again) to index them"
        ) from exc
    raise exc


def update(path: Path, corpus: Corpus, keys: Sequence[str], *, new: bool = False, merge: bool = True) -> int:
    """Add or replace these items in the index; return how many were written.

    :param new: the items are known not to be in the index yet, so they are added without
        first looking for an older version to delete.
    :param merge: let Whoosh merge small segments into the new one (its MERGE_SMALL
        policy). A long ingest merges on its first batch only: Whoosh re-adds every posting
        of a merged segment in Python, so merging on every batch made indexing grow
        faster than the corpus (100k items: 547 s against 16 s for 10k).
    """
    wanted = list(dict.fromkeys(keys))
    with writing(path):
        ix = open_index(path, create=True)
        mark = read_mark(path)
        count = _write_items(ix, corpus, wanted, new=new, merge=merge)
        above = mark is None or bool(wanted) and corpus.store.db.execute(
            "SELECT 1 FROM items WHERE id > ? LIMIT 1", (mark.item_id,)).fetchone() is not None
        _after_commit(path, ix, added_above=above)
    return count


def delete(path: Path, keys: Iterable[str]) -> int:
    with writing(path):
        ix = open_index(path)
        writer = _writer(ix)
        count = 0
        try:
            for key in keys:
                count += writer.delete_by_term("key", key)
            writer.commit()
        except BaseException as exc:
            _cancel(writer)
            _raise_translated(exc)
        _after_commit(path, ix)
    return count


def rebuild(path: Path, corpus: Corpus) -> int:
    """Recreate the index from the store alone; swap it in atomically. Return item count.

    Runs under the index-writer lock: an ingest meanwhile stores its pages and leaves
    their items to the catch-up that ends the rebuild, so nothing stored is dropped.
    """
    try:
        return _rebuild(path, corpus)
    except OSError as exc:
        _raise_translated(exc)


def _rebuild(path: Path, corpus: Corpus) -> int:
    with writing(path, wait=CATCH_UP_WAIT_S):
        fresh = path.with_name(path.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        ix = _create(fresh)
        registry = corpus.registry
        count = 0
        top: tuple[int, str | None] = (0, None)
        total = corpus.store.counts()["items"]
        writer = _writer(ix, bulk=total >= BULK_THRESHOLD)
        try:
            for item in iter_items(corpus.store):
                outlet = registry.resolve(item.outlet) if item.outlet else None
                writer.add_document(**item_document(item, outlet.key if outlet else None))
                count += 1
                top = (item.id, item.key)
            writer.commit()
        except BaseException:
            _cancel(writer)
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        # NOTE: the mark is the sign that index.new is complete: an interrupted swap is finished by open_index.
        _write_mark(fresh, ix, *top)
        old = path.with_name(path.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if path.exists():
            path.rename(old)
        fresh.rename(path)
        shutil.rmtree(old, ignore_errors=True)
        return count + catch_up(path, corpus)


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
    indexed: int = 0  # documents the index holds

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.stale or self.error)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "missing": self.missing, "extra": self.extra, "stale": self.stale, "error": self.error}


def compare(path: Path, store: Store) -> IndexDiff:
    """Items the index lacks, has but the store does not, or holds in an old version."""
    diff = IndexDiff()
    try:
        ix = open_index(path)
        with ix.searcher() as searcher:
            indexed = {fields["key"]: fields.get("stamp") for fields in searcher.all_stored_fields()}
    except CorpusError as exc:
        diff.error = exc.message
        diff.missing = [r[0] for r in store.db.execute("SELECT key FROM items ORDER BY id")]
        return diff
    except Exception as exc:  # noqa: BLE001 - any unreadable index is reported and rebuilt, never trusted
        diff.error = damaged(path, exc).message
        diff.missing = [r[0] for r in store.db.execute("SELECT key FROM items ORDER BY id")]
        return diff
    diff.indexed = len(indexed)
    for item in iter_items(store):
        stamp = indexed.pop(item.key, None)
        if stamp is None:
            diff.missing.append(item.key)
        elif stamp != stamp_of(item):
            diff.stale.append(item.key)
    diff.extra = sorted(indexed)
    return diff


PENDING_FILE = "PENDING_OUTLETS"


def pending_outlets(path: Path) -> list[str]:
    """Outlets whose items an alias relabelled but the index may still hold under the old name."""
    try:
        return [str(o) for o in json.loads((path / PENDING_FILE).read_text("utf-8"))]
    except (OSError, ValueError, TypeError):
        return []


def _set_pending(path: Path, outlets: Sequence[str]) -> None:
    if not outlets:
        (path / PENDING_FILE).unlink(missing_ok=True)
        return
    temp = path / (PENDING_FILE + ".tmp")
    temp.write_text(json.dumps(sorted(set(outlets)), ensure_ascii=False) + "\n", "utf-8")
    os.replace(temp, path / PENDING_FILE)


def will_reindex_outlet(path: Path, outlet: str) -> None:
    """Note, before an alias relabels items in the store, that this outlet's items must be re-indexed.

    NOTE: issue 12.9: a `sources alias` killed between its store commit and its re-index
    left index entries under the old outlet that nothing found again; the note stays
    until the re-index commits, and every catch-up finishes what it lists.
    """
    if not path.exists():
        return
    with writing(path):
        _set_pending(path, [*pending_outlets(path), outlet])


def reindex_outlet(corpus: Corpus, outlet: str, *, relabelled: bool = True) -> int:
    """Re-index every item of one outlet (after an alias changed it), and clear its note.

    :param relabelled: False when the alias changed no item: only the note is cleared.
    """
    path = corpus.index_dir
    with writing(path):
        keys = [r[0] for r in corpus.store.db.execute("SELECT key FROM items WHERE outlet = ?", (outlet,))] if relabelled else []
        count = update(path, corpus, keys) if keys and path.exists() else 0
        if path.exists():
            _set_pending(path, [o for o in pending_outlets(path) if o != outlet])
        return count


def _finish_pending(path: Path, corpus: Corpus) -> None:
    for outlet in pending_outlets(path):
        reindex_outlet(corpus, outlet)
