"""Citation lookup: a few words (or a key) in; the best claim, its source and a ready citation out."""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digestcite.bib.csl import digest_reference, summarized_suffix, to_csl

if TYPE_CHECKING:
    from digestcite.corpus.folder import Corpus
    from digestcite.corpus.models import Claim, Item
    from digestcite.index.search import Filters, Hit


def human_date(iso: str | None) -> str:
    """``2020-10-22`` → ``October 22, 2020``; partial dates stay partial."""
    if not iso:
        return "n.d."
    parts = [int(p) for p in iso[:10].split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{calendar.month_name[parts[1]]} {parts[0]}"
    return f"{calendar.month_name[parts[1]]} {parts[2]}, {parts[0]}"


@dataclass
class Citation:
    """A claim (or a whole item) ready to cite."""

    item: Item
    claim: Claim | None
    record: dict[str, Any]
    style: str
    note: str = ""
    reference: str = ""
    score: float | None = None
    highlight: str | None = None
    alternatives: list[Hit] = field(default_factory=list)

    @property
    def pandoc(self) -> str:
        """The pandoc citation with its locator: ``[@key, para. 2]``."""
        return f"[@{self.item.key}, {self.claim.locator}]" if self.claim else f"[@{self.item.key}]"

    @property
    def source_line(self) -> str:
        """Outlet, date, and the digest it came through."""
        parts = [self.item.outlet or "(no outlet)", human_date(self.item.published)]
        line = ", ".join(parts)
        digest = [p for p in digest_reference(self.item) if p]
        if digest:
            line += f"; as summarized in {', '.join(digest)}"
        document = self.item.document
        if document is not None:
            line += f" (accessed {document.ingested[:10]})"
        return line

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.item.key,
            "claim": self.claim.to_json() if self.claim else None,
            "title": self.item.title,
            "outlet": self.item.outlet,
            "published": self.item.published,
            "source": self.source_line,
            "pandoc": self.pandoc,
            "style": self.style,
            "note": self.note,
            "reference": self.reference,
            "csl": self.record,
            "score": None if self.score is None else round(self.score, 4),
            "highlight": self.highlight,
            "alternatives": [h.to_json() for h in self.alternatives],
        }


@dataclass
class CiteResult:
    """The citation found, or why nothing was (``reason``) and the closest words."""

    citation: Citation | None
    suggestions: list[str] = field(default_factory=list)
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The citation's JSON, or an object saying why there is none."""
        if self.citation is not None:
            return self.citation.to_json()
        return {"key": None, "found": False, "reason": self.reason, "suggestions": self.suggestions}


# `@key`, `[@key]`, `[@key, para. 2]`, `[see @key, para. 2]`: a pandoc citation pasted back.
_PANDOC_CITE = re.compile(
    r"^\[?\s*(?:see(?: also)?\s+)?@(?P<key>[\w:.#$%&+?<>~/-]+?)\s*(?:,\s*(?:para(?:graph)?s?\.?|¶)\s*(?P<para>\d+)[^\]]*)?\]?$",
    re.I,
)
# A word shaped like a key (outlet letters, a year or "nd", headline letters) is taken for a mistyped key.
_KEY_SHAPE = re.compile(r"^[a-z]+(?:\d{4}|nd)[a-z][a-z0-9]*$")


def cite(
    corpus: Corpus, query: str, *, style: str = "chicago", filters: Filters | None = None, alternatives: int = 2,
    formatted: bool = True,
) -> CiteResult:
    """Find the best claim for ``query`` (or the item whose key it is) and build its citation.

    Ranks by any of the words (BM25), boosting items that have them all: writers type
    their own words, not the page's. A pasted pandoc citation (``[@key, para. 2]``) cites
    that key at that paragraph.

    :raises UnknownKeyError: the query names a key (``@key``, or a word shaped like one
        close to a key) the corpus does not have, with the closest keys; or a paragraph the
        item does not have.
    """
    from digestcite.bib.export import close_keys
    from digestcite.errors import UnknownKeyError

    stripped = query.strip()
    pasted = _PANDOC_CITE.match(stripped)
    bare = stripped.lstrip("@")
    if pasted or _KEY_SHAPE.match(bare) or (bare and corpus.store.key_exists(bare)):
        key = pasted.group("key") if pasted else bare
        if not corpus.store.key_exists(key):
            every = [r[0] for r in corpus.store.db.execute("SELECT key FROM items")]
            close = close_keys(key, every) or difflib.get_close_matches(key, every, n=3, cutoff=0.7)
            if pasted or close or stripped.startswith("@"):
                hint = f" (did you mean {', '.join(close)}?)" if close else " (digestcite items lists the keys)"
                raise UnknownKeyError(f"no item with key {key!r}{hint}")
        else:
            item = corpus.item(key)
            claim = None
            if pasted and pasted.group("para"):
                paragraph = int(pasted.group("para"))
                claim = next((c for c in item.claims if c.paragraph == paragraph), None)
                if claim is None:
                    count = max((c.paragraph for c in item.claims), default=0)
                    raise UnknownKeyError(f"{key} has {count} paragraph(s); para. {paragraph} is not one of them")
            citation = Citation(item, claim, to_csl(item, corpus.registry), style)
            if formatted:
                add_formatting(citation, cache_folder=corpus.root)
            return CiteResult(citation)
    result = corpus.index.search(query, filters=filters, limit=1 + alternatives, any_words=True)
    if not result.hits:
        return CiteResult(None, result.suggestions, result.reason or "no claim has any of the words")
    best = result.hits[0]
    if best.claim is None:  # pragma: no cover - claim searches always carry a claim
        raise UnknownKeyError("no claim found")
    others = [h for h in result.hits[1:] if h.item.key != best.item.key or h.claim != best.claim]
    citation = Citation(best.item, best.claim, to_csl(best.item, corpus.registry), style, score=best.score,
                        highlight=best.highlight, alternatives=others)
    if formatted:
        add_formatting(citation, cache_folder=corpus.root)
    return CiteResult(citation)


def add_formatting(citation: Citation, *, cache_folder: Path | None = None) -> None:
    """Fill the citation's note and reference in its style.

    One pandoc run, or none when ``cache_folder`` holds this item's note in this style
    already (see :mod:`digestcite.bib.notecache`).
    """
    from digestcite.bib.notecache import SENTINEL, NoteCache, note_key
    from digestcite.bib.render import format_citations
    from digestcite.bib.styles import resolve_style

    style_path = resolve_style(citation.style)
    suffix = summarized_suffix(citation.item) or None
    paragraph = citation.claim.paragraph if citation.claim else None
    key = note_key(style_path, citation.record, suffix, paragraph is not None)
    cache = NoteCache(cache_folder) if cache_folder is not None else None
    try:
        found = cache.get(key) if cache else None
        if found is None:
            locator = f"para. {SENTINEL}" if paragraph is not None else None
            formatted = format_citations([citation.record], [(citation.item.key, locator, suffix)], style_path)[0]
            found = (formatted.citation, formatted.reference)
            if cache:
                cache.put(key, *found)
    finally:
        if cache:
            cache.close()
    note, reference = found
    citation.note = note.replace(SENTINEL, str(paragraph)) if paragraph is not None else note
    citation.reference = reference
