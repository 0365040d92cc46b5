"""Drafts checked against the corpus: unknown keys, uncited supported claims, wrong numbers and quotes.

Each problem carries the draft's line number. A number is checked against the cited
paragraph first, then the cited item: it is "wrong" when they state no such number but a
close one (same digits reordered, or within a fifth). A hedged number (``about 7.4
million``, ``more than 100``) agrees with a source number it rounds to at its stated
precision. A quotation is wrong when its words do not appear in any cited item; a locator
is wrong when the item has no such paragraph; an uncited sentence that copies a dozen
words of a source in a row is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from digestcite.corpus.folder import Corpus
    from digestcite.corpus.models import Item
    from digestcite.corpus.quantities import Quantity

_CITATION_GROUP = re.compile(r"\[[^\[\]]*@[^\[\]]*\]|(?<![\w@.])@[A-Za-z0-9_][\w:.#$%&\-+?<>~/]*\w")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.S)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing a draft gets wrong, where, and what to do about it."""

    line: int
    kind: str  # unknown-key | bad-locator | uncited-claim | uncited-copy | number-mismatch | quote-not-found
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
        # NOTE: a locator's full stop ("[@key, para. 6]") must not end the sentence: the
        # citation groups are set aside while the sentences are cut.
        groups: list[str] = []

        def hide(match: re.Match[str]) -> str:
            groups.append(match.group(0))
            return f"\x00{len(groups) - 1}\x00"

        joined = re.sub(r"\[[^\[\]]*@[^\[\]]*\]", hide, joined)
        for span in sentence_spans(joined):
            sentence = re.sub(r"\x00(\d+)\x00", lambda m: groups[int(m.group(1))], joined[span.start:span.end])
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
    from digestcite.bib.export import known_keys

    every_key = [r[0] for r in corpus.store.db.execute("SELECT key FROM items")]
    citable = known_keys(corpus)  # items, and the digests that retell them (digest-…)
    known = set(every_key)
    for line, key in cited_keys(text):
        if key not in citable:
            meant = close_keys(key, sorted(citable))
            problems.append(Problem(line, "unknown-key", f"@{key} is not in the corpus", key,
                                    ", ".join("@" + c for c in meant) or None))
    items: dict[str, Item] = {}

    def item(key: str) -> Item:
        if key not in items:
            items[key] = corpus.store.item(key)
        return items[key]

    for sentence in draft_sentences(text):
        prose = _CITATION_GROUP.sub(" ", sentence.text)
        locators = [(k, p) for k, p in _locators(sentence.text) if k in known]
        for key, paragraph in locators:
            count = max((c.paragraph for c in item(key).claims), default=0)
            if paragraph is not None and not 1 <= paragraph <= count:
                problems.append(Problem(sentence.line, "bad-locator",
                                        f"@{key} has {count} paragraph(s); para. {paragraph} is not one of them", key,
                                        f"[@{key}, para. 1]" if count else None))
        numbers = find_numbers(prose, date_spans(prose))
        quotes = [q for _, _, q in find_quotes(prose)]
        cited = [k for k in sentence.keys if k in known]
        if not sentence.keys:
            problem = _uncited(corpus, sentence.line, prose, numbers, quotes)
            if problem is not None:
                problems.append(problem)
            continue
        if not cited:
            continue
        for number in numbers:
            problem = _check_number(sentence.line, prose, number, cited, locators, item)
            if problem is not None:
                problems.append(problem)
        for quote in quotes:
            if not any(_quote_in(quote, item(k)) for k in cited):
                problems.append(Problem(
                    sentence.line, "quote-not-found", f"“{_short(quote)}” does not appear in {', '.join('@' + k for k in cited)}",
                    cited[0],
                ))
    problems.sort(key=lambda p: (p.line, p.kind))
    return problems


_LOCATOR = re.compile(r"\b(?:para(?:graph)?s?\.?|¶)\s*(\d+)", re.I)


def _locators(sentence: str) -> list[tuple[str, int | None]]:
    """Each key a sentence cites with the paragraph its locator names (None for none)."""
    from digestcite.bib.render import CITATION_KEY

    found: list[tuple[str, int | None]] = []
    for group in re.finditer(r"\[[^\[\]]*@[^\[\]]*\]", sentence):
        for part in group.group(0).strip("[]").split(";"):
            key = CITATION_KEY.search(part)
            if key is None:
                continue
            paragraph = _LOCATOR.search(part[key.end():])
            name = key.group("key").strip("{}")
            number = int(paragraph.group(1)) if paragraph else None
            # "[@orig; summarized in @digest-…, para. 2]": the digest's locator is where the
            # item cited before it stands in the digest, so it is that item's paragraph
            if name.startswith("digest-") and number is not None and found and found[-1][1] is None:
                found[-1] = (found[-1][0], number)
            found.append((name, number))
    outside = re.sub(r"\[[^\[\]]*@[^\[\]]*\]", " ", sentence)
    found += [(m.group("key").strip("{}"), None) for m in CITATION_KEY.finditer(outside)]
    return found


_HEDGE_ABOUT = re.compile(r"(?:\babout|\baround|\broughly|\bapproximately|\bsome|\bestimated|\bcirca|\bca\.|\bnearly"
                          r"|\balmost|\bclose to|~)\s*$", re.I)
_HEDGE_MORE = re.compile(r"(?:\bmore than|\bover|\bat least|\bupwards of|\bin excess of|\bexceeding)\s*$", re.I)
_HEDGE_LESS = re.compile(r"(?:\bless than|\bfewer than|\bunder|\bup to|\bat most|\bbelow)\s*$", re.I)


def _hedge(prose: str, number: Quantity) -> str | None:
    """``about``, ``more`` or ``less`` when a hedge word stands right before the number."""
    at = prose.find(number.text)
    before = prose[max(0, at - 24): at] if at >= 0 else ""
    for name, pattern in (("about", _HEDGE_ABOUT), ("more", _HEDGE_MORE), ("less", _HEDGE_LESS)):
        if pattern.search(before):
            return name
    return None


def _precision(number: Quantity) -> float:
    """The unit of a number's last written digit: 7.4 million → 100,000; 34,000 → 1,000."""
    mantissa = re.search(r"\d[\d,]*(?:\.\d+)?", number.text)
    if mantissa is None:
        return 1.0
    written = mantissa.group(0).replace(",", "")
    scale = number.value / float(written) if float(written) else 1.0
    if "." in written:
        return scale * 10.0 ** -len(written.split(".")[1])
    zeros = len(written) - len(written.rstrip("0")) if written.strip("0") else 0
    return scale * 10.0 ** zeros


def _agrees(number: Quantity, source: float, hedge: str | None) -> bool:
    """Whether a source number supports the draft's number as written (hedge and rounding)."""
    if _same(number.value, source):
        return True
    if hedge is None:
        return False
    unit = _precision(number)
    if hedge == "about":
        return abs(number.value - source) <= unit * (0.5 + 1e-9)
    if hedge == "more":
        return number.value <= source < number.value + unit
    return number.value - unit < source <= number.value


def _check_number(
    line: int, prose: str, number: Quantity, cited: list[str], locators: list[tuple[str, int | None]],
    item: Callable[[str], Item],
) -> Problem | None:
    """A cited number against the cited paragraphs first, then the cited items."""
    hedge = _hedge(prose, number)
    pinned = [(k, p) for k, p in locators if p is not None]
    in_pinned = [(n["value"], k, c.locator) for k, p in pinned for c in item(k).claims if c.paragraph == p
                 for n in c.numbers]
    anywhere = [(n["value"], k, c.locator) for k in cited for c in item(k).claims for n in c.numbers]
    if pinned:
        if any(_agrees(number, value, hedge) for value, _, _ in in_pinned):
            return None
        where = ", ".join(f"para. {p} of @{k}" for k, p in pinned)
        elsewhere = [(k, loc) for value, k, loc in anywhere if _agrees(number, value, hedge)]
        if elsewhere:
            key, locator = elsewhere[0]
            return Problem(line, "number-mismatch", f"{number.text} is in {locator} of @{key}, not in the cited {where}",
                           key, f"[@{key}, {locator}]")
        close = [(v, k) for v, k, _ in in_pinned if _close(number.value, v)]
        if close:
            value, key = close[0]
            return Problem(line, "number-mismatch", f"the draft says {number.text}, the cited {where} says {_show(value)}",
                           key)
    elif any(_agrees(number, value, hedge) for value, _, _ in anywhere):
        return None
    close_any = [(v, k, loc) for v, k, loc in anywhere if _close(number.value, v)]
    if close_any:
        value, key, locator = close_any[0]
        return Problem(line, "number-mismatch",
                       f"the draft says {number.text}, the cited source says {_show(value)} ({locator})", key)
    if number.value >= 10 or number.unit:
        return Problem(line, "number-mismatch", f"{number.text} is not stated in {', '.join('@' + k for k in cited)}",
                       cited[0])
    return None


COPIED_WORDS = 12


def _uncited(corpus: Corpus, line: int, prose: str, numbers: list[Quantity], quotes: list[str]) -> Problem | None:
    """An uncited sentence that copies a source, or states what a claim supports."""
    words = _normal(prose).split()
    if not numbers and not quotes and len(words) < COPIED_WORDS:
        return None
    query = " ".join(re.findall(r"[\w.]+", prose))[:400]
    if not query.strip():
        return None
    hits = [h for h in corpus.index.search(_plain_words(query), limit=5, any_words=True).hits if h.claim is not None]
    if len(words) >= COPIED_WORDS:
        runs = {" ".join(words[i: i + COPIED_WORDS]) for i in range(len(words) - COPIED_WORDS + 1)}
        for hit in hits:
            source = _normal(" ".join(hit.item.paragraphs)).split()
            if not any(" ".join(source[i: i + COPIED_WORDS]) in runs for i in range(len(source) - COPIED_WORDS + 1)):
                continue
            assert hit.claim is not None
            return Problem(line, "uncited-copy",
                           f"copies {_longest_shared_run(words, source)} words in a row from @{hit.item.key} without citing it",
                           hit.item.key, f"[@{hit.item.key}, {hit.claim.locator}]")
    significant = [n.value for n in numbers if n.value >= 10 or n.unit or not float(n.value).is_integer()]
    for hit in hits:
        assert hit.claim is not None
        claim_numbers = [n["value"] for n in hit.claim.numbers]
        # NOTE (issue 11): one number of the draft the claim lacks no longer hides the support.
        if significant and any(_same(v, c) for v in significant for c in claim_numbers):
            return Problem(line, "uncited-claim", "states a number the corpus supports but cites nothing", hit.item.key,
                           f"[@{hit.item.key}, {hit.claim.locator}]")
        if quotes and all(_quote_in(q, hit.item) for q in quotes):
            return Problem(line, "uncited-claim", "states a quotation the corpus supports but cites nothing", hit.item.key,
                           f"[@{hit.item.key}, {hit.claim.locator}]")
    return None


def _longest_shared_run(a: list[str], b: list[str]) -> int:
    """The longest run of words two texts share."""
    best = 0
    previous = [0] * (len(b) + 1)
    for word in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if word == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


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
