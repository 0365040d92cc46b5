"""Numbers stated in a sentence, normalised: ``7.36 million`` → 7360000, ``eight`` → 8.

Dates and years are not numbers here (they are event dates), nor are ordinals, model
names such as ``5G``, or the ambiguous word "one".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
    "万": 10_000, "亿": 100_000_000,
}
_CURRENCY_WORDS = {
    "yuan": "yuan", "rmb": "yuan", "renminbi": "yuan", "dollars": "USD", "dollar": "USD",
    "usd": "USD", "euros": "EUR", "euro": "EUR", "hk dollars": "HKD", "hkd": "HKD",
    "nt dollars": "TWD", "pounds": "GBP", "yen": "JPY", "元": "yuan", "美元": "USD",
}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "HK$": "HKD", "NT$": "TWD", "¥": "yuan", "€": "EUR", "£": "GBP", "RMB": "yuan"}

_WORD_NUMBER = "|".join(sorted([*_UNITS_WORDS, *_TENS_WORDS, "dozen"], key=len, reverse=True))
_SCALE = r"(?:hundred|thousand|million|billion|trillion|mn|bn)\b|万|亿"
_NUMBER_RE = re.compile(
    r"(?P<sign>US\$|HK\$|NT\$|RMB\s?|[$¥€£])?"
    r"(?<![\w.:\-])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w-]*[A-Za-z])"
    rf"(?:\s*(?P<scale>{_SCALE}))?"
    r"(?P<unit>\s*(?:%|percent\b|per\s?cent\b|percentage points?\b|yuan\b|RMB\b|renminbi\b|dollars?\b"
    r"|euros?\b|pounds\b|yen\b|元|美元))?"
    r"|"
    rf"(?<![\w-])(?P<word>(?:{_WORD_NUMBER})(?:[- ](?:{_WORD_NUMBER}))?)(?![\w-])"
    rf"(?:\s+(?P<wscale>hundred|thousand|million|billion)\b)?"
    r"(?P<wunit>\s+(?:percent|per cent|yuan|dollars)\b)?",
)
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|of|from|to|until|by|year|early|late|mid|spring|summer|autumn|fall|winter"
    r"|before|after|and|between|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2})?),?\s*"
    r"|[-–—/]\s*)$"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as stated, its normalised value and its unit (``percent``, ``yuan``…)."""

    value: float
    text: str
    unit: str | None = None

    def to_json(self) -> dict[str, object]:
        value: int | float = int(self.value) if float(self.value).is_integer() else self.value
        return {"value": value, "text": self.text, "unit": self.unit}


def find_numbers(sentence: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every number a sentence states, with dates (``skip`` spans) and years left out."""
    found: list[Quantity] = []
    starts, ends = _merged(skip or [])
    for match in _NUMBER_RE.finditer(sentence):
        at = bisect.bisect_right(ends, match.start())
        if at < len(starts) and starts[at] < match.end():
            continue
        quantity = _quantity(match, sentence)
        if quantity is not None:
            found.append(quantity)
    return found


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The union of ``spans`` as disjoint, sorted intervals (starts, ends).

    NOTE: issue 12.19: every number was checked against every date span (45 s for a 400 KB
    page of dates); against the union, one bisection answers whether a number overlaps any.
    """
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _quantity(match: re.Match[str], sentence: str) -> Quantity | None:
    text = match.group(0).strip()
    if match.group("num"):
        raw = match.group("num")
        after = sentence[match.end("num"): match.end("num") + 6]
        if re.match(r"(?::\d|\s*(?:[ap]\.?m\b\.?))", after, re.I):
            return None  # a clock time
        value = float(raw.replace(",", ""))
        if _is_year(raw, match, sentence):
            return None
        scale = match.group("scale")
        if scale:
            value *= _SCALES[scale.strip().lower()]
        unit = _unit(match.group("unit"), match.group("sign"))
        return Quantity(_round(value), text, unit)
    word = match.group("word").lower()
    if word.startswith("dozen"):
        # NOTE: "dozens of" is vague; only "a dozen" / "dozen" alone is twelve.
        before = sentence[max(0, match.start() - 2): match.start()]
        if match.group(0).lower().startswith("dozens") or not before.endswith("a "):
            return None
        value = 12.0
    else:
        value = float(sum(_UNITS_WORDS.get(p, _TENS_WORDS.get(p, 0)) for p in re.split(r"[- ]", word)))
        if word == "one" and not match.group("wscale"):
            return None  # NOTE: "one resident", "one of them": a determiner far more often than a count
    if match.group("wscale"):
        value *= _SCALES[match.group("wscale").lower()]
    if match.group("word")[0].isupper() and match.start() > 0:
        # NOTE: a capitalised number word mid-sentence is a name ("the Two Sessions").
        return None
    return Quantity(value, text, _unit(match.group("wunit"), None))


def _is_year(raw: str, match: re.Match[str], sentence: str) -> bool:
    if not re.fullmatch(r"1[6-9]\d\d|20\d\d|2100", raw) or match.group("unit") or match.group("sign"):
        return False
    if _YEAR_CONTEXT.search(sentence[max(0, match.start() - 24): match.start()]):
        return True
    # A year stands alone: followed by punctuation or nothing, not by a counted noun.
    return not re.match(r"\s+[a-z]", sentence[match.end(): match.end() + 12])


def _unit(unit: str | None, sign: str | None) -> str | None:
    if unit:
        key = " ".join(unit.split()).lower()
        if key.startswith("percentage point"):
            return "percentage points"
        if key == "%" or key.startswith("per"):
            return "percent"
        return _CURRENCY_WORDS.get(key, key)
    if sign:
        return _CURRENCY_SIGNS.get(sign.strip(), sign.strip())
    return None


def _round(value: float) -> float:
    return float(round(value, 6))
