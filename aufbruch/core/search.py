"""German search without a search server.

Text is reduced to Snowball stems with umlauts folded ("Fahrradstraßen" ->
"fahrradstrass") and stored as " <title stems> | <other stems> ". A query
is split into *groups*, one per word, and every group is optional: a row
matches when any group matches, and rows that match more groups (and match
them in the title) come first.

- Inflection: Snowball stems ("Schulen" -> "schul").
- Parts of compounds: a group matches when one of its stems is contained
  in the stored text, so "Weg" finds "Radweg". The other way round, a query
  compound is split into known parts (``PARTS``, with synonyms such as
  Fahrrad/Rad), so "Fahrradweg" finds "Radweg" and "Digitalisierung"
  finds "digitale".
- One typo: when a query finds (almost) nothing, each group that matched
  nothing is retried with its edit-distance-1 patterns (``typo_patterns``).

Ideas are searched by exact terms (``document_terms``: every stem and the
known parts of compounds, stored in ideas.IdeaSearchTerm and looked up with
``term IN (...)``, which an index serves on SQLite and PostgreSQL alike);
a typo is looked up in the vocabulary of stored terms (``typo_groups``).
Small collections are matched in Python with the patterns below
(``score_document``). Apps offer their public objects to the site-wide
search through ``register_search_type`` in their ``AppConfig.ready()``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.db import models

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "à": "a"})
MIN_TERM_LENGTH = 3
MAX_GROUPS = 8
TITLE_SEPARATOR = "|"
# A group that matches in the title counts this much more than one in the text.
TITLE_WEIGHT = 2
# Shorter stems get no typo patterns: too many words are one letter away.
TYPO_MIN_LENGTH = 4


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("german")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower()).translate(_FOLD)


def terms(text: str) -> list[str]:
    return [
        stem(w) for w in _WORD.findall(text or "") if not w.isdigit() or len(w) >= MIN_TERM_LENGTH
    ]


def search_document(title: str, *parts: str) -> str:
    """The text stored for searching: the title's stems, a separator, the
    stems of the other parts; space separated and padded with spaces."""
    rest = " ".join(terms(" ".join(p for p in parts if p)))
    return f" {' '.join(terms(title))} {TITLE_SEPARATOR} {rest} "


def query_terms(query: str) -> list[str]:
    """Distinct query stems long enough to be meaningful (at most MAX_GROUPS)."""
    seen: list[str] = []
    for t in terms(query[:200]):
        if len(t) >= MIN_TERM_LENGTH and t not in seen:
            seen.append(t)
    return seen[:MAX_GROUPS]


# --- parts of compound words -------------------------------------------------------

# Common parts of compound words in a city's ideas. Each entry is one part;
# words on one line mean the same ("Fahrrad" and "Rad"): the shortest
# stem stands for all of them, since it is contained in the longer ones.
_PART_LINES = """
fahrrad rad
weg
strasse
platz
schule schul
digital
kinder kind
spiel
garten
park
baum
wald
bus
bahn
halte
haltestelle
ampel
licht
bank
markt
sport
halle
bad
wasser
brunnen
brücke
müll
abfall
energie
solar
klima
grün
wohnung wohnen
haus
jugend
senioren
familie
bürger
verkehr
auto
parkplatz
fußgänger fuß
tempo
lärm
toilette
bücherei bibliothek
kita
sicherheit sicher
tier
hund
internet
wlan
netz
bildung
kultur
musik
fest
bau
stadt
zentrum
innenstadt
dorf
ortsteil
feuerwehr
polizei
gesundheit
pflege
arzt
car
sharing
""".strip().splitlines()

# Endings that derive a word from a part ("Digitalisierung" from "digital").
_DERIVATIONS = ("isier", "isierung", "ung", "ig", "isch", "lich", "er", "en", "e", "s", "n")
# Letters that join parts of a compound ("Schul-e-weg", "Verkehr-s-insel").
_LINKS = ("", "s", "e", "n", "en", "es", "er")


@lru_cache(maxsize=1)
def _parts() -> dict[str, str]:
    """Stem of each known part -> the stem that stands for its meaning."""
    out: dict[str, str] = {}
    for line in _PART_LINES:
        words = [stem(w) for w in line.split()]
        words = [w for w in words if len(w) >= MIN_TERM_LENGTH]
        if not words:
            continue
        canonical = min(words, key=len)
        for w in words:
            out.setdefault(w, canonical)
    return out


def _split(word: str, depth: int = 0) -> list[str] | None:
    """Known parts that make up ``word`` (with joining letters), or None."""
    parts = _parts()
    if word in parts:
        return [parts[word]]
    if depth > 3:
        return None
    for i in range(len(word) - MIN_TERM_LENGTH, MIN_TERM_LENGTH - 1, -1):
        head = word[:i]
        if head not in parts:
            continue
        rest = word[i:]
        for link in _LINKS:
            if link and not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if not tail:
                continue
            if tail in _DERIVATIONS:
                return [parts[head]]
            found = _split(tail, depth + 1)
            if found:
                return [parts[head], *found]
    return None


@dataclass(frozen=True)
class Group:
    """One query word: the stems that count as a match for it."""

    word: str
    stems: tuple[str, ...]

    def patterns(self) -> list[str]:
        return [f"%{s}%" for s in self.stems]

    def title_patterns(self) -> list[str]:
        return [f"%{s}%{TITLE_SEPARATOR}%" for s in self.stems]

    def typo_patterns(self) -> list[str]:
        out: list[str] = []
        for s in self.stems:
            out += [f"%{p}%" for p in typo_patterns(s)]
        return out


def query_groups(query: str) -> list[Group]:
    """One group per query word. A compound of known parts becomes one group
    per part ("Fahrradweg" -> rad, weg), so its parts match separately."""
    return _minimal(_word_groups(query_terms(query)))[:MAX_GROUPS]


def _word_groups(words: list[str]) -> list[Group]:
    groups: list[Group] = []
    seen: set[str] = set()
    for t in words:
        split = _split(t)
        if split and len(split) > 1:
            for part in split:
                if part not in seen:
                    seen.add(part)
                    groups.append(Group(word=part, stems=(part,)))
            continue
        # A word that is a known part, or begins with one followed by an
        # ending ("digitalisier" -> "digital"), also matches that part.
        stems = [t] if split is None else [t, split[0]]
        if t not in seen:
            seen.add(t)
            groups.append(Group(word=t, stems=tuple(dict.fromkeys(stems))))
    return groups


def _minimal(groups: list[Group]) -> list[Group]:
    """Drop stems contained in a shorter stem of the same group (the shorter
    one already matches wherever the longer one does)."""
    out = []
    for g in groups:
        kept: list[str] = []
        for s in sorted(g.stems, key=len):
            if not any(k in s for k in kept):
                kept.append(s)
        out.append(Group(word=g.word, stems=tuple(kept)))
    return out


def typo_patterns(term: str) -> list[str]:
    """LIKE patterns (without the outer %) one edit away from ``term``: a
    letter replaced (``_``), left out, doubled or two letters swapped. The
    first and last letters stay, which keeps the patterns selective."""
    if len(term) < TYPO_MIN_LENGTH:
        return []
    out: list[str] = []
    for i in range(1, len(term)):
        out.append(term[:i] + "_" + term[i + 1 :])  # replaced (or the term has one too many)
        out.append(term[:i] + "_" + term[i:])  # one left out in the query
        out.append(term[:i] + term[i + 1 :])  # one too many in the query
        if i < len(term) - 1:
            out.append(term[:i] + term[i + 1] + term[i] + term[i + 2 :])  # swapped
    return list(dict.fromkeys(p for p in out if len(p.replace("_", "")) >= MIN_TERM_LENGTH))


# --- exact terms (the idea search term table) -----------------------------------------

# Words too common to tell ideas apart; neither stored as terms nor looked up
# (a lookup of "der" would read a row of nearly every idea).
_STOPWORDS = """
der die das den dem des ein eine einen einem einer eines und oder aber auch
als am an auf aus bei bis durch fur für im in ins mit nach noch nicht nur ob
ohne sich sie sind so um und uns vom von vor war was wie wir wird zu zum zur
ist es er ich man mich mir sein seine ihr ihre hat haben dass daß kann können
""".split()
# Terms are stored in a column of this length.
TERM_MAX_LENGTH = 40


@lru_cache(maxsize=1)
def _stopword_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in _STOPWORDS)


def _is_stopword(term: str) -> bool:
    return term in _stopword_stems()


@lru_cache(maxsize=50_000)
def word_terms(term: str) -> tuple[str, ...]:
    """The stored terms for one document stem: the stem itself and the
    known parts it is made of ("radwegebau" -> radwegebau, rad, weg, bau),
    each part by the stem that stands for its meaning (fahrrad -> rad). A
    word that is not made of known parts only still yields a known part it
    begins or ends with ("bahnhofstrass" -> strass), so that part finds it."""
    if len(term) < MIN_TERM_LENGTH or _is_stopword(term):
        return ()
    out = [term[:TERM_MAX_LENGTH]]
    split = _split(term)
    if split:
        out += split
    else:
        parts = _parts()
        for i in range(len(term) - MIN_TERM_LENGTH, MIN_TERM_LENGTH - 1, -1):
            if term[:i] in parts:
                out.append(parts[term[:i]])
                break
        for i in range(MIN_TERM_LENGTH, len(term) - MIN_TERM_LENGTH + 1):
            if term[i:] in parts:
                out.append(parts[term[i:]])
                break
    return tuple(dict.fromkeys(out))


def document_terms(title: str, *parts: str) -> dict[str, bool]:
    """Every term of a document for the term table -> whether it occurs in
    the title (the same text as ``search_document``)."""
    out: dict[str, bool] = {}
    for t in terms(title):
        for term in word_terms(t):
            out[term] = True
    for t in terms(" ".join(p for p in parts if p)):
        for term in word_terms(t):
            out.setdefault(term, False)
    return out


def group_terms(group: Group) -> tuple[str, ...]:
    """The stored terms that count as a match for a query group: its stems
    (a compound's parts are groups of their own, see ``query_groups``)."""
    return tuple(s[:TERM_MAX_LENGTH] for s in group.stems)


def exact_groups(query: str) -> list[Group]:
    """``query_groups`` for exact term lookups: stopwords dropped, and every
    stem kept (``_minimal`` drops stems contained in shorter ones, which only
    a substring match may do)."""
    words = [t for t in query_terms(query) if not _is_stopword(t)]
    return _word_groups(words)[:MAX_GROUPS]


def one_edit_apart(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with one letter replaced, added, left out, or
    two neighbouring letters swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def typo_groups(groups: list[Group], vocabulary: Callable[[str], list[str]]) -> list[Group]:
    """The groups with stored terms one edit away (``vocabulary(prefix)``
    lists the stored terms that begin with a two-letter prefix). The first
    two letters must be right, which keeps the candidates few."""
    out = []
    for g in groups:
        near = [
            term
            for s in g.stems
            if len(s) >= TYPO_MIN_LENGTH
            for term in vocabulary(s[:2])
            if one_edit_apart(s, term)
        ]
        out.append(Group(word=g.word, stems=tuple(dict.fromkeys([*g.stems, *near]))))
    return out


def term_rank(groups: list[Group], *, prefix: str, title_weight: int = TITLE_WEIGHT):
    """SQL over term rows (``prefix`` names the relation, "" for the term
    table itself): per group 1 + title_weight when one of its terms is in
    the title, 1 when one is elsewhere; an aggregate over the rows of one
    searched object."""
    total = models.Value(0)
    for g in groups:
        matched = {f"{prefix}term__in": group_terms(g)}
        whens = [models.When(**matched, then=1)]
        if title_weight:
            whens.insert(
                0, models.When(**matched, **{f"{prefix}in_title": True}, then=1 + title_weight)
            )
        total = total + models.Max(
            models.Case(*whens, default=0, output_field=models.IntegerField())
        )
    return total


def all_group_terms(groups: list[Group]) -> list[str]:
    return sorted({t for g in groups for t in group_terms(g)})


# --- matching in Python (small collections) --------------------------------------------


@lru_cache(maxsize=4096)
def _like_regex(pattern: str) -> re.Pattern:
    parts = (re.escape(c) if c not in "%_" else (".*" if c == "%" else ".") for c in pattern)
    return re.compile("".join(parts), re.DOTALL)


def like(text: str, pattern: str) -> bool:
    """SQL LIKE in Python (case-sensitive, no escape character)."""
    return _like_regex(pattern).fullmatch(text) is not None


def score_document(document: str, groups: list[Group], *, typos: bool = False) -> int:
    """The rank of a stored search text for the query groups; 0 is no match."""
    score = 0
    for g in groups:
        if any(like(document, p) for p in g.title_patterns()):
            score += 1 + TITLE_WEIGHT
        elif any(like(document, p) for p in g.patterns()):
            score += 1
        elif typos and any(like(document, p) for p in g.typo_patterns()):
            score += 1
    return score


# --- the site-wide search -------------------------------------------------------------


@dataclass
class SearchHit:
    """One hit; ``text`` is the object's Markdown source, shown as plain text."""

    title: str
    url: str
    text: str = ""
    meta: str = ""
    score: int = 0


@dataclass
class SearchSection:
    key: str
    label: str
    hits: list[SearchHit]
    total: int
    more_url: str = ""


@dataclass
class SearchType:
    """One kind of public object in the site-wide search. ``search`` gets the
    query text and a limit and returns the best hits (public ones only) and
    the number of matches."""

    key: str
    label: Callable[[], str]
    order: int
    search: Callable[[str, int], tuple[list[SearchHit], int]]
    more_url: Callable[[str], str] = field(default=lambda query: "")


_TYPES: dict[str, SearchType] = {}


def register_search_type(search_type: SearchType) -> None:
    _TYPES[search_type.key] = search_type


def search_types() -> list[SearchType]:
    return sorted(_TYPES.values(), key=lambda t: (t.order, t.key))


def search_everything(query: str, *, limit: int = 5) -> list[SearchSection]:
    """Each registered type's best hits for the query, in registration order;
    types without a match are left out."""
    sections = []
    for t in search_types():
        hits, total = t.search(query, limit)
        if hits:
            sections.append(
                SearchSection(
                    key=t.key, label=t.label(), hits=hits, total=total, more_url=t.more_url(query)
                )
            )
    return sections


# Small collections are ranked in Python over at most this many public rows.
SMALL_COLLECTION_ROWS = 2000


def search_small(
    qs,
    query: str,
    *,
    limit: int,
    title: Callable[[object], str],
    parts: Callable[[object], tuple[str, ...]],
    hit: Callable[[object], SearchHit],
) -> tuple[list[SearchHit], int]:
    """The site-wide search over a small queryset of public objects (events,
    surveys, …): their search text is built on the fly and ranked in Python."""
    if not query_groups(query):
        return [], 0
    rows = [(o, search_document(title(o), *parts(o))) for o in qs[:SMALL_COLLECTION_ROWS]]
    found, total = rank_documents(rows, query, limit=limit)
    return [hit(o) for o in found], total


def rank_documents(
    rows: list[tuple[object, str]], query: str, *, limit: int
) -> tuple[list[object], int]:
    """Rank (object, search document) pairs in Python for small collections:
    the best ``limit`` objects and the number of matches. Typo patterns are
    tried only when nothing matches exactly."""
    groups = query_groups(query)
    if not groups:
        return [], 0
    scored = [(score_document(doc, groups), i, obj) for i, (obj, doc) in enumerate(rows)]
    matched = [s for s in scored if s[0] > 0]
    if not matched:
        scored = [
            (score_document(doc, groups, typos=True), i, obj) for i, (obj, doc) in enumerate(rows)
        ]
        matched = [s for s in scored if s[0] > 0]
    matched.sort(key=lambda s: (-s[0], s[1]))
    return [obj for _s, _i, obj in matched[:limit]], len(matched)
