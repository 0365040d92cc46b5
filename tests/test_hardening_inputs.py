"""Hostile pages and servers (issue 12: 12.5, 12.7, 12.12, 12.13, 12.19, part of 12.21).

Every hostile file is made here, in the test; the network is a real HTTP server (or a raw
socket server, for replies that are not HTTP) on 127.0.0.1 in a thread. Slow stages are
checked for giving the same answer as the quadratic code they replace; their timings live
in ``bench/quadratic.py``, never in an assert.
"""

from __future__ import annotations

import http.server
import re
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bench.memory_bombs import CONTENT_TYPES, RELS
from bench.quadratic import item_row
from digestcite import pandoc
from digestcite.bib.keys import make_key
from digestcite.corpus import dates
from digestcite.corpus.claims import extract_claims, find_quotes, sentence_spans
from digestcite.corpus.dates import PartialDate, scan_dates
from digestcite.corpus.fetch import address_kind
from digestcite.corpus.folder import Corpus
from digestcite.corpus.quantities import _NUMBER_RE, _quantity, find_numbers
from digestcite.corpus.readers import read_source
from digestcite.corpus.store import Store
from digestcite.errors import DigestciteError, FetchError, InputError, ParseError
from tests.serving import serve

# --- 12.19: quadratic stages give the same answers, linearly ------------------------------

_OLD_QUOTE_RE = re.compile(r"“([^”]*)”|\"([^\"]*)\"|「([^」]*)」|『([^』]*)』")


def _old_find_quotes(text: str) -> list[tuple[int, int, str]]:
    """The regex the linear scan replaced (issue 12.19: 71 s on a 300 KB page of unclosed “)."""
    found = []
    for match in _OLD_QUOTE_RE.finditer(text):
        inner = next(g for g in match.groups() if g is not None).strip()
        if len(inner.split()) >= 5 or re.search(r"[,.!?;，。！？]", inner) or len(inner) >= 12 and not inner.isascii():
            found.append((match.start(), match.end(), inner))
    return found


_QUOTY = st.text(alphabet=st.sampled_from(list("“”\"「」『』 ab.,Xx\n")), max_size=80)


@given(_QUOTY)
@example("“unclosed “opened twice, then ” closed “and one more")
@example('"a, b" “c” "never')
@example("「一二三四五六七八九十一二」『x』“")
def test_find_quotes_is_the_regex_it_replaced(text: str) -> None:
    assert find_quotes(text) == _old_find_quotes(text)


def test_unclosed_quotation_marks_still_leave_the_closed_ones() -> None:
    text = "“He said " * 2_000 + "“This one, at last, is closed.” " + "“again " * 2_000
    quotes = find_quotes(text)
    assert quotes == _old_find_quotes(text)
    assert len(quotes) == 1 and quotes[0][2].endswith("“This one, at last, is closed.")


def _old_quoted(paragraph: str) -> list[bool]:
    quotes = _old_find_quotes(paragraph)
    return [any(q_start < s.end and s.start < q_end for q_start, q_end, _ in quotes) for s in sentence_spans(paragraph)]


@given(st.text(alphabet=st.sampled_from(list("“”\" Ab. ,!?")), max_size=120))
@example("He said “one. Two. Three, four.” Then. “Five, six.” Seven.")
def test_quote_kind_is_the_same_as_with_a_scan_of_every_quotation(paragraph: str) -> None:
    claims = extract_claims([paragraph], None)
    old = _old_quoted(paragraph)
    assert len(claims) == len(old)
    for claim, quoted in zip(claims, old):
        if not claim.numbers:  # a statistic outranks a quotation
            assert (claim.kind == "quote") == quoted


def _old_scan_dates(text: str, published: PartialDate | None) -> list[tuple[str, int, int]]:
    """scan_dates as it was: each match checked against every date already taken."""
    found = []
    taken: list[tuple[int, int]] = []
    for shape, pattern in dates._EVENT_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            try:
                span = dates._event_span(shape, match.groupdict(), published)
            except ParseError:
                span = None
            taken.append((match.start(), match.end()))
            if span is not None:
                found.append((span.iso(), match.start(), match.end()))
    return sorted(found, key=lambda f: f[1])


_DATE_PARTS = st.lists(st.sampled_from([
    "On June 5, 2020", "from May 1, 2019 to June 2, 2019", "March 3-4, 2021", "2020-02-03", "2021年3月4日",
    "in 2018", "June 8", " and ", ", ", "12 people", "3.5 million yuan", "5 June 2020", "in May 2019", "–", " ",
]), max_size=25)


@given(_DATE_PARTS)
def test_scan_dates_finds_what_the_scan_of_every_taken_date_found(parts: list[str]) -> None:
    text = "".join(parts)
    published = PartialDate(2020, 6, 30)
    found, _ = scan_dates(text, published)
    assert [(f.span.iso(), f.start, f.end) for f in found] == _old_scan_dates(text, published)


@given(_DATE_PARTS)
def test_find_numbers_skips_what_the_scan_of_every_date_span_skipped(parts: list[str]) -> None:
    text = "".join(parts)
    spans = scan_dates(text, None)[1]
    old = [q for m in _NUMBER_RE.finditer(text)
           if not any(m.start() < end and start < m.end() for start, end in spans)
           and (q := _quantity(m, text)) is not None]
    assert find_numbers(text, spans) == old


def test_keys_from_the_store_key_space_are_the_keys_probing_gave(tmp_path: Path) -> None:
    """34 items with one base, and keys of other bases among its numbers (``china5`` is a word of its own)."""
    store = Store(tmp_path / "store.sqlite", create=True)
    titles = ["China rises"] * 28 + ["China5 arrives", "China22 too"] + ["China rises"] * 4
    probed: set[str] = set()
    try:
        with store.transaction():
            for n, title in enumerate(titles):
                key = make_key("rfa", 2020, title, store.key_exists, space=store.key_space)
                assert key == make_key("rfa", 2020, title, probed.__contains__)
                probed.add(key)
                store.insert_item(item_row(key, n))
        numbered = sorted(int(k[len("rfa2020china"):]) for k in probed if k[len("rfa2020china"):].isdigit())
        assert numbered == [2, 3, 4, 5, 6, 7, 8, 22]
        # A second store object (a later ingest) reads the same taken keys back.
        later = Store(tmp_path / "store.sqlite")
        try:
            assert make_key("rfa", 2020, "China rises", later.key_exists, space=later.key_space) == "rfa2020china9"
        finally:
            later.close()
    finally:
        store.close()


def test_a_rolled_back_key_is_free_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "store.sqlite", create=True)
    try:
        with store.transaction():
            store.insert_item(item_row(make_key("rfa", 2020, "China", store.key_exists, space=store.key_space), 0))
        with pytest.raises(RuntimeError), store.transaction():
            store.insert_item(item_row(make_key("rfa", 2020, "China", store.key_exists, space=store.key_space), 1))
            raise RuntimeError("rolled back")
        assert make_key("rfa", 2020, "China", store.key_exists, space=store.key_space) == "rfa2020chinab"
    finally:
        store.close()


def test_a_key_another_process_took_is_not_given_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "store.sqlite", create=True)
    other = Store(tmp_path / "store.sqlite")
    try:
        with store.transaction():
            store.insert_item(item_row(make_key("rfa", 2020, "China", store.key_exists, space=store.key_space), 0))
        with other.transaction():
            other.insert_item(item_row("rfa2020chinab", 1))
        assert make_key("rfa", 2020, "China", store.key_exists, space=store.key_space) == "rfa2020chinac"
    finally:
        other.close()
        store.close()


# --- 12.7, 12.13, 12.21: hostile servers ---------------------------------------------------


@contextmanager
def raw_server(reply: Callable[[socket.socket, threading.Event], None]) -> Iterator[str]:
    """A TCP server on 127.0.0.1 that reads a request and answers with whatever ``reply`` sends."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(5)
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    request += chunk
                with suppress(OSError):
                    reply(conn, stop)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(10)
        listener.close()


def _sends(data: bytes) -> Callable[[socket.socket, threading.Event], None]:
    def reply(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(data)

    return reply


_PAGE = b"Headline of our own\n\nA body paragraph written for this test, with 12 words in it.\n"
_OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n"


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (_OK_HEAD + b"".join(b"X-Filler-%d: yes\r\n" % n for n in range(120)) + b"\r\n" + _PAGE,
         "the server sent more than 100 header lines"),
        (_OK_HEAD + b"X-Long: " + b"a" * 70_000 + b"\r\n\r\n" + _PAGE, "the server sent a header line longer than 64 KB"),
        (b"HTTP/1.1 two hundred OK\r\n\r\n" + _PAGE, "not an HTTP reply (its first line was 'HTTP/1.1 two hundred OK\\r\\n')"),
        (b"SSH-2.0-OpenSSH_9.6\r\n", "not an HTTP reply (its first line was 'SSH-2.0-OpenSSH_9.6\\r\\n')"),
        (b"", "the server closed the connection without replying"),
        (_OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n10\r\n" + _PAGE[:16] + b"\r\nzz\r\n",
         "the reply was cut short after 16 bytes (a damaged chunk, or the connection closed early)"),
        (_OK_HEAD + b"Content-Length: 5000\r\n\r\n" + _PAGE,
         f"the reply was cut short: {len(_PAGE)} of the 5,000 bytes its Content-Length promised"),
    ],
    ids=["101-headers", "64k-header-line", "bad-status-line", "not-http", "silent-close", "bad-chunk", "short-body"],
)
def test_a_hostile_reply_is_one_line(reply: bytes, message: str) -> None:
    with raw_server(_sends(reply)) as base, pytest.raises(FetchError) as info:
        read_source(f"{base}/page.txt")
    assert str(info.value) == f"{base}/page.txt: {message}"


def test_a_server_sending_a_byte_at_a_time_meets_the_whole_fetch_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Slowloris: every read gets its byte well within the per-read timeout; the fetch as a whole does not."""
    def trickle(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(_OK_HEAD + b"\r\n")
        while not stop.wait(0.3):
            conn.sendall(b"x")

    monkeypatch.setenv("DIGESTCITE_FETCH_DEADLINE", "1.5")
    with raw_server(trickle) as base, pytest.raises(FetchError) as info:
        read_source(f"{base}/slow.txt", timeout=20)
    assert str(info.value) == (f"{base}/slow.txt: not fetched within 1.5 s in all (the server sends too slowly;"
                               " set DIGESTCITE_FETCH_DEADLINE to wait longer)")


def test_headers_sent_slowly_meet_the_deadline_too(monkeypatch: pytest.MonkeyPatch) -> None:
    def trickle(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        while not stop.wait(0.3):
            conn.sendall(b"X-Slow: y\r\n")

    monkeypatch.setenv("DIGESTCITE_FETCH_DEADLINE", "1")
    with raw_server(trickle) as base, pytest.raises(FetchError, match="not fetched within 1 s in all"):
        read_source(f"{base}/slow.txt", timeout=20)


def test_a_bad_deadline_setting_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIGESTCITE_FETCH_DEADLINE", "soon")
    with pytest.raises(FetchError) as info:
        read_source("http://127.0.0.1:9/page.txt")
    assert str(info.value) == "DIGESTCITE_FETCH_DEADLINE='soon' is not a number of seconds"


class _Site(http.server.BaseHTTPRequestHandler):
    """Pages and redirects, from a table the test fills: path -> (status, headers, body)."""

    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        status, headers, body = self.routes.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value.replace("{self}", self.headers["Host"])
                             .replace("{port}", str(self.server.server_address[1])))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def site(routes: dict[str, tuple[int, dict[str, str], bytes]]) -> Iterator[str]:
    with serve(type("Handler", (_Site,), {"routes": routes})) as url:
        yield url


def test_a_redirect_loop_says_too_many_redirects() -> None:
    with site({"/a": (302, {"Location": "/b"}, b""), "/b": (302, {"Location": "/a"}, b"")}) as base, \
            pytest.raises(FetchError) as info:
        read_source(f"{base}/a")
    assert str(info.value) == f"{base}/a: too many redirects (more than 10); the last went to {base}/b"


def test_a_redirect_to_ftp_is_refused() -> None:
    with site({"/a": (301, {"Location": "ftp://{self}/secret.txt"}, b"")}) as base, pytest.raises(FetchError) as info:
        read_source(f"{base}/a")
    host = base.removeprefix("http://")
    assert str(info.value) == f"{base}/a: redirected to ftp: (ftp://{host}/secret.txt); only http(s) redirects are followed"


def test_a_redirect_to_another_loopback_port_is_refused() -> None:
    with site({"/private.txt": (200, {"Content-Type": "text/plain"}, _PAGE)}) as inside, \
            site({"/a": (302, {"Location": f"{inside}/private.txt"}, b"")}) as base, pytest.raises(FetchError) as info:
        read_source(f"{base}/a")
    port = inside.rsplit(":", 1)[1]
    assert str(info.value) == (f"{base}/a: refused a redirect to {inside}/private.txt: 127.0.0.1 is a loopback address,"
                               f" and port {port} is not the one of the URL given")


def test_a_redirect_on_the_same_server_is_followed_and_the_final_url_is_recorded(tmp_path: Path) -> None:
    routes = {"/old": (301, {"Location": "/new page.txt"}, b""),
              "/new%20page.txt": (200, {"Content-Type": "text/plain"}, _PAGE)}
    with site(routes) as base, Corpus.init(tmp_path / "c") as corpus:
        page = read_source(f"{base}/old")
        assert page.path_or_url == f"{base}/old" and page.url == f"{base}/new%20page.txt"
        report = corpus.ingest([f"{base}/old"])
        assert not report.failed
        (url,) = corpus.store.db.execute("SELECT url FROM documents").fetchone()
    assert url == f"{base}/new%20page.txt"


def test_a_url_with_a_space_is_fetched() -> None:
    with site({"/a%20b.txt": (200, {"Content-Type": "text/plain"}, _PAGE)}) as base:
        page = read_source(f"{base}/a b.txt")
    assert "12 words" in page.text and page.url == f"{base}/a%20b.txt"


@pytest.mark.parametrize(
    ("address", "kind"),
    [("127.0.0.1", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"), ("169.254.169.254", "link-local"),
     ("fe80::1", "link-local"), ("10.1.2.3", "private"), ("192.168.0.1", "private"), ("172.16.5.4", "private"),
     ("fd00::1", "private"), ("0.0.0.0", "private"), ("93.184.216.34", None), ("2606:4700::1111", None)],
    ids=lambda v: str(v),
)
def test_which_addresses_are_inside(address: str, kind: str | None) -> None:
    assert address_kind(address) == kind


# --- 12.12: one hostile PDF is one line, and the rest of the folder goes in ----------------


def _pdf(objects: list[bytes], xref_count: int | None = None) -> bytes:
    """A PDF from its numbered objects, with a correct cross-reference table unless told otherwise."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (xref_count or len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _text_pdf(content: bytes, xref_count: int | None = None) -> bytes:
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ], xref_count)


_PDF_TEXT = b"BT /F1 12 Tf 72 720 Td (A page of our own words about 12 new rules.) Tj ET"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_text_pdf(b"BT /F1 12 Tf " + b"[" * 50_000 + b"]" * 50_000 + b" TJ ET"),
         "damaged PDF: objects nested too deeply to read"),
        (_text_pdf(_PDF_TEXT, xref_count=900_000_000), "damaged PDF: Declared size 900000000 exceeds allowed limit of"),
    ],
    ids=["recursion", "limit-reached"],
)
def test_a_hostile_pdf_is_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "hostile.pdf"
    path.write_bytes(data)
    with pytest.raises(ParseError) as info:
        read_source(str(path))
    assert str(info.value).startswith(f"{path}: {message}")


def test_a_folder_with_a_hostile_pdf_ingests_the_rest(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from digestcite.cli import cli

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a-good.pdf").write_bytes(_text_pdf(_PDF_TEXT))
    (folder / "b-hostile.pdf").write_bytes(_text_pdf(b"BT " + b"[" * 50_000 + b"]" * 50_000 + b" TJ ET"))
    (folder / "c-later.txt").write_text("Later page\n\nA later page written for this test about 7 more rules.\n", "utf-8")
    corpus = tmp_path / "corpus"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(corpus)], catch_exceptions=False).exit_code == 0
    result = runner.invoke(cli, ["--corpus", str(corpus), "ingest", str(folder)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert f"{folder / 'b-hostile.pdf'}: damaged PDF: objects nested too deeply to read" in result.stderr
    with Corpus.init(corpus) as opened:
        paths = [row[0] for row in opened.store.db.execute("SELECT path_or_url FROM documents ORDER BY path_or_url")]
    assert paths == [str(folder / "a-good.pdf"), str(folder / "c-later.txt")]


# --- 12.5: memory bombs: bytes really inflated, pandoc's memory and time capped ------------

def _docx(paragraphs: int, *, declare: int | None = None) -> bytes:
    """A DOCX of ``paragraphs`` paragraphs; with ``declare``, every member claims to unpack to that many bytes."""
    import io
    import struct
    import zipfile

    body = b"".join(b'<w:p><w:r><w:t>Paragraph %d of a page written for this test.</w:t></w:r></w:p>' % n
                    for n in range(paragraphs))
    document = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
    data = bytearray(buffer.getvalue())
    if declare is not None:  # rewrite the sizes in every local header and central directory entry
        for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            at = data.find(signature)
            while at != -1:
                data[at + size_at:at + size_at + 4] = struct.pack("<I", declare)
                at = data.find(signature, at + 4)
    return bytes(data)


def test_a_docx_with_false_sizes_is_measured_by_what_it_inflates_to(tmp_path: Path) -> None:
    path = tmp_path / "liar.docx"
    path.write_bytes(_docx(40_000, declare=100))  # ~3.4 MB of XML, declared as 300 bytes in all
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError) as info:
        read_source(str(path), max_size=1_000_000)
    assert str(info.value) == f"{path}: unpacks to more than the 1 MB limit (raise it with --max-size): refused before unpacking"


def test_a_small_zip_that_inflates_a_hundredfold_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bomb.epub"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/epub+zip")
        archive.writestr("OEBPS/page.xhtml", b"0" * 101_000_000)
    with pytest.raises(InputError) as info:
        read_source(str(path), max_size=500_000_000)
    assert str(info.value) == f"{path}: unpacks to more than 100 times its own size, 100 MB (a zip bomb?): refused before unpacking"


def test_an_honest_docx_within_the_limits_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "honest.docx"
    path.write_bytes(_docx(3))
    assert "Paragraph 2 of a page written for this test." in read_source(str(path)).text


def test_pandoc_memory_is_capped_and_the_limit_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.docx"
    path.write_bytes(_docx(40_000))  # honest sizes, ~3.4 MB of XML: far more than 64 MB of pandoc's heap
    monkeypatch.setenv("DIGESTCITE_PANDOC_MEMORY", "64")
    with pytest.raises(ParseError) as info:
        read_source(str(path))
    assert str(info.value) == (f"{path}: pandoc could not read this docx file: pandoc needed more than its 64 MB memory"
                               " limit (raise it with DIGESTCITE_PANDOC_MEMORY=MB)")


_LATEX_BOMB = "\\begin{x}\n" * 20_000  # issue 12.5: 180 KB of Markdown that grew past 15 GB in pandoc


def test_a_markdown_bomb_stops_at_the_memory_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.md"
    path.write_text(_LATEX_BOMB, "utf-8")
    monkeypatch.setenv("DIGESTCITE_PANDOC_MEMORY", "64")
    with pytest.raises(ParseError, match="pandoc needed more than its 64 MB memory limit"):
        read_source(str(path))


def test_a_markdown_bomb_stops_at_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.md"
    path.write_text(_LATEX_BOMB, "utf-8")
    monkeypatch.setenv("DIGESTCITE_PANDOC_TIMEOUT", "0.5")
    with pytest.raises(ParseError) as info:
        read_source(str(path))
    assert str(info.value) == (f"{path}: pandoc could not read this md file: pandoc took longer than its 0.5 s time"
                               " limit (raise it with DIGESTCITE_PANDOC_TIMEOUT=SECONDS)")


def test_the_default_limits_are_shorter_than_before() -> None:
    assert pandoc.limits() == (60.0, 2048)


def test_a_bad_pandoc_limit_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIGESTCITE_PANDOC_MEMORY", "lots")
    with pytest.raises(DigestciteError) as info:
        pandoc.run_pandoc(["--from=markdown", "--to=plain"], b"text")
    assert str(info.value) == "DIGESTCITE_PANDOC_MEMORY='lots' is not a number"


def test_a_redirect_to_localhost_on_the_same_port_is_the_same_place() -> None:
    routes = {"/a": (302, {"Location": "http://localhost:{port}/b.txt"}, b""),
              "/b.txt": (200, {"Content-Type": "text/plain"}, _PAGE)}
    with site(routes) as base:
        page = read_source(f"{base}/a")
    assert page.url == f"http://localhost:{base.rsplit(':', 1)[1]}/b.txt"


def test_the_cli_says_a_redirect_loop_in_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from digestcite.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path / "c")], catch_exceptions=False).exit_code == 0
    with site({"/a": (302, {"Location": "/b"}, b""), "/b": (302, {"Location": "/a"}, b"")}) as base:
        result = runner.invoke(cli, ["--corpus", str(tmp_path / "c"), "ingest", f"{base}/a"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[0] == f"Error: {base}/a: too many redirects (more than 10); the last went to {base}/b"
    assert "Found" not in result.stderr and "Traceback" not in result.stderr
