"""Maintenance commands: index rebuild, doctor."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from digestcite.cli.options import corpus_option, json_option, pass_corpus
from digestcite.cli.output import emit, note

if TYPE_CHECKING:
    from digestcite.corpus.folder import Corpus


@click.group("index")
def index_cmd() -> None:
    """Manage the full-text index (derived from the store, rebuildable at any time).

    \b
    Example:
        digestcite index rebuild
    """


@index_cmd.command("rebuild")
@corpus_option
@json_option
@pass_corpus
def rebuild_cmd(corpus: Corpus, as_json: bool) -> None:
    """Recreate the index from the store alone.

    \b
    Example:
        digestcite index rebuild --json
    """
    count = corpus.index.rebuild()
    emit({"items": count} if as_json else f"Index rebuilt: {count} item(s)", as_json=as_json)


@click.command("doctor")
@click.option("--repair", is_flag=True, help="Bring the index back in line with the store.")
@corpus_option
@json_option
@pass_corpus
def doctor_cmd(corpus: Corpus, repair: bool, as_json: bool) -> None:
    """Check the store's integrity and that the index agrees with it.

    Runs SQLite's integrity check, verifies every claim points to an item and every
    item to a document, that keys are unique, and finds items missing from, extra in,
    or stale in the index. Exit status 1 when a problem remains.

    \b
    Example:
        digestcite doctor --repair
    """
    from digestcite.corpus.doctor import diagnose
    from digestcite.corpus.doctor import repair as repair_corpus

    diagnosis = diagnose(corpus)
    if repair and not diagnosis.ok:
        diagnosis = repair_corpus(corpus, diagnosis)
    if as_json:
        emit(diagnosis.to_json(), as_json=True)
    else:
        data = diagnosis.to_json()
        store = data["store"]
        lines = [f"store: {'ok' if store['ok'] else 'PROBLEMS'} (integrity {store['integrity']}, "
                 f"{store['orphan_claims']} orphan claim(s), {store['items_without_document']} item(s) without document, "
                 f"{len(store['duplicate_keys'])} duplicate key(s))"]
        index = data["index"]
        if index is not None:
            state = "ok" if index["ok"] else "DISAGREES with the store"
            lines.append(f"index: {state} ({len(index['missing'])} missing, {len(index['extra'])} extra, "
                         f"{len(index['stale'])} stale{'; ' + index['error'] if index['error'] else ''})")
        for action in diagnosis.repaired:
            lines.append(f"repaired: {action}")
        lines.extend(f"warning: {warning}" for warning in diagnosis.warnings)
        emit("\n".join(lines), as_json=False)
        if not diagnosis.ok and not repair and diagnosis.integrity == "ok" and not diagnosis.warnings:
            note("run 'digestcite doctor --repair' to fix the index")
    if not diagnosis.ok:
        raise click.exceptions.Exit(1)


COMMANDS = [index_cmd, doctor_cmd]
