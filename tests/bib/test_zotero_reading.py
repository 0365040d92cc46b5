"""What Zotero's importers make of our exports, pinned to the inputs that reading relied on.

Zotero cannot run here, so tests/data/golden/zotero-<format>.json record, from a reading of the
import translators' source (files and commits named in each), what Zotero makes of every seed
record. These tests rebuild the exports and fail when a record's input has changed at all, so
a change that could change what Zotero makes points at the golden file to re-read by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from digestcite.bib.export import export_text, records
from digestcite.corpus.folder import Corpus

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
FORMATS = ("ris", "csljson", "bibtex", "biblatex")
_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")


def ris_inputs(text: str) -> list[dict[str, Any]]:
    """Each RIS record's tags and values (a list where a tag repeats), TY to ER."""
    found: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    for line in text.splitlines():
        match = _RIS_LINE.match(line)
        assert match or not line.strip(), f"not an RIS line: {line!r}"
        if not match:
            continue
        tag, value = match.groups()
        if tag == "TY":
            current = {}
        assert current is not None, f"{tag} outside a record"
        if tag == "ER":
            found.append(current)
            current = None
            continue
        current.setdefault(tag, []).append(value)
    assert current is None, "a record without ER"
    return [{tag: values[0] if len(values) == 1 else values for tag, values in record.items()} for record in found]


def bib_inputs(text: str) -> list[dict[str, Any]]:
    """Each entry's type, key and fields as bibtexparser reads them."""
    import bibtexparser

    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    return [{"key": e.key, "input": {"entry_type": e.entry_type, **{f.key: f.value for f in e.fields}}} for e in library.entries]


def inputs(text: str, fmt: str) -> list[tuple[str, dict[str, Any]]]:
    if fmt == "ris":
        return [(r["ID"], r) for r in ris_inputs(text)]
    if fmt == "csljson":
        return [(r["id"], r) for r in json.loads(text)]
    return [(e["key"], e["input"]) for e in bib_inputs(text)]


def reading(fmt: str) -> dict[str, Any]:
    return json.loads((GOLDEN / f"zotero-{fmt}.json").read_text("utf-8"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_input_of_the_zotero_reading_is_still_exported(seed_corpus: Corpus, fmt: str) -> None:
    keys = [r[0] for r in seed_corpus.store.db.execute("SELECT key FROM items ORDER BY key")]
    exported = inputs(export_text(records(seed_corpus, keys), fmt), fmt)
    golden = reading(fmt)
    name = f"tests/data/golden/zotero-{fmt}.json"
    assert [key for key, _ in exported] == [r["key"] for r in golden["records"]], (
        f"the {fmt} export's records changed: re-read the translator and update {name} by hand")
    for (key, given), read in zip(exported, golden["records"]):
        assert given == read["input"], (
            f"{key}: the {fmt} export changed, so what Zotero makes of it may have: re-read {golden['read'][0]['file']} "
            f"and update {name} by hand")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_reading_names_what_was_read_and_says_every_field(fmt: str) -> None:
    golden = reading(fmt)
    for source in golden["read"]:
        assert re.fullmatch(r"[0-9a-f]{40}", source["commit"]) and source["repo"].startswith("zotero/")
    assert golden["read"][0]["lastUpdated"] and golden["mapping"] and golden["citation_key"]
    for record in golden["records"]:
        made = record["zotero"]
        assert {"itemType", "title", "creators", "notes", "citationKey", "dropped"} <= set(made), record["key"]


def test_what_zotero_keeps_of_the_seed_item_in_each_format() -> None:
    """The targets of issue 13.6, as the readings found them (README's export section says the same)."""
    made = {fmt: next(r["zotero"] for r in reading(fmt)["records"] if r["key"] == "epochtimes2020internal") for fmt in FORMATS}
    assert {fmt: m["itemType"] for fmt, m in made.items()} == {
        "ris": "newspaperArticle", "csljson": "newspaperArticle", "bibtex": "journalArticle", "biblatex": "journalArticle"}
    assert {fmt: m["date"] for fmt, m in made.items()} == {
        "ris": "2020-10-22", "csljson": "October 22, 2020", "bibtex": "2020-10-22", "biblatex": "2020-10-22"}
    assert made["ris"]["extra"] == "Citation Key: epochtimes2020internal"
    assert made["csljson"]["extra"].endswith("\nCitation Key: epochtimes2020internal")
    assert "extra" not in made["bibtex"] and "extra" not in made["biblatex"]
    assert all(m["publicationTitle"] == "The Epoch Times" and m["creators"] == [] for m in made.values())
