"""Fresh-process lookups against the Whoosh floor, interleaved, for one or more source trees.

``python -m bench.lookups CORPUS_FOLDER [--tree NAME=SRC]... [--repeat N] [--json]``

CORPUS_FOLDER is a corpus kept by ``python -m bench --keep DIR`` (``DIR/<items>/corpus``).
Each ``--tree`` is a source tree holding a ``digestcite`` package (e.g. ``git archive``
of an older commit, unpacked; default: this checkout). For each of the benchmark's 30
queries, and for each tree in turn, four fresh processes run one after another (each as
the ``digestcite`` console script runs it): ``cite`` as typed, ``cite --format pandoc``, ``search --json`` and the Whoosh floor
(bench/whoosh_floor.py, with that tree's analyzers). So the load of a shared machine
falls on all alike, and the ratios come from neighbouring runs. The note cache is
deleted before each ``cite``: every run formats its note, as a new lookup does. Each tree
keeps its own copy of the corpus's outlet-registry cache (derived data keyed by the tree's
outlets.json), put back before its runs, as one installed copy would find it.

Prints p50 and p90 of each, and each p50 over the floor's p50 (the same tree's floor,
and the first tree's); ``--json`` prints one object, which is also saved in
bench/results/<date>-lookups-<items>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench.__main__ import _p, _plain_words
from bench.generate import plan, queries
from digestcite.corpus.folder import REGISTRY_CACHE

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KINDS = ("cite", "cite_pandoc", "search", "floor")


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    # NOTE: run outside any checkout: 'python -m' puts the working folder first on sys.path,
    # which would shadow PYTHONPATH's tree.
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False,
                   cwd=tempfile.gettempdir())
    return time.perf_counter() - started


# What the `digestcite` console script runs (with the tree on PYTHONPATH instead of installed).
CLI = [sys.executable, "-c", "import sys; from digestcite.cli import main; sys.exit(main())"]


def _commands(query: str, index: Path) -> dict[str, list[str]]:
    cli = CLI
    return {
        "cite": [*cli, "cite", query],
        "cite_pandoc": [*cli, "cite", query, "--format", "pandoc"],
        "search": [*cli, "search", query, "--json"],
        "floor": [sys.executable, str(HERE / "whoosh_floor.py"), str(index), *_plain_words(query)],
    }


class _TreeRegistries:
    """Each tree's own copy of the corpus's outlet-registry cache, put in place before its runs.

    NOTE (issue 13, "Speed", third pass): outlets.cache is keyed by the size and mtime of the
    tree's outlets.json, so two trees sharing one corpus each found the other's cache stale
    and rebuilt it (folding ~2,300 names, ~7-10 ms) in the first ``cite`` after every switch:
    28 of the 30 queries load the registry. No user pays that more than once; each tree now
    keeps the cache it built (once, before the timed runs) as an installed copy would.
    """

    def __init__(self, cache: Path, folder: Path, trees: dict[str, Path], env: dict[str, str]) -> None:
        self.cache = cache
        self.copies = {name: folder / f"{i}.cache" for i, name in enumerate(trees)}
        load = ("from pathlib import Path; from digestcite.corpus.folder import Corpus;"
                f" Corpus(Path({str(cache.parent)!r})).registry")
        for name, src in trees.items():  # build each tree's cache, untimed
            self.cache.unlink(missing_ok=True)
            _timed([sys.executable, "-c", load], {**env, "PYTHONPATH": str(src)})
            self.keep(name)

    def use(self, name: str) -> None:
        if self.copies[name].exists():
            shutil.copy2(self.copies[name], self.cache)
        else:
            self.cache.unlink(missing_ok=True)

    def keep(self, name: str) -> None:
        if self.cache.exists():
            shutil.copy2(self.cache, self.copies[name])


def measure(corpus: Path, trees: dict[str, Path], repeat: int) -> dict[str, Any]:
    """p50/p90 of each lookup per tree, and the ratios to the floor."""
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base["DIGESTCITE_CORPUS"] = str(corpus)
    for src in trees.values():  # bytecode cached, as on a user's machine
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(src / "digestcite"), str(HERE)], env=base,
                       check=False, stdout=subprocess.DEVNULL)
    db = sqlite3.connect(f"file:{corpus / '.digestcite' / 'store.sqlite'}?mode=ro", uri=True)
    items = db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    db.close()
    cache = corpus / ".digestcite" / "notes.sqlite"
    asked = queries(plan())
    times: dict[str, dict[str, list[float]]] = {name: {k: [] for k in KINDS} for name in trees}
    with tempfile.TemporaryDirectory() as kept:
        registries = _TreeRegistries(corpus / ".digestcite" / REGISTRY_CACHE, Path(kept), trees, base)
        for _ in range(repeat):
            for query in asked:
                for name, src in trees.items():
                    env = {**base, "PYTHONPATH": str(src)}
                    registries.use(name)
                    for kind, command in _commands(query, corpus / ".digestcite" / "index").items():
                        if kind == "cite":
                            cache.unlink(missing_ok=True)
                        times[name][kind].append(_timed(command, env))
                    registries.keep(name)
    first = next(iter(trees))
    result: dict[str, Any] = {"items": items, "queries": len(asked), "repeat": repeat, "trees": {}}
    for name, found in times.items():
        row: dict[str, Any] = {"src": str(trees[name])}
        for kind in KINDS:
            row[f"{kind}_p50_s"] = round(statistics.median(found[kind]), 3)
            row[f"{kind}_p90_s"] = round(_p(found[kind], 0.9), 3)
        for kind in KINDS[:-1]:
            row[f"{kind}_to_floor"] = round(row[f"{kind}_p50_s"] / row["floor_p50_s"], 2)
            row[f"{kind}_to_first_floor"] = round(row[f"{kind}_p50_s"] / statistics.median(times[first]["floor"]), 2)
        result["trees"][name] = row
    return result


def table(result: dict[str, Any]) -> str:
    names = list(result["trees"])
    lines = [f"| fresh process ({result['items']:,} items, {result['queries']} queries × {result['repeat']}) | "
             + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    labels = {"cite": "`cite` as typed", "cite_pandoc": "`cite --format pandoc`", "search": "`search --json`",
              "floor": "Whoosh floor"}
    for kind in KINDS:
        cells = []
        for name in names:
            row = result["trees"][name]
            ratio = f" ({row[f'{kind}_to_floor']}×)" if kind != "floor" else ""
            cells.append(f"{row[f'{kind}_p50_s']} / {row[f'{kind}_p90_s']}{ratio}")
        lines.append(f"| {labels[kind]}, p50 / p90 s (÷ floor) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a kept corpus folder (python -m bench --keep DIR: DIR/<items>/corpus)")
    parser.add_argument("--tree", action="append", metavar="NAME=SRC", default=[],
                        help="a source tree to time (repeatable; default: this checkout)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the 30 queries (default 3)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    trees = {}
    for spec in args.tree or [f"this={ROOT}"]:
        name, _, src = spec.partition("=")
        trees[name] = Path(src).resolve()
    result = measure(args.corpus.resolve(), trees, args.repeat)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    record = {"when": stamp, "machine": f"{platform.machine()} {platform.python_version()}", "cores": os.cpu_count(),
              **result}
    out = HERE / "results" / f"{stamp}-lookups-{result['items']}.json"
    out.write_text(json.dumps(record, indent=2) + "\n", "utf-8")
    print(json.dumps(record, indent=2) if args.json else table(result))
    print(f"saved {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
