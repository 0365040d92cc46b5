"""Corpus commands: init, ingest, items, show, sources, stats, demo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from digestcite.cli.options import DATE, CliState, corpus_option, date_range_options, json_option, pass_corpus
from digestcite.cli.output import (
    emit,
    note,
    progress_bar,
    render_changes,
    render_explain,
    render_ingest,
    render_item,
    render_items,
    table,
    terminal_safe,
)

if TYPE_CHECKING:
    from digestcite.corpus.dates import PartialDate
    from digestcite.corpus.folder import Corpus


@click.command("init")
@click.argument("path", required=False, type=click.Path(file_okay=False), default=".")
@click.option("--nested", is_flag=True, help="Make it even inside another corpus's folder.")
@json_option
def init_cmd(path: str, nested: bool, as_json: bool) -> None:
    """Make a corpus folder (.digestcite/) in PATH (default: here).

    Commands run in PATH or below it then use this corpus, as git finds its repository.
    Inside another corpus's folder, init refuses unless --nested: commands there would
    silently switch to the new, empty corpus.

    \b
    Example:
        digestcite init ~/research/china-digests
    """
    from digestcite.corpus.folder import Corpus, enclosing_corpus
    from digestcite.errors import CorpusError

    outer = enclosing_corpus(Path(path))
    if outer is not None and not nested:
        raise CorpusError(f"{path} is inside the corpus at {outer}; commands there would use a new, empty corpus "
                          "instead (pass --nested to make one anyway)")
    with Corpus.init(Path(path)) as corpus:
        emit({"corpus": str(corpus.root)} if as_json else f"Corpus ready: {corpus.root}", as_json=as_json)


UNCHANGED_LISTED = 5  # more pages already ingested than this are one line, unless -v


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True, metavar="PATH|URL|- ...")
@click.option("--source", "outlet", metavar="OUTLET", help="Outlet for items whose page names none.")
@click.option("--date", "published", type=DATE, help="Publication date for items whose page gives none.")
@click.option("--url", help="Where the page lives online (recorded as provenance).")
@click.option("--publisher", help="Who published the digest page (e.g. the think tank).")
@click.option("--format", "fmt", type=click.Choice(["txt", "md", "html", "docx", "odt", "epub", "rtf", "pdf", "eml"]),
              help="Read every input as this format instead of guessing.")
@click.option("--max-size", type=click.IntRange(min=1), default=50, show_default=True, metavar="MB",
              help="Refuse inputs larger than this many megabytes.")
@click.option("--update", is_flag=True,
              help="For pages already in the corpus (and items already known), apply --source, --date, --publisher and"
                   " --url to the stored values, and say what changed.")
@click.option("--explain", is_flag=True,
              help="Store nothing: show how each page is cut (items, lines, outlets, dates and where each came from).")
@click.option("--follow-links", is_flag=True,
              help="Read symbolic links in a folder that lead out of it (by default they are skipped with a note).")
@corpus_option
@json_option
@click.pass_obj
def ingest_cmd(
    state: CliState, sources: tuple[str, ...], outlet: str | None, published: PartialDate | None, url: str | None,
    publisher: str | None, fmt: str | None, max_size: int, update: bool, explain: bool, follow_links: bool,
    as_json: bool,
) -> None:
    """Add pages (files, folders, URLs, or - for stdin) to the corpus.

    Each page is split into items and claims and stored in one transaction; the same
    page twice changes nothing, the same item in two digests is stored once. A page
    that fails is reported and the rest still go in (exit status 1 if any failed).
    With --update, a page already in goes through again: its publisher and URL, and the
    outlet and date of its items that the page does not name, take the options given
    (each change kept, as 'digestcite edit' keeps it); options not given change nothing.

    In a folder only regular files are read; links that lead out of it are skipped
    unless --follow-links.

    \b
    Example:
        digestcite ingest digests/ notes/brief.docx
        digestcite ingest article.txt --source "Epoch Times" --date 2024-02-28
        curl -s https://example.org/digest.html | digestcite ingest - --format html
        digestcite ingest article.txt --update --source "Radio Free Asia" --date 2024-03-01
        digestcite ingest --explain newsletter.eml
    """
    import sys

    from digestcite.corpus.digest import PageDefaults
    from digestcite.corpus.readers import discover

    skipped: list[str] = []
    specs = list(discover(list(sources), follow_links=follow_links, notes=skipped))
    for message in skipped:
        note(f"note: {message}", quiet=state.quiet)
    defaults = PageDefaults(outlet=outlet, published=published)
    if explain:
        from digestcite.corpus.explain import explain_pages

        reports = explain_pages(specs, state.registry(), defaults=defaults, fmt=fmt, max_size=max_size * 1024 * 1024,
                                stdin=sys.stdin.buffer if "-" in specs else None)
        emit(reports if as_json else render_explain(reports), as_json=as_json)
        if any(r["error"] for r in reports):
            raise click.exceptions.Exit(1)
        return
    corpus = state.open_corpus(create=True)
    common = {
        "defaults": defaults, "publisher": publisher, "url": url, "fmt": fmt, "max_size": max_size * 1024 * 1024,
        "stdin": sys.stdin.buffer if "-" in specs else None, "update": update,
    }
    if len(specs) > 1 and not state.quiet:
        with progress_bar(specs, label="Ingesting", quiet=state.quiet) as bar:
            report = corpus.ingest(specs, progress=lambda spec: bar.update(1, spec), **common)  # type: ignore[arg-type]
    else:
        report = corpus.ingest(specs, **common)  # type: ignore[arg-type]
    unchanged = [page for page in report.pages if page.status == "unchanged"]
    asked = bool(outlet or published or url or publisher) and not update
    hint = " (add --update to apply --source, --date, --publisher or --url to it)" if asked else ""
    summarise = len(unchanged) > UNCHANGED_LISTED and not state.verbose
    for page in report.pages:
        if page.error:
            click.echo(terminal_safe(f"Error: {page.error}"), err=True)
        if page.status == "unchanged":
            if not summarise:
                note(f"note: {page.path_or_url}: already ingested: nothing changed{hint}", quiet=state.quiet)
            continue
        for warning in page.warnings:
            note(f"note: {warning}", quiet=state.quiet)
    if summarise:
        more = "; add --update to apply the options to them" if asked else ""
        note(f"note: {len(unchanged)} pages already ingested, nothing changed (-v names them{more})", quiet=state.quiet)
    if as_json:
        emit(report.to_json(), as_json=True)
    else:
        emit(render_changes(report), as_json=False)
        note(render_ingest(report), quiet=state.quiet)
    if report.interrupted:
        done = report.counts()
        click.echo(
            f"Interrupted: {done['pages_added']} page(s) ({done['items_added']} new item(s)) were ingested and kept;"
            f" the page in progress was rolled back and {len(specs) - len(report.pages)} page(s) were not ingested."
            " Run the same command again to finish: pages already in are skipped."
            + (f" {report.unindexed} stored item(s) are not in the index yet: the next ingest (or"
               " 'digestcite doctor --repair') adds them." if report.unindexed else ""),
            err=True,
        )
        raise click.Abort()
    if report.stopped:
        done = report.counts()
        click.echo(
            f"Error: {report.stopped}; stopped after {len(report.pages)} page(s) ({done['items_added']} new item(s)"
            f" kept): {report.not_ingested} page(s) were not ingested. Run the same command again to finish:"
            " pages already in are skipped."
            + (f" {report.unindexed} stored item(s) are not in the index yet: the next ingest (or"
               " 'digestcite doctor --repair') adds them." if report.unindexed else ""), err=True)
        raise click.exceptions.Exit(1)
    if report.unindexed:
        reason = "another digestcite process is writing the index" if report.index_busy else "the index is behind"
        note(f"note: {reason}: {report.unindexed} stored item(s) are not searchable yet; the next ingest"
             " (or 'digestcite doctor --repair') adds them", quiet=False)
    if report.failed:
        raise click.exceptions.Exit(1)


@click.command("items")
@click.option("--source", "outlet", metavar="OUTLET", help="Only items from this outlet (any alias).")
@date_range_options
@click.option("-n", "--limit", type=click.IntRange(min=1), help="At most this many items.")
@corpus_option
@json_option
@pass_corpus
def items_cmd(
    corpus: Corpus, outlet: str | None, date_from: PartialDate | None, date_to: PartialDate | None,
    limit: int | None, as_json: bool,
) -> None:
    """List items by publication date, with outlet and key.

    \b
    Example:
        digestcite items --source RFA --from 2020-10 --to 2020-12
    """
    items = corpus.items(outlet=outlet, date_from=date_from, date_to=date_to, limit=limit)
    if not items:
        note("No items in this corpus yet: add pages with 'digestcite ingest PAGE'." if not corpus.store.counts()["items"]
             else "No items match.")
    emit([i.to_json(claims=False) for i in items] if as_json else render_items(items), as_json=as_json)


@click.command("show")
@click.argument("key")
@corpus_option
@json_option
@pass_corpus
def show_cmd(corpus: Corpus, key: str, as_json: bool) -> None:
    """Show one item: text, claims with locators, provenance.

    \b
    Example:
        digestcite show epochtimes2020internal --json
    """
    item = corpus.item(key)
    emit(item.to_json() if as_json else render_item(item), as_json=as_json)


@click.group("sources", invoke_without_command=True)
@corpus_option
@json_option
@click.pass_context
def sources_cmd(ctx: click.Context, as_json: bool) -> None:
    """List outlets with aliases, labels, item counts and date ranges.

    Outlets the registry does not know are kept as printed and marked; give them a
    canonical name with 'digestcite sources alias'.

    \b
    Example:
        digestcite sources
        digestcite sources alias HKET "Hong Kong Economic Times"
    """
    if ctx.invoked_subcommand is not None:
        return
    state: CliState = ctx.find_object(CliState) or CliState()
    rows = state.open_corpus().sources()
    if as_json:
        emit(rows, as_json=True)
        return
    emit(table(
        [(r["outlet"] + ("" if r["known"] else " (unknown)"), str(r["items"]), f"{r['first'] or '—'} … {r['last'] or '—'}",
          r["label"] or "", ", ".join(r["printed_as"])) for r in rows],
        ("outlet", "items", "published", "label", "printed as"),
    ), as_json=False)


@sources_cmd.command("alias")
@click.argument("alias")
@click.argument("outlet")
@corpus_option
@json_option
@pass_corpus
def alias_cmd(corpus: Corpus, alias: str, outlet: str, as_json: bool) -> None:
    """Make ALIAS name OUTLET from now on (and relabel items printed as ALIAS).

    \b
    Example:
        digestcite sources alias "HK Econ Times" "Hong Kong Economic Times"
    """
    result = corpus.add_alias(alias, outlet)
    emit(result if as_json else f"{alias} → {result['outlet']} ({result['items_relabelled']} item(s) relabelled)", as_json=as_json)


@click.command("stats")
@corpus_option
@json_option
@pass_corpus
def stats_cmd(corpus: Corpus, as_json: bool) -> None:
    """Counts: documents, items, claims by kind, outlets, dates.

    \b
    Example:
        digestcite stats --json
    """
    stats = corpus.stats()
    if as_json:
        emit(stats, as_json=True)
        return
    kinds = ", ".join(f"{k} {v}" for k, v in stats["claim_kinds"].items())
    emit("\n".join([
        f"corpus      {stats['corpus']}",
        f"documents   {stats['documents']}",
        f"items       {stats['items']} ({stats['stories']} distinct stories; {stats['undated_items']} undated,"
        f" {stats['unsourced_items']} without outlet)",
        f"claims      {stats['claims']} ({kinds or 'none'})",
        f"outlets     {stats['outlets']}",
        f"published   {stats['first_published'] or '—'} … {stats['last_published'] or '—'}",
        f"near-duplicate pairs {stats['near_duplicate_pairs']}",
    ]), as_json=False)


@click.command("demo")
@click.option("--keep", type=click.Path(file_okay=False), help="Build the demo corpus here and keep it.")
@json_option
@click.pass_obj
def demo_cmd(state: CliState, keep: str | None, as_json: bool) -> None:
    """Ingest the bundled sample corpus and show what the tool does with it.

    Builds a fresh corpus (in a temporary folder unless --keep names one), ingests the
    sample pages, then lists items, shows one, searches, cites and exports.

    \b
    Example:
        digestcite demo --keep /tmp/digestcite-demo
    """
    import tempfile

    from digestcite.demo import run_demo

    if keep:
        run = run_demo(Path(keep))
    else:
        with tempfile.TemporaryDirectory(prefix="digestcite-demo-") as folder:
            run = run_demo(Path(folder))
    if as_json:
        emit(run.to_json(), as_json=True)
        return
    for title, body in run.sections:
        click.echo(click.style(f"== {title}", bold=True, fg="green"))
        click.echo(body)
        click.echo()


COMMANDS = [init_cmd, ingest_cmd, items_cmd, show_cmd, sources_cmd, stats_cmd, demo_cmd]
