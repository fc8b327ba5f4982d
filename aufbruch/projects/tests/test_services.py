from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from aufbruch.audit.models import AuditEntry
from aufbruch.ideas.models import Idea, IdeaStatus, StatusChange
from aufbruch.ideas.services import idea_submit
from aufbruch.ideas.workflow import idea_change_status, next_statuses
from aufbruch.notifications.models import Notification
from aufbruch.projects.models import (
    Milestone,
    Project,
    ProjectStatus,
    ProjectUpdate,
    ProjectUpdateImage,
)
from aufbruch.projects.services import (
    milestone_add,
    milestone_mark_done,
    project_complete,
    project_create,
    project_edit,
    project_post_update,
)

from .conftest import png_upload, walk

pytestmark = pytest.mark.django_db


def create(actor, dept, ideas, **kw):
    data = {"title": "Reallabor", "goal": "Ein Ziel.", "department": dept, "ideas": ideas}
    data.update(kw)
    return project_create(actor=actor, **data)


def test_create_from_decided_idea_is_audited(idea, office, department):
    decided = walk(idea, office, "decided")
    project = create(
        office, department, [decided], budget_planned="12500.5", starts_on=date(2026, 3, 1)
    )
    assert project.status == ProjectStatus.RUNNING and project.progress == 0
    assert list(project.ideas.all()) == [decided]
    assert project.budget_planned == Decimal("12500.50")
    assert (
        AuditEntry.objects.filter(action="projects.create", target_id=str(project.pk)).count() == 1
    )


def test_several_ideas_form_one_project(idea, office, department, author, topic):
    second = idea_submit(author=author, title="WLAN im Bürgerbüro", body="Auch dort.", topic=topic)
    a, b = walk(idea, office, "decided"), walk(second, office, "feasibility")
    project = create(office, department, [a, b])
    assert set(project.ideas.values_list("pk", flat=True)) == {a.pk, b.pk}


@pytest.mark.parametrize(
    "kw, field",
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 141}, "title"),
        ({"goal": "   "}, "goal"),
        ({"goal": "x" * 5001}, "goal"),
        ({"budget_planned": "zwölf"}, "budget_planned"),
        ({"budget_planned": "-5"}, "budget_planned"),
        ({"department": None}, "department"),
    ],
)
def test_create_bad_input_changes_nothing(pilot_idea, office, department, kw, field):
    with pytest.raises(ValidationError) as exc:
        create(office, kw.pop("department", department), [pilot_idea], **kw)
    assert field in exc.value.message_dict
    assert not Project.objects.exists()


def test_only_adopted_and_visible_ideas_become_projects(idea, office, department):
    with pytest.raises(ValidationError) as exc:
        create(office, department, [])
    assert "ideas" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        create(office, department, [idea])  # still "submitted"
    assert "ideas" in exc.value.message_dict
    decided = walk(idea, office, "decided")
    Idea.objects.filter(pk=decided.pk).update(is_hidden=True)
    with pytest.raises(ValidationError):
        create(office, department, [decided])
    assert not Project.objects.exists()


def test_an_idea_is_in_one_running_project_only(project, pilot_idea, office, department):
    with pytest.raises(ValidationError) as exc:
        create(office, department, [pilot_idea])
    assert "ideas" in exc.value.message_dict
    assert Project.objects.count() == 1


def test_guides_start_projects_only_for_their_department(
    pilot_idea, guide, other_guide, department, participant
):
    with pytest.raises(ValidationError) as exc:
        create(other_guide, department, [pilot_idea])
    assert "department" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        create(participant, department, [pilot_idea])
    assert not Project.objects.exists()
    assert create(guide, department, [pilot_idea]).department == department


def test_edit_progress_and_budget(project, guide):
    changed = project_edit(
        project=project,
        actor=guide,
        title="Neu",
        goal="Ziel",
        progress=55,
        budget_planned="1000",
        budget_spent="250.25",
    )
    assert (changed.progress, changed.budget_spent, changed.title) == (55, Decimal("250.25"), "Neu")
    for bad in (-1, 101, "viel"):
        with pytest.raises(ValidationError) as exc:
            project_edit(project=project, actor=guide, title="X", goal="Y", progress=bad)
        assert "progress" in exc.value.message_dict
    assert Project.objects.get(pk=project.pk).progress == 55


def test_other_department_cannot_manage(project, other_guide, participant):
    for actor in (other_guide, participant, None):
        with pytest.raises(PermissionDenied):
            project_edit(project=project, actor=actor, title="X", goal="Y", progress=90)
        with pytest.raises(PermissionDenied):
            project_post_update(project=project, actor=actor, title="X", body="Y")
    assert Project.objects.get(pk=project.pk).progress == 0 and not ProjectUpdate.objects.exists()


def test_milestones(project, guide):
    today = timezone.localdate()
    milestone = milestone_add(project=project, actor=guide, title="Partner", due_on=today)
    with pytest.raises(ValidationError):
        milestone_add(project=project, actor=guide, title="", due_on=None)
    with pytest.raises(ValidationError):
        milestone_mark_done(milestone=milestone, actor=guide, done_on=today + timedelta(days=3))
    done = milestone_mark_done(milestone=milestone, actor=guide, done_on=today)
    assert done.done_on == today and Milestone.objects.count() == 1


def test_update_notifies_followers_and_supporters_once(project, guide, supporter, follower, author):
    update = project_post_update(
        project=project, actor=guide, title="Start", body="Es geht los.", progress=20
    )
    notified = set(
        Notification.objects.filter(event_key=f"project-update:{update.pk}").values_list(
            "recipient_id", flat=True
        )
    )
    # the author follows their own idea from the start
    assert notified == {supporter.pk, follower.pk, author.pk}
    assert Project.objects.get(pk=project.pk).progress == 20
    # a retry of the same event does not notify twice (idempotent key)
    from aufbruch.notifications.services import notify

    notify(
        recipients=[supporter], kind="status", event_key=f"project-update:{update.pk}", title="x"
    )
    assert (
        Notification.objects.filter(
            recipient=supporter, event_key=f"project-update:{update.pk}"
        ).count()
        == 1
    )


def test_update_with_images_reencoded(project, guide):
    update = project_post_update(
        project=project,
        actor=guide,
        title="Fotos",
        body="Bilder vom Start.",
        images=[(png_upload(), "Das Team im Rathaus")],
    )
    image = ProjectUpdateImage.objects.get(update=update)
    assert image.alt_text == "Das Team im Rathaus" and (image.width, image.height) == (40, 30)
    assert image.image.name.startswith(f"projects/{project.pk}/") and image.image.name.endswith(
        ".jpg"
    )


def test_update_rejects_bad_image_and_missing_alt_text(project, guide):
    fake = SimpleUploadedFile("x.png", b"<script>alert(1)</script>", content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        project_post_update(
            project=project, actor=guide, title="A", body="B", images=[(fake, "Bild")]
        )
    assert "image_1" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        project_post_update(
            project=project, actor=guide, title="A", body="B", images=[(png_upload(), "")]
        )
    assert "alt_text_1" in exc.value.message_dict
    assert (
        not ProjectUpdate.objects.exists()
        and not Notification.objects.filter(event_key__startswith="project-update").exists()
    )


def test_update_body_is_sanitised(project, guide):
    update = project_post_update(
        project=project,
        actor=guide,
        title="T",
        body='<script>alert(1)</script><img src=x onerror="x()">',
    )
    assert "<script" not in update.body_html and "<img" not in update.body_html


def test_implemented_only_through_the_project(pilot_idea, office):
    assert IdeaStatus.IMPLEMENTED not in next_statuses(IdeaStatus.PILOT)
    with pytest.raises(ValidationError) as exc:
        idea_change_status(
            idea=pilot_idea, actor=office, to_status="implemented", explanation="Fertig"
        )
    assert "to_status" in exc.value.message_dict
    assert Idea.objects.get(pk=pilot_idea.pk).status == IdeaStatus.PILOT


def test_complete_makes_ideas_implemented(project, pilot_idea, guide, supporter):
    done = project_complete(project=project, actor=guide, explanation="Reallabor erfolgreich.")
    assert done.status == ProjectStatus.COMPLETED and done.progress == 100 and done.completed_at
    idea = Idea.objects.get(pk=pilot_idea.pk)
    assert idea.status == IdeaStatus.IMPLEMENTED
    change = StatusChange.objects.filter(idea=idea).last()
    assert change.to_status == "implemented" and change.explanation == "Reallabor erfolgreich."
    assert Notification.objects.filter(
        recipient=supporter, event_key=f"status:{change.pk}"
    ).exists()
    with pytest.raises(ValidationError):
        project_complete(project=done, actor=guide, explanation="Nochmal")
    with pytest.raises(ValidationError):
        project_post_update(project=done, actor=guide, title="A", body="B")


def test_complete_needs_pilot_stage_and_explanation(idea, office, department, guide):
    decided = walk(idea, office, "decided")
    project = create(office, department, [decided])
    with pytest.raises(ValidationError) as exc:
        project_complete(project=project, actor=guide, explanation="Fertig")
    assert "explanation" in exc.value.message_dict
    walk_rest = ["feasibility", "pilot"]
    for status in walk_rest:
        idea_change_status(idea=decided, actor=office, to_status=status, explanation="weiter")
    with pytest.raises(ValidationError) as exc:
        project_complete(project=project, actor=guide, explanation="  ")
    assert "explanation" in exc.value.message_dict
    assert Idea.objects.get(pk=decided.pk).status == IdeaStatus.PILOT
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.RUNNING
