"""Staff pages (under /staff/opinions/, so two-factor login is enforced):
create maps, moderate statements, download the Pol.is export."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from aufbruch.core.forms import add_service_errors
from aufbruch.staff.decorators import staff_view

from . import selectors, services
from .forms import ModerationForm, OpinionMapForm
from .models import OpinionMap, Statement
from .polis_io import polis_export

# The service names statements "text"; an error without a field belongs to the question.
SERVICE_FIELDS = {"text": "statements", NON_FIELD_ERRORS: "question"}


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


@staff_view("opinions.view_staff_area")
def staff_index(request: HttpRequest) -> HttpResponse:
    can_create = request.user.has_perm("opinions.create_map")
    form = OpinionMapForm()
    if request.method == "POST":
        _require(request, "opinions.create_map")
        form = OpinionMapForm(request.POST)
        if form.is_valid():
            try:
                opinion_map = services.opinion_map_create(
                    actor=request.user,
                    question=form.cleaned_data["question"],
                    description=form.cleaned_data["description"],
                    statements=form.statement_lines(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc, field_for=lambda key: SERVICE_FIELDS.get(key, key))
            else:
                messages.success(request, _("The opinion map has been published."))
                return redirect(opinion_map.get_absolute_url())
    return render(
        request,
        "opinions/staff_index.html",
        {"maps": list(selectors.opinion_map_staff_list()), "form": form, "can_create": can_create},
    )


@staff_view("opinions.moderate_statements")
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    opinion_map = get_object_or_404(OpinionMap, pk=pk)
    error = None
    if request.method == "POST":
        form = ModerationForm(request.POST)
        if form.is_valid():
            statement = get_object_or_404(
                Statement, pk=form.cleaned_data["statement"], opinion_map=opinion_map
            )
            services.statement_moderate(
                statement=statement, actor=request.user, state=form.cleaned_data["decision"]
            )
            messages.success(request, _("Decision saved."))
            return redirect("opinions_staff:moderate", pk=opinion_map.pk)
        error = _("Please choose accept or reject.")
    pending = list(selectors.pending_statements(opinion_map=opinion_map))
    return render(
        request,
        "opinions/staff_moderate.html",
        {"opinion_map": opinion_map, "pending": pending, "error": error},
        status=400 if error else 200,
    )


@staff_view("opinions.export_map")
def export(request: HttpRequest, pk: int) -> HttpResponse:
    opinion_map = get_object_or_404(OpinionMap, pk=pk)
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        polis_export(opinion_map=opinion_map, directory=tmp)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(tmp).iterdir()):
                archive.write(path, arcname=path.name)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="meinungsbild-{opinion_map.pk}-polis.zip"'
    )
    return response
