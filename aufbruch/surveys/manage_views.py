"""Staff pages under /staff/surveys/: building surveys, access codes, paper entry, moderation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from aufbruch.core.links import absolute_url
from aufbruch.staff.decorators import staff_view

from . import selectors, services
from .forms import HideAnswerForm, QuestionForm, SectionForm, SurveyForm, TokenForm
from .models import Answer, Question, Survey
from .views import _errors, _form_context

MANAGE = "surveys.manage_survey"


@staff_view(MANAGE)
def manage_list(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The survey was created as a draft."))
            return redirect("surveys:manage_detail", pk=survey.pk)
    surveys = Survey.objects.order_by("-created_at")[:200]
    return render(
        request,
        "surveys/manage_list.html",
        {"form": form, "surveys": surveys},
        status=400 if form.errors else 200,
    )


def _detail_context(survey: Survey, **forms) -> dict:
    questions = selectors.survey_questions(survey)
    settings_initial = {
        "title": survey.title,
        "description": survey.description,
        "opens_at": timezone.localtime(survey.opens_at),
        "closes_at": timezone.localtime(survey.closes_at),
        "results_visibility": survey.results_visibility,
    }
    context = {
        "survey": survey,
        "survey_form": SurveyForm(prefix="survey", initial=settings_initial),
        "sections": selectors.group_by_section(questions),
        "section_form": SectionForm(prefix="section"),
        "question_form": QuestionForm(survey=survey, prefix="question"),
        "token_count": survey.tokens.count(),
        "token_form": TokenForm(prefix="tokens"),
    }
    context.update(forms)
    return context


@staff_view(MANAGE)
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    return render(request, "surveys/manage_detail.html", _detail_context(survey))


@require_POST
@staff_view(MANAGE)
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    form = SurveyForm(request.POST, prefix="survey")
    if form.is_valid():
        try:
            services.survey_update(survey=survey, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The survey was saved."))
            return redirect("surveys:manage_detail", pk=survey.pk)
    return render(
        request, "surveys/manage_detail.html", _detail_context(survey, survey_form=form), status=400
    )


@require_POST
@staff_view(MANAGE)
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    form = SectionForm(request.POST, prefix="section")
    if form.is_valid():
        try:
            services.section_add(
                survey=survey, actor=request.user, title=form.cleaned_data["title"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Section added."))
            return redirect("surveys:manage_detail", pk=survey.pk)
    return render(
        request,
        "surveys/manage_detail.html",
        _detail_context(survey, section_form=form),
        status=400,
    )


@require_POST
@staff_view(MANAGE)
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    form = QuestionForm(request.POST, survey=survey, prefix="question")
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["options"] = form.option_lines()
        try:
            services.question_add(survey=survey, actor=request.user, **data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Question added."))
            return redirect(reverse("surveys:manage_detail", args=[survey.pk]) + "#questions")
    return render(
        request,
        "surveys/manage_detail.html",
        _detail_context(survey, question_form=form),
        status=400,
    )


@require_POST
@staff_view(MANAGE)
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=question_pk, survey_id=pk)
    try:
        services.question_delete(question=question, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Question deleted."))
    return redirect("surveys:manage_detail", pk=pk)


def _survey_action(service, success: str):
    @require_POST
    @staff_view(MANAGE)
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        survey = get_object_or_404(Survey, pk=pk)
        try:
            service(survey=survey, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, success)
        return redirect("surveys:manage_detail", pk=pk)

    return view


survey_publish = _survey_action(services.survey_publish, gettext_lazy("The survey is published."))
survey_close = _survey_action(services.survey_close, gettext_lazy("The survey is closed."))


@staff_view(MANAGE)
def tokens(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a batch of access codes (POST) and print them (GET)."""
    survey = get_object_or_404(Survey, pk=pk)
    form = TokenForm(request.POST or None, prefix="tokens")
    if request.method == "POST":
        if form.is_valid():
            services.tokens_issue(
                survey=survey, actor=request.user, count=form.cleaned_data["count"]
            )
            messages.success(request, _("Access codes issued."))
            return redirect("surveys:tokens", pk=survey.pk)
        return render(
            request,
            "surveys/manage_detail.html",
            _detail_context(survey, token_form=form),
            status=400,
        )
    unused = survey.tokens.filter(response__isnull=True).order_by("batch", "id")
    survey_url = absolute_url(survey.get_absolute_url())
    return render(
        request,
        "surveys/tokens_print.html",
        {"survey": survey, "tokens": unused, "survey_url": survey_url, "qr": _qr_svg(survey_url)},
    )


def _qr_svg(url: str) -> str:
    """The survey's address as a QR code (never the access code: addresses end up in logs)."""
    import qrcode
    import qrcode.image.svg

    svg = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=6).to_string(
        encoding="unicode"
    )
    return mark_safe(
        svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" class="ab-qr" ', 1)
    )  # noqa: S308


@staff_view("surveys.enter_paper_answers")
def paper_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """A guide types in a paper form with its access code (source "paper")."""
    survey = get_object_or_404(Survey, pk=pk, status="published")
    questions = selectors.survey_questions(survey)
    data, errors = {}, {}
    if request.method == "POST":
        data = request.POST
        try:
            services.response_submit_with_token(
                survey=survey,
                data=request.POST,
                code=request.POST.get("code", ""),
                entered_by=request.user,
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(
                request, _("The paper answers were saved. You can enter the next form.")
            )
            return redirect("surveys:paper_entry", pk=survey.pk)
    context = _form_context(survey, questions, data, errors)
    context.update(paper=True, is_open=survey.is_open())
    return render(request, "surveys/paper_entry.html", context, status=400 if errors else 200)


@staff_view("surveys.moderate_answers")
def answer_moderate(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    answer = get_object_or_404(
        Answer.objects.select_related("question__survey"), pk=answer_pk, question__survey_id=pk
    )
    form = HideAnswerForm(request.POST or None)
    if request.method == "POST":
        if answer.is_hidden:
            services.answer_restore(answer=answer, actor=request.user)
            messages.success(request, _("The answer is shown again."))
            return redirect(reverse("surveys:results", args=[pk]) + "?texts=hidden")
        if form.is_valid():
            try:
                services.answer_hide(
                    answer=answer, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The answer is hidden."))
                return redirect(reverse("surveys:results", args=[pk]) + "#free-texts")
    return render(
        request,
        "surveys/answer_moderate.html",
        {"answer": answer, "survey": answer.question.survey, "form": form},
        status=400 if form.errors else 200,
    )
