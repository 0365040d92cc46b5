"""The native Chicago notes (digestcite/bib/fastnotes.py) print exactly what pandoc's citeproc prints."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digestcite.bib.fastnotes import chicago
from digestcite.bib.render import format_citations
from digestcite.bib.styles import resolve_style

LOCATOR = "para. 918273645"


def _case(n: int, title: str | tuple[str, str], author: str | None, issued: list[int] | None, url: str | None,
          accessed: list[int] | None, digest: str, locator: bool) -> tuple[list[dict[str, Any]], str, str | None]:
    # Every case names its own outlet, author and publisher: in one bibliography citeproc would
    # otherwise print "———" for a repeated name.
    language, title = title if isinstance(title, tuple) else ("en", title)
    item: dict[str, Any] = {"id": f"i{n}", "citation-key": f"i{n}", "type": "article-newspaper", "title": title,
                            "container-title": f"South Coast's Herald {n}", "language": language}
    if author:
        item["author"] = [{"literal": f"{author} O'Neill {n}"}]
    if issued:
        item["issued"] = {"date-parts": [issued]}
    if url:
        item["URL"] = url
    if accessed:
        item["accessed"] = {"date-parts": [accessed]}
    records = [item]
    tail = f", {LOCATOR}" if locator else ""
    markup = f"[@i{n}{tail}]"
    if digest != "none":
        record: dict[str, Any] = {"id": f"digest-{n}", "citation-key": f"digest-{n}",
                                  "type": "document" if digest == "no url" else "webpage",
                                  "title": "Harbour Policy Review, No. 12", "publisher": f"Harbour's Group {n}", "language": "en"}
        if digest != "no url":
            record["URL"] = "https://example.org/review/12"
            record["accessed"] = {"date-parts": [[2026, 2, 3]]}
        if digest == "dated":
            record["issued"] = {"date-parts": [[2024, 3]]}
        records.append(record)
        markup = f"[@i{n}; summarized in @digest-{n}{tail}]"
    return records, markup, LOCATOR if locator else None


def _compare(cases: list[tuple[list[dict[str, Any]], str, str | None]]) -> int:
    """Format every case with pandoc in one run and with fastnotes; return how many fastnotes took."""
    every = [r for records, _, _ in cases for r in records]
    formatted = format_citations(every, [markup for _, markup, _ in cases], resolve_style("chicago"))
    taken = 0
    for (records, markup, locator), by_pandoc in zip(cases, formatted):
        fast = chicago(records, locator)
        if fast is None:
            continue
        taken += 1
        digest = by_pandoc.references.get(records[1]["id"], "") if len(records) == 2 else ""
        assert fast == (by_pandoc.citation, by_pandoc.reference, digest), markup
    return taken


def test_every_shape_matches_pandoc() -> None:
    shapes = itertools.product(
        [None, "Wu Jiao"], [None, [2020], [2020, 10], [2020, 10, 2]], [None, "https://example.org/news/a-1"],
        [None, [2026, 1, 5]], ["none", "url", "no url", "dated"], [True, False])
    cases = [_case(n, "[Port Fees Cut for Small Ferries]", *shape) for n, shape in enumerate(shapes)
             if shape[3] is None or shape[2] is not None]
    assert _compare(cases) == len(cases)  # every shape is formatted natively, and exactly


_WORDS = ["Port", "Fees", "Cut", "for", "Small", "Ferries", "of", "the", "and", "in", "on", "with", "over", "to", "a",
          "U.S.", "UK", "100", "Two-Sessions", "China’s", "through", "against", "iPhone", "Beijing:", "at", "by",
          "from", "into", "as", "or", "nor", "but", "an", "Xi", "2020", "(Update)", "R&D", "50%", "Is", "With", "new",
          "From", "The", "Of", "Xi'an", "People's", "上访", "维稳", "“One", "Road”", "Why?", "Fees."]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9), min_size=30, max_size=30))
def test_generated_titles_match_pandoc_or_go_to_pandoc(titles: list[list[str]]) -> None:
    cases = [_case(n, ("zh" if any("\u4e00" <= c <= "\u9fff" for c in "".join(words)) else "en", " ".join(words)),
                   None, [2020, 10, 2], None, None, "url", True) for n, words in enumerate(titles)]
    _compare(cases)


def test_chinese_titles_are_printed_as_they_are() -> None:
    cases = [_case(0, ("zh", "[Andi From Ananpo 上访 dijisuur celuan]"), None, [2014, 2, 10], None, None, "none", True),
             _case(1, ("zh", "上访 of the people"), "Wu Jiao", None, None, None, "url", True)]
    assert _compare(cases) == 2


@pytest.mark.parametrize("title", ["Why Fees Fell?", "“Quoted” Fees", "fees cut",
                                   "FEES CUT", "Fees: a Cut", "Fees  Cut", "(update) Fees", "U.S. of Ferries"])
def test_titles_citeproc_would_change_go_to_pandoc(title: str) -> None:
    records, _, locator = _case(0, title, None, [2020], None, None, "none", True)
    assert chicago(records, locator) is None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("aZ09 ,&%$()-’:./[]'!é") + ["People’s", "Xi’an", "’s"]), max_size=10).map("".join))
def test_the_title_and_name_shapes_are_the_classes_that_named_the_apostrophe(text: str) -> None:
    # issue 13, "Speed": ’ is tested as a hyphen, which the classes allow in the same places
    import re

    from digestcite.bib.fastnotes import _NAME, _PLAIN, _shape

    plain = re.compile(r"^[\[]?[A-Za-z0-9][A-Za-z0-9 ,&%$()\-’:./]*[A-Za-z0-9)][\]]?$")
    name = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 &.\-’()]*[A-Za-z0-9)]$")
    assert _shape(_PLAIN, text) == bool(plain.match(text))
    assert _shape(_NAME, text) == bool(name.match(text))
