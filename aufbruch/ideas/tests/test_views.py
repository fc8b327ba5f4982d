import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from aufbruch.core.testing import TopicFactory, UserFactory, login_with_mfa
from aufbruch.ideas.models import Idea, IdeaImage, IdeaSource, IdeaStatus, IdeaVersion, Support
from aufbruch.ideas.panels import _panels
from aufbruch.ideas.services import idea_submit, idea_support

from .conftest import png_upload

pytestmark = pytest.mark.django_db


def make_many(author, topic, n, **kwargs):
    return [
        idea_submit(
            author=author, title=f"Idee Nummer {i}", body=f"Text {i}", topic=topic, **kwargs
        )
        for i in range(n)
    ]


def titles(response) -> list[str]:
    return re.findall(
        r'<h3 class="kern-heading-small ideas-card__title"><a class="kern-link" href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


# --- list -------------------------------------------------------------------------------


def test_list_filters_by_topic_district_and_status(client, user, topic, district):
    other_topic = TopicFactory(name="Mobilität", slug="mobilitaet")
    idea_submit(author=user, title="Im Stadtteil", body="x", topic=topic, district=district)
    idea_submit(author=user, title="Anderes Feld", body="x", topic=other_topic)
    in_review = idea_submit(author=user, title="In Prüfung", body="x", topic=topic)
    Idea.objects.filter(pk=in_review.pk).update(status=IdeaStatus.IN_REVIEW)
    assert titles(client.get("/ideas/?topic=mobilitaet")) == ["Anderes Feld"]
    assert titles(client.get("/ideas/?district=avenwedde")) == ["Im Stadtteil"]
    assert titles(client.get("/ideas/?status=in_review")) == ["In Prüfung"]
    assert titles(client.get("/ideas/?topic=leben&status=submitted")) == ["Im Stadtteil"]


def test_list_sorts_by_support(client, user, topic):
    older, newer = make_many(user, topic, 2)
    idea_support(idea=older, user=UserFactory())
    assert titles(client.get("/ideas/?sort=supported")) == [older.title, newer.title]
    assert titles(client.get("/ideas/?sort=new")) == [newer.title, older.title]
    assert titles(client.get("/ideas/")) == [newer.title, older.title]


def test_search_finds_compound_plural(client, user, topic):
    idea_submit(
        author=user, title="Mehr Fahrradstraßen", body="Sichere Wege zur Schule", topic=topic
    )
    idea_submit(author=user, title="Freies WLAN", body="Am Berliner Platz", topic=topic)
    response = client.get("/ideas/", {"q": "Fahrradstraße"})
    assert titles(response) == ["Mehr Fahrradstraßen"]
    assert 'value="Fahrradstraße"' in response.content.decode()


def test_invalid_filter_values_are_ignored(client, user, topic):
    make_many(user, topic, 2)
    for query in (
        "?topic=gibt-es-nicht",
        "?status=<script>",
        "?sort=drop",
        "?page=abc",
        "?page=-4",
        "?q=" + "x" * 500,
    ):
        response = client.get("/ideas/" + query)
        assert response.status_code == 200, query
        assert "<script>" not in response.content.decode()


@override_settings(IDEAS_PER_PAGE=3)
def test_pagination_keeps_filters_in_bookmarkable_links(client, user, topic):
    make_many(user, topic, 7)
    first = client.get("/ideas/?topic=leben&sort=new").content.decode()
    assert 'href="?topic=leben&amp;sort=new&amp;page=2"' in first
    third = client.get("/ideas/?topic=leben&sort=new&page=3")
    assert titles(third) == ["Idee Nummer 0"]
    assert client.get("/ideas/?topic=leben&page=99").status_code == 200


def test_htmx_request_gets_only_the_results(client, user, topic):
    make_many(user, topic, 2)
    response = client.get(
        "/ideas/?q=Idee", headers={"HX-Request": "true", "HX-Target": "idea-results"}
    )
    body = response.content.decode()
    assert "<html" not in body and "Idee Nummer 1" in body
    assert "HX-Request" in response["Vary"]
    full = client.get("/ideas/?q=Idee").content.decode()
    assert "<html" in full and 'hx-get="/ideas/"' in full and 'hx-push-url="true"' in full


@pytest.mark.parametrize("n", [5, 50])
def test_list_query_count_is_constant(client, django_assert_max_num_queries, user, topic, n):
    make_many(user, topic, n)
    with django_assert_max_num_queries(4):
        assert client.get("/ideas/").status_code == 200
    # A search adds one: the ranked window of matches (ideas.selectors._ranked_window).
    with django_assert_max_num_queries(5):
        assert client.get("/ideas/?topic=leben&sort=trending&q=Idee&page=2").status_code == 200


@pytest.mark.parametrize("n", [5, 50])
def test_list_query_count_logged_in(user_client, django_assert_max_num_queries, user, topic, n):
    make_many(user, topic, n)
    with django_assert_max_num_queries(8):
        assert user_client.get("/ideas/").status_code == 200


# --- detail -------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_detail_query_count_is_constant(client, django_assert_max_num_queries, user, topic):
    """Own queries: the idea (with topic, district, author, merged_into) and its
    images; logged in, also session, user, staff roles, support and follow state.
    Other apps' panels each add a fixed number (at most two here)."""
    budget = 2 + 2 * len(_panels)
    urls = []
    for n in (25, 50):  # both above the U30 view's floor of 2 x SMALL_GROUP_THRESHOLD
        idea = idea_submit(
            author=user,
            title=f"Zuspruch {n}",
            body="x",
            topic=topic,
            images=[(png_upload(), "Bild")],
        )
        for person in UserFactory.create_batch(n):
            idea_support(idea=idea, user=person)
        urls.append(idea.get_absolute_url())
    assert _queries(client, urls[0]) == _queries(client, urls[1]) <= budget
    client.force_login(user)
    assert _queries(client, urls[0]) == _queries(client, urls[1]) <= budget + 6


def test_detail_shows_text_images_map_and_counts(client, user, topic, district):
    idea = idea_submit(
        author=user,
        title="Platz mit Bäumen",
        body="Mehr **Grün**",
        topic=topic,
        district=district,
        latitude="51.906900",
        longitude="8.378500",
        images=[(png_upload(), "Skizze des Platzes")],
    )
    body = client.get(idea.get_absolute_url()).content.decode()
    assert "<strong>Grün</strong>" in body
    assert 'alt="Skizze des Platzes"' in body
    assert 'data-marker-lat="51.906900"' in body and "leaflet.js" in body
    assert "Avenwedde" in body


def test_paper_idea_shows_source_but_never_who_typed_it(client, user, topic):
    clerk = UserFactory(display_name="Sachbearbeiterin Meier")
    idea = idea_submit(
        author=user,
        title="Von der Papierkarte",
        body="x",
        topic=topic,
        source=IdeaSource.PAPER,
        entered_by=clerk,
    )
    body = client.get(idea.get_absolute_url()).content.decode()
    assert "Papierkarte" in body
    assert "Meier" not in body


def test_hidden_idea_is_404_for_public_and_shown_with_reason_to_author_and_staff(
    client, user, other_user, staff_user, idea
):
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True, hidden_reason="Beleidigung entfernt")
    assert client.get(idea.get_absolute_url()).status_code == 404
    client.force_login(other_user)
    assert client.get(idea.get_absolute_url()).status_code == 404
    client.force_login(
        staff_user
    )  # a staff member without the second factor sees what residents see
    assert client.get(idea.get_absolute_url()).status_code == 404
    for viewer in (user, staff_user):
        login_with_mfa(client, viewer) if viewer is staff_user else client.force_login(viewer)
        response = client.get(idea.get_absolute_url())
        assert response.status_code == 200 and "Beleidigung entfernt" in response.content.decode()


def test_merged_idea_links_to_the_target(client, user, topic, make_idea):
    target = make_idea(user, title="Die Hauptidee")
    merged = make_idea(user, title="Ein Duplikat")
    Idea.objects.filter(pk=merged.pk).update(status=IdeaStatus.MERGED, merged_into=target)
    body = client.get(merged.get_absolute_url()).content.decode()
    assert f'href="{target.get_absolute_url()}"' in body and "Die Hauptidee" in body


def test_report_link_when_moderation_provides_it(client, idea):
    try:
        url = reverse("moderation:report", args=["idea", idea.pk])
    except NoReverseMatch:
        pytest.skip("moderation app has no report URL yet")
    assert f'href="{url}"' in client.get(idea.get_absolute_url()).content.decode()


def test_version_history_lists_all_versions(client, user, idea, topic):
    from aufbruch.ideas.services import idea_edit

    idea_edit(idea=idea, user=user, title="Zweite Fassung", body="neu", topic=topic)
    body = client.get(reverse("ideas:versions", args=[idea.pk])).content.decode()
    assert "Mehr Fahrradstraßen" in body and "Zweite Fassung" in body


# --- submit --------------------------------------------------------------------------------


def submit_data(topic, /, **overrides):
    data = {
        "title": "Ein neuer Vorschlag",
        "body": "Mit Begründung",
        "topic": topic.pk,
        "district": "",
        "latitude": "",
        "longitude": "",
    }
    data.update(overrides)
    return data


def test_anonymous_submit_redirects_to_login(client, topic):
    response = client.post(reverse("ideas:submit"), submit_data(topic))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Idea.objects.count() == 0


def test_blocked_user_gets_403(client, blocked_user, topic):
    client.force_login(blocked_user)
    assert client.get(reverse("ideas:submit")).status_code == 403
    assert client.post(reverse("ideas:submit"), submit_data(topic)).status_code == 403
    assert Idea.objects.count() == 0


def test_submit_with_photo_and_map_point(user_client, user, topic, district):
    data = submit_data(
        topic,
        district=district.pk,
        latitude="51.9",
        longitude="8.38",
        image_2=png_upload(),
        alt_text_2="Foto vom Markt",
    )
    response = user_client.post(reverse("ideas:submit"), data)
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert idea.author == user and str(idea.latitude) == "51.900000"
    assert IdeaImage.objects.get(idea=idea).alt_text == "Foto vom Markt"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 141}, "title"),
        ({"body": ""}, "body"),
        ({"body": "y" * 10_001}, "body"),
        ({"topic": "999999"}, "topic"),
        ({"topic": "abc"}, "topic"),
        ({"latitude": "abc", "longitude": "8.3"}, "latitude"),
        ({"latitude": "51.9"}, "latitude"),
        (
            {
                "image_1": SimpleUploadedFile(
                    "boese.png", b"<html><script>alert(1)</script></html>", "image/png"
                ),
                "alt_text_1": "Bild",
            },
            "image_1",
        ),
        ({"image_3": png_upload()}, "alt_text_3"),
    ],
)
def test_submit_bad_input_shows_error_at_field_and_keeps_input(
    user_client, topic, overrides, field
):
    overrides = {"title": "Mein <b>Titel</b>", **overrides}
    data = submit_data(topic, **overrides)
    response = user_client.post(reverse("ideas:submit"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in body
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error"', body)
    if field != "title":
        assert 'value="Mein &lt;b&gt;Titel&lt;/b&gt;"' in body
    assert Idea.objects.count() == 0 and IdeaImage.objects.count() == 0


def test_service_errors_appear_in_german_at_the_field(user_client, topic):
    response = user_client.post(
        reverse("ideas:submit"), submit_data(topic, title="Hm", image_1=png_upload())
    )
    body = response.content.decode()
    assert "Der Titel ist zu kurz (mindestens 5 Zeichen)." in body
    assert "Bitte beschreiben Sie, was das Bild zeigt" in body
    assert 'id="id_title_error"' in body and 'id="id_alt_text_1_error"' in body
    assert Idea.objects.count() == 0


def test_submit_script_in_text_is_rendered_inert(user_client, client, topic):
    user_client.post(
        reverse("ideas:submit"),
        submit_data(topic, body="<script>alert('x')</script> [a](javascript:alert(1))"),
    )
    idea = Idea.objects.get()
    body = client.get(idea.get_absolute_url()).content.decode()
    assert "<script>alert" not in body and 'href="javascript' not in body


def test_submit_50_mb_upload_is_rejected_at_the_field(user_client, topic):
    big = SimpleUploadedFile("riesig.jpg", b"\xff\xd8" + b"0" * (50 * 1024 * 1024), "image/jpeg")
    response = user_client.post(
        reverse("ideas:submit"), submit_data(topic, image_1=big, alt_text_1="Bild")
    )
    body = response.content.decode()
    assert 'id="id_image_1_error"' in body and "zu groß" in body
    assert Idea.objects.count() == 0


def test_double_submit_creates_one_idea(user_client, topic):
    for _ in range(2):
        assert user_client.post(reverse("ideas:submit"), submit_data(topic)).status_code == 302
    assert Idea.objects.count() == 1


@override_settings(RATE_LIMITS={"idea_submit": (2, 3600), "default": (60, 60)})
def test_submit_is_rate_limited(user_client, topic):
    for i in range(2):
        user_client.post(reverse("ideas:submit"), submit_data(topic, title=f"Vorschlag {i}"))
    assert (
        user_client.post(
            reverse("ideas:submit"), submit_data(topic, title="Vorschlag 3")
        ).status_code
        == 429
    )
    assert Idea.objects.count() == 2


# --- edit --------------------------------------------------------------------------------------


def test_author_edits_and_a_version_is_kept(user_client, idea, topic):
    url = reverse("ideas:edit", args=[idea.pk])
    assert user_client.get(url).status_code == 200
    response = user_client.post(url, submit_data(topic, title="Geänderter Titel"))
    assert response.status_code == 302
    assert list(IdeaVersion.objects.filter(idea=idea).values_list("number", flat=True)) == [1, 2]


def test_edit_permissions(client, idea, other_user, staff_user, blocked_user, topic):
    url = reverse("ideas:edit", args=[idea.pk])
    assert client.get(url).status_code == 302
    for person in (other_user, staff_user, blocked_user):
        login_with_mfa(client, person) if person is staff_user else client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, submit_data(topic, title="Übernommen")).status_code == 403
    assert Idea.objects.get(pk=idea.pk).title == "Mehr Fahrradstraßen"


def test_edit_closed_after_first_response(user_client, idea, topic):
    Idea.objects.filter(pk=idea.pk).update(first_response_at=timezone.now() - timedelta(days=1))
    url = reverse("ideas:edit", args=[idea.pk])
    assert user_client.get(url).status_code == 403
    assert user_client.post(url, submit_data(topic, title="Zu spät")).status_code == 403
    assert IdeaVersion.objects.filter(idea=idea).count() == 1


def test_edit_bad_input_keeps_input_and_changes_nothing(user_client, idea, topic):
    response = user_client.post(
        reverse("ideas:edit", args=[idea.pk]),
        submit_data(topic, title="", body="Neuer Text bleibt"),
    )
    body = response.content.decode()
    assert 'id="id_title_error"' in body and "Neuer Text bleibt" in body
    assert Idea.objects.get(pk=idea.pk).version == 1


def test_image_add_and_remove_on_edit_page(user_client, idea):
    user_client.post(
        reverse("ideas:image_add", args=[idea.pk]), {"image_1": png_upload(), "alt_text_1": "Plan"}
    )
    image = IdeaImage.objects.get(idea=idea)
    response = user_client.post(
        reverse("ideas:image_add", args=[idea.pk]),
        {"image_1": SimpleUploadedFile("x.png", b"<html>", "image/png"), "alt_text_1": "x"},
    )
    assert 'id="id_image_1_error"' in response.content.decode()
    user_client.post(reverse("ideas:image_remove", args=[idea.pk, image.pk]))
    assert not IdeaImage.objects.filter(idea=idea).exists()


def test_someone_elses_image_cannot_be_removed(client, idea, other_user):
    from aufbruch.ideas.services import idea_image_add

    image = idea_image_add(idea=idea, user=idea.author, upload=png_upload(), alt_text="Plan")
    client.force_login(other_user)
    assert client.post(reverse("ideas:image_remove", args=[idea.pk, image.pk])).status_code == 403
    assert IdeaImage.objects.filter(pk=image.pk).exists()


# --- support and follow ----------------------------------------------------------------------------


def test_support_and_withdraw_without_javascript(client, idea, other_user):
    client.force_login(other_user)
    response = client.post(reverse("ideas:support", args=[idea.pk]))
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    client.post(reverse("ideas:support", args=[idea.pk]))
    assert Idea.objects.get(pk=idea.pk).support_count == 1
    page = client.get(idea.get_absolute_url()).content.decode()
    assert reverse("ideas:withdraw", args=[idea.pk]) in page
    client.post(reverse("ideas:withdraw", args=[idea.pk]))
    assert Idea.objects.get(pk=idea.pk).support_count == 0


def test_support_with_htmx_returns_the_action_box(client, idea, other_user):
    client.force_login(other_user)
    response = client.post(reverse("ideas:support", args=[idea.pk]), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert reverse("ideas:withdraw", args=[idea.pk]) in body and "<strong>1</strong>" in body


def test_support_permissions(client, idea, blocked_user, make_idea, user):
    url = reverse("ideas:support", args=[idea.pk])
    response = client.post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(blocked_user)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405
    hidden = make_idea(user, title="Versteckte Idee")
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True)
    client.force_login(UserFactory())
    assert client.post(reverse("ideas:support", args=[hidden.pk])).status_code == 404
    assert Support.objects.count() == 0


def test_support_of_a_merged_or_missing_idea_changes_nothing(client, make_idea, user, other_user):
    merged = make_idea(user, title="Zusammengeführte Idee")
    Idea.objects.filter(pk=merged.pk).update(status=IdeaStatus.MERGED)
    client.force_login(other_user)
    response = client.post(reverse("ideas:support", args=[merged.pk]), follow=True)
    assert "Diese Idee kann nicht mehr unterstützt werden." in response.content.decode()
    assert Idea.objects.get(pk=merged.pk).support_count == 0 and not Support.objects.exists()
    assert client.post(reverse("ideas:support", args=[999_999])).status_code == 404
    assert client.post("/ideas/abc/support/").status_code == 404
    assert not Support.objects.exists()


def test_refused_support_with_htmx_shows_its_reason_once(client, make_idea, user, other_user):
    """With JavaScript the fragment carries the refusal (out-of-band into the
    page's messages region); the next page does not show it a second time."""
    closed = make_idea(user, title="Geschlossene Idee")
    Idea.objects.filter(pk=closed.pk).update(status=IdeaStatus.MERGED)
    client.force_login(other_user)
    response = client.post(
        reverse("ideas:support", args=[closed.pk]), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert '<div id="messages" hx-swap-oob="innerHTML">' in body
    assert "Diese Idee kann nicht mehr unterstützt werden." in body
    assert not Support.objects.exists()
    page = client.get(reverse("ideas:list")).content.decode()
    assert '<div id="messages" class="messages" role="status" aria-live="polite"></div>' in page
    assert "Diese Idee kann nicht mehr unterstützt werden." not in page


def test_htmx_response_without_messages_has_no_messages_swap(client, idea, other_user):
    client.force_login(other_user)
    response = client.post(reverse("ideas:support", args=[idea.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "hx-swap-oob" not in response.content.decode()


def test_follow_and_unfollow(client, idea, other_user):
    client.force_login(other_user)
    client.post(reverse("ideas:follow", args=[idea.pk]))
    assert Idea.objects.get(pk=idea.pk).follower_count == 2
    client.post(reverse("ideas:unfollow", args=[idea.pk]))
    assert Idea.objects.get(pk=idea.pk).follower_count == 1


@override_settings(RATE_LIMITS={"support": (3, 60), "default": (60, 60)})
def test_support_is_rate_limited(client, user, topic):
    ideas = make_many(user, topic, 4)
    client.force_login(UserFactory())
    codes = [client.post(reverse("ideas:support", args=[i.pk])).status_code for i in ideas]
    assert codes == [302, 302, 302, 429]
    assert Support.objects.count() == 3


def test_admin_lists_ideas_read_only(client, idea):
    from aufbruch.core.testing import login_with_mfa

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    login_with_mfa(client, admin_user)
    assert client.get("/admin/ideas/idea/").status_code == 200
    change = client.get(f"/admin/ideas/idea/{idea.pk}/change/")
    assert change.status_code == 200 and b'name="title"' not in change.content
    assert client.post(f"/admin/ideas/idea/{idea.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Idea.objects.filter(pk=idea.pk).exists()


# --- the overview map -------------------------------------------------------------


def _placed(author, topic, title, lat="51.900000", **kw):
    return idea_submit(
        author=author,
        title=title,
        body="Text",
        topic=topic,
        latitude=lat,
        longitude="8.380000",
        **kw,
    )


def test_map_data_has_the_lists_filters_and_only_public_ideas_with_a_place(client, user, topic):
    from aufbruch.core.testing import TopicFactory

    other = TopicFactory(name="Bildung", slug="bildung")
    shown = _placed(user, topic, "Bänke <b>am</b> Dalkepark")
    _placed(user, other, "Schul-WLAN")
    idea_submit(author=user, title="Ohne Ort", body="Text", topic=topic)
    hidden = _placed(user, topic, "Versteckt")
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True)
    data = client.get(reverse("ideas:map_data") + f"?topic={topic.slug}").json()
    assert [i["id"] for i in data["ideas"]] == [shown.pk]
    point = data["ideas"][0]
    assert point["title"] == "Bänke <b>am</b> Dalkepark"  # text, set with textContent
    assert point["url"] == shown.get_absolute_url() and point["lat"] == 51.9
    assert point["meta"] == f"eingereicht · {topic.name} · 0 Unterstützungen"
    assert data["capped"] is False
    assert len(client.get(reverse("ideas:map_data")).json()["ideas"]) == 2
    assert (
        len(client.get(reverse("ideas:map_data") + "?topic=nonsense&status=x").json()["ideas"]) == 2
    )


def test_map_data_is_capped_and_bounded(
    client, user, topic, settings, django_assert_max_num_queries
):
    settings.MAP_MAX_POINTS = 3
    for n in range(5):
        _placed(user, topic, f"Idee {n}")
    with django_assert_max_num_queries(3):
        data = client.get(reverse("ideas:map_data")).json()
    assert len(data["ideas"]) == 3 and data["capped"] is True
    assert [i["title"] for i in data["ideas"]] == ["Idee 4", "Idee 3", "Idee 2"]


def test_list_has_the_overview_map_hidden_until_javascript_and_tiles_in_csp(client, settings):
    response = client.get(reverse("ideas:list"))
    html = response.content.decode()
    assert re.search(r'<section class="ideas-overview" hidden data-ideas-overview', html)
    assert f'data-tile-url="{settings.MAP_TILE_URL}"' in html
    # django-csp's order of directives differs between processes: compare the directive
    directives = {
        d.split()[0]: d.split()[1:] for d in response["Content-Security-Policy"].split(";")
    }
    assert directives["img-src"] == ["'self'", "data:", "blob:", "https://sgx.geodatenzentrum.de"]
