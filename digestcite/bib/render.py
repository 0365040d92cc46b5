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


@dataclass(frozen=True, slots=True)
class FormattedCitation:
    """A citation as a style prints it: the note or in-text citation, and the reference."""

    key: str
    citation: str
    reference: str


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


def format_citations(
    records: list[dict[str, Any]], cites: list[tuple[str, str | None, str | None]], style: Path,
) -> list[FormattedCitation]:
    """Format each ``(key, locator, suffix)`` citation and its reference in a style."""
    with tempfile.TemporaryDirectory(prefix="digestcite-") as folder:
        bibliography = Path(folder) / "refs.json"
        bibliography.write_text(json.dumps(records, ensure_ascii=False), "utf-8")
        paragraphs = []
        for key, locator, suffix in cites:
            extra = ", ".join(p for p in (locator, suffix) if p)
            paragraphs.append(f"[@{key}{', ' + _escape_md(extra) if extra else ''}]")
        source = "\n\n".join(paragraphs) + "\n\n::: {#refs}\n:::\n"
        out = _pandoc(["--citeproc", f"--bibliography={bibliography}", f"--csl={style}", "--wrap=none"], source)
    notes = {m.group(1): _plain(m.group(2)) for m in re.finditer(r'<li id="fn(\d+)"[^>]*>(.*?)</li>', out, re.S)}
    body = out.split('<div id="refs"')[0]
    body = re.sub(r'<section id="footnotes".*', "", body, flags=re.S)
    in_text = [_plain(p) for p in re.findall(r"<p>(.*?)</p>", body, re.S)]
    references = {m.group(1): _plain(m.group(2)) for m in re.finditer(r'<div id="ref-([^"]+)"[^>]*>(.*?)</div>', out, re.S)}
    formatted = []
    for n, (key, _, _) in enumerate(cites, start=1):
        citation = notes.get(str(n)) or (in_text[n - 1] if n - 1 < len(in_text) else "")
        formatted.append(FormattedCitation(key, citation, references.get(key, "")))
    return formatted


def _escape_md(text: str) -> str:
    return re.sub(r"([\[\]@;\\*_`])", r"\\\1", text)


def _plain(fragment: str) -> str:
    text = re.sub(r'<a href="#fnref\d+"[^>]*>.*?</a>', "", fragment, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).split())


def render_draft(
    draft: Path, output: Path, records: list[dict[str, Any]], style: Path, *, protected: list[Path] | None = None,
) -> None:
    """Render a Markdown draft to DOCX, HTML or PDF with notes and a bibliography.

    :raises RenderError: unknown output format, no PDF engine, or a pandoc failure.
    """
    suffix = output.suffix.lower()
    if suffix not in (".docx", ".html", ".htm", ".pdf", ".odt"):
        raise RenderError("the output must end in .docx, .html, .odt or .pdf", path=str(output))
    engine_args: list[str] = []
    if suffix == ".pdf":
        engine = next((e for e in PDF_ENGINES if shutil.which(e)), None)
        if engine is None:
            raise RenderError(
                "no PDF engine found (pdflatex, xelatex, lualatex, tectonic, wkhtmltopdf, weasyprint or typst): "
                "install one, or render to .docx or .html",
                path=str(output),
            )
        engine_args = [f"--pdf-engine={engine}"]
    from digestcite.pandoc import PandocError, run_pandoc

    text = read_draft(draft)
    with tempfile.TemporaryDirectory(prefix="digestcite-") as folder:
        bibliography = Path(folder) / "refs.json"
        bibliography.write_text(json.dumps(records, ensure_ascii=False), "utf-8")
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
