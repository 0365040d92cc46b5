"""Lookups that do not mislead (issue 11): filters that filter, every matching claim, ranking
by the sentence's own words, NOT on claims, copies folded into the cleanest one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digestcite.cli import cli
from digestcite.corpus.folder import Corpus
from digestcite.errors import QueryError
from digestcite.index.search import Filters


def run(runner: CliRunner, corpus: Corpus, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["--corpus", str(corpus.root), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("args", "said"), [
    (["Huawei", "--to", "2019"], "no items published in that period (the corpus's items are dated 2020-10-07 to 2024-02-28)"),
    (["Huawei", "--from", "2030"], "no items published in that period"),
    (["Huawei", "--source", "Sohoo"], "no items from Sohoo in this corpus (did you mean: Sohu?)"),
    (["outlet:xinhua"], "no items from Xinhua News Agency in this corpus"),
    (["Huawei published:2025"], "no items published in that period"),
    (["Huawei outlet:xinhua"], "no items from Xinhua News Agency in this corpus"),
])
def test_a_filter_that_allows_nothing_returns_nothing_and_says_why(
    runner: CliRunner, seed_corpus: Corpus, args: list[str], said: str,
) -> None:
    code, out, err = run(runner, seed_corpus, "search", *args, "--json")
    assert (code, out.strip()) == (0, "[]")
    assert said in err


def test_a_filter_that_allows_items_without_the_words_says_so(runner: CliRunner, seed_corpus: Corpus) -> None:
    result = seed_corpus.index.search("visas", filters=Filters(outlets=("Radio Free Asia",)))
    assert result.hits == []
    assert result.reason == "the words are in the corpus, but not in the items (or claims) the filters allow"


def test_undated_items_do_not_pass_an_open_ended_period(seed_corpus: Corpus) -> None:
    # the seed with a bracketed outlet tag has no date; `--to 2020` must not let it in
    from digestcite.corpus.dates import parse_date

    hits = seed_corpus.index.search("petitioners", filters=Filters(published=((None, parse_date("2020")),))).hits
    assert hits and all(h.item.published and h.item.published <= "2020-12-31" for h in hits)


def test_export_query_with_an_outlet_that_is_not_there_exports_nothing(runner: CliRunner, seed_corpus: Corpus) -> None:
    code, out, err = run(runner, seed_corpus, "export", "--query", "Huawei outlet:xinhua", "--format", "csljson")
    assert code == 0 and out.strip() == "[]"
    assert "no items from Xinhua News Agency in this corpus" in err


def test_every_matching_claim_is_returned_not_three_per_item(seed_corpus: Corpus) -> None:
    item = seed_corpus.item("sohu2020huawei")
    saying = [c.id for c in item.claims if "Huawei" in c.text]
    assert len(saying) > 3
    hits = [h for h in seed_corpus.index.search("Huawei", limit=50).hits if h.item.key == "sohu2020huawei"]
    assert sorted(h.claim.id for h in hits if h.claim) == sorted(saying)
    assert {h.item_matches for h in hits} == {len(saying)}


def test_a_capped_view_says_how_many_more_claims_an_item_has(runner: CliRunner, seed_corpus: Corpus) -> None:
    code, out, _ = run(runner, seed_corpus, "search", "Huawei", "-n", "2")
    assert code == 0
    assert "more in sohu2020huawei" in out


def test_timeline_counts_every_matching_claim(seed_corpus: Corpus) -> None:
    from digestcite.index.timeline import timeline

    line = timeline(seed_corpus, "petitioners", by="year")
    dated = [c for item in seed_corpus.items(with_claims=True) for c in item.claims
             if c.event_date and "petitioner" in c.text.lower()]
    assert sum(e for _, e, _ in line.rows) == len(dated) >= 3


def test_the_sentence_with_every_word_outranks_one_word_plus_the_headline(seed_corpus: Corpus) -> None:
    hits = seed_corpus.index.search("mass incidents").hits
    assert hits[0].claim is not None and "117 mass incidents" in hits[0].claim.text
    first_partial = next(i for i, h in enumerate(hits) if h.claim and "mass incidents" not in h.claim.text.lower())
    assert all(h.claim and "mass incidents" in h.claim.text.lower() for h in hits[:first_partial])


def test_cite_finds_the_exact_sentence_typed(seed_corpus: Corpus) -> None:
    from digestcite.bib.cite import cite

    # NOTE: the page's sentence is "Close to 30 petitioners went to Beijing." after one naming
    # the Two Sessions; another item's claim was cited, this one only "also close".
    sentence = "close to 30 petitioners went to Beijing during the Two Sessions"
    citation = cite(seed_corpus, sentence, formatted=False).citation
    assert citation is not None and citation.claim is not None
    assert citation.claim.text == "Close to 30 petitioners went to Beijing."


def test_not_removes_the_claims_that_say_the_word_not_whole_items(seed_corpus: Corpus) -> None:
    hits = seed_corpus.index.search("Huawei -Belgium", limit=50).hits
    texts = [h.claim.text for h in hits if h.claim]
    assert texts and not any("Belgium" in t for t in texts)
    assert any(h.item.key == "sohu2020huawei" for h in hits)  # its other Huawei sentences stay
    assert [h.claim.id for h in seed_corpus.index.search("Huawei NOT Belgium", limit=50).hits if h.claim] == \
        [h.claim.id for h in hits if h.claim]


def test_a_returned_claim_has_a_word_of_the_query_unless_the_headline_matched(seed_corpus: Corpus) -> None:
    from digestcite.index.analyzers import terms

    for query in ("Huawei supply", "petition interceptors", "student visas"):
        wanted = set(terms(query))
        for hit in seed_corpus.index.search(query, limit=50).hits:
            assert hit.claim is not None
            assert set(terms(hit.claim.text)) & wanted or hit.via_title


def test_petition_finds_petitioners_and_the_reverse(seed_corpus: Corpus) -> None:
    with_petition = {h.claim.id for h in seed_corpus.index.search("petition", limit=200).hits if h.claim}
    with_petitioner = {h.claim.id for h in seed_corpus.index.search("petitioner", limit=200).hits if h.claim}
    assert with_petition == with_petitioner
    assert any("petitioners" in seed_corpus.item(i.split(":")[0]).claims[0].text or True for i in with_petition)
    texts = [c.text for item in seed_corpus.items(with_claims=True) for c in item.claims if c.id in with_petition]
    assert any("petitioners" in t for t in texts) and any("petition " in t or "petitions" in t for t in texts)


@pytest.mark.parametrize(("query", "message"), [
    ("foo:bar", "foo: is not a field"),
    ("stamp:x", "stamp: is not a field"),
    ("", "nothing to search for"),
    ("   ", "nothing to search for"),
    ("?*", "a wildcard needs at least two letters"),
    ("(*)", "a wildcard needs at least two letters"),
    ("+*", "a wildcard needs at least two letters"),
    ("p*", "a wildcard needs at least two letters"),
    ("body:[a TO z]", "range works on dates only"),
])
def test_queries_that_cannot_mean_what_was_typed_are_refused(seed_corpus: Corpus, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        seed_corpus.index.search(query)


@pytest.mark.parametrize("query", ["a(+)", "Beijing (-)", "Beijing -", "visas?", "what fell?"])
def test_lone_signs_and_a_closing_question_mark_are_punctuation(seed_corpus: Corpus, query: str) -> None:
    seed_corpus.index.search(query)  # no traceback, no QueryError


def test_a_url_in_a_query_is_not_a_field(seed_corpus: Corpus) -> None:
    seed_corpus.index.search("https://example.org/news")


def test_a_wildcard_that_stands_for_too_many_words_is_refused(empty_corpus: Corpus, tmp_path: Path) -> None:
    from digestcite.index import search as search_module

    words = " ".join(f"za{n:04d}" for n in range(40))
    page = tmp_path / "p.txt"
    page.write_text(f"Zanzibar Words\n\nThe list reads {words}.\n\nSource: Caixin, May 1, 2021\n", "utf-8")
    empty_corpus.ingest([str(page)])
    old = search_module.MAX_EXPANSION
    search_module.MAX_EXPANSION = 30
    try:
        with pytest.raises(QueryError, match=r"za\* stands for more than 30 words"):
            empty_corpus.index.search("za*")
        assert empty_corpus.index.search("za001*").hits
    finally:
        search_module.MAX_EXPANSION = old


def test_suggestions_are_words_as_printed_not_index_stems(seed_corpus: Corpus) -> None:
    from digestcite.index.analyzers import terms

    result = seed_corpus.index.search("oficials petitoners")
    assert result.hits == [] and result.suggestions
    for suggestion in result.suggestions:
        word = suggestion.split(":")[-1]
        assert word.isalpha()
        assert terms(word) and terms(word)[0] != word or word in ("forces", "officials")
    printed = " ".join(c.text for i in seed_corpus.items(with_claims=True) for c in i.claims).lower()
    assert all(s.lower() in printed for s in result.suggestions)


CLEAN = """Granary Audit Finds Missing Grain in Three Provinces

Inspectors from the national grain reserve visited forty depots in Henan, Hebei and Anhui
between March 3 and March 21. They found that official ledgers overstated the stock by
roughly 1.2 million tonnes, and that the difference had been sold through private traders.

The finance ministry said the officials involved had been suspended. A provincial
spokesman promised a second inspection before the summer harvest.

Source: Caixin, April 2, 2021
"""

DAMAGED = """Granary Audit Finds Missing Grain in Three Provinces

Inspectors from the national grain reserve visited forty depots in Henan, Hebei and Anhui
between March 3 and March 21. They found that oﬃcial ledgers overstated the stock by
roughly 1.2 million tonnes, and that the diﬀerence had been sold through private trad- ers.

The ﬁnance ministry said the oﬃcials involved had been suspnded. A provincial
spokesman promised a second inspction before the summer harvest.

Source: Caixin, April 2, 2021
"""


def test_copies_of_one_item_are_folded_into_the_cleanest(empty_corpus: Corpus, tmp_path: Path) -> None:
    from digestcite.bib.cite import cite

    damaged, clean = tmp_path / "a-damaged.txt", tmp_path / "b-clean.txt"
    damaged.write_text(DAMAGED, "utf-8")
    clean.write_text(CLEAN, "utf-8")
    empty_corpus.ingest([str(damaged)])
    empty_corpus.ingest([str(clean)])
    keys = [i.key for i in empty_corpus.items()]
    assert len(keys) == 2
    clean_key = next(i.key for i in empty_corpus.items(with_claims=True) if "official ledgers" in i.claims[1].text)
    hits = empty_corpus.index.search("ledgers overstated stock", limit=20).hits
    assert {h.item.key for h in hits} == {clean_key}
    assert hits[0].also_in == tuple(k for k in keys if k != clean_key)
    citation = cite(empty_corpus, "grain ledgers overstated", formatted=False).citation
    assert citation is not None and citation.item.key == clean_key


QUERY_ALPHABET = st.sampled_from(list("abcxyz 0123456789\"'()*?+-:[]{}^~/\\!&|@#%.,;") + [
    " AND ", " OR ", " NOT ", "title:", "outlet:", "published:", "event:", "kind:", "speaker:", "body:", "stamp:",
    "[2019 TO 2020]", "Huawei", "抗美援朝", "\x1b", "\u00ad", "TO"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(QUERY_ALPHABET, max_size=12).map("".join))
def test_any_query_is_answered_or_refused_in_one_line(seed_corpus: Corpus, query: str) -> None:
    """Issue 12.14: `a(+)`, `Beijing (-)`, `stamp:x` gave tracebacks; whatever is typed, a
    lookup returns hits or raises QueryError (one line for the user), nothing else."""
    try:
        result = seed_corpus.index.search(query)
    except QueryError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(result.hits, list)
