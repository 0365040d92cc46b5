"""The command line: click commands that parse options, call the library and print.

Start-up stays small: the root group knows each command's module and one-line help, and
imports a command's module only when that command runs (``digestcite --help`` imports
none of them); commands import the corpus, index and bib stages inside their bodies, so
no command loads Whoosh, pandoc or bibtexparser before it needs them.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from digestcite import __version__
from digestcite.cli._lean import import_click_lightly
from digestcite.errors import DigestciteError

import_click_lightly()  # NOTE: before click's first import, which then goes without uuid (see there)
import click  # noqa: E402

# name → (module in digestcite.cli, one-line help for `digestcite --help`). A test checks
# that each line is the command's own first docstring line, and that the table is complete.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("corpus_cmds", "Make a corpus folder (.digestcite/) in PATH (default: here)."),
    "ingest": ("corpus_cmds", "Add pages (files, folders, URLs, or - for stdin) to the corpus."),
    "items": ("corpus_cmds", "List items by publication date, with outlet and key."),
    "show": ("corpus_cmds", "Show one item: text, claims with locators, provenance."),
    "sources": ("corpus_cmds", "List outlets with aliases, labels, item counts and date ranges."),
    "stats": ("corpus_cmds", "Counts: documents, items, claims by kind, outlets, dates."),
    "demo": ("corpus_cmds", "Ingest the bundled sample corpus and show what the tool does with it."),
    "search": ("search_cmds", "Search claims (or items) with words, phrases, operators and filters."),
    "cite": ("search_cmds", "Find the claim that best matches a few words and print a ready citation."),
    "timeline": ("search_cmds", "Count claims by event date and items by publication date over time."),
    "export": ("bib_cmds", "Export citations as BibTeX, BibLaTeX, CSL-JSON or RIS."),
    "render": ("bib_cmds", "Render a Markdown draft that cites the corpus into DOCX, HTML or PDF."),
    "check": ("bib_cmds", "Check a draft: unknown keys, uncited supported claims, wrong numbers and quotes."),
    "index": ("index_cmds", "Manage the full-text index (derived from the store, rebuildable at any time)."),
    "doctor": ("index_cmds", "Check the store's integrity and that the index agrees with it."),
    "edit": ("edit_cmds", "Correct an item's outlet, publication date, title or author."),
    "edit-page": ("edit_cmds", "Correct a page's publisher, title, date or URL."),
    "remove": ("edit_cmds", "Remove items, or a page with the items only it carries."),
    "pages": ("edit_cmds", "List the pages (documents) with their numbers."),
}


_GLOBAL_FLAGS = frozenset({"-q", "--quiet", "-v", "-vv", "-vvv", "--verbose", "--debug"})
# Commands that read a little and end: main() runs them without the cyclic garbage collector.
LOOKUPS = frozenset({"cite", "search", "show"})
_collector_paused = False  # main() paused it, until a command that is not a lookup resumes it


class DigestciteGroup(click.Group):
    """The root group: loads commands on demand; any DigestciteError becomes one ``Error:`` line and exit 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in self.commands:
            from importlib import import_module

            module = import_module(f"digestcite.cli.{COMMANDS[cmd_name][0]}")
            for command in module.COMMANDS:
                self.commands.setdefault(command.name, command)
        return self.commands.get(cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # NOTE (issue 11): -q, -v and --debug belong to the root group, but writers put them
        # after the command (`digestcite ingest -q pages/`); they are moved in front of it.
        # Nothing after a `--` moves.
        if ctx.parent is None and args:
            stop = args.index("--") if "--" in args else len(args)
            moved = [a for a in args[:stop] if a in _GLOBAL_FLAGS]
            if moved:
                kept = [a for a in args[:stop] if a not in _GLOBAL_FLAGS]
                args = [*moved, *kept, *args[stop:]]
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            found = super().resolve_command(ctx, args)
        except click.UsageError as exc:
            from difflib import get_close_matches

            close = get_close_matches(args[0], COMMANDS, n=3, cutoff=0.6) if args else []
            if close and "No such command" in exc.message:
                raise click.UsageError(f"{exc.message} Did you mean: {', '.join(close)}?", exc.ctx) from None
            raise
        if _collector_paused and found[0] not in LOOKUPS:
            import gc

            gc.enable()  # an ingest or a render may run for hours: it needs the collector
        return found

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # NOTE: the one-line helps come from COMMANDS, so listing them imports no command module.
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, click.Command(name, help=COMMANDS[name][1]).get_short_help_str(limit)) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from digestcite.cli.options import CliState

        try:
            return super().invoke(ctx)
        except DigestciteError as exc:
            state = ctx.obj if isinstance(ctx.obj, CliState) else None
            if (state and state.debug) or os.environ.get("DIGESTCITE_DEBUG") == "1":
                raise
            raise click.ClickException(str(exc)) from exc
        except Exception as exc:
            damage = _store_damage(exc, ctx.obj if isinstance(ctx.obj, CliState) else None)
            if damage is None or (isinstance(ctx.obj, CliState) and ctx.obj.debug) or os.environ.get("DIGESTCITE_DEBUG") == "1":
                raise
            raise click.ClickException(damage) from exc
        finally:
            if isinstance(ctx.obj, CliState):
                ctx.obj.close()


def _store_damage(exc: Exception, state: Any) -> str | None:
    """The one line for SQLite finding the store damaged or the disk full mid-command, else None.

    NOTE: issue 12.16: a damaged page of store.sqlite surfaces wherever it is first read
    (a search loading its hits, an export), not only when the store opens.
    """
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is None or not isinstance(exc, sqlite3.DatabaseError):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    corpus = getattr(state, "_corpus", None)
    place = f"{corpus.store.path}: " if corpus is not None else ""
    if code == 13:  # SQLITE_FULL
        return f"{place}disk full: what was committed before is kept"
    if code in (11, 26) or "malformed" in str(exc) or "not a database" in str(exc):  # SQLITE_CORRUPT, SQLITE_NOTADB
        return f"{place}the store is damaged ({exc}): restore store.sqlite from a backup ('digestcite doctor' says more)"
    return None


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

    from digestcite.cli.options import CliState

    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    if quiet and not verbose:
        # NOTE: issue 12.21: pypdf's warnings about a damaged PDF ("incorrect startxref
        # pointer") come through logging; -q keeps only errors.
        level = logging.ERROR
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    # NOTE: our own logger gets its own handler on this run's stderr: basicConfig does
    # nothing when something (a test runner, an embedding program) configured logging first.
    ours = logging.getLogger("digestcite")
    for old in [h for h in ours.handlers if getattr(h, "digestcite_cli", False)]:
        ours.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.digestcite_cli = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    ours.addHandler(handler)
    ours.setLevel(level)
    ours.propagate = False
    if os.environ.get("NO_COLOR"):
        ctx.color = False  # https://no-color.org: no ANSI styles even on a terminal
    ctx.obj = CliState(corpus_path=corpus_path, quiet=quiet, debug=debug, verbose=verbose)


def main() -> None:
    """The ``digestcite`` console script."""
    import signal

    # NOTE: issue 12.21: SIGTERM (a plain `kill`, a closing terminal's session) used to end
    # the process on the spot: a render left its temporary file and its pandoc behind. As
    # an exception it unwinds: transactions roll back, temporary files go, pandoc is killed.
    signal.signal(signal.SIGTERM, _terminated)
    # NOTE (issue 13, "Speed"): a lookup's allocations are the modules, the index's readers,
    # the items and claims it shows, which live until the process ends: the collector's ~60
    # passes over them found nothing to free and took 5-9 ms of a fresh `cite` at 100k items.
    # It is paused for the command line, and resumed for any command but a lookup (LOOKUPS).
    import gc

    global _collector_paused
    if gc.isenabled():
        gc.disable()
        _collector_paused = True
    try:
        cli(prog_name="digestcite")
    except KeyboardInterrupt:
        # NOTE: a Ctrl-C outside click's own handling (while the corpus closes) is still
        # "Aborted!" and exit 1, not a death by signal (CI saw exit -2 from `index rebuild`)
        sys.stderr.write("Aborted!\n")
        raise SystemExit(1) from None
    finally:
        # the command has ended, whatever its status: a Ctrl-C during the interpreter's own
        # teardown changes nothing, so it is not let through
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # NOTE (issue 13, "Speed"): the interpreter's last collection walks every object a
        # lookup made (the index's readers, items, claims, our and Whoosh's modules): 10–12
        # ms of a fresh `cite` at 100k items. Frozen objects are left to the process's end;
        # everything not in a cycle is still freed (and finalized) as the modules go.
        gc.freeze()
        if _collector_paused:  # as it was for whoever called main() (freezing left it nothing to do)
            _collector_paused = False
            gc.enable()


def _terminated(signum: int, _frame: object) -> None:
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends it at once
    raise SystemExit(128 + signum)
