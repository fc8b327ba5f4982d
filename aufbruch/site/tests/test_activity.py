from __future__ import annotations

import re

import pytest
from django.urls import reverse

from aufbruch.boards import services as board_services
from aufbruch.comments.services import comment_create
from aufbruch.core.testing import UserFactory
from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_follow, idea_submit, idea_support
from aufbruch.meetings import registrations

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("my_activity"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_lists_each_kind_linked_and_only_ones_own(client, user, other_user, topic, programme):
    mine = idea_submit(author=user, title="Meine Idee", body="Text", topic=topic)
    theirs = idea_submit(author=other_user, title="Fremde Idee", body="Text", topic=topic)
    idea_support(idea=theirs, user=user)
    idea_follow(idea=theirs, user=user)
    comment = comment_create(idea=theirs, author=user, body="Ich finde das **gut**.")
    comment_create(idea=theirs, author=other_user, body="Nicht von mir")
    registrations.registration_create(meeting=programme["summit"], user=user)
    client.force_login(user)
    html = client.get(reverse("my_activity")).content.decode()
    assert html.count("<h1") == 1 and "Meine Aktivitäten</h1>" in html
    assert f'href="{mine.get_absolute_url()}">Meine Idee</a>' in html
    assert f'href="{theirs.get_absolute_url()}">Fremde Idee</a>' in html  # supported, followed
    assert f'href="{theirs.get_absolute_url()}#comment-{comment.pk}">Zu „Fremde Idee“</a>' in html
    assert "Ich finde das gut." in html and "**" not in html
    assert "Nicht von mir" not in html
    # Other people's ideas appear only through what the person did with them.
    assert "Fremde Idee</a>" not in html.split('id="my-ideas"')[1].split("</section>")[0]
    assert f'href="{programme["summit"].get_absolute_url()}">Digitalgipfel 2027</a>' in html


def test_hidden_own_idea_is_listed_as_hidden(client, user, topic):
    idea = idea_submit(author=user, title="Versteckt", body="Text", topic=topic)
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    client.force_login(user)
    html = client.get(reverse("my_activity")).content.decode()
    assert "Versteckt</a>" in html and "von der Moderation ausgeblendet" in html


def test_query_count_is_bounded(client, user, topic, django_assert_max_num_queries):
    for n in range(25):
        idea = idea_submit(author=UserFactory(), title=f"Idee {n}", body="Text", topic=topic)
        idea_support(idea=idea, user=user)
        comment_create(idea=idea, author=user, body=f"Kommentar {n}")
    client.force_login(user)
    with django_assert_max_num_queries(14):
        html = client.get(reverse("my_activity")).content.decode()
    assert len(re.findall(r"#comment-\d+", html)) == 20


def test_board_application_is_listed(client, programme, user):
    user.birth_year = 2004
    user.save()
    board_services.application_submit(
        board=programme["board"], applicant=user, motivation="Ich will mitmachen.", birth_year=2004
    )
    client.force_login(user)
    html = client.get(reverse("my_activity")).content.decode()
    section = html.split('id="my-applications"')[1].split("</section>")[0]
    assert f'href="{programme["board"].get_absolute_url()}">U30-Beirat Morgenmacher</a>' in section
