import pytest
from django.contrib.auth.models import AnonymousUser

from aufbruch.notifications.models import Notification, NotificationKind
from aufbruch.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role", ["anonymous", "participant", "author", "moderator", "office", "guide"]
)
def test_only_the_recipient_may_change_a_notification(
    role, participant, other_user, moderator, office, guide
):
    people = {
        "anonymous": AnonymousUser(),
        "participant": other_user,
        "author": participant,
        "moderator": moderator,
        "office": office,
        "guide": guide,
    }
    notify(
        recipients=[participant],
        kind=NotificationKind.COMMENT,
        event_key="comment:1",
        title="Hallo",
    )
    n = Notification.objects.get()
    assert people[role].has_perm("notifications.change_notification", n) is (role == "author")
    assert people[role].has_perm("notifications.view_notifications") is (role != "anonymous")
