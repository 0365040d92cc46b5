"""The command line: click commands that parse options, call the library and print.

Start-up stays small: commands import the corpus, index and bib stages inside their
bodies, so ``digestcite --help`` loads none of Whoosh, pandoc or bibtexparser.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from digestcite import __version__
from digestcite.cli.options import CliState
from digestcite.errors import DigestciteError


class DigestciteGroup(click.Group):
    """The root group: turns any DigestciteError into one ``Error:`` line and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DigestciteError as exc:
            state = ctx.obj if isinstance(ctx.obj, CliState) else None
            if (state and state.debug) or os.environ.get("DIGESTCITE_DEBUG") == "1":
                raise
            raise click.ClickException(str(exc)) from exc
        finally:
            if isinstance(ctx.obj, CliState):
                ctx.obj.close()


@click.group(cls=DigestciteGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="digestcite")
@click.option("--corpus", "corpus_path", metavar="PATH", envvar="DIGESTCITE_CORPUS",
              help="Corpus folder (default: .digestcite here or above, else your per-user corpus).")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or notes on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, corpus_path: str | None, verbose: int, quiet: bool, debug: bool) -> None:
    """digestcite: a corpus of news digests where every claim knows its source and date.

    \b
    Ingest pages, search them, and cite any claim in a policy paper:
        digestcite init
        digestcite ingest digests/
        digestcite search "petition office" --from 2024-01
        digestcite cite "293 incidents Zhanjiang"
        digestcite export --all --format biblatex -o refs.bib
    """
    import logging  # NOTE: not at the top: 17 ms that `digestcite --help` never needs

    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = CliState(corpus_path=corpus_path, quiet=quiet, debug=debug)


def _register() -> None:
    from digestcite.cli import bib_cmds, corpus_cmds, index_cmds, search_cmds

    for module in (corpus_cmds, search_cmds, bib_cmds, index_cmds):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """The ``digestcite`` console script."""
    cli(prog_name="digestcite")
