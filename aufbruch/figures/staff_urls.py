from django.urls import path

from . import staff_views

app_name = "figures_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("population/", staff_views.population_edit, name="population"),
    path("population/import/", staff_views.population_import, name="population_import"),
    path("reports/preview/", staff_views.report_preview, name="report_preview"),
    path("reports/", staff_views.report_issue, name="report_issue"),
    path("reports/<int:pk>/", staff_views.report_detail, name="report"),
    path("reports/<int:pk>.pdf", staff_views.report_pdf, name="report_pdf"),
    path("reports/<int:pk>.csv", staff_views.report_csv, name="report_csv"),
]
