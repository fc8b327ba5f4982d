from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from aufbruch.core.forms import add_service_errors
from aufbruch.core.permissions import allowed
from aufbruch.core.ratelimit import ratelimit
from aufbruch.staff.decorators import staff_view

from . import selectors, services
from .forms import (
    BlockForm,
    DecisionForm,
    ObjectionDecisionForm,
    ObjectionForm,
    ReportForm,
    UnblockForm,
)
from .models import Objection
from .registry import all_reportables, reportable


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


MODERATE = "moderation.moderate"


def _target_url(target) -> str:
    try:
        return target.get_absolute_url()
    except Exception:  # noqa: BLE001
        return reverse("home")


@login_required
@ratelimit("report")
def report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry = reportable(kind)
    if entry is None:
        raise Http404
    target = get_object_or_404(entry.queryset(), pk=pk)
    if not request.user.has_perm("moderation.report_content"):
        raise PermissionDenied
    context = {"entry": entry, "target": target, "target_url": _target_url(target)}
    if getattr(target, "author_id", None) == request.user.pk:
        context["notice"] = _("This is your own contribution; you cannot report it.")
        return render(request, "moderation/report_form.html", context)
    if selectors.has_reported(user=request.user, target=target):
        context["notice"] = _(
            "You have already reported this. Thank you, the moderation team will look at it."
        )
        return render(request, "moderation/report_form.html", context)
    form = ReportForm(_data(request))
    if form.is_valid():
        try:
            services.report_create(
                reporter=request.user,
                target=target,
                reason=form.cleaned_data["reason"],
                explanation=form.cleaned_data["explanation"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Thank you for your report. The moderation team will look at it.")
            )
            return redirect(context["target_url"])
    context["form"] = form
    return render(request, "moderation/report_form.html", context)


@staff_view(MODERATE)
def queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "moderation/queue.html",
        {
            "groups": selectors.open_report_groups(),
            "hidden": selectors.recently_hidden(),
            "blocked": list(selectors.blocked_users()),
            "objections": selectors.open_objections(),
        },
    )


def _get_target(kind: str, pk: int):
    entry = reportable(kind)
    if entry is None:
        raise Http404
    return entry, get_object_or_404(entry.model._default_manager.select_related("author"), pk=pk)


@staff_view(MODERATE)
def item(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry, target = _get_target(kind, pk)
    form = DecisionForm(_data(request))
    reports = list(selectors.reports_on(target))
    if form.is_valid() and (
        form.cleaned_data["action"] == "hide"
        and not form.cleaned_data["ground"]
        and not any(r.status == "open" for r in reports)
    ):
        # Acting on content nobody reported: the statement must name the rule.
        if not form.cleaned_data["reason"].strip():
            form.add_error("reason", _("Please give a reason. The author will read it."))
        form.add_error("ground", _("Please choose which rule the content breaks."))
    if form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if action == "hide":
                services.content_hide(
                    target=target,
                    actor=request.user,
                    reason=reason,
                    ground=form.cleaned_data["ground"],
                )
                messages.success(request, _("The content is hidden. Its author has been told why."))
            elif action == "restore":
                services.content_restore(target=target, actor=request.user, reason=reason)
                messages.success(request, _("The content is visible again."))
            else:
                services.report_dismiss(target=target, actor=request.user, reason=reason)
                messages.success(request, _("The reports were dismissed."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("moderation_staff:queue")
    author = getattr(target, "author", None)
    return render(
        request,
        "moderation/item.html",
        {
            "entry": entry,
            "target": target,
            "target_url": _target_url(target),
            "form": form,
            "reports": reports,
            "history": list(selectors.moderation_history(target)),
            "decisions": selectors.decisions_on(target),
            "author": author,
            "author_hidden_count": selectors.hidden_count_by_author(author) if author else 0,
            "kinds": all_reportables(),
        },
    )


@staff_view(MODERATE)
def block(request: HttpRequest, user_pk: int) -> HttpResponse:
    person = get_object_or_404(get_user_model(), pk=user_pk, is_deleted=False)
    form = BlockForm(_data(request))
    if form.is_valid():
        try:
            services.user_block(
                user=person,
                actor=request.user,
                days=form.cleaned_data["days"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The account is blocked."))
            return redirect("moderation_staff:queue")
    return render(request, "moderation/block.html", {"person": person, "form": form})


@staff_view(MODERATE)
def unblock(request: HttpRequest, user_pk: int) -> HttpResponse:
    person = get_object_or_404(get_user_model(), pk=user_pk)
    if request.method != "POST":
        return redirect("moderation_staff:queue")
    form = UnblockForm(request.POST)
    if form.is_valid():
        try:
            services.user_unblock(
                user=person, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The account can write again."))
    return redirect("moderation_staff:queue")


@login_required
@ratelimit("report")
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """The statement of reasons of a decision (DSA Art. 17) for the author,
    the reporters and moderators, with the objection form (Art. 20)."""
    found = selectors.decision_for_viewer(pk, request.user)
    if found is None:
        raise Http404
    can_object = allowed(request.user, "moderation.object_to_decision", found)
    mine = Objection.objects.filter(decision=found, objector=request.user).first()
    form = ObjectionForm(_data(request)) if can_object and mine is None else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.objection_create(
                    decision=found, objector=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Your objection has been received. A moderator will review the decision."),
                )
                return redirect("moderation:decision", found.pk)
    target = found.content_object
    return render(
        request,
        "moderation/decision.html",
        {
            "decision": found,
            "entry": reportable(found.kind),
            "target_url": _target_url(target) if target is not None else "",
            "form": form,
            "mine": mine,
            "deadline": found.created_at + timedelta(days=services.OBJECTION_DAYS),
        },
        status=400 if form is not None and form.errors else 200,
    )


@staff_view(MODERATE)
def objection(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        Objection.objects.select_related("decision", "decision__decided_by", "objector"), pk=pk
    )
    form = ObjectionDecisionForm(_data(request))
    if form.is_valid():
        try:
            services.objection_decide(
                objection=found,
                actor=request.user,
                reverse_decision=form.cleaned_data["outcome"] == "reverse",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The objection is decided. The person has been told."))
            return redirect("moderation_staff:queue")
    target = found.decision.content_object
    return render(
        request,
        "moderation/objection.html",
        {
            "objection": found,
            "decision": found.decision,
            "entry": reportable(found.decision.kind),
            "target_url": _target_url(target) if target is not None else "",
            "form": form,
            "same_moderator": found.decision.decided_by_id == request.user.pk,
        },
        status=400 if form.errors else 200,
    )
