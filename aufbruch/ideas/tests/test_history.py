"""The version history shows what changed between versions: the words of
title and text, the moved map point, images added and removed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import DistrictFactory, TopicFactory
from aufbruch.ideas.history import distance_m, version_history
from aufbruch.ideas.models import IdeaVersion
from aufbruch.ideas.services import idea_edit, idea_image_add, idea_image_remove

from .conftest import png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed_idea(make_idea, user):
    return make_idea(
        user,
        title="WLAN im Stadtpark",
        body="Freies WLAN am Musikpavillon im Stadtpark.",
        latitude="51.905000",
        longitude="8.390000",
    )


def edit(idea, user, **changes):
    fields = {
        "title": idea.title,
        "body": idea.body,
        "topic": idea.topic,
        "district": idea.district,
        "latitude": idea.latitude,
        "longitude": idea.longitude,
    }
    fields.update(changes)
    return idea_edit(idea=idea, user=user, **fields)


def test_distance_between_two_points_in_metres():
    # 0.001° of latitude is about 111 m
    assert distance_m((Decimal("51.9"), Decimal("8.39")), (Decimal("51.901"), Decimal("8.39"))) in (
        111,
        112,
    )


def test_each_version_keeps_point_and_images(placed_idea, user):
    first = IdeaVersion.objects.get(idea=placed_idea, number=1)
    assert (first.latitude, first.longitude, first.images) == (
        Decimal("51.905000"),
        Decimal("8.390000"),
        [],
    )
    image = idea_image_add(idea=placed_idea, user=user, upload=png_upload(), alt_text="Pavillon")
    placed_idea.refresh_from_db()
    assert placed_idea.version == 2
    second = IdeaVersion.objects.get(idea=placed_idea, number=2)
    assert second.images == [{"id": image.pk, "name": image.image.name, "alt": "Pavillon"}]
    assert second.body == first.body
    assert AuditEntry.objects.filter(action="idea.image_add", details__version=2).exists()
    idea_image_remove(image=image, user=user)
    placed_idea.refresh_from_db()
    assert placed_idea.version == 3
    assert IdeaVersion.objects.get(idea=placed_idea, number=3).images == []


def test_history_names_each_change(placed_idea, user):
    park = DistrictFactory(name="Innenstadt")
    image = idea_image_add(idea=placed_idea, user=user, upload=png_upload(), alt_text="Pavillon")
    placed_idea.refresh_from_db()
    placed_idea = edit(
        placed_idea,
        user,
        title="Kostenloses WLAN im Stadtpark",
        body="Freies WLAN am Musikpavillon und am Teich im Stadtpark.",
        latitude=Decimal("51.906000"),
        district=park,
        topic=TopicFactory(name="Zukunft im Quartier"),
    )
    idea_image_remove(image=image, user=user)
    placed_idea.refresh_from_db()

    removed, edited, added, first = version_history(placed_idea)
    assert first.is_first and [i.alt for i in first.images_added] == []
    assert [i.alt for i in added.images_added] == ["Pavillon"] and not added.title
    assert edited.title.inserted == 1 and "Kostenloses" in edited.title.html
    assert edited.body.inserted == 3 and edited.body.deleted == 0
    assert edited.topic[1] == "Zukunft im Quartier"
    assert edited.district == ("", "Innenstadt")
    assert edited.point.kind == "moved" and 100 < edited.point.metres < 125
    assert not edited.images_added and not edited.images_removed
    assert [i.alt for i in removed.images_removed] == ["Pavillon"]
    assert removed.images_removed[0].url == ""  # the file is gone with the image


def test_point_set_and_removed(make_idea, user):
    idea = make_idea(user, title="Bank am Teich", body="Eine Bank am Teich.")
    idea = edit(idea, user, latitude="51.9", longitude="8.38")
    idea = edit(idea, user, latitude=None, longitude=None)
    removed, placed, _first = version_history(idea)
    assert placed.point.kind == "set" and placed.point.new == (
        Decimal("51.900000"),
        Decimal("8.380000"),
    )
    assert removed.point.kind == "removed" and removed.point.new is None


def test_versions_from_before_the_snapshot_claim_no_point_or_image_change(placed_idea, user):
    IdeaVersion.objects.filter(idea=placed_idea).update(images=None, latitude=None)
    placed_idea = edit(placed_idea, user, body="Neuer Text.", latitude="51.95")
    (edited, _first) = version_history(placed_idea)
    assert edited.images_unknown and edited.point is None and edited.body


def test_history_page_shows_changes_not_whole_versions(client, placed_idea, user):
    image = idea_image_add(idea=placed_idea, user=user, upload=png_upload(), alt_text="Pavillon")
    placed_idea.refresh_from_db()
    edit(
        placed_idea,
        user,
        body="Freies WLAN am Musikpavillon und am Teich im Stadtpark.",
        longitude=Decimal("8.392000"),
    )
    response = client.get(reverse("ideas:versions", args=[placed_idea.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    # the text change is marked word by word, labelled for screen readers
    assert '<ins><span class="ab-visually-hidden">eingefügt: </span>und am Teich' in html
    assert "verschoben um etwa 137 m" in html
    assert "Bild hinzugefügt" in html and image.image.url in html
    assert html.count("Version 3") >= 1 and "(aktuell)" in html
    # the full text of older versions is folded away, not printed side by side
    assert html.count('<details class="ideas-version__full"') == 2


def test_history_page_in_english(client, placed_idea, user, settings):
    edit(placed_idea, user, latitude="51.906")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        html = client.get(reverse("ideas:versions", args=[placed_idea.pk])).content.decode()
    finally:
        translation.activate("de")
    assert "moved by about 111 m" in html and "Each version shows what changed" in html
