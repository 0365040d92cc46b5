"""Fetch one http(s) URL for the readers, defensively: the server is not trusted.

Redirects are checked before they are followed (http(s) only; never into this machine or
its network unless the URL given was already there, and then only to the same address and
port); the whole fetch has a deadline, not only each read; a reply that is not HTTP, has
too many or too long headers, a damaged chunk or a body shorter than its Content-Length is
one :class:`~digestcite.errors.FetchError` line (issue 12.7, 12.13).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from digestcite.errors import FetchError

URL_TIMEOUT = 20.0  # one read or connect
FETCH_DEADLINE = 120.0  # the whole fetch, redirects included
DEADLINE_ENV = "DIGESTCITE_FETCH_DEADLINE"
MAX_REDIRECTS = 10
_SAFE_URL_CHARS = "%/:=&?~#+!$,;'@()*[]-._"


def fetch_deadline() -> float:
    """Seconds a whole fetch may take: ``DIGESTCITE_FETCH_DEADLINE`` or 120."""
    from digestcite.limits import positive_number

    return positive_number(DEADLINE_ENV, FETCH_DEADLINE, FetchError, " seconds")


def _is_http(spec: str) -> bool:
    return spec[:8].lower().startswith(("http://", "https://"))


def address_kind(address: str) -> str | None:
    """``loopback``, ``link-local`` or ``private`` for an address inside a machine or network, else None."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_private or ip.is_reserved or ip.is_unspecified or ip.is_multicast:
        return "private"
    return None


def _requote(url: str, original: str) -> str:
    """``url`` with spaces and other characters a request line cannot carry percent-encoded.

    NOTE: issue 12.13: a URL with a space reached http.client, whose InvalidURL was a traceback.
    """
    try:
        parts = urllib.parse.urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise FetchError(f"not a valid URL: {exc}", path=original) from None
    if not parts.hostname or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in parts.netloc):
        raise FetchError(f"not a valid URL: no host name in {url!r}" if not parts.hostname
                         else f"not a valid URL: the host name holds a space or control character: {url!r}", path=original)
    path, query, fragment = (urllib.parse.quote(part, safe=_SAFE_URL_CHARS) for part in (parts.path, parts.query, parts.fragment))
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc, path or "/", query, fragment))


def _endpoints(url: str) -> set[tuple[str, int]]:
    parts = urllib.parse.urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve the host {parts.hostname} ({exc})") from exc
    return {(str(info[4][0]), port) for info in infos}


def _place(address: str) -> str:
    """An address as a place: every loopback address is this machine."""
    return "loopback" if address_kind(address) == "loopback" else address


class _Deadline:
    """Shuts the fetch's sockets when the whole-fetch deadline passes, waking a blocked read."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _RedirectGuard(urllib.request.HTTPRedirectHandler):
    """Checks each redirect before it is followed (issue 12.7), and counts them (12.21)."""

    # NOTE: urllib's own loop check ends with the bare reason of the last reply ("Found");
    # ours comes first and says what happened.
    max_repeats = max_redirections = MAX_REDIRECTS * 10

    def __init__(self, first_url: str) -> None:
        self.first_url = first_url
        self.count = 0
        self._first: set[tuple[str, int]] | None = None

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        self.count += 1
        if self.count > MAX_REDIRECTS:
            raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}); the last went to {newurl}",
                             path=self.first_url)
        if not _is_http(newurl):
            scheme = newurl.split(":", 1)[0] if ":" in newurl else newurl
            raise FetchError(f"redirected to {scheme}: ({newurl}); only http(s) redirects are followed", path=self.first_url)
        newurl = _requote(newurl, self.first_url)
        try:
            targets = _endpoints(newurl)
        except FetchError as exc:
            raise FetchError(f"redirected to {newurl}, but {exc.message}", path=self.first_url) from exc
        for address, port in sorted(targets):
            kind = address_kind(address)
            if kind is None:
                continue
            if self._first is None:
                self._first = {(_place(a), p) for a, p in _endpoints(self.first_url)}
            if not any(a == "loopback" or address_kind(a) for a, _ in self._first):
                why = "and the URL given was not"
            elif (_place(address), port) in self._first:
                continue
            elif any(a == _place(address) for a, _ in self._first):
                why = f"and port {port} is not the one of the URL given"
            else:
                why = "and not the address of the URL given"
            raise FetchError(f"refused a redirect to {newurl}: {address} is a {kind} address, {why}", path=self.first_url)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _connections(deadline: _Deadline) -> tuple[type[http.client.HTTPConnection], type[http.client.HTTPSConnection]]:
    class Plain(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    class Secure(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    return Plain, Secure


class _PlainHandler(urllib.request.HTTPHandler):
    def __init__(self, connection: type[http.client.HTTPConnection]) -> None:
        super().__init__()
        self._connection = connection

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _SecureHandler(urllib.request.HTTPSHandler):
    def __init__(self, connection: type[http.client.HTTPSConnection]) -> None:
        super().__init__()
        self._connection = connection

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req, context=self._context)  # type: ignore[attr-defined]


def _not_http(exc: http.client.HTTPException) -> str:
    if isinstance(exc, http.client.LineTooLong):
        return "the server sent a header line longer than 64 KB"
    if isinstance(exc, http.client.IncompleteRead):
        return f"the reply was cut short after {len(exc.partial):,} bytes (a damaged chunk, or the connection closed early)"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without replying"
    if isinstance(exc, http.client.BadStatusLine):
        line = str(exc.line if hasattr(exc, "line") else exc)[:60]
        return f"not an HTTP reply (its first line was {line!r})"
    if "more than" in str(exc) and "headers" in str(exc):
        return "the server sent more than 100 header lines"
    return f"not a valid HTTP reply ({exc})"


def fetch_url(url: str, *, timeout: float = URL_TIMEOUT, max_size: int,
              deadline: float | None = None) -> tuple[bytes, str, str]:
    """Fetch an http(s) URL: ``(bytes, content type, final URL after redirects)``.

    :param timeout: seconds for one connect or read.
    :param deadline: seconds for the whole fetch (default :func:`fetch_deadline`).
    :raises FetchError: offline, HTTP error, refused redirect, a reply that is not HTTP, too
        slow, cut short, or larger than ``max_size``.
    """
    from digestcite import __version__

    if not _is_http(url):
        raise FetchError("only http(s) URLs can be fetched", path=url)
    seconds = fetch_deadline() if deadline is None else deadline
    target = _requote(url, url)
    with _Deadline(seconds) as watchdog:
        plain, secure = _connections(watchdog)
        opener = urllib.request.build_opener(_PlainHandler(plain), _SecureHandler(secure), _RedirectGuard(url))
        request = urllib.request.Request(target, headers={"User-Agent": f"digestcite/{__version__}"})  # noqa: S310 - http(s) only
        try:
            with opener.open(request, timeout=timeout) as response:
                data = response.read(max_size + 1)
                if len(data) > max_size:
                    raise FetchError(f"larger than the {max_size / 1e6:.0f} MB limit (raise it with --max-size)", path=url)
                if watchdog.expired:
                    raise _too_slow(url, seconds)
                declared = response.headers.get("Content-Length")
                chunked = "chunked" in response.headers.get("Transfer-Encoding", "").lower()
                if declared and declared.strip().isdigit() and not chunked and len(data) < int(declared):
                    raise FetchError(f"the reply was cut short: {len(data):,} of the {int(declared):,} bytes its"
                                     " Content-Length promised", path=url)
                return data, response.headers.get("Content-Type", ""), response.geturl()
        except FetchError:
            raise
        except urllib.error.HTTPError as exc:
            raise FetchError(f"HTTP {exc.code} {exc.reason}", path=url) from exc
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            if watchdog.expired:
                raise _too_slow(url, seconds) from exc
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            if isinstance(reason, http.client.HTTPException):
                raise FetchError(_not_http(reason), path=url) from exc
            if isinstance(reason, TimeoutError):
                raise FetchError(f"no answer within {timeout:.0f} s", path=url) from exc
            if isinstance(exc, urllib.error.URLError):
                raise FetchError(f"cannot fetch ({reason}); are you offline?", path=url) from exc
            raise FetchError(f"cannot fetch: {exc}", path=url) from exc


def _too_slow(url: str, seconds: float) -> FetchError:
    return FetchError(f"not fetched within {seconds:g} s in all (the server sends too slowly;"
                      f" set {DEADLINE_ENV} to wait longer)", path=url)
