"""Periodic jobs: a registry that fails loudly, safe on several servers
(issue #10, 4)."""

import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import DepartmentFactory, UserFactory
from aufbruch.guides.models import GuideSettings
from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_submit, idea_support
from aufbruch.notifications.models import Notification
from aufbruch.operations.models import PeriodicJobLock
from aufbruch.operations.periodic import (
    job_lock,
    periodic_jobs,
    register_periodic_job,
    run_jobs,
    unregister_periodic_job,
)
from aufbruch.staff.models import StaffRole, StaffRoleKind

JOBS = {
    "send_guide_reminders",
    "close_due_votes",
    "send_event_reminders",
    "remind_assumption_reviews",
    "retention",
    "export_open_data",
    "import_oparl",
}


def test_every_job_is_registered():
    assert {j.name for j in periodic_jobs()} == JOBS


@pytest.mark.django_db
def test_an_unknown_job_is_an_error_and_nothing_runs():
    with pytest.raises(CommandError, match="no_such_job"):
        call_command("run_periodic", "retention", "no_such_job", verbosity=0)
    assert not PeriodicJobLock.objects.exists()


def overdue_idea_with_threshold(topic):
    """An overdue idea (guide reminder) that also reached the support threshold."""
    GuideSettings.objects.update_or_create(pk=1, defaults={"support_threshold": 2})
    from django.core.cache import cache

    cache.clear()
    department = DepartmentFactory()
    department.topics.add(topic)
    guide = UserFactory()
    StaffRole.objects.create(user=guide, role=StaffRoleKind.GUIDE, department=department)
    idea = idea_submit(
        author=UserFactory(), title="Sitzbänke mit WLAN", body="Am Dreiecksplatz.", topic=topic
    )
    for _ in range(2):
        idea_support(idea=idea, user=UserFactory())
    past = timezone.now() - timedelta(days=40)
    Idea.objects.filter(pk=idea.pk).update(
        response_due_at=past + timedelta(days=21), department=department
    )
    return idea, guide


def counts(idea, guide):
    return (
        AuditEntry.objects.filter(
            action=AuditAction.IDEA_THRESHOLD_REACHED, target_id=str(idea.pk)
        ).count(),
        Notification.objects.filter(recipient=guide).count(),
        len([m for m in mail.outbox if guide.email in m.to]),
    )


@pytest.mark.django_db
def test_a_second_run_changes_nothing(topic, django_capture_on_commit_callbacks):
    idea, guide = overdue_idea_with_threshold(topic)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_periodic", verbosity=0)
    first = counts(idea, guide)
    assert first == (1, 2, 2)  # one flag; reminder + threshold notice, each mailed once
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_periodic", verbosity=0)
    assert counts(idea, guide) == first
    assert Idea.objects.get(pk=idea.pk).needs_written_response


@pytest.mark.django_db
def test_a_job_that_fails_is_recorded_and_the_others_run():
    def broken():
        raise RuntimeError("kaputt")

    register_periodic_job("zz_broken", broken, order=1)
    try:
        with pytest.raises(CommandError, match="zz_broken"):
            call_command("run_periodic", verbosity=0)
    finally:
        unregister_periodic_job("zz_broken")
    assert "kaputt" in PeriodicJobLock.objects.get(name="zz_broken").last_error
    assert PeriodicJobLock.objects.get(name="retention").last_finished_at is not None


@pytest.mark.django_db
def test_the_lock_row_admits_one_run_at_a_time():
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL uses an advisory lock (see the thread test)")
    with job_lock("retention") as first:
        with job_lock("retention") as second:
            assert (first, second) == (True, False)
    with job_lock("retention") as again:  # released
        assert again
    # A run that crashed holds the row only until locked_until.
    PeriodicJobLock.objects.filter(name="retention").update(
        locked_until=timezone.now() - timedelta(seconds=1), owner="dead"
    )
    with job_lock("retention") as after_crash:
        assert after_crash


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_servers_at_once_run_each_job_once(topic):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    idea, guide = overdue_idea_with_threshold(topic)
    mail.outbox.clear()
    ran = []

    def slow():
        ran.append(threading.get_ident())
        time.sleep(1.0)  # the other server starts while this one runs
        return "ok"

    register_periodic_job("zz_slow", slow, order=0)
    barrier = threading.Barrier(2)
    outcomes = []

    def server():
        try:
            barrier.wait()
            outcomes.append(run_jobs())
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=server) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        unregister_periodic_job("zz_slow")
    assert len(ran) == 1
    skipped = [o.name for run in outcomes for o in run if not o.ran]
    assert "zz_slow" in skipped
    assert counts(idea, guide) == (1, 2, 2)
