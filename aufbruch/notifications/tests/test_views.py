import pytest
from django.urls import reverse
from django.utils import timezone

from aufbruch.notifications.models import Notification, NotificationKind
from aufbruch.notifications.services import notify

pytestmark = pytest.mark.django_db


def make(user, n: int, title="Neuigkeit"):
    return notify(
        recipients=[user],
        kind=NotificationKind.COMMENT,
        event_key=f"test:{n}",
        title=f"{title} {n}",
        url="/ideas/1/",
    )


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_list_shows_unread_first(user_client, user):
    make(user, 1)
    make(user, 2)
    make(user, 3)
    Notification.objects.filter(title="Neuigkeit 3").update(read_at=timezone.now())
    html = user_client.get(reverse("notifications:list")).content.decode()
    assert html.index("Neuigkeit 2") < html.index("Neuigkeit 1") < html.index("Neuigkeit 3")
    assert "Alle als gelesen markieren" in html


def test_list_does_not_show_other_peoples_notifications(user_client, other_user):
    make(other_user, 1, title="Geheim")
    assert "Geheim" not in user_client.get(reverse("notifications:list")).content.decode()


def test_javascript_urls_are_not_linked(user_client, user):
    notify(
        recipients=[user],
        kind=NotificationKind.OTHER,
        event_key="x",
        title="Falle",
        url="javascript:alert(1)",
    )
    html = user_client.get(reverse("notifications:list")).content.decode()
    assert "javascript:alert" not in html and "Falle" in html


def test_mark_one_read(user_client, user):
    make(user, 1)
    n = Notification.objects.get()
    response = user_client.post(reverse("notifications:read", args=[n.pk]))
    assert response.status_code == 302
    n.refresh_from_db()
    assert n.read_at is not None


def test_mark_one_read_needs_post(user_client, user):
    make(user, 1)
    n = Notification.objects.get()
    assert user_client.get(reverse("notifications:read", args=[n.pk])).status_code == 405
    n.refresh_from_db()
    assert n.read_at is None


def test_marking_someone_elses_notification_is_forbidden(user_client, other_user):
    make(other_user, 1)
    n = Notification.objects.get()
    assert user_client.post(reverse("notifications:read", args=[n.pk])).status_code == 403
    n.refresh_from_db()
    assert n.read_at is None
    assert user_client.post(reverse("notifications:read", args=[999999])).status_code == 404


def test_mark_all_read_only_mine(user_client, user, other_user):
    make(user, 1)
    make(user, 2)
    make(other_user, 3)
    assert user_client.post(reverse("notifications:read_all")).status_code == 302
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other_user, read_at__isnull=True).count() == 1


def test_badge_counts_unread(user_client, user):
    make(user, 1)
    make(user, 2)
    html = user_client.get(reverse("notifications:list")).content.decode()
    assert '<span class="kern-label">2<span class="kern-sr-only">' in html


def test_list_queries_are_constant(user_client, user, django_assert_max_num_queries):
    for i in range(3):
        make(user, i)
    with django_assert_max_num_queries(8) as few:
        user_client.get(reverse("notifications:list"))
    for i in range(3, 60):
        make(user, i)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = user_client.get(reverse("notifications:list"))
    assert response.content.decode().count("ab-notification--unread") == 30


def test_pagination(user_client, user):
    for i in range(35):
        make(user, i)
    html = user_client.get(reverse("notifications:list") + "?page=2").content.decode()
    assert "Seite 2 von 2" in html
    assert user_client.get(reverse("notifications:list") + "?page=abc").status_code == 200


def test_empty_inbox_explains_following(user_client):
    assert (
        "Noch keine Benachrichtigungen"
        in user_client.get(reverse("notifications:list")).content.decode()
    )
