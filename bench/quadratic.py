"""``python -m bench.quadratic``: the stages issue 12.19 found quadratic, timed at growing sizes.

Each stage runs on hostile text at sizes doubling from a small start, and stops doubling when
one run takes longer than ``--budget`` seconds (default 5), so the whole script stays bounded
even on code that is still quadratic. A linear stage roughly doubles its time with each size;
a quadratic one quadruples it. The last column is time per doubling (~2 linear, ~4 quadratic).

Stages: quotations with an unclosed ``“`` (claims.find_quotes, and extract_claims on one
paragraph), date scanning (dates.scan_dates) and number finding (quantities.find_numbers)
over a sentence packed with dates, and citation keys for items sharing one outlet, year and
headline (bib.keys.make_key against a real store).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _unclosed_quotes(size: int) -> str:
    return ("“He said " * (size // 9 + 1))[:size]


def _dated(size: int) -> str:
    unit = "on June 5, 2020 some 12 people and 3.5 million yuan "
    return (unit * (size // len(unit) + 1))[:size]


def _find_quotes(size: int) -> None:
    from digestcite.corpus.claims import find_quotes

    find_quotes(_unclosed_quotes(size))


def _claims_quotes(size: int) -> None:
    from digestcite.corpus.claims import extract_claims

    extract_claims([_unclosed_quotes(size)], None)


def _scan_dates(size: int) -> None:
    from digestcite.corpus.dates import scan_dates

    scan_dates(_dated(size), None)


def _find_numbers(size: int) -> None:
    from digestcite.corpus.dates import scan_dates
    from digestcite.corpus.quantities import find_numbers

    text = _dated(size)
    find_numbers(text, scan_dates(text, None)[1])


def _make_keys(count: int) -> None:
    from digestcite.bib.keys import make_key
    from digestcite.corpus.store import Store

    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "store.sqlite", create=True)
        try:
            with store.transaction():
                for n in range(count):
                    key = make_key("rfa", 2020, "Same headline every time", store.key_exists,
                                   **_numbered_kwargs(store))
                    store.insert_item(item_row(key, n))
        finally:
            store.close()


def _numbered_kwargs(store: object) -> dict[str, object]:
    # NOTE: before the fix make_key had no way to ask the store for a base's numbered keys.
    import inspect

    from digestcite.bib.keys import make_key

    if "space" in inspect.signature(make_key).parameters:
        return {"space": store.key_space}  # type: ignore[attr-defined]
    return {}


def item_row(key: str, n: int) -> dict[str, object]:
    """A stored item's row, all with one outlet, year and headline (the worst case for key probing)."""
    return {
        "key": key, "title": "Same headline every time", "outlet": "Radio Free Asia", "outlet_as_printed": "RFA",
        "outlet_origin": "footer", "published": "2020", "published_reason": None, "tags": "[]",
        "paragraphs": f'["text {n}"]', "captions": "[]", "attribution": None, "title_from_text": 0,
        "text_hash": f"hash{n}", "n_shingles": 0, "created": "2026-12-01T00:00:00", "source_url": None,
        "published_origin": "footer", "author": None, "credited": "[]",
    }


STAGES: dict[str, tuple[Callable[[int], None], int, str]] = {
    "make_key (one outlet/year/headline)": (_make_keys, 250, "items"),
    "find_quotes (unclosed “)": (_find_quotes, 5_000, "chars"),
    "extract_claims (unclosed “)": (_claims_quotes, 5_000, "chars"),
    "scan_dates (dates packed)": (_scan_dates, 5_000, "chars"),
    "find_numbers (dates packed)": (_find_numbers, 5_000, "chars"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=5.0, help="stop doubling after a run this long (s)")
    parser.add_argument("--max-doublings", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"{'stage':38} {'size':>9} {'unit':>6} {'seconds':>9} {'x/doubling':>10}")
    for name, (stage, start, unit) in STAGES.items():
        size, last = start, None
        for _ in range(args.max_doublings):
            began = time.perf_counter()
            stage(size)
            took = time.perf_counter() - began
            ratio = f"{took / last:.1f}" if last else ""
            print(f"{name:38} {size:>9,} {unit:>6} {took:>9.3f} {ratio:>10}", flush=True)
            if took > args.budget:
                break
            last, size = max(took, 1e-6), size * 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
