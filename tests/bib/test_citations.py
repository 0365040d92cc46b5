"""Citations that say what the writer read (issue 13): the digest as a work, the item summarized
in it, the locator on the digest, nothing invented; and page text kept as text (issue 12.11)."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from digestcite.bib.cite import Citation, add_formatting, cite, make_citation
from digestcite.bib.export import export_text, records
from digestcite.bib.render import format_citations, pdf_engine, signal_phrases_into_citations
from digestcite.bib.styles import resolve_style
from digestcite.cli import cli
from digestcite.corpus.folder import Corpus
from digestcite.errors import RenderError
from tests.serving import serve_folder

# Pages written for these tests: a digest of three items (one undated), an article page with
# a byline, and an undated article page.
DIGEST = """<html><head><title>Harbour Policy Review, No. 12</title></head><body>
<h1>Harbour Policy Review, No. 12</h1>
<h2>Port Fees Cut for Small Ferries</h2>
<p>The harbour board cut landing fees for ferries under 40 metres by a fifth, its notice said. Operators had asked for relief since the spring.</p>
<p>Source: South Coast Herald, March 3, 2024</p>
<h2>Dredging Plan Delayed Again</h2>
<p>The board said the dredging of the north channel would wait for a second survey. Fishermen said the silt had grown worse.</p>
<p>Source: Harbour Weekly</p>
<h2>New Pier Lights Installed</h2>
<p>Crews fitted 24 new lamps along the east pier, the board said. The work cost about 90,000 yuan.</p>
<p>Source: South Coast Herald, March 5, 2024</p>
</body></html>"""
ARTICLE = ("Village Schools Reopen After Floods\n\nBy Wu Jiao | China Daily | Updated: 2020-10-22\n\n"
           "Schools in the county reopened on Monday after the floods, officials said. About 300 pupils returned.\n\n"
           "Teachers said repairs would take months.\n")
UNDATED_ARTICLE = ("Ferry Timetable Changes\n\n[Harbour Weekly] The winter timetable drops the late ferry on weekdays. "
                   "Riders said the change was sudden.\n\nThe operator promised a review.\n")
STYLES = ["chicago", "chicago-author-date", "apa", "mla", "ieee", "nature"]
THIS_YEAR = str(datetime.date.today().year)


@pytest.fixture
def cases(tmp_path: Path) -> Iterator[Corpus]:
    (tmp_path / "review.html").write_text(DIGEST, "utf-8")
    (tmp_path / "schools.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "ferry.txt").write_text(UNDATED_ARTICLE, "utf-8")
    with Corpus.init(tmp_path / "c") as corpus:
        corpus.ingest([str(tmp_path / "review.html")], publisher="Harbour Research Group", url="https://example.org/review/12")
        corpus.ingest([str(tmp_path / "schools.txt")], url="https://example.org/news/schools")
        corpus.ingest([str(tmp_path / "ferry.txt")])
        yield corpus


KEYS = {"dated, through a digest": "southcoastherald2024port", "undated, through a digest": "harbourweeklynddredging",
        "the page is the article": "chinadaily2020village", "undated article page": "harbourweeklyndferry"}


def _citation(corpus: Corpus, key: str, style: str) -> Citation:
    item = corpus.item(key)
    citation = make_citation(corpus, item, item.claims[0], style)
    add_formatting(citation, cache_folder=corpus.root)
    return citation


def test_the_cases_are_what_they_say(cases: Corpus) -> None:
    assert sorted(r[0] for r in cases.store.db.execute("SELECT key FROM items")) == sorted(
        [*KEYS.values(), "southcoastherald2024pier"])
    port = _citation(cases, KEYS["dated, through a digest"], "chicago")
    assert port.digest is not None and port.digest["title"] == "Harbour Policy Review, No. 12"
    assert port.pandoc == f"[@southcoastherald2024port; summarized in @{port.digest['id']}, para. 1]"
    schools = _citation(cases, KEYS["the page is the article"], "chicago")
    assert schools.digest is None and schools.pandoc == "[@chinadaily2020village, para. 1]"


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("case", list(KEYS), ids=list(KEYS))
def test_every_style_gives_a_complete_note_and_reference(cases: Corpus, case: str, style: str) -> None:
    citation = _citation(cases, KEYS[case], style)
    item = citation.item
    first_word = item.title.split()[0]
    assert citation.note and citation.reference
    assert first_word in citation.reference or (item.outlet or "") in citation.reference
    assert (item.outlet or "") in citation.reference
    for text in (citation.note, citation.reference, citation.digest_reference):
        assert THIS_YEAR not in text  # never the ingest year
        assert ".html" not in text and ".txt" not in text  # never a file name
    if citation.digest is not None:
        assert "summarized in" in citation.note
        assert "Harbour Policy Review" in citation.digest_reference
        if style != "nature":  # NOTE: Nature's style prints no locator in its superscript citations
            assert re.search(r"(?i)\b(?:para?\.|par\.)\s*1\b", citation.note)  # the locator, on the digest
    else:
        assert "summarized in" not in citation.note and not citation.digest_reference
    if "undated" in case and style in ("chicago", "chicago-author-date", "apa"):
        assert "n.d." in citation.note + citation.reference


def test_chicago_notes_form_of_a_source_known_through_another(cases: Corpus) -> None:
    """CMOS 18 14.260: the original, then 'quoted/summarized in' the work consulted, the
    locator on the latter; 14.89 (news): outlet, date; an unsigned article is cited by title."""
    citation = _citation(cases, KEYS["dated, through a digest"], "chicago")
    assert citation.note == ("“[Port Fees Cut for Small Ferries],” South Coast Herald, March 3, 2024; summarized in "
                             "“Harbour Policy Review, No. 12,” Harbour Research Group, para. 1, https://example.org/review/12.")
    assert citation.reference == "South Coast Herald. “[Port Fees Cut for Small Ferries].” March 3, 2024."
    assert citation.digest_reference == ("Harbour Research Group. “Harbour Policy Review, No. 12.” "
                                         "https://example.org/review/12.")


def test_apa_and_mla_forms(cases: Corpus) -> None:
    """APA 7 §8.6 (secondary source: 'as cited in') and §8.14 (no author: a short title in the
    in-text citation); MLA 9 (indirect source, 'qtd. in'): the original first, then the digest."""
    apa = _citation(cases, KEYS["dated, through a digest"], "apa")
    assert apa.note == "(“[Port Fees Cut],” 2024; summarized in Harbour Research Group, n.d., para. 1)"
    assert apa.reference == "[Port Fees Cut for Small Ferries]. (2024, March 3). South Coast Herald."
    mla = _citation(cases, KEYS["dated, through a digest"], "mla")
    assert mla.note == "(“[Port Fees Cut]”; summarized in Harbour Policy Review, No. 12, par. 1)"
    assert mla.reference == "“[Port Fees Cut for Small Ferries].” South Coast Herald, 3 Mar. 2024."


def test_a_byline_is_the_author_and_the_outlet_never_is(cases: Corpus) -> None:
    keys = [KEYS["the page is the article"], KEYS["dated, through a digest"]]
    recs = records(cases, keys)
    assert recs[0]["author"] == [{"literal": "Wu Jiao"}] and "author" not in recs[1]
    bib = export_text(recs, "biblatex")
    assert "author = {{Wu Jiao}}" in bib and bib.count("author =") == 1
    assert export_text(recs, "bibtex").count("author =") == 1
    assert export_text(recs, "ris").count("AU  - ") == 1
    chicago = _citation(cases, keys[0], "chicago")
    assert chicago.note.startswith("Wu Jiao, “Village Schools Reopen After Floods,” China Daily, October 22, 2020, para. 1")


def test_accessed_only_for_a_fetched_url_or_when_given(cases: Corpus, tmp_path: Path) -> None:
    every = [r[0] for r in cases.store.db.execute("SELECT key FROM items")]
    plain = records(cases, every)
    assert all("accessed" not in r for r in plain)  # nothing was fetched
    given = {r["id"]: r for r in records(cases, every, accessed="2026-02-03")}
    assert given["chinadaily2020village"]["accessed"] == {"date-parts": [[2026, 2, 3]]}  # it has a URL
    assert "accessed" not in given["southcoastherald2024port"]  # no URL of its own
    digest_id = given["southcoastherald2024port"]["custom"]["summarized_in"]
    assert given[digest_id]["accessed"] == {"date-parts": [[2026, 2, 3]]}
    assert "accessed" not in given["harbourweeklyndferry"]  # no URL at all


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "review.html").write_text(DIGEST, "utf-8")

    with serve_folder(folder) as url:
        yield url


def test_a_fetched_digest_is_accessed_when_it_was_fetched(empty_corpus: Corpus, served: str) -> None:
    report = empty_corpus.ingest([f"{served}/review.html"], publisher="Harbour Research Group")
    key = report.pages[0].items_added[0]
    item_record, digest = records(empty_corpus, [key])
    fetched = empty_corpus.item(key).document
    assert fetched is not None
    assert digest["URL"] == f"{served}/review.html"
    assert digest["accessed"] == {"date-parts": [[int(p) for p in fetched.ingested[:10].split("-")]]}
    assert "accessed" not in item_record and "URL" not in item_record  # the digest's address is not the item's


def test_an_unnamed_digest_is_not_cited_and_the_writer_is_told_once(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "012_3fa9.txt"
    page.write_text("Pier Lights\n\nCrews fitted 24 new lamps along the east pier. The work took a week.\n\n"
                    "Source: South Coast Herald, March 5, 2024\n\nFerry Fees\n\nFees for small ferries fell by a fifth. "
                    "Operators welcomed it.\n\nSource: Harbour Weekly, March 6, 2024\n", "utf-8")
    root = str(tmp_path / "c")
    runner.invoke(cli, ["--corpus", root, "init"], catch_exceptions=False)
    runner.invoke(cli, ["--corpus", root, "ingest", str(page)], catch_exceptions=False)
    result = runner.invoke(cli, ["--corpus", root, "cite", "24 new lamps", "--format", "pandoc"], catch_exceptions=False)
    assert result.stdout == "[@southcoastherald2024pier]\n"  # no locator: the paragraph is the unnamed digest's
    assert result.stderr.count("has no known title and publisher") == 1 and "012_3fa9.txt" in result.stderr
    text = runner.invoke(cli, ["--corpus", root, "cite", "24 new lamps"], catch_exceptions=False).stdout
    assert "012_3fa9" not in text and "summarized" not in text


def test_render_resolves_the_two_work_citation_and_lists_the_digest(cases: Corpus, tmp_path: Path,
                                                                     runner: CliRunner) -> None:
    port = _citation(cases, KEYS["dated, through a digest"], "chicago")
    draft = tmp_path / "brief.md"
    draft.write_text(f"Fees fell by a fifth {port.pandoc}.\n\nSee also @harbourweeklyndferry [para. 1].\n", "utf-8")
    out = tmp_path / "brief.html"
    result = runner.invoke(cli, ["--corpus", str(cases.root), "render", str(draft), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    plain = " ".join(html.split())
    assert "summarized in" in plain and "Harbour Policy Review, No. 12" in plain and "para. 1" in plain
    assert 'id="ref-' + port.digest["id"] + '"' in html  # type: ignore[index]
    # Issue 13.7: "See also @key [para. 1]" is a whole note, not "See also.³"
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "See also." not in text and "See also “Ferry Timetable Changes,” Harbour Weekly, n.d., para. 1." in text
    exported = runner.invoke(cli, ["--corpus", str(cases.root), "export", "--draft", str(draft), "--format", "csljson"])
    assert [r["id"] for r in json.loads(exported.stdout)] == ["southcoastherald2024port", "harbourweeklyndferry",
                                                               port.digest["id"]]  # type: ignore[index]


def test_signal_phrases_move_into_the_citation() -> None:
    assert signal_phrases_into_citations("See also @a [para. 1]. Cf. @b.") == "[See also @a, para. 1]. [Cf. @b]."
    assert signal_phrases_into_citations("[@x; see @y, para. 2] and me@example.org") == "[@x; see @y, para. 2] and me@example.org"


def test_a_custom_csl_file_gives_a_full_first_note(cases: Corpus, tmp_path: Path) -> None:
    own = tmp_path / "house.csl"
    own.write_bytes(resolve_style("chicago").read_bytes())
    mine = _citation(cases, KEYS["dated, through a digest"], str(own))
    bundled = _citation(cases, KEYS["dated, through a digest"], "chicago")
    assert mine.note == bundled.note and "March 3, 2024" in mine.note


def test_pdf_needs_an_engine_that_can_typeset_cjk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RenderError, match=r"Chinese, Japanese or Korean text, which pdflatex cannot typeset: install "
                                          r"xelatex or lualatex"):
        pdf_engine("抗美援朝 [@k]", [], tmp_path / "x.pdf")
    with pytest.raises(RenderError, match="no PDF engine found"):
        pdf_engine("plain [@k]", [], tmp_path / "x.pdf")


# Issue 12.11: page text reaches pandoc as text, never as markup.
HOSTILE_TITLE = "Fees <script>alert(1)</script> cut <i>now</i> x<sup>2</sup> ~ ^ -- [@other] *bold*"


def test_markup_in_page_text_stays_text(empty_corpus: Corpus, tmp_path: Path) -> None:
    page = tmp_path / "p~^--x.txt"
    page.write_text(f"{HOSTILE_TITLE}\n\nThe board cut fees for small ferries by a fifth. Operators were glad.\n\n"
                    "Source: South Coast Herald, March 3, 2024\n\n"
                    "Lamps Fitted\n\nCrews fitted 24 lamps on the pier. It took a week.\n\nSource: Harbour Weekly, March 5, 2024\n",
                    "utf-8")
    report = empty_corpus.ingest([str(page)], publisher="Group <script>x</script>", url="https://example.org/a~b^c--d")
    key = next(k for k in report.pages[0].items_added if k.startswith("southcoastherald"))
    with empty_corpus.store.transaction():  # the digest's title, as a user would name it
        empty_corpus.store.db.execute("UPDATE documents SET title = ?", ("Review <script>alert(2)</script> <i>No.</i> 12",))
    citation = cite(empty_corpus, key).citation
    assert citation is not None and citation.digest is not None
    item = empty_corpus.item(key)
    noted = make_citation(empty_corpus, item, item.claims[0], "chicago")
    add_formatting(noted, cache_folder=empty_corpus.root)
    # NOTE: Chicago title-cases English titles ("<Script>"): the letters are text, cased as text.
    lowered = noted.note.lower()
    assert "<script>alert(1)</script>" in lowered and "<script>alert(2)</script>" in lowered
    assert "<i>now</i>" in lowered and "x<sup>2</sup>" in lowered and "~ ^ --" in noted.note and "[@other]" in lowered
    assert "<i>No.</i> 12" in noted.note and "para. 1" in noted.note  # the locator and the provenance survive
    assert "https://example.org/a~b^c--d" in noted.note
    out = format_citations(noted.records, [noted.pandoc], resolve_style("apa"))[0]
    assert "para. 1" in out.citation


def _seed_notes(corpus: Corpus, style: str) -> str:
    lines = []
    digests: dict[str, str] = {}
    for (key,) in corpus.store.db.execute("SELECT key FROM items ORDER BY key").fetchall():
        item = corpus.item(key)
        citation = make_citation(corpus, item, item.claims[0] if item.claims else None, style)
        add_formatting(citation, cache_folder=corpus.root)
        lines += [key, f"  pandoc:    {citation.pandoc}", f"  note:      {citation.note}",
                  f"  reference: {citation.reference}"]
        if citation.digest is not None:
            digests[citation.digest["id"]] = citation.digest_reference
    lines += [f"{key}\n  reference: {reference}" for key, reference in sorted(digests.items())]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("style", ["chicago", "chicago-author-date", "apa", "mla"])
def test_golden_notes_of_the_seeds(seed_corpus: Corpus, style: str) -> None:
    """Checked by hand once against CMOS 18 14.89/14.260 (news; a source known through another),
    APA 7 §9.16 and §8.6 (newspaper article; secondary source), MLA 9 §5.x (news article; indirect source)."""
    from tests.bib.test_exports import golden

    golden(f"seeds-notes-{style}.txt", _seed_notes(seed_corpus, style))


def test_pandoc_decodes_our_latex_escapes() -> None:
    import pypandoc

    from digestcite.bib.bibtex import to_bibtex

    title = "Rates {of} 100% R&D_x ~ ^ \\ $5 #1"
    record = {"id": "k", "type": "article-newspaper", "title": title, "container-title": "O & Co",
              "issued": {"date-parts": [[2020, 10, 22]]}, "language": "en"}
    for biblatex in (True, False):
        read = json.loads(pypandoc.convert_text(to_bibtex([record], biblatex=biblatex), "csljson",
                                                format="biblatex" if biblatex else "bibtex"))[0]
        assert read["title"] == title and read["container-title"] == "O & Co"
        assert read["issued"] == {"date-parts": [[2020, 10, 22]]}
        assert read["type"] == ("article-newspaper" if biblatex else "article-journal")


def test_check_accepts_the_digest_keys_cite_writes(cases: Corpus, tmp_path: Path) -> None:
    from digestcite.bib.check import check_draft

    port = _citation(cases, KEYS["dated, through a digest"], "chicago")
    draft = tmp_path / "brief.md"
    draft.write_text(f"Fees fell by a fifth {port.pandoc}.\n", "utf-8")
    assert [p for p in check_draft(cases, draft) if p.kind == "unknown-key"] == []


def test_known_keys_include_the_digests(cases: Corpus) -> None:
    from digestcite.bib.export import known_keys

    port = _citation(cases, KEYS["dated, through a digest"], "chicago")
    assert port.digest is not None and {port.digest["id"], *KEYS.values()} <= known_keys(cases)


def test_every_case_record_holds_only_csl_variables(cases: Corpus) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[1] / "data" / "csl-records.schema.json").read_text("utf-8"))
    every = [r[0] for r in cases.store.db.execute("SELECT key FROM items")]
    for accessed in (None, "2026-02-03"):
        jsonschema.validate(json.loads(export_text(records(cases, every, accessed=accessed), "csljson")), schema)


def test_a_title_in_another_language_is_not_title_cased(runner: CliRunner, tmp_path: Path) -> None:
    # "A citation must be true": a Swedish headline printed as "Kinesiska Elbilsmärken Tar
    # Marknadsandelar i Sverige" is no longer the paper's headline
    from digestcite.bib.csl import language

    assert language("Kinesiska elbilsmärken tar marknadsandelar i Sverige") == "und"
    assert language("Peking lockert Exportkontrollen für Seltene Erden") != "en"
    assert language("China Exporting Excess Capacity Through ‘One Belt One Road’") == "en"
    page = tmp_path / "pressoversikt.html"
    page.write_text("<html lang='sv'><body><main><h1>Pressöversikt vecka 10</h1>"
                    "<h3>Kinesiska elbilsmärken tar marknadsandelar i Sverige</h3>"
                    "<p>Svenska Dagbladet, 3 mars 2026</p>"
                    "<p>Märken som BYD och MG stod för nästan vart tionde nyregistrerad elbil i februari, skriver tidningen.</p>"
                    "<h3>Hamnen i Göteborg tecknar avtal med kinesisk operatör</h3>"
                    "<p>Dagens Nyheter, 2 mars 2026</p>"
                    "<p>Hamnbolaget säger att operatören ska driva en ny kaj för biltransporter från nästa år.</p>"
                    "</main></body></html>", encoding="utf-8")
    corpus = tmp_path / "corpus"
    assert runner.invoke(cli, ["--corpus", str(corpus), "ingest", str(page)]).exit_code == 0
    result = runner.invoke(cli, ["--corpus", str(corpus), "cite", "BYD MG nyregistrerad elbil", "--style", "chicago"])
    assert result.exit_code == 0, result.output
    assert "Kinesiska elbilsmärken tar marknadsandelar i Sverige" in result.output
