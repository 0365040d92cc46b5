"""Search through the real Whoosh index: query language, filters, Chinese, ranking, maintenance."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from digestcite.cli import cli
from digestcite.corpus.folder import Corpus
from digestcite.errors import QueryError


def ids(corpus: Corpus, query: str, **kwargs: object) -> list[str]:
    return [h.claim.id for h in corpus.index.search(query, **kwargs).hits if h.claim]  # type: ignore[arg-type]


def keys(corpus: Corpus, query: str, **kwargs: object) -> list[str]:
    return [h.item.key for h in corpus.index.search(query, items=True, **kwargs).hits]  # type: ignore[arg-type]


def test_words_are_anded_and_the_claim_with_all_of_them_wins(seed_corpus: Corpus) -> None:
    assert ids(seed_corpus, "293 incidents Zhanjiang")[0] == "epochtimes2020internal:1.4"


def test_exact_phrase(seed_corpus: Corpus) -> None:
    hits = seed_corpus.index.search('"mass incidents" outlet:epochtimes').hits
    assert [h.claim.id for h in hits if h.claim] == ["epochtimes2020internal:1.4"]
    assert all("mass incidents" in h.claim.text.lower() for h in hits if h.claim)
    assert ids(seed_corpus, '"incidents mass"') == []


def test_stemming_finds_other_forms(seed_corpus: Corpus) -> None:
    found = keys(seed_corpus, "petitioner")
    assert "epochtimes2024upcoming" in found
    assert keys(seed_corpus, "interceptor") == keys(seed_corpus, "interceptors")


def test_chinese_inside_english_text(seed_corpus: Corpus) -> None:
    assert ids(seed_corpus, "抗美援朝") == ["rfa2020jinping:1.1"]
    assert ids(seed_corpus, "援朝") == ["rfa2020jinping:1.1"]


def test_numbers_are_searchable_as_written(seed_corpus: Corpus) -> None:
    assert ids(seed_corpus, "7.36")[0] == "epochtimes2020internal:1.3"
    assert "epochtimes2020exporting:5.1" in ids(seed_corpus, "66.55")


def test_or_not_minus_and_wildcard(seed_corpus: Corpus) -> None:
    either = set(keys(seed_corpus, "Huawei OR Wang"))
    assert {"sohu2020huawei", "hket2020wang"} <= either
    assert "sohu2020huawei" not in keys(seed_corpus, "Huawei -Nokia")
    assert "sohu2020huawei" not in keys(seed_corpus, "Huawei NOT Nokia")
    assert "epochtimes2024upcoming" in keys(seed_corpus, "intercept*")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("outlet:rfa speech", {"rfa2020jinping"}),
        ('outlet:"Hong Kong Economic Times" bill', {"hket2020introduces"}),
        ("outlet:HKET", {"hket2020wang", "hket2020introduces"}),
        ("title:Huawei", {"sohu2020huawei"}),
        ("published:2020-10-16", {"epochtimes2020china", "sina2020chinese"}),
        ("published:[2020-10-13 TO 2020-10-15]", {"hket2020introduces"}),
        ("event:[2019-06 TO 2019-06]", {"epochtimes2020internal"}),
        ("speaker:Xi legal", {"epochtimes2024upcoming"}),
    ],
    ids=["outlet-alias", "outlet-phrase", "outlet-only", "title", "published-day", "published-range",
         "event-month", "speaker"],
)
def test_field_filters(seed_corpus: Corpus, query: str, expected: set[str]) -> None:
    assert set(keys(seed_corpus, query, limit=50)) == expected


def test_kind_filter_applies_to_claims(seed_corpus: Corpus) -> None:
    hits = seed_corpus.index.search("kind:statistic Zhanjiang", limit=20).hits
    assert hits and all(h.claim is not None and h.claim.kind == "statistic" for h in hits)


def test_event_filter_applies_to_claims(seed_corpus: Corpus) -> None:
    hits = seed_corpus.index.search("event:2019-06", limit=20).hits
    # the June 8 event, and the January 2019 – June 2020 range that overlaps June 2019
    assert {h.claim.id for h in hits if h.claim} == {"epochtimes2020internal:4.1", "epochtimes2020internal:1.4"}


def test_option_filters(seed_corpus: Corpus) -> None:
    from digestcite.corpus.dates import PartialDate
    from digestcite.index.search import Filters

    filters = Filters(outlets=("Sina",), published=((PartialDate(2020, 10), PartialDate(2020, 10)),))
    assert {h.item.key for h in seed_corpus.index.search("students", filters=filters).hits} == {"sina2020chinese"}


def test_highlight_marks_matched_words(seed_corpus: Corpus) -> None:
    hit = seed_corpus.index.search("petitions Zhanjiang").hits[0]
    assert "**petitions**" in hit.highlight or "**Zhanjiang**" in hit.highlight


def test_loosening_when_and_finds_too_little(seed_corpus: Corpus) -> None:
    result = seed_corpus.index.search("Zhanjiang unicorn")
    assert result.loosened and result.hits
    strict = seed_corpus.index.search('"Zhanjiang unicorn"')
    assert not strict.loosened and not strict.hits


def test_ties_are_broken_by_recency(seed_corpus: Corpus) -> None:
    hits = seed_corpus.index.search("outlet:epochtimes", items=True, limit=10).hits
    dates = [h.item.published for h in hits]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"unclosed phrase', "unbalanced quotation mark"),
        ("(Huawei OR Nokia", "unbalanced parenthesis"),
        ("Huawei)", "closes nothing"),
        ("kind:rumour Huawei", "kind:rumour is not a kind"),
        ("published:[2020 TO", "needs the form"),
        ("event:Febtember", "not a date"),
        ("Huawei OR", "AND/OR needs a word"),
        ("*", "wildcard needs at least two letters"),
        ("word " * 100, "more than 64 words"),
    ],
    ids=["quote", "paren-open", "paren-close", "kind", "range", "date", "dangling-or", "bare-star", "too-long"],
)
def test_malformed_queries_say_what_is_wrong(seed_corpus: Corpus, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        seed_corpus.index.search(query)


def test_no_match_suggests_terms(seed_corpus: Corpus) -> None:
    result = seed_corpus.index.search("Zhanjaing")
    assert not result.hits and "Zhanjiang" in result.suggestions


def test_rebuild_gives_identical_results(seed_corpus: Corpus) -> None:
    queries = ["293 incidents", '"One Belt One Road"', "抗美援朝", "outlet:hket", "petition*"]
    before = {q: [h.to_json() for h in seed_corpus.index.search(q).hits] for q in queries}
    shutil.rmtree(seed_corpus.index_dir)
    assert seed_corpus.index.rebuild() == 10
    after = {q: [h.to_json() for h in seed_corpus.index.search(q).hits] for q in queries}
    assert after == before


def test_doctor_finds_and_repairs_a_deleted_index(runner: CliRunner, seed_corpus: Corpus) -> None:
    shutil.rmtree(seed_corpus.index_dir)
    found = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "doctor", "--json"])
    assert found.exit_code == 1
    report = json.loads(found.stdout)
    assert report["store"]["ok"] and not report["index"]["ok"] and len(report["index"]["missing"]) == 10
    fixed = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "doctor", "--repair", "--json"])
    assert fixed.exit_code == 0, fixed.output
    assert json.loads(fixed.stdout)["ok"] and seed_corpus.index.search("293").hits


def test_doctor_finds_extra_and_stale_documents(runner: CliRunner, seed_corpus: Corpus) -> None:
    db = seed_corpus.store.db
    db.execute("UPDATE items SET title = 'Changed Behind the Index' WHERE key = 'sina2020chinese'")
    item_id = db.execute("SELECT id FROM items WHERE key = 'sohu2020huawei'").fetchone()[0]
    for table, column in (("claims", "item_id"), ("document_items", "item_id"), ("shingles", "item_id"), ("sketches", "item_id"),
                          ("items", "id")):
        db.execute(f"DELETE FROM {table} WHERE {column} = ?", (item_id,))
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "doctor", "--json"])
    index = json.loads(result.stdout)["index"]
    assert (index["extra"], index["stale"], index["missing"]) == (["sohu2020huawei"], ["sina2020chinese"], [])
    repaired = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "doctor", "--repair"])
    assert repaired.exit_code == 0 and "repaired:" in repaired.stdout
    assert keys(seed_corpus, '"Orange Belgium"') == []


def test_search_command_json_and_plain_output(runner: CliRunner, seed_corpus: Corpus) -> None:
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "search", "student visas", "--json"], catch_exceptions=False)
    hits = json.loads(result.stdout)
    assert hits[0]["item_key"] == "sina2020chinese" and "score" in hits[0] and "**" in hits[0]["highlight"]
    plain = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "search", "student visas"])
    assert "sina2020chinese" in plain.stdout and "\x1b[" not in plain.stdout and "**" not in plain.stdout


def test_search_command_malformed_query(runner: CliRunner, seed_corpus: Corpus) -> None:
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "search", '"open'])
    assert result.exit_code == 1
    assert result.stderr == 'Error: unbalanced quotation mark in the query: close the phrase with "\n'


def test_empty_result_is_an_empty_json_array(runner: CliRunner, seed_corpus: Corpus) -> None:
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "search", '"no such phrase here"', "--json"])
    assert result.exit_code == 0 and result.stdout == "[]\n"


def test_timeline_table_and_plot(runner: CliRunner, seed_corpus: Corpus, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "timeline", "--by", "year", "--json"])
    rows = {r["period"]: r for r in json.loads(result.stdout)}
    assert rows["2020"]["items"] == 8 and rows["2019"]["events"] >= 5
    plot = tmp_path / "t.svg"
    made = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "timeline", "Zhanjiang", "--plot", str(plot)])
    assert made.exit_code == 0, made.output
    assert plot.read_text("utf-8").lstrip().startswith(("<?xml", "<svg"))


def test_a_second_writer_waits_then_fails_cleanly(seed_corpus: Corpus, tmp_path: Path) -> None:
    holder = textwrap.dedent(f"""
        import sqlite3, sys, time
        db = sqlite3.connect({str(seed_corpus.root / 'store.sqlite')!r}, isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        time.sleep(30)
    """)
    process = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "locked"
        page = tmp_path / "p.txt"
        page.write_text("Headline\n\nBody text here. More.\n\nSource: Xinhua, May 1, 2020\n", "utf-8")
        import digestcite.corpus.store as store_module

        store_module.BUSY_TIMEOUT_S = 0.5
        seed_corpus.store.db.execute("PRAGMA busy_timeout = 500")
        report = seed_corpus.ingest([str(page)])
        assert report.pages == [] and report.not_ingested == 1
        assert "another digestcite process is writing to this corpus" in (report.stopped or "")
        assert seed_corpus.index.search("293").hits  # readers are not blocked
    finally:
        process.kill()
        process.wait()


def test_an_index_of_another_layout_is_refused_then_repaired(runner: CliRunner, seed_corpus: Corpus) -> None:
    (seed_corpus.index_dir / "LAYOUT").write_text("0\n", "utf-8")
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "search", "Huawei"])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {seed_corpus.index_dir}: the index has layout 0, this digestcite writes 3: "
                             "run 'digestcite index rebuild'\n")
    fixed = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "doctor", "--repair"])
    assert fixed.exit_code == 0 and "rebuilt the index from the store (10 items)" in fixed.stdout
    assert keys(seed_corpus, "Huawei")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
@example("Café résumé naïve Zürich petitioners running 抗美援朝 7.36 U.S.")
def test_fast_analyzer_gives_whoosh_standard_terms(text: str) -> None:
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
    from whoosh.support.charset import accent_map

    from digestcite.index.analyzers import TOKEN_PATTERN, stem, text_analyzer

    reference = (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter(minsize=1)
                 | StemFilter(stemfn=stem, ignore=None))
    assert [(t.text, t.pos) for t in text_analyzer()(text, positions=True)] == [
        (t.text, t.pos) for t in reference(text, positions=True)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120) | st.text(alphabet="aeiouyAEÉéüÜñ抗美援朝ひカ한 .,'’-7", max_size=60))
@example("Café résumé naïve Zürich petitioners running 抗美援朝 7.36 U.S. the an THE")
@example("ﬁnancial ﬂows: 1,250.5 yuan; don’t Œuvre ǅemal 々〆 ㋿ ｶﾀｶﾅ")
def test_lookup_terms_are_the_text_analyzers(text: str) -> None:
    """terms() and term_spans() skip Whoosh's token chain; they must give what it gives."""
    from digestcite.index.analyzers import term_spans, terms, text_analyzer

    assert terms(text) == [t.text for t in text_analyzer()(text)]
    # NOTE: Whoosh yields one Token object again and again: read it as it comes.
    assert term_spans(text) == [(t.text, t.startchar, t.endchar)
                                for t in text_analyzer()(text, chars=True, removestops=True)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.text(max_size=60), st.sampled_from([0, 1, 2, 5]))
@example("The petitioners petitioned; dying skies lying generously", "petition die sky", 0)
def test_lookup_terms_among_some_keep_those_in_place(text: str, other: str, take: int) -> None:
    from digestcite.index.analyzers import term_spans, terms

    full = terms(text)
    among = set(terms(other)) | set(full[:take])
    only = terms(text, among=among)
    assert len(only) == len(full)
    assert all(o == f if f in among else o in ("", f) for o, f in zip(only, full, strict=True))
    assert [(s, a, b) for s, a, b in term_spans(text, among=among)] == [
        (o, a, b) for o, (_, a, b) in zip(only, term_spans(text), strict=True)]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz'’", min_size=1, max_size=14).filter(lambda w: w[0] not in "'’")
       | st.sampled_from(["dying", "lying", "tying", "skis", "skies", "idly", "gently", "ugly", "early", "only",
                          "singly", "news", "howe", "atlas", "cosmos", "bias", "andes", "inning", "outing", "yes",
                          "ies", "ied", "s", "ed", "ing", "y", "generous", "communal", "arsenal", "e", "ly"]))
def test_a_stem_begins_with_its_words_first_letter(word: str) -> None:
    from digestcite.index.analyzers import _PORTER, stem

    assert stem(word)[:1] == word[:1]
    assert _PORTER(word)[:1] == word[:1]


def _shape(q: object) -> object:
    """A query as nested plain values: class, field, text, boost, scale, minmatch, parts."""
    parts = getattr(q, "subqueries", None)
    return (type(q).__name__, getattr(q, "fieldname", None), getattr(q, "text", None), getattr(q, "boost", None),
            getattr(q, "scale", None), getattr(q, "minmatch", None),
            None if parts is None else [_shape(p) for p in parts])


_PLAIN_VOCABULARY = ["Shenzhen", "petition", "petitioners", "the", "a", "and", "of", "not", "or", "2020", "293",
                     "US", "UN", "x", "Zhanjiang", "incidents", "mass", "b2b", "ANDX", "Nota", "IS", "running"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PLAIN_VOCABULARY, ""]) | st.text(alphabet="abcXYZ019", min_size=1, max_size=6),
                min_size=1, max_size=7), st.booleans(), st.sampled_from(["", " ", "  "]))
@example(["the", "a"], True, "")
@example(["gren", "gren", "ceenun"], True, "")
@example(["gren", "", "ceenun"], False, " ")
def test_plain_words_make_the_query_whoosh_parser_makes(words: list[str], any_words: bool, pad: str) -> None:
    from digestcite.index.analyzers import terms
    from digestcite.index.schema import make_schema
    from digestcite.index.search import _NOT_PLAIN, _plain_query, parse_with_whoosh

    text = pad + " ".join(words) + pad
    fast = _plain_query(text, any_words=any_words)
    if fast is _NOT_PLAIN:  # no words (every item), or a word of two tokens ("0x": a phrase): left to the parser
        assert not text.strip() or any(len(terms(word)) > 1 for word in words)
        return
    slow = parse_with_whoosh(text, make_schema(), any_words=any_words)
    assert repr(fast) == repr(slow)
    assert _shape(fast) == _shape(slow)


# Queries as typed: words, operators, signs, fields, ranges, wildcards, Chinese, controls.
_QUERY_PIECES = st.sampled_from(list("abcxyz 019\"'()*?+-:[]@.\t") + [
    " AND ", " OR ", " NOT ", "AND", "OR", "NOT", "title:", "outlet:", "OUTLET:", "-source:", "published:", "event:",
    "kind:", "speaker:", "pub:", "stamp:", "http://", "[2019 TO 2020]", "TO", "Huawei", "抗美援朝", "\u00ad", "?"])


def _check_query_then(text: str) -> str | None:
    # check_query as it was before issue 13's third pass: every expression tried on every query
    import re

    from digestcite.index.search import _SCHEMES, _TEXT_FIELDS, MAX_QUERY_CHARS, MAX_QUERY_TERMS

    if len(text) > MAX_QUERY_CHARS or text.count('"') % 2 or len(text.split()) > MAX_QUERY_TERMS:
        return "refused"
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return "refused"
    if depth:
        return "refused"
    if re.search(r"(?:^|\s)(?:AND|OR)\s*$|^\s*(?:AND|OR)\b", text):
        return "AND/OR needs a word on both sides"
    if re.search(r"\b(?:NOT|AND|OR)\s+(?:NOT\s+)*(?:AND|OR)\b|\bNOT\s+NOT\b|\bNOT\s*$", text):
        return "an operator needs a word after it (e.g. 'Huawei NOT Nokia')"
    for match in re.finditer(r"(?<![\w.])([A-Za-z_][\w-]*):(?=[^\s/])", text):
        name = match.group(1)
        if name.lower() not in _TEXT_FIELDS and name.lower() not in _SCHEMES:
            return f"{name}: is not a field; the fields are title:, outlet:, speaker:, kind:, published:, event:"
    if re.search(r"\[[^\]]*\sTO\s[^\]]*\]", text):
        return "a [A TO B] range works on dates only (published:[2019 TO 2020-06], event:[...])"
    stripped = re.sub(r"\?+(?=[\s)\"]|$)", " ", re.sub(r"(?:(?<=\s)|(?<=^)|(?<=\())[+-]+(?=[\s)]|$)", " ", text))
    for token in re.findall(r"\S*[*?]\S*", stripped):
        if len(re.split(r"[*?]", token.lstrip("+-(\""))[0]) < 2:
            return f"{token}: a wildcard needs at least two letters before it (e.g. petition*)"
    return None


@settings(max_examples=600, deadline=None)
@given(st.lists(_QUERY_PIECES, max_size=10).map("".join))
@example("a AND")
@example("x NOT")
@example("outlet:rfa published:2020 kind:quote words")
@example("a? b+ -c (d) e*")
def test_query_expressions_tried_only_where_they_can_match_find_what_they_found(text: str) -> None:
    # issue 13, "Speed", third pass: each expression is tried only when the text has the
    # characters every match needs; the outcome is the one of trying them all
    import re

    from digestcite.index.search import (
        _FILTER_RE,
        _OPERATOR_RE,
        _OPERATOR_SIGNS,
        _strip_punctuation,
        check_query,
        is_plain_words,
        parse_filters,
    )

    try:
        check_query(text)
        refused = None
    except QueryError as exc:
        refused = exc.message
    then = _check_query_then(text)
    assert refused == then or (then == "refused" and refused is not None)
    assert _strip_punctuation(text) == re.sub(
        r"\?+(?=[\s)\"]|$)", " ", re.sub(r"(?:(?<=\s)|(?<=^)|(?<=\())[+-]+(?=[\s)]|$)", " ", text))
    assert (any(s in text for s in _OPERATOR_SIGNS) and re.search(_OPERATOR_RE, text) is not None) == bool(
        re.search(_OPERATOR_RE, text))
    assert is_plain_words(text.strip()) == bool(re.fullmatch(r"[A-Za-z0-9]+(?: +[A-Za-z0-9]+)*", text.strip()))
    try:
        words, filters = parse_filters(text, None)
    except QueryError:
        return
    assert words == " ".join(re.sub(_FILTER_RE, " ", text).split())
    if ":" not in text:
        assert filters == type(filters)()


@pytest.mark.parametrize("text", ["a AND b", "NOT b", "a OR b", "x*", '"a b"', "a -b", "title:a", "a\tb",
                                  "café", "7.36", "don't", "抗美", "a+b", "(a)", "a?"])
def test_anything_but_plain_words_goes_to_whooshs_parser(text: str) -> None:
    from digestcite.index.search import _NOT_PLAIN, _plain_query

    assert _plain_query(text, any_words=True) is _NOT_PLAIN


@pytest.mark.parametrize("char", ["\u33ff", "\u3400", "\u4dbf", "\u4dc0", "\u4e00", "\u9fff", "\ua000", "\uf8ff",
                                  "\uf900", "\ufaff", "\ufb00", "\u303f", "\u3040", "\u30ff", "\u3100", "\uabff",
                                  "\uac00", "\ud7af", "\ud7b0", "a", "7", ""])
def test_the_cjk_test_is_the_character_class(char: str) -> None:
    import re

    from digestcite.index.analyzers import CJK, _is_cjk

    assert _is_cjk(char + "x") == bool(re.match(f"[{CJK}]", char + "x"))
    assert _is_cjk(char) == bool(re.match(f"[{CJK}]", char))


def test_the_english_stemmer_is_whooshs_and_leaves_snowball_importable() -> None:
    script = ("import sys; from digestcite.index.analyzers import _PORTER;"
              "assert 'whoosh.lang.snowball' not in sys.modules;"
              "from whoosh.lang import stemmer_for_language; from whoosh.lang.snowball import classes;"
              "import whoosh.lang.snowball.english as e; assert sorted(classes)[:3] == ['da', 'de', 'en'];"
              "words = ['running', 'petitioners', 'financial', 'generously', 'agreed', 'skies', 'news'];"
              "assert [_PORTER(w) for w in words] == [stemmer_for_language('en')(w) for w in words];"
              "print('ok')")
    _prints_ok_in_a_fresh_interpreter(script)


def _prints_ok_in_a_fresh_interpreter(script: str) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stderr


def test_whoosh_imports_lightly_and_its_variations_still_work() -> None:
    script = ("import sys; import digestcite.index;"
              "assert 'whoosh.query' in sys.modules;"
              "assert [m for m in ('asyncio', 'urllib.request', 'whoosh.lang.morph_en') if m in sys.modules] == [];"
              "from whoosh.query.terms import variations as bound;"
              "from whoosh.lang.morph_en import variations;"
              "assert bound('running') == variations('running') and 'runs' in variations('running');"
              "print('ok')")
    _prints_ok_in_a_fresh_interpreter(script)


def test_an_item_found_by_its_headline_alone_is_cited_by_its_lead_sentence(empty_corpus: Corpus, tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Granary Audit Finds Missing Grain\n\nInspectors visited forty depots in the province. "
                    "Officials promised reforms.\n\nSource: Caixin, May 1, 2021\n", "utf-8")
    empty_corpus.ingest([str(page)])
    hits = empty_corpus.index.search('"granary audit"').hits
    assert [h.claim.id for h in hits if h.claim] == ["caixin2021granary:1.1"]


@pytest.mark.parametrize("query", [
    "x published:2020", "x published:[2020-10 TO 2021]", "x outlet:rfa", "x -outlet:rfa published:[2010 TO 2020-10-22]",
    "x kind:quote outlet:\"epoch times\"", "x event:[2019-06 TO 2020]", "x speaker:lecturer",
])
def test_filters_allow_what_whoosh_itself_would(seed_corpus: Corpus, query: str) -> None:
    """Filters are evaluated from postings term by term (faster than Whoosh's union of
    matchers); they must allow exactly the documents Whoosh's own evaluation allows."""
    from digestcite.index.build import open_index
    from digestcite.index.search import _filter_docs, _whoosh_filter, parse_filters

    _, filters = parse_filters(query, seed_corpus)
    whoosh_filter = _whoosh_filter(filters, seed_corpus)
    assert whoosh_filter is not None
    with open_index(seed_corpus.index.path).searcher() as searcher:
        assert _filter_docs(searcher, whoosh_filter) == set(searcher.docs_for_query(whoosh_filter))


def test_the_idf_of_a_term_is_the_same_asked_by_its_bytes(seed_corpus: Corpus) -> None:
    # issue 13, "Speed": ranking asks Whoosh for a term's idf by its bytes, the key of
    # Whoosh's own cache of the terms it scored; the value is the one asked by the text
    from digestcite.index.build import open_index

    with open_index(seed_corpus.index_dir).searcher() as searcher:
        words = ["petition", "visa", "huawei", "zhanjiang", "293", "抗", "nosuchword"]
        assert [searcher.idf("body", w.encode("utf-8")) for w in words] == [searcher.idf("body", w) for w in words]
