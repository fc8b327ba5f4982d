from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aufbruch.core.testing import UserFactory, login_with_mfa
from aufbruch.surveys import services
from aufbruch.surveys.models import Answer, Question, Response, Survey, SurveyToken

from .conftest import Built

pytestmark = pytest.mark.django_db


def detail(survey):
    return reverse("surveys:detail", args=[survey.pk])


def test_list_shows_published_surveys_only(client, office, django_assert_max_num_queries):
    built = Built(office)
    draft = Built(office, publish=False)
    draft.survey.title = "Geheimer Entwurf"
    draft.survey.save()
    with django_assert_max_num_queries(6):
        html = client.get(reverse("surveys:list")).content.decode()
    assert built.survey.title in html and "Geheimer Entwurf" not in html


def test_draft_is_hidden_from_participants(client, user, office):
    draft = Built(office, publish=False).survey
    client.force_login(user)
    assert client.get(detail(draft)).status_code == 404
    login_with_mfa(client, office)
    assert client.get(detail(draft)).status_code == 200


def test_detail_page_query_count(client, user, built, django_assert_max_num_queries):
    client.force_login(user)
    services.response_submit(survey=built.survey, data=built.answers(), user=user)
    with django_assert_max_num_queries(12):
        response = client.get(detail(built.survey))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="code"' not in html
    assert f'value="{built.yes.pk}" checked' in html  # the stored answer is shown again


def test_anonymous_visitor_sees_the_access_code_field(client, built):
    html = client.get(detail(built.survey)).content.decode()
    assert 'name="code"' in html and "Zugangscode" in html
    assert f'data-condition-field="{built.used.field_name}"' in html


def test_participant_answers_through_http(client, user, built):
    client.force_login(user)
    response = client.post(detail(built.survey), built.answers())
    assert response.status_code == 302 and response["Location"] == reverse(
        "surveys:thanks", args=[built.survey.pk]
    )
    assert Response.objects.filter(user=user).count() == 1
    client.post(detail(built.survey), built.answers(**{built.used.field_name: built.no.pk}))
    assert Response.objects.filter(user=user).count() == 1
    assert Answer.objects.get(question=built.used).option == built.no


def test_invalid_answer_shows_german_error_next_to_field_and_keeps_input(client, user, built):
    client.force_login(user)
    response = client.post(
        detail(built.survey),
        built.answers(**{built.age.field_name: "viele", built.note.field_name: "Mein Stichwort"}),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        f'<p class="kern-error" id="{built.age.field_name}-error">Bitte geben Sie eine Zahl ein.</p>'
        in html
    )
    assert f'aria-describedby="{built.age.field_name}-hint {built.age.field_name}-error"' in html
    assert 'value="Mein Stichwort"' in html and 'value="viele"' in html
    assert f'value="{built.yes.pk}" checked' in html
    assert not Response.objects.exists()


def test_empty_submit_lists_required_questions(client, user, built):
    client.force_login(user)
    response = client.post(detail(built.survey), {})
    assert response.status_code == 400
    assert "Bitte beantworten Sie diese Frage." in response.content.decode()
    assert not Response.objects.exists()


def test_anonymous_answer_with_token_and_double_use(client, built, office):
    token = services.tokens_issue(survey=built.survey, actor=office, count=1)[0]
    data = built.answers()
    data["code"] = token.code
    assert client.post(detail(built.survey), data).status_code == 302
    again = client.post(detail(built.survey), data)
    assert again.status_code == 400
    assert "Dieser Zugangscode wurde bereits verwendet." in again.content.decode()
    assert Response.objects.count() == 1 and Response.objects.get().user_id is None


def test_anonymous_answer_with_foreign_or_missing_token(client, built, office):
    other = Built(office)
    foreign = services.tokens_issue(survey=other.survey, actor=office, count=1)[0]
    for code in (foreign.code, ""):
        data = built.answers()
        data["code"] = code
        response = client.post(detail(built.survey), data)
        assert response.status_code == 400
        assert "Dieser Zugangscode gilt nicht für diese Umfrage." in response.content.decode()
    assert not Response.objects.exists()


def test_answering_after_close_over_http(client, user, built):
    Survey.objects.filter(pk=built.survey.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(user)
    response = client.post(detail(built.survey), built.answers())
    assert response.status_code == 400 and not Response.objects.exists()


def test_results_visibility_per_role(client, user, guide, built):
    url = reverse("surveys:results", args=[built.survey.pk])
    assert client.get(url).status_code == 403  # open, results after close
    client.force_login(user)
    assert client.get(url).status_code == 403
    client.force_login(guide)  # password only: sent to the second factor, nothing shown
    response = client.get(url)
    assert response.status_code == 302 and "2fa" in response["Location"]
    login_with_mfa(client, guide)
    assert client.get(url).status_code == 200
    Survey.objects.filter(pk=built.survey.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    client.logout()
    assert client.get(url).status_code == 200


def test_results_page_chart_table_crosstab_and_query_count(
    client, built, office, settings, django_assert_max_num_queries
):
    settings.SMALL_GROUP_THRESHOLD = 2
    year = timezone.localdate().year
    for i in range(5):
        services.response_submit(
            survey=built.survey, data=built.answers(), user=UserFactory(birth_year=year - 20 - i)
        )
    services.response_submit(
        survey=built.survey,
        data=built.answers(**{built.note.field_name: "Name: Erika"}),
        user=UserFactory(birth_year=year - 70),
    )
    Survey.objects.filter(pk=built.survey.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    with django_assert_max_num_queries(14):
        response = client.get(reverse("surveys:results", args=[built.survey.pk]))
    html = response.content.decode()
    assert html.count("<svg") == 4 and "<table" in html
    assert "100,0 %" in html and "zu wenige Antworten" in html
    assert "Name: Erika" not in html  # free text only for staff
    login_with_mfa(client, office)
    with django_assert_max_num_queries(20):
        html = client.get(reverse("surveys:results", args=[built.survey.pk])).content.decode()
    assert "Name: Erika" in html


def test_csv_export_is_staff_only_and_has_no_personal_data(client, user, guide, built):
    services.response_submit(
        survey=built.survey,
        data=built.answers(**{built.note.field_name: "=HYPERLINK(1)"}),
        user=user,
    )
    url = reverse("surveys:results_csv", args=[built.survey.pk])
    client.force_login(user)
    assert client.get(url).status_code == 403
    client.force_login(guide)  # the free texts need the second factor
    assert client.get(url).status_code == 302
    login_with_mfa(client, guide)
    response = client.get(url)
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert user.email not in text and "'=HYPERLINK(1)" in text
    assert text.splitlines()[0].startswith("Nr.;Quelle;Datum;")


@pytest.mark.parametrize("url_name", ["surveys:manage_list"])
def test_manage_pages_per_role(client, user, guide, office, url_name):
    url = reverse(url_name)
    assert client.get(url).status_code == 302  # to login
    client.force_login(user)
    assert client.get(url).status_code == 403
    login_with_mfa(client, guide)
    assert client.get(url).status_code == 403
    client.force_login(office)  # no TOTP yet
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    login_with_mfa(client, office)
    assert client.get(url).status_code == 200


def test_office_builds_a_survey_over_http(client, office):
    login_with_mfa(client, office)
    now = timezone.localtime()
    bad = client.post(
        reverse("surveys:manage_list"),
        {
            "title": "Meine Umfrage",
            "opens_at": "gestern",
            "closes_at": "",
            "results_visibility": "after_close",
        },
    )
    assert bad.status_code == 400 and not Survey.objects.exists()
    assert (
        'value="Meine Umfrage"' in bad.content.decode()
        and 'id="id_opens_at_error"' in bad.content.decode()
    )
    fmt = "%Y-%m-%dT%H:%M"
    response = client.post(
        reverse("surveys:manage_list"),
        {
            "title": "Meine Umfrage",
            "description": "",
            "opens_at": (now - timedelta(hours=1)).strftime(fmt),
            "closes_at": (now + timedelta(days=3)).strftime(fmt),
            "results_visibility": "always",
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    client.post(reverse("surveys:section_add", args=[survey.pk]), {"section-title": "Teil 1"})
    section = survey.sections.get()
    bad = client.post(
        reverse("surveys:question_add", args=[survey.pk]),
        {
            "question-section": section.pk,
            "question-kind": "single",
            "question-text": "Ja oder nein?",
            "question-options": "nur eins",
        },
    )
    assert (
        bad.status_code == 400
        and "Bitte geben Sie mindestens zwei Antwortmöglichkeiten ein" in bad.content.decode()
    )
    assert not Question.objects.exists()
    client.post(
        reverse("surveys:question_add", args=[survey.pk]),
        {
            "question-section": section.pk,
            "question-kind": "single",
            "question-text": "Ja oder nein?",
            "question-options": "ja\nnein",
            "question-required": "on",
        },
    )
    question = Question.objects.get()
    assert question.required and list(question.options.values_list("label", flat=True)) == [
        "ja",
        "nein",
    ]
    client.post(reverse("surveys:publish", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.is_open()
    client.post(reverse("surveys:tokens", args=[survey.pk]), {"tokens-count": "3"})
    assert SurveyToken.objects.filter(survey=survey).count() == 3
    page = client.get(reverse("surveys:tokens", args=[survey.pk])).content.decode()
    assert all(t.code in page for t in SurveyToken.objects.all())
    assert page.count('class="ab-qr"') == 3 and f"{settings.SITE_URL}/surveys/{survey.pk}/" in page
    bad = client.post(reverse("surveys:tokens", args=[survey.pk]), {"tokens-count": "abc"})
    assert bad.status_code == 400 and SurveyToken.objects.count() == 3


def test_guide_types_in_paper_answers(client, guide, built, office):
    token = services.tokens_issue(survey=built.survey, actor=office, count=1)[0]
    url = reverse("surveys:paper_entry", args=[built.survey.pk])
    login_with_mfa(client, guide)
    data = built.answers()
    data["code"] = token.code
    assert client.post(url, data).status_code == 302
    response = Response.objects.get()
    assert response.source == "paper" and response.user_id is None
    again = client.post(url, data)
    assert again.status_code == 400 and Response.objects.count() == 1


def test_participant_cannot_enter_paper_answers(client, user, built):
    client.force_login(user)
    assert client.get(reverse("surveys:paper_entry", args=[built.survey.pk])).status_code == 403


def test_moderator_hides_free_text_participant_cannot(client, user, moderator, built):
    services.response_submit(survey=built.survey, data=built.answers(), user=user)
    answer = Answer.objects.get(question=built.note)
    url = reverse("surveys:answer_moderate", args=[built.survey.pk, answer.pk])
    client.force_login(user)
    assert client.post(url, {"reason": "x"}).status_code == 403
    login_with_mfa(client, moderator)
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Enthält einen Namen"}).status_code == 302
    answer.refresh_from_db()
    assert answer.is_hidden and answer.hidden_reason == "Enthält einen Namen"


def test_office_edits_draft_settings_over_http(client, office):
    draft = Built(office, publish=False).survey
    login_with_mfa(client, office)
    page = client.get(reverse("surveys:manage_detail", args=[draft.pk])).content.decode()
    assert 'id="id_survey-title"' in page and 'id="id_section-title"' in page
    bad = client.post(
        reverse("surveys:edit", args=[draft.pk]),
        {
            "survey-title": "",
            "survey-opens_at": "2026-01-02T10:00",
            "survey-closes_at": "2026-01-01T10:00",
            "survey-results_visibility": "always",
        },
    )
    assert bad.status_code == 400 and 'id="id_survey-title_error"' in bad.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Digitale Verwaltung"


def test_closed_survey_results_are_cached_until_the_next_change(client, guide, built):
    for _ in range(2):
        services.response_submit(survey=built.survey, data=built.answers(), user=UserFactory())
    Survey.objects.filter(pk=built.survey.pk).update(
        opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() - timedelta(days=1)
    )
    login_with_mfa(client, guide)
    url = reverse("surveys:results", args=[built.survey.pk])
    with CaptureQueriesContext(connection) as first:
        assert "2 Personen haben geantwortet." in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    # Cached: the three result queries, the two cross-tab queries and the districts.
    assert len(second.captured_queries) == len(first.captured_queries) - 6


def test_nobody_can_change_someone_elses_response(client, user, other_user, built):
    services.response_submit(survey=built.survey, data=built.answers(), user=user)
    client.force_login(other_user)
    html = client.get(detail(built.survey)).content.decode()
    assert f'value="{built.yes.pk}" checked' not in html  # the other person's answers are not shown
    client.post(detail(built.survey), built.answers(**{built.used.field_name: built.no.pk}))
    mine = Response.objects.get(user=user)
    assert Answer.objects.get(response=mine, question=built.used).option == built.yes
    assert Response.objects.count() == 2


def test_answer_of_another_survey_cannot_be_moderated_through_this_one(
    client, user, moderator, built, office
):
    other = Built(office)
    services.response_submit(survey=other.survey, data=other.answers(), user=user)
    answer = Answer.objects.get(question=other.note)
    login_with_mfa(client, moderator)
    url = reverse("surveys:answer_moderate", args=[built.survey.pk, answer.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404
    answer.refresh_from_db()
    assert not answer.is_hidden
