"""Pages in any common format, from files, folders, URLs or stdin, into blocks.

Text files are decoded with their encoding detected (UTF-8 with or without BOM, GB18030,
Big5, cp1252) and cut into blocks by their layout; HTML goes through trafilatura (main
content and metadata) or, for a listing page, its whole body; md, docx, odt, epub and rtf
through pandoc's JSON AST; pdf through pypdf, unwrapped; e-mail (.eml) through the standard
library. Every failure is an :class:`~digestcite.errors.InputError` naming the file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from stat import S_ISDIR, S_ISFIFO, S_ISREG, S_ISSOCK
from typing import Any, BinaryIO

from digestcite.controls import has_controls, storable, strip_controls
from digestcite.corpus import DEFAULT_MAX_SIZE
from digestcite.corpus.blocks import Block, Link, PageMeta
from digestcite.errors import InputError, ParseError, UnsupportedFormatError

log = logging.getLogger(__name__)

EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".docx": "docx", ".odt": "odt", ".epub": "epub", ".rtf": "rtf", ".pdf": "pdf",
    ".eml": "eml",
}
FORMATS = sorted(set(EXTENSIONS.values()))
URL_TIMEOUT = 20.0
_PANDOC_FORMATS = {"md": "markdown", "html": "html", "docx": "docx", "odt": "odt", "epub": "epub", "rtf": "rtf"}
_ZIP_FORMATS = {"docx", "odt", "epub"}
_ZIP_RATIO_LIMIT = 100  # NOTE: a zip bomb unpacks to thousands of times its size
_ZIP_MEMBER_LIMIT = 10_000
_ZIP_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class RawPage:
    """One page as read: its blocks, its plain text, its own metadata, and where it came from."""

    text: str
    path_or_url: str
    format: str
    sha256: str
    size: int
    blocks: tuple[Block, ...] = ()
    meta: PageMeta = PageMeta()
    unit: str = "line"  # what a block's ``line`` counts: lines of the text, or blocks of a marked-up page
    url: str | None = None  # for a fetched page, the URL it was finally read from (after redirects)


def discover(paths: list[str], *, follow_links: bool = False, notes: list[str] | None = None) -> Iterator[str]:
    """Expand folders (recursively, hidden entries skipped, no symlink loops) into files.

    Files named directly are yielded whatever their extension; inside folders only the
    formats digestcite reads are picked up, and only regular files: a FIFO, a device or a
    broken link is skipped, and so is a symbolic link that leads out of the named folder
    unless ``follow_links``. Each skip appends a note naming the path to ``notes``.
    ``-`` and URLs pass through.
    """
    for spec in paths:
        if spec == "-" or is_url(spec):
            yield spec
            continue
        path = Path(spec)
        if not path.is_dir():
            yield spec
            continue
        yield from _walk(path, follow_links, notes if notes is not None else [])


def _walk(folder: Path, follow_links: bool, notes: list[str]) -> Iterator[str]:
    # NOTE: issue 12.6: a folder's symlink to /dev/zero was read without bound, a FIFO hung the
    # ingest, a link out of the folder pulled in private files.
    top = os.path.realpath(folder)
    seen: set[tuple[int, int]] = set()

    def leaves(entry: str) -> bool:
        if follow_links or not os.path.islink(entry):
            return False
        real = os.path.realpath(entry)
        return real != top and not real.startswith(top.rstrip(os.sep) + os.sep)

    for root, dirs, files in os.walk(folder, followlinks=True):
        stat = os.stat(root)
        if (stat.st_dev, stat.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            entry = os.path.join(root, name)
            if leaves(entry):
                notes.append(f"{entry}: skipped: a link to a folder outside {folder} (read it with --follow-links)")
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in EXTENSIONS:
                continue
            entry = os.path.join(root, name)
            if leaves(entry):
                notes.append(f"{entry}: skipped: a link to a file outside {folder} (read it with --follow-links)")
                continue
            try:
                mode = os.stat(entry).st_mode
            except OSError:
                notes.append(f"{entry}: skipped: a broken link")
                continue
            if not S_ISREG(mode):
                notes.append(f"{entry}: skipped: {_kind(mode)}, not a regular file")
                continue
            yield entry


def _kind(mode: int) -> str:
    return "a FIFO (named pipe)" if S_ISFIFO(mode) else "a socket" if S_ISSOCK(mode) else "a device"


def is_url(spec: str) -> bool:
    return bool(re.match(r"^https?://", spec, re.I))


def read_source(
    spec: str, *, fmt: str | None = None, max_size: int = DEFAULT_MAX_SIZE,
    stdin: BinaryIO | None = None, timeout: float = URL_TIMEOUT,
) -> RawPage:
    """Read a file path, an http(s) URL, or ``-`` (stdin) into a :class:`RawPage`.

    :raises InputError: unreadable, too large, unsupported or empty input.
    """
    if spec == "-":
        if stdin is None:
            raise InputError("no standard input to read", path="-")
        data = stdin.read(max_size + 1)
        _check_size(len(data), max_size, "-")
        return read_bytes(data, "-", fmt=fmt or sniff_format(data, "-"), max_size=max_size)
    if is_url(spec):
        data, content_type, final_url = fetch_url(spec, timeout=timeout, max_size=max_size)
        guessed = fmt or _format_from_content_type(content_type) or sniff_format(data, final_url)
        return dataclasses.replace(read_bytes(data, spec, fmt=guessed, max_size=max_size), url=final_url)
    if re.match(r"^[a-z][a-z0-9+.-]*://", spec, re.I):
        raise UnsupportedFormatError("only http(s) URLs can be fetched", path=spec)
    path = Path(spec)
    name = storable(spec)  # NOTE: issue 12.15: a name that is not UTF-8 cannot be stored or printed as is
    data = _read_file(path, name, max_size)
    return read_bytes(data, name, fmt=fmt or EXTENSIONS.get(path.suffix.lower()) or sniff_format(data, name), max_size=max_size)


def _read_file(path: Path, name: str, max_size: int) -> bytes:
    """A regular file's bytes, never more than ``max_size + 1`` of them read.

    :raises InputError: missing, unreadable, a folder, not a regular file, or too large.
    """
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot open it: {exc.strerror}", path=name) from None
    with open(handle, "rb", buffering=0) as file:
        mode, size = (found := os.fstat(handle)).st_mode, found.st_size
        if S_ISDIR(mode):
            raise InputError("is a folder", path=name)
        if not S_ISREG(mode):
            raise InputError(f"is {_kind(mode)}, not a regular file (to read a stream, pipe it into -)", path=name)
        _check_size(size, max_size, name)
        chunks, total = [], 0
        try:
            while total <= max_size and (chunk := file.read(min(max_size + 1 - total, 1 << 20))):
                chunks.append(chunk)
                total += len(chunk)
        except IsADirectoryError:
            raise InputError("is a folder", path=name) from None
        except OSError as exc:
            raise InputError(f"cannot read it: {exc.strerror}", path=name) from None
    _check_size(total, max_size, name, at_least=total > max_size)
    return b"".join(chunks)


def _check_size(size: int, max_size: int, name: str, *, at_least: bool = False) -> None:
    if size > max_size:
        raise InputError(
            f"file is {'more than ' if at_least else ''}{(max_size if at_least else size) / 1e6:.1f} MB, "
            f"over the {max_size / 1e6:.0f} MB limit (raise it with --max-size)",
            path=name,
        )


def read_bytes(data: bytes, name: str, *, fmt: str, max_size: int = DEFAULT_MAX_SIZE) -> RawPage:
    """Turn a page's bytes in a known format into plain text."""
    if fmt not in FORMATS:
        raise UnsupportedFormatError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})", path=name)
    if not data.strip():
        raise InputError("empty file", path=name)
    blocks, meta, unit = _blocks(data, name, fmt, max_size)
    blocks = [b for b in map(_without_controls, blocks) if b.text.strip() or b.kind == "rule"]
    meta = _meta_without_controls(meta)
    text = "\n\n".join(b.text for b in blocks if b.text)
    if not text.strip():
        raise InputError("no text in this file", path=name)
    return RawPage(text, name, fmt, hashlib.sha256(data).hexdigest(), len(data), tuple(blocks), meta, unit)


def _without_controls(block: Block) -> Block:
    """A block with C0/C1 controls (ESC, BEL, NUL…) taken out of its text; tab and newline stay.

    NOTE: issue 12.4: every reader's blocks pass here, before splitting, so ESC in a text
    file and ``&#x1b;`` in HTML end the same way.
    """
    if not (has_controls(block.text) or (block.lead and has_controls(block.lead))
            or (block.tail and has_controls(block.tail)) or (block.cells and has_controls("".join(block.cells)))
            or (block.links and has_controls("".join(link.text + link.url for link in block.links)))):
        return block
    clean = strip_controls
    return replace(
        block, text=clean(block.text), lead=clean(block.lead) if block.lead else block.lead,
        tail=clean(block.tail) if block.tail else block.tail, cells=tuple(clean(c) for c in block.cells),
        links=tuple(Link(clean(link.text), clean(link.url)) for link in block.links),
    )


def _meta_without_controls(meta: PageMeta) -> PageMeta:
    cleaned: dict[str, Any] = {f.name: strip_controls(value) for f in fields(meta)
                               if isinstance(value := getattr(meta, f.name), str)}
    return replace(meta, **cleaned)


def _blocks(data: bytes, name: str, fmt: str, max_size: int) -> tuple[list[Block], PageMeta, str]:
    from digestcite.corpus.blocks import pdf_blocks, text_blocks

    if fmt == "txt":
        return text_blocks(decode_text(data, name).replace("\x00", "")), PageMeta(), "line"
    if fmt == "pdf":
        return pdf_blocks(_pdf_pages(data, name)), PageMeta(), "line"
    if fmt == "eml":
        return _email_blocks(data, name, max_size)
    if fmt == "html":
        from digestcite.corpus.markup import html_blocks

        return (*html_blocks(_html_as_utf8(data, name).decode("utf-8")), "block")
    if fmt in _ZIP_FORMATS:
        _check_zip(data, name, max_size)
    from digestcite.corpus.markup import ast_blocks

    source = data
    if fmt == "md":
        source = _callouts(_wikitext(decode_text(data, name))).encode("utf-8")
    elif fmt == "rtf":
        source = _rtf_unicode_delimited(data)
    return (*ast_blocks(_pandoc(source, fmt, name)), "block")


# A \uN control word, not one preceded by an escaped backslash, and directly followed by a
# character other than the space that would delimit it.
_RTF_UNICODE_UNDELIMITED = re.compile(rb"(?<!\\)((?:\\\\)*\\u-?\d+)(?=[^ \d])")


def _rtf_unicode_delimited(data: bytes) -> bytes:
    r"""``data`` with a space after every ``\uN`` that its fallback character follows directly.

    NOTE (heldout5 embassy highlights): pandoc 3.9 drops the character *after* the fallback
    of ``\u24180?10``, so 2025\u24180?10\u26376?22 read "2025年0月2日", and every date on
    the page was lost with it. The RTF spec delimits the control word by the non-digit and
    then skips ``\ucN`` characters (the ``?``); a space delimiter, which pandoc reads right,
    means the same, so one is written in.
    """
    if b"\\u" not in data:
        return data
    return _RTF_UNICODE_UNDELIMITED.sub(rb"\1 ", data)


_WIKI_LINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?(?P<text>[^\[\]|]+)\]\]")
_WIKI_EXTERNAL = re.compile(r"(?<!\[)\[(?P<url>https?://[^\s\[\]]+)(?:\s+(?P<text>[^\[\]]+))?\](?!\()")
_WIKI_BULLET = re.compile(r"^(?P<stars>\*+)[ \t]*(?=\S)", re.M)
_WIKI_HEADING = re.compile(r"^(?P<eq>={2,6})[ \t]*(?P<text>[^=\n]+?)[ \t]*(?P=eq)[ \t]*$", re.M)
_WIKI_NOISE = re.compile(r"^[ \t]*\{\{[^{}\n]*\}\}[ \t]*\n|<!--.*?-->", re.M | re.S)


def _wikitext(text: str) -> str:
    """A page saved in a wiki's source markup (``[[links]]``, three quotes for bold, ``*`` and
    ``**`` bullets, ``[https://… Outlet]`` sources, ``{{templates}}``) in Markdown's terms, so
    that its nested bullets nest and its sources are links; any other page as it is.

    NOTE (heldout12 current-events portals): a wikitext export's ``**`` sub-bullets read as
    emphasis, and every entry under a topic ran into one paragraph.
    """
    if len(_WIKI_LINK.findall(text)) < 3 or ("'''" not in text and not re.search(r"^\*\*\s", text, re.M)):
        return text
    text = _WIKI_NOISE.sub("", text)
    text = _WIKI_HEADING.sub(lambda m: "#" * len(m.group("eq")) + " " + m.group("text"), text)
    text = _WIKI_LINK.sub(lambda m: m.group("text"), text)
    text = _WIKI_EXTERNAL.sub(lambda m: f"[{m.group('text')}]({m.group('url')})" if m.group("text") else m.group("url"), text)
    text = _WIKI_BULLET.sub(lambda m: "    " * (len(m.group("stars")) - 1) + "- ", text)
    # (a list opens after a blank line in Markdown: a topic in bold straight over its bullets is no list)
    text = re.sub(r"^(?!\s*-\s)(?P<line>\S[^\n]*)\n(?=-\s)", r"\g<line>\n\n", text, flags=re.M)
    return text.replace("'''", "**").replace("''", "*")


_CALLOUT = re.compile(r"^(?P<quote>[ \t]*(?:>[ \t]?)+)\[!(?P<kind>[A-Za-z-]+)\][+-]?[ \t]*(?P<title>\S.*)?$", re.M)


def _callouts(text: str) -> str:
    """Obsidian and GitHub callouts (``> [!quote] Title``) are headings over their quoted text.

    NOTE (heldout4 research notes): pandoc read the callout's marker, title and text as one
    paragraph, so each clipping lost its headline.
    """
    def heading(match: re.Match[str]) -> str:
        title = (match.group("title") or "").strip()
        quote = match.group("quote").rstrip()
        return f"{quote} #### {title}\n{quote}" if title else f"{quote}\n{quote}"

    return _CALLOUT.sub(heading, text)


def _email_blocks(data: bytes, name: str, max_size: int) -> tuple[list[Block], PageMeta, str]:
    """An e-mail: its HTML part (or its text part) into blocks; subject, sender and date as metadata."""
    import email
    import email.policy
    import email.utils

    from digestcite.corpus.blocks import text_blocks

    message = email.message_from_bytes(data, policy=email.policy.default)
    html_part = message.get_body(preferencelist=("html",))
    text_part = message.get_body(preferencelist=("plain",))
    if html_part is None and text_part is None:
        raise ParseError("an e-mail with no text or HTML part", path=name)
    subject = message.get("Subject")
    sender = message.get("From")
    published = None
    if message.get("Date"):
        try:
            published = email.utils.parsedate_to_datetime(str(message["Date"])).date().isoformat()
        except (TypeError, ValueError):
            published = None
    display = email.utils.parseaddr(str(sender))[0] if sender else None
    meta = PageMeta(title=" ".join(str(subject).split()) if subject else None, published=published,
                    sender=display or (str(sender) if sender else None))
    try:
        if html_part is not None:
            from digestcite.corpus.markup import html_blocks

            blocks, html_meta = html_blocks(str(html_part.get_content()))
            return blocks, PageMeta(title=meta.title or html_meta.title, published=meta.published, sender=meta.sender,
                                    site_name=html_meta.site_name), "block"
        assert text_part is not None
        return text_blocks(str(text_part.get_content())), meta, "line"
    except (LookupError, UnicodeError) as exc:
        raise ParseError(f"cannot decode this e-mail's text: {exc}", path=name) from exc




def sniff_format(data: bytes, name: str) -> str:
    """Guess a format from the bytes themselves (for stdin, URLs and odd extensions)."""
    head = data[:2048]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names:
                    mimetype = archive.read("mimetype")[:100]
                    if b"epub" in mimetype:
                        return "epub"
                    if b"opendocument.text" in mimetype:
                        return "odt"
        except zipfile.BadZipFile:
            pass
        raise UnsupportedFormatError("a zip archive that is not docx, odt or epub", path=name)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in lowered or b"<head" in lowered:
        return "html"
    if re.match(rb"(?:(?:return-path|received|from|to|subject|date|message-id|mime-version|delivered-to)[ \t]*:.*\r?\n){3}",
                lowered[:1024]):
        return "eml"
    if _looks_binary(data):
        raise UnsupportedFormatError("binary file, not a page digestcite can read", path=name)
    return "txt"


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data) is not None:
        return False
    if b"\x00" in head:
        return True
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return control > max(8, len(head) // 50)


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b < 32)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text without a byte-order mark, else None.

    NOTE: issue 12.21: such a file (Windows tools write them) was called binary for its NUL
    bytes. In UTF-16 text of Latin letters every other byte is NUL, all on one side; the
    head must then decode to text with no control characters but whitespace.
    """
    head = data[:8192]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 8 or len(data) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd >= 0.3 * half and even <= 0.02 * half:
        encoding = "utf-16-le"
    elif even >= 0.3 * half and odd <= 0.02 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        # a surrogate pair cut at 8 KB leaves a lone high half at the end: ignore the last unit
        text = head.decode(encoding) if len(data) == len(head) else head[:-2].decode(encoding)
    except UnicodeDecodeError:
        return None
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        return None
    return encoding


def decode_text(data: bytes, name: str) -> str:
    """Decode text bytes: BOMs, UTF-8, then detection among GB18030, Big5, cp1252 and kin."""
    if _looks_binary(data):
        raise UnsupportedFormatError("binary file, not text", path=name)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            # NOTE: found by the fuzz target: a UTF-16 byte-order mark on an odd number of bytes.
            raise ParseError(f"starts like UTF-16 text but is not: {exc.reason} at byte {exc.start}", path=name) from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise ParseError(f"reads like {utf16.upper()} text but is not: {exc.reason} at byte {exc.start}",
                             path=name) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _guess_encodings(data):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ParseError("cannot tell the text encoding (tried UTF-8, GB18030, Big5, cp1252)", path=name)


def _guess_encodings(data: bytes) -> list[str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5", "cp1252", "shift_jis", "euc_kr", "latin_1"]).best()
    guesses = [best.encoding] if best is not None else []
    return [*guesses, "gb18030", "big5", "cp1252"]


def _html_as_utf8(data: bytes, name: str) -> bytes:
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii")).encode("utf-8")
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_text(data, name).encode("utf-8")


def _check_zip(data: bytes, name: str, max_size: int) -> None:
    """Refuse a docx, odt or epub that unpacks to more than the limits, by inflating it (with a cap).

    NOTE: issue 12.5: the sizes a zip declares are whatever its maker wrote: a 1.4 MB DOCX
    declaring small members unpacked past 6 GB in pandoc. So every member is inflated here
    as pandoc would, from its local header to the end of its deflate stream, counting bytes
    and stopping at the limit; nothing is kept.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        raise ParseError(f"damaged file: not a valid zip container ({exc})", path=name) from None
    if len(members) > _ZIP_MEMBER_LIMIT:
        raise InputError(f"holds {len(members):,} files, over the {_ZIP_MEMBER_LIMIT:,} a page may have: refused before unpacking",
                         path=name)
    ratio_limit = _ZIP_RATIO_LIMIT * max(len(data), 1_000_000)
    limit = min(max_size, ratio_limit)
    unpacked = 0
    for member in members:
        unpacked += _inflated_size(data, member, limit - unpacked, name)
        if unpacked > limit:
            reason = (f"the {max_size / 1e6:.0f} MB limit (raise it with --max-size)" if limit == max_size
                      else f"{_ZIP_RATIO_LIMIT} times its own size, {limit / 1e6:.0f} MB (a zip bomb?)")
            raise InputError(f"unpacks to more than {reason}: refused before unpacking", path=name)


def _inflated_size(data: bytes, member: zipfile.ZipInfo, cap: int, name: str) -> int:
    """The bytes ``member`` really inflates to, counting no further than just past ``cap``."""
    import struct
    import zlib

    offset = member.header_offset
    header = data[offset:offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ParseError(f"damaged file: no zip entry where {member.filename!r} should start", path=name)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_length + extra_length
    if member.compress_type == zipfile.ZIP_STORED:
        return max(0, min(member.compress_size, len(data) - start))
    if member.compress_type != zipfile.ZIP_DEFLATED:
        raise UnsupportedFormatError(f"{member.filename!r} is packed with zip method {member.compress_type}, not deflate",
                                     path=name)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    position = start
    try:
        while position < len(data) and not inflater.eof and total <= cap:
            pending = data[position:position + _ZIP_CHUNK]
            position += _ZIP_CHUNK
            while pending and total <= cap:
                total += len(inflater.decompress(pending, cap - total + 1))
                pending = inflater.unconsumed_tail
    except zlib.error as exc:
        raise ParseError(f"damaged file: {member.filename!r} does not inflate ({exc})", path=name) from None
    return total


def _pandoc(data: bytes, fmt: str, name: str) -> str:
    from digestcite.pandoc import PandocError, run_pandoc

    suffix = {"md": ".md", "html": ".html"}.get(fmt, f".{fmt}")
    with tempfile.TemporaryDirectory(prefix="digestcite-") as folder:
        source = Path(folder) / f"page{suffix}"
        source.write_bytes(data)
        try:
            return run_pandoc([str(source), f"--from={_PANDOC_FORMATS[fmt]}", "--to=json", "--strip-comments"])
        except PandocError as exc:
            raise ParseError(f"pandoc could not read this {fmt} file: {exc}", path=name) from exc


def _pdf_pages(data: bytes, name: str) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # NOTE: issue 12.12: pypdf's LimitReachedError (a declared size past its limits, a loop
    # of references) and a RecursionError (content nested thousands deep) escaped as
    # tracebacks and stopped a folder ingest; they are this file's problem, not the ingest's.
    try:
        reader = PdfReader(io.BytesIO(data))
        # NOTE (heldout3 clipping files): the plain extraction drops the vertical gaps between
        # paragraphs, so a headline ran into its text; layout mode keeps them as blank lines.
        pages = [_page_text(page) for page in reader.pages]
    except RecursionError as exc:
        raise ParseError("damaged PDF: objects nested too deeply to read", path=name) from exc
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ParseError(f"damaged PDF: {exc}", path=name) from exc
    if not any(page.strip() for page in pages):
        raise InputError("this PDF has no text layer (a scan?): run OCR on it first", path=name)
    return pages


def _page_text(page: Any) -> str:
    """A PDF page's text with its blank lines (layout mode), or the plain text where layout fails."""
    try:
        text = page.extract_text(extraction_mode="layout", layout_mode_scale_weight=1.0) or ""
    except (ValueError, KeyError, TypeError, ZeroDivisionError, IndexError):
        text = ""
    if not text.strip():
        return page.extract_text() or ""
    # layout mode pads every line to its column on the page: keep the spacing inside lines
    # (tables), drop the page's left margin
    lines = text.split("\n")
    margin = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    return "\n".join(line[margin:].rstrip() for line in lines).strip("\n")


def _format_from_content_type(content_type: str) -> str | None:
    kind = content_type.split(";")[0].strip().lower()
    return {
        "text/html": "html", "application/xhtml+xml": "html", "text/plain": "txt", "text/markdown": "md",
        "application/pdf": "pdf", "application/rtf": "rtf", "text/rtf": "rtf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
        "application/vnd.oasis.opendocument.text": "odt", "application/epub+zip": "epub",
    }.get(kind)


def fetch_url(url: str, *, timeout: float = URL_TIMEOUT, max_size: int = DEFAULT_MAX_SIZE) -> tuple[bytes, str, str]:
    """Fetch an http(s) URL: ``(bytes, content type, final URL)`` (see :mod:`digestcite.corpus.fetch`).

    :raises FetchError: offline, HTTP error, refused redirect, not HTTP, too slow, or too large.
    """
    from digestcite.corpus.fetch import fetch_url as fetch

    return fetch(url, timeout=timeout, max_size=max_size)
