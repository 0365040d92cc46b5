"""A page's text into items: headline, paragraphs, outlet, publication date, tags.

Pages put the attribution in many shapes (``Source: Outlet, Month D, YYYY`` after an
item, a byline under the headline, a ``[Tag]`` opening the body, an ``RFA:`` headline
prefix, a dateline naming the agency). The splitter classifies each paragraph
(boilerplate, caption, attribution, body), decides from their positions whether the page
attributes items at their foot or head, and cuts items there. Nothing is guessed: an
item without its own attribution gets no outlet or date from a neighbour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from digestcite.corpus.claims import sentence_spans
from digestcite.corpus.dates import PartialDate, find_date, parse_date
from digestcite.corpus.outlets import OutletRegistry, normalize_outlet
from digestcite.errors import ParseError


@dataclass(frozen=True, slots=True)
class Attribution:
    """An outlet and date as a page printed them for one item."""

    outlet: str | None
    published: PartialDate | None
    reason: str | None
    raw: str
    header: bool = False
    url: str | None = None


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


@dataclass(frozen=True, slots=True)
class PageDefaults:
    """What the user supplies for a page that lacks it (``--source``, ``--date``)."""

    outlet: str | None = None
    published: PartialDate | None = None


@dataclass(slots=True)
class _Para:
    text: str
    line: int
    kind: str = "body"  # body | caption | attribution | tags
    attribution: Attribution | None = None
    tags: tuple[str, ...] = ()


@dataclass(slots=True)
class _Segment:
    paras: list[_Para] = field(default_factory=list)
    attribution: Attribution | None = None
    line: int = 1


# --- boilerplate -----------------------------------------------------------------------

_BOILERPLATE = re.compile(
    r"^(?:skip to (?:main )?content|skip navigation|main menu|menu|navigation|home|search|search for:?|"
    r"share(?: this)?(?: (?:article|story|page|post))?:?|print(?: this)?(?: (?:article|page))?|e-?mail|tweet|"
    r"facebook|twitter|whatsapp|linkedin|telegram|weibo|wechat|advertisement|advertising|sponsored(?: content)?|ad|"
    r"back to top|top|next(?: page| article| story)?|previous(?: page| article| story)?|prev|"
    r"page \d+(?: of \d+)?|\d+\s*/\s*\d+|read more|continue reading|sign in|log ?in|register|subscribe(?: now)?|"
    r"newsletter|all rights reserved\.?|comments?|leave a comment|(?:\d+ )?comments?|font size:?|a\s?a\s?a|"
    r"loading\.*|close|open|toggle navigation|listen(?: to this article)?|audio|video|more|view more|"
    r"editor'?s picks?|most (?:popular|read|viewed)|trending|recommended|you may (?:also )?like|"
    r"(?:©|\(c\)|copyright)\b.*|.*\ball rights reserved\b.*|[\W_]+)$",
    re.I,
)
_RELATED_HEADING = re.compile(
    r"^(?:related(?: (?:articles?|stories|news|posts|reading|coverage|links))?|see also|further reading|"
    r"more (?:on|from|about) .{1,40}|read also|also read|recommended reading|相关(?:新闻|阅读|文章)|延伸阅读)\s*:?$",
    re.I,
)
_BREADCRUMB = re.compile(
    r"^(?:(?:home|首页|you are here:?)\s*(?:>|»|›|/|\|).*|[^.!?]{1,30}(?:\s+(?:>|»|›|/|\|)\s+[^.!?>»›/|]{1,30}){2,})$", re.I
)
_TAGS_LINE = re.compile(r"^(?:tags?|keywords?|topics?|categories|category|标签|关键词)\s*[:：]\s*(?P<tags>.+)$", re.I)

# --- captions --------------------------------------------------------------------------

_CAPTION_START = re.compile(
    r"^(?:photo|photos|image|images|picture|pictures|photograph|caption|credit|file photo|screenshot|"
    r"video screenshot|illustration|图片?|照片|截图|圖片?)\b\s*(?:[:：(\-—|]|source|credit|by|courtesy)",
    re.I,
)
_CAPTION_CREDIT = re.compile(
    r"\((?:photo|image|picture|screenshot|file photo|illustration|图片|图)\b[^)]*\)\s*\.?$"
    r"|\b(?:getty images|afp via getty|/afp|/reuters|/ap photo|ap photo/|reuters/|epa-efe|shutterstock|"
    r"via getty|photo credit|photo by|image credit|screenshot (?:from|of|via))\b"
    r"|[（(](?:图片来源|圖片來源|图源|摄影)[^)）]*[)）]\s*$",
    re.I,
)

# --- attributions ----------------------------------------------------------------------

_SOURCE_LABEL = re.compile(
    r"^\s*(?:sources?|from|via|origin|originally published (?:in|by|at)|reprinted from|来源|來源|出处|稿源|消息来源)"
    r"\s*[:：]\s*(?P<rest>.*)$",
    re.I,
)
_FIELD_LABEL = re.compile(
    r"\s*(?:\||·|•)?\s*\b(?P<label>published|updated|update|date|posted|time|editor|editors|author|reporter|"
    r"by|责任编辑|编辑|作者|发布时间|更新时间)\s*[:：]\s*",
    re.I,
)
_BYLINE = re.compile(r"^\s*by\s+(?P<fields>.+\|.+)$", re.I)
_PAREN_ATTRIBUTION = re.compile(r"\((?P<inner>[^()]{3,80})\)\s*$")
_DATE_FIRST_HEADER = re.compile(
    r"^(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)\s*(?P<outlet>[^\d|:：][^|:：]{1,60}?)?"
    r"\s*(?:(?:editor|author|reporter|source|责任编辑|编辑)\s*[:：].*)?$",
    re.I,
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{1,40}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?\s*\((?P<outlet>[^()]{2,40})\)\s*(?:--|—|–|-)\s*"
)
_TAG_OPENING = re.compile(r"^\s*(?:\[(?P<a>[^\[\]:：]{2,40})\]|【(?P<b>[^【】:：]{2,40})】)\s*")
_HEADLINE_PREFIX = re.compile(r"^(?P<prefix>[^:：\d][^:：]{0,38}?)\s*(?::\s+|：\s*)(?P<rest>\S.*)$")
_TOPIC_PREFIXES = {
    "analysis", "opinion", "commentary", "editorial", "exclusive", "update", "updated", "breaking",
    "breaking news", "video", "watch", "live", "photos", "in pictures", "explainer", "interview",
    "feature", "review", "fact check", "factbox", "q&a", "qa", "news", "briefing", "perspective",
    "op-ed", "column", "correction", "special report", "in depth", "insight", "focus", "viewpoint",
    "china", "hong kong", "taiwan", "world", "asia", "economy", "politics", "culture", "society",
    "note", "report", "podcast", "graphic", "timeline", "first person", "letter", "letters",
}
_URL = re.compile(r"https?://[^\s<>\"']+")
_IMAGE_ALT = re.compile(r"^\[[^\[\]]{3,}\]$")
_PHOTO_OUTLET = re.compile(r"getty|images?\b|photo|screenshot|shutterstock|/afp|afp/|/reuters|reuters/|file pic", re.I)


def parse_attribution(text: str, registry: OutletRegistry) -> Attribution | None:
    """Read a line as an attribution (outlet and date for an item), or None if it is not one.

    Shapes: ``Source: Epoch Times, October 22, 2020`` (junk after the date is ignored),
    ``Source:Xinhua Published: 2015-4-17 17:33:19``, ``From: Xinhua``,
    ``By Wu Jiao | China Daily | Updated: 2008-11-21 07:40``,
    ``(Xinhua News Agency November 14, 2008)``, ``2016-08-12 10:30Xinhua Editor: Mo Hong'e``.
    """
    line = " ".join(text.split())
    if not line or len(line) > 200:
        return None
    labelled = _SOURCE_LABEL.match(line)
    if labelled:
        rest = labelled.group("rest")
        if _PHOTO_OUTLET.search(rest):
            return None  # a photo credit, not the item's source
        header = bool(re.search(r"\b(?:published|updated|posted|editor)\s*[:：]", rest, re.I))
        return _attribution_from(rest, line, header=header)
    byline = _BYLINE.match(line)
    if byline:
        fields = [f.strip() for f in byline.group("fields").split("|") if f.strip()]
        known = [f for f in fields if registry.resolve(f)]
        # "By AUTHOR | OUTLET | Updated: DATE": the outlet is a registered name, else the
        # first field after the author that is neither a date nor a label.
        others = [f for f in fields[1:] if not find_date(f)[2] and not _FIELD_LABEL.match(f)]
        outlet = known[0] if known else others[0] if others else None
        found, reason, _ = find_date(line)
        return Attribution(_clean_outlet(outlet), found, reason, line, header=True)
    if "|" in line and len(line.split("|")) >= 2:
        fields = [_FIELD_LABEL.sub("", f).strip() for f in line.split("|")]
        registered = next((f for f in fields if registry.resolve(f)), None)
        found, reason, raw = find_date(line)
        if registered is not None and raw:
            return Attribution(_clean_outlet(registered), found, reason, line, header=True)
    date_first = _DATE_FIRST_HEADER.match(line)
    if date_first and (date_first.group("outlet") or re.search(r"editor|author|编辑", line, re.I)):
        try:
            return Attribution(_clean_outlet(date_first.group("outlet")), parse_date(date_first.group("date")), None, line, header=True)
        except ParseError as exc:
            reason = f"doubtful date {date_first.group('date')!r}: {exc.message}"
            return Attribution(_clean_outlet(date_first.group("outlet")), None, reason, line, header=True)
    label_only = re.match(r"^(?:published|updated|posted|date|发布时间|更新时间)\s*[:：]\s*(?P<rest>.+)$", line, re.I)
    if label_only:
        found, reason, raw = find_date(label_only.group("rest"))
        if raw:
            return Attribution(None, found, reason, line, header=True)
    paren = _PAREN_ATTRIBUTION.fullmatch(line)
    if paren:
        return _parenthesised(paren.group("inner"), line, registry)
    if len(line) <= 40 and re.search(r"\d", line):
        # A date alone on its line ("October 22, 2020", "2023-03-10 09:15") dates the item
        # it stands under or, right after a source line, completes it.
        try:
            alone = parse_date(line)
        except ParseError:
            return None
        if alone.month is not None:
            return Attribution(None, alone, None, line, header=True)
    return None


def _parenthesised(inner: str, raw: str, registry: OutletRegistry) -> Attribution | None:
    inner = re.sub(r"^(?:source|来源)\s*[:：]\s*", "", inner.strip(), flags=re.I)
    date, reason, date_text = find_date(inner)
    outlet_text = inner.replace(date_text, " ") if date_text else inner
    outlet_text = re.sub(r"\b(?:published|updated|on)\b\s*:?", " ", outlet_text, flags=re.I)
    outlet = _clean_outlet(outlet_text)
    if outlet is None or _PHOTO_OUTLET.search(outlet):
        return None
    if not registry.resolve(outlet) and not (date_text and _looks_like_name(outlet)):
        return None
    return Attribution(outlet, date, reason, raw)


def _attribution_from(rest: str, raw: str, *, header: bool) -> Attribution:
    link = _URL.search(rest)
    url = None
    if link:
        url = link.group(0).rstrip(".,;)")
        # "Source: https://www.rfa.org/…, October 23, 2020": the link is the item's own
        # address; its host names the outlet when nothing else does.
        rest = (rest[: link.start()] + " " + rest[link.end():]).strip(" ,;")
        date_text = find_date(rest)[2]
        remaining = rest.replace(date_text, " ") if date_text else rest
        host = re.match(r"https?://(?:www\.)?([^/:]+)", url)
        if host and not re.search(r"[A-Za-z一-鿿]", remaining):
            rest = f"{host.group(1)}, {rest}"
    date, reason, date_text = find_date(rest)
    outlet_part = rest
    label = _FIELD_LABEL.search(outlet_part)
    if label:
        outlet_part = outlet_part[: label.start()]
    if date_text and date_text in outlet_part:
        outlet_part = outlet_part[: outlet_part.index(date_text)]
    outlet_part = re.split(r"[,，;；|]", outlet_part, maxsplit=1)[0]
    return Attribution(_clean_outlet(outlet_part), date, reason, raw, header=header, url=url)


def _clean_outlet(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = re.sub(r"\s+", " ", text).strip(" ,.;:|-–—()[]\"'“”")
    cleaned = re.sub(r"\s*\d[\w.-]*\.html?$", "", cleaned)
    if not cleaned or not re.search(r"[A-Za-z一-鿿]", cleaned):
        return None
    return cleaned


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 6 and all(w[0].isupper() or not w[0].isalpha() or w in ("of", "the", "and", "for") for w in words)


# --- paragraphs ------------------------------------------------------------------------


def _paragraphs(text: str) -> list[_Para]:
    """Lines into paragraphs, re-joining hard-wrapped lines where the page was wrapped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    runs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        stripped = " ".join(raw.replace("\u00a0", " ").replace("\u3000", " ").split())
        if stripped:
            current.append((number, stripped))
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    # NOTE: a hard-wrapped page (plain-text e-mail digests) has runs of lines of about the
    # same width that mostly stop mid-sentence; a page with one paragraph per line does not.
    run_lines = [t for run in runs if len(run) > 1 for _, t in run[:-1]]
    lengths = [len(t) for t in run_lines]
    width = _p90(lengths) if lengths else 0
    full = [t for t in run_lines if len(t) >= 0.75 * width]
    mid_sentence = [t for t in full if not t.endswith((".", "!", "?", "”", '"', ":", "。", "！", "？", ")"))]
    wrapped = len(mid_sentence) >= 3 and len(mid_sentence) >= 0.6 * len(full) and 40 <= width <= 100
    paras: list[_Para] = []
    if not wrapped:
        return [_Para(t, n) for run in runs for n, t in run]
    for run in runs:
        buffer: list[str] = []
        start = run[0][0]
        for number, line in run:
            if not buffer:
                start = number
            buffer.append(line)
            if len(line) < 0.6 * width or _SOURCE_LABEL.match(line) or _is_boilerplate(line):
                paras.append(_Para(" ".join(buffer), start))
                buffer = []
        if buffer:
            paras.append(_Para(" ".join(buffer), start))
    return paras


def _p90(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def _is_boilerplate(text: str) -> bool:
    return bool(_BOILERPLATE.match(text) or (_BREADCRUMB.match(text) and len(text.split()) <= 14 and not text.endswith(".")))


def is_headline_like(text: str) -> bool:
    """Whether a paragraph reads like a headline: short, one sentence, no closing full stop."""
    words = text.split()
    if not words or len(words) > 30 or len(text) > 220:
        return False
    if text[-1] in ".,;:…" and not text.endswith("..."):
        return False
    if len(sentence_spans(text)) > 1:
        return False
    first = text.lstrip("“\"'‘[(【「")[:1]
    return bool(first) and not first.islower()


def _classify(paras: list[_Para], registry: OutletRegistry) -> list[_Para]:
    kept: list[_Para] = []
    in_related = False
    for index, para in enumerate(paras):
        text = para.text
        if _RELATED_HEADING.match(text):
            in_related = True
            continue
        if in_related:
            following = paras[index + 1].text if index + 1 < len(paras) else ""
            # A related-stories list is a run of headlines; a headline followed by running
            # text is the next item's.
            if is_headline_like(text) and not parse_attribution(text, registry) and (
                not following or is_headline_like(following) or _RELATED_HEADING.match(following)
            ):
                continue
            in_related = False
        attribution = parse_attribution(text, registry)
        if attribution is None and _is_boilerplate(text):
            continue
        tags = _TAGS_LINE.match(text)
        if tags:
            para.kind = "tags"
            para.tags = tuple(t.strip() for t in re.split(r"[,，;；|/]", tags.group("tags")) if t.strip())
            kept.append(para)
            continue
        # NOTE: pandoc renders an image as its alt text in brackets: a caption, not a headline.
        if _CAPTION_START.match(text) or (_CAPTION_CREDIT.search(text) and len(text) < 600) or _IMAGE_ALT.match(text):
            para.kind = "caption"
            kept.append(para)
            continue
        trailing = _PAREN_ATTRIBUTION.search(text)
        if trailing and trailing.start() > 0 and text[: trailing.start()].rstrip().endswith((".", "”", "\"", "!", "?", "。")):
            attribution = _parenthesised(trailing.group("inner"), trailing.group(0), registry)
            if attribution is not None:
                kept.append(_Para(text[: trailing.start()].rstrip(), para.line))
                kept.append(_Para(trailing.group(0), para.line, "attribution", attribution))
                continue
        if attribution is not None:
            para.kind = "attribution"
            para.attribution = attribution
        kept.append(para)
    return _merge_attributions(kept)


def _merge_attributions(paras: list[_Para]) -> list[_Para]:
    """``Source: Xinhua`` then ``Updated: 2023-03-10`` on the next line is one attribution."""
    merged: list[_Para] = []
    for para in paras:
        if para.kind == "attribution" and merged and merged[-1].kind == "attribution":
            prev = merged[-1].attribution
            this = para.attribution
            assert prev is not None and this is not None
            if (prev.outlet is None) != (this.outlet is None) and (prev.published is None or this.published is None):
                merged[-1].attribution = Attribution(
                    prev.outlet or this.outlet, prev.published or this.published,
                    prev.reason if prev.published else this.reason, f"{prev.raw} {this.raw}",
                    header=prev.header or this.header,
                )
                continue
        merged.append(para)
    return merged


# --- items -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """A page cut into items, with the page's own title when it has one."""

    title: str | None
    items: list[ParsedItem]


def split_page(text: str, registry: OutletRegistry, defaults: PageDefaults | None = None) -> Page:
    """Cut a page's plain text into items.

    A page with any body text gives at least one item; a page whose attributions cannot
    be found becomes one item. Defaults fill an item's outlet or date only where the page
    gives none for that item.
    """
    defaults = defaults or PageDefaults()
    paras = _classify(_paragraphs(text), registry)
    if not any(p.kind == "body" for p in paras):
        return Page(None, [])
    segments = _segments(paras)
    items: list[ParsedItem] = []
    page_title = None
    for index, segment in enumerate(segments):
        item, preamble = _build_item(segment, registry, defaults, first=index == 0, only=len(segments) == 1)
        if index == 0 and preamble:
            # NOTE: headings above the first item's headline are the page's title (and
            # sections), not the item's.
            page_title = preamble[0]
        if item is not None:
            items.append(replace(item, position=len(items) + 1))
    if len(items) == 1 and items[0].published_reason == "no source line for this item (cut off?)":
        items[0] = replace(items[0], published_reason="no source line on the page")
    return Page(page_title, items)


def split_items(text: str, registry: OutletRegistry, defaults: PageDefaults | None = None) -> list[ParsedItem]:
    """The items of :func:`split_page`."""
    return split_page(text, registry, defaults).items


def _segments(paras: list[_Para]) -> list[_Segment]:
    attributions = [i for i, p in enumerate(paras) if p.kind == "attribution"]
    if not attributions:
        return [_Segment(paras, None, paras[0].line)]
    first = attributions[0]
    before = [p for p in paras[:first] if p.kind == "body"]
    after_first = [p for p in paras[first + 1:] if p.kind == "body"]
    attribution = paras[first].attribution
    assert attribution is not None
    header_style = (
        len(before) <= 2 and all(is_headline_like(p.text) for p in before) and bool(after_first)
        and (attribution.header or _next_is_body(paras, first))
    )
    if header_style:
        return _header_segments(paras, attributions)
    return _footer_segments(paras, attributions)


def _next_is_body(paras: list[_Para], index: int) -> bool:
    following = [p for p in paras[index + 1: index + 3] if p.kind == "body"]
    return bool(following) and not is_headline_like(following[0].text)


def _footer_segments(paras: list[_Para], attributions: list[int]) -> list[_Segment]:
    segments: list[_Segment] = []
    start = 0
    for index in attributions:
        chunk = paras[start:index]
        if any(p.kind == "body" for p in chunk):
            segments.append(_Segment(chunk, paras[index].attribution, chunk[0].line))
        start = index + 1
    tail = paras[start:]
    body = [p for p in tail if p.kind == "body"]
    # NOTE: text after the last source line is an item cut off before its attribution
    # only if it has running text; a lone heading or link there is page furniture.
    if body and (any(not is_headline_like(p.text) for p in body) or sum(len(p.text.split()) for p in body) >= 15):
        segments.append(_Segment(tail, None, tail[0].line))
    elif segments and tail:
        segments[-1].paras.extend(p for p in tail if p.kind == "tags")
    return segments


def _header_segments(paras: list[_Para], attributions: list[int]) -> list[_Segment]:
    segments: list[_Segment] = []
    for n, index in enumerate(attributions):
        end = attributions[n + 1] if n + 1 < len(attributions) else len(paras)
        # the headline of the next item stands just before its attribution
        body = paras[index + 1: end]
        if n + 1 < len(attributions) and body and body[-1].kind == "body" and is_headline_like(body[-1].text):
            body = body[:-1]
        title_index = index - 1
        title = paras[title_index] if title_index >= 0 and paras[title_index].kind == "body" and is_headline_like(paras[title_index].text) else None
        chunk = ([title] if title else []) + body
        if any(p.kind == "body" for p in chunk):
            segments.append(_Segment(chunk, paras[index].attribution, chunk[0].line))
    return segments


def _build_item(
    segment: _Segment, registry: OutletRegistry, defaults: PageDefaults, *, first: bool, only: bool
) -> tuple[ParsedItem | None, tuple[str, ...]]:
    tags: list[str] = [t for p in segment.paras if p.kind == "tags" for t in p.tags]
    captions = tuple(p.text for p in segment.paras if p.kind == "caption")
    body = [p for p in segment.paras if p.kind == "body"]
    body = _drop_repeats(body)
    if not body:
        return None, ()
    # Leading headline-like paragraphs: the last is the headline, earlier ones are the
    # page title or section headings.
    lead = 0
    while lead < len(body) - 1 and is_headline_like(body[lead].text):
        lead += 1
    if only and lead > 1:
        # A page of one item: a second heading under the headline is its standfirst.
        lead = 1
    preamble = tuple(p.text for p in body[: max(0, lead - 1)])
    if preamble and not first:
        tags.extend(preamble)
    if lead:
        title_para, paragraphs = body[lead - 1], body[lead:]
        title, title_from_text = title_para.text, False
    else:
        title_para, paragraphs = body[0], body
        title, title_from_text = _title_from(body[0].text), True
    texts = [p.text for p in paragraphs]
    if not title_from_text and texts and normalize_outlet(texts[0]) == normalize_outlet(title):
        texts = texts[1:]
    if not texts:
        texts = [title]

    outlet, origin = None, None
    attribution = segment.attribution
    if attribution is not None and attribution.outlet:
        outlet, origin = attribution.outlet, "attribution"
    prefix = _HEADLINE_PREFIX.match(title) if not title_from_text else None
    if prefix and _is_outlet_prefix(prefix.group("prefix"), registry):
        title = prefix.group("rest")
        if outlet is None:
            outlet, origin = prefix.group("prefix").strip(), "headline prefix"
    tag = _TAG_OPENING.match(texts[0])
    if tag:
        name = (tag.group("a") or tag.group("b")).strip()
        if registry.resolve(name) or _looks_like_name(name):
            texts[0] = texts[0][tag.end():].strip() or texts[0]
            if outlet is None:
                outlet, origin = name, "tag"
    dateline = _DATELINE.match(texts[0])
    if dateline and outlet is None and (registry.resolve(dateline.group("outlet")) or _looks_like_name(dateline.group("outlet"))):
        outlet, origin = dateline.group("outlet").strip(), "dateline"
    if outlet is None and defaults.outlet:
        outlet, origin = defaults.outlet, "supplied"

    published, reason = None, None
    if attribution is not None and attribution.published is not None:
        published = attribution.published
    elif attribution is not None and attribution.reason:
        reason = attribution.reason
    elif defaults.published is not None:
        published, reason = defaults.published, None
    elif attribution is None:
        reason = "no source line for this item (cut off?)"
    else:
        reason = "the source line gives no date"
    if published is None and defaults.published is not None and attribution is not None and attribution.reason:
        reason = f"{attribution.reason}; --date not applied over a printed date"

    return ParsedItem(
        title=title.strip(), paragraphs=tuple(texts), outlet_as_printed=outlet, outlet_origin=origin,
        published=published, published_reason=reason, tags=tuple(dict.fromkeys(tags)), captions=captions,
        attribution=attribution.raw if attribution else None, title_from_text=title_from_text,
        line=title_para.line, source_url=attribution.url if attribution else None,
    ), preamble


def _drop_repeats(paras: list[_Para]) -> list[_Para]:
    """A headline printed twice in a row is one headline."""
    kept: list[_Para] = []
    previous = None
    for para in paras:
        folded = normalize_outlet(para.text)
        if folded == previous:
            continue
        kept.append(para)
        previous = folded
    return kept


def _is_outlet_prefix(prefix: str, registry: OutletRegistry) -> bool:
    clean = prefix.strip()
    if clean.lower() in _TOPIC_PREFIXES:
        return False
    if registry.resolve(clean):
        return True
    return bool(re.fullmatch(r"[A-Z]{2,6}", clean))


def _title_from(text: str) -> str:
    spans = sentence_spans(text)
    if spans:
        text = text[spans[0].start:spans[0].end]
    words = text.split()
    if len(words) <= 14:
        return text
    return " ".join(words[:12]).rstrip(",;:") + "…"
