"""Errors shared by every stage of digestcite.

Each error renders as one line for a person, place first: ``path:line: problem``.
The CLI turns any :class:`DigestciteError` into ``Error: <line>`` and exit status 1. The line
is safe for a terminal: control characters in a path or message (a file name holding ESC, a
byte that is not UTF-8) are escaped (issue 12.4, 12.15).
"""

from __future__ import annotations


class DigestciteError(Exception):
    """Base of every error digestcite raises on purpose."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        from digestcite.controls import printable

        place = ""
        if self.path:
            place = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return printable(f"{place}{self.message}")


class InputError(DigestciteError):
    """A page, file, URL or draft that cannot be read as given."""


class ParseError(InputError):
    """Text that does not have the expected shape (a date, a query, a draft)."""


class UnsupportedFormatError(InputError):
    """A file whose format digestcite cannot read (binary, unknown extension)."""


class FetchError(InputError):
    """A URL that could not be fetched (offline, HTTP error, too large)."""


class CorpusError(DigestciteError):
    """Something wrong with the corpus folder itself."""


class NoCorpusError(CorpusError):
    """No corpus folder where one was expected."""


class UnknownKeyError(CorpusError):
    """A citation key that is not in the corpus."""


class UnknownPageError(CorpusError):
    """A page (document) that is not in the corpus, or a name that fits several."""


class SchemaVersionError(CorpusError):
    """A store written by a newer digestcite than this one."""


class BusyError(CorpusError):
    """Another process holds the corpus for writing."""


class QueryError(DigestciteError):
    """A search query that cannot be parsed."""


class ExportError(DigestciteError):
    """An export that cannot be written."""


class RenderError(DigestciteError):
    """A draft that pandoc could not render."""


class DiskFullError(CorpusError):
    """The disk filled up while writing the corpus (what was committed is kept)."""
