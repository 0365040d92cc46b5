"""`render -o x.pdf` through a real TeX (xelatex with xeCJK), read back with pypdf; and the
one-line error when no engine can typeset the draft's Chinese text (issue 13.7)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from digestcite.bib.export import records
from digestcite.bib.render import cjk_font, pdf_options
from digestcite.cli import cli
from digestcite.corpus.folder import Corpus
from digestcite.errors import RenderError


def _kpsewhich(*files: str) -> bool:
    if shutil.which("kpsewhich") is None:
        return False
    found = subprocess.run(["kpsewhich", *files], capture_output=True, text=True, timeout=30, check=False)
    return len(found.stdout.split()) == len(files)


def _fonts_with(*characters: str) -> list[str]:
    if shutil.which("fc-list") is None:
        return []
    query = ":charset=" + " ".join(f"{ord(c):x}" for c in characters)
    out = subprocess.run(["fc-list", "--format", "%{family[0]}\n", query], capture_output=True, text=True, timeout=60)
    return sorted(set(out.stdout.split("\n")) - {""})


XECJK_READY = shutil.which("xelatex") is not None and _kpsewhich("xeCJK.sty", "ctexhook.sty") and bool(_fonts_with("抗"))
needs_xecjk = pytest.mark.skipif(not XECJK_READY, reason="xelatex with xeCJK and a Chinese font are not installed "
                                                        "(.ci/run installs texlive-xetex and texlive-lang-chinese)")
CHINESE = "这份简报引用的说法来自一份摘要。"


def pdf_text(path: Path) -> str:
    """The PDF's text as one line: words joined across line ends, hyphenation left as printed."""
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def _digest(corpus: Corpus, key: str) -> str:
    return str(records(corpus, [key])[0]["custom"]["summarized_in"])


@needs_xecjk
def test_a_draft_with_chinese_renders_to_pdf_with_the_digest_chain(seed_corpus: Corpus, tmp_path: Path,
                                                                   runner: CliRunner) -> None:
    digest = _digest(seed_corpus, "rfa2020jinping")
    draft = tmp_path / "brief.md"
    draft.write_text(f"---\ntitle: 抗美援朝 in the Chinese Press\n---\n\n"
                     f"Xi used the slogan 抗美援朝 as a warning to the West [@rfa2020jinping; summarized in @{digest}, para. 1]. "
                     f"{CHINESE}\n\nZhanjiang's logs counted 293 incidents [@epochtimes2020internal; summarized in @{digest}, "
                     "para. 1].\n\nSee also @peoplenewsndbeijing [para. 2].\n", "utf-8")
    out = tmp_path / "brief.pdf"
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "render", str(draft), "-o", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    text = pdf_text(out)
    # The Chinese text is typeset (xelatex without a CJK font drops every character silently).
    assert "抗美援朝 in the Chinese Press" in text and "slogan 抗美援朝 as a warning" in text
    assert CHINESE.replace("。", "") in text.replace(" ", "")
    # The note: the outlet's item summarized in the digest, the locator on the digest.
    assert ("Radio Free Asia, October 23, 2020; summarized in “Seed Digest: The Chinese Press in October 2020,” "
            "Seed digest publisher, para. 1, https://example.org/digest/2020-10.") in text
    # English punctuation keeps its spaces beside xeCJK (it once printed "Each Year],”The Epoch Times").
    assert "Each Year],” The Epoch Times, October 22, 2020; summarized in" in text
    assert "People News, n.d., para. 2" in text and "2026" not in text  # undated: n.d., never the ingest year
    assert "Seed digest publisher. “Seed Digest: The Chinese Press in October 2020.”" in text  # the digest is listed


@needs_xecjk
def test_the_font_is_one_that_has_every_character(tmp_path: Path) -> None:
    options = pdf_options(f"Text {CHINESE} [@k]", [], tmp_path / "x.pdf")
    assert options[0] == "--pdf-engine=xelatex"
    font = options[1].removeprefix("--variable=CJKmainfont:")
    assert font in _fonts_with(*sorted(set(CHINESE)))
    # A draft that names its own font keeps it.
    assert pdf_options(f"---\nCJKmainfont: Mine\n---\n\n{CHINESE}", [], tmp_path / "x.pdf") == ["--pdf-engine=xelatex"]
    korean = "한국어"
    if _fonts_with("抗", *korean):
        assert cjk_font(["抗", *korean], tmp_path / "x.pdf") in _fonts_with("抗", *korean)
    else:
        with pytest.raises(RenderError, match=r"no installed font has every Chinese, Japanese or Korean character of "
                                              r"the draft: the fullest, .+, lacks (한|국|어)+"):
            cjk_font(["抗", *korean], tmp_path / "x.pdf")


def _render_chinese_with_only(corpus: Corpus, tmp_path: Path, tools: list[str]) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Render a Chinese draft to PDF in a real process whose PATH holds only ``tools``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in tools:
        (bin_dir / tool).symlink_to(shutil.which(tool))  # type: ignore[arg-type]
    draft = tmp_path / "brief.md"
    draft.write_text(f"{CHINESE} [@rfa2020jinping].\n", "utf-8")
    out = tmp_path / "brief.pdf"
    done = subprocess.run([sys.executable, "-m", "digestcite", "--corpus", str(corpus.root), "render", str(draft),
                           "-o", str(out)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PATH": str(bin_dir)})
    return done, out


def test_without_xelatex_or_lualatex_a_chinese_draft_is_refused_in_one_line(seed_corpus: Corpus, tmp_path: Path) -> None:
    """A real process whose PATH has no TeX but pdflatex (when installed): one line, exit 1, no PDF."""
    done, out = _render_chinese_with_only(seed_corpus, tmp_path, [t for t in ("pdflatex",) if shutil.which(t)])
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == (f"Error: {out}: the draft or its references have Chinese, Japanese or Korean text, which "
                           "pdflatex cannot typeset: install xelatex or lualatex with CJK support (Debian and Ubuntu: "
                           "apt-get install texlive-xetex texlive-lang-chinese), or render to .docx or .html\n")
    assert not out.exists()


@pytest.mark.skipif(shutil.which("lualatex") is None or shutil.which("kpsewhich") is None
                    or _kpsewhich("luatexja-fontspec.sty"), reason="needs lualatex without luatexja, as .ci/run installs it")
def test_lualatex_without_luatexja_is_named_with_what_to_install(seed_corpus: Corpus, tmp_path: Path) -> None:
    """A real process whose PATH has only lualatex and kpsewhich: TeX is asked, and says luatexja is missing."""
    done, out = _render_chinese_with_only(seed_corpus, tmp_path, ["lualatex", "kpsewhich"])
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (f"Error: {out}: the draft or its references have Chinese, Japanese or Korean text, and "
                           "lualatex is installed without luatexja, which pandoc needs for that text: install it (Debian "
                           "and Ubuntu: apt-get install texlive-lang-japanese), or render to .docx or .html\n")
    assert not out.exists()


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed (.ci/run installs TeX)")
def test_a_draft_without_cjk_text_renders_with_pdflatex(seed_corpus: Corpus, tmp_path: Path, runner: CliRunner) -> None:
    digest = _digest(seed_corpus, "epochtimes2020internal")
    draft = tmp_path / "brief.md"
    draft.write_text(f"The logs counted 293 incidents [@epochtimes2020internal; summarized in @{digest}, para. 1].\n", "utf-8")
    out = tmp_path / "brief.pdf"
    assert pdf_options(draft.read_text("utf-8"), records(seed_corpus, ["epochtimes2020internal"]), out) == [
        "--pdf-engine=pdflatex"]
    result = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "render", str(draft), "-o", str(out),
                                 "--style", "chicago-author-date"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = pdf_text(out)
    assert re.search(r"The logs counted 293 incidents \(The Epoch Times 2020; summarized in Seed digest publisher, "
                     r"n\.d\., para\. 1\)\.", text), text
