"""Pandoc with citeproc: formatted notes and references, and drafts rendered to DOCX/HTML/PDF.

The corpus is the bibliography: the CSL-JSON records of the keys a draft cites are
written to a temporary file and handed to ``pandoc --citeproc`` with the style's CSL file.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digestcite.atomic import write_atomic_with
from digestcite.errors import InputError, RenderError

# Pandoc's citation key grammar: internal punctuation allowed, trailing punctuation not.
CITATION_KEY = re.compile(r"(?<![\w@.])-?@(?P<key>[A-Za-z0-9_](?:[\w:.#$%&\-+?<>~/]*[\w])?|\{[^{}]+\})")
PDF_ENGINES = ("pdflatex", "xelatex", "lualatex", "tectonic", "wkhtmltopdf", "weasyprint", "typst")
# pdflatex cannot typeset Chinese, Japanese or Korean text without extra packages (issue 13.7).
CJK_PDF_ENGINES = ("xelatex", "lualatex", "tectonic", "weasyprint", "wkhtmltopdf", "typst")
_CJK_TEXT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# CJK punctuation and full-width forms (、。「」，：) are set in the CJK font too, so it must have them.
_CJK_MARKS = re.compile(r"[\u3000-\u303f\uff00-\uffef]")
# "See also @key [para. 1]": a narrative citation of a work with no author prints nothing in
# the text of a note style ("See also.³"), so a signal phrase before it moves into the citation.
_SIGNAL_NARRATIVE = re.compile(
    r"(?<![\w\[])(?P<signal>(?:[Ss]ee also|[Ss]ee|[Cc]f\.|[Cc]ompare|[Aa]s summarized in))\s+"
    r"@(?P<key>[A-Za-z0-9_](?:[\w:.#$%&\-+?<>~/]*\w)?)(?:\s*\[(?P<locator>[^\[\]@;]*)\])?")


@dataclass(frozen=True, slots=True)
class FormattedCitation:
    """A citation as a style prints it: the note or in-text citation, and the references.

    ``reference`` is the first cited work's; ``references`` has every cited work's by key.
    """

    markup: str
    citation: str
    reference: str
    references: dict[str, str]


# CSL-JSON strings are rich text: citeproc reads these tags as formatting (CSL-JSON spec,
# "rich text"). A word joiner after the "<" keeps a page's literal tag text (issue 12.11).
_CSL_MARKUP = re.compile(r"<(?=/?(?:i|b|sup|sub|span)\b)", re.I)


def inert_text(value: Any) -> Any:
    """A CSL record (or any value in it) whose strings citeproc reads as text, never as markup."""
    if isinstance(value, str):
        return _CSL_MARKUP.sub("<\u2060", value)
    if isinstance(value, list):
        return [inert_text(v) for v in value]
    if isinstance(value, dict):
        return {k: inert_text(v) if k not in ("id", "citation-key") else v for k, v in value.items()}
    return value


def read_draft(path: Path) -> str:
    """A Markdown draft's text.

    :raises InputError: missing file or not UTF-8.
    """
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        raise InputError("no such draft", path=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("the draft is not UTF-8 text", path=str(path)) from None


def cited_keys(text: str) -> list[tuple[int, str]]:
    """``(line number, key)`` for every citation key a Markdown draft uses, in order."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in CITATION_KEY.finditer(line):
            found.append((number, match.group("key").strip("{}")))
    return found


def _pandoc(args: list[str], source: str, *, fmt: str = "markdown", to: str = "html") -> str:
    from digestcite.pandoc import PandocError, run_pandoc

    try:
        return run_pandoc([f"--from={fmt}", f"--to={to}", *args], source.encode("utf-8"))
    except PandocError as exc:
        raise RenderError(f"pandoc failed: {exc}") from exc


def format_citations(records: list[dict[str, Any]], citations: list[str], style: Path) -> list[FormattedCitation]:
    """Format each pandoc citation (``[@a; summarized in @b, para. 2]``, built by digestcite
    from keys and locators, never from page text) and the references in a style."""
    with tempfile.TemporaryDirectory(prefix="digestcite-") as folder:
        bibliography = Path(folder) / "refs.json"
        bibliography.write_text(json.dumps(inert_text(records), ensure_ascii=False), "utf-8")
        source = "\n\n".join(citations) + "\n\n::: {#refs}\n:::\n"
        out = _pandoc(["--citeproc", f"--bibliography={bibliography}", f"--csl={style}", "--wrap=none"], source)
    notes = {m.group(1): _plain(m.group(2)) for m in re.finditer(r'<li id="fn(\d+)"[^>]*>(.*?)</li>', out, re.S)}
    body, _, refs = out.partition('<div id="refs"')
    body = re.sub(r'<section id="footnotes".*', "", body, flags=re.S)
    refs = re.sub(r'<section id="footnotes".*', "", refs, flags=re.S)
    in_text = [_plain(p) for p in re.findall(r"<p>(.*?)</p>", body, re.S)]
    # NOTE: numeric styles (ieee, nature) nest a label div and a text div in each entry,
    # so an entry runs to the next entry, not to the first closing tag (issue 13.7).
    references = {m.group(1): _plain(m.group(2))
                  for m in re.finditer(r'<div id="ref-([^"]+)"[^>]*>(.*?)(?=<div id="ref-|\Z)', refs, re.S)}
    formatted = []
    for n, markup in enumerate(citations, start=1):
        citation = notes.get(str(n)) or (in_text[n - 1] if n - 1 < len(in_text) else "")
        first = CITATION_KEY.search(markup)
        key = first.group("key") if first else ""
        formatted.append(FormattedCitation(markup, citation, references.get(key, ""), references))
    return formatted


def _plain(fragment: str) -> str:
    text = re.sub(r'<a href="#fnref\d+"[^>]*>.*?</a>', "", fragment, flags=re.S)
    text = re.sub(r"</div>\s*<div", "</div> <div", text)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).replace("\u2060", "").split())


def signal_phrases_into_citations(text: str) -> str:
    """``See also @key [para. 1]`` → ``[See also @key, para. 1]``, which every style prints whole."""
    def bracket(match: re.Match[str]) -> str:
        start = match.start()
        if text.rfind("[", 0, start) > text.rfind("]", 0, start):  # already inside a citation
            return match.group(0)
        locator = (match.group("locator") or "").strip()
        return f"[{match.group('signal')} @{match.group('key')}{', ' + locator if locator else ''}]"

    return _SIGNAL_NARRATIVE.sub(bracket, text)


def pdf_engine(text: str, records: list[dict[str, Any]], output: Path) -> str:
    """The PDF engine to use: one that can typeset CJK text when the draft or its references have any.

    :raises RenderError: no engine installed, or none that can typeset the draft's CJK text.
    """
    return pdf_options(text, records, output)[0].removeprefix("--pdf-engine=")


def pdf_options(text: str, records: list[dict[str, Any]], output: Path, folder: Path | None = None) -> list[str]:
    """pandoc's options for a PDF: the engine and, for CJK text through LaTeX, the font (``CJKmainfont``).

    pandoc's LaTeX template typesets CJK text only when ``CJKmainfont`` names a font: with
    xelatex it then loads xeCJK, with lualatex luatexja-fontspec. Without it the engine drops
    every CJK character with a "Missing character" warning and the PDF lacks them. A draft
    that sets ``CJKmainfont`` in its metadata keeps its own font. With xeCJK, a header written
    into ``folder`` keeps English punctuation English (:data:`_WESTERN_PUNCTUATION`).

    :raises RenderError: no engine; no engine, TeX package or installed font for the CJK text.
    """
    everything = text + json.dumps(records, ensure_ascii=False)
    cjk = sorted(set(_CJK_TEXT.findall(everything)))
    if not cjk:
        engine = next((e for e in PDF_ENGINES if shutil.which(e)), None)
        if engine is None:
            raise RenderError(
                "no PDF engine found (pdflatex, xelatex, lualatex, tectonic, wkhtmltopdf, weasyprint or typst): "
                "install one, or render to .docx or .html",
                path=str(output),
            )
        return [f"--pdf-engine={engine}"]
    installed = [e for e in CJK_PDF_ENGINES if shutil.which(e)]
    # NOTE: xeCJK (2022) needs ctex's ctexhook.sty: Debian's texlive-lang-cjk alone has xeCJK.sty and fails.
    usable = [e for e in installed if _has_tex_files(e, _CJK_TEX_FILES.get(e, ()))]
    if not usable:
        if installed:
            engine = installed[0]
            raise RenderError(
                f"the draft or its references have Chinese, Japanese or Korean text, and {engine} is installed without "
                f"{_CJK_TEX_PACKAGES[engine]}, which pandoc needs for that text: install it (Debian and Ubuntu: "
                f"apt-get install {_CJK_DEBIAN[engine]}), or render to .docx or .html",
                path=str(output))
        raise RenderError(
            "the draft or its references have Chinese, Japanese or Korean text, which pdflatex cannot typeset: "
            "install xelatex or lualatex with CJK support (Debian and Ubuntu: apt-get install texlive-xetex "
            "texlive-lang-chinese), or render to .docx or .html",
            path=str(output))
    engine = usable[0]
    options = [f"--pdf-engine={engine}"]
    if engine in _CJK_TEX_FILES and not re.search(r"^CJKmainfont\s*:", text, re.M):
        options.append(f"--variable=CJKmainfont:{cjk_font(cjk + sorted(set(_CJK_MARKS.findall(everything))), output)}")
    if engine in ("xelatex", "tectonic") and folder is not None:
        header = folder / "western-punctuation.tex"
        header.write_text(_WESTERN_PUNCTUATION, "utf-8")
        options.append(f"--include-in-header={header}")
    return options


# NOTE: xeCJK sets curly quotes, dashes and the ellipsis as CJK punctuation, in the CJK font and
# with no space beside them: every English note of a draft with Chinese text came out as
# "…Each Year],”The Epoch Times" and "quote —and" (found by compiling, issue 13.7). The notes and
# most of the prose are English, so these marks stay Western; Chinese quotes then take the
# Western glyphs, with xeCJK's usual space between CJK and Western text.
_WESTERN_PUNCTUATION = ('\\makeatletter\\@ifpackageloaded{xeCJK}'
                        '{\\xeCJKDeclareCharClass{Default}{"2014, "2018 -> "201D, "2026}}{}\\makeatother\n')


# What pandoc's LaTeX template loads for CJKmainfont, per engine (tectonic fetches its own).
_CJK_TEX_FILES = {"xelatex": ("xeCJK.sty", "ctexhook.sty"), "lualatex": ("luatexja-fontspec.sty",),
                  "tectonic": ()}
_CJK_TEX_PACKAGES = {"xelatex": "xeCJK", "lualatex": "luatexja", "tectonic": ""}
_CJK_DEBIAN = {"xelatex": "texlive-lang-chinese", "lualatex": "texlive-lang-japanese", "tectonic": ""}


def _has_tex_files(engine: str, files: tuple[str, ...]) -> bool:
    """Whether TeX finds every file (``kpsewhich``); true when nothing is needed or TeX cannot be asked."""
    if not files or engine == "tectonic" or shutil.which("kpsewhich") is None:
        return True
    import subprocess

    found = subprocess.run(["kpsewhich", *files], capture_output=True, text=True, timeout=30, check=False)
    return len(found.stdout.split()) == len(files)


def cjk_font(characters: list[str], output: Path) -> str:
    """The installed font (by family name, as fontconfig knows it) that has the most of ``characters``.

    Of the fonts that have all of them, a serif face (Song, Ming, Serif) before a sans, and
    a proportional face before a monospaced one.

    :raises RenderError: fontconfig's ``fc-list`` is missing, or no font has every character.
    """
    import subprocess

    if shutil.which("fc-list") is None:
        raise RenderError("cannot look for a font with the draft's Chinese, Japanese or Korean characters: fc-list "
                          "(fontconfig) is not installed; install it, or name a font as CJKmainfont in the draft's "
                          "metadata", path=str(output))
    wanted = {ord(c) for c in characters}
    listed = subprocess.run(["fc-list", "--format", "%{family[0]}\t%{charset}\n", f":charset={ord(characters[0]):x}"],
                            capture_output=True, text=True, timeout=60, check=False).stdout
    coverage: dict[str, set[int]] = {}
    for line in listed.splitlines():
        family, _, charset = line.partition("\t")
        if family:
            coverage[family] = coverage.get(family, set()) | (wanted & _code_points(charset))
    if not coverage:
        raise RenderError(f"no installed font has the draft's Chinese, Japanese or Korean characters (fc-list found "
                          f"none with {characters[0]}): install one (Debian and Ubuntu: apt-get install fonts-noto-cjk), "
                          "or name one as CJKmainfont in the draft's metadata", path=str(output))

    def rank(family: str) -> tuple[int, bool, bool, str]:
        serif = bool(re.search(r"Serif|Song|Sung|Ming|Mincho|Myeongjo|Batang", family))
        return -len(coverage[family]), "Mono" in family, not serif, family

    best = min(coverage, key=rank)
    lacking = [c for c in characters if ord(c) not in coverage[best]]
    if lacking:
        missing = "".join(lacking[:10]) + ("…" if len(lacking) > 10 else "")
        raise RenderError(f"no installed font has every Chinese, Japanese or Korean character of the draft: the "
                          f"fullest, {best}, lacks {missing}; install a fuller one (Debian and Ubuntu: apt-get install "
                          "fonts-noto-cjk), or name one as CJKmainfont in the draft's metadata", path=str(output))
    return best


def _code_points(charset: str) -> set[int]:
    """fontconfig's charset (``20-7e a0 4e00-9fa5``) as a set of code points."""
    points: set[int] = set()
    for part in charset.split():
        low, _, high = part.partition("-")
        try:
            points.update(range(int(low, 16), int(high or low, 16) + 1))
        except ValueError:
            continue
    return points


def render_draft(
    draft: Path, output: Path, records: list[dict[str, Any]], style: Path, *, protected: list[Path] | None = None,
) -> None:
    """Render a Markdown draft to DOCX, HTML or PDF with notes and a bibliography.

    :raises RenderError: unknown output format, no PDF engine, or a pandoc failure.
    """
    suffix = output.suffix.lower()
    if suffix not in (".docx", ".html", ".htm", ".pdf", ".odt"):
        raise RenderError("the output must end in .docx, .html, .odt or .pdf", path=str(output))
    text = signal_phrases_into_citations(read_draft(draft))
    from digestcite.pandoc import PandocError, run_pandoc

    with tempfile.TemporaryDirectory(prefix="digestcite-") as folder:
        engine_args = pdf_options(text, records, output, Path(folder)) if suffix == ".pdf" else []
        bibliography = Path(folder) / "refs.json"
        bibliography.write_text(json.dumps(inert_text(records), ensure_ascii=False), "utf-8")
        args = ["--citeproc", f"--bibliography={bibliography}", f"--csl={style}", "--standalone",
                f"--resource-path={draft.parent}", *engine_args]
        if suffix in (".html", ".htm") and not re.search(r"^title:", text, re.M):
            args.append(f"--metadata=title:{draft.stem}")

        def produce(temporary: Path) -> None:
            to = {".docx": "docx", ".odt": "odt", ".pdf": "pdf"}.get(suffix, "html")
            try:
                run_pandoc(["--from=markdown", f"--to={to}", f"--output={temporary}", *args], text.encode("utf-8"))
            except PandocError as exc:
                raise RenderError(f"pandoc could not render the draft: {exc}", path=str(draft)) from exc

        write_atomic_with(output, produce, protected=protected)
