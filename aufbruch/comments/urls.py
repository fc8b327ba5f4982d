from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("idea/<int:idea_pk>/", views.comment_create, name="create"),
    path("<int:pk>/reply/", views.comment_reply, name="reply"),
    path("<int:pk>/edit/", views.comment_edit, name="edit"),
    path("<int:pk>/delete/", views.comment_delete, name="delete"),
    path("<int:pk>/helpful/", views.comment_helpful, name="helpful"),
    path("<int:pk>/helpful/undo/", views.comment_unhelpful, name="unhelpful"),
]
