"""Pages into blocks: plain-text layout, PDF pages, HTML and pandoc's AST, e-mail."""

from __future__ import annotations

import quopri
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.pagecorpus import markdown_to_docx, text_to_pdf
from digestcite.corpus.blocks import pdf_blocks, text_blocks
from digestcite.corpus.markup import ast_blocks, html_blocks
from digestcite.corpus.readers import read_bytes


def kinds(blocks) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(b.kind, b.text) for b in blocks]


def test_text_layout_becomes_blocks() -> None:
    page = ("Weekly Notes\n============\n\n1. Port reopens\n2. Rail link opens\n\n- a bullet\n* another\n\n"
            "> quoted line\n\n* * *\n\nSection\n-------\nPlain paragraph.\n")
    blocks = text_blocks(page)
    assert kinds(blocks) == [
        ("heading", "Weekly Notes"), ("item", "Port reopens"), ("item", "Rail link opens"), ("item", "a bullet"),
        ("item", "another"), ("para", "quoted line"), ("rule", ""), ("heading", "Section"), ("para", "Plain paragraph."),
    ]
    assert [b.number for b in blocks if b.kind == "item"] == [1, 2, None, None]
    assert blocks[0].level == 1 and blocks[7].level == 2
    assert blocks[5].quoted == 1
    assert [b.line for b in blocks[:3]] == [1, 4, 5]


def test_hard_wrapped_text_is_unwrapped_but_attribution_lines_stand_alone() -> None:
    body = ("The number of student visas issued to Chinese applicants fell sharply in\n"
            "June, according to figures released by the department, compared with the\n"
            "same month a year earlier, and universities warned about the consequences\n"
            "for research exchanges and for their finances in the coming academic\n")
    page = f"Visas Collapse\n\n{body}Source: Sina, October 16, 2020\n\nPlants Move\n\n{body}(Reuters, 3 March)\n"
    blocks = text_blocks(page)
    assert [b.text for b in blocks][1].startswith("The number of student visas issued to Chinese applicants fell sharply in June,")
    assert "Source: Sina, October 16, 2020" in [b.text for b in blocks]
    assert "(Reuters, 3 March)" in [b.text for b in blocks]
    assert all("Source:" not in b.text for b in blocks if b.text != "Source: Sina, October 16, 2020")


def test_a_number_that_wraps_to_the_line_start_is_not_a_list_item() -> None:
    page = ("An internal provincial document from Jilin says the Belt and Road strategy\n"
            "should help the province digest excess capacity. Figures show utilisation\n"
            "for passenger cars dropped from a high of the previous years to about\n"
            "66.55 percent in 2017 and then further to 53.74 percent in 2019 overall.\n")
    assert [b.kind for b in text_blocks(page)] == ["para"]


def test_quoted_printable_text_is_decoded() -> None:
    text = "Beijing\u2019s new rules take effect on Monday, the ministry said in a statement. " * 4
    encoded = quopri.encodestring(text.encode("utf-8")).decode("ascii")
    assert text_blocks(encoded)[0].text == text.strip()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("abcXY .,:-*>#=()[]\n12Source")), max_size=30), max_size=15))
def test_text_blocks_keep_every_word_in_order(lines: list[str]) -> None:
    page = "\n".join(lines)
    position = 0
    flat = page.replace("\n", " ")
    for block in text_blocks(page):
        for word in block.text.split():
            found = flat.find(word, position)
            if found < 0:  # a line-end hyphen joined: the word is its two halves
                found = flat.find(word[: max(1, len(word) // 2)], position)
            assert found >= 0, f"{word!r} out of order or invented"
            position = found


def test_pdf_pages_lose_running_heads_page_numbers_ligatures_and_hyphens() -> None:
    pages = [
        "INSTITUTE MONTHLY DIGEST\nCross-Strait Notes\nThe ﬁrst item describes how the govern-\nment responded to the visit.\n1",
        "INSTITUTE MONTHLY DIGEST\ncontinued on the next page with more detail\nSource: Caixin, 12 March 2021\n2",
        "INSTITUTE MONTHLY DIGEST\nSecond Item\nAnother paragraph here.\n3",
    ]
    blocks = pdf_blocks(pages)
    texts = [b.text for b in blocks]
    assert not any("INSTITUTE MONTHLY DIGEST" in t for t in texts)
    assert not any(t in ("1", "2", "3") for t in texts)
    assert any("The first item describes how the government responded" in t for t in texts)
    assert "Source: Caixin, 12 March 2021" in texts


def test_a_real_pdf_is_read_into_blocks() -> None:
    pdf = text_to_pdf("Monthly Digest\n\nPort Reopens\nThe port reopened on Monday after a\nfortnight of closures.\n"
                      "Source: Reuters, 3 March 2021\n\fMonthly Digest\n\nRail Link Opens\nThe trip takes 19 minutes.\n"
                      "Source: Xinhua, 4 March 2021\n")
    raw = read_bytes(pdf, "digest.pdf", fmt="pdf")
    texts = [b.text for b in raw.blocks]
    assert "Source: Reuters, 3 March 2021" in texts and "Source: Xinhua, 4 March 2021" in texts
    assert any(t.startswith("The port reopened on Monday after a fortnight") for t in texts)


def test_html_listing_is_read_whole_with_its_structure() -> None:
    html = """<html><head><title>Listing</title></head><body>
    <nav><a href="/">Home</a> <a href="/x">World</a></nav>
    <div class="cookie-banner">We use cookies. <button>Accept</button></div>
    <h2>Port reopens</h2><div class="date">3 March 2021</div>
    <p><strong>Reuters:</strong> The port reopened on Monday.<br>Second line.</p>
    <ol start="4"><li>Fourth</li><li>Fifth</li></ol>
    <table><tr><th>Date</th><th>Outlet</th></tr><tr><td>3 March</td><td><a href="http://x.org/a">Xinhua</a></td></tr></table>
    <aside class="most-read"><h3>Most read</h3><ul><li>Other</li></ul></aside>
    <p>Text ends <em>South China Morning Post</em></p></body></html>"""
    blocks, meta = html_blocks(html)
    assert kinds(blocks) == [
        ("heading", "Port reopens"), ("para", "3 March 2021"), ("para", "Reuters: The port reopened on Monday."),
        ("para", "Second line."), ("item", "Fourth"), ("item", "Fifth"), ("row", "Date | Outlet"),
        ("row", "3 March | Xinhua"), ("para", "Text ends South China Morning Post"),
    ]
    assert blocks[2].lead == "Reuters:" and blocks[-1].tail == "South China Morning Post"
    assert [b.number for b in blocks if b.kind == "item"] == [4, 5]
    assert blocks[6].head and not blocks[7].head and blocks[7].cells == ("3 March", "Xinhua")
    assert blocks[7].links[0].url == "http://x.org/a"
    assert meta.title == "Listing" and not meta.is_article


def test_html_article_keeps_its_metadata_and_main_text() -> None:
    html = """<html><head><title>Port reopens | Example Post</title>
    <meta property="og:type" content="article"><meta property="og:site_name" content="South China Morning Post">
    <meta property="article:published_time" content="2021-03-05T08:00:00Z"></head><body>
    <nav><a href="/">Home</a></nav><article><h1>Port reopens after fortnight</h1>
    <p>The port reopened on Monday after two weeks of closures that held up shipments across the region,
    officials said, adding that the backlog would take a month to clear.</p>
    <p>Shipping firms said they would add extra sailings to clear the cargo stranded during the closure.</p></article>
    <aside><h3>Related</h3><ul><li><a href="/x">Another story</a></li></ul></aside></body></html>"""
    blocks, meta = html_blocks(html)
    assert meta.is_article and meta.site_name == "South China Morning Post" and meta.published == "2021-03-05"
    assert not any("Another story" in b.text for b in blocks)
    assert any(b.text.startswith("The port reopened on Monday") for b in blocks)


def test_html_laid_out_in_tables_is_read_as_a_page() -> None:
    html = ("<html><body><table><tr><td><h1>Morning Brief</h1><p>Good morning.</p></td></tr>"
            "<tr><td><table><tr><td><p><b>Port reopens</b></p><p>The port reopened. (Reuters)</p></td></tr></table></td></tr>"
            "</table></body></html>")
    blocks, _ = html_blocks(html)
    assert kinds(blocks) == [("heading", "Morning Brief"), ("para", "Good morning."), ("para", "Port reopens"),
                             ("para", "The port reopened. (Reuters)")]


def test_markdown_ast_keeps_lists_emphasis_tables_and_headline_lines() -> None:
    from digestcite.pandoc import run_pandoc

    source = ("# Brief\n\n1. **Port reopens** The port reopened. — *Nikkei Asia*\n2. Second\n\n"
              "**Rail link opens** [Xinhua, 4 March]\nThe trip takes 19 minutes.\n\n| Outlet | Date |\n|---|---|\n| Caixin | 3 March |\n")
    path = Path(__file__).parent / "_ast_case.md"
    try:
        path.write_text(source, "utf-8")
        blocks, _ = ast_blocks(run_pandoc([str(path), "--from=markdown", "--to=json"]))
    finally:
        path.unlink()
    assert kinds(blocks) == [
        ("heading", "Brief"), ("item", "Port reopens The port reopened. — Nikkei Asia"), ("item", "Second"),
        ("para", "Rail link opens [Xinhua, 4 March]"), ("para", "The trip takes 19 minutes."),
        ("row", "Outlet | Date"), ("row", "Caixin | 3 March"),
    ]
    assert blocks[1].lead == "Port reopens" and blocks[1].tail == "Nikkei Asia" and blocks[1].number == 1
    assert blocks[3].lead == "Rail link opens"


def test_docx_title_and_headings_survive() -> None:
    docx = markdown_to_docx("---\ntitle: Weekly Brief\n---\n\n# Port reopens\n\nThe port reopened.\n\n*Source: Reuters, 3 March 2021*\n")
    raw = read_bytes(docx, "brief.docx", fmt="docx")
    assert raw.meta.title == "Weekly Brief"
    assert kinds(raw.blocks)[:2] == [("heading", "Port reopens"), ("para", "The port reopened.")]


def test_an_email_is_read_with_its_subject_sender_and_date() -> None:
    body = "Good morning.\n\nPort reopens\n\nThe port reopened on Monday, officials said. (Reuters, 3 March)\n"
    message = ("From: China Brief <brief@example.org>\nTo: reader@example.org\nSubject: Port reopens; rail link\n"
               "Date: Wed, 03 Mar 2021 07:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
               "Content-Transfer-Encoding: quoted-printable\n\n" + quopri.encodestring(body.encode()).decode())
    raw = read_bytes(message.encode(), "brief.eml", fmt="eml")
    assert (raw.meta.title, raw.meta.sender, raw.meta.published) == ("Port reopens; rail link", "China Brief", "2021-03-03")
    assert [b.text for b in raw.blocks][-1] == "The port reopened on Monday, officials said. (Reuters, 3 March)"


@pytest.mark.parametrize("data", [b"From: a\nTo: b\nSubject: c\n\nbody\n"], ids=["plain"])
def test_an_email_is_recognised_without_its_extension(data: bytes) -> None:
    from digestcite.corpus.readers import sniff_format

    assert sniff_format(data, "-") == "eml"


def test_an_underline_is_under_a_line_that_stands_alone_and_a_rule_under_a_box_is_a_rule() -> None:
    text = ("Weekly notes\n============\n\nAuthor  rain\nBoard   Example\nTime    Sat Jan 13 20:41:07 2024\n"
            + "-" * 40 + "\n\nThe text of the post.\n\n" + "-" * 40 + "\nA BOXED HEADLINE\n" + "-" * 40 + "\nIts text.\n")
    kinds = [(b.kind, b.text) for b in text_blocks(text)]
    assert kinds[0] == ("heading", "Weekly notes")
    assert ("heading", "Time Sat Jan 13 20:41:07 2024") not in kinds and ("rule", "") in kinds
    assert ("heading", "A BOXED HEADLINE") in kinds


def test_a_source_line_in_any_language_is_not_joined_into_a_wrapped_paragraph() -> None:
    text = ("Wakil Presiden Republik Rakyat Tiongkok Han Zheng menjadi salah satu dari sembilan\n"
            "belas kepala negara dan utusan khusus yang menghadiri pelantikan presiden baru di\n"
            "Gedung MPR/DPR, Jakarta, pada hari Minggu. Han membawa ucapan selamat dari Presiden\n"
            "Xi Jinping dan bertemu presiden baru selama sekitar empat puluh menit setelah acara\n"
            "Sumber: Kompas, Senin, 21 Oktober 2024, hlm. 2\n"
            "Menteri Luar Negeri menyampaikan surat minat Indonesia untuk menjadi anggota dalam\n"
            "pertemuan puncak di Kazan, Rusia. Ia menegaskan langkah itu bukan berarti Indonesia\n"
            "bergabung dengan blok tertentu, melainkan wujud politik luar negeri yang bebas aktif\n")
    texts = [b.text for b in text_blocks(text)]
    assert "Sumber: Kompas, Senin, 21 Oktober 2024, hlm. 2" in texts


def test_chinese_text_is_wrapped_only_where_its_lines_fill_one_width() -> None:
    sentence = "港口管理局表示今年将新增三条航线并扩建两个集装箱码头以应对货运需求的持续增长同时改善周边道路"
    wrapped = "\n".join(sentence[i:i + 20] for i in range(0, len(sentence), 20))
    page = f"{wrapped}。\n\n{wrapped}。\n\n{wrapped}。\n"
    assert [b.text for b in text_blocks(page)] == [sentence + "。"] * 3
    shared = ("[链接] 宁波舟山港一季度吞吐量创新高\n中国新闻社客户端\n\n[链接] 上海港开通第二条北极航线 单程约三十天\n第一财经\n\n"
              "[链接] 天津港自动化码头二期完工 年内投用\n澎湃新闻\n\n[链接] 广州港南沙四期码头货量过半\n南方日报\n")
    assert len(text_blocks(shared)) == 8  # headlines of many widths are not one wrapped paragraph


def test_chinese_pages_number_entries_with_arabic_figures_and_a_comma_of_enumeration() -> None:
    blocks = text_blocks("1、【港口费下调】\n宁波港宣布下调夜间费用。\n\n2、【码头扩建】\n天津港新码头动工。\n")
    assert [(b.kind, b.number, b.text) for b in blocks if b.kind == "item"] == [("item", 1, "【港口费下调】"), ("item", 2, "【码头扩建】")]


def test_a_wrapped_pages_headline_on_its_own_line_does_not_run_into_its_text() -> None:
    text = ("Port fees fall at Ningbo as feeder traffic returns\n"
            "The port authority said night berthing fees for feeder vessels would fall by\n"
            "a fifth from June, to win back cargo lost to the outer terminals of Shanghai.\n\n"
            "Busan strike ends after a pay deal with the operator\n"
            "Dock workers returned after a four-day stoppage when the terminal operator\n"
            "agreed to a six per cent rise and a review of the night shifts at the port.\n\n"
            "Yantian opens two berths for the largest ships\n"
            "Two deep-water berths opened at the western terminal, able to take the largest\n"
            "container ships now in service on the route to northern Europe and back.\n")
    heads = [b.text for b in text_blocks(text, wrapped=True) if len(b.text) < 60]
    assert heads == ["Port fees fall at Ningbo as feeder traffic returns", "Busan strike ends after a pay deal with the operator",
                     "Yantian opens two berths for the largest ships"]


RULED_INDEX = """Index to Volume 3

Issue  Sent    Lead story                                    Outlet       Published
-----  ------  --------------------------------------------  -----------  -----------

FIRST QUARTER

170    06 Jan  Ningbo lets feeder ships berth at night for   Reuters      04 Jan 2023
               the first time since the storm
180    24 Mar  Port authority sets a goal of about 40 berths NEA          n/a
               with shore power by the summer

(continued overleaf)

Issue  Sent    Lead story                                    Outlet       Published
-----  ------  --------------------------------------------  -----------  -----------
193    23 Jun  Yantian opens two ultra-deep-                 Caixin       21 Jun 2023
               water berths
"""


def test_a_table_underlined_column_by_column_is_cut_where_its_columns_start() -> None:
    rows = [list(b.cells) for b in text_blocks(RULED_INDEX) if b.kind == "row" and not b.head]
    assert rows == [["170", "06 Jan", "Ningbo lets feeder ships berth at night for the first time since the storm", "Reuters",
                     "04 Jan 2023"],
                    ["180", "24 Mar", "Port authority sets a goal of about 40 berths with shore power by the summer", "NEA", "n/a"],
                    ["193", "23 Jun", "Yantian opens two ultra-deep-water berths", "Caixin", "21 Jun 2023"]]


def test_a_source_line_ending_with_its_date_is_never_joined_to_the_wrapped_headline_below() -> None:
    from digestcite.corpus.blocks import text_blocks

    text = ("The service's summaries of the Chinese press for Tuesday follow below, each under the line\n"
            "that names its source, where it ran and the language it ran in, as usual.\n\n"
            "Harbour Science Daily, Beijing, in Chinese 30 Nov 25\n"
            "Domestic lithography prototype passes its acceptance test in Shanghai\n\n"
            "The paper said the machine had passed an acceptance test at a Shanghai plant and would\n"
            "enter trial production next year, without naming the company that built it.\n")
    assert [b.text[:24] for b in text_blocks(text, wrapped=True)] == [
        "The service's summaries ", "Harbour Science Daily, B", "Domestic lithography pro", "The paper said the machi"]
