"""The issue's "done when", as a new user would try it, through HTTP."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aufbruch.boards.models import BoardApplication, Membership, Recommendation
from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.notifications.models import Notification

from .conftest import MP4_BYTES, THIS_YEAR, add_member, upload

pytestmark = pytest.mark.django_db


def test_fifteen_year_old_joins_board_votes_and_city_answers(
    client, board, office, guide, department, idea, user
):
    teen = UserFactory(display_name="Lena")
    client.force_login(teen)
    response = client.post(
        reverse("boards:apply", args=[board.slug]),
        {
            "motivation": "Ich bin 15 und will, dass Schulen digitaler werden.",
            "birth_year": str(THIS_YEAR - 15),
            "video": upload("lena.mp4", MP4_BYTES),
        },
    )
    assert response.status_code == 302
    application = BoardApplication.objects.get(applicant=teen)

    login_with_mfa(client, office)
    client.post(
        reverse("boards_staff:application", args=[board.slug, application.pk]),
        {"decision": "accept", "message": "Willkommen!"},
    )
    membership = Membership.objects.get(user=teen)
    assert membership.status == "pending_consent"
    client.force_login(teen)
    # not yet in: the workspace sends the teen to the page saying what is pending
    pending = client.get(reverse("boards:workspace", args=[board.slug]))
    assert pending["Location"] == reverse("boards:my_application", args=[board.slug])
    assert client.get(reverse("boards:members", args=[board.slug])).status_code == 404

    login_with_mfa(client, office)  # a new session needs the second factor again
    client.post(
        reverse("boards_staff:consent", args=[board.slug, membership.pk]),
        {
            "guardian_name": "Maria Beispiel",
            "given_on": timezone.localdate().isoformat(),
            "method": "paper",
        },
    )
    others = [add_member(board, office) for _ in range(3)]

    client.force_login(teen)
    assert client.get(reverse("boards:workspace", args=[board.slug])).status_code == 200
    client.post(
        reverse("boards:recommendation_new", args=[board.slug]),
        {"title": "WLAN in allen Schulen", "body": "Bis 2027.", "ideas": [idea.pk]},
    )
    rec = Recommendation.objects.get()
    client.force_login(others[0])
    client.post(
        reverse("boards:recommendation_comment", args=[board.slug, rec.pk]), {"body": "Unbedingt!"}
    )
    closes = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        reverse("boards:recommendation_open_vote", args=[board.slug, rec.pk]), {"closes_at": closes}
    )
    for person, choice in ((teen, "yes"), (others[0], "yes"), (others[1], "no")):
        client.force_login(person)
        client.post(
            reverse("boards:recommendation_vote", args=[board.slug, rec.pk]), {"choice": choice}
        )
    # Time is over: the next look at the recommendation closes it (3 of 4 voted, quorum 50 %).
    Recommendation.objects.filter(pk=rec.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    client.get(reverse("boards:recommendation", args=[board.slug, rec.pk]))
    rec.refresh_from_db()
    assert (rec.yes_count, rec.no_count, rec.member_count, rec.adopted) == (2, 1, 4, True)

    client.logout()
    assert "WLAN in allen Schulen" in client.get(board.get_absolute_url()).text
    assert "WLAN in allen Schulen" in client.get(idea.get_absolute_url()).text
    assert Notification.objects.filter(
        recipient=user, event_key=f"board-statement:{rec.pk}:{idea.pk}"
    ).exists()

    login_with_mfa(client, guide)
    client.post(
        reverse("boards_staff:answer", args=[rec.pk]),
        {"department": department.pk, "body": "Wir bauen das WLAN aus."},
    )
    client.logout()
    page = client.get(idea.get_absolute_url()).text
    assert "Wir bauen das WLAN aus." in page and "Antwort der Verwaltung" in page
