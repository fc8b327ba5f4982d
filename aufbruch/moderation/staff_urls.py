"""Mounted at /staff/moderation/ (staff area: MFA required by middleware)."""

from django.urls import path

from . import views

app_name = "moderation_staff"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("objections/<int:pk>/", views.objection, name="objection"),
    path("<slug:kind>/<int:pk>/", views.item, name="item"),
    path("users/<int:user_pk>/block/", views.block, name="block"),
    path("users/<int:user_pk>/unblock/", views.unblock, name="unblock"),
]
