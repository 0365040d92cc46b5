"""``cite`` as typed, two source trees on one corpus, interleaved: a fair before/after on a busy machine.

``python -m bench.cite_notes_ab CORPUS_FOLDER BEFORE_SRC AFTER_SRC [--items N] [--repeat N]``

CORPUS_FOLDER is a corpus kept by ``python -m bench --keep DIR`` (its ``corpus`` folder);
BEFORE_SRC and AFTER_SRC are source trees holding a ``digestcite`` package (e.g. ``git archive
main`` unpacked, and this checkout). Each query is run as a fresh ``python -m digestcite cite
QUERY`` process with one tree, then the other, then ``cite --format pandoc`` (the lookup without a note) with
the second, then the Whoosh floor, so load on the machine falls on all alike. The note cache is deleted before each cite, so every run formats its
note (the cold case a user meets on a new lookup). Prints one JSON object of medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.__main__ import _plain_words
from bench.generate import generate, queries

HERE = Path(__file__).resolve().parent


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    # NOTE: run outside any checkout: 'python -m' puts the working folder first on sys.path,
    # which would shadow PYTHONPATH's tree.
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False,
                   cwd=tempfile.gettempdir())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--items", type=int, default=10_000, help="items the kept corpus was generated with")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        asked = queries(generate(Path(folder), args.items))
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base["DIGESTCITE_CORPUS"] = str(args.corpus)
    cache = args.corpus / ".digestcite" / "notes.sqlite"
    times: dict[str, list[float]] = {"before": [], "after": [], "after_lookup_only": [], "floor": []}
    for _ in range(args.repeat):
        for query in asked:
            for name in ("before", "after"):
                cache.unlink(missing_ok=True)
                env = {**base, "PYTHONPATH": str(getattr(args, name).resolve())}
                times[name].append(_timed([sys.executable, "-m", "digestcite", "cite", query], env))
            times["after_lookup_only"].append(_timed([sys.executable, "-m", "digestcite", "cite", query, "--format",
                                                      "pandoc"], {**base, "PYTHONPATH": str(args.after.resolve())}))
            times["floor"].append(_timed([sys.executable, str(HERE / "whoosh_floor.py"),
                                          str(args.corpus / ".digestcite" / "index"), *_plain_words(query)],
                                         {**base, "PYTHONPATH": str(args.after.resolve())}))
    medians = {f"{k}_p50_s": round(statistics.median(v), 3) for k, v in times.items()}
    medians["before_to_floor"] = round(medians["before_p50_s"] / medians["floor_p50_s"], 2)
    medians["after_to_floor"] = round(medians["after_p50_s"] / medians["floor_p50_s"], 2)
    medians["after_lookup_only_to_floor"] = round(medians["after_lookup_only_p50_s"] / medians["floor_p50_s"], 2)
    print(json.dumps({"items": args.items, "queries": len(asked), "repeat": args.repeat, **medians}, indent=2))


if __name__ == "__main__":
    main()
