"""Chicago notes (the default style) for the common records, without a pandoc process.

pandoc with citeproc costs 0.1–0.3 s a lookup (more on a busy machine), more than the
whole rest of a fresh ``digestcite cite`` (issue 13, "Speed"). For the records digestcite
makes most — a newspaper item, alone or summarized in a digest — the bundled
``chicago-notes-bibliography.csl`` prints a fixed pattern, written out here. Only records
whose every value citeproc would print unchanged are formatted here (a title in which
citeproc's title case changes nothing, no quotation marks, no end punctuation; English or
Chinese);
anything else returns ``None`` and goes to pandoc. ``tests/bib/test_fastnotes.py`` checks
this module against pandoc on a matrix of every shape and on generated titles.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# NOTE: English month names, as citeproc's en-US locale prints them (calendar.month_name
# would follow the process's LC_TIME, and costs an import in every lookup).
MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# Words citeproc leaves lowercase inside a title (a subset of its list: others, such as
# "through" and "against", it capitalizes; a title holding them lowercase goes to pandoc).
_KEPT_LOWER = frozenset(["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
                         "or", "over", "the", "to", "with"])
# NOTE (issue 13, "Speed"): a title or name may hold ’ wherever it may hold a hyphen (inside,
# never first or last), so these classes test it as a hyphen (see _shape): a class naming a
# character past Latin-1 costs 0.2-0.4 ms to compile, in every lookup.
_PLAIN = re.compile(r"^[\[]?[A-Za-z0-9][A-Za-z0-9 ,&%$()\-:./]*[A-Za-z0-9)][\]]?$")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"


@lru_cache(maxsize=1)
def _plain_cjk() -> re.Pattern[str]:
    # NOTE: compiled on first use (a Chinese title): its Han ranges cost ~3 ms to compile.
    return re.compile(rf"^[\[]?[A-Z0-9{_CJK}][A-Za-z0-9{_CJK} ,&%$()\-’:./]*[A-Za-z0-9){_CJK}][\]]?$")


_URL = re.compile(r"^https?://[A-Za-z0-9\-._~:/?\[\]@!$&'()*+,;=%]+[A-Za-z0-9/]$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 &.\-()]*[A-Za-z0-9)]$")


def _shape(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` matches ``pattern`` (_PLAIN or _NAME), with ’ allowed where a hyphen is."""
    return pattern.match(text.replace("’", "-")) is not None


_APOSTROPHE = re.compile(r"(?<=[A-Za-z])'(?=[A-Za-z])")


def _curly(text: str) -> str:
    """citeproc prints an apostrophe between letters as a typographic one (``People’s``)."""
    return _APOSTROPHE.sub("’", text)


def _title_unchanged(title: str, language: str = "en") -> bool:
    """Whether citeproc's title case would print ``title`` as it is.

    NOTE: citeproc title-cases English titles only; a Chinese one is printed as it is, but a
    note that opens with it capitalizes its first letter, so a lowercase start goes to pandoc.
    """
    title = _curly(title)
    if language == "zh":
        return bool(_plain_cjk().match(title)) and "  " not in title and not re.search(r"’(?![a-z])|(?<![A-Za-z])’", title)
    if not _shape(_PLAIN, title) or not re.search(r"[a-z]", title) or "  " in title:
        return False
    if re.search(r"’(?![a-z])|(?<![A-Za-z])’", title):
        return False
    words = title.strip("[]").split(" ")
    after_colon = True
    for position, word in enumerate(words):
        bare = word.rstrip(",:")
        for piece in bare.split("-"):
            part = piece.lstrip("([")
            if not part:
                return False
            first = part[0]
            if first.islower():
                edge = after_colon or position == len(words) - 1
                if part not in _KEPT_LOWER or edge or "-" in bare:
                    return False
        # NOTE: citeproc starts a new "sentence" after a colon and after a full stop ("U.S. Of").
        after_colon = word.endswith((":", "."))
    return True


def _date(parts: list[int] | None) -> str | None:
    if not parts:
        return None
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS[parts[1]]} {parts[0]}"
    return f"{MONTHS[parts[1]]} {parts[2]}, {parts[0]}"


def _parts(record: dict[str, Any], name: str) -> list[int] | None:
    value = record.get(name)
    if value is None:
        return None
    if set(value) != {"date-parts"} or len(value["date-parts"]) != 1:
        raise _Unsupported
    parts = value["date-parts"][0]
    if not 1 <= len(parts) <= 3 or not all(isinstance(p, int) for p in parts) or not 1000 <= parts[0] <= 9999:
        raise _Unsupported
    if len(parts) > 1 and not 1 <= parts[1] <= 12 or len(parts) > 2 and not 1 <= parts[2] <= 31:
        raise _Unsupported
    return [int(p) for p in parts]


class _Unsupported(Exception):
    """A record outside what this module formats exactly like citeproc."""


def _end(text: str) -> str:
    return text if text.endswith(".") else text + "."


_ITEM_KEYS = frozenset(["id", "citation-key", "type", "author", "title", "title-short", "container-title", "issued",
                        "URL", "accessed", "note", "language", "custom"])
_DIGEST_KEYS = frozenset(["id", "citation-key", "type", "title", "publisher", "issued", "URL", "accessed", "language"])


def _item(record: dict[str, Any]) -> dict[str, Any]:
    language = record.get("language")
    if set(record) - _ITEM_KEYS or record.get("type") != "article-newspaper" or language not in ("en", "zh"):
        raise _Unsupported
    title, container = _curly(record.get("title") or ""), _curly(record.get("container-title") or "")
    if not title or not container or not _title_unchanged(title, language) or not _shape(_NAME, container) \
            or not _title_unchanged(container):
        raise _Unsupported
    authors = record.get("author") or []
    if len(authors) > 1 or authors and (set(authors[0]) != {"literal"} or not _shape(_NAME, _curly(authors[0]["literal"]))):
        raise _Unsupported
    url = record.get("URL")
    if url is not None and not _URL.match(url):
        raise _Unsupported
    return {"author": _curly(authors[0]["literal"]) if authors else None, "title": title, "container": container,
            "issued": _date(_parts(record, "issued")), "url": url, "accessed": _date(_parts(record, "accessed"))}


def _digest(record: dict[str, Any]) -> dict[str, Any]:
    language = record.get("language")
    if set(record) - _DIGEST_KEYS or language not in ("en", "zh"):
        raise _Unsupported
    title, publisher, url = _curly(record.get("title") or ""), _curly(record.get("publisher") or ""), record.get("URL")
    if not title or not publisher or not _title_unchanged(title, language) or not _shape(_NAME, publisher):
        raise _Unsupported
    kind = record.get("type")
    if not (kind == "webpage" and url is not None and _URL.match(url) or kind == "document" and url is None):
        raise _Unsupported
    return {"title": title, "publisher": publisher, "issued": _date(_parts(record, "issued")), "url": url,
            "accessed": _date(_parts(record, "accessed"))}


def _online(work: dict[str, Any], *, in_note: bool) -> str:
    """``, accessed DATE, URL`` (notes) or `` Accessed DATE. URL.`` (references); accessed only when undated."""
    if not work["url"]:
        return ""
    accessed = work["accessed"] if work["accessed"] and not work["issued"] else None
    if in_note:
        return (f", accessed {accessed}" if accessed else "") + f", {work['url']}"
    return (f" Accessed {accessed}." if accessed else "") + f" {work['url']}."


def chicago(records: list[dict[str, Any]], locator: str | None) -> tuple[str, str, str] | None:
    """``(first note, item reference, digest reference)`` in Chicago notes-bibliography, or None.

    :param records: the item's record, then the digest's when the item is summarized in it.
    :param locator: the locator on the digest (or on the item, when alone), e.g. ``para. 2``.
    """
    try:
        item = _item(records[0])
        digest = _digest(records[1]) if len(records) == 2 else None
        if len(records) > 2:
            raise _Unsupported
    except (_Unsupported, KeyError, TypeError, AttributeError):
        return None
    byline = f"{item['author']}, " if item["author"] else ""
    note = f"{byline}“{item['title']},” {item['container']}, {item['issued'] or 'n.d.'}"
    where = f", {locator}" if locator else ""
    if digest is None:
        note += where + _online(item, in_note=True)
    else:
        note += _online(item, in_note=True) + f"; summarized in “{digest['title']},” {digest['publisher']}"
        if digest["url"]:
            note += (f", {digest['issued']}" if digest["issued"] else "") + where + _online(digest, in_note=True)
        else:
            note += f", {digest['issued'] or 'n.d.'}" + where
    if item["author"]:
        reference = f"{item['author']}. “{item['title']}.” {item['container']}, {_end(item['issued'] or 'n.d.')}"
    else:
        reference = f"{item['container']}. “{item['title']}.” {_end(item['issued'] or 'n.d.')}"
    reference += _online(item, in_note=False)
    digest_reference = ""
    if digest is not None and digest["url"]:
        digest_reference = f"{digest['publisher']}. “{digest['title']}.”" + (
            f" {digest['issued']}." if digest["issued"] else "") + _online(digest, in_note=False)
    elif digest is not None:
        digest_reference = f"“{digest['title']}.” {digest['publisher']}, {_end(digest['issued'] or 'n.d.')}"
    return _end(note), reference, digest_reference
