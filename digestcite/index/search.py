"""Query → hits: parse the query language, search items with BM25F, re-score their claims.

The query language: words (AND), ``"exact phrases"``, ``OR``, ``NOT``/``-word``, ``word*``,
``title:``, and the filters ``outlet:``, ``speaker:``, ``kind:``, ``published:`` and
``event:`` (a date at any precision or ``[2019-01 TO 2019-06]``). Filters apply to items
in Whoosh and again to each claim.
"""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digestcite.errors import ParseError, QueryError

if TYPE_CHECKING:
    from digestcite.corpus.dates import PartialDate
    from digestcite.corpus.folder import Corpus
    from digestcite.corpus.models import Claim, Item
    from digestcite.corpus.store import Store

log = logging.getLogger(__name__)

KINDS = ("statistic", "quote", "event", "statement")
HANDFUL = 3
MAX_QUERY_CHARS = 2000
MAX_QUERY_TERMS = 64
_FILTER_RE = re.compile(
    r"(?<![\w:])(?P<neg>-)?(?P<field>outlet|source|speaker|kind|published|pub|event):"
    r"(?P<value>\"[^\"]*\"|\[[^\]]*\]|\S+)",
    re.I,
)
_OPERATOR_RE = re.compile(r"(?:^|\s)(?:AND|OR|NOT|-\S)|[\"*?()]|\btitle:")
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "**", "**"


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters from options and from ``field:value`` terms in the query."""

    outlets: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    published: tuple[tuple[PartialDate | None, PartialDate | None], ...] = ()
    event: tuple[tuple[PartialDate | None, PartialDate | None], ...] = ()
    excluded_outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """A claim (or an item, for item searches) that matched, with its score and highlight."""

    claim: Claim | None
    item: Item
    score: float
    highlight: str

    def to_json(self) -> dict[str, Any]:
        if self.claim is not None:
            return {**self.claim.to_json(), "score": round(self.score, 4), "highlight": self.highlight,
                    "title": self.item.title}
        return {**self.item.to_json(claims=False), "score": round(self.score, 4), "highlight": self.highlight}


@dataclass
class SearchResult:
    """Hits, and what the search had to do to find them."""

    hits: list[Hit]
    query: str
    loosened: bool = False
    suggestions: list[str] = field(default_factory=list)

    def to_json(self) -> list[dict[str, Any]]:
        return [h.to_json() for h in self.hits]


class Index:
    """The corpus's Whoosh index, opened lazily, searched through the store."""

    def __init__(self, path: Path, store: Store, corpus: Corpus | None = None) -> None:
        self.path = path
        self.store = store
        self.corpus = corpus

    def behind(self) -> int | None:
        """Stored items the index does not hold yet (None: an index from before it kept a mark).

        A small file and one range count on the store: cheap enough for every lookup.
        """
        from digestcite.index.build import behind

        return behind(self.path, self.store)

    def update(self, keys: list[str], *, new: bool = False, merge: bool = True) -> int:
        from digestcite.index.build import update

        assert self.corpus is not None
        return update(self.path, self.corpus, keys, new=new, merge=merge)

    def rebuild(self) -> int:
        from digestcite.index.build import rebuild

        assert self.corpus is not None
        return rebuild(self.path, self.corpus)

    def search(
        self, query: str, *, filters: Filters | None = None, limit: int = 10, items: bool = False,
        any_words: bool = False, loosen: bool = True,
    ) -> SearchResult:
        """Search claims (or items) for a query.

        :param any_words: rank by any of the words (BM25, more words rank higher) instead of AND.
        :param loosen: when AND finds fewer than a handful, rank by any of the words instead,
            unless the query has a phrase or an explicit operator.
        :raises QueryError: a malformed query, with what was wrong.
        """
        from digestcite.index.build import open_index

        text, parsed_filters = parse_filters(query, self.corpus)
        merged = _merge(filters or Filters(), parsed_filters)
        ix = open_index(self.path)
        with ix.searcher() as searcher:
            result = self._run(searcher, ix, text, merged, limit, items, any_words)
            explicit = bool(_OPERATOR_RE.search(text))
            if not any_words and loosen and not explicit and len(result.hits) < HANDFUL and len(text.split()) > 1:
                loose = self._run(searcher, ix, text, merged, limit, items, True)
                if len(loose.hits) > len(result.hits):
                    loose.loosened = True
                    result = loose
            if not result.hits:
                result.suggestions = _suggestions(searcher, text, merged, self.store)
        result.query = query
        return result

    def _run(self, searcher: Any, ix: Any, text: str, filters: Filters, limit: int, items: bool, any_words: bool) -> SearchResult:
        from whoosh import qparser
        from whoosh.query import Every

        group = qparser.OrGroup.factory(0.9) if any_words else qparser.AndGroup
        parser = qparser.MultifieldParser(["title", "body"], ix.schema, group=group)
        parser.add_plugin(qparser.PlusMinusPlugin())
        parser.remove_plugin_class(qparser.BoostPlugin)
        check_query(text)
        try:
            q = parser.parse(text) if text.strip() else Every()
        except (IndexError, KeyError, TypeError, ValueError, AttributeError) as exc:
            # NOTE: whoosh's parser fails with bare exceptions on some operator soups.
            raise QueryError(f"the query cannot be read as words, phrases and operators ({type(exc).__name__})") from exc
        if q is None or _is_null(q):
            q = Every() if not text.strip() else None
        if q is None:
            return SearchResult([], text)
        whoosh_filter = _whoosh_filter(filters, self.corpus)
        allowed = _filter_docs(searcher, whoosh_filter) if whoosh_filter is not None else None
        # Enough items to fill the claim list after re-scoring, without analysing the
        # sentences of far more items than a lookup shows.
        window = max(limit * 2, 10) if not items else max(limit, 10)
        raw = searcher.search(q, filter=allowed, limit=window, terms=False)
        ranked = sorted(((h.score, h["published"] or "", h["key"]) for h in raw), key=lambda r: (-round(r[0], 6), _neg(r[1])))
        keys = [k for _, _, k in ranked]
        scores = {k: s for s, _, k in ranked}
        loaded = {i.key: i for i in self.store.items(keys=keys, with_claims=True)} if keys else {}
        query_terms, phrases = _positive_terms(q, searcher)
        # NOTE: a number in a lookup ("293 incidents") pins the claim more than any word does.
        idf = {t: searcher.idf("body", t) * (2.0 if t[:1].isdigit() else 1.0) for t in query_terms}
        hits: list[Hit] = []
        for key in keys:
            item = loaded.get(key)
            if item is None:
                continue  # indexed but gone from the store: doctor will report it
            if items:
                best = _best_claims(item, query_terms, phrases, idf, filters, 1)
                highlight = best[0][1] if best else highlight_text(item.title, query_terms)
                hits.append(Hit(None, item, scores[key], highlight))
                continue
            for coverage, highlight, claim in _best_claims(item, query_terms, phrases, idf, filters, 3, all_words=not any_words):
                hits.append(Hit(claim, item, scores[key] * (0.3 + coverage) if query_terms else 1.0, highlight))
        hits.sort(key=lambda h: (-round(h.score, 6), _neg(h.item.published or "")))
        # NOTE: no total count: with a filter, whoosh counts it by visiting every match
        # (0.13 s of a filtered lookup at 100k items), and nothing shows it.
        return SearchResult(hits[:limit], text)


def _neg(date: str) -> tuple[int, ...]:
    """Sort key that puts later ISO dates first."""
    return tuple(-ord(c) for c in date)


def _is_null(q: Any) -> bool:
    from whoosh.query import NullQuery

    return q is NullQuery or type(q).__name__ == "_NullQuery"


def check_query(text: str) -> None:
    """Refuse queries that cannot mean what the user typed, with the reason."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}")
    if text.count('"') % 2:
        raise QueryError('unbalanced quotation mark in the query: close the phrase with "')
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QueryError("a ')' closes nothing in the query")
    if depth:
        raise QueryError("unbalanced parenthesis in the query: a '(' is never closed")
    if len(text.split()) > MAX_QUERY_TERMS:
        raise QueryError(f"the query has more than {MAX_QUERY_TERMS} words; shorten it")
    if re.search(r"(?:^|\s)(?:AND|OR)\s*$|^\s*(?:AND|OR)\b", text):
        raise QueryError("AND/OR needs a word on both sides")
    if re.search(r"\b(?:NOT|AND|OR)\s+(?:NOT\s+)*(?:AND|OR)\b|\bNOT\s+NOT\b|\bNOT\s*$", text):
        raise QueryError("an operator needs a word after it (e.g. 'Huawei NOT Nokia')")
    if re.search(r"(?:^|\s)\*", text):
        raise QueryError("a wildcard needs at least one letter before it (e.g. petition*)")


def parse_filters(query: str, corpus: Corpus | None) -> tuple[str, Filters]:
    """Take ``outlet:``, ``speaker:``, ``kind:``, ``published:`` and ``event:`` out of a query."""
    outlets: list[str] = []
    excluded: list[str] = []
    speakers: list[str] = []
    kinds: list[str] = []
    published: list[tuple[PartialDate | None, PartialDate | None]] = []
    event: list[tuple[PartialDate | None, PartialDate | None]] = []
    for match in _FILTER_RE.finditer(query):
        name = match.group("field").lower()
        value = match.group("value").strip('"')
        if not value:
            raise QueryError(f"{name}: needs a value")
        if name in ("outlet", "source"):
            (excluded if match.group("neg") else outlets).append(_canonical(value, corpus))
        elif name == "speaker":
            speakers.append(value)
        elif name == "kind":
            if value.lower() not in KINDS:
                raise QueryError(f"kind:{value} is not a kind; use one of {', '.join(KINDS)}")
            kinds.append(value.lower())
        else:
            (published if name in ("published", "pub") else event).append(parse_date_range(value, name))
    text = " ".join(_FILTER_RE.sub(" ", query).split())
    return text, Filters(tuple(outlets), tuple(speakers), tuple(kinds), tuple(published), tuple(event), tuple(excluded))


def parse_date_range(value: str, name: str = "date") -> tuple[PartialDate | None, PartialDate | None]:
    """``2020-10`` (that month) or ``[2019-01 TO 2019-06]`` (either end may be ``*``)."""
    from digestcite.corpus.dates import parse_date

    try:
        if value.startswith("["):
            parts = re.split(r"\s+TO\s+", value.strip("[]").strip(), flags=re.I)
            if len(parts) != 2:
                raise QueryError(f"{name}:{value} needs the form [START TO END]")
            start, end = (None if p.strip() in ("*", "") else parse_date(p) for p in parts)
            return start, end
        date = parse_date(value)
        return date, date
    except ParseError as exc:
        raise QueryError(f"{name}:{value}: {exc.message}") from exc


def _canonical(name: str, corpus: Corpus | None) -> str:
    return corpus.registry.canonical(name)[0] if corpus is not None else name


def _merge(a: Filters, b: Filters) -> Filters:
    return Filters(*(getattr(a, f) + getattr(b, f) for f in Filters.__dataclass_fields__))


def _whoosh_filter(filters: Filters, corpus: Corpus | None) -> Any:
    from whoosh.query import And, Not, Or, Phrase, Term, TermRange

    from digestcite.index.analyzers import name_analyzer

    parts: list[Any] = []

    def outlet_query(name: str) -> Any:
        known = corpus.registry.resolve(name) if corpus is not None else None
        if known is not None:
            return Term("outlet_id", known.key.lower())
        words = [t.text for t in name_analyzer()(name)]
        return Phrase("outlet", words) if len(words) > 1 else Term("outlet", words[0] if words else name.lower())

    if filters.outlets:
        parts.append(Or([outlet_query(o) for o in filters.outlets]))
    for name in filters.excluded_outlets:
        parts.append(Not(outlet_query(name)))
    if filters.kinds:
        parts.append(Or([Term("kind", k) for k in filters.kinds]))
    for speaker in filters.speakers:
        words = [t.text for t in name_analyzer()(speaker)]
        if words:
            parts.append(Phrase("speaker", words) if len(words) > 1 else Term("speaker", words[0]))
    for field_name, ranges in (("published", filters.published), ("event", filters.event)):
        if ranges:
            parts.append(Or([TermRange(field_name, start.iso() if start else None, (end.iso() + "\uffff") if end else None)
                             for start, end in ranges]))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def _filter_docs(searcher: Any, q: Any) -> set[int]:
    """The document numbers a filter query allows, computed from postings term by term.

    NOTE: Whoosh evaluates a filter as one binary union matcher per term (a date range
    of a year is ~220 terms in each of 12 segments at 100k items): 0.32 s for a
    `published:2014` filter at 100k; reading each term's postings into a set, 0.24 s.
    """
    from whoosh.query import And, Not, Or, Term, TermRange

    reader = searcher.reader()
    if isinstance(q, And):
        found = [_filter_docs(searcher, part) for part in q.subqueries]
        return set.intersection(*found) if found else set()
    if isinstance(q, Or):
        union: set[int] = set()
        for part in q.subqueries:
            union |= _filter_docs(searcher, part)
        return union
    if isinstance(q, Not):
        return set(range(reader.doc_count_all())) - _filter_docs(searcher, q.query)
    if isinstance(q, (Term, TermRange)):
        texts = q._btexts(reader) if isinstance(q, TermRange) else [q.text]  # noqa: SLF001 - Whoosh's own term walk
        ids: set[int] = set()
        for text in texts:
            if (q.fieldname, text) in reader:
                ids.update(reader.postings(q.fieldname, text).all_ids())
        return ids
    return set(searcher.docs_for_query(q))


def _positive_terms(q: Any, searcher: Any) -> tuple[list[str], list[list[str]]]:
    """The body/title terms a query asks for (not those under NOT), and its phrases."""
    from whoosh.query import Not, Phrase

    found: list[str] = []
    phrases: list[list[str]] = []

    def walk(node: Any) -> None:
        if isinstance(node, Not):
            return
        if isinstance(node, Phrase):
            phrases.append(list(node.words))
            found.extend(node.words)
            return
        if node.is_leaf():
            for fieldname, text in node.existing_terms(searcher.reader(), expand=True):
                if fieldname in ("title", "body"):
                    found.append(text.decode("utf-8") if isinstance(text, bytes) else text)
            return
        for child in node.children():
            walk(child)

    walk(q)
    return list(dict.fromkeys(found)), phrases


def _best_claims(
    item: Item, terms: list[str], phrases: list[list[str]], idf: dict[str, float], filters: Filters, count: int,
    *, all_words: bool = False,
) -> list[tuple[float, str, Claim]]:
    """An item's best sentences for a query: ``(score, highlighted text, claim)``, best first."""
    from digestcite.index.analyzers import terms as analyze

    total = sum(idf.values()) or 1.0
    wanted = set(terms)
    # NOTE: an item can match by its headline alone; its sentences then carry the headline's
    # words at half weight, so the lead sentence is cited rather than nothing.
    title_terms = analyze(item.title)
    from_title = sum(idf[t] for t in set(title_terms) & wanted) / total * 0.5
    title_phrase = any(_contains_run(title_terms, phrase) for phrase in phrases)
    scored: list[tuple[float, float, Claim]] = []  # (score, the sentence's own coverage, claim)
    for claim in item.claims:
        if not _claim_passes(claim, filters):
            continue
        claim_terms = analyze(claim.text)
        present = set(claim_terms) & wanted
        if terms and not present and not from_title:
            continue
        own = sum(idf[t] for t in present) / total
        if phrases and not all(_contains_run(claim_terms, phrase) for phrase in phrases):
            own = min(own, 0.99)  # a phrase's words apart are not the phrase
        coverage = own + (0.0 if present == wanted else from_title)
        for phrase in phrases:
            if _contains_run(claim_terms, phrase):
                coverage += 0.5
            elif title_phrase:
                coverage += 0.25
        if terms and not present:
            coverage -= 1e-3  # below any sentence that has the words itself
        scored.append((coverage, own, claim))
    scored.sort(key=lambda s: (-s[0], s[2].paragraph, s[2].sentence))
    if terms and scored and not (set(analyze(scored[0][2].text)) & wanted):
        scored = scored[:1]  # matched by the headline alone: its lead sentence stands for it
    if all_words and any(own >= 0.999 for _, own, _ in scored):
        # AND: when some sentences have every word (and phrase), the item's others are not hits.
        scored = [s for s in scored if s[1] >= 0.999]
    return [(coverage, highlight_text(claim.text, terms), claim) for coverage, _, claim in scored[:count]]


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i: i + n] == needle for i in range(len(haystack) - n + 1))


def _claim_passes(claim: Claim, filters: Filters) -> bool:
    if filters.kinds and claim.kind not in filters.kinds:
        return False
    for speaker in filters.speakers:
        who = f"{claim.speaker or ''} {claim.credited or ''}".casefold()
        if not all(word in who for word in speaker.casefold().split()):
            return False
    if not filters.event:
        return True
    from digestcite.corpus.dates import in_range

    return any(in_range(claim.event_date, s, e) for s, e in filters.event if claim.event_date)


def highlight_text(text: str, terms: list[str]) -> str:
    """The text with every matched word wrapped in ``**``."""
    from digestcite.index.analyzers import term_spans

    wanted = set(terms)
    out: list[str] = []
    last = 0
    for term, start, end in term_spans(text):
        if term in wanted:
            out.append(text[last:start])
            out.append(f"{HIGHLIGHT_OPEN}{text[start:end]}{HIGHLIGHT_CLOSE}")
            last = end
    out.append(text[last:])
    return "".join(out)


def _suggestions(searcher: Any, text: str, filters: Filters, store: Store) -> list[str]:
    """Close terms from the index for each query word, and close outlet names."""
    suggestions: list[str] = []
    corrector = searcher.corrector("body")
    # NOTE: edit-distance suggestions are costly for long words; a word of 30+ letters is
    # no typo of anything in a news corpus.
    for word in re.findall(r"(?<![A-Za-z])[A-Za-z]{3,30}(?![A-Za-z])", text)[:8]:
        if word.upper() in ("AND", "OR", "NOT"):
            continue
        # NOTE: prefix=1 (the first letter is right) lets whoosh skip most of the term list:
        # a suggestion scan took over a second at 10,000 items without it.
        for suggestion in corrector.suggest(word.lower(), limit=3, prefix=1):
            if suggestion != word.lower():
                suggestions.append(suggestion)
    known = [r[0] for r in store.db.execute("SELECT DISTINCT outlet FROM items WHERE outlet IS NOT NULL")]
    for name in (*filters.outlets, *filters.excluded_outlets):
        if name not in known:
            for match in difflib.get_close_matches(name, known, n=3, cutoff=0.4):
                suggestions.append(f'outlet:"{match}"' if " " in match else f"outlet:{match}")
    return list(dict.fromkeys(suggestions))
