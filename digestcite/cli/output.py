"""Printing: one JSON value on stdout, or short aligned text for a person; notes on stderr.

Nothing from a page or a file name reaches the terminal raw: names, outlets and text are
escaped field by field (``printable``), and :func:`emit` and :func:`note` escape whatever
control characters are left but the colours click adds (issue 12.4).
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import click

from digestcite.controls import has_surrogates, printable, printable_text

if TYPE_CHECKING:
    from digestcite.bib.cite import Citation
    from digestcite.corpus.edits import EditReport
    from digestcite.corpus.models import Document, Item
    from digestcite.corpus.reports import Edit, IngestReport
    from digestcite.index.search import Hit


def emit(data: Any, *, as_json: bool) -> None:
    """Print the answer: JSON (exactly one value and a newline) or text as given."""
    if as_json:
        import json

        # NOTE: JSON escapes C0 itself; C1 controls and the surrogates of a file name that
        # is not UTF-8 would go out raw (or not at all): escape them as \u0085, \udce9.
        text = json.dumps(data, ensure_ascii=False, indent=2)
        unsafe = _JSON_UNSAFE if has_surrogates(text) else _JSON_UNSAFE_LATIN1
        click.echo(re.sub(unsafe, lambda m: f"\\u{ord(m.group()):04x}", text))
    elif data:
        click.echo(terminal_safe(str(data)))


def note(message: str, *, quiet: bool = False) -> None:
    """A note for the person at the terminal, on stderr."""
    if not quiet:
        click.echo(terminal_safe(message), err=True)


def terminal_safe(text: str) -> str:
    """Text with every control character escaped but newlines, tabs and click's own colours."""
    unsafe = _UNSAFE if has_surrogates(text) else _UNSAFE_LATIN1
    return re.sub(unsafe, lambda m: m.group() if m.group().startswith("\x1b[") else printable(m.group()), text)


# NOTE (issue 13, "Speed"): as in digestcite.controls, the classes with surrogates are
# compiled only for text that has one; the Latin-1 ones find the same everywhere else.
_UNSAFE = "\x1b\\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"
_UNSAFE_LATIN1 = "\x1b\\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
_JSON_UNSAFE = "[\x7f-\x9f\ud800-\udfff]"
_JSON_UNSAFE_LATIN1 = "[\x7f-\x9f]"


def table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """Columns aligned to their widest cell; the last column is left to run."""
    if not rows:
        return ""
    rows = [[printable(str(c)) for c in row] for row in rows]
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers) - 1)]
    lines = []
    for n, row in enumerate([headers, *rows]):
        cells = [str(c).ljust(w) for c, w in zip(row[:-1], widths, strict=True)] + [str(row[-1])]
        line = "  ".join(cells).rstrip()
        lines.append(click.style(line, bold=True) if n == 0 else line)
    return "\n".join(lines)


def render_items(items: Iterable[Item]) -> str:
    """Items as a table; titles fill the terminal's width (whole when piped)."""
    import shutil

    rows = [(i.published or "—", i.key, _short(i.outlet or "(no outlet)", 28), i.title) for i in items]
    if rows and sys.stdout.isatty():
        # NOTE (issue 11): titles were cut at 70 columns whatever the terminal's width.
        used = max(len(r[0]) for r in rows) + max(len(r[1]) for r in rows) + max(len(r[2]) for r in rows) + 6
        room = max(20, shutil.get_terminal_size((100, 24)).columns - used)
        rows = [(*r[:3], _short(r[3], room)) for r in rows]
    return table(rows, ("published", "key", "outlet", "title"))


def render_item(item: Item) -> str:
    """One item for reading: headline, source, provenance, then the claims by paragraph."""
    p = printable
    out = [click.style(p(item.title), bold=True)]
    source = p(item.outlet or "(no outlet)")
    if item.outlet_as_printed and item.outlet_as_printed != item.outlet:
        source += f" (printed as {p(item.outlet_as_printed)})"
    if item.outlet_label:
        source += f" · {p(item.outlet_label)}"
    date = item.published or f"no date ({p(item.published_reason or 'unknown')})"
    out.append(f"{source} · {date} · key {click.style(p(item.key), fg='cyan')}")
    found = []
    if item.outlet_origin:
        found.append(f"outlet from {item.outlet_origin}")
    if item.published_origin:
        found.append(f"date from {item.published_origin}")
    if item.attribution:
        found.append(f"as printed: {p(_short(item.attribution, 80))}")
    if found:
        out.append(click.style("; ".join(found), dim=True))
    if item.author:
        out.append(f"by {p(item.author)}")
    if item.credited:
        out.append("also credits: " + ", ".join(map(p, item.credited)))
    for document in item.documents:
        via = f"via {p(document.path_or_url)}"
        if document.publisher:
            via += f" ({p(document.publisher)})"
        out.append(f"{via}, ingested {document.ingested} · page {document.id}")
    for edit in item.edits:
        out.append(click.style(printable(describe_edit(edit)), fg="magenta"))
    if item.tags:
        out.append("tags: " + ", ".join(map(p, item.tags)))
    if item.near_duplicates:
        out.append("near-duplicates: " + ", ".join(map(p, item.near_duplicates)))
    current = 0
    for claim in item.claims:
        if claim.paragraph != current:
            current = claim.paragraph
            out.append("")
            out.append(click.style(f"para. {current}", fg="yellow"))
        facts = [claim.kind]
        if claim.speaker:
            facts.append(f"speaker: {p(claim.speaker)}")
        if claim.credited and claim.credited != claim.speaker:
            facts.append(f"credited: {p(claim.credited)}")
        if claim.event_date:
            facts.append(f"event: {claim.event_date}")
        if claim.numbers:
            facts.append("numbers: " + ", ".join(p(str(n["value"]) + (f" {n['unit']}" if n["unit"] else "")) for n in claim.numbers))
        wrapped = textwrap.fill(printable_text(claim.text), width=88, initial_indent=f"  {claim.sentence:>2}. ", subsequent_indent="      ")
        out.append(wrapped)
        out.append(click.style("      [" + "; ".join(facts) + "]", dim=True))
    if item.captions:
        out.append("")
        out.append("captions (not claims): " + " | ".join(map(p, item.captions)))
    return "\n".join(out)


def styled_highlight(text: str) -> str:
    """``**word**`` markers as bold yellow (click drops the colour when piped)."""
    return re.sub(r"\*\*(.+?)\*\*", lambda m: click.style(m.group(1), bold=True, fg="yellow"), text)


def render_hits(hits: list[Hit]) -> str:
    """Hits grouped under their item, in the order of each item's best hit.

    An item whose matching claims are not all shown ends with ``+N more in KEY``.
    """
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.item.key, []).append(hit)
    lines = []
    for n, group in enumerate(groups.values(), start=1):
        item = group[0].item
        where = [printable(item.outlet or "(no outlet)"), item.published or "n.d.", click.style(printable(item.key), fg="cyan")]
        lines.append(f"{n:>2}. " + " · ".join(where) + " · " + click.style(printable(item.title), bold=True))
        for hit in group:
            if hit.claim is None:
                lines.append("    " + styled_highlight(printable(hit.highlight)))
                continue
            at = [f"para. {hit.claim.paragraph}, sentence {hit.claim.sentence}"]
            if hit.claim.event_date:
                at.append(f"event {hit.claim.event_date}")
            if hit.via_title:
                at.append("the headline matched")
            lines.append("    " + click.style(" · ".join(at), dim=True))
            lines.append("      " + styled_highlight(printable(hit.highlight)))
        more = group[0].item_matches - len(group) if group[0].claim is not None else 0
        if more > 0:
            lines.append(f"    +{more} more in {printable(item.key)} (raise -n to see them)")
        if group[0].also_in:
            lines.append(f"    also in {printable(', '.join(group[0].also_in))} (near-duplicate copies)")
    return "\n".join(lines)


def render_citation(citation: Citation) -> str:
    """A citation ready to paste: claim, speaker, source line, pandoc key, note and reference."""
    rows = []
    if citation.claim is not None:
        rows.append(("Claim", styled_highlight(printable(citation.highlight or citation.claim.text))))
        if citation.claim.speaker:
            rows.append(("Speaker", printable(citation.claim.speaker)))
    else:
        rows.append(("Item", printable(citation.item.title)))
    rows += [("Source", printable(citation.source_line)), ("Pandoc", printable(citation.pandoc)),
             (f"Note ({citation.style})", printable(citation.note)), ("Reference", printable(citation.reference))]
    if citation.digest_reference:
        rows.append(("Digest", printable(citation.digest_reference)))
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{click.style(label.ljust(width), bold=True)}  {value}" for label, value in rows)


def describe_edit(edit: Edit) -> str:
    """One correction in words, with its time: ``corrected 2026-…: outlet: Xinhua News Agency → Radio Free Asia (edit)``."""
    where = f"page {edit.document_id} " if edit.document_id is not None else ""
    if edit.field == "removed":
        return f"removed {edit.at}: {where}{edit.old} ({edit.via})"
    if edit.field == "restored":
        return f"ingested again {edit.at}, with its key (it had been removed)"
    if edit.field == "document":
        return f"corrected {edit.at}: no longer read in {edit.old}, which was removed ({edit.via})"
    return f"corrected {edit.at}: {where}{edit.field}: {edit.old or '—'} → {edit.new or '—'} ({edit.via})"


def render_edit(report: EditReport, label: str | None) -> str:
    """What a correction changed or removed, one line each."""
    lines = []
    for change in report.changes:
        where = change.item_key if change.item_key is not None else f"page {change.document_id}"
        lines.append(f"{where}: {change.describe()}")
    if report.document is not None and (report.removed or report.kept or not report.changes) and label is None:
        lines.append(f"removed page {report.document.id}: {report.document.path_or_url}")
    lines.extend(f"removed {key}" for key in report.removed)
    lines.extend(f"kept {key} (another page carries it too)" for key in report.kept)
    if not lines:
        lines.append(f"{label}: nothing changed (it has these values already)")
    return "\n".join(lines)


def render_pages(pages: Sequence[Document]) -> str:
    rows = [(str(d.id), str(d.n_items), d.ingested[:10], d.published or "—", _short(d.publisher or "—", 28),
             d.path_or_url) for d in pages]
    return table(rows, ("page", "items", "ingested", "date", "publisher", "path or URL"))


def render_changes(report: IngestReport) -> str:
    """What ``ingest --update`` changed, one line per value."""
    lines = []
    for page in report.pages:
        for change in page.changes:
            where = change.item_key if change.item_key is not None else f"page {change.document_id}"
            lines.append(f"{page.path_or_url}: {where}: {change.describe()}")
    return "\n".join(lines)


def render_ingest(report: IngestReport) -> str:
    counts = report.counts()
    parts = [
        f"{counts['pages_added']} page(s) added",
        *([f"{counts['pages_updated']} updated"] if counts["pages_updated"] else []),
        f"{counts['pages_unchanged']} unchanged",
        f"{counts['pages_failed']} failed",
        f"{counts['items_added']} new item(s)",
    ]
    if counts["items_linked"]:
        parts.append(f"{counts['items_linked']} already known (linked)")
    if counts["near_duplicates"]:
        parts.append(f"{counts['near_duplicates']} near-duplicate(s)")
    return ", ".join(parts)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def progress_bar(items: Sequence[str], *, label: str, quiet: bool) -> Any:
    """A progress bar on stderr (never stdout: it would corrupt piped JSON)."""
    import io

    return click.progressbar(
        items, label=label, file=sys.stderr if not quiet else io.StringIO(), show_pos=True,
        item_show_func=lambda s: printable((s or "")[-40:]),
    )


def render_explain(reports: list[dict[str, Any]]) -> str:
    """How each page was cut, for a person checking the splitter."""
    out: list[str] = []
    for report in reports:
        if report["error"]:
            out.append(f"Error: {printable(report['error'])}")
            continue
        unit = report["unit"]
        out.append(click.style(printable(report["path_or_url"]), bold=True)
                   + f" ({report['format']}): {len(report['items'])} item(s), record shape: {report['shape']}")
        page = report["page"]
        known = [f"{k} {printable(repr(v))}" for k, v in page.items() if v and k != "is_article"]
        if known or page.get("is_article"):
            out.append("  page says: " + ", ".join(known + (["it is an article"] if page.get("is_article") else [])))
        if report["title"]:
            out.append(f"  page title: {printable(report['title'])}")
        for item in report["items"]:
            span = f"{unit}s {item['from']}-{item['to']}" if item["to"] != item["from"] else f"{unit} {item['from']}"
            title = item["title"] + (" (first sentence: no headline)" if item["title_from_text"] else "")
            out.append(f"  {item['position']:>3}. {span}: {printable(_short(title, 80))}")
            outlet = printable(item["outlet"] or "no outlet")
            if item["outlet_as_printed"] and item["outlet_as_printed"] != item["outlet"]:
                outlet += f" (printed {printable(repr(item['outlet_as_printed']))})"
            if item["outlet_origin"]:
                outlet += f" from {item['outlet_origin']}"
            date = item["published"] or f"no date: {printable(str(item['published_reason']))}"
            if item["published_origin"]:
                date += f" from {item['published_origin']}"
            out.append(f"       outlet: {outlet}; date: {date}")
            if item["credited"]:
                out.append(f"       also credits: {printable(', '.join(item['credited']))}")
        if report["dropped"]:
            out.append(f"  dropped ({len(report['dropped'])}):")
            for dropped in report["dropped"][:40]:
                out.append(f"     {unit} {dropped['at']}: {printable(_short(dropped['text'], 70))} [{dropped['why']}]")
            if len(report["dropped"]) > 40:
                out.append(f"     … and {len(report['dropped']) - 40} more")
        for warning in report["warnings"]:
            out.append(f"  note: {printable(warning)}")
    return "\n".join(out)
