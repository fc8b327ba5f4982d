import io
import zipfile

import pytest
from django.urls import reverse

from aufbruch.core.testing import login_with_mfa
from aufbruch.opinions import services
from aufbruch.opinions.models import OpinionMap, Participant, Statement, StatementState, Vote
from aufbruch.opinions.views import COOKIE

pytestmark = pytest.mark.django_db


def vote_url(m):
    return reverse("opinions:vote", args=[m.pk])


def test_list_page(client, opinion_map, other_map, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("opinions:list"))
    assert response.status_code == 200
    assert "Wie digital soll das Rathaus werden?" in response.content.decode()
    assert "8 Aussagen" in response.content.decode()


def test_detail_shows_one_statement_with_three_buttons(
    client, opinion_map, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(opinion_map.get_absolute_url())
    html = response.content.decode()
    first = opinion_map.statements.order_by("id").first()
    assert first.text in html and html.count('name="value"') == 3
    assert "Zustimmen" in html and "Ablehnen" in html
    assert COOKIE not in response.cookies  # no cookie just for looking


def test_anonymous_vote_without_javascript(client, opinion_map):
    first, second = opinion_map.statements.order_by("id")[:2]
    response = client.post(vote_url(opinion_map), {"statement": first.pk, "value": "1"})
    assert response.status_code == 302
    assert COOKIE in response.cookies
    vote = Vote.objects.get()
    assert (vote.statement, vote.value, vote.participant.user) == (first, 1, None)
    # the signed cookie brings the same participant back; next statement is shown
    page = client.get(opinion_map.get_absolute_url()).content.decode()
    assert second.text in page and "über 1 von 8 Aussagen" in page
    client.post(vote_url(opinion_map), {"statement": second.pk, "value": "-1"})
    assert Participant.objects.count() == 1 and Vote.objects.count() == 2


def test_tampered_cookie_is_a_new_participant(client, opinion_map):
    client.cookies[COOKIE] = "someone-else"
    first = opinion_map.statements.order_by("id").first()
    client.post(vote_url(opinion_map), {"statement": first.pk, "value": "1"})
    assert Participant.objects.get().anonymous_key != "someone-else"


def test_htmx_vote_swaps_in_the_next_statement(user_client, opinion_map, user):
    first, second = opinion_map.statements.order_by("id")[:2]
    response = user_client.post(
        vote_url(opinion_map), {"statement": first.pk, "value": "0"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div id="opinion-card"' in html and "<html" not in html
    assert second.text in html and "Ihre Stimme wurde gespeichert." in html
    assert Vote.objects.get().participant.user == user


@pytest.mark.parametrize("value", ["5", "", "zustimmen", "-2"])
def test_bad_vote_values(client, opinion_map, value):
    first = opinion_map.statements.order_by("id").first()
    response = client.post(vote_url(opinion_map), {"statement": first.pk, "value": value})
    assert response.status_code == 400
    assert "Bitte wählen Sie" in response.content.decode()
    assert not Vote.objects.exists()


def test_vote_on_pending_rejected_or_foreign_statement(
    client, opinion_map, other_map, user, moderator
):
    pending = services.statement_add(opinion_map=opinion_map, author=user, text="Noch offen.")
    rejected = services.statement_add(opinion_map=opinion_map, author=user, text="Nein.")
    services.statement_moderate(statement=rejected, actor=moderator, state=StatementState.REJECTED)
    for statement in (pending, rejected, other_map.statements.first()):
        response = client.post(vote_url(opinion_map), {"statement": statement.pk, "value": "1"})
        assert response.status_code == 400
    assert (
        client.post(vote_url(opinion_map), {"statement": 999999, "value": "1"}).status_code == 404
    )
    assert not Vote.objects.exists()


def test_vote_on_closed_map_is_forbidden(client, opinion_map):
    OpinionMap.objects.filter(pk=opinion_map.pk).update(is_open=False)
    response = client.post(
        vote_url(opinion_map), {"statement": opinion_map.statements.first().pk, "value": "1"}
    )
    assert response.status_code == 403 and not Vote.objects.exists()


def test_double_vote_submit_keeps_one_vote(user_client, opinion_map):
    first = opinion_map.statements.order_by("id").first()
    for _ in range(2):
        user_client.post(vote_url(opinion_map), {"statement": first.pk, "value": "1"})
    assert Vote.objects.count() == 1
    first.refresh_from_db()
    assert first.vote_count == 1


def test_votes_are_rate_limited(client, opinion_map, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "opinion_vote": (2, 60)}
    statements = list(opinion_map.statements.order_by("id"))
    codes = [
        client.post(vote_url(opinion_map), {"statement": s.pk, "value": "1"}).status_code
        for s in statements[:3]
    ]
    assert codes == [302, 302, 429] and Vote.objects.count() == 2


def add_url(m):
    return reverse("opinions:statement_add", args=[m.pk])


def test_statement_add_needs_an_account(client, opinion_map):
    response = client.post(add_url(opinion_map), {"text": "Mehr WLAN."})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert opinion_map.statements.count() == 8


def test_statement_add_goes_to_moderation(user_client, opinion_map, user):
    response = user_client.post(
        add_url(opinion_map), {"text": "Mehr WLAN im Bürgerbüro."}, follow=True
    )
    assert "sobald die Moderation sie geprüft hat" in response.content.decode()
    s = Statement.objects.get(text="Mehr WLAN im Bürgerbüro.")
    assert (s.state, s.author) == (StatementState.PENDING, user)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Bitte geben Sie eine Aussage ein."),
        ("x" * 300, "höchstens 280 Zeichen"),
        ("<script>alert('x')</script>", "ohne HTML-Tags"),
    ],
)
def test_bad_statement_shows_error_next_to_field_and_keeps_input(
    user_client, opinion_map, text, message
):
    response = user_client.post(add_url(opinion_map), {"text": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_text-error"' in html and message in html
    assert 'aria-describedby="id_text-hint id_text-error"' in html
    if text:
        assert "&lt;script&gt;" in html if "<script>" in text else text in html
        assert "<script>alert" not in html
    assert opinion_map.statements.count() == 8


def test_double_submit_of_a_statement(user_client, opinion_map):
    user_client.post(add_url(opinion_map), {"text": "Mehr Bänke."})
    response = user_client.post(add_url(opinion_map), {"text": "Mehr Bänke."})
    assert "gibt es in diesem Meinungsbild schon" in response.content.decode()
    assert opinion_map.statements.filter(text="Mehr Bänke.").count() == 1


def test_results_page_without_groups(client, opinion_map):
    response = client.get(reverse("opinions:results", args=[opinion_map.pk]))
    assert response.status_code == 200 and "Noch keine Gruppen" in response.content.decode()


def test_results_page_shows_map_lists_and_tables(
    client, opinion_map, make_voters, django_assert_max_num_queries
):
    make_voters(24)
    services.cluster_recompute(opinion_map_id=opinion_map.pk)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("opinions:results", args=[opinion_map.pk]))
    html = response.content.decode()
    assert html.count("<use href=") == 24
    assert '<title id="map-title">' in html and '<desc id="map-desc">' in html
    assert "Gruppe A: 12 Teilnehmende" in html and "Gruppe B: 12 Teilnehmende" in html
    assert "Was die Gruppen trennt" in html and "% Zustimmung" in html
    assert "<circle" in html and '<rect x="-3"' in html  # one shape per group


def moderate_url(m):
    return reverse("opinions_staff:moderate", args=[m.pk])


def test_moderation_page_is_for_moderators(client, opinion_map, user, moderator, guide):
    s = services.statement_add(opinion_map=opinion_map, author=user, text="Bitte prüfen.")
    client.force_login(user)
    assert client.get(moderate_url(opinion_map)).status_code == 403  # a resident, MFA or not
    login_with_mfa(client, user)
    assert client.get(moderate_url(opinion_map)).status_code == 403
    assert (
        client.post(
            moderate_url(opinion_map), {"statement": s.pk, "decision": "accepted"}
        ).status_code
        == 403
    )
    login_with_mfa(client, guide)
    assert client.get(moderate_url(opinion_map)).status_code == 403
    login_with_mfa(client, moderator)
    assert "Bitte prüfen." in client.get(moderate_url(opinion_map)).content.decode()
    response = client.post(moderate_url(opinion_map), {"statement": s.pk, "decision": "accepted"})
    assert response.status_code == 302
    s.refresh_from_db()
    assert s.state == StatementState.ACCEPTED


def test_moderation_of_another_maps_statement_or_bad_decision(
    client, opinion_map, other_map, user, moderator
):
    s = services.statement_add(opinion_map=other_map, author=user, text="Anderswo.")
    login_with_mfa(client, moderator)
    assert (
        client.post(
            moderate_url(opinion_map), {"statement": s.pk, "decision": "accepted"}
        ).status_code
        == 404
    )
    assert (
        client.post(moderate_url(other_map), {"statement": s.pk, "decision": "delete"}).status_code
        == 400
    )
    s.refresh_from_db()
    assert s.state == StatementState.PENDING


def test_office_creates_a_map_and_moderator_cannot(client, office, moderator):
    url = reverse("opinions_staff:index")
    login_with_mfa(client, moderator)
    assert client.get(url).status_code == 200
    assert client.post(url, {"question": "Neue Frage?"}).status_code == 403
    login_with_mfa(client, office)
    response = client.post(url, {"question": "", "statements": "Eins"})
    assert response.status_code == 200 and "id_question-error" in response.content.decode()
    assert not OpinionMap.objects.filter(statements__text="Eins").exists()
    response = client.post(
        url, {"question": "Wie laut ist die Stadt?", "statements": "Zu laut.\n\nGenau richtig.\n"}
    )
    m = OpinionMap.objects.get(question="Wie laut ist die Stadt?")
    assert response.status_code == 302 and m.statements.filter(state="accepted").count() == 2


def test_staff_export_is_a_polis_zip(client, opinion_map, make_voters, user, guide):
    make_voters(5)
    login_with_mfa(client, user)
    assert client.get(reverse("opinions_staff:export", args=[opinion_map.pk])).status_code == 403
    login_with_mfa(client, guide)
    response = client.get(reverse("opinions_staff:export", args=[opinion_map.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "comments.csv",
        "participants-votes.csv",
        "summary.csv",
        "votes.csv",
    ]
    assert archive.read("votes.csv").decode().count("\n") == 1 + 5 * 8


def test_htmx_vote_error_is_shown_in_the_card(client, opinion_map, user):
    pending = services.statement_add(opinion_map=opinion_map, author=user, text="Noch offen.")
    response = client.post(
        vote_url(opinion_map), {"statement": pending.pk, "value": "1"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in html
    assert "Über diese Aussage kann nicht abgestimmt werden." in html and "<html" not in html
    assert not Vote.objects.exists()
