"""Control characters: stripped from page text at ingest, escaped in anything printed.

NOTE: issue 12.4: ESC and BEL in a page (also as HTML ``&#x1b;``) or in a file name reached
the terminal raw (OSC 52 writes the clipboard, OSC 0 the window title, CSI clears the
screen). Issue 12.15: a file name that is not UTF-8 arrives as lone surrogates, which
neither SQLite nor a UTF-8 terminal can take.
"""

from __future__ import annotations

import re

# C0 but tab and newline, DEL, C1. Carriage returns, form and line feeds are gone by the time
# text is cut into blocks; one left inside a block is noise.
_PAGE_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What a terminal must never receive from our data: every C0 (tab and newline too, in a
# name), DEL, C1, and lone surrogates (bytes of a file name that are not UTF-8).
_NAME_CONTROLS = "[\x00-\x1f\x7f-\x9f\ud800-\udfff]"
_TEXT_CONTROLS = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"
_SURROGATES = "[\ud800-\udfff]"
# NOTE (issue 13, "Speed"): a character class reaching past Latin-1 costs 0.2-0.7 ms to
# compile (re fills a 64K map character by character), and every lookup printed its text
# through several. Text without a lone surrogate (nearly all text) is escaped with these
# Latin-1 classes, which find exactly what the full ones would there; the full patterns are
# compiled (and cached by re) only for text that has one.
_NAME_CONTROLS_LATIN1 = re.compile("[\x00-\x1f\x7f-\x9f]")
_TEXT_CONTROLS_LATIN1 = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


# A whole terminal sequence goes, not just its ESC: CSI (ESC [ … final), OSC, DCS and kin
# (ESC ] … BEL or ESC \), and two-character escapes. What is left of a broken one is plain text.
# (Compiled by re when a page first has a control character: a lookup never needs it.)
_SEQUENCES = (
    "\x1b\\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"
    "|[\x1b][\\]P^_X][^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)"
    "|[\x90\x9d\x9e\x9f\x98][^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)"
    "|\x1b[ -~]"
)


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a surrogate code point (a byte of a file name that is not UTF-8)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")  # strict UTF-8 refuses exactly the surrogates
    except UnicodeEncodeError:
        return True
    return False


def has_controls(text: str) -> bool:
    """Whether :func:`strip_controls` would change ``text``."""
    return _PAGE_CONTROLS.search(text) is not None


def strip_controls(text: str) -> str:
    """Page text without terminal sequences or C0/C1 control characters (tab and newline are kept)."""
    if _PAGE_CONTROLS.search(text) is None:
        return text
    return _PAGE_CONTROLS.sub("", re.sub(_SEQUENCES, "", text))


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _ESCAPES:
        return _ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """A name (path, URL, outlet) safe for a terminal, on one line: controls as ``\\x1b``, ``\\n``.

    A byte of a file name that is not UTF-8 becomes ``\\xe9``, the way ``ls -b`` shows it.
    """
    if has_surrogates(text):
        return re.sub(_NAME_CONTROLS, _escape, text)
    return _NAME_CONTROLS_LATIN1.sub(_escape, text)


def printable_text(text: str) -> str:
    """Text for a terminal that may run over several lines: like :func:`printable`, newlines and tabs kept."""
    if has_surrogates(text):
        return re.sub(_TEXT_CONTROLS, _escape, text)
    return _TEXT_CONTROLS_LATIN1.sub(_escape, text)


def storable(name: str) -> str:
    """A file name as valid UTF-8 text: bytes that are not UTF-8 become ``\\xe9`` (nothing else changes)."""
    return re.sub(_SURROGATES, _escape, name) if has_surrogates(name) else name
