from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from aufbruch.comments.forms import add_service_errors
from aufbruch.core.ratelimit import ratelimit

from . import selectors, services
from .forms import BlockForm, DecisionForm, ReportForm, UnblockForm
from .registry import all_reportables, reportable


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _staff(request: HttpRequest) -> None:
    if not request.user.has_perm("moderation.moderate"):
        raise PermissionDenied


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


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _staff(request)
    return render(
        request,
        "moderation/queue.html",
        {
            "groups": selectors.open_report_groups(),
            "hidden": selectors.recently_hidden(),
            "blocked": list(selectors.blocked_users()),
        },
    )


def _get_target(kind: str, pk: int):
    entry = reportable(kind)
    if entry is None:
        raise Http404
    return entry, get_object_or_404(entry.model._default_manager.select_related("author"), pk=pk)


@login_required
def item(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _staff(request)
    entry, target = _get_target(kind, pk)
    form = DecisionForm(_data(request))
    if form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if action == "hide":
                services.content_hide(target=target, actor=request.user, reason=reason)
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
            "reports": list(selectors.reports_on(target)),
            "history": list(selectors.moderation_history(target)),
            "author": author,
            "author_hidden_count": selectors.hidden_count_by_author(author) if author else 0,
            "kinds": all_reportables(),
        },
    )


@login_required
def block(request: HttpRequest, user_pk: int) -> HttpResponse:
    _staff(request)
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


@login_required
def unblock(request: HttpRequest, user_pk: int) -> HttpResponse:
    _staff(request)
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
