"""Items into claims: sentence splitting, kinds, speakers, event dates and numbers.

A claim is one sentence of an item's body, located by paragraph and sentence number
(1-based, as a reader counts), with what it states: numbers (a statistic), a quotation,
an event date, and who said it or which outlet is credited.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from digestcite.corpus.dates import PartialDate, scan_dates
from digestcite.corpus.quantities import Quantity, find_numbers

# NOTE: abbreviations that end in a full stop but rarely end a sentence (seed 002: "U.S.").
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "inc", "co",
    "corp", "ltd", "gen", "sen", "rep", "gov", "jr", "sr", "lt", "col", "capt", "sgt", "rev",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "u.s.a", "p.r.c", "e.u", "a.m", "p.m", "approx", "est", "fig", "vol",
    "pp", "cf", "al", "mt", "ft", "dept", "univ", "assn", "bros",
}
# Abbreviations that often do end a sentence: split after them only before a capital
# that starts a new clause, which the general rule already requires.
_SENTENCE_END_ABBREVIATIONS = {"u.s", "u.k", "u.n", "e.u", "etc", "a.m", "p.m", "inc", "co", "ltd", "corp"}

_CLOSERS = "\"'”’»)]」』）"
_OPENERS = "\"'“‘«([「『（"
_CJK_END = "。！？"
_BOUNDARY = re.compile(
    rf"(?P<end>[.!?…]+[{re.escape(_CLOSERS)}]*)(?P<gap>\s+)(?=[{re.escape(_OPENERS)}]*[A-Z0-9一-鿿])"
    rf"|(?P<cjk>[{_CJK_END}]+[{re.escape(_CLOSERS)}]*)(?P<cgap>\s*)(?=\S)"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """Where one sentence stands in its paragraph."""

    start: int
    end: int


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping every character of it in order.

    Does not break after ``Mr.``, ``U.S.``, ``No.``, initials or decimals, nor inside
    a closing quotation; Chinese sentences end at 。！？.
    """
    return [paragraph[s.start:s.end] for s in sentence_spans(paragraph)]


def sentence_spans(paragraph: str) -> list[SentenceSpan]:
    """The spans of :func:`split_sentences` (whitespace between sentences is left out)."""
    spans: list[SentenceSpan] = []
    start = len(paragraph) - len(paragraph.lstrip())
    for match in _BOUNDARY.finditer(paragraph):
        if match.group("end"):
            end_mark = match.group("end")
            # NOTE: only a short window either side is looked at, so a 2 MB paragraph stays linear.
            before = paragraph[max(0, match.start() - 40): match.start()]
            if end_mark.startswith(".") and not _can_end_after(before, paragraph[match.end(): match.end() + 40]):
                continue
            cut, resume = match.end("end"), match.end()
        else:
            cut, resume = match.end("cjk"), match.end()
        if paragraph[start:cut].strip():
            spans.append(SentenceSpan(start, cut))
        start = resume
    tail = paragraph[start:].rstrip()
    if tail.strip():
        spans.append(SentenceSpan(start, start + len(tail)))
    return spans


def _can_end_after(before: str, after: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if not match:
        return True
    word = match.group(1).lower().rstrip(".")
    if len(word) == 1 and word.isalpha() and before[-1].isupper():
        return False  # an initial: "J. Smith"
    if word in _ABBREVIATIONS:
        if word in _SENTENCE_END_ABBREVIATIONS:
            # "...the U.S. The next" ends; "the U.S. Congress" is likely a name: look for a
            # function word that opens sentences.
            return bool(re.match(r"[\"“]?(?:The|A|An|In|On|At|It|He|She|They|We|This|That|But|However|And|According|After|As)\b", after))
        return False
    return True


_REPORT_VERBS = (
    r"said|says|told|stated|states|suggested|remarked|alleged|expressed|added|warned|noted|"
    r"emphasized|emphasised|cautioned|claimed|claims|argued|argues|explained|wrote|writes|posted|"
    r"commented|announced|reported|reports|revealed|disclosed|indicated|confirmed|denied|insisted|"
    r"believed|believes|urged|stressed|pointed out|shared|maintained|recalled|admitted|"
    r"complained|shouted|declared|estimated|predicted|acknowledged|quoted|cited"
)
_VERB_RE = re.compile(rf"\b(?:{_REPORT_VERBS})\b")
_ACCORDING = re.compile(
    r"\b[Aa]ccording to\s+(?P<who>(?:(?:Mr|Ms|Mrs|Dr|Prof|Gen|Sen|St|U\.S|U\.N|U\.K)\.|[^,;:.“\"]){2,120}?)"
    r"(?=\s*[,;:.“\"]|\s+(?:in|on|at)\s|$)"
)
_TOLD = re.compile(
    r"\b(?:told|reported by|in an interview with|speaking to|said to)\s+(?:the\s+)?"
    r"(?P<who>(?:[A-Z][\w'’&.-]*\s?){1,6})"
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "these", "those", "there", "some", "others", "many"}
_TITLES = r"(?:Mr|Ms|Mrs|Dr|Prof|Gen|Sen|Rep|Gov|President|Premier|Minister|Chairman|Secretary)\.?"
_LEADING_NOISE = re.compile(
    r"^(?:(?:however|meanwhile|also|moreover|furthermore|in addition|in his speech|in her speech|"
    r"in a statement|in an interview|on \w+day|last \w+|recently|later|then)\b,?\s*)+",
    re.I,
)
_ADVERBS_AT_END = re.compile(
    r"(?:\s*\b(?:recently|also|further|later|then|has|had|have|once|publicly|again|previously|first|officially))+\s*$"
)
_QUOTE_PAIRS = {"“": "”", '"': '"', "「": "」", "『": "』"}
_QUOTE_OPENER = re.compile("[“\"「『]")
_PRONOUN_SUBJECTS = {"it", "he", "she", "they", "we", "i", "you", "there", "this", "that", "others", "these", "those"}


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A claim before it has an id: its text, locator and what it states."""

    paragraph: int
    sentence: int
    text: str
    kind: str
    speaker: str | None
    credited: str | None
    event_date: str | None
    numbers: tuple[Quantity, ...]
    start: int = 0
    end: int = 0


def find_speaker(sentence: str) -> tuple[str | None, str | None]:
    """Who a sentence quotes or credits: ``(speaker, credited outlet or source)``.

    ``Mr. Xi suggested`` → speaker Mr. Xi; ``According to the log`` → the log;
    ``A former lecturer … told Radio Free Asia`` → the lecturer, credited Radio Free Asia.
    """
    credited = None
    told = _TOLD.search(sentence)
    if told:
        credited = told.group("who").strip(" ,.'’")
    according = _ACCORDING.search(sentence)
    if according:
        who = according.group("who").strip()
        by = re.search(r"\b(?:shared|released|provided|issued|published|posted|reports?|reported|statement|data|documents?) by\s+(.+)$", who)
        if by:
            who = by.group(1)
        who = re.sub(r"^(?:statistics|data|information|figures|reports?) (?:that|from|of)\s+", "", who)
        who = re.sub(r"\s+(?:released|published|issued|showed|shows)$", "", who)
        return _tidy(who), credited
    verb = _VERB_RE.search(sentence)
    if verb:
        subject = _subject_before(sentence[: verb.start()])
        if subject:
            return subject, credited
    return (credited, credited) if credited else (None, None)


def _subject_before(prefix: str) -> str | None:
    text = re.sub(r"\s*\([^)]*\)", "", prefix)  # "Sohu (NASDAQ: SOHU)"
    text = re.sub(r",\s*(?:a|an|the|another|one|who)\b[^,]*,\s*$", " ", text)  # appositive
    text = text.strip().rstrip(",")
    text = _ADVERBS_AT_END.sub("", text).strip()
    if "," in text:
        text = text.rsplit(",", 1)[1].strip()
    if "“" in text or '"' in text or "”" in text:
        return None
    text = _LEADING_NOISE.sub("", text).strip()
    words = text.split()
    if not words or len(words) > 8:
        return None
    if words[0].lower() in _PRONOUN_SUBJECTS:
        return None
    text = re.sub(r"^(?:Notes?|Comments?|A note|Remarks?) from\s+", "", text)
    # "Well-known Chinese news site Sohu" → "Sohu": a proper-name run after a lower-case description.
    run = re.search(rf"((?:{_TITLES}\s)?(?:[A-Z][\w'’&.-]*)(?:\s+[A-Z][\w'’&.-]*)*)$", text)
    if run and run.start() > 0:
        before = text[: run.start()].split()
        if before and before[-1].islower() and before[-1] not in ("of", "from", "at", "in", "for", "and", "de"):
            text = run.group(1)
    if not re.search(r"[A-Za-z一-鿿]", text):
        return None
    return _tidy(text)


def _tidy(text: str) -> str | None:
    text = " ".join(text.split()).strip(" ,.;:'’\"“”")
    return text or None


def find_quotes(text: str) -> list[tuple[int, int, str]]:
    """Quotations in a text as ``(start, end, quoted words)``.

    Scare quotes (``the “Two Sessions”``) are not quotations: a quotation has five or more
    words or carries its own punctuation. A quotation may run over several sentences.
    """
    # NOTE: issue 12.19: a regex `“([^”]*)”` looks for the closer afresh from every opener,
    # so a page of unclosed “ took 71 s at 300 KB. Where each kind of quotation mark closes
    # next is remembered instead: each search starts past the last one, so the text is read once.
    found = []
    next_close: dict[str, int] = {}
    position = 0
    while (opener := _QUOTE_OPENER.search(text, position)) is not None:
        start = opener.start()
        closer = _QUOTE_PAIRS[opener.group()]
        close = next_close.get(closer)
        if close is None or close != -1 and close <= start:
            close = next_close[closer] = text.find(closer, start + 1)
        if close == -1:  # never closed: what follows may still hold other quotations
            position = start + 1
            continue
        inner = text[start + 1:close].strip()
        if len(inner.split()) >= 5 or re.search(r"[,.!?;，。！？]", inner) or len(inner) >= 12 and not inner.isascii():
            found.append((start, close + 1, inner))
        position = close + 1
    return found


def extract_claims(paragraphs: list[str], published: PartialDate | None) -> list[ClaimDraft]:
    """Every sentence of an item's body as a claim with locator, kind, speaker, date, numbers."""
    claims: list[ClaimDraft] = []
    last_speaker: str | None = None
    for p_no, paragraph in enumerate(paragraphs, start=1):
        quotes = find_quotes(paragraph)
        # Quotations do not overlap and come in order, so their ends are sorted too: the
        # first one ending after a sentence's start is the first that can overlap it.
        quote_ends = [q_end for _, q_end, _ in quotes]
        opened_by: dict[int, str | None] = {}  # quote start → the speaker of the sentence it opens in
        for s_no, span in enumerate(sentence_spans(paragraph), start=1):
            sentence = paragraph[span.start:span.end]
            first = bisect.bisect_right(quote_ends, span.start)
            quoted = first < len(quotes) and quotes[first][0] < span.end
            dates, spans = scan_dates(sentence, published)
            numbers = tuple(find_numbers(sentence, spans))
            speaker, credited = find_speaker(sentence)
            if speaker is None and re.match(r"(?:He|She)\s+(?:also\s+)?(?:" + _REPORT_VERBS + r")\b", sentence):
                speaker = last_speaker
            # NOTE (issue 11, seed 002): a quotation running over sentences ("…a tough battle.
            # Punish the key personnel who are involved.”) keeps its speaker in every sentence
            # (the store shows the closing sentence with its opening mark: quoted_sentence).
            index = first
            while index < len(quotes) and quotes[index][0] < span.end:
                q_start, q_end, _ = quotes[index]
                if span.start <= q_start:
                    opened_by[q_start] = speaker
                elif span.start < q_end and speaker is None:
                    speaker = opened_by.get(q_start)
                index += 1
            if speaker is not None and speaker.lower() not in _PRONOUNS:
                last_speaker = speaker
            if numbers:
                kind = "statistic"
            elif quoted:
                kind = "quote"
            elif dates:
                kind = "event"
            else:
                kind = "statement"
            claims.append(ClaimDraft(
                paragraph=p_no, sentence=s_no, text=sentence, kind=kind, speaker=speaker,
                credited=credited, event_date=dates[0].span.iso() if dates else None, numbers=numbers,
                start=span.start, end=span.end,
            ))
    return claims
