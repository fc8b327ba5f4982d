from django.urls import path

from . import live_views, manage_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("feed.ics", views.meeting_feed, name="feed"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/calendar.ics", views.meeting_ics, name="ics"),
    path("<int:pk>/register/", views.meeting_register, name="register"),
    path("<int:pk>/check-in/", manage_views.check_in, name="check_in"),
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
    path("manage/", manage_views.manage_list, name="manage_list"),
    path("manage/new/", manage_views.manage_create, name="manage_create"),
    path("manage/<int:pk>/edit/", manage_views.manage_edit, name="manage_edit"),
    path("manage/<int:pk>/agenda/", manage_views.manage_agenda, name="manage_agenda"),
    path(
        "manage/<int:pk>/sessions/<int:session_id>/",
        manage_views.manage_session,
        name="manage_session",
    ),
    path("manage/<int:pk>/attendees/", manage_views.manage_attendees, name="manage_attendees"),
    path("manage/<int:pk>/results/", manage_views.manage_results, name="manage_results"),
    path(
        "manage/<int:pk>/live/<int:session_id>/", live_views.live_moderation, name="live_moderation"
    ),
]
