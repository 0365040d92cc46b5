"""The labelled pages of tests/data/pages: finding them, and making the DOCX and PDF ones.

A page is a file beside its ``.truth.json`` (tests/data/pages/FORMAT.md). ``NAME.docx.md``,
``NAME.odt.md`` and ``NAME.epub.md`` are turned into a real DOCX, ODT or EPUB by pandoc,
``NAME.pdf.txt`` into a real PDF (one text line per line,
a page per form feed, ligatures drawn as ligature glyphs) before the reader sees them.
"""

from __future__ import annotations

import io
import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGES = Path(__file__).resolve().parent.parent / "tests" / "data" / "pages"
_SUFFIXES = (".docx.md", ".odt.md", ".epub.md", ".pdf.txt", ".html", ".md", ".txt", ".eml", ".rtf")


@dataclass(frozen=True)
class LabelledPage:
    """One labelled page: its source file, its family and what a careful reader finds on it."""

    path: Path
    family: str
    truth: dict[str, Any]

    @property
    def name(self) -> str:
        return f"{self.family}/{self.path.name}"

    @property
    def format(self) -> str:
        for suffix, fmt in ((".docx.md", "docx"), (".odt.md", "odt"), (".epub.md", "epub"), (".pdf.txt", "pdf")):
            if self.path.name.endswith(suffix):
                return fmt
        return self.path.suffix.lstrip(".")

    def data(self) -> bytes:
        """The page's bytes as a reader gets them (DOCX, ODT, EPUB and PDF made here)."""
        if self.format in _FROM_MARKDOWN:
            return markdown_to(self.format, self.path.read_text("utf-8"))
        if self.format == "pdf":
            return text_to_pdf(self.path.read_text("utf-8"))
        return self.path.read_bytes()


def labelled_pages(root: Path = PAGES, *, families: set[str] | None = None) -> list[LabelledPage]:
    """Every labelled page under ``root``, in a stable order."""
    pages = []
    for truth_path in sorted(root.glob("*/*.truth.json")):
        stem = truth_path.name[: -len(".truth.json")]
        family = truth_path.parent.name
        if families and family not in families:
            continue
        source = next((truth_path.with_name(stem + s) for s in _SUFFIXES if truth_path.with_name(stem + s).exists()), None)
        if source is None:
            raise FileNotFoundError(f"{truth_path}: no page file beside it")
        pages.append(LabelledPage(source, family, json.loads(truth_path.read_text("utf-8"))))
    return pages


_FROM_MARKDOWN = ("docx", "odt", "epub")


def markdown_to(fmt: str, markdown: str) -> bytes:
    """A real DOCX, ODT or EPUB from Markdown, by pandoc (the binary inside pypandoc-binary)."""
    import pypandoc

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"page.{fmt}"
        subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown", "-t", fmt, "-o", str(out)],
                       input=markdown.encode("utf-8"), check=True, capture_output=True)
        return out.read_bytes()


def markdown_to_docx(markdown: str) -> bytes:
    """A real DOCX from Markdown."""
    return markdown_to("docx", markdown)


# Ligatures drawn with their own glyphs (a custom encoding), as typesetting software does,
# so that the PDF's text layer gives U+FB01 and kin back.
_LIGATURE_CODES = {"ﬀ": 1, "ﬁ": 2, "ﬂ": 3, "ﬃ": 4, "ﬄ": 5}
_LIGATURE_GLYPHS = ["/ff", "/fi", "/fl", "/ffi", "/ffl"]


def text_to_pdf(text: str, *, width: int = 612, height: int = 792) -> bytes:
    """A real PDF whose text layer holds ``text``: a page per form feed, a text line per line."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter()
    differences = ArrayObject([NumberObject(1), *[NameObject(g) for g in _LIGATURE_GLYPHS]])
    encoding = DictionaryObject({NameObject("/Type"): NameObject("/Encoding"),
                                 NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"),
                                 NameObject("/Differences"): differences})
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"),
                             NameObject("/Encoding"): writer._add_object(encoding)})
    font_ref = writer._add_object(font)
    for page_text in text.split("\f"):
        page = writer.add_blank_page(width=width, height=height)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})})
        commands = ["BT", "/F1 10 Tf", "12 TL", f"50 {height - 50} Td"]
        for line in page_text.strip("\n").split("\n"):
            commands.append(f"({_pdf_string(line)}) Tj T*")
        commands.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(commands).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _pdf_string(line: str) -> str:
    out = []
    for char in line:
        if char in _LIGATURE_CODES:
            out.append(f"\\{_LIGATURE_CODES[char]:03o}")
        elif char in "()\\":
            out.append("\\" + char)
        else:
            try:
                char.encode("cp1252")
            except UnicodeEncodeError:
                char = "?"
            out.append(char if ord(char) < 128 else f"\\{char.encode('cp1252')[0]:03o}")
    return "".join(out)
