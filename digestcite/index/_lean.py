"""Import Whoosh without two standard modules it imports at start-up but never needs here.

``whoosh.compat`` imports ``urllib.request`` for ``urlretrieve`` (which pulls in
http.client, email and ssl: ~25 ms) and the ``cached_property`` package imports
``asyncio`` to recognise coroutine methods, which Whoosh has none of (~22 ms). Together
they were a third of a fresh ``digestcite cite``. ``whoosh.query`` imports
``whoosh.lang.morph_en`` (~5 ms: hundreds of regular expressions) for its ``Variations``
query, which digestcite never builds. While those modules are imported, small stand-ins
take their place: ``urlretrieve`` and ``variations`` import the real module when called,
and the coroutine test is :func:`inspect.iscoroutinefunction` (what asyncio's does on
Python 3.11+ for anything but legacy generator coroutines). Afterwards ``sys.modules`` is
as it was, so any other code importing ``urllib.request``, ``asyncio`` or
``whoosh.lang.morph_en`` gets the real ones.
"""

from __future__ import annotations

import sys
import types
from typing import Any

_STANDS_IN = ("urllib.request", "asyncio", "whoosh.lang.morph_en")


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)  # noqa: S310 - Whoosh's own call, passed on unchanged


def _variations(word: str) -> Any:
    from whoosh.lang.morph_en import variations

    return variations(word)


class _AsyncioOnDemand(types.ModuleType):
    """``asyncio`` for ``cached_property``: the coroutine test is local, anything else loads asyncio."""

    @staticmethod
    def iscoroutinefunction(func: Any) -> bool:
        import inspect

        return inspect.iscoroutinefunction(func)

    def __getattr__(self, name: str) -> Any:
        import importlib

        return getattr(importlib.import_module("asyncio"), name)


def import_whoosh_lightly() -> None:
    """Import whoosh.compat, cached_property and whoosh.query with the stand-ins in place (once)."""
    if "whoosh.compat" in sys.modules:
        return
    saved = {name: sys.modules.get(name) for name in _STANDS_IN}
    request = types.ModuleType("urllib.request")
    request.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
    sys.modules.setdefault("urllib.request", request)
    sys.modules.setdefault("asyncio", _AsyncioOnDemand("asyncio"))
    morph = types.ModuleType("whoosh.lang.morph_en")
    morph.variations = _variations  # type: ignore[attr-defined]
    sys.modules.setdefault("whoosh.lang.morph_en", morph)
    try:
        import cached_property  # noqa: F401  (binds the asyncio above for good)
        import whoosh.compat  # noqa: F401  (binds urlretrieve above for good)
        import whoosh.query  # noqa: F401  (whoosh.query.terms binds variations above for good)
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
