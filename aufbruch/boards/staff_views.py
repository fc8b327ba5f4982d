"""Programme office: calls, applications, consent, closing votes; guides and
the office: answers to published recommendations. Mounted under /staff/boards/."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aufbruch.core.forms import add_service_errors
from aufbruch.staff.decorators import staff_view

from . import forms, selectors, services, voting
from .models import (
    ApplicationStatus,
    BoardApplication,
    Membership,
    MembershipStatus,
    Recommendation,
)
from .views import _board

OFFICE = "boards.manage_board"


@staff_view(OFFICE)
def board_admin_list(request: HttpRequest) -> HttpResponse:
    return render(request, "boards/staff/board_list.html", {"boards": list(selectors.board_list())})


@staff_view(OFFICE)
def board_manage(
    request: HttpRequest, slug: str, *, call_form=None, status: int = 200
) -> HttpResponse:
    board = _board(slug)
    return render(
        request,
        "boards/staff/board_manage.html",
        {
            "board": board,
            "call": selectors.open_call(board),
            "call_form": call_form or forms.CallForm(),
            "applications": list(
                board.applications.filter(status=ApplicationStatus.SUBMITTED).select_related(
                    "applicant"
                )
            ),
            "decided": list(
                board.applications.exclude(status=ApplicationStatus.SUBMITTED)
                .select_related("applicant")
                .order_by("-decided_at")[:30]
            ),
            "pending_consent": list(
                board.memberships.filter(status=MembershipStatus.PENDING_CONSENT).select_related(
                    "user"
                )
            ),
            "active_members": selectors.active_member_count(board),
        },
        status=status,
    )


@staff_view(OFFICE)
@require_POST
def call_open(request: HttpRequest, slug: str) -> HttpResponse:
    board = _board(slug)
    form = forms.CallForm(request.POST)
    if form.is_valid():
        try:
            services.board_call_open(board=board, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The call for applications is open."))
            return redirect("boards_staff:manage", slug=board.slug)
    return board_manage(request, slug, call_form=form, status=400)


@staff_view(OFFICE)
def application_review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    application = get_object_or_404(
        BoardApplication.objects.select_related("board", "applicant"), pk=pk, board__slug=slug
    )
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(
                application=application,
                actor=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision was saved and the applicant informed."))
            return redirect("boards_staff:manage", slug=slug)
    return render(
        request,
        "boards/staff/application.html",
        {"board": application.board, "application": application, "form": form},
        status=400 if form.errors else 200,
    )


@staff_view(OFFICE)
def consent_record(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("board", "user"), pk=pk, board__slug=slug
    )
    form = forms.ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_record_consent(
                membership=membership,
                actor=request.user,
                guardian_name=form.cleaned_data["guardian_name"],
                given_on=form.cleaned_data["given_on"],
                method=form.cleaned_data["method"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The consent was recorded; the membership is active."))
            return redirect("boards_staff:manage", slug=slug)
    return render(
        request,
        "boards/staff/consent.html",
        {"board": membership.board, "membership": membership, "form": form},
        status=400 if form.errors else 200,
    )


@staff_view(OFFICE)
@require_POST
def vote_close(request: HttpRequest, pk: int) -> HttpResponse:
    rec = get_object_or_404(Recommendation.objects.select_related("board"), pk=pk)
    rec = voting.recommendation_close_vote(recommendation=rec, actor=request.user)
    messages.success(request, _("The vote is closed and the result recorded."))
    return redirect("boards:recommendation", slug=rec.board.slug, pk=rec.pk)


def _published_recommendation(kwargs: dict) -> Recommendation:
    kwargs["rec"] = get_object_or_404(
        Recommendation.objects.select_related("board"),
        pk=kwargs.pop("pk"),
        published_at__isnull=False,
    )
    return kwargs["rec"]


@staff_view("boards.answer_recommendation", obj=_published_recommendation)
def answer(request: HttpRequest, rec: Recommendation) -> HttpResponse:
    departments = voting.answer_departments(request.user, rec)
    form = forms.AnswerForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            voting.recommendation_answer(
                recommendation=rec,
                actor=request.user,
                department=form.cleaned_data["department"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your answer is published."))
            return redirect(rec.public_url())
    return render(
        request,
        "boards/staff/answer.html",
        {
            "board": rec.board,
            "rec": rec,
            "form": form,
            "answers": list(rec.answers.select_related("department")),
        },
        status=400 if form.errors else 200,
    )
