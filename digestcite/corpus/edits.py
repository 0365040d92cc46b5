"""Corrections: an item's outlet, date, title or author; a page's publisher, title, date or URL;
removing items and pages; ``ingest --update`` re-applying what the user supplied at ingest.

Each correction is one store transaction that also keeps, in the edits table, every value it
changed (old and new, when, which command). Keys never change, even when the year or outlet in
a key is corrected, and a removed item's key is never given to another item. The index is
updated after the store commits; if that fails the correction stands and
``digestcite doctor --repair`` brings the index back in line.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digestcite.corpus.reports import Change
from digestcite.errors import DigestciteError, ParseError, UnknownKeyError, UnknownPageError

if TYPE_CHECKING:
    import sqlite3

    from digestcite.corpus.claims import ClaimDraft
    from digestcite.corpus.dates import PartialDate
    from digestcite.corpus.digest import PageDefaults
    from digestcite.corpus.folder import Corpus
    from digestcite.corpus.models import Document
    from digestcite.corpus.outlets import OutletRegistry
    from digestcite.corpus.prepare import PreparedItem
    from digestcite.corpus.store import Store

log = logging.getLogger(__name__)

ITEM_FIELDS = ("outlet", "published", "title", "author")
DOCUMENT_FIELDS = ("publisher", "title", "published", "url")
# Item fields the index holds: correcting one of them re-indexes the item.
_INDEXED = frozenset(["outlet", "outlet_as_printed", "published", "title"])
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s]*$|^https?://[^\s/?#]+$", re.I)

@dataclass(frozen=True, slots=True)
class EditReport:
    """What one correction did: the values changed, the items removed, and the index's state."""

    changes: tuple[Change, ...] = ()
    removed: tuple[str, ...] = ()  # keys of the items removed
    kept: tuple[str, ...] = ()  # keys of a removed page's items that another page still carries
    document: Document | None = None  # the page corrected or removed
    index_error: str | None = None  # the store changed but the index could not follow
    interrupted: bool = False  # Ctrl-C while the index was being updated (after the store committed)

    def to_json(self) -> dict[str, Any]:
        return {"changes": [c.to_json() for c in self.changes], "removed": list(self.removed), "kept": list(self.kept),
                "document": self.document.to_json() if self.document else None, "index_error": self.index_error}


# --- the values a user types --------------------------------------------------------------

def _text(value: str | None) -> str | None:
    folded = " ".join(value.split()) if value is not None else None
    return folded or None


def _date(value: str | PartialDate | None) -> PartialDate | None:
    from digestcite.corpus.dates import PartialDate, parse_date

    if value is None or isinstance(value, PartialDate):
        return value
    if not value.strip():
        return None
    try:
        return parse_date(value)
    except ParseError as exc:
        raise ParseError(f"{value!r} is not a date ({exc.message}); use YYYY, YYYY-MM or YYYY-MM-DD") from exc


def _url(value: str | None) -> str | None:
    url = (value or "").strip() or None
    if url is not None and not _URL.match(url):
        raise ParseError(f"{url!r} is not a web address (it must start with http:// or https://)")
    return url


def _title(value: str | None) -> str:
    title = _text(value)
    if title is None:
        raise ParseError("a title cannot be empty")
    return title


def _given(values: Mapping[str, str | PartialDate | None], name: str) -> str | None:
    value = values[name]
    return value if isinstance(value, str) else None


def _check_fields(values: Mapping[str, object], allowed: Sequence[str]) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValueError(f"cannot correct {', '.join(unknown)} (only {', '.join(allowed)})")


# --- inside a transaction -----------------------------------------------------------------

def claim_rows(claims: Iterable[ClaimDraft]) -> list[tuple[Any, ...]]:
    """Claims as the store's insert takes them."""
    return [(c.paragraph, c.sentence, c.start, c.end, c.kind, c.speaker, c.credited, c.event_date,
             json.dumps([q.to_json() for q in c.numbers], ensure_ascii=False)) for c in claims]


def correct_item(
    store: Store, registry: OutletRegistry, key: str, values: Mapping[str, str | PartialDate | None], *,
    via: str, at: str,
) -> list[Change]:
    """Set an item's outlet, date (``published``), title or author; return what changed.

    An outlet is resolved through the registry and the corpus's aliases as ingest resolves
    one (``RFA`` → Radio Free Asia); a date is read at any precision and the item's claims
    are found again, so an event date without a year takes the corrected year. ``None``
    (or an empty text) clears an outlet, a date or an author. The key stays as it is.

    :raises UnknownKeyError: no such key (or it was removed).
    :raises ParseError: a date that is not one, an empty title.
    """
    _check_fields(values, ITEM_FIELDS)
    row = store.item_row(key)
    if row is None:
        store.item(key)  # raises, saying when it was removed if it was
        raise UnknownKeyError(f"no item with key {key!r}")  # pragma: no cover - store.item raised
    columns: dict[str, Any] = {}
    if "outlet" in values:
        printed = _text(_given(values, "outlet"))
        canonical = registry.canonical(printed)[0] if printed else None
        columns.update(outlet=canonical, outlet_as_printed=printed, outlet_origin="user" if printed else None)
    published: PartialDate | None = None
    if "published" in values:
        published = _date(values["published"])
        columns.update(published=published.iso() if published else None,
                       published_origin="user" if published else None,
                       published_reason=None if published else "the date was removed by a correction")
    if "title" in values:
        columns.update(title=_title(_given(values, "title")), title_from_text=0)
    if "author" in values:
        columns["author"] = _text(_given(values, "author"))
    return _apply_item(store, row, columns, published, via=via, at=at)


def _apply_item(
    store: Store, row: sqlite3.Row, columns: dict[str, Any], published: PartialDate | None, *, via: str, at: str,
) -> list[Change]:
    """Write the columns that differ, record each shown field's change, find claims again on a new date."""
    from digestcite.corpus.claims import extract_claims

    differing = {c: v for c, v in columns.items() if row[c] != v}
    changes = [Change(field, row[field], differing[field], item_key=row["key"])
               for field in ("outlet", "outlet_as_printed", "published", "title", "author") if field in differing]
    if not changes:
        return []
    store.set_columns("items", row["id"], differing)
    if "published" in differing:
        paragraphs = json.loads(row["paragraphs"])
        store.replace_claims(row["id"], claim_rows(extract_claims(list(paragraphs), published)))
    for change in changes:
        store.record_edit(at, change.field, change.old, change.new, via, item_key=row["key"])
    return changes


def correct_document(
    store: Store, document_id: int, values: Mapping[str, str | PartialDate | None], *, via: str, at: str,
) -> list[Change]:
    """Set a page's publisher, title, date (``published``) or URL; return what changed.

    Every item read in the page is cited through it (``summarized in``), so exports and
    notes follow at once. ``None`` clears a value.

    :raises ParseError: a date that is not one, a URL that is not http(s).
    """
    _check_fields(values, DOCUMENT_FIELDS)
    row = store.document_row(document_id)
    if row is None:
        raise UnknownPageError(f"no page {document_id} (list them with 'digestcite pages')")
    columns: dict[str, Any] = {}
    if "publisher" in values:
        columns["publisher"] = _text(_given(values, "publisher"))
    if "title" in values:
        columns["title"] = _text(_given(values, "title"))
    if "published" in values:
        date = _date(values["published"])
        columns["published"] = date.iso() if date else None
    if "url" in values:
        columns["url"] = _url(_given(values, "url"))
    differing = {c: v for c, v in columns.items() if row[c] != v}
    changes = [Change(field, row[field], value, document_id=document_id) for field, value in differing.items()]
    store.set_columns("documents", document_id, differing)
    for change in changes:
        store.record_edit(at, change.field, change.old, change.new, via, document_id=document_id)
    return changes


def delete_items(store: Store, keys: Sequence[str], *, via: str, at: str) -> list[str]:
    """Remove items (claims, provenance links, retelling pairs with them); keep a record of each.

    :raises UnknownKeyError: a key that is not in the corpus (then nothing is removed).
    """
    removed: list[str] = []
    for key in dict.fromkeys(keys):
        row = store.item_row(key)
        if row is None:
            store.item(key)  # raises, saying when it was removed if it was
        assert row is not None
        store.record_edit(at, "removed", _described(row), None, via, item_key=key, text_hash=row["text_hash"])
        store.delete_item(row["id"])
        removed.append(key)
    return removed


def delete_document(store: Store, document_id: int, *, via: str, at: str) -> tuple[list[str], list[str]]:
    """Remove a page, and those of its items no other page carries; return (removed, kept) keys.

    An item another page also carries stays, and keeps a record that it lost this page.
    """
    row = store.document_row(document_id)
    if row is None:
        raise UnknownPageError(f"no page {document_id} (list them with 'digestcite pages')")
    removed: list[str] = []
    kept: list[str] = []
    for item in store.items_of(document_id):
        if item["carried_by"] > 1:
            store.record_edit(at, "document", f"page {document_id}: {row['path_or_url']}", None, via, item_key=item["key"])
            kept.append(item["key"])
        else:
            removed.extend(delete_items(store, [item["key"]], via=via, at=at))
    store.record_edit(at, "removed", f"{row['path_or_url']} ({row['n_items']} item(s))", None, via,
                      document_id=document_id)
    store.delete_document(document_id)
    return removed, kept


def _described(row: sqlite3.Row) -> str:
    """What a removed item was, for its record: headline, outlet, date."""
    return f"{row['title']} ({row['outlet'] or 'no outlet'}, {row['published'] or 'no date'})"


def update_page(
    store: Store, registry: OutletRegistry, document_id: int | None, items: Sequence[PreparedItem], *,
    defaults: PageDefaults | None, publisher: str | None, url: str | None, at: str,
) -> tuple[list[Change], int]:
    """``ingest --update``: apply what the user supplied to a page already in the corpus.

    ``--publisher`` and ``--url`` replace the document's; ``--source`` and ``--date`` are
    applied to each of the page's items whose page names no outlet, or gives no date (the
    page read again with them says which), whether the item was first read in this page or
    in another. Options not given change nothing. Returns the changes and how many of the
    page's items (as read now) are not in the store (the page reads differently now).
    """
    changes: list[Change] = []
    if document_id is not None:
        values: dict[str, str | PartialDate | None] = {}
        if publisher is not None:
            values["publisher"] = publisher
        if url is not None:
            values["url"] = url
        changes.extend(correct_document(store, document_id, values, via="ingest --update", at=at))
    unknown = 0
    for item in items:
        row = store.db.execute("SELECT * FROM items WHERE text_hash = ?", (item.digest,)).fetchone()
        if row is None:
            unknown += 1
            continue
        parsed = item.parsed
        columns: dict[str, Any] = {}
        if defaults is not None and defaults.outlet and parsed.outlet_origin == "user" and parsed.outlet_as_printed:
            columns.update(outlet=registry.canonical(parsed.outlet_as_printed)[0],
                           outlet_as_printed=parsed.outlet_as_printed, outlet_origin="user")
        if defaults is not None and defaults.published is not None and parsed.published_origin == "user" \
                and parsed.published is not None:
            columns.update(published=parsed.published.iso(), published_origin="user", published_reason=None)
        changes.extend(_apply_item(store, row, columns, parsed.published, via="ingest --update", at=at))
    return changes, unknown


# --- naming a page ------------------------------------------------------------------------

def find_document(store: Store, ref: str) -> int:
    """The id of the page ``ref`` names.

    A page is named by its number (``digestcite pages``, ``show``), its path or URL as
    ingested, its file name when only one page has it, the file itself (found by content,
    wherever it is now), or the start of its SHA-256 (8 or more hex digits).

    :raises UnknownPageError: no page fits, or several do (their numbers are listed).
    """
    text = ref.strip()
    if text.isdigit():
        if store.document_row(int(text)) is None:
            raise UnknownPageError(f"no page {text} (list them with 'digestcite pages')")
        return int(text)
    db = store.db
    ids = [r[0] for r in db.execute("SELECT id FROM documents WHERE path_or_url = ? ORDER BY id", (text,))]
    if not ids and Path(text).is_file():
        digest = hashlib.sha256(Path(text).read_bytes()).hexdigest()
        ids = [r[0] for r in db.execute("SELECT id FROM documents WHERE sha256 = ?", (digest,))]
    if not ids and re.fullmatch(r"[0-9a-fA-F]{8,64}", text):
        ids = [r[0] for r in db.execute("SELECT id FROM documents WHERE sha256 LIKE ? ORDER BY id", (text.lower() + "%",))]
    if not ids and "/" not in text and "\\" not in text:
        ids = [r[0] for r in db.execute("SELECT id, path_or_url FROM documents ORDER BY id")
               if not r[1].startswith(("http://", "https://")) and Path(r[1]).name == text]
    if not ids:
        raise UnknownPageError(f"no page {text!r} in the corpus (list them with 'digestcite pages')")
    if len(ids) > 1:
        raise UnknownPageError(f"{text!r} names {len(ids)} pages ({', '.join(map(str, ids))}): name one by its number")
    return int(ids[0])


# --- the corrections a Corpus runs --------------------------------------------------------

def edit_item(corpus: Corpus, key: str, values: Mapping[str, str | PartialDate | None]) -> EditReport:
    """Correct one item in one transaction, then re-index it. See :func:`correct_item`."""
    from digestcite.corpus.folder import now_iso

    with corpus.store.transaction():
        changes = correct_item(corpus.store, corpus.registry, key, values, via="edit", at=now_iso())
    report = EditReport(tuple(changes))
    if any(c.field in _INDEXED for c in changes):
        report = _reindex(corpus, report, [key], [])
    return report


def edit_document(corpus: Corpus, ref: str, values: Mapping[str, str | PartialDate | None]) -> EditReport:
    """Correct one page in one transaction. See :func:`correct_document`."""
    from digestcite.corpus.folder import now_iso

    with corpus.store.transaction():
        document_id = find_document(corpus.store, ref)
        changes = correct_document(corpus.store, document_id, values, via="edit-page", at=now_iso())
        document = _document(corpus.store, document_id)
    return EditReport(tuple(changes), document=document)


def remove_items(corpus: Corpus, keys: Sequence[str]) -> EditReport:
    """Remove items in one transaction (all or none), then from the index."""
    from digestcite.corpus.folder import now_iso

    with corpus.store.transaction():
        removed = delete_items(corpus.store, keys, via="remove", at=now_iso())
    return _reindex(corpus, EditReport(removed=tuple(removed)), [], removed)


def remove_document(corpus: Corpus, ref: str) -> EditReport:
    """Remove a page and the items only it carries in one transaction, then from the index."""
    from digestcite.corpus.folder import now_iso

    with corpus.store.transaction():
        document_id = find_document(corpus.store, ref)
        document = _document(corpus.store, document_id)
        removed, kept = delete_document(corpus.store, document_id, via="remove --page", at=now_iso())
    return _reindex(corpus, EditReport(removed=tuple(removed), kept=tuple(kept), document=document), [], removed)


def _document(store: Store, document_id: int) -> Document:
    from digestcite.corpus.store import document_from_row

    row = store.document_row(document_id)
    assert row is not None
    return document_from_row(row)


def _reindex(corpus: Corpus, report: EditReport, changed: list[str], removed: list[str]) -> EditReport:
    """Bring the index in line after the store committed; a failure is reported, not raised."""
    from digestcite.index import build

    try:
        if changed:
            build.update(corpus.index_dir, corpus, changed)
        if removed and (corpus.index_dir / build.VERSION_FILE).exists():
            build.delete(corpus.index_dir, removed)
    except DigestciteError as exc:  # busy, missing or damaged: the store is the truth, doctor repairs
        log.info("index not updated after a correction: %s", exc)
        return replace(report, index_error=str(exc))
    except KeyboardInterrupt:  # the Whoosh writer cancelled itself; the store change is committed
        return replace(report, index_error="interrupted", interrupted=True)
    return report
