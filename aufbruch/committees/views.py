"""The programme office's committee pages and the committee paper (HTML, CSV, PDF)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aufbruch.core.csv import csv_response
from aufbruch.core.forms import service_error_dict
from aufbruch.core.links import absolute_url
from aufbruch.core.pdf import html_to_pdf
from aufbruch.core.text import plain_text
from aufbruch.ideas.models import Idea
from aufbruch.staff.decorators import staff_view

from . import selectors, services
from .forms import AgendaAddForm, MeetingForm
from .models import AgendaItem, CommitteeMeeting, Decision


@require_http_methods(["GET", "POST"])
@staff_view("committees.manage_meetings")
def meeting_list(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The committee meeting was created."))
            return redirect("committees:detail", pk=meeting.pk)
    items = list(selectors.meetings()[:100])
    return render(
        request,
        "committees/meeting_list.html",
        {"form": form, "meetings": items},
        status=400 if form.errors else 200,
    )


def _render_detail(
    request, meeting, *, add_form=None, decision_errors=None, decision_data=None, status=200
):
    agenda = selectors.agenda(meeting)
    candidates = [] if meeting.decided_at else selectors.pool_candidates(meeting)
    rows = []
    for item in agenda:
        prefix = f"item-{item.pk}"
        rows.append(
            {
                "item": item,
                "prefix": prefix,
                "decision": (decision_data or {}).get(f"{prefix}-decision", item.decision),
                "explanation": (decision_data or {}).get(f"{prefix}-explanation", item.explanation),
                "decision_errors": (decision_errors or {}).get(f"{prefix}-decision", []),
                "explanation_errors": (decision_errors or {}).get(f"{prefix}-explanation", []),
            }
        )
    context = {
        "meeting": meeting,
        "rows": rows,
        "decisions": Decision.choices,
        "decision_errors": decision_errors,
        "general_errors": (decision_errors or {}).get("__all__", []),
        "add_form": add_form or AgendaAddForm(candidates=candidates),
        "has_candidates": bool(candidates),
        "pdf_available": selectors.pdf_available(),
    }
    return render(request, "committees/meeting_detail.html", context, status=status)


@require_GET
@staff_view("committees.manage_meetings")
def meeting_detail(request, pk: int):
    return _render_detail(request, get_object_or_404(CommitteeMeeting, pk=pk))


@require_POST
@staff_view("committees.manage_meetings")
def agenda_add(request, pk: int):
    meeting = get_object_or_404(CommitteeMeeting, pk=pk)
    form = AgendaAddForm(request.POST, candidates=selectors.pool_candidates(meeting))
    if form.is_valid():
        idea = Idea.objects.filter(pk=form.cleaned_data["idea"]).first()
        try:
            if idea is None:
                raise ValidationError(
                    {"idea": [_("Only ideas in the project pool can be put on the agenda.")]}
                )
            services.agenda_add(meeting=meeting, idea=idea, actor=request.user)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The idea was put on the agenda."))
            return redirect("committees:detail", pk=pk)
    return _render_detail(request, meeting, add_form=form, status=400)


@require_POST
@staff_view("committees.manage_meetings")
def agenda_remove(request, pk: int):
    item = get_object_or_404(AgendaItem, pk=pk)
    try:
        services.agenda_remove(item=item, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The idea was taken off the agenda."))
    return redirect("committees:detail", pk=item.meeting_id)


@require_POST
@staff_view("committees.manage_meetings")
def meeting_decide(request, pk: int):
    meeting = get_object_or_404(CommitteeMeeting, pk=pk)
    decisions = {}
    for item_id in meeting.items.values_list("pk", flat=True):
        decisions[item_id] = (
            request.POST.get(f"item-{item_id}-decision", ""),
            request.POST.get(f"item-{item_id}-explanation", ""),
        )
    try:
        services.meeting_record_decisions(meeting=meeting, actor=request.user, decisions=decisions)
    except ValidationError as exc:
        errors = service_error_dict(exc)
        meeting.refresh_from_db()
        return _render_detail(
            request, meeting, decision_errors=errors, decision_data=request.POST, status=400
        )
    messages.success(request, _("The decisions were recorded; everyone concerned is notified."))
    return redirect("committees:detail", pk=pk)


def _paper_context(meeting):
    items = selectors.agenda(meeting)
    groups = selectors.supporter_groups([item.idea_id for item in items])
    return {
        "meeting": meeting,
        "items": [(item, groups.get(item.idea_id, {})) for item in items],
        "item_count": len(items),
        "letterhead": settings.COMMITTEE_LETTERHEAD,
        "threshold": settings.SMALL_GROUP_THRESHOLD,
    }


@require_GET
@staff_view("committees.view_paper")
def paper(request, pk: int):
    meeting = get_object_or_404(CommitteeMeeting, pk=pk)
    context = _paper_context(meeting) | {"pdf_available": selectors.pdf_available()}
    return render(request, "committees/paper.html", context)


@require_GET
@staff_view("committees.view_paper")
def paper_csv(request, pk: int):
    meeting = get_object_or_404(CommitteeMeeting, pk=pk)
    header = [
        _("Item"),
        _("Idea"),
        _("Title"),
        _("Field of action"),
        _("District"),
        _("Department"),
        _("Supports"),
        _("Submitted"),
        _("Decision"),
        _("Explanation"),
        _("Link"),
    ]
    rows = [
        [
            n,
            item.idea.pk,
            item.idea.title,
            item.idea.topic.name,
            item.idea.district.name if item.idea.district_id else "",
            item.idea.department.name if item.idea.department_id else "",
            item.idea.support_count,
            timezone.localdate(item.idea.created_at).isoformat(),
            item.get_decision_display() if item.decision else "",
            plain_text(item.explanation),
            absolute_url(item.idea.get_absolute_url()),
        ]
        for n, item in enumerate(selectors.agenda(meeting), start=1)
    ]
    return csv_response(f"vorlage-{meeting.pk}.csv", header, rows)


@require_GET
@staff_view("committees.view_paper")
def paper_pdf(request, pk: int):
    if not selectors.pdf_available():
        raise Http404
    meeting = get_object_or_404(CommitteeMeeting, pk=pk)
    html = render_to_string("committees/paper_print.html", _paper_context(meeting), request=request)
    pdf = html_to_pdf(
        html, base_url=request.build_absolute_uri("/"), stylesheets=selectors.PRINT_STYLESHEETS
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="vorlage-{meeting.pk}.pdf"'
    return response


@require_POST
@staff_view("committees.view_paper")
def plain_summary(request, pk: int):
    item = get_object_or_404(AgendaItem.objects.select_related("idea"), pk=pk)
    if not request.user.has_perm("committees.write_plain_summary", item.idea):
        raise PermissionDenied
    try:
        services.agenda_item_set_plain_summary(
            item=item, actor=request.user, text=request.POST.get("plain_summary", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The short summary in plain words was saved."))
    return redirect("committees:detail", pk=item.meeting_id)
