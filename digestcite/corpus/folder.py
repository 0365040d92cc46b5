"""The corpus folder (``.digestcite/``) and :class:`Corpus`, the façade the CLI uses.

A corpus is a folder holding the SQLite store and the Whoosh index. It is found like
git finds a repository: ``--corpus PATH``, else ``DIGESTCITE_CORPUS``, else a
``.digestcite`` folder here or above, else a per-user default.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from digestcite.corpus import DEFAULT_MAX_SIZE
from digestcite.corpus.models import Document, Item
from digestcite.corpus.outlets import OutletRegistry, normalize_outlet
from digestcite.corpus.store import EmptyStoreError, Store
from digestcite.errors import BusyError, DigestciteError, DiskFullError, NoCorpusError

if TYPE_CHECKING:
    from digestcite.corpus.dates import PartialDate
    from digestcite.corpus.digest import PageDefaults
    from digestcite.corpus.edits import EditReport
    from digestcite.corpus.prepare import PreparedItem, PreparedPage, Settings
    from digestcite.corpus.readers import RawPage
    from digestcite.corpus.reports import Change, IngestReport, PageReport
    from digestcite.index.search import Index

# NOTE: the splitting and reading stages compile many regular expressions; a lookup
# (a fresh process) never needs them, so they load only when a page is ingested.
STAGES = ("read", "split", "claims", "store", "index")
INDEX_BATCH = 2000
PARALLEL_MIN_PAGES = 8  # below this, starting a worker costs more than it saves
AHEAD = 16  # pages a worker may prepare ahead of the store (bounds memory)

log = logging.getLogger(__name__)

CORPUS_DIR = ".digestcite"
STORE_NAME = "store.sqlite"
INDEX_DIR = "index"
REGISTRY_CACHE = "outlets.cache"  # the bundled registry's folded names (derived, rebuilt when stale)
ENV_VAR = "DIGESTCITE_CORPUS"


def default_corpus_root() -> Path:
    """The per-user corpus used when no other is named or found."""
    import platformdirs

    return Path(platformdirs.user_data_dir("digestcite", appauthor=False)) / "corpus"


def find_corpus(explicit: str | None = None, cwd: Path | None = None) -> Path:
    """The corpus folder to use (it may not exist yet).

    An explicit path may name the ``.digestcite`` folder itself or the folder holding it.
    """
    named = explicit or os.environ.get(ENV_VAR)
    if named:
        return _corpus_dir(Path(named).expanduser())
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CORPUS_DIR
        if (candidate / STORE_NAME).exists():
            return candidate
    return default_corpus_root()


def enclosing_corpus(path: Path) -> Path | None:
    """The corpus folder of another corpus that ``path`` lies inside, if any (not its own)."""
    here = path.expanduser().resolve()
    for folder in here.parents:
        candidate = folder / CORPUS_DIR
        if (candidate / STORE_NAME).exists():
            return candidate
    return None


def _corpus_dir(path: Path) -> Path:
    if path.name == CORPUS_DIR or (path / STORE_NAME).exists():
        return path
    return path / CORPUS_DIR


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Corpus:
    """An open corpus: store, outlet registry and index, with the operations users run."""

    def __init__(self, root: Path, *, create: bool = False, readonly: bool = False) -> None:
        self.root = root
        if create:
            root.mkdir(parents=True, exist_ok=True)
        elif not (root / STORE_NAME).exists():
            raise NoCorpusError(
                "no digestcite corpus here: run 'digestcite init' or name one with --corpus",
                path=str(root),
            )
        try:
            self.store = Store(root / STORE_NAME, create=create, readonly=readonly)
        except EmptyStoreError as exc:
            raise EmptyStoreError(exc.store_path, _indexed_count(root / INDEX_DIR)) from None
        self._registry: OutletRegistry | None = None
        self.timings: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self._last_document = 0

    @classmethod
    def init(cls, path: Path) -> Corpus:
        """Make (or reopen) a corpus folder."""
        return cls(_corpus_dir(path), create=True)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def index_dir(self) -> Path:
        return self.root / INDEX_DIR

    @property
    def index(self) -> Index:
        from digestcite.index.search import Index

        return Index(self.index_dir, self.store, self)

    @property
    def registry(self) -> OutletRegistry:
        if self._registry is None:
            registry = OutletRegistry.bundled(cache=self.root / REGISTRY_CACHE)
            for alias, outlet in self.store.aliases():
                registry.add_alias(alias, outlet)
            self._registry = registry
        return self._registry

    # --- ingest --------------------------------------------------------------------------

    def ingest(
        self, sources: Iterable[str], *, defaults: PageDefaults | None = None, publisher: str | None = None,
        url: str | None = None, fmt: str | None = None, max_size: int = DEFAULT_MAX_SIZE,
        stdin: BinaryIO | None = None, progress: Callable[[str], None] | None = None,
        update_index: bool = True, workers: int | None = None, update: bool = False,
    ) -> IngestReport:
        """Ingest files, folders, URLs or ``-``; each page is its own transaction.

        A page that fails becomes a ``failed`` entry in the report and the rest still go in.
        Ctrl-C stops after rolling back the page in progress; the report says so. With many
        pages, reading and splitting run in a worker process ahead of storing.

        :param workers: worker processes for reading and splitting (default: one when there
            are at least two cores and enough pages, none otherwise).
        :param update: for a page already in the corpus (and items already known), apply
            ``defaults``, ``publisher`` and ``url`` to the stored values instead of changing
            nothing (see :func:`digestcite.corpus.edits.update_page`); each page's changes are
            in its report.
        """
        from digestcite.corpus.prepare import Settings
        from digestcite.corpus.reports import IngestReport, PageReport

        specs = list(sources)
        settings = Settings(tuple(self.store.aliases()), defaults, fmt, max_size)
        report = IngestReport()
        added: list[str] = []
        corrected: list[str] = []  # already indexed items whose values ingest --update changed
        # Index batches double (2,000, 4,000, 8,000 items…): a long ingest writes a few
        # segments without merging them, so indexing stays linear in the corpus size.
        batch = INDEX_BATCH
        self.timings = dict.fromkeys(STAGES, 0.0)
        prepared: PreparedPage | None = None
        self._last_document = self.store.db.execute("SELECT COALESCE(MAX(id), 0) FROM documents").fetchone()[0]
        try:
            for prepared in self._prepared(specs, settings, stdin, workers):
                if progress:
                    progress(prepared.spec)
                for stage, seconds in prepared.timings.items():
                    self.timings[stage] += seconds
                try:
                    page = self._store_prepared(prepared, publisher, url, defaults if update else None, update)
                except (BusyError, DiskFullError) as exc:
                    # NOTE: issue 12.20: each later page would wait (or fail) the same way; stop here.
                    report.stopped = str(exc)
                    report.not_ingested = len(specs) - len(report.pages)
                    break
                except DigestciteError as exc:
                    page = PageReport(prepared.spec, "failed", error=str(exc) if exc.path else f"{prepared.spec}: {exc}")
                report.pages.append(page)
                added.extend(page.items_added)
                corrected.extend(c.item_key for c in page.changes if c.item_key and c.item_key not in page.items_added)
                if update_index and len(added) >= batch:
                    self._catch_up(report, wait=0, merge=batch == INDEX_BATCH)
                    added = []
                    batch *= 2
            if update_index:
                self._catch_up(report, wait=None, merge=batch == INDEX_BATCH)
                added = []
            if update_index and corrected:
                started = time.perf_counter()
                self.index.update(list(dict.fromkeys(corrected)))
                self.timings["index"] += time.perf_counter() - started
                corrected = []
        except KeyboardInterrupt:
            report.interrupted = True
            landed = self._committed_but_unreported(prepared, report)
            if landed is not None:
                report.pages.append(landed)
                added.extend(landed.items_added)
            # Stored (committed) but not yet in the index: the next ingest (or 'doctor --repair') adds them.
            report.unindexed = self._unindexed(len(added)) + len(set(corrected)) if update_index else 0
        report.timings = dict(self.timings)
        return report

    def _prepared(
        self, specs: list[str], settings: Settings, stdin: BinaryIO | None, workers: int | None,
    ) -> Iterator[PreparedPage]:
        """Prepared pages in order: in this process, or from a worker a few pages ahead."""
        from digestcite.corpus.prepare import prepare, prepare_in_worker, start_worker

        if workers is None:
            workers = 1 if (os.cpu_count() or 1) >= 2 and len(specs) >= PARALLEL_MIN_PAGES else 0
        if workers <= 0 or "-" in specs:
            for spec in specs:
                yield prepare(spec, settings, self.registry, stdin=stdin)
            return
        import concurrent.futures
        import multiprocessing
        from collections import deque

        from digestcite.children import die_with_parent

        die_with_parent()
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker,
                                                      initargs=(settings,))
        pending: deque[concurrent.futures.Future[PreparedPage]] = deque()
        try:
            queue = iter(specs)
            for spec in queue:
                pending.append(pool.submit(prepare_in_worker, spec))
                if len(pending) >= AHEAD:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _committed_but_unreported(self, prepared: PreparedPage | None, report: IngestReport) -> PageReport | None:
        """The page whose COMMIT finished just before Ctrl-C arrived, so the report matches the store."""
        from digestcite.corpus.reports import PageReport

        if prepared is None or prepared.raw is None or any(p.path_or_url == prepared.raw.path_or_url for p in report.pages):
            return None
        row = self.store.document_by_hash(prepared.raw.sha256)
        if row is None or row["id"] <= self._last_document:  # absent, or stored before this run
            return None
        keys = tuple(r[0] for r in self.store.db.execute(
            "SELECT i.key FROM document_items di JOIN items i ON i.id = di.item_id WHERE di.document_id = ?"
            " ORDER BY di.position", (row["id"],)))
        return PageReport(prepared.raw.path_or_url, "added", keys)

    def _catch_up(self, report: IngestReport, *, wait: float | None, merge: bool = True) -> None:
        """Bring the index up to the store: this run's new items and any a killed or busy run left.

        Batches keep searches current during a long ingest and bound what a crash leaves
        to catch up. A batch (``wait=0``) that finds another process writing the index
        leaves its items to that process or to the next catch-up; the last one waits.
        """
        from digestcite.index import build

        if build.behind(self.index_dir, self.store) == 0 and not build.pending_outlets(self.index_dir):
            return
        started = time.perf_counter()
        try:
            build.catch_up(self.index_dir, self, wait=build.CATCH_UP_WAIT_S if wait is None else wait, merge=merge)
        except BusyError:
            if wait is None:
                report.unindexed = self._unindexed(report.counts()["items_added"])
                report.index_busy = True
        except DiskFullError as exc:
            report.unindexed = self._unindexed(report.counts()["items_added"])
            report.stopped = report.stopped or str(exc)
        finally:
            self.timings["index"] += time.perf_counter() - started

    def _unindexed(self, fallback: int) -> int:
        from digestcite.index.build import behind

        count = behind(self.index_dir, self.store)
        return fallback if count is None else count

    def ingest_page(
        self, raw: RawPage, *, defaults: PageDefaults | None = None, publisher: str | None = None,
        url: str | None = None,
    ) -> PageReport:
        """Split one page into items and claims and store it in one transaction."""
        from digestcite.corpus.prepare import Settings, prepare

        prepared = prepare(raw.path_or_url, Settings(defaults=defaults), self.registry, raw=raw)
        return self._store_prepared(prepared, publisher, url)

    def _store_prepared(
        self, prepared: PreparedPage, publisher: str | None, url: str | None, defaults: PageDefaults | None = None,
        update: bool = False,
    ) -> PageReport:
        if prepared.raw is None:
            from digestcite.corpus.reports import PageReport

            return PageReport(prepared.spec, "failed", error=prepared.error)
        started = time.perf_counter()
        try:
            return self._store_page(prepared, prepared.raw, publisher, url, defaults, update)
        finally:
            self.timings["store"] += time.perf_counter() - started

    def _store_page(
        self, prepared: PreparedPage, raw: RawPage, publisher: str | None, url: str | None,
        defaults: PageDefaults | None = None, update: bool = False,
    ) -> PageReport:
        from digestcite.corpus.reports import PageReport
        from digestcite.corpus.store import page_date

        registry = self.registry
        with self.store.transaction():
            known = self.store.document_by_hash(raw.sha256)
            if known is not None and update:
                return self._update_page(prepared, raw, known["id"], publisher, url, defaults)
            if known is not None:
                return PageReport(raw.path_or_url, "unchanged", warnings=("already ingested: nothing changed",))
            document_id = self.store.insert_document({
                "path_or_url": raw.path_or_url, "sha256": raw.sha256, "format": raw.format,
                "publisher": publisher, "url": url or raw.url or (raw.path_or_url if raw.path_or_url.startswith("http") else None),
                "title": prepared.title, "size": raw.size, "ingested": now_iso(), "n_items": len(prepared.items),
                "meta": json.dumps(page_meta(raw), ensure_ascii=False), "shape": prepared.shape,
                "published": page_date(raw.meta.published),
            })
            added: list[str] = []
            linked: list[str] = []
            near: list[tuple[str, str]] = []
            for item in prepared.items:
                item_id, key, is_new, near_keys = self._store_item(item, registry)
                self.store.link(document_id, item_id, item.parsed.position, item.parsed.line)
                (added if is_new else linked).append(key)
                near.extend((key, other) for other in near_keys)
            changes: tuple[Change, ...] = ()
            if update and linked:
                from digestcite.corpus.edits import update_page

                # the items this page adds were stored with the options already; those known from
                # another page take them now
                found, _ = update_page(self.store, registry, None, prepared.items, defaults=defaults, publisher=None,
                                       url=None, at=now_iso())
                changes = tuple(found)
        return PageReport(raw.path_or_url, "added", tuple(added), tuple(linked), tuple(near), prepared.warnings,
                          changes=changes)

    def _update_page(
        self, prepared: PreparedPage, raw: RawPage, document_id: int, publisher: str | None, url: str | None,
        defaults: PageDefaults | None,
    ) -> PageReport:
        """``ingest --update`` of a page already in the corpus, inside its transaction."""
        from digestcite.corpus.edits import update_page
        from digestcite.corpus.reports import PageReport

        changes, unknown = update_page(self.store, self.registry, document_id, prepared.items, defaults=defaults,
                                       publisher=publisher, url=url, at=now_iso())
        warnings: list[str] = []
        if unknown:
            warnings.append(
                f"{raw.path_or_url}: {unknown} item(s) read from the page now are not the ones stored (it reads"
                f" differently): to replace the page, 'digestcite remove --page {document_id}' and ingest it again")
        if not changes:
            warnings.append("already ingested and up to date: nothing changed")
        return PageReport(raw.path_or_url, "updated" if changes else "unchanged", warnings=tuple(warnings),
                          changes=tuple(changes))

    def _store_item(self, item: PreparedItem, registry: OutletRegistry) -> tuple[int, str, bool, list[str]]:
        from digestcite.bib.keys import make_key

        parsed = item.parsed
        existing = self.store.item_id_by_hash(item.digest)
        if existing is not None:
            return existing[0], existing[1], False, []
        outlet, stem = registry.canonical(parsed.outlet_as_printed) if parsed.outlet_as_printed else (None, "anon")
        published = parsed.published
        # NOTE: an item removed and ingested again gets its key back; a key is never given to another item.
        restored = self.store.removed_key(item.digest)
        key = restored or make_key(stem, published.year if published else None, parsed.title, self.store.key_taken,
                                   space=self.store.key_space)
        item_id = self.store.insert_item({
            "key": key, "title": parsed.title, "outlet": outlet, "outlet_as_printed": parsed.outlet_as_printed,
            "outlet_origin": parsed.outlet_origin, "published": published.iso() if published else None,
            "published_reason": parsed.published_reason, "tags": json.dumps(list(parsed.tags), ensure_ascii=False),
            "paragraphs": json.dumps(list(parsed.paragraphs), ensure_ascii=False),
            "captions": json.dumps(list(parsed.captions), ensure_ascii=False), "attribution": parsed.attribution,
            "title_from_text": int(parsed.title_from_text), "text_hash": item.digest, "n_shingles": len(item.shingles),
            "created": now_iso(), "source_url": parsed.source_url, "published_origin": parsed.published_origin,
            "author": parsed.author, "credited": json.dumps(list(parsed.credited), ensure_ascii=False),
        })
        self.store.insert_claims(item_id, [
            (c.paragraph, c.sentence, c.start, c.end, c.kind, c.speaker, c.credited, c.event_date,
             json.dumps([q.to_json() for q in c.numbers], ensure_ascii=False))
            for c in item.claims
        ])
        if restored:
            self.store.record_edit(now_iso(), "restored", None, None, "ingest", item_key=key)
        near_ids = self.store.add_shingles(item_id, set(item.shingles))
        near_keys = [
            row[0] for other_id, _ in near_ids
            for row in self.store.db.execute("SELECT key FROM items WHERE id = ?", (other_id,))
        ]
        return item_id, key, True, near_keys

    # --- reading -------------------------------------------------------------------------

    def item(self, key: str) -> Item:
        """One item with its claims and provenance.

        :raises UnknownKeyError: no such key.
        """
        item = self.store.item(key)
        return _labelled(item, self.registry)

    def items(
        self, *, outlet: str | None = None, date_from: PartialDate | None = None, date_to: PartialDate | None = None,
        with_claims: bool = False, limit: int | None = None,
    ) -> list[Item]:
        """Items in publication order, filtered by outlet (any alias) and publication date."""
        canonical = self.registry.canonical(outlet)[0] if outlet else None
        return [
            _labelled(i, self.registry)
            for i in self.store.items(
                outlet=canonical, date_from=date_from.iso() if date_from else None,
                date_to=date_to.iso() if date_to else None, with_claims=with_claims, limit=limit,
            )
        ]

    def sources(self) -> list[dict[str, Any]]:
        """Outlets with their aliases, label, item counts and publication date range."""
        registry = self.registry
        result = []
        for row in self.store.outlet_rows():
            printed = sorted({p for p in json.loads(row["printed"]) if p and p != row["outlet"]})
            known = registry.resolve(row["outlet"])
            result.append({
                "outlet": row["outlet"], "label": known.label if known else None, "known": known is not None,
                "items": row["items"], "first": row["first"], "last": row["last"], "printed_as": printed,
                "aliases": registry.aliases_of(row["outlet"]) if known else [],
            })
        return result

    def add_alias(self, alias: str, name: str) -> dict[str, Any]:
        """Make ``alias`` name the outlet ``name`` from now on, and relabel items printed so."""
        registry = self.registry
        target = registry.resolve(name)
        canonical = target.name if target else " ".join(name.split())
        from digestcite.index.build import reindex_outlet, will_reindex_outlet

        will_reindex_outlet(self.index_dir, canonical)
        with self.store.transaction():
            self.store.add_alias(alias, canonical, now_iso())
            wanted = {normalize_outlet(alias), normalize_outlet(name)}
            printed = [p for p in self.store.printed_names() if normalize_outlet(p) in wanted]
            changed = self.store.relabel_outlet(printed, canonical)
        registry.add_alias(alias, canonical)
        reindex_outlet(self, canonical, relabelled=bool(changed))  # also clears the note
        return {"alias": alias, "outlet": canonical, "items_relabelled": changed}

    # --- corrections (digestcite.corpus.edits) ---------------------------------------------

    def edit(self, key: str, values: Mapping[str, str | PartialDate | None]) -> EditReport:
        """Correct an item's ``outlet``, ``published``, ``title`` or ``author`` (``None`` clears); the key stays."""
        from digestcite.corpus.edits import edit_item

        return edit_item(self, key, values)

    def edit_page(self, page: str, values: Mapping[str, str | PartialDate | None]) -> EditReport:
        """Correct a page's ``publisher``, ``title``, ``published`` or ``url`` (``None`` clears)."""
        from digestcite.corpus.edits import edit_document

        return edit_document(self, page, values)

    def remove(self, keys: Sequence[str]) -> EditReport:
        """Remove items (all or none); their keys are never given to another item."""
        from digestcite.corpus.edits import remove_items

        return remove_items(self, keys)

    def remove_page(self, page: str) -> EditReport:
        """Remove a page and the items no other page carries."""
        from digestcite.corpus.edits import remove_document

        return remove_document(self, page)

    def pages(self) -> list[Document]:
        """Every page (document) in ingest order, numbered as ``edit-page`` and ``remove --page`` name them."""
        from digestcite.corpus.store import document_from_row

        return [document_from_row(row) for row in self.store.document_rows()]

    def stats(self) -> dict[str, Any]:
        """Counts of documents, items, claims (by kind), outlets and dates."""
        counts = self.store.counts()
        span = self.store.db.execute("SELECT MIN(published), MAX(published) FROM items").fetchone()
        return {
            "corpus": str(self.root), **counts, "claim_kinds": self.store.claim_kinds(),
            "first_published": span[0], "last_published": span[1],
        }


def _indexed_count(path: Path) -> int:
    """How many items an index holds, for the message about a store that lost them (0 if unreadable)."""
    if not path.exists():
        return 0
    from digestcite.index.build import open_index

    try:
        return int(open_index(path).doc_count())
    except DigestciteError:
        return 0


def page_meta(raw: RawPage) -> dict[str, Any]:
    """What a page said about itself, kept on its document (only what the page stated)."""
    meta = raw.meta
    values = {"title": meta.title, "site_name": meta.site_name, "author": meta.author, "published": meta.published,
              "url": meta.url, "lang": meta.lang, "is_article": meta.is_article, "sender": meta.sender}
    return {k: v for k, v in values.items() if v not in (None, False)}


def _labelled(item: Item, registry: OutletRegistry) -> Item:
    from dataclasses import replace

    return replace(item, outlet_label=registry.label_of(item.outlet) if item.outlet else None)
