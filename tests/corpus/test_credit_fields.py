"""A credit line read as fields, in every combination of the parts pages build credits from.

The shapes in ``attribution`` were each written for a page; this grid checks the mechanism
under them: an outlet (registered or not), a date in ten languages' forms with or without its
weekday, a label, a dash or brackets around it, separators and notes, in every combination.
"""

from __future__ import annotations

import itertools

import pytest

from digestcite.corpus.attribution import parse_line, title_credit
from digestcite.corpus.dates import DateContext, PartialDate, find_printed_date, is_calendar_word
from digestcite.corpus.outlets import OutletRegistry

REGISTRY = OutletRegistry.bundled()
NO_CONTEXT = DateContext()

OUTLETS = ["Reuters", "Nikkei Asia", "La Gazzetta del Sud", "Hospodářské noviny"]  # two registered, two not
DATES = {  # as each language prints 3 December 2025
    "en": ["3 December 2025", "December 3, 2025", "Wednesday, 3 December 2025", "Dec. 3, 2025", "03-Dec-2025", "2025-12-03"],
    "es": ["3 de diciembre de 2025", "miércoles 3 de diciembre de 2025"],
    "fr": ["3 décembre 2025", "mercredi 3 décembre 2025"],
    "de": ["3. Dezember 2025", "Mittwoch, 3. Dezember 2025"],
    "pl": ["3 grudnia 2025", "środa, 3 grudnia 2025", "3 grudnia 2025 r."],
    "cs": ["3. prosince 2025", "3. 12. 2025", "středa 3. 12. 2025"],
    "it": ["3 dicembre 2025", "mercoledì 3 dicembre 2025"],
    "pt": ["3 de dezembro de 2025", "quarta-feira, 3 de dezembro de 2025"],
    "nl": ["3 december 2025", "woensdag 3 december 2025"],
    "ru": ["3 декабря 2025", "3 декабря 2025 г."],
    "da": ["3. december 2025", "onsdag den 3. december 2025"],
    "sv": ["3 december 2025", "onsdag 3 december 2025", "3 dec. 2025"],
    "nb": ["3. desember 2025", "onsdag 3. desember 2025"],
    # a year first, with dots: Hungarian
    "hu": ["2025. december 3.", "2025. dec. 3.", "2025. 12. 03."],
    "ro": ["3 decembrie 2025", "miercuri, 3 decembrie 2025", "3 dec. 2025"],
    "el": ["3 Δεκεμβρίου 2025"],
}
LABELS = {"en": "Source", "es": "Fuente", "fr": "Source", "de": "Quelle", "pl": "Źródło", "cs": "Zdroj", "it": "Fonte",
          "pt": "Fonte", "nl": "Bron", "ru": "Источник", "da": "Kilde", "sv": "Källa", "nb": "Kilde",
          "hu": "Forrás", "ro": "Sursa", "el": "Πηγή"}
FORMS = {
    "label": "{L}: {O}, {D}",
    "label and note": "{L}: {O}, {D} (online edition)",
    "label and pipe": "{L}: {O} | {D}",
    "dash": "— {O}, {D}",
    "dash, outlet in italics": "— *{O}*, {D}",
    "brackets": "({O}, {D})",
    "square brackets": "[{O}, {D}]",
}
BARE = {"bare": "{O}, {D}", "pipe": "{O} | {D}", "middle dot": "{O} · {D}"}

GRID = [(lang, form, outlet, date) for lang, dates in DATES.items()
        for form, outlet, date in itertools.product(list(FORMS) + list(BARE), OUTLETS, dates)]


@pytest.mark.parametrize(("lang", "form", "outlet", "date"), GRID)
def test_a_credit_in_any_combination_of_its_parts_is_read(lang: str, form: str, outlet: str, date: str) -> None:
    line = {**FORMS, **BARE}[form].format(L=LABELS[lang], O=outlet, D=date)
    credit = parse_line(line, REGISTRY, NO_CONTEXT)
    if form in BARE and REGISTRY.resolve(outlet) is None and credit is None:
        return  # a bare "Name, date" line may stay unread when the name is unknown: it could be a place
    assert credit is not None, line
    assert credit.outlet == outlet, line
    assert credit.published == PartialDate(2025, 12, 3), line


def test_lines_that_are_not_an_outlets_credit() -> None:
    context = DateContext("dmy", PartialDate(2025, 12, 5))
    place = parse_line("Beijing, 3 December 2025", REGISTRY, context)  # the head of a letter
    assert place is None or place.outlet is None
    assert parse_line("【中方将免签政策延长至2026年底】", REGISTRY, context) is None  # a headline with a year in it
    # an outlet before a quoted headline: a headline line, read with its credit elsewhere
    assert parse_line("解放軍報（10月21日付）「東部戦区、台湾周辺で合同パトロール」", REGISTRY, context) is None


def test_a_byline_is_no_outlet_name() -> None:
    credit = parse_line("Interview by Sam Whitcombe · October 27, 2023", REGISTRY, NO_CONTEXT)
    assert credit is None or credit.outlet != "Interview by Sam Whitcombe"


def test_notes_and_kinds_of_piece_are_not_the_outlet() -> None:
    assert parse_line("Source: China Labour Bulletin (no publication date on the page)", REGISTRY).outlet == "China Labour Bulletin"  # type: ignore[union-attr]
    credit = parse_line("— Radio Prague International (press release), 2 December 2025", REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == "Radio Prague International" and credit.published == PartialDate(2025, 12, 2)


@pytest.mark.parametrize(("line", "outlet"), [
    ("*Premium Times* (Abuja), 24 November 2025", "Premium Times"),  # not The Times
    ("Ghanaian Times, 29 Nov. 2025", "Ghanaian Times"),
    ("Source: The Africa Report", "The Africa Report"),  # not "Africa", a kind of piece cut off
    ("Agenția Xinhua, 7.03.2025", "Xinhua"),  # a kind of outlet before a registered one
    ("Quoted Financial Times 12 April 2024", "Financial Times"),  # a kind of piece before one
])
def test_an_unregistered_name_that_ends_in_a_registered_one_is_kept_whole(line: str, outlet: str) -> None:
    credit = parse_line(line, REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == outlet


def test_weekdays_in_many_languages_are_calendar_words() -> None:
    for word in ("Wednesday", "Wed.", "miércoles", "Mittwoch", "środa", "středa", "quarta-feira", "среда", "星期三", "水曜日"):
        assert is_calendar_word(word), word
    for word in ("Reuters", "Caixin", "Bloomberg"):
        assert not is_calendar_word(word), word


def test_central_european_and_hyphenated_dates() -> None:
    context = DateContext("dmy", PartialDate(2025, 12, 5))
    assert find_printed_date("Zdroj: Seznam Zprávy, 30. 11.", context).date == PartialDate(2025, 11, 30)  # type: ignore[union-attr]
    assert find_printed_date("1. 12. 2025", context).date == PartialDate(2025, 12, 1)  # type: ignore[union-attr]
    assert find_printed_date("Argus Media | 20-Nov", context).date == PartialDate(2025, 11, 20)  # type: ignore[union-attr]
    assert find_printed_date("01-Dec-25", context).date == PartialDate(2025, 12, 1)  # type: ignore[union-attr]
    assert find_printed_date("see items 1. 2. 3.", context) is None  # numbering, not a date
    assert find_printed_date("Argus Media | 20-Nov", NO_CONTEXT).date is None  # type: ignore[union-attr]  # no year anywhere


# --- a credit inside a headline line ----------------------------------------------------------------

TITLES = ["Beijing tightens export rules on gallium", "Pekín endurece las reglas de exportación", "北京收紧镓出口管制"]
TITLE_DATES = ["3 December 2025", "Dec 3, 2025", "3 Dec", "2025-12-03", "3 de diciembre de 2025", "03.12.2025"]
# every form with a date; those marked * are read for registered outlets only (an unknown
# name there may be a speaker, a topic or a list of names)
TITLE_FORMS = {"{T} [{O}, {D}]": False, "{T} ({O}, {D})": False, "{T} | {O} | {D}": False, "{T} — {O}, {D}": False,
               "{T} – {O}, {D}": False, "{T} — *{O}*, {D}": False, "{T} ({O}, {D}).": False, "{O}: {T} ({D})": True,
               "{T}, {O}, {D}": True}
TITLE_GRID = list(itertools.product(TITLE_FORMS, TITLES, ["Reuters", "South China Morning Post", "La Gazzetta del Sud"],
                                    TITLE_DATES))


@pytest.mark.parametrize(("form", "title", "outlet", "date"), TITLE_GRID)
def test_a_headlines_credit_in_any_combination_is_read(form: str, title: str, outlet: str, date: str) -> None:
    line = form.format(T=title, O=outlet, D=date)
    credit = title_credit(line, REGISTRY, DateContext("dmy", PartialDate(2025, 12, 5)))
    if TITLE_FORMS[form] and REGISTRY.resolve(outlet) is None:
        assert credit is None or credit.outlet is None, line
        return
    assert credit is not None and credit.outlet == outlet, (line, credit)
    assert credit.published == PartialDate(2025, 12, 3), line


@pytest.mark.parametrize("form", ["{O} | {T}", "[{O}] {T}", "{T} via {O}", "{T} [{O}]", "{T} ({O})", "{T} — {O}"])
def test_a_registered_outlet_beside_a_headline_without_a_date(form: str) -> None:
    for title in TITLES:
        line = form.format(T=title, O="Nikkei Asia")
        credit = title_credit(line, REGISTRY)
        assert credit is not None and credit.outlet == "Nikkei Asia" and credit.published is None, line


def test_a_period_within_a_month_is_read_as_its_last_day() -> None:
    for printed in ("December 1-5, 2025", "Dec. 1–5, 2025", "1-5 December 2025", "1.–5. Dezember 2025",
                    "del 1 al 5 de diciembre de 2025"):
        assert find_printed_date(printed).date == PartialDate(2025, 12, 5), printed  # type: ignore[union-attr]
    # under a masthead it is the issue's period, no item's credit
    assert parse_line("1-5 December 2025", REGISTRY) is None


def test_chinese_dates_settle_a_pages_slashed_day_and_month() -> None:
    from digestcite.corpus.dates import settle_order

    assert settle_order(["114年12月4日（星期四）", "| 1 | 12/4 | 經濟日報 |"]) == "mdy"
    assert settle_order(["2025年12月3日", "12/3 路透社"]) == "mdy"
    # dotted dates stay day first, and a page with no slashed date is not settled by Chinese ones
    assert settle_order(["2024年5月29日", "(RTHK, 5.6.2024)"]) == "dmy"
    assert settle_order(["2024年5月29日"]) is None


def test_a_day_and_month_either_way_round_is_the_one_near_the_pages_date() -> None:
    # a Hong Kong page of 3 December writes "3/12", a Taiwanese one of 4 December "12/4"; both are
    # read near the page's date whatever order the page's other dates suggest
    hong_kong = DateContext("mdy", PartialDate(2025, 12, 3))
    assert find_printed_date("（《明報》3/12　A2）", hong_kong).date == PartialDate(2025, 12, 3)  # type: ignore[union-attr]
    taiwan = DateContext("dmy", PartialDate(2025, 12, 4))
    assert find_printed_date("| 1 | 12/4 | 經濟日報 |", taiwan).date == PartialDate(2025, 12, 4)  # type: ignore[union-attr]
    assert find_printed_date("(Reuters, 3/12/2025)", DateContext(None, PartialDate(2025, 12, 5))).date == PartialDate(2025, 12, 3)  # type: ignore[union-attr]
    # far from the page's date both readings are as likely: the page's order decides, or nothing
    assert find_printed_date("(Reuters, 3/5/2025)", DateContext(None, PartialDate(2025, 12, 5))).date is None  # type: ignore[union-attr]
    assert find_printed_date("(Reuters, 3/5/2025)", DateContext("dmy", PartialDate(2025, 12, 5))).date == PartialDate(2025, 5, 3)  # type: ignore[union-attr]


# a date alone on its line, with its weekday, dates the item it stands with (the year from the page)
DAY_LINES = {"en": ["Tuesday, 25 November", "Tue 25 Nov", "Tuesday, November 25"], "fr": ["Mardi 25 novembre", "mardi 25 novembre"],
             "de": ["Dienstag, 25. November"], "es": ["martes 25 de noviembre"], "it": ["martedì 25 novembre"],
             "pt": ["terça-feira, 25 de novembro"], "nl": ["dinsdag 25 november"], "pl": ["wtorek, 25 listopada"],
             "cs": ["úterý 25. listopadu"], "ru": ["вторник, 25 ноября"], "zh": ["11月25日（星期二）"]}


@pytest.mark.parametrize(("lang", "line"), [(lang, line) for lang, lines in DAY_LINES.items() for line in lines])
def test_a_weekday_and_date_alone_on_a_line_dates_its_item(lang: str, line: str) -> None:
    credit = parse_line(line, REGISTRY, DateContext(None, PartialDate(2025, 12, 1)))
    assert credit is not None and credit.outlet is None, line
    assert credit.published == PartialDate(2025, 11, 25), line


def test_a_headline_after_its_date_and_before_its_outlet() -> None:
    context = DateContext(None, PartialDate(2026, 3, 6))
    for line, outlet in (("Mar 2 — Dalian terminal tries cranes run from a control room · reuters.com", "Reuters"),
                         ("☒ Mar 2 — Dalian terminal tries cranes run from a control room · Kyodo", "Kyodo"),
                         ("2 March 2026 – Dalian terminal tries cranes run from a control room · 第一财经", "第一财经")):
        credit = title_credit(line, REGISTRY, context)
        assert credit is not None and credit.outlet == outlet, line
        assert credit.published == PartialDate(2026, 3, 2), line
        assert credit.title == "Dalian terminal tries cranes run from a control room", line
    # an unknown word after a middle dot is no outlet: "Title · Analysis"
    credit = title_credit("Dalian terminal tries cranes run from a control room · analysis", REGISTRY, context)
    assert credit is None or credit.outlet is None


def test_a_day_and_month_in_figures_is_a_date_in_a_credits_date_field_only() -> None:
    context = DateContext(None, PartialDate(2025, 12, 3))
    credit = title_credit("中, 희토류 수출에 ‘일반허가’ 발급 개시 (차이신, 12.2)", REGISTRY, context)
    assert credit is not None and credit.outlet == "차이신" and credit.published == PartialDate(2025, 12, 2)
    assert REGISTRY.canonical("차이신")[0] == "Caixin"
    assert find_printed_date("growth slowed to 3.5 per cent", context) is None


def test_a_monitoring_services_source_line() -> None:
    # "Source: <outlet> website, <place>, in <language> [time] d Mon yy"
    credit = parse_line("Source: The Paper website, Shanghai, in Chinese 0930 gmt 2 Dec 25", REGISTRY)
    assert credit is not None and REGISTRY.canonical(credit.outlet or "")[0] == "The Paper"
    assert credit.published == PartialDate(2025, 12, 2)
    assert find_printed_date("on 3 March 25 protesters marched").date is None  # type: ignore[union-attr]  # a count, not a year


TOC_PAGE = """NEWS FILE -- saved search
Run: 3 March 2026

Doc  Headline                                     Source            Words
---  -------------------------------------------  ----------------  -----
  1  Dalian terminal tries cranes run from a c...  Reuters News        420
  2  Factory gauge rises above 50 for the firs...  Caixin Global       380

Doc 1
Dalian terminal tries cranes run from a control room
Reuters News
2 March 2026

Two container berths at Dalian began trials of cranes driven from a control room on Monday.

Doc 2
Factory gauge rises above 50 for the first time in a year
Caixin Global
1 March 2026

A private survey of manufacturers rose to 50.4 in February, its first reading above 50 in a year.
"""


def test_a_table_of_contents_of_cut_off_headlines_is_no_item() -> None:
    from tests.corpus.test_record_shapes import read

    page = read(TOC_PAGE, "txt")
    assert [i.title for i in page.items] == ["Dalian terminal tries cranes run from a control room",
                                             "Factory gauge rises above 50 for the first time in a year"]
    assert [(i.outlet_as_printed, i.published) for i in page.items] == [
        ("Reuters News", PartialDate(2026, 3, 2)), ("Caixin Global", PartialDate(2026, 3, 1))]


def test_a_listings_meta_line_with_a_relative_time_names_its_outlet_and_no_date() -> None:
    for line, outlet in (("中央社 · 3小時前", "中央社"), ("聯合新聞網・昨天 18:20", "聯合新聞網"), ("Reuters · 2 hours ago", "Reuters")):
        credit = parse_line(line, REGISTRY, DateContext(None, PartialDate(2026, 3, 4)))
        assert credit is not None and credit.outlet == outlet and credit.published is None, line
        assert credit.reason and "relative" in credit.reason
    assert parse_line("Beijing · yesterday", REGISTRY) is None  # a place, not a source


def test_a_chat_group_that_forwards_a_message_is_no_outlet() -> None:
    credit = parse_line("Forwarded from the Trade Policy group:", REGISTRY)
    assert credit is None or credit.outlet is None
    assert parse_line("Forwarded from Caixin", REGISTRY).outlet == "Caixin"  # type: ignore[union-attr]  # a channel of an outlet


@pytest.mark.parametrize(("paragraph", "outlet", "published"), [
    # a source label names the source whatever it is, a platform's account included
    ("当地教育局回应称将开展专项检查。（来源：新浪微博@城市晚报，2025年11月6日）", "新浪微博@城市晚报", "2025-11-06"),
    # and a note that the page has no date for it is no part of the name
    ("帖子浏览量超过 40 万。（来源：小红书用户帖，未标注日期）", "小红书用户帖", None),
    ("The ministry denied the report. (Source: Harbour Ledger, undated)", "Harbour Ledger", None),
])
def test_a_labelled_source_in_brackets_closing_a_paragraph(paragraph: str, outlet: str, published: str | None) -> None:
    from digestcite.corpus.attribution import closing_credit

    credit = closing_credit(paragraph, None, REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == outlet
    assert (credit.published.iso() if credit.published else None) == published


def test_an_outlet_opening_the_text_after_a_bold_headline_credits_it() -> None:
    from digestcite.corpus.attribution import opening_credit

    # "**县域高中“掐尖招生”讨论**。《中国青年报》刊文分析…": the paper "published an article"
    text = "县域高中“掐尖招生”讨论。《中国青年报》刊文分析部分县中生源流失问题，文章被多家自媒体转载。"
    credit = opening_credit(text, "县域高中“掐尖招生”讨论", REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == "中国青年报"
    english = opening_credit("Rail freight slows. Reuters reported that volumes fell by a fifth.", "Rail freight slows.",
                             REGISTRY, NO_CONTEXT)
    assert english is not None and english.outlet == "Reuters"
    # a headline with no outlet after it credits nothing
    assert opening_credit("Rail freight slows. Volumes fell by a fifth.", "Rail freight slows.", REGISTRY, NO_CONTEXT) is None


@pytest.mark.parametrize(("line", "outlet", "published"), [
    # a monitoring service's fields: the channel is the outlet, the broadcast or upload its date
    ("Channel: Harbour Cable | Programme: Night Desk | Language: Cantonese", "Harbour Cable", None),
    ("Broadcast: 10.03.2025, 18:42 HKT | Duration: 02:15 | Tone: Neutral", None, "2025-03-10"),
    ("Uploaded: 14.03.2025, 12:30 Taipei | Length: 03:05", None, "2025-03-14"),
    ("Sender: Bayerischer Rundfunk | Gesendet: 4. März 2025 | Dauer: 03:10", "Bayerischer Rundfunk", "2025-03-04"),
    # a monitor's time in four figures before its zone, then the date
    ("2200 gmt 5 Mar 25", None, "2025-03-05"),
])
def test_a_broadcasts_logged_fields(line: str, outlet: str | None, published: str | None) -> None:
    credit = parse_line(line, REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == outlet
    assert (credit.published.iso() if credit.published else None) == published


def test_a_channel_named_with_its_number_or_service_is_its_broadcaster() -> None:
    assert REGISTRY.resolve("CCTV-13 news channel").name == REGISTRY.resolve("CCTV").name  # type: ignore[union-attr]
    assert REGISTRY.resolve("RTHK Radio 3").name == REGISTRY.resolve("RTHK").name  # type: ignore[union-attr]
    assert REGISTRY.resolve("Reuters Television").name == "Reuters"  # type: ignore[union-attr]


# A Chinese report's opening, built from its parts: a lead word, a country, the outlet (bare or
# in book-title marks, with its site or kind), the city, the day and the verb, or the whole in
# lenticular brackets as a dateline.
_CJK_OUTLETS = [("路透社", "Reuters"), ("《金融时报》", "Financial Times"), ("共同社", "Kyodo News"), ("《经济学人》周刊", "The Economist")]
_CJK_SITES = ["", "网站"]
_CJK_PLACES = ["", "华盛顿"]
_CJK_DAYS = [("3月10日", "2025-03-10"), ("近日", None), ("", None)]
_CJK_VERBS = ["报道", "电", "刊文称", "文章称"]


@pytest.mark.parametrize(("lead", "country"), [("", ""), ("据", ""), ("", "英国"), ("【", ""), ("【", "日本")])
def test_a_chinese_reports_opening_built_from_its_parts(lead: str, country: str) -> None:
    from digestcite.corpus.attribution import opening_credit

    context = DateContext(reference=PartialDate(2025, 3, 12))
    wrong = []
    for (printed, outlet), site, place, (day, iso), verb in itertools.product(_CJK_OUTLETS, _CJK_SITES, _CJK_PLACES, _CJK_DAYS, _CJK_VERBS):
        if lead == "【" and (verb not in ("报道", "电") or site):
            continue  # a bracketed dateline ends with its verb: 【共同社东京3月2日电】
        if not day and not place and verb == "电":
            continue  # "路透社电" is no form pages print
        opening = f"{lead}{country}{printed}{site}{place}{day}{verb}"
        text = opening + ("】" if lead == "【" else "，") + "中方当天宣布对部分商品加征关税。"
        credit = opening_credit(text, None, REGISTRY, context)
        got = (REGISTRY.resolve(credit.outlet).name if credit and credit.outlet and REGISTRY.resolve(credit.outlet) else None,
               credit.published.iso() if credit and credit.published else None)
        if got != (outlet, iso):
            wrong.append((opening, got))
    assert wrong == []


def test_a_doi_or_a_short_link_names_no_outlet_and_a_journals_online_date_is_its_date() -> None:
    for link in ("https://doi.org/10.1080/10670564.2025.2589143", "https://bit.ly/3xYz", "http://hdl.handle.net/1234/5"):
        assert parse_line(link, REGISTRY, NO_CONTEXT) is None
    credit = parse_line("Pages: 7-30 | Published online: 24 Nov 2025", REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.published == PartialDate(2025, 11, 24)
    assert REGISTRY.resolve("Survival: Global Politics and Strategy").name == "Survival"  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "outlet"), [
    ("Der Chef bekräftigte das Ziel, berichtet die Nachrichtenagentur Reuters. Dafür müsse die Wirtschaft wachsen.", "Reuters"),
    ("Das Plenum hat ihn ernannt, meldet der Staatssender CCTV. Er ersetzt seinen Vorgänger.", "CCTV"),
    ("Der Vorsitzende sagte dem Handelsblatt, der Ausbau verschärfe die Überkapazitäten.", "Handelsblatt"),
    ("Le ministre a confirmé la mesure, selon l'agence Reuters, qui cite deux sources.", "Reuters"),
    ("El Gobierno aprobó el plan, informó el diario El País este martes.", "El País"),
])
def test_an_outlet_named_as_the_source_in_other_languages(text: str, outlet: str) -> None:
    from digestcite.corpus.attribution import mention_credit

    credit = mention_credit(text, REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == outlet


def test_a_capitalised_noun_before_an_outlets_name_in_german_is_no_part_of_it_but_a_longer_name_still_is() -> None:
    from digestcite.corpus.attribution import mention_credit

    assert mention_credit("Wie der Harbour Times zufolge bekannt wurde, stieg der Absatz.", REGISTRY, NO_CONTEXT) is None


@pytest.mark.parametrize(("line", "outlet", "published"), [
    # a dispatch's dateline alone on its line, with its reporter and the city
    ("中央社記者 林怡君 台北2025年3月13日電", "中央社", "2025-03-13"),
    ("（中央社記者林怡君台北13日電）", "中央社", "2025-03-13"),
    ("（中央社台北13日電）", "中央社", "2025-03-13"),
    ("新华社北京3月5日电", "新华社", "2025-03-05"),
    # a repost or labelled line behind a dash
    ("— Originally published by Nikkei Asia on 11 March 2025.", "Nikkei Asia", "2025-03-11"),
    ("– Source: Reuters, 3 March 2025", "Reuters", "2025-03-03"),
])
def test_a_dispatch_or_a_repost_line_names_its_outlet_and_day(line: str, outlet: str, published: str) -> None:
    credit = parse_line(line, REGISTRY, DateContext(reference=PartialDate(2025, 3, 14)))
    assert credit is not None and credit.outlet == outlet and credit.published is not None
    assert credit.published.iso() == published


def test_a_case_number_in_bold_before_a_headline_is_no_outlet() -> None:
    from digestcite.corpus.attribution import opening_credit

    text = "[XJ-2231] Academic's daughter learns of his sentence four years late. The family was told only this year."
    assert opening_credit(text, "[XJ-2231]", REGISTRY, NO_CONTEXT) is None
    assert opening_credit("Caixin: Local bond quotas raised. The ministry said so.", "Caixin:", REGISTRY, NO_CONTEXT) is not None


@pytest.mark.parametrize(("line", "outlet", "published"), [
    # a Chinese or Japanese paper's page or edition after its name and date
    ("（聯合報，2025/12/03，A9版）", "聯合報", "2025-12-03"),
    ("（工商時報，114.12.03，A5版）", "工商時報", "2025-12-03"),
    ("（人民日报，2025年12月3日，第3版）", "人民日报", "2025-12-03"),
    ("出典：日本経済新聞 2025年12月3日 朝刊 5面", "日本経済新聞", "2025-12-03"),
    # a translation service's source line: the outlet, where it ran and in what language, the day
    ("Caijing, Beijing, in Chinese 2 Dec 25", "Caijing", "2025-12-02"),
    ("Harbour Evening News, Guangzhou, in Chinese 1 Dec 25", "Harbour Evening News", "2025-12-01"),
    ("Xinhua (in Chinese), 3 Dec 25:", "Xinhua", "2025-12-03"),
])
def test_a_credits_page_edition_place_or_language_is_no_part_of_the_name(line: str, outlet: str, published: str) -> None:
    credit = parse_line(line, REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == outlet
    assert credit.published is not None and credit.published.iso() == published


@pytest.mark.parametrize(("text", "outlet", "published"), [
    # a press release's dateline names the wire that carried it
    ("SHANGHAI, Dec. 3, 2025 /PRNewswire/ -- The company said on Wednesday that it had won approval.", "PR Newswire", "2025-12-03"),
    ("HEFEI, China, Dec. 2, 2025 /PRNewswire/ -- The carmaker delivered 41,000 vehicles.", "PR Newswire", "2025-12-02"),
    ("XIAMEN, China--(BUSINESS WIRE)--The chipmaker began volume production at its new fab.", "Business Wire", None),
    ("HONG KONG, Dec. 2, 2025 (GLOBE NEWSWIRE) -- The group signed a supply agreement.", "GlobeNewswire", "2025-12-02"),
])
def test_a_press_releases_dateline(text: str, outlet: str, published: str | None) -> None:
    from digestcite.corpus.attribution import opening_credit

    credit = opening_credit(text, None, REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.shape == "dateline"
    assert REGISTRY.resolve(credit.outlet or "").name == outlet  # type: ignore[union-attr]
    assert (credit.published.iso() if credit.published else None) == published


@pytest.mark.parametrize(("line", "outlet", "published", "url"), [
    # a credit line that ends with its link: the link is a field, kept as the credit's address
    ("Caixin — 2 December 2025 — https://www.caixinglobal.com/2025-12-02/coal-102388530.html", "Caixin", "2025-12-02",
     "https://www.caixinglobal.com/2025-12-02/coal-102388530.html"),
    # an unregistered name is an outlet where the link is its own site
    ("Carbon Brief — 27 November 2025 — https://www.carbonbrief.org/analysis-emissions/", "Carbon Brief", "2025-11-27",
     "https://www.carbonbrief.org/analysis-emissions/"),
    ("Dialogue Earth — undated — https://dialogue.earth/en/energy/pumped-hydro/", "Dialogue Earth", None,
     "https://dialogue.earth/en/energy/pumped-hydro/"),
    # a note that starts in lower case is no second name
    ("Reuters — 28/11/2025 — link in Teams chat", "Reuters", "2025-11-28", None),
])
def test_a_credit_line_with_its_link_or_a_note(line: str, outlet: str, published: str | None, url: str | None) -> None:
    credit = parse_line(line, REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == outlet and credit.url == url
    assert (credit.published.iso() if credit.published else None) == published


def test_an_unregistered_name_before_someone_elses_link_is_not_read_as_an_outlet() -> None:
    assert parse_line("Harbour Ledger — 3 May 2025 — https://example.com/x", REGISTRY, NO_CONTEXT) is None


@pytest.mark.parametrize("line", ["Analysis | 25 November 2025 | By Dr Priya Natarajan", "Interactive | 20 November 2025",
                                  "Podcast · 18 November 2025", "Policy brief | 2 December 2025 | By Tom Lee and Ana Ruiz"])
def test_a_listings_kind_of_piece_and_writer_are_no_outlet_and_its_date_is_kept(line: str) -> None:
    credit = parse_line(line, REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet is None and credit.published is not None


def test_a_place_alone_with_a_date_is_still_no_outlet() -> None:
    assert parse_line("Harbour Times, Beijing, 3 May 2025", REGISTRY, NO_CONTEXT) is None
    assert parse_line("Beijing, 3 December 2025", REGISTRY, NO_CONTEXT) is None


def test_how_many_read_a_piece_is_no_part_of_its_credit() -> None:
    credit = parse_line("Reuters · Dec 2, 2025 · 1.1K reads", REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == "Reuters" and credit.published == PartialDate(2025, 12, 2)


def test_a_links_action_is_no_outlet_and_a_name_like_one_is() -> None:
    from digestcite.corpus.attribution import clean_outlet
    for action in ("View Highlight", "Read more", "Read the full story", "Open in browser", "View online", "Watch"):
        assert clean_outlet(action) is None, action
    for name in ("Full Fact", "openDemocracy", "Visit Taiwan"):
        assert clean_outlet(name) == name


@pytest.mark.parametrize(("line", "outlet"), [
    ("scmp.com · 6 min read", "scmp.com"), ("restofworld.org · 11 min read · Finished", "restofworld.org"),
    ("Reuters · 5 min read", "Reuters")])
def test_a_site_beside_its_reading_time_is_the_outlet_and_dates_nothing(line: str, outlet: str) -> None:
    credit = parse_line(line, REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == outlet and credit.published is None


@pytest.mark.parametrize(("text", "outlet"), [
    ("Die FRANKFURTER ALLGEMEINE ZEITUNG hält fest: „Die Gespräche über Stahlquoten haben nichts gebracht.“", "Frankfurter Allgemeine Zeitung"),
    ("Über den Hafen von Hamburg urteilt die SÜDDEUTSCHE ZEITUNG: „Der Einstieg ist ein Präzedenzfall.“", "Süddeutsche Zeitung"),
    ("Zum Gipfel heißt es in der SÜDDEUTSCHEN ZEITUNG: „Berlin hat sich zu lange Zeit gelassen.“", "Süddeutsche Zeitung"),
    ("Der Wiener STANDARD findet: „Die Industrie braucht Klarheit über die Zölle auf Elektroautos.“", "Der Standard"),
    ("LE MONDE estime que la visite du ministre n'a rien changé aux quotas européens.", "Le Monde"),
    ("Die NORDSEE RUNDSCHAU aus Emden fragt nach den Folgen für die Werften an der Küste.", "Nordsee Rundschau"),
])
def test_a_paper_named_in_capitals_in_a_paragraphs_first_words_is_its_source(text: str, outlet: str) -> None:
    from digestcite.corpus.attribution import mention_credit
    credit = mention_credit(text, REGISTRY)
    assert credit is not None and credit.outlet == outlet


@pytest.mark.parametrize("text", [
    "HONG KONG, Dec 3 - The city said it would review scaffolding rules after the fire.",
    "The EU and NATO said on Monday that the talks with Beijing would go on next week.",
    "BREAKING NEWS ALERT FROM OUR DESK ON THE TARIFF TALKS IN GENEVA TODAY",
])
def test_capitals_that_name_no_paper_are_no_source(text: str) -> None:
    from digestcite.corpus.attribution import _capitals_name
    assert _capitals_name(text, REGISTRY) is None


def test_a_registered_papers_page_or_undated_note_credits_it_without_a_date() -> None:
    credit = parse_line("《南方日报》（日期不详）A05版", REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == "南方日报" and credit.published is None


@pytest.mark.parametrize("line", [
    "**Effective date:** 10 November 2025 (the suspension runs for a year)", "Comments due: 5 January 2026",
    "Saved: 24 November 2025", "Deadline: 1 December 2025"])
def test_a_date_of_something_else_than_the_piece_is_no_publication_date_and_no_outlet(line: str) -> None:
    credit = parse_line(line, REGISTRY, NO_CONTEXT)
    assert credit is None or (credit.outlet is None and credit.published is None)


def test_a_documents_date_of_issue_is_its_date() -> None:
    credit = parse_line("**Date of issue:** 7 November 2025", REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.published == PartialDate(2025, 11, 7)


@pytest.mark.parametrize(("line", "outlet", "published"), [
    ("UP主：观察者网", "观察者网", None), ("Channel: DW News", "DW News", None), ("频道：央视新闻", "央视新闻", None),
    ("发布于 2025-11-30", None, PartialDate(2025, 11, 30)), ("uploaded 2 Dec 2025", None, PartialDate(2025, 12, 2)),
    ("Channel: #china-desk", None, None)])
def test_a_videos_channel_is_its_outlet_and_its_upload_its_date(line: str, outlet: str | None, published: PartialDate | None) -> None:
    credit = parse_line(line, REGISTRY, NO_CONTEXT)
    assert (credit.outlet if credit else None) == outlet
    assert (credit.published if credit else None) == published


@pytest.mark.parametrize(("line", "outlet"), [
    ("CORRIERE DELLA SERA - 02/12/2025 - pag. 14", "CORRIERE DELLA SERA"), ("Avvenire - 02/12/2025 - pag. 9", "Avvenire"),
    ("Reuters - 02/12/2025 - p. 14", "Reuters"), ("Corriere della Sera, 02/12/2025, pagina 14", "Corriere della Sera")])
def test_a_clippings_header_of_paper_date_and_page_between_hyphens(line: str, outlet: str) -> None:
    credit = parse_line(line, REGISTRY, DateContext("dmy", PartialDate(2025, 12, 2)))
    assert credit is not None and credit.outlet == outlet and credit.published == PartialDate(2025, 12, 2)


def test_a_russian_according_to_the_agency_names_it() -> None:
    from digestcite.corpus.attribution import mention_credit
    credit = mention_credit("Китайская сторона передаст досмотровые комплексы. По данным агентства «Кабар», сумма гранта "
                            "составляет 200 млн юаней, соглашение подписано в Бишкеке.", REGISTRY)
    assert credit is not None and REGISTRY.canonical(credit.outlet or "")[0] == "Kabar"


@pytest.mark.parametrize(("line", "outlet", "published"), [
    ("Reuters · 3h", "Reuters", None), ("Caixin · 2d", "Caixin", None), ("NHKニュース 4時間前", "NHKニュース", None),
    ("共同通信　12/2(火) 21:15", "共同通信", PartialDate(2025, 12, 2)), ("연합뉴스 3시간 전", None, None)])
def test_an_apps_card_line_names_its_publisher_and_dates_only_what_it_prints(
        line: str, outlet: str | None, published: PartialDate | None) -> None:
    credit = parse_line(line, REGISTRY, DateContext("mdy", PartialDate(2025, 12, 3)))
    if outlet is None:
        assert credit is None or credit.published is None
        return
    assert credit is not None and credit.outlet == outlet and credit.published == published


@pytest.mark.parametrize("line", ["Full coverage · More from: Bloomberg.com, CNBC, Financial Times +18",
                                  "Also covered by: Reuters, CNBC", "More coverage: Nikkei Asia, Kyodo"])
def test_the_other_coverage_of_a_story_is_not_its_source(line: str) -> None:
    assert parse_line(line, REGISTRY, NO_CONTEXT) is None


@pytest.mark.parametrize(("line", "outlet", "iso"), [
    ("(ایرنا، ۱۴۰۴/۰۸/۱۰)", "ایرنا", "2025-11-01"), ("(خبرگزاری فارس – ۱۴۰۴/۰۸/۱۴)", "خبرگزاری فارس", "2025-11-05"),
    ("منبع: تسنیم، ۵ نوامبر ۲۰۲۵", "تسنیم", "2025-11-05")])
def test_a_persian_credit_with_its_solar_or_gregorian_date(line: str, outlet: str, iso: str) -> None:
    credit = parse_line(line, REGISTRY, NO_CONTEXT)
    assert credit is not None and credit.outlet == outlet and credit.published is not None and credit.published.iso() == iso
