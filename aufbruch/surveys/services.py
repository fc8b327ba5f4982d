"""State changes of surveys: building, publishing, closing, tokens, responses."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from aufbruch.audit.actions import AuditAction
from aufbruch.audit.services import audit_log
from aufbruch.core.text import plain_text, render_markdown
from aufbruch.staff.predicates import is_moderator, is_programme_office, is_staff_member

from .answers import ParsedAnswer, parse_answers
from .models import (
    OPTION_KINDS,
    Answer,
    Option,
    Question,
    QuestionKind,
    Response,
    ResponseSource,
    ResultsSnapshot,
    ResultsVisibility,
    Section,
    Survey,
    SurveyStatus,
    SurveyToken,
)
from .selectors import RESULTS_BATCH, results_snapshot_data, survey_questions

LIKERT_LABELS = (
    gettext_noop("Strongly disagree"),
    gettext_noop("Disagree"),
    gettext_noop("Neither agree nor disagree"),
    gettext_noop("Agree"),
    gettext_noop("Strongly agree"),
)
MAX_TOKENS_PER_BATCH = 500


def _require_office(actor) -> None:
    if not is_programme_office(actor):
        raise PermissionDenied


def _require_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(_("A published survey can no longer be changed."))


def _check_dates(opens_at: datetime, closes_at: datetime) -> None:
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": [_("The survey must close after it opens.")]})


@transaction.atomic
def survey_create(
    *,
    actor,
    title: str,
    description: str = "",
    opens_at: datetime,
    closes_at: datetime,
    results_visibility: str = ResultsVisibility.AFTER_CLOSE,
) -> Survey:
    _require_office(actor)
    title = plain_text(title).strip()
    if not title:
        raise ValidationError({"title": [_("Please enter a title.")]})
    _check_dates(opens_at, closes_at)
    survey = Survey.objects.create(
        title=title[:140],
        description=description,
        description_html=render_markdown(description),
        opens_at=opens_at,
        closes_at=closes_at,
        results_visibility=results_visibility,
        created_by=actor,
    )
    audit_log(action=AuditAction.SURVEY_CREATE, actor=actor, target=survey)
    return survey


@transaction.atomic
def survey_update(
    *,
    survey: Survey,
    actor,
    title: str,
    description: str = "",
    opens_at: datetime,
    closes_at: datetime,
    results_visibility: str = ResultsVisibility.AFTER_CLOSE,
) -> Survey:
    """Change a draft's title, text, dates and results setting."""
    _require_office(actor)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require_draft(survey)
    title = plain_text(title).strip()
    if not title:
        raise ValidationError({"title": [_("Please enter a title.")]})
    _check_dates(opens_at, closes_at)
    if results_visibility not in ResultsVisibility.values:
        raise ValidationError({"results_visibility": [_("Please choose who sees the results.")]})
    survey.title, survey.description, survey.description_html = (
        title[:140],
        description,
        render_markdown(description),
    )
    survey.opens_at, survey.closes_at, survey.results_visibility = (
        opens_at,
        closes_at,
        results_visibility,
    )
    survey.save(
        update_fields=[
            "title",
            "description",
            "description_html",
            "opens_at",
            "closes_at",
            "results_visibility",
        ]
    )
    audit_log(
        action=AuditAction.SURVEY_CREATE, actor=actor, target=survey, details={"step": "update"}
    )
    return survey


@transaction.atomic
def section_add(*, survey: Survey, actor, title: str) -> Section:
    _require_office(actor)
    _require_draft(survey)
    title = plain_text(title).strip()
    if not title:
        raise ValidationError({"title": [_("Please enter a title.")]})
    position = survey.sections.count() + 1
    section = Section.objects.create(survey=survey, title=title[:140], position=position)
    # Building a draft is part of creating the survey.
    audit_log(
        action=AuditAction.SURVEY_CREATE,
        actor=actor,
        target=survey,
        details={"step": "section_add", "section": section.pk},
    )
    return section


@transaction.atomic
def question_add(
    *,
    survey: Survey,
    section: Section,
    actor,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = False,
    options: list[str] = (),
    min_value: int | None = None,
    max_value: int | None = None,
    condition_option: Option | None = None,
) -> Question:
    _require_office(actor)
    _require_draft(survey)
    errors: dict[str, list[str]] = {}
    text = plain_text(text).strip()
    labels = [plain_text(o).strip()[:200] for o in options if plain_text(o).strip()]
    if section.survey_id != survey.pk:
        errors["section"] = [_("Please choose a section of this survey.")]
    if kind not in QuestionKind.values:
        errors["kind"] = [_("Please choose a question type.")]
    if not text:
        errors["text"] = [_("Please enter the question.")]
    if kind == QuestionKind.LIKERT and not labels:
        labels = [_(label) for label in LIKERT_LABELS]
    if kind == QuestionKind.LIKERT and len(labels) != 5:
        errors["options"] = [_("A rating scale has exactly five labels.")]
    elif kind in OPTION_KINDS and len(labels) < 2:
        errors["options"] = [_("Please enter at least two options, one per line.")]
    if len(labels) > 30:
        errors["options"] = [_("Please enter at most 30 options.")]
    if (
        kind == QuestionKind.NUMBER
        and min_value is not None
        and max_value is not None
        and min_value > max_value
    ):
        errors["max_value"] = [_("The largest number must not be smaller than the smallest.")]
    if condition_option is not None and (
        condition_option.question.survey_id != survey.pk
        or condition_option.question.kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    ):
        errors["condition_option"] = [_("Please choose an answer of an earlier choice question.")]
    if errors:
        raise ValidationError(errors)
    question = Question.objects.create(
        survey=survey,
        section=section,
        kind=kind,
        text=text[:300],
        help_text=plain_text(help_text).strip()[:300],
        required=required,
        position=survey.questions.count() + 1,
        min_value=min_value if kind == QuestionKind.NUMBER else None,
        max_value=max_value if kind == QuestionKind.NUMBER else None,
        condition_option=condition_option,
    )
    if kind in OPTION_KINDS:
        Option.objects.bulk_create(
            Option(question=question, label=label, position=i) for i, label in enumerate(labels, 1)
        )
    audit_log(
        action=AuditAction.SURVEY_CREATE,
        actor=actor,
        target=survey,
        details={"step": "question_add", "question": question.pk},
    )
    return question


@transaction.atomic
def question_delete(*, question: Question, actor) -> None:
    _require_office(actor)
    _require_draft(question.survey)
    audit_log(
        action=AuditAction.SURVEY_CREATE,
        actor=actor,
        target=question.survey,
        details={"step": "question_delete", "question": question.pk},
    )
    question.delete()


@transaction.atomic
def survey_publish(*, survey: Survey, actor) -> Survey:
    _require_office(actor)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require_draft(survey)
    if not survey.questions.exists():
        raise ValidationError(_("Please add at least one question before publishing."))
    if survey.closes_at <= timezone.now():
        raise ValidationError(_("The closing date has passed. Please choose a later one."))
    survey.status = SurveyStatus.PUBLISHED
    survey.published_at = timezone.now()
    survey.save(update_fields=["status", "published_at"])
    audit_log(action=AuditAction.SURVEY_PUBLISH, actor=actor, target=survey)
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, actor) -> Survey:
    """Close a running survey now (it also closes by itself at closes_at)."""
    _require_office(actor)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    now = timezone.now()
    if not survey.is_published or survey.closes_at <= now:
        raise ValidationError(_("Only a running survey can be closed."))
    survey.closes_at = max(now, survey.opens_at + timedelta(seconds=1))
    survey.save(update_fields=["closes_at"])
    audit_log(action=AuditAction.SURVEY_CLOSE, actor=actor, target=survey)
    return survey


@transaction.atomic
def tokens_issue(*, survey: Survey, actor, count: int) -> list[SurveyToken]:
    _require_office(actor)
    if not isinstance(count, int) or not 1 <= count <= MAX_TOKENS_PER_BATCH:
        raise ValidationError(
            {
                "count": [
                    _("Please enter a number from 1 to %(max)s.") % {"max": MAX_TOKENS_PER_BATCH}
                ]
            }
        )
    batch = (survey.tokens.order_by("-batch").values_list("batch", flat=True).first() or 0) + 1
    tokens = SurveyToken.objects.bulk_create(
        SurveyToken(survey=survey, batch=batch) for _ in range(count)
    )
    audit_log(
        action=AuditAction.SURVEY_TOKENS_ISSUE,
        actor=actor,
        target=survey,
        details={"batch": batch, "count": count},
    )
    return tokens


def _write_answers(response: Response, parsed: list[ParsedAnswer]) -> None:
    response.answers.all().delete()
    rows: list[Answer] = []
    for a in parsed:
        q = a.question
        rows += [Answer(response=response, question=q, option_id=oid) for oid in a.option_ids]
        rows += [
            Answer(response=response, question=q, option_id=oid, rank=rank)
            for oid, rank in a.ranks.items()
        ]
        if a.number is not None:
            rows.append(Answer(response=response, question=q, number=a.number))
        if a.text:
            rows.append(Answer(response=response, question=q, text=a.text))
    Answer.objects.bulk_create(rows)


def _check_open(survey: Survey) -> None:
    if not survey.is_open():
        raise ValidationError(_("This survey is not open for answers."))


@transaction.atomic
def response_submit(*, survey: Survey, data: Any, user=None) -> Response:
    """Answer (or change the answer) with an account, until the survey closes."""
    if user is None or not user.is_authenticated or user.is_deleted or user.is_blocked:
        raise PermissionDenied
    survey = Survey.objects.get(pk=survey.pk)
    _check_open(survey)
    parsed = parse_answers(survey_questions(survey), data)
    today = timezone.localdate()
    response = Response.objects.select_for_update().filter(survey=survey, user=user).first()
    created = response is None
    if created:
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    survey=survey,
                    user=user,
                    source=ResponseSource.ONLINE,
                    submitted_on=today,
                    updated_on=today,
                )
        except IntegrityError:  # a parallel submit of the same person won
            response = Response.objects.select_for_update().get(survey=survey, user=user)
            created = False
    if created:
        Survey.objects.filter(pk=survey.pk).update(
            response_count=F("response_count") + 1, revision=F("revision") + 1
        )
    else:
        Survey.objects.filter(pk=survey.pk).update(revision=F("revision") + 1)
        response.updated_on = today
        response.save(update_fields=["updated_on"])
    _write_answers(response, parsed)
    audit_log(
        action=AuditAction.SURVEY_RESPONSE,
        actor=user,
        target=survey,
        details={"changed": not created},
    )
    results_publish_if_due(survey=survey)
    return response


@transaction.atomic
def response_submit_with_token(
    *, survey: Survey, data: Any, code: str, entered_by=None
) -> Response:
    """Answer once with a one-time code: online (anonymous) or typed in from paper by staff.

    Nothing that identifies a person is stored: no account, no address, only the day.
    """
    source = ResponseSource.TOKEN
    if entered_by is not None:
        if not is_staff_member(entered_by):
            raise PermissionDenied
        source = ResponseSource.PAPER
    code = (code or "").strip().upper().replace(" ", "").replace("-", "")
    survey = Survey.objects.get(pk=survey.pk)
    _check_open(survey)
    parsed = parse_answers(survey_questions(survey), data)
    token = (
        SurveyToken.objects.select_for_update().filter(survey=survey, code=code).first()
        if code
        else None
    )
    if token is None:
        raise ValidationError({"code": [_("This access code is not valid for this survey.")]})
    if Response.objects.filter(token=token).exists():
        raise ValidationError({"code": [_("This access code has already been used.")]})
    today = timezone.localdate()
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey, token=token, source=source, submitted_on=today, updated_on=today
            )
    except IntegrityError as exc:
        raise ValidationError({"code": [_("This access code has already been used.")]}) from exc
    Survey.objects.filter(pk=survey.pk).update(
        response_count=F("response_count") + 1, revision=F("revision") + 1
    )
    _write_answers(response, parsed)
    results_publish_if_due(survey=survey)
    # The entry names the survey, not the response, so its time cannot be matched to one.
    audit_log(
        action=AuditAction.SURVEY_RESPONSE,
        actor=entered_by,
        target=survey,
        details={"source": source},
    )
    return response


@transaction.atomic
def answer_hide(*, answer: Answer, actor, reason: str) -> Answer:
    if not (is_moderator(actor) or is_programme_office(actor)):
        raise PermissionDenied
    reason = plain_text(reason).strip()
    if not reason:
        raise ValidationError({"reason": [_("Please give a reason.")]})
    if not answer.text:
        raise ValidationError(_("Only free-text answers can be hidden."))
    answer.is_hidden = True
    answer.hidden_reason = reason[:300]
    answer.save(update_fields=["is_hidden", "hidden_reason"])
    audit_log(
        action=AuditAction.CONTENT_HIDE,
        actor=actor,
        target=answer.question.survey,
        details={"answer": answer.pk, "reason": answer.hidden_reason},
    )
    return answer


@transaction.atomic
def answer_restore(*, answer: Answer, actor) -> Answer:
    if not (is_moderator(actor) or is_programme_office(actor)):
        raise PermissionDenied
    answer.is_hidden = False
    answer.hidden_reason = ""
    answer.save(update_fields=["is_hidden", "hidden_reason"])
    audit_log(
        action=AuditAction.CONTENT_RESTORE,
        actor=actor,
        target=answer.question.survey,
        details={"answer": answer.pk},
    )
    return answer


def results_publish_if_due(*, survey: Survey) -> ResultsSnapshot | None:
    """Publish a running survey's results again once at least
    RESULTS_BATCH responses were stored or changed since the last snapshot
    (each change raises ``revision``). Called by every service that stores
    answers, inside its transaction."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    snapshot = ResultsSnapshot.objects.filter(survey=survey).first()
    if survey.revision - (snapshot.revision if snapshot else 0) < RESULTS_BATCH:
        return snapshot
    snapshot, _created = ResultsSnapshot.objects.update_or_create(
        survey=survey,
        defaults={
            "revision": survey.revision,
            "response_count": survey.response_count,
            "data": results_snapshot_data(survey, survey_questions(survey)),
            "published_at": timezone.now(),
        },
    )
    return snapshot


def anonymise_responses(user) -> None:
    """On account deletion the answers stay in the results but lose the account."""
    surveys = Response.objects.filter(user=user).values("survey_id")
    Survey.objects.filter(pk__in=surveys).update(
        revision=F("revision") + 1
    )  # the cross-tabs change
    Response.objects.filter(user=user).update(user=None)
    for survey in Survey.objects.filter(pk__in=surveys):
        results_publish_if_due(survey=survey)


def export_responses(user) -> list[dict]:
    rows = []
    responses = (
        Response.objects.filter(user=user)
        .select_related("survey")
        .prefetch_related("answers__question", "answers__option")
    )
    for r in responses:
        answers = []
        for a in r.answers.all():
            value = (
                a.option.label
                if a.option_id
                else (str(a.number) if a.number is not None else a.text)
            )
            answers.append({"question": a.question.text, "answer": value, "rank": a.rank})
        rows.append(
            {
                "survey": r.survey.title,
                "submitted_on": r.submitted_on.isoformat(),
                "answers": answers,
            }
        )
    return rows
