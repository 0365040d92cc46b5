"""Bibliography commands: export, render, check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from digestcite.cli.options import accessed_option, corpus_option, json_option, pass_corpus, style_option
from digestcite.cli.output import emit, note

if TYPE_CHECKING:
    from digestcite.corpus.folder import Corpus


STDOUT_NAMES = ("-", "/dev/stdout")  # NOTE: issue 12.17: '-o /dev/stdout' tried to replace /dev/stdout


@click.command("export")
@click.option("--all", "all_items", is_flag=True, help="Every item in the corpus.")
@click.option("--keys", metavar="K1,K2,...", help="These keys (comma-separated).")
@click.option("--query", metavar="QUERY", help="The items a search finds.")
@click.option("--draft", type=click.Path(dir_okay=False), help="Exactly the keys a Markdown draft cites.")
@click.option("--format", "fmt", type=click.Choice(["bibtex", "biblatex", "csljson", "ris"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to this file (atomically) instead of stdout; '-' or /dev/stdout mean stdout.")
@accessed_option
@corpus_option
@pass_corpus
def export_cmd(
    corpus: Corpus, all_items: bool, keys: str | None, query: str | None, draft: str | None, fmt: str,
    output: str | None, accessed: str | None,
) -> None:
    """Export citations as BibTeX, BibLaTeX, CSL-JSON or RIS.

    Every format derives from the same CSL-JSON records, so they agree on title, outlet,
    byline, date and URL; what a reader keeps differs (README, export): for Zotero use
    csljson or ris, which keep the newspaper type and the key (as Extra "Citation Key:"),
    since Zotero reads a .bib article as a journal article and drops its key. Items
    read through a named digest come with the digest's own record (an item is cited as
    summarized in it). Page text is escaped so it can never become a LaTeX command or a
    forged RIS line. With -o the file
    is replaced whole or not at all: through a symbolic link its target is written, a
    read-only file, a device or a FIFO is refused, and the old file's permissions are kept.

    \b
    Example:
        digestcite export --all --format biblatex -o refs.bib
        digestcite export --draft brief.md --format csljson -o brief.json
        digestcite export --query "Zhanjiang" --format ris
    """
    from digestcite.atomic import write_atomic
    from digestcite.bib.export import export_text, records, select_keys

    said: list[str] = []
    chosen = select_keys(
        corpus, all_items=all_items, keys=keys.split(",") if keys is not None else None, query=query,
        draft=Path(draft) if draft else None, notes=said,
    )
    for line in said:
        note(f"note: {line}; the export is empty")
    text = export_text(records(corpus, chosen, accessed=accessed), fmt)
    if output and output not in STDOUT_NAMES:
        write_atomic(Path(output), text, protected=[corpus.root])
        note(f"wrote {len(chosen)} entr{'y' if len(chosen) == 1 else 'ies'} to {output}")
    else:
        click.echo(text, nl=not text.endswith("\n"))


@click.command("render")
@click.argument("draft", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="OUT.docx, OUT.html, OUT.odt or OUT.pdf")
@style_option
@accessed_option
@corpus_option
@pass_corpus
def render_cmd(corpus: Corpus, draft: str, output: str, style: str, accessed: str | None) -> None:
    """Render a Markdown draft that cites the corpus into DOCX, HTML or PDF.

    Citations ([@key], [@key; summarized in @digest-1f212aea, para. 3], [see @a;
    @b]) become notes or in-text citations in the style, and a bibliography lists the
    cited items and the digests they were read in. Unknown keys stop
    the render with a list of them and the closest existing keys.

    \b
    Example:
        digestcite render brief.md -o brief.docx
        digestcite render brief.md -o brief.html --style apa
    """
    from digestcite.bib.export import records, select_keys
    from digestcite.bib.render import render_draft
    from digestcite.bib.styles import resolve_style

    path = Path(draft)
    keys = select_keys(corpus, draft=path)
    render_draft(path, Path(output), records(corpus, keys, accessed=accessed), resolve_style(style),
                 protected=[corpus.root])
    note(f"wrote {output} ({len(keys)} cited item(s), style {style})")


@click.command("check")
@click.argument("draft", type=click.Path(dir_okay=False))
@corpus_option
@json_option
@pass_corpus
def check_cmd(corpus: Corpus, draft: str, as_json: bool) -> None:
    """Check a draft: unknown keys, uncited supported claims, wrong numbers and quotes.

    Reports each problem with the draft's line number and a suggested citation where
    the corpus supports an uncited sentence. Exit status 1 when it finds problems, so
    it can guard a paper in CI.

    \b
    Example:
        digestcite check brief.md
        digestcite check brief.md --json
    """
    from digestcite.bib.check import check_draft

    problems = check_draft(corpus, Path(draft))
    if as_json:
        emit([p.to_json() for p in problems], as_json=True)
    elif problems:
        emit("\n".join(p.render(draft) for p in problems), as_json=False)
    else:
        note(f"{draft}: no problems found")
    if problems:
        raise click.exceptions.Exit(1)


COMMANDS = [export_cmd, render_cmd, check_cmd]
