"""Atomic output files: write a temporary file beside the target, then rename it into place.

A crash or Ctrl-C leaves either the old file or the new one, never half of one. Outputs
may not overwrite a corpus's store or index. A symlink is written through (its target is
replaced, the link stays); a device, FIFO, socket or read-only file is refused, never
replaced; the new file keeps the old one's mode, or gets the umask's.

NOTE: issue 12.1: every output used to become a regular 0600 file in place of whatever was
at the target (as root, ``export -o /dev/null`` replaced the system's /dev/null).
"""

from __future__ import annotations

import errno
import os
import re
import socket
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from digestcite.errors import ExportError

_KINDS = {stat.S_IFCHR: "a device", stat.S_IFBLK: "a device", stat.S_IFIFO: "a FIFO (named pipe)",
          stat.S_IFSOCK: "a socket"}
_NOTHING_WRITTEN = {
    errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded", errno.EFBIG: "file too large for this disk or limit",
    errno.EROFS: "read-only file system", errno.EACCES: "permission denied", errno.EPERM: "permission denied",
}


def check_target(target: Path, protected: list[Path]) -> Path:
    """Refuse a target that must not be replaced; return the file to write (a symlink's target).

    :raises ExportError: inside a corpus folder, a folder, not a regular file, read-only, or
        its folder does not exist.
    """
    target = target.expanduser()
    resolved = Path(os.path.realpath(target))
    for folder in protected:
        folder = folder.resolve()
        if resolved == folder or folder in resolved.parents:
            raise ExportError("refusing to write inside the corpus folder (store or index)", path=str(target))
    try:
        # NOTE: the kernel follows the links itself: /dev/stdout resolves to /proc/self/fd/1
        # and then to 'pipe:[…]', which realpath cannot name but stat can.
        found = os.stat(target)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise ExportError(f"cannot write here: {exc.strerror}", path=str(target)) from exc
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            raise ExportError("is a folder, not a file", path=str(target))
        if not stat.S_ISREG(found.st_mode):
            kind = _KINDS.get(stat.S_IFMT(found.st_mode), "not a file")
            raise ExportError(f"is {kind}, not a regular file: refusing to replace it", path=str(target))
        # NOTE: root may write anything; a file without write permission says "keep me" all the same.
        if not found.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise ExportError("is read-only: refusing to replace it (make it writable, or write elsewhere)",
                              path=str(target))
    if not resolved.parent.is_dir():
        raise ExportError("its folder does not exist", path=str(target))
    return resolved


def write_atomic(target: Path, data: str | bytes, *, protected: list[Path] | None = None) -> None:
    """Write ``data`` to ``target`` atomically."""
    write_atomic_with(target, lambda tmp: tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data),
                      protected=protected)


def write_atomic_with(target: Path, produce: Callable[[Path], object], *, protected: list[Path] | None = None) -> None:
    """Let ``produce`` write a temporary file beside ``target``, then move it into place.

    :raises ExportError: the target is refused (see :func:`check_target`), or the disk is
        full, read-only or not ours to write: then nothing was written and an older file is intact.
    """
    target = target.expanduser()
    final = check_target(target, protected or [])
    before = _stat_or_none(final)
    prefix = _temp_prefix(final.name)
    remove_stale_temporaries(final.parent, final.name)
    try:
        handle, name = tempfile.mkstemp(prefix=prefix, suffix=final.suffix or ".tmp", dir=final.parent)
    except OSError as exc:
        raise _nothing_written(exc, target, before is not None, where=f"cannot make a file in {final.parent}") from exc
    os.close(handle)
    temporary = Path(name)
    try:
        produce(temporary)
        _give_mode(temporary, before)
        os.replace(temporary, final)
    except OSError as exc:
        raise _nothing_written(exc, target, before is not None) from exc
    finally:
        temporary.unlink(missing_ok=True)


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _give_mode(temporary: Path, before: os.stat_result | None) -> None:
    """The old file's mode (and, as root, owner); for a new file what the umask allows (mkstemp gives 0600)."""
    if before is None:
        os.chmod(temporary, 0o666 & ~_umask())
        return
    os.chmod(temporary, stat.S_IMODE(before.st_mode))
    if os.geteuid() == 0 and (before.st_uid, before.st_gid) != (os.geteuid(), os.getegid()):
        os.chown(temporary, before.st_uid, before.st_gid)


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # NOTE: the only portable way to read it is to set it
    os.umask(mask)
    return mask


def _nothing_written(exc: OSError, target: Path, existed: bool, *, where: str | None = None) -> ExportError:
    reason = _NOTHING_WRITTEN.get(exc.errno or 0)
    problem = reason if reason and not (where and reason == "permission denied") else None
    if problem is None:
        problem = f"{where}: {exc.strerror}" if where else f"cannot write: {exc.strerror or exc}"
    kept = "the file that was there is unchanged" if existed else "no file was made"
    return ExportError(f"{problem}: nothing written ({kept})", path=str(target))


# --- temporary files a killed process left behind ------------------------------------------

def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "", socket.gethostname())[:24] or "host"


def _temp_prefix(name: str) -> str:
    """``.refs.bib.~host-1234~``: hidden, named for its target, its machine and its process."""
    return f".{name}.~{_host()}-{os.getpid()}~"


def remove_stale_temporaries(folder: Path, name: str) -> list[Path]:
    """Remove the temporary files of writes to ``folder/name`` whose process is gone (a SIGKILL, a crash).

    NOTE: issue 12.21: a killed ``render`` left a hidden, complete temporary file beside the
    target. Only files of this machine whose process no longer runs are removed.
    """
    pattern = re.compile(rf"{re.escape(f'.{name}.~{_host()}-')}(\d+)~")
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or int(match.group(1)) == os.getpid() or _is_running(int(match.group(1))):
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:  # gone already, or not ours to remove: the new write goes on regardless
            continue
    return removed


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
