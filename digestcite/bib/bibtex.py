"""CSL-JSON records into BibTeX or BibLaTeX, written with bibtexparser 2.

Every LaTeX special character from page text is escaped here (bibtexparser's own LaTeX
encoder warns on every CJK character, see DEPENDENCIES.md), non-ASCII text stays UTF-8,
and titles are double-braced so styles keep their capitals. No text from a page can
become a LaTeX command. The escapes are the ones the readers decode (issue 13.6, see
tests/data/golden/zotero-bibtex.json): ``\\% \\& \\$ \\# \\_``, ``\\~{}`` and ``\\^{}`` for a
tilde and a caret (pandoc, biber and Zotero's BibTeX importer all give the plain character back;
Zotero keeps ``\\textasciitilde`` as text), braces that pair up as ``\\{``/``\\}``, and a brace
without its partner as ``\\{\\vphantom{\\}}``/``\\vphantom{\\{}\\}`` (Zotero's own exporter's
form, which pandoc and TeX decode and BibTeX counts as balanced; pandoc reads ``\\textbraceleft{}``
as nothing, and Zotero's importer decodes neither, so a lone brace stays a known loss there). A backslash is ``\\textbackslash{}``, which pandoc and TeX read
and Zotero keeps as text: no spelling of it satisfies both. A URL is percent-encoded to RFC 3986's
characters, so no TeX reading of a ``url`` field can rebuild a command (issue 12.3).

An outlet is never an author (issue 13.4): a byline is. An item read through a named
digest points at the digest's entry: BibLaTeX ``related``/``relatedtype``/``relatedstring``
(printed "summarized in …" by biblatex), classic BibTeX a ``note``.
"""

from __future__ import annotations

import re
from typing import Any

MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{\vphantom{\}}", "}": r"\vphantom{\{}\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\~{}", "^": r"\^{}",
}
_SPECIAL_RE = re.compile(r"[\\{}%&$#_~^]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# RFC 3986 unreserved and reserved characters, less '#' (TeX's parameter character).
_URL_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?[]@!$&'()*+,;=")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


def _paired_braces(text: str) -> set[int]:
    """Positions of the braces in ``text`` that have a partner."""
    paired: set[int] = set()
    opened: list[int] = []
    for position, char in enumerate(text):
        if char == "{":
            opened.append(position)
        elif char == "}" and opened:
            paired.update((opened.pop(), position))
    return paired


def escape_latex(text: str) -> str:
    """Escape LaTeX specials; fold line breaks and control characters into spaces."""
    text = _CONTROL_RE.sub(" ", text.replace("\r", " ").replace("\n", " "))
    paired = _paired_braces(text)

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        if char in "{}" and match.start() in paired:
            return "\\" + char
        return _SPECIALS[char]

    return _SPECIAL_RE.sub(escape, text)


def escape_url(url: str) -> str:
    """A URL made of RFC 3986 characters only: everything else (``^ \\ { } # %``, spaces,
    non-ASCII) percent-encoded as UTF-8, keeping ``%XX`` sequences already there."""
    cleaned = _CONTROL_RE.sub("", url.replace("\r", "").replace("\n", "")).strip()
    out: list[str] = []
    position = 0
    while position < len(cleaned):
        char = cleaned[position]
        if char == "%" and _PERCENT.match(cleaned, position):
            out.append(cleaned[position:position + 3].upper())
            position += 3
            continue
        out.append(char if char in _URL_SAFE else "".join(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass")))
        position += 1
    return "".join(out)


def _iso(parts: list[int]) -> str:
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def _name(author: dict[str, Any]) -> str:
    if "literal" in author:
        return "{" + escape_latex(str(author["literal"])) + "}"
    return ", ".join(escape_latex(str(author[k])) for k in ("family", "given") if author.get(k))


def _date(record: dict[str, Any], field: str) -> list[int]:
    parts = record.get(field, {}).get("date-parts", [[]])
    return [int(p) for p in parts[0]] if parts and parts[0] else []


def to_bibtex(records: list[dict[str, Any]], *, biblatex: bool = False) -> str:
    """Write records as BibTeX (``biblatex=False``) or BibLaTeX text."""
    import bibtexparser
    from bibtexparser import Library
    from bibtexparser.middlewares import AddEnclosingMiddleware
    from bibtexparser.model import Entry, Field

    library = Library()
    for record in records:
        fields: list[Any] = []

        def add(name: str, value: str | None, *, raw: bool = False, bare: bool = False, into: list[Any] = fields) -> None:
            if value is None or value == "":
                return
            field = Field(name, value if raw else escape_latex(value))
            if bare:
                field.enclosing = "no-enclosing"
            into.append(field)

        authors = record.get("author") or []
        if authors:
            add("author", " and ".join(_name(a) for a in authors), raw=True)
        if record.get("title"):
            add("title", "{" + escape_latex(record["title"]) + "}", raw=True)
        container = record.get("container-title")
        publisher = record.get("publisher")
        issued = _date(record, "issued")
        accessed = _date(record, "accessed")
        url = record.get("URL")
        kind = record.get("type")
        is_article = kind == "article-newspaper"
        related = (record.get("custom") or {}).get("summarized_in")
        note = record.get("note")
        if biblatex:
            entry_type = "article" if is_article else "online" if url else "misc"
            if is_article and container:
                add("journaltitle", container)
            elif container:
                add("organization", container)
            if publisher:
                add("organization" if entry_type == "online" else "publisher", publisher)
            if issued:
                add("date", _iso(issued), raw=True)
            if url:
                add("url", escape_url(url), raw=True)
            if accessed:
                add("urldate", _iso(accessed), raw=True)
            if record.get("language") == "zh":
                add("langid", "chinese", raw=True)
            elif record.get("language") == "en":
                add("langid", "english", raw=True)
            if is_article:
                add("entrysubtype", "newspaper", raw=True)
            if related:
                add("related", related, raw=True)
                add("relatedtype", "summarizedin", raw=True)
                add("relatedstring", "summarized in", raw=True)
                note = re.sub(r"(?:^|; )Summarized in .*$", "", note or "") or None
            if record.get("title-short"):
                add("shorttitle", "{" + escape_latex(record["title-short"]) + "}", raw=True)
        else:
            entry_type = "article" if is_article else "misc"
            if container:
                add("journal" if is_article else "howpublished", container)
            if publisher:
                add("publisher" if is_article else "howpublished", publisher)
            if issued:
                add("year", str(issued[0]), raw=True)
                if len(issued) > 1:
                    add("month", MONTH_MACROS[issued[1] - 1], raw=True, bare=True)
                if len(issued) > 2:
                    add("day", str(issued[2]), raw=True)
                # NOTE: classic BibTeX has no day; Zotero, pandoc and biber read a full 'date' (issue 13.6).
                add("date", _iso(issued), raw=True)
            if url:
                add("url", escape_url(url), raw=True)
            if accessed:
                add("urldate", _iso(accessed), raw=True)
        add("note", note)
        library.add(Entry(entry_type, record["id"], fields))
    stack = [AddEnclosingMiddleware(reuse_previous_enclosing=True, enclose_integers=False, default_enclosing="{")]
    return str(bibtexparser.write_string(library, unparse_stack=stack))
