"""Printing: one JSON value on stdout, or short aligned text for a person; notes on stderr."""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from digestcite.bib.cite import Citation
    from digestcite.corpus.models import IngestReport, Item
    from digestcite.index.search import Hit


def emit(data: Any, *, as_json: bool) -> None:
    """Print the answer: JSON (exactly one value and a newline) or text as given."""
    if as_json:
        import json

        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif data:
        click.echo(data)


def note(message: str, *, quiet: bool = False) -> None:
    """A note for the person at the terminal, on stderr."""
    if not quiet:
        click.echo(message, err=True)


def table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """Columns aligned to their widest cell; the last column is left to run."""
    if not rows:
        return ""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers) - 1)]
    lines = []
    for n, row in enumerate([headers, *rows]):
        cells = [str(c).ljust(w) for c, w in zip(row[:-1], widths, strict=True)] + [str(row[-1])]
        line = "  ".join(cells).rstrip()
        lines.append(click.style(line, bold=True) if n == 0 else line)
    return "\n".join(lines)


def render_items(items: Iterable[Item]) -> str:
    rows = [(i.published or "—", i.key, _short(i.outlet or "(no outlet)", 28), _short(i.title, 70)) for i in items]
    return table(rows, ("published", "key", "outlet", "title"))


def render_item(item: Item) -> str:
    """One item for reading: headline, source, provenance, then the claims by paragraph."""
    out = [click.style(item.title, bold=True)]
    source = item.outlet or "(no outlet)"
    if item.outlet_as_printed and item.outlet_as_printed != item.outlet:
        source += f" (printed as {item.outlet_as_printed})"
    if item.outlet_label:
        source += f" · {item.outlet_label}"
    date = item.published or f"no date ({item.published_reason or 'unknown'})"
    out.append(f"{source} · {date} · key {click.style(item.key, fg='cyan')}")
    found = []
    if item.outlet_origin:
        found.append(f"outlet from {item.outlet_origin}")
    if item.published_origin:
        found.append(f"date from {item.published_origin}")
    if item.attribution:
        found.append(f"as printed: {_short(item.attribution, 80)}")
    if found:
        out.append(click.style("; ".join(found), dim=True))
    if item.author:
        out.append(f"by {item.author}")
    if item.credited:
        out.append("also credits: " + ", ".join(item.credited))
    for document in item.documents:
        via = f"via {document.path_or_url}"
        if document.publisher:
            via += f" ({document.publisher})"
        out.append(f"{via}, ingested {document.ingested}")
    if item.tags:
        out.append("tags: " + ", ".join(item.tags))
    if item.near_duplicates:
        out.append("near-duplicates: " + ", ".join(item.near_duplicates))
    current = 0
    for claim in item.claims:
        if claim.paragraph != current:
            current = claim.paragraph
            out.append("")
            out.append(click.style(f"para. {current}", fg="yellow"))
        facts = [claim.kind]
        if claim.speaker:
            facts.append(f"speaker: {claim.speaker}")
        if claim.credited and claim.credited != claim.speaker:
            facts.append(f"credited: {claim.credited}")
        if claim.event_date:
            facts.append(f"event: {claim.event_date}")
        if claim.numbers:
            facts.append("numbers: " + ", ".join(str(n["value"]) + (f" {n['unit']}" if n["unit"] else "") for n in claim.numbers))
        wrapped = textwrap.fill(claim.text, width=88, initial_indent=f"  {claim.sentence:>2}. ", subsequent_indent="      ")
        out.append(wrapped)
        out.append(click.style("      [" + "; ".join(facts) + "]", dim=True))
    if item.captions:
        out.append("")
        out.append("captions (not claims): " + " | ".join(item.captions))
    return "\n".join(out)


def styled_highlight(text: str) -> str:
    """``**word**`` markers as bold yellow (click drops the colour when piped)."""
    return re.sub(r"\*\*(.+?)\*\*", lambda m: click.style(m.group(1), bold=True, fg="yellow"), text)


def render_hits(hits: list[Hit]) -> str:
    lines = []
    for n, hit in enumerate(hits, start=1):
        where = [hit.item.outlet or "(no outlet)", hit.item.published or "n.d.", click.style(hit.item.key, fg="cyan")]
        if hit.claim is not None:
            where.append(f"para. {hit.claim.paragraph}, sentence {hit.claim.sentence}")
            if hit.claim.event_date:
                where.append(f"event {hit.claim.event_date}")
        lines.append(f"{n:>2}. " + " · ".join(where))
        if hit.claim is None:
            lines.append("    " + click.style(hit.item.title, bold=True))
        lines.append("    " + styled_highlight(hit.highlight))
    return "\n".join(lines)


def render_citation(citation: Citation) -> str:
    """A citation ready to paste: claim, speaker, source line, pandoc key, note and reference."""
    rows = []
    if citation.claim is not None:
        rows.append(("Claim", styled_highlight(citation.highlight or citation.claim.text)))
        if citation.claim.speaker:
            rows.append(("Speaker", citation.claim.speaker))
    else:
        rows.append(("Item", citation.item.title))
    rows += [("Source", citation.source_line), ("Pandoc", citation.pandoc),
             (f"Note ({citation.style})", citation.note), ("Reference", citation.reference)]
    if citation.digest_reference:
        rows.append(("Digest", citation.digest_reference))
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{click.style(label.ljust(width), bold=True)}  {value}" for label, value in rows)


def render_ingest(report: IngestReport) -> str:
    counts = report.counts()
    parts = [
        f"{counts['pages_added']} page(s) added",
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
        item_show_func=lambda s: (s or "")[-40:],
    )


def render_explain(reports: list[dict[str, Any]]) -> str:
    """How each page was cut, for a person checking the splitter."""
    out: list[str] = []
    for report in reports:
        if report["error"]:
            out.append(f"Error: {report['error']}")
            continue
        unit = report["unit"]
        out.append(click.style(f"{report['path_or_url']}", bold=True)
                   + f" ({report['format']}): {len(report['items'])} item(s), record shape: {report['shape']}")
        page = report["page"]
        known = [f"{k} {v!r}" for k, v in page.items() if v and k != "is_article"]
        if known or page.get("is_article"):
            out.append("  page says: " + ", ".join(known + (["it is an article"] if page.get("is_article") else [])))
        if report["title"]:
            out.append(f"  page title: {report['title']}")
        for item in report["items"]:
            span = f"{unit}s {item['from']}-{item['to']}" if item["to"] != item["from"] else f"{unit} {item['from']}"
            title = item["title"] + (" (first sentence: no headline)" if item["title_from_text"] else "")
            out.append(f"  {item['position']:>3}. {span}: {_short(title, 80)}")
            outlet = item["outlet"] or "no outlet"
            if item["outlet_as_printed"] and item["outlet_as_printed"] != item["outlet"]:
                outlet += f" (printed {item['outlet_as_printed']!r})"
            if item["outlet_origin"]:
                outlet += f" from {item['outlet_origin']}"
            date = item["published"] or f"no date: {item['published_reason']}"
            if item["published_origin"]:
                date += f" from {item['published_origin']}"
            out.append(f"       outlet: {outlet}; date: {date}")
            if item["credited"]:
                out.append(f"       also credits: {', '.join(item['credited'])}")
        if report["dropped"]:
            out.append(f"  dropped ({len(report['dropped'])}):")
            for dropped in report["dropped"][:40]:
                out.append(f"     {unit} {dropped['at']}: {_short(dropped['text'], 70)} [{dropped['why']}]")
            if len(report["dropped"]) > 40:
                out.append(f"     … and {len(report['dropped']) - 40} more")
        for warning in report["warnings"]:
            out.append(f"  note: {warning}")
    return "\n".join(out)
