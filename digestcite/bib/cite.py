"""Citation lookup: a few words (or a key) in; the best claim, its source and a ready citation out."""

from __future__ import annotations

import calendar
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
    """The citation found, or the suggestions when nothing matched."""

    citation: Citation | None
    suggestions: list[str] = field(default_factory=list)


def cite(
    corpus: Corpus, query: str, *, style: str = "chicago", filters: Filters | None = None, alternatives: int = 2,
    formatted: bool = True,
) -> CiteResult:
    """Find the best claim for ``query`` (or the item whose key it is) and build its citation.

    Ranks by any of the words (BM25), boosting items that have them all: writers type
    their own words, not the page's.
    """
    from digestcite.bib.keys import KEY_PATTERN
    from digestcite.errors import UnknownKeyError

    stripped = query.strip().lstrip("@")
    if KEY_PATTERN.match(stripped) and corpus.store.key_exists(stripped):
        item = corpus.item(stripped)
        citation = Citation(item, None, to_csl(item, corpus.registry), style)
    else:
        result = corpus.index.search(query, filters=filters, limit=1 + alternatives, any_words=True)
        if not result.hits:
            return CiteResult(None, result.suggestions)
        best = result.hits[0]
        if best.claim is None:  # pragma: no cover - claim searches always carry a claim
            raise UnknownKeyError("no claim found")
        item = best.item
        citation = Citation(item, best.claim, to_csl(item, corpus.registry), style, score=best.score,
                            highlight=best.highlight, alternatives=result.hits[1:])
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
