"""Blocks: a page's structure as the readers find it, which the splitter reads.

A block is a heading (with its level), a paragraph, a list item (numbered or not), a table
row (its cells), a rule, a caption or a quotation, with its bold or italic lead-in, its
emphasised ending and its links. Plain text (and PDF text, and e-mail) becomes blocks here,
from blank lines, bullets, numbering, underlines, ``>`` quoting and hard-wrapped lines.
"""

from __future__ import annotations

import quopri
import re
from collections import Counter
from dataclasses import dataclass, replace

from digestcite.corpus.lines import CLOCK_HINT, MESSAGE_HEAD, SOURCE_LABELS


@dataclass(frozen=True, slots=True)
class Link:
    """A link inside a block: its text and address."""

    text: str
    url: str


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of a page."""

    kind: str
    text: str
    line: int = 0
    level: int = 0
    number: int | None = None
    lead: str | None = None
    tail: str | None = None
    links: tuple[Link, ...] = ()
    cells: tuple[str, ...] = ()
    head: bool = False
    quoted: int = 0
    notes: tuple[str, ...] = ()  # the text of each footnote or endnote the block refers to
    after_blank: bool = False  # (plain text) a blank line stands before it: it is apart from what is above
    page_start: bool = False  # (PDF) the first block of a page


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself: meta tags, JSON-LD, an e-mail's headers, a title page."""

    title: str | None = None
    site_name: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    lang: str | None = None
    is_article: bool = False
    sender: str | None = None


# --- plain text --------------------------------------------------------------------------

_BULLET_MARKS = "-*•·▪◦‣●○■□◆◇►▶➤✓✔–"  # what a bullet may be (the en dash too)
_BULLET = re.compile(r"^[" + re.escape(_BULLET_MARKS) + r"]\s+(?P<rest>\S.*)$")
# "1. ", "(1) ", "一、", and "1、" as Chinese pages number with Arabic figures
_NUMBERED = re.compile(r"^(?:(?:(?P<n>\d{1,3})[.)]|\((?P<p>\d{1,3})\))\s+|(?P<c>[一二三四五六七八九十]{1,3})[、．]\s*"
                       # "1、", and the keycap "1️⃣" and circled "①" of chat posts
                       r"|(?P<w>\d{1,3})[、．]\s*|(?P<k>\d{1,2})\ufe0f?\u20e3\s*|(?P<o>[\u2460-\u2473])\s*)(?P<rest>\S.*)$")
_MARKER_FIRST = frozenset(_BULLET_MARKS + "(")
_MARKER_GAP = re.compile(r"^ *(?:[" + re.escape(_BULLET_MARKS) + r"]|\d{1,3}[.)]|\(\d{1,3}\)) +(?=\S)")
_ATX = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<rest>\S.*?)\s*#*$")
_UNDERLINE = re.compile(r"^(?:={3,}|-{3,}|~{3,}|[―─━＝－]{3,})$")
_RULE = re.compile(r"^(?:[-*_=~#•·─━═—–│┄┈―＝－]\s*){3,}$")
_QUOTE = re.compile(r"^((?:>\s?)+)")
# A line that stands on its own in a hard-wrapped page: it never joins the paragraph above.
_STANDALONE = re.compile(
    r"^(?:(?:" + SOURCE_LABELS + r"|published|updated|posted|date|reporter|editor|media|tabled by|submitted by|"
    r"filed by|author|byline|编辑|編輯|责任编辑|責任編輯|记者|記者)\s*[:：]"
    r"|\s*(?:作者|發信人|发信人|看板|信區|信区|標題|标题|時間|时间|發信站|发信站)[\s:：]"  # a forum post's header lines
    r"|(?:message|subject|to|cc|message-id|content-type|reply-to|in-reply-to|references|sender):\s"  # a mail's
    r"|via\s.{2,60}?(?:[:：]|\s[—–-]\s)|(?:originally published|first (?:appeared|published)|republished|reprinted)\b"
    r"|(?:published|updated|posted)\s+(?:on\s+)?\S{0,12}\d|原标题|原標題|转载自|轉載自|本文转|本文轉|by\s.{2,60}\|"
    r"|[(（\[【［〔][^)）\]】］〕]{2,80}[)）\]】］〕][.。]?$|[—–]\s*\S|\S.{0,60}\s[|·•]\s.{1,80}$|https?://\S+$|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?$)",
    re.I,
)
_SENTENCE_END = (".", "!", "?", "”", '"', ":", "。", "！", "？", ")", "）", "」", "』", "’")
_CJK = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")


def text_blocks(text: str, *, wrapped: bool | None = None) -> list[Block]:
    """Plain text into blocks.

    :param wrapped: whether lines are hard-wrapped (``None``: tell from the text). Wrapped
        lines are joined into paragraphs; a line that is an attribution, a bullet or a
        numbered entry always starts a block of its own.
    """
    text = _maybe_quoted_printable(text.replace("\r\n", "\n").replace("\r", "\n"))
    raw_lines, numbers = _margin_notes(text.split("\n"))
    messages = _chat_lines(raw_lines)
    tables: dict[int, tuple[int, list[tuple[int, list[str], bool]]]] = {}
    if not messages:
        ruled = _tab_tables(raw_lines) + _ruled_tables(raw_lines) + _record_exports(raw_lines)
        covered = {i for start, end, _ in ruled for i in range(start, end)}
        tables = {start: (end, rows) for start, end, rows in ruled}
        tables.update({start: (end, rows) for start, end, rows in _fixed_width_tables(raw_lines)
                       if not covered.intersection(range(start, end))})
    lines: list[tuple[int, str, int]] = []  # (line number, text, quote depth)
    indents: list[int] = []
    columns: list[int] = []  # where a bullet's or number's text starts on its line
    hangs: list[bool] = []  # the line is a bullet's or number's, or goes on under its text
    tables = {start: (end, [(numbers[row_line - 1], cells, head) for row_line, cells, head in rows])
              for start, (end, rows) in tables.items()}
    for number, raw in zip(numbers, raw_lines, strict=True):
        depth = 0
        quote = _QUOTE.match(raw.lstrip())
        if quote:
            depth = quote.group(1).count(">")
            raw = raw.lstrip()[quote.end():]
        indents.append(len(raw.expandtabs(8)) - len(raw.expandtabs(8).lstrip(" ")))
        first = raw.lstrip()[:1]
        marker = _MARKER_GAP.match(raw.expandtabs(8)) if first and (first in _MARKER_FIRST or first.isdigit()) else None
        columns.append(marker.end() if marker else indents[-1])
        hangs.append(marker is not None)
        lines.append((number, " ".join(raw.replace("\u00a0", " ").replace("\u3000", " ").split()), depth))
    if wrapped is None:
        # (a chat's messages are typed, not wrapped: their lines are not joined)
        wrapped = _is_wrapped([t for _, t, _ in lines]) and sum(
            1 for _, t, _ in lines if len(t) <= 60 and CLOCK_HINT.search(t) and MESSAGE_HEAD.match(t)) < 3
    fill = _width([t for _, t, _ in lines])
    width = fill if wrapped else 0
    blocks: list[Block] = []
    buffer: list[tuple[int, str]] = []
    buffer_kind: tuple[str, int | None, int] = ("para", None, 0)
    item_end = 0  # (unwrapped text) the line an item last read

    def flush() -> None:
        nonlocal buffer
        if buffer:
            kind, number, depth = buffer_kind
            joined = _join([t for _, t in buffer])
            blocks.append(Block(kind, joined, buffer[0][0], number=number, quoted=depth))
        buffer = []

    index = 0
    while index < len(lines):
        if index in tables:
            flush()
            end, rows = tables[index]
            for row_line, cells, head in rows:
                blocks.append(Block("row", " | ".join(c for c in cells if c), row_line, cells=tuple(cells), head=head))
            index = end
            continue
        number, line, depth = lines[index]
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        if not line:
            flush()
            index += 1
            continue
        if index in messages:
            flush()
            message_head, said = messages[index]
            if message_head:
                blocks.append(Block("rule", message_head, number))  # a message's head starts a post, as a rule would
            blocks.append(Block("para", said, number))
            index += 1
            continue
        # NOTE (heldout3 BBS posts): a rule under the last line of a block of lines (a post's
        # header box) is a rule; an underline is under a line that stands alone (or boxed
        # between rules), or matches its width
        before = lines[index - 1][1] if index else ""
        alone = not before or bool(_UNDERLINE.match(before) or _RULE.match(before)) or abs(_cols(following) - _cols(line)) <= 2
        if _UNDERLINE.match(following) and not _RULE.match(line) and len(line) <= 120 and alone:
            flush()
            blocks.append(Block("heading", line, number, level=1 if following.startswith(("=", "＝")) else 2, quoted=depth))
            index += 2
            continue
        if _RULE.match(line):
            flush()
            blocks.append(Block("rule", "", number, quoted=depth))
            index += 1
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            blocks.append(Block("heading", atx.group("rest"), number, level=len(atx.group("hashes")), quoted=depth))
            index += 1
            continue
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line) if bullet is None else None
        continues = wrapped and buffer and _cols(buffer[-1][1]) >= 0.75 * width and not buffer[-1][1].endswith(_SENTENCE_END)
        if (bullet or numbered) and not continues:
            flush()
            rest = (bullet or numbered).group("rest")  # type: ignore[union-attr]
            ordinal = None
            if numbered:
                digits = numbered.group("n") or numbered.group("p") or numbered.group("w") or numbered.group("k") \
                    or (str(ord(numbered.group("o")) - 0x245F) if numbered.group("o") else None)
                ordinal = int(digits) if digits else _chinese_number(numbered.group("c"))
            buffer_kind = ("item", ordinal, depth)
            buffer = [(number, rest)]
            if not wrapped:
                flush()
                item_end = number
            index += 1
            continue
        previous = lines[index - 1] if index else None
        # (the line above runs to the margin; a short line with more of the same below stands
        # alone: a credit line under the bullet's headline, "  Rzeczpospolita, 1 grudnia 2025 r.", or a field of a record)
        hanging = index and hangs[index - 1] and indents[index] == columns[index - 1] and previous is not None \
            and previous[2] == depth and not _STANDALONE.match(line) and not _is_date_line(line) \
            and _cols(previous[1]) >= 0.75 * fill and (_cols(line) >= 0.6 * fill or not following or indents[index + 1] != indents[index])
        if hanging and buffer and buffer_kind[0] == "item" and buffer[-1][0] == previous[0]:  # type: ignore[index]
            # NOTE (heldout7 morning notes as PDF): "  *  Official PMI edges up…" / "     reading
            # rose from…": a line under a bullet, indented to the bullet's text, goes on with it
            buffer.append((number, line))
            columns[index], hangs[index] = columns[index - 1], True
            index += 1
            continue
        if hanging and not buffer and blocks and blocks[-1].kind == "item" and previous is not None \
                and previous[0] == item_end:
            blocks[-1] = replace(blocks[-1], text=_join([blocks[-1].text, line]))
            columns[index], hangs[index] = columns[index - 1], True
            item_end = number
            index += 1
            continue
        if not buffer and blocks and previous is not None and previous[1] and blocks[-1].line == previous[0] \
                and blocks[-1].kind == "para" and previous[1].rstrip().endswith((",", "，", ";")) and line[:1].islower() \
                and indents[index] >= indents[index - 1] and previous[2] == depth:
            # NOTE (heldout4 quote letters): "— Liu Pengyu, spokesman …," / "in a statement to
            # Reuters, 26 November": a line that stood alone goes on in the indented line below
            blocks[-1] = replace(blocks[-1], text=blocks[-1].text + " " + line)
            index += 1
            continue
        if not wrapped or _STANDALONE.match(line) or _is_date_line(line) or is_capitals(line):
            flush()
            buffer_kind = ("para", None, depth)
            buffer = [(number, line)]
            flush()
            index += 1
            continue
        if buffer and (buffer_kind[2] != depth or abs(indents[index] - indents[index - 1]) >= 2):
            flush()  # a change of quoting or of indentation starts a new paragraph
        if not buffer:
            buffer_kind = ("para", None, depth)
        buffer.append((number, line))
        # NOTE: in a hard-wrapped page a short line ends its paragraph (seed-like e-mail
        # digests); so does a line that ends a sentence when the next one starts a heading.
        # A paragraph's first line fills the width: one that stops short of it without a full
        # stop, over a line that starts with a capital, is a headline on its own line (heldout5
        # market bulletins as PDF: "Pequim amplia isenção de vistos…" ran into its text).
        if _cols(line) < 0.6 * width or (
                len(buffer) == 1 and _cols(line) < 0.75 * width and not line.endswith(_SENTENCE_END)
                and following[:1].isupper() and not line.endswith((",", ";", ":", "-", "–", "—"))):
            flush()
        index += 1
    flush()
    page = text.split("\n")
    return [replace(b, after_blank=True) if 2 <= b.line <= len(page) + 1 and not page[b.line - 2].strip(" >\t") else b
            for b in blocks]


_MARGIN_LINE = re.compile(r"^(?P<note>\S(?:.*?\S)?)(?P<gap>\s{3,})(?P<text>\S.*)$")


def _margin_notes(raw: list[str]) -> tuple[list[str], list[int]]:
    """Notes in a left margin beside the text they belong to, on a page laid out in two
    columns: each note goes on a line of its own above its paragraph, and the text is moved to
    the left edge. Returns the lines and, for each, the page's line number it came from.

    NOTE (heldout8 congressional digest): "Nov. 24       The Chinese arm of Dutch chipmaker" /
    "Reuters       customers in a letter…" / "              Dongguan packaging plant…": the
    date and outlet of each report stand in the margin; read as text, they ran into it.
    """
    column: Counter[int] = Counter()
    for line in raw:
        if "   " not in line and "\t" not in line:
            continue
        match = _MARGIN_LINE.match(line.expandtabs(8))
        if match and len(match.group("note")) <= 24 and len(match.group("text")) >= 30:
            column[match.start("text")] += 1
    unchanged = (raw, list(range(1, len(raw) + 1)))
    if not column:
        return unchanged
    start, beside = column.most_common(1)[0]
    indented = sum(1 for line in raw if len(line) - len(line.lstrip(" ")) == start and len(line.strip()) >= 30)
    if beside < 3 or not 8 <= start <= 30 or not indented:
        return unchanged
    if _ruled_tables(raw) or _tab_tables(raw):
        return unchanged  # (the columns of a table under its ruler: "05-MAR-25 Ming Pao       Estate repairs…")
    out: list[str] = []
    numbers: list[int] = []
    notes: list[str] = []  # the margin's lines beside the paragraph being read
    note_at: int | None = None  # where the note's line stands in ``out``
    for number, line in enumerate(raw, start=1):
        expanded = line.expandtabs(8)
        match = _MARGIN_LINE.match(expanded)
        if match and match.start("text") == start and len(match.group("note")) <= 24:
            notes.append(match.group("note"))
            if note_at is None:
                added = ([""] if out and out[-1].strip() else []) + [match.group("note"), ""]  # the note first, apart
                out.extend(added)
                numbers.extend([number] * len(added))
                note_at = len(out) - 2
            else:
                out[note_at] = " ".join(notes)  # a note over two margin lines ("Wall Street" / "Journal") is one
            out.append(match.group("text"))
        elif expanded.startswith(" " * start) and expanded.strip():
            out.append(expanded[start:])
        else:
            notes, note_at = [], None  # a blank line or a line at the edge ends the paragraph
            out.append(line)
        numbers.append(number)
    return out, numbers


def is_capitals(line: str, *, words: int = 3, letters: int = 12) -> bool:
    """A headline set in capitals on its own line of a wrapped page ("FITCH DECLARES …"); with
    fewer ``words`` and ``letters``, any line in capitals ("2  MANUFACTURING")."""
    alpha = [c for c in line if c.isalpha()]
    return len(line.split()) >= words and len(alpha) >= letters and sum(c.isupper() for c in alpha) >= 0.9 * len(alpha)


# A line of a name's fields ending with a date, in capitals but for small words: a source line
# ("Science and Technology Daily, Beijing, in Chinese 30 Nov 25"), never wrapped prose
_FIELDS_THEN_DATE = re.compile(r"^[A-Z][^.!?;:]{1,70},\s[^.!?;:]{0,50}?\b\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{2,4}$")
_SMALL_WORDS = frozenset(["and", "of", "the", "in", "for", "on", "de", "du", "la", "le", "des", "der", "die", "und", "y", "e"])


def _is_date_line(line: str) -> bool:
    if line[-1:].isdigit() and "," in line and _FIELDS_THEN_DATE.match(line) \
            and all(w in _SMALL_WORDS for w in re.findall(r"\b[a-z][a-z]+\b", line)):
        return True  # (read as a date line: it stands alone)
    if len(line) > 40 or not any(c.isdigit() for c in line):
        return False
    from digestcite.corpus.dates import parse_date
    from digestcite.errors import ParseError

    try:
        parse_date(line)
    except ParseError:
        return False
    return True


_GAP = re.compile(r"\S+(?: \S+)*")  # a field: text with at most single spaces inside
_TABLE_RULE = re.compile(r"^[\s\-=+|_]{8,}$")


def _fields(line: str) -> list[tuple[int, str]]:
    """The fields of a fixed-width line: ``(column, text)`` for each run split by 2+ spaces."""
    return [(m.start(), m.group(0)) for m in _GAP.finditer(line.expandtabs(8))]


_RULER = re.compile(r"^\s*-{2,}(?:[ \t]+-{2,}){2,}\s*$")


def _tab_tables(raw: list[str]) -> list[tuple[int, int, list[tuple[int, list[str], bool]]]]:
    """Tables whose cells are parted by tabs (a spreadsheet's rows pasted or saved as text): three
    or more lines running together with the same number of tabs, two or more. The first row is
    the header when none of its cells holds a figure and the rows below do. Returns ``(first
    line index, end index, rows)``, as _fixed_width_tables does.

    NOTE (heldout10 clipping logs): "2025-11-05<TAB>Reuters<TAB>China bans…<TAB>New data-centre
    projects…": each row one clipping; read as lines of text, the log was one item.
    """
    tables = []
    index = 0
    while index < len(raw):
        tabs = raw[index].count("\t")
        end = index
        while end < len(raw) and tabs >= 2 and raw[end].count("\t") == tabs and raw[end].strip():
            end += 1
        if end - index < 3:
            index = max(end, index + 1)
            continue
        rows = [(n + 1, [c.strip() for c in raw[n].split("\t")], False) for n in range(index, end)]
        first = rows[0][1]
        if not any(re.search(r"\d", c) for c in first) and sum(1 for _, cells, _ in rows[1:] if any(re.search(r"\d", c) for c in cells)) \
                >= (len(rows) - 1) / 2:
            rows[0] = (rows[0][0], first, True)
        tables.append((index, end, rows))
        index = end
    return tables


def _ruled_tables(raw: list[str]) -> list[tuple[int, int, list[tuple[int, list[str], bool]]]]:
    """Fixed-width tables whose header is underlined column by column (``-----  ------  ----``):
    each dash run gives a column, and every line under it is cut where the columns start, however
    close its cells come (``… goal of about NEA``). A line with an empty first column goes on with
    the row above it; lines in the first column alone (``FIRST QUARTER``) stand between rows; the
    header and its ruler may come again on the next page. Returns ``(first line index, end
    index, rows)``, as _fixed_width_tables does.

    NOTE (heldout4 newsletter archive, as PDF): cells one space apart made rows of running text,
    and the index lost five of its twelve entries.
    """
    tables = []
    index = 1
    while index < len(raw):
        if not _RULER.match(raw[index].expandtabs(8)) or not raw[index - 1].strip():
            index += 1
            continue
        ruler = raw[index].expandtabs(8)
        starts = [m.start() for m in re.finditer(r"-{2,}", ruler)]
        header_text = raw[index - 1]

        rows: list[tuple[int, list[str], bool]] = [(index, _cut_at(header_text, starts), True)]
        end = index + 1
        used = end  # just past the last line the table took
        strays = 0
        spaced = 0  # rows that stand after a blank line
        while end < len(raw) and strays < 2:
            line = raw[end]
            if not line.strip() or line == header_text or _RULER.match(line.expandtabs(8)):
                end += 1
                continue
            cells = _cut_at(line, starts)
            filled = sum(1 for c in cells if c)
            spread = line.expandtabs(8)
            blank = not raw[end - 1].strip()
            # (where each row stands after a blank line, one with its first cell empty is a row
            # too: a clipping with no date, "          SCMP                 Liaison office…")
            empty_first = not cells[0] and len(cells) >= 3 and cells[1] and blank and spaced >= 2 and spaced >= len(rows) - 2
            if any(0 < start < len(spread) and spread[start - 1].isalnum() and spread[start].isalnum() for start in starts):
                strays += 1  # running text across the columns ("(continued overleaf)", a note under the table)
            elif (cells[0] or empty_first) and filled >= 3:
                rows.append((end + 1, cells, False))
                spaced += int(blank)
                strays, used = 0, end + 1
            elif not cells[0] and filled and len(rows) > 1 and not line.expandtabs(8)[: starts[1]].strip():
                last_line, previous, head = rows[-1]
                rows[-1] = (last_line, [_join([a, b]) if a and b else a or b for a, b in zip(previous, cells, strict=True)], head)
                used = end + 1
            elif filled == 1 and cells[0]:
                strays = 0  # a section line in the first column: the table goes on
            else:
                strays += 1  # a page's furniture; two such lines end the table
            end += 1
        data = rows if sum(1 for r in rows if not r[2]) >= 2 else []
        if data:
            tables.append((index - 1, used, data))  # (what follows the last row is not the table's)
            index = used
        else:
            index += 1
    return tables


_HEADER_NAME = re.compile(r"^[^\W\d][\w .-]{0,29}$")


def _record_exports(raw: list[str]) -> list[tuple[int, int, list[tuple[int, list[str], bool]]]]:
    """An app's export of saved articles as CSV (a header line of field names, then one
    record a line) or as JSON lines (one object a line): a table whose columns are its fields.

    NOTE (heldout7 aggregator exports): each record was read as a line of text; the columns
    named source and published_at were never read as the record's outlet and date.
    """
    import csv
    import json

    tables = []
    index = 0
    while index < len(raw):
        line = raw[index].strip()
        if line.startswith("{"):
            end, objects = index, []
            while end < len(raw) and raw[end].strip().startswith("{"):
                try:
                    record = json.loads(raw[end])
                except ValueError:
                    break
                if not isinstance(record, dict):
                    break
                objects.append((end + 1, record))
                end += 1
            if len(objects) >= 2:
                keys = list(dict.fromkeys(k for _, r in objects for k in r))
                rows = [(objects[0][0], [str(k) for k in keys], True)]
                rows += [(n, [_cell(r.get(k)) for k in keys], False) for n, r in objects]
                tables.append((index, end, rows))
                index = end
                continue
        if line.count(",") >= 2 and not line.startswith(("#", "//")):
            header = next(csv.reader([line]))
            if len(header) >= 3 and all(_HEADER_NAME.match(h.strip()) for h in header):
                end, rows = index + 1, [(index + 1, [h.strip() for h in header], True)]
                while end < len(raw) and raw[end].strip():
                    cells = next(csv.reader([raw[end]]), [])
                    if len(cells) != len(header):
                        break
                    rows.append((end + 1, [c.strip() for c in cells], False))
                    end += 1
                if len(rows) >= 3:
                    tables.append((index, end, rows))
                    index = end
                    continue
        index += 1
    return tables


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())


def _cut_at(line: str, starts: list[int]) -> list[str]:
    """A fixed-width line's cells, cut where its table's columns start."""
    line = line.expandtabs(8)
    cells = [line[start: (starts[k + 1] if k + 1 < len(starts) else None)].strip() for k, start in enumerate(starts)]
    if starts[0] > 0 and line[: starts[0]].strip():
        cells[0] = f"{line[: starts[0]].strip()} {cells[0]}".strip()
    return cells


def _fixed_width_tables(raw: list[str]) -> list[tuple[int, int, list[tuple[int, list[str], bool]]]]:
    """Fixed-width tables in plain text (a PDF's text layer, an e-mail): runs of lines whose
    fields line up in three or more columns. A line whose first column is empty continues the
    row above it, cell by cell. Returns ``(first line index, end index, rows)``."""
    tables = []
    index = 0
    while index < len(raw):
        fields = _fields(raw[index])
        if len(fields) < 3 or len(raw[index]) < 30:
            index += 1
            continue
        columns = [c for c, _ in fields]
        end = index
        rows: list[tuple[int, list[str], bool]] = []
        while end < len(raw):
            line = raw[end]
            if not line.strip():
                end += 1
                if end < len(raw) and not _fields(raw[end]):
                    break
                continue
            if _TABLE_RULE.match(line):
                end += 1
                continue
            here = _fields(line)
            starts = [c for c, _ in here]
            aligned = sum(1 for c in starts if any(abs(c - k) <= 1 for k in columns))
            if aligned < max(1, len(here) - 0) or (starts and starts[0] > columns[0] + 1 and not rows):
                break
            cells = [""] * len(columns)
            for column, text in here:
                slot = min(range(len(columns)), key=lambda k: abs(columns[k] - column))
                cells[slot] = f"{cells[slot]} {text}".strip()
            if starts and abs(starts[0] - columns[0]) > 1 and rows:
                _, previous, head = rows[-1]
                rows[-1] = (rows[-1][0], [_join([a, b]) if a and b else a or b for a, b in zip(previous, cells, strict=True)], head)
            elif len(here) >= max(3, (len(columns) + 1) // 2):
                rows.append((end + 1, cells, False))
            else:
                break  # a line of running text under the table
            end += 1
        data = [r for r in rows if any(r[1])]
        if len(data) >= 3:
            first = data[0]
            header = not any(ch.isdigit() for ch in "".join(first[1])) and all(len(c) <= 24 for c in first[1])
            data[0] = (first[0], first[1], header)
            tables.append((index, end, data))
            index = end
        else:
            index += 1
    return tables


def _join(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].islower() \
                and "-" in out.rsplit(None, 1)[-1][:-1]:
            out += part  # a compound broken at its own hyphen: "ultra-high-" / "voltage"
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].islower():
            out = out[:-1] + part  # a word hyphenated at the line end
        elif _CJK.match(out[-1:]) and _CJK.match(part[:1]):
            out += part  # Chinese is wrapped without a space
        else:
            out += " " + part
    return out


def _cols(text: str) -> int:
    """Columns a line takes on a fixed-width page: Chinese, Japanese and Korean characters take two."""
    return len(text) + len(_CJK.findall(text))


def _width(lines: list[str]) -> int:
    lengths = sorted(_cols(t) for t in lines if t)
    return lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))] if lengths else 0


def _is_wrapped(lines: list[str]) -> bool:
    """Whether a page's lines were hard-wrapped: runs of lines of one width stopping mid-sentence."""
    run_lines: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line:
            run.append(line)
            continue
        run_lines.extend(run[:-1])
        run = []
    if not run_lines:
        return False
    width = _width(run_lines)
    # NOTE (heldout5 group chats): Chinese, Japanese and Korean text wraps at a column, not at
    # a word: its wrapped lines are all of the widest line's width, to a column; a chat's
    # headlines of many widths were joined into one paragraph with the lines under them
    cjk = {t for t in run_lines if len(_CJK.findall(t)) * 2 > len(t)}
    cjk_width = max((_cols(t) for t in cjk), default=0)
    full = [t for t in run_lines if _cols(t) >= (cjk_width - 1 if t in cjk else 0.75 * width)]
    mid = [t for t in full if not t.endswith(_SENTENCE_END)]
    return len(mid) >= 3 and len(mid) >= 0.6 * len(full) and 40 <= width <= 100


# Field codes of news-database exports (Factiva's HD/PD/SN, RIS's TI/JO/DA): what each holds
_CODE_LINE = re.compile(r"^(?P<code>[A-Z][A-Z0-9]{1,2})\s{1,6}(?P<value>\S.*)$")
_CODES = {"HD": "title", "TI": "title", "T1": "title", "SN": "source", "JO": "source", "JF": "source", "T2": "source",
          "PD": "date", "DA": "date", "PY": "date", "Y1": "date", "BY": "author", "AU": "author", "A1": "author",
          "LP": "text", "TD": "text", "AB": "text", "N2": "text", "UR": "link"}


def coded_fields(blocks: list[Block]) -> list[Block]:
    """A news-database export that prints each field after its code (``HD`` headline, ``PD``
    date, ``SN`` source, ``LP``/``TD`` text; RIS ``TI``/``JO``/``DA``) reads as headings,
    attribution lines and paragraphs; codes of other fields (word count, copyright,
    accession number) are dropped. Only a page that repeats a title code and at least two
    other codes three times or more is such an export.

    NOTE (heldout4 RTF clippings): the whole export was one item.
    """
    counts: dict[str, int] = {}
    for block in blocks:
        match = _CODE_LINE.match(block.text) if block.kind == "para" else None
        if match:
            counts[match.group("code")] = counts.get(match.group("code"), 0) + 1
    titles = [c for c in counts if _CODES.get(c) == "title" and counts[c] >= 2]
    known = [c for c in counts if c in _CODES and counts[c] >= 2]
    if not titles or len(known) < 3 or sum(counts[c] for c in titles) < 2:
        return blocks
    repeated = {c for c, n in counts.items() if n >= 2}
    out: list[Block] = []
    in_text = False
    for block in blocks:
        match = _CODE_LINE.match(block.text) if block.kind == "para" else None
        code = match.group("code") if match and (match.group("code") in repeated or match.group("code") in _CODES) else None
        if code is None:
            if in_text or not out:
                out.append(block)  # the text's next paragraphs, or the export's head
            continue
        value = match.group("value").strip()  # type: ignore[union-attr]
        meaning = _CODES.get(code)
        in_text = meaning == "text"
        if meaning == "title":
            out.append(replace(block, kind="heading", text=value, level=2))
        elif meaning == "source":
            out.append(replace(block, text=f"Source: {value}"))
        elif meaning == "date":
            out.append(replace(block, text=f"Date: {value}"))
        elif meaning == "author":
            name = re.sub(r"^by\s+", "", value, flags=re.I)
            out.append(replace(block, text=f"Reporter: {name}"))
        elif meaning in ("text", "link"):
            out.append(replace(block, text=value))
    return out


_REF_MARK = re.compile(r"\s*\[(?P<n>\d{1,3})\]\s*$")
_RUN_ENTRY = re.compile(r"\s*\[(\d{1,3})\]\s*")
_SOURCE_RUN = re.compile(r"^(?:sources?|references|notes|quellen|fuentes|fontes|参考(?:资料|資料)?|来源|來源|資料來源|出典)\s*:?\s*(?=\[1?\d)",
                         re.I)
_SOURCE_LIST = re.compile(r"^(?:\d+\.\s*)?(?:sources?|source list|list of sources|references|notes|endnotes|"
                          r"quellen|sources citées|fuentes|fontes|参考(?:资料|資料|文献|文獻)?|来源|來源|資料來源|出典)\s*:?$", re.I)


def numbered_sources(blocks: list[Block]) -> list[Block]:
    """Paragraphs that end with a reference number (``… take effect. [2]``) and a numbered source
    list under a heading (``Source list`` / ``1. Reuters, "…", 1 April 2025.``): each paragraph's
    note is its entry, as a footnote's would be, and the list is not a list of records.

    NOTE (heldout5 parliamentary library weeklies): the source list became the items, and the
    summaries they source were lost.
    """
    entries: dict[int, str] = {}
    listing: set[int] = set()  # the blocks of the source list
    start = next((i for i, b in enumerate(blocks) if b.kind == "heading" and _SOURCE_LIST.match(b.text.strip())), None)
    if start is not None:
        end = start + 1
        while end < len(blocks) and blocks[end].kind == "item":
            number = blocks[end].number
            if number is not None:
                entries[number] = blocks[end].text
            end += 1
        listing = set(range(start, end))
        tail = end  # (what follows the list is kept as it is)
    else:
        tail = len(blocks)
        # NOTE (heldout7 morning notes as PDF): "SOURCES  [1] Caixin, 30 Nov 2025  [2] Bloomberg,
        # 1 Dec 2025  [3] PBOC" / "statement, 28 Nov 2025  [4] Economic Observer, 2 Dec": a box
        # of sources at a page's foot, run together, one box to a page
        last = 0
        for index, block in enumerate(blocks):
            if block.kind not in ("para", "item"):
                continue
            label = _SOURCE_RUN.match(block.text)
            # (an entry's last line goes on below it: "… Morning Post, 4 Mar" / "2025; deal documents")
            goes_on = index - 1 in listing and (not block.text[:1].isupper() or block.text.startswith(f"[{last + 1}]"))
            if not label and not goes_on:
                continue
            parts = _RUN_ENTRY.split(block.text[label.end():] if label else block.text)
            numbers = [int(n) for n in parts[1::2]]
            if not numbers and goes_on and parts[0].strip() and last in entries:
                entries[last] = f"{entries[last]} {parts[0].strip()}"  # the last entry's last line
                listing.add(index)
                continue
            if not numbers or numbers[0] != last + 1 or numbers != list(range(numbers[0], numbers[0] + len(numbers))) \
                    or (label and parts[0].strip()):
                continue
            if parts[0].strip() and last in entries:
                entries[last] = f"{entries[last]} {parts[0].strip()}"  # the entry goes on from the line above
            for number, text in zip(numbers, parts[2::2], strict=True):
                entries[number] = text.strip(" ;")
            last = numbers[-1]
            listing.add(index)
    if len(entries) < 2:
        return blocks
    marked = [i for i, b in enumerate(blocks[:start]) if i not in listing and b.kind in ("para", "item") and _REF_MARK.search(b.text)]
    if len(marked) < 2:
        return blocks
    out = []
    for i, block in enumerate(blocks[:tail]):
        if i in listing:
            continue
        mark = _REF_MARK.search(block.text) if i in marked else None
        entry = entries.get(int(mark.group("n"))) if mark else None
        if mark and entry is not None:
            block = replace(block, text=block.text[: mark.start()], notes=(*block.notes, entry))
        out.append(block)
    return out + list(blocks[tail:])


def footnote_sources(blocks: list[Block]) -> list[Block]:
    """Paragraphs that end with a footnote number (``… were displayed.1``, as a PDF's superscript
    reads) and the footnotes at the foot of the page (``1 BBC News, 'Xi, Putin…', 3 September
    2025.``): each paragraph's note is its footnote, and the footnotes are not text of the page.

    NOTE (heldout5 parliamentary library weeklies, as PDF): the footnotes ran together into
    one paragraph per page, the summaries above them without a source.
    """
    notes: dict[int, str] = {}
    note_blocks: set[int] = set()
    last = 0
    for index, block in enumerate(blocks):
        if block.kind not in ("para", "item"):
            continue
        first = _FOOTNOTE_START.match(block.text)
        starts = bool(first and int(first.group("n")) == last + 1)
        follows = index - 1 in note_blocks and last in notes and not notes[last].endswith((".", "。"))  # (it goes on)
        if not starts and not follows:
            continue
        # (a block under a footnote may begin with the end of it: "17 September 2025. 5 The Japan…")
        parts = (_FOOTNOTE_SPLIT if starts else _FOOTNOTE_SPLIT_INNER).split(block.text)
        numbers = [int(n) for n in parts[1::2]]
        if numbers != list(range(last + 1, last + 1 + len(numbers))) or (parts[0].strip() and not follows):
            continue
        if parts[0].strip():
            notes[last] = f"{notes[last]} {parts[0].strip()}"  # a footnote's last line, indented under it
        for number, text in zip(numbers, parts[2::2], strict=True):
            notes[number] = text.strip()
        last = numbers[-1] if numbers else last
        note_blocks.add(index)
    marked = [i for i, b in enumerate(blocks) if i not in note_blocks and b.kind in ("para", "item")
              and (m := _FOOTNOTE_MARK.search(b.text)) is not None and int(m.group("n")) in notes]
    if len(notes) < 2 or len(marked) < 2:
        return blocks
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if index in note_blocks:
            continue
        if index in marked:
            mark = _FOOTNOTE_MARK.search(block.text)
            assert mark is not None
            block = replace(block, text=block.text[: mark.start("n")], notes=(*block.notes, notes[int(mark.group("n"))]))
        out.append(block)
    return out


_FOOTNOTE_START = re.compile(r"^(?P<n>\d{1,2})\s+(?=\S)")
_FOOTNOTE_NUMBER = r"(\d{1,2})\s+(?=[^\W\d_]|['‘“\"])"  # a footnote's number before its text
_FOOTNOTE_SPLIT_INNER = re.compile(r"(?<=[.)”’\"'])\s+" + _FOOTNOTE_NUMBER)  # after the one before it
_FOOTNOTE_SPLIT = re.compile(r"(?:^|(?<=[.)”’\"'])\s+)" + _FOOTNOTE_NUMBER)  # or opening the block
_FOOTNOTE_MARK = re.compile(r"(?<=[.!?”\"’)\]])(?P<n>\d{1,2})$")


def numbered_paragraphs(blocks: list[Block]) -> list[Block]:
    """Paragraphs of a marked-up page that open with a list number (``一、…``, ``2. …``), three or
    more in sequence, are a numbered list, as the plain-text reader reads them.

    NOTE (heldout4 evening-news summaries): an HTML page numbered its items 一、二、三、 in bold
    paragraphs, not in a list element.
    """
    found: list[tuple[int, int, str]] = []
    for index, block in enumerate(blocks):
        match = _NUMBERED.match(block.text) if block.kind == "para" and len(block.text) <= 120 else None
        if match:
            digits = match.group("n") or match.group("p") or match.group("w") or match.group("k") \
                or (str(ord(match.group("o")) - 0x245F) if match.group("o") else None)
            number = int(digits) if digits else _chinese_number(match.group("c"))
            if number is not None:
                found.append((index, number, match.group("rest")))
    numbers = [n for _, n, _ in found]
    if len(found) < 3 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return blocks
    out = list(blocks)
    for index, number, rest in found:
        out[index] = replace(blocks[index], kind="item", text=rest, number=number)
    return out


# One message a line, as chat apps export a log: "08:15<TAB>Lin Wei<TAB>text" (LINE),
# "[14/09/2025, 08:15] Lin Wei: text", "14/09/2025, 08:15 - Lin Wei: text" (WhatsApp).
_CHAT_LINE = re.compile(
    r"^\[?(?P<stamp>(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+)?(?P<clock>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)\]?"
    r"(?:\t+(?P<name>[^\t]{1,30})\t+|\s+(?:-\s+)?(?P<name2>[^\t:：]{1,30}?)\s*[:：]\s+)(?P<text>\S.*)$")


def _chat_lines(raw_lines: list[str]) -> dict[int, tuple[str, str]]:
    """A chat log's one-line messages: for each such line, its head (time and sender) where it
    starts a post, or "" where it goes on with one, and what it says.

    Consecutive messages of one sender within two minutes are one post (a link, its
    headline and a word on it, sent one after another); a new sender or a pause starts the
    next. Three such lines or more make a log.

    NOTE (heldout5 group chats): a LINE export's tab-separated lines were read as a table,
    each message a row and an item, and the link, the headline and the comment of one share
    three items.
    """
    found: dict[int, tuple[str, str]] = {}
    last: tuple[str, int] | None = None
    for index, raw in enumerate(raw_lines):
        match = _CHAT_LINE.match(raw.strip()) if len(raw) <= 2000 else None
        if match is None:
            if raw.strip():
                last = None  # a day line or other text between messages ends the post
            continue
        name = (match.group("name") or match.group("name2") or "").strip()
        minute = int(match.group("clock")) * 60 + int(match.group("minute"))
        new_post = last is None or last[0] != name or not 0 <= minute - last[1] <= 2
        found[index] = (f"{match.group('stamp')} {name}" if new_post else "", " ".join(match.group("text").split()))
        last = (name, minute)
    return found if len(found) >= 3 and len(found) * 2 >= sum(1 for raw in raw_lines if raw.strip()) else {}


def _chinese_number(text: str | None) -> int | None:
    if not text:
        return None
    digits = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return digits.get(tens, 0) * 10 + digits.get(ones, 0)
    return digits.get(text)


def _maybe_quoted_printable(text: str) -> str:
    """Decode a page saved in quoted-printable (soft breaks ``=`` at line ends, ``=E2=80=99``)."""
    soft = text.count("=\n")
    escapes = len(re.findall(r"=[0-9A-F]{2}", text))
    if soft < 3 or escapes < 3:
        return text
    try:
        return quopri.decodestring(text.encode("utf-8")).decode("utf-8")
    except UnicodeDecodeError:
        return text


# --- PDF text ------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-–—])?$|^第\s*\d+\s*页$", re.I)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def pdf_blocks(pages: list[str]) -> list[Block]:
    """The text of a PDF's pages into blocks: running heads, footers and page numbers dropped,
    ligatures undone, lines unwrapped and line-end hyphens joined."""
    # NOTE: lines keep their spacing: a fixed-width table's columns are read from it
    # NOTE: blank lines (the vertical gaps layout extraction keeps) stay: they part paragraphs
    # and a headline from its text; the running heads are found among the printed lines.
    spaced = [[line.rstrip() for line in page.translate(_LIGATURES).split("\n")] for page in pages]
    split = [[line for line in page if line.strip()] for page in spaced]
    repeated = _running_lines(split) if len(split) >= 2 else set()
    # NOTE (heldout7 morning notes as PDF): a running head whose title changes from page to page
    # ("MERIDIAN BAY SECURITIES | Greater China Research", then "… | China Macro Morning Note")
    # opens every page with the same name before a bar; a footer ends with "Page 1 of 2"
    keys = Counter(_head_key(page[0]) for page in split if page)
    heads = {key for key, n in keys.items() if key and n == len(split) >= 2}
    kept: list[str] = []
    starts: set[int] = set()  # the line each page's text starts at
    for page in spaced:
        printed = [n for n, line in enumerate(page) if line.strip()]
        edge = set(printed[:3] + printed[-3:])
        foot = set(printed[-3:])
        # (a table's header and its ruler, printed again at the top of each page, are not running heads)
        ruled = {n for n, line in enumerate(page) if _RULER.match(line.expandtabs(8))}
        body = [line for n, line in enumerate(page)
                if not _PAGE_NUMBER.match(line.strip())
                and not (n in edge and (_shape(line) in repeated or (n in foot and _PAGED_FOOT.search(line))
                                        or (n == printed[0] and _head_key(line) in heads))
                         and n not in ruled and n + 1 not in ruled)]
        body = [line for n, line in enumerate(body) if line.strip() or (n > 0 and body[n - 1].strip())]
        while body and not body[0].strip():
            body.pop(0)
        while body and not body[-1].strip():
            body.pop()
        if kept and body and kept[-1].strip() and not kept[-1].endswith(_SENTENCE_END) and body[0].strip()[:1].islower():
            kept.extend(body)  # a paragraph that runs on over the page break
        else:
            if kept:
                kept.append("")
            if body:
                starts.add(len(kept) + 1)
            kept.extend(body)
    return [replace(b, page_start=True) if b.line in starts else b for b in text_blocks("\n".join(kept), wrapped=True)]


_PAGED_FOOT = re.compile(r"\s(?:page|seite|página|pagina|strona)\s*\d{1,4}(?:\s*(?:/|of|von|de|di|z)\s*\d{1,4})?\s*$", re.I)


def _head_key(line: str) -> str | None:
    """A running head's name: the words before its first bar, when a title of two words or more
    follows it (not a clipping's stamp, "Handelsblatt | 03.12.2025 | S. 12")."""
    name, bar, rest = line.partition("|")
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return _shape(name) if bar and name.strip() and len(words) >= 2 else None


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.casefold().split()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines at the top or foot of most pages (running heads, footers), digits folded."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_shape(line) for line in page[:3] + page[-3:]})
    need = max(2, (len(pages) + 1) // 2)
    return {shape for shape, n in counts.items() if n >= need}
