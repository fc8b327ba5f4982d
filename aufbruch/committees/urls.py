from django.urls import path

from . import position_views, views

app_name = "committees"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("items/<int:pk>/remove/", views.agenda_remove, name="agenda_remove"),
    path("<int:pk>/decide/", views.meeting_decide, name="decide"),
    path("<int:pk>/paper/", views.paper, name="paper"),
    path("<int:pk>/paper.csv", views.paper_csv, name="paper_csv"),
    path("<int:pk>/paper.pdf", views.paper_pdf, name="paper_pdf"),
]
urlpatterns += [path("items/<int:pk>/summary/", views.plain_summary, name="plain_summary")]
urlpatterns += [
    path("positions/", position_views.position_list, name="positions"),
    path("items/<int:pk>/position/", position_views.position_edit, name="position"),
]
