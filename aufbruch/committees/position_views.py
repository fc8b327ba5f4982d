"""Staff pages for the administration's position on agenda items."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aufbruch.staff.decorators import staff_view

from . import positions, selectors
from .forms import PositionForm, ReviewForm
from .models import AgendaItem, PositionStatus


@require_GET
@staff_view("committees.view_paper")
def position_list(request):
    return render(
        request,
        "committees/position_list.html",
        {"items": selectors.open_items_for_positions(request.user)},
    )


def _initial(position) -> dict:
    if position is None:
        return {}
    cost = (
        "" if position.cost_estimate is None else f"{position.cost_estimate:.2f}".replace(".", ",")
    )
    return {
        "position": position.position,
        "proposed_resolution": position.proposed_resolution,
        "cost_estimate": cost,
        "cost_note": position.cost_note,
    }


@require_http_methods(["GET", "POST"])
@staff_view("committees.view_paper")
def position_edit(request, pk: int):
    item = get_object_or_404(
        AgendaItem.objects.select_related("idea", "meeting", "administration_position"), pk=pk
    )
    can_write = request.user.has_perm("committees.write_position", item.idea)
    can_approve = request.user.has_perm("committees.approve_position")
    if not (can_write or can_approve):
        raise PermissionDenied
    position = getattr(item, "administration_position", None)
    form = PositionForm(initial=_initial(position))
    review_form = ReviewForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "save":
                form = PositionForm(request.POST)
                if form.is_valid():
                    positions.position_save(item=item, actor=request.user, **form.cleaned_data)
                    messages.success(request, _("The draft was saved."))
                    return redirect("committees:position", pk=pk)
            elif action == "submit":
                positions.position_submit(item=item, actor=request.user)
                messages.success(request, _("The position was submitted to the programme office."))
                return redirect("committees:position", pk=pk)
            elif action in ("approve", "return"):
                review_form = ReviewForm(request.POST)
                if review_form.is_valid():
                    positions.position_review(
                        item=item,
                        actor=request.user,
                        approve=action == "approve",
                        note=review_form.cleaned_data["review_note"],
                    )
                    messages.success(
                        request,
                        _("The position was approved.")
                        if action == "approve"
                        else _("The position was returned for changes."),
                    )
                    return redirect("committees:position", pk=pk)
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as exc:
            target = review_form if action in ("approve", "return") else form
            target.add_service_error(exc)
        status = 400
    return render(
        request,
        "committees/position_edit.html",
        {
            "item": item,
            "position": position,
            "form": form,
            "review_form": review_form,
            "can_write": can_write and item.meeting.decided_at is None,
            "can_approve": can_approve
            and position is not None
            and position.status == PositionStatus.SUBMITTED,
            "can_submit": can_write
            and position is not None
            and position.status == PositionStatus.DRAFT,
        },
        status=status,
    )
