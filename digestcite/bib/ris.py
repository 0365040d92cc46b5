"""CSL-JSON records into RIS (for Zotero, EndNote, Mendeley).

NOTE: RIS is line-based: a newline inside a field would start a forged tag line, so every
value is folded onto one line here. citation-js reads only ``PY`` for the date of a NEWS
record, so ``PY`` carries the full date as well as ``DA`` (DEPENDENCIES.md). Zotero's RIS
importer ignores ``ID`` and puts ``M2`` in Extra, so the citation key also goes there as
``Citation Key: KEY``, the Extra line Zotero and Better BibTeX take for an item's key
(tests/data/golden/zotero-ris.json). A digest is an ``ELEC`` record; an item read through it
names it in ``N1``.
"""

from __future__ import annotations

import re
from typing import Any

CITATION_KEY_LABEL = "Citation Key"
_TYPES = {"article-newspaper": "NEWS", "webpage": "ELEC", "article": "GEN", "report": "RPRT", "document": "GEN"}
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")


def ris_value(text: str) -> str:
    """One-line RIS value: line breaks and control characters become spaces."""
    return " ".join(_BREAKS.sub(" ", text).split())


def _ris_date(record: dict[str, Any], field: str) -> str | None:
    parts = record.get(field, {}).get("date-parts", [[]])
    if not parts or not parts[0]:
        return None
    values = [int(p) for p in parts[0]]
    # RIS dates are YYYY/MM/DD/other-info: the trailing slash is what citation-js needs to read
    # the month and day (otherwise it keeps the date as raw text).
    return "/".join([str(values[0]), *(f"{v:02d}" for v in values[1:])]) + "/"


def to_ris(records: list[dict[str, Any]]) -> str:
    """Write records as RIS text (CRLF-free, UTF-8)."""
    lines: list[str] = []
    for record in records:
        def tag(name: str, value: str | None) -> None:
            if value:
                lines.append(f"{name}  - {ris_value(value)}")

        tag("TY", _TYPES.get(record.get("type", ""), "GEN"))
        tag("ID", record["id"])
        for author in record.get("author") or []:
            tag("AU", author.get("literal") or ", ".join(author[k] for k in ("family", "given") if author.get(k)))
        tag("TI", record.get("title"))
        tag("T2", record.get("container-title"))
        tag("PB", record.get("publisher"))
        issued = _ris_date(record, "issued")
        if issued:
            tag("PY", issued)
            tag("DA", issued)
        tag("UR", record.get("URL"))
        tag("Y2", _ris_date(record, "accessed"))
        tag("LA", record.get("language"))
        tag("N1", record.get("note"))
        tag("M2", f"{CITATION_KEY_LABEL}: {record['id']}")
        lines.append("ER  - ")
        lines.append("")
    return "\n".join(lines)
