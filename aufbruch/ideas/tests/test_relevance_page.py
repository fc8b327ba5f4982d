"""idea_relevance_page: a search page in relevance order made from the
ranked window (issue #15) must show exactly what the general path shows
(idea_search + idea_sort("relevance") + idea_page): the same ideas in the
same order, the same count, cap and pages, with hidden ideas and filters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from aufbruch.core.testing import DistrictFactory
from aufbruch.ideas import selectors
from aufbruch.ideas.models import Idea

pytestmark = pytest.mark.django_db

TEXTS = [
    ("Radweg am Wall", "Ein sicherer Weg"),
    ("Fahrradstraße Bahnhof", "Mehr Platz für Räder"),
    ("Digitale Schule", "Tablets und WLAN für die Schule"),
    ("Spielplatz im Park", "Ein Radweg führt vorbei"),
    ("Bänke am Teich", "Digitalisierung der Parkbank"),
    ("Radwegebau Nord", "Schule und Radweg verbinden"),
]


@pytest.fixture
def ideas(make_idea, user, topic):
    district = DistrictFactory()
    made = []
    start = timezone.now() - timedelta(days=30)
    for i in range(24):
        title, body = TEXTS[i % len(TEXTS)]
        idea = make_idea(
            user, title=f"{title} {i}", body=body, district=district if i % 3 else None
        )
        made.append(idea)
    # Dates out of id order (ideas entered later from paper), some equal.
    for i, idea in enumerate(made):
        Idea.objects.filter(pk=idea.pk).update(created_at=start + timedelta(hours=(i * 7) % 11))
    Idea.objects.filter(pk__in=[made[4].pk, made[9].pk]).update(is_hidden=True)
    return {"district": district, "topic": topic}


def _general(qs, query, page, per_page, typos=False, narrowed=False):
    qs = selectors.idea_sort(
        selectors.idea_search(qs, query, typos=typos, narrowed=narrowed), "relevance"
    )
    return selectors.idea_page(qs, page=page, per_page=per_page)


def _same(a, b):
    assert [i.pk for i in a.items] == [i.pk for i in b.items]
    assert (a.number, a.total, a.total_is_capped, a.has_next, a.page_range) == (
        b.number,
        b.total,
        b.total_is_capped,
        b.has_next,
        b.page_range,
    )


@pytest.mark.parametrize(
    "query", ["Radweg", "Fahrradstraße", "Digitalisierung Schule", "der", "Spielplaz"]
)
@pytest.mark.parametrize("cap", [1000, 5])
def test_the_relevance_page_shows_what_the_general_path_shows(ideas, monkeypatch, query, cap):
    monkeypatch.setattr(selectors, "COUNT_CAP", cap)
    monkeypatch.setattr(selectors, "RANK_WINDOW", cap)
    public = selectors.idea_list_public()
    for typos in (False, True):
        for page in (1, 2, 3, 9):
            for per_page in (2, 5):
                fast = selectors.idea_relevance_page(
                    public, query, page=page, per_page=per_page, typos=typos
                )
                _same(fast, _general(public, query, page, per_page, typos=typos))


def test_the_relevance_page_keeps_the_filters(ideas):
    narrowed = selectors.idea_list_public().filter(district=ideas["district"])
    for query in ("Radweg", "Schule"):
        for page in (1, 2):
            fast = selectors.idea_relevance_page(
                narrowed, query, page=page, per_page=3, narrowed=True
            )
            _same(fast, _general(narrowed, query, page, 3, narrowed=True))
            assert all(i.district_id == ideas["district"].pk for i in fast.items)
            assert fast.items


def test_site_search_hits_follow_the_same_order(ideas):
    hits, total = selectors.idea_search_hits("Radweg", limit=4)
    general = _general(selectors.idea_list_public(), "Radweg", 1, 4)
    assert [h.title for h in hits] == [i.title for i in general.items]
    assert total == general.total
