from django.urls import path

from . import views

app_name = "guides"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("ideas/new/", views.idea_enter, name="idea_enter"),
    path("ideas/<int:pk>/", views.idea_detail, name="idea"),
    path("ideas/<int:pk>/assign/", views.idea_assign, name="idea_assign"),
    path("ideas/<int:pk>/status/", views.idea_status, name="idea_status"),
    path("ideas/<int:pk>/notes/", views.idea_note, name="idea_note"),
    path("ideas/<int:pk>/responses/", views.idea_respond, name="idea_respond"),
    path("ideas/<int:pk>/merge/", views.idea_merge, name="idea_merge"),
    path("responses/<int:pk>/edit/", views.response_edit, name="response_edit"),
    path("responses/<int:pk>/summary/", views.response_summary, name="response_summary"),
    path("roles/", views.roles, name="roles"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("settings/", views.process_settings, name="settings"),
]
