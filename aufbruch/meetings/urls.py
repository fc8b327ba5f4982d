"""Mounted at the site root: the public pages under /events/, the staff
pages under /staff/events/ (behind the staff area's second factor), one
namespace so the URL names stay the same. The former /events/manage/ and
check-in addresses answer with a permanent redirect (staff have bookmarks)."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import live_views, manage_views, views

app_name = "meetings"
public_urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("feed.ics", views.meeting_feed, name="feed"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/calendar.ics", views.meeting_ics, name="ics"),
    path("<int:pk>/register/", views.meeting_register, name="register"),
    path("registration/<str:secret>/", views.ticket, name="ticket"),
    path("registration/<str:secret>/confirm/", views.guest_confirm, name="guest_confirm"),
    path("registration/<str:secret>/cancel/", views.registration_cancel, name="cancel"),
    path("<int:pk>/live/<int:session_id>/", live_views.live_page, name="live"),
    path(
        "<int:pk>/live/<int:session_id>/vote/<int:contribution_id>/",
        live_views.live_vote,
        name="live_vote",
    ),
    path("<int:pk>/live/<int:session_id>/projector/", live_views.projector, name="projector"),
]
staff_urlpatterns = [
    path("", manage_views.manage_list, name="manage_list"),
    path("new/", manage_views.manage_create, name="manage_create"),
    path("<int:pk>/edit/", manage_views.manage_edit, name="manage_edit"),
    path("<int:pk>/agenda/", manage_views.manage_agenda, name="manage_agenda"),
    path("<int:pk>/sessions/<int:session_id>/", manage_views.manage_session, name="manage_session"),
    path("<int:pk>/attendees/", manage_views.manage_attendees, name="manage_attendees"),
    path("<int:pk>/results/", manage_views.manage_results, name="manage_results"),
    path("<int:pk>/check-in/", manage_views.check_in, name="check_in"),
    path("<int:pk>/live/<int:session_id>/", live_views.live_moderation, name="live_moderation"),
]
urlpatterns = [
    path("events/", include(public_urlpatterns)),
    path("staff/events/", include(staff_urlpatterns)),
    re_path(
        r"^events/manage/(?P<rest>.*)$",
        RedirectView.as_view(url="/staff/events/%(rest)s", permanent=True, query_string=True),
    ),
    path(
        "events/<int:pk>/check-in/",
        RedirectView.as_view(pattern_name="meetings:check_in", permanent=True, query_string=True),
    ),
]
