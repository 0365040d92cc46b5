"""How well the reader cuts real page shapes: items, outlets and dates against labelled truth.

    python -m bench.accuracy [--family F ...] [--json] [--verbose] [--code PATH]

Reads every page of tests/data/pages (FORMAT.md there says how they are labelled), splits it
as ``digestcite ingest`` would, and matches the items found to the labelled ones by where
they start. Prints item recall and precision, outlet and date accuracy and invented dates,
per family and overall. ``--code PATH`` measures another checkout's reader (a first-sight
figure for the code as it was). HTML single articles are also read by trafilatura alone,
for comparison.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.pagecorpus import PAGES, LabelledPage, labelled_pages

FLOORS = {"items": 0.97, "outlets": 0.97, "dates": 0.98}


@dataclass
class Tally:
    """Counts for one page, one family or all pages."""

    truth: int = 0
    found: int = 0
    matched: int = 0
    outlets_right: int = 0
    dates_right: int = 0
    invented: int = 0
    pages: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("truth", "found", "matched", "outlets_right", "dates_right", "invented", "pages"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)

    def figures(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 1.0

        return {
            "pages": self.pages, "items": self.truth, "found": self.found,
            "item_recall": ratio(self.matched, self.truth), "item_precision": ratio(self.matched, self.found),
            "outlet_accuracy": ratio(self.outlets_right, self.truth), "date_accuracy": ratio(self.dates_right, self.truth),
            "invented_dates": self.invented,
        }


def fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"[\W_]+", " ", folded)
    return " ".join(folded.split())


class Reader:
    """The reader under test: this checkout's, or another's (``--code``)."""

    def __init__(self, code: Path | None = None) -> None:
        if code is not None:
            sys.path.insert(0, str(code))
            for name in [m for m in sys.modules if m == "digestcite" or m.startswith("digestcite.")]:
                del sys.modules[name]
        self.readers = importlib.import_module("digestcite.corpus.readers")
        self.digest = importlib.import_module("digestcite.corpus.digest")
        self.dates = importlib.import_module("digestcite.corpus.dates")
        outlets = importlib.import_module("digestcite.corpus.outlets")
        self.registry = outlets.OutletRegistry.bundled()
        self.takes_blocks = "meta" in inspect.signature(self.digest.split_page).parameters

    def split(self, page: LabelledPage) -> Any:
        raw = self.readers.read_bytes(page.data(), page.name, fmt=page.format)
        defaults = page.truth.get("defaults") or {}
        date = defaults.get("date")
        published = self.dates.PartialDate.from_iso(date) if date else None
        page_defaults = self.digest.PageDefaults(defaults.get("source"), published)
        if self.takes_blocks:
            return self.digest.split_page(raw.blocks or raw.text, self.registry, page_defaults, raw.meta)
        return self.digest.split_page(raw.text, self.registry, page_defaults)

    def canonical(self, name: str | None) -> str | None:
        if not name:
            return None
        return fold(self.registry.canonical(name)[0])


def _starts(item: Any) -> str:
    return fold(" ".join([item.title or "", *item.paragraphs[:2]]))


def score_page(page: LabelledPage, reader: Reader) -> Tally:
    """Match the page's labelled items to the items found, in page order, by where each starts."""
    tally = Tally(pages=1)
    truth_items = page.truth.get("items", [])
    tally.truth = len(truth_items)
    try:
        found = reader.split(page).items
    except Exception as exc:  # noqa: BLE001 - the benchmark reports a reader failure and goes on
        tally.problems.append(f"{page.name}: reader failed: {type(exc).__name__}: {exc}")
        return tally
    tally.found = len(found)
    used: set[int] = set()
    cursor = 0
    for truth in truth_items:
        start = fold(truth.get("start") or truth.get("title") or "")
        title = fold(truth.get("title") or "")
        match = None
        for index in range(cursor, len(found)):
            if index in used:
                continue
            head = _starts(found[index])[: max(400, len(start) + 200)]
            # (an item may print its credit first, "**Handelsblatt:** Unter Berufung…", and the reader
            # set it apart from the text: the start as printed is the credit and the text)
            led = fold(" ".join([getattr(found[index], "attribution", None) or "", *found[index].paragraphs[:1]]))[: max(400, len(start) + 200)]
            if start and (head.find(start) != -1 and head.find(start) < 200 or led.startswith(start)
                          or (title and fold(found[index].title) == title)):
                match = index
                break
        if match is None:
            tally.problems.append(f"{page.name}: item not found: {truth.get('title') or truth.get('start')!r}")
            continue
        used.add(match)
        cursor = match + 1
        item = found[match]
        tally.matched += 1
        want_outlet = reader.canonical(truth.get("outlet"))
        got_outlet = reader.canonical(item.outlet_as_printed)
        if want_outlet == got_outlet:
            tally.outlets_right += 1
        else:
            tally.problems.append(f"{page.name}: {truth.get('title') or truth.get('start')!r}: outlet {item.outlet_as_printed!r}, "
                                  f"want {truth.get('outlet')!r}")
        got_date = item.published.iso() if item.published else None
        want_date = truth.get("published")
        if got_date == want_date:
            tally.dates_right += 1
        else:
            if want_date is None:
                tally.invented += 1
            reason = getattr(item, "published_reason", None)
            tally.problems.append(f"{page.name}: {truth.get('title') or truth.get('start')!r}: date {got_date!r}, want {want_date!r}"
                                  + (f" ({reason})" if reason and not got_date else ""))
    extra = [found[i].title for i in range(len(found)) if i not in used]
    for title in extra:
        tally.problems.append(f"{page.name}: extra item {title[:70]!r}")
    return tally


def trafilatura_single(pages: list[LabelledPage], reader: Reader) -> dict[str, Any]:
    """trafilatura alone on the single-article HTML pages: headline, site and date right."""
    import trafilatura

    counts = {"pages": 0, "title": 0, "outlet": 0, "date": 0}
    ours = {"pages": 0, "title": 0, "outlet": 0, "date": 0, "one_item": 0}
    for page in pages:
        items = page.truth.get("items", [])
        if page.format != "html" or len(items) != 1:
            continue
        truth = items[0]
        html = page.data().decode("utf-8", "replace")
        meta = trafilatura.extract_metadata(html)
        counts["pages"] += 1
        counts["title"] += bool(meta.title and fold(meta.title) == fold(truth.get("title") or ""))
        counts["outlet"] += reader.canonical(meta.sitename) == reader.canonical(truth.get("outlet"))
        counts["date"] += (meta.date or None) == truth.get("published")
        found = reader.split(page).items
        ours["pages"] += 1
        ours["one_item"] += len(found) == 1
        if found:
            ours["title"] += fold(found[0].title) == fold(truth.get("title") or "")
            ours["outlet"] += reader.canonical(found[0].outlet_as_printed) == reader.canonical(truth.get("outlet"))
            ours["date"] += (found[0].published.iso() if found[0].published else None) == truth.get("published")
    return {"trafilatura": counts, "digestcite": ours}


def measure(pages: list[LabelledPage], reader: Reader) -> dict[str, Any]:
    families: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    started = time.perf_counter()
    for page in pages:
        tally = score_page(page, reader)
        families[page.family].add(tally)
        total.add(tally)
    return {
        "overall": total.figures(), "seconds": round(time.perf_counter() - started, 2),
        "families": {name: t.figures() for name, t in sorted(families.items())},
        "problems": total.problems,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.accuracy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--family", action="append", help="only these families (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    parser.add_argument("--code", type=Path, help="measure the reader of another checkout (its root folder)")
    parser.add_argument("--pages", type=Path, default=PAGES, help="the labelled pages (default: tests/data/pages)")
    parser.add_argument("--floors", action="store_true", help="exit 1 when a figure is below the floors")
    args = parser.parse_args(argv)
    reader = Reader(args.code)
    pages = labelled_pages(args.pages, families=set(args.family) if args.family else None)
    result = measure(pages, reader)
    result["single_articles"] = trafilatura_single(pages, reader)
    overall = result["overall"]
    below = [name for name, key in (("items", "item_recall"), ("outlets", "outlet_accuracy"), ("dates", "date_accuracy"))
             if overall[key] < FLOORS[name]] + (["invented dates"] if overall["invented_dates"] else [])
    result["below_floors"] = below
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(f"{'family':34} {'pages':>5} {'items':>5} {'recall':>7} {'prec.':>7} {'outlet':>7} {'date':>7} {'invent':>6}")
        for name, f in [*result["families"].items(), ("ALL", overall)]:
            print(f"{name:34} {f['pages']:5d} {f['items']:5d} {f['item_recall']:7.1%} {f['item_precision']:7.1%} "
                  f"{f['outlet_accuracy']:7.1%} {f['date_accuracy']:7.1%} {f['invented_dates']:6d}")
        single = result["single_articles"]
        if single["trafilatura"]["pages"]:
            t, o = single["trafilatura"], single["digestcite"]
            print(f"single HTML articles ({t['pages']}): headline / outlet / date right — trafilatura "
                  f"{t['title']}/{t['outlet']}/{t['date']}, digestcite {o['title']}/{o['outlet']}/{o['date']} "
                  f"(one item: {o['one_item']})")
        if args.verbose:
            for problem in result["problems"]:
                print("  " + problem)
        print(f"{len(pages)} pages in {result['seconds']} s; floors {FLOORS}, 0 invented dates: "
              + ("met" if not below else "below on " + ", ".join(below)))
    return 1 if args.floors and below else 0


if __name__ == "__main__":
    sys.exit(main())
