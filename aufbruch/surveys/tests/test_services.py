from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from aufbruch.audit.models import AuditEntry
from aufbruch.core.testing import UserFactory
from aufbruch.surveys import selectors, services
from aufbruch.surveys.models import (
    Answer,
    QuestionKind,
    Response,
    ResponseSource,
    Survey,
    SurveyStatus,
)

from .conftest import Built

pytestmark = pytest.mark.django_db


def test_office_builds_and_publishes_with_audit(built, office):
    survey = built.survey
    assert survey.status == SurveyStatus.PUBLISHED and survey.is_open()
    assert survey.questions.count() == 7
    assert list(built.likert.options.values_list("position", flat=True)) == [1, 2, 3, 4, 5]
    actions = list(
        AuditEntry.objects.filter(target_id=str(survey.pk)).values_list("action", flat=True)
    )
    assert "surveys.create" in actions and "surveys.publish" in actions


@pytest.mark.parametrize("role", ["participant", "guide", "moderator"])
def test_only_the_office_builds_surveys(role, user, guide, moderator):
    actor = {"participant": user, "guide": guide, "moderator": moderator}[role]
    now = timezone.now()
    with pytest.raises(PermissionDenied):
        services.survey_create(
            actor=actor, title="X", opens_at=now, closes_at=now + timedelta(days=1)
        )
    assert not Survey.objects.exists()


def test_survey_create_rejects_bad_input(office):
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.survey_create(actor=office, title="  ", opens_at=now, closes_at=now)
    assert "title" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.survey_create(
            actor=office, title="X", opens_at=now, closes_at=now - timedelta(hours=1)
        )
    assert "closes_at" in exc.value.message_dict
    survey = services.survey_create(
        actor=office,
        title="<script>alert(1)</script>Umfrage",
        opens_at=now,
        closes_at=now + timedelta(days=1),
    )
    assert survey.title == "<script>alert(1)</script>Umfrage"  # as typed, escaped on output


def test_question_add_validates_options_and_condition(office):
    b = Built(office, publish=False)
    section = b.survey.sections.get()
    with pytest.raises(ValidationError) as exc:
        services.question_add(
            survey=b.survey,
            section=section,
            actor=office,
            kind=QuestionKind.SINGLE,
            text="Q",
            options=["nur eine"],
        )
    assert "options" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.question_add(
            survey=b.survey, section=section, actor=office, kind="essay", text="Q"
        )
    assert "kind" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.question_add(
            survey=b.survey,
            section=section,
            actor=office,
            kind=QuestionKind.NUMBER,
            text="Q",
            min_value=5,
            max_value=1,
        )
    other = Built(office, publish=False)
    with pytest.raises(ValidationError) as exc:
        services.question_add(
            survey=b.survey,
            section=section,
            actor=office,
            kind=QuestionKind.SHORT_TEXT,
            text="Q",
            condition_option=other.yes,
        )
    assert "condition_option" in exc.value.message_dict


def test_published_survey_cannot_be_changed(built, office):
    with pytest.raises(ValidationError):
        services.question_add(
            survey=built.survey,
            section=built.survey.sections.get(),
            actor=office,
            kind=QuestionKind.SHORT_TEXT,
            text="Neu",
        )


def test_publish_needs_a_question(office):
    now = timezone.now()
    survey = services.survey_create(
        actor=office, title="Leer", opens_at=now, closes_at=now + timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.survey_publish(survey=survey, actor=office)


def test_account_response_stores_every_kind(built, user):
    response = services.response_submit(survey=built.survey, data=built.answers(), user=user)
    assert response.source == ResponseSource.ONLINE and response.user == user
    assert response.submitted_on == timezone.localdate()
    rows = Answer.objects.filter(response=response)
    assert rows.filter(question=built.channels).count() == 2
    assert rows.get(question=built.age).number == 4
    assert {a.option.label: a.rank for a in rows.filter(question=built.rank)} == {
        "Schnell": 2,
        "Einfach": 1,
        "Sicher": 3,
    }
    built.survey.refresh_from_db()
    assert built.survey.response_count == 1


def test_second_submit_changes_the_same_response(built, user):
    first = services.response_submit(survey=built.survey, data=built.answers(), user=user)
    second = services.response_submit(
        survey=built.survey, data=built.answers(**{built.used.field_name: built.no.pk}), user=user
    )
    assert first.pk == second.pk and Response.objects.count() == 1
    assert Answer.objects.get(response=second, question=built.used).option == built.no
    built.survey.refresh_from_db()
    assert built.survey.response_count == 1


def test_condition_not_met_ignores_the_dependent_answer(built, user):
    data = built.answers(**{built.used.field_name: built.no.pk, built.why.field_name: None})
    response = services.response_submit(
        survey=built.survey, data=data, user=user
    )  # "why" is required but hidden
    assert not response.answers.filter(question=built.why).exists()
    data = built.answers(
        **{built.used.field_name: built.no.pk, built.why.field_name: "sollte ignoriert werden"}
    )
    response = services.response_submit(survey=built.survey, data=data, user=user)
    assert not response.answers.filter(question=built.why).exists()


def test_condition_met_makes_the_dependent_question_required(built, user):
    with pytest.raises(ValidationError) as exc:
        services.response_submit(
            survey=built.survey, data=built.answers(**{built.why.field_name: None}), user=user
        )
    assert exc.value.message_dict == {built.why.field_name: ["Bitte beantworten Sie diese Frage."]}


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("used", "", "Bitte beantworten Sie diese Frage."),
        ("used", "999999", "Bitte wählen Sie eine der vorgegebenen Antworten."),
        ("used", "abc", "Bitte wählen Sie eine der vorgegebenen Antworten."),
        ("age", "viele", "Bitte geben Sie eine Zahl ein."),
        ("age", "101", "Bitte geben Sie eine Zahl von höchstens 100 ein."),
        ("age", "-1", "Bitte geben Sie eine Zahl von mindestens 0 ein."),
        ("age", "1e400", "Bitte geben Sie eine Zahl mit höchstens zwei Nachkommastellen ein."),
        ("note", "x" * 201, "Bitte verwenden Sie höchstens 200 Zeichen (Sie haben 201 verwendet)."),
    ],
)
def test_bad_answers_are_rejected_and_nothing_is_stored(built, user, field, value, message):
    question = getattr(built, field)
    with pytest.raises(ValidationError) as exc:
        services.response_submit(
            survey=built.survey, data=built.answers(**{question.field_name: value}), user=user
        )
    assert exc.value.message_dict[question.field_name] == [message]
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_choice_of_another_question_is_rejected(built, user):
    with pytest.raises(ValidationError):
        services.response_submit(
            survey=built.survey,
            data=built.answers(**{built.used.field_name: built.likert.options.first().pk}),
            user=user,
        )


def test_two_radios_for_single_choice_are_rejected(built, user):
    with pytest.raises(ValidationError):
        services.response_submit(
            survey=built.survey,
            data=built.answers(**{built.used.field_name: [built.yes.pk, built.no.pk]}),
            user=user,
        )


def test_ranking_must_be_complete_and_distinct(built, user):
    rk = list(built.rank.options.all())
    same = {f"{built.rank.field_name}_{o.pk}": 1 for o in rk}
    with pytest.raises(ValidationError) as exc:
        services.response_submit(survey=built.survey, data=built.answers(**same), user=user)
    assert exc.value.message_dict[built.rank.field_name] == [
        "Jeder Platz kann nur einmal vergeben werden."
    ]
    partial = {
        f"{built.rank.field_name}_{rk[0].pk}": 1,
        f"{built.rank.field_name}_{rk[1].pk}": None,
        f"{built.rank.field_name}_{rk[2].pk}": None,
    }
    with pytest.raises(ValidationError) as exc:
        services.response_submit(survey=built.survey, data=built.answers(**partial), user=user)
    # The form offers "Platz wählen" (no place yet); the message says what to do instead.
    assert not built.rank.required
    assert exc.value.message_dict[built.rank.field_name] == [
        "Bitte geben Sie jedem Eintrag einen Platz – oder keinem, um die Frage zu überspringen."
    ]
    assert not Answer.objects.exists()
    none = {f"{built.rank.field_name}_{o.pk}": None for o in rk}
    response = services.response_submit(survey=built.survey, data=built.answers(**none), user=user)
    assert not response.answers.filter(question=built.rank).exists()


def test_required_ranking_asks_for_every_place(built, user, office):
    from aufbruch.surveys.models import Question

    Question.objects.filter(pk=built.rank.pk).update(required=True)
    rk = list(built.rank.options.all())
    none = {f"{built.rank.field_name}_{o.pk}": None for o in rk}
    partial = {**none, f"{built.rank.field_name}_{rk[0].pk}": 1}
    for data in (none, partial):
        with pytest.raises(ValidationError) as exc:
            services.response_submit(survey=built.survey, data=built.answers(**data), user=user)
        assert built.rank.field_name in exc.value.message_dict
    assert exc.value.message_dict[built.rank.field_name] == [
        "Bitte geben Sie jedem Eintrag einen Platz."
    ]


def test_ranking_form_offers_choose_a_place_and_explains_skipping(built, client):
    html = client.get(f"/surveys/{built.survey.pk}/").content.decode()
    assert "Platz wählen" in html and "kein Platz" not in html
    assert "Um die Frage zu überspringen, lassen Sie alle Einträge ohne Platz." in html


def test_malicious_text_is_stored_as_text_and_never_rendered_as_html(built, user, client, office):
    from aufbruch.core.testing import login_with_mfa

    evil = "<script>alert(1)</script>"
    services.response_submit(
        survey=built.survey, data=built.answers(**{built.note.field_name: evil}), user=user
    )
    login_with_mfa(client, office)
    html = client.get(f"/surveys/{built.survey.pk}/results/").content.decode()
    assert evil not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_answering_after_close_is_rejected(built, user, office):
    services.survey_close(survey=built.survey, actor=office)
    with pytest.raises(ValidationError):
        services.response_submit(survey=built.survey, data=built.answers(), user=user)
    assert not Response.objects.exists()


def test_changing_after_close_is_rejected(built, user):
    services.response_submit(survey=built.survey, data=built.answers(), user=user)
    Survey.objects.filter(pk=built.survey.pk).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError):
        services.response_submit(
            survey=built.survey,
            data=built.answers(**{built.used.field_name: built.no.pk}),
            user=user,
        )
    assert Answer.objects.get(question=built.used).option == built.yes


def test_draft_survey_takes_no_answers(office, user):
    b = Built(office, publish=False)
    with pytest.raises(ValidationError):
        services.response_submit(survey=b.survey, data=b.answers(), user=user)


def test_blocked_or_anonymous_users_cannot_answer_with_an_account(built, user):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.response_submit(survey=built.survey, data=built.answers(), user=AnonymousUser())
    user.blocked_until = timezone.now() + timedelta(days=1)
    user.save()
    with pytest.raises(PermissionDenied):
        services.response_submit(survey=built.survey, data=built.answers(), user=user)


def test_tokens_issue_and_validation(built, office, user):
    with pytest.raises(ValidationError):
        services.tokens_issue(survey=built.survey, actor=office, count=0)
    with pytest.raises(ValidationError):
        services.tokens_issue(survey=built.survey, actor=office, count=501)
    with pytest.raises(PermissionDenied):
        services.tokens_issue(survey=built.survey, actor=user, count=5)
    tokens = services.tokens_issue(survey=built.survey, actor=office, count=5)
    assert len({t.code for t in tokens}) == 5 and all(len(t.code) == 10 for t in tokens)


def test_token_response_is_anonymous_and_single_use(built, office):
    token = services.tokens_issue(survey=built.survey, actor=office, count=1)[0]
    response = services.response_submit_with_token(
        survey=built.survey, data=built.answers(), code=token.code.lower()
    )
    assert response.user_id is None and response.source == ResponseSource.TOKEN
    with pytest.raises(ValidationError) as exc:
        services.response_submit_with_token(
            survey=built.survey, data=built.answers(), code=token.code
        )
    assert exc.value.message_dict["code"] == ["Dieser Zugangscode wurde bereits verwendet."]
    assert Response.objects.count() == 1


def test_token_of_another_survey_or_unknown_is_rejected(built, office):
    other = Built(office)
    token = services.tokens_issue(survey=other.survey, actor=office, count=1)[0]
    for code in (token.code, "", "UNBEKANNT99"):
        with pytest.raises(ValidationError) as exc:
            services.response_submit_with_token(
                survey=built.survey, data=built.answers(), code=code
            )
        assert "code" in exc.value.message_dict
    assert not Response.objects.exists()


def test_guide_enters_paper_answers_participant_cannot(built, office, guide, user):
    token, token2 = services.tokens_issue(survey=built.survey, actor=office, count=2)
    with pytest.raises(PermissionDenied):
        services.response_submit_with_token(
            survey=built.survey, data=built.answers(), code=token.code, entered_by=user
        )
    response = services.response_submit_with_token(
        survey=built.survey, data=built.answers(), code=token.code, entered_by=guide
    )
    assert response.source == ResponseSource.PAPER


def test_staff_cannot_link_a_token_response_to_a_person(built, office, guide):
    token = services.tokens_issue(survey=built.survey, actor=office, count=1)[0]
    services.response_submit_with_token(survey=built.survey, data=built.answers(), code=token.code)
    paper = services.tokens_issue(survey=built.survey, actor=office, count=1)[0]
    services.response_submit_with_token(
        survey=built.survey, data=built.answers(), code=paper.code, entered_by=guide
    )
    # No account, no address, no time finer than the day on the response or its answers.
    field_names = {f.name for f in Response._meta.get_fields()} | {
        f.name for f in Answer._meta.get_fields()
    }
    assert not {"ip", "ip_address", "created_at", "user_agent", "session"} & field_names
    assert not any(f.get_internal_type() == "DateTimeField" for f in Response._meta.concrete_fields)
    assert Response.objects.filter(token__isnull=False, user__isnull=False).count() == 0
    # The audit trail names the survey, never the response, and no participant.
    entries = AuditEntry.objects.filter(action="surveys.response")
    assert entries.count() == 2
    assert all(e.target_id == str(built.survey.pk) and "response" not in e.details for e in entries)
    assert {e.actor_id for e in entries} == {None, guide.pk}
    # The CSV has neither codes nor accounts.
    csv_text = "\n".join(
        ";".join(map(str, r))
        for r in selectors.csv_rows(built.survey, selectors.survey_questions(built.survey))
    )
    assert token.code not in csv_text and paper.code not in csv_text


def test_account_deletion_keeps_answers_without_the_account(built, user):
    from aufbruch.accounts import services as account_services

    services.response_submit(survey=built.survey, data=built.answers(), user=user)
    assert account_services._exporters["survey_responses"] is services.export_responses
    assert services.anonymise_responses in account_services._anonymisers
    export = services.export_responses(user)
    assert export[0]["survey"] == "Digitale Verwaltung"
    assert {
        "question": "Haben Sie das Bürgerportal genutzt?",
        "answer": "ja",
        "rank": None,
    } in export[0]["answers"]
    services.anonymise_responses(user)
    response = Response.objects.get()
    assert response.user_id is None and response.answers.count() > 0


def test_results_counts_and_percentages(built):
    for i in range(4):
        u = UserFactory()
        choice = built.yes if i < 3 else built.no
        services.response_submit(
            survey=built.survey, data=built.answers(**{built.used.field_name: choice.pk}), user=u
        )
    questions = selectors.survey_questions(built.survey)
    results = {r.question.pk: r for r in selectors.survey_results(built.survey, questions)}
    used = results[built.used.pk]
    assert used.respondents == 4
    assert [(r.label, r.count, r.percent) for r in used.rows] == [
        ("ja", 3, 75.0),
        ("nein", 1, 25.0),
    ]
    assert results[built.likert.pk].average == 4.0
    assert [r.label for r in results[built.rank.pk].rows] == ["Einfach", "Schnell", "Sicher"]
    assert results[built.age.pk].stats["count"] == 4
    assert results[built.why.pk].text_count == 3


def test_crosstab_only_for_groups_above_threshold(built, settings):
    settings.SMALL_GROUP_THRESHOLD = 3
    year = timezone.localdate().year
    for _ in range(3):
        services.response_submit(
            survey=built.survey, data=built.answers(), user=UserFactory(birth_year=year - 20)
        )
    services.response_submit(
        survey=built.survey, data=built.answers(), user=UserFactory(birth_year=year - 70)
    )
    token = services.tokens_issue(survey=built.survey, actor=built.survey.created_by, count=1)[0]
    services.response_submit_with_token(survey=built.survey, data=built.answers(), code=token.code)
    questions = selectors.survey_questions(built.survey)
    tab = next(
        t
        for t in selectors.survey_crosstabs(built.survey, questions, "age")
        if t.question == built.used
    )
    groups = {g["key"]: g for g in tab.groups}
    assert groups["u30"]["respondents"] == 3 and groups["u30"]["enough"]
    assert groups["60plus"]["respondents"] == 1 and not groups["60plus"]["enough"]
    assert tab.rows[0]["cells"][0] == {"count": 3, "percent": 100.0}
    assert tab.rows[0]["cells"][2] is None


def test_hide_free_text_answer(built, user, moderator, guide):
    services.response_submit(survey=built.survey, data=built.answers(), user=user)
    answer = Answer.objects.get(question=built.note)
    with pytest.raises(PermissionDenied):
        services.answer_hide(answer=answer, actor=guide, reason="x")
    with pytest.raises(ValidationError):
        services.answer_hide(answer=answer, actor=moderator, reason="  ")
    services.answer_hide(answer=answer, actor=moderator, reason="Enthält einen Namen")
    assert (
        list(selectors.free_text_answers(built.survey, "visible").filter(question=built.note)) == []
    )
    assert list(selectors.free_text_answers(built.survey, "hidden")) == [answer]
    services.answer_restore(answer=answer, actor=moderator)
    answer.refresh_from_db()
    assert not answer.is_hidden


def test_csv_has_one_row_per_response_and_no_personal_data(built, user):
    user.display_name = "Erika Mustermann"
    user.save()
    services.response_submit(survey=built.survey, data=built.answers(), user=user)
    rows = list(selectors.csv_rows(built.survey, selectors.survey_questions(built.survey)))
    assert len(rows) == 2 and len(rows[0]) == 3 + 7
    flat = ";".join(map(str, rows[1]))
    assert user.email not in flat and "Erika" not in flat and str(user.pk) not in rows[1][:1]
    assert "Online | Telefon" in flat and "1. Einfach | 2. Schnell | 3. Sicher" in flat


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_submits_with_one_token_make_one_response(office):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    b = Built(office)
    token = services.tokens_issue(survey=b.survey, actor=office, count=1)[0]
    data = b.answers()
    barrier = threading.Barrier(20)
    outcomes: list[str] = []

    def submit():
        from django.db import connection as conn

        try:
            barrier.wait()
            services.response_submit_with_token(survey=b.survey, data=data, code=token.code)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("rejected")
        finally:
            conn.close()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1 and outcomes.count("rejected") == 19
    assert Response.objects.filter(token=token).count() == 1
    b.survey.refresh_from_db()
    assert b.survey.response_count == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_submits_of_one_account_make_one_response(office):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    b = Built(office)
    person = UserFactory()
    data = b.answers()
    barrier = threading.Barrier(10)
    errors: list[Exception] = []

    def submit():
        from django.db import connection as conn

        try:
            barrier.wait()
            services.response_submit(survey=b.survey, data=data, user=person)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Response.objects.filter(user=person).count() == 1
    b.survey.refresh_from_db()
    assert b.survey.response_count == 1


def test_survey_update_only_for_drafts(office, user):
    draft = Built(office, publish=False).survey
    now = timezone.now()
    kwargs = dict(
        title="Neu",
        description="*Text*",
        opens_at=now,
        closes_at=now + timedelta(days=2),
        results_visibility="always",
    )
    with pytest.raises(PermissionDenied):
        services.survey_update(survey=draft, actor=user, **kwargs)
    with pytest.raises(ValidationError) as exc:
        services.survey_update(
            survey=draft, actor=office, **{**kwargs, "results_visibility": "everyone"}
        )
    assert "results_visibility" in exc.value.message_dict
    survey = services.survey_update(survey=draft, actor=office, **kwargs)
    assert survey.title == "Neu" and survey.description_html == "<p><em>Text</em></p>\n"
    published = Built(office).survey
    with pytest.raises(ValidationError):
        services.survey_update(survey=published, actor=office, **kwargs)


def test_csv_order_within_a_day_does_not_reveal_the_order_of_answers(built):
    for i in range(8):
        services.response_submit(
            survey=built.survey,
            data=built.answers(**{built.note.field_name: f"Antwort {i}"}),
            user=UserFactory(),
        )
    rows = list(selectors.csv_rows(built.survey, selectors.survey_questions(built.survey)))[1:]
    notes = [row[-1] for row in rows]
    assert sorted(notes) == [f"Antwort {i}" for i in range(8)] and notes != sorted(notes)
