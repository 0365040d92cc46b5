"""Import click without ``uuid``, which it imports at start-up for a parameter type we never use.

NOTE (issue 13, "Speed"): ``click.types`` imports ``uuid`` (and through it ``platform``:
~1.5-2 ms of every fresh ``digestcite`` run) only for ``click.UUID``. While click imports, a
stand-in takes its place; click keeps it as its ``uuid``, and any name looked up on it later
(``uuid.UUID`` when a ``click.UUID`` parameter converts a value) imports the real module and
answers from it. Afterwards ``sys.modules`` is as it was, so other code importing ``uuid``
gets the real one. (The same way as :mod:`digestcite.index._lean` imports Whoosh.)
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _UuidOnDemand(types.ModuleType):
    """``uuid`` for click.types: any name is looked up on the real module, imported then."""

    def __getattr__(self, name: str) -> Any:
        import importlib

        return getattr(importlib.import_module("uuid"), name)


class _UUIDWhileClickImports:
    """What ``uuid.UUID`` is while click.types defines ``UUIDParameterType(ParamType[uuid.UUID])``.

    Only that class statement's type argument sees it: click looks ``uuid.UUID`` up again
    whenever it converts a value, and then gets the real class.
    """


def import_click_lightly() -> None:
    """Import click with the ``uuid`` stand-in in place (once; nothing to do if either is loaded)."""
    if "click" in sys.modules or "uuid" in sys.modules:
        return
    stand_in = _UuidOnDemand("uuid")
    stand_in.UUID = _UUIDWhileClickImports  # type: ignore[attr-defined]
    sys.modules["uuid"] = stand_in
    try:
        import click  # noqa: F401  (click.types binds the stand-in for good)
    finally:
        if sys.modules.get("uuid") is stand_in:
            del sys.modules["uuid"]
        del stand_in.UUID  # from now on uuid.UUID is the real one
