"""German search without a search server.

Text is reduced to Snowball stems with umlauts folded ("Fahrradstraßen" ->
"fahrradstrass"); a query matches when every stem of the query is contained
in the stored stem text. Containment finds inflected forms and parts of
compound words ("Straße" finds "Fahrradstraße"). On PostgreSQL a trigram GIN
index makes the containment test an index lookup.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"\w+", re.UNICODE)
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "à": "a"})
MIN_TERM_LENGTH = 3


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


def search_document(*parts: str) -> str:
    """The text stored for searching: stems, space separated, padded with spaces."""
    return " " + " ".join(terms(" ".join(p for p in parts if p))) + " "


def query_terms(query: str) -> list[str]:
    """Distinct query stems long enough to be meaningful (at most 8)."""
    seen: list[str] = []
    for t in terms(query[:200]):
        if len(t) >= MIN_TERM_LENGTH and t not in seen:
            seen.append(t)
    return seen[:8]
