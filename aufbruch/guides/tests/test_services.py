from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.guides.models import GuideSettings, OfficialResponseVersion
from aufbruch.guides.reminders import send_guide_reminders
from aufbruch.guides.selectors import guide_settings
from aufbruch.guides.services import idea_assign, response_edit, response_publish, settings_update
from aufbruch.ideas.models import Idea, Support
from aufbruch.ideas.services import idea_submit
from aufbruch.ideas.workflow import idea_change_status
from aufbruch.notifications.models import Notification
from aufbruch.staff.models import StaffRole
from aufbruch.staff.selectors import is_guide, is_moderator, is_programme_office
from aufbruch.staff.services import staff_role_grant, staff_role_revoke

pytestmark = pytest.mark.django_db


def test_response_publish_sets_first_response_and_notifies(
    idea, guide, author, follower, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = response_publish(idea=idea, actor=guide, text="Wir setzen das um.")
    idea.refresh_from_db()
    assert (
        idea.first_response_at == response.published_at and response.department == idea.department
    )
    told = set(
        Notification.objects.filter(
            event_key=f"response:{response.pk}", kind="response"
        ).values_list("recipient_id", flat=True)
    )
    assert told == {author.pk, follower.pk}
    assert AuditEntry.objects.filter(
        action="guides.response_publish", target_id=str(idea.pk)
    ).exists()


def test_response_edit_keeps_versions(idea, guide, office):
    response = response_publish(idea=idea, actor=guide, text="Erste Fassung")
    edited = response_edit(response=response, actor=office, text="Zweite Fassung")
    assert list(
        OfficialResponseVersion.objects.filter(response=response).values_list("number", "text")
    ) == [(1, "Erste Fassung"), (2, "Zweite Fassung")]
    assert edited.version == 2 and edited.edited_at is not None
    assert response.version == 1  # the caller's object is left as it was
    with pytest.raises(ValidationError):
        response_edit(response=response, actor=guide, text="Zweite Fassung")
    with pytest.raises(ValidationError):
        response_edit(response=response, actor=guide, text="")


def test_response_needs_department(author, guide, office):
    from aufbruch.core.testing import TopicFactory

    loose = idea_submit(author=author, title="Ohne Fachbereich", body="Text", topic=TopicFactory())
    with pytest.raises(ValidationError):
        response_publish(idea=loose, actor=office, text="Antwort")
    with pytest.raises(PermissionDenied):
        response_publish(idea=loose, actor=guide, text="Antwort")


def test_settings_update_validates_and_is_read_by_guide_settings(office, guide):
    assert (
        guide_settings().response_days,
        guide_settings().support_threshold,
        guide_settings().support_window_days,
    ) == (21, 200, 56)
    for bad in (0, -1, 366, "7", None, True):
        with pytest.raises(ValidationError):
            settings_update(
                actor=office, response_days=bad, support_threshold=200, support_window_days=56
            )
    with pytest.raises(PermissionDenied):
        settings_update(
            actor=guide, response_days=10, support_threshold=200, support_window_days=56
        )
    assert not GuideSettings.objects.exists()
    from django.core.cache import cache

    settings_update(actor=office, response_days=14, support_threshold=150, support_window_days=30)
    cache.clear()  # the service clears the cache on commit; this test runs inside one transaction
    assert (guide_settings().response_days, guide_settings().support_threshold) == (14, 150)
    entry = AuditEntry.objects.get(action="guides.settings_change")
    assert (
        entry.details["before"]["response_days"] == 21
        and entry.details["after"]["response_days"] == 14
    )


def test_settings_form_bad_input(client, office):
    login_with_mfa(client, office)
    r = client.post(
        reverse("guides:settings"),
        {"response_days": "abc", "support_threshold": "", "support_window_days": "9999"},
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert all(
        f"id_{f}_error" in html
        for f in ("response_days", "support_threshold", "support_window_days")
    )
    assert 'value="abc"' in html and not GuideSettings.objects.exists()


def test_roles_grant_and_revoke(office, participant, department):
    role = staff_role_grant(actor=office, user=participant, role="guide", department=department)
    assert is_guide(participant)
    with pytest.raises(ValidationError):
        staff_role_grant(actor=office, user=participant, role="guide", department=department)
    with pytest.raises(ValidationError):
        staff_role_grant(actor=office, user=participant, role="guide", department=None)
    with pytest.raises(ValidationError):
        staff_role_grant(actor=office, user=participant, role="king")
    staff_role_revoke(actor=office, staff_role=role)
    assert not is_guide(participant) and not StaffRole.objects.filter(user=participant).exists()
    assert [
        e.action for e in AuditEntry.objects.filter(target_id=str(participant.pk)).order_by("id")
    ] == ["guides.role_grant", "guides.role_revoke"]


def test_office_cannot_remove_own_office_role(office):
    with pytest.raises(ValidationError):
        staff_role_revoke(actor=office, staff_role=StaffRole.objects.get(user=office))
    assert is_programme_office(office)


def test_role_page_search_and_grant(client, office, participant, department):
    login_with_mfa(client, office)
    html = client.get(reverse("guides:roles"), {"q": "participant@"}).content.decode()
    assert "Teilnehmer" in html and "participant@example.org" in html
    r = client.post(
        reverse("guides:roles"),
        {"grant-user": participant.pk, "grant-role": "guide", "grant-department": ""},
    )
    assert r.status_code == 400 and "Fachbereich" in r.content.decode()
    r = client.post(reverse("guides:roles"), {"grant-user": "999999", "grant-role": "moderator"})
    assert r.status_code == 400
    r = client.post(
        reverse("guides:roles"), {"grant-user": participant.pk, "grant-role": "moderator"}
    )
    assert r.status_code == 302 and is_moderator(participant)


def test_reminders_are_idempotent_per_day(
    idea, guide, department, office, django_capture_on_commit_callbacks
):
    from django.core import mail

    Idea.objects.filter(pk=idea.pk).update(response_due_at=timezone.now() - timedelta(days=1))
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        first = send_guide_reminders(now=now)
        again = send_guide_reminders(now=now)
    assert (first.reminded_ideas, first.notifications) == (1, 1) and again.notifications == 0
    assert Notification.objects.filter(recipient=guide, kind="reminder").count() == 1
    assert len(mail.outbox) == 1
    tomorrow = send_guide_reminders(now=now + timedelta(days=1))
    assert tomorrow.notifications == 1
    # The assigned guide alone is reminded once someone is responsible.
    second_guide = UserFactory()
    StaffRole.objects.create(user=second_guide, role="guide", department=department)
    idea_assign(idea=idea, actor=office, department=department, assignee=second_guide)
    send_guide_reminders(now=now + timedelta(days=2))
    day3 = Notification.objects.filter(
        event_key__endswith=timezone.localdate(now + timedelta(days=2)).isoformat()
    )
    assert list(day3.values_list("recipient_id", flat=True)) == [second_guide.pk]


def test_answered_ideas_are_not_reminded(idea, guide):
    Idea.objects.filter(pk=idea.pk).update(response_due_at=timezone.now() - timedelta(days=1))
    idea_change_status(idea=idea, actor=guide, to_status="in_review", explanation="x")
    assert send_guide_reminders().reminded_ideas == 0


def test_support_threshold_flags_once(idea, office, guide):
    settings_update(actor=office, response_days=21, support_threshold=3, support_window_days=10)
    from django.core.cache import cache

    cache.clear()
    for _ in range(3):
        Support.objects.create(idea=idea, user=UserFactory())
    late = Support.objects.create(idea=idea, user=UserFactory())
    Support.objects.filter(pk=late.pk).update(created_at=idea.created_at + timedelta(days=20))
    Idea.objects.filter(pk=idea.pk).update(support_count=4)
    assert send_guide_reminders().flagged_ideas == 1
    assert Idea.objects.get(pk=idea.pk).needs_written_response is True
    assert send_guide_reminders().flagged_ideas == 0
    assert Notification.objects.filter(event_key=f"threshold:{idea.pk}", recipient=guide).exists()
    assert AuditEntry.objects.filter(action="guides.threshold_reached").count() == 1


def test_threshold_counts_only_supports_within_the_window(idea, office):
    settings_update(actor=office, response_days=21, support_threshold=2, support_window_days=5)
    from django.core.cache import cache

    cache.clear()
    early = Support.objects.create(idea=idea, user=UserFactory())
    late = Support.objects.create(idea=idea, user=UserFactory())
    Support.objects.filter(pk=late.pk).update(created_at=idea.created_at + timedelta(days=6))
    Idea.objects.filter(pk=idea.pk).update(support_count=2)
    assert send_guide_reminders().flagged_ideas == 0 and early.pk
    assert Idea.objects.get(pk=idea.pk).needs_written_response is False


def test_management_command(idea, capsys):
    Idea.objects.filter(pk=idea.pk).update(response_due_at=timezone.now() - timedelta(days=1))
    call_command("send_guide_reminders")
    assert "1 overdue idea" in capsys.readouterr().out


def test_public_timeline_matches_audit_trail(client, idea, guide, office):
    """The whole path; the public page lists exactly the audited transitions, in order."""
    path = [
        ("in_review", "Wir prüfen die Idee."),
        ("pool", "Die Idee kommt in den Projektpool."),
        ("pool", "Zurückgestellt bis 2027."),
        ("decided", "Der Hauptausschuss hat beschlossen."),
        ("feasibility", "Zwölf Monate Machbarkeitsprüfung."),
        ("pilot", "Reallabor im Rathaus."),
        ("implemented", "Umgesetzt in allen Ämtern."),
    ]
    for to, text in path:
        idea_change_status(
            idea=idea,
            actor=office if to in ("pool", "decided") else guide,
            to_status=to,
            explanation=text,
            reference="HA/1" if to == "decided" else "",
            via_project=to == "implemented",  # as projects.services.project_complete does
        )
    audited = [
        (e.details["to"], e.details["explanation"])
        for e in AuditEntry.objects.filter(
            action="guides.status_change", target_id=str(idea.pk)
        ).order_by("created_at", "id")
    ]
    assert audited == path
    html = client.get(idea.get_absolute_url()).content.decode()
    timeline = html[html.index('id="timeline-heading"') :]
    positions = [timeline.index(text) for _, text in path]
    assert positions == sorted(positions)
    assert timeline.count('<li id="status-') == len(path)
    assert "HA/1" in timeline


def test_reminder_task_runs_in_the_background_backend(idea, guide):
    from aufbruch.guides.tasks import send_guide_reminders_task

    Idea.objects.filter(pk=idea.pk).update(response_due_at=timezone.now() - timedelta(days=1))
    result = send_guide_reminders_task.enqueue()
    assert result.return_value == {"reminded_ideas": 1, "notifications": 1, "flagged_ideas": 0}


def test_flag_is_shown_in_inbox_and_on_the_staff_page(client, idea, guide):
    Idea.objects.filter(pk=idea.pk).update(needs_written_response=True)
    login_with_mfa(client, guide)
    assert (
        "Schriftliche Stellungnahme nötig"
        in client.get(reverse("guides:inbox"), {"scope": "flagged"}).content.decode()
    )
    assert (
        "Unterstützungsschwelle erreicht"
        in client.get(reverse("guides:idea", args=[idea.pk])).content.decode()
    )


def test_staff_data_export_has_their_own_notes_and_responses(idea, guide, author):
    from aufbruch.accounts.services import user_export_data
    from aufbruch.guides.services import internal_note_add

    internal_note_add(idea=idea, actor=guide, text="Meine Notiz")
    response_publish(idea=idea, actor=guide, text="Meine Antwort")
    exported = user_export_data(user=guide)["guides"]
    assert [n["text"] for n in exported["internal_notes"]] == ["Meine Notiz"]
    assert [r["text"] for r in exported["official_responses"]] == ["Meine Antwort"]
    assert user_export_data(user=author)["guides"] == {
        "internal_notes": [],
        "official_responses": [],
    }


def test_new_ideas_are_due_after_the_offices_response_days(office, author, topic):
    """ideas does not import guides: guides registers its setting as the source
    of the response deadline in GuidesConfig.ready()."""
    from django.core.cache import cache

    settings_update(actor=office, response_days=9, support_threshold=200, support_window_days=56)
    cache.clear()  # the service clears the cache on commit; this test runs inside one transaction
    before = timezone.now()
    idea = idea_submit(
        author=author, title="Eine Frist", body="Ein Text zur Idee, lang genug.", topic=topic
    )
    due = idea.response_due_at - before
    assert timedelta(days=9) <= due < timedelta(days=9, minutes=1)
