"""`digestcite ingest --explain`: how a page is cut, with origins, storing nothing."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from digestcite.cli import cli

PAGE = """\
Skip to content
CHINA NOTES — 3 March 2021

Port Reopens After Closure

The port reopened on Monday after two weeks. Officials said shipments would resume.

Source: Reuters, March 2, 2021

Rail Link Opens

The line to the new airport opened on Sunday. The trip takes 19 minutes.

Source: Xinhua
"""


def test_explain_shows_the_cut_and_stores_nothing(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "digest.txt"
    page.write_text(PAGE, "utf-8")
    corpus = tmp_path / "corpus"
    result = runner.invoke(cli, ["--corpus", str(corpus), "ingest", "--explain", str(page)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{page} (txt): 2 item(s), record shape: headlines over text"
    assert "    1. lines 4-8: Port Reopens After Closure" in lines
    assert "       outlet: Reuters from footer; date: 2021-03-02 from footer" in lines
    assert "       outlet: Xinhua News Agency (printed 'Xinhua') from footer; date: no date: the source line gives no date" in lines
    assert "     line 1: Skip to content [furniture]" in lines
    assert not corpus.exists()


def test_explain_json_gives_origins(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "digest.txt"
    page.write_text(PAGE, "utf-8")
    result = runner.invoke(cli, ["--corpus", str(tmp_path / "c"), "ingest", "--explain", "--json", str(page)],
                           catch_exceptions=False)
    report = json.loads(result.stdout)
    assert [(i["title"], i["outlet"], i["outlet_origin"], i["published"], i["published_origin"]) for i in report[0]["items"]] == [
        ("Port Reopens After Closure", "Reuters", "footer", "2021-03-02", "footer"),
        ("Rail Link Opens", "Xinhua News Agency", "footer", None, None),
    ]
    assert report[0]["items"][0]["from"] == 4 and report[0]["unit"] == "line"
    assert report[0]["dropped"] == [{"at": 1, "text": "Skip to content", "why": "furniture"}]


def test_explain_names_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(cli, ["--corpus", str(tmp_path / "c"), "ingest", "--explain", str(missing)])
    assert result.exit_code == 1
    assert result.stdout.strip() == f"Error: {missing}: no such file"


def test_show_and_json_carry_the_origins(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "digest.txt"
    page.write_text(PAGE, "utf-8")
    corpus = tmp_path / "c"
    assert runner.invoke(cli, ["--corpus", str(corpus), "ingest", str(page)], catch_exceptions=False).exit_code == 0
    item = json.loads(runner.invoke(cli, ["--corpus", str(corpus), "show", "reuters2021port", "--json"]).stdout)
    assert (item["outlet_origin"], item["published_origin"], item["credited"]) == ("footer", "footer", [])
    shown = runner.invoke(cli, ["--corpus", str(corpus), "show", "reuters2021port"]).stdout
    assert "outlet from footer; date from footer; as printed: Source: Reuters, March 2, 2021" in shown
