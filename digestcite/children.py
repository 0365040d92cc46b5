"""Child processes (the ingest worker, Whoosh's sub-writers) die with their parent.

NOTE: found by the SIGKILL test: a killed `digestcite ingest` left its worker and Whoosh's
sub-writer waiting forever on pipes they hold open themselves. On Linux every process
forked after :func:`die_with_parent` asks the kernel for SIGKILL when its parent dies.
"""

from __future__ import annotations

import os
import signal

_installed = False


def _parent_answers(signum: int, frame: object) -> None:
    """SIGINT in a child: nothing to do, the parent stops it."""


def die_with_parent() -> None:
    """Make every child forked from now on exit when this process dies (Linux; else nothing)."""
    global _installed
    if _installed or not hasattr(os, "register_at_fork"):
        return
    parent = os.getpid()

    def in_child() -> None:
        # NOTE: issue 12.18: a terminal's Ctrl-C reaches the whole process group, and each
        # Whoosh sub-writer printed its own KeyboardInterrupt traceback. The parent alone
        # answers Ctrl-C (it rolls back and stops its children); a Python-level handler,
        # unlike SIG_IGN, is not inherited by programs a child runs (pandoc still stops).
        signal.signal(signal.SIGINT, _parent_answers)
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            return
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    os.register_at_fork(after_in_child=in_child)
    _installed = True
