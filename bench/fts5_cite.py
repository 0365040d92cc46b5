"""A prototype of the lookup ``digestcite cite`` would do with SQLite FTS5 instead of Whoosh.

The benchmark measures it beside the real command to test the proposal in
bench/README.md ("What would get past it") with figures rather than estimates:

    python bench/fts5_cite.py build STORE OUT    # a contentless FTS5 index of every claim
    python bench/fts5_cite.py cite OUT STORE Q   # a fresh-process lookup: best claim's citation

The lookup pays what the real command would: it starts Python, imports click (the CLI),
sqlite3 and our store's row decoding, ranks claims by BM25 over any of the words (title
words count 2.5 times), re-scores the best 30 by how many of the words they hold, and
prints the pandoc citation and the claim. What it leaves out: field filters (dropped),
phrases (their words are ANDed, not checked for order), the note (pandoc). It is
measured, not shipped.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections.abc import Iterator

# NOTE: the ranges of digestcite.index.analyzers.CJK (Han only); not imported from there,
# since that module imports Whoosh, which the prototype must not pay for.
CJK = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
FIELD = re.compile(r"\b\w+:(\"[^\"]*\"|\S+)")


def _spaced(text: str) -> str:
    """Each Chinese character its own token (unicode61 would keep a run as one)."""
    return CJK.sub(r" \1 ", text)


def build(store: str, out: str) -> None:
    source = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    db = sqlite3.connect(out)
    db.execute("CREATE VIRTUAL TABLE claims USING fts5(text, title, content='', tokenize='porter unicode61')")

    def rows() -> Iterator[tuple[int, str, str]]:
        paragraphs_of: dict[int, tuple[list[str], str]] = {}
        query = ("SELECT c.id, c.item_id, c.paragraph, c.text_start, c.text_end FROM claims c ORDER BY c.item_id")
        for claim_id, item_id, paragraph, start, end in source.execute(query):
            if item_id not in paragraphs_of:
                paragraphs_of.clear()
                row = source.execute("SELECT paragraphs, title FROM items WHERE id = ?", (item_id,)).fetchone()
                paragraphs_of[item_id] = (json.loads(row[0]), row[1])
            paragraphs, title = paragraphs_of[item_id]
            text = paragraphs[paragraph - 1][start:end]
            yield claim_id, _spaced(text), _spaced(title)

    db.executemany("INSERT INTO claims(rowid, text, title) VALUES (?, ?, ?)", rows())
    db.commit()
    db.execute("VACUUM")
    db.close()


def cite(index: str, store: str, query: str) -> None:
    import click  # noqa: F401  (the real command line imports it; the prototype pays it too)

    words = [w.lower() for w in re.findall(r"\w+", _spaced(FIELD.sub(" ", query)))]
    if not words:
        print("No matches.")
        return
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    match = " OR ".join(f'"{w}"' for w in words)
    ranked = db.execute(
        "SELECT rowid, bm25(claims, 1.0, 2.5) FROM claims WHERE claims MATCH ? ORDER BY rank LIMIT 30", (match,)
    ).fetchall()
    if not ranked:
        print("No matches.")
        return
    data = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    marks = ",".join("?" * len(ranked))
    found = {
        row[0]: row[1:] for row in data.execute(
            f"SELECT c.id, i.key, c.paragraph, c.text_start, c.text_end, i.paragraphs FROM claims c"
            f" JOIN items i ON i.id = c.item_id WHERE c.id IN ({marks})", [r[0] for r in ranked])
    }
    wanted = set(words)
    best = None
    for claim_id, bm25 in ranked:
        key, paragraph, start, end, paragraphs = found[claim_id]
        text = json.loads(paragraphs)[paragraph - 1][start:end]
        held = len(wanted & {w.lower() for w in re.findall(r"\w+", _spaced(text))})
        score = (held, -bm25)
        if best is None or score > best[0]:
            best = (score, key, paragraph, text)
    assert best is not None
    print(f"[@{best[1]}, para. {best[2]}]  {best[3]}")


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    else:
        cite(sys.argv[2], sys.argv[3], sys.argv[4])
