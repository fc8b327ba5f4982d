"""Public pages ("Was wir lernen", one page per assumption, the committee report)
and the staff pages under /staff/assumptions/."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from aufbruch.staff.decorators import staff_view
from aufbruch.staff.predicates import is_staff_member

from . import selectors, services
from .forms import AssumptionForm, EvidenceForm, ReviewForm
from .models import Assumption, AssumptionStatus


def assumption_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assumptions/assumption_list.html",
        {
            "reviews": list(selectors.review_timeline()[:100]),
            "assumptions": list(selectors.assumption_list_public()),
        },
    )


def assumption_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assumption = get_object_or_404(Assumption.objects.select_related("topic"), pk=pk)
    return render(
        request,
        "assumptions/assumption_detail.html",
        {
            "assumption": assumption,
            "reviews": selectors.assumption_reviews(assumption),
            "evidence": selectors.evidence_items(assumption),
            "show_all_results": is_staff_member(request.user),
            "can_review": request.user.has_perm("assumptions.review_assumption", assumption),
        },
    )


def assumption_report(request: HttpRequest) -> HttpResponse:
    """A printable section for the committee paper."""
    assumptions = list(selectors.assumption_list_public().prefetch_related("reviews"))
    counts = {status: 0 for status in AssumptionStatus.values}
    for a in assumptions:
        counts[a.status] += 1
    return render(
        request,
        "assumptions/report.html",
        {
            "assumptions": assumptions,
            "today": timezone.localdate(),
            "counts": [(label, counts[value]) for value, label in AssumptionStatus.choices],
        },
    )


@staff_view("assumptions.manage_assumption")
def manage_list(request: HttpRequest) -> HttpResponse:
    form = AssumptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assumption = services.assumption_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The assumption was recorded."))
            return redirect("assumptions:manage_detail", pk=assumption.pk)
    assumptions = Assumption.objects.select_related("topic", "owner").order_by(
        "review_due_on", "id"
    )
    return render(
        request,
        "assumptions/manage_list.html",
        {"form": form, "assumptions": assumptions, "today": timezone.localdate()},
        status=400 if form.errors else 200,
    )


@staff_view("assumptions.manage_assumption")
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assumption = get_object_or_404(Assumption.objects.select_related("topic", "owner"), pk=pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_link(
                assumption=assumption,
                actor=request.user,
                kind=data["kind"],
                object_id=data["object_id"],
                document=data["document"],
                title=data["title"],
                note=data["note"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The evidence was linked."))
            return redirect("assumptions:manage_detail", pk=assumption.pk)
    return render(
        request,
        "assumptions/manage_detail.html",
        {
            "assumption": assumption,
            "form": form,
            "evidence": selectors.evidence_items(assumption),
        },
        status=400 if form.errors else 200,
    )


@staff_view("assumptions.staff_area")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    assumption = get_object_or_404(Assumption.objects.select_related("topic", "owner"), pk=pk)
    if not request.user.has_perm("assumptions.review_assumption", assumption):
        raise PermissionDenied
    form = ReviewForm(
        request.POST or None, assumption=assumption, initial={"new_wording": assumption.wording}
    )
    due = (
        timezone.localdate() >= assumption.review_due_on
        and assumption.status != AssumptionStatus.DISCARDED
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assumption_review(
                assumption=assumption,
                actor=request.user,
                outcome=data["outcome"],
                reasoning=data["reasoning"],
                new_wording=data["new_wording"],
                next_review_on=data["next_review_on"],
                evidence_ids=[int(i) for i in data["evidence"]],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The review was recorded and is now public."))
            return redirect(assumption.get_absolute_url())
    return render(
        request,
        "assumptions/review.html",
        {"assumption": assumption, "form": form, "due": due},
        status=400 if form.errors else 200,
    )
