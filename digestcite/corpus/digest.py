"""A page's blocks into items: headline, paragraphs, outlet, publication date, tags.

A digest repeats one record shape. The splitter classifies each block (furniture, caption,
attribution line, heading, headline, body), then tries every way the page could repeat a
record — a heading level, list items, table rows, bold lead-ins, headlines over text,
attribution lines closing or opening records, paragraphs opening with their outlet — and
keeps the cut in which each record carries its own attribution (one each, not several, and
few without). A page that repeats nothing is one article. Headings that are an outlet or a
date scope the records under them. Every outlet and date keeps where it came from, and
nothing is guessed: a date the page does not print for an item is missing, with the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from digestcite.corpus.attribution import (
    BY_WRITER,
    RETRIEVED,
    TOPIC_PREFIXES,
    Credit,
    cited_work,
    clean_outlet,
    closing_credit,
    field_label,
    is_address,
    is_outlet,
    looks_like_name,
    mention_credit,
    name_and_date,
    note_credit,
    opening_credit,
    parse_line,
    title_credit,
)
from digestcite.corpus.blocks import (
    Block,
    PageMeta,
    coded_fields,
    footnote_sources,
    is_capitals,
    numbered_paragraphs,
    numbered_sources,
    text_blocks,
)
from digestcite.corpus.claims import sentence_spans
from digestcite.corpus.dates import DateContext, PartialDate, PrintedDate, find_printed_date, settle_order
from digestcite.corpus.lines import (
    BOILERPLATE,
    CAPTION_CREDIT,
    CAPTION_START,
    CHAT_PLACEHOLDER,
    CJK,
    CLOCK_HINT,
    COMMENT,
    COPYRIGHT,
    EXPORT_FIELD,
    IMAGE_ALT,
    LINK_CARD,
    MESSAGE_HEAD,
    RELATED_HEADING,
    TAGS_LINE,
    TASK_BOX,
    is_furniture,
    is_headline_like,
)
from digestcite.corpus.outlets import OutletRegistry, normalize_outlet
from digestcite.errors import ParseError


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One item cut from a page, before it is stored."""

    title: str
    paragraphs: tuple[str, ...]
    outlet_as_printed: str | None
    outlet_origin: str | None
    published: PartialDate | None
    published_reason: str | None
    tags: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    attribution: str | None = None
    title_from_text: bool = False
    position: int = 1
    line: int = 1
    source_url: str | None = None
    published_origin: str | None = None
    author: str | None = None
    credited: tuple[str, ...] = ()
    line_end: int = 1


@dataclass(frozen=True, slots=True)
class PageDefaults:
    """What the user supplies for a page that lacks it (``--source``, ``--date``)."""

    outlet: str | None = None
    published: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """A page cut into items, with the page's own title, the shape found and what was dropped."""

    title: str | None
    items: list[ParsedItem]
    shape: str = "article"
    dropped: tuple[tuple[int, str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    meta: PageMeta = PageMeta()

_TAG_OPENING = re.compile(r"^\s*(?:\[(?P<a>[^\[\]:：]{2,40})\]|【(?P<b>[^【】:：]{2,40})】)\s*")
# The page says its items are the day's: the day's papers, or stories published on the day shown.
_DAYS_STORIES = re.compile(
    # (not an app's "Morning Edition", which is the digest's own name)
    r"(?:today['’]?s|this morning['’]?s|the day['’]?s|yesterday['’]?s) (?:papers|press|newspapers|front pages|(?:print )?editions?)"
    r"|morning (?:papers|press|newspapers|front pages|(?:print )?editions)"
    r"|(?:stories|items|articles|reports|news) (?:were |are )?(?:published|printed|run|ran|carried|reported|dated) (?:on )?(?:the (?:day|date)|that day|this day|today|the dates?)"
    r"|(?:on|for) the (?:day|date)s? shown|press review (?:of|for|from)|review of (?:the )?(?:chinese )?press|papers of (?:the day|today)"
    r"|revue de (?:la )?presse|presseschau|przegląd prasy|resumen de prensa|今日(?:报摘|報摘|报章|報章)|今日报纸|今日報紙"
    r"|(?:i )?(?:quotidiani|giornali|prime pagine) (?:italiani )?di oggi|les journaux (?:du jour|d['’]aujourd['’]hui)"
    r"|(?:los )?(?:diarios|periódicos) de hoy|(?:os )?jornais de hoje|die zeitungen von heute|今日の(?:新聞|朝刊|各紙)"
    r"|сегодняшн\w+ (?:газет|пресс)\w*"
    # a wire's budget: "Here are AP's top Asia-Pacific stories for Wednesday, Dec. 3", "the main stories AFP is covering … today"
    r"|(?:top|main|key)\s+(?:[\w-]+\s+){0,3}stories\s+(?:for\s+(?:today|\w+day)|[\w\s]{0,30}?covering\b[\w\s]{0,30}?\btoday)"
    r"|本报今日|本報今日|第\s*\d{1,3}\s*版[：:]|(?:每日|本日|今日)剪[報报]|daily (?:press )?clippings|today['’]s clippings",
    re.I,
)
# In a heading that carries a date, a looser phrase says the same ("Today's headlines — 3 March").
_DAYS_HEADING = re.compile(
    r"(?:today['’]?s|the day['’]?s|this morning['’]?s) (?:headlines|stories|news|top stories)|今日(?:要闻|要聞|头条|頭條)"
    # a listing's divider naming the day it stands for: "今天 · 2025/12/03（三）", "Yesterday, 2 December"
    r"|^\W*(?:今天|昨天|前天|今日|昨日|today|yesterday)\b", re.I)


def _days_heading(text: str) -> bool:
    found = find_printed_date(text)
    return bool(_DAYS_HEADING.search(text)) and found is not None and found.date is not None and found.date.day is not None


# --- units: blocks as the splitter sees them -------------------------------------------------


@dataclass(slots=True)
class _Unit:
    block: Block
    role: str  # body | heading | credit | caption | tags | rule
    text: str
    line_credit: Credit | None = None
    headline: bool = False
    tags: tuple[str, ...] = ()
    context: DateContext = field(default_factory=DateContext)
    _title_credit: Credit | None | bool = False
    _opening: Credit | None | bool = False
    _closing: Credit | None | bool = False
    section: Credit | None = None
    _mention: Credit | None | bool = False
    comment: bool = False
    header: tuple[str, ...] = ()
    _cited: Credit | None | bool = False
    sources: frozenset[int] = frozenset()  # (a table row) the columns where its table names registered outlets
    page_first: bool = False  # (PDF) the first text of a page
    _words: int | None = None
    byline: bool = False  # the authors' names under a headline

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def line(self) -> int:
        return self.block.line


def _units(blocks: Sequence[Block], registry: OutletRegistry, order: str | None,
           page_reference: PartialDate | None, fields: set[int] | None = None) -> tuple[list[_Unit], list[tuple[int, str, str]]]:
    units: list[_Unit] = []
    dropped: list[tuple[int, str, str]] = []
    in_related = False
    heading_dates: dict[int, PartialDate] = {}
    counters = _counters(blocks)
    heads = _message_heads(blocks)
    post_heads = _post_headers(blocks)
    last_note: Credit | None = None
    for index, block in enumerate(blocks):
        text = " ".join(block.text.split())
        if block.kind == "rule" and index - 1 in post_heads:
            continue  # the rule under a post's header box does not end the post
        if block.kind == "rule":
            units.append(_Unit(block, "rule", ""))
            continue
        if not text:
            continue
        card = LINK_CARD.match(text)
        if card and text[card.end():].strip():
            text = text[card.end():].strip()  # the headline of a shared link: its card's marker is not a word of it
        if index in counters:
            units.append(_Unit(block, "rule", ""))  # a post's counter ends the post, as a rule would
            continue
        if index in heads:
            units.append(_Unit(block, "rule", ""))  # a message's head starts a message: its time is not a date of news
            dropped.append((block.line, text, "message head"))
            continue
        if index in post_heads:
            kind, value = post_heads[index]
            if kind == "title":
                units.append(_Unit(block, "body", value, headline=True, context=DateContext(order, page_reference)))
            elif kind == "start":
                units.append(_Unit(block, "rule", "", header=(value,)))  # (who posted it)
                dropped.append((block.line, text, "post header"))
            else:
                dropped.append((block.line, text, "post header"))
            continue
        if block.kind == "heading":
            # a date heading dates what is under it: the context for year-less dates
            for level in [k for k in heading_dates if k >= block.level]:
                del heading_dates[level]
            found = find_printed_date(text, DateContext(order, page_reference))
            if found is not None and found.date is not None and found.date.month is not None and len(text) <= 60:
                heading_dates[block.level] = found.date
        context = DateContext(order, _latest(heading_dates) or page_reference)
        if RELATED_HEADING.match(text):
            in_related = True
            dropped.append((block.line, text, "related list"))
            continue
        if in_related:
            following = blocks[index + 1].text if index + 1 < len(blocks) else ""
            if (block.kind in ("item", "para") and is_headline_like(text) and parse_line(text, registry, context) is None
                    and (not following or is_headline_like(following) or RELATED_HEADING.match(following))):
                dropped.append((block.line, text, "related list"))
                continue
            in_related = False
        if EXPORT_FIELD.match(text) and len(text) <= 200:
            dropped.append((block.line, text, "export field"))
            continue
        if CHAT_PLACEHOLDER.match(text):
            dropped.append((block.line, text, "furniture"))  # "[贴图]": a sticker, not a source in brackets
            continue
        credit = parse_line(text, registry, context) if block.kind != "row" else None
        if credit is not None and fields and index in fields:
            credit = replace(credit, header=True)
        if COPYRIGHT.search(text) and len(text) <= 300:
            dropped.append((block.line, text, "furniture"))  # "© 2024 RTHK" credits no item
            continue
        if credit is None and (is_furniture(text) if block.kind != "row" else bool(BOILERPLATE.match(text))):
            dropped.append((block.line, text, "furniture"))
            continue
        tags = TAGS_LINE.match(text)
        if tags and block.kind != "heading":
            units.append(_Unit(block, "tags", text, tags=tuple(
                t.strip() for t in re.split(r"[,，;；|/、]", tags.group("tags")) if t.strip())))
            continue
        is_caption = block.kind == "caption" or bool(CAPTION_START.match(text))
        if (is_caption or (CAPTION_CREDIT.search(text) and len(text) < 600) or IMAGE_ALT.match(text)) \
                and (credit is None or is_caption):
            units.append(_Unit(block, "caption", text))
            continue
        if credit is not None and block.kind != "heading" and not credit.is_empty or (credit is not None and credit.shape in ("staff", "reporter")):
            units.append(_Unit(block, "credit", text, line_credit=credit, context=context))
            continue
        role = "heading" if block.kind == "heading" else "body"
        unit = _Unit(block, role, text, line_credit=credit if block.kind == "heading" else None,
                     headline=block.kind == "heading" or (block.kind != "row" and is_headline_like(text)), context=context,
                     comment=block.kind != "heading" and bool(COMMENT.match(text)) and not is_headline_like(text))
        if unit.comment:
            unit.headline = False
        units.append(unit)
        if block.notes and role == "body":
            last_note = _note_credit(units, block, registry, context, last_note)
    if heads or sum(1 for u in units if u.role == "rule" and u.block.kind == "rule" and u.block.text) >= 3:
        # NOTE (heldout4 Telegram exports): a log's day separator ("15 March 2024") stands over
        # the messages after it (their head may follow an avatar's initials); it does not date
        # the message before it (nor in a LINE or WeChat export, "2025/10/21（二）")
        for index, unit in enumerate(units):
            credit = unit.line_credit
            after = [u for u in units[index + 1:index + 3] if not (u.role == "body" and len(u.text) <= 3)]
            if unit.role == "credit" and credit is not None and credit.outlet is None and credit.published is not None \
                    and after and after[0].role == "rule":
                units[index] = _Unit(unit.block, "heading", unit.text, context=unit.context)
    _date_dividers(units, registry)
    units = _without_contents(_without_template_lines(units, dropped), dropped)
    _table_headers(units)
    _source_columns(units, registry)
    units = _key_value_tables(units, registry)
    _lone_rows_as_credits(units, registry)
    _names_in_credit_slots(units, registry)
    _bylines(units)
    _list_labels(units, registry)
    return _merge_credits(units), dropped


def _list_labels(units: list[_Unit], registry: OutletRegistry) -> None:
    """A bullet that only labels the bullets nested under it (a topic: "Cross-Strait relations",
    "2025 Tai Po fire") is their heading, not an entry: each entry under it, with its own
    sources, is a record.

    NOTE (heldout12 current-events portals): a topic's two entries were one item, titled with
    the topic.
    """
    for index, unit in enumerate(units[:-1]):
        below = units[index + 1]
        if unit.role != "body" or unit.kind != "item" or below.kind != "item" or below.block.level <= unit.block.level \
                or len(unit.text) > 60 or unit.text.endswith(_SENTENCE_STOPS) or unit.line_credit is not None \
                or _title_of(unit, registry) is not None:
            continue
        children = [u for u in units[index + 1:] if u.kind == "item"]
        children = children[: next((n for n, u in enumerate(children) if u.block.level <= unit.block.level), len(children))]
        if any(u.role == "body" and (c := _title_of(u, registry)) is not None and c.outlet for u in children):
            unit.role = "heading"


_SENTENCE_STOPS = (".", "!", "?", "。", "！", "？", ":", "：")


def _under_label(units: list[_Unit], index: int) -> bool:
    """Whether a nested bullet stands under a bullet that labels it (see ``_list_labels``)."""
    level = units[index].block.level
    for unit in reversed(units[:index]):
        if unit.kind == "item" and unit.block.level < level:
            return unit.role == "heading"
    return False


# People's names, each of two to four words (a particle allowed), on a byline of their own; stricter
# than a citation's authors (attribution._AUTHORS), which may be one word
_PERSON = r"(?:[A-Z][\w'’-]+\.?(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+|van|von|de|da|del|al|bin|le)){1,3})"
_BYLINE_NAMES = re.compile(r"^(?:by\s+)?" + _PERSON + r"(?:\s*(?:,|&|\band\b)\s*" + _PERSON + r"){0,5}$", re.I)


def _bylines(units: list[_Unit]) -> None:
    """The authors' names on their own line under a headline ("Wenjing Luo & Daniel K. Hart",
    "Kelvin Ip, Ana Sobral & Tsz-Him Lau") are the piece's byline, not a headline of their own.

    NOTE (heldout10 journal alerts): the authors' line, the last short line over the abstract,
    became each paper's title, and the paper's own title the record before it.
    """
    for index in range(1, len(units)):
        unit, above = units[index], units[index - 1]
        if unit.role == "body" and unit.kind == "para" and unit.headline and len(unit.text) <= 90 \
                and (above.headline or above.role == "heading") and above.role in ("body", "heading") \
                and _LABELLED_BYLINE.match(unit.text) and not (  # (not a field among fields: "Record Number: 232" / "Author: …" / "Year: …")
                    _LINE_LABEL.match(above.text) and index + 1 < len(units) and _LINE_LABEL.match(units[index + 1].text)):
            unit.headline = False  # "作者：本报记者 林丽鹂", "Author: Jane Doe", "文／王小明": a labelled byline
            unit.byline = True
            continue
        if unit.role == "body" and unit.headline and len(unit.text) <= 90 and (above.headline or above.role == "heading") \
                and above.role in ("body", "heading") and not any(c.isdigit() for c in unit.text) \
                and _BYLINE_NAMES.match(unit.text) and (re.search(r",|&|\band\b", unit.text) or len(unit.text.split()) <= 3) \
                and not _BYLINE_NAMES.match(above.text):
            unit.headline = False
            unit.byline = True


_LABELLED_BYLINE = re.compile(r"^\s*(?:作者|记者|記者|撰文|撰稿|文|author|authors|autor|autorin|auteur|autore|автор)\s*[:：/／]\s*\S", re.I)
_ELLIPSIS = re.compile(r"(?:\.{3}|…)$")


def _under_headline(units: list[_Unit], index: int) -> bool:
    """Whether a line stands right under a record's headline (its date line, "Jul 29"), not
    under a section's heading over headlines of another kind."""
    above, below = units[index - 1], units[index + 1]
    if above.role == "heading":
        return not (below.role == "body" and below.headline)
    return above.role == "body" and above.headline


def _date_dividers(units: list[_Unit], registry: OutletRegistry) -> None:
    """A date alone on its line over several records, each with its own credit line, is a
    listing's divider (the day the cards below it were posted): it scopes them as a date
    heading does. Over one record it is that record's date line, and stays one.

    NOTE (heldout9 Taiwanese aggregators): "今天 · 2025/12/03（三）" over cards that give only a
    clock time or "2小時前"; the day was lost.
    """
    dividers = [i for i, u in enumerate(units) if u.role == "credit" and u.line_credit is not None and u.line_credit.outlet is None
                and u.line_credit.published is not None and u.line_credit.published.day is not None and u.kind == "para"
                and i + 1 < len(units) and (units[i + 1].headline or units[i + 1].role == "heading")
                and units[i + 1].role != "credit" and (i == 0 or not _under_headline(units, i))]
    if len(dividers) < 2:
        return
    bounds = [*dividers, len(units)]
    # (each over two records or more: headlines like the one under it, each with an outlet's line)
    spans = [min(sum(1 for u in units[a + 1:b] if u.role == "credit" and u.line_credit is not None and u.line_credit.outlet),
                 sum(1 for u in units[a + 1:b] if u.headline and u.role == units[a + 1].role and u.kind == units[a + 1].kind))
             for a, b in zip(bounds, bounds[1:], strict=False)]
    # NOTE (heldout12 current-events portals): or over entries that each name their sources in
    # brackets at their end ("… (Reuters) (SCMP)"), most days several, a quiet day one
    cited = [sum(1 for u in units[a + 1:b] if u.role == "body" and u.kind == "item" and not u.headline
                 and (c := _title_of(u, registry)) is not None and c.outlet)
             for a, b in zip(bounds, bounds[1:], strict=False)]
    if min(spans) < 2 and not (min(cited) >= 1 and sum(1 for n in cited if n >= 2) * 2 > len(cited)):
        return
    for i in dividers:
        unit = units[i]
        units[i] = _Unit(unit.block, "heading", unit.text, context=unit.context, line_credit=unit.line_credit)


def _without_contents(units: list[_Unit], dropped: list[tuple[int, str, str]]) -> list[_Unit]:
    """A page's table of contents: two or more entries in a row, each the start of a headline
    printed further down (cut off with "..." or whole), are no items.

    NOTE (heldout8 news-database files): the contents table's truncated headlines ("China's
    factory activity shrinks for eig...") were read as eight more items.
    """
    def entry(unit: _Unit) -> str | None:
        parts = list(unit.block.cells) if unit.kind == "row" else [unit.text]
        for part in parts:
            # (a digest's topics name who posted each: "1. Fwd: Nexperia wafers (Karen Doyle)")
            text = re.sub(r"\s*[(（][^()（）]{2,40}[)）]\s*$", "", part.strip()) if unit.kind == "item" else part.strip()
            cut = bool(_ELLIPSIS.search(text))
            folded = normalize_outlet(_ELLIPSIS.sub("", text).strip())
            if len(folded) >= 15 and (cut or unit.kind != "row"):
                return folded
        return None

    headlines = [(i, normalize_outlet(u.text)) for i, u in enumerate(units) if u.role in ("body", "heading") and u.headline]
    listed: set[int] = set()
    run: list[int] = []
    for index, unit in enumerate(units):
        folded = entry(unit) if unit.role in ("body", "heading") and len(unit.text) <= 200 else None
        later = folded is not None and any(j > index + 1 and text.startswith(folded) and text != folded or
                                           (j > index + 3 and text == folded) for j, text in headlines)
        if later:
            run.append(index)
            continue
        if unit.role == "rule" and not run:
            continue
        if len(run) >= 2:
            listed.update(run)
        run = []
    if len(run) >= 2:
        listed.update(run)
    for index in sorted(listed):
        dropped.append((units[index].line, units[index].text, "contents"))
    return [u for i, u in enumerate(units) if i not in listed]


def _names_in_credit_slots(units: list[_Unit], registry: OutletRegistry) -> None:
    """A name alone on its line between a headline and its text, where registered outlets stand
    between the page's other headlines and texts, is an outlet nobody registered ("L'Usine
    Nouvelle", "RTBF"), kept as printed.

    NOTE (heldout6 news alerts): an alert e-mail prints each result's source under its
    headline; only the registered ones were read as sources, and the others' items were lost
    in the ones above them.
    """
    def slot(index: int) -> bool:
        before, after = units[index - 1], units[index + 1]
        return before.role in ("body", "heading") and before.headline and after.role == "body" and not after.headline

    def kicker(index: int) -> bool:
        # NOTE (heldout8 platform newsletters): or above the headline, as a kicker ("CAIXIN",
        # "REUTERS · DEC 1", then "THE INFORMATION" over the next headline)
        if index + 2 >= len(units):
            return False
        title, text = units[index + 1], units[index + 2]
        return title.role in ("body", "heading") and title.headline and text.role == "body" and not text.headline \
            and (index == 0 or units[index - 1].role in ("rule", "heading"))  # (after text it would close the text)

    inner = range(1, len(units) - 1)
    for in_slot in (slot, kicker):
        known = [i for i in inner if units[i].role == "credit" and getattr(units[i].line_credit, "outlet", None)
                 and getattr(units[i].line_credit, "shape", None) in ("name", "fields", "pipes", "label")
                 and in_slot(i)]
        if len(known) < 2:
            continue
        for i in inner:
            unit = units[i]
            if unit.role != "body" or not unit.headline or not in_slot(i) or unit.text.casefold() in TOPIC_PREFIXES \
                    or BY_WRITER.match(unit.text):
                continue  # (a byline, "By Clara Zhu", names the writer, not the outlet)
            if len(unit.text) <= 40 and looks_like_name(unit.text) and not re.search(r"[.!?。！？:：]$", unit.text) \
                    and find_printed_date(unit.text, unit.context) is None:  # ("Week of 2-6 March 2026" is no name)
                units[i] = _Unit(unit.block, "credit", unit.text, line_credit=Credit(unit.text, None, None, unit.text, "name",
                                                                                     header=True), context=unit.context)
                continue
            # (or a name and a date, "Svenska Dagbladet · onsdag 3 december 2025", where the page's other
            # lines in that slot credit it)
            named = name_and_date(unit.text, registry, unit.context)
            if named is not None:
                units[i] = _Unit(unit.block, "credit", unit.text, line_credit=named, context=unit.context)


def _without_template_lines(units: list[_Unit], dropped: list[tuple[int, str, str]]) -> list[_Unit]:
    """Short lines a page prints the same in three or more records (a poster's name, "Public",
    "Read more") are its template, not the records' text or headlines.

    NOTE (heldout3 social threads): every post opened with "Mei Lin, PhD", which became
    each item's headline. Attributions and headings are kept: an outlet repeats by right.
    """
    counts = Counter(u.text for u in units if u.role == "body" and u.kind in ("para", "item") and len(u.text) <= 60)
    rules = sum(1 for u in units if u.role == "rule")
    if rules < 2:
        return units
    kept = []
    for unit in units:
        if unit.role == "body" and counts.get(unit.text, 0) >= 3 and len(unit.text) <= 60:
            dropped.append((unit.block.line, unit.text, "repeated line"))
            continue
        kept.append(unit)
    return kept


_IBID = re.compile(r"^\s*(?:ibid|ibidem|id)\.?\s*(?:,.*)?$|^\s*同上", re.I)


def _note_credit(units: list[_Unit], block: Block, registry: OutletRegistry, context: DateContext,
                 last: Credit | None) -> Credit | None:
    """A note the text refers to that names its source closes the paragraph as its attribution.

    NOTE (heldout3 endnote pages): a review cites its sources in endnotes ("1. Reuters,
    “Moody's cuts…”, 5 December 2023"), a client alert in Word footnotes; the first note
    of a paragraph that names an outlet is its credit; "Ibid." is the note before.
    """
    for note in block.notes:
        credit = last if _IBID.match(note) else (note_credit(note, registry, context) or parse_line(note, registry, context)
                                                 or cited_work(note, registry, context))
        if credit is not None and credit.outlet:
            units.append(_Unit(block, "credit", note, line_credit=credit, context=context))
            return credit
    return last


_COUNTER = re.compile(r"^\W{0,3}(\d{1,3})\s*/\s*(\d{1,3})\W{0,3}$")
_LABELLED_NUMBER = re.compile(r"^[\[(#]{0,2}\s*(?P<label>[^\W\d_]{2,20}\.?)?\s*(?:no\.?\s*|n[º°]\s*|#\s*)?(?P<n>\d{1,4})\s*[\])]?[.:]?$",
                              re.I)


_END_MARK = re.compile(r"^(?:end of (?:document|story|article)|[-–—=\s]*ends?[-–—=\s]*|\(end\)|\[end\]|（完）|（全文完）|【完】)$", re.I)
_BARE_NUMBER = re.compile(r"^(?:\(?\d{1,3}[.)]|#\d{1,3}|\d{1,3}\s*/)$")


def _counters(blocks: Sequence[Block]) -> set[int]:
    """Blocks that only number the records (``2/10``, ``[Clipping 3]``, ``Item 4``), not dates or outlets.

    NOTE (heldout3 social threads, clipping files): a thread reader prints each post's
    counter in its own element; read as ``10 February``, ``10 March``… they dated every
    post. A clipping file's ``[Clipping 2]`` was taken for an outlet. Three or more ``k/N``
    with one N, or ``Label k`` with one label, with different k, are a counter.
    """
    found: dict[str, list[tuple[int, int]]] = {}
    for index, block in enumerate(blocks):
        text = block.text.strip()
        match = _COUNTER.match(text)
        if match:
            found.setdefault("/" + match.group(2), []).append((index, int(match.group(1))))
            continue
        labelled = _LABELLED_NUMBER.match(text) if len(text) <= 30 and block.kind != "heading" else None
        if labelled and labelled.group("label"):
            found.setdefault(labelled.group("label").lower().rstrip("."), []).append((index, int(labelled.group("n"))))
        elif _END_MARK.match(text):
            # NOTE (heldout4 Nexis exports): "End of Document" closes each story of the export
            found.setdefault("end", []).append((index, len(found.get("end", [])) + 1))
        elif _BARE_NUMBER.match(text):
            # NOTE (heldout4 quote letters): "1." alone on its line, the record below it
            found.setdefault("#", []).append((index, int(re.sub(r"\D", "", text))))
    counted: set[int] = set()
    for name, seen in found.items():
        numbers = [k for _, k in seen]
        fits = max(numbers) <= int(name[1:]) if name.startswith("/") else numbers == sorted(numbers)
        if len(seen) >= 3 and len(set(numbers)) == len(numbers) and fits:
            counted.update(i for i, _ in seen)
    return counted




def _joined_fields(blocks: list[Block], fields: set[int]) -> list[Block]:
    """An attribution field's name alone on its line reads with the value on the next line
    (``1.媒體來源:`` / ``中央社`` is ``媒體來源: 中央社``).

    NOTE (heldout3 BBS posts): the value alone was an outlet line closing the text above it.
    """
    joined: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        label = field_label(block.text) if block.kind in ("para", "item") and len(block.text) <= 120 else None
        if label and following is not None and following.kind in ("para", "item") and len(following.text) <= 160 \
                and field_label(following.text) is None:
            fields.add(len(joined))  # a field describes its record: it does not close a text
            joined.append(replace(block, kind="para", text=f"{label}: {following.text}"))
            index += 2
            continue
        joined.append(block)
        index += 1
    return joined


def _without_chatter(units: list[_Unit], dropped: list[tuple[int, str, str]], registry: OutletRegistry) -> list[_Unit]:
    """A group chat's messages that share nothing: no link, no attribution, no credited
    headline ("Thanks, a fuller piece", "Is anyone there today?") are talk about the news.

    Only where several people post (three message heads or more, two senders or more): a
    channel's own posts, under one name or none, are its news.

    NOTE (heldout5 group chats): every greeting and reply of a group chat was an item.
    """
    head_lines = {line for line, _, why in dropped if why == "message head"}
    heads = [u for u in units if u.role == "rule" and u.block.text and (u.block.kind == "rule" or u.line in head_lines)]
    senders = {re.sub(r"[\d/.:\-\[\]\s,]|[AaPp]\.?[Mm]\.?", "", u.block.text) for u in heads}
    # (a forum's or mail digest's posts, each under its header box, name who posted them)
    posts = [u for u in units if u.role == "rule" and u.header]
    if len(posts) >= 3:
        heads, senders = posts, {re.sub(r"<[^>]*>|\s", "", u.header[0]).casefold() for u in posts}
    if len(heads) < 3 or len(senders - {""}) < 2:
        return units
    kept: list[_Unit] = []
    post: list[_Unit] = []
    in_log = False

    def close() -> None:
        if not in_log:
            kept.extend(post)
            post.clear()
            return
        shares = any(u.role in ("credit", "heading") or LINK_CARD.match(u.block.text) or _URL_IN.search(u.text)
                     or u.block.links or _title_of(u, registry) is not None or _opening_of(u, registry) is not None
                     or _closing_of(u, registry) is not None or _mention_in([u], registry) is not None
                     or any(title_credit(line, registry, u.context) for line in u.block.text.splitlines()[1:])
                     for u in post)
        if shares or not any(u.role == "body" for u in post):
            kept.extend(post)
        else:
            dropped.extend((u.line, u.text, "chat message") for u in post if u.role == "body")
            kept.extend(u for u in post if u.role != "body")
        post.clear()

    for unit in units:
        if unit.role == "rule" or unit.role == "heading":
            close()
            kept.append(unit)
            in_log = in_log or unit in heads
        else:
            post.append(unit)
    close()
    return kept


_URL_IN = re.compile(r"https?://|www\.")


def _message_heads(blocks: Sequence[Block]) -> set[int]:
    """Lines that head a message of a chat, forum or comment log: a time and a speaker's name,
    nothing else (``[3/10/2023 9:41 AM] Sam Hartley:``, ``Dan Whitfield  10:20 AM``).

    NOTE (heldout2 chat exports): each head became an item, its time the item's date; a head
    is where a message starts, as a rule would be. Three or more heads make a log.
    """
    found = []
    for index, block in enumerate(blocks):
        head = MESSAGE_HEAD.match(" ".join(block.text.split())) if block.kind != "heading" and len(block.text) <= 60 \
            and CLOCK_HINT.search(block.text) else None
        if head and (head.group("clock") or head.group("name3")
                     or find_printed_date(head.group("name") or head.group("name2")) is None):
            found.append(index)  # "Monday 10:20" is a time of day, not a speaker
    return set(found) if len(found) >= 3 else set()


_POST_FIELD = re.compile(
    r"^\s*(?P<label>作者|發信人|发信人|看板|信區|信区|標題|标题|時間|时间|發信站|发信站|author|from|poster|posted by|board|forum|"
    r"title|subject|date|time|posted|newsgroups?|message|to|cc|message-id|content-type|reply-to|in-reply-to|references|sender)"
    r"\s*[:：]?\s+(?P<value>\S.*)$", re.I)
# (a mail digest's message box names its field, colon and all: "Message: 1", "Date: …", "From: …")
_MAIL_FIELD = frozenset(["message", "to", "cc", "message-id", "content-type", "reply-to", "in-reply-to", "references", "sender"])
_POST_AUTHOR = frozenset(["作者", "發信人", "发信人", "author", "from", "poster", "posted by"])
_POST_TITLE = frozenset(["標題", "标题", "title", "subject"])


def _post_headers(blocks: Sequence[Block]) -> dict[int, tuple[str, str]]:
    """A forum's or mailing list's post header: a box of labelled lines, author first
    (``作者 cloudwind … 看板 HatePolitics`` / ``標題 [新聞] …`` / ``時間 Sat Jan 13 20:41:07 2024``),
    repeated on every post. The author line starts a post; the title line is the post's
    headline; the time is when it was posted, not a date of the news it carries.

    NOTE (heldout3 BBS collections): the header read as text gave every post the next one's
    outlet, and its posting time as a date. Three or more such boxes make a log.
    """
    found: dict[int, tuple[str, str]] = {}
    boxes = 0
    index = 0

    def field_of(block: Block) -> tuple[str, str] | None:
        text = " ".join(block.text.split())
        match = _POST_FIELD.match(text) if len(text) <= 160 else None
        # (a mail field has its colon: "To: the list", not "to the list")
        if match is None or (match.group("label").lower() in _MAIL_FIELD and not re.match(r"^\s*[\w-]+\s*:", text)):
            return None
        return match.group("label").lower(), match.group("value")

    fields = [field_of(b) for b in blocks]  # each block's (label, value), or None
    while index < len(blocks):
        # NOTE (heldout10 mail digests): a message's box may open with its number or date
        # ("Message: 1" / "Date: …" / "From: …" / "Subject: …"): the box starts where its run of
        # fields does, the author among them
        run: list[tuple[str, str]] = []
        while index + len(run) < len(blocks) and len(run) <= 8 and (field := fields[index + len(run)]) is not None:
            run.append(field)
        labels = [label for label, _ in run]
        if not run or len(blocks[index].text) > 120 \
                or not (labels[0] in _POST_AUTHOR or (len(labels) >= 3 and _POST_AUTHOR.intersection(labels))):
            index += 1
            continue
        author = next((value for label, value in run if label in _POST_AUTHOR), "")
        box = {index: ("start", author)}
        # (a box that opens with its author takes the four fields under it at most)
        for offset, (label, value) in enumerate(run[1:] if labels[0] not in _POST_AUTHOR else run[1:5], start=1):
            # (the list's tag is no part of it: "Re: [ChinaTrade-L] Fwd: Nexperia wafers")
            title = re.sub(r"^((?:(?:re|fwd?|aw|wg)\s*:\s*)*)\[[^\]]{1,24}\]\s*", r"\1", value, flags=re.I).strip()
            box[index + offset] = ("title", title) if label in _POST_TITLE else ("meta", "")
        following = index + len(box)
        if len(box) >= 2:
            found.update(box)
            boxes += 1
        index = following
    return found if boxes >= 3 else {}


_KEY = re.compile(r"^[^\d]{2,24}$")


def _key_value_tables(units: list[_Unit], registry: OutletRegistry) -> list[_Unit]:
    """A two-column table of field names and values (``Paper | Global Times``, ``Date | 3 August``)
    describes the item it stands in: one attribution, not rows of a listing."""
    out: list[_Unit] = []
    index = 0
    while index < len(units):
        if units[index].kind != "row":
            out.append(units[index])
            index += 1
            continue
        end = index
        while end < len(units) and units[end].kind == "row":
            end += 1
        rows = units[index:end]
        pairs = [tuple(c for c in u.block.cells) for u in rows]
        if len(rows) >= 2 and all(len(p) == 2 and _KEY.match(p[0]) and len(p[0].split()) <= 3 for p in pairs):
            lines = [f"{key}: {value}" for key, value in pairs]
            context = rows[0].context
            # the value that names a registered outlet, whatever its field is called ("Paper", "Outlet", "媒体")
            outlet = next((clean_outlet(v) for _, v in pairs if registry.resolve(v)), None)
            if outlet is None:
                outlet = next((clean_outlet(v) for k, v in pairs if _OUTLET_COLUMN.match(k.strip(" :：")) and v.strip()), None)
            dates = [find_printed_date(v, context) for k, v in pairs if _DATE_COLUMN.match(k.strip(" :："))]
            dated = next((d for d in dates if d is not None), None)
            if dated is None and any(_DATE_COLUMN.match(k.strip(" :：")) for k, _ in pairs):
                value = next(v for k, v in pairs if _DATE_COLUMN.match(k.strip(" :：")))
                dated = PrintedDate(None, value, 0, len(value), f"the page gives its date as {value.strip()!r}")
            if outlet or dated:
                credit = Credit(outlet, dated.date if dated else None, dated.reason if dated else None,
                                "; ".join(lines), "fields", header=True)
                out.append(_Unit(rows[0].block, "credit", "; ".join(lines), line_credit=credit, context=rows[0].context))
                index = end
                continue
        out.extend(rows)
        index = end
    return out


def _table_headers(units: list[_Unit]) -> None:
    """Each table row knows its table's header row (the names of its columns)."""
    header: tuple[str, ...] = ()
    for unit in units:
        if unit.kind != "row":
            if unit.role in ("body", "heading") and unit.kind != "para":
                header = ()
            continue
        if unit.block.head:
            header = unit.block.cells
        elif header and unit.block.cells == header:
            unit.role = "rule"  # the header printed again at the top of the next page: the table goes on
        else:
            unit.header = header


def _source_columns(units: list[_Unit], registry: OutletRegistry) -> None:
    """Each row of a table knows the columns in which its table names a registered outlet: an
    unknown name counts as a row's outlet only there.

    NOTE (heldout9 slide decks): a risk dashboard's rows ("Export controls | High | unchanged")
    credited "High" and "Medium" as outlets.
    """
    table: list[_Unit] = []
    for unit in [*units, None]:
        if unit is not None and unit.kind == "row":
            table.append(unit)
            continue
        if table:
            columns = frozenset(n for row in table for n, cell in enumerate(row.block.cells)
                                if cell and len(cell) <= 50 and (known := registry.resolve(cell)) is not None
                                and known.label not in ("government source",))
            for row in table:
                row.sources = columns
            table = []


def _lone_rows_as_credits(units: list[_Unit], registry: OutletRegistry) -> None:
    """A table of one data row under a headline (``Outlet | Section | Date``) describes that
    item: it is its attribution, not a listing of one."""
    index = 0
    while index < len(units):
        if units[index].kind != "row" or units[index].role == "credit":
            index += 1
            continue
        end = index
        while end < len(units) and units[end].kind == "row" and units[end].role != "credit":
            end += 1
        data = [u for u in units[index:end] if not u.block.head]
        if len(data) == 1:
            credit = _row_credit(data[0], registry)
            if credit is not None:
                data[0].role, data[0].line_credit = "credit", replace(credit, header=True, shape="fields")
            for unit in units[index:end]:
                if unit.block.head:
                    unit.role = "caption"  # the header row of a one-row table says nothing by itself
        index = end


def _latest(dates: dict[int, PartialDate]) -> PartialDate | None:
    return dates[max(dates)] if dates else None


def _merge_credits(units: list[_Unit]) -> list[_Unit]:
    """``Source: Xinhua`` then ``Updated: 2023-03-10`` on the next line is one attribution."""
    merged: list[_Unit] = []
    for index, unit in enumerate(units):
        if unit.role == "credit" and merged and merged[-1].role == "credit":
            prev, this = merged[-1].line_credit, unit.line_credit
            assert prev is not None and this is not None
            following = units[index + 1] if index + 1 < len(units) else None
            # NOTE (heldout3 aggregator cards): "Jul 29" closing one card, then "Reuters" over the
            # next card's headline, are two cards' attributions, not one.
            kicker = (this.outlet is not None and this.published is None and prev.outlet is None
                      and following is not None and following.role in ("body", "heading") and following.headline)
            if ((prev.outlet is None) != (this.outlet is None) and (prev.published is None or this.published is None)
                    and prev.shape not in ("staff", "reporter") and this.shape not in ("staff", "reporter") and not kicker):
                merged[-1].line_credit = replace(
                    prev, outlet=prev.outlet or this.outlet, published=prev.published or this.published,
                    reason=prev.reason if prev.published else this.reason, raw=f"{prev.raw} {this.raw}",
                    header=prev.header or this.header, completed=prev.completed if prev.published else this.completed,
                    author=prev.author or this.author, url=prev.url or this.url,
                )
                merged[-1].text = f"{merged[-1].text} {unit.text}"
                continue
        merged.append(unit)
    return merged


def _title_of(unit: _Unit, registry: OutletRegistry) -> Credit | None:
    if unit._title_credit is False:
        unit._title_credit = title_credit(unit.text, registry, unit.context) if unit.role in ("body", "heading") else None
    return unit._title_credit  # type: ignore[return-value]


def _cites_work(unit: _Unit, registry: OutletRegistry) -> bool:
    if unit._cited is False:
        unit._cited = cited_work(unit.text, registry, unit.context) if len(unit.text) <= 1200 else None
    return unit._cited is not None


def _is_citation(unit: _Unit, registry: OutletRegistry) -> bool:
    """Whether a unit is a reference-list entry (title, outlet and date in citation form)."""
    if not _CITATION_HINT.search(unit.text):
        return False  # a reference entry quotes its title or dates itself in brackets
    found = _title_of(unit, registry)
    return found is not None and found.shape == "citation"


_CITATION_HINT = re.compile(r"^[^\n]{0,80}?(?:[\"“]|\(\d{4}|\(n\.\s?d)")


def _opening_of(unit: _Unit, registry: OutletRegistry) -> Credit | None:
    if unit._opening is False:
        lead = unit.block.lead
        unit._opening = opening_credit(unit.text, lead, registry, unit.context) if unit.role == "body" else None
    return unit._opening  # type: ignore[return-value]


def _closing_of(unit: _Unit, registry: OutletRegistry) -> Credit | None:
    if unit._closing is False:
        unit._closing = closing_credit(unit.text, unit.block.tail, registry, unit.context) if unit.role == "body" else None
    return unit._closing  # type: ignore[return-value]


def _section_credit(unit: _Unit, registry: OutletRegistry) -> Credit | None:
    """A heading that is an outlet or a date scopes the records under it."""
    if unit.role != "heading" or len(unit.text) > 60:
        return None
    credit = unit.line_credit
    if credit is not None and credit.shape in ("date", "name", "address", "range"):
        return credit
    if registry.resolve(unit.text):
        return Credit(clean_outlet(unit.text), None, None, unit.text, "name")
    return None


# --- records -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Record:
    units: list[_Unit]
    sections: list[Credit]
    start_kind: str
    headings: tuple[str, ...] = ()


@dataclass(slots=True)
class _Cut:
    name: str
    records: list[_Record]
    score: float = 0.0
    crossed: int = 0  # attribution lines the cut joins to the record above a rule
    glued: int = 0  # attribution lines it opens records with that stand apart from the text above and on the headline below


def _has_text(units: list[_Unit]) -> bool:
    return any(u.role in ("body", "heading") or (u.kind == "row" and u.role == "body") for u in units)


def _record_credits(record: _Record, registry: OutletRegistry) -> list[Credit]:
    """Every credit a record carries itself (line credits, and inline ones where they belong)."""
    credits: list[Credit] = []
    textual = [u for u in record.units if u.role in ("body", "heading")]
    for unit in record.units:
        if unit.role == "credit" and unit.line_credit is not None and unit.line_credit.shape not in ("staff", "reporter"):
            credits.append(unit.line_credit)
    if textual:
        first = textual[0]
        if first.kind == "row":
            row = _row_credit(first, registry)
            if row is not None:
                credits.append(row)
        found = _title_of(first, registry) if first.kind != "row" else None
        if found is not None and (first.headline or first.kind in ("heading", "item") or found.shape == "citation"):
            credits.append(found)
        # the first two paragraphs, and the first of running text (as _build_item reads it: a
        # record may open with a headline and a stats line, "热度：2156 万", before its text)
        opener = next((u for u in textual[:4] if u.kind != "heading" and _running_text(u)), None)
        for unit in [*textual[:2], *([opener] if opener is not None and opener not in textual[:2] else [])]:
            if unit.kind == "heading":
                continue
            found = _opening_of(unit, registry)
            if found is not None and found.outlet:
                credits.append(found)
                break
        last = textual[-1]
        if last.kind != "heading":
            found = _closing_of(last, registry)
            if found is not None:
                credits.append(found)
        if not any(c.outlet for c in credits):
            found = _mention_in(textual, registry)
            if found is not None:
                credits.append(found)
    return credits


def _mention_in(textual: list[_Unit], registry: OutletRegistry) -> Credit | None:
    """An outlet the record's first paragraphs name as their source (see mention_credit)."""
    for unit in [u for u in textual if u.kind != "heading"][:2]:
        if unit._mention is False:
            unit._mention = mention_credit(unit.text, registry, unit.context)
        if unit._mention is not None:
            return unit._mention  # type: ignore[return-value]
    return None


def _score(cut: _Cut, registry: OutletRegistry, any_credit: bool) -> float:
    score = 0.0
    for record in cut.records:
        if not _has_text(record.units):
            continue
        credits = _record_credits(record, registry)
        outlets = {normalize_outlet(c.outlet) for c in credits if c.outlet}
        own = bool(credits) or any(s.outlet for s in record.sections)
        if own:
            # a record that names its own outlet is better read than one with only a date
            score += 1.0 + (0.25 if outlets else 0.0)
        elif any_credit and (cut.name != "one record to a page" or any(_running_text(u) for u in record.units)):
            # (a page of a deck with no running text, its title, contents or notice, is furniture)
            score -= 0.5
        closers = sum(1 for i in range(len(record.units)) if record.units[i].role == "credit" and _closes_text(record.units, i))
        start = record.units[0]
        # a record that holds another heading like the one it starts with holds two records
        twins = sum(1 for u in record.units[1:] if start.role == "heading" and u.role == "heading"
                    and u.block.level == start.block.level) if record.start_kind != "article" else 0
        # (a record that runs over a page whose text opens with a headline over text holds the next
        # page's record too: a deck's slides, a clipping pack's clippings)
        pages = sum(1 for n, u in enumerate(record.units[1:], 1) if u.page_first and u.headline and u.role in ("body", "heading")
                    and _followed_by_text(record.units, n))
        # (nor ends with a page's first line: "Quelle: Handelsblatt · 03.12.2025" atop the next clipping)
        pages += int(len(record.units) > 1 and record.units[-1].page_first and record.units[-1].role == "credit")
        extra = max(0, closers - 1) + max(0, len(outlets) - 2) + twins + 0.5 * pages
        score -= 1.0 * extra
        last = record.units[-1]
        if len(outlets) == 2 and len(cut.records) >= 2 and last.role == "credit" and last.line_credit is not None \
                and last.line_credit.outlet and not _same_outlets(*outlets, registry=registry):
            # NOTE (heldout8 forwarded weekly): a record that ends with an attribution line naming
            # another outlet than its own credit holds the next record's line ("Bloomberg | 2 Dec"
            # above its headline); where they agree (the line and the link's domain) the cut is right
            score -= 0.5
    return score


def _same_outlets(a: str, b: str, *, registry: OutletRegistry) -> bool:
    """Whether two printed outlets are one: one registry entry, or one name inside the other
    ("华尔街日报" and "华尔街日报中文网", "Reuters" and "Reuters Breakingviews")."""
    if a in b or b in a:
        return True
    first, second = registry.resolve(a), registry.resolve(b)
    return first is not None and second is not None and first.name == second.name


def _cut(units: list[_Unit], starts: list[int], name: str, *, heading_level: int | None = None, kickers: bool = False) -> _Cut:
    """Records from each start to the next; headings above the record level end a record and
    become the scope (section) of the records under them. A comment ("My take: …") never
    starts a record: it stays with the record before it."""
    records: list[_Record] = []
    start_set = {i for i in starts if not units[i].comment}
    # NOTE (heldout4 bilingual digests): a headline followed at once by its translation
    # ("1. LegCo passes …" / "立法會全票通過…") is one headline in two languages, one record
    translated = {i for i in start_set if i > 0 and units[i - 1].role in ("heading", "body") and units[i - 1].headline
                  and _translation_of(units[i].text, units[i - 1].text)}
    start_set = (start_set - translated) | {i - 1 for i in translated}
    sections: dict[int, Credit | None] = {}
    headings: dict[int, str] = {}
    current: _Record | None = None
    scope: list[Credit] = []
    crossed = 0
    past_rule = False
    for index, unit in enumerate(units):
        if index in start_set:
            past_rule = False
            current = _Record([unit], list(scope), name, tuple(headings[k] for k in sorted(headings)))
            records.append(current)
            continue
        # (a headline right under the kicker line that opens its record is the record's, not a section's)
        under_kicker = kickers and current is not None and len(current.units) == 1 and current.units[0].role == "credit" \
            and index > 0 and units[index - 1] is current.units[0]
        if unit.role == "heading" and (heading_level is None or unit.block.level < heading_level) and not under_kicker:
            level = unit.block.level
            for key in [k for k in sections if k >= level]:
                del sections[key]
            for key in [k for k in headings if k >= level]:
                del headings[key]
            sections[level] = unit.section
            headings[level] = unit.text
            scope = [c for c in sections.values() if c is not None]
            current = None
            continue
        if unit.role == "rule" and name != "rules between records":
            current = None  # a rule closes the record above it (what follows is the page's foot)
            continue
        if unit.role == "rule":
            past_rule = current is not None
            continue
        if current is not None:
            if past_rule and unit.role == "credit":
                crossed += 1
            current.units.append(unit)
    return _Cut(name, records, crossed=crossed)


def _with_head_apart(cut: _Cut) -> _Cut:
    """A cut whose first record starts at the page's first text, guessed: where the records
    after it share one shape and the first ends with that shape, what stands above it is the
    page's head (its summary, a section label), not part of the first record.

    NOTE (heldout7 morning notes as PDF): "KEY TAKEAWAYS" and three bullets of summary, then
    "OVERNIGHT AND THIS MORNING" over the first credited bullet, all read as its record.
    """
    if len(cut.records) < 3:
        return cut
    shapes = Counter(_shape_of(r) for r in cut.records[1:] if _has_text(r.units))
    if not shapes:
        return cut
    shape, most = shapes.most_common(1)[0]
    first = cut.records[0]
    if most < 2 or most * 2 < len(cut.records) - 1 or _shape_of(first) == shape:
        return cut
    # (it starts a block of its own: on a page of lines, after a blank line, or as a bullet; a
    # slide's wrapped line, "Chinese subsidiary's wafer supply", does not)
    spaced = any(u.block.after_blank for u in first.units)
    for j in range(1, len(first.units)):
        unit = first.units[j]
        if unit.role in ("body", "heading") and (not spaced or unit.block.after_blank or unit.kind in ("item", "heading")) \
                and _shape_of(_Record(first.units[j:], [], "")) == shape:
            first.units = first.units[j:]
            break
    return cut


def _cjk_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af") / len(letters) if letters else 0.0


def _translation_of(text: str, before: str) -> bool:
    """Whether a line is the previous one in another script (a Chinese headline under an English one)."""
    return abs(_cjk_share(text) - _cjk_share(before)) > 0.8


def _candidates(units: list[_Unit], registry: OutletRegistry) -> list[_Cut]:
    cuts: list[_Cut] = []
    textual = [i for i, u in enumerate(units) if u.role in ("body", "heading")]
    if not textual:
        return cuts
    levels = sorted({u.block.level for u in units if u.role == "heading" and u.kind != "item"})
    for level in levels:
        starts = [i for i, u in enumerate(units) if u.role == "heading" and u.block.level == level and u.kind != "item"]
        if len(starts) >= 2:
            cuts.append(_cut(units, starts, f"heading {level}", heading_level=level))
            for with_date in (False, True):
                kicked = _with_kickers(units, starts, dated=with_date)
                if kicked is not None:
                    cuts.append(_kicker_cut(units, kicked, f"heading {level} under its {'attribution' if with_date else 'outlet'} line",
                                            heading_level=level))
    item_levels = [u.block.level for u in units if u.kind == "item" and u.role == "body"]
    if item_levels:
        top = min(item_levels)
        starts = [i for i, u in enumerate(units) if u.kind == "item" and u.role == "body"
                  and (u.block.level == top or _under_label(units, i))]
        if len(starts) >= 2:
            cuts.append(_cut(units, starts, "list items"))
    # NOTE (heldout4 coverage reports): list items that are attributions ("Politico Europe
    # (7 March)"), each over the piece's title and summary, head their records
    credited_items = [i for i, u in enumerate(units) if u.kind == "item" and u.role == "credit" and u.line_credit is not None
                      and u.line_credit.outlet and i + 1 < len(units) and units[i + 1].role == "body"]
    if len(credited_items) >= 3:
        cuts.append(_cut(units, credited_items, "attribution items over text"))
    # (a row whose only text is a figure or a word or two counts something: "TVB Jade | 1 |
    # Cantonese" in a monitoring report's table of channels is no record)
    rows = [i for i, u in enumerate(units) if u.kind == "row" and u.role == "body" and not u.block.head  # lone rows are credits
            and _row_has_text(u, registry)]
    if len(rows) >= 2:
        cut = _cut(units, rows, "table rows")
        for record in cut.records:  # a listing's row is the whole item: what follows the table is not
            record.units = record.units[:1] + [u for u in record.units[1:] if u.role in ("caption", "tags")]
        cuts.append(cut)
    rules = [i for i, u in enumerate(units) if u.role == "rule"]
    if len(rules) >= 2:
        # NOTE: rules at the edges of a repeated HTML template (level 1) open its records; what
        # stands before the first is the page's head, not a record
        head = set() if all(units[i].block.level == 1 for i in rules) else {textual[0]}
        # (a message's head opens its post, an attribution first in it too: "转自联合报：")
        starts = sorted({next((j for j in range(i + 1, len(units)) if units[j].role in ("body", "heading")
                               or (units[j].role == "credit" and units[i].block.text)), len(units))
                         for i in rules} - {len(units)} | head)
        if len(starts) >= 2:
            cuts.append(_cut(units, starts, "rules between records"))
        # NOTE (heldout3 clipping files): "[Clipping 3]" / "CAIXIN GLOBAL | date not recorded" /
        # headline: the attribution right after the rule opens the record below it.
        opened = sorted({next((j for j in range(i + 1, len(units)) if units[j].role in ("body", "heading", "credit")), len(units))
                         for i in rules} - {len(units)} | head)
        if opened != starts and len(opened) >= 2 and any(units[j].role == "credit" for j in opened):
            cuts.append(_cut(units, opened, "rules between records, attribution first"))
    leads = [i for i, u in enumerate(units) if u.role == "body" and u.kind in ("para", "item") and u.block.lead
             and len(u.block.lead) >= 2]
    if len(leads) >= 2:
        cuts.append(_cut(units, leads, "bold lead-ins"))
    # NOTE: a heading that is only an outlet or a date scopes the records under it; it is
    # never a record's headline
    headlines = [i for i in textual if units[i].headline and units[i].section is None and not _is_tiny(units[i])
                 and _followed_by_text(units, i)]
    # (a heading straight over another record's headline heads a section: "## Property & credit"
    # over "- **Vanke asks…** — Caixin · 2025-12-01")
    next_text = {i: next((j for j in textual if j > i), None) for i in headlines}
    headlines = [i for i in headlines if not (units[i].role == "heading" and next_text[i] in headlines)]
    if len(headlines) >= 2:
        cuts.append(_cut(units, headlines, "headlines over text"))
        # (the page's first heading, of a higher rank than every other, is its title, not a record
        # under a kicker: "# Harbour Brief #12" over "BLOOMBERG · MAR 2" / "### Developer asks…")
        first = headlines[0]
        others = [units[i].block.level for i in headlines[1:] if units[i].role == "heading"]
        ranked = headlines[1:] if first == textual[0] and units[first].role == "heading" and others \
            and units[first].block.level < min(others) else headlines
        for with_date in (False, True):
            kicked = _with_kickers(units, ranked, dated=with_date) if len(ranked) >= 2 else None
            if kicked is not None:
                cuts.append(_kicker_cut(units, kicked, f"headlines under their {'attribution' if with_date else 'outlet'} line"))
    footers = [i for i, u in enumerate(units) if u.role == "credit" and _closes_text(units, i)]
    if footers:
        starts = [textual[0]]
        for i in footers:
            following = next((j for j in range(i + 1, len(units)) if units[j].role != "credit" and not units[j].comment), None)
            if following is not None and following > starts[-1]:
                starts.append(following)
        # NOTE (via-lines digests): a rule under the greeting closes it; the first record
        # starts after the rule, not with the greeting (which has no attribution)
        for rule in (i for i, u in enumerate(units) if u.role == "rule"):
            after = next((j for j in range(rule + 1, len(units)) if units[j].role in ("body", "heading")), None)
            before = max((s for s in starts if s < rule), default=None)
            if after is not None and before is not None and after not in starts and any(f > after for f in footers) \
                    and not any(before < f < rule for f in footers):
                starts.append(after)
        starts.sort()
        cuts.append(_with_head_apart(_cut(units, starts, "attribution closes each record")))
    headers = [i for i, u in enumerate(units) if u.role == "credit" and u.line_credit is not None
               and u.line_credit.shape not in ("staff",)]
    header_starts: list[int] = []
    for i in headers:
        before = next((j for j in range(i - 1, -1, -1) if units[j].role != "credit"), None)
        after = next((j for j in range(i + 1, len(units)) if units[j].role != "credit"), None)
        if before is not None and units[before].headline and units[before].section is None and after is not None \
                and units[after].role == "body" \
                and not units[after].headline and (not header_starts or before > header_starts[-1]):
            header_starts.append(before)
    if len(header_starts) >= 2:
        cuts.append(_cut(units, header_starts, "attribution opens each record"))
    # NOTE (heldout9 slide decks, clipping packs): a PDF may print one record to a page; its
    # pages are a cut like any other (a page's first text starts a record)
    # (a clipping's stamp line above its headline opens the page's record)
    opening = [i for i, u in enumerate(units) if u.role in ("body", "heading", "credit")]
    paged = sorted({next((i for i in opening if units[i].line >= u.line), -1) for u in units if u.block.page_start} - {-1})
    for i in paged:
        units[i].page_first = True
    if len(paged) >= 3:
        cuts.append(_cut(units, paged, "one record to a page"))
    cited = [i for i in textual if units[i].role == "body" and len(units[i].text) <= 400 and _is_citation(units[i], registry)]
    if len(cited) >= 2:
        cuts.append(_cut(units, cited, "reference-list entries"))
    citing = [i for i in textual if units[i].role == "body" and not units[i].headline and _cites_work(units[i], registry)]
    if len(citing) >= 2:
        cuts.append(_cut(units, citing, "paragraphs citing a work"))
    # NOTE (heldout10 live blogs and tickers): "**11:40 Uhr**", "3h ago (2025-10-30) 11:20 GMT"
    # over each entry, its headline (if any) and text: the time stamp opens the entry
    clocked = [i for i, u in enumerate(units) if u.role in ("body", "credit") and u.kind == "para" and _CLOCK_LINE.match(u.text)
               and (u.role == "body" or (u.line_credit is not None and u.line_credit.outlet is None))]
    if len(clocked) >= 3:
        # (an entry's own headline under its stamp stays in the entry: "**11:40 Uhr**" / "#### Planungschef: …")
        under = [units[i + 1].block.level for i in clocked if i + 1 < len(units) and units[i + 1].role == "heading"]
        cuts.append(_cut(units, clocked, "entries under a time stamp", heading_level=min(under) if under else None))
    dated = [i for i in textual if units[i].role == "body" and units[i].kind in ("para", "item") and _opens_with_date(units[i])]
    if len(dated) >= 2:
        cuts.append(_cut(units, dated, "entries opening with a date"))
    openers = [i for i in textual if units[i].role == "body" and units[i].kind == "para" and not units[i].headline
               and (_opening_of(units[i], registry) is not None and (_opening_of(units[i], registry).outlet))]  # type: ignore[union-attr]
    if len(openers) >= 2:
        cuts.append(_cut(units, _with_headlines(units, openers), "paragraphs opening with their outlet"))
    # NOTE (heldout6 annual media review): a review in prose names each report's outlet in its
    # paragraph's first words in any order ("Reuters set the tone early. In a report of…",
    # "An investigation by Nikkei Asia on 2 June…", "Lastly, Xinhua's commentary of…")
    running = [i for i in textual if units[i].role == "body" and units[i].kind == "para" and not units[i].headline
               and _running_text(units[i])]
    # (only where attribution lines do not credit most of the text: they cut it where they do)
    lines = sum(1 for u in units if u.role == "credit")
    namers = [i for i in running if _names_outlet_first(units[i], registry)] if len(running) >= 3 and lines * 3 < len(running) else []
    if len(namers) >= 3 and len(namers) >= 2 * len(openers):  # (where datelines or "X reported" open most records, they cut)
        cuts.append(_cut(units, _with_headlines(units, namers), "paragraphs naming their outlet first"))
    repeated = _repeated_shape(units)
    if repeated is not None and all(sorted(units.index(r.units[0]) for r in c.records if r.units) != repeated for c in cuts):
        cuts.append(_cut(units, repeated, "a repeated run of lines"))
    return cuts


_LINE_LABEL = re.compile(r"^\W{0,2}(?P<label>[^\W\d_][^\s:：]{0,15}(?:\s[^\s:：]{1,15})?)\s*[:：]\s*\S")


def _signature(unit: _Unit) -> tuple[object, ...]:
    """What a line is, whatever it says: its role, its kind, whether it is a headline, its
    heading level, the label it opens with ("Saved", "Open:"), the shape of its credit."""
    label = _LINE_LABEL.match(unit.text) if unit.role == "body" and len(unit.text) <= 160 else None
    shape = unit.line_credit.shape if unit.role == "credit" and unit.line_credit is not None else None
    return (unit.role, unit.kind, unit.headline, unit.block.level if unit.role == "heading" else 0,
            label.group("label").casefold() if label else None, shape)


def _repeated_shape(units: list[_Unit]) -> list[int] | None:
    """A page that repeats one run of lines, whatever they are (a reader's saved list: headline,
    site and reading time, when saved, a link), is cut where each run starts, even where no
    cut kind of the catalogue sees its records.

    The run's first line is a headline or a heading; three or more runs of two lines or more
    must have one shape (three in four of them, the last may be shorter), with a credit in each.
    """
    marks = [(i, _signature(u)) for i, u in enumerate(units) if u.role in ("body", "heading", "credit")]
    # (a run starts with a line of one shape over a line of another: a headline over its credit,
    # not the headline-like line of when it was saved over its link)
    pairs = [(marks[n][0], (marks[n][1], marks[n + 1][1])) for n in range(len(marks) - 1)]
    counts = Counter(pair for _, pair in pairs if pair[0][2] or pair[0][0] == "heading")
    where = {i: n for n, (i, _) in enumerate(marks)}
    best: list[int] | None = None
    for key, count in counts.most_common(4):
        if count < 3:
            break
        starts = [i for i, pair in pairs if pair == key]
        runs = [tuple(s for _, s in marks[where[a]:where[b]]) for a, b in zip(starts, starts[1:], strict=False)]
        runs.append(tuple(s for _, s in marks[where[starts[-1]]:]))
        shapes = Counter(runs[:-1])
        shape, most = shapes.most_common(1)[0]
        if len(shape) < 2 or most * 4 < 3 * (len(runs) - 1) or not any(s[0] == "credit" for s in shape) \
                or runs[-1][: len(shape)] != shape[: len(runs[-1])]:
            continue
        if best is None or len(starts) > len(best):
            best = starts
    return best


# A time of day alone on its line (with how long ago, its day or its zone): a live entry's stamp
_CLOCK_LINE = re.compile(
    r"^\W*(?:\d{1,3}\s*(?:s|m|min|mins|h|hr|hrs|d)\s+ago\s*|vor\s+\d{1,3}\s+\w+\s*)?(?:\((?:19|20)\d\d-\d\d-\d\d\)\s*)?"
    r"(?:[01]?\d|2[0-3])[:.h][0-5]\d\s*(?:uhr|h|gmt|utc|bst|cet|cest|hkt|cst|bjt|jst|kst|et|est|edt|pt|am|pm|a\.m\.|p\.m\.)?\W*$", re.I)


def _names_outlet_first(unit: _Unit, registry: OutletRegistry) -> bool:
    """Whether a paragraph names a registered outlet (not a government) in its first words."""
    found: Credit | None
    if unit._mention is not False:
        found = unit._mention  # type: ignore[assignment]
    else:  # (its first words only: this is asked of every paragraph of every page)
        cut = unit.text.rfind(" ", 0, 100)
        found = mention_credit(unit.text[: cut if cut > 60 else 100], registry, unit.context)
    if found is None or not found.outlet:
        return False
    known = registry.resolve(found.outlet)
    at = unit.text.find(found.outlet)
    if at < 0 and found.raw:
        at = unit.text.find(found.raw)  # (named in capitals, inflected: "in der SÜDDEUTSCHEN ZEITUNG")
    return known is not None and known.label != "government source" and 0 <= at <= 60


_ENTRY_DATE = re.compile(r"^\s*(?:\*\*)?(?P<date>[^—–:|]{4,40}?)(?:\*\*)?\s*(?:[—–|:]|--|\s-\s)\s*\S")


def _opens_with_date(unit: _Unit) -> bool:
    """A chronology entry: ``21 May 2020 — On the eve …``, ``2023-08-05: …``."""
    match = _ENTRY_DATE.match(unit.text)
    if match is None:
        return False
    found = find_printed_date(match.group("date"), unit.context)
    return found is not None and found.date is not None and found.date.day is not None and found.start <= 2


def _kicker_cut(units: list[_Unit], starts: list[int], name: str, *, heading_level: int | None = None) -> _Cut:
    """A cut whose records open with the attribution line above their headline, with how many
    of those lines the page prints apart from the text above and on the headline (plain text)."""
    cut = _cut(units, starts, name, heading_level=heading_level, kickers=True)
    cut.glued = sum(1 for i in starts if units[i].role == "credit" and units[i].block.after_blank and i + 1 < len(units)
                    and not units[i + 1].block.after_blank and units[i + 1].line == units[i].line + 1)
    return cut


def _with_kickers(units: list[_Unit], starts: list[int], *, dated: bool = False) -> list[int] | None:
    """Starts moved up over the outlet line printed just above each headline, or None.

    NOTE (heldout3 aggregator pages): a card prints its source above the headline
    ("Reuters" / headline / "Jul 29"); cut at the headlines, each source line closed the
    card above it. Only when most records have one (not once for the page's masthead).
    With ``dated``, a line with a date moves too (``OUTLET | 30 January 2024 | p. A1``
    over a clipping's headline); the scoring of cuts decides which reading the page has.
    """
    moved = _lifted(units, starts, lambda c: bool(c.outlet) and (c.published is None or dated))
    if sum(1 for m, s in zip(moved, starts, strict=True) if m < s) >= max(2, (2 * len(starts) + 2) // 3):
        return moved
    if not dated:
        return None
    # NOTE (heldout11 think-tank e-mails): or within one section, where its own records print
    # their kind and date above the headline ("Policy brief · 2 December 2025") and the
    # section after it prints none: the kicker is the record's below, never the one above's
    # (here a date alone, or a kind of piece and its date, is a kicker too)
    lifted_to = _lifted(units, starts, lambda c: bool(c.outlet) or c.published is not None)
    starting = set(starts)
    sections: dict[int, list[int]] = {}
    for n, start in enumerate(starts):
        head = next((i for i in range(start - 1, -1, -1) if units[i].role == "heading" and i not in starting), -1)
        sections.setdefault(head, []).append(n)
    chosen = list(starts)
    kicked = False
    for head, members in sections.items():
        lifted = [n for n in members if lifted_to[n] < starts[n]]
        # (a section under a heading of its own, on a page of several: not the page as a whole)
        if head >= 0 and len(sections) >= 2 and len(members) >= 3 and len(lifted) >= max(2, (2 * len(members) + 2) // 3):
            for n in members:
                chosen[n] = lifted_to[n]
            kicked = True
    return chosen if kicked else None


def _lifted(units: list[_Unit], starts: list[int], fits: Callable[[Credit], bool]) -> list[int]:
    """Each start moved up over the attribution lines right above it that ``fits`` takes,
    never past the start before it."""
    moved: list[int] = []
    floor = -1
    for start in starts:
        index = start
        while index - 1 > floor and units[index - 1].role == "credit" and units[index - 1].line_credit is not None \
                and fits(units[index - 1].line_credit):  # type: ignore[arg-type]
            index -= 1
        moved.append(index)
        floor = start
    return moved


def _with_headlines(units: list[_Unit], starts: list[int]) -> list[int]:
    """A record that opens with its outlet or a dateline may stand under its headline: the
    headline (with any attribution line under it) starts the record instead."""
    moved: list[int] = []
    taken = set(starts)
    found = 0
    for start in starts:
        index = start - 1
        while index >= 0 and units[index].role in ("credit", "caption"):
            index -= 1
        if index >= 0 and index not in taken and units[index].headline and units[index].role in ("body", "heading") \
                and units[index].section is None and (not moved or index > moved[-1]):
            moved.append(index)
            found += 1
        else:
            moved.append(start)
    # only when the page does it for its records (most of them), not once for the page's own heading
    return moved if found >= max(2, (2 * len(starts) + 2) // 3) else starts


def _closes_text(units: list[_Unit], index: int) -> bool:
    """Whether an attribution line stands after running text (it closes a record)."""
    credit = units[index].line_credit
    if credit is None or credit.shape in ("staff", "reporter") or (credit.outlet is None and credit.published is None):
        return False
    before = next((u for u in reversed(units[:index]) if u.role not in ("credit", "caption", "tags")), None)
    return before is not None and before.role == "body" and (not before.headline or len(before.text) > 80)


def _is_tiny(unit: _Unit) -> bool:
    """A field of a record's metadata on its own line (a code, a language, a section name)."""
    return unit.role == "body" and len(unit.text) <= 14 and len(unit.text.split()) <= 2 and not CJK.search(unit.text)


def _followed_by_text(units: list[_Unit], index: int) -> bool:
    for unit in units[index + 1: index + 7]:
        if unit.role in ("credit", "caption", "tags") or _is_tiny(unit) or unit.byline:
            continue
        return unit.role == "body" and not unit.headline or (unit.role == "body" and unit.kind == "item" and len(unit.text) > 80)
    return False


def _whole(units: list[_Unit]) -> _Cut:
    textual = [i for i, u in enumerate(units) if u.role in ("body", "heading")]
    if not textual:
        return _Cut("article", [])
    return _Cut("article", [_Record(units[textual[0]:], [], "article")])


# --- the page ------------------------------------------------------------------------------------


def split_page(
    source: str | Sequence[Block], registry: OutletRegistry, defaults: PageDefaults | None = None,
    meta: PageMeta | None = None,
) -> Page:
    """Cut a page (its text, or its blocks) into items.

    A page with any body text gives at least one item; a page that repeats no record is one
    item. Defaults fill an item's outlet or date only where the page gives none for that item.
    """
    defaults = defaults or PageDefaults()
    meta = meta or PageMeta()
    # the page's blocks, then what whole-page patterns say about them: numbered paragraphs of
    # marked-up pages, a database export's field codes, a numbered source list
    blocks = text_blocks(source) if isinstance(source, str) else numbered_paragraphs(list(source))
    blocks = footnote_sources(numbered_sources(coded_fields(blocks)))
    order = settle_order([b.text for b in blocks if len(b.text) <= 240])  # dates that credit items stand in short lines
    page_date = _page_date(blocks, meta, order)
    fields: set[int] = set()
    units, dropped = _units(_joined_fields(blocks, fields), registry, order, page_date, fields)
    units = _without_chatter(units, dropped, registry)
    for unit in units:
        unit.section = _section_credit(unit, registry)
    if not any(u.role in ("body", "heading") for u in units):
        return Page(None, [], "empty", tuple(dropped), meta=meta)
    # a masthead naming the site is the page's, not an item's attribution
    any_credit = any(u.role == "credit" and i >= 3 for i, u in enumerate(units))  # the first lines are the masthead
    # NOTE (heldout4 evening-news summaries): one attribution under the page's title
    # ("来源：央视网 | 2024年03月11日") and none below it credits the whole page: an outlet's
    # own edition, whose items are its own stories of that day
    edition = _edition_credit(units, registry)
    if edition is not None:
        any_credit = False
    elif any_credit and (own_outlet := _page_outlet(units, meta, registry)) is not None and not any(
            u.role == "credit" and u.line_credit is not None and u.line_credit.outlet
            and not _same_outlets(u.line_credit.outlet, own_outlet, registry=registry) for u in units):
        # NOTE (heldout9 agency budgets): a wire's own budget names only the wire ("AP ASIA-PACIFIC
        # BUDGET" … "The Associated Press"): its stories carry no credits of their own
        any_credit = False
    whole = _whole(units)
    whole.score = _score(whole, registry, any_credit)
    best = whole
    # NOTE: a page that calls itself an article (og:type, JSON-LD) is one item unless the
    # page shows clearly more: its key-point lists and subheadings are not records.
    margin = 2.0 if meta.is_article else 0.0
    cuts = _candidates(units, registry)
    for cut in cuts:
        # (an attribution line after a rule, joined to the record above it, is the next record's; and so
        # is one a blank line parts from the text above, printed on the headline below it)
        cut.score = _score(cut, registry, any_credit) - _lost(cut, units) - _orphans(cut, units) - margin - 0.75 * cut.crossed \
            + 0.25 * cut.glued + (_REGULARITY * _regularity(cut) if any_credit else 0.0)
        if cut.score > best.score + 1e-9 or (abs(cut.score - best.score) < 1e-9 and best is not whole
                                             and len(cut.records) > len(best.records)):
            best = cut
    if best is whole and not any_credit:
        best = _structural(cuts) or whole
    if best is not whole:
        best = _with_other_regions(best, cuts, units, registry, any_credit)
    records = _trim(_refine(best.records, registry), registry, paged=best.name == "one record to a page")
    if not any_credit and not any(_running_text(u) for r in records for u in r.units) \
            and not any(_record_credits(r, registry) for r in records):
        # NOTE: a page of headings, links and short lines only (a contents page, a sign-up
        # form, an error page) tells no news: no items
        return Page(None, [], "no running text", tuple(dropped), ("no running text on the page: no items",), meta)
    # the page says its items are the day's stories in its title or the text above them
    first_start = units.index(records[0].units[0]) if records and records[0].units else len(units)
    # (a cue in a section heading speaks for that section's records only)
    # (the text above the first record, or in it where it is the page's head: a masthead and its
    # introduction may be a record of their own, "Here are AP's top stories for Wednesday")
    second = records[1].units[0] if len(records) > 1 and records[1].units else None
    cue_end = units.index(second) if second is not None and not _record_credits(records[0], registry) or (
        second is not None and all(c.shape in ("name", "date") for c in _record_credits(records[0], registry))) else first_start
    days_stories = bool(_DAYS_STORIES.search(" ".join(
        [meta.title or ""] + [u.text for u in units[:max(1, min(max(first_start, cue_end), 12))] if u.role == "body"])))
    single = len([r for r in records if _has_text(r.units)]) == 1
    credited = [_record_credits(r, registry) for r in records if _has_text(r.units)]
    # a registered outlet's own listing: its uncredited items are its own stories
    own = (edition.outlet if edition is not None else _page_outlet(units, meta, registry)) if not single else None
    # NOTE: a page dates its items one way: each item its own date, or all of them the day's
    # (a press review). Where most items print their own, an undated one stays undated.
    own_dates = sum(1 for cs in credited if any(c.published for c in cs)) * 2 > len(credited)
    if own_dates:
        days_stories = False
    elif edition is not None and edition.published is not None and not single:
        days_stories, page_date = True, edition.published
    items: list[ParsedItem] = []
    page_title = None
    for index, record in enumerate(records):
        cue_above = index == 0 and not any(r.headings for r in records) and any(
            _DAYS_STORIES.search(u.text) or _days_heading(u.text) for u in units[:first_start] if u.role == "heading")
        cue_in_section = any(_DAYS_STORIES.search(h) or _days_heading(h) for h in record.headings)
        # (a live entry's time stamp says it was posted on the day its section or the page gives)
        record_days = not own_dates and (days_stories or cue_in_section or cue_above or best.name == "entries under a time stamp")
        item, preamble = _build_item(record, registry, defaults, meta, page_date, first=index == 0, single=single,
                                     days_stories=record_days,
                                     footer_cut=best.name.split(" + ")[0] in ("attribution closes each record", "article"),
                                     page_outlet=own)
        if index == 0 and preamble:
            page_title = preamble[0]
        if item is not None:
            items.append(replace(item, position=len(items) + 1))
    if meta.is_article and meta.title and len(items) == 1 and _fold_title(items[0].title) != _fold_title(meta.title):
        items[0] = _with_page_title(items[0], meta)
    if page_title is None:
        first_text = next((u for u in units if u.role in ("body", "heading")), None)
        if first_text is not None and items and first_text.line < items[0].line and first_text.headline:
            page_title = first_text.text
    legend = _legend(units)
    if legend:
        items = [replace(i, outlet_as_printed=legend.get(i.outlet_as_printed, i.outlet_as_printed)) if i.outlet_as_printed else i
                 for i in items]
    if len(items) == 1 and items[0].published_reason == "no source line for this item (cut off?)":
        items[0] = replace(items[0], published_reason="no source line on the page")
    return Page(page_title or meta.title, items, best.name, tuple(dropped), tuple(_doubts(items, units, best)), meta)


def split_items(text: str | Sequence[Block], registry: OutletRegistry, defaults: PageDefaults | None = None) -> list[ParsedItem]:
    """The items of :func:`split_page`."""
    return split_page(text, registry, defaults).items


def parse_attribution(text: str, registry: OutletRegistry) -> Credit | None:
    """Read a line as an attribution (outlet and date for an item), or None if it is not one."""
    return parse_line(text, registry)


def _page_date(blocks: Sequence[Block], meta: PageMeta, order: str | None) -> PartialDate | None:
    """The page's own date: its metadata, or a dated masthead or title line near the top."""
    if meta.published:
        try:
            return PartialDate.from_iso(meta.published[:10])
        except ParseError:
            # NOTE (heldout6 Word roundups): a document's date as its author typed it ("Friday 14 November 2025")
            found = find_printed_date(meta.published, DateContext(order))
            if found is not None and found.date is not None and found.date.month is not None and not found.completed:
                return found.date
    if meta.title:
        found = find_printed_date(meta.title, DateContext(order))
        if found is not None and found.date is not None and not found.completed:
            return found.date
    for block in blocks[:15]:
        if len(block.text) > 120 or block.kind == "row":
            continue
        found = find_printed_date(block.text, DateContext(order))
        # (an issue's year before the day's date: "2025年第10期　　研究中心　编　　2025年3月12日")
        offset = 0
        while found is not None and found.date is not None and found.date.month is None and found.end < len(block.text):
            offset += found.end
            found = find_printed_date(block.text[offset:], DateContext(order))
        if found is not None and found.date is not None and not found.completed and found.date.month is not None:
            # a period ("2021年3月15日～3月21日", "15-21 March 2021") dates the page by its end
            later = find_printed_date(block.text[offset + found.end:], DateContext(order, PartialDate(found.date.year, 12, 31)))
            if later is not None and later.date is not None and later.date.day is not None and later.date > found.date:
                return later.date
            return found.date
    return None


def _fold_title(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _with_page_title(item: ParsedItem, meta: PageMeta) -> ParsedItem:
    """A single article whose main text came without its headline (trafilatura keeps it in
    the metadata) takes the page's own title; the text it was titled by stays text."""
    title = meta.title or item.title
    if meta.site_name:
        title = re.sub(rf"\s*[|｜\-–—]\s*{re.escape(meta.site_name)}\s*$", "", title)
    paragraphs = item.paragraphs
    if not item.title_from_text and item.title not in paragraphs and _fold_title(item.title) not in _fold_title(title):
        paragraphs = (item.title, *paragraphs)
    return replace(item, title=title, title_from_text=False, paragraphs=paragraphs)


_LEGEND_PAIR = re.compile(r"\b([A-Z][A-Z0-9]{1,7})\s*[=:]\s*([A-Z][^=:|;]{1,40}?)(?=\s+[A-Z][A-Z0-9]{1,7}\s*[=:]|\s*[|;,]|\s*$)")


def _legend(units: list[_Unit]) -> dict[str, str]:
    """A page's own key to the codes it credits (``RTRS = Reuters   BBG = Bloomberg``)."""
    legend: dict[str, str] = {}
    for unit in units:
        if len(unit.text) > 400:
            continue
        pairs = _LEGEND_PAIR.findall(unit.text)
        if len(pairs) >= 2:
            legend.update({code: name.strip() for code, name in pairs})
    return legend


def _edition_credit(units: list[_Unit], registry: OutletRegistry) -> Credit | None:
    """The one attribution of a page that credits nothing below its head: a registered outlet
    and a date in the first lines, and no other attribution line on the page."""
    credits = [(i, u.line_credit) for i, u in enumerate(units) if u.role == "credit" and u.line_credit is not None
               and u.line_credit.shape not in ("staff", "reporter")]
    if not credits or credits[-1][0] > 3:
        return None
    dated = [c for _, c in credits if c.outlet and c.published is not None and registry.resolve(c.outlet)]
    later = [u for u in units[credits[-1][0] + 1:] if u.role in ("body", "heading")]
    return dated[0] if len(dated) == 1 and len(later) >= 4 else None


def _page_outlet(units: list[_Unit], meta: PageMeta, registry: OutletRegistry) -> str | None:
    """The registered outlet whose own page this is (a listing of its own stories or releases):
    its site name, or a masthead naming it. Used only when no item credits any outlet."""
    if meta.site_name and registry.resolve_site_name(meta.site_name):
        return registry.resolve_site_name(meta.site_name)
    for unit in units[:3]:
        if unit.role == "credit" and unit.line_credit is not None and unit.line_credit.shape == "name":
            return unit.line_credit.outlet
        if unit.role not in ("body", "heading") or len(unit.text) > 80:
            continue
        head = re.split(r"\s*(?:[|｜·•:：—–]|\s-\s)\s*", unit.text)[0]
        named = registry.resolve_site_name(head)
        if named:
            return named
        # NOTE (heldout9 agency budgets): "AP ASIA-PACIFIC BUDGET", "REUTERS ASIA DAYBOOK": a wire's
        # name, then what the page is
        first = head.split()[0] if head.split() else ""
        known = registry.resolve(first) if first.isupper() and len(head.split()) >= 2 else None
        if known is not None and known.label == "wire service":
            return known.name
    return None


_NAMED_IN_PASSING = frozenset(["mention", "cited", "subject", "according"])


def _with_other_regions(best: _Cut, cuts: list[_Cut], units: list[_Unit], registry: OutletRegistry,
                        any_credit: bool) -> _Cut:
    """A page may repeat one record shape in one section and another in the next (a table of
    regulatory news, then bold lead-ins of press items): records another cut finds where the
    best cut has none are added, when each brings its own attribution.

    NOTE (heldout3 member newsletters): the table rows above the press section were lost.
    """
    where = {id(u): i for i, u in enumerate(units)}
    covered: set[int] = set()
    hollow: set[int] = set()
    for record in best.records:
        # NOTE (heldout4 Turkish review): a record that is only a section heading over a list
        # of credited entries ("## Yabancı basından" / "- **Reuters (15.11.2024):** …") holds
        # no text of its own: its entries are the records
        # (or over a table whose rows credit themselves, under a line saying what the table is)
        rows = [u for u in record.units[1:] if u.kind == "row" and u.role == "body" and not u.block.head]
        over_table = len(rows) >= 2 and sum(1 for u in rows if _row_credit(u, registry) is not None) >= 2 and sum(
            _words(u.text) for u in record.units[1:] if u.role == "body" and u.kind == "para") <= 30
        if (record.units[0].role == "heading" or record.units[0].headline) and over_table or (
                record.units[0].role == "heading" and not any(u.role == "body" and u.kind == "para" for u in record.units[1:])
                and sum(1 for u in record.units[1:] if u.kind == "item") >= 2):
            covered.add(where[id(record.units[0])])
            hollow.add(where[id(record.units[0])])
            continue
        covered.update(where[id(u)] for u in record.units)
    starts = {where[id(r.units[0])] for r in best.records}
    for cut in cuts:
        if cut is best or cut.name == best.name:
            continue
        added = [r for r in cut.records if where[id(r.units[0])] not in covered and _has_text(r.units)
                 and not any(where[id(u)] in covered for u in r.units)]
        # (each brings its own attribution; of four or more, one may name its source only in passing)
        unsourced = sum(1 for r in added if not any(c.shape not in _NAMED_IN_PASSING for c in _record_credits(r, registry)))
        if len(added) < 2 or unsourced > (len(added) // 4 if len(added) >= 4 else 0):
            continue
        kept = starts - {i for i in hollow if any(where[id(r.units[0])] > i for r in added)}  # a hollow record is their section
        merged = _cut(units, sorted(kept | {where[id(r.units[0])] for r in added}), f"{best.name} + {cut.name}")
        merged.score = _score(merged, registry, any_credit) + (_REGULARITY * _regularity(merged) if any_credit else 0.0)
        if merged.score > best.score + 1.0:
            return merged
    return best


_REGULARITY = 0.3


def _shape_of(record: _Record) -> tuple[str, ...]:
    """A record's shape: its units as headline, credit, running text, other text or row, runs folded."""
    marks: list[str] = []
    for unit in record.units:
        mark = ("R" if unit.kind == "row" else "H" if unit.role == "heading" or unit.headline else "C" if unit.role == "credit"
                else "T" if unit.role == "body" and _running_text(unit) else "t" if unit.role == "body" else "")
        if mark and (not marks or marks[-1] != mark):
            marks.append(mark)
    return tuple(marks)


def _regularity(cut: _Cut) -> int:
    """How many of a cut's records share its most common shape (a digest repeats one record
    shape), when three or more do."""
    shapes = Counter(_shape_of(r) for r in cut.records if _has_text(r.units))
    if not shapes:
        return 0
    _, most = shapes.most_common(1)[0]
    return most if most >= 3 else 0


def _orphans(cut: _Cut, units: list[_Unit]) -> float:
    """Running text the cut leaves out between its records (a rule closed a record, and the
    text after it starts none): each paragraph lost counts against the cut.

    NOTE (heldout4 quote letters): records started at each quote's attribution, and the quotes
    themselves, after the rules, belonged to no record.
    """
    if not cut.records:
        return 0.0
    where = {id(u): i for i, u in enumerate(units)}
    kept = {where[id(u)] for r in cut.records for u in r.units}
    first = min(kept)
    last = max(kept)
    lost = [units[i] for i in range(first, last) if i not in kept and units[i].role == "body"]
    # (a headline left out counts too: "▍01 如何看待…" over its heat count and text, heldout5)
    return 0.5 * sum(1 for u in lost if _running_text(u)) + 0.25 * sum(1 for u in lost if not _running_text(u) and u.headline)


def _lost(cut: _Cut, units: list[_Unit]) -> float:
    """Text with its own attribution left before the first record is an item the cut lost."""
    if not cut.records:
        return 0.0
    first = units.index(cut.records[0].units[0])
    before = units[:first]
    body = [u for u in before if u.role == "body" and not u.headline]
    credited = [u for u in before if u.role == "credit" and u.line_credit is not None and u.line_credit.outlet]
    return 1.0 if body and credited else 0.0


def _structural(cuts: list[_Cut]) -> _Cut | None:
    """A page with no attribution at all: split only on a clearly repeated list of short records
    (numbered or bulleted entries, table rows, bold lead-ins, headings over a line or two of
    teaser each), each with text of its own; the cuts are the ones already tried."""
    for cut in cuts:
        real = [r for r in cut.records if _has_text(r.units)]
        if len(real) < 3:
            continue
        if cut.name in ("list items", "table rows", "bold lead-ins") and all(sum(len(u.text) for u in r.units) >= 40 for r in real):
            return cut
        # headings over a line or two each: a listing of teasers (a paper's own "today's paper"),
        # not an article's sections, which run to several paragraphs
        if cut.name.startswith("heading") or cut.name == "headlines over text":
            bodies = [[u for u in r.units[1:] if u.role == "body" and _words(u.text) >= 4] for r in real]
            if all(1 <= len(b) <= 2 and sum(_words(u.text) for u in b) <= 90 for b in bodies):
                return cut
    # NOTE (heldout9 agency budgets): or records that all have one shape, each with running text
    # (slug, headline, story's first paragraph, byline and length, over and over)
    regular = []
    for cut in cuts:
        real = [r for r in cut.records if _has_text(r.units)]
        most = _regularity(cut)
        if len(real) >= 3 and most * 4 >= 3 * len(real) and all(any(_running_text(u) for u in r.units) for r in real):
            regular.append((most, cut))
    return max(regular, key=lambda pair: pair[0])[1] if regular else None


_RUNNING_WORDS = 16


def _words(text: str) -> int:
    # Chinese counts about a word to two characters; Thai, Lao, Khmer and Burmese, written
    # without spaces between words too, about one to four letters
    return len(text.split()) + len(CJK.findall(text)) // 2 + len(_UNSPACED.findall(text)) // 4


_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def _running_text(unit: _Unit) -> bool:
    """Whether a unit is running text (a sentence or more of news), not a line of furniture."""
    if unit.role != "body" or unit.headline:
        return False
    if unit._words is None:
        unit._words = _words(unit.text)
    words = unit._words
    # a sentence may be followed by a link ("…the summer harvest. caixin.com/…")
    return words >= _RUNNING_WORDS or (words >= 6 and (unit.text.rstrip("”\"’)").endswith((".", "!", "?", "。", "！", "？"))
                                                      or bool(re.search(r"\w{2}[.!?]\s+\S", unit.text))))


def _trim(records: list[_Record], registry: OutletRegistry, *, paged: bool = False) -> list[_Record]:
    """On a page whose records carry attributions, the uncredited short records before the first
    and after the last are its masthead and sign-off, and one between two credited records is
    the comment on the record before it ("My take: …")."""
    def is_credited(record: _Record) -> bool:
        credits = _record_credits(record, registry)
        if any(c.outlet for c in credits) or any(s.outlet for s in record.sections):
            return True
        # a date alone credits a record that tells something; a masthead's "Updated 8 Nov" does not
        return bool(credits) and any(_running_text(u) for u in record.units)

    # a masthead that names its own outlet and speaks to its readers ("Here are AFP's top stories…")
    records = [r for n, r in enumerate(records) if not (
        n <= 1 and len(records) >= 4 and _has_masthead_words(r)
        and all(c.shape in ("name", "date") for c in _record_credits(r, registry)))]
    credited = [is_credited(r) for r in records]
    if sum(credited) < 2:
        return records
    first = credited.index(True)
    last = len(credited) - 1 - credited[::-1].index(True)

    def short(record: _Record) -> bool:
        # (a table of counts under it is no text: "附表：本期监测境外媒体发稿情况" over "美国 | 美联社… | 46")
        textual = [u for u in record.units if u.role in ("body", "heading") and (u.kind != "row" or _row_has_text(u, registry))]
        return sum(_words(u.text) for u in textual[1:]) + (0 if len(textual) > 1 else _words(textual[0].text) if textual else 0) < 25

    kept: list[_Record] = []
    for index, record in enumerate(records):
        if credited[index] or (record.units and record.units[0].kind == "row" and first <= index <= last
                               and _record_credits(record, registry)):
            kept.append(record)  # (a table's row that dates itself is a record of its own)
        elif (index < first and (short(record) or not record.units[0].headline or _has_masthead_words(record))) \
                or (index > last and short(record)):
            continue  # the masthead and introduction above the first credited record; a short sign-off
        elif first < index < last and short(record) and kept and not record.units[0].headline:
            kept[-1] = _Record(kept[-1].units + record.units, kept[-1].sections, kept[-1].start_kind)
        elif paged and not any(_running_text(u) for u in record.units):
            continue  # a deck's page of contents, calendar or notice between its credited pages
        else:
            kept.append(record)
    return kept


_MASTHEAD = re.compile(
    r"\b(?:good (?:morning|afternoon|evening)|hello|welcome|dear (?:readers?|subscribers?|all)|this (?:week|issue|edition)|"
    r"in this (?:issue|edition)|editor['’]?s note|you are receiving|view in browser|newsletter|issue\s*(?:no\.?)?\s*\d+|"
    r"(?:here|following) are (?:the )?\S+(?:\s+\S+)?\s+(?:top|main|key)\s+(?:[\w-]+\s+)?stories)\b",
    re.I,
)


def _has_masthead_words(record: _Record) -> bool:
    """An introduction speaks to its readers ("Good morning", "in this issue", "Editor's note")."""
    return any(_MASTHEAD.search(u.text[:200]) for u in record.units[:4] if u.role in ("body", "heading"))


# A heading over a run of short untitled items: "news in brief", "国内联播快讯", "En bref"
_BRIEFS = re.compile(
    r"^(?:(?:news|world|china|business|also)\s+in\s+brief|in\s+brief|briefly|briefs|news\s+briefs|quick\s+takes|"
    r"en\s+bref|kurz(?:meldungen|\s+gemeldet)|brevi|en\s+breve|breves|kratko|[\u3400-\u9fff]{0,6}(?:快讯|快訊|简讯|簡訊|短讯|短訊))$",
    re.I)


def _briefs(record: _Record) -> list[_Record] | None:
    """A record headed "News in brief" (``国内联播快讯``) over two or more short paragraphs holds one
    untitled item per paragraph.

    NOTE (heldout4 evening-news summaries): the 快讯 blocks held three items each.
    """
    head = record.units[0]
    if not _BRIEFS.match(head.text.strip(" :：")):
        return None
    paragraphs = [u for u in record.units[1:] if u.role == "body"]
    if len(paragraphs) < 2 or any(len(u.text) > 400 for u in paragraphs):
        return None
    out: list[_Record] = []
    for unit in record.units[1:]:
        if unit.role == "body":
            out.append(_Record([unit], record.sections, record.start_kind, record.headings + (head.text,)))
        elif out:
            out[-1].units.append(unit)
    return out


def _credited_entries(record: _Record, registry: OutletRegistry) -> list[_Record] | None:
    """A record holding a list whose entries each close with their own source (a channel's
    morning roundup: "1️⃣ …（来源：商务部）", "2️⃣ …（来源：中国外交部网站，5月20日）") holds one item
    per entry, under the line above them.

    NOTE (heldout4 Telegram channels): a post's three numbered stories were one item.
    """
    entries = [i for i, u in enumerate(record.units) if u.role == "body" and u.kind == "item"]
    credited = [i for i in entries if (c := _closing_of(record.units[i], registry)) is not None and c.outlet]
    if len(entries) < 2 or len(credited) * 3 < len(entries) * 2:
        return None
    lead = [u for u in record.units[: entries[0]] if u.role in ("body", "heading")]
    if len(lead) > 1 or (lead and not lead[0].headline):
        return None  # text before the list: an item of its own, with a list in it
    headings = record.headings + tuple(u.text for u in lead)
    out: list[_Record] = []
    for index, unit in enumerate(record.units[entries[0]:], start=entries[0]):
        if index in entries:
            out.append(_Record([unit], record.sections, record.start_kind, headings))
        else:
            out[-1].units.append(unit)
    return out


def _refine(records: list[_Record], registry: OutletRegistry) -> list[_Record]:
    """A record that carries several attribution lines, each after text, is several records;
    a "news in brief" record, one per paragraph."""
    refined: list[_Record] = []
    for record in records:
        briefs = (_briefs(record) or _credited_entries(record, registry)) if record.units else None
        if briefs:
            refined.extend(briefs)
            continue
        closers: list[int] = []
        for i, u in enumerate(record.units):
            # (each after text of its own: "Source: The Economist" over "URL: economist.com/…" is one foot)
            if u.role == "credit" and u.line_credit is not None and u.line_credit.outlet and not u.line_credit.header \
                    and any(v.role == "body" for v in record.units[closers[-1] + 1 if closers else 0:i]):
                closers.append(i)
        if len(closers) < 2:
            refined.append(record)
            continue
        start = 0
        for i in closers:
            refined.append(_Record(record.units[start:i + 1], record.sections, record.start_kind))
            start = i + 1
        if start < len(record.units):
            refined.append(_Record(record.units[start:], record.sections, record.start_kind))
    return refined


_OUTLET_COLUMN = re.compile(r"^(?:outlet|source|src|publication|publisher|media|medium|paper|newspaper|agency|wire|site|"
                            r"source name|media name|outlet name|publisher name|feed|"
                            # in other languages: média, Medium/Quelle/Zeitung, medio/fuente, fonte/veículo, bron, źródło
                            r"m[ée]dia|journal|quelle|zeitung|medio|fuente|fonte|ve[íi]culo|jornal|bron|krant|[źz]r[óo]d[łl]o|"
                            r"источник|издание|nguồn|báo|sumber|المصدر|الوسيلة|"
                            r"来源|來源|媒体|媒體|出处|出處|报纸|報紙|出典|媒体名|매체|출처)s?$", re.I)
_DATE_COLUMN = re.compile(r"^(?:date|published|publication date|dated|day|date\s*/\s*time|date and time|time|timestamp|"
                          r"published (?:at|on|date|time)|publish (?:date|time)|pub ?date|pub time|release (?:date|time)|"
                          r"datum|fecha|data|dátum|дата|ngày|tanggal|tarih|التاريخ|"
                          r"日期|时间|時間|发布时间|發布時間|日付|날짜)$", re.I)
_TITLE_COLUMN = re.compile(r"^(?:headline|title|story|article|report|development|news|item|entry|event|subject|topic|"
                           r"titre|titel|titolo|t[íi]tulo|tytu[łl]|заголовок|ti[êe]u đ[ềe]|标题|標題|题目|題目|見出し|제목)s?\b.*$", re.I)


def _column(unit: _Unit, pattern: re.Pattern[str]) -> int | None:
    for index, name in enumerate(unit.header):
        # (an export's field names: "published_at", "media_name", "publish_time")
        if pattern.match(name.strip(" :：")) or pattern.match(re.sub(r"[_-]+", " ", name).strip()):
            return index
    return None


def _row_credit(unit: _Unit, registry: OutletRegistry) -> Credit | None:
    outlet, date = None, None
    cells = unit.block.cells
    named, dated = _column(unit, _OUTLET_COLUMN), _column(unit, _DATE_COLUMN)
    if named is not None and named < len(cells) and cells[named]:
        outlet = _source_cell(cells[named], registry)
    if dated is not None and dated < len(cells) and cells[dated] and RETRIEVED.search(cells[dated]):
        date = PrintedDate(None, cells[dated], 0, len(cells[dated]), "the page gives only the date the copy was retrieved")
    elif dated is not None and dated < len(cells) and cells[dated]:
        date = find_printed_date(cells[dated], unit.context)
        if date is None and _NO_DATE.fullmatch(cells[dated].strip()):
            date = PrintedDate(None, cells[dated], 0, len(cells[dated]), f"the page marks its date {cells[dated].strip()!r}")
    elif dated is None:
        date = _row_date(unit)
    if named is None and outlet is None:
        # NOTE (heldout13 exhibit indexes): "Caixin, “Ganzhou suspends 11 mines…”, listing …":
        # a cell that cites a work names its outlet first
        cited = next((m for c in cells if c and (m := _CELL_CITATION.match(c)) is not None
                      and (registry.resolve(m.group("outlet")) or looks_like_name(m.group("outlet")))), None)
        if cited is not None:
            outlet = clean_outlet(cited.group("outlet"))
    if named is not None or dated is not None:
        if outlet is None and (date is None or (date.date is None and not date.reason)):
            return None
        return Credit(outlet, date.date if date else None, date.reason if date else None, unit.text, "row",
                      completed=bool(date and date.completed))
    parsed = [parse_line(cell, registry, unit.context) for cell in cells if ":" in cell or "：" in cell]
    labelled = [c for c in parsed if c is not None and (c.outlet or c.published or c.reason)]
    if labelled:  # "Publisher: Financial Times | Published: 9 Apr 2024 | Location: Brussels"
        found_outlet = next((c.outlet for c in labelled if c.outlet), None)
        dated_credit = next((c for c in labelled if c.published or c.reason), None)
        return Credit(found_outlet, dated_credit.published if dated_credit else None,
                      dated_credit.reason if dated_credit else None, unit.text, "row")
    for number, cell in enumerate(unit.block.cells):
        if not cell:
            continue
        if outlet is None and len(cell) <= 50 and is_outlet(cell, registry) and (registry.resolve(cell) or (
                number in unit.sources and len(cell.split()) <= 4 and not any(ch.isdigit() for ch in cell))) \
                and find_printed_date(cell, unit.context) is None:
            outlet = clean_outlet(cell)
    if outlet is None and date is None:
        return None
    return Credit(outlet, date.date if date else None, date.reason if date else None, unit.text, "row",
                  completed=bool(date and date.completed))


_CELL_CITATION = re.compile(r"^\s*(?P<outlet>[^\W\d_][^,\"“”]{1,48}?),\s*[\"“‘]")
_NO_DATE = re.compile(r"n\.?\s?d\.?|n/a|na|not recorded|—|-|–|none|unknown|不详|不詳|无|無", re.I)
_DOCUMENT_KIND = re.compile(r"\s+(?:announcement|notice|website|web site|statement|press release|news release|circular|"
                            r"decision|order|release|press conference|briefing|readout|report|gazette|portal)$", re.I)


def _source_cell(text: str, registry: OutletRegistry) -> str | None:
    """The source a table's source cell names, without the kind of document, its address or
    its date after it: "MOFCOM announcement, www.mofcom.gov.cn", "Kyodo News, 19 Nov 2025".

    NOTE (heldout12 regulatory trackers): the whole cell was the outlet's name.
    """
    parts = [p for p in re.split(r"\s*[,;|]\s+", text.strip()) if p]
    kept = [p for p in parts if not is_address(p) and find_printed_date(p) is None] or parts
    head = kept[0]
    bare = _DOCUMENT_KIND.sub("", head)
    if bare != head and (registry.resolve(bare) or looks_like_name(bare)):
        head = bare
    if len(kept) < len(parts) and registry.resolve(head) is None and not looks_like_name(head) and len(parts) == 2 \
            and is_address(parts[-1]):
        known = registry.resolve(parts[-1])  # (the address names a registered site: "NPC website, www.npc.gov.cn")
        if known is not None:
            return known.name
    return clean_outlet(head)




def _row_date(unit: _Unit) -> PrintedDate | None:
    """A row's date when no header names its date column: the one date it prints; of two (an
    issue's "06 Jan" beside the story's "04 Jan 2023"), the one that prints its year; none
    when it marks a date "n/a" or prints two full dates.

    NOTE (heldout4 archive index): the issue's date was taken for the story's.
    """
    cells = [c for c in unit.block.cells if c]
    if any(_NO_DATE.fullmatch(c.strip()) and len(c.strip()) > 1 for c in cells):
        return None
    found = [(c, f) for c in cells if len(c) <= 40 and (f := find_printed_date(c, unit.context)) is not None]
    # (the day a copy was retrieved or printed is no publication's: "retrieved 11 Jun 2025")
    printed = [f for c, f in found if not RETRIEVED.search(c[: f.start])]
    if found and not printed:
        return PrintedDate(None, found[0][1].raw, 0, 0, "the page gives only the date the copy was retrieved")
    if len(printed) <= 1:
        return printed[0] if printed else None
    full = [f for f in printed if f.date is not None and not f.completed]
    return full[0] if len(full) == 1 else None


def _row_has_text(unit: _Unit, registry: OutletRegistry) -> bool:
    """Whether a table row has text of its own, a headline: not only figures, a word or two, or
    a list of outlets ("美国 | 美联社、彭博社、《纽约时报》 | 46", a table of how many each sent)."""
    title = _row_title(unit, registry)
    names = [n.strip(" 《》") for n in re.split(r"[、，,;；/]|\s+and\s+", title) if n.strip(" 《》")]
    return _words(title) >= 3 and not (len(names) >= 2 and all(registry.resolve(n) for n in names))


def _row_title(unit: _Unit, registry: OutletRegistry) -> str:
    titled = _column(unit, _TITLE_COLUMN)
    if titled is not None and titled < len(unit.block.cells) and unit.block.cells[titled]:
        return unit.block.cells[titled]
    cells = [c for c in unit.block.cells if c]
    rest = [c for c in cells if not (len(c) <= 40 and find_printed_date(c, unit.context)) and not (
        len(c) <= 50 and registry.resolve(c))]
    if len(rest) > 1:
        rest = [c for c in rest if not (len(c) <= 40 and is_outlet(c, registry) and len(c.split()) <= 4)] or rest
    return max(rest or cells, key=len)


_PRECEDENCE = ["repost", "label", "fields", "byline", "pipes", "bracket", "citation", "via", "prefix", "row", "dateline",
               "lead", "asked", "subject", "according", "dash", "paren", "tail", "more", "address", "name", "date", "cited", "mention"]


def _build_item(
    record: _Record, registry: OutletRegistry, defaults: PageDefaults, meta: PageMeta, page_date: PartialDate | None,
    *, first: bool, single: bool, days_stories: bool, footer_cut: bool, page_outlet: str | None = None,
) -> tuple[ParsedItem | None, tuple[str, ...]]:
    units = record.units
    tags = [t for u in units if u.role == "tags" for t in u.tags]
    captions = tuple(u.text for u in units if u.role == "caption")
    textual = _drop_repeats([u for u in units if u.role in ("body", "heading")])
    if len(textual) > 1 and textual[0].kind == "para" and _CLOCK_LINE.match(textual[0].text):
        textual = textual[1:]  # a live entry's time stamp ("**11:40 Uhr**") is neither its headline nor its text
    if not textual:
        return None, ()
    preamble: tuple[str, ...] = ()
    lead = 0
    if footer_cut:
        # Leading headline-like blocks: the last is the headline, earlier ones are the page
        # title or section headings (a page of one item keeps a standfirst under its headline).
        while lead < len(textual) - 1 and textual[lead].headline:
            lead += 1
        if single and lead > 1:
            lead = 1 if textual[0].kind == "heading" or not first else lead
        preamble = tuple(u.text for u in textual[: max(0, lead - 1)])
        if preamble and not first:
            tags.extend(preamble)
        title_unit = textual[lead - 1] if lead else None
        body_units = textual[lead:]
    else:
        head = textual[0]
        if len(textual) > 2 and head.kind != "row" and len(head.text) <= 60 and is_capitals(head.text, words=1, letters=4) \
                and textual[1].headline and not is_capitals(textual[1].text, words=1, letters=4) and textual[1].kind != "row":
            # NOTE (heldout9 slide decks): "1  TRADE AND TECHNOLOGY CONTROLS" over the slide's
            # headline: a section's label in capitals, the headline under it
            tags.append(head.text)
            textual = textual[1:]
            head = textual[0]
        is_title = head.kind in ("heading", "row") or head.headline or bool(head.block.lead and _lead_is_title(head)) \
            or (head.kind != "row" and _is_citation(head, registry))
        title_unit = head if is_title else None
        body_units = textual[1:] if is_title else textual
    credits: list[tuple[Credit, str]] = []
    body_start = units.index(body_units[0]) if body_units else len(units)
    body_end = units.index(body_units[-1]) if body_units else len(units)
    title = None
    title_from_text = False
    if title_unit is not None:
        if title_unit.kind == "row":
            row = _row_credit(title_unit, registry)
            if row is not None:
                credits.append((row, "inline"))
            title = _row_title(title_unit, registry)
        else:
            title = title_unit.text
            found = _title_of(title_unit, registry)
            lead_text = title_unit.block.lead
            if found is not None:
                credits.append((found, "inline"))
                if found.title:
                    title = found.title  # a reference-list entry: its quoted or leading title
                elif found.span is not None:
                    start, end = found.span
                    cut_title = (title[:start] + title[end:]).strip(" |-–—:：")
                    title = cut_title or title
            elif title_unit.kind in ("item", "para") and lead_text and _lead_is_title(title_unit) and len(title) > len(lead_text) + 20:
                # "1. **Title** summary — Outlet": the bold part is the headline, the rest the summary
                rest = title[len(lead_text):].strip(" :：.-–—")
                title = lead_text.strip(" :：")
                opening = _opening_of(title_unit, registry)
                if opening is not None and opening.outlet and opening.shape == "lead":
                    credits.append((opening, "inline"))
                body_units = [_Unit(title_unit.block, "body", rest, context=title_unit.context), *body_units]
            elif title_unit.kind == "item" and len(title) > 120:
                body_units = [title_unit, *body_units]
                title, title_from_text = _title_from(title_unit.text), True
    if title:
        title = TASK_BOX.sub("", title)  # a task list's box ("☒ Title") is no word of the headline
    if title_unit is not None and title_unit.role == "body" and (asked := _opening_of(title_unit, registry)) is not None \
            and asked.shape == "asked" and asked.outlet and all(c is not asked for c, _ in credits):
        credits.append((asked, "inline"))  # a question that heads its answer: "路透社记者问：…" / "答：…"
    for index, unit in enumerate(units):
        if unit.role != "credit" or unit.line_credit is None:
            continue
        credit = unit.line_credit
        origin = "header" if index < body_start or (credit.header and index <= body_start + 1) else "footer"
        if index > body_end:
            origin = "footer"
        credits.append((credit, origin))
    paragraphs = [u.text for u in body_units]
    if body_units:
        # the dateline opens the first paragraph of running text (after any date or section lines)
        opener = next((u for u in body_units[:4] if u.role == "body" and _running_text(u)), body_units[0])
        opening = _opening_of(opener, registry) if opener.role == "body" else None
        if opening is not None and opening.shape == "snippet-date" and title_unit is None:
            opening = None  # "3 March — …" opening an untitled entry dates an event (a chronology)
        if opening is not None and (opening.outlet or opening.published):
            credits.append((opening, "dateline" if opening.shape.startswith("dateline") else "inline"))
            if opener is body_units[0] and opening.shape == "lead" and opening.span and body_units[0].block.lead \
                    and paragraphs[0].startswith(body_units[0].block.lead):
                rest = paragraphs[0][opening.span[1]:].strip(" :：-–—")
                paragraphs[0] = rest or paragraphs[0]
        tag = _TAG_OPENING.match(paragraphs[0])
        if tag:
            name = (tag.group("a") or tag.group("b") or "").strip()
            if registry.resolve(name) or looks_like_name(name):
                paragraphs[0] = paragraphs[0][tag.end():].strip() or paragraphs[0]
                credits.append((Credit(name, None, None, tag.group(0).strip(), "tag"), "inline"))
        closing = _closing_of(body_units[-1], registry) if body_units[-1].role == "body" else None
        if closing is not None:
            credits.append((closing, "inline"))
            if closing.span is not None and closing.span[0] > 20:
                paragraphs[-1] = paragraphs[-1][: closing.span[0]].rstrip(" —–-") or paragraphs[-1]
    if title is None and body_units and isinstance(body_units[0]._cited, Credit):
        cited = body_units[0]._cited
        title = cited.title
        credits.append((cited, "inline"))
    if title is None and paragraphs:
        title, title_from_text = _title_from(paragraphs[0]), True
    if title is not None and not title_from_text and paragraphs and normalize_outlet(paragraphs[0]) == normalize_outlet(title):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        paragraphs = [title or ""]
    assert title is not None

    if not any(c.published for c, _ in credits) or not any(c.outlet for c, _ in credits):
        # a paragraph citing a work gives its outlet and date ("… “Title”, from October 24")
        cited_unit = next((u for u in body_units[:2] if u.role == "body" and _cites_work(u, registry)), None)
        if cited_unit is not None and isinstance(cited_unit._cited, Credit) and all(
                c is not cited_unit._cited for c, _ in credits):
            credits.append((cited_unit._cited, "inline"))
    if not any(c.outlet for c, _ in credits):
        mention = _mention_in([title_unit, *body_units] if title_unit is not None else body_units, registry)
        if mention is not None:
            credits.append((mention, "inline"))
    elif not any(c.published for c, _ in credits):
        # NOTE (heldout3 threads): a post credited by its link card's site may date the story
        # where its text names that outlet ("… at Boao (SCMP, 30 Mar)")
        mention = _mention_in([u for u in ([title_unit] if title_unit is not None else []) + body_units if u.role == "body"],
                              registry)
        if mention is not None and mention.published is not None and mention.outlet and any(
                _same_outlet(mention.outlet, registry)(c.outlet) for c, _ in credits if c.outlet):
            credits.append((mention, "inline"))
    if single and meta.is_article and meta.site_name and registry.resolve_site_name(meta.site_name):
        # an article on its outlet's own site: names in its text are not its credit
        credits = [(c, o) for c, o in credits if c.shape not in _PROSE_SHAPES]
    ranked = sorted(credits, key=lambda c: _rank(c[0]))
    outlet, outlet_origin, url, author = None, None, None, None
    for credit, origin in ranked:
        url = url or credit.url
        author = author or credit.author
        if outlet is None and credit.outlet:
            outlet, outlet_origin = credit.outlet, origin
    others = [c.outlet for c, _ in ranked if c.outlet] + [o for c, _ in ranked for o in c.others]
    credited = tuple(dict.fromkeys(o for o in others if o and normalize_outlet(o) != normalize_outlet(outlet or "")))
    if outlet is None:
        section = next((s for s in reversed(record.sections) if s.outlet), None)
        if section is not None:
            outlet, outlet_origin = section.outlet, "section"
    if outlet is None and single and meta.site_name and meta.is_article:
        outlet, outlet_origin = registry.resolve_site_name(meta.site_name) or meta.site_name, "page"
    if outlet is None and page_outlet:
        outlet, outlet_origin = page_outlet, "page"
    if outlet is None and single and meta.site_name and not any(c.outlet for c, _ in credits) \
            and registry.resolve_site_name(meta.site_name):
        outlet, outlet_origin = registry.resolve_site_name(meta.site_name), "page"
    if outlet is None and defaults.outlet:
        outlet, outlet_origin = defaults.outlet, "user"

    published, published_origin, reason = None, None, None
    dated = [(c, o) for c, o in ranked if c.published is not None]
    # the chosen outlet's own date, however each credit spells the outlet ("SCMP, 30 Mar" beside scmp.com)
    same = _same_outlet(outlet, registry) if outlet else None
    own = next(((c, o) for c, o in ranked if c.outlet and same is not None and same(c.outlet) and c.published is not None),
               None) if outlet else None
    chosen = own or (dated[0] if dated else None)
    if chosen is not None:
        published, published_origin = chosen[0].published, chosen[1]
        if chosen[0].completed:
            published_origin = f"{chosen[1]} (year from the page's dated context)"
    else:
        doubtful = next((c for c, _ in ranked if c.reason), None)
        section_date = next((s.published for s in reversed(record.sections) if s.published), None)
        if doubtful is not None and (doubtful.reason or "").startswith("the page gives only a time") \
                and section_date is not None and days_stories:
            # (a card's "09:12" or "2小時前" under its day's divider: the divider's day)
            published, published_origin = section_date, "section"
        elif doubtful is not None:
            reason = doubtful.reason
        elif section_date is not None and days_stories:
            published, published_origin = section_date, "section"
        elif page_date is not None and days_stories and not single:
            published, published_origin = page_date, "page"
        elif single and meta.published and (meta.is_article or not any(c for c, _ in credits)) and meta.site_name is not None:
            published, published_origin = PartialDate.from_iso(meta.published[:10]), "page"
        elif section_date is not None:
            reason = (f"only the section heading gives a date ({section_date.iso()}); "
                      "the page does not say its items are that day's")
        elif record.units[0].kind == "row" and any(c.outlet for c, _ in credits):
            reason = "its row of the table gives no date"
        elif not any(o in ("header", "footer") for _, o in credits):
            reason = "no source line for this item (cut off?)"
        else:
            reason = "the source line gives no date"
        if published is None and defaults.published is not None:
            if doubtful is not None:
                reason = f"{reason}; --date not applied over a printed date"
            else:
                published, published_origin, reason = defaults.published, "user", None
    raw = "; ".join(dict.fromkeys(c.raw for c, _ in credits)) or None
    title_line = title_unit.line if title_unit is not None else (body_units[0].line if body_units else units[0].line)
    return ParsedItem(
        title=title.strip(), paragraphs=tuple(p for p in paragraphs if p), outlet_as_printed=outlet,
        outlet_origin=outlet_origin, published=published, published_reason=reason, tags=tuple(dict.fromkeys(tags)),
        captions=captions, attribution=raw, title_from_text=title_from_text, line=title_line, source_url=url,
        published_origin=published_origin, author=author, credited=credited, line_end=units[-1].line,
    ), preamble


_PROSE_SHAPES = frozenset(["mention", "asked", "subject", "according", "cited", "lead", "tail", "dash", "paren", "prefix", "tag"])


def _same_outlet(outlet: str, registry: OutletRegistry) -> Callable[[str], bool]:
    known = registry.resolve(outlet)
    folded = normalize_outlet(outlet)
    if known is None:
        return lambda other: normalize_outlet(other) == folded
    return lambda other: normalize_outlet(other) == folded or registry.resolve(other) is known


def _rank(credit: Credit) -> int:
    return _PRECEDENCE.index(credit.shape) if credit.shape in _PRECEDENCE else len(_PRECEDENCE)


def _lead_is_title(unit: _Unit) -> bool:
    lead = (unit.block.lead or "").strip(" :：")
    if not lead or lead.casefold() in TOPIC_PREFIXES:
        return False
    return len(lead.split()) >= 3 or (bool(CJK.search(lead)) and len(lead) >= 6)


def _drop_repeats(units: list[_Unit]) -> list[_Unit]:
    """A headline printed twice in a row is one headline."""
    kept: list[_Unit] = []
    previous = None
    for unit in units:
        folded = normalize_outlet(unit.text) if len(unit.text) <= 240 else unit.text  # a headline is short
        if folded == previous:
            continue
        kept.append(unit)
        previous = folded
    return kept


def _title_from(text: str) -> str:
    spans = sentence_spans(text)
    if spans:
        text = text[spans[0].start:spans[0].end]
    words = text.split()
    if len(words) <= 14:
        return text
    return " ".join(words[:12]).rstrip(",;:") + "…"


def _doubts(items: list[ParsedItem], units: list[_Unit], cut: _Cut) -> list[str]:
    """Why a cut may be wrong, for the person ingesting (one line each)."""
    doubts = []
    listish = sum(1 for u in units if u.kind in ("item", "row") or (u.role == "heading" and u.block.level >= 2))
    if len(items) == 1 and listish >= 5 and len(items[0].paragraphs) >= 8:
        doubts.append(f"one long item from a page with {listish} list entries or headings: the cut may have missed items")
    credited = [i for i in items if i.outlet_origin not in (None, "user", "page")]
    bare = [i for i in items if i.outlet_origin is None and i.published is None]
    if credited and bare and len(items) >= 3:
        doubts.append(f"{len(bare)} of {len(items)} items have no outlet or date where the others have one")
    return doubts
