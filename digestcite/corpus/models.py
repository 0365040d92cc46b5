"""The records of the corpus: Document, Item, Claim.

Each record's ``to_json()`` gives the stable JSON shape of docs/DESIGN.md (keys in that order,
missing values as null), with any extra keys after them. The corrections an item carries (Edit)
and what an ingest or a correction reports are in :mod:`digestcite.corpus.reports`, which a
lookup loads only for an item that was corrected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digestcite.corpus.reports import Edit


@dataclass(frozen=True, slots=True)
class Document:
    """A page that was ingested: a file or URL, the digest's publisher, when."""

    id: int
    path_or_url: str
    publisher: str | None
    ingested: str
    format: str = "txt"
    sha256: str = ""
    title: str | None = None
    url: str | None = None
    n_items: int = 0
    page: dict[str, Any] = field(default_factory=dict)
    shape: str | None = None
    published: str | None = None  # the digest's own date: as the page states it, or as corrected

    def to_json(self) -> dict[str, Any]:
        return {
            "path_or_url": self.path_or_url, "publisher": self.publisher, "ingested": self.ingested,
            "url": self.url, "title": self.title, "format": self.format, "page": dict(self.page), "shape": self.shape,
            "id": self.id, "published": self.published, "n_items": self.n_items,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence of an item, with its locator and what it states."""

    id: str
    item_key: str
    text: str
    paragraph: int
    sentence: int
    kind: str
    speaker: str | None
    event_date: str | None
    numbers: tuple[dict[str, Any], ...]
    outlet: str | None
    published: str | None
    credited: str | None = None

    @property
    def locator(self) -> str:
        """The pandoc locator a citation uses: ``para. 2``."""
        return f"para. {self.paragraph}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "item_key": self.item_key, "text": self.text, "paragraph": self.paragraph,
            "sentence": self.sentence, "kind": self.kind, "speaker": self.speaker,
            "event_date": self.event_date, "numbers": list(self.numbers), "outlet": self.outlet,
            "published": self.published, "credited": self.credited,
        }


@dataclass(frozen=True, slots=True)
class Item:
    """One news item: headline, original outlet, publication date, body, claims, provenance."""

    key: str
    title: str
    outlet: str | None
    outlet_as_printed: str | None
    published: str | None
    tags: tuple[str, ...]
    paragraphs: tuple[str, ...]
    documents: tuple[Document, ...] = ()
    claims: tuple[Claim, ...] = ()
    published_reason: str | None = None
    outlet_label: str | None = None
    captions: tuple[str, ...] = ()
    attribution: str | None = None
    near_duplicates: tuple[str, ...] = ()
    id: int = 0
    source_url: str | None = None
    outlet_origin: str | None = None
    published_origin: str | None = None
    author: str | None = None
    credited: tuple[str, ...] = ()
    edits: tuple[Edit, ...] = ()  # corrections of the item and of its documents, oldest first

    @property
    def document(self) -> Document | None:
        """The first document this item was read from."""
        return self.documents[0] if self.documents else None

    def to_json(self, *, claims: bool = True) -> dict[str, Any]:
        first = self.document
        data: dict[str, Any] = {
            "key": self.key, "title": self.title, "outlet": self.outlet,
            "outlet_as_printed": self.outlet_as_printed, "published": self.published,
            "tags": list(self.tags),
            "document": first.to_json() if first else None,
            "paragraphs": list(self.paragraphs),
        }
        if claims:
            data["claims"] = [c.to_json() for c in self.claims]
        data.update({
            "published_reason": self.published_reason, "outlet_label": self.outlet_label,
            "captions": list(self.captions), "attribution": self.attribution,
            "documents": [d.to_json() for d in self.documents],
            "near_duplicates": list(self.near_duplicates), "source_url": self.source_url,
            "outlet_origin": self.outlet_origin, "published_origin": self.published_origin, "author": self.author,
            "credited": list(self.credited), "edits": [e.to_json() for e in self.edits],
        })
        return data
