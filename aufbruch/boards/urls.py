from django.urls import path

from . import views

app_name = "boards"
ws = "<slug:slug>/workspace/"
urlpatterns = [
    path("", views.board_list, name="list"),
    path("<slug:slug>/", views.board_detail, name="detail"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/my-application/", views.my_application, name="my_application"),
    path("<slug:slug>/my-application/consent-form/", views.consent_form, name="consent_form"),
    path("<slug:slug>/membership/visibility/", views.membership_visibility, name="visibility"),
    path(
        "<slug:slug>/applications/<int:pk>/<str:kind>/",
        views.application_media,
        name="application_media",
    ),
    path(ws, views.workspace, name="workspace"),
    path(ws + "members/", views.members, name="members"),
    path(ws + "threads/new/", views.thread_new, name="thread_new"),
    path(ws + "threads/<int:pk>/", views.thread_detail, name="thread"),
    path(ws + "documents/", views.documents, name="documents"),
    path(ws + "documents/<int:pk>/", views.document_download, name="document"),
    path(ws + "meetings/", views.meetings, name="meetings"),
    path(ws + "meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path(ws + "recommendations/new/", views.recommendation_new, name="recommendation_new"),
    path(ws + "recommendations/<int:pk>/", views.recommendation_detail, name="recommendation"),
    path(
        ws + "recommendations/<int:pk>/comment/",
        views.recommendation_comment,
        name="recommendation_comment",
    ),
    path(
        ws + "recommendations/<int:pk>/open-vote/",
        views.recommendation_open_vote,
        name="recommendation_open_vote",
    ),
    path(
        ws + "recommendations/<int:pk>/vote/", views.recommendation_vote, name="recommendation_vote"
    ),
]
