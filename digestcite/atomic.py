"""Atomic output files: write a temporary file beside the target, then rename it into place.

A crash or Ctrl-C leaves either the old file or the new one, never half of one. Outputs
may not overwrite a corpus's store or index.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from digestcite.errors import ExportError


def check_target(target: Path, protected: list[Path]) -> None:
    """Refuse a target inside a corpus folder (the store, the index)."""
    resolved = target.expanduser().resolve()
    for folder in protected:
        folder = folder.resolve()
        if resolved == folder or folder in resolved.parents:
            raise ExportError("refusing to write inside the corpus folder (store or index)", path=str(target))
    if resolved.is_dir():
        raise ExportError("is a folder, not a file", path=str(target))
    if not resolved.parent.is_dir():
        raise ExportError("its folder does not exist", path=str(target))


def write_atomic(target: Path, data: str | bytes, *, protected: list[Path] | None = None) -> None:
    """Write ``data`` to ``target`` atomically."""
    write_atomic_with(target, lambda tmp: tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data),
                      protected=protected)


def write_atomic_with(target: Path, produce: Callable[[Path], object], *, protected: list[Path] | None = None) -> None:
    """Let ``produce`` write a temporary file beside ``target``, then move it into place."""
    target = target.expanduser()
    check_target(target, protected or [])
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix or ".tmp", dir=target.resolve().parent)
    os.close(handle)
    temporary = Path(name)
    try:
        produce(temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
