"""Run the pandoc binary that the pypandoc-binary wheel brings, directly.

``pypandoc.convert_*`` costs ~45 ms to import and starts pandoc three extra times per
call (``--version``, ``--list-input-formats``, ``--list-output-formats``) before the real
run: it made the Chicago note of a fresh ``digestcite cite`` cost 0.4 s instead of 0.1 s,
and every HTML, Markdown or DOCX page of an ingest pay the same. So the binary is found
once (the wheel's own copy, without importing pypandoc; else whatever pypandoc finds, e.g.
a system pandoc) and run with :func:`subprocess.run`.
"""

from __future__ import annotations

import os
import subprocess
from functools import cache
from pathlib import Path

from digestcite.errors import DigestciteError

TIMEOUT_S = 300


class PandocError(DigestciteError):
    """pandoc ran and failed; the message is its last line of stderr."""


@cache
def pandoc_path() -> str:
    """The pandoc executable: the wheel's bundled copy, else the one pypandoc would use."""
    from importlib.util import find_spec

    spec = find_spec("pypandoc")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        bundled = Path(folder) / "files" / ("pandoc.exe" if os.name == "nt" else "pandoc")
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError) as exc:
        raise DigestciteError("pandoc is not available: reinstall digestcite (pypandoc-binary brings it)") from exc


def run_pandoc(args: list[str], source: bytes | None = None) -> str:
    """Run pandoc with ``args`` (``source`` on stdin); return its stdout as text.

    :raises PandocError: pandoc exited non-zero or timed out; the message says why.
    """
    from digestcite.children import exec_dies_with_parent

    try:
        done = subprocess.run([pandoc_path(), *args], input=source if source is not None else b"",
                              capture_output=True, timeout=TIMEOUT_S, check=False,
                              preexec_fn=exec_dies_with_parent())  # noqa: PLW1509 - only prctl runs there
    except subprocess.TimeoutExpired as exc:
        raise PandocError(f"pandoc took longer than {TIMEOUT_S} s") from exc
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PandocError(lines[-1] if lines else f"pandoc exited with status {done.returncode}")
    return done.stdout.decode("utf-8", "replace")
