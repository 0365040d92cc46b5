"""Options and types shared by the commands: the corpus, --json, dates, limits."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from digestcite.corpus.dates import PartialDate
    from digestcite.corpus.folder import Corpus
    from digestcite.corpus.outlets import OutletRegistry

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class CliState:
    """What the root group parsed, and the corpus once a command opens it."""

    corpus_path: str | None = None
    quiet: bool = False
    debug: bool = False
    verbose: int = 0
    _corpus: Corpus | None = field(default=None, repr=False)

    def open_corpus(self, *, create: bool = False) -> Corpus:
        from digestcite.corpus.folder import Corpus, default_corpus_root, find_corpus

        if self._corpus is None:
            root = find_corpus(self.corpus_path)
            if create and not (root / "store.sqlite").exists():
                if not self.quiet:
                    from digestcite.controls import printable

                    click.echo(f"Creating corpus {printable(str(root))}", err=True)
                self._corpus = Corpus(root, create=True)
            elif not (root / "store.sqlite").exists() and root == default_corpus_root() and not self.corpus_path:
                from digestcite.errors import NoCorpusError

                raise NoCorpusError(
                    "no corpus yet: run 'digestcite init' here, or 'digestcite ingest PAGES' to start your own",
                )
            else:
                self._corpus = Corpus(root)
        return self._corpus

    def registry(self) -> OutletRegistry:
        """The corpus's outlet registry (with its aliases) when there is a corpus, else the bundled one."""
        from digestcite.corpus.folder import find_corpus
        from digestcite.corpus.outlets import OutletRegistry

        root = find_corpus(self.corpus_path)
        if (root / "store.sqlite").exists():
            return self.open_corpus().registry
        return OutletRegistry.bundled()

    def close(self) -> None:
        if self._corpus is not None:
            self._corpus.close()
            self._corpus = None


def pass_corpus(func: F) -> F:
    """Give the command an open :class:`Corpus` as its first argument."""

    @click.pass_context
    @functools.wraps(func)
    def wrapper(ctx: click.Context, *args: Any, **kwargs: Any) -> Any:
        state: CliState = ctx.find_object(CliState) or CliState()
        return ctx.invoke(func, state.open_corpus(), *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def corpus_option(func: F) -> F:
    """``--corpus`` on a command as well as on the root (``digestcite search --corpus X ...``)."""

    def remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value:
            state = ctx.find_object(CliState)
            if state is not None:
                state.corpus_path = value
        return value

    return click.option(
        "--corpus", "corpus_path_local", metavar="PATH", expose_value=False, is_eager=True,
        callback=remember, help="Corpus folder to use.",
    )(func)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON (the shapes in docs/DESIGN.md).")


class DateType(click.ParamType):
    """A date at any precision: ``2020``, ``2020-10``, ``2020-10-22``, ``October 22, 2020``."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> PartialDate:
        from digestcite.corpus.dates import PartialDate, parse_date
        from digestcite.errors import ParseError

        if isinstance(value, PartialDate):
            return value
        try:
            return parse_date(str(value))
        except ParseError as exc:
            self.fail(f"{value!r} is not a date ({exc.message}); use YYYY, YYYY-MM or YYYY-MM-DD", param, ctx)


DATE = DateType()


def date_range_options(func: F) -> F:
    func = click.option("--to", "date_to", type=DATE, help="Up to this date (any precision).")(func)
    return click.option("--from", "date_from", type=DATE, help="From this date (any precision).")(func)


class StyleType(click.ParamType):
    """A citation style: chicago, chicago-author-date, apa, mla, any bundled CSL name, or a .csl file."""

    name = "STYLE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from digestcite.bib.styles import SHORT_NAMES, resolve_style
        from digestcite.errors import ExportError

        if str(value).lower() in SHORT_NAMES:
            return str(value).lower()  # bundled: no need to load the style package to know it
        try:
            resolve_style(str(value))
        except ExportError as exc:
            self.fail(exc.message, param, ctx)
        return str(value)


STYLE = StyleType()
style_option = click.option(
    "--style", type=STYLE, default="chicago", show_default=True,
    help="Citation style: chicago, chicago-author-date, apa, mla, any CSL style name, or a .csl file.",
)


def _accessed(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    import datetime

    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date as YYYY-MM-DD") from None


accessed_option = click.option(
    "--accessed", metavar="YYYY-MM-DD", callback=_accessed,
    help="The day you consulted the online pages cited: their access date (only records with a URL carry one).",
)
