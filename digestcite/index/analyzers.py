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
from functools import lru_cache
from typing import Any

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.lang import stemmer_for_language
from whoosh.support.charset import accent_map

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
TOKEN_PATTERN = rf"[{CJK}]|\d+(?:[.,]\d+)*|\w+(?:['’]\w+)*"
_CJK_CHAR = re.compile(rf"[{CJK}]")
_PORTER = stemmer_for_language("en")  # the stemmer StemFilter(lang="en") uses


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
                stemmed = cache[token.text] = token.text if _CJK_CHAR.match(token.text) else stem(token.text)
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


def terms(text: str) -> list[str]:
    """The index terms of a text, in order (what the text analyzer makes of it)."""
    return [t.text for t in text_analyzer()(text)]


def term_spans(text: str) -> list[tuple[str, int, int]]:
    """Each index term with the character span it came from (for highlighting)."""
    return [(t.text, t.startchar, t.endchar) for t in text_analyzer()(text, chars=True, removestops=True)]
