from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("report/<slug:kind>/<int:pk>/", views.report, name="report"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
]
