"""Programme office and guides: mounted at /staff/boards/ (behind staff MFA)."""

from django.urls import path

from . import staff_views

app_name = "boards_staff"
urlpatterns = [
    path("", staff_views.board_admin_list, name="list"),
    path("<slug:slug>/", staff_views.board_manage, name="manage"),
    path("<slug:slug>/call/", staff_views.call_open, name="call_open"),
    path("<slug:slug>/applications/<int:pk>/", staff_views.application_review, name="application"),
    path("<slug:slug>/memberships/<int:pk>/consent/", staff_views.consent_record, name="consent"),
    path("recommendations/<int:pk>/close/", staff_views.vote_close, name="vote_close"),
    path("recommendations/<int:pk>/answer/", staff_views.answer, name="answer"),
]
