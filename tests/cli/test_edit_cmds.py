"""CLI wiring for corrections: edit, edit-page, remove, pages, ingest --update.

Real corpus, real index, real pandoc: after each correction, show, search, cite, export and
render print the new values; a failed correction prints one line and changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digestcite.cli import cli
from tests.corpus.test_edits import ARTICLE, DIGEST


def run(runner: CliRunner, corpus: Path, *args: str, code: int = 0) -> Result:
    result = runner.invoke(cli, ["--corpus", str(corpus), *args], catch_exceptions=code != 0)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture
def corpus(runner: CliRunner, tmp_path: Path) -> Path:
    root = tmp_path / "c"
    (tmp_path / "digest.txt").write_text(DIGEST, "utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, "utf-8")
    run(runner, root, "-q", "ingest", str(tmp_path / "digest.txt"), str(tmp_path / "article.txt"))
    return root


def store_rows(root: Path) -> list[str]:
    import sqlite3

    db = sqlite3.connect(root / ".digestcite" / "store.sqlite")
    try:
        return list(db.iterdump())
    finally:
        db.close()


def test_edit_then_show_search_cite_export_and_render_use_the_new_values(
    runner: CliRunner, corpus: Path, tmp_path: Path,
) -> None:
    key = "epochtimes2020port"
    result = run(runner, corpus, "edit", key, "--outlet", "RFA", "--date", "2021-03", "--author", "Li Wei")
    assert result.stdout.splitlines() == [
        f"{key}: outlet: The Epoch Times → Radio Free Asia", f"{key}: outlet_as_printed: Epoch Times → RFA",
        f"{key}: published: 2020-10-22 → 2021-03", f"{key}: author: — → Li Wei"]
    shown = run(runner, corpus, "show", key).stdout
    assert f"Radio Free Asia (printed as RFA) · overseas Chinese-language media · 2021-03 · key {key}" in shown
    assert "by Li Wei" in shown
    corrected = [line for line in shown.splitlines() if line.startswith("corrected ")]
    assert len(corrected) == 4 and corrected[0].endswith(": outlet: The Epoch Times → Radio Free Asia (edit)")
    data = json.loads(run(runner, corpus, "show", key, "--json").stdout)
    assert (data["key"], data["outlet"], data["published"], data["author"]) == (key, "Radio Free Asia", "2021-03", "Li Wei")
    assert [(e["field"], e["old"], e["new"]) for e in data["edits"]] == [
        ("outlet", "The Epoch Times", "Radio Free Asia"), ("outlet_as_printed", "Epoch Times", "RFA"),
        ("published", "2020-10-22", "2021-03"), ("author", None, "Li Wei")]
    assert all(e["at"] for e in data["edits"])
    hits = json.loads(run(runner, corpus, "search", "harbour incidents", "--source", "Radio Free Asia", "--json").stdout)
    assert {h["item_key"] for h in hits} == {key}
    assert json.loads(run(runner, corpus, "search", "harbour incidents", "--source", "Epoch Times", "--json").stdout) == []
    cited = json.loads(run(runner, corpus, "cite", "harbour incidents log", "--json").stdout)
    assert cited["key"] == key and "Radio Free Asia" in cited["note"] and "March 2021" in cited["note"]
    exported = json.loads(run(runner, corpus, "export", "--keys", key, "--format", "csljson").stdout)
    assert (exported[0]["container-title"], exported[0]["issued"]) == ("Radio Free Asia", {"date-parts": [[2021, 3]]})
    draft = tmp_path / "brief.md"
    draft.write_text(f"The district logged 293 incidents [@{key}, para. 1].\n", "utf-8")
    out = tmp_path / "brief.html"
    run(runner, corpus, "render", str(draft), "-o", str(out))
    html = out.read_text("utf-8")
    assert "Radio Free Asia" in html and "March 2021" in html and "Epoch Times" not in html


def test_edit_json_and_nothing_to_change(runner: CliRunner, corpus: Path) -> None:
    data = json.loads(run(runner, corpus, "edit", "hket2020bank", "--title", "Regulator Warns of Bubbles", "--json").stdout)
    assert data["key"] == "hket2020bank" and data["index_error"] is None
    assert data["changes"] == [{"item_key": "hket2020bank", "document_id": None, "field": "title",
                                "old": "Bank Regulator Warns on Property Bubbles", "new": "Regulator Warns of Bubbles"}]
    again = run(runner, corpus, "edit", "hket2020bank", "--title", "Regulator Warns of Bubbles")
    assert again.stdout == "hket2020bank: nothing changed (it has these values already)\n"
    cleared = run(runner, corpus, "edit", "hket2020bank", "--clear", "date", "--clear", "outlet")
    assert "hket2020bank: published: 2020-10-25 → —" in cleared.stdout
    assert "no date (the date was removed by a correction)" in run(runner, corpus, "show", "hket2020bank").stdout


@pytest.mark.parametrize(("args", "code", "line"), [
    (["edit", "nope2020x", "--title", "X"], 1, "Error: no item with key 'nope2020x'"),
    (["edit", "hket2020bank", "--date", "2021-13"], 2,
     "Error: Invalid value for '--date': '2021-13' is not a date (no month 13); use YYYY, YYYY-MM or YYYY-MM-DD"),
    (["edit", "hket2020bank"], 2, "Error: nothing to change: give --outlet, --date, --title, --author or --clear"),
    (["edit", "hket2020bank", "--outlet", "RFA", "--clear", "outlet"], 2, "Error: --outlet is both given and cleared"),
    (["edit", "hket2020bank", "--title", " "], 1, "Error: a title cannot be empty"),
    (["edit-page", "7", "--publisher", "X"], 1, "Error: no page 7 (list them with 'digestcite pages')"),
    (["edit-page", "1", "--url", "example.org"], 1,
     "Error: 'example.org' is not a web address (it must start with http:// or https://)"),
    (["remove"], 2, "Error: give KEY... or --page PAGE (one of them)"),
    (["remove", "hket2020bank", "nope2020x"], 1, "Error: no item with key 'nope2020x'"),
    (["remove", "--page", "nowhere.txt"], 1,
     "Error: no page 'nowhere.txt' in the corpus (list them with 'digestcite pages')"),
], ids=["unknown-key", "bad-date", "nothing", "set-and-clear", "blank-title", "unknown-page", "bad-url", "remove-nothing",
        "remove-unknown-among-known", "remove-unknown-page"])
def test_a_failed_correction_says_one_line_and_changes_nothing(
    runner: CliRunner, corpus: Path, args: list[str], code: int, line: str,
) -> None:
    before = store_rows(corpus)
    result = run(runner, corpus, *args, code=code)
    assert result.stderr.splitlines()[-1] == line
    assert "Traceback" not in result.output and result.stdout == ""
    assert store_rows(corpus) == before


def test_remove_an_item_then_show_says_when(runner: CliRunner, corpus: Path) -> None:
    result = run(runner, corpus, "remove", "hket2020bank")
    assert result.stdout == "removed hket2020bank\n"
    shown = run(runner, corpus, "show", "hket2020bank", code=1)
    assert shown.stderr.startswith("Error: item 'hket2020bank' was removed on 20")
    assert shown.stderr.rstrip().endswith("(by 'digestcite remove')")
    assert "hket2020bank" not in run(runner, corpus, "items").stdout
    assert json.loads(run(runner, corpus, "search", "vice president", "--json").stdout) == []
    assert "hket2020bank" not in run(runner, corpus, "export", "--all", "--format", "bibtex").stdout
    run(runner, corpus, "doctor")


def test_pages_edit_page_and_remove_page(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    pages = json.loads(run(runner, corpus, "pages", "--json").stdout)
    assert [(p["id"], p["path_or_url"], p["n_items"]) for p in pages] == [
        (1, str(tmp_path / "digest.txt"), 2), (2, str(tmp_path / "article.txt"), 1)]
    table = run(runner, corpus, "pages").stdout.splitlines()
    assert table[0].split() == ["page", "items", "ingested", "date", "publisher", "path", "or", "URL"]
    assert table[1].split()[:2] == ["1", "2"]
    result = run(runner, corpus, "edit-page", "digest.txt", "--publisher", "China Watch Institute",
                 "--url", "https://example.org/digest/2020-10", "--date", "2020-10-30")
    assert result.stdout.splitlines() == [
        "page 1: publisher: — → China Watch Institute", "page 1: published: — → 2020-10-30",
        "page 1: url: — → https://example.org/digest/2020-10"]
    shown = run(runner, corpus, "show", "hket2020bank").stdout
    assert "via " + str(tmp_path / "digest.txt") + " (China Watch Institute)" in shown and "· page 1" in shown
    assert ": page 1 publisher: — → China Watch Institute (edit-page)" in shown
    cited = json.loads(run(runner, corpus, "cite", "hket2020bank", "--json").stdout)
    # the page's URL is the digest's, never the item's (issue 13)
    assert "China Watch Institute" in cited["note"] and cited["digest"]["URL"] == "https://example.org/digest/2020-10"
    assert "URL" not in cited["csl"]
    document = json.loads(run(runner, corpus, "show", "hket2020bank", "--json").stdout)["document"]
    assert (document["id"], document["publisher"], document["published"]) == (1, "China Watch Institute", "2020-10-30")
    removed = run(runner, corpus, "remove", "--page", "1", "--json")
    data = json.loads(removed.stdout)
    assert (data["removed"], data["kept"], data["document"]["id"]) == (["epochtimes2020port", "hket2020bank"], [], 1)
    assert [p["id"] for p in json.loads(run(runner, corpus, "pages", "--json").stdout)] == [2]
    human = run(runner, corpus, "remove", "--page", "article.txt").stdout.splitlines()
    assert human == [f"removed page 2: {tmp_path / 'article.txt'}", "removed anonndpetition"]
    assert json.loads(run(runner, corpus, "pages", "--json").stdout) == []


def test_ingest_update_reports_each_change(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    article = str(tmp_path / "article.txt")
    plain = run(runner, corpus, "ingest", article, "--source", "Epoch Times", "--date", "2024-02-28")
    assert f"note: {article}: already ingested: nothing changed (add --update to apply --source, --date, --publisher or --url to it)" \
        in plain.stderr
    result = run(runner, corpus, "ingest", article, "--source", "Epoch Times", "--date", "2024-02-28", "--update")
    assert result.stdout.splitlines() == [
        f"{article}: anonndpetition: outlet: — → The Epoch Times",
        f"{article}: anonndpetition: outlet_as_printed: — → Epoch Times",
        f"{article}: anonndpetition: published: — → 2024-02-28"]
    assert "0 page(s) added, 1 updated, 0 unchanged, 0 failed, 0 new item(s)" in result.stderr
    item = json.loads(run(runner, corpus, "show", "anonndpetition", "--json").stdout)
    assert (item["outlet"], item["published"]) == ("The Epoch Times", "2024-02-28")
    assert [c["event_date"] for c in item["claims"] if "February 13" in c["text"]] == ["2024-02-13"]
    assert {e["via"] for e in item["edits"]} == {"ingest --update"}
    again = json.loads(run(runner, corpus, "ingest", article, "--source", "Epoch Times", "--update", "--json").stdout)
    assert (again["pages_updated"], again["pages_unchanged"], again["pages"][0]["changes"]) == (0, 1, [])


def test_when_the_index_is_busy_the_correction_is_kept_and_doctor_repairs(
    runner: CliRunner, corpus: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from digestcite.index import build

    monkeypatch.setattr(build, "WRITE_WAIT_S", 0.2)
    holder = build.open_index(corpus / ".digestcite" / "index").writer()  # another writer holds the index
    try:
        result = run(runner, corpus, "edit", "hket2020bank", "--outlet", "Xinhua", code=1)
    finally:
        holder.cancel()
    assert result.stdout.splitlines() == [
        "hket2020bank: outlet: Hong Kong Economic Times → Xinhua News Agency", "hket2020bank: outlet_as_printed: HKET → Xinhua"]
    assert result.stderr.splitlines() == [
        "note: the correction is saved in the store, but the index could not follow (another digestcite process is"
        " writing the index (waited 0 s); try again when it is done): searches show the old values until you run"
        " 'digestcite doctor --repair'"]
    doctor = json.loads(run(runner, corpus, "doctor", "--json", code=1).stdout)
    assert doctor["index"]["stale"] == ["hket2020bank"]
    run(runner, corpus, "doctor", "--repair")
    hits = json.loads(run(runner, corpus, "search", "vice president", "--source", "Xinhua", "--json").stdout)
    assert {h["item_key"] for h in hits} == {"hket2020bank"}


def test_help_says_keys_never_change(runner: CliRunner) -> None:
    text = " ".join(runner.invoke(cli, ["edit", "--help"]).output.split())
    assert "The key never changes, even when the year or outlet in it is corrected" in text
    remove = " ".join(runner.invoke(cli, ["remove", "--help"]).output.split())
    assert "a removed key is never given to another item" in remove
