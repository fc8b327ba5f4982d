import pytest
from django.urls import reverse

from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.guides.models import Assignment, InternalNote, OfficialResponse
from aufbruch.guides.services import internal_note_add, response_publish
from aufbruch.ideas.models import Idea, IdeaSource, IdeaStatus, StatusChange
from aufbruch.ideas.services import idea_submit
from aufbruch.ideas.workflow import idea_change_status

pytestmark = pytest.mark.django_db
S = IdeaStatus


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


@pytest.fixture
def guide_client(client, guide):
    login_with_mfa(client, guide)
    return client


def test_inbox_lists_my_departments_overdue_first(guide_client, idea, author, topic):
    late = idea_submit(author=author, title="Späte Idee zum Radweg", body="Text", topic=topic)
    Idea.objects.filter(pk=late.pk).update(response_due_at="2020-01-01T00:00:00Z")
    response = guide_client.get(reverse("guides:inbox"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Späte Idee zum Radweg") < html.index("Freies WLAN im Rathaus")
    assert "überfällig" in html


def test_inbox_search_and_filters(guide_client, idea, author, topic):
    idea_submit(author=author, title="Mehr Bänke im Stadtpark", body="Zum Ausruhen", topic=topic)
    html = guide_client.get(
        reverse("guides:inbox"), {"scope": "all", "q": "Stadtpark"}
    ).content.decode()
    assert "Mehr Bänke im Stadtpark" in html and "Freies WLAN" not in html
    html = guide_client.get(
        reverse("guides:inbox"), {"scope": "all", "status": "pool"}
    ).content.decode()
    assert "Mehr Bänke" not in html and "Freies WLAN" not in html
    # A bad filter value does not break the page.
    assert (
        guide_client.get(
            reverse("guides:inbox"), {"scope": "<script>", "topic": "abc", "page": "x"}
        ).status_code
        == 200
    )


def test_inbox_queries_do_not_grow(guide_client, author, topic, django_assert_max_num_queries):
    for n in range(30):
        idea_submit(author=author, title=f"Idee Nummer {n}", body="Text", topic=topic)
    with django_assert_max_num_queries(13):
        response = guide_client.get(reverse("guides:inbox"))
    assert response.status_code == 200 and "Nächste Seite" in response.content.decode()
    # Past the overdue block the overdue ideas are counted once: one query more.
    with django_assert_max_num_queries(14):
        assert (
            guide_client.get(reverse("guides:inbox"), {"page": 2, "scope": "all"}).status_code
            == 200
        )


def test_staff_idea_page_queries(guide_client, idea, guide, office, django_assert_max_num_queries):
    for n in range(5):
        internal_note_add(idea=idea, actor=guide, text=f"Notiz {n}")
    response_publish(idea=idea, actor=guide, text="Antwort")
    idea_change_status(idea=idea, actor=guide, to_status=S.IN_REVIEW, explanation="x")
    with django_assert_max_num_queries(20):
        response = guide_client.get(reverse("guides:idea", args=[idea.pk]))
    assert response.status_code == 200
    assert "Notiz 4" in response.content.decode()


def test_assign_reassign_needs_reason(guide_client, idea, guide, department):
    url = reverse("guides:idea_assign", args=[idea.pk])
    r = guide_client.post(url, {"assign-department": department.pk, "assign-assignee": guide.pk})
    assert r.status_code == 302
    idea.refresh_from_db()
    assert idea.assignee == guide
    # Reassignment without reason: error at the field, nothing changes.
    other = UserFactory()
    r = guide_client.post(url, {"assign-department": department.pk, "assign-assignee": ""})
    assert r.status_code == 400
    html = r.content.decode()
    assert 'id="id_assign-reason_error"' in html and "Begründung" in html
    assert Idea.objects.get(pk=idea.pk).assignee == guide and Assignment.objects.count() == 1
    r = guide_client.post(
        url, {"assign-department": department.pk, "assign-assignee": "", "assign-reason": "Urlaub"}
    )
    assert r.status_code == 302 and Idea.objects.get(pk=idea.pk).assignee is None
    assert AuditEntry.objects.filter(action="guides.assign").count() == 2
    assert other.pk


def test_assignee_must_be_guide_of_department(guide_client, idea, department, other_guide):
    r = guide_client.post(
        reverse("guides:idea_assign", args=[idea.pk]),
        {"assign-department": department.pk, "assign-assignee": other_guide.pk},
    )
    assert r.status_code == 400 and "id_assign-assignee_error" in r.content.decode()
    assert Idea.objects.get(pk=idea.pk).assignee is None


def test_status_form_bad_input_keeps_input(guide_client, idea):
    url = reverse("guides:idea_status", args=[idea.pk])
    r = guide_client.post(
        url, {"status-to_status": "declined", "status-explanation": "", "status-reference": "R-1"}
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert 'id="id_status-explanation_error"' in html and 'value="R-1"' in html
    r = guide_client.post(url, {"status-to_status": "implemented", "status-explanation": "Ja"})
    assert r.status_code == 400 and "id_status-to_status_error" in r.content.decode()
    r = guide_client.post(
        url,
        {"status-to_status": "in_review", "status-explanation": "x", "status-decided_at": "morgen"},
    )
    assert r.status_code == 400 and "id_status-decided_at_error" in r.content.decode()
    assert Idea.objects.get(pk=idea.pk).status == S.SUBMITTED and not StatusChange.objects.exists()


def test_status_change_escapes_html(guide_client, idea):
    r = guide_client.post(
        reverse("guides:idea_status", args=[idea.pk]),
        {
            "status-to_status": "in_review",
            "status-explanation": "<script>alert(1)</script> Prüfung",
        },
    )
    assert r.status_code == 302
    public = guide_client.get(idea.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in public and "Prüfung" in public


def test_double_submit_of_a_status_change_is_rejected(guide_client, idea):
    url = reverse("guides:idea_status", args=[idea.pk])
    data = {"status-to_status": "in_review", "status-explanation": "Wir prüfen."}
    assert guide_client.post(url, data).status_code == 302
    assert guide_client.post(url, data).status_code == 400
    assert StatusChange.objects.count() == 1


def test_note_and_response_bad_input(guide_client, idea):
    r = guide_client.post(reverse("guides:idea_note", args=[idea.pk]), {"note-text": "  "})
    assert r.status_code == 400 and "id_note-text_error" in r.content.decode()
    r = guide_client.post(
        reverse("guides:idea_respond", args=[idea.pk]), {"response-text": "x" * 10001}
    )
    assert r.status_code == 400 and "id_response-text_error" in r.content.decode()
    assert not InternalNote.objects.exists() and not OfficialResponse.objects.exists()


def test_response_edit_keeps_history_publicly(guide_client, idea, guide):
    response = response_publish(idea=idea, actor=guide, text="Erste Fassung")
    r = guide_client.post(
        reverse("guides:response_edit", args=[response.pk]),
        {f"edit-{response.pk}-text": "Zweite Fassung"},
    )
    assert r.status_code == 302
    public = guide_client.get(idea.get_absolute_url()).content.decode()
    assert "Zweite Fassung" in public and "Erste Fassung" in public and "bearbeitet am" in public
    assert "Fachbereich Digitales" in public
    r = guide_client.post(
        reverse("guides:response_edit", args=[response.pk]),
        {f"edit-{response.pk}-text": "Zweite Fassung"},
    )
    assert r.status_code == 400


def test_internal_notes_never_public(client, guide, idea, author):
    internal_note_add(idea=idea, actor=guide, text="GEHEIME-NOTIZ-4711")
    idea_change_status(idea=idea, actor=guide, to_status=S.IN_REVIEW, explanation="öffentlich")
    response_publish(idea=idea, actor=guide, text="Stellungnahme")
    for url in [idea.get_absolute_url(), reverse("ideas:list"), "/"]:
        assert "GEHEIME-NOTIZ-4711" not in client.get(url).content.decode()
    for api_url in (f"/api/v1/ideas/{idea.pk}", "/api/v1/ideas"):
        api = client.get(api_url)
        assert api.status_code == 200 and "Freies WLAN" in api.content.decode()
        assert "GEHEIME-NOTIZ-4711" not in api.content.decode()
    from aufbruch.accounts.services import user_export_data

    assert "GEHEIME-NOTIZ-4711" not in str(user_export_data(user=author))
    from aufbruch.notifications.models import Notification

    assert not Notification.objects.filter(body__contains="GEHEIME").exists()
    assert not Notification.objects.filter(title__contains="GEHEIME").exists()
    entry = AuditEntry.objects.get(action="guides.internal_note")
    assert "GEHEIME" not in str(entry.details)
    client.force_login(author)
    assert "GEHEIME-NOTIZ-4711" not in client.get(idea.get_absolute_url()).content.decode()


def test_staff_entry_shows_source_not_guide(guide_client, client_factory, guide, topic):
    r = guide_client.post(
        reverse("guides:idea_enter"),
        {
            "source": "paper",
            "title": "Idee von der Papierkarte",
            "body": "Handschriftlich",
            "topic": topic.pk,
        },
    )
    assert r.status_code == 302
    idea = Idea.objects.get(title="Idee von der Papierkarte")
    assert idea.source == "paper" and idea.entered_by == guide and idea.author != guide
    public = client_factory().get(idea.get_absolute_url()).content.decode()
    assert str(IdeaSource.PAPER.label) in public
    assert guide.display_name not in public and guide.email not in public


def test_staff_entry_bad_input(guide_client, topic):
    r = guide_client.post(
        reverse("guides:idea_enter"),
        {
            "source": "online",
            "title": "",
            "body": "x",
            "topic": topic.pk,
            "resident_email": "niemand@example.org",
        },
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "id_source_error" in html and "id_title_error" in html
    r = guide_client.post(
        reverse("guides:idea_enter"),
        {
            "source": "phone",
            "title": "Anruf wegen Laternen",
            "body": "x",
            "topic": topic.pk,
            "resident_email": "niemand@example.org",
        },
    )
    assert (
        r.status_code == 400
        and "id_resident_email_error" in r.content.decode()
        and "Anruf wegen Laternen" in r.content.decode()
    )
    assert not Idea.objects.exists()


def test_inbox_pages_overdue_block_then_newest(guide, author, topic):
    from datetime import timedelta

    from django.utils import timezone

    from aufbruch.guides.selectors import inbox_page, inbox_queryset

    now = timezone.now()
    made = [
        idea_submit(author=author, title=f"Idee Nummer {n:02d}", body="Text", topic=topic)
        for n in range(12)
    ]
    for n, idea in enumerate(made[:5]):
        Idea.objects.filter(pk=idea.pk).update(
            response_due_at=now - timedelta(days=1), created_at=now - timedelta(days=30 - n)
        )
    qs = inbox_queryset(guide, scope="all", now=now)
    pages = [inbox_page(qs, now=now, page=p, per_page=4) for p in (1, 2, 3, 4)]
    ids = [[i.pk for i in rows] for rows, _more in pages]
    overdue_ids = [i.pk for i in made[:5]]  # oldest first
    fresh_ids = [i.pk for i in reversed(made[5:])]  # newest first
    assert ids[0] == overdue_ids[:4] and ids[1] == overdue_ids[4:] + fresh_ids[:3]
    assert ids[2] == fresh_ids[3:7] and ids[3] == []
    assert [more for _rows, more in pages] == [True, True, False, False]
    assert all(i.is_overdue for i in pages[0][0]) and not any(i.is_overdue for i in pages[2][0])


def test_inbox_htmx_returns_the_results_only(guide_client, idea):
    r = guide_client.get(reverse("guides:inbox"), {"scope": "all"}, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert r.status_code == 200 and "<html" not in html and "Freies WLAN im Rathaus" in html


def test_public_panel_uses_fixed_queries(rf, idea, guide, office, django_assert_num_queries):
    from aufbruch.guides.panels import timeline_context
    from aufbruch.guides.services import response_edit

    for n in range(3):
        r = response_publish(idea=idea, actor=guide, text=f"Antwort {n}")
        response_edit(response=r, actor=guide, text=f"Antwort {n} ergänzt")
    for to in ("in_review", "pool", "pool", "decided"):
        idea_change_status(idea=idea, actor=office, to_status=to, explanation=to)
    idea.refresh_from_db()  # the service leaves the caller's object as it was
    with django_assert_num_queries(3):
        ctx = timeline_context(rf.get("/"), idea)
        assert len(ctx["changes"]) == 4
        assert [len(r.versions.all()) for r in ctx["responses"]] == [2, 2, 2]


def test_merged_idea_links_to_its_target(client, idea, guide, topic, author):
    from aufbruch.ideas.workflow import idea_merge

    target = idea_submit(author=author, title="Die Zielidee", body="Text", topic=topic)
    idea_merge(idea=idea, into=target, actor=guide, explanation="Gleiches Anliegen")
    html = client.get(idea.get_absolute_url()).content.decode()
    assert f'href="{target.get_absolute_url()}"' in html and "Gleiches Anliegen" in html
