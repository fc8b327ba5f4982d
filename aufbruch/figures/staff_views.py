"""The staff side of the figures: participation against the population
(which the office enters or imports), and the Sachstandsberichte."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aufbruch.committees.selectors import PRINT_STYLESHEETS
from aufbruch.core.csv import csv_response
from aufbruch.core.pdf import html_to_pdf, pdf_available
from aufbruch.staff.decorators import staff_view

from . import reports, selectors, services
from .forms import PeriodForm, PopulationForm, PopulationImportForm
from .models import PopulationFigure, StatusReport
from .population import MAX_BYTES
from .views import participation_context


def _population_initial() -> dict:
    return {
        (("age", f.age_band) if f.age_band else ("district", f.district_id)): f.residents
        for f in PopulationFigure.objects.all()
    }


def _render_index(request, *, population_form=None, import_form=None, period_form=None, status=200):
    can_manage = request.user.has_perm("figures.manage_population")
    context = participation_context(selectors.participation()) | {
        "can_manage": can_manage,
        "can_issue": request.user.has_perm("figures.issue_report"),
        "population_form": population_form
        or (PopulationForm(initial_figures=_population_initial()) if can_manage else None),
        "import_form": import_form or (PopulationImportForm() if can_manage else None),
        "period_form": period_form or PeriodForm(),
        "reports": list(
            StatusReport.objects.select_related("issued_by").order_by("-issued_at")[:50]
        ),
    }
    return render(request, "figures/staff_index.html", context, status=status)


@require_GET
@staff_view("figures.view_participation_staff")
def index(request):
    return _render_index(request)


@require_POST
@staff_view("figures.manage_population")
def population_edit(request):
    form = PopulationForm(request.POST)
    if form.is_valid():
        age, district = form.figures()
        try:
            services.population_replace(actor=request.user, age=age, district=district)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The population figures were saved."))
            return redirect("figures_staff:index")
    return _render_index(request, population_form=form, status=400)


@require_POST
@staff_view("figures.manage_population")
def population_import(request):
    form = PopulationImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.population_import(
                actor=request.user, raw=form.cleaned_data["file"].read(MAX_BYTES + 1)
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The population figures were imported."))
            return redirect("figures_staff:index")
    return _render_index(request, import_form=form, status=400)


def _report_context(data: dict) -> dict:
    return {
        "report": data,
        "threshold": settings.SMALL_GROUP_THRESHOLD,
        "letterhead": settings.COMMITTEE_LETTERHEAD,
        "city": settings.CITY_NAME,
    }


@require_GET
@staff_view("figures.view_reports")
def report_preview(request):
    form = PeriodForm(request.GET or None)
    if form.is_valid():
        try:
            start, end = services.clean_period(form.cleaned_data["start"], form.cleaned_data["end"])
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            context = _report_context(reports.report_data(start=start, end=end)) | {
                "preview": True,
                "period_form": form,
                "can_issue": request.user.has_perm("figures.issue_report"),
            }
            return render(request, "figures/report.html", context)
    return _render_index(request, period_form=form, status=400)


@require_POST
@staff_view("figures.issue_report")
def report_issue(request):
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            report = services.report_issue(
                actor=request.user, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The report was issued and archived."))
            return redirect("figures_staff:report", pk=report.pk)
    return _render_index(request, period_form=form, status=400)


@require_GET
@staff_view("figures.view_reports")
def report_detail(request, pk: int):
    report = get_object_or_404(StatusReport, pk=pk)
    context = _report_context(report.data) | {"archived": report, "pdf_available": pdf_available()}
    return render(request, "figures/report.html", context)


@require_GET
@staff_view("figures.view_reports")
def report_pdf(request, pk: int):
    if not pdf_available():
        raise Http404
    report = get_object_or_404(StatusReport, pk=pk)
    html = render_to_string(
        "figures/report_print.html",
        _report_context(report.data) | {"archived": report},
        request=request,
    )
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"), stylesheets=PRINT_STYLESHEETS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sachstandsbericht-{report.pk}.pdf"'
    return response


@require_GET
@staff_view("figures.view_reports")
def report_csv(request, pk: int):
    report = get_object_or_404(StatusReport, pk=pk)
    return csv_response(
        f"sachstandsbericht-{report.pk}.csv",
        [_("Section"), _("Item"), _("Value"), _("Residents")],
        reports.csv_rows(report.data),
    )
