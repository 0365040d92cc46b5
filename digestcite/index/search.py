"""Query → hits: parse the query language, search items with BM25F, re-score their claims.

The query language: words (AND), ``"exact phrases"``, ``OR``, ``NOT``/``-word``, ``word*``,
``title:``, and the filters ``outlet:``, ``speaker:``, ``kind:``, ``published:`` and
``event:`` (a date at any precision or ``[2019-01 TO 2019-06]``). Filters apply to items
in Whoosh and again to each claim.
"""

from __future__ import annotations

import logging
import re
import time
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
# NOTE (issue 13, "Speed"): the query's expressions are patterns that re compiles (and
# caches) on first use, and each is tried only when the query has the characters it needs
# (a filter its colon, an operator its letters or sign): compiling them all cost ~1.5 ms of
# every lookup, most of which are plain words.
_FILTER_RE = (
    r"(?i)(?<![\w:])(?P<neg>-)?(?P<field>outlet|source|speaker|kind|published|pub|event):"
    r"(?P<value>\"[^\"]*\"|\[[^\]]*\]|\S+)"
)
_OPERATOR_RE = r"(?:^|\s)(?:AND|OR|NOT|-\S)|[\"*?()]|\btitle:"
_OPERATOR_SIGNS = ("AND", "OR", "NOT", "-", '"', "*", "?", "(", ")", "title:")  # one is in every match
_FIELD_RE = r"(?<![\w.])([A-Za-z_][\w-]*):(?=[^\s/])"
_TEXT_FIELDS = ("title", "body")
_SCHEMES = ("http", "https", "ftp", "mailto")
_RANGE_RE = r"\[[^\]]*\sTO\s[^\]]*\]"
# A + or - with no word right after it, and a ? that ends a word, are punctuation.
_LONE_SIGN = r"(?:(?<=\s)|(?<=^)|(?<=\())[+-]+(?=[\s)]|$)"
_END_QUESTION = r"\?+(?=[\s)\"]|$)"
MAX_EXPANSION = 1000
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
    """A claim (or an item, for item searches) that matched, with its score and highlight.

    ``item_matches`` counts the item's claims that match (a view shows some of them);
    ``also_in`` names near-duplicate copies of the item folded into this hit; ``via_title``
    says the claim stands for an item matched by its headline alone.
    """

    claim: Claim | None
    item: Item
    score: float
    highlight: str
    item_matches: int = 1
    also_in: tuple[str, ...] = ()
    via_title: bool = False

    def to_json(self) -> dict[str, Any]:
        extra = {"item_matches": self.item_matches, "also_in": list(self.also_in), "via_title": self.via_title}
        if self.claim is not None:
            return {**self.claim.to_json(), "score": round(self.score, 4), "highlight": self.highlight,
                    "title": self.item.title, **extra}
        return {**self.item.to_json(claims=False), "score": round(self.score, 4), "highlight": self.highlight, **extra}


@dataclass
class SearchResult:
    """Hits, and what the search had to do to find them (or why it found nothing)."""

    hits: list[Hit]
    query: str
    loosened: bool = False
    suggestions: list[str] = field(default_factory=list)
    reason: str | None = None

    def to_json(self) -> list[dict[str, Any]]:
        return [h.to_json() for h in self.hits]


@dataclass(frozen=True, slots=True)
class _Scored:
    """A claim's standing for a query: tier 2 has every word (and phrase), 1 some, 0 none."""

    tier: int
    value: float
    claim: Claim
    via_title: bool = False


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

        Every matching claim counts (``limit`` caps the list, not the claims per item).
        A filter that allows nothing returns no hits and says why in ``reason``.

        :param any_words: rank by any of the words (BM25, more words rank higher) instead of AND.
        :param loosen: when AND finds fewer than a handful, rank by any of the words instead,
            unless the query has a phrase or an explicit operator.
        :raises QueryError: a malformed query, with what was wrong.
        """
        from digestcite.index.build import open_index

        started = time.perf_counter()
        text, parsed_filters = parse_filters(query, self.corpus)
        merged = _merge(filters or Filters(), parsed_filters)
        if not text.strip() and merged == Filters():
            raise QueryError("nothing to search for: give words, a \"phrase\" or a filter such as outlet:NAME")
        check_query(text)
        if not self.path.exists() and self.store.db.execute("SELECT 1 FROM items LIMIT 1").fetchone() is None:
            return SearchResult([], query, reason="the corpus is empty: add pages with 'digestcite ingest PAGE'")
        ix = open_index(self.path)
        with ix.searcher() as searcher:
            allowed: set[int] | None = None
            whoosh_filter = _whoosh_filter(merged, self.corpus)
            if whoosh_filter is not None:
                allowed = _filter_docs(searcher, whoosh_filter)
                if not allowed:
                    return SearchResult([], query, reason=_why_nothing_passes(searcher, merged, self.corpus, self.store))
            result = self._run(searcher, text, merged, allowed, limit, items, any_words)
            explicit = any(sign in text for sign in _OPERATOR_SIGNS) and re.search(_OPERATOR_RE, text) is not None
            if not any_words and loosen and not explicit and len(result.hits) < HANDFUL and len(text.split()) > 1:
                loose = self._run(searcher, text, merged, allowed, limit, items, True)
                if len(loose.hits) > len(result.hits):
                    loose.loosened = True
                    result = loose
            if not result.hits:
                result.suggestions = _suggestions(searcher, text, merged, self.store)
                if allowed is not None and text.strip():
                    unfiltered = self._run(searcher, text, Filters(), None, 1, items, True)
                    if unfiltered.hits:
                        result.reason = "the words are in the corpus, but not in the items (or claims) the filters allow"
                        result.suggestions = []  # the words are right: close words would mislead
        result.query = query
        log.info("query %r: words %r, filters %s; %d hit(s)%s in %.3f s", query, text,
                 {k: v for k, v in ((f, getattr(merged, f)) for f in Filters.__dataclass_fields__) if v} or "none",
                 len(result.hits), " (loosened to any word)" if result.loosened else "", time.perf_counter() - started)
        return result

    def _run(
        self, searcher: Any, text: str, filters: Filters, allowed: set[int] | None, limit: int, items: bool,
        any_words: bool,
    ) -> SearchResult:
        from whoosh.query import Every

        q = parse_query(text, searcher.schema, any_words=any_words)  # NOTE: ix.schema reads the index's TOC again
        if q is None:
            return SearchResult([], text)
        # NOTE (issue 11): NOT/-word removes the claims that say the word, not whole items: the
        # items are found by the positive part, and each claim is then checked for the rest.
        positive, negatives = (q, []) if items else split_negatives(q)
        if positive is None:
            positive = Every()
        _check_expansion(positive, searcher)
        for node in negatives:
            _check_expansion(node, searcher)
        # Enough items to fill the claim list after re-scoring, without analysing the
        # sentences of far more items than a lookup shows.
        window = max(limit * 2, 10) if not items else max(limit, 10)
        raw = searcher.search(positive, filter=allowed, limit=window, terms=False)
        if log.isEnabledFor(logging.DEBUG):
            # NOTE: scored_length, not len(): a Results' len() counts every match (a second search)
            log.debug("whoosh query %r (claims must not say %r): %d item(s) of at most %d", positive, negatives,
                      raw.scored_length(), window)
        ranked = sorted(((h.score, h["published"] or "", h["key"]) for h in raw), key=lambda r: (-round(r[0], 6), _neg(r[1])))
        keys = [k for _, _, k in ranked]
        scores = {k: s for s, _, k in ranked}
        loaded = {i.key: i for i in self.store.items(keys=keys, with_claims=True)} if keys else {}
        query_terms, phrases = _positive_terms(positive, searcher)
        # NOTE: a number in a lookup ("293 incidents") pins the claim more than any word does.
        # NOTE (issue 13, "Speed"): Whoosh keeps the idf of each term it scored, keyed by the
        # term's bytes: asked by its text, it counted the term in every segment again (~0.6 ms a term)
        idf = {t: searcher.idf("body", t.encode("utf-8")) * (2.0 if t[:1].isdigit() else 1.0) for t in query_terms}
        top = max(scores.values(), default=1.0) or 1.0
        hits: list[Hit] = []
        if items:
            for key in keys:
                item = loaded.get(key)
                if item is None:
                    continue  # indexed but gone from the store: doctor will report it
                best = _match_claims(item, query_terms, phrases, idf, filters, [], all_words=False)
                highlight = highlight_text(best[0].claim.text, query_terms) if best else highlight_text(item.title, query_terms)
                hits.append(Hit(None, item, scores[key], highlight))
            return SearchResult(hits[:limit], text)
        matched: dict[str, list[_Scored]] = {}
        for key in keys:
            item = loaded.get(key)
            if item is None:
                continue
            found = _match_claims(item, query_terms, phrases, idf, filters, negatives, all_words=not any_words)
            if found:
                matched[key] = found
        also = _fold_copies(matched, loaded, searcher)
        for key, found in matched.items():
            item = loaded[key]
            for scored in found:
                value = scored.value + 0.2 * scores.get(key, 0.0) / top if query_terms else 1.0
                hits.append(Hit(scored.claim, item, scored.tier * 10 + value, highlight_text(scored.claim.text, query_terms),
                                item_matches=len(found), also_in=also.get(key, ()), via_title=scored.via_title))
        hits.sort(key=lambda h: (-round(h.score, 6), _neg(h.item.published or ""), h.item.key,
                                 h.claim.paragraph if h.claim else 0, h.claim.sentence if h.claim else 0))
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
    binary = "AND" in text or "OR" in text
    if binary and re.search(r"(?:^|\s)(?:AND|OR)\s*$|^\s*(?:AND|OR)\b", text):
        raise QueryError("AND/OR needs a word on both sides")
    if (binary or "NOT" in text) and re.search(r"\b(?:NOT|AND|OR)\s+(?:NOT\s+)*(?:AND|OR)\b|\bNOT\s+NOT\b|\bNOT\s*$", text):
        raise QueryError("an operator needs a word after it (e.g. 'Huawei NOT Nokia')")
    for match in re.finditer(_FIELD_RE, text) if ":" in text else ():
        name = match.group(1)
        if name.lower() not in _TEXT_FIELDS and name.lower() not in _SCHEMES:
            raise QueryError(f"{name}: is not a field; the fields are title:, outlet:, speaker:, kind:, published:, event:")
    if "[" in text and re.search(_RANGE_RE, text):
        raise QueryError("a [A TO B] range works on dates only (published:[2019 TO 2020-06], event:[...])")
    wildcards = re.findall(r"\S*[*?]\S*", _strip_punctuation(text)) if "*" in text or "?" in text else []
    for token in wildcards:
        literal = re.split(r"[*?]", token.lstrip("+-(\""))[0]
        if len(literal) < 2:
            raise QueryError(f"{token}: a wildcard needs at least two letters before it (e.g. petition*)")



def _strip_punctuation(text: str) -> str:
    if "+" in text or "-" in text:
        text = re.sub(_LONE_SIGN, " ", text)
    return re.sub(_END_QUESTION, " ", text) if "?" in text else text


def parse_query(text: str, schema: Any, *, any_words: bool = False) -> Any:
    """The Whoosh query for the words of a query (filters already taken out), or None.

    Only the title and body fields, no ranges (dates are filters) and no boosts; an empty
    text is every item.

    :raises QueryError: the words cannot be read.
    """
    plain = _plain_query(text, any_words=any_words)
    return plain if plain is not _NOT_PLAIN else parse_with_whoosh(text, schema, any_words=any_words)


def parse_with_whoosh(text: str, schema: Any, *, any_words: bool = False) -> Any:
    """:func:`parse_query` by Whoosh's query parser, for any query."""
    from whoosh import qparser
    from whoosh.query import Every

    group = qparser.OrGroup.factory(ANY_WORDS_SCALE) if any_words else qparser.AndGroup
    parser = qparser.MultifieldParser(list(_TEXT_FIELDS), schema, group=group)
    parser.add_plugin(qparser.PlusMinusPlugin())
    parser.remove_plugin_class(qparser.BoostPlugin)
    parser.remove_plugin_class(qparser.RangePlugin)
    # NOTE (issue 12.14): Whoosh reads any schema field before a colon, and a stored-only one
    # (`stamp:`, even as `.stamp:a`) raised its bare Exception; only the text fields are fields.
    parser.remove_plugin_class(qparser.FieldsPlugin)
    parser.add_plugin(qparser.FieldsPlugin(expr=r"(?P<text>title|body):"))
    cleaned = _strip_punctuation(text)
    if not cleaned.strip():
        return Every()
    try:
        q = parser.parse(cleaned)
    except (IndexError, KeyError, TypeError, ValueError, AttributeError, NotImplementedError) as exc:
        # NOTE: whoosh's parser fails with bare exceptions on some operator soups.
        raise QueryError(f"the query cannot be read as words, phrases and operators ({type(exc).__name__})") from exc
    if q is None or _is_null(q):
        return None
    return q


ANY_WORDS_SCALE = 0.9  # the coordination bonus of a ranking by any of the words
_NOT_PLAIN = object()
# The words Whoosh's OperatorsPlugin reads as operators (case-sensitive).
_OPERATORS = frozenset(["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "REQUIRE"])


def is_plain_words(text: str) -> bool:
    """Whether ``text`` is ASCII letters and digits in words between spaces (``[A-Za-z0-9]+(?: +[A-Za-z0-9]+)*``).

    (Without the expression: for ASCII text, ``isalnum`` is exactly letters and digits.)
    """
    return text.isascii() and text[:1] != " " and text[-1:] != " " and text.replace(" ", "").isalnum()


def _plain_query(text: str, *, any_words: bool) -> Any:
    """The query Whoosh's parser makes of plain words, without the parser; ``_NOT_PLAIN`` for anything else.

    NOTE: most lookups are a few plain words; importing and building Whoosh's parser (its
    plugins compile their expressions on first use) cost ~10 ms of a fresh ``cite``. For
    ASCII letters and digits between single spaces, the parser makes, for each word that
    is not a stop word, an OR of its term in the title and the body, grouped by AND (or a
    scaled OR), then normalized: built here the same way (a property test compares the two).
    """
    from whoosh.query import And, Or, Term

    from digestcite.index.analyzers import terms

    stripped = text.strip()
    if not is_plain_words(stripped):
        return _NOT_PLAIN
    words = stripped.split(" ")
    if any(word in _OPERATORS for word in words):
        return _NOT_PLAIN
    parts = []
    for word in words:
        found = terms(word)
        if len(found) > 1:
            return _NOT_PLAIN  # digits then letters ("0x") are two tokens: the parser makes a phrase
        if not found:
            continue  # a stop word
        parts.append(Or([Term(name, found[0]) for name in _TEXT_FIELDS]))
    if not parts:
        return None
    # NOTE: no scale on the OR: PlusMinusPlugin regroups the words and the parser's result
    # carries none (the property test pins it), so neither does this.
    q = (Or(parts) if any_words else And(parts)).normalize()
    return None if _is_null(q) else q


def split_negatives(q: Any) -> tuple[Any, list[Any]]:
    """A query's positive part (None when there is none) and the parts it negates at the top.

    A negation of headline words alone stays in the positive part: it removes items.
    """
    from whoosh.query import And, AndNot, Every, Not

    def split(node: Any) -> tuple[Any, list[Any]]:
        if isinstance(node, AndNot):
            pos, negs = split(node.a)
            return pos, [*negs, node.b]
        if isinstance(node, Not):
            return None, [node.query]
        if isinstance(node, And):
            kept: list[Any] = []
            negs = []
            for part in node.subqueries:
                pos, more = split(part)
                negs += more
                if pos is not None:
                    kept.append(pos)
            return (None if not kept else kept[0] if len(kept) == 1 else And(kept)), negs
        return node, []

    positive, negatives = split(q)
    on_claims = []
    for node in negatives:
        fields = {getattr(leaf, "fieldname", None) for leaf in node.leaves()} if not node.is_leaf() else {node.fieldname}
        if fields == {"title"}:
            positive = AndNot(positive if positive is not None else Every(), node)
        else:
            on_claims.append(node)
    return positive, on_claims


def _check_expansion(q: Any, searcher: Any) -> None:
    """Refuse a wildcard that stands for more words than a lookup can check."""
    from whoosh.query import Prefix, Wildcard

    reader = searcher.reader()
    for leaf in ([q] if q.is_leaf() else q.leaves()):
        if isinstance(leaf, (Prefix, Wildcard)):
            for count, _ in enumerate(leaf._btexts(reader), start=1):  # noqa: SLF001 - Whoosh's own term walk
                if count > MAX_EXPANSION:
                    shown = leaf.text + ("*" if isinstance(leaf, Prefix) else "")
                    raise QueryError(f"{shown} stands for more than {MAX_EXPANSION:,} words; give more letters")


def _says(node: Any, claim_terms: list[str]) -> bool:
    """Whether a sentence's terms say what a (negated) query node asks for."""
    import fnmatch

    from whoosh.query import And, Every, Not, Or, Phrase, Prefix, Term, Wildcard

    if isinstance(node, Term):
        return node.text in claim_terms
    if isinstance(node, Phrase):
        return _contains_run(claim_terms, list(node.words))
    if isinstance(node, Prefix):
        return any(t.startswith(node.text) for t in claim_terms)
    if isinstance(node, Wildcard):
        return any(fnmatch.fnmatchcase(t, node.text) for t in claim_terms)
    if isinstance(node, Every):
        return True
    if isinstance(node, Not):
        return not _says(node.query, claim_terms)
    if isinstance(node, And):
        return all(_says(part, claim_terms) for part in node.subqueries)
    if isinstance(node, Or):
        return any(_says(part, claim_terms) for part in node.subqueries)
    return any(_says(child, claim_terms) for child in node.children())


def _why_nothing_passes(searcher: Any, filters: Filters, corpus: Corpus | None, store: Store) -> str:
    """Which of the filters allows no item at all, said as a writer would want to hear it."""
    from difflib import get_close_matches

    def empty(part: Filters) -> bool:
        q = _whoosh_filter(part, corpus)
        return q is not None and not _filter_docs(searcher, q)

    reasons: list[str] = []
    known = [r[0] for r in store.db.execute("SELECT DISTINCT outlet FROM items WHERE outlet IS NOT NULL")]
    for name in filters.outlets:
        if empty(Filters(outlets=(name,))):
            name = _canonical(name, corpus)
            close = get_close_matches(name, known, n=3, cutoff=0.6)
            reasons.append(f"no items from {name} in this corpus" + (f" (did you mean: {', '.join(close)}?)" if close else ""))
    if filters.published and empty(Filters(published=filters.published)):
        low, high = store.db.execute("SELECT MIN(published), MAX(published) FROM items").fetchone()
        reasons.append("no items published in that period"
                       + (f" (the corpus's items are dated {low} to {high})" if low else " (no item in the corpus is dated)"))
    if filters.event and empty(Filters(event=filters.event)):
        reasons.append("no claims with an event date in that period")
    for kind in filters.kinds:
        if empty(Filters(kinds=(kind,))):
            reasons.append(f"no claims of kind {kind}")
    for speaker in filters.speakers:
        if empty(Filters(speakers=(speaker,))):
            reasons.append(f"no claims by or crediting {speaker}")
    if filters.excluded_outlets and empty(Filters(excluded_outlets=filters.excluded_outlets)):
        reasons.append("every item is from the excluded outlets")
    return "; ".join(reasons) or "no item passes all the filters together"

def parse_filters(query: str, corpus: Corpus | None) -> tuple[str, Filters]:
    """Take ``outlet:``, ``speaker:``, ``kind:``, ``published:`` and ``event:`` out of a query."""
    outlets: list[str] = []
    excluded: list[str] = []
    speakers: list[str] = []
    kinds: list[str] = []
    published: list[tuple[PartialDate | None, PartialDate | None]] = []
    event: list[tuple[PartialDate | None, PartialDate | None]] = []
    has_colon = ":" in query  # every filter has one
    for match in re.finditer(_FILTER_RE, query) if has_colon else ():
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
    text = " ".join((re.sub(_FILTER_RE, " ", query) if has_colon else query).split())
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
            # NOTE: an open start is "0", not None: undated items are indexed with an empty
            # date, which an open range would let through (`--to 2019` found undated items).
            parts.append(Or([TermRange(field_name, start.iso() if start else "0", (end.iso() + "\uffff") if end else None)
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


def _match_claims(
    item: Item, terms: list[str], phrases: list[list[str]], idf: dict[str, float], filters: Filters,
    negatives: list[Any], *, all_words: bool,
) -> list[_Scored]:
    """Every claim of an item that matches a query, best first.

    A claim matches when it passes the claim filters, says none of the negated words, and
    has at least one of the words itself. A claim with every word (and every phrase) ranks
    above any claim without; with AND, an item's claims that have every word are its only
    hits when there are some. An item matched by its headline alone is stood for by its
    lead sentence (``via_title``).
    """
    from digestcite.index.analyzers import terms as analyze

    total = sum(idf.values()) or 1.0
    wanted = set(terms)
    title_terms = analyze(item.title, among=wanted)
    title_share = sum(idf[t] for t in set(title_terms) & wanted) / total
    scored: list[_Scored] = []
    lead: Claim | None = None
    for claim in item.claims:
        if not _claim_passes(claim, filters):
            continue
        # NOTE: without negations only the query's terms are looked for: other words are not stemmed.
        claim_terms = analyze(claim.text, among=None if negatives else wanted)
        if negatives and any(_says(node, claim_terms) for node in negatives):
            continue
        if lead is None:
            lead = claim
        if not terms:
            scored.append(_Scored(1, 1.0, claim))  # only filters or negations: every claim that passes
            continue
        present = set(claim_terms) & wanted
        if not present:
            continue
        own = sum(idf[t] for t in present) / total
        has_phrases = all(_contains_run(claim_terms, phrase) for phrase in phrases)
        complete = present == wanted and has_phrases
        # NOTE (issue 11): the headline's words help a sentence only among sentences that
        # lack some words; they never lift it above one that has them all.
        value = own + (0.5 if phrases and has_phrases else 0.0) + (0.0 if complete else 0.3 * title_share)
        scored.append(_Scored(2 if complete else 1, value, claim))
    if not scored and terms and lead is not None and title_share > 0:
        return [_Scored(0, 0.5 * title_share, lead, via_title=True)]
    if all_words and any(s.tier == 2 for s in scored):
        scored = [s for s in scored if s.tier == 2]
    scored.sort(key=lambda s: (-s.tier, -s.value, s.claim.paragraph, s.claim.sentence))
    return scored


def _fold_copies(
    matched: dict[str, list[_Scored]], loaded: dict[str, Item], searcher: Any,
) -> dict[str, tuple[str, ...]]:
    """Fold near-duplicate copies of one item into its cleanest, earliest copy.

    NOTE (issue 11): the same story stored from a PDF and an RTF copy (ligatures, split
    words, lost letters) was listed two or three times, and ``cite`` picked the damaged
    copy. Damage is counted as what a clean copy does not have: ligature and replacement
    characters, words split by a line-end hyphen, and words found in no other item.
    Returns, for each kept copy, the keys folded into it; ``matched`` loses the others.
    """
    parent = {key: key for key in matched}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for key in matched:
        for other in loaded[key].near_duplicates:
            if other in parent:
                parent[root(other)] = root(key)
    groups: dict[str, list[str]] = {}
    for key in matched:
        groups.setdefault(root(key), []).append(key)
    folded: dict[str, tuple[str, ...]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        words = {key: _words(loaded[key]) for key in members}
        damage = {}
        for key in members:
            others = set().union(*(words[k] for k in members if k != key))
            rare = sum(1 for w in words[key] - others if searcher.doc_frequency("body", w) <= 1)
            text = " ".join([loaded[key].title, *(c.text for c in loaded[key].claims)])
            damage[key] = rare + len(re.findall(_DAMAGE, text))
        keep = min(members, key=lambda k: (damage[k], loaded[k].published or "9999", loaded[k].id or 0, k))
        folded[keep] = tuple(sorted((k for k in members if k != keep), key=lambda k: (loaded[k].id or 0, k)))
        for key in folded[keep]:
            del matched[key]
    return folded


# Ligatures, replacement characters, soft hyphens and words broken by a hyphen: signs of a damaged copy.
# (Compiled by re when copies are first compared: ~0.3 ms a lookup without copies never needs.)
_DAMAGE = "[\ufb00-\ufb06\ufffd\u00ad]|(?<=[a-z])- (?=[a-z])"


def _words(item: Item) -> set[str]:
    from digestcite.index.analyzers import terms as analyze

    found = set(analyze(item.title))
    for claim in item.claims:
        found.update(analyze(claim.text))
    return found


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
    for term, start, end in term_spans(text, among=wanted):
        if term in wanted:
            out.append(text[last:start])
            out.append(f"{HIGHLIGHT_OPEN}{text[start:end]}{HIGHLIGHT_CLOSE}")
            last = end
    out.append(text[last:])
    return "".join(out)


def _suggestions(searcher: Any, text: str, filters: Filters, store: Store) -> list[str]:
    """Close words from the corpus for each query word, and close outlet names."""
    from difflib import get_close_matches

    from digestcite.index.analyzers import stem

    suggestions: list[str] = []
    corrector = searcher.corrector("body")
    # NOTE: edit-distance suggestions are costly for long words; a word of 30+ letters is
    # no typo of anything in a news corpus.
    for word in re.findall(r"(?<![A-Za-z])[A-Za-z]{3,30}(?![A-Za-z])", text)[:8]:
        if word.upper() in ("AND", "OR", "NOT"):
            continue
        # NOTE: prefix=1 (the first letter is right) lets whoosh skip most of the term list:
        # a suggestion scan took over a second at 10,000 items without it.
        # NOTE: the index holds stems; a misspelt word is compared by its own stem
        # ("oficials" → "ofici" is one edit from "offici") and shown as the corpus prints it.
        found = corrector.suggest(word.lower(), limit=3, prefix=1)
        if stem(word.lower()) != word.lower():
            found += corrector.suggest(stem(word.lower()), limit=3, prefix=1)
        for suggestion in list(dict.fromkeys(found))[:3]:
            surface = _surface(searcher, store, suggestion)
            if surface and surface.casefold() != word.casefold():
                suggestions.append(surface)
    known = [r[0] for r in store.db.execute("SELECT DISTINCT outlet FROM items WHERE outlet IS NOT NULL")]
    for name in (*filters.outlets, *filters.excluded_outlets):
        if name not in known:
            for match in get_close_matches(name, known, n=3, cutoff=0.4):
                suggestions.append(f'outlet:"{match}"' if " " in match else f"outlet:{match}")
    return list(dict.fromkeys(suggestions))


def _surface(searcher: Any, store: Store, term: str) -> str | None:
    """A word as the corpus prints it for an index term (``forc`` → ``forces``)."""
    from digestcite.index.analyzers import term_spans

    reader = searcher.reader()
    if ("body", term) not in reader:
        return None
    docnums = []
    for docnum in reader.postings("body", term).all_ids():
        docnums.append(docnum)
        if len(docnums) == 3:
            break
    keys = [k for k in (searcher.stored_fields(d).get("key") for d in docnums) if k]
    if not keys:
        return None
    for item in store.items(keys=keys, with_claims=True):
        for text in (item.title, *(c.text for c in item.claims)):
            for found, start, end in term_spans(text):
                if found == term:
                    return text[start:end]
    return None
