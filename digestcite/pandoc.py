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

# NOTE: issue 12.5: pandoc's memory grows ~140 bytes per byte of DOCX XML, and some small
# Markdown (`\begin{x}` x 20,000, 180 KB) grew past 15 GB. pandoc's own runtime caps its heap
# (`+RTS -M…`: measured with the wheel's pandoc 3.9, a 1 GB cap stopped that Markdown at
# 1.17 GB RSS in 13 s, exit 251) and a child that takes too long is killed.
TIMEOUT_S = 60.0
MEMORY_MB = 2048
TIMEOUT_ENV = "DIGESTCITE_PANDOC_TIMEOUT"
MEMORY_ENV = "DIGESTCITE_PANDOC_MEMORY"
_HEAP_EXHAUSTED = 251  # the GHC runtime's exit status when the heap cap is reached


def limits() -> tuple[float, int]:
    """pandoc's time (seconds) and memory (MB) limits: the environment's, else 60 s and 2048 MB.

    :raises DigestciteError: a setting that is not a positive number.
    """
    from digestcite.limits import positive_number

    timeout = positive_number(TIMEOUT_ENV, TIMEOUT_S, DigestciteError)
    return timeout, max(16, round(positive_number(MEMORY_ENV, float(MEMORY_MB), DigestciteError)))


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

    pandoc runs under a time and a memory limit (:func:`limits`).

    :raises PandocError: pandoc exited non-zero, ran out of its memory or time; the message says which.
    """
    timeout, memory_mb = limits()
    rts = ["+RTS", f"-M{memory_mb}m", "-RTS"]
    done = _run([pandoc_path(), *rts, *args], source, timeout)
    if done.returncode != 0 and b"RTS options are disabled" in done.stderr:
        # NOTE: a pandoc built without -rtsopts (some system packages) refuses +RTS; run it with the time limit alone.
        done = _run([pandoc_path(), *args], source, timeout)
    if done.returncode == _HEAP_EXHAUSTED or b"Heap exhausted" in done.stderr:
        raise PandocError(f"pandoc needed more than its {memory_mb} MB memory limit (raise it with {MEMORY_ENV}=MB)")
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PandocError(lines[-1] if lines else f"pandoc exited with status {done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def _run(command: list[str], source: bytes | None, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        from digestcite.children import exec_dies_with_parent

        return subprocess.run(command, input=source if source is not None else b"", capture_output=True,
                              timeout=timeout, check=False,
                              preexec_fn=exec_dies_with_parent())  # noqa: PLW1509 - only prctl runs there
    except subprocess.TimeoutExpired as exc:
        raise PandocError(f"pandoc took longer than its {timeout:g} s time limit (raise it with {TIMEOUT_ENV}=SECONDS)") from exc
