"""The outlet registry: canonical names, aliases and labels for the outlets digests cite.

The bundled list lives in ``digestcite/data/outlets.json``; a corpus adds its own aliases
(``digestcite sources alias HKET "Hong Kong Economic Times"``). Outlets nobody knows are
kept exactly as printed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any, overload

# Words that qualify an outlet's name without changing the outlet ("RFA Mandarin").
_QUALIFIERS = frozenset(
    ["news", "chinese", "mandarin", "cantonese", "english", "edition", "online", "website", "web", "service", "com", "net", "org",
     # an edition for a country or region: "Reuters France", "Bloomberg Europe", "The Guardian Australia"
     "france", "uk", "us", "usa", "india", "japan", "china", "asia", "europe", "africa", "australia", "canada", "deutschland",
     "espana", "españa", "italia", "brasil", "mexico", "fr", "de", "cn", "jp", "au", "in",
     # the Arabic for "online" and "net" after a name: الأهرام أونلاين, الجزيرة نت
     "أونلاين", "نت",
     # a broadcaster's channel or service: "RTHK Radio 3", "CCTV-13 news channel", "Bloomberg Television"
     "tv", "television", "radio", "channel", "video", *(str(n) for n in range(1, 21))]
)
_HOST_NOISE = frozenset(["www", "m", "news", "en", "cn", "com", "net", "org", "co", "uk", "hk", "tw", "gov", "edu", "english", "chinese", "big5", "gb"])


@dataclass(frozen=True, slots=True)
class Outlet:
    """An outlet with its canonical name, citation-key stem, label and aliases."""

    name: str
    key: str
    label: str | None = None
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


_CACHE_VERSION = 4  # the layout of the folded-names cache (OutletRegistry.bundled): 4 adds the folded scripts
# Not a word character, an apostrophe or a CJK ideograph (U+4E00-U+9FFF). NOTE (issue 13,
# "Speed"): the ideographs are word characters already, but for the last three, unassigned
# before Unicode 14 (Python 3.10); naming the whole block made re fill 21,000 characters
# one by one, 1-1.5 ms of every lookup that folds an outlet's name.
_NOT_NAME = re.compile(r"[^\w'\u9ffd-\u9fff]+")
_LEADING_THE = re.compile(r"^the\s+")
# The ways an outlet publishes, printed after its name in Chinese: its app, site, account
_CJK_PLATFORMS = ("客户端", "客戶端", "官方网站", "官方網站", "网站", "網站", "官网", "官網", "微信公众号", "微信公眾號", "公众号",
                  "公眾號", "官方微博", "微博", "新闻网", "新聞網", "电子版", "電子版", "网络版", "網路版", "app")


def _has_han(text: str) -> bool:
    """Whether ``text`` has CJK (no regular expression: see _NOT_NAME's note)."""
    return not text.isascii() and any(_is_han(char) for char in text)


def _without_platform(norm: str) -> str:
    """A folded Chinese name without the word for the app or site it was read on (央视新闻客户端)."""
    for word in _CJK_PLATFORMS:
        if norm.endswith(word):
            return norm[: -len(word)].rstrip()
    return norm


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or char in "《》「」"


def _script_runs(text: str) -> list[str]:
    """``text`` cut where it turns from CJK (U+3400-U+9FFF and 《》「」) to anything else or back.

    NOTE (issue 13, "Speed"): a regular expression with these classes cost ~2 ms to compile,
    in a lookup that meets a credited name no alias knows.
    """
    return ["".join(run) for _, run in groupby(text, key=_is_han)]


@lru_cache(maxsize=65536)
def normalize_outlet(text: str) -> str:
    """Fold an outlet name for matching: case, quotes, punctuation, a leading 'the'."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.replace("’", "'").replace("‘", "'")
    folded = _NOT_NAME.sub(" ", folded)
    folded = _LEADING_THE.sub("", folded.strip())
    return " ".join(folded.split())


_han_converters: list[Any] = []  # OpenCC's jp2t and t2s, made on first use


@lru_cache(maxsize=65536)
def fold_han(norm: str) -> str:
    """A folded name's Chinese characters in one script: simplified, with Japanese shinjitai
    forms taken as the characters they stand for (毎日新聞, 每日新聞, 每日新闻 fold alike).

    NOTE (heldout5 embassy highlights): a Japanese page writes 第一財経 and 中国新聞社, a
    Taiwanese one 環球時報; the registry listed each outlet's simplified and traditional
    names by hand, and no hand list keeps up with three scripts mixed in one name. OpenCC's
    tables do (jp2t, then t2s), loaded only when a name printed in Chinese characters is not
    found as it stands.
    """
    if not _has_han(norm):
        return norm
    if not _han_converters:
        import opencc

        _han_converters.extend([opencc.OpenCC("jp2t"), opencc.OpenCC("t2s")])
    folded = norm
    for converter in _han_converters:
        folded = converter.convert(folded)
    return folded


def outlet_key(name: str) -> str:
    """A citation-key stem for an outlet nobody registered: its letters, lower-case."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    stem = "".join(words)[:16]
    return stem or "source"


@dataclass
class OutletRegistry:
    """Resolves outlet names as printed to registered outlets."""

    outlets: Sequence[Outlet]
    _by_alias: MutableMapping[str, Outlet] = field(default_factory=dict, repr=False)
    _alias_text: dict[str, str] = field(default_factory=dict, repr=False)
    _by_domain: MutableMapping[str, Outlet] = field(default_factory=dict, repr=False)
    _first_words: set[str] | None = field(default=None, repr=False)
    # the cache's alias texts, read into _alias_text on first use (a lookup never needs them)
    _alias_text_json: bytes | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        for outlet in self.outlets:
            for alias in (outlet.name, *outlet.aliases):
                self._remember(alias, outlet)
            for domain in outlet.domains:
                self._by_domain.setdefault(domain.lower(), outlet)
            if len(outlet.key) >= 4:  # NOTE: a short key ("byd") is an abbreviation of something else too
                self._by_alias.setdefault(normalize_outlet(outlet.key), outlet)
        for outlet in self.outlets:  # after every name as printed, so that none is taken by a fold
            for alias in (outlet.name, *outlet.aliases):
                self._remember_folded(alias, outlet)

    def _remember(self, alias: str, outlet: Outlet, *, replace: bool = False) -> None:
        norm = normalize_outlet(alias)
        if norm and (replace or norm not in self._by_alias):
            self._by_alias[norm] = outlet
            self._alias_text[norm] = alias  # over the cached texts, once they are read
        if replace:
            self._remember_folded(alias, outlet, replace=True)

    def _remember_folded(self, alias: str, outlet: Outlet, *, replace: bool = False) -> None:
        # NOTE: not a government's bodies: 國防部 and 外交部 in traditional characters are
        # Taiwan's, in simplified the PRC's, and each is registered as printed
        if outlet.label == "government source":
            return
        norm = normalize_outlet(alias)
        folded = fold_han(norm)
        if folded != norm and (replace or folded not in self._by_alias):
            self._by_alias[folded] = outlet
            self._alias_text[folded] = alias

    def _named(self, norm: str) -> Outlet | None:
        """The outlet a folded name is registered under, as printed or in the other script."""
        found = self._by_alias.get(norm)
        if found is None and _has_han(norm):
            found = self._by_alias.get(fold_han(norm))
            if found is not None and found.label == "government source":
                return None  # see _remember_folded
        return found

    def _texts(self) -> dict[str, str]:
        """Each folded name's alias as written, reading the cached ones on first use.

        NOTE (issue 13, "Speed"): a third of the cache, which resolving a name never needs:
        ~0.5 ms of a lookup that meets a credited name. A damaged line of them is made again
        from the outlets, as the registry first made it.
        """
        if self._alias_text_json is not None:
            pending, self._alias_text_json = self._alias_text_json, None
            try:
                cached = json.loads(pending)
                if not isinstance(cached, dict):
                    raise ValueError("not an object")
            except ValueError:
                cached = type(self)(list(self.outlets))._alias_text
            cached.update(self._alias_text)  # names remembered since (the corpus's aliases) win
            self._alias_text = cached
        return self._alias_text

    @classmethod
    def bundled(cls, cache: Path | None = None) -> OutletRegistry:
        """The registry shipped with digestcite.

        :param cache: a file to keep the registry's folded names in (derived data: a missing,
            stale or damaged file is rebuilt; one that cannot be written is done without).

        NOTE (issue 13, speed): folding ~2,300 names takes ~7 ms of every ``cite`` that meets a
        credited name; reading them back folded (JSON, not marshal or pickle: a corpus folder
        may come from someone else) took about 3 ms, ~1 ms now that a name is looked up in the
        cache's sorted lines (:class:`_CachedNames`) and only the outlets found are read.
        """
        # NOTE: a plain path, not importlib.resources (7 ms of imports in every lookup);
        # the package is always installed as files (setup.cfg: package_data).
        source = Path(__file__).resolve().parent.parent / "data" / "outlets.json"
        if cache is not None:
            cached = cls._from_cache(source, cache)
            if cached is not None:
                return cached
        data = json.loads(source.read_text("utf-8"))
        registry = cls([
            Outlet(o["name"], o["key"], o.get("label"), tuple(o.get("aliases", ())), tuple(o.get("domains", ())))
            for o in data["outlets"]
        ])
        if cache is not None:
            registry._to_cache(source, cache)
        return registry

    @staticmethod
    def _identity(source: Path) -> tuple[int, int, int]:
        stat = source.stat()
        return (_CACHE_VERSION, stat.st_size, stat.st_mtime_ns)

    @classmethod
    def _from_cache(cls, source: Path, cache: Path) -> OutletRegistry | None:
        """The registry kept in ``cache``, or None (missing, stale, damaged or of another layout).

        The file's five lines: the identity of outlets.json it was made from; the folded names
        with their outlet's number, sorted, one a line (one JSON string); the outlets, one JSON
        array a line (one JSON string); the domains (a JSON object); the aliases as written
        (a JSON object, read on first use). A name is found by bisection and only the outlets
        found are read: a lookup never makes the ~2,300 names and ~450 outlets.
        """
        try:
            identity, names, outlets, domains, alias_text = cache.read_bytes().split(b"\n")
            if tuple(json.loads(identity)) != cls._identity(source):
                return None
            made = _CachedOutlets(json.loads(outlets).split("\n"))
            by_domain = json.loads(domains)
            if not isinstance(by_domain, dict):
                return None
            registry = cls.__new__(cls)
            registry.outlets = made
            registry._by_alias = _CachedNames(_SortedNumbers(json.loads(names).split("\n")), made)
            registry._alias_text = {}
            registry._alias_text_json = alias_text
            registry._by_domain = _CachedNames(by_domain, made)
            registry._first_words = None
            return registry
        except (OSError, ValueError, TypeError, IndexError, KeyError, AttributeError):
            return None  # missing, damaged or of another layout: rebuilt from outlets.json

    def _to_cache(self, source: Path, cache: Path) -> None:
        import os

        number = {id(outlet): i for i, outlet in enumerate(self.outlets)}
        # NOTE: a folded name has no tab or newline, and JSON escapes every newline inside a
        # value: each part is one line, and within the two strings one entry is one line.
        names = "\n".join(sorted(f"{norm}\t{number[id(o)]}" for norm, o in self._by_alias.items()))
        outlets = "\n".join(json.dumps([o.name, o.key, o.label, o.aliases, o.domains], ensure_ascii=False)
                            for o in self.outlets)
        parts = (self._identity(source), names, outlets,
                 {domain: number[id(o)] for domain, o in self._by_domain.items()}, self._texts())
        lines = [json.dumps(part, ensure_ascii=False, separators=(",", ":")) for part in parts]
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        try:
            partial.write_text("\n".join(lines), "utf-8")
            os.replace(partial, cache)  # whole or not at all: a reader never sees half a file
        except OSError:
            partial.unlink(missing_ok=True)

    def add_alias(self, alias: str, name: str) -> Outlet:
        """Make ``alias`` resolve to the outlet called ``name`` (registered or not)."""
        target = self.resolve(name) or Outlet(name, outlet_key(name))
        self._remember(alias, target, replace=True)
        return target

    def could_start_name(self, word: str) -> bool:
        """Whether some registered name begins with this word (a cheap test before resolving)."""
        if self._first_words is None:
            self._first_words = {norm.split()[0] for norm in self._by_alias if norm}
        folded = normalize_outlet(re.sub(r"['’]s?$", "", word.strip(".,;:()[]\"“”")))
        return bool(folded) and folded.split()[0] in self._first_words

    def resolve(self, printed: str) -> Outlet | None:
        """The registered outlet a printed name refers to, or None.

        Also understands a name with a qualifier (``The Epoch Times (Chinese)``,
        ``RFA Mandarin``) and a web address (``https://www.rfa.org/…``, ``news.sina.com.cn``).
        """
        norm = normalize_outlet(printed)
        if not norm:
            return None
        found = self._named(norm)
        if found is not None:
            return found
        # (a web address has a dot: without one, the expression is not compiled at all)
        host = re.match(r"^(?:https?://)?((?:[\w-]+\.)+[a-z]{2,})(?:[/:]|$)", printed.strip().lower()) if "." in printed else None
        if host:
            # a registered domain or one of its parents (news.example.com → example.com)
            parts = host.group(1).split(".")
            for start in range(len(parts) - 1):
                if (found := self._by_domain.get(".".join(parts[start:]))) is not None:
                    return found
            for label in host.group(1).split("."):
                if label not in _HOST_NOISE and (found := self._by_alias.get(label)) is not None:
                    return found
            return None
        bare = normalize_outlet(re.sub(r"[(（][^)）]*[)）]", " ", printed))
        if bare and bare != norm and (found := self._named(bare)) is not None:
            return found
        # a name printed in two scripts ("RTHK 香港電台", "香港經濟日報 HKET"): either part
        runs = [] if printed.isascii() else [r.strip() for r in _script_runs(printed) if r.strip(" ,|/()（）")]
        # (each part short enough to be a name: "【NHK】沖繩縣知事訪台推動觀光" is a headline)
        if len(runs) == 2 and all(len(run) <= (10 if _has_han(run) else 40) for run in runs):
            for run in runs:
                if (found := self._named(normalize_outlet(run))) is not None:
                    return found
        platform = _without_platform(norm) if _has_han(norm) else norm
        if platform != norm and len(platform) >= 2 and (found := self._named(platform)) is not None:
            return found  # "央视新闻客户端", "中华人民共和国外交部网站": the outlet's app or site
        words = bare.split()
        while len(words) > 1 and words[-1] in _QUALIFIERS:
            words = words[:-1]
            if (found := self._by_alias.get(" ".join(words))) is not None:
                return found
        return None

    def resolve_site_name(self, site_name: str) -> str | None:
        """The part of a site name that names a registered outlet (``中央社 CNA``,
        ``Hong Kong Free Press HKFP``, ``News | Reuters``), as printed, or None."""
        if self.resolve(site_name):
            return site_name.strip()
        parts = [p for p in re.split(r"\s*[|｜·•]\s*|\s+[-–—]\s+|(?<=[\u3400-\u9fff])\s+(?=[A-Za-z])|"
                                     r"(?<=[A-Za-z])\s+(?=[\u3400-\u9fff])", site_name.strip()) if p]
        found = next((p for p in parts if len(p) <= 60 and self.resolve(p)), None) if len(parts) > 1 else None
        words = site_name.split()
        if found is None and len(words) > 1 and words[-1].isupper() and self.resolve(" ".join(words[:-1])):
            found = " ".join(words[:-1])  # "Hong Kong Free Press HKFP"
        return found

    def canonical(self, printed: str) -> tuple[str, str]:
        """``(canonical name, citation-key stem)`` for a printed outlet name."""
        outlet = self.resolve(printed)
        if outlet is not None:
            return outlet.name, outlet.key
        cleaned = " ".join(printed.split()).strip(" .,:;-")
        return cleaned, outlet_key(cleaned)

    def aliases_of(self, name: str) -> list[str]:
        """Every alias that resolves to the outlet called ``name``."""
        return sorted({
            text for norm, text in self._texts().items()
            if (outlet := self._by_alias.get(norm)) is not None and outlet.name == name and text != name
        })

    def label_of(self, name: str) -> str | None:
        outlet = self.resolve(name)
        return outlet.label if outlet else None


class _CachedOutlets(Sequence[Outlet]):
    """The cached registry's outlets, each read from its JSON line when first asked for (then kept)."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._made: dict[int, Outlet] = {}

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> Outlet: ...

    @overload
    def __getitem__(self, index: slice) -> list[Outlet]: ...

    def __getitem__(self, index: int | slice) -> Outlet | list[Outlet]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        index = range(len(self))[index]  # IndexError past the end, as a list
        found = self._made.get(index)
        if found is None:
            name, key, label, aliases, domains = json.loads(self._lines[index])
            found = self._made[index] = Outlet(name, key, label, tuple(aliases), tuple(domains))
        return found


class _SortedNumbers:
    """``name\\tnumber`` lines sorted by name: the number of a name by bisection, and the names."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines

    def get(self, name: str) -> int | None:
        probe = name + "\t"  # a tab sorts before any character of a name
        at = bisect_left(self._lines, probe)
        if at < len(self._lines) and self._lines[at].startswith(probe):
            return int(self._lines[at][len(probe):])
        return None

    def __iter__(self) -> Iterator[str]:
        return (line.partition("\t")[0] for line in self._lines)


class _CachedNames(MutableMapping[str, Outlet]):
    """A cached registry's folded names (or domains) to outlets: the cache's numbers, then what was added."""

    def __init__(self, numbers: _SortedNumbers | dict[str, int], outlets: _CachedOutlets) -> None:
        self._numbers: _SortedNumbers | dict[str, int] = numbers
        self._outlets = outlets
        self._added: dict[str, Outlet] = {}
        self._removed: set[str] = set()

    def __getitem__(self, name: str) -> Outlet:
        if name in self._added:
            return self._added[name]
        if name in self._removed:
            raise KeyError(name)
        try:
            number = self._numbers.get(name)
            if number is not None:
                return self._outlets[number]
        except (ValueError, TypeError, IndexError):
            # NOTE: the file is written whole (os.replace); a line that does not read was
            # changed by hand: its name is taken as unknown rather than failing the command
            pass
        raise KeyError(name)

    def __setitem__(self, name: str, outlet: Outlet) -> None:
        self._added[name] = outlet
        self._removed.discard(name)

    def __delitem__(self, name: str) -> None:
        self[name]  # KeyError if absent
        self._added.pop(name, None)
        self._removed.add(name)

    def __iter__(self) -> Iterator[str]:
        yield from (name for name in self._numbers if name not in self._added and name not in self._removed)
        yield from self._added

    def __len__(self) -> int:
        return sum(1 for _ in self)
