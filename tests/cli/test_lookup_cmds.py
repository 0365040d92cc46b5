"""`cite`, `search`, `items`, `init` and the root options as a writer meets them (issue 11)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from digestcite.cli import cli
from digestcite.corpus.folder import Corpus


def run(runner: CliRunner, corpus: Corpus | None, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    where = ["--corpus", str(corpus.root)] if corpus is not None else []
    result = runner.invoke(cli, [*where, *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_a_mistyped_key_is_not_searched_as_words(runner: CliRunner, seed_corpus: Corpus) -> None:
    code, out, err = run(runner, seed_corpus, "cite", "sohu2020huawie")
    assert (code, out) == (1, "")
    assert err == "Error: no item with key 'sohu2020huawie' (did you mean sohu2020huawei?)\n"
    code, _, err = run(runner, seed_corpus, "cite", "@nokey")
    assert code == 1 and "no item with key 'nokey'" in err


def test_a_pasted_pandoc_citation_cites_that_key_and_paragraph(runner: CliRunner, seed_corpus: Corpus) -> None:
    code, out, _ = run(runner, seed_corpus, "cite", "[@epochtimes2020internal, para. 5]", "--json")
    assert code == 0
    found = json.loads(out)
    assert found["key"] == "epochtimes2020internal" and found["pandoc"].startswith("[@epochtimes2020internal")
    assert found["pandoc"].endswith("para. 5]")  # on the digest it came through, where the item stands
    assert found["claim"]["paragraph"] == 5
    code, _, err = run(runner, seed_corpus, "cite", "[@epochtimes2020internal, para. 99]")
    assert code == 1 and "epochtimes2020internal has 10 paragraph(s); para. 99 is not one of them" in err


def test_cite_for_latex_starts_with_the_command_that_cites_both_works(runner: CliRunner, seed_corpus: Corpus) -> None:
    code, out, _ = run(runner, seed_corpus, "cite", "[@epochtimes2020internal, para. 5]", "--format", "biblatex")
    first, rest = out.split("\n", 1)
    assert code == 0 and re.fullmatch(r"% cite in LaTeX as \\autocites\{epochtimes2020internal\}\[summarized in\]"
                                      r"\[para\.~5\]\{digest-[0-9a-f]{8}\}", first), first
    assert rest.startswith("@article{epochtimes2020internal,") and re.search(r"@(?:misc|online)\{digest-", rest)


def test_cite_blames_the_filter_not_the_words(runner: CliRunner, seed_corpus: Corpus) -> None:
    code, out, err = run(runner, seed_corpus, "cite", "visas", "--from", "2025")
    assert (code, out) == (1, "")
    assert "no items published in that period" in err


def test_cite_from_an_outlet_the_corpus_lacks_cites_nothing(runner: CliRunner, seed_corpus: Corpus) -> None:
    code, out, err = run(runner, seed_corpus, "cite", "Huawei", "--source", "Xinhua", "--json")
    assert code == 1
    assert json.loads(out) == {"key": None, "found": False,
                               "reason": "no items from Xinhua News Agency in this corpus", "suggestions": []}
    assert "Sohu" not in out


def test_a_quote_continuation_keeps_its_speaker_and_opens_with_its_mark(seed_corpus: Corpus) -> None:
    claims = seed_corpus.item("epochtimes2020internal").claims
    opening = next(c for c in claims if "political task" in c.text)
    closing = next(c for c in claims if "Punish the key personnel" in c.text)
    assert opening.speaker and closing.speaker == opening.speaker
    assert closing.text == "“Punish the key personnel who are involved.”"
    assert closing.kind == "quote"


def test_an_empty_corpus_says_it_is_empty(runner: CliRunner, empty_corpus: Corpus) -> None:
    code, _, err = run(runner, empty_corpus, "cite", "Huawei")
    assert code == 1 and "the corpus is empty: add pages with 'digestcite ingest PAGE'" in err
    code, out, err = run(runner, empty_corpus, "search", "Huawei", "--json")
    assert (code, out.strip()) == (0, "[]") and "the corpus is empty" in err
    code, out, err = run(runner, empty_corpus, "items")
    assert code == 0 and "No items in this corpus yet" in err


def test_items_says_when_nothing_matches(runner: CliRunner, seed_corpus: Corpus) -> None:
    code, out, err = run(runner, seed_corpus, "items", "--from", "2030")
    assert code == 0 and err.strip() == "No items match."


def test_init_inside_a_corpus_refuses_to_nest_unless_asked(runner: CliRunner, seed_corpus: Corpus) -> None:
    inner = seed_corpus.root.parent / "drafts"
    inner.mkdir()
    code, _, err = run(runner, None, "init", str(inner))
    assert code == 1 and f"is inside the corpus at {seed_corpus.root}" in err
    assert not (inner / ".digestcite").exists()
    code, _, _ = run(runner, None, "init", "--nested", str(inner))
    assert code == 0 and (inner / ".digestcite" / "store.sqlite").exists()


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_works_after_the_command_name(runner: CliRunner, seed_corpus: Corpus, flag: str) -> None:
    loud = run(runner, seed_corpus, "search", "zzzqqq")
    quiet = run(runner, seed_corpus, "search", "zzzqqq", flag)
    assert "No matches" in loud[2] and quiet[2] == ""


def test_verbose_after_the_command_logs_the_lookup(runner: CliRunner, seed_corpus: Corpus) -> None:
    code, _, err = run(runner, seed_corpus, "search", "Huawei", "-v")
    assert code == 0 and "INFO digestcite.index.search" in err


def test_no_color_drops_styles_on_a_terminal(runner: CliRunner, seed_corpus: Corpus) -> None:
    styled = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "search", "Huawei"], color=True)
    plain = runner.invoke(cli, ["--corpus", str(seed_corpus.root), "search", "Huawei"], color=True, env={"NO_COLOR": "1"})
    assert "\x1b[" in styled.stdout and "\x1b[" not in plain.stdout


def test_items_titles_are_whole_when_piped(runner: CliRunner, seed_corpus: Corpus) -> None:
    code, out, _ = run(runner, seed_corpus, "items")
    title = seed_corpus.item("epochtimes2020internal").title
    assert code == 0 and title in out and len(title) > 70


def test_search_a_doubled_word_in_a_path_is_not_a_flag(runner: CliRunner, seed_corpus: Corpus, tmp_path: Path) -> None:
    # a -v inside a quoted query is a word of the query, not the root option
    code, _, err = run(runner, seed_corpus, "search", "--", "-v")
    assert code in (0, 1) and "Traceback" not in err


def test_timeline_of_nothing_plots_nothing_and_says_so(runner: CliRunner, seed_corpus: Corpus, tmp_path: Path) -> None:
    plot = tmp_path / "t.png"
    code, _, err = run(runner, seed_corpus, "timeline", "zzzqqq", "--plot", str(plot))
    assert code == 1 and "nothing to plot: no dated claims or items match 'zzzqqq'" in err
    assert not plot.exists()


def test_timeline_plots_periods_on_a_time_axis(seed_corpus: Corpus) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates

    from digestcite.index.timeline import _period_start

    # 1950 and 2019 are 69 years apart on the axis, not neighbours
    gap = mdates.date2num(_period_start("2019")) - mdates.date2num(_period_start("1950"))
    assert 69 * 365 <= gap <= 69 * 366
