"""Items and digests into CSL-JSON records: the one internal citation model every export derives from.

Two kinds of work are cited. An **item** is what its outlet published (byline, headline,
outlet, publication date). A **digest** — a page that retells items (digest, newsletter,
press review) — is a work of its own: its publisher, title, date and URL, with a stable
key (``digest-`` and the start of the page's hash). An item read through a digest is
cited as the original *summarized in* the digest (CMOS 14.260): two records, joined in
one citation ``[@item; summarized in @digest, para. 2]``, the locator on the digest. A
page that *is* the article is one record, cited directly with its own locator.

Nothing is invented: ``accessed`` only for a record with a URL, and only from the
time the page was fetched or a date the writer gives; never a file name, never the
digest's address as the item's; a headline the digest gave is marked as the digest's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from digestcite.bib.keys import STOPWORDS

if TYPE_CHECKING:
    from digestcite.corpus.models import Document, Item
    from digestcite.corpus.outlets import OutletRegistry

# NOTE: kana, Han and Hangul as (first, last) pairs: a character class of them costs ~3 ms
# to compile (re fills a 64K-entry map), once in every fresh `digestcite cite`.
_CJK_RANGES = (("\u3040", "\u30ff"), ("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uac00", "\ud7af"))
_LATIN = re.compile(r"[A-Za-z]")
DIGEST_KEY_PREFIX = "digest-"
# What a writer is told, once, when a digest cannot be cited for want of a name.
NAME_DIGEST_HINT = ("the digest {where} has no known title and publisher, so its items are cited without "
                    "'summarized in' and without a locator: name it with "
                    "'digestcite edit-page {where} --publisher NAME --title TITLE', then cite again")


def date_parts(iso: str | None) -> dict[str, Any] | None:
    """``2020-10`` → ``{"date-parts": [[2020, 10]]}``; partial dates stay partial."""
    if not iso:
        return None
    parts = [int(p) for p in iso[:10].split("-") if p.isdigit()]
    return {"date-parts": [parts]} if parts else None


def is_digest(document: Document) -> bool:
    """Whether a document retells items (a digest), rather than being the article itself."""
    if document.shape is not None:
        return document.shape not in ("article", "empty", "no running text")
    return document.n_items > 1


def was_fetched(document: Document) -> bool:
    """Whether digestcite fetched the page itself (so its ingest time is when it was accessed)."""
    return document.path_or_url.startswith(("http://", "https://"))


def _field(document: Document, name: str) -> str | None:
    # NOTE: store schema 6 adds user-edited document fields (publisher, title, date, url);
    # read whichever the Document model carries and treat a missing one as unknown.
    value = getattr(document, name, None)
    return value.strip() or None if isinstance(value, str) else None


def digest_key(document: Document) -> str:
    """The digest's stable citation key, derived from the stored page (``digest-1f212aea``)."""
    return DIGEST_KEY_PREFIX + (document.sha256[:8] if document.sha256 else str(document.id))


def is_nameable(document: Document) -> bool:
    """Whether a digest is known well enough to cite: its title and its publisher."""
    return _field(document, "title") is not None and _field(document, "publisher") is not None


def digest_of(item: Item) -> Document | None:
    """The digest the item was read through (citable or not), or None for a page that is the article."""
    document = item.document
    if document is None or not is_digest(document):
        return None
    return document


def citable_digest(item: Item) -> Document | None:
    """The digest to cite the item *summarized in*, when it has a title and a publisher."""
    document = digest_of(item)
    return document if document is not None and is_nameable(document) else None


def language(text: str) -> str | None:
    """A BCP 47 tag for a title where it is plain: ``zh``, ``ja`` or ``ko`` by its script; for
    Latin letters ``en`` where the title reads as English, the language whose common words it
    uses where one stands out, and ``und`` where it is some other language (so that styles do
    not title-case "Kinesiska elbilsmärken tar marknadsandelar i Sverige")."""
    if not text.isascii() and any(low <= char <= high for char in text for low, high in _CJK_RANGES):
        if re.search(r"[\u3040-\u30ff]", text):
            return "ja"
        if re.search(r"[\uac00-\ud7af]", text):
            return "ko"
        return "zh"
    if not _LATIN.search(text):
        return None
    words = set(re.findall(r"[^\W\d_]+", text.casefold()))
    ascii_letters = all(char.isascii() for char in text if char.isalpha())  # (curly quotes are no letters)
    if words & _ENGLISH_WORDS or (ascii_letters and not any(words & common for common in _COMMON_WORDS.values())):
        return "en"
    hits = sorted(((len(words & common), lang) for lang, common in _COMMON_WORDS.items()), reverse=True)
    if hits[0][0] >= 2 and hits[0][0] > hits[1][0]:
        return hits[0][1]
    return "und"


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_ENGLISH_WORDS = _word_set("the of and to for on with by at from are its over after into amid says new through against about "
                           "under before than how why what who")  # (not "in", "an": German, Dutch)
# Words every sentence of a language uses and English does not (a title's language, not a rule)
_COMMON_WORDS = {
    "sv": _word_set("och för av med på att till som är om inte från vid efter mot"),
    "da": _word_set("og af med på til som er om ikke fra ved efter mod det"),
    "de": _word_set("der die das und für mit von im auf ist nicht den dem zu bei nach"),
    "fr": _word_set("le la les des et pour du une sur dans est au aux d l"),
    "es": _word_set("el los las del y para por con una se al su"),
    "pt": _word_set("os do da dos das e para com uma em no na ao"),
    "it": _word_set("il lo gli della del per con una nel alla di che"),
    "nl": _word_set("de het een en van voor met op niet bij naar"),
    "pl": _word_set("i w z na do się nie od dla po"),
    "cs": _word_set("a v z na do se ne od pro po je"),
}


def short_title(title: str) -> str | None:
    """The first few words of a long title, for in-text citations (APA 7 §8.14), or None if short."""
    # (split only when a mark is there: the expression's compiling was ~0.1 ms of every lookup)
    head = (re.split(r"[:;?!—–]| - ", title, maxsplit=1)[0] if any(c in title for c in ":;?!—–") or " - " in title
            else title).strip()
    words = head.split()
    if len(words) > 4:
        words = words[:4]
        while len(words) > 1 and words[-1].lower().strip("“”\"'") in STOPWORDS:
            words.pop()
    short = " ".join(words).strip(" ,.“”\"'")
    return short if short and short != title else None


def digest_to_csl(document: Document, *, accessed: str | None = None) -> dict[str, Any]:
    """The CSL-JSON record for a digest: a work of its own (publisher, title, date, URL)."""
    url = _field(document, "url")
    record: dict[str, Any] = {"id": digest_key(document), "citation-key": digest_key(document),
                              "type": "webpage" if url else "document"}
    title = _field(document, "title")
    if title:
        record["title"] = title
    publisher = _field(document, "publisher")
    if publisher:
        record["publisher"] = publisher
    issued = date_parts(_field(document, "published") or _field(document, "date"))
    if issued:
        record["issued"] = issued
    if url:
        record["URL"] = url
        when = accessed or (document.ingested if was_fetched(document) else None)
        if date_parts(when):
            record["accessed"] = date_parts(when)
    lang = language(title or "")
    if lang:
        record["language"] = lang
    return record


def credited_outlets(item: Item, registry: OutletRegistry | None) -> list[str]:
    """Outlets or sources the item's text credits, other than the item's own outlet."""
    found: list[str] = []
    for claim in item.claims:
        for name in (claim.credited, claim.speaker):
            if not name:
                continue
            known = registry.resolve(name) if registry is not None else None
            canonical = known.name if known else (name if name == claim.credited else None)
            if canonical and canonical != item.outlet and canonical not in found:
                found.append(canonical)
    return found


def describe_digest(document: Document) -> str:
    """``Publisher, Title[, URL]``: the digest named in a note field."""
    return ", ".join(p for p in (_field(document, "publisher"), _field(document, "title"), _field(document, "url")) if p)


def to_csl(item: Item, registry: OutletRegistry | None = None, *, accessed: str | None = None) -> dict[str, Any]:
    """The CSL-JSON record for an item: the original, as its outlet published it.

    :param accessed: the date the writer consulted the item's URL (``--accessed``); else
        only a page digestcite fetched has one.
    """
    through = digest_of(item)
    digest = citable_digest(item)
    document = item.document
    credited = credited_outlets(item, registry)
    # The item's own address: from its source line, or the page's when the page is the article.
    url = item.source_url or (document.url if document is not None and through is None else None)
    if item.outlet:
        kind = "article-newspaper"
    elif url:
        kind = "webpage"
    else:
        # NOTE: not "article", which CSL keeps for preprints and Zotero imports as a Preprint
        # (tests/data/golden/zotero-csljson.json): an item of unknown outlet is a document.
        kind = "document"
    record: dict[str, Any] = {"id": item.key, "citation-key": item.key, "type": kind}
    if item.author:
        record["author"] = [{"literal": item.author}]
    # NOTE: a headline read in a digest is the digest's (often its English translation, issue
    # 13.2); brackets mark a title the work did not itself print (CMOS 14.98).
    record["title"] = f"[{item.title}]" if through is not None else item.title
    short = short_title(item.title)
    if short:
        record["title-short"] = f"[{short}]" if through is not None else short
    if item.outlet:
        record["container-title"] = item.outlet
    elif through is None and document is not None and document.publisher:
        record["container-title"] = document.publisher  # the site the article page is on
    issued = date_parts(item.published)
    if issued:
        record["issued"] = issued
    if url:
        record["URL"] = url
        when = accessed or (document.ingested if document is not None and through is None and was_fetched(document)
                            and url == document.url else None)
        if date_parts(when):
            record["accessed"] = date_parts(when)
    note_parts = []
    if credited:
        note_parts.append("As reported by " + ", ".join(credited))
    if through is not None:
        note_parts.append("Headline as given by the digest")
    if digest is not None:
        note_parts.append(f"Summarized in {describe_digest(digest)}")
    if note_parts:
        record["note"] = "; ".join(note_parts)
    lang = language(item.title)
    if lang:
        record["language"] = lang
    custom: dict[str, Any] = {}
    if credited:
        custom["credited"] = credited
    if item.outlet_as_printed and item.outlet_as_printed != item.outlet:
        custom["outlet_as_printed"] = item.outlet_as_printed
    if through is not None:
        custom["title_by"] = "digest"
    if digest is not None:
        custom["summarized_in"] = digest_key(digest)
    if custom:
        record["custom"] = custom
    return record


def records_for(items: list[Item], registry: OutletRegistry | None = None, *,
                accessed: str | None = None) -> list[dict[str, Any]]:
    """Records for items and, after them, each citable digest they were read through (once)."""
    found = [to_csl(item, registry, accessed=accessed) for item in items]
    digests: dict[str, dict[str, Any]] = {}
    for item in items:
        document = citable_digest(item)
        if document is not None and digest_key(document) not in digests:
            digests[digest_key(document)] = digest_to_csl(document, accessed=accessed)
    return found + sorted(digests.values(), key=lambda r: r["id"])
