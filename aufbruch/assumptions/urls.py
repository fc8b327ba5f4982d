"""Mounted at the site root: the public pages under /assumptions/, the staff
pages under /staff/assumptions/ (behind the staff area's second factor), one
namespace so the URL names stay the same. The former /assumptions/manage/
addresses answer with a permanent redirect (staff have bookmarks)."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import views

app_name = "assumptions"
public_urlpatterns = [
    path("", views.assumption_list, name="list"),
    path("<int:pk>/", views.assumption_detail, name="detail"),
    path("report/", views.assumption_report, name="report"),
]
staff_urlpatterns = [
    path("", views.manage_list, name="manage_list"),
    path("<int:pk>/", views.manage_detail, name="manage_detail"),
    path("<int:pk>/review/", views.review, name="review"),
]
urlpatterns = [
    path("assumptions/", include(public_urlpatterns)),
    path("staff/assumptions/", include(staff_urlpatterns)),
    re_path(
        r"^assumptions/manage/(?P<rest>.*)$",
        RedirectView.as_view(url="/staff/assumptions/%(rest)s", permanent=True, query_string=True),
    ),
]
