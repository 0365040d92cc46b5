"""A deterministic generator of realistic synthetic digest pages for benchmarks.

Pages of 5–10 items; English-like prose over a Zipf vocabulary with two-word
collocations (so phrases hit), numbers, quotations, named people and places, some
Chinese terms, and ``Source: <outlet>, <date>`` lines over 40 outlets and 15 years.
The same ``--items`` and ``--seed`` always give the same pages.
"""

from __future__ import annotations

import argparse
import calendar
import random
from dataclasses import dataclass
from pathlib import Path

OUTLETS = [
    "Xinhua", "People's Daily", "Global Times", "China Daily", "CGTN", "CCTV", "China News Service", "Guangming Daily",
    "The Paper", "Caixin", "Sina", "Sohu", "NetEase", "Tencent News", "Phoenix", "Epoch Times", "NTD", "Minghui",
    "Vision Times", "Aboluowang", "People News", "Boxun", "Duowei", "RFA", "VOA", "BBC Chinese", "Deutsche Welle",
    "RFI", "SCMP", "HKET", "Ming Pao", "Apple Daily", "Sing Tao", "HKFP", "Central News Agency", "Liberty Times",
    "United Daily News", "Reuters", "AFP", "Nikkei Asia",
]
PLACES = ["Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Zhanjiang", "Wuhan", "Chengdu", "Nanjing", "Hangzhou",
          "Xiamen", "Dalian", "Harbin", "Urumqi", "Lhasa", "Kunming", "Changzhou", "Leizhou", "Taipei", "Hong Kong",
          "Macau", "Tianjin", "Chongqing", "Xi'an", "Jinan", "Qingdao", "Fuzhou", "Nanning", "Hefei", "Zhengzhou"]
SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu",
            "Gao", "Lin", "He", "Guo", "Ma", "Luo"]
CHINESE = ["维稳", "上访", "抗美援朝", "一带一路", "两会", "群体性事件", "国家安全", "产能过剩", "拦截", "网格化管理"]
ROLES = ["a petitioner", "a local official", "a former lecturer", "a rights lawyer", "a factory worker",
         "a city spokesperson", "an economist", "a village head", "a retired teacher", "a researcher"]
VERBS = ["said", "told reporters", "warned", "noted", "added", "argued", "claimed", "explained"]
SYLLABLES = ["ba", "ce", "di", "fo", "gu", "ha", "ji", "ko", "lu", "ma", "ne", "po", "qi", "ra", "su", "ta", "vi",
             "wo", "xa", "yu", "ze", "an", "en", "in", "on", "un", "ar", "er", "or", "ur", "st", "tr", "pl", "gr"]
FUNCTION = ["the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "as", "by", "at", "from", "after",
            "over", "under", "while", "its", "their"]


@dataclass(frozen=True)
class Corpus:
    """What the generator made: where, how many pages, items and bytes, and the words it used."""

    folder: Path
    pages: int
    items: int
    bytes: int
    vocabulary: list[str]
    collocations: list[tuple[str, str]]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4)))))
    return sorted(words)


class _Writer:
    def __init__(self, rng: random.Random, vocabulary: list[str], collocations: list[tuple[str, str]]) -> None:
        self.rng = rng
        self.vocabulary = vocabulary
        self.collocations = collocations
        weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(vocabulary))]
        total = sum(weights)
        self.cumulative = []
        running = 0.0
        for weight in weights:
            running += weight / total
            self.cumulative.append(running)

    def word(self) -> str:
        import bisect

        return self.vocabulary[min(bisect.bisect(self.cumulative, self.rng.random()), len(self.vocabulary) - 1)]

    def phrase(self, length: int) -> str:
        rng = self.rng
        out: list[str] = []
        while len(out) < length:
            roll = rng.random()
            if roll < 0.3:
                out.append(rng.choice(FUNCTION))
            elif roll < 0.38:
                out.extend(rng.choice(self.collocations))
            elif roll < 0.42:
                out.append(rng.choice(PLACES))
            elif roll < 0.45:
                out.append(str(rng.choice((rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10_000, 999_999)))))
            elif roll < 0.46:
                out.append(rng.choice(CHINESE))
            else:
                out.append(self.word())
        return " ".join(out)

    def sentence(self, year: int) -> str:
        rng = self.rng
        kind = rng.random()
        body = self.phrase(rng.randint(8, 22))
        if kind < 0.2:
            who = f"Mr. {rng.choice(SURNAMES)}, {rng.choice(ROLES)},"
            return f"{who} {rng.choice(VERBS)}, “{body[0].upper() + body[1:]}.”"
        if kind < 0.35:
            month = rng.randint(1, 12)
            day = rng.randint(1, 28)
            return f"On {calendar.month_name[month]} {day}, {year}, {body}."
        if kind < 0.5:
            return f"According to {rng.choice(('the log', 'official statistics', 'the report', 'local residents'))}, {body}, up {rng.randint(2, 95)} percent."
        return body[0].upper() + body[1:] + "."

    def item(self, year: int) -> str:
        rng = self.rng
        title_words = self.phrase(rng.randint(5, 10)).split()
        title = " ".join(w.capitalize() if w.isascii() else w for w in title_words)
        paragraphs = [" ".join(self.sentence(year) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(2, 5))]
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        source = f"Source: {rng.choice(OUTLETS)}, {calendar.month_name[month]} {day}, {year}"
        return "\n\n".join([title, *paragraphs, source])


def _words(rng: random.Random) -> tuple[list[str], list[tuple[str, str]]]:
    vocabulary = _vocabulary(rng, 6000)
    return vocabulary, [(rng.choice(vocabulary[:800]), rng.choice(vocabulary[:800])) for _ in range(300)]


def plan(seed: int = 7) -> Corpus:
    """The words a corpus of this seed is written with, and no pages (for :func:`queries` on a kept corpus).

    The vocabulary and collocations come first from the seed, so they are the same at every size.
    """
    vocabulary, collocations = _words(random.Random(seed))
    return Corpus(Path(), 0, 0, 0, vocabulary, collocations)


def generate(folder: Path, items: int, seed: int = 7) -> Corpus:
    """Write digest pages holding ``items`` items in total into ``folder``."""
    rng = random.Random(seed)
    vocabulary, collocations = _words(rng)
    writer = _Writer(rng, vocabulary, collocations)
    folder.mkdir(parents=True, exist_ok=True)
    made = pages = size = 0
    while made < items:
        count = min(rng.randint(5, 10), items - made)
        year = rng.randint(2010, 2024)
        text = f"China Digest No. {pages + 1}\n\n" + "\n\n".join(writer.item(year) for _ in range(count)) + "\n"
        data = text.encode("utf-8")
        sub = folder / f"{pages // 1000:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"digest-{pages:06d}.txt").write_bytes(data)
        made += count
        pages += 1
        size += len(data)
    return Corpus(folder, pages, made, size, vocabulary, collocations)


def queries(corpus: Corpus, seed: int = 11) -> list[str]:
    """A fixed set of 30 lookups: words, phrases, outlet and date filters, Chinese."""
    rng = random.Random(seed)
    mid = corpus.vocabulary[200:1500]
    found = []
    for _ in range(10):
        found.append(f"{rng.choice(mid)} {rng.choice(mid)} {rng.choice(PLACES)}")
    for _ in range(6):
        a, b = rng.choice(corpus.collocations)
        found.append(f'"{a} {b}"')
    for _ in range(5):
        found.append(f"{rng.choice(mid)} outlet:{rng.choice(['xinhua', 'rfa', 'hket', 'scmp', 'caixin'])}")
    for _ in range(5):
        found.append(f"{rng.choice(mid)} {rng.choice(mid)} published:{rng.randint(2010, 2024)}")
    for _ in range(4):
        found.append(rng.choice(CHINESE))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    made = generate(args.folder, args.items, args.seed)
    print(f"{made.pages} pages, {made.items} items, {made.bytes / 1e6:.1f} MB in {made.folder}")


if __name__ == "__main__":
    main()
