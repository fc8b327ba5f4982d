import pytest
from django.urls import reverse

from aufbruch.ideas.models import Idea
from aufbruch.projects.models import Milestone, Project, ProjectUpdate
from aufbruch.projects.services import milestone_add, project_post_update

from .conftest import png_upload

pytestmark = pytest.mark.django_db


def test_public_list_and_detail_for_anonymous(
    client, project, guide, django_assert_max_num_queries
):
    from django.utils import timezone

    milestone_add(
        project=project, actor=guide, title="Partner gefunden", due_on=timezone.localdate()
    )
    project_post_update(
        project=project,
        actor=guide,
        title="Es läuft",
        body="Gute Nachrichten.",
        progress=30,
        images=[(png_upload(), "Team im Rathaus")],
    )
    with django_assert_max_num_queries(4):
        r = client.get(reverse("projects:list"))
    assert r.status_code == 200 and "Reallabor WLAN" in r.content.decode()
    with django_assert_max_num_queries(8):
        r = client.get(project.get_absolute_url())
    html = r.content.decode()
    assert r.status_code == 200
    for text in (
        "Reallabor WLAN",
        "Partner gefunden",
        "Es läuft",
        'alt="Team im Rathaus"',
        "Fachbereich Digitales",
        "30 %",
    ):
        assert text in html
    assert guide.email not in html and guide.display_name not in html
    assert client.get(reverse("projects:detail", args=[999999])).status_code == 404


def test_hidden_idea_is_not_listed_on_project(client, project, pilot_idea):
    Idea.objects.filter(pk=pilot_idea.pk).update(is_hidden=True, hidden_reason="Werbung")
    html = client.get(project.get_absolute_url()).content.decode()
    assert pilot_idea.get_absolute_url() not in html


def test_idea_page_shows_the_project(client, project, pilot_idea):
    html = client.get(pilot_idea.get_absolute_url()).content.decode()
    assert 'id="project-panel-heading"' in html and project.get_absolute_url() in html


def test_a_changed_project_shows_on_the_shared_idea_page_at_once(
    client, project, pilot_idea, office
):
    """The project's audit entry renews its ideas' pages (audit.page_effects)."""
    from aufbruch.projects.services import project_edit

    assert "Reallabor WLAN" in client.get(pilot_idea.get_absolute_url()).content.decode()
    project_edit(
        project=project,
        actor=office,
        title="Reallabor WLAN im Bürgerbüro",
        goal="Mehr",
        progress=40,
    )
    html = client.get(pilot_idea.get_absolute_url()).content.decode()
    assert "Reallabor WLAN im Bürgerbüro" in html


@pytest.mark.parametrize(
    "role, status",
    [
        ("anonymous", 302),
        ("participant", 403),
        ("moderator", 403),
        ("other_guide", 403),
        ("guide", 302),
        ("office", 302),
    ],
)
def test_staff_post_update_role_matrix(client, as_role, project, role, status):
    as_role(role)
    url = reverse("projects_staff:update", args=[project.pk])
    r = client.post(url, {"up-title": "Neu", "up-body": "Text"})
    assert r.status_code == status
    published = ProjectUpdate.objects.exists()
    assert published == (role in ("guide", "office"))
    if status == 302 and role != "anonymous":
        assert r["Location"] == reverse("projects_staff:detail", args=[project.pk])


def test_manage_page_only_for_managers(client, as_role, project):
    as_role("other_guide")
    assert client.get(reverse("projects_staff:detail", args=[project.pk])).status_code == 403
    assert (
        client.get(reverse("projects_staff:list")).status_code == 200
    )  # a guide may start own projects


def test_create_through_the_form(client, as_role, pilot_idea, department):
    as_role("guide")
    url = reverse("projects_staff:list")
    page = client.get(url).content.decode()
    assert f'value="{pilot_idea.pk}"' in page
    r = client.post(
        url,
        {
            "title": "",
            "goal": "Ziel <b>fett</b>",
            "department": department.pk,
            "ideas": [pilot_idea.pk],
        },
    )
    assert r.status_code == 400 and 'id="id_title_error"' in r.content.decode()
    assert "Ziel &lt;b&gt;fett&lt;/b&gt;" in r.content.decode()  # input kept, escaped
    assert not Project.objects.exists()
    r = client.post(
        url, {"title": "WLAN", "goal": "Ziel", "department": department.pk, "ideas": ["abc"]}
    )
    assert r.status_code == 400 and not Project.objects.exists()
    data = {
        "title": "WLAN",
        "goal": "Ziel",
        "department": department.pk,
        "ideas": [pilot_idea.pk],
        "budget_planned": "1000",
    }
    r = client.post(url, data)
    project = Project.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse(
        "projects_staff:detail", args=[project.pk]
    )
    r = client.post(url, data)  # double submit: the idea is taken now
    assert r.status_code == 400 and Project.objects.count() == 1


def test_update_form_bad_image_keeps_input(client, as_role, project):
    as_role("guide")
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    r = client.post(
        reverse("projects_staff:update", args=[project.pk]),
        {"up-title": "Fotos", "up-body": "Text bleibt", "up-image_2": bad, "up-alt_text_2": "Bild"},
    )
    html = r.content.decode()
    assert r.status_code == 400 and 'id="id_up-image_2_error"' in html and "Text bleibt" in html
    assert not ProjectUpdate.objects.exists()


def test_progress_out_of_range_is_refused(client, as_role, project):
    as_role("office")
    r = client.post(
        reverse("projects_staff:edit", args=[project.pk]),
        {"title": "T", "goal": "G", "progress": "150"},
    )
    assert r.status_code == 400 and 'id="id_progress_error"' in r.content.decode()
    assert Project.objects.get(pk=project.pk).progress == 0


def test_milestone_done_through_form(client, as_role, project, guide):
    from django.utils import timezone

    m = milestone_add(project=project, actor=guide, title="Start", due_on=timezone.localdate())
    as_role("guide")
    r = client.post(
        reverse("projects_staff:milestone_done", args=[m.pk]), {"done-done_on": "kaputt"}
    )
    assert r.status_code == 400 and Milestone.objects.get(pk=m.pk).done_on is None
    r = client.post(
        reverse("projects_staff:milestone_done", args=[m.pk]),
        {"done-done_on": timezone.localdate().isoformat()},
    )
    assert r.status_code == 302 and Milestone.objects.get(pk=m.pk).done_on == timezone.localdate()


def test_complete_through_form(client, as_role, project, pilot_idea):
    as_role("guide")
    r = client.post(
        reverse("projects_staff:complete", args=[project.pk]),
        {"done-project-explanation": "Geschafft."},
    )
    assert r.status_code == 302
    assert Idea.objects.get(pk=pilot_idea.pk).status == "implemented"
