"""Child processes (the ingest worker, Whoosh's sub-writers, pandoc) die with their parent.

NOTE: found by the SIGKILL test: a killed `digestcite ingest` left its worker and Whoosh's
sub-writer waiting forever on pipes they hold open themselves. On Linux every process
forked after :func:`die_with_parent` asks the kernel for SIGKILL when its parent dies.
Programs started through ``subprocess`` skip Python's fork hooks: they get the same
request through :func:`exec_dies_with_parent` (issue 12.21: a killed ``render`` left pandoc
running to the end).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from functools import cache
from typing import Any

_installed = False
_PR_SET_PDEATHSIG = 1


def _parent_answers(signum: int, frame: object) -> None:
    """SIGINT in a child: nothing to do, the parent stops it."""


def die_with_parent() -> None:
    """Make every child forked from now on exit when this process dies (Linux; else nothing)."""
    global _installed
    if _installed or not hasattr(os, "register_at_fork"):
        return
    forking = [os.getpid()]

    def before_fork() -> None:
        forking[0] = os.getpid()  # the process forking now: a worker forks children of its own

    def in_child() -> None:
        # NOTE: issue 12.18: a terminal's Ctrl-C reaches the whole process group, and each
        # Whoosh sub-writer printed its own KeyboardInterrupt traceback. The parent alone
        # answers Ctrl-C (it rolls back and stops its children); a Python-level handler,
        # unlike SIG_IGN, is not inherited by programs a child runs (pandoc still stops).
        signal.signal(signal.SIGINT, _parent_answers)
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            return
        # NOTE: compared with the process that forked this one, not the one that installed the
        # handler: a worker's own children (pandoc through subprocess with a preexec_fn runs
        # these handlers) were killed at birth as orphans, and pandoc "exited with status 1".
        if os.getppid() != forking[0]:  # the parent died before prctl took effect
            os._exit(1)

    os.register_at_fork(before=before_fork, after_in_child=in_child)
    _installed = True


def exec_dies_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` for ``subprocess`` that makes the program die with this process, or None off Linux.

    The C library is looked up here, in the parent; the child only calls ``prctl``.
    """
    libc = _libc()
    if libc is None:
        return None
    parent = os.getpid()

    def before_exec() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return before_exec


@cache
def _libc() -> Any:
    if not os.path.isdir("/proc/self"):  # PR_SET_PDEATHSIG is Linux's
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl  # noqa: B018 - a C library without prctl is not Linux's
    except (OSError, AttributeError):
        return None
    return libc
