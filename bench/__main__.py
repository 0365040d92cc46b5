"""``python -m bench``: measure ingest, index and lookup against peers on the same pages.

Generates a synthetic corpus (bench/generate.py), ingests it with the real command line,
then times lookups as fresh processes (what a user waits for) and in-process, and the
same pages and queries with SQLite FTS5 and ripgrep. Prints a table (or ``--json``),
writes ``bench/results/<date>-<items>.json`` and the latest table into bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench.generate import generate, plan, queries

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CLI = [sys.executable, "-m", "digestcite"]
SCRIPT = Path(sys.executable).parent / "digestcite"


def _cli() -> list[str]:
    return [str(SCRIPT)] if SCRIPT.exists() else CLI


def _timed(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - started


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _fts5_words(query: str) -> str:
    """Our query in FTS5 syntax: filters dropped, words ANDed, phrases kept."""
    query = re.sub(r"\b\w+:(\"[^\"]*\"|\S+)", " ", query)
    phrases = re.findall(r'"[^"]+"', query)
    words = [w for w in re.sub(r'"[^"]+"', " ", query).split() if re.match(r"\w", w)]
    parts = phrases + [f'"{w}"' for w in words]
    return " AND ".join(parts) if parts else '""'


def _plain_words(query: str) -> list[str]:
    return re.sub(r"\b\w+:(\"[^\"]*\"|\S+)", " ", query).replace('"', " ").split()


def _rg_word(query: str) -> str:
    query = re.sub(r"\b\w+:(\"[^\"]*\"|\S+)", " ", query).replace('"', " ")
    words = sorted(query.split(), key=len, reverse=True)
    return words[0] if words else "the"


def _kept(work: Path, items: int) -> Any:
    """What a kept work folder of ``items`` generated items holds (its pages, already ingested), or None."""
    pages = work / "pages"
    if not (work / "corpus" / ".digestcite" / "store.sqlite").exists() or not pages.is_dir():
        return None
    files = list(pages.rglob("*.txt"))
    words = plan()
    return type(words)(pages, len(files), items, sum(f.stat().st_size for f in files), words.vocabulary,
                       words.collocations)


def measure(items: int, *, repeat: int, work: Path, peers: bool = True, lookups: bool = True,
            reuse: bool = False) -> dict[str, Any]:
    """One full measurement at one size (with ``reuse``, on the corpus a kept work folder holds)."""
    pages = work / "pages"
    corpus = work / "corpus"
    made = _kept(work, items) if reuse else None
    reused = made is not None
    if made is None:
        shutil.rmtree(work, ignore_errors=True)
        made = generate(pages, items)
    # NOTE: what a user runs has its bytecode cached; with PYTHONDONTWRITEBYTECODE set (as
    # some shells and CI set it) every fresh process would compile our modules (~30 ms).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["DIGESTCITE_CORPUS"] = str(corpus)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "digestcite"), str(HERE)],
                   env=env, check=False, stdout=subprocess.DEVNULL)
    result: dict[str, Any] = {"items": made.items, "pages": made.pages, "text_mb": round(made.bytes / 1e6, 2),
                              "cores": os.cpu_count()}
    if reused:
        result["reused_corpus"] = str(corpus)  # no ingest figures: the corpus was ingested before
    else:
        result.update(_ingest(made, corpus, env))
    result.update(_sizes(corpus, made.bytes))
    if not lookups:
        return result
    result.update(_lookups(corpus, queries(made), repeat, env))
    bare = [_timed([sys.executable, "-c", "pass"], env) for _ in range(10)]
    result["python_start_s"] = round(_p(bare, 0.5), 3)
    clicked = [_timed([sys.executable, "-c", "import click"], env) for _ in range(10)]
    result["click_import_s"] = round(_p(clicked, 0.5), 3)
    help_times = [_timed([*_cli(), "--help"], env) for _ in range(20)]
    result["help_s"] = round(_p(help_times, 0.5), 3)

    if peers:
        asked = queries(made)
        result.update(_fts5(corpus, asked, repeat, made.bytes, work))
        result.update(_ripgrep(pages, asked, repeat))
        result.update(_fts5_cite(corpus, asked, repeat, made.bytes, work, env))
        if result.get("rg_p50_s"):
            result["cite_to_rg"] = round(result["cite_fresh_p50_s"] / result["rg_p50_s"], 2)
        if result.get("fts5_query_p50_s"):
            result["cite_to_fts5"] = round(result["cite_fresh_p50_s"] / result["fts5_query_p50_s"], 2)
    return result


def _ingest(made: Any, corpus: Path, env: dict[str, str]) -> dict[str, Any]:
    """Ingest the generated pages with the command line; pace and stage times."""
    result: dict[str, Any] = {}
    started = time.perf_counter()
    out = subprocess.run([*_cli(), "-q", "ingest", str(made.folder), "--json"], capture_output=True, text=True, env=env, check=True)
    ingest_s = time.perf_counter() - started
    report = json.loads(out.stdout)
    result.update({
        "ingest_s": round(ingest_s, 2),
        "ingest_pages_s": round(made.pages / ingest_s, 1),
        "ingest_items_s": round(made.items / ingest_s, 1),
        "ingest_mb_s": round(made.bytes / 1e6 / ingest_s, 3),
        "ingest_stages_s": report.get("timings", {}),
    })
    index_s = result["ingest_stages_s"].get("index") or 0.0
    # Whoosh's own pace (its 2-process writer), were everything else free: the ceiling it puts on ingest.
    result["index_stage_mb_s"] = round(made.bytes / 1e6 / index_s, 3) if index_s else None
    return result


def _sizes(corpus: Path, text_bytes: int) -> dict[str, Any]:
    db = sqlite3.connect(corpus / ".digestcite" / "store.sqlite")
    claims = db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    db.close()
    store_bytes = sum(_size(p) for p in corpus.glob(".digestcite/store.sqlite*"))
    index_bytes = _size(corpus / ".digestcite" / "index")
    return {
        "claims": claims, "store_mb": round(store_bytes / 1e6, 2), "index_mb": round(index_bytes / 1e6, 2),
        "index_to_text": round((store_bytes + index_bytes) / text_bytes, 2),
        "index_only_to_text": round(index_bytes / text_bytes, 2),
    }


def _lookups(corpus: Path, asked: list[str], repeat: int, env: dict[str, str]) -> dict[str, Any]:
    """Fresh-process lookups and the Whoosh floor, interleaved query by query, then in-process search.

    NOTE: on a shared machine the load changes from minute to minute; running the floor
    right after the lookups of the same query makes the ratios compare neighbouring runs.
    """
    cite_times: list[float] = []  # `digestcite cite Q`: what a user waits for (claim, key, Chicago note)
    cold_times: list[float] = []  # the same, first run of each query: the note is formatted (and cached) anew
    key_times: list[float] = []  # `digestcite cite Q --format pandoc`: the lookup without a note
    search_times: list[float] = []
    floor: list[float] = []  # bench/whoosh_floor.py: import Whoosh, open the index, OR of the words
    (corpus / ".digestcite" / "notes.sqlite").unlink(missing_ok=True)
    for run in range(repeat):
        for query in asked:
            cite_times.append(_timed([*_cli(), "cite", query], env))
            if run == 0:
                cold_times.append(cite_times[-1])
            key_times.append(_timed([*_cli(), "cite", query, "--format", "pandoc"], env))
            search_times.append(_timed([*_cli(), "search", query, "--json"], env))
            floor.append(_timed([sys.executable, str(HERE / "whoosh_floor.py"), str(corpus / ".digestcite" / "index"),
                                 *_plain_words(query)], env))
    result = {
        "cite_fresh_p50_s": round(_p(cite_times, 0.5), 3), "cite_fresh_p90_s": round(_p(cite_times, 0.9), 3),
        "cite_fresh_p95_s": round(_p(cite_times, 0.95), 3),
        "cite_cold_note_p50_s": round(_p(cold_times, 0.5), 3),
        "cite_key_fresh_p50_s": round(_p(key_times, 0.5), 3), "cite_key_fresh_p90_s": round(_p(key_times, 0.9), 3),
        "cite_key_fresh_p95_s": round(_p(key_times, 0.95), 3),
        "search_fresh_p50_s": round(_p(search_times, 0.5), 3), "search_fresh_p90_s": round(_p(search_times, 0.9), 3),
        "search_fresh_p95_s": round(_p(search_times, 0.95), 3),
        "whoosh_floor_p50_s": round(_p(floor, 0.5), 3), "whoosh_floor_p90_s": round(_p(floor, 0.9), 3),
    }
    for name in ("cite_fresh", "cite_key_fresh", "search_fresh"):
        result[f"{name}_to_floor"] = round(_p({"cite_fresh": cite_times, "cite_key_fresh": key_times,
                                                "search_fresh": search_times}[name], 0.5) / _p(floor, 0.5), 2)
    result.update(_inprocess(corpus, asked, repeat))
    return result


def _inprocess(corpus: Path, asked: list[str], repeat: int) -> dict[str, Any]:
    from digestcite.corpus.folder import Corpus

    times: list[float] = []
    with Corpus(corpus / ".digestcite") as opened:
        opened.index.search(asked[0])  # warm: imports and first open
        for _ in range(repeat):
            for query in asked:
                started = time.perf_counter()
                opened.index.search(query, any_words=True, limit=3)
                times.append(time.perf_counter() - started)
    return {"search_inproc_p50_s": round(_p(times, 0.5), 4), "search_inproc_p95_s": round(_p(times, 0.95), 4)}


def _fts5(corpus: Path, asked: list[str], repeat: int, text_bytes: int, work: Path) -> dict[str, Any]:
    source = sqlite3.connect(corpus / ".digestcite" / "store.sqlite")
    rows = [(key, title, " ".join(json.loads(paragraphs)))
            for key, title, paragraphs in source.execute("SELECT key, title, paragraphs FROM items")]
    source.close()
    path = work / "fts5.sqlite"
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE items USING fts5(key UNINDEXED, title, body, tokenize='porter unicode61')")
    db.executemany("INSERT INTO items VALUES (?, ?, ?)", rows)
    db.commit()
    db.close()
    build_s = time.perf_counter() - started
    script = ("import sqlite3,sys; db=sqlite3.connect(sys.argv[1]);"
              "print(db.execute('SELECT key FROM items WHERE items MATCH ? ORDER BY bm25(items, 2.5, 1.0) LIMIT 3',"
              " (sys.argv[2],)).fetchall())")
    times = [_timed([sys.executable, "-c", script, str(path), _fts5_words(q)]) for _ in range(repeat) for q in asked]
    # The index alone (contentless: the text stays in the store), for the size comparison.
    bare = work / "fts5-contentless.sqlite"
    bare.unlink(missing_ok=True)
    db = sqlite3.connect(bare)
    db.execute("CREATE VIRTUAL TABLE items USING fts5(title, body, content='', tokenize='porter unicode61')")
    db.executemany("INSERT INTO items(rowid, title, body) VALUES (?, ?, ?)",
                   ((n, title, body) for n, (_, title, body) in enumerate(rows, start=1)))
    db.commit()
    db.execute("VACUUM")
    db.close()
    return {"fts5_build_s": round(build_s, 2), "fts5_build_mb_s": round(text_bytes / 1e6 / build_s, 2),
            "fts5_mb": round(path.stat().st_size / 1e6, 2), "fts5_query_p50_s": round(_p(times, 0.5), 3),
            "fts5_contentless_to_text": round(bare.stat().st_size / text_bytes, 2)}


def _fts5_cite(corpus: Path, asked: list[str], repeat: int, text_bytes: int, work: Path, env: dict[str, str]) -> dict[str, Any]:
    """The proposal measured: the lookup done with FTS5 over claims (bench/fts5_cite.py)."""
    store = corpus / ".digestcite" / "store.sqlite"
    index = work / "fts5-claims.sqlite"
    index.unlink(missing_ok=True)
    script = str(HERE / "fts5_cite.py")
    started = time.perf_counter()
    subprocess.run([sys.executable, script, "build", str(store), str(index)], check=True, env=env)
    build_s = time.perf_counter() - started
    times = [_timed([sys.executable, script, "cite", str(index), str(store), q], env) for _ in range(repeat) for q in asked]
    return {"fts5_cite_build_mb_s": round(text_bytes / 1e6 / build_s, 2),
            "fts5_cite_index_to_text": round(index.stat().st_size / text_bytes, 2),
            "fts5_cite_fresh_p50_s": round(_p(times, 0.5), 3), "fts5_cite_fresh_p95_s": round(_p(times, 0.95), 3)}


def _ripgrep(pages: Path, asked: list[str], repeat: int) -> dict[str, Any]:
    rg = shutil.which("rg")
    if rg is None:
        return {"rg_p50_s": None, "rg_note": "ripgrep not installed (apt-get install ripgrep): skipped"}
    times = [_timed([rg, "-l", "-i", "-F", "--", _rg_word(q), str(pages)]) for _ in range(repeat) for q in asked]
    return {"rg_p50_s": round(_p(times, 0.5), 3)}


TABLE_KEYS = [
    ("items", "items"), ("claims", "claims"), ("text_mb", "page text (MB)"), ("ingest_s", "ingest (s)"), ("ingest_items_s", "ingest items/s"),
    ("ingest_mb_s", "ingest MB/s"), ("index_stage_mb_s", "Whoosh index stage alone, MB/s"),
    ("store_mb", "store (MB)"), ("index_mb", "index (MB)"), ("index_to_text", "store+index / text"),
    ("index_only_to_text", "index alone / text"), ("cite_fresh_p50_s", "cite fresh p50 (s)"),
    ("cite_fresh_p95_s", "cite fresh p95 (s)"), ("cite_cold_note_p50_s", "cite fresh, note not cached, p50 (s)"),
    ("cite_key_fresh_p50_s", "cite --format pandoc fresh p50 (s)"), ("search_fresh_p50_s", "search fresh p50 (s)"),
    ("search_inproc_p50_s", "search in-process p50 (s)"), ("fts5_build_mb_s", "FTS5 build MB/s"),
    ("fts5_query_p50_s", "FTS5 fresh query p50 (s)"), ("fts5_contentless_to_text", "FTS5 index alone / text"), ("rg_p50_s", "rg p50 (s)"), ("cite_to_rg", "cite / rg"),
    ("help_s", "--help (s)"), ("python_start_s", "python -c pass (s)"), ("click_import_s", "python -c 'import click' (s)"),
    ("whoosh_floor_p50_s", "Whoosh floor: import+open+OR query, fresh p50 (s)"),
    ("whoosh_floor_p90_s", "Whoosh floor p90 (s)"), ("cite_fresh_p90_s", "cite fresh p90 (s)"),
    ("cite_fresh_to_floor", "cite / Whoosh floor (p50, same run)"),
    ("cite_key_fresh_to_floor", "cite --format pandoc / Whoosh floor"), ("search_fresh_to_floor", "search / Whoosh floor"),
    ("fts5_cite_fresh_p50_s", "FTS5 claim lookup prototype (with click), fresh p50 (s)"),
    ("fts5_cite_build_mb_s", "FTS5 claim index build MB/s"), ("fts5_cite_index_to_text", "FTS5 claim index / text"),
]


def table(results: list[dict[str, Any]]) -> str:
    header = "| measure | " + " | ".join(
        f"{r['items']:,} items" + (f" ({r['when']})" if r.get("when") else "") for r in results) + " |"
    lines = [header, "|---|" + "---|" * len(results)]
    for key, label in TABLE_KEYS:
        if any(key in r for r in results):
            lines.append(f"| {label} | " + " | ".join(str(r.get(key, "—")) for r in results) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--items", type=int, default=10_000, help="items in the synthetic corpus (default 10,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each query set (medians over all)")
    parser.add_argument("--curve", action="store_true", help="measure at 10k, 100k and 1M items (ingest and cite p50)")
    parser.add_argument("--sizes", help="with --curve: the sizes to measure, e.g. 10000,100000,200000")
    parser.add_argument("--no-peers", action="store_true", help="skip FTS5 and ripgrep")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: measure the lookups on the corpus kept there for each size (no new pages, "
                             "no ingest) when there is one; e.g. --items 100000 --keep DIR --reuse")
    parser.add_argument("--compare", type=Path, nargs="+", metavar="RESULT",
                        help="measure nothing: print the table of these saved results (bench/results/*.json)")
    args = parser.parse_args()
    if args.compare:
        saved = []
        for path in args.compare:
            record = json.loads(path.read_text("utf-8"))
            saved.extend({**r, "when": record.get("when")} for r in (record["curve"] if record.get("curve") else [record]))
        print(table(saved))
        return

    work_root = args.keep or Path(tempfile.mkdtemp(prefix="digestcite-bench-"))
    curve = [int(n) for n in args.sizes.split(",")] if args.sizes else [10_000, 100_000, 1_000_000]
    sizes = curve if args.curve else [args.items]
    results = []
    try:
        for size in sizes:
            print(f"measuring {size:,} items in {work_root} ...", file=sys.stderr)
            results.append(measure(size, repeat=args.repeat, work=work_root / str(size), peers=not args.no_peers,
                                   reuse=args.reuse and args.keep is not None))
    finally:
        if args.keep is None:
            shutil.rmtree(work_root, ignore_errors=True)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    record = {"when": stamp, "machine": f"{platform.machine()} {platform.python_version()}", "cores": os.cpu_count(),
              **results[-1], "curve": results if args.curve else None}
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / f"{stamp}-{results[-1]['items']}.json").write_text(json.dumps(record, indent=2) + "\n", "utf-8")
    _update_readme(table(results), stamp, record)
    if args.json:
        print(json.dumps(record, indent=2))
    else:
        print(table(results))


def _update_readme(text: str, stamp: str, record: dict[str, Any]) -> None:
    readme = HERE / "README.md"
    if not readme.exists():
        return
    content = readme.read_text("utf-8")
    block = f"<!-- latest -->\nLatest run: {stamp}, {record['machine']}, {record['cores']} cores.\n\n{text}\n<!-- /latest -->"
    content = re.sub(r"<!-- latest -->.*?<!-- /latest -->", lambda _: block, content, flags=re.S)
    readme.write_text(content, "utf-8")


if __name__ == "__main__":
    main()
