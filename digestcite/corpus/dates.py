"""Dates as pages print them: parsing, partial precision, ranges, and event dates in sentences.

A date keeps the precision it was printed with (``2019``, ``2019-02``, ``2019-02-25``);
a range is an ISO 8601 interval (``2019-02-25/2019-03-03``). Nothing is guessed: a date
that does not exist or that could be read two ways is refused with a reason.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from digestcite.errors import ParseError

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d|2100)"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?),?\s+"
_TIME = r"(?:[ T,]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[AaPp]\.?[Mm]\.?))?(?:\s*(?:[A-Z]{2,4}|[+-]\d{2}:?\d{2}|Z))?)?"
_DASH = r"\s*(?:[-–—~]|to|through|until)\s*"


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date that may lack its day or month (``2019``, ``2019-02``)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ParseError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ParseError(f"no month {self.month}")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ParseError(
                    f"{calendar.month_name[self.month]} {self.day}, {self.year} does not exist"
                )

    def iso(self) -> str:
        """The ISO 8601 form that keeps this date's precision."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> str:
        return "year" if self.month is None else "month" if self.day is None else "day"

    def as_tuple(self) -> tuple[int, int, int]:
        """Sortable (year, month, day) with missing parts as 0."""
        return (self.year, self.month or 0, self.day or 0)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
        if not match:
            raise ParseError(f"not an ISO date: {text!r}")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """One date or a range of dates found in a text."""

    start: PartialDate
    end: PartialDate | None = None

    def iso(self) -> str:
        if self.end is None or self.end == self.start:
            return self.start.iso()
        return f"{self.start.iso()}/{self.end.iso()}"


def _month(name: str) -> int:
    key = name.rstrip(".").lower()
    return MONTHS.get(key) or MONTHS[key[:3]]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


_WHOLE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?P<y>{_YEAR})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}}){_TIME}", re.I), "ymd"),
    (re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]"), "ymd"),
    (re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>\d{{1,2}})\s*月"), "ym"),
    (re.compile(rf"(?P<y>{_YEAR})\s*年"), "y"),
    (re.compile(rf"(?P<y>{_YEAR})[-/](?P<m>\d{{1,2}})"), "ym"),
    (re.compile(rf"(?P<mn>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR}){_TIME}", re.I), "mdy"),
    (re.compile(rf"(?P<d>{_DAY})(?:\s+|-)(?P<mn>{_MONTH}),?(?:\s+|-)(?P<y>{_YEAR}){_TIME}", re.I), "dmy"),
    (re.compile(rf"(?P<mn>{_MONTH}),?\s+(?P<y>{_YEAR})", re.I), "my"),
    (re.compile(rf"(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.](?P<y>{_YEAR}){_TIME}"), "numeric"),
    (re.compile(rf"(?P<y>{_YEAR})"), "y"),
]


def parse_date(text: str) -> PartialDate:
    """Read one date printed as a whole string, in any of the common forms.

    Accepts ``October 22, 2020``, ``Oct. 22 2020``, ``22 October 2020``, ``09-Jun-2011``,
    ``2015-4-17 17:33:19``, ``2020/10/22``, ``2020年10月22日``, ``June 1950``, ``2020``,
    with an optional weekday before and time after.

    :raises ParseError: when the text is not a date, the date does not exist
        (``February 30, 2020``) or could be read two ways (``03/04/2020``).
    """
    cleaned = " ".join(text.split()).strip(" .,;()[]")
    cleaned = re.sub(rf"^{_WEEKDAY}", "", cleaned, flags=re.I)
    cleaned = re.sub(r"^(\d{1,2})\.\s+(?=[^\W\d_])", r"\1 ", cleaned)  # "1. december 2025" (Danish, Norwegian, German)
    if not cleaned:
        raise ParseError("empty date")
    for pattern, shape in _WHOLE_PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match:
            return _build(match, shape, cleaned)
    raise ParseError(f"not a date: {text.strip()!r}")


def _build(match: re.Match[str], shape: str, text: str) -> PartialDate:
    groups = match.groupdict()
    year = int(groups["y"])
    if shape == "y":
        return PartialDate(year)
    if shape in ("ym", "my"):
        month = int(groups["m"]) if shape == "ym" else _month(groups["mn"])
        return PartialDate(year, month)
    if shape == "numeric":
        first, second = int(groups["a"]), int(groups["b"])
        if first <= 12 and second <= 12 and first != second:
            raise ParseError(f"ambiguous date {text!r}: month and day could be either way round")
        month, day = (first, second) if second > 12 or first == second else (second, first)
        return PartialDate(year, month, day)
    month = int(groups["m"]) if shape == "ymd" else _month(groups["mn"])
    return PartialDate(year, month, _day(groups["d"]))


def find_date(text: str) -> tuple[PartialDate | None, str | None, str]:
    """Find the first date inside a line such as a source line.

    :returns: ``(date, reason, matched_text)``; date is None with a reason when a date-like
        text is there but doubtful, or ``(None, None, "")`` when there is no date at all.
    """
    for match in _ANY_DATE.finditer(text):
        raw = match.group(0)
        try:
            return parse_date(raw), None, raw
        except ParseError as exc:
            return None, f"doubtful date {raw.strip()!r}: {exc.message}", raw
    return None, None, ""


_ANY_DATE = re.compile(
    "|".join(
        [
            rf"{_YEAR}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?",
            rf"{_YEAR}\s*年\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*[日号])?",
            rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
            rf"\b{_DAY}\.?(?:\s+|-){_MONTH},?(?:\s+|-){_YEAR}\b",
            rf"\b{_MONTH},?\s+{_YEAR}\b",
            rf"\b\d{{1,2}}[/.]\d{{1,2}}[/.]{_YEAR}\b",
            rf"{_YEAR}[-/]\d{{1,2}}\b",
            rf"(?<![\d,.]){_YEAR}(?![\d,.]\d)",
        ]
    ),
    re.I,
)

# Event dates inside running text. These patterns are case-sensitive, so months must be
# capitalised: "may" and "march" are also verbs.
_CMONTH = _MONTH
_EVENT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("from_to", re.compile(
        rf"\b[Ff]rom\s+(?P<m1>{_CMONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y1>{_YEAR})\s+(?:to|until|through)\s+"
        rf"(?P<m2>{_CMONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})\b")),
    ("md_md_y", re.compile(
        rf"\b(?P<m1>{_CMONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<m2>{_CMONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y>{_YEAR})\b")),
    ("md_d_y", re.compile(
        rf"\b(?P<m1>{_CMONTH})\s+(?P<d1>{_DAY})\s*[-–—]\s*(?P<d2>{_DAY}),?\s+(?P<y>{_YEAR})\b")),
    ("mdy", re.compile(rf"\b(?P<m1>{_CMONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y>{_YEAR})\b")),
    ("dmy", re.compile(rf"\b(?P<d1>{_DAY})\s+(?P<m1>{_CMONTH}),?\s+(?P<y>{_YEAR})\b")),
    ("iso", re.compile(rf"(?<!\d)(?P<y>{_YEAR})-(?P<m1>\d{{2}})-(?P<d1>\d{{2}})(?!\d)")),
    ("cjk", re.compile(rf"(?P<y>{_YEAR})年(?P<m1>\d{{1,2}})月(?:(?P<d1>\d{{1,2}})[日号])?")),
    ("md", re.compile(rf"\b(?P<m1>{_CMONTH})\s+(?P<d1>{_DAY})\b(?!,?\s*{_YEAR})(?!\s*(?:percent|%))")),
    ("my", re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Oo]f|[Ll]ate|[Ee]arly|[Mm]id-?)\s+(?:the\s+)?"
                      rf"(?P<m1>{_CMONTH}),?\s+(?P<y>{_YEAR})\b")),
    ("y", re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ll]ate|[Ee]arly|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)"
                     rf"\s+(?:of\s+)?(?P<y>{_YEAR})\b(?!\s*(?:percent|%))")),
]


_HAS_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in running text, with where it stood."""

    span: DateSpan
    start: int
    end: int


def find_event_dates(text: str, published: PartialDate | None = None) -> list[FoundDate]:
    """Every date or date range stated in a sentence, in order of appearance.

    A month and day without a year (``On February 13``) takes the year that puts it
    nearest the item's publication date (``December 28`` in an item of January 5 is the
    year before; ``March 4`` in one of February 28 is days ahead); with no publication
    date it is left out rather than guessed.
    """
    return scan_dates(text, published)[0]


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where dates stand in a text, resolvable or not (so their digits are not counted as numbers)."""
    return scan_dates(text, None, resolve=False)[1]


def scan_dates(
    text: str, published: PartialDate | None = None, *, resolve: bool = True,
) -> tuple[list[FoundDate], list[tuple[int, int]]]:
    """One pass of the date patterns: the dates found (as :func:`find_event_dates`) and
    every span any pattern matched (as :func:`date_spans`)."""
    found: list[FoundDate] = []
    spans: list[tuple[int, int]] = []
    if not _HAS_DIGIT.search(text):
        return found, spans  # every event-date shape has a day or a year in digits
    # NOTE: issue 12.19: the dates taken never overlap one another, so kept sorted their ends
    # are sorted too, and one bisection finds the only one a new match could overlap (a scan
    # of all of them made a 400 KB page of dates take 45 s).
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    for shape, pattern in _EVENT_PATTERNS:
        for match in pattern.finditer(text):
            spans.append((match.start(), match.end()))
            if not resolve:
                continue
            at = bisect.bisect_right(taken_ends, match.start())
            if at < len(taken_starts) and taken_starts[at] < match.end():
                continue
            try:
                span = _event_span(shape, match.groupdict(), published)
            except ParseError:
                span = None
            taken_starts.insert(at, match.start())
            taken_ends.insert(at, match.end())
            if span is not None:
                found.append(FoundDate(span, match.start(), match.end()))
    found.sort(key=lambda f: f.start)
    return found, spans


def _event_span(shape: str, g: dict[str, str], published: PartialDate | None) -> DateSpan | None:
    if shape == "from_to":
        return DateSpan(
            PartialDate(int(g["y1"]), _month(g["m1"]), _day(g["d1"])),
            PartialDate(int(g["y2"]), _month(g["m2"]), _day(g["d2"])),
        )
    if shape in ("md_md_y", "md_d_y"):
        year = int(g["y"])
        m1 = _month(g["m1"])
        m2 = _month(g["m2"]) if shape == "md_md_y" else m1
        start_year = year - 1 if m1 > m2 else year
        return DateSpan(PartialDate(start_year, m1, _day(g["d1"])), PartialDate(year, m2, _day(g["d2"])))
    if shape in ("mdy", "dmy"):
        return DateSpan(PartialDate(int(g["y"]), _month(g["m1"]), _day(g["d1"])))
    if shape in ("iso", "cjk"):
        day = _day(g["d1"]) if g.get("d1") else None
        return DateSpan(PartialDate(int(g["y"]), int(g["m1"]), day))
    if shape == "my":
        return DateSpan(PartialDate(int(g["y"]), _month(g["m1"])))
    if shape == "y":
        return DateSpan(PartialDate(int(g["y"])))
    # shape == "md": month and day without a year
    if published is None:
        return None
    month, day = _month(g["m1"]), _day(g["d1"])
    reference = (published.year, published.month or 7, published.day or 15)
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(PartialDate(year, month, day))
        except ParseError:
            continue  # February 29 in a year without it
    if not candidates:
        return None
    nearest = min(candidates, key=lambda d: abs(_ordinal(d.as_tuple()) - _ordinal(reference)))
    return DateSpan(nearest)


def _ordinal(ymd: tuple[int, int, int]) -> int:
    return ymd[0] * 372 + ymd[1] * 31 + ymd[2]


def in_range(value: str | None, date_from: PartialDate | None, date_to: PartialDate | None) -> bool:
    """Whether an ISO date or interval overlaps ``[date_from, date_to]`` at its own precision."""
    if value is None:
        return date_from is None and date_to is None
    start_text, _, end_text = value.partition("/")
    start = PartialDate.from_iso(start_text)
    end = PartialDate.from_iso(end_text) if end_text else start
    if date_from is not None and _upper(end) < _lower(date_from):
        return False
    return date_to is None or _lower(start) <= _upper(date_to)


def _lower(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 1, date.day or 1)


def _upper(date: PartialDate) -> tuple[int, int, int]:
    month = date.month or 12
    day = date.day or calendar.monthrange(date.year, month)[1]
    return (date.year, month, day)


# --- dates as pages print them, with the page's own context ------------------------------------


@dataclass(frozen=True, slots=True)
class DateContext:
    """What a page settles for all its dates: the day/month order of numeric dates, and the
    dated context (section heading, page date) that completes a date printed without a year."""

    order: str | None = None  # "dmy" | "mdy" | None (not settled)
    reference: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class PrintedDate:
    """A date found in a line: the date (or why there is none), the text, and whether its
    year came from the page's context rather than the line."""

    date: PartialDate | None
    raw: str
    start: int
    end: int
    reason: str | None = None
    completed: bool = False


_NUMERIC = re.compile(r"(?<![\d.:/])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)")
# (and Japan's era years: 令和7年 is 2025, 平成31年 2019)
_CN_FULL = re.compile(r"(?:(?:民[國国]|民國)\s*(?P<roc>\d{1,3})|(?P<era>令和|平成)\s*(?P<ey>\d{1,2}|元)|(?P<y>\d{4}))\s*[年년]\s*"
                      r"(?P<m>\d{1,2})\s*[月월](?:\s*(?P<d>\d{1,2})\s*[日号號일])?")
_ERA_START = {"令和": 2018, "平成": 1988}
_CN_ROC_BARE = re.compile(r"(?<!\d)(?P<roc>1[01]\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]")
# Vietnamese writes months as numbers after a word: "ngày 21 tháng 6 năm 2024", "15 tháng 6"
# Taiwan's ROC years in numeric dates: "113-05-24", "113/5/24", "113.05.24" (2024)
_ROC_NUMERIC = re.compile(r"(?<![\d./-])(?P<roc>1[01]\d)(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d./-])")
# Thai dates: "14 พฤศจิกายน 2568", "11 พ.ย. 68" (Buddhist era: 543 years ahead), or no year
_TH_MONTHS = {name: number for number, names in enumerate([
    ("มกราคม", "ม.ค."), ("กุมภาพันธ์", "ก.พ."), ("มีนาคม", "มี.ค."), ("เมษายน", "เม.ย."), ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."), ("กรกฎาคม", "ก.ค."), ("สิงหาคม", "ส.ค."), ("กันยายน", "ก.ย."), ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."), ("ธันวาคม", "ธ.ค.")], start=1) for name in names}
_TH_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*(?P<m>" + "|".join(re.escape(m) for m in sorted(_TH_MONTHS, key=len, reverse=True))
                      + r")\s*(?:(?:พ\.ศ\.|พศ\.?)\s*)?(?P<y>\d{4}|\d{2})?(?!\d)")
_BUDDHIST_ERA = (2400, 2700)
# Month names listed by hand where dateparser does not reach: Arabic, the Levantine and Iraqi
# ones (تشرين الثاني) and the Egyptian and Gulf ones (نوفمبر), "٢٥ تشرين الثاني ٢٠٢٥"; and Hindi (below)
_LISTED_MONTHS = {name: number for number, names in enumerate([
    ("كانون الثاني", "يناير"), ("شباط", "فبراير"), ("آذار", "مارس"), ("نيسان", "أبريل", "ابريل"), ("أيار", "مايو"),
    ("حزيران", "يونيو"), ("تموز", "يوليو"), ("آب", "أغسطس"), ("أيلول", "سبتمبر"), ("تشرين الأول", "أكتوبر", "اكتوبر"),
    ("تشرين الثاني", "نوفمبر"), ("كانون الأول", "ديسمبر")], start=1) for name in names}
# Hindi month names (Devanagari's vowel signs are no word characters to ``re``, so the names
# are listed: "३० नवंबर २०२५")
_LISTED_MONTHS.update({name: number for number, names in enumerate([
    ("जनवरी",), ("फ़रवरी", "फरवरी"), ("मार्च",), ("अप्रैल", "अप्रेल"), ("मई",), ("जून",), ("जुलाई",), ("अगस्त",),
    ("सितंबर", "सितम्बर"), ("अक्टूबर", "अक्तूबर"), ("नवंबर", "नवम्बर"), ("दिसंबर", "दिसम्बर")], start=1) for name in names})
# Persian names of the Gregorian months ("۵ نوامبر ۲۰۲۵")
_LISTED_MONTHS.update({name: number for number, names in enumerate([
    ("ژانویه",), ("فوریه",), ("مارس",), ("آوریل",), ("مه", "می"), ("ژوئن",), ("ژوئیه", "جولای"), ("اوت", "آگوست"),
    ("سپتامبر",), ("اکتبر",), ("نوامبر",), ("دسامبر",)], start=1) for name in names})
_LISTED_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+(?P<m>" + "|".join(re.escape(m) for m in sorted(_LISTED_MONTHS, key=len, reverse=True))
                      + r")(?![\u0600-\u06ff])(?:\s+(?P<y>\d{4}))?(?!\d)")
# The Iranian solar (Jalali) calendar: "۱۰ آبان ۱۴۰۴", "۱۴۰۴/۰۸/۱۰" (years 1300-1499 of its era)
_JALALI_MONTHS = {name: number for number, name in enumerate(
    ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"], start=1)}
_JALALI_NAMED = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+(?P<m>" + "|".join(sorted(_JALALI_MONTHS, key=len, reverse=True))
                           + r")(?![\u0600-\u06ff])\s*(?:ماه\s*)?(?P<y>1[34]\d\d)?(?!\d)")
_JALALI_NUMERIC = re.compile(r"(?<![\d/.-])(?P<y>1[34]\d\d)(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/.-])")
# Persian and Arabic-Indic digits, one for one (a date's place in the line stays where it was)
_EASTERN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def jalali_to_gregorian(year: int, month: int, day: int) -> tuple[int, int, int]:
    """A day of the Iranian solar calendar as a Gregorian (year, month, day): the 33-year
    cycle arithmetic Jalali converters use (1 Farvardin 1404 is 21 March 2025)."""
    jy = year + 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + day
    days += (month - 1) * 31 if month < 7 else (month - 7) * 30 + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = (gy % 4 == 0 and gy % 100 != 0) or gy % 400 == 0
    lengths = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    gm = 0
    while gm < 11 and gd > lengths[gm]:
        gd -= lengths[gm]
        gm += 1
    return gy, gm + 1, gd


def _jalali(match: re.Match[str], month: int) -> PrintedDate:
    day = int(match.group("d"))
    if not match.group("y"):
        return PrintedDate(None, match.group(0), match.start(), match.end(),
                           f"{match.group(0).strip()!r} gives a day of the solar calendar without its year")
    if not (1 <= month <= 12 and 1 <= day <= (31 if month <= 6 else 30)):
        return PrintedDate(None, match.group(0), match.start(), match.end(), f"doubtful date {match.group(0)!r}")
    year, gm, gd = jalali_to_gregorian(int(match.group("y")), month, day)
    return PrintedDate(PartialDate(year, gm, gd), match.group(0), match.start(), match.end())
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_VI_DATE = re.compile(r"(?<!\d)(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm|,)\s*(?P<y>\d{4}))?(?!\d)", re.I)
_FOREIGN_MONTH_YEAR = re.compile(r"(?<![\w.])(?P<word>[^\W\d_]{3,12})\.?\s+(?:de\s+)?(?P<y>(?:19|20)\d{2})(?!\d)")
_MONTH_DAY = re.compile(r"(?<![\d/.:])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/]|\.\d)")
_FOREIGN_SHORT = re.compile(r"(?<![\w.])(?P<d>\d{1,2})\.?\s*(?:de\s+)?(?P<word>[^\W\d_]{3,12})\.?(?!\s*\d)")
_CN_SHORT = re.compile(r"(?<![\d年년])(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日号號일]")
_EN_SHORT = re.compile(
    rf"\b(?:(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}))\b(?!,?\s*(?:\d{{4}}|\d))"
)
# Central European dates with a space after each dot: "1. 12. 2025", "30. 11." (always day first)
# a year first, as Hungarian and Korean print it: "2025. 03. 11.", "2025. március 11.", and
# Hungarian's year-less "márc. 10."
_YEAR_FIRST_SPACED = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\.\s+(?P<m>\d{1,2})\.\s*(?P<d>\d{1,2})\.?(?!\d)")
_YEAR_FIRST_NAMED = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\.\s*(?P<word>[^\W\d_]{3,12})\.?\s+(?P<d>\d{1,2})\.?(?!\d)")
_NAMED_MONTH_DAY_DOT = re.compile(r"(?<![\w.])(?P<word>[^\W\d_]{3,12})\.?\s+(?P<d>\d{1,2})\.(?!\d)")
_SPACED_DOTS = re.compile(r"(?<![\d.])(?<!\d\.\s)(?P<d>\d{1,2})\.\s(?P<m>\d{1,2})\.(?:\s?(?P<y>\d{4})(?!\d)|(?!\s?\d))")
# a period within one month: "December 1-5, 2025", "Nov. 24–28, 2025", "24.–28. November 2025"
# (read as its last day: a weekly's date is the day it closes)
_MONTH_DAYS_RANGE = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d1>{_DAY})\s*[-–—]\s*(?P<d2>{_DAY}),?\s+(?P<y>{_YEAR})\b", re.I)
_DAYS_MONTH_RANGE = re.compile(r"(?<![\w.])(?P<d1>\d{1,2})\.?\s*[-–—]\s*(?P<d2>\d{1,2})\.?\s+(?:de\s+)?(?P<word>[^\W\d_]{3,12})\.?,?\s+"
                               r"(?:de\s+)?(?P<y>(?:19|20)\d{2})(?!\d)")
_DAY_MONTH_SHORT_YEAR = re.compile(rf"(?<![\w.])(?P<d>{_DAY})\s+(?P<m>{_MONTH})\s+(?P<y>[0-4]\d)(?=\s*$|\s*[),;]|:\s*$|\s+\()")
# a day and an English month's abbreviation joined by hyphens: "20-Nov", "01-Dec-25"
_HYPHEN_DAY_MONTH = re.compile(rf"(?<![\w-])(?P<d>{_DAY})-(?P<m>{_MONTH})(?:-(?P<y>\d{{4}}|\d{{2}}))?(?![\w-])", re.I)
_CAPITAL_MONTH = re.compile(r"\b(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|"
                            r"OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\b")
_FOREIGN = re.compile(
    r"(?<![\w.])(?:\d{1,2}\.?\s*(?:de\s+)?[^\W\d_]{3,12}\.?,?\s*(?:de\s+)?(?:\d{4})"
    r"|[^\W\d_]{3,12}\.?\s+\d{1,2},?\s+\d{4})(?!\d)"
)


_DECLARED_ORDER = re.compile(r"(?<![\w/.-])(dd|jj|tt|gg|mm)[/.-](?:mm|dd|jj|tt|gg)(?:[/.-](?:yy|yyyy|aaaa|jjjj|rrrr))?(?![\w/-])(?!\.\w)", re.I)


def settle_order(texts: list[str]) -> str | None:
    """The day/month order a page prints numeric dates in, from its unambiguous ones.

    ``03.11.21`` beside ``25.10.21`` is day first; ``11/3/2021`` beside ``10/25/2021`` is
    month first. With no unambiguous date, dotted dates are day first (every language that
    writes them so); slashed ones stay unsettled. Conflicting evidence settles nothing.
    """
    # a page that says how it writes its dates ("(dates dd/mm)", "Datum: TT.MM.JJJJ") is taken at its word
    declared = {("dmy" if m.group(1).lower() in ("dd", "jj", "tt", "gg") else "mdy") for t in texts for m in _DECLARED_ORDER.finditer(t)}
    if len(declared) == 1:
        return declared.pop()
    day_first = month_first = dotted = 0
    for text in texts:
        for match in _NUMERIC.finditer(text):
            a, b = int(match.group("a")), int(match.group("b"))
            if match.group("sep") == ".":
                dotted += 1
            if a > 12 >= b:
                day_first += 1
            elif b > 12 >= a:
                month_first += 1
    if day_first and not month_first:
        return "dmy"
    if month_first and not day_first:
        return "mdy"
    if not day_first and not month_first and dotted:
        return "dmy"
    # (Chinese, Japanese and Korean dates put the month before the day, "2025年12月4日", "114.12.04",
    # and so does a slashed "12/4" among them)
    if not day_first and not month_first and any(_MONTH_DAY.search(t) for t in texts) and any(
            m.group("d") for t in texts for m in (*_CN_FULL.finditer(t), *_CN_ROC_BARE.finditer(t), *_ROC_NUMERIC.finditer(t))):
        return "mdy"
    if not day_first and not month_first:
        # no numeric evidence: a page that writes "9 April" puts the day first, "April 9" the month
        # (in any language: "1er décembre", "3. März", "29 Oktober" put the day first too)
        written_day_first = sum(len(_DAY_MONTH.findall(t)) + _foreign_day_months(t) for t in texts)
        written_month_first = sum(len(_MONTH_DAY_WORDS.findall(t)) + len(_CN_SHORT.findall(t)) for t in texts)
        if written_day_first >= 2 and not written_month_first:
            return "dmy"
        if written_month_first >= 2 and not written_day_first:
            return "mdy"
    return None


_DAY_MONTH = re.compile(rf"\b{_DAY}\s+{_MONTH}(?=[\s,.;)\]]|$)")
_MONTH_DAY_WORDS = re.compile(rf"\b{_MONTH}\s+{_DAY}\b")


def _foreign_day_months(text: str) -> int:
    """How many dates in another language's words ``text`` writes day first (``1er décembre``)."""
    if not _has_dateparser():
        return 0
    names = _foreign_month_names()
    return sum(1 for m in _FOREIGN_DAY_FIRST.finditer(text) if m.group("word").lower().rstrip(".") in names)


_FOREIGN_DAY_FIRST = re.compile(r"(?<![\w.])\d{1,2}(?:er|re|º|°)?\.?\s*(?:de\s+)?(?P<word>[^\W\d_]{3,12})\.?")


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= 69 else 1900
    return year


@lru_cache(maxsize=8192)
def find_printed_date(text: str, context: DateContext | None = None) -> PrintedDate | None:
    """The first date a line prints, in any of the forms pages use, or None.

    Numeric dates follow the page's settled order; Chinese dates include ROC years
    (``民國110年`` is 2021) and year-less ``11月3日``; other languages' month names are read by
    dateparser. A date without a year takes the year of the page's context that puts it on
    or before the context date, and is marked ``completed``; without a context it is refused.
    """
    context = context or DateContext()
    if not _HAS_DIGIT.search(text):
        return None
    persian = any("\u0600" <= char <= "\u06ff" for char in text)
    if persian:
        text = text.translate(_EASTERN_DIGITS)
    candidates: list[PrintedDate] = []
    if persian:
        candidates.extend(_jalali(m, _JALALI_MONTHS[m.group("m")]) for m in _JALALI_NAMED.finditer(text))
        candidates.extend(_jalali(m, int(m.group("m"))) for m in _JALALI_NUMERIC.finditer(text))
    whole = _ANY_DATE.search(text)
    if whole:
        raw = whole.group(0)
        try:
            candidates.append(PrintedDate(parse_date(raw), raw, whole.start(), whole.end()))
        except ParseError as exc:
            numeric = _NUMERIC.fullmatch(raw)
            if numeric is None:
                candidates.append(PrintedDate(None, raw, whole.start(), whole.end(), f"doubtful date {raw.strip()!r}: {exc.message}"))
    for match in _NUMERIC.finditer(text):
        candidates.append(_numeric(match, context))
    for match in _CN_FULL.finditer(text):
        if match.group("era"):
            year = _ERA_START[match.group("era")] + (1 if match.group("ey") == "元" else int(match.group("ey")))
        else:
            year = int(match.group("roc")) + 1911 if match.group("roc") else int(match.group("y"))
        candidates.append(_made(match, year, int(match.group("m")), match.group("d")))
    for match in _CN_ROC_BARE.finditer(text):
        candidates.append(_made(match, int(match.group("roc")) + 1911, int(match.group("m")), match.group("d")))
    for match in _ROC_NUMERIC.finditer(text):
        if 1 <= int(match.group("m")) <= 12:
            candidates.append(_made(match, int(match.group("roc")) + 1911, int(match.group("m")), match.group("d")))
    if any("\u0600" <= char <= "\u06ff" or "\u0900" <= char <= "\u097f" for char in text):
        candidates.extend(_listed(m, _LISTED_MONTHS, int(m.group("y")) if m.group("y") else None, context)
                          for m in _LISTED_DATE.finditer(text))
    if _THAI.search(text):
        # (a Thai year is the Buddhist era's, "68" short for 2568)
        candidates.extend(_listed(m, _TH_MONTHS, _gregorian(int(m.group("y")) + (2500 if len(m.group("y")) == 2 else 0))
                                  if m.group("y") else None, context) for m in _TH_DATE.finditer(text))
    for match in _VI_DATE.finditer(text):
        if match.group("y") and 1 <= int(match.group("m")) <= 12:
            candidates.append(_made(match, int(match.group("y")), int(match.group("m")), match.group("d")))
    for match in _MONTH_DAYS_RANGE.finditer(text):
        candidates.append(_made(match, int(match.group("y")), _month(match.group("m")), str(_day(match.group("d2")))))
    for match in _DAYS_MONTH_RANGE.finditer(text):
        word = match.group("word").lower()
        month = MONTHS.get(word) or (_foreign_month_names().get(word) if _has_dateparser() else None)
        if month is not None and int(match.group("d1")) < int(match.group("d2")):
            candidates.append(_made(match, int(match.group("y")), month, match.group("d2")))
    for match in _DAY_MONTH_SHORT_YEAR.finditer(text):
        # "1 Dec 25": a monitoring service's date, its year in two figures
        candidates.append(_made(match, 2000 + int(match.group("y")), _month(match.group("m")), str(_day(match.group("d")))))
    for match in _SPACED_DOTS.finditer(text):
        if 1 <= int(match.group("m")) <= 12:
            candidates.append(_made(match, int(match.group("y")), int(match.group("m")), match.group("d")) if match.group("y")
                              else _completed(match, int(match.group("m")), int(match.group("d")), context))
    for match in _YEAR_FIRST_SPACED.finditer(text):
        if 1 <= int(match.group("m")) <= 12:
            candidates.append(_made(match, int(match.group("y")), int(match.group("m")), match.group("d")))
    for match in _YEAR_FIRST_NAMED.finditer(text):
        word = match.group("word").lower().rstrip(".")
        month = MONTHS.get(word) or (_foreign_month_names().get(word) if _has_dateparser() else None)
        if month is not None:
            candidates.append(_made(match, int(match.group("y")), month, match.group("d")))
    for match in _HYPHEN_DAY_MONTH.finditer(text):
        named, numbered = _month(match.group("m")), _day(match.group("d"))
        if match.group("y"):
            candidates.append(_made(match, _full_year(match.group("y")), named, str(numbered)))
        else:
            candidates.append(_completed(match, named, numbered, context))
    for match in _FOREIGN.finditer(text):
        found = _foreign(match)
        if found is not None:
            candidates.append(found)
    if not any(c.date is not None and c.date.month is not None for c in candidates):
        for match in _FOREIGN_MONTH_YEAR.finditer(text):
            # "март 2023 года", "junio de 2021": a month of a year
            word = match.group("word").lower().rstrip(".")
            month = _foreign_month_names().get(word) if word not in MONTHS and _has_dateparser() else None
            if month is not None:
                candidates.append(_made(match, int(match.group("y")), month, None))
    if not candidates or all(c.date is None for c in candidates):
        for match in _FOREIGN_SHORT.finditer(text):
            word = match.group("word").lower().rstrip(".")
            month = _foreign_month_names().get(word) if word not in MONTHS and _has_dateparser() else None
            if word in MONTHS and (match.group("word")[:1].isupper() or word not in ("may", "march", "mar")):
                # (German and Dutch share English month names, written "25. November", "25 november")
                month = MONTHS[word]
            if month is not None:
                candidates.append(_completed(match, month, int(match.group("d")), context))
        for match in _MONTH_DAY.finditer(text):
            candidates.append(_month_day(match, context))
        for match in _NAMED_MONTH_DAY_DOT.finditer(text):
            word = match.group("word").lower().rstrip(".")
            month = _foreign_month_names().get(word) if word not in MONTHS and _has_dateparser() else None
            if month is not None:
                candidates.append(_completed(match, month, int(match.group("d")), context))
        for match in _VI_DATE.finditer(text):
            if not match.group("y") and 1 <= int(match.group("m")) <= 12:
                candidates.append(_completed(match, int(match.group("m")), int(match.group("d")), context))
        for match in _CN_SHORT.finditer(text):
            candidates.append(_completed(match, int(match.group("m")), int(match.group("d")), context))
        # (kickers and mastheads print months in capitals: "BLOOMBERG · DEC 1", "1 DECEMBER")
        for match in _EN_SHORT.finditer(_CAPITAL_MONTH.sub(lambda m: m.group(0).title(), text)):
            month = _month(match.group("m1") or match.group("m2"))
            day = _day(match.group("d1") or match.group("d2"))
            found = _completed(match, month, day, context)
            candidates.append(replace(found, raw=text[found.start:found.end]))  # as printed, in capitals
    if not candidates:
        return None
    # the earliest in the line; at one place, the longest reading (with its year) wins
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start), c.date is None))
    return candidates[0]


def _made(match: re.Match[str], year: int, month: int, day: str | None) -> PrintedDate:
    try:
        return PrintedDate(PartialDate(year, month, int(day) if day else None), match.group(0), match.start(), match.end())
    except ParseError as exc:
        return PrintedDate(None, match.group(0), match.start(), match.end(), f"doubtful date {match.group(0)!r}: {exc.message}")


def _numeric(match: re.Match[str], context: DateContext) -> PrintedDate:
    a, b, year = int(match.group("a")), int(match.group("b")), _full_year(match.group("y"))
    raw = match.group(0)
    if match.group("sep") == "-" and len(match.group("y")) == 2:
        return PrintedDate(None, raw, match.start(), match.end(), f"doubtful date {raw!r}: not a date form pages use")
    buddhist = _gregorian(year) != year
    year = _gregorian(year)  # "10/11/2568": the Thai solar calendar's year, written day first
    if (buddhist and a <= 31 and b <= 12) or a > 12 >= b:
        order = "dmy"
    elif b > 12 >= a:
        order = "mdy"
    elif a == b:
        order = "dmy"
    elif (near := _nearer_order(a, b, year, context)) is not None:
        order = near
    elif context.order:
        order = context.order
    elif match.group("sep") == ".":
        order = "dmy"  # dotted dates are day first wherever they are written (settle_order)
    else:
        return PrintedDate(None, raw, match.start(), match.end(),
                           f"ambiguous date {raw!r}: month and day could be either way round on this page")
    day, month = (a, b) if order == "dmy" else (b, a)
    try:
        return PrintedDate(PartialDate(year, month, day), raw, match.start(), match.end())
    except ParseError as exc:
        return PrintedDate(None, raw, match.start(), match.end(), f"doubtful date {raw!r}: {exc.message}")


def _gregorian(year: int) -> int:
    """A year of the Buddhist era (Thailand: 2568) as the Gregorian year (2025); others as they are."""
    return year - 543 if _BUDDHIST_ERA[0] <= year <= _BUDDHIST_ERA[1] else year


def _listed(match: re.Match[str], months: dict[str, int], year: int | None, context: DateContext) -> PrintedDate:
    """A day and a hand-listed month name (Arabic, Hindi, Thai), of ``year`` or of the page's context."""
    month = months[match.group("m")]
    if year is None:
        return _completed(match, month, int(match.group("d")), context)
    return _made(match, year, month, match.group("d"))


def _has_dateparser() -> bool:
    try:
        import dateparser  # noqa: F401
    except ImportError:  # NOTE: a dependency; an install without it reads English and Chinese dates only
        return False
    return True


def _month_day(match: re.Match[str], context: DateContext) -> PrintedDate:
    """``12/29`` or ``29/12``: a day and month in the page's order, the year from its context."""
    a, b = int(match.group("a")), int(match.group("b"))
    order = "dmy" if a > 12 >= b else "mdy" if b > 12 >= a else _nearer_order(a, b, None, context) or context.order
    raw = match.group(0)
    if order is None or a == 0 or b == 0:
        return PrintedDate(None, raw, match.start(), match.end(),
                           f"ambiguous date {raw!r}: month and day could be either way round on this page")
    day, month = (a, b) if order == "dmy" else (b, a)
    if not 1 <= month <= 12:
        return PrintedDate(None, raw, match.start(), match.end(), f"doubtful date {raw!r}: no month {month}")
    return _completed(match, month, day, context)


def _nearer_order(a: int, b: int, year: int | None, context: DateContext) -> str | None:
    """The order of ``a/b`` that puts it in the weeks around the page's date, when only one does.

    NOTE (heldout8 press digests): a digest's items are of its last days; "3/12" on a Hong Kong
    page of 3 December is the 3rd of December, "12/4" on a Taiwanese page of 4 December the 4th,
    whatever the page's other dates say about order.
    """
    reference = context.reference
    if reference is None or reference.month is None:
        return None
    near = []
    for order, (day, month) in (("dmy", (a, b)), ("mdy", (b, a))):
        for candidate_year in ((year,) if year is not None else (reference.year, reference.year - 1)):
            try:
                date = PartialDate(candidate_year, month, day)
            except ParseError:
                continue
            if -45 <= _days_after(date, reference) <= 14:
                near.append(order)
                break
    return near[0] if len(near) == 1 else None


def _days_after(date: PartialDate, reference: PartialDate) -> int:
    """Days from ``reference`` (its last day where it has no day) to ``date``; 10**6 if either lacks a month."""
    import datetime

    if date.month is None or reference.month is None:
        return 10**6
    last = calendar.monthrange(reference.year, reference.month)[1]
    start = datetime.date(reference.year, reference.month, reference.day or last)
    return (datetime.date(date.year, date.month, date.day or 1) - start).days


def _completed(match: re.Match[str], month: int, day: int, context: DateContext) -> PrintedDate:
    raw = match.group(0)
    reference = context.reference
    if reference is None:
        return PrintedDate(None, raw, match.start(), match.end(), f"{raw!r} has no year and the page gives none")
    for year in (reference.year, reference.year - 1):
        try:
            date = PartialDate(year, month, day)
        except ParseError:
            continue
        if reference.month is None or date.as_tuple() <= (reference.year, reference.month, reference.day or 31) \
                or _days_after(date, reference) <= 14:
            # NOTE (heldout6 Malay press summary): a day or two past the nearest dated heading
            # (stories of 29 October under the 28th's) is that year's, not the year before's
            return PrintedDate(date, raw, match.start(), match.end(), completed=True)
    return PrintedDate(None, raw, match.start(), match.end(), f"{raw!r}: no such date near the page's date")


_FOREIGN_LANGUAGES = ("de", "fr", "es", "pl", "ru", "it", "pt", "nl", "vi", "id", "tr", "cs", "sv", "uk", "ro", "hu", "el", "bg", "hr", "sk",
                      "da", "nb", "fi", "ar", "ms")
_foreign_months: dict[str, int] | None = None


def _foreign_month_names() -> dict[str, int]:
    """Month names in the languages China-policy digests are written in, from dateparser's data."""
    global _foreign_months
    if _foreign_months is None:
        from dateparser.languages.loader import default_loader

        names: dict[str, int] = {}
        for language in _FOREIGN_LANGUAGES:
            info = default_loader.get_locale(language).info
            for number, month in enumerate(calendar.month_name[1:], start=1):
                for name in info.get(month.lower(), []):
                    names.setdefault(name.lower().rstrip("."), number)
        _foreign_months = names
    return _foreign_months


def _foreign(match: re.Match[str]) -> PrintedDate | None:
    raw = match.group(0)
    words = [w.lower().rstrip(".") for w in re.findall(r"[^\W\d_]{3,12}\.?", raw) if w.lower() != "de"]
    # NOTE: dateparser is tried only on a month name it knows: parsing costs a millisecond,
    # and "12 incidents 2019" is no date
    if not words or words[0] in MONTHS or not _has_dateparser() or words[0] not in _foreign_month_names():
        return None
    import dateparser

    parsed = dateparser.parse(raw, settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_LOCALE_DATE_ORDER": True,
                                             "STRICT_PARSING": True})
    if parsed is None:
        return None
    return PrintedDate(PartialDate(parsed.year, parsed.month, parsed.day), raw, match.start(), match.end())


_calendar_words: frozenset[str] | None = None


def is_calendar_word(text: str) -> bool:
    """Whether a word is a weekday's name or abbreviation in a language digests are written in
    ("Wednesday", "miércoles", "Mittwoch", "środa", "星期三", "水曜日"), from dateparser's data."""
    global _calendar_words
    if _calendar_words is None:
        words = {name.lower() for name in calendar.day_name} | {name.lower() for name in calendar.day_abbr}
        words |= {"tues", "thur", "thurs"}
        if _has_dateparser():
            from dateparser.languages.loader import default_loader

            for language in (*_FOREIGN_LANGUAGES, "zh", "ja", "ko"):
                info = default_loader.get_locale(language).info
                for day in calendar.day_name:
                    words.update(name.lower().strip("().") for name in info.get(day.lower(), []) if len(name.strip("().")) >= 2)
        _calendar_words = frozenset(words)
    return text.lower().strip(" .,()（）") in _calendar_words


def is_period(raw: str) -> bool:
    """Whether a printed date is a period within one month ("December 1-5, 2025", "24.–28. November 2025")."""
    return bool(_MONTH_DAYS_RANGE.fullmatch(raw) or _DAYS_MONTH_RANGE.fullmatch(raw))


_SHORT_NUMERIC = re.compile(r"\s*(?P<a>\d{1,2})[./](?P<b>\d{1,2})\.?\s*")


def field_date(text: str, context: DateContext | None = None) -> PrintedDate | None:
    """A credit's date field that is only a day and a month in figures ("12.2", "3/12"): read in
    the page's order, or the way round that puts it near the page's date (Korean and Japanese
    digests write "(차이신, 12.2)", Hong Kong ones "（《明報》3/12）"). Anywhere else such figures
    are no date ("3.5 per cent")."""
    match = _SHORT_NUMERIC.fullmatch(text)
    if match is None:
        return None
    return _month_day(match, context or DateContext())
