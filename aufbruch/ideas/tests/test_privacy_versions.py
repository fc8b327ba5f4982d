"""Account deletion scrubs earlier idea versions; the data export holds
every version and every image of the person's ideas."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from aufbruch.accounts.services import user_delete_account
from aufbruch.ideas.models import IdeaVersion
from aufbruch.ideas.services import idea_edit, idea_image_add, idea_submit

pytestmark = pytest.mark.django_db

PHONE = "0170 1234567"


def png_upload(name="foto.png"):
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "green").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def edited_idea(user, topic):
    idea = idea_submit(
        author=user, title="Bank am Markt", body=f"Ruft mich an: {PHONE}", topic=topic
    )
    return idea_edit(idea=idea, user=user, title="Bank am Markt", body="Eine Bank.", topic=topic)


def test_versions_keep_edited_out_text_while_the_account_exists(client, edited_idea):
    html = client.get(reverse("ideas:versions", args=[edited_idea.pk])).content.decode()
    assert PHONE in html


def test_account_deletion_scrubs_earlier_versions(client, user, edited_idea):
    user_delete_account(user=user, actor=user)
    html = client.get(reverse("ideas:versions", args=[edited_idea.pk])).content.decode()
    assert PHONE not in html and "Eine Bank." in html
    assert not IdeaVersion.objects.filter(body__contains=PHONE).exists()
    assert IdeaVersion.objects.filter(idea=edited_idea).count() == 1
    page = client.get(edited_idea.get_absolute_url()).content.decode()
    assert PHONE not in page and "Eine Bank." in page


def test_deletion_leaves_other_peoples_versions_alone(user, other_user, topic, edited_idea):
    theirs = idea_submit(author=other_user, title="Andere Idee", body="Alt", topic=topic)
    idea_edit(idea=theirs, user=other_user, title="Andere Idee", body="Neu", topic=topic)
    user_delete_account(user=user, actor=user)
    assert IdeaVersion.objects.filter(idea=theirs).count() == 2


def test_export_holds_earlier_versions_and_images(client, user, edited_idea):
    idea_image_add(idea=edited_idea, user=user, upload=png_upload(), alt_text="Die Bank")
    client.force_login(user)
    data = json.loads(client.post(reverse("accounts:export")).content)
    (exported,) = data["ideas"]["ideas"]
    # adding the image made version 3 (the history shows the image as added there)
    assert [v["body"] for v in exported["earlier_versions"]] == [
        f"Ruft mich an: {PHONE}",
        "Eine Bank.",
        "Eine Bank.",
    ]
    assert [v["images"] for v in exported["earlier_versions"]] == [[], [], ["Die Bank"]]
    (image,) = exported["images"]
    assert image["description"] == "Die Bank" and "/media/" in image["url"]
    path = "/" + image["url"].split("://", 1)[-1].split("/", 1)[1]
    assert client.get(path).status_code == 200  # the exported address serves the image


def test_export_is_only_ones_own(client, other_user, edited_idea):
    client.force_login(other_user)
    data = json.loads(client.post(reverse("accounts:export")).content)
    assert data["ideas"]["ideas"] == []
