"""The bundled sample corpus and the guided tour ``digestcite demo`` prints.

The sample pages in ``digestcite/data/sample/`` are written for this project in its own
words; ``manifest.json`` there supplies what a page itself lacks (``--source``/``--date``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from digestcite.corpus.dates import parse_date
from digestcite.corpus.digest import PageDefaults
from digestcite.corpus.folder import Corpus
from digestcite.corpus.reports import IngestReport


@dataclass
class DemoRun:
    """What the demo did: the corpus it built and the sections it shows."""

    corpus: str
    report: dict[str, Any]
    sections: list[tuple[str, str]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"corpus": self.corpus, "ingest": self.report, **self.facts}


def sample_folder() -> Path:
    """The folder of bundled sample pages."""
    return Path(str(resources.files("digestcite.data").joinpath("sample")))


def sample_manifest() -> dict[str, Any]:
    return dict(json.loads((sample_folder() / "manifest.json").read_text("utf-8")))


def ingest_sample(corpus: Corpus) -> IngestReport:
    """Ingest every sample page with the defaults its manifest entry gives."""
    manifest = sample_manifest()
    folder = sample_folder()
    report = IngestReport()
    for name in sorted(p.name for p in folder.iterdir() if p.name != "manifest.json" and not p.name.startswith(".")):
        entry = manifest.get("pages", {}).get(name, {})
        defaults = PageDefaults(
            outlet=entry.get("source"), published=parse_date(entry["date"]) if entry.get("date") else None,
        )
        part = corpus.ingest(
            [str(folder / name)], defaults=defaults, publisher=entry.get("publisher", manifest.get("publisher")),
            url=entry.get("url"),
        )
        report.pages.extend(part.pages)
    return report


DEMO_SEARCHES = ('"mass incidents"', "petition* outlet:epochtimes", "抗美援朝", "kind:statistic visas")
DEMO_CITES = (("293 incidents Zhanjiang", "chicago"), ("student visas fell to eight", "apa"))


def run_demo(where: Path) -> DemoRun:
    """Build a corpus from the sample pages in ``where`` and exercise the main commands."""
    from digestcite.bib.cite import cite
    from digestcite.bib.export import export_text, records
    from digestcite.cli.output import render_citation, render_hits, render_ingest, render_item, render_items
    from digestcite.index.timeline import timeline

    with Corpus.init(where) as corpus:
        report = ingest_sample(corpus)
        run = DemoRun(str(corpus.root), report.to_json())
        run.sections.append((f"digestcite ingest (sample corpus: {len(report.pages)} pages)", render_ingest(report)))
        stats = corpus.stats()
        run.facts["stats"] = stats
        run.sections.append(("digestcite stats", "\n".join(
            f"{k:<22} {v}" for k, v in stats.items() if k != "corpus"
        )))
        items = corpus.items(with_claims=True)
        run.sections.append(("digestcite items", render_items(items)))
        richest = max(items, key=lambda i: (len(i.claims), i.key))
        run.sections.append((f"digestcite show {richest.key}", render_item(corpus.item(richest.key))))
        run.facts["searches"] = {}
        for query in DEMO_SEARCHES:
            result = corpus.index.search(query, limit=3)
            run.facts["searches"][query] = [h.to_json()["id"] for h in result.hits]
            run.sections.append((f"digestcite search '{query}' --limit 3", render_hits(result.hits) or "No matches."))
        run.facts["cites"] = {}
        cited: list[str] = []
        for query, style in DEMO_CITES:
            found = cite(corpus, query, style=style).citation
            if found is None:
                continue
            cited.append(found.item.key)
            run.facts["cites"][query] = found.to_json()
            run.sections.append((f"digestcite cite '{query}' --style {style}", render_citation(found)))
        if cited:
            bib = export_text(records(corpus, cited), "biblatex")
            run.sections.append((f"digestcite export --keys {','.join(cited)} --format biblatex", bib.rstrip()))
        years = timeline(corpus, by="year")
        run.sections.append(("digestcite timeline --by year", "\n".join(
            f"{p}  events {e:>3}  items {i:>3}" for p, e, i in years.rows)))
    return run
