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

    :raises RenderError: no engine installed, or only pdflatex for a draft with CJK text.
    """
    has_cjk = bool(_CJK_TEXT.search(text) or _CJK_TEXT.search(json.dumps(records, ensure_ascii=False)))
    engines = CJK_PDF_ENGINES if has_cjk else PDF_ENGINES
    engine = next((e for e in engines if shutil.which(e)), None)
    if engine is not None:
        return engine
    if has_cjk:
        raise RenderError(
            "the draft or its references have Chinese, Japanese or Korean text, which pdflatex cannot typeset: "
            "install xelatex or lualatex (e.g. apt-get install texlive-xetex), or render to .docx or .html",
            path=str(output))
    raise RenderError(
        "no PDF engine found (pdflatex, xelatex, lualatex, tectonic, wkhtmltopdf, weasyprint or typst): "
        "install one, or render to .docx or .html",
        path=str(output),
    )


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
    engine_args: list[str] = []
    if suffix == ".pdf":
        engine_args = [f"--pdf-engine={pdf_engine(text, records, output)}"]
    from digestcite.pandoc import PandocError, run_pandoc

    with tempfile.TemporaryDirectory(prefix="digestcite-") as folder:
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
