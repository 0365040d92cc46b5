"""Text analysis for the index: English words stemmed, accents folded, Chinese by character.

NOTE: Whoosh's standard analyzers keep a run of Chinese characters as one token, so
``抗美援朝`` inside a longer run would never match. Here each CJK character is a token
(the query side turns a CJK run into a phrase of characters), and numbers keep their
decimals (``7.36``) so they are searchable as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
TOKEN_PATTERN = rf"[{CJK}]|\d+(?:[.,]\d+)*|\w+(?:['’]\w+)*"
CJK_RUN = re.compile(rf"[{CJK}]+")


@lru_cache(maxsize=1)
def text_analyzer() -> Any:
    """The analyzer for titles and bodies: tokens, lower case, accents, stop words, stems."""
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
    from whoosh.support.charset import accent_map

    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(minsize=1)
        | StemFilter(lang="en", ignore=None, cachesize=50000)
    )


@lru_cache(maxsize=1)
def name_analyzer() -> Any:
    """For outlets and speakers: words and CJK characters, lower case, no stems."""
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
    from whoosh.support.charset import accent_map

    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)


def terms(text: str) -> list[str]:
    """The index terms of a text, in order (what the text analyzer makes of it)."""
    return [t.text for t in text_analyzer()(text)]


def term_spans(text: str) -> list[tuple[str, int, int]]:
    """Each index term with the character span it came from (for highlighting)."""
    return [(t.text, t.startchar, t.endchar) for t in text_analyzer()(text, chars=True, removestops=True)]
