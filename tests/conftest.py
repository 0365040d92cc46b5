"""Shared fixtures: an isolated environment, corpora built with the real pipeline, the seeds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from digestcite.corpus.folder import Corpus

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(os.environ.get("DIGESTCITE_SEEDS") or ROOT.parent / "shared" / "seeds")  # a worktree sets the variable
SEED_DIGEST = SEEDS / "002_fd4d90c8a939e2ac.txt"
SEED_TAGGED = SEEDS / "001_1f212aea24f3589d.txt"
SEED_PLAIN = SEEDS / "000_147323605bb7b0a7.txt"


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test can touch a real corpus: the env var and the platform data dir point into tmp."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("DIGESTCITE_CORPUS", raising=False)
    monkeypatch.delenv("DIGESTCITE_DEBUG", raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seeds() -> Path:
    if not SEED_DIGEST.exists():
        pytest.skip(f"seed pages not found at {SEEDS} (they live in ../shared/seeds)")
    return SEEDS


@pytest.fixture
def empty_corpus(tmp_path: Path) -> Iterator[Corpus]:
    with Corpus.init(tmp_path / "empty") as corpus:
        yield corpus


@pytest.fixture(scope="session")
def _sample_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from digestcite.demo import ingest_sample

    folder = tmp_path_factory.mktemp("sample-master")
    with Corpus.init(folder) as corpus:
        report = ingest_sample(corpus)
        assert not report.failed, report.failed
    return folder


@pytest.fixture
def sample_corpus(_sample_master: Path, tmp_path: Path) -> Iterator[Corpus]:
    """The bundled sample corpus, ingested once per session and copied for each test."""
    target = tmp_path / "sample"
    shutil.copytree(_sample_master, target)
    with Corpus(target / ".digestcite") as corpus:
        yield corpus


@pytest.fixture(scope="session")
def _seed_master(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    from digestcite.corpus.dates import parse_date
    from digestcite.corpus.digest import PageDefaults

    if not SEED_DIGEST.exists():
        return None
    folder = tmp_path_factory.mktemp("seed-master")
    with pytest.MonkeyPatch.context() as patch, Corpus.init(folder) as corpus:
        # a fixed ingest time, so golden exports (urldate, accessed) are stable
        patch.setattr("digestcite.corpus.folder.now_iso", lambda: "2026-01-15T09:30:00Z")
        corpus.ingest([str(SEED_DIGEST), str(SEED_TAGGED)], publisher="Seed digest publisher",
                      url="https://example.org/digest/2020-10")
        corpus.ingest([str(SEED_PLAIN)], defaults=PageDefaults("The Epoch Times", parse_date("2024-02-28")),
                      publisher="Seed digest publisher")
        # The digest page prints no title: the writer names it (as the document corrections
        # command of store schema 6 will), so its items are cited "summarized in" it.
        with corpus.store.transaction():
            corpus.store.db.execute("UPDATE documents SET title = ? WHERE path_or_url = ?",
                                    ("Seed Digest: The Chinese Press in October 2020", str(SEED_DIGEST)))
    return folder


@pytest.fixture
def seed_corpus(_seed_master: Path | None, tmp_path: Path) -> Iterator[Corpus]:
    """The three seed pages ingested (the plain one with --source/--date), copied per test."""
    if _seed_master is None:
        pytest.skip(f"seed pages not found at {SEEDS}")
    target = tmp_path / "seeds"
    shutil.copytree(_seed_master, target)
    with Corpus(target / ".digestcite") as corpus:
        yield corpus
