"""Attributions wherever a page prints them, dates as pages print them, and record shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digestcite.corpus.attribution import (
    citation_credit,
    closing_credit,
    mention_credit,
    opening_credit,
    parse_line,
    title_credit,
)
from digestcite.corpus.dates import DateContext, PartialDate, find_printed_date, settle_order
from digestcite.corpus.digest import split_page
from digestcite.corpus.outlets import OutletRegistry
from digestcite.corpus.readers import read_bytes

REGISTRY = OutletRegistry.bundled()
MARCH = DateContext("dmy", PartialDate(2021, 3, 5))


def iso(date: PartialDate | None) -> str | None:
    return date.iso() if date else None


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("Quelle: FAZ, 3. März 2021", None, "2021-03-03"),
        ("Source : Le Monde, 3 mars 2021", None, "2021-03-03"),
        ("2 de marzo de 2021", None, "2021-03-02"),
        ("4 марта 2021", None, "2021-03-04"),
        ("03.11.21", None, "2021-11-03"),
        ("11/3/2021", DateContext("mdy"), "2021-11-03"),
        ("11/3/2021", None, None),
        ("2021/11/03", None, "2021-11-03"),
        ("民國110年11月3日", None, "2021-11-03"),
        ("110年11月3日", None, "2021-11-03"),
        ("2022년 10월 23일", None, "2022-10-23"),
        ("3月5日", MARCH, "2021-03-05"),
        ("12月30日", MARCH, "2020-12-30"),
        ("3 March", MARCH, "2021-03-03"),
        ("3 March", None, None),
        ("Feb 30, 2020", None, None),
        ("Hà Nội, ngày 21 tháng 6 năm 2024", None, "2024-06-21"),
        ("hôm 2 tháng 3", MARCH, "2021-03-02"),
        ("Выпуск 12 (78) · март 2023 года", None, "2023-03"),
        ("發布日期 113-05-24", None, "2024-05-24"),
        ("المصدر: رويترز، 18 نوفمبر 2025", None, "2025-11-18"),
        ("Sumber: The Star, 29 Oktober 2025", None, "2025-10-29"),
        ("สำนักข่าวซินหัว (14 พฤศจิกายน 2568)", None, "2025-11-14"),
        ("มติชนออนไลน์ 11 พ.ย. 68", None, "2025-11-11"),
        ("ที่มา: ฐานเศรษฐกิจ, 10/11/2568", None, "2025-11-10"),
        ("เมื่อวันที่ 3 มี.ค.", MARCH, "2021-03-03"),
        ("3月9日", MARCH, "2021-03-09"),
        ("3月29日", MARCH, "2020-03-29"),
        ("(وكالة شينخوا، ٢ آذار ٢٠٢١)", None, "2021-03-02"),
        ("— रॉयटर्स, २ मार्च २०२१", None, "2021-03-02"),
        ("(الوكالة الوطنية للإعلام، ٣ آذار)", MARCH, "2021-03-03"),
    ],
    ids=["german", "french", "spanish", "russian", "dotted-2-digit", "slash-settled", "slash-ambiguous", "ymd-slash",
         "roc", "roc-bare", "korean", "cjk-year-less", "before-page-date", "english-year-less", "no-context", "no-such-day",
         "vietnamese", "vietnamese-year-less", "foreign-month-of-a-year", "roc-numeric", "arabic", "malay",
         "thai-buddhist-era", "thai-abbreviated-2-digit-era", "thai-numeric-era", "thai-year-less",
         "days-after-the-page-date-are-its-year", "weeks-after-are-the-year-before", "arabic-levantine-month",
         "arabic-levantine-year-less", "hindi-devanagari-digits"],
)
def test_printed_dates(text: str, context: DateContext | None, expected: str | None) -> None:
    found = find_printed_date(text, context)
    assert found is not None
    assert iso(found.date) == expected
    assert (found.reason is None) == (expected is not None)


def test_a_completed_date_is_marked() -> None:
    found = find_printed_date("Caixin, 3 March", MARCH)
    assert found is not None and found.completed and not find_printed_date("3 March 2021").completed  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("texts", "order"),
    [(["03.11.21", "25.10.21"], "dmy"), (["11/3/2021", "10/25/2021"], "mdy"), (["11/3/2021", "3/11/2021"], None),
     (["03.11.21"], "dmy"), (["25/10/2021", "10/25/2021"], None),
     (["Revue du 2 décembre 2025", "Le Monde, 01/12", "publié le 1er décembre"], "dmy"),
     (["each with the source we relied on (dates dd/mm).", "Thursday 04/12/2025"], "dmy"),
     (["Dates are MM/DD/YYYY.", "03/04/2025"], "mdy")],
    ids=["day-first", "month-first", "unsettled", "dotted", "conflict", "written-day-first-in-french", "declared-day-first",
         "declared-month-first"],
)
def test_a_page_settles_its_day_month_order(texts: list[str], order: str | None) -> None:
    assert settle_order(texts) == order


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_printed_dates_never_fail_on_any_text(text: str) -> None:
    found = find_printed_date(text, MARCH)
    assert found is None or (found.date is None) == (found.reason is not None)


@pytest.mark.parametrize(
    ("line", "outlet", "date"),
    [
        ("Originally published by The Diplomat on March 3, 2021.", "Diplomat", "2021-03-03"),
        ("[Reposted from Nikkei Asia, March 8, 2021]", "Nikkei Asia", "2021-03-08"),
        ("本文原载于端传媒，2021年9月28日。", "端传媒", "2021-09-28"),
        ("转载自《华尔街日报》中文网", "华尔街日报中文网", None),
        ("Reported in: Reuters, 6 August 2023", "Reuters", "2023-08-06"),
        ("People's Daily (人民日报), 2 August 2023, p. 1", "People's Daily", "2023-08-02"),
        ("연합뉴스 · 2022년 10월 23일", "연합뉴스", "2022-10-23"),
        ("Reporter: Li Si  Source: Xinhua  2021-03-03", "Xinhua", "2021-03-03"),
        ("— Reuters, March 3", "Reuters", "2021-03-03"),
        ("scmp.com", "South China Morning Post", None),
        ("Monday, 1 March 2021", None, "2021-03-01"),
        ("117/3   The Economist, 9 Mar 2024 (print edition), pp. 35-36", "The Economist", "2024-03-09"),
        ("Hong Kong Free Press, 19 Mar 2024 (online)", "Hong Kong Free Press", "2024-03-19"),
        ("Source: European Commission, press release, 9 March 2021", "European Commission", "2021-03-09"),
        ("Source: National Bureau of Statistics via Caixin", "Caixin", None),
        ("BBC World Service, Newshour (2 March)", "BBC World Service", "2021-03-02"),
        ("Quoted · Reuters", "Reuters", None),
        ("Sumber: Kompas, Senin, 1 Maret 2021, hlm. 2", "Kompas", "2021-03-01"),
        ("共同社，2021年3月2日電", "共同社", "2021-03-02"),
        ("المصدر: الأهرام أونلاين، 17/11/2025", "الأهرام أونلاين", "2025-11-17"),
        ("（3月2日，第4版）", None, "2021-03-02"),
        ("（3月2日付）", None, "2021-03-02"),
        ("Checked by: AFP Fact Check · 2 March 2021", "AFP Fact Check", "2021-03-02"),
        ("Taiwan FactCheck Center rated: Misleading", "Taiwan FactCheck Center", None),
        ("信息来源：国家统计局数据中心（3月2日发布）", "国家统计局数据中心", "2021-03-02"),
        ("Source: People's Bank of China reserve data, published 2 March 2021", "People's Bank of China", "2021-03-02"),
        ("— Lin Jian, spokesperson, at the regular press briefing on 1 March, as reported by the Global Times", "Global Times",
         None),
        ("— Marta Ruiz, freight analyst at a logistics consultancy, on Bloomberg Television", "Bloomberg Television", None),
        ("Source: Reuters calculations from customs data (Reuters, 2 March 2021)", "Reuters", "2021-03-02"),
        ("Source: Caixin tally of company filings", "Caixin", None),
        ("— अमर उजाला", "अमर उजाला", None),
        ("[Src: Reuters, 2 March 2021]", "Reuters", "2021-03-02"),
        ("— जनसत्ता समाचार सेवा, 2 मार्च", "जनसत्ता समाचार सेवा", "2021-03-02"),
    ],
    ids=["originally", "bracketed-repost", "chinese-repost", "chinese-repost-book-title", "reported-in",
         "outlet-then-date", "korean-name-by-place", "labelled-fields", "dash-line", "domain", "weekday-date",
         "several-qualifiers-after-the-date", "edition-in-brackets", "kind-of-document-after-the-name",
         "read-via-an-outlet", "outlet-programme-and-date", "weekday-in-another-language",
         "kind-of-appearance-then-outlet", "dispatched-on-a-date", "arabic-source-label", "date-and-page-in-brackets",
         "japanese-dated-suffix", "fact-checked-by", "fact-checkers-rating",
         "release-date-in-brackets", "an-institutions-data", "a-speaker-as-reported-by", "a-speaker-on-a-channel",
         "a-bracket-names-the-outlet", "a-registered-name-opens-the-source", "a-name-in-a-caseless-script",
         "an-unregistered-caseless-name-with-a-date", "src-label"],
)
def test_attribution_lines(line: str, outlet: str | None, date: str | None) -> None:
    credit = parse_line(line, REGISTRY, MARCH)
    assert credit is not None
    assert (credit.outlet, iso(credit.published)) == (outlet, date)


@pytest.mark.parametrize(
    "line",
    ["The plant closed on Monday, officials said.", "Photo: Xinhua, March 3, 2021",
     "Regulator fines Alibaba a record 18.2 billion yuan | Xinhua | 2021-04-10",
     "Communique pledges to finish key reforms by 2029 | Xinhua | 2021-03-01",
     "【政治・外交】", "【経済】", "4-10 September 2023", "--- CHINA DEMAND ---", "== Freight and ports =="],
    ids=["prose", "photo", "headline-with-pipes", "headline-with-a-year-and-pipes", "topic-in-lenticular-brackets",
         "one-word-topic", "a-period-is-not-a-date", "a-heading-between-dashes", "a-heading-between-equals"],
)
def test_not_attribution_lines(line: str) -> None:
    assert parse_line(line, REGISTRY, MARCH) is None


def test_a_sentence_with_its_source_in_brackets_is_a_paragraph_not_a_source_line() -> None:
    assert parse_line("宁波港宣布下调夜间靠泊费，为期三个月。（来源：新华社）", REGISTRY, MARCH) is None
    forwarded = parse_line("Forwarded from 美国之音中文网", REGISTRY, MARCH)
    assert forwarded is not None and forwarded.outlet == "美国之音中文网"


def test_the_date_of_a_source_that_is_no_outlet_is_no_publication_date() -> None:
    staff = parse_line("出典：現地駐在員からの情報（3月2日）", REGISTRY, MARCH)
    assert staff is not None and (staff.outlet, staff.published) == (None, None) and staff.reason


def test_a_fact_checks_claimant_is_neither_its_source_nor_its_date() -> None:
    claimant = parse_line("Claim by: posts on Weibo and X · 1 Mar 2021", REGISTRY, MARCH)
    assert claimant is not None and (claimant.outlet, claimant.published) == (None, None)


def test_credits_inside_headlines_and_text() -> None:
    bracket = title_credit("Shanghai extends lockdown [Reuters, 2022-04-05]", REGISTRY)
    assert bracket is not None and (bracket.outlet, iso(bracket.published)) == ("Reuters", "2022-04-05")
    pipes = title_credit("Regulator fines Alibaba | Xinhua | 2021-04-10", REGISTRY)
    assert pipes is not None and (pipes.outlet, iso(pipes.published)) == ("Xinhua", "2021-04-10")
    kind = title_credit("Reuters flash: Port of Tianjin suspends night loading", REGISTRY)
    assert kind is not None and kind.outlet == "Reuters" and kind.span == (0, 15)
    dated = title_credit("Caixin Global, Mar 2: Li Qiang endorsed as premier", REGISTRY, MARCH)
    assert dated is not None and (dated.outlet, iso(dated.published)) == ("Caixin Global", "2021-03-02")
    assert title_credit("WHO: no unusual pathogen behind the pneumonia cluster", REGISTRY) is None  # WHO speaks
    speaker = title_credit("外交部：任何外部势力都无权干涉", REGISTRY)
    assert speaker is None  # a ministry in a headline prefix speaks; it does not report
    own_date = closing_credit("Growth was 3.9 percent, below the target. Published 2 March 2021.", None, REGISTRY, MARCH)
    assert own_date is not None and (own_date.outlet, iso(own_date.published)) == (None, "2021-03-02")
    bare = closing_credit("The draft budget puts military spending at 1.67 trillion yuan. South China Morning Post", None,
                          REGISTRY)
    assert bare is not None and bare.outlet == "South China Morning Post"
    assert closing_credit("The ministry said it would act. Ministry of Commerce", None, REGISTRY) is None  # it speaks
    joint = closing_credit("Seoul urged Beijing to reconsider (Bloomberg/Reuters, 2 March).", None, REGISTRY, MARCH)
    assert joint is not None and (joint.outlet, joint.others, iso(joint.published)) == ("Bloomberg", ("Reuters",), "2021-03-02")
    helped = parse_line("-- Xinhua, with additional reporting from Global Times", REGISTRY, MARCH)
    assert helped is not None and (helped.outlet, helped.others) == ("Xinhua", ("Global Times",))
    charted = closing_credit("Figures from the tourism office, charted by the South China Morning Post (Mar 2).", None,
                             REGISTRY, MARCH)
    assert charted is not None and (charted.outlet, iso(charted.published)) == ("South China Morning Post", "2021-03-02")
    told = closing_credit("Die Behörde prüft die App. Das berichtete die Süddeutsche Zeitung am 2. März.", None, REGISTRY, MARCH)
    assert told is not None and (told.outlet, iso(told.published)) == ("Süddeutsche Zeitung", "2021-03-02")
    dated = parse_line("Quelle: Handelsblatt vom 2. März", REGISTRY, MARCH)
    assert dated is not None and (dated.outlet, iso(dated.published)) == ("Handelsblatt", "2021-03-02")
    labelled = closing_credit("A Suzano prevê recuperação no quarto trimestre. (Fonte: Estadão)", None, REGISTRY)
    assert labelled is not None and labelled.outlet == "Estadão"
    dash = closing_credit("Didi was pulled from app stores. — Nikkei Asia", None, REGISTRY)
    assert dash is not None and dash.outlet == "Nikkei Asia"
    tail = closing_credit("Its 2023 outlook is unchanged. Nikkei Asia", "Nikkei Asia", REGISTRY)
    assert tail is not None and tail.published is None  # "2023" in the text is not the outlet's date
    dateline = opening_credit("BEIJING, March 3 (Reuters) - China said", None, REGISTRY, MARCH)
    assert dateline is not None and (dateline.outlet, iso(dateline.published)) == ("Reuters", "2021-03-03")
    xinhua = opening_credit("新华社北京3月5日电（记者 王某）国务院总理说", None, REGISTRY, MARCH)
    assert xinhua is not None and (xinhua.outlet, iso(xinhua.published)) == ("新华社", "2021-03-05")
    agency = opening_credit("TTXVN (Manila 2/3) - Lực lượng vũ trang Philippines cho biết", None, REGISTRY, MARCH)
    assert agency is not None and (agency.outlet, iso(agency.published)) == ("TTXVN", "2021-03-02")
    foreign_desk = opening_credit("（中央社華盛頓2日綜合外電報導）美國總統拜登2日在記者會上批評", None, REGISTRY, MARCH)
    assert foreign_desk is not None and (foreign_desk.outlet, iso(foreign_desk.published)) == ("中央社", "2021-03-02")
    ordinal = opening_credit("The 21st Century Business Herald reported that turnover fell.", None, REGISTRY)
    assert ordinal is not None and ordinal.outlet == "The 21st Century Business Herald"
    review = opening_credit("In an editorial, China Daily argued that the plan works.", None, REGISTRY)
    assert review is not None and review.outlet == "China Daily"
    according = opening_credit("Theo hãng tin AFP ngày 2/3, quy định đã có hiệu lực.", None, REGISTRY, MARCH)
    assert according is not None and (according.outlet, iso(according.published)) == ("AFP", "2021-03-02")
    subject = opening_credit("Báo The Sydney Morning Herald (Australia) số ra ngày 1/3 cho biết hai bên nhất trí.", None, REGISTRY,
                             MARCH)
    assert subject is not None and (subject.outlet, iso(subject.published)) == ("The Sydney Morning Herald", "2021-03-01")
    agency = opening_credit("Menurut kantor berita Antara, pemerintah menaikkan tarif.", None, REGISTRY, MARCH)
    assert agency is not None and agency.outlet == "Antara"
    issue = opening_credit("Как пишет «Коммерсантъ» в номере от 2 марта, по газопроводу пойдёт газ.", None, REGISTRY, MARCH)
    assert issue is not None and (issue.outlet, iso(issue.published)) == ("Коммерсантъ", "2021-03-02")
    described = opening_credit("Гонконгская газета South China Morning Post пишет, что Пекин ждёт.", None, REGISTRY, MARCH)
    assert described is not None and described.outlet == "South China Morning Post"
    ministry = opening_credit("Bộ Ngoại giao Trung Quốc cho biết hai bên sẽ gặp lại.", None, REGISTRY, MARCH)
    assert ministry is None  # a ministry that speaks is not a source
    topic = opening_credit("Property: sales fell again.", "Property:", REGISTRY)
    assert topic is None
    arabic = opening_credit("نقلت رويترز عن بيانات شركات تتبع الناقلات أن المصافي خفضت مشترياتها", None, REGISTRY)
    assert arabic is not None and arabic.outlet == "رويترز"
    assert opening_credit("قال المندوب الصيني إن النص غامض", None, REGISTRY) is None  # a diplomat speaks
    day = opening_credit("据路透社4日报道，荷兰政府暂停了行政令。", None, REGISTRY, MARCH)
    assert day is not None and (day.outlet, iso(day.published)) == ("路透社", "2021-03-04")
    country = opening_credit("据英国《金融时报》3日报道，欧盟拟收紧审查。", None, REGISTRY, MARCH)
    assert country is not None and (country.outlet, iso(country.published)) == ("金融时报", "2021-03-03")
    bracketed = opening_credit("据澳大利亚广播公司（ABC）2日报道，港口租约将重审。", None, REGISTRY, MARCH)
    assert bracketed is not None and bracketed.outlet == "澳大利亚广播公司"


@pytest.mark.parametrize(
    ("headline", "outlet", "date", "title"),
    [
        ("解放軍報（3月1日付）「南部戦区、南シナ海で合同訓練」", "解放軍報", "2021-03-01", "南部戦区、南シナ海で合同訓練"),
        ("環球時報 社説「観光客の往来回復を急げ」", "環球時報", None, "観光客の往来回復を急げ"),
        ("第一財経「1～2月の工業生産、予想を上回る」", "第一財経", None, "1～2月の工業生産、予想を上回る"),
        ("Caixin (2 March): “Banks told to lend more to builders”", "Caixin", "2021-03-02", "Banks told to lend more to builders"),
        ("港灣日報（3月2日）「碼頭擴建工程動工」", "港灣日報", "2021-03-02", "碼頭擴建工程動工"),
    ],
    ids=["registered-dated", "kind-of-piece", "name-read-whole", "english-quotes", "unregistered-but-dated"],
)
def test_a_headline_quoted_after_its_outlet(headline: str, outlet: str, date: str | None, title: str) -> None:
    credit = title_credit(headline, REGISTRY, MARCH)
    assert credit is not None
    assert (credit.outlet, iso(credit.published), credit.title) == (outlet, date, title)


def test_a_quote_after_a_name_is_not_a_headline_credit() -> None:
    assert title_credit("李強「内需拡大が最優先」", REGISTRY, MARCH) is None  # a speaker, not dated
    assert title_credit("外交部（3月1日）「対話の扉は開いている」", REGISTRY, MARCH) is None  # a ministry speaks


def test_an_outlet_tag_opening_a_headline() -> None:
    tagged = title_credit("三、【共同社】首相、来月の訪米を調整", REGISTRY, MARCH)
    assert tagged is None  # a list number first is the reader's to strip
    tagged = title_credit("【共同社】首相、来月の訪米を調整", REGISTRY, MARCH)
    assert tagged is not None and tagged.outlet == "共同社" and tagged.span == (0, 5)
    assert title_credit("【独家】首相、来月の訪米を調整", REGISTRY, MARCH) is None  # a tag, not an outlet


@pytest.mark.parametrize(
    ("printed", "outlet"),
    [("第一財経", "Yicai"), ("中国新聞社", "China News Service"), ("産経新聞", "The Sankei Shimbun"),
     ("每日新聞", "The Mainichi"), ("环球時報", "Global Times"), ("國防部", None), ("【NHK】沖繩縣知事訪台推動觀光", None)],
    ids=["japanese-shinjitai", "mixed-scripts", "shinjitai-sankei", "chinese-form-of-a-japanese-name", "half-and-half",
         "a-ministry-is-not-folded-across-the-strait", "a-headline-is-not-a-two-script-name"],
)
def test_names_in_any_chinese_script_resolve_alike(printed: str, outlet: str | None) -> None:
    found = REGISTRY.resolve(printed)
    assert (found.name if found else None) == outlet


def test_a_chinese_source_phrase_in_the_text_keeps_its_day() -> None:
    found = mention_credit("报名人数首次下降。据新华社3月2日报道，各地启用AI监考。", REGISTRY, MARCH)
    assert found is not None and (found.outlet, iso(found.published)) == ("新华社", "2021-03-02")


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Bloomberg reported on 15 July that growth slowed.", "Bloomberg"),
        ("The cleanest account is Reuters' summary of the talks.", "Reuters"),
        ("A long read in the Financial Times, 8 April, on local debt.", "Financial Times"),
        ("Petitioners filed complaints with the Central Commission for Discipline Inspection.", None),
        ("Officials visited Reuters Square on Monday.", None),
        ("Two generals, Li Yuchao and Sun Jinming, were expelled. The South China Morning Post, in a piece on 18 March, "
         "points out that this is the first word on them.", "The South China Morning Post"),
        ("A: The Paper. Its series on graduates followed six young people.", "The Paper"),
        ("The Global Times scoop on March 22 named the provinces.", "The Global Times"),
        ("On Monday Reuters said the plant had closed.", "Reuters"),
        ("The port said so, the Harbour Times reported.", None),
    ],
    ids=["subject", "possessive", "in-the", "actor-not-source", "no-source-slot", "aside-before-the-verb",
         "an-answer-naming-the-outlet", "the-outlets-scoop", "after-an-opening-word", "one-word-of-a-longer-name"],
)
def test_outlets_named_as_the_source_in_text(text: str, outlet: str | None) -> None:
    credit = mention_credit(text, REGISTRY, MARCH)
    assert (credit.outlet if credit else None) == outlet


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Bloomberg reported on 1 March that growth slowed.", "2021-03-01"),
        ("The Global Times scoop on March 2 named the provinces.", "2021-03-02"),
        ("The Washington Post, in a piece on 4 March, points out that it is new.", "2021-03-04"),
        ("A long read in the Financial Times, 8 April 2024, on local debt.", "2024-04-08"),
        ("Reuters reported that on 5 March the army moved.", None),
        ("Reuters set the tone early. In a report of 2 March, the agency said the duties would wait.", "2021-03-02"),
        ("In a dispatch of 3 March, Kyodo said Tokyo had protested; talks resume on 9 March.", "2021-03-03"),
    ],
    ids=["verb-on", "noun-on", "aside", "comma-full-date", "event-date-after-that", "the-piece-named-in-the-next-sentence",
         "the-piece-named-before-the-outlet"],
)
def test_a_mention_takes_the_date_that_goes_with_it(text: str, date: str | None) -> None:
    credit = mention_credit(text, REGISTRY, MARCH)
    assert credit is not None and iso(credit.published) == date


def table(page, *, fmt: str = "txt") -> list[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    if isinstance(page, str) and fmt != "txt":
        raw = read_bytes(page.encode("utf-8"), f"page.{fmt}", fmt=fmt)
        items = split_page(raw.blocks, REGISTRY, meta=raw.meta).items
    else:
        items = split_page(page, REGISTRY).items
    return [(i.title, REGISTRY.canonical(i.outlet_as_printed)[0] if i.outlet_as_printed else None, iso(i.published))
            for i in items]


def test_numbered_items_with_dash_credits() -> None:
    page = ("TECH BRIEF — 13 July 2021\n\nGood morning.\n\n1. Didi pulled from app stores\n"
            "Regulators ordered the app removed over data concerns. — Reuters, July 5\n\n"
            "2. Two more platforms under review\nThe cyberspace regulator widened its checks. — Nikkei Asia\n\n"
            "3. Cabinet vows tighter supervision\nThe State Council said rules would change. – Caixin, July 7\n")
    assert table(page) == [
        ("Didi pulled from app stores", "Reuters", "2021-07-05"),
        ("Two more platforms under review", "Nikkei Asia", None),
        ("Cabinet vows tighter supervision", "Caixin", "2021-07-07"),
    ]


def test_outlet_headings_scope_their_items_and_date_headings_need_the_page_to_say_so() -> None:
    outlets = ("# State media watch\n\n## Xinhua\n\n**Plenum communique issued** The communique praised the party.\n\n"
               "**Premier visits Hebei** The premier toured flood areas.\n\n## Global Times\n\n"
               "**Editorial on Taiwan** The paper warned Washington.\n")
    assert [(t, o) for t, o, _ in table(outlets, fmt="md")] == [
        ("Plenum communique issued", "Xinhua News Agency"), ("Premier visits Hebei", "Xinhua News Agency"),
        ("Editorial on Taiwan", "Global Times")]
    dated = "## Monday, 1 March 2021\n\n### Port reopens\n\nReuters\n\nThe port reopened on Monday after a long closure.\n\n" \
            "### Rail opens\n\nXinhua\n\nThe line opened to passengers on Monday morning.\n"
    assert [d for _, _, d in table(dated, fmt="md")] == [None, None]
    cue = "Every story listed under a day was published on the day shown.\n\n" + dated
    assert [d for _, _, d in table(cue, fmt="md")] == ["2021-03-01", "2021-03-01"]


def test_a_table_listing_gives_one_item_per_row() -> None:
    page = ("# Media monitor\n\n| Date | Outlet | Headline |\n|---|---|---|\n| 2025-01-03 | Reuters | Chip curbs widen |\n"
            "| 2025-01-04 | Caixin | Banks cut rates |\n| 2025-01-05 | SCMP | Ferry service resumes |\n")
    assert table(page, fmt="md") == [("Chip curbs widen", "Reuters", "2025-01-03"), ("Banks cut rates", "Caixin", "2025-01-04"),
                                      ("Ferry service resumes", "South China Morning Post", "2025-01-05")]


def test_a_press_review_of_the_days_papers_dates_each_paragraph_with_the_page() -> None:
    page = ("PRESS REVIEW — 17 November 2021\n\nToday's papers:\n\n"
            "The People's Daily said on Tuesday that the plenum resolution would guide the party for decades.\n\n"
            "In an editorial, China Daily argued that the summit had eased tensions between the two countries.\n\n"
            "The Global Times warned that Washington should not misjudge Beijing's resolve on Taiwan.\n")
    assert [(o, d) for _, o, d in table(page)] == [
        ("People's Daily", "2021-11-17"), ("China Daily", "2021-11-17"), ("Global Times", "2021-11-17")]


def test_the_registrys_folded_names_are_kept_and_a_damaged_copy_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "outlets.cache"
    fresh = OutletRegistry.bundled(cache=cache)
    assert cache.exists()
    kept = OutletRegistry.bundled(cache=cache)
    for name in ("SCMP", "南華早報", "reuters.com", "The Paper", "RTHK 香港電台", "nobody we know"):
        assert kept.resolve(name) == fresh.resolve(name) == REGISTRY.resolve(name)
    cache.write_bytes(b"\x00 not a registry")
    damaged = OutletRegistry.bundled(cache=cache)
    assert damaged.resolve("SCMP") == REGISTRY.resolve("SCMP") and cache.read_bytes() != b"\x00 not a registry"


@pytest.mark.parametrize(
    ("entry", "outlet", "date", "author"),
    [('Chris Miller, "The Chip War Has Only Just Begun," Foreign Affairs, 27 November 2023. Focus on part two.',
      "Foreign Affairs", "2023-11-27", "Chris Miller"),
     ('After the summit: "China sets its first absolute emissions target," Carbon Brief, 24 September 2025.',
      "Carbon Brief", "2025-09-24", None),
     ('The Guardian, 25 September 2025: "Beijing\'s new climate target underwhelms, analysts say".',
      "The Guardian", "2025-09-25", None),
     ('"Inside Shenzhen\'s race to build a lithography supply chain." The Wire China.', "The Wire China", None, None)],
    ids=["author-with-a-comma", "lead-in-with-a-colon", "outlet-and-date-before-the-title", "no-date-registered-outlet"],
)
def test_reading_list_entries(entry: str, outlet: str, date: str | None, author: str | None) -> None:
    found = citation_credit(entry, REGISTRY, MARCH)
    assert found is not None and (found.outlet, iso(found.published), found.author) == (outlet, date, author)


def test_a_quote_after_a_speaker_and_a_place_is_no_reference_entry() -> None:
    assert citation_credit('Lula, en Shanghái: "Nadie va a prohibir que Brasil mejore su relación"', REGISTRY, MARCH) is None


def test_a_reference_entry_keeps_its_year_where_the_page_has_another() -> None:
    entry = citation_credit('"Port Workers Strike over Night Shifts." Reuters, March 24, 2021. https://www.reuters.com/.',
                            REGISTRY, DateContext(None, PartialDate(2022, 4, 19)))
    assert entry is not None and (entry.outlet, iso(entry.published)) == ("Reuters", "2021-03-24")


def test_the_cached_registry_gives_every_alias_as_written_and_its_own_aliases_first(tmp_path: Path) -> None:
    # issue 13, "Speed": the aliases as written are the cache's second line, read on first use
    cache = tmp_path / "outlets.cache"
    OutletRegistry.bundled(cache=cache)
    names = [o.name for o in REGISTRY.outlets]
    kept = OutletRegistry.bundled(cache=cache)
    assert kept._alias_text_json is not None
    assert [kept.aliases_of(n) for n in names] == [REGISTRY.aliases_of(n) for n in names]
    added = OutletRegistry.bundled(cache=cache)
    added.add_alias("Free Asia Radio", "Radio Free Asia")
    added.add_alias("SCMP", "Caixin")  # a corpus's alias replaces the bundled one
    assert "Free Asia Radio" in added.aliases_of("Radio Free Asia")
    assert "SCMP" in added.aliases_of("Caixin") and "SCMP" not in added.aliases_of("South China Morning Post")
    lookup, _, _ = cache.read_bytes().partition(b"\n")
    cache.write_bytes(lookup + b"\n{not json")
    damaged = OutletRegistry.bundled(cache=cache)
    assert [damaged.aliases_of(n) for n in names] == [REGISTRY.aliases_of(n) for n in names]


def test_the_cached_registry_resolves_every_name_as_the_fresh_one(tmp_path: Path) -> None:
    # issue 13, "Speed": the cached registry looks names up in the file's sorted lines and
    # reads only the outlets it finds; it must answer exactly as the registry made afresh
    cache = tmp_path / "outlets.cache"
    OutletRegistry.bundled(cache=cache)
    kept = OutletRegistry.bundled(cache=cache)
    assert type(kept._by_alias) is not dict  # read from the cache, not made again
    printed = []
    for outlet in REGISTRY.outlets:
        for name in (outlet.name, *outlet.aliases, outlet.key):
            printed += [name, name.upper(), f"The {name}", f"{name} (Chinese)", f"{name} Mandarin", f"{name} 香港"]
        printed += [f"https://www.{d}/news/1" for d in outlet.domains] + [f"news.{d}" for d in outlet.domains]
    printed += ["nobody we know", "a former lecturer", "", "   ", "example.org", "Mr. Li", "RTHK 香港電台"]
    assert [kept.resolve(p) for p in printed] == [REGISTRY.resolve(p) for p in printed]
    words = {p.split()[0] for p in printed if p.split()} | {"zzz", "the", "’s"}
    assert {w for w in words if kept.could_start_name(w)} == {w for w in words if REGISTRY.could_start_name(w)}
    assert len(kept.outlets) == len(REGISTRY.outlets) and list(kept.outlets) == list(REGISTRY.outlets)
    kept.add_alias("Free Asia Radio", "Radio Free Asia")
    kept.add_alias("Our Own Outlet", "Our Own Outlet")
    assert kept.resolve("free asia radio") == REGISTRY.resolve("Radio Free Asia")
    assert kept.resolve("Our Own Outlet") is not None


def test_a_cached_name_whose_line_was_changed_reads_as_unknown(tmp_path: Path) -> None:
    cache = tmp_path / "outlets.cache"
    OutletRegistry.bundled(cache=cache)
    identity, names, outlets, domains, texts = cache.read_bytes().split(b"\n")
    cache.write_bytes(b"\n".join([identity, names.replace(b"radio free asia\\t", b"radio free asia\\tx"), outlets,
                                  domains, texts]))
    kept = OutletRegistry.bundled(cache=cache)
    assert kept.resolve("Radio Free Asia") is None and kept.resolve("Xinhua") == REGISTRY.resolve("Xinhua")
