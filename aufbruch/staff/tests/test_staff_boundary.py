"""Every URL × every role × with and without a completed second factor.

Staff power lives in a session that passed TOTP (accounts.mfa). A staff
member who logged in with a password only must get nothing a resident would
not get: the same answer, or the way to the second factor, and never a
word of staff-only content. With the second factor, a staff page answers
200 only to the roles the role table below allows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from aufbruch.boards import services as boards
from aufbruch.boards.models import BoardKind
from aufbruch.comments.models import Comment
from aufbruch.comments.services import comment_create
from aufbruch.committees.models import CommitteeMeeting
from aufbruch.core.testing import (
    DepartmentFactory,
    TopicFactory,
    UserFactory,
    login_password_only,
    login_with_mfa,
)
from aufbruch.guides.services import internal_note_add
from aufbruch.ideas.models import Idea
from aufbruch.ideas.services import idea_submit
from aufbruch.meetings import services as meetings
from aufbruch.meetings.models import MeetingKind
from aufbruch.opinions import services as opinions
from aufbruch.staff.models import StaffRole
from aufbruch.surveys import services as surveys
from aufbruch.surveys.models import QuestionKind

pytestmark = pytest.mark.django_db

# Words that only staff may ever read; each stands in one staff-only place.
SECRET_NOTE = "GEHEIM-Notiz-4711"
SECRET_HIDDEN_IDEA = "GEHEIM-Idee-4712"
SECRET_HIDDEN_COMMENT = "GEHEIM-Kommentar-4713"
SECRET_MOTIVATION = "GEHEIM-Bewerbung-4714"
SECRET_FREE_TEXT = "GEHEIM-Freitext-4715"
SECRET_DRAFT_SURVEY = "GEHEIM-Entwurf-4716"
SECRET_UNPUBLISHED_EVENT = "GEHEIM-Veranstaltung-4717"
SECRETS = [
    SECRET_NOTE,
    SECRET_HIDDEN_IDEA,
    SECRET_HIDDEN_COMMENT,
    SECRET_MOTIVATION,
    SECRET_FREE_TEXT,
    SECRET_DRAFT_SURVEY,
    SECRET_UNPUBLISHED_EVENT,
]

MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64

# Which roles (with their second factor) may open each staff page; a 200 for
# any other role fails. "resident" means every logged-in person.
OFFICE = {"office", "superuser"}
GUIDES = {"guide"} | OFFICE
MODERATORS = {"moderator"} | OFFICE
ALL_STAFF = {"guide", "moderator"} | OFFICE
ROLE_TABLE: dict[str, set[str]] = {
    "guides:inbox": ALL_STAFF,
    "guides:idea_enter": ALL_STAFF,
    "guides:idea": ALL_STAFF,
    "guides:idea_assign": GUIDES,
    "guides:idea_status": GUIDES,
    "guides:idea_note": GUIDES,
    "guides:idea_respond": GUIDES,
    "guides:idea_merge": GUIDES,
    "guides:response_edit": GUIDES,
    "guides:roles": OFFICE,
    "guides:settings": OFFICE,
    "committees:list": GUIDES,
    "committees:detail": GUIDES,
    "committees:paper": ALL_STAFF,
    "committees:paper_csv": ALL_STAFF,
    "committees:paper_pdf": ALL_STAFF,
    "committees:positions": ALL_STAFF,
    "figures_staff:index": ALL_STAFF,
    "agenda_staff:list": OFFICE,
    "pages_staff:index": OFFICE,
    "projects_staff:list": GUIDES,
    "dashboards:index": ALL_STAFF,
    "dashboards:department": ALL_STAFF,
    "moderation_staff:queue": MODERATORS,
    "moderation_staff:item": MODERATORS,
    "moderation_staff:block": MODERATORS,
    "opinions_staff:index": ALL_STAFF,
    "opinions_staff:moderate": MODERATORS,
    "opinions_staff:export": ALL_STAFF,
    "boards_staff:list": OFFICE,
    "boards_staff:manage": OFFICE,
    "boards_staff:application": OFFICE,
    "meetings:manage_list": ALL_STAFF,
    "meetings:manage_create": OFFICE,
    "meetings:manage_edit": OFFICE,
    "meetings:manage_agenda": OFFICE,
    "meetings:manage_attendees": OFFICE,
    "meetings:manage_results": OFFICE,
    "meetings:check_in": OFFICE,
    "meetings:manage_session": OFFICE,
    "meetings:live_moderation": MODERATORS,
    "surveys:manage_list": OFFICE,
    "surveys:manage_detail": OFFICE,
    "surveys:edit": OFFICE,
    "surveys:tokens": OFFICE,
    "surveys:paper_entry": ALL_STAFF,
    "surveys:answer_moderate": MODERATORS,
    "surveys:results_csv": ALL_STAFF,
    "surveys:section_add": OFFICE,
    "surveys:question_add": OFFICE,
    "surveys:question_delete": OFFICE,
    "surveys:publish": OFFICE,
    "surveys:close": OFFICE,
    "assumptions:manage_list": OFFICE,
    "assumptions:manage_detail": OFFICE,
    "assumptions:review": OFFICE,
    "admin:index": {"superuser"},
    "admin:accounts_user_changelist": {"superuser"},
    "admin:accounts_user_change": {"superuser"},
    "admin:audit_auditentry_changelist": {"superuser"},
}
STAFF_PREFIXES = ("/staff/", "/admin/")  # every staff page lives here (test_staff_urls)
SKIP = {"set_language", "media", "api:openapi-view"}
ADMIN_KEEP = {n for n in ROLE_TABLE if n.startswith("admin:")}


def url_names() -> list[tuple[str, list[str]]]:
    """(name, keyword names) of every named route, the admin cut to a sample."""
    found: list[tuple[str, list[str]]] = []

    def walk(resolver, ns, kwargs):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                inner = p.namespace or ns
                if p.namespace in ("admin",) or inner == "admin":
                    names = ADMIN_KEEP
                    found.extend((n, ["object_id"] if n.endswith("_change") else []) for n in names)
                    continue
                walk(
                    p,
                    ":".join(filter(None, [ns, p.namespace])) or None,
                    kwargs + list(p.pattern.regex.groupindex),
                )
            elif isinstance(p, URLPattern) and p.name:
                name = f"{ns}:{p.name}" if ns else p.name
                found.append((name, kwargs + list(p.pattern.regex.groupindex)))

    walk(get_resolver(), None, [])
    seen, result = set(), []
    for name, kw in found:
        if name in seen or name in SKIP or name.startswith(("account_", "mfa_", "socialaccount")):
            continue
        seen.add(name)
        result.append((name, kw))
    return result


@pytest.fixture
def world():
    now = timezone.now()
    department = DepartmentFactory(name="Bürgerservice", slug="buergerservice")
    topic = TopicFactory(name="Mitmachstadt", slug="mitmachstadt")
    resident = UserFactory(display_name="Anwohnerin")
    # the baseline: a resident who wrote nothing (an author sees their own hidden idea)
    people = {"resident": resident, "visitor": UserFactory(display_name="Besucher")}
    for role in ("guide", "moderator", "office"):
        user = UserFactory(display_name=f"Rolle {role}")
        StaffRole.objects.create(
            user=user, role=role, department=department if role == "guide" else None
        )
        people[role] = user
    people["superuser"] = UserFactory(display_name="Admin", is_staff=True, is_superuser=True)
    office = people["office"]

    idea = idea_submit(
        author=resident, title="Sichere Radwege", body="Mehr Platz fürs Rad.", topic=topic
    )
    Idea.objects.filter(pk=idea.pk).update(department=department)
    hidden = idea_submit(author=resident, title=SECRET_HIDDEN_IDEA, body="Text", topic=topic)
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True, hidden_reason="Beleidigung")
    internal_note_add(idea=Idea.objects.get(pk=idea.pk), actor=people["guide"], text=SECRET_NOTE)
    comment = comment_create(idea=idea, author=resident, body=SECRET_HIDDEN_COMMENT)
    Comment.objects.filter(pk=comment.pk).update(is_hidden=True, hidden_reason="Beleidigung")
    visible_comment = comment_create(idea=idea, author=resident, body="Gute Idee")

    board = boards.board_create(
        actor=office,
        name="Morgenmacher",
        slug="morgenmacher",
        purpose="U30",
        kind=BoardKind.YOUTH,
        max_age=30,
        size=25,
        term_start=now.date(),
        quorum_percent=50,
    )
    boards.board_call_open(board=board, actor=office, deadline=now + timedelta(days=14))
    from django.core.files.uploadedfile import SimpleUploadedFile

    teen = UserFactory(display_name="Lena")
    application = boards.application_submit(
        board=board,
        applicant=teen,
        motivation=SECRET_MOTIVATION,
        birth_year=timezone.localdate().year - 15,
        video=SimpleUploadedFile("v.mp4", MP4_BYTES, "application/octet-stream"),
    )

    survey = surveys.survey_create(
        actor=office,
        title="Digitale Verwaltung",
        description="Fragen",
        opens_at=now - timedelta(days=2),
        closes_at=now + timedelta(days=7),
        results_visibility="after_close",
    )
    section = surveys.section_add(survey=survey, actor=office, title="Teil 1")
    question = surveys.question_add(
        survey=survey, section=section, actor=office, kind=QuestionKind.SHORT_TEXT, text="Stichwort"
    )
    survey = surveys.survey_publish(survey=survey, actor=office)
    from django.http import QueryDict

    answers = QueryDict(mutable=True)
    answers[question.field_name] = SECRET_FREE_TEXT
    surveys.response_submit(survey=survey, data=answers, user=resident)
    draft_survey = surveys.survey_create(
        actor=office,
        title=SECRET_DRAFT_SURVEY,
        description="Entwurf",
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=7),
        results_visibility="after_close",
    )

    event = meetings.meeting_create(
        actor=office,
        topics=[topic],
        title="Digitalgipfel",
        description="Gipfel",
        kind=MeetingKind.SUMMIT,
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=4),
        venue="Stadthalle",
        address="Gütersloh",
        capacity=20,
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=9),
        is_published=True,
    )
    unpublished = meetings.meeting_create(
        actor=office,
        topics=[topic],
        title=SECRET_UNPUBLISHED_EVENT,
        description="Intern",
        kind=MeetingKind.WORKSHOP,
        starts_at=now + timedelta(days=20),
        ends_at=now + timedelta(days=20, hours=2),
        venue="Rathaus",
        address="Gütersloh",
        capacity=10,
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=19),
        is_published=False,
    )
    opinion_map = opinions.opinion_map_create(
        actor=office,
        question="Wie digital?",
        description="Meinungsbild",
        statements=("Mehr online", "Weniger Papier", "Mehr Beratung"),
    )
    committee = CommitteeMeeting.objects.create(
        committee="Ausschuss für Digitalisierung",
        date=timezone.localdate() + timedelta(days=30),
        reference="DA/2027/1",
        created_by=office,
    )

    values = {
        "pk": idea.pk,
        "idea_pk": idea.pk,
        "idea_id": idea.pk,
        "image_pk": 1,
        "slug": board.slug,
        "kind": "video",
        "session_id": 1,
        "contribution_id": 1,
        "question_pk": question.pk,
        "answer_pk": 1,
        "user_pk": resident.pk,
        "secret": "x" * 20,
        "object_id": resident.pk,
    }
    per_name = {
        "comments:reply": {"pk": visible_comment.pk},
        "comments:edit": {"pk": visible_comment.pk},
        "comments:delete": {"pk": visible_comment.pk},
        "moderation:report": {"kind": "comment", "pk": comment.pk},
        "moderation_staff:item": {"kind": "comment", "pk": comment.pk},
        "boards:application_media": {"slug": board.slug, "pk": application.pk, "kind": "video"},
        "boards_staff:application": {"slug": board.slug, "pk": application.pk},
        "dashboards:department": {"slug": department.slug},
        "ideas:detail": {"pk": hidden.pk},
        "guides:idea": {"pk": idea.pk},
    }
    prefix_pk = {
        "surveys:": survey.pk,
        "meetings:": event.pk,
        "opinions": opinion_map.pk,
        "committees:": committee.pk,
        "boards_staff:vote_close": 1,
    }
    extra_urls = {
        "surveys:manage_detail#draft": reverse("surveys:manage_detail", args=[draft_survey.pk]),
        "surveys:detail#draft": reverse("surveys:detail", args=[draft_survey.pk]),
        "meetings:detail#unpublished": reverse("meetings:detail", args=[unpublished.pk]),
        "ideas:detail#public": reverse("ideas:detail", args=[idea.pk]),
        "surveys:results#open": reverse("surveys:results", args=[survey.pk]),
        "meetings:manage_list#all": reverse("meetings:manage_list"),
    }
    return {
        "people": people,
        "values": values,
        "per_name": per_name,
        "prefix_pk": prefix_pk,
        "extra_urls": extra_urls,
    }


def build_urls(world) -> dict[str, str]:
    urls = {}
    for name, kwarg_names in url_names():
        kwargs = {}
        for k in kwarg_names:
            kwargs[k] = world["values"].get(k, 1)
        for prefix, pk in world["prefix_pk"].items():
            if name.startswith(prefix) and "pk" in kwargs:
                kwargs["pk"] = pk
        kwargs.update(world["per_name"].get(name, {}))
        kwargs = {k: v for k, v in kwargs.items() if k in kwarg_names}
        try:
            urls[name] = reverse(name, kwargs=kwargs) if kwargs else reverse(name)
        except Exception:  # noqa: BLE001 - a route whose converters refuse our sample values
            continue
    urls.update(world["extra_urls"])
    return urls


def fetch(client: Client, url: str) -> tuple[int, str, str]:
    response = client.get(url)
    body = b""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return response.status_code, response.get("Location", ""), body.decode("utf-8", "replace")


def is_mfa_step(status: int, location: str) -> bool:
    return status == 302 and "/accounts/2fa/" in location


def test_every_url_every_role_with_and_without_the_second_factor(world):
    urls = build_urls(world)
    assert len(urls) > 100  # the walk reached the whole site
    people = world["people"]
    resident = Client()
    login_password_only(resident, people["visitor"])
    baseline = {name: fetch(resident, url) for name, url in urls.items()}

    leaks, wrong_grants = [], []
    for role in ("guide", "moderator", "office", "superuser"):
        password_only = Client()
        login_password_only(password_only, people[role])
        with_mfa = Client()
        login_with_mfa(with_mfa, people[role])
        for name, url in urls.items():
            status, location, body = fetch(password_only, url)
            base_status, _, base_body = baseline[name]
            if not is_mfa_step(status, location) and status != base_status:
                leaks.append((role, name, status, base_status))
            for secret in SECRETS:
                if secret in body and secret not in base_body:
                    leaks.append((role, name, secret))
            status, _, _ = fetch(with_mfa, url)
            base_name = name.split("#")[0]
            staff_page = url.startswith(STAFF_PREFIXES)
            if status == 200 and staff_page and role not in ROLE_TABLE.get(base_name, set()):
                wrong_grants.append((role, name))
    assert leaks == [], leaks
    assert wrong_grants == [], "\n".join(map(str, wrong_grants))


def test_the_role_table_is_honoured_with_the_second_factor(world):
    """The other direction: each role opens the staff pages the table gives it."""
    urls = build_urls(world)
    people = world["people"]
    for role in ("guide", "moderator", "office", "superuser"):
        client = Client()
        login_with_mfa(client, people[role])
        for name in (
            "guides:inbox",
            "moderation_staff:queue",
            "surveys:manage_list",
            "admin:index",
        ):
            status = client.get(urls[name]).status_code
            assert (status == 200) == (role in ROLE_TABLE[name]), (role, name, status)


def test_secrets_reach_staff_with_the_second_factor(world):
    """The markers are real: with TOTP the office reads them (else the leak test proves nothing)."""
    urls = build_urls(world)
    client = Client()
    login_with_mfa(client, world["people"]["office"])
    seen = set()
    for url in urls.values():
        _, _, body = fetch(client, url)
        seen |= {s for s in SECRETS if s in body}
    assert {
        SECRET_HIDDEN_IDEA,
        SECRET_HIDDEN_COMMENT,
        SECRET_DRAFT_SURVEY,
        SECRET_UNPUBLISHED_EVENT,
    } <= seen
