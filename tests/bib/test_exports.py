"""Exports checked against golden files and against real third-party readers."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from digestcite.bib.bibtex import escape_latex, to_bibtex
from digestcite.bib.export import export_text, records
from digestcite.bib.ris import to_ris
from digestcite.cli import cli
from digestcite.corpus.folder import Corpus

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
HOSTILE = r"{\input{/etc/passwd}} 100% of R&D costs $5 #1 my_file ~home ^caret \write18{rm -rf /} }{ 抗美援朝"


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DIGESTCITE_UPDATE_GOLDEN") == "1":
        path.write_text(text, "utf-8")
    if not path.exists():
        pytest.fail(f"golden file {path} is missing: run DIGESTCITE_UPDATE_GOLDEN=1 make test and review it")
    assert text == path.read_text("utf-8")


def seed_records(corpus: Corpus) -> list[dict]:
    keys = [r[0] for r in corpus.store.db.execute("SELECT key FROM items ORDER BY key")]
    return records(corpus, keys)


@pytest.mark.parametrize(("fmt", "name"), [("bibtex", "seeds.bib"), ("biblatex", "seeds-biblatex.bib"),
                                           ("csljson", "seeds.json"), ("ris", "seeds.ris")])
def test_golden_exports_of_the_seeds(seed_corpus: Corpus, fmt: str, name: str) -> None:
    golden(name, export_text(seed_records(seed_corpus), fmt))


def test_csl_record_shape(seed_corpus: Corpus) -> None:
    by_id = {r["id"]: r for r in seed_records(seed_corpus)}
    record = by_id["rfa2020jinping"]
    assert record["type"] == "article-newspaper" and record["container-title"] == "Radio Free Asia"
    assert record["issued"] == {"date-parts": [[2020, 10, 23]]}
    # Issue 13.3/13.5: the digest's address is not the item's, and nothing was fetched: no URL, no accessed.
    assert "URL" not in record and "accessed" not in record and "author" not in record
    assert record["title"].startswith("[Xi Jinping") and record["custom"]["title_by"] == "digest"
    digest = by_id[record["custom"]["summarized_in"]]
    assert digest == {"id": digest["id"], "citation-key": digest["id"], "type": "webpage",
                      "title": "Seed Digest: The Chinese Press in October 2020", "publisher": "Seed digest publisher",
                      "URL": "https://example.org/digest/2020-10", "language": "en"}
    assert record["note"].endswith("Summarized in Seed digest publisher, Seed Digest: The Chinese Press in October 2020, "
                                   "https://example.org/digest/2020-10")
    tagged = by_id["peoplenewsndbeijing"]
    assert "issued" not in tagged and "summarized_in" not in tagged.get("custom", {})
    assert not tagged["title"].startswith("[")


def test_credited_outlets_are_kept(empty_corpus: Corpus, tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Lecturer Criticises Speech\n\nA former lecturer told Radio Free Asia that the speech was harsh. "
                    "Others disagreed.\n\nSource: Epoch Times, October 24, 2020\n", "utf-8")
    key = empty_corpus.ingest([str(page)], publisher="China Brief").pages[0].items_added[0]
    record = records(empty_corpus, [key])[0]
    assert record["container-title"] == "The Epoch Times"
    assert record["custom"]["credited"] == ["Radio Free Asia"]
    # Issue 13.5: a page of one item is the article itself; its file name never appears.
    assert record["note"] == "As reported by Radio Free Asia"
    assert "p.txt" not in json.dumps(record)


def test_pandoc_reads_and_formats_every_entry(seed_corpus: Corpus, tmp_path: Path) -> None:
    import pypandoc

    for fmt, suffix in (("csljson", ".json"), ("bibtex", ".bib"), ("biblatex", ".bib")):
        path = tmp_path / f"refs-{fmt}{suffix}"
        path.write_text(export_text(seed_records(seed_corpus), fmt), "utf-8")
        out = pypandoc.convert_text("---\nnocite: '@*'\n---\n", "plain", format="markdown",
                                    extra_args=["--citeproc", f"--bibliography={path}", "--wrap=none"])
        entries = [e for e in out.strip().split("\n\n") if e.strip()]
        assert len(entries) == 11, (fmt, out)  # ten items and the digest
        assert any("Radio Free Asia" in e for e in entries)


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_pandoc_decodes_every_escape(tmp_path: Path, fmt: str) -> None:
    """Issue 13.6: what pandoc reads back from the .bib is the title as written, specials and lone braces included."""
    import pypandoc

    path = tmp_path / "h.bib"
    path.write_text(to_bibtex([{"id": "k", "type": "article-newspaper", "title": HOSTILE, "container-title": "O",
                                "issued": {"date-parts": [[2020, 1, 2]]}}], biblatex=fmt == "biblatex"), "utf-8")
    read = json.loads(pypandoc.convert_file(str(path), "csljson", format=fmt))
    assert read[0]["title"] == HOSTILE


def test_pybtex_round_trips_the_bibtex(seed_corpus: Corpus) -> None:
    from pybtex.database import parse_string

    data = parse_string(export_text(seed_records(seed_corpus), "bibtex"), "bibtex")
    entry = data.entries["epochtimes2020internal"]
    assert entry.fields["journal"] == "The Epoch Times" and entry.fields["year"] == "2020" and entry.fields["month"] == "October"
    assert entry.fields["title"].startswith("{[Internal Log Shows How Authorities")
    assert "author" not in entry.persons and entry.fields["day"] == "22" and entry.fields["date"] == "2020-10-22"


def test_bibtexparser_reads_its_own_output(seed_corpus: Corpus) -> None:
    import bibtexparser

    library = bibtexparser.parse_string(export_text(seed_records(seed_corpus), "biblatex"))
    assert not library.failed_blocks and len(library.entries) == 11


def _biber(path: Path, *extra: str) -> tuple[int, list[str]]:
    out = subprocess.run(["biber", "--tool", "--validate-datamodel", *extra, "--nolog", "-O", str(path.with_suffix(".out.bib")),
                          str(path)], capture_output=True, text=True)
    return out.returncode, [line for line in (out.stdout + out.stderr).splitlines() if re.match(r"^(WARN|ERROR)", line)]


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed (CI installs it with apt-get)")
def test_biber_validates_the_biblatex_without_warnings(seed_corpus: Corpus, tmp_path: Path) -> None:
    records_ = seed_records(seed_corpus) + [{"id": "hostile", "type": "article-newspaper", "title": HOSTILE,
                                             "container-title": "Nobody & Co.", "issued": {"date-parts": [[2020, 2]]}}]
    signed = tmp_path / "signed.bib"
    records_[-1]["author"] = [{"literal": "Wu Jiao"}]
    signed.write_text(export_text([r for r in records_ if "issued" in r and "author" in r], "biblatex"), "utf-8")
    assert _biber(signed, "--dieondatamodel") == (0, [])
    everything = tmp_path / "all.bib"
    everything.write_text(export_text(records_, "biblatex"), "utf-8")
    # An unsigned news item has no author (an outlet is not one, issue 13.4), the undated seed
    # item and the digest no date, and digestcite never invents either: biber says so, nothing else.
    code, lines = _biber(everything)
    assert code == 0
    expected = {f"WARN - Datamodel: Entry '{r['id']}' ({everything}): Missing mandatory field 'author'"
                for r in records_ if r["type"] == "article-newspaper" and "author" not in r}
    expected |= {f"WARN - Datamodel: Entry '{r['id']}' ({everything}): Missing mandatory field - one of 'date, year'"
                 " must be defined" for r in records_ if "issued" not in r}
    assert set(lines) == expected and len(lines) == len(expected)


# NOTE: entrysubtype = {newspaper} is what pandoc (article-newspaper), citation-js (genre) and
# Zotero's own BibLaTeX export use; biblatex-chicago files newspapers under {magazine}. README
# gives biblatex-chicago users the \DeclareSourcemap step; this is biber applying that step.
_NEWSPAPER_TO_MAGAZINE = """<?xml version="1.0" encoding="UTF-8"?>
<config><sourcemap><maps datatype="bibtex"><map>
<map_step map_field_source="entrysubtype" map_match="\\Anewspaper\\Z" map_replace="magazine"/>
</map></maps></sourcemap></config>
"""


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed (CI installs it with apt-get)")
def test_biber_sourcemap_files_our_newspapers_as_biblatex_chicago_magazines(seed_corpus: Corpus, tmp_path: Path) -> None:
    source, config, out = tmp_path / "refs.bib", tmp_path / "map.conf", tmp_path / "out.bib"
    source.write_text(export_text(seed_records(seed_corpus), "biblatex"), "utf-8")
    config.write_text(_NEWSPAPER_TO_MAGAZINE, "utf-8")
    done = subprocess.run(["biber", "--tool", f"--configfile={config}", "--nolog", "-O", str(out), str(source)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    written = out.read_text("utf-8")
    assert written.count("ENTRYSUBTYPE = {magazine}") == 10 and "ENTRYSUBTYPE = {newspaper}" not in written


def test_hostile_title_comes_out_inert() -> None:
    record = {"id": "k", "type": "article-newspaper", "title": HOSTILE, "container-title": "A_B & C", "note": "100% sure"}
    text = to_bibtex([record], biblatex=True)
    title_line = next(line for line in text.splitlines() if line.strip().startswith("title"))
    assert "\\input" not in title_line.replace("\\textbackslash{}input", "")
    assert "\\write18" not in title_line.replace("\\textbackslash{}write18", "")
    assert re.search(r"(?<!\\)[%&$#_]", title_line.split("=", 1)[1]) is None
    import bibtexparser

    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks and library.entries[0]["title"].count("{") == library.entries[0]["title"].count("}")


_UNESCAPE = {r"\textbackslash{}": "\\", r"\{\vphantom{\}}": "{", r"\vphantom{\{}\}": "}", r"\{": "{", r"\}": "}",
             r"\~{}": "~", r"\^{}": "^", r"\%": "%", r"\&": "&", r"\$": "$", r"\#": "#", r"\_": "_"}


def latex_decode(text: str) -> str:
    return re.sub("|".join(re.escape(k) for k in _UNESCAPE), lambda m: _UNESCAPE[m.group(0)], text)


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1, max_size=80))
@example("\\input{/etc/passwd}")
@example("}{")
@example("%\n@article{x,")
def test_any_title_survives_bibtex_round_trip(title: str) -> None:
    import bibtexparser
    from pybtex.database import parse_string

    text = to_bibtex([{"id": "k", "type": "article-newspaper", "title": title, "container-title": "Outlet"}])
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    raw = library.entries[0]["title"]
    assert raw.startswith("{") and raw.endswith("}")
    assert not re.search(r"\\(?!textbackslash\{\}|vphantom\{\\[{}]\}|[~^]\{\}|[%&$#_{}])", raw)
    expected = " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f\r\n]", " ", title).split())
    assert " ".join(latex_decode(raw[1:-1]).split()) == expected
    assert " ".join(parse_string(text, "bibtex").entries["k"].fields["title"].split()) == " ".join(raw.split())


def test_ris_line_injection_is_folded() -> None:
    text = to_ris([{"id": "k", "type": "article-newspaper", "title": "Line one\nER  - \nTY  - JOUR\r\nTI  - forged"}])
    lines = text.splitlines()
    assert lines.count("ER  - ") == 1 and sum(1 for line in lines if line.startswith("TY  -")) == 1
    assert any(line.startswith("TI  - Line one ER - TY - JOUR TI - forged") for line in lines)


def test_escape_latex_table() -> None:
    assert escape_latex("\\ { } % & $ # _ ~ ^") == r"\textbackslash{} \{ \} \% \& \$ \# \_ \~{} \^{}"
    # A brace without its partner cannot be a bare \{ (BibTeX would count it): a \vphantom
    # holds its partner, as Zotero's own exporter writes it (pandoc reads \textbraceleft{} as nothing).
    assert escape_latex("} {") == r"\vphantom{\{}\} \{\vphantom{\}}"


def test_export_command_selections_and_atomic_output(runner: CliRunner, seed_corpus: Corpus, tmp_path: Path) -> None:
    root = str(seed_corpus.root)
    out = tmp_path / "refs.bib"
    result = runner.invoke(cli, ["--corpus", root, "export", "--keys", "rfa2020jinping,sina2020chinese", "--format",
                                 "biblatex", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout == "" and "wrote 2 entries" in result.stderr
    assert out.read_text("utf-8").count("@article{") == 2
    query = runner.invoke(cli, ["--corpus", root, "export", "--query", "Huawei", "--format", "csljson"])
    assert {r["id"] for r in json.loads(query.stdout)} >= {"sohu2020huawei"}
    draft = tmp_path / "d.md"
    draft.write_text("Logs counted 293 incidents [@epochtimes2020internal, para. 1].\n", "utf-8")
    by_draft = runner.invoke(cli, ["--corpus", root, "export", "--draft", str(draft), "--format", "ris"])
    assert by_draft.stdout.count("ER  - ") == 2  # the item and the digest it was read in
    assert "TY  - ELEC\nID  - digest-" in by_draft.stdout


def test_export_refuses_to_overwrite_the_store(runner: CliRunner, seed_corpus: Corpus) -> None:
    store = seed_corpus.root / "store.sqlite"
    before = store.read_bytes()
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "export", "--all", "--format", "bibtex", "-o", str(store)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {store}: refusing to write inside the corpus folder (store or index)\n"
    assert store.read_bytes() == before


def test_export_unknown_key(runner: CliRunner, seed_corpus: Corpus) -> None:
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "export", "--keys", "rfa2020jinpin", "--format", "ris"])
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown citation key(s): @rfa2020jinpin (did you mean @rfa2020jinping?)\n"


def test_export_needs_one_selection(runner: CliRunner, seed_corpus: Corpus) -> None:
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "export", "--format", "ris"])
    assert result.exit_code == 1 and "choose exactly one of --all, --keys, --query or --draft" in result.stderr


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)


@st.composite
def csl_records(draw: st.DrawFn) -> dict:
    record = {"id": "k" + draw(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)), "type": "article-newspaper",
              "title": draw(_TEXT), "container-title": draw(_TEXT)}
    year = draw(st.integers(1900, 2099))
    record["issued"] = {"date-parts": [[year, draw(st.integers(1, 12)), draw(st.integers(1, 28))]]}
    record["note"] = draw(_TEXT)
    return record


def _one_line(text: str) -> str:
    return " ".join(re.sub(r"[\r\n\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+", " ", text).split())


@settings(max_examples=80, deadline=None)
@given(csl_records())
@example({"id": "k", "type": "article-newspaper", "title": "A\nER  - \nTY  - JOUR", "container-title": "X",
          "issued": {"date-parts": [[2020, 1, 2]]}, "note": "\r\nUR  - http://evil"})
def test_ris_export_reads_back_with_rispy(record: dict) -> None:
    import rispy

    entries = rispy.loads(to_ris([record]))
    assert len(entries) == 1
    entry = entries[0]
    assert entry["type_of_reference"] == "NEWS" and entry["id"] == record["id"]
    assert entry.get("title", "") == _one_line(record["title"])
    assert entry.get("secondary_title", "") == _one_line(record["container-title"])
    assert "url" not in entry


@settings(max_examples=15, deadline=None)
@given(st.lists(csl_records(), min_size=1, max_size=3, unique_by=lambda r: r["id"]))
def test_csljson_export_is_read_by_pandoc(records_: list) -> None:
    import pypandoc

    text = export_text(records_, "csljson")
    # The only addition is the key's Extra line for Zotero, last in the note.
    from digestcite.bib.render import inert_text

    assert json.loads(text) == [inert_text({**r, "note": f"{r['note']}\nCitation Key: {r['id']}"}) for r in records_]
    out = pypandoc.convert_text(text, "csljson", format="csljson")
    back = {r["id"]: r for r in json.loads(out)}
    for record in records_:
        assert back[record["id"]]["issued"] == record["issued"]


def test_a_source_line_address_becomes_the_record_url(empty_corpus: Corpus, tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Speech Read as a Domestic Message\n\nScholars said the speech was for a home audience. It was loud.\n\n"
                    "Source: https://www.rfa.org/mandarin/2020/10/23/speech.html, October 23, 2020\n", "utf-8")
    key = empty_corpus.ingest([str(page)], publisher="China Brief", url="https://example.org/brief/42").pages[0].items_added[0]
    assert key == "rfa2020speech"
    record = records(empty_corpus, [key])[0]
    assert record["URL"] == "https://www.rfa.org/mandarin/2020/10/23/speech.html"
    assert "note" not in record  # a page of one item is the article: no digest to name
    assert empty_corpus.item(key).to_json()["source_url"] == record["URL"]


# Issue 12.3: a URL in a BibTeX url field must not rebuild a TeX command however it is read.
_URL_CHARS = re.compile(r"(?:[A-Za-z0-9\-._~:/?\[\]@!$&'()*+,;=]|%[0-9A-F]{2})*")
INJECTION = "https://example.org/news/^^5cinput^^7b/etc/passwd^^7d?a=1&b=%5c#x {\\write18{id}} 抗美"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
@example(INJECTION)
@example("%%41%zz%4")
@example("^^5c^^5cimmediate^^5cwrite18{touch /tmp/x}")
def test_escaped_urls_hold_only_rfc3986_characters(url: str) -> None:
    from urllib.parse import unquote

    from digestcite.bib.bibtex import escape_url

    escaped = escape_url(url)
    assert _URL_CHARS.fullmatch(escaped)
    assert not set(escaped) & set("^\\{}#% \t") - {"%"} and "^^" not in escaped
    cleaned = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", url.replace("\r", "").replace("\n", "")).strip()
    assert unquote(escaped, errors="surrogatepass") == unquote(cleaned, errors="surrogatepass")  # the same address
    assert escape_url(escaped) == escaped


def test_injection_url_is_encoded_in_both_bib_formats() -> None:
    record = {"id": "k", "type": "article-newspaper", "title": "T", "container-title": "O", "URL": INJECTION}
    for biblatex in (False, True):
        line = next(x for x in to_bibtex([record], biblatex=biblatex).splitlines() if x.strip().startswith("url"))
        assert line.strip().rstrip(",") == ("url = {https://example.org/news/%5E%5E5cinput%5E%5E7b/etc/passwd%5E%5E7d?a=1&b=%5C%23x"
                                "%20%7B%5Cwrite18%7Bid%7D%7D%20%E6%8A%97%E7%BE%8E}")


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed (CI installs it with apt-get)")
def test_biber_reads_the_encoded_url_back(tmp_path: Path) -> None:
    from digestcite.bib.bibtex import escape_url

    source = tmp_path / "u.bib"
    source.write_text(to_bibtex([{"id": "k", "type": "webpage", "title": "T", "URL": INJECTION,
                                  "issued": {"date-parts": [[2020, 1, 2]]}}], biblatex=True), "utf-8")
    out = subprocess.run(["biber", "--tool", "--nolog", "--output-file", str(tmp_path / "o.bib"), str(source)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    written = (tmp_path / "o.bib").read_text("utf-8")
    found = re.search(r"^\s*URL\s*=\s*\{(.*)\},?$", written, re.M | re.I)
    assert found and found.group(1) == escape_url(INJECTION) and "\\" not in found.group(1)


@pytest.mark.skipif(shutil.which("pdflatex") is None or shutil.which("bibtex") is None,
                    reason="pdflatex and bibtex are not installed (no TeX on this machine); the property test covers the field")
def test_compiling_with_plainnat_without_url_sty_reads_no_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.tex"
    secret.write_text("SECRETCONTENTS\n", "utf-8")
    record = {"id": "k", "type": "article-newspaper", "title": "T", "container-title": "O",
              "issued": {"date-parts": [[2020, 1, 2]]}, "URL": f"https://example.org/^^5cinput^^7b{secret}^^7d"}
    (tmp_path / "refs.bib").write_text(to_bibtex([record]), "utf-8")
    (tmp_path / "paper.tex").write_text("\\documentclass{article}\\usepackage{natbib}\\begin{document}\\cite{k}"
                                        "\\bibliographystyle{plainnat}\\bibliography{refs}\\end{document}\n", "utf-8")
    for command in (["pdflatex", "-interaction=nonstopmode", "paper"], ["bibtex", "paper"],
                    ["pdflatex", "-interaction=nonstopmode", "paper"]):
        subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=120)
    assert "SECRETCONTENTS" not in (tmp_path / "paper.log").read_text("latin-1")
    assert str(secret) not in (tmp_path / "paper.log").read_text("latin-1")


_NODE_MODULES = Path(__file__).resolve().parents[2] / ".ci" / "npm" / "node_modules"


def _citation_js(path: Path, input_type: str) -> dict[str, dict]:
    out = subprocess.run(["node", str(Path(__file__).with_name("read_with_citation_js.js")), str(path), input_type],
                         capture_output=True, text=True, env={**os.environ, "NODE_PATH": str(_NODE_MODULES)}, timeout=60)
    assert out.returncode == 0, out.stderr
    return {r["id"]: r for r in json.loads(out.stdout)}


@pytest.mark.skipif(shutil.which("node") is None or not (_NODE_MODULES / "@citation-js" / "core").is_dir(),
                    reason="citation-js is not installed (.ci/run installs it with npm into .ci/npm)")
@pytest.mark.parametrize(("fmt", "input_type"), [("csljson", "@csl/list+object"), ("biblatex", "@biblatex/text"),
                                                 ("bibtex", "@bibtex/text"), ("ris", "@ris/file")])
def test_citation_js_reads_type_full_date_key_and_language(seed_corpus: Corpus, tmp_path: Path, fmt: str,
                                                          input_type: str) -> None:
    records_ = seed_records(seed_corpus)
    path = tmp_path / f"refs.{fmt}"
    path.write_text(export_text(records_, fmt), "utf-8")
    read = _citation_js(path, input_type)
    assert set(read) == {r["id"] for r in records_}  # every key kept
    item = read["epochtimes2020internal"]
    assert item["container-title"] == "The Epoch Times" and "author" not in item
    if fmt == "ris":
        # NOTE: citation-js keeps an RIS date as raw text (all of it, since PY is full), not date-parts.
        assert item["type"] == "article-newspaper" and item["issued"] == {"raw": "2020/10/22/"}
        assert item["language"] == "en"
    else:
        assert item["issued"] == {"date-parts": [[2020, 10, 22]]}
    if fmt == "csljson":
        assert item["type"] == "article-newspaper" and item["language"] == "en"
        assert item["citation-key"] == "epochtimes2020internal"
        assert item["note"].endswith("\nCitation Key: epochtimes2020internal")  # Zotero's Extra line
    if fmt in ("biblatex", "bibtex"):
        # NOTE: citation-js 0.8 maps every @article to article-journal; BibLaTeX's entrysubtype
        # survives as the genre. The CSL-JSON and RIS exports carry the newspaper type.
        assert item["type"] == "article-journal" and item["citation-key"] == "epochtimes2020internal"
    if fmt == "biblatex":
        assert item["genre"] == "newspaper" and item["language"] == "english"
    digest_id = next(k for k in read if k.startswith("digest-"))
    assert read[digest_id]["URL"] == "https://example.org/digest/2020-10"


@pytest.mark.skipif(shutil.which("node") is None or not (_NODE_MODULES / "@citation-js" / "core").is_dir(),
                    reason="citation-js is not installed (.ci/run installs it with npm into .ci/npm)")
@pytest.mark.parametrize(("fmt", "input_type"), [("biblatex", "@biblatex/text"), ("bibtex", "@bibtex/text")])
def test_citation_js_decodes_the_escapes_pandoc_and_zotero_share(tmp_path: Path, fmt: str, input_type: str) -> None:
    path = tmp_path / f"h.{fmt}"
    path.write_text(to_bibtex([{"id": "k", "type": "article-newspaper", "title": HOSTILE, "container-title": "O",
                                "issued": {"date-parts": [[2020, 1, 2]]}}], biblatex=fmt == "biblatex"), "utf-8")
    title = _citation_js(path, input_type)["k"]["title"]
    # NOTE: citation-js 0.8 reads \~{} and \^{} as accents over nothing and keeps \vphantom: the
    # tilde, the caret and a lone brace are the one place it and pandoc/Zotero disagree (README, export).
    for part in (r"{\input{/etc/passwd}} 100% of R&D costs $5 #1 my_file", r"\write18{rm -rf /}", "抗美援朝"):
        assert part in title


def test_csljson_records_hold_only_csl_variables(seed_corpus: Corpus) -> None:
    """Checked with jsonschema against tests/data/csl-records.schema.json: CSL variables only,
    dates as date-parts, BCP 47 languages, and no access date without a URL."""
    import jsonschema

    schema = json.loads((GOLDEN.parent / "csl-records.schema.json").read_text("utf-8"))
    jsonschema.validate(json.loads(export_text(seed_records(seed_corpus), "csljson")), schema)
    with pytest.raises(jsonschema.ValidationError):  # the schema does refuse an invented access date
        jsonschema.validate([{"id": "k", "type": "article", "accessed": {"date-parts": [[2026, 1, 15]]}}], schema)
