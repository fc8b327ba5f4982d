"""Surveys: taking part (with an account or an access code) and results."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aufbruch.core.csv import csv_response
from aufbruch.core.forms import service_error_dict
from aufbruch.core.ratelimit import ratelimit
from aufbruch.staff.decorators import staff_view

from . import selectors, services
from .answers import ranking_field_name
from .models import QuestionKind, Survey


def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = list(selectors.survey_list_public()[:100])
    return render(request, "surveys/survey_list.html", {"surveys": surveys})


def get_visible_survey(request: HttpRequest, pk: int) -> Survey:
    survey = get_object_or_404(Survey, pk=pk)
    if not survey.is_published and not request.user.has_perm("surveys.manage_survey"):
        raise Http404
    return survey


def question_views(questions, data, errors: dict) -> list[dict]:
    """What the template needs per question: values to show again, errors, options."""
    views = []
    for q in questions:
        name = q.field_name
        values = data.getlist(name) if hasattr(data, "getlist") else list(data.get(name, []))
        options = []
        for o in q.options.all():
            entry = {"option": o, "checked": str(o.pk) in values, "id": f"{name}-{o.pk}"}
            if q.kind == QuestionKind.RANKING:
                field = ranking_field_name(q, o)
                ranked = (
                    data.getlist(field) if hasattr(data, "getlist") else list(data.get(field, []))
                )
                entry.update(field=field, rank=ranked[0] if ranked else "")
            options.append(entry)
        views.append(
            {
                "q": q,
                "name": name,
                "value": values[0] if values else "",
                "options": options,
                "ranks": range(1, len(options) + 1),
                "errors": errors.get(name, []),
                "condition": q.condition_option,
            }
        )
    return views


def _form_context(survey, questions, data, errors: dict) -> dict:
    views = question_views(questions, data, errors)
    sections = []
    by_section: dict[int, dict] = {}
    for v in views:
        sec = v["q"].section
        if sec.pk not in by_section:
            by_section[sec.pk] = {"section": sec, "questions": []}
            sections.append(by_section[sec.pk])
        by_section[sec.pk]["questions"].append(v)
    code = data.get("code", "") if hasattr(data, "get") else ""
    if isinstance(code, list):
        code = code[0] if code else ""
    return {
        "survey": survey,
        "sections": sections,
        "errors": errors,
        "code": code,
        "code_errors": errors.get("code", []),
        "error_count": len(errors),
    }


_errors = service_error_dict


@ratelimit("survey_response")
@require_http_methods(["GET", "POST"])
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_visible_survey(request, pk)
    questions = selectors.survey_questions(survey)
    existing = selectors.user_response(survey, request.user)
    errors: dict = {}
    data = selectors.response_as_data(existing)
    if request.method == "POST":
        data = request.POST
        try:
            if request.user.is_authenticated:
                if not request.user.has_perm("surveys.respond", survey):
                    if not survey.is_open():
                        raise ValidationError(_("This survey is not open for answers."))
                    raise PermissionDenied
                services.response_submit(survey=survey, data=request.POST, user=request.user)
            else:
                services.response_submit_with_token(
                    survey=survey, data=request.POST, code=request.POST.get("code", "")
                )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Thank you! Your answers have been saved."))
            return redirect("surveys:thanks", pk=survey.pk)
    context = _form_context(survey, questions, data, errors)
    context.update(
        existing=existing,
        is_open=survey.is_open(),
        can_see_results=request.user.has_perm("surveys.view_results", survey),
    )
    return render(request, "surveys/survey_detail.html", context, status=400 if errors else 200)


def survey_thanks(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_visible_survey(request, pk)
    return render(
        request,
        "surveys/survey_thanks.html",
        {
            "survey": survey,
            "can_see_results": request.user.has_perm("surveys.view_results", survey),
        },
    )


NUMBER = re.compile(r"-?\d+(\.\d+)?")
TEXT_FILTERS = ("visible", "hidden", "all")


def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_visible_survey(request, pk)
    if not request.user.has_perm("surveys.view_results", survey):
        raise PermissionDenied
    questions = selectors.survey_questions(survey)
    context = {
        "survey": survey,
        **selectors.published_results_page(survey, questions),
        "batch": selectors.RESULTS_BATCH,
        "threshold": selectors.settings.SMALL_GROUP_THRESHOLD,
    }
    if request.user.has_perm("surveys.view_free_text"):
        show = request.GET.get("texts", "visible")
        show = show if show in TEXT_FILTERS else "visible"
        context.update(
            free_texts=list(selectors.free_text_answers(survey, show)[:500]),
            text_filter=show,
            text_filters=[("visible", _("shown")), ("hidden", _("hidden")), ("all", _("all"))],
            can_moderate=request.user.has_perm("surveys.moderate_answers"),
            can_export=request.user.has_perm("surveys.export_csv"),
        )
    return render(request, "surveys/survey_results.html", context)


@staff_view("surveys.export_csv")
def survey_results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_visible_survey(request, pk)
    return csv_response(
        f"umfrage-{survey.pk}.csv",
        None,
        selectors.csv_rows(survey, selectors.survey_questions(survey)),
    )
