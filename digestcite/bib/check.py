"""Drafts checked against the corpus: unknown keys, uncited supported claims, wrong numbers and quotes.

Each problem carries the draft's line number. A number is "wrong" when the cited item
states no such number but states a close one (same digits reordered, or within a fifth);
a quotation is wrong when its words do not appear in any cited item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digestcite.corpus.folder import Corpus
    from digestcite.corpus.models import Item

_CITATION_GROUP = re.compile(r"\[[^\[\]]*@[^\[\]]*\]|(?<![\w@.])@[A-Za-z0-9_][\w:.#$%&\-+?<>~/]*\w")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.S)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing a draft gets wrong, where, and what to do about it."""

    line: int
    kind: str  # unknown-key | uncited-claim | number-mismatch | quote-not-found
    message: str
    key: str | None = None
    suggestion: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "kind": self.kind, "message": self.message, "key": self.key,
                "suggestion": self.suggestion}

    def render(self, path: str) -> str:
        text = f"{path}:{self.line}: {self.kind}: {self.message}"
        return f"{text} (suggest {self.suggestion})" if self.suggestion else text


@dataclass(frozen=True, slots=True)
class _Sentence:
    line: int
    text: str
    keys: tuple[str, ...]


def draft_sentences(text: str) -> list[_Sentence]:
    """The draft's prose as sentences with their first line and the keys each cites."""
    from digestcite.bib.render import CITATION_KEY
    from digestcite.corpus.claims import sentence_spans

    front = _FRONT_MATTER.match(text)
    offset_lines = front.group(0).count("\n") if front else 0
    body = text[front.end():] if front else text
    sentences: list[_Sentence] = []
    paragraph: list[tuple[int, str]] = []

    def flush() -> None:
        if not paragraph:
            return
        joined = ""
        starts: list[tuple[int, int]] = []
        for line_no, line in paragraph:
            starts.append((len(joined), line_no))
            joined += line.strip() + " "
        # NOTE: "…incidents.[@key] Next" — move a citation after the full stop inside the sentence.
        joined = re.sub(r"([.!?])(\[[^\[\]]*@[^\[\]]*\])", r" \2\1", joined)
        for span in sentence_spans(joined):
            sentence = joined[span.start:span.end]
            line_no = max((n for pos, n in starts if pos <= span.start), default=paragraph[0][0])
            keys = tuple(m.group("key").strip("{}") for m in CITATION_KEY.finditer(sentence))
            sentences.append(_Sentence(line_no, sentence, keys))
        paragraph.clear()

    in_code = False
    for number, line in enumerate(body.splitlines(), start=1 + offset_lines):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            flush()
            continue
        if in_code or not stripped or stripped.startswith(("#", "|", "::: ", ":::")):
            flush()
            continue
        paragraph.append((number, re.sub(r"^(?:[-*+>]|\d+\.)\s+", "", stripped)))
    flush()
    return sentences


def check_draft(corpus: Corpus, draft: Path) -> list[Problem]:
    """Every problem in a draft, in line order."""
    from digestcite.bib.export import close_keys
    from digestcite.bib.render import cited_keys, read_draft
    from digestcite.corpus.claims import find_quotes
    from digestcite.corpus.dates import date_spans
    from digestcite.corpus.quantities import find_numbers

    text = read_draft(draft)
    problems: list[Problem] = []
    every_key = [r[0] for r in corpus.store.db.execute("SELECT key FROM items")]
    known = set(every_key)
    for line, key in cited_keys(text):
        if key not in known:
            meant = close_keys(key, every_key)
            problems.append(Problem(line, "unknown-key", f"@{key} is not in the corpus", key,
                                    ", ".join("@" + c for c in meant) or None))
    items: dict[str, Item] = {}

    def item(key: str) -> Item:
        if key not in items:
            items[key] = corpus.store.item(key)
        return items[key]

    for sentence in draft_sentences(text):
        prose = _CITATION_GROUP.sub(" ", sentence.text)
        numbers = find_numbers(prose, date_spans(prose))
        quotes = [q for _, _, q in find_quotes(prose)]
        cited = [k for k in sentence.keys if k in known]
        if not numbers and not quotes:
            continue
        if not sentence.keys:
            support = _support(corpus, prose, [n.value for n in numbers], quotes)
            if support is not None:
                key, locator = support
                problems.append(Problem(
                    sentence.line, "uncited-claim",
                    f"states {'a number' if numbers else 'a quotation'} the corpus supports but cites nothing", key,
                    f"[@{key}, {locator}]",
                ))
            continue
        if not cited:
            continue
        source_numbers = [(n["value"], n.get("unit"), c.locator) for k in cited for c in item(k).claims for n in c.numbers]
        for number in numbers:
            if any(_same(number.value, value) for value, _, _ in source_numbers):
                continue
            close = [(value, locator) for value, _, locator in source_numbers if _close(number.value, value)]
            if close:
                value, locator = close[0]
                problems.append(Problem(
                    sentence.line, "number-mismatch",
                    f"the draft says {number.text}, the cited source says {_show(value)} ({locator})", cited[0],
                ))
            elif number.value >= 10 or number.unit:
                problems.append(Problem(
                    sentence.line, "number-mismatch", f"{number.text} is not stated in {', '.join('@' + k for k in cited)}", cited[0],
                ))
        for quote in quotes:
            if not any(_quote_in(quote, item(k)) for k in cited):
                problems.append(Problem(
                    sentence.line, "quote-not-found", f"“{_short(quote)}” does not appear in {', '.join('@' + k for k in cited)}",
                    cited[0],
                ))
    problems.sort(key=lambda p: (p.line, p.kind))
    return problems


def _support(corpus: Corpus, prose: str, numbers: list[float], quotes: list[str]) -> tuple[str, str] | None:
    """The claim that supports an uncited sentence: same numbers, or the quotation's words."""
    query = " ".join(re.findall(r"[\w.]+", prose))[:400]
    if not query.strip():
        return None
    result = corpus.index.search(_plain_words(query), limit=5, any_words=True)
    for hit in result.hits:
        if hit.claim is None:
            continue
        claim_numbers = [n["value"] for n in hit.claim.numbers]
        if numbers and all(any(_same(v, c) for c in claim_numbers) for v in numbers):
            return hit.item.key, hit.claim.locator
        if quotes and all(_quote_in(q, hit.item) for q in quotes):
            return hit.item.key, hit.claim.locator
    return None


def _plain_words(text: str) -> str:
    return " ".join(w for w in text.split() if w.upper() not in ("AND", "OR", "NOT") and not w.endswith("*"))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _close(draft: float, source: float) -> bool:
    if _same(draft, source):
        return False
    digits_a, digits_b = _digits(draft), _digits(source)
    if sorted(digits_a) == sorted(digits_b):
        return True  # transposed digits: 239 for 293
    return source != 0 and abs(draft - source) / abs(source) <= 0.2


def _digits(value: float) -> str:
    return re.sub(r"\D", "", f"{value:g}")


def _show(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _quote_in(quote: str, item: Item) -> bool:
    haystack = _normal(" ".join((item.title, *item.paragraphs)))
    pieces = [p for p in re.split(r"\s*(?:\.\.\.|…|\[[^\]]*\])\s*", quote) if p.strip()]
    return all(_normal(p) in haystack for p in pieces)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
