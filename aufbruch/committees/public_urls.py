from django.urls import path

from . import public_views

app_name = "council"
urlpatterns = [
    path("", public_views.session_list, name="list"),
    path("<int:pk>/", public_views.session_detail, name="detail"),
]
