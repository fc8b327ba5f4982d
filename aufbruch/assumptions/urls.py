from django.urls import path

from . import views

app_name = "assumptions"
urlpatterns = [
    path("", views.assumption_list, name="list"),
    path("<int:pk>/", views.assumption_detail, name="detail"),
    path("report/", views.assumption_report, name="report"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/<int:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/review/", views.review, name="review"),
]
