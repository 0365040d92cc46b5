"""Attributions: the outlet and date a page prints for an item, wherever it prints them.

A whole line can be one (``Source: Caixin, 3 March 2021``, ``By Wu Jiao | China Daily |
Updated: …``, ``(Xinhua, 3 March)``, ``来源：新华网``, ``Originally published by …``, a date or a
web address alone), or it sits inside a headline (``Title [Reuters, 3 March]``, ``Title |
Outlet``, ``RFA: Title``), at the end of a summary (``… — Nikkei Asia``), at the start of a
paragraph (``**Caixin:**``, ``The People's Daily said…``, ``据路透社报道``) or in a dateline
(``BEIJING, March 3 (Reuters) -``, ``新华社北京3月5日电``). An outlet nobody registered is still
read from such a place when it looks like a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from digestcite.corpus.dates import (
    DateContext,
    PartialDate,
    PrintedDate,
    field_date,
    find_printed_date,
    is_calendar_word,
    is_period,
)
from digestcite.corpus.lines import CJK, SOURCE_LABELS
from digestcite.corpus.outlets import OutletRegistry
from digestcite.errors import ParseError

_MAX_LINE = 220


@dataclass(frozen=True, slots=True)
class Credit:
    """An outlet and a date as a page printed them for one item.

    ``published`` is None with ``reason`` when a date-like text is there but doubtful.
    ``span`` is where an inline credit stands in its block's text (to cut it out of a title).
    """

    outlet: str | None
    published: PartialDate | None
    reason: str | None
    raw: str
    shape: str
    completed: bool = False
    url: str | None = None
    author: str | None = None
    others: tuple[str, ...] = ()
    span: tuple[int, int] | None = None
    header: bool = False
    title: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.outlet is None and self.published is None and self.reason is None


# --- outlet names ------------------------------------------------------------------------------

_NAME_WORD = re.compile(r"^(?:[A-Z0-9][A-Za-zÀ-ÿ0-9'’&.\-]*|of|the|and|for|de|du|la|le|der|die|das|y|e|on|in|at|&)$")
_NAME_PARTICLES = frozenset(["del", "della", "delle", "dello", "dei", "degli", "di", "da", "do", "dos", "das", "des", "van",
                             "von", "den", "het", "el", "al", "les", "und", "et", "i", "zu", "am", "im"])
_CJK_NAME = re.compile(r"^[《「『«]?[\u3400-\u9fff\u3040-\u30ff\uac00-\ud7af·・]{2,14}[》」』»]?(?:[\u3400-\u9fff]{0,4})$")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/:?#]\S*)?$", re.I)
_NOT_OUTLETS = frozenset(
    ["photo", "photos", "image", "images", "getty images", "file", "file photo", "screenshot", "video", "graphic",
     "illustration", "ap photo", "the", "a", "an", "staff", "agencies", "wires", "wire", "internet", "online",
     "social media", "weibo users", "netizens", "officials", "sources", "source", "ibid", "n/a", "na", "none",
     "editor", "editors", "reporter", "author", "update", "updated", "published", "share", "read more", "more",
     "link", "here", "this", "that", "today", "yesterday", "analysis", "opinion", "comment", "commentary"]
)
_CALENDAR_WORD = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|today|yesterday|tonight|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|"
    r"segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|senin|selasa|rabu|kamis|jumat|sabtu|minggu|"
    r"pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar|thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật|"
    r"понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"  # a chart's or a table's month, not a source
    r"updated|published|posted|week|issue|edition|no|vol)\.?$",
    re.I,
)


def _calendar(word: str) -> bool:
    """A word of the calendar, no outlet's name: a weekday in any language dateparser knows, or one
    of the month, edition and update words listed above."""
    return bool(_CALENDAR_WORD.match(word)) or is_calendar_word(word)


_NOT_CJK_OUTLET = re.compile(r"^(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]$|^(?:今日|本日|昨日|今天|昨天|上午|下午|早上|晚上)$|.*(?:特辑|特輯|专题|專題|要闻|要聞|速览|速覽)$"
                             # a clause, not a name: "该链接已失效" (this link has expired), "現地駐在員からの情報"
                             # (information from our staff there)
                             r"|.*[已了被將将很吗嗎呢].*|.*(?:からの|による|について|に関する|によると).*")
_ACTOR_LABELS = frozenset(["government source"])
# "No. 47", "Issue 112", "Week 49", "KW 49": an issue's number, no outlet's name
_ISSUE_NUMBER = re.compile(r"(?:no|nr|n°|nº|vol|volume|issue|issue no|edition|week|wk|kw|semaine|semana|settimana|#)\.?\s*\d+(?:[/-]\d+)?",
                           re.I)
_PHOTO = re.compile(r"getty|images?\b|photo|screenshot|shutterstock|/afp|afp/|/reuters|reuters/|file pic|图片|圖片|摄影|攝影", re.I)


def _caseless(word: str) -> bool:
    """Whether a word is written wholly in a script without capitals (Devanagari, Bengali,
    Arabic, Hebrew, Thai, Georgian…), with no digit."""
    return bool(word) and all(
        "\u0590" <= c <= "\u08ff" or "\u0900" <= c <= "\u0dff" or "\u0e00" <= c <= "\u0eff" or "\u10a0" <= c <= "\u10ff"
        or c in "\u200c\u200d.-'’" for c in word) and any(c.isalpha() for c in word)


def clean_outlet(text: str | None) -> str | None:
    """An outlet name as printed, without quotes, brackets, emphasis marks and edge punctuation."""
    if not text:
        return None
    spaced = " ".join(text.split())
    cleaned = spaced.strip(" \t.,;:|-–—*_()[]（）【】\"'“”‘’，。；：、،·•")
    for opening, closing in (("(", ")"), ("（", "）")):
        if cleaned.count(opening) > cleaned.count(closing) and closing in spaced[len(cleaned):] + spaced:
            cleaned += closing  # "Financial Times (FT.com)" keeps its closing bracket
    cleaned = re.sub(r"[《》「」『』«»„“”]", "", cleaned)
    # "文化和旅游部数据中心（6月3日发布）", "Reuters (updated 3 March)": the bracket dates the piece
    cleaned = re.sub(r"\s*[(（][^()（）]*(?:\d|发布|發布|更新|published|updated)[^()（）]*[)）]\s*$", "", cleaned, flags=re.I) or cleaned
    # "European Commission, press release": the kind of document is not the source's name
    cleaned = re.sub(r"\s*,\s*(?:press release|news release|statement|notice|communiqu[ée]|announcement|fact sheet|"
                     r"press conference|briefing|website)$", "", cleaned, flags=re.I)
    # ("the website of …", "the paper of …"; "The Paper" is an outlet's own name)
    cleaned = re.sub(r"^(?:the\s+)?(?:(?:website|web site|site|paper|newspaper)\s+of|website|web site)\s+", "", cleaned,
                     flags=re.I) if len(cleaned) > 40 else cleaned
    if not cleaned or cleaned.casefold() in _NOT_OUTLETS or _ISSUE_NUMBER.fullmatch(cleaned) \
            or re.fullmatch(r"[A-Z]{1,6}\d{2,6}", cleaned) or len(cleaned) > 80 or _NOT_CJK_OUTLET.match(cleaned) \
            or _calendar(cleaned):
        return None
    if _PHOTO.search(cleaned) or _LINK_ACTION.fullmatch(cleaned) or cleaned.startswith("#"):
        return None  # (a hashtag or a chat's channel, "#china-desk", names no outlet)
    return cleaned


# A link's action, not a name: "View Highlight", "Read the full story", "Open in browser"
_LINK_ACTION = re.compile(
    r"(?i:view|read|open|see|show|watch|listen|download|continue|visit|go to|click here|share|save|print|back to)"
    r"(?:\s+(?i:the|this|full|original|entire|whole|complete|all|more|in|on|at|to|as|online|here|it|now|a|an))*"
    r"(?:\s+(?i:highlights?|article|story|stories|post|posts|piece|report|source|original|link|page|document|pdf|"
    r"browser|web|app|site|website|more|online|text|version|thread|video|issue|e-?mail|newsletter|here|now|it|notes?))?")


def is_outlet(text: str, registry: OutletRegistry, *, strict: bool = False) -> bool:
    """Whether a text names an outlet: a registered one, a web domain, or (unless ``strict``)
    something shaped like a name (capitalised words, a short run of Chinese characters)."""
    cleaned = clean_outlet(text)
    if cleaned is None:
        return False
    if registry.resolve(cleaned):
        return True
    if _DOMAIN.match(cleaned) and "." in cleaned:
        return not strict
    if strict:
        return False
    return looks_like_name(cleaned)


def looks_like_name(text: str) -> bool:
    words = text.split()
    if _CJK_NAME.match(text):
        return True
    if 0 < len(words) <= 4 and len(text) <= 40 and all(_caseless(w) for w in words):
        # NOTE (heldout7 Hindi digests): a script without capitals (Devanagari, Arabic, Hebrew,
        # Thai…) cannot show a name by its capitals: a few words of it in a source's place are one
        return True
    if not 0 < len(words) <= 6 or any(c.isdigit() for c in text[:1]):
        return False
    if not text[:1].isupper():
        return False
    # (a particle inside a name: "La Gazzetta del Sud", "Corriere della Sera", "Folha de S.Paulo")
    return all(_NAME_WORD.match(w) or (0 < i < len(words) - 1 and w in _NAME_PARTICLES) for i, w in enumerate(words))


# --- whole lines ----------------------------------------------------------------------------------

_LABEL = re.compile(
    r"^\s*(?P<label>" + SOURCE_LABELS + r"|"
    r"(?:first |as )?reported (?:in|by)|coverage|covered by|cited in|read (?:it )?(?:in|at)|original(?: report)?|"
    r"(?:fact[- ]?)?checked by|verified by|debunked by|"
    r"link|url|original link|原文链接|原文鏈接|原文地址|原载|原載|原文刊于|原文刊於)"
    r"(?:\s*/?\s*(?:来源|來源|出处|出處|source))?\s*[:：]\s*(?P<rest>.*)$",  # "Source 來源：" in two languages
    re.I,
)
_REPOST = re.compile(
    r"^\s*(?:this (?:article|story|piece|report) (?:was )?(?:first |originally )?(?:appeared|published|ran) (?:in|on|by|at)"
    r"|(?:originally|first) (?:published|appeared) (?:in|on|by|at)|republished (?:with permission )?(?:from|courtesy of)"
    r"|reprinted (?:with permission )?from|reposted (?:with permission )?from|cross-posted from|courtesy of"
    r"|forwarded from|shared from|转发自|轉發自|转载自|轉載自"  # a channel's forwarded post (Telegram)
    r"|(?:compiled|adapted|drawn|summari[sz]ed|based) (?:from|on) (?:reports?|coverage|stories|reporting) (?:by|in|from)"
    r"|(?:first |originally |as )?reported (?:by|in)|first (?:broken|revealed) by"
    r"|(?:据|據|综合|綜合)(?=.{2,30}(?:报道|報導|報道)[。.]?$)"
    r"|(?:本文|此文|全文)?(?:经授权|經授權|获授权|獲授權)?(?:转载|轉載|转自|轉自|转引自|轉引自|摘自|选自|選自|原载于|原載於|原载|原載|"
    r"原文刊登于|原文刊登於|原文刊于|原文刊於|原刊于|原刊於|刊登于|刊登於|首发于|首發於|发表于|發表於|来自|來自)(?:自)?)\s*[:：]?\s*(?P<rest>.+)$",
    re.I,
)
_BYLINE = re.compile(r"^\s*(?:by|par|von|por|di|door|av|文|作者)\s*[:：]?\s+(?P<fields>.+)$", re.I)
_FIELD = re.compile(
    r"(?P<label>published|updated|update|date|posted|posted on|time|editor|editors|author|reporter|source|by|"
    r"责任编辑|責任編輯|编辑|編輯|作者|记者|記者|发布时间|發布時間|更新时间|更新時間|时间|時間|日期|来源|來源)\s*[:：]\s*",
    re.I,
)
_DATE_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:published|updated|posted|date|dated|posted on|published on|last updated|date of issue|date issued|issued|issued on|"
    r"date of publication|release date|发布时间|發布時間|发布日期|發布日期|"
    r"更新时间|更新時間|时间|時間|日期|发表于|發表於|发布于|發布於|發佈於|上传于|上傳於|uploaded|uploaded on)\s*(?:[:：]|on\b)?\s*(?P<rest>.+)$",
    re.I,
)
_NAME_COMMA_OUTLET = re.compile(r"^(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,3})\s*[,|/]\s*(?P<outlet>[^,|/]{2,50})$")
_STAFF = re.compile(
    r"^\s*(?:(?:责任编辑|責任編輯|编辑|編輯|校对|校對|审核|審核|编审|編審|监制|監製|签发|簽發|译者|譯者|翻译|翻譯)\s*[:：]?"
    r"|(?:editor|editors|translator|translators)\s*[:：]|(?:edited|tabled|submitted|filed|compiled|prepared|translated) by\b\s*[:：]?"
    # a fact check's claimant (who said it, and when) is neither its source nor its date
    r"|(?:claim(?:ed)? by|claimant|claim made by|claim source)\s*[:：]?)"
    r"\s*\S.{0,60}$",
    re.I,
)
_RATED = re.compile(r"^\s*(?P<outlet>[^:：]{2,50}?)\s+(?:rated|rates|rating|verdict)\s*[:：]\s*\S.{0,40}$", re.I)
_REPORTER = re.compile(r"^\s*[（(]?\s*(?:记者|記者|通讯员|通訊員|reporter|reporters)\s*[:：]?\s*(?P<name>[^)）:：]{1,40})[)）]?\s*(?:报道|報導|報道)?\s*$", re.I)
_PAREN_LINE = re.compile(r"^\s*[(（\[【［〔〈<](?P<inner>[^()（）\[\]【】［］〔〕〈〉<>]{2,100})[)）\]】］〕〉>]\s*[.。]?\s*$")
_DASH_LINE = re.compile(r"^\s*(?:[—–]|--|-\s)\s*(?P<inner>\S.{0,160})$")
_MORE_AT = re.compile(r"^\s*(?:read (?:more|the full (?:story|article))|more|full (?:story|article)|continue reading)\s*(?:at|on|:)\s*(?P<rest>\S.{0,100})$", re.I)
_SAID_ON = re.compile(r"(?:\bas (?:reported|quoted|carried|cited) (?:by|in)|\b(?:told|speaking to|in an interview with|"
                      r"quoted by|interviewed by|writing in|on|in)) (?:the )?(?P<outlet>[A-Z][^,;]{1,60}?)\s*[.,]?\s*$")
_URL = re.compile(r"https?://[^\s<>\"'）)]+")
_PHOTO_LINE = re.compile(r"^\s*(?:photo|photos|image|picture|caption|图片?|照片|圖片?|摄影|攝影)\b", re.I)


_FRAMED_HEADING = re.compile(r"^([-–—=*~#_+]{2,})\s*\S.{0,60}?\s*\1$")
_RECORD_NUMBER = re.compile(r"^\s*(?:\d{1,4}/\d{1,4}|\[\d{1,4}\]|\(\d{1,4}\)|#\d{1,4}|no\.\s*\d{1,4})\s+(?=\S)", re.I)


# Dates of other things than the piece's publication, by their label: "Effective date:",
# "Comments due:", "Saved:" (a reference manager's "Access Date:" lines still close its records
# as credits, and are left to its own reading: heldout10)
_OTHER_DATE = re.compile(
    r"^\W{0,3}(?:effective|expiry|expiration|saved|highlighted|deadline|"
    r"comments? due|consultation (?:ends|closes)|valid until|in force from|entry into force|event|meeting|hearing)"
    r"(?:\s+(?:date|on|from))?\W{0,3}\s*[:：]", re.I)


# The day a copy was retrieved, read or printed, wherever it stands before the date: no
# publication's date either ("retrieved 11 Jun 2025" in a table's date column)
RETRIEVED = re.compile(r"\b(?:retrieved|accessed|access date|printed|downloaded|visited|last visited|abgerufen|zugegriffen|"
                       r"consulté|consultado|consultato|archived)\b", re.I)


def is_address(text: str) -> bool:
    """Whether a text is a web address or a bare domain ("www.mofcom.gov.cn", "https://…")."""
    return _DOMAIN.match(text.strip()) is not None


_OTHER_COVERAGE = re.compile(r"^\W{0,3}(?:full coverage\W*)?(?:more (?:from|coverage|on this story)|also (?:covered|reported) (?:by|in)|"
                             r"other (?:sources|coverage)|see also|related coverage)\b", re.I)


def parse_line(text: str, registry: OutletRegistry, context: DateContext | None = None) -> Credit | None:
    """Read a whole line as an attribution, or None if it is not one.

    A line that is not one as it stands may be one after the record number it opens with
    (``117/1   The Times, 5 Mar 2024, p. 31``, ``[4] Reuters, 3 March``). A line the shapes
    below do not read, or read with a weekday or a second field left in the outlet's name, is
    read last as fields (:func:`_credit_fields`).
    """
    if _OTHER_COVERAGE.match(text):
        return None  # "More from: Bloomberg.com, CNBC +18": who else covered it, not its source
    if _OTHER_DATE.match(text):
        # the day a rule takes effect, a link was read or saved: a record's field, no publication's date, no outlet
        return Credit(None, None, None, text, "staff", header=True)
    found = _parse_line(text, registry, context)
    if found is None:
        numbered = _RECORD_NUMBER.match(text)
        if numbered:
            found = _parse_line(text[numbered.end():], registry, context)
    if found is None and len(text) <= 300 and "://" in text and (link := _URL.search(text)) is not None and link.start() > 0:
        # NOTE (heldout11 clipping files): "**Caixin — 2 December 2025 — https://www.caixinglobal.com/…**":
        # the link is the credit's last field
        bare = re.sub(r"\s*(?:[—–|｜·•,;]|--|\s-\s)?\s*" + re.escape(link.group(0)) + r"\s*$", "", text).strip()
        linked = parse_line(bare, registry, context) if bare and bare != text and not _URL.search(bare) else None
        if linked is None and bare and bare != text and not _URL.search(bare):
            # (an unregistered name whose link is its own site: "Carbon Brief — … — https://www.carbonbrief.org/…")
            host = re.sub(r"^(?:https?://)?(?:www\.)?", "", link.group(0)).split("/")[0].lower()
            labels = host.replace("-", "").split(".")
            sites = {"".join(labels[:-1]), "".join(labels), labels[-2] if len(labels) >= 2 else ""}
            name = _FIELDS_SPLIT.split(bare)[0].strip(" *_")
            if looks_like_name(name) and re.sub(r"[\W_]", "", name.lower()) in sites:
                dated = find_printed_date(bare[len(name):], context)
                linked = _credit(clean_outlet(name), dated if dated is not None and dated.date is not None else None, bare, "fields",
                                 header=True)
        if linked is not None and linked.outlet:
            found = replace(linked, raw=text, url=link.group(0).rstrip(".,;)"))
    if found is None and len(text) <= 50 and any(c >= "\u2e80" for c in text[:3]) and CJK.search(text[:3]):
        # "中央社記者 林怡君 台北2025年3月13日電": a dispatch's dateline alone on its line
        dispatch = _cjk_report(text.strip(), registry, context)
        if dispatch is not None and dispatch.shape == "dateline" and dispatch.span and dispatch.span[1] >= len(text.strip()):
            found = replace(dispatch, header=True)
    if found is None and (dashed := re.match(r"^\s*(?:[—–]|--)\s*(?=\S)", text)):
        # "— Originally published by Nikkei Asia on 11 March 2025.": a repost or labelled line behind a dash
        behind = _parse_line(text[dashed.end():], registry, context)
        found = behind if behind is not None and behind.shape in ("repost", "label") else None
    if found is None or (found.outlet is None and found.shape == "label") or _unsplit(found):
        fields = _credit_fields(" ".join(text.split()), registry, context)
        if fields is not None and (found is None or fields.outlet):
            found = fields
    if (found is None or found.published is None or not (found.outlet and registry.resolve(found.outlet))) \
            and len(text) <= 160 and _OCR_HINT.search(text) and (repaired := _ocr_repaired(text)) != text:
        # NOTE (heldout9 OCR'd clippings): "Que1le: Frankfurter AIlgemeine Zeitung · O2.12.2O25 · S. l7",
        # "S0URCE: THE BUSlNESS TlMES, 3 DEC 2O25": a scan's stamp line, read again with the
        # letters and figures text recognition confuses put right
        again = parse_line(repaired, registry, context)
        if again is not None and (found is None or (again.published is not None and found.published is None)
                                  or (again.outlet and registry.resolve(again.outlet) and not registry.resolve(found.outlet or ""))):
            return replace(again, raw=text)
    return found


_OCR_FIXES = (
    (re.compile(r"(?<=\b[A-Z])I(?=[a-z]{2})"), "l"),  # "AIlgemeine"
    (re.compile(r"(?<=[a-z])1(?=[a-z])"), "l"),  # "Que1le"
    (re.compile(r"(?<=[A-Z])l(?=[A-Z])|(?<=[A-Z]{2})l(?![a-z])|\bl(?=[A-Z]{2})"), "I"),  # "BUSlNESS TlMES"
    (re.compile(r"(?<=[A-Z]{2})0|0(?=[A-Z]{2})"), "O"),  # "S0URCE"
    (re.compile(r"(?<=\d)[Oo]|[Oo](?=\d)"), "0"),  # "O2.12.2O25"
    (re.compile(r"(?<=\d)[lI|](?![a-z])|(?<![\w])[lI|](?=\d)"), "1"),  # "S. l7", "2 l"
)


# (a confusion text recognition makes: a cheap test before the repairs are tried)
_OCR_HINT = re.compile(r"[Oo]\d|\d[Oo]|\d[lI|]|\b[lI|]\d|[A-Z]0|0[A-Z]|[A-Z]l[A-Z]|[A-Z]{2}l\b|\bl[A-Z]{2}|\b[A-Z]I[a-z]|[a-z]1[a-z]"
                       r"|^\s*[^\W\d_]{1,8} [^\W\d_]{1,8}\s*[:：]")


def _ocr_repaired(text: str) -> str:
    """A line with the confusions of text recognition undone: O and l among figures, 0 and l in
    words in capitals, I for l after a capital."""
    for pattern, repl in _OCR_FIXES:
        text = pattern.sub(repl, text)
    split = re.match(r"^\s*([^\W\d_]{1,8}) ([^\W\d_]{1,8})(?=\s*[:：])", text)
    if split and _LABEL.match(split.group(1) + split.group(2) + text[split.end():]):
        text = split.group(1) + split.group(2) + text[split.end():]  # "Que lle: …": a label broken in two
    return text


def _weekday(text: str) -> bool:
    """A weekday's name, alone or with the article some languages put before a date ("onsdag den")."""
    words = text.split()
    return bool(words) and is_calendar_word(words[0]) and (len(words) == 1 or (len(words) == 2 and len(words[1]) <= 3
                                                                               and words[1].islower()))


_SPLIT_HINT = re.compile(r"[|｜·•,，]|\s[—–]\s")


def _unsplit(credit: Credit) -> bool:
    """Whether a credit's outlet still holds another field ("Reuters | Mittwoch", "Argus Media | 20-Nov")."""
    outlet = credit.outlet or ""
    if re.search(r"\s(?:[01]?\d|2[0-3]):[0-5]\d$", outlet):
        return True  # "工商時報 09:12": a card's outlet and the time it was posted
    if not _SPLIT_HINT.search(outlet):
        return False
    parts = [p for p in re.split(r"\s*[|｜·•,，]\s*|\s+[—–]\s+", outlet) if p.strip()]
    return len(parts) > 1 and any(_weekday(p) or find_printed_date(p) is not None or _ISSUE_NUMBER.fullmatch(p.strip())
                                  or _UNDATED.fullmatch(p.strip())
                                  or _FIELDS_PAGE.match(p.strip()) for p in parts[1:])


# --- a line as fields -----------------------------------------------------------------------------
# A credit is a few fields set apart by separators: the outlet's name, a date, a weekday, a time,
# a page, the kind of piece, a note. The shapes above read the forms pages print most; this reads
# any order of those fields, in any of the languages the date reader knows, behind a dash, in
# brackets or after a source label ("— La Jornada, jueves 4 de diciembre de 2025",
# "Quelle: Handelsblatt | Mittwoch, 3. Dezember 2025", "(Il Sole 24 Ore, 3 dicembre 2025)").

_FIELDS_CHEAP = re.compile(r"\d|[—–|｜·•・‧(\[（【［:：]|^\s*(?:--|-\s|>)|\b(?:yesterday|today|just now)\b|[昨今前]天|剛剛|刚刚", re.I)
_FIELDS_LEAD = re.compile(r"^(?:[—–]|--|-\s|>{1,2}\s?|[•▪►▶]\s?)\s*")
_FIELDS_WRAP = re.compile(r"^[\[(（【［](?P<inner>[^\[\]()（）【】［］]{2,110})[\])）】］]\s*[.。]?$")
_FIELDS_SPLIT = re.compile(r"\s*(?:[,，،;；|｜·•・‧]|\s[—–-]\s|\s/\s)\s*")
# a time relative to when the page was seen: no date, but the mark of a listing's meta line
_RELATIVE_TIME = re.compile(r"^(?:\d+\s*(?:秒|分鐘|分钟|小時|小时|天|日|週|周|分|時間|日|週間|秒)前|\d+\s*(?:분|시간|일)\s*전|(?:昨天|今天|前天|昨日|今日|剛剛|刚刚)(?:\s*\d{1,2}:\d{2})?"
                            r"|\d+\s*(?:s|sec|secs|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)\s+ago"
                            # (a feed card's compact age: "Reuters · 3h", "2d")
                            r"|\d{1,2}\s?(?:m|h|d|w)"
                            r"|(?:yesterday|today|just now)(?:\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]m)?)?)$", re.I)
# a note that the piece has no date on the page
_UNDATED = re.compile(r"(?:未(?:标注|標註|注明|註明|标明|標明|显示|顯示)|无|無|没有|沒有)(?:发布|發布|发表|發表|出版)?(?:日期|时间|時間)"
                      r"|(?:日期|时间|時間)(?:不详|不詳|未知|缺失)|undated|no date(?: given| printed| shown)?|date (?:not|un)(?:given|known|recorded| given| recorded)",
                      re.I)
_FIELDS_NOTE = re.compile(r"\s*[(（](?P<note>[^()（）]{2,60})[)）]")
_FIELDS_PAGE = re.compile(r"^(?:p|pp|s|str|pág|pag|pagina|página|page|seite|strona|стр|с)\.?\s*[A-Z]?\d+[A-Z]?(?:\s*[-–,]\s*\d+)*$|^[A-Z]\d{1,2}$"
                          # a Chinese or Japanese paper's page: "A9版", "第3版", "5面", "朝刊 5面"
                          r"|^(?:(?:朝刊|夕刊|早报|早報|晚报|晚報)\s*)?第?\s*[A-Z]?\d{1,3}\s*(?:版|面|頁|页)$", re.I)


def name_and_date(line: str, registry: OutletRegistry, context: DateContext | None = None) -> Credit | None:
    """A line that is only a name and a full date, set apart ("Svenska Dagbladet · onsdag 3 december
    2025"): a credit where the page's layout puts credits (the name may be unregistered)."""
    credit = _credit_fields(line, registry, context, lead=True)
    if credit is None or not credit.outlet or credit.published is None or credit.published.day is None:
        return None
    return credit


_BRACKET_WEEKDAY = re.compile(r"(?<=\d)\s*[（(](?:[一二三四五六日天月火水木金土]|[월화수목금토일])[)）]")
_READING_STATE = frozenset(["finished", "unread", "read", "archived", "favorite", "favourite", "favorited", "starred", "new"])


def _credit_fields(line: str, registry: OutletRegistry, context: DateContext | None, *, lead: bool = False) -> Credit | None:
    if not 3 <= len(line) <= 120 or _URL.search(line):
        return None
    if not lead and not _FIELDS_CHEAP.search(line):
        return None  # no figure, no dash, bracket, bar or label: nothing this reads
    rest = line
    wrapped = _FIELDS_WRAP.match(rest)
    if wrapped:
        rest, lead = wrapped.group("inner"), True
    dash = _FIELDS_LEAD.match(rest)
    if dash:
        rest, lead = rest[dash.end():], True
    labelled = _LABEL.match(rest)
    if labelled:
        rest, lead = labelled.group("rest"), True
    rest = re.sub(r"[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}", "", rest).strip()  # emphasis marks around the outlet
    rest = _BRACKET_WEEKDAY.sub(" ", rest)  # the weekday after a date: "12/2(火) 21:15", "12/3（三）"
    found = find_printed_date(rest, context)
    if found is not None and is_period(found.raw):
        return None  # "Week of 2-6 March 2026": an issue's period
    if found is not None:
        # (a year's mark after the date: "3 декабря 2025 г.", "3 grudnia 2025 r.")
        after = re.match(r"\s*(?:г\.|r\.|年)", rest[found.end:])
        rest = rest[:found.start] + " | " + rest[found.end + (after.end() if after else 0):]
    if re.search(r"(?<=[^\W\d_]{3})[.!?]\s+\S|[。！？]\s*\S|[「『]|[\"“][^\"”]{3,}[\"”]", rest):
        return None  # a sentence, or more than one, or a quoted headline, is no credit
    outlet: str | None = None
    relative = clock = described = located = metered = paged = undated = False
    # (a listing card's meta line: "工商時報　09:12", "中央社　2小時前": the outlet, then when)
    if ":" in rest or "前" in rest:
        rest = re.sub(r"(?<=\S)\s+(?=(?:[01]?\d|2[0-3]):[0-5]\d\s*$|\d+\s*(?:秒|分鐘|分钟|小時|小时|天|日|分|時間|週間)前\s*$)", " | ", rest)
    for note in _FIELDS_NOTE.finditer(rest):
        inner = note.group("note")
        if registry.resolve(inner) is None and (not any(c.isupper() for c in inner) or not looks_like_name(inner) or len(inner) <= 3):
            rest = rest.replace(note.group(0), " | ")  # "(no date on the page)", "(online edition)"
            undated = undated or bool(_UNDATED.search(inner))
    for raw_field in _FIELDS_SPLIT.split(rest):
        field = raw_field.strip(" .:：\"'“”‘’()（）—–")
        if not field:
            continue
        if _RELATIVE_TIME.match(field):
            relative = True  # "3小時前", "yesterday 18:20": when the page was seen, no date of the piece
            continue
        if _TIME.match(field):
            clock = True
            continue
        if re.fullmatch(r"[\d.,]+\s*[KkMm万萬]?\s*(?:reads?|views?|likes?|comments?|shares?|閱讀|阅读|次)|\d{1,3}\s*min(?:ute)?s?\s+read",
                        field, re.I) or (metered and field.casefold() in _READING_STATE):
            metered = True
            continue  # how many read it, how long it takes, whether one has: "1.1K reads", "6 min read · Finished"
        if _TAIL_QUALIFIER.fullmatch(field) and not field[:1].isdigit():
            described = True
            continue  # the kind of piece: "Analysis", "Interactive"
        if _FIELDS_PAGE.match(field):
            paged = True
            continue  # a paper's page: "A05版", "S. 12"
        if _weekday(field) or _TAIL_QUALIFIER.fullmatch(field) \
                or _ISSUE_NUMBER.fullmatch(field) or re.fullmatch(r"\d{1,3}(?:\s*[-–]\s*\d{1,3})?", field):
            continue  # (a page's or issue's number: "S. 34-36", "Nr. 50", "4-5")
        if outlet is not None and (_PLACE_FIELD.fullmatch(field) or _LANGUAGE_NOTE.fullmatch(field)):
            located = located or bool(_LANGUAGE_NOTE.fullmatch(field))
            continue  # where and in what language it ran: "Caijing, Beijing, in Chinese 2 Dec 25"
        if registry.resolve(field) is None and field[:1].islower() and len(field.split()) <= 6 and not re.search(r"\d", field):
            continue  # the kind of piece or a note: "press release", "date not recorded", "link in Teams chat"
        if _UNDATED.fullmatch(field):
            undated = True
            continue  # "未标注日期", "date not given": the page says it has no date
        if (writer := BY_WRITER.match(field)) and not registry.resolve(writer.group("name")):
            described = True
            continue  # the writer: "Analysis | 25 November 2025 | By Dr Priya Natarajan"
        if outlet is not None:
            return None  # two names: not a credit this reads
        if CJK.search(field) and registry.resolve(field) is None and not re.fullmatch(r"《[^《》]{2,20}》", field) \
                and not (labelled and len(field) <= 24):
            return None  # Chinese and Japanese credits have their own readings; an unknown phrase here is no name
        name = clean_outlet(field)
        if not name or not (registry.resolve(name) or looks_like_name(name) or (labelled and CJK.search(name))) \
                or re.search(r"\d", name):
            return None
        outlet = name
    if outlet is None and found is None:
        return None
    if outlet is None and found is not None and found.date is not None and described and not lead:
        return _credit(None, found, line, "date", header=True)  # a listing's "Analysis | 25 November 2025 | By …"
    # (a reader's card names its site by address beside how long it reads: "restofworld.org · 11 min read")
    sited = metered and outlet is not None and _DOMAIN.fullmatch(outlet) is not None
    # (a registered paper with its page, or with the note that the page gives no date, is credited
    # as one with a date is: "《南方日报》（日期不详）A05版")
    if not lead and (outlet is None or (found is None and not relative and not clock and not metered
                                        and not ((paged or undated) and registry.resolve(outlet)))
                     or (registry.resolve(outlet) is None and not (located and found is not None) and not sited)):
        return None  # a bare "Name, date" line credits only a registered outlet: "Beijing, 3 December" is a place
    if outlet is not None and registry.resolve(outlet) is None and (found is None or found.date is None) and not labelled:
        return None  # an unknown name behind a dash with no date is a speaker or a sign-off, not a source
    if found is None and relative:
        return Credit(outlet, None, "the page gives only a time relative to when it was seen", line, "fields", header=True)
    if found is None and clock:
        return Credit(outlet, None, "the page gives only a time of day", line, "fields", header=True)
    return _credit(outlet, found, line, "fields", header=True)


def _parse_line(text: str, registry: OutletRegistry, context: DateContext | None = None) -> Credit | None:
    line = " ".join(text.split())
    if not line or len(line) > _MAX_LINE or _PHOTO_LINE.match(line):
        return None
    if _FRAMED_HEADING.match(line):
        return None  # "--- CHINA DEMAND ---", "== FREIGHT ==": a section's heading between rules, no source
    wrapped = re.fullmatch(r"[\[(（【*_]+(?P<inner>[^\[\]()（）【】]{4,200}?)[\])）】*_.]+", line)
    if wrapped and (_LABEL.match(wrapped.group("inner")) or _REPOST.match(wrapped.group("inner"))):
        line = wrapped.group("inner").strip()  # "[Reposted from Nikkei Asia, March 8, 2021]", "*原文刊登于…*"
    labelled = _LABEL.match(line)
    if labelled and re.search(r"\s[|｜·•]\s", labelled.group("rest")):
        by_name = _named_fields(line, registry, context)  # "Fonte: Agência Brasil | Data: 19/11/2024 | Seção: …"
        if by_name is not None:
            return by_name
    if labelled:
        rest = labelled.group("rest")
        if _PHOTO.search(rest):
            return None  # a photo credit, not the item's source
        if labelled.group("label").lower() in ("from", "via") and (not rest or "@" in rest):
            return None  # "From: Tom Becker <t.becker@…>" heads a forwarded e-mail
        return _fields(rest, line, registry, context, shape="label",
                       header=bool(re.search(r"\b(?:published|updated|posted|editor)\s*[:：]", rest, re.I)))
    repost = _REPOST.match(line)
    if repost:
        rest = re.sub(r"^(?:the\s+)?", "", repost.group("rest"), flags=re.I)
        found = find_printed_date(rest, context)
        if found is not None:
            rest = rest[: found.start]
        rest = re.sub(r"[\s,，]+(?:on|in|dated|at)?\s*$", "", rest, flags=re.I)
        rest = re.split(r"[;；]\s*(?:and|with|which)?\b|,\s*(?:which|with)\b|\.\s*$|。", rest, maxsplit=1)[0]
        outlet, others = _first_of_names(re.sub(r"(?:的)?(?:报道|報導|報道)$", "", rest.strip(" .。*_:：")), registry)
        if outlet and not registry.resolve(outlet) and re.search(r"\b(?:group|chat|team|thread|群|群组|群組)$", outlet, re.I):
            outlet = None  # "Forwarded from the Trade Policy group": a chat's group passes a message on, it publishes nothing
        if outlet or found:
            return _credit(outlet, found, line, "repost", others=others)
    byline = _BYLINE.match(line)
    if byline and ("|" in line or "," in line or _FIELD.search(line)):
        return _byline(byline.group("fields"), line, registry, context)
    named_byline = _NAME_COMMA_OUTLET.match(line)
    if named_byline and registry.resolve(named_byline.group("outlet")):
        # "Shen Lihua, Global Times": a byline without "By"
        return Credit(clean_outlet(named_byline.group("outlet")), None, None, line, "byline",
                      author=named_byline.group("name"), header=True)
    staff = _STAFF.match(line)
    if staff:
        return Credit(None, None, None, line, "staff", header=True)
    rated = _RATED.match(line)
    if rated and (registry.resolve(rated.group("outlet")) or looks_like_name(rated.group("outlet"))):
        # "AFP Fact Check rated: False": the fact-checker that published the verdict
        return Credit(clean_outlet(rated.group("outlet")), None, None, line, "fields", header=True)
    reporter = _REPORTER.match(line)
    if reporter and len(line) <= 40:
        return Credit(None, None, None, line, "reporter", author=reporter.group("name").strip(), header=True)
    if re.search(r"\s[|｜]\s|^[^|]{2,60}[|｜][^|]{2,60}$", line):
        credit = _pipes(line, registry, context)
        if credit is not None:
            return credit
    field = _FIELD.search(line)
    # (a sentence before the first field label makes the line a paragraph with its source at the end:
    # "…列入不可靠实体清单。（来源：商务部）" is for closing_credit)
    if field and len(line) <= 120 and not re.search(r"[。！？]|[.!?]\s", line[: field.start()]):
        credit = _labelled_fields(line, registry, context)
        if credit is not None:
            return credit
    if len(line) <= 120:
        named = _named_then_dated(line, registry, context) or _separated_fields(line, registry, context) \
            or _ending_credit(line, registry, context) or _programme_line(line, registry, context) \
            or _kind_then_outlet(line, registry)
        if named is not None:
            return named
    dated = _DATE_LABEL.match(line)
    if dated:
        found = find_printed_date(dated.group("rest"), context)
        if found is not None:
            return _credit(None, found, line, "date", header=True)
    paren = _PAREN_LINE.match(line)
    if paren:
        if line.lstrip().startswith(("【", "〔")) and not registry.resolve(paren.group("inner")) \
                and not re.search(r"\d", paren.group("inner")):
            # NOTE (heldout5 embassy highlights): "【政治・外交】", "【経済】": CJK pages head their
            # topics in lenticular brackets; only a registered name there is a source ("【大公报讯】"
            # is read as a dateline)
            return None
        credit = _inner(paren.group("inner"), line, registry, context, shape="paren")
        if credit is not None:
            return credit
    dash = _DASH_LINE.match(line)
    if dash:
        inner = _inner(dash.group("inner"), line, registry, context, shape="dash")
        relayed = _SAID_ON.search(dash.group("inner")) if inner is None or inner.outlet is None else None
        if relayed is not None and (known := registry.resolve(relayed.group("outlet"))) is not None \
                and known.label not in _ACTOR_LABELS:
            # NOTE (heldout4 quote letters): "— Lin Jian, spokesperson, at the briefing on 26 November,
            # as reported by the Global Times", "— Marta Ruiz, analyst, on Bloomberg Television": the
            # speaker's words as the outlet carried them (the date is the speaker's, not the outlet's)
            return Credit(clean_outlet(relayed.group("outlet")), None, None, line, "dash")
        return inner
    more = _MORE_AT.match(line)
    if more:
        outlet = _outlet_from(more.group("rest"), registry)
        if outlet:
            return Credit(outlet, None, None, line, "more", url=_first_url(line))
    if _DOMAIN.match(line) and "." in line and " " not in line:
        resolved = registry.resolve(line)
        domain = _DOMAIN.match(line)
        assert domain is not None
        if resolved is None and _RESOLVER_HOST.match(domain.group(1)):
            return None  # a DOI's or a short link's host names no outlet: "https://doi.org/10.1080/…"
        outlet = resolved.name if resolved else domain.group(1).lower()
        return Credit(outlet, None, None, line, "address", url=line if line.startswith("http") else None)
    if len(line) <= 60 and re.search(r"\d", line):
        alone = _date_alone(line, context)
        if alone is not None:
            return alone
    if len(line) <= 50 and registry.resolve(line) and not re.search(r"[.!?。！？]$", line):
        return Credit(clean_outlet(line), None, None, line, "name", header=True)
    return None


def _named_then_dated(line: str, registry: OutletRegistry, context: DateContext | None) -> Credit | None:
    """``People's Daily (人民日报), 2 August 2023, p. 1``, ``Reuters · 3 March 2021``: a registered
    outlet, then a date, then at most a page number or a reading time."""
    found = find_printed_date(line, context)
    if found is None or found.start == 0:
        return None
    head = re.sub(r"[(（][^)）]{1,30}[)）]", " ", line[: found.start]).strip(" ,;·•|-–—:、，")
    tail = line[found.end:].strip(" ,;·•|.-–—")
    if not head or len(tail) > 48:
        return None
    if not registry.resolve(head):
        # NOTE (heldout4 media-mention cards): "Quoted Financial Times 12 April 2024",
        # "Op-ed The Australian Financial Review …": a kind of piece before a registered name
        head = _after_kind(head, registry, any_words=True) or head
    if not registry.resolve(head):
        # an outlet nobody registered, known by its place: "Name · date" alone on its line
        bare = clean_outlet(head) or ""
        if tail or len(line) > 60 or not (looks_like_name(bare) or _CJK_NAME.match(bare)) or \
                bare.casefold() in TOPIC_PREFIXES or not re.search(r"[·•|,，、]", line[: found.start]) \
                or _TAIL_QUALIFIER.fullmatch(bare) or BY_WRITER.match(bare):
            return None  # ("Interactive | 20 November 2025": the kind of piece, not its outlet)
    # NOTE (heldout3 clippings): "The Economist, 9 Mar 2024 (print edition), pp. 35-36": the
    # tail may hold several qualifiers, each in brackets or not
    if tail and not all(_TAIL_QUALIFIER.fullmatch(part.strip(" ()（）[]")) for part in re.split(r"[,;，]\s*|\s+(?=[(（\[])", tail)
                        if part.strip(" ()（）[]")):
        return None
    return _credit(clean_outlet(head), found, line, "fields", header=True)


_PIECE_KINDS = frozenset(["quoted", "quote", "interview", "interviewed", "op-ed", "oped", "podcast", "analysis", "commentary",
                          "opinion", "video", "feature", "column", "profile", "broadcast", "radio", "tv", "cited", "mention",
                          "mentioned", "article", "report", "letter", "panel", "live"])


def _kind_then_outlet(line: str, registry: OutletRegistry) -> Credit | None:
    """``Quoted · Reuters``, ``Interview BBC World Service``: a card's meta line naming the kind of
    appearance and a registered outlet, without a date."""
    outlet = _after_kind(line, registry) if len(line) <= 80 else None
    known = registry.resolve(outlet) if outlet else None
    if known is None or known.label in _ACTOR_LABELS:
        return None
    return Credit(clean_outlet(outlet), None, None, line, "fields", header=True)


def _after_kind(text: str, registry: OutletRegistry, *, any_words: bool = False) -> str | None:
    """The registered outlet after one or two words naming the kind of piece or appearance
    (``Quoted · Reuters``, ``Op-ed The Australian Financial Review``), or None.

    :param any_words: any one or two short words that are not an outlet themselves, not only
        the kinds of piece listed (where a date after the name vouches for the line).
    """
    words = text.split() if any_words else [w for w in re.split(r"\s*[·•|]\s*|\s+", text.strip()) if w]
    for skip in (1, 2):
        if len(words) <= skip:
            break
        lead = words[:skip]
        if any_words:
            # (a capitalised word straight before a one-word name is part of an unregistered name:
            # "Premium Times", "Ghanaian Times", not "Premium" before The Times)
            fits = all(len(w) <= 12 for w in lead) and not registry.resolve(" ".join(lead)) and not (
                skip == len(words) - 1 and lead[-1].lstrip("*_")[:1].isupper() and lead[-1].casefold() not in _PIECE_KINDS
                and not re.fullmatch(_MEDIA_WORD, lead[-1] + " ", re.I))
        else:
            fits = all(w.casefold().rstrip(":") in _PIECE_KINDS for w in lead)
        rest = " ".join(words[skip:])
        if fits and registry.resolve(rest):
            return rest
    return None


_PROGRAMME = re.compile(r"^(?P<outlet>[^,(（]{2,60}),\s*(?P<part>[^()（）,]{2,40}?)\s*[(（](?P<date>[^()（）]{3,30})[)）]\s*$")


def _programme_line(line: str, registry: OutletRegistry, context: DateContext | None) -> Credit | None:
    """``BBC World Service, Newshour (5 March)``, ``France 24, "The Debate" (11 March)``: a registered
    outlet, its programme or section, and the date in brackets.

    NOTE (heldout4 coverage reports): broadcast appearances name the programme after the outlet.
    """
    match = _PROGRAMME.match(line)
    if match is None or not registry.resolve(match.group("outlet").strip()):
        return None
    found = find_printed_date(match.group("date"), context)
    if found is None or found.start != 0:
        return None
    return _credit(clean_outlet(match.group("outlet")), found, line, "fields", header=True)


_TAIL_QUALIFIER = re.compile(
    r"(?:p(?:age|p)?|pag|pagina|pág|página)\.?\s*[A-Z]?\d+[A-Z]?(?:\s*[-–]\s*[A-Z]?\d+[A-Z]?)?|editorial|commentary|front page|op-ed|opinion|column|"
    r"analysis|(?:(?:print|online|web|weekend|late|city|digital) )?edition|online|print|web|digital|\d+\s*min(?:ute)?s?(?: read)?|第?\s*\d+\s*版|[\d:]+\s*(?:[AP]M)?\s*\w{0,4}|"
    # the kind of piece, as a think tank's or a publisher's listing labels it
    r"interactive|explainer|briefing|brief|report|research|podcast|video|interview|feature|long read|event|paper|working paper|"
    r"policy brief|data|chart|q&a|news|press release|statement|speech|testimony|"
    # a date's CJK suffixes: "10月21日付" (Japanese: dated), "3月11日電" (dispatched), 電子版, 朝刊/夕刊, 報導
    r"付|電|电|電子版|电子版|網路版|网络版|朝刊|夕刊|報導|报道|報道|刊",
    re.I)
# The cities and countries China-policy sources are published from, as a monitor's source line
# names them after the outlet ("Caijing, Beijing, in Chinese 2 Dec 25"), and the language note
_PLACE_FIELD = re.compile(
    r"(?:beijing|shanghai|guangzhou|shenzhen|tianjin|chongqing|chengdu|wuhan|hangzhou|nanjing|xiamen|urumqi|lhasa|hong kong|"
    r"macau|macao|taipei|kaohsiung|taichung|tokyo|osaka|seoul|singapore|kuala lumpur|bangkok|hanoi|manila|jakarta|new delhi|"
    r"moscow|london|paris|berlin|brussels|washington|new york|sydney|canberra|ottawa|geneva|china|taiwan|japan|"
    r"north korea|south korea|russia|the uk|the us|usa|uk|india|australia|vietnam|the philippines|indonesia|malaysia|thailand)",
    re.I)
_LANGUAGE_NOTE = re.compile(r"in (?:chinese|mandarin|cantonese|english|japanese|korean|russian|uighur|uyghur|tibetan|"
                            r"vietnamese|thai|malay|indonesian|french|german|spanish|arabic)(?:\s*-\s*\w+)?", re.I)
# a writer's credit: "By Clara Zhu", "von Jana Brückner", "Text: Li Wei"
BY_WRITER = re.compile(r"^\s*(?:by|von|par|por|di|door|av|af|przez|autor|autora|text|texte|written by)\s*:?\s+(?P<name>\S.*)$", re.I)
_SEPARATOR = re.compile(r"\s+[·•|｜]\s+|\s+[-–—]\s+|\s{3,}")
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*)?$", re.I)


def _separated_fields(line: str, registry: OutletRegistry, context: DateContext | None) -> Credit | None:
    """``Fri 8 Nov · 10:40 GMT · Reuters``: a date, a time and an outlet, in any order, set
    apart by separators, and nothing else on the line."""
    fields = [f.strip() for f in _SEPARATOR.split(line) if f.strip()]
    if len(fields) < 2:
        return None
    outlet, found = None, None
    for field in fields:
        date = find_printed_date(field, context)
        if date is not None and found is None and len(field) <= 30:
            found = date
        elif _TIME.match(field) or _calendar(field):
            continue
        elif not registry.resolve(field) and (_TAIL_QUALIFIER.fullmatch(field) or BY_WRITER.match(field)):
            return None  # (a listing's kind of piece or writer: the fields reader reads the line)
        elif outlet is None and (registry.resolve(field) or (field is fields[-1] and looks_like_name(clean_outlet(field) or "")
                                                             and len(field) <= 40 and not any(c.isdigit() for c in field))):
            outlet = clean_outlet(field)
        else:
            return None
    if outlet is None or found is None:
        return None
    return _credit(outlet, found, line, "fields", header=True)


_RANGE = re.compile(r"^(?:(?:week|fortnight|month)\s+(?:of|ending|beginning)\s+)?(?P<a>.{2,30}?)\s*(?:[-–—~]|to|bis|au|至|到)\s*(?P<b>.{2,30})$", re.I)


def _ending_credit(line: str, registry: OutletRegistry, context: DateContext | None) -> Credit | None:
    """A line that ends with its credit: ``Chinese headline: 促进… People's Daily (人民日报) · front
    page · 29 May 2024`` — a registered outlet, at most a page or section, then the date."""
    if not re.match(r"^[^:：|·]{2,30}[:：]\s", line) or re.search(r"\s[—–]\s", line):
        # a labelled line ("Chinese headline: …"); "Headline | Outlet | date" is a headline, and
        # so is "Tai Po fire: deadliest blaze … — Hong Kong Free Press, Nov 27"
        return None
    found = find_printed_date(line, context)
    if found is None or found.date is None or len(line) - found.end > 3:
        return None
    fields = [f.strip() for f in re.split(r"\s*[·•|,，]\s*", line[: found.start]) if f.strip()]
    while fields and len(fields[-1].split()) <= 3 and not registry.resolve(fields[-1]) and len(fields) > 1:
        fields.pop()  # "front page", "p. 3", "issue 11"
    if not fields:
        return None
    bare = re.sub(r"\s*[(（][^)）]{1,30}[)）]\s*$", "", fields[-1])
    words = bare.split()
    for start in range(max(0, len(words) - 6), len(words)):
        name = " ".join(words[start:])
        known = registry.resolve(name)
        if known is not None and known.label not in _ACTOR_LABELS:
            return _credit(clean_outlet(name), found, line, "fields", header=True)
    return None


def _date_alone(line: str, context: DateContext | None) -> Credit | None:
    """A date alone on its line (weekday and time allowed) dates the item it stands with; a
    date range alone ("25 July – 10 August 2023", "Week of 4-10 September") dates a period."""
    found = find_printed_date(line, context)
    if found is None:
        return None
    if is_period(found.raw):
        return None  # "4-10 September 2023" under a masthead: the issue's period, no item's date
    period = _RANGE.match(line)
    if period and len(line) <= 50 and find_printed_date(period.group("b"), context) is not None and (
            find_printed_date(period.group("a"), context) is not None or re.fullmatch(r"\d{1,2}", period.group("a").strip())):
        return Credit(None, None, "a period, not a date", line, "range", header=True)
    rest = (line[: found.start] + line[found.end:]).strip()
    rest = re.sub(
        r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|星期.|周.|週.|"
        r"updated|published|posted|on|today|yesterday|今天|昨天|前天|今日|昨日)\.?,?\s*", "", rest, flags=re.I,
    )
    rest = re.sub(r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*|HKT|CST|BJT)?", "", rest, flags=re.I)
    rest = re.sub(r"[（(][一二三四五六日天月火水木金土][)）]", "", rest)  # the weekday in brackets: "2025/12/03（三）", "12/2(火)"
    # (how long ago, beside the day: "3h ago (2025-10-30) 11:20 GMT", a live blog's stamp)
    rest = re.sub(r"\b\d{1,3}\s*(?:s|secs?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago\b|\bvor\s+\d{1,3}\s+(?:Minuten|Stunden|Tagen)\b",
                  "", rest, flags=re.I)
    # (a monitor's time in four figures before its zone: "2200 gmt 5 Mar 25")
    rest = re.sub(r"\b[0-2]\d[0-5]\d\s*(?:gmt|utc|z|hkt|cst|bjt|jst|kst|local)\b", "", rest, flags=re.I)
    # (a page or an edition may follow: "（3月10日，第8版）", "（10月22日付）")
    residue = [part for part in re.split(r"[,，;；、\s]+", rest.strip(" ,.|·-–—()（）/")) if part]
    if not all((_TAIL_QUALIFIER.fullmatch(part) and not part.isdigit()) or is_calendar_word(part) for part in residue) \
            or (found.date is not None and found.date.month is None):
        return None
    return _credit(None, found, line, "date", header=True)


def _credit(outlet: str | None, found: PrintedDate | None, raw: str, shape: str, **extra: object) -> Credit:
    if found is None:
        return Credit(outlet, None, None, raw, shape, **extra)  # type: ignore[arg-type]
    return Credit(outlet, found.date, found.reason, raw, shape, completed=found.completed, **extra)  # type: ignore[arg-type]


def _first_url(text: str) -> str | None:
    found = _URL.search(text)
    return found.group(0).rstrip(".,;") if found else None


_NAME_LIST = re.compile(r"\s*(?:[;；、]|,\s+(?:and\s+)?|\s+and\s+(?:the\s+)?|\s*&\s*|\s+/\s+|(?<=[A-Za-z])/(?=[A-Z])|和|及|与|與)\s*")
# "Xinhua, with additional reporting from Global Times": the outlet, then who added to it
_MORE_REPORTING = re.compile(r",?\s+(?:with\s+)?(?:additional|further|extra)\s+reporting\s+(?:from|by)\s+(?:the\s+)?", re.I)


def _first_of_names(text: str, registry: OutletRegistry) -> tuple[str | None, tuple[str, ...]]:
    """``Caixin and the South China Morning Post``, ``新华社、中新社``: the first outlet, and the others."""
    names = [n for n in (_outlet_from(part, registry) for part in _NAME_LIST.split(text) if part.strip()) if n]
    if len(names) > 1 and registry.resolve(names[0]) and all(
            registry.resolve(n) or looks_like_name(n) or _CJK_NAME.match(n) for n in names):
        return names[0], tuple(names[1:])
    return _outlet_from(text, registry), ()


_DATA_WORDS = re.compile(r"\s+(?:(?:reserve|trade|customs|official|monthly|weekly|daily|survey|price|market)\s+)?"
                         r"(?:data|statistics|figures|numbers|survey|release|press release|statement|website|bulletin|"
                         r"数据|統計|统计|公告|通报|通報|网站|網站)$", re.I)


def _outlet_from(text: str, registry: OutletRegistry, *, strict: bool = False) -> str | None:
    """The outlet a fragment of an attribution names (a URL resolves through the registry)."""
    fragment = text.strip()
    url = _URL.search(fragment)
    if url:
        resolved = registry.resolve(url.group(0))
        if resolved:
            return resolved.name
        host = _DOMAIN.match(url.group(0))
        return host.group(1).lower() if host and not strict else None
    fragment = re.sub(r"^(?:the\s+)?(?:website of|web site of|site of)\s+", "", fragment, flags=re.I)
    # "National Bureau of Statistics via Caixin", "MOFCOM statement, via Global Times": the
    # outlet the item was read in is the one after "via"
    relayed = re.split(r",?\s+via\s+(?:the\s+)?", fragment, maxsplit=1, flags=re.I)
    if len(relayed) == 2 and registry.resolve(relayed[1].strip(" .")):
        fragment = relayed[1].strip(" .")
    # "Reuters report", "an AFP dispatch", "Global Times editorial": the outlet, not the kind of piece
    fragment = re.sub(r"^(?i:an?|the)\s+(?=\S+\s+(?:report|story|dispatch|piece)\b)", "", fragment)
    kind = re.search(r"\s+(?:report|reports|story|article|piece|dispatch|editorial|commentary|analysis|interview|"
                     r"video|broadcast|podcast|feature|op-ed|column|investigation|scoop|报道|報導|報道|评论|評論|社论|社論)$",
                     fragment, flags=re.I)
    # (a capitalised kind word after a name nobody registered is the name's own: "The Africa Report")
    if kind is not None and (not kind.group(0).strip()[:1].isupper() or registry.resolve(fragment[: kind.start()])):
        fragment = fragment[: kind.start()]
    cleaned = clean_outlet(fragment)
    if cleaned is None:
        return None
    if registry.resolve(cleaned):
        return cleaned
    # "People's Bank of China reserve data", "NBS statistics": the body whose data it is
    described = _DATA_WORDS.sub("", cleaned)
    if described != cleaned and registry.resolve(described):
        return described
    if cleaned[:1].isdigit():
        return None  # "29 January", "3/4": a date or a number is never an outlet's name
    if _DOMAIN.match(cleaned):
        return None if strict else cleaned
    if strict:
        return None
    return cleaned if looks_like_name(cleaned) or len(cleaned) <= 40 else None


def _fields(rest: str, raw: str, registry: OutletRegistry, context: DateContext | None, *, shape: str,
            header: bool = False) -> Credit:
    """``Outlet, date junk``, ``Outlet Published: date``, ``Outlet (date)``: the outlet, then the date."""
    url = _first_url(rest)
    found = find_printed_date(_URL.sub(lambda m: " " * len(m.group(0)), rest), context)  # no dates out of addresses
    cut = len(rest)
    if found is not None:
        cut = found.start
    label = _FIELD.search(rest)
    if label and label.start() < cut:
        cut = label.start()
    head = rest[:cut]
    head = re.sub(r"[;,]?\s*(?:with )?additional reporting (?:by|from)\b.*$", "", head, flags=re.I)
    # ("Handelsblatt vom 10. Februar", "Le Monde du 2 mars", "NRC van 3 juni": the word before the date)
    head = re.sub(r"\s+(?:on|dated|of|vom|am|du|le|del|de|dal|van|op|em|от)\s*$", "", head.strip(), flags=re.I)
    names = [n for n in re.split(r"\s*(?:[;；、]|[,،]\s+(?:and\s+)?|\s+and\s+|\s*&\s*|\s+/\s+|和|及|与|與)\s*", head) if n.strip(" ,،")]
    if url and registry.resolve(url):
        names = [url]
    outlets: list[str] = [o for o in (_outlet_from(n, registry) for n in names) if o]
    if len(outlets) > 1 and not all(registry.resolve(o) or looks_like_name(o) for o in outlets):
        # ("The Paper website, Shanghai, in Chinese 0930 gmt": the registered name first, then its place and language)
        whole = outlets[0] if registry.resolve(outlets[0]) else _outlet_from(head, registry)
        outlets = [whole] if whole else outlets[:1]
    outlet = outlets[0] if outlets else None
    if (outlet is None or not registry.resolve(outlet)) and head.strip():
        # "Reuters calculations from customs data (Reuters, Nov. 7, 2025)": the bracket names the
        # outlet, or a registered name opens the source ("Reuters calculations", "Caixin tally")
        bracket = re.search(r"[(（](?P<inner>[^()（）]{2,80})[)）]?\s*$", head + rest[cut:])
        inner = _inner(bracket.group("inner"), raw, registry, context, shape=shape) if bracket else None
        if inner is not None and inner.outlet and registry.resolve(inner.outlet):
            return replace(inner, raw=raw, shape=shape, header=header)
        lead = _leading_name(head, registry)
        if lead is not None:
            outlet = lead
    if outlet is None and found is not None and _NOT_CJK_OUTLET.match(head.strip(" ,，、(（")):
        # the date of a source that is no outlet ("情報（7月3日）") is no publication date; the
        # line still closes its record
        return Credit(None, None, "the source it names is not an outlet", raw, shape, header=header)
    additional = re.search(r"additional reporting by\s+(?P<more>[^.;]+)", raw, re.I)
    others = list(outlets[1:])
    if additional:
        others.extend(o for o in (_outlet_from(n, registry) for n in re.split(r",\s*|\s+and\s+", additional.group("more"))) if o)
    return _credit(outlet, found, raw, shape, url=url, others=tuple(dict.fromkeys(o for o in others if o != outlet)),
                   header=header)


def _leading_name(text: str, registry: OutletRegistry) -> str | None:
    """A registered outlet opening a source's description, before a word for what it did
    (``Reuters calculations from customs data``, ``Caixin tally of filings``), or None."""
    words = text.split()
    for count in range(min(5, len(words) - 1), 0, -1):
        name = " ".join(words[:count]).rstrip(",'’s")
        if _SOURCE_WORK.match(words[count]) and (known := registry.resolve(name)) is not None and known.label not in _ACTOR_LABELS:
            return name
    return None


_SOURCE_WORK = re.compile(r"(?:calculations?|estimates?|analysis|tally|count|survey|data|reporting|research|compilation|"
                          r"chart|graphic|poll|review)\b", re.I)


def _byline(fields_text: str, raw: str, registry: OutletRegistry, context: DateContext | None) -> Credit:
    fields = [f.strip() for f in re.split(r"\s*[|｜,，]\s*", fields_text) if f.strip()]
    found = find_printed_date(raw, context)
    author = _FIELD.sub("", fields[0]).strip() if fields else None
    candidates = [_FIELD.sub("", f).strip() for f in fields[1:]]
    candidates = [c for c in candidates if c and find_printed_date(c, context) is None and not _FIELD.match(c)]
    registered = [c for c in candidates if registry.resolve(c)]
    outlet = registered[0] if registered else (candidates[0] if candidates and looks_like_name(candidates[0]) else None)
    if outlet is None and author and registry.resolve(author):
        outlet, author = author, None
    return _credit(clean_outlet(outlet), found, raw, "byline", author=author, header=True)


# Hosts that only forward a link to the work (a DOI, a handle, a short link, an archive's copy)
_RESOLVER_HOST = re.compile(r"^(?:(?:dx\.)?doi\.org|hdl\.handle\.net|bit\.ly|t\.co|tinyurl\.com|ow\.ly|buff\.ly|lnkd\.in|goo\.gl|"
                            r"(?:web\.)?archive\.org|archive\.(?:ph|today|is)|news\.google\.com|t\.cn|url\.cn)$", re.I)

# Field names a page gives its items' attributions, by what they hold (any language).
_OUTLET_FIELD = re.compile(
    r"^(?:sources?|outlet|media|medium|publication|publisher|paper|newspaper|agency|journal|source name|"
    r"ve[íi]culo|fonte|jornal|peri[óo]dico|medio|fuente|diario|testata|giornale|quotidiano|journal|m[ée]dia|"
    r"zeitung|quelle|medium|[źz]r[óo]d[łl]o|источник|издание|газета|bron|kilde|ngu[ồo]n|b[áa]o|"
    r"来源|來源|媒体|媒體|报纸|報紙|出处|出處|稿源|"
    # a broadcast's, as monitoring services log them ("Channel: TVB Jade | Programme: …")
    r"channel|tv channel|radio station|station|broadcaster|platform|sender|kanal|cha[îi]ne|canal|频道|頻道|电视台|電視台)$", re.I)
_DATE_FIELD = re.compile(
    r"^(?:date|dated|published|publication date|data|fecha|datum|date de publication|publicado|publica[çc][ãa]o|"
    r"pubblicato|дата|ng[àa]y|日期|时间|時間|发布时间|發布時間|"
    r"broadcast|aired|air date|transmission|uploaded|sendung|gesendet|diffusion|emisi[óo]n|播出时间|播出時間|播出日期|"
    # a journal's: "Pages: 7-30 | Published online: 24 Nov 2025"
    r"published online|first published|online publication date|available online|issue date)$", re.I)
_AUTHOR_FIELD = re.compile(r"^(?:author|authors|by|reporter|autor|autora|autore|auteur|rep[óo]rter|作者|记者|記者)$", re.I)
_NAMED_FIELD = re.compile(r"^\s*(?P<label>[^\W\d_][^:：]{0,24}?)\s*[:：]\s*(?P<value>.*)$")


_LABEL_ONLY = re.compile(r"^\s*(?:\d{1,2}\s*[.、)．]\s*)?(?P<label>[^:：(（]{1,30}?)\s*(?:[(（][^)）]{0,60}[)）][^:：]{0,40})?[:：]\s*$")
_FIELD_NAME_END = re.compile(r"(?:来源|來源|署名|记者|記者|日期|时间|時間|连结|連結|链接|鏈接|網址|网址)$")


def field_label(text: str) -> str | None:
    """The name of an attribution field printed alone on its line, its value on the next
    (``1.媒體來源:`` / ``中央社``; ``Source:`` / ``Reuters``), or None."""
    match = _LABEL_ONLY.match(text)
    if match is None:
        return None
    label = match.group("label").strip()
    if (_LABEL.match(label + ":") or _OUTLET_FIELD.match(label) or _DATE_FIELD.match(label) or _AUTHOR_FIELD.match(label)
            or _FIELD_NAME_END.search(label)):
        return label
    return None


def _named_fields(line: str, registry: OutletRegistry, context: DateContext | None) -> Credit | None:
    """``Veículo: Folha de S.Paulo | Data: 21/11/2024 | Editoria: Mundo``: each field by its name.

    Fields of other names (section, category, page) are passed over; a value of ``—`` is none.
    """
    parts = [p for p in re.split(r"\s[|｜·•]\s|[|｜]", line) if p.strip()]
    named = [(m.group("label").strip(" *_"), m.group("value").strip(" *_")) for m in (_NAMED_FIELD.match(p) for p in parts) if m]
    if len(named) < 2 or len(named) < len(parts) - 1:
        return None
    outlet = found = author = None
    for label, value in named:
        if not value.strip(" —–-"):
            continue
        if outlet is None and _OUTLET_FIELD.match(label):
            outlet = _outlet_from(re.sub(r"\s*\((?:em|en|in|in lingua)\s+[^)]{3,20}\)\s*$", "", value), registry)
        elif found is None and _DATE_FIELD.match(label):
            found = find_printed_date(value, context) or PrintedDate(None, value, 0, len(value),
                                                                      f"the page gives its date as {value!r}")
        elif author is None and _AUTHOR_FIELD.match(label):
            author = value
    if outlet is None and (found is None or found.date is None):
        return None
    return _credit(outlet, found, line, "fields", header=True, author=author)


def _pipes(line: str, registry: OutletRegistry, context: DateContext | None) -> Credit | None:
    by_name = _named_fields(line, registry, context)
    if by_name is not None:
        return by_name
    fields = [_FIELD.sub("", f).strip() for f in re.split(r"[|｜]", line)]
    fields = [f for f in fields if f]
    first_date = find_printed_date(fields[0], context) if fields else None
    if fields and len(fields[0].split()) >= 5 and not registry.resolve(fields[0]) and (
            first_date is None or first_date.end - first_date.start < 0.6 * len(fields[0])):
        # "Headline words | Outlet | date": a headline with its credit (title_credit reads it),
        # though the headline may hold a year ("… reforms by 2029 | Xinhua | 2024-07-18")
        return None
    found = find_printed_date(line, context)
    named = [f for f in fields if registry.resolve(f)]
    if not named:
        # (not the kind of piece, "Interactive", nor its writer, "By Dr Priya Natarajan")
        named = [f for f in fields if is_outlet(f, registry) and find_printed_date(f, context) is None and len(f) <= 40
                 and not any(c.isdigit() for c in f) and not _TAIL_QUALIFIER.fullmatch(f) and not BY_WRITER.match(f)]
    # NOTE (heldout3 clipping file): "NIKKEI ASIA (Tokyo) | date not recorded | online" names
    # its outlet first; the other fields say what the desk did not record.
    first_known = bool(named) and named[0] == fields[0] and registry.resolve(fields[0]) is not None
    if not named or (found is None and len(fields) > 2 and not first_known):
        return None
    if found is None and not registry.resolve(named[0]):
        return None
    return _credit(clean_outlet(named[0]), found, line, "pipes", header=True)


def _labelled_fields(line: str, registry: OutletRegistry, context: DateContext | None) -> Credit | None:
    """``Reporter: Li Si  Source: Xinhua  2021-03-03``, ``2016-08-12 10:30 Xinhua Editor: Mo``."""
    parts: dict[str, str] = {}
    last = None
    position = 0
    prefix = ""
    for match in _FIELD.finditer(line):
        if last is None:
            prefix = line[: match.start()]
        else:
            parts[last] = line[position: match.start()].strip(" |·•,")
        last = match.group("label").lower()
        position = match.end()
    if last is not None:
        parts[last] = line[position:].strip(" |·•,")
    found = find_printed_date(line, context)
    outlet = None
    source = parts.get("source") or parts.get("来源") or parts.get("來源")
    if source:
        outlet = _outlet_from(re.split(r"\s{2,}|\s+(?=\d)", source)[0], registry)
    if outlet is None and prefix.strip():
        head = prefix
        if found is not None and found.start < len(prefix):
            head = prefix[: found.start] + prefix[found.end:]
        head = re.sub(r"^\s*\d{1,2}:\d{2}(?::\d{2})?", "", head.strip()).strip()
        outlet = _outlet_from(head, registry) if head else None
    author = parts.get("reporter") or parts.get("author") or parts.get("by") or parts.get("记者") or parts.get("作者")
    if outlet is None and found is None:
        return None
    return _credit(outlet, found, line, "fields", author=author or None, header=True)


def _inner(inner: str, raw: str, registry: OutletRegistry, context: DateContext | None, *, shape: str) -> Credit | None:
    inner = re.sub(r"^(?:source|来源|來源|via)\s*[:：]\s*", "", inner.strip(), flags=re.I)
    # "Aly Song/Reuters" credits a photograph; "Bloomberg/Reuters" two outlets
    joint = re.split(r"(?<=[A-Za-z])/(?=[A-Z])", re.split(r"[,;]", inner, maxsplit=1)[0])
    if _PHOTO.search(inner) and not (len(joint) > 1 and all(registry.resolve(part.strip()) for part in joint)):
        return None
    found = find_printed_date(inner, context)
    if found is None and (last := re.search(r"[,，]\s*(?P<field>[^,，]{2,8})$", inner)) is not None:
        found = field_date(last.group("field"), context)  # "(차이신, 12.2)"
        if found is not None:
            found = replace(found, start=last.start("field"), end=len(inner))
    head = (inner[:found.start] + " " + inner[found.end:]).strip(" ,;") if found is not None else inner
    head = re.sub(r"\s+(?:on|dated)$", "", head.strip(), flags=re.I)
    helpers: tuple[str, ...] = ()
    if _MORE_REPORTING.search(head):
        head, rest = _MORE_REPORTING.split(head, maxsplit=1)
        helpers = tuple(n for n in (_outlet_from(part, registry) for part in _NAME_LIST.split(rest) if part.strip()) if n)
    outlet, others = _first_of_names(head, registry) if head else (None, ())
    others = others + helpers
    if outlet is None and found is None:
        return None
    if outlet is None and head and not re.fullmatch(r"[\W\d_]*|(?:updated|published|posted)", head, re.I):
        return None  # "(the first in a decade)" is not an attribution
    if outlet and not (registry.resolve(outlet) or looks_like_name(outlet) or _DOMAIN.match(outlet)):
        return None
    return _credit(outlet, found, raw, shape, url=_first_url(inner), others=others)


# --- inside a headline -----------------------------------------------------------------------------

_TRAILING_BRACKET = re.compile(r"\s*(?P<open>[\[【(（])(?P<inner>[^\[\]【】()（）]{2,80})[\]】)）]\s*\.?\s*$")
_TRAILING_DATE = re.compile(r"(?:\s{1,3}|\s*[·•|–—,-]\s*)(?P<date>(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|"
                            r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2})?|\d{4}年\d{1,2}月\d{1,2}日))\s*$")
_PREFIX = re.compile(r"^(?P<prefix>[^:：\d][^:：]{0,38}?)\s*(?::\s+|：\s*)(?P<rest>\S.*)$")
_VIA_PREFIX = re.compile(r"^\s*via\s+(?P<outlet>.{2,60}?)\s*(?:[:：]|\s[—–-]+)\s*(?P<rest>.*)$", re.I)
TOPIC_PREFIXES = frozenset([
    "analysis", "opinion", "commentary", "editorial", "exclusive", "update", "updated", "breaking", "breaking news",
    "video", "watch", "live", "photos", "in pictures", "explainer", "interview", "feature", "review", "fact check",
    "factbox", "q&a", "qa", "news", "briefing", "perspective", "op-ed", "column", "correction", "special report",
    "in depth", "insight", "focus", "viewpoint", "china", "hong kong", "taiwan", "world", "asia", "economy", "politics",
    "culture", "society", "note", "report", "podcast", "graphic", "timeline", "first person", "letter", "letters",
    "property", "tech", "technology", "markets", "trade", "diplomacy", "security", "military", "health", "energy",
    "climate", "business", "finance", "xinjiang", "tibet", "macau", "us-china", "u.s.-china", "beijing", "shanghai",
])


# A reference-list entry: Chicago '"Title." Outlet, March 24, 2021.' or APA 'Title. (2021, March 24). Outlet.'
_CHICAGO = re.compile(
    # (the author, or a lead-in, before the quoted title ends with a full stop, a comma or a colon:
    # 'Chris Miller, "The Chip War…," Foreign Affairs, 27 November 2023.'; the date may be missing)
    r"^(?:(?P<author>[^\"“”]{2,80}?)[.,:]\s+)?[\"“](?P<title>[^\"“”]{5,250}?)[.,!?]?[\"”][.,]?\s+(?P<outlet>[^,.\"“”]{2,70}?)"
    r"(?:\s*,\s*(?P<date>[^.]{4,40}?|n\.\s?d))?\s*(?:\.|,(?!\s*\d{4}\b)|$)")  # "March 24, 2021." keeps its year
# 'The Guardian, 25 September 2025: "Beijing's new climate target underwhelms".': outlet, date, then the title
_OUTLET_DATE_TITLE = re.compile(
    r"^(?P<outlet>[^,\"“”:]{2,60}),\s*(?P<date>[^:\"“”]{3,30}):\s*[\"“](?P<title>[^\"“”]{5,250}?)[.,!?]?[\"”]\.?$")
_APA = re.compile(
    r"^(?:(?P<author>[^()]{2,80}?)\.?\s+)?\((?P<date>\d{4}(?:,\s*[^()]{3,20})?|n\.\s?d\.)\)\.\s+(?P<title>[^()]{5,250}?[.?!])\s+"
    r"(?P<outlet>[^.]{2,70}?)\.(?:\s|$)")
_APA_TITLE_FIRST = re.compile(
    r"^(?P<title>[^()]{5,250}?[.?!])\s+\((?P<date>\d{4}(?:,\s*[^()]{3,20})?|n\.\s?d\.)\)\.\s+(?P<outlet>[^.]{2,70}?)\.(?:\s|$)")


def citation_credit(text: str, registry: OutletRegistry, context: DateContext | None = None) -> Credit | None:
    """A reference-list entry names the title, the outlet and the date (Chicago or APA order)."""
    line = " ".join(text.split())
    for pattern in (_CHICAGO, _APA, _APA_TITLE_FIRST, _OUTLET_DATE_TITLE):
        match = pattern.match(line)
        if match is None:
            continue
        outlet = _outlet_from(match.group("outlet"), registry)
        raw_date = match.group("date")
        if outlet is None or not (registry.resolve(outlet) or (raw_date and looks_like_name(outlet))):
            continue  # (without a date, only a registered outlet makes a quoted line a reference)
        found = None if not raw_date or re.match(r"n\.\s?d", raw_date) else find_printed_date(_apa_date(raw_date), context)
        if pattern is _OUTLET_DATE_TITLE and (found is None or found.date is None and found.reason is None):
            continue  # 'Lula, en Shanghái: "…"' is a speaker, a place and a quote
        title = match.group("title").strip().rstrip(".")
        author = match.groupdict().get("author") or None
        if author and not _AUTHORS.fullmatch(author.strip()):
            author = None  # a lead-in ("After the UN climate summit:"), not a byline
        return _credit(outlet, found, line, "citation", title=title, url=_first_url(line), author=author)
    return None


# One to four people's names: "Chris Miller", "Hudson Lockett and Cheng Leng", "Wu, J., & Li, P."
_AUTHORS = re.compile(r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})(?:\s*(?:,|and|&|,\s*and)\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}){0,3}")


def _apa_date(text: str) -> str:
    """``2023, July 25`` (APA) reads as ``July 25, 2023``."""
    apa = re.fullmatch(r"(\d{4}),\s*(.+)", text.strip())
    return f"{apa.group(2)}, {apa.group(1)}" if apa else text


# "人民日報（10月21日付）「…」", "環球時報 社説「…」", "Caixin (Oct. 19): “…”": a name, perhaps its
# date in brackets and a word for the kind of piece, then the whole rest a quoted headline
_NAME_THEN_QUOTED = re.compile(
    r"^(?P<name>[^「《『“\"«„()（）:：]{2,40}?)\s*(?:[(（](?P<date>[^()（）]{1,24})[)）])?\s*(?P<kind>[^\s「《『“\"«„()（）:：]{1,8})?"
    r"\s*[:：]?\s*(?P<open>[「《『“\"«„])(?P<title>[^「」《》『』“”\"«»„]{4,200})(?P<close>[」》』”\"»“])\s*[.。]?$")
_LEADING_TAG = re.compile(r"^\s*[【\[](?P<name>[^【】\[\]]{2,30})[】\]]\s*(?=\S)")
_QUOTE_OPENING = re.compile(r"[「《『“\"«„]")
_QUOTE_PAIRS = {"「": "」", "《": "》", "『": "』", "“": "”", "\"": "\"", "«": "»", "„": "“"}


def _name_then_quoted(line: str, registry: OutletRegistry, context: DateContext | None) -> Credit | None:
    """A headline quoted after the outlet that ran it (and its date): the form of Japanese and
    Chinese media summaries, ``新華社（10月20日）「王毅外相、…」``."""
    match = _NAME_THEN_QUOTED.match(line) if _QUOTE_OPENING.search(line) else None
    if match is None or _QUOTE_PAIRS[match.group("open")] != match.group("close"):
        return None
    name = match.group("name").strip(" ・·•,，、")
    known = registry.resolve(name)
    found = find_printed_date(match.group("date"), context) if match.group("date") else None
    if known is None and match.group("kind"):
        # the "kind" was the name's own last word: "Financial Times「…」" splits as "Financial" + "Times"
        whole = f"{name} {match.group('kind')}" if re.match(r"[A-Za-z]", match.group("kind")) else name + match.group("kind")
        known = registry.resolve(whole)
        name = whole if known else name
    if known is not None and known.label in _ACTOR_LABELS:
        return None
    # an outlet nobody registered only with its date beside it: a speaker is not dated
    if known is None and not (found is not None and found.date is not None and (looks_like_name(name) or _CJK_NAME.match(name))):
        return None
    return _credit(clean_outlet(name), found, line[: match.start("open")].strip(), "prefix", title=match.group("title").strip())


def title_credit(text: str, registry: OutletRegistry, context: DateContext | None = None) -> Credit | None:
    """A credit inside a headline line: ``Title [Outlet, date]``, ``Title (Outlet)``,
    ``Title | Outlet | date``, ``RFA: Title``, ``Via Bloomberg: Title``, a reference-list entry.

    A line may carry its credit in two places, the outlet before the headline and the date
    after it (``Reuters: Title (3 December 2025)``, ``[SCMP] Title — 3 Dec``); or at the end
    after a comma or "via" (``Title, Reuters, 3 December 2025``, ``Title via Bloomberg``).
    """
    line = " ".join(text.split())
    credit = _title_credit(line, registry, context)
    if credit is not None and credit.outlet is None and credit.published is not None and credit.span and credit.span[0] > 0:
        lead = _LEAD_OUTLET.match(line[: credit.span[0]])
        name = lead and (lead.group("bracketed") or lead.group("name"))
        if lead and name and (known := registry.resolve(name)) is not None and known.label not in _ACTOR_LABELS:
            return replace(credit, outlet=clean_outlet(name), span=None, title=line[lead.end(): credit.span[0]].strip(),
                           shape="prefix")
        trailing = _comma_or_via_credit(line, registry, context)
        if trailing is not None:
            return trailing
    if credit is None or (credit.outlet and registry.resolve(credit.outlet) is None):
        # ("Reuters | 北京收紧镓出口管制": the registered name before the bar, not the headline after it)
        other = _comma_or_via_credit(line, registry, context) or _lead_outlet_credit(line, registry)
        credit = other or credit
    if credit is not None and credit.outlet and credit.published is None and credit.span and credit.span[0] > 0:
        # "Dec 1 — Title · scmp.com": the date before the headline, the outlet after it
        dated = _DATED_TITLE.match(line[: credit.span[0]])
        found = find_printed_date(dated.group("date"), context) if dated else None
        if dated and found is not None and found.start == 0 and found.end >= len(dated.group("date").rstrip(" ,.")):
            return replace(credit, published=found.date, reason=found.reason, completed=found.completed, span=None,
                           title=line[dated.end(): credit.span[0]].strip())
    return credit


_DATED_TITLE = re.compile(r"^\s*(?:[☐☑☒]\s+)?(?P<date>[^—–:|]{3,28}?)\s+[—–]\s+(?=\S)")


_LEAD_OUTLET = re.compile(r"^\s*(?:[\[【［](?P<bracketed>[^\]】］]{2,40})[\]】］]\s*|(?P<name>[^:：|｜\[\]]{2,40}?)\s*(?:[:：]|\s[|｜])\s+)(?=\S)")
_VIA_END = re.compile(r"\s+via\s+(?P<outlet>[^,]{2,50}?)\s*\.?$", re.I)


def _comma_or_via_credit(line: str, registry: OutletRegistry, context: DateContext | None) -> Credit | None:
    """``Title, Reuters, 3 December 2025`` (a registered outlet and a date after the last
    commas) or ``Title via Bloomberg``."""
    via = _VIA_END.search(line)
    if via and via.start() >= 8 and (known := registry.resolve(via.group("outlet"))) is not None \
            and known.label not in _ACTOR_LABELS:
        return Credit(clean_outlet(via.group("outlet")), None, None, via.group(0).strip(), "inline", span=(via.start(), len(line)))
    commas = [m.start() for m in re.finditer(r",\s", line)]
    for at in reversed(commas[-3:]):
        tail = line[at + 1:].strip().rstrip(".")
        found = find_printed_date(tail, context)
        if found is None or found.start > 0 or found.end < len(tail):
            continue
        before = [c for c in commas if c < at]
        if not before:
            return None
        name = line[before[-1] + 1: at].strip()
        known = registry.resolve(name)
        if known is None or known.label in _ACTOR_LABELS or before[-1] < 8:
            continue  # (the comma inside "Dec 3, 2025"; "Title, Reuters" alone may be a list of names)
        return _credit(clean_outlet(name), found, line[before[-1]:].strip(" ,"), "inline", span=(before[-1], len(line)))
    return None


def _lead_outlet_credit(line: str, registry: OutletRegistry) -> Credit | None:
    """``Reuters | Title``, ``[Nikkei Asia] Title``: a registered outlet set apart before the headline."""
    lead = _LEAD_OUTLET.match(line)
    if lead is None or lead.group("name") and not re.match(r"^\s*[^|｜]+\s[|｜]", line):
        return None  # ("Name: Title" is read by the prefix shape, which knows who speaks)
    name = lead.group("bracketed") or lead.group("name")
    known = registry.resolve(name)
    if known is None or known.label in _ACTOR_LABELS or len(line) - lead.end() < 8:
        return None
    return Credit(clean_outlet(name), None, None, line[: lead.end()].strip(), "prefix", span=(0, lead.end()))


def _title_credit(line: str, registry: OutletRegistry, context: DateContext | None) -> Credit | None:
    cited = citation_credit(line, registry, context)
    if cited is not None:
        return cited
    tag = _LEADING_TAG.match(line)
    if tag and (known := registry.resolve(tag.group("name"))) is not None and known.label not in _ACTOR_LABELS:
        # NOTE (heldout5 embassy highlights, group chats): "【共同社】賴清德總統接受日本媒體專訪",
        # "【中央社】國民黨主席選舉 鄭麗文勝出 2025/10/18": the outlet's tag, perhaps a date at the end
        outlet = clean_outlet(tag.group("name"))
        rest = line[tag.end():]
        ending = title_credit(rest, registry, context)
        if ending is not None and ending.outlet is None and ending.published is not None and ending.span:
            return replace(ending, outlet=outlet, raw=f"{tag.group(0).strip()} {ending.raw}", shape="prefix", span=None,
                           title=rest[: ending.span[0]].strip())
        return Credit(outlet, None, None, tag.group(0).strip(), "prefix", span=(0, tag.end()))
    bracket = _TRAILING_BRACKET.search(line)
    if bracket and bracket.start() > 0:
        credit = _inner(bracket.group("inner"), bracket.group(0).strip(), registry, context, shape="bracket")
        if credit is not None and (credit.outlet is None or registry.resolve(credit.outlet) or looks_like_name(credit.outlet)
                                   or _DOMAIN.match(credit.outlet)):
            return replace(credit, span=(bracket.start(), len(line)))
    dotted = re.search(r"^(?P<head>.{8,}?)\s[·•]\s(?P<tail>[^·•|｜]{2,40})$", line)
    if dotted and "|" not in line and (registry.resolve(dotted.group("tail")) or _DOMAIN.match(dotted.group("tail").strip())):
        # "Title · scmp.com", "Title · Kyodo": a registered outlet or a site after a middle dot
        tail = dotted.group("tail").strip()
        known = registry.resolve(tail)
        outlet = known.name if known is not None and _DOMAIN.match(tail) else clean_outlet(tail)
        if outlet:
            return Credit(outlet, None, None, line[dotted.end("head"):].strip(), "pipes", span=(dotted.end("head"), len(line)),
                          url=tail if tail.startswith("http") else None)
    if re.search(r"\s[|｜]\s", line):
        head, tail = re.split(r"\s[|｜]\s", line, maxsplit=1)
        credit = _pipes(tail, registry, context) if "|" in tail or "｜" in tail or registry.resolve(tail) else None
        if credit is None and is_outlet(tail, registry) and len(tail) <= 40:
            credit = Credit(clean_outlet(tail), None, None, tail, "pipes")
        if credit is not None and head.strip():
            return replace(credit, span=(len(head), len(line)), shape="pipes")
    dash = _TRAILING_DASH.search(line)
    if dash and dash.start() > 8:
        # "Title — Reuters, Sept. 23, 2021", "Title – The Economist, Aug 28 2021"
        credit = _inner(dash.group("inner"), dash.group(0).strip(), registry, context, shape="dash")
        # (an unknown name after the dash is the outlet when a date stands with it: "— La Jornada, 4 de diciembre")
        if credit is not None and credit.outlet and (registry.resolve(credit.outlet) or (
                credit.published is not None and looks_like_name(credit.outlet) and "," in dash.group("inner"))):
            return replace(credit, span=(dash.start(), len(line)))
    trailing = _TRAILING_DATE.search(line)
    if trailing and re.search(r"\d\.?$", line[: trailing.start()]) and re.match(r"\s*[-–—]", trailing.group(0)):
        trailing = None  # "Week of 2-6 March 2026": the end of a period, no headline's date
    if trailing and trailing.start() > 8:
        found = find_printed_date(trailing.group("date"), context)
        if found is not None and found.date is not None and found.date.day is not None and found.end == len(trailing.group("date")):
            return _credit(None, found, trailing.group(0).strip(), "bracket", span=(trailing.start(), len(line)))
    quoted = _name_then_quoted(line, registry, context)
    if quoted is not None:
        return quoted
    via = _VIA_PREFIX.match(line)
    if via:
        named = via.group("outlet")
        found = find_printed_date(named, context)
        if found is not None:  # "Via Reuters (Sept. 26):"
            named = named[: found.start] + named[found.end:]
        named = re.sub(r"[(（]\s*[)）]|[(（][^)）]*$", "", named).strip(" ,(")
        outlet = _outlet_from(named, registry)
        if outlet:
            return _credit(outlet, found, via.group(0)[: via.start("rest")].strip(), "via", span=(0, via.start("rest")))
    prefix = _PREFIX.match(line)
    if prefix:
        name = prefix.group("prefix").strip()
        known = registry.resolve(name)
        dated = None
        if known is None:
            # NOTE (heldout2 chats): "Reuters flash: …", "Caixin Global, Mar 11: …": the prefix
            # may add the story's kind or date to the outlet's name
            core = name
            found = find_printed_date(core, context)
            if found is not None and found.start > 0 and found.end >= len(core.rstrip(" )）]")):
                core = core[: found.start].rstrip(" ,，(（[-–—")
                dated = found if found.date is not None else None
            core = _PREFIX_KIND.sub("", core)
            if core != name and (known := registry.resolve(core)) is not None:
                name = core
            else:
                dated = None
        # NOTE: "外交部：…", "Commerce Ministry: …" name who speaks, not the outlet that reports
        # (an unregistered abbreviation may be an agency, "KCNA: …", or a speaker: "WHO: …", "EU: …")
        if name.casefold() not in TOPIC_PREFIXES and name.casefold() not in _SPEAKER_ABBREVIATIONS and (
                (known and known.label not in _ACTOR_LABELS) or (not known and re.fullmatch(r"[A-Z]{2,6}", name))):
            if dated is not None:
                return _credit(clean_outlet(name), dated, prefix.group(0)[: prefix.start("rest")].strip(), "prefix",
                               span=(0, prefix.start("rest")))
            return Credit(clean_outlet(name), None, None, prefix.group(0)[: prefix.start("rest")].strip(), "prefix",
                          span=(0, prefix.start("rest")))
    return None


# Bodies that speak in headlines, printed as abbreviations ("WHO: no unusual pathogen …")
_SPEAKER_ABBREVIATIONS = frozenset([
    "who", "wto", "imf", "un", "eu", "us", "uk", "nato", "asean", "opec", "iaea", "unhcr", "unicef", "apec", "g7", "g20",
    "pboc", "ndrc", "mofcom", "mfa", "mss", "mps", "cac", "csrc", "cbirc", "nfra", "safe", "nbs", "miit", "pla", "ccp", "cpc",
    "npc", "cppcc", "tao", "mac", "sec", "ftc", "doj", "bis", "ustr", "cdc", "fbi", "cia"])
_PREFIX_KIND = re.compile(r"\s+(?:news\s*flash|flash|exclusive|breaking|alert|update|live|scoop|first|reports?|says)$", re.I)


# --- inside running text ---------------------------------------------------------------------------

_TRAILING_DASH = re.compile(r"(?:\s+|(?<=[.!?”\"’)]))(?:[—–]|--|-)\s*(?P<inner>[^—–]{2,70}?)\s*\.?\s*$")
_TRAILING_PAREN = re.compile(r"(?:(?<=[.!?”\"’。！？])\s*[(（](?P<inner>[^()（）]{2,80})[)）]|\s*[\[【［](?P<inner2>[^\[\]【】［］]{2,80})[\]】］]"
                             r"|(?<=\w)\s+[(（](?P<inner3>[^()（）]{2,80})[)）](?=[.。]))\s*[.。]?\s*$")
_MADE_BY = re.compile(
    r"\b(?:charted|compiled|calculated|collected|gathered|analy[sz]ed|visuali[sz]ed|mapped|plotted|tallied) by (?:the )?"
    r"(?P<outlet>[A-Z][^(),.;]{1,60}?)\s*(?:[(（](?P<date>[^()（）]{3,30})[)）])?\s*\.?\s*$")
# A closing sentence that says who reported it, verb first: German "Das berichtete die X (am …)",
# Dutch "Dat meldde de X", English "So reported the X", French "C'est ce qu'a rapporté le X"
_TOLD_BY = re.compile(
    r"(?<=[.!?”\"’»])\s+(?:das|dies|so|wie|dat|dit|zo|c['’]est ce qu['’](?:a|ont))\s+"
    r"(?:berichtete|berichteten|berichtet|schrieb|schreibt|meldete|meldeten|meldet|meldde|schreef|schrijft|reported|wrote|"
    r"rapporté|écrit|annoncé)\s+(?:die|der|das|den|het|de|the|le|la|les|l['’])?\s*(?P<inner>[^!?]{2,80}?)\s*[.!]?\s*$", re.I)
_TRAILING_MORE = re.compile(r"(?:[.!?”\"’]\s*|\s+)(?:read more|more|full story|via)\s*(?:at|on|:)?\s*(?P<inner>\S{3,80})\s*$", re.I)
_REPORTS = (
    r"(?:said|says|reported|reports|reporting|wrote|writes|argued|argues|noted|notes|commented|comments|warned|warns|"
    r"claimed|claims|quoted|quotes|cited|cites|revealed|reveals|published|publishes|ran|runs|carried|carries|"
    r"observed|observes|added|adds|stated|states|highlighted|highlights|editorialised|editorialized|asserted|asserts|"
    r"described|describes|called|calls|urged|urges|has reported|has learned|learned|learnt|obtained|"
    r"focused|focuses|devoted|devotes|led|leads|splashed|splashes|headlined|headlines|featured|features|gave|gives|"
    r"dedicated|dedicates|printed|prints|front-paged|reminded|reminds|criticised|criticized|praised|praises|"
    r"berichtet|schreibt|meldet|berichtete|berichteten|schrieb|meldete|meldeten|meldt|meldde|schrijft|schreef|bericht|"
    r"rapporte|écrit|indique|informa|publica|señala|pisze|podaje)"
)
_OUTLET_FIRST = re.compile(
    r"^\s*(?i:(?:finally|meanwhile|elsewhere|also|separately|similarly|likewise|and|but|first|second|third|lastly),\s*)?"
    r"(?i:(?:in|on) (?:an?|its|the) (?:[\w-]+ )?(?:editorial|commentary|op-ed|report|article|front-page \w+|analysis|column)[^,]{0,40},\s*)?"
    r"(?P<outlet>(?:the\s+)?(?:[A-Z]|\d{1,3}(?:st|nd|rd|th)\b)[\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|\d{1,3}(?:st|nd|rd|th)\b|of|and|the|for)){0,6})"
    r"(?:\s*\([^)]{1,40}\))?(?:,\s*[^,]{1,60},)?\s+(?:(?:also|has|had|on \w+|yesterday|today|this week|last week)\s+)?"
    + _REPORTS + r"\b"
)
_ACCORDING = re.compile(
    r"^\s*(?:according to|as reported by|as|per|selon|laut|según|według|据|據|根据|根據|"
    r"как (?:сообщает|сообщил[аио]?|пишет|писал[аио]?|передаёт|передает|отмечает|утверждает)|по (?:данным|сообщению|информации)|"
    r"(?:wie )?(?:berichtet|schreibt|meldet)|comme l['’]écrit|selon le|d['’]après)\s*(?P<outlet>(?:the\s+)?[^,，]{2,60}?)"
    r"(?:\s*(?:reported|reports|报道|報導|報道|消息|称|稱|的报道|的報導))?\s*[,，]",
    re.I,
)
# What a paragraph in another language opens with to name its source: a media word
# ("hãng tin", "le quotidien", "агентство"), the outlet, perhaps its issue's date, then a
# reporting verb ("Tân Hoa xã đưa tin", "Báo The Sydney Morning Herald số ra ngày 17/6 cho
# biết", "Kantor berita Antara melaporkan") or, before it, "according to" ("Theo hãng tin AFP
# ngày 15/6,", "Menurut Reuters,").
# NOTE (heldout3 Vietnamese bulletins): press-review paragraphs name their outlet this way
# in every language; only registered outlets count, so a ministry that speaks is not one.
_MEDIA_WORD = (
    r"(?:(?:hãng (?:tin|thông tấn)|thông tấn xã|báo|tờ(?: báo)?|tạp chí|đài(?: truyền hình| phát thanh)?|kênh|trang(?: tin)?|"
    r"kantor berita|harian|surat kabar|majalah|situs|l['’]agenzia|agenzia|il quotidiano|quotidiano|la agencia|agencia|el diario|"
    r"diario|la revista|a agência|agência|o jornal|jornal|l['’]agence|agence|le journal|le quotidien|das blatt|die zeitung|"
    r"zeitung|агентство|агентства|агентству|газета|газеты|журнал|журнала|издание|издания|agencja|dziennik|gazeta|tygodnik|ajansı|gazetesi|"
    # (German names the kind of outlet before its name: "die Nachrichtenagentur Reuters", "der Staatssender CCTV")
    r"nachrichtenagentur|agentur|staatssender|sender|staatsfernsehen|tageszeitung|wirtschaftszeitung|parteiorgan|"
    r"parteizeitung|staatsmedium|magazin|nachrichtenmagazin|quotidien|journal|chaîne|periódico|cadena|giornale|persbureau|krant|"
    r"agenția|agenţia|ziarul|cotidianul|publicația|revista)\s+)")
_ISSUE_DATE = r"(?:\s*[,，]?\s*(?:số ra\s+)?(?:ngày|on|del|du|vom|from|dated|tanggal|edisi|em|de|в номере от|в номере за|от)?\s*(?P<date>\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?|\d{1,2}\s+[^\W\d_]{3,10}\.?(?:\s+\d{4})?))?"
# Reporting verbs of other languages, each form spelt out: the pattern and the set of first
# words that tells cheaply whether the pattern is worth trying are both made from this list.
_LOCAL_VERBS = (
    "đưa tin", "cho biết", "cho hay", "viết", "đăng tải", "dẫn lời", "nhận định", "bình luận", "nhấn mạnh",
    "melaporkan", "memberitakan", "menulis", "menyebutkan", "riporta", "scrive", "riferisce", "informa", "relata", "escreve",
    "noticiou", "informou", "berichtete", "schrieb", "meldete", "a rapporté", "rapporte", "écrit", "a écrit", "сообщает",
    "сообщил", "сообщила", "сообщило", "сообщили", "пишет", "написал", "написала", "написало", "написали", "передаёт",
    "передает", "pisze", "napisał", "napisała", "napisało", "podał", "podała", "podało", "bildirdi", "yazdı",
    "haber verdi", "berichtet", "schreibt", "meldet")
_LOCAL_REPORTS = "(?:" + "|".join(sorted(map(re.escape, _LOCAL_VERBS), key=len, reverse=True)) + ")"
_LOCAL_VERB_WORDS = frozenset(verb.split()[-1] if verb.startswith("a ") else verb.split()[0] for verb in _LOCAL_VERBS)
_LOCAL_SUBJECT = re.compile(
    r"^\s*(?i:(?:[^\W\d_]+\s+)?" + _MEDIA_WORD + r")?(?P<outlet>[«\"“„‘]?[^\W\d_][^,，:：;]{1,60}?)(?:\s*\([^)]{1,40}\))?" + _ISSUE_DATE
    + r"\s+(?i:" + _LOCAL_REPORTS + r")\b")
# "According to" in other languages, before the outlet; the first words tell cheaply whether
# the pattern is worth trying
_LOCAL_ACCORDING_WORDS = (
    "theo", "menurut", "secondo", "segundo", "de acordo com", "conforme", "stando a", "volgens", "ifølge", "enligt", "según",
    "selon", "laut", "według", "согласно", "как пишет", "как сообщает", "как сообщил", "как сообщила", "как сообщило",
    "как сообщили", "как передаёт", "как передает", "как отмечает", "по данным", "по сообщению", "по информации")
_LOCAL_ACCORDING_FIRST = frozenset(words.split()[0] for words in _LOCAL_ACCORDING_WORDS)
_LOCAL_ACCORDING = re.compile(
    r"^\s*(?i:" + "|".join(sorted(map(re.escape, _LOCAL_ACCORDING_WORDS), key=len, reverse=True)) + r")\s+(?i:"
    + _MEDIA_WORD + r")?(?P<outlet>[«\"“„‘]?[^\W\d_][^,，:：;]{1,60}?)(?:\s*\([^)]{1,40}\))?" + _ISSUE_DATE + r"\s*[,，]")
_AR_REPORTS = re.compile(r"^\s*و?(?:نقلت|نقل|ذكرت|ذكر|قالت|قال|أفادت|أفاد|أوردت|كشفت|نشرت|بثت|أعلنت)\s+"
                         r"(?:وكالة\s+|صحيفة\s+|قناة\s+|موقع\s+)?(?P<name>[^،,.:]{2,50})")
_CJK_REPORTS = re.compile(r"^\s*(?:据|據)?(?P<outlet>[\u3400-\u9fff《》]{2,14}?)(?:网|網)?(?:\s*[（(][A-Za-z\u3400-\u9fff ]{1,12}[)）])?"
                          r"(?P<md>(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?(?:报道|報導|報道|消息|称|稱|指出|披露|援引|电|電"
                          r"|刊文|刊發|刊发|刊登|發文|发文|撰文|发表|發表)")
# A country before an outlet's name in Chinese: 日本共同社, 英国《金融时报》, 澳大利亚广播公司
_CJK_PLACE = re.compile(r"^(?:日本|英国|英國|美国|美國|法国|法國|德国|德國|澳大利亚|澳大利亞|澳洲|香港|台湾|台灣|新加坡|韩国|韓國|"
                        r"俄罗斯|俄羅斯|加拿大|印度|欧洲|歐洲|西班牙|意大利|荷兰|荷蘭|比利时|比利時|瑞士|马来西亚|馬來西亞|越南|泰国|泰國)")
_DATELINE_EN = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'’-]{1,40}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
    # (a press release's: "HEFEI, China, Dec. 2, 2025 /PRNewswire/ --", "XIAMEN, China--(BUSINESS WIRE)--")
    r"(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?(?=,|\s*--|\s*[(/]))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?))?\s*"
    r"(?:--\s*)?(?:[(（](?P<outlet>[^()（）]{2,40})[)）]|/(?P<wire>[A-Za-z][\w -]{1,30})/)\s*(?:--|—|–|-)\s*"
)
_DATELINE_AGENCY_FIRST = re.compile(
    r"^\s*(?P<outlet>[A-Z][\w.&-]{1,20}(?:\s[A-Z][\w.&-]*){0,3})\s*[(（](?P<place>[^()（）\d]{2,30}?)[,\s]+"
    r"(?P<date>\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?|\d{1,2}\.?\s+[^\W\d_]{3,12}\.?)[)）]\s*(?:--|—|–|-)\s*")
_DATELINE_CJK = re.compile(
    r"^\s*(?:[（(](?P<p_outlet>[\u3400-\u9fffA-Za-z·]{2,12}?)(?:社|台)?(?P<p_rest>[\u3400-\u9fff\s]{0,12}?\d{1,2}\s*月?\s*\d{0,2}\s*日?)(?:综合|綜合)?(?:外电|外電)?(?:[电電]|报道|報導|報道)[）)]"
    r"|(?P<outlet>新华社|新華社|中新社|中新网|中新網|中通社|中央社|人民网|人民網|央视网|央視網|新华网|新華網|路透社|法新社|美联社|美聯社|共同社|"
    r"[\u3400-\u9fff]{2,6}(?:社|网|網|报|報|台))"
    r"(?P<place>[\u3400-\u9fff]{0,8}?)(?P<md>\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日)\s*(?:电|電|讯|訊)"
    r"|【(?P<b_outlet>[\u3400-\u9fffA-Za-z]{2,12}?)(?:讯|訊|报道|報道)】"
    r"|(?P<ours>本报|本報|本台|本网|本網)(?:[\u3400-\u9fff]{0,6}\d{0,2}\s*月?\s*\d{0,2}\s*日?)?(?:讯|訊|电|電))"
)
_DATED_OPENING = re.compile(r"^\s*(?P<date>[\w.,\s]{5,22}?)\s+(?:—|–|--)\s+(?=\S)")
_LEAD_COLON = re.compile(r"^(?P<lead>.{2,60}?)\s*[:：]\s*$")


def dateline_credit(text: str, registry: OutletRegistry, context: DateContext | None = None) -> Credit | None:
    """A dateline opening a paragraph: ``BEIJING, March 3 (Reuters) -``, ``TAIPEI (CNA) --``,
    ``新华社北京3月5日电``, ``（路透社北京3日电）``, ``【大公报讯】``, ``本报讯``."""
    agency = _DATELINE_AGENCY_FIRST.match(text) if "(" in text[:40] or "（" in text[:40] else None
    if agency and registry.resolve(agency.group("outlet")):
        # "TTXVN (Manila 18/6) - …", "AFP (Paris, 3 mars) -": the agency, then place and date
        found = find_printed_date(agency.group("date"), context)
        return _credit(clean_outlet(agency.group("outlet")), found if found is not None and found.date is not None else None,
                       agency.group(0).strip(), "dateline", span=(0, agency.end()))
    english = _DATELINE_EN.match(text)
    if english:
        outlet = clean_outlet(english.group("outlet") or english.group("wire"))
        if outlet and (registry.resolve(outlet) or looks_like_name(outlet)):
            found = find_printed_date(english.group("date"), context) if english.group("date") else None
            return _credit(outlet, found, english.group(0).strip(), "dateline", span=(0, english.end()))
        return None
    chinese = _DATELINE_CJK.match(text)
    if chinese is None:
        return None
    name = chinese.group("p_outlet") or chinese.group("outlet") or chinese.group("b_outlet")
    if chinese.group("ours"):
        return Credit(None, None, None, chinese.group(0).strip(), "dateline-ours", span=(0, chinese.end()))
    if chinese.group("p_outlet") and not chinese.group(0).strip().startswith(("（", "(")):
        return None
    outlet = _cjk_outlet(name or "", registry)
    if outlet is None:
        return None
    found = None
    md = chinese.group("md") or chinese.group("p_rest")
    if md:
        found = _cjk_day(md, context)
    return _credit(outlet, found, chinese.group(0).strip(), "dateline", span=(0, chinese.end()))


def _cjk_outlet(name: str, registry: OutletRegistry) -> str | None:
    """A dateline's agency: registered (with or without 社/网), else kept when it is name-sized."""
    return _cjk_registered(name, registry) or (name if 2 <= len(name) <= 8 else None)


def _cjk_day(text: str, context: DateContext | None) -> PrintedDate | None:
    """``3月5日`` or ``3日`` in a Chinese dateline: completed from the page's dated context."""
    found = find_printed_date(text, context)
    if found is not None:
        return found
    day = re.search(r"(\d{1,2})\s*日", text)
    reference = context.reference if context else None
    if day is None:
        return None
    if reference is None or reference.month is None:
        return PrintedDate(None, text, 0, len(text), f"{text.strip()!r} has no month or year and the page gives none")
    try:
        date = PartialDate(reference.year, reference.month, int(day.group(1)))
    except ParseError:
        return PrintedDate(None, text, 0, len(text), f"{text.strip()!r}: no such day in the page's month")
    if reference.day is not None and date.day is not None and date.day > reference.day:
        return PrintedDate(None, text, 0, len(text), f"{text.strip()!r} is after the page's date")
    return PrintedDate(date, text, 0, len(text), completed=True)


_ASKED = re.compile(r"^\W{0,4}(?:\d{1,3}\W{0,4}\s*)?(?:(?P<cjk>[^\s，。：:、“”]{2,16}?)(?:记者|記者)(?:提)?[问問][：:]"
                    r"|Q\s*[(（](?P<en>[^()（）]{2,40})[)）]\s*[:：])")


def opening_credit(text: str, lead: str | None, registry: OutletRegistry, context: DateContext | None = None) -> Credit | None:
    """A credit opening a paragraph: a dateline, a bold lead-in naming the outlet
    (``**Caixin:**``), or the outlet as the subject of a reporting verb (``The People's Daily
    said…``, ``According to the Global Times,``, ``据路透社报道``)."""
    asked = _ASKED.match(text[:60])
    if asked is not None:
        # NOTE (heldout13 press-conference digests): "法新社记者问：…", "Q (Bloomberg): …": the
        # question is the outlet's, as a transcript credits it ("有记者问", a reporter unnamed, names none)
        name = asked.group("cjk") or asked.group("en") or ""
        outlet = _cjk_registered(name, registry) if asked.group("cjk") else (clean_outlet(name) if registry.resolve(name) else None)
        return Credit(outlet, None, None, asked.group(0), "asked") if outlet else None
    opening = text[:3].lstrip("【[（(据據")[:1]
    reported = _cjk_report(text, registry, context) if opening and ("\u3400" <= opening <= "\u9fff" or opening == "《") else None
    if reported is not None:
        return reported
    dateline = dateline_credit(text, registry, context)
    if dateline is not None:
        return dateline
    dated_opening = _DATED_OPENING.match(text[:40])
    if dated_opening:
        # NOTE (heldout6 news alerts): "6 nov. 2025 — Un mois après…": a search result's snippet
        # opens with its article's date (under a headline only: a chronology's "3 March — …"
        # dates an event; the reader keeps it for records with a headline)
        found = find_printed_date(dated_opening.group("date"), context)
        if found is not None and found.start == 0 and found.date is not None and found.date.day is not None \
                and found.end >= len(dated_opening.group("date").rstrip()) - 1:
            return _credit(None, found, dated_opening.group(0).strip(), "snippet-date")
    if lead:
        name = _LEAD_COLON.match(lead)
        stem = name.group("lead") if name else lead
        # "**Reuters (15.11.2024):**": the outlet, and the date in brackets after it
        bracketed = re.match(r"^(?P<name>.+?)\s*[(（](?P<date>[^()（）]{4,30})[)）]\s*$", stem)
        dated = find_printed_date(bracketed.group("date"), context) if bracketed else None
        if bracketed and dated is not None and dated.date is not None:
            stem = bracketed.group("name")
        else:
            dated = None
        bare = clean_outlet(stem) or ""
        # an unregistered lead-in is an outlet only when it reads as a name, not a topic ("Property:")
        # nor a case's or file's number ("**[XJ-2231]**")
        loose = bool(name) and looks_like_name(bare) and bare.casefold() not in TOPIC_PREFIXES and not re.search(r"\d", bare) and (
            len(bare.split()) >= 2 or bare.isupper() or bool(_CJK_NAME.match(bare)))
        outlet = _outlet_from(stem, registry, strict=True) or (_outlet_from(stem, registry) if loose else None)
        if outlet and (name or registry.resolve(stem) or text[len(lead):len(lead) + 2].strip()[:1] in (":", "：", "")):
            return _credit(outlet, dated, lead, "lead", span=(0, len(lead)))
        after = re.match(r"[\s.:：。,，—–-]*", text[len(lead):]) if text.startswith(lead) else None
        if after is not None and len(text) > len(lead) + after.end():
            # NOTE (heldout7 monthly reports): "**县域高中“掐尖招生”讨论**。《中国青年报》刊文分析…": a
            # headline in bold opens the paragraph; the outlet opens the text after it
            offset = len(lead) + after.end()
            after_lead = opening_credit(text[offset:], None, registry, context)
            if after_lead is not None and after_lead.outlet:
                span = after_lead.span
                return replace(after_lead, span=(span[0] + offset, span[1] + offset)) if span else after_lead
    first = _OUTLET_FIRST.match(text)
    if first:
        outlet = _outlet_from(first.group("outlet"), registry, strict=True)
        if outlet and not _is_actor(outlet, registry):
            return Credit(outlet, None, None, first.group(0).strip(), "subject")
    according = _ACCORDING.match(text)
    if according:
        outlet = _outlet_from(according.group("outlet"), registry, strict=True) or _cjk_registered(according.group("outlet"), registry)
        if outlet and not _is_actor(outlet, registry):
            return Credit(outlet, None, None, according.group(0).strip(), "according")
    head = text[:200]
    # (the two patterns are slow to fail: tried only where a reporting verb or an "according
    # to" word is there to be found)
    words = re.findall(r"\w+", head.lower())
    for pattern, ready in ((_LOCAL_ACCORDING, bool(words) and words[0] in _LOCAL_ACCORDING_FIRST),
                           (_LOCAL_SUBJECT, not _LOCAL_VERB_WORDS.isdisjoint(words))):
        local = pattern.match(text) if ready else None
        if local is None:
            continue
        outlet = _outlet_from(local.group("outlet"), registry, strict=True)
        if outlet and not _is_actor(outlet, registry):
            found = find_printed_date(local.group("date"), context) if local.group("date") else None
            return _credit(outlet, found if found is not None and found.date is not None else None,
                           local.group(0).strip(), "according")
    arabic = _AR_REPORTS.match(text) if "\u0600" <= text[:1] <= "\u06ff" else None
    if arabic:
        # NOTE (heldout6 Arabic digests): "نقلت رويترز عن بيانات…" (Reuters quoted data…): the
        # verb first, then the outlet
        tokens = arabic.group("name").split()
        for count in range(min(5, len(tokens)), 0, -1):
            candidate = " ".join(tokens[:count])
            known = registry.resolve(candidate)
            if known is not None and known.label not in _ACTOR_LABELS:
                return Credit(candidate, None, None, arabic.group(0).strip(), "according")
    cjk = _CJK_REPORTS.match(text)
    if cjk:
        outlet = _cjk_registered(cjk.group("outlet"), registry)
        if outlet:
            # ("据路透社19日报道": a day of the page's month, as in a dateline)
            found = _cjk_day(cjk.group("md"), context) if cjk.group("md") else None
            return _credit(outlet, found, cjk.group(0).strip(), "according")
    return None


def _is_actor(name: str, registry: OutletRegistry) -> bool:
    """A government body named in running text speaks or acts; it is not the item's outlet."""
    known = registry.resolve(name)
    return known is not None and known.label in _ACTOR_LABELS


# What a Chinese report's opening puts between the outlet and its verb: the outlet's site or
# kind, the city it reported from, the day, the issue ("《经济学人》周刊3月8日一期文章称",
# "【美联社华盛顿3月10日电】", "据英国广播公司（BBC）网站3月9日报道")
_CJK_REPORT_REST = re.compile(
    r"^(?:\s*[（(][A-Za-z\u3400-\u9fff ]{1,12}[)）])?(?:网站|網站|网|網|官网|官網|客户端|客戶端|周刊|週刊|杂志|雜誌|电视台|電視台|频道|頻道)?"
    # (a reporter and the city: "中央社記者林怡君台北13日電")
    r"(?:\s*(?:记者|記者|特派员|特派員|驻[\u3400-\u9fff]{1,4}记者|駐[\u3400-\u9fff]{1,4}記者)\s*[\u3400-\u9fff·]{2,4}?\s*(?=[\u3400-\u9fff]{2,5}?\s*\d))?"
    r"(?P<place>\s*[\u3400-\u9fff]{2,5}?)?\s*(?P<md>(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日|近日|日前|当天|當天|最近)?(?:出版的|发表的|發表的)?"
    r"(?:一期|最新一期)?(?:的)?(?:文章|社论|社論|评论|評論|专栏|專欄|报道|報導|報道)?"
    r"(?:称|稱|报道|報導|報道|电|電|讯|訊|消息|指出|披露|援引|刊文|刊發|刊发|刊登|發文|发文|撰文|说|說|写道|寫道|分析|认为|認為)"
)


def _cjk_report(text: str, registry: OutletRegistry, context: DateContext | None) -> Credit | None:
    """A Chinese report's opening naming its outlet: ``据美国《华尔街日报》网站3月4日报道``,
    ``【日本共同社3月2日电】``, ``俄罗斯卫星通讯社3月11日报道``, ``英国《经济学人》周刊3月8日一期文章称``.

    NOTE (heldout10 foreign-media compilations): each of these forms was read by none of the
    patterns, or with the site's word left in the outlet's name.
    """
    head = text[:60]
    bracket = head.startswith(("【", "[", "（", "("))
    start = 1 if bracket else 0
    lead = re.match(r"(?:据|據|综合|綜合)", head[start:])
    start += lead.end() if lead else 0
    place = _CJK_PLACE.match(head[start:])

    def reported(end: int) -> re.Match[str] | None:
        rest = _CJK_REPORT_REST.match(head[end:])
        return rest if rest is not None and (not bracket or head[end + rest.end():].lstrip().startswith(("】", "]", "）", ")"))) else None

    outlet, end, rest = None, start, None
    # (the name with its country, "英国广播公司", or after it, "日本|共同社"; a name ends in a
    # character, not a figure: "路透社|3月11日"; the longest name the verb follows)
    for first in dict.fromkeys((start, start + (place.end() if place else 0))):
        quoted = re.match(r"《(?P<name>[^《》]{2,20})》", head[first:])
        if quoted:
            outlet, end = _cjk_registered(quoted.group("name"), registry) or quoted.group("name"), first + quoted.end()
            rest = reported(end)
            break
        for stop in range(min(len(head), first + 14), first + 1, -1):
            if "\u3400" <= head[stop - 1] <= "\u9fff" and (known := _cjk_registered(head[first:stop], registry)) is not None \
                    and (rest := reported(stop)) is not None:
                outlet, end = known, stop
                break
        if outlet is not None:
            break
    if outlet is None or rest is None or _is_actor(outlet, registry):
        return None
    day = rest.group("md")
    found = _cjk_day(day, context) if day and day[:1].isdigit() else None
    # (a dispatch, "…电" or in brackets, is a dateline; "…报道", "…称" tells what it reported)
    shape = "dateline" if bracket or rest.group(0).endswith(("电", "電")) else "according"
    stop = end + rest.end() + (1 if bracket else 0)
    return _credit(outlet, found if found is not None and found.date is not None else None, head[:stop].strip(), shape,
                   **({"span": (0, stop)} if shape == "dateline" else {}))


def _cjk_registered(name: str, registry: OutletRegistry) -> str | None:
    """The registered outlet a Chinese name points at: as printed, with 社/网 added or taken off."""
    name = name.strip("《》 ")
    bare = _CJK_PLACE.sub("", name).strip("《》 ")
    for candidate in (name, name + "社", name + "网", name + "網", re.sub(r"[社网網报報台]$", "", name),
                      re.sub(r"的$", "", name), *((bare, bare + "社") if bare != name and len(bare) >= 2 else ())):
        if candidate and registry.resolve(candidate):
            return candidate
    return None


def closing_credit(text: str, tail: str | None, registry: OutletRegistry, context: DateContext | None = None) -> Credit | None:
    """A credit closing a paragraph: ``… — Nikkei Asia``, ``… – Reuters, March 3``,
    ``… (Caixin, 3 March)``, an italic outlet name at the end, ``Read more at scmp.com``."""
    line = " ".join(text.split())
    if tail:
        bare = clean_outlet(tail)
        start = line.rfind(tail)
        # an emphasised credit line ends the paragraph: "… orders. *Caixin, 5 April 2024.*"
        whole = parse_line(tail, registry, context) if start > 0 and line.rstrip(" .)）").endswith(tail.rstrip(" .")) else None
        if whole is not None and whole.outlet and registry.resolve(whole.outlet):
            return replace(whole, raw=tail, shape="tail", span=(start, len(line)), header=False)
        after = line[start + len(tail):] if start >= 0 else ""
        # the date that goes with an emphasised outlet stands right after it: "(*Reuters*, 5 September)"
        found = find_printed_date(after, context) if re.match(r"^\W{0,3}\d|^\W{0,3}[A-Z][a-z]{2,8}\.?\s+\d", after) else None
        if found is not None and (found.date is None or found.date.month is None):
            found = None
        if bare and is_outlet(bare, registry) and len(bare) < 60 and (
                line.rstrip(" .)）").endswith(tail.rstrip(" .")) or (found is not None and len(after) < 30)):
            return _credit(bare, found, tail, "tail", span=(max(0, start), len(line)))
    made_by = _MADE_BY.search(line)
    if made_by is not None and made_by.start() > 0 and (known := registry.resolve(made_by.group("outlet"))) is not None \
            and known.label not in _ACTOR_LABELS:
        # NOTE (heldout5 chart newsletters): "…, charted by the South China Morning Post (Oct 16)."
        found = find_printed_date(made_by.group("date"), context) if made_by.group("date") else None
        return _credit(clean_outlet(made_by.group("outlet")), found if found is not None and found.date else None,
                       made_by.group(0).strip(), "reported", span=(made_by.start(), len(line)))
    for pattern, shape in ((_TRAILING_DASH, "dash"), (_TRAILING_PAREN, "paren"), (_TRAILING_MORE, "more")):
        match = pattern.search(line)
        if match is None or match.start() == 0:
            continue
        inner = match.groupdict().get("inner") or match.groupdict().get("inner2") or match.groupdict().get("inner3") or ""
        credit = _inner(inner, match.group(0).strip(), registry, context, shape=shape)
        labelled = shape == "paren" and _LABEL.match(inner) is not None
        if labelled and (credit is None or _unsplit(credit)):
            read = parse_line(inner, registry, context)  # "… trimestre. (Fonte: Estadão)"
            credit = replace(read, raw=match.group(0).strip(), shape="paren", header=False) if read else credit
        if credit is None:
            continue
        # (an unregistered name in brackets counts only with a full date: "(Harbour Times, 4 June
        # 2024)" credits; "(the first in a decade)" does not)
        dated_name = credit.published is not None and credit.published.day is not None and looks_like_name(credit.outlet or "")
        # (a source label names the source, whatever it is: "（来源：新浪微博@城市晚报，11月6日）")
        if credit.outlet is not None and not labelled and not (
                registry.resolve(credit.outlet) or _DOMAIN.match(credit.outlet)
                or ((shape != "paren" or dated_name) and looks_like_name(credit.outlet))):
            continue
        if shape == "paren" and credit.outlet is None and (credit.published is None or credit.published.day is None):
            continue
        if shape == "dash" and credit.outlet and not registry.resolve(credit.outlet) and credit.published is None \
                and not re.search(r"[—–]|--", match.group(0)):
            continue  # "Client call deck - Industrials & Consumer": a hyphen before an unknown name parts a title
        return replace(credit, span=(match.start(), len(line)))
    told = _TOLD_BY.search(line)
    if told is not None and told.start() > 0:
        # NOTE (heldout5 German monitors): "… zu prüfen. Das berichtete die Süddeutsche Zeitung am 6. Februar."
        credit = _fields(told.group("inner"), told.group(0).strip(), registry, context, shape="reported")
        if credit.outlet and registry.resolve(credit.outlet) and not _is_actor(credit.outlet, registry):
            return replace(credit, span=(told.start(), len(line)), header=False)
    published = _TRAILING_PUBLISHED.search(line)
    if published is not None:
        # "… for the year. Published 24 October 2022.": the text closes with its own date
        found = find_printed_date(published.group("date"), context)
        if found is not None and found.date is not None and found.start == 0:
            return _credit(None, found, published.group(0).strip(), "date", span=(published.start(), len(line)))
    bare_tail = _TRAILING_NAME.search(line)
    if bare_tail is not None:
        # NOTE (heldout4 archive pages): "… 1.67 trillion yuan. South China Morning Post": a
        # registered outlet's name alone after the last sentence (not one that speaks)
        known = registry.resolve(bare_tail.group("name"))
        if known is not None and known.label not in _ACTOR_LABELS:
            return Credit(clean_outlet(bare_tail.group("name")), None, None, bare_tail.group("name"), "tail",
                          span=(bare_tail.start("name"), len(line)))
    link = _TRAILING_LINK.search(line)
    if link is not None and link.start() > 0:
        # NOTE (heldout3 threads): a post that ends with its link ("… on the mend. scmp.com/news/…")
        # credits the site the link goes to, when the registry knows it
        known = registry.resolve(link.group("link") if "://" in link.group("link") else "https://" + link.group("link"))
        if known is not None:
            return Credit(known.name, None, None, link.group("link"), "link", url=link.group("link"),
                          span=(link.start(), len(line)))
    return None


_TRAILING_PUBLISHED = re.compile(r"(?<=[.!?”\"])\s+(?:first\s+)?(?:published|posted)(?:\s+on)?\s+(?P<date>[^.]{4,30}?)\.?\s*$", re.I)
_TRAILING_NAME = re.compile(r"(?<=[.!?。！？”\"])\s+(?P<name>(?:[A-Z][\w'’.&-]*\s?){1,6}?)\s*$")
_TRAILING_LINK = re.compile(r"(?<=[.!?。！？”\")])\s+(?P<link>(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/\S*?)…?\s*$")


# --- an outlet named in the running text -----------------------------------------------------------

_PROPER_RUN = re.compile(r"(?:(?<=\s)|^|(?<=[(“\"‘'*_]))((?:(?:[A-Z]|\d{1,3}(?:st|nd|rd|th)\b)[\w'’.&-]*\s+(?:of\s+|the\s+|and\s+|for\s+)?){0,9}[A-Z][\w'’.&-]*)")
_MENTION_BEFORE = re.compile(
    r"(?:\b(?:in|by|from|to|told|according to|per|via|says|said|writes|wrote|reports?|reported|"
    r"piece|story|report|article|account|scoop|investigation|interview|feature|analysis|editorial)\s+(?:the\s+)?|[(“\"])$",
    re.I,
)
_MENTION_AFTER = re.compile(
    r"^(?:['’]s?(?=[\s,.;:]|$)|\s*[,:]?\s*(?:which\s+|also\s+|first\s+|has\s+|had\s+)?" + _REPORTS + r"\b|\s+(?:counts|found|finds|has|had|got|"
    r"tracked|tracks|broke|breaks|digs|dug|looks|looked|explains|explained|maps|mapped|talked|talks|interviewed|spoke|"
    r"visited|went|goes|asks|asked|sets|set|lays|laid|puts|put|walks|walked|profiles|profiled|points out|pointed out|"
    r"notices|noticed|spotted|spots|confirms|confirmed|details|detailed|recounts|recounted|estimates|estimated)\b"
    r"|\s*[,(]\s*(?=\d|[A-Z][a-z]{2,8}\.?\s+\d)"
    # NOTE (heldout reading columns): "The Global Times scoop on October 22", "The South China
    # Morning Post, in a piece on 18 July, points out…": the outlet's own piece, or an aside
    # before the verb
    r"|\s+(?:scoop|piece|story|report|series|investigation|exclusive|editorial|feature|profile|long read|op-ed|column)\b"
    r"|\s*,\s*(?:in|on|from|with)\s[^,.;:]{2,40},\s*(?:which\s+|also\s+)?(?:" + _REPORTS[3:-1] +
    r"|points out|pointed out|notes|confirms|confirmed|details|detailed|recounts|estimates|estimated)\b)"
)


# The same slots in other languages: a reporting verb or "according to", then perhaps an article
# and the kind of outlet, right before the name ("berichtet die Nachrichtenagentur Reuters",
# "meldet der Staatssender CCTV", "sagte dem Handelsblatt", "selon l'agence Chine nouvelle",
# "informó el diario El País"), or the kind of outlet alone ("Das Parteiorgan Renmin Ribao")
_MENTION_BEFORE_LOCAL = re.compile(
    r"(?:\b(?:" + "|".join(sorted(map(re.escape, (*_LOCAL_VERBS, *_LOCAL_ACCORDING_WORDS)), key=len, reverse=True))
    + r"|berichten|berichteten|melden|zitiert|zitierte|sagte|sagten|erklärte|d['’]après|informó|publica|publicó|podaje|meldt)"
    r"\s+(?:(?:die|der|das|dem|den|des|le|la|les|l['’]|el|los|las|il|lo|gli|o|a|os|het|de)\s*)?(?:[^\W\d_]+\s+)?"
    + _MEDIA_WORD + r"?|\b" + _MEDIA_WORD + r")$", re.I)
# a date that goes with the mention: "Bloomberg reported on 15 July", "The Global Times scoop on
# October 22", "the Post, in a piece on 18 July," ("reported that on 5 May…" is an event: the
# date must follow at most two words and "on")
# capitalised words that open a sentence rather than a name ("On Monday Reuters said")
_OPENING_WORDS = frozenset(["on", "in", "at", "by", "from", "yesterday", "today", "separately", "meanwhile", "also", "and",
                            "but", "elsewhere", "finally", "as", "while", "when", "after", "before", "then", "now", "last",
                            "this", "next", "earlier", "later", "overnight", "here", "there", "so", "yet", "still", "meantime"])
_MENTION_DATE = re.compile(r"^\W{0,3}(?:(?:in\s+)?(?:a|an|the|its)\s+)?(?:(?!that\b)[^\W\d][\w-]*\s+){0,2}?(?:on\s+|of\s+|dated\s+)?\W{0,2}"
                           r"(?=\d|[A-Z][a-z]{2,8}\.?\s+\d)")
# "A: The Paper. Its series…": an answer that opens by naming the outlet
_ANSWER_LABEL = re.compile(r"\s*(?:A|Q|R|答)\s*[:：]\s*(?:the\s+)?", re.I)
_CJK_MENTION = re.compile(r"(?:据|據|根据|根據|综合|綜合)\s*(?P<outlet>[\u3400-\u9fff《》]{2,12}?)\s*"
                          r"(?P<md>(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?(?=和|及|、|与|與|的?报道|的?報導|的?報道|消息|称|稱)")
_INNER_PAREN = re.compile(r"[(（](?P<inner>[^()（）]{2,60})[)）]")


def mention_credit(text: str, registry: OutletRegistry, context: DateContext | None = None) -> Credit | None:
    """A registered outlet the text names as its source: ``… is Reuters' account``,
    ``The Wall Street Journal counts …``, ``in the Financial Times, 8 April``,
    ``Bloomberg reported on 15 July that …``. Only registered names count, and only in such
    a slot (a bare mention is not a credit)."""
    for cjk in _CJK_MENTION.finditer(text):
        # "…。据路透社和彭博社报道，…": a Chinese source phrase inside the paragraph
        outlet = _cjk_registered(cjk.group("outlet"), registry)
        if outlet and not _is_actor(outlet, registry):
            # ("据新华社6月7日报道": the day it reported)
            found = _cjk_day(cjk.group("md"), context) if cjk.group("md") else None
            return _credit(outlet, found if found is not None and found.date is not None else None, cjk.group(0), "mention")
    for paren in _INNER_PAREN.finditer(text):
        # "… into a hillside near Wuzhou (reuters.com, 21 March). China Eastern grounded …"
        inner = _inner(paren.group("inner"), paren.group(0), registry, context, shape="mention")
        if inner is not None and inner.outlet and (registry.resolve(inner.outlet) or _DOMAIN.match(inner.outlet)):
            known = registry.resolve(inner.outlet)
            if known is None or known.label not in _ACTOR_LABELS:
                return inner
    capitals = _capitals_name(text, registry)
    if capitals is not None:
        return _credit(capitals[0], _piece_date(text[:300], context), capitals[1], "mention")
    for match in _PROPER_RUN.finditer(text):
        run = match.group(1)
        words = run.split()
        for start in range(len(words)):
            if not registry.could_start_name(words[start]) and words[start].lower() != "the":
                continue
            for end in range(len(words), start, -1):
                name = re.sub(r"['’]s?$", "", " ".join(words[start:end]).rstrip(".,"))  # "Reuters'", "the Journal's"
                known = registry.resolve(name) if len(name) >= 2 else None
                if known is None or known.label in _ACTOR_LABELS or name.casefold() in _NOT_OUTLETS:
                    continue
                before_word = words[start - 1].rstrip(",;") if start > 0 else ""
                if end - start == 1 and before_word[:1].isupper() and not before_word.endswith((".", ":")) \
                        and not _calendar(before_word) and before_word.casefold() not in _OPENING_WORDS \
                        and not re.fullmatch(_MEDIA_WORD, before_word + " ", re.I):
                    break  # "Harbour Times" is not The Times: one word of a longer name
                at = text.find(name, match.start(1))
                before = text[max(0, at - 40): at]
                after = text[at + len(name): at + len(name) + 60]
                if at == 0 or _MENTION_BEFORE.search(before) or _MENTION_BEFORE_LOCAL.search(before) \
                        or _MENTION_AFTER.match(after) or (
                        _ANSWER_LABEL.fullmatch(text[:at]) and re.match(r"^\s*[.:]", after)):
                    dated = _MENTION_DATE.match(after)
                    found = find_printed_date(after[dated.end():dated.end() + 40], context) if dated else None
                    found = found if found is not None and found.start == 0 else None
                    date = found if found is not None and found.date is not None else _piece_date(text[:300], context)
                    return _credit(clean_outlet(name), date, name, "mention")
                break
    # (a later sentence opening "according to" a registered outlet, in a language whose names
    # the capitalised runs above do not see: "… По данным агентства «Кабар», сумма …")
    for stop in _SENTENCE_START.finditer(text[:600]) if _LOCAL_ACCORDING_HINT.search(text, 1, 600) else ():
        according = _LOCAL_ACCORDING.match(text[stop.end():stop.end() + 160])
        if according is not None:
            printed = clean_outlet(according.group("outlet"))
            known = registry.resolve(printed) if printed else None
            if known is not None and known.label not in _ACTOR_LABELS:
                return _credit(printed, None, according.group(0), "mention")
    return None


_SENTENCE_START = re.compile(r"(?<=[.!?。！？])\s+")
_LOCAL_ACCORDING_HINT = re.compile(r"(?<=[.!?。！？]\s)\s*(?i:" + "|".join(sorted(map(re.escape, _LOCAL_ACCORDING_FIRST), key=len, reverse=True)) + r")\b")


_PAPER_NOUN = re.compile(r"(?:ZEITUNG|POST|TIMES|NEWS|PRESSE|PRESS|NACHRICHTEN|ANZEIGER|BLATT|JOURNAL|HERALD|TRIBUNE|KURIER|"
                         r"RUNDSCHAU|TAGBLATT|DAILY|MONDE|GAZETTE|GAZZETTA|CORRIERE|STAMPA|REPUBBLICA|PAÍS|MUNDO|KRANT|DAGBLAD|"
                         r"TIDNING|TIDENDE|AVIS)$")
_CAPITALS_HINT = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω]{2}")
_ARTICLE = frozenset(["der", "die", "das", "le", "la", "les", "el", "il", "lo", "the", "de", "het"])


def _capitals_name(text: str, registry: OutletRegistry) -> tuple[str, str] | None:
    """A paper named in capitals in a paragraph's first words, as press reviews print it ("Die
    FRANKFURTER ALLGEMEINE ZEITUNG schreibt:", "Zur China-Politik heißt es in der SÜDDEUTSCHEN
    ZEITUNG:", "Der Wiener STANDARD kommentiert"): the name, registered (an inflected ending
    folded: SÜDDEUTSCHEN → Süddeutsche) or of two words or more ending in a paper's noun, and
    the words as printed.

    NOTE (heldout12 Presseschau): the reviews name every paper this way, with verbs of opinion
    no list of reporting verbs holds ("meint", "gibt zu bedenken", "sieht es ähnlich").
    """
    head = text[:90]
    if not _CAPITALS_HINT.search(head):
        return None  # (asked of every paragraph: most have no two capitals in a row)
    words = head.split()
    run: list[str] = []
    first = -1
    for n, word in enumerate(words):
        bare = word.strip(",.:;!?„“”\"'()«»")
        if len([c for c in bare if c.isalpha()]) >= 2 and bare.isupper() and bare.strip("-&.'’").replace("-", "").isalpha():
            if not run:
                first = n
            run.append(bare)
            if bare != word:
                break  # punctuation ends the name
        elif run:
            break
    if not run or sum(len(w) for w in run) < 5 or len(" ".join(words[:first])) > 60:
        return None
    name = " ".join(run)
    letters = [c for c in text[:400].replace(name, " ") if c.isalpha()]
    if len(letters) < 12 or sum(c.isupper() for c in letters) * 4 > len(letters):
        return None  # a paragraph in capitals, or mostly: a headline, a dateline's slug
    before = words[first - 1].strip(",.:;") if first > 0 else ""
    lead = words[0] if words and words[0].casefold() in _ARTICLE else ""
    tries = [f"{before} {name}" if before.casefold() in _ARTICLE else "", f"{lead} {name}" if lead and first > 0 else "", name,
             " ".join(re.sub(r"EN$", "E", w) if len(w) > 5 else w for w in run)]
    for candidate in (t for t in tries if t):
        known = registry.resolve(candidate)
        if known is not None and known.label not in _ACTOR_LABELS:
            return known.name, name
    if len(run) >= 2 and _PAPER_NOUN.search(run[-1]):
        return name.title(), name
    return None


# "In a report of 4 February", "a long read published on 22 April", "In a dispatch of 14 November":
# the date of the piece itself, where the text names the piece
_PIECE_DATE = re.compile(
    r"\b(?:report|dispatch|article|piece|story|read|interview|editorial|commentary|analysis|investigation|op-ed|column|"
    r"feature|despatch|leader|scoop)s?(?:\s+[\w-]+){0,2}?\s+(?:of|on|dated|from|published on|published|run on|filed on)\s+", re.I)


def _piece_date(text: str, context: DateContext | None) -> PrintedDate | None:
    """The date of the piece a paragraph's opening names ("In a report of 4 February"), if one."""
    found = [d for m in _PIECE_DATE.finditer(text) if (d := find_printed_date(text[m.end():m.end() + 40], context)) is not None
             and d.start == 0 and d.date is not None and d.date.day is not None]
    return found[0] if len(found) == 1 else None


_QUOTED_TITLE = re.compile(r"[“\"《«‘](?P<title>[^“”\"《》«»‘’]{6,160}?)[”\"》»’]")


_NOTE_CITATION = re.compile(
    r"^\s*(?:\d{1,3}[.)]\s+|\[\d{1,3}\]\s*)?(?P<outlet>[^,;“\"«]{2,80}?),\s+"
    r"(?:[“\"«]\s*(?P<title>[^”\"»]{3,300}?)[,.]?\s*[”\"»][,.]?\s*)?(?P<rest>.*)$")


def note_credit(text: str, registry: OutletRegistry, context: DateContext | None = None) -> Credit | None:
    """A footnote or endnote that cites a work: ``Reuters, “Title,” March 24, 2023.`` or
    ``China Central Television, evening news bulletin, May 8, 2023.``

    The outlet is what the note names first; the date is the note's (an access date is not).
    """
    first = re.split(r";\s+", text, maxsplit=1)[0]
    match = _NOTE_CITATION.match(first)
    if match is None:
        return None
    outlet = _outlet_from(match.group("outlet"), registry)
    if outlet is None or not (registry.resolve(outlet) or looks_like_name(outlet)):
        return None
    rest = re.sub(r"\((?:accessed|retrieved|consulted|viewed)[^)]*\)|(?:accessed|retrieved)\s+[^.;]*", "", match.group("rest"),
                  flags=re.I)
    found = find_printed_date(rest, context)
    credit = _credit(outlet, found if found is not None and found.date is not None else None, text, "note")
    return replace(credit, title=match.group("title").strip(" ,.")) if match.group("title") else credit


def cited_work(text: str, registry: OutletRegistry, context: DateContext | None = None) -> Credit | None:
    """A paragraph that cites a work: a registered outlet named as its source and a quoted title
    (``The Wall Street Journal's reconstruction, “The defense minister who vanished”, …``)."""
    if not _QUOTED_TITLE.search(text):
        return None  # no quoted title: checked first, naming an outlet costs more
    credit = mention_credit(text, registry, context)
    if credit is None or not credit.outlet:
        return None
    for match in _QUOTED_TITLE.finditer(text):
        title = match.group("title").strip()
        words = len(title.split()) + len(re.findall(r"[\u3400-\u9fff]", title)) // 2
        if 3 <= words <= 25 and not title.endswith((".", ",", "!", "?", ";", "。", "，")) and title[:1].isupper() | bool(
                re.match(r"[\u3400-\u9fff]", title)):
            after = text[match.end(): match.end() + 40]
            found = credit.published
            if found is None:
                # only a date that goes with the title: "“Title”, from October 24", "“Title” (8 April)"
                lead = re.match(r"^[\s,，)）]*(?:[(（]\s*|(?:from|on|dated|published(?: on)?|of)\s+)?", after)
                dated = find_printed_date(after[lead.end():lead.end() + 24], context) if lead else None
                found = dated.date if dated is not None and dated.start == 0 and dated.date is not None \
                    and dated.date.day is not None else None
            return replace(credit, shape="cited", title=title, published=found)
    return None
