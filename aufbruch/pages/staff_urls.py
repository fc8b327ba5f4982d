from django.urls import path

from . import views

app_name = "pages_staff"
urlpatterns = [
    path("", views.staff_index, name="index"),
    path("<slug:slug>/", views.staff_edit, name="edit"),
    path("<slug:slug>/versions/<int:number>/", views.staff_preview, name="preview"),
    path("<slug:slug>/versions/<int:number>/publish/", views.staff_publish, name="publish"),
    path("dgs/<slug:topic>/", views.staff_sign_video, name="sign_video"),
    path("dgs/<slug:topic>/remove/", views.staff_sign_video_remove, name="sign_video_remove"),
]
