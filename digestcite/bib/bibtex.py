"""CSL-JSON records into BibTeX or BibLaTeX, written with bibtexparser 2.

Every LaTeX special character from page text is escaped here (bibtexparser's own LaTeX
encoder warns on every CJK character, see DEPENDENCIES.md), non-ASCII text stays UTF-8,
and titles are double-braced so styles keep their capitals. No text from a page can
become a LaTeX command: a backslash is written as ``\\textbackslash{}``, and braces as
``\\textbraceleft{}``/``\\textbraceright{}`` (BibTeX counts ``\\{`` as a brace, so an
escaped brace could still unbalance an entry). An item with no byline names its outlet
as corporate author, as Chicago does for unsigned news.
"""

from __future__ import annotations

import re
from typing import Any

MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile(r"[\\{}%&$#_~^]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_latex(text: str) -> str:
    """Escape LaTeX specials; fold line breaks and control characters into spaces."""
    text = _CONTROL_RE.sub(" ", text.replace("\r", " ").replace("\n", " "))
    return _SPECIAL_RE.sub(lambda m: _SPECIALS[m.group(0)], text)


def escape_url(url: str) -> str:
    """A URL safe inside a verbatim ``url`` field: braces, backslashes and spaces percent-encoded."""
    cleaned = _CONTROL_RE.sub("", url.replace("\r", "").replace("\n", ""))
    return cleaned.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


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

        title = escape_latex(record.get("title", ""))
        add("title", "{" + title + "}", raw=True)
        container = record.get("container-title")
        issued = _date(record, "issued")
        accessed = _date(record, "accessed")
        url = record.get("URL")
        is_article = record.get("type") == "article-newspaper"
        if is_article and container:
            add("author", "{" + escape_latex(container) + "}", raw=True)
        if biblatex:
            entry_type = "article" if is_article else "online" if url else "misc"
            if container:
                add("journaltitle" if is_article else "organization", container)
            if issued:
                add("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(issued)), raw=True)
            if url:
                add("url", escape_url(url), raw=True)
            if accessed:
                add("urldate", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(accessed)), raw=True)
            if record.get("language") == "zh":
                add("langid", "chinese", raw=True)
            if is_article:
                add("entrysubtype", "newspaper", raw=True)
        else:
            entry_type = "article" if is_article else "misc"
            if container:
                add("journal" if is_article else "howpublished", container)
            if issued:
                add("year", str(issued[0]), raw=True)
                if len(issued) > 1:
                    add("month", MONTH_MACROS[issued[1] - 1], raw=True, bare=True)
            if url:
                add("url", escape_url(url), raw=True)
            if accessed:
                add("urldate", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(accessed)), raw=True)
        add("note", record.get("note"))
        library.add(Entry(entry_type, record["id"], fields))
    stack = [AddEnclosingMiddleware(reuse_previous_enclosing=True, enclose_integers=False, default_enclosing="{")]
    return str(bibtexparser.write_string(library, unparse_stack=stack))
