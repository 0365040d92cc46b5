"""Hostile pages and servers (issue 12: 12.5, 12.7, 12.12, 12.13, 12.19, part of 12.21).

Every hostile file is made here, in the test; the network is a real HTTP server (or a raw
socket server, for replies that are not HTTP) on 127.0.0.1 in a thread. Slow stages are
checked for giving the same answer as the quadratic code they replace; their timings live
in ``bench/quadratic.py``, never in an assert.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from digestcite.bib.keys import make_key
from digestcite.corpus import dates
from digestcite.corpus.claims import extract_claims, find_quotes, sentence_spans
from digestcite.corpus.dates import PartialDate, scan_dates
from digestcite.corpus.quantities import _NUMBER_RE, _quantity, find_numbers
from digestcite.corpus.store import Store
from digestcite.errors import ParseError

# --- 12.19: quadratic stages give the same answers, linearly ------------------------------

_OLD_QUOTE_RE = re.compile(r"“([^”]*)”|\"([^\"]*)\"|「([^」]*)」|『([^』]*)』")


def _old_find_quotes(text: str) -> list[tuple[int, int, str]]:
    """The regex the linear scan replaced (issue 12.19: 71 s on a 300 KB page of unclosed “)."""
    found = []
    for match in _OLD_QUOTE_RE.finditer(text):
        inner = next(g for g in match.groups() if g is not None).strip()
        if len(inner.split()) >= 5 or re.search(r"[,.!?;，。！？]", inner) or len(inner) >= 12 and not inner.isascii():
            found.append((match.start(), match.end(), inner))
    return found


_QUOTY = st.text(alphabet=st.sampled_from(list("“”\"「」『』 ab.,Xx\n")), max_size=80)


@given(_QUOTY)
@example("“unclosed “opened twice, then ” closed “and one more")
@example('"a, b" “c” "never')
@example("「一二三四五六七八九十一二」『x』“")
def test_find_quotes_is_the_regex_it_replaced(text: str) -> None:
    assert find_quotes(text) == _old_find_quotes(text)


def test_unclosed_quotation_marks_still_leave_the_closed_ones() -> None:
    text = "“He said " * 2_000 + "“This one, at last, is closed.” " + "“again " * 2_000
    quotes = find_quotes(text)
    assert quotes == _old_find_quotes(text)
    assert len(quotes) == 1 and quotes[0][2].endswith("“This one, at last, is closed.")


def _old_quoted(paragraph: str) -> list[bool]:
    quotes = _old_find_quotes(paragraph)
    return [any(q_start < s.end and s.start < q_end for q_start, q_end, _ in quotes) for s in sentence_spans(paragraph)]


@given(st.text(alphabet=st.sampled_from(list("“”\" Ab. ,!?")), max_size=120))
@example("He said “one. Two. Three, four.” Then. “Five, six.” Seven.")
def test_quote_kind_is_the_same_as_with_a_scan_of_every_quotation(paragraph: str) -> None:
    claims = extract_claims([paragraph], None)
    old = _old_quoted(paragraph)
    assert len(claims) == len(old)
    for claim, quoted in zip(claims, old):
        if not claim.numbers:  # a statistic outranks a quotation
            assert (claim.kind == "quote") == quoted


def _old_scan_dates(text: str, published: PartialDate | None) -> list[tuple[str, int, int]]:
    """scan_dates as it was: each match checked against every date already taken."""
    found = []
    taken: list[tuple[int, int]] = []
    for shape, pattern in dates._EVENT_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            try:
                span = dates._event_span(shape, match.groupdict(), published)
            except ParseError:
                span = None
            taken.append((match.start(), match.end()))
            if span is not None:
                found.append((span.iso(), match.start(), match.end()))
    return sorted(found, key=lambda f: f[1])


_DATE_PARTS = st.lists(st.sampled_from([
    "On June 5, 2020", "from May 1, 2019 to June 2, 2019", "March 3-4, 2021", "2020-02-03", "2021年3月4日",
    "in 2018", "June 8", " and ", ", ", "12 people", "3.5 million yuan", "5 June 2020", "in May 2019", "–", " ",
]), max_size=25)


@given(_DATE_PARTS)
def test_scan_dates_finds_what_the_scan_of_every_taken_date_found(parts: list[str]) -> None:
    text = "".join(parts)
    published = PartialDate(2020, 6, 30)
    found, _ = scan_dates(text, published)
    assert [(f.span.iso(), f.start, f.end) for f in found] == _old_scan_dates(text, published)


@given(_DATE_PARTS)
def test_find_numbers_skips_what_the_scan_of_every_date_span_skipped(parts: list[str]) -> None:
    text = "".join(parts)
    spans = scan_dates(text, None)[1]
    old = [q for m in _NUMBER_RE.finditer(text)
           if not any(m.start() < end and start < m.end() for start, end in spans)
           and (q := _quantity(m, text)) is not None]
    assert find_numbers(text, spans) == old


def _item_row(key: str, n: int) -> dict[str, object]:
    return {
        "key": key, "title": "Same headline", "outlet": "Radio Free Asia", "outlet_as_printed": "RFA",
        "outlet_origin": "footer", "published": "2020", "published_reason": None, "tags": "[]",
        "paragraphs": f'["text {n}"]', "captions": "[]", "attribution": None, "title_from_text": 0,
        "text_hash": f"hash{n}", "n_shingles": 0, "created": "2026-12-01T00:00:00", "source_url": None,
        "published_origin": "footer", "author": None, "credited": "[]",
    }


def test_keys_from_the_store_key_space_are_the_keys_probing_gave(tmp_path: Path) -> None:
    """34 items with one base, and keys of other bases among its numbers (``china5`` is a word of its own)."""
    store = Store(tmp_path / "store.sqlite", create=True)
    titles = ["China rises"] * 28 + ["China5 arrives", "China22 too"] + ["China rises"] * 4
    probed: set[str] = set()
    try:
        with store.transaction():
            for n, title in enumerate(titles):
                key = make_key("rfa", 2020, title, store.key_exists, space=store.key_space)
                assert key == make_key("rfa", 2020, title, probed.__contains__)
                probed.add(key)
                store.insert_item(_item_row(key, n))
        numbered = sorted(int(k[len("rfa2020china"):]) for k in probed if k[len("rfa2020china"):].isdigit())
        assert numbered == [2, 3, 4, 5, 6, 7, 8, 22]
        # A second store object (a later ingest) reads the same taken keys back.
        later = Store(tmp_path / "store.sqlite")
        try:
            assert make_key("rfa", 2020, "China rises", later.key_exists, space=later.key_space) == "rfa2020china9"
        finally:
            later.close()
    finally:
        store.close()


def test_a_rolled_back_key_is_free_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "store.sqlite", create=True)
    try:
        with store.transaction():
            store.insert_item(_item_row(make_key("rfa", 2020, "China", store.key_exists, space=store.key_space), 0))
        with pytest.raises(RuntimeError), store.transaction():
            store.insert_item(_item_row(make_key("rfa", 2020, "China", store.key_exists, space=store.key_space), 1))
            raise RuntimeError("rolled back")
        assert make_key("rfa", 2020, "China", store.key_exists, space=store.key_space) == "rfa2020chinab"
    finally:
        store.close()


def test_a_key_another_process_took_is_not_given_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "store.sqlite", create=True)
    other = Store(tmp_path / "store.sqlite")
    try:
        with store.transaction():
            store.insert_item(_item_row(make_key("rfa", 2020, "China", store.key_exists, space=store.key_space), 0))
        with other.transaction():
            other.insert_item(_item_row("rfa2020chinab", 1))
        assert make_key("rfa", 2020, "China", store.key_exists, space=store.key_space) == "rfa2020chinac"
    finally:
        other.close()
        store.close()


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=2_000))
def test_numbers_in_text_still_exclude_dates(n: int) -> None:
    text = f"On June 5, 2020, {n} people came."
    assert [q.value for q in find_numbers(text, scan_dates(text, None)[1])] == ([] if n == 1 else [float(n)])
