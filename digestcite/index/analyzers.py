"""Text analysis for the index: English words stemmed, accents folded, Chinese by character.

NOTE: Whoosh's standard analyzers keep a run of Chinese characters as one token, so
``抗美援朝`` inside a longer run would never match. Here each CJK character is a token
(the schema's ``multitoken_query="phrase"`` turns a CJK run in a query into a phrase of
characters), and numbers keep their
decimals (``7.36``) so they are searchable as written.

This module imports Whoosh at the top: only the index stage imports it, and Whoosh
pickles the schema (with these filter classes) into the index, so they must live at
module level.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import Any

from whoosh.analysis import STOP_WORDS, CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.support.charset import accent_map

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
TOKEN_PATTERN = rf"[{CJK}]|\d+(?:[.,]\d+)*|\w+(?:['’]\w+)*"
# NOTE: the ranges of CJK as (first, last) pairs. A character class of them costs ~3 ms to
# compile (re fills a 64K-entry map character by character), once per fresh process.
_CJK_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"), ("\u3040", "\u30ff"),
               ("\uac00", "\ud7af"))


def _is_cjk(text: str) -> bool:
    """Whether ``text`` starts with a CJK character (what ``re.match(f"[{CJK}]", text)`` says)."""
    first = text[:1]
    return bool(first) and any(low <= first <= high for low, high in _CJK_RANGES)


def _english_stemmer() -> Any:
    """Snowball's English stemmer: what ``whoosh.lang.stemmer_for_language("en")`` returns.

    NOTE: that function imports ``whoosh.lang.snowball``, whose ``__init__`` imports the
    stemmers of all 14 languages (~3 ms of every lookup). Here a bare package stands in for
    it while ``snowball.english`` (and its ``bases``) load; afterwards ``sys.modules`` is as
    it was, so any later import of ``whoosh.lang.snowball`` gets the real package.
    """
    import sys
    import types
    from pathlib import Path

    import whoosh.lang

    name = "whoosh.lang.snowball"
    if name in sys.modules:
        return sys.modules[name].classes["en"]().stem
    package = types.ModuleType(name)
    package.__path__ = [str(Path(whoosh.lang.__file__).parent / "snowball")]
    sys.modules[name] = package
    try:
        from whoosh.lang.snowball.english import EnglishStemmer

        return EnglishStemmer().stem
    finally:
        for loaded in (name, f"{name}.english", f"{name}.bases"):
            sys.modules.pop(loaded, None)


_PORTER = _english_stemmer()  # the stemmer StemFilter(lang="en") uses


def stem(word: str) -> str:
    """The English stem of a word, stemmed again until it stays the same (at most 3 times).

    NOTE (issue 11): one Porter pass leaves word families apart: ``petition`` → ``petit``
    but ``petitioner`` → ``petition``, ``financial`` → ``financ`` but ``finance`` →
    ``financ``... a writer's ``petition`` must find the petitioners. Stemming the stem
    joins them; on the seeds and the sample corpus it merged 6 of 1,718 stems, all but
    one (``overall``/``over``) word families.
    """
    current = _PORTER(word)
    for _ in range(3):
        again = _PORTER(current)
        if again == current:
            break
        current = again
    return current


class FoldAccents(Filter):
    """Accent folding for the few tokens that are not ASCII.

    NOTE: with CachedStem, the same terms as whoosh's CharsetFilter(accent_map) and
    StemFilter("en") (a property test checks it) in three quarters of the time: most
    tokens need no folding, and a dict lookup is cheaper than StemFilter's LRU wrapper.
    """

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(self, tokens: Any) -> Any:
        for token in tokens:
            if not token.text.isascii():
                token.text = token.text.translate(accent_map)
            yield token


class CachedStem(Filter):
    """English stems with a plain dict as cache (dropped when whoosh pickles the schema)."""

    def __init__(self) -> None:
        self.cache: dict[str, str] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.cache = {}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(self, tokens: Any) -> Any:
        cache = self.cache
        for token in tokens:
            stemmed = cache.get(token.text)
            if stemmed is None:
                if len(cache) > 200_000:
                    cache.clear()
                stemmed = cache[token.text] = token.text if _is_cjk(token.text) else stem(token.text)
            token.text = stemmed
            yield token


@lru_cache(maxsize=1)
def text_analyzer() -> Any:
    """The analyzer for titles and bodies: tokens, lower case, accents, stop words, stems."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldAccents() | StopFilter(minsize=1) | CachedStem()


@lru_cache(maxsize=1)
def name_analyzer() -> Any:
    """For outlets and speakers: words and CJK characters, lower case, no stems."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)


# Stems of the words lookups analyse (terms() and term_spans()), as CachedStem keeps them.
_STEMS: dict[str, str] = {}


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    # NOTE: the flags RegexTokenizer compiles with (whoosh.util.text.rcompile), so the index's
    # own tokenizer and this one share one entry of re's cache: compiled once per process.
    return re.compile(TOKEN_PATTERN, re.UNICODE)


def _term(word: str, firsts: frozenset[str] | None = None) -> str | None:
    """The term a token becomes in the text analyzer's chain, or None for a stop word.

    With ``firsts``, a word that does not begin with one of these letters is not stemmed
    and becomes ``""``: Snowball's English stemmer only ever changes a word's ending (its
    steps work on suffixes in R1, which starts at the second letter at the earliest, and its
    special words keep their first letter), so a stem begins with its word's first letter.
    """
    word = word.lower()
    if not word.isascii():
        word = word.translate(accent_map)
    if not word or word in STOP_WORDS:
        return None
    if firsts is not None and word[0] not in firsts:
        return ""
    stemmed = _STEMS.get(word)
    if stemmed is None:
        if len(_STEMS) > 200_000:
            _STEMS.clear()
        stemmed = _STEMS[word] = word if _is_cjk(word) else stem(word)
    return stemmed


def _firsts(among: Collection[str] | None) -> frozenset[str] | None:
    return None if among is None else frozenset(term[:1] for term in among)


def terms(text: str, among: Collection[str] | None = None) -> list[str]:
    """The index terms of a text, in order (what the text analyzer makes of it).

    NOTE: the text analyzer's steps without Whoosh's token objects and generator chain
    (a property test checks both give the same terms): a lookup analyses every claim of the
    items it ranks, and stemming each of their words was most of that time.

    :param among: the only terms the caller looks for: a word that cannot stem to any of
        them is ``""`` in the list (so runs and positions stay as they are), unstemmed.
    """
    firsts = _firsts(among)
    found = []
    for word in _token_re().findall(text):
        term = _term(word, firsts)
        if term is not None:
            found.append(term)
    return found


def term_spans(text: str, among: Collection[str] | None = None) -> list[tuple[str, int, int]]:
    """Each index term with the character span it came from (for highlighting); ``among`` as for :func:`terms`."""
    firsts = _firsts(among)
    found = []
    for match in _token_re().finditer(text):
        term = _term(match.group(0), firsts)
        if term is not None:
            found.append((term, match.start(), match.end()))
    return found
