"""Limits a user can set from the environment (pandoc's time and memory, a fetch's deadline)."""

from __future__ import annotations

import os

from digestcite.errors import DigestciteError


def positive_number(name: str, default: float, error: type[DigestciteError], unit: str = "") -> float:
    """The positive number in environment variable ``name``, or ``default`` when it is unset.

    :raises error: the variable holds no number, or not one above 0 (``unit`` is said after it).
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise error(f"{name}={raw!r} is not a number{' of' + unit if unit else ''}") from None
    if not value > 0:
        raise error(f"{name}={raw!r} must be more than 0{unit}")
    return value
