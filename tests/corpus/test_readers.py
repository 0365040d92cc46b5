"""Reading pages: encodings, formats through pandoc and pypdf, stdin, URLs, and bad input."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from digestcite.corpus.readers import discover, read_source
from digestcite.errors import FetchError, InputError, UnsupportedFormatError
from tests.serving import serve_folder

PAGE = "Officials Count Incidents\n\nThe city recorded 293 incidents in the log. 抗美援朝 appears here.\n\nSource: Epoch Times, October 22, 2020\n"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", PAGE),
        ("utf-8-sig", PAGE),
        ("gb18030", "来源：新华社\n\n政府表示将投资四万亿元用于农村道路和水利项目。"),
        ("big5", "來源：中央社\n\n立法院討論了投資審查的問題，反對黨表示應先審查科技公司。"),
        ("cp1252", "Caf\u00e9 owners said the r\u00e8gime\u2019s rules were unfair. They protested \u2014 loudly.\n"),
        ("utf-16", PAGE),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "big5", "cp1252", "utf16"],
)
def test_text_encodings_are_detected(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding))
    page = read_source(str(path))
    assert page.text.strip() == text.strip()
    assert page.format == "txt"


def _pandoc_file(tmp_path: Path, fmt: str) -> Path:
    import pypandoc

    source = "# Officials Count Incidents\n\nThe city recorded **293 incidents** in the log.\n\nSource: Epoch Times, October 22, 2020\n"
    out = tmp_path / f"page.{fmt}"
    pypandoc.convert_text(source, fmt, format="markdown", outputfile=str(out))
    return out


@pytest.mark.parametrize("fmt", ["docx", "odt", "epub", "rtf", "html"])
def test_formats_through_pandoc(tmp_path: Path, fmt: str) -> None:
    page = read_source(str(_pandoc_file(tmp_path, fmt)))
    assert page.format == fmt
    assert "The city recorded 293 incidents in the log." in page.text
    assert "Source: Epoch Times, October 22, 2020" in page.text


@pytest.mark.parametrize(
    ("escaped", "text"),
    [
        ("2025\\u24180?10\\u26376?22\\u26085? (Wed)", "2025年10月22日 (Wed)"),
        ("2025\\u24180 ?10\\u26376\\'3f22\\u26085?", "2025年10月22日"),
        ("\\uc0 2025\\u24180 10", "2025年10"),
        ("a\\u160?c and \\u-248?10\\u-247?", "a c and （10）"),
        ("a literal \\\\u123?4 stays", "a literal \\u123?4 stays"),
    ],
    ids=["fallback-then-digits", "space-and-hex-fallbacks", "uc0", "negative", "escaped-backslash"],
)
def test_rtf_unicode_escapes_keep_the_next_character(tmp_path: Path, escaped: str, text: str) -> None:
    # pandoc 3.9 drops the character after a fallback written straight after \uN: every
    # date of an RTF page written as 2025\u24180?10\u26376?22 lost a digit.
    path = tmp_path / "page.rtf"
    path.write_text("{\\rtf1\\ansi\\uc1\\pard " + escaped + "\\par}", encoding="ascii")
    assert read_source(str(path)).text.strip() == text


def test_markdown_is_read_as_text_without_markup(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text("# Title\n\nThe **bold** claim and a [link](https://example.org).\n", "utf-8")
    assert "The bold claim and a link." in read_source(str(path)).text


def test_html_scripts_and_styles_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><head><script>var secret = 'Source: Fake, May 1, 2020';</script><style>p{color:red}</style>"
                    "</head><body><p>Real text here.</p></body></html>", "utf-8")
    text = read_source(str(path)).text
    assert "Real text here." in text and "secret" not in text and "color" not in text


def _pdf_with_text(text: str | None) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    if text is not None:
        font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                                 NameObject("/BaseFont"): NameObject("/Helvetica")})
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 20 150 Td ({text}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(_pdf_with_text("The city recorded 293 incidents."))
    assert "The city recorded 293 incidents." in read_source(str(path)).text


def test_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf_with_text(None))
    with pytest.raises(InputError, match="no text layer"):
        read_source(str(path))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n  ", "empty file"),
        ("data.txt", b"abc\x00def" * 100, "binary file"),
        ("fake.docx", b"PK\x03\x04 this is not really a zip", "not a valid zip"),
    ],
    ids=["png", "empty", "blank", "nul-bytes", "broken-docx"],
)
def test_bad_files_give_one_clear_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as info:
        read_source(str(path))
    assert str(info.value).startswith(f"{path}: ")


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (60 * 1024 * 1024))
    with pytest.raises(InputError, match="refused before unpacking"):
        read_source(str(path))


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, "utf-8")
    with pytest.raises(InputError, match="over the 0 MB limit"):
        read_source(str(path), max_size=100)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.txt"))


def test_stdin() -> None:
    page = read_source("-", stdin=io.BytesIO(PAGE.encode("utf-8")))
    assert page.path_or_url == "-" and "293 incidents" in page.text


def test_discover_recurses_skips_hidden_and_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("x", "utf-8")
    (tmp_path / "a" / "b" / "two.html").write_text("x", "utf-8")
    (tmp_path / "a" / "skip.jpg").write_bytes(b"x")
    (tmp_path / "a" / ".hidden.txt").write_text("x", "utf-8")
    (tmp_path / "a" / "b" / "loop").symlink_to(tmp_path / "a")
    found = [Path(p).name for p in discover([str(tmp_path / "a")])]
    assert found == ["one.txt", "two.html"]


@pytest.fixture
def local_server(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "digest.html").write_text("<html><body><h1>Headline</h1><p>The body has 293 incidents.</p></body></html>", "utf-8")
    (tmp_path / "plain").write_text(PAGE, "utf-8")

    with serve_folder(tmp_path) as url:
        yield url


def test_url_is_fetched_and_read_by_content_type(local_server: str) -> None:
    page = read_source(f"{local_server}/digest.html")
    assert page.format == "html" and "The body has 293 incidents." in page.text


def test_url_http_error(local_server: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        read_source(f"{local_server}/missing.html")


def test_url_offline_is_a_clear_error() -> None:
    with pytest.raises(FetchError, match="cannot fetch"):
        read_source("http://127.0.0.1:9/nothing", timeout=2)


def test_only_http_urls(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="only http"):
        read_source("ftp://example.org/page.txt")


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\xff\xfe\xfe", "starts like UTF-16 text but is not: truncated data at byte 2")],
    ids=["fuzz-utf16-odd-length"],
)
def test_fuzz_findings_stay_fixed(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_source(str(path))
    assert str(info.value) == f"{path}: {message}"
