"""Reliability: crashes, Ctrl-C, parallel use and hostile input never lose or corrupt a corpus."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
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
