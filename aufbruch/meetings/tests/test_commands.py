import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from aufbruch.meetings import registrations
from aufbruch.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_reminder_command_sends_once(make_meeting, user):
    start = (timezone.localtime() + timedelta(days=1)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    meeting = make_meeting(
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        registration_closes_at=start - timedelta(hours=2),
    )
    registrations.registration_create(meeting=meeting, user=user)
    out = io.StringIO()
    call_command("send_event_reminders", stdout=out)
    call_command("send_event_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["1 reminder(s) sent", "0 reminder(s) sent"]
    assert Notification.objects.filter(recipient=user, kind="reminder").count() == 1
