"""Stable citation keys: outlet + year + first significant title word (``epochtimes2020internal``).

A key is given once, at ingest, and never changes; a collision gets a letter suffix
(``…internalb``), then a number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

KEY_PATTERN = re.compile(r"^[a-z0-9]+$")

STOPWORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "with", "without", "how", "why", "what", "who", "whom", "when", "where", "which", "is", "are", "was", "were", "be", "been", "being", "by", "at", "as", "from", "over", "into", "onto", "about", "its", "it", "their", "his", "her", "our", "your", "this", "that", "these", "those", "after", "amid", "among", "against", "before", "behind", "between", "during", "under", "more", "less", "than", "new", "says", "said", "say", "will", "would", "can", "could", "should", "may", "might", "not", "no", "nor", "but", "so", "up", "down", "out", "off", "via", "per", "vs", "us"]
)


def significant_word(title: str) -> str:
    """The first title word that is not a stop word, folded to ASCII letters and digits."""
    title = re.sub(r"['’]s\b", "", title)
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    for word in re.findall(r"[a-z0-9]+", ascii_title):
        if word not in STOPWORDS and len(word) >= 3 and not word.isdigit():
            return word[:20]
    return "item"


def key_base(outlet_stem: str, year: int | None, title: str) -> str:
    """A key before any suffix: ``<outlet><year|nd><word>``."""
    stem = re.sub(r"[^a-z0-9]", "", outlet_stem.lower()) or "source"
    return f"{stem}{year if year is not None else 'nd'}{significant_word(title)}"


_LETTERS = "bcdefghijklmnopqrstuvwxyz"


class KeySpace:
    """The keys already taken that begin with one base, and the next free one after them.

    NOTE: issue 12.19: asking the store about each suffix in turn cost one query per letter
    and per number, so 8,000 items with one outlet, year and headline took 108 s to key
    (and every later item with that base paid 8,000 queries). The taken keys are read once;
    keys only ever grow, so the next free number only moves forward.
    """

    __slots__ = ("base", "_taken", "_number")

    def __init__(self, base: str, taken: Iterable[str]) -> None:
        self.base = base
        self._taken = {key[len(base):] for key in taken if key.startswith(base)}
        self._number = 2

    def take(self, key: str) -> None:
        """Note that ``key`` (which begins with this base) is now taken."""
        self._taken.add(key[len(self.base):])

    def next_key(self) -> str:
        """The key :func:`make_key` gives next: the base, else a letter, else the first free number."""
        if "" not in self._taken:
            return self.base
        for letter in _LETTERS:
            if letter not in self._taken:
                return self.base + letter
        while str(self._number) in self._taken:
            self._number += 1
        return f"{self.base}{self._number}"


def make_key(
    outlet_stem: str, year: int | None, title: str, exists: Callable[[str], bool],
    *, space: Callable[[str], KeySpace] | None = None,
) -> str:
    """A new key that ``exists`` says is free: ``<outlet><year|nd><word>[suffix]``.

    The suffix is the first free letter ``b``…``z``, then the first free number from 2.
    A store passes ``space`` (its :class:`KeySpace` for a base) so the suffix is found
    without a query per candidate; the key is the same either way.
    """
    base = key_base(outlet_stem, year, title)
    if space is not None:
        return space(base).next_key()
    if not exists(base):
        return base
    for letter in _LETTERS:
        candidate = base + letter
        if not exists(candidate):
            return candidate
    number = 2
    while exists(f"{base}{number}"):
        number += 1
    return f"{base}{number}"
