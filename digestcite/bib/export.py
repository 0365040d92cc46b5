"""Exports: choose items (all, keys, a query, a draft's citations) and write them in a format."""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digestcite.bib.csl import DIGEST_KEY_PREFIX, digest_key, digest_to_csl, records_for
from digestcite.errors import ExportError, UnknownKeyError

if TYPE_CHECKING:
    from digestcite.corpus.folder import Corpus
    from digestcite.corpus.models import Document

FORMATS = ("bibtex", "biblatex", "csljson", "ris")


def select_keys(
    corpus: Corpus, *, all_items: bool = False, keys: list[str] | None = None, query: str | None = None,
    draft: Path | None = None, limit: int = 1000, notes: list[str] | None = None,
) -> list[str]:
    """The keys an export covers, in a stable order.

    :raises UnknownKeyError: a named or cited key is not in the corpus (with close keys).
    """
    chosen = [bool(all_items), keys is not None, query is not None, draft is not None]
    if sum(chosen) != 1:
        raise ExportError("choose exactly one of --all, --keys, --query or --draft")
    if all_items:
        return [r[0] for r in corpus.store.db.execute("SELECT key FROM items ORDER BY key")]
    if keys is not None:
        wanted = [k.strip().lstrip("@") for k in keys if k.strip()]
        check_keys(corpus, [(None, k) for k in wanted], source="--keys")
        return list(dict.fromkeys(wanted))
    if query is not None:
        result = corpus.index.search(query, limit=limit, items=True)
        if not result.hits and notes is not None:
            notes.append(f"no items match {query!r}" + (f": {result.reason}" if result.reason else ""))
        return [h.item.key for h in result.hits]
    assert draft is not None
    from digestcite.bib.render import cited_keys, read_draft

    text = read_draft(draft)
    cited = cited_keys(text)
    check_keys(corpus, cited, source=str(draft))
    return list(dict.fromkeys(k for _, k in cited))


def check_keys(corpus: Corpus, cited: Sequence[tuple[int | None, str]], *, source: str) -> None:
    """Raise one error listing every unknown key with its line and the closest existing keys."""
    digests = digest_documents(corpus, [key for _, key in cited if key.startswith(DIGEST_KEY_PREFIX)])
    missing = [(line, key) for line, key in cited if key not in digests and not corpus.store.key_exists(key)]
    if not missing:
        return
    every = sorted(known_keys(corpus))
    parts = []
    for line, key in missing:
        close = close_keys(key, every)
        where = f"line {line}: " if line else ""
        parts.append(f"{where}@{key}" + (f" (did you mean {', '.join('@' + c for c in close)}?)" if close else ""))
    raise UnknownKeyError(f"unknown citation key(s): {'; '.join(parts)}",
                          path=None if source == "--keys" else source, line=missing[0][0])


def known_keys(corpus: Corpus) -> set[str]:
    """Every key a draft may cite: the items' and the digests' (``digest-…``)."""
    from digestcite.bib.csl import is_digest
    from digestcite.corpus.models import Document

    digests = set()
    for row in corpus.store.db.execute("SELECT id, sha256, shape, n_items FROM documents"):
        document = Document(id=row[0], path_or_url="", publisher=None, ingested="", sha256=row[1] or "", shape=row[2],
                            n_items=row[3] or 0)
        if is_digest(document):
            digests.add(digest_key(document))
    return {r[0] for r in corpus.store.db.execute("SELECT key FROM items")} | digests


def close_keys(key: str, every: Sequence[str]) -> list[str]:
    """Existing keys a mistyped key probably meant (at most three)."""
    return difflib.get_close_matches(key, list(every), n=3, cutoff=0.85)


def digest_documents(corpus: Corpus, keys: list[str] | None) -> dict[str, Document]:
    """The documents that retell items, by digest key (``None``: every one in the corpus)."""
    from digestcite.bib.csl import is_digest

    if keys is not None and not keys:
        return {}
    sql = ("SELECT d.id, min(i.key) FROM documents d JOIN document_items di ON di.document_id = d.id"
           " JOIN items i ON i.id = di.item_id")
    params: list[str] = []
    if keys is not None:
        tails = [k[len(DIGEST_KEY_PREFIX):] for k in keys]
        marks = ",".join("?" * len(tails))
        sql += f" WHERE substr(d.sha256, 1, 8) IN ({marks}) OR (d.sha256 = '' AND CAST(d.id AS TEXT) IN ({marks}))"
        params = tails + tails
    rows = corpus.store.db.execute(sql + " GROUP BY d.id ORDER BY d.id", params).fetchall()
    wanted = set(keys) if keys is not None else None
    found: dict[str, Document] = {}
    for document_id, item_key in rows:
        for document in corpus.store.item(item_key).documents:
            if document.id == document_id and is_digest(document):
                key = digest_key(document)
                if wanted is None or key in wanted:
                    found[key] = document
    return found


def records(corpus: Corpus, keys: list[str], *, accessed: str | None = None) -> list[dict[str, Any]]:
    """CSL-JSON records for these keys (the internal model every export derives from).

    The items' records come first, in the order given, then the records of the named digests
    they were read through and of any digest key given, each once.

    :param accessed: the date the writer consulted the records' URLs (``--accessed``).
    """
    item_keys = [k for k in keys if not k.startswith(DIGEST_KEY_PREFIX)]
    items = {i.key: i for i in corpus.store.items(keys=item_keys, with_claims=True)} if item_keys else {}
    found = records_for([items[k] for k in item_keys if k in items], corpus.registry, accessed=accessed)
    have = {r["id"] for r in found}
    named = digest_documents(corpus, [k for k in keys if k.startswith(DIGEST_KEY_PREFIX) and k not in have])
    return found + [digest_to_csl(named[k], accessed=accessed) for k in sorted(named)]


def with_key_in_note(record: dict[str, Any]) -> dict[str, Any]:
    """The record with ``Citation Key: KEY`` as the last line of its ``note``.

    NOTE: Zotero's CSL JSON importer keeps neither ``id`` nor ``citation-key`` (its schema maps
    no CSL variable to a key) but puts ``note`` in Extra, where a ``Citation Key:`` line is the
    item's key to Zotero's own CSL JSON export and to Better BibTeX
    (tests/data/golden/zotero-csljson.json). Styles do not print ``note``.
    """
    from digestcite.bib.ris import CITATION_KEY_LABEL

    line = f"{CITATION_KEY_LABEL}: {record['id']}"
    note = record.get("note")
    return {**record, "note": f"{note}\n{line}" if note else line}


def export_text(records_: list[dict[str, Any]], fmt: str) -> str:
    """Records written in one of :data:`FORMATS`."""
    if fmt == "csljson":
        from digestcite.bib.render import inert_text

        return json.dumps([inert_text(with_key_in_note(r)) for r in records_], ensure_ascii=False, indent=2) + "\n"
    if fmt in ("bibtex", "biblatex"):
        from digestcite.bib.bibtex import to_bibtex

        return to_bibtex(records_, biblatex=fmt == "biblatex")
    if fmt == "ris":
        from digestcite.bib.ris import to_ris

        return to_ris(records_)
    raise ExportError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
