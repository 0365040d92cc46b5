"""Citation lookup: a few words (or a key) in; the best claim, its source and a ready citation out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digestcite.bib.csl import NAME_DIGEST_HINT, citable_digest, digest_of, digest_to_csl, to_csl
from digestcite.bib.fastnotes import MONTHS

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
        return f"{MONTHS[parts[1]]} {parts[0]}"
    return f"{MONTHS[parts[1]]} {parts[2]}, {parts[0]}"


@dataclass
class Citation:
    """A claim (or a whole item) ready to cite: the item's record and, when the item was read
    through a named digest, the digest's record too (the work the locator belongs to)."""

    item: Item
    claim: Claim | None
    record: dict[str, Any]
    style: str
    note: str = ""
    reference: str = ""
    score: float | None = None
    highlight: str | None = None
    alternatives: list[Hit] = field(default_factory=list)
    digest: dict[str, Any] | None = None
    digest_reference: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def records(self) -> list[dict[str, Any]]:
        """The CSL records this citation needs: the item's, then the digest's."""
        return [self.record, self.digest] if self.digest is not None else [self.record]

    @property
    def locator(self) -> str | None:
        """``para. N`` when it can be true: on the digest, or on a page that is the article.

        A paragraph of an unnamed digest belongs to no citable work, so it is left out.
        """
        if self.claim is None or (self.digest is None and digest_of(self.item) is not None):
            return None
        return self.claim.locator

    def markup(self, locator: str | None = None) -> str:
        """The pandoc citation with ``locator`` (default: the claim's)."""
        locator = self.locator if locator is None else locator
        tail = f", {locator}" if locator else ""
        if self.digest is not None:
            return f"[@{self.item.key}; summarized in @{self.digest['id']}{tail}]"
        return f"[@{self.item.key}{tail}]"

    @property
    def latex(self) -> str:
        """The biblatex command a LaTeX writer pastes, the locator on the work it counts in:
        ``\\autocites{orig}[summarized in][para.~2]{digest}``, or ``\\autocite[para.~2]{key}``.

        NOTE (issue 13, biblatex-chicago): ``\\autocite{orig}`` alone prints the digest only in the
        bibliography and puts the locator after the outlet.
        """
        locator = (self.locator or "").replace("para. ", "para.~")
        if self.digest is not None:
            return f"\\autocites{{{self.item.key}}}[summarized in][{locator}]{{{self.digest['id']}}}"
        return f"\\autocite[{locator}]{{{self.item.key}}}" if locator else f"\\autocite{{{self.item.key}}}"

    @property
    def pandoc(self) -> str:
        """The pandoc citation a writer pastes: ``[@orig; summarized in @digest, para. 2]``."""
        return self.markup()

    @property
    def source_line(self) -> str:
        """Outlet, date and, for an item read through a digest, the digest (with its access date)."""
        byline = [self.item.author] if self.item.author else []
        line = ", ".join([*byline, self.item.outlet or "(no outlet)", human_date(self.item.published)])
        url = self.record.get("URL")
        if url:
            line += f", {url}"
        if self.digest is not None:
            digest = self.digest
            named = [p for p in (digest.get("publisher"), digest.get("title"), digest.get("URL")) if p]
            line += f"; summarized in {', '.join(named)}"
            if "accessed" in digest:
                line += f" (accessed {_iso(digest['accessed'])})"
        elif "accessed" in self.record:
            line += f" (accessed {_iso(self.record['accessed'])})"
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
            "author": self.item.author,
            "locator": self.locator,
            "digest": self.digest,
            "digest_reference": self.digest_reference or None,
            "warnings": list(self.warnings),
        }


def _iso(date: dict[str, Any]) -> str:
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date["date-parts"][0]))


def make_citation(corpus: Corpus, item: Item, claim: Claim | None, style: str, *, accessed: str | None = None,
                  **extra: Any) -> Citation:
    """A citation of ``item`` (at ``claim``), with its digest's record when the digest is named."""
    document = citable_digest(item)
    through = digest_of(item)
    warnings = []
    if through is not None and document is None:
        where = through.url or Path(through.path_or_url).name
        warnings.append(NAME_DIGEST_HINT.format(where=where))
    # NOTE: the outlet registry (outlets.json and the corpus's aliases, ~5 ms to load) is
    # consulted only for the names claims credit or quote.
    named = any(c.credited or c.speaker for c in item.claims)
    return Citation(item, claim, to_csl(item, corpus.registry if named else None, accessed=accessed), style,
                    digest=digest_to_csl(document, accessed=accessed) if document is not None else None,
                    warnings=warnings, **extra)


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
# (Compiled by re for a query with an @ only: ~0.2 ms a lookup by words never needs.)
_PANDOC_CITE = (
    r"(?i)^\[?\s*(?:see(?: also)?\s+)?@(?P<key>[\w:.#$%&+?<>~/-]+?)\s*(?:,\s*(?:para(?:graph)?s?\.?|¶)\s*(?P<para>\d+)[^\]]*)?\]?$"
)
# A word shaped like a key (outlet letters, a year or "nd", headline letters) is taken for a mistyped key.
_KEY_SHAPE = re.compile(r"^[a-z]+(?:\d{4}|nd)[a-z][a-z0-9]*$")


def cite(
    corpus: Corpus, query: str, *, style: str = "chicago", filters: Filters | None = None, alternatives: int = 2,
    formatted: bool = True, accessed: str | None = None,
) -> CiteResult:
    """Find the best claim for ``query`` (or the item whose key it is) and build its citation.

    Ranks by any of the words (BM25), boosting items that have them all: writers type
    their own words, not the page's. A pasted pandoc citation (``[@key, para. 2]``) cites
    that key at that paragraph.

    :raises UnknownKeyError: the query names a key (``@key``, or a word shaped like one
        close to a key) the corpus does not have, with the closest keys; or a paragraph the
        item does not have.
    """
    from digestcite.errors import UnknownKeyError

    stripped = query.strip()
    pasted = re.match(_PANDOC_CITE, stripped) if "@" in stripped else None
    bare = stripped.lstrip("@")
    if pasted or _KEY_SHAPE.match(bare) or (bare and corpus.store.key_exists(bare)):
        key = pasted.group("key") if pasted else bare
        if not corpus.store.key_exists(key):
            from difflib import get_close_matches

            from digestcite.bib.export import close_keys

            every = [r[0] for r in corpus.store.db.execute("SELECT key FROM items")]
            close = close_keys(key, every) or get_close_matches(key, every, n=3, cutoff=0.7)
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
            citation = make_citation(corpus, item, claim, style, accessed=accessed)
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
    citation = make_citation(corpus, best.item, best.claim, style, accessed=accessed, score=best.score,
                             highlight=best.highlight, alternatives=others)
    if formatted:
        add_formatting(citation, cache_folder=corpus.root)
    return CiteResult(citation)


def add_formatting(citation: Citation, *, cache_folder: Path | None = None) -> None:
    """Fill the citation's note and reference (and the digest's reference) in its style.

    One pandoc run, or none when ``cache_folder`` holds this citation's note in this
    style already (see :mod:`digestcite.bib.notecache`).
    """
    from digestcite.bib.styles import is_bundled, resolve_style

    style_path = resolve_style(citation.style)
    locator = citation.locator
    if is_bundled(style_path, "chicago-notes-bibliography"):
        from digestcite.bib.fastnotes import chicago

        fast = chicago(citation.records, locator)
        if fast is not None:  # the common records, as citeproc prints them, without a pandoc process
            citation.note, citation.reference, citation.digest_reference = fast
            return
    from digestcite.bib.notecache import SENTINEL, NoteCache, note_key
    from digestcite.bib.render import format_citations

    template = citation.markup(f"para. {SENTINEL}" if locator else "")
    key = note_key(style_path, citation.records, template)
    cache = NoteCache(cache_folder) if cache_folder is not None else None
    try:
        found = cache.get(key) if cache else None
        if found is None:
            formatted = format_citations(citation.records, [template], style_path)[0]
            found = (formatted.citation, formatted.reference, formatted.references.get(str(citation.digest["id"]), "")
                     if citation.digest is not None else "")
            if cache:
                cache.put(key, *found)
    finally:
        if cache:
            cache.close()
    note, reference, digest_reference = found
    citation.note = note.replace(SENTINEL, str(citation.claim.paragraph)) if locator and citation.claim else note
    citation.reference = reference
    citation.digest_reference = digest_reference
