"""Corrections through the Corpus façade: real store, real index, real exports and notes.

Each correction is one transaction (a failure or Ctrl-C inside it changes nothing), is kept in
the edits table with its old value and time, keeps keys as they are, and reaches search,
cite and export at once.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from digestcite.bib.cite import cite
from digestcite.bib.export import export_text, records
from digestcite.corpus.dates import parse_date
from digestcite.corpus.digest import PageDefaults
from digestcite.corpus.folder import Corpus
from digestcite.corpus.store import SCHEMA_VERSION, Store
from digestcite.errors import ParseError, UnknownKeyError, UnknownPageError
from digestcite.index.search import Filters

DIGEST = """Digest of the week

Port Officials Count Incidents in the Harbour District

The harbour district recorded 293 incidents in its log, including 117 mass incidents. Officials told the cyberspace office to watch reactions online.

Source: Epoch Times, October 22, 2020

Bank Regulator Warns on Property Bubbles

The vice president warned that finance cut off from the real economy is like water without a source. He said safety comes first.

Source: HKET, October 25, 2020
"""

# An article with no source line and an event day without a year: the item's date gives the year.
ARTICLE = """Petition Office Queue Grows Again

On February 13 a group of petitioners from Hebei queued outside the office for the whole day. A volunteer said 40 people were turned away.
"""

# A CSV ingested by mistake: one junk item
JUNK = ('id,comment\n1,"The committee met on Tuesday and agreed to review the transport budget again, officials said."\n'
        '2,"Residents asked for more buses on the northern routes during the winter months."\n')


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, "utf-8")
    return str(path)


def dump(corpus: Corpus) -> list[str]:
    """Every row of the store, to compare before and after."""
    return list(corpus.store.db.iterdump())


def keys_found(corpus: Corpus, query: str, **filters: object) -> list[str]:
    result = corpus.index.search(query, filters=Filters(**filters), items=True, limit=50)  # type: ignore[arg-type]
    return [h.item.key for h in result.hits]


@pytest.fixture
def corpus(empty_corpus: Corpus, tmp_path: Path) -> Corpus:
    report = empty_corpus.ingest([write(tmp_path, "digest.txt", DIGEST), write(tmp_path, "article.txt", ARTICLE)])
    assert [p.status for p in report.pages] == ["added", "added"]
    return empty_corpus


def test_an_outlet_and_date_correction_reaches_show_search_export_and_cite(corpus: Corpus) -> None:
    key = "epochtimes2020port"
    before = cite(corpus, key).citation
    assert before is not None and "Epoch Times" in before.note

    report = corpus.edit(key, {"outlet": "RFA", "published": parse_date("2021-03")})

    # the outlet goes through the registry as at ingest: RFA is Radio Free Asia
    assert [(c.field, c.old, c.new) for c in report.changes] == [
        ("outlet", "The Epoch Times", "Radio Free Asia"), ("outlet_as_printed", "Epoch Times", "RFA"),
        ("published", "2020-10-22", "2021-03")]
    assert report.index_error is None
    item = corpus.item(key)  # the key never changes, though its outlet and year did
    assert (item.key, item.outlet, item.outlet_as_printed, item.published) == (key, "Radio Free Asia", "RFA", "2021-03")
    assert (item.outlet_origin, item.published_origin) == ("user", "user")
    assert [(e.field, e.old, e.new, e.via) for e in item.edits] == [
        ("outlet", "The Epoch Times", "Radio Free Asia", "edit"), ("outlet_as_printed", "Epoch Times", "RFA", "edit"),
        ("published", "2020-10-22", "2021-03", "edit")]
    assert all(e.at.startswith("20") and e.at.endswith("Z") for e in item.edits)
    assert item.to_json()["edits"][0] == {"at": item.edits[0].at, "item_key": key, "document_id": None,
                                          "field": "outlet", "old": "The Epoch Times", "new": "Radio Free Asia",
                                          "via": "edit"}
    # search: the index holds the new outlet and date
    assert keys_found(corpus, "harbour incidents", outlets=("Radio Free Asia",)) == [key]
    assert keys_found(corpus, "harbour incidents", outlets=("The Epoch Times",)) == []
    assert keys_found(corpus, "harbour incidents", published=((parse_date("2021-03"), parse_date("2021-03")),)) == [key]
    assert corpus.index.search("outlet:rfa harbour", items=True).hits[0].item.key == key
    # export and cite
    (record,) = records(corpus, [key])
    assert (record["container-title"], record["issued"]) == ("Radio Free Asia", {"date-parts": [[2021, 3]]})
    assert "Radio Free Asia" in export_text([record], "bibtex")
    after = cite(corpus, key).citation
    assert after is not None and "Radio Free Asia" in after.note and "March 2021" in after.note
    assert "Epoch Times" not in after.note


def test_a_corrected_item_is_never_served_a_stale_cached_note(corpus: Corpus) -> None:
    """The note cache is keyed by the citation's CSL records: a correction formats afresh, and
    setting the old value back finds the old note again. (Chicago notes are formatted
    without pandoc and without the cache; an author-date style goes through both.)"""
    from digestcite.bib.notecache import CACHE_FILE

    key = "hket2020bank"
    style = "chicago-author-date"
    first = cite(corpus, "vice president finance real economy", style=style).citation
    assert first is not None and first.item.key == key and "Hong Kong Economic Times" in first.reference

    def cached() -> int:
        db = sqlite3.connect(corpus.root / CACHE_FILE)
        try:
            return int(db.execute("SELECT COUNT(*) FROM citations").fetchone()[0])
        finally:
            db.close()

    assert cached() == 1
    corpus.edit(key, {"title": "Regulator Warns of Bubbles", "outlet": "Xinhua"})
    second = cite(corpus, "vice president finance real economy", style=style).citation
    assert second is not None and second.item.key == key
    assert "Regulator Warns of Bubbles" in second.reference and "Xinhua News Agency" in second.reference
    assert "Hong Kong Economic Times" not in second.reference and "Bank Regulator" not in second.reference
    assert cached() == 2
    corpus.edit(key, {"title": "Bank Regulator Warns on Property Bubbles", "outlet": "HKET"})
    third = cite(corpus, "vice president finance real economy", style=style).citation
    assert third is not None and (third.note, third.reference) == (first.note, first.reference)


def test_a_page_correction_reaches_its_items_citations(corpus: Corpus, tmp_path: Path) -> None:
    key = "hket2020bank"
    before = cite(corpus, key).citation
    assert before is not None and "China Watch" not in before.note
    report = corpus.edit_page(str(tmp_path / "digest.txt"), {
        "publisher": "China Watch Institute", "url": "https://example.org/digest/2020-10",
        "published": "October 30, 2020", "title": "Weekly digest, October 2020"})
    assert report.document is not None
    assert [(c.field, c.old, c.new) for c in report.changes] == [
        ("publisher", None, "China Watch Institute"), ("title", "Digest of the week", "Weekly digest, October 2020"),
        ("published", None, "2020-10-30"), ("url", None, "https://example.org/digest/2020-10")]
    item = corpus.item(key)
    document = item.document
    assert document is not None
    assert (document.publisher, document.url, document.published, document.title) == (
        "China Watch Institute", "https://example.org/digest/2020-10", "2020-10-30", "Weekly digest, October 2020")
    assert document.to_json()["published"] == "2020-10-30" and document.to_json()["id"] == document.id
    assert [(e.document_id, e.field, e.via) for e in item.edits] == [
        (document.id, "publisher", "edit-page"), (document.id, "title", "edit-page"),
        (document.id, "published", "edit-page"), (document.id, "url", "edit-page")]
    # the page's publisher, title, date and URL are the digest's record, never the item's (issue 13)
    record, digest = records(corpus, [key])
    assert "URL" not in record and record["custom"]["summarized_in"] == digest["id"]
    assert (digest["publisher"], digest["title"], digest["URL"]) == (
        "China Watch Institute", "Weekly digest, October 2020", "https://example.org/digest/2020-10")
    assert digest["issued"] == {"date-parts": [[2020, 10, 30]]}
    after = cite(corpus, key).citation
    assert after is not None and "China Watch Institute" in after.note  # not the cached note of before


@pytest.mark.parametrize(("values", "error", "message"), [
    ({"published": "2021-13"}, ParseError, r"'2021-13' is not a date \(no month 13\); use YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"published": "February 30, 2020"}, ParseError, r"is not a date \(February 30, 2020 does not exist\)"),
    ({"title": "  "}, ParseError, r"^a title cannot be empty$"),
    ({"outlet": "RFA", "title": ""}, ParseError, r"^a title cannot be empty$"),
], ids=["month-13", "no-such-day", "blank-title", "outlet-then-blank-title"])
def test_a_bad_value_changes_nothing(corpus: Corpus, values: dict[str, str], error: type, message: str) -> None:
    before = dump(corpus)
    with pytest.raises(error, match=message):
        corpus.edit("epochtimes2020port", values)
    assert dump(corpus) == before


def test_an_unknown_key_or_page_changes_nothing(corpus: Corpus) -> None:
    before = dump(corpus)
    with pytest.raises(UnknownKeyError, match=r"^no item with key 'epochtimes2020nope'$"):
        corpus.edit("epochtimes2020nope", {"outlet": "RFA"})
    with pytest.raises(UnknownKeyError, match="no item with key 'nope'"):
        corpus.remove(["epochtimes2020port", "nope"])  # all or none: the first is not removed either
    with pytest.raises(UnknownPageError, match=r"no page 99 \(list them with 'digestcite pages'\)"):
        corpus.remove_page("99")
    with pytest.raises(UnknownPageError, match=r"no page 'elsewhere.txt' in the corpus"):
        corpus.edit_page("elsewhere.txt", {"publisher": "X"})
    with pytest.raises(ParseError, match=r"'example.org/x' is not a web address \(it must start with http:// or https://\)"):
        corpus.edit_page("1", {"url": "example.org/x"})
    assert dump(corpus) == before


def test_ctrl_c_inside_a_correction_changes_nothing(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """A KeyboardInterrupt after the first values are written (between two records of one
    correction, and between two items of one page's removal) rolls the whole correction back."""
    before = dump(corpus)
    calls = {"n": 0}
    record_edit, delete_item = Store.record_edit, Store.delete_item

    def interrupted(real):  # type: ignore[no-untyped-def]
        def wrapper(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] == 2:
                raise KeyboardInterrupt
            return real(self, *args, **kwargs)
        return wrapper

    monkeypatch.setattr(Store, "record_edit", interrupted(record_edit))
    with pytest.raises(KeyboardInterrupt):
        corpus.edit("epochtimes2020port", {"outlet": "RFA", "published": "2021"})
    assert dump(corpus) == before
    monkeypatch.setattr(Store, "record_edit", record_edit)
    calls["n"] = 0
    monkeypatch.setattr(Store, "delete_item", interrupted(delete_item))
    with pytest.raises(KeyboardInterrupt):
        corpus.remove_page("1")
    assert dump(corpus) == before
    assert keys_found(corpus, "harbour incidents", outlets=("The Epoch Times",)) == ["epochtimes2020port"]
    monkeypatch.setattr(Store, "delete_item", delete_item)
    assert corpus.item("epochtimes2020port").outlet == "The Epoch Times"


def test_a_new_date_redates_the_events_its_text_gives_without_a_year(corpus: Corpus) -> None:
    (key,) = [i.key for i in corpus.items() if i.title.startswith("Petition Office")]
    event = [c for c in corpus.item(key).claims if "February 13" in c.text]
    assert [c.event_date for c in event] == [None]  # no year known: no event date invented
    corpus.edit(key, {"published": "2024-02-28", "outlet": "Epoch Times"})
    item = corpus.item(key)
    assert [c.event_date for c in item.claims if "February 13" in c.text] == ["2024-02-13"]
    assert keys_found(corpus, "petitioners Hebei", event=((parse_date("2024-02"), parse_date("2024-02")),)) == [key]
    assert key == "anonndpetition"  # the key says no outlet, no date, as it was first given
    corpus.edit(key, {"published": None})
    item = corpus.item(key)
    assert (item.published, item.published_reason) == (None, "the date was removed by a correction")
    assert [c.event_date for c in item.claims if "February 13" in c.text] == [None]


def test_author_title_and_clearing(corpus: Corpus) -> None:
    key = "hket2020bank"
    report = corpus.edit(key, {"author": "  Li   Wei ", "title": "Regulator Warns of Bubbles"})
    assert [(c.field, c.new) for c in report.changes] == [("title", "Regulator Warns of Bubbles"), ("author", "Li Wei")]
    assert corpus.edit(key, {"author": "Li Wei"}).changes == ()  # nothing to change: nothing recorded
    assert len(corpus.item(key).edits) == 2
    assert keys_found(corpus, "regulator bubbles") == [key]
    corpus.edit(key, {"author": None, "outlet": None})
    item = corpus.item(key)
    assert (item.author, item.outlet, item.outlet_as_printed, item.title) == (None, None, None, "Regulator Warns of Bubbles")
    assert json.loads(json.dumps(item.to_json()))["edits"][-1]["new"] is None


def test_removing_a_junk_item_and_its_page(empty_corpus: Corpus, tmp_path: Path) -> None:
    corpus = empty_corpus
    corpus.ingest([write(tmp_path, "digest.txt", DIGEST)])
    junk = corpus.ingest([write(tmp_path, "data.csv", JUNK)]).pages[0]
    (key,) = junk.items_added
    assert keys_found(corpus, "transport budget") == [key]
    report = corpus.remove([key])
    assert report.removed == (key,) and report.index_error is None
    assert keys_found(corpus, "transport budget") == []
    assert key not in [i.key for i in corpus.items()]
    with pytest.raises(UnknownKeyError, match=rf"^item '{key}' was removed on 20\d\d-.*Z \(by 'digestcite remove'\)$"):
        corpus.item(key)
    assert corpus.store.removal(key) is not None
    # the page stays, with no items; then it goes too
    page = [d for d in corpus.pages() if d.path_or_url.endswith("data.csv")][0]
    assert page.n_items == 0
    corpus.remove_page("data.csv")
    assert [d.path_or_url for d in corpus.pages()] == [str(tmp_path / "digest.txt")]
    from digestcite.corpus.doctor import diagnose

    assert diagnose(corpus).ok


def test_a_removed_key_is_never_given_to_another_item_and_comes_back_with_its_text(
    empty_corpus: Corpus, tmp_path: Path,
) -> None:
    corpus = empty_corpus
    corpus.ingest([write(tmp_path, "digest.txt", DIGEST)])
    corpus.remove(["epochtimes2020port"])
    other = DIGEST.replace("293 incidents", "301 incidents").replace("117 mass", "120 mass")
    added = corpus.ingest([write(tmp_path, "other.txt", other)]).pages[0].items_added
    assert "epochtimes2020port" not in added and "epochtimes2020portb" in added  # another item: another key
    corpus.remove_page("digest.txt")
    again = corpus.ingest([write(tmp_path, "digest.txt", DIGEST)]).pages[0]
    assert "epochtimes2020port" in again.items_added  # the same text gets its key back
    item = corpus.item("epochtimes2020port")
    assert [e.field for e in item.edits] == ["removed", "restored"]
    assert keys_found(corpus, "\"293 incidents\"") == ["epochtimes2020port"]


def test_removing_a_page_keeps_the_items_another_page_carries(sample_corpus: Corpus) -> None:
    from digestcite.corpus.doctor import diagnose

    corpus = sample_corpus
    shared = "epochtimes2020zhanjiang"
    first = [d.id for d in corpus.item(shared).documents]
    assert len(first) == 2
    page = first[0]
    own = [r["key"] for r in corpus.store.items_of(page) if r["carried_by"] == 1]
    assert own
    report = corpus.remove_page(str(page))
    assert (report.removed, report.kept) == (tuple(own), (shared,))
    assert report.document is not None and report.document.id == page
    item = corpus.item(shared)
    assert [d.id for d in item.documents] == first[1:]
    assert [(e.field, e.via) for e in item.edits] == [("document", "remove --page")]
    for key in own:
        with pytest.raises(UnknownKeyError, match="was removed on"):
            corpus.item(key)
    export = json.loads(export_text(records(corpus, [r[0] for r in corpus.store.db.execute("SELECT key FROM items")]),
                                    "csljson"))
    assert shared in [r["id"] for r in export] and not set(own) & {r["id"] for r in export}
    diagnosis = diagnose(corpus)
    assert diagnosis.ok, diagnosis.to_json()
    declared = corpus.store.db.execute(
        "SELECT COUNT(*) FROM documents d WHERE n_items != (SELECT COUNT(*) FROM document_items WHERE document_id = d.id)"
    ).fetchone()[0]
    assert declared == 0  # every page still has as many items as it declares


def test_a_page_number_is_never_given_again(empty_corpus: Corpus, tmp_path: Path) -> None:
    corpus = empty_corpus
    corpus.ingest([write(tmp_path, "a.txt", DIGEST)])
    corpus.ingest([write(tmp_path, "b.txt", ARTICLE)])
    assert [d.id for d in corpus.pages()] == [1, 2]
    corpus.remove_page("2")
    corpus.ingest([write(tmp_path, "c.txt", ARTICLE.replace("Hebei", "Henan"))])
    assert [d.id for d in corpus.pages()] == [1, 3]


def test_pages_are_named_by_number_path_name_content_or_hash(corpus: Corpus, tmp_path: Path) -> None:
    from digestcite.corpus.edits import find_document

    store = corpus.store
    digest = next(d for d in corpus.pages() if d.path_or_url.endswith("digest.txt"))
    moved = tmp_path / "moved" / "renamed.txt"
    moved.parent.mkdir()
    moved.write_text(DIGEST, "utf-8")
    for ref in (str(digest.id), digest.path_or_url, "digest.txt", str(moved), digest.sha256[:10], digest.sha256.upper()[:12]):
        assert find_document(store, ref) == digest.id, ref
    with pytest.raises(UnknownPageError, match=r"no page 'abc' in the corpus"):
        find_document(store, "abc")
    corpus.ingest([write(tmp_path / "moved", "digest.txt", DIGEST + "\nOne more line at the end of the page.\n")])
    with pytest.raises(UnknownPageError, match=r"^'digest.txt' names 2 pages \(1, 3\): name one by its number$"):
        find_document(store, "digest.txt")


def test_ingest_update_applies_source_date_publisher_and_url_to_a_known_page(empty_corpus: Corpus, tmp_path: Path) -> None:
    corpus = empty_corpus
    path = write(tmp_path, "article.txt", ARTICLE)
    corpus.ingest([path])
    (key,) = [i.key for i in corpus.items()]
    defaults = PageDefaults("Epoch Times", parse_date("2024-02-28"))

    plain = corpus.ingest([path], defaults=defaults, publisher="Think Tank")
    assert plain.pages[0].status == "unchanged"
    assert plain.pages[0].warnings == ("already ingested: nothing changed",)  # the CLI adds the --update hint
    assert corpus.item(key).outlet is None  # the old behaviour without --update

    report = corpus.ingest([path], defaults=defaults, publisher="Think Tank", url="https://example.org/a", update=True)
    page = report.pages[0]
    assert page.status == "updated" and report.counts()["pages_updated"] == 1
    assert [(c.item_key, c.document_id, c.field, c.old, c.new) for c in page.changes] == [
        (None, 1, "publisher", None, "Think Tank"), (None, 1, "url", None, "https://example.org/a"),
        (key, None, "outlet", None, "The Epoch Times"), (key, None, "outlet_as_printed", None, "Epoch Times"),
        (key, None, "published", None, "2024-02-28")]
    item = corpus.item(key)
    assert (item.outlet, item.published, item.key) == ("The Epoch Times", "2024-02-28", key)
    assert [c.event_date for c in item.claims if "February 13" in c.text] == ["2024-02-13"]
    assert {e.via for e in item.edits} == {"ingest --update"}
    assert keys_found(corpus, "petitioners", outlets=("The Epoch Times",)) == [key]
    assert page.to_json()["changes"][0] == {"item_key": None, "document_id": 1, "field": "publisher", "old": None,
                                            "new": "Think Tank"}
    # the same again: nothing to change; a wrong --source given again is corrected
    again = corpus.ingest([path], defaults=defaults, publisher="Think Tank", update=True).pages[0]
    assert (again.status, again.changes) == ("unchanged", ())
    fixed = corpus.ingest([path], defaults=PageDefaults("Radio Free Asia"), update=True).pages[0]
    assert [(c.field, c.new) for c in fixed.changes] == [("outlet", "Radio Free Asia"), ("outlet_as_printed", "Radio Free Asia")]
    assert corpus.item(key).published == "2024-02-28"  # --date not given: the date stays


def test_ingest_update_does_not_override_what_the_page_prints(corpus: Corpus, tmp_path: Path) -> None:
    """--source and --date are for items whose page names no outlet or gives no date."""
    report = corpus.ingest([str(tmp_path / "digest.txt")], defaults=PageDefaults("Xinhua", parse_date("2019")),
                           update=True)
    assert (report.pages[0].status, report.pages[0].changes) == ("unchanged", ())
    assert corpus.item("epochtimes2020port").outlet == "The Epoch Times"


def test_ingest_update_dates_an_item_already_known_from_another_page(empty_corpus: Corpus, tmp_path: Path) -> None:
    """The same item in a second page: --date used to be ignored because the item was known."""
    corpus = empty_corpus
    corpus.ingest([write(tmp_path, "article.txt", ARTICLE)])
    (key,) = [i.key for i in corpus.items()]
    copy = write(tmp_path, "copy.md", "# " + ARTICLE)
    ignored = corpus.ingest([copy], defaults=PageDefaults(published=parse_date("2024-02-28"))).pages[0]
    assert ignored.items_linked == (key,) and corpus.item(key).published is None
    corpus.remove_page("copy.md")
    report = corpus.ingest([copy], defaults=PageDefaults(published=parse_date("2024-02-28")), update=True).pages[0]
    assert report.status == "added" and report.items_linked == (key,)
    assert [(c.item_key, c.field, c.new) for c in report.changes] == [(key, "published", "2024-02-28")]
    assert corpus.item(key).published == "2024-02-28"


def test_when_the_index_cannot_follow_the_correction_stands_and_doctor_repairs(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from digestcite.corpus.doctor import diagnose, repair
    from digestcite.index import build

    monkeypatch.setattr(build, "WRITE_WAIT_S", 0.2)
    holder = build.open_index(corpus.index_dir).writer()  # another process writing the index
    try:
        report = corpus.edit("epochtimes2020port", {"outlet": "RFA"})
        removed = corpus.remove(["hket2020bank"])
    finally:
        holder.cancel()
    assert report.index_error is not None and "another digestcite process is writing the index" in report.index_error
    assert removed.index_error is not None
    assert corpus.item("epochtimes2020port").outlet == "Radio Free Asia"  # the store is the truth
    diagnosis = diagnose(corpus)
    assert diagnosis.index is not None
    assert (diagnosis.index.stale, diagnosis.index.extra) == (["epochtimes2020port"], ["hket2020bank"])
    assert repair(corpus, diagnosis).ok
    assert keys_found(corpus, "harbour incidents", outlets=("Radio Free Asia",)) == ["epochtimes2020port"]
    assert keys_found(corpus, "vice president") == []


def test_migration_from_v5_adds_the_edits_table_and_page_dates_after_a_backup(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    with Corpus.init(folder) as corpus:
        corpus.ingest([write(tmp_path, "digest.txt", DIGEST), write(tmp_path, "article.txt", ARTICLE)])
        db = corpus.store.db
        with corpus.store.transaction():  # back to schema 5, with what two pages said of their dates
            db.execute("DROP TABLE edits")
            db.execute("ALTER TABLE documents DROP COLUMN published")
            db.execute("""UPDATE documents SET meta = '{"published": "2020-10-30T08:00:00+08:00"}' WHERE id = 1""")
            db.execute("""UPDATE documents SET meta = '{"published": "March 3, 2021"}' WHERE id = 2""")
            db.execute("PRAGMA user_version=5")
        before = corpus.store.db.execute("SELECT key, title, outlet, published FROM items ORDER BY id").fetchall()
    root = folder / ".digestcite"
    with Corpus(root) as corpus:
        assert corpus.store.version() == SCHEMA_VERSION == 6
        assert [(d.id, d.published) for d in corpus.pages()] == [(1, "2020-10-30"), (2, "2021-03-03")]
        assert corpus.store.db.execute("SELECT COUNT(*) FROM edits").fetchone()[0] == 0
        assert corpus.store.db.execute("SELECT key, title, outlet, published FROM items ORDER BY id").fetchall() == before
        corpus.edit("epochtimes2020port", {"outlet": "RFA"})
        assert [e.field for e in corpus.item("epochtimes2020port").edits] == ["outlet", "outlet_as_printed"]
    backup = sqlite3.connect(root / "store.sqlite.v5.bak")
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 5
        assert backup.execute("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'edits'").fetchone()[0] == 0
        assert backup.execute("SELECT COUNT(*) FROM items").fetchone()[0] == len(before)
    finally:
        backup.close()


def test_a_new_page_keeps_the_date_it_states(empty_corpus: Corpus, tmp_path: Path) -> None:
    html = ("<html><head><title>Weekly digest</title><meta property='article:published_time' content='2020-10-30'>"
            "</head><body><h1>Weekly digest</h1><p>The harbour district recorded 293 incidents in its log, officials"
            " said on Thursday in a statement to the press.</p></body></html>")
    empty_corpus.ingest([write(tmp_path, "page.html", html)])
    (page,) = empty_corpus.pages()
    assert (page.page.get("published"), page.published) == ("2020-10-30", "2020-10-30")


def test_ctrl_c_while_the_index_follows_keeps_the_correction(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    from digestcite.corpus.doctor import diagnose, repair
    from digestcite.index import build

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "item_document", interrupted)
    report = corpus.edit("hket2020bank", {"title": "Regulator Warns of Bubbles"})
    assert (report.interrupted, report.index_error) == (True, "interrupted")
    monkeypatch.undo()
    assert corpus.item("hket2020bank").title == "Regulator Warns of Bubbles"
    diagnosis = diagnose(corpus)
    assert diagnosis.index is not None and diagnosis.index.stale == ["hket2020bank"]
    assert repair(corpus, diagnosis).ok


def test_ingest_update_of_a_page_that_now_reads_differently_says_how_to_replace_it(
    empty_corpus: Corpus, tmp_path: Path,
) -> None:
    """--format changes how a page is read: the items found then are not the stored ones, and
    --update says so instead of mixing two readings of one page."""
    page = write(tmp_path, "page.txt", "<html><body><h1>Weekly digest</h1><p>The harbour district recorded 293"
                                       " incidents in its log, officials said on Thursday.</p></body></html>")
    empty_corpus.ingest([page], fmt="txt")
    before = dump(empty_corpus)
    report = empty_corpus.ingest([page], fmt="html", update=True).pages[0]
    assert report.status == "unchanged"
    assert report.warnings[0] == (
        f"{page}: 1 item(s) read from the page now are not the ones stored (it reads differently): to replace the page,"
        " 'digestcite remove --page 1' and ingest it again")
    assert dump(empty_corpus) == before


def test_an_outlet_correction_goes_through_the_corpus_aliases(corpus: Corpus) -> None:
    assert corpus.item("hket2020bank").to_json()["edits"] == []
    corpus.add_alias("Harbour Herald", "Hong Kong Free Press")
    corpus.edit("hket2020bank", {"outlet": "harbour herald"})
    item = corpus.item("hket2020bank")
    assert (item.outlet, item.outlet_as_printed, item.outlet_label) == (
        "Hong Kong Free Press", "harbour herald", corpus.registry.label_of("Hong Kong Free Press"))
    assert keys_found(corpus, "vice president", outlets=("HKFP",)) == ["hket2020bank"]
    corpus.edit("hket2020bank", {"outlet": "Lantau Ledger"})  # an outlet nobody registered: kept as typed
    assert corpus.item("hket2020bank").outlet == "Lantau Ledger"
    assert [s["outlet"] for s in corpus.sources() if s["outlet"] == "Lantau Ledger"] == ["Lantau Ledger"]
