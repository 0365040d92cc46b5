"""Claims by event date and items by publication date, counted per day, month or year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digestcite.corpus.folder import Corpus

_WIDTH = {"day": 10, "month": 7, "year": 4}


@dataclass
class Timeline:
    """Counts per period: claims whose event falls in it, items published in it."""

    by: str
    query: str | None
    rows: list[tuple[str, int, int]]

    def to_json(self) -> list[dict[str, Any]]:
        return [{"period": p, "events": e, "items": i} for p, e, i in self.rows]


def timeline(corpus: Corpus, query: str | None = None, *, by: str = "month", limit: int = 10000) -> Timeline:
    """Count event-dated claims and published items (all, or those matching a query).

    An item that retells an earlier one (a near-duplicate) is counted once, as the earlier.
    """
    if by not in _WIDTH:
        raise ValueError(f"by must be one of {', '.join(_WIDTH)}")
    width = _WIDTH[by]
    events: Counter[str] = Counter()
    published: Counter[str] = Counter()
    if query:
        result = corpus.index.search(query, limit=limit, any_words=False)
        retellings = {r[0] for r in corpus.store.db.execute(
            "SELECT i.key FROM near_duplicates n JOIN items i ON i.id = n.item_id")}
        seen_items = set()
        for hit in result.hits:
            if hit.item.key in retellings:
                continue
            if hit.claim is not None and hit.claim.event_date and len(hit.claim.event_date.split("/")[0]) >= width:
                events[hit.claim.event_date[:width]] += 1
            if hit.item.key not in seen_items and hit.item.published and len(hit.item.published) >= width:
                seen_items.add(hit.item.key)
                published[hit.item.published[:width]] += 1
    else:
        from digestcite.corpus.store import NOT_A_RETELLING

        db = corpus.store.db
        for (date,) in db.execute(
            f"SELECT event_date FROM claims WHERE event_date IS NOT NULL AND item_id IN (SELECT id FROM items WHERE {NOT_A_RETELLING})"
        ):
            if len(date.split("/")[0]) >= width:
                events[date[:width]] += 1
        for (date,) in db.execute(f"SELECT published FROM items WHERE published IS NOT NULL AND {NOT_A_RETELLING}"):
            if len(date) >= width:
                published[date[:width]] += 1
    periods = sorted(set(events) | set(published))
    return Timeline(by, query, [(p, events[p], published[p]) for p in periods])


def _period_start(period: str) -> Any:
    import datetime as dt

    parts = [int(p) for p in period.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def plot(line: Timeline, output: Path, protected: list[Path] | None = None) -> None:
    """Draw the counts over time (PNG or SVG), labelled for a paper.

    :raises ExportError: matplotlib is missing, the suffix is not .png/.svg/.pdf, or there is nothing to plot.
    """
    from digestcite.atomic import write_atomic_with
    from digestcite.errors import ExportError

    suffix = output.suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise ExportError("the plot file must end in .png, .svg or .pdf", path=str(output))
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ExportError("plots need matplotlib: pip install 'digestcite[plot]'") from exc
    if not line.rows:
        raise ExportError("nothing to plot: no dated claims or items" + (f" match {line.query!r}" if line.query else ""),
                          path=str(output))
    import matplotlib.dates as mdates

    # NOTE (issue 11): periods stand on a time axis, not as evenly spaced categories: 1950 and
    # 2019 were side by side.
    starts = [float(mdates.date2num(_period_start(p))) for p, _, _ in line.rows]
    width = {"day": 1.0, "month": 30.0, "year": 365.0}[line.by] * 0.4
    figure, axes = plt.subplots(figsize=(8, 3.6), dpi=150)
    axes.bar([s - width / 2 for s in starts], [e for _, e, _ in line.rows], width=width, label="claims by event date")
    axes.bar([s + width / 2 for s in starts], [i for _, _, i in line.rows], width=width, label="items by publication date")
    axes.xaxis_date()
    figure.autofmt_xdate()
    axes.set_ylabel("count")
    axes.set_xlabel(line.by)
    title = f"“{line.query}”" if line.query else "All claims and items"
    axes.set_title(f"{title}: claims and items per {line.by}", fontsize=10)
    axes.legend(fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    try:
        write_atomic_with(output, lambda tmp: figure.savefig(tmp, format=suffix.lstrip(".")), protected=protected)
    finally:
        plt.close(figure)
