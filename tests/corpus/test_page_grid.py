"""Pages built from record parts, in every combination: the reader must cut and credit each.

The labelled pages test shapes one writer saw; this grid tests the mechanism under them. A
digest here is four records, each a headline in one of five forms, its credit in one of
thirteen places and forms (a footer line, a bracket in the headline, a kicker above it, a
dateline, a byline, a bold lead-in…), its date written three ways, the records parted by
blank lines or rules, the page as plain text, Markdown or HTML, with a masthead, a dated
issue line, a greeting and a sign-off around them.
"""

from __future__ import annotations

import html
import itertools
import re

import pytest

from digestcite.corpus.dates import PartialDate
from digestcite.corpus.digest import split_page
from digestcite.corpus.outlets import OutletRegistry
from digestcite.corpus.readers import read_bytes

REGISTRY = OutletRegistry.bundled()

RECORDS = [
    ("Dalian port tests cranes driven from a control room", "Reuters", PartialDate(2026, 3, 2),
     ["Two container berths at Dalian began trials of remote-operated cranes on Monday, the operator said.",
      "It hopes to halve night-shift staff by the end of the year, a manager told reporters."]),
    ("Factory gauge rises above 50 for the first time in a year", "Caixin", PartialDate(2026, 3, 1),
     ["A private survey of manufacturers rose to 50.4 in February, its first reading above 50 in twelve months."]),
    ("Shenzhen widens housing vouchers to second-hand flats", "South China Morning Post", PartialDate(2026, 3, 3),
     ["The city will let buyers use relocation vouchers on resale homes, officials said on Tuesday.",
      "Developers welcomed the step but said demand remained weak."]),
    ("Chip tool maker wins a second export licence", "Nikkei Asia", PartialDate(2026, 3, 4),
     ["A Dutch supplier said it could ship servicing parts to two Chinese plants again after a licence was granted."]),
]
MONTHS = ["January", "February", "March"]
TITLES = ["md-h3", "bold", "numbered", "caps", "plain"]
CREDITS = ["footer-source", "footer-paren", "footer-dash", "footer-from", "header-pipe", "header-date-first", "kicker",
           "inline-bracket", "inline-dash", "inline-paren-outlet", "dateline", "byline", "lead"]
DATES = ["dmy", "mdy", "iso"]
FORMATS = ["txt", "md", "html"]
# Combinations a careful reader could read either way, left as they are:
# - a bold headline over a paragraph opening with a bold credit: two bold lead-ins per record;
# - in flat HTML (no container per story, no blank lines), a kicker line above each headline
#   reads as well as the footer of the story before it.
AMBIGUOUS = {("bold", "lead")} | {(title, "kicker", "html") for title in ("bold", "numbered", "caps", "plain")}


def _date(date: PartialDate, form: str) -> str:
    month = MONTHS[(date.month or 1) - 1]
    return {"dmy": f"{date.day} {month} {date.year}", "mdy": f"{month} {date.day}, {date.year}",
            "iso": date.iso(), "short": f"{month[:3]} {date.day}"}[form]


def _record(number: int, record: tuple[str, str, PartialDate, list[str]], title_form: str, credit: str, form: str) -> list[str]:
    title, outlet, date, texts = record
    printed = _date(date, form)
    headline = {"md-h3": f"### {title}", "bold": f"**{title}**", "numbered": f"{number}. {title}", "caps": title.upper(),
                "plain": title}[title_form]
    paragraphs = list(texts)
    lines = {"kicker": [f"{outlet.upper()} · {printed}", headline], "inline-bracket": [f"{headline} [{outlet}, {printed}]"],
             "inline-dash": [f"{headline} — {outlet}, {printed}"],
             "inline-paren-outlet": [f"{headline} ({outlet})", "", printed]}.get(credit, [headline])
    lines += {"header-pipe": ["", f"{outlet} | {printed}"], "header-date-first": ["", f"{printed} · {outlet}"],
              "byline": ["", f"By Lena Park, {outlet}, {printed}"]}.get(credit, [])
    if credit == "dateline":
        paragraphs[0] = f"BEIJING, {_date(date, 'short')} ({outlet}) - {paragraphs[0]}"
    if credit == "lead":
        paragraphs[0] = f"**{outlet}, {printed}:** {paragraphs[0]}"
    for paragraph in paragraphs:
        lines += ["", paragraph]
    lines += {"footer-source": ["", f"Source: {outlet}, {printed}"], "footer-dash": ["", f"— {outlet}, {printed}"],
              "footer-from": ["", f"From: {outlet} ({printed})"]}.get(credit, [])
    if credit == "footer-paren":
        lines[-1] += f" ({outlet}, {printed})"
    return lines


def _page(title_form: str, credit: str, rules: bool, form: str, fmt: str) -> str:
    lines = ["HARBOUR CHINA BRIEF", "Week of 2-6 March 2026", "", "Good morning. Four stories this week, with where each was reported.", ""]
    for number, record in enumerate(RECORDS, 1):
        if rules:
            lines += ["---" if fmt != "txt" else "-" * 40, ""]
        lines += _record(number, record, title_form, credit, form) + [""]
    lines += ["", "You receive this because you signed up. Unsubscribe."]
    text = "\n".join(lines)
    if fmt == "txt":
        return text.replace("### ", "").replace("**", "")
    if fmt == "md":
        return text
    parts = []
    for block in (b.strip() for b in text.split("\n\n")):
        if block == "---":
            parts.append("<hr>")
        elif block:
            for line in block.split("\n"):
                line = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(line, quote=False))
                parts.append(f"<h3>{line[4:]}</h3>" if line.startswith("### ") else f"<p>{line}</p>")
    return "<html><head><title>Harbour China Brief</title></head><body><main>\n" + "\n".join(parts) + "\n</main></body></html>"


GRID = [combo for combo in itertools.product(TITLES, CREDITS, (False, True), DATES, FORMATS)
        if (combo[0], combo[1]) not in AMBIGUOUS and (combo[0], combo[1], combo[4]) not in AMBIGUOUS]


@pytest.mark.parametrize(("title_form", "credit", "rules", "form", "fmt"), GRID)
def test_a_digest_built_from_record_parts_is_cut_and_credited(title_form: str, credit: str, rules: bool, form: str,
                                                               fmt: str) -> None:
    raw = read_bytes(_page(title_form, credit, rules, form, fmt).encode("utf-8"), f"page.{fmt}", fmt=fmt)
    page = split_page(raw.blocks, REGISTRY, meta=raw.meta)
    got = [(i.title.casefold(), REGISTRY.canonical(i.outlet_as_printed)[0] if i.outlet_as_printed else None, i.published)
           for i in page.items]
    assert len(got) == 4, [g[0][:30] for g in got]  # no masthead, greeting or sign-off among them
    for (title, outlet, date, _), (got_title, got_outlet, got_date) in zip(RECORDS, got, strict=True):
        assert title.casefold() in got_title
        assert (got_outlet, got_date) == (outlet, date), title
