from django.urls import path

from . import staff_views

app_name = "opinions_staff"
urlpatterns = [
    path("", staff_views.staff_index, name="index"),
    path("<int:pk>/moderate/", staff_views.moderate, name="moderate"),
    path("<int:pk>/export.zip", staff_views.export, name="export"),
]
