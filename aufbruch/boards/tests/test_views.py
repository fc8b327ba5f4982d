"""Pages through real HTTP: public pages, the application form, the workspace
(404 for everyone else), private files, votes, office pages and the idea panels."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aufbruch.boards import services, voting, workspace
from aufbruch.boards.models import (
    BoardApplication,
    Document,
    Membership,
    Recommendation,
    Thread,
    Vote,
)
from aufbruch.core.testing import UserFactory, login_with_mfa

from .conftest import (
    ADULT_YEAR,
    MINOR_YEAR,
    MP4_BYTES,
    THIS_YEAR,
    add_member,
    pdf_bytes,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


def login(client, person):
    """Staff log in with their second factor, residents with a password."""
    if person.staff_roles.exists():
        login_with_mfa(client, person)
    else:
        client.force_login(person)
    return client


@pytest.fixture
def draft(board, member):
    return voting.recommendation_draft(
        board=board, author=member, title="Geheimer Entwurf", body="Nur für Mitglieder."
    )


@pytest.fixture
def thread(board, member):
    return workspace.thread_create(
        board=board, author=member, title="Interne Runde", body="Vertraulich"
    )


@pytest.fixture
def document(board, member):
    return workspace.document_upload(
        board=board,
        actor=member,
        title="Protokoll",
        upload=upload("p.pdf", pdf_bytes(b"(geheim) Tj")),
    )


@pytest.fixture
def meeting(board, member):
    return workspace.meeting_record(
        board=board, actor=member, title="Sitzung", starts_at=timezone.now(), minutes="Geheim"
    )


def workspace_urls(board, draft, thread, document, meeting):
    s = board.slug
    return [
        reverse("boards:workspace", args=[s]),
        reverse("boards:members", args=[s]),
        reverse("boards:thread_new", args=[s]),
        reverse("boards:thread", args=[s, thread.pk]),
        reverse("boards:documents", args=[s]),
        reverse("boards:document", args=[s, document.pk]),
        reverse("boards:meetings", args=[s]),
        reverse("boards:meeting", args=[s, meeting.pk]),
        reverse("boards:recommendation_new", args=[s]),
        reverse("boards:recommendation", args=[s, draft.pk]),
    ]


# --- public pages --------------------------------------------------------------------------------


def test_board_list(client, board, member, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(reverse("boards:list"))
    assert response.status_code == 200
    assert "Morgenmacher" in response.text


def test_board_page_shows_only_consenting_members_and_never_birth_years(
    client, board, office, member, django_assert_max_num_queries
):
    shown = add_member(board, office, UserFactory(display_name="Sichtbare Sina"))
    services.membership_set_visibility(
        membership=Membership.objects.get(user=shown), user=shown, show_publicly=True
    )
    with django_assert_max_num_queries(8):
        response = client.get(board.get_absolute_url())
    assert response.status_code == 200
    assert "Sichtbare Sina" in response.text and "Mitglied Mia" not in response.text
    assert str(ADULT_YEAR) not in response.text
    assert "U30-Beirat" in response.text  # purpose rendered


def test_board_page_shows_published_recommendations_answers_and_overdue(
    client, board, office, member, idea, department, django_assert_max_num_queries
):
    rec = voting.recommendation_draft(
        board=board, author=member, title="Öffentliche Empfehlung", body="Text", ideas=[idea]
    )
    voting.recommendation_open_vote(
        recommendation=rec, actor=member, closes_at=timezone.now() + timedelta(days=1)
    )
    voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    rec = voting.recommendation_close_vote(recommendation=rec, actor=office)
    Recommendation.objects.filter(pk=rec.pk).update(
        answer_due_at=timezone.now() - timedelta(days=1)
    )
    with django_assert_max_num_queries(8):
        response = client.get(board.get_absolute_url())
    assert (
        "Öffentliche Empfehlung" in response.text
        and f'id="recommendation-{rec.pk}"' in response.text
    )
    assert "ab-overdue" in response.text
    voting.recommendation_answer(
        recommendation=rec, actor=office, department=department, body="Unsere Antwort"
    )
    response = client.get(board.get_absolute_url())
    assert "Unsere Antwort" in response.text and "ab-overdue" not in response.text


def test_unknown_board_is_404(client, db):
    assert client.get("/boards/gibt-es-nicht/").status_code == 404


# --- applying ------------------------------------------------------------------------------------


def test_apply_requires_login(client, board):
    response = client.get(reverse("boards:apply", args=[board.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_apply_with_video(client, board, user):
    login(client, user)
    assert client.get(reverse("boards:apply", args=[board.slug])).status_code == 200
    response = client.post(
        reverse("boards:apply", args=[board.slug]),
        {
            "motivation": "Ich bin 15 und will mitreden.",
            "birth_year": str(MINOR_YEAR),
            "video": upload("ich.mp4", MP4_BYTES),
        },
    )
    assert response.status_code == 302
    application = BoardApplication.objects.get(applicant=user)
    assert application.video_type == "video/mp4" and application.birth_year == MINOR_YEAR


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"motivation": "", "birth_year": str(ADULT_YEAR)}, "motivation"),
        ({"motivation": "x" * 3001, "birth_year": str(ADULT_YEAR)}, "motivation"),
        ({"motivation": "Hallo", "birth_year": ""}, "birth_year"),
        ({"motivation": "Hallo", "birth_year": "abc"}, "birth_year"),
        ({"motivation": "Hallo", "birth_year": str(THIS_YEAR - 45)}, "birth_year"),
        (
            {"motivation": "Hallo", "birth_year": str(ADULT_YEAR), "link": "javascript:alert(1)"},
            "link",
        ),
    ],
)
def test_apply_bad_input_shows_german_error_next_to_field_and_keeps_input(
    client, board, user, data, field
):
    login(client, user)
    response = client.post(reverse("boards:apply", args=[board.slug]), data)
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.text
    assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in response.text
    error = re.search(rf'id="id_{field}_error">([^<]+)<', response.text).group(1)
    assert error.strip() and not re.search(r"\b(Please|This|field)\b", error)  # a German message
    if data["motivation"] == "Hallo":
        assert "Hallo</textarea>" in response.text
    assert not BoardApplication.objects.exists()


def test_apply_with_fake_video_and_photo(client, board, user):
    login(client, user)
    response = client.post(
        reverse("boards:apply", args=[board.slug]),
        {
            "motivation": "<script>alert(1)</script>",
            "birth_year": str(ADULT_YEAR),
            "video": upload("ich.mp4", b"<html><script>alert(1)</script>"),
            "photo": upload("a.jpg", b"MZ\x90\x00 exe"),
        },
    )
    assert response.status_code == 400
    assert 'id="id_video_error"' in response.text and 'id="id_photo_error"' in response.text
    assert "<script>alert(1)</script>" not in response.text and "&lt;script&gt;" in response.text
    assert not BoardApplication.objects.exists()


def test_apply_twice_shows_error(client, board, applicant):
    login(client, applicant)
    response = client.post(
        reverse("boards:apply", args=[board.slug]),
        {"motivation": "Nochmal", "birth_year": str(ADULT_YEAR)},
    )
    assert response.status_code == 400
    assert BoardApplication.objects.filter(applicant=applicant).count() == 1


def test_application_media_only_for_applicant_and_office(client, board, user, office, member):
    application = services.application_submit(
        board=board,
        applicant=user,
        motivation="Hallo",
        birth_year=ADULT_YEAR,
        photo=upload("a.png", png_bytes(), "image/png"),
        video=upload("v.mp4", MP4_BYTES),
    )
    urls = [
        reverse("boards:application_media", args=[board.slug, application.pk, kind])
        for kind in ("photo", "video")
    ]
    for person in (None, member, UserFactory()):
        client.logout()
        if person:
            login(client, person)
        assert all(client.get(u).status_code == 404 for u in urls)
    client.force_login(office)  # password only: the office role does not count yet
    assert all(client.get(u).status_code == 404 for u in urls)
    for person in (user, office):
        login(client, person)
        response = client.get(urls[1])
        assert response.status_code == 200 and response["Content-Type"] == "video/mp4"
        assert (
            response["X-Content-Type-Options"] == "nosniff"
            and "no-store" in response["Cache-Control"]
        )
        assert b"ftyp" in b"".join(response.streaming_content)
        assert client.get(urls[0]).status_code == 200
    assert (
        client.get(
            reverse("boards:application_media", args=[board.slug, application.pk, "other"])
        ).status_code
        == 404
    )


# --- the workspace is invisible to everyone else ------------------------------------------------


@pytest.mark.parametrize(
    "who", ["anonymous", "user", "other_member", "guide", "applicant", "pending_minor"]
)
def test_workspace_is_404_for_non_members(
    request, client, board, office, draft, thread, document, meeting, who
):
    if who == "pending_minor":
        person = UserFactory()
        app = services.application_submit(
            board=board, applicant=person, motivation="Hi", birth_year=MINOR_YEAR
        )
        services.application_decide(application=app, actor=office, accept=True)
    elif who != "anonymous":
        person = request.getfixturevalue(who)
    if who != "anonymous":
        login(client, person)
    urls = workspace_urls(board, draft, thread, document, meeting)
    if who == "pending_minor":
        # accepted, consent missing: the workspace's front door says what is pending
        start = client.get(urls.pop(0))
        assert start["Location"] == reverse("boards:my_application", args=[board.slug])
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "x", "body": "x"}).status_code in (404, 405), url
    for name in ("recommendation_comment", "recommendation_open_vote", "recommendation_vote"):
        assert (
            client.post(
                reverse(f"boards:{name}", args=[board.slug, draft.pk]),
                {"body": "x", "choice": "yes"},
            ).status_code
            == 404
        )
    assert Thread.objects.count() == 1 and draft.comments.count() == 0 and not Vote.objects.exists()


def test_workspace_content_never_leaks_to_public_pages_search_or_exports(
    client, board, member, draft, thread, idea, user
):
    from aufbruch.accounts.services import user_export_data

    pages = [
        reverse("boards:list"),
        board.get_absolute_url(),
        idea.get_absolute_url(),
        reverse("ideas:list") + "?q=Geheimer",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Geheimer Entwurf" not in response.text and "Interne Runde" not in response.text
    assert "Geheimer Entwurf" not in str(user_export_data(user=user))
    api = client.get("/api/v1/ideas?q=Geheimer")
    assert "Geheimer Entwurf" not in api.text


@pytest.mark.parametrize("who", ["member", "office"])
def test_workspace_pages_for_members_and_office(
    request, client, board, draft, thread, document, meeting, who, django_assert_max_num_queries
):
    person = request.getfixturevalue(who)
    if who == "office":
        login_with_mfa(client, person)  # staff need their second factor
    else:
        login(client, person)
    for url in workspace_urls(board, draft, thread, document, meeting):
        if url.endswith("/recommendations/new/") and who == "office":
            assert client.get(url).status_code == 403  # the office does not draft
            continue
        with django_assert_max_num_queries(14):
            response = client.get(url)
        assert response.status_code == 200, url


def test_the_office_needs_totp_in_a_workspace_members_do_not(
    client, board, draft, thread, document, meeting, office, member
):
    client.force_login(office)  # no authenticator yet
    for url in workspace_urls(board, draft, thread, document, meeting):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse(
            "mfa_activate_totp"
        ), url
    post = client.post(
        reverse("boards:thread_new", args=[board.slug]), {"title": "Ohne TOTP", "body": "Text"}
    )
    assert post.status_code == 302 and post["Location"] == reverse("mfa_activate_totp")
    assert not board.threads.filter(title="Ohne TOTP").exists()
    client.force_login(member)  # a resident: no second factor needed
    assert client.get(reverse("boards:workspace", args=[board.slug])).status_code == 200


def test_members_list_never_shows_birth_years(client, board, office, member):
    add_member(board, office, UserFactory(display_name="Junge Jana"), birth_year=MINOR_YEAR)
    login(client, member)
    response = client.get(reverse("boards:members", args=[board.slug]))
    assert "Junge Jana" in response.text and "Mitglied Mia" in response.text
    assert str(MINOR_YEAR) not in response.text and str(ADULT_YEAR) not in response.text


def test_document_download_is_private_attachment(client, board, member, document):
    login(client, member)
    response = client.get(reverse("boards:document", args=[board.slug, document.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("attachment")
        and response["X-Content-Type-Options"] == "nosniff"
    )
    assert b"".join(response.streaming_content) == pdf_bytes(b"(geheim) Tj")


def test_document_upload_bad_input(client, board, member):
    login(client, member)
    url = reverse("boards:documents", args=[board.slug])
    response = client.post(
        url, {"title": "Böse", "file": upload("x.html", b"<script>alert(1)</script>")}
    )
    assert (
        response.status_code == 400
        and 'id="id_file_error"' in response.text
        and 'value="Böse"' in response.text
    )
    response = client.post(url, {"title": "", "file": upload("ok.pdf", pdf_bytes())})
    assert response.status_code == 400 and 'id="id_title_error"' in response.text
    assert not Document.objects.exists()
    assert (
        client.post(url, {"title": "Gut", "file": upload("ok.pdf", pdf_bytes())}).status_code == 302
    )
    assert Document.objects.count() == 1


def test_thread_post_and_bad_input(client, board, member, thread):
    login(client, member)
    url = reverse("boards:thread", args=[board.slug, thread.pk])
    response = client.post(url, {"body": ""})
    assert response.status_code == 400 and 'id="id_body_error"' in response.text
    assert client.post(url, {"body": "<script>alert(1)</script>Antwort"}).status_code == 302
    page = client.get(url).text
    assert "<script>alert(1)</script>" not in page and "Antwort" in page
    thread.refresh_from_db()
    assert thread.post_count == 2


def test_thread_and_meeting_creation(client, board, member):
    login(client, member)
    response = client.post(
        reverse("boards:thread_new", args=[board.slug]), {"title": "Neu", "body": "Text"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("boards:meetings", args=[board.slug]), {"title": "", "starts_at": "kein Datum"}
    )
    assert response.status_code == 400
    response = client.post(
        reverse("boards:meetings", args=[board.slug]),
        {"title": "Treffen", "starts_at": "2026-01-10T17:00", "minutes": "Notizen"},
    )
    assert response.status_code == 302


# --- recommendations and votes through HTTP ----------------------------------------------------


def test_draft_open_vote_and_vote_through_http(client, board, member, idea):
    login(client, member)
    response = client.post(
        reverse("boards:recommendation_new", args=[board.slug]),
        {"title": "", "body": "", "ideas": [idea.pk]},
    )
    assert response.status_code == 400 and 'id="id_title_error"' in response.text
    response = client.post(
        reverse("boards:recommendation_new", args=[board.slug]),
        {"title": "Mehr WLAN", "body": "In allen Schulen", "ideas": [idea.pk]},
    )
    rec = Recommendation.objects.get()
    assert response.status_code == 302 and list(rec.ideas.all()) == [idea]
    client.post(
        reverse("boards:recommendation_comment", args=[board.slug, rec.pk]), {"body": "Gute Idee"}
    )
    assert rec.comments.count() == 1
    closes = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert (
        client.post(
            reverse("boards:recommendation_open_vote", args=[board.slug, rec.pk]),
            {"closes_at": closes},
        ).status_code
        == 302
    )
    vote_url = reverse("boards:recommendation_vote", args=[board.slug, rec.pk])
    assert client.post(vote_url, {"choice": "no"}).status_code == 302
    assert client.post(vote_url, {"choice": "yes"}).status_code == 302  # changed, not doubled
    assert client.post(vote_url, {"choice": "yes"}).status_code == 302  # double submit
    assert list(Vote.objects.values_list("choice", flat=True)) == ["yes"]
    response = client.post(vote_url, {"choice": "vielleicht"})
    assert response.status_code == 400 and 'id="id_choice_error"' in response.text
    page = client.get(reverse("boards:recommendation", args=[board.slug, rec.pk]))
    assert "Sie haben abgestimmt" in page.text or "You have voted" in page.text


def test_open_vote_in_the_past_is_refused(client, board, member, draft):
    login(client, member)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("boards:recommendation_open_vote", args=[board.slug, draft.pk]), {"closes_at": past}
    )
    assert response.status_code == 400 and 'id="id_closes_at_error"' in response.text
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_vote_after_close_is_refused_and_the_page_closes_lazily(client, board, member, draft):
    voting.recommendation_open_vote(
        recommendation=draft, actor=member, closes_at=timezone.now() + timedelta(days=1)
    )
    voting.vote_cast(recommendation=draft, voter=member, choice="no")
    Recommendation.objects.filter(pk=draft.pk).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )
    login(client, member)
    response = client.post(
        reverse("boards:recommendation_vote", args=[board.slug, draft.pk]), {"choice": "yes"}
    )
    assert response.status_code == 400
    assert Vote.objects.get().choice == "no"
    draft.refresh_from_db()
    assert draft.status == "closed" and draft.no_count == 1  # closed lazily when looked at


def test_recommendation_page_query_count_with_many_comments(
    client, board, member, draft, office, django_assert_max_num_queries
):
    for i in range(20):
        voting.recommendation_comment(
            recommendation=draft, author=member if i % 2 else office, body=f"Kommentar {i}"
        )
    login(client, member)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("boards:recommendation", args=[board.slug, draft.pk]))
    assert response.text.count('class="ab-post"') == 20


# --- office and guides under /staff/boards/ ------------------------------------------------------


def test_office_reviews_decides_and_records_consent(client, board, office, user):
    app = services.application_submit(
        board=board, applicant=user, motivation="<b>Hallo</b>", birth_year=MINOR_YEAR
    )
    login_with_mfa(client, office)
    manage = client.get(reverse("boards_staff:manage", args=[board.slug]))
    assert manage.status_code == 200
    review = client.get(reverse("boards_staff:application", args=[board.slug, app.pk]))
    assert "&lt;b&gt;Hallo&lt;/b&gt;" in review.text and str(MINOR_YEAR) in review.text
    url = reverse("boards_staff:application", args=[board.slug, app.pk])
    assert client.post(url, {"decision": "decline", "message": ""}).status_code == 400
    assert client.post(url, {"decision": "accept", "message": "Willkommen"}).status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.status == "pending_consent"
    consent_url = reverse("boards_staff:consent", args=[board.slug, membership.pk])
    bad = client.post(consent_url, {"guardian_name": "", "given_on": "", "method": "paper"})
    assert bad.status_code == 400 and 'id="id_guardian_name_error"' in bad.text
    good = client.post(
        consent_url,
        {
            "guardian_name": "Eva Muster",
            "given_on": timezone.localdate().isoformat(),
            "method": "in_person",
        },
    )
    assert good.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "active" and membership.consent_method == "in_person"


def test_office_opens_a_call(client, board, office):
    login_with_mfa(client, office)
    url = reverse("boards_staff:call_open", args=[board.slug])
    assert client.post(url, {"deadline": "2000-01-01T10:00"}).status_code == 400
    future = (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(url, {"deadline": future, "text": "Macht mit!"}).status_code == 302
    assert board.calls.count() == 2


@pytest.mark.parametrize("who", ["member", "guide", "user"])
def test_staff_board_pages_forbidden_for_others(request, client, board, applicant, who):
    person = request.getfixturevalue(who)
    login_with_mfa(client, person)
    app = BoardApplication.objects.get(applicant=applicant)
    for url in (
        reverse("boards_staff:list"),
        reverse("boards_staff:manage", args=[board.slug]),
        reverse("boards_staff:application", args=[board.slug, app.pk]),
    ):
        assert client.get(url).status_code == 403
    assert (
        client.post(
            reverse("boards_staff:application", args=[board.slug, app.pk]), {"decision": "accept"}
        ).status_code
        == 403
    )
    app.refresh_from_db()
    assert app.status == "submitted"


def test_office_closes_vote_and_guide_answers(
    client, board, office, member, guide, idea, department
):
    rec = voting.recommendation_draft(
        board=board, author=member, title="Empfehlung", body="Text", ideas=[idea]
    )
    voting.recommendation_open_vote(
        recommendation=rec, actor=member, closes_at=timezone.now() + timedelta(days=1)
    )
    voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    login_with_mfa(client, member)
    assert client.post(reverse("boards_staff:vote_close", args=[rec.pk])).status_code == 403
    login_with_mfa(client, office)
    assert client.post(reverse("boards_staff:vote_close", args=[rec.pk])).status_code == 302
    rec.refresh_from_db()
    assert rec.adopted and rec.published_at
    login_with_mfa(client, guide)
    url = reverse("boards_staff:answer", args=[rec.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"department": department.pk, "body": ""}).status_code == 400
    assert (
        client.post(url, {"department": department.pk, "body": "Wir setzen das um."}).status_code
        == 302
    )
    assert rec.answers.get().author == guide


# --- the idea page -------------------------------------------------------------------------------


def test_idea_page_shows_board_statement(client, board, office, member, idea):
    rec = voting.recommendation_draft(
        board=board, author=member, title="Statement zur Idee", body="Wir sind dafür.", ideas=[idea]
    )
    voting.recommendation_open_vote(
        recommendation=rec, actor=member, closes_at=timezone.now() + timedelta(days=1)
    )
    response = client.get(idea.get_absolute_url())
    assert "Statement zur Idee" not in response.text  # not before publication
    voting.vote_cast(recommendation=rec, voter=member, choice="yes")
    voting.recommendation_close_vote(recommendation=rec, actor=office)
    response = client.get(idea.get_absolute_url())
    assert "Statement zur Idee" in response.text and "board-statements-heading" in response.text


def _supporters(idea, n, birth_year):
    from aufbruch.ideas.services import idea_support

    for _ in range(n):
        idea_support(idea=idea, user=UserFactory(birth_year=birth_year))


def test_u30_view_needs_both_groups_large_enough(client, idea):
    _supporters(idea, 10, THIS_YEAR - 20)
    _supporters(idea, 9, THIS_YEAR - 40)
    _supporters(idea, 3, None)
    response = client.get(idea.get_absolute_url())
    # Nothing to show yet: no section, no heading, no explanation.
    assert "u30-heading" not in response.text and "U30-Blick" not in response.text
    _supporters(idea, 1, THIS_YEAR - 30)  # 30 this year counts as 30 or older
    response = client.get(idea.get_absolute_url())
    assert "U30-Blick" in response.text
    assert "sind 10 unter 30 und 10 30 oder älter" in " ".join(response.text.split())


def test_u30_view_is_not_counted_below_twice_the_threshold(rf, idea, django_assert_num_queries):
    from aufbruch.boards.panels import u30_view

    _supporters(idea, 19, THIS_YEAR - 20)
    idea.refresh_from_db()
    with django_assert_num_queries(0):
        assert u30_view(rf.get("/"), idea) is None


def test_u30_split_is_one_query(idea, django_assert_num_queries):
    from aufbruch.boards.selectors import u30_supporter_split

    _supporters(idea, 2, THIS_YEAR - 29)
    _supporters(idea, 3, THIS_YEAR - 30)
    with django_assert_num_queries(1):
        split = u30_supporter_split(idea)
    assert split == {"under_30": 2, "over_30": 3}


def test_admin_creates_boards_through_the_service(client, office):
    from aufbruch.audit.actions import AuditAction
    from aufbruch.audit.models import AuditEntry
    from aufbruch.boards.models import Board
    from aufbruch.core.testing import login_with_mfa

    office.is_staff = office.is_superuser = True
    office.save()
    login_with_mfa(client, office)
    response = client.post(
        "/admin/boards/board/add/",
        {
            "name": "Neuer Beirat",
            "slug": "neuer-beirat",
            "purpose": "**Wichtig**",
            "kind": "other",
            "size": 10,
            "term_start": "2026-01-01",
            "members_public": "on",
            "quorum_percent": 50,
            "majority_rule": "simple",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    board = Board.objects.get(slug="neuer-beirat")
    assert "<strong>Wichtig</strong>" in board.purpose_html
    assert AuditEntry.objects.filter(action=AuditAction.BOARD_CREATE, actor=office).exists()
