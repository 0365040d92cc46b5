"""Lookup commands: search, cite, timeline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from digestcite.cli.options import (
    CliState,
    accessed_option,
    corpus_option,
    date_range_options,
    json_option,
    pass_corpus,
    style_option,
)
from digestcite.cli.output import emit, note, render_citation, render_hits, table

if TYPE_CHECKING:
    from digestcite.corpus.dates import PartialDate
    from digestcite.corpus.folder import Corpus
    from digestcite.index.search import Filters

KIND_CHOICE = click.Choice(["statistic", "quote", "event", "statement"])


def _filters(outlet: str | None, date_from: PartialDate | None, date_to: PartialDate | None, kind: str | None) -> Filters:
    from digestcite.index.search import Filters

    return Filters(
        outlets=(outlet,) if outlet else (), kinds=(kind,) if kind else (),
        published=((date_from, date_to),) if date_from or date_to else (),
    )


@click.command("search")
@click.argument("query")
@click.option("--source", "outlet", metavar="OUTLET", help="Only this outlet (any alias).")
@date_range_options
@click.option("--kind", type=KIND_CHOICE, help="Only claims of this kind.")
@click.option("-n", "--limit", type=click.IntRange(min=1, max=10000), default=10, show_default=True)
@click.option("--items", "items", is_flag=True, help="Rank items instead of claims.")
@corpus_option
@json_option
@click.pass_obj
def search_cmd(
    state: CliState, query: str, outlet: str | None, date_from: PartialDate | None, date_to: PartialDate | None,
    kind: str | None, limit: int, items: bool, as_json: bool,
) -> None:
    """Search claims (or items) with words, phrases, operators and filters.

    Words are ANDed; when fewer than a handful of items have them all, results are
    ranked by any of the words instead (and a note says so). Phrases and operators are
    never loosened. Fields: title:, outlet:, speaker:, kind:, published:, event:.

    \b
    Example:
        digestcite search '"mass incidents" outlet:epochtimes'
        digestcite search 'petition* -Nanjing' --from 2024 --kind quote
        digestcite search 'event:[2019-01 TO 2019-06]' --items
        digestcite search 抗美援朝
    """
    corpus = state.open_corpus()
    warn_if_behind(corpus)
    result = corpus.index.search(query, filters=_filters(outlet, date_from, date_to, kind), limit=limit, items=items)
    if result.loosened:
        note("note: few items have all the words; ranked by any of them", quiet=state.quiet)
    if not result.hits:
        said = f"No matches: {result.reason}." if result.reason else "No matches."
        note(said + (f" Did you mean: {', '.join(result.suggestions)}" if result.suggestions else ""), quiet=state.quiet)
    emit(result.to_json() if as_json else render_hits(result.hits), as_json=as_json)


def warn_if_behind(corpus: Corpus) -> None:
    """One line on stderr when stored items are missing from the index (a killed or busy ingest)."""
    behind = corpus.index.behind()
    if behind:
        click.echo(f"warning: the index is behind the store: {behind} stored item(s) cannot be found yet;"
                   " any ingest or 'digestcite doctor --repair' adds them", err=True)


@click.command("cite")
@click.argument("query", metavar="QUERY|KEY")
@style_option
@click.option("--format", "fmt", type=click.Choice(["text", "pandoc", "bibtex", "biblatex", "csljson", "json"]),
              default="text", show_default=True, help="What to print.")
@click.option("--source", "outlet", metavar="OUTLET", help="Only claims from this outlet.")
@date_range_options
@click.option("--kind", type=KIND_CHOICE, help="Only claims of this kind.")
@accessed_option
@corpus_option
@json_option
@click.pass_obj
def cite_cmd(
    state: CliState, query: str, style: str, fmt: str, outlet: str | None, date_from: PartialDate | None,
    date_to: PartialDate | None, kind: str | None, accessed: str | None, as_json: bool,
) -> None:
    """Find the claim that best matches a few words and print a ready citation.

    Prints the claim, its source line (outlet, date, the digest it came through), the
    pandoc citation, and a full note in the chosen style. An item read through a digest
    is cited as summarized in it, the locator on the digest:
    [@item; summarized in @digest-1f212aea, para. 2]. Given a key, cites that item.

    \b
    Example:
        digestcite cite "293 incidents Zhanjiang"
        digestcite cite "student visas fell" --style apa
        digestcite cite epochtimes2020zhanjiang --format bibtex
    """
    from digestcite.bib.cite import cite

    corpus = state.open_corpus()
    warn_if_behind(corpus)
    if as_json:
        fmt = "json"  # --json is --format json
    formatted = fmt in ("text", "json")
    result = cite(corpus, query, style=style, filters=_filters(outlet, date_from, date_to, kind), formatted=formatted,
                  accessed=accessed)
    citation = result.citation
    for warning in citation.warnings if citation is not None else []:
        note(f"note: {warning}", quiet=state.quiet)
    if citation is None:
        hint = f" Closest words: {', '.join(result.suggestions)}." if result.suggestions else ""
        note(f"Nothing to cite for {query!r}: {result.reason}.{hint}", quiet=False)
        if fmt == "json":
            emit(result.to_json(), as_json=True)
        elif fmt == "csljson":
            emit([], as_json=True)
        raise click.exceptions.Exit(1)
    if fmt == "pandoc":
        emit(citation.pandoc, as_json=False)
    elif fmt in ("bibtex", "biblatex"):
        from digestcite.bib.bibtex import to_bibtex

        if fmt == "biblatex":
            emit(f"% cite in LaTeX as {citation.latex}", as_json=False)
        emit(to_bibtex(citation.records, biblatex=fmt == "biblatex").rstrip(), as_json=False)
    elif fmt == "csljson":
        from digestcite.bib.render import inert_text

        emit(inert_text(citation.records), as_json=True)
    elif fmt == "json":
        emit(citation.to_json(), as_json=True)
    else:
        emit(render_citation(citation), as_json=False)
        if citation.alternatives:
            others = ", ".join(h.claim.id if h.claim else h.item.key for h in citation.alternatives)
            note(f"also close: {others}", quiet=state.quiet)


@click.command("timeline")
@click.argument("query", required=False)
@click.option("--by", type=click.Choice(["day", "month", "year"]), default="month", show_default=True)
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), help="Draw the counts to a .png or .svg file.")
@corpus_option
@json_option
@pass_corpus
def timeline_cmd(corpus: Corpus, query: str | None, by: str, plot_path: str | None, as_json: bool) -> None:
    """Count claims by event date and items by publication date over time.

    \b
    Example:
        digestcite timeline petition --by year
        digestcite timeline "Zhanjiang" --by month --plot zhanjiang.svg
    """
    from digestcite.index.timeline import plot, timeline

    line = timeline(corpus, query, by=by)
    if plot_path:
        plot(line, Path(plot_path), protected=[corpus.root])
        note(f"wrote {plot_path}")
    emit(line.to_json() if as_json else table(
        [(p, str(e), str(i)) for p, e, i in line.rows], (by, "claims (event)", "items (published)")), as_json=as_json)


COMMANDS = [search_cmd, cite_cmd, timeline_cmd]
