"""Reliability: crashes, Ctrl-C, parallel use and hostile input never lose or corrupt a corpus."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.generate import generate
from digestcite.cli import cli
from digestcite.corpus.doctor import diagnose, repair
from digestcite.corpus.folder import Corpus

ROOT = Path(__file__).resolve().parent.parent


def _digestcite(corpus: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "digestcite", "--corpus", str(corpus), *args]


def _survivors(corpus: Path) -> list[int]:
    """Processes still running for this corpus (a killed ingest's children must not be)."""
    time.sleep(0.5)
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(corpus) in cmdline and int(entry.name) != os.getpid():
            found.append(int(entry.name))
    return found


def _consistent(corpus_dir: Path) -> tuple[int, int]:
    """Open the store, check every provenance link and count; return (documents, items)."""
    with Corpus(corpus_dir / ".digestcite") as corpus:
        diagnosis = diagnose(corpus)
        assert diagnosis.store_ok, diagnosis.to_json()
        db = corpus.store.db
        for doc_id, n_items in db.execute("SELECT id, n_items FROM documents"):
            linked = db.execute("SELECT COUNT(*) FROM document_items WHERE document_id = ?", (doc_id,)).fetchone()[0]
            assert linked == n_items, "a document was stored without all its items"
        if not diagnosis.ok:
            repaired = repair(corpus, diagnosis)
            assert repaired.ok, repaired.to_json()
        counts = corpus.store.counts()
        return counts["documents"], counts["items"]


@pytest.mark.slow
def test_sigkill_at_several_points_leaves_a_consistent_corpus(tmp_path: Path) -> None:
    made = generate(tmp_path / "pages", 900)
    corpus = tmp_path / "c"
    seen = []
    for delay in (0.8, 2.0, 3.5):
        process = subprocess.Popen(_digestcite(corpus, "-q", "ingest", str(made.folder)), cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _survivors(corpus) == [], "worker processes outlived the killed ingest"
        if (corpus / ".digestcite" / "store.sqlite").exists():
            seen.append(_consistent(corpus))
    finished = subprocess.run(_digestcite(corpus, "-q", "ingest", str(made.folder), "--json"), cwd=ROOT,
                              capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert _consistent(corpus) == (made.pages, made.items)
    assert seen == sorted(seen)  # what was committed stayed committed
    doctor = subprocess.run(_digestcite(corpus, "doctor", "--json"), cwd=ROOT, capture_output=True, text=True)
    assert json.loads(doctor.stdout)["ok"] is True


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_says_what_was_ingested(tmp_path: Path) -> None:
    made = generate(tmp_path / "pages", 3000)
    corpus = tmp_path / "c"
    process = subprocess.Popen(_digestcite(corpus, "ingest", str(made.folder)), cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "Interrupted:" in stderr and "Aborted!" in stderr and "Traceback" not in stderr
    documents, _ = _consistent(corpus)
    assert 0 < documents < made.pages
    assert f"Interrupted: {documents} page(s)" in stderr


@pytest.mark.slow
def test_readers_work_while_a_writer_ingests(tmp_path: Path) -> None:
    made = generate(tmp_path / "pages", 1500)
    corpus = tmp_path / "c"
    subprocess.run(_digestcite(corpus, "init", str(corpus)), cwd=ROOT, check=True, capture_output=True)
    writer = subprocess.Popen(_digestcite(corpus, "-q", "ingest", str(made.folder)), cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    counts: list[int] = []
    errors: list[str] = []
    with Corpus(corpus / ".digestcite") as reader:
        while writer.poll() is None:
            try:
                counts.append(len(reader.items()))
                if (corpus / ".digestcite" / "index").exists():
                    reader.index.search("Beijing", limit=5)
            except Exception as exc:  # noqa: BLE001 - the test collects any reader failure
                if "index is missing" not in str(exc):
                    errors.append(repr(exc))
            time.sleep(0.05)
    assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    assert errors == []
    assert counts == sorted(counts) and len(set(counts)) > 2  # it saw the corpus grow, never shrink


@pytest.mark.slow
def test_two_ingests_at_once_lose_nothing(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 400, seed=1)
    second = generate(tmp_path / "b", 400, seed=2)
    corpus = tmp_path / "c"
    subprocess.run(_digestcite(corpus, "init", str(corpus)), cwd=ROOT, check=True, capture_output=True)
    processes = [subprocess.Popen(_digestcite(corpus, "-q", "ingest", str(m.folder)), cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for m in (first, second)]
    for process in processes:
        process.wait(timeout=300)
        assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    assert _consistent(corpus) == (first.pages + second.pages, first.items + second.items)
    with Corpus(corpus / ".digestcite") as opened:
        assert diagnose(opened).ok


def _store_snapshot(corpus: Path) -> tuple[int, ...]:
    path = corpus / ".digestcite" / "store.sqlite"
    if not path.exists():
        return ()
    db = sqlite3.connect(path)
    try:
        return tuple(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("documents", "items", "claims"))
    finally:
        db.close()


HOSTILE = {
    "zero.txt": (b"", "empty file"),
    "binary.dat": (bytes(range(256)) * 40, "binary file"),
    "nul.txt": (b"Headline\x00\x00\x00 body" * 200, "binary file"),
    "broken.docx": (b"PK\x03\x04" + os.urandom(200), "not a valid zip"),
    "broken.pdf": (b"%PDF-1.4\n" + b"garbage " * 50, "damaged PDF"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE), ids=sorted(HOSTILE))
def test_hostile_files_get_one_line_and_write_nothing(runner: CliRunner, tmp_path: Path, name: str) -> None:
    data, message = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(data)
    corpus = tmp_path / "c"
    runner.invoke(cli, ["--corpus", str(corpus), "init", str(corpus)])
    before = _store_snapshot(corpus)
    result = runner.invoke(cli, ["--corpus", str(corpus), "ingest", str(path)])
    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1 and error_lines[0].startswith(f"Error: {path}: ") and message in error_lines[0]
    assert "Traceback" not in result.output
    assert _store_snapshot(corpus) == before


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("invalid-utf8.txt", b"Headline\n\nCaf\xe9 owners said the \xff\xfe rules were unfair. They left.\n\nSource: Xinhua, May 1, 2020\n"),
        ("mixed.txt", "Headline\n\nThe first part is UTF-8 — “quoted”.\n\n".encode() + "来源：新华社\n".encode("gb18030")),
        ("long-line.txt", b"Headline\n\n" + b"The city recorded 293 incidents and officials worried. " * 40_000),
        ("empty-source.txt", b"Headline\n\nSomething happened. It mattered.\n\nSource: , ,\n"),
        ("feb30.txt", b"Headline\n\nSomething happened. It mattered.\n\nSource: Xinhua, February 30, 2020\n"),
        ("nested.html", b"<html><body>" + b"<div>" * 3000 + b"<p>Deep text here. It ends.</p>" + b"</div>" * 3000 + b"</body></html>"),
        ("scripts.html", b"<html><head>" + b"<script>var a = '</p><p>Source: X, May 1, 2020';</script><style>p{}</style>" * 500
         + b"</head><body><p>Real body text here. Yes.</p></body></html>"),
    ],
    ids=["invalid-utf8", "mixed-encodings", "long-line", "empty-source", "feb30", "nested-html", "scripts-styles"],
)
def test_odd_input_is_handled(runner: CliRunner, tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    corpus = tmp_path / "c"
    result = runner.invoke(cli, ["--corpus", str(corpus), "ingest", str(path), "--json"])
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        report = json.loads(result.stdout)
        assert report["pages_added"] == 1
        _consistent(corpus)
    else:
        assert result.exit_code == 1 and result.stderr.count("Error:") == 1


def test_size_limit_is_named_and_raisable(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Headline\n\n" + b"Words of the page go on. " * 90_000)
    corpus = tmp_path / "c"
    refused = runner.invoke(cli, ["--corpus", str(corpus), "ingest", str(path), "--max-size", "1"])
    assert refused.exit_code == 1
    assert f"Error: {path}: file is 2.3 MB, over the 1 MB limit (raise it with --max-size)" in refused.stderr
    accepted = runner.invoke(cli, ["--corpus", str(corpus), "ingest", str(path), "--max-size", "5"])
    assert accepted.exit_code == 0, accepted.output


@pytest.mark.parametrize(
    "query",
    ['"' * 999, "(" * 500 + "a" + ")" * 500, "a OR " * 60 + "b", "NOT " * 50 + "x", "x" * 1999, "*a*b*c*d*e" * 20,
     "outlet:" + "a" * 500, "event:[" + "2020 TO " * 30 + "]"],
    ids=["quotes", "parens", "many-or", "many-not", "long-word", "wildcards", "long-outlet", "bad-range"],
)
def test_hostile_queries_end_quickly(tmp_path: Path, query: str, sample_corpus: Corpus) -> None:
    result = subprocess.run(_digestcite(sample_corpus.root, "search", query), cwd=ROOT, capture_output=True,
                            text=True, timeout=20)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    if result.returncode == 1:
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1


@pytest.mark.slow
def test_fuzz_target_runs_briefly(tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    result = subprocess.run([sys.executable, str(ROOT / "fuzz" / "ingest_fuzz.py"), "-runs=300", "-max_len=2048",
                             f"-artifact_prefix={tmp_path}/"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]


# --- the index after faults (issue 12: 8, 9, 10, 16, 18, 20, 21, 2, 17) ----------------------


def _unsearchable(corpus_dir: Path) -> tuple[int, int, int]:
    """(missing, extra, stale) items of the index against the store, without repairing anything."""
    from digestcite.index.build import compare

    with Corpus(corpus_dir / ".digestcite") as corpus:
        diff = compare(corpus.index_dir, corpus.store)
        assert diff.error is None, diff.error
        return len(diff.missing), len(diff.extra), len(diff.stale)


def test_a_run_after_a_crash_catches_the_index_up_and_search_warns_meanwhile(runner: CliRunner, tmp_path: Path) -> None:
    made = generate(tmp_path / "pages", 120, seed=3)
    pages = sorted(str(p) for p in made.folder.rglob("*.txt"))
    corpus_dir = tmp_path / "c"
    with Corpus.init(corpus_dir) as corpus:
        corpus.ingest(pages[:8], workers=0)
        # What a SIGKILL between a page's COMMIT and the index batch leaves: stored, not indexed.
        corpus.ingest(pages[8:], workers=0, update_index=False)
        stored = corpus.store.counts()["items"]
    searched = runner.invoke(cli, ["--corpus", str(corpus_dir), "search", "China"])
    behind = stored - _indexed_now(corpus_dir)
    assert behind > 0
    assert (f"warning: the index is behind the store: {behind} stored item(s) cannot be found yet;"
            " any ingest or 'digestcite doctor --repair' adds them\n") in searched.stderr
    cited = runner.invoke(cli, ["--corpus", str(corpus_dir), "cite", "China", "--format", "pandoc"])
    assert cited.stderr.count("warning: the index is behind the store") == 1
    again = runner.invoke(cli, ["--corpus", str(corpus_dir), "ingest", *pages, "--json"], catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["pages_unchanged"] == len(pages)
    assert _unsearchable(corpus_dir) == (0, 0, 0)
    quiet = runner.invoke(cli, ["--corpus", str(corpus_dir), "search", "China"])
    assert "warning" not in quiet.stderr


def _indexed_now(corpus_dir: Path) -> int:
    from digestcite.index.build import open_index

    return int(open_index(corpus_dir / ".digestcite" / "index").doc_count())


def test_an_index_without_a_mark_is_compared_once_and_caught_up(tmp_path: Path) -> None:
    made = generate(tmp_path / "pages", 60, seed=4)
    pages = sorted(str(p) for p in made.folder.rglob("*.txt"))
    with Corpus.init(tmp_path / "c") as corpus:
        corpus.ingest(pages[:3], workers=0)
        corpus.ingest(pages[3:], workers=0, update_index=False)
        (corpus.index_dir / "STORE_MARK").unlink()  # an index written before marks existed
        assert corpus.index.behind() is None
        corpus.ingest(pages, workers=0)
        assert corpus.index.behind() == 0
    assert _unsearchable(tmp_path / "c") == (0, 0, 0)


@pytest.mark.slow
def test_twenty_random_kills_leave_nothing_unsearchable_after_a_rerun(tmp_path: Path) -> None:
    import random

    made = generate(tmp_path / "pages", 2250, seed=5)  # 300 pages
    assert made.pages >= 290
    corpus = tmp_path / "c"
    subprocess.run(_digestcite(corpus, "init", str(corpus)), cwd=ROOT, check=True, capture_output=True)
    rng = random.Random(12)
    started = time.monotonic()
    for _ in range(20):
        process = subprocess.Popen(_digestcite(corpus, "-q", "ingest", str(made.folder)), cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 2.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
    killed_for = time.monotonic() - started
    finished = subprocess.run(_digestcite(corpus, "-q", "ingest", str(made.folder), "--json"), cwd=ROOT,
                              capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert _unsearchable(corpus) == (0, 0, 0)
    searched = subprocess.run(_digestcite(corpus, "search", "China Digest", "--items", "--json"), cwd=ROOT,
                              capture_output=True, text=True)
    assert searched.returncode == 0 and "warning" not in searched.stderr, searched.stderr
    with Corpus(corpus / ".digestcite") as opened:
        assert opened.store.counts()["documents"] == made.pages
        assert diagnose(opened).ok
    assert killed_for < 60


@pytest.mark.slow
def test_ingest_beside_rebuild_and_repair_loses_nothing(tmp_path: Path) -> None:
    made = generate(tmp_path / "pages", 1500, seed=6)
    corpus = tmp_path / "c"
    subprocess.run(_digestcite(corpus, "init", str(corpus)), cwd=ROOT, check=True, capture_output=True)
    ingest = subprocess.Popen(_digestcite(corpus, "-q", "ingest", str(made.folder)), cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    others: list[subprocess.CompletedProcess[str]] = []
    while ingest.poll() is None:
        for command in (("index", "rebuild"), ("doctor", "--repair")):
            others.append(subprocess.run(_digestcite(corpus, *command), cwd=ROOT, capture_output=True, text=True))
    assert ingest.returncode == 0, ingest.stderr.read() if ingest.stderr else ""
    assert len(others) >= 2
    for done in others:
        assert "Traceback" not in done.stderr, done.stderr
        # a doctor may see the ingest's newest batch not indexed yet: it indexes it, or says so
        assert done.returncode in (0, 1), done.stderr
    assert _unsearchable(corpus) == (0, 0, 0)
    with Corpus(corpus / ".digestcite") as opened:
        assert opened.store.counts()["documents"] == made.pages


@pytest.mark.slow
def test_four_ingests_at_once_leave_every_item_indexed(tmp_path: Path) -> None:
    folders = [generate(tmp_path / f"p{n}", 500, seed=20 + n) for n in range(4)]
    corpus = tmp_path / "c"  # no corpus yet: the four also race to create it
    processes = [subprocess.Popen(_digestcite(corpus, "-q", "ingest", str(m.folder)), cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for m in folders]
    for process in processes:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
    assert _unsearchable(corpus) == (0, 0, 0)
    with Corpus(corpus / ".digestcite") as opened:
        assert opened.store.counts()["documents"] == sum(m.pages for m in folders)



@contextmanager
def _held_by_another_process(script: str) -> Iterator[None]:
    """Run ``script`` (which takes a lock) in another process, and hold it while the block runs."""
    holder = subprocess.Popen([sys.executable, "-c", script + "print('locked', flush=True)\nimport time\ntime.sleep(60)\n"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_an_ingest_that_cannot_get_the_index_lock_leaves_its_items_to_the_next(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import digestcite.index.build as build

    made = generate(tmp_path / "pages", 40, seed=8)
    corpus_dir = tmp_path / "c" / ".digestcite"
    runner.invoke(cli, ["--corpus", str(corpus_dir), "init", str(tmp_path / "c")], catch_exceptions=False)
    with _held_by_another_process("import fcntl\n"
                                  f"f = open({str(corpus_dir / 'index.lock')!r}, 'a')\n"
                                  "fcntl.flock(f.fileno(), fcntl.LOCK_EX)\n"):
        monkeypatch.setattr(build, "CATCH_UP_WAIT_S", 0.5)
        result = runner.invoke(cli, ["--corpus", str(corpus_dir), "ingest", str(made.folder)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert (f"note: another digestcite process is writing the index: {made.items} stored item(s) are not"
                " searchable yet; the next ingest (or 'digestcite doctor --repair') adds them") in result.stderr
    again = runner.invoke(cli, ["--corpus", str(corpus_dir), "ingest", str(made.folder)], catch_exceptions=False)
    assert again.exit_code == 0 and "not searchable" not in again.stderr
    assert _unsearchable(tmp_path / "c") == (0, 0, 0)


def test_a_killed_alias_is_finished_by_the_next_catch_up_and_seen_by_doctor(
    runner: CliRunner, sample_corpus: Corpus,
) -> None:
    root = sample_corpus.root
    printed = sample_corpus.store.db.execute(
        "SELECT outlet_as_printed, COUNT(*) FROM items WHERE outlet_as_printed IS NOT NULL"
        " GROUP BY outlet_as_printed ORDER BY COUNT(*) DESC").fetchone()[0]
    # The alias process dies (as by SIGKILL: no clean-up runs) right after its store commit, before re-indexing.
    dying = (
        "import os, sys\n"
        "import digestcite.index.build as build\n"
        "build.reindex_outlet = lambda *a, **k: os._exit(9)\n"
        "from digestcite.cli import cli\n"
        "cli(sys.argv[1:])\n"
    )
    alias = subprocess.run([sys.executable, "-c", dying, "--corpus", str(root), "sources", "alias", printed,
                            "Renamed Outlet Weekly"], cwd=ROOT, capture_output=True, text=True)
    assert alias.returncode == 9, alias.stderr
    db = sqlite3.connect(root / "store.sqlite")
    assert db.execute("SELECT COUNT(*) FROM items WHERE outlet = 'Renamed Outlet Weekly'").fetchone()[0] > 0
    db.close()
    doctor = runner.invoke(cli, ["--corpus", str(root), "doctor", "--json"])
    assert doctor.exit_code == 1 and json.loads(doctor.stdout)["index"]["stale"]
    catch_up = runner.invoke(cli, ["--corpus", str(root), "ingest", str(ROOT / "digestcite" / "data" / "sample")])
    assert catch_up.exit_code == 0, catch_up.output
    assert json.loads(runner.invoke(cli, ["--corpus", str(root), "doctor", "--json"]).stdout)["ok"]
    found = runner.invoke(cli, ["--corpus", str(root), "search", 'outlet:"Renamed Outlet Weekly"', "--items", "--json"])
    assert json.loads(found.stdout)


def test_a_zero_byte_store_is_refused_and_its_index_kept(runner: CliRunner, sample_corpus: Corpus) -> None:
    root = sample_corpus.root
    held = _indexed_now(root.parent)
    sample_corpus.close()
    for name in ("store.sqlite", "store.sqlite-wal", "store.sqlite-shm"):
        (root / name).unlink(missing_ok=True)
    (root / "store.sqlite").write_bytes(b"")  # a failed copy or sync, an hour ago
    os.utime(root / "store.sqlite", (time.time() - 3600, time.time() - 3600))
    expected = (f"Error: {root / 'store.sqlite'}: the store is empty (0 bytes) but the index holds {held} item(s):"
                " restore store.sqlite from a backup ('digestcite init' starts a new, empty corpus here;"
                " the index is left as it is)\n")
    for command in (["items"], ["search", "Beijing"], ["doctor"], ["doctor", "--repair"], ["index", "rebuild"],
                    ["ingest", str(ROOT / "digestcite" / "data" / "sample")]):
        result = runner.invoke(cli, ["--corpus", str(root), *command])
        assert result.exit_code == 1, (command, result.output)
        assert result.stderr == expected, command
    assert (root / "store.sqlite").stat().st_size == 0
    assert _indexed_now(root.parent) == held


def test_doctor_never_deletes_an_index_holding_more_than_the_store(runner: CliRunner, sample_corpus: Corpus) -> None:
    root = sample_corpus.root
    held = _indexed_now(root.parent)
    sample_corpus.close()
    for name in ("store.sqlite", "store.sqlite-wal", "store.sqlite-shm"):
        (root / name).unlink(missing_ok=True)
    runner.invoke(cli, ["init", str(root.parent)], catch_exceptions=False)  # a new empty store beside the old index
    for command in (["doctor"], ["doctor", "--repair"]):
        result = runner.invoke(cli, ["--corpus", str(root), *command])
        assert result.exit_code == 1
        assert (f"warning: the store is empty but the index holds {held} item(s): restore store.sqlite from a"
                " backup; the index is kept") in result.stdout
        assert "repaired:" not in result.stdout
    assert _indexed_now(root.parent) == held


@pytest.mark.parametrize("damage", ["toc-garbage", "toc-empty", "segment-truncated", "segment-garbage", "mark-garbage",
                                    "layout-garbage"])
def test_a_damaged_index_is_one_line_and_doctor_repairs_it(runner: CliRunner, sample_corpus: Corpus, damage: str) -> None:
    root = sample_corpus.root
    index = sample_corpus.index_dir
    toc = sorted(index.glob("_MAIN_*.toc"))[-1]
    segment = max((p for p in index.iterdir() if p.suffix in (".seg", ".pst", ".trm") or p.name.endswith(".seg")),
                  key=lambda p: p.stat().st_size)
    if damage == "toc-garbage":
        toc.write_bytes(os.urandom(400))
    elif damage == "toc-empty":
        toc.write_bytes(b"")
    elif damage == "segment-truncated":
        segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 3])
    elif damage == "segment-garbage":
        segment.write_bytes(os.urandom(segment.stat().st_size))
    elif damage == "mark-garbage":
        (index / "STORE_MARK").write_bytes(b"\xff\xfe garbage")
    else:
        (index / "LAYOUT").write_bytes(b"\xff\xfe\x00garbage")
    searched = runner.invoke(cli, ["--corpus", str(root), "search", "Beijing"])
    assert "Traceback" not in searched.output and searched.exception is None or isinstance(searched.exception, SystemExit)
    if searched.exit_code == 1:
        assert searched.stderr.startswith(f"Error: {index}: the index is damaged (") and searched.stderr.count("\n") == 1
        assert searched.stderr.endswith("run 'digestcite doctor --repair'\n")
    doctor = runner.invoke(cli, ["--corpus", str(root), "doctor"])
    assert doctor.exception is None or isinstance(doctor.exception, SystemExit), doctor.exception
    repaired = runner.invoke(cli, ["--corpus", str(root), "doctor", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    fixed = runner.invoke(cli, ["--corpus", str(root), "search", "Beijing", "--json"], catch_exceptions=False)
    assert fixed.exit_code == 0 and "warning" not in fixed.stderr
    assert _unsearchable(root.parent) == (0, 0, 0)


def test_a_damaged_store_makes_doctor_say_so_in_one_report(runner: CliRunner, sample_corpus: Corpus) -> None:
    root = sample_corpus.root
    sample_corpus.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sample_corpus.close()
    path = root / "store.sqlite"
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):  # every third page after the schema is garbage
        data[start:start + page] = os.urandom(page)
    path.write_bytes(bytes(data))
    for command in (["doctor"], ["doctor", "--repair"], ["doctor", "--json"]):
        result = runner.invoke(cli, ["--corpus", str(root), *command])
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        if command == ["doctor", "--repair"]:
            assert "the index was left as it is" in result.stdout or result.stderr.startswith("Error: ")
    searched = runner.invoke(cli, ["--corpus", str(root), "search", "Beijing"])
    assert searched.exception is None or isinstance(searched.exception, SystemExit), searched.exception
    if searched.exit_code:
        assert searched.stderr.startswith("Error: ") and searched.stderr.count("\n") == 1, searched.stderr
        assert "the store is damaged" in searched.stderr


def test_a_kill_between_the_renames_of_a_rebuild_is_finished(runner: CliRunner, sample_corpus: Corpus) -> None:
    index = sample_corpus.index_dir
    assert sample_corpus.index.rebuild() > 0
    # What a kill between `index -> index.old` and `index.new -> index` leaves:
    shutil.copytree(index, index.with_name("index.new"))
    index.rename(index.with_name("index.old"))
    result = runner.invoke(cli, ["--corpus", str(sample_corpus.root), "search", "Beijing", "--json"], catch_exceptions=False)
    assert result.exit_code == 0 and json.loads(result.stdout)
    assert index.exists() and not index.with_name("index.new").exists() and not index.with_name("index.old").exists()
    # and doctor does it too
    shutil.copytree(index, index.with_name("index.new"))
    index.rename(index.with_name("index.old"))
    doctor = runner.invoke(cli, ["--corpus", str(sample_corpus.root), "doctor", "--json"])
    assert doctor.exit_code == 0 and json.loads(doctor.stdout)["ok"], doctor.output


@pytest.mark.slow
def test_ctrl_c_during_an_index_batch_prints_no_traceback(tmp_path: Path) -> None:
    made = generate(tmp_path / "pages", 3000, seed=9)
    corpus = tmp_path / "c"
    with Corpus.init(corpus) as opened:
        opened.ingest(sorted(str(p) for p in made.folder.rglob("*.txt")), update_index=False)
    for delay in (1.5, 3.0):
        # A terminal's Ctrl-C goes to the whole process group: Whoosh's sub-writers too.
        process = subprocess.Popen(_digestcite(corpus, "index", "rebuild"), cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
        assert process.returncode in (0, 1)
        assert _survivors(corpus) == []
    finished = subprocess.run(_digestcite(corpus, "-q", "ingest", str(made.folder)), cwd=ROOT, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert _unsearchable(corpus) == (0, 0, 0)


def test_a_held_store_lock_stops_the_ingest_after_the_first_busy_page(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import digestcite.corpus.store as store_module

    made = generate(tmp_path / "pages", 60, seed=10)
    corpus_dir = tmp_path / "c" / ".digestcite"
    runner.invoke(cli, ["init", str(tmp_path / "c")], catch_exceptions=False)
    with _held_by_another_process("import sqlite3\n"
                                  f"db = sqlite3.connect({str(corpus_dir / 'store.sqlite')!r}, isolation_level=None)\n"
                                  "db.execute('BEGIN IMMEDIATE')\n"):
        monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 1.0)
        started = time.monotonic()
        result = runner.invoke(cli, ["--corpus", str(corpus_dir), "-q", "ingest", str(made.folder)])
        took = time.monotonic() - started
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {corpus_dir}: another digestcite process is writing to this corpus (waited 1 s); try again when it"
        f" is done; stopped after 0 page(s) (0 new item(s) kept): {made.pages} page(s) were not ingested. Run the same"
        " command again to finish: pages already in are skipped.\n")
    assert took < 8  # one wait, not one per page


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs (needs root, as in CI's container; skipped otherwise)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_keeps_what_was_committed(tmp_path: Path, small_disk: Path) -> None:
    made = generate(tmp_path / "pages", 4000, seed=11)
    corpus = small_disk / "c"
    result = subprocess.run(_digestcite(corpus, "-q", "ingest", str(made.folder)), cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "disk full" in errors[0], result.stderr
    assert "page(s) were not ingested" in errors[0] or "every stored item is kept" in errors[0]
    with Corpus(corpus / ".digestcite") as opened:
        assert opened.store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = opened.store.counts()["documents"]
    assert 0 < stored < made.pages
    repair = subprocess.run(_digestcite(corpus, "doctor", "--repair"), cwd=ROOT, capture_output=True, text=True)
    assert "Traceback" not in repair.stderr, repair.stderr


def test_a_workers_pandoc_is_not_killed_by_the_fork_handler(runner: CliRunner, tmp_path: Path) -> None:
    """The die-with-parent fork handler compares a child with the process that forked it: a
    worker's pandoc (run with a preexec_fn, which runs the handlers) was killed at birth."""
    from digestcite.children import die_with_parent

    die_with_parent()
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"p{n}.md").write_text(
            f"# Granary audit {n} finds missing grain\n\nInspectors visited {n + 40} depots in the province "
            f"and found the ledgers overstated the stock.\n\nSource: Caixin, May {n + 1}, 2021\n", "utf-8")
    result = runner.invoke(cli, ["--corpus", str(tmp_path / "c"), "ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert "3 page(s) added, 0 unchanged, 0 failed" in result.stderr
