"""The figures page shares its rendering, keyed by the cached figures it
shows: a view renders only the page frame, and new figures (a new "As of"
time) are rendered at once, never an older rendering of them."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from django.urls import reverse

from aufbruch.figures import selectors
from aufbruch.ideas.models import Idea

pytestmark = pytest.mark.django_db

CONTENT = "figures/_figures_content.html"


def _templates(response) -> list[str]:
    return [t.name for t in response.templates]


def _content(response) -> str:
    """The page without its frame (which holds a per-request CSRF token)."""
    html = response.content.decode()
    return html[html.index('<h1 class="kern-heading-large">') : html.index("</main>")]


def test_the_rendering_is_shared_until_the_figures_are_recomputed(client, idea, monkeypatch):
    Idea.objects.filter(pk=idea.pk).update(is_hidden=False)
    url = reverse("figures:list")
    first = client.get(url)
    assert first.status_code == 200 and CONTENT in _templates(first)
    again = client.get(url)
    assert CONTENT not in _templates(again) and "figures/figures.html" in _templates(again)
    assert _content(again) == _content(first)

    # The figures are recomputed (their cache expired): a new "As of" time.
    real = selectors.cached_figures
    later = real().computed_at + timedelta(minutes=7)
    monkeypatch.setattr(
        selectors,
        "cached_figures",
        lambda **kw: dataclasses.replace(real(**kw), computed_at=later),
    )
    fresh = client.get(url)
    assert CONTENT in _templates(fresh) and _content(fresh) != _content(first)


def test_each_selection_has_its_own_rendering(client, idea, topic):
    Idea.objects.filter(pk=idea.pk).update(is_hidden=False)
    url = reverse("figures:list")
    whole = _content(client.get(url))
    only_topic = _content(client.get(url, {"topic": topic.slug}))
    assert "Wer mitmacht" in whole and "Wer mitmacht" not in only_topic
    assert _content(client.get(url)) == whole
