"""Splitting pages into items: the seeds, and attribution shapes written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digestcite.corpus.dates import PartialDate
from digestcite.corpus.digest import PageDefaults, parse_attribution, split_items, split_page
from digestcite.corpus.outlets import OutletRegistry

REGISTRY = OutletRegistry.bundled()


def test_seed_digest_gives_eight_items_with_outlets_and_dates(seeds: Path) -> None:
    items = split_items((seeds / "002_fd4d90c8a939e2ac.txt").read_text("utf-8"), REGISTRY)
    table = [(REGISTRY.canonical(i.outlet_as_printed or "")[0], i.published.iso() if i.published else None) for i in items]
    assert table == [
        ("The Epoch Times", "2020-10-22"),
        ("Radio Free Asia", "2020-10-23"),
        ("Hong Kong Economic Times", "2020-10-25"),
        ("The Epoch Times", "2020-10-07"),
        ("The Epoch Times", "2020-10-16"),
        ("Sohu", "2020-10-12"),
        ("Sina", "2020-10-16"),
        ("Hong Kong Economic Times", "2020-10-14"),
    ]
    assert items[0].title.startswith("Internal Log Shows How Authorities in Zhanjiang")
    assert items[1].title == "Xi Jinping’s Warning to the Western World Meant to Ensure Domestic Stability"
    assert items[4].title == "China Views U.S. Diplomatic Missions in China as Hostile Forces"
    assert all(not p.startswith("Skip to content") for i in items for p in i.paragraphs)
    assert all(i.title not in i.paragraphs for i in items)


def test_seed_tagged_article_takes_outlet_from_tag_and_drops_caption(seeds: Path) -> None:
    items = split_items((seeds / "001_1f212aea24f3589d.txt").read_text("utf-8"), REGISTRY)
    assert len(items) == 1
    item = items[0]
    assert item.outlet_as_printed == "People News"
    assert item.outlet_origin == "inline"
    assert item.published is None and item.published_reason == "no source line on the page"
    assert len(item.captions) == 1 and "Getty Images" in item.captions[0]
    assert not any("Getty" in p for p in item.paragraphs)
    assert item.paragraphs[0].startswith("For the CCP, the Two Sessions")


def test_seed_plain_article_takes_outlet_and_date_from_defaults(seeds: Path) -> None:
    defaults = PageDefaults("The Epoch Times", PartialDate(2024, 2, 28))
    items = split_items((seeds / "000_147323605bb7b0a7.txt").read_text("utf-8"), REGISTRY, defaults)
    assert len(items) == 1
    assert (items[0].outlet_as_printed, items[0].outlet_origin, items[0].published) == (
        "The Epoch Times", "user", PartialDate(2024, 2, 28))
    assert items[0].title.startswith("Upcoming Two Sessions of the CCP")


def test_without_defaults_the_plain_article_has_no_outlet_or_date(seeds: Path) -> None:
    items = split_items((seeds / "000_147323605bb7b0a7.txt").read_text("utf-8"), REGISTRY)
    assert (items[0].outlet_as_printed, items[0].published) == (None, None)
    assert items[0].published_reason == "no source line on the page"


@pytest.mark.parametrize(
    ("line", "outlet", "date"),
    [
        ("Source: Epoch Times, October 22, 2020", "Epoch Times", "2020-10-22"),
        ("Source: Minghui, April 15, 2020 -403871.html", "Minghui", "2020-04-15"),
        ("Source:Xinhua Published: 2015-4-17 17:33:19", "Xinhua", "2015-04-17"),
        ("Source: Xinhua Updated: 2023-03-10", "Xinhua", "2023-03-10"),
        ("From: Xinhua", "Xinhua", None),
        ("By Wu Jiao | China Daily | Updated: 2008-11-21 07:40", "China Daily", "2008-11-21"),
        ("(Xinhua News Agency November 14, 2008)", "Xinhua News Agency", "2008-11-14"),
        ("(China Times, 09-Jun-2011)", "China Times", "2011-06-09"),
        ("2016-08-12 10:30Xinhua Editor: Mo Hong'e", "Xinhua", "2016-08-12"),
        ("Source: , October 3, 2020", None, "2020-10-03"),
        ("来源：新华社，2020年10月14日", "新华社", "2020-10-14"),
    ],
    ids=["digest", "junk-after", "published", "updated", "from", "byline", "paren-agency", "paren-comma",
         "date-first", "empty-outlet", "chinese"],
)
def test_attribution_shapes(line: str, outlet: str | None, date: str | None) -> None:
    attribution = parse_attribution(line, REGISTRY)
    assert attribution is not None
    assert attribution.outlet == outlet
    assert (attribution.published.iso() if attribution.published else None) == date


@pytest.mark.parametrize(
    "line",
    ["Source: Getty Images", "Photo: Xinhua, March 3, 2021", "The Source of the river is far.",
     "(Photo by a photographer/Getty Images)", "Sources say the plan is off."],
    ids=["photo-credit", "photo-caption", "prose", "photo-paren", "sources-say"],
)
def test_not_attributions(line: str) -> None:
    assert parse_attribution(line, REGISTRY) is None


SHAPES_PAGE = """\
Skip to content
Home > Digests > 2021
page 3

Court Denies Bail to Activists
Court Denies Bail to Activists

A court refused bail to 32 of the 47 activists after four days of hearings. Lawyers said they would appeal.

Source: Hong Kong Free Press, March 4, 2021

Photo: Xinhua, March 3, 2021

The health commission said 15 new local cases were found. Residents were told to stay home.

Source: , March 5, 2021

Xinhua: Rail Link Opens

A rail line to the new airport opened on Sunday. The trip takes about 19 minutes.

Source: Xinhua Updated: 2019-09-29

Analysis: Why Provinces Cut Targets

Several provinces lowered their growth targets, citing weaker exports. Economists saw more tolerance for slower growth.

Source: Reuters, March 2, 2023

Related stories:
Another Headline Elsewhere
Yet Another Headline

Factory Closure Leaves Wages Unpaid

Workers said the owner disappeared owing three months of wages. About 400 employees gathered.

Source: Getty Images

A labour group tried to reach the bureau.

Source: China Labour Bulletin, February 30, 2021

Officials Promise Relief for Flood Victims

Officials said they would rebuild homes destroyed in the floods, but residents of several villages said they had received nothing so far and that the teams had
"""


def test_shapes_page() -> None:
    page = split_page(SHAPES_PAGE, REGISTRY, PageDefaults())
    table = [(i.title, i.outlet_as_printed, i.published.iso() if i.published else i.published_reason) for i in page.items]
    assert table == [
        ("Court Denies Bail to Activists", "Hong Kong Free Press", "2021-03-04"),
        ("The health commission said 15 new local cases were found.", None, "2021-03-05"),
        ("Rail Link Opens", "Xinhua", "2019-09-29"),
        ("Analysis: Why Provinces Cut Targets", "Reuters", "2023-03-02"),
        ("Factory Closure Leaves Wages Unpaid", "China Labour Bulletin",
         "doubtful date 'February 30, 2021': February 30, 2021 does not exist"),
        ("Officials Promise Relief for Flood Victims", None, "no source line for this item (cut off?)"),
    ]
    first, health, _, _, factory, _ = page.items
    assert first.paragraphs == ("A court refused bail to 32 of the 47 activists after four days of hearings. Lawyers said they would appeal.",)
    assert health.title_from_text and health.captions == ("Photo: Xinhua, March 3, 2021",)
    assert factory.captions == ("Source: Getty Images",)
    assert not any("Headline Elsewhere" in p for i in page.items for p in i.paragraphs)


def test_header_attributions_start_items() -> None:
    page = """Story One Headline
Source: Xinhua Updated: 2023-03-10
BEIJING, March 10 (Xinhua) -- The first story has a body. It continues here.
Story Two Headline
Source: Xinhua Updated: 2023-03-11
The second story has a body too. It also continues.
"""
    items = split_items(page, REGISTRY)
    assert [(i.title, i.published.iso() if i.published else None) for i in items] == [
        ("Story One Headline", "2023-03-10"), ("Story Two Headline", "2023-03-11")]
    assert items[0].paragraphs == ("BEIJING, March 10 (Xinhua) -- The first story has a body. It continues here.",)


def test_dateline_names_the_agency() -> None:
    items = split_items("Plant Opens\n\nSHANGHAI, May 3 (Reuters) -- A new plant opened on Monday. It cost a lot.\n", REGISTRY)
    assert (items[0].outlet_as_printed, items[0].outlet_origin) == ("Reuters", "dateline")


def test_hard_wrapped_digest_is_rejoined() -> None:
    page = (
        "Weekly Notes\n\nVisa Numbers Collapse\n\nThe number of student visas issued to Chinese applicants fell to\n"
        "eight in June, according to a report, compared with thirty-four\nthousand a year before, and educators "
        "warned about the\nconsequences for exchanges.\n\nSource: Sina, October 16, 2020\n\n"
        "Plants Move Abroad\n\nA provincial document says that the strategy should help the province\n"
        "digest excess capacity in steel and cement and move some plants to\nneighbouring countries.\n\n"
        "Source: Epoch Times, October 7, 2020\n"
    )
    page_ = split_page(page, REGISTRY)
    assert page_.title == "Weekly Notes"
    assert [len(i.paragraphs) for i in page_.items] == [1, 1]
    assert page_.items[0].paragraphs[0].startswith("The number of student visas issued to Chinese applicants fell to eight")


def test_page_without_items_is_one_item() -> None:
    items = split_items("Just a Note\n\nSomething happened in the city today. People watched.\n", REGISTRY)
    assert len(items) == 1 and items[0].title == "Just a Note"


def test_page_of_boilerplate_has_no_items() -> None:
    assert split_items("Skip to content\nHome > News > China\nShare this\n", REGISTRY) == []


def test_ten_thousand_items_on_one_page() -> None:
    page = "".join(f"Headline Number {n}\n\nBody text of item {n} tells a story. It ends.\n\nSource: Xinhua, May 1, 2020\n\n"
                   for n in range(10_000))
    items = split_items(page, REGISTRY)
    assert len(items) == 10_000
    assert items[-1].title == "Headline Number 9999"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("abcXY .,:()[]\n1290Source")), max_size=40), max_size=12))
def test_splitter_keeps_body_text_in_order(lines: list[str]) -> None:
    page = "\n".join(lines)
    items = split_items(page, REGISTRY)
    words = [w for i in items for p in i.paragraphs for w in p.split()]
    # NOTE: in the page's characters, not its words: footnote markers ("[12]") are cut
    # out of a word ("[00]0" reads "0"), which is no invention (found by hypothesis).
    position = 0
    for word in words:
        found = page.find(word, position)
        assert found >= 0, f"{word!r} out of order or invented"
        position = found


@pytest.mark.parametrize(
    ("printed", "outlet"),
    [
        ("The Epoch Times (Chinese)", "The Epoch Times"),
        ("RFA Mandarin", "Radio Free Asia"),
        ("Xinhua News", "Xinhua News Agency"),
        ("https://www.rfa.org/mandarin/yataibaodao/2020/10/23/", "Radio Free Asia"),
        ("news.sina.com.cn", "Sina"),
        ("www.chinadaily.com.cn", "China Daily"),
        ("China Daily", "China Daily"),
        ("Daily", None),
        ("www.example.org", None),
    ],
    ids=["paren-qualifier", "language-service", "news-suffix", "url", "subdomain", "cn-domain", "exact",
         "qualifier-alone", "unknown-host"],
)
def test_registry_resolves_qualified_names_and_addresses(printed: str, outlet: str | None) -> None:
    found = REGISTRY.resolve(printed)
    assert (found.name if found else None) == outlet


def test_source_line_with_a_web_address_names_the_outlet() -> None:
    items = split_items("Headline Here\n\nBody text of the item. It goes on.\n\nSource: https://www.rfa.org/mandarin/2020/10/23/a.html, "
                        "October 23, 2020\n", REGISTRY)
    assert REGISTRY.canonical(items[0].outlet_as_printed or "")[0] == "Radio Free Asia"
    assert items[0].published == PartialDate(2020, 10, 23)


def test_source_lines_above_the_bodies_and_dates_on_their_own_lines() -> None:
    page = (
        "First Story Headline\nSource: Epoch Times\nOctober 22, 2020\nThe first body says a thing. It goes on.\n\n"
        "Second Story Headline\nSource: Radio Free Asia\nOctober 23, 2020\nThe second body says more. It ends.\n"
    )
    items = split_items(page, REGISTRY)
    assert [(i.title, i.outlet_as_printed, i.published.iso() if i.published else None, i.paragraphs) for i in items] == [
        ("First Story Headline", "Epoch Times", "2020-10-22", ("The first body says a thing. It goes on.",)),
        ("Second Story Headline", "Radio Free Asia", "2020-10-23", ("The second body says more. It ends.",)),
    ]


def test_a_date_under_the_headline_dates_a_single_article() -> None:
    items = split_items("Plant Closes\n\nMarch 3, 2021\n\nThe plant closed on Monday. Workers left.\n", REGISTRY)
    assert [(i.title, i.published) for i in items] == [("Plant Closes", PartialDate(2021, 3, 3))]
