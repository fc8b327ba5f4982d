"""Staff dashboards: the programme office sees the whole city and every
department, a guide the departments they look after. Under /staff/, so the
StaffMFAMiddleware requires two-factor authentication first."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from aufbruch.ideas.models import IdeaStatus
from aufbruch.organisation.models import Department
from aufbruch.staff.decorators import staff_view
from aufbruch.staff.selectors import guide_department_ids

from . import charts, selectors


def _charts(data: selectors.Dashboard) -> dict:
    series = [(s.status, s.label, f"ab-status-{s.status}") for s in data.status_counts]
    return {
        "data": data,
        "status_chart": charts.bar_chart(
            [(s.label, s.count, f"ab-status-{s.status}") for s in data.status_counts]
        ),
        "time_chart": charts.stacked_chart(data.months, series),
        "series": series,
        "month_rows": [(m.month, m.ordered(list(IdeaStatus.values)), m.total) for m in data.months],
    }


@staff_view("dashboards.view_dashboards")
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.has_perm("dashboards.view_overall"):
        context = _charts(selectors.cached("all", selectors.dashboard))
        context["departments"] = selectors.cached("departments", selectors.department_table)
        return render(request, "dashboards/overall.html", context)
    own = list(Department.objects.filter(pk__in=guide_department_ids(user)).order_by("name"))
    if not own:
        raise PermissionDenied
    rows = selectors.cached(
        f"departments:{'-'.join(str(d.pk) for d in own)}", lambda: selectors.department_table(own)
    )
    return render(request, "dashboards/index.html", {"departments": rows})


def _department(kwargs: dict) -> Department:
    kwargs["dept"] = get_object_or_404(Department, slug=kwargs.pop("slug"))
    return kwargs["dept"]


@staff_view("dashboards.view_department", obj=_department)
def department(request: HttpRequest, dept: Department) -> HttpResponse:
    context = _charts(selectors.cached(f"department:{dept.pk}", lambda: selectors.dashboard(dept)))
    context["department"] = dept
    return render(request, "dashboards/department.html", context)
