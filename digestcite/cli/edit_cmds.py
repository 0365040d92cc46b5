"""Correction commands: edit, edit-page, remove, pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from digestcite.cli.options import DATE, corpus_option, json_option, pass_corpus
from digestcite.cli.output import emit, note, render_edit, render_pages

if TYPE_CHECKING:
    from digestcite.corpus.dates import PartialDate
    from digestcite.corpus.edits import EditReport
    from digestcite.corpus.folder import Corpus

_INDEX_BEHIND = ("the correction is saved in the store, but the index could not follow ({error}): searches show the"
                 " old values until you run 'digestcite doctor --repair'")


def _values(
    given: dict[str, str | PartialDate | None], cleared: tuple[str, ...], names: dict[str, str],
) -> dict[str, str | PartialDate | None]:
    """The fields to set (given) and to clear, as the library takes them; a usage error for nothing or both."""
    values: dict[str, str | PartialDate | None] = {field: value for field, value in given.items() if value is not None}
    for option in cleared:
        field = names[option]
        if field in values:
            raise click.UsageError(f"--{option} is both given and cleared")
        values[field] = None
    if not values:
        raise click.UsageError(f"nothing to change: give {', '.join('--' + o for o in names)} or --clear")
    return values


def _finish(report: EditReport, text: str, as_json: bool, extra: dict[str, object] | None = None) -> None:
    emit({**(extra or {}), **report.to_json()} if as_json else text, as_json=as_json)
    if report.index_error:
        note("note: " + _INDEX_BEHIND.format(error=report.index_error))
        if report.interrupted:
            raise click.Abort()
        raise click.exceptions.Exit(1)


@click.command("edit")
@click.argument("key")
@click.option("--outlet", metavar="OUTLET", help="The outlet that published the item (any alias: RFA, Xinhua…).")
@click.option("--date", "published", type=DATE, help="The item's publication date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--title", help="The item's headline.")
@click.option("--author", help="The item's author (byline).")
@click.option("--clear", "cleared", multiple=True, type=click.Choice(["outlet", "date", "author"]),
              help="Remove this value (repeatable): the page did not give it, or gave a wrong one.")
@corpus_option
@json_option
@pass_corpus
def edit_cmd(
    corpus: Corpus, key: str, outlet: str | None, published: PartialDate | None, title: str | None,
    author: str | None, cleared: tuple[str, ...], as_json: bool,
) -> None:
    """Correct an item's outlet, publication date, title or author.

    The outlet is resolved through the outlet registry and the corpus's aliases, as at
    ingest; a new date also re-dates the item's events that the text gives without a year.
    Each correction is one transaction, kept with its old value and time ('show' lists
    them), and export, cite and render use the new values at once. The key never changes,
    even when the year or outlet in it is corrected: drafts citing it keep working.

    \b
    Example:
        digestcite edit xinhua2020plan --outlet RFA --date 2021-03
        digestcite edit anonnddigest --title "Port officials detained" --author "Li Wei"
        digestcite edit rfa2020hongkong --clear date
    """
    values = _values({"outlet": outlet, "published": published, "title": title, "author": author}, cleared,
                     {"outlet": "outlet", "date": "published", "title": "title", "author": "author"})
    report = corpus.edit(key, values)
    _finish(report, render_edit(report, key), as_json, {"key": key})


@click.command("edit-page")
@click.argument("page")
@click.option("--publisher", help="Who published the page (the digest's publisher).")
@click.option("--title", help="The page's title.")
@click.option("--date", "published", type=DATE, help="The page's own date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--url", help="Where the page lives online (http:// or https://).")
@click.option("--clear", "cleared", multiple=True, type=click.Choice(["publisher", "title", "date", "url"]),
              help="Remove this value (repeatable).")
@corpus_option
@json_option
@pass_corpus
def edit_page_cmd(
    corpus: Corpus, page: str, publisher: str | None, title: str | None, published: PartialDate | None,
    url: str | None, cleared: tuple[str, ...], as_json: bool,
) -> None:
    """Correct a page's publisher, title, date or URL.

    Every item read in the page is cited through it ("summarized in"), so its
    citations change at once. PAGE is the page's number ('digestcite pages', or 'page N' in 'show'), its path or
    URL as ingested, its file name, the file itself, or the start of its SHA-256. One
    transaction, kept with the old values ('show' of its items lists them).

    \b
    Example:
        digestcite pages
        digestcite edit-page 3 --publisher "China Digest Project" --url https://example.org/digest/2020-10
        digestcite edit-page digests/weekly.txt --date 2020-10-30
    """
    values = _values({"publisher": publisher, "title": title, "published": published, "url": url}, cleared,
                     {"publisher": "publisher", "title": "title", "date": "published", "url": "url"})
    report = corpus.edit_page(page, values)
    label = f"page {report.document.id}" if report.document else page
    _finish(report, render_edit(report, label), as_json)


@click.command("remove")
@click.argument("keys", nargs=-1, metavar="[KEY]...")
@click.option("--page", metavar="PAGE", help="Remove this page, with the items no other page carries.")
@corpus_option
@json_option
@pass_corpus
def remove_cmd(corpus: Corpus, keys: tuple[str, ...], page: str | None, as_json: bool) -> None:
    """Remove items, or a page with the items only it carries.

    For junk (a CSV read as items), a misread item or page. All in one transaction: an unknown key removes nothing. Each removal is kept ('show'
    of a removed key says when); a removed key is never given to another item, and the
    same text ingested again gets its key back. PAGE is named as for 'edit-page'.

    \b
    Example:
        digestcite remove anonnda
        digestcite remove --page 3
        digestcite remove --page digests/broken.csv
    """
    if bool(keys) == bool(page):
        raise click.UsageError("give KEY... or --page PAGE (one of them)")
    report = corpus.remove_page(page) if page else corpus.remove(list(keys))
    _finish(report, render_edit(report, None), as_json)


@click.command("pages")
@corpus_option
@json_option
@pass_corpus
def pages_cmd(corpus: Corpus, as_json: bool) -> None:
    """List the pages (documents) with their numbers.

    The number names the page for 'edit-page' and 'remove --page' ('show' prints it too).

    \b
    Example:
        digestcite pages --json
    """
    pages = corpus.pages()
    emit([d.to_json() for d in pages] if as_json else render_pages(pages), as_json=as_json)


COMMANDS = [edit_cmd, edit_page_cmd, remove_cmd, pages_cmd]
