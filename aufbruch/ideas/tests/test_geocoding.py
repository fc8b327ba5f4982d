"""Addresses through the configured geocoder (a local Nominatim stub):
address search for the location picker, the address stored on the idea in a
background task after the commit and shown instead of coordinates, and
everything working as before without a geocoder."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from aufbruch.audit.models import AuditEntry
from aufbruch.core.tests.nominatim_stub import nominatim_stub
from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_edit, idea_set_address

pytestmark = pytest.mark.django_db

ADDRESS = "Rathaus, Berliner Straße 70, 33330 Gütersloh"


@pytest.fixture
def stub(settings):
    cache.clear()
    with nominatim_stub() as server:
        settings.GEOCODER_URL = server.url
        yield server
    cache.clear()


def submit(client, topic, capture, **point):
    data = {"title": "Bank vor dem Rathaus", "body": "Eine Bank zum Ausruhen.", "topic": topic.pk}
    data.update(point)
    with capture(execute=True):
        response = client.post(reverse("ideas:submit"), data)
    assert response.status_code == 302, response.content.decode()[:500]
    return Idea.objects.get(title="Bank vor dem Rathaus")


def test_address_is_stored_after_submit_and_shown_instead_of_coordinates(
    stub, user_client, topic, django_capture_on_commit_callbacks
):
    idea = submit(
        user_client,
        topic,
        django_capture_on_commit_callbacks,
        latitude="51.906567",
        longitude="8.378321",
    )
    assert idea.address == ADDRESS
    assert [p for p, _params, _h in stub.requests] == ["/reverse"]
    entry = AuditEntry.objects.get(action="idea.address_set", target_id=str(idea.pk))
    assert entry.details == {"address": ADDRESS}
    html = user_client.get(idea.get_absolute_url()).content.decode()
    assert ADDRESS in html and "Breitengrad 51" not in html


def test_moving_the_point_drops_the_old_address_and_looks_up_the_new_one(
    stub, user, user_client, topic, django_capture_on_commit_callbacks
):
    idea = submit(
        user_client,
        topic,
        django_capture_on_commit_callbacks,
        latitude="51.906567",
        longitude="8.378321",
    )
    with django_capture_on_commit_callbacks(execute=True):
        idea = idea_edit(
            idea=idea,
            user=user,
            title=idea.title,
            body=idea.body,
            topic=topic,
            latitude="48.137000",
            longitude="11.575000",
        )
    idea.refresh_from_db()
    assert idea.address == ""  # the stub knows no address there
    html = user_client.get(idea.get_absolute_url()).content.decode()
    assert "Breitengrad 48" in html and "Längengrad 11" in html


def test_a_late_answer_for_an_old_point_is_not_stored(user, make_idea):
    idea = make_idea(user, latitude="51.9", longitude="8.38")
    assert not idea_set_address(
        idea_id=idea.pk, latitude="51.8", longitude="8.38", address="Woanders 1"
    )
    assert idea_set_address(idea_id=idea.pk, latitude="51.9", longitude="8.38", address=ADDRESS)
    idea.refresh_from_db()
    assert idea.address == ADDRESS


def test_a_broken_geocoder_leaves_the_coordinates(
    stub, user_client, topic, django_capture_on_commit_callbacks
):
    stub.broken = True
    idea = submit(
        user_client,
        topic,
        django_capture_on_commit_callbacks,
        latitude="51.906567",
        longitude="8.378321",
    )
    assert idea.address == "" and idea.latitude is not None
    assert "Breitengrad 51" in user_client.get(idea.get_absolute_url()).content.decode()


def test_place_search_endpoint(stub, client, user_client):
    url = reverse("ideas:place_search")
    response = user_client.get(url, {"q": "Rathaus"})
    assert response.status_code == 200
    assert response.json() == {
        "results": [{"label": ADDRESS, "lat": "51.906567", "lon": "8.378321"}]
    }
    stub.broken = True
    cache.clear()
    failed = user_client.get(url, {"q": "Stadtpark"})
    assert failed.status_code == 503 and "nicht verfügbar" in failed.json()["error"]
    client.logout()
    assert client.get(url, {"q": "Rathaus"}).status_code == 302  # log-in first


def test_the_form_offers_address_search_only_with_a_geocoder(stub, user_client, settings):
    html = user_client.get(reverse("ideas:submit")).content.decode()
    assert "data-ideas-place-search" in html and reverse("ideas:place_search") in html
    settings.GEOCODER_URL = ""
    html = user_client.get(reverse("ideas:submit")).content.decode()
    assert "data-ideas-place-search" not in html and 'name="latitude"' in html


def test_without_a_geocoder_nothing_is_asked_and_the_search_is_gone(
    user_client, topic, django_capture_on_commit_callbacks
):
    with nominatim_stub() as server:  # running, but not configured
        idea = submit(
            user_client,
            topic,
            django_capture_on_commit_callbacks,
            latitude="51.9",
            longitude="8.38",
        )
        assert server.requests == []
    assert idea.address == "" and idea.latitude is not None
    assert user_client.get(reverse("ideas:place_search"), {"q": "Rathaus"}).status_code == 404


def test_privacy_page_names_the_geocoder_when_configured(client, settings):
    settings.GEOCODER_URL = "https://nominatim.guetersloh.example"
    html = client.get(reverse("privacy")).content.decode()
    assert "nominatim.guetersloh.example" in html and "Adresssuche" in html
    settings.GEOCODER_URL = ""
    assert "Adresssuche" not in client.get(reverse("privacy")).content.decode()
