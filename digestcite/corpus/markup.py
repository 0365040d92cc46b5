"""Marked-up pages into blocks: HTML (main content by trafilatura, or the whole body of a
listing page) and everything pandoc reads (Markdown, DOCX, ODT, EPUB, RTF) via its JSON AST.

Both keep what the splitter needs: heading levels, list items and their numbers, table
rows and cells, bold or italic lead-ins and endings, line breaks, links and rules. A page's
own metadata (title, site name, author, publication date, whether it calls itself an
article) goes on :class:`~digestcite.corpus.blocks.PageMeta`.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from digestcite.corpus.blocks import _STANDALONE, Block, Link, PageMeta, is_capitals

if TYPE_CHECKING:
    from lxml.html import HtmlElement

log = logging.getLogger(__name__)

# NOTE: trafilatura keeps an article's text and drops a listing page's teasers; when it
# keeps less than this share of the whole body's text, the page is read whole (minus its
# navigation, share bars, cookie banners and rails).
_MAIN_SHARE = 0.4


# --- the shared block builder ----------------------------------------------------------------


@dataclass(slots=True)
class _Run:
    """Inline content collected for one block: text pieces with their emphasis and links."""

    pieces: list[tuple[str, str]] = field(default_factory=list)  # (text, "" | "b" | "i" | "\n")
    links: list[Link] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # footnotes met in the text (pandoc's Note)

    def add(self, text: str, style: str = "") -> None:
        if text:
            self.pieces.append((text, style))

    def lines(self) -> list[tuple[str, str | None, str | None, tuple[Link, ...]]]:
        """``(text, lead, tail, links)`` for each line (a line break splits a block)."""
        out = []
        current: list[tuple[str, str]] = []
        for piece in [*self.pieces, ("\n", "\n")]:
            if piece[1] == "soft":
                # NOTE: a Markdown line break inside a paragraph ends a headline line when the
                # line so far is all emphasis (**Title**) or closes with a bracketed credit.
                if not _ends_headline_line(current):
                    current.append((" ", ""))
                    continue
            elif piece[1] != "\n":
                current.append(piece)
                continue
            text = " ".join("".join(p[0] for p in current).split())
            if text:
                lead = _styled_edge(current, first=True)
                tail = _styled_edge(current, first=False)
                links = tuple(k for k in self.links if k.text and k.text in text)
                out.append((text, lead, tail, links))
            current = []
        return out


def _ends_headline_line(pieces: list[tuple[str, str]]) -> bool:
    text = "".join(p[0] for p in pieces).strip()
    if not text or len(text) > 220:
        return False
    styled = [p for p in pieces if p[0].strip()]
    if styled and all(p[1] in ("b", "i") for p in styled):
        return True
    # (as in plain text, an attribution line or a line in capitals stands alone: "REUTERS · 2 March 2026"
    # over its headline, "HARBOUR CHINA BRIEF" over the date)
    if len(text) <= 120 and (_STANDALONE.match(text) or is_capitals(text) or _DOTTED_FIELDS.match(text)):
        return True
    return bool(re.search(r"[\]】)）]\s*$", text)) and not re.search(r"[.!?。！？]\s*[\]】)）]\s*$", text)


_DOTTED_FIELDS = re.compile(r"^[^.!?·•]{2,50}\s[·•]\s[^.!?]{2,40}\d[^.!?]{0,20}$")  # "Outlet · 2 March 2026"


def _styled_edge(pieces: list[tuple[str, str]], *, first: bool) -> str | None:
    """The bold or italic text at the start (or end) of a line, when it is emphasised."""
    ordered = pieces if first else list(reversed(pieces))
    taken: list[str] = []
    style = None
    for text, piece_style in ordered:
        if not text.strip():
            if taken:
                taken.append(text)  # a space inside the emphasis
            continue
        if not piece_style:
            break
        if style is not None and piece_style != style:
            break
        style = piece_style
        taken.append(text)
    if not taken:
        return None
    joined = " ".join("".join(taken if first else reversed(taken)).split())
    return joined.strip() or None


_BULLET_TEXT = re.compile(r"^(?:[•·▪◦‣●○■□◆◇►▶➤✓✔]|[-*–]\s)\s*(?P<rest>\S.*)$")


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def emit(self, kind: str, run: _Run, *, level: int = 0, number: int | None = None, quoted: int = 0) -> None:
        lines = run.lines()
        if kind == "heading" and lines:
            text = " ".join(line[0] for line in lines)
            lines = [(text, None, None, tuple(k for line in lines for k in line[3]))]
        for index, (text, lead, tail, links) in enumerate(lines):
            block_kind = kind if index == 0 else "para"
            bullet = _BULLET_TEXT.match(text) if block_kind == "para" else None
            if bullet:  # "• Title (Outlet)" typed as a paragraph: a list item
                block_kind, text = "item", bullet.group("rest")
                level = max(level, 1)
            self.blocks.append(Block(block_kind, text, len(self.blocks) + 1, level=level,
                                     number=number if index == 0 else None, lead=lead, tail=tail, links=links,
                                     quoted=quoted, notes=tuple(run.notes) if index == len(lines) - 1 else (),
                                     after_blank=index == 0))  # (the lines after a break hold on to the one above)

    def row(self, cells: list[str], links: list[Link], *, head: bool) -> None:
        cells = [" ".join(c.split()) for c in cells]
        if any(cells):
            self.blocks.append(Block("row", " | ".join(c for c in cells if c), len(self.blocks) + 1,
                                     cells=tuple(cells), head=head, links=tuple(links)))

    def rule(self) -> None:
        self.blocks.append(Block("rule", "", len(self.blocks) + 1))


# --- HTML ------------------------------------------------------------------------------------

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "button", "select", "input", "textarea", "iframe",
              "object", "embed", "canvas", "video", "audio", "map", "head", "title", "meta", "link"}
_FURNITURE_TAGS = {"nav", "aside", "form", "dialog", "menu"}
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|cookie|consent|gdpr|share|sharing|social|related|"
    r"most-?read|most-?popular|popular|trending|recommended|newsletter|subscribe|signup|comments?|sidebar|"
    r"advert|ads?|promo|sponsor|footer|site-footer|masthead-nav|skip|toolbar|pagination|pager|tags?-list)(?:$|[\s_-])",
    re.I,
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LINE_TAGS = {"p", "dt", "dd", "address", "pre", "summary", "caption", "legend"}
_STYLE = {"b": "b", "strong": "b", "em": "i", "i": "i", "cite": "i"}


def _holds_text(el: HtmlElement) -> bool:
    """Whether an element holds running text (paragraphs or list entries of 200 characters or more)."""
    return sum(len(p.text_content()) for p in el.iter("p", "li")) >= 200


class _HtmlWalker(_Builder):
    def __init__(self, *, drop_furniture: bool) -> None:
        super().__init__()
        self.drop_furniture = drop_furniture
        self.repeats = 0  # records found as repeated sibling containers

    def is_skipped(self, el: HtmlElement) -> bool:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS or not tag:
            return True
        if self.drop_furniture:
            if tag == "form" and _holds_text(el):
                pass  # NOTE (heldout6 link threads): a forum's post body stands in a form, as an editable text
            elif tag in _FURNITURE_TAGS or el.get("role") in ("navigation", "banner", "complementary", "contentinfo", "search"):
                return True
            if el.get("aria-hidden") == "true" or el.get("hidden") is not None:
                return True
            marks = f"{el.get('class', '')} {el.get('id', '')}"
            if marks.strip() and _FURNITURE.search(marks) and tag not in ("body", "main", "article"):
                return True
        return False

    def container(self, el: HtmlElement, *, quoted: int = 0, depth: int = 0, item: bool = False,
                  number: int | None = None) -> None:
        """An element's inline runs as paragraphs between its block children. For a list item
        (``item``) the first run is the item itself (its first ``<p>`` too) and the rest paragraphs."""
        run = _Run()
        self._text(run, el.text)
        first = item

        def flush() -> None:
            nonlocal first
            if first:
                self.emit("item", run, level=max(depth, 1), number=number, quoted=quoted)
                first = False
            else:
                self.emit("para", run, quoted=quoted)

        repeated = _repeated_records(el)
        for child in el:
            if self.is_skipped(child):
                self._text(run, child.tail)
                continue
            if child in repeated:
                # NOTE (heldout3 social threads, feed readers): one template repeated for each
                # post or card is the page's record; a rule between them offers that cut.
                flush()
                run = _Run()
                self.blocks.append(Block("rule", "", len(self.blocks) + 1, level=1))  # level 1: a template's edge
                self.repeats += 1
            if child.tag in _BLOCK_TAGS:
                if first and child.tag in _LINE_TAGS and not run.pieces:
                    self.inline_children(child, run)  # <li><p>text</p>...: the first paragraph is the item's
                    self._text(run, child.tail)
                    continue
                flush()
                run = _Run()
                self.block(child, quoted=quoted, depth=depth)
            else:
                self.inline(child, run)
            self._text(run, child.tail)
        flush()

    def block(self, el: HtmlElement, *, quoted: int, depth: int) -> None:
        tag = el.tag
        if tag in _HEADINGS:
            run = _Run()
            self.inline_children(el, run)
            self.emit("heading", run, level=_HEADINGS[tag], quoted=quoted)
        elif tag in _LINE_TAGS:
            run = _Run()
            self.inline_children(el, run)
            self.emit("para", run, quoted=quoted)
        elif tag == "li":
            self.list_item(el, quoted=quoted, depth=depth)
        elif tag in ("ul", "ol", "dl"):
            start = int(el.get("start", "1")) if (el.get("start") or "1").isdigit() else 1
            number = start
            for child in el:
                if self.is_skipped(child):
                    continue
                if child.tag == "li":
                    self.list_item(child, quoted=quoted, depth=depth + 1, number=number if tag == "ol" else None)
                    number += 1
                elif child.tag in _BLOCK_TAGS:
                    self.block(child, quoted=quoted, depth=depth)
        elif tag == "table":
            if _is_layout_table(el):
                # NOTE: e-mail newsletters lay their whole page out in tables: read the cells as the page
                for cell in _own_cells(el):
                    self.container(cell, quoted=quoted, depth=depth)
            else:
                for row in el.iter("tr"):
                    self.table_row(row)
        elif tag == "tr":
            self.table_row(el)
        elif tag == "hr":
            self.rule()
        elif tag == "blockquote":
            self.container(el, quoted=quoted + 1, depth=depth)
        elif tag == "figcaption":
            run = _Run()
            self.inline_children(el, run)
            for text, _, _, links in run.lines():
                self.blocks.append(Block("caption", text, len(self.blocks) + 1, links=links, quoted=quoted))
        elif tag == "br":
            pass
        else:
            self.container(el, quoted=quoted, depth=depth)

    def list_item(self, el: HtmlElement, *, quoted: int, depth: int, number: int | None = None) -> None:
        self.container(el, quoted=quoted, depth=depth, item=True, number=number)

    def table_row(self, row: HtmlElement) -> None:
        cells: list[str] = []
        links: list[Link] = []
        head = True
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            head = head and cell.tag == "th"
            run = _Run()
            self.inline_children(cell, run)
            cells.append(" ".join(line[0] for line in run.lines()))
            links.extend(run.links)
        if cells:
            self.row(cells, links, head=head)

    def inline_children(self, el: HtmlElement, run: _Run, style: str = "") -> None:
        self._text(run, el.text, style)
        for child in el:
            if not self.is_skipped(child):
                if _glued(run, child):
                    # NOTE (heldout3 link cards): <span>www.reuters.com</span><strong>Headline</strong>
                    # with nothing between them are lines of a card (blocks by their style sheet):
                    # read together they made "www.reuters.comHeadline".
                    run.pieces.append(("\n", "\n"))
                self.inline(child, run, style)
            self._text(run, child.tail, style)

    def inline(self, el: HtmlElement, run: _Run, style: str = "") -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            run.pieces.append(("\n", "\n"))
            return
        if tag == "img":
            return
        if tag in _BLOCK_TAGS:  # a block inside inline content (<p> in <a>, <div> in <span>)
            run.pieces.append(("\n", "\n"))
            self.inline_children(el, run, style)
            run.pieces.append(("\n", "\n"))
            return
        inner = _STYLE.get(tag, style)
        start = len(run.pieces)
        self.inline_children(el, run, inner)
        if tag == "time":
            # NOTE (heldout10 live blogs): <time datetime="2025-10-30T11:20:00Z">3h ago</time>: the
            # page gives the day in its markup where the reader sees only how long ago it was
            machine = _MACHINE_DATE.match(el.get("datetime", ""))
            shown = "".join(p[0] for p in run.pieces[start:])
            if machine and not re.search(r"\b(?:19|20)\d\d\b", shown):
                run.add(f" ({machine.group(1)})", style)
        if tag == "a" and el.get("href"):
            text = " ".join("".join(p[0] for p in run.pieces[start:] if p[1] != "\n").split())
            run.links.append(Link(text, el.get("href", "")))

    @staticmethod
    def _text(run: _Run, text: str | None, style: str = "") -> None:
        if text:
            run.add(text, style if text.strip() else "")


_MACHINE_DATE = re.compile(r"^\s*((?:19|20)\d\d-[01]\d-[0-3]\d)(?:[T ]|$)")


def _glued(run: _Run, child: HtmlElement) -> bool:
    """Whether an element's text would run into the word before it with nothing between."""
    if not run.pieces or not isinstance(child.tag, str) or child.tag in ("br", "img", "sup", "sub", "a"):
        return False
    before = run.pieces[-1][0]
    after = (child.text or "") if len(child) == 0 else " ".join(child.text_content().split())
    return bool(before) and before[-1:].isalnum() and after[:1].isalnum() and child.tag not in _STYLE or (
        bool(before) and before[-1:].isalnum() and after[:1].isupper() and child.tag in ("strong", "b"))


_LAYOUT_INSIDE = {*_HEADINGS, "p", "ul", "ol", "table", "blockquote", "h1", "hr", "dl"}


def _own_cells(table: HtmlElement) -> list[HtmlElement]:
    """The cells of a table's own rows (not of tables nested in them), in order."""
    cells: list[HtmlElement] = []
    for row in table.iter("tr"):
        parent = row.getparent()
        while parent is not None and parent.tag != "table":
            parent = parent.getparent()
        if parent is table:
            cells.extend(c for c in row if c.tag in ("td", "th"))
    return cells


def _is_layout_table(table: HtmlElement) -> bool:
    """A table that lays out a page (cells holding paragraphs, headings, lists or tables, or
    one cell a row) rather than holding data."""
    cells = _own_cells(table)
    if not cells:
        return False
    rows = [r for r in table.iter("tr")]
    if rows and max(len([c for c in r if c.tag in ("td", "th")]) for r in rows) <= 1:
        return True
    return any(d.tag in _LAYOUT_INSIDE for c in cells for d in c.iterdescendants() if isinstance(d.tag, str))


_BLOCK_TAGS = {*_HEADINGS, *_LINE_TAGS, "li", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "hr",
               "blockquote", "figcaption", "figure", "div", "section", "article", "main", "header", "footer", "aside",
               "nav", "body", "html", "center", "details", "form", "fieldset", "picture", "hgroup", "td", "th"}


_RECORD_TAGS = {"div", "article", "section", "li"}


def _link_card(el: HtmlElement) -> bool:
    """Whether an element is only a link's card (its whole text inside one link: the site and the
    linked headline), an embed in the text around it rather than a record.

    NOTE (heldout9 blog platforms): a post's link cards ("reuters.com / China issues first general
    licences…") were read as the post's records, and its own sections lost their sources.
    """
    links = el.findall(".//a")
    return len(links) == 1 and " ".join(links[0].text_content().split()) == " ".join(el.text_content().split())


def _repeated_records(el: HtmlElement) -> set[HtmlElement]:
    """Children of one template (the same tag and class, three or more, each with text of its own)."""
    groups: dict[tuple[str, str], list[HtmlElement]] = {}
    for child in el:
        if isinstance(child.tag, str) and child.tag in _RECORD_TAGS and child.tag != "li" and child.get("class"):
            groups.setdefault((child.tag, " ".join(sorted(child.get("class", "").split()))), []).append(child)
    found: set[HtmlElement] = set()
    for members in groups.values():
        # a record holds one headline at most: sections of several stories are not records
        if len(members) >= 3 and sum(1 for m in members if len(" ".join(m.text_content().split())) >= 40) >= 3 \
                and all(sum(1 for _ in m.iter(*_HEADINGS)) <= 1 for m in members) and not all(_link_card(m) for m in members):
            found.update(members)
    return found


def html_blocks(html: str) -> tuple[list[Block], PageMeta]:
    """An HTML page into blocks and its metadata.

    trafilatura finds the main content; when it keeps little of a page's text (a listing
    page of teasers), the whole body is read instead, without its furniture.
    """
    import lxml.html
    from lxml.etree import ParserError

    meta = html_meta(html)
    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return [], meta
    body = root.find("body")
    notes = _endnotes(root)
    whole = _HtmlWalker(drop_furniture=True)
    whole.container(body if body is not None else root)
    if (not meta.is_article or whole.repeats >= 3) and whole.blocks:
        # NOTE: a page that does not call itself an article (a listing, a digest, a
        # newsletter) is read whole: trafilatura drops teasers' date and credit lines.
        return _with_notes(whole.blocks, notes), meta
    main = _trafilatura_blocks(html)
    whole_chars = sum(len(b.text) for b in whole.blocks)
    main_chars = sum(len(b.text) for b in main)
    if main and main_chars >= _MAIN_SHARE * whole_chars:
        log.debug("main content: %d of %d characters", main_chars, whole_chars)
        return _with_notes(main, notes), meta
    log.debug("main content kept %d of %d characters: reading the whole body", main_chars, whole_chars)
    return _with_notes(whole.blocks, notes), meta


_BACK_LINK = re.compile(r"\s*(?:[↩↑^]|back|return to text)\s*$", re.I)


def _endnotes(root: Any) -> dict[str, str]:
    """The notes a page's text points at (``<sup><a href="#n1">1</a></sup>`` → ``<li id="n1">``)."""
    wanted = {a.get("href", "")[1:] for a in root.iter("a") if a.get("href", "").startswith("#") and len(a.get("href", "")) > 1}
    found: dict[str, str] = {}
    if not wanted:
        return found
    for element in root.iter():
        ident = element.get("id") if isinstance(element.tag, str) else None
        if ident is not None and ident in wanted and element.tag in ("li", "p", "div", "aside", "span", "dd", "section"):
            text = _BACK_LINK.sub("", " ".join(element.text_content().split()))
            if 0 < len(text) <= 600:
                found[ident] = text
    return found


def _with_notes(blocks: list[Block], notes: dict[str, str]) -> list[Block]:
    """Each block given the notes its links point at; the notes themselves are no blocks of the text."""
    if not notes:
        return blocks
    texts = set(notes.values())
    out: list[Block] = []
    for block in blocks:
        if _BACK_LINK.sub("", block.text) in texts:
            continue
        referred = tuple(notes[link.url[1:]] for link in block.links if link.url.startswith("#") and link.url[1:] in notes)
        out.append(replace(block, notes=referred) if referred else block)
    return out


def _trafilatura_blocks(html: str) -> list[Block]:
    import lxml.html
    from lxml.etree import ParserError

    trafilatura = _trafilatura()
    extracted = trafilatura.extract(
        html, output_format="html", include_formatting=True, include_links=True, include_tables=True,
        include_comments=False, include_images=False, favor_recall=True, with_metadata=False, deduplicate=False,
    )
    if not extracted:
        return []
    try:
        root = lxml.html.document_fromstring(extracted)
    except (ParserError, ValueError):
        return []
    walker = _HtmlWalker(drop_furniture=False)
    body = root.find("body")
    walker.container(body if body is not None else root)
    return walker.blocks


def html_meta(html: str) -> PageMeta:
    """A page's own metadata: meta tags and JSON-LD (trafilatura's reader, htmldate's dates).

    Only dates the page's markup states are taken (no search of the running text).
    """
    _trafilatura()
    from trafilatura.metadata import extract_metadata

    try:
        found = extract_metadata(html, extensive=False)
    except (ValueError, TypeError) as exc:  # NOTE: a page too broken for lxml
        log.debug("no metadata: %s", exc)
        return PageMeta()
    head = html[:200_000]
    is_article = bool(
        re.search(r"""<meta[^>]+property=["']og:type["'][^>]+content=["'](?:article|news)""", head, re.I)
        or re.search(r"""content=["'](?:article|news)[^"']*["'][^>]+property=["']og:type""", head, re.I)
        or re.search(r'"@type"\s*:\s*\[?\s*"(?:News|Reportage|Analysis|Opinion|Report|Background)?Article"', head)
    )
    lang = re.search(r"""<html[^>]+lang=["']([\w-]+)""", head, re.I)
    return PageMeta(
        title=_clean(found.title), site_name=_clean(found.sitename), author=_clean(found.author),
        published=found.date or None, url=found.url or None, lang=lang.group(1) if lang else None,
        is_article=is_article,
    )


def _trafilatura() -> Any:
    import trafilatura

    # NOTE: trafilatura and htmldate log their doubts at WARNING; they are not the user's.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return trafilatura


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None


# --- pandoc's JSON AST -------------------------------------------------------------------------


class _AstWalker(_Builder):
    def blocks_of(self, blocks: list[dict[str, Any]], *, quoted: int = 0, depth: int = 0) -> None:
        for block in blocks:
            self.block(block, quoted=quoted, depth=depth)

    def block(self, block: dict[str, Any], *, quoted: int, depth: int) -> None:
        kind = block.get("t")
        content: Any = block.get("c")
        if kind in ("Para", "Plain"):
            if _only_image(content):
                self.caption_of_image(content, quoted)
                return
            self.emit("para", self.inlines(content), quoted=quoted)
        elif kind == "LineBlock":
            for line in content:
                self.emit("para", self.inlines(line), quoted=quoted)
        elif kind == "Header":
            self.emit("heading", self.inlines(content[2]), level=int(content[0]), quoted=quoted)
        elif kind == "BulletList":
            for entry in content:
                self.list_entry(entry, None, quoted=quoted, depth=depth + 1)
        elif kind == "OrderedList":
            number = int(content[0][0])
            for entry in content[1]:
                self.list_entry(entry, number, quoted=quoted, depth=depth + 1)
                number += 1
        elif kind == "DefinitionList":
            for term, definitions in content:
                self.emit("para", self.inlines(term), quoted=quoted)
                for definition in definitions:
                    self.blocks_of(definition, quoted=quoted, depth=depth)
        elif kind == "BlockQuote":
            self.blocks_of(content, quoted=quoted + 1, depth=depth)
        elif kind == "Div":
            self.blocks_of(content[1], quoted=quoted, depth=depth)
        elif kind == "Figure":
            caption = content[1][1]
            self.blocks_of(content[2], quoted=quoted, depth=depth)
            for part in caption:
                if part.get("t") in ("Para", "Plain"):
                    for text, _, _, links in self.inlines(part["c"]).lines():
                        self.blocks.append(Block("caption", text, len(self.blocks) + 1, links=links, quoted=quoted))
        elif kind == "HorizontalRule":
            self.rule()
        elif kind == "Table":
            self.table(content)
        elif kind == "CodeBlock":
            for line in content[1].split("\n"):
                run = _Run()
                run.add(line)
                self.emit("para", run, quoted=quoted)

    def list_entry(self, entry: list[dict[str, Any]], number: int | None, *, quoted: int, depth: int) -> None:
        if entry and entry[0].get("t") in ("Plain", "Para"):
            self.emit("item", self.inlines(entry[0]["c"]), level=depth, number=number, quoted=quoted)
            self.blocks_of(entry[1:], quoted=quoted, depth=depth)
        else:
            self.emit("item", _Run(), level=depth, number=number, quoted=quoted)
            self.blocks_of(entry, quoted=quoted, depth=depth)

    def table(self, content: list[Any]) -> None:
        _, _, _, head, bodies, foot = content
        for row in head[1]:
            self.table_row(row, head=True)
        for body in bodies:
            for row in [*body[2], *body[3]]:
                self.table_row(row, head=False)
        for row in foot[1]:
            self.table_row(row, head=False)

    def table_row(self, row: list[Any], *, head: bool) -> None:
        cells: list[str] = []
        links: list[Link] = []
        for cell in row[1]:
            run = _Run()
            for part in cell[4]:
                if part.get("t") in ("Plain", "Para"):
                    inner = self.inlines(part["c"])
                    run.pieces.extend(inner.pieces)
                    run.links.extend(inner.links)
            cells.append(" ".join(line[0] for line in run.lines()))
            links.extend(run.links)
        self.row(cells, links, head=head)

    def caption_of_image(self, content: list[dict[str, Any]], quoted: int) -> None:
        for inline in content:
            if inline.get("t") == "Image":
                run = self.inlines(inline["c"][1])
                for text, _, _, links in run.lines():
                    self.blocks.append(Block("caption", text, len(self.blocks) + 1, links=links, quoted=quoted))

    def inlines(self, inlines: list[dict[str, Any]], style: str = "", run: _Run | None = None) -> _Run:
        run = run if run is not None else _Run()
        for inline in inlines:
            kind = inline.get("t")
            content: Any = inline.get("c")
            if kind == "Str":
                run.add(content, style)
            elif kind == "Space":
                run.pieces.append((" ", style))
            elif kind == "SoftBreak":
                run.pieces.append((" ", "soft"))
            elif kind == "LineBreak":
                run.pieces.append(("\n", "\n"))
            elif kind == "Strong":
                self.inlines(content, "b", run)
            elif kind in ("Emph", "Underline", "SmallCaps"):
                self.inlines(content, style or "i", run)
            elif kind in ("Strikeout", "Superscript", "Subscript", "Span"):
                self.inlines(content[1] if kind == "Span" else content, style, run)
            elif kind == "Quoted":
                opening, closing = ("“", "”") if content[0].get("t") == "DoubleQuote" else ("‘", "’")
                run.add(opening, style)
                self.inlines(content[1], style, run)
                run.add(closing, style)
            elif kind == "Cite":
                self.inlines(content[1], style, run)
            elif kind in ("Code", "Math"):
                run.add(content[1], style)
            elif kind == "Link":
                start = len(run.pieces)
                self.inlines(content[1], style, run)
                text = " ".join("".join(p[0] for p in run.pieces[start:] if p[1] != "\n").split())
                run.links.append(Link(text, content[2][0]))
            elif kind == "RawInline" and content[0] == "html" and re.fullmatch(r"<br\s*/?>", content[1].strip(), re.I):
                run.pieces.append(("\n", "\n"))
            elif kind == "Note":
                # a footnote is not part of the running text; it often names the source
                notes = _AstWalker()
                notes.blocks_of(content)
                note = " ".join(b.text for b in notes.blocks).strip()
                if note:
                    run.notes.append(note)
            # an Image inside text is not part of the running text
        return run


def _only_image(content: list[dict[str, Any]]) -> bool:
    kinds = {i.get("t") for i in content} - {"Space", "SoftBreak", "LineBreak"}
    return kinds == {"Image"}


def ast_blocks(ast_json: str) -> tuple[list[Block], PageMeta]:
    """pandoc's JSON AST into blocks, and the document's title, author and date."""
    ast = json.loads(ast_json)
    walker = _AstWalker()
    walker.blocks_of(ast.get("blocks", []))
    meta = ast.get("meta", {})

    def text_of(key: str) -> str | None:
        value = meta.get(key)
        if value is None:
            return None
        return _clean(_meta_text(value)) or None

    return walker.blocks, PageMeta(title=text_of("title"), author=text_of("author"), published=text_of("date"),
                                   site_name=text_of("publisher"))


def _meta_text(value: dict[str, Any]) -> str:
    kind = value.get("t")
    content: Any = value.get("c")
    if kind == "MetaString":
        return str(content)
    if kind in ("MetaInlines", "MetaBlocks"):
        walker = _AstWalker()
        if kind == "MetaInlines":
            return " ".join(line[0] for line in walker.inlines(content).lines())
        walker.blocks_of(content)
        return " ".join(b.text for b in walker.blocks)
    if kind == "MetaList":
        return "; ".join(_meta_text(v) for v in content)
    if kind == "MetaMap":
        return ""
    return str(content or "")
