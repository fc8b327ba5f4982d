from django.urls import path

from . import staff_views as views

app_name = "projects_staff"
urlpatterns = [
    path("", views.manage_list, name="list"),
    path("<int:pk>/", views.manage_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("<int:pk>/updates/", views.update_post, name="update"),
    path("<int:pk>/complete/", views.project_complete, name="complete"),
]
