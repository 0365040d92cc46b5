"""Dates: parsing whole strings, event dates in sentences, ranges, precision, refusals."""

from __future__ import annotations

import calendar

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from digestcite.corpus.dates import (
    PartialDate,
    find_date,
    find_event_dates,
    find_printed_date,
    in_range,
    jalali_to_gregorian,
    parse_date,
)
from digestcite.errors import ParseError


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("October 22, 2020", "2020-10-22"),
        ("Oct. 22 2020", "2020-10-22"),
        ("22 October 2020", "2020-10-22"),
        ("09-Jun-2011", "2011-06-09"),
        ("2015-4-17 17:33:19", "2015-04-17"),
        ("2008-11-21 07:40", "2008-11-21"),
        ("2020/10/22", "2020-10-22"),
        ("2020年10月22日", "2020-10-22"),
        ("June 1950", "1950-06"),
        ("2019-02", "2019-02"),
        ("2020", "2020"),
        ("Friday, October 23, 2020", "2020-10-23"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("25/12/2020", "2020-12-25"),
    ],
    ids=lambda v: str(v),
)
def test_parse_date_forms(text: str, iso: str) -> None:
    assert parse_date(text).iso() == iso


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("February 30, 2020", "does not exist"),
        ("03/04/2020", "ambiguous"),
        ("last Tuesday", "not a date"),
        ("", "empty"),
    ],
    ids=["feb30", "ambiguous", "words", "empty"],
)
def test_parse_date_refuses(text: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse_date(text)


def test_find_date_reports_a_doubtful_date_with_its_reason() -> None:
    date, reason, raw = find_date("Source: China Labour Bulletin, February 30, 2021")
    assert date is None
    assert raw == "February 30, 2021"
    assert reason == "doubtful date 'February 30, 2021': February 30, 2021 does not exist"


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("On November 1, 2019, a group of teachers protested.", None, ["2019-11-01"]),
        ("On February 13, twenty people were stopped.", PartialDate(2024, 2, 28), ["2024-02-13"]),
        ("They met on March 4 in Beijing.", PartialDate(2024, 2, 28), ["2024-03-04"]),
        ("On December 28, the office closed.", PartialDate(2021, 1, 5), ["2020-12-28"]),
        ("On February 13, twenty people were stopped.", None, []),
        ("The week of February 25 – March 3, 2019 was busy.", None, ["2019-02-25/2019-03-03"]),
        ("In the week of Feb 10 – 16, 2020, one man posted.", None, ["2020-02-10/2020-02-16"]),
        ("From January 2, 2019 to June 28, 2020, there were 293 incidents.", None, ["2019-01-02/2020-06-28"]),
        ("In June 1950, the war broke out.", None, ["1950-06"]),
        ("In 2004, he was injured.", None, ["2004"]),
        ("Sales fell from 66 percent in 2017 to 53 percent in 2019.", None, ["2017", "2019"]),
        ("She may march on Beijing.", None, []),
    ],
    ids=["full", "no-year", "days-ahead", "year-before", "no-reference", "range-two-months",
         "range-one-month", "from-to", "month", "year", "two-years", "verbs-not-months"],
)
def test_event_dates(sentence: str, published: PartialDate | None, expected: list[str]) -> None:
    assert [f.span.iso() for f in find_event_dates(sentence, published)] == expected


@pytest.mark.parametrize(
    ("value", "start", "end", "inside"),
    [
        ("2020-10-22", "2020-10", "2020-10", True),
        ("2020-10", "2020-10-15", "2020-12", True),
        ("2019-02-25/2019-03-03", "2019-03", "2019-03", True),
        ("2019", "2020", None, False),
        ("2021-01-01", None, "2020", False),
    ],
    ids=["day-in-month", "month-overlaps", "range-overlaps", "before", "after"],
)
def test_in_range_respects_precision(value: str, start: str | None, end: str | None, inside: bool) -> None:
    lo = PartialDate.from_iso(start) if start else None
    hi = PartialDate.from_iso(end) if end else None
    assert in_range(value, lo, hi) is inside


@st.composite
def real_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1700, 2099))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day)


@given(real_dates(), st.sampled_from(["{mn} {d}, {y}", "{d} {mn} {y}", "{y}-{m}-{d}", "{y}年{m}月{d}日", "{mab}. {d} {y}"]))
@example(PartialDate(2020, 2, 29), "{mn} {d}, {y}")
def test_formatted_date_parses_back(date: PartialDate, shape: str) -> None:
    assert date.month is not None and date.day is not None
    text = shape.format(mn=calendar.month_name[date.month], mab=calendar.month_abbr[date.month], d=date.day,
                        m=date.month, y=date.year)
    assert parse_date(text) == date


@given(st.text(max_size=60))
@example("February 30, 2020")
@example("2020-13-45")
@example("0/0/2000")
def test_parse_date_raises_only_parse_error(text: str) -> None:
    try:
        parsed = parse_date(text)
    except ParseError:
        return
    assert PartialDate.from_iso(parsed.iso()) == parsed


@given(st.text(max_size=200))
def test_find_event_dates_never_fails(text: str) -> None:
    for found in find_event_dates(text, PartialDate(2020, 2, 29)):
        assert 0 <= found.start < found.end <= len(text)


def test_japans_era_years_are_read() -> None:
    from digestcite.corpus.dates import find_printed_date

    assert find_printed_date("令和7年12月4日（木）配信").date == PartialDate(2025, 12, 4)  # type: ignore[union-attr]
    assert find_printed_date("平成31年4月30日").date == PartialDate(2019, 4, 30)  # type: ignore[union-attr]
    assert find_printed_date("令和元年5月1日").date == PartialDate(2019, 5, 1)  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "iso"), [
    ("۱۰ آبان ۱۴۰۴", "2025-11-01"), ("(ایرنا، ۱۴۰۴/۰۸/۱۰)", "2025-11-01"), ("۱۱ آذر ۱۴۰۴", "2025-12-02"),
    ("۱ فروردین ۱۴۰۴", "2025-03-21"), ("۳۰ اسفند ۱۴۰۳", "2025-03-20"), ("۵ نوامبر ۲۰۲۵", "2025-11-05"),
    ("منبع: ۱۲ آذر ۱۴۰۴ (۳ دسامبر ۲۰۲۵)", "2025-12-03")])
def test_the_iranian_solar_calendar_and_persian_digits(text: str, iso: str) -> None:
    found = find_printed_date(text)
    assert found is not None and found.date is not None and found.date.iso() == iso


def test_a_solar_day_without_its_year_is_no_date_and_arabic_august_is_not_aban() -> None:
    found = find_printed_date("رئیس‌جمهور چین روز جمعه ۹ آبان در شهر گیونگجو")
    assert found is None or found.date is None
    assert jalali_to_gregorian(1399, 1, 1) == (2020, 3, 20)
