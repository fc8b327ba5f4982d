"""Median of 10 warm runs of the idea search selectors (the list's ``q``
filter as the list view runs it, and similar ideas) at 100,000 ideas; see
docs/performance.md, "Search at 100,000 ideas":

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aufbruch_search_bench \\
        .venv/bin/python bench/search_selectors.py
"""

import os
import statistics
import sys
import time

import django

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aufbruch.settings.dev")
django.setup()

from django.conf import settings  # noqa: E402

from aufbruch.ideas import selectors as s  # noqa: E402
from aufbruch.ideas.views import CARD_FIELDS  # noqa: E402

LIST_QUERIES = ["Fahrradstraße", "Radweg", "Fahrradweg", "Digitalisierung Schule", "Spielplaz"]
LONG_TITLE = "Mehr Fahrradstraßen in der Innenstadt und sichere Radwege zur Gesamtschule"


def list_page(q: str):
    """What ideas.views._list_context does: exact first, then with a typo."""
    for typos in (False, True):
        qs = s.idea_filter(s.idea_list_public().select_related(None), query=q, typos=typos)
        qs = qs.select_related("topic", "district").only(*CARD_FIELDS)
        page = s.idea_page(s.idea_sort(qs, "relevance"), page=1, per_page=settings.IDEAS_PER_PAGE)
        if page.total:
            break
    return page.total, [i.title for i in page.items][:2]


def similar(q: str):
    return [i.title for i in s.similar_ideas(q)][:2]


def median_ms(fn, q: str) -> float:
    fn(q)
    times = []
    for _ in range(10):
        start = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    for fn, q in [(list_page, q) for q in LIST_QUERIES] + [(similar, LONG_TITLE)]:
        print(f"{fn.__name__:9} {q[:40]:42} median {median_ms(fn, q):7.1f} ms  {fn(q)}", flush=True)
