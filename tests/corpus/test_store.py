"""The store through the Corpus façade: idempotent ingest, provenance links, keys, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digestcite.bib.keys import KEY_PATTERN, make_key
from digestcite.corpus.folder import Corpus, find_corpus
from digestcite.corpus.store import SCHEMA_VERSION
from digestcite.errors import CorpusError, NoCorpusError, SchemaVersionError

DIGEST_A = """Digest A

Officials Count Incidents in the Port City

The port city recorded 293 incidents in the log, including 117 mass incidents. Officials told the cyberspace office to watch reactions online.

Source: Epoch Times, October 22, 2020

Bank Regulator Warns on Bubbles

The vice president warned that finance cut off from the real economy is like water without a source. He said safety comes first.

Source: HKET, October 25, 2020
"""

DIGEST_B = """Digest B

Officials Count Incidents in the Port City

The port city recorded 293 incidents in the log, including 117 mass incidents. Officials told the cyberspace office to watch reactions online.

Source: Epoch Times, October 22, 2020

Port City Logs Show Hundreds of Incidents

The port city recorded 293 incidents in the log, including 117 mass incidents. Officials told the cyberspace office to monitor reactions online.

Source: Epoch Times, October 23, 2020
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def test_reingesting_the_same_page_changes_nothing(empty_corpus: Corpus, tmp_path: Path) -> None:
    page = write(tmp_path, "a.txt", DIGEST_A)
    first = empty_corpus.ingest([page])
    before = empty_corpus.store.counts()
    second = empty_corpus.ingest([page])
    assert first.pages[0].status == "added" and second.pages[0].status == "unchanged"
    assert empty_corpus.store.counts() == before


def test_same_item_in_two_digests_is_one_item_with_two_links(empty_corpus: Corpus, tmp_path: Path) -> None:
    empty_corpus.ingest([write(tmp_path, "a.txt", DIGEST_A)], publisher="Publisher A")
    report = empty_corpus.ingest([write(tmp_path, "b.txt", DIGEST_B)], publisher="Publisher B")
    assert report.pages[0].items_linked == ("epochtimes2020officials",)
    item = empty_corpus.item("epochtimes2020officials")
    assert [d.publisher for d in item.documents] == ["Publisher A", "Publisher B"]


def test_near_duplicates_are_linked_and_shown(empty_corpus: Corpus, tmp_path: Path) -> None:
    empty_corpus.ingest([write(tmp_path, "a.txt", DIGEST_A)])
    report = empty_corpus.ingest([write(tmp_path, "b.txt", DIGEST_B)])
    assert report.pages[0].near_duplicates == (("epochtimes2020port", "epochtimes2020officials"),)
    assert empty_corpus.item("epochtimes2020officials").near_duplicates == ("epochtimes2020port",)
    assert empty_corpus.stats()["near_duplicate_pairs"] == 1


def test_keys_are_stable_and_unique(empty_corpus: Corpus, tmp_path: Path) -> None:
    empty_corpus.ingest([write(tmp_path, "a.txt", DIGEST_A)])
    keys_before = {i.title: i.key for i in empty_corpus.items()}
    twin = DIGEST_A.replace("293 incidents", "294 incidents").replace("finance cut off", "money cut off")
    empty_corpus.ingest([write(tmp_path, "twin.txt", twin)])
    keys_after = {i.key for i in empty_corpus.items()}
    assert set(keys_before.values()) <= keys_after
    assert "epochtimes2020officialsb" in keys_after
    empty_corpus.index.rebuild()
    assert {i.title: i.key for i in empty_corpus.items() if i.key in keys_before.values()} == keys_before


@pytest.mark.parametrize(
    ("stem", "year", "title", "taken", "key"),
    [
        ("epochtimes", 2020, "Internal Log Shows How", set(), "epochtimes2020internal"),
        ("rfa", 2020, "Xi Jinping’s Warning", set(), "rfa2020jinping"),
        ("xinhua", None, "The A of It", set(), "xinhuanditem"),
        ("hket", 2020, "英国推出国家安全与投资法案", set(), "hket2020item"),
        ("sina", 2020, "Student Visas", {"sina2020student"}, "sina2020studentb"),
    ],
    ids=["plain", "possessive", "stopwords", "chinese", "collision"],
)
def test_make_key(stem: str, year: int | None, title: str, taken: set[str], key: str) -> None:
    made = make_key(stem, year, title, taken.__contains__)
    assert made == key and KEY_PATTERN.match(made)


def test_ingest_failure_is_reported_and_the_rest_go_in(empty_corpus: Corpus, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary" * 50)
    report = empty_corpus.ingest([str(bad), write(tmp_path, "a.txt", DIGEST_A)])
    assert [p.status for p in report.pages] == ["failed", "added"]
    assert report.pages[0].error == f"{bad}: binary file, not text"


def test_a_failed_transaction_leaves_nothing(empty_corpus: Corpus, tmp_path: Path) -> None:
    from digestcite.corpus.readers import read_source

    raw = read_source(write(tmp_path, "a.txt", DIGEST_A))
    original = empty_corpus._store_item
    calls = {"n": 0}

    def failing(parsed, registry):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return original(parsed, registry)

    empty_corpus._store_item = failing  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        empty_corpus.ingest_page(raw)
    counts = empty_corpus.store.counts()
    assert (counts["documents"], counts["items"], counts["claims"]) == (0, 0, 0)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    with Corpus.init(tmp_path / "c"):
        pass
    store = tmp_path / "c" / ".digestcite" / "store.sqlite"
    with sqlite3.connect(store) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaVersionError, match="newer than this digestcite knows"):
        Corpus(store.parent)


def test_corpus_is_found_from_a_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Corpus.init(tmp_path / "project"):
        pass
    sub = tmp_path / "project" / "drafts" / "deep"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert find_corpus() == tmp_path / "project" / ".digestcite"
    monkeypatch.setenv("DIGESTCITE_CORPUS", str(tmp_path / "other"))
    assert find_corpus() == tmp_path / "other" / ".digestcite"


def test_opening_a_folder_without_corpus_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(NoCorpusError, match="run 'digestcite init'"):
        Corpus(tmp_path / ".digestcite")


def test_alias_relabels_items_and_keeps_keys(empty_corpus: Corpus, tmp_path: Path) -> None:
    page = DIGEST_A.replace("Source: HKET, October 25, 2020", "Source: HK Econ Daily, October 25, 2020")
    empty_corpus.ingest([write(tmp_path, "a.txt", page)])
    before = [i.key for i in empty_corpus.items()]
    unknown = [s for s in empty_corpus.sources() if not s["known"]]
    assert [s["outlet"] for s in unknown] == ["HK Econ Daily"]
    result = empty_corpus.add_alias("HK Econ Daily", "HKET")
    assert result == {"alias": "HK Econ Daily", "outlet": "Hong Kong Economic Times", "items_relabelled": 1}
    assert [i.key for i in empty_corpus.items()] == before
    assert [i.key for i in empty_corpus.items(outlet="Hong Kong Economic Times")] == ["hkecondaily2020bank"]


def test_seed_counts(seed_corpus: Corpus) -> None:
    stats = seed_corpus.stats()
    assert (stats["documents"], stats["items"], stats["outlets"]) == (3, 10, 6)
    assert stats["undated_items"] == 1


def test_near_duplicates_are_counted_once(empty_corpus: Corpus, tmp_path: Path) -> None:
    from digestcite.index.timeline import timeline

    empty_corpus.ingest([write(tmp_path, "a.txt", DIGEST_A)])
    empty_corpus.ingest([write(tmp_path, "b.txt", DIGEST_B)])
    stats = empty_corpus.stats()
    assert (stats["items"], stats["stories"]) == (3, 2)
    epoch = [s for s in empty_corpus.sources() if s["outlet"] == "The Epoch Times"][0]
    assert epoch["items"] == 1
    assert {p: i for p, _, i in timeline(empty_corpus, by="month").rows} == {"2020-10": 2}


def test_pages_converted_by_pandoc_split_like_the_text(empty_corpus: Corpus, seeds: Path, tmp_path: Path) -> None:
    import pypandoc

    text = (seeds / "002_fd4d90c8a939e2ac.txt").read_text("utf-8")
    expected = [(i.title, i.outlet, i.published) for i in _ingest_text(empty_corpus, tmp_path, text)]
    for fmt in ("docx", "html"):
        with Corpus.init(tmp_path / f"c-{fmt}") as other:
            out = tmp_path / f"seed.{fmt}"
            pypandoc.convert_text(text, fmt, format="markdown", outputfile=str(out), extra_args=["--standalone",
                                  "--metadata=title:Digest"] if fmt == "html" else [])
            report = other.ingest([str(out)])
            assert report.pages[0].status == "added", report.pages[0].error
            got = [(i.title, i.outlet, i.published) for i in other.items()]
            assert sorted(got, key=str) == sorted(expected, key=str), fmt


def _ingest_text(corpus: Corpus, tmp_path: Path, text: str) -> list:  # type: ignore[type-arg]
    corpus.ingest([write(tmp_path, "seed.txt", text)])
    return corpus.items()


def test_migration_from_v1_keeps_every_claim_and_backs_up_first(tmp_path: Path) -> None:
    from digestcite.corpus.store import MIGRATIONS, unpack_sketch

    folder = tmp_path / "old" / ".digestcite"
    folder.mkdir(parents=True)
    db = sqlite3.connect(folder / "store.sqlite")
    db.executescript(str(MIGRATIONS[0]))
    db.execute("INSERT INTO documents VALUES (1, 'a.txt', 'abc', 'txt', NULL, NULL, NULL, 10, '2026-01-01T00:00:00Z', 1)")
    db.execute("INSERT INTO items(id, key, title, outlet, published, paragraphs, text_hash, created) VALUES "
               "(1, 'xinhua2020plan', 'Plan', 'Xinhua News Agency', '2020-05-01', ?, 'h', '2026-01-01T00:00:00Z')",
               ('["First sentence here. Second one “quoted” here.", "中文句子。"]',))
    db.execute("INSERT INTO document_items VALUES (1, 1, 1, 1)")
    db.executemany("INSERT INTO claims(item_id, paragraph, sentence, text, kind) VALUES (1, ?, ?, ?, 'statement')",
                   [(1, 1, "First sentence here."), (1, 2, "Second one “quoted” here."), (2, 1, "中文句子。")])
    db.executemany("INSERT INTO shingles VALUES (?, 1)", [(5,), (5,), (-7,)])
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    with Corpus(folder) as corpus:
        assert corpus.store.version() == SCHEMA_VERSION
        assert [c.text for c in corpus.item("xinhua2020plan").claims] == [
            "First sentence here.", "Second one “quoted” here.", "中文句子。"]
        assert corpus.store.db.execute("SELECT COUNT(*) FROM shingles").fetchone()[0] == 2
        sketch = corpus.store.db.execute("SELECT sketch FROM sketches WHERE item_id = 1").fetchone()[0]
        assert unpack_sketch(sketch) == (-7, 5)
    backup = folder / "store.sqlite.v1.bak"
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 3
    old.close()


def test_a_failed_migration_leaves_the_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import digestcite.corpus.store as store_module

    with Corpus.init(tmp_path / "c") as corpus:
        root = corpus.root
    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, "CREATE TABLE extra(x); SELECT nonsense FROM nowhere"])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", len(store_module.MIGRATIONS))
    message = rf"upgrading the store from schema {SCHEMA_VERSION} to {SCHEMA_VERSION + 1} failed \(no such table: nowhere\); it was left unchanged"
    with pytest.raises(CorpusError, match=message):
        Corpus(root)
    db = sqlite3.connect(root / "store.sqlite")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'extra'").fetchone()[0] == 0
    db.close()


def test_finding_retellings_stays_bounded_when_many_items_share_a_sentence(empty_corpus: Corpus) -> None:
    """A sentence that every item of a feed carries makes its shingles common: a new item
    then compares its sketch with at most SKETCH_KEYS x COMMON_SHINGLE earlier items
    (not with every item that carries the sentence), and a real retelling is still found."""
    from digestcite.corpus.store import COMMON_SHINGLE, SKETCH_KEYS, shingles

    boiler = ("Readers may send tips to the editors of this bulletin by post or by telephone "
              "during office hours on weekdays only please")
    words = ["alder", "birch", "cedar", "damson", "elm", "fir", "gorse", "hazel", "ivy", "juniper", "larch", "maple"]
    store = empty_corpus.store

    def own(n: int) -> str:
        return " ".join(f"{words[(n + k) % len(words)]}{n}x{k}" for k in range(12))

    def add(key: str, text: str) -> tuple[list[tuple[int, float]], int]:
        sketch = shingles([text, boiler])
        compared = []
        store.db.set_trace_callback(lambda sql: compared.append(sql) if "SELECT sketch" in sql else None)
        with store.transaction():
            item_id = store.db.execute(
                "INSERT INTO items(key, title, paragraphs, text_hash, n_shingles, created) VALUES (?, 't', '[]', ?, ?,"
                " '2026-01-01')", (key, f"h-{key}", len(sketch))).lastrowid
            found = store.add_shingles(item_id, sketch)
        store.db.set_trace_callback(None)
        return found, len(compared)

    comparisons = [add(f"k{n}", own(n))[1] for n in range(3 * COMMON_SHINGLE)]
    assert max(comparisons) <= SKETCH_KEYS * COMMON_SHINGLE
    found, _ = add("twin", own(3 * COMMON_SHINGLE - 1))  # the last item again, word for word
    last = store.db.execute("SELECT id FROM items WHERE key = ?", (f"k{3 * COMMON_SHINGLE - 1}",)).fetchone()[0]
    assert last in [other for other, similarity in found if similarity == 1.0]


@given(st.lists(st.sampled_from(["alpha", "Beta", "gamma", "δέλτα", "中国", "7.36", "x"]), max_size=40))
def test_shingle_hashes_are_those_already_stored(words: list[str]) -> None:
    """shingles() is written for speed; its hashes must stay the ones earlier versions stored."""
    import re
    import zlib

    from digestcite.corpus.store import normalize_text, shingles

    hashed = [zlib.crc32(w.encode("utf-8")) for w in re.findall(r"\w+", normalize_text(" ".join(words)))]
    reference: set[int] = set()
    for i in range(max(0, len(hashed) - 4)):
        value = 0
        for word in hashed[i: i + 5]:
            value = (value * 1_000_003 + word) & 0xFFFFFFFFFFFFFFFF
        reference.add(value - (1 << 64) if value >= 1 << 63 else value)
    assert shingles([" ".join(words)]) == set(sorted(reference)[:48])


def test_migration_to_sketches_keeps_finding_retellings(tmp_path: Path) -> None:
    """A schema-3 store (every sketch shingle in the shingle table) becomes schema 4: each
    item keeps its whole sketch, the table its 8 smallest, and a retelling ingested after
    the upgrade is still linked to the item stored before it."""
    from digestcite.corpus.store import SKETCH_KEYS, unpack_sketch

    folder = tmp_path / "c"
    with Corpus.init(folder) as corpus:
        corpus.ingest([write(tmp_path, "a.txt", DIGEST_A)])
        db = corpus.store.db
        sketches = {i: unpack_sketch(b) for i, b in db.execute("SELECT item_id, sketch FROM sketches")}
        with corpus.store.transaction():
            for item_id, sketch in sketches.items():  # back to schema 3: the whole sketch in the table
                db.executemany("INSERT OR IGNORE INTO shingles(hash, item_id) VALUES (?, ?)", [(h, item_id) for h in sketch])
            db.execute("DROP TABLE sketches")
            for table, column in (("items", "published_origin"), ("items", "author"), ("items", "credited"),
                                  ("documents", "meta"), ("documents", "shape"),  # and before schema 5
                                  ("documents", "published")):  # and 6
                db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
            db.execute("DROP TABLE edits")
            db.execute("PRAGMA user_version=3")
    with Corpus(folder / ".digestcite") as corpus:
        db = corpus.store.db
        assert corpus.store.version() == SCHEMA_VERSION
        assert {i: unpack_sketch(b) for i, b in db.execute("SELECT item_id, sketch FROM sketches")} == sketches
        per_item = dict(db.execute("SELECT item_id, COUNT(*) FROM shingles GROUP BY item_id").fetchall())
        assert per_item == {i: min(SKETCH_KEYS, len(s)) for i, s in sketches.items() if s}
        report = corpus.ingest([write(tmp_path, "b.txt", DIGEST_B)])
        assert report.pages[0].near_duplicates == (("epochtimes2020port", "epochtimes2020officials"),)
    assert (folder / ".digestcite" / "store.sqlite.v3.bak").exists()


def test_a_store_being_created_by_another_process_is_waited_for_not_called_damaged(tmp_path: Path) -> None:
    """A store another process is creating is waited for. (CI once saw four ingests racing to
    create one corpus end with 'the store is damaged or not a digestcite store: database is
    locked'; this test shows the waiting, not that race, which is timing-bound; the open now
    retries a busy store and never calls it damaged.)"""
    import sqlite3
    import threading

    from digestcite.corpus.store import Store

    path = tmp_path / "store.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE placeholder(x)")
    threading.Timer(0.5, lambda: (holder.execute("ROLLBACK"), holder.close())).start()
    store = Store(path, create=True)  # waits for the creator, then makes the schema
    try:
        assert store.version() > 0
    finally:
        store.close()
