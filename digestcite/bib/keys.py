"""Stable citation keys: outlet + year + first significant title word (``epochtimes2020internal``).

A key is given once, at ingest, and never changes; a collision gets a letter suffix
(``…internalb``), then a number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

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


def make_key(outlet_stem: str, year: int | None, title: str, exists: Callable[[str], bool]) -> str:
    """A new key that ``exists`` says is free: ``<outlet><year|nd><word>[suffix]``."""
    stem = re.sub(r"[^a-z0-9]", "", outlet_stem.lower()) or "source"
    base = f"{stem}{year if year is not None else 'nd'}{significant_word(title)}"
    if not exists(base):
        return base
    for letter in "bcdefghijklmnopqrstuvwxyz":
        candidate = base + letter
        if not exists(candidate):
            return candidate
    number = 2
    while exists(f"{base}{number}"):
        number += 1
    return f"{base}{number}"
