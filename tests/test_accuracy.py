"""The reader on the labelled pages (tests/data/pages): it must not fall below where it stands.

These are ratchets just under the figures measured when they were set (tests/data/pages/README.md),
not yet the issue's floors (97 % items and outlets, 98 % dates, no invented date) on every
part. Raise them as the reader improves; never lower them.
"""

from __future__ import annotations

import pytest

from bench.accuracy import Reader, measure
from bench.pagecorpus import labelled_pages

# Measured 2026-12-01 at the end of the session (tests/data/pages/README.md has the figures);
# the first-sight figures of the nine held-out sets were far lower (52.0 %, 40.8 %, 67.5 %,
# 55.7 %, 62.0 %, 76.1 %, 72.3 %, 79.6 % and 57.6 % of items).
RATCHETS = {
    "families": {"item_recall": 0.99, "outlet_accuracy": 0.99, "date_accuracy": 0.99, "invented_dates": 0},
    "heldout": {"item_recall": 0.98, "outlet_accuracy": 0.975, "date_accuracy": 0.975, "invented_dates": 0},
    "heldout2": {"item_recall": 0.98, "outlet_accuracy": 0.98, "date_accuracy": 0.98, "invented_dates": 0},
    "heldout3": {"item_recall": 0.98, "outlet_accuracy": 0.96, "date_accuracy": 0.96, "invented_dates": 0},
    # first sight 55.7 % / 41.1 % / 41.1 %, 4 invented dates (reader at e52aff5); now 97.5 / 91.1 / 93.0 %
    "heldout4": {"item_recall": 0.97, "outlet_accuracy": 0.91, "date_accuracy": 0.93, "invented_dates": 0},
    # first sight 62.0 % / 33.1 % / 48.6 %, 4 invented dates (reader at d00f1c5, the end of the session
    # that improved the reader on the fourth set); now 96.5 / 88.0 / 90.8 %, no invented date
    "heldout5": {"item_recall": 0.96, "outlet_accuracy": 0.88, "date_accuracy": 0.90, "invented_dates": 0},
    # first sight 76.1 % / 54.8 % / 54.8 %, 1 invented date (reader at b3916c2); now 97.4 / 92.3 / 92.9 %
    "heldout6": {"item_recall": 0.97, "outlet_accuracy": 0.92, "date_accuracy": 0.93, "invented_dates": 0},
    # first sight 72.3 % / 39.7 % / 41.1 %, 3 invented dates (reader at a60f6e1; 72.3 / 39.7 / 38.3 % at 4a9bc00);
    # now 95.0 / 80.1 / 83.0 %, no invented date
    "heldout7": {"item_recall": 0.95, "outlet_accuracy": 0.80, "date_accuracy": 0.82, "invented_dates": 0},
    # first sight 79.6 % / 62.7 % / 52.8 %, 2 invented dates (parts A and B, reader at 28394d5 and 4ec96aa;
    # 75.4 / 58.5 / 49.3 % before the benchmark matched credit-first starts); now 98.6 / 88.7 / 91.6 %
    "heldout8": {"item_recall": 0.99, "outlet_accuracy": 0.88, "date_accuracy": 0.92, "invented_dates": 0},
    # first sight 57.6 % / 43.9 % / 38.6 %, no invented date (reader at 68497aa); now 93.2 / 81.8 / 85.6 %
    "heldout9": {"item_recall": 0.93, "outlet_accuracy": 0.81, "date_accuracy": 0.85, "invented_dates": 0},
    # first sight 67.8 % / 46.6 % / 45.9 %, 1 invented date (reader at c1a8dc3, and the same at f0934c8);
    # now 95.2 / 84.9 / 85.6 %, no invented date
    "heldout10": {"item_recall": 0.95, "outlet_accuracy": 0.84, "date_accuracy": 0.85, "invented_dates": 0},
    # first sight 80.4 % / 52.9 % / 55.8 %, 2 invented dates (reader at f64acc9, and the same at f0934c8);
    # 99.3 / 79.0 / 87.7 %, 1 invented date at the end of the sixth session (a think tank's "Commentary ·
    # 28 November 2025" kicker read as the date of the paper above it: read right in the seventh)
    "heldout11": {"item_recall": 0.99, "outlet_accuracy": 0.82, "date_accuracy": 0.89, "invented_dates": 0},
    # first sight 45.9 % / 29.5 % / 34.2 %, no invented date (reader at 938767d, and the same at 093ab5a);
    # now 83.6 / 74.0 / 63.7 % (worked on in the seventh session)
    "heldout12": {"item_recall": 0.83, "outlet_accuracy": 0.73, "date_accuracy": 0.63, "invented_dates": 0},
    # first sight 73.9 % / 34.5 % / 38.7 %, 5 invented dates (reader at 4159740; 74.6 / 35.9 / 39.4 % at 093ab5a);
    # now 85.2 / 62.7 / 54.9 %, no invented date (worked on in the seventh session's last hour)
    "heldout13": {"item_recall": 0.85, "outlet_accuracy": 0.62, "date_accuracy": 0.54, "invented_dates": 0},
}


def _part(family: str) -> str:
    for part in ("heldout13", "heldout12", "heldout11", "heldout10", "heldout9", "heldout8", "heldout7", "heldout6", "heldout5", "heldout4", "heldout3", "heldout2", "heldout"):
        if family.startswith(part + "-"):
            return part
    return "families"


@pytest.fixture(scope="module")
def figures() -> dict[str, dict[str, float]]:
    reader = Reader()
    pages = labelled_pages()
    if not pages:
        pytest.skip("no labelled pages")
    return {part: measure([p for p in pages if _part(p.family) == part], reader)["overall"] for part in RATCHETS
            if any(_part(p.family) == part for p in pages)}


@pytest.mark.parametrize("part", list(RATCHETS))
def test_reader_keeps_its_accuracy(figures: dict[str, dict[str, float]], part: str) -> None:
    got = figures[part]
    floor = RATCHETS[part]
    assert got["item_recall"] >= floor["item_recall"]
    assert got["outlet_accuracy"] >= floor["outlet_accuracy"]
    assert got["date_accuracy"] >= floor["date_accuracy"]
    assert got["invented_dates"] <= floor["invented_dates"]

