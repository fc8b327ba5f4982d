from datetime import timedelta

from django.core.management import call_command, get_commands
from django.utils import timezone

from aufbruch.core.management.commands.run_periodic import JOBS
from aufbruch.core.testing import DepartmentFactory, UserFactory
from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_submit
from aufbruch.notifications.models import Notification
from aufbruch.staff.models import StaffRole, StaffRoleKind


def test_every_periodic_job_exists():
    assert set(JOBS) <= set(get_commands())


def test_run_periodic_reminds_the_guide_of_an_overdue_idea_once(db, user, topic):
    department = DepartmentFactory()
    department.topics.add(topic)
    guide = UserFactory()
    StaffRole.objects.create(user=guide, role=StaffRoleKind.GUIDE, department=department)
    idea = idea_submit(author=user, title="Sitzbänke mit WLAN", body="Am Dreiecksplatz.", topic=topic)
    past = timezone.now() - timedelta(days=40)
    Idea.objects.filter(pk=idea.pk).update(created_at=past, response_due_at=past + timedelta(days=21), department=department)

    call_command("run_periodic", verbosity=0)
    call_command("run_periodic", verbosity=0)

    reminders = Notification.objects.filter(recipient=guide, kind="reminder")
    assert reminders.count() == 1
    assert str(idea.pk) in reminders.get().event_key
