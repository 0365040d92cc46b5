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
from digestcite.corpus.models import IngestReport


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


def run_demo(where: Path) -> DemoRun:
    """Build a corpus from the sample pages in ``where`` and exercise the main commands."""
    from digestcite.cli.output import render_ingest, render_item, render_items

    with Corpus.init(where) as corpus:
        report = ingest_sample(corpus)
        run = DemoRun(str(corpus.root), report.to_json())
        run.sections.append((f"digestcite ingest (sample corpus: {len(report.pages)} pages)", render_ingest(report)))
        stats = corpus.stats()
        run.facts["stats"] = stats
        run.sections.append(("digestcite stats", "\n".join(
            f"{k:<22} {v}" for k, v in stats.items() if k != "corpus"
        )))
        items = corpus.items()
        run.sections.append(("digestcite items", render_items(items)))
        if items:
            first = corpus.item(items[0].key)
            run.sections.append((f"digestcite show {first.key}", render_item(first)))
    return run
