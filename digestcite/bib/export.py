"""Exports: choose items (all, keys, a query, a draft's citations) and write them in a format."""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digestcite.bib.csl import to_csl
from digestcite.errors import ExportError, UnknownKeyError

if TYPE_CHECKING:
    from digestcite.corpus.folder import Corpus

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
    missing = [(line, key) for line, key in cited if not corpus.store.key_exists(key)]
    if not missing:
        return
    every = [r[0] for r in corpus.store.db.execute("SELECT key FROM items")]
    parts = []
    for line, key in missing:
        close = close_keys(key, every)
        where = f"line {line}: " if line else ""
        parts.append(f"{where}@{key}" + (f" (did you mean {', '.join('@' + c for c in close)}?)" if close else ""))
    raise UnknownKeyError(f"unknown citation key(s): {'; '.join(parts)}",
                          path=None if source == "--keys" else source, line=missing[0][0])


def close_keys(key: str, every: Sequence[str]) -> list[str]:
    """Existing keys a mistyped key probably meant (at most three)."""
    return difflib.get_close_matches(key, list(every), n=3, cutoff=0.85)


def records(corpus: Corpus, keys: list[str]) -> list[dict[str, Any]]:
    """CSL-JSON records for these keys (the internal model every export derives from)."""
    items = {i.key: i for i in corpus.store.items(keys=keys, with_claims=True)}
    return [to_csl(items[k], corpus.registry) for k in keys if k in items]


def export_text(records_: list[dict[str, Any]], fmt: str) -> str:
    """Records written in one of :data:`FORMATS`."""
    if fmt == "csljson":
        return json.dumps(records_, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("bibtex", "biblatex"):
        from digestcite.bib.bibtex import to_bibtex

        return to_bibtex(records_, biblatex=fmt == "biblatex")
    if fmt == "ris":
        from digestcite.bib.ris import to_ris

        return to_ris(records_)
    raise ExportError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
